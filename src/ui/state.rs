//! The reader's whole state. `update` changes it; `render` only reads it.

use ratatui::layout::Rect;

use std::ops::Range;

use super::decor::{self, Decor};
use super::geometry::{self, LayoutPrefs, Screen};
use super::highlight::Layer;
use super::keymap::Keymap;
use super::mode::Mode;
use super::notes::{ArticleMarks, Notes, NotesSnapshot, PlacedNotes, Selection};
use super::panel::PanelView;
use super::theme::Theme;
use super::wrap::{Anchor, ArticleLayout};
use crate::index::Corpus;
use crate::model::Article;
use crate::store::{ArticleKey, Edit, ReadingPosition};

pub use super::pane::Pane;

/// The list pane: the articles it shows (after filtering), which of them is
/// selected and which is at the top. `selected` and `offset` index `visible`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListView {
    pub visible: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    /// Text the list is filtered by (title, names, words of the body).
    pub filter: Option<String>,
    /// Articles whose body holds every word of the filter, with how many
    /// times.
    pub body_hits: std::collections::HashMap<usize, usize>,
    pub sort: ListSort,
    /// Articles of one outlet together (in the sort's order within).
    pub group_by_outlet: bool,
}

/// The order of the article list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListSort {
    /// Newest first; undated articles after, as given.
    Date,
    Outlet,
    Title,
    /// As the files, addresses and feeds were given (the bundled seeds'
    /// numbered order). The binary opens anything else newest first.
    #[default]
    Given,
}

impl ListSort {
    pub fn next(self) -> Self {
        match self {
            ListSort::Date => ListSort::Outlet,
            ListSort::Outlet => ListSort::Title,
            ListSort::Title => ListSort::Given,
            ListSort::Given => ListSort::Date,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ListSort::Date => "newest",
            ListSort::Outlet => "by outlet",
            ListSort::Title => "by title",
            ListSort::Given => "as given",
        }
    }
}

/// A search in the reading pane.
#[derive(Debug, Clone)]
pub struct Search {
    pub query: String,
    /// The article searched.
    pub article: usize,
    pub hits: Vec<std::ops::Range<usize>>,
    /// Hits as a highlight layer, the current one marked apart.
    pub layer: Layer,
    pub current: Option<usize>,
}

/// The article in the reading pane, laid out for the current width.
#[derive(Debug, Clone)]
pub struct ReaderView {
    pub article: usize,
    pub layout: ArticleLayout,
    /// Index of the row at the top of the pane.
    pub scroll: usize,
    /// Highlights and tags from the analysis.
    pub decor: Decor,
    /// The quotation jumped to with `]`/`[` or chosen in the panel.
    pub marked_quote: Option<usize>,
    /// Bookmarks and annotations placed in the text.
    pub notes: PlacedNotes,
}

/// Where the reader stood in an article, kept across articles and widths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Position {
    #[default]
    Top,
    /// A row before the body (title lines), by index.
    HeaderRow(usize),
    /// The body row starting at this byte of `Article::text` is at the top.
    Body(usize),
}

/// What the reader keeps for each article, by index.
#[derive(Debug, Clone)]
pub struct ArticleState {
    /// The article's key in the notes store.
    pub key: ArticleKey,
    /// Where the reader stood in it.
    pub position: Position,
    /// The reading position last sent to the store (byte offset), so
    /// positions are written only when they change.
    pub position_stored: Option<usize>,
    /// Whether it is read: its end has been shown, or it was marked so
    /// (kept in the store).
    pub read: bool,
    /// Marked unread by hand while open: reaching its end does not mark
    /// it read again until it is opened anew.
    pub kept_unread: bool,
    /// Whether its set-aside section is unfolded.
    pub set_aside_open: bool,
    /// Bookmark and annotation marks, for the list.
    pub marks: ArticleMarks,
}

impl ArticleState {
    fn new(key: ArticleKey) -> Self {
        ArticleState {
            key,
            position: Position::Top,
            position_stored: None,
            read: false,
            kept_unread: false,
            set_aside_open: false,
            marks: ArticleMarks::default(),
        }
    }
}

/// Everything the reader shows.
#[derive(Debug)]
pub struct App {
    pub corpus: Corpus,
    /// What has the keyboard.
    pub mode: Mode,
    pub focus: Pane,
    /// The side pane shown beside the reader when only two panes fit.
    pub side: Pane,
    pub list: ListView,
    pub reader: Option<ReaderView>,
    /// Per article, by index.
    pub articles: Vec<ArticleState>,
    pub search: Option<Search>,
    pub panel: PanelView,
    /// Only this speaker's voice: the list shows the articles quoting them
    /// and the reader marks their quotations. A corpus speaker's name.
    pub speaker_filter: Option<String>,
    /// Whether entities are highlighted (`e`).
    pub show_entities: bool,
    /// Bookmarks and annotations, and the edits queued for the store.
    pub notes: Notes,
    pub size: Rect,
    pub mouse_capture: bool,
    /// Messages for the status line (skipped files and the like); the last
    /// one shows until the next key.
    pub notices: Vec<String>,
    pub notices_seen: bool,
    /// A warning that stays on the top line until dismissed (`X`): the
    /// notes store was damaged and moved aside.
    pub banner: Option<String>,
    /// Files passed over because they are not articles.
    pub not_articles: usize,
    pub theme: Theme,
    /// The key bindings in force.
    pub keymap: Keymap,
    /// How the screen is shared between the panes.
    pub layout: LayoutPrefs,
    /// Subscribed feeds, and their refresh.
    pub feeds: super::feeds::Feeds,
    /// Articles from this index on were added (a feed refresh) and are not
    /// analyzed yet: the event loop has them analyzed.
    pub unanalyzed_from: Option<usize>,
    /// The article last sent to the store as open, so the reader starts on
    /// it next time.
    pub opened_stored: Option<usize>,
    /// Whether the one-line legend of entity styles shows.
    pub show_legend: bool,
    /// Whether copying to the clipboard (through the terminal) is allowed.
    pub clipboard: bool,
    /// Text to put on the clipboard: the event loop sends it (OSC 52).
    pub clipboard_out: Option<String>,
    /// The corrections made in this run, newest last: `r` with none at
    /// hand reverts the newest (a quotation marked not one leaves the
    /// panel, so it is not at hand there any more).
    pub corrections_made: Vec<crate::store::NoteId>,
    /// A file of quotations to write: the event loop writes it and says
    /// where.
    pub export_out: Option<super::export::Export>,
    /// Reading positions from an earlier run for articles not read yet.
    pending_positions: std::collections::HashMap<usize, ReadingPosition>,
    /// How many articles are read: the list's title says how many are not
    /// on every frame, which must not walk 50,000 articles to know.
    read_count: usize,
    pub quit: bool,
}

impl App {
    /// A reader over `corpus` for a terminal of `width` × `height`. The
    /// corpus may still be unanalyzed: analyses arrive as
    /// [`super::Action::Analyzed`].
    pub fn new(corpus: Corpus, width: u16, height: u16) -> Self {
        let count = corpus.articles.len();
        // Keys from the paths as given; the binary sets file keys that
        // survive a change of directory with `set_keys`.
        let articles = corpus
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let source = a.path.to_string_lossy();
                ArticleState::new(if corpus.is_loaded(i) {
                    ArticleKey::new(source, &a.text)
                } else {
                    ArticleKey::unread(source)
                })
            })
            .collect();
        let mut app = App {
            corpus,
            mode: Mode::Normal,
            focus: Pane::List,
            side: Pane::List,
            list: ListView {
                visible: (0..count).collect(),
                ..ListView::default()
            },
            reader: None,
            articles,
            search: None,
            panel: PanelView::default(),
            speaker_filter: None,
            show_entities: true,
            notes: Notes::default(),
            size: Rect::new(0, 0, width, height),
            mouse_capture: true,
            notices: Vec::new(),
            banner: None,
            notices_seen: false,
            not_articles: 0,
            theme: Theme::default(),
            keymap: Keymap::default(),
            layout: LayoutPrefs::default(),
            opened_stored: None,
            feeds: super::feeds::Feeds::default(),
            unanalyzed_from: None,
            show_legend: false,
            clipboard: true,
            clipboard_out: None,
            corrections_made: Vec::new(),
            export_out: None,
            pending_positions: Default::default(),
            read_count: 0,
            quit: false,
        };
        app.order_list();
        app.show_selected();
        app.refresh_panel();
        app
    }

    /// Reading positions from an earlier run, by article. The open article
    /// moves there too; an article not read yet, once it is.
    pub fn set_positions(&mut self, positions: Vec<(usize, ReadingPosition)>) {
        for (article, position) in positions {
            if !self.corpus.is_loaded(article) {
                self.pending_positions.insert(article, position);
                continue;
            }
            let offset = position.locate(&self.corpus.articles[article].text);
            if let Some(state) = self.articles.get_mut(article) {
                state.position_stored = Some(offset);
                state.position = if offset == 0 {
                    Position::Top
                } else {
                    Position::Body(offset)
                };
            }
        }
        self.restore_position();
    }

    /// Read marks from an earlier run, and the article open last, which
    /// opens again.
    pub fn set_read_states(&mut self, states: &crate::store::ReadStates) {
        self.set_read_marks(0, &states.read);
        if let Some(last) = states.last_opened {
            self.opened_stored = Some(last);
            self.open_article(last);
        }
    }

    /// Marks read the articles `read` counts from `first` (the store's
    /// marks of the articles from there on).
    pub fn set_read_marks(&mut self, first: usize, read: &[usize]) {
        for &article in read {
            if let Some(state) = self.articles.get_mut(first + article).filter(|s| !s.read) {
                state.read = true;
                self.read_count += 1;
            }
        }
    }

    /// Adds articles (a feed refresh brought them) at the end; the list
    /// takes them in its order, and the selection stays where it was.
    pub fn append_articles(&mut self, new: Vec<Article>) -> usize {
        if new.is_empty() {
            return 0;
        }
        let keys: Vec<ArticleKey> = new.iter().map(ArticleKey::of).collect();
        let added = self.corpus.append(new);
        let count = added.len();
        self.unanalyzed_from = Some(self.unanalyzed_from.unwrap_or(added.start));
        self.articles
            .extend(keys.into_iter().map(ArticleState::new));
        self.refresh_marks();
        self.refilter();
        if self.reader.is_none() {
            self.show_selected();
        }
        count
    }

    /// Marks article `index` read or unread, for the store too.
    pub fn set_read(&mut self, index: usize, read: bool) {
        let Some(state) = self.articles.get_mut(index) else {
            return;
        };
        if state.read != read {
            state.read = read;
            if read {
                self.read_count += 1;
            } else {
                self.read_count -= 1;
            }
            self.notes
                .outbox
                .push(Edit::set_read(state.key.clone(), read));
        }
    }

    /// How many articles are not read yet.
    pub fn unread_count(&self) -> usize {
        debug_assert_eq!(
            self.read_count,
            self.articles.iter().filter(|a| a.read).count(),
            "read marks change through set_read"
        );
        self.articles.len() - self.read_count
    }

    /// Articles read in the background arrived (their text replaced what
    /// the list showed): their keys take the text's hash, remembered
    /// positions apply, and the open one is shown again.
    pub fn articles_arrived(&mut self, arrived: &[usize]) {
        let mut positions = Vec::new();
        let open = self.reader.as_ref().map(|r| r.article);
        for &index in arrived {
            if let (Some(state), Some(article)) = (
                self.articles.get_mut(index),
                self.corpus.articles.get(index),
            ) {
                state.key.text_hash = crate::store::text_hash(&article.text);
            }
            if let Some(position) = self.pending_positions.remove(&index) {
                positions.push((index, position));
            }
        }
        if open.is_some_and(|o| arrived.contains(&o)) {
            // Laid out anew from its text, at its remembered position.
            let reader = self.reader.take();
            if let Some(reader) = reader {
                self.show_article(reader.article);
            }
        }
        if !positions.is_empty() {
            self.set_positions(positions);
        }
    }

    /// Queues a store edit for every reading position that changed since it
    /// was last stored, and for the open article. The event loop calls this
    /// when the reader is idle and before quitting, so scrolling does not
    /// write on every line.
    pub fn queue_position_edits(&mut self) {
        self.save_position();
        let open = self.reader.as_ref().map(|r| r.article);
        if let Some(open) = open.filter(|&o| Some(o) != self.opened_stored) {
            if let Some(state) = self.articles.get(open) {
                self.notes.outbox.push(Edit::opened(state.key.clone()));
                self.opened_stored = Some(open);
            }
        }
        for (state, article) in self.articles.iter_mut().zip(self.corpus.articles.iter()) {
            let offset = match state.position {
                Position::Body(offset) => offset,
                Position::Top | Position::HeaderRow(_) => 0,
            };
            let stored = state.position_stored;
            if stored == Some(offset) || (stored.is_none() && offset == 0) {
                continue;
            }
            let edit = Edit::set_position(state.key.clone(), &article.text, offset);
            self.notes.outbox.push(edit);
            state.position_stored = Some(offset);
        }
    }

    /// Sets the articles' keys in the notes store (one per article).
    pub fn set_keys(&mut self, keys: Vec<ArticleKey>) {
        if keys.len() == self.articles.len() {
            for (state, key) in self.articles.iter_mut().zip(keys) {
                state.key = key;
            }
            self.refresh_marks();
            self.place_notes();
        }
    }

    /// The articles' keys in the notes store, by index.
    pub fn keys(&self) -> Vec<ArticleKey> {
        self.articles.iter().map(|a| a.key.clone()).collect()
    }

    /// Shows a message in the status line until the next key.
    pub fn notify(&mut self, message: impl Into<String>) {
        self.notices.push(message.into());
        self.notices_seen = false;
    }

    /// Shares the screen as `layout` says from now on.
    pub fn set_layout(&mut self, layout: LayoutPrefs) {
        self.layout = layout;
        self.relayout();
        self.refresh_panel();
    }

    /// Draws with `theme` from now on.
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
        self.redecorate();
        self.place_notes();
    }

    /// The screen areas for the current size and focus.
    pub fn screen(&self) -> Screen {
        Screen::new(
            self.size,
            self.focus,
            self.side,
            &self.layout,
            self.show_legend,
        )
    }

    fn pane_area(&self, pane: Pane) -> Rect {
        let screen = Screen::new(self.size, pane, self.side, &self.layout, self.show_legend);
        match pane {
            Pane::List => screen.list,
            Pane::Reader => screen.reader,
            Pane::Panel => screen.panel,
        }
        .unwrap_or_default()
    }

    /// Rows of text the reading pane shows at once.
    pub fn reader_height(&self) -> usize {
        usize::from(
            geometry::reader_text(self.pane_area(Pane::Reader), self.layout.reader_max_width)
                .height
                .max(1),
        )
    }

    /// Articles the list pane shows at once (two rows each).
    pub fn list_height(&self) -> usize {
        usize::from(geometry::inner(self.pane_area(Pane::List)).height / 2).max(1)
    }

    /// Rows of the panel inside its border.
    pub fn panel_rows(&self) -> usize {
        usize::from(geometry::inner(self.pane_area(Pane::Panel)).height).max(1)
    }

    /// The text width of the reading pane.
    pub fn reader_width(&self) -> u16 {
        geometry::reader_text(self.pane_area(Pane::Reader), self.layout.reader_max_width).width
    }

    /// The largest useful scroll for the open article.
    pub fn max_scroll(&self) -> usize {
        self.reader
            .as_ref()
            .map(|r| r.layout.len().saturating_sub(self.reader_height()))
            .unwrap_or(0)
    }

    /// Shows the selected article in the reading pane.
    pub fn show_selected(&mut self) {
        if let Some(index) = self.selected_article() {
            self.show_article(index);
        }
    }

    /// Shows article `index` at its remembered position, laid out for the
    /// current width.
    fn show_article(&mut self, index: usize) {
        if self.reader.as_ref().is_some_and(|r| r.article == index) {
            return;
        }
        // Left, an article kept unread by hand may be marked read again
        // when next read to the end.
        if let Some(left) = self.reader.as_ref().map(|r| r.article) {
            if let Some(state) = self.articles.get_mut(left) {
                state.kept_unread = false;
            }
        }
        let Some(article) = self.corpus.articles.get(index) else {
            return;
        };
        let open = self.articles.get(index).is_some_and(|a| a.set_aside_open);
        let decor = decor::build(
            &self.corpus,
            index,
            &self.theme,
            self.speaker_filter.as_deref(),
        );
        let layout = ArticleLayout::with_extras(article, self.reader_width(), open, &decor.extras);
        self.save_position();
        self.reader = Some(ReaderView {
            article: index,
            layout,
            scroll: 0,
            decor,
            marked_quote: None,
            notes: PlacedNotes::default(),
        });
        if matches!(self.mode, Mode::Select(_)) {
            self.mode = Mode::Normal;
        }
        self.place_notes();
        self.restore_position();
        if self.panel.scope == super::panel::Scope::Article {
            self.refresh_panel();
        }
    }

    /// Lays the open article out again (new width, folding changed),
    /// keeping the text at the top of the pane. At the same width only the
    /// set-aside section changes; a new width starts a new layout, wrapped
    /// as it is shown.
    pub fn relayout(&mut self) {
        self.save_position();
        let width = self.reader_width();
        if let Some(reader) = &mut self.reader {
            if let Some(article) = self.corpus.articles.get(reader.article) {
                let open = self
                    .articles
                    .get(reader.article)
                    .is_some_and(|a| a.set_aside_open);
                if reader.layout.width == width.max(8) {
                    reader.layout.set_set_aside_open(article, open);
                } else {
                    reader.layout =
                        ArticleLayout::with_extras(article, width, open, &reader.decor.extras);
                }
            }
        }
        self.restore_position();
    }

    /// Rebuilds the open article's highlights and tags (analysis arrived,
    /// speaker filter changed). Only the pieces of text whose tags changed
    /// are wrapped again, and only when shown; the text at the top stays.
    pub fn redecorate(&mut self) {
        if let Some(reader) = &mut self.reader {
            reader.decor = decor::build(
                &self.corpus,
                reader.article,
                &self.theme,
                self.speaker_filter.as_deref(),
            );
            if let Some(article) = self.corpus.articles.get(reader.article) {
                let anchor = reader.layout.anchor_of_row(reader.scroll);
                let header = reader.layout.body().start;
                reader.layout.set_extras(article, &reader.decor.extras);
                reader.scroll = match anchor {
                    // The summary under the title may have grown: the title
                    // stays at the top, the body keeps its text there.
                    Some(Anchor::Header(row)) if row + 1 >= header => reader.layout.body().start,
                    Some(anchor) => reader.layout.row_of_anchor(anchor),
                    None => reader.scroll,
                };
            }
        }
        self.lay_out_visible();
    }

    /// Lays out the rows the reading pane shows. Near the end, exact
    /// heights replacing estimates can shorten the article: the scroll is
    /// clamped until what is shown is laid out.
    fn lay_out_visible(&mut self) {
        let height = self.reader_height();
        let Some(reader) = &mut self.reader else {
            return;
        };
        let Some(article) = self.corpus.articles.get(reader.article) else {
            return;
        };
        loop {
            let anchor = reader.layout.anchor_of_row(reader.scroll);
            reader.layout.lay_out(article, reader.scroll, height);
            if let Some(anchor) = anchor {
                reader.scroll = reader.layout.row_of_anchor(anchor);
            }
            let max = reader.layout.len().saturating_sub(height);
            if reader.scroll <= max {
                break;
            }
            reader.scroll = max;
        }
    }

    /// Whether part of the open article is not laid out yet.
    pub fn layout_pending(&self) -> bool {
        self.reader
            .as_ref()
            .is_some_and(|r| !r.layout.is_complete())
    }

    /// Lays out more of the open article for at most `budget`, keeping the
    /// text at the top of the pane in place (the event loop calls this when
    /// idle, so the scrollbar and percentage become exact); true while
    /// some is left.
    pub fn lay_out_more(&mut self, budget: std::time::Duration) -> bool {
        let Some(reader) = &mut self.reader else {
            return false;
        };
        let Some(article) = self.corpus.articles.get(reader.article) else {
            return false;
        };
        let anchor = reader.layout.anchor_of_row(reader.scroll);
        let more = reader.layout.lay_out_some(article, budget);
        if let Some(anchor) = anchor {
            reader.scroll = reader.layout.row_of_anchor(anchor);
        }
        more
    }

    /// Recomputes the panel's items for the current scope and article.
    pub fn refresh_panel(&mut self) {
        let article = self.reader.as_ref().map(|r| r.article);
        let width = geometry::inner(self.pane_area(Pane::Panel)).width;
        self.panel.refresh(&self.corpus, article, width);
        let rows = self.panel_rows();
        self.panel.keep_selection_visible(rows);
    }

    pub(crate) fn save_position(&mut self) {
        let Some(reader) = &self.reader else { return };
        let position = if reader.scroll < reader.layout.body().start {
            Position::HeaderRow(reader.scroll)
        } else {
            reader
                .layout
                .offset_of_row(reader.scroll)
                .map_or(Position::Top, Position::Body)
        };
        if let Some(state) = self.articles.get_mut(reader.article) {
            state.position = position;
        }
    }

    fn restore_position(&mut self) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        let position = self
            .articles
            .get(reader.article)
            .map(|a| a.position)
            .unwrap_or_default();
        let row = match position {
            Position::Top => 0,
            Position::HeaderRow(row) => row,
            Position::Body(offset) => {
                if let Some(article) = self.corpus.articles.get(reader.article) {
                    reader.layout.lay_out_offset(article, offset);
                }
                reader.layout.row_of_offset(offset).unwrap_or(0)
            }
        };
        reader.scroll = row;
        self.lay_out_visible();
        self.mark_read_if_at_end();
    }

    /// Sets the reading pane's scroll, clamped, and notes when the end of
    /// the article has been shown.
    pub fn scroll_reader_to(&mut self, row: usize) {
        let max = self.max_scroll();
        if let Some(reader) = &mut self.reader {
            reader.scroll = row.min(max);
        }
        self.lay_out_visible();
        self.save_position();
        self.mark_read_if_at_end();
    }

    /// An article counts as read once its end has been on screen while the
    /// reader had focus.
    pub fn mark_read_if_at_end(&mut self) {
        if self.focus != Pane::Reader {
            return;
        }
        let height = self.reader_height();
        let Some(reader) = &self.reader else { return };
        if reader.scroll + height >= reader.layout.body().end {
            let article = reader.article;
            if self.articles.get(article).is_some_and(|a| !a.kept_unread) {
                self.set_read(article, true);
            }
        }
    }

    /// The article selected in the list, if the list shows any.
    pub fn selected_article(&self) -> Option<usize> {
        self.list.visible.get(self.list.selected).copied()
    }

    /// Selects the list entry at `position` (clamped) and shows it.
    pub fn select(&mut self, position: usize) {
        if self.list.visible.is_empty() {
            return;
        }
        self.list.selected = position.min(self.list.visible.len() - 1);
        self.show_selected();
        self.keep_selection_visible();
    }

    /// Shows article `index`, selecting it in the list if the list shows it.
    pub fn open_article(&mut self, index: usize) {
        if let Some(position) = self.list.visible.iter().position(|&i| i == index) {
            self.list.selected = position;
            self.keep_selection_visible();
        }
        self.show_article(index);
    }

    /// Recomputes which articles the list shows, keeping the selected
    /// article selected when it is still shown.
    pub fn refilter(&mut self) {
        let keep = self.selected_article();
        let filter = self.list.filter.clone().unwrap_or_default();
        // Articles quoting the followed speaker (sorted), found once.
        let quoting: Option<Vec<usize>> = self.speaker_filter.as_ref().map(|_| {
            self.filtered_speaker()
                .map(|s| s.articles.clone())
                .unwrap_or_default()
        });
        let matcher = super::search::matcher(&filter);
        self.list.body_hits = self
            .corpus
            .fulltext
            .search(&filter)
            .into_iter()
            .map(|h| (h.article, h.count))
            .collect();
        self.list.visible = (0..self.corpus.articles.len())
            .filter(|i| quoting.as_ref().is_none_or(|q| q.binary_search(i).is_ok()))
            .filter(|&i| {
                self.list.body_hits.contains_key(&i) || self.article_matches(i, matcher.as_ref())
            })
            .collect();
        self.order_list();
        self.list.selected = keep
            .and_then(|k| self.list.visible.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.list.offset = 0;
        self.keep_selection_visible();
        self.show_selected();
    }

    /// Sets the list's starting order and selects its first article: the
    /// reader starts at the top of the list (not on the first file given,
    /// wherever the order puts it), unless the article open last reopens.
    pub fn set_sort(&mut self, sort: ListSort) {
        self.list.sort = sort;
        self.refilter();
        self.list.offset = 0;
        self.select(0);
    }

    /// Orders `list.visible` by the sort (stable: ties keep the given
    /// order), grouped by outlet when asked.
    pub(crate) fn order_list(&mut self) {
        let articles = &self.corpus.articles;
        // Compared in place: keys made for every article cost more than
        // the sort at 50,000 articles.
        let lower = |i: usize, of: fn(&crate::model::Article) -> String| {
            articles.get(i).map(of).unwrap_or_default()
        };
        let outlets: Vec<String> = match self.list.sort {
            ListSort::Outlet => self
                .list
                .visible
                .iter()
                .map(|&i| lower(i, |a| a.outlet_or_source().to_lowercase()))
                .collect(),
            _ if self.list.group_by_outlet => self
                .list
                .visible
                .iter()
                .map(|&i| lower(i, |a| a.outlet_or_source().to_lowercase()))
                .collect(),
            _ => Vec::new(),
        };
        let titles: Vec<String> = match self.list.sort {
            ListSort::Title => self
                .list
                .visible
                .iter()
                .map(|&i| lower(i, |a| a.title.to_lowercase()))
                .collect(),
            _ => Vec::new(),
        };
        let date = |i: usize| {
            articles
                .get(i)
                .and_then(|a| a.date.as_deref())
                .unwrap_or_default()
        };
        let sort = self.list.sort;
        let grouped = self.list.group_by_outlet || sort == ListSort::Outlet;
        // Positions into `visible` as it was, so the lowered names line up.
        let mut order: Vec<usize> = (0..self.list.visible.len()).collect();
        let visible = &self.list.visible;
        order.sort_by(|&x, &y| {
            let group = if grouped {
                outlets[x].cmp(&outlets[y])
            } else {
                std::cmp::Ordering::Equal
            };
            group.then_with(|| match sort {
                // Undated sort after every date: "" is below any date.
                ListSort::Date => date(visible[y]).cmp(date(visible[x])),
                ListSort::Title => titles[x].cmp(&titles[y]),
                ListSort::Outlet | ListSort::Given => std::cmp::Ordering::Equal,
            })
        });
        self.list.visible = order.into_iter().map(|x| visible[x]).collect();
    }

    /// Whether article `index` passes the list filter: its title, file
    /// name, or a name found in it.
    fn article_matches(&self, index: usize, matcher: Option<&aho_corasick::AhoCorasick>) -> bool {
        let Some(article) = self.corpus.articles.get(index) else {
            return false;
        };
        let Some(matcher) = matcher else {
            return true;
        };
        if matcher.is_match(&article.title) || matcher.is_match(&article.short_source()) {
            return true;
        }
        let Some(analysis) = self.corpus.analysis(index) else {
            return false;
        };
        let text = article.text.as_str();
        analysis
            .canonicals
            .iter()
            .any(|c| matcher.is_match(c.name.text(text)))
            || analysis
                .speakers
                .iter()
                .any(|s| matcher.is_match(s.name.text(text)))
    }

    /// Narrows everything to one speaker's voice, or clears that with
    /// `None`.
    pub fn set_speaker_filter(&mut self, name: Option<String>) {
        self.speaker_filter = name;
        self.refilter();
        self.redecorate();
        self.refresh_panel();
    }

    /// The speaker filter's speaker, when set and known.
    pub fn filtered_speaker(&self) -> Option<&crate::index::Speaker> {
        self.corpus.speaker_named(self.speaker_filter.as_deref()?)
    }

    /// Moves the list's offset so the selection is on screen.
    pub fn keep_selection_visible(&mut self) {
        let height = self.list_height();
        self.list.offset =
            super::geometry::offset_showing(self.list.offset, self.list.selected, height);
        let max_offset = self.list.visible.len().saturating_sub(height);
        self.list.offset = self.list.offset.min(max_offset);
    }

    /// Scrolls the reading pane so byte `offset` of the body is on screen,
    /// a third of the way down when it has to move.
    pub fn reveal(&mut self, offset: usize) {
        let height = self.reader_height();
        let Some(reader) = &mut self.reader else {
            return;
        };
        if let Some(article) = self.corpus.articles.get(reader.article) {
            reader.layout.lay_out_offset(article, offset);
        }
        let Some(row) = reader.layout.row_of_offset(offset) else {
            return;
        };
        if row < reader.scroll || row >= reader.scroll + height {
            self.scroll_reader_to(row.saturating_sub(height / 3));
        }
    }

    /// The reading position as a percentage of the article.
    pub fn percent(&self) -> u16 {
        let max = self.max_scroll();
        match &self.reader {
            Some(_) if max == 0 => 100,
            Some(reader) => ((reader.scroll.min(max) * 100) / max) as u16,
            None => 0,
        }
    }

    /// Takes what the store holds now.
    pub fn set_notes(&mut self, snapshot: NotesSnapshot) {
        if let Some(problem) = &snapshot.problem {
            log::warn!("edits waiting for the store: {problem}");
        }
        for refused in &snapshot.refused {
            self.notify(refused.clone());
        }
        self.notes.snapshot = snapshot;
        self.refresh_marks();
        self.place_notes();
        self.apply_corrections();
    }

    /// Queues an edit for the store and shows it as waiting until the
    /// store has it.
    pub fn submit(&mut self, edit: Edit) {
        self.notes.submit(edit);
        self.refresh_marks();
        self.place_notes();
        self.apply_corrections();
    }

    /// Applies the corrections stored or waiting when they changed, and
    /// shows them everywhere: the panel, the list under a followed
    /// speaker, the reader's tags.
    fn apply_corrections(&mut self) {
        let list = self.notes.corrections();
        if list.as_slice() == self.corpus.corrections() {
            return;
        }
        let keys = self.keys();
        self.corpus.set_corrections(keys, list);
        if self.speaker_filter.is_some() {
            self.refilter();
        }
        self.redecorate();
        self.refresh_panel();
    }

    /// Recomputes the list's bookmark and annotation marks.
    pub fn refresh_marks(&mut self) {
        let marks = self.notes.marks(self.articles.iter().map(|a| &a.key));
        for (state, marks) in self.articles.iter_mut().zip(marks) {
            state.marks = marks;
        }
    }

    /// Places the open article's notes in its text, for the reader.
    pub fn place_notes(&mut self) {
        let Some(index) = self.reader.as_ref().map(|r| r.article) else {
            return;
        };
        let placed = match (self.corpus.articles.get(index), self.articles.get(index)) {
            (Some(article), Some(state)) => {
                self.notes.placed(&article.text, &state.key, &self.theme)
            }
            _ => PlacedNotes::default(),
        };
        if let Some(reader) = &mut self.reader {
            reader.notes = placed;
        }
    }

    /// The entries of the open notes list.
    pub fn note_entries(&self) -> Vec<super::notes::NoteEntry> {
        let Some(view) = self.mode.notes_view() else {
            return Vec::new();
        };
        let keys: Vec<&ArticleKey> = self.articles.iter().map(|a| &a.key).collect();
        let open = self.reader.as_ref().map(|r| r.article);
        self.notes.entries(view, &keys, open, |a| {
            self.corpus.articles.get(a).map(|a| a.text.as_str())
        })
    }

    /// The sentences of an article: from its analysis, else its blocks.
    pub fn sentences(&self, index: usize) -> Vec<Range<usize>> {
        match self.corpus.analysis(index) {
            Some(analysis) if !analysis.sentences.is_empty() => {
                analysis.sentences.iter().map(|s| s.range()).collect()
            }
            _ => self
                .corpus
                .articles
                .get(index)
                .map(|a| a.blocks.iter().map(|b| b.range.clone()).collect())
                .unwrap_or_default(),
        }
    }

    /// Byte range of a selection in its article.
    pub fn selection_range(&self, selection: &Selection) -> Option<Range<usize>> {
        if let Some(quote) = &selection.quote {
            return Some(quote.clone());
        }
        let sentences = self.sentences(selection.article);
        let (from, to) = if selection.anchor <= selection.cursor {
            (selection.anchor, selection.cursor)
        } else {
            (selection.cursor, selection.anchor)
        };
        Some(sentences.get(from)?.start..sentences.get(to)?.end)
    }

    /// The quotation the reader points at: the marked one while it is on
    /// screen, else the first one on screen.
    pub fn quote_in_view(&self) -> Option<(usize, usize)> {
        let reader = self.reader.as_ref()?;
        let quotes = &self.corpus.analysis(reader.article)?.quotes;
        let bottom = reader.scroll + self.reader_height();
        let row_of = |q: &crate::analyze::Quote| reader.layout.row_of_offset(q.span.range().start);
        let marked = reader.marked_quote.filter(|&q| {
            quotes
                .get(q)
                .and_then(row_of)
                .is_some_and(|row| row >= reader.scroll && row < bottom)
        });
        if let Some(quote) = marked {
            return Some((reader.article, quote));
        }
        // The first quotation that ends below the top, if it starts on
        // screen (or above it).
        let top = self.top_offset()?;
        let first = quotes.partition_point(|q| q.span.range().end <= top);
        quotes
            .get(first)
            .filter(|q| row_of(q).is_some_and(|row| row < bottom))
            .map(|_| (reader.article, first))
    }

    /// Byte offset of the body text at the top of the reading pane.
    pub fn top_offset(&self) -> Option<usize> {
        let reader = self.reader.as_ref()?;
        let row = reader.scroll.max(reader.layout.body().start);
        reader.layout.offset_of_row(row)
    }
}

//! The reader's whole state. `update` changes it; `render` only reads it.

use ratatui::layout::Rect;

use super::decor::{self, Decor};
use super::geometry::{self, Screen};
use super::panel::PanelView;
use tui_textarea::TextArea;

use super::highlight::Layer;
use super::notes::{
    ArticleMarks, Confirm, Editor, NotesSnapshot, NotesView, PlacedNotes, Selection,
};
use super::theme::Theme;
use super::wrap::ArticleLayout;
use crate::index::Corpus;
use crate::store::{ArticleKey, Edit};

/// A pane that can hold focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Reader,
    /// The quotes-by-speaker panel.
    Panel,
}

/// The list pane: the articles it shows (after filtering), which of them is
/// selected and which is at the top. `selected` and `offset` index `visible`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListView {
    pub visible: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    /// Text the list is filtered by (title, names).
    pub filter: Option<String>,
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

/// What a line of input at the bottom of the screen is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `/` in the reading pane.
    Search,
    /// `/` in the list.
    Filter,
    /// The fuzzy speaker picker.
    Speaker,
}

/// A line of input being typed.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
    /// Where the reading pane was when the prompt opened, to go back to on
    /// Esc.
    pub origin_scroll: usize,
    /// The list filter before the prompt opened, likewise.
    pub origin_filter: Option<String>,
    /// For the speaker picker: matching speakers (indices into
    /// `Corpus::speakers`), best first, and the one chosen.
    pub matches: Vec<usize>,
    pub choice: usize,
}

impl Prompt {
    /// The text typed so far.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
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

/// Everything the reader shows.
#[derive(Debug)]
pub struct App {
    pub corpus: Corpus,
    pub focus: Pane,
    /// The side pane shown beside the reader when only two panes fit.
    pub side: Pane,
    pub list: ListView,
    pub reader: Option<ReaderView>,
    /// Reading position per article, by index.
    pub positions: Vec<Position>,
    /// Whether each article's end has been shown.
    pub read: Vec<bool>,
    /// Whether each article's set-aside section is unfolded.
    pub set_aside_open: Vec<bool>,
    pub search: Option<Search>,
    pub prompt: Option<Prompt>,
    pub panel: PanelView,
    /// Only this speaker's voice: the list shows the articles quoting them
    /// and the reader marks their quotations. A corpus speaker's name.
    pub speaker_filter: Option<String>,
    /// Whether entities are highlighted (`e`).
    pub show_entities: bool,
    /// Each article's key in the notes store, by index.
    pub keys: Vec<ArticleKey>,
    /// Bookmarks and annotations, as the store holds them.
    pub notes: NotesSnapshot,
    /// Bookmark and annotation marks per article, for the list.
    pub marks: Vec<ArticleMarks>,
    /// Edits for the event loop to take to the store.
    pub outbox: Vec<Edit>,
    pub selection: Option<Selection>,
    pub editor: Option<Editor>,
    pub notes_view: Option<NotesView>,
    pub confirm: Option<Confirm>,
    /// The reading position last sent to the store, per article (byte
    /// offset), so positions are written only when they change.
    pub positions_stored: Vec<Option<usize>>,
    /// The help overlay's scroll, when it is open.
    pub help: Option<usize>,
    pub size: Rect,
    pub mouse_capture: bool,
    /// Messages for the status line (skipped files and the like); the last
    /// one shows until the next key.
    pub notices: Vec<String>,
    pub notices_seen: bool,
    /// Files passed over because they are not articles.
    pub not_articles: usize,
    pub theme: Theme,
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
        let keys = corpus
            .articles
            .iter()
            .map(|a| ArticleKey::new(a.path.to_string_lossy(), &a.text))
            .collect();
        let mut app = App {
            corpus,
            focus: Pane::List,
            side: Pane::List,
            list: ListView {
                visible: (0..count).collect(),
                ..ListView::default()
            },
            reader: None,
            positions: vec![Position::Top; count],
            read: vec![false; count],
            set_aside_open: vec![false; count],
            search: None,
            prompt: None,
            panel: PanelView::default(),
            speaker_filter: None,
            show_entities: true,
            keys,
            notes: NotesSnapshot::default(),
            marks: vec![ArticleMarks::default(); count],
            outbox: Vec::new(),
            selection: None,
            editor: None,
            notes_view: None,
            confirm: None,
            positions_stored: vec![None; count],
            help: None,
            size: Rect::new(0, 0, width, height),
            mouse_capture: true,
            notices: Vec::new(),
            notices_seen: false,
            not_articles: 0,
            theme: Theme::default(),
            quit: false,
        };
        app.show_selected();
        app.refresh_panel();
        app
    }

    /// Reading positions from an earlier run: (article, byte offset of the
    /// text at the top). The open article moves there too.
    pub fn set_positions(&mut self, positions: &[(usize, usize)]) {
        for &(article, offset) in positions {
            if let Some(slot) = self.positions_stored.get_mut(article) {
                *slot = Some(offset);
            }
            if let Some(slot) = self.positions.get_mut(article) {
                *slot = if offset == 0 {
                    Position::Top
                } else {
                    Position::Body(offset)
                };
            }
        }
        self.restore_position();
    }

    /// Queues a store edit for every reading position that changed since it
    /// was last stored. The event loop calls this when the reader is idle
    /// and before quitting, so scrolling does not write on every line.
    pub fn queue_position_edits(&mut self) {
        self.save_position();
        for article in 0..self.positions.len() {
            let offset = match self.positions[article] {
                Position::Body(offset) => offset,
                Position::Top | Position::HeaderRow(_) => 0,
            };
            let stored = self.positions_stored.get(article).copied().flatten();
            if stored == Some(offset) || (stored.is_none() && offset == 0) {
                continue;
            }
            let (Some(key), Some(text)) = (
                self.keys.get(article).cloned(),
                self.corpus.articles.get(article).map(|a| a.text.as_str()),
            ) else {
                continue;
            };
            let edit = Edit::set_position(key, text, offset);
            self.outbox.push(edit);
            if let Some(slot) = self.positions_stored.get_mut(article) {
                *slot = Some(offset);
            }
        }
    }

    /// Sets the articles' keys in the notes store (one per article).
    pub fn set_keys(&mut self, keys: Vec<ArticleKey>) {
        if keys.len() == self.corpus.articles.len() {
            self.keys = keys;
            self.refresh_marks();
            self.place_notes();
        }
    }

    /// Shows a message in the status line until the next key.
    pub fn notify(&mut self, message: impl Into<String>) {
        self.notices.push(message.into());
        self.notices_seen = false;
    }

    /// Draws with `theme` from now on.
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
        self.redecorate();
        self.place_notes();
    }

    /// The screen areas for the current size and focus.
    pub fn screen(&self) -> Screen {
        Screen::new(self.size, self.focus, self.side)
    }

    fn pane_area(&self, pane: Pane) -> Rect {
        let screen = Screen::new(self.size, pane, self.side);
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
            geometry::reader_text(self.pane_area(Pane::Reader))
                .height
                .max(1),
        )
    }

    /// Articles the list pane shows at once (two rows each).
    pub fn list_height(&self) -> usize {
        usize::from(geometry::inner(self.pane_area(Pane::List)).height / 2).max(1)
    }

    /// Items the panel shows at once (two rows each).
    pub fn panel_height(&self) -> usize {
        usize::from(geometry::inner(self.pane_area(Pane::Panel)).height / 2).max(1)
    }

    /// The text width of the reading pane.
    pub fn reader_width(&self) -> u16 {
        geometry::reader_text(self.pane_area(Pane::Reader)).width
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
        let Some(article) = self.corpus.articles.get(index) else {
            return;
        };
        let open = self.set_aside_open.get(index).copied().unwrap_or(false);
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
        self.selection = None;
        self.place_notes();
        self.restore_position();
        if self.panel.scope == super::panel::Scope::Article {
            self.refresh_panel();
        }
    }

    /// Lays the open article out again (new width, folding changed),
    /// keeping the row at the top of the pane.
    pub fn relayout(&mut self) {
        self.save_position();
        let width = self.reader_width();
        if let Some(reader) = &mut self.reader {
            if let Some(article) = self.corpus.articles.get(reader.article) {
                let open = self
                    .set_aside_open
                    .get(reader.article)
                    .copied()
                    .unwrap_or(false);
                reader.layout =
                    ArticleLayout::with_extras(article, width, open, &reader.decor.extras);
            }
        }
        self.restore_position();
    }

    /// Rebuilds the open article's highlights and tags (analysis arrived,
    /// speaker filter changed), then lays it out again.
    pub fn redecorate(&mut self) {
        if let Some(reader) = &mut self.reader {
            reader.decor = decor::build(
                &self.corpus,
                reader.article,
                &self.theme,
                self.speaker_filter.as_deref(),
            );
        }
        self.relayout();
    }

    /// Recomputes the panel's items for the current scope and article.
    pub fn refresh_panel(&mut self) {
        let article = self.reader.as_ref().map(|r| r.article);
        self.panel.refresh(&self.corpus, article);
        let height = self.panel_height();
        self.panel.keep_selection_visible(height);
    }

    pub(crate) fn save_position(&mut self) {
        let Some(reader) = &self.reader else { return };
        let position = if reader.scroll < reader.layout.body.start {
            Position::HeaderRow(reader.scroll)
        } else {
            reader
                .layout
                .offset_of_row(reader.scroll)
                .map_or(Position::Top, Position::Body)
        };
        if let Some(slot) = self.positions.get_mut(reader.article) {
            *slot = position;
        }
    }

    fn restore_position(&mut self) {
        let max = self.max_scroll();
        let Some(reader) = &mut self.reader else {
            return;
        };
        let position = self
            .positions
            .get(reader.article)
            .copied()
            .unwrap_or_default();
        let row = match position {
            Position::Top => 0,
            Position::HeaderRow(row) => row,
            Position::Body(offset) => reader.layout.row_of_offset(offset).unwrap_or(0),
        };
        reader.scroll = row.min(max);
        self.mark_read_if_at_end();
    }

    /// Sets the reading pane's scroll, clamped, and notes when the end of
    /// the article has been shown.
    pub fn scroll_reader_to(&mut self, row: usize) {
        let max = self.max_scroll();
        if let Some(reader) = &mut self.reader {
            reader.scroll = row.min(max);
        }
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
        if reader.scroll + height >= reader.layout.body.end {
            if let Some(read) = self.read.get_mut(reader.article) {
                *read = true;
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
        self.list.visible = (0..self.corpus.articles.len())
            .filter(|i| quoting.as_ref().is_none_or(|q| q.binary_search(i).is_ok()))
            .filter(|&i| self.article_matches(i, matcher.as_ref()))
            .collect();
        self.list.selected = keep
            .and_then(|k| self.list.visible.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.list.offset = 0;
        self.keep_selection_visible();
        self.show_selected();
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
        let name = self.speaker_filter.as_ref()?;
        self.corpus.speakers.iter().find(|s| &s.name == name)
    }

    /// Moves the list's offset so the selection is on screen.
    pub fn keep_selection_visible(&mut self) {
        let height = self.list_height();
        let selected = self.list.selected;
        if selected < self.list.offset {
            self.list.offset = selected;
        } else if selected >= self.list.offset + height {
            self.list.offset = selected + 1 - height;
        }
        let max_offset = self.list.visible.len().saturating_sub(height);
        self.list.offset = self.list.offset.min(max_offset);
    }

    /// Scrolls the reading pane so byte `offset` of the body is on screen,
    /// a third of the way down when it has to move.
    pub fn reveal(&mut self, offset: usize) {
        let height = self.reader_height();
        let Some(reader) = &self.reader else { return };
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
}

//! `update`: applies an [`Action`] to the [`App`]. No I/O.

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

mod correct;
mod find;
mod notes;
mod whoquotes;

pub use correct::quote_at_hand;
pub use find::rank;
pub use notes::{draft_edit, keep_draft, offer_rescue};

use super::action::Action;
use super::keymap::{Context, Key};
use super::mode::Mode;
use super::notes::NotesKind;
use super::panel::{PanelItem, Scope};
use super::state::{App, Pane};
use crate::analyze::{Analysis, QuoteKind};

/// Lines one wheel notch scrolls.
const WHEEL_LINES: i16 = 3;

/// The keymap context for the current state.
pub fn context(app: &App) -> Context {
    match app.mode {
        Mode::Help { .. } => Context::Help,
        Mode::Statement { .. } => Context::Statement,
        Mode::Feeds { .. } => Context::Feeds,
        Mode::WhoQuotes(_) => Context::WhoQuotes,
        Mode::Why { .. } => Context::Why,
        Mode::Confirm { .. } => Context::Confirm,
        Mode::Editor { .. } => Context::Editor,
        Mode::Prompt(_) => Context::Prompt,
        Mode::Notes(_) => Context::Notes,
        Mode::Select(_) => Context::Select,
        Mode::Normal => match app.focus {
            Pane::List => Context::List,
            Pane::Reader => Context::Reader,
            Pane::Panel => Context::Panel,
        },
    }
}

/// Maps a terminal event to an action, through the keymap for keys.
/// Key releases and repeats of unbound keys map to nothing.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            let context = context(app);
            app.keymap
                .lookup(context, Key::from_event(key))
                .or(match context {
                    Context::Prompt => Some(Action::PromptInput(*key)),
                    Context::Editor => Some(Action::EditorInput(*key)),
                    _ => None,
                })
        }
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Mouse(mouse) => {
            let pane = app.screen().pane_at(mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => pane.map(|pane| Action::Scroll {
                    pane,
                    lines: WHEEL_LINES,
                }),
                MouseEventKind::ScrollUp => pane.map(|pane| Action::Scroll {
                    pane,
                    lines: -WHEEL_LINES,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                    column: mouse.column,
                    row: mouse.row,
                }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    // Analyses and resizes apply whatever has the keyboard.
    match action {
        Action::Analyzed(batch) => return analyzed(app, batch),
        Action::Indexed(batch) => return indexed(app, *batch),
        Action::Resize { width, height } => return resize(app, width, height),
        Action::Notes(snapshot) => return app.set_notes(*snapshot),
        Action::Positions(positions) => return app.set_positions(positions),
        Action::ReadStates(states) => return app.set_read_states(&states),
        Action::FeedsProgress(progress) => {
            app.feeds.progress = Some(progress);
            return;
        }
        Action::FeedsRefreshed(refreshed) => return feeds_refreshed(app, *refreshed),
        Action::Scroll { .. } | Action::Click { .. } => {}
        _ => app.notices_seen = true,
    }
    match &app.mode {
        Mode::Help { scroll, .. } => help(app, *scroll, &action),
        Mode::Statement { .. } => statement(app, &action),
        Mode::Feeds { .. } => feeds_view(app, &action),
        Mode::WhoQuotes(_) => whoquotes::handle(app, &action),
        Mode::Why { .. } => why(app, &action),
        Mode::Confirm { .. } => match action {
            Action::Yes => notes::answer(app, true),
            Action::No => notes::answer(app, false),
            _ => {}
        },
        Mode::Editor { .. } => editor(app, action),
        Mode::Prompt(_) => match action {
            Action::PromptAccept => find::accept(app),
            Action::PromptCancel => find::cancel(app),
            Action::PromptInput(key) => find::input(app, key),
            Action::Paste(text) => find::paste(app, &text),
            Action::Down => find::choose(app, 1),
            Action::Up => find::choose(app, -1),
            _ => {}
        },
        Mode::Notes(_) => notes_list(app, &action),
        Mode::Select(_) => match action {
            Action::Down => notes::extend_selection(app, 1),
            Action::Up => notes::extend_selection(app, -1),
            Action::NextQuote => notes::select_quote(app, true),
            Action::PrevQuote => notes::select_quote(app, false),
            Action::Annotate => notes::annotate(app),
            Action::BookmarkPassage => notes::bookmark_passage(app),
            Action::ExplainSpeaker => correct::explain(app),
            Action::ChangeSpeaker => correct::change_speaker(app),
            Action::NotAQuotation => correct::not_a_quotation(app),
            Action::UndoCorrection => correct::undo(app),
            Action::ShowStatement => show_statement(app),
            Action::ToggleHelp => open_help(app),
            Action::ClearFilters => app.mode = Mode::Normal,
            _ => {}
        },
        Mode::Normal => normal(app, action),
    }
    // A correction made over who quotes whom shows in its table at once.
    whoquotes::refresh(app);
}

/// Keys over the explanation of a speaker: correct, undo, close. The
/// explanation stays open over a correction, showing what it did.
fn why(app: &mut App, action: &Action) {
    match action {
        Action::ChangeSpeaker => correct::change_speaker(app),
        Action::NotAQuotation => correct::not_a_quotation(app),
        Action::UndoCorrection => correct::undo(app),
        Action::ToggleHelp => open_help(app),
        Action::ClearFilters => app.mode.close(),
        _ => {}
    }
}

/// Keys over the statement overlay: scroll, close.
fn statement(app: &mut App, action: &Action) {
    if *action == Action::ToggleHelp {
        return open_help(app);
    }
    let Mode::Statement { view, scroll, .. } = &mut app.mode else {
        return;
    };
    match action {
        Action::Down => {
            let most = super::render::statement_lines(&app.theme, &app.corpus.articles, view).len();
            *scroll = (*scroll + 1).min(most);
        }
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::ClearFilters => app.mode.close(),
        _ => {}
    }
}

/// Opens the statement of the quotation at hand (the panel's, the
/// reader's marked one, the one selected in who quotes whom) over what
/// is open.
pub(super) fn show_statement(app: &mut App) {
    let Some(quote) = correct::quote_or_say(app) else {
        return;
    };
    match app.corpus.statement(quote) {
        Some(view) => {
            let back = Box::new(std::mem::take(&mut app.mode));
            app.mode = Mode::Statement {
                view: Box::new(view),
                scroll: 0,
                back,
            }
        }
        None => app.notify("no other outlet carries these words"),
    }
}

/// Opens the help over what is open: over a view, at that view's keys.
pub(super) fn open_help(app: &mut App) {
    let context = context(app);
    let scroll = match app.mode {
        Mode::Normal => 0,
        _ => super::render::help_section(&app.theme, &app.keymap, context),
    };
    let back = Box::new(std::mem::take(&mut app.mode));
    app.mode = Mode::Help { scroll, back };
}

fn help(app: &mut App, scroll: usize, action: &Action) {
    let most = super::render::help_lines(&app.theme, &app.keymap).len();
    let page = usize::from(app.size.height.saturating_sub(4)).max(1);
    let scroll = match action {
        Action::ToggleHelp => {
            app.mode.close();
            return;
        }
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll + page,
        Action::PageUp => scroll.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => most,
        _ => scroll,
    };
    if let Mode::Help { scroll: at, .. } = &mut app.mode {
        *at = scroll.min(most);
    }
}

fn editor(app: &mut App, action: Action) {
    match action {
        Action::SaveNote => notes::save_note(app),
        Action::PromptCancel => notes::cancel_note(app),
        Action::EditorInput(key) => {
            if let Mode::Editor { editor, .. } = &mut app.mode {
                editor.input.input(key);
            }
        }
        Action::Paste(text) => {
            // Keep line breaks; drop every other control character.
            let clean: String = text
                .replace("\r\n", "\n")
                .chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .collect();
            if let Mode::Editor { editor, .. } = &mut app.mode {
                editor.input.insert_str(clean);
            }
        }
        _ => {}
    }
}

fn notes_list(app: &mut App, action: &Action) {
    let count = app.note_entries().len();
    let Mode::Notes(view) = &mut app.mode else {
        return;
    };
    match action {
        Action::Down => view.selected = (view.selected + 1).min(count.saturating_sub(1)),
        Action::Up => view.selected = view.selected.saturating_sub(1),
        Action::Top => view.selected = 0,
        Action::Bottom => view.selected = count.saturating_sub(1),
        Action::ToggleScope => {
            view.all_articles = !view.all_articles;
            view.selected = 0;
        }
        Action::Open => notes::go_to_note(app),
        Action::EditNote => notes::edit_selected_note(app),
        Action::DeleteNote => notes::delete_note(app),
        Action::ToggleHelp => return open_help(app),
        Action::ClearFilters => app.mode = Mode::Normal,
        _ => {}
    }
    let count = app.note_entries().len();
    if let Mode::Notes(view) = &mut app.mode {
        view.selected = view.selected.min(count.saturating_sub(1));
    }
}

/// Keys for the focused pane, with nothing over it.
fn normal(app: &mut App, action: Action) {
    match action {
        Action::Quit => app.quit = true,
        Action::ToggleBookmark => notes::toggle_bookmark(app),
        Action::BookmarkPassage => notes::bookmark_passage(app),
        Action::StartSelection => notes::start_selection(app),
        Action::Annotate => notes::annotate(app),
        Action::ShowBookmarks => notes::show(app, NotesKind::Bookmarks),
        Action::ShowAnnotations => notes::show(app, NotesKind::Annotations),
        Action::ToggleHelp => open_help(app),
        Action::ShowStatement => show_statement(app),
        Action::CopyQuote => whoquotes::copy_quote(app),
        Action::ExportQuotes => whoquotes::export_speaker(app),
        Action::ShowWhoQuotes => whoquotes::open(app),
        Action::ExplainSpeaker => correct::explain(app),
        Action::ChangeSpeaker => correct::change_speaker(app),
        Action::NotAQuotation => correct::not_a_quotation(app),
        Action::UndoCorrection => correct::undo(app),
        Action::MergeSpeaker => correct::merge_speaker(app),
        Action::SplitAlias => correct::split_alias(app),
        Action::FocusNext => {
            let next = match app.focus {
                Pane::List => Pane::Reader,
                Pane::Reader => Pane::Panel,
                Pane::Panel => Pane::List,
            };
            focus(app, next);
        }
        Action::FocusPrev => {
            let previous = match app.focus {
                Pane::List => Pane::Panel,
                Pane::Reader => Pane::List,
                Pane::Panel => Pane::Reader,
            };
            focus(app, previous);
        }
        Action::ToggleMouseCapture => app.mouse_capture = !app.mouse_capture,
        Action::DismissBanner => app.banner = None,
        Action::Open => match app.focus {
            Pane::Panel => open_panel_item(app),
            Pane::List => {
                focus(app, Pane::Reader);
                find::land_on_first_hit(app);
            }
            Pane::Reader => focus(app, Pane::Reader),
        },
        Action::Back => match app.focus {
            Pane::Panel => collapse_panel_item(app),
            _ => focus(app, Pane::List),
        },
        Action::NextArticle => app.select(app.list.selected.saturating_add(1)),
        Action::NextUnread => next_unread(app),
        Action::ShowFeeds => show_feeds(app),
        Action::RefreshFeeds => refresh_feeds(app),
        Action::ToggleRead => toggle_read(app),
        Action::PrevArticle => app.select(app.list.selected.saturating_sub(1)),
        Action::ToggleSetAside => toggle_set_aside(app),
        Action::CycleSort => {
            app.list.sort = app.list.sort.next();
            app.refilter();
        }
        Action::ToggleGroupByOutlet => {
            app.list.group_by_outlet = !app.list.group_by_outlet;
            app.refilter();
        }
        Action::Find => find::open(app),
        Action::FindNext => find::step(app, true),
        Action::FindPrev => find::step(app, false),
        Action::PickSpeaker => find::open_picker(app),
        Action::ClearFilters => clear_filters(app),
        Action::ToggleEntities => {
            app.show_entities = !app.show_entities;
            app.notify(if app.show_entities {
                "entities highlighted"
            } else {
                "entity highlighting off"
            });
        }
        Action::ToggleLegend => {
            app.show_legend = !app.show_legend;
            resize(app, app.size.width, app.size.height);
        }
        Action::NextQuote => jump_quote(app, true),
        Action::PrevQuote => jump_quote(app, false),
        Action::ToggleScope => {
            app.panel.scope = match app.panel.scope {
                Scope::Article => Scope::Corpus,
                Scope::Corpus => Scope::Article,
            };
            app.panel.selected = 0;
            app.panel.offset = 0;
            app.refresh_panel();
        }
        Action::FilterSpeaker => filter_by_panel_speaker(app),
        Action::Scroll { pane, lines } => match pane {
            Pane::List => move_list(app, isize::from(lines)),
            Pane::Reader => move_reader(app, isize::from(lines)),
            Pane::Panel => {
                let rows = app.panel_rows();
                app.panel.move_by(isize::from(lines), rows);
            }
        },
        Action::Click { column, row } => click(app, column, row),
        Action::Down
        | Action::Up
        | Action::HalfPageDown
        | Action::HalfPageUp
        | Action::PageDown
        | Action::PageUp
        | Action::Top
        | Action::Bottom => navigate(app, &action),
        Action::PromptAccept
        | Action::PromptCancel
        | Action::PromptInput(_)
        | Action::Paste(_)
        | Action::Analyzed(_)
        | Action::Indexed(_)
        | Action::Resize { .. }
        | Action::Notes(_)
        | Action::Positions(_)
        | Action::ReadStates(_)
        | Action::FeedsProgress(_)
        | Action::FeedsRefreshed(_)
        | Action::EditNote
        | Action::DeleteNote
        | Action::SaveNote
        | Action::EditorInput(_)
        | Action::Yes
        | Action::No
        | Action::ColumnLeft
        | Action::ColumnRight
        | Action::SwitchTab
        | Action::SortRows
        | Action::SortColumns => {}
    }
}

/// Opens the feeds view.
fn show_feeds(app: &mut App) {
    if app.feeds.entries.is_empty() {
        app.notify("no subscriptions: add one with `onrecord feeds add URL`");
        return;
    }
    app.mode = Mode::Feeds { selected: 0 };
}

/// Asks the event loop for a refresh, unless one is under way.
fn refresh_feeds(app: &mut App) {
    if app.feeds.entries.is_empty() {
        app.notify("no subscriptions: add one with `onrecord feeds add URL`");
    } else if app.feeds.progress.is_some() || app.feeds.wanted {
        app.notify("a refresh is under way");
    } else {
        app.feeds.wanted = true;
    }
}

/// Keys over the feeds view.
fn feeds_view(app: &mut App, action: &Action) {
    let count = app.feeds.entries.len();
    let Mode::Feeds { selected } = &mut app.mode else {
        return;
    };
    match action {
        Action::Down => *selected = (*selected + 1).min(count.saturating_sub(1)),
        Action::Up => *selected = selected.saturating_sub(1),
        Action::RefreshFeeds => refresh_feeds(app),
        Action::ToggleHelp => open_help(app),
        Action::ClearFilters => app.mode = Mode::Normal,
        _ => {}
    }
}

/// A refresh is over: its new articles join the list, each feed takes
/// how it fared (a failed one keeps its articles), and the status line
/// says what came.
fn feeds_refreshed(app: &mut App, refreshed: super::feeds::Refreshed) {
    let super::feeds::Refreshed {
        articles,
        keys,
        reports,
        ..
    } = refreshed;
    app.feeds.progress = None;
    app.feeds
        .body_keys
        .extend(articles.iter().map(|a| a.path.clone()).zip(keys));
    app.feeds.update(&reports);
    for report in reports.iter().filter(|r| r.problem.is_some()) {
        log::warn!(
            "feed {}: {}",
            report.url,
            report.problem.as_deref().unwrap_or("")
        );
    }
    let new_articles = app.append_articles(articles);
    app.feeds.index(&app.corpus.articles);
    let outcome = super::feeds::Outcome {
        feeds: reports.len(),
        new_articles,
        failed: reports.iter().filter(|r| r.problem.is_some()).count(),
        not_modified: reports.iter().filter(|r| r.not_modified).count(),
    };
    app.feeds.last = Some(outcome);
    let mut said = format!(
        "feeds refreshed: {} new article{}",
        new_articles,
        if new_articles == 1 { "" } else { "s" }
    );
    if outcome.failed > 0 {
        said.push_str(&format!(", {} failed (F shows why)", outcome.failed));
    }
    app.notify(said);
}

/// Selects and shows the next unread article after the selected one in
/// the list's order, going round to the top.
fn next_unread(app: &mut App) {
    let shown = app.list.visible.len();
    let from = app.list.selected;
    let next = (1..=shown)
        .map(|step| (from + step) % shown)
        .find(|&position| {
            let article = app.list.visible[position];
            app.articles.get(article).is_some_and(|a| !a.read)
                && Some(article) != app.reader.as_ref().map(|r| r.article)
        });
    match next {
        Some(position) => app.select(position),
        None => app.notify("no unread article in the list"),
    }
}

/// Marks the open article (in the list: the selected one) read or unread.
fn toggle_read(app: &mut App) {
    let article = match app.focus {
        Pane::List => app.selected_article(),
        _ => app.reader.as_ref().map(|r| r.article),
    };
    let Some(article) = article else { return };
    let read = !app.articles.get(article).is_some_and(|a| a.read);
    app.set_read(article, read);
    if let Some(state) = app.articles.get_mut(article) {
        state.kept_unread = !read;
    }
    app.notify(if read { "marked read" } else { "marked unread" });
}

/// Folds or unfolds the set-aside lines; unfolding while the fold line is
/// on screen scrolls just enough to show what opened.
fn toggle_set_aside(app: &mut App) {
    let Some(index) = app.reader.as_ref().map(|r| r.article) else {
        return;
    };
    let Some(state) = app.articles.get_mut(index) else {
        return;
    };
    state.set_aside_open = !state.set_aside_open;
    let opened = state.set_aside_open;
    app.relayout();
    let height = app.reader_height();
    let Some(reader) = &app.reader else { return };
    let fold = reader.layout.fold_row();
    if let Some(fold) = fold.filter(|&f| opened && f >= reader.scroll && f < reader.scroll + height)
    {
        let last = reader.layout.len().saturating_sub(1);
        let wanted = (last + 1).saturating_sub(height).min(fold);
        if wanted > reader.scroll {
            app.scroll_reader_to(wanted);
        }
    }
}

pub(crate) fn focus(app: &mut App, pane: Pane) {
    if pane == Pane::Reader && app.reader.is_none() {
        return;
    }
    let width_before = app.reader_width();
    if pane != Pane::Reader && matches!(app.mode, Mode::Select(_)) {
        app.mode = Mode::Normal;
    }
    app.focus = pane;
    if pane != Pane::Reader {
        app.side = pane;
    }
    if app.reader_width() != width_before {
        app.relayout();
    }
    app.keep_selection_visible();
    // The panel's width may have changed, and with it its rows.
    app.refresh_panel();
    app.mark_read_if_at_end();
}

fn resize(app: &mut App, width: u16, height: u16) {
    app.size.width = width;
    app.size.height = height;
    app.relayout();
    app.keep_selection_visible();
    app.refresh_panel();
}

fn analyzed(app: &mut App, batch: Vec<(usize, Analysis)>) {
    let open = app.reader.as_ref().map(|r| r.article);
    let open_changed = batch.iter().any(|(article, _)| Some(*article) == open);
    for (article, analysis) in batch {
        app.corpus.insert_analysis(article, analysis);
    }
    app.corpus.relink_speakers();
    after_analyses(app, open_changed);
}

/// Stores analyses linked by the worker: work in the batch's size.
fn indexed(app: &mut App, mut batch: crate::index::LinkedBatch) {
    let open = app.reader.as_ref().map(|r| r.article);
    let open_changed = batch
        .analyses
        .iter()
        .any(|(article, _)| Some(*article) == open);
    let arrived: Vec<usize> = batch.loaded.iter().map(|(i, _)| *i).collect();
    for skipped in std::mem::take(&mut batch.skipped) {
        log::warn!("skipped {skipped}");
        app.notify(crate::clean::sanitize::visible(&format!(
            "skipped {skipped}"
        )));
    }
    app.corpus.insert_linked(batch);
    if !arrived.is_empty() {
        app.articles_arrived(&arrived);
    }
    after_analyses(app, open_changed);
}

fn after_analyses(app: &mut App, open_changed: bool) {
    if app.speaker_filter.is_some() || app.list.filter.is_some() {
        app.refilter();
    }
    // Speaker names can change as more articles link up, so tags are
    // rebuilt for the open article whenever it or its speakers change.
    if open_changed
        || app
            .reader
            .as_ref()
            .is_some_and(|r| !r.decor.extras.tags.is_empty())
    {
        app.redecorate();
    }
    app.refresh_panel();
    whoquotes::refresh(app);
}

fn clear_filters(app: &mut App) {
    match app.focus {
        Pane::Reader if app.search.is_some() => app.search = None,
        Pane::Reader if app.speaker_filter.is_some() => app.set_speaker_filter(None),
        Pane::Reader => focus(app, Pane::List),
        Pane::List => {
            app.list.filter = None;
            app.set_speaker_filter(None);
        }
        Pane::Panel => app.set_speaker_filter(None),
    }
}

fn navigate(app: &mut App, action: &Action) {
    let (page, to_end) = match app.focus {
        Pane::List => (app.list_height() as isize, app.list.visible.len() as isize),
        Pane::Reader => (app.reader_height() as isize, app.max_scroll() as isize),
        // Items take two rows or more: a page is half the rows in items.
        Pane::Panel => (
            (app.panel_rows() / 2) as isize,
            app.panel.items.len() as isize,
        ),
    };
    let delta = match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::HalfPageDown => (page / 2).max(1),
        Action::HalfPageUp => -(page / 2).max(1),
        Action::PageDown => (page - 1).max(1),
        Action::PageUp => -(page - 1).max(1),
        Action::Top => isize::MIN / 2,
        Action::Bottom => to_end.max(1).saturating_mul(2),
        _ => 0,
    };
    match app.focus {
        Pane::List => move_list(app, delta),
        Pane::Reader => move_reader(app, delta),
        Pane::Panel => {
            let rows = app.panel_rows();
            app.panel.move_by(delta, rows);
        }
    }
}

fn move_list(app: &mut App, delta: isize) {
    let target = app.list.selected as isize + delta;
    app.select(target.max(0) as usize);
}

fn move_reader(app: &mut App, delta: isize) {
    let Some(reader) = &app.reader else { return };
    let target = (reader.scroll as isize).saturating_add(delta).max(0) as usize;
    app.scroll_reader_to(target);
}

/// Marks and shows the next (or previous) quotation of the open article,
/// counting from the marked one or from the top of the pane. With a
/// speaker filter, only that speaker's quotations count; terms never do.
fn jump_quote(app: &mut App, forward: bool) {
    let Some(reader) = &app.reader else { return };
    let article = reader.article;
    let Some(analysis) = app.corpus.analysis(article) else {
        return;
    };
    let wanted = app.speaker_filter.as_deref();
    let eligible: Vec<usize> = (0..analysis.quotes.len())
        .filter(|&q| analysis.quotes[q].kind != QuoteKind::Term)
        .filter(|&q| wanted.is_none() || app.corpus.quote_speaker_name(article, q) == wanted)
        .collect();
    if eligible.is_empty() {
        return;
    }
    let from = match reader.marked_quote {
        Some(q) => analysis.quotes.get(q).map_or(0, |q| q.span.range().start),
        None => reader.layout.offset_of_row(reader.scroll).unwrap_or(0),
    };
    let starts = |q: &usize| analysis.quotes[*q].span.range().start;
    let next = if forward {
        match reader.marked_quote {
            Some(_) => eligible.iter().find(|q| starts(q) > from),
            None => eligible.iter().find(|q| starts(q) >= from),
        }
        .or(eligible.first())
    } else {
        eligible
            .iter()
            .rev()
            .find(|q| starts(q) < from)
            .or(eligible.last())
    };
    let Some(&quote) = next else { return };
    mark_quote(app, quote);
}

fn mark_quote(app: &mut App, quote: usize) {
    let Some(reader) = &mut app.reader else {
        return;
    };
    let Some(start) = app
        .corpus
        .analysis(reader.article)
        .and_then(|a| a.quotes.get(quote))
        .map(|q| q.span.range().start)
    else {
        return;
    };
    reader.marked_quote = Some(quote);
    app.reveal(start);
}

fn open_panel_item(app: &mut App) {
    match app.panel.selected_item() {
        Some(PanelItem::Speaker { speaker, .. }) => {
            if let Some(name) = app.corpus.speakers.get(speaker).map(|s| s.name.clone()) {
                if !app.panel.expanded.remove(&name) {
                    app.panel.expanded.insert(name);
                }
                app.refresh_panel();
            }
        }
        Some(PanelItem::Quote { article, quote, .. }) => {
            app.open_article(article);
            mark_quote(app, quote);
            // Without room for the reader beside the panel, go to it.
            if app.screen().reader.is_none() {
                focus(app, Pane::Reader);
            }
        }
        None => {}
    }
}

fn collapse_panel_item(app: &mut App) {
    let speaker = match app.panel.selected_item() {
        Some(PanelItem::Speaker { speaker, .. } | PanelItem::Quote { speaker, .. }) => speaker,
        None => return,
    };
    if let Some(name) = app.corpus.speakers.get(speaker).map(|s| s.name.clone()) {
        app.panel.expanded.remove(&name);
        app.refresh_panel();
        // Land on the speaker whose quotations just folded away.
        if let Some(position) =
            app.panel.items.iter().position(
                |item| matches!(item, PanelItem::Speaker { speaker: s, .. } if *s == speaker),
            )
        {
            let rows = app.panel_rows();
            app.panel.selected = position;
            app.panel.keep_selection_visible(rows);
        }
    }
}

fn filter_by_panel_speaker(app: &mut App) {
    let speaker = match app.panel.selected_item() {
        Some(PanelItem::Speaker { speaker, .. } | PanelItem::Quote { speaker, .. }) => speaker,
        None => return,
    };
    let Some(name) = app.corpus.speakers.get(speaker).map(|s| s.name.clone()) else {
        return;
    };
    if app.speaker_filter.as_ref() == Some(&name) {
        app.set_speaker_filter(None);
    } else {
        app.set_speaker_filter(Some(name));
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    let screen = app.screen();
    let Some(pane) = screen.pane_at(column, row) else {
        return;
    };
    focus(app, pane);
    let area = match pane {
        Pane::List => screen.list,
        Pane::Panel => screen.panel,
        Pane::Reader => None,
    };
    let Some(inner) = area.map(super::geometry::inner) else {
        return;
    };
    if row < inner.y || row >= inner.y + inner.height {
        return;
    }
    let entry = usize::from((row - inner.y) / 2);
    match pane {
        Pane::List => {
            let index = app.list.offset + entry;
            if index < app.list.visible.len() {
                app.select(index);
            }
        }
        Pane::Panel => {
            if let Some(index) = app.panel.item_at_row(usize::from(row - inner.y)) {
                app.panel.selected = index;
            }
        }
        Pane::Reader => {}
    }
}

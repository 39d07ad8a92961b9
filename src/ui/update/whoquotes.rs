//! Keys of the who-quotes-whom view, copying a quotation with its citation
//! and exporting a speaker's quotations.

use super::super::action::Action;
use super::super::export;
use super::super::mode::Mode;
use super::super::state::{App, Pane};
use super::super::whoquotes::{
    list_capacity, statements_capacity, table_capacity, view_area, Tab, WhoQuotesView,
};
use crate::index::statements::QuoteRef;
use crate::index::whoquotes::by_date;

/// Opens the view over the articles the list shows, on the followed
/// speaker when there is one.
pub fn open(app: &mut App) {
    let mut view = WhoQuotesView::new(&app.corpus, &app.list.visible);
    if let Some(row) = app
        .speaker_filter
        .as_deref()
        .and_then(|s| view.table.row_of(s))
    {
        view.row = view.rows.iter().position(|&r| r == row).unwrap_or(0);
        view.move_cursor(0, 0, view_area(app.size));
    }
    app.mode = Mode::WhoQuotes(Box::new(view));
}

/// Builds the table again when the speakers changed since it was built
/// (analyses arrived, corrections), also under an overlay opened from it:
/// once per corpus snapshot.
pub fn refresh(app: &mut App) {
    let generation = app.corpus.generation();
    if let Some(view) = app.mode.who_quotes_mut() {
        if view.generation != generation {
            view.rebuild(&app.corpus, &app.list.visible);
        }
    }
}

/// One key over the view.
pub fn handle(app: &mut App, action: &Action) {
    let area = view_area(app.size);
    let Mode::WhoQuotes(view) = &mut app.mode else {
        return;
    };
    let corpus = &app.corpus;
    // The wheel moves the cursor a row a notch.
    let action = match action {
        Action::Scroll { lines, .. } if *lines > 0 => &Action::Down,
        Action::Scroll { lines, .. } if *lines < 0 => &Action::Up,
        other => other,
    };
    if view.tab == Tab::Statements {
        let page = statements_capacity(area) as isize;
        match action {
            Action::Down => view.move_statement(1, area),
            Action::Up => view.move_statement(-1, area),
            Action::PageDown => view.move_statement(page, area),
            Action::PageUp => view.move_statement(-page, area),
            Action::Top => view.move_statement(isize::MIN / 2, area),
            Action::Bottom => view.move_statement(isize::MAX / 2, area),
            Action::ColumnLeft => view.move_cursor(0, -1, area),
            Action::ColumnRight => view.move_cursor(0, 1, area),
            Action::Open => super::show_statement(app),
            Action::SwitchTab => switch_tab(view, corpus),
            Action::ClearFilters => view.tab = Tab::Table,
            _ => on_quote(app, action),
        }
        return;
    }
    if let Some(list) = view.list_mut() {
        let page = list_capacity(area) as isize;
        match action {
            Action::Down => list.move_by(1, page as usize),
            Action::Up => list.move_by(-1, page as usize),
            Action::PageDown => list.move_by(page, page as usize),
            Action::PageUp => list.move_by(-page, page as usize),
            Action::Top => list.move_by(isize::MIN / 2, page as usize),
            Action::Bottom => list.move_by(isize::MAX / 2, page as usize),
            Action::Open => {
                if let Some(quote) = list.selected_quote() {
                    return open_quote(app, quote);
                }
            }
            Action::SwitchTab => switch_tab(view, corpus),
            Action::ClearFilters => match view.tab {
                Tab::Table => view.cell = None,
                Tab::Timeline | Tab::Statements => view.tab = Tab::Table,
            },
            _ => on_quote(app, action),
        }
        return;
    }
    let (page, _) = table_capacity(area, &view.table);
    let page = page as isize;
    match action {
        Action::Down => view.move_cursor(1, 0, area),
        Action::Up => view.move_cursor(-1, 0, area),
        Action::PageDown => view.move_cursor(page, 0, area),
        Action::PageUp => view.move_cursor(-page, 0, area),
        Action::Top => view.move_cursor(isize::MIN / 2, 0, area),
        Action::Bottom => view.move_cursor(isize::MAX / 2, 0, area),
        Action::ColumnLeft => view.move_cursor(0, -1, area),
        Action::ColumnRight => view.move_cursor(0, 1, area),
        Action::Open => {
            if let Err(why) = view.open_cell(corpus) {
                app.notify(why);
            }
        }
        Action::SwitchTab => switch_tab(view, corpus),
        Action::SortRows => {
            view.row_order = view.row_order.next();
            view.reorder();
            view.move_cursor(0, 0, area);
        }
        Action::SortColumns => {
            view.column_order = view.column_order.next();
            view.reorder();
            view.move_cursor(0, 0, area);
        }
        Action::ClearFilters => app.mode = Mode::Normal,
        _ => on_quote(app, action),
    }
}

/// Keys that act on the quotation selected in a list (on the table they
/// say how to get one), the export and the help.
fn on_quote(app: &mut App, action: &Action) {
    match action {
        Action::CopyQuote => copy_quote(app),
        Action::ExportQuotes => export_speaker(app),
        Action::ExplainSpeaker => super::correct::explain(app),
        Action::ChangeSpeaker => super::correct::change_speaker(app),
        Action::NotAQuotation => super::correct::not_a_quotation(app),
        Action::UndoCorrection => super::correct::undo(app),
        Action::ShowStatement => super::show_statement(app),
        Action::ToggleHelp => super::open_help(app),
        _ => {}
    }
}

fn switch_tab(view: &mut WhoQuotesView, corpus: &crate::index::Corpus) {
    view.tab = view.tab.next();
    if view.tab == Tab::Timeline {
        view.refresh_timeline(corpus);
    }
}

/// Closes the view and shows the quotation in its article.
fn open_quote(app: &mut App, (article, quote): QuoteRef) {
    app.mode = Mode::Normal;
    app.open_article(article);
    super::focus(app, Pane::Reader);
    super::mark_quote(app, quote);
}

/// Copies a quotation with its citation (OSC 52, when allowed): the one
/// selected in the view's list, else the quotation at hand, as `w`, `c`
/// and `x` find it.
pub fn copy_quote(app: &mut App) {
    let Some((article, quote)) = super::correct::quote_or_say(app) else {
        return;
    };
    if !app.clipboard {
        app.notify("copying is off (clipboard in the config)");
        return;
    }
    if let Some(text) = super::super::clipboard::citation(&app.corpus, article, quote) {
        app.clipboard_out = Some(text);
        app.notify("copied the quotation with its citation");
    }
}

/// The speaker `E` means: the view's, the panel's selected one, the
/// speaker of the reader's marked quotation, else the followed one.
fn speaker_for_export(app: &App) -> Option<String> {
    if let Mode::WhoQuotes(view) = &app.mode {
        return view.speaker_name().map(str::to_string);
    }
    let from_focus = match app.focus {
        Pane::Panel => super::correct::panel_speaker(app),
        Pane::Reader => app.reader.as_ref().and_then(|r| {
            let quote = r.marked_quote?;
            app.corpus
                .quote_speaker_name(r.article, quote)
                .map(str::to_string)
        }),
        Pane::List => None,
    };
    from_focus.or_else(|| app.filtered_speaker().map(|s| s.name.clone()))
}

/// Prepares the export of a speaker's quotations (every article, by date);
/// the event loop writes it.
pub fn export_speaker(app: &mut App) {
    let Some(name) = speaker_for_export(app) else {
        app.notify("no speaker to export: follow one (f, S) or select one in the quotes panel");
        return;
    };
    let Some(speaker) = app.corpus.speaker_named(&name) else {
        return;
    };
    let mut quotes = speaker.quotes.clone();
    by_date(&app.corpus, &mut quotes);
    app.export_out = Some(export::speaker_export(&app.corpus, &name, &quotes));
}

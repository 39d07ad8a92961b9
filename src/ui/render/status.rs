//! The status line and the prompt that takes its place.
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::panel::counts;
use super::{str_width, truncate};
use crate::ui::geometry::Screen;
use crate::ui::mode::{Mode, Prompt, PromptKind};
use crate::ui::state::{App, Pane};
use crate::ui::whoquotes::Tab;

pub(super) fn render_status(app: &App, frame: &mut Frame, screen: &Screen) {
    let theme = &app.theme;
    let area = screen.status;
    if let Some(prompt) = app.mode.prompt() {
        render_prompt(app, frame, area, prompt);
        return;
    }
    let total = app.corpus.articles.len();
    // Where the open article is in the list, as the list orders it.
    let in_list = app.reader.as_ref().and_then(|reader| {
        let position = app.list.selected;
        (app.list.visible.get(position) == Some(&reader.article))
            .then(|| (position + 1, app.list.visible.len()))
    });
    let mut left = match (&app.reader, in_list) {
        (Some(_), Some((position, shown))) => {
            format!(" {position}/{shown} · {}%", app.percent())
        }
        (Some(reader), None) => format!(" {}/{} · {}%", reader.article + 1, total, app.percent()),
        (None, _) => format!(" 0/{total}"),
    };
    // The quotation marked in the reader, when other outlets carry it too
    // (bounded by its statement's size).
    let carried = app
        .reader
        .as_ref()
        .and_then(|r| Some((r.article, r.marked_quote?)))
        .map_or(0, |quote| app.corpus.also_in_outlets(quote));
    match carried {
        0 => {}
        1 => left.push_str(" · quotation also in 1 outlet (o)"),
        n => left.push_str(&format!(" · quotation also in {n} outlets (o)")),
    }
    if let Some(search) = app.search.as_ref() {
        let shown = search.current.map_or(0, |i| i + 1);
        left.push_str(&format!(
            " · /{} {}/{}",
            search.query,
            shown,
            search.hits.len()
        ));
    }
    if let Some(filter) = &app.list.filter {
        left.push_str(&format!(" · filter: {filter}"));
    }
    if let Some(speaker) = app.filtered_speaker() {
        left.push_str(&format!(
            " · speaker: {} ({})",
            speaker.name,
            counts(speaker.quotes.len(), speaker.articles.len())
        ));
    }
    let stored = &app.notes.snapshot;
    if !stored.waiting.is_empty() {
        let why = stored.problem.as_deref().unwrap_or("saving");
        left.push_str(&format!(
            " · {} edit(s) not saved yet: {why}",
            stored.waiting.len()
        ));
    }
    let analyzed = app.corpus.analyzed_count();
    if analyzed < app.corpus.articles.len() {
        left.push_str(&format!(
            " · analyzing {analyzed}/{}",
            app.corpus.articles.len()
        ));
        if let Some(rate) = app.corpus.analysis_rate() {
            left.push_str(&format!(" ({rate:.0}/s)"));
        }
    }
    if let Some(progress) = app.feeds.progress {
        left.push_str(&format!(" · refreshing {progress}"));
    }
    if app.not_articles > 0 {
        left.push_str(&format!(
            " · {} non-article files skipped",
            app.not_articles
        ));
    }
    if !app.mouse_capture {
        left.push_str(" · mouse off");
    }
    // Where the quotes panel is hidden, say how to reach it.
    let panel_hidden = screen.panel.is_none();
    let hints = match (&app.mode, app.focus) {
        (Mode::Select(_), _) => " j/k extend  a note  B bookmark  Esc ",
        (Mode::WhoQuotes(view), _) if view.tab == Tab::Statements => {
            " Enter versions  w why  c speaker  Tab table  ? keys "
        }
        (Mode::WhoQuotes(view), _) if view.list().is_some() => {
            " Enter open  w why  c speaker  o outlets  ? keys "
        }
        (Mode::WhoQuotes(_), _) => " Enter list  Tab timeline  ? keys  Esc back ",
        (Mode::Why { .. }, _) => " c change  x not a quotation  r revert  Esc back ",
        (Mode::Statement { .. }, _) => " j/k scroll  Esc back ",
        (Mode::Help { .. }, _) => " j/k scroll  Esc close ",
        (_, Pane::List) if panel_hidden => " Enter open  Tab quotes  ? help ",
        (_, Pane::List) => " Enter open  ? help  q quit ",
        (_, Pane::Reader) if panel_hidden => " ]/[ quotes  Tab speakers  ? help ",
        (_, Pane::Reader) => " ]/[ quotes  ? help  q quit ",
        (_, Pane::Panel) => " Enter open  f follow  ? help ",
    };
    let notice = app.notices.last().filter(|_| !app.notices_seen);
    let width = usize::from(area.width);
    // The hints stay and the left part gives way, except to a notice that
    // would not fit beside them (it lasts one key).
    let hints = match notice {
        Some(n) if str_width(n) + 3 + str_width(hints) + 12 > width => "",
        _ => hints,
    };
    let left = truncate(&left, width.saturating_sub(str_width(hints))).into_owned();
    let mut spans = vec![Span::styled(left.clone(), theme.status)];
    let mut used = str_width(&left);
    if let Some(notice) = notice {
        let room = usize::from(area.width).saturating_sub(used + str_width(hints) + 3);
        if room > 8 {
            let text = format!(" {} ", truncate(notice, room));
            used += str_width(&text) + 1;
            spans.push(Span::styled(" ", theme.status));
            spans.push(Span::styled(text, theme.notice));
        }
    }
    let gap = usize::from(area.width).saturating_sub(used + str_width(hints));
    spans.push(Span::styled(" ".repeat(gap), theme.status));
    spans.push(Span::styled(hints, theme.status_key));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub(super) fn render_prompt(app: &App, frame: &mut Frame, area: Rect, prompt: &Prompt) {
    let label = match prompt.kind {
        PromptKind::Search => {
            let count = app.search.as_ref().map_or(0, |s| s.hits.len());
            format!(" search ({count}) /")
        }
        PromptKind::Filter => format!(" filter ({}) /", app.list.visible.len()),
        PromptKind::Speaker(_) => format!(" speaker ({}) >", prompt.matches.len()),
    };
    let label_width = (str_width(&label) as u16).min(area.width);
    frame.render_widget(Paragraph::new(Span::styled(label, app.theme.status)), area);
    let input_area = Rect::new(
        area.x + label_width,
        area.y,
        area.width.saturating_sub(label_width),
        area.height,
    );
    frame.render_widget(&prompt.input, input_area);
}

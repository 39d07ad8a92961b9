//! `render`: draws the [`App`] into a frame. Reads state only; no I/O.
//!
//! The reading pane draws just the rows on screen from the cached layout,
//! so a frame costs the same for a short article and a long one.

mod feeds;
mod help;
mod legend;
mod list;
mod notes;
mod panel;
mod reader;
mod statement;
mod status;
mod whoquotes;
mod why;

use std::borrow::Cow;

use ratatui::layout::Rect;
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;
use unicode_width::UnicodeWidthChar;

use super::mode::{Mode, PromptKind};
use super::state::{App, Pane};

pub use help::{help_lines, help_section};
pub use panel::counts;
pub use statement::statement_lines;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let screen = app.screen();
    if let Some(area) = screen.list {
        list::render_list(app, frame, area);
    }
    if let Some(area) = screen.panel {
        panel::render_panel(app, frame, area);
    }
    // Last, so its scrollbar sits on the border it shares with the panel.
    if let Some(area) = screen.reader {
        reader::render_reader(app, frame, area);
    }
    if let Some(area) = screen.legend {
        legend::render_legend(app, frame, area);
    }
    status::render_status(app, frame, &screen);
    if let Some(banner) = &app.banner {
        render_banner(app, frame, banner);
    }
    // Overlays from the bottom one up: a question over the editor over the
    // notes list; the explanation, a statement, the picker or the help
    // over who quotes whom.
    let layers: Vec<&Mode> = app.mode.layers().collect();
    for mode in layers.into_iter().rev() {
        render_layer(app, frame, mode);
    }
}

/// Draws one overlay.
fn render_layer(app: &App, frame: &mut Frame, mode: &Mode) {
    match mode {
        Mode::Prompt(prompt) if matches!(prompt.kind, PromptKind::Speaker(_)) => {
            panel::render_picker(app, frame, prompt)
        }
        Mode::Notes(view) => notes::render_notes(app, frame, view),
        Mode::Editor { editor, .. } => notes::render_editor(app, frame, editor),
        Mode::Confirm { confirm, .. } => notes::render_confirm(app, frame, confirm),
        Mode::Statement { view, scroll, .. } => {
            statement::render_statement(app, frame, view, *scroll)
        }
        Mode::WhoQuotes(view) => whoquotes::render_who_quotes(app, frame, view),
        Mode::Why { article, quote, .. } => why::render_why(app, frame, *article, *quote),
        Mode::Feeds { selected } => feeds::render_feeds(app, frame, *selected),
        Mode::Help { scroll, .. } => help::render_help(app, frame, *scroll),
        Mode::Normal | Mode::Select(_) | Mode::Prompt(_) => {}
    }
}

/// A pane's border and title. Where a neighbour shares the border, the
/// corners join it (`┬`, `┴`); the title is cut, with "…", to fit.
/// The warning banner over the top line, until `X` dismisses it.
fn render_banner(app: &App, frame: &mut Frame, banner: &str) {
    let area = frame.area();
    if area.height == 0 {
        return;
    }
    let line = ratatui::layout::Rect { height: 1, ..area };
    let text = format!(" ⚠ {banner}  (X dismisses)");
    let text = truncate(&text, usize::from(area.width));
    frame.render_widget(ratatui::widgets::Clear, line);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(Span::styled(
            text.into_owned(),
            app.theme
                .notice
                .add_modifier(ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::BOLD),
        )),
        line,
    );
}

pub(super) fn pane_block<'a>(app: &App, pane: Pane, title: String, width: u16) -> Block<'a> {
    let style = if app.focus == pane {
        app.theme.border_focused
    } else {
        app.theme.border
    };
    let (left, right) = app.screen().neighbours(pane);
    let plain = symbols::border::PLAIN;
    let set = symbols::border::Set {
        top_left: if left { "┬" } else { plain.top_left },
        bottom_left: if left { "┴" } else { plain.bottom_left },
        top_right: if right { "┬" } else { plain.top_right },
        bottom_right: if right { "┴" } else { plain.bottom_right },
        ..plain
    };
    let title = truncate(&title, usize::from(width.saturating_sub(2))).into_owned();
    Block::new()
        .borders(Borders::ALL)
        .border_set(set)
        .border_style(style)
        .title(Span::styled(title, style))
}

/// A box `width` × `height` centred in `area`, clamped to it.
pub(super) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// A full view over `area` (who quotes whom, the feeds): cleared, in a
/// focused border titled `title` (cut to fit). Returns where its text
/// goes: inside the border, a column of padding each side.
pub(super) fn overlay(app: &App, frame: &mut Frame, area: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(truncate(title, usize::from(area.width.saturating_sub(2))).into_owned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// "1 quote", "3 quotes".
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Display width of a string.
pub(super) fn str_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Cuts `s` to `width` columns, ending in "…" when cut.
pub(super) fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    if str_width(s) <= width {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

/// `line` cut to `width` columns, ending in "…" when cut.
pub(super) fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width || width == 0 {
        return line;
    }
    // Room for the ellipsis at the end.
    let budget = width - 1;
    let mut used = 0;
    let mut spans = Vec::new();
    let mut last_style = line.style;
    for span in line.spans {
        last_style = span.style;
        let span_width = str_width(&span.content);
        if used + span_width <= budget {
            used += span_width;
            spans.push(span);
            continue;
        }
        let mut kept = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > budget {
                break;
            }
            used += w;
            kept.push(c);
        }
        spans.push(Span::styled(kept, span.style));
        break;
    }
    spans.push(Span::styled("…", last_style));
    Line::from(spans).style(line.style)
}

/// File names come from the file system, not through the cleaner: give them
/// the cleaner's display sanitizing before they reach the terminal.
pub(super) fn display_safe(s: &str) -> String {
    crate::clean::sanitize::for_display(s)
}

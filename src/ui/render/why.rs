//! The explanation of a quotation's speaker, in a small popup over the
//! screen, with the keys that correct it.
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph};
use ratatui::Frame;

use crate::ui::action::Action;
use crate::ui::keymap::Context;
use crate::ui::state::App;
use crate::ui::why::explain;
use crate::ui::wrap::wrap;

/// The popup's widest text, in columns.
const WIDTH: u16 = 62;

/// The popup's lines at `width` columns, wrapped, each with its style.
fn lines(app: &App, article: usize, quote: usize, width: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let Some(why) = explain(&app.corpus, article, quote) else {
        return vec![Line::styled("this quotation is gone", theme.meta)];
    };
    let mut parts: Vec<(String, Style)> = vec![(why.quotation, theme.quote)];
    let mut speaker = why.speaker;
    if !why.corrections.is_empty() {
        speaker.push_str(" ✱");
    }
    parts.push((speaker, theme.help_heading));
    if let Some(role) = why.role {
        parts.push((format!("  {role}"), theme.meta));
    }
    for correction in &why.corrections {
        parts.push((format!("✱ corrected by you: {correction}"), theme.tag));
    }
    if let Some(machine) = why.machine {
        parts.push((format!("the machine said: {machine}"), theme.body));
    }
    let indent = if why.corrections.is_empty() { "" } else { "  " };
    for reason in why.reasons {
        parts.push((format!("{indent}{reason}"), theme.body));
    }
    if let Some(rules) = why.rules {
        parts.push((format!("{indent}{rules}"), theme.meta));
    }
    let mut out = Vec::new();
    for (text, style) in parts {
        for row in wrap(&text, width) {
            out.push(Line::styled(text[row].to_string(), style));
        }
    }
    out.push(Line::default());
    out.push(keys_line(app, width));
    out
}

/// "c change speaker  x not a quotation  r revert  Esc close", from the
/// keymap in force.
fn keys_line(app: &App, width: u16) -> Line<'static> {
    let theme = &app.theme;
    let mut spans = Vec::new();
    for (action, words) in [
        (Action::ChangeSpeaker, "change speaker"),
        (Action::NotAQuotation, "not a quotation"),
        (Action::UndoCorrection, "revert"),
        (Action::ClearFilters, "close"),
    ] {
        let Some(key) = app
            .keymap
            .keys_for(Context::Why, &action)
            .into_iter()
            .next()
        else {
            continue;
        };
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, theme.help_key));
        spans.push(Span::styled(format!(" {words}"), theme.meta));
    }
    super::fit_line(Line::from(spans), usize::from(width))
}

pub(super) fn render_why(app: &App, frame: &mut Frame, article: usize, quote: usize) {
    let area = app.size;
    let width = area.width.saturating_sub(4).min(WIDTH + 4);
    let text_width = width.saturating_sub(4).max(1);
    let lines = lines(app, article, quote, text_width);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(1));
    let popup = super::centred(area, width, height);
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .padding(Padding::horizontal(1))
        .title(" Why this speaker ");
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

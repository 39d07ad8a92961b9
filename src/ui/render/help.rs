//! The help overlay, generated from the keymap.
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::ui::keymap::{Context, Keymap};
use crate::ui::state::App;
use crate::ui::theme::Theme;

/// The help screen's lines, generated from the keymap.
pub fn help_lines(theme: &Theme, keymap: &Keymap) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled("What the colours mean", theme.help_heading),
        Line::from(super::legend::legend_spans(theme)),
        Line::default(),
    ];
    for context in Context::ALL {
        if lines.len() > 3 {
            lines.push(Line::default());
        }
        lines.push(Line::styled(context.title(), theme.help_heading));
        for binding in keymap.bindings_for(context) {
            let keys = binding
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), theme.help_key),
                Span::raw(binding.help),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Mouse: wheel scrolls the pane under it; click selects.",
        theme.meta,
    ));
    lines
}

/// The line of the help where `context`'s keys start, to open it there.
pub fn help_section(theme: &Theme, keymap: &Keymap, context: Context) -> usize {
    help_lines(theme, keymap)
        .iter()
        .position(|line| line.style == theme.help_heading && line.to_string() == context.title())
        .unwrap_or(0)
}

pub(super) fn render_help(app: &App, frame: &mut Frame, scroll: usize) {
    let lines = help_lines(&app.theme, &app.keymap);
    let area = app.size;
    // As wide as the widest line, up to the screen.
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let width = (widest as u16)
        .saturating_add(4)
        .min(area.width.saturating_sub(2));
    let inner_width = usize::from(width.saturating_sub(4));
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|line| super::fit_line(line, inner_width))
        .collect();
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let popup = super::centred(area, width, height);
    let visible = usize::from(height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let more = if scroll + visible < lines.len() {
        " ↓ j "
    } else {
        ""
    };
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(" Keys (Esc or ? to close) ")
        .title_bottom(more);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let text = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), text);
}

//! The legend: what each highlight style means, as one line.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::ui::state::App;
use crate::ui::theme::Theme;

/// The legend's spans: each entity kind and quotation part in its own
/// style.
pub fn legend_spans(theme: &Theme) -> Vec<Span<'static>> {
    let parts = [
        ("Person", theme.person),
        ("Organization", theme.organization),
        ("Place", theme.place),
        // Other named things (events, treaties) share the groups' style.
        ("Group, event", theme.group),
        ("“quotation”", theme.quote),
        ("—speaker", theme.tag),
        ("‘term’", theme.term),
        ("✱ corrected", theme.tag),
        ("✎ note", theme.gutter),
        ("★ bookmark", theme.gutter),
    ];
    let mut spans = vec![Span::raw(" ")];
    for (i, (text, style)) in parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(text, style));
    }
    spans
}

pub(super) fn render_legend(app: &App, frame: &mut Frame, area: Rect) {
    let line = super::fit_line(
        Line::from(legend_spans(&app.theme)),
        usize::from(area.width),
    );
    frame.render_widget(Paragraph::new(line), area);
}

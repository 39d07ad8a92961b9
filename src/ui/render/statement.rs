//! The statement overlay: how each outlet carries the same quoted words,
//! compared word by word with the fullest version.
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::display_safe;
use crate::index::statements::WordDiff;
use crate::index::StatementView;
use crate::model::Article;
use crate::ui::state::App;
use crate::ui::theme::Theme;

/// The outlet article `index` names, if any.
fn outlet_of(articles: &[Article], index: usize) -> Option<String> {
    articles.get(index)?.outlet.clone()
}

/// The overlay's lines: a warning when outlets disagree on the speaker,
/// then per version its outlet, date and speaker, its article, and its
/// words with cuts `[-…-]`, additions `{+…+}` and changes `[-…-]{+…+}`.
pub fn statement_lines(
    theme: &Theme,
    articles: &[Article],
    view: &StatementView,
) -> Vec<Line<'static>> {
    let cut = theme.meta.add_modifier(Modifier::CROSSED_OUT);
    let added = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut lines = Vec::new();
    if view.conflicting_speakers {
        lines.push(Line::styled(
            "⚠ Outlets give these words to different speakers.",
            theme.notice,
        ));
        lines.push(Line::default());
    }
    for (i, version) in view.versions.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        // An article that names no outlet shows its title below, never
        // its file's name here.
        let outlet = outlet_of(articles, version.quote.0);
        let speaker = version.speaker.as_deref().unwrap_or("no speaker");
        let mut head = [outlet.as_deref(), version.date.as_deref(), Some(speaker)]
            .into_iter()
            .flatten()
            .map(display_safe)
            .collect::<Vec<_>>()
            .join(" · ");
        if version.quote == view.reference {
            head.push_str(" · fullest");
        }
        lines.push(Line::styled(head, theme.help_heading));
        lines.push(Line::styled(display_safe(&version.title), theme.meta));
        let mut words: Vec<Span<'static>> = vec![Span::styled("“", theme.quote)];
        let mut first = true;
        let mut push = |words: &mut Vec<Span<'static>>, text: String, style: Style| {
            if !first {
                words.push(Span::raw(" "));
            }
            first = false;
            words.push(Span::styled(text, style));
        };
        for part in &version.diff {
            match part {
                WordDiff::Same(w) => push(&mut words, w.clone(), theme.quote),
                WordDiff::Cut(w) => push(&mut words, format!("[-{w}-]"), cut),
                WordDiff::Added(w) => push(&mut words, format!("{{+{w}+}}"), added),
                WordDiff::Changed { from, to } => {
                    push(&mut words, format!("[-{from}-]"), cut);
                    words.push(Span::styled(format!("{{+{to}+}}"), added));
                }
            }
        }
        words.push(Span::styled("”", theme.quote));
        lines.push(Line::from(words));
    }
    lines
}

pub(super) fn render_statement(app: &App, frame: &mut Frame, view: &StatementView, scroll: usize) {
    let lines = statement_lines(&app.theme, &app.corpus.articles, view);
    let area = app.size;
    let width = area.width.saturating_sub(4).min(90);
    let height = area.height.saturating_sub(2);
    let popup = super::centred(area, width, height);
    let outlets = {
        let mut names: Vec<&str> = view.versions.iter().map(|v| v.outlet.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    };
    let title = format!(
        " The same words in {outlets} outlet{} (Esc to close) ",
        if outlets == 1 { "" } else { "s" }
    );
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(title);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        popup,
    );
}

//! The quotes-by-speaker panel and the speaker picker.
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{pane_block, plural, str_width, truncate};
use crate::ui::geometry;
use crate::ui::mode::{Pick, Prompt, PromptKind};
use crate::ui::panel::{quote_rows, PanelItem, Scope, QUOTE_INDENT};
use crate::ui::state::{App, Pane};

/// "3 quotes in 2 articles".
pub fn counts(quotes: usize, articles: usize) -> String {
    format!(
        "{} in {}",
        plural(quotes, "quote", "quotes"),
        plural(articles, "article", "articles")
    )
}

pub(super) fn render_panel(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let scope = match app.panel.scope {
        Scope::Article => "this article",
        Scope::Corpus => "all articles",
    };
    let title = format!(" Quotes · {scope} ");
    frame.render_widget(pane_block(app, Pane::Panel, title, area.width), area);
    let inner = geometry::inner(area);
    let width = usize::from(inner.width);
    if app.panel.items.is_empty() {
        let analyzing = !app.corpus.is_complete();
        let message = if analyzing {
            "  Finding quotations…"
        } else {
            "  No quotations here. s: all articles"
        };
        frame.render_widget(Paragraph::new(Line::styled(message, theme.meta)), inner);
        return;
    }
    let followed = app.speaker_filter.as_deref();
    let rows = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::new();
    for (position, item) in app.panel.items.iter().enumerate().skip(app.panel.offset) {
        if lines.len() >= rows {
            break;
        }
        let selected = position == app.panel.selected && app.focus == Pane::Panel;
        let (item_lines, style): (Vec<(String, bool)>, Style) = match *item {
            PanelItem::Speaker { speaker, in_scope } => {
                let Some(record) = app.corpus.speakers.get(speaker) else {
                    continue;
                };
                let open = app.panel.expanded.contains(&record.name);
                let marker = match (followed == Some(record.name.as_str()), open) {
                    (true, _) => "● ",
                    (false, true) => "▾ ",
                    (false, false) => "▸ ",
                };
                let here = match app.panel.scope {
                    Scope::Article if in_scope != record.quotes.len() => {
                        format!("{in_scope} here · ")
                    }
                    _ => String::new(),
                };
                let mut detail = format!(
                    "{here}{}",
                    counts(record.quotes.len(), record.articles.len())
                );
                if let Some(role) = record.roles.first() {
                    detail = format!("{detail} · {role}");
                }
                // Expanded: the other names the articles use for them, first.
                if open && !record.aliases.is_empty() {
                    detail = format!("also {} · {detail}", record.aliases.join(", "));
                }
                (
                    vec![
                        (format!("{marker}{}", record.name), true),
                        (format!("  {detail}"), false),
                    ],
                    theme.panel_speaker,
                )
            }
            PanelItem::Quote { article, quote, .. } => {
                let text = app
                    .corpus
                    .analysis(article)
                    .and_then(|a| a.quotes.get(quote))
                    .and_then(|q| app.corpus.articles.get(article)?.text.get(q.span.range()))
                    .unwrap_or("");
                let (wrapped, cut) = quote_rows(text, inner.width);
                let indent = " ".repeat(usize::from(QUOTE_INDENT));
                let last = wrapped.len().saturating_sub(1);
                let mut item_lines: Vec<(String, bool)> = wrapped
                    .iter()
                    .enumerate()
                    .map(|(i, range)| {
                        let row = text.get(range.clone()).unwrap_or("");
                        let open = if i == 0 { "“" } else { " " };
                        let close = match (i == last, cut) {
                            (true, true) => "…",
                            (true, false) => "”",
                            _ => "",
                        };
                        (format!("{indent}{open}{row}{close}"), true)
                    })
                    .collect();
                let mut source = String::new();
                if app.corpus.is_corrected(article, quote) {
                    source.push_str("corrected · ");
                }
                // Read per visible row: bounded by the statement's size.
                match app.corpus.also_in_outlets((article, quote)) {
                    0 => {}
                    1 => source.push_str("also in 1 outlet (o) · "),
                    n => source.push_str(&format!("also in {n} outlets (o) · ")),
                }
                if let Some(a) = app.corpus.articles.get(article) {
                    source.push_str(&a.title);
                }
                item_lines.push((format!("{indent} {source}"), false));
                (item_lines, theme.quote)
            }
        };
        for (text, main) in item_lines {
            let style = match (selected, main) {
                (true, _) => theme.list_selected,
                (false, true) => style,
                (false, false) => theme.panel_count,
            };
            let text = truncate(&text, width).into_owned();
            let pad = " ".repeat(width.saturating_sub(str_width(&text)));
            lines.push(Line::from(vec![
                Span::styled(text, style),
                Span::styled(pad, style),
            ]));
        }
    }
    lines.truncate(rows);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The speaker picker's list, above the prompt line: the matching names,
/// then the name typed when it is no one's yet.
pub(super) fn render_picker(app: &App, frame: &mut Frame, prompt: &Prompt) {
    let area = app.size;
    let width = area.width.saturating_sub(4).min(60);
    let entries = prompt.entries();
    let rows = entries.clamp(1, 12) as u16;
    let height = (rows + 2).min(area.height.saturating_sub(1));
    let popup = Rect::new(
        area.x + (area.width.saturating_sub(width)) / 2,
        area.y + area.height.saturating_sub(height + 1),
        width,
        height,
    );
    let visible = usize::from(height.saturating_sub(2)).max(1);
    let first = prompt.choice.saturating_sub(visible - 1);
    let inner_width = usize::from(width.saturating_sub(2));
    let row = |text: String, chosen: bool| {
        let text = truncate(&text, inner_width).into_owned();
        let style = if chosen {
            app.theme.list_selected
        } else {
            app.theme.body
        };
        let pad = " ".repeat(inner_width.saturating_sub(str_width(&text)));
        Line::from(vec![Span::styled(text, style), Span::styled(pad, style)])
    };
    let lines: Vec<Line> = if entries == 0 {
        vec![Line::styled(" no speaker matches", app.theme.meta)]
    } else {
        (first..entries)
            .take(visible)
            .filter_map(|i| {
                let text = match prompt.matches.get(i) {
                    Some(&c) => {
                        let choice = prompt.choices.get(c)?;
                        format!(" {} · {}", choice.name, choice.detail)
                    }
                    None => format!(" + new: {}", prompt.new_name.as_deref()?),
                };
                Some(row(text, i == prompt.choice))
            })
            .collect()
    };
    let title = match &prompt.kind {
        PromptKind::Speaker(Pick::Reassign { .. }) => {
            " Who said it? Pick, or type a new name (Enter, Esc) ".to_string()
        }
        PromptKind::Speaker(Pick::Merge { speaker }) => {
            format!(" Merge {speaker} into… (Enter, Esc) ")
        }
        PromptKind::Speaker(Pick::Split { speaker }) => {
            format!(" Which name is not {speaker}? (Enter, Esc) ")
        }
        _ => " Follow a speaker (Enter, Esc) ".to_string(),
    };
    let title = truncate(&title, usize::from(width.saturating_sub(2))).into_owned();
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(title);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

//! The feeds view: every subscription with its title, address, tags, when
//! it was last fetched, its articles (and how many are unread) and the
//! error of its last fetch. Draws only the feeds on screen.
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{display_safe, truncate};
use crate::ui::feeds::FeedEntry;
use crate::ui::state::App;

/// Rows one feed takes.
const FEED_ROWS: usize = 3;

pub(super) fn render_feeds(app: &App, frame: &mut Frame, selected: usize) {
    let area = app.size;
    let area = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    let feeds = &app.feeds;
    let failed = feeds.entries.iter().filter(|e| e.error.is_some()).count();
    let mut title = format!(" Feeds ({})", feeds.entries.len());
    if failed > 0 {
        title.push_str(&format!(" · {failed} failing"));
    }
    match feeds.progress {
        Some(p) => title.push_str(&format!(" · refreshing {p}")),
        None => title.push_str(" · R refresh"),
    }
    title.push_str(" · Esc close ");
    let inner = super::overlay(app, frame, area, &title);
    let width = usize::from(inner.width);
    let shown = (usize::from(inner.height) / FEED_ROWS).max(1);
    let first = selected.saturating_sub(shown - 1);
    let mut lines = Vec::new();
    for (i, entry) in feeds.entries.iter().enumerate().skip(first).take(shown) {
        lines.extend(feed_lines(app, entry, i == selected, width));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn feed_lines(app: &App, entry: &FeedEntry, selected: bool, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let unread = entry
        .articles
        .iter()
        .filter(|&&i| app.articles.get(i).is_some_and(|a| !a.read))
        .count();
    let name = display_safe(entry.title.as_deref().unwrap_or(&entry.url));
    let counts = match (entry.articles.len(), unread) {
        (0, _) => "no articles".to_string(),
        (1, 0) => "1 article, read".to_string(),
        (n, 0) => format!("{n} articles, all read"),
        (1, _) => "1 article, unread".to_string(),
        (n, u) => format!("{n} articles, {u} unread"),
    };
    let head = format!("{} {name} · {counts}", if selected { "▸" } else { " " });
    let head_style = if selected {
        theme.list_selected
    } else {
        theme.list_title
    };
    let mut address = format!("  {}", display_safe(&entry.url));
    if !entry.tags.is_empty() {
        let tags: Vec<String> = entry.tags.iter().map(|t| display_safe(t)).collect();
        address.push_str(&format!("  [{}]", tags.join(", ")));
    }
    let fetched = entry
        .fetched_at
        .and_then(|t| chrono::DateTime::from_timestamp(i64::try_from(t).ok()?, 0))
        .map_or("never fetched".to_string(), |t| {
            format!("fetched {}", t.format("%Y-%m-%d %H:%M UTC"))
        });
    let state = match &entry.error {
        Some(error) => Line::from(vec![
            Span::styled(format!("  {fetched} · "), theme.meta),
            Span::styled(format!("✗ {}", display_safe(error)), theme.notice),
        ]),
        None => Line::styled(format!("  {fetched}"), theme.meta),
    };
    vec![
        Line::styled(truncate(&head, width).into_owned(), head_style),
        Line::styled(truncate(&address, width).into_owned(), theme.list_meta),
        super::fit_line(state, width),
    ]
}

//! The article list.
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{display_safe, pane_block, str_width, truncate};
use crate::ui::geometry;
use crate::ui::state::{App, ListSort, Pane};

pub(super) fn render_list(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let shown = app.list.visible.len();
    // The order is named unless it is the plain given one.
    let order = match (app.list.sort, app.list.group_by_outlet) {
        (ListSort::Given, false) => String::new(),
        (sort, false) => format!(" · {}", sort.label()),
        (sort, true) => format!(" · {}, grouped", sort.label()),
    };
    // Said once reading has begun: before, every article is unread.
    let unread = match app.unread_count() {
        0 if app.articles.is_empty() => String::new(),
        0 => " · all read".to_string(),
        n if n == app.articles.len() => String::new(),
        n => format!(" · {n} unread"),
    };
    let title = if shown == app.corpus.articles.len() {
        format!(" Articles ({shown}{unread}){order} ")
    } else {
        format!(
            " Articles ({shown} of {}{unread}){order} ",
            app.corpus.articles.len()
        )
    };
    frame.render_widget(pane_block(app, Pane::List, title, area.width), area);
    let inner = geometry::inner(area);
    let width = usize::from(inner.width);
    if shown == 0 {
        let message = match app.feeds.progress {
            Some(_) if app.corpus.articles.is_empty() => "  Fetching the feeds…",
            None if app.corpus.articles.is_empty() => "  No articles (F: feeds)",
            _ => "  No article matches. Esc clears the filter.",
        };
        let message = Line::styled(message, theme.meta);
        frame.render_widget(Paragraph::new(message), inner);
        return;
    }
    let mut lines = Vec::new();
    for (position, &index) in app
        .list
        .visible
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(app.list_height())
    {
        let Some(article) = app.corpus.articles.get(index) else {
            continue;
        };
        let selected = position == app.list.selected;
        let (read, marks) = app
            .articles
            .get(index)
            .map_or((false, Default::default()), |a| (a.read, a.marks));
        let mark = if marks.bookmarked {
            "★ "
        } else if read {
            "✓ "
        } else {
            "  "
        };
        let title = truncate(&article.title, width.saturating_sub(2));
        let mut meta = String::from(if marks.annotated { "✎ " } else { "  " });
        if let Some(&hits) = app.list.body_hits.get(&index) {
            meta.push_str(&format!(
                "{hits} hit{} · ",
                if hits == 1 { "" } else { "s" }
            ));
        }
        if let Some(date) = &article.date {
            meta.push_str(date);
            meta.push_str(" · ");
        }
        // Who it is from; with no outlet known, what it holds, never the
        // file's (often hash-like) name under a title of its own.
        match (&article.outlet, app.corpus.analysis(index)) {
            (Some(outlet), _) => meta.push_str(&display_safe(outlet)),
            (None, Some(analysis)) => {
                let quotes = analysis
                    .quotes
                    .iter()
                    .filter(|q| q.kind != crate::analyze::QuoteKind::Term)
                    .count();
                meta.push_str(&match quotes {
                    0 => "no quotations".to_string(),
                    1 => "1 quotation".to_string(),
                    n => format!("{n} quotations"),
                });
            }
            (None, None) if !app.corpus.is_loaded(index) => meta.push_str("not read yet"),
            (None, None) => {}
        }
        let meta = truncate(&meta, width).into_owned();
        let (title_style, meta_style, mark_style) = if selected {
            (
                theme.list_selected,
                theme.list_selected,
                theme.list_selected,
            )
        } else {
            (theme.list_title, theme.list_meta, theme.mark)
        };
        let pad = |used: usize| " ".repeat(width.saturating_sub(used));
        let title_pad = pad(str_width(mark) + str_width(&title));
        let meta_pad = pad(str_width(&meta));
        lines.push(Line::from(vec![
            Span::styled(mark, mark_style),
            Span::styled(title.into_owned(), title_style),
            Span::styled(title_pad, title_style),
        ]));
        lines.push(Line::from(vec![
            Span::styled(meta, meta_style),
            Span::styled(meta_pad, meta_style),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

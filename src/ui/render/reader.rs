//! The reading pane: the visible rows of the cached layout, with the
//! highlight layers, inline tags and the notes gutter.
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

use super::{display_safe, pane_block};
use crate::model::Article;
use crate::ui::geometry;
use crate::ui::highlight::{self, Highlight, Layer};
use crate::ui::notes::Gutter;
use crate::ui::state::{App, Pane, ReaderView};
use crate::ui::theme::Theme;
use crate::ui::wrap::{ArticleLayout, Row, RowKind, Source};

pub(super) fn render_reader(app: &App, frame: &mut Frame, area: Rect) {
    let Some(reader) = &app.reader else {
        frame.render_widget(
            pane_block(app, Pane::Reader, " Reading ".into(), area.width),
            area,
        );
        return;
    };
    let Some(article) = app.corpus.articles.get(reader.article) else {
        return;
    };
    // The article's title; its file only when it has none of its own.
    let name = if article.title.trim().is_empty() {
        display_safe(&article.short_source())
    } else {
        article.title.clone()
    };
    let title = format!(" {name} ");
    frame.render_widget(pane_block(app, Pane::Reader, title, area.width), area);
    let text_area = geometry::reader_text(area, app.layout.reader_max_width);
    let height = usize::from(text_area.height);
    let mut layers = Vec::new();
    if app.show_entities {
        layers.push(&reader.decor.entities);
    }
    layers.push(&reader.decor.quotes);
    let marked;
    if let Some(range) = reader
        .marked_quote
        .and_then(|q| reader.decor.quote_ranges.get(q))
    {
        marked = Layer::new(vec![Highlight {
            range: range.clone(),
            style: app.theme.quote_marked,
        }]);
        layers.push(&marked);
    }
    layers.push(&reader.notes.layer);
    let selected;
    if let Some(range) = app
        .mode
        .selection()
        .filter(|s| s.article == reader.article)
        .and_then(|s| app.selection_range(s))
    {
        selected = Layer::new(vec![Highlight {
            range,
            style: app.theme.selection,
        }]);
        layers.push(&selected);
    }
    if let Some(search) = app.search.as_ref().filter(|s| s.article == reader.article) {
        layers.push(&search.layer);
    }
    let view = RowView {
        article,
        layout: &reader.layout,
        summary: &reader.decor.extras.summary,
        theme: &app.theme,
        layers: &layers,
    };
    let rows = reader
        .layout
        .rows(reader.scroll, height)
        .map(|row| view.line(row))
        .collect::<Vec<_>>();
    frame.render_widget(Paragraph::new(rows), text_area);
    render_gutter(app, frame, reader, text_area);

    // The scrollbar runs down the right border, the one the panel shares.
    let inner = geometry::inner(area);
    if reader.layout.len() > height && area.width > 1 {
        let bar = Rect::new(area.x + area.width - 1, inner.y, 1, inner.height);
        let mut state = ScrollbarState::new(reader.layout.len().saturating_sub(height))
            .position(reader.scroll)
            .viewport_content_length(height);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .track_symbol(Some("│"))
                .thumb_symbol("┃")
                .end_symbol(None)
                .style(app.theme.border),
            bar,
            &mut state,
        );
    }
}

/// Marks in the column left of the text beside rows that hold an annotated
/// (✎) or bookmarked (★) passage.
pub(super) fn render_gutter(app: &App, frame: &mut Frame, reader: &ReaderView, text: Rect) {
    if text.x == 0 || reader.notes.gutter.is_empty() {
        return;
    }
    let x = text.x - 1;
    let marks = &reader.notes.gutter;
    for (i, row) in reader
        .layout
        .rows(reader.scroll, usize::from(text.height))
        .enumerate()
    {
        if row.source != Source::Body {
            continue;
        }
        let first = marks.partition_point(|(r, _)| r.end <= row.range.start);
        let mark = marks[first..]
            .iter()
            .take_while(|(r, _)| r.start <= row.range.end)
            .map(|(_, g)| *g)
            .min_by_key(|g| match g {
                Gutter::Annotation => 0,
                Gutter::Bookmark => 1,
            });
        if let Some(mark) = mark {
            let symbol = match mark {
                Gutter::Annotation => "✎",
                Gutter::Bookmark => "★",
            };
            frame.render_widget(
                Span::styled(symbol, app.theme.gutter),
                Rect::new(x, text.y + i as u16, 1, 1),
            );
        }
    }
}

/// What drawing one row of the reading pane needs.
struct RowView<'a> {
    article: &'a Article,
    layout: &'a ArticleLayout,
    summary: &'a [String],
    theme: &'a Theme,
    layers: &'a [&'a Layer],
}

impl<'a> RowView<'a> {
    /// One laid-out row as styled spans.
    fn line(&self, row: &Row) -> Line<'a> {
        let (article, theme) = (self.article, self.theme);
        let slice = |s: &'a str| s.get(row.range.clone()).unwrap_or("");
        match row.source {
            Source::Title => Line::styled(slice(&article.title), theme.title),
            Source::Subtitle => Line::styled(
                slice(article.subtitle.as_deref().unwrap_or("")),
                theme.subtitle,
            ),
            Source::Meta => Line::styled(meta_line(article), theme.meta),
            Source::Summary(i) => {
                let text = self.summary.get(i).map_or("", String::as_str);
                Line::styled(slice(text), theme.meta)
            }
            Source::Blank => Line::default(),
            Source::SetAsideFold => {
                let n = article.set_aside.len();
                let noun = if n == 1 { "line" } else { "lines" };
                Line::styled(
                    format!("── set aside: {n} {noun} of captions, sources and footers (z) ──"),
                    theme.fold,
                )
            }
            Source::SetAside(i) => {
                let text = article.set_aside.get(i).map_or("", |s| s.text.as_str());
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(slice(text), theme.set_aside),
                ])
            }
            Source::Body => self.body_line(row),
        }
    }

    fn body_line(&self, row: &Row) -> Line<'a> {
        let theme = self.theme;
        let base = match row.kind {
            RowKind::Heading => theme.heading,
            _ => theme.body,
        };
        let mut spans = match row.kind {
            RowKind::ListItem { first } => {
                vec![Span::styled(if first { "• " } else { "  " }, theme.bullet)]
            }
            RowKind::Quotation => vec![Span::styled("│ ", theme.bullet)],
            _ => Vec::new(),
        };
        let mut start = row.range.start;
        for tag in self.layout.tags_in(row) {
            spans.extend(highlight::styled(
                &self.article.text,
                start..tag.attach,
                base,
                self.layers,
            ));
            spans.push(Span::styled(format!(" {}", tag.text), theme.tag));
            start = tag.attach;
        }
        spans.extend(highlight::styled(
            &self.article.text,
            start..row.range.end,
            base,
            self.layers,
        ));
        Line::from(spans)
    }
}

fn meta_line(article: &Article) -> String {
    // outlet · byline · date · address (or file).
    let mut parts = Vec::new();
    if let Some(outlet) = &article.outlet {
        parts.push(display_safe(outlet));
    }
    if let Some(byline) = &article.byline {
        parts.push(display_safe(byline));
    }
    if let Some(date) = &article.date {
        parts.push(date.clone());
    }
    let source = article
        .url
        .clone()
        .unwrap_or_else(|| article.path.to_string_lossy().into_owned());
    parts.push(display_safe(&source));
    if article.lossy {
        parts.push("not valid UTF-8: some characters replaced".into());
    }
    parts.join(" · ")
}

//! `render`: draws the [`App`] into a frame. Reads state only; no I/O.
//!
//! The reading pane draws just the rows on screen from the cached layout,
//! so a frame costs the same for a short article and a long one.

use std::borrow::Cow;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};
use ratatui::Frame;
use unicode_width::UnicodeWidthChar;

use super::geometry::{self, Screen};
use super::highlight::{self, Highlight, Layer};
use super::keymap::{self, Context};
use super::notes::Gutter;
use super::notes_view;
use super::panel::{PanelItem, Scope};
use super::state::{App, Pane, Prompt, PromptKind};
use super::theme::Theme;
use super::wrap::{ArticleLayout, Row, RowKind, Source};
use crate::model::Article;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let screen = app.screen();
    if let Some(area) = screen.list {
        render_list(app, frame, area);
    }
    if let Some(area) = screen.reader {
        render_reader(app, frame, area);
    }
    if let Some(area) = screen.panel {
        render_panel(app, frame, area);
    }
    render_status(app, frame, &screen);
    if let Some(prompt) = app
        .prompt
        .as_ref()
        .filter(|p| p.kind == PromptKind::Speaker)
    {
        render_picker(app, frame, prompt);
    }
    if app.notes_view.is_some() {
        notes_view::render_notes(app, frame);
    }
    if let Some(editor) = &app.editor {
        notes_view::render_editor(app, frame, editor);
    }
    if let Some(confirm) = &app.confirm {
        notes_view::render_confirm(app, frame, confirm);
    }
    if let Some(scroll) = app.help {
        render_help(app, frame, scroll);
    }
}

fn pane_block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let style = if app.focus == pane {
        app.theme.border_focused
    } else {
        app.theme.border
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(title, style))
}

fn render_list(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let shown = app.list.visible.len();
    let title = if shown == app.corpus.articles.len() {
        format!(" Articles ({shown}) ")
    } else {
        format!(" Articles ({shown} of {}) ", app.corpus.articles.len())
    };
    frame.render_widget(pane_block(app, Pane::List, title), area);
    let inner = geometry::inner(area);
    let width = usize::from(inner.width);
    if shown == 0 {
        let message = Line::styled("  No article matches. Esc clears the filter.", theme.meta);
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
        let read = app.read.get(index).copied().unwrap_or(false);
        let marks = app.marks.get(index).copied().unwrap_or_default();
        let mark = if marks.bookmarked {
            "★ "
        } else if read {
            "✓ "
        } else {
            "  "
        };
        let title = truncate(&article.title, width.saturating_sub(2));
        let mut meta = String::from(if marks.annotated { "✎ " } else { "  " });
        if let Some(date) = &article.date {
            meta.push_str(date);
            meta.push_str(" · ");
        }
        meta.push_str(&display_safe(&article.short_source()));
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

fn render_reader(app: &App, frame: &mut Frame, area: Rect) {
    let Some(reader) = &app.reader else {
        frame.render_widget(pane_block(app, Pane::Reader, " Reading ".into()), area);
        return;
    };
    let Some(article) = app.corpus.articles.get(reader.article) else {
        return;
    };
    let title = format!(
        " {} ",
        truncate(&display_safe(&article.short_source()), 40).into_owned()
    );
    frame.render_widget(pane_block(app, Pane::Reader, title), area);
    let text_area = geometry::reader_text(area);
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
        .selection
        .as_ref()
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
        .rows
        .iter()
        .skip(reader.scroll)
        .take(height)
        .map(|row| view.line(row))
        .collect::<Vec<_>>();
    frame.render_widget(Paragraph::new(rows), text_area);
    render_gutter(app, frame, reader, text_area);

    let inner = geometry::inner(area);
    if reader.layout.len() > height && inner.width > 0 {
        let bar = Rect::new(inner.x + inner.width - 1, inner.y, 1, inner.height);
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
fn render_gutter(app: &App, frame: &mut Frame, reader: &super::state::ReaderView, text: Rect) {
    if text.x == 0 || reader.notes.gutter.is_empty() {
        return;
    }
    let x = text.x - 1;
    let marks = &reader.notes.gutter;
    for (i, row) in reader
        .layout
        .rows
        .iter()
        .skip(reader.scroll)
        .take(usize::from(text.height))
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
    let mut parts = Vec::new();
    if let Some(date) = &article.date {
        parts.push(date.clone());
    }
    parts.push(display_safe(&article.path.to_string_lossy()));
    if article.lossy {
        parts.push("not valid UTF-8: some characters replaced".into());
    }
    parts.join(" · ")
}

fn render_status(app: &App, frame: &mut Frame, screen: &Screen) {
    let theme = &app.theme;
    let area = screen.status;
    if let Some(prompt) = &app.prompt {
        render_prompt(app, frame, area, prompt);
        return;
    }
    let total = app.corpus.articles.len();
    let mut left = match &app.reader {
        Some(reader) => format!(" {}/{} · {}%", reader.article + 1, total, app.percent()),
        None => format!(" 0/{total}"),
    };
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
    if !app.notes.waiting.is_empty() {
        let why = app.notes.problem.as_deref().unwrap_or("saving");
        left.push_str(&format!(
            " · {} edit(s) not saved yet: {why}",
            app.notes.waiting.len()
        ));
    }
    let analyzed = app.corpus.analyses.iter().filter(|a| a.is_some()).count();
    if analyzed < app.corpus.articles.len() {
        left.push_str(&format!(
            " · analyzing {analyzed}/{}",
            app.corpus.articles.len()
        ));
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
    let hints = match app.focus {
        _ if app.selection.is_some() && app.focus == Pane::Reader => {
            " j/k extend  a note  B bookmark  Esc "
        }
        Pane::List => " Enter open  ? help  q quit ",
        Pane::Reader => " ]/[ quotes  ? help  q quit ",
        Pane::Panel => " Enter open  f follow  ? help ",
    };
    let mut spans = vec![Span::styled(left.clone(), theme.status)];
    let mut used = str_width(&left);
    if let Some(notice) = app.notices.last() {
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

fn render_prompt(app: &App, frame: &mut Frame, area: Rect, prompt: &Prompt) {
    let label = match prompt.kind {
        PromptKind::Search => {
            let count = app.search.as_ref().map_or(0, |s| s.hits.len());
            format!(" search ({count}) /")
        }
        PromptKind::Filter => format!(" filter ({}) /", app.list.visible.len()),
        PromptKind::Speaker => format!(" speaker ({}) >", prompt.matches.len()),
    };
    let label_width = (str_width(&label) as u16).min(area.width);
    frame.render_widget(Paragraph::new(Span::styled(label, app.theme.status)), area);
    let input_area = Rect::new(
        area.x + label_width,
        area.y,
        area.width.saturating_sub(label_width),
        1,
    );
    frame.render_widget(&prompt.input, input_area);
}

/// "3 quotes in 2 articles".
fn counts(quotes: usize, articles: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} in {}",
        plural(quotes, "quote", "quotes"),
        plural(articles, "article", "articles")
    )
}

fn render_panel(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let scope = match app.panel.scope {
        Scope::Article => "this article",
        Scope::Corpus => "all articles",
    };
    let title = format!(" Quotes · {scope} ");
    frame.render_widget(pane_block(app, Pane::Panel, title), area);
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
    let mut lines = Vec::new();
    for (position, item) in app
        .panel
        .items
        .iter()
        .enumerate()
        .skip(app.panel.offset)
        .take(app.panel_height())
    {
        let selected = position == app.panel.selected && app.focus == Pane::Panel;
        let (first, second, first_style) = match *item {
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
                (
                    format!("{marker}{}", record.name),
                    format!("  {detail}"),
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
                let source = app
                    .corpus
                    .articles
                    .get(article)
                    .map(|a| a.title.clone())
                    .unwrap_or_default();
                (
                    format!("   “{text}”"),
                    format!("     {source}"),
                    theme.quote,
                )
            }
        };
        let (first_style, second_style) = if selected {
            (theme.list_selected, theme.list_selected)
        } else {
            (first_style, theme.panel_count)
        };
        for (text, style) in [(first, first_style), (second, second_style)] {
            let text = truncate(&text, width).into_owned();
            let pad = " ".repeat(width.saturating_sub(str_width(&text)));
            lines.push(Line::from(vec![
                Span::styled(text, style),
                Span::styled(pad, style),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The speaker picker's list, above the prompt line.
fn render_picker(app: &App, frame: &mut Frame, prompt: &Prompt) {
    let area = app.size;
    let width = area.width.saturating_sub(4).min(60);
    let rows = prompt.matches.len().clamp(1, 12) as u16;
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
    let lines: Vec<Line> = if prompt.matches.is_empty() {
        vec![Line::styled(" no speaker matches", app.theme.meta)]
    } else {
        prompt
            .matches
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .filter_map(|(i, &s)| {
                let speaker = app.corpus.speakers.get(s)?;
                let text = format!(
                    " {} · {}",
                    speaker.name,
                    counts(speaker.quotes.len(), speaker.articles.len())
                );
                let text = truncate(&text, inner_width).into_owned();
                let style = if i == prompt.choice {
                    app.theme.list_selected
                } else {
                    app.theme.body
                };
                let pad = " ".repeat(inner_width.saturating_sub(str_width(&text)));
                Some(Line::from(vec![
                    Span::styled(text, style),
                    Span::styled(pad, style),
                ]))
            })
            .collect()
    };
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(" Follow a speaker (Enter, Esc) ");
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// The help screen's lines, generated from the keymap.
pub fn help_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for context in Context::ALL {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(context.title(), theme.help_heading));
        for binding in keymap::bindings_for(context) {
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

fn render_help(app: &App, frame: &mut Frame, scroll: usize) {
    let lines = help_lines(&app.theme);
    let area = app.size;
    let width = area.width.saturating_sub(4).min(72);
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let popup = Rect::new(
        area.x + (area.width.saturating_sub(width)) / 2,
        area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    );
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
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        popup,
    );
}

/// Display width of a string.
fn str_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Cuts `s` to `width` columns, ending in "…" when cut.
fn truncate(s: &str, width: usize) -> Cow<'_, str> {
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

/// File names come from the file system, not through the cleaner: give them
/// the cleaner's display sanitizing before they reach the terminal.
fn display_safe(s: &str) -> String {
    crate::clean::sanitize::for_display(s)
}

//! Who quotes whom: the speaker × outlet table, a cell's quotations, and a
//! speaker's timeline. Draws only the rows and columns on screen from the
//! table built in `update`.
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{display_safe, plural, str_width, truncate};
use crate::index::whoquotes::{ColumnOrder, Columns, QuoteTable};
use crate::ui::state::App;
use crate::ui::whoquotes::{
    cell_width, list_capacity, name_width, table_capacity, view_area, Carried, QuoteList, Tab,
    WhoQuotesView, ENTRY_ROWS,
};

pub(super) fn render_who_quotes(app: &App, frame: &mut Frame, view: &WhoQuotesView) {
    let area = view_area(app.size);
    let table = &view.table;
    let what = match table.columns_are {
        Columns::Outlets => plural(table.columns.len(), "outlet", "outlets"),
        Columns::Articles => match &table.outlet {
            Some(outlet) => display_safe(outlet),
            None => "no outlet named".to_string(),
        },
    };
    let unattributed = match table.unattributed {
        0 => String::new(),
        n => format!(" (+{n} without a speaker)"),
    };
    let title = format!(
        " Who quotes whom · {} · {what} · {}{unattributed} ",
        plural(view.articles, "article", "articles"),
        plural(table.total, "quotation", "quotations"),
    );
    let inner = super::overlay(app, frame, area, &title);
    if inner.height < 2 || inner.width < 8 {
        return;
    }
    let width = usize::from(inner.width);
    let mut lines = vec![tabs_line(app, view, width), Line::default()];
    let body_rows = usize::from(inner.height).saturating_sub(2);
    match (view.tab, &view.cell) {
        (Tab::Timeline, _) => {
            let title = format!(
                "{} · {} by date (Esc: table)",
                view.timeline.title,
                plural(view.timeline.quotes.len(), "quotation", "quotations")
            );
            list_lines(app, &view.timeline, &title, width, area, &mut lines);
        }
        (Tab::Table, Some(cell)) => {
            let title = format!(
                "{} · {} (Enter opens, Esc: table)",
                cell.title,
                plural(cell.quotes.len(), "quotation", "quotations")
            );
            list_lines(app, cell, &title, width, area, &mut lines);
        }
        (Tab::Statements, _) => statement_lines(app, view, inner.width, area, &mut lines),
        (Tab::Table, None) if table.rows.is_empty() => {
            let analyzing = app.corpus.analyzed_count() < app.corpus.articles.len();
            let message = if analyzing {
                format!(
                    "No quotation with a speaker yet (analyzing {}/{})",
                    app.corpus.analyzed_count(),
                    app.corpus.articles.len()
                )
            } else {
                "No quotation with a speaker in these articles.".to_string()
            };
            lines.push(Line::styled(message, app.theme.meta));
        }
        (Tab::Table, None) => table_lines(app, view, inner.width, area, &mut lines),
    }
    lines.truncate(body_rows + 2);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| super::fit_line(l, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "Table │ Timeline: Name", the current tab marked, and the orders.
fn tabs_line(app: &App, view: &WhoQuotesView, width: usize) -> Line<'static> {
    let theme = &app.theme;
    let on = theme.help_heading.add_modifier(Modifier::REVERSED);
    let off = theme.meta;
    let style = |tab: Tab| if view.tab == tab { on } else { off };
    let speaker = view.speaker_name().map(display_safe).unwrap_or_default();
    let mut spans = vec![
        Span::styled(" Table ", style(Tab::Table)),
        Span::styled(" │ ", off),
        Span::styled(format!(" Timeline: {speaker} "), style(Tab::Timeline)),
        Span::styled(" │ ", off),
        Span::styled(
            format!(" Statements ({}) ", view.statements.len()),
            style(Tab::Statements),
        ),
    ];
    let columns = match (view.column_order, view.table.columns_are) {
        (ColumnOrder::Name, Columns::Outlets) => "by name",
        (ColumnOrder::Name, Columns::Articles) => "by date",
        (ColumnOrder::Count, _) => "most quotations",
    };
    let orders = format!("speakers: {} · columns: {columns}", view.row_order.label());
    let used: usize = spans.iter().map(|s| str_width(&s.content)).sum();
    if used + str_width(&orders) + 2 <= width {
        spans.push(Span::raw(" ".repeat(width - used - str_width(&orders))));
        spans.push(Span::styled(orders, off));
    }
    Line::from(spans)
}

/// The table's header, the rows on screen, the totals and the cell line.
fn table_lines(
    app: &App,
    view: &WhoQuotesView,
    inner_width: u16,
    area: Rect,
    lines: &mut Vec<Line<'static>>,
) {
    let theme = &app.theme;
    let table = &view.table;
    let (body, shown) = table_capacity(area, table);
    let name_w = usize::from(name_width(inner_width, table));
    let cell_w = usize::from(cell_width(inner_width, table));
    let first = view
        .column_offset
        .min(view.columns.len().saturating_sub(shown));
    let visible: Vec<(usize, usize)> = view
        .columns
        .iter()
        .copied()
        .enumerate()
        .skip(first)
        .take(shown)
        .collect();
    let on_totals = view.column == view.columns.len();
    let cursor = theme.list_selected;
    let heading = theme.help_heading;
    // Header: the column names (article columns: their dates), cut.
    let left_more = if first > 0 { "‹" } else { " " };
    let mut header = vec![Span::styled(
        pad(&format!("Speaker {left_more}"), name_w, false),
        heading,
    )];
    // A name too long for its column takes the blank row above as well
    // ("The New York" over "Times").
    let mut above = vec![Span::raw(" ".repeat(name_w))];
    for &(position, column) in &visible {
        let c = &table.columns[column];
        let label = display_safe(c.label(table.columns_are == Columns::Articles));
        let style = if position == view.column {
            heading.add_modifier(Modifier::UNDERLINED)
        } else {
            heading
        };
        let (first_line, second_line) = two_lines(&label, cell_w.saturating_sub(1));
        above.push(Span::styled(pad(first_line, cell_w, true), style));
        header.push(Span::styled(pad(second_line, cell_w, true), style));
    }
    if above.len() > 1 && above.iter().skip(1).any(|s| !s.content.trim().is_empty()) {
        // In place of the blank row under the tabs.
        if lines.last().is_some_and(|l| l.width() == 0) {
            lines.pop();
            lines.push(Line::from(above));
        }
    }
    let right_more = first + shown < view.columns.len();
    header.push(Span::styled(
        pad(if right_more { "› Total" } else { "Total" }, cell_w, true),
        if on_totals {
            heading.add_modifier(Modifier::UNDERLINED)
        } else {
            heading
        },
    ));
    lines.push(Line::from(header));
    let row_first = view.row_offset.min(view.rows.len().saturating_sub(body));
    for (position, &row) in view.rows.iter().enumerate().skip(row_first).take(body) {
        let r = &table.rows[row];
        let here = position == view.row;
        let name_style = if here {
            theme.panel_speaker.add_modifier(Modifier::BOLD)
        } else {
            theme.body
        };
        let mut spans = vec![Span::styled(
            pad(&display_safe(&r.name), name_w, false),
            name_style,
        )];
        for &(column_position, column) in &visible {
            let count = r.count(column);
            let text = if count == 0 {
                "·".to_string()
            } else {
                count.to_string()
            };
            let style = match (here && column_position == view.column, count) {
                (true, _) => cursor,
                (false, 0) => theme.meta,
                (false, _) => theme.body,
            };
            spans.push(Span::styled(pad(&text, cell_w, true), style));
        }
        let total_style = if here && on_totals {
            cursor
        } else {
            theme.body.add_modifier(Modifier::BOLD)
        };
        spans.push(Span::styled(
            pad(&r.total.to_string(), cell_w, true),
            total_style,
        ));
        lines.push(Line::from(spans));
    }
    let mut totals = vec![Span::styled(pad("Total", name_w, false), heading)];
    for &(_, column) in &visible {
        totals.push(Span::styled(
            pad(&table.columns[column].total.to_string(), cell_w, true),
            heading,
        ));
    }
    totals.push(Span::styled(
        pad(&table.total.to_string(), cell_w, true),
        heading,
    ));
    lines.push(Line::from(totals));
    lines.push(Line::default());
    lines.push(Line::styled(cell_line(view, table), theme.meta));
}

/// The statements tab: per statement its words on one row, then who says
/// them and how each column carries them (✓ word for word, `cut`, `≠`
/// changed words), only the statements on screen.
fn statement_lines(
    app: &App,
    view: &WhoQuotesView,
    inner_width: u16,
    area: Rect,
    lines: &mut Vec<Line<'static>>,
) {
    let theme = &app.theme;
    let table = &view.table;
    if view.statements.is_empty() {
        for text in [
            "No statement here is carried by two columns: no two of these articles quote the same words.",
            "(The same words: identical once quotation marks, case and punctuation are set aside, one a fragment of 4+ words of the other, or 80% of the words in order.)",
        ] {
            for row in crate::ui::wrap::wrap(text, inner_width) {
                lines.push(Line::styled(text[row].trim_end().to_string(), theme.meta));
            }
        }
        return;
    }
    let (_, shown) = table_capacity(area, table);
    let name_w = usize::from(name_width(inner_width, table));
    let cell_w = usize::from(cell_width(inner_width, table));
    let first = view
        .column_offset
        .min(view.columns.len().saturating_sub(shown));
    let visible: Vec<usize> = view
        .columns
        .iter()
        .copied()
        .skip(first)
        .take(shown)
        .collect();
    let heading = theme.help_heading;
    // Where the columns do not all fit, each statement names the columns
    // that carry it instead.
    let compact = shown < view.columns.len();
    let left_more = if first > 0 { "‹" } else { " " };
    let mut header = vec![Span::styled(
        pad(&format!("Said by {left_more}"), name_w, false),
        heading,
    )];
    for &column in &visible {
        let label =
            display_safe(table.columns[column].label(table.columns_are == Columns::Articles));
        header.push(Span::styled(pad(&label, cell_w, true), heading));
    }
    let right_more = first + shown < view.columns.len();
    header.push(Span::styled(
        pad(
            if right_more { "› Carried" } else { "Carried" },
            cell_w,
            true,
        ),
        heading,
    ));
    if compact {
        let what = match table.columns_are {
            Columns::Outlets => "outlets",
            Columns::Articles => "articles",
        };
        lines.push(Line::styled(
            format!("Said by · the {what} that carry the words"),
            heading,
        ));
    } else {
        lines.push(Line::from(header));
    }
    let capacity = super::super::whoquotes::statements_capacity(area);
    let top = view
        .statement_offset
        .min(view.statements.len().saturating_sub(capacity));
    let width = usize::from(inner_width);
    for (position, row) in view.statements.iter().enumerate().skip(top).take(capacity) {
        let here = position == view.statement;
        let words_style = if here {
            theme.list_selected
        } else {
            theme.quote
        };
        let marker = if here { "▸ " } else { "  " };
        let bare = row
            .words
            .trim_matches(|c: char| matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''));
        let quoted = format!("“{}”", display_safe(bare));
        let words = truncate(&quoted, width.saturating_sub(2)).into_owned();
        lines.push(Line::from(vec![
            Span::styled(marker, words_style),
            Span::styled(words, words_style),
        ]));
        let said_by = match row.speakers.as_slice() {
            [] => "no speaker".to_string(),
            [one] => display_safe(one),
            // Said in full where the column has room.
            many if name_w > 12 => format!("⚠ {} speakers", many.len()),
            many => format!("⚠ {} names", many.len()),
        };
        let said_style = if row.speakers.len() > 1 {
            theme.notice
        } else {
            theme.meta
        };
        if compact {
            // Not every column fits: name the ones that carry the words.
            let mut spans = vec![Span::styled(said_by, said_style)];
            for &(column, how) in &row.columns {
                let Some(c) = table.columns.get(column) else {
                    continue;
                };
                let label = display_safe(c.label(table.columns_are == Columns::Articles));
                let (mark, style) = match how {
                    Carried::Whole => ("✓", theme.body),
                    Carried::Cut => ("cut", theme.body),
                    Carried::Changed => ("≠", theme.notice),
                };
                spans.push(Span::styled(" · ", theme.meta));
                spans.push(Span::styled(format!("{label} "), theme.body));
                spans.push(Span::styled(mark, style));
            }
            lines.push(Line::from(spans));
            continue;
        }
        let mut spans = vec![Span::styled(pad(&said_by, name_w, false), said_style)];
        for &column in &visible {
            let (text, style) = match row.carried(column) {
                Some(Carried::Whole) => ("✓", theme.body),
                Some(Carried::Cut) => ("cut", theme.body),
                Some(Carried::Changed) => ("≠", theme.notice),
                None => ("·", theme.meta),
            };
            spans.push(Span::styled(pad(text, cell_w, true), style));
        }
        spans.push(Span::styled(
            pad(
                &format!("{}/{}", row.columns.len(), table.columns.len()),
                cell_w,
                true,
            ),
            theme.body.add_modifier(Modifier::BOLD),
        ));
        lines.push(Line::from(spans));
    }
    // The key line at the bottom of the view.
    let room = capacity.min(view.statements.len().saturating_sub(top)) * 2;
    let used = 1 + room;
    let body = usize::from(area.height.saturating_sub(2 + 2));
    for _ in used..body.saturating_sub(1) {
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        "✓ word for word · cut: words left out · ≠ words changed · Enter or o: every version, word by word",
        theme.meta,
    ));
}

/// What the cursor is on, written out: "Ana Duarte × Lakeview Ledger: 3
/// quotations (Enter lists them)".
fn cell_line(view: &WhoQuotesView, table: &QuoteTable) -> String {
    let Some(row) = view.selected_row() else {
        return String::new();
    };
    let (place, count) = match view.selected_column() {
        Some(c) => {
            let place = match (table.columns_are, &c.date) {
                (Columns::Articles, Some(date)) => format!("“{}” ({date})", display_safe(&c.name)),
                (Columns::Articles, None) => format!("“{}”", display_safe(&c.name)),
                (Columns::Outlets, _) => display_safe(&c.name),
            };
            let column = view.columns[view.column];
            (place, row.count(column))
        }
        None => ("every column".to_string(), row.total),
    };
    let hint = if count > 0 { " (Enter lists them)" } else { "" };
    format!(
        "{} × {place}: {}{hint}",
        display_safe(&row.name),
        plural(count, "quotation", "quotations")
    )
}

/// A list of quotations: its title, then per quotation where it is from
/// and its words (two rows at most), only the entries on screen.
fn list_lines(
    app: &App,
    list: &QuoteList,
    title: &str,
    width: usize,
    area: Rect,
    lines: &mut Vec<Line<'static>>,
) {
    let theme = &app.theme;
    lines.push(Line::styled(display_safe(title), theme.help_heading));
    lines.push(Line::default());
    let capacity = list_capacity(area);
    let first = list.offset.min(list.quotes.len().saturating_sub(capacity));
    let text_width = width.saturating_sub(4).max(8);
    for (position, &(article, quote)) in list.quotes.iter().enumerate().skip(first).take(capacity) {
        let (Some(a), Some(q)) = (
            app.corpus.articles.get(article),
            app.corpus
                .analysis(article)
                .and_then(|x| x.quotes.get(quote)),
        ) else {
            continue;
        };
        let selected = position == list.selected;
        // The title comes last, so it is cut first; an article that names
        // no outlet needs no stand-in for one.
        let mut parts: Vec<String> = Vec::with_capacity(4);
        parts.extend(a.date.clone());
        parts.extend(a.outlet.as_deref().map(display_safe));
        // Bounded by the statement's size, for the entries on screen only.
        match app.corpus.also_in_outlets((article, quote)) {
            0 => {}
            1 => parts.push("also in 1 outlet".to_string()),
            n => parts.push(format!("also in {n} outlets")),
        }
        parts.push(display_safe(&a.title));
        let head = parts.join(" · ");
        let marker = if selected { "▸ " } else { "  " };
        let head_style = if selected {
            theme.list_selected
        } else {
            theme.meta
        };
        lines.push(Line::from(vec![
            Span::styled(marker, head_style),
            Span::styled(head, head_style),
        ]));
        // Two rows of words at most: only their start is ever wrapped.
        let words: String = q
            .span
            .text(&a.text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(text_width * 3)
            .collect();
        let quoted = format!("“{words}”");
        let rows = crate::ui::wrap::wrap(&quoted, text_width as u16);
        let kept = usize::from(ENTRY_ROWS - 1);
        for (i, range) in rows.iter().take(kept).enumerate() {
            let mut text = quoted[range.clone()].trim_end().to_string();
            if i + 1 == kept && rows.len() > kept {
                text = truncate(&format!("{text} …"), text_width).into_owned();
            }
            lines.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(text, theme.quote),
            ]));
        }
        for _ in rows.len().min(kept)..kept {
            lines.push(Line::default());
        }
    }
}

/// A column name on one row (`("", name)`) when it fits in `width`
/// columns, else split between words over two rows: as many words on the
/// first as fit, the rest (cut when need be) on the second.
fn two_lines(label: &str, width: usize) -> (&str, &str) {
    if str_width(label) <= width {
        return ("", label);
    }
    label
        .match_indices(' ')
        .map(|(at, _)| (label[..at].trim_end(), label[at..].trim_start()))
        .take_while(|(first, _)| str_width(first) <= width)
        .last()
        .unwrap_or(("", label))
}

/// `text` cut and padded to `width` columns, right-aligned numbers and
/// column names with a space before them.
fn pad(text: &str, width: usize, right: bool) -> String {
    let room = width.saturating_sub(1);
    let cut = truncate(text, room);
    let fill = " ".repeat(room.saturating_sub(str_width(&cut)));
    if right {
        format!(" {fill}{cut}")
    } else {
        format!("{cut}{fill} ")
    }
}

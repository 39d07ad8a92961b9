//! The who-quotes-whom view's state: the table built from the corpus (once
//! per corpus snapshot, never per frame), the cursor, the orders, and the
//! quotation lists opened from it (a cell's, a speaker's timeline).

use ratatui::layout::Rect;

use super::geometry::offset_showing;

use crate::index::statements::QuoteRef;
use crate::index::whoquotes::{ColumnOrder, RowOrder};
use crate::index::{Corpus, QuoteTable};

/// Columns the speaker names take at most.
pub const NAME_WIDTH: u16 = 24;
/// And at least.
const MIN_NAME_WIDTH: u16 = 10;
/// Columns a count column takes at least, its gap included.
pub const CELL_WIDTH: u16 = 11;
/// Rows a quotation takes in a list: where it is from, then its words.
pub const ENTRY_ROWS: u16 = 3;
/// Rows above the table's body inside the border: tabs, blank, header.
const HEAD_ROWS: u16 = 3;
/// Rows below it: the totals, blank, the selected cell.
const FOOT_ROWS: u16 = 3;

/// Which tab shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Table,
    /// The selected speaker's quotations by date.
    Timeline,
    /// The statements two columns or more carry, and how each carries them.
    Statements,
}

impl Tab {
    /// The tab `Tab` goes to.
    pub fn next(self) -> Tab {
        match self {
            Tab::Table => Tab::Timeline,
            Tab::Timeline => Tab::Statements,
            Tab::Statements => Tab::Table,
        }
    }
}

/// How a column carries a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Carried {
    /// Word for word as the fullest version.
    Whole,
    /// Some words left out, none changed.
    Cut,
    /// Words changed or added.
    Changed,
}

/// One statement as the statements tab shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedRow {
    /// The fullest version, the one the others are compared with.
    pub reference: QuoteRef,
    /// Its words, whitespace collapsed.
    pub words: String,
    /// (table column, how it carries the words), ascending by column.
    pub columns: Vec<(usize, Carried)>,
    /// The speakers the articles give the words to, most given first
    /// (versions without a speaker left out).
    pub speakers: Vec<String>,
}

impl CarriedRow {
    /// How `column` carries the statement, if it does.
    pub fn carried(&self, column: usize) -> Option<Carried> {
        self.columns
            .iter()
            .find(|&&(c, _)| c == column)
            .map(|&(_, how)| how)
    }
}

/// The statements that two columns or more of `table` carry, the most
/// widely carried first: one pass over the corpus' statements.
pub fn carried_statements(corpus: &Corpus, table: &QuoteTable) -> Vec<CarriedRow> {
    use crate::index::statements::WordDiff;
    let mut rows: Vec<CarriedRow> = Vec::new();
    for group in corpus.statements.all() {
        let mine: Vec<QuoteRef> = group
            .iter()
            .copied()
            .filter(|&(a, q)| table.column_of_article(a).is_some() && !corpus.is_rejected(a, q))
            .collect();
        let Some(view) = mine.iter().find_map(|&q| corpus.statement(q)) else {
            continue;
        };
        let mut columns: Vec<(usize, Carried)> = Vec::new();
        let mut speakers: Vec<(String, usize)> = Vec::new();
        for version in view.versions.iter().filter(|v| mine.contains(&v.quote)) {
            let Some(column) = table.column_of_article(version.quote.0) else {
                continue;
            };
            let how = if version.diff.iter().all(|d| matches!(d, WordDiff::Same(_))) {
                Carried::Whole
            } else if version
                .diff
                .iter()
                .all(|d| matches!(d, WordDiff::Same(_) | WordDiff::Cut(_)))
            {
                Carried::Cut
            } else {
                Carried::Changed
            };
            // A column with several versions shows its closest one.
            match columns.iter_mut().find(|(c, _)| *c == column) {
                Some((_, best)) => *best = (*best).min(how),
                None => columns.push((column, how)),
            }
            // A version without a speaker names no one: no disagreement.
            if let Some(name) = version.speaker.clone() {
                match speakers.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, n)) => *n += 1,
                    None => speakers.push((name, 1)),
                }
            }
        }
        if columns.len() < 2 {
            continue;
        }
        columns.sort_unstable();
        speakers.sort_by_key(|s| std::cmp::Reverse(s.1));
        let words = corpus
            .articles
            .get(view.reference.0)
            .zip(corpus.analysis(view.reference.0))
            .and_then(|(a, x)| Some(x.quotes.get(view.reference.1)?.span.text(&a.text)))
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        rows.push(CarriedRow {
            reference: view.reference,
            words,
            columns,
            speakers: speakers.into_iter().map(|(n, _)| n).collect(),
        });
    }
    rows.sort_by(|a, b| {
        b.columns
            .len()
            .cmp(&a.columns.len())
            .then(a.reference.cmp(&b.reference))
    });
    rows
}

/// Quotations listed from the table: a cell's, or a speaker's by date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteList {
    pub title: String,
    pub quotes: Vec<QuoteRef>,
    pub selected: usize,
    pub offset: usize,
}

impl QuoteList {
    fn new(title: String, quotes: Vec<QuoteRef>) -> Self {
        QuoteList {
            title,
            quotes,
            selected: 0,
            offset: 0,
        }
    }

    /// Moves the selection by `delta`, clamped, keeping it among the
    /// `visible` entries on screen.
    pub fn move_by(&mut self, delta: isize, visible: usize) {
        let last = self.quotes.len().saturating_sub(1);
        self.selected = (self.selected as isize)
            .saturating_add(delta)
            .clamp(0, last as isize) as usize;
        self.offset = offset_showing(self.offset, self.selected, visible.max(1));
    }

    /// The selected quotation.
    pub fn selected_quote(&self) -> Option<QuoteRef> {
        self.quotes.get(self.selected).copied()
    }
}

/// The view: a table over the list's articles and where the cursor is.
#[derive(Debug, Clone)]
pub struct WhoQuotesView {
    pub table: QuoteTable,
    /// [`Corpus::generation`] the table was built at.
    pub generation: u64,
    /// How many articles it covers.
    pub articles: usize,
    pub tab: Tab,
    pub row_order: RowOrder,
    pub column_order: ColumnOrder,
    /// Table rows and columns in display order.
    pub rows: Vec<usize>,
    pub columns: Vec<usize>,
    /// The cursor, as positions in `rows` and `columns`; the column one past
    /// the last is the totals'.
    pub row: usize,
    pub column: usize,
    pub row_offset: usize,
    pub column_offset: usize,
    /// A cell's quotations, over the table (Enter).
    pub cell: Option<QuoteList>,
    /// The timeline tab's list, for the selected speaker.
    pub timeline: QuoteList,
    /// The statements tab's rows, the selected one and the first shown.
    pub statements: Vec<CarriedRow>,
    pub statement: usize,
    pub statement_offset: usize,
}

impl WhoQuotesView {
    /// The view over `articles` (the list's), cursor on the first row.
    pub fn new(corpus: &Corpus, articles: &[usize]) -> Self {
        let mut view = WhoQuotesView {
            table: QuoteTable::build(corpus, articles),
            generation: corpus.generation(),
            articles: articles.len(),
            tab: Tab::Table,
            row_order: RowOrder::default(),
            column_order: ColumnOrder::default(),
            rows: Vec::new(),
            columns: Vec::new(),
            row: 0,
            column: 0,
            row_offset: 0,
            column_offset: 0,
            cell: None,
            timeline: QuoteList::new(String::new(), Vec::new()),
            statements: Vec::new(),
            statement: 0,
            statement_offset: 0,
        };
        view.statements = carried_statements(corpus, &view.table);
        view.reorder();
        view
    }

    /// Builds the table again (new analyses, other articles), keeping the
    /// cursor on the same speaker and column where they remain.
    /// A list open on a cell stays open on it (a quotation given to
    /// someone else leaves it, the selection staying where it was), and
    /// the timeline stays on its speaker.
    pub fn rebuild(&mut self, corpus: &Corpus, articles: &[usize]) {
        let speaker = self.selected_row().map(|r| r.name.clone());
        let column = self.selected_column().map(|c| c.name.clone());
        let on_totals = self.column == self.columns.len();
        let cell = self.cell.take().map(|list| list.selected);
        let timeline = (self.timeline.title.clone(), self.timeline.selected);
        self.table = QuoteTable::build(corpus, articles);
        self.generation = corpus.generation();
        self.articles = articles.len();
        self.statements = carried_statements(corpus, &self.table);
        self.statement = self.statement.min(self.statements.len().saturating_sub(1));
        self.reorder();
        let row = speaker.as_deref().and_then(|name| self.table.row_of(name));
        if let Some(row) = row {
            self.row = self.rows.iter().position(|&r| r == row).unwrap_or(0);
        }
        let column = column.and_then(|name| self.table.columns.iter().position(|c| c.name == name));
        match column {
            Some(c) => self.column = self.columns.iter().position(|&x| x == c).unwrap_or(0),
            None if on_totals => self.column = self.columns.len(),
            None => {}
        }
        self.clamp();
        if let (Some(selected), Some(_)) = (cell, row) {
            if self.open_cell(corpus).is_ok() {
                if let Some(list) = &mut self.cell {
                    list.selected = selected.min(list.quotes.len().saturating_sub(1));
                    list.offset = list.offset.min(list.selected);
                }
            }
        }
        self.refresh_timeline(corpus);
        if self.timeline.title == timeline.0 {
            let last = self.timeline.quotes.len().saturating_sub(1);
            self.timeline.selected = timeline.1.min(last);
        }
    }

    /// Puts rows and columns in the chosen orders, the cursor staying on
    /// its speaker and column.
    pub fn reorder(&mut self) {
        let row = self.rows.get(self.row).copied();
        let column = self.columns.get(self.column).copied();
        self.columns = self.table.column_order(self.column_order);
        let by = column.unwrap_or(0);
        self.rows = self.table.row_order(self.row_order, by);
        if let Some(row) = row {
            self.row = self.rows.iter().position(|&r| r == row).unwrap_or(0);
        }
        if let Some(column) = column {
            self.column = self.columns.iter().position(|&c| c == column).unwrap_or(0);
        }
        self.clamp();
    }

    fn clamp(&mut self) {
        self.row = self.row.min(self.rows.len().saturating_sub(1));
        self.column = self.column.min(self.columns.len());
    }

    /// The table row under the cursor.
    pub fn selected_row(&self) -> Option<&crate::index::whoquotes::Row> {
        self.table.rows.get(*self.rows.get(self.row)?)
    }

    /// The table column under the cursor (`None` on the totals).
    pub fn selected_column(&self) -> Option<&crate::index::whoquotes::Column> {
        self.table.columns.get(*self.columns.get(self.column)?)
    }

    /// The speaker under the cursor, by name.
    pub fn speaker_name(&self) -> Option<&str> {
        self.selected_row().map(|r| r.name.as_str())
    }

    /// The quotation list that has the keyboard, if one does.
    pub fn list(&self) -> Option<&QuoteList> {
        match self.tab {
            Tab::Table => self.cell.as_ref(),
            Tab::Timeline => Some(&self.timeline),
            Tab::Statements => None,
        }
    }

    pub fn list_mut(&mut self) -> Option<&mut QuoteList> {
        match self.tab {
            Tab::Table => self.cell.as_mut(),
            Tab::Timeline => Some(&mut self.timeline),
            Tab::Statements => None,
        }
    }

    /// The quotation the keys act on: the one selected in a list, or the
    /// fullest version of the statement selected.
    pub fn selected_quote(&self) -> Option<QuoteRef> {
        match self.tab {
            Tab::Statements => self.statements.get(self.statement).map(|s| s.reference),
            _ => self.list()?.selected_quote(),
        }
    }

    /// Moves the statements tab's selection by `delta`, clamped, keeping it
    /// on screen in a view drawn in `area`.
    pub fn move_statement(&mut self, delta: isize, area: Rect) {
        let last = self.statements.len().saturating_sub(1);
        self.statement = (self.statement as isize)
            .saturating_add(delta)
            .clamp(0, last as isize) as usize;
        let shown = statements_capacity(area);
        self.statement_offset = offset_showing(self.statement_offset, self.statement, shown);
    }

    /// Lists the quotations of the cell under the cursor; on an empty
    /// cell, says why nothing opens.
    pub fn open_cell(&mut self, corpus: &Corpus) -> Result<(), String> {
        let Some(&row) = self.rows.get(self.row) else {
            return Err("no speaker to list: no quotation here has one".into());
        };
        let column = self.columns.get(self.column).copied();
        let mut quotes = self.table.quotes_in(corpus, row, column);
        crate::index::whoquotes::by_date(corpus, &mut quotes);
        let speaker = &self.table.rows[row].name;
        if quotes.is_empty() {
            let place = column
                .and_then(|c| self.table.columns.get(c))
                .map_or("these articles", |c| c.name.as_str());
            return Err(crate::clean::sanitize::for_display(&format!(
                "{place} does not quote {speaker}: move to a cell with a number (h/l, j/k)"
            )));
        }
        let title = match column.and_then(|c| self.table.columns.get(c)) {
            Some(c) => format!("{speaker} in {}", c.name),
            None => format!("{speaker}, every column"),
        };
        self.cell = Some(QuoteList::new(title, quotes));
        Ok(())
    }

    /// Points the timeline at the speaker under the cursor.
    pub fn refresh_timeline(&mut self, corpus: &Corpus) {
        self.timeline = match self.rows.get(self.row) {
            Some(&row) => QuoteList::new(
                self.table.rows[row].name.clone(),
                self.table.timeline(corpus, row),
            ),
            None => QuoteList::new(String::new(), Vec::new()),
        };
    }

    /// Moves the cursor by rows and columns, keeping it on screen in a
    /// view drawn in `area`.
    pub fn move_cursor(&mut self, rows: isize, columns: isize, area: Rect) {
        let last_row = self.rows.len().saturating_sub(1) as isize;
        self.row = (self.row as isize)
            .saturating_add(rows)
            .clamp(0, last_row.max(0)) as usize;
        self.column = (self.column as isize)
            .saturating_add(columns)
            .clamp(0, self.columns.len() as isize) as usize;
        let (body, shown) = table_capacity(area, &self.table);
        self.row_offset = offset_showing(self.row_offset, self.row, body);
        // The totals column is always drawn; only outlets scroll.
        let column = self.column.min(self.columns.len().saturating_sub(1));
        self.column_offset = offset_showing(self.column_offset, column, shown);
    }
}

/// The area the view is drawn in: the screen but its status line.
pub fn view_area(size: Rect) -> Rect {
    Rect {
        height: size.height.saturating_sub(1),
        ..size
    }
}

/// Speaker rows and count columns a table of `columns` columns shows in
/// `area` (border included).
pub fn table_capacity(area: Rect, table: &QuoteTable) -> (usize, usize) {
    let columns = table.columns.len();
    let inner_width = area.width.saturating_sub(4);
    let inner_height = area.height.saturating_sub(2);
    let body = inner_height.saturating_sub(HEAD_ROWS + FOOT_ROWS).max(1);
    let cell = cell_width(inner_width, table);
    let room = inner_width.saturating_sub(name_width(inner_width, table) + cell);
    let shown = usize::from(room / cell).clamp(1, columns.max(1));
    (usize::from(body), shown)
}

/// Columns the speaker names get in a table `inner_width` wide: the widest
/// name's, up to a third of the width and [`NAME_WIDTH`].
pub fn name_width(inner_width: u16, table: &QuoteTable) -> u16 {
    let widest = u16::try_from(table.widest_name + 1).unwrap_or(u16::MAX);
    widest.clamp(
        MIN_NAME_WIDTH,
        (inner_width / 3).clamp(MIN_NAME_WIDTH, NAME_WIDTH),
    )
}

/// Columns a count column gets: its widest label's and a gap when the
/// columns (and the totals) fit so, else at least [`CELL_WIDTH`].
pub fn cell_width(inner_width: u16, table: &QuoteTable) -> u16 {
    let widest = u16::try_from(table.widest_label + 2).unwrap_or(u16::MAX);
    let columns = u16::try_from(table.columns.len() + 1).unwrap_or(u16::MAX);
    let share = inner_width.saturating_sub(name_width(inner_width, table)) / columns;
    widest.min(share).max(CELL_WIDTH)
}

/// Entries a quotation list shows in `area` (border included), under the
/// tabs and its title (two lines each with a blank after).
pub fn list_capacity(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2 + 4) / ENTRY_ROWS).max(1)
}

/// Statements the statements tab shows in `area` (border included): two
/// rows each under the tabs and the header, above the key line.
pub fn statements_capacity(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2 + HEAD_ROWS + 2) / 2).max(1)
}

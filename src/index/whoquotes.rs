//! Who quotes whom: a speaker × outlet table of quotation counts over a set
//! of articles (the list's), and a speaker's quotations by date.
//!
//! Built from the corpus speakers (corrections applied) in one pass over
//! their quotations, so it is linear in the corpus; the reader builds it
//! once per corpus snapshot ([`super::Corpus::generation`]), never per
//! frame. With a single outlet in the set the columns are its articles.

use std::cmp::Reverse;

use super::statements::QuoteRef;
use super::Corpus;
use crate::analyze::QuoteKind;

/// "Not in the table" in [`QuoteTable::column_of`].
const NO_COLUMN: u32 = u32::MAX;

/// What the table's columns stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// One column per outlet.
    Outlets,
    /// One outlet only: one column per article.
    Articles,
}

/// A column: an outlet, or one article of the only outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The outlet's name, or the article's title.
    pub name: String,
    /// The article's date (article columns), else the newest article's.
    pub date: Option<String>,
    /// The articles it covers, ascending.
    pub articles: Vec<usize>,
    /// Quotations in the column.
    pub total: usize,
}

impl Column {
    /// What heads the column: an article column's date (its title when it
    /// has none), an outlet's name.
    pub fn label(&self, article_column: bool) -> &str {
        match (&self.date, article_column) {
            (Some(date), true) => date,
            _ => &self.name,
        }
    }
}

/// A row: one speaker's quotations per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into `Corpus::speakers` of the snapshot the table was built on.
    pub speaker: usize,
    pub name: String,
    /// (column, count), ascending by column; columns without a quotation
    /// are left out.
    pub cells: Vec<(u32, u32)>,
    pub total: usize,
}

impl Row {
    /// The speaker's quotations in `column`.
    pub fn count(&self, column: usize) -> usize {
        let Ok(column) = u32::try_from(column) else {
            return 0;
        };
        self.cells
            .binary_search_by_key(&column, |&(c, _)| c)
            .map_or(0, |i| self.cells[i].1 as usize)
    }
}

/// Speakers × outlets (or articles) with quotation counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteTable {
    pub columns_are: Columns,
    /// With article columns, the outlet they all come from (`None` when
    /// they name none).
    pub outlet: Option<String>,
    /// By name (outlets) or by date (articles).
    pub columns: Vec<Column>,
    /// Most quoted first, ties by name.
    pub rows: Vec<Row>,
    /// Every quotation counted.
    pub total: usize,
    /// Quotations of the articles (terms aside) that have no speaker, so
    /// no row.
    pub unattributed: usize,
    /// The widest speaker name, in terminal columns.
    pub widest_name: usize,
    /// The widest column label ([`Column::label`]), likewise.
    pub widest_label: usize,
    /// Per corpus article, its column (or [`NO_COLUMN`]).
    column_of: Vec<u32>,
}

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RowOrder {
    /// Most quoted first.
    #[default]
    Count,
    /// By name.
    Name,
    /// Most quoted in the selected column first.
    Column,
}

impl RowOrder {
    pub fn next(self) -> Self {
        match self {
            RowOrder::Count => RowOrder::Name,
            RowOrder::Name => RowOrder::Column,
            RowOrder::Column => RowOrder::Count,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RowOrder::Count => "most quoted",
            RowOrder::Name => "by name",
            RowOrder::Column => "most quoted in the column",
        }
    }
}

/// How the columns are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColumnOrder {
    /// By name (outlets) or date (articles), as built.
    #[default]
    Name,
    /// Most quotations first.
    Count,
}

impl ColumnOrder {
    pub fn next(self) -> Self {
        match self {
            ColumnOrder::Name => ColumnOrder::Count,
            ColumnOrder::Count => ColumnOrder::Name,
        }
    }
}

impl QuoteTable {
    /// The table over `articles` (corpus indices; out-of-range ones and
    /// unanalyzed articles count nothing). Linear in the speakers'
    /// quotations plus the articles.
    pub fn build(corpus: &Corpus, articles: &[usize]) -> QuoteTable {
        let count = corpus.articles.len();
        let mut in_set = vec![false; count];
        for &a in articles {
            if let Some(slot) = in_set.get_mut(a) {
                *slot = true;
            }
        }
        let members: Vec<usize> = (0..count).filter(|&a| in_set[a]).collect();
        // Only an outlet the article names counts here: a file name stands
        // for nothing a reader would recognise as an outlet.
        let outlets: Vec<Option<&String>> = members
            .iter()
            .map(|&a| corpus.articles[a].outlet.as_ref())
            .collect();
        let one_outlet = members.len() > 1 && outlets.windows(2).all(|w| w[0] == w[1]);
        let outlet = outlets
            .first()
            .copied()
            .flatten()
            .filter(|_| one_outlet)
            .cloned();
        let mut columns: Vec<Column> = if one_outlet {
            let mut by_date: Vec<usize> = members.clone();
            // Oldest first; undated last, as given.
            by_date.sort_by_key(|&a| {
                let date = corpus.articles[a].date.clone();
                (date.is_none(), date)
            });
            by_date
                .into_iter()
                .map(|a| Column {
                    name: corpus.articles[a].title.clone(),
                    date: corpus.articles[a].date.clone(),
                    articles: vec![a],
                    total: 0,
                })
                .collect()
        } else {
            // An article that names no outlet is a column of its own, headed
            // by its title.
            let mut by_outlet: std::collections::BTreeMap<(String, String, usize), Vec<usize>> =
                std::collections::BTreeMap::new();
            for (&a, outlet) in members.iter().zip(outlets) {
                let (name, alone) = match outlet {
                    Some(name) => (name.clone(), usize::MAX),
                    None => (corpus.articles[a].title.clone(), a),
                };
                by_outlet
                    .entry((name.to_lowercase(), name, alone))
                    .or_default()
                    .push(a);
            }
            by_outlet
                .into_iter()
                .map(|((_, name, _), articles)| Column {
                    date: articles
                        .iter()
                        .filter_map(|&a| corpus.articles[a].date.clone())
                        .max(),
                    name,
                    articles,
                    total: 0,
                })
                .collect()
        };
        let mut column_of = vec![NO_COLUMN; count];
        for (c, column) in columns.iter().enumerate() {
            for &a in &column.articles {
                column_of[a] = c as u32;
            }
        }
        let mut rows = Vec::new();
        let mut total = 0;
        let mut counts: Vec<u32> = vec![0; columns.len()];
        let mut touched: Vec<u32> = Vec::new();
        for (speaker, record) in corpus.speakers.iter().enumerate() {
            for &(a, _) in &record.quotes {
                let Some(&c) = column_of.get(a).filter(|&&c| c != NO_COLUMN) else {
                    continue;
                };
                if counts[c as usize] == 0 {
                    touched.push(c);
                }
                counts[c as usize] += 1;
            }
            if touched.is_empty() {
                continue;
            }
            touched.sort_unstable();
            let cells: Vec<(u32, u32)> = touched
                .drain(..)
                .map(|c| (c, std::mem::take(&mut counts[c as usize])))
                .collect();
            let row_total: usize = cells.iter().map(|&(_, n)| n as usize).sum();
            for &(c, n) in &cells {
                columns[c as usize].total += n as usize;
            }
            total += row_total;
            rows.push(Row {
                speaker,
                name: record.name.clone(),
                cells,
                total: row_total,
            });
        }
        rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name)));
        let widest_name = rows
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r.name.as_str()))
            .max()
            .unwrap_or(0);
        let widest_label = columns
            .iter()
            .map(|c| unicode_width::UnicodeWidthStr::width(c.label(one_outlet)))
            .max()
            .unwrap_or(0);
        let unattributed = members
            .iter()
            .map(|&a| {
                corpus.analysis(a).map_or(0, |analysis| {
                    (0..analysis.quotes.len())
                        .filter(|&q| {
                            analysis.quotes[q].kind != QuoteKind::Term
                                && !corpus.is_rejected(a, q)
                                && corpus.quote_speaker(a, q).is_none()
                        })
                        .count()
                })
            })
            .sum();
        QuoteTable {
            outlet,
            columns_are: if one_outlet {
                Columns::Articles
            } else {
                Columns::Outlets
            },
            columns,
            rows,
            total,
            unattributed,
            widest_name,
            widest_label,
            column_of,
        }
    }

    /// Row indices in `order`; `column` is the selected column (for
    /// [`RowOrder::Column`]). Ties keep the most-quoted order.
    pub fn row_order(&self, order: RowOrder, column: usize) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.rows.len()).collect();
        match order {
            RowOrder::Count => {}
            RowOrder::Name => out.sort_by_cached_key(|&r| self.rows[r].name.to_lowercase()),
            RowOrder::Column => out.sort_by_key(|&r| Reverse(self.rows[r].count(column))),
        }
        out
    }

    /// Column indices in `order`. Ties keep the built order.
    pub fn column_order(&self, order: ColumnOrder) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.columns.len()).collect();
        if order == ColumnOrder::Count {
            out.sort_by_key(|&c| Reverse(self.columns[c].total));
        }
        out
    }

    /// The quotations counted in a cell, in corpus order; `column` `None`
    /// is the row's total.
    pub fn quotes_in(&self, corpus: &Corpus, row: usize, column: Option<usize>) -> Vec<QuoteRef> {
        let Some(record) = self
            .rows
            .get(row)
            .and_then(|r| corpus.speakers.get(r.speaker))
        else {
            return Vec::new();
        };
        record
            .quotes
            .iter()
            .copied()
            .filter(|&(a, _)| match self.column_of.get(a) {
                Some(&c) if c != NO_COLUMN => column.is_none_or(|want| c as usize == want),
                _ => false,
            })
            .collect()
    }

    /// A row's quotations in the table's articles by article date (undated
    /// last), then in reading order.
    pub fn timeline(&self, corpus: &Corpus, row: usize) -> Vec<QuoteRef> {
        let mut quotes = self.quotes_in(corpus, row, None);
        by_date(corpus, &mut quotes);
        quotes
    }

    /// The column of corpus article `article`, when the table covers it.
    pub fn column_of_article(&self, article: usize) -> Option<usize> {
        self.column_of
            .get(article)
            .filter(|&&c| c != NO_COLUMN)
            .map(|&c| c as usize)
    }

    /// The row of the speaker called `name`.
    pub fn row_of(&self, name: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.name == name)
    }
}

/// Orders quotations by their article's date (undated last), then as the
/// corpus does.
pub fn by_date(corpus: &Corpus, quotes: &mut [QuoteRef]) {
    let date = |a: usize| corpus.articles.get(a).and_then(|a| a.date.as_deref());
    quotes.sort_by(|x, y| {
        let (dx, dy) = (date(x.0), date(y.0));
        (dx.is_none(), dx, x).cmp(&(dy.is_none(), dy, y))
    });
}

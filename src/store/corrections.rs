//! The reader's corrections of the analysis: a quotation given to another
//! speaker or marked as not a quotation (anchored to the text like a note),
//! a speaker merged into another, an alias split off a speaker.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::anchor::{Selector, TextPositionSelector, TextQuoteSelector};
use super::bookmarks::{from_sql_int, to_sql_int};
use super::record::{format_time, parse_time, Applied, ArticleKey, NoteId};

/// One correction; the newest wins where two disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub id: NoteId,
    pub fix: Fix,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
}

/// What a correction changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// The quotation's words are `speaker`'s.
    Reassign {
        article: ArticleKey,
        quote: Selector,
        speaker: String,
    },
    /// The marked words are not a quotation (a title, a scare quote).
    NotAQuotation {
        article: ArticleKey,
        quote: Selector,
    },
    /// `speaker` and `into` are one person: everything `speaker` said is
    /// `into`'s.
    MergeSpeaker { speaker: String, into: String },
    /// Articles that call someone `alias` do not mean `speaker`.
    SplitAlias { speaker: String, alias: String },
}

impl Fix {
    /// The name used in the store and in exports.
    pub fn kind(&self) -> &'static str {
        match self {
            Fix::Reassign { .. } => "reassign_speaker",
            Fix::NotAQuotation { .. } => "not_a_quotation",
            Fix::MergeSpeaker { .. } => "merge_speakers",
            Fix::SplitAlias { .. } => "split_alias",
        }
    }

    /// The quotation it is anchored to, for the quotation corrections.
    pub fn quotation(&self) -> Option<(&ArticleKey, &Selector)> {
        match self {
            Fix::Reassign { article, quote, .. } | Fix::NotAQuotation { article, quote } => {
                Some((article, quote))
            }
            _ => None,
        }
    }
}

impl Correction {
    /// A new correction, made now.
    pub fn new(fix: Fix) -> Correction {
        let at = super::record::now();
        Correction {
            id: NoteId::random(),
            fix,
            created: at,
            modified: at,
        }
    }
}

const SELECT: &str = "SELECT id, kind, source, text_hash, exact, prefix, suffix, pos_start, \
                      pos_end, speaker, other, created, modified FROM corrections";

/// Adds a correction, or replaces the one with its id when this one is
/// newer.
pub fn upsert(conn: &Connection, c: &Correction) -> rusqlite::Result<Applied> {
    if let Some(old) = get(conn, &c.id)? {
        if c.modified <= old.modified {
            return Ok(Applied::Unchanged);
        }
    }
    let (article, quote) = match c.fix.quotation() {
        Some((a, q)) => (Some(a), Some(q)),
        None => (None, None),
    };
    let (speaker, other) = match &c.fix {
        Fix::Reassign { speaker, .. } => (Some(speaker), None),
        Fix::NotAQuotation { .. } => (None, None),
        Fix::MergeSpeaker { speaker, into } => (Some(speaker), Some(into)),
        Fix::SplitAlias { speaker, alias } => (Some(speaker), Some(alias)),
    };
    conn.execute(
        "INSERT INTO corrections (id, kind, source, text_hash, exact, prefix, suffix, \
         pos_start, pos_end, speaker, other, created, modified) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) \
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, source = excluded.source, \
         text_hash = excluded.text_hash, exact = excluded.exact, prefix = excluded.prefix, \
         suffix = excluded.suffix, pos_start = excluded.pos_start, pos_end = excluded.pos_end, \
         speaker = excluded.speaker, other = excluded.other, created = excluded.created, \
         modified = excluded.modified",
        params![
            c.id.as_str(),
            c.fix.kind(),
            article.map(|a| &a.source),
            article.map(|a| &a.text_hash),
            quote.map(|q| &q.quote.exact),
            quote.map(|q| &q.quote.prefix),
            quote.map(|q| &q.quote.suffix),
            quote.map(|q| to_sql_int(q.position.start)),
            quote.map(|q| to_sql_int(q.position.end)),
            speaker,
            other,
            format_time(&c.created),
            format_time(&c.modified),
        ],
    )?;
    Ok(Applied::Changed)
}

pub fn delete(conn: &Connection, id: &NoteId) -> rusqlite::Result<Applied> {
    let n = conn.execute("DELETE FROM corrections WHERE id = ?1", [id.as_str()])?;
    Ok(if n == 1 {
        Applied::Changed
    } else {
        Applied::Unchanged
    })
}

/// Every correction, oldest change first (the order they apply in).
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Correction>> {
    // A store older than corrections, opened read-only, has none.
    let exists: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY modified, id"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.filter_map(Result::transpose).collect()
}

pub fn get(conn: &Connection, id: &NoteId) -> rusqlite::Result<Option<Correction>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id.as_str()], from_row)
        .optional()?
        .flatten())
}

/// A row as a correction; `None` for a kind this program does not know (a
/// newer onrecord's), which is kept in the store but not applied.
fn from_row(row: &Row) -> rusqlite::Result<Option<Correction>> {
    let text = |i: usize| -> rusqlite::Result<String> {
        Ok(row.get::<_, Option<String>>(i)?.unwrap_or_default())
    };
    let article = ArticleKey {
        source: text(2)?,
        text_hash: text(3)?,
    };
    let quote = Selector {
        quote: TextQuoteSelector {
            exact: text(4)?,
            prefix: text(5)?,
            suffix: text(6)?,
        },
        position: TextPositionSelector {
            start: from_sql_int(row.get::<_, Option<i64>>(7)?.unwrap_or(0)),
            end: from_sql_int(row.get::<_, Option<i64>>(8)?.unwrap_or(0)),
        },
    };
    let speaker = text(9)?;
    let other = text(10)?;
    let fix = match row.get::<_, String>(1)?.as_str() {
        "reassign_speaker" => Fix::Reassign {
            article,
            quote,
            speaker,
        },
        "not_a_quotation" => Fix::NotAQuotation { article, quote },
        "merge_speakers" => Fix::MergeSpeaker {
            speaker,
            into: other,
        },
        "split_alias" => Fix::SplitAlias {
            speaker,
            alias: other,
        },
        _ => return Ok(None),
    };
    let created = parse_time(&row.get::<_, String>(11)?).unwrap_or_default();
    Ok(Some(Correction {
        id: NoteId(row.get(0)?),
        fix,
        created,
        modified: parse_time(&row.get::<_, String>(12)?).unwrap_or(created),
    }))
}

//! SQL for annotations.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::clean::sanitize::inert;

use super::anchor::{Selector, TextPositionSelector, TextQuoteSelector};
use super::bookmarks::{from_sql_int, to_sql_int};
use super::record::{format_time, parse_time, Annotation, Applied, ArticleKey, NoteId};

const SELECT: &str = "SELECT id, source, text_hash, exact, prefix, suffix, pos_start, pos_end, \
                      note, created, modified FROM annotations";

/// An annotation's values in the column order of [`SELECT`] (`?1`…`?11`),
/// shared by the insert and the replace so the two cannot drift apart.
/// The texts are sanitized here, where they enter the store: notes and
/// passages travel between people in export files.
struct Columns<'a> {
    a: &'a Annotation,
    exact: String,
    prefix: String,
    suffix: String,
    note: String,
    start: i64,
    end: i64,
    created: String,
    modified: String,
}

impl<'a> Columns<'a> {
    fn of(a: &'a Annotation) -> Self {
        Columns {
            a,
            exact: inert(&a.selector.quote.exact),
            prefix: inert(&a.selector.quote.prefix),
            suffix: inert(&a.selector.quote.suffix),
            note: inert(&a.note),
            start: to_sql_int(a.selector.position.start),
            end: to_sql_int(a.selector.position.end),
            created: format_time(&a.created),
            modified: format_time(&a.modified),
        }
    }

    fn params(&self) -> [&dyn rusqlite::ToSql; 11] {
        let a = self.a;
        [
            &a.id.0,
            &a.article.source,
            &a.article.text_hash,
            &self.exact,
            &self.prefix,
            &self.suffix,
            &self.start,
            &self.end,
            &self.note,
            &self.created,
            &self.modified,
        ]
    }
}

/// Adds an annotation; an existing id changes nothing.
pub fn insert(conn: &Connection, a: &Annotation) -> rusqlite::Result<Applied> {
    let n = conn.execute(
        "INSERT INTO annotations (id, source, text_hash, exact, prefix, suffix, pos_start, \
         pos_end, note, created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
         ON CONFLICT (id) DO NOTHING",
        Columns::of(a).params(),
    )?;
    Ok(if n == 1 {
        Applied::Changed
    } else {
        Applied::Unchanged
    })
}

/// Replaces every field of an existing annotation with `a`'s when `a` is
/// newer. Returns `None` when there is no annotation with that id.
pub fn replace_if_newer(conn: &Connection, a: &Annotation) -> rusqlite::Result<Option<Applied>> {
    let Some(old) = get(conn, &a.id)? else {
        return Ok(None);
    };
    if a.modified <= old.modified {
        return Ok(Some(Applied::Unchanged));
    }
    conn.execute(
        "UPDATE annotations SET source = ?2, text_hash = ?3, exact = ?4, prefix = ?5, \
         suffix = ?6, pos_start = ?7, pos_end = ?8, note = ?9, created = ?10, modified = ?11 \
         WHERE id = ?1",
        Columns::of(a).params(),
    )?;
    Ok(Some(Applied::Changed))
}

/// Sets the note unless a later change was already stored. `None` when
/// there is no annotation with that id.
pub fn update_note(
    conn: &Connection,
    id: &NoteId,
    note: &str,
    modified: &DateTime<Utc>,
) -> rusqlite::Result<Option<Applied>> {
    let Some(old) = get(conn, id)? else {
        return Ok(None);
    };
    let note = inert(note);
    if old.note == note && old.modified == *modified {
        return Ok(Some(Applied::Unchanged));
    }
    if old.modified > *modified {
        return Ok(Some(Applied::Superseded));
    }
    conn.execute(
        "UPDATE annotations SET note = ?2, modified = ?3 WHERE id = ?1",
        params![id.as_str(), &note, format_time(modified)],
    )?;
    Ok(Some(Applied::Changed))
}

pub fn delete(conn: &Connection, id: &NoteId) -> rusqlite::Result<Applied> {
    let n = conn.execute("DELETE FROM annotations WHERE id = ?1", [id.as_str()])?;
    Ok(if n == 1 {
        Applied::Changed
    } else {
        Applied::Unchanged
    })
}

/// Every annotation, by article then position.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Annotation>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY source, pos_start, created, id"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

/// The annotations of one article (see [`ArticleKey::owns`]), by position.
pub fn for_article(conn: &Connection, key: &ArticleKey) -> rusqlite::Result<Vec<Annotation>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE source = ?1 OR text_hash = ?2 ORDER BY pos_start, created, id"
    ))?;
    let rows: Vec<Annotation> = stmt
        .query_map([&key.source, &key.text_hash], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| key.owns(&r.article)).collect())
}

pub fn get(conn: &Connection, id: &NoteId) -> rusqlite::Result<Option<Annotation>> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id.as_str()], from_row)
        .optional()
}

fn from_row(row: &Row) -> rusqlite::Result<Annotation> {
    let created = parse_time(&row.get::<_, String>(9)?).unwrap_or_default();
    Ok(Annotation {
        id: NoteId(row.get(0)?),
        article: ArticleKey {
            source: row.get(1)?,
            text_hash: row.get(2)?,
        },
        selector: Selector {
            quote: TextQuoteSelector {
                exact: row.get(3)?,
                prefix: row.get(4)?,
                suffix: row.get(5)?,
            },
            position: TextPositionSelector {
                start: from_sql_int(row.get(6)?),
                end: from_sql_int(row.get(7)?),
            },
        },
        note: row.get(8)?,
        created,
        modified: parse_time(&row.get::<_, String>(10)?).unwrap_or(created),
    })
}

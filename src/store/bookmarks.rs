//! SQL for bookmarks.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::clean::sanitize::inert;

use super::anchor::{Selector, TextPositionSelector, TextQuoteSelector};
use super::record::{format_time, parse_time, Applied, ArticleKey, Bookmark, NoteId};

const SELECT: &str = "SELECT id, source, text_hash, exact, prefix, suffix, pos_start, pos_end, \
                      created FROM bookmarks";

/// Adds a bookmark; an existing id, or a second bookmark on a whole article,
/// changes nothing.
pub fn insert(conn: &Connection, b: &Bookmark) -> rusqlite::Result<Applied> {
    let passage = b.passage.as_ref();
    // Sanitized where it enters the store, as annotations are.
    let quote = passage.map(|p| {
        (
            inert(&p.quote.exact),
            inert(&p.quote.prefix),
            inert(&p.quote.suffix),
        )
    });
    let n = conn.execute(
        "INSERT INTO bookmarks (id, source, text_hash, exact, prefix, suffix, pos_start, pos_end, \
         created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
        params![
            b.id.as_str(),
            b.article.source,
            b.article.text_hash,
            quote.as_ref().map(|q| &q.0),
            quote.as_ref().map(|q| &q.1),
            quote.as_ref().map(|q| &q.2),
            passage.map(|p| to_sql_int(p.position.start)),
            passage.map(|p| to_sql_int(p.position.end)),
            format_time(&b.created),
        ],
    )?;
    Ok(if n == 1 {
        Applied::Changed
    } else {
        Applied::Unchanged
    })
}

pub fn delete(conn: &Connection, id: &NoteId) -> rusqlite::Result<Applied> {
    let n = conn.execute("DELETE FROM bookmarks WHERE id = ?1", [id.as_str()])?;
    Ok(if n == 1 {
        Applied::Changed
    } else {
        Applied::Unchanged
    })
}

/// Every bookmark, by article then age.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Bookmark>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY source, created, id"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

/// The bookmarks of one article (see [`ArticleKey::owns`]), oldest first.
pub fn for_article(conn: &Connection, key: &ArticleKey) -> rusqlite::Result<Vec<Bookmark>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE source = ?1 OR text_hash = ?2 ORDER BY created, id"
    ))?;
    let rows: Vec<Bookmark> = stmt
        .query_map([&key.source, &key.text_hash], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| key.owns(&r.article)).collect())
}

pub fn get(conn: &Connection, id: &NoteId) -> rusqlite::Result<Option<Bookmark>> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id.as_str()], from_row)
        .optional()
}

fn from_row(row: &Row) -> rusqlite::Result<Bookmark> {
    let exact: Option<String> = row.get(3)?;
    let passage = match exact {
        None => None,
        Some(exact) => Some(Selector {
            quote: TextQuoteSelector {
                exact,
                prefix: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
                suffix: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
            },
            position: TextPositionSelector {
                start: from_sql_int(row.get::<_, Option<i64>>(6)?.unwrap_or(0)),
                end: from_sql_int(row.get::<_, Option<i64>>(7)?.unwrap_or(0)),
            },
        }),
    };
    Ok(Bookmark {
        id: NoteId(row.get(0)?),
        article: ArticleKey {
            source: row.get(1)?,
            text_hash: row.get(2)?,
        },
        passage,
        created: parse_time(&row.get::<_, String>(8)?).unwrap_or_default(),
    })
}

pub(crate) fn to_sql_int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) fn from_sql_int(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

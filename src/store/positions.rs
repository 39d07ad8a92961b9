//! SQL for reading positions.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{params, Connection};

use super::anchor::TextQuoteSelector;
use super::bookmarks::{from_sql_int, to_sql_int};
use super::record::{format_time, now, source_is_gone, Applied, ArticleKey, ReadingPosition};

/// Remembers the position in an article, replacing the previous one.
pub fn set(conn: &Connection, key: &ArticleKey, p: &ReadingPosition) -> rusqlite::Result<Applied> {
    let n = conn.execute(
        "INSERT INTO reading_positions (source, text_hash, char_offset, exact, prefix, suffix, \
         updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT (source) DO UPDATE SET text_hash = excluded.text_hash, \
         char_offset = excluded.char_offset, exact = excluded.exact, prefix = excluded.prefix, \
         suffix = excluded.suffix, updated = excluded.updated \
         WHERE NOT (text_hash IS excluded.text_hash AND char_offset IS excluded.char_offset \
         AND exact IS excluded.exact AND prefix IS excluded.prefix AND suffix IS excluded.suffix)",
        params![
            key.source,
            key.text_hash,
            to_sql_int(p.char_offset),
            p.quote.exact,
            p.quote.prefix,
            p.quote.suffix,
            format_time(&now()),
        ],
    )?;
    Ok(if n == 1 {
        Applied::Changed
    } else {
        Applied::Unchanged
    })
}

/// The position last remembered for the article: by its path, else the most
/// recent one for the same text under a path whose file is gone (it moved).
pub fn get(conn: &Connection, key: &ArticleKey) -> rusqlite::Result<Option<ReadingPosition>> {
    let mut stmt = conn.prepare(
        "SELECT char_offset, exact, prefix, suffix, source FROM reading_positions \
         WHERE source = ?1 OR text_hash = ?2 ORDER BY source = ?1 DESC, updated DESC",
    )?;
    let rows = stmt.query_map([&key.source, &key.text_hash], source_and_position)?;
    for row in rows {
        let (source, position) = row?;
        if source == key.source || (key.has_text() && source_is_gone(&source)) {
            return Ok(Some(position));
        }
    }
    Ok(None)
}

/// Every remembered position by the path it was made at, the most recent
/// one for each path: one query, however many articles are open.
pub fn all(conn: &Connection) -> rusqlite::Result<HashMap<String, ReadingPosition>> {
    let mut stmt = conn.prepare(
        "SELECT char_offset, exact, prefix, suffix, source FROM reading_positions \
         ORDER BY updated",
    )?;
    let rows = stmt.query_map([], source_and_position)?;
    // Later rows (more recent) replace earlier ones.
    rows.collect()
}

/// A row of `char_offset, exact, prefix, suffix, source`.
fn source_and_position(row: &rusqlite::Row) -> rusqlite::Result<(String, ReadingPosition)> {
    Ok((
        row.get(4)?,
        ReadingPosition {
            char_offset: from_sql_int(row.get(0)?),
            quote: TextQuoteSelector {
                exact: row.get(1)?,
                prefix: row.get(2)?,
                suffix: row.get(3)?,
            },
        },
    ))
}

/// Tables whose rows follow a moved file.
const FOLLOWING: [&str; 4] = [
    "bookmarks",
    "annotations",
    "reading_positions",
    "article_states",
];

/// A file's rows to give to the file its text is at now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    table: &'static str,
    from: String,
    text_hash: String,
    to: String,
}

/// The rows of files gone from their path that the present file with the
/// same text among `keys` is to take (the file moved or was renamed). Reads
/// only: an indexed look-up of the keys' hashes, whatever the store's size.
pub fn moves(conn: &Connection, keys: &[ArticleKey]) -> rusqlite::Result<Vec<Move>> {
    let present: HashMap<&str, &str> = keys
        .iter()
        .filter(|k| k.has_text() && Path::new(&k.source).is_absolute())
        .map(|k| (k.text_hash.as_str(), k.source.as_str()))
        .collect();
    let mut moves = Vec::new();
    if present.is_empty() {
        return Ok(moves);
    }
    let hashes = serde_json::to_string(&present.keys().collect::<Vec<_>>()).unwrap_or_default();
    for table in FOLLOWING {
        let pairs: Vec<(String, String)> = conn
            .prepare_cached(&format!(
                "SELECT DISTINCT source, text_hash FROM {table} \
                 WHERE text_hash IN (SELECT value FROM json_each(?1))"
            ))?
            .query_map([&hashes], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (from, text_hash) in pairs {
            let Some(&to) = present.get(text_hash.as_str()) else {
                continue;
            };
            if to != from && source_is_gone(&from) {
                moves.push(Move {
                    table,
                    to: to.to_owned(),
                    from,
                    text_hash,
                });
            }
        }
    }
    Ok(moves)
}

/// Gives the rows of `moves` to the files they moved to, so they are
/// matched by path from then on. Returns how many rows moved.
pub fn relocate(conn: &Connection, moves: &[Move]) -> rusqlite::Result<usize> {
    let mut moved = 0;
    for m in moves {
        // OR IGNORE: the new path's own bookmark or position wins.
        moved += conn.execute(
            &format!(
                "UPDATE OR IGNORE {} SET source = ?1 WHERE source = ?2 AND text_hash = ?3",
                m.table
            ),
            [&m.to, &m.from, &m.text_hash],
        )?;
    }
    Ok(moved)
}

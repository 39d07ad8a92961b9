//! SQL for reading positions.

use rusqlite::{params, Connection, OptionalExtension};

use super::anchor::TextQuoteSelector;
use super::bookmarks::{from_sql_int, to_sql_int};
use super::record::{format_time, now, Applied, ArticleKey, ReadingPosition};

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
/// recent one for the same text under another path.
pub fn get(conn: &Connection, key: &ArticleKey) -> rusqlite::Result<Option<ReadingPosition>> {
    conn.query_row(
        "SELECT char_offset, exact, prefix, suffix FROM reading_positions \
         WHERE source = ?1 OR text_hash = ?2 ORDER BY source = ?1 DESC, updated DESC LIMIT 1",
        [&key.source, &key.text_hash],
        |row| {
            Ok(ReadingPosition {
                char_offset: from_sql_int(row.get(0)?),
                quote: TextQuoteSelector {
                    exact: row.get(1)?,
                    prefix: row.get(2)?,
                    suffix: row.get(3)?,
                },
            })
        },
    )
    .optional()
}

//! SQL for deletion records: when a bookmark or annotation was deleted, so
//! that importing an older export does not bring it back.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::record::{format_time, now, parse_time, NoteId};

/// Records that `id` was deleted now.
pub fn record(conn: &Connection, id: &NoteId) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO deletions (id, deleted) VALUES (?1, ?2) \
         ON CONFLICT (id) DO UPDATE SET deleted = excluded.deleted",
        [id.as_str(), &format_time(&now())],
    )?;
    Ok(())
}

/// When `id` was last deleted here, if ever.
pub fn deleted_at(conn: &Connection, id: &NoteId) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let deleted: Option<String> = conn
        .query_row(
            "SELECT deleted FROM deletions WHERE id = ?1",
            [id.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(deleted.and_then(|d| parse_time(&d)))
}

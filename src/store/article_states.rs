//! SQL for read state: each article's ✓ and when it was last open.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::record::{format_time, source_is_gone, Applied, ArticleKey};

/// What the store remembers of the articles being read, by their index in
/// the keys asked about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadStates {
    /// The articles marked read.
    pub read: Vec<usize>,
    /// The article open last, among those asked about.
    pub last_opened: Option<usize>,
}

/// The row's text hash after an upsert: the key's, unless the key's
/// article was not read yet ([`ArticleKey::unread`]).
const KEEP_HASH: &str = "COALESCE(NULLIF(excluded.text_hash, ''), article_states.text_hash)";

/// Marks an article read or unread.
pub fn set_read(
    conn: &Connection,
    key: &ArticleKey,
    read: bool,
    at: &DateTime<Utc>,
) -> rusqlite::Result<Applied> {
    let n = conn.execute(
        &format!(
            "INSERT INTO article_states (source, text_hash, read, read_changed) \
         VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (source) DO UPDATE SET text_hash = {KEEP_HASH}, \
         read = excluded.read, read_changed = excluded.read_changed \
         WHERE read IS NOT excluded.read"
        ),
        params![key.source, key.text_hash, read, format_time(at)],
    )?;
    Ok(changed(n))
}

/// Remembers that the article was open at `at`.
pub fn set_opened(
    conn: &Connection,
    key: &ArticleKey,
    at: &DateTime<Utc>,
) -> rusqlite::Result<Applied> {
    let n = conn.execute(
        &format!(
            "INSERT INTO article_states (source, text_hash, opened) VALUES (?1, ?2, ?3) \
         ON CONFLICT (source) DO UPDATE SET text_hash = {KEEP_HASH}, \
         opened = excluded.opened WHERE opened IS NOT excluded.opened"
        ),
        params![key.source, key.text_hash, format_time(at)],
    )?;
    Ok(changed(n))
}

fn changed(rows: usize) -> Applied {
    if rows == 1 {
        Applied::Changed
    } else {
        Applied::Unchanged
    }
}

/// The read marks and the last open article among `keys`: a row counts
/// for a key with its source, or with its text when the row's file is gone
/// (it moved). One pass over the stored rows, then one lookup per key.
pub fn for_keys(conn: &Connection, keys: &[ArticleKey]) -> rusqlite::Result<ReadStates> {
    struct Row {
        read: bool,
        opened: Option<String>,
    }
    let mut by_source: HashMap<String, Row> = HashMap::new();
    let mut moved: HashMap<String, Row> = HashMap::new();
    let mut stmt = conn.prepare("SELECT source, text_hash, read, opened FROM article_states")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    // Only a row with the text of an article asked about may have moved
    // to it: only those rows' files are looked for (a stat each).
    let hashes: HashSet<&str> = keys
        .iter()
        .filter(|k| k.has_text())
        .map(|k| k.text_hash.as_str())
        .collect();
    for row in rows {
        let (source, hash, read, opened) = row?;
        let row = Row { read, opened };
        if hashes.contains(hash.as_str()) && source_is_gone(&source) {
            moved.insert(hash, row);
        } else {
            by_source.insert(source, row);
        }
    }
    let mut states = ReadStates::default();
    let mut latest: Option<&str> = None;
    for (index, key) in keys.iter().enumerate() {
        let Some(row) = by_source
            .get(&key.source)
            .or_else(|| moved.get(&key.text_hash))
        else {
            continue;
        };
        if row.read {
            states.read.push(index);
        }
        // RFC 3339 in UTC with milliseconds: text order is time order.
        if let Some(opened) = row.opened.as_deref() {
            if latest.is_none_or(|l| opened > l) {
                latest = Some(opened);
                states.last_opened = Some(index);
            }
        }
    }
    Ok(states)
}

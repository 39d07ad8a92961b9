//! Salvage: copying every row that can still be read out of a damaged
//! store into a working one, so a damaged page costs the notes on it and
//! not the rest.

use std::path::Path;

use rusqlite::Connection;

use super::db;
use super::error::StoreError;

/// The tables that hold what the user made, in the order they are copied.
const TABLES: [&str; 5] = [
    "bookmarks",
    "annotations",
    "reading_positions",
    "deletions",
    "article_states",
];

/// What a salvage recovered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Salvaged {
    /// Rows copied into the working store (or already there).
    pub recovered: usize,
    /// Rows the damaged store counted but that could not be read; `None`
    /// when even counting failed.
    pub lost: Option<usize>,
}

impl std::fmt::Display for Salvaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} row(s) recovered", self.recovered)?;
        match self.lost {
            Some(lost) => write!(f, ", {lost} lost"),
            None => write!(f, ", an unknown number lost"),
        }
    }
}

/// Copies every readable row of the damaged store at `damaged` into
/// `into`, keeping what `into` already holds (same ids are skipped).
/// The damaged file is opened read-only and never changed.
pub fn salvage(damaged: &Path, into: &Connection) -> Result<Salvaged, StoreError> {
    let from = db::open_read_only_raw(damaged)?;
    let mut total = Salvaged {
        recovered: 0,
        lost: Some(0),
    };
    for table in TABLES {
        let (recovered, lost) = copy_table(&from, into, table);
        total.recovered += recovered;
        total.lost = match (total.lost, lost) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
    }
    Ok(total)
}

/// Copies the readable rows of one table; returns (copied, lost).
fn copy_table(from: &Connection, into: &Connection, table: &str) -> (usize, Option<usize>) {
    let counted: Option<usize> = from
        .query_row(
            &format!("SELECT count(*) FROM {table} NOT INDEXED"),
            [],
            |r| r.get::<_, i64>(0),
        )
        .ok()
        .map(|n| usize::try_from(n).unwrap_or(0));
    let Ok(mut select) = from.prepare(&format!("SELECT * FROM {table} NOT INDEXED")) else {
        // The table itself is unreadable (or absent in an old store).
        return (0, counted);
    };
    let columns: Vec<String> = select
        .column_names()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let known = target_columns(into, table);
    let kept: Vec<usize> = (0..columns.len())
        .filter(|&i| known.contains(&columns[i]))
        .collect();
    if kept.is_empty() {
        return (0, counted);
    }
    let names: Vec<&str> = kept.iter().map(|&i| columns[i].as_str()).collect();
    let marks: Vec<String> = (1..=kept.len()).map(|i| format!("?{i}")).collect();
    let insert = format!(
        "INSERT OR IGNORE INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    let mut copied = 0;
    let Ok(mut rows) = select.query([]) else {
        return (0, counted);
    };
    // A read error ends the scan: the rest of the table is on damaged pages.
    while let Ok(Some(row)) = rows.next() {
        let values: Result<Vec<rusqlite::types::Value>, _> =
            kept.iter().map(|&i| row.get(i)).collect();
        let Ok(values) = values else { continue };
        if into
            .execute(&insert, rusqlite::params_from_iter(values))
            .is_ok()
        {
            copied += 1;
        }
    }
    let lost = counted.map(|n| n.saturating_sub(copied));
    (copied, lost)
}

fn target_columns(conn: &Connection, table: &str) -> Vec<String> {
    let Ok(stmt) = conn.prepare(&format!("SELECT * FROM {table} LIMIT 0")) else {
        return Vec::new();
    };
    stmt.column_names().iter().map(|c| c.to_string()).collect()
}

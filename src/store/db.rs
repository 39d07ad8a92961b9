//! Opening the SQLite file: pragmas, the integrity check, moving a damaged
//! store aside, and the schema with its forward migrations.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use super::error::{StoreError, StoreWarning};
use super::salvage;

/// The schema version this program writes. `PRAGMA user_version` holds the
/// version of a store; `MIGRATIONS[v]` takes a store from `v` to `v + 1`.
pub const SCHEMA_VERSION: u32 = 5;

const MIGRATIONS: [&str; SCHEMA_VERSION as usize] = [V1, V2, V3, V4, V5];

/// The first schema: bookmarks (whole article when `exact` is NULL) and
/// annotations, each on an article known by path and text hash, a passage
/// by quote and by character position.
const V1: &str = "
CREATE TABLE bookmarks (
    id        TEXT PRIMARY KEY NOT NULL,
    source    TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    exact     TEXT,
    prefix    TEXT,
    suffix    TEXT,
    pos_start INTEGER,
    pos_end   INTEGER,
    created   TEXT NOT NULL,
    CHECK ((exact IS NULL) = (pos_start IS NULL))
);
CREATE UNIQUE INDEX bookmarks_one_per_article ON bookmarks (source) WHERE exact IS NULL;
CREATE INDEX bookmarks_by_source ON bookmarks (source);
CREATE INDEX bookmarks_by_hash ON bookmarks (text_hash);
CREATE TABLE annotations (
    id        TEXT PRIMARY KEY NOT NULL,
    source    TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    exact     TEXT NOT NULL,
    prefix    TEXT NOT NULL,
    suffix    TEXT NOT NULL,
    pos_start INTEGER NOT NULL,
    pos_end   INTEGER NOT NULL,
    note      TEXT NOT NULL,
    created   TEXT NOT NULL
);
CREATE INDEX annotations_by_source ON annotations (source);
CREATE INDEX annotations_by_hash ON annotations (text_hash);
";

/// v2: annotations learn when their note was last changed (so imports can
/// merge by newest), and each article's reading position is remembered.
const V2: &str = "
ALTER TABLE annotations ADD COLUMN modified TEXT NOT NULL DEFAULT '';
UPDATE annotations SET modified = created;
CREATE TABLE reading_positions (
    source      TEXT PRIMARY KEY NOT NULL,
    text_hash   TEXT NOT NULL,
    char_offset INTEGER NOT NULL,
    exact       TEXT NOT NULL,
    prefix      TEXT NOT NULL,
    suffix      TEXT NOT NULL,
    updated     TEXT NOT NULL
);
CREATE INDEX reading_positions_by_hash ON reading_positions (text_hash);
";

/// v3: deletions are remembered, so that importing an older export does not
/// bring back what was deleted since.
const V3: &str = "
CREATE TABLE deletions (
    id      TEXT PRIMARY KEY NOT NULL,
    deleted TEXT NOT NULL
);
";

/// v4: the reader's corrections of the analysis. Quotation corrections are
/// anchored like annotations (`exact` … `pos_end`); speaker corrections name
/// a speaker (`speaker`) and the other name involved (`other`).
const V4: &str = "
CREATE TABLE corrections (
    id        TEXT PRIMARY KEY NOT NULL,
    kind      TEXT NOT NULL,
    source    TEXT,
    text_hash TEXT,
    exact     TEXT,
    prefix    TEXT,
    suffix    TEXT,
    pos_start INTEGER,
    pos_end   INTEGER,
    speaker   TEXT,
    other     TEXT,
    created   TEXT NOT NULL,
    modified  TEXT NOT NULL
);
";

/// v5: read state. Whether each article has been read (its ✓) and when
/// it was last open, so the reader starts on the article read last. An
/// article is known as for notes: its source (a file's absolute path, a
/// web article's address) and its text hash, which finds a moved file.
const V5: &str = "
CREATE TABLE article_states (
    source       TEXT PRIMARY KEY NOT NULL,
    text_hash    TEXT NOT NULL,
    read         INTEGER NOT NULL DEFAULT 0,
    read_changed TEXT,
    opened       TEXT
);
CREATE INDEX article_states_by_hash ON article_states (text_hash);
";

/// An open store.
pub struct Opened {
    pub conn: Connection,
    /// The store's schema version when it is newer than [`SCHEMA_VERSION`]:
    /// the store is then read-only.
    pub newer: Option<u32>,
    pub warnings: Vec<StoreWarning>,
}

/// Why a connection could not be made.
enum Failure {
    /// The file is not a database or fails the integrity check.
    Corrupt(String),
    Other(StoreError),
}

/// Opens (creating or migrating as needed) the store at `db_path`. A damaged
/// store is moved aside and a fresh one created in its place.
pub fn open(db_path: &Path, busy_timeout: Duration) -> Result<Opened, StoreError> {
    let mut warnings = Vec::new();
    let mut conn = match connect(db_path, busy_timeout) {
        Ok(conn) => conn,
        Err(Failure::Other(e)) => return Err(e),
        Err(Failure::Corrupt(why)) => {
            let moved_to = move_aside(db_path).map_err(|e| StoreError::Corrupt {
                path: db_path.to_path_buf(),
                why: format!("{why}; moving it aside failed: {e}"),
            })?;
            log::warn!(
                "damaged store {} moved to {}",
                db_path.display(),
                moved_to.display()
            );
            let mut conn = match connect(db_path, busy_timeout) {
                Ok(conn) => conn,
                Err(Failure::Other(e)) => return Err(e),
                Err(Failure::Corrupt(again)) => {
                    return Err(StoreError::Corrupt {
                        path: db_path.to_path_buf(),
                        why: again,
                    })
                }
            };
            migrate(&mut conn, db_path).map_err(|e| StoreError::from_sqlite(db_path, e))?;
            // Whatever plain reads still get out of the damaged file.
            let salvaged = match salvage::salvage(&moved_to, &conn) {
                Ok(salvaged) => Some(salvaged),
                Err(e) => {
                    log::warn!("salvaging {}: {e}", moved_to.display());
                    None
                }
            };
            warnings.push(StoreWarning::MovedAside {
                corrupt: db_path.to_path_buf(),
                moved_to,
                why: why.clone(),
                salvaged,
            });
            conn
        }
    };
    let sql_err = |e| StoreError::from_sqlite(db_path, e);
    let version = migrate(&mut conn, db_path).map_err(sql_err)?;
    let newer = (version > SCHEMA_VERSION).then_some(version);
    if newer.is_some() {
        conn.pragma_update(None, "query_only", true)
            .map_err(sql_err)?;
        warnings.push(StoreWarning::NewerSchema {
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(Opened {
        conn,
        newer,
        warnings,
    })
}

/// Opens the file, sets the pragmas and runs the integrity check.
fn connect(db_path: &Path, busy_timeout: Duration) -> Result<Connection, Failure> {
    let classify = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            Failure::Corrupt(e.to_string())
        }
        _ => Failure::Other(StoreError::from_sqlite(db_path, e)),
    };
    // Check the header before SQLite opens the file: on a file that is not
    // a database SQLite may delete the `-wal` beside it, which must be kept.
    if let Some(why) = not_a_database(db_path) {
        return Err(Failure::Corrupt(why));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(db_path, flags).map_err(classify)?;
    conn.busy_timeout(busy_timeout).map_err(classify)?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
        row.get::<_, String>(0)
    })
    .map_err(classify)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(classify)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(classify)?;
    let problems = integrity_problems(&conn).map_err(classify)?;
    if !problems.is_empty() {
        let why: String = problems.join("; ").chars().take(300).collect();
        return Err(Failure::Corrupt(format!("integrity check failed: {why}")));
    }
    Ok(conn)
}

/// How long an empty store file is taken for one another onrecord is
/// creating right now (SQLite writes the header within milliseconds).
const NEWBORN: Duration = Duration::from_secs(10);

/// Why the file at `path` is not an SQLite database, if it exists and does
/// not start with SQLite's header. An empty file is damaged too (a store
/// truncated by a failed copy must not be silently replaced), unless it
/// was created a moment ago by another onrecord opening a new store.
fn not_a_database(path: &Path) -> Option<String> {
    use std::io::Read;
    const HEADER: &[u8; 16] = b"SQLite format 3\0";
    let mut file = std::fs::File::open(path).ok()?;
    let mut head = Vec::with_capacity(HEADER.len());
    file.by_ref()
        .take(HEADER.len() as u64)
        .read_to_end(&mut head)
        .ok()?;
    if head.is_empty() {
        let age = file
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        return age
            .is_some_and(|age| age > NEWBORN)
            .then(|| "the file is empty".to_string());
    }
    (head != HEADER).then(|| "the file is not an SQLite database".to_string())
}

/// Opens the store read-only, for reading and export from a read-only
/// medium: no `-shm` or `-wal` is created, nothing is migrated. A store
/// from an older onrecord (which would need migrating) is refused.
pub fn open_read_only(db_path: &Path, busy_timeout: Duration) -> Result<Opened, StoreError> {
    let conn = open_read_only_raw(db_path)?;
    let sql_err = |e| StoreError::from_sqlite(db_path, e);
    conn.busy_timeout(busy_timeout).map_err(sql_err)?;
    let version = user_version(&conn).map_err(sql_err)?;
    if version < SCHEMA_VERSION {
        return Err(StoreError::NotWritable {
            path: db_path.to_path_buf(),
            why: format!(
                "it has schema version {version} and must be upgraded to {SCHEMA_VERSION},                  which needs write access"
            ),
        });
    }
    Ok(Opened {
        conn,
        newer: (version > SCHEMA_VERSION).then_some(version),
        warnings: Vec::new(),
    })
}

/// A read-only connection to the SQLite file at `path`: `mode=ro`, and when
/// that cannot even read (a WAL store whose `-shm` cannot be made in a
/// read-only directory), `immutable=1`, which needs nothing beside the file.
pub(crate) fn open_read_only_raw(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = file_uri(path);
    let mut last = None;
    for query in ["mode=ro", "immutable=1"] {
        let attempt = Connection::open_with_flags(format!("{uri}?{query}"), flags).and_then(|c| {
            c.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })?;
            Ok(c)
        });
        match attempt {
            Ok(conn) => {
                if query != "mode=ro" {
                    log::info!("{} opened with {query}", path.display());
                }
                return Ok(conn);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) => StoreError::from_sqlite(path, e),
        None => StoreError::Invalid("no way to open the store read-only".into()),
    })
}

/// `file:` URI of a path, percent-encoding what URIs reserve.
fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for &b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// The rows of `PRAGMA integrity_check` other than a lone "ok".
fn integrity_problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(if rows == ["ok"] { Vec::new() } else { rows })
}

/// Brings the schema up to [`SCHEMA_VERSION`], one version per transaction,
/// each after a backup copy of the store. Returns the final version, which
/// is higher than ours when a newer program wrote the store.
fn migrate(conn: &mut Connection, db_path: &Path) -> rusqlite::Result<u32> {
    let mut version = user_version(conn)?;
    let fresh = version == 0;
    while version < SCHEMA_VERSION {
        if !fresh {
            backup(conn, db_path, version)?;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another onrecord may have migrated while we waited for the lock.
        let current = user_version(&tx)?;
        if current == version {
            if let Some(sql) = MIGRATIONS.get(version as usize) {
                tx.execute_batch(sql)?;
            }
            tx.pragma_update(None, "user_version", version + 1)?;
            tx.commit()?;
            log::info!("notes store migrated to schema {}", version + 1);
            version += 1;
        } else {
            version = current;
        }
    }
    Ok(version)
}

fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Copies the store to `<db>.backup-v<version>-<timestamp>` before a
/// migration.
fn backup(conn: &Connection, db_path: &Path, version: u32) -> rusqlite::Result<()> {
    let target = free_name(db_path, &format!("backup-v{version}-{}", timestamp()));
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
    Ok(())
}

/// Moves the store and its `-wal`/`-shm` files to `<db>.corrupt-<timestamp>`
/// (and `…-wal`, `…-shm`), never replacing an existing file. Returns where
/// the store went.
fn move_aside(db_path: &Path) -> std::io::Result<PathBuf> {
    let target = free_name(db_path, &format!("corrupt-{}", timestamp()));
    move_no_clobber(db_path, &target)?;
    for suffix in ["-wal", "-shm"] {
        let from = with_suffix(db_path, suffix);
        if from.exists() {
            move_no_clobber(&from, &with_suffix(&target, suffix))?;
        }
    }
    Ok(target)
}

/// Renames `from` to `to`, failing if `to` exists.
fn move_no_clobber(from: &Path, to: &Path) -> std::io::Result<()> {
    // A hard link fails on an existing target, so nothing is ever replaced;
    // filesystems without hard links fall back to a checked rename.
    match std::fs::hard_link(from, to) {
        Ok(()) => std::fs::remove_file(from),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if to.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
        Err(_) => std::fs::rename(from, to),
    }
}

/// `<db>.<tag>`, or `<db>.<tag>-<n>` if that (or its -wal) is taken.
fn free_name(db_path: &Path, tag: &str) -> PathBuf {
    let base = with_suffix(db_path, &format!(".{tag}"));
    let taken = |p: &Path| p.exists() || with_suffix(p, "-wal").exists();
    if !taken(&base) {
        return base;
    }
    (1..)
        .map(|n| with_suffix(&base, &format!("-{n}")))
        .find(|p| !taken(p))
        .unwrap_or(base)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn timestamp() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

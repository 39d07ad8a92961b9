//! What can go wrong with the store, and what the reader should be told.

use std::fmt;
use std::path::PathBuf;

use rusqlite::ErrorCode;

use super::salvage::Salvaged;

/// A store operation that did not happen. Nothing was changed; see
/// [`StoreError::is_retryable`] for whether trying the same edit again later
/// can succeed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another onrecord held the store for longer than the busy timeout.
    #[error("the notes store is busy: another onrecord kept it locked too long")]
    Busy,
    /// The store's file or directory cannot be written (permissions, a
    /// read-only filesystem).
    #[error("the notes store at {} cannot be written: {why}", path.display())]
    NotWritable { path: PathBuf, why: String },
    /// The disk is full.
    #[error("the disk holding the notes store at {} is full", path.display())]
    DiskFull { path: PathBuf },
    /// The store was written by a newer onrecord; it is open read-only.
    #[error(
        "the notes store has schema version {found}, newer than this onrecord knows ({known}); \
         it is open read-only"
    )]
    SchemaTooNew { found: u32, known: u32 },
    /// No platform data directory could be determined; pass `--data-dir`.
    #[error("no data directory for notes (no home directory?); pass --data-dir or set ONRECORD_DATA_DIR")]
    NoDataDir,
    /// A one-shot command found no store where it was pointed (a mistyped
    /// `--data-dir`); nothing was created.
    #[error("no notes store at {}: {why}", path.display())]
    NoStore { path: PathBuf, why: String },
    /// The annotation or bookmark does not exist (deleted elsewhere).
    #[error("no annotation with id {0}")]
    NotFound(String),
    /// An edit that can never be applied as given.
    #[error("invalid edit: {0}")]
    Invalid(String),
    /// A filesystem error around the store (creating its directory, moving a
    /// corrupt file aside).
    #[error("notes store at {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The store is damaged and could not be moved aside.
    #[error("the notes store at {} is damaged ({why}) and could not be moved aside", path.display())]
    Corrupt { path: PathBuf, why: String },
    /// Any other SQLite failure.
    #[error("notes store at {}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// Whether the same edit may succeed when tried again later (after the
    /// other writer finishes, space is freed or permissions are restored).
    /// The UI keeps such edits pending; the others it reports and drops.
    pub fn is_retryable(&self) -> bool {
        match self {
            StoreError::Busy
            | StoreError::NotWritable { .. }
            | StoreError::DiskFull { .. }
            | StoreError::Io { .. }
            | StoreError::Corrupt { .. }
            | StoreError::Sqlite { .. } => true,
            StoreError::SchemaTooNew { .. }
            | StoreError::NoDataDir
            | StoreError::NoStore { .. }
            | StoreError::NotFound(_)
            | StoreError::Invalid(_) => false,
        }
    }

    /// Classifies a SQLite error on the store at `path`.
    pub(crate) fn from_sqlite(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
                StoreError::NotWritable {
                    path,
                    why: e.to_string(),
                }
            }
            _ => StoreError::Sqlite { path, source: e },
        }
    }

    /// Whether the connection should be closed and opened again before the
    /// next try (its file may have been replaced, or permissions changed).
    pub(crate) fn needs_reconnect(&self) -> bool {
        !matches!(
            self,
            StoreError::Busy
                | StoreError::SchemaTooNew { .. }
                | StoreError::NotFound(_)
                | StoreError::Invalid(_)
        )
    }
}

/// Something the reader should be told about the store although it works:
/// shown in the status line and printed on stderr at exit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreWarning {
    /// The store was damaged; it was moved aside (never overwritten) and a
    /// fresh one started.
    MovedAside {
        corrupt: PathBuf,
        moved_to: PathBuf,
        why: String,
        /// What was copied from the damaged file into the fresh store;
        /// `None` when the damaged file could not be opened at all.
        salvaged: Option<Salvaged>,
    },
    /// The store was written by a newer onrecord: read-only for this run.
    NewerSchema { found: u32, known: u32 },
    /// The store could not be opened yet; edits are kept and retried.
    Unavailable { why: String },
    /// The data directory is on a network or sync filesystem, where SQLite's
    /// locking may not hold. `kind` reads "on a network filesystem (nfs4)"
    /// or "in a folder synced by Dropbox".
    NetworkFilesystem { dir: PathBuf, kind: String },
}

impl fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreWarning::MovedAside {
                corrupt,
                moved_to,
                why,
                salvaged,
            } => {
                write!(
                    f,
                    "notes store {} was damaged ({why}); kept as {} and a fresh store started",
                    corrupt.display(),
                    moved_to.display()
                )?;
                match salvaged {
                    Some(s) => write!(f, " with what could be read from it: {s}"),
                    None => write!(f, "; nothing could be read from it"),
                }
            }
            StoreWarning::NewerSchema { found, known } => write!(
                f,
                "notes store is from a newer onrecord (schema {found}, this one knows {known}): \
                 read-only, new notes will not be saved"
            ),
            // Only the reader keeps a store that did not open; one-shot
            // commands fail instead (see `Store::open_existing`).
            StoreWarning::Unavailable { why } => {
                write!(f, "{why}; edits are kept and retried while onrecord runs")
            }
            StoreWarning::NetworkFilesystem { dir, kind } => write!(
                f,
                "notes store {} is {kind}, where running two onrecords at once may lose notes",
                dir.display()
            ),
        }
    }
}

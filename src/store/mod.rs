//! Store: bookmarks, annotations and reading positions, kept in SQLite so
//! that no note is ever lost.
//!
//! One `onrecord.db` in the data directory, in WAL mode with
//! `synchronous=FULL`. Every [`Edit`] is one `BEGIN IMMEDIATE` transaction,
//! committed before [`Store::apply`] returns, so several running readers can
//! share the store. A failed edit changes nothing and can be applied again
//! later ([`StoreError::is_retryable`]); ids and times are chosen when the
//! edit is made, so a retry never duplicates. A damaged store is moved
//! aside, a store from a newer onrecord opens read-only; both, and a data
//! directory on a network filesystem, are reported as [`StoreWarning`]s.
//!
//! ```no_run
//! use onrecord::store::{ArticleKey, Edit, Selector, Store};
//! # fn demo(article: &onrecord::model::Article) -> Result<(), onrecord::store::StoreError> {
//! let mut store = Store::open(None)?;
//! for warning in store.warnings() {
//!     eprintln!("{warning}");
//! }
//! let key = ArticleKey::of(article);
//! if let Some(selector) = Selector::from_range(&article.text, 0..10) {
//!     store.apply(&Edit::annotate(key.clone(), selector, "a note"))?;
//! }
//! for a in store.annotations_for(&key)? {
//!     let _where_now = a.anchor(&article.text);
//! }
//! # Ok(()) }
//! ```

pub mod anchor;
mod annotations;
mod article_states;
mod bookmarks;
pub mod corrections;
mod db;
mod deletions;
mod error;
pub mod exchange;
mod fsinfo;
mod pending;
mod positions;
mod record;
pub mod salvage;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

pub use anchor::{Anchor, How, Selector, TextPositionSelector, TextQuoteSelector};
pub use article_states::ReadStates;
pub use corrections::{Correction, Fix};
pub use db::SCHEMA_VERSION;
pub use error::{StoreError, StoreWarning};
pub use pending::{find_rescue_files, rescue_dirs, write_rescue, Flush, PendingEdits};
pub use record::{
    now, source_of, text_hash, Annotation, Applied, ArticleKey, Bookmark, Edit, NoteId,
    ReadingPosition,
};

/// What a one-shot command needs of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// The store's file name inside the data directory.
pub const DB_FILE: &str = "onrecord.db";

/// How long a write waits for another onrecord before failing with
/// [`StoreError::Busy`].
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The notes store. Reads and writes take `&mut self` because a lost
/// connection (permissions changed, file moved) is opened again on the next
/// call.
pub struct Store {
    dir: PathBuf,
    db_path: PathBuf,
    busy_timeout: Duration,
    conn: Option<Connection>,
    /// Set when the store's schema is newer than ours: read-only.
    newer_schema: Option<u32>,
    /// Opened read-only (a read-only medium): reads work, edits fail.
    read_only: bool,
    warnings: Vec<StoreWarning>,
}

impl Store {
    /// The platform data directory for onrecord, if there is a home.
    pub fn default_data_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "onrecord").map(|d| d.data_dir().to_path_buf())
    }

    /// Opens the store in `data_dir`, or in [`Store::default_data_dir`].
    ///
    /// Fails only when there is no data directory at all. A store that
    /// cannot be opened yet (unwritable directory, busy) still gives a
    /// `Store`, with a [`StoreWarning::Unavailable`]: every call tries to
    /// open it again, and edits fail with a retryable error meanwhile.
    pub fn open(data_dir: Option<&Path>) -> Result<Store, StoreError> {
        let dir = match data_dir {
            Some(dir) => dir.to_path_buf(),
            None => Store::default_data_dir().ok_or(StoreError::NoDataDir)?,
        };
        Ok(Store::open_with_timeout(&dir, DEFAULT_BUSY_TIMEOUT))
    }

    /// [`Store::open`] in `dir` with a given busy timeout.
    pub fn open_with_timeout(dir: &Path, busy_timeout: Duration) -> Store {
        let mut store = Store {
            dir: dir.to_path_buf(),
            db_path: dir.join(DB_FILE),
            busy_timeout,
            conn: None,
            newer_schema: None,
            read_only: false,
            warnings: Vec::new(),
        };
        if let Some(w) = fsinfo::network_warning(dir) {
            store.warnings.push(w);
        }
        if let Err(e) = store.connection() {
            store
                .warnings
                .push(StoreWarning::Unavailable { why: e.to_string() });
        }
        store
    }

    /// Opens the store for a one-shot command (`export`, `import`,
    /// `salvage`), failing with the reason instead of retrying later.
    ///
    /// A data directory that does not exist is refused unless `create`
    /// (a mistyped `--data-dir` must not become an empty store); for
    /// [`Access::Read`], so is a directory without a store. A store that
    /// cannot be written is opened read-only for reading, without `-wal`
    /// or `-shm`.
    pub fn open_existing(dir: &Path, access: Access, create: bool) -> Result<Store, StoreError> {
        if !dir.is_dir() {
            if !create {
                return Err(StoreError::NoStore {
                    path: dir.to_path_buf(),
                    why: "the directory does not exist".into(),
                });
            }
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let mut store = Store {
            dir: dir.to_path_buf(),
            db_path: dir.join(DB_FILE),
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
            conn: None,
            newer_schema: None,
            read_only: false,
            warnings: Vec::new(),
        };
        if access == Access::Read && !store.db_path.exists() {
            return Err(StoreError::NoStore {
                path: dir.to_path_buf(),
                why: format!("it holds no {DB_FILE}"),
            });
        }
        if let Some(w) = fsinfo::network_warning(dir) {
            store.warnings.push(w);
        }
        match store.connection() {
            Ok(_) => Ok(store),
            Err(StoreError::NotWritable { .. }) if access == Access::Read => {
                store.read_only = true;
                store.connection()?;
                Ok(store)
            }
            Err(e) => Err(e),
        }
    }

    /// Sets how long a write waits for another onrecord before failing with
    /// [`StoreError::Busy`]. An interactive reader wants a short wait (a few
    /// hundred milliseconds) and retries through [`PendingEdits`], so a busy
    /// store never freezes the screen.
    pub fn set_busy_timeout(&mut self, timeout: Duration) {
        self.busy_timeout = timeout;
        let applied = self.conn.as_ref().map(|c| c.busy_timeout(timeout));
        if let Some(Err(_)) = applied {
            // Opened again with the new timeout on the next call.
            self.conn = None;
        }
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.db_path
    }

    /// What the reader should be told about this store: for the status line
    /// now, and for stderr at exit. An [`StoreWarning::Unavailable`] goes
    /// away once the store opens.
    pub fn warnings(&self) -> &[StoreWarning] {
        &self.warnings
    }

    /// True while the store is open; false after it could not be opened
    /// (the next call tries again).
    pub fn is_open(&self) -> bool {
        self.conn.is_some()
    }

    /// True when the store came from a newer onrecord and takes no edits.
    pub fn is_read_only(&self) -> bool {
        self.newer_schema.is_some() || self.read_only
    }

    /// Applies one edit in its own transaction, committed (and synced to
    /// disk) before this returns. On error nothing changed; keep the edit
    /// and apply it again later if [`StoreError::is_retryable`].
    pub fn apply(&mut self, edit: &Edit) -> Result<Applied, StoreError> {
        self.write(|conn| apply_edit(conn, edit))
    }

    /// Every bookmark, by article then age.
    pub fn bookmarks(&mut self) -> Result<Vec<Bookmark>, StoreError> {
        self.read(bookmarks::all)
    }

    /// The bookmarks of one article, found by its path or its text.
    pub fn bookmarks_for(&mut self, article: &ArticleKey) -> Result<Vec<Bookmark>, StoreError> {
        self.read(|c| bookmarks::for_article(c, article))
    }

    /// The whole-article bookmark of an article, if any: what `b` toggles.
    pub fn article_bookmark(
        &mut self,
        article: &ArticleKey,
    ) -> Result<Option<Bookmark>, StoreError> {
        Ok(self
            .bookmarks_for(article)?
            .into_iter()
            .find(|b| b.passage.is_none()))
    }

    /// The edit that toggles the whole-article bookmark: removes it if
    /// there is one, else adds one.
    pub fn toggle_article_bookmark(&mut self, article: &ArticleKey) -> Result<Edit, StoreError> {
        Ok(match self.article_bookmark(article)? {
            Some(b) => Edit::RemoveBookmark { id: b.id },
            None => Edit::bookmark_article(article.clone()),
        })
    }

    /// The bookmark on the passage at byte `range` of `text` (the article's
    /// current text), if any.
    pub fn passage_bookmark(
        &mut self,
        article: &ArticleKey,
        text: &str,
        range: std::ops::Range<usize>,
    ) -> Result<Option<Bookmark>, StoreError> {
        Ok(self
            .bookmarks_for(article)?
            .into_iter()
            .find(|b| b.anchor(text).and_then(|a| a.range()) == Some(range.clone())))
    }

    /// The edit that toggles a bookmark on the passage at byte `range` of
    /// `text`; `None` when the range is not a passage (empty, off character
    /// boundaries).
    pub fn toggle_passage_bookmark(
        &mut self,
        article: &ArticleKey,
        text: &str,
        range: std::ops::Range<usize>,
    ) -> Result<Option<Edit>, StoreError> {
        if let Some(b) = self.passage_bookmark(article, text, range.clone())? {
            return Ok(Some(Edit::RemoveBookmark { id: b.id }));
        }
        Ok(Selector::from_range(text, range).map(|s| Edit::bookmark_passage(article.clone(), s)))
    }

    /// Every annotation, by article then position.
    pub fn annotations(&mut self) -> Result<Vec<Annotation>, StoreError> {
        self.read(annotations::all)
    }

    /// The annotations of one article, found by its path or its text. Place
    /// each with [`Annotation::anchor`]; orphans are still returned.
    pub fn annotations_for(&mut self, article: &ArticleKey) -> Result<Vec<Annotation>, StoreError> {
        self.read(|c| annotations::for_article(c, article))
    }

    /// One annotation by id.
    pub fn annotation(&mut self, id: &NoteId) -> Result<Option<Annotation>, StoreError> {
        self.read(|c| annotations::get(c, id))
    }

    /// Every correction, oldest change first (the order they apply in).
    pub fn corrections(&mut self) -> Result<Vec<Correction>, StoreError> {
        self.read(corrections::all)
    }

    /// One bookmark by id.
    pub fn bookmark(&mut self, id: &NoteId) -> Result<Option<Bookmark>, StoreError> {
        self.read(|c| bookmarks::get(c, id))
    }

    /// The reading position last remembered for an article; turn it into a
    /// byte offset of the current text with [`ReadingPosition::locate`].
    pub fn reading_position(
        &mut self,
        article: &ArticleKey,
    ) -> Result<Option<ReadingPosition>, StoreError> {
        self.read(|c| positions::get(c, article))
    }

    /// Which of the articles with `keys` are read, and which was open
    /// last (indices into `keys`).
    pub fn read_states(&mut self, keys: &[ArticleKey]) -> Result<ReadStates, StoreError> {
        self.read(|c| article_states::for_keys(c, keys))
    }

    /// Every remembered reading position, by the path it was made at
    /// (after [`Store::relocate`], moved files' positions are at their new
    /// path). One query for the whole corpus.
    pub fn reading_positions(
        &mut self,
    ) -> Result<std::collections::HashMap<String, ReadingPosition>, StoreError> {
        self.read(positions::all)
    }

    /// Gives the notes and positions of files gone from their path to the
    /// open article with the same text (the file moved or was renamed), so
    /// they are found by path from now on. Call it with the keys of the
    /// articles whose text is known (at start, and as more are read in).
    /// Returns how many rows moved.
    /// Looks first without writing: most calls find nothing to move.
    pub fn relocate(&mut self, keys: &[ArticleKey]) -> Result<usize, StoreError> {
        let moves = self.read(|c| positions::moves(c, keys))?;
        if moves.is_empty() {
            return Ok(0);
        }
        let path = self.db_path.clone();
        self.write(|conn| {
            positions::relocate(conn, &moves).map_err(|e| StoreError::from_sqlite(&path, e))
        })
    }

    /// Copies every readable row of the damaged store file `damaged` into
    /// this store, keeping what is here (see [`salvage::salvage`]).
    pub fn salvage_from(&mut self, damaged: &Path) -> Result<salvage::Salvaged, StoreError> {
        self.write(|conn| salvage::salvage(damaged, conn))
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction and commits it.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let path = self.db_path.clone();
        // Open first: opening is what finds out the schema is too new.
        let result = self.connection().map(|_| ()).and_then(|()| {
            if let Some(found) = self.newer_schema {
                return Err(StoreError::SchemaTooNew {
                    found,
                    known: SCHEMA_VERSION,
                });
            }
            if self.read_only {
                return Err(StoreError::NotWritable {
                    path: self.db_path.clone(),
                    why: "it was opened read-only".into(),
                });
            }
            let conn = self.connection()?;
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| StoreError::from_sqlite(&path, e))?;
            let value = f(&tx)?;
            tx.commit().map_err(|e| StoreError::from_sqlite(&path, e))?;
            Ok(value)
        });
        self.forget_connection_after(&result);
        result
    }

    fn read<T>(
        &mut self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let path = self.db_path.clone();
        let result = self
            .connection()
            .and_then(|conn| f(conn).map_err(|e| StoreError::from_sqlite(&path, e)));
        self.forget_connection_after(&result);
        result
    }

    /// Closes the connection after an error that may have come from it, so
    /// the next call opens the store afresh.
    fn forget_connection_after<T>(&mut self, result: &Result<T, StoreError>) {
        if let Err(e) = result {
            if e.needs_reconnect() {
                self.conn = None;
            }
        }
    }

    /// The open connection, opening the store first if needed.
    fn connection(&mut self) -> Result<&mut Connection, StoreError> {
        if self.conn.is_none() && self.read_only {
            let opened = db::open_read_only(&self.db_path, self.busy_timeout)?;
            self.newer_schema = opened.newer;
            self.conn = Some(opened.conn);
        }
        if self.conn.is_none() {
            std::fs::create_dir_all(&self.dir).map_err(|e| match e.kind() {
                std::io::ErrorKind::PermissionDenied => StoreError::NotWritable {
                    path: self.dir.clone(),
                    why: e.to_string(),
                },
                _ => StoreError::Io {
                    path: self.dir.clone(),
                    source: e,
                },
            })?;
            let opened = db::open(&self.db_path, self.busy_timeout)?;
            self.newer_schema = opened.newer;
            for w in opened.warnings {
                if !self.warnings.contains(&w) {
                    self.warnings.push(w);
                }
            }
            self.conn = Some(opened.conn);
            // Open now: an earlier "unavailable" no longer holds.
            self.warnings
                .retain(|w| !matches!(w, StoreWarning::Unavailable { .. }));
        }
        self.conn
            .as_mut()
            .ok_or(StoreError::Invalid("no connection".into()))
    }
}

/// The SQL of one edit, inside the caller's transaction.
fn apply_edit(conn: &Connection, edit: &Edit) -> Result<Applied, StoreError> {
    let path = conn.path().map(PathBuf::from).unwrap_or_default();
    let sql = |e| StoreError::from_sqlite(&path, e);
    match edit {
        Edit::AddBookmark(b) => {
            if b.passage.as_ref().is_some_and(|p| p.quote.exact.is_empty()) {
                return Err(StoreError::Invalid(
                    "a passage bookmark needs a passage".into(),
                ));
            }
            bookmarks::insert(conn, b).map_err(sql)
        }
        Edit::RemoveBookmark { id } => {
            let applied = bookmarks::delete(conn, id).map_err(sql)?;
            deletions::record(conn, id).map_err(sql)?;
            Ok(applied)
        }
        Edit::AddAnnotation(a) => {
            if a.selector.quote.exact.is_empty() {
                return Err(StoreError::Invalid("an annotation needs a passage".into()));
            }
            annotations::insert(conn, a).map_err(sql)
        }
        Edit::UpdateNote { id, note, modified } => {
            annotations::update_note(conn, id, note, modified)
                .map_err(sql)?
                .ok_or_else(|| StoreError::NotFound(id.to_string()))
        }
        Edit::DeleteAnnotation { id } => {
            let applied = annotations::delete(conn, id).map_err(sql)?;
            deletions::record(conn, id).map_err(sql)?;
            Ok(applied)
        }
        Edit::SetPosition { article, position } => {
            positions::set(conn, article, position).map_err(sql)
        }
        Edit::SetRead { article, read, at } => {
            article_states::set_read(conn, article, *read, at).map_err(sql)
        }
        Edit::Opened { article, at } => article_states::set_opened(conn, article, at).map_err(sql),
        Edit::Correct(c) => {
            let empty_quote = c
                .fix
                .quotation()
                .is_some_and(|(_, q)| q.quote.exact.is_empty());
            if empty_quote {
                return Err(StoreError::Invalid(
                    "a correction needs its quotation".into(),
                ));
            }
            corrections::upsert(conn, c).map_err(sql)
        }
        Edit::Uncorrect { id } => {
            let applied = corrections::delete(conn, id).map_err(sql)?;
            deletions::record(conn, id).map_err(sql)?;
            Ok(applied)
        }
    }
}

//! The reader's side of the notes store: loads what is stored, applies the
//! edits `update` queues (in order, keeping the ones that fail for a
//! retry), and reads back what is stored. This is I/O, so only the event
//! loop calls it.

use std::path::{Path, PathBuf};

use crate::store::{exchange, ArticleKey, Edit, PendingEdits, ReadingPosition, Store, StoreError};

use super::notes::NotesSnapshot;

/// The store and the edits still waiting for it.
pub struct NotesSync {
    store: Store,
    pending: PendingEdits,
}

impl NotesSync {
    pub fn new(store: Store) -> Self {
        NotesSync {
            store,
            pending: PendingEdits::new(),
        }
    }

    /// What to tell the user about the store when it opens.
    pub fn warnings(&self) -> Vec<String> {
        self.store
            .warnings()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// The warning for the reader's banner when the store was found
    /// damaged and moved aside.
    pub fn damage_banner(&self) -> Option<String> {
        self.store
            .warnings()
            .iter()
            .find(|w| matches!(w, crate::store::StoreWarning::MovedAside { .. }))
            .map(|w| crate::clean::sanitize::visible(&w.to_string()))
    }

    /// Everything stored, and the remembered reading positions of the
    /// open articles as (article, position): one query, whatever the
    /// corpus's size.
    pub fn load(&mut self, keys: &[ArticleKey]) -> (NotesSnapshot, Vec<(usize, ReadingPosition)>) {
        match self.store.relocate(keys) {
            Ok(0) => {}
            Ok(n) => log::info!("{n} notes and positions followed their moved files"),
            Err(e) => log::warn!("following moved files: {e}"),
        }
        let mut positions = Vec::new();
        match self.store.reading_positions() {
            Ok(mut stored) if !stored.is_empty() => {
                for (index, key) in keys.iter().enumerate() {
                    if let Some(position) = stored.remove(&key.source) {
                        positions.push((index, position));
                    }
                }
            }
            Ok(_) => {}
            Err(e) => log::warn!("reading positions: {e}"),
        }
        (self.snapshot(None, Vec::new()), positions)
    }

    /// Articles whose text was read in the background (`keys` have its
    /// hash now): what the store kept of files that moved to them follows
    /// them. The notes and their read marks when something moved.
    pub fn arrived(
        &mut self,
        keys: &[ArticleKey],
    ) -> Option<(NotesSnapshot, crate::store::ReadStates)> {
        match self.store.relocate(keys) {
            Ok(0) => None,
            Ok(n) => {
                log::info!("{n} notes and marks followed their moved files");
                Some((self.snapshot(None, Vec::new()), self.read_states(keys)))
            }
            Err(e) => {
                log::warn!("following moved files: {e}");
                None
            }
        }
    }

    /// The read marks of the articles with `keys`, and the one open last.
    pub fn read_states(&mut self, keys: &[ArticleKey]) -> crate::store::ReadStates {
        self.store.read_states(keys).unwrap_or_else(|e| {
            log::warn!("read marks: {e}");
            crate::store::ReadStates::default()
        })
    }

    /// Applies `edits` after any still waiting, then reads back.
    pub fn apply(&mut self, edits: Vec<Edit>) -> NotesSnapshot {
        let mut waiting = None;
        let mut refused = Vec::new();
        for edit in edits {
            let flush = self.pending.submit(&mut self.store, edit);
            waiting = flush.waiting.or(waiting);
            refused.extend(
                flush
                    .rejected
                    .into_iter()
                    .map(|(_, e)| format!("not saved: {e}")),
            );
        }
        self.snapshot(waiting, refused)
    }

    /// Tries the waiting edits again; `None` when none wait.
    pub fn retry(&mut self) -> Option<NotesSnapshot> {
        if self.pending.is_empty() {
            return None;
        }
        let flush = self.pending.retry(&mut self.store);
        let refused = flush
            .rejected
            .into_iter()
            .map(|(_, e)| format!("not saved: {e}"))
            .collect();
        Some(self.snapshot(flush.waiting, refused))
    }

    /// Whether edits are waiting.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    fn snapshot(&mut self, waiting: Option<StoreError>, refused: Vec<String>) -> NotesSnapshot {
        let mut problem = waiting.map(|e| e.to_string());
        let bookmarks = self.store.bookmarks().unwrap_or_else(|e| {
            problem.get_or_insert_with(|| e.to_string());
            Vec::new()
        });
        let annotations = self.store.annotations().unwrap_or_else(|e| {
            problem.get_or_insert_with(|| e.to_string());
            Vec::new()
        });
        let corrections = self.store.corrections().unwrap_or_else(|e| {
            problem.get_or_insert_with(|| e.to_string());
            Vec::new()
        });
        NotesSnapshot {
            bookmarks,
            annotations,
            corrections,
            waiting: self.pending.iter().cloned().collect(),
            problem,
            refused,
        }
    }

    /// At exit: tries once more, and saves what still cannot be stored to
    /// a rescue file `onrecord import` reads (and the next start offers to
    /// import). Returns lines for stderr.
    pub fn finish(mut self) -> Vec<String> {
        let mut lines = self.warnings();
        if !self.pending.is_empty() {
            let _ = self.pending.retry(&mut self.store);
        }
        lines.extend(rescue(&self.pending, self.store.dir()));
        lines
    }

    /// The edits still waiting for the store.
    pub fn pending_edits(&self) -> impl Iterator<Item = &Edit> {
        self.pending.iter()
    }

    /// The data directory (for the watchdog's own connection).
    pub fn data_dir(&self) -> PathBuf {
        self.store.dir().to_path_buf()
    }

    /// Rescue files left by earlier runs, oldest first.
    pub fn rescue_files(&self) -> Vec<PathBuf> {
        crate::store::find_rescue_files(&crate::store::rescue_dirs(self.store.dir()))
    }

    /// Imports a rescue file into the store and renames it
    /// `….json.imported`, so it is not offered again. Returns what to tell
    /// the user.
    pub fn import_rescue(&mut self, file: &Path) -> String {
        let shown = crate::clean::sanitize::visible(&file.display().to_string());
        let imported = crate::load::read_capped(file)
            .map_err(|reason| {
                crate::load::Skipped {
                    path: file.to_path_buf(),
                    reason,
                }
                .to_string()
            })
            .and_then(|bytes| String::from_utf8(bytes).map_err(|e| e.to_string()))
            .and_then(|json| exchange::parse(&json).map_err(|e| e.to_string()))
            .and_then(|items| exchange::import(&mut self.store, &items).map_err(|e| e.to_string()));
        match imported {
            Ok(counts) => {
                let mut done = file.as_os_str().to_owned();
                done.push(".imported");
                let _ = std::fs::rename(file, &done);
                format!(
                    "imported {shown}: {} added, {} updated, {} unchanged",
                    counts.added, counts.updated, counts.unchanged
                )
            }
            Err(why) => format!("{shown} was not imported: {why}"),
        }
    }
}

/// Saves `edits` from outside the event loop (the watchdog, when the loop
/// is stuck after a signal): to the store in `data_dir` if it takes them,
/// else to a rescue file. Returns lines for stderr.
pub fn save_or_rescue(data_dir: &Path, edits: Vec<Edit>) -> Vec<String> {
    if edits.is_empty() {
        return Vec::new();
    }
    let mut store = Store::open_with_timeout(data_dir, std::time::Duration::from_millis(500));
    let mut pending = PendingEdits::new();
    for edit in edits {
        let _ = pending.submit(&mut store, edit);
    }
    rescue(&pending, data_dir)
}

/// Writes what is still pending to a rescue file; lines for stderr.
fn rescue(pending: &PendingEdits, data_dir: &Path) -> Vec<String> {
    let mut lines = Vec::new();
    let count = pending.len();
    match pending.write_rescue(&crate::store::rescue_dirs(data_dir)) {
        Ok(None) => {}
        Ok(Some((file, left_out))) => {
            lines.push(format!(
                "{count} edit(s) could not be stored; they are saved in {} (the next start \
                 offers to import them, or run `onrecord import` on it)",
                file.display()
            ));
            if left_out > 0 {
                lines.push(format!(
                    "{left_out} of them (deletions, note changes, positions) cannot be saved that way"
                ));
            }
        }
        Err(e) => lines.push(format!(
            "{count} edit(s) could not be stored, and no rescue file could be written: {e}"
        )),
    }
    lines
}

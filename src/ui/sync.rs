//! The reader's side of the notes store: loads what is stored, applies the
//! edits `update` queues (in order, keeping the ones that fail for a
//! retry), and reads back what is stored. This is I/O, so only the event
//! loop calls it.

use std::path::PathBuf;

use crate::model::Article;
use crate::store::{ArticleKey, PendingEdits, Store, StoreError};

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

    /// Everything stored, and the remembered reading positions of the
    /// open articles as (article, byte offset).
    pub fn load(
        &mut self,
        keys: &[ArticleKey],
        articles: &[Article],
    ) -> (NotesSnapshot, Vec<(usize, usize)>) {
        match self.store.relocate(keys) {
            Ok(0) => {}
            Ok(n) => log::info!("{n} notes and positions followed their moved files"),
            Err(e) => log::warn!("following moved files: {e}"),
        }
        let mut positions = Vec::new();
        for (index, (key, article)) in keys.iter().zip(articles).enumerate() {
            match self.store.reading_position(key) {
                Ok(Some(position)) => positions.push((index, position.locate(&article.text))),
                Ok(None) => {}
                Err(e) => {
                    log::warn!("reading positions: {e}");
                    break;
                }
            }
        }
        (self.snapshot(None, Vec::new()), positions)
    }

    /// Applies `edits` after any still waiting, then reads back.
    pub fn apply(&mut self, edits: Vec<crate::store::Edit>) -> NotesSnapshot {
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
        NotesSnapshot {
            bookmarks,
            annotations,
            waiting: self.pending.iter().cloned().collect(),
            problem,
            refused,
        }
    }

    /// At exit: tries once more, and saves what still cannot be stored to
    /// a file `onrecord import` reads. Returns lines for stderr.
    pub fn finish(mut self) -> Vec<String> {
        let mut lines = self.warnings();
        if self.pending.is_empty() {
            return lines;
        }
        let _ = self.pending.retry(&mut self.store);
        if self.pending.is_empty() {
            return lines;
        }
        let (json, left_out) = self.pending.rescue_json();
        let file = rescue_path();
        let body = serde_json::to_string_pretty(&json).unwrap_or_default();
        match std::fs::write(&file, body) {
            Ok(()) => lines.push(format!(
                "{} edit(s) could not be stored; they are saved in {} (load them with `onrecord import {}`)",
                self.pending.len(),
                file.display(),
                file.display()
            )),
            Err(e) => lines.push(format!(
                "{} edit(s) could not be stored, and writing {} failed too: {e}",
                self.pending.len(),
                file.display()
            )),
        }
        if left_out > 0 {
            lines.push(format!(
                "{left_out} of them (deletions, note changes, positions) cannot be saved that way"
            ));
        }
        lines
    }
}

/// Where unsaved notes go at exit: the current directory, else the
/// temporary directory.
fn rescue_path() -> PathBuf {
    let name = format!(
        "onrecord-unsaved-{}.json",
        chrono::Utc::now().format("%Y%m%dT%H%M%S")
    );
    let here = std::env::current_dir().unwrap_or_else(|_| std::env::temp_dir());
    let probe = here.join(&name);
    if std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .is_ok()
    {
        let _ = std::fs::remove_file(&probe);
        probe
    } else {
        std::env::temp_dir().join(name)
    }
}

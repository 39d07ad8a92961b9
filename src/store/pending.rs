//! Edits the store has not accepted yet, kept in memory and retried, so a
//! failed write (busy store, full disk, read-only directory) loses nothing.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::exchange::{self, Item};
use super::record::{Applied, Edit};
use super::{Store, StoreError};

/// A queue of edits waiting for the store, oldest first. Submit every edit
/// through it: when earlier edits are still waiting, a new one waits behind
/// them so edits land in the order they were made.
#[derive(Debug, Default)]
pub struct PendingEdits {
    queue: VecDeque<Edit>,
}

/// What one [`PendingEdits::submit`] or [`PendingEdits::retry`] did.
#[derive(Debug, Default)]
pub struct Flush {
    /// Edits now committed, in order, with what each did.
    pub applied: Vec<(Edit, Applied)>,
    /// Edits that can never be applied (the note was deleted elsewhere):
    /// dropped from the queue; tell the user.
    pub rejected: Vec<(Edit, StoreError)>,
    /// Why the edits still queued are waiting (a retryable error, or
    /// [`StoreError::SchemaTooNew`]); show it in the status line.
    pub waiting: Option<StoreError>,
}

impl PendingEdits {
    pub fn new() -> PendingEdits {
        PendingEdits::default()
    }

    /// Queues `edit` and tries to apply everything queued.
    pub fn submit(&mut self, store: &mut Store, edit: Edit) -> Flush {
        self.queue.push_back(edit);
        self.retry(store)
    }

    /// Applies queued edits in order until one fails with a retryable error
    /// (it stays first in the queue). Call it from a timer while
    /// [`PendingEdits::len`] is not zero, and before quitting.
    pub fn retry(&mut self, store: &mut Store) -> Flush {
        let mut flush = Flush::default();
        while let Some(edit) = self.queue.front() {
            match store.apply(edit) {
                Ok(applied) => {
                    if let Some(edit) = self.queue.pop_front() {
                        flush.applied.push((edit, applied));
                    }
                }
                // A read-only (newer) store refuses for the whole run; the
                // edit stays queued so it can be rescued at exit.
                Err(e) if e.is_retryable() || matches!(e, StoreError::SchemaTooNew { .. }) => {
                    flush.waiting = Some(e);
                    break;
                }
                Err(e) => {
                    if let Some(edit) = self.queue.pop_front() {
                        flush.rejected.push((edit, e));
                    }
                }
            }
        }
        flush
    }

    /// Number of edits waiting.
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// The waiting edits, oldest first (to show unsaved notes as such).
    pub fn iter(&self) -> impl Iterator<Item = &Edit> {
        self.queue.iter()
    }

    /// The waiting bookmarks and annotations as an importable export file
    /// (see [`exchange`]), for the reader to save at exit when the store
    /// still refuses them: `onrecord import FILE` applies them later.
    /// Deletions, note edits of stored annotations and reading positions
    /// cannot be expressed there and are counted in the second value.
    pub fn rescue_json(&self) -> (Value, usize) {
        let mut items = Vec::new();
        let mut left_out = 0;
        for edit in &self.queue {
            match edit {
                Edit::AddBookmark(b) => items.push(Item::Bookmark(b.clone())),
                Edit::AddAnnotation(a) => {
                    // Later note edits of a queued annotation fold into it.
                    let mut a = a.clone();
                    for later in &self.queue {
                        if let Edit::UpdateNote { id, note, modified } = later {
                            if *id == a.id && *modified >= a.modified {
                                a.note.clone_from(note);
                                a.modified = *modified;
                            }
                        }
                    }
                    items.push(Item::Annotation(a));
                }
                Edit::UpdateNote { id, .. } => {
                    let queued = self
                        .queue
                        .iter()
                        .any(|e| matches!(e, Edit::AddAnnotation(a) if a.id == *id));
                    if !queued {
                        left_out += 1;
                    }
                }
                Edit::Correct(c) => items.push(Item::Correction(c.clone())),
                Edit::RemoveBookmark { .. }
                | Edit::DeleteAnnotation { .. }
                | Edit::Uncorrect { .. }
                | Edit::SetPosition { .. }
                | Edit::SetRead { .. }
                | Edit::Opened { .. } => left_out += 1,
            }
        }
        (exchange::items_json(&items), left_out)
    }

    /// Writes [`PendingEdits::rescue_json`] to a new rescue file (see
    /// [`write_rescue`]) when anything is waiting; call it at exit and tell
    /// the user the path (and the count of edits it could not hold).
    /// `None` when nothing was waiting.
    pub fn write_rescue(&self, dirs: &[PathBuf]) -> std::io::Result<Option<(PathBuf, usize)>> {
        if self.queue.is_empty() {
            return Ok(None);
        }
        let (json, left_out) = self.rescue_json();
        let text = serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?;
        Ok(Some((write_rescue(dirs, text.as_bytes())?, left_out)))
    }
}

/// The prefix and extension of rescue files.
const RESCUE_PREFIX: &str = "onrecord-unsaved-";
const RESCUE_EXTENSION: &str = ".json";

/// Where rescue files go, in order of preference: beside the store, the
/// platform state directory, the temporary directory. The reader looks for
/// them in the same places on its next start.
pub fn rescue_dirs(data_dir: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![data_dir.to_path_buf()];
    if let Some(project) = directories::ProjectDirs::from("", "", "onrecord") {
        dirs.push(
            project
                .state_dir()
                .unwrap_or_else(|| project.cache_dir())
                .to_path_buf(),
        );
    }
    dirs.push(std::env::temp_dir());
    dirs.dedup();
    dirs
}

/// Writes `bytes` to a new `onrecord-unsaved-<time>-<pid>.json` in the
/// first of `dirs` where it can be written whole and synced: the name has
/// the time to the nanosecond and the process id, and is created with
/// `create_new`, so two readers exiting together never overwrite each
/// other. A file left short (a full disk) is removed and the next
/// directory tried. Returns the file's path, or the last error.
pub fn write_rescue(dirs: &[PathBuf], bytes: &[u8]) -> std::io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.9fZ");
    let name = format!(
        "{RESCUE_PREFIX}{stamp}-{}{RESCUE_EXTENSION}",
        std::process::id()
    );
    let mut last = std::io::Error::other("no directory to write a rescue file to");
    for dir in dirs {
        let path = dir.join(&name);
        let written = std::fs::create_dir_all(dir).and_then(|()| {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            let done = std::io::Write::write_all(&mut file, bytes).and_then(|()| file.sync_all());
            if done.is_err() {
                let _ = std::fs::remove_file(&path);
            }
            done
        });
        match written {
            Ok(()) => return Ok(path),
            Err(e) => {
                log::warn!("rescue file {}: {e}", path.display());
                last = e;
            }
        }
    }
    Err(last)
}

/// The rescue files in `dirs`, oldest first (their names sort by time).
pub fn find_rescue_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = dirs
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with(RESCUE_PREFIX)
                && name.ends_with(RESCUE_EXTENSION)
                && entry.file_type().is_ok_and(|t| t.is_file())
        })
        .map(|entry| entry.path())
        .collect();
    found.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    found.dedup();
    found
}

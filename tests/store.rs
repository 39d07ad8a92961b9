//! The notes store through its public API, on real files in temporary
//! directories.

mod common;

use std::path::Path;
use std::time::Duration;

use onrecord::store::{
    exchange, Anchor, Applied, ArticleKey, Edit, How, NoteId, PendingEdits, Selector, Store,
    StoreError, StoreWarning, DB_FILE, SCHEMA_VERSION,
};
use rusqlite::Connection;

const TEXT: &str = "The council met on Monday.\n\n\
    Officials said on Tuesday. The harbour will reopen in May. Fishing crews welcomed the news.\n\n\
    Critics were not convinced.";

fn key() -> ArticleKey {
    ArticleKey::new("news/harbour.txt", TEXT)
}

fn selector(text: &str, passage: &str) -> Selector {
    let start = text.find(passage).expect("passage in text");
    Selector::from_range(text, start..start + passage.len()).expect("valid range")
}

fn open(dir: &Path) -> Store {
    let store = Store::open(Some(dir)).expect("store opens");
    assert!(
        store.warnings().is_empty(),
        "unexpected warnings: {:?}",
        store.warnings()
    );
    store
}

fn raw(dir: &Path) -> Connection {
    Connection::open(dir.join(DB_FILE)).expect("raw connection")
}

fn integrity(dir: &Path) -> String {
    raw(dir)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

#[test]
fn round_trip_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let passage = selector(TEXT, "The harbour will reopen in May.");
    let note = "Compare with the council's timeline.\nSecond line.";
    let annotate = Edit::annotate(key(), passage.clone(), note);
    let Edit::AddAnnotation(annotation) = &annotate else {
        unreachable!()
    };
    let id = annotation.id.clone();

    assert_eq!(
        store.apply(&Edit::bookmark_article(key())).unwrap(),
        Applied::Changed
    );
    assert_eq!(
        store
            .apply(&Edit::bookmark_passage(key(), passage.clone()))
            .unwrap(),
        Applied::Changed
    );
    assert_eq!(store.apply(&annotate).unwrap(), Applied::Changed);
    let offset = TEXT.find("Critics").unwrap();
    store
        .apply(&Edit::set_position(key(), TEXT, offset))
        .unwrap();
    drop(store);

    let mut store = open(dir.path());
    let bookmarks = store.bookmarks_for(&key()).unwrap();
    assert_eq!(bookmarks.len(), 2);
    assert!(store.article_bookmark(&key()).unwrap().is_some());
    assert_eq!(
        bookmarks.iter().filter_map(|b| b.passage.as_ref()).next(),
        Some(&passage)
    );
    let annotations = store.annotations_for(&key()).unwrap();
    assert_eq!(annotations.len(), 1);
    assert_eq!(annotations[0], *annotation);
    assert_eq!(
        annotations[0].anchor(TEXT),
        Anchor::Anchored {
            range: TEXT.find("The harbour").unwrap()..TEXT.find(" Fishing").unwrap(),
            how: How::Position
        }
    );
    let position = store
        .reading_position(&key())
        .unwrap()
        .expect("position kept");
    assert_eq!(position.locate(TEXT), offset);

    // Edit, then delete, each kept across a reopen.
    store
        .apply(&Edit::update_note(id.clone(), "Rewritten."))
        .unwrap();
    drop(store);
    let mut store = open(dir.path());
    let a = store.annotation(&id).unwrap().expect("still there");
    assert_eq!(a.note, "Rewritten.");
    assert!(a.modified >= a.created);
    store
        .apply(&Edit::DeleteAnnotation { id: id.clone() })
        .unwrap();
    let toggle = store.toggle_article_bookmark(&key()).unwrap();
    assert!(matches!(toggle, Edit::RemoveBookmark { .. }));
    store.apply(&toggle).unwrap();
    drop(store);
    let mut store = open(dir.path());
    assert!(store.annotation(&id).unwrap().is_none());
    assert!(store.article_bookmark(&key()).unwrap().is_none());
    assert_eq!(store.bookmarks().unwrap().len(), 1);
    assert_eq!(integrity(dir.path()), "ok");
}

#[test]
fn retried_edits_change_nothing_more() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let annotate = Edit::annotate(key(), selector(TEXT, "Critics were not convinced."), "n");
    let Edit::AddAnnotation(a) = &annotate else {
        unreachable!()
    };
    assert_eq!(store.apply(&annotate).unwrap(), Applied::Changed);
    assert_eq!(store.apply(&annotate).unwrap(), Applied::Unchanged);
    assert_eq!(store.annotations().unwrap().len(), 1);

    let later = Edit::update_note(a.id.clone(), "later");
    std::thread::sleep(Duration::from_millis(5));
    let earlier_made_later = Edit::update_note(a.id.clone(), "newest");
    assert_eq!(store.apply(&earlier_made_later).unwrap(), Applied::Changed);
    assert_eq!(
        store.apply(&earlier_made_later).unwrap(),
        Applied::Unchanged
    );
    // An older pending edit does not overwrite a newer note.
    assert_eq!(store.apply(&later).unwrap(), Applied::Superseded);
    assert_eq!(store.annotation(&a.id).unwrap().unwrap().note, "newest");

    // A second whole-article bookmark (another window's) is a no-op.
    assert_eq!(
        store.apply(&Edit::bookmark_article(key())).unwrap(),
        Applied::Changed
    );
    assert_eq!(
        store.apply(&Edit::bookmark_article(key())).unwrap(),
        Applied::Unchanged
    );
    assert_eq!(store.bookmarks().unwrap().len(), 1);

    let delete = Edit::DeleteAnnotation { id: a.id.clone() };
    assert_eq!(store.apply(&delete).unwrap(), Applied::Changed);
    assert_eq!(store.apply(&delete).unwrap(), Applied::Unchanged);
    let err = store
        .apply(&Edit::update_note(a.id.clone(), "gone"))
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)) && !err.is_retryable());
}

/// A real file holding `TEXT`, and its key.
fn article_file(dir: &Path, name: &str) -> (std::path::PathBuf, ArticleKey) {
    let path = dir.join(name);
    std::fs::write(&path, TEXT).unwrap();
    let key = ArticleKey::for_path(&path, TEXT);
    (path, key)
}

#[test]
fn notes_follow_the_text_when_the_file_is_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old_key) = article_file(dir.path(), "harbour.txt");
    let mut store = open(dir.path());
    store
        .apply(&Edit::annotate(
            old_key.clone(),
            selector(TEXT, "The council met"),
            "n",
        ))
        .unwrap();
    store
        .apply(&Edit::bookmark_article(old_key.clone()))
        .unwrap();
    store
        .apply(&Edit::set_position(
            old_key.clone(),
            TEXT,
            TEXT.find("Critics").unwrap(),
        ))
        .unwrap();
    let renamed = dir.path().join("renamed.txt");
    std::fs::rename(&path, &renamed).unwrap();
    let new_key = ArticleKey::for_path(&renamed, TEXT);
    // Found by text while the old path is gone…
    assert_eq!(store.annotations_for(&new_key).unwrap().len(), 1);
    // …and given the new path when the reader opens it.
    assert_eq!(store.relocate(std::slice::from_ref(&new_key)).unwrap(), 3);
    assert_eq!(
        store.annotations().unwrap()[0].article.source,
        new_key.source
    );
    assert!(store.article_bookmark(&new_key).unwrap().is_some());
    assert!(store.reading_position(&new_key).unwrap().is_some());
    let other = ArticleKey::new("news/other.txt", "Another text.");
    assert!(store.annotations_for(&other).unwrap().is_empty());
}

#[test]
fn two_present_files_with_the_same_text_do_not_share_marks() {
    let dir = tempfile::tempdir().unwrap();
    let (_, a) = article_file(dir.path(), "a.txt");
    let (_, b) = article_file(dir.path(), "b.txt");
    assert_eq!(a.text_hash, b.text_hash);
    let mut store = open(dir.path());
    store.apply(&Edit::bookmark_article(a.clone())).unwrap();
    store
        .apply(&Edit::annotate(
            a.clone(),
            selector(TEXT, "The council met"),
            "on a",
        ))
        .unwrap();
    store
        .apply(&Edit::set_position(
            a.clone(),
            TEXT,
            TEXT.find("Critics").unwrap(),
        ))
        .unwrap();

    assert!(store.bookmarks_for(&b).unwrap().is_empty());
    assert!(store.annotations_for(&b).unwrap().is_empty());
    assert!(store.reading_position(&b).unwrap().is_none());
    // Toggling b's bookmark adds one for b; a keeps its own.
    let toggle = store.toggle_article_bookmark(&b).unwrap();
    assert!(matches!(toggle, Edit::AddBookmark(_)), "{toggle:?}");
    store.apply(&toggle).unwrap();
    let remove_b = store.toggle_article_bookmark(&b).unwrap();
    store.apply(&remove_b).unwrap();
    assert!(
        store.article_bookmark(&a).unwrap().is_some(),
        "a's bookmark kept"
    );
    // Both present: nothing moves.
    assert_eq!(store.relocate(&[a.clone(), b.clone()]).unwrap(), 0);
}

#[test]
fn a_busy_store_waits_then_says_so_and_the_edit_can_be_retried() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(Some(dir.path())).unwrap();
    store.set_busy_timeout(Duration::from_millis(200));
    assert!(store.warnings().is_empty());
    let edit = Edit::bookmark_article(key());

    let blocker = raw(dir.path());
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let err = store.apply(&edit).unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    assert!(err.is_retryable());
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "it waited first"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "for the timeout set, not the default"
    );
    blocker.execute_batch("COMMIT").unwrap();

    assert_eq!(store.apply(&edit).unwrap(), Applied::Changed);
    assert_eq!(store.bookmarks().unwrap().len(), 1);
}

#[test]
fn a_corrupt_store_is_moved_aside_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(dir.path().join(DB_FILE), &garbage).unwrap();
    std::fs::write(
        dir.path().join(format!("{DB_FILE}-wal")),
        b"not a wal either",
    )
    .unwrap();

    let mut store = Store::open(Some(dir.path())).unwrap();
    let moved_to = match store.warnings() {
        [StoreWarning::MovedAside { moved_to, .. }] => moved_to.clone(),
        other => panic!("expected one MovedAside warning, got {other:?}"),
    };
    assert!(store.warnings()[0].to_string().contains("damaged"));
    let name = moved_to.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("onrecord.db.corrupt-"), "{name}");
    assert_eq!(moved_to.parent(), Some(dir.path()));
    assert_eq!(
        std::fs::read(&moved_to).unwrap(),
        garbage,
        "the damaged bytes are kept"
    );
    let moved_wal = dir.path().join(format!("{name}-wal"));
    assert_eq!(std::fs::read(moved_wal).unwrap(), b"not a wal either");

    // A fresh store works in its place.
    store.apply(&Edit::bookmark_article(key())).unwrap();
    drop(store);
    assert_eq!(integrity(dir.path()), "ok");
    let mut store = open(dir.path());
    assert_eq!(store.bookmarks().unwrap().len(), 1);
    assert_eq!(std::fs::read(&moved_to).unwrap(), garbage);
}

#[test]
fn migrates_from_the_first_schema_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    common::old_store(dir.path(), "v1.sql");

    let mut store = open(dir.path());
    let version: u32 = raw(dir.path())
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);

    let harbour = ArticleKey {
        source: "news/harbour.txt".into(),
        text_hash: "9f2c4e6a8b0d1f35".into(),
    };
    let annotations = store.annotations_for(&harbour).unwrap();
    assert_eq!(annotations.len(), 1);
    let a = &annotations[0];
    assert_eq!(
        a.note,
        "Compare with the council's own timeline.\nSecond line of the note — with a dash."
    );
    assert_eq!(a.selector.quote.exact, "The harbour will reopen in May.");
    assert_eq!(a.selector.position.start, 40);
    assert_eq!(a.modified, a.created, "modified starts as created");
    assert_eq!(store.bookmarks().unwrap().len(), 2);
    assert_eq!(store.annotations().unwrap().len(), 2);
    // What v2 added works.
    store
        .apply(&Edit::set_position(harbour.clone(), TEXT, 10))
        .unwrap();
    store
        .apply(&Edit::update_note(
            a.id.clone(),
            "edited after the migration",
        ))
        .unwrap();
    assert!(store.reading_position(&harbour).unwrap().is_some());

    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("onrecord.db.backup-v1-")
        })
        .collect();
    assert_eq!(backups.len(), 1, "one backup of the v1 store");
    let backup = Connection::open(&backups[0]).unwrap();
    let (v, n): (u32, u32) = backup
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), count(*) FROM annotations",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((v, n), (1, 2), "the backup is the v1 store");
    let all_backups = |dir: &Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("backup")
            })
            .count()
    };
    let migrations = SCHEMA_VERSION as usize - 1;
    assert_eq!(
        all_backups(dir.path()),
        migrations,
        "one backup before each migration"
    );
    // What every later migration added works: a deletion is remembered.
    store
        .apply(&Edit::DeleteAnnotation { id: a.id.clone() })
        .unwrap();

    // Reopening does not migrate (or back up) again.
    drop(store);
    drop(open(dir.path()));
    assert_eq!(all_backups(dir.path()), migrations);
}

#[test]
fn a_newer_schema_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.apply(&Edit::bookmark_article(key())).unwrap();
    drop(store);
    let future = SCHEMA_VERSION + 7;
    raw(dir.path())
        .pragma_update(None, "user_version", future)
        .unwrap();

    let mut store = Store::open(Some(dir.path())).unwrap();
    assert!(store.is_read_only());
    assert!(
        store
            .warnings()
            .iter()
            .any(|w| matches!(w, StoreWarning::NewerSchema { found, .. } if *found == future)),
        "{:?}",
        store.warnings()
    );
    assert_eq!(store.bookmarks().unwrap().len(), 1, "still readable");
    let err = store
        .apply(&Edit::bookmark_passage(key(), selector(TEXT, "Critics")))
        .unwrap_err();
    assert!(matches!(err, StoreError::SchemaTooNew { .. }), "{err:?}");
    assert!(!err.is_retryable());
    drop(store);
    let version: u32 = raw(dir.path())
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, future, "left as the newer program wrote it");
    assert_eq!(open_count(dir.path()), 1);
}

fn open_count(dir: &Path) -> usize {
    raw(dir)
        .query_row("SELECT count(*) FROM bookmarks", [], |r| r.get(0))
        .unwrap()
}

/// Makes `path` read-only (or writable again).
fn set_read_only(path: &Path, read_only: bool) {
    use std::os::unix::fs::PermissionsExt;
    let mode = match (path.is_dir(), read_only) {
        (true, true) => 0o555,
        (true, false) => 0o755,
        (false, true) => 0o444,
        (false, false) => 0o644,
    };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_directory_fails_the_write_and_the_edit_can_be_retried() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut store = open(&data);
    store.apply(&Edit::bookmark_article(key())).unwrap();
    drop(store);

    let files: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for f in &files {
        set_read_only(f, true);
    }
    set_read_only(&data, true);
    // Root ignores permissions; then this test cannot make a write fail.
    let probe = data.join("probe");
    let permissions_hold = std::fs::write(&probe, b"x").is_err();
    let _ = std::fs::remove_file(&probe);

    let mut store = Store::open(Some(&data)).unwrap();
    let edit = Edit::annotate(
        key(),
        selector(TEXT, "The council met on Monday."),
        "kept pending",
    );
    let first = store.apply(&edit);
    if permissions_hold {
        let err = first.expect_err("writing to a read-only store fails");
        assert!(err.is_retryable(), "{err:?}");
        assert!(!err.to_string().is_empty());
    } else {
        eprintln!("running as root: permissions are not enforced; only the retry is checked");
    }

    set_read_only(&data, false);
    for f in &files {
        set_read_only(f, false);
    }
    let retried = store
        .apply(&edit)
        .expect("the same edit succeeds once writable");
    assert_eq!(
        retried,
        if permissions_hold {
            Applied::Changed
        } else {
            Applied::Unchanged
        }
    );
    drop(store);
    let mut store = open(&data);
    assert_eq!(store.annotations().unwrap().len(), 1);
    assert_eq!(store.bookmarks().unwrap().len(), 1);
}

#[test]
fn an_unwritable_log_file_fails_the_write_and_the_edit_can_be_retried() {
    // Works as root too: a directory where SQLite's WAL file must go.
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.apply(&Edit::bookmark_article(key())).unwrap();
    drop(store);
    let wal = dir.path().join(format!("{DB_FILE}-wal"));
    let _ = std::fs::remove_file(&wal);
    std::fs::create_dir(&wal).unwrap();

    let mut store = Store::open(Some(dir.path())).unwrap();
    assert!(
        store
            .warnings()
            .iter()
            .any(|w| matches!(w, StoreWarning::Unavailable { .. })),
        "{:?}",
        store.warnings()
    );
    let edit = Edit::annotate(
        key(),
        selector(TEXT, "Critics were not convinced."),
        "pending",
    );
    let err = store.apply(&edit).expect_err("cannot write");
    assert!(err.is_retryable(), "{err:?}");
    let err = store.apply(&edit).expect_err("still cannot write");
    assert!(err.is_retryable(), "{err:?}");

    std::fs::remove_dir(&wal).unwrap();
    assert_eq!(store.apply(&edit).unwrap(), Applied::Changed);
    assert!(store.is_open());
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
    assert_eq!(store.annotations().unwrap().len(), 1);
    assert_eq!(
        store.bookmarks().unwrap().len(),
        1,
        "the earlier data is intact"
    );
    let moved_aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("corrupt")
        })
        .count();
    assert_eq!(moved_aside, 0, "an I/O failure is not mistaken for damage");
}

#[test]
fn a_sync_folder_gets_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let synced = dir.path().join("Dropbox").join("onrecord");
    let store = Store::open(Some(&synced)).unwrap();
    let warning = store
        .warnings()
        .iter()
        .find(|w| matches!(w, StoreWarning::NetworkFilesystem { .. }))
        .expect("a warning");
    assert!(warning.to_string().contains("Dropbox"), "{warning}");
}

#[test]
fn passages_are_found_again_after_the_text_changes() {
    let passage = "The harbour will reopen in May.";
    let sel = selector(TEXT, passage);
    let anchored = |text: &str| onrecord::store::anchor::anchor(text, &sel);

    // Unchanged: at its position.
    let at = TEXT.find(passage).unwrap();
    assert_eq!(
        anchored(TEXT),
        Anchor::Anchored {
            range: at..at + passage.len(),
            how: How::Position
        }
    );

    // Text inserted before the passage: found by its quote.
    let inserted = format!("UPDATE: this story was corrected.\n\n{TEXT}");
    let at = inserted.find(passage).unwrap();
    assert_eq!(
        anchored(&inserted),
        Anchor::Anchored {
            range: at..at + passage.len(),
            how: How::Quote
        }
    );

    // A small edit inside it: found by a near match.
    let edited = TEXT.replace(passage, "The harbor will reopen in June.");
    let at = edited.find("The harbor").unwrap();
    let Anchor::Anchored { range, how } = anchored(&edited) else {
        panic!("orphaned")
    };
    assert_eq!(how, How::Fuzzy);
    assert_eq!(&edited[range], "The harbor will reopen in June.");
    assert!(at > 0);

    // The passage deleted: orphaned.
    let deleted = TEXT.replace(passage, "");
    assert_eq!(anchored(&deleted), Anchor::Orphaned);

    // A very short passage is never matched fuzzily.
    let short = selector(TEXT, "Critics");
    let changed = TEXT.replace("Critics", "Cretics");
    assert_eq!(
        onrecord::store::anchor::anchor(&changed, &short),
        Anchor::Orphaned
    );
}

#[test]
fn the_right_occurrence_is_chosen_by_context() {
    let text = "Rates rose. He said: \"We will act.\" Markets fell.\n\n\
                Later, the minister said: \"We will act.\" Nobody believed it.";
    let second = text.rfind("\"We will act.\"").unwrap();
    let sel = Selector::from_range(text, second..second + 14).unwrap();
    let edited = format!("Breaking.\n\n{text}");
    let expected = edited.rfind("\"We will act.\"").unwrap();
    assert_eq!(
        onrecord::store::anchor::anchor(&edited, &sel),
        Anchor::Anchored {
            range: expected..expected + 14,
            how: How::Quote
        }
    );
}

#[test]
fn orphaned_annotations_are_kept_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let passage = "Fishing crews welcomed the news.";
    store
        .apply(&Edit::annotate(key(), selector(TEXT, passage), "keep me"))
        .unwrap();
    let rewritten = "The council met on Monday.\n\nCritics were not convinced.";
    let new_key = ArticleKey::new("news/harbour.txt", rewritten);
    let listed = store.annotations_for(&new_key).unwrap();
    assert_eq!(listed.len(), 1, "found by path although the text changed");
    assert_eq!(listed[0].anchor(rewritten), Anchor::Orphaned);
    assert_eq!(listed[0].selector.quote.exact, passage);
    assert_eq!(listed[0].note, "keep me");
}

#[test]
fn pending_edits_wait_in_order_and_land_when_the_store_recovers() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    let wal = dir.path().join(format!("{DB_FILE}-wal"));
    let _ = std::fs::remove_file(&wal);
    std::fs::create_dir(&wal).unwrap();
    let mut store = Store::open(Some(dir.path())).unwrap();
    let mut pending = PendingEdits::new();

    let annotate = Edit::annotate(key(), selector(TEXT, "The council met on Monday."), "first");
    let Edit::AddAnnotation(a) = &annotate else {
        unreachable!()
    };
    let flush = pending.submit(&mut store, annotate.clone());
    assert!(flush.applied.is_empty() && flush.waiting.is_some());
    std::thread::sleep(Duration::from_millis(2));
    let flush = pending.submit(
        &mut store,
        Edit::update_note(a.id.clone(), "second thoughts"),
    );
    assert!(flush.waiting.unwrap().is_retryable());
    assert_eq!(pending.len(), 2);

    // What would be saved at exit if the store never recovered.
    let (rescue, left_out) = pending.rescue_json();
    assert_eq!(left_out, 0);
    let items = exchange::parse(&rescue.to_string()).unwrap();
    assert!(matches!(&items[..], [exchange::Item::Annotation(r)] if r.note == "second thoughts"));

    std::fs::remove_dir(&wal).unwrap();
    let flush = pending.retry(&mut store);
    assert_eq!(flush.applied.len(), 2);
    assert!(flush.waiting.is_none() && flush.rejected.is_empty() && pending.is_empty());
    assert_eq!(
        store.annotation(&a.id).unwrap().unwrap().note,
        "second thoughts"
    );

    // An edit that can never apply is handed back, not kept forever.
    let flush = pending.submit(
        &mut store,
        Edit::update_note(NoteId::random(), "orphan edit"),
    );
    assert_eq!(flush.rejected.len(), 1);
    assert!(pending.is_empty());
}

#[test]
fn passage_bookmarks_toggle() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let start = TEXT.find("Critics").unwrap();
    let range = start..TEXT.len();
    let add = store
        .toggle_passage_bookmark(&key(), TEXT, range.clone())
        .unwrap()
        .unwrap();
    assert!(matches!(add, Edit::AddBookmark(_)));
    store.apply(&add).unwrap();
    assert!(store
        .passage_bookmark(&key(), TEXT, range.clone())
        .unwrap()
        .is_some());
    assert!(store.article_bookmark(&key()).unwrap().is_none());
    let remove = store
        .toggle_passage_bookmark(&key(), TEXT, range.clone())
        .unwrap()
        .unwrap();
    assert!(matches!(remove, Edit::RemoveBookmark { .. }));
    store.apply(&remove).unwrap();
    assert!(store.bookmarks().unwrap().is_empty());
    assert!(store
        .toggle_passage_bookmark(&key(), TEXT, 3..3)
        .unwrap()
        .is_none());
}

#[test]
fn edits_refused_by_a_newer_store_are_kept_and_can_be_rescued_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    raw(dir.path())
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let mut store = Store::open(Some(dir.path())).unwrap();
    let mut pending = PendingEdits::new();
    let flush = pending.submit(
        &mut store,
        Edit::annotate(key(), selector(TEXT, "Critics were"), "mine"),
    );
    assert!(matches!(
        flush.waiting,
        Some(StoreError::SchemaTooNew { .. })
    ));
    pending.submit(
        &mut store,
        Edit::DeleteAnnotation {
            id: NoteId::random(),
        },
    );
    assert_eq!(pending.len(), 2);

    let rescue_dir = tempfile::tempdir().unwrap();
    let (path, left_out) = pending
        .write_rescue(&[rescue_dir.path().to_path_buf()])
        .unwrap()
        .expect("written");
    assert_eq!(left_out, 1, "a deletion cannot be written as an annotation");
    drop(store);

    // Back on a store this program can write, the rescue file imports.
    let other = tempfile::tempdir().unwrap();
    let mut store = open(other.path());
    let items = exchange::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    let counts = exchange::import(&mut store, &items).unwrap();
    assert_eq!((counts.added, counts.updated, counts.unchanged), (1, 0, 0));
    assert_eq!(store.annotations().unwrap()[0].note, "mine");
    assert!(PendingEdits::new()
        .write_rescue(&[rescue_dir.path().to_path_buf()])
        .unwrap()
        .is_none());
}

#[test]
fn fuzzy_matches_need_agreeing_context_and_reach_far_through_it() {
    let passage = "The harbour will reopen in May.";
    let sel = selector(TEXT, passage);
    let find = |text: &str| onrecord::store::anchor::anchor(text, &sel);

    // Far from the old position (past the search reach around it), found
    // next to its unchanged prefix.
    let far = format!("{}\n\n{}", "Background paragraph. ".repeat(400), TEXT)
        .replace(passage, "The harbour will reopen in June.");
    let Anchor::Anchored { range, how } = find(&far) else {
        panic!("orphaned")
    };
    assert_eq!(
        (how, &far[range]),
        (How::Fuzzy, "The harbour will reopen in June.")
    );

    // A near match whose context changed on both sides is not trusted.
    let moved = "Nobody spoke. The harbour will reopen in June! Then rain.";
    assert_eq!(find(moved), Anchor::Orphaned);

    // Too many edits: not the same passage any more.
    let rewritten = TEXT.replace(passage, "The port could open again by summer.");
    assert_eq!(find(&rewritten), Anchor::Orphaned);
}

#[test]
fn rescue_files_never_overwrite_and_fall_back_when_a_directory_fails() {
    let dir = tempfile::tempdir().unwrap();
    // The first choice cannot hold a directory: a plain file is in the way.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "a file, not a directory").unwrap();
    let fallback = dir.path().join("state");
    let dirs = [blocked.join("data"), fallback.clone()];
    let first = onrecord::store::write_rescue(&dirs, b"{}").unwrap();
    let second = onrecord::store::write_rescue(&dirs, b"{}").unwrap();
    assert_eq!(first.parent(), Some(fallback.as_path()));
    assert_ne!(first, second, "two rescues at once keep both");
    let name = first.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.ends_with(&format!("-{}.json", std::process::id())),
        "{name}"
    );
    assert_eq!(onrecord::store::find_rescue_files(&dirs), {
        let mut both = vec![first, second];
        both.sort();
        both
    });
}

//! Read state: ✓ marks and the article open last, kept in the notes store
//! (a real SQLite file in a temporary directory) across restarts. The
//! event loop's part is played by `pump`.

mod common;

use std::path::Path;

use common::{keys, screen_text, seed_app};
use onrecord::store::{ArticleKey, Edit, Store, DB_FILE, SCHEMA_VERSION};
use onrecord::ui::sync::NotesSync;
use onrecord::ui::{update, Action, App};
use rusqlite::Connection;

/// A reader on the seeds with the store loaded, as `run` does.
fn reader(sync: &mut NotesSync) -> App {
    let mut app = seed_app(120, 40);
    let (snapshot, positions) = sync.load(&app.keys());
    update(&mut app, Action::Notes(Box::new(snapshot)));
    update(&mut app, Action::Positions(positions));
    let states = sync.read_states(&app.keys());
    update(&mut app, Action::ReadStates(states));
    app
}

/// What the event loop does when the reader is idle or quits: queue the
/// positions and the open article, and write every queued edit.
fn pump(app: &mut App, sync: &mut NotesSync) {
    app.queue_position_edits();
    let edits = std::mem::take(&mut app.notes.outbox);
    let snapshot = sync.apply(edits);
    assert!(snapshot.waiting.is_empty(), "{:?}", snapshot.problem);
    update(app, Action::Notes(Box::new(snapshot)));
}

fn read_articles(app: &App) -> Vec<usize> {
    (0..app.articles.len())
        .filter(|&i| app.articles[i].read)
        .collect()
}

#[test]
fn read_marks_and_the_last_open_article_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut sync = NotesSync::new(Store::open(Some(dir.path())).unwrap());
    let mut app = reader(&mut sync);
    assert!(read_articles(&app).is_empty());
    assert!(
        screen_text(&app).contains("Articles (5)"),
        "no count before reading"
    );

    // Read to the end: ✓.
    keys(&mut app, "j<Enter>G");
    let first = app.reader.as_ref().unwrap().article;
    assert_eq!(read_articles(&app), vec![first]);
    // Marked read by hand in the list, without opening it to the end.
    keys(&mut app, "hjjU");
    let second = app.selected_article().unwrap();
    assert_ne!(first, second);
    assert_eq!(read_articles(&app).len(), 2);
    let screen = screen_text(&app);
    assert!(screen.contains("Articles (5 · 3 unread)"), "{screen}");
    assert!(screen.contains("marked read"));
    pump(&mut app, &mut sync);
    drop(app);
    drop(sync);

    let mut sync = NotesSync::new(Store::open(Some(dir.path())).unwrap());
    let mut again = reader(&mut sync);
    let mut want = vec![first, second];
    want.sort_unstable();
    assert_eq!(read_articles(&again), want);
    assert_eq!(
        again.reader.as_ref().map(|r| r.article),
        Some(second),
        "the reader opens on the article open last"
    );
    assert_eq!(again.selected_article(), Some(second));
    assert!(screen_text(&again).contains('✓'));

    // Unread again, and so after the next restart too.
    keys(&mut again, "U");
    assert!(!again.articles[second].read);
    pump(&mut again, &mut sync);
    drop(again);
    let mut third = reader(&mut sync);
    assert_eq!(read_articles(&third), vec![first]);
    // Marked unread by hand, reaching the end does not mark it again
    // while it stays open.
    keys(&mut third, "<Enter>G");
    let open = third.reader.as_ref().unwrap().article;
    assert!(third.articles[open].read);
    keys(&mut third, "UgG");
    assert!(!third.articles[open].read);
    // Opened anew, it is.
    keys(&mut third, "JKG");
    assert_eq!(third.reader.as_ref().unwrap().article, open);
    assert!(third.articles[open].read);
}

#[test]
fn next_unread_skips_read_articles_and_goes_round() {
    let mut app = seed_app(120, 40);
    // Read the first, third and fourth in the list.
    keys(&mut app, "UjjUjU");
    let order = app.list.visible.clone();
    assert_eq!(
        read_articles(&app).len(),
        3,
        "{:?}",
        app.articles.iter().map(|a| a.read).collect::<Vec<_>>()
    );
    keys(&mut app, "gu");
    assert_eq!(app.selected_article(), Some(order[1]));
    keys(&mut app, "u");
    assert_eq!(app.selected_article(), Some(order[4]));
    keys(&mut app, "u");
    assert_eq!(app.selected_article(), Some(order[1]), "round to the top");
    // With everything read, it says so and stays.
    keys(&mut app, "Uu");
    keys(&mut app, "jjjU");
    keys(&mut app, "u");
    assert_eq!(app.unread_count(), 0);
    assert!(screen_text(&app).contains("no unread article"));
    assert!(screen_text(&app).contains("Articles (5 · all read)"));
}

#[test]
fn a_moved_file_keeps_its_read_mark() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("harbour.txt");
    std::fs::write(&old, "Body.").unwrap();
    let key = ArticleKey::for_path(&old, "Body.");
    let mut store = Store::open(Some(&dir.path().join("data"))).unwrap();
    store.apply(&Edit::set_read(key.clone(), true)).unwrap();
    // Opened again in a later run, before its text was read in: the row
    // keeps the text's hash, which finds the file after its move.
    store
        .apply(&Edit::opened(ArticleKey::unread(key.source)))
        .unwrap();
    let new = dir.path().join("renamed.txt");
    std::fs::rename(&old, &new).unwrap();
    let other = ArticleKey::for_path(Path::new("seeds/other.txt"), "Other.");
    let moved = ArticleKey::for_path(&new, "Body.");
    let states = store.read_states(&[other, moved]).unwrap();
    assert_eq!(states.read, vec![1]);
    assert_eq!(states.last_opened, Some(1));
}

/// A reader on files not read yet (the list drawn from their names), as
/// the binary starts on a folder.
fn unread_reader(sync: &mut NotesSync, files: &[&Path]) -> App {
    let stubs = files.iter().map(|f| onrecord::clean::stub(f)).collect();
    let mut app = App::new(onrecord::index::Corpus::unread(stubs, None), 120, 40);
    let states = sync.read_states(&app.keys());
    update(&mut app, Action::ReadStates(states));
    app
}

#[test]
fn a_mark_made_before_the_text_was_in_goes_to_no_other_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut sync = NotesSync::new(Store::open(Some(dir.path())).unwrap());
    let files: Vec<_> = ["a.txt", "b.txt", "c.txt"]
        .iter()
        .map(|name| {
            let path = dir.path().join(name);
            std::fs::write(&path, format!("Text of {name}.")).unwrap();
            path
        })
        .collect();
    let mut app = unread_reader(&mut sync, &[&files[0], &files[1]]);
    // Marked read in the list before its text was read in.
    keys(&mut app, "U");
    let marked = app.selected_article().unwrap();
    pump(&mut app, &mut sync);
    assert_eq!(read_articles(&app), vec![marked]);
    // Its file goes; the next start lists the others, not read yet.
    std::fs::remove_file(&files[marked]).unwrap();
    let others: Vec<&Path> = files
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != marked)
        .map(|(_, f)| f.as_path())
        .collect();
    let app = unread_reader(&mut sync, &others);
    assert!(read_articles(&app).is_empty(), "{:?}", read_articles(&app));
}

#[test]
fn a_moved_file_read_in_the_background_takes_its_mark_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut sync = NotesSync::new(Store::open(Some(&dir.path().join("data"))).unwrap());
    let old = dir.path().join("harbour.txt");
    std::fs::write(&old, "The harbour opens in May, the council said.").unwrap();
    let raw = |path: &Path| onrecord::load::RawDoc {
        path: path.to_path_buf(),
        bytes: std::fs::read(path).unwrap(),
        meta: Default::default(),
    };
    let article = onrecord::clean::clean(&raw(&old));
    let key = ArticleKey::for_path(&old, &article.text);
    let snapshot = sync.apply(vec![
        Edit::set_read(key.clone(), true),
        Edit::bookmark_article(key),
    ]);
    assert!(snapshot.waiting.is_empty(), "{:?}", snapshot.problem);
    let new = dir.path().join("renamed.txt");
    std::fs::rename(&old, &new).unwrap();

    // The next start lists it by its new name, text not read yet.
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Nothing of note.").unwrap();
    let mut app = unread_reader(&mut sync, &[&other, &new]);
    assert!(read_articles(&app).is_empty());
    let moved = app
        .corpus
        .articles
        .iter()
        .position(|a| a.path == new)
        .unwrap();
    // Its text arrives from the background, as the event loop passes it.
    let article = onrecord::clean::clean(&raw(&new));
    let analysis = onrecord::analyze::analyze(&article);
    update(
        &mut app,
        Action::Indexed(Box::new(onrecord::index::LinkedBatch {
            loaded: vec![(moved, article)],
            analyses: vec![(moved, analysis)],
            ..Default::default()
        })),
    );
    onrecord::ui::arrived(&mut app, &[moved], Some(&mut sync));
    assert_eq!(read_articles(&app), vec![moved]);
    let bookmarks = &app.notes.snapshot.bookmarks;
    assert_eq!(bookmarks.len(), 1);
    assert_eq!(bookmarks[0].article, app.articles[moved].key);
}

#[test]
fn a_web_article_is_known_by_its_address() {
    let mut article = common::seed_articles().remove(0);
    article.path = "https://news.example/2026/harbour".into();
    let key = ArticleKey::of(&article);
    assert_eq!(key.source, "https://news.example/2026/harbour");
    // Its text changed (the page was edited): still the same article.
    article.text.push_str(" Updated.");
    assert_eq!(ArticleKey::of(&article).source, key.source);
}

#[test]
fn migrates_a_schema_4_store_to_read_state() {
    let dir = tempfile::tempdir().unwrap();
    common::old_store(dir.path(), "v4.sql");
    let mut store = Store::open(Some(dir.path())).unwrap();
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
    let raw = Connection::open(dir.path().join(DB_FILE)).unwrap();
    let version: u32 = raw
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 5);
    // Everything of schema 4 is there.
    let harbour = ArticleKey {
        source: "news/harbour.txt".into(),
        text_hash: "9f2c4e6a8b0d1f35".into(),
    };
    assert_eq!(store.bookmarks().unwrap().len(), 1);
    let notes = store.annotations().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].note, "Compare with the council's own timeline.");
    assert!(store.reading_position(&harbour).unwrap().is_some());
    assert_eq!(store.corrections().unwrap().len(), 1);
    // Nothing is read yet, and read state works.
    let states = store.read_states(std::slice::from_ref(&harbour)).unwrap();
    assert!(states.read.is_empty() && states.last_opened.is_none());
    store.apply(&Edit::set_read(harbour.clone(), true)).unwrap();
    let states = store.read_states(std::slice::from_ref(&harbour)).unwrap();
    assert_eq!(states.read, vec![0]);
    // One backup, of the schema 4 store.
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("onrecord.db.backup-v4-")
        })
        .collect();
    assert_eq!(backups.len(), 1);
}

//! Bookmarks and annotations in the reader, with a real store in a
//! temporary directory: the event loop's part is played by `pump`.

mod common;

use common::{keys, screen_text, seed_app};
use onrecord::store::Store;
use onrecord::ui::notes::NotesKind;
use onrecord::ui::state::Pane;
use onrecord::ui::sync::NotesSync;
use onrecord::ui::{update, Action, App};

fn store_in(dir: &std::path::Path) -> NotesSync {
    NotesSync::new(Store::open(Some(dir)).expect("store"))
}

/// Opens the reader on the seeds with the store loaded, as `run` does.
fn reader_with_store(sync: &mut NotesSync) -> App {
    let mut app = seed_app(120, 40);
    let (snapshot, positions) = sync.load(&app.keys());
    update(&mut app, Action::Notes(Box::new(snapshot)));
    update(&mut app, Action::Positions(positions));
    app
}

/// Takes queued edits to the store and the stored state back.
fn pump(app: &mut App, sync: &mut NotesSync) {
    let edits = std::mem::take(&mut app.notes.outbox);
    let snapshot = sync.apply(edits);
    update(app, Action::Notes(Box::new(snapshot)));
}

/// Types text into whatever has the keyboard (editor or prompt).
fn type_text(app: &mut App, text: &str) {
    use crossterm::event::{Event, KeyCode, KeyModifiers};
    for c in text.chars() {
        let event = if c == '\n' {
            common::press(KeyCode::Enter, KeyModifiers::NONE)
        } else {
            common::press(KeyCode::Char(c), KeyModifiers::NONE)
        };
        if let Event::Key(_) = event {
            if let Some(action) = onrecord::ui::action_for(app, &event) {
                update(app, action);
            }
        }
    }
}

#[test]
fn a_note_written_in_the_editor_is_stored_marked_and_found_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut sync = store_in(dir.path());
    let mut app = reader_with_store(&mut sync);
    keys(&mut app, "jjj<Enter>vj");
    let selection = app.mode.selection().cloned().expect("selecting");
    let range = app.selection_range(&selection).expect("a range");
    let passage = app.corpus.articles[3].text[range.clone()].to_string();
    assert!(passage.contains(". "), "two sentences: {passage:?}");
    keys(&mut app, "a");
    assert!(app.mode.editor().is_some());
    type_text(&mut app, "Key framing.\nSecond thought.");
    keys(&mut app, "<C-s>");
    assert!(app.mode.editor().is_none());
    assert_eq!(app.notes.outbox.len(), 1);
    pump(&mut app, &mut sync);
    assert!(
        app.notes.snapshot.waiting.is_empty(),
        "{:?}",
        app.notes.snapshot.problem
    );
    assert_eq!(app.notes.snapshot.annotations.len(), 1);
    assert_eq!(
        app.notes.snapshot.annotations[0].note,
        "Key framing.\nSecond thought."
    );
    assert!(app.articles[3].marks.annotated);
    let screen = screen_text(&app);
    assert!(screen.contains('✎'), "the gutter marks the passage");
    // A new reader on the same store finds it in the same place.
    drop(app);
    let mut sync = store_in(dir.path());
    let mut app = reader_with_store(&mut sync);
    assert!(app.articles[3].marks.annotated);
    keys(&mut app, "jjj<Enter>");
    let placed = &app.reader.as_ref().expect("open").notes;
    assert_eq!(placed.gutter.first().map(|(r, _)| r.clone()), Some(range));
}

#[test]
fn leaving_a_changed_note_asks_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut sync = store_in(dir.path());
    let mut app = reader_with_store(&mut sync);
    keys(&mut app, "<Enter>a");
    type_text(&mut app, "draft");
    keys(&mut app, "<Esc>");
    assert!(app.mode.confirm().is_some(), "asks before discarding");
    keys(&mut app, "n");
    assert!(app.mode.editor().is_some(), "no keeps the editor");
    keys(&mut app, "<Esc>y");
    assert!(app.mode.editor().is_none() && app.mode.confirm().is_none());
    assert!(app.notes.outbox.is_empty(), "nothing stored");
    // An unchanged editor closes without asking.
    keys(&mut app, "a<Esc>");
    assert!(app.mode.editor().is_none() && app.mode.confirm().is_none());
}

#[test]
fn notes_are_listed_edited_and_deleted_with_confirmation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut sync = store_in(dir.path());
    let mut app = reader_with_store(&mut sync);
    keys(&mut app, "<Enter>a");
    type_text(&mut app, "first");
    keys(&mut app, "<C-s>");
    pump(&mut app, &mut sync);
    keys(&mut app, "A");
    let view = app.mode.notes_view().cloned().expect("list open");
    assert_eq!(view.kind, NotesKind::Annotations);
    assert_eq!(app.note_entries().len(), 1);
    assert!(screen_text(&app).contains("✎ first"));
    keys(&mut app, "e");
    type_text(&mut app, " and second");
    keys(&mut app, "<C-s>");
    pump(&mut app, &mut sync);
    assert_eq!(app.notes.snapshot.annotations[0].note, "first and second");
    keys(&mut app, "d");
    assert!(app.mode.confirm().is_some());
    keys(&mut app, "n");
    assert_eq!(app.notes.outbox.len(), 0);
    keys(&mut app, "dy");
    pump(&mut app, &mut sync);
    assert!(app.notes.snapshot.annotations.is_empty());
    assert!(!app.articles[0].marks.annotated);
    keys(&mut app, "<Esc>");
    assert!(app.mode.notes_view().is_none());
}

#[test]
fn bookmarks_toggle_and_list_and_jump() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut sync = store_in(dir.path());
    let mut app = reader_with_store(&mut sync);
    keys(&mut app, "jb");
    pump(&mut app, &mut sync);
    assert!(app.articles[1].marks.bookmarked);
    assert!(screen_text(&app).contains('★'));
    keys(&mut app, "b");
    pump(&mut app, &mut sync);
    assert!(!app.articles[1].marks.bookmarked);
    // A passage bookmark, then the list jumps back to it.
    keys(&mut app, "jj<Enter><C-d>B");
    pump(&mut app, &mut sync);
    assert_eq!(app.notes.snapshot.bookmarks.len(), 1);
    let passage = app.notes.snapshot.bookmarks[0]
        .passage
        .clone()
        .expect("a passage");
    keys(&mut app, "gh");
    assert_eq!(app.focus, Pane::List);
    keys(&mut app, "'");
    assert_eq!(app.note_entries().len(), 1);
    keys(&mut app, "<Enter>");
    assert_eq!(app.focus, Pane::Reader);
    let reader = app.reader.as_ref().expect("open");
    assert_eq!(reader.article, 3);
    let text = &app.corpus.articles[3].text;
    let start = text.find(&passage.quote.exact).expect("passage in text");
    let row = reader.layout.row_of_offset(start).expect("row");
    assert!(row >= reader.scroll && row < reader.scroll + app.reader_height());
}

#[test]
fn a_failed_write_stays_pending_and_is_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    // A file where the data directory should be: every write fails.
    std::fs::write(&data, b"not a directory").expect("write");
    let mut sync = store_in(&data);
    let mut app = reader_with_store(&mut sync);
    keys(&mut app, "b");
    pump(&mut app, &mut sync);
    assert_eq!(app.notes.snapshot.waiting.len(), 1, "the edit is kept");
    assert!(
        app.articles[0].marks.bookmarked,
        "and shown, as not saved yet"
    );
    assert!(screen_text(&app).contains("not saved yet"));
    // The problem goes away; the retry stores it.
    std::fs::remove_file(&data).expect("remove");
    std::fs::create_dir(&data).expect("mkdir");
    let snapshot = sync.retry().expect("edits were waiting");
    update(&mut app, Action::Notes(Box::new(snapshot)));
    assert!(app.notes.snapshot.waiting.is_empty());
    assert_eq!(app.notes.snapshot.bookmarks.len(), 1);
}

#[test]
fn the_reading_position_is_remembered_across_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut sync = store_in(dir.path());
    let mut app = reader_with_store(&mut sync);
    keys(&mut app, "jjjj<Enter><C-d><C-d>");
    let scroll = app.reader.as_ref().map(|r| r.scroll).expect("open");
    assert!(scroll > 10);
    app.queue_position_edits();
    pump(&mut app, &mut sync);
    drop(app);
    let mut sync = store_in(dir.path());
    let mut app = reader_with_store(&mut sync);
    keys(&mut app, "jjjj");
    assert_eq!(app.reader.as_ref().map(|r| r.scroll), Some(scroll));
}

#[test]
fn a_quotation_can_be_selected_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut sync = store_in(dir.path());
    let mut app = reader_with_store(&mut sync);
    keys(&mut app, "jjj<Enter>]v");
    let selection = app.mode.selection().cloned().expect("selecting");
    let range = app.selection_range(&selection).expect("range");
    let text = &app.corpus.articles[3].text[range];
    assert!(text.starts_with('“') && text.ends_with('”'), "{text:?}");
    keys(&mut app, "]");
    let next = app
        .mode
        .selection()
        .and_then(|s| app.selection_range(s))
        .expect("range");
    assert!(app.corpus.articles[3].text[next].starts_with('“'));
}

//! `onrecord export` and `onrecord import` through the binary.

mod common;

use common::onrecord;
use std::path::Path;

use assert_cmd::Command;
use onrecord::store::{ArticleKey, Edit, Selector, Store};
use predicates::str::contains;
use serde_json::Value;

const TEXT: &str = "Officials said on Tuesday. The harbour will reopen in May. Fishing crews \
                    welcomed the news.\n\nCritics — «not convinced» — asked who pays.";

fn key() -> ArticleKey {
    ArticleKey::new("news/harbour.txt", TEXT)
}

fn selector(passage: &str) -> Selector {
    let start = TEXT.find(passage).unwrap();
    Selector::from_range(TEXT, start..start + passage.len()).unwrap()
}

/// A store with an article bookmark, a passage bookmark and two annotations.
fn populated(dir: &Path) -> Vec<Edit> {
    let mut store = Store::open(Some(dir)).unwrap();
    let edits = vec![
        Edit::bookmark_article(key()),
        Edit::bookmark_passage(key(), selector("Fishing crews welcomed the news.")),
        Edit::annotate(
            key(),
            selector("The harbour will reopen in May."),
            "Check the council's date.\nAnd the port's.",
        ),
        Edit::annotate(key(), selector("«not convinced»"), "Who are the critics?"),
    ];
    for e in &edits {
        store.apply(e).unwrap();
    }
    edits
}

fn export_json(dir: &Path) -> Value {
    let out = onrecord(dir)
        .args(["export", "--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("export is JSON")
}

/// Exports `dir`'s notes as JSON into a file `name` inside it.
fn export_to(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let file = dir.join(name);
    let out = onrecord(dir)
        .args(["export", "--format", "json"])
        .assert()
        .success();
    std::fs::write(&file, &out.get_output().stdout).unwrap();
    file
}

/// Imports `file` into `dir` and checks the counts it reports.
fn import_says(dir: &std::path::Path, file: &std::path::Path, counts: &str) {
    onrecord(dir)
        .arg("import")
        .arg(file)
        .assert()
        .success()
        .stdout(contains(counts.to_string()));
}

#[test]
fn json_export_has_the_web_annotation_shape() {
    let dir = tempfile::tempdir().unwrap();
    populated(dir.path());
    let json = export_json(dir.path());
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(json["total"], 4);
    let items = json["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    let note = items
        .iter()
        .find(|i| i["body"]["value"] == "Who are the critics?")
        .unwrap();
    assert_eq!(note["type"], "Annotation");
    assert_eq!(note["motivation"], "commenting");
    assert!(note["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(note["body"]["type"], "TextualBody");
    assert_eq!(note["body"]["format"], "text/plain");
    assert_eq!(note["target"]["source"], "news/harbour.txt");
    assert_eq!(note["target"]["textHash"], key().text_hash.as_str());
    let selectors = note["target"]["selector"].as_array().unwrap();
    assert_eq!(selectors[0]["type"], "TextQuoteSelector");
    assert_eq!(selectors[0]["exact"], "«not convinced»");
    assert_eq!(selectors[1]["type"], "TextPositionSelector");
    // Characters, not bytes: "—" and "«" are several bytes each.
    let start = TEXT[..TEXT.find('«').unwrap()].chars().count();
    assert_eq!(selectors[1]["start"], start);
    assert_eq!(selectors[1]["end"], start + 15);
    assert!(note["created"].as_str().unwrap().ends_with('Z'));
    let bookmarks: Vec<_> = items
        .iter()
        .filter(|i| i["motivation"] == "bookmarking")
        .collect();
    assert_eq!(bookmarks.len(), 2);
    assert!(bookmarks
        .iter()
        .any(|b| b["target"].get("selector").is_none()));
}

#[test]
fn export_then_import_round_trips_and_merges_by_id() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let edits = populated(a.path());
    let file = export_to(a.path(), "notes.json");

    Command::cargo_bin("onrecord")
        .unwrap()
        .env("ONRECORD_DATA_DIR", b.path())
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(contains("4 added, 0 updated, 0 unchanged"));
    assert_eq!(
        export_json(a.path()),
        export_json(b.path()),
        "the same notes, ids and times"
    );

    // Importing again changes nothing.
    import_says(b.path(), &file, "0 added, 0 updated, 4 unchanged");

    // A note edited on machine A replaces the older one on B; an older
    // export does not undo it.
    let Edit::AddAnnotation(annotation) = &edits[2] else {
        unreachable!()
    };
    std::thread::sleep(std::time::Duration::from_millis(5));
    Store::open(Some(a.path()))
        .unwrap()
        .apply(&Edit::update_note(annotation.id.clone(), "Edited on A."))
        .unwrap();
    let newer = export_to(a.path(), "newer.json");
    import_says(b.path(), &newer, "0 added, 1 updated, 3 unchanged");
    import_says(b.path(), &file, "0 added, 0 updated, 4 unchanged");
    let note = Store::open(Some(b.path()))
        .unwrap()
        .annotation(&annotation.id)
        .unwrap()
        .unwrap();
    assert_eq!(note.note, "Edited on A.");
}

#[test]
fn markdown_export_groups_passages_and_notes_by_article() {
    let dir = tempfile::tempdir().unwrap();
    populated(dir.path());
    onrecord(dir.path())
        .arg("export")
        .assert()
        .success()
        .stdout(contains("## news/harbour.txt"))
        .stdout(contains(
            "> The harbour will reopen in May.\n\nCheck the council's date.\nAnd the port's.",
        ))
        .stdout(contains("Bookmarked article"))
        .stdout(contains(
            "> Fishing crews welcomed the news.\n\nBookmarked passage",
        ));
}

#[test]
fn a_bad_import_file_is_refused_with_exit_2_and_nothing_imported() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str); 4] = [
        ("{ not json", "not valid JSON"),
        ("{\"type\": \"Something\"}", "no annotations found"),
        ("[{\"type\": \"Annotation\", \"id\": \"x\"}]", "annotation 0"),
        (
            "[{\"type\": \"Annotation\", \"id\": \"x\", \"created\": \"yesterday\", \"target\": \"a.txt\", \"motivation\": \"bookmarking\"}]",
            "RFC 3339",
        ),
    ];
    for (i, (body, message)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("bad{i}.json"));
        std::fs::write(&file, body).unwrap();
        onrecord(dir.path())
            .arg("import")
            .arg(&file)
            .assert()
            .code(2)
            .stderr(contains(*message));
    }
    onrecord(dir.path())
        .arg("import")
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(contains("cannot read"));
    // Nothing imported: not even a store was made.
    assert!(!dir.path().join(onrecord::store::DB_FILE).exists());
}

#[test]
fn an_import_does_not_bring_back_what_was_deleted_since() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let edits = populated(a.path());
    let Edit::AddAnnotation(annotation) = &edits[3] else {
        unreachable!()
    };
    let old = export_to(a.path(), "old.json");
    onrecord(b.path())
        .arg("import")
        .arg(&old)
        .assert()
        .success();

    std::thread::sleep(std::time::Duration::from_millis(5));
    let delete = Edit::DeleteAnnotation {
        id: annotation.id.clone(),
    };
    Store::open(Some(b.path())).unwrap().apply(&delete).unwrap();
    import_says(
        b.path(),
        &old,
        "0 added, 0 updated, 3 unchanged, 1 deleted here",
    );
    assert!(Store::open(Some(b.path()))
        .unwrap()
        .annotation(&annotation.id)
        .unwrap()
        .is_none());

    // Edited on A after B deleted it: the newer edit wins and it returns.
    std::thread::sleep(std::time::Duration::from_millis(5));
    Store::open(Some(a.path()))
        .unwrap()
        .apply(&Edit::update_note(annotation.id.clone(), "Still matters."))
        .unwrap();
    let newer = export_to(a.path(), "newer.json");
    import_says(
        b.path(),
        &newer,
        "1 added, 0 updated, 3 unchanged, 0 deleted here",
    );
}

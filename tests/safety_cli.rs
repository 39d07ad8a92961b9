//! Issue 10 through the real binary: nothing from outside reaches the
//! terminal raw, one-shot commands fail plainly, a damaged or read-only
//! store is handled without losing what can be read.

mod common;

use common::onrecord;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use onrecord::store::{ArticleKey, Edit, Selector, Store, DB_FILE};
use predicates::str::contains;
use serde_json::Value;

/// Hostile text: a title change, a screen clear, a clipboard write, a link,
/// a cursor report request, leaving the alternate screen, a C1 CSI and a
/// bidi override.
const HOSTILE: &str = "x\u{1b}]0;owned\u{7}\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\
                       \u{1b}]8;;http:\u{2044}\u{2044}evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\\
                       \u{1b}[6n\u{1b}[?1049l\u{9b}31m\u{202e}txt.exe";

/// No byte that could drive a terminal: ESC, C0 other than line breaks,
/// C1, bidi controls.
fn assert_inert(what: &str, text: &str) {
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n')
            || ('\u{80}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "{what} carries U+{:04X}: {text:?}", c as u32);
    }
}

fn stdout_of(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

fn stderr_of(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

const TEXT: &str = "The harbour will reopen in May. Fishing crews welcomed the news.";

fn selector(passage: &str) -> Selector {
    let start = TEXT.find(passage).unwrap();
    Selector::from_range(TEXT, start..start + passage.len()).unwrap()
}

/// A notes file as someone else might send it, with hostile text in the
/// note, the passage and the source path.
fn hostile_notes_file(dir: &Path) -> PathBuf {
    let file = dir.join(format!("notes{HOSTILE}.json"));
    let json = serde_json::json!({
        "type": "Annotation",
        "id": "urn:uuid:6a0d8a49-6f1c-4a57-9b7e-000000000001",
        "motivation": "commenting",
        "created": "2026-01-02T03:04:05.000Z",
        "modified": "2026-01-02T03:04:05.000Z",
        "body": {"type": "TextualBody", "value": format!("note {HOSTILE}\nsecond line")},
        "target": {
            "source": format!("/news/{HOSTILE}.txt"),
            "textHash": "0000000000000000",
            "selector": [
                {"type": "TextQuoteSelector", "exact": format!("passage {HOSTILE}"),
                 "prefix": "", "suffix": ""},
                {"type": "TextPositionSelector", "start": 0, "end": 5}
            ]
        }
    });
    std::fs::write(&file, json.to_string()).unwrap();
    file
}

#[test]
fn hostile_notes_are_inert_in_the_store_and_every_export() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_notes_file(dir.path());
    let out = onrecord(dir.path())
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    let said = stdout_of(&out);
    assert_inert("import's summary", &said);
    assert!(said.contains("notesx\\e]0;owned\\x07"), "{said}");

    // Stored sanitized: the note keeps its words and its line break.
    let note = Store::open(Some(dir.path()))
        .unwrap()
        .annotations()
        .unwrap()[0]
        .note
        .clone();
    assert_eq!(note, "note xlinktxt.exe\nsecond line");

    let md = onrecord(dir.path()).arg("export").assert().success();
    assert_inert("markdown export", &stdout_of(&md));
    assert!(stdout_of(&md).contains("## /news/x\\e]0;owned\\x07"));

    let json = onrecord(dir.path())
        .args(["export", "--format", "json"])
        .assert()
        .success();
    let text = stdout_of(&json);
    assert_inert("JSON export", &text);
    // JSON escapes what it carries (the source path is kept as it was).
    let value: Value = serde_json::from_str(&text).unwrap();
    let source = value["first"]["items"][0]["target"]["source"]
        .as_str()
        .unwrap();
    assert_eq!(source, format!("/news/{HOSTILE}.txt"));
}

#[test]
fn hostile_file_names_are_shown_with_visible_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join(format!("a{HOSTILE}.txt"));
    std::fs::write(&article, "Officials said the harbour would reopen.").unwrap();

    let text = onrecord(dir.path())
        .args(["analyze", "--format", "text"])
        .arg(&article)
        .assert()
        .success();
    assert_inert("analyze --format text", &stdout_of(&text));
    assert!(stdout_of(&text).contains("ax\\e]0;owned\\x07\\e[2J"));

    for format in ["json", "jsonl"] {
        let out = onrecord(dir.path())
            .args(["analyze", "--format", format])
            .arg(&article)
            .assert()
            .success();
        assert_inert(format, &stdout_of(&out));
    }

    // Errors on stderr name the file visibly.
    let missing = dir.path().join(format!("gone{HOSTILE}.txt"));
    let out = onrecord(dir.path())
        .arg("analyze")
        .arg(&missing)
        .assert()
        .code(2);
    assert_inert("stderr", &stderr_of(&out));
    assert!(
        stderr_of(&out).contains("gonex\\e]0;owned"),
        "{}",
        stderr_of(&out)
    );
}

#[cfg(unix)]
#[test]
fn analyze_with_nothing_analyzable_exits_2_naming_what_was_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join(format!("pipe{HOSTILE}.txt"));
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let out = onrecord(dir.path())
        .arg("analyze")
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2);
    let err = stderr_of(&out);
    assert_inert("stderr", &err);
    assert!(err.contains("a FIFO, not a file"), "{err}");
    assert!(err.contains("nothing to analyze"), "{err}");
    assert!(stdout_of(&out).is_empty());
}

#[test]
fn a_closed_pipe_ends_analyze_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // Far more output than a pipe buffers.
    for i in 0..40 {
        std::fs::write(
            dir.path().join(format!("{i:02}.txt")),
            format!(
                "Harbour story {i}\n\n\"We will reopen in May,\" said Mayor Ann Lee {i}. \
                 Fishing crews welcomed the news.\n\n{}",
                "The council met again and again. ".repeat(80)
            ),
        )
        .unwrap();
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("onrecord"))
        .args(["analyze", "--format", "jsonl"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success() || status.code() == Some(141), "{status:?}");
    assert_eq!(err, "", "nothing said about the pipe");
}

#[test]
fn export_and_import_refuse_a_data_dir_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("notse");
    let out = onrecord(&typo).arg("export").assert().code(2);
    let err = stderr_of(&out);
    assert!(err.contains("does not exist"), "{err}");
    assert_eq!(err.matches("notse").count(), 1, "said once: {err}");
    assert!(!typo.exists(), "nothing created");

    let notes = hostile_notes_file(dir.path());
    onrecord(&typo)
        .arg("import")
        .arg(&notes)
        .assert()
        .code(2)
        .stderr(contains("does not exist"));
    assert!(!typo.exists());
    onrecord(&typo)
        .arg("import")
        .arg("--create")
        .arg(&notes)
        .assert()
        .success()
        .stdout(contains("1 added"));
    assert!(typo.join(DB_FILE).exists());
}

#[cfg(unix)]
#[test]
fn import_refuses_devices_and_oversized_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = onrecord(dir.path())
        .args(["import", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2);
    let err = stderr_of(&out);
    assert!(
        err.contains("cannot read /dev/zero: a device, not a file"),
        "{err}"
    );
    let big = dir.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(onrecord::load::MAX_FILE_BYTES + 1)
        .unwrap();
    onrecord(dir.path())
        .arg("import")
        .arg(&big)
        .assert()
        .code(2)
        .stderr(contains("over the 32 MiB limit"));
}

/// A store holding `n` annotations and one article bookmark.
fn store_with_notes(dir: &Path, n: usize) {
    let mut store = Store::open(Some(dir)).unwrap();
    let key = ArticleKey::new("/news/harbour.txt", TEXT);
    store.apply(&Edit::bookmark_article(key.clone())).unwrap();
    for i in 0..n {
        store
            .apply(&Edit::annotate(
                key.clone(),
                selector("Fishing crews welcomed the news."),
                format!("note {i}"),
            ))
            .unwrap();
    }
}

/// Overwrites the page holding the root of `object` (a table or index).
fn damage(db: &Path, object: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("PRAGMA journal_mode = DELETE").unwrap();
    let page: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
            [object],
            |r| r.get(0),
        )
        .unwrap();
    let size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(db).unwrap();
    let start = ((page - 1) * size) as usize;
    for (i, b) in bytes[start..start + size as usize].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37) ^ 0x5a;
    }
    std::fs::write(db, bytes).unwrap();
}

fn moved_aside(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("onrecord.db.corrupt-")
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
        })
        .collect()
}

#[test]
fn a_damaged_store_fails_export_names_the_kept_file_and_salvages_rows() {
    let dir = tempfile::tempdir().unwrap();
    store_with_notes(dir.path(), 30);
    damage(&dir.path().join(DB_FILE), "annotations_by_hash");

    let out = onrecord(dir.path())
        .args(["export", "--format", "json"])
        .assert()
        .failure();
    assert!(stdout_of(&out).is_empty(), "no partial backup on stdout");
    let err = stderr_of(&out);
    let kept = moved_aside(dir.path());
    assert_eq!(kept.len(), 1);
    let kept_name = kept[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(err.contains(&kept_name), "{err}");
    assert!(err.contains("31 row(s) recovered, 0 lost"), "{err}");

    // The fresh store holds what was salvaged.
    let out = onrecord(dir.path())
        .args(["export", "--format", "json"])
        .assert()
        .success();
    let value: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(value["total"], 31);

    // `onrecord salvage` on the kept file again: nothing new, nothing lost.
    onrecord(dir.path())
        .arg("salvage")
        .arg(&kept[0])
        .assert()
        .success()
        .stdout(contains("31 row(s) recovered, 0 lost"));
}

#[test]
fn salvage_reports_what_it_could_not_read() {
    let dir = tempfile::tempdir().unwrap();
    store_with_notes(dir.path(), 5);
    let db = dir.path().join(DB_FILE);
    damage(&db, "bookmarks");
    let damaged = dir.path().join("old.db");
    std::fs::rename(&db, &damaged).unwrap();
    let fresh = dir.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    let out = onrecord(&fresh)
        .arg("salvage")
        .arg(&damaged)
        .assert()
        .success();
    // The five annotations; the bookmark's table is unreadable.
    assert!(
        stdout_of(&out).contains("5 row(s) recovered, an unknown number lost"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn an_empty_store_file_is_damaged_not_silently_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let file = std::fs::File::create(&db).unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    file.set_modified(an_hour_ago).unwrap();
    drop(file);
    let out = onrecord(dir.path()).arg("export").assert().failure();
    let err = stderr_of(&out);
    assert!(err.contains("the file is empty"), "{err}");
    assert_eq!(moved_aside(dir.path()).len(), 1);
}

#[test]
fn a_store_that_cannot_be_written_is_exported_read_only() {
    let dir = tempfile::tempdir().unwrap();
    store_with_notes(dir.path(), 2);
    // As on a read-only medium (and even as root): no -wal or -shm can be
    // made beside the store.
    for suffix in ["-wal", "-shm"] {
        std::fs::create_dir(dir.path().join(format!("{DB_FILE}{suffix}"))).unwrap();
    }
    let out = onrecord(dir.path())
        .args(["export", "--format", "json"])
        .assert()
        .success();
    let value: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(value["total"], 3);
    assert_eq!(stderr_of(&out), "");

    // Import says once what failed, and nothing about retrying.
    let notes = hostile_notes_file(dir.path());
    let out = onrecord(dir.path())
        .arg("import")
        .arg(&notes)
        .assert()
        .code(2);
    let err = stderr_of(&out);
    assert!(!err.contains("retried"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("notes store").count(), 1, "{err}");
}

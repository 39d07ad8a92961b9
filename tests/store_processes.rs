//! The store shared by several processes, and killed mid-write.
//!
//! The writers are this test executable run again as a child: the parent
//! re-executes itself with `--exact child_writer` and environment variables;
//! `child_writer` does the work only when those are set and returns at once
//! otherwise (as it does in a normal test run).

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use onrecord::store::{Applied, ArticleKey, Edit, Selector, Store, StoreWarning, DB_FILE};

/// Data directory for a child writer; unset in a normal test run.
const CHILD_DIR: &str = "ONRECORD_TEST_CHILD_DIR";
/// How many annotations the child adds; unset means until killed.
const CHILD_COUNT: &str = "ONRECORD_TEST_CHILD_COUNT";
/// Written into each note, to tell the writers apart.
const CHILD_TAG: &str = "ONRECORD_TEST_CHILD_TAG";
/// What a child prints after each commit returns, before the id.
const COMMITTED: &str = "committed ";

const TEXT: &str = "Officials said on Tuesday. The harbour will reopen in May. Fishing crews \
                    welcomed the news.";

/// The child: adds annotations one edit at a time, printing each id only
/// after `apply` has returned.
#[test]
fn child_writer() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let count: usize = std::env::var(CHILD_COUNT)
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(usize::MAX);
    let tag = std::env::var(CHILD_TAG).unwrap_or_default();
    let mut store = Store::open(Some(Path::new(&dir))).expect("store opens");
    for w in store.warnings() {
        assert!(
            !matches!(w, StoreWarning::MovedAside { .. }),
            "a killed writer damaged the store: {w}"
        );
    }
    let key = ArticleKey::new("news/harbour.txt", TEXT);
    let start = TEXT.find("The harbour").unwrap();
    let selector = Selector::from_range(TEXT, start..start + 31).unwrap();
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let edit = Edit::annotate(key.clone(), selector.clone(), format!("{tag} {i}"));
        let Edit::AddAnnotation(a) = &edit else {
            unreachable!()
        };
        apply_until_done(&mut store, &edit);
        if i % 5 == 4 {
            apply_until_done(
                &mut store,
                &Edit::update_note(a.id.clone(), format!("{tag} {i} edited")),
            );
        }
        writeln!(out, "{COMMITTED}{}", a.id).unwrap();
        out.flush().unwrap();
    }
}

/// Applies an edit, retrying while the error says a retry may work.
fn apply_until_done(store: &mut Store, edit: &Edit) -> Applied {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match store.apply(edit) {
            Ok(applied) => return applied,
            Err(e) if e.is_retryable() && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10))
            }
            Err(e) => panic!("edit failed: {e}"),
        }
    }
}

fn spawn_child(dir: &Path, count: Option<usize>, tag: &str) -> Child {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = Command::new(exe);
    cmd.args(["--exact", "child_writer", "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR, dir)
        .env(CHILD_TAG, tag)
        .env_remove(CHILD_COUNT)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(n) = count {
        cmd.env(CHILD_COUNT, n.to_string());
    }
    cmd.spawn().expect("spawn child writer")
}

/// Reads the ids a child printed, in a thread; only whole lines count.
fn collect_ids(child: &mut Child) -> std::thread::JoinHandle<Vec<String>> {
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut ids = Vec::new();
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            // The harness may print "test child_writer ... " on the same line.
            let id = line.find(COMMITTED).map(|at| &line[at + COMMITTED.len()..]);
            if let Some(id) = id.and_then(|l| l.strip_suffix('\n')) {
                ids.push(id.to_string());
            }
            line.clear();
        }
        ids
    })
}

/// Every id in the store, checked through the public API.
fn stored_ids(dir: &Path) -> HashSet<String> {
    let mut store = Store::open(Some(dir)).unwrap();
    assert!(
        !store
            .warnings()
            .iter()
            .any(|w| matches!(w, StoreWarning::MovedAside { .. })),
        "{:?}",
        store.warnings()
    );
    store
        .annotations()
        .unwrap()
        .into_iter()
        .map(|a| a.id.0)
        .collect()
}

fn integrity(dir: &Path) -> String {
    let conn = rusqlite::Connection::open(dir.join(DB_FILE)).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = spawn_child(dir.path(), Some(100), "a");
    let mut b = spawn_child(dir.path(), Some(100), "b");
    let (ids_a, ids_b) = (collect_ids(&mut a), collect_ids(&mut b));
    assert!(a.wait().unwrap().success(), "writer a failed");
    assert!(b.wait().unwrap().success(), "writer b failed");
    let printed: Vec<String> = ids_a
        .join()
        .unwrap()
        .into_iter()
        .chain(ids_b.join().unwrap())
        .collect();
    assert_eq!(printed.len(), 200);

    let mut store = Store::open(Some(dir.path())).unwrap();
    let annotations = store.annotations().unwrap();
    assert_eq!(annotations.len(), 200);
    let stored: HashSet<&str> = annotations.iter().map(|a| a.id.as_str()).collect();
    for id in &printed {
        assert!(stored.contains(id.as_str()), "lost {id}");
    }
    for tag in ["a", "b"] {
        let edited = annotations
            .iter()
            .filter(|a| a.note.starts_with(&format!("{tag} ")) && a.note.ends_with("edited"))
            .count();
        assert_eq!(edited, 20, "every fifth note of writer {tag} was edited");
    }
    assert_eq!(integrity(dir.path()), "ok");
}

/// A small xorshift generator: the kill moments need no more.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn writers_killed_at_random_moments_lose_no_committed_edit() {
    const KILLS: usize = 200;
    let dir = tempfile::tempdir().unwrap();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut printed: Vec<String> = Vec::new();
    for round in 0..KILLS {
        let mut child = spawn_child(dir.path(), None, &format!("round{round}"));
        let reader = collect_ids(&mut child);
        // Some kills land while the child is still starting or opening the
        // store, most while it writes.
        std::thread::sleep(Duration::from_millis(rng.below(60)));
        child.kill().unwrap();
        child.wait().unwrap();
        printed.extend(reader.join().unwrap());
        if round % 50 == 49 {
            assert_eq!(
                integrity(dir.path()),
                "ok",
                "after {} kills (seed {seed})",
                round + 1
            );
        }
    }
    let stored = stored_ids(dir.path());
    for id in printed.iter() {
        assert!(stored.contains(id), "lost {id} (seed {seed})");
    }
    assert_eq!(integrity(dir.path()), "ok");
    eprintln!(
        "{KILLS} kills in {:.1} s; {} edits printed as committed, {} stored (seed {seed})",
        started.elapsed().as_secs_f64(),
        printed.len(),
        stored.len()
    );
    assert!(
        printed.len() > KILLS,
        "the children did write (seed {seed})"
    );
}

//! Issue 10: the reader, driven in a real terminal (tmux), keeps every
//! draft and edit on SIGTERM, SIGINT and a closed window, exits 128+N after
//! a signal, and offers to import a rescue file an earlier run left.
//!
//! Skipped (passing) where tmux is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use onrecord::store::Store;

const ARTICLE: &str = "Harbour to reopen in May\n\n\
    The harbour will reopen in May, officials said on Tuesday. Fishing crews \
    welcomed the news.\n\nCritics were not convinced.";

struct Tmux {
    socket: String,
    /// Where the shell around onrecord writes its exit status.
    status_file: PathBuf,
}

impl Tmux {
    fn start(name: &str, args: &[&str]) -> Option<Tmux> {
        let socket = format!("onrecord-test-{name}-{}", std::process::id());
        let status_file = std::env::temp_dir().join(format!("{socket}.status"));
        let _ = std::fs::remove_file(&status_file);
        let started = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
            ])
            .arg("-e")
            .arg(format!("STATUS_FILE={}", status_file.display()))
            .args([
                "sh",
                "-c",
                "\"$0\" \"$@\"; echo $? > \"$STATUS_FILE\"; sleep 60",
            ])
            .arg(assert_cmd::cargo::cargo_bin("onrecord"))
            .args(args)
            .env_remove("ONRECORD_DATA_DIR")
            .status()
            .ok()?
            .success();
        if !started {
            return None;
        }
        Some(Tmux {
            socket,
            status_file,
        })
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "0", key]);
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{text:?} never shown:\n{}", self.screen());
    }

    /// The reader's process id (the child of the pane's shell).
    fn pid(&self) -> String {
        let shell = self.run(&["display-message", "-p", "-t", "0", "#{pane_pid}"]);
        let out = Command::new("pgrep")
            .args(["-P", shell.trim()])
            .output()
            .expect("pgrep runs");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The exit status once the program has exited.
    fn exit_status(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(status) = std::fs::read_to_string(&self.status_file) {
                if status.ends_with('\n') {
                    return status.trim().to_string();
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("still running:\n{}", self.screen());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
        let _ = std::fs::remove_file(&self.status_file);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let article = dir.path().join("harbour.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    (dir, data, article)
}

/// Opens the article and types a note that is never saved with Ctrl-s.
fn type_a_draft(tmux: &Tmux, words: &str) {
    tmux.wait_for("Harbour to reopen");
    tmux.keys(&["Enter", "a"]);
    tmux.wait_for("Ctrl-s");
    tmux.keys(&[words]);
    tmux.wait_for(words);
}

fn notes_in(data: &Path) -> Vec<String> {
    Store::open(Some(data))
        .unwrap()
        .annotations()
        .unwrap()
        .into_iter()
        .map(|a| a.note)
        .collect()
}

fn draft_kept_on(signal: &str, status: &str) {
    if !tmux_available() {
        return;
    }
    let (_dir, data, article) = setup();
    let tmux = Tmux::start(
        signal,
        &[
            "--data-dir",
            data.to_str().unwrap(),
            article.to_str().unwrap(),
        ],
    )
    .expect("tmux starts");
    type_a_draft(&tmux, "kept through the signal");
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &tmux.pid()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(tmux.exit_status(), status);
    assert_eq!(notes_in(&data), vec!["kept through the signal".to_string()]);
}

#[test]
fn a_draft_survives_sigterm_and_the_exit_status_is_143() {
    draft_kept_on("TERM", "143");
}

#[test]
fn a_draft_survives_sigint_and_the_exit_status_is_130() {
    draft_kept_on("INT", "130");
}

#[test]
fn a_draft_survives_sighup_and_the_exit_status_is_129() {
    draft_kept_on("HUP", "129");
}

#[test]
fn a_draft_survives_closing_the_window() {
    if !tmux_available() {
        return;
    }
    let (_dir, data, article) = setup();
    let tmux = Tmux::start(
        "close",
        &[
            "--data-dir",
            data.to_str().unwrap(),
            article.to_str().unwrap(),
        ],
    )
    .expect("tmux starts");
    type_a_draft(&tmux, "kept when the window closed");
    let pid = tmux.pid();
    tmux.run(&["kill-server"]);
    // Wait for the process to be gone (the watchdog gives it 2 s).
    let deadline = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        notes_in(&data),
        vec!["kept when the window closed".to_string()]
    );
}

#[test]
fn a_draft_the_store_refuses_goes_to_a_rescue_file_offered_on_the_next_start() {
    if !tmux_available() {
        return;
    }
    let (_dir, data, article) = setup();
    // The store exists but cannot be written (its log file cannot be made).
    drop(Store::open(Some(&data)).unwrap());
    let wal = data.join("onrecord.db-wal");
    let _ = std::fs::remove_file(&wal);
    std::fs::create_dir(&wal).unwrap();
    let args = [
        "--data-dir",
        data.to_str().unwrap(),
        article.to_str().unwrap(),
    ];
    let tmux = Tmux::start("rescue", &args).expect("tmux starts");
    type_a_draft(&tmux, "rescued words");
    Command::new("kill")
        .args(["-TERM", &tmux.pid()])
        .status()
        .unwrap();
    assert_eq!(tmux.exit_status(), "143");
    drop(tmux);
    let rescued = onrecord::store::find_rescue_files(std::slice::from_ref(&data));
    assert_eq!(rescued.len(), 1, "one rescue file beside the store");
    assert!(std::fs::read_to_string(&rescued[0])
        .unwrap()
        .contains("rescued words"));

    // The store works again: the next start offers the file.
    std::fs::remove_dir(&wal).unwrap();
    let tmux = Tmux::start("rescue2", &args).expect("tmux starts");
    tmux.wait_for("Import them now?");
    tmux.keys(&["y"]);
    tmux.wait_for("imported");
    tmux.keys(&["q"]);
    assert_eq!(tmux.exit_status(), "0");
    assert_eq!(notes_in(&data), vec!["rescued words".to_string()]);
    assert!(onrecord::store::find_rescue_files(std::slice::from_ref(&data)).is_empty());
}

#[test]
fn a_damaged_store_shows_a_banner_until_dismissed() {
    if !tmux_available() {
        return;
    }
    let (_dir, data, article) = setup();
    std::fs::write(data.join("onrecord.db"), vec![0x5a; 8192]).unwrap();
    let args = [
        "--data-dir",
        data.to_str().unwrap(),
        article.to_str().unwrap(),
    ];
    let tmux = Tmux::start("banner", &args).expect("tmux starts");
    tmux.wait_for("was damaged");
    let top = tmux.screen().lines().next().unwrap_or_default().to_string();
    assert!(top.contains("was damaged"), "on the top line: {top}");
    // Other keys leave it.
    tmux.keys(&["j", "Tab", "k"]);
    assert!(tmux.screen().contains("was damaged"));
    tmux.keys(&["X"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!tmux.screen().contains("was damaged"), "{}", tmux.screen());
    tmux.keys(&["q"]);
    assert_eq!(tmux.exit_status(), "0");
}

#[test]
fn hostile_notes_never_reach_the_terminal_raw() {
    if !tmux_available() {
        return;
    }
    let (dir, data, article) = setup();
    let text = onrecord::clean::clean(&onrecord::load::RawDoc {
        path: article.clone(),
        bytes: ARTICLE.as_bytes().to_vec(),
        meta: Default::default(),
    });
    let key = onrecord::store::ArticleKey::of(&text);
    let start = text.text.find("Fishing").unwrap();
    let selector =
        onrecord::store::Selector::from_range(&text.text, start..start + "Fishing crews".len())
            .unwrap();
    let mut store = Store::open(Some(&data)).unwrap();
    store
        .apply(&onrecord::store::Edit::annotate(
            key,
            selector,
            "placeholder",
        ))
        .unwrap();
    drop(store);
    // As a store written before notes were sanitized on entry would hold.
    let hostile =
        "owned\u{1b}]0;pwned-title\u{7}\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m\u{202e}end";
    rusqlite::Connection::open(data.join("onrecord.db"))
        .unwrap()
        .execute("UPDATE annotations SET note = ?1", [hostile])
        .unwrap();
    let raw = dir.path().join("raw-output");
    let args = [
        "--data-dir",
        data.to_str().unwrap(),
        article.to_str().unwrap(),
    ];
    let tmux = Tmux::start("hostile", &args).expect("tmux starts");
    tmux.run(&[
        "pipe-pane",
        "-o",
        "-t",
        "0",
        &format!("cat >> {}", raw.display()),
    ]);
    tmux.wait_for("Harbour to reopen");
    tmux.keys(&["A"]);
    tmux.wait_for("owned");
    tmux.keys(&["e"]);
    tmux.wait_for("Ctrl-s");
    tmux.keys(&["Escape", "y", "Escape", "q"]);
    assert_eq!(tmux.exit_status(), "0");
    let bytes = std::fs::read(&raw).unwrap();
    let output = String::from_utf8_lossy(&bytes);
    for payload in ["]0;pwned", "]52;", "\u{9b}", "\u{202e}"] {
        assert!(
            !output.contains(payload),
            "{payload:?} reached the terminal"
        );
    }
    assert!(output.contains("owned"), "the note was shown");
}

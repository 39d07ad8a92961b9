//! The binary's command line, run as a user would.

use assert_cmd::Command;
use predicates::prelude::*;

fn onrecord() -> Command {
    Command::cargo_bin("onrecord").expect("the onrecord binary is built")
}

#[test]
fn a_missing_path_exits_2_before_touching_the_terminal() {
    onrecord()
        .arg("/no/such/place/article.txt")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("no such file or directory"))
        .stderr(predicate::str::contains("/no/such/place/article.txt"));
}

#[test]
fn a_directory_without_articles_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("notes.pdf"), b"%PDF").expect("write");
    onrecord()
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "no articles (text, web pages or feeds)",
        ));
}

#[test]
fn help_and_version() {
    onrecord()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage"))
        .stdout(predicate::str::contains("[PATH]"));
    onrecord()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

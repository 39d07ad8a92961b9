//! Statements across outlets and `onrecord quotes`, on invented articles
//! from three invented outlets (`tests/fixtures/outlets/`): one statement
//! carried whole, cut to a fragment and with a word changed; another given
//! to three different speakers. These fixtures are development data.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use common::{find_quote, outlet_articles};
use onrecord::index::statements::WordDiff;
use onrecord::index::Corpus;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outlets")
}

fn corpus() -> Corpus {
    Corpus::build(outlet_articles())
}

#[test]
fn statements_join_whole_cut_and_changed_versions_across_outlets() {
    let corpus = corpus();
    let gazette = find_quote(&corpus, "Harbor Gazette", "rebuild the harbour");
    let view = corpus.statement(gazette).expect("a statement");
    let mut outlets: Vec<&str> = view.versions.iter().map(|v| v.outlet.as_str()).collect();
    outlets.sort_unstable();
    assert_eq!(outlets, ["Coastal Times", "Harbor Gazette", "River Post"]);
    assert_eq!(corpus.also_in_outlets(gazette), 2);
    assert!(!view.conflicting_speakers, "{view:#?}");
    // The gazette's full sentence is the reference, the river post changed
    // a word and the coastal times carries a fragment.
    assert_eq!(view.reference, gazette);
    let diff_of = |outlet: &str| {
        &view
            .versions
            .iter()
            .find(|v| v.outlet == outlet)
            .expect("version")
            .diff
    };
    assert!(diff_of("Harbor Gazette")
        .iter()
        .all(|d| matches!(d, WordDiff::Same(_))));
    assert!(diff_of("River Post").contains(&WordDiff::Changed {
        from: "harbour".into(),
        to: "port".into()
    }));
    let coastal = diff_of("Coastal Times");
    assert!(matches!(coastal.first(), Some(WordDiff::Cut(w)) if w == "We will"));
    assert!(
        matches!(coastal.last(), Some(WordDiff::Cut(w)) if w.ends_with("pay for it")),
        "{coastal:?}"
    );
}

#[test]
fn the_same_words_given_to_different_speakers_are_flagged() {
    let corpus = corpus();
    let q = find_quote(&corpus, "River Post", "Nobody loses a job");
    let view = corpus.statement(q).expect("a statement");
    assert_eq!(view.versions.len(), 3);
    assert!(view.conflicting_speakers);
    let mut speakers: Vec<&str> = view
        .versions
        .iter()
        .filter_map(|v| v.speaker.as_deref())
        .collect();
    speakers.sort_unstable();
    assert_eq!(speakers, ["Elena Brandt", "Marta Ilic", "Tomas Reyes"]);
}

#[test]
fn no_other_statements_and_ids_do_not_depend_on_load_order() {
    let corpus = corpus();
    // Precision: exactly the two statements written into the fixtures.
    assert_eq!(corpus.statements.all().len(), 2);
    let q = find_quote(&corpus, "Coastal Times", "Nobody loses a job");
    let id = corpus.statement_id(q).expect("id");
    let mut articles = corpus.articles.to_vec();
    articles.reverse();
    let reversed = Corpus::build(articles);
    let q = find_quote(&reversed, "Coastal Times", "Nobody loses a job");
    assert_eq!(reversed.statement_id(q), Some(id));
}

fn quotes_cmd(args: &[&str]) -> String {
    let out = Command::cargo_bin("onrecord")
        .expect("binary")
        .arg("quotes")
        .args(args)
        .arg(fixtures())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn quotes_csv_round_trips_through_a_csv_parser() {
    let csv_text = quotes_cmd(&["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, onrecord::commands::quotes::HEADER);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    // The same rows as the library gives, field by field.
    let corpus = corpus();
    let rows = onrecord::commands::quotes::rows(&corpus, None, None);
    assert_eq!(records.len(), rows.len());
    for (record, row) in records.iter().zip(&rows) {
        let fields: Vec<&str> = record.iter().collect();
        assert_eq!(fields[0], row.speaker.as_deref().unwrap_or(""));
        assert_eq!(fields[2], row.outlet);
        assert_eq!(fields[4], row.title);
        assert_eq!(fields[6], row.quotation);
        assert_eq!(fields[8], row.statement.as_deref().unwrap_or(""));
    }
    // Quotations hold commas and quotation marks: they must come back whole.
    assert!(records
        .iter()
        .any(|r| r[6].contains(", and we will not ask the fishermen")));
    assert!(csv_text.contains("\r\n"), "RFC 4180 lines end in CRLF");
}

#[test]
fn quotes_filter_by_speaker_and_outlet() {
    let json = quotes_cmd(&["--format", "json", "--speaker", "brandt"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("json");
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["speaker"] == "Elena Brandt"));
    let json = quotes_cmd(&["--format", "json", "--outlet", "RIVER"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("json");
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["outlet"] == "River Post"));
    let md = quotes_cmd(&[
        "--format",
        "markdown",
        "--outlet",
        "river",
        "--speaker",
        "ilic",
    ]);
    assert_eq!(
        md,
        "> “Nobody loses a job because of this storm,”\n>\n> — Marta Ilic (the city's harbour director), River Post, 2026-03-03, “Storm repairs: Valmora port closes, union wary”\n"
    );
}

#[test]
fn an_article_that_names_no_outlet_is_cited_by_its_title_never_its_file() {
    let mut articles = outlet_articles();
    for article in &mut articles {
        article.outlet = None;
    }
    let corpus = Corpus::build(articles);
    let (article, quote) = find_quote(&corpus, "river-post", "Nobody loses a job");
    let row = onrecord::index::quotations::row(&corpus, (article, quote)).expect("a row");
    assert_eq!(row.outlet, "");
    assert_eq!(
        onrecord::index::quotations::citation(&row),
        "Marta Ilic (the city's harbour director), 2026-03-03, “Storm repairs: Valmora port closes, union wary”"
    );
    assert_eq!(
        onrecord::ui::clipboard::citation(&corpus, article, quote).as_deref(),
        Some("“Nobody loses a job because of this storm,” — Marta Ilic, “Storm repairs: Valmora port closes, union wary”, 2026-03-03")
    );
    let view = corpus.statement((article, quote)).expect("a statement");
    let theme = onrecord::ui::theme::Theme::default();
    let text: Vec<String> = onrecord::ui::render::statement_lines(&theme, &corpus.articles, &view)
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert!(!text.iter().any(|l| l.contains("river-post")), "{text:#?}");
    assert!(
        text.iter()
            .any(|l| l.starts_with("2026-03-03 · Marta Ilic")),
        "{text:#?}"
    );
}

#[test]
fn a_closed_pipe_stays_a_closed_pipe_so_quotes_into_head_is_no_error() {
    struct Closed;
    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let rows = onrecord::index::quotations::rows(&corpus(), None, None);
    assert!(!rows.is_empty());
    for format in [
        onrecord::cli::QuotesFormat::Csv,
        onrecord::cli::QuotesFormat::Json,
        onrecord::cli::QuotesFormat::Markdown,
    ] {
        let error = onrecord::commands::quotes::write_rows(&rows, format, &mut Closed)
            .expect_err("nothing can be written");
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{format:?}");
    }
    // And through the binary: its output closed early, it says nothing.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_onrecord"))
        .args(["quotes", "--format", "csv"])
        .arg(fixtures())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ends");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success());
}

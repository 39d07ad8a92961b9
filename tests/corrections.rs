//! The reader's corrections: kept in a real SQLite store, applied to the
//! corpus (speakers, statements), surviving a re-analysis and an edit of the
//! article, honoured by `onrecord analyze` (and ignored with
//! `--no-corrections`), and carried through export and import. Articles are
//! the invented outlets of `tests/fixtures/outlets/` (development data).

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{find_quote, outlet_articles};
use onrecord::index::Corpus;
use onrecord::model::Article;
use onrecord::store::{ArticleKey, Correction, Edit, Fix, Selector, Store};
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outlets")
}

fn articles() -> Vec<Article> {
    outlet_articles()
}

fn keys(corpus: &Corpus) -> Vec<ArticleKey> {
    corpus.articles.iter().map(ArticleKey::of).collect()
}

/// The store key and selector of a quotation, as the reader makes them.
fn anchor(corpus: &Corpus, (ai, qi): (usize, usize)) -> (ArticleKey, Selector) {
    let article = &corpus.articles[ai];
    let span = corpus.analysis(ai).expect("analyzed").quotes[qi].span;
    (
        ArticleKey::of(article),
        Selector::from_range(&article.text, span.range()).expect("selector"),
    )
}

fn reassign(corpus: &Corpus, q: (usize, usize), speaker: &str) -> Correction {
    let (article, quote) = anchor(corpus, q);
    Correction::new(Fix::Reassign {
        article,
        quote,
        speaker: speaker.into(),
    })
}

const JOBS: &str = "Nobody loses a job";

#[test]
fn a_reassigned_speaker_shows_everywhere_and_settles_a_conflict() {
    let mut corpus = Corpus::build(articles());
    let river = find_quote(&corpus, "River Post", JOBS);
    let coastal = find_quote(&corpus, "Coastal Times", JOBS);
    assert!(
        corpus
            .statement(river)
            .expect("statement")
            .conflicting_speakers
    );
    let fixes = vec![
        reassign(&corpus, river, "Tomas Reyes"),
        reassign(&corpus, coastal, "tomas  reyes"),
    ];
    corpus.set_corrections(keys(&corpus), fixes);
    assert_eq!(
        corpus.quote_speaker_name(river.0, river.1),
        Some("Tomas Reyes")
    );
    assert_eq!(
        corpus.quote_speaker_name(coastal.0, coastal.1),
        Some("Tomas Reyes")
    );
    assert!(corpus.is_corrected(river.0, river.1));
    let view = corpus.statement(river).expect("statement");
    assert!(!view.conflicting_speakers, "{view:#?}");
    // The speakers list moved the quotations: Reyes has three more than the
    // ferry one his surname alone brought him, Ilic none.
    let reyes = corpus
        .speakers
        .iter()
        .find(|s| s.name == "Tomas Reyes")
        .expect("Reyes");
    assert_eq!(reyes.quotes.len(), 4);
    assert_eq!(reyes.articles.len(), 4);
    assert!(corpus.speakers.iter().all(|s| s.name != "Marta Ilic"));
    // Other quotations keep their speakers.
    let harbour = find_quote(&corpus, "River Post", "rebuild the port");
    assert_eq!(
        corpus.quote_speaker_name(harbour.0, harbour.1),
        Some("Elena Brandt")
    );
    assert!(!corpus.is_corrected(harbour.0, harbour.1));
}

#[test]
fn corrections_survive_a_reanalysis_and_an_edit_of_the_article() {
    let mut corpus = Corpus::build(articles());
    let river = find_quote(&corpus, "River Post", JOBS);
    let fixes = vec![reassign(&corpus, river, "Tomas Reyes")];
    corpus.set_corrections(keys(&corpus), fixes.clone());
    // Analyzed anew, one article at a time.
    let ai = river.0;
    let again = onrecord::analyze::analyze(&corpus.articles[ai]);
    corpus.insert_analysis(ai, again);
    corpus.relink_speakers();
    assert_eq!(
        corpus.quote_speaker_name(river.0, river.1),
        Some("Tomas Reyes")
    );
    // The file edited: a paragraph added above moves every offset.
    let mut edited = articles();
    let i = edited
        .iter()
        .position(|a| onrecord::index::outlet_name(a) == "River Post")
        .expect("River Post");
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string(fixtures().join("river-post.txt")).expect("fixture");
    let changed = original.replacen(
        "The closure",
        "Updated with the union's statement.\n\nThe closure",
        1,
    );
    assert_ne!(changed, original);
    let path = dir.path().join("river-post.txt");
    std::fs::write(&path, changed).expect("write");
    let loaded = onrecord::load::load_paths(&[path]).expect("load");
    edited[i] = onrecord::clean::clean(&loaded.docs[0]);
    // Keyed by the original file (the same path in real use), text changed.
    let mut keys: Vec<ArticleKey> = edited.iter().map(ArticleKey::of).collect();
    keys[i].source = ArticleKey::of(&articles()[i]).source;
    let mut corpus = Corpus::build(edited);
    corpus.set_corrections(keys, fixes);
    let moved = find_quote(&corpus, "River Post", JOBS);
    assert_ne!(
        corpus.analysis(moved.0).expect("analyzed").quotes[moved.1]
            .span
            .start,
        0
    );
    assert_eq!(
        corpus.quote_speaker_name(moved.0, moved.1),
        Some("Tomas Reyes")
    );
    assert!(corpus.is_corrected(moved.0, moved.1));
}

#[test]
fn not_a_quotation_merge_and_split() {
    let mut corpus = Corpus::build(articles());
    let gazette_jobs = find_quote(&corpus, "Harbor Gazette", JOBS);
    let coastal_jobs = find_quote(&corpus, "Coastal Times", JOBS);
    let ferry = find_quote(&corpus, "Bay Courier", "book early");
    // A lone surname joins the one full name with it.
    assert_eq!(
        corpus.quote_speaker_name(ferry.0, ferry.1),
        Some("Tomas Reyes")
    );
    let (article, quote) = anchor(&corpus, gazette_jobs);
    let fixes = vec![
        Correction::new(Fix::NotAQuotation { article, quote }),
        Correction::new(Fix::MergeSpeaker {
            speaker: "Marta Ilic".into(),
            into: "Harbour director Marta Ilic-Novak".into(),
        }),
        Correction::new(Fix::SplitAlias {
            speaker: "Tomas Reyes".into(),
            alias: "reyes".into(),
        }),
    ];
    corpus.set_corrections(keys(&corpus), fixes);
    assert!(corpus.is_rejected(gazette_jobs.0, gazette_jobs.1));
    assert_eq!(
        corpus.quote_speaker_name(gazette_jobs.0, gazette_jobs.1),
        None
    );
    // The statement lost the rejected words: two outlets remain.
    let view = corpus.statement(coastal_jobs).expect("statement");
    assert_eq!(view.versions.len(), 2);
    assert!(corpus.statement(gazette_jobs).is_none());
    let merged = corpus
        .speakers
        .iter()
        .find(|s| s.name == "Harbour director Marta Ilic-Novak")
        .expect("merged speaker");
    assert_eq!(merged.quotes.len(), 1);
    assert!(merged.roles.iter().any(|r| r.contains("harbour director")));
    // The ferry company's Reyes is split off the union's Tomas Reyes, whose
    // only other quotation is no quotation any more.
    assert_eq!(corpus.quote_speaker_name(ferry.0, ferry.1), Some("reyes"));
    assert!(corpus.is_corrected(ferry.0, ferry.1));
    assert!(corpus.speakers.iter().all(|s| s.name != "Tomas Reyes"));
}

fn onrecord(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("onrecord").expect("binary");
    cmd.arg("--data-dir").arg(data);
    cmd
}

fn analyze_speaker(data: &Path, extra: &[&str]) -> (Value, Value) {
    let out = onrecord(data)
        .args(["analyze", "--format", "json"])
        .args(extra)
        .arg(fixtures().join("river-post.txt"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Value = serde_json::from_slice(&out.stdout).expect("json");
    let quote = records[0]["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .find(|q| q["text"].as_str().is_some_and(|t| t.contains(JOBS)))
        .expect("the quotation")
        .clone();
    (quote["speaker"].clone(), quote["corrected"].clone())
}

#[test]
fn analyze_applies_stored_corrections_unless_told_not_to_and_they_export_and_import() {
    let corpus = Corpus::build(articles());
    let river = find_quote(&corpus, "River Post", JOBS);
    let data = tempfile::tempdir().expect("tempdir");
    {
        let mut store = Store::open(Some(data.path())).expect("store");
        store
            .apply(&Edit::Correct(reassign(&corpus, river, "Tomas Reyes")))
            .expect("saved");
        store
            .apply(&Edit::Correct(Correction::new(Fix::MergeSpeaker {
                speaker: "Someone Else".into(),
                into: "Another One".into(),
            })))
            .expect("saved");
    }
    assert_eq!(
        analyze_speaker(data.path(), &[]),
        (Value::from("Tomas Reyes"), Value::from(true))
    );
    assert_eq!(
        analyze_speaker(data.path(), &["--no-corrections"]),
        (Value::from("Marta Ilic"), Value::from(false))
    );
    // Export, import elsewhere: the same corrections, merged by id.
    let exported = onrecord(data.path())
        .args(["export", "--format", "json"])
        .output()
        .expect("export");
    assert!(exported.status.success());
    let json: Value = serde_json::from_slice(&exported.stdout).expect("json");
    let items = json["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|i| i["motivation"] == "editing"));
    let other = tempfile::tempdir().expect("tempdir");
    let file = other.path().join("notes.json");
    std::fs::write(&file, &exported.stdout).expect("write");
    for expected in ["2 added", "2 unchanged"] {
        let out = onrecord(other.path())
            .arg("import")
            .arg(&file)
            .output()
            .expect("import");
        assert!(String::from_utf8_lossy(&out.stdout).contains(expected));
    }
    let mut original = Store::open(Some(data.path())).expect("store");
    let mut imported = Store::open(Some(other.path())).expect("store");
    assert_eq!(
        original.corrections().expect("read"),
        imported.corrections().expect("read")
    );
    assert_eq!(
        analyze_speaker(other.path(), &[]),
        (Value::from("Tomas Reyes"), Value::from(true))
    );
    // Markdown lists them.
    let md = onrecord(data.path())
        .args(["export", "--format", "markdown"])
        .output()
        .expect("export");
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("## Corrections"), "{md}");
    assert!(md.contains("is Tomas Reyes’s"), "{md}");
    assert!(md.contains("- Someone Else is Another One"), "{md}");
}

#[test]
fn a_newer_correction_with_the_same_id_replaces_an_older_one_on_import() {
    let corpus = Corpus::build(articles());
    let river = find_quote(&corpus, "River Post", JOBS);
    let data = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(Some(data.path())).expect("store");
    let old = reassign(&corpus, river, "Tomas Reyes");
    store.apply(&Edit::Correct(old.clone())).expect("saved");
    let mut newer = old.clone();
    newer.fix = match newer.fix {
        Fix::Reassign { article, quote, .. } => Fix::Reassign {
            article,
            quote,
            speaker: "Elena Brandt".into(),
        },
        other => other,
    };
    newer.modified = old.modified + chrono::Duration::seconds(5);
    let items = vec![onrecord::store::exchange::Item::Correction(newer.clone())];
    let json = onrecord::store::exchange::items_json(&items).to_string();
    let parsed = onrecord::store::exchange::parse(&json).expect("parses");
    let counts = onrecord::store::exchange::import(&mut store, &parsed).expect("imports");
    assert_eq!(counts.updated, 1);
    assert_eq!(store.corrections().expect("read"), vec![newer]);
    // And the older one does not come back over it.
    let items = vec![onrecord::store::exchange::Item::Correction(old)];
    let parsed = onrecord::store::exchange::parse(
        &onrecord::store::exchange::items_json(&items).to_string(),
    )
    .expect("parses");
    let counts = onrecord::store::exchange::import(&mut store, &parsed).expect("imports");
    assert_eq!(counts.unchanged, 1);
}

//! Held-out accuracy: news articles written for evaluation, each folder
//! scored against its own `gold.json`.
//!
//! Both sets have been tuned on: the engine's authors read their reports
//! and fixed the rules they named, `tests/fixtures/heldout/` (twelve
//! articles) first, then `tests/fixtures/heldout2/` (six articles, labeled
//! blind but tuned on since). They are development data now, not a
//! measure of news onrecord has not seen: for that, see the real annotated
//! corpora outside the repo (issue 8). Run with `-- --nocapture` to read the
//! report. Quotation floors sit within two points of what was measured, and
//! extra quotations (not in gold) fail as well as misses; entity floors are
//! noted beside them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use onrecord::analyze::Analysis;
use onrecord::index::Corpus;
use onrecord::model::Article;
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/heldout");
const DIR2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/heldout2");
const KINDS: [&str; 4] = ["person", "organization", "place", "group"];

fn corpus(dir: &str) -> Corpus {
    let loaded = onrecord::load::load_paths(&[PathBuf::from(dir)]).expect("held-out folder");
    Corpus::build(loaded.docs.iter().map(onrecord::clean::clean).collect())
}

fn gold(dir: &str) -> Value {
    let text = std::fs::read_to_string(format!("{dir}/gold.json")).expect("gold file");
    serde_json::from_str(&text).expect("gold json")
}

/// Straight quotes and apostrophes, single spaces.
fn plain(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name for comparison: plain, lowercase, without a leading article or
/// honorific.
fn name_key(s: &str) -> String {
    let lower = plain(s).to_lowercase();
    let mut words: Vec<&str> = lower.split(' ').filter(|w| !w.is_empty()).collect();
    while matches!(
        words.first(),
        Some(&("the" | "a" | "an" | "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "dr" | "dr."))
    ) {
        words.remove(0);
    }
    words.join(" ").trim_end_matches('.').to_string()
}

/// The surface forms a gold entity name may take in a mention: itself,
/// without an honorific, without a "Jr." suffix.
fn surface_forms(name: &str) -> Vec<String> {
    let name = plain(name);
    let mut forms = vec![name.clone()];
    for h in ["Mr ", "Mr. ", "Mrs ", "Mrs. ", "Ms ", "Dr ", "Dr. "] {
        if let Some(rest) = name.strip_prefix(h) {
            forms.push(rest.to_string());
        }
    }
    if let Some(rest) = name.strip_suffix('.') {
        forms.push(rest.to_string());
    }
    for s in [", Jr.", " Jr.", " Jr"] {
        if let Some(rest) = name.strip_suffix(s) {
            forms.push(rest.to_string());
        }
    }
    forms
}

fn strs(v: &Value) -> impl Iterator<Item = &str> {
    v.as_array()
        .map(|a| a.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(Value::as_str)
}

#[derive(Default, Clone, Copy)]
struct Ratio {
    hit: usize,
    total: usize,
}

impl Ratio {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.hit += usize::from(ok);
    }

    fn pct(self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * self.hit as f64 / self.total as f64
        }
    }

    fn merge(&mut self, other: Ratio) {
        self.hit += other.hit;
        self.total += other.total;
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{} ({:.0}%)", self.hit, self.total, self.pct())
    }
}

#[derive(Default)]
struct Score {
    found: Ratio,
    speakers: Ratio,
    terms: Ratio,
    entities: BTreeMap<&'static str, Ratio>,
    not_entities_marked: usize,
    unlisted: usize,
    extra: usize,
    set_aside: usize,
    lines: Vec<String>,
}

impl Score {
    fn merge(&mut self, other: &Score) {
        self.found.merge(other.found);
        self.speakers.merge(other.speakers);
        self.terms.merge(other.terms);
        for (k, r) in &other.entities {
            self.entities.entry(k).or_default().merge(*r);
        }
        self.not_entities_marked += other.not_entities_marked;
        self.unlisted += other.unlisted;
        self.extra += other.extra;
        self.set_aside += other.set_aside;
    }

    fn entity_total(&self) -> Ratio {
        let mut all = Ratio::default();
        for r in self.entities.values() {
            all.merge(*r);
        }
        all
    }
}

fn score_quotes(corpus: &Corpus, ai: usize, g: &Value, score: &mut Score) {
    let article: &Article = &corpus.articles[ai];
    let text = &article.text;
    let analysis: &Analysis = corpus.analysis(ai).expect("analyzed");
    let found_texts: Vec<String> = analysis
        .quotes
        .iter()
        .map(|q| {
            plain(q.span.text(text))
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let mut matched = vec![false; found_texts.len()];
    for gq in g["quotes"].as_array().expect("quotes") {
        let starts = plain(gq["starts"].as_str().expect("starts")).to_lowercase();
        let kind = gq["kind"].as_str().expect("kind");
        let speaker = gq["speaker"].as_str().expect("speaker");
        let names: Vec<String> = std::iter::once(speaker)
            .chain(strs(&gq["aliases"]))
            .map(name_key)
            .filter(|n| !n.is_empty())
            .collect();
        // A description ("a senior official") may come back with the rest of
        // its noun phrase ("… who spoke on condition of anonymity").
        let described = speaker.starts_with(|c: char| c.is_lowercase());
        let right = |got: &str| {
            let got = name_key(got);
            names.iter().any(|n| {
                got == *n
                    || (described
                        && (got.starts_with(&format!("{n} ")) || got.starts_with(&format!("{n},"))))
            })
        };
        let found = found_texts.iter().position(|t| t.starts_with(&starts));
        if let Some(qi) = found {
            matched[qi] = true;
        }
        let got = found.and_then(|qi| corpus.quote_speaker_name(ai, qi));
        let mention = found
            .and_then(|qi| analysis.quotes[qi].speaker_mention)
            .map(|s| s.text(text).to_string());
        if kind == "term" {
            let ok = got.is_none_or(right);
            score.terms.add(ok);
            if !ok {
                score.lines.push(format!(
                    "  term “{starts}” given a wrong speaker {got:?} (mention {mention:?})"
                ));
            }
            continue;
        }
        // Only quotations of three words or more are scored.
        if starts.split_whitespace().count() < 3 {
            continue;
        }
        score.found.add(found.is_some());
        let ok = got.is_some_and(right);
        score.speakers.add(ok);
        if found.is_none() {
            score.lines.push(format!(
                "  quote not found: “{starts}” ({kind}, by {speaker})"
            ));
        } else if !ok {
            score.lines.push(format!(
                "  speaker wrong: “{starts}” expected {speaker:?}, got {got:?} (mention {mention:?})"
            ));
        }
    }
    // Quotations the engine found that gold does not list (nested quotes,
    // headlines, or false quotations): precision, held to a maximum.
    for (qi, t) in found_texts.iter().enumerate() {
        if !matched[qi] {
            score.extra += 1;
            let got = corpus.quote_speaker_name(ai, qi);
            let head: String = t.chars().take(40).collect();
            score.lines.push(format!(
                "  extra quote (not in gold): “{head}” speaker {got:?}"
            ));
        }
    }
}

fn score_entities(corpus: &Corpus, ai: usize, g: &Value, score: &mut Score) {
    let text = &corpus.articles[ai].text;
    let analysis = corpus.analysis(ai).expect("analyzed");
    let marked: Vec<(String, &str)> = analysis
        .entities
        .iter()
        .map(|e| (plain(e.span.text(text)), e.kind.as_str()))
        .collect();
    let plain_text = plain(text);
    let mut listed: Vec<String> = Vec::new();
    for kind in KINDS {
        let ratio = score.entities.entry(kind).or_default();
        for name in strs(&g["entities"][kind]) {
            let forms = surface_forms(name);
            listed.extend(forms.iter().cloned());
            // A name only in a caption or "Read more" line the cleaner set
            // aside cannot be found by the analyzer: not scored here.
            if !forms.iter().any(|f| plain_text.contains(f.as_str())) {
                score.set_aside += 1;
                score.lines.push(format!(
                    "  not scored, not in cleaned text: {name} ({kind})"
                ));
                continue;
            }
            let ok = marked.iter().any(|(t, k)| *k == kind && forms.contains(t));
            ratio.add(ok);
            if !ok {
                let as_kinds: Vec<&str> = marked
                    .iter()
                    .filter(|(t, _)| forms.contains(t))
                    .map(|(_, k)| *k)
                    .collect();
                score.lines.push(if as_kinds.is_empty() {
                    format!("  entity missed: {name} ({kind})")
                } else {
                    format!("  entity wrong kind: {name} ({kind}) marked as {as_kinds:?}")
                });
            }
        }
    }
    for bad in strs(&g["not_entities"]) {
        let bad = plain(bad);
        let prefix = format!("{bad} ");
        if let Some((t, k)) = marked
            .iter()
            .find(|(t, _)| *t == bad || t.starts_with(&prefix))
        {
            score.not_entities_marked += 1;
            score
                .lines
                .push(format!("  not-entity marked: {bad:?} in “{t}” as {k}"));
        }
    }
    let mut unlisted: Vec<(&str, &str)> = marked
        .iter()
        .filter(|(t, _)| !listed.contains(t))
        .map(|(t, k)| (t.as_str(), *k))
        .collect();
    unlisted.sort_unstable();
    unlisted.dedup();
    score.unlisted += unlisted.len();
    if !unlisted.is_empty() {
        let list: Vec<String> = unlisted.iter().map(|(t, k)| format!("{t} [{k}]")).collect();
        score
            .lines
            .push(format!("  unlisted marks: {}", list.join("; ")));
    }
}

/// The least a folder's totals may score before its test fails.
struct Floors {
    found: f64,
    speakers: f64,
    terms: f64,
    entities: f64,
    entity_kinds: [(&'static str, f64); 4],
    max_not_entities: usize,
    /// Quotations found that gold does not list.
    max_extra_quotes: usize,
}

#[test]
fn heldout_articles_match_gold() {
    score_folder(
        DIR,
        Some(SPACY_BASELINE),
        &Floors {
            found: FLOOR_FOUND,
            speakers: FLOOR_SPEAKERS,
            terms: FLOOR_TERMS,
            entities: FLOOR_ENTITIES,
            entity_kinds: FLOOR_ENTITY_KINDS,
            max_not_entities: MAX_NOT_ENTITIES,
            max_extra_quotes: MAX_EXTRA_QUOTES,
        },
    );
}

/// Scores every article of `dir` against its `gold.json`, prints the report
/// and asserts the totals stay above `floors`.
fn score_folder(dir: &str, baseline: Option<&str>, floors: &Floors) {
    let corpus = corpus(dir);
    let gold = gold(dir);
    let articles = gold["articles"].as_object().expect("articles");
    assert_eq!(
        corpus.articles.len(),
        articles.len(),
        "one gold entry per file"
    );
    let mut total = Score::default();
    for (file, g) in articles {
        let ai = corpus
            .articles
            .iter()
            .position(|a| {
                a.path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy() == *file)
            })
            .unwrap_or_else(|| panic!("{file} loaded"));
        let mut score = Score::default();
        score_quotes(&corpus, ai, g, &mut score);
        score_entities(&corpus, ai, g, &mut score);
        eprintln!(
            "{file}: quotes found {}, speakers right {}, terms ok {}, entities {}, not-entities marked {}, unlisted marks {}",
            score.found,
            score.speakers,
            score.terms,
            score.entity_total(),
            score.not_entities_marked,
            score.unlisted
        );
        for line in &score.lines {
            eprintln!("{line}");
        }
        total.merge(&score);
    }
    eprintln!("\nTOTAL over {} held-out articles in {dir}", articles.len());
    eprintln!("  quotes (3+ words) found:   {}", total.found);
    eprintln!("  speakers right (3+ words): {}", total.speakers);
    eprintln!("  terms without a wrong speaker: {}", total.terms);
    eprintln!("  extra quotes (not in gold, to inspect): {}", total.extra);
    for (kind, r) in &total.entities {
        eprintln!("  entity recall, {kind:<12} {r}");
    }
    eprintln!("  entity recall, all          {}", total.entity_total());
    eprintln!(
        "  gold names not in the cleaned text (not scored): {}",
        total.set_aside
    );
    eprintln!("  not-entities marked: {}", total.not_entities_marked);
    eprintln!("  unlisted marks (to inspect): {}", total.unlisted);
    if let Some(baseline) = baseline {
        eprintln!("  for comparison, {baseline}");
    }

    // Floors: about ten points under the measured numbers (see the report).
    let floor = |what: &str, r: Ratio, min: f64| {
        assert!(r.pct() >= min, "{what} fell to {r}, floor {min}%");
    };
    floor("quotes found", total.found, floors.found);
    assert!(
        total.extra <= floors.max_extra_quotes,
        "{} extra quotations (not in gold), at most {}",
        total.extra,
        floors.max_extra_quotes
    );
    floor("speakers right", total.speakers, floors.speakers);
    floor("terms", total.terms, floors.terms);
    floor("entity recall", total.entity_total(), floors.entities);
    for (kind, min) in floors.entity_kinds {
        let r = total.entities.get(kind).copied().unwrap_or_default();
        floor(&format!("{kind} recall"), r, min);
    }
    assert!(
        total.not_entities_marked <= floors.max_not_entities,
        "{} not-entities marked, at most {}",
        total.not_entities_marked,
        floors.max_not_entities
    );
}

/// spaCy's small English model on the same cleaned texts with the same
/// matching (`tests/fixtures/heldout/spacy_baseline.py`, spaCy 3.8.18,
/// en_core_web_sm 3.8.0): the bar the entity highlighting has to beat.
const SPACY_BASELINE: &str = "spaCy en_core_web_sm 3.8: entity recall person 89/106 (84%), \
organization 58/71 (82%), place 58/71 (82%), group 10/11 (91%), all 215/259 (83%); \
not-entities marked 5; unlisted marks 23";

// Measured on branch `analyze` at 465cc29, before the engine's author had
// seen this set (the honest held-out numbers): found 100%, speakers 86%
// (108/126), terms 3/4, entity recall 81% (person 92%, place 85%,
// organization 62%, group 9/11), 4 not-entities marked. At df8575c, after
// `analyze` merged this branch and fixed the rules its report named:
// speakers 99% (125/126), terms 4/4, entity recall 92% (person 97%, place
// 94%, organization 82%, group 9/11), no not-entities marked. Floors sit
// about ten points under the later numbers; a fresh unseen set is needed
// for an honest score from here on.
// Quotations re-measured after the attribution sieves (issue 8): found,
// speakers and terms 100%, no extra quotations; floors two points under.
const FLOOR_FOUND: f64 = 98.0;
const FLOOR_SPEAKERS: f64 = 98.0;
const FLOOR_TERMS: f64 = 98.0;
const MAX_EXTRA_QUOTES: usize = 0;
const FLOOR_ENTITIES: f64 = 82.0;
const FLOOR_ENTITY_KINDS: [(&str, f64); 4] = [
    ("person", 87.0),
    ("place", 84.0),
    ("organization", 72.0),
    ("group", 72.0),
];
const MAX_NOT_ENTITIES: usize = 4;

/// The second, blind batch: its gold was written before the engine was run
/// on these files.
#[test]
fn heldout2_articles_match_gold() {
    score_folder(
        DIR2,
        None,
        // Quotations: 100% found, speakers and terms, no extra quotations,
        // after the attribution sieves (issue 8).
        &Floors {
            found: 98.0,
            speakers: 98.0,
            terms: 98.0,
            entities: 74.0,
            entity_kinds: [
                ("person", 81.0),
                ("place", 73.0),
                ("organization", 65.0),
                ("group", 88.0),
            ],
            max_not_entities: 8,
            max_extra_quotes: 0,
        },
    );
}

// Measured on the first run (2026-11-22, branch `heldout2` from `analyze`
// at df8575c): found 81/81, speakers 70/81 (86%), terms 7/9, entity recall
// 169/200 (84%: person 91%, place 83%, organization 75%, group 13/13),
// 3 not-entities marked, 13 unlisted marks.

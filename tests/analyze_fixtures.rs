//! Hand-written tricky articles in `tests/fixtures/analyze/`, checked
//! against `expected.json` there.
//!
//! These fixtures are development data: the rules were written and tuned
//! while looking at them, so passing them shows the cases still hold, not
//! how well the analyzer does on news it has never seen. Fixtures marked
//! `entities_complete` list every entity they expect: an extra one fails
//! the test as surely as a missing one; and a speaker given to a quotation
//! the expectations do not list fails too.

use onrecord::analyze::{analyze_text, Analysis};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/analyze");

fn load(name: &str) -> (String, Analysis) {
    let text = std::fs::read_to_string(format!("{DIR}/{name}")).expect("fixture");
    let text = text.trim_end().to_string();
    let analysis = analyze_text(&text);
    (text, analysis)
}

/// Checks one fixture, returning every mismatch.
fn check(name: &str, want: &Value) -> Vec<String> {
    let (text, analysis) = load(name);
    let mut errors = Vec::new();
    let body = |q: &onrecord::analyze::Quote| q.span.text(&text).to_string();
    if let Some(n) = want["quote_count"].as_u64() {
        if analysis.quotes.len() as u64 != n {
            let all: Vec<String> = analysis.quotes.iter().map(body).collect();
            errors.push(format!(
                "{name}: {} quotes, want {n}: {all:?}",
                analysis.quotes.len()
            ));
        }
    }
    for wq in want["quotes"].as_array().into_iter().flatten() {
        let starts = wq["starts"].as_str().unwrap_or_default();
        let Some(q) = analysis
            .quotes
            .iter()
            .find(|q| q.span.text(&text).starts_with(starts))
        else {
            errors.push(format!("{name}: no quote “{starts}…”"));
            continue;
        };
        let got = analysis.speaker_name(&text, q);
        let expected = wq["speaker"].as_str();
        let lenient = wq["term_may_lack_speaker"].as_bool().unwrap_or(false) && got.is_none();
        if got != expected && !lenient {
            errors.push(format!(
                "{name}: “{starts}” speaker {got:?}, want {expected:?}"
            ));
        }
        if let Some(kind) = wq["kind"].as_str() {
            if q.kind.as_str() != kind {
                errors.push(format!(
                    "{name}: “{starts}” kind {}, want {kind}",
                    q.kind.as_str()
                ));
            }
        }
    }
    // Precision: a quotation the expectations do not list has no speaker.
    let listed: Vec<&str> = want["quotes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|q| q["starts"].as_str())
        .collect();
    for q in &analysis.quotes {
        let body = body(q);
        if !listed.iter().any(|s| body.starts_with(s)) {
            if let Some(got) = analysis.speaker_name(&text, q) {
                errors.push(format!("{name}: unlisted “{body}” given speaker {got:?}"));
            }
        }
    }
    let marked: Vec<(&str, &str)> = analysis
        .entities
        .iter()
        .map(|e| (e.span.text(&text), e.kind.as_str()))
        .collect();
    for (kind, names) in want["entities"].as_object().into_iter().flatten() {
        for n in names
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !marked.iter().any(|(t, k)| *t == n && k == kind) {
                let got: Vec<_> = marked
                    .iter()
                    .filter(|(t, _)| t.contains(n) || n.contains(*t))
                    .collect();
                errors.push(format!(
                    "{name}: entity {n} as {kind} missing (near: {got:?})"
                ));
            }
        }
    }
    if want["entities_complete"].as_bool().unwrap_or(false) {
        let listed = |t: &str, k: &str| {
            want["entities"][k]
                .as_array()
                .is_some_and(|names| names.iter().any(|n| n.as_str() == Some(t)))
        };
        for (t, k) in &marked {
            if !listed(t, k) {
                errors.push(format!("{name}: unexpected entity {t:?} as {k}"));
            }
        }
    }
    for bad in want["not_entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let prefix = format!("{bad} ");
        if let Some(hit) = marked
            .iter()
            .find(|(t, _)| *t == bad || t.starts_with(&prefix))
        {
            errors.push(format!("{name}: {hit:?} marked"));
        }
    }
    errors
}

#[test]
fn tricky_fixtures_match_expectations() {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{DIR}/expected.json")).expect("expected.json"),
    )
    .expect("json");
    let mut errors = Vec::new();
    let mut checked = 0;
    for (name, want) in expected.as_object().expect("object") {
        if name == "about" {
            continue;
        }
        checked += 1;
        errors.extend(check(name, want));
    }
    assert!(checked >= 7);
    assert!(errors.is_empty(), "{:#?}", errors);
}

/// The kind of the entity whose text starts at the `nth` occurrence of
/// `word`.
fn kind_at(text: &str, analysis: &Analysis, word: &str, nth: usize) -> Option<String> {
    let at = text.match_indices(word).nth(nth)?.0;
    analysis
        .entities
        .iter()
        .find(|e| e.span.start as usize == at)
        .map(|e| e.kind.as_str().to_string())
}

#[test]
fn a_surname_that_is_a_place_stays_a_place_after_a_word_of_where() {
    let text = "Deputy adviser Lisa Monaco met the candidate. Monaco said the talks went well. In Monaco, the two signed the deal.";
    let analysis = analyze_text(text);
    assert_eq!(
        kind_at(text, &analysis, "Monaco", 1).as_deref(),
        Some("person")
    );
    assert_eq!(
        kind_at(text, &analysis, "Monaco", 2).as_deref(),
        Some("place")
    );
}

#[test]
fn a_capitalized_function_word_ends_a_name_only_before_more_capitals() {
    let text = "Jane Roe Endorses Tom Reyner In Iowa\n\nTom Reyner won the backing of Jane Roe. “We lost three elections in a row,” said Al From, a founder of the council.";
    let analysis = analyze_text(text);
    let names: Vec<&str> = analysis
        .entities
        .iter()
        .map(|e| e.span.text(text))
        .collect();
    assert!(names.contains(&"Al From"), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Endorses") || n.contains("In Iowa")),
        "{names:?}"
    );
}

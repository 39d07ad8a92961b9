//! Analysis never panics, and its spans are well formed, on any input.

use onrecord::analyze::{analyze_text, Span};
use proptest::prelude::*;

/// Text rich in what trips analyzers: quotation marks of every kind,
/// apostrophes, capitals, periods, blank lines and multi-byte letters.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just(": ".to_string()),
        Just("\n\n".to_string()),
        Just(" said ".to_string()),
        Just(" he said".to_string()),
        Just("Mr. ".to_string()),
        Just("al-".to_string()),
        Just("(HTS) ".to_string()),
        Just("Dmitry Peskov".to_string()),
        Just("Peskov".to_string()),
        Just(" according to ".to_string()),
        Just("Ω".to_string()),
        Just("é".to_string()),
        Just("𝔘".to_string()),
        "[A-Za-z]{1,8}",
        "[ a-z]{1,5}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn check_sorted_disjoint(spans: &[Span], text: &str, what: &str) {
    for s in spans {
        let r = s.range();
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "{what} {s:?} out of text"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{what} {s:?} splits a char"
        );
    }
    for w in spans.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "{what} {:?} and {:?} overlap or unsorted",
            w[0],
            w[1]
        );
    }
}

fn check(text: &str) {
    let a = analyze_text(text);
    let ents: Vec<Span> = a.entities.iter().map(|e| e.span).collect();
    let quotes: Vec<Span> = a.quotes.iter().map(|q| q.span).collect();
    let mentions: Vec<Span> = a.quotes.iter().filter_map(|q| q.speaker_mention).collect();
    check_sorted_disjoint(&a.sentences, text, "sentence");
    check_sorted_disjoint(&ents, text, "entity");
    check_sorted_disjoint(&quotes, text, "quote");
    for m in &mentions {
        assert!(text.get(m.range()).is_some(), "mention {m:?}");
    }
    for e in &a.entities {
        assert!((e.canonical as usize) < a.canonicals.len());
    }
    for q in &a.quotes {
        assert!(q.speaker.is_none_or(|s| (s as usize) < a.speakers.len()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_on_tricky_text(text in tricky_text()) {
        check(&text);
    }

    #[test]
    fn never_panics_on_any_unicode(text in "\\PC{0,400}") {
        check(&text);
    }
}

#[test]
fn unbalanced_marks_do_not_swallow_the_article() {
    let mut text = String::from("He said “this never closes. ");
    for _ in 0..50 {
        text.push_str("More text follows here. ");
    }
    text.push_str("\n\nAnd a “real quote” later.");
    let a = analyze_text(&text);
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.quotes[0].span.text(&text), "real quote");
}

/// Inputs built to defeat pairing and attribution: they must finish (the
/// work is bounded per quotation) and stay well formed.
#[test]
fn pathological_inputs_stay_linear_and_well_formed() {
    let marks: String = "“a ” b „ c “ d « e \" f ' g ”".repeat(20_000);
    check(&marks);
    let mut said = String::new();
    for i in 0..20_000 {
        said.push_str(&format!("“Quote number {i},” he said to Mr Smith and "));
    }
    check(&said);
    let parens = format!(
        "{}Assad said{}",
        "(".repeat(100_000),
        " (Assad".repeat(20_000)
    );
    check(&parens);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Blocks from a buggy cleaner (out of range, overlapping, inside a
    /// character) are skipped, never trusted.
    #[test]
    fn articles_with_broken_blocks_never_panic(
        text in "\\PC{0,200}",
        ranges in prop::collection::vec((0usize..260, 0usize..260), 0..8),
    ) {
        use onrecord::model::{Article, ArticleId, Block, BlockKind, Repairs};
        let blocks = ranges
            .into_iter()
            .enumerate()
            .map(|(i, (a, b))| Block {
                kind: if i % 3 == 0 { BlockKind::Heading } else { BlockKind::Paragraph },
                range: a..b,
            })
            .collect();
        let article = Article {
            id: ArticleId("p".into()),
            path: "p.txt".into(),
            title: String::new(),
            title_from_text: false,
            subtitle: None,
            date: None,
            outlet: None,
            byline: None,
            url: None,
            language: None,
            text: text.clone(),
            blocks,
            set_aside: Vec::new(),
            lossy: false,
            repairs: Repairs::default(),
        };
        let a = onrecord::analyze::analyze(&article);
        for e in &a.entities {
            prop_assert!(text.get(e.span.range()).is_some());
        }
        for q in &a.quotes {
            prop_assert!(text.get(q.span.range()).is_some());
        }
    }
}

//! The cleaner on the five bundled seeds, against the hand-checked
//! expectations in `tests/fixtures/gold_seeds.json`.

use onrecord::clean::clean;
use onrecord::load::embedded_seeds;
use onrecord::model::{Article, BlockKind};
use serde_json::Value;

fn gold() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gold_seeds.json"
    ))
    .expect("gold file readable");
    serde_json::from_str(&text).expect("gold file is JSON")
}

/// Each seed's cleaned article with its gold entry.
fn seeds_with_gold() -> Vec<(String, Article, Value, String)> {
    let gold = gold();
    let seeds = embedded_seeds();
    assert_eq!(seeds.len(), 5);
    seeds
        .into_iter()
        .map(|raw| {
            let name = raw
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let entry = gold["articles"][&name].clone();
            assert!(entry.is_object(), "no gold entry for {name}");
            let raw_text = String::from_utf8_lossy(&raw.bytes).into_owned();
            (name, clean(&raw), entry, raw_text)
        })
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn titles_match_gold() {
    for (name, article, gold, _) in seeds_with_gold() {
        if let Some(title) = gold["title"].as_str() {
            assert_eq!(article.title, title, "{name}");
            assert!(!article.title_from_text, "{name}");
            // The headline stays in the text once, marked, for the
            // analysis; the body the reader shows starts after it.
            let titles: Vec<_> = article
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Title)
                .collect();
            assert_eq!(titles.len(), 1, "{name}");
            let first_shown = article
                .blocks
                .iter()
                .find(|b| !matches!(b.kind, BlockKind::Title | BlockKind::Subtitle))
                .map(|b| article.block_text(b));
            assert_ne!(first_shown, Some(title), "{name}: title repeated in body");
        }
        if gold["title_from_text"].as_bool() == Some(true) {
            assert!(article.title_from_text, "{name}");
            assert_derived_title(&name, &article);
        }
        assert!(!article.title.is_empty(), "{name}");
    }
}

/// A derived title is the first sentence, or a prefix of it cut at a word
/// boundary and marked with an ellipsis.
fn assert_derived_title(name: &str, article: &Article) {
    let first_block = article
        .blocks
        .first()
        .map(|b| article.block_text(b))
        .unwrap_or("");
    let stem = article.title.trim_end_matches('…');
    assert!(
        first_block.starts_with(stem),
        "{name}: {:?} is not a prefix of {first_block:?}",
        article.title
    );
    let next = first_block[stem.len()..].chars().next();
    assert!(
        matches!(next, Some(' ' | '.' | '?' | '!') | None),
        "{name}: title {:?} cut inside a word",
        article.title
    );
    let words = stem.split_whitespace().count();
    assert!((4..=20).contains(&words), "{name}: {} words", words);
    // The cut stays inside the first sentence.
    let first_period = first_block.find(". ").unwrap_or(first_block.len());
    assert!(
        stem.len() <= first_period,
        "{name}: title runs past the sentence"
    );
}

#[test]
fn subtitles_and_dates_match_gold() {
    for (name, article, gold, _) in seeds_with_gold() {
        assert_eq!(
            article.subtitle.as_deref(),
            gold["subtitle"].as_str(),
            "{name}"
        );
        assert_eq!(article.date.as_deref(), gold["date"].as_str(), "{name}");
        if let Some(line) = gold["cleanup"]["date_line"].as_str() {
            assert!(!article.text.contains(line), "{name}: date line left");
            assert!(
                article.text.starts_with(char::is_uppercase),
                "{name}: body starts {:?}",
                &article.text[..20.min(article.text.len())]
            );
        }
    }
}

#[test]
fn set_aside_lines_kept_out_of_the_body() {
    for (name, article, gold, _) in seeds_with_gold() {
        for line in strings(&gold["cleanup"]["set_aside"]) {
            assert!(
                article.set_aside.iter().any(|s| s.text.contains(&line)),
                "{name}: {line:?} not set aside"
            );
            assert!(
                !article.text.contains(&line),
                "{name}: {line:?} still in the body"
            );
        }
    }
}

#[test]
fn garbage_runs_removed() {
    for (name, article, gold, raw) in seeds_with_gold() {
        let Some(garbage) = gold["cleanup"]["garbage"].as_str() else {
            continue;
        };
        assert!(!article.text.contains(garbage), "{name}");
        // The host word now runs straight on to what followed the run.
        let at = raw.find(garbage).expect("garbage is in the raw seed");
        let host_start = raw[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let after: String = raw[at + garbage.len()..].chars().take(12).collect();
        let repaired = format!("{}{}", &raw[host_start..at], after);
        assert!(article.text.contains(&repaired), "{name}: {repaired:?}");
        assert!(article.repairs.garbage_runs >= 1, "{name}");
    }
}

#[test]
fn glued_sentences_split() {
    for (name, article, gold, _) in seeds_with_gold() {
        let glued = strings(&gold["cleanup"]["glued_sentences"]);
        for pair in &glued {
            assert!(!article.text.contains(pair.as_str()), "{name}: {pair:?}");
            let split_at = pair
                .char_indices()
                .find(|&(i, c)| i > 0 && c.is_uppercase())
                .map(|(i, _)| i)
                .expect("a capital starts the second sentence");
            let fixed = format!("{} {}", &pair[..split_at], &pair[split_at..]);
            assert!(article.text.contains(&fixed), "{name}: {fixed:?}");
        }
        assert!(article.repairs.glued_sentences >= glued.len(), "{name}");
    }
}

#[test]
fn list_items_and_headings() {
    for (name, article, gold, _) in seeds_with_gold() {
        if let Some(n) = gold["cleanup"]["list_items"].as_u64() {
            let items = article
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::ListItem)
                .count();
            assert_eq!(items as u64, n, "{name}");
        }
        if article.text.contains("At a Glance") {
            let heading = article
                .blocks
                .iter()
                .find(|b| article.block_text(b) == "At a Glance")
                .expect("At a Glance is its own block");
            assert_eq!(heading.kind, BlockKind::Heading, "{name}");
        }
    }
}

#[test]
fn stray_periods_tidied() {
    for (name, article, _, raw) in seeds_with_gold() {
        if raw.contains(". .") {
            assert!(!article.text.contains(". ."), "{name}");
        }
    }
}

#[test]
fn blocks_are_valid_ranges_of_the_body() {
    for (name, article, _, _) in seeds_with_gold() {
        assert!(!article.blocks.is_empty(), "{name}");
        let mut rebuilt = String::new();
        for block in &article.blocks {
            let range = block.range.clone();
            assert!(range.start < range.end, "{name}: empty block");
            assert!(article.text.is_char_boundary(range.start), "{name}");
            assert!(article.text.is_char_boundary(range.end), "{name}");
            let text = article.text.get(range).expect("range inside text");
            assert!(!text.contains('\n'), "{name}: newline inside a block");
            assert_eq!(text, text.trim(), "{name}: untrimmed block");
            if !rebuilt.is_empty() {
                rebuilt.push_str("\n\n");
            }
            rebuilt.push_str(text);
        }
        assert_eq!(rebuilt, article.text, "{name}: blocks do not tile the body");
        for field in [&article.title]
            .into_iter()
            .chain(article.subtitle.as_ref())
            .chain(article.set_aside.iter().map(|s| &s.text))
        {
            assert!(!field.contains('\n'), "{name}: {field:?}");
        }
    }
}

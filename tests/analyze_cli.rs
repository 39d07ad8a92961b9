//! `onrecord analyze` through the binary.

use assert_cmd::Command;
use serde_json::Value;

fn onrecord() -> Command {
    Command::cargo_bin("onrecord").expect("binary")
}

/// Every offset slices `text` to the reported text.
fn check_record(r: &Value) {
    let text = r["text"].as_str().expect("text");
    for key in ["path", "title", "date", "entities", "quotes"] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    let slice = |v: &Value| {
        let s = v["start"].as_u64().expect("start") as usize;
        let e = v["end"].as_u64().expect("end") as usize;
        text.get(s..e)
            .expect("offsets on char boundaries")
            .to_string()
    };
    for e in r["entities"].as_array().expect("entities") {
        assert_eq!(slice(e), e["text"].as_str().expect("text"));
        let kind = e["kind"].as_str().expect("kind");
        assert!(
            ["person", "organization", "place", "group"].contains(&kind),
            "{kind}"
        );
    }
    for q in r["quotes"].as_array().expect("quotes") {
        assert_eq!(slice(q), q["text"].as_str().expect("text"));
        let kind = q["kind"].as_str().expect("kind");
        assert!(["full", "partial", "term"].contains(&kind), "{kind}");
        assert!(q["speaker"].is_null() || q["speaker"].is_string());
        assert!(q["cue"].is_null() || q["cue"].is_string());
        let m = &q["speaker_mention"];
        if !m.is_null() {
            assert_eq!(slice(m), m["text"].as_str().expect("mention text"));
        }
    }
}

#[test]
fn json_on_seeds_parses_and_offsets_slice_text() {
    let out = onrecord()
        .args(["analyze", "--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let records: Value = serde_json::from_slice(&out.stdout).expect("json");
    let records = records.as_array().expect("array");
    assert_eq!(records.len(), 5);
    for r in records {
        check_record(r);
    }
    let speakers: Vec<&str> = records
        .iter()
        .flat_map(|r| r["quotes"].as_array().into_iter().flatten())
        .filter_map(|q| q["speaker"].as_str())
        .collect();
    assert!(speakers.contains(&"Dara Massicot"));
}

#[test]
fn jsonl_gives_one_record_per_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.md");
    std::fs::write(
        &a,
        "Headline here\n\n“We will win,” said Jane Doe, a senator from Ohio.\n",
    )
    .expect("write");
    std::fs::write(
        &b,
        "Another one\n\nPeskov said nothing. “No comment,” he said.\n",
    )
    .expect("write");
    let out = onrecord()
        .args(["analyze", "--format", "jsonl"])
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .expect("utf8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    for r in &lines {
        check_record(r);
    }
    assert_eq!(lines[0]["quotes"][0]["speaker"], "Jane Doe");
    assert_eq!(lines[0]["quotes"][0]["cue"], "said");
}

#[test]
fn text_format_groups_quotes_by_speaker() {
    let out = onrecord()
        .args(["analyze", "--format", "text"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf8");
    let massicot = text.find("\n  Dara Massicot").expect("speaker heading");
    assert!(text[massicot..].contains("“My guess is that Russia wants"));
}

#[test]
fn missing_path_exits_2_with_message() {
    let out = onrecord()
        .args(["analyze", "/no/such/file.txt"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/file.txt"), "{err}");
}

/// The same files in another order give byte-identical records: speakers'
/// names come from counts over the corpus, never from which file came first.
/// (Invented articles; the rules were developed on the dev corpus.)
#[test]
fn output_does_not_depend_on_the_order_of_the_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = [
        "“Rates will stay low,” said Walter J. Brandt, the central bank governor.",
        "“We are watching prices,” Walter Brandt told reporters on Friday.",
        "“Nothing has changed,” Walter Brandt said in a statement.",
        "“The economy is strong,” Mr. Brandt said.",
        "“We will travel,” said Greta Brandt, his wife.",
        "“The plan is sound,” said Olga Mirren Castell. “It works,” Castell added.",
        "“It will pass,” said Olga Castell, a senator.",
        "“It will not,” said Castell, the senator.",
    ];
    let paths: Vec<String> = articles
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let path = dir.path().join(format!("a{i}.txt"));
            std::fs::write(&path, format!("Headline {i}\n\n{text}\n")).expect("write");
            path.display().to_string()
        })
        .collect();
    let run = |order: &[String]| -> Vec<String> {
        let out = onrecord()
            .args(["analyze", "--format", "jsonl"])
            .args(order)
            .output()
            .expect("run");
        assert!(out.status.success());
        let mut lines: Vec<String> = String::from_utf8(out.stdout)
            .expect("utf-8")
            .lines()
            .map(str::to_string)
            .collect();
        lines.sort();
        lines
    };
    let forward = run(&paths);
    let mut shuffled = paths.clone();
    shuffled.reverse();
    shuffled.swap(0, 3);
    assert_eq!(forward.len(), articles.len());
    assert_eq!(forward, run(&shuffled));
    assert!(forward
        .iter()
        .any(|l| l.contains("\"speaker\":\"Walter Brandt\"")));
}

//! Nothing from a file reaches the terminal unsanitized: escape sequences,
//! control characters, bidi controls and zero-width characters are
//! removed from everything the cleaner emits, and no input makes it panic.

use std::path::PathBuf;

use onrecord::clean::clean;
use onrecord::load::RawDoc;
use onrecord::model::Article;
use proptest::prelude::*;

fn doc(bytes: impl Into<Vec<u8>>) -> RawDoc {
    RawDoc {
        meta: Default::default(),
        path: PathBuf::from("hostile.txt"),
        bytes: bytes.into(),
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
    )
}

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// Every string the cleaner emits, with a label.
fn emitted(article: &Article) -> Vec<(&'static str, &str)> {
    let mut out = vec![("title", article.title.as_str())];
    if let Some(s) = &article.subtitle {
        out.push(("subtitle", s));
    }
    if let Some(d) = &article.date {
        out.push(("date", d));
    }
    out.push(("text", &article.text));
    for s in &article.set_aside {
        out.push(("set_aside", &s.text));
    }
    out
}

/// No control character (the body's block separators aside), no bidi
/// control, no stray zero-width character, and blocks that tile the body.
fn assert_inert(article: &Article) {
    for (field, s) in emitted(article) {
        for c in s.chars() {
            let allowed_newline = field == "text" && c == '\n';
            assert!(
                !c.is_control() || allowed_newline,
                "{field} holds control {:?} in {s:?}",
                c
            );
            assert!(!is_bidi_control(c), "{field} holds bidi {:?}", c);
            assert!(!is_zero_width(c), "{field} holds zero-width {:?}", c);
        }
    }
    let mut rebuilt = String::new();
    for block in &article.blocks {
        let text = article
            .text
            .get(block.range.clone())
            .expect("block range on char boundaries inside the text");
        assert!(!text.is_empty());
        assert!(!text.contains('\n'));
        if !rebuilt.is_empty() {
            rebuilt.push_str("\n\n");
        }
        rebuilt.push_str(text);
    }
    assert_eq!(rebuilt, article.text);
}

const HOSTILE: &str = "Headline \u{1b}[2Jwith a clear screen\n\
    \n\
    Body starts here\u{1b}]52;c;aGVsbG8=\u{7} and keeps going. \
    Follow \u{1b}]8;;https://x.example/\u{1b}\\the link\u{1b}]8;;\u{1b}\\ to read more. \
    A C1 sequence\u{9b}31m stays inert. Reversed \u{202e}txet\u{202c} is plain. \
    Zero\u{200b}width and soft\u{ad}hyphen and BOM\u{feff} go. Tab\there.\n\
    \n\
    Photo: \u{1b}[31mRed\u{1b}[0m Reuters\n\
    \n\
    Last paragraph\u{7} with a bell.\n";

#[test]
fn hostile_file_cleans_to_inert_text() {
    let article = clean(&doc(HOSTILE));
    assert_inert(&article);
    for (field, s) in emitted(&article) {
        assert!(!s.contains('\u{1b}'), "{field}");
        assert!(!s.chars().any(is_zero_width), "{field}: {s:?}");
        // Parameter bytes of the removed sequences are gone too.
        for leftover in ["[2J", "52;c", "aGVsbG8", "8;;", "x.example", "31m", "[0m"] {
            assert!(!s.contains(leftover), "{field} keeps {leftover:?}: {s:?}");
        }
    }
    assert_eq!(article.title, "Headline with a clear screen");
    for visible in [
        "Body starts here and keeps going.",
        "Follow the link to read more.",
        "A C1 sequence stays inert.",
        "Reversed txet is plain.",
        "Zerowidth and softhyphen and BOM go.",
        "Tab here.",
        "Last paragraph with a bell.",
    ] {
        assert!(
            article.text.contains(visible),
            "{visible:?} in {:?}",
            article.text
        );
    }
    let caption = &article.set_aside.first().expect("caption set aside").text;
    assert_eq!(caption, "Photo: Red Reuters");
    assert!(article.repairs.unsafe_chars >= 12, "{:?}", article.repairs);
}

#[test]
fn invalid_utf8_is_decoded_lossily_and_marked() {
    // UTF-8 (the curly quotes) with one damaged byte: not another encoding.
    let mut bytes = "Title\n\nStandfirst\n\n“Body” with a bad byte "
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"\xff here and more text.");
    bytes.extend_from_slice(b"\n\nAnother paragraph.");
    let article = clean(&doc(bytes));
    assert!(article.lossy);
    assert!(
        article.text.contains("bad byte \u{fffd} here"),
        "{}",
        article.text
    );
    let fine = clean(&doc("Title\n\nBody."));
    assert!(!fine.lossy);
}

#[test]
fn empty_and_blank_files_give_an_article_named_after_the_file() {
    for bytes in [&b""[..], b"\n\n \t\n", b"\x1b[2J\x1b]0;x\x07"] {
        let article = clean(&doc(bytes));
        assert_eq!(article.title, "hostile");
        assert!(article.blocks.is_empty());
        assert_inert(&article);
    }
}

/// Text built from the pieces that make cleaning hard.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("  • ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just(". ".to_string()),
        Just(".".to_string()),
        Just("U.S.".to_string()),
        Just("HTSHTSHTSHTS".to_string()),
        Just("\u{1b}[".to_string()),
        Just("\u{1b}]8;;".to_string()),
        Just("\u{1b}\\".to_string()),
        Just("\u{9b}".to_string()),
        Just("\u{7}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200d}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{ad}".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{1f468}".to_string()),
        Just("Source ".to_string()),
        Just("you may also like".to_string()),
        Just("Date: 2024-12-10".to_string()),
        "[A-Za-z]{1,12}",
        "[ a-z]{1,40}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic_or_leak_controls(bytes in prop::collection::vec(any::<u8>(), 0..1500)) {
        assert_inert(&clean(&doc(bytes)));
    }

    #[test]
    fn tricky_text_never_panics_or_leaks_controls(text in tricky_text()) {
        assert_inert(&clean(&doc(text)));
    }
}

#[test]
fn display_helper_sanitizes_other_strings_to_one_line() {
    use onrecord::clean::sanitize::for_display;
    assert_eq!(
        for_display("dir/\u{1b}[2Jnews\u{202e}\nfile\u{1b}]52;c;aGk=\u{7}.txt"),
        "dir/news file.txt"
    );
}

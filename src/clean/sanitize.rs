//! Sanitize: make decoded text safe to print before anything reads it.
//!
//! A news file is untrusted input that ends up on a terminal. Terminal
//! escape sequences (which can clear the screen, write the clipboard or
//! forge links), control characters, bidi overrides (which make text read
//! differently from how it is stored) and stray zero-width characters are
//! removed here, once, so every later stage works on inert text.

/// The result of sanitizing: inert text with only `'\n'` line breaks.
pub(crate) struct Sanitized {
    pub text: String,
    /// How many escape sequences and unsafe characters were removed.
    pub removed: usize,
}

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// C1 String Terminator.
const ST: char = '\u{9c}';

/// Removes escape sequences and unsafe characters; turns CRLF, CR and the
/// other line separators into `'\n'` and tabs into spaces.
///
/// Runs in one pass over the input: every sequence is skipped by moving a
/// cursor forward, never by rebuilding the string.
pub(crate) fn sanitize(input: &str) -> Sanitized {
    let mut text = String::with_capacity(input.len());
    let mut removed = 0;
    let mut i = 0;
    let bytes = input.as_bytes();
    while let Some(c) = char_at(input, i) {
        // Copy a run of printable ASCII in one step.
        let plain = bytes[i..]
            .iter()
            .take_while(|&&b| (b' '..=b'~').contains(&b))
            .count();
        if plain > 0 {
            text.push_str(&input[i..i + plain]);
            i += plain;
            continue;
        }
        let next = i + c.len_utf8();
        i = match c {
            '\n' => {
                text.push('\n');
                next
            }
            '\r' => {
                text.push('\n');
                if char_at(input, next) == Some('\n') {
                    next + 1
                } else {
                    next
                }
            }
            // Vertical tab, form feed, NEL and the Unicode separators all
            // end a line; keeping the break keeps the text's shape.
            '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                text.push('\n');
                next
            }
            '\t' => {
                text.push(' ');
                next
            }
            ESC => {
                removed += 1;
                skip_escape(input, next)
            }
            '\u{9b}' => {
                removed += 1;
                skip_csi(input, next)
            }
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                removed += 1;
                skip_string(input, next)
            }
            '\u{200d}' => {
                if joins_visible(text.chars().next_back(), char_at(input, next)) {
                    text.push(c);
                } else {
                    removed += 1;
                }
                next
            }
            c if c.is_control() || is_invisible_hazard(c) => {
                removed += 1;
                next
            }
            c => {
                text.push(c);
                next
            }
        };
    }
    Sanitized { text, removed }
}

/// Sanitizes any string for display on one line: escapes and unsafe
/// characters removed, every run of whitespace (line breaks included)
/// turned into one space.
///
/// For text that did not come through [`crate::clean::clean`], such as file
/// paths, before it is shown on the terminal.
pub fn for_display(s: &str) -> String {
    let sanitized = sanitize(s);
    let mut out = String::with_capacity(sanitized.text.len());
    for word in sanitized.text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Sanitizes text that may span lines (a note, a quoted passage) for
/// storing or printing: escapes and unsafe characters removed, line breaks
/// kept as `'\n'`.
pub fn inert(s: &str) -> String {
    sanitize(s).text
}

/// Whether `s` can be shown as it is: no control character (line breaks
/// included), escape, bidi control or other invisible hazard.
pub fn is_inert_line(s: &str) -> bool {
    !s.chars().any(is_unsafe_char)
}

/// Shows a name that came from outside (a file name, a path, an error that
/// quotes one) on one line, with every unsafe character made visible
/// instead of removed, so the user can still tell which file is meant:
/// ESC as `\e`, line breaks and tabs as `\n`, `\r`, `\t`, other controls
/// as `\xNN`, C1 controls, bidi controls and invisible characters as
/// `\u{NNNN}`.
pub fn visible(s: &str) -> String {
    if is_inert_line(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ESC => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{200d}' if joins_visible(prev, chars.peek().copied()) => out.push(c),
            c if c.is_ascii_control() => {
                let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\x{:02x}", c as u32));
            }
            c if is_unsafe_char(c) => {
                let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Makes serialized JSON safe to print: the C1 controls, bidi controls and
/// invisible characters serde leaves as they are become `\uNNNN` escapes
/// (serde already escapes the C0 controls). Outside strings JSON is ASCII,
/// so only string contents change, and they decode to the same text.
pub fn json_escape_unsafe(json: String) -> String {
    if !json.chars().any(|c| !c.is_ascii() && is_unsafe_char(c)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if !c.is_ascii() && is_unsafe_char(c) {
            // Every such character is in the Basic Multilingual Plane.
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters never shown raw on one line: controls (C0, DEL, C1), line
/// and paragraph separators, and the invisible hazards.
fn is_unsafe_char(c: char) -> bool {
    c.is_control() || is_invisible_hazard(c) || matches!(c, '\u{200d}' | '\u{2028}' | '\u{2029}')
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// Characters that are invisible but change how text reads or compares:
/// bidi embeddings, overrides, isolates and marks; zero-width spaces and
/// joiners outside emoji; the soft hyphen; invisible operators.
fn is_invisible_hazard(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
    )
}

/// A zero-width joiner is kept only between two visible non-ASCII
/// characters, where it builds emoji sequences and Indic conjuncts; next to
/// ASCII text it can only hide something.
fn joins_visible(before: Option<char>, after: Option<char>) -> bool {
    let visible = |c: Option<char>| {
        c.is_some_and(|c| {
            !c.is_ascii() && !c.is_whitespace() && !c.is_control() && !is_invisible_hazard(c)
        })
    };
    visible(before) && visible(after)
}

/// Skips what follows an ESC; returns the index after the sequence.
fn skip_escape(s: &str, i: usize) -> usize {
    match char_at(s, i) {
        Some('[') => skip_csi(s, i + 1),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(s, i + 1),
        // nF: intermediates, then one final byte (charset designations).
        Some(' '..='/') => {
            let mut j = i;
            while let Some(c @ ' '..='/') = char_at(s, j) {
                j += c.len_utf8();
            }
            match char_at(s, j) {
                Some('0'..='~') => j + 1,
                _ => j,
            }
        }
        // Fp, Fe and Fs: a single final byte (ESC 7, ESC c, ESC M, …).
        Some('0'..='~') => i + 1,
        // A lone ESC before a newline, a non-ASCII character or the end.
        _ => i,
    }
}

/// Skips a control sequence's parameter and intermediate bytes and its
/// final byte. A byte that cannot belong to the sequence ends it and is kept.
fn skip_csi(s: &str, mut i: usize) -> usize {
    while let Some(c @ ' '..='?') = char_at(s, i) {
        i += c.len_utf8();
    }
    match char_at(s, i) {
        Some('@'..='~') => i + 1,
        _ => i,
    }
}

/// Skips a control string (OSC, DCS, SOS, PM, APC) through its terminator:
/// BEL, ESC `\` or the C1 ST. An unterminated string ends before the next
/// line break, so one stray byte cannot swallow the rest of the article.
fn skip_string(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(s, i) {
        match c {
            BEL | ST => return i + c.len_utf8(),
            // CAN and SUB abort a sequence in terminals too.
            '\u{18}' | '\u{1a}' => return i + 1,
            ESC => {
                return if char_at(s, i + 1) == Some('\\') {
                    i + 2
                } else {
                    // Another sequence starts here; let the caller see it.
                    i
                };
            }
            '\n' | '\r' => return i,
            _ => i += c.len_utf8(),
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        sanitize(s).text
    }

    #[test]
    fn csi_removed_whole() {
        assert_eq!(clean("a\u{1b}[2Jb\u{1b}[1;31mc\u{1b}[0m"), "abc");
        assert_eq!(clean("x\u{9b}31my"), "xy");
    }

    #[test]
    fn osc_removed_whole_and_link_text_kept() {
        assert_eq!(clean("a\u{1b}]52;c;aGVsbG8=\u{7}b"), "ab");
        assert_eq!(
            clean("see \u{1b}]8;;https://x.example/\u{1b}\\text\u{1b}]8;;\u{1b}\\ now"),
            "see text now"
        );
        assert_eq!(clean("a\u{9d}0;title\u{9c}b"), "ab");
    }

    #[test]
    fn dcs_and_apc_removed() {
        assert_eq!(clean("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b"), "ab");
        assert_eq!(clean("a\u{1b}_payload\u{1b}\\b"), "ab");
    }

    #[test]
    fn unterminated_string_stops_at_line_end() {
        assert_eq!(clean("a\u{1b}]0;never ends\nnext line"), "a\nnext line");
    }

    #[test]
    fn nested_escape_in_string_is_handled_without_recursion() {
        let input = "\u{1b}]".repeat(10_000) + "\ntail";
        assert_eq!(clean(&input), "\ntail");
    }

    #[test]
    fn line_endings_normalized() {
        assert_eq!(clean("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(clean("a\tb"), "a b");
    }

    #[test]
    fn bidi_and_zero_width_removed() {
        let s = sanitize("ab\u{202e}cd\u{2066}e\u{2069}\u{200b}f\u{ad}g\u{feff}");
        assert_eq!(s.text, "abcdefg");
        assert_eq!(s.removed, 6);
    }

    #[test]
    fn zwj_kept_in_emoji_only() {
        let family = "\u{1f468}\u{200d}\u{1f469}";
        assert_eq!(clean(family), family);
        assert_eq!(clean("a\u{200d}b"), "ab");
    }

    #[test]
    fn visible_escapes_every_unsafe_character() {
        assert_eq!(visible("plain name.txt"), "plain name.txt");
        assert_eq!(visible("a\u{1b}]0;x\u{7}b\nc"), "a\\e]0;x\\x07b\\nc");
        assert_eq!(visible("x\u{9b}2Jy"), "x\\u{9b}2Jy");
        assert_eq!(visible("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(visible("\u{7f}\u{2028}"), "\\x7f\\u{2028}");
        let family = "\u{1f468}\u{200d}\u{1f469}";
        assert_eq!(visible(family), family);
        assert_eq!(visible("a\u{200d}b"), "a\\u{200d}b");
        assert!(!visible("\u{1b}\u{9b}\u{85}")
            .chars()
            .any(|c| c.is_control()));
    }

    #[test]
    fn json_keeps_its_meaning_without_raw_c1_or_bidi() {
        let value =
            serde_json::json!({"path": "a\u{9b}2J\u{202e}b\u{1b}c\u{1f468}\u{200d}\u{1f469}"});
        let text = json_escape_unsafe(serde_json::to_string(&value).unwrap());
        assert!(!text
            .chars()
            .any(|c| c.is_control() || is_invisible_hazard(c)));
        assert!(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("\\u001b"));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn inert_keeps_lines() {
        assert_eq!(inert("one\u{1b}[2J\ntwo\u{1b}]52;c;eA==\u{7}"), "one\ntwo");
        assert!(is_inert_line("fine"));
        assert!(!is_inert_line("a\nb"));
    }

    #[test]
    fn display_is_one_line() {
        assert_eq!(for_display("a\n\u{1b}[31mb\tc"), "a b c");
    }
}

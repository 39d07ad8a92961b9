//! Lines: sanitized text split into lines with their whitespace collapsed
//! and their list or heading markers recognised.

/// What a line is, judged from its own characters alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Empty, a horizontal rule, or a line the cleaner took out.
    Blank,
    /// Starts with a bullet or a list number.
    Bullet,
    /// A Markdown `#` heading.
    MarkedHeading,
    /// A Markdown `>` quotation line (also an embedded post, see
    /// `markup`).
    Quote,
    Plain,
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub kind: LineKind,
    /// Leading whitespace, in characters: tells wrapped list items from
    /// lines after the list.
    pub indent: usize,
    /// The text with whitespace runs collapsed to one space and the marker
    /// (bullet, `#`) removed. Numbered items keep their number.
    pub text: String,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.kind == LineKind::Blank
    }

    /// Takes the line out of the body; it then separates paragraphs like a
    /// blank line.
    pub fn remove(&mut self) -> String {
        self.kind = LineKind::Blank;
        std::mem::take(&mut self.text)
    }
}

/// Splits sanitized text into lines.
pub(crate) fn split(text: &str) -> Vec<Line> {
    text.split('\n').map(parse_line).collect()
}

fn parse_line(raw: &str) -> Line {
    let indent = raw.chars().take_while(|c| c.is_whitespace()).count();
    let trimmed = raw.trim();
    if trimmed.is_empty() || is_rule(trimmed) {
        return Line {
            kind: LineKind::Blank,
            indent,
            text: String::new(),
        };
    }
    let (kind, rest) = if let Some(rest) = strip_bullet(trimmed) {
        (LineKind::Bullet, rest)
    } else if let Some(rest) = strip_markdown_heading(trimmed) {
        (LineKind::MarkedHeading, rest)
    } else if let Some(rest) = trimmed.strip_prefix('>') {
        (LineKind::Quote, rest.trim_start())
    } else {
        (LineKind::Plain, trimmed)
    };
    let text = collapse_whitespace(rest);
    let kind = if text.is_empty() {
        LineKind::Blank
    } else {
        kind
    };
    Line { kind, indent, text }
}

/// Joins the words of `s` with single spaces.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `---`, `***`, `___`, `* * *`: a thematic break.
fn is_rule(s: &str) -> bool {
    let mut marks = s.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_' | '=' | '~')
        && s.chars().filter(|c| !c.is_whitespace()).count() >= 3
        && marks.all(|c| c == first)
}

/// Bullet characters that mark a list item on their own.
const BULLETS: &[char] = &[
    '•', '·', '‣', '◦', '▪', '▫', '●', '○', '■', '□', '►', '▸', '▹', '➢', '➤', '⁃',
];

/// The item text when `s` starts with a list marker: a bullet character,
/// `-`, `*` or `+` and a space, or a number of up to three digits followed
/// by `.` or `)` and a space (kept: the order is part of the text).
fn strip_bullet(s: &str) -> Option<&str> {
    let first = s.chars().next()?;
    if BULLETS.contains(&first) {
        return Some(s[first.len_utf8()..].trim_start());
    }
    if matches!(first, '-' | '*' | '+') {
        let rest = &s[1..];
        return rest
            .starts_with(char::is_whitespace)
            .then(|| rest.trim_start());
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &s[digits..];
        if (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2 {
            return Some(s);
        }
    }
    None
}

fn strip_markdown_heading(s: &str) -> Option<&str> {
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &s[hashes..];
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim().trim_end_matches('#').trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_recognised() {
        let lines = split("  • one\n- two\n* three\n1. four\n2) five\n-minus\n2024. year");
        let kinds: Vec<_> = lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Bullet,
                LineKind::Bullet,
                LineKind::Bullet,
                LineKind::Bullet,
                LineKind::Bullet,
                LineKind::Plain,
                LineKind::Plain
            ]
        );
        assert_eq!(lines[0].text, "one");
        assert_eq!(lines[0].indent, 2);
        assert_eq!(lines[3].text, "1. four");
    }

    #[test]
    fn whitespace_collapsed_and_rules_blank() {
        let lines = split("a   b \u{a0} c\n---\n## Heading ##");
        assert_eq!(lines[0].text, "a b c");
        assert!(lines[1].is_blank());
        assert_eq!(lines[2].kind, LineKind::MarkedHeading);
        assert_eq!(lines[2].text, "Heading");
    }
}

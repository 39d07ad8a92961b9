//! Date: the publication date from a metadata line ("Published 10 December
//! 2024") or glued to the start of the body ("date 2024-12-10 Moscow is…").
//!
//! Dates in the middle of prose are never taken: a story mentions many
//! dates, and only a line that is about the article says when it appeared.

use chrono::NaiveDate;

use super::lines::{Line, LineKind};

/// How many non-blank lines from the top count as the article's header,
/// where a bare date line or a date glued to the text is metadata.
const HEADER_LINES: usize = 4;

/// Labels that introduce a metadata date, longest first so that
/// "published on" wins over "published".
const LABELS: &[&str] = &[
    "publication date",
    "last updated on",
    "first published on",
    "first published",
    "published on",
    "published at",
    "last updated",
    "release date",
    "updated on",
    "posted on",
    "published",
    "updated",
    "posted",
    "dated",
    "date",
];

/// Finds the publication date, removes the line (or the glued prefix) that
/// carried it, and returns it as ISO `YYYY-MM-DD`.
pub(crate) fn take_date(lines: &mut [Line]) -> Option<String> {
    let mut seen = 0;
    for line in lines.iter_mut() {
        if line.kind != LineKind::Plain {
            if !line.is_blank() {
                seen += 1;
            }
            continue;
        }
        let in_header = seen < HEADER_LINES;
        seen += 1;
        let Some(found) = metadata_date(&line.text, in_header) else {
            if in_header {
                if let Some((date, rest)) = date_segment(&line.text) {
                    line.text = rest;
                    return Some(date.format("%Y-%m-%d").to_string());
                }
            }
            continue;
        };
        match found.rest {
            None => {
                line.remove();
            }
            Some(start) => {
                line.text = line.text.get(start..).unwrap_or("").to_string();
            }
        }
        return Some(found.date.format("%Y-%m-%d").to_string());
    }
    None
}

/// Separators between the parts of a byline or dateline.
const SEGMENT_SEPARATORS: &[char] = &['|', '•', '·'];
/// A header line split into segments is short.
const SEGMENTED_MAX_WORDS: usize = 16;

/// "By Jane Doe | December 10, 2024": a short header line whose parts are
/// set off by separators, one of them a date. Returns the date and the
/// line without it (or the time next to it).
fn date_segment(text: &str) -> Option<(NaiveDate, String)> {
    if !text.contains(SEGMENT_SEPARATORS) || text.split_whitespace().count() > SEGMENTED_MAX_WORDS {
        return None;
    }
    let segments: Vec<&str> = text.split(SEGMENT_SEPARATORS).map(str::trim).collect();
    let (index, date) = segments.iter().enumerate().find_map(|(i, seg)| {
        let found = metadata_date(seg, true)?;
        found.rest.is_none().then_some((i, found.date))
    })?;
    let rest: Vec<&str> = segments
        .iter()
        .enumerate()
        .filter(|&(i, seg)| i != index && !is_time_only(seg))
        .map(|(_, seg)| *seg)
        .collect();
    Some((date, rest.join(" | ")))
}

/// A date found on a line.
#[derive(Debug, PartialEq)]
struct LineDate {
    date: NaiveDate,
    /// Where the body text resumes when the date was glued to it; `None`
    /// when the whole line was metadata.
    rest: Option<usize>,
}

/// The date when `text` is a metadata line or starts with a labelled (or
/// ISO) date glued to the body. Bare dates and glued dates only count in
/// the header.
fn metadata_date(text: &str, in_header: bool) -> Option<LineDate> {
    let (labelled, after_label) = match strip_label(text) {
        Some(rest) => (true, rest),
        None if in_header => (false, 0),
        None => return None,
    };
    let found = parse_date_prefix(&text[after_label..])?;
    let tail_start = after_label + found.len;
    let tail = &text[tail_start..];
    if is_metadata_tail(tail) {
        return Some(LineDate {
            date: found.date,
            rest: None,
        });
    }
    let glued_ok = in_header && (labelled || found.iso);
    if !glued_ok || !tail.starts_with(' ') {
        return None;
    }
    let rest = tail_start + (tail.len() - tail.trim_start().len());
    Some(LineDate {
        date: found.date,
        rest: Some(rest),
    })
}

/// The byte offset after a metadata label and its separator.
fn strip_label(text: &str) -> Option<usize> {
    let label = LABELS.iter().find(|l| {
        text.get(..l.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(l))
            && !text[l.len()..].starts_with(|c: char| c.is_alphanumeric())
    })?;
    let rest = &text[label.len()..];
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|')
            })
            .len();
    Some(label.len() + skipped)
}

/// What may follow a date on a metadata line: a time, a zone, separators,
/// or a second labelled date ("| Updated 11 Dec 2024").
fn is_metadata_tail(tail: &str) -> bool {
    let tail = tail.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '-' | '–' | '—' | '·' | '•' | '/')
    });
    if tail.is_empty() {
        return true;
    }
    if let Some(after) = strip_label(tail) {
        if let Some(found) = parse_date_prefix(&tail[after..]) {
            return is_time_only(&tail[after + found.len..]);
        }
    }
    is_time_only(tail)
}

fn is_time_only(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .all(is_time_word)
}

fn is_time_word(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    let lower = lower.as_str();
    if matches!(
        lower,
        "at" | "am" | "pm" | "a.m." | "p.m." | "-" | "–" | "—" | "·" | "•" | "/" | "h"
    ) {
        return true;
    }
    // 10:30, 10.30am, 5pm, 17h30
    let digits_and_seps = lower
        .trim_end_matches("a.m.")
        .trim_end_matches("p.m.")
        .trim_end_matches("am")
        .trim_end_matches("pm");
    if !digits_and_seps.is_empty()
        && digits_and_seps.starts_with(|c: char| c.is_ascii_digit())
        && digits_and_seps
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'h'))
    {
        return true;
    }
    // GMT, EST, CET, UTC+3, GMT+01:00
    let zone = w.split(['+', '-']).next().unwrap_or("");
    (2..=5).contains(&zone.len())
        && zone.chars().all(|c| c.is_ascii_uppercase())
        && w[zone.len()..]
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ':'))
}

/// A date at the start of a string.
#[derive(Debug, PartialEq)]
struct DatePrefix {
    date: NaiveDate,
    /// Bytes the date took.
    len: usize,
    /// Written year first (2024-12-10), which prose never starts with.
    iso: bool,
}

/// Parses a date at the very start of `s`: ISO (`2024-12-10`, also with a
/// time), day-first or month-first with a month name (`10 December 2024`,
/// `Dec. 10, 2024`, `Tuesday, December 10th, 2024`), or numeric
/// (`10.12.2024` is day-first; `12/10/2024` only when one reading is
/// impossible, since the US and most of the world disagree on it).
fn parse_date_prefix(s: &str) -> Option<DatePrefix> {
    parse_numeric(s).or_else(|| parse_named(s))
}

/// A small cursor over ASCII date syntax.
struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn number(&mut self, max_digits: usize) -> Option<(u32, usize)> {
        let n = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > max_digits {
            return None;
        }
        let value = self.rest()[..n].parse().ok()?;
        self.pos += n;
        Some((value, n))
    }

    fn eat(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn spaces(&mut self) -> usize {
        let n = self.rest().len() - self.rest().trim_start_matches(' ').len();
        self.pos += n;
        n
    }

    fn word(&mut self) -> Option<String> {
        let n = self
            .rest()
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        if n == 0 {
            return None;
        }
        let w = self.rest()[..n].to_ascii_lowercase();
        self.pos += n;
        Some(w)
    }

    /// The date ends at a word boundary.
    fn at_boundary(&self) -> bool {
        !self
            .rest()
            .starts_with(|c: char| c.is_alphanumeric() || c == '_')
    }
}

fn parse_numeric(s: &str) -> Option<DatePrefix> {
    let mut c = Cursor { s, pos: 0 };
    let (a, a_digits) = c.number(4)?;
    let sep = c
        .rest()
        .chars()
        .next()
        .filter(|ch| matches!(ch, '-' | '/' | '.'))?;
    c.eat(sep);
    let (b, _) = c.number(2)?;
    if !c.eat(sep) {
        return None;
    }
    let (d, d_digits) = c.number(4)?;
    let (year, month, day, iso) = if a_digits == 4 {
        if d_digits > 2 {
            return None;
        }
        // 2024-12-10T08:30:00Z: skip the time.
        if c.rest().starts_with('T') && c.rest()[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
            let n = c
                .rest()
                .find(|ch: char| ch.is_whitespace())
                .unwrap_or(c.rest().len());
            c.pos += n;
        }
        (a as i32, b, d, true)
    } else if d_digits == 4 && a_digits <= 2 {
        let (month, day) = match sep {
            '.' => (b, a),
            _ if a > 12 => (b, a),
            _ if b > 12 || a == b => (a, b),
            _ => return None,
        };
        (d as i32, month, day, false)
    } else {
        return None;
    };
    if !c.at_boundary() {
        return None;
    }
    let date = valid_date(year, month, day)?;
    Some(DatePrefix {
        date,
        len: c.pos,
        iso,
    })
}

fn parse_named(s: &str) -> Option<DatePrefix> {
    let mut c = Cursor { s, pos: 0 };
    // An optional weekday: "Tuesday, ", "Tue ".
    let start = c.pos;
    match c.word() {
        Some(w) if crate::wordlists::is_weekday(&w) => {
            c.eat('.');
            c.eat(',');
            if c.spaces() == 0 {
                return None;
            }
        }
        _ => c.pos = start,
    }
    let (month, day) = if let Some(month) = month_name(&mut c) {
        c.eat('.');
        c.spaces();
        let (day, _) = c.number(2)?;
        ordinal_suffix(&mut c);
        (month, day)
    } else {
        let (day, _) = c.number(2)?;
        ordinal_suffix(&mut c);
        if c.spaces() == 0 {
            return None;
        }
        let before_of = c.pos;
        if c.word().as_deref() == Some("of") && c.spaces() > 0 {
        } else {
            c.pos = before_of;
        }
        let month = month_name(&mut c)?;
        c.eat('.');
        (month, day)
    };
    c.eat(',');
    if c.spaces() == 0 {
        return None;
    }
    let (year, digits) = c.number(4)?;
    if digits != 4 || !c.at_boundary() {
        return None;
    }
    let date = valid_date(year as i32, month, day)?;
    Some(DatePrefix {
        date,
        len: c.pos,
        iso: false,
    })
}

fn month_name(c: &mut Cursor<'_>) -> Option<u32> {
    let start = c.pos;
    let word = c.word();
    let month = word.and_then(|w| crate::wordlists::month_number(&w));
    if month.is_none() {
        c.pos = start;
    }
    month
}

fn ordinal_suffix(c: &mut Cursor<'_>) {
    for suffix in ["st", "nd", "rd", "th"] {
        if c.rest()
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case(suffix))
        {
            c.pos += 2;
            return;
        }
    }
}

/// A date in a file path, as scrapers and sites name articles:
/// `outlet_2016-10-12_slug.txt`, `2016/10/12/slug.html`, `20161012-slug`
/// is not taken (it could be any number). Year, month and day must be
/// separated by one of `-`, `_`, `/`, `.` and stand apart from other
/// digits; the last such date in the path wins (the file name before its
/// folders).
pub(crate) fn date_from_path(path: &str) -> Option<String> {
    let b = path.as_bytes();
    let digits = |at: usize, n: usize| -> Option<u32> {
        let part = b.get(at..at + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    };
    let is_sep = |at: usize| matches!(b.get(at), Some(b'-' | b'_' | b'/' | b'.'));
    let mut found = None;
    for start in 0..b.len().saturating_sub(9) {
        if start > 0 && b[start - 1].is_ascii_digit() {
            continue;
        }
        let (Some(year), Some(month), Some(day)) =
            (digits(start, 4), digits(start + 5, 2), digits(start + 8, 2))
        else {
            continue;
        };
        let separated = is_sep(start + 4) && b.get(start + 4) == b.get(start + 7);
        if !separated || b.get(start + 10).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        if let Some(date) = valid_date(year as i32, month, day) {
            found = Some(date.format("%Y-%m-%d").to_string());
        }
    }
    found
}

/// A real calendar date in a plausible range for news.
fn valid_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1800..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_date_prefix(s).map(|d| d.date.format("%Y-%m-%d").to_string())
    }

    #[test]
    fn dates_in_paths() {
        let d = |p: &str| date_from_path(p);
        assert_eq!(
            d("news/breitbart_2016-10-12_the-ninth-circle.txt").as_deref(),
            Some("2016-10-12")
        );
        assert_eq!(
            d("saved/2016/10/12/clinton-wins.html").as_deref(),
            Some("2016-10-12")
        );
        assert_eq!(d("a/2016_03_01_x.md").as_deref(), Some("2016-03-01"));
        // Not dates: mixed separators, too many digits, impossible days,
        // ids.
        for p in [
            "2016-10/12.txt",
            "12016-10-12.txt",
            "2016-10-123.txt",
            "2016-02-30.txt",
            "000_1ff939a3cf694a0b.txt",
            "20161012.txt",
        ] {
            assert_eq!(d(p), None, "{p}");
        }
    }

    #[test]
    fn common_formats() {
        for s in [
            "2024-12-10",
            "2024/12/10",
            "2024-12-10T08:30:00Z",
            "December 10, 2024",
            "Dec. 10, 2024",
            "Dec 10 2024",
            "10 December 2024",
            "10th of December 2024",
            "Tuesday, December 10th, 2024",
            "Tue 10 Dec 2024",
            "10.12.2024",
            "12/13/2024",
            "13/12/2024",
        ] {
            let want = if s.contains("13") {
                "2024-12-13"
            } else {
                "2024-12-10"
            };
            assert_eq!(iso(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn ambiguous_and_invalid_rejected() {
        for s in [
            "12/10/2024",
            "2024-02-30",
            "2024-13-01",
            "10 Decembers 2024",
            "May be",
            "20245-12-10",
        ] {
            assert_eq!(iso(s), None, "{s}");
        }
    }

    fn line_date(s: &str, header: bool) -> Option<(String, Option<String>)> {
        metadata_date(s, header).map(|d| {
            (
                d.date.format("%Y-%m-%d").to_string(),
                d.rest.map(|r| s[r..].to_string()),
            )
        })
    }

    #[test]
    fn metadata_lines() {
        assert_eq!(
            line_date("Published: December 10, 2024 at 10:30 a.m. EST", false),
            Some(("2024-12-10".into(), None))
        );
        assert_eq!(
            line_date("date 2024-12-10 Moscow is trying", true),
            Some(("2024-12-10".into(), Some("Moscow is trying".into())))
        );
        assert_eq!(
            line_date("Updated 10 Dec 2024 | Published 9 Dec 2024", false),
            Some(("2024-12-10".into(), None))
        );
        assert_eq!(
            line_date("10 December 2024", true).map(|d| d.0),
            Some("2024-12-10".into())
        );
    }

    #[test]
    fn date_in_a_byline_segment() {
        let mut lines = super::super::lines::split(
            "Headline\nBy Jane Doe | Dec. 10, 2024 | 5:00 PM\n\nBody text.",
        );
        assert_eq!(take_date(&mut lines).as_deref(), Some("2024-12-10"));
        assert_eq!(lines[1].text, "By Jane Doe");
        let mut prose = super::super::lines::split("Headline\nA | B, not a date 2024-12-10");
        assert_eq!(take_date(&mut prose), None);
    }

    #[test]
    fn prose_dates_ignored() {
        assert_eq!(line_date("10 December 2024 was a cold day.", true), None);
        assert_eq!(
            line_date("On December 10, 2024 the talks began.", true),
            None
        );
        assert_eq!(line_date("Date 2024-12-10 glued to text", false), None);
        assert_eq!(line_date("10 December 2024", false), None);
    }
}

//! Word lists that both [`crate::clean`] and [`crate::analyze`] read:
//! days and months, abbreviations whose period ends no sentence, and
//! typographic quotation marks.
//! Compiled in from `assets/` and parsed once.

use std::collections::HashMap;
use std::sync::OnceLock;

/// What a calendar word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarWord {
    /// The month's number, for a month.
    pub month: Option<u32>,
    /// A short form ("Tue", "Sept"), which alone may be a name ("Sun").
    pub short: bool,
}

struct Lists {
    calendar: HashMap<String, CalendarWord>,
    abbreviations: HashMap<String, ()>,
    opening_quotes: Vec<char>,
    closing_quotes: Vec<char>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut calendar = HashMap::new();
        for line in entries(include_str!("../assets/calendar.txt")) {
            let mut parts = line.split_whitespace();
            let (Some(word), Some(kind)) = (parts.next(), parts.next()) else {
                continue;
            };
            let month = parts.next().and_then(|n| n.parse().ok());
            let short = kind.starts_with("short-");
            calendar.insert(word.to_lowercase(), CalendarWord { month, short });
        }
        let abbreviations = entries(include_str!("../assets/abbreviations.txt"))
            .map(|w| (w.to_lowercase(), ()))
            .collect();
        let mut opening_quotes = Vec::new();
        let mut closing_quotes = Vec::new();
        for line in entries(include_str!("../assets/quotation_marks.txt")) {
            let mut parts = line.split_whitespace();
            let mark = parts.next().and_then(|m| m.chars().next());
            match (mark, parts.next()) {
                (Some(c), Some("open")) => opening_quotes.push(c),
                (Some(c), Some("close")) => closing_quotes.push(c),
                _ => {}
            }
        }
        Lists {
            calendar,
            abbreviations,
            opening_quotes,
            closing_quotes,
        }
    })
}

fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Lowercases an ASCII word into `buf` without allocating; other words
/// allocate.
fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 16];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).unwrap_or(""))
    } else {
        f(&word.to_lowercase())
    }
}

/// A day or month name or short form, in any case.
pub fn calendar_word(word: &str) -> Option<CalendarWord> {
    with_lower(word, |w| lists().calendar.get(w).copied())
}

/// Every calendar word, lowercase: full names and short forms.
pub fn calendar_words() -> impl Iterator<Item = (&'static str, CalendarWord)> {
    lists().calendar.iter().map(|(w, c)| (w.as_str(), *c))
}

/// A full day or month name ("Friday", "March"), in any case.
pub fn is_day_or_month(word: &str) -> bool {
    calendar_word(word).is_some_and(|c| !c.short)
}

/// The number of a month named or abbreviated ("Sept" → 9).
pub fn month_number(word: &str) -> Option<u32> {
    calendar_word(word).and_then(|c| c.month)
}

/// A day of the week, named or abbreviated.
pub fn is_weekday(word: &str) -> bool {
    calendar_word(word).is_some_and(|c| c.month.is_none())
}

/// An abbreviation whose period ends no sentence ("Mr", "Gen", "Inc"), in
/// any case, without its period.
pub fn is_abbreviation(word: &str) -> bool {
    with_lower(word, |w| lists().abbreviations.contains_key(w))
}

/// A typographic opening quotation mark ("“", "„", "«"); straight marks
/// are not.
pub fn is_opening_quote(c: char) -> bool {
    !c.is_ascii() && lists().opening_quotes.contains(&c)
}

/// A typographic closing quotation mark ("”", "’", "»").
pub fn is_closing_quote(c: char) -> bool {
    !c.is_ascii() && lists().closing_quotes.contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_and_abbreviations_answer() {
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("december"), Some(12));
        assert_eq!(month_number("Friday"), None);
        assert!(is_weekday("Tue") && is_weekday("SUNDAY"));
        assert!(is_day_or_month("May") && !is_day_or_month("Sun"));
        assert!(calendar_word("Smith").is_none());
        assert!(is_abbreviation("Gen") && is_abbreviation("inc"));
        assert!(!is_abbreviation("said"));
        assert!(is_opening_quote('“') && is_opening_quote('«') && !is_opening_quote('"'));
        assert!(is_closing_quote('”') && is_closing_quote('›') && !is_closing_quote('“'));
    }
}

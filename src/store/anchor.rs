//! Finding a passage again in a text that may have changed, in the manner of
//! the W3C Web Annotation selectors: a [`TextQuoteSelector`] (the exact text
//! with some context either side) and a [`TextPositionSelector`] (offsets in
//! characters, not bytes).
//!
//! [`anchor`] tries, in order: the old position, if its text still equals
//! `exact`; the exact occurrences of `exact`, ranked by how much context
//! agrees and by nearness to the old position; a bounded fuzzy match near
//! the old position or next to the context, accepted only when the prefix or
//! the suffix agrees too. Otherwise the passage is orphaned: the caller
//! keeps it and shows it apart, never drops it.

use std::ops::Range;

/// Characters of context kept either side of a quoted passage.
pub const CONTEXT_CHARS: usize = 32;
/// Passages shorter than this (in characters) are never matched fuzzily:
/// too short to tell an edit from a different passage.
pub const MIN_FUZZY_CHARS: usize = 8;
/// A fuzzy match may differ from the passage by at most this share of its
/// length (in edits per character): one in five.
const FUZZY_ERROR_DIVISOR: usize = 5;
/// How far (in characters) either side of the old position a fuzzy search
/// looks.
const FUZZY_REACH_CHARS: usize = 2_000;
/// Upper bound on fuzzy matching work (dynamic-programming cells) per
/// passage, so that a huge passage in a huge text cannot stall the reader.
const MAX_FUZZY_CELLS: usize = 20_000_000;
/// Context occurrences tried as fuzzy search seeds.
const MAX_CONTEXT_SEEDS: usize = 16;
/// Exact occurrences looked at; more than this and the passage is too common
/// to place by quote.
const MAX_OCCURRENCES: usize = 10_000;
/// This many characters of context agreeing count as "the context agrees".
const CONTEXT_AGREEMENT_CHARS: usize = 8;

/// The quoted passage with up to [`CONTEXT_CHARS`] characters either side.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextQuoteSelector {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// A passage's place as character offsets (Unicode scalar values), `start`
/// inclusive, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextPositionSelector {
    pub start: usize,
    pub end: usize,
}

/// Both selectors of one passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    pub quote: TextQuoteSelector,
    pub position: TextPositionSelector,
}

/// How a passage was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum How {
    /// At its old position, unchanged.
    Position,
    /// Its exact text, elsewhere: the text around it changed.
    Quote,
    /// A near match: the passage itself was edited a little.
    Fuzzy,
}

/// Where a passage is in the current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// Found: `range` is a byte range of the current text.
    Anchored { range: Range<usize>, how: How },
    /// Not found. The annotation is kept and listed as orphaned.
    Orphaned,
}

impl Anchor {
    /// The byte range, when anchored.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Anchor::Anchored { range, .. } => Some(range.clone()),
            Anchor::Orphaned => None,
        }
    }
}

impl Selector {
    /// Describes the passage at byte `range` of `text`. `None` when the range
    /// is empty, out of bounds or not on character boundaries.
    pub fn from_range(text: &str, range: Range<usize>) -> Option<Selector> {
        let exact = text.get(range.clone())?;
        if exact.is_empty() {
            return None;
        }
        let before = text.get(..range.start)?;
        let after = text.get(range.end..)?;
        let start = before.chars().count();
        let end = start + exact.chars().count();
        Some(Selector {
            quote: TextQuoteSelector {
                exact: exact.to_string(),
                prefix: last_chars(before, CONTEXT_CHARS).to_string(),
                suffix: first_chars(after, CONTEXT_CHARS).to_string(),
            },
            position: TextPositionSelector { start, end },
        })
    }
}

/// Finds the passage described by `selector` in `text`.
pub fn anchor(text: &str, selector: &Selector) -> Anchor {
    let quote = &selector.quote;
    if quote.exact.is_empty() {
        return Anchor::Orphaned;
    }
    let offsets = CharOffsets::new(text);
    if let Some(range) = at_position(text, &offsets, selector) {
        return Anchor::Anchored {
            range,
            how: How::Position,
        };
    }
    if let Some(range) = by_quote(text, &offsets, selector) {
        return Anchor::Anchored {
            range,
            how: How::Quote,
        };
    }
    if let Some(range) = fuzzy(text, &offsets, selector) {
        return Anchor::Anchored {
            range,
            how: How::Fuzzy,
        };
    }
    Anchor::Orphaned
}

/// Byte offset of every character of a text, plus its length at the end, so
/// character and byte offsets convert both ways.
struct CharOffsets {
    bytes: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharOffsets { bytes }
    }

    /// Number of characters.
    fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Byte offset of character `index`; `None` past the end.
    fn byte(&self, index: usize) -> Option<usize> {
        self.bytes.get(index).copied()
    }

    /// Character index of a byte offset on a character boundary.
    fn char_index(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }
}

fn at_position(text: &str, offsets: &CharOffsets, selector: &Selector) -> Option<Range<usize>> {
    let TextPositionSelector { start, end } = selector.position;
    let range = offsets.byte(start)?..offsets.byte(end)?;
    (text.get(range.clone())? == selector.quote.exact).then_some(range)
}

fn by_quote(text: &str, offsets: &CharOffsets, selector: &Selector) -> Option<Range<usize>> {
    let quote = &selector.quote;
    let old_start = selector.position.start;
    let mut best: Option<(usize, usize, Range<usize>)> = None;
    let mut count = 0;
    for start in occurrences(text, &quote.exact) {
        count += 1;
        if count > MAX_OCCURRENCES {
            return None;
        }
        let end = start + quote.exact.len();
        let agreement = context_agreement(text, start..end, quote);
        let distance = offsets.char_index(start).abs_diff(old_start);
        let better = match &best {
            None => true,
            Some((a, d, _)) => agreement > *a || (agreement == *a && distance < *d),
        };
        if better {
            best = Some((agreement, distance, start..end));
        }
    }
    let (agreement, _, range) = best?;
    // A short passage that occurs more than once, with no context agreeing,
    // could be any of them.
    let short = quote.exact.chars().count() < MIN_FUZZY_CHARS;
    if short && count > 1 && agreement == 0 {
        return None;
    }
    Some(range)
}

/// Byte offsets of every occurrence of `needle` in `text`, overlapping ones
/// included ("\n\n" occurs twice in "\n\n\n").
fn occurrences<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + text.get(from..)?.find(needle)?;
        let step = text.get(start..)?.chars().next().map_or(1, char::len_utf8);
        from = start + step;
        Some(start)
    })
}

/// Characters of prefix and suffix that agree with the text around `range`.
fn context_agreement(text: &str, range: Range<usize>, quote: &TextQuoteSelector) -> usize {
    let before = text.get(..range.start).unwrap_or("");
    let after = text.get(range.end..).unwrap_or("");
    // An empty context agrees where the text begins or ends.
    let edge = |context: &str, rest: &str| usize::from(context.is_empty() && rest.is_empty());
    common_suffix_chars(before, &quote.prefix)
        + common_prefix_chars(after, &quote.suffix)
        + edge(&quote.prefix, before)
        + edge(&quote.suffix, after)
}

/// Whether the prefix and the suffix of `quote` agree with the text around
/// `range`: at least [`CONTEXT_AGREEMENT_CHARS`] characters (or all of a
/// shorter one), or an empty context where the text begins or ends.
fn context_agrees(text: &str, range: Range<usize>, quote: &TextQuoteSelector) -> (bool, bool) {
    let before = text.get(..range.start).unwrap_or("");
    let after = text.get(range.end..).unwrap_or("");
    let agrees = |context: &str, common: usize, at_edge: bool| {
        if context.is_empty() {
            at_edge
        } else {
            common >= context.chars().count().min(CONTEXT_AGREEMENT_CHARS)
        }
    };
    (
        agrees(
            &quote.prefix,
            common_suffix_chars(before, &quote.prefix),
            before.is_empty(),
        ),
        agrees(
            &quote.suffix,
            common_prefix_chars(after, &quote.suffix),
            after.is_empty(),
        ),
    )
}

fn fuzzy(text: &str, offsets: &CharOffsets, selector: &Selector) -> Option<Range<usize>> {
    let quote = &selector.quote;
    let pattern: Vec<char> = quote.exact.chars().collect();
    let n = pattern.len();
    if n < MIN_FUZZY_CHARS {
        return None;
    }
    let max_errors = n / FUZZY_ERROR_DIVISOR;
    let total = offsets.len();
    let slack = max_errors + CONTEXT_AGREEMENT_CHARS;

    // Windows (in characters) to search: around the old position, and where
    // the context says the passage should begin or end.
    let mut windows: Vec<Range<usize>> = Vec::new();
    let old = selector.position.start.min(total);
    windows.push(old.saturating_sub(FUZZY_REACH_CHARS)..(old + n + FUZZY_REACH_CHARS).min(total));
    if !quote.prefix.is_empty() {
        for (b, p) in text
            .match_indices(quote.prefix.as_str())
            .take(MAX_CONTEXT_SEEDS)
        {
            let begin = offsets.char_index(b + p.len());
            windows.push(begin.saturating_sub(slack)..(begin + n + slack).min(total));
        }
    }
    if !quote.suffix.is_empty() {
        for (b, _) in text
            .match_indices(quote.suffix.as_str())
            .take(MAX_CONTEXT_SEEDS)
        {
            let end = offsets.char_index(b);
            windows.push(end.saturating_sub(n + slack)..(end + slack).min(total));
        }
    }

    let chars: Vec<char> = text.chars().collect();
    let mut budget = MAX_FUZZY_CELLS;
    // (score, distance, range): score is the edits plus one for each side
    // whose context disagrees, so that of two equally near matches the one
    // that fits its context wins.
    let mut best: Option<(usize, usize, Range<usize>)> = None;
    for window in windows {
        let cells = n.saturating_mul(window.len());
        if cells > budget {
            continue;
        }
        budget -= cells;
        let Some(slice) = chars.get(window.clone()) else {
            continue;
        };
        for found in near_matches(&pattern, slice, max_errors) {
            let start = window.start + found.start;
            let end = window.start + found.end;
            let (Some(b_start), Some(b_end)) = (offsets.byte(start), offsets.byte(end)) else {
                continue;
            };
            let (prefix_ok, suffix_ok) = context_agrees(text, b_start..b_end, quote);
            if !prefix_ok && !suffix_ok {
                continue;
            }
            let score = found.errors + usize::from(!prefix_ok) + usize::from(!suffix_ok);
            let distance = start.abs_diff(selector.position.start);
            let better = match &best {
                None => true,
                Some((s, d, _)) => score < *s || (score == *s && distance < *d),
            };
            if better {
                best = Some((score, distance, b_start..b_end));
            }
        }
    }
    best.map(|(_, _, range)| range)
}

/// A near occurrence of a pattern: character range in the searched slice
/// and its edit distance.
struct Match {
    start: usize,
    end: usize,
    errors: usize,
}

/// Every end position in `text` where `pattern` matches with at most
/// `max_errors` edits, with the best start for that end: Sellers'
/// approximate string matching (edit distance where the match may begin
/// and end anywhere in `text`).
fn near_matches(pattern: &[char], text: &[char], max_errors: usize) -> Vec<Match> {
    let n = pattern.len();
    // cost[i]: edits to match pattern[..i] ending at the current text
    // position; from[i]: where in text that match begins.
    let mut cost: Vec<usize> = (0..=n).collect();
    let mut from: Vec<usize> = vec![0; n + 1];
    let mut next_cost = vec![0; n + 1];
    let mut next_from = vec![0; n + 1];
    let mut found = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        next_cost[0] = 0;
        next_from[0] = j + 1;
        for i in 1..=n {
            let substitute = cost[i - 1] + usize::from(pattern[i - 1] != c);
            let skip_text = cost[i] + 1;
            let skip_pattern = next_cost[i - 1] + 1;
            (next_cost[i], next_from[i]) = if substitute <= skip_text && substitute <= skip_pattern
            {
                (substitute, from[i - 1])
            } else if skip_text <= skip_pattern {
                (skip_text, from[i])
            } else {
                (skip_pattern, next_from[i - 1])
            };
        }
        std::mem::swap(&mut cost, &mut next_cost);
        std::mem::swap(&mut from, &mut next_from);
        if cost[n] <= max_errors {
            found.push(Match {
                start: from[n],
                end: j + 1,
                errors: cost[n],
            });
        }
    }
    found
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The last `n` characters of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    let start = s.char_indices().rev().nth(n - 1).map_or(0, |(b, _)| b);
    &s[start..]
}

/// The first `n` characters of `s`.
fn first_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(b, _)| b);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_by_characters_not_bytes() {
        let text = "é".repeat(40) + "target" + &"ü".repeat(40);
        let start = text.find("target").unwrap();
        let sel = Selector::from_range(&text, start..start + 6).unwrap();
        assert_eq!(sel.quote.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(sel.quote.suffix.chars().count(), CONTEXT_CHARS);
        assert_eq!(sel.position, TextPositionSelector { start: 40, end: 46 });
    }

    #[test]
    fn occurrences_include_overlapping_ones() {
        assert_eq!(occurrences("\n\n\n", "\n\n").collect::<Vec<_>>(), [0, 1]);
        assert_eq!(occurrences("éaéa", "a").collect::<Vec<_>>(), [2, 5]);
        assert_eq!(occurrences("abc", "x").count(), 0);
    }

    #[test]
    fn ranges_off_char_boundaries_are_refused() {
        assert!(Selector::from_range("héllo", 2..3).is_none());
        assert!(Selector::from_range("hello", 2..2).is_none());
        assert!(Selector::from_range("hello", 2..9).is_none());
    }

    #[test]
    fn sellers_finds_an_edited_passage() {
        let pattern: Vec<char> = "the quick brown fox".chars().collect();
        let text: Vec<char> = "xx the quick brwn fox yy".chars().collect();
        let m = near_matches(&pattern, &text, 3)
            .into_iter()
            .min_by_key(|m| m.errors)
            .unwrap();
        assert_eq!(m.errors, 1);
        assert_eq!(
            text[m.start..m.end].iter().collect::<String>(),
            "the quick brwn fox"
        );
    }
}

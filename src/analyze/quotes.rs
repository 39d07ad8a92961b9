//! Quotation spans: paired quotation marks, block by block.
//!
//! Double marks (“…”, "…", «…», „…“) delimit quotations; single marks
//! (‘…’, '…') do only in a block without double marks, since inside double
//! marks they are nested quotations and elsewhere mostly apostrophes. An
//! opening mark left open at the end of a block continues the quotation
//! only when the next block opens with a quotation mark (the convention
//! for a quotation running over paragraphs); otherwise it is dropped, so an
//! unbalanced mark never swallows the text after it.

use std::ops::Range;

/// A quotation found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawQuote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The words inside the marks.
    pub content: Range<usize>,
    /// Byte offset just after the closing mark.
    pub close_end: usize,
}

/// Longest quotation accepted, in bytes: beyond it a pairing is surely
/// wrong.
const MAX_QUOTE_BYTES: usize = 6000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// A straight mark: which one depends on the context.
    Either,
}

fn double_mark(c: char) -> Option<Mark> {
    match c {
        '“' | '„' | '«' | '‟' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' | '＂' => Some(Mark::Either),
        _ => None,
    }
}

fn single_mark(c: char) -> Option<Mark> {
    match c {
        '‘' | '‹' | '‚' => Some(Mark::Open),
        '’' | '›' => Some(Mark::Close),
        '\'' => Some(Mark::Either),
        _ => None,
    }
}

/// Finds the quotations of a text whose blocks are the given byte ranges
/// (in order).
pub fn find(text: &str, blocks: &[Range<usize>]) -> Vec<RawQuote> {
    let mut out = Vec::new();
    // An opening carried over from the previous block.
    let mut carried: Option<Pending> = None;
    for (bi, block) in blocks.iter().enumerate() {
        let Some(slice) = text.get(block.clone()) else {
            carried = None;
            continue;
        };
        // One byte scan per block; both passes read the marks it found.
        let found: Vec<(usize, char)> = marks(slice)
            .filter(|&(_, c)| double_mark(c).is_some() || single_mark(c).is_some())
            .collect();
        let has_double = found.iter().any(|&(_, c)| double_mark(c).is_some());
        let before = out.len();
        let pending = scan_block(text, block.clone(), &found, false, carried.take(), &mut out);
        if !has_double && !found.is_empty() {
            scan_block(text, block.clone(), &found, true, None, &mut out);
            out[before..].sort_by_key(|q| q.open);
        }
        if let Some((open, content_start, family)) = pending {
            let next_opens = blocks
                .get(bi + 1)
                .and_then(|b| text.get(b.clone()))
                .and_then(|s| s.trim_start().chars().next())
                .is_some_and(|c| matches!(double_mark(c), Some(Mark::Open | Mark::Either)));
            if next_opens && block.end - open < MAX_QUOTE_BYTES {
                carried = Some((open, content_start, family));
            }
        }
    }
    out
}

/// The characters of `s` that may be quotation marks, with their offsets:
/// a byte scan that decodes only at the lead bytes of such marks.
fn marks(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    s.bytes().enumerate().filter_map(move |(i, b)| {
        // ASCII marks, or the lead bytes of U+00AB/BB (0xC2), U+2018–201F
        // and U+2039/203A (0xE2) and U+FF02 (0xEF).
        if matches!(b, b'"' | b'\'' | 0xC2 | 0xE2 | 0xEF) {
            s.get(i..)?.chars().next().map(|c| (i, c))
        } else {
            None
        }
    })
}

/// Which marks pair: an opening mark is closed only by its own family's
/// closing mark, so that “He said "no" to me,” keeps the inner straight
/// marks as a nested quotation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    /// “…” (and ‘…’).
    Curly,
    /// „…“ or „…” (German and central European).
    Low,
    /// «…» (and ‹…›).
    Guillemet,
    /// "…" (and '…').
    Straight,
}

fn family_of(c: char) -> Family {
    match c {
        '“' | '”' | '‟' | '‘' | '’' => Family::Curly,
        '„' | '‚' => Family::Low,
        '«' | '»' | '‹' | '›' => Family::Guillemet,
        _ => Family::Straight,
    }
}

/// Whether `c` closes a quotation opened by a mark of `family`.
fn closes(family: Family, c: char) -> bool {
    match family {
        Family::Curly => matches!(c, '”' | '’'),
        Family::Low => matches!(c, '“' | '”' | '‘' | '’'),
        Family::Guillemet => matches!(c, '»' | '›'),
        Family::Straight => matches!(c, '"' | '＂' | '\''),
    }
}

/// An opening mark waiting for its close: (mark offset, content start,
/// family).
type Pending = (usize, usize, Family);

/// Pairs the marks of one block. Returns an opening still unclosed.
fn scan_block(
    text: &str,
    block: Range<usize>,
    found: &[(usize, char)],
    single: bool,
    carried: Option<Pending>,
    out: &mut Vec<RawQuote>,
) -> Option<Pending> {
    let slice = &text[block.clone()];
    let classify = if single { single_mark } else { double_mark };
    let mut open: Option<Pending> = carried;
    // A carried quotation's reopening mark at the block start is skipped.
    let mut skip_first_open = carried.is_some();
    // Where each family's last closing mark is, to tell in constant time
    // whether a proper close is still to come.
    let families = [
        Family::Curly,
        Family::Low,
        Family::Guillemet,
        Family::Straight,
    ];
    let mut last_close = [None::<usize>; 4];
    for &(i, c) in found {
        for (k, f) in families.iter().enumerate() {
            if classify(c).is_some() && closes(*f, c) {
                last_close[k] = Some(i);
            }
        }
    }
    let close_ahead = |family: Family, i: usize| {
        families
            .iter()
            .position(|f| *f == family)
            .and_then(|k| last_close[k])
            .is_some_and(|last| last > i)
    };
    for &(i, c) in found {
        let Some(mark) = classify(c) else {
            continue;
        };
        if skip_first_open && !slice[..i].trim_start().is_empty() {
            skip_first_open = false;
        }
        let prev = slice[..i].chars().next_back();
        let after_mark = i + c.len_utf8();
        let next = slice[after_mark..].chars().next();
        let pos = block.start + i;
        let after = pos + c.len_utf8();
        let prev_space = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
        let next_space = next.is_none_or(|n| n.is_whitespace());
        let resolved = match mark {
            Mark::Either => {
                let own_family_open = open.is_some_and(|(_, _, f)| f == Family::Straight);
                if own_family_open && (next_space || !prev_space) {
                    Mark::Close
                } else if !next_space && (prev_space || open.is_none()) {
                    Mark::Open
                } else if open.is_some() && !prev_space {
                    Mark::Close
                } else {
                    continue;
                }
            }
            m => m,
        };
        if single {
            // Apostrophes: "don’t", "rebels’ bases", "’90s".
            let letter_before = prev.is_some_and(char::is_alphanumeric);
            let letter_after = next.is_some_and(char::is_alphanumeric);
            if letter_before && letter_after {
                continue;
            }
            if resolved == Mark::Open && !prev_space {
                continue;
            }
            if resolved == Mark::Close && (letter_after || (prev == Some('s') && open.is_none())) {
                continue;
            }
            // "the bosses’ offer": a plural possessive inside a quotation
            // whose own close comes later.
            let word_follows = slice[after_mark..]
                .strip_prefix(' ')
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_lowercase);
            let family = open.map(|(_, _, f)| f).unwrap_or(Family::Curly);
            if resolved == Mark::Close
                && prev == Some('s')
                && word_follows
                && close_ahead(family, i)
            {
                continue;
            }
        }
        let Some((o, content_start, family)) = open else {
            if resolved == Mark::Open {
                if skip_first_open {
                    skip_first_open = false;
                } else {
                    open = Some((pos, after, family_of(c)));
                }
            }
            continue;
        };
        // „…“ closes with what elsewhere opens.
        let proper_close = closes(family, c) && (resolved != Mark::Open || family == Family::Low);
        // A close of another family ends the quotation only when its own
        // closing mark never comes ("“Hello," he said).
        let stray_close = resolved == Mark::Close && !proper_close && !close_ahead(family, i);
        if proper_close || stray_close {
            open = None;
            if content_start < pos && pos - o <= MAX_QUOTE_BYTES {
                out.push(RawQuote {
                    open: o,
                    content: content_start..pos,
                    close_end: after,
                });
            }
        } else if resolved == Mark::Open && family_of(c) == family {
            if skip_first_open {
                skip_first_open = false;
            } else {
                // A second opening before a close. After a full sentence
                // it is the next paragraph of the same quotation, run
                // together on one line (`said: “First. “Second. “Last.”`):
                // the first part ends there. Otherwise the first mark was
                // unbalanced: start again here.
                let part = text.get(content_start..pos).unwrap_or("").trim_end();
                let sentence = part.ends_with(['.', '?', '!', '…'])
                    && text
                        .get(content_start..pos)
                        .is_some_and(|p| p.ends_with(char::is_whitespace));
                // Only for a part opened as a quotation opens (not `,“`, a
                // closing mark mistyped) that holds no other double mark
                // (`"…,” said X. "…"`: mixed marks, not paragraphs).
                let opened = text[..o]
                    .chars()
                    .next_back()
                    .is_none_or(|p| p.is_whitespace() || "([{—–-:".contains(p));
                let clean = !part.chars().any(|c| double_mark(c).is_some());
                if sentence && opened && clean && pos - o <= MAX_QUOTE_BYTES {
                    out.push(RawQuote {
                        open: o,
                        content: content_start..content_start + part.len(),
                        close_end: content_start + part.len(),
                    });
                }
                open = Some((pos, after, family));
            }
        }
        // Otherwise a mark of another family: a nested quotation, kept as
        // content.
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        let blocks = crate::analyze::doc::Doc::plain_blocks(text)
            .into_iter()
            .map(|(_, r)| r)
            .collect::<Vec<_>>();
        find(text, &blocks)
            .into_iter()
            .map(|q| &text[q.content])
            .collect()
    }

    #[test]
    fn curly_straight_and_nested() {
        assert_eq!(
            contents("“A ‘b’ c,” he said. \"Straight one,\" she said."),
            ["A ‘b’ c,", "Straight one,"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(contents("Russia's bases and the rebels' gains, don't.").is_empty());
        assert_eq!(contents("He said 'we will win' and left."), ["we will win"]);
    }

    #[test]
    fn marks_pair_within_their_family() {
        assert_eq!(
            contents("“He said \"no\" to me,” she said. «Oui», dit-il. „Ja“, sagte er."),
            ["He said \"no\" to me,", "Oui", "Ja"]
        );
        assert_eq!(contents("“Mixed marks,\" he said."), ["Mixed marks,"]);
    }

    #[test]
    fn multi_paragraph_quote_is_one() {
        let text = "“First part.\n\n“Second part,” he said.";
        assert_eq!(contents(text), ["First part.\n\n“Second part,"]);
    }

    #[test]
    fn paragraphs_run_together_on_one_line_are_each_found() {
        let text = "She told Radio Example: “First part. “Second part? “Last part.” Then she left.";
        assert_eq!(
            contents(text),
            ["First part.", "Second part?", "Last part."]
        );
        let text = "He said: \"First part. \"Last part.\" Then he left.";
        assert_eq!(contents(text), ["First part.", "Last part."]);
        // Not after a sentence: the first mark was unbalanced.
        let text = "He said “this never closes and “real quote” here.";
        assert_eq!(contents(text), ["real quote"]);
        // A closing mark typed as an opening one, and mixed marks: no
        // attribution is taken for a quotation.
        let text = "“It is odd,“ said Jane Roe, a lawyer. “It is hard to do.”";
        assert_eq!(contents(text), ["It is hard to do."]);
        let text = "\"It is odd,” said Jane Roe, a lawyer. \"It is hard to do.\"";
        assert!(!contents(text).iter().any(|q| q.contains("Jane Roe")));
    }

    #[test]
    fn unbalanced_mark_does_not_swallow() {
        let text = "He said “this never closes.\n\nNext paragraph “real quote” here.";
        assert_eq!(contents(text), ["real quote"]);
    }
}

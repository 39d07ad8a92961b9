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
    // An opening carried over from the previous block: (open, content start).
    let mut carried: Option<(usize, usize)> = None;
    for (bi, block) in blocks.iter().enumerate() {
        let Some(slice) = text.get(block.clone()) else {
            carried = None;
            continue;
        };
        let has_double = slice.chars().any(|c| double_mark(c).is_some());
        let before = out.len();
        let pending = scan_block(text, block.clone(), false, carried.take(), &mut out);
        if !has_double {
            scan_block(text, block.clone(), true, None, &mut out);
            out[before..].sort_by_key(|q| q.open);
        }
        if let Some((open, content_start)) = pending {
            let next_opens = blocks
                .get(bi + 1)
                .and_then(|b| text.get(b.clone()))
                .and_then(|s| s.trim_start().chars().next())
                .is_some_and(|c| matches!(double_mark(c), Some(Mark::Open | Mark::Either)));
            if next_opens && block.end - open < MAX_QUOTE_BYTES {
                carried = Some((open, content_start));
            }
        }
    }
    out
}

/// Pairs the marks of one block. Returns an opening still unclosed.
fn scan_block(
    text: &str,
    block: Range<usize>,
    single: bool,
    carried: Option<(usize, usize)>,
    out: &mut Vec<RawQuote>,
) -> Option<(usize, usize)> {
    let slice = &text[block.clone()];
    let classify = if single { single_mark } else { double_mark };
    let mut open: Option<(usize, usize)> = carried;
    // A carried quotation's reopening mark at the block start is skipped.
    let mut skip_first_open = carried.is_some();
    let mut prev: Option<char> = None;
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let Some(mark) = classify(c) else {
            if !c.is_whitespace() {
                skip_first_open = false;
            }
            prev = Some(c);
            continue;
        };
        let pos = block.start + i;
        let after = pos + c.len_utf8();
        let prev_space = prev.map_or(true, |p| p.is_whitespace() || "([{—–-/".contains(p));
        let next_space = next.map_or(true, |n| n.is_whitespace());
        let resolved = match mark {
            Mark::Either => {
                if open.is_some() && !(prev_space && !next_space) {
                    Mark::Close
                } else if !next_space {
                    Mark::Open
                } else {
                    prev = Some(c);
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
                prev = Some(c);
                continue;
            }
            if resolved == Mark::Open && !prev_space {
                prev = Some(c);
                continue;
            }
            if resolved == Mark::Close && (letter_after || (prev == Some('s') && open.is_none())) {
                prev = Some(c);
                continue;
            }
        }
        match resolved {
            Mark::Open => {
                if skip_first_open {
                    skip_first_open = false;
                } else {
                    // A second opening before a close: the first was
                    // unbalanced, start again here.
                    open = Some((pos, after));
                }
            }
            Mark::Close | Mark::Either => {
                if let Some((o, content_start)) = open.take() {
                    if content_start < pos && pos - o <= MAX_QUOTE_BYTES {
                        out.push(RawQuote {
                            open: o,
                            content: content_start..pos,
                            close_end: after,
                        });
                    }
                }
            }
        }
        prev = Some(c);
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
    fn multi_paragraph_quote_is_one() {
        let text = "“First part.\n\n“Second part,” he said.";
        assert_eq!(contents(text), ["First part.\n\n“Second part,"]);
    }

    #[test]
    fn unbalanced_mark_does_not_swallow() {
        let text = "He said “this never closes.\n\nNext paragraph “real quote” here.";
        assert_eq!(contents(text), ["real quote"]);
    }
}

//! Blocks: lines into paragraphs, list items and headings, and the final
//! body text with its byte ranges.
//!
//! Files arrive in two shapes: hard-wrapped prose (short lines, paragraphs
//! between blank lines) and one paragraph per line (long lines, often no
//! blank lines at all). Lines are joined only where the text shows it was
//! wrapped: the line continues a sentence, or it fills most of the width
//! the other lines of its paragraph share.

use crate::model::{Block, BlockKind};

use super::draft::Draft;
use super::lines::{Line, LineKind};
use super::title;

/// Lines longer than this were not wrapped by hand.
const WRAP_MAX: usize = 120;
/// Narrower "wraps" are too short to tell from headings and bylines.
const MIN_WRAP_WIDTH: usize = 40;

/// Groups lines into drafts. Blank lines always end a block.
pub(crate) fn build(lines: &[Line]) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let first_content = lines.iter().position(|l| !l.is_blank());
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_blank() {
            i += 1;
            continue;
        }
        let end = lines[i..]
            .iter()
            .position(Line::is_blank)
            .map_or(lines.len(), |n| i + n);
        let group = &lines[i..end];
        let shape = GroupShape::of(group);
        let group_start = drafts.len();
        for (offset, line) in group.iter().enumerate() {
            let open = drafts.len() > group_start;
            let last = drafts.last_mut().filter(|_| open);
            match (line.kind, last) {
                (LineKind::Bullet, _) => drafts.push(Draft::new(BlockKind::ListItem, line)),
                (LineKind::MarkedHeading, _) => drafts.push(Draft::new(BlockKind::Heading, line)),
                (LineKind::Quote, Some(quote)) if quote.kind == BlockKind::Quotation => {
                    append(quote, &line.text, true);
                }
                (LineKind::Quote, _) => drafts.push(Draft::new(BlockKind::Quotation, line)),
                // A list item's wrapped text is indented past its bullet.
                (LineKind::Plain, Some(item))
                    if item.kind == BlockKind::ListItem && line.indent > item.indent =>
                {
                    append(item, &line.text, true);
                }
                (LineKind::Plain, Some(para))
                    if para.kind == BlockKind::Paragraph && !para.marked_heading =>
                {
                    let prev = &group[offset - 1];
                    let prev_is_first = first_content == Some(i + offset - 1);
                    match join(prev, line, &shape, prev_is_first) {
                        Join::Space => append(para, &line.text, true),
                        Join::Direct => append(para, &line.text, false),
                        Join::No => drafts.push(Draft::new(BlockKind::Paragraph, line)),
                    }
                }
                _ => drafts.push(Draft::new(BlockKind::Paragraph, line)),
            }
        }
        i = end;
    }
    drafts
}

fn append(draft: &mut Draft, text: &str, space: bool) {
    if space {
        draft.text.push(' ');
    }
    draft.text.push_str(text);
    draft.lines += 1;
}

/// What the plain lines of a group (lines between blank lines) look like.
struct GroupShape {
    /// Most lines are short enough to have been wrapped by hand.
    wrapped: bool,
    /// The longest wrapped line: the wrap width.
    width: usize,
}

impl GroupShape {
    fn of(group: &[Line]) -> Self {
        let lens: Vec<usize> = group
            .iter()
            .filter(|l| l.kind == LineKind::Plain)
            .map(|l| l.text.chars().count())
            .collect();
        let width = lens
            .iter()
            .copied()
            .filter(|&n| n <= WRAP_MAX)
            .max()
            .unwrap_or(0);
        // The last line of a wrapped paragraph is any length; judge the rest.
        let judged = &lens[..lens.len().saturating_sub(1)];
        let short = judged.iter().filter(|&&n| n <= WRAP_MAX).count();
        GroupShape {
            wrapped: !judged.is_empty() && short * 2 > judged.len(),
            width,
        }
    }
}

enum Join {
    /// Same paragraph, joined with a space.
    Space,
    /// Same paragraph, a word hyphenated across the break.
    Direct,
    No,
}

fn join(prev: &Line, next: &Line, shape: &GroupShape, prev_is_first: bool) -> Join {
    let prev_text = prev.text.as_str();
    let next_starts_lower = next.text.starts_with(char::is_lowercase);
    if next_starts_lower && hyphenated(prev_text) {
        return Join::Direct;
    }
    if next_starts_lower && !title::ends_sentence(prev_text) {
        return Join::Space;
    }
    if prev_text.ends_with([',', ';', '(', '&', '–', '—']) {
        return Join::Space;
    }
    // A first line that reads as a headline is one far more often than
    // the first line of a wrapped paragraph.
    if prev_is_first && title::is_headline(prev_text) {
        return Join::No;
    }
    let prev_len = prev_text.chars().count();
    let next_len = next.text.chars().count();
    let fills_width = shape.wrapped
        && shape.width >= MIN_WRAP_WIDTH
        && prev_len <= WRAP_MAX
        && next_len <= WRAP_MAX
        && prev_len * 10 >= shape.width * 6;
    if fills_width {
        Join::Space
    } else {
        Join::No
    }
}

/// "co-" at the end of a line, before "ordinate" on the next.
fn hyphenated(text: &str) -> bool {
    let mut rev = text.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
}

/// Marks lone short lines without final punctuation, between other blocks,
/// as headings. A line that ends the article is a truncated sentence more
/// often than a heading.
pub(crate) fn mark_headings(drafts: &mut [Draft]) {
    let count = drafts.len();
    for (i, draft) in drafts.iter_mut().enumerate() {
        if matches!(draft.kind, BlockKind::Title | BlockKind::Subtitle) {
            continue;
        }
        let lone_heading = draft.kind == BlockKind::Paragraph
            && draft.lines == 1
            && i + 1 < count
            && title::is_heading(&draft.text);
        if draft.marked_heading || lone_heading {
            draft.kind = BlockKind::Heading;
        }
    }
}

/// Joins drafts into the body text, blocks separated by a blank line.
pub(crate) fn assemble(drafts: Vec<Draft>) -> (String, Vec<Block>) {
    let total: usize = drafts.iter().map(|d| d.text.len() + 2).sum();
    let mut text = String::with_capacity(total);
    let mut blocks = Vec::with_capacity(drafts.len());
    for draft in drafts.into_iter().filter(|d| !d.text.is_empty()) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&draft.text);
        blocks.push(Block {
            kind: draft.kind,
            range: start..text.len(),
        });
    }
    (text, blocks)
}

#[cfg(test)]
mod tests {
    use super::super::lines::split;
    use super::*;

    fn texts(input: &str) -> Vec<(BlockKind, String)> {
        build(&split(input))
            .into_iter()
            .map(|d| (d.kind, d.text))
            .collect()
    }

    const WRAPPED: &str = "Title of the piece\n\n\
        Russia is engaging in talks with Syrian rebels to keep\n\
        control of its military bases. As the regime crumbles,\n\
        Moscow scrambles to preserve its influence in the region\n\
        and beyond.\n\n\
        A second paragraph follows here.";

    #[test]
    fn hard_wraps_joined() {
        let got = texts(WRAPPED);
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[1].1,
            "Russia is engaging in talks with Syrian rebels to keep control of its \
             military bases. As the regime crumbles, Moscow scrambles to preserve its \
             influence in the region and beyond."
        );
    }

    #[test]
    fn crlf_wrapped_text_joined_too() {
        let crlf = WRAPPED.replace('\n', "\r\n");
        let sanitized = super::super::sanitize::sanitize(&crlf).text;
        let got: Vec<_> = build(&split(&sanitized))
            .into_iter()
            .map(|d| d.text)
            .collect();
        let want: Vec<_> = texts(WRAPPED).into_iter().map(|d| d.1).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn wrapped_first_paragraph_without_headline_joined() {
        let got = texts(
            "In the wake of a surprise offensive earlier this month led by\n\
             Hayat Tahrir al-Sham, significant changes have emerged in Syria and\n\
             the region.",
        );
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn long_lines_are_paragraphs() {
        let line = "This is a long line of prose that a scraper wrote as one paragraph, \
                    without wrapping it, and it runs well past any terminal width.";
        let got = texts(&format!("{line}\n{line}\nShort closing line.\n{line}"));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn sentence_continuations_joined() {
        let got =
            texts("The talks, which began\non Monday, went well.\nHyphen-\nated co-\nordinate");
        assert_eq!(got[0].1, "The talks, which began on Monday, went well.");
        assert_eq!(got[1].1, "Hyphen-ated co-ordinate");
    }

    #[test]
    fn list_items_and_continuations() {
        let got = texts("Heading\n\n  • one item\n    wrapped on\n  • two\n  after list");
        assert_eq!(
            got,
            vec![
                (BlockKind::Paragraph, "Heading".to_string()),
                (BlockKind::ListItem, "one item wrapped on".to_string()),
                (BlockKind::ListItem, "two".to_string()),
                (BlockKind::Paragraph, "after list".to_string()),
            ]
        );
    }

    #[test]
    fn headings_marked_between_blocks_only() {
        let mut drafts = build(&split(
            "Intro paragraph that ends.\n\nThe Stakes for Russia\n\nBody text.\n\nTrailing words",
        ));
        mark_headings(&mut drafts);
        let kinds: Vec<_> = drafts.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
    }
}

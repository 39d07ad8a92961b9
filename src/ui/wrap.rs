//! Lays an article out into display rows once per (article, width).
//!
//! ratatui's `Paragraph` re-wraps from the top on every frame, which makes a
//! frame's cost grow with the article. Here the article is wrapped once into
//! rows that remember which bytes of which string they show; a frame then
//! draws only the visible slice, and any byte offset in `Article::text`
//! (a highlight, a quote, an annotation) maps to a (row, column) by binary
//! search.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::{Article, BlockKind};

/// Which string a row's bytes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Title,
    Subtitle,
    /// The date/source line; drawn from the article's metadata.
    Meta,
    /// A line of the entity summary: `Decor::summary[i]`.
    Summary(usize),
    /// `Article::text`.
    Body,
    /// `Article::set_aside[i].text`.
    SetAside(usize),
    /// The fold line that opens the set-aside section.
    SetAsideFold,
    Blank,
}

/// The role of a body row, for styling and prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Plain,
    Heading,
    /// A row of a quotation block, drawn behind a bar.
    Quotation,
    /// A list item's row; `first` rows carry the bullet.
    ListItem {
        first: bool,
    },
}

/// One display row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub source: Source,
    pub kind: RowKind,
    /// Bytes of the source string shown on this row.
    pub range: Range<usize>,
    /// Index of the body block, for body rows.
    pub block: Option<usize>,
}

/// Columns taken by a list item's bullet and hanging indent (and by a
/// quotation's bar).
pub const BULLET_INDENT: u16 = 2;

/// An article wrapped at one width.
#[derive(Debug, Clone)]
pub struct ArticleLayout {
    pub width: u16,
    pub set_aside_open: bool,
    pub rows: Vec<Row>,
    /// Rows `body.start..body.end` are the body, in text order.
    pub body: Range<usize>,
    /// Inline tags drawn after the word ending at `attach` (sorted).
    pub tags: Vec<InlineTag>,
}

/// A short text drawn inside the body after a word, such as a quotation's
/// speaker. It takes room in the wrap but is not part of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineTag {
    /// Byte offset in `Article::text` where the tag is drawn: the end of a
    /// word (before whitespace or at the end of the block).
    pub attach: usize,
    pub text: String,
    /// Which quotation it belongs to, for styling.
    pub quote: usize,
}

/// What the reader adds to an article's text: inline tags and summary
/// lines under the title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    pub tags: Vec<InlineTag>,
    pub summary: Vec<String>,
}

impl ArticleLayout {
    /// Wraps `article` to `width` columns (at least 8).
    pub fn new(article: &Article, width: u16, set_aside_open: bool) -> Self {
        Self::with_extras(article, width, set_aside_open, &Extras::default())
    }

    /// Wraps `article` with inline tags and summary lines.
    pub fn with_extras(
        article: &Article,
        width: u16,
        set_aside_open: bool,
        extras: &Extras,
    ) -> Self {
        let width = width.max(8);
        let mut tags: Vec<InlineTag> = extras
            .tags
            .iter()
            .filter(|t| t.attach <= article.text.len() && article.text.is_char_boundary(t.attach))
            .cloned()
            .collect();
        tags.sort_by_key(|t| t.attach);
        let mut rows = Vec::new();
        let push_wrapped = |rows: &mut Vec<Row>, source: Source, text: &str, width: u16| {
            for range in wrap(text, width) {
                rows.push(Row {
                    source,
                    kind: RowKind::Plain,
                    range,
                    block: None,
                });
            }
        };
        push_wrapped(&mut rows, Source::Title, &article.title, width);
        if let Some(subtitle) = &article.subtitle {
            push_wrapped(&mut rows, Source::Subtitle, subtitle, width);
        }
        rows.push(Row::blank(Source::Meta));
        for (i, line) in extras.summary.iter().enumerate() {
            push_wrapped(&mut rows, Source::Summary(i), line, width);
        }
        rows.push(Row::blank(Source::Blank));

        let body_start = rows.len();
        let mut previous: Option<BlockKind> = None;
        for (index, block) in article.blocks.iter().enumerate() {
            // The headline and subtitle show once, in the header above.
            if matches!(block.kind, BlockKind::Title | BlockKind::Subtitle) {
                continue;
            }
            let spacing = !matches!(
                (previous, block.kind),
                (None, _) | (Some(BlockKind::ListItem), BlockKind::ListItem)
            );
            if spacing {
                // Placed at the next block's start, so body rows stay in
                // text order for the offset look-ups.
                rows.push(Row {
                    range: block.range.start..block.range.start,
                    ..Row::blank(Source::Blank)
                });
            }
            let text = article.text.get(block.range.clone()).unwrap_or("");
            let (kind, indent) = match block.kind {
                BlockKind::ListItem => (RowKind::ListItem { first: true }, BULLET_INDENT),
                BlockKind::Heading => (RowKind::Heading, 0),
                BlockKind::Paragraph | BlockKind::Title | BlockKind::Subtitle => {
                    (RowKind::Plain, 0)
                }
                BlockKind::Quotation => (RowKind::Quotation, BULLET_INDENT),
            };
            let first_tag = tags.partition_point(|t| t.attach < block.range.start);
            let block_tags: Vec<(usize, usize)> = tags[first_tag..]
                .iter()
                .take_while(|t| t.attach <= block.range.end)
                .map(|t| (t.attach - block.range.start, tag_width(&t.text)))
                .collect();
            for (i, range) in wrap_with(text, width.saturating_sub(indent).max(4), &block_tags)
                .into_iter()
                .enumerate()
            {
                let kind = match kind {
                    RowKind::ListItem { .. } => RowKind::ListItem { first: i == 0 },
                    other => other,
                };
                rows.push(Row {
                    source: Source::Body,
                    kind,
                    range: block.range.start + range.start..block.range.start + range.end,
                    block: Some(index),
                });
            }
            previous = Some(block.kind);
        }
        let body_end = rows.len();

        if !article.set_aside.is_empty() {
            rows.push(Row::blank(Source::Blank));
            rows.push(Row::blank(Source::SetAsideFold));
            if set_aside_open {
                for (i, line) in article.set_aside.iter().enumerate() {
                    push_wrapped(
                        &mut rows,
                        Source::SetAside(i),
                        &line.text,
                        width.saturating_sub(2),
                    );
                }
            }
        }
        ArticleLayout {
            width,
            set_aside_open,
            rows,
            body: body_start..body_end,
            tags,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows (never true: the title is always laid out).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row showing byte `offset` of the body, or the nearest body row
    /// before it.
    pub fn row_of_offset(&self, offset: usize) -> Option<usize> {
        let body = self.rows.get(self.body.clone())?;
        if body.is_empty() {
            return None;
        }
        let after = body.partition_point(|row| row.range.start <= offset);
        Some(self.body.start + after.saturating_sub(1))
    }

    /// The (row, display column) of byte `offset` of the body.
    pub fn position_of_offset(&self, article: &Article, offset: usize) -> Option<(usize, u16)> {
        let row_index = self.row_of_offset(offset)?;
        let row = self.rows.get(row_index)?;
        let end = offset.clamp(row.range.start, row.range.end);
        let prefix = article.text.get(row.range.start..end).unwrap_or("");
        let indent = match row.kind {
            RowKind::ListItem { .. } | RowKind::Quotation => BULLET_INDENT,
            _ => 0,
        };
        let tags: usize = self
            .tags_in(row)
            .iter()
            .filter(|t| t.attach <= end)
            .map(|t| tag_width(&t.text))
            .sum();
        Some((row_index, indent + (prefix.width() + tags) as u16))
    }

    /// The inline tags drawn on a body row.
    pub fn tags_in(&self, row: &Row) -> &[InlineTag] {
        if row.source != Source::Body || row.range.is_empty() {
            return &[];
        }
        let first = self.tags.partition_point(|t| t.attach <= row.range.start);
        let rest = &self.tags[first..];
        let count = rest.partition_point(|t| t.attach <= row.range.end);
        &rest[..count]
    }

    /// The body byte offset that a row stands for, used to keep the reading
    /// position across re-wraps. Rows before the body have none.
    pub fn offset_of_row(&self, row: usize) -> Option<usize> {
        if row < self.body.start {
            return None;
        }
        let index = row.min(self.body.end.checked_sub(1)?);
        self.rows.get(index).map(|r| r.range.start)
    }
}

impl Row {
    fn blank(source: Source) -> Self {
        Row {
            source,
            kind: RowKind::Plain,
            range: 0..0,
            block: None,
        }
    }
}

/// Greedy wrap of one line of text into byte ranges of at most `width`
/// display columns, breaking only where Unicode line breaking (UAX #14)
/// allows. Whitespace at a break is dropped; a word wider than the line is
/// broken between graphemes.
pub fn wrap(text: &str, width: u16) -> Vec<Range<usize>> {
    wrap_with(text, width, &[])
}

/// Columns an inline tag takes: a space before it, then its text.
pub fn tag_width(text: &str) -> usize {
    1 + text.width()
}

/// [`wrap`], with extra columns (`(offset, width)`, sorted by offset) kept
/// with the word that ends at each offset.
pub fn wrap_with(text: &str, width: u16, extras: &[(usize, usize)]) -> Vec<Range<usize>> {
    let width = usize::from(width.max(1));
    let mut extras = extras.iter().peekable();
    let mut rows = Vec::new();
    let mut row_start = 0;
    let mut row_end = 0; // end of the row's text, trailing spaces excluded
    let mut used = 0; // columns up to row_end
    let mut segment_start = 0;
    for (segment_end, _) in unicode_linebreak::linebreaks(text) {
        let segment = text.get(segment_start..segment_end).unwrap_or("");
        let word = segment.trim_end();
        let word_end = segment_start + word.len();
        let gap = text.get(row_end..segment_start).map_or(0, str::width);
        let mut word_width = word.width();
        while let Some(&&(at, extra)) = extras.peek() {
            if at > word_end {
                break;
            }
            if at > segment_start {
                word_width += extra;
            }
            extras.next();
        }
        if used + gap + word_width <= width || word.is_empty() {
            if !word.is_empty() {
                used += gap + word_width;
                row_end = word_end;
            }
        } else if word_width <= width {
            if row_end > row_start {
                rows.push(row_start..row_end);
            }
            row_start = segment_start;
            row_end = word_end;
            used = word_width;
        } else {
            // Wider than any row: fill this row, then cut between graphemes.
            if row_end == row_start {
                row_start = segment_start;
            } else {
                used += gap;
            }
            for (at, grapheme) in word.grapheme_indices(true) {
                let g_width = grapheme.width();
                if used + g_width > width && used > 0 {
                    rows.push(row_start..row_end);
                    row_start = segment_start + at;
                    used = 0;
                }
                used += g_width;
                row_end = segment_start + at + grapheme.len();
            }
        }
        segment_start = segment_end;
    }
    if row_end > row_start || rows.is_empty() {
        rows.push(row_start..row_end);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: u16) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
    }

    #[test]
    fn breaks_words_wider_than_the_line() {
        assert_eq!(lines("abcdefghij kl", 4), ["abcd", "efgh", "ij", "kl"]);
        assert_eq!(lines("ab cdefghij", 4), ["ab c", "defg", "hij"]);
    }

    #[test]
    fn keeps_brackets_with_their_word() {
        assert_eq!(lines("al-Sham (HTS), the", 10), ["al-Sham", "(HTS), the"]);
    }

    #[test]
    fn counts_wide_characters_as_two_columns() {
        let rows = lines("日本語のテキスト", 6);
        assert_eq!(rows, ["日本語", "のテキ", "スト"]);
        for row in rows {
            assert!(row.width() <= 6);
        }
    }

    #[test]
    fn every_body_offset_maps_to_the_row_that_shows_it() {
        let raw = crate::load::RawDoc { meta: Default::default(),
            path: "t.txt".into(),
            bytes: b"Title line\n\nFirst paragraph is here and it is long enough to wrap twice.\n\nSecond one.\n\n- a list item\n- another".to_vec(),
        };
        let article = crate::clean::clean(&raw);
        let layout = ArticleLayout::new(&article, 20, false);
        assert_eq!(article.blocks[0].kind, BlockKind::Title, "kept in the text");
        let shown = article
            .blocks
            .iter()
            .filter(|b| !matches!(b.kind, BlockKind::Title | BlockKind::Subtitle));
        assert_eq!(
            shown.clone().count(),
            3,
            "the short first line is the subtitle"
        );
        for block in shown {
            for offset in block.range.clone() {
                let row = layout.row_of_offset(offset).expect("a row");
                let r = &layout.rows[row];
                assert_eq!(r.source, Source::Body);
                assert!(
                    r.range.start <= offset && offset <= r.range.end + 1,
                    "{offset} in {r:?}"
                );
            }
        }
    }

    #[test]
    fn offsets_map_to_row_and_display_column() {
        let raw = crate::load::RawDoc { meta: Default::default(),
            path: "t.txt".into(),
            bytes: "Title line\n\nAlpha beta gamma délta epsilon zeta eta theta, and then a good deal more prose so it reads as a paragraph.\n\n- item one"
                .as_bytes()
                .to_vec(),
        };
        let article = crate::clean::clean(&raw);
        let layout = ArticleLayout::new(&article, 20, false);
        let at = article.text.find("epsilon").expect("word");
        let (row, column) = layout.position_of_offset(&article, at).expect("placed");
        let shown = &article.text[layout.rows[row].range.clone()];
        assert!(shown.contains("epsilon"), "{shown:?}");
        let before = &article.text[layout.rows[row].range.start..at];
        assert_eq!(usize::from(column), before.width());
        let item = article.text.find("item").expect("item");
        let (_, column) = layout.position_of_offset(&article, item).expect("placed");
        assert_eq!(column, BULLET_INDENT, "list items sit after the bullet");
    }

    #[test]
    fn empty_text_gives_one_empty_row() {
        assert_eq!(wrap("", 10), vec![0..0]);
    }
}

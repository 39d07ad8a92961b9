//! Lays an article out into display rows, per (article, width), as far as
//! it is read.
//!
//! ratatui's `Paragraph` re-wraps from the top on every frame, which makes a
//! frame's cost grow with the article. Here the article is wrapped into
//! rows that remember which bytes of which string they show; a frame then
//! draws only the visible slice, and any byte offset in `Article::text`
//! (a highlight, a quote, an annotation) maps to a (row, column) by binary
//! search. A piece of the body is wrapped only when its rows are first
//! needed (or when the reader is idle), so a 20 MB article opens, jumps and
//! takes its analysis at the cost of a screen.

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

/// An article laid out at one width, lazily: the header and the set-aside
/// section at once, the body a piece (a block, or a slice of a very long
/// one) at a time, when its rows are first needed. Row numbers count a
/// piece not laid out yet at an estimate of its height, so opening, jumping
/// and re-decorating cost what is on screen, not what is in the article.
#[derive(Debug, Clone)]
pub struct ArticleLayout {
    pub width: u16,
    pub set_aside_open: bool,
    header: Vec<Row>,
    pieces: Vec<Piece>,
    /// Each piece's height: exact once laid out, estimated before.
    heights: Heights,
    footer: Vec<Row>,
    /// Pieces not laid out yet.
    pending: usize,
    /// Inline tags drawn after the word ending at `attach` (sorted).
    pub tags: Vec<InlineTag>,
}

/// A stretch of one body block that is wrapped on its own.
#[derive(Debug, Clone)]
struct Piece {
    block: usize,
    range: Range<usize>,
    kind: RowKind,
    /// Whether a blank row comes first (between blocks).
    spaced: bool,
    /// Whether it starts its block (a list item's bullet goes there).
    starts_block: bool,
    /// Its rows, once laid out.
    rows: Option<Vec<Row>>,
}

/// A place in the layout that stays put while other pieces are laid out:
/// the row number of what it names may change, what it names does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Header(usize),
    /// Row `1` of body piece `0`.
    Body(usize, usize),
    /// Row of the section after the body.
    Footer(usize),
}

/// Blocks longer than this are laid out in slices, so that a paragraph of
/// megabytes does not cost megabytes when a row of it is shown. A slice
/// ends at a sentence or word boundary, where its last row ends early.
const PIECE_BYTES: usize = 16 * 1024;

/// Articles up to this size are laid out whole whenever any row is needed
/// (well under a millisecond), so their scrollbar is exact from the start.
const EAGER_BYTES: usize = 64 * 1024;

impl ArticleLayout {
    /// Lays `article` out at `width` columns (at least 8), the body lazily.
    pub fn new(article: &Article, width: u16, set_aside_open: bool) -> Self {
        Self::with_extras(article, width, set_aside_open, &Extras::default())
    }

    /// Lays `article` out with inline tags and summary lines; no body row
    /// is wrapped until [`ArticleLayout::lay_out`] asks for it.
    pub fn with_extras(
        article: &Article,
        width: u16,
        set_aside_open: bool,
        extras: &Extras,
    ) -> Self {
        let width = width.max(8);
        let mut pieces = Vec::new();
        let mut previous: Option<BlockKind> = None;
        for (index, block) in article.blocks.iter().enumerate() {
            // The headline and subtitle show once, in the header above.
            if matches!(block.kind, BlockKind::Title | BlockKind::Subtitle) {
                continue;
            }
            let spaced = !matches!(
                (previous, block.kind),
                (None, _) | (Some(BlockKind::ListItem), BlockKind::ListItem)
            );
            let kind = match block.kind {
                BlockKind::ListItem => RowKind::ListItem { first: true },
                BlockKind::Heading => RowKind::Heading,
                BlockKind::Paragraph | BlockKind::Title | BlockKind::Subtitle => RowKind::Plain,
                BlockKind::Quotation => RowKind::Quotation,
            };
            let mut start = block.range.start;
            for end in slice_ends(&article.text, block.range.clone()) {
                pieces.push(Piece {
                    block: index,
                    range: start..end,
                    kind,
                    spaced: spaced && start == block.range.start,
                    starts_block: start == block.range.start,
                    rows: None,
                });
                start = end;
            }
            previous = Some(block.kind);
        }
        let pieces_len = pieces.len();
        let mut layout = ArticleLayout {
            width,
            set_aside_open,
            header: Vec::new(),
            heights: Heights::default(),
            pieces,
            footer: Vec::new(),
            pending: pieces_len,
            tags: Vec::new(),
        };
        layout.heights = Heights::new(layout.pieces.iter().map(|p| layout.estimate(p)).collect());
        layout.set_extras(article, extras);
        layout.set_set_aside_open(article, set_aside_open);
        layout
    }

    /// Takes new inline tags and summary lines: the header is laid out
    /// again, and only the pieces whose tags changed are wrapped anew
    /// (when next shown). Row numbers after the header may shift: keep an
    /// [`Anchor`] across this.
    pub fn set_extras(&mut self, article: &Article, extras: &Extras) {
        let mut tags: Vec<InlineTag> = extras
            .tags
            .iter()
            .filter(|t| t.attach <= article.text.len() && article.text.is_char_boundary(t.attach))
            .cloned()
            .collect();
        tags.sort_by_key(|t| t.attach);
        for index in 0..self.pieces.len() {
            let old = piece_tags(&self.tags, &self.pieces[index]);
            let new = piece_tags(&tags, &self.pieces[index]);
            if old != new && self.pieces[index].rows.is_some() {
                // The old height is the best estimate of the new one.
                self.pieces[index].rows = None;
                self.pending += 1;
            }
        }
        self.tags = tags;

        let width = self.width;
        let mut header = Vec::new();
        push_wrapped(&mut header, Source::Title, &article.title, width);
        if let Some(subtitle) = &article.subtitle {
            push_wrapped(&mut header, Source::Subtitle, subtitle, width);
        }
        header.push(Row::blank(Source::Meta));
        for (i, line) in extras.summary.iter().enumerate() {
            push_wrapped(&mut header, Source::Summary(i), line, width);
        }
        header.push(Row::blank(Source::Blank));
        self.header = header;
    }

    /// Folds or unfolds the set-aside section after the body.
    pub fn set_set_aside_open(&mut self, article: &Article, open: bool) {
        self.set_aside_open = open;
        self.footer.clear();
        if article.set_aside.is_empty() {
            return;
        }
        self.footer.push(Row::blank(Source::Blank));
        self.footer.push(Row::blank(Source::SetAsideFold));
        if open {
            for (i, line) in article.set_aside.iter().enumerate() {
                push_wrapped(
                    &mut self.footer,
                    Source::SetAside(i),
                    &line.text,
                    self.width.saturating_sub(2),
                );
            }
        }
    }

    /// Number of rows (pieces not laid out yet counted at an estimate).
    pub fn len(&self) -> usize {
        self.body().end + self.footer.len()
    }

    /// Whether there are no rows (never true: the title is always laid out).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows of the body, in text order.
    pub fn body(&self) -> Range<usize> {
        let start = self.header.len();
        start..start + self.heights.total()
    }

    /// Whether every row is laid out.
    pub fn is_complete(&self) -> bool {
        self.pending == 0
    }

    /// Row `index`, when it is laid out.
    pub fn row(&self, index: usize) -> Option<&Row> {
        match self.anchor_of_row(index)? {
            Anchor::Header(i) => self.header.get(i),
            Anchor::Body(piece, i) => self.pieces.get(piece)?.rows.as_ref()?.get(i),
            Anchor::Footer(i) => self.footer.get(i),
        }
    }

    /// Up to `count` rows from row `from`, stopping at one not laid out
    /// (none is, after [`ArticleLayout::lay_out`] with the same numbers).
    pub fn rows(&self, from: usize, count: usize) -> impl Iterator<Item = &Row> + '_ {
        (from..from.saturating_add(count)).map_while(move |i| self.row(i))
    }

    /// The row of the fold line of the set-aside section, if there is one.
    pub fn fold_row(&self) -> Option<usize> {
        self.footer
            .iter()
            .position(|r| r.source == Source::SetAsideFold)
            .map(|i| self.body().end + i)
    }

    /// What row `index` shows, in terms that survive laying out.
    pub fn anchor_of_row(&self, index: usize) -> Option<Anchor> {
        let body = self.body();
        if index < body.start {
            return Some(Anchor::Header(index));
        }
        if index >= body.end {
            return (index - body.end < self.footer.len())
                .then(|| Anchor::Footer(index - body.end));
        }
        let (piece, within) = self.heights.find(index - body.start);
        Some(Anchor::Body(piece, within))
    }

    /// The row an anchor names now (clamped to its piece's rows).
    pub fn row_of_anchor(&self, anchor: Anchor) -> usize {
        let body = self.body();
        match anchor {
            Anchor::Header(i) => i.min(body.start.saturating_sub(1)),
            Anchor::Body(piece, within) => {
                let piece = piece.min(self.pieces.len().saturating_sub(1));
                let height = self.heights.get(piece);
                body.start + self.heights.prefix(piece) + within.min(height.saturating_sub(1))
            }
            Anchor::Footer(i) => body.end + i,
        }
    }

    /// Lays out the pieces that rows `from..from + count` fall in. Rows
    /// before `from` keep their numbers; a row in a piece that was only
    /// estimated may show other text once it is laid out.
    pub fn lay_out(&mut self, article: &Article, from: usize, count: usize) {
        if article.text.len() <= EAGER_BYTES {
            // Cheaper than a frame: exact from the start.
            return self.lay_out_all(article);
        }
        let mut row = from;
        while row < from.saturating_add(count) {
            let Some(Anchor::Body(piece, _)) = self.anchor_of_row(row) else {
                // The header and footer are always laid out.
                if row >= self.body().end {
                    break;
                }
                row += 1;
                continue;
            };
            self.wrap_piece(article, piece);
            row = self.body().start + self.heights.prefix(piece) + self.heights.get(piece);
        }
    }

    /// Lays out the piece that holds byte `offset` of the body.
    pub fn lay_out_offset(&mut self, article: &Article, offset: usize) {
        if let Some(piece) = self.piece_of_offset(offset) {
            self.wrap_piece(article, piece);
        }
    }

    /// Lays out pieces not laid out yet, in text order, until `budget` is
    /// spent; true while some remain.
    pub fn lay_out_some(&mut self, article: &Article, budget: std::time::Duration) -> bool {
        let started = std::time::Instant::now();
        if self.is_complete() {
            return false;
        }
        for piece in 0..self.pieces.len() {
            if self.pieces[piece].rows.is_none() {
                self.wrap_piece(article, piece);
                if started.elapsed() >= budget {
                    return !self.is_complete();
                }
            }
        }
        false
    }

    /// Lays out every row.
    pub fn lay_out_all(&mut self, article: &Article) {
        for piece in 0..self.pieces.len() {
            self.wrap_piece(article, piece);
        }
    }

    /// The row showing byte `offset` of the body, or the nearest body row
    /// before it (estimated within a piece not laid out yet).
    pub fn row_of_offset(&self, offset: usize) -> Option<usize> {
        let piece = self.piece_of_offset(offset)?;
        let start = self.body().start + self.heights.prefix(piece);
        let p = &self.pieces[piece];
        let within = match &p.rows {
            Some(rows) => rows
                .partition_point(|row| row.range.start <= offset)
                .saturating_sub(1),
            None => {
                let height = self.heights.get(piece);
                let share = offset.saturating_sub(p.range.start) * height / p.range.len().max(1);
                share.min(height.saturating_sub(1))
            }
        };
        Some(start + within)
    }

    /// The (row, display column) of byte `offset` of the body, when its
    /// piece is laid out.
    pub fn position_of_offset(&self, article: &Article, offset: usize) -> Option<(usize, u16)> {
        let row_index = self.row_of_offset(offset)?;
        let row = self.row(row_index)?;
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
    /// position across re-wraps (estimated within a piece not laid out
    /// yet). Rows before the body have none.
    pub fn offset_of_row(&self, row: usize) -> Option<usize> {
        let body = self.body();
        if row < body.start || body.is_empty() {
            return None;
        }
        let (piece, within) = self.heights.find(row.min(body.end - 1) - body.start);
        let p = self.pieces.get(piece)?;
        match &p.rows {
            Some(rows) => rows.get(within).map(|r| r.range.start),
            // Not laid out: its start, a character boundary for sure.
            None => Some(p.range.start),
        }
    }

    /// The piece holding byte `offset` (the last one starting at or
    /// before it).
    fn piece_of_offset(&self, offset: usize) -> Option<usize> {
        if self.pieces.is_empty() {
            return None;
        }
        Some(
            self.pieces
                .partition_point(|p| p.range.start <= offset)
                .saturating_sub(1),
        )
    }

    /// A piece's height before it is laid out: its text over the width,
    /// with a little room for the ragged right edge.
    fn estimate(&self, piece: &Piece) -> usize {
        let columns = usize::from(self.width.saturating_sub(indent_of(piece.kind)).max(4));
        usize::from(piece.spaced) + (piece.range.len() * 10).div_ceil(columns * 9).max(1)
    }

    fn wrap_piece(&mut self, article: &Article, index: usize) {
        let Some(piece) = self.pieces.get(index) else {
            return;
        };
        if piece.rows.is_some() {
            return;
        }
        let mut rows = Vec::new();
        if piece.spaced {
            // Placed at the block's start, so body rows stay in text order
            // for the offset look-ups.
            rows.push(Row {
                range: piece.range.start..piece.range.start,
                ..Row::blank(Source::Blank)
            });
        }
        let text = article.text.get(piece.range.clone()).unwrap_or("");
        let indent = indent_of(piece.kind);
        let extras: Vec<(usize, usize)> = piece_tags(&self.tags, piece)
            .iter()
            .map(|t| (t.attach - piece.range.start, tag_width(&t.text)))
            .collect();
        for (i, range) in wrap_with(text, self.width.saturating_sub(indent).max(4), &extras)
            .into_iter()
            .enumerate()
        {
            let kind = match piece.kind {
                RowKind::ListItem { .. } => RowKind::ListItem {
                    first: i == 0 && piece.starts_block,
                },
                other => other,
            };
            rows.push(Row {
                source: Source::Body,
                kind,
                range: piece.range.start + range.start..piece.range.start + range.end,
                block: Some(piece.block),
            });
        }
        self.heights.set(index, rows.len());
        self.pieces[index].rows = Some(rows);
        self.pending -= 1;
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

/// Columns a row of this kind gives to a bullet or bar.
fn indent_of(kind: RowKind) -> u16 {
    match kind {
        RowKind::ListItem { .. } | RowKind::Quotation => BULLET_INDENT,
        RowKind::Plain | RowKind::Heading => 0,
    }
}

fn push_wrapped(rows: &mut Vec<Row>, source: Source, text: &str, width: u16) {
    for range in wrap(text, width) {
        rows.push(Row {
            source,
            kind: RowKind::Plain,
            range,
            block: None,
        });
    }
}

/// The tags a piece's wrap makes room for: those after its first byte
/// (from its first byte on for a block's first piece) up to its end.
fn piece_tags<'a>(tags: &'a [InlineTag], piece: &Piece) -> &'a [InlineTag] {
    let first = if piece.starts_block {
        tags.partition_point(|t| t.attach < piece.range.start)
    } else {
        tags.partition_point(|t| t.attach <= piece.range.start)
    };
    let rest = &tags[first..];
    &rest[..rest.partition_point(|t| t.attach <= piece.range.end)]
}

/// Where the slices of a block end: the block's end, and before that a
/// sentence end (else a space, else a character boundary) about every
/// [`PIECE_BYTES`].
fn slice_ends(text: &str, block: Range<usize>) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut start = block.start;
    while block.end.saturating_sub(start) > PIECE_BYTES {
        let mut limit = start + PIECE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = text.get(start + PIECE_BYTES / 2..limit).unwrap_or("");
        let after = |at: Option<usize>, len: usize| at.map(|i| start + PIECE_BYTES / 2 + i + len);
        let cut = after(window.rfind(". "), 2)
            .or_else(|| after(window.rfind(' '), 1))
            .unwrap_or(limit);
        if cut <= start || !text.is_char_boundary(cut) {
            break;
        }
        ends.push(cut);
        start = cut;
    }
    ends.push(block.end);
    ends
}

/// Rows per piece, with prefix sums and the piece at a row in log time (a
/// Fenwick tree), so a piece laid out costs no walk over the others.
#[derive(Debug, Clone, Default)]
struct Heights {
    values: Vec<usize>,
    /// `tree[j]` sums `values[j - lowbit(j)..j]`.
    tree: Vec<usize>,
}

fn lowbit(j: usize) -> usize {
    j & j.wrapping_neg()
}

impl Heights {
    fn new(values: Vec<usize>) -> Self {
        let n = values.len();
        let mut tree = vec![0; n + 1];
        for j in 1..=n {
            tree[j] += values[j - 1];
            let parent = j + lowbit(j);
            if parent <= n {
                tree[parent] += tree[j];
            }
        }
        Heights { values, tree }
    }

    fn get(&self, index: usize) -> usize {
        self.values.get(index).copied().unwrap_or(0)
    }

    fn set(&mut self, index: usize, value: usize) {
        let Some(old) = self.values.get_mut(index) else {
            return;
        };
        // Every node sums values that are never negative, so wrapping
        // arithmetic ends on the right sums.
        let delta = value.wrapping_sub(*old);
        *old = value;
        let mut j = index + 1;
        while j < self.tree.len() {
            self.tree[j] = self.tree[j].wrapping_add(delta);
            j += lowbit(j);
        }
    }

    /// The sum of the first `count` values.
    fn prefix(&self, count: usize) -> usize {
        let mut j = count.min(self.values.len());
        let mut sum = 0;
        while j > 0 {
            sum += self.tree[j];
            j -= lowbit(j);
        }
        sum
    }

    fn total(&self) -> usize {
        self.prefix(self.values.len())
    }

    /// The value `row` falls in, and how far into it (values are at least
    /// one; a row past the total is in the last one).
    fn find(&self, row: usize) -> (usize, usize) {
        let n = self.values.len();
        let (mut index, mut rest) = (0, row);
        let mut step = if n == 0 { 0 } else { 1 << n.ilog2() };
        while step > 0 {
            if index + step <= n && self.tree[index + step] <= rest {
                index += step;
                rest -= self.tree[index];
            }
            step >>= 1;
        }
        if index >= n {
            let last = n.saturating_sub(1);
            return (last, self.get(last).saturating_sub(1));
        }
        (index, rest)
    }
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
        let mut layout = ArticleLayout::new(&article, 20, false);
        layout.lay_out_all(&article);
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
                let r = layout.row(row).expect("laid out");
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
        let mut layout = ArticleLayout::new(&article, 20, false);
        layout.lay_out_all(&article);
        let at = article.text.find("epsilon").expect("word");
        let (row, column) = layout.position_of_offset(&article, at).expect("placed");
        let shown = &article.text[layout.row(row).expect("laid out").range.clone()];
        assert!(shown.contains("epsilon"), "{shown:?}");
        let before = &article.text[layout.row(row).expect("laid out").range.start..at];
        assert_eq!(usize::from(column), before.width());
        let item = article.text.find("item").expect("item");
        let (_, column) = layout.position_of_offset(&article, item).expect("placed");
        assert_eq!(column, BULLET_INDENT, "list items sit after the bullet");
    }

    /// An article of about `bytes`, in paragraphs of invented prose, one
    /// of them a single block far longer than a slice.
    fn long_article(bytes: usize) -> Article {
        let sentence = "The council said the plan, which costs \u{201c}more than we have,\u{201d} would wait. ";
        let mut text = String::from("A long article\n\nIts subtitle line here\n\n");
        let mut n = 0;
        while text.len() < bytes {
            n += 1;
            let repeat = if n == 7 { 900 } else { 1 + n % 5 };
            text.push_str(&format!("Paragraph {n}: "));
            text.push_str(&sentence.repeat(repeat));
            text.push_str("\n\n");
        }
        crate::clean::clean(&crate::load::RawDoc {
            meta: Default::default(),
            path: "long.txt".into(),
            bytes: text.into_bytes(),
        })
    }

    fn all_rows(layout: &ArticleLayout) -> Vec<Row> {
        layout.rows(0, layout.len()).cloned().collect()
    }

    #[test]
    fn rows_laid_out_in_any_order_are_the_rows_laid_out_at_once() {
        let article = long_article(300 * 1024);
        assert!(article.text.len() > EAGER_BYTES);
        let mut whole = ArticleLayout::new(&article, 60, false);
        whole.lay_out_all(&article);
        let mut lazy = ArticleLayout::new(&article, 60, false);
        assert!(!lazy.is_complete());
        // The end first, then the middle, then the rest a slice at a time.
        let end = lazy.len();
        lazy.lay_out(&article, end.saturating_sub(30), 30);
        let middle = lazy.len() / 2;
        lazy.lay_out(&article, middle, 40);
        while lazy.lay_out_some(&article, std::time::Duration::ZERO) {}
        assert!(lazy.is_complete());
        assert_eq!(lazy.len(), whole.len());
        assert_eq!(all_rows(&lazy), all_rows(&whole));
    }

    #[test]
    fn a_screen_costs_a_screen_and_its_rows_are_there() {
        let article = long_article(300 * 1024);
        let mut layout = ArticleLayout::new(&article, 60, false);
        let middle = layout.len() / 2;
        layout.lay_out(&article, middle, 40);
        assert_eq!(
            layout.rows(middle, 40).count(),
            40,
            "every row drawn is laid out"
        );
        let laid_out = layout.pieces.iter().filter(|p| p.rows.is_some()).count();
        assert!(
            laid_out * 10 < layout.pieces.len(),
            "{laid_out} of {} pieces laid out for one screen",
            layout.pieces.len()
        );
        // Rows before the screen keep their numbers meanwhile.
        let before = layout.anchor_of_row(middle);
        layout.lay_out(&article, middle + 200, 40);
        assert_eq!(layout.anchor_of_row(middle), before);
    }

    #[test]
    fn a_block_longer_than_a_slice_is_cut_between_sentences() {
        let article = long_article(300 * 1024);
        let layout = ArticleLayout::new(&article, 60, false);
        let long_block = layout
            .pieces
            .iter()
            .find(|p| !p.starts_block)
            .map(|p| p.block)
            .expect("a block in slices");
        let slices: Vec<&Piece> = layout
            .pieces
            .iter()
            .filter(|p| p.block == long_block)
            .collect();
        assert!(slices.len() > 1);
        let block = &article.blocks[long_block].range;
        assert_eq!(slices[0].range.start, block.start);
        assert_eq!(slices.last().map(|p| p.range.end), Some(block.end));
        for pair in slices.windows(2) {
            assert_eq!(pair[0].range.end, pair[1].range.start, "no byte lost");
            assert!(
                article.text[..pair[1].range.start].ends_with(". "),
                "cut after a sentence"
            );
            assert!(pair[0].range.len() <= PIECE_BYTES);
        }
    }

    #[test]
    fn offsets_find_their_rows_before_and_after_laying_out() {
        let article = long_article(300 * 1024);
        let mut layout = ArticleLayout::new(&article, 60, false);
        let offset = article.text.rfind("Paragraph").expect("a paragraph");
        layout.lay_out_offset(&article, offset);
        let row = layout.row_of_offset(offset).expect("a row");
        let shown = layout.row(row).expect("laid out");
        assert_eq!(shown.range.start, offset, "{shown:?}");
        assert_eq!(layout.offset_of_row(row), Some(offset));
    }

    #[test]
    fn heights_sum_and_find_like_a_plain_list() {
        let mut values: Vec<usize> = (0..37).map(|i| 1 + (i * 7) % 5).collect();
        let mut heights = Heights::new(values.clone());
        for (i, v) in [(3, 9), (0, 1), (36, 4), (20, 2)] {
            values[i] = v;
            heights.set(i, v);
        }
        for count in 0..=values.len() {
            assert_eq!(heights.prefix(count), values[..count].iter().sum::<usize>());
        }
        let mut row = 0;
        for (index, &value) in values.iter().enumerate() {
            for within in 0..value {
                assert_eq!(heights.find(row), (index, within));
                row += 1;
            }
        }
        assert_eq!(heights.total(), row);
    }

    #[test]
    fn empty_text_gives_one_empty_row() {
        assert_eq!(wrap("", 10), vec![0..0]);
    }
}

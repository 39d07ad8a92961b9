//! Styling parts of a row from layers of byte spans (entities, quotes,
//! search hits, selections), in time proportional to what is on the row.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;

/// A styled span of `Article::text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    pub style: Style,
}

/// Highlights sorted by start and not overlapping one another, so the ones
/// touching a row are found by binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layer {
    spans: Vec<Highlight>,
}

impl Layer {
    /// A layer from highlights in any order; overlaps keep the earlier one.
    pub fn new(mut spans: Vec<Highlight>) -> Self {
        spans.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end)));
        let mut kept: Vec<Highlight> = Vec::with_capacity(spans.len());
        for span in spans {
            if span.range.is_empty() {
                continue;
            }
            match kept.last() {
                Some(last) if span.range.start < last.range.end => {}
                _ => kept.push(span),
            }
        }
        Layer { spans: kept }
    }

    /// The highlights that overlap `range`.
    pub fn overlapping(&self, range: &Range<usize>) -> &[Highlight] {
        let first = self.spans.partition_point(|h| h.range.end <= range.start);
        let rest = self.spans.get(first..).unwrap_or(&[]);
        let count = rest.partition_point(|h| h.range.start < range.end);
        &rest[..count]
    }
}

/// The spans of `text[row]` styled by `base` patched with each layer in
/// order (later layers win where they set an attribute).
pub fn styled<'a>(
    text: &'a str,
    row: Range<usize>,
    base: Style,
    layers: &[&Layer],
) -> Vec<Span<'a>> {
    let mut cuts = vec![row.start, row.end];
    for layer in layers {
        for h in layer.overlapping(&row) {
            cuts.push(h.range.start.clamp(row.start, row.end));
            cuts.push(h.range.end.clamp(row.start, row.end));
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(piece) = text.get(start..end) else {
            continue;
        };
        let mut style = base;
        for layer in layers {
            if let Some(h) = layer.overlapping(&(start..end)).first() {
                style = style.patch(h.style);
            }
        }
        spans.push(Span::styled(piece, style));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn splits_a_row_at_highlight_edges() {
        let text = "Dmitry Peskov said so.";
        let people = Layer::new(vec![Highlight {
            range: 0..13,
            style: Style::new().fg(Color::Green),
        }]);
        let hits = Layer::new(vec![Highlight {
            range: 7..18,
            style: Style::new().add_modifier(Modifier::REVERSED),
        }]);
        let spans = styled(text, 0..text.len(), Style::new(), &[&people, &hits]);
        let pieces: Vec<_> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(pieces, ["Dmitry ", "Peskov", " said", " so."]);
        assert_eq!(spans[1].style.fg, Some(Color::Green));
        assert!(spans[1].style.add_modifier.contains(Modifier::REVERSED));
        assert_eq!(spans[3].style, Style::new());
    }

    #[test]
    fn overlapping_finds_only_touching_spans() {
        let layer = Layer::new(
            (0..100)
                .map(|i| Highlight {
                    range: i * 10..i * 10 + 5,
                    style: Style::new(),
                })
                .collect(),
        );
        let touching = layer.overlapping(&(42..61));
        let starts: Vec<_> = touching.iter().map(|h| h.range.start).collect();
        assert_eq!(starts, [40, 50, 60]);
    }
}

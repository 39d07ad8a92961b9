//! The quotes-by-speaker panel: speakers sorted by how often they are
//! quoted, each expandable to their quotations.

use std::collections::HashSet;

use std::ops::Range;

use crate::index::Corpus;

/// The most rows a quotation takes in the panel; longer ones end in "…".
pub const QUOTE_MAX_ROWS: usize = 8;
/// Columns a quotation is indented by, under its speaker.
pub const QUOTE_INDENT: u16 = 3;

/// Whose speakers the panel lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scope {
    /// Speakers quoted in the open article.
    #[default]
    Article,
    /// Every speaker in every article.
    Corpus,
}

/// One selectable entry of the panel (drawn as two rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelItem {
    /// A speaker, by index into `Corpus::speakers`, with the number of
    /// their quotations in scope.
    Speaker { speaker: usize, in_scope: usize },
    /// One of their quotations.
    Quote {
        speaker: usize,
        article: usize,
        quote: usize,
    },
}

/// The panel's state. `items` is derived from the corpus and kept here so
/// a frame does not rebuild it.
#[derive(Debug, Clone, Default)]
pub struct PanelView {
    pub scope: Scope,
    pub items: Vec<PanelItem>,
    pub selected: usize,
    pub offset: usize,
    /// Expanded speakers, by name (indices change as analyses arrive).
    pub expanded: HashSet<String>,
    /// Rows each item takes at the panel's width: two for a speaker, the
    /// wrapped quotation and its source for a quotation.
    pub heights: Vec<usize>,
}

/// A quotation's text as the panel wraps it at `width` columns: its rows
/// (byte ranges) and whether it was cut.
pub fn quote_rows(text: &str, width: u16) -> (Vec<Range<usize>>, bool) {
    let width = width.saturating_sub(QUOTE_INDENT + 2).max(8);
    let mut rows = super::wrap::wrap(text, width);
    let cut = rows.len() > QUOTE_MAX_ROWS;
    rows.truncate(QUOTE_MAX_ROWS);
    (rows, cut)
}

impl PanelView {
    /// Rebuilds the items for the scope; `article` is the open article and
    /// `width` the panel's inner width.
    pub fn refresh(&mut self, corpus: &Corpus, article: Option<usize>, width: u16) {
        let keep = self.selected_key(corpus);
        // The index hands the corpus's speakers sorted, most quoted first;
        // an article's are counted from its own quotations. Neither walks
        // the corpus.
        let speakers: Vec<(usize, usize)> = match (self.scope, article) {
            (Scope::Corpus, _) => corpus
                .speakers
                .iter()
                .enumerate()
                .map(|(index, speaker)| (index, speaker.quotes.len()))
                .filter(|&(_, quotes)| quotes > 0)
                .collect(),
            (Scope::Article, Some(a)) => corpus.article_speakers(a),
            (Scope::Article, None) => Vec::new(),
        };
        self.items.clear();
        for (speaker, in_scope) in speakers {
            self.items.push(PanelItem::Speaker { speaker, in_scope });
            let Some(record) = corpus.speakers.get(speaker) else {
                continue;
            };
            if !self.expanded.contains(&record.name) {
                continue;
            }
            for &(quote_article, quote) in &record.quotes {
                if self.scope == Scope::Article && Some(quote_article) != article {
                    continue;
                }
                self.items.push(PanelItem::Quote {
                    speaker,
                    article: quote_article,
                    quote,
                });
            }
        }
        self.heights = self
            .items
            .iter()
            .map(|item| match *item {
                PanelItem::Speaker { .. } => 2,
                PanelItem::Quote { article, quote, .. } => {
                    let text = corpus
                        .analysis(article)
                        .and_then(|a| a.quotes.get(quote))
                        .and_then(|q| corpus.articles.get(article)?.text.get(q.span.range()))
                        .unwrap_or("");
                    quote_rows(text, width).0.len().max(1) + 1
                }
            })
            .collect();
        self.selected = keep
            .and_then(|key| self.items.iter().position(|item| key.matches(corpus, item)))
            .unwrap_or(0)
            .min(self.items.len().saturating_sub(1));
    }

    /// Rows item `index` takes.
    pub fn height_of(&self, index: usize) -> usize {
        self.heights.get(index).copied().unwrap_or(2)
    }

    /// The item drawn at `row` rows below the top of the panel.
    pub fn item_at_row(&self, row: usize) -> Option<usize> {
        let mut top = 0;
        for index in self.offset..self.items.len() {
            top += self.height_of(index);
            if row < top {
                return Some(index);
            }
        }
        None
    }

    /// The selected item.
    pub fn selected_item(&self) -> Option<PanelItem> {
        self.items.get(self.selected).copied()
    }

    /// Moves the selection by `delta` items, clamped; `rows` is the panel's
    /// height.
    pub fn move_by(&mut self, delta: isize, rows: usize) {
        if self.items.is_empty() {
            return;
        }
        let target = (self.selected as isize).saturating_add(delta).max(0) as usize;
        self.selected = target.min(self.items.len() - 1);
        self.keep_selection_visible(rows);
    }

    /// Moves the offset so the selected item is on screen, whole when it
    /// fits, in a panel `rows` high; no rows are left empty at the end
    /// while items above are hidden.
    pub fn keep_selection_visible(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        while self.offset < self.selected
            && (self.offset..=self.selected)
                .map(|i| self.height_of(i))
                .sum::<usize>()
                > rows
        {
            self.offset += 1;
        }
        // Pull items in from above when the end leaves room.
        let below: usize = (self.offset..self.items.len())
            .map(|i| self.height_of(i))
            .sum();
        let mut room = rows.saturating_sub(below);
        while self.offset > 0 && self.height_of(self.offset - 1) <= room {
            room -= self.height_of(self.offset - 1);
            self.offset -= 1;
        }
        self.offset = self.offset.min(self.items.len().saturating_sub(1));
    }

    fn selected_key(&self, corpus: &Corpus) -> Option<ItemKey> {
        match self.selected_item()? {
            PanelItem::Speaker { speaker, .. } => {
                Some(ItemKey::Speaker(corpus.speakers.get(speaker)?.name.clone()))
            }
            PanelItem::Quote { article, quote, .. } => Some(ItemKey::Quote(article, quote)),
        }
    }
}

/// What stays the same about a selected item when the items are rebuilt.
enum ItemKey {
    Speaker(String),
    Quote(usize, usize),
}

impl ItemKey {
    fn matches(&self, corpus: &Corpus, item: &PanelItem) -> bool {
        match (self, item) {
            (ItemKey::Speaker(name), PanelItem::Speaker { speaker, .. }) => corpus
                .speakers
                .get(*speaker)
                .is_some_and(|s| &s.name == name),
            (ItemKey::Quote(a, q), PanelItem::Quote { article, quote, .. }) => {
                a == article && q == quote
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every speaker with their quotations in scope, most first, found the
    /// slow way: by walking every speaker's quotations.
    fn walked(corpus: &Corpus, scope: Scope, article: usize) -> Vec<PanelItem> {
        let mut speakers: Vec<(usize, usize)> = corpus
            .speakers
            .iter()
            .enumerate()
            .map(|(index, s)| {
                let n = match scope {
                    Scope::Corpus => s.quotes.len(),
                    Scope::Article => s.quotes.iter().filter(|(a, _)| *a == article).count(),
                };
                (index, n)
            })
            .filter(|&(_, n)| n > 0)
            .collect();
        speakers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        speakers
            .into_iter()
            .map(|(speaker, in_scope)| PanelItem::Speaker { speaker, in_scope })
            .collect()
    }

    #[test]
    fn the_panel_lists_what_walking_every_speaker_finds() {
        let articles: Vec<_> = crate::load::embedded_seeds()
            .iter()
            .map(crate::clean::clean)
            .collect();
        let corpus = Corpus::build(articles);
        let mut panel = PanelView::default();
        let mut listed = 0;
        for scope in [Scope::Article, Scope::Corpus] {
            panel.scope = scope;
            for article in 0..corpus.articles.len() {
                panel.refresh(&corpus, Some(article), 40);
                listed += panel.items.len();
                assert_eq!(
                    panel.items,
                    walked(&corpus, scope, article),
                    "{scope:?} {article}"
                );
            }
        }
        assert!(listed > 20, "the seeds quote people");
    }
}

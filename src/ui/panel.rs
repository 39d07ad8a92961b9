//! The quotes-by-speaker panel: speakers sorted by how often they are
//! quoted, each expandable to their quotations.

use std::collections::HashSet;

use crate::index::Corpus;

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
}

impl PanelView {
    /// Rebuilds the items for the scope; `article` is the open article.
    pub fn refresh(&mut self, corpus: &Corpus, article: Option<usize>) {
        let keep = self.selected_key(corpus);
        let mut speakers: Vec<(usize, usize)> = corpus
            .speakers
            .iter()
            .enumerate()
            .filter_map(|(index, speaker)| {
                let in_scope = match (self.scope, article) {
                    (Scope::Corpus, _) => speaker.quotes.len(),
                    (Scope::Article, Some(a)) => {
                        speaker.quotes.iter().filter(|(qa, _)| *qa == a).count()
                    }
                    (Scope::Article, None) => 0,
                };
                (in_scope > 0).then_some((index, in_scope))
            })
            .collect();
        // Most quoted first; ties keep the corpus order.
        speakers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
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
        self.selected = keep
            .and_then(|key| self.items.iter().position(|item| key.matches(corpus, item)))
            .unwrap_or(0)
            .min(self.items.len().saturating_sub(1));
    }

    /// The selected item.
    pub fn selected_item(&self) -> Option<PanelItem> {
        self.items.get(self.selected).copied()
    }

    /// Moves the selection by `delta` items, clamped.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        if self.items.is_empty() {
            return;
        }
        let target = (self.selected as isize).saturating_add(delta).max(0) as usize;
        self.selected = target.min(self.items.len() - 1);
        self.keep_selection_visible(height);
    }

    /// Moves the offset so the selection is on screen.
    pub fn keep_selection_visible(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(self.items.len().saturating_sub(height));
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

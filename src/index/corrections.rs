//! The reader's corrections applied to the corpus: after speakers are
//! linked, quotations move to the speaker the reader named, out of the
//! record when they are not quotations, from a merged speaker into the
//! other, and off a speaker when an alias is split from it.
//!
//! Quotation corrections are found again in the current text the way notes
//! are ([`crate::store::anchor`]), so they survive a re-analysis and an edit
//! of the article; one whose words are gone does nothing.

use std::collections::HashMap;

use super::statements::QuoteRef;
use super::{display_name, Corpus, Speaker};
use crate::analyze::SpeakerKind;
use crate::store::{anchor, ArticleKey, Correction, Fix, Selector};

/// Corrections and what they did to the last linking.
#[derive(Debug, Default)]
pub struct CorrectionState {
    /// In the order they apply (oldest change first).
    list: Vec<Correction>,
    /// Each article's store key, in corpus order.
    keys: Vec<ArticleKey>,
    /// Quotations given to another speaker (`None`: not a quotation).
    owner: HashMap<QuoteRef, Option<usize>>,
    /// Quotations whose speaker or standing a correction changed, with
    /// the corrections that changed them (indices into `list`, oldest
    /// first).
    touched: HashMap<QuoteRef, Vec<usize>>,
}

impl Corpus {
    /// Sets the reader's corrections and applies them to the machine's
    /// linking; `keys` are the articles' store keys in corpus order (as
    /// notes use them).
    pub fn set_corrections(&mut self, keys: Vec<ArticleKey>, mut list: Vec<Correction>) {
        list.sort_by(|a, b| a.modified.cmp(&b.modified).then_with(|| a.id.cmp(&b.id)));
        self.corrections.list = list;
        self.corrections.keys = keys;
        let machine = self.machine.clone();
        self.set_linking(machine);
    }

    /// The corrections in force, oldest change first.
    pub fn corrections(&self) -> &[Correction] {
        &self.corrections.list
    }

    /// The corrections that changed this quotation's speaker or standing,
    /// oldest first.
    pub fn corrections_of(&self, article: usize, quote: usize) -> Vec<&Correction> {
        self.corrections
            .touched
            .get(&(article, quote))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.corrections.list.get(i))
            .collect()
    }

    /// The corrections that name this speaker (merges, splits, and
    /// quotations given to them), oldest first.
    pub fn corrections_naming(&self, name: &str) -> Vec<&Correction> {
        let name = fold(name);
        self.corrections
            .list
            .iter()
            .filter(|c| match &c.fix {
                Fix::Reassign { speaker, .. } => fold(speaker) == name,
                Fix::NotAQuotation { .. } => false,
                Fix::MergeSpeaker { speaker, into } => fold(speaker) == name || fold(into) == name,
                Fix::SplitAlias { speaker, alias } => fold(speaker) == name || fold(alias) == name,
            })
            .collect()
    }

    /// Whether a correction changed this quotation's speaker or standing.
    pub fn is_corrected(&self, article: usize, quote: usize) -> bool {
        self.corrections.touched.contains_key(&(article, quote))
    }

    /// Whether the reader marked these words as not a quotation.
    pub fn is_rejected(&self, article: usize, quote: usize) -> bool {
        matches!(self.corrections.owner.get(&(article, quote)), Some(None))
    }

    /// The corrected speaker of a quotation (an index into `speakers`),
    /// when a correction names one: `Some(None)` for words that are not a
    /// quotation.
    pub(super) fn corrected_speaker(&self, quote: QuoteRef) -> Option<Option<usize>> {
        self.corrections.owner.get(&quote).copied()
    }

    /// Applies the corrections to freshly linked speakers. Linear in the
    /// quotations per speaker correction; nothing when there are none.
    pub(super) fn apply_corrections(&mut self) {
        self.corrections.owner.clear();
        self.corrections.touched.clear();
        if self.corrections.list.is_empty() {
            return;
        }
        let mut owner: HashMap<QuoteRef, usize> = HashMap::new();
        for (si, s) in self.speakers.iter().enumerate() {
            for &q in &s.quotes {
                owner.insert(q, si);
            }
        }
        let mut speakers: Vec<Speaker> = self.speakers.to_vec();
        let mut by_name: HashMap<String, usize> = speakers
            .iter()
            .enumerate()
            .map(|(i, s)| (fold(&s.name), i))
            .collect();
        let mut reassigned: HashMap<QuoteRef, Option<usize>> = HashMap::new();
        let mut touched: HashMap<QuoteRef, Vec<usize>> = HashMap::new();
        let mut touch = |q: QuoteRef, ci: usize| {
            let by = touched.entry(q).or_default();
            if by.last() != Some(&ci) {
                by.push(ci);
            }
        };
        let list = std::mem::take(&mut self.corrections.list);
        for (ci, c) in list.iter().enumerate() {
            match &c.fix {
                Fix::Reassign {
                    article,
                    quote,
                    speaker,
                } => {
                    if let Some(q) = self.find_quote(article, quote) {
                        let to = slot(&mut speakers, &mut by_name, speaker, SpeakerKind::Person);
                        owner.insert(q, to);
                        reassigned.insert(q, Some(to));
                        touch(q, ci);
                    }
                }
                Fix::NotAQuotation { article, quote } => {
                    if let Some(q) = self.find_quote(article, quote) {
                        owner.remove(&q);
                        reassigned.insert(q, None);
                        touch(q, ci);
                    }
                }
                Fix::MergeSpeaker { speaker, into } => {
                    let Some(&from) = by_name.get(&fold(speaker)) else {
                        continue;
                    };
                    let kind = speakers[from].kind;
                    let to = slot(&mut speakers, &mut by_name, into, kind);
                    if to == from {
                        continue;
                    }
                    let roles = speakers[from].roles.clone();
                    for r in roles {
                        if !speakers[to].roles.contains(&r) {
                            speakers[to].roles.push(r);
                        }
                    }
                    for (q, o) in owner.iter_mut() {
                        if *o == from {
                            *o = to;
                            touch(*q, ci);
                        }
                    }
                }
                Fix::SplitAlias { speaker, alias } => {
                    let Some(&from) = by_name.get(&fold(speaker)) else {
                        continue;
                    };
                    let kind = speakers[from].kind;
                    let moving: Vec<QuoteRef> = owner
                        .iter()
                        .filter(|&(&q, &o)| {
                            o == from
                                && !reassigned.contains_key(&q)
                                && self.local_name(q).is_some_and(|n| fold(&n) == fold(alias))
                        })
                        .map(|(&q, _)| q)
                        .collect();
                    if moving.is_empty() {
                        continue;
                    }
                    let to = slot(&mut speakers, &mut by_name, alias, kind);
                    for q in moving {
                        owner.insert(q, to);
                        touch(q, ci);
                    }
                }
            }
        }
        self.corrections.list = list;
        // Rebuild the speakers from the owners: most quoted first, the
        // never-quoted dropped, as linking orders them.
        for s in &mut speakers {
            s.quotes.clear();
            s.articles.clear();
        }
        for (&q, &o) in &owner {
            speakers[o].quotes.push(q);
        }
        let mut order: Vec<usize> = (0..speakers.len())
            .filter(|&i| !speakers[i].quotes.is_empty())
            .collect();
        order.sort_by(|&a, &b| {
            speakers[b]
                .quotes
                .len()
                .cmp(&speakers[a].quotes.len())
                .then_with(|| speakers[a].name.cmp(&speakers[b].name))
        });
        let mut new_index = vec![None; speakers.len()];
        for (i, &s) in order.iter().enumerate() {
            new_index[s] = Some(i);
        }
        let mut links = Vec::with_capacity(owner.len());
        for (&(ai, qi), &o) in &owner {
            if reassigned.contains_key(&(ai, qi)) {
                continue;
            }
            let local = self
                .analysis(ai)
                .and_then(|a| a.quotes.get(qi))
                .and_then(|q| q.speaker);
            if let Some(li) = local {
                links.push((ai, li as usize, new_index[o]));
            }
        }
        let speakers: Vec<Speaker> = order
            .into_iter()
            .map(|i| {
                let mut s = std::mem::replace(&mut speakers[i], empty_speaker());
                s.quotes.sort_unstable();
                s.articles = s.quotes.iter().map(|&(a, _)| a).collect();
                s.articles.dedup();
                s
            })
            .collect();
        self.linking = self.linking.relinked(speakers.into(), links);
        self.speakers = self.linking.speakers.clone();
        self.corrections.owner = reassigned
            .into_iter()
            .map(|(q, o)| (q, o.and_then(|o| new_index[o])))
            .collect();
        self.corrections.touched = touched;
    }

    /// The quotation a correction is anchored to, in the current text.
    fn find_quote(&self, key: &ArticleKey, selector: &Selector) -> Option<QuoteRef> {
        let keys = &self.corrections.keys;
        let ai = keys
            .iter()
            .position(|k| k.source == key.source)
            .or_else(|| keys.iter().position(|k| k.text_hash == key.text_hash))?;
        let text = &self.articles.get(ai)?.text;
        let range = anchor::anchor(text, selector).range()?;
        let quotes = &self.analysis(ai)?.quotes;
        // The quotation overlapping the anchored words most.
        quotes
            .iter()
            .enumerate()
            .map(|(qi, q)| {
                let r = q.span.range();
                (
                    qi,
                    r.end
                        .min(range.end)
                        .saturating_sub(r.start.max(range.start)),
                )
            })
            .filter(|&(_, overlap)| overlap > 0)
            .max_by_key(|&(qi, overlap)| (overlap, std::cmp::Reverse(qi)))
            .map(|(qi, _)| (ai, qi))
    }

    /// How the quotation's own article names its speaker.
    fn local_name(&self, (ai, qi): QuoteRef) -> Option<String> {
        let analysis = self.analysis(ai)?;
        let local = analysis
            .speakers
            .get(analysis.quotes.get(qi)?.speaker? as usize)?;
        let text = &self.articles.get(ai)?.text;
        Some(display_name(
            local.name.text(text),
            local.canonical.is_none(),
        ))
    }
}

/// The speaker named `name` (any case), added when there is none.
fn slot(
    speakers: &mut Vec<Speaker>,
    by_name: &mut HashMap<String, usize>,
    name: &str,
    kind: SpeakerKind,
) -> usize {
    *by_name.entry(fold(name)).or_insert_with(|| {
        speakers.push(Speaker {
            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            kind,
            roles: Vec::new(),
            quotes: Vec::new(),
            articles: Vec::new(),
            aliases: Vec::new(),
        });
        speakers.len() - 1
    })
}

/// A name compared without case or extra spaces.
fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn empty_speaker() -> Speaker {
    Speaker {
        name: String::new(),
        kind: SpeakerKind::Description,
        roles: Vec::new(),
        quotes: Vec::new(),
        articles: Vec::new(),
        aliases: Vec::new(),
    }
}

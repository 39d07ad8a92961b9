//! Index: the corpus of articles and their analyses, speakers across articles.
//!
//! Analyses are independent per article, so they can be computed in
//! parallel or one by one off the UI thread ([`Corpus::insert_analysis`]);
//! linking speakers across articles ([`Corpus::relink_speakers`]) is a cheap
//! pass over the local speakers, linear in their number.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::analyze::{self, name_key, Analysis, SpeakerKind};
use crate::model::Article;

mod corrections;
pub mod fulltext;
pub mod statements;
pub use statements::{outlet_name, StatementView, Statements};

/// One speaker across the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The fullest name seen in any article ("Dmitry Peskov"), or the
    /// description of an unnamed speaker.
    pub name: String,
    pub kind: SpeakerKind,
    /// Titles and roles, in the order first seen.
    pub roles: Vec<String>,
    /// (article index, quote index) of every quotation attributed to them.
    pub quotes: Vec<(usize, usize)>,
    /// Indices of the articles they are quoted in, ascending.
    pub articles: Vec<usize>,
}

/// The articles, their analyses and the speakers linked across them.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    /// One slot per article; `None` until analyzed.
    pub analyses: Vec<Option<Analysis>>,
    /// Speakers with at least one quotation, most quoted first.
    pub speakers: Vec<Speaker>,
    /// Per article, per local speaker: the index in `speakers`.
    links: Vec<Vec<Option<usize>>>,
    /// Quotations carried by several articles, kept up to date on insertion.
    pub statements: Statements,
    /// Every article's words, for search across the corpus; an article is
    /// indexed with its analysis.
    pub fulltext: fulltext::FullText,
    /// The reader's corrections, applied after every linking.
    corrections: corrections::CorrectionState,
}

impl Corpus {
    /// A corpus with no analyses yet.
    pub fn new(articles: Vec<Article>) -> Corpus {
        let n = articles.len();
        Corpus {
            articles,
            analyses: vec![None; n],
            speakers: Vec::new(),
            links: vec![Vec::new(); n],
            statements: Statements::default(),
            corrections: Default::default(),
            fulltext: Default::default(),
        }
    }

    /// Analyzes every article in parallel and links the speakers.
    pub fn build(articles: Vec<Article>) -> Corpus {
        let mut corpus = Corpus::new(articles);
        corpus.analyses = corpus
            .articles
            .par_iter()
            .map(|a| Some(analyze::analyze(a)))
            .collect();
        for (i, (article, analysis)) in corpus.articles.iter().zip(&corpus.analyses).enumerate() {
            if let Some(analysis) = analysis {
                corpus.statements.insert(i, &article.text, &analysis.quotes);
                corpus.fulltext.insert(i, &article.text);
            }
        }
        corpus.relink_speakers();
        corpus
    }

    /// Stores one article's analysis. Call [`Corpus::relink_speakers`] after
    /// one or more insertions. An index out of range is ignored.
    pub fn insert_analysis(&mut self, article: usize, analysis: Analysis) {
        if let Some(slot) = self.analyses.get_mut(article) {
            if let Some(a) = self.articles.get(article) {
                self.statements.insert(article, &a.text, &analysis.quotes);
                self.fulltext.insert(article, &a.text);
            }
            *slot = Some(analysis);
        }
    }

    /// The analysis of an article, when done.
    pub fn analysis(&self, article: usize) -> Option<&Analysis> {
        self.analyses.get(article).and_then(Option::as_ref)
    }

    /// Whether every article is analyzed.
    pub fn is_complete(&self) -> bool {
        self.analyses.iter().all(Option::is_some)
    }

    /// The corpus speaker of an article's local speaker.
    pub fn speaker_for_local(&self, article: usize, local: usize) -> Option<&Speaker> {
        let idx = (*self.links.get(article)?.get(local)?)?;
        self.speakers.get(idx)
    }

    /// The corpus speaker of a quotation.
    pub fn quote_speaker(&self, article: usize, quote: usize) -> Option<&Speaker> {
        if let Some(corrected) = self.corrected_speaker((article, quote)) {
            return corrected;
        }
        let q = self.analysis(article)?.quotes.get(quote)?;
        self.speaker_for_local(article, q.speaker? as usize)
    }

    /// The canonical name of a quotation's speaker.
    pub fn quote_speaker_name(&self, article: usize, quote: usize) -> Option<&str> {
        self.quote_speaker(article, quote).map(|s| s.name.as_str())
    }

    /// Links local speakers into corpus speakers: one per person (a lone
    /// surname joins the only full name with that surname), one per named
    /// body; descriptions stay within their article.
    pub fn relink_speakers(&mut self) {
        let mut groups: Vec<Group> = Vec::new();
        let mut by_key: HashMap<(bool, String), usize> = HashMap::new();
        let mut locals: Vec<(usize, usize, usize)> = Vec::new(); // article, local, group
        let mut singles: Vec<(usize, usize, String)> = Vec::new();
        for (ai, analysis) in self.analyses.iter().enumerate() {
            let Some(analysis) = analysis else { continue };
            let text = self.articles.get(ai).map_or("", |a| a.text.as_str());
            for (li, sp) in analysis.speakers.iter().enumerate() {
                let person = sp.kind == SpeakerKind::Person;
                let name = display_name(sp.name.text(text), sp.canonical.is_none());
                let name = name.as_str();
                // Unnamed speakers ("the official", "the ministry") are only
                // known within their article.
                let key = match sp.canonical {
                    None => format!("{ai}\u{0}{}", name.to_lowercase()),
                    Some(_) => name_key(name),
                };
                if person && !key.contains(' ') {
                    singles.push((ai, li, key));
                    continue;
                }
                let g = *by_key.entry((person, key)).or_insert_with(|| {
                    groups.push(Group::default());
                    groups.len() - 1
                });
                groups[g].add(ai, name, sp.kind, sp.roles.iter().map(|r| r.text(text)));
                locals.push((ai, li, g));
            }
        }
        // Lone surnames: the one full name with that surname, preferring one
        // in the same article; else a group of their own.
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        for ((person, key), &g) in &by_key {
            if *person {
                if let Some(surname) = key.rsplit(' ').next() {
                    by_surname.entry(surname.to_string()).or_default().push(g);
                }
            }
        }
        for (ai, li, key) in singles {
            let Some(sp) = self.analyses[ai].as_ref().and_then(|a| a.speakers.get(li)) else {
                continue;
            };
            let text = self.articles.get(ai).map_or("", |a| a.text.as_str());
            let candidates = by_surname.get(&key).map(Vec::as_slice).unwrap_or(&[]);
            let chosen = match candidates {
                [one] => Some(*one),
                [] => None,
                many => many
                    .iter()
                    .copied()
                    .find(|&g| groups[g].articles.contains(&ai)),
            };
            let g = match chosen {
                Some(g) => g,
                None => *by_key.entry((true, key)).or_insert_with(|| {
                    groups.push(Group::default());
                    groups.len() - 1
                }),
            };
            groups[g].add(
                ai,
                sp.name.text(text),
                sp.kind,
                sp.roles.iter().map(|r| r.text(text)),
            );
            locals.push((ai, li, g));
        }
        // Quotations.
        for (ai, analysis) in self.analyses.iter().enumerate() {
            let Some(analysis) = analysis else { continue };
            let mut local_group = vec![None; analysis.speakers.len()];
            for &(a, li, g) in &locals {
                if a == ai {
                    if let Some(slot) = local_group.get_mut(li) {
                        *slot = Some(g);
                    }
                }
            }
            for (qi, q) in analysis.quotes.iter().enumerate() {
                if let Some(g) = q
                    .speaker
                    .and_then(|s| local_group.get(s as usize).copied().flatten())
                {
                    groups[g].quotes.push((ai, qi));
                }
            }
        }
        // Order: most quoted first, then by name; drop speakers never quoted.
        let mut order: Vec<usize> = (0..groups.len())
            .filter(|&g| !groups[g].quotes.is_empty())
            .collect();
        order.sort_by(|&a, &b| {
            groups[b]
                .quotes
                .len()
                .cmp(&groups[a].quotes.len())
                .then_with(|| groups[a].name.cmp(&groups[b].name))
        });
        let mut new_index = vec![None; groups.len()];
        for (i, &g) in order.iter().enumerate() {
            new_index[g] = Some(i);
        }
        self.links = self
            .analyses
            .iter()
            .map(|a| vec![None; a.as_ref().map_or(0, |a| a.speakers.len())])
            .collect();
        for (ai, li, g) in locals {
            if let Some(slot) = self.links.get_mut(ai).and_then(|l| l.get_mut(li)) {
                *slot = new_index[g];
            }
        }
        self.speakers = order
            .into_iter()
            .map(|g| {
                let grp = std::mem::take(&mut groups[g]);
                let mut articles: Vec<usize> = grp.quotes.iter().map(|&(a, _)| a).collect();
                articles.dedup();
                Speaker {
                    name: grp.name,
                    kind: grp.kind.unwrap_or(SpeakerKind::Description),
                    roles: grp.roles,
                    quotes: grp.quotes,
                    articles,
                }
            })
            .collect();
        self.apply_corrections();
    }
}

/// A speaker's name for display: a description read mid-sentence ("The
/// Syrian embassy" becomes "the Syrian embassy").
fn display_name(name: &str, description: bool) -> String {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if !description {
        return name;
    }
    match name.split_once(' ') {
        Some((first, rest)) if matches!(first, "The" | "A" | "An" | "One" | "Another") => {
            format!("{} {rest}", first.to_lowercase())
        }
        _ => name,
    }
}

/// A corpus speaker being assembled.
#[derive(Debug, Default)]
struct Group {
    name: String,
    kind: Option<SpeakerKind>,
    roles: Vec<String>,
    quotes: Vec<(usize, usize)>,
    articles: Vec<usize>,
}

impl Group {
    fn add<'a>(
        &mut self,
        article: usize,
        name: &str,
        kind: SpeakerKind,
        roles: impl Iterator<Item = &'a str>,
    ) {
        let words = |s: &str| s.split_whitespace().count();
        if self.name.is_empty() || (words(name), name.len()) > (words(&self.name), self.name.len())
        {
            self.name = name.to_string();
        }
        self.kind.get_or_insert(kind);
        for r in roles {
            if !self.roles.iter().any(|x| x == r) {
                self.roles.push(r.to_string());
            }
        }
        if !self.articles.contains(&article) {
            self.articles.push(article);
        }
    }
}

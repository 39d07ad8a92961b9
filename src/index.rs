//! Index: the corpus of articles and their analyses, speakers across articles.
//!
//! Analyses are independent per article, so they are computed in parallel
//! or one by one off the UI thread. Speakers are linked across articles by
//! a [`SpeakerIndex`]: inserting an article costs work in its size, and
//! [`SpeakerIndex::link`] is one pass over all local speakers, so whoever
//! analyzes (the reader's worker, or [`Corpus::build`]) links too and hands
//! over a finished [`Linking`].

mod corrections;
pub mod fulltext;
mod link;
pub mod quotations;
pub mod statements;
pub mod whoquotes;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::analyze::{self, Analysis};
use crate::model::Article;

use link::display_name;
pub use link::{Linking, Speaker, SpeakerIndex};
pub use statements::{outlet_name, StatementView, Statements};
pub use whoquotes::QuoteTable;

/// Analyses that arrived together, with the linking that covers them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkedBatch {
    /// Articles read and cleaned in the background, in place of what the
    /// list showed of them before: (article index, article).
    pub loaded: Vec<(usize, Article)>,
    /// (article index, analysis).
    pub analyses: Vec<(usize, Analysis)>,
    /// Speakers linked over every article analyzed so far, these included;
    /// `None` keeps the linking the corpus has (one remembered from an
    /// earlier run, until every article is in).
    pub linking: Option<Linking>,
    /// Articles analyzed per second so far, for the status line.
    pub rate: f32,
    /// Files that could not be read after all (they are empty articles).
    pub skipped: Vec<crate::load::Skipped>,
    /// The statements and search index over the articles sent so far (not
    /// always every one of them: a snapshot costs a copy, so they come less
    /// often as they grow); `None` keeps the ones the corpus has.
    pub cross: Option<CrossIndex>,
}

/// The statements and the full-text index over analyzed articles: built
/// where the articles are analyzed and handed to the reader whole, so the
/// UI thread only swaps pointers. Cloning shares them; the first insertion
/// into a shared one copies it.
#[derive(Debug, Clone, Default)]
pub struct CrossIndex {
    pub statements: Arc<Statements>,
    pub fulltext: Arc<fulltext::FullText>,
}

/// Snapshots are the same when they share their indexes (actions that
/// carry them compare so; comparing the contents would be corpus-sized).
impl PartialEq for CrossIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.statements, &other.statements)
            && Arc::ptr_eq(&self.fulltext, &other.fulltext)
    }
}

impl CrossIndex {
    /// Adds (or adds anew) one analyzed article: work in its size, plus a
    /// copy of everything when a snapshot still shares it.
    pub fn insert(&mut self, article: usize, text: &str, analysis: &Analysis) {
        Arc::make_mut(&mut self.statements).insert(article, text, &analysis.quotes);
        Arc::make_mut(&mut self.fulltext).insert(article, text);
    }

    /// Whether a snapshot shares it (the next insertion copies it).
    pub fn is_shared(&self) -> bool {
        Arc::strong_count(&self.statements) > 1 || Arc::strong_count(&self.fulltext) > 1
    }
}

/// The articles, their analyses and the speakers linked across them.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Every article; one not read yet ([`Corpus::is_loaded`]) has what
    /// the list shows and no text.
    pub articles: Vec<Article>,
    /// Whether each article's text is in.
    loaded: Vec<bool>,
    /// One slot per article; `None` until analyzed.
    pub analyses: Vec<Option<Analysis>>,
    /// Speakers with at least one quotation, most quoted first.
    pub speakers: Arc<[Speaker]>,
    /// The linking in force: the machine's, with the reader's corrections.
    linking: Linking,
    /// The machine's own linking, kept so corrections can be applied anew
    /// when the reader makes or takes one back.
    machine: Linking,
    /// Speakers of the analyses inserted here one by one
    /// ([`Corpus::insert_analysis`]); empty when linking comes ready-made.
    index: SpeakerIndex,
    analyzed: usize,
    /// Articles analyzed per second, as the worker last reported.
    rate: f32,
    /// The reader's corrections, applied after every linking.
    corrections: corrections::CorrectionState,
    /// Quotations carried by several articles: kept up to date on
    /// insertion here, or the worker's latest snapshot.
    pub statements: Arc<Statements>,
    /// Every article's words, for search across the corpus, the same way.
    pub fulltext: Arc<fulltext::FullText>,
    /// Counts the changes of the speakers (a new linking, corrections), so
    /// views derived from them know when to rebuild.
    generation: u64,
}

impl Corpus {
    /// A corpus with no analyses yet.
    pub fn new(articles: impl Into<Vec<Article>>) -> Corpus {
        let articles = articles.into();
        let n = articles.len();
        Corpus {
            articles,
            loaded: vec![true; n],
            analyses: vec![None; n],
            ..Corpus::default()
        }
    }

    /// A corpus of articles not read yet: `stubs` say what the list shows
    /// of them, and `linking` (remembered from an earlier run) who speaks
    /// in them. Their text and analyses arrive with
    /// [`Corpus::insert_linked`].
    pub fn unread(stubs: Vec<Article>, linking: Option<Linking>) -> Corpus {
        let mut corpus = Corpus::new(stubs);
        corpus.loaded.fill(false);
        if let Some(linking) = linking {
            corpus.set_linking(linking);
        }
        corpus
    }

    /// Whether article `index` has been read (its text is in).
    pub fn is_loaded(&self, index: usize) -> bool {
        self.loaded.get(index).copied().unwrap_or(false)
    }

    /// Adds articles (from a feed refresh) after the others, read but
    /// unanalyzed; returns their indices.
    pub fn append(&mut self, new: Vec<Article>) -> std::ops::Range<usize> {
        let start = self.articles.len();
        self.articles.extend(new);
        self.loaded.resize(self.articles.len(), true);
        self.analyses.resize(self.articles.len(), None);
        start..self.articles.len()
    }

    /// Analyzes every article in parallel and links the speakers.
    pub fn build(articles: Vec<Article>) -> Corpus {
        let mut corpus = Corpus::new(articles);
        let analyses: Vec<Analysis> = corpus.articles.par_iter().map(analyze::analyze).collect();
        for (i, analysis) in analyses.into_iter().enumerate() {
            corpus.insert_analysis(i, analysis);
        }
        corpus.relink_speakers();
        corpus
    }

    /// Stores one article's analysis and indexes its speakers (work in the
    /// article's size). Call [`Corpus::relink_speakers`] after one or more
    /// insertions. An index out of range is ignored.
    pub fn insert_analysis(&mut self, article: usize, analysis: Analysis) {
        let Some(text) = self.articles.get(article).map(|a| a.text.as_str()) else {
            return;
        };
        self.index.insert(article, text, &analysis);
        self.store(article, analysis);
    }

    /// Stores analyses whose speakers were linked elsewhere, with that
    /// linking and the statements and search index built there. Work in the
    /// batch's size.
    pub fn insert_linked(&mut self, batch: LinkedBatch) {
        self.rate = batch.rate;
        for (index, article) in batch.loaded {
            if let (Some(slot), Some(loaded)) =
                (self.articles.get_mut(index), self.loaded.get_mut(index))
            {
                *slot = article;
                *loaded = true;
            }
        }
        for (article, analysis) in batch.analyses {
            self.put(article, analysis);
        }
        let new_statements = batch.cross.is_some();
        if let Some(cross) = batch.cross {
            self.statements = cross.statements;
            self.fulltext = cross.fulltext;
        }
        if let Some(linking) = batch.linking {
            self.set_linking(linking);
        } else if new_statements {
            self.generation += 1;
        }
    }

    /// The statements and search index, shared (a feed refresh goes on
    /// from them on its own thread).
    pub fn cross_index(&self) -> CrossIndex {
        CrossIndex {
            statements: Arc::clone(&self.statements),
            fulltext: Arc::clone(&self.fulltext),
        }
    }

    fn cross_index_article(&mut self, article: usize) {
        let (Some(a), Some(Some(analysis))) =
            (self.articles.get(article), self.analyses.get(article))
        else {
            return;
        };
        Arc::make_mut(&mut self.statements).insert(article, &a.text, &analysis.quotes);
        Arc::make_mut(&mut self.fulltext).insert(article, &a.text);
    }

    fn store(&mut self, article: usize, analysis: Analysis) {
        self.put(article, analysis);
        self.cross_index_article(article);
    }

    fn put(&mut self, article: usize, analysis: Analysis) {
        if let Some(slot) = self.analyses.get_mut(article) {
            self.analyzed += usize::from(slot.is_none());
            *slot = Some(analysis);
        }
    }

    /// Links the speakers of every analysis inserted with
    /// [`Corpus::insert_analysis`]: linear in their number.
    pub fn relink_speakers(&mut self) {
        let linking = self.index.link();
        self.set_linking(linking);
    }

    fn set_linking(&mut self, linking: Linking) {
        self.speakers = linking.speakers.clone();
        self.machine = linking.clone();
        self.linking = linking;
        self.apply_corrections();
        self.generation += 1;
    }

    /// Changes whenever the speakers or their quotations may have: views
    /// built from them (the who-quotes-whom table) rebuild when it moves.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The analysis of an article, when done.
    pub fn analysis(&self, article: usize) -> Option<&Analysis> {
        self.analyses.get(article).and_then(Option::as_ref)
    }

    /// How many articles are analyzed.
    pub fn analyzed_count(&self) -> usize {
        self.analyzed
    }

    /// Articles analyzed per second, when a worker reported it.
    pub fn analysis_rate(&self) -> Option<f32> {
        (self.rate > 0.0).then_some(self.rate)
    }

    /// Whether every article is analyzed.
    pub fn is_complete(&self) -> bool {
        self.analyzed == self.articles.len()
    }

    /// The corpus speaker of an article's local speaker.
    pub fn speaker_for_local(&self, article: usize, local: usize) -> Option<&Speaker> {
        self.speakers
            .get(self.linking.speaker_index(article, local)?)
    }

    /// The corpus speaker of a quotation.
    pub fn quote_speaker(&self, article: usize, quote: usize) -> Option<&Speaker> {
        self.speakers.get(self.quote_speaker_index(article, quote)?)
    }

    /// The index in `speakers` of a quotation's speaker.
    pub fn quote_speaker_index(&self, article: usize, quote: usize) -> Option<usize> {
        if let Some(corrected) = self.corrected_speaker((article, quote)) {
            return corrected;
        }
        let q = self.analysis(article)?.quotes.get(quote)?;
        self.linking.speaker_index(article, q.speaker? as usize)
    }

    /// The speakers quoted in an article, by index in `speakers`, with how
    /// many of its quotations are theirs: most first, ties in the corpus
    /// order. Work in the article's quotations, not the corpus's.
    pub fn article_speakers(&self, article: usize) -> Vec<(usize, usize)> {
        let quotes = self.analysis(article).map_or(0, |a| a.quotes.len());
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for quote in 0..quotes {
            if let Some(speaker) = self.quote_speaker_index(article, quote) {
                *counts.entry(speaker).or_default() += 1;
            }
        }
        let mut speakers: Vec<(usize, usize)> = counts.into_iter().collect();
        speakers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        speakers
    }

    /// The speaker the machine gave a quotation, before any correction.
    pub fn machine_quote_speaker(&self, article: usize, quote: usize) -> Option<&Speaker> {
        let q = self.analysis(article)?.quotes.get(quote)?;
        let index = self.machine.speaker_index(article, q.speaker? as usize)?;
        self.machine.speakers.get(index)
    }

    /// The corpus speaker whose canonical name is `name`.
    pub fn speaker_named(&self, name: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.name == name)
    }

    /// The canonical name of a quotation's speaker.
    pub fn quote_speaker_name(&self, article: usize, quote: usize) -> Option<&str> {
        self.quote_speaker(article, quote).map(|s| s.name.as_str())
    }
}

//! Analysis off the UI thread: the reader is usable at once, and analyses
//! arrive in batches together with the speakers linked over everything
//! analyzed so far, so the UI thread only stores them.
//!
//! Two threads: `analysis` runs the articles through a rayon pool (the open
//! article first); `index` inserts each result into a [`SpeakerIndex`]
//! and, at most every [`MIN_BATCH_EVERY`] (or longer, when linking itself
//! takes long), sends a [`LinkedBatch`]. Dropping the feed stops both.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::analyze::{self, Analysis};
use crate::index::{LinkedBatch, SpeakerIndex};
use crate::model::Article;

/// The shortest time between two batches sent to the reader.
const MIN_BATCH_EVERY: Duration = Duration::from_millis(100);
/// Linking may take at most this share of the index thread's time.
const LINK_SHARE: u32 = 4;

/// Finished, linked analyses, as they come.
pub struct AnalysisFeed {
    receiver: Receiver<LinkedBatch>,
    stop: Arc<AtomicBool>,
    done: bool,
}

impl AnalysisFeed {
    /// Starts analyzing `articles` on other threads, article `first` (the
    /// one on screen) before the rest.
    pub fn start(articles: Arc<[Article]>, first: usize) -> Self {
        let (sender, receiver) = mpsc::channel();
        let (result_sender, results) = mpsc::channel::<(usize, Analysis)>();
        let stop = Arc::new(AtomicBool::new(false));
        let analysis = {
            let articles = Arc::clone(&articles);
            let stop = Arc::clone(&stop);
            thread::Builder::new()
                .name("analysis".into())
                .spawn(move || analyze_all(&articles, first, &stop, result_sender))
        };
        let index = {
            let stop = Arc::clone(&stop);
            thread::Builder::new()
                .name("index".into())
                .spawn(move || index_all(&articles, &results, &stop, &sender))
        };
        let spawned = analysis.and(index);
        if let Err(e) = &spawned {
            log::error!("could not start the analysis threads: {e}");
            stop.store(true, Ordering::Relaxed);
        }
        AnalysisFeed {
            receiver,
            stop,
            done: spawned.is_err(),
        }
    }

    /// Whether more analyses may still come.
    pub fn pending(&self) -> bool {
        !self.done
    }

    /// Everything finished since the last call, as one batch (`None` when
    /// nothing arrived).
    pub fn drain(&mut self) -> Option<LinkedBatch> {
        let mut merged: Option<LinkedBatch> = None;
        loop {
            match self.receiver.try_recv() {
                Ok(batch) => match &mut merged {
                    Some(m) => {
                        m.analyses.extend(batch.analyses);
                        m.linking = batch.linking;
                        m.rate = batch.rate;
                    }
                    None => merged = Some(batch),
                },
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.done = true;
                    break;
                }
            }
        }
        merged
    }
}

impl Drop for AnalysisFeed {
    /// The reader is closing: the workers stop after the article at hand.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn analyze_all(
    articles: &[Article],
    first: usize,
    stop: &AtomicBool,
    results: mpsc::Sender<(usize, Analysis)>,
) {
    if let Some(article) = articles.get(first) {
        if results.send((first, analyze::analyze(article))).is_err() {
            return;
        }
    }
    articles
        .par_iter()
        .enumerate()
        .filter(|(i, _)| *i != first)
        .for_each_with(results, |results, (i, article)| {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            // The index thread is gone when the reader has quit.
            let _ = results.send((i, analyze::analyze(article)));
        });
}

fn index_all(
    articles: &[Article],
    results: &Receiver<(usize, Analysis)>,
    stop: &AtomicBool,
    sender: &mpsc::Sender<LinkedBatch>,
) {
    let feed_started = Instant::now();
    let mut analyzed = 0usize;
    let mut index = SpeakerIndex::default();
    let mut pending: Vec<(usize, Analysis)> = Vec::new();
    let mut every = MIN_BATCH_EVERY;
    // The first result (the open article) goes out at once.
    let mut last_sent: Option<Instant> = None;
    loop {
        let wait = match last_sent {
            Some(at) if !pending.is_empty() => every.saturating_sub(at.elapsed()),
            _ => Duration::from_secs(1),
        };
        let finished = match results.recv_timeout(wait) {
            Ok((i, analysis)) => {
                if let Some(article) = articles.get(i) {
                    index.insert(i, &article.text, &analysis);
                    pending.push((i, analysis));
                    analyzed += 1;
                }
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let due = last_sent.is_none_or(|at| at.elapsed() >= every);
        if !pending.is_empty() && (due || finished) {
            let link_started = Instant::now();
            let linking = index.link();
            every = MIN_BATCH_EVERY.max(link_started.elapsed() * LINK_SHARE);
            let batch = LinkedBatch {
                analyses: std::mem::take(&mut pending),
                linking,
                rate: analyzed as f32 / feed_started.elapsed().as_secs_f32().max(0.001),
            };
            if sender.send(batch).is_err() {
                return;
            }
            last_sent = Some(Instant::now());
        }
        if finished {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Corpus;

    /// The worker's batches, stored as they come, give the same speakers as
    /// analyzing and linking everything at once.
    #[test]
    fn linked_batches_add_up_to_the_whole_corpus() {
        let articles: Vec<Article> = crate::load::embedded_seeds()
            .iter()
            .map(crate::clean::clean)
            .collect();
        let built = Corpus::build(articles.clone());
        let mut corpus = Corpus::new(articles);
        let mut feed = AnalysisFeed::start(Arc::clone(&corpus.articles), 2);
        let deadline = Instant::now() + Duration::from_secs(60);
        while feed.pending() && Instant::now() < deadline {
            match feed.drain() {
                Some(batch) => corpus.insert_linked(batch),
                None => thread::sleep(Duration::from_millis(5)),
            }
        }
        while corpus.catch_up(Duration::from_secs(1)) {}
        assert!(corpus.is_complete());
        assert_eq!(corpus.speakers, built.speakers);
        assert!(corpus.analysis_rate().is_some());
        assert_eq!(corpus.statements.all(), built.statements.all());
    }
}

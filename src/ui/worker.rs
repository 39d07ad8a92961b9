//! Reading and analysis off the UI thread: the reader draws its first
//! frame from the files' names (or a manifest remembered from an earlier
//! run), and the articles arrive read, cleaned and analyzed, in batches
//! together with the speakers linked over everything so far, so the UI
//! thread only stores them.
//!
//! Two threads: `analysis` reads each source, takes its cleaned article and
//! analysis from the [`Cache`] or makes them (and stores them there), on a
//! rayon pool, the open article first (its cleaned text goes out before
//! its analysis is made); `index` inserts each result into a
//! [`SpeakerIndex`] and a [`CrossIndex`] (statements and search) and, at
//! most every [`MIN_BATCH_EVERY`] (or longer, when linking itself takes
//! long), sends a [`LinkedBatch`], with a snapshot of the cross index when
//! one is due (they come less often as copying them takes longer, so the
//! copies add up to a share of the work). Once every file is
//! in, it writes the manifest for the next start, and hands its
//! [`SpeakerIndex`] back ([`AnalysisFeed::finish`]) so that articles added
//! later (a feed refresh) are analyzed alone and linked with the rest.
//! Dropping the feed stops both. Each article exists once: the worker hands
//! it over and keeps only what linking needs.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::analyze::{self, Analysis};
use crate::cache::{encode_body, Bodies, BodyWriter, Cache, Manifest, ManifestEntry, Summary};
use crate::index::{Corpus, CrossIndex, LinkedBatch, SpeakerIndex};
use crate::load::{FoundFile, RawDoc, Source};
use crate::model::Article;

/// The shortest time between two batches sent to the reader.
const MIN_BATCH_EVERY: Duration = Duration::from_millis(100);
/// Linking may take at most this share of the index thread's time.
const LINK_SHARE: u32 = 4;
/// Copying the cross index for a snapshot may take at most this share of
/// the index thread's time.
const SNAPSHOT_SHARE: u32 = 4;
/// How long a finished index thread waits for the reader to let go of the
/// snapshots it replaced, so that freeing them is not the UI thread's work.
const RELEASE_WAIT: Duration = Duration::from_secs(1);

/// What the reader is to read in the background.
#[derive(Debug, Default)]
pub struct Loading {
    /// One per article, in the corpus's order.
    pub sources: Vec<Source>,
    pub cache: Option<Cache>,
    /// The inputs (as named) to remember a manifest for, once every source
    /// (all files) is read.
    pub manifest_for: Option<Vec<PathBuf>>,
    /// Whether the corpus starts with the manifest's linking: then batches
    /// leave it in place until every article is in.
    pub linked: bool,
    /// Articles read and cleaned already (a feed refresh added them), by
    /// their index in the corpus (after the sources): they are only
    /// analyzed, and remembered in the cache under their body key
    /// ([`Cache::doc_key`]) when they have one.
    pub read: Vec<(usize, Article, Option<u128>)>,
    /// The speakers of the articles analyzed before (a finished feed's),
    /// which those analyzed now are linked with.
    pub speakers: Option<SpeakerIndex>,
    /// The statements and search index of the articles analyzed before,
    /// which those analyzed now join.
    pub cross: Option<CrossIndex>,
}

/// One article to bring in: a source to read, or an article read already.
enum Work {
    Source(Source),
    Read(Box<Article>, Option<u128>),
}

/// The corpus as the first frame shows it, before any file is read: what
/// the manifest remembered of each unchanged file (title, date, outlet, and
/// the speakers when no file changed), else the file's name; and what the
/// background is to read.
pub fn unread_corpus(
    inputs: &[PathBuf],
    sources: Vec<Source>,
    cache: Option<Cache>,
) -> (Corpus, Loading) {
    // Named the same from any working directory.
    let inputs: Vec<_> = inputs
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let files: Option<Vec<&crate::load::FoundFile>> = sources
        .iter()
        .map(|s| match s {
            Source::File(file) => Some(file),
            Source::Doc(_) => None,
        })
        .collect();
    let manifest = cache
        .as_ref()
        .filter(|_| files.is_some())
        .and_then(|c| c.manifest(&inputs));
    let remembered: std::collections::HashMap<&std::path::Path, _> = manifest
        .iter()
        .flat_map(|m| &m.files)
        .map(|entry| (entry.path.as_path(), entry))
        .collect();
    let stubs = sources
        .iter()
        .map(|source| match source {
            Source::File(file) => match remembered.get(file.path.as_path()) {
                Some(entry) if entry.matches(file) => entry.summary.stub(&file.path),
                _ => crate::clean::stub(&file.path),
            },
            Source::Doc(doc) => crate::clean::stub_of(doc),
        })
        .collect();
    let linking = manifest
        .as_ref()
        .zip(files.as_deref())
        .and_then(|(m, files)| m.linking_for(files));
    let loading = Loading {
        read: Vec::new(),
        speakers: None,
        cross: None,
        linked: linking.is_some(),
        manifest_for: files.is_some().then_some(inputs),
        sources,
        cache,
    };
    (Corpus::unread(stubs, linking), loading)
}

/// What the analysis thread tells the index thread.
enum Step {
    /// The open article, cleaned, before its analysis: the reader shows its
    /// text at once (a long article takes seconds to analyze).
    Read(usize, Box<Article>),
    Analyzed(Box<Arrival>),
}

/// One source read, cleaned and analyzed.
struct Arrival {
    index: usize,
    article: Article,
    analysis: Analysis,
    file: Option<FoundFile>,
    skipped: Option<crate::load::Skipped>,
    /// Newly made: (key, encoded) for the cache.
    body: Option<(u128, Vec<u8>)>,
}

/// Finished, linked analyses, as they come.
pub struct AnalysisFeed {
    receiver: Receiver<LinkedBatch>,
    stop: Arc<AtomicBool>,
    done: bool,
    /// The index thread, which ends with every speaker it linked.
    index: Option<thread::JoinHandle<Option<SpeakerIndex>>>,
}

impl AnalysisFeed {
    /// Starts reading and analyzing on other threads, source `first` (the
    /// article on screen) before the rest.
    pub fn start(loading: Loading, first: usize) -> Self {
        let (sender, receiver) = mpsc::channel::<LinkedBatch>();
        let (result_sender, results) = mpsc::channel::<Step>();
        let stop = Arc::new(AtomicBool::new(false));
        let Loading {
            sources,
            cache,
            manifest_for,
            linked,
            read,
            speakers,
            cross,
        } = loading;
        let work: Vec<(usize, Work)> = sources
            .into_iter()
            .map(Work::Source)
            .enumerate()
            .chain(
                read.into_iter()
                    .map(|(i, a, key)| (i, Work::Read(Box::new(a), key))),
            )
            .collect();
        let total = work.len();
        let analysis = {
            let stop = Arc::clone(&stop);
            let cache = cache.clone();
            thread::Builder::new()
                .name("analysis".into())
                .spawn(move || analyze_all(work, first, cache.as_ref(), &stop, result_sender))
        };
        let index = {
            let stop = Arc::clone(&stop);
            let remember = Remember {
                writer: cache.as_ref().map(Cache::body_writer),
                manifest: cache.zip(manifest_for),
            };
            thread::Builder::new().name("index".into()).spawn(move || {
                let speakers = speakers.unwrap_or_default();
                let indexes = Indexes {
                    speakers,
                    cross: cross.unwrap_or_default(),
                    sent: Vec::new(),
                };
                let (speakers, sent) =
                    index_all(total, linked, indexes, remember, &results, &stop, &sender);
                // The reader sees the feed end now, and drops the snapshots
                // it replaced soon after.
                drop(sender);
                release(sent, &stop);
                speakers
            })
        };
        let (done, index) = match analysis.and(index) {
            Ok(index) => (false, Some(index)),
            Err(e) => {
                log::error!("could not start the analysis threads: {e}");
                stop.store(true, Ordering::Relaxed);
                (true, None)
            }
        };
        AnalysisFeed {
            receiver,
            stop,
            done,
            index,
        }
    }

    /// Every speaker linked, once the feed has sent its last batch
    /// ([`AnalysisFeed::pending`] is false): what articles added later are
    /// linked with. `None` while it runs, or when it stopped short.
    pub fn finish(&mut self) -> Option<SpeakerIndex> {
        if !self.done {
            return None;
        }
        self.index.take()?.join().ok().flatten()
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
                        m.loaded.extend(batch.loaded);
                        m.analyses.extend(batch.analyses);
                        m.skipped.extend(batch.skipped);
                        if batch.linking.is_some() {
                            m.linking = batch.linking;
                        }
                        if batch.cross.is_some() {
                            m.cross = batch.cross;
                        }
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

/// Brings in `work` ((corpus index, work) pairs), article `first` before
/// the rest.
fn analyze_all(
    work: Vec<(usize, Work)>,
    first: usize,
    cache: Option<&Cache>,
    stop: &AtomicBool,
    results: mpsc::Sender<Step>,
) {
    let bodies = cache.map(Cache::bodies);
    let bodies = bodies.as_ref();
    let mut work: Vec<Option<(usize, Work)>> = work.into_iter().map(Some).collect();
    let first = work
        .iter_mut()
        .find(|w| w.as_ref().is_some_and(|(i, _)| *i == first))
        .and_then(Option::take);
    if let Some((i, source)) = first {
        let arrival = arrive(i, source, bodies, Some(&results));
        if results.send(Step::Analyzed(Box::new(arrival))).is_err() {
            return;
        }
    }
    work.into_par_iter()
        .flatten()
        .for_each_with(results, |results, (i, source)| {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            // The index thread is gone when the reader has quit.
            let arrival = arrive(i, source, bodies, None);
            let _ = results.send(Step::Analyzed(Box::new(arrival)));
        });
}

/// Reads one source and cleans and analyzes it, or takes both from the
/// cache. The raw bytes are dropped here. With `early`, a cleaned article
/// goes there before it is analyzed.
fn arrive(
    index: usize,
    work: Work,
    bodies: Option<&Bodies>,
    early: Option<&mpsc::Sender<Step>>,
) -> Arrival {
    let source = match work {
        Work::Source(source) => source,
        Work::Read(article, key) => {
            let analysis = analyze::analyze(&article);
            let body = key.and_then(|key| Some((key, encode_body(&article, &analysis)?)));
            return Arrival {
                index,
                article: *article,
                analysis,
                file: None,
                skipped: None,
                body,
            };
        }
    };
    let file = match &source {
        Source::File(file) => Some(file.clone()),
        Source::Doc(_) => None,
    };
    let path = source.path().to_path_buf();
    let (raw, skipped) = match source.into_doc() {
        Ok(raw) => (raw, None),
        Err(skipped) => (
            RawDoc {
                path,
                bytes: Vec::new(),
                meta: Default::default(),
            },
            Some(skipped),
        ),
    };
    // Pages and feed items too, keyed with what their source said of them:
    // reopening a feed read before extracts nothing again.
    let bodies = bodies.filter(|_| skipped.is_none());
    let key = bodies.map(|_| Cache::doc_key(&raw));
    let remembered = bodies.zip(key).and_then(|(b, key)| b.get(key));
    let (article, analysis) = match remembered {
        Some((article, analysis)) if article.path == raw.path => {
            return Arrival {
                index,
                article,
                analysis,
                file,
                skipped,
                body: None,
            };
        }
        // The same bytes under another path (moved or copied): the cleaner
        // reads dates and titles from the path, so the article is cleaned
        // again; the analysis holds while the text it was made of does.
        Some((before, analysis)) => {
            let article = crate::clean::clean(&raw);
            drop(raw);
            let analysis = if same_text(&article, &before) {
                analysis
            } else {
                analyze::analyze(&article)
            };
            (article, analysis)
        }
        None => {
            let article = crate::clean::clean(&raw);
            drop(raw);
            if let Some(early) = early {
                // A copy of one article: the index thread needs its own.
                let _ = early.send(Step::Read(index, Box::new(article.clone())));
            }
            let analysis = analyze::analyze(&article);
            (article, analysis)
        }
    };
    let body = key.and_then(|key| Some((key, encode_body(&article, &analysis)?)));
    Arrival {
        index,
        article,
        analysis,
        file,
        skipped,
        body,
    }
}

/// Whether an analysis of `before` is one of `article`: it reads only the
/// text and its blocks.
fn same_text(article: &Article, before: &Article) -> bool {
    article.text == before.text && article.blocks == before.blocks
}

/// What the index thread writes to the cache: new bodies, and the
/// manifest for these inputs once every file is in.
struct Remember {
    writer: Option<BodyWriter>,
    manifest: Option<(Cache, Vec<PathBuf>)>,
}

/// What the index thread builds from the articles as they arrive.
struct Indexes {
    speakers: SpeakerIndex,
    cross: CrossIndex,
    /// Snapshots of `cross` sent to the reader, kept here until it lets go
    /// of them, so that they are freed on this thread (a snapshot is
    /// corpus-sized).
    sent: Vec<CrossIndex>,
}

impl Indexes {
    /// Frees the snapshots only this thread still holds.
    fn release_unshared(&mut self) {
        self.sent.retain(CrossIndex::is_shared);
    }
}

/// Waits (at most [`RELEASE_WAIT`], not once the reader closes) for the
/// reader to let go of every snapshot but the last sent, freeing each here.
fn release(mut sent: Vec<CrossIndex>, stop: &AtomicBool) {
    let last = sent.pop();
    let deadline = Instant::now() + RELEASE_WAIT;
    while !sent.is_empty() && Instant::now() < deadline && !stop.load(Ordering::Relaxed) {
        sent.retain(CrossIndex::is_shared);
        thread::sleep(Duration::from_millis(10));
    }
    drop(last);
}

/// Links what arrives with the speakers analyzed before and adds it to the
/// statements and search index, sends batches, and returns the speakers
/// once all `total` arrived (`None` when stopped), with the snapshots the
/// reader may still hold.
fn index_all(
    total: usize,
    linked: bool,
    mut indexes: Indexes,
    mut remember: Remember,
    results: &Receiver<Step>,
    stop: &AtomicBool,
    sender: &mpsc::Sender<LinkedBatch>,
) -> (Option<SpeakerIndex>, Vec<CrossIndex>) {
    let feed_started = Instant::now();
    let mut analyzed = 0usize;
    let mut pending = LinkedBatch::default();
    let mut manifest: Vec<Option<ManifestEntry>> = Vec::new();
    if remember.manifest.is_some() {
        manifest.resize(total, None);
    }
    let mut every = MIN_BATCH_EVERY;
    // The first result (the open article) goes out at once.
    let mut last_sent: Option<Instant> = None;
    let mut snapshot_every = MIN_BATCH_EVERY;
    let mut last_snapshot: Option<Instant> = None;
    // Whether `cross` has articles the last snapshot has not.
    let mut cross_ahead = false;
    // Articles sent before their analysis: not sent again with it.
    let mut sent_early: Vec<usize> = Vec::new();
    loop {
        let since = |at: Option<Instant>| at.map_or(Duration::MAX, |at| at.elapsed());
        let mut wait = match last_sent {
            Some(at) if !pending.analyses.is_empty() => every.saturating_sub(at.elapsed()),
            _ => Duration::from_secs(1),
        };
        if cross_ahead {
            // A snapshot held back goes out once due, with or without news.
            let snapshot_wait = snapshot_every
                .saturating_sub(since(last_snapshot))
                .max(every.saturating_sub(since(last_sent)));
            wait = wait.min(snapshot_wait);
        }
        let mut urgent = false;
        let finished = match results.recv_timeout(wait) {
            Ok(Step::Read(i, article)) => {
                pending.loaded.push((i, *article));
                sent_early.push(i);
                urgent = true;
                false
            }
            Ok(Step::Analyzed(arrival)) => {
                let arrival = *arrival;
                let i = arrival.index;
                indexes
                    .speakers
                    .insert(i, &arrival.article.text, &arrival.analysis);
                let copies = indexes.cross.is_shared();
                let insert_started = Instant::now();
                indexes
                    .cross
                    .insert(i, &arrival.article.text, &arrival.analysis);
                if copies {
                    // Mostly the copy: the next snapshot waits in proportion.
                    snapshot_every = MIN_BATCH_EVERY.max(insert_started.elapsed() * SNAPSHOT_SHARE);
                }
                cross_ahead = true;
                if let (Some(writer), Some((key, body))) = (&mut remember.writer, &arrival.body) {
                    writer.put(*key, body);
                }
                if let (Some(slot), Some(file)) = (manifest.get_mut(i), arrival.file) {
                    *slot = Some(ManifestEntry {
                        summary: Summary::of(&arrival.article),
                        path: file.path,
                        len: file.len,
                        modified: file.modified,
                    });
                }
                if !sent_early.contains(&i) {
                    pending.loaded.push((i, arrival.article));
                }
                pending.analyses.push((i, arrival.analysis));
                pending.skipped.extend(arrival.skipped);
                analyzed += 1;
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        if stop.load(Ordering::Relaxed) {
            return (None, indexes.sent);
        }
        let due = since(last_sent) >= every || finished;
        let analyses_due = !pending.analyses.is_empty() && due;
        let snapshot_due = cross_ahead && (since(last_snapshot) >= snapshot_every || finished);
        if analyses_due || (snapshot_due && due) || urgent {
            // A remembered linking stays until every article is in.
            if !pending.analyses.is_empty() && (!linked || finished) {
                let link_started = Instant::now();
                pending.linking = Some(indexes.speakers.link());
                every = MIN_BATCH_EVERY.max(link_started.elapsed() * LINK_SHARE);
            }
            if snapshot_due {
                pending.cross = Some(indexes.cross.clone());
                indexes.release_unshared();
                indexes.sent.push(indexes.cross.clone());
                last_snapshot = Some(Instant::now());
                cross_ahead = false;
            }
            pending.rate = analyzed as f32 / feed_started.elapsed().as_secs_f32().max(0.001);
            if sender.send(std::mem::take(&mut pending)).is_err() {
                return (None, indexes.sent);
            }
            if let Some(writer) = &mut remember.writer {
                writer.flush();
            }
            last_sent = Some(Instant::now());
        }
        if finished {
            if let Some((cache, inputs)) = remember.manifest.filter(|_| analyzed == total) {
                let files: Option<Vec<ManifestEntry>> = manifest.into_iter().collect();
                if let Some(files) = files {
                    let linking = indexes.speakers.link();
                    cache.put_manifest(&inputs, &Manifest { files, linking });
                }
            }
            return (Some(indexes.speakers), indexes.sent);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Corpus;

    /// Stores the feed's batches in `corpus` until it is done.
    fn follow(feed: &mut AnalysisFeed, corpus: &mut Corpus) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while feed.pending() && Instant::now() < deadline {
            match feed.drain() {
                Some(batch) => corpus.insert_linked(batch),
                None => thread::sleep(Duration::from_millis(5)),
            }
        }
    }

    /// The worker's batches, stored as they come, give the same speakers as
    /// analyzing and linking everything at once.
    #[test]
    fn linked_batches_add_up_to_the_whole_corpus() {
        let seeds = crate::load::embedded_seeds();
        let articles: Vec<Article> = seeds.iter().map(crate::clean::clean).collect();
        let built = Corpus::build(articles);
        let stubs = seeds.iter().map(|d| crate::clean::stub(&d.path)).collect();
        let mut corpus = Corpus::unread(stubs, None);
        let loading = Loading {
            sources: seeds.into_iter().map(Source::Doc).collect(),
            ..Loading::default()
        };
        let mut feed = AnalysisFeed::start(loading, 2);
        follow(&mut feed, &mut corpus);
        assert!(corpus.is_complete());
        assert_eq!(corpus.articles, built.articles);
        assert_eq!(corpus.speakers, built.speakers);
        assert!(corpus.analysis_rate().is_some());
        assert_eq!(corpus.statements.all(), built.statements.all());
        // The search index came from the worker too, whole.
        for query in ["said", "the minister", "zebra crossing"] {
            assert_eq!(corpus.fulltext.search(query), built.fulltext.search(query));
        }
        assert!(!corpus.fulltext.search("said").is_empty());
    }

    /// Articles added after the feed finished are analyzed alone and linked
    /// with the speakers it ended with: the same speakers as analyzing
    /// everything at once.
    #[test]
    fn articles_added_later_are_linked_with_the_rest() {
        let seeds = crate::load::embedded_seeds();
        let articles: Vec<Article> = seeds.iter().map(crate::clean::clean).collect();
        let built = Corpus::build(articles.clone());
        let (before, added) = seeds.split_at(2);
        let stubs = before.iter().map(|d| crate::clean::stub(&d.path)).collect();
        let mut corpus = Corpus::unread(stubs, None);
        let loading = Loading {
            sources: before.iter().cloned().map(Source::Doc).collect(),
            ..Loading::default()
        };
        let mut feed = AnalysisFeed::start(loading, 0);
        follow(&mut feed, &mut corpus);
        let speakers = feed.finish();
        assert!(speakers.is_some(), "a finished feed hands its speakers on");
        let new = corpus.append(articles[before.len()..].to_vec());
        assert_eq!(new.len(), added.len());
        let loading = Loading {
            read: new
                .clone()
                .zip(articles[new].iter().cloned())
                .map(|(i, a)| (i, a, None))
                .collect(),
            speakers,
            cross: Some(corpus.cross_index()),
            ..Loading::default()
        };
        let mut feed = AnalysisFeed::start(loading, 0);
        follow(&mut feed, &mut corpus);
        assert!(corpus.is_complete());
        assert_eq!(corpus.articles, built.articles);
        assert_eq!(corpus.speakers, built.speakers);
        assert_eq!(corpus.statements.all(), built.statements.all());
    }
}

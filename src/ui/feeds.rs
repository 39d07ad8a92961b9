//! Subscribed feeds in the reader: what the feeds view (`F`) shows of each,
//! and the refresh (`R`) that fetches them on a thread of its own, so the
//! reader never waits for the network. Its articles join the running
//! reader as they are cleaned; a feed that fails keeps the articles it had.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::cache::Cache;
use crate::load::fetch::Fetcher;
use crate::load::web::{load_urls, SourceReport};
use crate::model::Article;

/// One subscription as the feeds view shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedEntry {
    pub url: String,
    pub tags: Vec<String>,
    /// The feed's own title, once read.
    pub title: Option<String>,
    /// When what the reader has of it was fetched (seconds since the epoch).
    pub fetched_at: Option<u64>,
    /// Why the last fetch gave nothing new (the articles fetched before
    /// stay).
    pub error: Option<String>,
    /// Its articles' paths (the items' addresses).
    pub paths: Vec<PathBuf>,
    /// Its articles in the reader, by index (see [`Feeds::index`]).
    pub articles: Vec<usize>,
}

impl FeedEntry {
    /// Takes what a fetch said of the feed. A failure keeps the articles
    /// and the time of the last good fetch.
    pub fn update(&mut self, report: &SourceReport) {
        self.error.clone_from(&report.problem);
        if report.fetched_at.is_some() {
            self.fetched_at = report.fetched_at;
        }
        if report.title.is_some() {
            self.title.clone_from(&report.title);
        }
        for path in &report.paths {
            if !self.paths.contains(path) {
                self.paths.push(path.clone());
            }
        }
    }
}

/// How far a refresh has come, for the status line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Feeds read, of `total`.
    pub done: usize,
    pub total: usize,
    /// Articles among them not in the reader yet.
    pub new_articles: usize,
}

impl std::fmt::Display for Progress {
    /// "3/10 feeds, 5 new".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{} feeds, {} new",
            self.done, self.total, self.new_articles
        )
    }
}

/// The feeds, and the refresh under way or wanted.
#[derive(Debug, Clone, Default)]
pub struct Feeds {
    pub entries: Vec<FeedEntry>,
    /// Where fetched feeds are cached (the data directory's `cache/`).
    pub cache_dir: Option<PathBuf>,
    /// A refresh is asked for: the event loop starts one.
    pub wanted: bool,
    /// The refresh under way.
    pub progress: Option<Progress>,
    /// What the last refresh brought: new articles, feeds that failed.
    pub last: Option<Outcome>,
    /// The cache keys of the articles a refresh brought, by path, until
    /// their analysis is remembered with them ([`Feeds::take_body_key`]).
    pub body_keys: std::collections::HashMap<PathBuf, u128>,
}

/// What a finished refresh did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    pub feeds: usize,
    pub new_articles: usize,
    pub failed: usize,
    /// Feeds the server said had not changed (a 304).
    pub not_modified: usize,
}

impl Feeds {
    /// Subscriptions as (URL, tags).
    pub fn new(subscriptions: Vec<(String, Vec<String>)>, cache_dir: Option<PathBuf>) -> Self {
        Feeds {
            entries: subscriptions
                .into_iter()
                .map(|(url, tags)| FeedEntry {
                    url,
                    tags,
                    ..FeedEntry::default()
                })
                .collect(),
            cache_dir,
            ..Feeds::default()
        }
    }

    /// The cache key of an article a refresh brought (once).
    pub fn take_body_key(&mut self, path: &std::path::Path) -> Option<u128> {
        self.body_keys.remove(path)
    }

    pub fn urls(&self) -> Vec<String> {
        self.entries.iter().map(|e| e.url.clone()).collect()
    }

    /// Finds each feed's articles among `articles` (by path): once per
    /// refresh, not per frame.
    pub fn index(&mut self, articles: &[Article]) {
        let by_path: std::collections::HashMap<&std::path::Path, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.as_path(), i))
            .collect();
        for entry in &mut self.entries {
            entry.articles = entry
                .paths
                .iter()
                .filter_map(|p| by_path.get(p.as_path()).copied())
                .collect();
        }
    }

    /// Takes the reports of a fetch (from the cache at start, or a refresh).
    pub fn update(&mut self, reports: &[SourceReport]) {
        for report in reports {
            if let Some(entry) = self.entries.iter_mut().find(|e| e.url == report.url) {
                entry.update(report);
            }
        }
    }
}

/// What the refresh thread sends.
#[derive(Debug)]
pub enum RefreshEvent {
    Progress(Progress),
    /// Every feed is fetched: the articles not in the reader yet, cleaned,
    /// and how each feed fared.
    Done(Box<Refreshed>),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refreshed {
    pub articles: Vec<Article>,
    /// Each article's key in the analysis cache ([`Cache::doc_key`]), in
    /// the same order, so that the next start takes it from there.
    pub keys: Vec<u128>,
    pub reports: Vec<SourceReport>,
    pub seconds: f32,
}

/// A refresh running on its own thread. Dropping it stops waiting for it
/// (requests under way finish within their timeouts).
pub struct Refresh {
    receiver: Receiver<RefreshEvent>,
    stop: Arc<AtomicBool>,
}

impl Refresh {
    /// Fetches `urls` through the cache in `cache_dir` (conditional GETs)
    /// and cleans the documents whose paths are not in `known`.
    pub fn start(urls: Vec<String>, cache_dir: Option<PathBuf>, known: HashSet<PathBuf>) -> Self {
        Self::start_with(urls, Fetcher::new(cache_dir), known)
    }

    /// The same through a given fetcher (tests use short timeouts).
    pub fn start_with(urls: Vec<String>, fetcher: Fetcher, known: HashSet<PathBuf>) -> Self {
        let (sender, receiver) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let spawned = std::thread::Builder::new()
            .name("refresh".into())
            .spawn(move || {
                let started = Instant::now();
                let progress = sender.clone();
                // New articles so far: an item in two feeds counts once.
                let new = std::sync::Mutex::new(HashSet::new());
                let (loaded, reports) = load_urls(&urls, &fetcher, &|done, total, docs| {
                    let new_articles = {
                        let mut new = new.lock().unwrap_or_else(|e| e.into_inner());
                        new.extend(
                            docs.iter()
                                .filter(|d| !known.contains(&d.path))
                                .map(|d| d.path.clone()),
                        );
                        new.len()
                    };
                    let step = Progress {
                        done,
                        total,
                        new_articles,
                    };
                    let _ = progress.send(RefreshEvent::Progress(step));
                });
                if stopped.load(Ordering::Relaxed) {
                    return;
                }
                let (articles, keys) = loaded
                    .docs
                    .par_iter()
                    .filter(|doc| !known.contains(&doc.path))
                    .map(|doc| (crate::clean::clean(doc), Cache::doc_key(doc)))
                    .unzip();
                let _ = sender.send(RefreshEvent::Done(Box::new(Refreshed {
                    articles,
                    keys,
                    reports,
                    seconds: started.elapsed().as_secs_f32(),
                })));
            });
        if let Err(e) = spawned {
            log::error!("could not start the refresh thread: {e}");
        }
        Refresh { receiver, stop }
    }

    /// What arrived since the last call; `None` once the refresh is over
    /// (done, or its thread gone).
    pub fn poll(&mut self) -> Option<Vec<RefreshEvent>> {
        let mut events = Vec::new();
        loop {
            match self.receiver.try_recv() {
                Ok(event) => events.push(event),
                Err(TryRecvError::Empty) => return Some(events),
                Err(TryRecvError::Disconnected) if events.is_empty() => return None,
                Err(TryRecvError::Disconnected) => return Some(events),
            }
        }
    }
}

impl Drop for Refresh {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

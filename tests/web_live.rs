//! A subscribed feed read live, end to end: a real HTTP server on
//! 127.0.0.1 (an ephemeral port, started by the test) serves a feed whose
//! items carry only summaries, so their pages are fetched and extracted.
//! The reader refreshes it (progress as it goes, new articles with unread
//! counts), the server changes the feed (new items) or does not (304),
//! and the reader is opened again from the cache, and once more with the
//! server gone: nothing is extracted again, and everything reads offline.
//! Nothing here goes beyond loopback.

mod common;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{keys, screen_text};
use onrecord::cache::Cache;
use onrecord::index::Corpus;
use onrecord::load::fetch::Fetcher;
use onrecord::ui::feeds::{Feeds, Progress, Refresh, RefreshEvent};
use onrecord::ui::worker::{unread_corpus, AnalysisFeed, Loading};
use onrecord::ui::{update, Action, App};

fn page_fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/web/pages")
            .join(name),
    )
    .unwrap()
}

/// What the server saw: (path, status) per request.
type Seen = Arc<Mutex<Vec<(String, u16)>>>;

/// Serves `/feed.rss` at version `version` (version N lists N + 1 items,
/// the newest first, each with only a summary), and `/story/N`, a news
/// page. Both with ETags: a request naming the current one gets a 304.
struct Server {
    base: String,
    version: Arc<AtomicUsize>,
    seen: Seen,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let version = Arc::new(AtomicUsize::new(1));
        let seen: Seen = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (v, s, halt, served) = (version.clone(), seen.clone(), stop.clone(), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if halt.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (v, s, base) = (v.clone(), s.clone(), served.clone());
                std::thread::spawn(move || serve(stream, &base, v.load(Ordering::SeqCst), &s));
            }
        });
        Server {
            base,
            version,
            seen,
            stop,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// How many requests for `path` got `status`.
    fn count(&self, path: &str, status: u16) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, s)| p == path && *s == status)
            .count()
    }

    /// Stops accepting: later connections are refused.
    fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.base.trim_start_matches("http://"));
        std::thread::sleep(Duration::from_millis(100));
    }
}

const PAGES: [&str; 3] = ["harbour-tram.html", "late-frost.htm", "school-meals.html"];

fn feed_body(base: &str, version: usize) -> String {
    let items: String = (1..=version + 1)
        .rev()
        .map(|i| {
            format!(
                "<item><title>Loopback story {i}</title><link>{base}/story/{i}</link>\
                 <guid>{base}/story/{i}</guid><pubDate>0{i} Nov 2026 08:00:00 GMT</pubDate>\
                 <description>Only a summary of story {i}.</description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loopback Ledger</title>\
         <link>{base}/</link><description>Invented news</description>{items}</channel></rss>"
    )
}

fn serve(mut stream: TcpStream, base: &str, version: usize, seen: &Seen) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let (etag, content_type, body) = if path == "/feed.rss" {
        (
            format!("\"feed-{version}\""),
            "application/rss+xml",
            feed_body(base, version).into_bytes(),
        )
    } else if let Some(n) = path
        .strip_prefix("/story/")
        .and_then(|n| n.parse::<usize>().ok())
    {
        (
            format!("\"story-{n}\""),
            "text/html; charset=utf-8",
            page_fixture(PAGES[n.saturating_sub(1) % PAGES.len()]),
        )
    } else {
        (String::new(), "text/plain", Vec::new())
    };
    let status = match () {
        _ if body.is_empty() => 404,
        _ if headers.get("if-none-match") == Some(&etag) => 304,
        _ => 200,
    };
    seen.lock().unwrap().push((path, status));
    let (reason, body) = match status {
        200 => ("OK", body),
        304 => ("Not Modified", Vec::new()),
        _ => ("Not Found", Vec::new()),
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nETag: {etag}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn fetcher(cache: &Path) -> Fetcher {
    Fetcher::with_timeouts(
        Some(cache.to_path_buf()),
        Duration::from_secs(2),
        Duration::from_secs(5),
    )
}

/// Runs a refresh as the event loop does, then the analysis of what it
/// added (remembered in `cache`). Returns the progress steps seen.
fn refresh(app: &mut App, cache: &Path) -> Vec<Progress> {
    let known: HashSet<PathBuf> = app.corpus.articles.iter().map(|a| a.path.clone()).collect();
    let mut running = Refresh::start_with(app.feeds.urls(), fetcher(cache), known);
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut steps = Vec::new();
    while let Some(events) = running.poll() {
        assert!(Instant::now() < deadline, "the refresh ends");
        for event in events {
            match event {
                RefreshEvent::Progress(p) => {
                    steps.push(p);
                    update(app, Action::FeedsProgress(p));
                    let screen = screen_text(app);
                    assert!(screen.contains(&format!("refreshing {p}")), "{screen}");
                }
                RefreshEvent::Done(done) => onrecord::ui::refreshed(app, done, None),
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(app.feeds.progress.is_none(), "the refresh is over");
    if let Some(from) = app.unanalyzed_from.take() {
        let loading = onrecord::ui::added_loading(app, from, Cache::open(cache), None);
        analyze(app, loading);
    }
    steps
}

/// Runs the worker on `loading` until every article is in the reader.
fn analyze(app: &mut App, loading: Loading) {
    let mut feed = AnalysisFeed::start(loading, 0);
    let deadline = Instant::now() + Duration::from_secs(60);
    while feed.pending() {
        assert!(Instant::now() < deadline, "the analysis ends");
        match feed.drain() {
            Some(batch) => update(app, Action::Indexed(Box::new(batch))),
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// The reader as the binary opens it on its subscriptions: from what the
/// cache holds (read through `fetcher`), the articles arriving from the
/// worker. Also says whether every document's extracted article was in
/// the cache already.
fn reopen(feed: &str, cache: &Path, fetcher: &Fetcher) -> (App, bool) {
    let inputs = vec![PathBuf::from(feed)];
    let (found, reports) = onrecord::load::discover_inputs_through(&inputs, fetcher).unwrap();
    let bodies = Cache::open(cache).unwrap().bodies();
    let all_cached = found.sources.iter().all(|source| match source {
        onrecord::load::Source::Doc(doc) => bodies.get(Cache::doc_key(doc)).is_some(),
        onrecord::load::Source::File(_) => false,
    });
    let (corpus, loading) = unread_corpus(&inputs, found.sources, Cache::open(cache));
    let mut app = App::new(corpus, 80, 24);
    // The first frame already shows the feed's titles, not addresses.
    let first: Vec<String> = app
        .corpus
        .articles
        .iter()
        .map(|a| a.title.clone())
        .collect();
    assert!(
        first.iter().all(|t| t.starts_with("Loopback story")),
        "{first:?}"
    );
    app.feeds = Feeds::new(vec![(feed.to_string(), Vec::new())], Some(cache.into()));
    app.feeds.update(&reports);
    analyze(&mut app, loading);
    app.feeds.index(&app.corpus.articles);
    (app, all_cached)
}

fn titles(app: &App) -> Vec<String> {
    let mut titles: Vec<String> = app
        .corpus
        .articles
        .iter()
        .map(|a| a.title.clone())
        .collect();
    titles.sort();
    titles
}

#[test]
fn a_feed_is_refreshed_live_then_reopened_from_the_cache_and_read_offline() {
    let server = Server::start();
    let data = tempfile::tempdir().unwrap();
    let cache = data.path().join("cache");
    let feed = server.url("/feed.rss");
    let mut app = App::new(Corpus::new(Vec::new()), 80, 24);
    app.feeds = Feeds::new(vec![(feed.clone(), Vec::new())], Some(cache.clone()));

    // First refresh: two items, their pages fetched and extracted.
    let steps = refresh(&mut app, &cache);
    assert_eq!(
        steps,
        vec![Progress {
            done: 1,
            total: 1,
            new_articles: 2
        }]
    );
    assert_eq!(app.corpus.articles.len(), 2);
    assert!(app.corpus.is_complete(), "the new articles are analyzed");
    assert_eq!(server.count("/story/1", 200), 1);
    let tram = app
        .corpus
        .articles
        .iter()
        .find(|a| a.path.ends_with("story/1"))
        .unwrap();
    assert!(tram.text.contains("tram"), "the page, not the summary");
    assert_eq!(tram.outlet.as_deref(), Some("The Coastal Courier"));
    let screen = screen_text(&app);
    assert!(
        screen.contains("feeds refreshed: 2 new articles"),
        "{screen}"
    );
    assert!(screen.contains("Articles (2"), "{screen}");
    keys(&mut app, "F");
    let screen = screen_text(&app);
    assert!(
        screen.contains("Loopback Ledger · 2 articles, 2 unread"),
        "{screen}"
    );
    keys(&mut app, "<Esc>");

    // Unchanged: the feed and the pages answer 304, nothing is new.
    let steps = refresh(&mut app, &cache);
    assert_eq!(steps.last().map(|p| p.new_articles), Some(0));
    assert_eq!(server.count("/feed.rss", 304), 1);
    assert_eq!(app.feeds.last.map(|o| o.not_modified), Some(1));
    assert_eq!(app.feeds.last.map(|o| o.new_articles), Some(0));
    assert_eq!(app.corpus.articles.len(), 2);

    // The feed changes: one new item, the only page fetched in full.
    server.version.store(2, Ordering::SeqCst);
    let steps = refresh(&mut app, &cache);
    assert_eq!(steps.last().map(|p| p.new_articles), Some(1));
    assert_eq!(server.count("/feed.rss", 200), 2);
    assert_eq!(server.count("/story/3", 200), 1);
    assert_eq!(server.count("/story/1", 200), 1, "a 304 for the old page");
    assert_eq!(app.corpus.articles.len(), 3);
    assert!(app.corpus.is_complete());
    keys(&mut app, "F");
    let screen = screen_text(&app);
    assert!(
        screen.contains("Loopback Ledger · 3 articles, 3 unread"),
        "{screen}"
    );
    keys(&mut app, "<Esc>");
    let live = titles(&app);
    let live_texts: HashSet<String> = app.corpus.articles.iter().map(|a| a.text.clone()).collect();

    // Reopened: every article extracted before comes from the cache.
    let (reopened, all_cached) = reopen(&feed, &cache, &Fetcher::cache_only(Some(cache.clone())));
    assert!(all_cached, "nothing is extracted again");
    assert_eq!(titles(&reopened), live);
    assert_eq!(reopened.feeds.entries[0].articles.len(), 3);

    // The server gone: the copies are read offline, the feed says why.
    server.stop();
    let (offline, all_cached) = reopen(&feed, &cache, &fetcher(&cache));
    assert!(all_cached);
    assert_eq!(titles(&offline), live);
    let texts: HashSet<String> = offline
        .corpus
        .articles
        .iter()
        .map(|a| a.text.clone())
        .collect();
    assert_eq!(texts, live_texts);
    let error = offline.feeds.entries[0].error.clone().unwrap_or_default();
    assert!(error.starts_with("offline copy"), "{error}");
    let mut offline = offline;
    keys(&mut offline, "<Enter>");
    let screen = screen_text(&offline);
    assert!(screen.contains("Loopback story"), "{screen}");
}

//! Refreshing subscribed feeds from the running reader: a real HTTP server
//! on 127.0.0.1 (an ephemeral port, started by each test), the refresh on
//! its own thread, its articles joining the reader, a failing feed keeping
//! what it had, and the feeds view (`F`) at 80x24. Nothing here goes
//! beyond loopback.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{keys, screen_text};
use onrecord::index::Corpus;
use onrecord::load::fetch::Fetcher;
use onrecord::store::{ArticleKey, Edit, Store};
use onrecord::ui::feeds::{FeedEntry, Feeds, Refresh, RefreshEvent};
use onrecord::ui::sync::NotesSync;
use onrecord::ui::{update, Action, App};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/web/feeds")
            .join(path),
    )
    .unwrap()
}

/// Serves `/rss/N` (the courier feed with an ETag, its items' links made
/// unique per N), `/json` (the briefing JSON Feed) and `/flaky` (the
/// courier feed, then 500 once `failing` is set). Counts 304 answers.
struct Server {
    base: String,
    failing: Arc<AtomicBool>,
    not_modified: Arc<AtomicUsize>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let failing = Arc::new(AtomicBool::new(false));
        let not_modified = Arc::new(AtomicUsize::new(0));
        let (f, n) = (failing.clone(), not_modified.clone());
        let served = base.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (f, n, base) = (f.clone(), n.clone(), served.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    let _ = reader.read_line(&mut line);
                    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let mut etag_sent = false;
                    loop {
                        let mut h = String::new();
                        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                            break;
                        }
                        etag_sent |= h.to_ascii_lowercase().starts_with("if-none-match: \"v1\"");
                    }
                    let respond = |stream: &mut std::net::TcpStream, status: &str, body: &[u8]| {
                        let head = format!(
                            "HTTP/1.1 {status}\r\nETag: \"v1\"\r\nContent-Type: application/xml\r\n\
                             Content-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        );
                        let _ = stream.write_all(head.as_bytes());
                        let _ = stream.write_all(body);
                    };
                    // Items' pages on this server (404: the summary stays),
                    // never beyond loopback; unique per feed.
                    let courier = |tag: &str| {
                        String::from_utf8(fixture("courier.rss"))
                            .unwrap()
                            .replace("https://courier.example", &format!("{base}/page/{tag}"))
                    };
                    if path == "/flaky" && f.load(Ordering::SeqCst) {
                        respond(&mut stream, "500 Oops", b"down");
                    } else if etag_sent {
                        n.fetch_add(1, Ordering::SeqCst);
                        respond(&mut stream, "304 Not Modified", b"");
                    } else if let Some(i) = path.strip_prefix("/rss/") {
                        respond(&mut stream, "200 OK", courier(i).as_bytes());
                    } else if path == "/flaky" {
                        respond(&mut stream, "200 OK", courier("flaky").as_bytes());
                    } else if path == "/json" {
                        respond(&mut stream, "200 OK", &fixture("briefing.json"));
                    } else {
                        respond(&mut stream, "404 Not Found", b"");
                    }
                });
            }
        });
        Server {
            base,
            failing,
            not_modified,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// A reader with no articles yet, subscribed to `urls`, as the binary
/// opens it before anything was fetched.
fn empty_reader(urls: &[String], cache: &Path) -> App {
    let mut app = App::new(Corpus::new(Vec::new()), 120, 40);
    app.feeds = Feeds::new(
        urls.iter()
            .map(|u| (u.clone(), vec!["news".into()]))
            .collect(),
        Some(cache.to_path_buf()),
    );
    app
}

/// Runs a refresh on its thread as the event loop does: progress and the
/// result become actions. Returns the result's timing.
fn refresh(app: &mut App, cache: &Path) -> f32 {
    refresh_with_store(app, cache, None)
}

/// [`refresh`] with the notes store the reader has.
fn refresh_with_store(app: &mut App, cache: &Path, mut notes: Option<&mut NotesSync>) -> f32 {
    let known: HashSet<PathBuf> = app.corpus.articles.iter().map(|a| a.path.clone()).collect();
    let fetcher = Fetcher::with_timeouts(
        Some(cache.to_path_buf()),
        Duration::from_secs(2),
        Duration::from_secs(5),
    );
    let mut running = Refresh::start_with(app.feeds.urls(), fetcher, known);
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seconds = None;
    let mut progressed = 0;
    while Instant::now() < deadline {
        match running.poll() {
            Some(events) => {
                for event in events {
                    match event {
                        RefreshEvent::Progress(p) => {
                            progressed += 1;
                            update(app, Action::FeedsProgress(p));
                            assert!(screen_text(app).contains(&format!("refreshing {p}")));
                        }
                        RefreshEvent::Done(done) => {
                            seconds = Some(done.seconds);
                            onrecord::ui::refreshed(app, done, notes.as_deref_mut());
                        }
                    }
                }
            }
            None => break,
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        progressed,
        app.feeds.entries.len(),
        "one progress step per feed"
    );
    seconds.expect("the refresh finished")
}

#[test]
fn refreshed_articles_join_the_reader_and_a_failing_feed_keeps_its_own() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let urls = vec![server.url("/flaky"), server.url("/json")];
    let mut app = empty_reader(&urls, cache.path());
    let screen = screen_text(&app);
    assert!(screen.contains("No articles (F: feeds)"), "{screen}");
    keys(&mut app, "R");
    assert!(app.feeds.wanted, "R asks the event loop for a refresh");
    app.feeds.wanted = false;

    refresh(&mut app, cache.path());
    let count = app.corpus.articles.len();
    let flaky = app.feeds.entries[0].articles.clone();
    assert_eq!(flaky.len(), 2, "the courier feed's two items");
    assert_eq!(app.feeds.entries[1].articles.len(), count - 2);
    assert!(app.feeds.entries.iter().all(|e| e.error.is_none()));
    assert_eq!(app.unanalyzed_from, Some(0), "new articles are analyzed");
    assert!(screen_text(&app).contains(&format!("feeds refreshed: {count} new articles")));
    assert!(app.feeds.entries[0].title.is_some());
    assert!(app.feeds.entries[0].fetched_at.is_some());

    // The courier feed fails now: its articles stay, its error shows.
    server.failing.store(true, Ordering::SeqCst);
    app.unanalyzed_from = None;
    refresh(&mut app, cache.path());
    assert_eq!(
        app.corpus.articles.len(),
        count,
        "nothing new, nothing lost"
    );
    assert_eq!(app.feeds.entries[0].articles, flaky);
    let error = app.feeds.entries[0].error.clone().expect("an error");
    assert!(error.contains("500"), "{error}");
    assert!(app.feeds.entries[1].error.is_none());
    assert_eq!(
        server.not_modified.load(Ordering::SeqCst),
        1,
        "the JSON feed: 304"
    );
    assert!(screen_text(&app).contains("1 failed (F shows why)"));
    keys(&mut app, "F");
    let screen = screen_text(&app);
    assert!(screen.contains("1 failing"), "{screen}");
    assert!(
        screen.contains("✗ offline copy: the server answered 500"),
        "{screen}"
    );
    keys(&mut app, "<Esc>");
    assert!(!screen_text(&app).contains("failing"));
}

/// Refresh numbers for the report: N feeds from loopback, fetched, then
/// refreshed again with conditional GETs (every one a 304).
#[test]
fn a_second_refresh_is_all_not_modified() {
    const FEEDS: usize = 20;
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let urls: Vec<String> = (0..FEEDS)
        .map(|i| server.url(&format!("/rss/{i}")))
        .collect();
    let mut app = empty_reader(&urls, cache.path());
    let first = refresh(&mut app, cache.path());
    assert_eq!(app.corpus.articles.len(), 2 * FEEDS);
    let second = refresh(&mut app, cache.path());
    for e in &app.feeds.entries {
        assert!(e.error.is_none(), "{:?}", e.error);
    }
    let share = server.not_modified.load(Ordering::SeqCst) as f32 / FEEDS as f32;
    println!(
        "{FEEDS} feeds from loopback: first refresh {first:.3} s, second {second:.3} s, \
         304 share {:.0}%",
        share * 100.0
    );
    assert_eq!(share, 1.0);
    assert_eq!(app.feeds.last.map(|o| o.not_modified), Some(FEEDS));
    assert_eq!(app.feeds.last.map(|o| o.new_articles), Some(0));
    assert_eq!(app.corpus.articles.len(), 2 * FEEDS);
}

#[test]
fn refreshed_articles_keep_their_read_marks_from_the_store() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut sync = NotesSync::new(Store::open(Some(data.path())).unwrap());
    let urls = vec![server.url("/rss/1")];
    let mut app = empty_reader(&urls, cache.path());
    refresh_with_store(&mut app, cache.path(), Some(&mut sync));
    assert_eq!(app.corpus.articles.len(), 2);
    assert!(app.articles.iter().all(|a| !a.read));
    // Read in an earlier run.
    let read = ArticleKey::of(&app.corpus.articles[1]);
    let snapshot = sync.apply(vec![Edit::set_read(read.clone(), true)]);
    assert!(snapshot.waiting.is_empty(), "{:?}", snapshot.problem);

    // The next run has none of them until the refresh brings them back.
    let mut app = empty_reader(&urls, cache.path());
    refresh_with_store(&mut app, cache.path(), Some(&mut sync));
    let marked: Vec<&ArticleKey> = app
        .articles
        .iter()
        .filter(|a| a.read)
        .map(|a| &a.key)
        .collect();
    assert_eq!(marked, vec![&read]);
}

#[test]
fn feeds_view_80x24() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web/feeds");
    let loaded = onrecord::load::load_paths(&[dir]).unwrap();
    let articles: Vec<_> = loaded.docs.iter().map(onrecord::clean::clean).collect();
    let paths: Vec<PathBuf> = articles.iter().map(|a| a.path.clone()).collect();
    let mut app = App::new(Corpus::new(articles), 80, 24);
    // Invented addresses and times, so the picture does not move.
    app.feeds = Feeds {
        entries: vec![
            FeedEntry {
                url: "https://courier.example/rss".into(),
                tags: vec!["local".into(), "two words".into()],
                title: Some("The Harbour Courier".into()),
                fetched_at: Some(1_764_576_000),
                paths: paths[..2].to_vec(),
                ..FeedEntry::default()
            },
            FeedEntry {
                url: "https://ledger.example/atom\u{1b}[31m".into(),
                title: Some("Valley Ledger".into()),
                fetched_at: Some(1_764_572_400),
                error: Some("offline copy: timed out".into()),
                paths: paths[2..].to_vec(),
                ..FeedEntry::default()
            },
            FeedEntry {
                url: "https://new.example/feed.json".into(),
                error: Some("the server answered 404".into()),
                ..FeedEntry::default()
            },
        ],
        ..Feeds::default()
    };
    app.feeds.index(&app.corpus.articles);
    keys(&mut app, "<Enter>G");
    keys(&mut app, "F");
    insta::assert_snapshot!("feeds_view_80x24", screen_text(&app));
    keys(&mut app, "j");
    let screen = screen_text(&app);
    assert!(screen.contains("▸ Valley Ledger"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
    // R from the view asks for a refresh, and the title says it runs.
    keys(&mut app, "R");
    assert!(app.feeds.wanted);
    update(
        &mut app,
        Action::FeedsProgress(onrecord::ui::feeds::Progress {
            done: 1,
            total: 3,
            new_articles: 2,
        }),
    );
    assert!(screen_text(&app).contains("refreshing 1/3 feeds, 2 new"));
    update(&mut app, Action::FeedsRefreshed(Box::default()));
    keys(&mut app, "q");
    assert!(!app.quit, "q closes the view, not the reader");
}

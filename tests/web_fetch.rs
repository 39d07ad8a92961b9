//! Fetching pages and feeds from a real HTTP server on 127.0.0.1 (an
//! ephemeral port, started by each test): redirects, gzip, ETag and 304,
//! timeouts, oversize bodies, errors, the per-host limit, the cache that
//! keeps reading working offline, and the subscriptions file. Nothing
//! here goes beyond loopback.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use assert_cmd::Command;
use onrecord::clean::clean;
use onrecord::load::fetch::{FetchError, Fetcher, Freshness};
use onrecord::load::web::load_urls;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/web")
            .join(path),
    )
    .unwrap()
}

/// Requests to `/all/` in flight on any server, and the most at once
/// (only `requests_are_limited_across_hosts_and_callers` asks for them).
static ALL_IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static ALL_MAX_IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// What the server saw.
#[derive(Default)]
struct Log {
    requests: Mutex<Vec<(String, HashMap<String, String>)>>,
    not_modified: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

struct Server {
    base: String,
    log: Arc<Log>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Log::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (thread_log, thread_stop, thread_base) = (log.clone(), stop.clone(), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if thread_stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (log, base) = (thread_log.clone(), thread_base.clone());
                std::thread::spawn(move || serve(stream, &log, &base));
            }
        });
        Server { base, log, stop }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn requests_for(&self, path: &str) -> Vec<HashMap<String, String>> {
        self.log
            .requests
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, h)| h.clone())
            .collect()
    }

    /// Stops accepting: later connections are refused.
    fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag and drops the listener.
        let _ = TcpStream::connect(self.base.trim_start_matches("http://"));
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn serve(mut stream: TcpStream, log: &Log, base: &str) {
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
    log.requests
        .lock()
        .unwrap()
        .push((path.clone(), headers.clone()));

    let respond = |stream: &mut TcpStream, status: &str, extra: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match path.as_str() {
        "/feed.rss" => {
            if headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
                log.not_modified.fetch_add(1, Ordering::SeqCst);
                respond(&mut stream, "304 Not Modified", "ETag: \"v1\"\r\n", b"");
            } else {
                respond(
                    &mut stream,
                    "200 OK",
                    "Content-Type: application/rss+xml\r\nETag: \"v1\"\r\n",
                    // Its summary-only item's page on this server (a 404:
                    // the summary stays), never beyond loopback.
                    String::from_utf8(fixture("feeds/courier.rss"))
                        .unwrap()
                        .replace("https://courier.example", base)
                        .as_bytes(),
                );
            }
        }
        "/summary.rss" => {
            let rss = format!(
                "<rss version=\"2.0\"><channel><title>Valley Ledger</title><item>\
                 <title>Frost</title><link>{base}/frost</link>\
                 <description>Short summary only.</description></item></channel></rss>"
            );
            respond(
                &mut stream,
                "200 OK",
                "Content-Type: application/rss+xml\r\n",
                rss.as_bytes(),
            );
        }
        "/feed" => respond(
            &mut stream,
            "200 OK",
            "Content-Type: application/feed+json\r\n",
            &fixture("feeds/briefing.json"),
        ),
        "/frost" => respond(
            &mut stream,
            "200 OK",
            "Content-Type: text/html; charset=windows-1252\r\n",
            &fixture("pages/late-frost.htm"),
        ),
        "/gz/tram" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&fixture("pages/harbour-tram.html")).unwrap();
            let body = gz.finish().unwrap();
            respond(
                &mut stream,
                "200 OK",
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                &body,
            );
        }
        "/moved" => respond(&mut stream, "301 Moved", "Location: /gz/tram\r\n", b""),
        "/loop" => respond(&mut stream, "302 Found", "Location: /loop\r\n", b""),
        "/to-file" => respond(
            &mut stream,
            "302 Found",
            "Location: file:///etc/passwd\r\n",
            b"",
        ),
        "/missing" => respond(&mut stream, "404 Not Found", "", b"no"),
        "/broken" => respond(&mut stream, "500 Oops", "", b"no"),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            respond(
                &mut stream,
                "200 OK",
                "Content-Type: text/html\r\n",
                b"<p>late</p>",
            );
        }
        "/huge" => {
            let size = 11 * 1024 * 1024;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..size / chunk.len() {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
        "/deflate/tram" | "/raw-deflate/tram" => {
            let page = fixture("pages/harbour-tram.html");
            let body = if path.starts_with("/raw") {
                let mut e =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
                e.write_all(&page).unwrap();
                e.finish().unwrap()
            } else {
                let mut e =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
                e.write_all(&page).unwrap();
                e.finish().unwrap()
            };
            respond(
                &mut stream,
                "200 OK",
                "Content-Type: text/html\r\nContent-Encoding: deflate\r\n",
                &body,
            );
        }
        p if p.starts_with("/all/") => {
            // Counted across every server of the test (one per host).
            let now = ALL_IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
            ALL_MAX_IN_FLIGHT.fetch_max(now, Ordering::SeqCst);
            let host_now = log.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            log.max_in_flight.fetch_max(host_now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(150));
            log.in_flight.fetch_sub(1, Ordering::SeqCst);
            ALL_IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
            respond(
                &mut stream,
                "200 OK",
                "Content-Type: text/plain\r\n",
                b"Title\n\nBody text.",
            );
        }
        p if p.starts_with("/wait/") => {
            // Counted while the request is served and before its response
            // leaves, so a busy machine's scheduling cannot overlap two.
            let now = log.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            log.max_in_flight.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(150));
            log.in_flight.fetch_sub(1, Ordering::SeqCst);
            respond(
                &mut stream,
                "200 OK",
                "Content-Type: text/plain\r\n",
                b"Title\n\nBody text.",
            );
        }
        _ => respond(&mut stream, "404 Not Found", "", b""),
    }
    let mut rest = Vec::new();
    let _ = reader.read_to_end(&mut rest);
}

fn fetcher(cache: Option<PathBuf>) -> Fetcher {
    Fetcher::with_timeouts(cache, Duration::from_secs(2), Duration::from_secs(1))
}

#[test]
fn a_redirected_gzip_page_is_fetched_and_extracted() {
    let server = Server::start();
    let (loaded, reports) = load_urls(&[server.url("/moved")], &fetcher(None), &|_, _, _| {});
    assert_eq!(loaded.docs.len(), 1, "{:?}", loaded.skipped);
    assert_eq!(reports[0].problem, None);
    let article = clean(&loaded.docs[0]);
    assert_eq!(
        article.title,
        "Harbour city approves tram line after long fight"
    );
    assert_eq!(article.outlet.as_deref(), Some("The Coastal Courier"));
    let first = &server.requests_for("/moved")[0];
    assert!(first["user-agent"].starts_with("onrecord/"));
    assert!(first["accept-encoding"].contains("gzip"));
}

#[test]
fn a_charset_from_the_header_and_a_summary_item_gets_its_page() {
    let server = Server::start();
    let (loaded, _) = load_urls(&[server.url("/summary.rss")], &fetcher(None), &|_, _, _| {});
    assert_eq!(loaded.docs.len(), 1);
    let article = clean(&loaded.docs[0]);
    assert_eq!(article.title, "Frost", "the feed's title for its item");
    assert_eq!(article.outlet.as_deref(), Some("Valley Ledger"));
    assert!(article.text.contains("“We lit candles"), "{}", article.text);
    assert!(!article.lossy);
}

#[test]
fn bad_sources_fail_alone() {
    let server = Server::start();
    let f = fetcher(None);
    assert!(matches!(
        f.fetch(&server.url("/missing")),
        Err(FetchError::Status(404))
    ));
    assert!(matches!(
        f.fetch(&server.url("/broken")),
        Err(FetchError::Status(500))
    ));
    assert!(matches!(
        f.fetch(&server.url("/loop")),
        Err(FetchError::TooManyRedirects)
    ));
    assert!(
        f.fetch(&server.url("/to-file")).is_err(),
        "no redirect to file:"
    );
    assert!(matches!(
        f.fetch(&server.url("/slow")),
        Err(FetchError::Timeout)
    ));
    assert!(matches!(
        f.fetch(&server.url("/huge")),
        Err(FetchError::TooLarge)
    ));
    assert!(matches!(
        f.fetch("file:///etc/passwd"),
        Err(FetchError::Scheme)
    ));
    assert_eq!(
        server.requests_for("/loop").len(),
        6,
        "the first request and 5 redirects"
    );

    let urls = [
        server.url("/missing"),
        server.url("/feed"),
        server.url("/to-file"),
    ];
    let (loaded, reports) = load_urls(&urls, &f, &|_, _, _| {});
    assert_eq!(loaded.docs.len(), 2, "the JSON Feed's items load");
    assert_eq!(loaded.skipped.len(), 2);
    assert!(reports[0].problem.as_deref().unwrap().contains("404"));
}

#[test]
fn at_most_two_requests_to_one_host() {
    let server = Server::start();
    let urls: Vec<String> = (0..8).map(|i| server.url(&format!("/wait/{i}"))).collect();
    let done = AtomicUsize::new(0);
    let (loaded, _) = load_urls(&urls, &fetcher(None), &|n, total, _| {
        assert_eq!(total, 8);
        done.fetch_max(n, Ordering::SeqCst);
    });
    assert_eq!(loaded.docs.len(), 8);
    assert_eq!(done.load(Ordering::SeqCst), 8);
    let most = server.log.max_in_flight.load(Ordering::SeqCst);
    assert!(most <= 2, "{most} requests at once to one host");
    assert_eq!(most, 2, "two at once are allowed");
}

#[test]
fn requests_are_limited_across_hosts_and_callers() {
    // Three hosts (one server each), two callers fetching at once through
    // one fetcher: never more than 4 requests at once, nor 2 to a host,
    // and both limits are reached (the fetches do overlap).
    let servers: Vec<Server> = (0..3).map(|_| Server::start()).collect();
    let fetcher = fetcher(None);
    let urls: Vec<String> = servers
        .iter()
        .flat_map(|s| (0..4).map(move |i| s.url(&format!("/all/{i}"))))
        .collect();
    let (first, second) = urls.split_at(6);
    std::thread::scope(|scope| {
        for part in [first, second] {
            let fetcher = &fetcher;
            scope.spawn(move || {
                let results = fetcher.fetch_all(part, &|_, _| {});
                assert!(results.iter().all(Result::is_ok));
            });
        }
    });
    let most = ALL_MAX_IN_FLIGHT.load(Ordering::SeqCst);
    assert_eq!(most, 4, "at most 4 at once, and 4 are allowed");
    for server in &servers {
        let per_host = server.log.max_in_flight.load(Ordering::SeqCst);
        assert_eq!(per_host, 2, "at most 2 at once to one host");
        assert_eq!(server.requests_for("/all/0").len(), 1);
    }
}

#[test]
fn a_deflate_page_is_inflated() {
    let server = Server::start();
    for path in ["/deflate/tram", "/raw-deflate/tram"] {
        let (loaded, _) = load_urls(&[server.url(path)], &fetcher(None), &|_, _, _| {});
        assert_eq!(loaded.docs.len(), 1, "{path}");
        let article = clean(&loaded.docs[0]);
        assert!(article.text.contains("tram"), "{path}: {}", article.text);
        let sent = &server.requests_for(path)[0];
        assert!(sent["accept-encoding"].contains("deflate"));
    }
}

#[test]
fn a_subscribed_feed_is_refreshed_conditionally_and_read_offline() {
    let server = Server::start();
    let config = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let feed = server.url("/feed.rss");
    let onrecord = || {
        let mut cmd = Command::cargo_bin("onrecord").unwrap();
        cmd.env("XDG_CONFIG_HOME", config.path())
            .env("HOME", config.path())
            .arg("--data-dir")
            .arg(data.path());
        cmd
    };
    onrecord()
        .args(["feeds", "add", &feed, "local"])
        .assert()
        .success();
    let listed = onrecord().args(["feeds", "list"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&listed.stdout),
        format!("{feed} local\n")
    );

    let titles = |out: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(out)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["title"].to_string())
            .collect()
    };
    // First fetch, then a conditional GET answered 304, then offline.
    let first = onrecord()
        .args(["analyze", "--format", "jsonl", &feed])
        .output()
        .unwrap();
    assert!(first.status.success());
    let second = onrecord()
        .args(["analyze", "--format", "jsonl", &feed])
        .output()
        .unwrap();
    assert_eq!(server.log.not_modified.load(Ordering::SeqCst), 1);
    assert_eq!(
        server.requests_for("/feed.rss")[1]["if-none-match"],
        "\"v1\""
    );
    server.stop();
    let offline = onrecord()
        .args(["analyze", "--format", "jsonl", &feed])
        .output()
        .unwrap();
    assert!(offline.status.success());
    assert_eq!(titles(&first.stdout).len(), 2);
    assert_eq!(titles(&first.stdout), titles(&second.stdout));
    assert_eq!(titles(&first.stdout), titles(&offline.stdout));

    onrecord()
        .args(["feeds", "remove", &feed])
        .assert()
        .success();
    onrecord().args(["feeds", "remove", &feed]).assert().code(2);
    let listed = onrecord().args(["feeds", "list"]).output().unwrap();
    assert!(listed.stdout.is_empty());
}

#[test]
fn offline_copy_is_marked() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let f = fetcher(Some(cache.path().to_path_buf()));
    let url = server.url("/feed");
    assert_eq!(f.fetch(&url).unwrap().how, Freshness::Fetched);
    server.stop();
    assert!(matches!(f.fetch(&url).unwrap().how, Freshness::Offline(_)));
}

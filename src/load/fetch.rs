//! Fetch: pages and feeds over HTTP(S), politely, with a cache on disk.
//!
//! A blocking `ureq` client with rustls: connect timeout 10 s, 30 s for
//! the whole exchange, bodies capped at 10 MB, at most 5 redirects and
//! only to `http:` or `https:` (ureq follows no other scheme), gzip,
//! deflate and brotli, at most 4 requests at once and 2 to one host.
//! Every response is cached in the data directory with its ETag and
//! Last-Modified, so the next fetch is a conditional GET (a 304 reuses the
//! cached bytes) and a source that cannot be reached is read from the
//! cache: reading works offline.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::files::write_whole;

/// Longest wait for a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest time for one whole exchange, redirects and body included.
pub const TOTAL_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest body read; a longer one is refused, not cut.
pub const MAX_BODY_BYTES: u64 = 10 * 1024 * 1024;
pub const MAX_REDIRECTS: u32 = 5;
/// Requests in flight at once, and to one host.
pub const MAX_CONCURRENT: usize = 4;
pub const MAX_PER_HOST: usize = 2;

/// Why a fetch gave nothing to read.
#[derive(Debug, Error)]
pub enum FetchError {
    #[error("only http and https addresses can be fetched")]
    Scheme,
    #[error("the server answered {0}")]
    Status(u16),
    #[error("timed out")]
    Timeout,
    #[error("the body is over the {} MB limit", MAX_BODY_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects,
    #[error("{0}")]
    Transport(String),
    #[error("not fetched yet")]
    NotCached,
}

impl From<ureq::Error> for FetchError {
    fn from(e: ureq::Error) -> Self {
        match e {
            ureq::Error::StatusCode(code) => FetchError::Status(code),
            ureq::Error::Timeout(_) => FetchError::Timeout,
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge,
            ureq::Error::TooManyRedirects => FetchError::TooManyRedirects,
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => FetchError::Timeout,
            other => FetchError::Transport(other.to_string()),
        }
    }
}

/// A response body and what the server said of it.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub url: String,
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    pub how: Freshness,
    /// Seconds since the epoch when the bytes were fetched.
    pub fetched_at: u64,
}

/// Where the bytes came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// A full response.
    Fetched,
    /// A 304: the cached copy is current.
    NotModified,
    /// The source could not be reached; the cached copy, with why.
    Offline(String),
    /// The cached copy, read without asking the source (a fetcher made
    /// with [`Fetcher::cache_only`]).
    Cached,
}

impl Fetched {
    /// The charset a `Content-Type` header names.
    pub fn charset(&self) -> Option<String> {
        let ct = self.content_type.as_deref()?.to_ascii_lowercase();
        let at = ct.find("charset=")? + "charset=".len();
        let value = ct[at..].split(';').next()?.trim().trim_matches('"');
        (!value.is_empty()).then(|| value.to_string())
    }
}

/// What the cache keeps beside the bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CacheMeta {
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    content_type: Option<String>,
    fetched_at: u64,
}

/// A blocking HTTP client with an optional cache directory. The limits
/// on requests at once hold for everything fetched through one `Fetcher`,
/// whichever threads and calls fetch.
pub struct Fetcher {
    agent: ureq::Agent,
    cache_dir: Option<PathBuf>,
    slots: Slots,
    /// Reads the cache only, never the network.
    cache_only: bool,
}

/// Requests in flight, in all and per host.
#[derive(Default)]
struct Slots {
    taken: Mutex<InFlight>,
    freed: Condvar,
}

#[derive(Default)]
struct InFlight {
    all: usize,
    per_host: HashMap<String, usize>,
}

impl InFlight {
    fn has_room(&self, host: &str) -> bool {
        self.all < MAX_CONCURRENT && self.per_host.get(host).copied().unwrap_or(0) < MAX_PER_HOST
    }

    fn take(&mut self, host: &str) {
        self.all += 1;
        *self.per_host.entry(host.to_string()).or_default() += 1;
    }
}

/// A request's place among those in flight, given back when dropped.
struct Slot<'a> {
    slots: &'a Slots,
    host: String,
}

impl Slots {
    fn lock(&self) -> std::sync::MutexGuard<'_, InFlight> {
        self.taken.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for room for one more request to `host`.
    fn take(&self, host: &str) -> Slot<'_> {
        let mut taken = self.lock();
        while !taken.has_room(host) {
            taken = self.freed.wait(taken).unwrap_or_else(|e| e.into_inner());
        }
        taken.take(host);
        Slot {
            slots: self,
            host: host.to_string(),
        }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut taken = self.slots.lock();
        taken.all = taken.all.saturating_sub(1);
        if let Some(n) = taken.per_host.get_mut(&self.host) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                taken.per_host.remove(&self.host);
            }
        }
        self.slots.freed.notify_all();
    }
}

impl Fetcher {
    /// A fetcher caching under `cache_dir` (created when first written).
    pub fn new(cache_dir: Option<PathBuf>) -> Self {
        Self::with_timeouts(cache_dir, CONNECT_TIMEOUT, TOTAL_TIMEOUT)
    }

    /// The same with other timeouts (tests use short ones).
    pub fn with_timeouts(cache_dir: Option<PathBuf>, connect: Duration, total: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(connect))
            .timeout_global(Some(total))
            .max_redirects(MAX_REDIRECTS)
            .http_status_as_error(false)
            .user_agent(format!(
                "onrecord/{} (terminal news reader)",
                env!("CARGO_PKG_VERSION")
            ))
            .build();
        Fetcher {
            agent: config.new_agent(),
            cache_dir,
            slots: Slots::default(),
            cache_only: false,
        }
    }

    /// A fetcher that only reads what `cache_dir` holds: the reader's first
    /// frame shows the copies fetched before, at once, and a refresh in
    /// the background asks the sources.
    pub fn cache_only(cache_dir: Option<PathBuf>) -> Self {
        let mut fetcher = Self::new(cache_dir);
        fetcher.cache_only = true;
        fetcher
    }

    /// Fetches `url`, conditionally when it is cached, falling back on the
    /// cache when the source cannot be reached.
    /// Waits while [`MAX_CONCURRENT`] requests are in flight, or
    /// [`MAX_PER_HOST`] to the URL's host.
    pub fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(FetchError::Scheme);
        }
        let cached = self.cached(url);
        if self.cache_only {
            return match cached {
                Some((meta, bytes)) => Ok(from_cache(meta, bytes, Freshness::Cached)),
                None => Err(FetchError::NotCached),
            };
        }
        let got = {
            let _slot = self.slots.take(&host_of(url));
            self.get(url, cached.as_ref().map(|(m, _)| m))
        };
        match got {
            Ok(Response::Full(full)) => {
                let (fetched, meta) = *full;
                self.store(&meta, &fetched.bytes);
                Ok(fetched)
            }
            Ok(Response::NotModified) => match cached {
                Some((meta, bytes)) => Ok(from_cache(meta, bytes, Freshness::NotModified)),
                None => Err(FetchError::Status(304)),
            },
            // A source that answers with an error, or none at all, leaves
            // the copy we have: the reader works offline.
            Err(e) => match cached {
                Some((meta, bytes)) => {
                    log::warn!("{url}: {e}; reading the copy fetched before");
                    Ok(from_cache(meta, bytes, Freshness::Offline(e.to_string())))
                }
                None => Err(e),
            },
        }
    }

    fn get(&self, url: &str, cached: Option<&CacheMeta>) -> Result<Response, FetchError> {
        // ureq decodes gzip and brotli itself; deflate is decoded here.
        let mut request = self
            .agent
            .get(url)
            .header("Accept-Encoding", "gzip, deflate, br");
        if let Some(meta) = cached {
            if let Some(etag) = &meta.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(modified) = &meta.last_modified {
                request = request.header("If-Modified-Since", modified);
            }
        }
        let mut response = request.call()?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Response::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(FetchError::Status(status));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let meta = CacheMeta {
            url: url.to_string(),
            etag: header("etag"),
            last_modified: header("last-modified"),
            content_type: header("content-type"),
            fetched_at: now(),
        };
        let deflated =
            header("content-encoding").is_some_and(|e| e.trim().eq_ignore_ascii_case("deflate"));
        let mut bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()?;
        if deflated {
            bytes = inflate(&bytes)?;
        }
        let fetched = Fetched {
            url: url.to_string(),
            bytes,
            content_type: meta.content_type.clone(),
            how: Freshness::Fetched,
            fetched_at: meta.fetched_at,
        };
        Ok(Response::Full(Box::new((fetched, meta))))
    }

    fn paths(&self, url: &str) -> Option<(PathBuf, PathBuf)> {
        let dir = self.cache_dir.as_ref()?;
        let key = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(url.as_bytes()));
        Some((
            dir.join(format!("{key}.json")),
            dir.join(format!("{key}.body")),
        ))
    }

    fn cached(&self, url: &str) -> Option<(CacheMeta, Vec<u8>)> {
        let (meta_path, body_path) = self.paths(url)?;
        let meta: CacheMeta = serde_json::from_slice(&std::fs::read(meta_path).ok()?).ok()?;
        // Two addresses hashing alike must not share a copy.
        if meta.url != url {
            return None;
        }
        let bytes = std::fs::read(body_path).ok()?;
        Some((meta, bytes))
    }

    fn store(&self, meta: &CacheMeta, bytes: &[u8]) {
        let Some((meta_path, body_path)) = self.paths(&meta.url) else {
            return;
        };
        let write = || -> std::io::Result<()> {
            // Body first: a meta file always has its body.
            write_whole(&body_path, bytes)?;
            write_whole(&meta_path, &serde_json::to_vec(meta)?)
        };
        if let Err(e) = write() {
            log::warn!("{}: not cached: {e}", meta.url);
        }
    }

    /// Fetches every URL (within the limits of [`Fetcher::fetch`]),
    /// calling `done` with its index in `urls` as each finishes (from the
    /// worker threads; no request slot is held meanwhile). A URL
    /// whose host is busy waits while others go ahead. Results come back in
    /// the order of `urls`.
    pub fn fetch_all(
        &self,
        urls: &[String],
        done: &(dyn Fn(usize, &Result<Fetched, FetchError>) + Sync),
    ) -> Vec<Result<Fetched, FetchError>> {
        let waiting = Mutex::new((0..urls.len()).collect::<VecDeque<usize>>());
        let results: Mutex<Vec<Option<Result<Fetched, FetchError>>>> =
            Mutex::new((0..urls.len()).map(|_| None).collect());
        let workers = MAX_CONCURRENT.min(urls.len());
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    // The first URL whose host has room; the queue is looked
                    // at under the slots' lock so the room cannot go meanwhile.
                    let index = {
                        let mut taken = self.slots.lock();
                        loop {
                            let mut queue = waiting.lock().unwrap_or_else(|e| e.into_inner());
                            if queue.is_empty() {
                                return;
                            }
                            let pick = queue
                                .iter()
                                .position(|&i| taken.has_room(&host_of(&urls[i])));
                            if let Some(index) = pick.and_then(|at| queue.remove(at)) {
                                break index;
                            }
                            drop(queue);
                            taken = self
                                .slots
                                .freed
                                .wait(taken)
                                .unwrap_or_else(|e| e.into_inner());
                        }
                    };
                    let result = self.fetch(&urls[index]);
                    done(index, &result);
                    if let Some(slot) = results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get_mut(index)
                    {
                        *slot = Some(result);
                    }
                });
            }
        });
        results
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|r| r.unwrap_or(Err(FetchError::Transport("not fetched".into()))))
            .collect()
    }
}

enum Response {
    Full(Box<(Fetched, CacheMeta)>),
    NotModified,
}

fn from_cache(meta: CacheMeta, bytes: Vec<u8>, how: Freshness) -> Fetched {
    Fetched {
        url: meta.url,
        bytes,
        content_type: meta.content_type,
        how,
        fetched_at: meta.fetched_at,
    }
}

/// A `Content-Encoding: deflate` body: zlib-wrapped as the standard says,
/// or raw deflate as some servers send it; within the body limit.
fn inflate(bytes: &[u8]) -> Result<Vec<u8>, FetchError> {
    use std::io::Read;
    let read = |reader: &mut dyn Read| -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        reader.take(MAX_BODY_BYTES + 1).read_to_end(&mut out)?;
        Ok(out)
    };
    let out = read(&mut flate2::read::ZlibDecoder::new(bytes))
        .or_else(|_| read(&mut flate2::read::DeflateDecoder::new(bytes)))
        .map_err(|e| FetchError::Transport(format!("a deflate body that does not inflate: {e}")))?;
    if out.len() as u64 > MAX_BODY_BYTES {
        return Err(FetchError::TooLarge);
    }
    Ok(out)
}

/// The host part of a URL, lowercased, for the per-host limit.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Whether an input names a web address rather than a file.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

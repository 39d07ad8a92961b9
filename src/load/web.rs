//! Web inputs: URLs of pages and feeds to documents, through [`Fetcher`].
//!
//! A response is a page or a feed by what it holds (sniffed) and, failing
//! that, by its `Content-Type`. A feed item that carries only a summary
//! gets its page fetched (the newest [`MAX_PAGES_PER_FEED`] of them); if
//! that fails the summary stays.

use std::path::PathBuf;

use super::fetch::{FetchError, Fetched, Fetcher, Freshness};
use super::{documents_of, DocKind, Loaded, RawDoc, SkipReason, Skipped, Sniffed, SourceMeta};

/// Pages fetched for one feed's summary-only items.
pub const MAX_PAGES_PER_FEED: usize = 30;

/// How one source fared, for the feeds view and the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceReport {
    pub url: String,
    /// Documents it gave (a feed's items, or the page).
    pub documents: usize,
    /// `None` when fetched or current; else why the cached copy (or
    /// nothing) was used.
    pub problem: Option<String>,
    pub not_modified: bool,
    /// The feed's title (its items' outlet), when it is a feed.
    pub title: Option<String>,
    /// When the bytes read were fetched (seconds since the epoch).
    pub fetched_at: Option<u64>,
    /// The documents' paths, in order.
    pub paths: Vec<PathBuf>,
}

/// Fetches `urls` and turns each response into documents. A source that
/// fails is skipped with its error; the rest load. `progress` is called
/// from worker threads as each source is read, with (sources done,
/// sources in all, the documents it gave).
pub fn load_urls(
    urls: &[String],
    fetcher: &Fetcher,
    progress: &(dyn Fn(usize, usize, &[RawDoc]) + Sync),
) -> (Loaded, Vec<SourceReport>) {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = urls.len();
    // Each response is read as it comes, while others are still fetched.
    type Read = (Vec<RawDoc>, Option<Skipped>);
    let read: std::sync::Mutex<Vec<Option<Read>>> =
        std::sync::Mutex::new((0..total).map(|_| None).collect());
    let results = fetcher.fetch_all(urls, &|index, result| {
        let got = result.as_ref().ok().map(|fetched| {
            let (mut docs, skipped) = documents_of_response(fetched);
            fetch_item_pages(&mut docs, fetcher);
            (docs, skipped)
        });
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(n, total, got.as_ref().map_or(&[], |(docs, _)| docs));
        if let Some(slot) = read
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_mut(index)
        {
            *slot = got;
        }
    });
    let read = read.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut loaded = Loaded::default();
    let mut reports = Vec::with_capacity(urls.len());
    for ((url, result), got) in urls.iter().zip(results).zip(read) {
        match result {
            Ok(fetched) => {
                let (docs, skipped) = got.unwrap_or_default();
                reports.push(SourceReport {
                    url: url.clone(),
                    documents: docs.len(),
                    problem: match (&fetched.how, &skipped) {
                        (_, Some(s)) => Some(s.to_string()),
                        (Freshness::Offline(why), _) => Some(format!("offline copy: {why}")),
                        _ => None,
                    },
                    not_modified: fetched.how == Freshness::NotModified,
                    title: docs.first().and_then(|d| d.meta.outlet.clone()),
                    fetched_at: Some(fetched.fetched_at),
                    paths: docs.iter().map(|d| d.path.clone()).collect(),
                });
                loaded.docs.extend(docs);
                loaded.skipped.extend(skipped);
            }
            Err(e) => {
                log::warn!("{url}: {e}");
                reports.push(SourceReport {
                    url: url.clone(),
                    documents: 0,
                    problem: Some(e.to_string()),
                    not_modified: false,
                    title: None,
                    fetched_at: None,
                    paths: Vec::new(),
                });
                loaded.skipped.push(Skipped {
                    path: PathBuf::from(url),
                    reason: SkipReason::BadSource(e.to_string()),
                });
            }
        }
    }
    (loaded, reports)
}

/// The documents in one response.
pub fn documents_of_response(fetched: &Fetched) -> (Vec<RawDoc>, Option<Skipped>) {
    let path = PathBuf::from(&fetched.url);
    let content_type = fetched
        .content_type
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    let sniffed = match super::sniff(&path, &fetched.bytes) {
        Sniffed::NotAnArticle if content_type.contains("html") => Sniffed::Doc(DocKind::Page),
        Sniffed::NotAnArticle
            if ["rss", "atom", "xml", "feed+json"]
                .iter()
                .any(|t| content_type.contains(t)) =>
        {
            Sniffed::Feed
        }
        other => other,
    };
    match sniffed {
        Sniffed::Feed => super::feed_documents(path, &fetched.bytes, Some(&fetched.url)),
        Sniffed::Doc(kind) => {
            let doc = RawDoc {
                path,
                bytes: fetched.bytes.clone(),
                meta: SourceMeta {
                    kind,
                    url: Some(fetched.url.clone()),
                    charset: fetched.charset(),
                    ..SourceMeta::default()
                },
            };
            (vec![doc], None)
        }
        // Whatever else a named URL serves is read as text.
        Sniffed::NotAnArticle => {
            let (mut docs, skipped) =
                documents_of(path, fetched.bytes.clone(), Some(&fetched.url), true);
            for doc in &mut docs {
                doc.meta.charset = fetched.charset();
            }
            (docs, skipped)
        }
    }
}

/// Replaces summary-only items' summaries by their pages, where they can
/// be fetched.
fn fetch_item_pages(docs: &mut [RawDoc], fetcher: &Fetcher) {
    let wanted: Vec<usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.meta.summary_only && d.meta.url.is_some())
        .map(|(i, _)| i)
        .take(MAX_PAGES_PER_FEED)
        .collect();
    if wanted.is_empty() {
        return;
    }
    let urls: Vec<String> = wanted
        .iter()
        .filter_map(|&i| docs[i].meta.url.clone())
        .collect();
    let pages = fetcher.fetch_all(&urls, &|_, _| {});
    for (&i, page) in wanted.iter().zip(pages) {
        match page {
            Ok(page) => {
                let (mut got, _) = documents_of_response(&page);
                if let Some(doc) = got.pop().filter(|d| d.meta.kind == DocKind::Page) {
                    let item = &mut docs[i];
                    item.bytes = doc.bytes;
                    item.meta.kind = DocKind::Page;
                    item.meta.charset = doc.meta.charset;
                    item.meta.summary_only = false;
                }
            }
            Err(FetchError::Scheme | FetchError::NotCached) => {}
            Err(e) => log::info!(
                "{}: page not fetched ({e}); the summary stays",
                urls_of(docs, i)
            ),
        }
    }
}

fn urls_of(docs: &[RawDoc], i: usize) -> String {
    docs.get(i)
        .and_then(|d| d.meta.url.clone())
        .unwrap_or_default()
}

//! The reader at corpus scale: synthetic corpora of 1k, 10k and 50k
//! articles, written to a temporary folder here at bench time (never
//! committed), each measured once as the reader starts: the first frame
//! (find the files, draw the list on a TestBackend, nothing read yet), all
//! articles read, cleaned and analyzed in the background and stored by the
//! UI thread ("analyzed"), then also in the statements and search index
//! ("indexed"), the longest time one batch took the UI thread, linking
//! every speaker once, a feed refresh's 100 new articles analyzed and
//! linked with the rest (only linking grows with the corpus), the first frame of a second start on the same files
//! (the list and speakers from the cache's manifest), that start's
//! articles all in from the cache (the first article's quotes panel, then
//! all), and the peak heap of each start against the corpus's size. Every figure should grow linearly.
//!
//! `cargo bench --bench scale` runs all three sizes; `SCALE_SIZES=1000,10000`
//! picks others; `SCALE_DIRS=a,b` measures folders of real articles. The articles are invented from small word lists: a few
//! hundred people quoted with and without middle initials, by surname and
//! by "Mr.", around filler prose.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use std::path::{Path, PathBuf};

use onrecord::cache::Cache;
use onrecord::index::SpeakerIndex;
use onrecord::ui::worker::{unread_corpus, AnalysisFeed, Loading};
use onrecord::ui::{update, Action, App};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Articles a feed refresh brings into the loaded reader.
const REFRESHED: usize = 100;

/// The system allocator, counting live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn reset_peak() {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}

fn peak_mib() -> f64 {
    PEAK.load(Ordering::Relaxed) as f64 / (1024.0 * 1024.0)
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }

    /// Small indices far more often than large ones, as with who is quoted.
    fn skewed(&mut self, n: usize) -> usize {
        let a = (self.next() % n as u64) as usize;
        let b = (self.next() % n as u64) as usize;
        a.min(b)
    }
}

const FIRST: &[&str] = &[
    "Walter", "Greta", "Olga", "Ingrid", "Tomas", "Amara", "Kenji", "Lucia", "Mateo", "Noor",
    "Pavel", "Ruth", "Sanjay", "Tereza", "Ulrich", "Vera", "Yusuf", "Zofia", "Bruno", "Carmen",
];
const LAST: &[&str] = &[
    "Brandt",
    "Castell",
    "Haller",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Petrov",
    "Quintero",
    "Rasmussen",
    "Szabo",
    "Thorne",
    "Varga",
    "Whitcombe",
    "Yilmaz",
    "Zeller",
    "Abernethy",
    "Barros",
    "Delacroix",
    "Ferrante",
];
const ROLES: &[&str] = &[
    "the finance minister",
    "a spokeswoman for the ministry",
    "an economist at a regional bank",
    "the mayor",
    "a senior official",
    "the union's leader",
];
const VERBS: &[&str] = &["said", "told reporters", "added", "warned", "explained"];
const WORDS: &[&str] = &[
    "the",
    "council",
    "budget",
    "river",
    "week",
    "plans",
    "would",
    "new",
    "bridge",
    "on",
    "Tuesday",
    "after",
    "months",
    "of",
    "talks",
    "with",
    "residents",
    "and",
    "officials",
    "over",
    "cost",
    "schedule",
    "roads",
    "trains",
    "prices",
    "rose",
    "fell",
    "sharply",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// One invented article of about 3-5 KB.
fn article_text(rng: &mut Rng, n: usize) -> String {
    let mut text = format!("{} {n}\n\n", sentence(rng, 6).trim_end_matches('.'));
    let paragraphs = 8 + rng.skewed(8);
    for _ in 0..paragraphs {
        let p = rng.skewed(FIRST.len() * LAST.len());
        let (first, last) = (FIRST[p % FIRST.len()], LAST[p / FIRST.len()]);
        let name = match rng.next() % 4 {
            0 => format!("{first} {}. {last}", (b'A' + (p % 26) as u8) as char),
            _ => format!("{first} {last}"),
        };
        let length = 8 + rng.skewed(12);
        let quote = sentence(rng, length);
        let quote = quote.trim_end_matches('.');
        match rng.next() % 3 {
            0 => text.push_str(&format!(
                "“{quote},” {} {name}, {}. {}\n\n",
                rng.pick(VERBS),
                rng.pick(ROLES),
                sentence(rng, 14)
            )),
            1 => text.push_str(&format!(
                "{} {name} spoke at the meeting. “{quote},” Mr. {last} said.\n\n",
                sentence(rng, 10)
            )),
            _ => text.push_str(&format!(
                "“{quote},” {last} {}. {} {}\n\n",
                rng.pick(VERBS),
                sentence(rng, 16),
                sentence(rng, 12)
            )),
        }
    }
    text
}

/// Writes `n` invented articles under `dir`, a thousand to a folder;
/// returns their total size in bytes.
fn write_corpus(dir: &Path, n: usize) -> usize {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut bytes = 0;
    for i in 0..n {
        let folder = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&folder).expect("corpus folder");
        let text = article_text(&mut rng, i);
        bytes += text.len();
        std::fs::write(folder.join(format!("a{i:06}.txt")), text).expect("corpus file");
    }
    bytes
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// What the reader does before its first frame: find the files, take what
/// the manifest remembers, draw. Returns the app and what to read.
fn first_frame(corpus_dir: &Path, cache_root: &Path) -> (App, Loading) {
    let inputs = vec![corpus_dir.to_path_buf()];
    let found = onrecord::load::discover(&inputs).expect("discover");
    let cache = Cache::open(cache_root);
    let (corpus, loading) = unread_corpus(&inputs, found.sources, cache);
    let mut app = App::new(corpus, 160, 40);
    app.set_sort(onrecord::ui::state::ListSort::Date);
    let mut terminal = Terminal::new(TestBackend::new(160, 40)).expect("terminal");
    terminal
        .draw(|frame| onrecord::ui::render(&app, frame))
        .expect("draw");
    (app, loading)
}

/// How long loading everything took.
struct Loaded {
    /// Until the first article's analysis was stored (its quotes panel).
    panel: Duration,
    /// Until every article was read and analyzed (stored in the app).
    analyzed: Duration,
    /// Until the statements and the search index had every article too.
    indexed: Duration,
    /// The longest the UI thread spent storing one batch.
    batch: Duration,
    /// Every speaker linked, for what comes later.
    speakers: Option<SpeakerIndex>,
}

/// Reads and analyzes everything in the background as the reader does,
/// storing each batch on this thread and indexing a slice at a time.
fn load_all(app: &mut App, loading: Loading) -> Loaded {
    let started = Instant::now();
    let mut feed = AnalysisFeed::start(loading, 0);
    let mut batch = Duration::ZERO;
    let mut panel = None;
    while feed.pending() {
        match feed.drain() {
            Some(arrived) => {
                let (_, took) = timed(|| update(app, Action::Indexed(Box::new(arrived))));
                batch = batch.max(took);
                if panel.is_none() && app.corpus.analysis(0).is_some() {
                    panel = Some(started.elapsed());
                }
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    let analyzed = started.elapsed();
    Loaded {
        panel: panel.unwrap_or(analyzed),
        analyzed,
        indexed: started.elapsed(),
        batch,
        speakers: feed.finish(),
    }
}

/// A feed refresh bringing `n` new articles into a loaded reader: they
/// are analyzed alone and linked with the speakers loading ended with.
fn refresh(app: &mut App, speakers: Option<SpeakerIndex>, n: usize) -> Duration {
    let mut rng = Rng(7);
    let new: Vec<_> = (0..n)
        .map(|i| {
            onrecord::clean::clean(&onrecord::load::RawDoc {
                path: PathBuf::from(format!("https://feed.example/{i}")),
                bytes: article_text(&mut rng, i).into_bytes(),
                meta: Default::default(),
            })
        })
        .collect();
    let started = Instant::now();
    update(
        app,
        Action::FeedsRefreshed(Box::new(onrecord::ui::feeds::Refreshed {
            articles: new,
            ..Default::default()
        })),
    );
    let from = app.unanalyzed_from.take().expect("new articles");
    let loading = Loading {
        read: (from..app.corpus.articles.len())
            .map(|i| (i, app.corpus.articles[i].clone(), None))
            .collect(),
        speakers,
        cross: Some(app.corpus.cross_index()),
        ..Loading::default()
    };
    load_all(app, loading);
    started.elapsed()
}

fn main() {
    // `cargo bench` passes "--bench"; `cargo test --benches` does not and
    // only wants to know that this builds and runs.
    let benching = std::env::args().any(|a| a == "--bench");
    let sizes: Vec<usize> = match std::env::var("SCALE_SIZES") {
        Ok(s) => s.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        Err(_) if benching => vec![1_000, 10_000, 50_000],
        Err(_) => vec![200],
    };
    println!(
        "{:>8} {:>8} {:>11} {:>11} {:>11} {:>10} {:>10} {:>12} {:>11} {:>11} {:>11} {:>11} {:>8} {:>9} {:>13}",
        "articles",
        "text MiB",
        "first frame",
        "analyzed",
        "indexed",
        "batch (UI)",
        "link (all)",
        "refresh +100",
        "reopen: 1st",
        "+panel",
        "analyzed",
        "indexed",
        "peak MiB",
        "peak/text",
        "reopen peak/t"
    );
    // `SCALE_DIRS=a,b` measures folders of real articles instead.
    let real: Vec<PathBuf> = std::env::var("SCALE_DIRS")
        .map(|s| s.split(',').map(PathBuf::from).collect())
        .unwrap_or_default();
    let corpora: Vec<(usize, Option<PathBuf>)> = if real.is_empty() {
        sizes.into_iter().map(|n| (n, None)).collect()
    } else {
        real.into_iter().map(|d| (0, Some(d))).collect()
    };
    for (n, real) in corpora {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache_root = dir.path().join("cache");
        let (corpus_dir, bytes) = match real {
            Some(real) => {
                let found =
                    onrecord::load::discover(std::slice::from_ref(&real)).expect("discover");
                let bytes = found
                    .sources
                    .iter()
                    .map(|s| match s {
                        onrecord::load::Source::File(f) => f.len as usize,
                        onrecord::load::Source::Doc(d) => d.bytes.len(),
                    })
                    .sum();
                (real, bytes)
            }
            None => {
                let corpus_dir = dir.path().join("corpus");
                let bytes = write_corpus(&corpus_dir, n);
                (corpus_dir, bytes)
            }
        };
        let text_mib = bytes as f64 / (1024.0 * 1024.0);
        reset_peak();
        // A first start: nothing remembered.
        let ((mut app, loading), first) = timed(|| first_frame(&corpus_dir, &cache_root));
        let mut cold = load_all(&mut app, loading);
        let peak = peak_mib();
        let speakers = app.corpus.speakers.len();
        let n = app.corpus.articles.len();
        let refreshed = refresh(&mut app, cold.speakers.take(), REFRESHED);
        // What linking everything costs the index thread at this size.
        let mut index = SpeakerIndex::default();
        for (i, article) in app.corpus.articles.iter().enumerate() {
            if let Some(a) = app.corpus.analysis(i) {
                index.insert(i, &article.text, a);
            }
        }
        let (_, link) = timed(|| index.link());
        drop(index);
        drop(app);
        reset_peak();
        // A second start on the same files: the list and the speakers from
        // the manifest, the articles from the cache.
        let ((mut app, loading), reopen) = timed(|| first_frame(&corpus_dir, &cache_root));
        assert_eq!(
            app.corpus.speakers.len(),
            speakers,
            "the speakers are remembered"
        );
        let warm = load_all(&mut app, loading);
        let reopen_peak = peak_mib();
        println!(
            "{n:>8} {text_mib:>8.1} {:>11} {:>11} {:>11} {:>10} {:>10} {:>12} {:>11} {:>11} {:>11} {:>11} {peak:>8.0} {:>9.2} {:>13.2}   ({speakers} speakers)",
            ms(first),
            ms(cold.analyzed),
            ms(cold.indexed),
            ms(cold.batch.max(warm.batch)),
            ms(link),
            ms(refreshed),
            ms(reopen),
            ms(warm.panel),
            ms(warm.analyzed),
            ms(warm.indexed),
            peak / text_mib,
            reopen_peak / text_mib,
        );
    }
}

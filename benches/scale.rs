//! The reader at corpus scale: synthetic corpora of 1k, 10k and 50k
//! articles, built here at bench time (never committed), each measured once:
//! cleaning, the first frame (App over an unanalyzed corpus, drawn on a
//! TestBackend), full analysis, linking speakers once per arriving batch,
//! and the peak heap of each step. Every figure should grow linearly.
//!
//! `cargo bench --bench scale` runs all three sizes; `SCALE_SIZES=1000,10000`
//! picks others. The articles are invented from small word lists: a few
//! hundred people quoted with and without middle initials, by surname and
//! by "Mr.", around filler prose.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use onrecord::analyze::analyze;
use onrecord::index::{Corpus, SpeakerIndex};
use onrecord::load::RawDoc;
use onrecord::model::Article;
use onrecord::ui::App;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use rayon::prelude::*;

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

fn raw_corpus(n: usize) -> Vec<RawDoc> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| RawDoc {
            meta: Default::default(),
            path: format!("scale/{:03}/a{i:06}.txt", i / 1000).into(),
            bytes: article_text(&mut rng, i).into_bytes(),
        })
        .collect()
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
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
        "{:>7} {:>9} {:>10} {:>11} {:>12} {:>14} {:>12} {:>12}",
        "articles",
        "text MiB",
        "clean",
        "first frame",
        "analysis",
        "link (batch)",
        "peak MiB",
        "peak/text"
    );
    for n in sizes {
        let raw = raw_corpus(n);
        let bytes: usize = raw.iter().map(|d| d.bytes.len()).sum();
        reset_peak();
        let (articles, clean) = timed(|| {
            raw.par_iter()
                .map(onrecord::clean::clean)
                .collect::<Vec<Article>>()
        });
        drop(raw);
        let (_, first_frame) = timed(|| {
            let app = App::new(Corpus::new(articles.clone()), 160, 40);
            let mut terminal = Terminal::new(TestBackend::new(160, 40)).expect("terminal");
            terminal
                .draw(|frame| onrecord::ui::render(&app, frame))
                .expect("draw");
        });
        let (analyses, analysis) = timed(|| articles.par_iter().map(analyze).collect::<Vec<_>>());
        let mut index = SpeakerIndex::default();
        for (i, (article, a)) in articles.iter().zip(&analyses).enumerate() {
            index.insert(i, &article.text, a);
        }
        // What each batch the worker sends costs at this size.
        let (linking, link) = timed(|| index.link());
        let speakers = linking.speakers.len();
        drop(analyses);
        let text_mib = bytes as f64 / (1024.0 * 1024.0);
        println!(
            "{n:>7} {text_mib:>9.1} {:>10} {:>11} {:>12} {:>14} {:>12.0} {:>12.2}   ({speakers} speakers)",
            ms(clean),
            ms(first_frame),
            ms(analysis),
            ms(link),
            peak_mib(),
            peak_mib() / text_mib,
        );
    }
}

//! Analysis throughput over ≥ 20 MB of varied news text, built at bench
//! time from the seeds and the analyzer's fixture articles: paragraphs
//! shuffled across articles and names swapped with a seeded xorshift, so
//! the text varies but every run measures the same bytes.
//!
//! `cargo bench --bench analyze -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use onrecord::analyze::analyze;
use onrecord::model::{Article, ArticleId, Block, BlockKind, Repairs};
use rayon::prelude::*;

const TARGET_BYTES: usize = 20 * 1024 * 1024;

/// A tiny xorshift generator: deterministic, no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Names swapped in and out to vary the text.
const NAMES: &[(&str, &str)] = &[
    ("Dara Massicot", "Helen Okafor"),
    ("Massicot", "Okafor"),
    ("Dmitry Peskov", "Antonio Guterres"),
    ("Peskov", "Guterres"),
    ("Moscow", "Nairobi"),
    ("Syria", "Sudan"),
    ("Syrian", "Sudanese"),
    ("Kremlin", "Pentagon"),
    ("Tartus", "Port Sudan"),
    ("Russia", "Turkey"),
];

fn paragraphs() -> Vec<String> {
    let mut out = Vec::new();
    for raw in onrecord::load::embedded_seeds() {
        let a = onrecord::clean::clean(&raw);
        out.extend(a.blocks.iter().map(|b| a.block_text(b).to_string()));
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/analyze");
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                if let Ok(text) = std::fs::read_to_string(e.path()) {
                    out.extend(
                        text.split("\n\n")
                            .map(|p| p.trim().to_string())
                            .filter(|p| !p.is_empty()),
                    );
                }
            }
        }
    }
    out
}

fn article(i: usize, paras: &[String]) -> Article {
    let mut text = String::new();
    let mut blocks = Vec::new();
    for p in paras {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            range: start..text.len(),
        });
    }
    Article {
        id: ArticleId(format!("{i:016x}")),
        path: format!("bench/{i}.txt").into(),
        title: String::new(),
        title_from_text: false,
        subtitle: None,
        date: None,
        outlet: None,
        byline: None,
        url: None,
        language: None,
        text,
        blocks,
        set_aside: Vec::new(),
        lossy: false,
        repairs: Repairs::default(),
    }
}

/// Articles of 8 to 30 shuffled, name-swapped paragraphs, ≥ 20 MB in all.
fn corpus() -> Vec<Article> {
    let pool = paragraphs();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut articles = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        let n = 8 + rng.below(23);
        let paras: Vec<String> = (0..n)
            .map(|_| {
                let mut p = pool[rng.below(pool.len())].clone();
                if rng.below(2) == 0 {
                    let (from, to) = NAMES[rng.below(NAMES.len())];
                    p = p.replace(from, to);
                }
                p
            })
            .collect();
        let a = article(articles.len(), &paras);
        total += a.text.len();
        articles.push(a);
    }
    articles
}

fn bench(c: &mut Criterion) {
    let articles = corpus();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let result_bytes: usize = articles.iter().map(|a| analyze(a).heap_size()).sum();
    eprintln!(
        "analyze bench: {} articles, {:.1} MB of text, results {:.2}× the text",
        articles.len(),
        bytes as f64 / 1e6,
        result_bytes as f64 / bytes as f64
    );
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("single_thread", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| analyze(a).entities.len())
                .sum::<usize>()
        })
    });
    group.bench_function("rayon_across_articles", |b| {
        b.iter(|| {
            articles
                .par_iter()
                .map(|a| analyze(a).entities.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

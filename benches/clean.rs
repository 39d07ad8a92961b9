//! Cleaning must stay linear in the input: a 2 MB article cleans in well
//! under 100 ms. Compare the 2 KB and 2 MB times per byte.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use onrecord::clean::clean;
use onrecord::load::{embedded_seeds, RawDoc};

/// The seeds concatenated until the text reaches `bytes`.
fn article(bytes: usize) -> RawDoc {
    let seeds = embedded_seeds();
    let mut text = Vec::with_capacity(bytes + 64 * 1024);
    while text.len() < bytes {
        for seed in &seeds {
            text.extend_from_slice(&seed.bytes);
            text.extend_from_slice(b"\n\n");
        }
    }
    text.truncate(bytes);
    RawDoc {
        meta: Default::default(),
        path: PathBuf::from("bench.txt"),
        bytes: text,
    }
}

/// One 2 MB paragraph of everything the repairs look at: glued sentences,
/// garbage runs, escapes, abbreviations, with no line break at all.
fn hostile(bytes: usize) -> RawDoc {
    let piece = "the U.S. base.Then entranceHTSHTSHTSHTST \u{1b}[31mred\u{1b}[0m \
                 said “no.”Russia e.g. 3.5 example.com \u{202e}x days earlier. . ";
    RawDoc {
        meta: Default::default(),
        path: PathBuf::from("hostile.txt"),
        bytes: piece.repeat(bytes / piece.len() + 1).into_bytes(),
    }
}

fn bench_clean(c: &mut Criterion) {
    let mut group = c.benchmark_group("clean");
    group.sample_size(20);
    for (name, doc) in [
        ("seeds_2KB", article(2 * 1024)),
        ("seeds_2MB", article(2 * 1024 * 1024)),
        ("hostile_2MB", hostile(2 * 1024 * 1024)),
    ] {
        group.throughput(Throughput::Bytes(doc.bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &doc, |b, doc| {
            b.iter(|| clean(doc))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_clean);
criterion_main!(benches);

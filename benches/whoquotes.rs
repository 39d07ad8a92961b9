//! Who quotes whom at corpus scale: building the speaker × outlet table
//! (done once per corpus snapshot, when the view opens or analyses arrive)
//! and one frame of the view (which must not grow with the corpus), over
//! invented corpora of 10k and 50k articles from 60 outlets with 5,000
//! speakers and about eight quotations an article. Only what the table
//! reads is made up: the articles' outlets and dates, their quotations
//! (which the table checks for a speaker) and the speakers' quotations, so
//! no analysis runs here.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use onrecord::analyze::{Analysis, Quote, QuoteKind, SpeakerKind};
use onrecord::index::{Corpus, LinkedBatch, Linking, QuoteTable, Speaker};
use onrecord::model::{Article, ArticleId};
use onrecord::store::{ArticleKey, Correction, Fix};
use onrecord::ui::{self, App};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const OUTLETS: usize = 60;
const SPEAKERS: usize = 5_000;
const QUOTES_PER_ARTICLE: usize = 8;

fn article(i: usize) -> Article {
    let path = format!("bench/a{i}.txt");
    Article {
        id: ArticleId(format!("{i:016x}")),
        title: format!("Article {i}"),
        date: Some(format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
        outlet: Some(format!("Outlet {}", i % OUTLETS)),
        ..onrecord::clean::stub(std::path::Path::new(&path))
    }
}

/// A corpus of `n` articles whose speakers are linked already; speaker
/// `s` is quoted about 1/(s+1) as often as the first (a long tail).
fn corpus(n: usize) -> Corpus {
    let mut quotes: Vec<Vec<(usize, usize)>> = vec![Vec::new(); SPEAKERS];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for a in 0..n {
        for q in 0..QUOTES_PER_ARTICLE {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Skewed: the square of a uniform pick favours low indices.
            let u = (state % 10_000) as f64 / 10_000.0;
            let s = ((u * u) * SPEAKERS as f64) as usize;
            quotes[s.min(SPEAKERS - 1)].push((a, q));
        }
    }
    let speakers: Vec<Speaker> = quotes
        .into_iter()
        .enumerate()
        .filter(|(_, q)| !q.is_empty())
        .map(|(s, quotes)| {
            let mut articles: Vec<usize> = quotes.iter().map(|&(a, _)| a).collect();
            articles.dedup();
            Speaker {
                name: format!("Speaker {s}"),
                kind: SpeakerKind::Person,
                roles: Vec::new(),
                quotes,
                articles,
                aliases: Vec::new(),
            }
        })
        .collect();
    let analysis = Analysis {
        quotes: (0..QUOTES_PER_ARTICLE as u32)
            .map(|q| Quote {
                span: (0..0).into(),
                kind: QuoteKind::Full,
                speaker: Some(q),
                speaker_mention: None,
                cue: None,
                attribution: None,
            })
            .collect(),
        ..Analysis::default()
    };
    let mut corpus = Corpus::new((0..n).map(article).collect::<Vec<_>>());
    let mut linking = Linking::default();
    linking.speakers = Arc::from(speakers);
    corpus.insert_linked(LinkedBatch {
        analyses: (0..n).map(|a| (a, analysis.clone())).collect(),
        linking: Some(linking),
        rate: 0.0,
        ..LinkedBatch::default()
    });
    corpus
}

fn who_quotes(c: &mut Criterion) {
    let mut group = c.benchmark_group("who_quotes");
    group.sample_size(10);
    for n in [10_000, 50_000] {
        let corpus = corpus(n);
        let all: Vec<usize> = (0..n).collect();
        group.bench_with_input(BenchmarkId::new("build_table", n), &n, |b, _| {
            b.iter(|| QuoteTable::build(&corpus, &all))
        });
        let mut app = App::new(corpus, 160, 40);
        ui::update(&mut app, ui::Action::ShowWhoQuotes);
        let mut terminal = Terminal::new(TestBackend::new(160, 40)).expect("terminal");
        group.bench_with_input(BenchmarkId::new("frame_160x40", n), &n, |b, _| {
            b.iter(|| {
                terminal
                    .draw(|frame| ui::render(&app, frame))
                    .expect("draw");
            })
        });
    }
    group.finish();
}

/// A correction made in the reader applies at once, on the UI thread:
/// the corpus's speakers are rebuilt from the machine's linking with every
/// correction (here one merge of the most quoted speaker into another).
/// Measured: 6.5 ms at 10k articles, 66 ms at 50k, keys cloned included:
/// corpus-sized work, once per correction made or taken back.
fn correcting(c: &mut Criterion) {
    let mut group = c.benchmark_group("corrections");
    group.sample_size(10);
    for n in [10_000, 50_000] {
        let mut corpus = corpus(n);
        let keys: Vec<ArticleKey> = corpus.articles.iter().map(ArticleKey::of).collect();
        let merge = vec![Correction::new(Fix::MergeSpeaker {
            speaker: "Speaker 0".into(),
            into: "Speaker 1".into(),
        })];
        group.bench_with_input(BenchmarkId::new("apply_one_merge", n), &n, |b, _| {
            b.iter(|| corpus.set_corrections(keys.clone(), merge.clone()))
        });
    }
    group.finish();
}

criterion_group!(benches, who_quotes, correcting);
criterion_main!(benches);

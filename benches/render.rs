//! One frame of the reading pane, for a short and a very long article, each
//! scrolled to the middle. The two should cost about the same: a frame
//! draws only the visible rows of the cached layout.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use onrecord::load::RawDoc;
use onrecord::ui::{self, Action, App};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// An article of about `bytes` bytes made from the seeds' paragraphs.
fn article_of(bytes: usize) -> onrecord::model::Article {
    let seeds = onrecord::load::embedded_seeds();
    let paragraphs: Vec<String> = seeds
        .iter()
        .flat_map(|d| {
            String::from_utf8_lossy(&d.bytes)
                .split("\n\n")
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|p| p.len() > 200)
        .collect();
    let mut text = String::from("A long article for the benchmark\n\n");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&paragraphs[i % paragraphs.len()]);
        text.push_str("\n\n");
        i += 1;
    }
    onrecord::clean::clean(&RawDoc {
        meta: Default::default(),
        path: format!("bench-{bytes}.txt").into(),
        bytes: text.into_bytes(),
    })
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_frame");
    for (name, bytes) in [("2KB", 2 * 1024), ("2MB", 2 * 1024 * 1024)] {
        let mut app = App::new(
            onrecord::index::Corpus::build(vec![article_of(bytes)]),
            120,
            40,
        );
        ui::update(&mut app, Action::Open);
        let middle = app.max_scroll() / 2;
        app.scroll_reader_to(middle);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                terminal.draw(|f| ui::render(&app, f)).expect("draw");
            })
        });
    }
    group.finish();

    // Laying out is done once per (article, width), not per frame; measured
    // here so a regression there shows too.
    let long = article_of(2 * 1024 * 1024);
    c.bench_function("layout_2MB_at_96_columns", |b| {
        b.iter(|| onrecord::ui::wrap::ArticleLayout::new(&long, 96, false))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = frame
}
criterion_main!(benches);

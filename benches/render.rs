//! The reading pane's costs, none of which should grow with the article:
//! one frame of a short and a very long article scrolled to the middle,
//! opening a 20 MB article up to its first frame, and the frame after its
//! analysis arrives.

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use onrecord::analyze::Analysis;
use onrecord::index::{Corpus, LinkedBatch, SpeakerIndex};
use onrecord::load::RawDoc;
use onrecord::model::Article;
use onrecord::ui::panel::Scope;
use onrecord::ui::{self, Action, App};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// An article of about `bytes` bytes made from the seeds' paragraphs.
fn article_of(bytes: usize) -> Article {
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

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal")
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_frame");
    for (name, bytes) in [("2KB", 2 * 1024), ("2MB", 2 * 1024 * 1024)] {
        let mut app = App::new(Corpus::build(vec![article_of(bytes)]), WIDTH, HEIGHT);
        ui::update(&mut app, Action::Open);
        let middle = app.max_scroll() / 2;
        app.scroll_reader_to(middle);
        let mut terminal = terminal();
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                terminal.draw(|f| ui::render(&app, f)).expect("draw");
            })
        });
    }
    group.finish();

    // Laying out a whole article is no longer on the way to a frame, but a
    // regression in the wrap itself shows here.
    let long = article_of(2 * 1024 * 1024);
    c.bench_function("layout_2MB_at_96_columns", |b| {
        b.iter(|| onrecord::ui::wrap::ArticleLayout::new(&long, 96, false))
    });
}

/// The analysis of `article` as the worker hands it over.
fn linked(article: &Article, analysis: &Analysis) -> LinkedBatch {
    let mut index = SpeakerIndex::default();
    index.insert(0, &article.text, analysis);
    LinkedBatch {
        analyses: vec![(0, analysis.clone())],
        linking: Some(index.link()),
        rate: 1.0,
        ..LinkedBatch::default()
    }
}

fn big_article(c: &mut Criterion) {
    let article = article_of(20 * 1024 * 1024);
    let mut group = c.benchmark_group("article_20MB");
    group.sample_size(10);
    // From the corpus in hand to the first frame drawn: what the reader
    // adds to start-up and to opening the article from the list.
    group.bench_function("open_to_first_frame", |b| {
        b.iter_batched(
            || Corpus::new(vec![article.clone()]),
            |corpus| {
                let mut app = App::new(corpus, WIDTH, HEIGHT);
                ui::update(&mut app, Action::Open);
                let mut terminal = terminal();
                terminal.draw(|f| ui::render(&app, f)).expect("draw");
                app
            },
            BatchSize::PerIteration,
        )
    });
    let analysis = onrecord::analyze::analyze(&article);
    // The article open, scrolled a little; then its analysis arrives and
    // the next frame is drawn.
    group.bench_function("analysis_arrives_to_frame", |b| {
        b.iter_batched(
            || {
                let mut app = App::new(Corpus::new(vec![article.clone()]), WIDTH, HEIGHT);
                ui::update(&mut app, Action::Open);
                app.scroll_reader_to(200);
                (app, linked(&article, &analysis))
            },
            |(mut app, batch)| {
                ui::update(&mut app, Action::Indexed(Box::new(batch)));
                let mut terminal = terminal();
                terminal.draw(|f| ui::render(&app, f)).expect("draw");
                app
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// `count` short invented articles, each quoting two of 12,500 people.
fn many_articles(count: usize) -> Vec<Article> {
    const FIRST: [&str; 20] = [
        "Jane", "John", "Maria", "Peter", "Anna", "David", "Laura", "Mark", "Sofia", "Paul",
        "Helen", "Simon", "Clara", "Oscar", "Nina", "Victor", "Irene", "Hugo", "Alice", "Felix",
    ];
    const LAST: [&str; 25] = [
        "Harlow",
        "Benton",
        "Carver",
        "Dalton",
        "Ellison",
        "Fairley",
        "Garrick",
        "Holloway",
        "Irving",
        "Jessup",
        "Kendrick",
        "Lowell",
        "Marlow",
        "Norcross",
        "Oakley",
        "Prescott",
        "Quinlan",
        "Radford",
        "Sutton",
        "Thorne",
        "Underhill",
        "Vickery",
        "Whitlock",
        "Yardley",
        "Zeller",
    ];
    // Up to 20 × 25 × 25 = 12,500 people ("Jane Harlow-Benton").
    let name = |i: usize| {
        let last = |j: usize| LAST[j % LAST.len()];
        format!(
            "{} {}-{}",
            FIRST[i % FIRST.len()],
            last(i / FIRST.len()),
            last(i / (FIRST.len() * LAST.len()))
        )
    };
    (0..count)
        .map(|i| {
            let (a, b) = (name(i * 7919 % 12_500), name(i * 104_729 % 12_500));
            let text = format!(
                "Council report {i}\n\nThe council met on Monday to discuss the budget.\n\n\
                 \u{201c}We will not cut the library,\u{201d} said {a}, who chairs the council. \
                 \u{201c}The numbers do not add up,\u{201d} {b} told reporters after the vote.\n"
            );
            onrecord::clean::clean(&RawDoc {
                meta: Default::default(),
                path: format!("council-{i}.txt").into(),
                bytes: text.into_bytes(),
            })
        })
        .collect()
}

/// The quotes panel rebuilt after a batch of analyses arrives, at 50,000
/// articles: for the open article, and for the whole corpus.
fn panel(c: &mut Criterion) {
    let mut app = App::new(Corpus::build(many_articles(50_000)), WIDTH, HEIGHT);
    ui::update(&mut app, Action::Open);
    let quotes: usize = app.corpus.speakers.iter().map(|s| s.quotes.len()).sum();
    eprintln!(
        "{} speakers, {quotes} quotations, {} in the open article",
        app.corpus.speakers.len(),
        app.panel.items.len()
    );
    let mut group = c.benchmark_group("panel_refresh_50k");
    for scope in [Scope::Article, Scope::Corpus] {
        app.panel.scope = scope;
        group.bench_function(format!("{scope:?}").to_lowercase(), |b| {
            b.iter(|| app.refresh_panel())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = frame, big_article, panel
}
criterion_main!(benches);

//! The notes store: latency of one committed edit (WAL, synchronous=FULL)
//! and the cost of finding a passage again in an edited article.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use onrecord::store::{anchor, ArticleKey, Edit, Selector, Store};

/// A long article: numbered sentences in paragraphs.
fn article() -> String {
    (0..400)
        .map(|i| format!("Sentence number {i} says something about the harbour and the council."))
        .collect::<Vec<_>>()
        .chunks(5)
        .map(|c| c.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn writes(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(Some(dir.path())).expect("store");
    let text = article();
    let key = ArticleKey::new("bench.txt", &text);
    let start = text.find("Sentence number 200").expect("sentence");
    let selector = Selector::from_range(&text, start..start + 70).expect("selector");
    c.bench_function("store/apply_add_annotation", |b| {
        b.iter(|| {
            let edit = Edit::annotate(key.clone(), selector.clone(), "A note on this passage.");
            store.apply(&edit).expect("apply")
        })
    });
    let edit = Edit::annotate(key.clone(), selector.clone(), "first");
    store.apply(&edit).expect("apply");
    let Edit::AddAnnotation(a) = edit else { return };
    c.bench_function("store/apply_update_note", |b| {
        b.iter(|| {
            store
                .apply(&Edit::update_note(a.id.clone(), "edited"))
                .expect("apply")
        })
    });
    // Reading: an article with 100 annotations.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(Some(dir.path())).expect("store");
    for i in 0..100 {
        let edit = Edit::annotate(key.clone(), selector.clone(), format!("note {i}"));
        store.apply(&edit).expect("apply");
    }
    c.bench_function("store/annotations_for_article_100", |b| {
        b.iter(|| store.annotations_for(&key).expect("read").len())
    });
}

fn anchoring(c: &mut Criterion) {
    let text = article();
    let start = text.find("Sentence number 200").expect("sentence");
    let selector = Selector::from_range(&text, start..start + 140).expect("selector");
    let inserted = format!("{}\n\n{text}", "A new lede paragraph. ".repeat(200));
    let edited = inserted.replacen("Sentence number 200 says", "Sentence no. 200 said", 1);
    c.bench_function("anchor/position", |b| {
        b.iter(|| anchor::anchor(black_box(&text), &selector))
    });
    c.bench_function("anchor/quote_after_insertion", |b| {
        b.iter(|| anchor::anchor(black_box(&inserted), &selector))
    });
    c.bench_function("anchor/fuzzy_after_insertion_and_edit", |b| {
        b.iter(|| anchor::anchor(black_box(&edited), &selector))
    });
}

criterion_group!(benches, writes, anchoring);
criterion_main!(benches);

//! Outlet, byline and date in the list and the reader's header, and the
//! list's order (newest first, by outlet, by title, as given; grouped by
//! outlet), on the invented pages and feeds of `tests/fixtures/web/`.

mod common;

use std::path::Path;

use common::{keys, screen_text};
use onrecord::ui::state::ListSort;
use onrecord::ui::App;

fn web_app(width: u16, height: u16) -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web");
    let loaded =
        onrecord::load::load_paths(&[root.join("pages"), root.join("feeds")]).expect("fixtures");
    let articles = loaded.docs.iter().map(onrecord::clean::clean).collect();
    let mut app = App::new(onrecord::index::Corpus::build(articles), width, height);
    app.set_sort(ListSort::Date);
    app
}

fn listed_dates(app: &App) -> Vec<Option<String>> {
    app.list
        .visible
        .iter()
        .map(|&i| app.corpus.articles[i].date.clone())
        .collect()
}

#[test]
fn newest_first_then_undated() {
    let app = web_app(120, 40);
    let dates = listed_dates(&app);
    assert_eq!(dates[0].as_deref(), Some("2025-03-14"));
    let dated: Vec<&String> = dates.iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let first_undated = dates.iter().position(Option::is_none).unwrap();
    assert!(dates[first_undated..].iter().all(Option::is_none));
}

#[test]
fn the_sort_key_cycles_and_grouping_keeps_outlets_together() {
    let mut app = web_app(120, 40);
    keys(&mut app, "o");
    assert_eq!(app.list.sort, ListSort::Outlet);
    let outlets: Vec<String> = app
        .list
        .visible
        .iter()
        .map(|&i| app.corpus.articles[i].outlet_or_source().to_lowercase())
        .collect();
    let mut sorted = outlets.clone();
    sorted.sort();
    assert_eq!(outlets, sorted);
    keys(&mut app, "o");
    assert_eq!(app.list.sort, ListSort::Title);
    keys(&mut app, "oo");
    assert_eq!(app.list.sort, ListSort::Date);
    assert!(screen_text(&app).contains("· newest"));

    keys(&mut app, "O");
    assert!(screen_text(&app).contains("newest, grouped"));
    let outlets: Vec<String> = app
        .list
        .visible
        .iter()
        .map(|&i| app.corpus.articles[i].outlet_or_source())
        .collect();
    // Each outlet's articles form one run.
    let mut seen = Vec::new();
    for o in &outlets {
        if seen.last() != Some(o) {
            assert!(!seen.contains(o), "{o} appears in two runs: {outlets:?}");
            seen.push(o.clone());
        }
    }
}

#[test]
fn list_and_reader_show_outlet_byline_date_and_address() {
    let mut app = web_app(120, 40);
    let screen = screen_text(&app);
    assert!(screen.contains("2025-03-14 · The Coastal Cour"), "{screen}");
    keys(&mut app, "<Enter>");
    let screen = screen_text(&app);
    assert!(
        screen
            .contains("The Coastal Courier · Maria Okafor · 2025-03-14 · https://courier.example/"),
        "{screen}"
    );
}

#[test]
fn the_reader_starts_at_the_top_of_the_list_not_on_the_first_file_given() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web");
    let loaded =
        onrecord::load::load_paths(&[root.join("pages"), root.join("feeds")]).expect("fixtures");
    // The newest given last.
    let articles: Vec<_> = loaded
        .docs
        .iter()
        .rev()
        .map(onrecord::clean::clean)
        .collect();
    let mut app = App::new(onrecord::index::Corpus::build(articles), 120, 40);
    app.set_sort(ListSort::Date);
    assert_ne!(
        app.list.visible[0], 0,
        "the first file given is not the newest"
    );
    assert_eq!(app.list.selected, 0);
    assert_eq!(app.list.offset, 0);
    assert_eq!(
        app.reader.as_ref().map(|r| r.article),
        Some(app.list.visible[0])
    );
    // The status line counts in the list's order, not the files'.
    let screen = screen_text(&app);
    let status = screen.lines().last().unwrap_or_default();
    let shown = app.list.visible.len();
    assert!(status.starts_with(&format!(" 1/{shown} · ")), "{status}");
}

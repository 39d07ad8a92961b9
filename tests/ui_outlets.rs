//! Search across the corpus from the list, on the invented outlets of
//! `tests/fixtures/outlets/` (development data).

mod common;

use common::{keys, screen_text};
use onrecord::index::Corpus;
use onrecord::ui::state::Pane;
use onrecord::ui::App;

fn outlets_app(width: u16, height: u16) -> App {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outlets");
    let loaded = onrecord::load::load_paths(&[dir]).expect("fixtures load");
    let articles = loaded.docs.iter().map(onrecord::clean::clean).collect();
    App::new(Corpus::build(articles), width, height)
}

#[test]
fn the_list_filter_finds_words_of_the_body_and_opening_lands_on_the_first() {
    let mut app = outlets_app(120, 40);
    // In no title and no name: only in two bodies.
    keys(&mut app, "/shifts<Enter>");
    let shown: Vec<String> = app
        .list
        .visible
        .iter()
        .map(|&i| onrecord::index::outlet_name(&app.corpus.articles[i]))
        .collect();
    assert_eq!(shown, ["harbor-gazette", "river-post"]);
    let screen = screen_text(&app);
    assert!(screen.contains("Articles (2 of 4)"), "{screen}");
    assert!(screen.contains("1 hit · "), "{screen}");
    keys(&mut app, "j<Enter>");
    assert_eq!(app.focus, Pane::Reader);
    let search = app
        .search
        .as_ref()
        .expect("the filter searched in the article");
    assert_eq!(search.hits.len(), 1);
    assert_eq!(search.current, Some(0));
    // Words apart in the text still find the article; the reader shows
    // the first of them.
    keys(&mut app, "h<Esc>/ferry april<Enter>");
    assert_eq!(app.list.visible.len(), 1);
    // "Ferries" is another word: no stemming.
    assert_eq!(
        app.list.body_hits.values().copied().collect::<Vec<_>>(),
        [2]
    );
    keys(&mut app, "<Enter>");
    assert!(app.search.is_none());
    assert!(screen_text(&app).contains("Ferries to the islands"));
}

//! Search across the corpus from the list, and statements across outlets
//! in the panel, on the invented outlets of `tests/fixtures/outlets/`
//! (development data).

mod common;

use common::{keys, screen_text};
use onrecord::index::Corpus;
use onrecord::ui::panel::PanelItem;
use onrecord::ui::state::Pane;
use onrecord::ui::App;

fn outlets_app(width: u16, height: u16) -> App {
    App::new(Corpus::build(common::outlet_articles()), width, height)
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
    assert_eq!(shown, ["Harbor Gazette", "River Post"]);
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
    // "Ferries" is another word: no stemming. The headline, kept in the
    // text for the analysis, holds one of the three.
    assert_eq!(
        app.list.body_hits.values().copied().collect::<Vec<_>>(),
        [3]
    );
    keys(&mut app, "<Enter>");
    assert!(app.search.is_none());
    assert!(screen_text(&app).contains("Ferries to the islands"));
}

#[test]
fn a_quotation_carried_by_other_outlets_says_so_and_o_shows_each_version() {
    let mut app = outlets_app(160, 40);
    let river = app
        .corpus
        .articles
        .iter()
        .position(|a| onrecord::index::outlet_name(a) == "River Post")
        .expect("River Post");
    app.open_article(river);
    keys(&mut app, "<Tab><Tab>");
    assert_eq!(app.focus, Pane::Panel);
    app.panel.expanded.insert("Marta Ilic".into());
    app.refresh_panel();
    let at = app
        .panel
        .items
        .iter()
        .position(|i| matches!(i, PanelItem::Quote { speaker, .. } if app.corpus.speakers[*speaker].name == "Marta Ilic"))
        .expect("Ilic's quotation listed");
    app.panel.selected = at;
    assert!(screen_text(&app).contains("also in 2 outlets (o)"));
    // y copies it with its citation, through OSC 52; not when turned off.
    app.clipboard = false;
    keys(&mut app, "y");
    assert_eq!(app.clipboard_out, None);
    app.clipboard = true;
    keys(&mut app, "y");
    let copied = app.clipboard_out.take().expect("copied");
    assert_eq!(
        copied,
        "“Nobody loses a job because of this storm,” — Marta Ilic, River Post, 2026-03-03"
    );
    let osc = onrecord::ui::clipboard::osc52(&copied);
    let payload = osc
        .strip_prefix("\x1b]52;c;")
        .and_then(|p| p.strip_suffix('\x07'))
        .expect("OSC 52 framing");
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .expect("base64");
    assert_eq!(decoded, copied.as_bytes());
    keys(&mut app, "o");
    let screen = screen_text(&app);
    assert!(screen.contains("The same words in 3 outlets"), "{screen}");
    assert!(screen.contains("different speakers"), "{screen}");
    for who in ["Tomas Reyes", "Elena Brandt", "Marta Ilic"] {
        assert!(screen.contains(who), "{who} missing:\n{screen}");
    }
    keys(&mut app, "<Esc>");
    assert!(!screen_text(&app).contains("The same words in"));
    // The harbour statement: a cut and a changed word are marked.
    let app = outlets_app(160, 40);
    let view = {
        let q = app
            .corpus
            .analysis(river)
            .expect("analyzed")
            .quotes
            .iter()
            .position(|q| {
                q.span
                    .text(&app.corpus.articles[river].text)
                    .contains("rebuild the port")
            })
            .expect("quote");
        app.corpus.statement((river, q)).expect("statement")
    };
    let lines: Vec<String> =
        onrecord::ui::render::statement_lines(&app.theme, &app.corpus.articles, &view)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
    let all = lines.join("\n");
    assert!(all.contains("the [-harbour-]{+port+} before"), "{all}");
    assert!(all.contains("[-We will-] rebuild the harbour"), "{all}");
    assert!(!all.contains("different speakers"), "{all}");
}

#[test]
fn o_in_the_reader_shows_the_marked_quotations_versions_and_esc_comes_back() {
    let mut app = outlets_app(160, 40);
    let (article, quote) = common::find_quote(&app.corpus, "River Post", "Nobody loses a job");
    app.open_article(article);
    keys(&mut app, "<Tab>");
    assert_eq!(app.focus, Pane::Reader);
    for _ in 0..10 {
        if app.reader.as_ref().and_then(|r| r.marked_quote) == Some(quote) {
            break;
        }
        keys(&mut app, "]");
    }
    // The status line says other outlets carry the marked quotation.
    let screen = screen_text(&app);
    let status = screen.lines().last().unwrap_or_default();
    assert!(
        status.contains("quotation also in 2 outlets (o)"),
        "{status}"
    );
    keys(&mut app, "o");
    let screen = screen_text(&app);
    assert!(screen.contains("The same words in 3 outlets"), "{screen}");
    assert!(
        screen.contains("Coastal Times · 2026-03-03 · Elena Brandt"),
        "{screen}"
    );
    keys(&mut app, "<Esc>");
    assert!(matches!(app.mode, onrecord::ui::mode::Mode::Normal));
    assert_eq!(app.focus, Pane::Reader);
}

//! Reading with entities and quotations: styles, the panel, following a
//! speaker, jumping between quotations.

mod common;

use common::{cell_style, find_on_screen, keys, screen_text, seed_app, seed_articles};
use onrecord::index::Corpus;
use onrecord::ui::panel::{PanelItem, Scope};
use onrecord::ui::state::Pane;
use onrecord::ui::theme::Theme;
use onrecord::ui::{update, Action, App};
use ratatui::style::Modifier;

/// The seed article whose title starts with `prefix`.
fn article_starting(app: &App, prefix: &str) -> usize {
    app.corpus
        .articles
        .iter()
        .position(|a| a.text.starts_with(prefix) || a.title.starts_with(prefix))
        .expect("seed article")
}

#[test]
fn a_person_carries_the_person_style_and_a_quote_the_quote_style() {
    let mut app = seed_app(120, 40);
    let index = article_starting(&app, "Moscow is trying");
    app.open_article(index);
    keys(&mut app, "<Tab>");
    // "Dmitry Peskov" is in the body a few paragraphs down.
    keys(&mut app, "/Kremlin spokesman<Enter>");
    let at = find_on_screen(&app, "Dmitry Peskov told").expect("Peskov on screen");
    let style = cell_style(&app, at);
    assert_eq!(style.fg, app.theme.person.fg);
    assert!(style.add_modifier.contains(Modifier::BOLD));
    let quote = find_on_screen(&app, "necessary measures").expect("quote on screen");
    let style = cell_style(&app, quote);
    assert_eq!(style.fg, app.theme.quote.fg);
    assert!(style.add_modifier.contains(Modifier::ITALIC));
    // The sentence names Peskov beside his words, so no tag repeats it; a
    // quotation whose speaker is named a sentence away carries one.
    assert!(!screen_text(&app).contains("—Dmitry Peskov"));
    keys(&mut app, "/evacuation occurs<Enter>");
    assert!(screen_text(&app).contains("obvious.” —Dara Massicot"));
    // `e` turns entity highlighting off.
    keys(&mut app, "e");
    assert_ne!(cell_style(&app, at).fg, app.theme.person.fg);
}

#[test]
fn no_color_uses_attributes_only() {
    let mut app = seed_app(120, 40);
    app.set_theme(Theme::for_env(true));
    keys(&mut app, "<Tab>");
    let (x, y) = find_on_screen(&app, "dictator Bashar al-Assad").expect("Assad on screen");
    let style = cell_style(&app, (x + "dictator ".len() as u16, y));
    assert_eq!(style.fg, None.or(Some(ratatui::style::Color::Reset)));
    assert!(style.add_modifier.contains(Modifier::BOLD));
}

#[test]
fn following_dara_massicot_leaves_only_the_article_that_quotes_her() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "Smassicot");
    let prompt = app.mode.prompt().expect("picker open");
    let first = prompt.matches.first().copied().expect("a match");
    assert_eq!(app.corpus.speakers[first].name, "Dara Massicot");
    keys(&mut app, "<Enter>");
    assert_eq!(app.speaker_filter.as_deref(), Some("Dara Massicot"));
    let quoting = article_starting(&app, "Moscow is trying");
    assert_eq!(app.list.visible, vec![quoting]);
    assert_eq!(app.selected_article(), Some(quoting));
    assert!(screen_text(&app).contains("speaker: Dara Massicot (3 quotes in 1 article)"));
    // Her quotations are marked, the others dimmed.
    keys(&mut app, "<Tab>]");
    let reader = app.reader.as_ref().expect("open");
    let quote = reader.marked_quote.expect("a quote marked");
    assert_eq!(
        app.corpus.quote_speaker_name(quoting, quote),
        Some("Dara Massicot")
    );
    // Esc in the list clears the filter.
    keys(&mut app, "<S-Tab><Esc>");
    assert_eq!(app.focus, Pane::List);
    assert!(app.speaker_filter.is_none());
    assert_eq!(app.list.visible.len(), app.corpus.articles.len());
}

#[test]
fn jumping_to_a_quotation_scrolls_it_into_view() {
    let mut app = seed_app(80, 24);
    let index = article_starting(&app, "Moscow is trying");
    app.open_article(index);
    keys(&mut app, "<Enter>");
    let mut seen = Vec::new();
    for _ in 0..4 {
        keys(&mut app, "]");
        let reader = app.reader.as_ref().expect("open");
        let quote = reader.marked_quote.expect("marked");
        let span = app.corpus.analysis(index).expect("analyzed").quotes[quote]
            .span
            .range();
        let row = reader.layout.row_of_offset(span.start).expect("row");
        assert!(
            row >= reader.scroll && row < reader.scroll + app.reader_height(),
            "quote {quote} at row {row} is on screen (top {})",
            reader.scroll
        );
        seen.push(quote);
    }
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "] moves forward: {seen:?}"
    );
    keys(&mut app, "[");
    assert_eq!(
        app.reader.as_ref().and_then(|r| r.marked_quote),
        Some(seen[2])
    );
}

#[test]
fn choosing_a_quote_in_the_panel_opens_its_article_marked() {
    let mut app = seed_app(150, 40);
    keys(&mut app, "<Tab><Tab>s");
    assert_eq!(app.focus, Pane::Panel);
    assert_eq!(app.panel.scope, Scope::Corpus);
    // Expand the most quoted speaker and choose their first quotation.
    keys(&mut app, "<Enter>j<Enter>");
    let Some(PanelItem::Quote { article, quote, .. }) = app.panel.selected_item() else {
        panic!("a quote is selected: {:?}", app.panel.selected_item());
    };
    let reader = app.reader.as_ref().expect("open");
    assert_eq!(reader.article, article);
    assert_eq!(reader.marked_quote, Some(quote));
    let start = app.corpus.analysis(article).expect("analyzed").quotes[quote]
        .span
        .range()
        .start;
    let row = reader.layout.row_of_offset(start).expect("row");
    assert!(row >= reader.scroll && row < reader.scroll + app.reader_height());
    // The marked quotation is drawn apart.
    let text = &app.corpus.articles[article].text;
    let first_word: String = text[start..].split(' ').next().unwrap_or("").to_string();
    let reader_area = app.screen().reader.expect("reader shown");
    let (x, y) =
        common::find_in(&app, reader_area, &format!("“{first_word}")).expect("quote on screen");
    let at = (x + 1, y);
    assert!(cell_style(&app, at)
        .add_modifier
        .contains(Modifier::UNDERLINED));
    // h folds the speaker again.
    keys(&mut app, "h");
    assert!(matches!(
        app.panel.selected_item(),
        Some(PanelItem::Speaker { .. })
    ));
}

#[test]
fn the_panel_scope_toggles_between_article_and_corpus() {
    let mut app = seed_app(150, 40);
    let quiet = article_starting(&app, "Following the sudden collapse");
    app.open_article(quiet);
    assert!(app.panel.items.is_empty(), "that seed quotes nobody");
    assert!(screen_text(&app).contains("No quotations here"));
    keys(&mut app, "<Tab><Tab>s");
    assert!(app.panel.items.len() >= 8);
    let text = screen_text(&app);
    assert!(text.contains("Dara Massicot"));
    assert!(text.contains("3 quotes in 1 article"));
}

#[test]
fn analyses_arrive_while_the_reader_is_in_use() {
    let articles = seed_articles();
    let mut app = App::new(Corpus::new(articles.clone()), 120, 40);
    assert!(screen_text(&app).contains("analyzing 0/5"));
    keys(&mut app, "jj");
    let batch: Vec<_> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (i, onrecord::analyze::analyze(a)))
        .collect();
    update(&mut app, Action::Analyzed(batch));
    assert!(!screen_text(&app).contains("analyzing"));
    assert_eq!(app.list.selected, 2, "the reader kept its place");
    assert!(!app.corpus.speakers.is_empty());
}

#[test]
fn the_list_filter_finds_articles_by_a_name_in_them() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "/Sokov<Enter>");
    let quoting = article_starting(&app, "Moscow is trying");
    assert_eq!(app.list.visible, vec![quoting]);
}

#[test]
fn layout_three_two_and_one_panes() {
    let app = seed_app(150, 40);
    let screen = app.screen();
    assert!(screen.list.is_some() && screen.reader.is_some() && screen.panel.is_some());
    let mut app = seed_app(110, 40);
    assert!(app.screen().list.is_some() && app.screen().panel.is_none());
    keys(&mut app, "<Tab><Tab>");
    assert_eq!(app.focus, Pane::Panel);
    assert!(app.screen().panel.is_some() && app.screen().reader.is_some());
    assert!(app.screen().list.is_none());
    let mut app = seed_app(80, 24);
    keys(&mut app, "<Tab><Tab>");
    let screen = app.screen();
    assert!(screen.panel.is_some() && screen.reader.is_none() && screen.list.is_none());
}

#[test]
fn panel_80x24() {
    let mut app = seed_app(80, 24);
    keys(&mut app, "jjj<Tab><Tab><Enter>");
    insta::assert_snapshot!(common::draw(&app).backend());
}

#[test]
fn reader_with_quotes_80x24() {
    let mut app = seed_app(80, 24);
    let index = article_starting(&app, "Moscow is trying");
    app.open_article(index);
    keys(&mut app, "<Tab>]]");
    insta::assert_snapshot!(common::draw(&app).backend());
}

/// Expanding a speaker shows the other names the articles use for them.
/// (Invented articles.)
#[test]
fn an_expanded_speaker_shows_their_other_names() {
    let articles = [
        "“Rates will stay low,” said Walter J. Brandt.",
        "“We are watching prices,” Walter Brandt told reporters.",
        "“Nothing has changed,” Walter Brandt said.",
    ]
    .iter()
    .enumerate()
    .map(|(i, text)| {
        onrecord::clean::clean(&onrecord::load::RawDoc {
            path: format!("a{i}.txt").into(),
            bytes: format!("Headline {i}\n\n{text}\n").into_bytes(),
            meta: Default::default(),
        })
    })
    .collect();
    let mut app = App::new(Corpus::build(articles), 160, 30);
    update(&mut app, Action::ToggleScope);
    let screen = screen_text(&app);
    assert!(!screen.contains("also Walter J. Brandt"), "{screen}");
    app.panel.expanded.insert("Walter Brandt".to_string());
    app.refresh_panel();
    let screen = screen_text(&app);
    assert!(screen.contains("also Walter J. Brandt"), "{screen}");
}

//! A long article is laid out as it is read: opening it, jumping to its
//! end, searching it and taking its analysis show the right text without
//! laying out the whole of it. (Invented text.)

mod common;

use common::{keys, screen_text};
use onrecord::index::{Corpus, LinkedBatch, SpeakerIndex};
use onrecord::model::Article;
use onrecord::ui::{self, Action, App};

/// About `bytes` of numbered paragraphs with a quotation in each.
fn long_article(bytes: usize) -> Article {
    let mut text = String::from("The long hearing\n\nA day of testimony, in full\n\n");
    let mut n = 0;
    while text.len() < bytes {
        n += 1;
        text.push_str(&format!(
            "Paragraph {n} opens here. Jane Roe of the Harbour Board spoke for a while. \
             \u{201c}We will rebuild the pier number {n},\u{201d} she said. The committee \
             listened, and the clerk wrote it all down for the record of the day.\n\n"
        ));
    }
    text.push_str("The hearing closed with a vote on the marigold motion.\n");
    common::article_from("hearing.txt", text)
}

fn open(article: Article) -> App {
    let mut app = App::new(Corpus::new(vec![article]), 100, 30);
    keys(&mut app, "<Enter>");
    app
}

fn laid_out(app: &App) -> bool {
    app.reader.as_ref().expect("open").layout.is_complete()
}

#[test]
fn opening_lays_out_a_screen_and_the_end_is_one_key_away() {
    let mut app = open(long_article(400 * 1024));
    assert!(!laid_out(&app), "only what is shown is laid out");
    let screen = screen_text(&app);
    assert!(screen.contains("Paragraph 1 opens here."), "{screen}");
    keys(&mut app, "G");
    let screen = screen_text(&app);
    assert!(screen.contains("marigold motion"), "{screen}");
    assert!(screen.contains("100%"), "{screen}");
    assert!(!laid_out(&app));
    keys(&mut app, "g");
    assert!(screen_text(&app).contains("Paragraph 1 opens here."));
}

#[test]
fn search_lands_on_a_hit_far_down() {
    let mut app = open(long_article(400 * 1024));
    keys(&mut app, "/marigold<Enter>");
    let screen = screen_text(&app);
    assert!(screen.contains("marigold"), "{screen}");
}

/// The top row of the reading pane: its text and its block.
fn top(app: &App) -> (String, Option<usize>) {
    let reader = app.reader.as_ref().expect("open");
    let row = reader.layout.row(reader.scroll).expect("laid out");
    let text = &app.corpus.articles[reader.article].text;
    (text[row.range.clone()].to_string(), row.block)
}

#[test]
fn laying_out_the_rest_and_taking_the_analysis_keep_the_text_at_the_top() {
    let article = long_article(200 * 1024);
    let analysis = onrecord::analyze::analyze(&article);
    let mut app = open(article.clone());
    for _ in 0..40 {
        keys(&mut app, "<C-d>");
    }
    let before = top(&app);
    assert!(before.1.is_some(), "in the body");
    // Idle turns lay out the rest: rows above move, the text does not.
    while app.lay_out_more(std::time::Duration::ZERO) {}
    assert!(laid_out(&app));
    assert_eq!(top(&app), before);

    let mut index = SpeakerIndex::default();
    index.insert(0, &article.text, &analysis);
    let batch = LinkedBatch {
        analyses: vec![(0, analysis)],
        linking: Some(index.link()),
        rate: 1.0,
        ..LinkedBatch::default()
    };
    ui::update(&mut app, Action::Indexed(Box::new(batch)));
    // Tags after quotations re-wrap paragraphs; the one at the top stays.
    assert_eq!(top(&app).1, before.1);
    let screen = screen_text(&app);
    assert!(screen.contains("—Jane Roe"), "{screen}");
}

//! Speaker tags in the reader: after the sentence (or paragraph) that holds
//! the quotation, never inside a sentence, and only where that sentence does
//! not name the speaker already. (Invented text.)

mod common;

use onrecord::index::Corpus;
use onrecord::ui::App;

/// A reader at 80 × 24 over one invented article, open in the reader.
fn reader_on(body: &str) -> App {
    let article = common::article_from(
        "harbour.txt",
        format!("Harbour board votes on the pier\n\n{body}"),
    );
    let mut app = App::new(Corpus::build(vec![article]), 80, 24);
    common::keys(&mut app, "<Enter>");
    app
}

/// The reading pane's text rows, trimmed.
fn reader_rows(app: &App) -> Vec<String> {
    let area = app.screen().reader.expect("a reader");
    let screen = common::screen_text(app);
    screen
        .lines()
        .skip(usize::from(area.y) + 1)
        .take(usize::from(area.height.saturating_sub(2)))
        .map(|line| {
            let inner: String = line
                .chars()
                .skip(usize::from(area.x) + 1)
                .take(usize::from(area.width.saturating_sub(2)))
                .collect();
            inner.trim_end().to_string()
        })
        .collect()
}

#[test]
fn the_tag_follows_the_sentence_that_holds_the_quotation() {
    let app = reader_on(
        "Jane Roe chairs the Harbour Board and has done so for a decade.\n\n\
         “We will rebuild the pier before winter,” she said on Tuesday, as the members \
         filed out of the long meeting. The vote was close.",
    );
    insta::assert_snapshot!(reader_rows(&app).join("\n"));
}

#[test]
fn no_tag_when_the_sentence_names_the_speaker() {
    let app = reader_on(
        "The board met on Tuesday.\n\n\
         “We will rebuild the pier before winter,” said Jane Roe, who chairs the board.\n\n\
         Roe has chaired it for a decade. “It is a promise,” Roe added.",
    );
    insta::assert_snapshot!(reader_rows(&app).join("\n"));
}

#[test]
fn a_quotation_over_several_paragraphs_gets_one_tag() {
    let app = reader_on(
        "Jane Roe chairs the Harbour Board. She told the meeting:\n\n\
         “The pier has stood for a century and it has served every one of us.\n\n\
         “Now it needs us, and we will not walk away from it.\n\n\
         “We will rebuild it before winter.”\n\n\
         The vote was close.",
    );
    insta::assert_snapshot!(reader_rows(&app).join("\n"));
}

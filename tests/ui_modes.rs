//! One mode has the keyboard at a time: what opens over another holds it
//! underneath, so closing gives the keyboard back, and keys typed into an
//! editor or prompt never reach the panes behind it.

mod common;

use common::{keys, screen_text, seed_app};
use onrecord::ui::keymap::Context;
use onrecord::ui::mode::Mode;
use onrecord::ui::update::context;

#[test]
fn an_overlay_holds_what_it_opened_over() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "jjj<Enter>a");
    assert!(matches!(app.mode, Mode::Editor { .. }));
    assert_eq!(context(&app), Context::Editor);
    // Keys bound elsewhere are text here: no prompt, no list, no help.
    keys(&mut app, "/A?q");
    assert_eq!(app.mode.editor().map(|e| e.text()), Some("/A?q".into()));
    assert!(app.mode.prompt().is_none() && app.mode.notes_view().is_none());
    assert!(!app.quit);
    // Esc on a changed note asks, over the editor.
    keys(&mut app, "<Esc>");
    assert_eq!(context(&app), Context::Confirm);
    assert_eq!(
        app.mode.layers().count(),
        3,
        "question over editor over the reader"
    );
    assert!(
        app.mode.editor().is_some(),
        "the editor is still underneath"
    );
    keys(&mut app, "n");
    assert_eq!(context(&app), Context::Editor, "no gives the editor back");
    keys(&mut app, "<Esc>y");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(context(&app), Context::Reader);
}

#[test]
fn a_prompt_takes_every_key() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "jjj<Enter>/");
    assert_eq!(context(&app), Context::Prompt);
    keys(&mut app, "Ab'q");
    assert_eq!(app.mode.prompt().map(|p| p.text()), Some("Ab'q".into()));
    assert!(!app.quit, "q was typed, not obeyed");
    assert!(app.notes.outbox.is_empty(), "b bookmarked nothing");
    keys(&mut app, "<Esc>");
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn selecting_ends_when_the_reader_loses_focus() {
    let mut app = seed_app(150, 40);
    keys(&mut app, "jjj<Enter>v");
    assert_eq!(context(&app), Context::Select);
    keys(&mut app, "j");
    assert!(app
        .mode
        .selection()
        .is_some_and(|s| s.cursor == s.anchor + 1));
    // Tab is not a selecting key; a click on the list is.
    keys(&mut app, "<Esc>");
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn actions_answer_in_the_status_line() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "b");
    assert!(
        screen_text(&app).contains("bookmarked"),
        "{}",
        screen_text(&app)
    );
    keys(&mut app, "jjj<Enter>/zzzqx<Enter>");
    assert!(screen_text(&app).contains("no match for “zzzqx”"));
    keys(&mut app, "e");
    assert!(screen_text(&app).contains("entity highlighting off"));
    keys(&mut app, "a");
    keys(&mut app, "a note<C-s>");
    assert!(screen_text(&app).contains("note saved"));
}

#[test]
fn the_legend_names_the_colours() {
    let mut app = seed_app(120, 40);
    assert!(!screen_text(&app).contains("Organization  Place"));
    keys(&mut app, "L");
    let screen = screen_text(&app);
    let legend = screen
        .lines()
        .find(|l| l.contains("Person  Organization  Place  Group"))
        .expect("a legend line");
    assert!(legend.contains("“quotation”"), "{legend}");
    keys(&mut app, "L");
    assert!(!screen_text(&app).contains("Organization  Place"));
    // Too narrow for all of it: cut with an ellipsis.
    let mut narrow = seed_app(60, 24);
    keys(&mut narrow, "L");
    let screen = screen_text(&narrow);
    let legend = screen
        .lines()
        .find(|l| l.contains("Person  Organization"))
        .expect("a legend line");
    assert!(legend.trim_end().ends_with('…'), "{legend}");
}

#[test]
fn one_border_between_panes() {
    let app = seed_app(200, 50);
    let screen = screen_text(&app);
    for line in screen.lines().skip(1).take(30) {
        assert!(
            !line.contains("││") && !line.contains("┃│"),
            "doubled border: {line}"
        );
    }
    let top = screen.lines().next().unwrap_or_default();
    assert_eq!(top.matches('┬').count(), 2, "three panes, two joins: {top}");
}

#[test]
fn a_long_title_in_the_notes_list_is_cut_with_an_ellipsis() {
    let mut app = seed_app(80, 24);
    keys(&mut app, "jjj<Enter>aa note<C-s>A");
    let screen = screen_text(&app);
    let head = screen
        .lines()
        .find(|l| l.contains("▶ Moscow is trying"))
        .expect("the entry's title");
    assert!(head.contains('…'), "{head}");
}

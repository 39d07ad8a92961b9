//! Snapshots of what a user sees, drawn with ratatui's TestBackend.

mod common;

use common::{draw, keys, screen_text, seed_app};
use onrecord::load::RawDoc;
use onrecord::ui::App;

#[test]
fn main_screen_120x40() {
    let app = seed_app(120, 40);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn main_screen_80x24() {
    let app = seed_app(80, 24);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn reading_pane_80x24() {
    let mut app = seed_app(80, 24);
    keys(&mut app, "jjjj<Enter>");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn help_overlay_80x24() {
    let mut app = seed_app(80, 24);
    keys(&mut app, "?");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn wide_characters_stay_aligned() {
    let raw = RawDoc { meta: Default::default(),
        path: "wide.txt".into(),
        bytes: "東京の記者会見\n\n首相は「これは重要な一歩だ」と述べた。Emoji 🇺🇦 and 👩‍🔬 sit in the line, and the border stays put. 日本語の文章が続きます。日本語の文章が続きます。\n".as_bytes().to_vec(),
    };
    let article = onrecord::clean::clean(&raw);
    let mut app = App::new(onrecord::index::Corpus::build(vec![article]), 60, 12);
    keys(&mut app, "<Enter>");
    let screen = screen_text(&app);
    for line in screen.lines() {
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(line),
            60,
            "row is not 60 columns wide: {line:?}"
        );
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn hostile_text_renders_inert() {
    let raw = RawDoc { meta: Default::default(),
        path: "evil\u{1b}[2J\u{202e}name.txt".into(),
        bytes: b"Title \x1b[2J\x1b]52;c;aGVsbG8=\x07here\n\nBody \x1b]8;;https://x.example/\x1b\\link\x1b]8;;\x1b\\ text \xe2\x80\xae reversed \xe2\x80\x8b and \x9b31m more.\n".to_vec(),
    };
    let article = onrecord::clean::clean(&raw);
    let mut app = App::new(onrecord::index::Corpus::build(vec![article]), 100, 20);
    keys(&mut app, "<Enter>");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        for c in cell.symbol().chars() {
            assert!(
                !c.is_control()
                    && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'),
                "{c:?} reached the screen"
            );
        }
    }
    let screen = screen_text(&app);
    assert!(screen.contains("link text"), "{screen}");
    assert!(screen.contains("Title here"));
}

#[test]
fn main_screen_200x50() {
    let mut app = seed_app(200, 50);
    keys(&mut app, "jjj<Enter>");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn help_overlay_120x40_and_200x50() {
    for (width, height) in [(120, 40), (200, 50)] {
        let mut app = seed_app(width, height);
        keys(&mut app, "?");
        let screen = screen_text(&app);
        // The help sizes to its content: no row cut without an ellipsis.
        assert!(screen.contains("What the colours mean"), "{screen}");
        insta::assert_snapshot!(format!("help_{width}x{height}"), screen);
    }
}

#[test]
fn quotes_panel_at_200_columns_shows_whole_quotations() {
    let mut app = seed_app(200, 50);
    // The article with Dara Massicot's long quotations; expand the first
    // speaker.
    keys(&mut app, "jjj<Enter><Tab><Enter>");
    let screen = screen_text(&app);
    insta::assert_snapshot!(draw(&app).backend());
    // Her longest quotation, whole, across several rows of the panel.
    for words in [
        "My guess is that Russia wants to keep the bases if it can",
        "limited mercenaries. What matters is whether the Syrian",
    ] {
        let first = words.split_whitespace().next().unwrap_or_default();
        assert!(
            screen.lines().any(|l| l.contains(first)),
            "{words:?} not in the panel:\n{screen}"
        );
    }
    assert!(
        screen
            .lines()
            .any(|l| l.contains("coalition will accept anything from them.”")),
        "the quotation ends, uncut:\n{screen}"
    );
}

#[test]
fn quotes_panel_80x24_and_120x40() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = seed_app(width, height);
        keys(&mut app, "jjj<Enter><Tab><Enter>");
        insta::assert_snapshot!(format!("panel_{width}x{height}"), screen_text(&app));
    }
}

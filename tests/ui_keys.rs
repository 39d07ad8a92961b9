//! The reader driven by key events through the keymap, as a user would.

mod common;

use std::collections::HashSet;

use common::{keys, screen_text, seed_app};
use onrecord::ui::keymap::{Context, BINDINGS};
use onrecord::ui::state::Pane;

#[test]
fn no_key_is_bound_twice_in_one_context() {
    let mut seen = HashSet::new();
    for binding in BINDINGS {
        for key in binding.keys {
            assert!(
                seen.insert((binding.context, *key)),
                "{:?} is bound twice in {:?}",
                key.label(),
                binding.context
            );
        }
    }
}

#[test]
fn pane_bindings_do_not_shadow_global_ones() {
    let global: HashSet<_> = BINDINGS
        .iter()
        .filter(|b| b.context == Context::Global)
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    for binding in BINDINGS
        .iter()
        .filter(|b| matches!(b.context, Context::List | Context::Reader))
    {
        for key in binding.keys {
            assert!(
                !global.contains(key),
                "{} shadows a global key",
                key.label()
            );
        }
    }
}

#[test]
fn open_scroll_to_end_back_and_quit() {
    let mut app = seed_app(80, 24);
    assert_eq!(app.focus, Pane::List);
    keys(&mut app, "jjj");
    assert_eq!(app.list.selected, 3);
    keys(&mut app, "<Enter>");
    assert_eq!(app.focus, Pane::Reader);
    assert!(screen_text(&app).contains(&app.corpus.articles[3].title[..20]));
    keys(&mut app, "G");
    let reader = app.reader.as_ref().expect("an open article");
    assert_eq!(reader.scroll, app.max_scroll());
    assert!(app.max_scroll() > 0, "the seed is longer than one screen");
    assert_eq!(app.percent(), 100);
    assert!(
        app.articles[3].read,
        "reaching the end marks the article read"
    );
    keys(&mut app, "gh");
    assert_eq!(app.focus, Pane::List);
    assert!(!app.quit);
    keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn paging_keys_move_by_pages() {
    let mut app = seed_app(80, 24);
    keys(&mut app, "<Enter><C-d>");
    let half = app.reader.as_ref().map(|r| r.scroll).unwrap_or(0);
    assert!(half >= 5, "Ctrl-d moves half a page, got {half}");
    keys(&mut app, "<C-u>");
    assert_eq!(app.reader.as_ref().map(|r| r.scroll), Some(0));
    keys(&mut app, "<PageDown>");
    assert!(app.reader.as_ref().map(|r| r.scroll).unwrap_or(0) > half);
    keys(&mut app, "<Home>");
    assert_eq!(app.reader.as_ref().map(|r| r.scroll), Some(0));
    keys(&mut app, "<End>");
    assert_eq!(
        app.reader.as_ref().map(|r| r.scroll),
        Some(app.max_scroll())
    );
}

#[test]
fn list_navigation_clamps_at_both_ends() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "kkk");
    assert_eq!(app.list.selected, 0);
    keys(&mut app, "G");
    assert_eq!(app.list.selected, app.corpus.articles.len() - 1);
    keys(&mut app, "jjj");
    assert_eq!(app.list.selected, app.corpus.articles.len() - 1);
    keys(&mut app, "g");
    assert_eq!(app.list.selected, 0);
}

#[test]
fn tab_switches_focus_and_help_toggles() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "<Tab>");
    assert_eq!(app.focus, Pane::Reader);
    keys(&mut app, "<Tab>");
    assert_eq!(app.focus, Pane::Panel);
    keys(&mut app, "<Tab>");
    assert_eq!(app.focus, Pane::List);
    keys(&mut app, "?");
    assert!(app.mode.help().is_some());
    // Keys go to the help overlay, not the list, while it is open.
    keys(&mut app, "jq");
    assert!(!app.quit);
    assert_eq!(app.list.selected, 0);
    assert!(app.mode.help().is_none(), "q closes the help");
}

#[test]
fn key_releases_do_nothing() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
    let mut app = seed_app(80, 24);
    let release = Event::Key(KeyEvent {
        code: KeyCode::Char('j'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    });
    assert_eq!(onrecord::ui::action_for(&app, &release), None);
    keys(&mut app, "j");
    assert_eq!(app.list.selected, 1);
}

#[test]
fn resizing_keeps_the_paragraph_at_the_top() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "<Enter><C-d><C-d>jj");
    let article = &app.corpus.articles[0];
    let reader = app.reader.as_ref().expect("open");
    let row = reader.layout.row(reader.scroll).expect("laid out");
    let top_offset = row.range.start;
    let top_text = article.text[row.range.clone()].to_string();
    onrecord::ui::update(
        &mut app,
        onrecord::ui::Action::Resize {
            width: 70,
            height: 30,
        },
    );
    let reader = app.reader.as_ref().expect("open");
    let row = reader.layout.row(reader.scroll).expect("laid out");
    assert!(
        row.range.start <= top_offset && top_offset < row.range.end.max(row.range.start + 1),
        "the text that was at the top ({top_text:?}) is still in the top row"
    );
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer() {
    use crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
    let mut app = seed_app(120, 40);
    let wheel = |column| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Over the reading pane: the article scrolls, the list stays.
    let action = onrecord::ui::action_for(&app, &wheel(80)).expect("wheel maps");
    onrecord::ui::update(&mut app, action);
    assert_eq!(app.reader.as_ref().map(|r| r.scroll), Some(3));
    assert_eq!(app.list.selected, 0);
    // Over the list: the selection moves.
    let action = onrecord::ui::action_for(&app, &wheel(5)).expect("wheel maps");
    onrecord::ui::update(&mut app, action);
    assert_eq!(app.list.selected, 3);
    // A click on the second list entry selects it.
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: 5,
        row: 3,
        modifiers: KeyModifiers::NONE,
    });
    let action = onrecord::ui::action_for(&app, &click).expect("click maps");
    onrecord::ui::update(&mut app, action);
    assert_eq!(app.list.selected, 1);
    keys(&mut app, "m");
    assert!(!app.mouse_capture);
}

#[test]
fn every_binding_is_on_the_help_screen() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "?");
    let mut help = String::new();
    for line in onrecord::ui::render::help_lines(&app.theme, &app.keymap) {
        for span in line.spans {
            help.push_str(&span.content);
        }
        help.push('\n');
    }
    for binding in BINDINGS {
        assert!(
            help.contains(binding.help),
            "{:?} missing from help",
            binding.help
        );
        for key in binding.keys {
            assert!(
                help.contains(&key.label()),
                "{} missing from help",
                key.label()
            );
        }
    }
}

#[test]
fn search_marks_every_match_and_n_steps_through_them() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "<Enter>/russia");
    // Every match in the body; the headline shows in the header instead.
    let article = &app.corpus.articles[0];
    let expected: usize = article
        .blocks
        .iter()
        .filter(|b| b.kind != onrecord::model::BlockKind::Title)
        .map(|b| {
            article
                .block_text(b)
                .to_lowercase()
                .matches("russia")
                .count()
        })
        .sum();
    assert!(expected > 5);
    let search = app.search.as_ref().expect("a search");
    assert_eq!(search.hits.len(), expected);
    keys(&mut app, "<Enter>");
    assert!(app.mode.prompt().is_none());
    assert_eq!(app.search.as_ref().map(|s| s.current), Some(Some(0)));
    keys(&mut app, "nnN");
    assert_eq!(app.search.as_ref().map(|s| s.current), Some(Some(1)));
    // Every hit on screen carries the hit style.
    let terminal = common::draw(&app);
    let buffer = terminal.backend().buffer();
    let styled = (0..buffer.area.height)
        .flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let cell = &buffer[(x, y)];
            cell.bg == app.theme.search_hit.bg.unwrap_or_default()
                || cell.bg == app.theme.search_current.bg.unwrap_or_default()
        })
        .count();
    let reader = app.reader.as_ref().expect("open");
    let visible_rows: Vec<_> = reader
        .layout
        .rows(reader.scroll, app.reader_height())
        .cloned()
        .collect();
    let on_screen = search_hits_on(&app, &visible_rows);
    assert_eq!(
        styled,
        on_screen * "russia".len(),
        "each visible hit is highlighted"
    );
    // Esc clears the search; a second Esc goes back to the list.
    keys(&mut app, "<Esc>");
    assert!(app.search.is_none());
    assert_eq!(app.focus, Pane::Reader);
    keys(&mut app, "<Esc>");
    assert_eq!(app.focus, Pane::List);
}

fn search_hits_on(app: &onrecord::ui::App, rows: &[onrecord::ui::wrap::Row]) -> usize {
    let search = app.search.as_ref().expect("search");
    search
        .hits
        .iter()
        .filter(|h| {
            rows.iter().any(|r| {
                r.source == onrecord::ui::wrap::Source::Body
                    && r.range.start <= h.start
                    && h.end <= r.range.end
            })
        })
        .count()
}

#[test]
fn cancelling_a_search_returns_to_where_reading_was() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "<Enter>jjj");
    let before = app.reader.as_ref().map(|r| r.scroll);
    keys(&mut app, "/Adesnik");
    assert_ne!(
        app.reader.as_ref().map(|r| r.scroll),
        before,
        "jumped to the hit"
    );
    keys(&mut app, "<Esc>");
    assert_eq!(app.reader.as_ref().map(|r| r.scroll), before);
    assert!(app.search.is_none());
}

#[test]
fn slash_in_the_list_filters_by_title() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "/secret talks");
    assert_eq!(app.list.visible, vec![4]);
    assert_eq!(app.reader.as_ref().map(|r| r.article), Some(4));
    keys(&mut app, "<Enter>");
    assert_eq!(app.list.filter.as_deref(), Some("secret talks"));
    assert!(screen_text(&app).contains("filter: secret talks"));
    keys(&mut app, "<Esc>");
    assert_eq!(app.list.visible.len(), 5);
    assert_eq!(app.selected_article(), Some(4), "the selection is kept");
}

#[test]
fn the_readme_lists_every_key() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = onrecord::ui::keymap::Keymap::default().markdown();
    assert!(
        readme.contains(&table),
        "README.md's key tables are out of date; put this between the key markers:\n\n{table}"
    );
}

#[test]
fn unfolding_the_set_aside_lines_at_the_end_shows_them() {
    let mut app = seed_app(80, 24);
    keys(&mut app, "jjjj<Enter>G");
    let before = app.reader.as_ref().map(|r| r.scroll).expect("open");
    keys(&mut app, "z");
    assert!(app.articles[4].set_aside_open);
    assert!(app.reader.as_ref().map(|r| r.scroll).expect("open") > before);
    assert!(screen_text(&app).contains("you may also like"));
    keys(&mut app, "z");
    assert!(!screen_text(&app).contains("you may also like"));
}

//! No sequence of keys, clicks, wheel turns and resizes panics the reader
//! or draws outside the screen.

mod common;

use std::sync::OnceLock;

use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use onrecord::index::Corpus;
use onrecord::ui::keymap::BINDINGS;
use onrecord::ui::{action_for, update, App};
use proptest::prelude::*;

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| Corpus::build(common::seed_articles()))
}

/// Any bound key, plus some typed characters and terminal events.
fn event() -> impl Strategy<Value = Event> {
    let keys: Vec<Event> = BINDINGS
        .iter()
        .flat_map(|b| b.keys.iter())
        .map(|k| common::press(k.code, k.modifiers))
        .collect();
    prop_oneof![
        6 => proptest::sample::select(keys),
        2 => proptest::char::any().prop_map(|c| common::press(
            crossterm::event::KeyCode::Char(c),
            KeyModifiers::NONE
        )),
        1 => (0u16..200, 0u16..60).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => (0u16..160, 0u16..50, 0u8..3).prop_map(|(column, row, kind)| {
            let kind = match kind {
                0 => MouseEventKind::ScrollDown,
                1 => MouseEventKind::ScrollUp,
                _ => MouseEventKind::Down(MouseButton::Left),
            };
            Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
        }),
        1 => ".{0,40}".prop_map(Event::Paste),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_input_is_safe(width in 0u16..180, height in 0u16..50, events in proptest::collection::vec(event(), 1..80)) {
        let corpus = corpus();
        let fresh = Corpus::new(corpus.articles.clone());
        let mut app = App::new(fresh, width, height);
        let analyses: Vec<_> = corpus.analyses.iter().enumerate()
            .filter_map(|(i, a)| a.clone().map(|a| (i, a)))
            .collect();
        for (step, event) in events.iter().enumerate() {
            if step == events.len() / 2 {
                // Analyses arrive midway, as they do off the UI thread.
                update(&mut app, onrecord::ui::Action::Analyzed(analyses.clone()));
            }
            if let Some(action) = action_for(&app, event) {
                update(&mut app, action);
            }
            if app.quit {
                break;
            }
            let _ = common::draw(&app);
            // Edits for the store are only queued, never lost.
            app.notes.outbox.clear();
        }
    }
}

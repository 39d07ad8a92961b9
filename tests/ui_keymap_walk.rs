//! Every row of the keymap table, dispatched in its context as a user
//! would press it: the help screen (made from the same table) says what
//! each key does where, so each key must reach its action there, and the
//! action must do something in that mode rather than fall through.

mod common;

use crossterm::event::{KeyCode, KeyModifiers};
use onrecord::ui::keymap::{Binding, Context, Key, BINDINGS};
use onrecord::ui::mode::Mode;
use onrecord::ui::notes::{Confirm, OnYes};
use onrecord::ui::update::context;
use onrecord::ui::{Action, App};

use common::{keys, press, screen_text, seed_app};

/// The event a terminal sends for `key`: Shift comes with capitals and
/// Shift-Tab, as terminals report it.
fn event_of(key: &Key) -> crossterm::event::Event {
    let mut modifiers = key.modifiers;
    match key.code {
        KeyCode::Char(c) if c.is_uppercase() => modifiers |= KeyModifiers::SHIFT,
        KeyCode::BackTab => modifiers |= KeyModifiers::SHIFT,
        _ => {}
    }
    press(key.code, modifiers)
}

/// The seed reader put in `context`, by keys where a user gets there by
/// keys; the feeds view (no subscriptions here) and the statement overlay
/// (the seeds share no quotation) are set directly.
fn app_in(context: Context) -> App {
    let mut app = seed_app(120, 40);
    match context {
        Context::Global | Context::List => {}
        Context::Reader => keys(&mut app, "<Enter>"),
        Context::Panel => keys(&mut app, "<Enter><Tab>"),
        Context::Select => keys(&mut app, "<Enter>v"),
        Context::Notes => keys(&mut app, "'"),
        Context::Editor => keys(&mut app, "<Enter>a"),
        Context::Confirm => {
            app.mode = Mode::Confirm {
                confirm: Confirm {
                    question: "Discard this note?".into(),
                    on_yes: OnYes::DiscardNote,
                },
                back: Box::new(Mode::Normal),
            }
        }
        // The speaker picker: its list takes ↑ and ↓ too.
        Context::Prompt => keys(&mut app, "S"),
        Context::Statement => {
            app.mode = Mode::Statement {
                view: Box::new(onrecord::index::StatementView {
                    id: String::new(),
                    reference: (0, 0),
                    versions: Vec::new(),
                    conflicting_speakers: false,
                }),
                scroll: 0,
                back: Box::new(Mode::Normal),
            }
        }
        Context::WhoQuotes => keys(&mut app, "W"),
        Context::Why => keys(&mut app, "<Enter>]w"),
        Context::Feeds => app.mode = Mode::Feeds { selected: 0 },
        Context::Help => keys(&mut app, "?"),
    }
    app
}

/// Where a context's bindings are pressed: the global ones in each pane,
/// which must not take them for something else.
fn pressed_in(binding: &Binding) -> Vec<Context> {
    match binding.context {
        Context::Global => vec![Context::List, Context::Reader, Context::Panel],
        other => vec![other],
    }
}

#[test]
fn every_key_reaches_its_action_in_its_context() {
    for binding in BINDINGS {
        for context_pressed in pressed_in(binding) {
            let app = app_in(context_pressed);
            assert_eq!(
                context(&app),
                context_pressed,
                "reaching {context_pressed:?}"
            );
            for key in binding.keys {
                assert_eq!(
                    onrecord::ui::action_for(&app, &event_of(key)),
                    Some(binding.action.clone()),
                    "{} in {context_pressed:?} should {:?} (help: {})",
                    key.label(),
                    binding.action,
                    binding.help
                );
            }
        }
    }
}

/// What a key can change that a user or the event loop sees.
fn seen(app: &App) -> String {
    format!(
        "{:?}|{:?}|{}|{:?}|{}|{}|{}|{}|{}|{:?}|{}|{}|{}\n{}",
        app.mode,
        app.focus,
        app.list.selected,
        app.reader
            .as_ref()
            .map(|r| (r.article, r.scroll, r.marked_quote)),
        app.panel.selected,
        app.quit,
        app.mouse_capture,
        app.clipboard_out.is_some(),
        app.export_out.is_some(),
        app.notes.outbox.len(),
        app.feeds.wanted,
        app.notices.len(),
        app.show_legend,
        screen_text(app)
    )
}

/// Bindings that, pressed first thing in the state [`app_in`] makes, have
/// nothing to do yet: already at the top or the first article, nothing to
/// clear, no warning, no search, no set-aside lines, an empty cell, no
/// feeds.
fn nothing_to_do_yet(context: Context, action: &Action) -> bool {
    use Action::*;
    matches!(
        (context, action),
        (_, DismissBanner | PrevArticle)
            | (
                Context::List | Context::Panel | Context::Help | Context::Notes,
                Up | Top | PageUp | HalfPageUp
            )
            | (Context::Reader, FindNext | FindPrev | ToggleSetAside)
            | (Context::WhoQuotes, Open)
            | (Context::Reader, Up | Top | PageUp | HalfPageUp | Back)
            | (Context::List, ClearFilters | Back)
            | (Context::Panel, ClearFilters | Back)
            | (Context::WhoQuotes, Up | Top | PageUp | ColumnLeft)
            | (Context::Statement, Up | Down)
            | (Context::Select | Context::Prompt, Up)
            | (
                Context::Notes,
                Down | Bottom | Open | EditNote | DeleteNote | PageDown
            )
            | (Context::Feeds, Up | Down)
    )
}

#[test]
fn every_key_does_something_in_its_context() {
    let mut silent = Vec::new();
    for binding in BINDINGS {
        for context_pressed in pressed_in(binding) {
            if nothing_to_do_yet(context_pressed, &binding.action) {
                continue;
            }
            let mut app = app_in(context_pressed);
            // A notice from getting here is not the key's.
            app.notices.clear();
            let before = seen(&app);
            let action = onrecord::ui::action_for(&app, &event_of(&binding.keys[0]));
            if let Some(action) = action {
                onrecord::ui::update(&mut app, action);
            }
            if seen(&app) == before {
                silent.push(format!(
                    "{} in {context_pressed:?} ({})",
                    binding.keys[0].label(),
                    binding.help
                ));
            }
        }
    }
    assert!(
        silent.is_empty(),
        "keys that did nothing:\n{}",
        silent.join("\n")
    );
}

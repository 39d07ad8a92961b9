//! `update`: applies an [`Action`] to the [`App`]. No I/O.

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use super::action::Action;
use super::find;
use super::keymap::{self, Context, Key};
use super::state::{App, Pane};

/// Lines one wheel notch scrolls.
const WHEEL_LINES: i16 = 3;

/// The keymap context for the current state.
pub fn context(app: &App) -> Context {
    if app.help.is_some() {
        Context::Help
    } else if app.prompt.is_some() {
        Context::Prompt
    } else {
        match app.focus {
            Pane::List => Context::List,
            Pane::Reader => Context::Reader,
        }
    }
}

/// Maps a terminal event to an action, through the keymap for keys.
/// Key releases and repeats of unbound keys map to nothing.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            let context = context(app);
            keymap::lookup(context, Key::from_event(key))
                .or_else(|| (context == Context::Prompt).then_some(Action::PromptInput(*key)))
        }
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Mouse(mouse) => {
            let pane = app.screen().pane_at(mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => pane.map(|pane| Action::Scroll {
                    pane,
                    lines: WHEEL_LINES,
                }),
                MouseEventKind::ScrollUp => pane.map(|pane| Action::Scroll {
                    pane,
                    lines: -WHEEL_LINES,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                    column: mouse.column,
                    row: mouse.row,
                }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    if let Some(scroll) = app.help {
        let most = super::render::help_lines(&app.theme).len();
        match action {
            Action::ToggleHelp => app.help = None,
            Action::Down => app.help = Some((scroll + 1).min(most)),
            Action::Up => app.help = Some(scroll.saturating_sub(1)),
            Action::Resize { .. } => resize(app, action),
            _ => {}
        }
        return;
    }
    if app.prompt.is_some() {
        match action {
            Action::PromptAccept => find::accept(app),
            Action::PromptCancel => find::cancel(app),
            Action::PromptInput(key) => find::input(app, key),
            Action::Paste(text) => find::paste(app, &text),
            Action::Resize { .. } => resize(app, action),
            _ => {}
        }
        return;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::ToggleHelp => app.help = Some(0),
        Action::FocusNext => {
            let next = match app.focus {
                Pane::List => Pane::Reader,
                Pane::Reader => Pane::List,
            };
            focus(app, next);
        }
        Action::ToggleMouseCapture => app.mouse_capture = !app.mouse_capture,
        Action::Open => focus(app, Pane::Reader),
        Action::Back => focus(app, Pane::List),
        Action::Find => find::open(app),
        Action::FindNext => find::step(app, true),
        Action::FindPrev => find::step(app, false),
        Action::ClearFilters => match app.focus {
            Pane::Reader if app.search.is_some() => app.search = None,
            Pane::Reader => focus(app, Pane::List),
            Pane::List => {
                app.list.filter = None;
                app.refilter();
            }
        },
        Action::PromptAccept | Action::PromptCancel | Action::PromptInput(_) | Action::Paste(_) => {
        }
        Action::NextArticle => app.select(app.list.selected.saturating_add(1)),
        Action::PrevArticle => app.select(app.list.selected.saturating_sub(1)),
        Action::ToggleSetAside => {
            if let Some(index) = app.reader.as_ref().map(|r| r.article) {
                if let Some(open) = app.set_aside_open.get_mut(index) {
                    *open = !*open;
                }
                app.relayout();
            }
        }
        Action::Resize { .. } => resize(app, action),
        Action::Scroll { pane, lines } => match pane {
            Pane::List => move_list(app, isize::from(lines)),
            Pane::Reader => move_reader(app, isize::from(lines)),
        },
        Action::Click { column, row } => click(app, column, row),
        Action::Down
        | Action::Up
        | Action::HalfPageDown
        | Action::HalfPageUp
        | Action::PageDown
        | Action::PageUp
        | Action::Top
        | Action::Bottom => navigate(app, action),
    }
}

fn focus(app: &mut App, pane: Pane) {
    if pane == Pane::Reader && app.reader.is_none() {
        return;
    }
    let width_before = app.reader_width();
    app.focus = pane;
    if app.reader_width() != width_before {
        app.relayout();
    }
    app.keep_selection_visible();
    app.mark_read_if_at_end();
}

fn resize(app: &mut App, action: Action) {
    if let Action::Resize { width, height } = action {
        app.size.width = width;
        app.size.height = height;
        app.relayout();
        app.keep_selection_visible();
    }
}

fn navigate(app: &mut App, action: Action) {
    let (page, to_end) = match app.focus {
        Pane::List => (app.list_height() as isize, app.list.visible.len() as isize),
        Pane::Reader => (app.reader_height() as isize, app.max_scroll() as isize),
    };
    let delta = match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::HalfPageDown => (page / 2).max(1),
        Action::HalfPageUp => -(page / 2).max(1),
        Action::PageDown => (page - 1).max(1),
        Action::PageUp => -(page - 1).max(1),
        Action::Top => isize::MIN / 2,
        Action::Bottom => to_end.max(1).saturating_mul(2),
        _ => 0,
    };
    match app.focus {
        Pane::List => move_list(app, delta),
        Pane::Reader => move_reader(app, delta),
    }
}

fn move_list(app: &mut App, delta: isize) {
    let target = app.list.selected as isize + delta;
    app.select(target.max(0) as usize);
}

fn move_reader(app: &mut App, delta: isize) {
    let Some(reader) = &app.reader else { return };
    let target = (reader.scroll as isize).saturating_add(delta).max(0) as usize;
    app.scroll_reader_to(target);
}

fn click(app: &mut App, column: u16, row: u16) {
    let screen = app.screen();
    match screen.pane_at(column, row) {
        Some(Pane::List) => {
            let Some(list) = screen.list else { return };
            let inner = super::geometry::inner(list);
            if row < inner.y || row >= inner.y + inner.height {
                focus(app, Pane::List);
                return;
            }
            let index = app.list.offset + usize::from((row - inner.y) / 2);
            focus(app, Pane::List);
            if index < app.list.visible.len() {
                app.select(index);
            }
        }
        Some(Pane::Reader) => focus(app, Pane::Reader),
        None => {}
    }
}

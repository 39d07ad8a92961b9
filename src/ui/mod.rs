//! The terminal reader, in the manner of The Elm Architecture: terminal
//! events become [`Action`]s through the one [`keymap`]; [`update`] changes
//! the [`App`]; [`render`] draws it. Only [`run`] does I/O.

pub mod action;
pub mod decor;
pub mod geometry;
pub mod highlight;
pub mod keymap;
pub mod mode;
pub mod notes;
pub mod notes_view;
pub mod pane;
pub mod panel;
pub mod render;
pub mod search;
pub mod state;
pub mod sync;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod worker;
pub mod wrap;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crossterm::event;

pub use action::Action;
pub use render::render;
pub use state::App;
pub use update::{action_for, update};

/// How long the loop waits for an event before checking for signals.
const POLL: Duration = Duration::from_millis(200);
/// … and while analyses are still arriving.
const POLL_ANALYZING: Duration = Duration::from_millis(40);

/// How long the reader must be idle before its reading position is stored.
const IDLE_SAVE: Duration = Duration::from_millis(1500);
/// How often waiting edits are tried again.
const RETRY_EVERY: Duration = Duration::from_secs(3);

/// Runs the reader until the user quits or a termination signal arrives.
/// The terminal is restored on every way out. `notes` is the store, when
/// there is one; the returned lines are for stderr after the terminal is
/// restored.
pub fn run(mut app: App, notes: Option<sync::NotesSync>) -> anyhow::Result<Vec<String>> {
    let mut notes = notes;
    if let Some(sync) = &mut notes {
        app.notices.extend(sync.warnings());
        let (snapshot, positions) = sync.load(&app.keys(), &app.corpus.articles);
        update(&mut app, Action::Notes(Box::new(snapshot)));
        update(&mut app, Action::Positions(positions));
    }
    let result = event_loop(&mut app, notes.as_mut());
    terminal::left_event_loop();
    // Whatever happened, store what can be stored.
    app.queue_position_edits();
    let mut lines = Vec::new();
    if let Some(mut sync) = notes {
        let edits = std::mem::take(&mut app.notes.outbox);
        if !edits.is_empty() {
            sync.apply(edits);
        }
        lines = sync.finish();
    }
    result.map(|()| lines)
}

fn event_loop(app: &mut App, mut notes: Option<&mut sync::NotesSync>) -> anyhow::Result<()> {
    let terminate = terminal::termination_flag()?;
    let mut guard = terminal::TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut feed = (!app.corpus.is_complete()).then(|| {
        worker::AnalysisFeed::start(
            app.corpus.articles.clone(),
            app.selected_article().unwrap_or(0),
        )
    });
    let mut last_input = Instant::now();
    let mut last_retry = Instant::now();
    let mut idle_saved = true;
    while !app.quit {
        if let Some(sync) = notes.as_deref_mut() {
            if !idle_saved && last_input.elapsed() >= IDLE_SAVE {
                app.queue_position_edits();
                idle_saved = true;
            }
            let edits = std::mem::take(&mut app.notes.outbox);
            if !edits.is_empty() {
                let snapshot = sync.apply(edits);
                update(app, Action::Notes(Box::new(snapshot)));
            } else if sync.has_pending() && last_retry.elapsed() >= RETRY_EVERY {
                last_retry = Instant::now();
                if let Some(snapshot) = sync.retry() {
                    update(app, Action::Notes(Box::new(snapshot)));
                }
            }
        }
        guard.set_mouse_capture(app.mouse_capture)?;
        guard.terminal.draw(|frame| render(app, frame))?;
        if terminate.load(Ordering::Relaxed) {
            log::info!("terminated by signal");
            break;
        }
        let timeout = match &mut feed {
            Some(feed) if feed.pending() => {
                let batch = feed.drain();
                if !batch.is_empty() {
                    update(app, Action::Analyzed(batch));
                    continue;
                }
                POLL_ANALYZING
            }
            _ => POLL,
        };
        if !event::poll(timeout)? {
            continue;
        }
        // Drain what is queued so a burst of wheel events draws once.
        loop {
            let event = event::read()?;
            if let Some(action) = action_for(app, &event) {
                update(app, action);
            }
            last_input = Instant::now();
            idle_saved = false;
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    drop(guard);
    Ok(())
}

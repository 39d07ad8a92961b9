//! The terminal reader, in the manner of The Elm Architecture: terminal
//! events become [`Action`]s through the one [`keymap`]; [`update`] changes
//! the [`App`]; [`render`] draws it. Only [`run`] does I/O.

pub mod action;
pub mod decor;
pub mod find;
pub mod geometry;
pub mod highlight;
pub mod keymap;
pub mod panel;
pub mod render;
pub mod search;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod worker;
pub mod wrap;

use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event;

pub use action::Action;
pub use render::render;
pub use state::App;
pub use update::{action_for, update};

/// How long the loop waits for an event before checking for signals.
const POLL: Duration = Duration::from_millis(200);
/// … and while analyses are still arriving.
const POLL_ANALYZING: Duration = Duration::from_millis(40);

/// Runs the reader until the user quits or a termination signal arrives.
/// The terminal is restored on every way out.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let terminate = terminal::termination_flag()?;
    let mut guard = terminal::TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    update(
        &mut app,
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
    while !app.quit {
        guard.set_mouse_capture(app.mouse_capture)?;
        guard.terminal.draw(|frame| render(&app, frame))?;
        if terminate.load(Ordering::Relaxed) {
            log::info!("terminated by signal");
            break;
        }
        let timeout = match &mut feed {
            Some(feed) if feed.pending() => {
                let batch = feed.drain();
                if !batch.is_empty() {
                    update(&mut app, Action::Analyzed(batch));
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
            if let Some(action) = action_for(&app, &event) {
                update(&mut app, action);
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    drop(guard);
    Ok(())
}

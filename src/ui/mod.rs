//! The terminal reader, in the manner of The Elm Architecture: terminal
//! events become [`Action`]s through the one [`keymap`]; [`update`] changes
//! the [`App`]; [`render`] draws it. Only [`run`] does I/O.

pub mod action;
pub mod clipboard;
pub mod decor;
pub mod export;
pub mod feeds;
pub mod geometry;
pub mod highlight;
pub mod keymap;
pub mod mode;
pub mod notes;
pub mod pane;
pub mod panel;
pub mod render;
pub mod search;
pub mod state;
pub mod sync;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod whoquotes;
pub mod why;
pub mod worker;
pub mod wrap;

use std::io::Write;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crossterm::event;

use crate::store;

pub use action::Action;
pub use render::render;
pub use state::App;
pub use update::{action_for, update};

/// How long the loop waits for an event before checking for signals and
/// timers. Waking draws nothing unless something changed.
const POLL: Duration = Duration::from_millis(250);
/// … when no timer is due and nothing runs in the background: only a
/// termination signal is waited for (well within the watchdog's grace).
const POLL_QUIET: Duration = Duration::from_secs(1);
/// … and while analyses are still arriving.
const POLL_ANALYZING: Duration = Duration::from_millis(25);

/// The longest stretch of laying out a long article between two looks at
/// the keyboard.
const CATCH_UP_SLICE: Duration = Duration::from_millis(8);
/// How often the screen follows that layout.
const CATCH_UP_DRAW_EVERY: Duration = Duration::from_millis(250);

/// How long the reader must be idle before its reading position is stored.
const IDLE_SAVE: Duration = Duration::from_millis(1500);
/// How often waiting edits are tried again.
const RETRY_EVERY: Duration = Duration::from_secs(3);

/// How the reader ended.
#[derive(Debug, Default)]
pub struct Exit {
    /// Lines for stderr, once the terminal is restored.
    pub lines: Vec<String>,
    /// The signal that ended it, if one did (exit with 128 + it).
    pub signal: Option<i32>,
}

/// What the watchdog saves if the event loop is stuck after a signal: the
/// edits not yet in the store, the open editor's draft included. The loop
/// refreshes it after every change.
type Unsaved = std::sync::Arc<std::sync::Mutex<Vec<store::Edit>>>;

/// Runs the reader until the user quits or a termination signal arrives.
/// The terminal is restored on every way out, and every edit (the open
/// editor's draft too) reaches the store or a rescue file. `notes` is the
/// store, when there is one; `loading` what to read in the background.
pub fn run(
    mut app: App,
    notes: Option<sync::NotesSync>,
    loading: worker::Loading,
) -> anyhow::Result<Exit> {
    let mut notes = notes;
    if let Some(sync) = &mut notes {
        app.notices.extend(sync.warnings());
        app.banner = sync.damage_banner();
        let (snapshot, positions) = sync.load(&app.keys());
        update(&mut app, Action::Notes(Box::new(snapshot)));
        update(&mut app, Action::Positions(positions));
        let states = sync.read_states(&app.keys());
        update(&mut app, Action::ReadStates(states));
        if let Some(file) = sync.rescue_files().into_iter().next() {
            update::offer_rescue(&mut app, file);
        }
    }
    let unsaved: Unsaved = Default::default();
    let data_dir = notes.as_ref().map(sync::NotesSync::data_dir);
    let watched = std::sync::Arc::clone(&unsaved);
    let terminate = terminal::termination_flag(move |_signal| {
        let edits = match watched.lock() {
            Ok(edits) => edits.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        if let Some(dir) = data_dir {
            for line in sync::save_or_rescue(&dir, edits) {
                log::warn!("{line}");
                let _ = writeln!(std::io::stderr(), "onrecord: {line}");
            }
        }
    })?;
    let result = event_loop(&mut app, notes.as_mut(), loading, &terminate, &unsaved);
    terminal::left_event_loop();
    // Whatever happened, store what can be stored: the draft being
    // written, the reading positions, every waiting edit.
    update::keep_draft(&mut app);
    app.queue_position_edits();
    let mut exit = Exit::default();
    if let Some(mut sync) = notes {
        let edits = std::mem::take(&mut app.notes.outbox);
        if !edits.is_empty() {
            sync.apply(edits);
        }
        exit.lines = sync.finish();
    }
    let signal = terminate.load(Ordering::SeqCst);
    exit.signal = (signal != 0).then_some(signal);
    result.map(|()| exit)
}

/// Starts the refresh the reader asked for, and passes on what a running
/// one sends. True when something changed on screen.
fn follow_refresh(
    app: &mut App,
    refresh: &mut Option<feeds::Refresh>,
    notes: Option<&mut sync::NotesSync>,
) -> bool {
    let mut changed = false;
    if app.feeds.wanted && refresh.is_none() {
        app.feeds.wanted = false;
        let known = app.corpus.articles.iter().map(|a| a.path.clone()).collect();
        let urls = app.feeds.urls();
        app.feeds.progress = Some(feeds::Progress {
            total: urls.len(),
            ..feeds::Progress::default()
        });
        log::info!("refreshing {} feeds", urls.len());
        *refresh = Some(feeds::Refresh::start(
            urls,
            app.feeds.cache_dir.clone(),
            known,
        ));
        changed = true;
    }
    let Some(running) = refresh.as_mut() else {
        return changed;
    };
    let mut notes = notes;
    match running.poll() {
        Some(events) => {
            for event in events {
                changed = true;
                match event {
                    feeds::RefreshEvent::Progress(p) => update(app, Action::FeedsProgress(p)),
                    feeds::RefreshEvent::Done(done) => {
                        log::info!(
                            "feeds refreshed in {:.1} s: {} new articles",
                            done.seconds,
                            done.articles.len()
                        );
                        refreshed(app, done, notes.as_deref_mut());
                    }
                }
            }
        }
        None => {
            *refresh = None;
            // Ended without its result (the thread is gone).
            if app.feeds.progress.take().is_some() {
                app.notify("the refresh stopped before it was done (see the log)");
                changed = true;
            }
        }
    }
    changed
}

/// A finished refresh: its new articles join the reader with the read
/// marks the store has for them (`notes`, when there is a store).
pub fn refreshed(app: &mut App, done: Box<feeds::Refreshed>, notes: Option<&mut sync::NotesSync>) {
    let first = app.articles.len();
    update(app, Action::FeedsRefreshed(done));
    if let Some(sync) = notes.filter(|_| app.articles.len() > first) {
        let keys: Vec<store::ArticleKey> = app.articles[first..]
            .iter()
            .map(|a| a.key.clone())
            .collect();
        let states = sync.read_states(&keys);
        app.set_read_marks(first, &states.read);
    }
}

/// What the worker is to do with the articles a refresh added (from
/// `from` on): analyze them, link them with `speakers` (those of the
/// articles before), and remember them in `cache` under the keys the
/// refresh gave them, so the next start extracts nothing again.
pub fn added_loading(
    app: &mut App,
    from: usize,
    cache: Option<crate::cache::Cache>,
    speakers: Option<crate::index::SpeakerIndex>,
) -> worker::Loading {
    let read = (from..app.corpus.articles.len())
        .map(|i| {
            let article = app.corpus.articles[i].clone();
            let key = app.feeds.take_body_key(&article.path);
            (i, article, key)
        })
        .collect();
    worker::Loading {
        read,
        speakers,
        cross: Some(app.corpus.cross_index()),
        cache,
        ..worker::Loading::default()
    }
}

/// Articles read in the background (`read_in`, by index) have their keys'
/// text hashes now: the notes and marks of files that moved to them follow
/// them (at start-up their text, and so their moves, were unknown).
pub fn arrived(app: &mut App, read_in: &[usize], notes: Option<&mut sync::NotesSync>) {
    let Some(sync) = notes else { return };
    let keys: Vec<store::ArticleKey> = read_in
        .iter()
        .filter_map(|&i| app.articles.get(i))
        .map(|a| a.key.clone())
        .collect();
    if let Some((snapshot, states)) = sync.arrived(&keys) {
        update(app, Action::Notes(Box::new(snapshot)));
        for found in states.read {
            if let Some(&article) = read_in.get(found) {
                app.set_read_marks(article, &[0]);
            }
        }
    }
}

/// Refreshes what the watchdog would save.
fn note_unsaved(unsaved: &Unsaved, app: &App, notes: Option<&sync::NotesSync>) {
    let mut edits: Vec<store::Edit> = notes
        .map(|sync| sync.pending_edits().cloned().collect())
        .unwrap_or_default();
    edits.extend(app.notes.outbox.iter().cloned());
    edits.extend(update::draft_edit(app));
    if let Ok(mut shared) = unsaved.lock() {
        *shared = edits;
    }
}

fn event_loop(
    app: &mut App,
    mut notes: Option<&mut sync::NotesSync>,
    loading: worker::Loading,
    terminate: &terminal::TerminationFlag,
    unsaved: &Unsaved,
) -> anyhow::Result<()> {
    let mut guard = terminal::TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    // Started once the first frame is drawn: on two cores the readers
    // would take the time the first frame needs.
    // Articles a refresh brings are remembered in the same cache.
    let cache = loading.cache.clone();
    let mut loading = (!loading.sources.is_empty()).then_some(loading);
    let mut feed: Option<worker::AnalysisFeed> = None;
    // A refresh of the feeds under way.
    let mut refresh: Option<feeds::Refresh> = None;
    let mut last_input = Instant::now();
    let mut last_retry = Instant::now();
    let mut idle_saved = true;
    // Draw only on a change: idle, the reader costs nothing.
    let mut dirty = true;
    let mut last_catch_up_draw = Instant::now();
    while !app.quit {
        if let Some(sync) = notes.as_deref_mut() {
            for file in std::mem::take(&mut app.notes.rescue_imports) {
                let said = sync.import_rescue(&file);
                app.notify(said);
                let snapshot = sync.apply(Vec::new());
                update(app, Action::Notes(Box::new(snapshot)));
                dirty = true;
            }
            if !idle_saved && last_input.elapsed() >= IDLE_SAVE {
                app.queue_position_edits();
                idle_saved = true;
            }
            let edits = std::mem::take(&mut app.notes.outbox);
            if !edits.is_empty() {
                let snapshot = sync.apply(edits);
                update(app, Action::Notes(Box::new(snapshot)));
                note_unsaved(unsaved, app, Some(sync));
                dirty = true;
            } else if sync.has_pending() && last_retry.elapsed() >= RETRY_EVERY {
                last_retry = Instant::now();
                if let Some(snapshot) = sync.retry() {
                    update(app, Action::Notes(Box::new(snapshot)));
                    note_unsaved(unsaved, app, Some(sync));
                    dirty = true;
                }
            }
        }
        if let Some(export) = app.export_out.take() {
            let dir =
                export::export_dir(notes.as_deref().map(sync::NotesSync::data_dir).as_deref());
            let said = match export::write(&dir, &export) {
                // Where first: it is what a narrow status line keeps.
                Ok(path) => format!(
                    "wrote {} ({} quotation{} of {})",
                    export::home_relative(&path, std::env::var_os("HOME").as_deref()),
                    export.count,
                    if export.count == 1 { "" } else { "s" },
                    export.speaker,
                ),
                Err(e) => format!("could not write {}: {e}", dir.display()),
            };
            log::info!("{said}");
            app.notify(crate::clean::sanitize::for_display(&said));
            dirty = true;
        }
        if let Some(text) = app.clipboard_out.take() {
            use std::io::Write;
            let backend = guard.terminal.backend_mut();
            backend.write_all(clipboard::osc52(&text).as_bytes())?;
            backend.flush()?;
        }
        if dirty {
            guard.set_mouse_capture(app.mouse_capture)?;
            guard.terminal.draw(|frame| render(app, frame))?;
            dirty = false;
            if let Some(loading) = loading.take() {
                let first = app.reader.as_ref().map_or(0, |r| r.article);
                feed = Some(worker::AnalysisFeed::start(loading, first));
            }
        }
        if terminate.load(Ordering::Relaxed) != 0 {
            log::info!("terminated by signal");
            break;
        }
        dirty |= follow_refresh(app, &mut refresh, notes.as_deref_mut());
        // Articles a refresh added are analyzed once the files are in, alone,
        // and linked with the speakers the last feed ended with.
        let reading = loading.is_some() || feed.as_ref().is_some_and(|f| f.pending());
        if !reading {
            if let Some(from) = app.unanalyzed_from.take() {
                let speakers = feed.as_mut().and_then(worker::AnalysisFeed::finish);
                let loading = added_loading(app, from, cache.clone(), speakers);
                let first = app.reader.as_ref().map_or(from, |r| r.article);
                feed = Some(worker::AnalysisFeed::start(loading, first));
            }
        }
        let analyzing =
            feed.as_ref().is_some_and(worker::AnalysisFeed::pending) || refresh.is_some();
        let laying_out = app.layout_pending();
        let retrying = notes.as_deref().is_some_and(sync::NotesSync::has_pending);
        let timeout = match (laying_out, analyzing) {
            (true, _) => Duration::ZERO,
            (false, true) => POLL_ANALYZING,
            (false, false) if retrying => POLL,
            // The reading position is stored once the reader rests.
            (false, false) if !idle_saved => IDLE_SAVE
                .saturating_sub(last_input.elapsed())
                .clamp(Duration::from_millis(10), POLL_QUIET),
            (false, false) => POLL_QUIET,
        };
        // Input first, every turn: a batch never makes a key wait.
        if event::poll(timeout)? {
            // Drain what is queued so a burst of wheel events draws once.
            loop {
                let event = event::read()?;
                if let Some(action) = action_for(app, &event) {
                    update(app, action);
                }
                last_input = Instant::now();
                idle_saved = false;
                dirty = true;
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if app.quit {
            break;
        }
        if let Some(feed) = feed.as_mut().filter(|f| f.pending()) {
            if let Some(batch) = feed.drain() {
                let read_in: Vec<usize> = batch.loaded.iter().map(|(i, _)| *i).collect();
                update(app, Action::Indexed(Box::new(batch)));
                arrived(app, &read_in, notes.as_deref_mut());
                dirty = true;
            }
            // The status line's progress ends when the feed does.
            dirty |= !feed.pending();
        }
        if laying_out {
            // The rest of a long article is wrapped while nothing else is
            // to do, so the scrollbar and percentage become exact.
            let more = app.lay_out_more(CATCH_UP_SLICE);
            if !more || last_catch_up_draw.elapsed() >= CATCH_UP_DRAW_EVERY {
                last_catch_up_draw = Instant::now();
                dirty = true;
            }
        }
        note_unsaved(unsaved, app, notes.as_deref());
    }
    // Tell the workers to stop before the terminal is given back.
    drop(feed);
    drop(refresh);
    drop(guard);
    Ok(())
}

//! Entering and leaving the terminal's full-screen mode, so that every exit
//! path (quit, error, panic, SIGTERM) leaves the terminal as it was.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

/// Whether the terminal is currently in full-screen mode; the panic hook
/// and `Drop` both restore, and only the first does anything.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The terminal in full-screen mode; restores it when dropped.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
    mouse: bool,
}

impl TerminalGuard {
    /// Enters raw mode, the alternate screen, mouse capture and bracketed
    /// paste, and installs a panic hook that leaves them first.
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let mut stdout = io::stdout();
        if let Err(e) = execute!(
            stdout,
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        ) {
            restore();
            return Err(e);
        }
        let terminal = match Terminal::new(CrosstermBackend::new(stdout)) {
            Ok(t) => t,
            Err(e) => {
                restore();
                return Err(e);
            }
        };
        Ok(TerminalGuard {
            terminal,
            mouse: true,
        })
    }

    /// Turns mouse capture on or off (off lets the terminal select text).
    pub fn set_mouse_capture(&mut self, on: bool) -> io::Result<()> {
        if on == self.mouse {
            return Ok(());
        }
        let out = self.terminal.backend_mut();
        if on {
            execute!(out, EnableMouseCapture)?;
        } else {
            execute!(out, DisableMouseCapture)?;
        }
        self.mouse = on;
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves full-screen mode if it is on. Safe to call more than once.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut stdout = io::stdout();
    // Each step is tried even if an earlier one failed.
    let _ = execute!(stdout, DisableBracketedPaste);
    let _ = execute!(stdout, DisableMouseCapture);
    let _ = execute!(stdout, LeaveAlternateScreen);
    let _ = execute!(stdout, cursor::Show);
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        log::error!("panic: {info}");
        previous(info);
    }));
}

/// How long a signalled reader gets to leave by the normal path before it
/// is made to exit.
const GRACE: Duration = Duration::from_secs(2);

/// Set once the event loop has returned, so the watchdog stands down.
static LEFT_LOOP: AtomicBool = AtomicBool::new(false);

/// Tells the watchdog that the event loop has returned.
pub fn left_event_loop() {
    LEFT_LOOP.store(true, Ordering::SeqCst);
}

/// A flag raised by SIGTERM, SIGHUP or SIGINT, which the event loop polls so
/// it can leave through the normal, restoring path.
///
/// A watchdog thread raises it. When the terminal has gone away (SIGHUP
/// from a closed window), crossterm 0.28 can spin in its read loop and never
/// return to the event loop; if the loop has not left within [`GRACE`], the
/// watchdog restores what it can and exits the process. Every edit is
/// already committed to the store by then, so nothing is lost but the last
/// second of reading position.
pub fn termination_flag() -> io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let flag = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let raised = Arc::clone(&flag);
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let Some(signal) = signals.forever().next() else {
                return;
            };
            log::info!("signal {signal}: leaving");
            raised.store(true, Ordering::SeqCst);
            let deadline = std::time::Instant::now() + GRACE;
            while std::time::Instant::now() < deadline {
                if LEFT_LOOP.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            log::warn!("the event loop did not leave after signal {signal}; exiting");
            restore();
            std::process::exit(128 + signal);
        })?;
    Ok(flag)
}

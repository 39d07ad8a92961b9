//! Entering and leaving the terminal's full-screen mode, so that every exit
//! path (quit, error, panic, SIGTERM) leaves the terminal as it was.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::Terminal;

use crate::clean::sanitize;

/// Whether the terminal is currently in full-screen mode; the panic hook
/// and `Drop` both restore, and only the first does anything.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// A backend that lets no control character, escape sequence or bidi
/// control reach the terminal: the last line of defence at the terminal
/// boundary, whatever a widget was given (a pasted escape in the editor, a
/// note stored before notes were sanitized on entry). Cells are checked as
/// ratatui flushes them, so the cost is per changed cell, not per article.
#[derive(Debug)]
pub struct InertBackend<B> {
    inner: B,
}

impl<B> InertBackend<B> {
    pub fn new(inner: B) -> Self {
        InertBackend { inner }
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }

    pub fn inner_mut(&mut self) -> &mut B {
        &mut self.inner
    }
}

impl<B: Backend> Backend for InertBackend<B> {
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, Cell)> = content
            .map(|(x, y, cell)| {
                let mut cell = cell.clone();
                if !sanitize::is_inert_line(cell.symbol()) {
                    let inert = sanitize::for_display(cell.symbol());
                    cell.set_symbol(if inert.is_empty() { " " } else { &inert });
                }
                (x, y, cell)
            })
            .collect();
        self.inner
            .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<B: Write> Write for InertBackend<B> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

/// The terminal in full-screen mode; restores it when dropped.
pub struct TerminalGuard {
    pub terminal: Terminal<InertBackend<CrosstermBackend<Stdout>>>,
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
        let terminal = match Terminal::new(InertBackend::new(CrosstermBackend::new(stdout))) {
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

/// The signal that asked the reader to leave (SIGTERM, SIGHUP or SIGINT),
/// 0 while none has; the event loop polls it so it can leave through the
/// normal path, which saves everything and restores the terminal.
pub type TerminationFlag = Arc<AtomicI32>;

/// Starts the thread that raises the [`TerminationFlag`] on SIGTERM,
/// SIGHUP or SIGINT.
///
/// When the terminal has gone away (SIGHUP from a closed window), crossterm
/// 0.28 can spin in its read loop and never return to the event loop. If
/// the loop has not left within [`GRACE`], the watchdog calls `last_words`
/// (which saves what is unsaved: to the store, else to a rescue file),
/// restores what it can and exits with status 128 + the signal.
pub fn termination_flag(
    last_words: impl FnOnce(i32) + Send + 'static,
) -> io::Result<TerminationFlag> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let flag = Arc::new(AtomicI32::new(0));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let raised = Arc::clone(&flag);
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let Some(signal) = signals.forever().next() else {
                return;
            };
            log::info!("signal {signal}: leaving");
            raised.store(signal, Ordering::SeqCst);
            let deadline = std::time::Instant::now() + GRACE;
            while std::time::Instant::now() < deadline {
                if LEFT_LOOP.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            log::warn!("the event loop did not leave after signal {signal}; exiting");
            last_words(signal);
            restore();
            std::process::exit(128 + signal);
        })?;
    Ok(flag)
}

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;

    use super::*;

    #[test]
    fn no_escape_reaches_the_backend() {
        let hostile = "a\u{1b}]0;title\u{7}b\u{1b}[2Jc\u{9b}31md\u{202e}e\u{1b}[?1049l";
        let mut terminal = Terminal::new(InertBackend::new(TestBackend::new(40, 2))).unwrap();
        terminal
            .draw(|frame| frame.render_widget(Paragraph::new(hostile), frame.area()))
            .unwrap();
        let buffer = terminal.backend().inner().buffer();
        let shown: String = buffer.content.iter().map(|c| c.symbol()).collect();
        assert!(sanitize::is_inert_line(&shown), "{shown:?}");
        assert!(shown.starts_with('a'), "{shown:?}");
        // Without the guard the same frame carries them.
        let mut raw = Terminal::new(TestBackend::new(40, 2)).unwrap();
        raw.draw(|frame| frame.render_widget(Paragraph::new(hostile), frame.area()))
            .unwrap();
        let raw_shown: String = raw
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(!sanitize::is_inert_line(&raw_shown));
    }
}

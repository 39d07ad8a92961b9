//! Everything the user can ask for, as plain values.

use crossterm::event::KeyEvent;

use super::state::Pane;
use crate::analyze::Analysis;

/// One thing to do, produced by the keymap or the mouse and applied by
/// [`super::update::update`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    ToggleHelp,
    FocusNext,
    FocusPrev,
    ToggleMouseCapture,
    /// Down one row (list: next article; reader: scroll one line).
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Open the selected article in the reading pane.
    Open,
    /// Leave the reading pane for the list.
    Back,
    /// Fold or unfold the set-aside section of the article.
    ToggleSetAside,
    NextArticle,
    PrevArticle,
    /// Open the `/` prompt: search the article, or filter the list.
    Find,
    /// Next / previous search hit.
    FindNext,
    FindPrev,
    /// Accept what the prompt holds.
    PromptAccept,
    /// Close the prompt, undoing what it did.
    PromptCancel,
    /// A key typed into the prompt.
    PromptInput(KeyEvent),
    /// Text pasted (bracketed paste).
    Paste(String),
    /// Clear the innermost filter: the search, the speaker filter, the
    /// list filter; in the reader with none, go back to the list.
    ClearFilters,
    /// Entity highlighting on/off.
    ToggleEntities,
    /// Jump to the next / previous quotation.
    NextQuote,
    PrevQuote,
    /// The panel: the open article's speakers or all of them.
    ToggleScope,
    /// Filter by the speaker selected in the panel (again: clear).
    FilterSpeaker,
    /// Open the fuzzy speaker picker.
    PickSpeaker,
    /// Analyses finished off the UI thread: (article index, analysis).
    Analyzed(Vec<(usize, Analysis)>),
    /// The terminal changed size.
    Resize {
        width: u16,
        height: u16,
    },
    /// Wheel over a pane: positive scrolls down.
    Scroll {
        pane: Pane,
        lines: i16,
    },
    /// A left click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
}

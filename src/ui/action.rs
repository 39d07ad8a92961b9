//! Everything the user can ask for, as plain values.

use crossterm::event::KeyEvent;

use super::notes::NotesSnapshot;
use super::pane::Pane;
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
    /// Closes the warning banner (a damaged notes store).
    DismissBanner,
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
    /// Open the next unread article in the list's order.
    NextUnread,
    /// Mark the open (or selected) article read, or unread again.
    ToggleRead,
    /// Next list order: newest first, by outlet, by title, as given.
    CycleSort,
    /// Group the list by outlet, or not.
    ToggleGroupByOutlet,
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
    /// The one-line legend of highlight styles on/off.
    ToggleLegend,
    /// Jump to the next / previous quotation.
    NextQuote,
    PrevQuote,
    /// The panel: the open article's speakers or all of them.
    ToggleScope,
    /// Filter by the speaker selected in the panel (again: clear).
    FilterSpeaker,
    /// Open the fuzzy speaker picker.
    PickSpeaker,
    /// Show how each outlet carries the selected quotation.
    ShowStatement,
    /// Copy the selected quotation with its citation to the clipboard.
    CopyQuote,
    /// Write the current speaker's quotations to a file.
    ExportQuotes,
    /// Open who quotes whom: speakers × outlets.
    ShowWhoQuotes,
    /// In that table: the column to the left / right.
    ColumnLeft,
    ColumnRight,
    /// Between the table and the speaker's timeline.
    SwitchTab,
    /// Next order of the table's speakers / columns.
    SortRows,
    SortColumns,
    /// Show why the quotation at hand has its speaker.
    ExplainSpeaker,
    /// Give the quotation at hand to another speaker (the picker).
    ChangeSpeaker,
    /// Mark the quotation at hand as not a quotation.
    NotAQuotation,
    /// Take back the newest correction of the quotation or speaker at hand.
    UndoCorrection,
    /// Merge the speaker selected in the panel into another (the picker).
    MergeSpeaker,
    /// Split one of the selected speaker's other names off (the picker).
    SplitAlias,
    /// Analyses finished off the UI thread: (article index, analysis).
    Analyzed(Vec<(usize, Analysis)>),
    /// Analyses with their speakers already linked, from the worker.
    Indexed(Box<crate::index::LinkedBatch>),
    /// Bookmark the article, or remove its bookmark.
    ToggleBookmark,
    /// Bookmark the passage: the selection, else the paragraph at the top.
    BookmarkPassage,
    /// Start selecting at the sentence at the top (or the marked quote).
    StartSelection,
    /// Write a note on the selection (or the sentence at the top).
    Annotate,
    /// Show the bookmarks / the annotations.
    ShowBookmarks,
    ShowAnnotations,
    /// In the notes list: edit the note; delete the entry.
    EditNote,
    DeleteNote,
    /// Save the note being edited.
    SaveNote,
    /// A key typed into the note editor.
    EditorInput(KeyEvent),
    /// Answers to a yes/no question.
    Yes,
    No,
    /// What the store holds now, read after a write or at start.
    Notes(Box<NotesSnapshot>),
    /// Fetch every subscribed feed again, in the background.
    RefreshFeeds,
    /// Show the subscribed feeds and how each fared.
    ShowFeeds,
    /// A refresh's progress, from its thread.
    FeedsProgress(super::feeds::Progress),
    /// A refresh finished: new articles and how each feed fared.
    FeedsRefreshed(Box<super::feeds::Refreshed>),
    /// Read marks and the article open last, from earlier runs.
    ReadStates(crate::store::ReadStates),
    /// Reading positions remembered from earlier runs: (article, byte
    /// offset of the text at the top).
    Positions(Vec<(usize, crate::store::ReadingPosition)>),
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

//! What has the keyboard. One value, so that an editor and a prompt (or a
//! list and a question) cannot both be open unless one sits over the
//! other by construction.

use tui_textarea::TextArea;

use super::notes::{Confirm, Editor, NotesView, Selection};

/// What has the keyboard.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    /// The focused pane.
    #[default]
    Normal,
    /// Selecting a passage in the reader.
    Select(Selection),
    /// The bookmarks or annotations list.
    Notes(NotesView),
    /// Writing a note; `back` has the keyboard again when it closes.
    Editor {
        editor: Box<Editor>,
        back: Box<Mode>,
    },
    /// A line of input at the bottom of the screen.
    Prompt(Box<Prompt>),
    /// A yes/no question over `back`.
    Confirm { confirm: Confirm, back: Box<Mode> },
    /// The help overlay, scrolled this many lines.
    Help { scroll: usize },
    /// How each outlet carries a quotation's words, scrolled this many
    /// lines.
    Statement {
        view: Box<crate::index::StatementView>,
        scroll: usize,
    },
    /// Who quotes whom: speakers × outlets, and a speaker's timeline.
    WhoQuotes(Box<super::whoquotes::WhoQuotesView>),
}

impl Mode {
    /// This mode and the ones under it, top first.
    pub fn layers(&self) -> impl Iterator<Item = &Mode> {
        std::iter::successors(Some(self), |mode| match mode {
            Mode::Editor { back, .. } | Mode::Confirm { back, .. } => Some(back),
            _ => None,
        })
    }

    /// The note editor, open or under a question.
    pub fn editor(&self) -> Option<&Editor> {
        self.layers().find_map(|m| match m {
            Mode::Editor { editor, .. } => Some(editor.as_ref()),
            _ => None,
        })
    }

    /// The notes list, open or under the editor or a question.
    pub fn notes_view(&self) -> Option<&NotesView> {
        self.layers().find_map(|m| match m {
            Mode::Notes(view) => Some(view),
            _ => None,
        })
    }

    /// The question waiting for an answer.
    pub fn confirm(&self) -> Option<&Confirm> {
        match self {
            Mode::Confirm { confirm, .. } => Some(confirm),
            _ => None,
        }
    }

    /// The line of input being typed.
    pub fn prompt(&self) -> Option<&Prompt> {
        match self {
            Mode::Prompt(prompt) => Some(prompt),
            _ => None,
        }
    }

    /// The passage being selected.
    pub fn selection(&self) -> Option<&Selection> {
        match self {
            Mode::Select(selection) => Some(selection),
            _ => None,
        }
    }

    /// The help overlay's scroll, when it is open.
    pub fn help(&self) -> Option<usize> {
        match self {
            Mode::Help { scroll } => Some(*scroll),
            _ => None,
        }
    }
}

/// What a line of input at the bottom of the screen is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `/` in the reading pane.
    Search,
    /// `/` in the list.
    Filter,
    /// The fuzzy speaker picker.
    Speaker,
}

/// A line of input being typed.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
    /// Where the reading pane was when the prompt opened, to go back to on
    /// Esc.
    pub origin_scroll: usize,
    /// The list filter before the prompt opened, likewise.
    pub origin_filter: Option<String>,
    /// For the speaker picker: matching speakers (indices into
    /// `Corpus::speakers`), best first, and the one chosen.
    pub matches: Vec<usize>,
    pub choice: usize,
}

impl Prompt {
    /// The text typed so far.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}

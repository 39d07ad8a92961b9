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
    /// The subscribed feeds, this one selected.
    Feeds { selected: usize },
    /// How each outlet carries a quotation's words, scrolled this many
    /// lines.
    Statement {
        view: Box<crate::index::StatementView>,
        scroll: usize,
    },
    /// Who quotes whom: speakers × outlets, and a speaker's timeline.
    WhoQuotes(Box<super::whoquotes::WhoQuotesView>),
    /// Why a quotation has its speaker, with the corrections at hand.
    Why { article: usize, quote: usize },
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

    /// The quotation whose speaker is being explained.
    pub fn why(&self) -> Option<(usize, usize)> {
        match self {
            Mode::Why { article, quote } => Some((*article, *quote)),
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// `/` in the reading pane.
    Search,
    /// `/` in the list.
    Filter,
    /// The fuzzy speaker picker, for one of several ends.
    Speaker(Pick),
}

/// What the speaker picker's choice is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// Follow the speaker chosen.
    Follow,
    /// Give this quotation to the speaker chosen, or to a name typed.
    Reassign { article: usize, quote: usize },
    /// Merge `speaker` into the speaker chosen, or into a name typed.
    Merge { speaker: String },
    /// Split the name chosen off `speaker`.
    Split { speaker: String },
}

impl Pick {
    /// Whether a name that is no one's yet may be typed.
    pub fn takes_new_names(&self) -> bool {
        matches!(self, Pick::Reassign { .. } | Pick::Merge { .. })
    }
}

/// One name the picker offers, with what it says beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    /// "3 quotes in 2 articles".
    pub detail: String,
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
    /// For the speaker picker: the names it offers (taken when it opens,
    /// so arriving analyses do not move them), the matching ones (indices
    /// into `choices`) best first, and the one chosen; one past the
    /// matches is the typed name, when there is one.
    pub choices: Vec<Choice>,
    pub matches: Vec<usize>,
    pub choice: usize,
    /// The typed name as an entry of its own (see [`Prompt::typed_name`]),
    /// kept up to date as the user types.
    pub new_name: Option<String>,
}

impl Prompt {
    /// The text typed so far.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }

    /// The typed name as a choice of its own, when the picker takes new
    /// names and no name offered is it.
    pub fn typed_name(&self) -> Option<String> {
        let PromptKind::Speaker(pick) = &self.kind else {
            return None;
        };
        let typed = crate::clean::sanitize::for_display(&self.text());
        let taken = self
            .choices
            .iter()
            .any(|c| c.name.to_lowercase() == typed.to_lowercase());
        (pick.takes_new_names() && !typed.is_empty() && !taken).then_some(typed)
    }

    /// How many entries the picker lists: the matches and the typed name.
    pub fn entries(&self) -> usize {
        self.matches.len() + usize::from(self.new_name.is_some())
    }

    /// The name of the entry chosen.
    pub fn chosen(&self) -> Option<String> {
        match self.matches.get(self.choice) {
            Some(&i) => self.choices.get(i).map(|c| c.name.clone()),
            None => self.new_name.clone(),
        }
    }
}

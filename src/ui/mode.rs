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
    /// The help overlay, scrolled this many lines; `back` has the
    /// keyboard again when it closes.
    Help { scroll: usize, back: Box<Mode> },
    /// The subscribed feeds, this one selected.
    Feeds { selected: usize },
    /// How each outlet carries a quotation's words, scrolled this many
    /// lines, over `back` (the screen, or who quotes whom).
    Statement {
        view: Box<crate::index::StatementView>,
        scroll: usize,
        back: Box<Mode>,
    },
    /// Who quotes whom: speakers × outlets, and a speaker's timeline.
    WhoQuotes(Box<super::whoquotes::WhoQuotesView>),
    /// Why a quotation has its speaker, with the corrections at hand,
    /// over `back` (the screen, or who quotes whom).
    Why {
        article: usize,
        quote: usize,
        back: Box<Mode>,
    },
}

impl Mode {
    /// This mode and the ones under it, top first.
    pub fn layers(&self) -> impl Iterator<Item = &Mode> {
        std::iter::successors(Some(self), |mode| mode.back())
    }

    /// The mode this one sits over, if it sits over one.
    fn back(&self) -> Option<&Mode> {
        match self {
            Mode::Editor { back, .. }
            | Mode::Confirm { back, .. }
            | Mode::Help { back, .. }
            | Mode::Statement { back, .. }
            | Mode::Why { back, .. } => Some(back),
            Mode::Prompt(prompt) => Some(&prompt.back),
            _ => None,
        }
    }

    fn back_mut(&mut self) -> Option<&mut Mode> {
        match self {
            Mode::Editor { back, .. }
            | Mode::Confirm { back, .. }
            | Mode::Help { back, .. }
            | Mode::Statement { back, .. }
            | Mode::Why { back, .. } => Some(back),
            Mode::Prompt(prompt) => Some(&mut prompt.back),
            _ => None,
        }
    }

    /// Closes this layer: the mode under it has the keyboard again
    /// (nothing under it: the panes).
    pub fn close(&mut self) {
        let under = match std::mem::take(self) {
            Mode::Editor { back, .. }
            | Mode::Confirm { back, .. }
            | Mode::Help { back, .. }
            | Mode::Statement { back, .. }
            | Mode::Why { back, .. } => *back,
            Mode::Prompt(prompt) => prompt.back,
            _ => Mode::Normal,
        };
        *self = under;
    }

    /// The who-quotes-whom view, open or under an overlay opened from it.
    pub fn who_quotes_mut(&mut self) -> Option<&mut super::whoquotes::WhoQuotesView> {
        let mut mode = self;
        loop {
            if let Mode::WhoQuotes(view) = mode {
                return Some(view);
            }
            mode = mode.back_mut()?;
        }
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
            Mode::Why { article, quote, .. } => Some((*article, *quote)),
            _ => None,
        }
    }

    /// The help overlay's scroll, when it is open.
    pub fn help(&self) -> Option<usize> {
        match self {
            Mode::Help { scroll, .. } => Some(*scroll),
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
    /// The other names the articles give them ("Peskov"): typed, they
    /// mean this speaker, not a new one.
    pub also: Vec<String>,
}

impl Choice {
    /// Whether `typed` (any case) is one of this speaker's names: the
    /// name, another name, or the name's last word (the surname).
    pub fn is_named(&self, typed: &str) -> bool {
        let typed = typed.trim().to_lowercase();
        let same = |name: &str| name.to_lowercase() == typed;
        !typed.is_empty()
            && (same(&self.name)
                || self.also.iter().any(|a| same(a))
                || (self.name.split_whitespace().count() > 1
                    && self.name.split_whitespace().last().is_some_and(same)))
    }
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
    /// What has the keyboard again when the prompt closes.
    pub back: Mode,
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
        let taken = self.choices.iter().any(|c| c.is_named(&typed));
        (pick.takes_new_names() && !typed.trim().is_empty() && !taken).then_some(typed)
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

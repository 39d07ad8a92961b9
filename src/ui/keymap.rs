//! The one table of key bindings. Key handling and the help screen both
//! read it, so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies. `Global` bindings apply everywhere unless the
/// focused context binds the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Reader,
    Panel,
    /// Selecting a passage in the reader.
    Select,
    /// The list of bookmarks or annotations.
    Notes,
    /// The note editor: other keys are typed into the note.
    Editor,
    /// A yes/no question.
    Confirm,
    /// A line of input at the bottom: other keys are typed into it.
    Prompt,
    /// The same words across outlets.
    Statement,
    /// Who quotes whom.
    WhoQuotes,
    /// Why a quotation has its speaker.
    Why,
    /// The subscribed feeds.
    Feeds,
    Help,
}

impl Context {
    /// Every context, in the order the help screen lists them.
    pub const ALL: [Context; 14] = [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Panel,
        Context::Select,
        Context::Notes,
        Context::Editor,
        Context::Confirm,
        Context::Prompt,
        Context::Statement,
        Context::WhoQuotes,
        Context::Why,
        Context::Feeds,
        Context::Help,
    ];

    /// The context's name in the configuration file.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Panel => "panel",
            Context::Select => "select",
            Context::Notes => "notes",
            Context::Editor => "editor",
            Context::Confirm => "confirm",
            Context::Prompt => "prompt",
            Context::Statement => "statement",
            Context::Feeds => "feeds",
            Context::WhoQuotes => "who_quotes",
            Context::Why => "why",
            Context::Help => "help",
        }
    }

    /// Heading used on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Reader => "Reading pane",
            Context::Panel => "Quotes by speaker",
            Context::Select => "Selecting a passage",
            Context::Notes => "Bookmarks and annotations lists",
            Context::Editor => "Writing a note",
            Context::Confirm => "Answering a question",
            Context::Prompt => "Typing a search, filter or speaker",
            Context::Statement => "The same words across outlets",
            Context::Feeds => "Feeds",
            Context::WhoQuotes => "Who quotes whom",
            Context::Why => "Why this speaker",
            Context::Help => "This help",
        }
    }
}

/// A key with its modifiers, comparable to a crossterm event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Self {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }
    const fn ch(c: char) -> Self {
        Key::plain(KeyCode::Char(c))
    }
    const fn ctrl(c: char) -> Self {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// The key of a terminal event, with Shift folded into the character
    /// for letters and symbols (terminals disagree on reporting it).
    pub fn from_event(event: &KeyEvent) -> Self {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if !matches!(event.code, KeyCode::Char(_)) {
            modifiers |= event.modifiers & KeyModifiers::SHIFT;
        }
        if event.code == KeyCode::BackTab {
            modifiers -= KeyModifiers::SHIFT;
        }
        Key {
            code: event.code,
            modifiers,
        }
    }

    /// A key as the help screen writes it ("j", "Ctrl-d", "PgDn", "Space",
    /// "Shift-Tab", "F1"); arrows also as "Up", "Down", "Left", "Right".
    pub fn parse(text: &str) -> Result<Key, String> {
        let (modifiers, name) = if let Some(rest) = text.strip_prefix("Ctrl-") {
            (KeyModifiers::CONTROL, rest)
        } else if let Some(rest) = text.strip_prefix("Alt-") {
            (KeyModifiers::ALT, rest)
        } else {
            (KeyModifiers::NONE, text)
        };
        let code = match name {
            "Space" => KeyCode::Char(' '),
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "Shift-Tab" => KeyCode::BackTab,
            "Up" | "↑" => KeyCode::Up,
            "Down" | "↓" => KeyCode::Down,
            "Left" | "←" => KeyCode::Left,
            "Right" | "→" => KeyCode::Right,
            "PgUp" | "PageUp" => KeyCode::PageUp,
            "PgDn" | "PageDown" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            _ => {
                let mut chars = name.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                    (Some('F'), Some(_)) => match name[1..].parse::<u8>() {
                        Ok(n) if (1..=12).contains(&n) => KeyCode::F(n),
                        _ => return Err(format!("“{text}” is not a key")),
                    },
                    _ => {
                        return Err(format!(
                            "“{text}” is not a key (write keys as the help does: j, G, Ctrl-d, \
                             Enter, Esc, Space, PgDn, Shift-Tab, F1)"
                        ))
                    }
                }
            }
        };
        Ok(Key { code, modifiers })
    }

    /// How the key is written on the help screen.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{name}")
        } else {
            name
        }
    }
}

/// One row of the table: in `context`, any of `keys` does `action`.
#[derive(Debug)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

use KeyCode::{BackTab, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

const fn b(context: Context, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
    }
}

/// Every key binding of the reader. One row per action and context; the
/// help screen lists them in this order.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    b(Context::Global, &[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit"),
    b(Context::Global, &[Key::ch('?'), Key::plain(KeyCode::F(1))], Action::ToggleHelp, "show or hide this help (over a view: at its keys)"),
    b(Context::Global, &[Key::plain(Tab)], Action::FocusNext, "next pane: list, reader, quotes"),
    b(Context::Global, &[Key::plain(BackTab)], Action::FocusPrev, "previous pane"),
    b(Context::Global, &[Key::ch('S')], Action::PickSpeaker, "pick a speaker to follow (fuzzy)"),
    b(Context::Global, &[Key::ch('b')], Action::ToggleBookmark, "bookmark the article (again: remove)"),
    b(Context::Global, &[Key::ch('\'')], Action::ShowBookmarks, "list the bookmarks"),
    b(Context::Global, &[Key::ch('A')], Action::ShowAnnotations, "list the annotations"),
    b(Context::Global, &[Key::ch('m')], Action::ToggleMouseCapture, "mouse on/off (off: select text to copy)"),
    b(Context::Global, &[Key::ch('L')], Action::ToggleLegend, "show or hide what the colours mean"),
    b(Context::Global, &[Key::ch('X')], Action::DismissBanner, "dismiss the warning at the top"),
    b(Context::Global, &[Key::ch('J')], Action::NextArticle, "next article"),
    b(Context::Global, &[Key::ch('K')], Action::PrevArticle, "previous article"),
    b(Context::Global, &[Key::ch('W')], Action::ShowWhoQuotes, "who quotes whom: speakers × outlets of the list"),
    b(Context::Global, &[Key::ch('E')], Action::ExportQuotes, "export the speaker's quotations to a Markdown file"),
    b(Context::Global, &[Key::ch('u')], Action::NextUnread, "next unread article"),
    b(Context::Global, &[Key::ch('U')], Action::ToggleRead, "mark the article read / unread"),
    b(Context::Global, &[Key::ch('F')], Action::ShowFeeds, "the subscribed feeds and how each fared"),
    b(Context::Global, &[Key::ch('R')], Action::RefreshFeeds, "refresh every feed in the background"),

    b(Context::List, &[Key::ch('j'), Key::plain(Down)], Action::Down, "next article"),
    b(Context::List, &[Key::ch('k'), Key::plain(Up)], Action::Up, "previous article"),
    b(Context::List, &[Key::ctrl('d')], Action::HalfPageDown, "half a page down"),
    b(Context::List, &[Key::ctrl('u')], Action::HalfPageUp, "half a page up"),
    b(Context::List, &[Key::plain(PageDown), Key::ctrl('f')], Action::PageDown, "a page down"),
    b(Context::List, &[Key::plain(PageUp), Key::ctrl('b')], Action::PageUp, "a page up"),
    b(Context::List, &[Key::ch('g'), Key::plain(Home)], Action::Top, "first article"),
    b(Context::List, &[Key::ch('G'), Key::plain(End)], Action::Bottom, "last article"),
    b(Context::List, &[Key::plain(Enter), Key::ch('l'), Key::plain(Right)], Action::Open, "open the article"),
    b(Context::List, &[Key::ch('/')], Action::Find, "filter articles by title, name or words of the text"),
    b(Context::List, &[Key::plain(Esc)], Action::ClearFilters, "clear the filters"),
    b(Context::List, &[Key::ch('o')], Action::CycleSort, "order: newest first, by outlet, by title, as given"),
    b(Context::List, &[Key::ch('O')], Action::ToggleGroupByOutlet, "group by outlet on/off"),

    b(Context::Reader, &[Key::ch('j'), Key::plain(Down)], Action::Down, "scroll down a line"),
    b(Context::Reader, &[Key::ch('k'), Key::plain(Up)], Action::Up, "scroll up a line"),
    b(Context::Reader, &[Key::ctrl('d')], Action::HalfPageDown, "half a page down"),
    b(Context::Reader, &[Key::ctrl('u')], Action::HalfPageUp, "half a page up"),
    b(Context::Reader, &[Key::plain(PageDown), Key::ch(' '), Key::ctrl('f')], Action::PageDown, "a page down"),
    b(Context::Reader, &[Key::plain(PageUp), Key::ctrl('b')], Action::PageUp, "a page up"),
    b(Context::Reader, &[Key::ch('g'), Key::plain(Home)], Action::Top, "top of the article"),
    b(Context::Reader, &[Key::ch('G'), Key::plain(End)], Action::Bottom, "end of the article"),
    b(Context::Reader, &[Key::ch('h'), Key::plain(Left)], Action::Back, "back to the list"),
    b(Context::Reader, &[Key::plain(Esc)], Action::ClearFilters, "clear the search or speaker, else back to the list"),
    b(Context::Reader, &[Key::ch('z')], Action::ToggleSetAside, "fold or unfold the set-aside lines"),
    b(Context::Reader, &[Key::ch('/')], Action::Find, "search the article"),
    b(Context::Reader, &[Key::ch('n')], Action::FindNext, "next match"),
    b(Context::Reader, &[Key::ch('N')], Action::FindPrev, "previous match"),
    b(Context::Reader, &[Key::ch(']')], Action::NextQuote, "next quotation"),
    b(Context::Reader, &[Key::ch('[')], Action::PrevQuote, "previous quotation"),
    b(Context::Reader, &[Key::ch('e')], Action::ToggleEntities, "entity highlighting on/off"),
    b(Context::Reader, &[Key::ch('v')], Action::StartSelection, "select from the sentence at the top (or the marked quote)"),
    b(Context::Reader, &[Key::ch('a')], Action::Annotate, "write a note on the sentence at the top"),
    b(Context::Reader, &[Key::ch('B')], Action::BookmarkPassage, "bookmark the paragraph at the top"),
    b(Context::Reader, &[Key::ch('y')], Action::CopyQuote, "copy the marked (else first shown) quotation with its citation"),
    b(Context::Reader, &[Key::ch('w')], Action::ExplainSpeaker, "why this speaker (the marked quotation, else the first on screen)"),
    b(Context::Reader, &[Key::ch('c')], Action::ChangeSpeaker, "give the quotation to another speaker (pick or type)"),
    b(Context::Reader, &[Key::ch('x')], Action::NotAQuotation, "mark the quotation as not a quotation"),
    b(Context::Reader, &[Key::ch('r')], Action::UndoCorrection, "revert the quotation's last correction"),
    b(Context::Reader, &[Key::ch('o')], Action::ShowStatement, "how each outlet carries the quotation"),

    b(Context::Select, &[Key::ch('j'), Key::plain(Down)], Action::Down, "one sentence more"),
    b(Context::Select, &[Key::ch('k'), Key::plain(Up)], Action::Up, "one sentence less"),
    b(Context::Select, &[Key::ch(']')], Action::NextQuote, "select the next quotation whole"),
    b(Context::Select, &[Key::ch('[')], Action::PrevQuote, "select the previous quotation whole"),
    b(Context::Select, &[Key::ch('a'), Key::plain(Enter)], Action::Annotate, "write a note on the selection"),
    b(Context::Select, &[Key::ch('B')], Action::BookmarkPassage, "bookmark the selection"),
    b(Context::Select, &[Key::ch('w')], Action::ExplainSpeaker, "why this speaker"),
    b(Context::Select, &[Key::ch('c')], Action::ChangeSpeaker, "give the quotation to another speaker"),
    b(Context::Select, &[Key::ch('x')], Action::NotAQuotation, "mark the quotation as not a quotation"),
    b(Context::Select, &[Key::ch('r')], Action::UndoCorrection, "revert the quotation's last correction"),
    b(Context::Select, &[Key::ch('o')], Action::ShowStatement, "how each outlet carries the quotation"),
    b(Context::Select, &[Key::plain(Esc), Key::ch('v')], Action::ClearFilters, "stop selecting"),

    b(Context::Notes, &[Key::ch('j'), Key::plain(Down)], Action::Down, "next entry"),
    b(Context::Notes, &[Key::ch('k'), Key::plain(Up)], Action::Up, "previous entry"),
    b(Context::Notes, &[Key::ch('g'), Key::plain(Home)], Action::Top, "first entry"),
    b(Context::Notes, &[Key::ch('G'), Key::plain(End)], Action::Bottom, "last entry"),
    b(Context::Notes, &[Key::plain(Enter), Key::ch('l')], Action::Open, "go to it"),
    b(Context::Notes, &[Key::ch('e')], Action::EditNote, "edit the note"),
    b(Context::Notes, &[Key::ch('d'), Key::plain(KeyCode::Delete)], Action::DeleteNote, "delete (asks first)"),
    b(Context::Notes, &[Key::ch('s')], Action::ToggleScope, "this article / all articles"),
    b(Context::Notes, &[Key::plain(Esc), Key::ch('q')], Action::ClearFilters, "close the list"),

    b(Context::Editor, &[Key::ctrl('s')], Action::SaveNote, "save the note"),
    b(Context::Editor, &[Key::plain(Esc)], Action::PromptCancel, "close (asks first if changed)"),

    b(Context::Confirm, &[Key::ch('y'), Key::plain(Enter)], Action::Yes, "yes"),
    b(Context::Confirm, &[Key::ch('n'), Key::plain(Esc)], Action::No, "no"),

    b(Context::Panel, &[Key::ch('j'), Key::plain(Down)], Action::Down, "next entry"),
    b(Context::Panel, &[Key::ch('k'), Key::plain(Up)], Action::Up, "previous entry"),
    b(Context::Panel, &[Key::ctrl('d')], Action::HalfPageDown, "half a page down"),
    b(Context::Panel, &[Key::ctrl('u')], Action::HalfPageUp, "half a page up"),
    b(Context::Panel, &[Key::plain(PageDown), Key::ctrl('f')], Action::PageDown, "a page down"),
    b(Context::Panel, &[Key::plain(PageUp), Key::ctrl('b')], Action::PageUp, "a page up"),
    b(Context::Panel, &[Key::ch('g'), Key::plain(Home)], Action::Top, "first entry"),
    b(Context::Panel, &[Key::ch('G'), Key::plain(End)], Action::Bottom, "last entry"),
    b(Context::Panel, &[Key::plain(Enter), Key::ch('l'), Key::plain(Right), Key::ch(' ')], Action::Open, "expand a speaker; show a quotation in its article"),
    b(Context::Panel, &[Key::ch('h'), Key::plain(Left)], Action::Back, "collapse the speaker"),
    b(Context::Panel, &[Key::ch('f')], Action::FilterSpeaker, "follow this speaker only (again: everyone)"),
    b(Context::Panel, &[Key::ch('s')], Action::ToggleScope, "this article's speakers / all articles'"),
    b(Context::Panel, &[Key::ch('o')], Action::ShowStatement, "how each outlet carries this quotation"),
    b(Context::Panel, &[Key::ch('y')], Action::CopyQuote, "copy the quotation with its citation"),
    b(Context::Panel, &[Key::ch('w')], Action::ExplainSpeaker, "why this speaker (on a quotation)"),
    b(Context::Panel, &[Key::ch('c')], Action::ChangeSpeaker, "give the quotation to another speaker"),
    b(Context::Panel, &[Key::ch('x')], Action::NotAQuotation, "mark the quotation as not a quotation"),
    b(Context::Panel, &[Key::ch('M')], Action::MergeSpeaker, "merge this speaker into another (pick or type)"),
    b(Context::Panel, &[Key::ch('P')], Action::SplitAlias, "split one of this speaker's other names off"),
    b(Context::Panel, &[Key::ch('r')], Action::UndoCorrection, "revert the last correction of this quotation or speaker"),
    b(Context::Panel, &[Key::plain(Esc)], Action::ClearFilters, "clear the speaker filter"),

    b(Context::Prompt, &[Key::plain(Enter)], Action::PromptAccept, "accept"),
    b(Context::Prompt, &[Key::plain(Esc)], Action::PromptCancel, "cancel"),
    b(Context::Prompt, &[Key::plain(Down), Key::ctrl('n')], Action::Down, "next speaker (picker)"),
    b(Context::Prompt, &[Key::plain(Up), Key::ctrl('p')], Action::Up, "previous speaker (picker)"),

    b(Context::Statement, &[Key::ch('j'), Key::plain(Down)], Action::Down, "scroll down"),
    b(Context::Statement, &[Key::ch('k'), Key::plain(Up)], Action::Up, "scroll up"),
    b(Context::Statement, &[Key::plain(Esc), Key::ch('q'), Key::ch('o')], Action::ClearFilters, "close"),

    b(Context::WhoQuotes, &[Key::ch('j'), Key::plain(Down)], Action::Down, "next speaker (in a list: quotation; statements: statement)"),
    b(Context::WhoQuotes, &[Key::ch('k'), Key::plain(Up)], Action::Up, "previous speaker (in a list: quotation; statements: statement)"),
    b(Context::WhoQuotes, &[Key::ch('h'), Key::plain(Left)], Action::ColumnLeft, "column to the left"),
    b(Context::WhoQuotes, &[Key::ch('l'), Key::plain(Right)], Action::ColumnRight, "column to the right"),
    b(Context::WhoQuotes, &[Key::plain(PageDown), Key::ctrl('f')], Action::PageDown, "a page down"),
    b(Context::WhoQuotes, &[Key::plain(PageUp), Key::ctrl('b')], Action::PageUp, "a page up"),
    b(Context::WhoQuotes, &[Key::ch('g'), Key::plain(Home)], Action::Top, "first"),
    b(Context::WhoQuotes, &[Key::ch('G'), Key::plain(End)], Action::Bottom, "last"),
    b(Context::WhoQuotes, &[Key::plain(Enter)], Action::Open, "list the cell's quotations; open a quotation in its article; a statement's versions"),
    b(Context::WhoQuotes, &[Key::plain(Tab)], Action::SwitchTab, "tabs: table, the speaker's quotations by date, statements the outlets share"),
    b(Context::WhoQuotes, &[Key::ch('s')], Action::SortRows, "order speakers: most quoted, by name, by the column"),
    b(Context::WhoQuotes, &[Key::ch('O')], Action::SortColumns, "order columns: by name (articles: date) / most quotations"),
    b(Context::WhoQuotes, &[Key::ch('o')], Action::ShowStatement, "in a list: how each outlet carries the quotation"),
    b(Context::WhoQuotes, &[Key::ch('w')], Action::ExplainSpeaker, "in a list: why this speaker"),
    b(Context::WhoQuotes, &[Key::ch('c')], Action::ChangeSpeaker, "in a list: give the quotation to another speaker"),
    b(Context::WhoQuotes, &[Key::ch('x')], Action::NotAQuotation, "in a list: mark the quotation as not a quotation"),
    b(Context::WhoQuotes, &[Key::ch('r')], Action::UndoCorrection, "in a list: revert the quotation's last correction"),
    b(Context::WhoQuotes, &[Key::ch('y')], Action::CopyQuote, "in a list: copy the quotation with its citation"),
    b(Context::WhoQuotes, &[Key::ch('E')], Action::ExportQuotes, "export the speaker's quotations to a Markdown file"),
    b(Context::WhoQuotes, &[Key::plain(Esc), Key::ch('q'), Key::ch('W')], Action::ClearFilters, "back to the table, else close"),
    b(Context::Why, &[Key::ch('c')], Action::ChangeSpeaker, "give the quotation to another speaker"),
    b(Context::Why, &[Key::ch('x')], Action::NotAQuotation, "mark it as not a quotation"),
    b(Context::Why, &[Key::ch('r')], Action::UndoCorrection, "revert its last correction"),
    b(Context::Why, &[Key::plain(Esc), Key::ch('q'), Key::ch('w')], Action::ClearFilters, "close"),

    b(Context::Feeds, &[Key::ch('j'), Key::plain(Down)], Action::Down, "next feed"),
    b(Context::Feeds, &[Key::ch('k'), Key::plain(Up)], Action::Up, "previous feed"),
    b(Context::Feeds, &[Key::ch('R')], Action::RefreshFeeds, "refresh every feed"),
    b(Context::Feeds, &[Key::plain(Esc), Key::ch('q'), Key::ch('F')], Action::ClearFilters, "close"),

    b(Context::Help, &[Key::ch('j'), Key::plain(Down)], Action::Down, "scroll down"),
    b(Context::Help, &[Key::ch('k'), Key::plain(Up)], Action::Up, "scroll up"),
    b(Context::Help, &[Key::plain(PageDown), Key::ch(' '), Key::ctrl('d')], Action::PageDown, "a page down"),
    b(Context::Help, &[Key::plain(PageUp), Key::ctrl('u')], Action::PageUp, "a page up"),
    b(Context::Help, &[Key::ch('g'), Key::plain(Home)], Action::Top, "top"),
    b(Context::Help, &[Key::ch('G'), Key::plain(End)], Action::Bottom, "bottom"),
    b(Context::Help, &[Key::plain(Esc), Key::ch('?'), Key::ch('q'), Key::plain(KeyCode::F(1))], Action::ToggleHelp, "close this help"),
];

/// An action's name in the configuration file: its variant in snake
/// case (`NextQuote` is `next_quote`), so every new action has one.
pub fn action_name(action: &Action) -> String {
    let debug = format!("{action:?}");
    let variant = debug.split(['(', ' ', '{']).next().unwrap_or("");
    let mut name = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                name.push('_');
            }
            name.extend(c.to_lowercase());
        } else {
            name.push(c);
        }
    }
    name
}

/// A binding in force: a row of [`BINDINGS`], its keys possibly changed
/// by the user's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

/// The key bindings in force: [`BINDINGS`] with the user's changes. Key
/// handling, the help screen and the README tables all read this.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Bound>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS
                .iter()
                .map(|b| Bound {
                    context: b.context,
                    keys: b.keys.to_vec(),
                    action: b.action.clone(),
                    help: b.help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The action bound to `key` in `context`, falling back to the global
    /// bindings (except in overlays and editors, which take every key).
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.keys.contains(&key))
                .map(|b| b.action.clone())
        };
        match context {
            Context::List | Context::Reader | Context::Panel => {
                find(context).or_else(|| find(Context::Global))
            }
            // The help's key opens it over any view that types nothing.
            Context::Select
            | Context::Notes
            | Context::Statement
            | Context::WhoQuotes
            | Context::Why
            | Context::Feeds => {
                find(context).or_else(|| find(Context::Global).filter(|a| *a == Action::ToggleHelp))
            }
            other => find(other),
        }
    }

    /// The bindings of one context, in table order.
    pub fn bindings_for(&self, context: Context) -> impl Iterator<Item = &Bound> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// The keys that do `action` in `context`, as the help writes them
    /// ("]", "Ctrl-d"), for hints.
    pub fn keys_for(&self, context: Context, action: &Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.context == context && &b.action == action)
            .flat_map(|b| b.keys.iter().map(Key::label))
            .collect()
    }

    /// Binds `keys` to the action called `action` in `context`, in place of
    /// its keys there. A key taken from another action of the context
    /// leaves that action. Only actions the context has can be bound.
    pub fn rebind(&mut self, context: Context, action: &str, keys: Vec<Key>) -> Result<(), String> {
        let Some(index) = self
            .bindings
            .iter()
            .position(|b| b.context == context && action_name(&b.action) == action)
        else {
            let known: Vec<String> = self
                .bindings_for(context)
                .map(|b| action_name(&b.action))
                .collect();
            return Err(format!(
                "“{action}” is not an action of [keys.{}] (known: {})",
                context.name(),
                known.join(", ")
            ));
        };
        if keys.is_empty() {
            return Err(format!("“{action}” needs at least one key"));
        }
        for (i, binding) in self.bindings.iter_mut().enumerate() {
            if i != index && binding.context == context {
                binding.keys.retain(|k| !keys.contains(k));
            }
        }
        self.bindings[index].keys = keys;
        Ok(())
    }

    /// The key bindings as Markdown tables, one per context, for the
    /// README (a test keeps the README's copy equal to the defaults).
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for context in Context::ALL {
            out.push_str(&format!(
                "**{}**\n\n| keys | does |\n| --- | --- |\n",
                context.title()
            ));
            for binding in self.bindings_for(context) {
                let keys = binding
                    .keys
                    .iter()
                    .map(|k| format!("`{}`", k.label().replace('`', "\\`")))
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push_str(&format!("| {keys} | {} |\n", binding.help));
            }
            out.push('\n');
        }
        out
    }
}

//! Styles. Colours come from the terminal's own 16-colour palette, so they
//! follow its dark or light scheme; under `NO_COLOR` only bold, italic,
//! underline and dim are used.

use ratatui::style::{Color, Modifier, Style};

/// Every style the reader draws with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub subtitle: Style,
    pub meta: Style,
    pub body: Style,
    pub heading: Style,
    pub bullet: Style,
    pub set_aside: Style,
    pub fold: Style,
    pub border: Style,
    pub border_focused: Style,
    pub list_title: Style,
    pub list_meta: Style,
    pub list_selected: Style,
    pub mark: Style,
    pub status: Style,
    pub status_key: Style,
    pub notice: Style,
    pub help_heading: Style,
    pub help_key: Style,
    pub search_hit: Style,
    pub search_current: Style,
    pub prompt: Style,
    pub person: Style,
    pub organization: Style,
    pub place: Style,
    pub group: Style,
    pub quote: Style,
    /// A term held at arm's length ("terrorists").
    pub term: Style,
    /// The filtered speaker's quotations.
    pub quote_focused: Style,
    /// Other speakers' quotations while filtering.
    pub quote_dimmed: Style,
    /// The quotation jumped to or chosen in the panel.
    pub quote_marked: Style,
    /// The speaker tag after a quotation.
    pub tag: Style,
    pub panel_speaker: Style,
    pub panel_count: Style,
    /// An annotated passage.
    pub annotated: Style,
    /// The passage being selected.
    pub selection: Style,
    pub gutter: Style,
}

/// Names every style, so a configuration file can set it by name.
macro_rules! by_name {
    ($($field:ident),* $(,)?) => {
        impl Theme {
            /// The styles' names, as a configuration file writes them.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The style called `name`.
            pub fn style(&self, name: &str) -> Option<Style> {
                match name {
                    $(stringify!($field) => Some(self.$field),)*
                    _ => None,
                }
            }

            /// The style called `name`, to change.
            pub fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

by_name!(
    title,
    subtitle,
    meta,
    body,
    heading,
    bullet,
    set_aside,
    fold,
    border,
    border_focused,
    list_title,
    list_meta,
    list_selected,
    mark,
    status,
    status_key,
    notice,
    help_heading,
    help_key,
    search_hit,
    search_current,
    prompt,
    person,
    organization,
    place,
    group,
    quote,
    term,
    quote_focused,
    quote_dimmed,
    quote_marked,
    tag,
    panel_speaker,
    panel_count,
    annotated,
    selection,
    gutter,
);

impl Theme {
    /// The theme for this environment: monochrome when `no_color` is set
    /// (from the `NO_COLOR` convention).
    pub fn for_env(no_color: bool) -> Self {
        if no_color {
            Theme::monochrome()
        } else {
            Theme::colour()
        }
    }

    /// Colours from the terminal's palette.
    pub fn colour() -> Self {
        let plain = Style::new();
        Theme {
            title: plain.add_modifier(Modifier::BOLD).fg(Color::Cyan),
            subtitle: plain.add_modifier(Modifier::ITALIC),
            meta: plain.fg(Color::DarkGray),
            body: plain,
            heading: plain.add_modifier(Modifier::BOLD),
            bullet: plain.fg(Color::Cyan),
            set_aside: plain.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            fold: plain.fg(Color::DarkGray),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Cyan),
            list_title: plain,
            list_meta: plain.fg(Color::DarkGray),
            list_selected: plain.add_modifier(Modifier::REVERSED),
            mark: plain.fg(Color::Yellow),
            status: plain.add_modifier(Modifier::REVERSED),
            status_key: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            notice: plain.fg(Color::Yellow).add_modifier(Modifier::REVERSED),
            help_heading: plain.add_modifier(Modifier::BOLD).fg(Color::Cyan),
            help_key: plain.add_modifier(Modifier::BOLD),
            search_hit: plain.bg(Color::Yellow).fg(Color::Black),
            search_current: plain
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            prompt: plain,
            person: plain.fg(Color::Green).add_modifier(Modifier::BOLD),
            organization: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            place: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            group: plain.fg(Color::Yellow),
            quote: plain.fg(Color::Cyan).add_modifier(Modifier::ITALIC),
            term: plain.add_modifier(Modifier::ITALIC),
            quote_focused: plain
                .fg(Color::Cyan)
                .add_modifier(Modifier::ITALIC | Modifier::BOLD),
            quote_dimmed: plain.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            quote_marked: plain.add_modifier(Modifier::UNDERLINED),
            tag: plain.fg(Color::DarkGray),
            panel_speaker: plain.add_modifier(Modifier::BOLD),
            panel_count: plain.fg(Color::DarkGray),
            annotated: plain
                .underline_color(Color::Yellow)
                .add_modifier(Modifier::UNDERLINED),
            selection: plain.bg(Color::Blue).fg(Color::White),
            gutter: plain.fg(Color::Yellow),
        }
    }

    /// Attributes only, for `NO_COLOR`.
    pub fn monochrome() -> Self {
        let plain = Style::new();
        let dim = plain.add_modifier(Modifier::DIM);
        Theme {
            title: plain.add_modifier(Modifier::BOLD),
            subtitle: plain.add_modifier(Modifier::ITALIC),
            meta: dim,
            body: plain,
            heading: plain.add_modifier(Modifier::BOLD),
            bullet: plain,
            set_aside: dim.add_modifier(Modifier::ITALIC),
            fold: dim,
            border: dim,
            border_focused: plain.add_modifier(Modifier::BOLD),
            list_title: plain,
            list_meta: dim,
            list_selected: plain.add_modifier(Modifier::REVERSED),
            mark: plain.add_modifier(Modifier::BOLD),
            status: plain.add_modifier(Modifier::REVERSED),
            status_key: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            notice: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            help_heading: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            help_key: plain.add_modifier(Modifier::BOLD),
            search_hit: plain.add_modifier(Modifier::REVERSED),
            search_current: plain
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            prompt: plain,
            person: plain.add_modifier(Modifier::BOLD),
            organization: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            place: plain.add_modifier(Modifier::UNDERLINED),
            group: plain.add_modifier(Modifier::DIM | Modifier::UNDERLINED),
            quote: plain.add_modifier(Modifier::ITALIC),
            term: plain.add_modifier(Modifier::ITALIC),
            quote_focused: plain.add_modifier(Modifier::ITALIC | Modifier::BOLD),
            quote_dimmed: dim.add_modifier(Modifier::ITALIC),
            quote_marked: plain.add_modifier(Modifier::REVERSED),
            tag: dim,
            panel_speaker: plain.add_modifier(Modifier::BOLD),
            panel_count: dim,
            annotated: plain.add_modifier(Modifier::UNDERLINED),
            selection: plain.add_modifier(Modifier::REVERSED),
            gutter: plain.add_modifier(Modifier::BOLD),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::colour()
    }
}

//! The user's configuration: `$XDG_CONFIG_HOME/onrecord/config.toml`.
//!
//! Every field is optional and merges over the embedded defaults: keys per
//! context (the keymap table stays the source of what can be bound), theme
//! styles per entity kind, quotation and UI element, the layout, the
//! clipboard and the data directory. A malformed file is an error that
//! names its line, reported before the terminal is touched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use toml::Spanned;

use crate::ui::geometry::LayoutPrefs;
use crate::ui::keymap::{action_name, Context, Key, Keymap};
use crate::ui::theme::Theme;

/// Why a configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {message}")]
    Invalid {
        path: String,
        line: usize,
        message: String,
    },
}

/// The configuration in force: defaults with the user's file over them.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub keymap: Keymap,
    /// Style changes, applied over the theme the environment chooses.
    pub theme: ThemeOverrides,
    pub layout: LayoutPrefs,
    /// Whether `y` may copy to the clipboard (through the terminal).
    pub clipboard: bool,
    pub data_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keymap: Keymap::default(),
            theme: ThemeOverrides::default(),
            layout: LayoutPrefs::default(),
            clipboard: true,
            data_dir: None,
        }
    }
}

/// Styles the user set, by theme field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeOverrides {
    styles: Vec<(String, Style)>,
}

impl ThemeOverrides {
    /// `theme` with these styles over it. Under `no_color` (the `NO_COLOR`
    /// convention) colours are dropped and only attributes stay.
    pub fn apply(&self, theme: &mut Theme, no_color: bool) {
        for (field, style) in &self.styles {
            let mut style = *style;
            if no_color {
                style.fg = None;
                style.bg = None;
                style.underline_color = None;
                if style.add_modifier.is_empty() {
                    continue;
                }
            }
            if let Some(slot) = theme.style_mut(field) {
                *slot = style;
            }
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    data_dir: Option<PathBuf>,
    clipboard: Option<bool>,
    layout: Option<RawLayout>,
    theme: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    keys: Option<BTreeMap<Spanned<String>, RawBindings>>,
}

/// One context's table: action name → keys.
type RawBindings = BTreeMap<Spanned<String>, Spanned<KeyList>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    side_share: Option<Spanned<u16>>,
    reader_max_width: Option<Spanned<u16>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(key) => vec![key.as_str()],
            KeyList::Many(keys) => keys.iter().map(String::as_str).collect(),
        }
    }
}

/// Where the configuration file is: `$XDG_CONFIG_HOME/onrecord/config.toml`
/// or the platform's equivalent.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "onrecord").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the configuration at `path`; a missing file is the defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(source) => {
            return Err(ConfigError::Read {
                path: crate::clean::sanitize::for_display(&path.display().to_string()),
                source,
            })
        }
    };
    parse(
        &text,
        &crate::clean::sanitize::for_display(&path.display().to_string()),
    )
}

/// Reads a configuration from its text; `name` names it in errors.
pub fn parse(text: &str, name: &str) -> Result<Config, ConfigError> {
    let invalid = |at: usize, message: String| ConfigError::Invalid {
        path: name.to_string(),
        line: line_of(text, at),
        message,
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        invalid(at, e.message().trim().to_string())
    })?;
    let mut config = Config::default();
    if let Some(dir) = raw.data_dir {
        config.data_dir = Some(dir);
    }
    if let Some(clipboard) = raw.clipboard {
        config.clipboard = clipboard;
    }
    if let Some(layout) = raw.layout {
        if let Some(share) = layout.side_share {
            if !(10..=50).contains(share.get_ref()) {
                return Err(invalid(
                    share.span().start,
                    format!(
                        "side_share is a percentage from 10 to 50, not {}",
                        share.get_ref()
                    ),
                ));
            }
            config.layout.side_share = *share.get_ref();
        }
        if let Some(width) = layout.reader_max_width {
            if !(40..=400).contains(width.get_ref()) {
                return Err(invalid(
                    width.span().start,
                    format!(
                        "reader_max_width is from 40 to 400 columns, not {}",
                        width.get_ref()
                    ),
                ));
            }
            config.layout.reader_max_width = *width.get_ref();
        }
    }
    for (field, value) in raw.theme.into_iter().flatten() {
        if Theme::default().style(field.get_ref()).is_none() {
            return Err(invalid(
                field.span().start,
                format!(
                    "no theme style is called “{}” (known: {})",
                    field.get_ref(),
                    Theme::FIELDS.join(", ")
                ),
            ));
        }
        let style = parse_style(value.get_ref()).map_err(|m| invalid(value.span().start, m))?;
        config.theme.styles.push((field.into_inner(), style));
    }
    for (context_name, bindings) in raw.keys.into_iter().flatten() {
        let Some(context) = Context::ALL
            .into_iter()
            .find(|c| c.name() == context_name.get_ref())
        else {
            return Err(invalid(
                context_name.span().start,
                format!(
                    "no key context is called “{}” (known: {})",
                    context_name.get_ref(),
                    Context::ALL.map(Context::name).join(", ")
                ),
            ));
        };
        for (action, keys) in bindings {
            let parsed = keys
                .get_ref()
                .keys()
                .into_iter()
                .map(Key::parse)
                .collect::<Result<Vec<Key>, String>>()
                .map_err(|m| invalid(keys.span().start, m))?;
            config
                .keymap
                .rebind(context, action.get_ref(), parsed)
                .map_err(|m| invalid(action.span().start, m))?;
        }
    }
    Ok(config)
}

/// The 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.get(..at)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// A style from words: colours (`green`, `#ff8800`, `on blue` for the
/// background) and attributes (`bold`, `italic`, `underline`, `dim`,
/// `reversed`).
pub fn parse_style(words: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut background = false;
    for word in words.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        let modifier = match lower.as_str() {
            "bold" => Some(Modifier::BOLD),
            "italic" => Some(Modifier::ITALIC),
            "underline" | "underlined" => Some(Modifier::UNDERLINED),
            "dim" => Some(Modifier::DIM),
            "reversed" | "reverse" => Some(Modifier::REVERSED),
            _ => None,
        };
        if let Some(modifier) = modifier {
            style = style.add_modifier(modifier);
            continue;
        }
        if lower == "on" {
            background = true;
            continue;
        }
        let colour = parse_colour(&lower).ok_or_else(|| {
            format!(
                "“{word}” is not a colour or attribute (colours: black, red, green, yellow, \
                 blue, magenta, cyan, gray, dark-gray, light-red … white, #rrggbb; \
                 attributes: bold, italic, underline, dim, reversed; “on COLOUR” for the background)"
            )
        })?;
        if background {
            style = style.bg(colour);
            background = false;
        } else {
            style = style.fg(colour);
        }
    }
    if background {
        return Err("“on” needs a colour after it".into());
    }
    Ok(style)
}

fn parse_colour(word: &str) -> Option<Color> {
    if let Some(hex) = word.strip_prefix('#') {
        if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            let value = u32::from_str_radix(hex, 16).ok()?;
            return Some(Color::Rgb(
                (value >> 16) as u8,
                (value >> 8) as u8,
                value as u8,
            ));
        }
        return None;
    }
    Some(match word.replace(['-', '_'], "").as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

/// The defaults as a configuration file, every line commented out, as
/// `onrecord config --print-default` writes them. Made from the keymap
/// table and the theme, so it cannot fall behind them.
pub fn default_text() -> String {
    let defaults = Config::default();
    let layout = defaults.layout;
    let mut out = String::from(
        "# onrecord configuration: $XDG_CONFIG_HOME/onrecord/config.toml\n\
         # Every setting is optional; remove the '# ' before one to change it.\n\n\
         # Where bookmarks and notes are kept (default: the platform's data directory).\n\
         # data_dir = \"/path/to/onrecord-data\"\n\n\
         # Whether y may copy a quotation to the clipboard through the terminal (OSC 52).\n",
    );
    out.push_str(&format!("# clipboard = {}\n\n", defaults.clipboard));
    out.push_str(
        "[layout]\n# The list's share of the width when three panes show, in percent (10-50).\n",
    );
    out.push_str(&format!("# side_share = {}\n", layout.side_share));
    out.push_str("# The widest text column of the reader; spare columns go to the quotes panel.\n");
    out.push_str(&format!(
        "# reader_max_width = {}\n\n",
        layout.reader_max_width
    ));
    out.push_str(
        "# Styles: colours (black red green yellow blue magenta cyan gray dark-gray\n\
         # light-red light-green light-yellow light-blue light-magenta light-cyan white\n\
         # #rrggbb, 'on COLOUR' for the background) and attributes (bold italic underline\n\
         # dim reversed). Under NO_COLOR only the attributes apply.\n[theme]\n",
    );
    let theme = Theme::colour();
    for field in Theme::FIELDS {
        if let Some(style) = theme.style(field) {
            out.push_str(&format!("# {field} = \"{}\"\n", style_words(style)));
        }
    }
    out.push_str(
        "\n# Keys, per context: action = [\"key\", …], written as the help writes them\n\
         # (j, G, Ctrl-d, Enter, Esc, Space, PgDn, Shift-Tab, F1). A key given to an\n\
         # action leaves any other action of the same context.\n",
    );
    for context in Context::ALL {
        out.push_str(&format!("[keys.{}]\n", context.name()));
        for binding in defaults.keymap.bindings_for(context) {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| format!("{:?}", k.label()))
                .collect();
            out.push_str(&format!(
                "# {} = [{}]  # {}\n",
                action_name(&binding.action),
                keys.join(", "),
                binding.help
            ));
        }
        out.push('\n');
    }
    out
}

/// A style as the words [`parse_style`] reads.
fn style_words(style: Style) -> String {
    let mut words = Vec::new();
    let colour = |c: Color| match c {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::DarkGray => "dark-gray".into(),
        Color::LightRed => "light-red".into(),
        Color::LightGreen => "light-green".into(),
        Color::LightYellow => "light-yellow".into(),
        Color::LightBlue => "light-blue".into(),
        Color::LightMagenta => "light-magenta".into(),
        Color::LightCyan => "light-cyan".into(),
        other => format!("{other:?}").to_lowercase(),
    };
    if let Some(fg) = style.fg {
        words.push(colour(fg));
    }
    if let Some(bg) = style.bg {
        words.push(format!("on {}", colour(bg)));
    }
    for (modifier, word) in [
        (Modifier::BOLD, "bold"),
        (Modifier::ITALIC, "italic"),
        (Modifier::UNDERLINED, "underline"),
        (Modifier::DIM, "dim"),
        (Modifier::REVERSED, "reversed"),
    ] {
        if style.add_modifier.contains(modifier) {
            words.push(word.into());
        }
    }
    words.join(" ")
}

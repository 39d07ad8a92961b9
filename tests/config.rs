//! The configuration file: defaults, the user's changes over them, clear
//! errors that name the line, and the reader showing what is in force.

use assert_cmd::Command;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use onrecord::config::{self, parse, parse_style, ConfigError};
use onrecord::ui::keymap::{Context, Key, Keymap};
use onrecord::ui::theme::Theme;
use onrecord::ui::Action;
use ratatui::style::{Color, Modifier, Style};

/// The defaults text with every setting uncommented.
fn uncommented_defaults() -> String {
    config::default_text()
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest.split_once(" = ").is_some_and(|(name, _)| {
                    name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                }) =>
            {
                rest.to_string()
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_written_defaults_are_the_defaults() {
    let text = uncommented_defaults();
    let config = parse(&text, "defaults").expect("the defaults parse");
    let defaults = config::Config::default();
    assert_eq!(config.keymap, defaults.keymap);
    assert_eq!(config.layout, defaults.layout);
    assert_eq!(config.clipboard, defaults.clipboard);
    let mut theme = Theme::colour();
    config.theme.apply(&mut theme, false);
    for field in Theme::FIELDS {
        let (mine, default) = (theme.style(field), Theme::colour().style(field));
        // An underline's own colour is not written in the file.
        let without_underline_colour = default.map(|s| Style {
            underline_color: None,
            ..s
        });
        assert_eq!(mine, without_underline_colour, "{field}");
    }
    // Commented out, it changes nothing at all.
    let commented = parse(&config::default_text(), "defaults").expect("parses");
    assert_eq!(commented, defaults);
}

#[test]
fn settings_merge_over_the_defaults() {
    let text = r##"
clipboard = false

[layout]
reader_max_width = 72

[theme]
person = "red bold"
quote = "#ff8800 on black italic"

[keys.reader]
next_quote = ["n", "Ctrl-n"]
"##;
    let config = parse(text, "test").expect("parses");
    assert!(!config.clipboard);
    assert_eq!(config.layout.reader_max_width, 72);
    assert_eq!(config.layout.side_share, 22, "unset stays default");
    let mut theme = Theme::colour();
    config.theme.apply(&mut theme, false);
    assert_eq!(
        theme.person,
        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
    );
    assert_eq!(
        theme.quote,
        Style::new()
            .fg(Color::Rgb(0xff, 0x88, 0))
            .bg(Color::Black)
            .add_modifier(Modifier::ITALIC)
    );
    assert_eq!(theme.place, Theme::colour().place, "unset stays default");
    // NO_COLOR wins: only the attributes stay.
    let mut mono = Theme::monochrome();
    config.theme.apply(&mut mono, true);
    assert_eq!(mono.person, Style::new().add_modifier(Modifier::BOLD));
    let n = Key::parse("n").expect("a key");
    let ctrl_n = Key::parse("Ctrl-n").expect("a key");
    let km = &config.keymap;
    assert_eq!(km.lookup(Context::Reader, n), Some(Action::NextQuote));
    assert_eq!(km.lookup(Context::Reader, ctrl_n), Some(Action::NextQuote));
    // `]` no longer jumps; `n` left "next match", which keeps its other keys.
    let bracket = Key::parse("]").expect("a key");
    assert_eq!(km.lookup(Context::Reader, bracket), None);
    assert_eq!(
        Keymap::default().lookup(Context::Reader, n),
        Some(Action::FindNext)
    );
    assert!(km.keys_for(Context::Reader, &Action::FindNext).is_empty());
    // Other contexts keep theirs.
    assert_eq!(km.lookup(Context::Select, bracket), Some(Action::NextQuote));
}

fn error_line(text: &str) -> (usize, String) {
    match parse(text, "config.toml") {
        Err(ConfigError::Invalid { line, message, .. }) => (line, message),
        other => panic!("expected an error for {text:?}, got {other:?}"),
    }
}

#[test]
fn bad_input_is_a_clear_error_naming_the_line() {
    let (line, message) = error_line("[keys.reader]\n\nnext_quotez = [\"x\"]\n");
    assert_eq!(line, 3);
    assert!(
        message.contains("next_quotez") && message.contains("next_quote"),
        "{message}"
    );
    let (line, message) = error_line("[keys.reader]\nnext_quote = [\"Hyper-x\"]\n");
    assert_eq!(line, 2);
    assert!(message.contains("Hyper-x"), "{message}");
    let (line, message) = error_line("[keys.lists]\nup = \"k\"\n");
    assert_eq!(line, 1);
    assert!(message.contains("lists"), "{message}");
    let (line, message) = error_line("[theme]\nperson = \"green\"\nplace = \"blurple\"\n");
    assert_eq!(line, 3);
    assert!(message.contains("blurple"), "{message}");
    let (line, message) = error_line("[theme]\npersons = \"green\"\n");
    assert_eq!(line, 2);
    assert!(message.contains("persons"), "{message}");
    let (line, _) = error_line("clipboard = true\ncolour = 3\n");
    assert_eq!(line, 2, "unknown settings are errors");
    let (line, _) = error_line("clipboard = true\n[layout\n");
    assert_eq!(line, 2, "malformed TOML");
    let (line, message) = error_line("[layout]\nside_share = 90\n");
    assert_eq!(line, 2);
    assert!(message.contains("side_share"), "{message}");
    assert!(parse_style("on").is_err());
    assert!(parse_style("green on").is_err());
}

#[test]
fn a_rebound_key_shows_in_help_and_works() {
    let config = parse("[keys.global]\ntoggle_entities_none = \"x\"\n", "t");
    assert!(config.is_err(), "an action the context lacks");
    let config = parse("[keys.global]\nshow_annotations = [\"N\"]\n", "t").expect("parses");
    let corpus = onrecord::index::Corpus::build(
        onrecord::load::embedded_seeds()
            .iter()
            .map(onrecord::clean::clean)
            .collect(),
    );
    let mut app = onrecord::ui::App::new(corpus, 120, 40);
    app.keymap = config.keymap.clone();
    let help: Vec<String> = onrecord::ui::render::help_lines(&app.theme, &app.keymap)
        .iter()
        .map(|line| line.to_string())
        .collect();
    let row = help
        .iter()
        .find(|l| l.contains("list the annotations"))
        .expect("a help row");
    assert!(row.trim_start().starts_with('N'), "{row}");
    assert!(!row.contains(" A "), "{row}");
    let press = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    assert_eq!(onrecord::ui::action_for(&app, &press('A')), None);
    let action = onrecord::ui::action_for(&app, &press('N')).expect("bound");
    onrecord::ui::update(&mut app, action);
    assert!(app.mode.notes_view().is_some(), "N opened the annotations");
}

#[test]
fn a_bad_file_stops_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[theme]\nperson = \"\u{1b}[2Jgreen\"\n").expect("write");
    let out = Command::cargo_bin("onrecord")
        .expect("binary")
        .arg("--config")
        .arg(&path)
        .env("ONRECORD_DATA_DIR", dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing drawn");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "no escape reaches the terminal: {stderr:?}"
    );
    assert_eq!(stderr.lines().count(), 1, "one message: {stderr}");
}

#[test]
fn print_default_writes_a_file_that_reads_back() {
    let out = Command::cargo_bin("onrecord")
        .expect("binary")
        .args(["config", "--print-default"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("[keys.reader]") && text.contains("# next_quote = [\"]\"]"));
    assert!(parse(&text, "printed").is_ok());
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use onrecord::model::Article;
use onrecord::ui::{self, App};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// The bundled seeds, cleaned.
pub fn seed_articles() -> Vec<Article> {
    onrecord::load::embedded_seeds()
        .iter()
        .map(onrecord::clean::clean)
        .collect()
}

/// A reader over the seeds at `width` × `height`, monochrome-free default theme.
pub fn seed_app(width: u16, height: u16) -> App {
    App::new(
        onrecord::index::Corpus::build(seed_articles()),
        width,
        height,
    )
}

/// An invented article, cleaned as a file at `path` holding `bytes`.
pub fn article_from(path: &str, bytes: impl Into<Vec<u8>>) -> Article {
    onrecord::clean::clean(&onrecord::load::RawDoc {
        meta: Default::default(),
        path: path.into(),
        bytes: bytes.into(),
    })
}

/// The status line's newest notice ("" before any).
pub fn last_notice(app: &App) -> &str {
    app.notices.last().map_or("", String::as_str)
}

/// A key press event.
pub fn press(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

/// Feeds keys written like `"jj<Enter>G<C-d>"` through the keymap.
pub fn keys(app: &mut App, spec: &str) {
    for event in parse_keys(spec) {
        if let Some(action) = ui::action_for(app, &event) {
            ui::update(app, action);
        }
    }
}

fn parse_keys(spec: &str) -> Vec<Event> {
    let mut events = Vec::new();
    let mut rest = spec;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let name = &rest[1..end];
                rest = &rest[end + 1..];
                let (code, mods) = match name {
                    "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                    "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                    "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                    "S-Tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                    "Down" => (KeyCode::Down, KeyModifiers::NONE),
                    "Up" => (KeyCode::Up, KeyModifiers::NONE),
                    "PageDown" => (KeyCode::PageDown, KeyModifiers::NONE),
                    "PageUp" => (KeyCode::PageUp, KeyModifiers::NONE),
                    "Home" => (KeyCode::Home, KeyModifiers::NONE),
                    "End" => (KeyCode::End, KeyModifiers::NONE),
                    "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
                    "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
                    other if other.starts_with("C-") => (
                        KeyCode::Char(other.chars().nth(2).unwrap_or(' ')),
                        KeyModifiers::CONTROL,
                    ),
                    other => panic!("unknown key <{other}>"),
                };
                events.push(press(code, mods));
                continue;
            }
        }
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        events.push(press(KeyCode::Char(c), mods));
        rest = &rest[c.len_utf8()..];
    }
    events
}

/// Draws the app into a test terminal of its own size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("test terminal");
    terminal.draw(|frame| ui::render(app, frame)).expect("draw");
    terminal
}

/// The screen as plain text, one line per row.
pub fn screen_text(app: &App) -> String {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// The screen cell where `needle` first appears on screen, if it does.
pub fn find_on_screen(app: &App, needle: &str) -> Option<(u16, u16)> {
    find_in(app, app.size, needle)
}

/// The first cell where `needle` starts inside `area`.
pub fn find_in(app: &App, area: ratatui::layout::Rect, needle: &str) -> Option<(u16, u16)> {
    let text = screen_text(app);
    for (y, line) in text.lines().enumerate() {
        let y = y as u16;
        if y < area.y || y >= area.y + area.height {
            continue;
        }
        for (at, _) in line.match_indices(needle) {
            let x = unicode_width::UnicodeWidthStr::width(&line[..at]) as u16;
            if x >= area.x && x < area.x + area.width {
                return Some((x, y));
            }
        }
    }
    None
}

/// The style of the cell at (x, y) as drawn.
pub fn cell_style(app: &App, (x, y): (u16, u16)) -> ratatui::style::Style {
    let terminal = draw(app);
    terminal.backend().buffer()[(x, y)].style()
}

/// The invented outlets of `tests/fixtures/outlets/` (development data),
/// cleaned.
pub fn outlet_articles() -> Vec<Article> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outlets");
    let loaded = onrecord::load::load_paths(&[dir]).expect("fixtures load");
    loaded.docs.iter().map(onrecord::clean::clean).collect()
}

/// (article index, quote index) of the quotation containing `words` in the
/// article of `outlet`.
pub fn find_quote(corpus: &onrecord::index::Corpus, outlet: &str, words: &str) -> (usize, usize) {
    let ai = corpus
        .articles
        .iter()
        .position(|a| onrecord::index::outlet_name(a) == outlet)
        .expect("outlet");
    let text = &corpus.articles[ai].text;
    let qi = corpus
        .analysis(ai)
        .expect("analyzed")
        .quotes
        .iter()
        .position(|q| q.span.text(text).contains(words))
        .unwrap_or_else(|| panic!("no quotation with {words:?} in {outlet}"));
    (ai, qi)
}

/// The real binary with its store in `dir`, unaffected by the caller's
/// environment.
pub fn onrecord(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("onrecord").expect("the binary");
    cmd.arg("--data-dir")
        .arg(dir)
        .env_remove("ONRECORD_DATA_DIR")
        .env_remove("ONRECORD_CONFIG");
    cmd
}

/// The store file in `dir` as an older version left it: the SQL in
/// `tests/fixtures/store/NAME` run on a new database.
pub fn old_store(dir: &std::path::Path, name: &str) {
    let sql = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/store")
            .join(name),
    )
    .unwrap();
    rusqlite::Connection::open(dir.join(onrecord::store::DB_FILE))
        .unwrap()
        .execute_batch(&sql)
        .unwrap();
}

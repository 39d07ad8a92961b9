//! The `/` prompt: incremental search in the reading pane, filtering in the
//! list.

use crossterm::event::KeyEvent;
use tui_textarea::TextArea;

use crate::model::BlockKind;
use crate::ui::highlight::{Highlight, Layer};
use crate::ui::mode::{Choice, Mode, Pick, Prompt, PromptKind};
use crate::ui::search::find_all;
use crate::ui::state::{App, Pane, Search};

/// Opens the prompt for the focused pane.
pub fn open(app: &mut App) {
    let kind = match app.focus {
        Pane::Reader => PromptKind::Search,
        Pane::List | Pane::Panel => PromptKind::Filter,
    };
    let mut input = TextArea::default();
    input.set_cursor_line_style(ratatui::style::Style::new());
    let origin_filter = app.list.filter.clone();
    if kind == PromptKind::Filter {
        if let Some(filter) = &origin_filter {
            input.insert_str(filter);
        }
    }
    app.mode = Mode::Prompt(Box::new(Prompt {
        kind,
        input,
        origin_scroll: app.reader.as_ref().map_or(0, |r| r.scroll),
        origin_filter,
        choices: Vec::new(),
        matches: Vec::new(),
        choice: 0,
        new_name: None,
        back: Mode::Normal,
    }));
}

/// Opens the fuzzy speaker picker, listing every speaker.
pub fn open_picker(app: &mut App) {
    let choices = speaker_choices(app, None, "");
    open_pick(app, Pick::Follow, choices);
}

/// Every speaker as the picker offers them, most quoted first; `current`
/// (the speaker the choice would change) last, saying `what` they are, so
/// that typing one of their names finds them rather than making a new
/// speaker.
pub fn speaker_choices(app: &App, current: Option<&str>, what: &str) -> Vec<Choice> {
    let choice = |s: &crate::index::Speaker, detail: String| Choice {
        name: s.name.clone(),
        detail,
        also: s.aliases.clone(),
    };
    let counts =
        |s: &crate::index::Speaker| crate::ui::render::counts(s.quotes.len(), s.articles.len());
    let mut choices: Vec<Choice> = app
        .corpus
        .speakers
        .iter()
        .filter(|s| Some(s.name.as_str()) != current)
        .map(|s| choice(s, counts(s)))
        .collect();
    if let Some(s) = current.and_then(|name| app.corpus.speaker_named(name)) {
        choices.push(choice(s, format!("{what} · {}", counts(s))));
    }
    choices
}

/// Opens the speaker picker over `choices`, for `pick`.
pub fn open_pick(app: &mut App, pick: Pick, choices: Vec<Choice>) {
    let mut input = TextArea::default();
    input.set_cursor_line_style(ratatui::style::Style::new());
    // Over what is open (who quotes whom, the explanation), which has the
    // keyboard again once a speaker is picked.
    let back = std::mem::take(&mut app.mode);
    app.mode = Mode::Prompt(Box::new(Prompt {
        kind: PromptKind::Speaker(pick),
        input,
        origin_scroll: app.reader.as_ref().map_or(0, |r| r.scroll),
        origin_filter: app.speaker_filter.clone(),
        matches: (0..choices.len()).collect(),
        choices,
        choice: 0,
        new_name: None,
        back,
    }));
}

/// Moves the picker's choice.
pub fn choose(app: &mut App, delta: isize) {
    let Mode::Prompt(prompt) = &mut app.mode else {
        return;
    };
    if prompt.entries() == 0 {
        return;
    }
    let last = prompt.entries().saturating_sub(1);
    prompt.choice = (prompt.choice as isize + delta).clamp(0, last as isize) as usize;
}

/// A key typed into the prompt: edit the line, then search or filter as
/// the user types.
pub fn input(app: &mut App, key: KeyEvent) {
    let Mode::Prompt(prompt) = &mut app.mode else {
        return;
    };
    if prompt.input.input(key) {
        changed(app);
    }
}

/// Pasted text goes into the prompt on one line, control characters
/// dropped.
pub fn paste(app: &mut App, text: &str) {
    let Mode::Prompt(prompt) = &mut app.mode else {
        return;
    };
    let clean: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    if prompt.input.insert_str(clean) {
        changed(app);
    }
}

fn changed(app: &mut App) {
    let Some(prompt) = app.mode.prompt() else {
        return;
    };
    let query = prompt.text();
    match prompt.kind {
        PromptKind::Search => {
            let origin = prompt.origin_scroll;
            run_search(app, &query, origin);
        }
        PromptKind::Filter => {
            app.list.filter = (!query.is_empty()).then_some(query);
            app.refilter();
        }
        PromptKind::Speaker(_) => {
            if let Mode::Prompt(prompt) = &mut app.mode {
                let names: Vec<&str> = prompt.choices.iter().map(|c| c.name.as_str()).collect();
                let mut matches = rank(&names, &query);
                // A speaker one of whose names was typed comes first, even
                // when that name is not part of the one shown.
                let named: Vec<usize> = (0..prompt.choices.len())
                    .filter(|&i| prompt.choices[i].is_named(&query))
                    .collect();
                matches.retain(|i| !named.contains(i));
                prompt.matches = named.into_iter().chain(matches).collect();
                prompt.choice = 0;
                prompt.new_name = prompt.typed_name();
            }
        }
    }
}

/// Indices of `names` matching `query` fuzzily, best first; all of them,
/// in order, for an empty query.
pub fn rank(names: &[&str], query: &str) -> Vec<usize> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    if query.trim().is_empty() {
        return (0..names.len()).collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            pattern
                .score(Utf32Str::new(name, &mut buf), &mut matcher)
                .map(|score| (score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// Keeps what the prompt did and closes it.
pub fn accept(app: &mut App) {
    let Some(prompt) = take_prompt(app) else {
        return;
    };
    match &prompt.kind {
        PromptKind::Search if prompt.text().is_empty() => app.search = None,
        PromptKind::Search if app.search.as_ref().is_some_and(|s| s.hits.is_empty()) => {
            app.notify(format!("no match for “{}”", prompt.text()));
        }
        PromptKind::Speaker(pick) => match prompt.chosen() {
            Some(name) => super::correct::picked(app, pick.clone(), name),
            None if *pick == Pick::Follow => {}
            None => app.notify("no speaker chosen: nothing changed"),
        },
        _ => {}
    }
}

/// Closes the prompt, handing it back.
fn take_prompt(app: &mut App) -> Option<Box<Prompt>> {
    match std::mem::take(&mut app.mode) {
        Mode::Prompt(mut prompt) => {
            app.mode = std::mem::take(&mut prompt.back);
            Some(prompt)
        }
        other => {
            app.mode = other;
            None
        }
    }
}

/// Undoes what the prompt did and closes it.
pub fn cancel(app: &mut App) {
    let Some(prompt) = take_prompt(app) else {
        return;
    };
    match prompt.kind {
        PromptKind::Search => {
            app.search = None;
            app.scroll_reader_to(prompt.origin_scroll);
        }
        PromptKind::Filter => {
            app.list.filter = prompt.origin_filter;
            app.refilter();
        }
        PromptKind::Speaker(_) => {}
    }
}

/// Searches the open article for `query` and shows the first hit at or
/// after the row `from`.
/// Opened from a list filtered by words of the body: shows the first of
/// them, searching the article for the filter so `n`/`N` go on from there.
pub fn land_on_first_hit(app: &mut App) {
    let Some(reader) = &app.reader else { return };
    let article = reader.article;
    if !app.list.body_hits.contains_key(&article) {
        return;
    }
    let Some(filter) = app.list.filter.clone() else {
        return;
    };
    run_search(app, &filter, 0);
    if app.search.as_ref().is_some_and(|s| s.hits.is_empty()) {
        // The words are apart in this article: show the first of them.
        app.search = None;
        restyle(app);
        let first = app
            .corpus
            .articles
            .get(article)
            .and_then(|a| crate::index::fulltext::first_hit(&a.text, &filter));
        if let Some(range) = first {
            app.reveal(range.start);
        }
    }
}

fn run_search(app: &mut App, query: &str, from: usize) {
    let Some(reader) = &app.reader else { return };
    let article_index = reader.article;
    let Some(article) = app.corpus.articles.get(article_index) else {
        return;
    };
    if query.is_empty() {
        app.search = None;
        app.scroll_reader_to(from);
        return;
    }
    // The headline and subtitle are in the text but show in the header,
    // not the body: a hit there could not be scrolled to.
    let hidden: Vec<std::ops::Range<usize>> = article
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Title | BlockKind::Subtitle))
        .map(|b| b.range.clone())
        .collect();
    let hits: Vec<_> = find_all(&article.text, query)
        .into_iter()
        .filter(|hit| !hidden.iter().any(|h| h.contains(&hit.start)))
        .collect();
    let from_offset = reader.layout.offset_of_row(from).unwrap_or(0);
    let current = if hits.is_empty() {
        None
    } else {
        Some(hits.partition_point(|h| h.start < from_offset) % hits.len())
    };
    app.search = Some(Search {
        query: query.to_string(),
        article: article_index,
        layer: Layer::default(),
        hits,
        current,
    });
    restyle(app);
    match current_hit(app) {
        Some(start) => app.reveal(start),
        None => app.scroll_reader_to(from),
    }
}

/// Moves to the next (or previous) hit, wrapping around; runs the last
/// query again when another article is open.
pub fn step(app: &mut App, forward: bool) {
    let Some(search) = &app.search else { return };
    let open = app.reader.as_ref().map(|r| r.article);
    if open != Some(search.article) {
        let query = search.query.clone();
        let scroll = app.reader.as_ref().map_or(0, |r| r.scroll);
        run_search(app, &query, scroll);
        return;
    }
    let Some(search) = &mut app.search else {
        return;
    };
    let count = search.hits.len();
    if count == 0 {
        let query = search.query.clone();
        app.notify(format!("no match for “{query}”"));
        return;
    }
    search.current = Some(match search.current {
        Some(i) if forward => (i + 1) % count,
        Some(i) => (i + count - 1) % count,
        None => 0,
    });
    restyle(app);
    if let Some(start) = current_hit(app) {
        app.reveal(start);
    }
}

fn current_hit(app: &App) -> Option<usize> {
    let search = app.search.as_ref()?;
    search.hits.get(search.current?).map(|h| h.start)
}

fn restyle(app: &mut App) {
    let (hit, current) = (app.theme.search_hit, app.theme.search_current);
    let Some(search) = &mut app.search else {
        return;
    };
    search.layer = Layer::new(
        search
            .hits
            .iter()
            .enumerate()
            .map(|(i, range)| Highlight {
                range: range.clone(),
                style: if Some(i) == search.current {
                    current
                } else {
                    hit
                },
            })
            .collect(),
    );
}

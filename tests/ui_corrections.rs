//! Corrections by the reader, through the keys: why a quotation has its
//! speaker (the popup), giving it to another speaker with the picker or a
//! new name, marking it not a quotation, undoing, merging and splitting
//! speakers in the panel, and the correction reaching the real SQLite
//! store and coming back from it. Articles are the invented outlets of
//! `tests/fixtures/outlets/` and small invented texts written here
//! (development data).

mod common;

use common::{find_quote, keys, last_notice, outlet_articles, screen_text};
use onrecord::index::Corpus;
use onrecord::store::{Edit, Fix, Store};
use onrecord::ui::mode::Mode;
use onrecord::ui::panel::PanelItem;
use onrecord::ui::state::Pane;
use onrecord::ui::sync::NotesSync;
use onrecord::ui::{update, Action, App};

const JOBS: &str = "Nobody loses a job";

fn outlets_app(width: u16, height: u16) -> App {
    App::new(Corpus::build(outlet_articles()), width, height)
}

/// Opens the article of `outlet` in the reader and marks the quotation
/// holding `words` with `]`, as a user would.
fn mark(app: &mut App, outlet: &str, words: &str) -> (usize, usize) {
    let (article, quote) = find_quote(&app.corpus, outlet, words);
    let position = app
        .list
        .visible
        .iter()
        .position(|&i| i == article)
        .expect("listed");
    while app.focus != Pane::List {
        keys(app, "<Tab>");
    }
    app.select(position);
    keys(app, "<Enter>");
    assert_eq!(app.focus, Pane::Reader);
    for _ in 0..20 {
        if app.reader.as_ref().and_then(|r| r.marked_quote) == Some(quote) {
            return (article, quote);
        }
        keys(app, "]");
    }
    panic!("] never reached the quotation with {words:?}");
}

/// Types text into the prompt.
fn type_text(app: &mut App, text: &str) {
    use crossterm::event::{KeyCode, KeyModifiers};
    for c in text.chars() {
        let event = common::press(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = onrecord::ui::action_for(app, &event) {
            update(app, action);
        }
    }
}

/// The kinds of the corrections queued for the store (other edits, such
/// as an article read, left out).
fn queued(app: &App) -> Vec<&'static str> {
    app.notes
        .outbox
        .iter()
        .filter_map(|e| match e {
            Edit::Correct(c) => Some(c.fix.kind()),
            Edit::Uncorrect { .. } => Some("uncorrect"),
            _ => None,
        })
        .collect()
}

#[test]
fn w_explains_the_marked_quotation_and_esc_closes() {
    let mut app = outlets_app(80, 24);
    let (article, quote) = mark(&mut app, "River Post", JOBS);
    keys(&mut app, "w");
    assert_eq!(app.mode.why(), Some((article, quote)));
    let screen = screen_text(&app);
    assert!(screen.contains("Why this speaker"), "{screen}");
    assert!(screen.contains("speaker: Marta Ilic"), "{screen}");
    assert!(screen.contains("the city's harbour director"), "{screen}");
    assert!(
        screen.contains("from ‘said’ after the quotation"),
        "{screen}"
    );
    assert!(screen.contains("rules: trailing-cue, name"), "{screen}");
    keys(&mut app, "<Esc>");
    assert!(matches!(app.mode, Mode::Normal));
    assert!(!screen_text(&app).contains("Why this speaker"));
}

/// The seeds' fourth article, with its first quotation marked.
fn seed_with_quote_marked() -> App {
    let mut app = common::seed_app(80, 24);
    keys(&mut app, "jjj<Enter>]");
    assert!(app.reader.as_ref().and_then(|r| r.marked_quote).is_some());
    app
}

#[test]
fn the_popup_and_the_picker_at_80x24() {
    let mut app = seed_with_quote_marked();
    keys(&mut app, "w");
    insta::assert_snapshot!("why_popup_80x24", screen_text(&app));
    keys(&mut app, "c");
    insta::assert_snapshot!("reassign_picker_80x24", screen_text(&app));
}

/// A corpus of one invented article, loaded from a file as any other.
fn one_article(text: &str) -> Corpus {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("article.txt");
    std::fs::write(&path, text).expect("write");
    let loaded = onrecord::load::load_paths(&[path]).expect("load");
    Corpus::build(loaded.docs.iter().map(onrecord::clean::clean).collect())
}

#[test]
fn a_pronoun_is_explained_with_its_antecedent_and_distance() {
    let corpus = one_article(
        "Union vote ends in a walkout\n\n\
         Jane Roe has led the Example Workers Union since 2019. \
         The members voted on Monday. The result was close.\n\n\
         “We will not give up,” she said.\n",
    );
    let quote = corpus.analysis(0).expect("analyzed").quotes.len() - 1;
    let why = onrecord::ui::why::explain(&corpus, 0, quote).expect("explained");
    assert_eq!(why.speaker, "speaker: Jane Roe");
    assert_eq!(
        why.reasons,
        [
            "from ‘said’ after the quotation",
            "‘she’ → ‘Jane Roe’, three sentences back"
        ]
    );
    assert_eq!(why.rules.as_deref(), Some("rules: trailing-cue, pronoun"));
    assert!(why.corrections.is_empty() && why.machine.is_none());
}

#[test]
fn a_quotation_with_no_cue_says_so() {
    let corpus =
        one_article("Harbour notes\n\nThe port calls the closure a “temporary measure” for now.\n");
    let mut app = App::new(corpus, 80, 24);
    app.mode = Mode::Why {
        article: 0,
        quote: 0,
        back: Box::new(Mode::Normal),
    };
    let screen = screen_text(&app);
    assert!(screen.contains("“temporary measure”"), "{screen}");
    assert!(screen.contains("no speaker: no cue found"), "{screen}");
    assert!(!screen.contains("rules:"), "{screen}");
}

#[test]
fn c_gives_the_quotation_to_a_speaker_picked_and_it_shows_everywhere() {
    let mut app = outlets_app(80, 24);
    let (article, quote) = mark(&mut app, "River Post", JOBS);
    keys(&mut app, "c");
    let screen = screen_text(&app);
    assert!(screen.contains("Who said it?"), "{screen}");
    type_text(&mut app, "reyes");
    keys(&mut app, "<Enter>");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(
        app.corpus.quote_speaker_name(article, quote),
        Some("Tomas Reyes")
    );
    assert!(app.corpus.is_corrected(article, quote));
    assert_eq!(queued(&app), ["reassign_speaker"]);
    // The reader tags it, marked corrected, though the sentence names
    // someone else; the panel counts it under its new speaker.
    let screen = screen_text(&app);
    assert!(screen.contains("—Tomas Reyes ✱"), "{screen}");
    assert!(
        last_notice(&app).contains("given to Tomas Reyes"),
        "{}",
        last_notice(&app)
    );
    let reyes = app
        .corpus
        .speakers
        .iter()
        .find(|s| s.name == "Tomas Reyes")
        .expect("Reyes");
    assert!(reyes.quotes.contains(&(article, quote)));
    // Following him now lists this article.
    keys(&mut app, "S");
    type_text(&mut app, "tomas reyes");
    keys(&mut app, "<Enter>");
    assert!(app.list.visible.contains(&article));
    // The popup says who corrected it and what the machine said.
    keys(&mut app, "w");
    let screen = screen_text(&app);
    assert!(
        screen.contains("corrected by you: given to Tomas Reyes"),
        "{screen}"
    );
    assert!(screen.contains("the machine said: Marta Ilic"), "{screen}");
    // r reverts it, from the popup.
    keys(&mut app, "r");
    assert_eq!(
        app.corpus.quote_speaker_name(article, quote),
        Some("Marta Ilic")
    );
    assert!(!app.corpus.is_corrected(article, quote));
    assert_eq!(queued(&app), ["reassign_speaker", "uncorrect"]);
}

#[test]
fn a_new_name_typed_in_the_picker_becomes_a_speaker() {
    let mut app = outlets_app(80, 24);
    let (article, quote) = mark(&mut app, "River Post", JOBS);
    keys(&mut app, "c");
    type_text(&mut app, "Ana Quist");
    let prompt = app.mode.prompt().expect("picker");
    assert!(prompt.matches.is_empty(), "no one matches");
    assert_eq!(prompt.new_name.as_deref(), Some("Ana Quist"));
    assert!(screen_text(&app).contains("+ new: Ana Quist"));
    keys(&mut app, "<Enter>");
    assert_eq!(
        app.corpus.quote_speaker_name(article, quote),
        Some("Ana Quist")
    );
    // Esc in the picker changes nothing.
    keys(&mut app, "c");
    type_text(&mut app, "Marta");
    keys(&mut app, "<Esc>");
    assert_eq!(
        app.corpus.quote_speaker_name(article, quote),
        Some("Ana Quist")
    );
    assert_eq!(queued(&app), ["reassign_speaker"]);
}

#[test]
fn x_takes_words_out_of_the_record_and_r_puts_them_back() {
    let mut app = outlets_app(80, 24);
    let (article, quote) = mark(&mut app, "River Post", JOBS);
    keys(&mut app, "x");
    assert!(app.corpus.is_rejected(article, quote));
    assert_eq!(app.corpus.quote_speaker_name(article, quote), None);
    assert!(app
        .corpus
        .speakers
        .iter()
        .all(|s| !s.quotes.contains(&(article, quote))));
    // The words stay reachable, marked, for undoing.
    keys(&mut app, "x");
    assert!(
        last_notice(&app).contains("already"),
        "{}",
        last_notice(&app)
    );
    keys(&mut app, "r");
    assert!(!app.corpus.is_rejected(article, quote));
    assert_eq!(
        app.corpus.quote_speaker_name(article, quote),
        Some("Marta Ilic")
    );
    assert_eq!(queued(&app), ["not_a_quotation", "uncorrect"]);
    keys(&mut app, "r");
    assert!(
        last_notice(&app).contains("no correction"),
        "{}",
        last_notice(&app)
    );
}

/// Selects the panel entry of speaker `name`, in the panel's all-articles
/// scope.
fn select_speaker(app: &mut App, name: &str) {
    while app.focus != Pane::Panel {
        keys(app, "<Tab>");
    }
    if app.panel.scope != onrecord::ui::panel::Scope::Corpus {
        keys(app, "s");
    }
    let position = app
        .panel
        .items
        .iter()
        .position(|item| {
            matches!(item, PanelItem::Speaker { speaker, .. }
                if app.corpus.speakers[*speaker].name == name)
        })
        .unwrap_or_else(|| panic!("{name} in the panel"));
    keys(app, "g");
    for _ in 0..position {
        keys(app, "j");
    }
}

#[test]
fn m_merges_a_speaker_into_another_and_the_follow_filter_follows() {
    let mut app = outlets_app(160, 50);
    select_speaker(&mut app, "Marta Ilic");
    keys(&mut app, "f");
    assert_eq!(app.speaker_filter.as_deref(), Some("Marta Ilic"));
    let ilic: Vec<(usize, usize)> = app.filtered_speaker().expect("followed").quotes.clone();
    keys(&mut app, "M");
    assert!(screen_text(&app).contains("Merge Marta Ilic into"));
    type_text(&mut app, "elena brandt");
    keys(&mut app, "<Enter>");
    assert!(app.corpus.speakers.iter().all(|s| s.name != "Marta Ilic"));
    let brandt = app
        .corpus
        .speakers
        .iter()
        .find(|s| s.name == "Elena Brandt")
        .expect("Brandt");
    assert!(ilic.iter().all(|q| brandt.quotes.contains(q)));
    assert_eq!(app.speaker_filter.as_deref(), Some("Elena Brandt"));
    assert_eq!(queued(&app), ["merge_speakers"]);
    // The panel shows her with the merged count; r on her reverts it.
    let count = brandt.quotes.len();
    select_speaker(&mut app, "Elena Brandt");
    assert!(screen_text(&app).contains(&format!("{count} quotes")));
    keys(&mut app, "r");
    assert!(app.corpus.speakers.iter().any(|s| s.name == "Marta Ilic"));
}

#[test]
fn p_splits_an_alias_off_a_speaker() {
    let mut app = outlets_app(160, 50);
    let ferry = find_quote(&app.corpus, "Bay Courier", "book early");
    assert_eq!(
        app.corpus.quote_speaker_name(ferry.0, ferry.1),
        Some("Tomas Reyes")
    );
    select_speaker(&mut app, "Tomas Reyes");
    keys(&mut app, "P");
    let screen = screen_text(&app);
    assert!(
        screen.contains("Which name is not Tomas Reyes?"),
        "{screen}"
    );
    keys(&mut app, "<Enter>");
    assert_eq!(
        app.corpus.quote_speaker_name(ferry.0, ferry.1),
        Some("Reyes")
    );
    assert_eq!(queued(&app), ["split_alias"]);
    // A speaker with no other name has nothing to split.
    select_speaker(&mut app, "Elena Brandt");
    keys(&mut app, "P");
    assert!(matches!(app.mode, Mode::Normal));
    assert!(
        last_notice(&app).contains("no other name"),
        "{}",
        last_notice(&app)
    );
}

/// Takes queued edits to the store and the stored state back, as the
/// event loop does.
fn pump(app: &mut App, sync: &mut NotesSync) {
    let edits = std::mem::take(&mut app.notes.outbox);
    let snapshot = sync.apply(edits);
    update(app, Action::Notes(Box::new(snapshot)));
}

#[test]
fn a_correction_made_with_the_keys_is_in_the_sqlite_file_and_survives_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let open = |app: &mut App| {
        let mut sync = NotesSync::new(Store::open(Some(dir.path())).expect("store"));
        let (snapshot, _) = sync.load(&app.keys());
        update(app, Action::Notes(Box::new(snapshot)));
        sync
    };
    let mut app = outlets_app(80, 24);
    let mut sync = open(&mut app);
    let (article, quote) = mark(&mut app, "River Post", JOBS);
    keys(&mut app, "c");
    type_text(&mut app, "reyes");
    keys(&mut app, "<Enter>");
    pump(&mut app, &mut sync);
    assert!(app.notes.snapshot.waiting.is_empty());
    assert_eq!(app.notes.snapshot.corrections.len(), 1);
    drop(sync);
    // The file itself holds it, anchored to the quoted words.
    let stored = Store::open(Some(dir.path()))
        .expect("store")
        .corrections()
        .expect("read");
    assert_eq!(stored.len(), 1);
    match &stored[0].fix {
        Fix::Reassign { quote, speaker, .. } => {
            assert_eq!(speaker, "Tomas Reyes");
            assert!(quote.quote.exact.contains(JOBS));
        }
        other => panic!("{other:?}"),
    }
    // A new reader on the same store shows it corrected.
    let mut again = outlets_app(80, 24);
    let mut sync = open(&mut again);
    assert_eq!(
        again.corpus.quote_speaker_name(article, quote),
        Some("Tomas Reyes")
    );
    assert!(again.corpus.is_corrected(article, quote));
    // Undone there, it is gone from the file.
    mark(&mut again, "River Post", JOBS);
    keys(&mut again, "r");
    pump(&mut again, &mut sync);
    drop(sync);
    let stored = Store::open(Some(dir.path()))
        .expect("store")
        .corrections()
        .expect("read");
    assert!(stored.is_empty());
}

#[test]
fn w_and_c_work_on_the_panels_quotation_and_on_a_selection() {
    let mut app = outlets_app(160, 50);
    let (article, quote) = find_quote(&app.corpus, "River Post", JOBS);
    select_speaker(&mut app, "Marta Ilic");
    // On a speaker: nothing to explain yet.
    keys(&mut app, "w");
    assert!(matches!(app.mode, Mode::Normal));
    assert!(
        last_notice(&app).contains("select a quotation"),
        "{}",
        last_notice(&app)
    );
    // Expanded, her quotation in the river-post article is listed.
    keys(&mut app, "<Enter>");
    let position = app
        .panel
        .items
        .iter()
        .position(|item| {
            matches!(item, PanelItem::Quote { article: a, quote: q, .. }
                if (*a, *q) == (article, quote))
        })
        .expect("listed");
    for _ in 0..position - app.panel.selected {
        keys(&mut app, "j");
    }
    keys(&mut app, "w");
    assert_eq!(app.mode.why(), Some((article, quote)));
    keys(&mut app, "<Esc>x");
    assert!(app.corpus.is_rejected(article, quote));
    keys(&mut app, "r");
    assert!(!app.corpus.is_rejected(article, quote));
    // In the reader, a selection holding the quotation is what w explains.
    mark(&mut app, "River Post", JOBS);
    keys(&mut app, "v]w");
    assert_eq!(app.mode.why(), Some((article, quote)));
}

#[test]
fn a_typed_surname_or_other_name_picks_the_speaker_it_is_not_a_new_one() {
    let mut app = seed_with_quote_marked();
    let (article, quote) = app
        .reader
        .as_ref()
        .and_then(|r| r.marked_quote.map(|q| (r.article, q)))
        .expect("marked");
    let current = app
        .corpus
        .quote_speaker_name(article, quote)
        .expect("a speaker")
        .to_string();
    let surname = current
        .split_whitespace()
        .last()
        .expect("a name")
        .to_lowercase();
    // The quotation's own speaker, by surname: found, listed first.
    keys(&mut app, "c");
    type_text(&mut app, &surname);
    let prompt = app.mode.prompt().expect("the picker");
    assert_eq!(prompt.new_name, None, "{surname} is {current}");
    assert_eq!(prompt.chosen(), Some(current.clone()));
    assert!(screen_text(&app).contains("its speaker now"));
    keys(&mut app, "<Enter>");
    assert_eq!(last_notice(&app), format!("already {current}'s"));
    assert!(app.corpus.corrections().is_empty());
    // A name no one has is offered as a new one.
    keys(&mut app, "c");
    type_text(&mut app, "zed quill");
    let prompt = app.mode.prompt().expect("the picker");
    assert_eq!(prompt.new_name.as_deref(), Some("zed quill"));
}

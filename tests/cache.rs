//! The reader's start at scale: the list before any file is read, articles
//! arriving from the background, and the analysis cache remembering them
//! (a real folder of files and a real cache folder, in a temp dir).
//! The articles are invented here.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::screen_text;
use onrecord::cache::{encode_body, Cache};
use onrecord::index::Corpus;
use onrecord::load::Source;
use onrecord::ui::worker::{unread_corpus, AnalysisFeed, Loading};

const ARTICLES: &[(&str, &str)] = &[
    (
        "2021-03-04-bridge.txt",
        "Bridge plan approved\n\n“We will open it next spring,” said Walter Brandt, the mayor.\n\n“It costs too much,” Greta Okafor told reporters.\n",
    ),
    (
        "2021-03-05-budget.txt",
        "Budget talks go on\n\n“Nothing has changed,” Walter Brandt said on Tuesday.\n",
    ),
    (
        "later/2021-03-06-river.txt",
        "River levels fall\n\n“The water is going down,” said Olga Haller, an engineer.\n",
    ),
];

fn write_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    for (name, text) in ARTICLES {
        let path = corpus.join(name);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(path, text).expect("article");
    }
    corpus
}

/// Starts as the reader does: the corpus before anything is read, and
/// what to read.
fn start(corpus: &Path, cache_root: &Path) -> (Corpus, Loading) {
    let inputs = vec![corpus.to_path_buf()];
    let found = onrecord::load::discover(&inputs).expect("discover");
    unread_corpus(&inputs, found.sources, Cache::open(cache_root))
}

/// Lets the background read everything into `corpus`.
fn load_all(corpus: &mut Corpus, loading: Loading) {
    let mut feed = AnalysisFeed::start(loading, 0);
    let deadline = Instant::now() + Duration::from_secs(60);
    while feed.pending() && Instant::now() < deadline {
        match feed.drain() {
            Some(batch) => corpus.insert_linked(batch),
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    assert!(corpus.is_complete());
}

/// A corpus folder opened once (everything read and remembered): the temp
/// dir holding it all, the folder, the cache's root and the corpus.
fn started_once() -> (tempfile::TempDir, PathBuf, PathBuf, Corpus) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus_dir = write_corpus(dir.path());
    let cache_root = dir.path().join("cache");
    let (mut first, loading) = start(&corpus_dir, &cache_root);
    load_all(&mut first, loading);
    (dir, corpus_dir, cache_root, first)
}

/// The corpus as reading and analyzing every file at once gives it.
fn built(corpus_dir: &Path) -> Corpus {
    let docs = onrecord::load::load_paths(&[corpus_dir.to_path_buf()]).expect("load");
    Corpus::build(docs.docs.iter().map(onrecord::clean::clean).collect())
}

fn titles(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.title.as_str()).collect()
}

fn speaker_names(corpus: &Corpus) -> Vec<&str> {
    corpus.speakers.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn the_list_comes_from_file_names_before_any_file_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus_dir = write_corpus(dir.path());
    let found = onrecord::load::discover(std::slice::from_ref(&corpus_dir)).expect("discover");
    assert!(found
        .sources
        .iter()
        .all(|s| matches!(s, Source::File(f) if f.len > 0)));
    let (mut corpus, loading) = start(&corpus_dir, &dir.path().join("cache"));
    assert_eq!(
        titles(&corpus),
        ["2021-03-04-bridge", "2021-03-05-budget", "2021-03-06-river"]
    );
    assert_eq!(corpus.articles[0].date.as_deref(), Some("2021-03-04"));
    assert!(!corpus.is_loaded(0) && corpus.articles[0].text.is_empty());
    assert!(corpus.speakers.is_empty());
    load_all(&mut corpus, loading);
    assert!(corpus.is_loaded(0) && corpus.is_loaded(2));
    assert_eq!(
        titles(&corpus),
        [
            "Bridge plan approved",
            "Budget talks go on",
            "River levels fall"
        ]
    );
    // What arrived is what reading everything at once gives.
    let built = built(&corpus_dir);
    assert_eq!(corpus.articles, built.articles);
    assert_eq!(corpus.speakers, built.speakers);
    let mut names = speaker_names(&corpus);
    names.sort_unstable();
    assert_eq!(names, ["Greta Okafor", "Olga Haller", "Walter Brandt"]);
}

#[test]
fn a_second_start_shows_the_list_and_speakers_before_reading() {
    let (_dir, corpus_dir, cache_root, first) = started_once();

    let (mut second, loading) = start(&corpus_dir, &cache_root);
    assert!(!second.is_loaded(0), "nothing read yet");
    assert_eq!(titles(&second), titles(&first));
    assert_eq!(second.speakers, first.speakers);
    assert!(loading.linked);
    load_all(&mut second, loading);
    assert_eq!(second.articles, first.articles);
    assert_eq!(second.speakers, first.speakers);
    assert_eq!(second.analyses, first.analyses);
}

#[test]
fn articles_come_from_the_cache_and_a_damaged_cache_is_not_trusted() {
    let (_dir, corpus_dir, cache_root, first) = started_once();
    let cache = Cache::open(&cache_root).expect("cache");

    // A planted result under the first file's key is what a start reads:
    // proof that it reads the cache rather than analyzing again.
    let key = Cache::body_key(ARTICLES[0].1.as_bytes());
    let (mut planted, analysis) = cache.bodies().get(key).expect("remembered");
    planted.title = "Remembered title".into();
    // Packs sort by time: this one is the newest.
    std::thread::sleep(Duration::from_millis(2));
    let mut writer = cache.body_writer();
    writer.put(key, &encode_body(&planted, &analysis).expect("encode"));
    drop(writer);
    let (mut second, loading) = start(&corpus_dir, &cache_root);
    load_all(&mut second, loading);
    assert_eq!(second.articles[0].title, "Remembered title");

    // Damage every cache file: the start reads the files and analyzes
    // again, and gets the same as the first time.
    for entry in walk(cache.dir()) {
        let mut bytes = std::fs::read(&entry).expect("cache file");
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        std::fs::write(&entry, bytes).expect("damage");
    }
    let (mut third, loading) = start(&corpus_dir, &cache_root);
    assert!(
        third.speakers.is_empty(),
        "a damaged manifest draws nothing"
    );
    assert_eq!(titles(&third)[0], "2021-03-04-bridge");
    load_all(&mut third, loading);
    assert_eq!(third.articles, first.articles);
    assert_eq!(third.speakers, first.speakers);
    // … and the cache is whole again.
    let (fourth, _) = start(&corpus_dir, &cache_root);
    assert_eq!(fourth.speakers, first.speakers);

    // Deleting it loses nothing.
    std::fs::remove_dir_all(&cache_root).expect("delete the cache");
    let (mut fifth, loading) = start(&corpus_dir, &cache_root);
    load_all(&mut fifth, loading);
    assert_eq!(fifth.articles, first.articles);
}

#[test]
fn a_changed_file_is_read_again_and_only_it() {
    let (_dir, corpus_dir, cache_root, first) = started_once();

    let changed = corpus_dir.join(ARTICLES[1].0);
    std::fs::write(
        &changed,
        "Budget talks end\n\n“We have a deal,” said Ingrid Varga, the finance minister.\n",
    )
    .expect("change");
    let (mut second, loading) = start(&corpus_dir, &cache_root);
    // The unchanged files keep their remembered titles; the changed one
    // shows its name until it is read; the speakers wait for it.
    assert_eq!(
        titles(&second),
        [
            "Bridge plan approved",
            "2021-03-05-budget",
            "River levels fall"
        ]
    );
    assert!(!loading.linked && second.speakers.is_empty());
    load_all(&mut second, loading);
    assert_eq!(second.articles[1].title, "Budget talks end");
    assert_eq!(second.speakers, built(&corpus_dir).speakers);
    assert!(speaker_names(&second).contains(&"Ingrid Varga"));
    assert_eq!(second.articles[0], first.articles[0]);
}

/// A moved or copied folder finds its analyses by the bytes: the articles
/// are cleaned again for their new paths (dates and titles come from the
/// names), the analyses are the remembered ones.
#[test]
fn moved_and_copied_files_find_their_analyses() {
    let (dir, corpus_dir, cache_root, first) = started_once();
    let cache = Cache::open(&cache_root).expect("cache");
    // A planted analysis under each file's key: what a start finds there
    // is what it shows, so a start that analyzed again would not show it.
    let mut writer = cache.body_writer();
    let mut planted = Vec::new();
    for (_, text) in ARTICLES {
        let key = Cache::body_key(text.as_bytes());
        let (article, mut analysis) = cache.bodies().get(key).expect("remembered");
        analysis.quotes.clear();
        writer.put(key, &encode_body(&article, &analysis).expect("encode"));
        planted.push(analysis);
    }
    drop(writer);

    let moved = dir.path().join("elsewhere").join("2022-07-08-news");
    std::fs::create_dir_all(moved.parent().expect("folder")).expect("folder");
    std::fs::rename(&corpus_dir, &moved).expect("move");
    let copy = dir.path().join("copy");
    std::fs::create_dir_all(&copy).expect("folder");
    // No headline: its title comes from the new name.
    let untitled = "“Untitled words,” said Walter Brandt.\n";
    std::fs::write(moved.join("2021-03-07-untitled.txt"), untitled).expect("article");
    std::fs::write(copy.join("2023-01-02-copied.txt"), untitled).expect("article");
    for folder in [&moved, &copy] {
        let (mut again, loading) = start(folder, &cache_root);
        load_all(&mut again, loading);
        let built = built(folder);
        let articles: Vec<_> = again
            .articles
            .iter()
            .map(|a| (&a.path, &a.title, &a.date))
            .collect();
        let expected: Vec<_> = built
            .articles
            .iter()
            .map(|a| (&a.path, &a.title, &a.date))
            .collect();
        assert_eq!(articles, expected);
        assert_eq!(again.articles, built.articles);
        if folder == &moved {
            for ((name, _), analysis) in ARTICLES.iter().zip(&planted) {
                let i = again
                    .articles
                    .iter()
                    .position(|a| a.path.ends_with(name))
                    .expect("listed");
                assert_eq!(again.analyses[i].as_ref(), Some(analysis), "{name}");
            }
        }
    }
    // The copy took the date from its own name.
    let (mut copied, loading) = start(&copy, &cache_root);
    load_all(&mut copied, loading);
    assert_eq!(copied.articles[0].date.as_deref(), Some("2023-01-02"));
    assert_eq!(first.articles.len(), ARTICLES.len());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("cache folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The first frame: the list from the files' names, the reader waiting for
/// the open article, the status line counting.
#[test]
fn the_first_frame_lists_unread_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus_dir = write_corpus(dir.path());
    let (corpus, loading) = start(&corpus_dir, &dir.path().join("cache"));
    let mut app = onrecord::ui::App::new(corpus, 120, 30);
    let screen = screen_text(&app);
    assert!(screen.contains("Articles (3)"), "{screen}");
    assert!(screen.contains("2021-03-06-river"), "{screen}");
    assert!(screen.contains("2021-03-06 · not read yet"), "{screen}");
    assert!(screen.contains("analyzing 0/3"), "{screen}");
    let mut feed = AnalysisFeed::start(loading, 0);
    while feed.pending() {
        if let Some(batch) = feed.drain() {
            onrecord::ui::update(&mut app, onrecord::ui::Action::Indexed(Box::new(batch)));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let screen = screen_text(&app);
    assert!(screen.contains("River levels fall"), "{screen}");
    assert!(screen.contains("Walter Brandt"), "{screen}");
    assert!(!screen.contains("analyzing"), "{screen}");
    assert!(!screen.contains("not read yet"), "{screen}");
}

//! Who quotes whom, copying a quotation with its citation and exporting a
//! speaker's quotations, on invented articles from three invented outlets
//! (`tests/fixtures/whoquotes/`: two from the Lakeview Ledger, one each from
//! the North Shore Tribune and the Valley Wire, which is undated). These
//! fixtures are development data.

mod common;

use std::path::PathBuf;

use common::{draw, keys, last_notice, screen_text};
use onrecord::index::whoquotes::{ColumnOrder, Columns, RowOrder};
use onrecord::index::{Corpus, QuoteTable};
use onrecord::model::Article;
use onrecord::ui::mode::Mode;
use onrecord::ui::state::Pane;
use onrecord::ui::{self, App};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/whoquotes")
}

fn articles() -> Vec<Article> {
    let loaded = onrecord::load::load_paths(&[fixtures()]).expect("fixtures load");
    loaded.docs.iter().map(onrecord::clean::clean).collect()
}

fn corpus() -> Corpus {
    Corpus::build(articles())
}

/// A row as (speaker, [(column, count)], total).
type Counts = (String, Vec<(String, usize)>, usize);

/// The table's rows in its order.
fn counts(table: &QuoteTable) -> Vec<Counts> {
    table
        .rows
        .iter()
        .map(|r| {
            let cells = r
                .cells
                .iter()
                .map(|&(c, n)| (table.columns[c as usize].name.clone(), n as usize))
                .collect();
            (r.name.clone(), cells, r.total)
        })
        .collect()
}

fn row(name: &str, cells: &[(&str, usize)], total: usize) -> Counts {
    (
        name.to_string(),
        cells.iter().map(|&(c, n)| (c.to_string(), n)).collect(),
        total,
    )
}

#[test]
fn the_table_counts_each_speaker_per_outlet_and_nothing_else() {
    let corpus = corpus();
    let all: Vec<usize> = (0..corpus.articles.len()).collect();
    let table = QuoteTable::build(&corpus, &all);
    assert_eq!(table.columns_are, Columns::Outlets);
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Lakeview Ledger", "North Shore Tribune", "Valley Wire"]
    );
    // Exactly these rows and cells: no speaker, column or count more.
    assert_eq!(
        counts(&table),
        vec![
            row(
                "Ana Duarte",
                &[("Lakeview Ledger", 3), ("North Shore Tribune", 1)],
                4
            ),
            row(
                "Paul Okafor",
                &[("Lakeview Ledger", 2), ("Valley Wire", 1)],
                3
            ),
            row("Greta Lind", &[("North Shore Tribune", 2)], 2),
        ]
    );
    let totals: Vec<usize> = table.columns.iter().map(|c| c.total).collect();
    assert_eq!(totals, [5, 3, 1]);
    assert_eq!(table.total, 9);
    // A cell's quotations are the ones it counts.
    let ledger = 0;
    let duarte = table.row_of("Ana Duarte").expect("row");
    let quotes = table.quotes_in(&corpus, duarte, Some(ledger));
    assert_eq!(quotes.len(), 3);
    assert!(quotes
        .iter()
        .all(|&(a, _)| corpus.articles[a].outlet.as_deref() == Some("Lakeview Ledger")));
    assert_eq!(table.quotes_in(&corpus, duarte, None).len(), 4);
}

#[test]
fn orders_by_name_by_count_and_by_the_column() {
    let corpus = corpus();
    let all: Vec<usize> = (0..corpus.articles.len()).collect();
    let table = QuoteTable::build(&corpus, &all);
    let names = |order: Vec<usize>| -> Vec<String> {
        order
            .into_iter()
            .map(|r| table.rows[r].name.clone())
            .collect()
    };
    assert_eq!(
        names(table.row_order(RowOrder::Name, 0)),
        ["Ana Duarte", "Greta Lind", "Paul Okafor"]
    );
    let tribune = 1;
    assert_eq!(
        names(table.row_order(RowOrder::Column, tribune)),
        ["Greta Lind", "Ana Duarte", "Paul Okafor"]
    );
    assert_eq!(table.column_order(ColumnOrder::Count), [0, 1, 2]);
    assert_eq!(table.column_order(ColumnOrder::Name), [0, 1, 2]);
}

#[test]
fn with_one_outlet_the_columns_are_its_articles_by_date() {
    let corpus = corpus();
    let ledger: Vec<usize> = (0..corpus.articles.len())
        .filter(|&a| corpus.articles[a].outlet.as_deref() == Some("Lakeview Ledger"))
        .collect();
    assert_eq!(ledger.len(), 2);
    let table = QuoteTable::build(&corpus, &ledger);
    assert_eq!(table.columns_are, Columns::Articles);
    assert_eq!(table.outlet.as_deref(), Some("Lakeview Ledger"));
    let dates: Vec<Option<&str>> = table.columns.iter().map(|c| c.date.as_deref()).collect();
    assert_eq!(dates, [Some("2026-05-04"), Some("2026-05-06")]);
    assert_eq!(
        counts(&table),
        vec![
            row(
                "Ana Duarte",
                &[
                    ("Lakeview bridge to reopen in June", 2),
                    ("Council approves Lakeview repair budget", 1)
                ],
                3
            ),
            row(
                "Paul Okafor",
                &[
                    ("Lakeview bridge to reopen in June", 1),
                    ("Council approves Lakeview repair budget", 1)
                ],
                2
            ),
        ]
    );
}

#[test]
fn an_article_that_names_no_outlet_is_a_column_of_its_own_headed_by_its_title() {
    let mut some = articles();
    for article in &mut some {
        if article.outlet.as_deref() != Some("Lakeview Ledger") {
            article.outlet = None;
        }
    }
    let corpus = Corpus::build(some);
    let all: Vec<usize> = (0..corpus.articles.len()).collect();
    let table = QuoteTable::build(&corpus, &all);
    assert_eq!(table.columns_are, Columns::Outlets);
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    // Never the file's name.
    assert_eq!(
        names,
        [
            "Engineers question Lakeview bridge timetable",
            "Lakeview Ledger",
            "Lakeview traders ask for relief"
        ]
    );
    assert_eq!(table.total, 9);
    // None names an outlet: the columns are the articles, as for one outlet.
    let mut none = articles();
    for article in &mut none {
        article.outlet = None;
    }
    let corpus = Corpus::build(none);
    let table = QuoteTable::build(&corpus, &all);
    assert_eq!(table.columns_are, Columns::Articles);
    assert_eq!(table.outlet, None);
    assert_eq!(table.columns.len(), 4);
    assert_eq!(table.total, 9);
}

#[test]
fn the_timeline_is_by_date_with_undated_articles_last() {
    let corpus = corpus();
    let all: Vec<usize> = (0..corpus.articles.len()).collect();
    let table = QuoteTable::build(&corpus, &all);
    let okafor = table.row_of("Paul Okafor").expect("row");
    let dates: Vec<Option<String>> = table
        .timeline(&corpus, okafor)
        .into_iter()
        .map(|(a, _)| corpus.articles[a].date.clone())
        .collect();
    assert_eq!(
        dates,
        [Some("2026-05-04".into()), Some("2026-05-06".into()), None]
    );
}

fn app(width: u16, height: u16) -> App {
    App::new(corpus(), width, height)
}

/// Opens the first article of `outlet` in the reader.
fn open_outlet(app: &mut App, outlet: &str) {
    let article = app
        .corpus
        .articles
        .iter()
        .position(|a| a.outlet.as_deref() == Some(outlet))
        .unwrap_or_else(|| panic!("an article of {outlet}"));
    app.open_article(article);
}

fn view(app: &App) -> &onrecord::ui::whoquotes::WhoQuotesView {
    match &app.mode {
        Mode::WhoQuotes(view) => view,
        other => panic!("not the who-quotes-whom view: {other:?}"),
    }
}

#[test]
fn the_view_at_80x24() {
    let mut app = app(80, 24);
    keys(&mut app, "W");
    insta::assert_snapshot!("who_quotes_80x24", screen_text(&app));
}

#[test]
fn the_view_wide_with_a_cell_listed_and_the_timeline() {
    let mut app = app(160, 40);
    keys(&mut app, "W");
    insta::assert_snapshot!("who_quotes_160x40", screen_text(&app));
    keys(&mut app, "<Enter>");
    insta::assert_snapshot!("who_quotes_cell_160x40", screen_text(&app));
    keys(&mut app, "<Esc>j<Tab>");
    insta::assert_snapshot!("who_quotes_timeline_160x40", screen_text(&app));
}

#[test]
fn keys_move_sort_list_and_open_a_quotation_in_its_article() {
    let mut app = app(100, 30);
    keys(&mut app, "W");
    assert_eq!(view(&app).speaker_name(), Some("Ana Duarte"));
    // s: by name; again: by the column under the cursor.
    keys(&mut app, "s");
    assert_eq!(view(&app).row_order, RowOrder::Name);
    keys(&mut app, "jl");
    assert_eq!(view(&app).speaker_name(), Some("Greta Lind"));
    assert_eq!(
        view(&app).selected_column().map(|c| c.name.as_str()),
        Some("North Shore Tribune")
    );
    let text = screen_text(&app);
    assert!(
        text.contains("Greta Lind × North Shore Tribune: 2 quotations"),
        "{text}"
    );
    // Enter lists the cell's quotations; Enter on one opens it.
    keys(&mut app, "<Enter>");
    let cell = view(&app).cell.clone().expect("the cell's quotations");
    assert_eq!(cell.quotes.len(), 2);
    keys(&mut app, "j<Enter>");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.focus, Pane::Reader);
    let reader = app.reader.as_ref().expect("reader");
    assert_eq!(
        (reader.article, reader.marked_quote),
        (cell.quotes[1].0, Some(cell.quotes[1].1))
    );
    // The totals column lists all of a speaker's quotations.
    keys(&mut app, "WGllll<Enter>");
    let all = view(&app).cell.clone().expect("every column");
    assert_eq!(all.title, "Greta Lind, every column");
    assert_eq!(all.quotes.len(), 2);
    // Esc: back to the table, then closed.
    keys(&mut app, "<Esc>");
    assert!(view(&app).cell.is_none());
    keys(&mut app, "<Esc>");
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn the_table_covers_the_filtered_list_only() {
    let mut app = app(100, 30);
    // The articles naming Okafor: both of the Ledger's and the Wire's.
    keys(&mut app, "/Okafor<Enter>");
    assert_eq!(app.list.visible.len(), 3, "{:?}", app.list.visible);
    keys(&mut app, "W");
    let table = &view(&app).table;
    assert_eq!(table.columns_are, Columns::Outlets);
    assert_eq!(
        counts(table),
        vec![
            row("Ana Duarte", &[("Lakeview Ledger", 3)], 3),
            row(
                "Paul Okafor",
                &[("Lakeview Ledger", 2), ("Valley Wire", 1)],
                3
            ),
        ]
    );
    assert_eq!(view(&app).articles, 3);
}

#[test]
fn the_followed_speaker_is_under_the_cursor_and_tab_shows_their_timeline() {
    let mut app = app(100, 30);
    app.set_speaker_filter(Some("Greta Lind".into()));
    keys(&mut app, "W<Tab>");
    let v = view(&app);
    assert_eq!(v.speaker_name(), Some("Greta Lind"));
    assert_eq!(v.timeline.title, "Greta Lind");
    assert_eq!(v.timeline.quotes.len(), 2);
    // The list follows her: only the Tribune's article is in the table.
    assert_eq!(v.articles, 1);
    assert_eq!(v.table.total, 3, "Duarte's quotation there counts too");
}

#[test]
fn arriving_analyses_rebuild_the_open_table_once_per_snapshot() {
    let articles = articles();
    let mut app = App::new(Corpus::new(articles.clone()), 100, 30);
    keys(&mut app, "W");
    assert_eq!(view(&app).table.total, 0);
    assert!(screen_text(&app).contains("No quotation with a speaker yet (analyzing 0/4)"));
    let batch: Vec<_> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (i, onrecord::analyze::analyze(a)))
        .collect();
    ui::update(&mut app, onrecord::ui::Action::Analyzed(batch));
    assert_eq!(view(&app).generation, app.corpus.generation());
    assert_eq!(view(&app).table.total, 9);
}

#[test]
fn y_in_the_reader_copies_the_marked_quotation_with_its_citation_by_osc52() {
    let mut app = app(100, 30);
    open_outlet(&mut app, "North Shore Tribune");
    keys(&mut app, "<Tab>]]y");
    assert_eq!(app.focus, Pane::Reader);
    let copied = app
        .clipboard_out
        .take()
        .unwrap_or_else(|| panic!("not copied: {:?}", app.notices));
    assert_eq!(
        copied,
        "“Nobody should promise a date yet,” — Greta Lind, North Shore Tribune, 2026-05-05"
    );
    // The bytes the terminal gets: OSC 52, base64 of the UTF-8, BEL.
    let bytes = ui::clipboard::osc52(&copied);
    assert!(bytes.starts_with("\x1b]52;c;") && bytes.ends_with('\x07'));
    let inner = &bytes["\x1b]52;c;".len()..bytes.len() - 1];
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(inner)
        .expect("base64");
    assert_eq!(decoded, copied.as_bytes());
    // Nothing marked: the first quotation on screen.
    if let Some(reader) = app.reader.as_mut() {
        reader.marked_quote = None;
    }
    keys(&mut app, "gy");
    let first = app.clipboard_out.take().expect("copied");
    assert!(
        first.starts_with("“The deck needs another load test"),
        "{first}"
    );
    // Off under the setting: nothing for the terminal, and it says so.
    app.clipboard = false;
    keys(&mut app, "y");
    assert_eq!(app.clipboard_out, None);
    assert!(
        last_notice(&app).contains("copying is off"),
        "{}",
        last_notice(&app)
    );
}

#[test]
fn e_exports_the_speakers_quotations_to_a_markdown_file() {
    let mut app = app(100, 30);
    keys(&mut app, "WjE");
    let export = app.export_out.take().expect("an export");
    assert_eq!(export.file_name, "quotes-paul-okafor.md");
    assert_eq!(export.count, 3);
    let dir = tempfile::tempdir().expect("tempdir");
    let written = ui::export::write(&dir.path().join("exports"), &export).expect("written");
    assert_eq!(written, dir.path().join("exports/quotes-paul-okafor.md"));
    let text = std::fs::read_to_string(&written).expect("read");
    assert_eq!(
        text,
        "# Paul Okafor: 3 quotations\n\
         \n\
         > “We have lost a third of our customers since the closure,”\n\
         >\n\
         > — Paul Okafor (a baker on Harbour Street), Lakeview Ledger, 2026-05-04, “Lakeview bridge to reopen in June”\n\
         \n\
         > “The shops near the bridge need help now, not next year,”\n\
         >\n\
         > — Paul Okafor (a baker on Harbour Street), Lakeview Ledger, 2026-05-06, “Council approves Lakeview repair budget”\n\
         \n\
         > “A tax holiday for the summer would save a dozen shops,”\n\
         >\n\
         > — Paul Okafor (a baker on Harbour Street), Valley Wire, “Lakeview traders ask for relief”\n"
    );
    // Again: replaced whole, no partial file left beside it.
    ui::export::write(&dir.path().join("exports"), &export).expect("written again");
    let names: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["quotes-paul-okafor.md"]);
    // From the list with nobody followed there is no speaker to export.
    keys(&mut app, "<Esc>");
    app.focus = Pane::List;
    keys(&mut app, "E");
    assert!(app.export_out.is_none());
    assert!(
        last_notice(&app).starts_with("no speaker to export"),
        "{}",
        last_notice(&app)
    );
}

#[test]
fn the_view_is_drawn_from_the_table_without_rebuilding_it() {
    // Drawing twice leaves the view as it was: the table is built in
    // update, once per corpus snapshot.
    let mut app = app(80, 24);
    keys(&mut app, "W");
    let before = view(&app).table.clone();
    draw(&app);
    draw(&app);
    assert_eq!(view(&app).table, before);
    assert_eq!(view(&app).generation, app.corpus.generation());
}

/// An invented page of `outlet` quoting `speaker`.
fn page(outlet: &str, title: &str, date: &str, quote: &str, speaker: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title>\
         <meta property=\"og:site_name\" content=\"{outlet}\">\
         <meta property=\"article:published_time\" content=\"{date}T08:00:00Z\">\
         </head><body><article><h1>{title}</h1>\
         <p>The Lakeview bridge stayed closed on Thursday while engineers finished their checks.</p>\
         <p>“{quote},” said {speaker}.</p>\
         <p>Traffic was diverted over the old ferry road for another week.</p>\
         </article></body></html>"
    )
}

/// Serves `pages` (path, HTML) on 127.0.0.1 for at most `requests`
/// connections, then stops by itself.
fn serve_pages(pages: Vec<(&'static str, String)>, requests: usize) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).map_or(true, |n| n == 0)
                    || header.trim().is_empty()
                {
                    break;
                }
            }
            let (status, body) = match pages.iter().find(|(p, _)| *p == path) {
                Some((_, html)) => ("200 OK", html.clone()),
                None => ("404 Not Found", String::new()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

#[test]
fn onrecord_quotes_reads_web_addresses() {
    let base = serve_pages(
        vec![
            (
                "/ledger/bridge",
                page(
                    "Lakeview Ledger",
                    "Bridge checks run late",
                    "2026-05-07",
                    "The checks will take one more week and not a day longer",
                    "Mayor Ana Duarte",
                ),
            ),
            (
                "/tribune/bridge",
                page(
                    "North Shore Tribune",
                    "Engineers extend bridge checks",
                    "2026-05-08",
                    "Nobody should drive a truck over that deck before July",
                    "Greta Lind",
                ),
            ),
        ],
        2,
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let output = common::onrecord(dir.path())
        .args(["quotes", "--format", "csv"])
        .arg(format!("{base}/ledger/bridge"))
        .arg(format!("{base}/tribune/bridge"))
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let fields = |r: &csv::StringRecord| {
        (
            r[0].to_string(),
            r[2].to_string(),
            r[3].to_string(),
            r[5].to_string(),
            r[6].to_string(),
        )
    };
    let mut got: Vec<_> = rows.iter().map(fields).collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (
                "Ana Duarte".to_string(),
                "Lakeview Ledger".to_string(),
                "2026-05-07".to_string(),
                format!("{base}/ledger/bridge"),
                "The checks will take one more week and not a day longer,".to_string(),
            ),
            (
                "Greta Lind".to_string(),
                "North Shore Tribune".to_string(),
                "2026-05-08".to_string(),
                format!("{base}/tribune/bridge"),
                "Nobody should drive a truck over that deck before July,".to_string(),
            ),
        ]
    );
}

#[test]
fn quotations_without_a_speaker_are_counted_apart_terms_aside() {
    let notice = common::article_from(
        "notice.txt",
        "Ferry notice posted at the pier\n\n\
         The notice on the pier was short and unsigned.\n\n\
         “Service resumes when the harbour reopens and not before.”\n\n\
         Passengers read it twice. “We will run extra boats in April,” said Ines \
         Moreau, who runs the ferry company. The “temporary” timetable stays.\n\n\
         Source: Bay Courier\n",
    );
    let mut all_articles = articles();
    all_articles.push(notice);
    let corpus = Corpus::build(all_articles);
    let all: Vec<usize> = (0..corpus.articles.len()).collect();
    let table = QuoteTable::build(&corpus, &all);
    let rows = onrecord::commands::quotes::rows(&corpus, None, None);
    let unattributed = rows
        .iter()
        .filter(|r| r.speaker.is_none() && r.kind != "term")
        .count();
    assert_eq!(unattributed, 1, "the unsigned notice");
    assert_eq!(table.unattributed, 1);
    assert_eq!(table.total, 10, "the fixtures' nine and Ines Moreau's");
    let mut app = App::new(corpus, 120, 30);
    keys(&mut app, "W");
    assert!(screen_text(&app).contains("10 quotations (+1 without a speaker)"));
}

#[test]
fn e_means_the_panels_speaker_the_marked_quotations_or_the_followed_one() {
    let mut app = app(160, 40);
    // The reader: the speaker of the quotation marked with ].
    open_outlet(&mut app, "North Shore Tribune");
    keys(&mut app, "<Tab>]E");
    assert_eq!(
        app.export_out.take().map(|e| e.speaker).as_deref(),
        Some("Greta Lind")
    );
    // The panel: the selected speaker.
    keys(&mut app, "<Tab>jE");
    let selected = match app.panel.selected_item() {
        Some(onrecord::ui::panel::PanelItem::Speaker { speaker, .. }) => {
            app.corpus.speakers[speaker].name.clone()
        }
        other => panic!("a speaker is selected: {other:?}"),
    };
    assert_eq!(app.export_out.take().map(|e| e.speaker), Some(selected));
    // The list: the followed speaker.
    app.set_speaker_filter(Some("Paul Okafor".into()));
    keys(&mut app, "<Tab>");
    assert_eq!(app.focus, Pane::List);
    keys(&mut app, "E");
    let export = app.export_out.take().expect("an export");
    assert_eq!((export.speaker.as_str(), export.count), ("Paul Okafor", 3));
}

/// Types text into the prompt, key by key.
fn type_text(app: &mut App, text: &str) {
    use crossterm::event::{KeyCode, KeyModifiers};
    for c in text.chars() {
        let event = common::press(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = ui::action_for(app, &event) {
            ui::update(app, action);
        }
    }
}

/// The quotation's words.
fn words(app: &App, (article, quote): (usize, usize)) -> String {
    let text = &app.corpus.articles[article].text;
    app.corpus.analysis(article).expect("analyzed").quotes[quote]
        .span
        .text(text)
        .to_string()
}

#[test]
fn in_a_list_w_o_c_x_and_r_act_on_the_selected_quotation_and_the_table_follows() {
    let mut app = app(120, 40);
    keys(&mut app, "W");
    // On the table no quotation is at hand: it says how to get one.
    keys(&mut app, "w");
    assert!(matches!(app.mode, Mode::WhoQuotes(_)));
    assert_eq!(
        last_notice(&app),
        "select a quotation: Enter lists the cell's"
    );
    // Ana Duarte × Lakeview Ledger, by date.
    keys(&mut app, "<Enter>");
    let cell = view(&app).cell.clone().expect("the cell's quotations");
    assert_eq!(cell.quotes.len(), 3);
    let first = cell.quotes[0];
    assert!(
        words(&app, first).contains("The bridge is safe"),
        "{}",
        words(&app, first)
    );
    // w: why, over the view; Esc: the list again.
    keys(&mut app, "w");
    assert_eq!(app.mode.why(), Some(first));
    let screen = screen_text(&app);
    assert!(screen.contains("Why this speaker"), "{screen}");
    assert!(screen.contains("speaker: Ana Duarte"), "{screen}");
    keys(&mut app, "<Esc>");
    assert_eq!(view(&app).cell.as_ref().map(|c| c.selected), Some(0));
    // o: the Tribune carries the same words.
    keys(&mut app, "o");
    let screen = screen_text(&app);
    assert!(screen.contains("The same words in 2 outlets"), "{screen}");
    assert!(screen.contains("North Shore Tribune"), "{screen}");
    keys(&mut app, "<Esc>");
    assert!(view(&app).cell.is_some());
    // c: typed by surname, the picker means Paul Okafor, not a new
    // speaker "okafor"; the table counts the quotation under him at once
    // and the list stays open without it.
    keys(&mut app, "c");
    type_text(&mut app, "okafor");
    let prompt = app.mode.prompt().expect("the picker");
    assert_eq!(prompt.new_name, None);
    assert_eq!(prompt.chosen().as_deref(), Some("Paul Okafor"));
    keys(&mut app, "<Enter>");
    let v = view(&app);
    let cell = v.cell.as_ref().expect("still listed");
    assert_eq!(cell.quotes.len(), 2);
    assert!(!cell.quotes.contains(&first));
    let ledger = v
        .table
        .columns
        .iter()
        .position(|c| c.name == "Lakeview Ledger")
        .expect("column");
    let okafor = v.table.row_of("Paul Okafor").expect("row");
    assert_eq!(v.table.rows[okafor].count(ledger), 3);
    assert_eq!(
        app.corpus.quote_speaker_name(first.0, first.1),
        Some("Paul Okafor")
    );
    // x: the selected one is not a quotation; it leaves the table too.
    let second = cell.quotes[0];
    keys(&mut app, "x");
    assert!(app.corpus.is_rejected(second.0, second.1));
    assert_eq!(view(&app).cell.as_ref().map(|c| c.quotes.len()), Some(1));
    // r: nothing of the selected one to revert, so the newest of this
    // run: the quotation is back in the list.
    keys(&mut app, "r");
    assert!(!app.corpus.is_rejected(second.0, second.1));
    assert_eq!(view(&app).cell.as_ref().map(|c| c.quotes.len()), Some(2));
}

#[test]
fn enter_on_an_empty_cell_says_why_and_help_opens_at_the_views_keys() {
    let mut app = app(100, 30);
    keys(&mut app, "W");
    // Ana Duarte is not quoted by the Valley Wire.
    keys(&mut app, "ll");
    assert_eq!(
        view(&app).selected_column().map(|c| c.name.as_str()),
        Some("Valley Wire")
    );
    keys(&mut app, "<Enter>");
    assert!(view(&app).cell.is_none());
    assert_eq!(
        last_notice(&app),
        "Valley Wire does not quote Ana Duarte: move to a cell with a number (h/l, j/k)"
    );
    // ?: the help, at this view's keys, over it; Esc: the view again.
    keys(&mut app, "?");
    let screen = screen_text(&app);
    assert!(screen.contains("Keys (Esc or ? to close)"), "{screen}");
    let first_row = screen.lines().nth(2).unwrap_or_default();
    assert!(first_row.contains("Who quotes whom"), "{screen}");
    keys(&mut app, "<Esc>");
    assert!(matches!(app.mode, Mode::WhoQuotes(_)));
}

#[test]
fn the_statements_tab_shows_which_outlets_carry_which_words_and_how() {
    use onrecord::ui::whoquotes::{carried_statements, Carried};
    let corpus = Corpus::build(common::outlet_articles());
    let all: Vec<usize> = (0..corpus.articles.len()).collect();
    let table = QuoteTable::build(&corpus, &all);
    let column = |name: &str| {
        table
            .columns
            .iter()
            .position(|c| c.name == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let rows = carried_statements(&corpus, &table);
    // Exactly the two statements: the harbour one and the jobs one, each
    // carried by three of the four outlets.
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let words: Vec<&str> = rows.iter().map(|r| r.words.as_str()).collect();
    let harbour = rows
        .iter()
        .find(|r| r.words.contains("rebuild the harbour"))
        .unwrap_or_else(|| panic!("{words:?}"));
    assert_eq!(
        harbour.columns,
        vec![
            (column("Coastal Times"), Carried::Cut),
            (column("Harbor Gazette"), Carried::Whole),
            (column("River Post"), Carried::Changed),
        ]
    );
    assert_eq!(harbour.speakers.len(), 1, "{:?}", harbour.speakers);
    let jobs = rows
        .iter()
        .find(|r| r.words.contains("Nobody loses a job"))
        .unwrap_or_else(|| panic!("{words:?}"));
    assert_eq!(jobs.columns.len(), 3);
    assert_eq!(jobs.carried(column("Bay Courier")), None);
    let mut speakers = jobs.speakers.clone();
    speakers.sort();
    assert_eq!(speakers, ["Elena Brandt", "Marta Ilic", "Tomas Reyes"]);

    // Through the keys: Tab twice; Enter opens every version over the
    // view, Esc comes back to the tab; Esc again goes to the table.
    let mut app = App::new(corpus, 120, 30);
    keys(&mut app, "W<Tab><Tab>");
    insta::assert_snapshot!("who_quotes_statements_120x30", screen_text(&app));
    // Too narrow for every outlet as a column: each statement names the
    // outlets that carry it.
    ui::update(
        &mut app,
        onrecord::ui::Action::Resize {
            width: 70,
            height: 24,
        },
    );
    let narrow = screen_text(&app);
    assert!(
        narrow.contains("Elena Brandt · Coastal Times cut · Harbor Gazette ✓ · River Post ≠"),
        "{narrow}"
    );
    assert!(
        narrow.contains("⚠ 3 speakers · Coastal Times ✓ · Harbor Gazette ✓ · River Post ✓"),
        "{narrow}"
    );
    ui::update(
        &mut app,
        onrecord::ui::Action::Resize {
            width: 120,
            height: 30,
        },
    );
    keys(&mut app, "<Enter>");
    assert!(screen_text(&app).contains("The same words in 3 outlets"));
    keys(&mut app, "<Esc>");
    assert_eq!(view(&app).tab, ui::whoquotes::Tab::Statements);
    keys(&mut app, "<Esc>");
    assert_eq!(view(&app).tab, ui::whoquotes::Tab::Table);
}

#[test]
fn with_no_statement_shared_the_tab_says_why_in_full_at_80_columns() {
    let mut app = common::seed_app(80, 24);
    keys(&mut app, "W<Tab><Tab>");
    assert!(view(&app).statements.is_empty());
    let screen = screen_text(&app);
    assert!(
        screen.contains("No statement here is carried by two columns"),
        "{screen}"
    );
    // Wrapped, not cut: the last words are there.
    assert!(screen.contains("the same words."), "{screen}");
    assert!(screen.contains("order.)"), "{screen}");
}

#[test]
fn a_version_without_a_speaker_is_no_disagreement() {
    use onrecord::ui::whoquotes::carried_statements;
    // Two outlets carry the same words; one names no one for them.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.txt"),
        "Ferry fares to rise\n\n\
         “Every crossing will cost two crowns more from June,” said Nora Vik, the ferry company's director.\n\n\
         Source: Harbour Herald\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        "Fares up on the ferries\n\n\
         The notice on the pier was short: “Every crossing will cost two crowns more from June.”\n\n\
         Source: Island Post\n",
    )
    .expect("write");
    let loaded = onrecord::load::load_paths(&[dir.path().to_path_buf()]).expect("load");
    let corpus = Corpus::build(loaded.docs.iter().map(onrecord::clean::clean).collect());
    let all: Vec<usize> = (0..corpus.articles.len()).collect();
    let table = QuoteTable::build(&corpus, &all);
    let rows = carried_statements(&corpus, &table);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].columns.len(), 2);
    assert_eq!(rows[0].speakers, ["Nora Vik"]);
}

//! The corpus: speakers linked across articles, incremental analysis and
//! the size of results.

use onrecord::analyze::{analyze, analyze_text};
use onrecord::index::Corpus;
use onrecord::model::{Article, ArticleId, Block, BlockKind, Repairs};

fn article(name: &str, text: &str) -> Article {
    let mut blocks = Vec::new();
    let mut pos = 0;
    for part in text.split("\n\n") {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            range: pos..pos + part.len(),
        });
        pos += part.len() + 2;
    }
    Article {
        id: ArticleId(name.to_string()),
        path: name.into(),
        title: name.to_string(),
        title_from_text: false,
        subtitle: None,
        date: None,
        outlet: None,
        byline: None,
        url: None,
        language: None,
        text: text.to_string(),
        blocks,
        set_aside: Vec::new(),
        lossy: false,
        repairs: Repairs::default(),
    }
}

fn articles() -> Vec<Article> {
    vec![
        article("a", "Kremlin spokesman Dmitry Peskov spoke on Monday. “We are in contact,” Peskov said."),
        article("b", "“No decision has been taken,” Peskov told reporters in Moscow."),
        article("c", "“The vote was fair,” said John Smith, a senator. “We won,” said Mary Smith, his rival."),
        article("d", "“It is over,” said Jane Smith, a lawyer. Smith later left. “Goodbye,” Smith said."),
    ]
}

#[test]
fn short_and_full_names_join_across_articles() {
    let corpus = Corpus::build(articles());
    let peskov: Vec<_> = corpus
        .speakers
        .iter()
        .filter(|s| s.name.contains("Peskov"))
        .collect();
    assert_eq!(peskov.len(), 1, "{:#?}", corpus.speakers);
    assert_eq!(peskov[0].name, "Dmitry Peskov");
    assert_eq!(peskov[0].articles, vec![0, 1]);
    assert_eq!(peskov[0].quotes.len(), 2);
    assert!(peskov[0].roles.iter().any(|r| r.contains("spokesman")));
    assert_eq!(corpus.quote_speaker_name(1, 0), Some("Dmitry Peskov"));
}

#[test]
fn people_sharing_a_surname_stay_apart() {
    let corpus = Corpus::build(articles());
    let names: Vec<&str> = corpus.speakers.iter().map(|s| s.name.as_str()).collect();
    for n in ["John Smith", "Mary Smith", "Jane Smith"] {
        assert_eq!(names.iter().filter(|x| **x == n).count(), 1, "{names:?}");
    }
    // "Smith said" in the article naming only Jane Smith is Jane Smith.
    let jane = corpus
        .speakers
        .iter()
        .find(|s| s.name == "Jane Smith")
        .expect("jane");
    assert_eq!(jane.quotes.len(), 2);
}

#[test]
fn incremental_insertion_matches_build() {
    let built = Corpus::build(articles());
    let mut corpus = Corpus::new(articles());
    assert!(!corpus.is_complete());
    for i in (0..corpus.articles.len()).rev() {
        let a = analyze(&corpus.articles[i]);
        corpus.insert_analysis(i, a);
        corpus.relink_speakers();
    }
    assert!(corpus.is_complete());
    assert_eq!(corpus.speakers, built.speakers);
}

#[test]
fn results_are_at_most_twice_the_text() {
    let mut text = String::new();
    for f in ["multi_speakers", "pronouns", "said_patterns", "interrupted"] {
        let path = format!(
            "{}/tests/fixtures/analyze/{f}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        text.push_str(std::fs::read_to_string(path).expect("fixture").trim_end());
        text.push_str("\n\n");
    }
    for seed in onrecord::load::embedded_seeds() {
        let a = onrecord::clean::clean(&seed);
        let analysis = analyze(&a);
        assert!(
            analysis.heap_size() <= 2 * a.text.len(),
            "{}: {} vs {}",
            a.path.display(),
            analysis.heap_size(),
            a.text.len()
        );
    }
    let analysis = analyze_text(&text);
    assert!(
        analysis.heap_size() <= 2 * text.len(),
        "{} vs {}",
        analysis.heap_size(),
        text.len()
    );
}

#[test]
fn unnamed_speakers_stay_in_their_article_and_read_mid_sentence() {
    let text = "The Syrian embassy said it was “waiting for instructions from the new leadership,” the embassy told Tass.";
    let corpus = Corpus::build(vec![article("x", text), article("y", text)]);
    let embassies: Vec<_> = corpus
        .speakers
        .iter()
        .filter(|s| s.name == "the Syrian embassy")
        .collect();
    assert_eq!(embassies.len(), 2, "{:#?}", corpus.speakers);
    assert!(embassies.iter().all(|s| s.articles.len() == 1));
}

// Identity across articles. The fixtures are invented; the rules were
// developed against the dev corpus (../shared/dev, never copied here).

fn speaker_of(corpus: &Corpus, article: usize, quote: usize) -> Option<&str> {
    corpus.quote_speaker_name(article, quote)
}

fn people() -> Vec<Article> {
    vec![
        article("p1", "“Rates will stay low,” said Walter J. Brandt, the central bank governor."),
        article("p2", "“We are watching prices,” Walter Brandt told reporters on Friday."),
        article("p3", "“Nothing has changed,” Walter Brandt said in a statement."),
        article("p4", "“The economy is strong,” Mr. Brandt said."),
        article("p5", "“I am not my father,” said Walter Brandt Jr., a lawyer. “He is proud,” Brandt Jr. added."),
        article("p6", "“We will travel,” said Greta Brandt, his wife."),
        article("p7", "“The plan is sound,” said Olga Mirren Castell. “It works,” Castell added."),
        article("p8", "“It will pass,” said Olga Castell on Tuesday."),
    ]
}

#[test]
fn middle_initials_and_names_are_one_person_named_by_the_most_frequent_form() {
    let corpus = Corpus::build(people());
    for a in [0, 1, 2] {
        assert_eq!(
            speaker_of(&corpus, a, 0),
            Some("Walter Brandt"),
            "{:#?}",
            corpus.speakers
        );
    }
    assert_eq!(speaker_of(&corpus, 6, 0), Some("Olga Castell"));
    assert_eq!(speaker_of(&corpus, 7, 0), Some("Olga Castell"));
    let brandt = corpus
        .speakers
        .iter()
        .find(|s| s.name == "Walter Brandt")
        .expect("one Walter Brandt");
    assert!(
        brandt.aliases.iter().any(|a| a == "Walter J. Brandt"),
        "{brandt:#?}"
    );
}

#[test]
fn a_lone_surname_goes_to_the_dominant_person_and_family_stays_apart() {
    let corpus = Corpus::build(people());
    // "Mr. Brandt", with no Brandt named in its article: the Brandt named in
    // the most articles.
    assert_eq!(speaker_of(&corpus, 3, 0), Some("Walter Brandt"));
    let names: Vec<&str> = corpus.speakers.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.iter().any(|n| n.starts_with("Walter Brandt Jr")),
        "{names:?}"
    );
    assert!(names.contains(&"Greta Brandt"), "{names:?}");
    assert_eq!(speaker_of(&corpus, 5, 0), Some("Greta Brandt"));
    // No stray speakers: the three Brandts and Olga Castell.
    assert_eq!(corpus.speakers.len(), 4, "{names:?}");
}

#[test]
fn a_headline_verb_ends_a_name() {
    let corpus = Corpus::build(vec![
        article(
            "h1",
            "Ingrid Haller Says Voters Want Change\n\n“Voters want change,” said Ingrid Haller.",
        ),
        article("h2", "“We will win,” Ingrid Haller said."),
    ]);
    assert!(
        corpus.speakers.iter().all(|s| !s.name.contains("Says")),
        "{:#?}",
        corpus.speakers
    );
}

#[test]
fn speakers_do_not_depend_on_the_order_of_articles() {
    let forward = Corpus::build(people());
    let mut reversed_articles = people();
    reversed_articles.reverse();
    let reversed = Corpus::build(reversed_articles);
    let n = forward.articles.len();
    for a in 0..n {
        let quotes = forward.analysis(a).map_or(0, |x| x.quotes.len());
        for q in 0..quotes {
            assert_eq!(
                speaker_of(&forward, a, q),
                speaker_of(&reversed, n - 1 - a, q),
                "article {a} quote {q}"
            );
        }
    }
    let mut names_f: Vec<_> = forward
        .speakers
        .iter()
        .map(|s| (&s.name, &s.roles, &s.aliases))
        .collect();
    let mut names_r: Vec<_> = reversed
        .speakers
        .iter()
        .map(|s| (&s.name, &s.roles, &s.aliases))
        .collect();
    names_f.sort();
    names_r.sort();
    assert_eq!(names_f, names_r);
}

#[test]
fn different_middle_initials_are_different_people() {
    let velden = || {
        vec![
            article(
                "v1",
                "“Taxes will fall,” said Arno K. Velden, the governor.",
            ),
            article("v2", "“Taxes will rise,” said Arno T. Velden, a banker."),
            article(
                "v3",
                "“We disagree,” Arno K. Velden told reporters on Monday.",
            ),
            article("v4", "“It is done,” said Arno Velden on Friday."),
            article("v5", "“I agree,” said Arno Kaspar Velden, the governor."),
        ]
    };
    let corpus = Corpus::build(velden());
    let names: Vec<&str> = corpus.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    for a in [0, 2, 3, 4] {
        assert_eq!(
            speaker_of(&corpus, a, 0),
            Some("Arno K. Velden"),
            "{names:?}"
        );
    }
    assert_eq!(speaker_of(&corpus, 1, 0), Some("Arno T. Velden"));
    let mut reversed_articles = velden();
    reversed_articles.reverse();
    let reversed = Corpus::build(reversed_articles);
    for a in 0..5 {
        assert_eq!(speaker_of(&corpus, a, 0), speaker_of(&reversed, 4 - a, 0));
    }
}

//! The cleaner on article shapes the seeds do not show: hard-wrapped CRLF
//! files, Markdown, metadata lines, captions and footers of other outlets.

use std::path::PathBuf;

use onrecord::clean::clean;
use onrecord::load::RawDoc;
use onrecord::model::{Article, BlockKind, SetAsideReason};

fn article(text: &str) -> Article {
    clean(&RawDoc {
        meta: Default::default(),
        path: PathBuf::from("story.md"),
        bytes: text.as_bytes().to_vec(),
    })
}

/// The body's blocks as the reader shows them: the headline and subtitle
/// stay in the text (marked) but show in the header.
fn block_texts(a: &Article) -> Vec<(BlockKind, &str)> {
    a.blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Title | BlockKind::Subtitle))
        .map(|b| (b.kind, a.block_text(b)))
        .collect()
}

const WIRE_STORY: &str = "Syria's new rulers open talks with Moscow over bases\r\n\
\r\n\
By Jane Doe and John Roe\r\n\
Published: Tuesday, December 10, 2024 at 9:15 a.m. EST\r\n\
\r\n\
DAMASCUS (Reuters) - Syria's new rulers have opened talks with Russia about\r\n\
the future of its two military bases on the Mediterranean coast, three\r\n\
officials said on Tuesday, a week after the fall of the old government.\r\n\
\r\n\
Smoke rises over the port of Tartus. REUTERS/Jane Doe\r\n\
\r\n\
The talks began on Monday. Russia has leased the Tartus naval base since\r\n\
2017 and flies from the Hmeimim air base near Latakia, the U.S. State\r\n\
Department said in a statement.\r\n\
\r\n\
What comes next\r\n\
\r\n\
Officials said no decision had been taken.\r\n\
\r\n\
Related stories\r\n\
Russia pulls ships from Syrian port\r\n\
Turkey weighs its options\r\n";

#[test]
fn hard_wrapped_wire_story() {
    let a = article(WIRE_STORY);
    assert_eq!(
        a.title,
        "Syria's new rulers open talks with Moscow over bases"
    );
    assert!(!a.title_from_text);
    assert_eq!(a.subtitle, None, "a byline is not a subtitle");
    assert_eq!(a.date.as_deref(), Some("2024-12-10"));
    let blocks = block_texts(&a);
    assert_eq!(
        blocks,
        vec![
            (BlockKind::Paragraph, "By Jane Doe and John Roe"),
            (
                BlockKind::Paragraph,
                "DAMASCUS (Reuters) - Syria's new rulers have opened talks with Russia about \
                 the future of its two military bases on the Mediterranean coast, three \
                 officials said on Tuesday, a week after the fall of the old government."
            ),
            (
                BlockKind::Paragraph,
                "The talks began on Monday. Russia has leased the Tartus naval base since \
                 2017 and flies from the Hmeimim air base near Latakia, the U.S. State \
                 Department said in a statement."
            ),
            (BlockKind::Heading, "What comes next"),
            (
                BlockKind::Paragraph,
                "Officials said no decision had been taken."
            ),
        ]
    );
    let aside: Vec<_> = a
        .set_aside
        .iter()
        .map(|s| (s.reason, s.text.as_str()))
        .collect();
    assert_eq!(
        aside,
        vec![
            (
                SetAsideReason::Caption,
                "Smoke rises over the port of Tartus. REUTERS/Jane Doe"
            ),
            (SetAsideReason::Footer, "Related stories"),
            (
                SetAsideReason::Footer,
                "Russia pulls ships from Syrian port"
            ),
            (SetAsideReason::Footer, "Turkey weighs its options"),
        ]
    );
}

#[test]
fn markdown_article() {
    let a = article(
        "# Russia keeps its bases, for now\n\n\
         ## Moscow and Damascus talk\n\n\
         The two sides met on Monday and agreed to keep talking.\n\n\
         * first point\n\
         * second point\n\n\
         Source: Example News, https://news.example/story\n",
    );
    assert_eq!(a.title, "Russia keeps its bases, for now");
    assert_eq!(
        block_texts(&a),
        vec![
            (BlockKind::Heading, "Moscow and Damascus talk"),
            (
                BlockKind::Paragraph,
                "The two sides met on Monday and agreed to keep talking."
            ),
            (BlockKind::ListItem, "first point"),
            (BlockKind::ListItem, "second point"),
        ]
    );
    assert_eq!(a.set_aside[0].reason, SetAsideReason::SourceLine);
}

#[test]
fn no_headline_gives_a_title_from_the_first_sentence() {
    let a = article(
        "Officials in Damascus and Moscow said on Tuesday that talks about the future of \
         the two Russian bases on the coast would continue next week. Nothing was signed.\n",
    );
    assert!(a.title_from_text);
    assert!(a.title.ends_with('…'));
    let stem = a.title.trim_end_matches('…');
    assert!(a.text.starts_with(stem));
    assert!(a.text[stem.len()..].starts_with(' '));
    assert!(
        a.text.starts_with("Officials in Damascus"),
        "body keeps the sentence"
    );
}

#[test]
fn dates_in_prose_are_not_publication_dates() {
    let a = article(
        "A headline about the talks\n\n\
         The lease was signed on 18 January 2017 and runs for 49 years, until 2066.\n\n\
         On December 8, 2024 the government fell.\n",
    );
    assert_eq!(a.date, None);
}

#[test]
fn ambiguous_numeric_dates_are_left_alone() {
    let a = article("Headline here\nDate: 12/10/2024\n\nBody text of the story.\n");
    assert_eq!(a.date, None);
    let b = article("Headline here\nDate: 13/10/2024\n\nBody text of the story.\n");
    assert_eq!(b.date.as_deref(), Some("2024-10-13"));
    assert!(!b.text.contains("13/10/2024"));
}

#[test]
fn one_paragraph_per_line_without_blank_lines() {
    let para = "Russia’s involvement in Syria dates back to 2015 when it intervened to \
                support the government, and its air force kept the regime in power for years.";
    let a = article(&format!(
        "{para}\nShort one-line paragraph.\n{para}\n{para}\n"
    ));
    assert_eq!(a.blocks.len(), 4);
    assert!(a.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
}

#[test]
fn repeated_headline_and_punctuation_lines_dropped() {
    let a = article(
        "Russia keeps its bases\n\nRussia keeps its bases\n\nThe two sides met on Monday in Damascus and agreed that Russian ships may stay in Tartus for now.\n\n.\n\n…\n\nThey will meet again.\n",
    );
    assert_eq!(a.title, "Russia keeps its bases");
    assert_eq!(
        block_texts(&a),
        vec![
            (
                BlockKind::Paragraph,
                "The two sides met on Monday in Damascus and agreed that Russian ships may \
                 stay in Tartus for now."
            ),
            (BlockKind::Paragraph, "They will meet again."),
        ]
    );
}

fn article_at(path: &str, bytes: Vec<u8>) -> Article {
    clean(&RawDoc {
        meta: Default::default(),
        path: PathBuf::from(path),
        bytes,
    })
}

/// Scraped real-world text (invented here): the headline repeated with a
/// period, tags and entities left by the scraper, an embedded post, and
/// the date only in the file name.
#[test]
fn scraped_text_with_markup_and_a_dated_file_name() {
    let text = "Council Votes to Close Two Libraries.\n\n\
                The city council voted on Tuesday to close two libraries&nbsp;on the east \
                side, ending a year of debate.<br><br>&#8220;We had no choice,&#8221; the mayor&rsquo;s aide said. \
                Q&amp;A at <a href=\"https://news.example/qa\">our site</a>.\n\n\
                <tweet id=\"1\" author=\"@jane_roe\" datetime=\"2016-10-12\">Sad day for \
                readers.</tweet>.\n\n\
                <p>The vote was 7 to 2.</p>\n";
    let a = article_at(
        "saved/metro-daily_2016-10-12_council-votes-to-close-two.txt",
        text.as_bytes().to_vec(),
    );
    assert_eq!(a.title, "Council Votes to Close Two Libraries");
    assert!(!a.title_from_text);
    assert_eq!(a.date.as_deref(), Some("2016-10-12"));
    assert_eq!(
        block_texts(&a),
        vec![
            (
                BlockKind::Paragraph,
                "The city council voted on Tuesday to close two libraries on the east side, \
                 ending a year of debate."
            ),
            (
                BlockKind::Paragraph,
                "“We had no choice,” the mayor’s aide said. Q&A at our site."
            ),
            (BlockKind::Quotation, "Sad day for readers. —@jane_roe"),
            (BlockKind::Paragraph, "The vote was 7 to 2."),
        ]
    );
}

#[test]
fn windows_1252_text_keeps_its_quotes() {
    // “Not now,” she said – in Windows-1252, as older scrapers saved it.
    let mut bytes = b"Budget Talks Stall\n\n".to_vec();
    bytes.extend_from_slice(b"\x93Not now,\x94 she said \x96 and the caf\xe9 agreed.\n");
    let a = article_at("budget.txt", bytes);
    assert!(!a.lossy);
    assert_eq!(
        block_texts(&a),
        vec![(
            BlockKind::Paragraph,
            "“Not now,” she said – and the café agreed."
        )]
    );
    assert_eq!(
        a.blocks[0].kind,
        BlockKind::Title,
        "the headline stays in the text"
    );
    assert_eq!(a.block_text(&a.blocks[0]), "Budget Talks Stall");
    assert_eq!(a.date, None);
}

#[test]
fn markdown_quotation_lines_are_a_quotation_block() {
    let a = article("# Title here\n\nShe wrote:\n\n> First line\n> second line.\n\nAfter.\n");
    assert_eq!(
        block_texts(&a),
        vec![
            (BlockKind::Paragraph, "She wrote:"),
            (BlockKind::Quotation, "First line second line."),
            (BlockKind::Paragraph, "After."),
        ]
    );
}

#[test]
fn outlet_from_a_source_line_and_byline_from_a_by_line() {
    let a = article(
        "Council closes libraries\n\nBy Jane Roe and John Doe | March 3, 2025\n\n\
         The city council voted on Tuesday to close two libraries on the east side of town \
         after a long debate.\n\nSource: Metro Daily\n",
    );
    assert_eq!(a.outlet.as_deref(), Some("Metro Daily"));
    assert_eq!(a.byline.as_deref(), Some("Jane Roe and John Doe"));
    // Without either, none is made up.
    let plain = article("Council closes libraries\n\nThe council voted on Tuesday.\n");
    assert_eq!((plain.outlet, plain.byline), (None, None));
}

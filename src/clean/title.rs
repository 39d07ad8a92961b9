//! Title: the headline, the subtitle under it, section headings, and a
//! title cut from the first sentence when the file has no headline.

use crate::model::BlockKind;

use super::draft::Draft;

/// Longest headline, in characters.
const HEADLINE_MAX_CHARS: usize = 160;
const HEADLINE_MAX_WORDS: usize = 25;
/// A subtitle without a final period (a standfirst) may be this long; one
/// that ends in a period must be shorter, or it is the lede.
const SUBTITLE_MAX_CHARS: usize = 160;
const SUBTITLE_SENTENCE_MAX_CHARS: usize = 90;
const HEADING_MAX_CHARS: usize = 80;
const HEADING_MAX_WORDS: usize = 12;
/// A title cut from the text is at most this long, in characters.
const DERIVED_MAX_CHARS: usize = 90;

/// Words a headline or heading does not end on: a line ending in one is
/// the first line of a wrapped sentence.
const TRAILING_FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "but", "as", "that", "which", "who", "its", "their", "his", "her", "is", "are", "was", "were",
    "be", "into", "than", "while", "whose", "this", "these", "those", "has", "have",
];

/// What the top of the article gave.
pub(crate) struct TitleParts {
    pub title: String,
    pub from_text: bool,
    pub subtitle: Option<String>,
}

/// Takes the headline (and the subtitle after it) off the front of the
/// drafts; with no headline, cuts a title from the first paragraph's first
/// sentence and leaves the body whole. `None` when there is no text.
///
/// `file_stem` is the file's name without extension: a name made from the
/// headline (`2016-10-12_o-malley-campaign-to-shift`) confirms a first
/// line that ends in a period as the headline.
pub(crate) fn take_title(drafts: &mut Vec<Draft>, file_stem: &str) -> Option<TitleParts> {
    let first = drafts.first()?;
    // One line, or the headline's line and the deck's joined.
    let one_or_two_lines = first.lines <= 2 && first.kind == crate::model::BlockKind::Paragraph;
    if drafts.len() > 1 && one_or_two_lines {
        if let Some((head, deck)) = headline_and_deck(&first.text) {
            let (title, subtitle) = (head.to_string(), deck.to_string());
            // Kept in the text, marked, like any headline.
            drafts[0].kind = BlockKind::Title;
            drop_repeated_title(drafts, &title, 1);
            return Some(TitleParts {
                title,
                from_text: false,
                subtitle: Some(subtitle),
            });
        }
    }
    let headline = first.is_lone_line()
        && (is_headline(&first.text)
            || (first.marked_heading && first.text.chars().count() <= 2 * HEADLINE_MAX_CHARS)
            || (drafts.len() > 1 && is_headline_with_period(&first.text, file_stem)));
    if headline {
        // The headline stays in the text, marked, so that the names in it
        // are found; the reader shows it once, in its header.
        drafts[0].kind = BlockKind::Title;
        let mut title = drafts[0].text.clone();
        if title.ends_with('.') && !title.ends_with("..") {
            title.pop();
        }
        return Some(known_title(drafts, title, 1));
    }
    let source = drafts
        .iter()
        .find(|d| d.kind == BlockKind::Paragraph)
        .or(drafts.first())?;
    let title = derive_title(&source.text);
    (!title.is_empty()).then_some(TitleParts {
        title,
        from_text: true,
        subtitle: None,
    })
}

/// The title a page or feed gave: a repeat of it at the top of the body
/// goes, and a short line after it is the subtitle.
///
/// `kept` is how many drafts at the front hold the title in the text
/// (marked [`BlockKind::Title`]): the subtitle after them stays in the text
/// too, marked. A title from elsewhere (`kept` 0) takes its subtitle off.
pub(crate) fn known_title(drafts: &mut Vec<Draft>, title: String, kept: usize) -> TitleParts {
    drop_repeated_title(drafts, &title, kept);
    // A subtitle needs a body under it.
    let is_subtitle = drafts.len() > kept + 1
        && drafts.get(kept).is_some_and(|next| {
            next.is_lone_line() && !next.marked_heading && is_subtitle(&next.text)
        });
    let subtitle = match (is_subtitle, kept) {
        (false, _) => None,
        (true, 0) => Some(drafts.remove(0).text),
        (true, _) => {
            drafts[kept].kind = BlockKind::Subtitle;
            Some(drafts[kept].text.clone())
        }
    };
    TitleParts {
        title,
        from_text: false,
        subtitle,
    }
}

/// Scraped pages often repeat the headline just under it; the title is
/// not shown twice.
fn drop_repeated_title(drafts: &mut Vec<Draft>, title: &str, from: usize) {
    let title = title.trim_end_matches('.').to_lowercase();
    let repeated = drafts.iter().skip(from).take(3).position(|d| {
        let text = d.text.trim_end_matches('.');
        d.is_lone_line() && text.len() == title.len() && text.to_lowercase() == title
    });
    if let Some(i) = repeated {
        drafts.remove(from + i);
    }
}

/// Reads as a headline: short, starts with a capital (or digit, quote),
/// and does not end like a sentence or a clause.
pub(crate) fn is_headline(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=HEADLINE_MAX_WORDS).contains(&words)
        && text.chars().count() <= HEADLINE_MAX_CHARS
        && starts_like_title(text)
        && !text.ends_with(['.', ',', ';', ':', '-', '–', '—', '…'])
        && !ends_on_function_word(text)
}

/// A sentence-case line ending in a period is taken as the headline only
/// when this short (ledes run longer).
const PERIOD_HEADLINE_MAX_WORDS: usize = 16;

/// Scrapers often end the headline line with a period
/// (`Clinton wins New York primary.`). Such a line is the headline when it
/// is one short sentence and either the file is named after it, it is in
/// Title Case, or it is short and has none of a lede's words.
pub(crate) fn is_headline_with_period(text: &str, file_stem: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let shaped = text.ends_with('.')
        && !text.ends_with("..")
        && (1..=HEADLINE_MAX_WORDS).contains(&words.len())
        && text.chars().count() <= HEADLINE_MAX_CHARS
        && (starts_like_title(text) || text.starts_with(['#', '@']));
    if !shaped {
        return false;
    }
    // Two-sentence headlines ("X Is Not True. Not Yet, At Least.") need
    // the stronger evidence.
    if named_after(file_stem, text) || is_title_case(&words) {
        return true;
    }
    first_sentence(text).len() == text.len()
        && words.len() <= PERIOD_HEADLINE_MAX_WORDS
        && !words.iter().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            super::words::is_lede_word(&w)
        })
}

/// "Jobs report lifts Democrats; Solid upturn could blunt attacks.": a
/// headline and its deck on one line, as archive exports join them. Prose
/// does not go on with a capital after a semicolon, so the capital and a
/// headline-shaped first part are the evidence. The deck loses its final
/// period.
fn headline_and_deck(text: &str) -> Option<(&str, &str)> {
    let (head, deck) = text.split_once("; ")?;
    let deck = deck.trim();
    let deck_starts = deck.starts_with(|c: char| c.is_uppercase());
    (deck_starts && is_headline(head) && !deck.contains("; "))
        .then(|| (head, deck.strip_suffix('.').unwrap_or(deck)))
}

/// Most words that are not function words start with a capital.
fn is_title_case(words: &[&str]) -> bool {
    let content: Vec<&&str> = words
        .iter()
        .filter(|w| !TRAILING_FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    let capitalized = content
        .iter()
        .filter(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    content.len() >= 3 && capitalized * 4 >= content.len() * 3
}

/// The words of a text as a URL slug has them: ASCII alphanumeric runs,
/// lowercased.
fn slug_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The file name holds the headline's first words as a slug (cut short
/// as slugs are), at least three of them.
fn named_after(file_stem: &str, text: &str) -> bool {
    let stem = slug_words(file_stem);
    let head = slug_words(text);
    let need = head.len().min(4);
    need >= 3
        && stem
            .windows(need)
            .any(|w| w.iter().zip(&head).all(|(a, b)| a == b))
}

/// A short line under the headline.
pub(crate) fn is_subtitle(text: &str) -> bool {
    let max = if text.ends_with('.') {
        SUBTITLE_SENTENCE_MAX_CHARS
    } else {
        SUBTITLE_MAX_CHARS
    };
    text.chars().count() <= max
        && starts_like_title(text)
        && !is_byline(text)
        && !text.ends_with([',', ';', ':', '-', '–', '—'])
        && !ends_on_function_word(text)
}

/// A section heading: a short line with no final punctuation.
pub(crate) fn is_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=HEADING_MAX_WORDS).contains(&words)
        && text.chars().count() <= HEADING_MAX_CHARS
        && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !is_byline(text)
        && !text.ends_with(|c: char| c.is_ascii_punctuation() && c != ')')
        && !text.ends_with(['…', '”', '’', '»'])
        && !ends_on_function_word(text)
}

/// "By Jane Doe": a byline, which stays in the body as a paragraph.
fn is_byline(text: &str) -> bool {
    let mut words = text.split_whitespace();
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("by"))
        && words
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
}

fn starts_like_title(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && text.starts_with(|c: char| {
            (!c.is_lowercase() && !c.is_ascii_punctuation()) || "“‘\"'(".contains(c)
        })
}

fn ends_on_function_word(text: &str) -> bool {
    text.split_whitespace()
        .next_back()
        .is_some_and(|w| TRAILING_FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Ends with sentence-final punctuation, perhaps inside closing quotes.
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['”', '’', '"', '\'', ')', '»'])
        .ends_with(['.', '!', '?', '…'])
}

/// A title from the first sentence of `paragraph`: the whole sentence
/// (without its period) when short, else cut at a word boundary, without
/// a dangling function word, and marked with "…".
pub(crate) fn derive_title(paragraph: &str) -> String {
    let sentence = first_sentence(paragraph);
    let sentence = sentence.strip_suffix('.').unwrap_or(sentence).trim();
    if sentence.chars().count() <= DERIVED_MAX_CHARS {
        return sentence.to_string();
    }
    let limit = sentence
        .char_indices()
        .nth(DERIVED_MAX_CHARS)
        .map_or(sentence.len(), |(i, _)| i);
    // Cut before the word that crosses the limit.
    let cut = if sentence[limit..].starts_with(' ') {
        limit
    } else {
        sentence[..limit].rfind(' ').unwrap_or(limit)
    };
    let mut words: Vec<&str> = sentence[..cut].split(' ').collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| TRAILING_FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    let mut title = words.join(" ");
    let trimmed_len = title
        .trim_end_matches(|c: char| {
            matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '“' | '‘')
        })
        .len();
    title.truncate(trimmed_len);
    title.push('…');
    title
}

/// The first sentence of a paragraph: up to the first `.`, `?` or `!`
/// (with any closing quotes) followed by a space and a capital, skipping
/// abbreviations and initials.
pub(crate) fn first_sentence(paragraph: &str) -> &str {
    let bytes = paragraph.as_bytes();
    for (i, c) in paragraph.char_indices() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let mut end = i + 1;
        while let Some(q) = paragraph[end..]
            .chars()
            .next()
            .filter(|q| "”’\"')»".contains(*q))
        {
            end += q.len_utf8();
        }
        if bytes.get(end) != Some(&b' ') {
            continue;
        }
        let next_starts = paragraph[end + 1..]
            .trim_start_matches(['“', '‘', '"', '\'', '('])
            .starts_with(|n: char| n.is_uppercase() || n.is_ascii_digit());
        if next_starts && !(c == '.' && is_abbreviation(&paragraph[..i])) {
            return &paragraph[..end];
        }
    }
    paragraph
}

/// The word before a period is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    word.contains('.')
        || (word.chars().count() == 1 && word.starts_with(char::is_uppercase))
        || crate::wordlists::is_abbreviation(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines() {
        assert!(is_headline(
            "Russia Enters Talks with Jihadi Syrian Rebels to Maintain Control"
        ));
        assert!(is_headline("What happens to Russia’s bases now?"));
        assert!(!is_headline("Russia is leaving Syria."));
        assert!(!is_headline(
            "In the wake of a surprise offensive led by the"
        ));
        assert!(!is_headline("lowercase start is a fragment"));
    }

    #[test]
    fn headline_and_deck_on_one_line() {
        assert_eq!(
            headline_and_deck("Tram plan passes; Council vote ends a six-year fight."),
            Some(("Tram plan passes", "Council vote ends a six-year fight"))
        );
        assert_eq!(
            headline_and_deck("The plan passed; it was late."),
            None,
            "prose goes on in lowercase"
        );
        assert_eq!(
            headline_and_deck("The council met on Tuesday and voted to close the library after a long debate that went on; Then"),
            None
        );
    }

    #[test]
    fn headlines_ending_in_a_period() {
        assert!(is_headline_with_period(
            "Mayor Backs New Tram Line Despite Budget Fears.",
            "x"
        ));
        assert!(is_headline_with_period(
            "Council to close two libraries, cut bus routes.",
            "x"
        ));
        assert!(is_headline_with_period(
            "The city council voted to close two libraries on the east side of town after a long and bitter debate.",
            "site_2016-10-12_the-city-council-voted-to-close-two"
        ));
        // Ledes.
        assert!(!is_headline_with_period(
            "The council said it would close two libraries.",
            "x"
        ));
        assert!(!is_headline_with_period(
            "The city council voted to close two libraries on the east side of town after a long and bitter debate.",
            "x"
        ));
        assert!(!is_headline_with_period("It rained. Then it stopped.", "x"));
        assert!(!is_headline_with_period("Wait...", "x"));
    }

    #[test]
    fn headings_and_subtitles() {
        assert!(is_heading("At a Glance"));
        assert!(is_heading("The Stakes for Russia’s Middle East Strategy"));
        assert!(!is_heading("By Jane Doe"));
        assert!(!is_heading("What now?"));
        assert!(!is_heading("As the talks went on, the"));
        assert!(is_subtitle(
            "They are negotiating with Russia about its military presence"
        ));
        assert!(!is_subtitle("By Jane Doe and John Roe"));
        assert!(!is_subtitle(
            "Russia is engaging in talks with Syrian jihadi rebels to maintain control over its \
             critical military bases, as the Assad regime crumbles and Moscow scrambles."
        ));
    }

    #[test]
    fn first_sentence_skips_abbreviations() {
        assert_eq!(
            first_sentence("The U.S. Army and Mr. Smith met J. R. Doe at 3.5 km. Then they left."),
            "The U.S. Army and Mr. Smith met J. R. Doe at 3.5 km."
        );
        assert_eq!(
            first_sentence("He said “stop.” Then he left."),
            "He said “stop.”"
        );
    }

    #[test]
    fn derived_titles_cut_at_words() {
        let p = "Moscow is trying to secure the future of its key military bases in Syria while \
                 initiating contacts with the country’s new rebel leaders. The collapse…";
        let t = derive_title(p);
        assert!(t.ends_with('…'));
        let stem = t.trim_end_matches('…');
        assert!(p.starts_with(stem));
        assert!(p[stem.len()..].starts_with(' '));
        assert!(stem.chars().count() <= DERIVED_MAX_CHARS);
        assert_eq!(
            derive_title("Short sentence here. And more."),
            "Short sentence here"
        );
    }
}

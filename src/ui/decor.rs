//! What analysis adds to the reading pane, computed once per article (and
//! again when the speaker filter or the analysis changes), never per frame:
//! highlight layers for entities and quotations, speaker tags, and the
//! entity summary.

use std::collections::HashMap;
use std::ops::Range;

use ratatui::style::Style;

use super::highlight::{Highlight, Layer};
use super::theme::Theme;
use super::wrap::{Extras, InlineTag};
use crate::analyze::{EntityKind, QuoteKind};
use crate::index::Corpus;

/// Names shown per kind in the entity summary.
const SUMMARY_NAMES: usize = 4;
/// Longest speaker tag, in characters.
const TAG_CHARS: usize = 24;
/// After the speaker tag of a quotation the reader corrected (alone for
/// words marked not a quotation); the legend says what it means.
pub const CORRECTED_MARK: &str = " ✱";

/// Highlights and extras for one article.
#[derive(Debug, Clone, Default)]
pub struct Decor {
    pub entities: Layer,
    pub quotes: Layer,
    /// Each quotation's range with its marks, by quote index.
    pub quote_ranges: Vec<Range<usize>>,
    pub extras: Extras,
}

/// Builds the decor of `article`. `speaker` is the speaker filter: that
/// speaker's quotations are marked and the others dimmed.
pub fn build(corpus: &Corpus, article: usize, theme: &Theme, speaker: Option<&str>) -> Decor {
    let (Some(analysis), Some(text)) = (
        corpus.analysis(article),
        corpus.articles.get(article).map(|a| a.text.as_str()),
    ) else {
        return Decor::default();
    };
    let entities = Layer::new(
        analysis
            .entities
            .iter()
            .map(|e| Highlight {
                range: e.span.range(),
                style: entity_style(theme, e.kind),
            })
            .collect(),
    );
    let mut quotes = Vec::with_capacity(analysis.quotes.len());
    let mut quote_ranges = Vec::with_capacity(analysis.quotes.len());
    for (index, quote) in analysis.quotes.iter().enumerate() {
        let name = corpus.quote_speaker_name(article, index);
        let style = match (speaker, name) {
            // Words the reader took out of the record read as plain text.
            _ if corpus.is_rejected(article, index) => theme.body,
            (Some(wanted), Some(name)) if name == wanted => theme.quote_focused,
            (Some(_), _) => theme.quote_dimmed,
            (None, _) if quote.kind == QuoteKind::Term => theme.term,
            (None, _) => theme.quote,
        };
        // The marks belong to the quotation too.
        let span = quote.span.range();
        let start = previous_char(text, span.start);
        let end = next_char(text, span.end);
        quote_ranges.push(start..end);
        quotes.push(Highlight {
            range: start..end,
            style,
        });
    }
    let tags = speaker_tags(corpus, article, text, &quote_ranges, speaker.is_some());
    Decor {
        entities,
        quotes: Layer::new(quotes),
        quote_ranges,
        extras: Extras {
            tags,
            summary: summary(corpus, article),
        },
    }
}

/// Speaker tags: one after the sentence that holds a quotation's end (its
/// paragraph, without sentences), never inside a sentence; none where the
/// sentences holding the quotation name the speaker by any of their names,
/// since a tag would only repeat it (pronouns and descriptions still get
/// one: the tag resolves them). The pieces of a quotation that runs over
/// several paragraphs (every piece open, only the last one closed) share
/// one tag, after the last. Scare quotes get none unless a speaker is
/// followed.
fn speaker_tags(
    corpus: &Corpus,
    article: usize,
    text: &str,
    quote_ranges: &[Range<usize>],
    following: bool,
) -> Vec<InlineTag> {
    let Some(analysis) = corpus.analysis(article) else {
        return Vec::new();
    };
    let sentences = &analysis.sentences;
    let mut needles: HashMap<&str, Vec<String>> = HashMap::new();
    let mut tags: Vec<InlineTag> = Vec::new();
    let mut group_start: Option<usize> = None;
    for (index, quote) in analysis.quotes.iter().enumerate() {
        let Some(range) = quote_ranges.get(index) else {
            break;
        };
        let speaker = corpus.quote_speaker(article, index);
        let start = *group_start.get_or_insert(range.start);
        // An open piece (no closing mark) continued by the same speaker's
        // next quotation waits for the last piece.
        let continued = range.end == quote.span.range().end
            && quote_ranges.get(index + 1).is_some_and(|next| {
                text.get(range.end..next.start)
                    .is_some_and(|gap| gap.trim().is_empty())
                    && corpus.quote_speaker(article, index + 1).map(|s| &s.name)
                        == speaker.map(|s| &s.name)
            });
        if continued {
            continue;
        }
        group_start = None;
        let corrected = corpus.is_corrected(article, index);
        let Some(speaker) = speaker else {
            if corpus.is_rejected(article, index) {
                tags.push(InlineTag {
                    attach: word_end(text, range.end),
                    text: CORRECTED_MARK.trim_start().to_string(),
                    quote: index,
                });
            }
            continue;
        };
        if quote.kind == QuoteKind::Term && !following {
            continue;
        }
        let first = sentences.partition_point(|s| (s.end as usize) <= start);
        let last = sentences.partition_point(|s| (s.end as usize) < range.end);
        let (held, attach) = match (
            sentences.get(first).map(|s| s.range()),
            sentences.get(last).map(|s| s.range()),
        ) {
            (Some(a), Some(b)) if a.start <= start && b.start < range.end => {
                (a.start..b.end.max(range.end), b.end.max(range.end))
            }
            _ => (start..range.end, word_end(text, range.end)),
        };
        let names = needles
            .entry(speaker.name.as_str())
            .or_insert_with(|| name_needles(&speaker.name, &speaker.aliases));
        // A corrected speaker always shows: the text may name another.
        if !corrected && names_speaker(text, held, start..range.end, names) {
            continue;
        }
        let mark = if corrected { CORRECTED_MARK } else { "" };
        let tag = format!("—{}{mark}", short_name(&speaker.name));
        // Two quotations of one speaker in one sentence: one tag.
        if tags
            .last()
            .is_some_and(|t| t.attach == attach && t.text == tag)
        {
            continue;
        }
        tags.push(InlineTag {
            attach,
            text: tag,
            quote: index,
        });
    }
    tags
}

/// The lowercase words that name a speaker: their names and the last
/// word of each (the surname a second mention uses).
fn name_needles(name: &str, aliases: &[String]) -> Vec<String> {
    let mut needles: Vec<String> = Vec::new();
    for full in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        let full = full.to_lowercase();
        if let Some(last) = full.split_whitespace().last() {
            if last.chars().count() > 1 && !needles.iter().any(|n| n == last) {
                needles.push(last.to_string());
            }
        }
        if !needles.contains(&full) {
            needles.push(full);
        }
    }
    needles
}

/// Whether `text[held]`, outside the quotation's own words (`quoted`),
/// holds one of `needles` as whole words.
fn names_speaker(text: &str, held: Range<usize>, quoted: Range<usize>, needles: &[String]) -> bool {
    let outside = [
        held.start..quoted.start.max(held.start),
        quoted.end.min(held.end)..held.end,
    ];
    outside.into_iter().any(|part| {
        let Some(words) = text.get(part) else {
            return false;
        };
        let words = words.to_lowercase();
        needles.iter().any(|needle| {
            words.match_indices(needle.as_str()).any(|(at, found)| {
                let before = words[..at].chars().next_back();
                let after = words[at + found.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
    })
}

/// The style of an entity kind.
pub fn entity_style(theme: &Theme, kind: EntityKind) -> Style {
    match kind {
        EntityKind::Person => theme.person,
        EntityKind::Organization => theme.organization,
        EntityKind::Place => theme.place,
        // Other named things (events, treaties) share the groups' style:
        // neither ever speaks.
        EntityKind::Group | EntityKind::Other => theme.group,
    }
}

/// "People: Peskov 4, Assad 3 · Organizations: …", most mentioned first.
fn summary(corpus: &Corpus, article: usize) -> Vec<String> {
    let (Some(analysis), Some(text)) = (
        corpus.analysis(article),
        corpus.articles.get(article).map(|a| a.text.as_str()),
    ) else {
        return Vec::new();
    };
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for entity in &analysis.entities {
        *counts.entry(entity.canonical as usize).or_default() += 1;
    }
    let mut lines = Vec::new();
    for (kind, label) in [
        (EntityKind::Person, "People"),
        (EntityKind::Organization, "Organizations"),
        (EntityKind::Place, "Places"),
    ] {
        let mut names: Vec<(usize, &str)> = analysis
            .canonicals
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == kind)
            .filter_map(|(i, c)| counts.get(&i).map(|&n| (n, c.name.text(text))))
            .collect();
        if names.is_empty() {
            continue;
        }
        names.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let shown: Vec<String> = names
            .iter()
            .take(SUMMARY_NAMES)
            .map(|(n, name)| format!("{name} {n}"))
            .collect();
        lines.push(format!("{label}: {}", shown.join(", ")));
    }
    lines
}

/// A speaker's name as a tag shows it: cut short when long.
pub fn short_name(name: &str) -> String {
    let cut: String = name.chars().take(TAG_CHARS).collect();
    if cut.len() < name.len() {
        format!("{}…", cut.trim_end())
    } else {
        cut
    }
}

fn previous_char(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.char_indices().next_back())
        .filter(|(_, c)| is_quote_mark(*c))
        .map_or(at, |(i, _)| i)
}

fn next_char(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|after| after.chars().next())
        .filter(|c| is_quote_mark(*c))
        .map_or(at, |c| at + c.len_utf8())
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›'
    )
}

/// The end of the word that `at` is in or ends: tags go after punctuation
/// that follows a closing mark.
fn word_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .map(|rest| at + rest.find(char::is_whitespace).unwrap_or(rest.len()))
        .unwrap_or(at)
}

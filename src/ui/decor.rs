//! What analysis adds to the reading pane, computed once per article (and
//! again when the speaker filter or the analysis changes), never per frame:
//! highlight layers for entities and quotations, speaker tags, and the
//! entity summary.

use std::collections::HashMap;

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

/// Highlights and extras for one article.
#[derive(Debug, Clone, Default)]
pub struct Decor {
    pub entities: Layer,
    pub quotes: Layer,
    /// Each quotation's range with its marks, by quote index.
    pub quote_ranges: Vec<std::ops::Range<usize>>,
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
    let mut tags = Vec::new();
    let mut quote_ranges = Vec::with_capacity(analysis.quotes.len());
    for (index, quote) in analysis.quotes.iter().enumerate() {
        let name = corpus.quote_speaker_name(article, index);
        let style = match (speaker, name) {
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
        if let Some(name) = name {
            let named_here = quote
                .speaker_mention
                .as_ref()
                .is_some_and(|m| names_nearby(text, &m.range(), &span, name));
            if !named_here && (quote.kind != QuoteKind::Term || speaker.is_some()) {
                tags.push(InlineTag {
                    attach: word_end(text, end),
                    text: format!("—{}", short_name(name)),
                    quote: index,
                });
            }
        }
    }
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

/// Words a reader could take for the speaker's name within this distance
/// of a quotation need no tag.
const NEARBY_BYTES: usize = 60;

/// Whether the text names the speaker right beside the quotation ("…,"
/// says Dara Massicot): then a tag would only repeat it. Pronouns and
/// descriptions still get one, since the tag resolves them.
fn names_nearby(
    text: &str,
    mention: &std::ops::Range<usize>,
    quote: &std::ops::Range<usize>,
    name: &str,
) -> bool {
    let close = mention.start.saturating_sub(quote.end) <= NEARBY_BYTES
        && quote.start.saturating_sub(mention.end) <= NEARBY_BYTES;
    let Some(surname) = name.split_whitespace().last() else {
        return false;
    };
    close
        && text
            .get(mention.clone())
            .is_some_and(|m| m.to_lowercase().contains(&surname.to_lowercase()))
}

/// The style of an entity kind.
pub fn entity_style(theme: &Theme, kind: EntityKind) -> Style {
    match kind {
        EntityKind::Person => theme.person,
        EntityKind::Organization => theme.organization,
        EntityKind::Place => theme.place,
        EntityKind::Group => theme.group,
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

//! Analyze: sentences, entities, quotations and their speakers.
//!
//! [`analyze`] reads one [`Article`] and returns an [`Analysis`]: plain
//! data with byte ranges into `article.text`. Nothing here touches the
//! terminal, and nothing depends on other articles; linking speakers
//! across articles is the corpus's job ([`crate::index`]).
//!
//! The steps, each its own module: [`tokens`] and [`sentences`] (inside a
//! tokenized document), [`entities`] (capitalized runs, gazetteers from
//! `assets/`, clusters of mentions), [`quotes`] (paired marks),
//! [`attribution`] (speech-verb patterns) and [`coref`] (pronouns and
//! descriptions).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::model::{Article, BlockKind};

mod attribution;
mod coref;
mod doc;
mod entities;
mod lexicon;
mod quotes;
mod sentences;
mod tokens;

pub use entities::name_key;
pub use lexicon::Gender;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    /// Nationalities and religious, political or ethnic groups.
    Group,
}

impl EntityKind {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
        }
    }
}

/// One mention of a named entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Byte range of the name in the text (titles and honorifics excluded).
    pub span: Range<usize>,
    pub kind: EntityKind,
    /// Index into [`Analysis::canonicals`]: mentions of the same thing
    /// share it ("Dmitry Peskov" … "Peskov").
    pub canonical: usize,
}

/// The entity a group of mentions names, within one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Canonical {
    /// The fullest form seen.
    pub name: String,
    pub kind: EntityKind,
    pub gender: Gender,
    /// Titles and roles given with it ("Kremlin spokesman").
    pub roles: Vec<String>,
}

/// How a quotation sits in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A sentence or more.
    Full,
    /// A fragment woven into the reporter's sentence.
    Partial,
    /// One or two words held at arm's length.
    Term,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Full => "full",
            QuoteKind::Partial => "partial",
            QuoteKind::Term => "term",
        }
    }
}

/// A quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Byte range of the quoted words, without the marks.
    pub span: Range<usize>,
    pub kind: QuoteKind,
    /// Index into [`Analysis::speakers`].
    pub speaker: Option<usize>,
    /// Where the text names the speaker for this quotation (a name, a
    /// pronoun or a description).
    pub speaker_mention: Option<Range<usize>>,
    /// The speech verb, lowercase ("says", "according to", ":").
    pub cue: Option<String>,
}

/// What kind of speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organization,
    Place,
    Group,
    /// Unnamed, known by a description ("a source familiar with the talks").
    Description,
}

impl From<EntityKind> for SpeakerKind {
    fn from(k: EntityKind) -> Self {
        match k {
            EntityKind::Person => SpeakerKind::Person,
            EntityKind::Organization => SpeakerKind::Organization,
            EntityKind::Place => SpeakerKind::Place,
            EntityKind::Group => SpeakerKind::Group,
        }
    }
}

/// A speaker within one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalSpeaker {
    /// The fullest name, or the description.
    pub name: String,
    pub kind: SpeakerKind,
    pub gender: Gender,
    pub roles: Vec<String>,
    /// Index into [`Analysis::canonicals`] when the speaker is named.
    pub canonical: Option<usize>,
}

/// Everything found in one article. All ranges are byte ranges into the
/// analyzed text, on char boundaries, sorted and non-overlapping within
/// each list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub sentences: Vec<Range<usize>>,
    pub entities: Vec<Entity>,
    pub canonicals: Vec<Canonical>,
    pub quotes: Vec<Quote>,
    pub speakers: Vec<LocalSpeaker>,
}

impl Analysis {
    /// The speaker of a quotation.
    pub fn speaker_of(&self, quote: &Quote) -> Option<&LocalSpeaker> {
        quote.speaker.and_then(|s| self.speakers.get(s))
    }

    /// Approximate bytes held, for keeping results small next to the text.
    pub fn heap_size(&self) -> usize {
        use std::mem::size_of;
        let strings = |v: &[String]| {
            v.iter()
                .map(|s| s.capacity() + size_of::<String>())
                .sum::<usize>()
        };
        self.sentences.capacity() * size_of::<Range<usize>>()
            + self.entities.capacity() * size_of::<Entity>()
            + self.quotes.capacity() * size_of::<Quote>()
            + self
                .quotes
                .iter()
                .map(|q| q.cue.as_ref().map_or(0, String::capacity))
                .sum::<usize>()
            + self.canonicals.capacity() * size_of::<Canonical>()
            + self
                .canonicals
                .iter()
                .map(|c| c.name.capacity() + strings(&c.roles))
                .sum::<usize>()
            + self.speakers.capacity() * size_of::<LocalSpeaker>()
            + self
                .speakers
                .iter()
                .map(|s| s.name.capacity() + strings(&s.roles))
                .sum::<usize>()
    }
}

/// Analyzes a cleaned article, using its blocks as hard sentence breaks.
pub fn analyze(article: &Article) -> Analysis {
    let blocks: Vec<(BlockKind, Range<usize>)> = if article.blocks.is_empty() {
        doc::Doc::plain_blocks(&article.text)
    } else {
        article
            .blocks
            .iter()
            .map(|b| (b.kind, b.range.clone()))
            .collect()
    };
    analyze_blocks(&article.text, &blocks)
}

/// Analyzes plain text: paragraphs separated by blank lines.
pub fn analyze_text(text: &str) -> Analysis {
    analyze_blocks(text, &doc::Doc::plain_blocks(text))
}

fn analyze_blocks(text: &str, blocks: &[(BlockKind, Range<usize>)]) -> Analysis {
    let doc = doc::Doc::new(text, blocks);
    let mut ents = entities::find(&doc);
    let block_ranges: Vec<Range<usize>> = doc.blocks.iter().map(|b| b.range.clone()).collect();
    let raw_quotes = quotes::find(text, &block_ranges);
    let quoted = attribution::quoted_tokens(&doc, &raw_quotes);
    let describer = coref::Describer::new(&doc, lexicon::lexicon(), &quoted);
    let atts = attribution::attribute(&doc, &mut ents, &raw_quotes, &quoted, &describer);
    let mut analysis = Analysis {
        sentences: (0..doc.sentences.len())
            .map(|s| doc.sentence_span(s))
            .collect(),
        ..Analysis::default()
    };
    analysis.canonicals = ents
        .clusters
        .iter()
        .map(|c| Canonical {
            name: c.name.clone(),
            kind: c.kind,
            gender: c.gender,
            roles: c.roles.clone(),
        })
        .collect();
    analysis.entities = ents
        .mentions
        .iter()
        .map(|m| Entity {
            span: m.span.clone(),
            kind: m.kind,
            canonical: m.cluster,
        })
        .collect();
    for (q, att) in raw_quotes.iter().zip(atts) {
        let speaker = att
            .speaker
            .as_ref()
            .and_then(|r| speaker_index(&mut analysis, &doc, &describer, r));
        analysis.quotes.push(Quote {
            span: q.content.clone(),
            kind: att.kind,
            speaker,
            speaker_mention: att.mention,
            cue: att.cue,
        });
    }
    analysis
}

/// The local speaker for a referent, added on first use.
fn speaker_index(
    analysis: &mut Analysis,
    doc: &doc::Doc,
    describer: &coref::Describer,
    r: &coref::Referent,
) -> Option<usize> {
    let (name, kind, gender, roles, canonical) = match r {
        coref::Referent::Cluster(c) => {
            let cl = analysis.canonicals.get(*c)?;
            (
                cl.name.clone(),
                SpeakerKind::from(cl.kind),
                cl.gender,
                cl.roles.clone(),
                Some(*c),
            )
        }
        coref::Referent::Description(d) => {
            let desc = describer.descriptions.get(*d)?;
            let kind = match desc.kind {
                lexicon::NounKind::Body => SpeakerKind::Organization,
                _ => SpeakerKind::Description,
            };
            (describer.text(doc, *d), kind, desc.gender, Vec::new(), None)
        }
        coref::Referent::Pronoun(..) => return None,
    };
    let existing = analysis.speakers.iter().position(|s| match canonical {
        Some(c) => s.canonical == Some(c),
        None => s.canonical.is_none() && s.name.eq_ignore_ascii_case(&name),
    });
    if let Some(i) = existing {
        return Some(i);
    }
    analysis.speakers.push(LocalSpeaker {
        name,
        kind,
        gender,
        roles,
        canonical,
    });
    Some(analysis.speakers.len() - 1)
}

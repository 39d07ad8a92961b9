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

/// Whether a word (any case) is a verb of saying from `assets/speech_verbs.txt`.
pub fn is_speech_verb(word: &str) -> bool {
    lexicon::lexicon().speech_verb_str(word).is_some()
}

/// A byte range of the analyzed text, kept in 32 bits so that results stay
/// small next to the text (articles are far below 4 GiB; longer inputs are
/// clamped).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// The span as a `usize` range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text it covers ("" when it does not fit `text`).
    pub fn text(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        let clamp = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Span {
            start: clamp(r.start),
            end: clamp(r.end),
        }
    }
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    /// Nationalities and religious, political or ethnic groups.
    Group,
    /// Other named things: events, competitions, wars, storms, prizes,
    /// treaties and laws ("World Cup", "Gulf War", "Hurricane Milton",
    /// "Nobel Peace Prize", "Paris Agreement"). They never speak.
    Other,
}

impl EntityKind {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
            EntityKind::Other => "other",
        }
    }
}

/// One mention of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The name in the text (titles and honorifics excluded).
    pub span: Span,
    pub kind: EntityKind,
    /// Index into [`Analysis::canonicals`]: mentions of the same thing
    /// share it ("Dmitry Peskov" … "Peskov").
    pub canonical: u32,
}

/// The entity a group of mentions names, within one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Canonical {
    /// The fullest form seen, in the text.
    pub name: Span,
    pub kind: EntityKind,
    pub gender: Gender,
    /// Titles and roles given with it ("Kremlin spokesman"), in the text.
    pub roles: Box<[Span]>,
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
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Full => "full",
            QuoteKind::Partial => "partial",
            QuoteKind::Term => "term",
        }
    }
}

/// A quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words, without the marks.
    pub span: Span,
    pub kind: QuoteKind,
    /// Index into [`Analysis::speakers`].
    pub speaker: Option<u32>,
    /// Where the text names the speaker for this quotation (a name, a
    /// pronoun or a description).
    pub speaker_mention: Option<Span>,
    /// The speech verb, lowercase ("says", "according to", ":" for a
    /// quotation introduced by a colon).
    pub cue: Option<&'static str>,
    /// Which rules decided the speaker, and their evidence.
    pub attribution: Option<AttributionTrace>,
}

/// A quotation as the analysis cache stores it: its cue as a word, read
/// back as the lexicon spells it.
#[derive(Deserialize)]
struct StoredQuote {
    span: Span,
    kind: QuoteKind,
    speaker: Option<u32>,
    speaker_mention: Option<Span>,
    cue: Option<String>,
    attribution: Option<AttributionTrace>,
}

impl<'de> Deserialize<'de> for Quote {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Quote, D::Error> {
        StoredQuote::deserialize(deserializer).map(Quote::from)
    }
}

impl From<StoredQuote> for Quote {
    fn from(q: StoredQuote) -> Quote {
        // A word the lexicon no longer knows (an older list) is no cue.
        let cue = q.cue.and_then(|cue| match cue.as_str() {
            ":" => Some(":"),
            "according to" => Some("according to"),
            word => lexicon::lexicon().speech_verb_str(word),
        });
        Quote {
            span: q.span,
            kind: q.kind,
            speaker: q.speaker,
            speaker_mention: q.speaker_mention,
            cue,
            attribution: q.attribution,
        }
    }
}

/// The quote → mention rule (sieve) that found where a quotation's speaker
/// is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteRule {
    /// A speech verb after the quotation: `“…,” she said`, `said X`.
    TrailingCue,
    /// A speaker right after a quotation that ends with a comma: `“…,”
    /// Jane Roe shot back`.
    TrailingSubject,
    /// A speech verb before it in the clause: `X said: “…”`.
    LeadingCue,
    /// A speech verb before an earlier quotation of the sentence.
    SentenceCue,
    /// A person before a colon that introduces it.
    ColonSubject,
    /// A speech verb in the sentence before.
    PreviousSentence,
    /// The person the previous sentence of the paragraph is about.
    BeatSubject,
    /// The subject of the sentence that holds a woven-in quotation.
    SentenceSubject,
    /// The other part of a quotation split by its attribution.
    Interrupted,
    /// Continues the previous quotation, with no one else named between.
    Continuation,
    /// A quotation with no cue right before another whose cue follows:
    /// `“…” “…,” she said`.
    NextCue,
}

impl QuoteRule {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteRule::TrailingCue => "trailing-cue",
            QuoteRule::TrailingSubject => "trailing-subject",
            QuoteRule::LeadingCue => "leading-cue",
            QuoteRule::SentenceCue => "sentence-cue",
            QuoteRule::ColonSubject => "colon-subject",
            QuoteRule::PreviousSentence => "previous-sentence",
            QuoteRule::BeatSubject => "beat-subject",
            QuoteRule::SentenceSubject => "sentence-subject",
            QuoteRule::Interrupted => "interrupted",
            QuoteRule::Continuation => "continuation",
            QuoteRule::NextCue => "next-cue",
        }
    }
}

/// The mention → speaker rule (sieve) that said who a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkRule {
    /// The mention is a name.
    Name,
    /// A pronoun, resolved to an earlier mention.
    Pronoun,
    /// A description ("the senator"), resolved to someone named earlier.
    Description,
    /// A description that names no one earlier speaks as itself ("a
    /// source familiar with the talks").
    Described,
    /// A pronoun with no antecedent: no speaker.
    Unresolved,
}

impl LinkRule {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkRule::Name => "name",
            LinkRule::Pronoun => "pronoun",
            LinkRule::Description => "description",
            LinkRule::Described => "described",
            LinkRule::Unresolved => "unresolved",
        }
    }
}

/// Why a quotation has its speaker: the rules that decided and what they
/// read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributionTrace {
    pub rule: QuoteRule,
    pub link: LinkRule,
    /// The cue in the text (a speech verb, "according to", a colon).
    pub cue: Option<Span>,
    /// The earlier mention a pronoun or description stands for, or the
    /// previous quotation's mention for a continuation.
    pub antecedent: Option<Span>,
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
            // Never a speaker (attribution passes them by); the nearest
            // kind keeps the conversion total.
            EntityKind::Group | EntityKind::Other => SpeakerKind::Group,
        }
    }
}

/// A speaker within one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalSpeaker {
    /// The fullest name, or the description, in the text.
    pub name: Span,
    pub kind: SpeakerKind,
    pub gender: Gender,
    pub roles: Box<[Span]>,
    /// Index into [`Analysis::canonicals`] when the speaker is named.
    pub canonical: Option<u32>,
}

/// Everything found in one article. Spans index the analyzed text, lie on
/// char boundaries, and are sorted and non-overlapping within each list.
/// Names are spans too: read them with the text ([`Analysis::speaker_name`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub canonicals: Vec<Canonical>,
    pub quotes: Vec<Quote>,
    pub speakers: Vec<LocalSpeaker>,
}

impl Analysis {
    /// The speaker of a quotation.
    pub fn speaker_of(&self, quote: &Quote) -> Option<&LocalSpeaker> {
        quote.speaker.and_then(|s| self.speakers.get(s as usize))
    }

    /// The name of a quotation's speaker within this article.
    pub fn speaker_name<'t>(&self, text: &'t str, quote: &Quote) -> Option<&'t str> {
        self.speaker_of(quote).map(|s| s.name.text(text))
    }

    /// The fullest name of an entity's canonical form.
    pub fn canonical_name<'t>(&self, text: &'t str, entity: &Entity) -> Option<&'t str> {
        self.canonicals
            .get(entity.canonical as usize)
            .map(|c| c.name.text(text))
    }

    /// Bytes held, heap included, for keeping results small next to the
    /// text.
    pub fn heap_size(&self) -> usize {
        use std::mem::size_of;
        size_of::<Analysis>()
            + self.sentences.capacity() * size_of::<Span>()
            + self.entities.capacity() * size_of::<Entity>()
            + self.quotes.capacity() * size_of::<Quote>()
            + self.canonicals.capacity() * size_of::<Canonical>()
            + self
                .canonicals
                .iter()
                .map(|c| c.roles.len() * size_of::<Span>())
                .sum::<usize>()
            + self.speakers.capacity() * size_of::<LocalSpeaker>()
            + self
                .speakers
                .iter()
                .map(|s| s.roles.len() * size_of::<Span>())
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
    // Quotations are looked for in the body: a headline's quoted words
    // have no attribution to go with them.
    let titles: Vec<&Range<usize>> = blocks
        .iter()
        .filter(|(kind, _)| matches!(kind, BlockKind::Title | BlockKind::Subtitle))
        .map(|(_, range)| range)
        .collect();
    let block_ranges: Vec<Range<usize>> = doc
        .blocks
        .iter()
        .map(|b| b.range.clone())
        .filter(|r| !titles.iter().any(|t| t.contains(&r.start)))
        .collect();
    let raw_quotes = quotes::find(text, &block_ranges);
    let quoted = attribution::quoted_tokens(&doc, &raw_quotes);
    let describer = coref::Describer::new(&doc, &quoted);
    let mut atts = attribution::attribute(&doc, &ents, &raw_quotes, &quoted, &describer);
    attribution::apply_new_names(&doc, &mut ents, &mut atts);
    let mut analysis = Analysis {
        sentences: (0..doc.sentences.len())
            .map(|s| doc.sentence_span(s).into())
            .collect(),
        ..Analysis::default()
    };
    analysis.canonicals = ents
        .clusters
        .iter()
        .map(|c| Canonical {
            name: c.name.clone().into(),
            kind: c.kind,
            gender: c.gender,
            roles: c.roles.iter().map(|r| Span::from(r.clone())).collect(),
        })
        .collect();
    analysis.entities = ents
        .mentions
        .iter()
        .map(|m| Entity {
            span: m.span.clone().into(),
            kind: m.kind,
            canonical: m.cluster as u32,
        })
        .collect();
    let mut speaker_keys = lexicon::FastMap::default();
    for (q, att) in raw_quotes.iter().zip(atts) {
        let speaker = att
            .speaker
            .as_ref()
            .and_then(|r| speaker_index(&mut analysis, &mut speaker_keys, text, &describer, r));
        analysis.quotes.push(Quote {
            span: q.content.clone().into(),
            kind: att.kind,
            speaker,
            speaker_mention: att.mention.map(Span::from),
            cue: att.cue,
            attribution: att.rule.zip(att.link).map(|(rule, link)| AttributionTrace {
                rule,
                link,
                cue: att.cue_span.map(Span::from),
                antecedent: att.antecedent.map(Span::from),
            }),
        });
    }
    analysis.sentences.shrink_to_fit();
    analysis.entities.shrink_to_fit();
    analysis.canonicals.shrink_to_fit();
    analysis.quotes.shrink_to_fit();
    analysis.speakers.shrink_to_fit();
    analysis
}

/// The local speaker for a referent, added on first use.
fn speaker_index(
    analysis: &mut Analysis,
    keys: &mut lexicon::FastMap<SpeakerKey, u32>,
    text: &str,
    describer: &coref::Describer,
    r: &coref::Referent,
) -> Option<u32> {
    let speaker = match r {
        coref::Referent::Cluster(c) => {
            let cl = analysis.canonicals.get(*c)?;
            LocalSpeaker {
                name: cl.name,
                kind: SpeakerKind::from(cl.kind),
                gender: cl.gender,
                roles: cl.roles.clone(),
                canonical: Some(*c as u32),
            }
        }
        coref::Referent::Description(d) => {
            let desc = describer.descriptions.get(*d)?;
            LocalSpeaker {
                name: desc.span.clone().into(),
                kind: match desc.kind {
                    lexicon::NounKind::Body => SpeakerKind::Organization,
                    _ => SpeakerKind::Description,
                },
                gender: desc.gender,
                roles: Box::new([]),
                canonical: None,
            }
        }
        coref::Referent::Phrase(span) => LocalSpeaker {
            name: span.clone().into(),
            kind: SpeakerKind::Description,
            gender: Gender::Unknown,
            roles: Box::new([]),
            canonical: None,
        },
        coref::Referent::Pronoun(..) | coref::Referent::NewName { .. } => return None,
    };
    let key = match speaker.canonical {
        Some(c) => SpeakerKey::Canonical(c),
        None => SpeakerKey::Described(speaker.name.text(text).to_lowercase()),
    };
    let index = *keys.entry(key).or_insert_with(|| {
        analysis.speakers.push(speaker);
        analysis.speakers.len() as u32 - 1
    });
    Some(index)
}

/// What makes two local speakers the same.
#[derive(Debug, PartialEq, Eq, Hash)]
enum SpeakerKey {
    Canonical(u32),
    Described(String),
}

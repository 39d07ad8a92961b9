//! Word lists compiled in from `assets/`, parsed once into hash maps.
//!
//! Every look-up is a hash probe on a lowercased key; nothing loops over a
//! list at analysis time.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Hash maps keyed by short words: foldhash is several times faster than
/// the default SipHash on them, and these keys come from our own lists.
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
/// Hash sets of short words; see [`FastMap`].
pub type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;

/// What a gazetteer phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GazKind {
    Place,
    Organization,
    Group,
    Person,
}

/// A person's gender as far as a word tells it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
    #[default]
    Unknown,
}

/// How a role word behaves before a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleWord {
    /// A role on its own: "President", "spokesman".
    Head,
    /// Only part of a role before a head: "Deputy", "Foreign".
    Modifier,
}

/// What a lowercase role noun ("the official", "the embassy") refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounKind {
    Person,
    Body,
    Group,
}

/// A gazetteer entry.
#[derive(Debug, Clone, Copy)]
pub struct GazEntry {
    pub kind: GazKind,
    /// Short all-caps entries ("US", "AP", "WHO") only match in capitals.
    pub caps_only: bool,
    /// A city or town (not a country or region): in a sports report its
    /// name may stand for its team.
    pub city: bool,
    /// A country (from `countries.txt`): in a results table it stands for
    /// the national side, which news tags as the country.
    pub country: bool,
}

/// Everything the lists say about one lowercase word, so that a word costs
/// one hash look-up however many lists are asked.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    pub given_name: Option<Gender>,
    pub org_cue: bool,
    pub place_cue: bool,
    pub honorific: Option<Gender>,
    pub role: Option<(RoleWord, Gender)>,
    pub speech_verb: bool,
    pub person_noun: Option<(NounKind, Gender)>,
    pub not_name: bool,
    /// Ends the name of an event, agreement or prize ("Cold War").
    pub event_cue: bool,
    /// A one-word gazetteer entry.
    pub gazetteer: Option<GazEntry>,
    /// Membership in the small one-concept lists ([`Tag`]), one bit each.
    pub tags: u64,
}

/// Small word lists of one concept each, read from `assets/` into
/// [`WordInfo::tags`] so that asking costs no extra look-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// A lowercase particle inside a personal name ("al", "van", "de").
    NameParticle,
    /// A lowercase particle that opens a name part when hyphenated to a
    /// capital ("al-Assad", "bin-Salman").
    HyphenParticle,
    /// A lowercase word inside a body's or place's name ("of", "for").
    NameConnector,
    /// An article, preposition, conjunction or pronoun: never opens a name.
    FunctionWord,
    /// A compass word opening a region's name ("West", "Northern").
    Compass,
    /// Letters after a name that are not part of it ("KC", "MP").
    Postnominal,
    /// A generation suffix that belongs to the name ("Jr", "Sr", "III").
    Generation,
    /// An abbreviation that, with its period, opens a place's or saint's
    /// name ("St. Louis", "Mt. Kenya").
    NameAbbreviation,
    /// A lowercase noun that makes the single name before it a business
    /// ("Sheraton hotel").
    BusinessNoun,
    /// A lowercase noun that makes the single name before it a place
    /// ("Azadi stadium").
    VenueNoun,
    /// The last word of a government portfolio ("Affairs", "Finance").
    PortfolioHead,
    /// A word that opens a named event ("Hurricane", "Operation").
    EventOpener,
    /// A sports team's nickname ("Yankees", "Springboks").
    TeamNickname,
    /// A lowercase noun after a city that makes it the place of an event
    /// or institution ("the Brussels meeting", "a New York hospital").
    LocalEventNoun,
    /// A lowercase noun that, right before a name, describes it as an
    /// organization ("state power firm Eletropaulo").
    OrgNoun,
    /// A word of a company's affairs ("shares", "profit", "stake").
    CompanyWord,
    /// A word typical of sports reports ("inning", "striker", "goal").
    SportsWord,
    /// A word labelling a line of a results table ("Attendance", "Group").
    TableLabel,
    /// A wire service's desk word after a city ("Newsroom", "Newsdesk").
    NewsDesk,
    /// A word naming a publication or broadcaster after its name
    /// ("newspaper", "daily", "radio").
    MediaNoun,
    /// A word between a subject and its speech verb that does not end the subject ("also", "has", "reportedly").
    SubjectSkippable,
    /// A word that opens a clause, ending a subject phrase walked back from its verb ("that", "while", "and").
    ClauseStart,
    /// A verb that gives a thing its name: the quoted words after it are a name, not speech ("calls", "dubbed").
    NamingVerb,
    /// A verb of accusing: a short quoted term after it is the accused's ("accused", "blames").
    AccusingVerb,
    /// A personal pronoun that can name a speaker ("he", "she", "they").
    SpeakerPronoun,
    /// A determiner that opens a description of a speaker ("the", "a", "one", "his").
    DescriptionDeterminer,
    /// A preposition that continues a description with a name ("a spokesman for the Ministry").
    DescriptionPreposition,
    /// A document that speaks for whoever issued it ("statement", "report").
    DocumentNoun,
    /// A noun for someone related to another's role ("counterpart", "successor").
    RelationalNoun,
    /// A word that may follow a speech verb in a bare attribution clause ("asked reporters", "said in …").
    AttributionTail,
    /// A speech verb that cannot be read as a noun ("said", "says", "told").
    PlainSpeechVerb,
    /// A lowercase noun that, after a name in a sports report, makes the
    /// name a team ("Varnholt defender", "Harbour striker").
    TeamRole,
    /// A word that ties a participle to the clause before it ("and", "while": "…, adding", "before claiming").
    ParticipleLink,
    /// A word before a name that says it is where something happens ("in",
    /// "to", "visited").
    Locative,
    /// A preposition whose object is not the subject of its clause ("with",
    /// "around"): a pronoun's antecedent is preferably not governed by one.
    ObliquePreposition,
    /// A speech verb whose object is the one spoken to ("told CNN"): the
    /// name after it is not its speaker.
    AddresseeVerb,
}

impl Tag {
    const fn bit(self) -> u64 {
        1 << self as u32
    }
}

/// The asset file of each [`Tag`].
const TAG_LISTS: &[(Tag, &str)] = &[
    (
        Tag::NameParticle,
        include_str!("../../assets/name_particles.txt"),
    ),
    (
        Tag::HyphenParticle,
        include_str!("../../assets/hyphen_particles.txt"),
    ),
    (
        Tag::NameConnector,
        include_str!("../../assets/name_connectors.txt"),
    ),
    (
        Tag::FunctionWord,
        include_str!("../../assets/function_words.txt"),
    ),
    (Tag::Compass, include_str!("../../assets/compass_words.txt")),
    (
        Tag::Postnominal,
        include_str!("../../assets/postnominals.txt"),
    ),
    (
        Tag::Generation,
        include_str!("../../assets/generation_suffixes.txt"),
    ),
    (
        Tag::NameAbbreviation,
        include_str!("../../assets/name_abbreviations.txt"),
    ),
    (
        Tag::BusinessNoun,
        include_str!("../../assets/business_nouns.txt"),
    ),
    (Tag::VenueNoun, include_str!("../../assets/venue_nouns.txt")),
    (
        Tag::PortfolioHead,
        include_str!("../../assets/portfolio_heads.txt"),
    ),
    (
        Tag::EventOpener,
        include_str!("../../assets/event_openers.txt"),
    ),
    (
        Tag::TeamNickname,
        include_str!("../../assets/team_nicknames.txt"),
    ),
    (
        Tag::LocalEventNoun,
        include_str!("../../assets/local_event_nouns.txt"),
    ),
    (Tag::OrgNoun, include_str!("../../assets/org_nouns.txt")),
    (
        Tag::CompanyWord,
        include_str!("../../assets/company_words.txt"),
    ),
    (
        Tag::SportsWord,
        include_str!("../../assets/sports_words.txt"),
    ),
    (
        Tag::TableLabel,
        include_str!("../../assets/table_labels.txt"),
    ),
    (Tag::NewsDesk, include_str!("../../assets/news_desks.txt")),
    (Tag::MediaNoun, include_str!("../../assets/media_nouns.txt")),
    (
        Tag::SubjectSkippable,
        include_str!("../../assets/subject_skippable.txt"),
    ),
    (
        Tag::ClauseStart,
        include_str!("../../assets/clause_starts.txt"),
    ),
    (
        Tag::NamingVerb,
        include_str!("../../assets/naming_verbs.txt"),
    ),
    (
        Tag::AccusingVerb,
        include_str!("../../assets/accusing_verbs.txt"),
    ),
    (
        Tag::SpeakerPronoun,
        include_str!("../../assets/speaker_pronouns.txt"),
    ),
    (
        Tag::DescriptionDeterminer,
        include_str!("../../assets/description_determiners.txt"),
    ),
    (
        Tag::DescriptionPreposition,
        include_str!("../../assets/description_prepositions.txt"),
    ),
    (
        Tag::DocumentNoun,
        include_str!("../../assets/document_nouns.txt"),
    ),
    (
        Tag::RelationalNoun,
        include_str!("../../assets/relational_nouns.txt"),
    ),
    (
        Tag::AttributionTail,
        include_str!("../../assets/attribution_tails.txt"),
    ),
    (
        Tag::PlainSpeechVerb,
        include_str!("../../assets/plain_speech_verbs.txt"),
    ),
    (Tag::TeamRole, include_str!("../../assets/team_roles.txt")),
    (
        Tag::ParticipleLink,
        include_str!("../../assets/participle_links.txt"),
    ),
    (
        Tag::Locative,
        include_str!("../../assets/locative_words.txt"),
    ),
    (
        Tag::ObliquePreposition,
        include_str!("../../assets/oblique_prepositions.txt"),
    ),
    (
        Tag::AddresseeVerb,
        include_str!("../../assets/addressee_verbs.txt"),
    ),
];

impl WordInfo {
    /// Whether the word is on the list of `tag`.
    pub fn has(&self, tag: Tag) -> bool {
        self.tags & tag.bit() != 0
    }
}

impl WordInfo {
    /// Nothing known.
    pub const NOTHING: WordInfo = WordInfo {
        given_name: None,
        org_cue: false,
        place_cue: false,
        honorific: None,
        role: None,
        speech_verb: false,
        person_noun: None,
        not_name: false,
        event_cue: false,
        gazetteer: None,
        tags: 0,
    };
}

/// All word lists.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Lowercased phrase (words joined by one space) to entry.
    pub gazetteer: FastMap<String, GazEntry>,
    /// Lowercase word (as bytes, so look-ups skip UTF-8 checks) to what
    /// every list says of it.
    pub words: FastMap<Vec<u8>, WordInfo>,
    /// Which (length, first letter) pairs occur among the ASCII keys of
    /// [`Lexicon::words`]: most words of a text are ruled out by one bit
    /// test before any hashing.
    shapes: [u64; 16],
    /// Longest gazetteer phrase, in words.
    pub max_phrase_words: usize,
    /// Lowercased given name to gender.
    pub given_names: HashMap<String, Gender>,
    pub org_cues: HashSet<String>,
    /// Capitalized words ending a place name ("Square", "River").
    pub place_cues: HashSet<String>,
    /// Lowercase words that mark the capitalized word before them a place.
    pub place_after: FastMap<String, ()>,
    pub honorifics: HashMap<String, Gender>,
    pub roles: HashMap<String, (RoleWord, Gender)>,
    pub speech_verbs: HashSet<String>,
    pub person_nouns: HashMap<String, (NounKind, Gender)>,
    pub not_names: HashSet<String>,
    /// Endings of English common nouns and adjectives ("-tion", "-ic"):
    /// a capitalized word with one is unlikely to be part of a name.
    pub word_endings: Vec<String>,
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

/// The compiled-in lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(Lexicon::load)
}

fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn gender(code: &str) -> Gender {
    match code {
        "m" => Gender::Male,
        "f" => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// Lowercases and joins words by single spaces, so that look-ups match
/// however the text spaced them. In a phrase of several words an
/// abbreviation's period is dropped ("St. Louis" = "St Louis").
pub fn phrase_key(words: &str) -> String {
    let mut key = String::with_capacity(words.len());
    let several = words.trim().contains(char::is_whitespace);
    for (i, w) in words.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        let w = match w.strip_suffix('.') {
            Some(stem) if several && !stem.contains('.') => stem,
            _ => w,
        };
        if w.is_ascii() {
            key.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            key.push_str(&fold_lower(w));
        }
    }
    key
}

/// Lowercase without accents ("José" → "jose", "Ørsted" → "ørsted"): names
/// are written both ways, in the text and in the lists.
pub fn fold_lower(s: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lex = Lexicon::default();
        let gaz: [(&str, GazKind, bool); 8] = [
            (
                include_str!("../../assets/countries.txt"),
                GazKind::Place,
                false,
            ),
            (
                include_str!("../../assets/cities.txt"),
                GazKind::Place,
                true,
            ),
            (
                include_str!("../../assets/cities_geonames.txt"),
                GazKind::Place,
                true,
            ),
            (
                include_str!("../../assets/regions.txt"),
                GazKind::Place,
                false,
            ),
            (
                include_str!("../../assets/organizations.txt"),
                GazKind::Organization,
                false,
            ),
            (
                include_str!("../../assets/sports_clubs.txt"),
                GazKind::Organization,
                false,
            ),
            (
                include_str!("../../assets/demonyms.txt"),
                GazKind::Group,
                false,
            ),
            (
                include_str!("../../assets/people.txt"),
                GazKind::Person,
                false,
            ),
        ];
        for (n, (data, kind, city)) in gaz.into_iter().enumerate() {
            // The first list is the countries'.
            let country = n == 0;
            for e in entries(data) {
                let caps_only = e.chars().count() <= 4
                    && e.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
                let key = phrase_key(e);
                lex.max_phrase_words = lex.max_phrase_words.max(key.split(' ').count());
                // The first list to name a phrase wins: places before
                // organizations before groups before people.
                lex.gazetteer
                    .entry(key)
                    .and_modify(|e| e.caps_only &= caps_only)
                    .or_insert(GazEntry {
                        kind,
                        caps_only,
                        city,
                        country,
                    });
            }
        }
        for (data, g) in [
            (
                include_str!("../../assets/given_names_male.txt"),
                Gender::Male,
            ),
            (
                include_str!("../../assets/given_names_female.txt"),
                Gender::Female,
            ),
        ] {
            for e in entries(data) {
                lex.given_names
                    .entry(e.to_lowercase())
                    .and_modify(|old| {
                        if *old != g {
                            *old = Gender::Unknown
                        }
                    })
                    .or_insert(g);
            }
        }
        lex.org_cues = entries(include_str!("../../assets/org_cues.txt"))
            .map(str::to_lowercase)
            .collect();
        for e in entries(include_str!("../../assets/place_cues.txt")) {
            match e.strip_prefix("after ") {
                Some(word) => {
                    lex.place_after.insert(phrase_key(word), ());
                }
                None => {
                    lex.place_cues.insert(e.to_lowercase());
                }
            }
        }
        for e in entries(include_str!("../../assets/honorifics.txt")) {
            let mut parts = e.split_whitespace();
            if let (Some(w), Some(g)) = (parts.next(), parts.next()) {
                lex.honorifics.insert(w.to_lowercase(), gender(g));
            }
        }
        for e in entries(include_str!("../../assets/roles.txt")) {
            let mut parts = e.split_whitespace();
            if let (Some(w), Some(k), Some(g)) = (parts.next(), parts.next(), parts.next()) {
                let kind = if k == "head" {
                    RoleWord::Head
                } else {
                    RoleWord::Modifier
                };
                let key = w.to_lowercase();
                // A word listed as both is a head ("Justice").
                let entry = lex.roles.entry(key).or_insert((kind, gender(g)));
                if kind == RoleWord::Head {
                    *entry = (kind, gender(g));
                }
            }
        }
        lex.speech_verbs = entries(include_str!("../../assets/speech_verbs.txt"))
            .map(str::to_lowercase)
            .collect();
        for e in entries(include_str!("../../assets/person_nouns.txt")) {
            let mut parts = e.split_whitespace();
            if let (Some(w), Some(k), Some(g)) = (parts.next(), parts.next(), parts.next()) {
                let kind = match k {
                    "person" => NounKind::Person,
                    "body" => NounKind::Body,
                    _ => NounKind::Group,
                };
                lex.person_nouns.insert(w.to_lowercase(), (kind, gender(g)));
            }
        }
        lex.not_names = entries(include_str!("../../assets/not_names.txt"))
            .map(str::to_lowercase)
            .collect();
        // Days and months are no names by themselves; short days are
        // left out ("Sun", "Sat" name things too).
        lex.not_names.extend(
            crate::wordlists::calendar_words()
                .filter(|(_, c)| !c.short || c.month.is_some())
                .map(|(w, _)| w.to_string()),
        );
        lex.word_endings = entries(include_str!("../../assets/word_endings.txt"))
            .map(str::to_lowercase)
            .collect();
        lex.index_words();
        lex
    }

    /// Builds [`Lexicon::words`] from the separate lists.
    fn index_words(&mut self) {
        let mut words: FastMap<Vec<u8>, WordInfo> = FastMap::default();
        for (w, g) in &self.given_names {
            words.entry(w.clone().into_bytes()).or_default().given_name = Some(*g);
        }
        for w in &self.org_cues {
            words.entry(w.clone().into_bytes()).or_default().org_cue = true;
        }
        for w in &self.place_cues {
            words.entry(w.clone().into_bytes()).or_default().place_cue = true;
        }
        for (w, g) in &self.honorifics {
            words.entry(w.clone().into_bytes()).or_default().honorific = Some(*g);
        }
        for (w, r) in &self.roles {
            words.entry(w.clone().into_bytes()).or_default().role = Some(*r);
        }
        for w in &self.speech_verbs {
            words.entry(w.clone().into_bytes()).or_default().speech_verb = true;
        }
        for (w, n) in &self.person_nouns {
            words.entry(w.clone().into_bytes()).or_default().person_noun = Some(*n);
        }
        for w in &self.not_names {
            words.entry(w.clone().into_bytes()).or_default().not_name = true;
        }
        for w in entries(include_str!("../../assets/event_cues.txt")) {
            words
                .entry(w.to_lowercase().into_bytes())
                .or_default()
                .event_cue = true;
        }
        for &(tag, data) in TAG_LISTS {
            for w in entries(data) {
                words.entry(phrase_key(w).into_bytes()).or_default().tags |= tag.bit();
            }
        }
        for (w, e) in &self.gazetteer {
            if !w.contains(' ') {
                words.entry(w.clone().into_bytes()).or_default().gazetteer = Some(*e);
            }
        }
        // Look-ups fold accents ("José" = "Jose"): so do the keys.
        let accented: Vec<(Vec<u8>, WordInfo)> = words
            .iter()
            .filter(|(k, _)| !k.is_ascii())
            .filter_map(|(k, v)| Some((fold_lower(std::str::from_utf8(k).ok()?).into_bytes(), *v)))
            .collect();
        for (k, v) in accented {
            words.entry(k).or_insert(v);
        }
        let mut shapes = [0u64; 16];
        for key in words.keys() {
            if let Some(bit) = shape_bit(key) {
                shapes[bit / 64] |= 1 << (bit % 64);
            }
        }
        self.shapes = shapes;
        self.words = words;
    }

    /// What the lists say of a word, in any case.
    pub fn info(&self, word: &str) -> Option<&WordInfo> {
        let bytes = word.as_bytes();
        let mut buf = [0u8; 48];
        if word.is_ascii() && bytes.len() <= buf.len() {
            let bit = shape_bit(bytes)?;
            if self.shapes[bit / 64] & (1 << (bit % 64)) == 0 {
                return None;
            }
            let lower = &mut buf[..bytes.len()];
            lower.copy_from_slice(bytes);
            lower.make_ascii_lowercase();
            self.words.get(&*lower)
        } else {
            self.words.get(fold_lower(word).as_bytes())
        }
    }

    /// The lexicon's own copy of a speech verb, for output.
    pub fn speech_verb_str(&self, word: &str) -> Option<&str> {
        let mut buf = [0u8; 48];
        let owned;
        let lower = match ascii_lower(word, &mut buf) {
            Some(l) => l,
            None => {
                owned = word.to_lowercase();
                owned.as_str()
            }
        };
        self.words
            .get_key_value(lower.as_bytes())
            .filter(|(_, i)| i.speech_verb)
            .and_then(|(k, _)| std::str::from_utf8(k).ok())
    }

    /// The gazetteer entry for a phrase whose words are given as written.
    pub fn gazetteer_kind(&self, phrase: &str) -> Option<GazKind> {
        self.gazetteer_entry(phrase).map(|e| e.kind)
    }

    /// The gazetteer entry for a phrase whose words are given as written,
    /// with what it says beyond its kind.
    pub fn gazetteer_entry(&self, phrase: &str) -> Option<GazEntry> {
        let entry = if phrase.contains(char::is_whitespace) {
            *self.gazetteer.get(&phrase_key(phrase))?
        } else {
            self.info(phrase)?.gazetteer?
        };
        if entry.caps_only && phrase.chars().any(char::is_lowercase) {
            return None;
        }
        Some(entry)
    }

    /// Whether a word (any case) is a demonym, or a plural of one.
    pub fn is_demonym(&self, word: &str) -> bool {
        let group = |w: &str| {
            self.info(w)
                .and_then(|i| i.gazetteer)
                .map(|e| e.kind == GazKind::Group)
        };
        match group(word) {
            Some(is_group) => is_group,
            None => word
                .strip_suffix('s')
                .is_some_and(|stem| group(stem) == Some(true)),
        }
    }

    pub fn role(&self, word: &str) -> Option<(RoleWord, Gender)> {
        self.info(word)?.role
    }

    pub fn person_noun(&self, word: &str) -> Option<(NounKind, Gender)> {
        self.info(word)?.person_noun
    }

    /// Whether a word (any case) is on the list of `tag`.
    pub fn has(&self, word: &str, tag: Tag) -> bool {
        self.info(word).is_some_and(|i| i.has(tag))
    }

    pub fn is_not_name(&self, word: &str) -> bool {
        self.info(word).is_some_and(|i| i.not_name)
    }
}

/// The bit of a word's shape (length up to 31, first letter folded to
/// case) in [`Lexicon::shapes`]; `None` for an empty word.
fn shape_bit(word: &[u8]) -> Option<usize> {
    let first = *word.first()?;
    Some(word.len().min(31) * 32 + usize::from(first.to_ascii_lowercase() & 31))
}

/// An ASCII word lowercased into `buf`, without allocating; `None` for
/// non-ASCII or long words.
pub fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_has_its_list() {
        let lex = lexicon();
        for (tag, word) in [
            (Tag::NameParticle, "bin"),
            (Tag::HyphenParticle, "al"),
            (Tag::NameConnector, "of"),
            (Tag::FunctionWord, "because"),
            (Tag::Compass, "Northern"),
            (Tag::Postnominal, "KC"),
            (Tag::Generation, "Jr"),
            (Tag::NameAbbreviation, "St"),
            (Tag::BusinessNoun, "hotel"),
            (Tag::VenueNoun, "stadium"),
            (Tag::PortfolioHead, "Affairs"),
            (Tag::EventOpener, "Hurricane"),
            (Tag::TeamNickname, "Yankees"),
            (Tag::TeamNickname, "Blue Jays"),
            (Tag::LocalEventNoun, "meeting"),
            (Tag::OrgNoun, "firm"),
            (Tag::CompanyWord, "shares"),
            (Tag::SportsWord, "inning"),
            (Tag::TableLabel, "Attendance"),
            (Tag::NewsDesk, "Newsroom"),
            (Tag::MediaNoun, "newspaper"),
            (Tag::TeamRole, "striker"),
            (Tag::ParticipleLink, "while"),
            (Tag::Locative, "visited"),
            (Tag::ObliquePreposition, "around"),
            (Tag::AddresseeVerb, "told"),
        ] {
            assert!(lex.has(word, tag), "{word} should be {tag:?}");
        }
        assert!(!lex.has("said", Tag::OrgNoun));
        assert!(!lex.has("by", Tag::ObliquePreposition));
        assert_eq!(TAG_LISTS.len(), 36, "one list per tag");
    }

    #[test]
    fn accents_fold_in_keys_and_look_ups() {
        assert_eq!(fold_lower("José Núñez"), "jose nunez");
        assert_eq!(
            crate::analyze::name_key("José Núñez"),
            crate::analyze::name_key("Jose Nunez")
        );
        let lex = lexicon();
        assert_eq!(lex.gazetteer_kind("São Paulo"), Some(GazKind::Place));
        assert_eq!(lex.gazetteer_kind("Sao Paulo"), Some(GazKind::Place));
        assert_eq!(lex.gazetteer_kind("Élysée"), Some(GazKind::Organization));
        assert_eq!(lex.gazetteer_kind("Elysee"), Some(GazKind::Organization));
    }

    #[test]
    fn lists_load_and_answer() {
        let lex = lexicon();
        assert_eq!(lex.gazetteer_kind("Middle  East"), Some(GazKind::Place));
        assert_eq!(lex.gazetteer_kind("Kremlin"), Some(GazKind::Organization));
        assert_eq!(lex.gazetteer_kind("us"), None);
        assert_eq!(lex.gazetteer_kind("US"), Some(GazKind::Place));
        assert!(lex.is_demonym("Syrians"));
        assert!(lex.is_demonym("Islamist"));
        assert!(!lex.is_demonym("Paris"));
        assert_eq!(
            lex.info("dmitry").and_then(|i| i.given_name),
            Some(Gender::Male)
        );
        assert_eq!(
            lex.info("Dara").and_then(|i| i.given_name),
            Some(Gender::Female)
        );
        assert_eq!(lex.info("Mr").and_then(|i| i.honorific), Some(Gender::Male));
        assert_eq!(lex.role("Minister").map(|r| r.0), Some(RoleWord::Head));
        assert_eq!(lex.role("Deputy").map(|r| r.0), Some(RoleWord::Modifier));
        assert!(lex.info("Says").is_some_and(|i| i.speech_verb));
        assert!(lex.is_not_name("Monday"));
        assert!(lex.max_phrase_words >= 4);
    }
}

//! Word lists compiled in from `assets/`, parsed once into hash maps.
//!
//! Every look-up is a hash probe on a lowercased key; nothing loops over a
//! list at analysis time.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// What a gazetteer phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GazKind {
    Place,
    Organization,
    Group,
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
}

/// All word lists.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Lowercased phrase (words joined by one space) to entry.
    pub gazetteer: HashMap<String, GazEntry>,
    /// Longest gazetteer phrase, in words.
    pub max_phrase_words: usize,
    /// Lowercased given name to gender.
    pub given_names: HashMap<String, Gender>,
    pub org_cues: HashSet<String>,
    /// Capitalized words ending a place name ("Square", "River").
    pub place_cues: HashSet<String>,
    /// Lowercase words that mark the capitalized word before them a place.
    pub place_after: HashSet<String>,
    pub honorifics: HashMap<String, Gender>,
    pub roles: HashMap<String, (RoleWord, Gender)>,
    pub speech_verbs: HashSet<String>,
    pub person_nouns: HashMap<String, (NounKind, Gender)>,
    pub not_names: HashSet<String>,
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
/// however the text spaced them.
pub fn phrase_key(words: &str) -> String {
    let mut key = String::with_capacity(words.len());
    for (i, w) in words.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.extend(w.chars().flat_map(char::to_lowercase));
    }
    key
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lex = Lexicon::default();
        let gaz: [(&str, GazKind); 5] = [
            (include_str!("../../assets/countries.txt"), GazKind::Place),
            (include_str!("../../assets/cities.txt"), GazKind::Place),
            (include_str!("../../assets/regions.txt"), GazKind::Place),
            (
                include_str!("../../assets/organizations.txt"),
                GazKind::Organization,
            ),
            (include_str!("../../assets/demonyms.txt"), GazKind::Group),
        ];
        for (data, kind) in gaz {
            for e in entries(data) {
                let caps_only = e.chars().count() <= 4
                    && e.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
                let key = phrase_key(e);
                lex.max_phrase_words = lex.max_phrase_words.max(key.split(' ').count());
                // The first list to name a phrase wins: places before
                // organizations before groups.
                lex.gazetteer
                    .entry(key)
                    .and_modify(|e| e.caps_only &= caps_only)
                    .or_insert(GazEntry { kind, caps_only });
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
                    lex.place_after.insert(phrase_key(word));
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
        lex
    }

    /// The gazetteer entry for a phrase whose words are given as written.
    pub fn gazetteer_kind(&self, phrase: &str) -> Option<GazKind> {
        let key = phrase_key(phrase);
        let entry = self.gazetteer.get(&key)?;
        if entry.caps_only && phrase.chars().any(char::is_lowercase) {
            return None;
        }
        Some(entry.kind)
    }

    /// Whether a word (any case) is a demonym, or a plural of one.
    pub fn is_demonym(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let hit = |w: &str| {
            self.gazetteer
                .get(w)
                .is_some_and(|e| e.kind == GazKind::Group)
        };
        hit(&lower)
            || lower
                .strip_suffix('s')
                .is_some_and(|stem| hit(stem) && !self.gazetteer.contains_key(&lower))
    }

    pub fn given_name(&self, word: &str) -> Option<Gender> {
        self.given_names.get(&word.to_lowercase()).copied()
    }

    pub fn is_org_cue(&self, word: &str) -> bool {
        self.org_cues.contains(&word.to_lowercase())
    }

    pub fn is_place_cue(&self, word: &str) -> bool {
        self.place_cues.contains(&word.to_lowercase())
    }

    pub fn honorific(&self, word: &str) -> Option<Gender> {
        self.honorifics.get(&word.to_lowercase()).copied()
    }

    pub fn role(&self, word: &str) -> Option<(RoleWord, Gender)> {
        self.roles.get(&word.to_lowercase()).copied()
    }

    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(&word.to_lowercase())
    }

    pub fn person_noun(&self, word: &str) -> Option<(NounKind, Gender)> {
        self.person_nouns.get(&word.to_lowercase()).copied()
    }

    pub fn is_not_name(&self, word: &str) -> bool {
        self.not_names.contains(&word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(lex.given_name("dmitry"), Some(Gender::Male));
        assert_eq!(lex.given_name("Dara"), Some(Gender::Female));
        assert_eq!(lex.honorific("Mr"), Some(Gender::Male));
        assert_eq!(lex.role("Minister").map(|r| r.0), Some(RoleWord::Head));
        assert_eq!(lex.role("Deputy").map(|r| r.0), Some(RoleWord::Modifier));
        assert!(lex.is_speech_verb("Says"));
        assert!(lex.is_not_name("Monday"));
        assert!(lex.max_phrase_words >= 4);
    }
}

//! Speakers across articles: one per person, whatever each article calls
//! them.
//!
//! [`SpeakerIndex::insert`] keeps, per article, only what linking needs
//! (interned name forms and keys, the quotation → local speaker map), so an
//! arriving article costs work in its own size. [`SpeakerIndex::link`]
//! groups every article's local speakers in one pass, linear in their
//! number, and returns a finished [`Linking`] to hand to a reader.
//!
//! Identity rules, from evidence across the corpus:
//! - a person is their given name and surname: a missing middle name or
//!   initial does not split them ("Donald J. Trump" = "Donald Trump",
//!   "Hillary Rodham Clinton" = "Hillary R. Clinton"), different ones do
//!   ("George W. Bush" ≠ "George P. Bush"; "George Bush" joins the one of
//!   them named in more articles, when one is strictly ahead), and so do a
//!   generational suffix ("Donald Trump Jr.") and another given name
//!   ("Melania Trump");
//! - a lone surname (also "Mr. Trump": honorifics are outside the name)
//!   goes to the one person with that surname named in its article, else
//!   to the person with that surname named in the most articles, when one
//!   is strictly ahead; otherwise it stays a speaker of its own;
//! - a speech verb inside a Title Case run ends the name ("Hillary Clinton
//!   Says Trump" is Hillary Clinton);
//! - the name shown is the most frequent full form, ties alphabetical, so
//!   the result never depends on the order articles arrive in.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use crate::analyze::{is_speech_verb, name_key, Analysis, SpeakerKind};

/// "No speaker" in the compact tables.
const NONE: u32 = u32::MAX;

/// One speaker across the corpus.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Speaker {
    /// The most frequent full name across articles ("Dmitry Peskov"), or the
    /// description of an unnamed speaker.
    pub name: String,
    pub kind: SpeakerKind,
    /// Titles and roles, most often given first.
    pub roles: Vec<String>,
    /// (article index, quote index) of every quotation attributed to them,
    /// in corpus order.
    pub quotes: Vec<(usize, usize)>,
    /// Indices of the articles they are quoted in, ascending.
    pub articles: Vec<usize>,
    /// The other names the articles use for them ("Donald J. Trump",
    /// "Trump"), most frequent first.
    pub aliases: Vec<String>,
}

/// A finished linking: the corpus speakers and, per article, which of them
/// each local speaker is. Cheap to clone and to hand between threads.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Linking {
    /// Speakers with at least one quotation, most quoted first.
    pub speakers: Arc<[Speaker]>,
    links: Arc<LinkTable>,
}

impl Linking {
    /// The corpus speaker index of an article's local speaker.
    pub fn speaker_index(&self, article: usize, local: usize) -> Option<usize> {
        let table = &self.links;
        let start = *table.starts.get(article)? as usize;
        let end = *table.starts.get(article + 1)? as usize;
        let idx = *table
            .speakers
            .get(start + local)
            .filter(|_| start + local < end)?;
        (idx != NONE).then_some(idx as usize)
    }
}

impl Linking {
    /// The same articles and locals with other speakers: every local
    /// unlinked except those in `links` (article, local, speaker index).
    pub(super) fn relinked(
        &self,
        speakers: Arc<[Speaker]>,
        links: impl IntoIterator<Item = (usize, usize, Option<usize>)>,
    ) -> Linking {
        let mut table = LinkTable {
            starts: self.links.starts.clone(),
            speakers: vec![NONE; self.links.speakers.len()],
        };
        for (article, local, speaker) in links {
            let (Some(&start), Some(&end)) =
                (table.starts.get(article), table.starts.get(article + 1))
            else {
                continue;
            };
            let slot = start as usize + local;
            if slot < end as usize {
                table.speakers[slot] = speaker.map_or(NONE, |s| s as u32);
            }
        }
        Linking {
            speakers,
            links: Arc::new(table),
        }
    }
}

/// Per article, per local speaker, the corpus speaker (or [`NONE`]):
/// article `a`'s locals are `speakers[starts[a]..starts[a + 1]]`.
#[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct LinkTable {
    starts: Vec<u32>,
    speakers: Vec<u32>,
}

/// Strings stored once: name forms, keys and roles recur across articles.
#[derive(Debug, Default)]
struct Interner {
    ids: HashMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).unwrap_or(NONE - 1);
        self.strings.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    fn get(&self, id: u32) -> &str {
        self.strings.get(id as usize).map_or("", |s| s)
    }
}

/// How a local speaker is known across articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum LocalKey {
    /// An unnamed speaker: only within its article (the lowercase form).
    Description(u32),
    /// A named body, place or group (its name key).
    Named(u32),
    /// A person named in full (the identity: "donald trump", "donald trump jr").
    Person(u32),
    /// A person known by one word only (the word's key).
    Lone(u32),
}

#[derive(Debug)]
struct LocalEntry {
    kind: SpeakerKind,
    form: u32,
    key: LocalKey,
    roles: Box<[u32]>,
}

/// What the index keeps of one article.
#[derive(Debug)]
struct ArticleSpeakers {
    locals: Box<[LocalEntry]>,
    /// People named in full anywhere in the article, once each: (identity,
    /// the fullest form the article gives).
    people: Box<[(u32, u32)]>,
    /// Per quotation, its local speaker ([`NONE`] for none).
    quotes: Box<[u32]>,
}

/// The parts of a full name that identity rests on.
#[derive(Debug, Clone, Copy)]
struct PersonParts {
    first: u32,
    surname: u32,
    /// For "donald trump jr": "donald trump".
    without_suffix: Option<u32>,
    /// Given name, surname and suffix, without middle names: the forms
    /// that may be one person ("george bush" for "george w bush").
    base: u32,
    /// Middle names and initials ("w", "rodham"), empty for none.
    middle: u32,
}

/// The speakers of every analyzed article, ready to link.
#[derive(Debug, Default)]
pub struct SpeakerIndex {
    articles: Vec<Option<ArticleSpeakers>>,
    strings: Interner,
    /// Identity → its given name and surname.
    people: HashMap<u32, PersonParts>,
}

impl SpeakerIndex {
    /// Adds (or replaces) one article's speakers. Work in the article's size.
    pub fn insert(&mut self, article: usize, text: &str, analysis: &Analysis) {
        let mut people: Vec<(u32, u32)> = Vec::new();
        for c in &analysis.canonicals {
            if c.kind != crate::analyze::EntityKind::Person {
                continue;
            }
            let form = person_form(text, c.name.range());
            if let Some(NameKey::Full(full)) = person_key(&form).filter(plausible_full_name) {
                let ident = self.person(&full);
                if !people.iter().any(|&(p, _)| p == ident) {
                    people.push((ident, self.strings.id(&form)));
                }
            }
        }
        let mut locals = Vec::with_capacity(analysis.speakers.len());
        for sp in &analysis.speakers {
            let described = sp.canonical.is_none();
            let (form, key) = if described {
                let form = display_name(sp.name.text(text), true);
                let key = LocalKey::Description(self.strings.id(&form.to_lowercase()));
                (form, key)
            } else if sp.kind == SpeakerKind::Person {
                let form = person_form(text, sp.name.range());
                let key = match person_key(&form) {
                    Some(NameKey::Full(full)) => {
                        let ident = self.person(&full);
                        if !people.iter().any(|&(p, _)| p == ident) {
                            people.push((ident, self.strings.id(&form)));
                        }
                        LocalKey::Person(ident)
                    }
                    Some(NameKey::Lone(word)) => LocalKey::Lone(self.strings.id(&word)),
                    None => LocalKey::Named(self.strings.id(&name_key(&form))),
                };
                (form, key)
            } else {
                let form = display_name(sp.name.text(text), false);
                let key = LocalKey::Named(self.strings.id(&name_key(&form)));
                (form, key)
            };
            let roles = sp
                .roles
                .iter()
                .map(|r| self.strings.id(&display_name(r.text(text), false)))
                .collect();
            locals.push(LocalEntry {
                kind: sp.kind,
                form: self.strings.id(&form),
                key,
                roles,
            });
        }
        let quotes = analysis
            .quotes
            .iter()
            .map(|q| {
                q.speaker
                    .filter(|&s| (s as usize) < locals.len())
                    .unwrap_or(NONE)
            })
            .collect();
        if self.articles.len() <= article {
            self.articles.resize_with(article + 1, || None);
        }
        self.articles[article] = Some(ArticleSpeakers {
            locals: locals.into_boxed_slice(),
            people: people.into_boxed_slice(),
            quotes,
        });
    }

    /// Interns a full name's identity and remembers its parts.
    fn person(&mut self, full: &FullName) -> u32 {
        let ident = self.strings.id(&full.ident);
        if !self.people.contains_key(&ident) {
            let parts = PersonParts {
                first: self.strings.id(&full.first),
                surname: self.strings.id(&full.surname),
                without_suffix: full.without_suffix.as_deref().map(|b| self.strings.id(b)),
                base: self.strings.id(&full.base),
                middle: self.strings.id(&full.middle),
            };
            self.people.insert(ident, parts);
        }
        ident
    }

    /// Links every article's local speakers into corpus speakers. One pass
    /// over the locals and quotations, plus sorting the speakers.
    pub fn link(&self) -> Linking {
        let same = self.same_people();
        let dominant = self.dominant_by_surname(&same);
        let mut groups: Vec<Group> = Vec::new();
        let mut by_key: HashMap<GroupKey, u32> = HashMap::new();
        let mut table = LinkTable::default();
        for (ai, article) in self.articles.iter().enumerate() {
            table.starts.push(table.speakers.len() as u32);
            let Some(article) = article else { continue };
            let first_local = table.speakers.len();
            for local in article.locals.iter() {
                let key = self.group_key(ai, article, local.key, &dominant, &same);
                let next = groups.len() as u32;
                let g = *by_key.entry(key).or_insert(next);
                if g == next {
                    groups.push(Group::new(key));
                }
                let group = &mut groups[g as usize];
                count(&mut group.forms, local.form);
                for &r in local.roles.iter() {
                    count(&mut group.roles, r);
                }
                group.kinds[kind_rank(local.kind)] += 1;
                table.speakers.push(g);
            }
            for (qi, &local) in article.quotes.iter().enumerate() {
                if let Some(&g) = table.speakers.get(first_local + local as usize) {
                    if local != NONE {
                        groups[g as usize].quotes.push((ai, qi));
                    }
                }
            }
        }
        table.starts.push(table.speakers.len() as u32);

        // "Jr." shows only where it tells two people apart.
        let suffix_needed = |key: GroupKey| match key {
            GroupKey::Person(ident) => self
                .people
                .get(&ident)
                .and_then(|p| p.without_suffix)
                .is_none_or(|base| by_key.contains_key(&GroupKey::Person(same.of(base)))),
            _ => true,
        };
        let named_in_full = self.forms_named_in_full(&groups, &same);
        let speakers: Vec<(u32, Speaker)> = groups
            .into_iter()
            .enumerate()
            .filter(|(_, g)| !g.quotes.is_empty())
            .map(|(i, mut g)| {
                if let GroupKey::Person(ident) = g.key {
                    if let Some(forms) = named_in_full.get(&ident) {
                        g.forms.extend_from_slice(forms);
                    }
                }
                let keep_suffix = suffix_needed(g.key);
                (i as u32, g.finish(&self.strings, keep_suffix))
            })
            .collect();
        let mut order: Vec<usize> = (0..speakers.len()).collect();
        order.sort_by(|&a, &b| {
            let (sa, sb) = (&speakers[a].1, &speakers[b].1);
            sb.quotes
                .len()
                .cmp(&sa.quotes.len())
                .then_with(|| sa.name.cmp(&sb.name))
                .then_with(|| sa.articles.cmp(&sb.articles))
        });
        let mut new_index = vec![NONE; by_key.len()];
        for (rank, &i) in order.iter().enumerate() {
            new_index[speakers[i].0 as usize] = rank as u32;
        }
        for s in &mut table.speakers {
            *s = new_index[*s as usize];
        }
        let mut slots: Vec<Option<Speaker>> = speakers.into_iter().map(|(_, s)| Some(s)).collect();
        let speakers: Vec<Speaker> = order.iter().filter_map(|&i| slots[i].take()).collect();
        Linking {
            speakers: speakers.into(),
            links: Arc::new(table),
        }
    }

    /// For people quoted only by a lone name in every article that quotes
    /// them ("Hollande"), how the articles name them in full.
    fn forms_named_in_full(
        &self,
        groups: &[Group],
        same: &SamePeople,
    ) -> HashMap<u32, Vec<(u32, u32)>> {
        let mut wanted: HashMap<u32, Vec<(u32, u32)>> = groups
            .iter()
            .filter(|g| !g.quotes.is_empty())
            .filter(|g| {
                g.forms
                    .iter()
                    .all(|&(f, _)| !is_full_form(self.strings.get(f)))
            })
            .filter_map(|g| match g.key {
                GroupKey::Person(ident) => Some((ident, Vec::new())),
                _ => None,
            })
            .collect();
        if wanted.is_empty() {
            return wanted;
        }
        for article in self.articles.iter().flatten() {
            for &(ident, form) in article.people.iter() {
                if let Some(forms) = wanted.get_mut(&same.of(ident)) {
                    count(forms, form);
                }
            }
        }
        wanted
    }

    /// Per surname, the person named in the most articles, when one is
    /// strictly ahead of the others with that surname.
    fn dominant_by_surname(&self, same: &SamePeople) -> HashMap<u32, u32> {
        let weight = self.articles_naming(|p| same.of(p));
        // (identity, weight, tied): the outcome does not depend on the
        // order the map is walked in.
        let mut best: HashMap<u32, (u32, u32, bool)> = HashMap::new();
        for (&ident, &w) in &weight {
            let Some(parts) = self.people.get(&ident) else {
                continue;
            };
            let entry = best.entry(parts.surname).or_insert((ident, w, false));
            if entry.0 != ident {
                if w > entry.1 {
                    *entry = (ident, w, false);
                } else if w == entry.1 {
                    entry.2 = true;
                }
            }
        }
        best.into_iter()
            .filter(|(_, (_, _, tied))| !tied)
            .map(|(surname, (ident, _, _))| (surname, ident))
            .collect()
    }

    /// Per person, in how many articles they are named in full; `of` says
    /// which identity stands for a full name.
    fn articles_naming(&self, of: impl Fn(u32) -> u32) -> HashMap<u32, u32> {
        let mut weight: HashMap<u32, u32> = HashMap::new();
        for article in self.articles.iter().flatten() {
            let mut seen: Vec<u32> = Vec::with_capacity(article.people.len());
            for &(p, _) in article.people.iter() {
                let p = of(p);
                if !seen.contains(&p) {
                    seen.push(p);
                    *weight.entry(p).or_default() += 1;
                }
            }
        }
        weight
    }

    fn group_key(
        &self,
        ai: usize,
        article: &ArticleSpeakers,
        key: LocalKey,
        dominant: &HashMap<u32, u32>,
        same: &SamePeople,
    ) -> GroupKey {
        match key {
            LocalKey::Description(k) => GroupKey::Description(ai as u32, k),
            LocalKey::Named(k) => GroupKey::Named(k),
            LocalKey::Person(ident) => GroupKey::Person(same.of(ident)),
            LocalKey::Lone(word) => self
                .resolve_lone(article, word, dominant, same)
                .map_or(GroupKey::Lone(word), GroupKey::Person),
        }
    }

    /// Which full names are one person: per given name and surname, the
    /// forms whose middle names agree (one an initial of the other, or the
    /// same) are one; a form without a middle name joins the only one, or
    /// the one named in more articles when it is strictly ahead. Weights
    /// and ties are settled by counts and spelling, never by the order
    /// articles arrived in.
    fn same_people(&self) -> SamePeople {
        let weight = self.articles_naming(|p| p);
        let mut by_base: HashMap<u32, Vec<u32>> = HashMap::new();
        for (&ident, parts) in &self.people {
            by_base.entry(parts.base).or_default().push(ident);
        }
        let mut to = HashMap::new();
        for idents in by_base.values_mut().filter(|v| v.len() > 1) {
            let w = |id: &u32| weight.get(id).copied().unwrap_or(0);
            idents.sort_by(|a, b| {
                w(b).cmp(&w(a))
                    .then_with(|| self.strings.get(*a).cmp(self.strings.get(*b)))
            });
            let middle = |id: u32| {
                self.people
                    .get(&id)
                    .map_or("", |p| self.strings.get(p.middle))
            };
            // (representative, weight of the class)
            let mut classes: Vec<(u32, u32)> = Vec::new();
            let mut bare = None;
            for &id in idents.iter() {
                if middle(id).is_empty() {
                    bare = Some(id);
                    continue;
                }
                match classes
                    .iter_mut()
                    .find(|(rep, _)| middles_agree(middle(*rep), middle(id)))
                {
                    Some((rep, n)) => {
                        to.insert(id, *rep);
                        *n += w(&id);
                    }
                    None => classes.push((id, w(&id))),
                }
            }
            let Some(bare) = bare else { continue };
            classes.sort_by_key(|c| std::cmp::Reverse(c.1));
            let joins = match classes.as_slice() {
                [one] => Some(one.0),
                [first, second, ..] if first.1 > second.1 => Some(first.0),
                _ => None,
            };
            if let Some(rep) = joins {
                to.insert(bare, rep);
            }
        }
        SamePeople { to }
    }

    /// The person a lone name stands for: the one with that surname in the
    /// article (or, failing that, the one with that given name), else the
    /// dominant one in the corpus.
    fn resolve_lone(
        &self,
        article: &ArticleSpeakers,
        word: u32,
        dominant: &HashMap<u32, u32>,
        same: &SamePeople,
    ) -> Option<u32> {
        let in_article = |by_surname: bool| -> Vec<u32> {
            let mut found: Vec<u32> = Vec::new();
            for &(p, _) in article.people.iter() {
                let named = self.people.get(&p).is_some_and(|parts| {
                    word == if by_surname {
                        parts.surname
                    } else {
                        parts.first
                    }
                });
                if named && !found.contains(&same.of(p)) {
                    found.push(same.of(p));
                }
            }
            found
        };
        match in_article(true).as_slice() {
            [one] => return Some(*one),
            [] => {}
            // Two Trumps in the article: the corpus's leading one, if it is
            // one of them.
            many => return dominant.get(&word).filter(|p| many.contains(p)).copied(),
        }
        if let [one] = in_article(false).as_slice() {
            return Some(*one);
        }
        dominant.get(&word).copied()
    }
}

/// Full-name identities that are one person (see
/// [`SpeakerIndex::same_people`]): each to the one that stands for them.
#[derive(Debug, Default)]
struct SamePeople {
    to: HashMap<u32, u32>,
}

impl SamePeople {
    fn of(&self, ident: u32) -> u32 {
        self.to.get(&ident).copied().unwrap_or(ident)
    }
}

/// Whether two runs of middle names and initials can be one person's: word
/// by word the same, or one an initial of the other ("w" and "walker").
fn middles_agree(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            x == y
                || (x.chars().count() == 1 && y.starts_with(*x))
                || (y.chars().count() == 1 && x.starts_with(*y))
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum GroupKey {
    Description(u32, u32),
    Named(u32),
    Person(u32),
    Lone(u32),
}

/// A corpus speaker being assembled: counts, so that no choice depends on
/// which article came first.
#[derive(Debug)]
struct Group {
    key: GroupKey,
    forms: Vec<(u32, u32)>,
    roles: Vec<(u32, u32)>,
    kinds: [u32; 5],
    quotes: Vec<(usize, usize)>,
}

impl Group {
    fn new(key: GroupKey) -> Group {
        Group {
            key,
            forms: Vec::new(),
            roles: Vec::new(),
            kinds: [0; 5],
            quotes: Vec::new(),
        }
    }

    fn finish(self, strings: &Interner, keep_suffix: bool) -> Speaker {
        let person = matches!(self.key, GroupKey::Person(_) | GroupKey::Lone(_));
        let mut forms: Vec<(String, u32)> = Vec::with_capacity(self.forms.len());
        for &(f, n) in &self.forms {
            let form = strings.get(f);
            let form = match form.rsplit_once(' ') {
                Some((base, last)) if !keep_suffix && suffix_of(last).is_some() => base,
                _ => form,
            };
            match forms.iter_mut().find(|(x, _)| x == form) {
                Some((_, c)) => *c += n,
                None => forms.push((form.to_string(), n)),
            }
        }
        // Full names before lone ones (for people), then the most
        // frequent, then alphabetical.
        let full = |f: &str| !person || is_full_form(f);
        forms.sort_by(|(fa, ca), (fb, cb)| {
            full(fb)
                .cmp(&full(fa))
                .then(cb.cmp(ca))
                .then_with(|| fa.cmp(fb))
        });
        let mut forms = forms.into_iter();
        let name = forms.next().map(|(f, _)| f).unwrap_or_default();
        let mut aliases: Vec<(String, u32)> = forms.collect();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut roles = self.roles;
        roles.sort_by(|&(ra, ca), &(rb, cb)| {
            cb.cmp(&ca)
                .then_with(|| strings.get(ra).cmp(strings.get(rb)))
        });
        let kind = (0..self.kinds.len())
            .max_by(|&a, &b| self.kinds[a].cmp(&self.kinds[b]).then(b.cmp(&a)))
            .map_or(SpeakerKind::Description, kind_of_rank);
        let mut articles: Vec<usize> = self.quotes.iter().map(|&(a, _)| a).collect();
        articles.dedup();
        Speaker {
            name,
            kind,
            roles: roles
                .iter()
                .map(|&(r, _)| strings.get(r).to_string())
                .collect(),
            quotes: self.quotes,
            articles,
            aliases: aliases.into_iter().map(|(a, _)| a).collect(),
        }
    }
}

fn count(counts: &mut Vec<(u32, u32)>, id: u32) {
    match counts.iter_mut().find(|(x, _)| *x == id) {
        Some((_, n)) => *n += 1,
        None => counts.push((id, 1)),
    }
}

const KINDS: [SpeakerKind; 5] = [
    SpeakerKind::Person,
    SpeakerKind::Organization,
    SpeakerKind::Place,
    SpeakerKind::Group,
    SpeakerKind::Description,
];

fn kind_rank(kind: SpeakerKind) -> usize {
    KINDS
        .iter()
        .position(|&k| k == kind)
        .unwrap_or(KINDS.len() - 1)
}

fn kind_of_rank(rank: usize) -> SpeakerKind {
    KINDS.get(rank).copied().unwrap_or(SpeakerKind::Description)
}

/// A speaker's name for display: whitespace folded, and a description read
/// mid-sentence ("The Syrian embassy" becomes "the Syrian embassy").
pub(crate) fn display_name(name: &str, description: bool) -> String {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if !description {
        return name;
    }
    match name.split_once(' ') {
        Some((first, rest)) if matches!(first, "The" | "A" | "An" | "One" | "Another") => {
            format!("{} {rest}", first.to_lowercase())
        }
        _ => name,
    }
}

/// A name of two words or more besides a suffix ("Brandt Jr." is not).
fn is_full_form(form: &str) -> bool {
    form.split_whitespace()
        .filter(|w| suffix_of(w).is_none())
        .nth(1)
        .is_some()
}

/// Generational suffixes: part of who someone is.
const SUFFIXES: &[&str] = &["Jr", "Sr", "II", "III", "IV"];

fn suffix_of(word: &str) -> Option<&'static str> {
    let bare = word.trim_end_matches('.');
    SUFFIXES.iter().copied().find(|s| *s == bare)
}

/// A person's name as shown: the text of `range`, cut before a speech verb
/// that a Title Case headline ran into it ("Hillary Clinton Says Trump"),
/// with a generational suffix that follows it in the text ("Donald Trump
/// Jr.", "Donald Trump, Jr.") when the span left it out.
fn person_form(text: &str, range: std::ops::Range<usize>) -> String {
    let name = text.get(range.clone()).unwrap_or("");
    let mut words: Vec<&str> = Vec::new();
    let all: Vec<&str> = name.split_whitespace().collect();
    for (i, w) in all.iter().enumerate() {
        let more_follow = i + 1 < all.len();
        // "Says", "Tells" mid-name, or any speech verb with more name after
        // it; "Edward Said" keeps its last word.
        if !words.is_empty() && is_speech_verb(w) && (w.ends_with('s') || more_follow) {
            break;
        }
        words.push(w);
    }
    let mut form = words.join(" ");
    if all.last().is_none_or(|w| suffix_of(w).is_none()) {
        let after = text.get(range.end..).unwrap_or("");
        let after = after.strip_prefix(',').unwrap_or(after);
        if let Some(next) = after
            .strip_prefix(' ')
            .and_then(|a| a.split_whitespace().next())
        {
            if let Some(suffix) = suffix_of(next.trim_end_matches([',', ';', ':'])) {
                form.push(' ');
                form.push_str(suffix);
                if matches!(suffix, "Jr" | "Sr") {
                    form.push('.');
                }
            }
        }
    }
    form
}

#[derive(Debug, PartialEq, Eq)]
struct FullName {
    /// Given name, middle names and surname (and suffix), lowercase:
    /// "donald j trump jr".
    ident: String,
    /// The identity without middle names: "donald trump jr".
    base: String,
    /// Middle names and initials: "j".
    middle: String,
    /// The identity without the suffix, when there is one.
    without_suffix: Option<String>,
    /// How many words the name has, and how many of them are initials.
    words: usize,
    initials: usize,
    first: String,
    /// With the suffix: "trump jr" is another family's lone name than "trump".
    surname: String,
}

#[derive(Debug, PartialEq, Eq)]
enum NameKey {
    Full(FullName),
    Lone(String),
}

/// Whether a full name can stand for a person met elsewhere: at most one
/// middle name besides initials, so that a headline run ("Blackwell
/// Endorses Ted Cruz") is no one's namesake.
fn plausible_full_name(key: &NameKey) -> bool {
    match key {
        NameKey::Full(full) => full.words <= 3 || full.initials >= full.words - 3,
        NameKey::Lone(_) => false,
    }
}

/// The identity of a person's name: given name + surname (+ suffix); the
/// words between are middle names and initials.
fn person_key(form: &str) -> Option<NameKey> {
    let mut words: Vec<&str> = form.split_whitespace().collect();
    let suffix = match words.last().and_then(|w| suffix_of(w)) {
        Some(s) if words.len() > 1 => {
            words.pop();
            Some(s.to_lowercase())
        }
        _ => None,
    };
    let keys: Vec<String> = words
        .iter()
        .map(|w| name_key(w))
        .filter(|k| !k.is_empty())
        .collect();
    match (keys.as_slice(), suffix) {
        ([], _) => None,
        ([one], None) => Some(NameKey::Lone(one.clone())),
        // "Brandt Jr.": a lone surname of the family member with the suffix.
        ([one], Some(suffix)) => Some(NameKey::Lone(format!("{one} {suffix}"))),
        ([first, .., last], suffix) => {
            let with_suffix = |w: &str| match &suffix {
                Some(s) => format!("{w} {s}"),
                None => w.to_string(),
            };
            let middle = keys[1..keys.len() - 1].join(" ");
            let base = format!("{first} {last}");
            let ident = if middle.is_empty() {
                base.clone()
            } else {
                format!("{first} {middle} {last}")
            };
            Some(NameKey::Full(FullName {
                ident: with_suffix(&ident),
                base: with_suffix(&base),
                middle,
                without_suffix: suffix.as_ref().map(|_| format!("{first} {last}")),
                words: keys.len(),
                initials: keys.iter().filter(|k| k.chars().count() == 1).count(),
                first: first.clone(),
                surname: with_suffix(last),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(form: &str) -> FullName {
        match person_key(form) {
            Some(NameKey::Full(f)) => f,
            other => panic!("{form}: {other:?}"),
        }
    }

    fn ident(form: &str) -> String {
        full(form).ident
    }

    #[test]
    fn middle_names_and_initials_are_kept_apart_from_the_base() {
        assert_eq!(full("Donald J. Trump").base, ident("Donald Trump"));
        assert_eq!(full("Donald J. Trump").middle, "j");
        assert_eq!(
            full("Hillary Rodham Clinton").base,
            ident("Hillary Clinton")
        );
        assert_eq!(ident("Bashar al-Assad"), ident("Bashar Assad"));
        assert_ne!(ident("George W. Bush"), ident("George P. Bush"));
    }

    #[test]
    fn middles_agree_word_by_word_or_by_initial() {
        assert!(middles_agree("w", "walker"));
        assert!(middles_agree("rodham", "r"));
        assert!(middles_agree("j", "j"));
        assert!(!middles_agree("w", "p"));
        assert!(!middles_agree("walker", "prescott"));
        assert!(!middles_agree("h w", "w"));
    }

    #[test]
    fn suffixes_and_other_given_names_do() {
        assert_ne!(ident("Donald Trump Jr."), ident("Donald Trump"));
        assert_ne!(ident("Melania Trump"), ident("Donald Trump"));
        assert_eq!(person_key("Trump"), Some(NameKey::Lone("trump".into())));
    }

    #[test]
    fn a_speech_verb_ends_a_name() {
        let text = "Hillary Clinton Says Trump";
        assert_eq!(person_form(text, 0..text.len()), "Hillary Clinton");
        let text = "Edward Said";
        assert_eq!(person_form(text, 0..text.len()), "Edward Said");
    }

    #[test]
    fn a_suffix_after_the_span_belongs_to_the_name() {
        let text = "Donald Trump Jr. said so.";
        assert_eq!(person_form(text, 0..12), "Donald Trump Jr.");
        let text = "Donald Trump, Jr., said so.";
        assert_eq!(person_form(text, 0..12), "Donald Trump Jr.");
        let text = "Donald Trump said so.";
        assert_eq!(person_form(text, 0..12), "Donald Trump");
    }

    #[test]
    fn descriptions_read_mid_sentence() {
        assert_eq!(
            display_name("The  Syrian embassy", true),
            "the Syrian embassy"
        );
        assert_eq!(display_name("The Hague", false), "The Hague");
    }
}

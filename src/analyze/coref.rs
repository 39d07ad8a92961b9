//! Speakers that are not names: descriptions ("the Syrian ambassador in
//! Moscow", "a source familiar with the talks") and pronouns, resolved to
//! earlier mentions.

use std::ops::Range;

use super::doc::Doc;
use super::entities::{name_key, Cluster, Entities, Mention};
use super::lexicon::{lexicon, FastSet, Gender, Lexicon, NounKind, Tag};
use super::tokens::TokKind;
use super::EntityKind;

/// Who a speaker phrase refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Referent {
    /// An entity cluster.
    Cluster(usize),
    /// A description, by index into [`Describer::descriptions`].
    Description(usize),
    /// An unresolved pronoun (lowercase) at a token.
    Pronoun(String, usize),
    /// A capitalized word not yet an entity, named as a speaker by an
    /// apposition starting at `det` ("Rybar, a popular account"): a
    /// proposal, made an entity after attribution ([`name_cluster`]).
    NewName { token: usize, det: usize },
    /// A noun phrase no list knows the head of ("the designer"), by its
    /// bytes: speaks as itself.
    Phrase(Range<usize>),
}

/// A noun phrase naming someone by role.
#[derive(Debug, Clone)]
pub struct Description {
    pub span: Range<usize>,
    pub tokens: Range<usize>,
    /// The head noun, lowercase ("ambassador", "one").
    pub head: String,
    pub kind: NounKind,
    pub gender: Gender,
    /// Words besides determiners.
    pub words: usize,
}

/// The descriptions of a document.
#[derive(Debug, Default)]
pub struct Describer {
    /// In text order.
    pub descriptions: Vec<Description>,
}

impl Describer {
    /// Finds the person nouns outside quotations and their phrases.
    pub fn new(doc: &Doc, quoted: &[bool]) -> Describer {
        let mut descriptions = Vec::new();
        for (h, t) in doc.tokens.iter().enumerate() {
            // Capitalized only at a sentence start ("Critics say").
            let capital_ok = !t.cap || doc.is_initial(h);
            if !t.is_word() || !capital_ok || quoted.get(h).copied().unwrap_or(true) {
                continue;
            }
            let w = t.text(doc.text);
            let (kind, gender, head) = match doc.wi(h).person_noun {
                Some((k, g)) => (k, g, w.to_lowercase()),
                None if w == "one" && one_stands_alone(doc, h) => {
                    (NounKind::Person, Gender::Unknown, "one".to_string())
                }
                None => continue,
            };
            // "the ministry's spokesman": the possessor is not the head.
            if doc
                .tokens
                .get(h + 1)
                .is_some_and(|n| n.kind == TokKind::Possessive)
            {
                continue;
            }
            let sentence = doc.sentence_of[h];
            // Back over modifiers to a determiner.
            let mut start = h;
            let mut words = 1;
            // "the former president", "a then senior aide": words no name
            // takes are modifiers too when a determiner opens the phrase.
            let opened = determiner_before(doc, h, quoted);
            if let Some(det) = opened {
                words += h - det - 1;
                start = det;
            }
            while opened.is_none()
                && start > 0
                && h - start < 4
                && doc.sentence_of[start - 1] == sentence
                && !quoted[start - 1]
            {
                let p = &doc.tokens[start - 1];
                if doc.wi(start - 1).has(Tag::DescriptionDeterminer) && p.is_word() {
                    start -= 1;
                    break;
                }
                let modifier = match p.kind {
                    super::tokens::TokKind::Word => {
                        let info = doc.wi(start - 1);
                        !info.not_name && !info.speech_verb || p.cap && !doc.is_initial(start - 1)
                    }
                    super::tokens::TokKind::Possessive => true,
                    _ => false,
                };
                if !modifier || head == "one" {
                    break;
                }
                start -= 1;
                words += 1;
            }
            // Forward: "in Moscow", "at the Carnegie Endowment", "familiar
            // with the talks".
            let mut end = h + 1;
            if let Some(n) = doc.tokens.get(end) {
                let nw = n.text(doc.text).to_lowercase();
                if (nw == "familiar" || nw == "close") && end + 1 < doc.tokens.len() {
                    let mut e = end + 1;
                    while e < doc.tokens.len()
                        && e < end + 5
                        && doc.tokens[e].is_word()
                        && doc.sentence_of[e] == sentence
                    {
                        if doc.wi(e).speech_verb {
                            break;
                        }
                        e += 1;
                    }
                    words += e - end;
                    end = e;
                } else if doc.wi(end).has(Tag::DescriptionPreposition) && n.is_word() {
                    let mut e = end + 1;
                    if doc
                        .tokens
                        .get(e)
                        .is_some_and(|t| t.text(doc.text).eq_ignore_ascii_case("the"))
                    {
                        e += 1;
                    }
                    let name_start = e;
                    while e < doc.tokens.len()
                        && doc.sentence_of[e] == sentence
                        && doc.tokens[e].is_word()
                        && doc.tokens[e].cap
                    {
                        e += 1;
                    }
                    if e > name_start {
                        words += e - end;
                        end = e;
                    }
                }
            }
            // "Chief Justice Harold Winthrop", "Political analyst Dr Shreya
            // Menon": a role right before a capitalized word is a title of
            // the name that follows, which stands for the person.
            if end == h + 1 && title_before_name(doc, end, sentence, quoted) {
                continue;
            }
            descriptions.push(Description {
                span: doc.span(start..end),
                tokens: start..end,
                head,
                kind,
                gender,
                words,
            });
        }
        Describer { descriptions }
    }

    /// The description whose phrase contains `head`, or else any in the
    /// phrase.
    pub fn at_or_near(&self, phrase: Range<usize>, head: usize) -> Option<usize> {
        let first = self
            .descriptions
            .partition_point(|d| d.tokens.end <= phrase.start);
        let inside = || {
            self.descriptions[first..]
                .iter()
                .enumerate()
                .take_while(|(_, d)| d.tokens.start < phrase.end)
                .map(move |(i, d)| (first + i, d))
        };
        let (at, found) = inside()
            .find(|(_, d)| d.tokens.contains(&head))
            .or_else(|| inside().next())?;
        // "a spokesperson for the company": the phrase's head is the
        // description before the preposition.
        if at > 0 {
            let before = &self.descriptions[at - 1];
            let gap = found.tokens.start.saturating_sub(before.tokens.end);
            if before.tokens.start >= phrase.start && (1..=2).contains(&gap) {
                return Some(at - 1);
            }
        }
        Some(at)
    }

    /// What a short description refers back to: "the source" to "a source
    /// familiar with the talks", "one" to "fidgety fighters".
    pub fn antecedent(&self, d: usize) -> usize {
        let Some(desc) = self.descriptions.get(d) else {
            return d;
        };
        if desc.head == "one" {
            return self.descriptions[..d]
                .iter()
                .rposition(|e| {
                    e.kind == NounKind::Group && desc.span.start.saturating_sub(e.span.end) < 400
                })
                .unwrap_or(d);
        }
        if desc.words > 1 {
            return d;
        }
        self.descriptions[..d]
            .iter()
            .rposition(|e| e.head == desc.head && e.words > 1)
            .unwrap_or(d)
    }
}

/// What a description refers to: "the spokesman" to the person whose title
/// was "Kremlin spokesman", "the ministry" to the "Defence Ministry", "the
/// source" to "a source familiar with the talks" — whichever was
/// mentioned last; else the description itself.
pub fn resolve_description(
    doc: &Doc,
    ents: &Entities,
    describer: &Describer,
    d: usize,
    excluded: &FastSet<usize>,
) -> Referent {
    let described = describer.antecedent(d);
    let Some(desc) = describer.descriptions.get(d) else {
        return Referent::Description(d);
    };
    if lexicon().has(&desc.head, Tag::DocumentNoun) {
        if let Some(c) = issuer(doc, ents, describer, d, excluded) {
            return Referent::Cluster(c);
        }
    }
    let apposed = |e: &Description| apposed_person(doc, ents, e).filter(|c| !excluded.contains(c));
    // "His daughter, Elena Cruz, said": the description is the name.
    if let Some(c) = apposed(desc) {
        return Referent::Cluster(c);
    }
    // "the source" after "a source familiar with the talks, Jane Doe,".
    if let Some(c) = describer.descriptions.get(described).and_then(apposed) {
        return Referent::Cluster(c);
    }
    // "his daughter said" after "His daughter, Elena Cruz,": a possessive
    // works like "the".
    let definite = matches!(
        doc.tok_text(desc.tokens.start).to_lowercase().as_str(),
        "the" | "his" | "her" | "their" | "its"
    );
    if desc.words > 1 && definite && desc.head != "one" {
        if let Some(c) = named_by_qualifier(doc, ents, describer, d, excluded) {
            return Referent::Cluster(c);
        }
    }
    // "the former president", "the top aide": lowercase modifiers leave a
    // definite description as bare as "the president".
    let bare = (desc.tokens.start + 1..desc.tokens.end).all(|k| {
        doc.tokens
            .get(k)
            .is_some_and(|t| t.is_word() && !t.cap && t.kind != TokKind::Possessive)
    });
    if !bare || !definite || desc.head == "one" {
        return Referent::Description(described);
    }
    let modifiers: Vec<&str> = (desc.tokens.start + 1..desc.tokens.end.saturating_sub(1))
        .map(|k| doc.tok_text(k))
        .collect();
    // The latest earlier description with this head that was named.
    let named_before = describer.descriptions[..d]
        .iter()
        .rev()
        .take(40)
        .filter(|e| e.head == desc.head)
        .find_map(|e| apposed(e).map(|c| (e.tokens.start, c)));
    let before = ents
        .mentions
        .partition_point(|m| m.tokens.start < desc.tokens.start);
    let named = ents.mentions[..before].iter().rev().take(80).find(|m| {
        if excluded.contains(&m.cluster) {
            return false;
        }
        let Some(c) = ents.clusters.get(m.cluster) else {
            return false;
        };
        // Every word of the description is in a body's name ("the budget
        // office"); a role's capitalized words before its head are in the
        // description ("the former president" is not "Vice President Jane
        // Roe", but is "President Jane Roe").
        let has_all = |s: &str| {
            let has = |x: &str| s.split_whitespace().any(|w| w.eq_ignore_ascii_case(x));
            has(&desc.head) && modifiers.iter().all(|m| has(m))
        };
        let same_word = |s: &str| {
            let Some(at) = s
                .split_whitespace()
                .position(|w| w.eq_ignore_ascii_case(&desc.head))
            else {
                return false;
            };
            modifiers.is_empty()
                || s.split_whitespace()
                    .take(at)
                    .filter(|w| w.starts_with(char::is_uppercase))
                    .all(|w| modifiers.iter().any(|m| m.eq_ignore_ascii_case(w)))
        };
        let name = doc.text.get(c.name.clone()).unwrap_or("");
        let name_head = name
            .split_whitespace()
            .last()
            .is_some_and(|w| w.eq_ignore_ascii_case(&desc.head))
            && has_all(name);
        (m.kind == EntityKind::Organization && name_head)
            || (m.kind == EntityKind::Person
                && c.roles
                    .iter()
                    .any(|r| same_word(doc.text.get(r.clone()).unwrap_or(""))))
    });
    let described_pos = describer
        .descriptions
        .get(described)
        .filter(|_| described != d)
        .map(|e| e.tokens.start);
    let named = named.map(|m| (m.tokens.start, m.cluster));
    let latest = match (named, named_before) {
        (Some(a), Some(b)) => Some(if a.0 >= b.0 { a } else { b }),
        (a, b) => a.or(b),
    };
    match latest {
        Some((pos, c)) if described_pos.is_none_or(|p| pos > p) => Referent::Cluster(c),
        _ => Referent::Description(described),
    }
}

/// "The Saudi minister" after "his Saudi counterpart, Prince Faisal": a
/// definite description whose capitalized qualifier ("Saudi") was given
/// to one person named nearby, in a title or an apposition.
fn named_by_qualifier(
    doc: &Doc,
    ents: &Entities,
    describer: &Describer,
    d: usize,
    excluded: &FastSet<usize>,
) -> Option<usize> {
    let desc = describer.descriptions.get(d)?;
    let qualifiers: Vec<&str> = (desc.tokens.start + 1..desc.tokens.end)
        .filter(|&k| doc.tokens[k].is_word() && doc.tokens[k].cap)
        .map(|k| doc.tok_text(k))
        .collect();
    if qualifiers.is_empty() {
        return None;
    }
    let words_of = |r: &Range<usize>| {
        doc.text
            .get(r.clone())
            .unwrap_or("")
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
    };
    let has_qualifier = |r: &Range<usize>| words_of(r).iter().any(|w| qualifiers.contains(w));
    let has_head = |r: &Range<usize>| {
        words_of(r)
            .iter()
            .any(|w| w.eq_ignore_ascii_case(&desc.head))
    };
    // A counterpart takes the role of whoever it is the counterpart of.
    // Named descriptions before it, and persons whose titles carry it.
    let by_description = describer.descriptions[..d]
        .iter()
        .rev()
        .take(40)
        .filter(|e| {
            has_qualifier(&e.span)
                && (e.head == desc.head || lexicon().has(&e.head, Tag::RelationalNoun))
        })
        .find_map(|e| {
            apposed_person(doc, ents, e)
                .filter(|c| !excluded.contains(c))
                .map(|c| (e.tokens.start, c))
        });
    let before = ents
        .mentions
        .partition_point(|m| m.tokens.start < desc.tokens.start);
    let by_title = ents.mentions[..before]
        .iter()
        .rev()
        .take(80)
        .filter(|m| m.kind == EntityKind::Person && !excluded.contains(&m.cluster))
        .find(|m| {
            ents.clusters
                .get(m.cluster)
                .is_some_and(|c| c.roles.iter().any(|r| has_qualifier(r) && has_head(r)))
        })
        .map(|m| (m.tokens.start, m.cluster));
    match (by_description, by_title) {
        (Some(a), Some(b)) => Some(if a.0 >= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|x| x.1),
    }
}

/// The person a description stands in apposition with: "His daughter,
/// Elena Cruz, said", "the head of the council in Chad, Jane Doe,", "Her
/// colleague James Whitfield", "Jane Doe, the head of …".
pub fn apposed_person(doc: &Doc, ents: &Entities, desc: &Description) -> Option<usize> {
    let person_at = |k: usize| {
        ents.mention_at_token(k)
            .filter(|m| m.kind == EntityKind::Person)
            .map(|m| (m.tokens.clone(), m.cluster))
    };
    let sentence = *doc.sentence_of.get(desc.tokens.start)?;
    // A name just before, then a comma.
    if let Some(comma) = desc.tokens.start.checked_sub(1) {
        if doc.tokens[comma].is_punct(',') {
            if let Some((t, c)) = comma.checked_sub(1).and_then(person_at) {
                if t.end == comma {
                    return Some(c);
                }
            }
        }
    }
    // A name right after ("Her colleague James Whitfield").
    if let Some((t, c)) = person_at(desc.tokens.end) {
        if t.start == desc.tokens.end {
            return Some(c);
        }
    }
    // The rest of the phrase ("in Chad"), a comma, titles, then the name.
    let mut k = desc.tokens.end;
    let limit = (k + 8).min(doc.tokens.len());
    while k < limit
        && doc.tokens[k].is_word()
        && !doc.wi(k).speech_verb
        && doc.sentence_of[k] == sentence
    {
        k += 1;
    }
    if !doc.tokens.get(k)?.is_punct(',') {
        return None;
    }
    k += 1;
    while doc.tokens.get(k).is_some_and(|t| {
        t.is_word() && t.cap && (doc.wi(k).role.is_some() || doc.wi(k).honorific.is_some())
    }) || doc.tokens.get(k).is_some_and(|t| t.is_punct('.'))
    {
        k += 1;
    }
    let (t, c) = person_at(k)?;
    (t.start == k && doc.sentence_of[k] == sentence).then_some(c)
}

/// The determiner opening the phrase whose head is at `h`, up to three
/// lowercase words back ("the former", "a then senior"), with no verb of
/// saying or clause start between.
fn determiner_before(doc: &Doc, h: usize, quoted: &[bool]) -> Option<usize> {
    let sentence = doc.sentence_of.get(h)?;
    let mut k = h;
    while k > 0 && h - k < 4 {
        k -= 1;
        let t = &doc.tokens[k];
        if !t.is_word()
            || quoted.get(k).copied().unwrap_or(true)
            || doc.sentence_of.get(k) != Some(sentence)
        {
            return None;
        }
        let info = doc.wi(k);
        if info.has(Tag::DescriptionDeterminer) {
            return (k + 1 < h).then_some(k);
        }
        if t.cap || info.speech_verb || info.has(Tag::ClauseStart) || info.has(Tag::FunctionWord) {
            return None;
        }
    }
    None
}

/// "says one," — "one" as a pronoun, not "one official".
fn one_stands_alone(doc: &Doc, h: usize) -> bool {
    match doc.tokens.get(h + 1) {
        None => true,
        Some(n) => !n.is_word() || doc.tok_text(h + 1) == "of",
    }
}

/// Resolves a pronoun to the nearest compatible mention, preferring the
/// first (the subject) in the nearest sentence that has one.
pub fn resolve_pronoun(
    doc: &Doc,
    ents: &Entities,
    describer: &Describer,
    quoted: &[bool],
    pronoun: &str,
    at: usize,
    excluded: &FastSet<usize>,
) -> Option<Referent> {
    resolve_pronoun_chain(doc, ents, describer, quoted, pronoun, at, excluded, 3)
}

/// [`resolve_pronoun`], following up to `depth` earlier pronouns: in "He
/// thanked Biden. “…,” he said." the second "he" is the first one's
/// referent, not Biden.
#[allow(clippy::too_many_arguments)]
fn resolve_pronoun_chain(
    doc: &Doc,
    ents: &Entities,
    describer: &Describer,
    quoted: &[bool],
    pronoun: &str,
    at: usize,
    excluded: &FastSet<usize>,
    depth: usize,
) -> Option<Referent> {
    let want_person = matches!(pronoun, "he" | "she");
    let want_plural = pronoun == "they";
    if !(want_person || want_plural || pronoun == "it") {
        return None;
    }
    let gender_ok = |g: Gender| match pronoun {
        "he" => g != Gender::Female,
        "she" => g != Gender::Male,
        _ => true,
    };
    let sentence = *doc.sentence_of.get(at)? as usize;
    let lowest = sentence.saturating_sub(5);
    for s in (lowest..=sentence).rev() {
        let range = doc.sentences[s].clone();
        let end = if s == sentence { at } else { range.end };
        let mut best: Option<(usize, Referent)> = None;
        // "In a talk with Jane Roe, he said": the object of a preposition
        // is the referent only when no other mention fits.
        let mut oblique: Option<(usize, Referent)> = None;
        let mut possessor: Option<(usize, Referent)> = None;
        let mut speaker: Option<(usize, Referent)> = None;
        // People of the pronoun's known gender in the sentence: (cluster,
        // tokens).
        let mut rivals: Vec<(usize, Range<usize>)> = Vec::new();
        for m in ents.mentions_in(range.start..end).take(300) {
            if quoted.get(m.tokens.start).copied().unwrap_or(true) || excluded.contains(&m.cluster)
            {
                continue;
            }
            // "Biden's decision was criticized by Graham": a possessor is
            // the referent only when nobody else is there.
            let possessive = doc
                .tokens
                .get(m.tokens.end)
                .is_some_and(|t| t.kind == TokKind::Possessive);
            let c = &ents.clusters[m.cluster];
            let gender = c.gender;
            let ok = if want_person {
                m.kind == EntityKind::Person && gender_ok(gender)
            } else {
                matches!(m.kind, EntityKind::Organization | EntityKind::Group)
                    || (pronoun == "it" && m.kind == EntityKind::Place)
            };
            if !ok {
                continue;
            }
            if possessive {
                possessor.get_or_insert((m.tokens.start, Referent::Cluster(m.cluster)));
            } else if !modifies_a_name(doc, ents, m) {
                let known = match pronoun {
                    "he" => gender == Gender::Male,
                    "she" => gender == Gender::Female,
                    _ => false,
                };
                if known && !rivals.iter().any(|(c, _)| *c == m.cluster) {
                    rivals.push((m.cluster, m.tokens.clone()));
                }
                // "The good news for Cruz, Woolson said, is …": whoever
                // speaks in the sentence is who "he said" goes on with;
                // else its first mention, mostly its subject.
                if speaks(doc, m) {
                    speaker = Some((m.tokens.start, Referent::Cluster(m.cluster)));
                    break;
                }
                // Once a subject is found, later mentions change nothing.
                if best.is_none() {
                    if governed_by_preposition(doc, m.tokens.start) {
                        oblique.get_or_insert((m.tokens.start, Referent::Cluster(m.cluster)));
                    } else {
                        best = Some((m.tokens.start, Referent::Cluster(m.cluster)));
                    }
                }
            }
        }
        if want_person && speaker.is_some() {
            best = speaker;
        } else if let [(_, a), (_, b), ..] = rivals.as_slice() {
            // "Jane Roe and Mary Smith met the unions. “…,” she said.": two
            // people the pronoun fits equally, side by side as the subject,
            // and neither speaks: no answer rather than a guess. (One
            // before the other is not ambiguous: news speaks of its
            // subject.)
            let side_by_side =
                b.start == a.end + 1 && doc.tok_text(a.end).eq_ignore_ascii_case("and");
            // The pair opens the sentence: no pronoun or phrase before it
            // is the subject ("He thanked Joe Biden and Emmanuel Macron").
            let subject =
                a.start == range.start && best.as_ref().is_some_and(|(pos, _)| *pos == a.start);
            if side_by_side && subject {
                return None;
            }
        }
        if best.is_none() {
            best = oblique.or(possessor);
        }
        // The same pronoun before any candidate continues the chain; in
        // the pronoun's own sentence only when it opens the sentence, as
        // its subject ("He said that Jane Roe would win, which he called
        // …": both are the same man, not Roe).
        if depth > 0 {
            let limit = best
                .as_ref()
                .map_or(end, |(pos, _)| *pos)
                .min(range.start + 300);
            let same = |k: usize| {
                !quoted.get(k).copied().unwrap_or(true)
                    && doc.tokens[k].is_word()
                    && doc.tok_text(k).eq_ignore_ascii_case(pronoun)
            };
            let earlier = if s != sentence {
                (range.start..limit).find(|&k| same(k))
            } else {
                sentence_opening(doc, range.clone(), quoted).filter(|&k| k < limit && same(k))
            };
            if let Some(k) = earlier {
                return resolve_pronoun_chain(
                    doc,
                    ents,
                    describer,
                    quoted,
                    pronoun,
                    k,
                    excluded,
                    depth - 1,
                );
            }
        }
        let dfirst = describer
            .descriptions
            .partition_point(|d| d.tokens.end <= range.start);
        for (i, d) in describer.descriptions[dfirst..]
            .iter()
            .enumerate()
            .take(300)
        {
            if d.tokens.start >= end {
                break;
            }
            let ok = if want_person {
                d.kind == NounKind::Person && d.head != "one" && gender_ok(d.gender)
            } else {
                matches!(d.kind, NounKind::Body | NounKind::Group)
            };
            // "a rare goal for a military leader": a description governed
            // by a preposition is never the antecedent.
            if ok && !governed_by_preposition(doc, d.tokens.start) {
                // "Her colleague, James Whitfield": the name in apposition
                // is who the description is.
                let named = apposed_person(doc, ents, d).filter(|c| !excluded.contains(c));
                if best.as_ref().is_none_or(|(pos, _)| d.tokens.start < *pos) {
                    let referent = match named {
                        Some(c) => Referent::Cluster(c),
                        None => Referent::Description(describer.antecedent(dfirst + i)),
                    };
                    best = Some((d.tokens.start, referent));
                }
                break;
            }
        }
        if let Some((_, r)) = best {
            return Some(r);
        }
    }
    None
}

/// The first word of a sentence outside quotation marks, past a leading
/// "And", "But" or "So".
fn sentence_opening(doc: &Doc, range: Range<usize>, quoted: &[bool]) -> Option<usize> {
    let mut words =
        range.filter(|&k| doc.tokens[k].is_word() && !quoted.get(k).copied().unwrap_or(true));
    let first = words.next()?;
    let w = doc.tok_text(first);
    if ["and", "but", "so"]
        .iter()
        .any(|c| w.eq_ignore_ascii_case(c))
    {
        return words.next();
    }
    Some(first)
}

/// Whether the name starting at token `start` is the object of a
/// preposition that never governs a subject ("with Jane Roe", "around the
/// Acme Hall", "with HuffPost's Jane Roe", "for campaign manager Jane
/// Roe"), walking back over the name's titles and possessors.
fn governed_by_preposition(doc: &Doc, start: usize) -> bool {
    let mut k = start;
    for _ in 0..8 {
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        let t = &doc.tokens[p];
        let info = doc.wi(p);
        let part_of_name = t.kind == TokKind::Possessive
            || t.is_punct('.') && p.checked_sub(1).is_some_and(|q| doc.tokens[q].cap)
            || t.is_word()
                && (t.cap && !doc.is_initial(p)
                    || info.role.is_some()
                    || info.person_noun.is_some()
                    || matches!(t.text(doc.text), "the" | "a" | "an"));
        if part_of_name {
            k = p;
            continue;
        }
        return t.is_word()
            && (!t.cap || doc.is_initial(p))
            && info.has(Tag::ObliquePreposition)
            && {
                // "according to Jane Roe" names a source.
                let word = t.text(doc.text);
                word != "to"
                    || p.checked_sub(1)
                        .is_none_or(|q| !doc.tok_text(q).eq_ignore_ascii_case("according"))
            };
    }
    false
}

/// Whether a mention is the subject of a speech verb: "Woolson said",
/// "Woolson, a farmer, said", "said Woolson".
fn speaks(doc: &Doc, m: &Mention) -> bool {
    let verb = |k: usize| {
        doc.tokens
            .get(k)
            .is_some_and(|t| t.is_word() && !t.cap && doc.wi(k).speech_verb)
    };
    let mut k = m.tokens.end;
    // An apposition: ", a farmer from Ames,".
    if doc.tokens.get(k).is_some_and(|t| t.is_punct(',')) {
        if let Some(close) = (k + 1..(k + 15).min(doc.tokens.len()))
            .find(|&j| doc.tokens[j].is_punct(',') || doc.tokens[j].is_punct('.'))
        {
            if doc.tokens[close].is_punct(',') {
                k = close + 1;
            }
        }
    }
    // "also", "later", "has".
    while doc.tokens.get(k).is_some_and(|t| {
        t.is_word() && !t.cap && !doc.wi(k).speech_verb && {
            let w = t.text(doc.text);
            w.ends_with("ly") || matches!(w, "also" | "has" | "had" | "later" | "then")
        }
    }) {
        k += 1;
    }
    verb(k) || m.tokens.start.checked_sub(1).is_some_and(verb)
}

/// Whether a person's name only qualifies the name after it: "Clinton"
/// in "Clinton spokeswoman Jennifer Palmieri", "Obama" in "Obama
/// consultant Cornell Belcher".
fn modifies_a_name(doc: &Doc, ents: &Entities, m: &Mention) -> bool {
    let mut k = m.tokens.end;
    let mut roles = 0;
    while doc.tokens.get(k).is_some_and(|t| t.is_word())
        && (doc.wi(k).role.is_some() || doc.wi(k).person_noun.is_some())
        && roles < 4
    {
        k += 1;
        roles += 1;
    }
    roles > 0
        && ents
            .mention_at_token(k)
            .is_some_and(|n| n.tokens.start == k && n.kind == EntityKind::Person)
}

/// A cluster for the capitalized word at `k`, named as a speaker by an
/// apposition starting at `det` ("Rybar, a popular account"): reuses a
/// mention already there, or adds one.
pub fn name_cluster(doc: &Doc, ents: &mut Entities, lex: &Lexicon, k: usize, det: usize) -> usize {
    if let Some(m) = ents.mention_at_token(k) {
        return m.cluster;
    }
    let is_person = (det + 1..det + 5).any(|i| {
        doc.tokens.get(i).is_some_and(|t| {
            t.is_word()
                && lex
                    .person_noun(t.text(doc.text))
                    .is_some_and(|(kind, _)| kind == NounKind::Person)
        })
    });
    let kind = if is_person {
        EntityKind::Person
    } else {
        EntityKind::Organization
    };
    let id = ents.clusters.len();
    ents.clusters.push(Cluster {
        key: name_key(doc.tok_text(k)),
        name: doc.tokens[k].range(),
        kind,
        gender: Gender::Unknown,
        roles: Vec::new(),
    });
    let at = ents.mentions.partition_point(|m| m.tokens.start < k);
    ents.mentions.insert(
        at,
        Mention {
            tokens: k..k + 1,
            span: doc.tokens[k].range(),
            kind,
            cluster: id,
        },
    );
    id
}

/// Whether the token at `next` starts a name in the same sentence (a
/// capitalized word that is not a weekday or month), so that the role
/// before it is a title.
fn title_before_name(doc: &Doc, next: usize, sentence: u32, quoted: &[bool]) -> bool {
    doc.tokens.get(next).is_some_and(|n| {
        n.is_word()
            && n.cap
            && doc.sentence_of.get(next) == Some(&sentence)
            && !quoted.get(next).copied().unwrap_or(true)
            && !super::entities::is_calendar_word(n.text(doc.text))
    })
}

/// "the circular stated" after "The central bank, in a circular signed by
/// its director, …": a document speaks for the body named before it in
/// the sentence that first mentions it (or, failing that, in its own).
fn issuer(
    doc: &Doc,
    ents: &Entities,
    describer: &Describer,
    d: usize,
    excluded: &FastSet<usize>,
) -> Option<usize> {
    let desc = describer.descriptions.get(d)?;
    let first = describer.descriptions[..d]
        .iter()
        .rev()
        .take(20)
        .find(|e| e.head == desc.head)
        .unwrap_or(desc);
    let sentence = *doc.sentence_of.get(first.tokens.start)?;
    let before = ents
        .mentions
        .partition_point(|m| m.tokens.start < first.tokens.start);
    let body = |m: &&Mention| m.kind == EntityKind::Organization && !excluded.contains(&m.cluster);
    let earlier = ents.mentions[..before]
        .iter()
        .rev()
        .take_while(|m| doc.sentence_of.get(m.tokens.start) == Some(&sentence))
        .find(body);
    // "A report by Amnesty International": the issuer right after it.
    let by = || {
        let at = first.tokens.end;
        let word = doc.tokens.get(at)?.text(doc.text);
        if !matches!(word, "by" | "from" | "of") {
            return None;
        }
        let k = if doc.tok_text(at + 1).eq_ignore_ascii_case("the") {
            at + 2
        } else {
            at + 1
        };
        ents.mention_at_token(k)
            .filter(|m| m.tokens.start == k)
            .filter(body)
    };
    earlier.or_else(by).map(|m| m.cluster)
}

#[cfg(test)]
mod tests {
    //! Pronoun salience on invented text: the rule that should pick the
    //! antecedent does, and the case it must leave alone stays as it was.

    use crate::analyze::analyze_text;

    /// The speaker of the one quotation starting with `starts`.
    fn speaker(text: &str, starts: &str) -> Option<String> {
        let a = analyze_text(text);
        let found: Vec<_> = a
            .quotes
            .iter()
            .filter(|q| q.span.text(text).starts_with(starts))
            .collect();
        assert_eq!(found.len(), 1, "one quotation “{starts}…”");
        a.speaker_name(text, found[0]).map(str::to_string)
    }

    fn named(name: &str) -> Option<String> {
        Some(name.to_string())
    }

    #[test]
    fn a_pronoun_passes_over_the_object_of_a_preposition_for_the_subject() {
        let text = "Talks stalled on Monday after a long night.\n\nMaking her way around the hall with Mary Smith, Jane Roe thanked the staff. “We will not sign this deal,” she said.";
        assert_eq!(speaker(text, "We will not"), named("Jane Roe"));
        // Only an object in the nearest sentence: it is still the one.
        let text = "Talks stalled on Monday after a long night.\n\nJane Roe left early. The crowd then cheered for Mary Smith. “We will not sign this deal,” she said.";
        assert_eq!(speaker(text, "We will not"), named("Mary Smith"));
    }

    #[test]
    fn a_pronoun_passes_over_a_description_governed_by_a_preposition() {
        let text = "Talks stalled on Monday after a long night.\n\nIn a rare move for a military leader, the staff were thanked by John Doe. “We will not sign this deal,” he said.";
        assert_eq!(speaker(text, "We will not"), named("John Doe"));
        // A description as the subject stays the antecedent.
        let text = "Talks stalled on Monday after a long night.\n\nA senator from Ohio thanked the staff. “We will not sign this deal,” he said.";
        assert_eq!(speaker(text, "We will not"), named("A senator from Ohio"));
    }

    #[test]
    fn a_pronoun_goes_on_with_the_same_pronoun_that_opens_its_sentence() {
        let text = "Talks stalled on Monday after a long night.\n\nJohn Doe spoke to the unions on Monday.\n\nHe warned that Bob Smith would lose the vote, which he called “a waste of everyone's time and money.”";
        assert_eq!(speaker(text, "a waste"), named("John Doe"));
        // Not opening the sentence, the earlier pronoun is no subject.
        let text = "Talks stalled on Monday after a long night.\n\nJohn Doe spoke to the unions on Monday.\n\nAfter he left, Bob Smith warned of a vote, which he called “a waste of everyone's time and money.”";
        assert_eq!(speaker(text, "a waste"), named("Bob Smith"));
    }
}

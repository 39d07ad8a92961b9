//! Named entities: runs of capitalized words, split from their titles,
//! classified by gazetteers, cue words and context, and grouped into
//! clusters of mentions of the same thing.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::doc::Doc;
use super::lexicon::{lexicon, GazKind, Gender, Lexicon, RoleWord};
use super::tokens::{TokKind, Token};
use super::EntityKind;

/// One mention of a named entity.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Token indices of the name (without title or honorific).
    pub tokens: Range<usize>,
    pub span: Range<usize>,
    pub kind: EntityKind,
    pub cluster: usize,
}

/// Mentions of one entity within an article.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// Byte range of the fullest form seen.
    pub name: Range<usize>,
    pub kind: EntityKind,
    pub gender: Gender,
    /// Byte ranges of titles and roles given with it.
    pub roles: Vec<Range<usize>>,
    /// Comparison key of the fullest form (lowercase, particles dropped).
    pub key: String,
}

/// The entities of an article.
#[derive(Debug, Default)]
pub struct Entities {
    /// Sorted by position, non-overlapping.
    pub mentions: Vec<Mention>,
    pub clusters: Vec<Cluster>,
}

impl Entities {
    /// The mention covering token `i`, if any.
    pub fn mention_at_token(&self, i: usize) -> Option<&Mention> {
        let idx = self.mentions.partition_point(|m| m.tokens.end <= i);
        self.mentions.get(idx).filter(|m| m.tokens.contains(&i))
    }
}

/// Lowercase particles allowed inside a name before a capitalized word.
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "van", "von", "der", "den", "de", "da", "di", "del", "della",
    "du", "des", "la", "le", "dos", "das", "ter", "ten", "y", "abu", "abd", "ul", "ud",
];

/// Lowercase words allowed inside an organization or place name ("Bank of
/// England", "Council on Foreign Relations").
const NAME_CONNECTORS: &[&str] = &["of", "for", "on", "the", "and", "de", "du", "des", "in"];

/// A candidate entity before clustering.
#[derive(Debug, Clone)]
struct Candidate {
    tokens: Range<usize>,
    kind: Option<EntityKind>,
    gender: Gender,
    role: Option<Range<usize>>,
    /// The name was followed by "(ACRONYM)": token index of the acronym.
    acronym: Option<usize>,
    /// A title or honorific came with it: surely a person.
    titled: bool,
    /// Part of one token ("Russian" in "Russian-aligned").
    sub: Option<Range<usize>>,
}

/// Finds the entities of a document.
pub fn find(doc: &Doc) -> Entities {
    let lex = lexicon();
    let evidence = Evidence::gather(doc);
    let mut cands: Vec<Candidate> = Vec::new();
    for s in 0..doc.sentences.len() {
        let range = doc.sentences[s].clone();
        collect_sentence(doc, lex, &evidence, range, &mut cands);
    }
    cluster(doc, lex, cands)
}

/// What the article as a whole says about capitalized words.
struct Evidence<'a> {
    /// Words seen capitalized away from a sentence start.
    mid_caps: HashSet<&'a str>,
    /// Words seen in lowercase.
    lower: HashSet<&'a str>,
    /// Words seen opening a capitalized run away from a sentence start
    /// ("to Putin", "Mr Putin"): names of their own.
    run_heads: HashSet<&'a str>,
}

impl<'a> Evidence<'a> {
    fn gather(doc: &Doc<'a>) -> Evidence<'a> {
        let mut mid_caps = HashSet::new();
        let mut lower = HashSet::new();
        let mut run_heads = HashSet::new();
        let lex = lexicon();
        for (i, t) in doc.tokens.iter().enumerate() {
            if t.kind != TokKind::Word {
                continue;
            }
            let w = t.text(doc.text);
            if t.cap {
                if !doc.is_initial(i) {
                    mid_caps.insert(w);
                    let prev = i.checked_sub(1).map(|p| &doc.tokens[p]);
                    let after_name = prev.is_some_and(|p| {
                        p.is_word()
                            && p.cap
                            && lex.honorific(p.text(doc.text)).is_none()
                            && lex.role(p.text(doc.text)).is_none()
                    });
                    if !after_name {
                        run_heads.insert(w);
                    }
                }
            } else if w.len() >= 3 {
                lower.insert(w);
            }
        }
        Evidence {
            mid_caps,
            lower,
            run_heads,
        }
    }

    /// Whether the lowercase form of a capitalized word occurs.
    fn seen_lower(&self, word: &str) -> bool {
        self.lower.contains(word.to_lowercase().as_str())
    }
}

fn is_name_token(t: &Token, text: &str) -> bool {
    if t.kind != TokKind::Word || !t.cap {
        return false;
    }
    let w = t.text(text);
    // A lone capital ("I", "A", "X") is not a name by itself, nor is a
    // compound with a lowercase tail ("Russian-aligned").
    w.chars().count() > 1 && lowercase_tail(w).is_none()
}

/// The capitalized head of "Russian-aligned" or tail of "pro-Russian".
fn hyphen_name_part(w: &str) -> Option<Range<usize>> {
    if let Some(cut) = lowercase_tail(w) {
        return Some(0..cut);
    }
    let (head, tail) = w.split_once('-')?;
    (head.chars().all(char::is_lowercase)
        && tail.chars().next().is_some_and(char::is_uppercase)
        && !tail.contains('-'))
    .then(|| head.len() + 1..w.len())
}

/// Where "Russian-aligned" turns lowercase: the byte index of the hyphen.
fn lowercase_tail(w: &str) -> Option<usize> {
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let hyphen = w.rfind('-')?;
    w[hyphen + 1..]
        .chars()
        .next()
        .filter(|c| c.is_lowercase())
        .map(|_| hyphen)
}

fn is_initial_letter(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    t.kind == TokKind::Word
        && t.cap
        && t.text(doc.text).chars().count() == 1
        && doc
            .tokens
            .get(i + 1)
            .is_some_and(|n| n.is_punct('.') && n.start == t.end)
        && doc
            .tokens
            .get(i + 2)
            .is_some_and(|n| is_name_token(n, doc.text))
}

fn lower_word<'a>(doc: &Doc<'a>, i: usize) -> Option<&'a str> {
    let t = doc.tokens.get(i)?;
    (t.kind == TokKind::Word && !t.cap).then(|| t.text(doc.text))
}

fn collect_sentence(
    doc: &Doc,
    lex: &Lexicon,
    ev: &Evidence,
    range: Range<usize>,
    out: &mut Vec<Candidate>,
) {
    let mut i = range.start;
    while i < range.end {
        let t = &doc.tokens[i];
        if t.kind == TokKind::Word && t.text(doc.text).contains('-') {
            if let Some(part) = hyphen_name_part(t.text(doc.text)) {
                hyphen_entity(doc, lex, i, part, out);
                i += 1;
                continue;
            }
        }
        if !(is_name_token(t, doc.text) || is_initial_letter(doc, i)) {
            i += 1;
            continue;
        }
        // Grow the run.
        let start = i;
        let mut end = i + 1;
        let mut has_cue = lex.is_org_cue(doc.tok_text(i)) || lex.is_place_cue(doc.tok_text(i));
        let mut saw_of = false;
        loop {
            if end >= range.end {
                break;
            }
            if is_initial_letter(doc, end) {
                end += 2;
                continue;
            }
            if doc.tokens[end - 1].kind == TokKind::Word
                && doc.tokens[end - 1].text(doc.text).chars().count() == 1
                && doc.tokens[end].is_punct('.')
                && doc
                    .tokens
                    .get(end + 1)
                    .is_some_and(|n| is_name_token(n, doc.text))
            {
                end += 1;
                continue;
            }
            let tok = &doc.tokens[end];
            if is_name_token(tok, doc.text) {
                has_cue |=
                    lex.is_org_cue(tok.text(doc.text)) || lex.is_place_cue(tok.text(doc.text));
                end += 1;
                continue;
            }
            // A particle or connector is kept only before a capitalized word.
            if let Some(w) = lower_word(doc, end) {
                let mut next = end + 1;
                if (w == "of" || w == "for" || w == "on") && lower_word(doc, next) == Some("the") {
                    next += 1;
                }
                let particle = NAME_PARTICLES.contains(&w);
                // "von der Leyen", "de la Cruz": particles in a row.
                while particle
                    && next < range.end
                    && lower_word(doc, next).is_some_and(|n| NAME_PARTICLES.contains(&n))
                {
                    next += 1;
                }
                let next_is_name = next < range.end && is_name_token(&doc.tokens[next], doc.text);
                let connector =
                    NAME_CONNECTORS.contains(&w) && has_cue && (w != "and" || saw_of) && w != "the";
                if next_is_name && (particle || connector) {
                    saw_of |= matches!(w, "of" | "for" | "on");
                    end = next;
                    continue;
                }
            }
            break;
        }
        i = end;
        split_run(doc, lex, ev, start..end, out);
    }
}

/// "Russian-aligned", "pro-Russian": the capitalized part of a hyphenated
/// word, when a gazetteer knows it.
fn hyphen_entity(doc: &Doc, lex: &Lexicon, i: usize, part: Range<usize>, out: &mut Vec<Candidate>) {
    let t = &doc.tokens[i];
    let w = t.text(doc.text);
    let Some(p) = w.get(part.clone()) else { return };
    let kind = match lex.gazetteer_kind(p) {
        Some(g) => gaz_to_kind(g),
        None if lex.is_demonym(p) => EntityKind::Group,
        None => return,
    };
    out.push(Candidate {
        tokens: i..i + 1,
        sub: Some(t.start + part.start..t.start + part.end),
        kind: Some(kind),
        gender: Gender::Unknown,
        role: None,
        acronym: None,
        titled: false,
    });
}

/// Splits a run into title/role, honorific and name, and classifies it.
fn split_run(doc: &Doc, lex: &Lexicon, ev: &Evidence, run: Range<usize>, out: &mut Vec<Candidate>) {
    let mut a = run.start;
    let b = run.end;
    // Leading words that are not names ("In Syria", "One official") or that
    // merely start the sentence ("Following Assad's fall").
    while a < b {
        let w = doc.tok_text(a);
        let initial = doc.is_initial(a);
        if lex.is_not_name(w) && lex.gazetteer_kind(w).is_none() && lex.honorific(w).is_none() {
            a += 1;
            continue;
        }
        if initial && !has_evidence(doc, lex, ev, a, b - a) {
            a += 1;
            continue;
        }
        break;
    }
    if a >= b {
        return;
    }
    let mut gender = Gender::Unknown;
    let mut titled = false;
    let mut role: Option<Range<usize>> = None;
    // Honorific: "Mr Assad", "Dr. Smith".
    if let Some(g) = lex.honorific(doc.tok_text(a)) {
        let mut n = a + 1;
        if n < b && doc.tokens[n].is_punct('.') {
            n += 1;
        }
        if n < b {
            gender = g;
            titled = true;
            a = n;
        }
    } else if let Some(g) = preceding_honorific(doc, lex, a) {
        gender = g;
        titled = true;
    }
    // Title: the last role head with a name after it.
    let mut head = None;
    for k in a..b {
        if let Some((RoleWord::Head, g)) = lex.role(doc.tok_text(k)) {
            if k + 1 < b && !lex.is_org_cue(doc.tok_text(b - 1)) {
                head = Some((k, g));
            } else if k + 1 == b {
                head = Some((k, g));
            }
        }
    }
    if let Some((k, g)) = head {
        // Gazetteer words inside the title are entities of their own.
        title_entities(doc, lex, a..k + 1, out);
        if k + 1 >= b {
            return;
        }
        role = Some(doc.span(a..k + 1));
        if g != Gender::Unknown {
            gender = g;
        }
        titled = true;
        a = k + 1;
    } else if let Some(r) = lowercase_role_before(doc, lex, a) {
        role = Some(r.0);
        if r.1 != Gender::Unknown && gender == Gender::Unknown {
            gender = r.1;
        }
        titled = true;
    }
    let acronym = acronym_after(doc, b);
    if !titled && acronym.is_none() && b - a > 1 {
        if let Some(len) = gazetteer_prefix(doc, lex, a..b) {
            out.push(Candidate {
                tokens: a..a + len,
                kind: lex
                    .gazetteer_kind(&doc.text[doc.span(a..a + len)])
                    .map(gaz_to_kind)
                    .or(Some(EntityKind::Group)),
                gender: Gender::Unknown,
                role: None,
                acronym: None,
                titled: false,
                sub: None,
            });
            split_run(doc, lex, ev, a + len..b, out);
            return;
        }
    }
    let name = a..b;
    let kind = classify(doc, lex, name.clone(), titled, acronym.is_some());
    if titled && gender == Gender::Unknown {
        gender = lex.given_name(doc.tok_text(a)).unwrap_or(Gender::Unknown);
    } else if gender == Gender::Unknown && kind == Some(EntityKind::Person) {
        gender = lex.given_name(doc.tok_text(a)).unwrap_or(Gender::Unknown);
    }
    let role = role.or_else(|| apposition_after(doc, lex, b));
    out.push(Candidate {
        tokens: name,
        kind: if titled {
            Some(EntityKind::Person)
        } else {
            kind
        },
        gender,
        role,
        acronym,
        titled,
        sub: None,
    });
    if let Some(ac) = acronym {
        out.push(Candidate {
            tokens: ac..ac + 1,
            kind: Some(kind.unwrap_or(EntityKind::Organization)),
            gender: Gender::Unknown,
            role: None,
            acronym: None,
            titled: false,
            sub: None,
        });
    }
}

/// "Middle East Strategy", "Syrian Politics": a gazetteer phrase opening a
/// run that is not a name as a whole (no cue word, no given name). Returns
/// the prefix length in tokens.
fn gazetteer_prefix(doc: &Doc, lex: &Lexicon, run: Range<usize>) -> Option<usize> {
    let whole = doc.text.get(doc.span(run.clone()))?;
    if lex.gazetteer_kind(whole).is_some()
        || lex.given_name(doc.tok_text(run.start)).is_some()
        || run
            .clone()
            .any(|k| lex.is_org_cue(doc.tok_text(k)) || lex.is_place_cue(doc.tok_text(k)))
    {
        return None;
    }
    let longest = (run.len() - 1).min(lex.max_phrase_words);
    (1..=longest).rev().find(|&len| {
        let phrase = doc
            .text
            .get(doc.span(run.start..run.start + len))
            .unwrap_or("");
        lex.gazetteer_kind(phrase).is_some() || (len == 1 && lex.is_demonym(phrase))
    })
}

/// Whether a capitalized word at a sentence start is a name anyway.
fn has_evidence(doc: &Doc, lex: &Lexicon, ev: &Evidence, i: usize, run_len: usize) -> bool {
    let t = &doc.tokens[i];
    let w = t.text(doc.text);
    if lex.gazetteer_kind(w).is_some()
        || lex.is_demonym(w)
        || lex.honorific(w).is_some()
        || (t.all_caps && !doc.in_heading(doc.sentence_of[i] as usize))
    {
        return true;
    }
    if lex.given_name(w).is_some() && run_len > 1 {
        return true;
    }
    if ev.seen_lower(w) {
        return false;
    }
    if ev.mid_caps.contains(w) {
        return true;
    }
    if doc.in_heading(doc.sentence_of[i] as usize) {
        return false;
    }
    // "Tell Putin", "Following Assad": the next word is a name of its own.
    if doc
        .tokens
        .get(i + 1)
        .is_some_and(|n| ev.run_heads.contains(n.text(doc.text)))
    {
        return false;
    }
    let lower = w.to_lowercase();
    let adverb_like = lower.ends_with("ly") || lower.ends_with("ing") || lower.ends_with("ed");
    // An unknown word opening a longer capitalized run is likely part of
    // the name ("Hayat Tahrir al-Sham", "Abu Mohammed al-Julani").
    run_len > 1 && !adverb_like && lex.role(w).is_none()
}

fn preceding_honorific(doc: &Doc, lex: &Lexicon, a: usize) -> Option<Gender> {
    let mut p = a.checked_sub(1)?;
    if doc.tokens[p].is_punct('.') {
        p = p.checked_sub(1)?;
    }
    let g = lex.honorific(doc.tok_text(p))?;
    doc.tokens[p].cap.then_some(g)
}

/// Lowercase role words right before a name ("Kremlin spokesman Dmitry
/// Peskov", "former president Donald Trump"), with what precedes them in
/// capitals.
fn lowercase_role_before(doc: &Doc, lex: &Lexicon, a: usize) -> Option<(Range<usize>, Gender)> {
    let mut p = a;
    let mut gender = Gender::Unknown;
    let mut found_head = false;
    while p > 0 {
        let t = &doc.tokens[p - 1];
        if t.kind != TokKind::Word || t.cap || doc.sentence_of[p - 1] != doc.sentence_of[a] {
            break;
        }
        match lex.role(t.text(doc.text)) {
            Some((RoleWord::Head, g)) => {
                if !found_head {
                    gender = g;
                }
                found_head = true;
                p -= 1;
            }
            Some((RoleWord::Modifier, _)) if found_head => p -= 1,
            _ => break,
        }
    }
    if !found_head {
        return None;
    }
    // Include a capitalized qualifier: "Kremlin spokesman".
    let mut q = p;
    while q > 0
        && doc.tokens[q - 1].cap
        && doc.sentence_of[q - 1] == doc.sentence_of[a]
        && !doc.is_initial(q - 1)
    {
        q -= 1;
    }
    if q < p
        && lex.gazetteer_kind(doc.tok_text(q)).is_none()
        && !lex.is_demonym(doc.tok_text(q))
        && !doc.tokens[q].all_caps
    {
        q = p;
    }
    Some((doc.span(q..a), gender))
}

/// Gazetteer entities inside a title ("Russian" in "Russian Deputy Foreign
/// Minister").
fn title_entities(doc: &Doc, lex: &Lexicon, range: Range<usize>, out: &mut Vec<Candidate>) {
    for k in range {
        let w = doc.tok_text(k);
        if lex.role(w).is_some() {
            continue;
        }
        let kind = match lex.gazetteer_kind(w) {
            Some(g) => gaz_to_kind(g),
            None if lex.is_demonym(w) => EntityKind::Group,
            None => continue,
        };
        out.push(Candidate {
            tokens: k..k + 1,
            kind: Some(kind),
            gender: Gender::Unknown,
            role: None,
            acronym: None,
            titled: false,
            sub: None,
        });
    }
}

fn gaz_to_kind(g: GazKind) -> EntityKind {
    match g {
        GazKind::Place => EntityKind::Place,
        GazKind::Organization => EntityKind::Organization,
        GazKind::Group => EntityKind::Group,
    }
}

/// "(HTS)" right after a name: the acronym's token.
fn acronym_after(doc: &Doc, b: usize) -> Option<usize> {
    let open = doc.tokens.get(b)?;
    let ac = doc.tokens.get(b + 1)?;
    let close = doc.tokens.get(b + 2)?;
    (open.is_punct('(') && ac.all_caps && close.is_punct(')')).then_some(b + 1)
}

/// ", a senior fellow at the Carnegie Endowment" after a name.
fn apposition_after(doc: &Doc, lex: &Lexicon, b: usize) -> Option<Range<usize>> {
    let comma = doc.tokens.get(b)?;
    if !comma.is_punct(',') {
        return None;
    }
    let det = doc.tokens.get(b + 1)?;
    let d = det.text(doc.text).to_lowercase();
    if !matches!(d.as_str(), "a" | "an" | "the" | "who" | "former" | "head")
        && lex.role(&d).is_none()
    {
        return None;
    }
    if d == "who" {
        return None;
    }
    let s = doc.sentence_of[b] as usize;
    let end_limit = doc.sentences[s].end.min(b + 30);
    let mut e = b + 1;
    while e < end_limit {
        match doc.tokens[e].kind {
            TokKind::Punct(c)
                if matches!(
                    c,
                    ',' | '.' | ';' | ':' | '“' | '”' | '"' | '(' | ')' | '—' | '–'
                ) =>
            {
                break
            }
            _ => e += 1,
        }
    }
    // Stop before a speech verb: ", the official said".
    let mut stop = b + 1;
    while stop < e && !lex.is_speech_verb(doc.tok_text(stop)) {
        stop += 1;
    }
    if stop <= b + 2 || stop < e {
        return None;
    }
    Some(doc.span(b + 1..e))
}

/// The kind of a name run, when the evidence is enough.
fn classify(
    doc: &Doc,
    lex: &Lexicon,
    name: Range<usize>,
    titled: bool,
    has_acronym: bool,
) -> Option<EntityKind> {
    let span = doc.span(name.clone());
    let text = doc.text.get(span).unwrap_or("");
    let len = name.len();
    let first = doc.tok_text(name.start);
    let last = doc.tok_text(name.end - 1);
    if let Some(g) = lex.gazetteer_kind(text) {
        return Some(gaz_to_kind(g));
    }
    if titled {
        return Some(EntityKind::Person);
    }
    if len > 1 {
        if name.clone().any(|k| lex.is_org_cue(doc.tok_text(k))) {
            return Some(EntityKind::Organization);
        }
        if lex.is_place_cue(last) {
            return Some(EntityKind::Place);
        }
        if lex.given_name(first).is_some() {
            return Some(EntityKind::Person);
        }
        if has_acronym {
            return Some(EntityKind::Organization);
        }
        if lex.is_demonym(first) || lex.gazetteer_kind(first).is_some() {
            return Some(EntityKind::Organization);
        }
        if name
            .clone()
            .all(|k| doc.tokens[k].all_caps || !doc.tokens[k].is_word())
        {
            return Some(EntityKind::Organization);
        }
        return Some(if len <= 4 {
            EntityKind::Person
        } else {
            EntityKind::Organization
        });
    }
    if lex.is_demonym(first) {
        return Some(EntityKind::Group);
    }
    if has_acronym {
        return Some(EntityKind::Organization);
    }
    if doc.tokens[name.start].all_caps && first.chars().count() <= 6 {
        return Some(EntityKind::Organization);
    }
    if place_context(doc, lex, name.start) {
        return Some(EntityKind::Place);
    }
    None
}

/// "Khmeimim air base", "village of Khmeimim", "in Homs".
fn place_context(doc: &Doc, lex: &Lexicon, i: usize) -> bool {
    if let Some(next) = lower_word(doc, i + 1) {
        if lex.place_after.contains(next) {
            return true;
        }
        if let Some(next2) = lower_word(doc, i + 2) {
            let pair = format!("{next} {next2}");
            if lex.place_after.contains(pair.as_str()) {
                return true;
            }
        }
    }
    let possessive_next = doc
        .tokens
        .get(i + 1)
        .is_some_and(|t| t.kind == TokKind::Possessive);
    if possessive_next {
        return false;
    }
    if let Some(prev) = i.checked_sub(1).and_then(|p| lower_word(doc, p)) {
        if prev == "of" {
            if let Some(pp) = i.checked_sub(2).and_then(|p| lower_word(doc, p)) {
                return lex.place_after.contains(pp)
                    || matches!(
                        pp,
                        "province" | "village" | "city" | "town" | "region" | "port"
                    );
            }
        }
        return matches!(prev, "in" | "near" | "outside");
    }
    false
}

/// Comparison key of a name: lowercase words without particles or
/// possessive marks ("Bashar al-Assad" and "Bashar Assad" agree).
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for w in name.split(|c: char| c.is_whitespace()) {
        let w = strip_particle(w);
        if w.is_empty() || NAME_PARTICLES.contains(&w.to_lowercase().as_str()) {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(w.chars().flat_map(char::to_lowercase).filter(|c| *c != '.'));
    }
    key
}

/// "al-Assad" → "Assad".
fn strip_particle(w: &str) -> &str {
    if let Some((head, tail)) = w.split_once('-') {
        if NAME_PARTICLES.contains(&head.to_lowercase().as_str())
            && tail.chars().next().is_some_and(char::is_uppercase)
        {
            return tail;
        }
    }
    w
}

fn cluster(doc: &Doc, lex: &Lexicon, mut cands: Vec<Candidate>) -> Entities {
    cands.sort_by_key(|c| (c.tokens.start, c.tokens.end));
    cands.dedup_by(|b, a| b.tokens.start < a.tokens.end);
    let mut ents = Entities::default();
    // Full person names first, so short forms can join them.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    let mut acronyms: HashMap<String, usize> = HashMap::new();
    let text_of = |c: &Candidate| doc.text.get(cand_span(doc, c)).unwrap_or("");
    for c in &cands {
        if c.kind != Some(EntityKind::Person) || c.tokens.len() < 2 {
            continue;
        }
        let name = text_of(c);
        let key = name_key(name);
        if key.is_empty() || by_key.contains_key(&key) {
            continue;
        }
        let id = ents.clusters.len();
        ents.clusters.push(Cluster {
            name: cand_span(doc, c),
            kind: EntityKind::Person,
            gender: Gender::Unknown,
            roles: Vec::new(),
            key: key.clone(),
        });
        if let Some(surname) = key.rsplit(' ').next() {
            by_surname.entry(surname.to_string()).or_default().push(id);
        }
        by_key.insert(key, id);
    }
    // Expansions of acronyms.
    for c in &cands {
        if let Some(ac) = c.acronym {
            let key = name_key(text_of(c));
            let kind = c.kind.unwrap_or(EntityKind::Organization);
            let id = *by_key.entry(key.clone()).or_insert_with(|| {
                ents.clusters.push(Cluster {
                    name: cand_span(doc, c),
                    kind,
                    gender: Gender::Unknown,
                    roles: Vec::new(),
                    key,
                });
                ents.clusters.len() - 1
            });
            acronyms.insert(doc.tok_text(ac).to_lowercase(), id);
        }
    }
    let mut last_person_of_surname: HashMap<String, usize> = HashMap::new();
    for c in cands {
        let name = text_of(&c);
        let key = name_key(name);
        if key.is_empty() {
            continue;
        }
        let single = c.tokens.len() == 1 || !key.contains(' ');
        let mut kind = c.kind;
        let mut id = None;
        if c.kind == Some(EntityKind::Person)
            || c.kind.is_none()
            || (single && c.kind != Some(EntityKind::Group))
        {
            if let Some(&found) = by_key
                .get(&key)
                .filter(|&&i| ents.clusters[i].kind == EntityKind::Person)
            {
                id = Some(found);
                kind = Some(EntityKind::Person);
            } else if single {
                let surname_hit = by_surname.get(&key).and_then(|ids| {
                    if ids.len() == 1 {
                        ids.first().copied()
                    } else {
                        last_person_of_surname
                            .get(&key)
                            .copied()
                            .or(ids.first().copied())
                    }
                });
                // A gazetteer place or organization that is also someone's
                // surname here is the person only without other evidence.
                if let Some(found) = surname_hit {
                    if c.kind.is_none() || c.kind == Some(EntityKind::Person) || c.titled {
                        id = Some(found);
                        kind = Some(EntityKind::Person);
                    }
                }
            }
        }
        if id.is_none() {
            if let Some(&found) = acronyms.get(&key) {
                id = Some(found);
                kind = Some(ents.clusters[found].kind);
            }
        }
        let Some(kind) = kind else {
            // Unknown single word mid-sentence before a speech verb: a person.
            if speaks(doc, lex, c.tokens.end) && !doc.is_initial(c.tokens.start) {
                let span = cand_span(doc, &c);
                let cid = new_cluster(&mut ents, &mut by_key, span, EntityKind::Person, key);
                push_mention(doc, &mut ents, &c, EntityKind::Person, cid);
            }
            continue;
        };
        let cid = match id {
            Some(id) => id,
            None => match by_key.get(&key) {
                Some(&found) if ents.clusters[found].kind == kind => found,
                _ => new_cluster(
                    &mut ents,
                    &mut by_key,
                    cand_span(doc, &c),
                    kind,
                    key.clone(),
                ),
            },
        };
        if kind == EntityKind::Person {
            if let Some(s) = ents.clusters[cid].key.rsplit(' ').next() {
                last_person_of_surname.insert(s.to_string(), cid);
            }
        }
        let cl = &mut ents.clusters[cid];
        if cl.gender == Gender::Unknown {
            cl.gender = c.gender;
        }
        if let Some(r) = &c.role {
            let new = doc.text.get(r.clone());
            if !cl.roles.iter().any(|x| doc.text.get(x.clone()) == new) {
                cl.roles.push(r.clone());
            }
        }
        push_mention(doc, &mut ents, &c, kind, cid);
    }
    ents
}

fn new_cluster(
    ents: &mut Entities,
    by_key: &mut HashMap<String, usize>,
    name: Range<usize>,
    kind: EntityKind,
    key: String,
) -> usize {
    let id = ents.clusters.len();
    ents.clusters.push(Cluster {
        name,
        kind,
        gender: Gender::Unknown,
        roles: Vec::new(),
        key: key.clone(),
    });
    by_key.entry(key).or_insert(id);
    id
}

fn cand_span(doc: &Doc, c: &Candidate) -> Range<usize> {
    c.sub.clone().unwrap_or_else(|| doc.span(c.tokens.clone()))
}

fn push_mention(doc: &Doc, ents: &mut Entities, c: &Candidate, kind: EntityKind, cluster: usize) {
    ents.mentions.push(Mention {
        tokens: c.tokens.clone(),
        span: cand_span(doc, c),
        kind,
        cluster,
    });
}

/// Whether a speech verb follows token `end` (allowing an adverb).
fn speaks(doc: &Doc, lex: &Lexicon, end: usize) -> bool {
    (end..end + 2).any(|k| {
        doc.tokens.get(k).is_some_and(|t| {
            t.is_word() && lex.is_speech_verb(t.text(doc.text)) && doc.tok_text(k) != "according"
        })
    })
}

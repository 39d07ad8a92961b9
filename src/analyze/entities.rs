//! Named entities: runs of capitalized words, split from their titles,
//! classified by gazetteers, cue words and context, and grouped into
//! clusters of mentions of the same thing.

use std::ops::Range;

use super::doc::Doc;
use super::lexicon::{
    lexicon, FastMap, FastSet, GazKind, Gender, Lexicon, NounKind, RoleWord, Tag,
};
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

    /// The mentions that overlap tokens `range`, in order.
    pub fn mentions_in(&self, range: Range<usize>) -> impl Iterator<Item = &Mention> {
        let first = self
            .mentions
            .partition_point(|m| m.tokens.end <= range.start);
        self.mentions[first..]
            .iter()
            .take_while(move |m| m.tokens.start < range.end)
    }
}

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
    /// A person only by default (unknown capitalized words): kept a person
    /// when the surname recurs alone, else taken for an organization
    /// ("Truth Social").
    weak: bool,
    /// A person only by default, with nothing in its sentence to say so
    /// (no given name, title, apposition or speech verb).
    unsupported: bool,
}

impl Candidate {
    /// A name whose kind is settled, with nothing else said of it.
    fn known(tokens: Range<usize>, kind: EntityKind) -> Candidate {
        Candidate {
            tokens,
            kind: Some(kind),
            gender: Gender::Unknown,
            role: None,
            acronym: None,
            titled: false,
            sub: None,
            weak: false,
            unsupported: false,
        }
    }
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
    cluster(doc, cands)
}

/// What the article as a whole says about capitalized words.
struct Evidence<'a> {
    /// Words seen capitalized away from a sentence start.
    mid_caps: FastSet<&'a str>,
    /// Lowercase forms of sentence-initial capitalized words that also
    /// occur in lowercase ("Following" … "following").
    lower: FastSet<String>,
    /// Words seen opening a capitalized run away from a sentence start
    /// ("to Putin", "Mr Putin"): names of their own.
    run_heads: FastSet<&'a str>,
    /// A sports report: a score ("2-1") and several words of the game.
    /// There a city's name stands for its team ("Barcelona beat Valencia").
    sports: bool,
    /// Runs in a team's column of a results table (see [`table_teams`]),
    /// by position; empty outside sports reports.
    teams: Vec<Range<usize>>,
}

impl<'a> Evidence<'a> {
    fn gather(doc: &Doc<'a>) -> Evidence<'a> {
        let mut mid_caps = FastSet::default();
        let mut initial_lower: FastSet<String> = FastSet::default();
        let mut lower = FastSet::default();
        let mut run_heads = FastSet::default();
        let mut scores = 0;
        let mut sports_words = 0;
        let mut table_words = 0;
        for (i, t) in doc.tokens.iter().enumerate() {
            if t.kind == TokKind::Number && is_score(doc, i) {
                scores += 1;
            }
            if t.kind == TokKind::Word && doc.wi(i).has(Tag::SportsWord) {
                // "MAJOR LEAGUE STANDINGS" in a table's heading counts
                // towards a table of results.
                table_words += 1;
                if !t.cap {
                    sports_words += 1;
                }
            }
            if t.kind == TokKind::Word && t.cap && doc.is_initial(i) {
                let w = t.text(doc.text);
                let mut buf = [0u8; 48];
                match super::lexicon::ascii_lower(w, &mut buf) {
                    // Allocate only for a word not yet seen.
                    Some(l) => {
                        if !initial_lower.contains(l) {
                            initial_lower.insert(l.to_string());
                        }
                    }
                    None => {
                        initial_lower.insert(w.to_lowercase());
                    }
                }
            }
        }
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
                            && doc.wi(i - 1).honorific.is_none()
                            && doc.wi(i - 1).role.is_none()
                    });
                    if !after_name {
                        run_heads.insert(w);
                    }
                }
            } else if w.len() >= 3 && initial_lower.contains(w) && !lower.contains(w) {
                lower.insert(w.to_string());
            }
        }
        // A score line ("Tranmere 3 Grimsby 2") is a score as surely as
        // "2-1".
        let teams = if table_words >= 3 {
            table_teams(doc)
        } else {
            Vec::new()
        };
        Evidence {
            mid_caps,
            lower,
            run_heads,
            sports: !teams.is_empty() || (scores >= 1 && sports_words >= 3),
            teams,
        }
    }

    /// The first team of a results table inside a longer run.
    fn team_inside(&self, run: &Range<usize>) -> Option<Range<usize>> {
        let at = self.teams.partition_point(|t| t.end <= run.start);
        self.teams
            .get(at)
            .filter(|t| run.start <= t.start && t.end <= run.end)
            .cloned()
    }

    /// Whether a run lies in a team's column of a results table.
    fn in_team_column(&self, run: &Range<usize>) -> bool {
        let at = self.teams.partition_point(|t| t.end <= run.start);
        self.teams
            .get(at)
            .is_some_and(|t| t.start <= run.start && run.end <= t.end)
    }

    /// Whether the lowercase form of a capitalized word occurs.
    fn seen_lower(&self, word: &str) -> bool {
        let mut buf = [0u8; 48];
        match super::lexicon::ascii_lower(word, &mut buf) {
            Some(lower) => self.lower.contains(lower),
            None => self.lower.contains(word.to_lowercase().as_str()),
        }
    }
}

/// Rule `table-teams`: the runs a results table puts in a team's column.
///
/// - score lines, one per line or run together: "Tranmere 3 Grimsby 2",
///   "NEW YORK 72 53 .576 -" rows one after another (a standings table);
///   two or more runs in a row, each followed by its numbers. Not where a
///   number comes first ("62 Paul Broadhurst 63 Raymond Russell": a rank
///   or score before each player), nor where most runs open with a given
///   name or an initial (players, not teams);
/// - fixtures: "Bradford v Tranmere". Not a schedule's "OAKLAND AT
///   BOSTON", which news tags as places.
///
/// Sorted by position.
fn table_teams(doc: &Doc) -> Vec<Range<usize>> {
    let mut teams = Vec::new();
    let mut i = 0;
    while i < doc.tokens.len() {
        let Some(end) = team_run(doc, i) else {
            i += 1;
            continue;
        };
        // A score line or standings row chain.
        let mut runs: Vec<Range<usize>> = Vec::with_capacity(4);
        runs.push(i..end);
        let mut at = end;
        while let Some(after) = numbers_after(doc, at) {
            match team_run(doc, after) {
                Some(e) => {
                    runs.push(after..e);
                    at = e;
                }
                None => {
                    at = after;
                    break;
                }
            }
        }
        let last_scored = numbers_after(doc, runs[runs.len() - 1].end).is_some();
        if !last_scored {
            runs.pop();
        }
        let number_first = i
            .checked_sub(1)
            .is_some_and(|p| doc.tokens[p].kind == TokKind::Number);
        let players = runs.iter().filter(|r| person_led(doc, r.start)).count();
        if runs.len() >= 2 && !number_first && players * 2 < runs.len() {
            teams.extend(runs);
            i = at.max(i + 1);
            continue;
        }
        // "Bradford v Tranmere": a fixture.
        if let Some(second) = fixture_after(doc, end) {
            if let Some(e) = team_run(doc, second) {
                if !person_led(doc, i) && !person_led(doc, second) {
                    teams.push(i..end);
                    teams.push(second..e);
                    i = e;
                    continue;
                }
            }
        }
        i = end;
    }
    teams.sort_by_key(|r| r.start);
    teams.dedup_by(|b, a| b.start < a.end);
    teams
}

/// A run of capitalized words starting at `i` that could fill a table's
/// team column ("Queens Park Rangers", "ST LOUIS", "St. Gallen"), within
/// one sentence: its end.
fn team_run(doc: &Doc, i: usize) -> Option<usize> {
    let starts = |k: usize| {
        doc.tokens.get(k).is_some_and(|t| t.is_word() && t.cap)
            && !doc.wi(k).has(Tag::FunctionWord)
            && crate::wordlists::calendar_word(doc.tok_text(k)).is_none()
    };
    let s = *doc.sentence_of.get(i)?;
    let continues = i.checked_sub(1).is_some_and(|p| {
        doc.tokens[p].is_word()
            && doc.tokens[p].cap
            && !doc.wi(p).has(Tag::FunctionWord)
            && doc.sentence_of[p] == s
    });
    if !starts(i) || doc.wi(i).has(Tag::TableLabel) || continues {
        return None;
    }
    let mut end = i + 1;
    loop {
        let same = |k: usize| doc.sentence_of.get(k) == Some(&s);
        if same(end) && starts(end) {
            end += 1;
        } else if same(end + 1)
            && (doc.tokens[end].is_punct('.') || doc.tokens[end].is_punct('&'))
            && !doc.tokens[end].space_before
            && starts(end + 1)
        {
            end += 2;
        } else {
            break;
        }
    }
    (end - i <= 4).then_some(end)
}

/// The numbers of a table row after a run ("3", "72 53 .576 -", "28 1/2"):
/// where they end, if a number comes right after `at`.
fn numbers_after(doc: &Doc, at: usize) -> Option<usize> {
    let number = |k: usize| doc.tokens.get(k).is_some_and(|t| t.kind == TokKind::Number);
    if !number(at) || dated(doc, at) {
        return None;
    }
    // A row's cells may fall into sentences of their own (".576").
    let mut k = at;
    while k < doc.tokens.len() {
        let t = &doc.tokens[k];
        let line_end = k + 1 == doc.tokens.len() || doc.sentence_of[k + 1] != doc.sentence_of[k];
        let joins =
            matches!(t.kind, TokKind::Punct('.' | '/' | '-' | '–')) && (number(k + 1) || line_end);
        if number(k) || joins {
            k += 1;
        } else {
            break;
        }
    }
    Some(k)
}

/// "LONDON 1996-08-22": a dateline's date (a year and a hyphen) at `at`.
fn dated(doc: &Doc, at: usize) -> bool {
    doc.tokens
        .get(at)
        .is_some_and(|t| t.kind == TokKind::Number)
        && doc.tok_text(at).len() == 4
        && doc
            .tokens
            .get(at + 1)
            .is_some_and(|t| t.is_punct('-') && !t.space_before)
}

/// "v", "vs" or "vs." between two teams: where the second begins.
fn fixture_after(doc: &Doc, end: usize) -> Option<usize> {
    let w = doc.tokens.get(end).filter(|t| t.is_word())?;
    let text = w.text(doc.text);
    let next = if doc.tokens.get(end + 1).is_some_and(|t| t.is_punct('.')) {
        end + 2
    } else {
        end + 1
    };
    match text {
        "v" | "vs" | "V" | "VS" => Some(next),
        _ => None,
    }
}

/// Whether a run opens like a person's name: a given name or an initial
/// before more words ("Paul Broadhurst", "D. Cox").
fn person_led(doc: &Doc, i: usize) -> bool {
    let next_cap = |k: usize| doc.tokens.get(k).is_some_and(|t| t.is_word() && t.cap);
    (doc.wi(i).given_name.is_some() && next_cap(i + 1))
        || (doc.tok_text(i).chars().count() == 1
            && doc.tokens.get(i + 1).is_some_and(|t| t.is_punct('.')))
        || doc.gaz(i) == Some(GazKind::Person)
}

/// "2-1", "6-4": a number, a hyphen or dash, and a number, unspaced.
fn is_score(doc: &Doc, i: usize) -> bool {
    let small = |k: usize| {
        doc.tokens.get(k).is_some_and(|t| {
            t.kind == TokKind::Number
                && t.end - t.start <= 3
                && doc.tok_text(k).bytes().all(|b| b.is_ascii_digit())
        })
    };
    small(i)
        && doc
            .tokens
            .get(i + 1)
            .is_some_and(|t| matches!(t.kind, TokKind::Punct('-' | '–')) && !t.space_before)
        && doc.tokens.get(i + 2).is_some_and(|t| !t.space_before)
        && small(i + 2)
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
    let heading = doc
        .sentence_of
        .get(range.start)
        .is_some_and(|&s| doc.in_heading(s as usize));
    let mut i = range.start;
    while i < range.end {
        let t = &doc.tokens[i];
        if t.kind == TokKind::Word && t.text(doc.text).contains('-') {
            if arabic_surname_alone(doc, i) {
                out.push(Candidate::known(i..i + 1, EntityKind::Person));
                i += 1;
                continue;
            }
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
        let mut has_cue = doc.wi(i).org_cue || doc.wi(i).place_cue;
        let mut saw_of = false;
        loop {
            if end >= range.end {
                break;
            }
            if is_initial_letter(doc, end) {
                end += 2;
                continue;
            }
            // "J. Smith", "St. Louis": an initial or a name's abbreviation
            // and its period.
            if doc.tokens[end - 1].kind == TokKind::Word
                && (doc.tokens[end - 1].text(doc.text).chars().count() == 1
                    || doc.wi(end - 1).has(Tag::NameAbbreviation))
                && doc.tokens[end].is_punct('.')
                && doc
                    .tokens
                    .get(end + 1)
                    .is_some_and(|n| is_name_token(n, doc.text))
            {
                end += 1;
                continue;
            }
            // "Procter & Gamble", "AT&T", "Eli Lilly & Co": an ampersand
            // joins the names of a firm.
            if doc.tokens[end].is_punct('&')
                && end + 1 < range.end
                && doc.tokens[end + 1].is_word()
                && doc.tokens[end + 1].cap
            {
                has_cue = true;
                end += 2;
                continue;
            }
            let tok = &doc.tokens[end];
            // "Fiorina Endorses Ted Cruz In Iowa", "Clinton Wades In": in
            // Title Case a capitalized preposition or pronoun ends the name
            // (in a headline, or before more capitalized words); a name's
            // own connectors ("Bank Of …", "Sons And …") go on, and in
            // running text so does one that ends the run ("said Al From,").
            let title_case = heading
                || doc
                    .tokens
                    .get(end + 1)
                    .is_some_and(|n| n.is_word() && n.cap);
            if title_case
                && doc.wi(end).has(Tag::FunctionWord)
                && !tok.all_caps
                && !doc.wi(end).has(Tag::NameConnector)
            {
                break;
            }
            if is_name_token(tok, doc.text) {
                has_cue |= doc.wi(end).org_cue || doc.wi(end).place_cue;
                end += 1;
                continue;
            }
            // A particle or connector is kept only before a capitalized word.
            if let Some(w) = lower_word(doc, end) {
                let mut next = end + 1;
                if (w == "of" || w == "for" || w == "on") && lower_word(doc, next) == Some("the") {
                    next += 1;
                }
                let particle = doc.wi(end).has(Tag::NameParticle);
                // "von der Leyen", "de la Cruz": particles in a row.
                while particle
                    && next < range.end
                    && lower_word(doc, next).is_some()
                    && doc.wi(next).has(Tag::NameParticle)
                {
                    next += 1;
                }
                let next_is_name = next < range.end
                    && is_name_token(&doc.tokens[next], doc.text)
                    && !is_calendar_word(doc.tok_text(next));
                let connector = doc.wi(end).has(Tag::NameConnector)
                    && has_cue
                    && (w != "and" || saw_of)
                    && w != "the";
                // "Peace and Security Council", "National Oceanic and
                // Atmospheric Administration": "and" inside a name whose
                // cue word comes after it.
                // "Securities and Exchange Commission", "U.S. Food and Drug
                // Administration": also after a first cue word or a place,
                // but not between two whole names ("Defense Department and
                // State Department", "Britain and European Union").
                let named_before = (start..end).any(|k| {
                    doc.wi(k).given_name.is_some()
                        || (doc.gaz(k).is_some() && !(k == start && end - start > 1))
                });
                let and_before_cue = w == "and"
                    && (!has_cue || end - start == 1 || !doc.wi(end - 1).org_cue)
                    && next_is_name
                    && !named_before
                    && doc.gaz(next).is_none()
                    && !doc.demonym(next)
                    && !doc.wi(next).has(Tag::Compass)
                    && !doc.wi(end - 1).place_cue
                    && !doc.wi(next).org_cue
                    && (next + 1..range.end.min(next + 3))
                        .take_while(|&k| is_name_token(&doc.tokens[k], doc.text))
                        .any(|k| doc.wi(k).org_cue);
                if next_is_name && (particle || connector || and_before_cue) {
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

/// "al-Khulaifi told reporters": a surname with an Arabic article, alone,
/// that closes a full name elsewhere in the text ("Noura al-Khulaifi").
fn arabic_surname_alone(doc: &Doc, i: usize) -> bool {
    let w = doc.tok_text(i);
    let Some((head, tail)) = w.split_once('-') else {
        return false;
    };
    if !matches!(head, "al" | "el") || !tail.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let after_name = |k: usize| {
        k.checked_sub(1)
            .is_some_and(|p| is_name_token(&doc.tokens[p], doc.text))
    };
    !after_name(i)
        && doc.tokens.iter().enumerate().any(|(k, t)| {
            k != i && t.kind == TokKind::Word && t.text(doc.text) == w && after_name(k)
        })
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
        weak: false,
        unsupported: false,
        kind: Some(kind),
        gender: Gender::Unknown,
        role: None,
        acronym: None,
        titled: false,
    });
}

/// Splits a run into title/role, honorific and name, and classifies it.
fn split_run(doc: &Doc, lex: &Lexicon, ev: &Evidence, run: Range<usize>, out: &mut Vec<Candidate>) {
    if ev.in_team_column(&run) {
        out.push(Candidate::known(run.clone(), team_kind(doc, lex, run)));
        return;
    }
    // "DETROIT AT KANSAS CITY": teams inside a longer run are names of
    // their own.
    if let Some(team) = ev.team_inside(&run) {
        if run.start < team.start {
            split_run(doc, lex, ev, run.start..team.start, out);
        }
        out.push(Candidate::known(
            team.clone(),
            team_kind(doc, lex, team.clone()),
        ));
        if team.end < run.end {
            split_run(doc, lex, ev, team.end..run.end, out);
        }
        return;
    }
    let mut a = run.start;
    let mut b = run.end;
    // "Jonathan Pryce KC": the letters after a person's name.
    if b - a > 2 && doc.wi(b - 1).has(Tag::Postnominal) && doc.tokens[b - 1].cap {
        b -= 1;
    }
    // Leading words that are not names ("In Syria", "One official") or that
    // merely start the sentence ("Following Assad's fall").
    while a < b {
        let initial = doc.is_initial(a);
        // Mid-sentence, a capitalized "National" or "Federal" before a cue
        // word belongs to the name ("National Institute of Health").
        let in_org_name =
            !initial && !doc.wi(a).has(Tag::FunctionWord) && (a..b).any(|k| doc.wi(k).org_cue);
        let compass_place =
            a + 1 < b && doc.wi(a).has(Tag::Compass) && doc.gaz(a + 1) == Some(GazKind::Place);
        // "Jun Watanabe, a partner": a given name that is also an
        // abbreviation ("Jun") is a name before a surname, when the text
        // says the run is a person.
        let apposed = doc.tokens.get(b).is_some_and(|t| t.is_punct(','))
            && doc
                .tokens
                .get(b + 1)
                .is_some_and(|t| matches!(t.text(doc.text), "a" | "an" | "the" | "who"));
        let given_first =
            doc.wi(a).given_name.is_some() && b - a > 1 && (apposed || speaks(doc, b));
        // "AT&T": a word before an ampersand is a firm's, not "at".
        let before_ampersand = doc.tokens.get(a + 1).is_some_and(|t| t.is_punct('&'));
        if doc.wi(a).not_name
            && !given_first
            && !before_ampersand
            && doc.gaz(a).is_none()
            && doc.wi(a).honorific.is_none()
            && !starts_gazetteer_phrase(doc, lex, a..b)
            && !in_org_name
            && !compass_place
        {
            a += 1;
            continue;
        }
        // A title opening the sentence ("Commissioner Jane Doe said") is
        // kept for the title step below, which records it as the role.
        let opens_title = doc.wi(a).role.is_some()
            && (a..b - 1).any(|k| matches!(doc.wi(k).role, Some((RoleWord::Head, _))));
        // "NEW YORK 2003-05-14", "New Zealand said": a place of two words
        // or more opening the sentence is itself the evidence.
        if initial
            && !opens_title
            && !has_evidence(doc, lex, ev, a, b - a)
            && !starts_gazetteer_phrase(doc, lex, a..b)
        {
            a += 1;
            continue;
        }
        break;
    }
    if a >= b {
        return;
    }
    if let Some(kind) = place_and_nickname(doc, lex, a..b) {
        out.push(Candidate::known(a..b, kind));
        return;
    }
    let mut gender = Gender::Unknown;
    let mut titled = false;
    let mut role: Option<Range<usize>> = None;
    // Honorific: "Mr Assad", "Dr. Smith".
    if let Some(g) = doc.wi(a).honorific {
        let mut n = a + 1;
        if n < b && doc.tokens[n].is_punct('.') {
            n += 1;
        }
        if n < b {
            gender = g;
            titled = true;
            a = n;
        }
    } else if let Some(g) = preceding_honorific(doc, a) {
        gender = g;
        titled = true;
    }
    // Title: the last role head with a name after it.
    // A head ending the run after a cue word is part of an organization's
    // name ("Brennan Center for Justice"), not a title.
    let mut head = None;
    let mut saw_cue = false;
    for k in a..b {
        if let Some((RoleWord::Head, g)) = doc.wi(k).role {
            let title = if k + 1 == b {
                !saw_cue
            } else {
                !doc.wi(b - 1).org_cue
            };
            if title {
                head = Some((k, g));
            }
        }
        saw_cue |= doc.wi(k).org_cue;
    }
    if let Some((k, g)) = head {
        // Role words right after the head belong to the title while a name
        // still follows ("Chief Executive Jane Doe").
        let mut k = k;
        while k + 2 < b && doc.wi(k + 1).role.is_some() && doc.wi(k + 1).given_name.is_none() {
            k += 1;
        }
        // Gazetteer words inside the title are entities of their own, and
        // so is the body a title opens with ("Green Union President
        // Olaf Brenner", "Vellmark Chief Executive Jane Doe").
        let first_role = (a..k + 1).find(|&r| doc.wi(r).role.is_some()).unwrap_or(k);
        match title_body(doc, lex, ev, a..first_role) {
            Some(kind) => {
                out.push(Candidate::known(a..first_role, kind));
                title_entities(doc, lex, first_role..k + 1, out);
            }
            None => title_entities(doc, lex, a..k + 1, out),
        }
        if k + 1 >= b {
            return;
        }
        role = Some(doc.span(a..k + 1));
        if g != Gender::Unknown {
            gender = g;
        }
        titled = true;
        a = k + 1;
        // "Supreme Leader Ayatollah Ali Khamenei".
        if let Some(g) = doc.wi(a).honorific {
            let mut n = a + 1;
            if n < b && doc.tokens[n].is_punct('.') {
                n += 1;
            }
            if n < b {
                if gender == Gender::Unknown {
                    gender = g;
                }
                a = n;
            }
        }
    } else if let Some(r) = lowercase_role_before(doc, a) {
        role = Some(r.0);
        if r.1 != Gender::Unknown && gender == Gender::Unknown {
            gender = r.1;
        }
        titled = true;
    }
    let acronym = acronym_after(doc, a..b);
    if !titled && acronym.is_none() && b - a > 1 {
        if let Some(len) = gazetteer_prefix(doc, lex, a..b) {
            let kind = lex
                .gazetteer_kind(&doc.text[doc.span(a..a + len)])
                .map_or(EntityKind::Group, gaz_to_kind);
            out.push(Candidate::known(a..a + len, kind));
            split_run(doc, lex, ev, a + len..b, out);
            return;
        }
    }
    let name = a..b;
    // A title before a known place or body ("chief UK economist") does not
    // make it a person.
    if titled {
        let known = doc
            .text
            .get(doc.span(name.clone()))
            .and_then(|t| lex.gazetteer_kind(t));
        if known.is_some_and(|g| g != GazKind::Person) {
            titled = false;
            role = None;
        }
    }
    if part_of_post(doc, lex, name.clone()) {
        return;
    }
    let mut kind = classify(doc, lex, ev, name.clone(), titled, acronym.is_some());
    if !titled
        && matches!(kind, None | Some(EntityKind::Person))
        && lex
            .gazetteer_kind(&doc.text[doc.span(name.clone())])
            .is_none()
        && organization_context(doc, name.clone())
    {
        kind = Some(EntityKind::Organization);
    }
    let unsupported =
        !titled && kind == Some(EntityKind::Person) && !person_evidence(doc, name.clone());
    let weak = unsupported && !name.clone().all(|k| name_like(doc, ev, k));
    // "Artificial Intelligence", "Social Security": common words in
    // capitals, with nothing to say they name someone or something.
    let kind = if unsupported && !name.clone().any(|k| name_like(doc, ev, k)) {
        None
    } else {
        kind
    };
    if gender == Gender::Unknown && (titled || kind == Some(EntityKind::Person)) {
        gender = doc.wi(a).given_name.unwrap_or(Gender::Unknown);
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
        weak,
        unsupported,
    });
    if let Some(ac) = acronym {
        out.push(Candidate::known(
            ac..ac + 1,
            kind.unwrap_or(EntityKind::Organization),
        ));
    }
}

/// The kind of a run in a team's column: a country's name stands for its
/// national side, which news tags as the country; a known person stays
/// one; anything else is a club ("Tranmere", "KANSAS CITY", "Essex").
fn team_kind(doc: &Doc, lex: &Lexicon, run: Range<usize>) -> EntityKind {
    let text = doc.text.get(doc.span(run)).unwrap_or("");
    match lex.gazetteer_entry(text) {
        Some(g) if g.country => EntityKind::Place,
        Some(g) if g.kind == GazKind::Person => EntityKind::Person,
        _ => EntityKind::Organization,
    }
}

/// "Seattle Mariners", "St. Louis Cardinals", "Sydney Newsroom", "New York
/// Power Desk": a place, then a team's nickname or a news desk, is an
/// organization as a whole.
fn place_and_nickname(doc: &Doc, lex: &Lexicon, run: Range<usize>) -> Option<EntityKind> {
    let (a, b) = (run.start, run.end);
    if b - a < 2 {
        return None;
    }
    let phrase = |r: Range<usize>| doc.text.get(doc.span(r)).unwrap_or("");
    let is_place = |r: Range<usize>| lex.gazetteer_kind(phrase(r)) == Some(GazKind::Place);
    let nickname = if b - a >= 3 && lex.has(phrase(b - 2..b), Tag::TeamNickname) {
        2
    } else if doc.wi(b - 1).has(Tag::TeamNickname) {
        1
    } else {
        0
    };
    if nickname > 0 && is_place(a..b - nickname) {
        return Some(EntityKind::Organization);
    }
    // A desk's name may carry its beat ("Tokyo Commodities Desk").
    let desk = doc.wi(b - 1).has(Tag::NewsDesk) && (a + 1..b.min(a + 4)).any(|k| is_place(a..k));
    desk.then_some(EntityKind::Organization)
}

/// "Middle East Strategy", "Syrian Politics": a gazetteer phrase opening a
/// run that is not a name as a whole (no cue word, no given name). Returns
/// the prefix length in tokens.
fn gazetteer_prefix(doc: &Doc, lex: &Lexicon, run: Range<usize>) -> Option<usize> {
    let whole = doc.text.get(doc.span(run.clone()))?;
    if lex.gazetteer_kind(whole).is_some()
        || doc.wi(run.start).given_name.is_some()
        || run
            .clone()
            .any(|k| doc.wi(k).org_cue || doc.wi(k).place_cue)
    {
        return None;
    }
    let longest = (run.len() - 1).min(lex.max_phrase_words);
    (1..=longest).rev().find(|&len| {
        let phrase = doc
            .text
            .get(doc.span(run.start..run.start + len))
            .unwrap_or("");
        let kind = lex.gazetteer_kind(phrase);
        // A known person's name goes on ("Xi Jinping").
        (kind.is_some() && kind != Some(GazKind::Person)) || (len == 1 && lex.is_demonym(phrase))
    })
}

/// Days and months: "Supreme Court on Friday" is not one name.
pub(super) fn is_calendar_word(w: &str) -> bool {
    crate::wordlists::is_day_or_month(w)
}

/// Whether a gazetteer phrase of two or more words opens the run ("New
/// York", whose "New" alone is no name).
fn starts_gazetteer_phrase(doc: &Doc, lex: &Lexicon, run: Range<usize>) -> bool {
    let longest = run.len().min(lex.max_phrase_words);
    (2..=longest).any(|len| {
        doc.text
            .get(doc.span(run.start..run.start + len))
            .is_some_and(|p| lex.gazetteer_kind(p).is_some())
    })
}

/// Whether a capitalized word at a sentence start is a name anyway.
fn has_evidence(doc: &Doc, lex: &Lexicon, ev: &Evidence, i: usize, run_len: usize) -> bool {
    let t = &doc.tokens[i];
    let w = t.text(doc.text);
    if doc.gaz(i).is_some()
        || doc.demonym(i)
        || doc.wi(i).honorific.is_some()
        || (t.all_caps && !doc.in_heading(doc.sentence_of[i] as usize))
    {
        return true;
    }
    if doc.wi(i).given_name.is_some() && run_len > 1 {
        return true;
    }
    if run_len > 1 && byline(doc, i) {
        return true;
    }
    // "Mei-Ling Zhou", "Jean-Luc Moreau": capitals on both sides of a
    // hyphen mark a given name, not an English word opening a sentence.
    if run_len > 1 && !doc.wi(i).not_name && capitalized_compound(w) {
        return true;
    }
    // "Peskov said …" opening a sentence: a lone unknown word right before
    // a speech verb names someone, unless it is a common noun ("Critics
    // say") or seen in lowercase.
    // "Historians say": a plural of a person noun is no one's name.
    let plural_noun = w
        .strip_suffix('s')
        .is_some_and(|stem| lex.person_noun(stem).is_some() || lex.role(stem).is_some());
    let before_verb = run_len == 1
        && doc.wi(i + 1).speech_verb
        && doc.tokens.get(i + 1).is_some_and(|n| !n.cap)
        && doc.wi(i).person_noun.is_none()
        && !plural_noun
        && !doc.wi(i).not_name
        && !ev.seen_lower(w);
    if before_verb {
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
    // "Olumide Adebayo, 51,": an age after the run makes it a person.
    let aged = doc.tokens.get(i + run_len).is_some_and(|t| t.is_punct(','))
        && doc
            .tokens
            .get(i + run_len + 1)
            .is_some_and(|t| t.kind == TokKind::Number);
    if run_len == 2 && aged {
        return true;
    }
    // "Brightline, which runs …": a body opening the sentence.
    if run_len == 1 && which_follows(doc, i + 1) && !ev.seen_lower(w) {
        return true;
    }
    // "Stacy Morgenthal, a chip analyst,": a name with an indefinite
    // apposition is whole, even if its surname also stands alone.
    let described = doc.tokens.get(i + run_len).is_some_and(|t| t.is_punct(','))
        && doc
            .tokens
            .get(i + run_len + 1)
            .is_some_and(|t| matches!(t.text(doc.text), "a" | "an"));
    if run_len == 2 && described && !doc.wi(i).not_name {
        return true;
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

/// "Mei-Ling": letters only, each hyphenated part capitalized.
fn capitalized_compound(w: &str) -> bool {
    let mut parts = w.split('-');
    let first_ok = parts.next().is_some_and(|p| p.chars().count() >= 2);
    let mut rest = parts.peekable();
    first_ok
        && rest.peek().is_some()
        && w.split('-').all(|p| {
            p.chars().next().is_some_and(char::is_uppercase)
                && p.chars().skip(1).all(char::is_lowercase)
        })
}

/// "Mr. Smith", "Gov. Gavin Newsom": an honorific or abbreviated title
/// whose period ended the run before the name.
fn preceding_honorific(doc: &Doc, a: usize) -> Option<Gender> {
    let mut p = a.checked_sub(1)?;
    let period = doc.tokens[p].is_punct('.');
    if period {
        p = p.checked_sub(1)?;
    }
    if !doc.tokens[p].cap {
        return None;
    }
    let info = doc.wi(p);
    match (info.honorific, info.role) {
        (Some(g), _) => Some(g),
        (None, Some((RoleWord::Head, g))) if period => Some(g),
        _ => None,
    }
}

/// Lowercase role words right before a name ("Kremlin spokesman Dmitry
/// Peskov", "former president Donald Trump"), with what precedes them in
/// capitals.
fn lowercase_role_before(doc: &Doc, a: usize) -> Option<(Range<usize>, Gender)> {
    let mut p = a;
    let mut gender = Gender::Unknown;
    let mut found_head = false;
    while p > 0 {
        let t = &doc.tokens[p - 1];
        if t.kind != TokKind::Word || t.cap || doc.sentence_of[p - 1] != doc.sentence_of[a] {
            break;
        }
        match doc.wi(p - 1).role {
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
    while q > 0 && doc.tokens[q - 1].cap && doc.sentence_of[q - 1] == doc.sentence_of[a] {
        q -= 1;
        if doc.is_initial(q) {
            break;
        }
    }
    if q < p && doc.gaz(q).is_none() && !doc.demonym(q) && !doc.tokens[q].all_caps {
        q = p;
    }
    Some((doc.span(q..a), gender))
}

/// The kind of the words before a title's role words, when they name a
/// body of their own: a gazetteer phrase, or words shaped like a name
/// (never seen in lowercase, no given name, demonym or role).
fn title_body(doc: &Doc, lex: &Lexicon, ev: &Evidence, prefix: Range<usize>) -> Option<EntityKind> {
    // At a sentence start the words may be the title's own ("Treasury
    // Secretary Scott Bessent").
    if prefix.is_empty() || prefix.len() > 4 || doc.is_initial(prefix.start) {
        return None;
    }
    if prefix.len() > 1 {
        if let Some(g) = lex.gazetteer_kind(doc.text.get(doc.span(prefix.clone()))?) {
            return Some(gaz_to_kind(g));
        }
    }
    prefix
        .clone()
        .all(|k| {
            let info = doc.wi(k);
            is_name_token(&doc.tokens[k], doc.text)
                && info.honorific.is_none()
                && info.given_name.is_none()
                && doc.gaz(k).is_none()
                && !doc.demonym(k)
                && !info.has(Tag::PortfolioHead)
                && (info.org_cue || name_like(doc, ev, k))
        })
        .then_some(EntityKind::Organization)
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
        out.push(Candidate::known(k..k + 1, kind));
    }
}

fn gaz_to_kind(g: GazKind) -> EntityKind {
    match g {
        GazKind::Place => EntityKind::Place,
        GazKind::Organization => EntityKind::Organization,
        GazKind::Group => EntityKind::Group,
        GazKind::Person => EntityKind::Person,
    }
}

/// Whether a word is shaped like a brand: a capital inside after a
/// longer stem ("BusinessDay", "PitchBook", not "McCarthy" or
/// "DeSantis"), letters with digits ("Norrsken22"), or capitals, a hyphen
/// and a capitalized tail ("M-Kopa", "MNT-Halan", not "US-China" or
/// "R-Okla").
fn brand_shaped(lex: &Lexicon, w: &str) -> bool {
    let chars: Vec<char> = w.chars().collect();
    let inner_capital = chars
        .windows(2)
        .enumerate()
        .any(|(i, p)| i >= 3 && p[0].is_lowercase() && p[1].is_uppercase());
    let letters = chars.iter().filter(|c| c.is_alphabetic()).count();
    let with_digits = letters >= 3 && chars.iter().any(char::is_ascii_digit);
    let caps_compound = w.split_once('-').is_some_and(|(head, tail)| {
        // "(R-Okla.)": a party and a state after a lawmaker's name.
        !matches!(head, "" | "R" | "D" | "I")
            && head.chars().all(|c| c.is_ascii_uppercase())
            && tail.chars().next().is_some_and(char::is_uppercase)
            && tail.chars().skip(1).any(char::is_lowercase)
            && lex.gazetteer_kind(head).is_none()
            && lex.gazetteer_kind(tail).is_none()
    });
    chars.first().is_some_and(|c| c.is_uppercase())
        && chars.iter().all(|c| c.is_alphanumeric() || *c == '-')
        && (inner_capital || with_digits || caps_compound)
}

/// Whether a capitalized run belongs to a post rather than naming anyone:
/// a portfolio (see [`portfolio`]) or "the Prime Minister's Office".
fn part_of_post(doc: &Doc, lex: &Lexicon, name: Range<usize>) -> bool {
    let (a, b) = (name.start, name.end);
    let portfolio_head = b > a && doc.tokens[b - 1].cap && doc.wi(b - 1).has(Tag::PortfolioHead);
    if b - a > 1 && portfolio_head && portfolio(doc, lex, a) {
        return true;
    }
    b - a == 1
        && a >= 2
        && doc.tokens[a - 1].kind == TokKind::Possessive
        && lex.role(doc.tok_text(a - 2)).is_some()
        && lex.gazetteer_kind(doc.tok_text(a)).is_none()
}

/// Whether a capitalized run starting at `a` names a post's portfolio:
/// "minister of Foreign Affairs", "Minister of State for Foreign
/// Affairs", "director of Payments System Supervision", "Minister of
/// Communications and Digital Economy" — after a role and "of" or "for",
/// with no article, only capitalized words and "and" between.
fn portfolio(doc: &Doc, lex: &Lexicon, a: usize) -> bool {
    let mut k = a;
    let mut linked = false;
    while k > 0 && a - k < 10 {
        k -= 1;
        let t = &doc.tokens[k];
        // "Minister of Communications, Innovation and Digital Economy".
        if t.is_punct(',') {
            continue;
        }
        if !t.is_word() {
            return false;
        }
        let w = t.text(doc.text);
        if matches!(w, "of" | "for") {
            linked = true;
            continue;
        }
        if linked && (lex.role(w).is_some() || lex.person_noun(&w.to_lowercase()).is_some()) {
            return true;
        }
        if !(t.cap || w == "and") {
            return false;
        }
    }
    false
}

/// "(HTS)" right after a name: the acronym's token.
/// Only when its letters are the name's initials in order, so that a
/// dateline's "WASHINGTON (AP)" is not an acronym.
fn acronym_after(doc: &Doc, name: Range<usize>) -> Option<usize> {
    let b = name.end;
    let open = doc.tokens.get(b)?;
    let ac = doc.tokens.get(b + 1)?;
    let close = doc.tokens.get(b + 2)?;
    if !(open.is_punct('(') && ac.all_caps && close.is_punct(')')) {
        return None;
    }
    let initials: Vec<char> = name
        .filter(|&k| doc.tokens[k].cap)
        .filter_map(|k| {
            let w = strip_particle(doc.tok_text(k));
            w.chars().next()
        })
        .collect();
    let mut rest = initials.iter();
    let matches = ac
        .text(doc.text)
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| rest.any(|i| i.eq_ignore_ascii_case(&c)));
    matches.then_some(b + 1)
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
            TokKind::Punct(',' | '.' | ';' | ':' | '“' | '”' | '"' | '(' | ')' | '—' | '–') => {
                break
            }
            _ => e += 1,
        }
    }
    // Stop before a speech verb: ", the official said".
    let mut stop = b + 1;
    while stop < e && !doc.wi(stop).speech_verb {
        stop += 1;
    }
    if stop <= b + 2 || stop < e {
        return None;
    }
    Some(doc.span(b + 1..e))
}

/// Whether a capitalized word looks like part of a personal name rather
/// than an English word: never seen in lowercase here, and without the
/// endings of common nouns and adjectives ("Social", "Economics",
/// "Security").
fn name_like(doc: &Doc, ev: &Evidence, k: usize) -> bool {
    let w = doc.tok_text(k);
    if w.chars().count() < 2
        || ev.seen_lower(w)
        || doc.wi(k).not_name
        || doc.wi(k).person_noun.is_some()
    {
        return false;
    }
    if doc.wi(k).given_name.is_some() || doc.gaz(k) == Some(GazKind::Person) {
        return true;
    }
    let mut buf = [0u8; 48];
    match super::lexicon::ascii_lower(w, &mut buf) {
        Some(lower) => !lexicon()
            .word_endings
            .iter()
            .any(|e| lower.ends_with(e.as_str())),
        None => true,
    }
}

/// What marks a capitalized run as someone: a known given name first, an
/// apposition (", a senior fellow", ", who", ", 34,"), or a speech verb.
/// Whether the run at `a` follows a byline's "By" opening a paragraph
/// ("By Eleanor Whitcombe").
fn byline(doc: &Doc, a: usize) -> bool {
    let Some(by) = a.checked_sub(1) else {
        return false;
    };
    let at = doc.tokens[by].start;
    doc.tok_text(by) == "By" && (at == 0 || doc.text.get(..at).is_some_and(|b| b.ends_with('\n')))
}

fn person_evidence(doc: &Doc, name: Range<usize>) -> bool {
    let b = name.end;
    if doc.wi(name.start).given_name.is_some() || speaks(doc, b) || byline(doc, name.start) {
        return true;
    }
    if doc.gaz(name.end - 1) == Some(GazKind::Person) {
        return true;
    }
    // "In a post on Truth Social, the president …": after a place
    // preposition the comma starts the main clause, not an apposition.
    let after_place_word = name.start.checked_sub(1).is_some_and(|p| {
        matches!(
            doc.tok_text(p).to_lowercase().as_str(),
            "on" | "in" | "at" | "into" | "onto" | "via" | "across" | "near" | "inside"
        )
    });
    let comma = doc.tokens.get(b).is_some_and(|t| t.is_punct(','));
    comma
        && !after_place_word
        && doc.tokens.get(b + 1).is_some_and(|t| {
            t.kind == TokKind::Number
                || matches!(
                    t.text(doc.text).to_lowercase().as_str(),
                    "a" | "an" | "the" | "who" | "whose"
                )
                || doc.wi(b + 1).role.is_some()
        })
}

/// The kind of a name run, when the evidence is enough.
fn classify(
    doc: &Doc,
    lex: &Lexicon,
    ev: &Evidence,
    name: Range<usize>,
    titled: bool,
    has_acronym: bool,
) -> Option<EntityKind> {
    let span = doc.span(name.clone());
    let text = doc.text.get(span).unwrap_or("");
    let len = name.len();
    let first = doc.tok_text(name.start);
    let whole = lex.gazetteer_entry(text);
    if let Some(g) = whole {
        if ev.sports && g.city && !titled && stands_for_team(doc, lex, name.clone()) {
            return Some(EntityKind::Organization);
        }
        return Some(gaz_to_kind(g.kind));
    }
    // "the Padres", "Springboks": a team's nickname in a sports report.
    if len <= 2 && ev.sports && lex.has(text, Tag::TeamNickname) && !doc.is_initial(name.start) {
        return Some(EntityKind::Organization);
    }
    if titled {
        return Some(EntityKind::Person);
    }
    if name.clone().any(|k| doc.tokens[k].is_punct('&')) {
        return Some(EntityKind::Organization);
    }
    // "Varnholt defender Piet Jansen": in a sports report, a name before
    // one of a team's people is the team.
    if ev.sports
        && team_role_after(doc, name.end)
        && !doc.demonym(name.start)
        && !doc.wi(name.end - 1).event_cue
    {
        return Some(EntityKind::Organization);
    }
    if len == 1 && brand_shaped(lex, first) {
        return Some(EntityKind::Organization);
    }
    // "the Commission", "a House vote": a body's word alone, after an
    // article and mid-sentence, is that body.
    let after_article = name
        .start
        .checked_sub(1)
        .is_some_and(|p| matches!(doc.tok_text(p), "the" | "a"));
    if len == 1 && after_article && (doc.wi(name.start).org_cue || first == "House") {
        return Some(EntityKind::Organization);
    }
    // "the Kirchberg conference center", "the Azadi stadium": a single
    // name before a venue noun is a place.
    let venue = |k: usize| {
        doc.tokens
            .get(k)
            .is_some_and(|t| t.is_word() && !t.cap && doc.wi(k).has(Tag::VenueNoun))
    };
    let hall = |k: usize| {
        doc.tokens
            .get(k)
            .is_some_and(|t| matches!(t.text(doc.text), "conference" | "convention" | "exhibition"))
    };
    if len == 1 && (venue(name.end) || hall(name.end) && venue(name.end + 1)) {
        return Some(EntityKind::Place);
    }
    // "the Sheraton hotel", "the Emirates airline": a single name before a
    // business noun is the business.
    if len == 1
        && doc
            .tokens
            .get(name.end)
            .is_some_and(|t| t.is_word() && !t.cap && doc.wi(name.end).has(Tag::BusinessNoun))
    {
        return Some(EntityKind::Organization);
    }
    // "FORT MYERS, Fla. (AP) —": a dateline in capitals opens the story.
    // "PATNA:" opens a paragraph after a headline just as well.
    let opens_block = |k: usize| {
        let at = doc.tokens[k].start;
        at == 0 || doc.text.get(..at).is_some_and(|b| b.ends_with('\n'))
    };
    // Later paragraphs need a dash or colon: "NATO, the alliance" is no
    // dateline.
    // "KHARTOUM/N'DJAMENA, June 11": places of one dateline joined by
    // slashes.
    let mut chain = name.start;
    while chain >= 2
        && doc.tokens[chain - 1].is_punct('/')
        && doc.tokens[chain - 2].is_word()
        && doc.tokens[chain - 2].all_caps
    {
        chain -= 2;
    }
    let dateline = opens_block(chain)
        && name.clone().all(|k| doc.tokens[k].all_caps)
        && doc.tokens.get(name.end).is_some_and(|t| match t.kind {
            TokKind::Punct('—' | '–' | ':' | '/') => true,
            TokKind::Punct(',' | '(' | '-') => chain == 0 || chain < name.start,
            _ => false,
        });
    if dateline {
        return Some(EntityKind::Place);
    }
    // "Hurricane Milton", "Operation Barbarossa": named events.
    if len > 1 && doc.wi(name.start).has(Tag::EventOpener) {
        return Some(EntityKind::Other);
    }
    // "Tampa Bay Rays": a place or body word inside is no person's name.
    if len > 2 && (name.start + 1..name.end - 1).any(|k| doc.wi(k).place_cue || doc.wi(k).org_cue) {
        return Some(EntityKind::Organization);
    }
    if len == 2
        && doc.wi(name.start).has(Tag::Compass)
        && doc.gaz(name.start + 1) == Some(GazKind::Place)
    {
        return Some(EntityKind::Place);
    }
    if len > 1 {
        // "Gulf of Aqaba", "Bay of Bengal": a place word, then "of".
        let place_of = doc.wi(name.start).place_cue
            && lower_word(doc, name.start + 1) == Some("of")
            && !name.clone().any(|k| doc.wi(k).org_cue);
        if place_of {
            return Some(EntityKind::Place);
        }
        if name.clone().any(|k| doc.wi(k).org_cue) {
            return Some(EntityKind::Organization);
        }
        // "the village of Karin Varot", "Victor Kessel airport": the place
        // noun tells, whatever the words would say of a person. Not "the
        // Bernie Sanders camp", which is his campaign.
        let venue_after = lower_word(doc, name.end)
            .is_some_and(|w| w != "camp" && doc.wi(name.end).has(Tag::VenueNoun));
        if place_noun_of(doc, lex, name.start) || venue_after {
            return Some(EntityKind::Place);
        }
        if doc.wi(name.end - 1).place_cue {
            return Some(EntityKind::Place);
        }
        if doc.wi(name.start).given_name.is_some() {
            return Some(EntityKind::Person);
        }
        if has_acronym {
            return Some(EntityKind::Organization);
        }
        if doc.demonym(name.start) || doc.gaz(name.start).is_some() {
            return Some(EntityKind::Organization);
        }
        // "Kerem Shalom crossing", "Zamzam camp".
        if place_after(doc, lex, name.end) {
            return Some(EntityKind::Place);
        }
        // "Reform UK": a country or an acronym inside is no person's name.
        if name
            .clone()
            .skip(1)
            .any(|k| doc.tokens[k].all_caps || doc.gaz(k) == Some(GazKind::Place))
        {
            return Some(EntityKind::Organization);
        }
        if name
            .clone()
            .all(|k| doc.tokens[k].all_caps || !doc.tokens[k].is_word())
        {
            return Some(EntityKind::Organization);
        }
        // "Cold War", "Nobel Prize", "World Cup": events and things, not people.
        if doc.wi(name.end - 1).event_cue {
            return Some(EntityKind::Other);
        }
        if works_at(doc, name.start) || which_follows(doc, name.end) {
            return Some(EntityKind::Organization);
        }
        return Some(if len <= 4 {
            EntityKind::Person
        } else {
            EntityKind::Organization
        });
    }
    if doc.demonym(name.start) {
        return Some(EntityKind::Group);
    }
    if has_acronym || works_at(doc, name.start) || which_follows(doc, name.end) {
        return Some(EntityKind::Organization);
    }
    let info = doc.wi(name.start);
    let common = info.not_name || info.role.is_some() || info.person_noun.is_some();
    if doc.tokens[name.start].all_caps && first.chars().count() <= 6 && !common {
        return Some(EntityKind::Organization);
    }
    if place_context(doc, lex, name.start) {
        return Some(EntityKind::Place);
    }
    // "two sons, Miguel and Rafael": a known given name mid-sentence.
    if info.given_name.is_some() && !common && !doc.is_initial(name.start) {
        return Some(EntityKind::Person);
    }
    None
}

/// Whether a lowercase team-role noun follows ("defender", "striker").
fn team_role_after(doc: &Doc, end: usize) -> bool {
    lower_word(doc, end).is_some() && doc.wi(end).has(Tag::TeamRole)
}

/// "the Tarnow Kurier daily", "Orla news agency", "Le Matin
/// newspaper": a publication's or broadcaster's word after the name. Not
/// after a person's given name ("a Hillary Clinton radio ad").
fn media_after(doc: &Doc, name: Range<usize>) -> bool {
    let b = name.end;
    let news = lower_word(doc, b) == Some("news");
    let k = if news { b + 1 } else { b };
    lower_word(doc, k).is_some()
        && doc.wi(k).has(Tag::MediaNoun)
        && doc.wi(name.start).given_name.is_none()
}

/// What the words around a name say of an organization: a descriptor
/// before it ("state power firm Eletropaulo", "the daily La Jornada"),
/// "said it" after it (a person would be "he" or "she"), or a company's
/// affairs ("Faulding shares", "Implats's profit", "a stake in Zenith").
fn organization_context(doc: &Doc, name: Range<usize>) -> bool {
    let (a, b) = (name.start, name.end);
    let lower_at = |k: usize| lower_word(doc, k).is_some();
    if a > 0 && lower_at(a - 1) && doc.wi(a - 1).has(Tag::OrgNoun) {
        return true;
    }
    if media_after(doc, name.clone()) {
        return true;
    }
    let said_it = doc.wi(b).speech_verb
        && lower_at(b)
        && matches!(lower_word(doc, b + 1), Some("it" | "its"));
    if said_it {
        return true;
    }
    let possessive = doc
        .tokens
        .get(b)
        .is_some_and(|t| t.kind == TokKind::Possessive);
    let affairs_at = |k: usize| {
        doc.tokens.get(k).is_some_and(|t| t.is_word()) && doc.wi(k).has(Tag::CompanyWord)
    };
    if affairs_at(b) || (possessive && affairs_at(b + 1)) {
        return true;
    }
    a >= 2 && matches!(lower_word(doc, a - 1), Some("in" | "of")) && affairs_at(a - 2)
}

/// Whether a city's name in a sports report stands for its team:
/// "Barcelona beat Valencia", "against Everton", "Milan coach Oscar
/// Tabarez" — not where it says where ("in Milan", "Orvieto, Italy") nor
/// in a dateline ("MILAN, May 2").
fn stands_for_team(doc: &Doc, lex: &Lexicon, name: Range<usize>) -> bool {
    let (a, b) = (name.start, name.end);
    let word_before = |k: usize| {
        k.checked_sub(1)
            .filter(|&p| doc.tokens[p].is_word())
            .map(|p| doc.tok_text(p).to_ascii_lowercase())
    };
    if let Some(prev) = word_before(a) {
        let locative = match prev.as_str() {
            "in" | "at" | "near" | "outside" | "around" | "across" | "into" | "through"
            | "toward" | "towards" | "via" | "from" => true,
            // "travel to Tel Aviv", not "lost to Barcelona".
            "to" => !word_before(a - 1).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "lost" | "lose" | "loses" | "losing" | "fell" | "falls"
                )
            }),
            // "the town of Netanya".
            "of" => word_before(a - 1).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "city"
                        | "town"
                        | "village"
                        | "port"
                        | "province"
                        | "region"
                        | "suburb"
                        | "capital"
                )
            }),
            _ => false,
        };
        if locative {
            return false;
        }
    }
    let qualified = doc.tokens.get(b).is_some_and(|t| t.is_punct(','))
        && doc.gaz(b + 1) == Some(GazKind::Place);
    if qualified || place_after(doc, lex, b) {
        return false;
    }
    // "the Brussels meeting", "a New York hospital": where an event or an
    // institution is.
    if doc.tokens.get(b).is_some_and(|t| t.is_word() && !t.cap)
        && (doc.wi(b).has(Tag::LocalEventNoun) || doc.wi(b).has(Tag::VenueNoun))
    {
        return false;
    }
    if dated(doc, b) {
        return false;
    }
    let at = doc.tokens[a].start;
    let opens_line = at == 0 || doc.text.get(..at).is_some_and(|t| t.ends_with('\n'));
    let dateline = opens_line
        && name.clone().all(|k| doc.tokens[k].all_caps)
        && doc.tokens.get(b).is_some_and(|t| {
            t.kind == TokKind::Number
                || matches!(t.kind, TokKind::Punct(',' | '—' | '–' | '-' | '('))
        });
    !dateline
}

/// "an analyst at Jefferies", "a partner at Baker McKenzie": after a
/// person's job and "at" comes where they work.
fn works_at(doc: &Doc, start: usize) -> bool {
    let Some(at) = start.checked_sub(1) else {
        return false;
    };
    if lower_word(doc, at) != Some("at") {
        return false;
    }
    at.checked_sub(1).is_some_and(|j| {
        lower_word(doc, j).is_some()
            && (doc.wi(j).role.is_some()
                || doc
                    .wi(j)
                    .person_noun
                    .is_some_and(|(k, _)| k == NounKind::Person))
    })
}

/// Whether the lowercase words after token `end - 1` mark a place ("air
/// base", "crossing").
fn place_after(doc: &Doc, lex: &Lexicon, end: usize) -> bool {
    let Some(next) = lower_word(doc, end) else {
        return false;
    };
    if lex.place_after.contains_key(next) {
        return true;
    }
    lower_word(doc, end + 1).is_some_and(|next2| {
        let pair = format!("{next} {next2}");
        lex.place_after.contains_key(pair.as_str())
    })
}

/// "Khmeimim air base", "village of Khmeimim", "in Homs".
fn place_context(doc: &Doc, lex: &Lexicon, i: usize) -> bool {
    if place_after(doc, lex, i + 1) {
        return true;
    }
    let possessive_next = doc
        .tokens
        .get(i + 1)
        .is_some_and(|t| t.kind == TokKind::Possessive);
    if possessive_next {
        return false;
    }
    // "Michoacán, Mexico": a place, then the country or region it is in.
    // "Croydon, south London": a compass word may come first.
    let compass = usize::from(
        lower_word(doc, i + 2).is_some()
            && doc.wi(i + 2).has(Tag::Compass)
            && doc.gaz(i + 3) == Some(GazKind::Place),
    );
    let in_region = doc.tokens.get(i + 1).is_some_and(|t| t.is_punct(','))
        && doc.gaz(i + 2 + compass) == Some(GazKind::Place)
        && doc
            .tokens
            .get(i + 3 + compass)
            .is_none_or(|t| t.kind != TokKind::Possessive && !(t.is_word() && t.cap));
    if in_region {
        return true;
    }
    if let Some(prev) = i.checked_sub(1).and_then(|p| lower_word(doc, p)) {
        if prev == "of" {
            return place_noun_of(doc, lex, i);
        }
        return matches!(prev, "in" | "near" | "outside" | "around");
    }
    false
}

/// "the town of Karin Varot", "the province of Homs": a place noun and "of"
/// before the name at `i`.
fn place_noun_of(doc: &Doc, lex: &Lexicon, i: usize) -> bool {
    if i < 2 || lower_word(doc, i - 1) != Some("of") {
        return false;
    }
    lower_word(doc, i - 2).is_some_and(|pp| {
        lex.place_after.contains_key(pp)
            || matches!(
                pp,
                "province" | "village" | "city" | "town" | "region" | "port" | "settlement"
            )
    })
}

/// Comparison key of a name: lowercase words without particles or
/// possessive marks ("Bashar al-Assad" and "Bashar Assad" agree).
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for w in name.split(|c: char| c.is_whitespace()) {
        let w = strip_particle(w);
        if w.is_empty() || is_name_particle(w) {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        // ASCII (nearly every name) lowercases byte by byte, the same
        // result as the general path without its per-char iterator.
        if w.is_ascii() {
            key.extend(
                w.bytes()
                    .filter(|&b| b != b'.')
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        } else {
            // "José" and "Jose" are one name.
            key.extend(super::lexicon::fold_lower(w).chars().filter(|c| *c != '.'));
        }
    }
    key
}

/// Whether a word in any case is a name particle ("al", "Van"), without
/// allocating for ASCII words.
fn is_name_particle(w: &str) -> bool {
    lexicon().has(w, Tag::NameParticle)
}

/// "al-Assad" → "Assad".
fn strip_particle(w: &str) -> &str {
    if let Some((head, tail)) = w.split_once('-') {
        if is_name_particle(head) && tail.chars().next().is_some_and(char::is_uppercase) {
            return tail;
        }
    }
    w
}

fn cluster(doc: &Doc, mut cands: Vec<Candidate>) -> Entities {
    cands.sort_by_key(|c| (c.tokens.start, c.tokens.end));
    cands.dedup_by(|b, a| b.tokens.start < a.tokens.end);
    split_headline_runs(doc, &mut cands);
    settle_default_persons(doc, &mut cands);
    let mut ents = Entities::default();
    // Full person names first, so short forms can join them.
    let mut by_key: FastMap<String, usize> = FastMap::default();
    let mut by_surname: FastMap<String, Vec<usize>> = FastMap::default();
    let mut acronyms: FastMap<String, usize> = FastMap::default();
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
        if let Some(surname) = surname_of(&key) {
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
    let mut last_person_of_surname: FastMap<String, usize> = FastMap::default();
    let mut mention_counts: FastMap<usize, usize> = FastMap::default();
    let mut org_heads: FastMap<String, usize> = FastMap::default();
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
                // Two people share the surname: a lone surname names the
                // one the article has named most so far (the subject, not
                // a relative introduced once), the latest on a tie.
                let surname_hit = by_surname.get(&key).and_then(|ids| {
                    if ids.len() == 1 {
                        return ids.first().copied();
                    }
                    let last = last_person_of_surname.get(&key).copied();
                    let count = |id: usize| mention_counts.get(&id).copied().unwrap_or(0);
                    ids.iter()
                        .copied()
                        .max_by_key(|&id| (count(id), Some(id) == last))
                        .filter(|&id| count(id) > 0)
                        .or(last)
                        .or(ids.first().copied())
                });
                // A gazetteer place or organization that is also someone's
                // surname here is the person only without other evidence:
                // "Lisa Monaco … Monaco said", not "in Monaco".
                if let Some(found) = surname_hit {
                    let place_named = c.kind == Some(EntityKind::Place)
                        && c.sub.is_none()
                        && !locative_before(doc, c.tokens.start);
                    if c.kind.is_none()
                        || c.kind == Some(EntityKind::Person)
                        || c.titled
                        || place_named
                    {
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
        // "Nordvik" after "Nordvik Semiconductor": a body's first word
        // alone is its short name.
        if id.is_none() && single && (kind.is_none() || c.weak) && !c.titled {
            if let Some(&found) = org_heads.get(&key) {
                id = Some(found);
                kind = Some(EntityKind::Organization);
            }
        }
        let Some(kind) = kind else {
            // Unknown single word mid-sentence before a speech verb: a person.
            if speaks(doc, c.tokens.end) {
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
        let cue_last = doc.wi(c.tokens.end - 1).org_cue;
        if kind == EntityKind::Organization && c.tokens.len() > 1 && cue_last && c.sub.is_none() {
            let head = doc.tok_text(c.tokens.start);
            if !doc.wi(c.tokens.start).org_cue && doc.gaz(c.tokens.start).is_none() {
                org_heads.entry(name_key(head)).or_insert(cid);
            }
        }
        if kind == EntityKind::Person {
            *mention_counts.entry(cid).or_default() += 1;
            if let Some(s) = surname_of(&ents.clusters[cid].key) {
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

/// "Fiorina Endorses Ted Cruz": a Title Case headline runs a name, a verb
/// and a name together. Where the run ends with a person's full name that
/// the article gives on its own elsewhere, the run is that name, and what
/// comes before the verb is a person too when the text names them.
fn split_headline_runs(doc: &Doc, cands: &mut Vec<Candidate>) {
    let in_heading = |c: &Candidate| doc.in_heading(doc.sentence_of[c.tokens.start] as usize);
    if !cands.iter().any(|c| c.tokens.len() >= 3 && in_heading(c)) {
        return;
    }
    let key_of = |r: Range<usize>| name_key(doc.text.get(doc.span(r)).unwrap_or(""));
    let people: FastSet<String> = cands
        .iter()
        .filter(|c| c.kind == Some(EntityKind::Person) && c.tokens.len() >= 2)
        .map(|c| key_of(c.tokens.clone()))
        .collect();
    let surnames: FastSet<&str> = people.iter().filter_map(|k| k.rsplit(' ').next()).collect();
    let mut extra = Vec::new();
    for c in cands.iter_mut() {
        if c.tokens.len() < 3 || c.sub.is_some() || !in_heading(c) {
            continue;
        }
        let (a, b) = (c.tokens.start, c.tokens.end);
        // Some word before the verb: "El Hassane Lahssini" is one name.
        let Some(cut) = (a + 2..b - 1).find(|&k| people.contains(&key_of(k..b))) else {
            continue;
        };
        c.tokens = cut..b;
        c.kind = Some(EntityKind::Person);
        c.weak = false;
        c.unsupported = false;
        // What comes before the verb: a full name or a surname named in
        // the text ("Joe Walsh Endorses …", "Walsh Endorses …").
        let before = a..cut - 1;
        let known = |r: Range<usize>| {
            let key = key_of(r.clone());
            people.contains(&key) || (r.len() == 1 && surnames.contains(key.as_str()))
        };
        if !before.is_empty() && known(before.clone()) {
            extra.push(Candidate::known(before, EntityKind::Person));
        }
    }
    if !extra.is_empty() {
        cands.extend(extra);
        cands.sort_by_key(|c| (c.tokens.start, c.tokens.end));
    }
}

/// Settles the names taken for persons only by default, from what the
/// whole article does with them. News names a person in full once and by
/// surname after; a body keeps its full name. So a default person stays a
/// person when its surname recurs alone ("Mike Johnson" … "Johnson") and
/// becomes an organization when
/// - some words are merely capitalized ("Truth Social") and the surname
///   never recurs alone, or
/// - another mention of the same name is an organization by its context
///   ("Dorrance Vell shares"), or
/// - it recurs in full, never alone, and no mention has a person's
///   evidence ("Dorrance Vell said …; Dorrance Vell will …").
fn settle_default_persons(doc: &Doc, cands: &mut [Candidate]) {
    if !cands.iter().any(|c| c.unsupported) {
        return;
    }
    let singles: FastSet<&str> = cands
        .iter()
        .filter(|c| c.tokens.len() == 1 && c.sub.is_none())
        .map(|c| doc.tok_text(c.tokens.start))
        .collect();
    #[derive(Default)]
    struct Seen {
        full: usize,
        supported: bool,
        organization: bool,
    }
    let key_of = |c: &Candidate| name_key(doc.text.get(cand_span(doc, c)).unwrap_or(""));
    let mut seen: FastMap<String, Seen> = FastMap::default();
    for c in cands
        .iter()
        .filter(|c| c.tokens.len() > 1 && c.sub.is_none())
    {
        let s = seen.entry(key_of(c)).or_default();
        s.full += 1;
        match c.kind {
            Some(EntityKind::Person) => s.supported |= !c.unsupported,
            Some(EntityKind::Organization) => {
                s.organization = true;
                // "Dorrance Vell Inc": the name without its company word.
                let mut end = c.tokens.end;
                while end > c.tokens.start + 2 && doc.wi(end - 1).org_cue {
                    end -= 1;
                }
                if end < c.tokens.end {
                    let short = name_key(doc.text.get(doc.span(c.tokens.start..end)).unwrap_or(""));
                    seen.entry(short).or_default().organization = true;
                }
            }
            _ => {}
        }
    }
    for c in cands
        .iter_mut()
        .filter(|c| c.unsupported && c.kind == Some(EntityKind::Person))
    {
        let last = if c.tokens.len() > 2 && doc.wi(c.tokens.end - 1).has(Tag::Generation) {
            c.tokens.end - 2
        } else {
            c.tokens.end - 1
        };
        let surname_alone = singles.contains(strip_particle(doc.tok_text(last)));
        let s = seen.get(&key_of(c));
        let org_elsewhere = s.is_some_and(|s| s.organization);
        let repeated_in_full = s.is_some_and(|s| s.full >= 2 && !s.supported);
        if (c.weak && !surname_alone) || org_elsewhere || (repeated_in_full && !surname_alone) {
            c.kind = Some(EntityKind::Organization);
        }
    }
}

/// Whether the word before token `i` says where: "in Monaco", "to Monaco",
/// "Albert of Monaco", "Nice, Monaco", and "In Monaco" opening a sentence.
fn locative_before(doc: &Doc, i: usize) -> bool {
    let Some(p) = i.checked_sub(1) else {
        return false;
    };
    let t = &doc.tokens[p];
    t.is_punct(',') || t.is_punct('/') || t.is_word() && doc.wi(p).has(Tag::Locative)
}

/// The surname in a name key: its last word, before "jr" or "iii".
fn surname_of(key: &str) -> Option<&str> {
    let mut words = key.rsplit(' ');
    let last = words.next()?;
    if lexicon().has(last, Tag::Generation) {
        return words.next().or(Some(last));
    }
    Some(last)
}

fn new_cluster(
    ents: &mut Entities,
    by_key: &mut FastMap<String, usize>,
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
fn speaks(doc: &Doc, end: usize) -> bool {
    let verb = |k: usize| {
        doc.tokens
            .get(k)
            .is_some_and(|t| t.is_word() && doc.wi(k).speech_verb && doc.tok_text(k) != "according")
    };
    // An adverb may come between, not a comma: in "who leads on housing
    // for Lambeth, described …" the verb is the clause's subject's.
    verb(end) || (doc.tokens.get(end).is_some_and(|t| t.is_word()) && verb(end + 1))
}

/// "USTelecom, which represents …": "which" speaks of a thing.
fn which_follows(doc: &Doc, end: usize) -> bool {
    doc.tokens.get(end).is_some_and(|t| t.is_punct(','))
        && lower_word(doc, end + 1) == Some("which")
}

#[cfg(test)]
mod tests {
    use crate::analyze::{analyze_text, EntityKind};

    /// Every entity of a text, in order, with its kind.
    fn entities(text: &str) -> Vec<(String, EntityKind)> {
        analyze_text(text)
            .entities
            .iter()
            .map(|e| (e.span.text(text).to_string(), e.kind))
            .collect()
    }

    fn named(list: &[(&str, EntityKind)]) -> Vec<(String, EntityKind)> {
        list.iter().map(|(n, k)| (n.to_string(), *k)).collect()
    }

    use EntityKind::{Organization as Org, Person, Place};

    #[test]
    fn table_teams_score_lines_one_per_line() {
        let text = "Results of league soccer matches on Saturday (home team first, games in the standings):\n\n\
                    Varnholt 2 Elmbridge Rovers 1\n\nKestrel Town 0 Marlow 3\n\nHalftime 0-0\n\nAttendance 18,500";
        assert_eq!(
            entities(text),
            named(&[
                ("Varnholt", Org),
                ("Elmbridge Rovers", Org),
                ("Kestrel Town", Org),
                ("Marlow", Org),
            ])
        );
    }

    #[test]
    fn table_teams_score_lines_run_together() {
        let text = "Results of league matches on Friday (games for the standings): Varnholt 1 Elmbridge 2 Tamsworth 3 Kestrel 2 .";
        assert_eq!(
            entities(text),
            named(&[
                ("Varnholt", Org),
                ("Elmbridge", Org),
                ("Tamsworth", Org),
                ("Kestrel", Org),
            ])
        );
    }

    #[test]
    fn table_teams_standings_rows_and_cities() {
        // A city in a standings row is its club; a country its national side.
        let text = "League standings after Tuesday's games (played, won, lost, points):\n\n\
                    CHICAGO 12 9 3 27\n\nVarnholt 12 8 4 24\n\nBrazil 12 7 5 21";
        assert_eq!(
            entities(text),
            named(&[("CHICAGO", Org), ("Varnholt", Org), ("Brazil", Place)])
        );
    }

    #[test]
    fn table_teams_standings_with_fractions_and_a_schedule() {
        let text = "Baseball standings after games played on Wednesday (won, lost, percentage, games behind):\n\n\
                    W L PCT GB\n\nVARNHOLT 72 53 .576 -\n\nELMBRIDGE 67 58 .536 5 1/2\n\n\
                    THURSDAY SCHEDULE\n\nVARNHOLT AT NEW YORK";
        // The schedule's line names where the game is: places.
        let got = entities(text);
        assert_eq!(
            got,
            named(&[("VARNHOLT", Org), ("ELMBRIDGE", Org), ("NEW YORK", Place),])
        );
    }

    #[test]
    fn table_teams_fixtures() {
        let text = "League soccer fixtures for the weekend, games and matches:\n\n\
                    Division one - Varnholt v Elmbridge , Tamsworth v Kestrel Town .";
        let got = entities(text);
        for team in ["Varnholt", "Elmbridge", "Tamsworth", "Kestrel Town"] {
            assert!(got.contains(&(team.to_string(), Org)), "{team}: {got:?}");
        }
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn table_teams_not_players_after_their_scores() {
        // Golf: a score before each player, given names: people, not teams.
        let text = "Leading scores in the golf championship on Thursday, a round of games and matches:\n\n\
                    62 Paul Broadhurst\n\n63 Raymond Russell\n\n64 Michael Campbell";
        let got = entities(text);
        assert!(got.iter().all(|(_, k)| *k == Person), "{got:?}");
    }

    #[test]
    fn table_teams_dateline_stays_a_place() {
        let text = "SOCCER - LEAGUE RESULTS . LONDON 1996-08-24\n\n\
                    Results of league soccer matches on Saturday: Varnholt 2 Elmbridge 1";
        let got = entities(text);
        assert!(got.contains(&("LONDON".to_string(), Place)), "{got:?}");
        assert!(got.contains(&("Varnholt".to_string(), Org)), "{got:?}");
    }

    #[test]
    fn table_teams_need_a_sports_report() {
        // Temperatures after city names: places, not teams.
        let text = "Midday temperatures on Monday:\n\nParis 23 Madrid 28\n\nBerlin 19 Vienna 21";
        let got = entities(text);
        assert!(got.iter().all(|(_, k)| *k == Place), "{got:?}");
    }
}

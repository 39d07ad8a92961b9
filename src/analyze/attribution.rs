//! Who said each quotation: the patterns of news writing around the marks
//! (`“…,” X said`, `said X, a …`, `X said: “…”`, `according to X`, a
//! speech verb in the sentence or the one before), then pronouns and
//! nominal phrases resolved to earlier mentions.

use std::ops::Range;

use super::coref::{self, Describer, Referent};
use super::doc::Doc;
use super::entities::Entities;
use super::lexicon::{lexicon, FastSet, Lexicon};
use super::quotes::RawQuote;
use super::tokens::TokKind;
use super::QuoteKind;

/// What the attribution found for one quotation.
#[derive(Debug, Clone)]
pub struct Attribution {
    pub kind: QuoteKind,
    pub speaker: Option<Referent>,
    /// Where the speaker is named in the text (a name, pronoun or phrase).
    pub mention: Option<Range<usize>>,
    /// The speech verb, lowercase.
    pub cue: Option<&'static str>,
}

/// Words between a subject and its verb that do not end the subject search.
const SKIPPABLE: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "was",
    "is",
    "were",
    "are",
    "will",
    "would",
    "later",
    "previously",
    "then",
    "once",
    "reportedly",
    "recently",
    "further",
    "again",
    "earlier",
    "publicly",
    "repeatedly",
    "often",
    "been",
    "just",
    "finally",
    "now",
    "still",
    "even",
    "only",
    "had",
    "did",
    "does",
    "not",
    "never",
    "herself",
    "himself",
    "themselves",
    "itself",
    "since",
    "already",
    "first",
    "quickly",
];

/// Words that end a subject noun phrase when walking back from the verb.
const CLAUSE_STARTS: &[&str] = &[
    "that", "which", "while", "when", "because", "but", "if", "as", "after", "before", "although",
    "though", "where", "so", "whereas", "and", "or", "what", "how", "why",
];

/// Verbs that give a thing its name: the quoted words after them are a
/// name ("which the company calls “Aurora”"), not speech.
const NAMING_VERBS: &[&str] = &[
    "call",
    "calls",
    "called",
    "calling",
    "dub",
    "dubs",
    "dubbed",
    "dubbing",
    "nicknamed",
    "termed",
    "branded",
    "labelled",
    "labeled",
];

/// Verbs of accusing: they attribute longer words ("accused the army of
/// staging it “to drag Chad into the war”") but a short term after them
/// is the accused's ("accused him of “spin”").
const ACCUSING_VERBS: &[&str] = &[
    "accused",
    "accuses",
    "blamed",
    "blames",
    "condemned",
    "condemns",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// Attributes every quotation.
pub fn attribute(
    doc: &Doc,
    ents: &mut Entities,
    quotes: &[RawQuote],
    quoted: &[bool],
    describer: &Describer,
) -> Vec<Attribution> {
    let ctx = Ctx {
        doc,
        lex: lexicon(),
        quoted,
        describer,
    };
    let mut out: Vec<Attribution> = Vec::with_capacity(quotes.len());
    for (qi, q) in quotes.iter().enumerate() {
        let prev_end = if qi > 0 { quotes[qi - 1].close_end } else { 0 };
        let next_open = quotes.get(qi + 1).map_or(usize::MAX, |n| n.open);
        let mut att = ctx.attribute_one(ents, q, prev_end, next_open);
        // An attribution between two parts of one interrupted quotation
        // serves both: “…,” says one, “…”
        if att.speaker.is_none() && qi > 0 {
            let prev = &quotes[qi - 1];
            if out[qi - 1].speaker.is_some() && ctx.interrupted(prev, q) {
                att.speaker = out[qi - 1].speaker.clone();
                att.mention = out[qi - 1].mention.clone();
                att.cue = out[qi - 1].cue;
            }
        }
        // A full quotation with no attribution of its own continues the
        // previous speaker's quotation in the same or the previous block.
        if att.speaker.is_none() && att.kind == QuoteKind::Full && qi > 0 {
            if let Some(prev_att) = out.get(qi - 1) {
                if prev_att.speaker.is_some() && ctx.continues(&quotes[qi - 1], q, ents) {
                    att.speaker = prev_att.speaker.clone();
                    att.cue = prev_att.cue;
                }
            }
        }
        out.push(att);
    }
    out
}

/// Marks tokens that lie inside a quotation (marks included).
pub fn quoted_tokens(doc: &Doc, quotes: &[RawQuote]) -> Vec<bool> {
    let mut quoted = vec![false; doc.tokens.len()];
    for q in quotes {
        let a = doc.token_at_or_after(q.open);
        let b = doc.token_at_or_after(q.close_end);
        for f in quoted.iter_mut().take(b).skip(a) {
            *f = true;
        }
    }
    quoted
}

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    lex: &'static Lexicon,
    quoted: &'d [bool],
    describer: &'d Describer,
}

/// A subject found next to a speech verb.
struct Found {
    referent: Referent,
    mention: Range<usize>,
}

impl Ctx<'_, '_> {
    /// The speech verb at `i` as the lexicon spells it.
    fn cue(&self, i: usize) -> &'static str {
        self.lex.speech_verb_str(self.word(i)).unwrap_or("said")
    }

    fn word(&self, i: usize) -> &str {
        self.doc.tok_text(i)
    }

    fn lower_is(&self, i: usize, words: &[&str]) -> bool {
        let t = &self.doc.tokens[i];
        t.is_word()
            && words
                .iter()
                .any(|w| t.text(self.doc.text).eq_ignore_ascii_case(w))
    }

    fn is_verb(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        // "the accused", "a call", "the reports": nouns after an article.
        let after_article = i
            .checked_sub(1)
            .is_some_and(|p| self.lower_is(p, &["the", "a", "an"]));
        !after_article
            && (t.is_word() && !t.cap && self.doc.wi(i).speech_verb
                || (t.is_word() && t.cap && self.doc.is_initial(i) && self.doc.wi(i).speech_verb))
    }

    fn attribute_one(
        &self,
        ents: &mut Entities,
        q: &RawQuote,
        prev_end: usize,
        next_open: usize,
    ) -> Attribution {
        let doc = self.doc;
        let open_tok = doc.token_at_or_after(q.open);
        let close_tok = doc.token_at_or_after(q.close_end);
        let sent_open = doc.sentence_of.get(open_tok).copied().unwrap_or(0) as usize;
        let sent_close = close_tok
            .checked_sub(1)
            .and_then(|t| doc.sentence_of.get(t))
            .copied()
            .unwrap_or(sent_open as u32) as usize;
        // After the quotation: to the end of its sentence or the next quote.
        let after_end = doc
            .sentences
            .get(sent_close)
            .map_or(close_tok, |s| s.end)
            .min(doc.token_at_or_after(next_open));
        let after = close_tok..after_end.max(close_tok);
        // Before it: from its sentence start or the previous quote.
        let before_start = doc
            .sentences
            .get(sent_open)
            .map_or(open_tok, |s| s.start)
            .max(doc.token_at_or_after(prev_end))
            // Attributions sit near their quotation; the bound keeps long
            // unpunctuated text linear.
            .max(open_tok.saturating_sub(60));
        let before = before_start..open_tok.max(before_start);
        let excluded = self.names_inside(ents, q);

        let kind_hint = self.quote_kind(q, open_tok, &before);
        // A term gets a speaker only from a speech verb before it in its
        // sentence ("X has confirmed “direct contact”").
        let mut found = if kind_hint == QuoteKind::Term {
            None
        } else {
            self.after_quote(ents, after.clone(), &excluded)
        };
        // "the so-called “special military operation”" holds words at
        // arm's length; whoever speaks in the sentence did not coin them.
        let scare = open_tok
            .checked_sub(1)
            .is_some_and(|p| self.word(p).eq_ignore_ascii_case("so-called"));
        if found.is_none() && !scare {
            found = self.before_quote(ents, before.clone(), &excluded);
        }
        // "She said the “genuine good” was “a small fraction …”": the verb
        // before an earlier quotation of the sentence serves this one too.
        let sentence_start = doc.sentences.get(sent_open).map_or(open_tok, |s| s.start);
        if found.is_none() && !scare && before.start > sentence_start {
            let whole = sentence_start.max(open_tok.saturating_sub(60))..open_tok;
            found = self.before_quote(ents, whole, &excluded);
        }
        if found.is_none() && kind_hint == QuoteKind::Full {
            found = self.colon_subject(ents, before.clone(), &excluded);
        }
        if found.is_none() && kind_hint == QuoteKind::Full && before.is_empty() {
            found = self.previous_sentence(ents, sent_open, &excluded);
        }
        if found.is_none() && kind_hint == QuoteKind::Full && before.is_empty() {
            found = self.beat_subject(ents, sent_open, open_tok, &excluded);
        }
        // A term is someone's coinage only when the sentence says so
        // plainly: not through a pronoun ("He cautioned that the “Japa”
        // wave …"), nor by naming a thing ("which the company calls
        // “Aurora”").
        // ("called the strikes “a crime”" judges them, and stays.)
        if kind_hint == QuoteKind::Term {
            let proper = doc
                .text
                .get(q.content.clone())
                .and_then(|c| c.chars().find(|c| c.is_alphanumeric()))
                .is_some_and(char::is_uppercase);
            found = found.filter(|(f, cue)| {
                let said = doc.text.get(f.mention.clone()).unwrap_or("");
                !PRONOUNS.contains(&said.to_lowercase().as_str())
                    && (!proper || !NAMING_VERBS.contains(cue))
                    && !ACCUSING_VERBS.contains(cue)
            });
        }
        let kind = match (kind_hint, &found) {
            (QuoteKind::Term, Some(_)) => QuoteKind::Partial,
            (k, _) => k,
        };
        let (speaker, mention, cue) = match found {
            Some((f, cue)) => (Some(f.referent), Some(f.mention), Some(cue)),
            None => (None, None, None),
        };
        Attribution {
            kind,
            speaker,
            mention,
            cue,
        }
    }

    /// Clusters named inside the quotation: a quotation speaks of them, so
    /// they are not its speaker.
    fn names_inside(&self, ents: &Entities, q: &RawQuote) -> FastSet<usize> {
        let a = self.doc.token_at_or_after(q.content.start);
        let b = self.doc.token_at_or_after(q.content.end);
        let first = ents.mentions.partition_point(|m| m.tokens.end <= a);
        ents.mentions[first..]
            .iter()
            .take_while(|m| m.tokens.start < b)
            .map(|m| m.cluster)
            .collect()
    }

    fn quote_kind(&self, q: &RawQuote, open_tok: usize, before: &Range<usize>) -> QuoteKind {
        let content = self.doc.text.get(q.content.clone()).unwrap_or("");
        let words = content
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        let starts_upper = content
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric());
        let standalone = match open_tok.checked_sub(1) {
            None => true,
            Some(p) if p < before.start => true,
            Some(p) => {
                let t = &self.doc.tokens[p];
                matches!(
                    t.kind,
                    TokKind::Punct(':' | ',' | '—' | '–' | '(' | '-' | ';')
                ) || (self.is_verb(p) && !self.lower_is(p, NAMING_VERBS))
                    || self.doc.sentence_of[p] != self.doc.sentence_of[open_tok]
            }
        };
        let ends_sentence = content.trim_end().ends_with(['.', '!', '?', '…', ',']);
        if starts_upper && (standalone || (words >= 5 && ends_sentence)) && words >= 1 {
            QuoteKind::Full
        } else if words <= 2 {
            QuoteKind::Term
        } else {
            QuoteKind::Partial
        }
    }

    /// `“…,” X said`, `“…,” said X`, `“…,” he wrote on X Rybar, a …`.
    fn after_quote(
        &self,
        ents: &mut Entities,
        after: Range<usize>,
        excluded: &FastSet<usize>,
    ) -> Option<(Found, &'static str)> {
        let doc = self.doc;
        let mut i = after.start;
        while i < after.end
            && matches!(
                doc.tokens[i].kind,
                TokKind::Punct(',' | '—' | '–' | '-' | ')')
            )
        {
            i += 1;
        }
        let limit = after.end.min(i + 14);
        let verb = (i..limit).find(|&k| !self.quoted[k] && self.is_verb(k))?;
        let cue = self.cue(verb);
        if cue == "according" {
            return self
                .according(ents, verb, after.end, excluded)
                .map(|f| (f, "according to"));
        }
        // "“…” and said Warsaw …": a second verb of the clause before the
        // quotation, whose subject speaks.
        if self.coordinated(verb) {
            let found = self.coordinated_subject(ents, verb, excluded)?;
            return self.resolve(ents, found, excluded).map(|f| (f, cue));
        }
        let found = if verb == i {
            self.subject_after(ents, verb + 1, after.end, excluded)
        } else {
            self.subject_before(ents, i, verb, excluded)
                .or_else(|| self.subject_after(ents, verb + 1, after.end, excluded))
        }?;
        // "he wrote on X Rybar, a popular account": a pronoun whose clause
        // names someone in apposition means that someone.
        if matches!(found.referent, Referent::Pronoun(..)) {
            if let Some(named) = self.apposed_name(ents, verb + 1, after.end) {
                return Some((named, cue));
            }
        }
        let found = self.resolve(ents, found, excluded)?;
        Some((found, cue))
    }

    /// `X said: “…”`, `X has confirmed “…”`, `As the official explains:
    /// “…”`, `according to X, “…”`.
    fn before_quote(
        &self,
        ents: &mut Entities,
        before: Range<usize>,
        excluded: &FastSet<usize>,
    ) -> Option<(Found, &'static str)> {
        let mut v = before.end;
        while v > before.start {
            v -= 1;
            if self.quoted[v] || !self.is_verb(v) {
                continue;
            }
            let cue = self.cue(v);
            if cue == "according" {
                if let Some(f) = self.according(ents, v, before.end, excluded) {
                    return Some((f, "according to"));
                }
                continue;
            }
            // After a participle comes its addressee, not its speaker
            // ("asking a Russian official to convey the message: …").
            let participle = self.word(v).ends_with("ing");
            let coordinated = self
                .coordinated(v)
                .then(|| self.coordinated_subject(ents, v, excluded))
                .flatten();
            let found = coordinated
                .or_else(|| self.subject_before(ents, before.start, v, excluded))
                .or_else(|| self.participle_subject(ents, before.start, v, excluded))
                .or_else(|| {
                    (!participle)
                        .then(|| self.subject_after(ents, v + 1, before.end, excluded))
                        .flatten()
                });
            if let Some(found) = found.and_then(|f| self.resolve(ents, f, excluded)) {
                return Some((found, cue));
            }
        }
        None
    }

    /// Whether the verb at `v` follows "and" or "but", sharing the subject
    /// of an earlier verb.
    fn coordinated(&self, v: usize) -> bool {
        v.checked_sub(1).is_some_and(|p| {
            !self.quoted[p] && self.doc.tokens[p].is_word() && self.lower_is(p, &["and", "but"])
        })
    }

    /// The subject of the sentence's earlier verb, for a coordinated verb
    /// ("the ministry described it as “…” and said …").
    fn coordinated_subject(
        &self,
        ents: &Entities,
        v: usize,
        excluded: &FastSet<usize>,
    ) -> Option<Found> {
        let doc = self.doc;
        let sentence = *doc.sentence_of.get(v)? as usize;
        let start = doc.sentences.get(sentence)?.start.max(v.saturating_sub(60));
        // The earlier speech verb, else the verb right before "and" ("The
        // mayor, Jane Doe, paused and added …").
        let and = v.checked_sub(1)?;
        let earlier = (start..and)
            .rev()
            .find(|&u| !self.quoted[u] && self.is_verb(u))
            .or_else(|| {
                let p = and.checked_sub(1)?;
                let t = &doc.tokens[p];
                (p >= start && t.is_word() && !t.cap && !self.quoted[p]).then_some(p)
            })?;
        self.subject_before(ents, start, earlier, excluded)
    }

    /// "Smith spoke for an hour, insisting that the deal was “dead”": a
    /// participle after a comma speaks for the clause's subject, the first
    /// person named (or the pronoun) before the comma.
    fn participle_subject(
        &self,
        ents: &Entities,
        lo: usize,
        verb: usize,
        excluded: &FastSet<usize>,
    ) -> Option<Found> {
        let doc = self.doc;
        let participle = self.word(verb).ends_with("ing");
        let comma = verb
            .checked_sub(1)
            .filter(|&c| c >= lo && doc.tokens[c].is_punct(','))?;
        if !participle {
            return None;
        }
        let start = doc
            .sentences
            .get(doc.sentence_of[verb] as usize)
            .map_or(lo, |s| s.start)
            .max(comma.saturating_sub(40));
        let first = ents.mentions.partition_point(|m| m.tokens.end <= start);
        if let Some(m) = ents.mentions[first..]
            .iter()
            .take_while(|m| m.tokens.start < comma)
            .find(|m| m.kind == super::EntityKind::Person && !excluded.contains(&m.cluster))
        {
            return Some(Found {
                referent: Referent::Cluster(m.cluster),
                mention: m.span.clone(),
            });
        }
        let w = self.word(start).to_lowercase();
        (PRONOUNS.contains(&w.as_str()) && doc.tokens[start].is_word()).then(|| Found {
            referent: Referent::Pronoun(w, start),
            mention: doc.tokens[start].range(),
        })
    }

    /// `X tried to reassure …, asking … to convey the message: “…”`: a
    /// quotation introduced by a colon is the sentence subject's.
    fn colon_subject(
        &self,
        ents: &Entities,
        before: Range<usize>,
        excluded: &FastSet<usize>,
    ) -> Option<(Found, &'static str)> {
        let last = before.end.checked_sub(1)?;
        if last < before.start || !self.doc.tokens[last].is_punct(':') {
            return None;
        }
        let m = ents.mentions[ents
            .mentions
            .partition_point(|m| m.tokens.end <= before.start)..]
            .iter()
            .take_while(|m| m.tokens.start < last)
            .find(|m| m.kind == super::EntityKind::Person && !excluded.contains(&m.cluster))?;
        Some((
            Found {
                referent: Referent::Cluster(m.cluster),
                mention: m.span.clone(),
            },
            ":",
        ))
    }

    /// A speech verb in the previous sentence of the same block.
    fn previous_sentence(
        &self,
        ents: &mut Entities,
        sent: usize,
        excluded: &FastSet<usize>,
    ) -> Option<(Found, &'static str)> {
        let prev = sent.checked_sub(1)?;
        let range = self.doc.sentences[prev].clone();
        // Across a paragraph break only after a colon: "Smith put it this
        // way:" then the quotation as a paragraph of its own.
        let colon = range
            .end
            .checked_sub(1)
            .is_some_and(|last| self.doc.tokens[last].is_punct(':'));
        // Or when the quotation opens a paragraph of its own after one that
        // ends by introducing someone ("Adeyemi described a system in which
        // …" then “…” as its own paragraph).
        let new_block =
            self.doc.block_of_sentence.get(prev) != self.doc.block_of_sentence.get(sent);
        let opens_block = self
            .doc
            .block_of_sentence
            .get(sent)
            .and_then(|&b| self.doc.blocks.get(b as usize))
            .is_some_and(|b| {
                self.doc
                    .sentences
                    .get(sent)
                    .is_some_and(|s| s.start == b.tokens.start)
                    && self.quoted.get(b.tokens.start).copied().unwrap_or(false)
            });
        let introduces = opens_block && !range.clone().any(|k| self.quoted[k]);
        if new_block && !colon && !introduces {
            return None;
        }
        for v in range.start.max(range.end.saturating_sub(80))..range.end {
            if self.quoted[v] || !self.is_verb(v) || self.word(v).eq_ignore_ascii_case("according")
            {
                continue;
            }
            let found = self
                .subject_before(ents, range.start, v, excluded)
                .or_else(|| self.subject_after(ents, v + 1, range.end, excluded));
            if let Some(found) = found.and_then(|f| self.resolve(ents, f, excluded)) {
                return Some((found, self.cue(v)));
            }
        }
        if colon {
            return self.colon_subject(ents, range, excluded);
        }
        None
    }

    /// "Zhou laughs at this. “…”": a quotation opening a sentence with no
    /// attribution, after a sentence of the same paragraph whose subject is
    /// a person (named first, or a pronoun), is that person's.
    fn beat_subject(
        &self,
        ents: &Entities,
        sent: usize,
        open_tok: usize,
        excluded: &FastSet<usize>,
    ) -> Option<(Found, &'static str)> {
        let prev = sent.checked_sub(1)?;
        if self.doc.block_of_sentence.get(prev) != self.doc.block_of_sentence.get(sent) {
            return None;
        }
        let range = self.doc.sentences.get(prev)?.clone();
        if range.is_empty() || range.clone().any(|k| self.quoted[k]) || open_tok < range.end {
            return None;
        }
        let first = range.start;
        let found = match ents.mention_at_token(first) {
            Some(m) if m.tokens.start == first => {
                if m.kind != super::EntityKind::Person || excluded.contains(&m.cluster) {
                    return None;
                }
                // "Smith's lawyer …": the subject is someone else.
                if self
                    .doc
                    .tokens
                    .get(m.tokens.end)
                    .is_some_and(|t| t.kind == TokKind::Possessive)
                {
                    return None;
                }
                Found {
                    referent: Referent::Cluster(m.cluster),
                    mention: m.span.clone(),
                }
            }
            _ => {
                let w = self.word(first).to_lowercase();
                if !matches!(w.as_str(), "he" | "she") {
                    return None;
                }
                Found {
                    referent: Referent::Pronoun(w, first),
                    mention: self.doc.tokens[first].range(),
                }
            }
        };
        let found = self.resolve(ents, found, excluded)?;
        Some((found, "said"))
    }

    /// The subject before a verb: walk back over adverbs and parentheses
    /// (", who …,", ", visibly angry,") to the noun phrase that ends there.
    fn subject_before(
        &self,
        ents: &Entities,
        lo: usize,
        verb: usize,
        excluded: &FastSet<usize>,
    ) -> Option<Found> {
        let doc = self.doc;
        let mut j = verb;
        loop {
            if j <= lo {
                return None;
            }
            j -= 1;
            let t = &doc.tokens[j];
            if self.quoted[j] {
                return None;
            }
            if t.is_word()
                && !t.cap
                && (SKIPPABLE.contains(&self.word(j)) || self.word(j).ends_with("ly"))
            {
                continue;
            }
            // "X – no relation to Y – urged": back over a dashed aside.
            if let TokKind::Punct(dash @ ('–' | '—')) = t.kind {
                let open = (lo..j)
                    .rev()
                    .take(25)
                    .find(|&k| doc.tokens[k].is_punct(dash) && !self.quoted[k]);
                match open {
                    Some(k) if k > lo => {
                        j = k;
                        continue;
                    }
                    _ => return None,
                }
            }
            if t.is_punct(',') {
                // A parenthesis: back to the comma that opens it.
                let open = (lo..j)
                    .rev()
                    .take(25)
                    .find(|&k| doc.tokens[k].is_punct(',') && !self.quoted[k]);
                match open {
                    Some(k) if k > lo => {
                        // "the company’s chief executive, Sarah Chen, said":
                        // a name in apposition is the subject.
                        // An honorific may come first ("Dr", "Mrs.").
                        let mut n = k + 1;
                        if doc.wi(n).honorific.is_some() {
                            n += 1;
                            if doc.tokens.get(n).is_some_and(|t| t.is_punct('.')) {
                                n += 1;
                            }
                        }
                        if let Some(m) = ents.mention_at_token(n) {
                            if m.kind == super::EntityKind::Person
                                && m.tokens.start == n
                                // Letters after the name ("KC") may follow.
                                && (m.tokens.end..j).all(|t| doc.tokens[t].all_caps)
                                && !excluded.contains(&m.cluster)
                            {
                                return Some(Found {
                                    referent: Referent::Cluster(m.cluster),
                                    mention: m.span.clone(),
                                });
                            }
                        }
                        j = k;
                        continue;
                    }
                    _ => return None,
                }
            }
            break;
        }
        // The phrase ending at j.
        let mut k = j;
        while k > lo && j - k < 12 {
            let p = &doc.tokens[k - 1];
            let stop = match p.kind {
                TokKind::Word => {
                    !p.cap
                        && (CLAUSE_STARTS.contains(&self.word(k - 1))
                            || self.doc.wi(k - 1).speech_verb)
                }
                TokKind::Possessive | TokKind::Number => false,
                TokKind::Punct(c) => !matches!(c, '-' | '.' | '&'),
            };
            if stop || self.quoted[k - 1] {
                break;
            }
            k -= 1;
        }
        self.referent_in(ents, k..j + 1, j, excluded)
    }

    /// The subject after a verb: `said X`, `says the source`, `said he`.
    fn subject_after(
        &self,
        ents: &Entities,
        from: usize,
        to: usize,
        excluded: &FastSet<usize>,
    ) -> Option<Found> {
        let doc = self.doc;
        let mut end = from;
        while end < to && end < from + 12 {
            let t = &doc.tokens[end];
            if self.quoted[end]
                || matches!(t.kind, TokKind::Punct(c) if !matches!(c, '-' | '.' | '&'))
            {
                break;
            }
            if t.is_word() && !t.cap && CLAUSE_STARTS.contains(&self.word(end)) && end > from {
                break;
            }
            end += 1;
        }
        if end == from {
            return None;
        }
        // "said on Monday that": a time or place phrase is not a subject.
        if self.lower_is(
            from,
            &[
                "on", "in", "at", "that", "to", "from", "during", "after", "before", "last",
                "this", "by", "with", "about", "of",
            ],
        ) {
            return None;
        }
        let found = self.referent_in(ents, from..end, from, excluded)?;
        // After its verb a pronoun is the object ("called it “…”").
        if matches!(found.referent, Referent::Pronoun(..)) {
            return None;
        }
        // "said the ministry's spokesman, John Doe": the name in apposition
        // is the speaker.
        if matches!(found.referent, Referent::Description(_))
            && doc.tokens.get(end).is_some_and(|t| t.is_punct(','))
        {
            if let Some(m) = ents.mention_at_token(end + 1) {
                if m.kind == super::EntityKind::Person
                    && m.tokens.start == end + 1
                    && !excluded.contains(&m.cluster)
                {
                    return Some(Found {
                        referent: Referent::Cluster(m.cluster),
                        mention: m.span.clone(),
                    });
                }
            }
        }
        Some(found)
    }

    /// The speaker named in a phrase: its first person, else its first
    /// named body, else a pronoun or description at `head`.
    fn referent_in(
        &self,
        ents: &Entities,
        phrase: Range<usize>,
        head: usize,
        excluded: &FastSet<usize>,
    ) -> Option<Found> {
        let first = ents
            .mentions
            .partition_point(|m| m.tokens.end <= phrase.start);
        let inside = || {
            ents.mentions[first..]
                .iter()
                .take_while(|m| m.tokens.start < phrase.end)
        };
        let person = inside()
            .find(|m| m.kind == super::EntityKind::Person && !excluded.contains(&m.cluster));
        // "Russian" in "a Russian official" modifies; it does not speak.
        let any = inside().find(|m| {
            let adjective = m.kind == super::EntityKind::Group
                && self
                    .doc
                    .tokens
                    .get(m.tokens.end)
                    .is_some_and(|t| t.is_word() && !t.cap);
            !excluded.contains(&m.cluster) && !adjective
        });
        if let Some(m) = person.or(any) {
            return Some(Found {
                referent: Referent::Cluster(m.cluster),
                mention: m.span.clone(),
            });
        }
        for k in phrase.clone() {
            let w = self.word(k).to_lowercase();
            if PRONOUNS.contains(&w.as_str()) && self.doc.tokens[k].is_word() {
                return Some(Found {
                    referent: Referent::Pronoun(w, k),
                    mention: self.doc.tokens[k].range(),
                });
            }
        }
        let d = self.describer.at_or_near(phrase.clone(), head)?;
        let desc = &self.describer.descriptions[d];
        Some(Found {
            referent: Referent::Description(d),
            mention: desc.span.clone(),
        })
    }

    /// `according to X`.
    fn according(
        &self,
        ents: &Entities,
        verb: usize,
        end: usize,
        excluded: &FastSet<usize>,
    ) -> Option<Found> {
        if !self.lower_is(verb + 1, &["to"]) {
            return None;
        }
        self.subject_after(ents, verb + 2, end, excluded)
    }

    /// "on X Rybar, a popular account": a capitalized name followed by an
    /// apposition with an article.
    fn apposed_name(&self, ents: &mut Entities, from: usize, to: usize) -> Option<Found> {
        let doc = self.doc;
        for k in from..to.saturating_sub(2) {
            let t = &doc.tokens[k];
            if !(t.is_word() && t.cap)
                || self.lex.is_not_name(t.text(doc.text))
                || t.text(doc.text).chars().count() < 2
            {
                continue;
            }
            if doc.tokens[k + 1].is_punct(',') && self.lower_is(k + 2, &["a", "an", "the"]) {
                let cluster = coref::name_cluster(doc, ents, self.lex, k, k + 2);
                return Some(Found {
                    referent: Referent::Cluster(cluster),
                    mention: t.range(),
                });
            }
        }
        None
    }

    /// Resolves pronouns and short descriptions to earlier mentions.
    fn resolve(&self, ents: &Entities, found: Found, excluded: &FastSet<usize>) -> Option<Found> {
        match &found.referent {
            Referent::Pronoun(p, at) => {
                // "He spoke alongside Hartley, who nodded as he added": the
                // person a relative clause is about is not its pronoun.
                let mut excluded = excluded.clone();
                excluded.extend(self.relative_antecedent(ents, *at));
                let excluded = &excluded;
                // An unresolved pronoun stays: the quotation is attributed,
                // to no one we can name, and no other pattern overrides it.
                let r = coref::resolve_pronoun(
                    self.doc,
                    ents,
                    self.describer,
                    self.quoted,
                    p,
                    *at,
                    excluded,
                );
                // "The judge was unpersuaded. She said": the description
                // the pronoun stands for may itself name someone.
                let referent = match r {
                    Some(Referent::Description(d)) => {
                        coref::resolve_description(self.doc, ents, self.describer, d, excluded)
                    }
                    Some(r) => r,
                    None => found.referent.clone(),
                };
                Some(Found {
                    referent,
                    mention: found.mention,
                })
            }
            Referent::Description(d) => Some(Found {
                referent: coref::resolve_description(self.doc, ents, self.describer, *d, excluded),
                mention: found.mention,
            }),
            Referent::Cluster(_) => Some(found),
        }
    }

    /// The cluster of a person named just before ", who" earlier in the
    /// pronoun's sentence, when the pronoun sits inside that relative
    /// clause (no other comma between).
    fn relative_antecedent(&self, ents: &Entities, at: usize) -> Option<usize> {
        let doc = self.doc;
        let sentence = doc.sentence_of.get(at)?;
        let mut k = at;
        while k > 1 && at - k < 20 {
            k -= 1;
            if doc.sentence_of.get(k) != Some(sentence) || self.quoted[k] {
                return None;
            }
            if doc.tokens[k].is_punct(',') {
                if !self.lower_is(k + 1, &["who", "whose"]) {
                    return None;
                }
                let m = ents.mention_at_token(k - 1)?;
                // Only when someone else leads the sentence ("He spoke
                // alongside Hartley, who …"); in "Smith, who said he …"
                // the pronoun is Smith.
                let start = doc.sentences.get(*sentence as usize)?.start;
                let led = (start..m.tokens.start).any(|j| {
                    self.lower_is(j, &["he", "she"])
                        || ents.mention_at_token(j).is_some_and(|o| {
                            o.kind == super::EntityKind::Person && o.cluster != m.cluster
                        })
                });
                return (m.kind == super::EntityKind::Person && m.tokens.end == k && led)
                    .then_some(m.cluster);
            }
        }
        None
    }

    /// Whether only an attribution clause lies between two quotations of
    /// one sentence: `“…,” says one, “…”`.
    fn interrupted(&self, prev: &RawQuote, q: &RawQuote) -> bool {
        let between = self.doc.text.get(prev.close_end..q.open).unwrap_or("");
        let trimmed = between.trim();
        !trimmed.is_empty()
            && (trimmed.ends_with(',') || trimmed.ends_with(':') || trimmed.ends_with('—'))
            && !trimmed.contains(['.', '!', '?'])
            && between.len() < 200
    }

    /// Whether `q` continues `prev` without anyone else named in between.
    fn continues(&self, prev: &RawQuote, q: &RawQuote, ents: &Entities) -> bool {
        let doc = self.doc;
        let a = doc.token_at_or_after(prev.close_end);
        let b = doc.token_at_or_after(q.open);
        let block_of = |t: usize| {
            doc.sentence_of
                .get(t)
                .and_then(|&s| doc.block_of_sentence.get(s as usize))
                .copied()
        };
        let (Some(pb), Some(qb)) = (block_of(a.saturating_sub(1)), block_of(b)) else {
            return false;
        };
        if qb != pb && qb != pb + 1 {
            return false;
        }
        if qb == pb + 1 {
            // The new block must open with the quotation, the old one end
            // with the previous.
            let block = &doc.blocks[qb as usize];
            if block.tokens.start != b || doc.blocks[pb as usize].tokens.end > a + 8 {
                return false;
            }
        }
        let first = ents.mentions.partition_point(|m| m.tokens.end <= a);
        let someone_else = ents.mentions[first..]
            .iter()
            .take_while(|m| m.tokens.start < b)
            .any(|m| m.kind == super::EntityKind::Person);
        !someone_else && b - a < 60
    }
}

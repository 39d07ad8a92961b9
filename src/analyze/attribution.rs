//! Who said each quotation, in two stages as in CoreNLP's quote
//! attribution. Quote → mention sieves find where the text names the
//! speaker (`“…,” X said`, `X said: “…”`, a speech verb in the sentence or
//! the one before); mention → speaker sieves then say who that mention is
//! (a name as it stands, a pronoun or a description resolved to an earlier
//! mention). Last, sequence sieves let a quotation with no cue of its own
//! share its neighbour's (`“…,” says one, “…”`).
//!
//! Every sieve is a named unit, and every answer records which sieve gave
//! it and its evidence ([`Attribution`]). Sieves read the entities and
//! never change them: a speaker that is not yet an entity (`on X Rybar, a
//! popular account`) is a proposal, applied after all quotations are
//! attributed ([`apply_new_names`]).

use std::ops::Range;

use super::coref::{self, Describer, Referent};
use super::doc::Doc;
use super::entities::{Entities, Mention};
use super::lexicon::{lexicon, FastSet, Lexicon, Tag};
use super::quotes::RawQuote;
use super::tokens::TokKind;
use super::{LinkRule, QuoteKind, QuoteRule};

/// What the attribution found for one quotation.
#[derive(Debug, Clone)]
pub struct Attribution {
    pub kind: QuoteKind,
    pub speaker: Option<Referent>,
    /// Where the speaker is named in the text (a name, pronoun or phrase).
    pub mention: Option<Range<usize>>,
    /// The speech verb, lowercase.
    pub cue: Option<&'static str>,
    /// Where the cue is in the text.
    pub cue_span: Option<Range<usize>>,
    /// The quote → mention sieve that decided.
    pub rule: Option<QuoteRule>,
    /// The mention → speaker sieve that decided.
    pub link: Option<LinkRule>,
    /// The earlier mention a pronoun or description was resolved to.
    pub antecedent: Option<Range<usize>>,
}

impl Attribution {
    fn none(kind: QuoteKind) -> Attribution {
        Attribution {
            kind,
            speaker: None,
            mention: None,
            cue: None,
            cue_span: None,
            rule: None,
            link: None,
            antecedent: None,
        }
    }
}

/// A quote → mention sieve: where the text names the speaker of the
/// quotation at a site, and the cue that says so.
/// Forms of "be" that make a speech verb after them passive ("was asked
/// by").
const BE_FORMS: &[&str] = &["was", "were", "is", "are", "been", "being", "be"];

type MentionSieve = fn(&Ctx<'_, '_>, &Site) -> Option<Proposal>;

/// The quote → mention sieves, most precise first (measured on annotated
/// news; see the README's analysis section). The first to answer decides.
const MENTION_SIEVES: &[(QuoteRule, MentionSieve)] = &[
    (QuoteRule::TrailingCue, |c, s| c.trailing_cue(s)),
    (QuoteRule::TrailingSubject, |c, s| c.trailing_subject(s)),
    (QuoteRule::LeadingCue, |c, s| c.leading_cue(s)),
    (QuoteRule::SentenceCue, |c, s| c.sentence_cue(s)),
    (QuoteRule::ColonSubject, |c, s| c.colon_subject(s)),
    (QuoteRule::PreviousSentence, |c, s| c.previous_sentence(s)),
    (QuoteRule::BeatSubject, |c, s| c.beat_subject(s)),
    (QuoteRule::SentenceSubject, |c, s| c.sentence_subject(s)),
];

/// Attributes every quotation, one [`Attribution`] each. A speaker that is
/// not yet an entity stays a [`Referent::NewName`] proposal for
/// [`apply_new_names`].
pub fn attribute(
    doc: &Doc,
    ents: &Entities,
    quotes: &[RawQuote],
    quoted: &[bool],
    describer: &Describer,
) -> Vec<Attribution> {
    let ctx = Ctx {
        doc,
        ents,
        lex: lexicon(),
        quoted,
        describer,
    };
    let mut out: Vec<Attribution> = Vec::with_capacity(quotes.len());
    for (qi, q) in quotes.iter().enumerate() {
        let prev_end = if qi > 0 { quotes[qi - 1].close_end } else { 0 };
        let next_open = quotes.get(qi + 1).map_or(usize::MAX, |n| n.open);
        let site = ctx.site(q, prev_end, next_open);
        let mut att = ctx.attribute_one(&site);
        if att.speaker.is_none() {
            att = ctx.self_named(&site).unwrap_or(att);
        }
        if att.speaker.is_none() {
            att = ctx.share(quotes, &out, qi, &site, att.kind).unwrap_or(att);
        }
        out.push(att);
    }
    // Sieve `next-cue`, backwards so that a run of them shares one cue.
    for qi in (0..out.len().saturating_sub(1)).rev() {
        if let Some(att) = ctx.next_cue(quotes, &out, qi) {
            out[qi] = att;
        }
    }
    out
}

impl Ctx<'_, '_> {
    /// The sequence sieves, for a quotation no other sieve attributed:
    /// `interrupted` (`“…,” says one, “…”`: the attribution between two
    /// parts serves both), then `continuation` (a full quotation goes on
    /// with the last speaker when no one else is named between; terms
    /// quoted in between do not interrupt).
    fn share(
        &self,
        quotes: &[RawQuote],
        done: &[Attribution],
        qi: usize,
        site: &Site,
        kind: QuoteKind,
    ) -> Option<Attribution> {
        let q = quotes.get(qi)?;
        if let Some(prev) = qi.checked_sub(1).and_then(|p| done.get(p)) {
            if prev.speaker.is_some() && self.interrupted(&quotes[qi - 1], q) {
                return Some(Attribution {
                    kind,
                    rule: Some(QuoteRule::Interrupted),
                    ..prev.clone()
                });
            }
        }
        if kind != QuoteKind::Full || self.own_attribution(site) {
            return None;
        }
        let last = done.iter().rposition(|a| a.speaker.is_some())?;
        let prev = &done[last];
        if !self.continues(&quotes[last], q, prev.speaker.as_ref()) {
            return None;
        }
        // A continuation is not named again: its evidence is the previous
        // quotation's mention.
        Some(Attribution {
            kind,
            rule: Some(QuoteRule::Continuation),
            mention: None,
            antecedent: prev.mention.clone(),
            ..prev.clone()
        })
    }
}

impl Ctx<'_, '_> {
    /// Sieve `next-cue`: "“We will not sign.” “Not this year,” she said.":
    /// a full quotation with no cue of its own (none, or only a
    /// continuation or the paragraph's subject),
    /// right before another in the same paragraph whose cue follows it,
    /// shares that cue.
    fn next_cue(
        &self,
        quotes: &[RawQuote],
        done: &[Attribution],
        qi: usize,
    ) -> Option<Attribution> {
        let (this, next) = (done.get(qi)?, done.get(qi + 1)?);
        let weak = this.speaker.is_none()
            || matches!(
                this.rule,
                Some(QuoteRule::Continuation | QuoteRule::BeatSubject)
            );
        let cued_after = next.speaker.is_some()
            && matches!(
                next.rule,
                Some(QuoteRule::TrailingCue | QuoteRule::TrailingSubject | QuoteRule::NextCue)
            );
        let between = self
            .doc
            .text
            .get(quotes[qi].close_end..quotes.get(qi + 1)?.open)?;
        let adjacent = between.trim().is_empty() && !between.contains('\n');
        (weak && cued_after && adjacent && this.kind == QuoteKind::Full).then(|| Attribution {
            kind: this.kind,
            rule: Some(QuoteRule::NextCue),
            ..next.clone()
        })
    }
}

/// Turns the speakers proposed as new names into entities, now that no
/// sieve reads the entities any more.
pub fn apply_new_names(doc: &Doc, ents: &mut Entities, atts: &mut [Attribution]) {
    let lex = lexicon();
    for att in atts {
        if let Some(Referent::NewName { token, det }) = att.speaker {
            let cluster = coref::name_cluster(doc, ents, lex, token, det);
            att.speaker = Some(Referent::Cluster(cluster));
        }
    }
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
    ents: &'d Entities,
    lex: &'static Lexicon,
    quoted: &'d [bool],
    describer: &'d Describer,
}

/// Where a quotation sits: the token windows the sieves read.
#[derive(Clone)]
struct Site {
    open_tok: usize,
    /// The quotation's first sentence.
    sentence: usize,
    sentence_start: usize,
    /// From the sentence start (or the previous quotation) to the mark.
    before: Range<usize>,
    /// From the closing mark to the sentence end (or the next quotation).
    after: Range<usize>,
    /// Clusters named inside the quotation: never its speaker.
    excluded: FastSet<usize>,
    kind_hint: QuoteKind,
    /// "the so-called “…”": words held at arm's length, nobody's speech.
    scare: bool,
    /// Whether `after` is the next sentence (the quotation ended its own).
    split: bool,
    /// Whether the quoted words start with a capital.
    capitalized: bool,
    /// Whether the quoted words end with a comma, question or exclamation
    /// mark: an attribution follows.
    ends_with_comma: bool,
}

/// A subject found next to a speech verb.
struct Found {
    referent: Referent,
    mention: Range<usize>,
}

/// What a quote → mention sieve proposes: the mention and its cue.
struct Proposal {
    found: Found,
    /// The speech verb, lowercase, or ":".
    cue: Option<&'static str>,
    /// The cue's tokens.
    cue_tokens: Option<Range<usize>>,
}

impl Proposal {
    fn new(found: Found, cue: &'static str, cue_tokens: Range<usize>) -> Proposal {
        Proposal {
            found,
            cue: Some(cue),
            cue_tokens: Some(cue_tokens),
        }
    }
}

/// What a mention → speaker sieve says a mention is.
struct Linked {
    referent: Referent,
    link: LinkRule,
    antecedent: Option<Range<usize>>,
}

impl Ctx<'_, '_> {
    /// Whether the speech verb at `v` may have its speaker after it
    /// ("said Jane Roe"); not a verb whose object is the one spoken to
    /// ("Roe told CNN": CNN is not the speaker).
    fn inverts(&self, v: usize) -> bool {
        !self.tagged(v, Tag::AddresseeVerb)
    }

    /// The speech verb at `i` as the lexicon spells it.
    fn cue(&self, i: usize) -> &'static str {
        self.lex.speech_verb_str(self.word(i)).unwrap_or("said")
    }

    /// A proposal with the speech verb at `v` as its cue ("according to"
    /// takes two words).
    fn cued(&self, found: Found, v: usize) -> Proposal {
        match self.cue(v) {
            "according" => Proposal::new(found, "according to", v..v + 2),
            cue => Proposal::new(found, cue, v..v + 1),
        }
    }

    fn word(&self, i: usize) -> &str {
        self.doc.tok_text(i)
    }

    /// Whether the word at `i` is on the list of `tag`.
    fn tagged(&self, i: usize, tag: Tag) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| t.is_word()) && self.doc.wi(i).has(tag)
    }

    fn lower_is(&self, i: usize, words: &[&str]) -> bool {
        let Some(t) = self.doc.tokens.get(i) else {
            return false;
        };
        t.is_word()
            && words
                .iter()
                .any(|w| t.text(self.doc.text).eq_ignore_ascii_case(w))
    }

    /// A speech verb outside the quotations whose speaker is its subject
    /// (not "according", whose source follows "to").
    fn verb_with_subject(&self, i: usize) -> bool {
        !self.quoted[i] && self.is_verb(i) && self.cue(i) != "according"
    }

    fn is_verb(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        // "the accused", "a call", "the reports", "Roe's comments": nouns
        // after an article or a possessive.
        let after_article = i.checked_sub(1).is_some_and(|p| {
            self.lower_is(p, &["the", "a", "an", "his", "her", "their", "its"])
                || self.doc.tokens[p].kind == TokKind::Possessive
        });
        // "Asked about the vote, she replied": a participle opening the
        // sentence asks; its subject comes after the comma.
        let opening_asked = t.cap && self.doc.is_initial(i) && self.lower_is(i, &["asked"]);
        !after_article
            && !opening_asked
            && (t.is_word() && !t.cap && self.doc.wi(i).speech_verb
                || (t.is_word() && t.cap && self.doc.is_initial(i) && self.doc.wi(i).speech_verb))
    }

    /// The windows around a quotation.
    fn site(&self, q: &RawQuote, prev_end: usize, next_open: usize) -> Site {
        let doc = self.doc;
        let open_tok = doc.token_at_or_after(q.open);
        let mut close_tok = doc.token_at_or_after(q.close_end);
        // "''…,'' she said": archives write a double mark as two straight
        // single ones; the quotation closes at the first, and the second
        // is still the mark, not the attribution's first token.
        if q.close_end > 0
            && doc.text.as_bytes().get(q.close_end - 1) == Some(&b'\'')
            && doc
                .tokens
                .get(close_tok)
                .is_some_and(|t| t.is_punct('\'') && t.start == q.close_end)
        {
            close_tok += 1;
        }
        let sentence = doc.sentence_of.get(open_tok).copied().unwrap_or(0) as usize;
        let sent_close = close_tok
            .checked_sub(1)
            .and_then(|t| doc.sentence_of.get(t))
            .copied()
            .unwrap_or(sentence as u32) as usize;
        // After the quotation: to the end of its sentence or the next quote.
        let next_quote = doc.token_at_or_after(next_open);
        let mut after_end = doc
            .sentences
            .get(sent_close)
            .map_or(close_tok, |s| s.end)
            .min(next_quote);
        // “…?” Jane Roe said.: a capitalized name after a closing "?" or
        // "." starts a new sentence for the splitter, but the attribution
        // is the quotation's.
        let mut split = false;
        if after_end <= close_tok {
            let same_block = |a: usize, b: usize| {
                doc.block_of_sentence.get(a).is_some()
                    && doc.block_of_sentence.get(a) == doc.block_of_sentence.get(b)
            };
            if let Some(next) = doc.sentences.get(sent_close + 1) {
                if next.start == close_tok && same_block(sent_close, sent_close + 1) {
                    after_end = next.end.min(next_quote);
                    split = true;
                }
            }
        }
        let after = close_tok..after_end.max(close_tok);
        let sentence_start = doc.sentences.get(sentence).map_or(open_tok, |s| s.start);
        // Before it: from its sentence start or the previous quote.
        let before_start = sentence_start
            .max(doc.token_at_or_after(prev_end))
            // Attributions sit near their quotation; the bound keeps long
            // unpunctuated text linear.
            .max(open_tok.saturating_sub(60));
        let before = before_start..open_tok.max(before_start);
        let kind_hint = self.quote_kind(q, open_tok, &before);
        let scare = open_tok
            .checked_sub(1)
            .is_some_and(|p| self.word(p).eq_ignore_ascii_case("so-called"));
        Site {
            open_tok,
            sentence,
            sentence_start,
            before,
            after,
            excluded: self.names_inside(q),
            kind_hint,
            scare,
            split,
            ends_with_comma: doc
                .text
                .get(q.content.clone())
                .is_some_and(|c| c.trim_end().ends_with([',', '?', '!'])),
            capitalized: doc
                .text
                .get(q.content.clone())
                .and_then(|c| c.chars().find(|c| c.is_alphanumeric()))
                .is_some_and(char::is_uppercase),
        }
    }

    /// "Twitter said it “condemns the use of Twitter …”", "“… Donald
    /// Trump …,” Trump said": a name the cue's own clause gives as the
    /// speaker speaks even when the quotation names it too. Only for the
    /// cue sieves and a name, after every sieve found no one else.
    fn self_named(&self, site: &Site) -> Option<Attribution> {
        if site.excluded.is_empty() {
            return None;
        }
        let open = Site {
            excluded: FastSet::default(),
            ..site.clone()
        };
        let att = self.attribute_one(&open);
        let named = matches!(att.speaker, Some(Referent::Cluster(_)))
            && att.link == Some(LinkRule::Name)
            && matches!(
                att.rule,
                Some(QuoteRule::TrailingCue | QuoteRule::LeadingCue)
            );
        named.then_some(att)
    }

    /// Runs the sieves for one quotation: the first quote → mention sieve
    /// to answer, then the mention → speaker sieves.
    fn attribute_one(&self, site: &Site) -> Attribution {
        let doc = self.doc;
        let decided = MENTION_SIEVES
            .iter()
            .find_map(|&(rule, sieve)| sieve(self, site).map(|p| (rule, p)));
        // A term is someone's coinage only when the sentence says so
        // plainly: not through a pronoun ("He cautioned that the “Japa”
        // wave …"), nor by naming a thing ("which the company calls
        // “Aurora”").
        // ("called the strikes “a crime”" judges them, and stays.) Nor
        // through a participle ("insisting that it will fall
        // “significantly”": the writer's stress as often as the speaker's).
        let decided = decided.filter(|(_, p)| {
            if site.kind_hint != QuoteKind::Term {
                return true;
            }
            let proper = site.capitalized;
            let said = doc.text.get(p.found.mention.clone()).unwrap_or("");
            !self.lex.has(said, Tag::SpeakerPronoun)
                && !p.cue.is_some_and(|c| {
                    proper && self.lex.has(c, Tag::NamingVerb)
                        || self.lex.has(c, Tag::AccusingVerb)
                        || c.ends_with("ing")
                })
        });
        let Some((rule, proposal)) = decided else {
            return Attribution::none(site.kind_hint);
        };
        let kind = match site.kind_hint {
            QuoteKind::Term => QuoteKind::Partial,
            k => k,
        };
        let linked = self.link(proposal.found.referent, &site.excluded);
        Attribution {
            kind,
            speaker: Some(linked.referent),
            mention: Some(proposal.found.mention),
            cue: proposal.cue,
            cue_span: proposal.cue_tokens.map(|t| doc.span(t)),
            rule: Some(rule),
            link: Some(linked.link),
            antecedent: linked.antecedent,
        }
    }

    /// Sieve `trailing-cue`: `“…,” X said`, `“…,” said X`, `“…,” he wrote
    /// on X Rybar, a …`. Not for a term.
    fn trailing_cue(&self, site: &Site) -> Option<Proposal> {
        if site.kind_hint == QuoteKind::Term {
            return None;
        }
        let p = self.after_quote(site.after.clone(), &site.excluded)?;
        // After a sentence of its own, only a bare attribution clause
        // (“…?” Jane Roe asked reporters.), not a new statement (“…”
        // Russia has said it will stay.).
        if site.split {
            let v = p.cue_tokens.as_ref()?.start;
            if !self.bare_attribution(v, site.after.end) || !self.opens_with_attribution(site, &p) {
                return None;
            }
        }
        Some(p)
    }

    /// For a quotation that ended its sentence: whether the next sentence
    /// opens with the attribution (its verb or speaker within the first
    /// words: “…?” Ms. Roe asked.), not a clause that names someone later
    /// ("Therefore any attempt …, he said, …") or a source for what
    /// follows ("According to the records, …"), and does not introduce
    /// the next quotation (“….” Mr. Doe said: “…”: his words, not these).
    fn opens_with_attribution(&self, site: &Site, p: &Proposal) -> bool {
        let doc = self.doc;
        let Some(v) = p.cue_tokens.as_ref().map(|c| c.start) else {
            return false;
        };
        let mention = doc.token_at_or_after(p.found.mention.start);
        let first = v.min(mention);
        let introduces_next = site
            .after
            .end
            .checked_sub(1)
            .filter(|&k| k >= v && site.after.end < doc.tokens.len())
            .is_some_and(|k| {
                matches!(doc.tokens[k].kind, TokKind::Punct(':' | ','))
                    && self.quoted.get(site.after.end).copied().unwrap_or(false)
            });
        first <= site.after.start + 2 && p.cue != Some("according to") && !introduces_next
    }

    /// Whether the speech verb at `v` ends its clause: nothing after it (or
    /// its subject, or its addressee) but punctuation, a preposition or an
    /// adverb; and it is not a perfect ("has said").
    fn bare_attribution(&self, v: usize, end: usize) -> bool {
        let doc = self.doc;
        if v.checked_sub(1)
            .is_some_and(|p| self.lower_is(p, &["has", "have", "had"]))
        {
            return false;
        }
        let mut k = v + 1;
        // "said Jane Roe", "told CNN", "told the paper".
        if let Some(m) = self
            .ents
            .mention_at_token(k)
            .filter(|m| m.tokens.start == k)
        {
            k = m.tokens.end;
        } else if self.lower_is(k, &["the"]) && doc.tokens.get(k + 1).is_some_and(|t| t.is_word()) {
            k += 2;
        }
        let Some(t) = doc.tokens.get(k).filter(|_| k < end) else {
            return true;
        };
        match t.kind {
            TokKind::Punct(c) => matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '—' | '–'),
            TokKind::Word => {
                !t.cap && (self.tagged(k, Tag::AttributionTail) || self.word(k).ends_with("ly"))
            }
            _ => false,
        }
    }

    /// Sieve `trailing-subject`: `“…,” Jane Roe shot back`, `“…?” he
    /// went on`: a quotation that ends with a comma (or a question or
    /// exclamation mark) is followed by its attribution, whatever the verb:
    /// a name, pronoun or description right after the closing mark, then
    /// a lowercase word.
    fn trailing_subject(&self, site: &Site) -> Option<Proposal> {
        if site.kind_hint == QuoteKind::Term || !site.ends_with_comma {
            return None;
        }
        // After a partial quotation the comma is often the sentence's
        // ("devoted his candidacy to the “forgotten middle class,” Mrs.
        // Roe has struggled …"): there the verb must be one of speech.
        let partial = site.kind_hint != QuoteKind::Full;
        let doc = self.doc;
        let mut i = site.after.start;
        while i < site.after.end && doc.tokens[i].is_punct(',') {
            i += 1;
        }
        if let Some(p) = self.inverted_subject(i, site).filter(|_| !partial) {
            return Some(p);
        }
        let end = site.after.end.min(i + 8);
        let (found, next) = self.subject_at(i, end, &site.excluded)?;
        // The verb: next, or after an apposition (", the head of …,").
        let mut v = next;
        if doc.tokens.get(v).is_some_and(|t| t.is_punct(',')) {
            v = if partial {
                // The apposition may hold commas of its own: the speech
                // verb right after one of them.
                (v + 2..site.after.end.min(v + 30))
                    .find(|&k| doc.tokens[k - 1].is_punct(',') && self.is_verb(k))?
            } else {
                (v + 1..site.after.end.min(v + 25)).find(|&k| doc.tokens[k].is_punct(','))? + 1
            };
        }
        let t = doc.tokens.get(v).filter(|_| v < site.after.end)?;
        let verb_ok = !partial || self.is_verb(v);
        (t.is_word() && !t.cap && !self.tagged(v, Tag::ClauseStart) && verb_ok).then(|| Proposal {
            found,
            cue: None,
            cue_tokens: Some(v..v + 1),
        })
    }

    /// Step `inverted`: `“…!” beamed Jane Roe`, `“…,” scoffed the
    /// mayor`: a past-tense verb no list has, right after the quotation,
    /// then a person, body or description that ends the clause.
    fn inverted_subject(&self, i: usize, site: &Site) -> Option<Proposal> {
        let doc = self.doc;
        let t = doc.tokens.get(i).filter(|_| i < site.after.end)?;
        let verb_like = t.is_word()
            && !t.cap
            && !self.quoted[i]
            && self.word(i).ends_with("ed")
            && !doc.wi(i).speech_verb
            && !doc.wi(i).has(Tag::FunctionWord)
            && !doc.wi(i).has(Tag::ClauseStart);
        if !verb_like {
            return None;
        }
        let found = self.subject_ending_clause(i + 1, site.after.end, &site.excluded)?;
        let speaks = match &found.referent {
            Referent::Cluster(c) => self.ents.clusters.get(*c).is_some_and(|c| {
                matches!(
                    c.kind,
                    super::EntityKind::Person | super::EntityKind::Organization
                )
            }),
            Referent::Description(_) => true,
            _ => false,
        };
        speaks.then(|| Proposal {
            found,
            cue: None,
            cue_tokens: Some(i..i + 1),
        })
    }

    /// The speaker phrase starting at token `i`: a name, a pronoun or a
    /// description, and the token after it.
    fn subject_at(
        &self,
        i: usize,
        end: usize,
        excluded: &FastSet<usize>,
    ) -> Option<(Found, usize)> {
        let doc = self.doc;
        if i >= end || self.quoted.get(i).copied().unwrap_or(true) {
            return None;
        }
        // "Ms. Roe": the name after its honorific.
        let mut i = i;
        if doc.wi(i).honorific.is_some() && doc.tokens[i].is_word() && doc.tokens[i].cap {
            i += 1;
            if doc.tokens.get(i).is_some_and(|t| t.is_punct('.')) {
                i += 1;
            }
        }
        if let Some(m) = self.ents.mention_at_token(i) {
            let possessive = doc
                .tokens
                .get(m.tokens.end)
                .is_some_and(|t| t.kind == TokKind::Possessive);
            if m.tokens.start != i || possessive || excluded.contains(&m.cluster) {
                return None;
            }
            let speaks = matches!(
                m.kind,
                super::EntityKind::Person | super::EntityKind::Organization
            );
            return speaks.then(|| {
                (
                    Found {
                        referent: Referent::Cluster(m.cluster),
                        mention: m.span.clone(),
                    },
                    m.tokens.end,
                )
            });
        }
        let w = self.word(i).to_lowercase();
        if self.tagged(i, Tag::SpeakerPronoun) && w != "it" {
            return Some((
                Found {
                    referent: Referent::Pronoun(w, i),
                    mention: doc.tokens[i].range(),
                },
                i + 1,
            ));
        }
        let d = self.describer.at_or_near(i..end, i)?;
        let desc = &self.describer.descriptions[d];
        (desc.tokens.start == i).then(|| {
            (
                Found {
                    referent: Referent::Description(d),
                    mention: desc.span.clone(),
                },
                desc.tokens.end,
            )
        })
    }

    /// Sieve `sentence-subject`: "Walter Hewlett sniped that Fiorina was
    /// “learning on the job”": a quotation woven into a sentence with no
    /// cue is the words of the sentence's subject (a person, a body, a
    /// pronoun or a description), first in the sentence or after an
    /// opening phrase ("On Tuesday, Sanders …").
    fn sentence_subject(&self, site: &Site) -> Option<Proposal> {
        if site.scare || site.kind_hint == QuoteKind::Term {
            return None;
        }
        let doc = self.doc;
        let start = site.sentence_start;
        let mut i = start;
        // An opening phrase up to its comma.
        if let Some(comma) =
            (start..site.before.end.min(start + 8)).find(|&k| doc.tokens[k].is_punct(','))
        {
            let opener = self.ents.mention_at_token(start).is_none()
                && !self.tagged(start, Tag::SpeakerPronoun)
                && doc.tokens[start].is_word();
            if opener {
                i = comma + 1;
            }
        }
        let (found, next) = self.subject_at(i, site.before.end, &site.excluded)?;
        // The subject's verb must come before the quotation.
        (next < site.open_tok).then_some(Proposal {
            found,
            cue: None,
            cue_tokens: None,
        })
    }

    /// Sieve `leading-cue`: `X said: “…”`, `X has confirmed “…”`, `As the
    /// official explains: “…”`, `according to X, “…”`.
    fn leading_cue(&self, site: &Site) -> Option<Proposal> {
        if site.scare {
            return None;
        }
        self.before_quote(site.before.clone(), &site.excluded)
    }

    /// Sieve `sentence-cue`: "She said the “genuine good” was “a small
    /// fraction …”": the verb before an earlier quotation of the sentence
    /// serves this one too.
    fn sentence_cue(&self, site: &Site) -> Option<Proposal> {
        if site.scare || site.before.start <= site.sentence_start {
            return None;
        }
        let whole = site.sentence_start.max(site.open_tok.saturating_sub(60))..site.open_tok;
        self.before_quote(whole, &site.excluded)
    }

    /// Clusters named inside the quotation: a quotation speaks of them, so
    /// they are not its speaker.
    fn names_inside(&self, q: &RawQuote) -> FastSet<usize> {
        let a = self.doc.token_at_or_after(q.content.start);
        let b = self.doc.token_at_or_after(q.content.end);
        self.ents.mentions_in(a..b).map(|m| m.cluster).collect()
    }

    /// The first person mentioned in tokens `range` who may speak.
    fn person_in(&self, range: Range<usize>, excluded: &FastSet<usize>) -> Option<&Mention> {
        self.ents
            .mentions_in(range)
            .find(|m| m.kind == super::EntityKind::Person && !excluded.contains(&m.cluster))
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
                ) || (self.is_verb(p) && !self.tagged(p, Tag::NamingVerb))
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
    fn after_quote(&self, after: Range<usize>, excluded: &FastSet<usize>) -> Option<Proposal> {
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
        let Some(verb) = (i..limit).find(|&k| !self.quoted[k] && self.is_verb(k)) else {
            return self.after_long_apposition(i, limit, after.end, excluded);
        };
        if self.cue(verb) == "according" {
            let found = self.according(verb, after.end, excluded)?;
            return Some(self.cued(found, verb));
        }
        // "“…” and said Warsaw …": a second verb of the clause before the
        // quotation, whose subject speaks.
        if self.coordinated(verb) {
            let found = self.coordinated_subject(verb, excluded)?;
            return Some(self.cued(found, verb));
        }
        // "“…,” recalling her visits to X": what follows a participle is
        // its object; its speaker is the clause's ([`Self::before_quote`]).
        if verb == i && self.word(verb).ends_with("ing") {
            return None;
        }
        let found = if verb == i {
            self.inverts(verb)
                .then(|| self.subject_after(verb + 1, after.end, excluded))
                .flatten()
        } else {
            self.subject_before(i, verb, excluded).or_else(|| {
                self.inverts(verb)
                    .then(|| self.subject_ending_clause(verb + 1, after.end, excluded))
                    .flatten()
            })
        }?;
        // "he wrote on X Rybar, a popular account": a pronoun whose clause
        // names someone in apposition means that someone.
        if matches!(found.referent, Referent::Pronoun(..)) {
            if let Some(named) = self.apposed_name(verb + 1, after.end) {
                return Some(self.cued(named, verb));
            }
        }
        Some(self.cued(found, verb))
    }

    /// Step `long-apposition`: “…,” James Doe Jr., the director of the
    /// Example Bureau of Investigation, said: a speaker whose apposition
    /// pushes the verb past the usual window. Only the shape `subject,
    /// apposition, verb`: the verb right after a comma, and the subject
    /// opening the clause after the quotation.
    fn after_long_apposition(
        &self,
        i: usize,
        from: usize,
        end: usize,
        excluded: &FastSet<usize>,
    ) -> Option<Proposal> {
        let doc = self.doc;
        let far = end.min(i + 40);
        let verb = (from..far).find(|&k| {
            if self.quoted[k] || !self.is_verb(k) || self.cue(k) == "according" {
                return false;
            }
            let mut p = k - 1;
            while p > i && self.adverb(p) {
                p -= 1;
            }
            doc.tokens[p].is_punct(',')
        })?;
        // No sentence ends on the way.
        if (i..verb).any(|k| {
            matches!(doc.tokens[k].kind, TokKind::Punct('.' | '!' | '?' | ';'))
                && !self.abbreviation_period(k)
        }) {
            return None;
        }
        let found = self.subject_before(i, verb, excluded)?;
        (doc.token_at_or_after(found.mention.start) <= i + 3).then(|| self.cued(found, verb))
    }

    /// Whether the period at `k` closes an abbreviation or initial inside
    /// a name ("James B. Doe", "Jr.", "Sen."): a one-letter or capitalized
    /// word right before it, and no capital-less text after.
    fn abbreviation_period(&self, k: usize) -> bool {
        let doc = self.doc;
        k.checked_sub(1)
            .and_then(|p| doc.tokens.get(p))
            .is_some_and(|t| t.is_word() && t.cap && t.text(doc.text).chars().count() <= 3)
    }

    /// `X said: “…”`, `X has confirmed “…”`, `As the official explains:
    /// “…”`, `according to X, “…”`.
    fn before_quote(&self, before: Range<usize>, excluded: &FastSet<usize>) -> Option<Proposal> {
        let mut v = before.end;
        while v > before.start {
            v -= 1;
            if self.quoted[v] || !self.is_verb(v) {
                continue;
            }
            if self.cue(v) == "according" {
                if let Some(f) = self.according(v, before.end, excluded) {
                    return Some(self.cued(f, v));
                }
                continue;
            }
            // After a participle comes its addressee, not its speaker
            // ("asking a Russian official to convey the message: …").
            let participle = self.word(v).ends_with("ing");
            if let Some(found) = self
                .passive_agent(v, before.end, excluded)
                .or_else(|| self.participle_speaker(v, excluded))
            {
                return Some(self.cued(found, v));
            }
            let coordinated = self
                .coordinated(v)
                .then(|| self.coordinated_subject(v, excluded))
                .flatten();
            // "said Jane Roe: “…”" only where the clause opens with the
            // verb; else the name after it is its object ("called National
            // Nurses United “…”", "said Sunday in Madison that …").
            let verb_first = v == before.start
                || self.doc.tokens[v - 1].kind != TokKind::Word
                    && !self.doc.tokens[v - 1].is_punct(')');
            let found = coordinated
                .or_else(|| self.subject_before(before.start, v, excluded))
                .or_else(|| self.participle_subject(before.start, v, excluded))
                .or_else(|| {
                    (!participle
                        && verb_first
                        && !self.tagged(v, Tag::NamingVerb)
                        && self.inverts(v))
                    .then(|| self.subject_ending_clause(v + 1, before.end, excluded))
                    .flatten()
                });
            if let Some(found) = found {
                return Some(self.cued(found, v));
            }
        }
        None
    }

    /// "said Jane Roe: “…”", "said Jane Roe in a statement", not "says
    /// Cruz will “…”": the subject after a verb, when it ends the clause
    /// (punctuation, a preposition or an addressee next); else it is the
    /// subject of a clause of its own.
    fn subject_ending_clause(
        &self,
        from: usize,
        end: usize,
        excluded: &FastSet<usize>,
    ) -> Option<Found> {
        let found = self.subject_after(from, end, excluded)?;
        let k = self.doc.token_at_or_after(found.mention.end);
        let Some(t) = self.doc.tokens.get(k).filter(|_| k < end) else {
            return Some(found);
        };
        let ends = match t.kind {
            TokKind::Punct(_) => true,
            TokKind::Word => !t.cap && self.tagged(k, Tag::AttributionTail),
            _ => false,
        };
        ends.then_some(found)
    }

    /// "was asked by host Jane Roe, “…”", "described by one union as a
    /// “…”": a speech verb in the passive speaks for its `by` agent, not
    /// for its subject.
    fn passive_agent(&self, v: usize, end: usize, excluded: &FastSet<usize>) -> Option<Found> {
        let mut p = v.checked_sub(1)?;
        while p + 3 > v && self.adverb(p) && !self.lower_is(p, BE_FORMS) {
            p = p.checked_sub(1)?;
        }
        if self.quoted[p] || !self.lower_is(p, BE_FORMS) {
            return None;
        }
        let by = (v + 1..(v + 4).min(end)).find(|&k| !self.adverb(k) && !self.quoted[k])?;
        if !self.lower_is(by, &["by"]) {
            return None;
        }
        self.subject_ending_clause(by + 1, end, excluded)
            .or_else(|| {
                // "by one union": the agent needs no list to speak.
                let (a, b) = self.noun_phrase_tokens(by + 1..end)?;
                // "by the host, Jane Roe,": the name in apposition.
                if self.doc.tokens.get(b).is_some_and(|t| t.is_punct(',')) {
                    if let Some(m) = self.ents.mention_at_token(b + 1).filter(|m| {
                        m.tokens.start == b + 1
                            && m.kind == super::EntityKind::Person
                            && !excluded.contains(&m.cluster)
                    }) {
                        return Some(Found {
                            referent: Referent::Cluster(m.cluster),
                            mention: m.span.clone(),
                        });
                    }
                }
                let span = self.doc.span(a..b);
                Some(Found {
                    referent: Referent::Phrase(span.clone()),
                    mention: span,
                })
            })
    }

    /// Sieve step `participle`: "Sanders compared himself to Clinton,
    /// saying …", "“…,” she said, adding that …", "… and asking, “…”": a
    /// speech participle tied to the clause before it (by a comma or a
    /// [`Tag::ParticipleLink`]) speaks for that clause's subject, never for
    /// the object before it. The subject is that of the nearest earlier
    /// speech verb of the sentence, else the sentence's own.
    fn participle_speaker(&self, v: usize, excluded: &FastSet<usize>) -> Option<Found> {
        let doc = self.doc;
        let link = v.checked_sub(1)?;
        let tied = doc.tokens[link].is_punct(',')
            || doc.tokens[link].is_word() && self.tagged(link, Tag::ParticipleLink);
        if !self.word(v).ends_with("ing") || self.quoted[link] || !tied {
            return None;
        }
        let sentence = *doc.sentence_of.get(v)? as usize;
        let start = doc.sentences.get(sentence)?.start.max(v.saturating_sub(80));
        // A finite speech verb earlier in the sentence: its subject.
        let finite = (start..link)
            .rev()
            .find(|&k| self.verb_with_subject(k) && !self.word(k).ends_with("ing"));
        if let Some(k) = finite {
            let found = self.subject_before(start, k, excluded).or_else(|| {
                self.inverts(k)
                    .then(|| self.subject_ending_clause(k + 1, link, excluded))
                    .flatten()
            });
            if found.is_some() {
                return found;
            }
        }
        self.clause_subject(start, link, excluded)
    }

    /// The subject of the clause from `start` to `end`: after an opening
    /// phrase up to its comma ("On Tuesday, …", "Like Roe, …"), the
    /// speaker phrase there; else the first person (not a possessor) or
    /// "he"/"she" of the clause.
    fn clause_subject(&self, start: usize, end: usize, excluded: &FastSet<usize>) -> Option<Found> {
        let doc = self.doc;
        let mut i = start;
        while i < end && (self.quoted[i] || !doc.tokens[i].is_word()) {
            i += 1;
        }
        let opener = i < end
            && self.ents.mention_at_token(i).is_none()
            && !self.tagged(i, Tag::SpeakerPronoun)
            && self.describer.at_or_near(i..i + 1, i).is_none();
        if opener {
            // "At a rally in Portsmouth, N.H., on Tuesday, Jane Roe …": the
            // phrase may hold commas of its own.
            let mut from = i;
            for _ in 0..3 {
                let Some(comma) = (from..end.min(from + 25)).find(|&k| doc.tokens[k].is_punct(','))
                else {
                    break;
                };
                if let Some((found, _)) = self.subject_at(comma + 1, end, excluded) {
                    return Some(found);
                }
                from = comma + 1;
            }
        } else if let Some((found, _)) = self.subject_at(i, end, excluded) {
            return Some(found);
        }
        let person = self.ents.mentions_in(start..end).find(|m| {
            m.kind == super::EntityKind::Person
                && !excluded.contains(&m.cluster)
                && !self.quoted[m.tokens.start]
                && doc
                    .tokens
                    .get(m.tokens.end)
                    .is_none_or(|t| t.kind != TokKind::Possessive)
        });
        person.map(|m| Found {
            referent: Referent::Cluster(m.cluster),
            mention: m.span.clone(),
        })
    }

    /// Whether the verb at `v` follows "and" or "but", sharing the subject
    /// of an earlier verb.
    fn coordinated(&self, v: usize) -> bool {
        self.conjunction_before(v).is_some()
    }

    /// The "and" or "but" before the verb at `v`, past adverbs ("and later
    /// said", "but also told").
    fn conjunction_before(&self, v: usize) -> Option<usize> {
        let mut p = v.checked_sub(1)?;
        while p + 3 > v && self.adverb(p) {
            p = p.checked_sub(1)?;
        }
        let t = &self.doc.tokens[p];
        (!self.quoted[p] && t.is_word() && self.lower_is(p, &["and", "but"])).then_some(p)
    }

    /// A lowercase word that may stand between a subject and its verb
    /// ("also", "later", "repeatedly").
    fn adverb(&self, k: usize) -> bool {
        let t = &self.doc.tokens[k];
        t.is_word()
            && !t.cap
            && !self.quoted[k]
            && (self.doc.wi(k).has(Tag::SubjectSkippable) || self.word(k).ends_with("ly"))
    }

    /// The subject of the sentence's earlier speech verb, for a
    /// coordinated verb ("the ministry described it as “…” and said …"),
    /// else the subject of the clause before "and" ("The mayor, Jane Doe,
    /// paused and added …", "Ms. Roe smiled and said").
    fn coordinated_subject(&self, v: usize, excluded: &FastSet<usize>) -> Option<Found> {
        let doc = self.doc;
        let sentence = *doc.sentence_of.get(v)? as usize;
        let start = doc.sentences.get(sentence)?.start.max(v.saturating_sub(60));
        let and = self.conjunction_before(v)?;
        let earlier = (start..and).rev().find(|&u| self.verb_with_subject(u));
        earlier
            .and_then(|u| self.subject_before(start, u, excluded))
            .or_else(|| self.clause_subject(start, and, excluded))
    }

    /// "Smith spoke for an hour, insisting that the deal was “dead”": a
    /// participle after a comma speaks for the clause's subject, the first
    /// person named (or the pronoun) before the comma.
    fn participle_subject(
        &self,
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
        if let Some(m) = self.person_in(start..comma, excluded) {
            return Some(Found {
                referent: Referent::Cluster(m.cluster),
                mention: m.span.clone(),
            });
        }
        let w = self.word(start).to_lowercase();
        self.tagged(start, Tag::SpeakerPronoun).then(|| Found {
            referent: Referent::Pronoun(w, start),
            mention: doc.tokens[start].range(),
        })
    }

    /// Sieve `colon-subject`: `X tried to reassure …, asking … to convey
    /// the message: “…”`: a full quotation introduced by a colon is the
    /// sentence subject's.
    fn colon_subject(&self, site: &Site) -> Option<Proposal> {
        if site.kind_hint != QuoteKind::Full {
            return None;
        }
        self.colon_person(site.before.clone(), &site.excluded)
    }

    /// The first person of a clause that ends with a colon.
    fn colon_person(&self, before: Range<usize>, excluded: &FastSet<usize>) -> Option<Proposal> {
        let last = before.end.checked_sub(1)?;
        if last < before.start || !self.doc.tokens[last].is_punct(':') {
            return None;
        }
        let person = self.person_in(before.start..last, excluded);
        // "Asked about it, she demurred: “…”": a pronoun before any name.
        let pronoun = (before.start..person.map_or(last, |m| m.tokens.start))
            .find(|&k| !self.quoted[k] && self.lower_is(k, &["he", "she"]));
        let found = match (pronoun, person) {
            (Some(k), _) => Found {
                referent: Referent::Pronoun(self.word(k).to_lowercase(), k),
                mention: self.doc.tokens[k].range(),
            },
            (None, Some(m)) => Found {
                referent: Referent::Cluster(m.cluster),
                mention: m.span.clone(),
            },
            (None, None) => return None,
        };
        Some(Proposal::new(found, ":", last..last + 1))
    }

    /// Sieve `previous-sentence`: a full quotation opening its sentence
    /// takes a speech verb in the previous sentence of the same block (or
    /// of the block before, when that introduces it).
    fn previous_sentence(&self, site: &Site) -> Option<Proposal> {
        if site.kind_hint != QuoteKind::Full || !site.before.is_empty() {
            return None;
        }
        let (sent, excluded) = (site.sentence, &site.excluded);
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
            if !self.verb_with_subject(v) {
                continue;
            }
            let found = self.subject_before(range.start, v, excluded).or_else(|| {
                self.inverts(v)
                    .then(|| self.subject_after(v + 1, range.end, excluded))
                    .flatten()
            });
            if let Some(found) = found {
                return Some(self.cued(found, v));
            }
        }
        if colon {
            return self.colon_person(range, excluded);
        }
        None
    }

    /// Sieve `beat-subject`: "Zhou laughs at this. “…”": a full quotation
    /// opening a sentence with no attribution, after a sentence of the same
    /// paragraph whose subject is a person (named first, or a pronoun), is
    /// that person's. Across a paragraph break only for a quotation that
    /// is its paragraph's whole first sentence, nothing after its mark
    /// ("Roe is upbeat about the vote." then “…” on its own).
    fn beat_subject(&self, site: &Site) -> Option<Proposal> {
        if site.kind_hint != QuoteKind::Full || !site.before.is_empty() {
            return None;
        }
        let (sent, open_tok, excluded) = (site.sentence, site.open_tok, &site.excluded);
        let prev = sent.checked_sub(1)?;
        if self.doc.block_of_sentence.get(prev) != self.doc.block_of_sentence.get(sent)
            && !self.quotation_opens_paragraph_alone(site)
        {
            return None;
        }
        let range = self.doc.sentences.get(prev)?.clone();
        if range.is_empty() || range.clone().any(|k| self.quoted[k]) || open_tok < range.end {
            return None;
        }
        let first = range.start;
        let found = match self.ents.mention_at_token(first) {
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
        // No cue: the paragraph's subject speaks.
        Some(Proposal {
            found,
            cue: None,
            cue_tokens: None,
        })
    }

    /// Whether the quotation is the whole first sentence of its paragraph:
    /// it opens the paragraph, and only punctuation follows its mark.
    fn quotation_opens_paragraph_alone(&self, site: &Site) -> bool {
        let doc = self.doc;
        let opens = doc
            .block_of_sentence
            .get(site.sentence)
            .and_then(|&b| doc.blocks.get(b as usize))
            .is_some_and(|b| b.tokens.start == site.open_tok);
        opens
            && !site.split
            && site
                .after
                .clone()
                .all(|k| !doc.tokens[k].is_word() || self.quoted[k])
    }

    /// The subject before a verb: walk back over adverbs and parentheses
    /// (", who …,", ", visibly angry,") to the noun phrase that ends there.
    fn subject_before(&self, lo: usize, verb: usize, excluded: &FastSet<usize>) -> Option<Found> {
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
            if self.adverb(j) {
                continue;
            }
            // "… and said": the subject is the earlier clause's
            // ([`Self::coordinated_subject`]), no phrase ending here; "ran
            // a piece that noted": the one who ran it.
            if t.is_word() && !t.cap && self.tagged(j, Tag::ClauseStart) {
                let relative = self.lower_is(j, &["that", "which"]);
                return relative
                    .then(|| self.clause_subject(lo, j, excluded))
                    .flatten();
            }
            // "Sen. Jane Roe (D-Ore.) said": back over a parenthesis.
            if t.is_punct(')') {
                match (lo..j)
                    .rev()
                    .take(12)
                    .find(|&k| doc.tokens[k].is_punct('('))
                {
                    Some(k) if k > lo => {
                        j = k;
                        continue;
                    }
                    _ => return None,
                }
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
                        if let Some(m) = self.ents.mention_at_token(n) {
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
                        && (self.doc.wi(k - 1).has(Tag::ClauseStart)
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
        self.referent_in(k..j + 1, j, excluded)
    }

    /// The subject after a verb: `said X`, `says the source`, `said he`.
    fn subject_after(&self, from: usize, to: usize, excluded: &FastSet<usize>) -> Option<Found> {
        let doc = self.doc;
        let mut end = from;
        while end < to && end < from + 12 {
            let t = &doc.tokens[end];
            if self.quoted[end]
                || matches!(t.kind, TokKind::Punct(c) if !matches!(c, '-' | '.' | '&'))
            {
                break;
            }
            if t.is_word() && !t.cap && self.doc.wi(end).has(Tag::ClauseStart) && end > from {
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
        let found = self.referent_in(from..end, from, excluded)?;
        // After its verb a pronoun is the object ("called it “…”").
        if matches!(found.referent, Referent::Pronoun(..)) {
            return None;
        }
        // "said the ministry's spokesman, John Doe": the name in apposition
        // is the speaker.
        if matches!(found.referent, Referent::Description(_))
            && doc.tokens.get(end).is_some_and(|t| t.is_punct(','))
        {
            if let Some(m) = self.ents.mention_at_token(end + 1) {
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
        phrase: Range<usize>,
        head: usize,
        excluded: &FastSet<usize>,
    ) -> Option<Found> {
        let person = self
            .person_in(phrase.clone(), excluded)
            .map(|m| self.head_person(m, phrase.end, excluded));
        // "Russian" in "a Russian official" and "Oklahoma City" in "the
        // Oklahoma City bombing" modify; they do not speak.
        let any = self.ents.mentions_in(phrase.clone()).find(|m| {
            let before_word = self
                .doc
                .tokens
                .get(m.tokens.end)
                .is_some_and(|t| t.is_word() && !t.cap);
            let adjective = match m.kind {
                super::EntityKind::Other => true,
                super::EntityKind::Group => before_word,
                super::EntityKind::Place => before_word && m.tokens.end < phrase.end,
                _ => false,
            };
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
            if self.tagged(k, Tag::SpeakerPronoun) {
                return Some(Found {
                    referent: Referent::Pronoun(w, k),
                    mention: self.doc.tokens[k].range(),
                });
            }
        }
        if let Some(d) = self.describer.at_or_near(phrase.clone(), head) {
            let desc = &self.describer.descriptions[d];
            return Some(Found {
                referent: Referent::Description(d),
                mention: desc.span.clone(),
            });
        }
        self.noun_phrase(phrase).map(|span| Found {
            referent: Referent::Phrase(span.clone()),
            mention: span,
        })
    }

    /// Step `head-person`: "Clinton spokesman Jane Roe said", "former
    /// Obama adviser John Doe": a name that modifies a role is not the
    /// speaker; the name the role leads to, the phrase's head, is. From
    /// the person `first`, on to a later person of the phrase (before
    /// `end`) joined to it by role words only: no function word ("and",
    /// "with", "of"), verb or punctuation but an abbreviation's period.
    fn head_person<'m>(
        &'m self,
        first: &'m Mention,
        end: usize,
        excluded: &FastSet<usize>,
    ) -> &'m Mention {
        let doc = self.doc;
        let mut head = first;
        for m in self.ents.mentions_in(first.tokens.end..end) {
            if m.tokens.start < head.tokens.end || m.kind != super::EntityKind::Person {
                continue;
            }
            let gap = head.tokens.end..m.tokens.start;
            let joined = !gap.is_empty()
                && gap.len() <= 6
                && gap.clone().all(|k| {
                    let t = &doc.tokens[k];
                    match t.kind {
                        TokKind::Possessive => true,
                        TokKind::Punct('.') => true,
                        TokKind::Word => {
                            !self.quoted[k]
                                && !doc.wi(k).has(Tag::FunctionWord)
                                && !doc.wi(k).has(Tag::ClauseStart)
                                && !doc.wi(k).speech_verb
                        }
                        _ => false,
                    }
                });
            if !joined || excluded.contains(&m.cluster) {
                break;
            }
            head = m;
        }
        head
    }

    /// "said the designer", "a longtime volunteer said": a determiner and
    /// up to four lowercase words (a capitalized modifier may come first:
    /// "a Republican strategist") name a speaker whose noun no list has.
    fn noun_phrase(&self, phrase: Range<usize>) -> Option<Range<usize>> {
        let doc = self.doc;
        let (start, end) = self.noun_phrase_tokens(phrase)?;
        // Only next to a verb that cannot be a noun (a past tense, or a
        // present that is nothing but speech): "the border posts “…”" is
        // not a speaker.
        let plain = |k: usize| {
            self.tagged(k, Tag::PlainSpeechVerb)
                || doc.tokens.get(k).is_some_and(|t| t.is_word() && !t.cap)
                    && doc.wi(k).speech_verb
                    && self.word(k).ends_with("ed")
        };
        let plain = plain(end) || start.checked_sub(1).is_some_and(plain);
        plain.then(|| doc.span(start..end))
    }

    /// The tokens of a determiner and up to four lowercase words ending in
    /// a noun-like word, at the start of `phrase`.
    fn noun_phrase_tokens(&self, phrase: Range<usize>) -> Option<(usize, usize)> {
        let doc = self.doc;
        let start = phrase.start;
        if !self.lower_is(start, &["the", "a", "an", "another", "one"]) {
            return None;
        }
        let mut end = start + 1;
        while end < phrase.end && end < start + 5 {
            let t = &doc.tokens[end];
            let word = t.is_word() && !self.quoted[end];
            let cap_ok = !t.cap || end == start + 1;
            if !word || !cap_ok || self.tagged(end, Tag::ClauseStart) || doc.wi(end).speech_verb {
                break;
            }
            end += 1;
        }
        let last = end.checked_sub(1).filter(|&l| l > start)?;
        let head = self.word(last);
        let noun_like = !head.ends_with("ly")
            && !doc.tokens[last].cap
            && !doc.wi(last).has(Tag::SubjectSkippable)
            && !self.lower_is(last, &["of", "in", "at", "for", "to", "on", "with", "by"]);
        noun_like.then_some((start, end))
    }

    /// `according to X`.
    fn according(&self, verb: usize, end: usize, excluded: &FastSet<usize>) -> Option<Found> {
        if !self.lower_is(verb + 1, &["to"]) {
            return None;
        }
        self.subject_after(verb + 2, end, excluded)
    }

    /// "on X Rybar, a popular account": a capitalized name followed by an
    /// apposition with an article.
    fn apposed_name(&self, from: usize, to: usize) -> Option<Found> {
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
                let referent = match self.ents.mention_at_token(k) {
                    Some(m) => Referent::Cluster(m.cluster),
                    None => Referent::NewName {
                        token: k,
                        det: k + 2,
                    },
                };
                return Some(Found {
                    referent,
                    mention: t.range(),
                });
            }
        }
        None
    }

    /// Runs the mention → speaker sieves: the first that applies to the
    /// mention says who it is.
    fn link(&self, referent: Referent, excluded: &FastSet<usize>) -> Linked {
        type LinkSieve = fn(&Ctx<'_, '_>, &Referent, &FastSet<usize>) -> Option<Linked>;
        const LINK_SIEVES: &[LinkSieve] = &[
            |c, r, x| c.link_name(r, x),
            |c, r, x| c.link_pronoun(r, x),
            |c, r, x| c.link_description(r, x),
        ];
        LINK_SIEVES
            .iter()
            .find_map(|sieve| sieve(self, &referent, excluded))
            .unwrap_or(Linked {
                referent,
                link: LinkRule::Unresolved,
                antecedent: None,
            })
    }

    /// Sieve `name`: a named entity, or a name proposed by apposition,
    /// speaks as itself.
    fn link_name(&self, referent: &Referent, _: &FastSet<usize>) -> Option<Linked> {
        matches!(referent, Referent::Cluster(_) | Referent::NewName { .. }).then(|| Linked {
            referent: referent.clone(),
            link: LinkRule::Name,
            antecedent: None,
        })
    }

    /// Sieve `pronoun`: "he", "she", "they" to the nearest earlier mention
    /// of matching gender and number, preferring subjects ([`coref`]).
    /// Unresolved, the pronoun stays: the quotation is attributed, to no
    /// one we can name, and no other sieve overrides it.
    fn link_pronoun(&self, referent: &Referent, excluded: &FastSet<usize>) -> Option<Linked> {
        let Referent::Pronoun(p, at) = referent else {
            return None;
        };
        // "He spoke alongside Hartley, who nodded as he added": the person
        // a relative clause is about is not its pronoun.
        let mut excluded = excluded.clone();
        excluded.extend(self.relative_antecedent(*at));
        let r = coref::resolve_pronoun(
            self.doc,
            self.ents,
            self.describer,
            self.quoted,
            p,
            *at,
            &excluded,
        )?;
        // "The judge was unpersuaded. She said": the description the
        // pronoun stands for may itself name someone.
        let resolved = match r {
            Referent::Description(d) => {
                coref::resolve_description(self.doc, self.ents, self.describer, d, &excluded)
            }
            r => r,
        };
        let at_byte = self.doc.tokens.get(*at).map_or(0, |t| t.start);
        Some(Linked {
            antecedent: self.antecedent_span(&resolved, at_byte),
            referent: resolved,
            link: LinkRule::Pronoun,
        })
    }

    /// Sieve `description`: "the spokesman", "the prime minister" to the
    /// person or body named earlier with that role; else the description
    /// itself speaks ("a source familiar with the talks").
    fn link_description(&self, referent: &Referent, excluded: &FastSet<usize>) -> Option<Linked> {
        let d = match referent {
            Referent::Description(d) => d,
            Referent::Phrase(_) => {
                return Some(Linked {
                    referent: referent.clone(),
                    link: LinkRule::Described,
                    antecedent: None,
                })
            }
            _ => return None,
        };
        let resolved =
            coref::resolve_description(self.doc, self.ents, self.describer, *d, excluded);
        let at_byte = self
            .describer
            .descriptions
            .get(*d)
            .map_or(0, |desc| desc.span.start);
        let link = match resolved {
            Referent::Cluster(_) => LinkRule::Description,
            _ => LinkRule::Described,
        };
        let antecedent = match resolved {
            Referent::Description(e) if e == *d => None,
            _ => self.antecedent_span(&resolved, at_byte),
        };
        Some(Linked {
            referent: resolved,
            link,
            antecedent,
        })
    }

    /// Where a resolved referent was last mentioned before byte `at`.
    fn antecedent_span(&self, referent: &Referent, at: usize) -> Option<Range<usize>> {
        match referent {
            Referent::Cluster(c) => {
                let before = self.ents.mentions.partition_point(|m| m.span.start < at);
                self.ents.mentions[..before]
                    .iter()
                    .rev()
                    .find(|m| m.cluster == *c)
                    .map(|m| m.span.clone())
            }
            Referent::Description(d) => self.describer.descriptions.get(*d).map(|e| e.span.clone()),
            _ => None,
        }
    }

    /// The cluster of a person named just before ", who" earlier in the
    /// pronoun's sentence, when the pronoun sits inside that relative
    /// clause (no other comma between).
    fn relative_antecedent(&self, at: usize) -> Option<usize> {
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
                let m = self.ents.mention_at_token(k - 1)?;
                // Only when someone else leads the sentence ("He spoke
                // alongside Hartley, who …"); in "Smith, who said he …"
                // the pronoun is Smith.
                let start = doc.sentences.get(*sentence as usize)?.start;
                let led = (start..m.tokens.start).any(|j| {
                    self.lower_is(j, &["he", "she"])
                        || self.ents.mention_at_token(j).is_some_and(|o| {
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
    /// one sentence: `“…,” says one, “…”`. Not across a paragraph break:
    /// "Bryne went on to say, “…”" opening a paragraph is an attribution
    /// of its own, not one shared with the quotation before.
    fn interrupted(&self, prev: &RawQuote, q: &RawQuote) -> bool {
        let between = self.doc.text.get(prev.close_end..q.open).unwrap_or("");
        let trimmed = between.trim();
        !trimmed.is_empty()
            && (trimmed.ends_with(',') || trimmed.ends_with(':') || trimmed.ends_with('—'))
            && !trimmed.contains(['.', '!', '?'])
            && !between.contains('\n')
            && between.len() < 200
    }

    /// Whether the quotation has an attribution of its own that no sieve
    /// could name (“…,” an angry Roe retaliated; “…” West said): then it
    /// is someone's, maybe not the last speaker's, and `continuation`
    /// abstains rather than guess. A speech verb in the first words after
    /// it, or a clause going on after its closing comma.
    fn own_attribution(&self, site: &Site) -> bool {
        let doc = self.doc;
        let after = site.after.start..site.after.end.min(site.after.start + 8);
        let verb = after.clone().any(|k| !self.quoted[k] && self.is_verb(k));
        let goes_on = site.ends_with_comma
            && !site.split
            && after
                .clone()
                .find(|&k| !doc.tokens[k].is_punct(','))
                .is_some_and(|k| doc.tokens[k].is_word());
        verb || goes_on
    }

    /// Whether `q` continues `prev` without anyone else named in between.
    fn continues(&self, prev: &RawQuote, q: &RawQuote, speaker: Option<&Referent>) -> bool {
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
            // with the previous or with its attribution sentence ("“…,”
            // Jane Roe, a fellow at Example Institute, told reporters.").
            let block = &doc.blocks[qb as usize];
            let prev_end = doc.blocks[pb as usize].tokens.end;
            let same_sentence = |x: usize, y: usize| {
                doc.sentence_of.get(x).is_some() && doc.sentence_of.get(x) == doc.sentence_of.get(y)
            };
            let ends_with_it =
                prev_end <= a + 8 || same_sentence(a.saturating_sub(1), prev_end - 1);
            if block.tokens.start != b || !ends_with_it {
                return false;
            }
        }
        let someone_else = self.ents.mentions_in(a..b).any(|m| {
            m.kind == super::EntityKind::Person && speaker != Some(&Referent::Cluster(m.cluster))
        });
        !someone_else && b - a < 80
    }
}

#[cfg(test)]
mod tests {
    //! One invented case per sieve: the rule that should decide does, and
    //! a near miss gives no speaker rather than a wrong one.

    use crate::analyze::{analyze_text, LinkRule, QuoteRule};

    /// Quoted words, speaker, quote rule, link rule.
    type Row = (String, Option<String>, Option<QuoteRule>, Option<LinkRule>);

    /// A [`Row`] for each quotation.
    fn attribute(text: &str) -> Vec<Row> {
        let a = analyze_text(text);
        a.quotes
            .iter()
            .map(|q| {
                (
                    q.span.text(text).to_string(),
                    a.speaker_name(text, q).map(str::to_string),
                    q.attribution.map(|t| t.rule),
                    q.attribution.map(|t| t.link),
                )
            })
            .collect()
    }

    /// The speaker and rules of the one quotation starting with `starts`.
    fn one(text: &str, starts: &str) -> (Option<String>, Option<QuoteRule>, Option<LinkRule>) {
        let all = attribute(text);
        let found: Vec<_> = all.iter().filter(|q| q.0.starts_with(starts)).collect();
        assert_eq!(found.len(), 1, "one quotation “{starts}…” in {all:?}");
        let (_, s, r, l) = found[0].clone();
        (s, r, l)
    }

    fn named(name: &str) -> Option<String> {
        Some(name.to_string())
    }

    #[test]
    fn trailing_cue_takes_the_subject_after_the_quotation() {
        let text = "Talks stalled on Monday.\n\n“We will not sign this deal,” Jane Roe said.";
        let got = one(text, "We will not");
        assert_eq!(
            got,
            (
                named("Jane Roe"),
                Some(QuoteRule::TrailingCue),
                Some(LinkRule::Name)
            )
        );
    }

    #[test]
    fn trailing_cue_reads_past_a_split_sentence() {
        let text =
            "Talks stalled on Monday.\n\n“Will anyone sign this deal?” Jane Roe asked reporters.";
        let got = one(text, "Will anyone");
        assert_eq!(got.0, named("Jane Roe"));
        assert_eq!(got.1, Some(QuoteRule::TrailingCue));
    }

    #[test]
    fn trailing_cue_reads_past_a_doubled_straight_mark() {
        // Archive text writes “ and ” as two straight single marks.
        let text = "Talks stalled on Monday.\n\n''Nobody saw this coming!'' Jane Roe said on Monday.\n\n''We will not sign,'' she said.";
        // (The quotation's text keeps the second opening mark.)
        assert_eq!(one(text, "'Nobody saw").0, named("Jane Roe"));
        assert_eq!(one(text, "'Nobody saw").1, Some(QuoteRule::TrailingCue));
        assert_eq!(one(text, "'We will not").0, named("Jane Roe"));
    }

    #[test]
    fn trailing_cue_past_a_sentence_is_not_the_next_quotations_cue() {
        let text = "Jane Roe met reporters on Monday.\n\n“We are refugees.” John Doe said: “We will stay here.”";
        assert_ne!(one(text, "We are refugees").0, named("John Doe"));
        assert_eq!(one(text, "We will stay").0, named("John Doe"));
    }

    #[test]
    fn trailing_cue_past_a_sentence_is_not_a_source_for_the_next() {
        let text = "Talks stalled on Monday.\n\nJane Roe said that she did not “use the jet that much.” According to flight records, the jet has flown 300 hours.";
        assert_eq!(one(text, "use the jet").0, named("Jane Roe"));
    }

    #[test]
    fn trailing_cue_is_not_the_object_of_a_participle() {
        let text = "Talks stalled on Monday.\n\nJane Roe described her christening “at the church on Main Street,” recalling visits to Lake Example.";
        assert_eq!(one(text, "at the church").0, named("Jane Roe"));
    }

    #[test]
    fn long_apposition_reaches_the_verb_after_it() {
        let text = "Talks stalled on Monday.\n\n“We will not sign this deal,” James Doe Jr., the director of the Example Bureau of Investigation, said at a news conference.";
        assert_eq!(one(text, "We will not").0, named("James Doe Jr"));
    }

    #[test]
    fn long_apposition_needs_the_subject_to_open_the_clause() {
        let text = "Talks stalled on Monday.\n\n“We will win this year,” a banner over the stage of the Example Arena in the capital read on Monday night, while Jane Roe, the owner of the arena, said nothing.";
        assert_ne!(one(text, "We will win").0, named("Jane Roe"));
    }

    #[test]
    fn inverted_subject_takes_any_past_tense_verb() {
        let text =
            "Talks stalled on Monday.\n\n“This is fantastic!” beamed Jane Roe of Example City.";
        assert_eq!(one(text, "This is fantastic").0, named("Jane Roe"));
        assert_eq!(
            one(text, "This is fantastic").1,
            Some(QuoteRule::TrailingSubject)
        );
    }

    #[test]
    fn inverted_subject_is_not_a_phrase_after_a_participle() {
        let text = "Talks stalled on Monday.\n\n“Buy local every day,” printed on the bags, was the slogan.";
        assert_eq!(one(text, "Buy local").0, None);
    }

    #[test]
    fn continuation_abstains_when_the_quotation_has_its_own_cue() {
        // Someone nobody could name asked this: not the last speaker.
        let text = "Talks stalled on Monday.\n\n“We will not sign this deal,” Jane Roe said.\n\n“What if nobody signs it?” the 43-year-old asked in the video.";
        assert_eq!(one(text, "What if").0, None);
    }

    #[test]
    fn beat_subject_crosses_a_paragraph_for_a_quotation_on_its_own() {
        let text = "Talks stalled on Monday.\n\nJane Roe is upbeat about the vote, in part because she sees the deal as fair.\n\n“Nobody else can win this vote in November.”";
        let got = one(text, "Nobody else");
        assert_eq!(got.0, named("Jane Roe"));
        assert_eq!(got.1, Some(QuoteRule::BeatSubject));
    }

    #[test]
    fn beat_subject_does_not_cross_a_paragraph_for_a_quotation_in_a_sentence() {
        // The quotation opens a sentence that goes on: no beat across the
        // break.
        let text = "Talks stalled on Monday.\n\nJane Roe is upbeat about the vote.\n\n“Nobody else can win” is the slogan printed on every bag.";
        assert_eq!(one(text, "Nobody else").0, None);
    }

    #[test]
    fn trailing_subject_after_a_partial_quotation_needs_a_speech_verb() {
        // The comma after a woven-in quotation is the sentence's.
        let text = "Talks stalled on Monday.\n\nWhile her rival devoted his campaign to the “forgotten middle class,” Jane Roe has struggled to find a message.";
        assert_ne!(
            one(text, "forgotten middle").1,
            Some(QuoteRule::TrailingSubject)
        );
        assert_ne!(one(text, "forgotten middle").0, named("Jane Roe"));
        // With a speech verb after the speaker's apposition, it stays.
        let text = "Talks stalled on Monday.\n\nThe new plans “will not solve this, but are steps in the right direction,” Jane Roe, assistant secretary for ports, roads, and rail, said on the call.";
        assert_eq!(one(text, "will not solve").0, named("Jane Roe"));
    }

    #[test]
    fn the_one_told_is_not_the_speaker() {
        // The speaker is named in her own words: she still speaks, and
        // the broadcaster she told never does.
        let text = "Talks stalled on Monday.\n\n“Nobody expected Jane Roe to win this,” Roe told Example News on Sunday.";
        assert_eq!(one(text, "Nobody expected").0, named("Jane Roe"));
        let text = "Talks stalled on Monday.\n\nThe candidate told Example News on Sunday.\n\n“Nobody expected this.”";
        assert_ne!(one(text, "Nobody expected").0, named("Example News"));
    }

    #[test]
    fn trailing_subject_needs_no_known_verb() {
        let text = "Talks stalled on Monday.\n\n“Nobody wants this deal,” Jane Roe shot back.";
        let got = one(text, "Nobody wants");
        assert_eq!(got.0, named("Jane Roe"));
        assert_eq!(got.1, Some(QuoteRule::TrailingSubject));
    }

    #[test]
    fn trailing_subject_is_not_a_name_inside_the_next_clause() {
        // A full stop inside the marks ends the quotation: what follows is
        // a new statement, not its attribution.
        let text = "Talks stalled on Monday.\n\n“Nobody wants this deal.” Jane Roe left the room.";
        let got = one(text, "Nobody wants");
        assert_ne!(got.1, Some(QuoteRule::TrailingSubject));
    }

    #[test]
    fn leading_cue_takes_the_subject_before_a_colon_verb() {
        let text = "Talks stalled on Monday.\n\nJane Roe told Radio Example: “We will not sign this deal.”";
        let got = one(text, "We will not");
        assert_eq!(got.0, named("Jane Roe"));
        assert_eq!(got.1, Some(QuoteRule::LeadingCue));
    }

    #[test]
    fn head_person_is_the_name_a_role_leads_to() {
        let text = "Jane Roe opened the talks on Monday.\n\n“We will not sign this deal,” Roe spokesman John Doe said.\n\nFormer Roe adviser Peter Smith said: “Nobody expected a deal this year.”";
        assert_eq!(one(text, "We will not").0, named("John Doe"));
        assert_eq!(one(text, "Nobody expected").0, named("Peter Smith"));
    }

    #[test]
    fn head_person_does_not_cross_a_preposition() {
        // A person after "to" is the one spoken to, not a role's holder.
        let text = "Jane Roe opened the talks on Monday.\n\n“We will not sign this deal,” said Jane Roe to John Doe.";
        assert_eq!(one(text, "We will not").0, named("Jane Roe"));
    }

    #[test]
    fn sentence_cue_serves_a_later_quotation_of_the_sentence() {
        let text = "Talks stalled.\n\nJane Roe said the “final offer” was “a waste of everyone's time and money.”";
        let got = one(text, "a waste");
        assert_eq!(got.0, named("Jane Roe"));
        assert_eq!(got.1, Some(QuoteRule::SentenceCue));
    }

    #[test]
    fn previous_sentence_cue_serves_a_quotation_that_opens_its_sentence() {
        let text =
            "Talks stalled.\n\nJane Roe said the talks would resume. “We will not sign this deal.”";
        let got = one(text, "We will not");
        assert_eq!(got.0, named("Jane Roe"));
        assert_eq!(got.1, Some(QuoteRule::PreviousSentence));
    }

    #[test]
    fn sentence_subject_speaks_a_woven_in_quotation() {
        let text = "Talks stalled.\n\nOn Tuesday, Jane Roe waved the offer away as “a waste of everyone's time” and left.";
        let got = one(text, "a waste");
        assert_eq!(got.0, named("Jane Roe"));
        assert_eq!(got.1, Some(QuoteRule::SentenceSubject));
    }

    #[test]
    fn sentence_subject_is_never_a_possessor() {
        let text = "Talks stalled.\n\nJane Roe's office waved the offer away as “a waste of everyone's time” and left.";
        let got = one(text, "a waste");
        assert_ne!(got.0, named("Jane Roe"));
    }

    #[test]
    fn pronoun_link_goes_to_the_matching_person() {
        let text = "Talks stalled.\n\nJane Roe met John Doe on Monday. “We will not sign this deal,” she said.";
        let got = one(text, "We will not");
        assert_eq!(
            got,
            (
                named("Jane Roe"),
                Some(QuoteRule::TrailingCue),
                Some(LinkRule::Pronoun)
            )
        );
    }

    #[test]
    fn interrupted_quotation_shares_its_attribution() {
        let text = "Talks stalled.\n\n“We will not sign,” Jane Roe shot back, “whatever the unions decide.”";
        let got = one(text, "whatever");
        assert_eq!(got.0, named("Jane Roe"));
        assert_eq!(got.1, Some(QuoteRule::Interrupted));
    }

    #[test]
    fn interrupted_does_not_cross_a_paragraph_break() {
        // A paragraph opening with its own (unnamed) attribution is not
        // the other part of the quotation before it.
        let text = "Talks stalled.\n\nJane Roe wrote, “We will not sign this deal.”\n\nAnother tweeted, “Nobody asked us anything at all.”";
        assert_ne!(one(text, "Nobody asked").0, named("Jane Roe"));
        assert_ne!(one(text, "Nobody asked").1, Some(QuoteRule::Interrupted));
    }

    #[test]
    fn continuation_keeps_the_speaker_until_someone_else_is_named() {
        let text = "Talks stalled.\n\n“We will not sign,” Jane Roe said.\n\n“The offer is a waste of time.”\n\nJohn Doe disagreed. “It is a fair offer for everyone.”";
        assert_eq!(one(text, "The offer").0, named("Jane Roe"));
        assert_eq!(one(text, "The offer").1, Some(QuoteRule::Continuation));
        assert_ne!(one(text, "It is a fair").0, named("Jane Roe"));
    }

    #[test]
    fn a_name_inside_the_quotation_is_not_its_speaker() {
        let text = "Talks stalled.\n\n“John Doe will never sign this deal,” he said.";
        let got = one(text, "John Doe will");
        assert_ne!(got.0, named("John Doe"));
    }

    #[test]
    fn a_noun_phrase_no_list_knows_speaks_after_a_plain_verb() {
        let text = "Talks stalled.\n\n“It is hard to come back to work,” said the designer, who works in Ames.";
        assert_eq!(one(text, "It is hard").0, named("the designer"));
        assert_eq!(one(text, "It is hard").2, Some(LinkRule::Described));
        // "posts" may be a noun: no speaker rather than "the border".
        let text =
            "Talks stalled.\n\nShe added that the border posts “will stay open through the night.”";
        assert_ne!(one(text, "will stay").0, named("the border"));
    }

    #[test]
    fn a_parenthesis_after_a_name_is_passed_over() {
        let text = "Talks stalled.\n\nSen. Jane Roe (D-Ore.) said on Sunday in Ames that turnout “will help every candidate on the ballot.”";
        assert_eq!(one(text, "will help").0, named("Jane Roe"));
    }

    #[test]
    fn he_said_goes_on_with_whoever_spoke_last() {
        let text = "Talks stalled.\n\nThe good news for John Doe, Richard Roe said, is that the talks go on. “He will still get coverage,” he said.";
        let got = one(text, "He will still");
        assert_eq!(got.0, named("Richard Roe"));
        assert_eq!(got.2, Some(LinkRule::Pronoun));
    }

    #[test]
    fn a_name_qualifying_a_role_is_not_the_antecedent() {
        let text = "Talks stalled.\n\nMary Doe spokeswoman Jane Roe criticized the plan. “Nice try, not true,” she said.";
        assert_eq!(one(text, "Nice try").0, named("Jane Roe"));
    }

    #[test]
    fn a_participle_speaks_for_its_clause_subject_not_its_object() {
        let text = "Talks stalled on Monday after a long night.\n\nAt the meeting, Jane Roe compared herself to John Doe, saying she “would never sign such a deal.”";
        assert_eq!(one(text, "would never").0, named("Jane Roe"));
        let text = "Talks stalled on Monday after a long night.\n\n“We will not sign,” Mary Smith said, adding that John Doe “has no plan at all.”";
        assert_eq!(one(text, "has no plan").0, named("Mary Smith"));
        // Tied by "and": the earlier speech verb's subject.
        let text = "Talks stalled on Monday after a long night.\n\nThe unions were quick to answer, with Jane Roe writing that the offer was poor and asking, “Who would accept this from John Doe?”";
        assert_eq!(one(text, "Who would").0, named("Jane Roe"));
    }

    #[test]
    fn a_name_after_the_verb_speaks_only_when_it_ends_the_clause() {
        let text = "Talks stalled on Monday after a long night.\n\nAt the end of the night said Jane Roe: “We will not sign this deal.”";
        assert_eq!(one(text, "We will not").0, named("Jane Roe"));
        // "says John Doe will …": John Doe is the subject of what is said.
        let text = "Talks stalled on Monday after a long night.\n\nRichard Roe, a farmer from Ames, says John Doe will “lose the vote next week.”";
        assert_ne!(one(text, "lose the vote").0, named("John Doe"));
    }

    #[test]
    fn a_coordinated_verb_speaks_for_the_first_clause_subject() {
        let text = "Talks stalled on Monday after a long night.\n\nJohn Doe recalled the Ames bombing and later said, “It was not the work of one man.”";
        assert_eq!(one(text, "It was not").0, named("John Doe"));
        let text = "Talks stalled on Monday after a long night.\n\nWhen asked about it, Ms. Jane Roe smiled and said, “I am waiting for the vote.”";
        assert_eq!(one(text, "I am waiting").0, named("Jane Roe"));
    }

    #[test]
    fn a_place_that_qualifies_a_noun_never_speaks() {
        let text = "Talks stalled on Monday after a long night.\n\nThe Ames bombing, some said, was “not the work of one man.”";
        assert_ne!(one(text, "not the work").0, named("Ames"));
    }

    #[test]
    fn a_passive_speech_verb_speaks_for_its_by_agent() {
        let text = "Talks stalled on Monday after a long night.\n\nJane Roe was asked by the host, John Doe, “Will you sign the deal this week or not?”";
        assert_eq!(one(text, "Will you sign").0, named("John Doe"));
        let text = "Talks stalled on Monday after a long night.\n\nThe plan was described by one union as a “betrayal of every worker in the region.”";
        assert_eq!(one(text, "betrayal").0, named("one union"));
        // No agent: no speaker rather than the one described.
        let text = "Talks stalled on Monday after a long night.\n\nThe plan was described as a “betrayal of every worker in the region.”";
        assert_eq!(one(text, "betrayal").0, None);
    }

    #[test]
    fn a_speaker_named_by_its_cue_may_name_itself_in_the_quotation() {
        let text = "Talks stalled on Monday after a long night.\n\nAcme Corp said it “condemns any use of Acme Corp products for such ends.”";
        assert_eq!(one(text, "condemns").0, named("Acme Corp"));
        // Through a pronoun the name inside still cannot be the speaker.
        let text = "Talks stalled on Monday after a long night.\n\n“Jane Roe will never sign this deal,” she said.";
        assert_ne!(one(text, "Jane Roe will").0, named("Jane Roe"));
    }

    #[test]
    fn a_quotation_paragraph_continues_the_one_before_after_its_attribution() {
        let text = "Talks stalled on Monday after a long night.\n\n“We will not sign this deal,” said Jane Roe, a senior fellow at the Example Institute who has followed the talks.\n\n“Nobody at the table wants it signed this year.”\n\nJohn Doe disagreed with all of that.\n\n“It is a fair offer for everyone at the table.”";
        assert_eq!(one(text, "Nobody at").0, named("Jane Roe"));
        assert_eq!(one(text, "Nobody at").1, Some(QuoteRule::Continuation));
        assert_ne!(one(text, "It is a fair").0, named("Jane Roe"));
    }

    #[test]
    fn back_to_back_quotations_share_the_cue_that_follows() {
        let text = "Talks stalled on Monday after a long night.\n\nJohn Doe arrived late. “We will not sign this deal today.” “Not this year either,” Jane Roe said.";
        assert_eq!(one(text, "We will not").0, named("Jane Roe"));
        assert_eq!(one(text, "We will not").1, Some(QuoteRule::NextCue));
        // A paragraph break between them: not back to back.
        let text = "Talks stalled on Monday after a long night.\n\n“We will not sign this deal today.”\n\n“Not this year either,” Jane Roe said.";
        assert_ne!(one(text, "We will not").0, named("Jane Roe"));
    }

    #[test]
    fn paragraphs_run_together_all_take_the_introduction() {
        let text = "Talks stalled on Monday after a long night.\n\nJane Roe told Radio Example: “We will not sign. “Nobody wants it signed. “Not this year.”\n\nJohn Doe left the room.";
        for part in ["We will not", "Nobody wants", "Not this year"] {
            assert_eq!(one(text, part).0, named("Jane Roe"), "{part}");
        }
    }

    #[test]
    fn a_description_with_plain_modifiers_stands_for_the_person_with_that_role() {
        let text = "Talks stalled on Monday after a long night.\n\nOn Monday, former President Jane Roe and Vice President John Doe met the unions.\n\n“We will not sign this deal,” the former president said.";
        assert_eq!(one(text, "We will not").0, named("Jane Roe"));
        // No one named with every word of it: the description speaks.
        let text = "Talks stalled on Monday after a long night.\n\nVice President John Doe met the unions.\n\n“We will not sign this deal,” the former president said.";
        assert_eq!(one(text, "We will not").0, named("the former president"));
    }

    #[test]
    fn a_pronoun_two_people_fit_side_by_side_gets_no_answer() {
        let text = "Talks stalled on Monday after a long night.\n\nJane Roe and Mary Smith met the unions on Monday. “We will not sign this deal,” she said.";
        assert_eq!(one(text, "We will not").0, None);
        // One the subject, the other its object: the subject.
        let text = "Talks stalled on Monday after a long night.\n\nJane Roe met Mary Smith on Monday. “We will not sign this deal,” she said.";
        assert_eq!(one(text, "We will not").0, named("Jane Roe"));
        // A man and a woman side by side: the pronoun tells them apart.
        let text = "Talks stalled on Monday after a long night.\n\nJohn Doe and Mary Smith met the unions on Monday. “We will not sign this deal,” she said.";
        assert_eq!(one(text, "We will not").0, named("Mary Smith"));
    }
}

//! The tokenized article every later step reads: tokens, blocks and
//! sentences, all by index.

use std::ops::Range;

use crate::model::BlockKind;

use super::lexicon::{lexicon, GazKind, WordInfo};
use super::sentences;
use super::tokens::{tokenize_into, TokKind, Token};

/// A block of the body, by token indices.
#[derive(Debug, Clone)]
pub struct DocBlock {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Token indices.
    pub tokens: Range<usize>,
    /// A heading, or a short title-case line without final punctuation:
    /// its capitals prove nothing.
    pub heading: bool,
}

/// A tokenized text.
#[derive(Debug)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub blocks: Vec<DocBlock>,
    /// Token index ranges, in text order.
    pub sentences: Vec<Range<usize>>,
    /// The sentence of each token.
    pub sentence_of: Vec<u32>,
    /// The block of each sentence.
    pub block_of_sentence: Vec<u32>,
    /// What the word lists say of each token (one look-up per word).
    pub info: Vec<Option<&'static WordInfo>>,
    /// Whether each token opens its sentence or a quotation.
    initial: Vec<bool>,
    /// Sentences in Title Case, read like headings.
    title_sentences: Vec<bool>,
}

impl<'a> Doc<'a> {
    /// Tokenizes `text` block by block; `blocks` are byte ranges with their
    /// kinds (out-of-range or unordered ones are skipped).
    pub fn new(text: &'a str, blocks: &[(BlockKind, Range<usize>)]) -> Doc<'a> {
        let mut doc = Doc {
            text,
            tokens: Vec::with_capacity(text.len() / 5),
            blocks: Vec::with_capacity(blocks.len()),
            sentences: Vec::new(),
            sentence_of: Vec::new(),
            block_of_sentence: Vec::new(),
            info: Vec::new(),
            initial: Vec::new(),
            title_sentences: Vec::new(),
        };
        let lex = lexicon();
        let mut last_end = 0;
        for (kind, range) in blocks {
            if range.start < last_end
                || range.end > text.len()
                || range.start > range.end
                || !text.is_char_boundary(range.start)
                || !text.is_char_boundary(range.end)
            {
                continue;
            }
            last_end = range.end;
            let first_tok = doc.tokens.len();
            tokenize_into(text, range.clone(), &mut doc.tokens);
            let toks = first_tok..doc.tokens.len();
            doc.info.extend(doc.tokens[toks.clone()].iter().map(|t| {
                if t.kind == TokKind::Word {
                    lex.info(t.text(text))
                } else {
                    None
                }
            }));
            let block_index = doc.blocks.len() as u32;
            for s in sentences::split(text, &doc.tokens[toks.clone()]) {
                doc.sentences.push(first_tok + s.start..first_tok + s.end);
                doc.block_of_sentence.push(block_index);
            }
            let heading =
                matches!(
                    kind,
                    BlockKind::Heading | BlockKind::Title | BlockKind::Subtitle
                ) || looks_like_heading(text, &doc.tokens[toks.clone()], &doc.info[toks.clone()]);
            doc.blocks.push(DocBlock {
                heading,
                range: range.clone(),
                tokens: toks,
            });
        }
        doc.sentence_of = vec![0; doc.tokens.len()];
        for (si, s) in doc.sentences.iter().enumerate() {
            for t in s.clone() {
                doc.sentence_of[t] = si as u32;
            }
        }
        doc.mark_initials();
        doc
    }

    /// Blocks of a plain text: paragraphs separated by blank lines.
    pub fn plain_blocks(text: &str) -> Vec<(BlockKind, Range<usize>)> {
        let mut out = Vec::new();
        let mut pos = 0;
        for part in text.split("\n\n") {
            let start = pos;
            pos += part.len() + 2;
            let trimmed_start = start + (part.len() - part.trim_start().len());
            let trimmed_end = start + part.trim_end().len();
            if trimmed_end > trimmed_start {
                out.push((BlockKind::Paragraph, trimmed_start..trimmed_end));
            }
        }
        out
    }

    /// What the word lists say of token `i` (all false for other words).
    pub fn wi(&self, i: usize) -> &'static WordInfo {
        static NOTHING: WordInfo = WordInfo::NOTHING;
        self.info.get(i).copied().flatten().unwrap_or(&NOTHING)
    }

    /// The one-word gazetteer kind of token `i` ("US" only in capitals).
    pub fn gaz(&self, i: usize) -> Option<GazKind> {
        let entry = self.wi(i).gazetteer?;
        if entry.caps_only && self.tok_text(i).chars().any(char::is_lowercase) {
            return None;
        }
        Some(entry.kind)
    }

    /// Whether token `i` is a demonym or a plural of one ("Syrians").
    pub fn demonym(&self, i: usize) -> bool {
        match self.wi(i).gazetteer {
            Some(e) => e.kind == GazKind::Group,
            None => self.tok_text(i).ends_with('s') && lexicon().is_demonym(self.tok_text(i)),
        }
    }

    pub fn tok_text(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// The byte span of a token range.
    pub fn span(&self, toks: Range<usize>) -> Range<usize> {
        match (
            self.tokens.get(toks.start),
            toks.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(a), Some(b)) if toks.start < toks.end => a.start..b.end,
            _ => 0..0,
        }
    }

    /// The byte span of a sentence.
    pub fn sentence_span(&self, s: usize) -> Range<usize> {
        self.sentences.get(s).map_or(0..0, |r| self.span(r.clone()))
    }

    /// Whether a sentence is (in) a heading, or written like one.
    pub fn in_heading(&self, s: usize) -> bool {
        self.title_sentences.get(s).copied().unwrap_or(false)
            || self
                .block_of_sentence
                .get(s)
                .and_then(|&b| self.blocks.get(b as usize))
                .is_some_and(|b| b.heading)
    }

    /// Index of the first token at or after byte `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    /// Whether token `i` opens its sentence or a quotation (the first word
    /// after any opening marks), where capitals prove nothing.
    pub fn is_initial(&self, i: usize) -> bool {
        self.initial.get(i).copied().unwrap_or(false)
    }

    /// A sentence in Title Case ("Why It Matters: Higher Rates Mean
    /// Costlier Mortgages."): four or more words, mostly capitalized, and
    /// not one function word left in lowercase. Its capitals prove nothing,
    /// like a heading's.
    fn title_case(&self, range: Range<usize>) -> bool {
        let mut words = 0;
        let mut caps = 0;
        for k in range {
            let t = &self.tokens[k];
            if !t.is_word() {
                continue;
            }
            words += 1;
            if t.cap {
                caps += 1;
            } else if self.wi(k).not_name {
                return false;
            }
        }
        words >= 4 && caps * 10 >= words * 8
    }

    /// Computes [`Doc::is_initial`] for every token, in one pass.
    fn mark_initials(&mut self) {
        self.title_sentences = self
            .sentences
            .iter()
            .map(|r| self.title_case(r.clone()))
            .collect();
        let mut initial = vec![false; self.tokens.len()];
        for (s, range) in self.sentences.iter().enumerate() {
            let heading = self.in_heading(s);
            let mut at_start = true;
            for t in range.clone() {
                match self.tokens[t].kind {
                    TokKind::Punct(c) if is_opening_punct(c) => {
                        initial[t] = heading || at_start;
                        if is_quote_opener(c) || c == ':' {
                            at_start = true;
                        }
                    }
                    _ => {
                        initial[t] = heading || at_start;
                        at_start = false;
                    }
                }
            }
        }
        self.initial = initial;
    }
}

/// A short line in title case without final punctuation ("At a Glance",
/// "The Stakes for Russia’s Middle East Strategy").
fn looks_like_heading(text: &str, tokens: &[Token], info: &[Option<&WordInfo>]) -> bool {
    let Some(last) = tokens.last() else {
        return false;
    };
    // A question or exclamation can head a section ("What Happens Next?").
    if matches!(last.kind, TokKind::Punct('.' | '…' | ':' | ',' | '”' | '"')) {
        return false;
    }
    let words: Vec<(&Token, bool)> = tokens
        .iter()
        .zip(info)
        .filter(|(t, _)| t.is_word())
        .map(|(t, i)| (t, i.is_some_and(|i| i.not_name)))
        .collect();
    if words.is_empty() || words.len() > 14 {
        return false;
    }
    let content: Vec<&Token> = words
        .iter()
        .filter(|(t, not_name)| !not_name || t.cap)
        .map(|(t, _)| *t)
        .filter(|t| t.text(text).chars().count() > 3 || t.cap)
        .collect();
    let caps = content.iter().filter(|t| t.cap).count();
    !content.is_empty() && caps * 10 >= content.len() * 7
}

/// Punctuation that may come before a sentence's first word, or between a
/// colon or quotation mark and the first word of what follows.
fn is_opening_punct(c: char) -> bool {
    is_quote_opener(c) || matches!(c, '(' | '[' | '•' | '*' | '-' | '—' | '–' | ':')
}

/// A mark that may open a quotation: a typographic opening mark or a
/// straight one.
pub(super) fn is_quote_opener(c: char) -> bool {
    matches!(c, '"' | '\'') || crate::wordlists::is_opening_quote(c)
}

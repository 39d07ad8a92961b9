//! Sentence segmentation over the tokens of one block.
//!
//! A sentence ends at ".", "!", "?" or "…" (plus any closing quotation
//! marks and brackets) when the next token opens a sentence: a capitalized
//! word, a digit or an opening quotation mark. Abbreviations ("Mr.",
//! "Gen."), initials ("J. Smith") and decimals do not end one. Block
//! boundaries always do.

use std::ops::Range;

use super::tokens::{TokKind, Token};

/// Closing marks that belong to the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']') || crate::wordlists::is_closing_quote(c)
}

fn is_opener(c: char) -> bool {
    super::doc::is_quote_opener(c) || matches!(c, '(' | '[' | '•' | '-' | '—')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_abbreviation(word: &str) -> bool {
    crate::wordlists::is_abbreviation(word)
}

/// Splits a block's tokens into sentences, as token index ranges into
/// `tokens` (all of which belong to the block).
pub fn split(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let ends = match t.kind {
            TokKind::Punct(c) if is_terminal(c) => period_ends_sentence(text, tokens, i),
            // "Khmeimim.The runway": a period glued between a lowercase word
            // and a capitalized one is taken as a missing space.
            _ => false,
        };
        if ends {
            let mut end = i + 1;
            while end < tokens.len() {
                match tokens[end].kind {
                    TokKind::Punct(c) if is_closer(c) && !tokens[end].space_before => end += 1,
                    TokKind::Punct(c) if is_terminal(c) => end += 1,
                    _ => break,
                }
            }
            if end < tokens.len() && !opens_sentence(text, tokens, end) {
                i = end;
                continue;
            }
            out.push(start..end);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// Whether the terminal punctuation at `i` can end a sentence, judging by
/// the token before it.
fn period_ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if !t.is_punct('.') {
        return true;
    }
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return true;
    };
    if prev.end != t.start {
        return true;
    }
    if prev.kind == TokKind::Word {
        let w = prev.text(text);
        if is_abbreviation(w) {
            return false;
        }
        // An initial: one capital letter before a capitalized word.
        if w.chars().count() == 1 && prev.cap {
            return false;
        }
    }
    // A period glued to the next word is a sentence break only between a
    // lowercase word and a capitalized word with lowercase letters after.
    if let Some(next) = tokens.get(i + 1) {
        if !next.space_before && next.kind == TokKind::Word {
            let prev_text = prev.text(text);
            let prev_lower = prev.kind == TokKind::Word
                && prev_text.chars().count() >= 2
                && prev_text.chars().last().is_some_and(char::is_lowercase);
            let next_text = next.text(text);
            let next_title = next.cap && next_text.chars().nth(1).is_some_and(char::is_lowercase);
            return prev_lower && next_title;
        }
    }
    true
}

fn opens_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    match t.kind {
        TokKind::Word => t.cap || t.text(text).starts_with(|c: char| c.is_uppercase()),
        TokKind::Number => true,
        TokKind::Punct(c) => is_opener(c),
        TokKind::Possessive => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize_into;
    use super::*;

    fn sentences(s: &str) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize_into(s, 0..s.len(), &mut toks);
        split(s, &toks)
            .into_iter()
            .map(|r| s[toks[r.start].start..toks[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        let s = sentences(
            "Mr. Smith met Gen. Jones in the U.S. on Monday. J. R. Tolkien wrote 3.5 books. Next.",
        );
        assert_eq!(
            s,
            [
                "Mr. Smith met Gen. Jones in the U.S. on Monday.",
                "J. R. Tolkien wrote 3.5 books.",
                "Next."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        let s = sentences("“It is over,” he said. “We won.” She left? “Yes!” he cried.");
        assert_eq!(
            s,
            [
                "“It is over,” he said.",
                "“We won.”",
                "She left?",
                "“Yes!” he cried."
            ]
        );
    }

    #[test]
    fn glued_sentences_split() {
        let s = sentences("forces at Khmeimim.The runway is long. Visit Node.js now.");
        assert_eq!(
            s,
            [
                "forces at Khmeimim.",
                "The runway is long.",
                "Visit Node.js now."
            ]
        );
    }
}

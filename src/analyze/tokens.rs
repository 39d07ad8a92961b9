//! Tokens with byte offsets: words, numbers, possessive endings and single
//! punctuation characters.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters, with inner hyphens, apostrophes and abbreviation periods
    /// ("al-Sham", "O'Brien", "U.S.").
    Word,
    /// Digits, with inner separators ("2,500", "3.5").
    Number,
    /// A possessive ending: "’s", "'s", or a bare apostrophe after a plural.
    Possessive,
    /// One other character.
    Punct(char),
}

/// One token of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Starts with an uppercase letter (or is a particle-led name such as
    /// "al-Sham").
    pub cap: bool,
    /// Two or more letters, all uppercase ("HTS", "U.S.").
    pub all_caps: bool,
    /// Whitespace (or the block start) comes right before it.
    pub space_before: bool,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct(c)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

/// Splits `text[range]` into tokens, appending them to `out`.
pub fn tokenize_into(text: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let base = range.start;
    let bytes = slice.as_bytes();
    let mut prev_space = true;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            prev_space = true;
            i += 1;
            continue;
        }
        let Some(c) = slice[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            prev_space = true;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let space_before = prev_space;
        prev_space = false;
        if c.is_alphabetic() {
            let end = scan_word(slice, i);
            i = end;
            let word = &slice[start..end];
            out.push(Token {
                start: base + start,
                end: base + end,
                kind: TokKind::Word,
                cap: word_is_cap(word),
                all_caps: starts_upper(word) && word_all_caps(word),
                space_before,
            });
        } else if c.is_ascii_digit() {
            let mut end = i + 1;
            while end < bytes.len() {
                let b = bytes[end];
                if b.is_ascii_digit() {
                    end += 1;
                } else if (b == b',' || b == b'.')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
                {
                    end += 2;
                } else {
                    break;
                }
            }
            i = end;
            out.push(Token {
                start: base + start,
                end: base + end,
                kind: TokKind::Number,
                cap: false,
                all_caps: false,
                space_before,
            });
        } else if is_apostrophe(c) && possessive_here(slice, i, out.last(), base) {
            let mut end = i + c.len_utf8();
            if slice[end..].starts_with(['s', 'S']) {
                end += 1;
            }
            i = end;
            out.push(Token {
                start: base + start,
                end: base + end,
                kind: TokKind::Possessive,
                cap: false,
                all_caps: false,
                space_before,
            });
        } else {
            i += c.len_utf8();
            out.push(Token {
                start: base + start,
                end: base + start + c.len_utf8(),
                kind: TokKind::Punct(c),
                cap: false,
                all_caps: false,
                space_before,
            });
        }
    }
}

/// Whether the apostrophe at `i` ends a possessive: right after a word, and
/// either "’s" + non-letter or a bare apostrophe after a final "s".
fn possessive_here(slice: &str, i: usize, last: Option<&Token>, base: usize) -> bool {
    let Some(last) = last else { return false };
    if last.kind != TokKind::Word || last.end != base + i {
        return false;
    }
    let after = &slice[i + slice[i..].chars().next().map_or(1, char::len_utf8)..];
    let mut rest = after.chars();
    match rest.next() {
        Some('s') | Some('S') => !rest.next().is_some_and(char::is_alphanumeric),
        Some(c) if c.is_alphanumeric() => false,
        _ => slice[..i].ends_with(['s', 'S']),
    }
}

/// The end of the word starting at `start`.
fn scan_word(slice: &str, start: usize) -> usize {
    // Abbreviation with periods: "U.S.", "a.m.".
    if let Some(abbr) = abbreviation_end(slice, start) {
        return abbr;
    }
    // Fast path over plain ASCII letters and digits.
    let bytes = slice.as_bytes();
    let mut end = start;
    while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    let mut it = slice[end..].char_indices().peekable();
    let start = end;
    while let Some((j, c)) = it.next() {
        let pos = start + j;
        if c.is_alphanumeric() || c == '\u{00AD}' {
            end = pos + c.len_utf8();
            continue;
        }
        let next_is_letter = it.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        if is_hyphen(c) && next_is_letter {
            end = pos + c.len_utf8();
            continue;
        }
        if is_apostrophe(c) && next_is_letter {
            // "’s" followed by a non-letter is a possessive, not part of the
            // word; "O'Brien", "don't" keep their apostrophe.
            let after = &slice[pos + c.len_utf8()..];
            let mut rest = after.chars();
            let first = rest.next();
            let second = rest.next();
            let possessive = matches!(first, Some('s') | Some('S'))
                && !second.is_some_and(char::is_alphanumeric);
            if possessive {
                break;
            }
            end = pos + c.len_utf8();
            continue;
        }
        break;
    }
    end
}

/// "U.S." or "a.m.": single letters each followed by a period, two or more.
fn abbreviation_end(slice: &str, start: usize) -> Option<usize> {
    let b = slice.as_bytes();
    let mut i = start;
    let mut letters = 0;
    while i + 1 < b.len() && b[i].is_ascii_alphabetic() && b[i + 1] == b'.' {
        letters += 1;
        i += 2;
    }
    let followed_by_letter = slice[i..].chars().next().is_some_and(char::is_alphabetic);
    (letters >= 2 && !followed_by_letter).then_some(i)
}

fn word_is_cap(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(_) => {
            // "al-Sham", "bin-Salman": a particle hyphenated to a capital.
            let Some((head, tail)) = word.split_once(|c: char| is_hyphen(c)) else {
                return false;
            };
            super::lexicon::lexicon().has(head, super::lexicon::Tag::HyphenParticle)
                && tail.chars().next().is_some_and(char::is_uppercase)
        }
        None => false,
    }
}

/// A cheap first test before [`word_all_caps`].
fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn word_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, TokKind)> {
        let mut out = Vec::new();
        tokenize_into(s, 0..s.len(), &mut out);
        out.iter()
            .map(|t| (t.text(s).to_string(), t.kind))
            .collect()
    }

    #[test]
    fn words_possessives_and_particles() {
        let t = toks("Russia’s rebels’ bases, al-Sham and U.S. O'Brien's 2,500 don't");
        let words: Vec<&str> = t.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            [
                "Russia", "’s", "rebels", "’", "bases", ",", "al-Sham", "and", "U.S.", "O'Brien",
                "'s", "2,500", "don't"
            ]
        );
        assert_eq!(t[1].1, TokKind::Possessive);
        assert_eq!(t[3].1, TokKind::Possessive);
    }

    #[test]
    fn quote_marks_stay_punctuation() {
        let t = toks("'Hello,' he said");
        assert_eq!(t[0].1, TokKind::Punct('\''));
        assert_eq!(t[2].1, TokKind::Punct(','));
        assert_eq!(t[3].1, TokKind::Punct('\''));
    }

    #[test]
    fn particle_words_count_as_capitalized() {
        let s = "al-Assad al-qaeda Bin";
        let mut out = Vec::new();
        tokenize_into(s, 0..s.len(), &mut out);
        assert!(out[0].cap);
        assert!(!out[1].cap);
        assert!(out[2].cap);
    }
}

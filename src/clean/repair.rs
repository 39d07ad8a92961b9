//! Repair: scraping damage inside a block of text.
//!
//! Each repair is one forward pass over the block, so cleaning stays linear
//! in the input however long a paragraph is.

/// Puts back the space between sentences glued together by a scraper
/// (`Khmeimim.The runway`, `leave.”Russia`, `out?Yet`), returning the text
/// and how many sentence breaks were restored.
///
/// A break is restored only where a lowercase letter, digit or closing
/// quote ends the sentence and an uppercase letter starting a word (or an
/// opening quote before one) begins the next. Abbreviations and initials
/// (`U.S.`, `e.g.`, `J.R.R.`), decimals (`3.5`), domains (`Amazon.com`),
/// URLs, e-mail addresses, file names and times never match: their dot
/// follows an uppercase letter or another dot in the same word, or is
/// followed by a lowercase letter or digit, or the word holds `/` or `@`.
pub(crate) fn split_glued_sentences(s: &str) -> (String, usize) {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 16);
    let mut restored = 0;
    // ASCII double quotes seen so far: odd means one is open.
    let mut straight_quotes = 0usize;
    // Within the current word: may it be split, and has a dot been seen
    // since its start or the last split?
    let mut word_is_address = false;
    let mut dot_in_segment = false;
    let mut at_word_start = true;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            out.push(c);
            at_word_start = true;
            i += 1;
            continue;
        }
        if at_word_start {
            word_is_address = looks_like_address(&chars[i..]);
            dot_in_segment = false;
            at_word_start = false;
        }
        out.push(c);
        if c == '"' {
            straight_quotes += 1;
        }
        let ends_run = !matches!(chars.get(i + 1), Some('.' | '?' | '!'));
        if matches!(c, '.' | '?' | '!') && ends_run && !word_is_address {
            let dot_blocked = c == '.' && dot_in_segment;
            let prev_ok = i
                .checked_sub(1)
                .and_then(|p| chars.get(p))
                .is_some_and(|&p| ends_a_sentence(p));
            if prev_ok && !dot_blocked {
                if let Some(split_at) = next_sentence_start(&chars, i + 1, straight_quotes) {
                    for &q in &chars[i + 1..split_at] {
                        if q == '"' {
                            straight_quotes += 1;
                        }
                        out.push(q);
                    }
                    out.push(' ');
                    restored += 1;
                    i = split_at;
                    // The rest of the word is still not an address (that
                    // was judged once, for the whole word): only the dot
                    // memory starts afresh.
                    dot_in_segment = false;
                    continue;
                }
            }
        }
        if c == '.' {
            dot_in_segment = true;
        }
        i += 1;
    }
    (out, restored)
}

/// The last character of a sentence that can be glued to the next one.
fn ends_a_sentence(c: char) -> bool {
    c.is_lowercase()
        || c.is_ascii_digit()
        || crate::wordlists::is_closing_quote(c)
        || matches!(c, '"' | ')' | ']' | '%')
}

/// Where the next sentence starts if one starts at `from` (after any
/// closing quotes): the index to put a space before.
fn next_sentence_start(chars: &[char], from: usize, quotes_before: usize) -> Option<usize> {
    let mut j = from;
    let mut quotes = quotes_before;
    // Closing quotes stay with the sentence they close.
    while let Some(&q) = chars.get(j) {
        let closes = crate::wordlists::is_closing_quote(q) || (q == '"' && quotes % 2 == 1);
        if !closes {
            break;
        }
        if q == '"' {
            quotes += 1;
        }
        j += 1;
    }
    let split_at = j;
    if let Some(&q) = chars.get(j) {
        if crate::wordlists::is_opening_quote(q) || (q == '"' && quotes.is_multiple_of(2)) {
            j += 1;
        }
    }
    let first = *chars.get(j)?;
    let second = chars.get(j + 1).copied();
    let starts_word = first.is_uppercase()
        && match second {
            Some(s) if s.is_lowercase() => true,
            // "I" and "A" are sentences' one-letter first words.
            Some(s) => matches!(first, 'I' | 'A') && (s.is_whitespace() || s == '’' || s == '\''),
            None => false,
        };
    starts_word.then_some(split_at)
}

/// A word holding `/`, `@`, `\` or `www.`: a URL, path or address, whose
/// dots are not sentence ends.
fn looks_like_address(from: &[char]) -> bool {
    let mut prev = ' ';
    let mut ws = 0;
    for &c in from.iter().take_while(|c| !c.is_whitespace()) {
        if matches!(c, '/' | '@' | '\\') {
            return true;
        }
        ws = match (c, ws) {
            ('w' | 'W', n) if n < 3 && (n > 0 || !prev.is_alphanumeric()) => n + 1,
            ('.', 3) => return true,
            _ => 0,
        };
        prev = c;
    }
    false
}

/// Removes runs of one short token repeated and glued to a word
/// (`entranceHTSHTSHTSHTST…` → `entrance`), returning the text and how many
/// runs went.
///
/// A run is at least four repetitions of a 2–4 letter token, covering three
/// quarters of the run (scrapers drop or repeat a letter here and there),
/// set off from its host word by a change of case (or letters and digits),
/// and the host keeps at least two letters. Ordinary words never repeat a
/// token four times; a word that is nothing but a repetition ("hahahaha")
/// has no host and is left alone.
pub(crate) fn remove_garbage_runs(s: &str) -> (String, usize) {
    let mut out = String::with_capacity(s.len());
    let mut removed = 0;
    let mut word: Vec<char> = Vec::new();
    let mut word_start = 0;
    let mut flush = |out: &mut String, word: &mut Vec<char>, start: usize, end: usize| {
        let span = &s[start..end];
        if word.len() >= MIN_WORD_WITH_RUN {
            if let Some(run) = find_run(word) {
                removed += 1;
                let before: String = word[..run.start].iter().collect();
                let after: String = word[run.end..].iter().collect();
                out.push_str(&before);
                if !before.is_empty() && !after.is_empty() {
                    out.push(' ');
                }
                out.push_str(&after);
                word.clear();
                return;
            }
        }
        out.push_str(span);
        word.clear();
    };
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if word.is_empty() {
                word_start = i;
            }
            word.push(c);
        } else {
            if !word.is_empty() {
                flush(&mut out, &mut word, word_start, i);
            }
            out.push(c);
        }
    }
    if !word.is_empty() {
        flush(&mut out, &mut word, word_start, s.len());
    }
    (out, removed)
}

const MIN_REPEATS: usize = 4;
const MIN_HOST: usize = 2;
const MIN_WORD_WITH_RUN: usize = MIN_HOST + 2 * MIN_REPEATS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseClass {
    Upper,
    Lower,
    Other,
}

fn case_class(c: char) -> CaseClass {
    if c.is_uppercase() {
        CaseClass::Upper
    } else if c.is_lowercase() {
        CaseClass::Lower
    } else {
        CaseClass::Other
    }
}

/// The longest garbage run in a word, as a char range.
fn find_run(word: &[char]) -> Option<std::ops::Range<usize>> {
    (2..=4)
        .flat_map(|k| periodic_regions(word, k).into_iter().map(move |r| (k, r)))
        .filter_map(|(k, region)| validate_run(word, k, region))
        .max_by_key(|r| r.len())
}

/// Stretches of `word` that repeat with period `k`, bridging the short
/// breaks an inserted or dropped letter causes.
fn periodic_regions(word: &[char], k: usize) -> Vec<std::ops::Range<usize>> {
    let mut regions = Vec::new();
    let mut current: Option<(usize, usize)> = None; // first and last matching index
    for i in 0..word.len().saturating_sub(k) {
        if word[i] == word[i + k] {
            current = match current {
                Some((a, _)) => Some((a, i)),
                None => Some((i, i)),
            };
        } else if let Some((a, b)) = current {
            if i - b > k + 1 {
                regions.push(a..b + k + 1);
                current = None;
            }
        }
    }
    if let Some((a, b)) = current {
        regions.push(a..b + k + 1);
    }
    regions.retain(|r| r.len() >= MIN_REPEATS * k);
    regions
}

fn validate_run(
    word: &[char],
    k: usize,
    region: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let boundary = |i: usize| case_class(word[i - 1]) != case_class(word[i]);
    // The run begins at the start of the word or at a case change.
    let start = if region.start == 0 {
        0
    } else {
        (region.start..(region.start + k).min(region.end)).find(|&i| boundary(i))?
    };
    let end = if region.end >= word.len() {
        word.len()
    } else {
        (region.end.saturating_sub(k).max(start + 1)..=region.end)
            .rev()
            .find(|&i| boundary(i))?
    };
    if start >= end || (start < MIN_HOST && word.len() - end < MIN_HOST) {
        return None;
    }
    let run = &word[start..end];
    let token = run.get(..k)?;
    let mut count = 0;
    let mut i = 0;
    while i + k <= run.len() {
        if &run[i..i + k] == token {
            count += 1;
            i += k;
        } else {
            i += 1;
        }
    }
    (count >= MIN_REPEATS && count * k * 4 >= run.len() * 3).then_some(start..end)
}

/// Drops a lone period standing after a finished sentence
/// (`days earlier. .` → `days earlier.`).
pub(crate) fn tidy_stray_periods(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let lone_period = bytes[i] == b' '
            && bytes.get(i + 1) == Some(&b'.')
            && bytes.get(i + 2).is_none_or(|b| b.is_ascii_whitespace());
        if lone_period && after_sentence_end(&out) {
            i += 2;
            continue;
        }
        // Copy up to the next space in one step.
        let next = bytes[i + 1..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(s.len(), |n| i + 1 + n);
        out.push_str(&s[i..next]);
        i = next;
    }
    out
}

fn after_sentence_end(out: &str) -> bool {
    out.trim_end_matches(|c: char| crate::wordlists::is_closing_quote(c) || c == '"')
        .ends_with(['.', '?', '!', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glued(s: &str) -> String {
        split_glued_sentences(s).0
    }

    #[test]
    fn glued_sentences_split() {
        assert_eq!(glued("at Khmeimim.The runway"), "at Khmeimim. The runway");
        assert_eq!(
            glued("forces out.Yet according"),
            "forces out. Yet according"
        );
        assert_eq!(glued("Really?Yes it is!No"), "Really? Yes it is! No");
        assert_eq!(glued("will leave.”Russia has"), "will leave.” Russia has");
        assert_eq!(glued("had fallen”.In recent"), "had fallen”. In recent");
        assert_eq!(glued("the 1970s.Over the"), "the 1970s. Over the");
        assert_eq!(glued("he said.I think"), "he said. I think");
        assert_eq!(
            glued("\"We stay.\"Russia left.\"No more"),
            "\"We stay.\" Russia left. \"No more"
        );
        assert_eq!(split_glued_sentences("a b.Cd e.Fg").1, 2);
        assert_eq!(glued("one.Two.Three"), "one. Two. Three");
    }

    #[test]
    fn abbreviations_numbers_and_addresses_kept() {
        for s in [
            "the U.S. Army and the U.S.Navy",
            "e.g.The point, i.e.This one",
            "J.R.R.Tolkien wrote",
            "grew 3.5 percent",
            "visit example.com or Amazon.com today",
            "see https://x.example/News.Today and www.Site.Com",
            "mail me@home.Here please",
            "open report.pdf and main.rs",
            "at 10.30 or 5 p.m.The end",
            "ASP.NET and Node.JS",
            "wait...Then",
        ] {
            assert_eq!(glued(s), s);
        }
    }

    fn garbage(s: &str) -> String {
        remove_garbage_runs(s).0
    }

    #[test]
    fn garbage_runs_removed() {
        assert_eq!(
            garbage("At the entranceHTSHTSHTSHTSTHTSHTSHTSTHTSHTSHTSHTS to Khmeimim"),
            "At the entrance to Khmeimim"
        );
        assert_eq!(garbage("wordXYXYXYXYXY, next"), "word, next");
        assert_eq!(garbage("ABABABABABstart"), "start");
        assert_eq!(remove_garbage_runs("aQZQZQZQZQZb cdeQZQZQZQZ").1, 1);
    }

    #[test]
    fn normal_words_kept() {
        for s in [
            "Mississippi bananas hahaha hahahahahaha",
            "Yeahhahahahaha said the man",
            "HTSHTSHTSHTS alone",
            "McDonaldMcDonald",
            "assassinations referendum",
            "日本日本日本日本日本",
        ] {
            assert_eq!(garbage(s), s);
        }
    }

    #[test]
    fn stray_periods_tidied() {
        assert_eq!(
            tidy_stray_periods("days earlier. . Next"),
            "days earlier. Next"
        );
        assert_eq!(
            tidy_stray_periods("to the nation,” he wrote. ."),
            "to the nation,” he wrote."
        );
        assert_eq!(tidy_stray_periods("he said.” ."), "he said.”");
        assert_eq!(tidy_stray_periods("a . b"), "a . b");
        assert_eq!(tidy_stray_periods("version 1 .5"), "version 1 .5");
    }
}

//! Full-text search across the corpus: which articles contain every word of
//! a query, and how often.
//!
//! An inverted index of normalized words ([`super::statements::words`]:
//! case folded, apostrophes dropped). Each word's postings are (article,
//! count) pairs as LEB128 varints, a few bytes each, so 50,000 articles fit
//! in tens of megabytes; an article is indexed when its analysis is stored,
//! in time linear in its text.

use std::collections::{HashMap, HashSet};

use super::statements::words;

/// The corpus's words and where they occur.
#[derive(Debug, Default, Clone)]
pub struct FullText {
    vocab: HashMap<Box<str>, u32>,
    /// Per word id: varint (article, count) pairs.
    postings: Vec<Vec<u8>>,
    /// The articles indexed. Their words are not kept (that was a third of
    /// the index): replacing an article, rare, reads every list.
    indexed: HashSet<u32>,
}

/// An article containing every word of a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub article: usize,
    /// Occurrences of the query's words.
    pub count: usize,
}

impl FullText {
    /// Indexes (or indexes anew) an article's text.
    pub fn insert(&mut self, article: usize, text: &str) {
        let Ok(article) = u32::try_from(article) else {
            return;
        };
        if self.indexed.contains(&article) {
            self.remove(article);
        }
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for (_, word) in words(text) {
            let next = u32::try_from(self.vocab.len()).unwrap_or(u32::MAX);
            let id = *self.vocab.entry(word.into_boxed_str()).or_insert(next);
            *counts.entry(id).or_default() += 1;
        }
        let mut ids: Vec<u32> = counts.keys().copied().collect();
        ids.sort_unstable();
        for &id in &ids {
            let slot = id as usize;
            if self.postings.len() <= slot {
                self.postings.resize_with(slot + 1, Vec::new);
            }
            push_varint(&mut self.postings[slot], article);
            push_varint(&mut self.postings[slot], counts[&id]);
        }
        self.indexed.insert(article);
    }

    fn remove(&mut self, article: u32) {
        self.indexed.remove(&article);
        for list in &mut self.postings {
            if pairs(list).all(|(a, _)| a != article) {
                continue;
            }
            let kept: Vec<(u32, u32)> = pairs(list).filter(|&(a, _)| a != article).collect();
            list.clear();
            for (a, c) in kept {
                push_varint(list, a);
                push_varint(list, c);
            }
        }
    }

    /// The articles containing every word of `query`, in corpus order;
    /// empty for a query without words.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut ids: Vec<u32> = Vec::new();
        for (_, word) in words(query) {
            match self.vocab.get(word.as_str()) {
                Some(&id) => ids.push(id),
                None => return Vec::new(),
            }
        }
        ids.sort_unstable();
        ids.dedup();
        // Start from the rarest word: the others only confirm.
        ids.sort_by_key(|&id| self.postings.get(id as usize).map_or(0, Vec::len));
        let Some((&first, rest)) = ids.split_first() else {
            return Vec::new();
        };
        let mut hits: HashMap<u32, usize> =
            self.list(first).map(|(a, c)| (a, c as usize)).collect();
        for &id in rest {
            let mut next = HashMap::with_capacity(hits.len());
            for (a, c) in self.list(id) {
                if let Some(&sofar) = hits.get(&a) {
                    next.insert(a, sofar + c as usize);
                }
            }
            hits = next;
            if hits.is_empty() {
                break;
            }
        }
        let mut out: Vec<Hit> = hits
            .into_iter()
            .map(|(article, count)| Hit {
                article: article as usize,
                count,
            })
            .collect();
        out.sort_unstable_by_key(|h| h.article);
        out
    }

    fn list(&self, id: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        pairs(
            self.postings
                .get(id as usize)
                .map_or(&[][..], Vec::as_slice),
        )
    }
}

/// The byte range of the first word of `text` that is a word of `query`.
pub fn first_hit(text: &str, query: &str) -> Option<std::ops::Range<usize>> {
    let wanted: Vec<String> = words(query).into_iter().map(|(_, n)| n).collect();
    words(text).into_iter().find_map(|(surface, normal)| {
        wanted.contains(&normal).then(|| {
            // `surface` is a slice of `text`: its offset is the distance.
            let start = surface.as_ptr() as usize - text.as_ptr() as usize;
            start..start + surface.len()
        })
    })
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Decodes (article, count) pairs; a truncated tail is ignored.
fn pairs(mut bytes: &[u8]) -> impl Iterator<Item = (u32, u32)> + '_ {
    std::iter::from_fn(move || {
        let a = read_varint(&mut bytes)?;
        let c = read_varint(&mut bytes)?;
        Some((a, c))
    })
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut n: u32 = 0;
    for shift in (0..35).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        n |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_occur_and_hits_are_counted() {
        let mut index = FullText::default();
        index.insert(0, "The sea wall broke. The wall was old.");
        index.insert(1, "A sea of faces.");
        index.insert(2, "Walls and the SEA: wall, wall.");
        assert_eq!(
            index.search("wall"),
            vec![
                Hit {
                    article: 0,
                    count: 2
                },
                Hit {
                    article: 2,
                    count: 2
                }
            ]
        );
        assert_eq!(
            index.search("Sea  WALL"),
            vec![
                Hit {
                    article: 0,
                    count: 3
                },
                Hit {
                    article: 2,
                    count: 3
                }
            ]
        );
        assert!(index.search("sea dragon").is_empty());
        assert!(index.search(" — ").is_empty());
        // Indexed anew: the old words go.
        index.insert(0, "Nothing here.");
        assert_eq!(
            index.search("wall"),
            vec![Hit {
                article: 2,
                count: 2
            }]
        );
        assert_eq!(
            index.search("nothing"),
            vec![Hit {
                article: 0,
                count: 1
            }]
        );
    }

    #[test]
    fn varints_round_trip_large_numbers() {
        let mut out = Vec::new();
        for n in [0, 127, 128, 300, 70_000, u32::MAX] {
            push_varint(&mut out, n);
            push_varint(&mut out, 1);
        }
        let back: Vec<u32> = pairs(&out).map(|(a, _)| a).collect();
        assert_eq!(back, [0, 127, 128, 300, 70_000, u32::MAX]);
    }

    #[test]
    fn the_first_hit_is_the_first_query_word_in_the_text() {
        let text = "Ships wait. The Sea wall broke.";
        assert_eq!(first_hit(text, "wall sea"), Some(16..19));
        assert_eq!(first_hit(text, "dragon"), None);
    }
}

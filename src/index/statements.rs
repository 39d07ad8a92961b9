//! Statements: the same quoted words carried by several articles.
//!
//! Two quotations in different articles are one statement when their words,
//! normalized (quotation marks, case and punctuation dropped), are
//! identical, when one is a fragment of the other of at least
//! [`MIN_WORDS`] words, or when at least [`MIN_OVERLAP`] of the longer one's
//! words appear in the other in the same order. Statements are the connected
//! groups of such pairs.
//!
//! Candidates come from an inverted index of word pairs (shingles), so an
//! article's insertion costs time in its own quotations, not in the corpus:
//! a pair carried by more than [`POSTING_CAP`] quotations ("of the") stops
//! being evidence. Groups are kept in a union-find whose members are merged
//! smaller into larger, so the whole corpus is linear up to a log factor.

use std::collections::{HashMap, HashSet};

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::Corpus;
use crate::analyze::Quote;
use crate::model::Article;

/// Fewest normalized words a quotation needs to join a statement; shorter
/// ones (scare quotes, terms) are shared by chance.
pub const MIN_WORDS: usize = 4;
/// Share of the longer version's words the other must keep, in order.
pub const MIN_OVERLAP: f64 = 0.8;
/// A word pair in more quotations than this is too common to find
/// candidates by.
pub const POSTING_CAP: usize = 256;
/// Distinct word pairs two quotations must share to be compared at all: one
/// changed word in a five-word quotation still leaves two.
const MIN_SHARED_PAIRS: u32 = 2;

/// A quotation in the corpus: (article index, quote index), as in
/// [`super::Speaker::quotes`].
pub type QuoteRef = (usize, usize);

/// The statements of a corpus, kept up to date one article at a time.
#[derive(Debug, Default, Clone)]
pub struct Statements {
    vocab: HashMap<Box<str>, u32>,
    nodes: Vec<Node>,
    node_of: HashMap<QuoteRef, u32>,
    /// Articles inserted, so that a repeated insertion replaces.
    articles: HashSet<usize>,
    /// Word pair (two vocabulary ids) → nodes containing it.
    postings: HashMap<u64, Vec<u32>>,
    /// Union-find parent per node.
    parent: Vec<u32>,
    /// Members of each group, kept at its root (empty elsewhere).
    members: Vec<Vec<u32>>,
    /// Per exact word sequence (its hash), the nodes with it that did not
    /// join another such node (the first, and repeats within its article):
    /// an identical quotation (a wire copy, the commonest case) joins them
    /// without a search, however many copies there are.
    identical: HashMap<u64, Vec<u32>>,
}

#[derive(Debug, Clone)]
struct Node {
    quote: QuoteRef,
    words: Box<[u32]>,
}

/// Why two quotations were joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    Identical,
    Fragment,
    Overlap,
}

impl Statements {
    /// Adds (or replaces) one article's quotations and joins them to the
    /// statements they match.
    pub fn insert(&mut self, article: usize, text: &str, quotes: &[Quote]) {
        if !self.articles.insert(article) {
            self.remove_article(article);
            self.articles.insert(article);
        }
        for (qi, q) in quotes.iter().enumerate() {
            let words: Box<[u32]> = normalized_words(q.span.text(text))
                .map(|w| self.word_id(w))
                .collect();
            if words.len() < MIN_WORDS {
                continue;
            }
            self.add_node((article, qi), words);
        }
    }

    /// Forgets an article's quotations. Union-find cannot split a group, so
    /// the remaining quotations are joined again from scratch; this happens
    /// only when an article is analyzed anew.
    pub fn remove_article(&mut self, article: usize) {
        let kept: Vec<(QuoteRef, Box<[u32]>)> = std::mem::take(&mut self.nodes)
            .into_iter()
            .filter(|n| n.quote.0 != article)
            .map(|n| (n.quote, n.words))
            .collect();
        self.articles.remove(&article);
        self.node_of.clear();
        self.postings.clear();
        self.parent.clear();
        self.members.clear();
        self.identical.clear();
        for (quote, words) in kept {
            self.add_node(quote, words);
        }
    }

    /// The statement a quotation belongs to: every member, the quotation
    /// included, sorted; `None` when no other article carries its words.
    pub fn of(&self, quote: QuoteRef) -> Option<Vec<QuoteRef>> {
        let &node = self.node_of.get(&quote)?;
        let root = self.find(node);
        let members = &self.members[root as usize];
        if members.len() < 2 {
            return None;
        }
        let mut refs: Vec<QuoteRef> = members
            .iter()
            .map(|&m| self.nodes[m as usize].quote)
            .collect();
        refs.sort_unstable();
        Some(refs)
    }

    /// Every statement (two or more members), each sorted, in order of
    /// their first member.
    pub fn all(&self) -> Vec<Vec<QuoteRef>> {
        let mut out: Vec<Vec<QuoteRef>> = (0..self.members.len())
            .filter(|&r| self.members[r].len() >= 2 && self.parent[r] as usize == r)
            .map(|r| {
                let mut refs: Vec<QuoteRef> = self.members[r]
                    .iter()
                    .map(|&m| self.nodes[m as usize].quote)
                    .collect();
                refs.sort_unstable();
                refs
            })
            .collect();
        out.sort_unstable();
        out
    }

    fn word_id(&mut self, word: String) -> u32 {
        let next = u32::try_from(self.vocab.len()).unwrap_or(u32::MAX);
        *self.vocab.entry(word.into_boxed_str()).or_insert(next)
    }

    fn add_node(&mut self, quote: QuoteRef, words: Box<[u32]>) {
        let Ok(id) = u32::try_from(self.nodes.len()) else {
            return;
        };
        // Whatever matches this quotation matches the identical ones before
        // it and is in their groups already: joining those is enough.
        let sequence = sequence_hash(&words);
        let nodes = &self.nodes;
        let same: Vec<u32> = self
            .identical
            .get(&sequence)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&n| nodes[n as usize].words == words && nodes[n as usize].quote.0 != quote.0)
            .collect();
        let joined = if same.is_empty() {
            self.identical.entry(sequence).or_default().push(id);
            self.similar_to(id, quote, &words)
        } else {
            same
        };
        self.nodes.push(Node { quote, words });
        self.node_of.insert(quote, id);
        self.parent.push(id);
        self.members.push(vec![id]);
        for other in joined {
            self.union(id, other);
        }
    }

    /// The earlier quotations in other articles that quotation `id`'s
    /// `words` match, found through the word-pair postings (which take it
    /// in).
    fn similar_to(&mut self, id: u32, quote: QuoteRef, words: &[u32]) -> Vec<u32> {
        let pairs = pair_keys(words);
        // Count shared pairs per earlier quotation in other articles.
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for key in &pairs {
            if let Some(list) = self.postings.get(key) {
                if list.len() >= POSTING_CAP {
                    continue;
                }
                for &other in list {
                    if self.nodes[other as usize].quote.0 != quote.0 {
                        *shared.entry(other).or_default() += 1;
                    }
                }
            }
        }
        let mut joined: Vec<u32> = shared
            .into_iter()
            .filter(|&(other, count)| {
                count >= MIN_SHARED_PAIRS.min(words.len() as u32 - 1)
                    && matches(words, &self.nodes[other as usize].words).is_some()
            })
            .map(|(other, _)| other)
            .collect();
        joined.sort_unstable();
        for key in pairs {
            let list = self.postings.entry(key).or_default();
            if list.len() < POSTING_CAP {
                list.push(id);
            }
        }
        joined
    }

    fn find(&self, mut node: u32) -> u32 {
        while self.parent[node as usize] != node {
            node = self.parent[node as usize];
        }
        node
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        // Smaller group under the larger: depth and moves stay logarithmic.
        let (big, small) = if self.members[ra as usize].len() >= self.members[rb as usize].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small as usize] = big;
        let moved = std::mem::take(&mut self.members[small as usize]);
        self.members[big as usize].extend(moved);
    }
}

/// A hash of a quotation's word sequence.
fn sequence_hash(words: &[u32]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for w in words {
        hasher.update(&w.to_le_bytes());
    }
    hasher.digest()
}

/// The distinct adjacent word pairs of a quotation, as keys.
fn pair_keys(words: &[u32]) -> Vec<u64> {
    let mut keys: Vec<u64> = words
        .windows(2)
        .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Whether two normalized quotations are one statement, and why.
pub fn matches<T: Eq + std::hash::Hash + Ord>(a: &[T], b: &[T]) -> Option<Match> {
    if a.len() < MIN_WORDS || b.len() < MIN_WORDS {
        return None;
    }
    if a == b {
        return Some(Match::Identical);
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.windows(short.len()).any(|w| w == short) {
        return Some(Match::Fragment);
    }
    // In-order overlap can only reach the bar when the lengths are close.
    if (short.len() as f64) < MIN_OVERLAP * long.len() as f64 {
        return None;
    }
    let kept: usize = capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .map(|op| match *op {
            DiffOp::Equal { len, .. } => len,
            _ => 0,
        })
        .sum();
    (kept as f64 >= MIN_OVERLAP * long.len() as f64).then_some(Match::Overlap)
}

/// A quotation's words as written, each with its normalized form: case
/// folded, apostrophes dropped ("Don’t" → "dont"), everything that is not a
/// letter or digit a separator.
pub fn words(text: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | 'ʼ');
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let surface = text[s..i].trim_matches(|c: char| !c.is_alphanumeric());
                let normal: String = surface
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect();
                if !normal.is_empty() {
                    out.push((surface, normal));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The normalized words of a quotation.
pub fn normalized_words(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).into_iter().map(|(_, n)| n)
}

/// One run of a word-by-word comparison of a version with the statement's
/// reference version, in the version's reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordDiff {
    /// Words both carry (as this version writes them).
    Same(String),
    /// Reference words this version leaves out.
    Cut(String),
    /// Words only this version has.
    Added(String),
    /// Reference words this version gives differently.
    Changed { from: String, to: String },
}

/// Compares a version of a statement with its reference, word by word
/// (normalized words decide; the words are shown as each side writes them).
pub fn diff_words(reference: &str, version: &str) -> Vec<WordDiff> {
    let old = words(reference);
    let new = words(version);
    let old_keys: Vec<&str> = old.iter().map(|(_, n)| n.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|(_, n)| n.as_str()).collect();
    let join = |list: &[(&str, String)], range: std::ops::Range<usize>| {
        list[range]
            .iter()
            .map(|(s, _)| *s)
            .collect::<Vec<_>>()
            .join(" ")
    };
    capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys)
        .into_iter()
        .map(|op| match op {
            DiffOp::Equal { new_index, len, .. } => {
                WordDiff::Same(join(&new, new_index..new_index + len))
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => WordDiff::Cut(join(&old, old_index..old_index + old_len)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => WordDiff::Added(join(&new, new_index..new_index + new_len)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => WordDiff::Changed {
                from: join(&old, old_index..old_index + old_len),
                to: join(&new, new_index..new_index + new_len),
            },
        })
        .collect()
}

/// The outlet an article comes from, for grouping and display: the one
/// the page, feed or file names; else each file stands for its own (the
/// file name without its extension).
pub fn outlet_name(article: &Article) -> String {
    if let Some(outlet) = &article.outlet {
        return outlet.clone();
    }
    article
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| article.id.to_string())
}

/// One outlet's version of a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub quote: QuoteRef,
    pub outlet: String,
    pub title: String,
    pub date: Option<String>,
    /// The speaker this article gives the words to.
    pub speaker: Option<String>,
    /// The words against the statement's reference version.
    pub diff: Vec<WordDiff>,
}

/// A statement as the reader shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementView {
    /// Stable across runs and load orders: see [`Corpus::statement_id`].
    pub id: String,
    /// The fullest version (most words), which the others are compared to.
    pub reference: QuoteRef,
    pub versions: Vec<Version>,
    /// Articles give the same words to different speakers.
    pub conflicting_speakers: bool,
}

impl Corpus {
    fn quote_text(&self, (article, quote): QuoteRef) -> &str {
        let text = self.articles.get(article).map_or("", |a| a.text.as_str());
        self.analysis(article)
            .and_then(|a| a.quotes.get(quote))
            .map_or("", |q| q.span.text(text))
    }

    /// The members of a quotation's statement, less words the reader marked
    /// as not a quotation; `None` unless two articles are left.
    fn statement_members(&self, quote: QuoteRef) -> Option<Vec<QuoteRef>> {
        if self.is_rejected(quote.0, quote.1) {
            return None;
        }
        let mut members = self.statements.of(quote)?;
        members.retain(|&(a, q)| !self.is_rejected(a, q));
        members
            .iter()
            .any(|&(a, _)| a != quote.0)
            .then_some(members)
    }

    /// The id of a quotation's statement: the article id and quote number of
    /// its member whose article id sorts first, so the same articles give
    /// the same ids whatever order they load in.
    pub fn statement_id(&self, quote: QuoteRef) -> Option<String> {
        let members = self.statement_members(quote)?;
        self.statement_id_of(&members)
    }

    fn statement_id_of(&self, members: &[QuoteRef]) -> Option<String> {
        members
            .iter()
            .filter_map(|&(a, q)| Some((&self.articles.get(a)?.id, q)))
            .min()
            .map(|(id, q)| format!("{id}#{q}"))
    }

    /// How many outlets other than the quotation's own carry its statement.
    pub fn also_in_outlets(&self, quote: QuoteRef) -> usize {
        let Some(members) = self.statement_members(quote) else {
            return 0;
        };
        let own = self.articles.get(quote.0).map(outlet_name);
        let mut outlets: Vec<String> = members
            .iter()
            .filter_map(|&(a, _)| self.articles.get(a).map(outlet_name))
            .filter(|o| Some(o) != own.as_ref())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets.len()
    }

    /// A quotation's statement with every version compared word by word
    /// with the fullest one.
    pub fn statement(&self, quote: QuoteRef) -> Option<StatementView> {
        let members = self.statement_members(quote)?;
        let reference = members
            .iter()
            .copied()
            .max_by_key(|&m| (words(self.quote_text(m)).len(), std::cmp::Reverse(m)))?;
        let reference_text = self.quote_text(reference);
        let versions: Vec<Version> = members
            .iter()
            .filter_map(|&m| {
                let article = self.articles.get(m.0)?;
                Some(Version {
                    quote: m,
                    outlet: outlet_name(article),
                    title: article.title.clone(),
                    date: article.date.clone(),
                    speaker: self.quote_speaker_name(m.0, m.1).map(str::to_string),
                    diff: diff_words(reference_text, self.quote_text(m)),
                })
            })
            .collect();
        let mut speakers: Vec<&str> = versions
            .iter()
            .filter_map(|v| v.speaker.as_deref())
            .collect();
        speakers.sort_unstable();
        speakers.dedup();
        Some(StatementView {
            id: self.statement_id_of(&members)?,
            reference,
            conflicting_speakers: speakers.len() > 1,
            versions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> Vec<String> {
        normalized_words(s).collect()
    }

    #[test]
    fn normalizing_drops_marks_case_and_punctuation() {
        assert_eq!(
            norm("“We Don’t negotiate — ever,” he"),
            ["we", "dont", "negotiate", "ever", "he"]
        );
        assert_eq!(norm("'Tis the 2nd time."), ["tis", "the", "2nd", "time"]);
        assert!(norm("— … !").is_empty());
    }

    #[test]
    fn identical_fragment_and_overlap_match_but_short_or_loose_ones_do_not() {
        let full = norm("We will rebuild the harbour before the winter storms arrive");
        assert_eq!(matches(&full, &full), Some(Match::Identical));
        let cut = norm("rebuild the harbour before");
        assert_eq!(matches(&full, &cut), Some(Match::Fragment));
        assert_eq!(matches(&cut, &full), Some(Match::Fragment));
        // One word changed in ten: 90% kept in order.
        let changed = norm("We will rebuild the port before the winter storms arrive");
        assert_eq!(matches(&full, &changed), Some(Match::Overlap));
        // Three words of a fragment are too few.
        assert_eq!(matches(&full, &norm("rebuild the harbour")), None);
        // Half the words changed.
        let loose = norm("We shall repair a harbour after the autumn storms arrive");
        assert_eq!(matches(&full, &loose), None);
        // Same words, other order: not in order.
        let shuffled = norm("arrive storms winter the before harbour the rebuild will We");
        assert_eq!(matches(&full, &shuffled), None);
    }

    fn quote(text: &str, words: &str) -> Quote {
        let start = text.find(words).expect("fixture quote in text");
        Quote {
            span: (start..start + words.len()).into(),
            kind: crate::analyze::QuoteKind::Full,
            speaker: None,
            speaker_mention: None,
            cue: None,
            attribution: None,
        }
    }

    #[test]
    fn statements_join_across_articles_only() {
        let a = "“The bridge will open in May, not a day later,” she said. “Ask the engineers.”";
        let b = "The minister said “the bridge will open in May” and left.";
        let c = "“The bridge will open in June, not a day later,” she said.";
        let d = "“Nothing about bridges here at all today,” he said.";
        let mut s = Statements::default();
        s.insert(
            0,
            a,
            &[
                quote(a, "The bridge will open in May, not a day later,"),
                quote(a, "Ask the engineers."),
            ],
        );
        s.insert(1, b, &[quote(b, "the bridge will open in May")]);
        s.insert(
            2,
            c,
            &[quote(c, "The bridge will open in June, not a day later,")],
        );
        s.insert(
            3,
            d,
            &[quote(d, "Nothing about bridges here at all today,")],
        );
        let expected = vec![(0, 0), (1, 0), (2, 0)];
        assert_eq!(s.of((1, 0)), Some(expected.clone()));
        assert_eq!(s.of((0, 1)), None, "too short to match anything");
        assert_eq!(s.of((3, 0)), None);
        assert_eq!(s.all(), vec![expected]);
        // Analyzing an article anew replaces its quotations.
        s.insert(
            2,
            d,
            &[quote(d, "Nothing about bridges here at all today,")],
        );
        assert_eq!(s.of((2, 0)), Some(vec![(2, 0), (3, 0)]));
        assert_eq!(s.of((0, 0)), Some(vec![(0, 0), (1, 0)]));
    }

    #[test]
    fn a_quotation_repeated_within_one_article_is_not_a_statement() {
        let a = "“We will not sign this deal,” he said. Later: “We will not sign this deal.”";
        let mut s = Statements::default();
        s.insert(
            0,
            a,
            &[
                quote(a, "We will not sign this deal,"),
                quote(a, "We will not sign this deal."),
            ],
        );
        assert_eq!(s.of((0, 0)), None);
    }

    #[test]
    fn identical_copies_join_however_many_there_are() {
        let text = "“We will not sign this deal,” he said. “We will not sign this deal.”";
        let copies = POSTING_CAP * 2;
        let mut s = Statements::default();
        // The first article says it twice; every other once.
        s.insert(
            0,
            text,
            &[
                quote(text, "We will not sign this deal,"),
                quote(text, "We will not sign this deal."),
            ],
        );
        for article in 1..copies {
            s.insert(article, text, &[quote(text, "We will not sign this deal,")]);
        }
        let all = s.all();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].len(), copies + 1);
        assert!(all[0].contains(&(0, 1)));
    }

    #[test]
    fn common_word_pairs_stop_being_indexed_past_the_cap() {
        let mut s = Statements::default();
        for i in 0..POSTING_CAP + 10 {
            let text = format!("one of the things w{i} x{i} y{i}");
            let q = quote(&text, &text);
            s.insert(i, &text, &[q]);
        }
        let key = {
            let one = s.vocab["one"];
            let of = s.vocab["of"];
            (u64::from(one) << 32) | u64::from(of)
        };
        assert_eq!(s.postings[&key].len(), POSTING_CAP);
        // Each shares "one of the things", neither is a fragment of another
        // and 4 of 7 words in order are not enough.
        assert!(s.all().is_empty());
    }

    #[test]
    fn word_diff_marks_cut_added_and_changed_words() {
        let reference = "We will rebuild the harbour before the winter storms arrive";
        let version = "We will quickly rebuild the port before the winter";
        assert_eq!(
            diff_words(reference, version),
            vec![
                WordDiff::Same("We will".into()),
                WordDiff::Added("quickly".into()),
                WordDiff::Same("rebuild the".into()),
                WordDiff::Changed {
                    from: "harbour".into(),
                    to: "port".into()
                },
                WordDiff::Same("before the winter".into()),
                WordDiff::Cut("storms arrive".into()),
            ]
        );
    }
}

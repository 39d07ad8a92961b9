//! The cleaner's word lists, compiled in from `assets/` and read once.

use std::collections::HashSet;
use std::sync::OnceLock;

fn set(data: &'static str) -> HashSet<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// A word of a story's first sentence that headlines leave out
/// (`assets/lede_words.txt`); `word` is lowercase.
pub(crate) fn is_lede_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| set(include_str!("../../assets/lede_words.txt")))
        .contains(word)
}

/// A class or id word that marks clutter around an article
/// (`assets/page_clutter.txt`); `word` is lowercase.
pub(crate) fn is_clutter_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| set(include_str!("../../assets/page_clutter.txt")))
        .contains(word)
}

/// An HTML element that ends a paragraph (`assets/html_block_tags.txt`);
/// `name` is lowercase.
pub(crate) fn is_block_tag(name: &str) -> bool {
    static TAGS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TAGS.get_or_init(|| set(include_str!("../../assets/html_block_tags.txt")))
        .contains(name)
}

//! Finding text: the reading pane's `/` search and the list's filter.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Every non-overlapping occurrence of `query` in `text`. Smart case: a
/// query with no capital letter matches any case (ASCII case folding, which
/// keeps byte offsets exact).
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    match matcher(query) {
        Some(matcher) => matcher.find_iter(text).map(|m| m.range()).collect(),
        None => Vec::new(),
    }
}

/// A matcher for `query`, or `None` for an empty query.
pub fn matcher(query: &str) -> Option<AhoCorasick> {
    if query.is_empty() {
        return None;
    }
    let fold = !query.chars().any(char::is_uppercase);
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(fold)
        .match_kind(MatchKind::LeftmostFirst)
        .build([query])
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_queries_ignore_case() {
        let text = "Peskov said; peskov said; PESKOV said";
        assert_eq!(find_all(text, "peskov").len(), 3);
        assert_eq!(find_all(text, "Peskov"), vec![0..6]);
        assert!(find_all(text, "").is_empty());
    }
}

//! Re-anchoring never panics and never lands off a character boundary,
//! whatever the text and the edit.

use onrecord::store::anchor::{anchor, Anchor, How, Selector};
use proptest::prelude::*;

/// Byte offset of character `i` of `s` (clamped to its end).
fn byte_of(s: &str, i: usize) -> usize {
    s.char_indices().nth(i).map_or(s.len(), |(b, _)| b)
}

proptest! {
    #[test]
    fn anchoring_is_safe_on_any_edit(
        text in "[a-cé —«»\n.]{1,160}",
        start in 0usize..160,
        len in 1usize..40,
        at in 0usize..170,
        removed in 0usize..20,
        inserted in "[a-cé ü]{0,12}",
    ) {
        let chars = text.chars().count();
        let start = start % chars;
        let end = (start + len).min(chars);
        let range = byte_of(&text, start)..byte_of(&text, end);
        let selector = Selector::from_range(&text, range.clone()).expect("a valid range");

        prop_assert_eq!(anchor(&text, &selector), Anchor::Anchored { range, how: How::Position });

        let at = at.min(chars);
        let cut = (at + removed).min(chars);
        let edited = format!(
            "{}{}{}",
            &text[..byte_of(&text, at)],
            inserted,
            &text[byte_of(&text, cut)..]
        );
        if let Anchor::Anchored { range, how } = anchor(&edited, &selector) {
            prop_assert!(range.start < range.end && range.end <= edited.len());
            prop_assert!(edited.is_char_boundary(range.start) && edited.is_char_boundary(range.end));
            if how != How::Fuzzy {
                prop_assert_eq!(&edited[range], selector.quote.exact.as_str());
            }
        }
        // An edit that leaves the passage alone never orphans it.
        if cut <= start || at >= end {
            prop_assert!(anchor(&edited, &selector) != Anchor::Orphaned);
        }
    }
}

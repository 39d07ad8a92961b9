//! The plain records the store keeps, and the edits that change them.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, SecondsFormat, Utc};

use super::anchor::{self, Anchor, Selector, TextPositionSelector, TextQuoteSelector};
use crate::model::Article;

/// Which article a note belongs to: its path and a hash of its cleaned text.
/// A note belongs to the file it was made on (an edited file keeps its
/// notes, re-anchored); the text hash only finds the file again after it
/// moved or was renamed (see [`ArticleKey::owns`]), so two present files
/// with the same text never share notes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArticleKey {
    /// The article's path as the loader gave it.
    pub source: String,
    /// [`text_hash`] of the cleaned text.
    pub text_hash: String,
}

impl ArticleKey {
    /// The key of a cleaned article; see [`ArticleKey::for_path`]. An
    /// article from the web is known by its address (a feed item's link,
    /// a page's URL): its text changes as the page is edited and ads
    /// rotate, its address does not. A file by its path, its text hash
    /// finding it again after a move.
    pub fn of(article: &Article) -> ArticleKey {
        ArticleKey::for_path(&article.path, &article.text)
    }

    /// The key of the article at `path` whose cleaned text is `text`. A path
    /// to a file on disk is made absolute (symlinks resolved) so the same
    /// file has the same key from any working directory; other paths (the
    /// bundled seeds) stay as given.
    pub fn for_path(path: &Path, text: &str) -> ArticleKey {
        ArticleKey::new(source_of(path), text)
    }

    /// The key of an article whose text is not read yet: no hash, so it
    /// takes nothing made on another file (a hash of no text would match
    /// every such article). Its text's hash follows once it is read.
    pub fn unread(source: impl Into<String>) -> ArticleKey {
        ArticleKey {
            source: source.into(),
            text_hash: String::new(),
        }
    }

    /// Whether the text's hash is known (see [`ArticleKey::unread`]).
    pub fn has_text(&self) -> bool {
        !self.text_hash.is_empty()
    }

    /// The key of the article at `source` whose cleaned text is `text`.
    pub fn new(source: impl Into<String>, text: &str) -> ArticleKey {
        ArticleKey {
            source: source.into(),
            text_hash: text_hash(text),
        }
    }
}

impl ArticleKey {
    /// Whether a note made on `note` belongs to this article: the same
    /// path, or the same text at a path where no file is any more (the
    /// file moved here).
    pub fn owns(&self, note: &ArticleKey) -> bool {
        note.source == self.source
            || (self.has_text() && note.text_hash == self.text_hash && source_is_gone(&note.source))
    }
}

/// A key's source for `path`: made absolute, symlinks resolved, when it
/// is a file on disk; as given otherwise.
pub fn source_of(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Whether the file a note was made on is gone from its path. Only
/// absolute paths (files on disk) can move; bundled seeds cannot.
pub(crate) fn source_is_gone(source: &str) -> bool {
    let path = Path::new(source);
    path.is_absolute() && std::fs::symlink_metadata(path).is_err()
}

/// The xxh3 hash of a cleaned text, as 16 hex digits.
pub fn text_hash(text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// A bookmark's or annotation's id: a random UUID (version 4 layout), chosen
/// before the write so a retried edit cannot make a duplicate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoteId(pub String);

impl NoteId {
    /// A fresh random id.
    pub fn random() -> NoteId {
        let hi = random_u64();
        let lo = random_u64();
        // Version 4, variant 10xx, so the id is a well-formed UUID.
        let hi = (hi & !0xf000) | 0x4000;
        let lo = (lo & !(0b11 << 62)) | (0b10 << 62);
        NoteId(format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            hi >> 32,
            (hi >> 16) & 0xffff,
            hi & 0xffff,
            lo >> 48,
            lo & 0xffff_ffff_ffff
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 64 random bits from std: a freshly keyed SipHash over the time, the
/// process id and a counter.
fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.finish()
}

/// A bookmark on a whole article (`passage` is `None`) or on a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    pub id: NoteId,
    pub article: ArticleKey,
    pub passage: Option<Selector>,
    pub created: DateTime<Utc>,
}

/// A note on a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub id: NoteId,
    pub article: ArticleKey,
    pub selector: Selector,
    /// The note; may span several lines.
    pub note: String,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
}

impl Annotation {
    /// Where the passage is in `text`, the article's current cleaned text.
    pub fn anchor(&self, text: &str) -> Anchor {
        anchor::anchor(text, &self.selector)
    }
}

impl Bookmark {
    /// Where the bookmarked passage is in `text`; `None` for an article
    /// bookmark.
    pub fn anchor(&self, text: &str) -> Option<Anchor> {
        self.passage.as_ref().map(|s| anchor::anchor(text, s))
    }
}

/// Characters of the top line kept to find a reading position again.
const POSITION_QUOTE_CHARS: usize = 64;

/// Where the reader was in an article: a character offset and the text of
/// the line at that offset, so the place survives edits above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingPosition {
    /// Offset in characters of the top visible line.
    pub char_offset: usize,
    /// The text at that offset (up to 64 characters, within its block) with
    /// context.
    pub quote: TextQuoteSelector,
}

impl ReadingPosition {
    /// The position at byte `offset` of `text` (moved back to a character
    /// boundary if needed).
    pub fn at(text: &str, offset: usize) -> ReadingPosition {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let rest = &text[offset..];
        let block_end = rest.find("\n\n").unwrap_or(rest.len());
        let line_end = rest[..block_end]
            .char_indices()
            .nth(POSITION_QUOTE_CHARS)
            .map_or(block_end, |(b, _)| b);
        match Selector::from_range(text, offset..offset + line_end) {
            Some(selector) => ReadingPosition {
                char_offset: selector.position.start,
                quote: selector.quote,
            },
            None => ReadingPosition {
                char_offset: text[..offset].chars().count(),
                quote: TextQuoteSelector::default(),
            },
        }
    }

    /// The byte offset of this position in `text`: where its line is found
    /// again, else the old character offset (clamped to the text).
    pub fn locate(&self, text: &str) -> usize {
        let selector = Selector {
            quote: self.quote.clone(),
            position: TextPositionSelector {
                start: self.char_offset,
                end: self
                    .char_offset
                    .saturating_add(self.quote.exact.chars().count()),
            },
        };
        if let Anchor::Anchored { range, .. } = anchor::anchor(text, &selector) {
            return range.start;
        }
        text.char_indices()
            .nth(self.char_offset)
            .map_or(text.len(), |(b, _)| b)
    }
}

/// One user action on the store. Applied with
/// [`Store::apply`](super::Store::apply) in one transaction; ids and
/// timestamps are chosen when the edit is made, so applying it again (a
/// retry after a failure) changes nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    AddBookmark(Bookmark),
    RemoveBookmark {
        id: NoteId,
    },
    AddAnnotation(Annotation),
    UpdateNote {
        id: NoteId,
        note: String,
        modified: DateTime<Utc>,
    },
    DeleteAnnotation {
        id: NoteId,
    },
    SetPosition {
        article: ArticleKey,
        position: ReadingPosition,
    },
    /// Marks an article read (its ✓) or unread.
    SetRead {
        article: ArticleKey,
        read: bool,
        at: DateTime<Utc>,
    },
    /// The article was open at this time (the reader starts on the one
    /// open last).
    Opened {
        article: ArticleKey,
        at: DateTime<Utc>,
    },
    /// Adds a correction of the analysis (or replaces an older one with its
    /// id).
    Correct(super::corrections::Correction),
    /// Takes a correction back.
    Uncorrect {
        id: NoteId,
    },
}

impl Edit {
    /// Bookmarks the whole article.
    pub fn bookmark_article(article: ArticleKey) -> Edit {
        Edit::AddBookmark(Bookmark {
            id: NoteId::random(),
            article,
            passage: None,
            created: now(),
        })
    }

    /// Bookmarks a passage.
    pub fn bookmark_passage(article: ArticleKey, passage: Selector) -> Edit {
        Edit::AddBookmark(Bookmark {
            id: NoteId::random(),
            article,
            passage: Some(passage),
            created: now(),
        })
    }

    /// Annotates a passage with a note.
    pub fn annotate(article: ArticleKey, selector: Selector, note: impl Into<String>) -> Edit {
        let at = now();
        Edit::AddAnnotation(Annotation {
            id: NoteId::random(),
            article,
            selector,
            note: note.into(),
            created: at,
            modified: at,
        })
    }

    /// Replaces an annotation's note.
    pub fn update_note(id: NoteId, note: impl Into<String>) -> Edit {
        Edit::UpdateNote {
            id,
            note: note.into(),
            modified: now(),
        }
    }

    /// Marks the article read or unread.
    pub fn set_read(article: ArticleKey, read: bool) -> Edit {
        Edit::SetRead {
            article,
            read,
            at: now(),
        }
    }

    /// Remembers that the article is open now.
    pub fn opened(article: ArticleKey) -> Edit {
        Edit::Opened { article, at: now() }
    }

    /// Remembers the reading position at byte `offset` of the article's text.
    pub fn set_position(article: ArticleKey, text: &str, offset: usize) -> Edit {
        Edit::SetPosition {
            article,
            position: ReadingPosition::at(text, offset),
        }
    }
}

/// What applying an edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The store changed.
    Changed,
    /// Already so (a retried edit, or removing something already gone).
    Unchanged,
    /// Not applied: the note was changed later elsewhere, and the later
    /// change is kept.
    Superseded,
}

/// The current time, to the millisecond (as stored).
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    parse_time(&format_time(&t)).unwrap_or(t)
}

/// A time as stored and exported: RFC 3339 in UTC with milliseconds.
pub(crate) fn format_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses an RFC 3339 time, in any offset.
pub(crate) fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuid_v4_shaped_and_distinct() {
        let a = NoteId::random();
        let b = NoteId::random();
        assert_ne!(a, b);
        assert_eq!(a.0.len(), 36);
        assert_eq!(a.0.as_bytes()[14], b'4');
        assert!(matches!(a.0.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn article_keys_name_files_absolutely() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").unwrap();
        let key = ArticleKey::for_path(&dir.path().join(".").join("a.txt"), "Body.");
        assert_eq!(
            key.source,
            std::fs::canonicalize(&file).unwrap().to_string_lossy()
        );
        assert_eq!(key.text_hash, text_hash("Body."));
        let seed = ArticleKey::for_path(Path::new("seeds/none-such.txt"), "Body.");
        assert_eq!(seed.source, "seeds/none-such.txt");
    }

    #[test]
    fn reading_position_survives_an_insertion_above() {
        let text = "First block here.\n\nSecond block, where the reader was.";
        let offset = text.find("Second").unwrap();
        let pos = ReadingPosition::at(text, offset);
        assert_eq!(pos.quote.exact, "Second block, where the reader was.");
        let edited = format!("A new lede.\n\n{text}");
        assert_eq!(pos.locate(&edited), edited.find("Second").unwrap());
        assert_eq!(pos.locate(""), 0);
    }
}

//! Bookmarks and annotations in the reader: what the store holds, the
//! passage selection, the note editor, and the lists, as data. What the
//! keys do with them is in `update::notes`.
//!
//! `update` never writes to the store: it queues [`Edit`]s in
//! [`Notes::outbox`]; the event loop applies them (in order, retrying what
//! fails) and sends back a [`NotesSnapshot`] of what is stored, so the
//! screen shows a note as saved only once it is.

use std::ops::Range;

use ratatui::style::Style;
use tui_textarea::TextArea;

use super::highlight::{Highlight, Layer};
use super::theme::Theme;
use crate::clean::sanitize::inert;
use crate::store::{Anchor, Annotation, ArticleKey, Bookmark, Correction, Edit, How, NoteId};

/// What the store holds, as last read, and what is still waiting for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesSnapshot {
    pub bookmarks: Vec<Bookmark>,
    pub annotations: Vec<Annotation>,
    /// The reader's corrections of the analysis.
    pub corrections: Vec<Correction>,
    /// Edits not yet in the store, oldest first.
    pub waiting: Vec<Edit>,
    /// Why they wait (a busy store, a full disk, a read-only directory).
    pub problem: Option<String>,
    /// Edits the store refused for good (the note was deleted elsewhere).
    pub refused: Vec<String>,
}

/// Marks the list shows for an article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArticleMarks {
    pub bookmarked: bool,
    pub annotated: bool,
}

/// The open article's notes, placed in its current text.
#[derive(Debug, Clone, Default)]
pub struct PlacedNotes {
    /// Annotated passages, for the text.
    pub layer: Layer,
    /// Annotated and bookmarked passages, sorted, for the gutter.
    pub gutter: Vec<(Range<usize>, Gutter)>,
}

/// What the gutter shows beside a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gutter {
    Annotation,
    Bookmark,
}

/// A passage being selected, sentence by sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub article: usize,
    /// Sentence where the selection started and the one it reaches, as
    /// indices into the article's sentence ranges.
    pub anchor: usize,
    pub cursor: usize,
    /// A quotation selected whole instead.
    pub quote: Option<Range<usize>>,
}

/// What the editor's note is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorTarget {
    /// A new annotation on this passage.
    New { article: usize, range: Range<usize> },
    /// An existing annotation.
    Existing { id: NoteId },
}

/// The note editor.
#[derive(Debug, Clone)]
pub struct Editor {
    pub target: EditorTarget,
    pub input: TextArea<'static>,
    /// The note as it was when the editor opened.
    pub original: String,
    /// The passage, for the editor's title.
    pub passage: String,
}

impl Editor {
    /// The note as typed.
    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }

    /// Whether the note differs from what it was.
    pub fn changed(&self) -> bool {
        self.text() != self.original
    }
}

/// Which list of notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesKind {
    Bookmarks,
    Annotations,
}

/// The bookmarks or annotations list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesView {
    pub kind: NotesKind,
    /// Only the open article's, or every article's.
    pub all_articles: bool,
    pub selected: usize,
}

/// A question waiting for yes or no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub on_yes: OnYes,
}

/// What "yes" does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnYes {
    DiscardNote,
    /// Import a rescue file left by an earlier run.
    ImportRescue(std::path::PathBuf),
    DeleteAnnotation(NoteId),
    RemoveBookmark(NoteId),
}

/// One entry of a notes list, placed in its article when that is open.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteEntry {
    /// The article it belongs to, if it is among those open.
    pub article: Option<usize>,
    pub id: NoteId,
    /// Where the passage is now; `None` for an article bookmark.
    pub anchor: Option<Anchor>,
    /// The passage as it was written.
    pub passage: String,
    pub note: Option<String>,
    /// Still waiting for the store.
    pub unsaved: bool,
}

/// Whether a note's article key names `key`'s article: the same path. A
/// note is never shared with another file of the same text; the notes of a
/// file that moved were given its new path when the store was loaded
/// ([`crate::store::Store::relocate`]).
pub fn same_article(note: &ArticleKey, key: &ArticleKey) -> bool {
    note.source == key.source
}

/// The notes state: what the store holds, and the edits queued for it.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    /// What the store holds, as last read, with what still waits for it.
    pub snapshot: NotesSnapshot,
    /// Edits for the event loop to take to the store.
    pub outbox: Vec<Edit>,
    /// Rescue files the user chose to import, for the event loop.
    pub rescue_imports: Vec<std::path::PathBuf>,
}

impl Notes {
    /// Queues an edit for the store; it shows as waiting until the store
    /// has it.
    pub fn submit(&mut self, edit: Edit) {
        self.snapshot.waiting.push(edit.clone());
        self.outbox.push(edit);
    }

    /// Annotations, stored or still waiting (`true`).
    pub fn annotations(&self) -> Vec<(Annotation, bool)> {
        let mut out: Vec<(Annotation, bool)> = self
            .snapshot
            .annotations
            .iter()
            .cloned()
            .map(|a| (a, false))
            .collect();
        for edit in &self.snapshot.waiting {
            match edit {
                Edit::AddAnnotation(a) => out.push((a.clone(), true)),
                Edit::UpdateNote { id, note, .. } => {
                    if let Some((a, unsaved)) = out.iter_mut().find(|(a, _)| &a.id == id) {
                        a.note.clone_from(note);
                        *unsaved = true;
                    }
                }
                Edit::DeleteAnnotation { id } => out.retain(|(a, _)| &a.id != id),
                _ => {}
            }
        }
        out
    }

    /// Corrections, stored or still waiting, oldest change first (the
    /// order they apply in): a correction shows at once, as a note does.
    pub fn corrections(&self) -> Vec<Correction> {
        let mut out = self.snapshot.corrections.clone();
        for edit in &self.snapshot.waiting {
            match edit {
                Edit::Correct(c) => {
                    out.retain(|o| o.id != c.id);
                    out.push(c.clone());
                }
                Edit::Uncorrect { id } => out.retain(|o| &o.id != id),
                _ => {}
            }
        }
        out.sort_by(|a, b| a.modified.cmp(&b.modified).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// Bookmarks, stored or still waiting (`true`).
    pub fn bookmarks(&self) -> Vec<(Bookmark, bool)> {
        let mut out: Vec<(Bookmark, bool)> = self
            .snapshot
            .bookmarks
            .iter()
            .cloned()
            .map(|b| (b, false))
            .collect();
        for edit in &self.snapshot.waiting {
            match edit {
                Edit::AddBookmark(b) => out.push((b.clone(), true)),
                Edit::RemoveBookmark { id } => out.retain(|(b, _)| &b.id != id),
                _ => {}
            }
        }
        out
    }

    /// The list's marks for articles with these keys, in time linear in
    /// articles plus notes.
    pub fn marks<'k>(&self, keys: impl Iterator<Item = &'k ArticleKey>) -> Vec<ArticleMarks> {
        use std::collections::HashSet;
        let mut bookmarked: HashSet<String> = HashSet::new();
        for (b, _) in self.bookmarks() {
            if b.passage.is_none() {
                bookmarked.insert(b.article.source);
            }
        }
        let mut annotated: HashSet<String> = HashSet::new();
        for (a, _) in self.annotations() {
            annotated.insert(a.article.source);
        }
        let has = |set: &HashSet<String>, key: &ArticleKey| set.contains(key.source.as_str());
        keys.map(|key| ArticleMarks {
            bookmarked: has(&bookmarked, key),
            annotated: has(&annotated, key),
        })
        .collect()
    }

    /// The notes of the article with `key`, placed in its `text`.
    pub fn placed(&self, text: &str, key: &ArticleKey, theme: &Theme) -> PlacedNotes {
        let mut highlights = Vec::new();
        let mut gutter = Vec::new();
        for (annotation, _) in self.annotations() {
            if !same_article(&annotation.article, key) {
                continue;
            }
            if let Some(range) = annotation.anchor(text).range() {
                highlights.push(Highlight {
                    range: range.clone(),
                    style: theme.annotated,
                });
                gutter.push((range, Gutter::Annotation));
            }
        }
        for (bookmark, _) in self.bookmarks() {
            if !same_article(&bookmark.article, key) {
                continue;
            }
            if let Some(range) = bookmark.anchor(text).and_then(|a| a.range()) {
                gutter.push((range, Gutter::Bookmark));
            }
        }
        gutter.sort_by_key(|(r, _)| (r.start, r.end));
        PlacedNotes {
            layer: Layer::new(highlights),
            gutter,
        }
    }

    /// The article bookmark of the article with `key`, if any.
    pub fn article_bookmark(&self, key: &ArticleKey) -> Option<Bookmark> {
        self.bookmarks()
            .into_iter()
            .map(|(b, _)| b)
            .find(|b| b.passage.is_none() && same_article(&b.article, key))
    }

    /// The passage bookmark of the article with `key` and `text` that
    /// covers exactly `range`, if any.
    pub fn passage_bookmark(
        &self,
        key: &ArticleKey,
        text: &str,
        range: &Range<usize>,
    ) -> Option<Bookmark> {
        self.bookmarks().into_iter().map(|(b, _)| b).find(|b| {
            same_article(&b.article, key)
                && b.anchor(text).and_then(|a| a.range()).as_ref() == Some(range)
        })
    }

    /// The entries of a notes list, in article then text order. `keys`
    /// are the open articles' keys, `open` the article in the reader, and
    /// `text_of` gives an open article's text.
    pub fn entries<'t>(
        &self,
        view: &NotesView,
        keys: &[&ArticleKey],
        open: Option<usize>,
        text_of: impl Fn(usize) -> Option<&'t str>,
    ) -> Vec<NoteEntry> {
        let article_of = |key: &ArticleKey| keys.iter().position(|k| same_article(key, k));
        let in_scope =
            |article: Option<usize>| view.all_articles || (article.is_some() && article == open);
        let mut entries: Vec<NoteEntry> = match view.kind {
            NotesKind::Annotations => self
                .annotations()
                .into_iter()
                .filter_map(|(a, unsaved)| {
                    let article = article_of(&a.article);
                    in_scope(article).then(|| NoteEntry {
                        article,
                        anchor: article.and_then(&text_of).map(|t| a.anchor(t)),
                        // Stores written before notes were sanitized on
                        // entry may still hold escapes.
                        passage: inert(&a.selector.quote.exact),
                        note: Some(inert(&a.note)),
                        id: a.id,
                        unsaved,
                    })
                })
                .collect(),
            NotesKind::Bookmarks => self
                .bookmarks()
                .into_iter()
                .filter_map(|(b, unsaved)| {
                    let article = article_of(&b.article);
                    in_scope(article).then(|| NoteEntry {
                        article,
                        anchor: article.and_then(&text_of).and_then(|t| b.anchor(t)),
                        passage: b
                            .passage
                            .as_ref()
                            .map(|p| inert(&p.quote.exact))
                            .unwrap_or_default(),
                        note: None,
                        id: b.id,
                        unsaved,
                    })
                })
                .collect(),
        };
        entries.sort_by_key(|e| {
            (
                e.article.unwrap_or(usize::MAX),
                e.anchor
                    .as_ref()
                    .and_then(Anchor::range)
                    .map_or(0, |r| r.start),
            )
        });
        entries
    }
}

/// Where an annotation was placed, as words for the lists.
pub fn placement(anchor: Option<&Anchor>) -> &'static str {
    match anchor {
        None => "article not open",
        Some(Anchor::Orphaned) => "orphaned: passage not found",
        Some(Anchor::Anchored {
            how: How::Position, ..
        }) => "",
        Some(Anchor::Anchored {
            how: How::Quote, ..
        }) => "moved: the text around it changed",
        Some(Anchor::Anchored {
            how: How::Fuzzy, ..
        }) => "moved: the passage was edited",
    }
}

/// An editor on `note`, for `passage`, with the cursor at its end.
pub fn new_editor(target: EditorTarget, passage: String, note: &str) -> Editor {
    let passage = inert(&passage);
    let note = inert(note);
    let note = note.as_str();
    let mut input = TextArea::from(note.lines().map(str::to_owned).collect::<Vec<_>>());
    input.set_cursor_line_style(Style::new());
    input.move_cursor(tui_textarea::CursorMove::Bottom);
    input.move_cursor(tui_textarea::CursorMove::End);
    Editor {
        target,
        input,
        original: note.to_string(),
        passage,
    }
}

/// `text` in quotation marks, unless it already opens and closes with
/// them (a quotation selected whole carries its own).
pub fn quoted(text: &str) -> String {
    const OPENING: &[char] = &['“', '"', '‘', '«', '„'];
    const CLOSING: &[char] = &['”', '"', '’', '»', '“'];
    let text = text.trim();
    if text.starts_with(OPENING) && text.ends_with(CLOSING) && text.chars().count() > 1 {
        text.to_string()
    } else {
        format!("“{text}”")
    }
}

/// The first `chars` characters of `text`, with "…" when cut.
pub fn excerpt(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

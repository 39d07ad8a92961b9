//! Bookmarks and annotations in the reader: what the store holds, the
//! passage selection, the note editor, and the lists.
//!
//! `update` never writes to the store: it queues [`Edit`]s in
//! [`App::outbox`]; the event loop applies them (in order, retrying what
//! fails) and sends back a [`NotesSnapshot`] of what is stored, so the
//! screen shows a note as saved only once it is.

use std::ops::Range;

use ratatui::style::Style;
use tui_textarea::TextArea;

use super::highlight::{Highlight, Layer};
use super::state::{App, Pane};
use crate::store::{Anchor, Annotation, ArticleKey, Bookmark, Edit, How, NoteId, Selector};

/// What the store holds, as last read, and what is still waiting for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesSnapshot {
    pub bookmarks: Vec<Bookmark>,
    pub annotations: Vec<Annotation>,
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

/// Whether a note's article key names `key`'s article: same path or same
/// text (a renamed file, or an edited one, still finds its notes).
pub fn same_article(note: &ArticleKey, key: &ArticleKey) -> bool {
    note.source == key.source || note.text_hash == key.text_hash
}

impl App {
    /// Takes what the store holds now.
    pub fn set_notes(&mut self, snapshot: NotesSnapshot) {
        if let Some(problem) = &snapshot.problem {
            log::warn!("edits waiting for the store: {problem}");
        }
        for refused in &snapshot.refused {
            self.notify(refused.clone());
        }
        self.notes = snapshot;
        self.refresh_marks();
        self.place_notes();
    }

    /// Annotations and bookmarks, stored or still waiting.
    fn all_annotations(&self) -> Vec<(Annotation, bool)> {
        let mut out: Vec<(Annotation, bool)> = self
            .notes
            .annotations
            .iter()
            .cloned()
            .map(|a| (a, false))
            .collect();
        for edit in &self.notes.waiting {
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

    fn all_bookmarks(&self) -> Vec<(Bookmark, bool)> {
        let mut out: Vec<(Bookmark, bool)> = self
            .notes
            .bookmarks
            .iter()
            .cloned()
            .map(|b| (b, false))
            .collect();
        for edit in &self.notes.waiting {
            match edit {
                Edit::AddBookmark(b) => out.push((b.clone(), true)),
                Edit::RemoveBookmark { id } => out.retain(|(b, _)| &b.id != id),
                _ => {}
            }
        }
        out
    }

    /// Recomputes the list's bookmark and annotation marks, in time linear
    /// in articles plus notes.
    pub fn refresh_marks(&mut self) {
        use std::collections::HashSet;
        let mut bookmarked: HashSet<&str> = HashSet::new();
        let annotations = self.all_annotations();
        let bookmarks = self.all_bookmarks();
        for (b, _) in bookmarks.iter().filter(|(b, _)| b.passage.is_none()) {
            bookmarked.insert(&b.article.source);
            bookmarked.insert(&b.article.text_hash);
        }
        let mut annotated: HashSet<&str> = HashSet::new();
        for (a, _) in &annotations {
            annotated.insert(&a.article.source);
            annotated.insert(&a.article.text_hash);
        }
        let has = |set: &HashSet<&str>, key: &ArticleKey| {
            set.contains(key.source.as_str()) || set.contains(key.text_hash.as_str())
        };
        self.marks = self
            .keys
            .iter()
            .map(|key| ArticleMarks {
                bookmarked: has(&bookmarked, key),
                annotated: has(&annotated, key),
            })
            .collect();
    }

    /// Places the open article's notes in its text, for the reader.
    pub fn place_notes(&mut self) {
        let Some(index) = self.reader.as_ref().map(|r| r.article) else {
            return;
        };
        let placed = self.placed_notes_for(index);
        if let Some(reader) = &mut self.reader {
            reader.notes = placed;
        }
    }

    fn placed_notes_for(&self, index: usize) -> PlacedNotes {
        let (Some(article), Some(key)) = (self.corpus.articles.get(index), self.keys.get(index))
        else {
            return PlacedNotes::default();
        };
        let mut highlights = Vec::new();
        let mut gutter = Vec::new();
        for (annotation, _) in self.all_annotations() {
            if !same_article(&annotation.article, key) {
                continue;
            }
            if let Some(range) = annotation.anchor(&article.text).range() {
                highlights.push(Highlight {
                    range: range.clone(),
                    style: self.theme.annotated,
                });
                gutter.push((range, Gutter::Annotation));
            }
        }
        for (bookmark, _) in self.all_bookmarks() {
            if !same_article(&bookmark.article, key) {
                continue;
            }
            if let Some(range) = bookmark.anchor(&article.text).and_then(|a| a.range()) {
                gutter.push((range, Gutter::Bookmark));
            }
        }
        gutter.sort_by_key(|(r, _)| (r.start, r.end));
        PlacedNotes {
            layer: Layer::new(highlights),
            gutter,
        }
    }

    /// The key of the open article.
    fn open_key(&self) -> Option<(usize, ArticleKey)> {
        let index = self.reader.as_ref()?.article;
        Some((index, self.keys.get(index)?.clone()))
    }

    /// `b`: bookmarks the selected (or open) article, or removes its
    /// bookmark.
    pub fn toggle_bookmark(&mut self) {
        let index = match self.focus {
            Pane::List => self.selected_article(),
            _ => self.reader.as_ref().map(|r| r.article),
        };
        let Some(key) = index.and_then(|i| self.keys.get(i)).cloned() else {
            return;
        };
        let existing = self
            .all_bookmarks()
            .into_iter()
            .find(|(b, _)| b.passage.is_none() && same_article(&b.article, &key));
        let edit = match existing {
            Some((b, _)) => Edit::RemoveBookmark { id: b.id },
            None => Edit::bookmark_article(key),
        };
        self.submit(edit);
    }

    /// `B`: bookmarks the selection, or the paragraph at the top; again on
    /// the same passage removes it.
    pub fn bookmark_passage(&mut self) {
        let Some((index, key)) = self.open_key() else {
            return;
        };
        let range = match self.selection.take() {
            Some(selection) => self.selection_range(&selection),
            None => self.paragraph_at_top(),
        };
        let Some(range) = range else { return };
        let Some(text) = self.corpus.articles.get(index).map(|a| a.text.clone()) else {
            return;
        };
        let existing = self.all_bookmarks().into_iter().find(|(b, _)| {
            same_article(&b.article, &key)
                && b.anchor(&text).and_then(|a| a.range()) == Some(range.clone())
        });
        let edit = match existing {
            Some((b, _)) => Edit::RemoveBookmark { id: b.id },
            None => match Selector::from_range(&text, range) {
                Some(selector) => Edit::bookmark_passage(key, selector),
                None => return,
            },
        };
        self.submit(edit);
    }

    /// Queues an edit for the store and shows it as waiting until the
    /// store has it.
    pub fn submit(&mut self, edit: Edit) {
        self.notes.waiting.push(edit.clone());
        self.outbox.push(edit);
        self.refresh_marks();
        self.place_notes();
    }

    /// The sentences of the open article: from its analysis, else its
    /// blocks.
    fn sentences(&self, index: usize) -> Vec<Range<usize>> {
        match self.corpus.analysis(index) {
            Some(analysis) if !analysis.sentences.is_empty() => {
                analysis.sentences.iter().map(|s| s.range()).collect()
            }
            _ => self
                .corpus
                .articles
                .get(index)
                .map(|a| a.blocks.iter().map(|b| b.range.clone()).collect())
                .unwrap_or_default(),
        }
    }

    /// Byte offset of the body text at the top of the reading pane.
    fn top_offset(&self) -> Option<usize> {
        let reader = self.reader.as_ref()?;
        let row = reader.scroll.max(reader.layout.body.start);
        reader.layout.offset_of_row(row)
    }

    /// The first sentence that starts at or after the top of the pane.
    fn sentence_at_top(&self, index: usize) -> Option<usize> {
        let top = self.top_offset()?;
        let sentences = self.sentences(index);
        if sentences.is_empty() {
            return None;
        }
        let at = sentences.partition_point(|s| s.end <= top);
        Some(at.min(sentences.len() - 1))
    }

    fn paragraph_at_top(&self) -> Option<Range<usize>> {
        let index = self.reader.as_ref()?.article;
        let top = self.top_offset()?;
        let article = self.corpus.articles.get(index)?;
        article
            .blocks
            .iter()
            .find(|b| b.range.end > top)
            .map(|b| b.range.clone())
    }

    /// `v`: starts a selection at the marked quotation when it is on
    /// screen, else at the sentence at the top.
    pub fn start_selection(&mut self) {
        let Some(reader) = &self.reader else { return };
        let index = reader.article;
        let quote = reader
            .marked_quote
            .and_then(|q| reader.decor.quote_ranges.get(q).cloned())
            .filter(|range| {
                reader.layout.row_of_offset(range.start).is_some_and(|row| {
                    row >= reader.scroll && row < reader.scroll + self.reader_height()
                })
            });
        let Some(sentence) = self.sentence_at_top(index) else {
            return;
        };
        self.selection = Some(Selection {
            article: index,
            anchor: sentence,
            cursor: sentence,
            quote,
        });
    }

    /// Byte range of a selection in its article.
    pub fn selection_range(&self, selection: &Selection) -> Option<Range<usize>> {
        if let Some(quote) = &selection.quote {
            return Some(quote.clone());
        }
        let sentences = self.sentences(selection.article);
        let (from, to) = if selection.anchor <= selection.cursor {
            (selection.anchor, selection.cursor)
        } else {
            (selection.cursor, selection.anchor)
        };
        Some(sentences.get(from)?.start..sentences.get(to)?.end)
    }

    /// `j`/`k` while selecting: one sentence more or less.
    pub fn extend_selection(&mut self, delta: isize) {
        let Some(selection) = &self.selection else {
            return;
        };
        let count = self.sentences(selection.article).len();
        let Some(selection) = &mut self.selection else {
            return;
        };
        if count == 0 {
            return;
        }
        // A whole quotation turns into sentences when extended.
        selection.quote = None;
        let cursor = (selection.cursor as isize + delta).clamp(0, count as isize - 1) as usize;
        selection.cursor = cursor;
        if let Some(range) = self
            .sentences(self.selection.as_ref().map_or(0, |s| s.article))
            .get(cursor)
        {
            let start = range.start;
            let end = range.end;
            self.reveal(if delta >= 0 {
                end.saturating_sub(1)
            } else {
                start
            });
        }
    }

    /// `]`/`[` while selecting: the next or previous quotation, whole.
    pub fn select_quote(&mut self, forward: bool) {
        let Some(selection) = &self.selection else {
            return;
        };
        let from = self.selection_range(selection).map_or(0, |r| r.start);
        let Some(reader) = &self.reader else { return };
        let ranges = &reader.decor.quote_ranges;
        let next = if forward {
            ranges.iter().find(|r| r.start > from)
        } else {
            ranges.iter().rev().find(|r| r.start < from)
        };
        let Some(range) = next.cloned() else { return };
        if let Some(selection) = &mut self.selection {
            selection.quote = Some(range.clone());
        }
        self.reveal(range.start);
    }

    /// `a`: opens the editor on the selection (or the sentence at the top).
    pub fn annotate(&mut self) {
        let Some(index) = self.reader.as_ref().map(|r| r.article) else {
            return;
        };
        let range = match self.selection.take() {
            Some(selection) => self.selection_range(&selection),
            None => self
                .sentence_at_top(index)
                .and_then(|s| self.sentences(index).get(s).cloned()),
        };
        let Some(range) = range else { return };
        let passage = self
            .corpus
            .articles
            .get(index)
            .and_then(|a| a.text.get(range.clone()))
            .unwrap_or("")
            .to_string();
        self.editor = Some(new_editor(
            EditorTarget::New {
                article: index,
                range,
            },
            passage,
            "",
        ));
    }

    /// Opens the editor on an existing annotation.
    pub fn edit_annotation(&mut self, id: &NoteId) {
        let Some((annotation, _)) = self
            .all_annotations()
            .into_iter()
            .find(|(a, _)| &a.id == id)
        else {
            return;
        };
        self.editor = Some(new_editor(
            EditorTarget::Existing { id: id.clone() },
            annotation.selector.quote.exact.clone(),
            &annotation.note,
        ));
    }

    /// Ctrl-s: stores the note and closes the editor.
    pub fn save_note(&mut self) {
        let Some(editor) = self.editor.take() else {
            return;
        };
        let note = editor.text();
        match editor.target {
            EditorTarget::New { article, range } => {
                let (Some(text), Some(key)) = (
                    self.corpus.articles.get(article).map(|a| a.text.clone()),
                    self.keys.get(article).cloned(),
                ) else {
                    return;
                };
                if let Some(selector) = Selector::from_range(&text, range) {
                    self.submit(Edit::annotate(key, selector, note));
                }
            }
            EditorTarget::Existing { id } => {
                if note != editor.original {
                    self.submit(Edit::update_note(id, note));
                }
            }
        }
    }

    /// Esc in the editor: closes it, asking first when the note changed.
    pub fn cancel_note(&mut self) {
        match &self.editor {
            Some(editor) if editor.changed() => {
                self.confirm = Some(Confirm {
                    question: "Discard the changes to this note?".into(),
                    on_yes: OnYes::DiscardNote,
                });
            }
            _ => self.editor = None,
        }
    }

    /// Answers the question.
    pub fn answer(&mut self, yes: bool) {
        let Some(confirm) = self.confirm.take() else {
            return;
        };
        if !yes {
            return;
        }
        match confirm.on_yes {
            OnYes::DiscardNote => self.editor = None,
            OnYes::DeleteAnnotation(id) => self.submit(Edit::DeleteAnnotation { id }),
            OnYes::RemoveBookmark(id) => self.submit(Edit::RemoveBookmark { id }),
        }
    }

    /// The entries of the notes list, in article then text order.
    pub fn note_entries(&self) -> Vec<NoteEntry> {
        let Some(view) = &self.notes_view else {
            return Vec::new();
        };
        let open = self.reader.as_ref().map(|r| r.article);
        let article_of = |key: &ArticleKey| self.keys.iter().position(|k| same_article(key, k));
        let in_scope =
            |article: Option<usize>| view.all_articles || (article.is_some() && article == open);
        let text_of = |article: Option<usize>| {
            article
                .and_then(|a| self.corpus.articles.get(a))
                .map(|a| a.text.as_str())
        };
        let mut entries: Vec<NoteEntry> = match view.kind {
            NotesKind::Annotations => self
                .all_annotations()
                .into_iter()
                .filter_map(|(a, unsaved)| {
                    let article = article_of(&a.article);
                    in_scope(article).then(|| NoteEntry {
                        article,
                        anchor: text_of(article).map(|t| a.anchor(t)),
                        passage: a.selector.quote.exact.clone(),
                        note: Some(a.note.clone()),
                        id: a.id,
                        unsaved,
                    })
                })
                .collect(),
            NotesKind::Bookmarks => self
                .all_bookmarks()
                .into_iter()
                .filter_map(|(b, unsaved)| {
                    let article = article_of(&b.article);
                    in_scope(article).then(|| NoteEntry {
                        article,
                        anchor: text_of(article).and_then(|t| b.anchor(t)),
                        passage: b
                            .passage
                            .as_ref()
                            .map(|p| p.quote.exact.clone())
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

    /// Enter in the notes list: opens the article at the passage.
    pub fn go_to_note(&mut self) {
        let entries = self.note_entries();
        let Some(entry) = self
            .notes_view
            .as_ref()
            .and_then(|v| entries.get(v.selected))
        else {
            return;
        };
        let Some(article) = entry.article else {
            self.notify("That article is not open in this reader.");
            return;
        };
        let target = entry.anchor.as_ref().and_then(Anchor::range);
        self.notes_view = None;
        self.open_article(article);
        super::update::focus(self, Pane::Reader);
        if let Some(range) = target {
            self.reveal(range.start);
        }
    }

    /// `d` in the notes list: asks, then deletes.
    pub fn delete_note(&mut self) {
        let entries = self.note_entries();
        let Some(view) = &self.notes_view else { return };
        let Some(entry) = entries.get(view.selected) else {
            return;
        };
        self.confirm = Some(match view.kind {
            NotesKind::Annotations => Confirm {
                question: format!("Delete the note on “{}”?", excerpt(&entry.passage, 40)),
                on_yes: OnYes::DeleteAnnotation(entry.id.clone()),
            },
            NotesKind::Bookmarks => Confirm {
                question: "Remove this bookmark?".into(),
                on_yes: OnYes::RemoveBookmark(entry.id.clone()),
            },
        });
    }

    /// `e` in the annotations list.
    pub fn edit_selected_note(&mut self) {
        let entries = self.note_entries();
        let Some(view) = &self.notes_view else { return };
        if view.kind != NotesKind::Annotations {
            return;
        }
        if let Some(id) = entries.get(view.selected).map(|e| e.id.clone()) {
            self.edit_annotation(&id);
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
}

fn new_editor(target: EditorTarget, passage: String, note: &str) -> Editor {
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

/// The first `chars` characters of `text`, with "…" when cut.
pub fn excerpt(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

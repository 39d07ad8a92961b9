//! What the notes keys do: bookmarks, the passage selection, the note
//! editor, the lists and their questions. Edits are queued through
//! [`App::submit`]; nothing here writes to the store.

use std::ops::Range;

use super::focus;
use crate::store::{Anchor, Edit, NoteId, Selector};
use crate::ui::mode::Mode;
use crate::ui::notes::{
    excerpt, new_editor, quoted, Confirm, EditorTarget, NotesKind, NotesView, OnYes, Selection,
};
use crate::ui::state::{App, Pane};

/// `b`: bookmarks the selected (or open) article, or removes its bookmark.
pub fn toggle_bookmark(app: &mut App) {
    let index = match app.focus {
        Pane::List => app.selected_article(),
        _ => app.reader.as_ref().map(|r| r.article),
    };
    let Some(key) = index
        .and_then(|i| app.articles.get(i))
        .map(|a| a.key.clone())
    else {
        return;
    };
    let (edit, done) = match app.notes.article_bookmark(&key) {
        Some(b) => (Edit::RemoveBookmark { id: b.id }, "bookmark removed"),
        None => (Edit::bookmark_article(key), "bookmarked"),
    };
    app.submit(edit);
    app.notify(done);
}

/// `B`: bookmarks the selection, or the paragraph at the top; again on the
/// same passage removes it.
pub fn bookmark_passage(app: &mut App) {
    let Some(index) = app.reader.as_ref().map(|r| r.article) else {
        return;
    };
    let range = match take_selection(app) {
        Some(selection) => app.selection_range(&selection),
        None => paragraph_at_top(app),
    };
    let (Some(range), Some(key), Some(text)) = (
        range,
        app.articles.get(index).map(|a| a.key.clone()),
        app.corpus.articles.get(index).map(|a| a.text.clone()),
    ) else {
        return;
    };
    let (edit, done) = match app.notes.passage_bookmark(&key, &text, &range) {
        Some(b) => (
            Edit::RemoveBookmark { id: b.id },
            "passage bookmark removed",
        ),
        None => match Selector::from_range(&text, range) {
            Some(selector) => (Edit::bookmark_passage(key, selector), "passage bookmarked"),
            None => return,
        },
    };
    app.submit(edit);
    app.notify(done);
}

/// Ends the selection, handing it back; `None` when not selecting.
fn take_selection(app: &mut App) -> Option<Selection> {
    match std::mem::take(&mut app.mode) {
        Mode::Select(selection) => Some(selection),
        other => {
            app.mode = other;
            None
        }
    }
}

/// The first sentence that starts at or after the top of the pane.
fn sentence_at_top(app: &App, index: usize) -> Option<usize> {
    let top = app.top_offset()?;
    let sentences = app.sentences(index);
    if sentences.is_empty() {
        return None;
    }
    let at = sentences.partition_point(|s| s.end <= top);
    Some(at.min(sentences.len() - 1))
}

fn paragraph_at_top(app: &App) -> Option<Range<usize>> {
    let index = app.reader.as_ref()?.article;
    let top = app.top_offset()?;
    let article = app.corpus.articles.get(index)?;
    article
        .blocks
        .iter()
        .find(|b| b.range.end > top)
        .map(|b| b.range.clone())
}

/// `v`: starts a selection at the marked quotation when it is on screen,
/// else at the sentence at the top.
pub fn start_selection(app: &mut App) {
    let Some(reader) = &app.reader else { return };
    let index = reader.article;
    let quote = reader
        .marked_quote
        .and_then(|q| reader.decor.quote_ranges.get(q).cloned())
        .filter(|range| {
            reader.layout.row_of_offset(range.start).is_some_and(|row| {
                row >= reader.scroll && row < reader.scroll + app.reader_height()
            })
        });
    let Some(sentence) = sentence_at_top(app, index) else {
        return;
    };
    app.mode = Mode::Select(Selection {
        article: index,
        anchor: sentence,
        cursor: sentence,
        quote,
    });
}

/// `j`/`k` while selecting: one sentence more or less.
pub fn extend_selection(app: &mut App, delta: isize) {
    let Some(article) = app.mode.selection().map(|s| s.article) else {
        return;
    };
    let sentences = app.sentences(article);
    let Mode::Select(selection) = &mut app.mode else {
        return;
    };
    if sentences.is_empty() {
        return;
    }
    // A whole quotation turns into sentences when extended.
    selection.quote = None;
    let last = sentences.len() as isize - 1;
    let cursor = (selection.cursor as isize + delta).clamp(0, last) as usize;
    selection.cursor = cursor;
    if let Some(range) = sentences.get(cursor) {
        app.reveal(if delta >= 0 {
            range.end.saturating_sub(1)
        } else {
            range.start
        });
    }
}

/// `]`/`[` while selecting: the next or previous quotation, whole.
pub fn select_quote(app: &mut App, forward: bool) {
    let Some(selection) = app.mode.selection() else {
        return;
    };
    let from = app.selection_range(selection).map_or(0, |r| r.start);
    let Some(reader) = &app.reader else { return };
    let ranges = &reader.decor.quote_ranges;
    let next = if forward {
        ranges.iter().find(|r| r.start > from)
    } else {
        ranges.iter().rev().find(|r| r.start < from)
    };
    let Some(range) = next.cloned() else {
        app.notify(if forward {
            "no quotation after this one"
        } else {
            "no quotation before this one"
        });
        return;
    };
    if let Mode::Select(selection) = &mut app.mode {
        selection.quote = Some(range.clone());
    }
    app.reveal(range.start);
}

/// `a`: opens the editor on the selection (or the sentence at the top).
pub fn annotate(app: &mut App) {
    let Some(index) = app.reader.as_ref().map(|r| r.article) else {
        return;
    };
    let range = match take_selection(app) {
        Some(selection) => app.selection_range(&selection),
        None => sentence_at_top(app, index).and_then(|s| app.sentences(index).get(s).cloned()),
    };
    let Some(range) = range else { return };
    let passage = app
        .corpus
        .articles
        .get(index)
        .and_then(|a| a.text.get(range.clone()))
        .unwrap_or("")
        .to_string();
    open_editor(
        app,
        EditorTarget::New {
            article: index,
            range,
        },
        passage,
        "",
    );
}

/// Opens the editor over whatever has the keyboard now.
fn open_editor(app: &mut App, target: EditorTarget, passage: String, note: &str) {
    let back = std::mem::take(&mut app.mode);
    app.mode = Mode::Editor {
        editor: Box::new(new_editor(target, passage, note)),
        back: Box::new(back),
    };
}

/// Closes the editor, giving the keyboard back to what it opened over.
fn close_editor(app: &mut App) {
    if let Mode::Editor { back, .. } = std::mem::take(&mut app.mode) {
        app.mode = *back;
    }
}

/// Opens the editor on an existing annotation.
fn edit_annotation(app: &mut App, id: &NoteId) {
    let Some((annotation, _)) = app
        .notes
        .annotations()
        .into_iter()
        .find(|(a, _)| &a.id == id)
    else {
        return;
    };
    open_editor(
        app,
        EditorTarget::Existing { id: id.clone() },
        annotation.selector.quote.exact.clone(),
        &annotation.note,
    );
}

/// The edit saving the open editor would make: a new annotation with
/// what was typed, or the changed note. `None` without an editor, or when
/// there is nothing to keep (an unchanged note, an empty new one).
pub fn draft_edit(app: &App) -> Option<Edit> {
    let editor = app.mode.editor()?;
    let note = editor.text();
    match &editor.target {
        EditorTarget::New { article, range } => {
            if note.trim().is_empty() {
                return None;
            }
            let text = &app.corpus.articles.get(*article)?.text;
            let key = app.articles.get(*article)?.key.clone();
            let selector = Selector::from_range(text, range.clone())?;
            Some(Edit::annotate(key, selector, note))
        }
        EditorTarget::Existing { id } => {
            (note != editor.original).then(|| Edit::update_note(id.clone(), note))
        }
    }
}

/// At exit (a signal, a closed terminal, an error): keeps the draft in the
/// open editor as if it were saved, so nothing typed is lost.
pub fn keep_draft(app: &mut App) {
    if let Some(edit) = draft_edit(app) {
        app.mode = Mode::Normal;
        app.submit(edit);
    }
}

/// Ctrl-s: stores the note and closes the editor.
pub fn save_note(app: &mut App) {
    let Some(editor) = app.mode.editor().cloned() else {
        return;
    };
    let edit = draft_edit(app);
    close_editor(app);
    match (edit, editor.target) {
        (Some(edit), _) => {
            app.submit(edit);
            app.notify("note saved");
        }
        (None, EditorTarget::Existing { .. }) => app.notify("note unchanged"),
        (None, EditorTarget::New { .. }) => {}
    }
}

/// On start: asks whether to import a rescue file an earlier run left.
pub fn offer_rescue(app: &mut App, file: std::path::PathBuf) {
    let shown = crate::clean::sanitize::visible(&file.display().to_string());
    ask(
        app,
        Confirm {
            question: format!("Unsaved notes from an earlier run are in {shown}. Import them now?"),
            on_yes: OnYes::ImportRescue(file),
        },
    );
}

/// Esc in the editor: closes it, asking first when the note changed.
pub fn cancel_note(app: &mut App) {
    if app.mode.editor().is_some_and(|e| e.changed()) {
        ask(
            app,
            Confirm {
                question: "Discard the changes to this note?".into(),
                on_yes: OnYes::DiscardNote,
            },
        );
    } else {
        close_editor(app);
    }
}

/// Asks a question over whatever has the keyboard now.
fn ask(app: &mut App, confirm: Confirm) {
    let back = std::mem::take(&mut app.mode);
    app.mode = Mode::Confirm {
        confirm,
        back: Box::new(back),
    };
}

/// Answers the question; the keyboard goes back to what it was asked over.
pub fn answer(app: &mut App, yes: bool) {
    let Mode::Confirm { confirm, back } = std::mem::take(&mut app.mode) else {
        return;
    };
    app.mode = *back;
    if !yes {
        return;
    }
    match confirm.on_yes {
        OnYes::DiscardNote => close_editor(app),
        OnYes::ImportRescue(file) => app.notes.rescue_imports.push(file),
        OnYes::DeleteAnnotation(id) => {
            app.submit(Edit::DeleteAnnotation { id });
            app.notify("note deleted");
        }
        OnYes::RemoveBookmark(id) => {
            app.submit(Edit::RemoveBookmark { id });
            app.notify("bookmark removed");
        }
    }
}

/// `'` / `A`: opens the bookmarks or annotations list.
pub fn show(app: &mut App, kind: NotesKind) {
    app.mode = Mode::Notes(NotesView {
        kind,
        all_articles: app.focus == Pane::List || app.reader.is_none(),
        selected: 0,
    });
}

/// Enter in the notes list: opens the article at the passage.
pub fn go_to_note(app: &mut App) {
    let entries = app.note_entries();
    let Some(entry) = app.mode.notes_view().and_then(|v| entries.get(v.selected)) else {
        return;
    };
    let Some(article) = entry.article else {
        app.notify("That article is not open in this reader.");
        return;
    };
    let target = entry.anchor.as_ref().and_then(Anchor::range);
    app.mode = Mode::Normal;
    app.open_article(article);
    focus(app, Pane::Reader);
    if let Some(range) = target {
        app.reveal(range.start);
    }
}

/// `d` in the notes list: asks, then deletes.
pub fn delete_note(app: &mut App) {
    let entries = app.note_entries();
    let Some(view) = app.mode.notes_view() else {
        return;
    };
    let Some(entry) = entries.get(view.selected) else {
        return;
    };
    let confirm = match view.kind {
        NotesKind::Annotations => Confirm {
            question: format!(
                "Delete the note on {}?",
                excerpt(&quoted(&entry.passage), 40)
            ),
            on_yes: OnYes::DeleteAnnotation(entry.id.clone()),
        },
        NotesKind::Bookmarks => Confirm {
            question: "Remove this bookmark?".into(),
            on_yes: OnYes::RemoveBookmark(entry.id.clone()),
        },
    };
    ask(app, confirm);
}

/// `e` in the annotations list.
pub fn edit_selected_note(app: &mut App) {
    let entries = app.note_entries();
    let Some(view) = app.mode.notes_view() else {
        return;
    };
    if view.kind != NotesKind::Annotations {
        return;
    }
    if let Some(id) = entries.get(view.selected).map(|e| e.id.clone()) {
        edit_annotation(app, &id);
    }
}

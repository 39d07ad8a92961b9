//! Drawing the note editor, the yes/no question and the notes lists.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::centred;
use crate::ui::notes::{excerpt, placement, quoted, Confirm, Editor, NotesKind, NotesView};
use crate::ui::state::App;

/// The note editor over the reader.
pub(super) fn render_editor(app: &App, frame: &mut Frame, editor: &Editor) {
    let area = centred(app.size, 76, 16.max(app.size.height / 2));
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(" Note (Ctrl-s saves, Esc closes) ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let passage = excerpt(&quoted(&editor.passage.replace('\n', " ")), 200);
    let passage_height = 3.min(inner.height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(Line::styled(passage, app.theme.quote)).wrap(Wrap { trim: true }),
        Rect::new(inner.x, inner.y, inner.width, passage_height),
    );
    let input_area = Rect::new(
        inner.x,
        inner.y + passage_height + 1,
        inner.width,
        inner.height.saturating_sub(passage_height + 1),
    );
    frame.render_widget(&editor.input, input_area);
}

/// A yes/no question.
pub(super) fn render_confirm(app: &App, frame: &mut Frame, confirm: &Confirm) {
    let width = (confirm.question.chars().count() as u16 + 6).clamp(30, 70);
    let area = centred(app.size, width, 5);
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(" Are you sure? ");
    let lines = vec![
        Line::raw(confirm.question.clone()),
        Line::styled("y yes   n no", app.theme.help_key),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

/// The bookmarks or annotations list.
pub(super) fn render_notes(app: &App, frame: &mut Frame, view: &NotesView) {
    let entries = app.note_entries();
    let area = centred(app.size, 90, app.size.height.saturating_sub(2));
    frame.render_widget(Clear, area);
    let what = match view.kind {
        NotesKind::Bookmarks => "Bookmarks",
        NotesKind::Annotations => "Annotations",
    };
    let scope = if view.all_articles {
        "all articles"
    } else {
        "this article"
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(format!(
            " {what} · {scope} (s) · Enter go · e edit · d delete · Esc "
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if entries.is_empty() {
        let hint = match view.kind {
            NotesKind::Bookmarks => "  None yet. b bookmarks an article, B a paragraph.",
            NotesKind::Annotations => "  None yet. In the reader, v selects, a writes a note.",
        };
        frame.render_widget(Paragraph::new(Line::styled(hint, app.theme.meta)), inner);
        return;
    }
    let per_entry = 3usize;
    let visible = (usize::from(inner.height) / per_entry).max(1);
    let first = view.selected.saturating_sub(visible - 1);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    for (i, entry) in entries.iter().enumerate().skip(first).take(visible) {
        let selected = i == view.selected;
        let title = entry
            .article
            .and_then(|a| app.corpus.articles.get(a))
            .map_or_else(|| "(article not open)".to_string(), |a| a.title.clone());
        let mut head = format!("{} {}", if selected { "▶" } else { " " }, title);
        let placement = placement(entry.anchor.as_ref());
        if entry.note.is_some() && !placement.is_empty() {
            head.push_str(&format!("  [{placement}]"));
        }
        if entry.unsaved {
            head.push_str("  [not saved yet]");
        }
        let passage = if entry.passage.is_empty() {
            "  (the whole article)".to_string()
        } else {
            format!(
                "  {}",
                excerpt(
                    &quoted(&entry.passage.replace('\n', " ")),
                    width.saturating_sub(6)
                )
            )
        };
        let note = entry
            .note
            .as_deref()
            .map(|n| {
                format!(
                    "  ✎ {}",
                    excerpt(n.lines().next().unwrap_or(""), width.saturating_sub(6))
                )
            })
            .unwrap_or_default();
        let head_style = if selected {
            app.theme.list_selected
        } else {
            app.theme.panel_speaker
        };
        let head = super::truncate(&head, width).into_owned();
        lines.push(Line::from(Span::styled(head, head_style)));
        lines.push(Line::styled(passage, app.theme.quote));
        lines.push(Line::styled(note, app.theme.body));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

//! Where each pane goes for a given terminal size. Pure, so `update` (mouse
//! hit-testing, page sizes) and `render` agree on it.

use ratatui::layout::Rect;

use super::state::Pane;

/// Below this width one pane shows at a time.
pub const TWO_PANE_MIN_WIDTH: u16 = 100;
/// The list pane's width when two panes show.
pub const LIST_WIDTH: u16 = 38;
/// The widest text column: long lines are hard to read.
pub const MAX_MEASURE: u16 = 96;

/// The screen areas of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Rect,
}

impl Screen {
    /// Splits `area` for the focused pane.
    pub fn new(area: Rect, focus: Pane) -> Self {
        let body_height = area.height.saturating_sub(1);
        let body = Rect::new(area.x, area.y, area.width, body_height);
        let status = Rect::new(area.x, area.y + body_height, area.width, area.height.min(1));
        if area.width >= TWO_PANE_MIN_WIDTH {
            let list_width = LIST_WIDTH.min(area.width / 3);
            let list = Rect::new(body.x, body.y, list_width, body.height);
            let reader = Rect::new(
                body.x + list_width,
                body.y,
                body.width - list_width,
                body.height,
            );
            Screen {
                list: Some(list),
                reader: Some(reader),
                status,
            }
        } else {
            let (list, reader) = match focus {
                Pane::List => (Some(body), None),
                Pane::Reader => (None, Some(body)),
            };
            Screen {
                list,
                reader,
                status,
            }
        }
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let hit = |r: Option<Rect>| r.is_some_and(|r| r.contains((column, row).into()));
        if hit(self.list) {
            Some(Pane::List)
        } else if hit(self.reader) {
            Some(Pane::Reader)
        } else {
            None
        }
    }
}

/// Inside a bordered pane.
pub fn inner(pane: Rect) -> Rect {
    Rect::new(
        pane.x.saturating_add(1),
        pane.y.saturating_add(1),
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    )
}

/// The text column of the reading pane: inside the border, a column of
/// padding each side, one for the scrollbar, and no wider than
/// [`MAX_MEASURE`].
pub fn reader_text(reader: Rect) -> Rect {
    let inner = inner(reader);
    let width = inner.width.saturating_sub(3).min(MAX_MEASURE);
    Rect::new(inner.x.saturating_add(1), inner.y, width, inner.height)
}

//! Where each pane goes for a given terminal size. Pure, so `update` (mouse
//! hit-testing, page sizes) and `render` agree on it.

use ratatui::layout::Rect;

use super::state::Pane;

/// From this width the list, the reader and the panel all show.
pub const THREE_PANE_MIN_WIDTH: u16 = 140;
/// From this width the reader shows beside one side pane.
pub const TWO_PANE_MIN_WIDTH: u16 = 100;
/// The width of a side pane (list or panel) beside the reader.
pub const SIDE_WIDTH: u16 = 38;
/// The widest text column: long lines are hard to read.
pub const MAX_MEASURE: u16 = 96;

/// The screen areas of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub panel: Option<Rect>,
    pub status: Rect,
}

impl Screen {
    /// Splits `area`: `focus` is the focused pane, `side` the side pane
    /// (list or panel) that shows beside the reader when only two fit.
    pub fn new(area: Rect, focus: Pane, side: Pane) -> Self {
        let body_height = area.height.saturating_sub(1);
        let body = Rect::new(area.x, area.y, area.width, body_height);
        let status = Rect::new(area.x, area.y + body_height, area.width, area.height.min(1));
        let mut screen = Screen {
            list: None,
            reader: None,
            panel: None,
            status,
        };
        if area.width >= THREE_PANE_MIN_WIDTH {
            let side_width = SIDE_WIDTH;
            let reader_width = body.width - 2 * side_width;
            screen.list = Some(Rect::new(body.x, body.y, side_width, body.height));
            screen.reader = Some(Rect::new(
                body.x + side_width,
                body.y,
                reader_width,
                body.height,
            ));
            screen.panel = Some(Rect::new(
                body.x + side_width + reader_width,
                body.y,
                side_width,
                body.height,
            ));
        } else if area.width >= TWO_PANE_MIN_WIDTH {
            let side = match focus {
                Pane::Reader => side,
                other => other,
            };
            let side_width = SIDE_WIDTH.min(area.width / 3);
            let reader_width = body.width - side_width;
            match side {
                Pane::Panel => {
                    screen.reader = Some(Rect::new(body.x, body.y, reader_width, body.height));
                    screen.panel = Some(Rect::new(
                        body.x + reader_width,
                        body.y,
                        side_width,
                        body.height,
                    ));
                }
                _ => {
                    screen.list = Some(Rect::new(body.x, body.y, side_width, body.height));
                    screen.reader = Some(Rect::new(
                        body.x + side_width,
                        body.y,
                        reader_width,
                        body.height,
                    ));
                }
            }
        } else {
            match focus {
                Pane::List => screen.list = Some(body),
                Pane::Reader => screen.reader = Some(body),
                Pane::Panel => screen.panel = Some(body),
            }
        }
        screen
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let hit = |r: Option<Rect>| r.is_some_and(|r| r.contains((column, row).into()));
        if hit(self.list) {
            Some(Pane::List)
        } else if hit(self.reader) {
            Some(Pane::Reader)
        } else if hit(self.panel) {
            Some(Pane::Panel)
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

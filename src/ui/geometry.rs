//! Where each pane goes for a given terminal size. Pure, so `update` (mouse
//! hit-testing, page sizes) and `render` agree on it.

use ratatui::layout::{Constraint, Layout, Rect};

use super::pane::Pane;

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
        let side_width = SIDE_WIDTH.min(area.width / 3);
        let split =
            |columns: [Constraint; 2]| -> [Rect; 2] { Layout::horizontal(columns).areas(body) };
        if area.width >= THREE_PANE_MIN_WIDTH {
            let [list, reader, panel] = Layout::horizontal([
                Constraint::Length(side_width),
                Constraint::Fill(1),
                Constraint::Length(side_width),
            ])
            .areas(body);
            (screen.list, screen.reader, screen.panel) = (Some(list), Some(reader), Some(panel));
        } else if area.width >= TWO_PANE_MIN_WIDTH {
            // The side pane is the focused one, or the last focused side.
            let side = if focus == Pane::Reader { side } else { focus };
            if side == Pane::Panel {
                let [reader, panel] = split([Constraint::Fill(1), Constraint::Length(side_width)]);
                (screen.reader, screen.panel) = (Some(reader), Some(panel));
            } else {
                let [list, reader] = split([Constraint::Length(side_width), Constraint::Fill(1)]);
                (screen.list, screen.reader) = (Some(list), Some(reader));
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

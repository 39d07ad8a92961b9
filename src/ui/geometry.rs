//! Where each pane goes for a given terminal size. Pure, so `update` (mouse
//! hit-testing, page sizes) and `render` agree on it.

use ratatui::layout::{Constraint, Layout, Rect};

use super::pane::Pane;

/// From this width the list, the reader and the panel all show.
pub const THREE_PANE_MIN_WIDTH: u16 = 140;
/// From this width the reader shows beside one side pane.
pub const TWO_PANE_MIN_WIDTH: u16 = 100;
/// The narrowest side pane (list or panel).
pub const SIDE_MIN_WIDTH: u16 = 34;
/// Columns of the reading pane around its text: two borders and a column
/// of padding each side.
const READER_CHROME: u16 = 4;

/// How the user wants the screen shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutPrefs {
    /// The list's share of the width with three panes, in percent.
    pub side_share: u16,
    /// The widest text column of the reader: long lines are hard to read.
    /// Columns beyond it go to the quotes panel.
    pub reader_max_width: u16,
}

impl Default for LayoutPrefs {
    fn default() -> Self {
        LayoutPrefs {
            side_share: 22,
            reader_max_width: 96,
        }
    }
}

/// The screen areas of one frame. Neighbouring panes share their border
/// column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub panel: Option<Rect>,
    /// The one-line legend of entity styles, when shown.
    pub legend: Option<Rect>,
    pub status: Rect,
}

impl Screen {
    /// Splits `area`: `focus` is the focused pane, `side` the side pane
    /// (list or panel) that shows beside the reader when only two fit. The
    /// reader gets a readable measure; spare columns go to the panel.
    pub fn new(area: Rect, focus: Pane, side: Pane, prefs: &LayoutPrefs, legend: bool) -> Self {
        let legend_height = u16::from(legend && area.height > 2);
        let body_height = area.height.saturating_sub(1 + legend_height);
        let body = Rect::new(area.x, area.y, area.width, body_height);
        let status = Rect::new(
            area.x,
            area.y + area.height.saturating_sub(1),
            area.width,
            area.height.min(1),
        );
        let mut screen = Screen {
            list: None,
            reader: None,
            panel: None,
            legend: (legend_height > 0)
                .then(|| Rect::new(area.x, area.y + body_height, area.width, 1)),
            status,
        };
        let width = area.width;
        let reader_full = prefs.reader_max_width.saturating_add(READER_CHROME);
        // Panes overlap by their shared border.
        let split = |columns: &[Constraint]| Layout::horizontal(columns).spacing(-1).split(body);
        if width >= THREE_PANE_MIN_WIDTH {
            let list = (u32::from(width) * u32::from(prefs.side_share) / 100) as u16;
            let list = list.clamp(SIDE_MIN_WIDTH, 60);
            let reader = reader_full.min((width + 2).saturating_sub(list + SIDE_MIN_WIDTH));
            let areas = split(&[
                Constraint::Length(list),
                Constraint::Length(reader),
                Constraint::Fill(1),
            ]);
            (screen.list, screen.reader, screen.panel) =
                (Some(areas[0]), Some(areas[1]), Some(areas[2]));
        } else if width >= TWO_PANE_MIN_WIDTH {
            let reader = reader_full.min((width + 1).saturating_sub(SIDE_MIN_WIDTH));
            // The side pane is the focused one, or the last focused side.
            let side = if focus == Pane::Reader { side } else { focus };
            if side == Pane::Panel {
                let areas = split(&[Constraint::Length(reader), Constraint::Fill(1)]);
                (screen.reader, screen.panel) = (Some(areas[0]), Some(areas[1]));
            } else {
                let areas = split(&[Constraint::Fill(1), Constraint::Length(reader)]);
                (screen.list, screen.reader) = (Some(areas[0]), Some(areas[1]));
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

    /// Which sides of `pane` it shares with a neighbour: (left, right).
    pub fn neighbours(&self, pane: Pane) -> (bool, bool) {
        match pane {
            Pane::List => (false, self.reader.is_some() || self.panel.is_some()),
            Pane::Reader => (self.list.is_some(), self.panel.is_some()),
            Pane::Panel => (self.list.is_some() || self.reader.is_some(), false),
        }
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
/// padding each side, and no wider than `max_width` (the scrollbar sits on
/// the right border).
pub fn reader_text(reader: Rect, max_width: u16) -> Rect {
    let inner = inner(reader);
    let width = inner.width.saturating_sub(2).min(max_width);
    Rect::new(inner.x.saturating_add(1), inner.y, width, inner.height)
}

/// The first entry on screen of a list showing `shown` entries from
/// `offset`, moved as little as needed to show `selected`.
pub fn offset_showing(offset: usize, selected: usize, shown: usize) -> usize {
    if selected < offset {
        selected
    } else if selected >= offset + shown {
        selected + 1 - shown
    } else {
        offset
    }
}

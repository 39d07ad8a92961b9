//! The panes that can hold focus. A leaf: every other part of the UI may
//! name a pane without depending on the state that holds one.

/// A pane that can hold focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Reader,
    /// The quotes-by-speaker panel.
    Panel,
}

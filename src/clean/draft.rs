//! A block of the article before assembly: what the block builder makes
//! and the title finder reads. A leaf, so those two do not depend on each
//! other both ways.

use crate::model::BlockKind;

use super::lines::{Line, LineKind};

/// A block before assembly.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    pub kind: BlockKind,
    pub text: String,
    /// How many source lines it was built from.
    pub lines: usize,
    /// Marked as a heading in the file itself (Markdown `#`).
    pub marked_heading: bool,
    pub indent: usize,
}

impl Draft {
    pub fn new(kind: BlockKind, line: &Line) -> Self {
        Draft {
            kind,
            text: line.text.clone(),
            lines: 1,
            marked_heading: line.kind == LineKind::MarkedHeading,
            indent: line.indent,
        }
    }

    /// One line, a paragraph, not marked up: may be a title or heading.
    pub fn is_lone_line(&self) -> bool {
        self.lines == 1 && !matches!(self.kind, BlockKind::ListItem | BlockKind::Quotation)
    }
}

//! Plain data passed between the pipeline stages: what `clean` produces and
//! every later stage reads.

use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Stable identity of an article: a hash of its raw bytes, as 16 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArticleId(pub String);

impl std::fmt::Display for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One cleaned article.
///
/// `text` holds the body the reader shows and analysis indexes into; its
/// blocks are separated by a blank line (`"\n\n"`) and contain no other
/// newlines. Every byte offset in later stages points into `text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    /// Where the article came from: a file path, or `seeds/NAME` for the
    /// bundled seeds.
    pub path: PathBuf,
    pub title: String,
    /// True when the file had no headline and `title` was cut from the first
    /// sentence.
    pub title_from_text: bool,
    pub subtitle: Option<String>,
    /// Publication date as ISO `YYYY-MM-DD`: from the page's or feed's
    /// metadata, a dateline, or the file name.
    pub date: Option<String>,
    /// Who published it: the page's site name or publisher, the feed's
    /// title, a text file's `Source:` line, else the web address's domain.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Who wrote it, as the page, feed or a "By …" line says.
    #[serde(default)]
    pub byline: Option<String>,
    /// The article's web address (canonical when the page names one).
    #[serde(default)]
    pub url: Option<String>,
    /// The page's language tag (`en`, `en-GB`), when it says.
    #[serde(default)]
    pub language: Option<String>,
    pub text: String,
    pub blocks: Vec<Block>,
    /// Boilerplate kept out of the body but not deleted: captions, source
    /// lines, "you may also like" footers. Shown dimmed at the end.
    pub set_aside: Vec<SetAside>,
    /// Some bytes fitted no encoding and were replaced by U+FFFD.
    pub lossy: bool,
    /// What the cleaner changed, for the curious and for tests.
    pub repairs: Repairs,
}

/// A block of the body: a byte range of [`Article::text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The headline, kept in the text so that it is analyzed; the reader
    /// shows it from [`Article::title`] in its header.
    Title,
    /// The line under the headline (a standfirst, a dateline), likewise.
    Subtitle,
    Paragraph,
    ListItem,
    Heading,
    /// Quoted matter set off from the text: a `<blockquote>`, a Markdown
    /// `>` line, an embedded post.
    Quotation,
}

/// A line set aside from the body, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    pub text: String,
    pub reason: SetAsideReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetAsideReason {
    /// A picture caption or credit ("Image created by AI").
    Caption,
    /// A "Source …" line naming where the text was scraped from.
    SourceLine,
    /// A related-articles footer and everything after it.
    Footer,
}

/// Counts of what the cleaner repaired.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repairs {
    /// Sentences glued without a space, split again.
    pub glued_sentences: usize,
    /// Runs of a repeated short token glued to a word, removed.
    pub garbage_runs: usize,
    /// Control, escape, bidi and zero-width characters removed.
    pub unsafe_chars: usize,
}

impl Article {
    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        self.text.get(block.range.clone()).unwrap_or("")
    }

    /// Who it is from, for the list and the reader: the outlet, else the
    /// file name without extension.
    pub fn outlet_or_source(&self) -> String {
        self.outlet.clone().unwrap_or_else(|| self.short_source())
    }

    /// A short name for the list pane: the file name without extension.
    pub fn short_source(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

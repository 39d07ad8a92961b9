//! Clean: raw bytes to an [`Article`]. (Interim: paragraphs only; the full
//! cleaner replaces this.)

use crate::load::RawDoc;
use crate::model::{Article, ArticleId, Block, BlockKind, Repairs};

/// Cleans one raw document into an article.
pub fn clean(raw: &RawDoc) -> Article {
    let decoded = String::from_utf8_lossy(&raw.bytes);
    let lossy = matches!(decoded, std::borrow::Cow::Owned(_));
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut paragraphs = decoded
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let title = paragraphs.next().unwrap_or("").to_string();
    for p in paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&p.replace('\n', " "));
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            range: start..text.len(),
        });
    }
    Article {
        id: ArticleId(format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&raw.bytes))),
        path: raw.path.clone(),
        title,
        title_from_text: false,
        subtitle: None,
        date: None,
        text,
        blocks,
        set_aside: Vec::new(),
        lossy,
        repairs: Repairs::default(),
    }
}

//! Clean: raw bytes to an [`Article`].
//!
//! The steps run in this order, each over the whole document once:
//!
//! 1. [`decode`] (UTF-8, a declared charset or a detected one; lossily
//!    only when nothing fits, marking the article), strip scraped
//!    [`markup`] (tags, entities, embedded posts), then [`sanitize`]:
//!    escape sequences, control, bidi and zero-width characters out; line
//!    endings normalized. Everything later, title and set-aside text
//!    included, works on inert text.
//! 2. split into [`lines`], recognising bullets and Markdown headings;
//! 3. set aside [`boilerplate`]: captions, source lines, related footers;
//! 4. take the publication [`date`] from a metadata line or the body's
//!    start, else from the file name;
//! 5. build [`blocks`]: hard wraps joined, one-line paragraphs kept apart;
//! 6. [`repair`] each block: garbage runs, glued sentences, stray periods;
//! 7. take the [`title`] and subtitle, mark headings, assemble the body.

mod blocks;
mod boilerplate;
mod date;
pub mod decode;
mod draft;
mod lines;
mod markup;
mod repair;
pub mod sanitize;
mod title;

use crate::load::RawDoc;
use crate::model::{Article, ArticleId, Repairs};

/// Cleans one raw document into an article. Never fails: any bytes give an
/// article, at worst an empty one titled after its file.
pub fn clean(raw: &RawDoc) -> Article {
    let decoded = decode::decode(&raw.bytes, None);
    let lossy = decoded.lossy;
    let unmarked = markup::strip(&decoded.text);
    let sanitized = sanitize::sanitize(&unmarked);
    let mut repairs = Repairs {
        unsafe_chars: sanitized.removed,
        ..Repairs::default()
    };

    let mut lines = lines::split(&sanitized.text);
    let set_aside = boilerplate::set_aside(&mut lines);
    let path = raw.path.to_string_lossy();
    let date = date::take_date(&mut lines).or_else(|| date::date_from_path(&path));

    let mut drafts = blocks::build(&lines);
    for draft in &mut drafts {
        draft.text = repair_text(&draft.text, &mut repairs);
    }
    drafts.retain(|d| has_content(&d.text));

    let stem = raw.path.file_stem().unwrap_or_default().to_string_lossy();
    let top = title::take_title(&mut drafts, &stem);
    blocks::mark_headings(&mut drafts);
    let (text, blocks) = blocks::assemble(drafts);

    let (title, title_from_text, subtitle) = match top {
        Some(top) => (top.title, top.from_text, top.subtitle),
        None => (fallback_title(raw), false, None),
    };
    Article {
        id: ArticleId(format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&raw.bytes))),
        path: raw.path.clone(),
        title,
        title_from_text,
        subtitle,
        date,
        text,
        blocks,
        set_aside,
        lossy,
        repairs,
    }
}

/// Runs the in-block repairs in order, counting what they changed.
fn repair_text(text: &str, repairs: &mut Repairs) -> String {
    let (text, runs) = repair::remove_garbage_runs(text);
    repairs.garbage_runs += runs;
    let (text, glued) = repair::split_glued_sentences(&text);
    repairs.glued_sentences += glued;
    repair::tidy_stray_periods(&text)
}

/// A block of nothing but punctuation ("." or "…" left on a line of its
/// own) carries nothing to read.
fn has_content(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_alphanumeric() || (!c.is_ascii() && !('\u{2000}'..='\u{206f}').contains(&c)))
}

/// The file name, for an article with no text to take a title from.
fn fallback_title(raw: &RawDoc) -> String {
    let stem = raw
        .path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    sanitize::for_display(&stem)
}

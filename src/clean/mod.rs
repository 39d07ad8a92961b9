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
mod page;
mod repair;
pub mod sanitize;
mod title;
mod words;

use crate::load::{DocKind, RawDoc};
use crate::model::{Article, ArticleId, Block, Repairs, SetAside, SetAsideReason};

/// Cleans one raw document into an article. Never fails: any bytes give an
/// article, at worst an empty one titled after its file.
pub fn clean(raw: &RawDoc) -> Article {
    // An HTTP header's charset first, then a page's own declaration.
    let declared = raw.meta.charset.clone().or_else(|| {
        (raw.meta.kind != DocKind::Text)
            .then(|| decode::meta_charset(&raw.bytes))
            .flatten()
    });
    let decoded = decode::decode(&raw.bytes, declared.as_deref());
    match raw.meta.kind {
        DocKind::Text => {
            let unmarked = markup::strip(&decoded.text);
            let found = Found::default();
            build(raw, &unmarked, decoded.lossy, found)
        }
        DocKind::Page | DocKind::Fragment => {
            let page = if raw.meta.kind == DocKind::Page {
                page::extract_page(&decoded.text, raw.meta.url.as_deref())
            } else {
                page::extract_fragment(&decoded.text)
            };
            let meta = &raw.meta;
            let mut text = page.text;
            if page.no_article {
                text = NO_ARTICLE.to_string();
            }
            let found = Found {
                // The feed's word first: a page's own title is often
                // suffixed with the site's name.
                title: meta.title.clone().or(page.title),
                byline: page.byline.or_else(|| meta.byline.clone()),
                outlet: page.outlet.or_else(|| meta.outlet.clone()),
                date: page.date.or_else(|| meta.date.clone()),
                url: page.url.or_else(|| meta.url.clone()),
                language: page.language,
                captions: page.captions,
            };
            build(raw, &text, decoded.lossy, found)
        }
    }
}

/// What can be said of a file before it is read, for the list: its name
/// as the title, the date its path gives. No text, so the reader shows it
/// once it is read ([`clean`]).
pub fn stub(path: &std::path::Path) -> Article {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    Article {
        id: ArticleId(String::new()),
        path: path.to_path_buf(),
        title: sanitize::for_display(&stem),
        title_from_text: false,
        subtitle: None,
        date: date::date_from_path(&path.to_string_lossy()),
        outlet: None,
        byline: None,
        url: None,
        language: None,
        text: String::new(),
        blocks: Vec::new(),
        set_aside: Vec::new(),
        lossy: false,
        repairs: Repairs::default(),
    }
}

/// What can be said of a document before it is cleaned: [`stub`], with
/// the title, outlet, byline, date and address its feed gave.
pub fn stub_of(doc: &RawDoc) -> Article {
    let mut article = stub(&doc.path);
    let meta = &doc.meta;
    let shown = |s: &Option<String>| s.as_deref().map(sanitize::for_display);
    if let Some(title) = shown(&meta.title).filter(|t| !t.is_empty()) {
        article.title = title;
    }
    article.outlet = shown(&meta.outlet);
    article.byline = shown(&meta.byline);
    article.date = meta.date.clone().or(article.date);
    article.url.clone_from(&meta.url);
    article
}

/// The body of a page in which no article was found.
pub const NO_ARTICLE: &str = "(No article text was found on this page.)";

/// What a page or feed said of the article before its text was read.
#[derive(Debug, Default)]
struct Found {
    title: Option<String>,
    byline: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    url: Option<String>,
    language: Option<String>,
    captions: Vec<String>,
}

/// The steps shared by text files and pages, from sanitizing on.
fn build(raw: &RawDoc, text: &str, lossy: bool, found: Found) -> Article {
    let sanitized = sanitize::sanitize(text);
    let mut repairs = Repairs {
        unsafe_chars: sanitized.removed,
        ..Repairs::default()
    };

    let mut lines = lines::split(&sanitized.text);
    let mut set_aside = boilerplate::set_aside(&mut lines);
    set_aside.extend(found.captions.iter().map(|c| SetAside {
        text: sanitize::for_display(c),
        reason: SetAsideReason::Caption,
    }));
    let path = raw.path.to_string_lossy();
    let text_date = date::take_date(&mut lines);
    let date = found
        .date
        .or(text_date)
        .or_else(|| date::date_from_path(&path));

    let mut drafts = blocks::build(&lines);
    for draft in &mut drafts {
        draft.text = repair_text(&draft.text, &mut repairs);
    }
    drafts.retain(|d| has_content(&d.text));

    let stem = raw.path.file_stem().unwrap_or_default().to_string_lossy();
    let top = match found.title.map(|t| sanitize::for_display(&t)) {
        Some(title) => Some(title::known_title(&mut drafts, title, 0)),
        None => title::take_title(&mut drafts, &stem),
    };
    blocks::mark_headings(&mut drafts);
    let (text, blocks) = blocks::assemble(drafts);
    let byline = found.byline.or_else(|| byline_in(&text, &blocks));

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
        outlet: found
            .outlet
            .or_else(|| outlet_of(&set_aside, found.url.as_deref())),
        byline,
        url: found.url,
        language: found.language,
        text,
        blocks,
        set_aside,
        lossy,
        repairs,
    }
}

/// "By Jane Doe and John Roe | Dec 10" as the first or second block:
/// the names.
fn byline_in(text: &str, blocks: &[Block]) -> Option<String> {
    blocks.iter().take(2).find_map(|b| {
        let line = text.get(b.range.clone())?;
        let rest = line.strip_prefix("By ")?;
        let names = rest
            .split(['|', '·', '—', '–'])
            .next()
            .unwrap_or(rest)
            .trim()
            .trim_end_matches([',', '.']);
        let words = names.split_whitespace().count();
        ((2..=12).contains(&words) && names.starts_with(char::is_uppercase))
            .then(|| names.to_string())
    })
}

/// The outlet a text file names on a set-aside source line ("Source:
/// Reuters"), else the domain of the article's address.
fn outlet_of(set_aside: &[SetAside], url: Option<&str>) -> Option<String> {
    let from_line = set_aside
        .iter()
        .filter(|s| s.reason == SetAsideReason::SourceLine)
        .find_map(|s| {
            let lower = s.text.to_lowercase();
            ["source:", "published by", "source -", "source"]
                .iter()
                .find_map(|label| lower.strip_prefix(label).map(|_| label.len()))
                .map(|n| s.text[n..].trim_matches([' ', ':', '-', '.']).to_string())
                .filter(|o| {
                    !o.is_empty() && o.split_whitespace().count() <= 6 && !o.contains("://")
                })
        });
    from_line.or_else(|| url.and_then(domain_of))
}

/// `https://www.example.com/a/b` → `example.com`.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| sanitize::for_display(&host.to_ascii_lowercase()))
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

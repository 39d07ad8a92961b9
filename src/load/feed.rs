//! Feeds: RSS 2.0, Atom and JSON Feed files to one document per item.
//!
//! `feed-rs` reads all three. An item with full content becomes an HTML
//! fragment to clean; one with only a summary is marked so that a caller
//! able to fetch can get its page instead.

use std::path::{Path, PathBuf};

use super::{DocKind, RawDoc, SourceMeta};

/// The items of a feed, newest first as the feed lists them. `url` is
/// where the feed was fetched from, if it was.
pub fn items(path: &Path, bytes: &[u8], url: Option<&str>) -> Result<Vec<RawDoc>, String> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(url)
        .sanitize_content(false)
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| format!("not a readable feed: {e}"))?;
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    let source = url.map_or_else(|| path.display().to_string(), str::to_string);
    let docs = feed
        .entries
        .into_iter()
        .enumerate()
        .filter_map(|(index, entry)| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .map(|l| l.href.trim().to_string())
                .filter(|h| h.starts_with("http://") || h.starts_with("https://"));
            let (html, summary_only) = match (&entry.content, &entry.summary) {
                (Some(content), _) if content.body.as_deref().is_some_and(has_text) => {
                    (content.body.clone().unwrap_or_default(), false)
                }
                (_, Some(summary)) if has_text(&summary.content) => (
                    as_html(&summary.content, summary.content_type.as_str()),
                    true,
                ),
                _ if link.is_some() => (String::new(), true),
                _ => return None,
            };
            let title = entry
                .title
                .as_ref()
                .map(|t| plain(&t.content, t.content_type.as_str()))
                .filter(|t| !t.is_empty());
            let byline = entry
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref())
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            let date = entry
                .published
                .or(entry.updated)
                .map(|d| d.format("%Y-%m-%d").to_string());
            // Items are told apart by their link, else their id, else
            // their place in the feed.
            let key = link.clone().unwrap_or_else(|| {
                if entry.id.trim().is_empty() {
                    format!("{source}#{index}")
                } else {
                    format!("{source}#{}", entry.id.trim())
                }
            });
            Some(RawDoc {
                path: PathBuf::from(key),
                bytes: html.into_bytes(),
                meta: SourceMeta {
                    kind: DocKind::Fragment,
                    url: link,
                    charset: Some("utf-8".into()),
                    outlet: outlet.clone(),
                    title,
                    byline: Some(byline).filter(|b| !b.is_empty()),
                    date,
                    summary_only,
                },
            })
        })
        .collect();
    Ok(docs)
}

fn has_text(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// A summary as HTML: text summaries are escaped into a paragraph.
fn as_html(content: &str, media_type: &str) -> String {
    if media_type.contains("html") {
        content.to_string()
    } else {
        format!("<p>{}</p>", html_escape::encode_text(content))
    }
}

/// A title as plain text: HTML titles lose their tags and entities.
fn plain(content: &str, media_type: &str) -> String {
    let text = if media_type.contains("html") {
        dom_query::Document::fragment(content.to_string())
            .root()
            .text()
            .to_string()
    } else {
        content.to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

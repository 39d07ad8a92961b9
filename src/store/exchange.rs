//! Export and import: bookmarks and annotations as W3C Web Annotation JSON
//! (and export as Markdown), so notes move between machines.
//!
//! The JSON is one `AnnotationCollection` whose `first` page holds every
//! item:
//!
//! ```json
//! { "@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
//!   "label": "onrecord notes", "total": 1,
//!   "first": { "type": "AnnotationPage", "startIndex": 0, "items": [
//!     { "id": "urn:uuid:…", "type": "Annotation", "motivation": "commenting",
//!       "created": "2026-01-02T03:04:05.678Z", "modified": "…",
//!       "body": { "type": "TextualBody", "value": "the note", "format": "text/plain" },
//!       "target": { "source": "path/of/article.txt", "textHash": "xxh3 of its text",
//!         "selector": [
//!           { "type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…" },
//!           { "type": "TextPositionSelector", "start": 10, "end": 42 } ] } } ] } }
//! ```
//!
//! Bookmarks have `"motivation": "bookmarking"` and no body; a bookmark on a
//! whole article has no selector. Corrections of the analysis have
//! `"motivation": "editing"` and a body `{"type": "onrecord:Correction",
//! "correction": KIND, …}`: `reassign_speaker` (with `speaker`) and
//! `not_a_quotation` target a quotation like a note does; `merge_speakers`
//! (with `into`) and `split_alias` (with `alias`) target
//! `{"type": "onrecord:Speaker", "name": …}`. `textHash` is onrecord's own target
//! property. Import also takes an `AnnotationPage`, a plain array or a
//! single `Annotation`, and merges by id: an unknown id is added, a known
//! one replaced when the imported `modified` is newer; an item deleted here
//! after its `modified` time stays deleted.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{json, Map, Value};

use crate::clean::sanitize;

use super::anchor::{Selector, TextPositionSelector, TextQuoteSelector};
use super::corrections::{self, Correction, Fix};
use super::record::{
    format_time, now, parse_time, Annotation, Applied, ArticleKey, Bookmark, NoteId,
};
use super::{annotations, bookmarks, deletions, Store, StoreError};

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const URN_UUID: &str = "urn:uuid:";

/// A bookmark or annotation read from an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Bookmark(Bookmark),
    Annotation(Annotation),
    Correction(Correction),
}

/// Why an import file was refused. Nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(
        "no annotations found: expected an AnnotationCollection, an AnnotationPage, \
         an array of annotations or one Annotation"
    )]
    Shape,
    #[error("annotation {index} (counting from 0): {why}")]
    Item { index: usize, why: String },
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Items deleted here after their last change: not brought back.
    pub deleted_here: usize,
}

/// Every bookmark and annotation as one W3C `AnnotationCollection`.
pub fn export_json(store: &mut Store) -> Result<Value, StoreError> {
    let mut items: Vec<Item> = store.bookmarks()?.into_iter().map(Item::Bookmark).collect();
    items.extend(store.annotations()?.into_iter().map(Item::Annotation));
    items.extend(store.corrections()?.into_iter().map(Item::Correction));
    Ok(items_json(&items))
}

/// Bookmarks and annotations as one W3C `AnnotationCollection`, the shape
/// [`parse`] reads.
pub fn items_json(items: &[Item]) -> Value {
    let items: Vec<Value> = items
        .iter()
        .map(|item| match item {
            Item::Bookmark(b) => bookmark_json(b),
            Item::Annotation(a) => annotation_json(a),
            Item::Correction(c) => correction_json(c),
        })
        .collect();
    json!({
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "onrecord notes",
        "total": items.len(),
        "first": { "type": "AnnotationPage", "startIndex": 0, "items": items },
    })
}

/// Every bookmark and annotation as Markdown: one section per article,
/// passages as block quotes followed by their notes.
pub fn export_markdown(store: &mut Store) -> Result<String, StoreError> {
    let mut by_source: BTreeMap<String, (Vec<Bookmark>, Vec<Annotation>)> = BTreeMap::new();
    for b in store.bookmarks()? {
        by_source
            .entry(b.article.source.clone())
            .or_default()
            .0
            .push(b);
    }
    for a in store.annotations()? {
        by_source
            .entry(a.article.source.clone())
            .or_default()
            .1
            .push(a);
    }
    // Markdown is read on terminals: paths are shown with visible escapes,
    // and texts stored before they were sanitized on entry are cleaned.
    let mut out = String::from("# onrecord notes\n");
    for (source, (bookmarks, annotations)) in &by_source {
        let _ = write!(out, "\n## {}\n", sanitize::visible(source));
        for b in bookmarks {
            match &b.passage {
                None => {
                    let _ = write!(out, "\nBookmarked article ({}).\n", day(&b.created));
                }
                Some(p) => {
                    let _ = write!(
                        out,
                        "\n{}\n\nBookmarked passage ({}).\n",
                        block_quote(&p.quote.exact),
                        day(&b.created)
                    );
                }
            }
        }
        for a in annotations {
            let _ = write!(
                out,
                "\n{}\n\n{}\n",
                block_quote(&a.selector.quote.exact),
                sanitize::inert(&a.note).trim_end()
            );
            let edited = if a.modified > a.created {
                format!(", edited {}", day(&a.modified))
            } else {
                String::new()
            };
            let _ = write!(out, "\n*Noted {}{edited}.*\n", day(&a.created));
        }
    }
    let corrections = store.corrections()?;
    if !corrections.is_empty() {
        out.push_str("\n## Corrections\n\n");
    }
    for c in corrections {
        let what = match &c.fix {
            Fix::Reassign {
                article,
                quote,
                speaker,
            } => format!(
                "“{}” ({}) is {speaker}’s",
                one_line(&quote.quote.exact),
                article.source
            ),
            Fix::NotAQuotation { article, quote } => format!(
                "“{}” ({}) is not a quotation",
                one_line(&quote.quote.exact),
                article.source
            ),
            Fix::MergeSpeaker { speaker, into } => format!("{speaker} is {into}"),
            Fix::SplitAlias { speaker, alias } => format!("{alias} is not {speaker}"),
        };
        let _ = writeln!(out, "- {what} ({})", day(&c.modified));
    }
    Ok(out)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads an export file's JSON.
pub fn parse(json: &str) -> Result<Vec<Item>, ImportError> {
    let value: Value = serde_json::from_str(json)?;
    let items = annotation_list(&value).ok_or(ImportError::Shape)?;
    items
        .iter()
        .enumerate()
        .map(|(index, v)| item(v).map_err(|why| ImportError::Item { index, why }))
        .collect()
}

/// Merges imported items into the store, in one transaction: an unknown id
/// is added, a known annotation replaced when the imported one is newer.
pub fn import(store: &mut Store, items: &[Item]) -> Result<ImportCounts, StoreError> {
    store.write(|conn| {
        let path = store_path(conn);
        let sql = |e| StoreError::from_sqlite(std::path::Path::new(&path), e);
        let mut counts = ImportCounts::default();
        for item in items {
            let (id, time) = match item {
                Item::Bookmark(b) => (&b.id, b.created),
                Item::Annotation(a) => (&a.id, a.modified),
                Item::Correction(c) => (&c.id, c.modified),
            };
            if deletions::deleted_at(conn, id)
                .map_err(sql)?
                .is_some_and(|d| d >= time)
            {
                counts.deleted_here += 1;
                continue;
            }
            let applied = match item {
                Item::Bookmark(b) => match bookmarks::insert(conn, b).map_err(sql)? {
                    Applied::Changed => Counted::Added,
                    _ => Counted::Unchanged,
                },
                Item::Annotation(a) => match annotations::replace_if_newer(conn, a).map_err(sql)? {
                    None => {
                        annotations::insert(conn, a).map_err(sql)?;
                        Counted::Added
                    }
                    Some(Applied::Changed) => Counted::Updated,
                    Some(_) => Counted::Unchanged,
                },
                Item::Correction(c) => {
                    let known = corrections::get(conn, &c.id).map_err(sql)?.is_some();
                    match (corrections::upsert(conn, c).map_err(sql)?, known) {
                        (Applied::Changed, false) => Counted::Added,
                        (Applied::Changed, true) => Counted::Updated,
                        _ => Counted::Unchanged,
                    }
                }
            };
            match applied {
                Counted::Added => counts.added += 1,
                Counted::Updated => counts.updated += 1,
                Counted::Unchanged => counts.unchanged += 1,
            }
        }
        Ok(counts)
    })
}

enum Counted {
    Added,
    Updated,
    Unchanged,
}

fn store_path(conn: &rusqlite::Connection) -> String {
    conn.path().unwrap_or_default().to_string()
}

fn bookmark_json(b: &Bookmark) -> Value {
    let mut target = json!({ "source": b.article.source, "textHash": b.article.text_hash });
    if let (Some(p), Some(t)) = (&b.passage, target.as_object_mut()) {
        t.insert("selector".into(), selectors_json(p));
    }
    annotation_envelope(&b.id, "bookmarking", &b.created, &b.created, None, target)
}

/// A W3C Web Annotation with its id, motivation, times, body and target.
fn annotation_envelope(
    id: &impl std::fmt::Display,
    motivation: &str,
    created: &chrono::DateTime<chrono::Utc>,
    modified: &chrono::DateTime<chrono::Utc>,
    body: Option<Value>,
    target: Value,
) -> Value {
    let mut out = json!({
        "id": format!("{URN_UUID}{id}"),
        "type": "Annotation",
        "motivation": motivation,
        "created": format_time(created),
        "modified": format_time(modified),
    });
    if let Some(body) = body {
        out["body"] = body;
    }
    out["target"] = target;
    out
}

fn annotation_json(a: &Annotation) -> Value {
    annotation_envelope(
        &a.id,
        "commenting",
        &a.created,
        &a.modified,
        Some(json!({ "type": "TextualBody", "value": a.note, "format": "text/plain" })),
        quotation_target(&a.article, &a.selector),
    )
}

fn correction_json(c: &Correction) -> Value {
    let mut body = json!({ "type": "onrecord:Correction", "correction": c.fix.kind() });
    let speaker_target = |name: &str| json!({ "type": "onrecord:Speaker", "name": name });
    let target = match &c.fix {
        Fix::Reassign {
            article,
            quote,
            speaker,
        } => {
            body["speaker"] = json!(speaker);
            quotation_target(article, quote)
        }
        Fix::NotAQuotation { article, quote } => quotation_target(article, quote),
        Fix::MergeSpeaker { speaker, into } => {
            body["into"] = json!(into);
            speaker_target(speaker)
        }
        Fix::SplitAlias { speaker, alias } => {
            body["alias"] = json!(alias);
            speaker_target(speaker)
        }
    };
    annotation_envelope(
        &c.id,
        "editing",
        &c.created,
        &c.modified,
        Some(body),
        target,
    )
}

fn quotation_target(article: &ArticleKey, quote: &Selector) -> Value {
    json!({
        "source": article.source,
        "textHash": article.text_hash,
        "selector": selectors_json(quote),
    })
}

/// A correction's fix from its body and target.
fn correction_fix(o: &Map<String, Value>) -> Result<Fix, String> {
    let body = o.get("body").ok_or("a correction without a \"body\"")?;
    let field = |name: &str| -> Result<String, String> {
        body.get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
            .ok_or_else(|| format!("its correction has no \"{name}\""))
    };
    let target_v = o.get("target").ok_or("no \"target\"")?;
    let speaker_name = || -> Result<String, String> {
        target_v
            .get("name")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
            .ok_or_else(|| "its target names no speaker".to_string())
    };
    let quotation = || -> Result<(ArticleKey, Selector), String> {
        let (article, selector) = target(target_v)?;
        Ok((
            article,
            selector.ok_or("no TextQuoteSelector in its target")?,
        ))
    };
    match body.get("correction").and_then(Value::as_str) {
        Some("reassign_speaker") => {
            let (article, quote) = quotation()?;
            Ok(Fix::Reassign {
                article,
                quote,
                speaker: field("speaker")?,
            })
        }
        Some("not_a_quotation") => {
            let (article, quote) = quotation()?;
            Ok(Fix::NotAQuotation { article, quote })
        }
        Some("merge_speakers") => Ok(Fix::MergeSpeaker {
            speaker: speaker_name()?,
            into: field("into")?,
        }),
        Some("split_alias") => Ok(Fix::SplitAlias {
            speaker: speaker_name()?,
            alias: field("alias")?,
        }),
        other => Err(format!("unknown correction {other:?}")),
    }
}

fn selectors_json(s: &Selector) -> Value {
    json!([
        {
            "type": "TextQuoteSelector",
            "exact": s.quote.exact,
            "prefix": s.quote.prefix,
            "suffix": s.quote.suffix,
        },
        { "type": "TextPositionSelector", "start": s.position.start, "end": s.position.end },
    ])
}

/// The annotations in a collection, a page, an array or a lone annotation.
fn annotation_list(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Array(items) => Some(items.clone()),
        Value::Object(o) => {
            if has_type(v, "Annotation") {
                return Some(vec![v.clone()]);
            }
            if let Some(items) = o.get("items") {
                return annotation_list(items);
            }
            o.get("first").and_then(annotation_list)
        }
        _ => None,
    }
}

/// Whether `v`'s `type` is (or includes) `name`.
fn has_type(v: &Value, name: &str) -> bool {
    match v.get("type") {
        Some(Value::String(t)) => t == name,
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

fn item(v: &Value) -> Result<Item, String> {
    let o = v.as_object().ok_or("not a JSON object")?;
    if !has_type(v, "Annotation") {
        return Err("its type is not \"Annotation\"".into());
    }
    let id = o.get("id").and_then(Value::as_str).ok_or("no \"id\"")?;
    let id = NoteId(id.strip_prefix(URN_UUID).unwrap_or(id).to_string());
    if id.0.is_empty() {
        return Err("empty \"id\"".into());
    }
    let created = time_field(o, "created")?.unwrap_or_else(now);
    let modified = time_field(o, "modified")?.unwrap_or(created);
    if o.get("motivation").and_then(Value::as_str) == Some("editing") {
        return Ok(Item::Correction(Correction {
            id,
            fix: correction_fix(o)?,
            created,
            modified,
        }));
    }
    let (article, selector) = target(o.get("target").ok_or("no \"target\"")?)?;
    let motivation = o
        .get("motivation")
        .and_then(Value::as_str)
        .unwrap_or("commenting");
    if motivation == "bookmarking" {
        return Ok(Item::Bookmark(Bookmark {
            id,
            article,
            passage: selector,
            created,
        }));
    }
    let selector = selector.ok_or("no TextQuoteSelector in its target")?;
    let note = body_text(o).unwrap_or_default();
    Ok(Item::Annotation(Annotation {
        id,
        article,
        selector,
        note,
        created,
        modified,
    }))
}

fn time_field(
    o: &Map<String, Value>,
    name: &str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, String> {
    match o.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => parse_time(s)
            .map(Some)
            .ok_or_else(|| format!("\"{name}\" is not an RFC 3339 time: {s:?}")),
        Some(_) => Err(format!("\"{name}\" is not a string")),
    }
}

fn target(v: &Value) -> Result<(ArticleKey, Option<Selector>), String> {
    // A bare IRI names the article only.
    if let Some(source) = v.as_str() {
        return Ok((
            ArticleKey {
                source: source.to_string(),
                text_hash: String::new(),
            },
            None,
        ));
    }
    let o = v
        .as_object()
        .ok_or("\"target\" is neither a string nor an object")?;
    let source = o
        .get("source")
        .and_then(Value::as_str)
        .ok_or("no \"source\" in its target")?;
    let text_hash = o
        .get("textHash")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let article = ArticleKey {
        source: source.to_string(),
        text_hash: text_hash.to_string(),
    };
    let selectors: Vec<&Value> = match o.get("selector") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(one) => vec![one],
    };
    let quote = selectors.iter().find(|s| has_type(s, "TextQuoteSelector"));
    let position = selectors
        .iter()
        .find(|s| has_type(s, "TextPositionSelector"));
    let Some(quote) = quote else {
        return Ok((article, None));
    };
    let text = |name: &str| {
        quote
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let exact = text("exact");
    if exact.is_empty() {
        return Err("its TextQuoteSelector has no \"exact\" text".into());
    }
    let offset = |name: &str| {
        position
            .and_then(|p| p.get(name))
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
    };
    let start = offset("start").unwrap_or(0);
    let end = offset("end").unwrap_or(start.saturating_add(exact.chars().count()));
    let selector = Selector {
        quote: TextQuoteSelector {
            exact,
            prefix: text("prefix"),
            suffix: text("suffix"),
        },
        position: TextPositionSelector { start, end },
    };
    Ok((article, Some(selector)))
}

/// The text of the first textual body (or `bodyValue`).
fn body_text(o: &Map<String, Value>) -> Option<String> {
    if let Some(s) = o.get("bodyValue").and_then(Value::as_str) {
        return Some(s.to_string());
    }
    let body = o.get("body")?;
    let first = match body {
        Value::Array(bodies) => bodies.iter().find(|b| b.get("value").is_some())?,
        other => other,
    };
    first
        .get("value")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// Every line of `text` as a Markdown block quote.
fn block_quote(text: &str) -> String {
    sanitize::inert(text)
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn day(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

//! Quotations out: one row per quotation with its citation (plain data),
//! and the forms `onrecord quotes` and the reader's export write them in.

use std::io::{self, Write};

use serde::Serialize;

use super::statements::QuoteRef;
use super::Corpus;

/// One quotation with its citation. The field order is the CSV header's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteRow {
    pub speaker: Option<String>,
    pub role: Option<String>,
    /// The outlet the article names; empty when it names none.
    pub outlet: String,
    pub date: Option<String>,
    pub title: String,
    pub path: String,
    /// The quoted words, whitespace collapsed to single spaces.
    pub quotation: String,
    pub kind: &'static str,
    /// The statement it belongs to when other articles carry its words.
    pub statement: Option<String>,
    /// The reader corrected its speaker.
    pub corrected: bool,
}

/// Every quotation of the corpus in reading order, optionally only those of
/// speakers or outlets whose name contains the given words (any case).
/// Quotations the reader marked as not quotations are left out.
pub fn rows(corpus: &Corpus, speaker: Option<&str>, outlet: Option<&str>) -> Vec<QuoteRow> {
    let contains = |hay: &str, needle: &str| hay.to_lowercase().contains(&needle.to_lowercase());
    let mut out = Vec::new();
    for (ai, article) in corpus.articles.iter().enumerate() {
        let Some(analysis) = corpus.analysis(ai) else {
            continue;
        };
        if outlet.is_some_and(|o| !contains(article.outlet.as_deref().unwrap_or_default(), o)) {
            continue;
        }
        for qi in 0..analysis.quotes.len() {
            if let Some(wanted) = speaker {
                let who = corpus.quote_speaker_name(ai, qi);
                if !who.is_some_and(|s| contains(s, wanted)) {
                    continue;
                }
            }
            out.extend(row(corpus, (ai, qi)));
        }
    }
    out
}

/// One quotation's row; `None` for a quotation that is not there or that
/// the reader marked as not a quotation.
pub fn row(corpus: &Corpus, (ai, qi): QuoteRef) -> Option<QuoteRow> {
    let article = corpus.articles.get(ai)?;
    let q = corpus.analysis(ai)?.quotes.get(qi)?;
    if corpus.is_rejected(ai, qi) {
        return None;
    }
    let who = corpus.quote_speaker(ai, qi);
    Some(QuoteRow {
        speaker: who.map(|s| s.name.clone()),
        role: who.and_then(|s| s.roles.first().cloned()),
        outlet: article.outlet.clone().unwrap_or_default(),
        date: article.date.clone(),
        title: article.title.clone(),
        path: article.path.display().to_string(),
        quotation: q
            .span
            .text(&article.text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        kind: q.kind.as_str(),
        statement: corpus.statement_id((ai, qi)),
        corrected: corpus.is_corrected(ai, qi),
    })
}

/// CSV per RFC 4180, with a header even when there are no rows.
pub fn write_csv(rows: &[QuoteRow], out: &mut impl Write) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut *out);
    if rows.is_empty() {
        // serde writes the header with the first row; an empty
        // result still gets one.
        writer.write_record(HEADER).map_err(io_error)?;
    }
    for row in rows {
        writer.serialize(row).map_err(io_error)?;
    }
    writer.flush()
}

/// The writer's own error when it failed writing (a closed pipe stays a
/// closed pipe, which `onrecord quotes | head` takes as no error).
fn io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// A JSON array, unsafe characters escaped.
pub fn write_json(rows: &[QuoteRow], out: &mut impl Write) -> io::Result<()> {
    let json = serde_json::to_string_pretty(rows)?;
    writeln!(out, "{}", crate::clean::sanitize::json_escape_unsafe(json))
}

/// The CSV header: [`QuoteRow`]'s fields.
pub const HEADER: [&str; 10] = [
    "speaker",
    "role",
    "outlet",
    "date",
    "title",
    "path",
    "quotation",
    "kind",
    "statement",
    "corrected",
];

/// Quotations as block quotes, each with its citation line.
pub fn write_markdown(rows: &[QuoteRow], out: &mut impl Write) -> io::Result<()> {
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "> “{}”", markdown_escape(&row.quotation))?;
        writeln!(out, ">")?;
        // The outlet comes from a folder name, which may carry escapes.
        let citation = crate::clean::sanitize::visible(&citation(row));
        writeln!(out, "> — {}", markdown_escape(&citation))?;
    }
    Ok(())
}

/// "Speaker (role), Outlet, Date, “Title”" as far as known.
pub fn citation(row: &QuoteRow) -> String {
    let mut parts = vec![match (&row.speaker, &row.role) {
        (Some(s), Some(r)) => format!("{s} ({r})"),
        (Some(s), None) => s.clone(),
        (None, _) => "unattributed".to_string(),
    }];
    if !row.outlet.is_empty() {
        parts.push(row.outlet.clone());
    }
    parts.extend(row.date.clone());
    if !row.title.is_empty() {
        parts.push(format!("“{}”", row.title));
    }
    parts.join(", ")
}

/// Backslash-escapes the characters Markdown would read as markup.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

//! `onrecord analyze`: entities and quotations of articles, as JSON, JSON
//! lines or readable text. The record schema is documented in
//! the README ("Analysis from the command line").

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::analyze::Span;
use crate::clean::sanitize;
use crate::cli::{AnalyzeArgs, AnalyzeFormat};
use crate::index::Corpus;

/// A byte range of the text with the text it covers.
#[derive(Debug, Serialize)]
pub struct SpanRecord<'a> {
    pub start: u32,
    pub end: u32,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct EntityRecord<'a> {
    pub start: u32,
    pub end: u32,
    pub text: &'a str,
    pub kind: &'static str,
}

#[derive(Debug, Serialize)]
pub struct QuoteRecord<'a> {
    pub start: u32,
    pub end: u32,
    pub text: &'a str,
    pub kind: &'static str,
    pub speaker: Option<&'a str>,
    pub speaker_mention: Option<SpanRecord<'a>>,
    pub cue: Option<&'static str>,
    pub attribution: Option<AttributionRecord<'a>>,
    /// The reader corrected its speaker.
    pub corrected: bool,
}

/// Why a quotation has its speaker: the rule (sieve) that found the
/// mention, the one that linked it to the speaker, and their evidence.
#[derive(Debug, Serialize)]
pub struct AttributionRecord<'a> {
    pub rule: &'static str,
    pub link: &'static str,
    pub cue: Option<SpanRecord<'a>>,
    pub mention: Option<SpanRecord<'a>>,
    pub antecedent: Option<SpanRecord<'a>>,
}

impl<'a> SpanRecord<'a> {
    fn of(span: Span, text: &'a str) -> SpanRecord<'a> {
        SpanRecord {
            start: span.start,
            end: span.end,
            text: span.text(text),
        }
    }
}

/// One article's record.
#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    pub path: String,
    pub title: &'a str,
    pub date: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub byline: Option<&'a str>,
    pub url: Option<&'a str>,
    pub text: &'a str,
    pub entities: Vec<EntityRecord<'a>>,
    pub quotes: Vec<QuoteRecord<'a>>,
}

/// Runs `onrecord analyze`.
pub fn run(args: &AnalyzeArgs, data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut corpus = super::load_corpus(&args.paths, data_dir)?;
    if !args.no_corrections {
        super::apply_corrections(&mut corpus, data_dir)?;
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    write_corpus(&corpus, args.format, &mut out)
        .and_then(|()| out.flush())
        .context("writing the analysis")?;
    Ok(ExitCode::SUCCESS)
}

/// The records of every analyzed article, in corpus order.
pub fn records(corpus: &Corpus) -> Vec<ArticleRecord<'_>> {
    (0..corpus.articles.len())
        .filter_map(|i| record(corpus, i))
        .collect()
}

fn record(corpus: &Corpus, i: usize) -> Option<ArticleRecord<'_>> {
    let article = corpus.articles.get(i)?;
    let analysis = corpus.analysis(i)?;
    let text = article.text.as_str();
    Some(ArticleRecord {
        path: article.path.display().to_string(),
        title: &article.title,
        date: article.date.as_deref(),
        outlet: article.outlet.as_deref(),
        byline: article.byline.as_deref(),
        url: article.url.as_deref(),
        text,
        entities: analysis
            .entities
            .iter()
            .map(|e| EntityRecord {
                start: e.span.start,
                end: e.span.end,
                text: e.span.text(text),
                kind: e.kind.as_str(),
            })
            .collect(),
        quotes: analysis
            .quotes
            .iter()
            .enumerate()
            .filter(|&(qi, _)| !corpus.is_rejected(i, qi))
            .map(|(qi, q)| QuoteRecord {
                start: q.span.start,
                end: q.span.end,
                text: q.span.text(text),
                kind: q.kind.as_str(),
                speaker: corpus.quote_speaker_name(i, qi),
                speaker_mention: q.speaker_mention.map(|m| SpanRecord::of(m, text)),
                cue: q.cue,
                attribution: q.attribution.map(|a| AttributionRecord {
                    rule: a.rule.as_str(),
                    link: a.link.as_str(),
                    cue: a.cue.map(|c| SpanRecord::of(c, text)),
                    mention: q.speaker_mention.map(|m| SpanRecord::of(m, text)),
                    antecedent: a.antecedent.map(|c| SpanRecord::of(c, text)),
                }),
                corrected: corpus.is_corrected(i, qi),
            })
            .collect(),
    })
}

/// Writes the corpus in the chosen format.
pub fn write_corpus(
    corpus: &Corpus,
    format: AnalyzeFormat,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        AnalyzeFormat::Json => {
            let json = serde_json::to_string_pretty(&records(corpus))?;
            writeln!(out, "{}", sanitize::json_escape_unsafe(json))
        }
        AnalyzeFormat::Jsonl => {
            for r in records(corpus) {
                let json = serde_json::to_string(&r)?;
                writeln!(out, "{}", sanitize::json_escape_unsafe(json))?;
            }
            Ok(())
        }
        AnalyzeFormat::Text => write_text(corpus, out),
    }
}

/// A readable list: per article, quotations grouped by speaker.
fn write_text(corpus: &Corpus, out: &mut impl Write) -> io::Result<()> {
    for (i, r) in records(corpus).into_iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        // The article's text is inert after cleaning; its path is not.
        let path = sanitize::visible(&r.path);
        writeln!(
            out,
            "# {}",
            if r.title.is_empty() { &path } else { r.title }
        )?;
        writeln!(
            out,
            "  {}{}",
            path,
            r.date.map(|d| format!(" · {d}")).unwrap_or_default()
        )?;
        if r.quotes.is_empty() {
            writeln!(out, "  (no quotations)")?;
            continue;
        }
        let mut by_speaker: Vec<(Option<&str>, Vec<&QuoteRecord>)> = Vec::new();
        for q in &r.quotes {
            match by_speaker.iter_mut().find(|(s, _)| *s == q.speaker) {
                Some((_, list)) => list.push(q),
                None => by_speaker.push((q.speaker, vec![q])),
            }
        }
        // Unattributed last.
        by_speaker.sort_by_key(|(s, _)| s.is_none());
        for (speaker, quotes) in by_speaker {
            let roles = speaker
                .and_then(|name| corpus.speaker_named(name))
                .and_then(|s| s.roles.first())
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            writeln!(out, "\n  {}{}", speaker.unwrap_or("(no speaker)"), roles)?;
            for q in quotes {
                let text: String = q.text.split_whitespace().collect::<Vec<_>>().join(" ");
                writeln!(
                    out,
                    "    “{}” [{}{}]",
                    text,
                    q.kind,
                    q.cue.map(|c| format!(", {c}")).unwrap_or_default()
                )?;
            }
        }
    }
    Ok(())
}

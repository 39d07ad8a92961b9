//! `onrecord quotes`: one row per quotation, for spreadsheets and scripts.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::{QuotesArgs, QuotesFormat};
pub use crate::index::quotations::{citation, rows, QuoteRow, HEADER};
use crate::index::quotations::{write_csv, write_json, write_markdown};

/// Runs `onrecord quotes`.
pub fn run(args: &QuotesArgs, data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut corpus = super::load_corpus(&args.paths, data_dir)?;
    if !args.no_corrections {
        super::apply_corrections(&mut corpus, data_dir)?;
    }
    let rows = rows(&corpus, args.speaker.as_deref(), args.outlet.as_deref());
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write_rows(&rows, args.format, &mut out).and_then(|()| out.flush()) {
        // A closed pipe (`onrecord quotes | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => {
            other.context("writing the quotations")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes rows as CSV (RFC 4180, with a header), a JSON array, or Markdown.
pub fn write_rows(rows: &[QuoteRow], format: QuotesFormat, out: &mut impl Write) -> io::Result<()> {
    match format {
        QuotesFormat::Csv => write_csv(rows, out),
        QuotesFormat::Json => write_json(rows, out),
        QuotesFormat::Markdown => write_markdown(rows, out),
    }
}

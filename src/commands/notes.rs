//! `onrecord export` and `onrecord import`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::{ExportArgs, ExportFormat, ImportArgs};
use crate::store::{exchange, Store};

/// Runs `onrecord export`: every bookmark and annotation to stdout.
pub fn export(data_dir: Option<&Path>, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(data_dir)?;
    let text = match args.format {
        ExportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&exchange::export_json(&mut store)?)?;
            s.push('\n');
            s
        }
        ExportFormat::Markdown => exchange::export_markdown(&mut store)?,
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`onrecord export | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => {
            other.context("writing the export")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Runs `onrecord import FILE`: merges an exported JSON file by id.
pub fn import(data_dir: Option<&Path>, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let file = &args.file;
    let json =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let items =
        exchange::parse(&json).with_context(|| format!("{} was not imported", file.display()))?;
    let mut store = open(data_dir)?;
    let counts = exchange::import(&mut store, &items)
        .with_context(|| format!("{} was not imported", file.display()))?;
    println!(
        "imported {}: {} added, {} updated, {} unchanged, {} deleted here",
        file.display(),
        counts.added,
        counts.updated,
        counts.unchanged,
        counts.deleted_here
    );
    Ok(ExitCode::SUCCESS)
}

/// Opens the store, telling the user on stderr what they should know.
fn open(data_dir: Option<&Path>) -> anyhow::Result<Store> {
    let store = Store::open(data_dir)?;
    for warning in store.warnings() {
        eprintln!("onrecord: {warning}");
    }
    Ok(store)
}

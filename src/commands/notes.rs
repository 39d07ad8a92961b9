//! `onrecord export`, `onrecord import` and `onrecord salvage`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::clean::sanitize;
use crate::cli::{ExportArgs, ExportFormat, ImportArgs, SalvageArgs};
use crate::load;
use crate::store::{exchange, Access, Store, StoreError, StoreWarning};

/// Runs `onrecord export`: every bookmark and annotation to stdout.
pub fn export(data_dir: Option<&Path>, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(data_dir, Access::Read, false)?;
    let text = match args.format {
        ExportFormat::Json => {
            let json = serde_json::to_string_pretty(&exchange::export_json(&mut store)?)?;
            let mut s = sanitize::json_escape_unsafe(json);
            s.push('\n');
            s
        }
        ExportFormat::Markdown => exchange::export_markdown(&mut store)?,
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("writing the export")?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `onrecord import FILE`: merges an exported JSON file by id.
pub fn import(data_dir: Option<&Path>, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let file = &args.file;
    let shown = sanitize::visible(&file.display().to_string());
    // The same cap as articles: `import /dev/zero` must not read forever.
    let bytes = load::read_capped(file).map_err(|reason| {
        anyhow::anyhow!(
            "cannot read {}",
            load::Skipped {
                path: file.clone(),
                reason
            }
        )
    })?;
    let json = String::from_utf8(bytes).with_context(|| format!("{shown} is not UTF-8 text"))?;
    let items = exchange::parse(&json).with_context(|| format!("{shown} was not imported"))?;
    // The platform's own data directory may be created; a named one only
    // when asked.
    let create = args.create || data_dir.is_none();
    let mut store = open(data_dir, Access::Write, create)?;
    let counts = exchange::import(&mut store, &items)
        .with_context(|| format!("{shown} was not imported"))?;
    writeln!(
        std::io::stdout().lock(),
        "imported {shown}: {} added, {} updated, {} unchanged, {} deleted here",
        counts.added,
        counts.updated,
        counts.unchanged,
        counts.deleted_here
    )
    .context("writing the summary")?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `onrecord salvage FILE`: copies what can be read from a damaged
/// store into the notes store.
pub fn salvage(data_dir: Option<&Path>, args: &SalvageArgs) -> anyhow::Result<ExitCode> {
    let shown = sanitize::visible(&args.file.display().to_string());
    if !args.file.is_file() {
        anyhow::bail!("{shown}: no such file");
    }
    let mut store = open(data_dir, Access::Write, data_dir.is_none())?;
    let salvaged = store
        .salvage_from(&args.file)
        .with_context(|| format!("nothing salvaged from {shown}"))?;
    writeln!(std::io::stdout().lock(), "salvaged {shown}: {salvaged}")
        .context("writing the summary")?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the store for a one-shot command, telling the user on stderr what
/// they should know. A store found damaged (and moved aside, with what
/// could be read copied over) is an error: the command did not run on the
/// store the user meant, and `export > backup` must not succeed with less.
fn open(data_dir: Option<&Path>, access: Access, create: bool) -> anyhow::Result<Store> {
    let dir = match data_dir {
        Some(dir) => dir.to_path_buf(),
        None => Store::default_data_dir().ok_or(StoreError::NoDataDir)?,
    };
    let store = Store::open_existing(&dir, access, create)?;
    for warning in store.warnings() {
        if let StoreWarning::MovedAside { .. } = warning {
            anyhow::bail!("{warning}; so nothing was done: run the command again to use it");
        }
        super::say(warning);
    }
    Ok(store)
}

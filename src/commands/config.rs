//! `onrecord config`: the configuration file's place, or its defaults.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::ConfigArgs;
use crate::config;

/// Writes the commented defaults (`--print-default`), else says which file
/// (`path`) is read and whether it exists.
pub fn run(args: &ConfigArgs, path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.print_default {
        out.write_all(config::default_text().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    match path {
        Some(path) => {
            let shown = crate::clean::sanitize::for_display(&path.display().to_string());
            let state = if path.exists() {
                "read at start"
            } else {
                "not present: the defaults apply (onrecord config --print-default > FILE writes them)"
            };
            writeln!(out, "{shown}: {state}")?;
        }
        None => writeln!(
            out,
            "no configuration folder on this system: the defaults apply"
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

//! `onrecord analyze`.

use std::process::ExitCode;

use crate::cli::AnalyzeArgs;

/// Runs `onrecord analyze`.
pub fn run(_args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("analyze is not built yet")
}

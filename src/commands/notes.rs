//! `onrecord export` and `onrecord import`.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::{ExportArgs, ImportArgs};

/// Runs `onrecord export`.
pub fn export(_data_dir: Option<&Path>, _args: &ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export is not built yet")
}

/// Runs `onrecord import`.
pub fn import(_data_dir: Option<&Path>, _args: &ImportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("import is not built yet")
}

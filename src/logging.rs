//! Diagnostics go to a log file, never to the screen.

use std::fs::{self, OpenOptions};
use std::path::PathBuf;

use directories::ProjectDirs;
use simplelog::{ConfigBuilder, LevelFilter, WriteLogger};

/// Logs larger than this are started afresh.
const MAX_LOG_BYTES: u64 = 4 * 1024 * 1024;

/// Where the log file lives: the platform state dir (or cache dir).
pub fn log_path() -> Option<PathBuf> {
    let dirs = ProjectDirs::from("", "", "onrecord")?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.cache_dir());
    Some(dir.join("onrecord.log"))
}

/// Starts logging to [`log_path`]. Failing to log is not worth failing for,
/// so this returns the path it logs to, or `None`.
pub fn init() -> Option<PathBuf> {
    let path = log_path()?;
    fs::create_dir_all(path.parent()?).ok()?;
    let too_big = fs::metadata(&path).is_ok_and(|m| m.len() > MAX_LOG_BYTES);
    let file = OpenOptions::new()
        .create(true)
        .append(!too_big)
        .write(true)
        .truncate(too_big)
        .open(&path)
        .ok()?;
    let config = ConfigBuilder::new().set_time_format_rfc3339().build();
    WriteLogger::init(LevelFilter::Info, config, file).ok()?;
    Some(path)
}

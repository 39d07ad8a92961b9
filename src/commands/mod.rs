//! The subcommands' bodies, called by the binary, and the manners they
//! share: messages on stderr with anything from outside made visible, and
//! a closed pipe ending the output quietly.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::clean::sanitize;
use crate::index::Corpus;
use crate::load;
use crate::store::{Access, ArticleKey, Store, DB_FILE};

pub mod analyze;
pub mod config;
pub mod feeds;
pub mod notes;
pub mod quotes;

/// Where fetched pages and feeds are cached: `cache/` in the data
/// directory.
pub fn cache_dir(data_dir: Option<&Path>) -> Option<PathBuf> {
    data_dir
        .map(Path::to_path_buf)
        .or_else(crate::store::Store::default_data_dir)
        .map(|d| d.join("cache"))
}

/// Loads, cleans and analyzes the articles at `paths` (files, folders or
/// web addresses; the bundled seeds when none), reporting skipped files on
/// stderr. Nothing to analyze (every named file skipped) is an error.
pub fn load_corpus(paths: &[PathBuf], data_dir: Option<&Path>) -> anyhow::Result<Corpus> {
    let docs = if paths.is_empty() {
        load::embedded_seeds()
    } else {
        let (loaded, _) = load::load_inputs(paths, cache_dir(data_dir))?;
        for skipped in loaded.problems() {
            say(format_args!("skipped {skipped}"));
        }
        loaded.docs
    };
    if docs.is_empty() {
        anyhow::bail!("nothing to analyze: no article among the paths given could be read");
    }
    let articles = docs.iter().map(crate::clean::clean).collect();
    Ok(Corpus::build(articles))
}

/// Prints `onrecord: MESSAGE` on stderr, every unsafe character in it
/// shown as a visible escape (messages quote file names). A closed stderr
/// is not worth a panic.
pub fn say(message: impl std::fmt::Display) {
    let line = sanitize::visible(&message.to_string());
    let _ = writeln!(std::io::stderr().lock(), "onrecord: {line}");
}

/// Whether an error comes from writing to a pipe whose reader has gone
/// (`onrecord analyze | head -1`): the output was not wanted any more,
/// which is not a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Applies the reader's corrections from the store in `data_dir` (the
/// default one when `None`). A missing store has none; it is not created.
pub fn apply_corrections(corpus: &mut Corpus, data_dir: Option<&Path>) -> anyhow::Result<()> {
    let Some(dir) = data_dir
        .map(Path::to_path_buf)
        .or_else(Store::default_data_dir)
    else {
        return Ok(());
    };
    if !dir.join(DB_FILE).exists() {
        return Ok(());
    }
    let mut store = Store::open_existing(&dir, Access::Read, false)?;
    for warning in store.warnings() {
        say(warning);
    }
    let corrections = store
        .corrections()
        .context("reading the corrections (--no-corrections goes without)")?;
    let keys = corpus.articles.iter().map(ArticleKey::of).collect();
    corpus.set_corrections(keys, corrections);
    Ok(())
}

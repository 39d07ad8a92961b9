//! The subcommands' bodies, called by the binary.

use std::path::PathBuf;

use crate::index::Corpus;
use crate::load;

pub mod analyze;
pub mod notes;
pub mod quotes;

/// Loads, cleans and analyzes the articles at `paths` (the bundled seeds
/// when none), reporting skipped files on stderr.
pub fn load_corpus(paths: &[PathBuf]) -> anyhow::Result<Corpus> {
    let docs = if paths.is_empty() {
        load::embedded_seeds()
    } else {
        let loaded = load::load_paths(paths)?;
        for skipped in loaded.problems() {
            eprintln!("onrecord: skipped {skipped}");
        }
        loaded.docs
    };
    let articles = docs.iter().map(crate::clean::clean).collect();
    Ok(Corpus::build(articles))
}

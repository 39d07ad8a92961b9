//! Exporting a speaker's quotations to a Markdown file. The update step
//! only prepares the file's name and contents in
//! [`super::App::export_out`]; the event loop writes it, in `exports/` of
//! the data directory (the current directory when there is none), and
//! says where in the status line.

use std::io;
use std::path::{Path, PathBuf};

use crate::index::quotations::{row, write_markdown};
use crate::index::statements::QuoteRef;
use crate::index::Corpus;

/// The folder of the data directory exports go to.
pub const EXPORTS_DIR: &str = "exports";

/// A file to write, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// `quotes-<speaker>.md`: letters, digits and dashes only.
    pub file_name: String,
    pub contents: String,
    pub speaker: String,
    /// Quotations in it.
    pub count: usize,
}

/// The speaker's `quotes` (by date, as the timeline orders them) as a
/// Markdown file: a heading, then each quotation with its citation.
pub fn speaker_export(corpus: &Corpus, speaker: &str, quotes: &[QuoteRef]) -> Export {
    let rows: Vec<_> = quotes.iter().filter_map(|&q| row(corpus, q)).collect();
    let mut contents = format!(
        "# {}: {} quotation{}\n\n",
        crate::clean::sanitize::visible(speaker),
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
    .into_bytes();
    // Writing to memory cannot fail.
    let _ = write_markdown(&rows, &mut contents);
    Export {
        file_name: format!("quotes-{}.md", slug(speaker)),
        contents: String::from_utf8_lossy(&contents).into_owned(),
        speaker: speaker.to_string(),
        count: rows.len(),
    }
}

/// A name as a file-name part: lowercase letters and digits, words joined
/// by dashes, at most 60 characters.
fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let slug: String = words.join("-").chars().take(60).collect();
    if slug.is_empty() {
        "speaker".to_string()
    } else {
        slug
    }
}

/// Where exports go: `exports/` in the data directory, else the current
/// directory.
pub fn export_dir(data_dir: Option<&Path>) -> PathBuf {
    match data_dir {
        Some(dir) => dir.join(EXPORTS_DIR),
        None => PathBuf::from("."),
    }
}

/// Writes the export into `dir` (made if missing), replacing an earlier
/// export of the same speaker whole.
pub fn write(dir: &Path, export: &Export) -> io::Result<PathBuf> {
    let path = dir.join(&export.file_name);
    crate::files::write_whole(&path, export.contents.as_bytes())?;
    Ok(path)
}

/// `path` with the home directory written `~`, for the status line.
pub fn home_relative(path: &Path, home: Option<&std::ffi::OsStr>) -> String {
    match home.map(Path::new).and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits_only() {
        assert_eq!(slug("Elena Brandt"), "elena-brandt");
        assert_eq!(
            slug("the county's chief engineer"),
            "the-county-s-chief-engineer"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("\u{1b}[31m"), "31m");
        assert_eq!(slug("…"), "speaker");
    }

    #[test]
    fn the_home_directory_is_written_as_a_tilde() {
        let home = Some(std::ffi::OsStr::new("/home/ana"));
        let path = Path::new("/home/ana/.local/share/onrecord/exports/quotes-x.md");
        assert_eq!(
            home_relative(path, home),
            "~/.local/share/onrecord/exports/quotes-x.md"
        );
        assert_eq!(home_relative(Path::new("/tmp/x.md"), home), "/tmp/x.md");
        assert_eq!(home_relative(path, None), path.display().to_string());
    }
}

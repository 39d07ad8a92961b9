//! Load: paths on the command line (or the bundled seeds) to raw bytes.
//!
//! Nothing here interprets the text; it only decides which files are
//! articles, reads them within a size limit and reports what it skipped.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use thiserror::Error;

/// Files larger than this are skipped, never read whole.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Extensions read as articles, compared case-insensitively.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md"];

static SEEDS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/seeds");

/// One file's bytes, before any cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDoc {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// A file that was found but not loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Not a `.txt` or `.md` file.
    NotAnArticle,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// Could not be read (permissions, a broken link, a loop, …).
    Unreadable(String),
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        match &self.reason {
            SkipReason::NotAnArticle => write!(f, "{path}: not a .txt or .md file"),
            SkipReason::TooLarge(n) => write!(
                f,
                "{path}: {} MiB is over the {} MiB limit",
                n / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            SkipReason::Unreadable(why) => write!(f, "{path}: {why}"),
        }
    }
}

/// What loading produced: the documents in a stable order, and what was left.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<RawDoc>,
    pub skipped: Vec<Skipped>,
}

impl Loaded {
    /// How many files were skipped because they are not articles.
    pub fn not_articles(&self) -> usize {
        self.skipped
            .iter()
            .filter(|s| s.reason == SkipReason::NotAnArticle)
            .count()
    }

    /// Skips worth telling the user about (not the merely foreign files).
    pub fn problems(&self) -> impl Iterator<Item = &Skipped> {
        self.skipped
            .iter()
            .filter(|s| s.reason != SkipReason::NotAnArticle)
    }
}

/// Errors that stop loading altogether.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{0}: no such file or directory")]
    Missing(PathBuf),
    #[error("{path}: {why}")]
    Unreadable { path: PathBuf, why: String },
    #[error("{0}: no .txt or .md articles found")]
    NoArticles(PathBuf),
}

/// The seed articles bundled into the binary, in file-name order.
pub fn embedded_seeds() -> Vec<RawDoc> {
    let mut docs: Vec<RawDoc> = SEEDS
        .files()
        .filter(|f| is_article_path(f.path()))
        .map(|f| RawDoc {
            path: Path::new("seeds").join(f.path()),
            bytes: f.contents().to_vec(),
        })
        .collect();
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    docs
}

/// Loads the given files and directories (directories recursively).
///
/// A path named on the command line that is missing or unreadable, or a
/// directory holding no articles, is an error. Trouble with a file found
/// inside a directory only skips that file.
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::Missing(path.clone()),
            _ => LoadError::Unreadable {
                path: path.clone(),
                why: e.to_string(),
            },
        })?;
        if meta.is_dir() {
            let before = loaded.docs.len();
            load_dir(path, &mut loaded);
            if loaded.docs.len() == before {
                return Err(LoadError::NoArticles(path.clone()));
            }
        } else {
            match read_limited(path, meta.len()) {
                Ok(bytes) => loaded.docs.push(RawDoc {
                    path: path.clone(),
                    bytes,
                }),
                Err(SkipReason::Unreadable(why)) => {
                    return Err(LoadError::Unreadable {
                        path: path.clone(),
                        why,
                    })
                }
                Err(reason) => loaded.skipped.push(Skipped {
                    path: path.clone(),
                    reason,
                }),
            }
        }
    }
    Ok(loaded)
}

fn load_dir(dir: &Path, loaded: &mut Loaded) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                loaded.skipped.push(Skipped {
                    path,
                    reason: SkipReason::Unreadable(e.to_string()),
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if is_hidden(path, dir) {
            continue;
        }
        if !is_article_path(path) {
            loaded.skipped.push(Skipped {
                path: path.to_path_buf(),
                reason: SkipReason::NotAnArticle,
            });
            continue;
        }
        let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
        match read_limited(path, len) {
            Ok(bytes) => loaded.docs.push(RawDoc {
                path: path.to_path_buf(),
                bytes,
            }),
            Err(reason) => loaded.skipped.push(Skipped {
                path: path.to_path_buf(),
                reason,
            }),
        }
    }
}

/// Dot-files and dot-directories below the root are editor and VCS clutter.
fn is_hidden(path: &Path, root: &Path) -> bool {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// Whether a path has one of the [`ARTICLE_EXTENSIONS`].
pub fn is_article_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads a file, refusing it when it is (or grows) past the size limit.
fn read_limited(path: &Path, len_hint: u64) -> Result<Vec<u8>, SkipReason> {
    if len_hint > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge(len_hint));
    }
    let file = File::open(path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    let mut bytes = Vec::with_capacity(len_hint as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

//! Load: paths on the command line (or the bundled seeds) to raw bytes.
//!
//! Nothing here interprets the text; it only decides which files are
//! articles (text, web pages, feeds), reads them within a size limit and
//! reports what it skipped. A feed is opened like a folder: its items
//! become documents of their own, with what the feed says of them.

pub mod feed;
pub mod fetch;
pub mod subscriptions;
pub mod web;

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use thiserror::Error;

/// Files larger than this are skipped, never read whole.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Extensions read as articles, compared case-insensitively: text, web
/// pages, and files that may hold a feed (told apart by their content).
pub const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "md", "html", "htm", "xhtml", "xml", "rss", "atom", "json",
];

static SEEDS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/seeds");

/// One document's bytes, before any cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDoc {
    /// A file path, `seeds/NAME`, a URL, or a feed's path or URL with
    /// `#item` for one of its items.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub meta: SourceMeta,
}

/// What the bytes are and what their source said of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMeta {
    pub kind: DocKind,
    /// Where it was fetched from, or the feed item's link.
    pub url: Option<String>,
    /// The charset an HTTP `Content-Type` header declared.
    pub charset: Option<String>,
    /// The feed's title, for its items.
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// ISO `YYYY-MM-DD`, from the feed.
    pub date: Option<String>,
    /// A feed item that carried only a summary, not the article.
    pub summary_only: bool,
}

/// How the cleaner should read a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DocKind {
    /// Plain text or Markdown.
    #[default]
    Text,
    /// A whole web page: the article is to be found in it.
    Page,
    /// HTML that is the article already (a feed item's content).
    Fragment,
}

/// What a file's name and first bytes say it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Doc(DocKind),
    Feed,
    NotAnArticle,
}

/// Tells text, pages and feeds apart by extension and content: a `.xml`
/// or `.json` file is read only when it holds a feed, and a page saved
/// under another name is still a page.
pub fn sniff(path: &Path, bytes: &[u8]) -> Sniffed {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let head = sniff_head(bytes);
    if head.starts_with("<rss") || head.starts_with("<feed") || head.starts_with("<rdf:rdf") {
        return Sniffed::Feed;
    }
    if head.starts_with('{') && head.contains("jsonfeed.org/version") {
        return Sniffed::Feed;
    }
    match ext.as_str() {
        "txt" | "md" => Sniffed::Doc(DocKind::Text),
        "html" | "htm" | "xhtml" => Sniffed::Doc(DocKind::Page),
        _ if head.starts_with("<!doctype html") || head.starts_with("<html") => {
            Sniffed::Doc(DocKind::Page)
        }
        _ => Sniffed::NotAnArticle,
    }
}

/// The first kilobyte, lowercased, past a BOM, whitespace, an XML
/// declaration, comments and processing instructions.
fn sniff_head(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let mut rest = head.trim_start();
    loop {
        let skip = if rest.starts_with("<?") {
            rest.find("?>").map(|i| i + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else {
            None
        };
        match skip {
            Some(n) => rest = rest[n..].trim_start(),
            None => break,
        }
    }
    rest.to_string()
}

/// A file that was found but not loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Not a text file, web page or feed.
    NotAnArticle,
    /// A feed that could not be read, or a URL that could not be fetched.
    BadSource(String),
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// A FIFO, socket or device: reading it could block forever or never end.
    NotRegular(&'static str),
    /// A symbolic link leading out of the named files and folders.
    OutsideRoots,
    /// Could not be read (permissions, a broken link, a loop, …).
    Unreadable(String),
}

/// Shows the path as the OS gives it: callers printing it to a terminal
/// pass the text through `clean::sanitize::visible` (the loader sits below
/// the cleaner and does not call it).
impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        match &self.reason {
            SkipReason::NotAnArticle => {
                write!(f, "{path}: not a text file, web page or feed")
            }
            SkipReason::BadSource(why) => write!(f, "{path}: {why}"),
            SkipReason::TooLarge(n) => write!(
                f,
                "{path}: {} MiB is over the {} MiB limit",
                n / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            SkipReason::NotRegular(kind) => write!(f, "{path}: {kind}, not a file"),
            SkipReason::OutsideRoots => {
                write!(f, "{path}: link leads outside the named folders")
            }
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
        not_articles(&self.skipped)
    }

    /// Skips worth telling the user about (not the merely foreign files).
    pub fn problems(&self) -> impl Iterator<Item = &Skipped> {
        problems(&self.skipped)
    }
}

fn not_articles(skipped: &[Skipped]) -> usize {
    skipped
        .iter()
        .filter(|s| s.reason == SkipReason::NotAnArticle)
        .count()
}

fn problems(skipped: &[Skipped]) -> impl Iterator<Item = &Skipped> {
    skipped
        .iter()
        .filter(|s| s.reason != SkipReason::NotAnArticle)
}

/// Extensions whose files are one document each, so they can be listed
/// before they are read (the others may hold a feed of many).
const DEFERRABLE_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "xhtml"];

/// A document the reader will show: its bytes already (seeds, web
/// addresses, feed items), or a file found but not read yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Doc(RawDoc),
    File(FoundFile),
}

/// A file found on disk, not read yet: what the walk saw of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    pub path: PathBuf,
    /// The path with links resolved: the same file whatever the way to it.
    pub canonical: PathBuf,
    pub len: u64,
    /// Modification time, nanoseconds since the epoch (0 when unknown).
    pub modified: u128,
}

impl Source {
    pub fn path(&self) -> &Path {
        match self {
            Source::Doc(doc) => &doc.path,
            Source::File(file) => &file.path,
        }
    }

    /// The document's bytes, reading the file now. A file found to hold a
    /// feed gives its first item (the list had one entry for it); one that
    /// cannot be read any more is an error.
    pub fn into_doc(self) -> Result<RawDoc, Skipped> {
        let file = match self {
            Source::Doc(doc) => return Ok(doc),
            Source::File(file) => file,
        };
        let bytes = read_limited(&file.path, file.len).map_err(|reason| Skipped {
            path: file.path.clone(),
            reason,
        })?;
        let (docs, skipped) = documents_of(file.path.clone(), bytes, None, true);
        match (docs.into_iter().next(), skipped) {
            (Some(doc), _) => Ok(doc),
            (None, Some(skipped)) => Err(skipped),
            (None, None) => Err(Skipped {
                path: file.path,
                reason: SkipReason::BadSource("a feed without items".into()),
            }),
        }
    }
}

/// What [`discover`] found: the documents in a stable order, most of them
/// files not read yet, and what was left.
#[derive(Debug, Default)]
pub struct Found {
    pub sources: Vec<Source>,
    pub skipped: Vec<Skipped>,
}

impl From<Loaded> for Found {
    fn from(loaded: Loaded) -> Found {
        Found {
            sources: loaded.docs.into_iter().map(Source::Doc).collect(),
            skipped: loaded.skipped,
        }
    }
}

impl Found {
    /// How many files were skipped because they are not articles.
    pub fn not_articles(&self) -> usize {
        not_articles(&self.skipped)
    }

    /// Skips worth telling the user about (not the merely foreign files).
    pub fn problems(&self) -> impl Iterator<Item = &Skipped> {
        problems(&self.skipped)
    }
}

/// Errors that stop loading altogether.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{}: no such file or directory", .0.display())]
    Missing(PathBuf),
    #[error("{}: {why}", path.display())]
    Unreadable { path: PathBuf, why: String },
    #[error("{}: no articles (text, web pages or feeds) found", .0.display())]
    NoArticles(PathBuf),
}

/// Loads files, directories and web addresses. Addresses are fetched
/// through a cache in `cache_dir` (a source that fails is skipped with
/// its error and the rest load); paths as [`load_paths`].
pub fn load_inputs(
    inputs: &[PathBuf],
    cache_dir: Option<PathBuf>,
) -> Result<(Loaded, Vec<web::SourceReport>), LoadError> {
    load_inputs_through(inputs, &fetch::Fetcher::new(cache_dir))
}

/// [`load_inputs`] with addresses fetched through `fetcher` (one that
/// reads only its cache, for the reader's first frame).
pub fn load_inputs_through(
    inputs: &[PathBuf],
    fetcher: &fetch::Fetcher,
) -> Result<(Loaded, Vec<web::SourceReport>), LoadError> {
    let (urls, paths): (Vec<&PathBuf>, Vec<&PathBuf>) = inputs
        .iter()
        .partition(|p| fetch::is_url(&p.to_string_lossy()));
    let mut loaded = if paths.is_empty() {
        Loaded::default()
    } else {
        let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
        load_paths(&paths)?
    };
    let mut reports = Vec::new();
    if !urls.is_empty() {
        let urls: Vec<String> = urls
            .iter()
            .map(|u| u.to_string_lossy().into_owned())
            .collect();
        let (from_web, fared) = web::load_urls(&urls, fetcher, &|_, _, _| {});
        loaded.docs.extend(from_web.docs);
        loaded.skipped.extend(from_web.skipped);
        reports = fared;
    }
    Ok((loaded, reports))
}

/// Finds what the given files, directories and web addresses hold, as
/// [`load_inputs`] does, but lists text files and pages without reading
/// them ([`discover`]) so that a reader can show them at once. Addresses
/// are fetched through `fetcher` (one that reads only its cache, for the
/// reader's first frame).
pub fn discover_inputs_through(
    inputs: &[PathBuf],
    fetcher: &fetch::Fetcher,
) -> Result<(Found, Vec<web::SourceReport>), LoadError> {
    let (urls, paths): (Vec<PathBuf>, Vec<PathBuf>) = inputs
        .iter()
        .cloned()
        .partition(|p| fetch::is_url(&p.to_string_lossy()));
    let mut found = if paths.is_empty() {
        Found::default()
    } else {
        discover(&paths)?
    };
    let (from_web, reports) = load_inputs_through(&urls, fetcher)?;
    let from_web = Found::from(from_web);
    found.sources.extend(from_web.sources);
    found.skipped.extend(from_web.skipped);
    Ok((found, reports))
}

/// The seed articles bundled into the binary, in file-name order.
pub fn embedded_seeds() -> Vec<RawDoc> {
    let mut docs: Vec<RawDoc> = SEEDS
        .files()
        .filter(|f| is_article_path(f.path()))
        .map(|f| RawDoc {
            path: Path::new("seeds").join(f.path()),
            bytes: f.contents().to_vec(),
            meta: SourceMeta::default(),
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
///
/// Every file is loaded once, however often it is reached (named twice,
/// named with its directory, reached through a link): files are told apart
/// by their canonical path. Links are followed only while they stay inside
/// the named paths, and never round a loop. FIFOs, sockets and devices are
/// skipped, never opened.
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    let found = walk_paths(paths, false)?;
    let mut loaded = Loaded {
        docs: Vec::with_capacity(found.sources.len()),
        skipped: found.skipped,
    };
    for source in found.sources {
        if let Source::Doc(doc) = source {
            loaded.docs.push(doc);
        }
    }
    Ok(loaded)
}

/// Finds the documents under the given files and directories as
/// [`load_paths`] does, without reading the text files and pages: only
/// their names and sizes, so a reader can list them at once and read them
/// in the background. Files that may hold a feed are read now.
pub fn discover(paths: &[PathBuf]) -> Result<Found, LoadError> {
    walk_paths(paths, true)
}

fn walk_paths(paths: &[PathBuf], defer: bool) -> Result<Found, LoadError> {
    let mut roots = Vec::with_capacity(paths.len());
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::Missing(path.clone()),
            _ => LoadError::Unreadable {
                path: path.clone(),
                why: e.to_string(),
            },
        })?;
        let canonical = std::fs::canonicalize(path).map_err(|e| LoadError::Unreadable {
            path: path.clone(),
            why: e.to_string(),
        })?;
        roots.push((path, canonical, meta));
    }
    let canonical_roots: Vec<&Path> = roots.iter().map(|(_, c, _)| c.as_path()).collect();
    let mut loader = Loader {
        roots: &canonical_roots,
        seen: HashSet::new(),
        found: Found::default(),
        defer,
    };
    for (path, canonical, meta) in &roots {
        if meta.is_dir() {
            if loader.load_dir(path) == 0 {
                return Err(LoadError::NoArticles(path.to_path_buf()));
            }
        } else if !meta.is_file() {
            loader.skip(
                path,
                SkipReason::NotRegular(special_kind(&meta.file_type())),
            );
        } else if loader.seen.insert(canonical.clone()) {
            if loader.deferred(path, canonical, meta) {
                continue;
            }
            match read_limited(path, meta.len()) {
                Ok(bytes) => loader.add(path, bytes, true),
                Err(SkipReason::Unreadable(why)) => {
                    return Err(LoadError::Unreadable {
                        path: path.to_path_buf(),
                        why,
                    })
                }
                Err(reason) => loader.skip(path, reason),
            }
        }
    }
    Ok(loader.found)
}

struct Loader<'a> {
    /// The named paths, canonical: links may lead anywhere inside them.
    roots: &'a [&'a Path],
    /// Canonical paths of the files already loaded or skipped.
    seen: HashSet<PathBuf>,
    found: Found,
    /// Whether text files and pages are listed rather than read.
    defer: bool,
}

impl Loader<'_> {
    /// Adds a file read whole: a document, a feed's items, or a skip.
    fn add(&mut self, path: &Path, bytes: Vec<u8>, named: bool) {
        let (docs, skipped) = documents_of(path.to_path_buf(), bytes, None, named);
        self.found.sources.extend(docs.into_iter().map(Source::Doc));
        self.found.skipped.extend(skipped);
    }

    /// Lists a text file or page to be read later, when deferring; false
    /// when it is to be read now.
    fn deferred(&mut self, path: &Path, canonical: &Path, meta: &std::fs::Metadata) -> bool {
        let deferrable = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            DEFERRABLE_EXTENSIONS
                .iter()
                .any(|x| x.eq_ignore_ascii_case(e))
        });
        if !self.defer || !deferrable {
            return false;
        }
        if meta.len() > MAX_FILE_BYTES {
            self.skip(path, SkipReason::TooLarge(meta.len()));
            return true;
        }
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        self.found.sources.push(Source::File(FoundFile {
            path: path.to_path_buf(),
            canonical: canonical.to_path_buf(),
            len: meta.len(),
            modified,
        }));
        true
    }

    fn skip(&mut self, path: &Path, reason: SkipReason) {
        self.found.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason,
        });
    }

    /// Loads the articles under `dir`; returns how many it found (loaded
    /// now or before, through another path).
    fn load_dir(&mut self, dir: &Path) -> usize {
        let roots = self.roots;
        let mut outside = Vec::new();
        // Links are judged before walkdir follows them, so a link to `/` is
        // never entered; walkdir itself refuses to go round a loop.
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                if entry.depth() == 0 {
                    return true;
                }
                // Dot-files and dot-directories are editor and VCS clutter.
                if entry.file_name().to_string_lossy().starts_with('.') {
                    return false;
                }
                if !entry.path_is_symlink() {
                    return true;
                }
                match std::fs::canonicalize(entry.path()) {
                    Ok(target) if roots.iter().any(|r| target.starts_with(r)) => true,
                    // A broken link: let the walk report it.
                    Err(_) => true,
                    Ok(_) => {
                        outside.push(entry.path().to_path_buf());
                        false
                    }
                }
            });
        let mut found = 0;
        // The last folder a file was in, and its canonical path.
        let mut folder: Option<(PathBuf, PathBuf)> = None;
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(dir).to_path_buf();
                    self.skip(&path, SkipReason::Unreadable(walk_error(&e)));
                    continue;
                }
            };
            let file_type = entry.file_type();
            if file_type.is_dir() {
                continue;
            }
            let path = entry.path();
            if !file_type.is_file() {
                self.skip(path, SkipReason::NotRegular(special_kind(&file_type)));
                continue;
            }
            if !is_article_path(path) {
                self.skip(path, SkipReason::NotAnArticle);
                continue;
            }
            found += 1;
            // A file that is no link is where its folder is: one folder's
            // canonical path serves all its files (resolving every file's
            // path took longer than the rest of the walk).
            let canonical = match path.parent().zip(path.file_name()) {
                Some((parent, name)) if !entry.path_is_symlink() => {
                    if folder.as_ref().is_none_or(|(p, _)| p != parent) {
                        let resolved =
                            std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
                        folder = Some((parent.to_path_buf(), resolved));
                    }
                    folder.as_ref().map(|(_, c)| c.join(name))
                }
                _ => None,
            }
            .unwrap_or_else(|| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
            if !self.seen.insert(canonical.clone()) {
                continue;
            }
            let meta = entry.metadata().ok();
            if let Some(meta) = &meta {
                if self.deferred(path, &canonical, meta) {
                    continue;
                }
            }
            let len = meta.map_or(0, |m| m.len());
            match read_limited(path, len) {
                Ok(bytes) => self.add(path, bytes, false),
                Err(reason) => self.skip(path, reason),
            }
        }
        for path in outside {
            self.skip(&path, SkipReason::OutsideRoots);
        }
        found
    }
}

/// The documents in one file or response: itself, or a feed's items.
/// `url` is where it was fetched from. A file named on the command line
/// (`named`) that is neither page nor feed is read as text.
pub fn documents_of(
    path: PathBuf,
    bytes: Vec<u8>,
    url: Option<&str>,
    named: bool,
) -> (Vec<RawDoc>, Option<Skipped>) {
    let sniffed = match sniff(&path, &bytes) {
        Sniffed::NotAnArticle if named => Sniffed::Doc(DocKind::Text),
        other => other,
    };
    match sniffed {
        Sniffed::Doc(kind) => {
            let meta = SourceMeta {
                kind,
                url: url.map(str::to_string),
                ..SourceMeta::default()
            };
            (vec![RawDoc { path, bytes, meta }], None)
        }
        Sniffed::Feed => feed_documents(path, &bytes, url),
        Sniffed::NotAnArticle => (
            Vec::new(),
            Some(Skipped {
                path,
                reason: SkipReason::NotAnArticle,
            }),
        ),
    }
}

/// A feed's items, or the feed skipped with why it could not be read.
pub fn feed_documents(
    path: PathBuf,
    bytes: &[u8],
    url: Option<&str>,
) -> (Vec<RawDoc>, Option<Skipped>) {
    match feed::items(&path, bytes, url) {
        Ok(docs) => (docs, None),
        Err(why) => (
            Vec::new(),
            Some(Skipped {
                path,
                reason: SkipReason::BadSource(why),
            }),
        ),
    }
}

/// A walk error without walkdir's own repetition of the path.
fn walk_error(e: &walkdir::Error) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        return format!("link loops back to {}", ancestor.display());
    }
    match e.io_error() {
        Some(io) => io.to_string(),
        None => e.to_string(),
    }
}

/// What a file that is neither a regular file nor a directory is.
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    let _ = file_type;
    "a special file"
}

/// Opens for reading without waiting for a FIFO's writer.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Reading a regular file is unaffected by O_NONBLOCK.
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Whether a path has one of the [`ARTICLE_EXTENSIONS`].
pub fn is_article_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`], the limit for
/// anything onrecord reads (articles and imported notes alike). A FIFO,
/// socket or device is refused without blocking.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, SkipReason> {
    let meta = std::fs::metadata(path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(SkipReason::NotRegular(special_kind(&meta.file_type())));
    }
    read_limited(path, meta.len())
}

/// Reads a file, refusing it when it is (or grows) past the size limit.
fn read_limited(path: &Path, len_hint: u64) -> Result<Vec<u8>, SkipReason> {
    if len_hint > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge(len_hint));
    }
    let file = open_nonblocking(path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    // Checked on the open file: a path swapped for a FIFO after the walk
    // looked at it is still refused.
    let meta = file
        .metadata()
        .map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(SkipReason::NotRegular(special_kind(&meta.file_type())));
    }
    let mut bytes = Vec::with_capacity(len_hint as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

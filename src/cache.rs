//! The analysis cache: cleaned articles and their analyses remembered
//! across runs, so reopening an unchanged corpus reads and analyzes
//! nothing.
//!
//! It lives in the data directory's `cache/analysis/` (beside the web
//! fetch cache), not in the notes store: it is large (about the corpus's
//! size), rewritten by the analysis threads while the reader writes notes,
//! and worth nothing that cannot be made again, while the store keeps only
//! what the user made and is backed up and salvaged as such. Deleting the
//! folder loses nothing.
//!
//! Values are postcard (serde, varints: spans take a byte or three), each
//! with its xxh3 checksum. Two kinds:
//! - *bodies*: a file's cleaned [`Article`] and its [`Analysis`], keyed by
//!   the hash of the raw bytes alone, so a moved or copied file finds its
//!   analysis (the cleaner reads dates and fallback titles from the path:
//!   a body found under another path is cleaned again, and its analysis
//!   kept when the cleaned text is the same). They are appended to a pack file per
//!   run that analyzed something, with an index file of (key, offset,
//!   length, checksum); one file per body cost more to create than the
//!   analysis itself. The newest pack's record of a key wins; past
//!   [`MAX_PACKS`] packs the oldest go;
//! - a *manifest* per set of inputs (`MAGIC`, checksum, payload): every
//!   file's path, size and
//!   modification time with what the list shows of it, and the speakers
//!   linked across all of them, so the first frame of a second start shows
//!   the whole list and the quotes panel before any file is read. The
//!   bodies still come by content hash: the manifest only draws the first
//!   frame, and what the files hold now replaces it.
//!
//! Everything sits under a folder named for the engine (the
//! [`ENGINE_VERSION`], the package version and this build's executable),
//! so a new cleaner or analyzer never reads an old result; other engines'
//! folders are removed when the cache opens. A file that is damaged
//! (checksum, format) is a miss and is written anew; nothing read from
//! here is trusted without its checksum.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::analyze::Analysis;
use crate::index::Linking;
use crate::load::FoundFile;
use crate::model::Article;

/// Raise when the cleaner or the analyzer changes what it produces, or a
/// cached type changes shape.
pub const ENGINE_VERSION: u32 = 2;

const MAGIC: &[u8; 8] = b"onrAC\x001\n";
const INDEX_MAGIC: &[u8; 8] = b"onrAI\x001\n";

/// Packs kept; more, and the oldest are removed when the cache opens.
pub const MAX_PACKS: usize = 8;

/// A pack record's header: key, payload length, payload checksum.
const RECORD_HEADER: usize = 16 + 4 + 8;
/// An index entry: key, offset, length, checksum.
const INDEX_ENTRY: usize = 16 + 8 + 4 + 8;

/// The cache folder for this engine.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What the list shows of a file before it is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub title: String,
    pub title_from_text: bool,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    pub url: Option<String>,
}

impl Summary {
    pub fn of(article: &Article) -> Summary {
        Summary {
            title: article.title.clone(),
            title_from_text: article.title_from_text,
            date: article.date.clone(),
            outlet: article.outlet.clone(),
            byline: article.byline.clone(),
            url: article.url.clone(),
        }
    }

    /// The article as the list shows it before its file is read.
    pub fn stub(&self, path: &Path) -> Article {
        let mut article = crate::clean::stub(path);
        article.title.clone_from(&self.title);
        article.title_from_text = self.title_from_text;
        article.date.clone_from(&self.date);
        article.outlet.clone_from(&self.outlet);
        article.byline.clone_from(&self.byline);
        article.url.clone_from(&self.url);
        article
    }
}

/// One file of a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub path: PathBuf,
    pub len: u64,
    pub modified: u128,
    pub summary: Summary,
}

impl ManifestEntry {
    /// Whether the file looks as it did (size and time): then its summary
    /// may draw the first frame.
    pub fn matches(&self, file: &FoundFile) -> bool {
        self.path == file.path && self.len == file.len && self.modified == file.modified
    }
}

/// Every file of a set of inputs, in corpus order, and the speakers linked
/// across them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub files: Vec<ManifestEntry>,
    pub linking: Linking,
}

impl Manifest {
    /// The manifest's linking, when every file is the one it was made
    /// from, in the same order.
    pub fn linking_for(&self, files: &[&FoundFile]) -> Option<Linking> {
        (self.files.len() == files.len() && self.files.iter().zip(files).all(|(e, f)| e.matches(f)))
            .then(|| self.linking.clone())
    }
}

impl Cache {
    /// The cache under `root` (`DATA_DIR/cache`), created if missing, for
    /// this engine. `None` when it cannot be made: the reader works without.
    pub fn open(root: &Path) -> Option<Cache> {
        let base = root.join("analysis");
        let dir = base.join(engine_name());
        if let Err(e) = std::fs::create_dir_all(dir.join("bodies")) {
            log::warn!("no analysis cache at {}: {e}", dir.display());
            return None;
        }
        // Results of other engines are never read again.
        if let Ok(entries) = std::fs::read_dir(&base) {
            for entry in entries.flatten() {
                if entry.path() != dir {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let cache = Cache { dir };
        let packs = cache.packs();
        for old in packs.iter().take(packs.len().saturating_sub(MAX_PACKS)) {
            let _ = std::fs::remove_file(old.with_extension("idx"));
            let _ = std::fs::remove_file(old);
        }
        Some(cache)
    }

    /// The packs, oldest first (their names start with the time).
    fn packs(&self) -> Vec<PathBuf> {
        let mut packs: Vec<PathBuf> = std::fs::read_dir(self.dir.join("bodies"))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "pack"))
                    .collect()
            })
            .unwrap_or_default();
        packs.sort();
        packs
    }

    /// The bodies stored so far, to read from any thread.
    pub fn bodies(&self) -> Bodies {
        let mut bodies = Bodies::default();
        for pack in self.packs() {
            let Some(entries) = std::fs::read(pack.with_extension("idx"))
                .ok()
                .and_then(|bytes| read_index(&bytes))
            else {
                continue;
            };
            let Ok(file) = std::fs::File::open(&pack) else {
                continue;
            };
            let which = bodies.packs.len() as u32;
            bodies.packs.push(file);
            for (key, offset, len, sum) in entries {
                bodies.index.insert(key, (which, offset, len, sum));
            }
        }
        bodies
    }

    /// A writer of new bodies (a pack of its own, made on the first one).
    pub fn body_writer(&self) -> BodyWriter {
        BodyWriter {
            dir: self.dir.join("bodies"),
            pack: None,
            written: 0,
            entries: Vec::new(),
        }
    }

    /// The folder this engine's results are in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of a file's body: the hash of its raw bytes (the engine is
    /// the folder's name).
    pub fn body_key(bytes: &[u8]) -> u128 {
        xxhash_rust::xxh3::xxh3_128(bytes)
    }

    /// The key of a document's body: [`Cache::body_key`] for a file; a
    /// page or feed item adds what its source said of it (the feed's
    /// title, date, byline…), which is not in its bytes. A web page is
    /// keyed by its address and the bytes fetched, so a page fetched again
    /// unchanged (a 304) is not extracted again.
    pub fn doc_key(doc: &crate::load::RawDoc) -> u128 {
        let meta = &doc.meta;
        if *meta == crate::load::SourceMeta::default() {
            return Self::body_key(&doc.bytes);
        }
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(doc.path.as_os_str().as_encoded_bytes());
        hasher.update(&[0]);
        hasher.update(&doc.bytes);
        // Each field behind a tag saying whether it is there, so that no
        // two different metas hash the same bytes.
        hasher.update(&[0xff, meta.kind as u8, u8::from(meta.summary_only)]);
        for field in [
            &meta.url,
            &meta.charset,
            &meta.outlet,
            &meta.title,
            &meta.byline,
            &meta.date,
        ] {
            match field {
                Some(value) => {
                    hasher.update(&[1]);
                    hasher.update(&(value.len() as u64).to_le_bytes());
                    hasher.update(value.as_bytes());
                }
                None => hasher.update(&[0]),
            }
        }
        hasher.digest128()
    }

    fn manifest_path(&self, inputs: &[PathBuf]) -> PathBuf {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for input in inputs {
            hasher.update(input.as_os_str().as_encoded_bytes());
            hasher.update(&[0]);
        }
        self.dir.join(format!("manifest-{:016x}", hasher.digest()))
    }

    /// The manifest made for these inputs (files and folders as named).
    pub fn manifest(&self, inputs: &[PathBuf]) -> Option<Manifest> {
        read(&self.manifest_path(inputs))
    }

    pub fn put_manifest(&self, inputs: &[PathBuf], manifest: &Manifest) {
        write(&self.manifest_path(inputs), manifest);
    }
}

/// The stored bodies: where each key's newest record is.
#[derive(Debug, Default)]
pub struct Bodies {
    /// Key → (pack, offset, length, checksum).
    index: std::collections::HashMap<u128, (u32, u64, u32, u64)>,
    packs: Vec<std::fs::File>,
}

impl Bodies {
    /// The cleaned article and analysis stored under `key`, when there and
    /// sound (its header, length and checksum as the index says).
    pub fn get(&self, key: u128) -> Option<(Article, Analysis)> {
        let &(pack, offset, len, sum) = self.index.get(&key)?;
        let file = self.packs.get(pack as usize)?;
        let mut record = vec![0; RECORD_HEADER + len as usize];
        read_at(file, &mut record, offset).ok()?;
        let (header, payload) = record.split_at(RECORD_HEADER);
        let sound = header[..16] == key.to_le_bytes()
            && header[16..20] == len.to_le_bytes()
            && header[20..28] == sum.to_le_bytes()
            && xxhash_rust::xxh3::xxh3_64(payload) == sum;
        if !sound {
            log::warn!("damaged cache record {key:032x}: analyzed again");
            return None;
        }
        postcard::from_bytes(payload).ok()
    }

    /// How many bodies are stored.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// Reads exactly `buf.len()` bytes at `offset`, from any thread.
#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

#[cfg(not(unix))]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = file.try_clone()?;
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

/// The body in a cache record's payload, made on any thread.
pub fn encode_body(article: &Article, analysis: &Analysis) -> Option<Vec<u8>> {
    postcard::to_stdvec(&(article, analysis)).ok()
}

/// Appends bodies to a pack of its own; its index follows each
/// [`BodyWriter::flush`], so an entry never points past what is written.
#[derive(Debug)]
pub struct BodyWriter {
    dir: PathBuf,
    pack: Option<(PathBuf, std::io::BufWriter<std::fs::File>)>,
    written: u64,
    entries: Vec<u8>,
}

impl BodyWriter {
    /// Appends one body (bytes from [`encode_body`]); failure only costs a
    /// later start the work again.
    pub fn put(&mut self, key: u128, payload: &[u8]) {
        if self.pack.is_none() {
            self.pack = new_pack(&self.dir);
        }
        let Some((_, pack)) = &mut self.pack else {
            return;
        };
        let Ok(len) = u32::try_from(payload.len()) else {
            return;
        };
        let sum = xxhash_rust::xxh3::xxh3_64(payload);
        let written = pack
            .write_all(&key.to_le_bytes())
            .and_then(|()| pack.write_all(&len.to_le_bytes()))
            .and_then(|()| pack.write_all(&sum.to_le_bytes()))
            .and_then(|()| pack.write_all(payload));
        if let Err(e) = written {
            log::warn!("analysis cache not written: {e}");
            self.pack = None;
            return;
        }
        self.entries.extend_from_slice(&key.to_le_bytes());
        self.entries.extend_from_slice(&self.written.to_le_bytes());
        self.entries.extend_from_slice(&len.to_le_bytes());
        self.entries.extend_from_slice(&sum.to_le_bytes());
        self.written += (RECORD_HEADER + payload.len()) as u64;
    }

    /// Writes out what is buffered, then the index of it.
    pub fn flush(&mut self) {
        let Some((path, pack)) = &mut self.pack else {
            return;
        };
        if self.entries.is_empty() {
            return;
        }
        let index = path.with_extension("idx");
        let flushed = pack.flush().and_then(|()| {
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .create(true)
                .open(&index)?;
            if file.metadata()?.len() == 0 {
                file.write_all(INDEX_MAGIC)?;
            }
            file.write_all(&self.entries)
        });
        match flushed {
            Ok(()) => self.entries.clear(),
            Err(e) => {
                log::warn!("analysis cache index not written: {e}");
                self.pack = None;
            }
        }
    }
}

impl Drop for BodyWriter {
    fn drop(&mut self) {
        self.flush();
    }
}

/// A new pack, named by the time so that packs sort oldest first.
fn new_pack(dir: &Path) -> Option<(PathBuf, std::io::BufWriter<std::fs::File>)> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let path = dir.join(format!("{now:032}-{}.pack", std::process::id()));
    let file = std::fs::create_dir_all(dir).and_then(|()| {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
    });
    match file {
        Ok(file) => Some((path, std::io::BufWriter::with_capacity(1 << 20, file))),
        Err(e) => {
            log::warn!("no analysis cache pack: {e}");
            None
        }
    }
}

/// The entries of a pack's index file; `None` when it is not one. A cut
/// last entry (the writer stopped) is left out.
fn read_index(bytes: &[u8]) -> Option<Vec<(u128, u64, u32, u64)>> {
    let entries = bytes.strip_prefix(INDEX_MAGIC)?;
    Some(
        entries
            .chunks_exact(INDEX_ENTRY)
            .filter_map(|e| {
                Some((
                    u128::from_le_bytes(e[..16].try_into().ok()?),
                    u64::from_le_bytes(e[16..24].try_into().ok()?),
                    u32::from_le_bytes(e[24..28].try_into().ok()?),
                    u64::from_le_bytes(e[28..36].try_into().ok()?),
                ))
            })
            .collect(),
    )
}

/// This engine's folder name: the engine version, the package version and
/// this executable's size and time, so that a rebuilt analyzer (a
/// developer's, or an upgrade) never reads results it did not make.
fn engine_name() -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&ENGINE_VERSION.to_le_bytes());
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
    {
        hasher.update(&meta.len().to_le_bytes());
        if let Ok(since) = meta
            .modified()
            .map(|t| t.duration_since(std::time::UNIX_EPOCH))
        {
            hasher.update(&since.unwrap_or_default().as_nanos().to_le_bytes());
        }
    }
    format!("engine-{ENGINE_VERSION}-{:016x}", hasher.digest())
}

/// Reads a cache file; a missing one is a miss, a damaged one is removed
/// and a miss.
fn read<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    match decode(&bytes) {
        Some(value) => Some(value),
        None => {
            log::warn!("damaged cache file {} removed", path.display());
            let _ = std::fs::remove_file(path);
            None
        }
    }
}

/// The value in a cache file's bytes, when its magic and checksum hold.
fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (sum, payload) = rest.split_at_checked(8)?;
    let sum = u64::from_le_bytes(sum.try_into().ok()?);
    if xxhash_rust::xxh3::xxh3_64(payload) != sum {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

fn encode<T: Serialize>(value: &T) -> Option<Vec<u8>> {
    let payload = postcard::to_stdvec(value).ok()?;
    let mut bytes = Vec::with_capacity(MAGIC.len() + 8 + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Some(bytes)
}

/// Writes a cache file whole or not at all: to a temporary name, then
/// renamed over, so a reader never sees half a file.
fn write<T: Serialize>(path: &Path, value: &T) {
    let Some(bytes) = encode(value) else {
        return;
    };
    let written = crate::files::write_whole(path, &bytes);
    if let Err(e) = written {
        log::warn!("cache file {} not written: {e}", path.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_bodies() -> Vec<(u128, Article, Analysis)> {
        crate::load::embedded_seeds()
            .iter()
            .map(|raw| {
                let article = crate::clean::clean(raw);
                let analysis = crate::analyze::analyze(&article);
                (Cache::body_key(&raw.bytes), article, analysis)
            })
            .collect()
    }

    fn put_all(cache: &Cache, bodies: &[(u128, Article, Analysis)]) {
        let mut writer = cache.body_writer();
        for (key, article, analysis) in bodies {
            writer.put(*key, &encode_body(article, analysis).expect("encode"));
        }
    }

    #[test]
    fn bodies_read_back_equal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = Cache::open(dir.path()).expect("cache");
        let seeds = seed_bodies();
        assert!(cache.bodies().get(seeds[0].0).is_none());
        put_all(&cache, &seeds);
        let bodies = cache.bodies();
        assert_eq!(bodies.len(), seeds.len());
        for (key, article, analysis) in seeds {
            assert_eq!(bodies.get(key), Some((article, analysis)));
        }
    }

    #[test]
    fn damaged_records_are_misses_and_the_newest_record_wins() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = Cache::open(dir.path()).expect("cache");
        let seeds = seed_bodies();
        put_all(&cache, &seeds);
        let pack = cache.packs().pop().expect("a pack");
        let mut bytes = std::fs::read(&pack).expect("pack");
        // A flipped byte in the middle of the pack spoils one record.
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x20;
        std::fs::write(&pack, &bytes).expect("damage");
        let bodies = cache.bodies();
        let sound = seeds
            .iter()
            .filter(|(key, article, analysis)| {
                bodies.get(*key) == Some((article.clone(), analysis.clone()))
            })
            .count();
        assert_eq!(sound, seeds.len() - 1, "only the damaged record is lost");
        // Written again (a later pack), it is read from there.
        std::thread::sleep(std::time::Duration::from_millis(2));
        put_all(&cache, &seeds);
        let bodies = cache.bodies();
        for (key, article, analysis) in &seeds {
            assert_eq!(bodies.get(*key), Some((article.clone(), analysis.clone())));
        }
        // A garbage index is no index; its pack is not read.
        for pack in cache.packs() {
            std::fs::write(pack.with_extension("idx"), b"garbage").expect("damage");
        }
        assert!(cache.bodies().is_empty());
    }

    #[test]
    fn a_damaged_manifest_is_a_miss_and_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = Cache::open(dir.path()).expect("cache");
        let inputs = [PathBuf::from("/news")];
        let manifest = Manifest::default();
        cache.put_manifest(&inputs, &manifest);
        assert_eq!(cache.manifest(&inputs), Some(manifest));
        let path = cache.manifest_path(&inputs);
        let good = std::fs::read(&path).expect("written");
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x20;
        for bad in [
            flipped,
            good[..good.len() / 2].to_vec(),
            b"garbage".to_vec(),
        ] {
            std::fs::write(&path, bad).expect("damage");
            assert_eq!(cache.manifest(&inputs), None);
            assert!(!path.exists(), "a damaged file is removed");
        }
        // A sound checksum over a payload of the wrong shape is no value.
        std::fs::write(&path, encode(&(7u8, "not a manifest")).expect("encode")).expect("write");
        assert_eq!(cache.manifest(&inputs), None);
    }

    #[test]
    fn the_oldest_packs_go() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = Cache::open(dir.path()).expect("cache");
        let seeds = seed_bodies();
        for _ in 0..MAX_PACKS + 2 {
            put_all(&cache, &seeds[..1]);
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert_eq!(cache.packs().len(), MAX_PACKS + 2);
        let cache = Cache::open(dir.path()).expect("cache");
        assert_eq!(cache.packs().len(), MAX_PACKS);
        assert_eq!(cache.bodies().len(), 1);
    }

    #[test]
    fn the_key_is_the_bytes() {
        let a = Cache::body_key(b"text");
        assert_eq!(a, Cache::body_key(b"text"));
        assert_ne!(a, Cache::body_key(b"text!"));
        assert_ne!(a, Cache::body_key(b"Text"));
    }

    #[test]
    fn other_engines_results_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let old = dir.path().join("analysis").join("engine-0-old");
        std::fs::create_dir_all(&old).expect("old engine");
        let cache = Cache::open(dir.path()).expect("cache");
        assert!(!old.exists());
        assert!(cache.dir().exists());
    }
}

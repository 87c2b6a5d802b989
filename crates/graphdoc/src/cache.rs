//! Content-keyed caches for repeated runs: a per-page parse cache kept in memory (for a
//! process that runs the pipeline more than once: a watcher, an editor, `cargo xtask bench`)
//! and a store of blobs on disk (for what outlives the process, such as formatted Rust).
//!
//! Keys are hashes of content, never timestamps: a page's key covers graphdoc's version, the
//! page's root-relative path and its text. A disk entry carries a header with a format version,
//! graphdoc's version, its key, its length and a checksum of its payload; an entry that fails
//! any of these checks (truncated, edited, written by another graphdoc) is a miss and is
//! rewritten, never trusted.
//!
//! The hash is XXH3's 128 bits, non-cryptographic: it detects changes and accidental
//! corruption, not an adversary who can write to the cache folder. (Every regen hashes every
//! page; XXH3 did that in a fraction of the time of the two multiply-rotate lanes it replaced.)

use crate::DocsFile;
use crate::pipeline::Parsed;
use graphdoc_diagnostics::Diagnostic;
use graphdoc_parse::Page;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3;

/// graphdoc's version, part of every key: a new graphdoc never reads an older one's entries.
pub const GRAPHDOC_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The on-disk entry format; bump when the layout changes.
const FORMAT: &str = "graphdoc-cache 2";

/// A 128-bit content hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub u128);

impl ContentHash {
    /// 32 lowercase hex digits.
    pub fn hex(self) -> String {
        format!("{:032x}", self.0)
    }
}

/// Builds a [`ContentHash`] over several parts; each part is length-prefixed, so
/// `("ab", "c")` and `("a", "bc")` differ.
#[derive(Clone, Default)]
pub struct Hasher(Xxh3);

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hasher").finish_non_exhaustive()
    }
}

impl Hasher {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one part.
    pub fn part(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn finish(&self) -> ContentHash {
        ContentHash(self.0.digest128())
    }
}

/// The hash of `parts`, each length-prefixed.
pub fn hash_parts(parts: &[&[u8]]) -> ContentHash {
    let mut h = Hasher::new();
    for p in parts {
        h.part(p);
    }
    h.finish()
}

/// The key of one page's parse: graphdoc's version, the root-relative path and the text.
pub fn page_key(rel_path: &str, text: &str) -> ContentHash {
    page_key_bytes(rel_path, text.as_bytes())
}

/// [`page_key`] of a page's bytes, before they are known to be UTF-8.
pub(crate) fn page_key_bytes(rel_path: &str, bytes: &[u8]) -> ContentHash {
    hash_parts(&[GRAPHDOC_VERSION.as_bytes(), rel_path.as_bytes(), bytes])
}

/// Parsed pages by [`page_key`], kept in memory across runs of one process. Pages whose text
/// is unchanged are shared from here instead of parsed. [`PageCache::sweep`] drops the entries
/// no run has used since the previous sweep (call it after a round over every version), so
/// the cache holds about one corpus.
#[derive(Debug, Default)]
pub struct PageCache {
    entries: HashMap<ContentHash, (Arc<Page>, Vec<Diagnostic>)>,
    used: std::collections::HashSet<ContentHash>,
    /// Pages taken from the cache and parsed, in the latest run.
    pub hits: usize,
    pub misses: usize,
}

impl PageCache {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drops the entries not used since the previous sweep.
    pub fn sweep(&mut self) {
        let used = std::mem::take(&mut self.used);
        self.entries.retain(|k, _| used.contains(k));
    }

    /// The parse of every readable file, from the cache or by `parse_missing` (which gets the
    /// files not cached, in order, and returns their parses in the same order).
    pub(crate) fn parse_with(
        &mut self,
        files: &[DocsFile],
        parse_missing: impl FnOnce(&[DocsFile]) -> Vec<Parsed>,
    ) -> Vec<Parsed> {
        let keys = page_keys(files);
        let missing: Vec<DocsFile> =
            files.iter().zip(&keys).filter(|(_, key)| !self.holds(**key)).map(|(f, _)| f.clone()).collect();
        self.parse_keyed(keys, &missing, parse_missing)
    }

    /// Whether a parse is cached under `key` (`None`, an unreadable file, never is).
    pub(crate) fn holds(&self, key: Option<ContentHash>) -> bool {
        key.is_some_and(|k| self.entries.contains_key(&k))
    }

    /// The parse of each file by its [`page_key`] (`keys`, in file order): from the cache, or
    /// by `parse_missing` for `missing`, the files the cache does not [hold](Self::holds), in
    /// the same order. A caller that knew a file's key was cached did not need its text.
    pub(crate) fn parse_keyed(
        &mut self,
        keys: Vec<Option<ContentHash>>,
        missing: &[DocsFile],
        parse_missing: impl FnOnce(&[DocsFile]) -> Vec<Parsed>,
    ) -> Vec<Parsed> {
        self.misses = missing.iter().filter(|f| f.text.is_ok()).count();
        self.hits = keys.len() - missing.len();
        let mut fresh = parse_missing(missing).into_iter();
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            let result = match key.and_then(|k| self.entries.get(&k)) {
                Some(entry) => Ok(entry.clone()),
                None => {
                    let Some(result) = fresh.next() else { break };
                    if let (Some(k), Ok(entry)) = (key, &result) {
                        self.entries.insert(k, entry.clone());
                    }
                    result
                }
            };
            self.used.extend(key);
            out.push(result);
        }
        out
    }
}

/// Keeps the entries for `keys` through the next [`PageCache::sweep`], as if a run had used
/// them: for a caller that found a whole version unchanged and did not parse it.
impl PageCache {
    pub(crate) fn touch(&mut self, keys: &[Option<ContentHash>]) {
        self.used.extend(keys.iter().flatten());
    }
}

/// Each readable file's [`page_key`].
pub(crate) fn page_keys(files: &[DocsFile]) -> Vec<Option<ContentHash>> {
    files.iter().map(page_key_of).collect()
}

/// A file's [`page_key`], if it could be read.
pub(crate) fn page_key_of(file: &DocsFile) -> Option<ContentHash> {
    file.text.as_ref().ok().map(|t| page_key(&file.rel_path, t))
}

/// Blobs on disk under one folder, each a file named by its entry name, checked on read.
#[derive(Debug, Clone)]
pub struct DiskCache {
    dir: PathBuf,
}

/// What [`DiskCache::get`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Hit(Vec<(String, String)>),
    /// No entry, or one for another key: a normal miss.
    Miss,
    /// An entry that failed a check (format, version, length, checksum): rebuild it.
    Corrupt(String),
}

impl DiskCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DiskCache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.cache"))
    }

    /// The entry `name` if it holds `key`: a list of (name, text) records.
    pub fn get(&self, name: &str, key: ContentHash) -> Lookup {
        let Ok(bytes) = std::fs::read(self.path(name)) else { return Lookup::Miss };
        decode(&bytes, key)
    }

    /// Writes entry `name` for `key` (atomically: a crash leaves the old entry or the new one).
    pub fn put(&self, name: &str, key: ContentHash, records: &[(&str, &str)]) -> Result<(), crate::Error> {
        crate::write_atomic(&self.path(name), &encode(key, records))
    }
}

/// `FORMAT version key len checksum\n` then, per record, `name-len text-len\n name text`.
fn encode(key: ContentHash, records: &[(&str, &str)]) -> String {
    let mut payload = String::new();
    for (name, text) in records {
        payload.push_str(&format!("{} {}\n", name.len(), text.len()));
        payload.push_str(name);
        payload.push_str(text);
    }
    let sum = hash_parts(&[payload.as_bytes()]);
    format!("{FORMAT} {GRAPHDOC_VERSION} {} {} {}\n{payload}", key.hex(), payload.len(), sum.hex())
}

fn decode(bytes: &[u8], key: ContentHash) -> Lookup {
    let corrupt = |why: &str| Lookup::Corrupt(why.to_string());
    let Ok(text) = std::str::from_utf8(bytes) else { return corrupt("not UTF-8") };
    let Some((header, payload)) = text.split_once('\n') else { return corrupt("no header") };
    let fields: Vec<&str> = header.split(' ').collect();
    let [f0, f1, version, entry_key, len, sum] = fields.as_slice() else { return corrupt("bad header") };
    if format!("{f0} {f1}") != FORMAT || *version != GRAPHDOC_VERSION {
        return corrupt("written by another format or graphdoc version");
    }
    if *entry_key != key.hex() {
        return Lookup::Miss;
    }
    if len.parse::<usize>().ok() != Some(payload.len()) {
        return corrupt("length mismatch (truncated?)");
    }
    if *sum != hash_parts(&[payload.as_bytes()]).hex() {
        return corrupt("checksum mismatch");
    }
    let mut records = Vec::new();
    let mut rest = payload;
    while !rest.is_empty() {
        let Some((lens, tail)) = rest.split_once('\n') else { return corrupt("bad record") };
        let Some((a, b)) = lens.split_once(' ') else { return corrupt("bad record") };
        let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else { return corrupt("bad record") };
        let (Some(name), Some(body)) = (tail.get(..a), tail.get(a..a + b)) else { return corrupt("bad record") };
        records.push((name.to_string(), body.to_string()));
        rest = &tail[a + b..];
    }
    Lookup::Hit(records)
}

/// Formatted Rust for a bundle, from the disk cache when graphdoc, the generator's source, the
/// settings, the bundle and the operations index are all unchanged, else generated and stored.
/// Returns the files and whether they came from the cache. The key is the bundle's and
/// operations' serialised text, so anything that changes the schema changes the key, and
/// [`graphdoc_codegen::GENERATOR_SOURCES`], so a changed generator does not read what an
/// earlier one wrote under the same version number.
pub fn cached_rust_for_schema(
    cache: &DiskCache,
    name: &str,
    schema: &serde_json::Value,
    operations: Option<&serde_json::Value>,
    settings: &graphdoc_codegen::Settings,
) -> (Vec<graphdoc_codegen::GeneratedFile>, bool) {
    cached_rust_for_schema_with(cache, name, schema, operations, settings, None)
}

/// [`cached_rust_for_schema`]; on a miss, items that `items` holds from earlier runs of the
/// same bundle are not formatted again (see [`graphdoc_codegen::FormatCache`]; keep one per
/// bundle, since each run drops what it did not use).
pub fn cached_rust_for_schema_with(
    cache: &DiskCache,
    name: &str,
    schema: &serde_json::Value,
    operations: Option<&serde_json::Value>,
    settings: &graphdoc_codegen::Settings,
    items: Option<&graphdoc_codegen::FormatCache>,
) -> (Vec<graphdoc_codegen::GeneratedFile>, bool) {
    let key = rust_key(generator_key(), schema, operations, settings);
    if let Lookup::Hit(records) = cache.get(name, key) {
        let files =
            records.into_iter().map(|(path, contents)| graphdoc_codegen::GeneratedFile { path, contents }).collect();
        return (files, true);
    }
    let generated = match items {
        Some(items) => graphdoc_codegen::generate_cached(schema, operations, settings, items),
        None => graphdoc_codegen::generate(schema, operations, settings),
    };
    let records: Vec<(&str, &str)> = generated.files.iter().map(|f| (f.path.as_str(), f.contents.as_str())).collect();
    // A cache that cannot be written costs the next run time, not this one its result.
    let _ = cache.put(name, key, &records);
    (generated.files, false)
}

/// What every key of generated output starts with: graphdoc's version and the generator's own
/// source ([`graphdoc_codegen::GENERATOR_SOURCES`]), hashed once per process.
pub(crate) fn generator_key() -> ContentHash {
    static KEY: std::sync::OnceLock<ContentHash> = std::sync::OnceLock::new();
    *KEY.get_or_init(|| sources_key(graphdoc_codegen::GENERATOR_SOURCES))
}

/// The hash of graphdoc's version and `sources` (path, text).
fn sources_key(sources: &[(&str, &str)]) -> ContentHash {
    let mut hasher = Hasher::new();
    hasher.part(GRAPHDOC_VERSION.as_bytes());
    for (path, text) in sources {
        hasher.part(path.as_bytes()).part(text.as_bytes());
    }
    hasher.finish()
}

/// The disk-cache key of the Rust generated from `schema` and `operations` by the generator
/// whose [`generator_key`] is `generator`.
fn rust_key(
    generator: ContentHash,
    schema: &serde_json::Value,
    operations: Option<&serde_json::Value>,
    settings: &graphdoc_codegen::Settings,
) -> ContentHash {
    let schema_text = serde_json::to_string(schema).unwrap_or_default();
    let ops_text = operations.map(|o| serde_json::to_string(o).unwrap_or_default()).unwrap_or_default();
    let mut hasher = Hasher::new();
    hasher.part(&generator.0.to_le_bytes());
    hasher.part(format!("{settings:?}").as_bytes()).part(schema_text.as_bytes()).part(ops_text.as_bytes()).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_separate_parts_and_content() {
        assert_ne!(hash_parts(&[b"ab", b"c"]), hash_parts(&[b"a", b"bc"]));
        assert_ne!(page_key("a.md", "x"), page_key("a.md", "y"));
        assert_ne!(page_key("a.md", "x"), page_key("b.md", "x"));
        assert_eq!(page_key("a.md", "x"), page_key("a.md", "x"));
    }

    /// A generator edited without a new version number must not read what the old one wrote.
    #[test]
    fn rust_keys_cover_the_generator_source_schema_and_settings() {
        let schema = serde_json::json!({"$defs": {}});
        let settings = graphdoc_codegen::Settings::default();
        let generator = sources_key(&[("src/a.rs", "fn a() {}")]);
        let base = rust_key(generator, &schema, None, &settings);
        assert_eq!(base, rust_key(sources_key(&[("src/a.rs", "fn a() {}")]), &schema, None, &settings));
        assert_ne!(base, rust_key(sources_key(&[("src/a.rs", "fn a() { }")]), &schema, None, &settings));
        assert_ne!(base, rust_key(sources_key(&[("src/b.rs", "fn a() {}")]), &schema, None, &settings));
        assert_ne!(base, rust_key(generator, &serde_json::json!({}), None, &settings));
        assert_ne!(base, rust_key(generator, &schema, Some(&schema), &settings));
        let mut other = settings.clone();
        other.namespace_features = true;
        assert_ne!(base, rust_key(generator, &schema, None, &other));
    }

    #[test]
    fn disk_entries_round_trip_and_damage_is_detected() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = DiskCache::new(dir.path());
        let key = hash_parts(&[b"k"]);
        cache.put("e", key, &[("a.rs", "fn a() {}\n"), ("b.rs", "")]).expect("put");
        let hit = Lookup::Hit(vec![("a.rs".into(), "fn a() {}\n".into()), ("b.rs".into(), String::new())]);
        assert_eq!(cache.get("e", key), hit);
        assert_eq!(cache.get("e", hash_parts(&[b"other"])), Lookup::Miss);
        assert_eq!(cache.get("absent", key), Lookup::Miss);

        let path = dir.path().join("e.cache");
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, text.replace("fn a", "fn b")).expect("edit");
        assert!(matches!(cache.get("e", key), Lookup::Corrupt(_)));
        std::fs::write(&path, &text[..text.len() - 3]).expect("truncate");
        assert!(matches!(cache.get("e", key), Lookup::Corrupt(_)));
        std::fs::write(&path, text.replace(GRAPHDOC_VERSION, "0.0.0-other")).expect("version");
        assert!(matches!(cache.get("e", key), Lookup::Corrupt(_)));
    }

    #[test]
    fn page_cache_parses_only_changed_pages_and_keeps_order() {
        let file = |name: &str, text: &str| DocsFile {
            rel_path: name.to_string(),
            path: PathBuf::from(name),
            text: Ok(text.to_string()),
        };
        let parse = |files: &[DocsFile]| files.iter().map(crate::pipeline::parse_file).collect();
        let mut cache = PageCache::new();
        let v1 = vec![file("beta/api/a.md", "# A\n"), file("beta/api/b.md", "# B\n")];
        let first = cache.parse_with(&v1, parse);
        assert_eq!((cache.hits, cache.misses), (0, 2));
        cache.sweep();
        let v2 = vec![file("beta/api/a.md", "# A\n"), file("beta/api/b.md", "# B2\n")];
        let second = cache.parse_with(&v2, parse);
        assert_eq!((cache.hits, cache.misses), (1, 1));
        let title = |r: &Parsed| format!("{:?}", r.as_ref().map(|p| &p.0));
        assert_eq!(title(&first[0]), title(&second[0]));
        let shared = |a: &Parsed, b: &Parsed| matches!((a, b), (Ok(a), Ok(b)) if Arc::ptr_eq(&a.0, &b.0));
        assert!(shared(&first[0], &second[0]), "an unchanged page is shared, not copied");
        assert_eq!(second.len(), 2);
        assert_eq!(title(&second[1]), title(&parse(&v2[1..])[0]));
        assert_eq!(cache.len(), 3);
        cache.sweep();
        assert_eq!(cache.len(), 2, "the old b.md is dropped");
    }
}

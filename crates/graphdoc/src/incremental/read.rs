//! Reading a version's pages for a cached regen. Each page's bytes go into a buffer its thread
//! keeps and are hashed there; they become a `String` only when the page cache does not hold
//! their key, which after a small edit is all but a page or two. An unchanged page so costs its
//! read and its hash: no allocation, no fresh memory, no UTF-8 check (its cached parse was made
//! from these same bytes, checked then).

use crate::DocsFile;
use crate::cache::{ContentHash, PageCache, page_key_bytes};
use crate::docs::{rel_path, unreadable};
use std::cell::RefCell;
use std::io::Read;
use std::path::Path;

/// One page as read for a cached regen.
#[derive(Debug)]
pub(crate) struct PageRead {
    /// Its [`page_key`](crate::cache::page_key); `None` when it could not be read as text.
    pub key: Option<ContentHash>,
    /// The page with its text, or why it could not be read; `None` when the cache holds `key`.
    pub file: Option<DocsFile>,
}

thread_local! {
    /// The reading thread's buffer; it grows to the largest page and stays.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Reads and keys `path`, keeping its text only when `cache` lacks it.
pub(crate) fn read_keyed(docs_root: &Path, path: &Path, cache: &PageCache) -> PageRead {
    let rel_path = rel_path(docs_root, path);
    BUFFER.with_borrow_mut(|buffer| {
        let text = match read_into(path, buffer) {
            Ok(bytes) => {
                let key = page_key_bytes(&rel_path, bytes);
                if cache.holds(Some(key)) {
                    return PageRead { key: Some(key), file: None };
                }
                String::from_utf8(bytes.to_vec()).map_err(|e| unreadable(&rel_path, &format!("not UTF-8 ({e})")))
            }
            Err(e) => Err(unreadable(&rel_path, &e.to_string())),
        };
        let key = text.as_ref().ok().map(|text| page_key_bytes(&rel_path, text.as_bytes()));
        PageRead { key, file: Some(DocsFile { rel_path, path: path.to_path_buf(), text }) }
    })
}

/// The whole file in `buffer`. Reads until end of file into the buffer's spare room, so a page
/// costs an open, two reads and a close (`std::fs::read` asks for the size first).
fn read_into<'b>(path: &Path, buffer: &'b mut Vec<u8>) -> std::io::Result<&'b [u8]> {
    let mut file = std::fs::File::open(path)?;
    let mut len = 0;
    loop {
        if len == buffer.len() {
            let more = buffer.len().max(64 * 1024);
            buffer.resize(buffer.len() + more, 0);
        }
        match file.read(&mut buffer[len..]) {
            Ok(0) => return Ok(&buffer[..len]),
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a cached regen reads is what `read_file` reads: the same text, key and
    /// diagnostics, for pages small and larger than the first buffer, and unreadable ones.
    #[test]
    fn keyed_reads_match_plain_reads() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("beta/api");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let big = "| a | b |\n".repeat(20_000);
        let pages: [(&str, &[u8]); 4] =
            [("a.md", b"# A\n"), ("big.md", big.as_bytes()), ("empty.md", b""), ("latin1.md", b"caf\xe9\n")];
        for (name, bytes) in pages {
            std::fs::write(dir.join(name), bytes).expect("write");
        }
        let mut cache = PageCache::new();
        for (name, _) in pages.iter().chain([&("missing.md", &b""[..])]) {
            let path = dir.join(name);
            let plain = crate::docs::read_file(root.path(), &path);
            let read = read_keyed(root.path(), &path, &cache);
            let file = read.file.expect("not cached: the text is kept");
            assert_eq!((&file.rel_path, &file.text), (&plain.rel_path, &plain.text), "{name}");
            assert_eq!(read.key, crate::cache::page_key_of(&plain), "{name}");
        }
        // Once the cache holds a page, its text is not kept.
        let path = dir.join("big.md");
        let files = [crate::docs::read_file(root.path(), &path)];
        cache.parse_with(&files, |missing| missing.iter().map(crate::pipeline::parse_file).collect());
        let read = read_keyed(root.path(), &path, &cache);
        assert!(read.file.is_none());
        assert_eq!(read.key, crate::cache::page_key_of(&files[0]));
    }
}

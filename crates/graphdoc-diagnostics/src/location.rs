//! Source locations: a file path relative to the docs root plus a 1-based line and column.

use serde::Serialize;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where something came from. `file` is relative to the docs root (`beta/api/x.md`), so outputs
/// do not depend on where the checkout lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Loc {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
}

impl Loc {
    pub fn new(file: impl Into<Arc<str>>, line: u32, column: u32) -> Self {
        Loc { file: file.into(), line, column }
    }

    /// The location of `pos` in `file`.
    pub fn at(file: &Arc<str>, pos: Pos) -> Self {
        Loc { file: file.clone(), line: pos.line, column: pos.column }
    }

    /// `file:line`, the form the schema's `x-graph-source` and operations.json use.
    pub fn file_line(&self) -> String {
        // Written by hand: the schema stage makes one per type and property, and the
        // formatting machinery was a visible share of that stage.
        let mut out = String::with_capacity(self.file.len() + 11);
        out.push_str(&self.file);
        out.push(':');
        let mut digits = [0u8; 10];
        let mut start = digits.len();
        let mut n = self.line;
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out.extend(digits[start..].iter().map(|&d| char::from(d)));
        out
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A line and column inside a file the context already names (a parsed page's own nodes).
/// Serialized compactly as `"line:column"` so snapshots of parsed pages stay readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

impl Serialize for Pos {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Maps byte offsets in one file to line and column, by binary search over line starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    file: Arc<str>,
    line_starts: Vec<usize>,
    /// Lines with content: a final newline does not start another line.
    line_count: u32,
    text_len: usize,
    /// The index in `line_starts` of the line `pos` found last: the parser asks for positions
    /// in file order, mostly on that line or the next few, so it looks there first. Only a
    /// hint (any value gives the same answers), so relaxed loads and stores keep it `Sync`.
    last_line: LineHint,
}

/// The line [`LineIndex::pos`] looks at first; a clone starts from the same line.
#[derive(Debug, Default)]
struct LineHint(AtomicUsize);

impl Clone for LineHint {
    fn clone(&self) -> Self {
        LineHint(AtomicUsize::new(self.0.load(Ordering::Relaxed)))
    }
}

impl LineIndex {
    pub fn new(file: impl Into<Arc<str>>, text: &str) -> Self {
        // memchr's vector search: every page is indexed, and `match_indices('\n')` took 1.7x as
        // long over the corpus (21 vs 12.5 ms).
        // Corpus lines average 37 bytes: sized for that, the vector rarely grows.
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 2);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let ends_with_newline = text.ends_with('\n');
        let line_count = u32::try_from(line_starts.len() - usize::from(ends_with_newline)).unwrap_or(u32::MAX).max(1);
        LineIndex { file: file.into(), line_starts, line_count, text_len: text.len(), last_line: LineHint::default() }
    }

    pub fn file(&self) -> &Arc<str> {
        &self.file
    }

    /// The location of byte `offset`; the column counts bytes from 1, as rustc does.
    pub fn loc(&self, offset: usize) -> Loc {
        Loc::at(&self.file, self.pos(offset))
    }

    /// The line and column of byte `offset` (the parser asks for one per block, row and cell,
    /// so without touching the file name's reference count).
    pub fn pos(&self, offset: usize) -> Pos {
        // `line` counts the line starts at or before `offset` (at least one, the first).
        let starts = &self.line_starts;
        let last = self.last_line.0.load(Ordering::Relaxed);
        let near =
            starts.get(last..).filter(|ahead| ahead.first().is_some_and(|&start| start <= offset)).and_then(|ahead| {
                // A few lines ahead at most; a longer jump is a binary search's.
                ahead.iter().take(8).position(|&start| start > offset).map(|past| last + past)
            });
        let line = near.unwrap_or_else(|| starts.partition_point(|&start| start <= offset)).max(1);
        self.last_line.0.store(line - 1, Ordering::Relaxed);
        let column = offset - starts[line - 1] + 1;
        Pos { line: u32::try_from(line).unwrap_or(u32::MAX), column: u32::try_from(column).unwrap_or(u32::MAX) }
    }

    /// How many lines the text has (at least 1); a final newline ends the last line.
    pub fn line_count(&self) -> u32 {
        self.line_count
    }

    /// `loc` moved onto the text if arithmetic put it past a line's end or the last line: the
    /// nearest real position, so every reported location can be shown with a caret.
    pub fn clamp(&self, loc: &mut Loc) {
        loc.line = loc.line.clamp(1, self.line_count);
        let start = self.line_starts[(loc.line - 1) as usize];
        let end = self.line_starts.get(loc.line as usize).map_or(self.text_len, |next| next - 1);
        let width = u32::try_from(end.saturating_sub(start)).unwrap_or(u32::MAX);
        loc.column = loc.column.clamp(1, width.saturating_add(1));
    }

    /// The byte offset where 1-based `line` starts, if the file has that line.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts.get((line as usize).checked_sub(1)?).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_line_is_file_colon_line() {
        for line in [0, 1, 9, 10, 99, 100, 12345, u32::MAX] {
            let loc = Loc::new("beta/api/x.md", line, 3);
            assert_eq!(loc.file_line(), format!("{}:{}", loc.file, loc.line));
        }
    }

    #[test]
    fn positions_do_not_depend_on_the_order_they_are_asked_in() {
        let text: String = (0..40).map(|i| format!("{}\n", "x".repeat(i % 7))).collect();
        let expected = |offset: usize| {
            let before = &text[..offset];
            let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
            let line = before.matches('\n').count() + 1;
            Pos { line: u32::try_from(line).unwrap_or(0), column: u32::try_from(offset - line_start + 1).unwrap_or(0) }
        };
        let index = LineIndex::new("f.md", &text);
        let forward = 0..text.len();
        let backward = (0..text.len()).rev();
        let jumping = (0..text.len()).map(|i| (i * 37) % text.len());
        for offset in forward.chain(backward).chain(jumping) {
            assert_eq!(index.pos(offset), expected(offset), "offset {offset}");
        }
    }

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let idx = LineIndex::new("f.md", "ab\ncd\n\nef");
        assert_eq!(idx.loc(0).to_string(), "f.md:1:1");
        assert_eq!(idx.loc(1).to_string(), "f.md:1:2");
        assert_eq!(idx.loc(3).to_string(), "f.md:2:1");
        assert_eq!(idx.loc(6).to_string(), "f.md:3:1");
        assert_eq!(idx.loc(8).to_string(), "f.md:4:2");
        assert_eq!(idx.line_start(4), Some(7));
        assert_eq!(idx.line_start(0), None);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(LineIndex::new("f.md", "a\nb\n").line_count(), 2);
        assert_eq!(LineIndex::new("f.md", "").line_count(), 1);
        let mut loc = Loc::new("f.md", 9, 40);
        idx.clamp(&mut loc);
        assert_eq!(loc.to_string(), "f.md:4:3");
        let mut loc = Loc::new("f.md", 2, 7);
        idx.clamp(&mut loc);
        assert_eq!(loc.to_string(), "f.md:2:3");
    }
}

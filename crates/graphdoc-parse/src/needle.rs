//! Fixed strings searched for on every page: description phrases ("read-only", "possible
//! values are"…), comment delimiters, annotation keys, and the ` (` that starts a name's note.
//! `str::contains` builds a Two-Way searcher on every call, which cost more than the search in
//! these short texts; a [`Needle`] builds memchr's searcher once, on first use.

use memchr::memmem::Finder;
use std::sync::OnceLock;

pub struct Needle {
    text: &'static str,
    finder: OnceLock<Finder<'static>>,
}

impl Needle {
    pub const fn new(text: &'static str) -> Needle {
        Needle { text, finder: OnceLock::new() }
    }

    /// The byte offset of the first occurrence in `haystack`.
    pub fn find(&self, haystack: &str) -> Option<usize> {
        self.finder().find(haystack.as_bytes())
    }

    /// The byte offset just past the first occurrence in `haystack`.
    pub fn find_end(&self, haystack: &str) -> Option<usize> {
        self.find(haystack).map(|at| at + self.text.len())
    }

    pub fn is_in(&self, haystack: &str) -> bool {
        self.find(haystack).is_some()
    }

    /// Whether it occurs in `haystack` as a whole word (no letter or digit on either side), so
    /// that "requiredResourceAccess" does not read as "required".
    pub fn is_word_in(&self, haystack: &str) -> bool {
        self.finder().find_iter(haystack.as_bytes()).any(|at| {
            let before = haystack.get(..at).and_then(|s| s.chars().next_back());
            let after = haystack.get(at + self.text.len()..).and_then(|s| s.chars().next());
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    fn finder(&self) -> &Finder<'static> {
        self.finder.get_or_init(|| Finder::new(self.text))
    }
}

/// `text` up to its first ` (` (`"id (deprecated)"` → `"id"`), or all of it. This runs on every
/// heading, name and type cell; a `(` is rare, and memchr finds it.
pub fn before_paren(text: &str) -> &str {
    let at = text.match_indices('(').map(|(at, _)| at).find(|&at| text[..at].ends_with(' '));
    at.map_or(text, |at| &text[..at - 1])
}

#[cfg(test)]
mod tests {
    use super::{Needle, before_paren};

    #[test]
    fn before_paren_is_the_first_piece_split_gives() {
        for text in ["", "id", "id (x)", "id(x) (y)", " (", "(", "a (b (c", "é (ü)", "a  (b"] {
            assert_eq!(before_paren(text), text.split(" (").next().unwrap_or(text), "{text:?}");
        }
    }

    #[test]
    fn finds_what_str_finds() {
        static READ_ONLY: Needle = Needle::new("read-only");
        for hay in ["", "read", "Read-only", "x read-only", "read-only read-only", "é read-only"] {
            assert_eq!(READ_ONLY.find(hay), hay.find("read-only"), "{hay:?}");
            assert_eq!(READ_ONLY.find_end(hay), hay.find("read-only").map(|i| i + 9), "{hay:?}");
            assert_eq!(READ_ONLY.is_in(hay), hay.contains("read-only"), "{hay:?}");
        }
    }

    #[test]
    fn whole_words_only() {
        static REQUIRED: Needle = Needle::new("required");
        for (hay, word) in [
            ("required", true),
            ("required.", true),
            ("(required)", true),
            ("not required here", true),
            ("requiredresourceaccess", false),
            ("isrequired", false),
            ("isrequired, but required", true),
            ("érequired", false),
            ("required2", false),
            ("", false),
        ] {
            assert_eq!(REQUIRED.is_word_in(hay), word, "{hay:?}");
        }
    }
}

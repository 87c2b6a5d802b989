//! Finding where a JSON pointer's value sits in the JSON text it was parsed from, so a payload
//! fault can name the payload's own line and column.
//!
//! serde_json keeps no positions, so this re-scans the text: a small recursive scanner that
//! walks objects and arrays along the pointer and skips everything else. It expects text that
//! serde_json already accepted; on anything unexpected it returns `None` rather than guess.

use std::ops::Range;

/// The byte range of the value at `pointer` (RFC 6901, `""` is the whole document) in `text`.
/// For an object member the range covers the value, not the key. When an object repeats a key,
/// the last occurrence is the one serde_json keeps, so that is the one found.
pub fn locate(text: &str, pointer: &str) -> Option<Range<usize>> {
    let tokens = parse_pointer(pointer)?;
    let mut scanner = Scanner { bytes: text.as_bytes(), pos: 0 };
    scanner.skip_ws();
    scanner.find(&tokens)
}

fn parse_pointer(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(rest.split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect())
}

struct Scanner<'t> {
    bytes: &'t [u8],
    pos: usize,
}

impl Scanner<'_> {
    /// At the start of a value: the range of the value the remaining `tokens` lead to.
    fn find(&mut self, tokens: &[String]) -> Option<Range<usize>> {
        let Some((token, rest)) = tokens.split_first() else {
            let start = self.pos;
            self.skip_value()?;
            return Some(start..self.pos);
        };
        match self.peek()? {
            b'{' => {
                let mut found = None;
                self.pos += 1;
                self.skip_ws();
                if self.peek()? == b'}' {
                    return None;
                }
                loop {
                    let key = self.string()?;
                    self.skip_ws();
                    self.expect(b':')?;
                    self.skip_ws();
                    if key == *token {
                        // Remember this occurrence, but keep going: a later duplicate wins.
                        let mut probe = Scanner { bytes: self.bytes, pos: self.pos };
                        found = probe.find(rest);
                    }
                    self.skip_value()?;
                    self.skip_ws();
                    match self.peek()? {
                        b',' => {
                            self.pos += 1;
                            self.skip_ws();
                        }
                        b'}' => return found,
                        _ => return None,
                    }
                }
            }
            b'[' => {
                let index: usize = token.parse().ok()?;
                self.pos += 1;
                self.skip_ws();
                for _ in 0..index {
                    self.skip_value()?;
                    self.skip_ws();
                    self.expect(b',')?;
                    self.skip_ws();
                }
                if self.peek()? == b']' {
                    return None;
                }
                self.find(rest)
            }
            _ => None,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// A string literal, decoded (escapes included, so keys compare like serde_json's).
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.skip_string()?;
        serde_json::from_slice(self.bytes.get(start..self.pos)?).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        self.expect(b'"')?;
        loop {
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.pos += 1;
                self.skip_ws();
                if self.peek()? == close {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    if open == b'{' {
                        self.skip_string()?;
                        self.skip_ws();
                        self.expect(b':')?;
                        self.skip_ws();
                    }
                    self.skip_value()?;
                    self.skip_ws();
                    match self.peek()? {
                        b',' => {
                            self.pos += 1;
                            self.skip_ws();
                        }
                        c if c == close => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => {
                // A number or a literal: runs to the next delimiter.
                let start = self.pos;
                while self.peek().is_some_and(|c| !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.pos += 1;
                }
                (self.pos > start).then_some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'t>(text: &'t str, pointer: &str) -> Option<&'t str> {
        locate(text, pointer).map(|r| &text[r])
    }

    #[test]
    fn finds_members_elements_and_the_root() {
        let text = "{\n  \"a\": {\"b\": [1, \"x\", {\"c\": null}]},\n  \"d\": true\n}";
        assert_eq!(at(text, ""), Some(text));
        assert_eq!(at(text, "/a/b/1"), Some("\"x\""));
        assert_eq!(at(text, "/a/b/2/c"), Some("null"));
        assert_eq!(at(text, "/d"), Some("true"));
        assert_eq!(at(text, "/a/b/3"), None);
        assert_eq!(at(text, "/zzz"), None);
    }

    #[test]
    fn escaped_keys_and_tokens_and_duplicates() {
        let text = r#"{"a/b": 1, "t~": 2, "\u0041": 3, "k": 4, "k": 5}"#;
        assert_eq!(at(text, "/a~1b"), Some("1"));
        assert_eq!(at(text, "/t~0"), Some("2"));
        assert_eq!(at(text, "/A"), Some("3"));
        assert_eq!(at(text, "/k"), Some("5"), "the last duplicate is the one serde_json keeps");
    }

    #[test]
    fn strings_with_escaped_quotes_and_brackets_are_skipped_whole() {
        let text = r#"{"s": "a\"}]b", "n": -1.5e3}"#;
        assert_eq!(at(text, "/n"), Some("-1.5e3"));
    }
}

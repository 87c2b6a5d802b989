//! Inline content (text, code spans, links, bold TODO markers) reduced to an [`Inline`], from
//! pulldown-cmark events. Shared by paragraphs, headings and table cells.

use crate::blocks::Inline;
use crate::page::Link;
use graphdoc_diagnostics::Pos;
use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, Tag, TagEnd};

/// Accumulates the inline events of one paragraph, heading or cell.
#[derive(Debug, Default)]
pub struct InlineBuilder {
    inline: Inline,
    strong_depth: usize,
    strong_start: usize,
    links: Vec<(String, usize)>,
}

impl InlineBuilder {
    /// A builder for text read from `source_len` bytes of markdown, which the text seldom
    /// outgrows: its buffer is allocated once instead of grown step by step.
    pub fn new(pos: Pos, source_len: usize) -> Self {
        let text = String::with_capacity(source_len);
        InlineBuilder { inline: Inline { pos, text, ..Inline::default() }, ..Self::default() }
    }

    /// Feeds one event; block-level events are ignored.
    pub fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Strong) => {
                self.strong_depth += 1;
                if self.strong_depth == 1 {
                    self.strong_start = self.inline.text.len();
                }
            }
            Event::End(TagEnd::Strong) => {
                self.strong_depth = self.strong_depth.saturating_sub(1);
                let strong = self.inline.text.get(self.strong_start..).unwrap_or_default().trim();
                if self.strong_depth == 0 && is_todo(strong) {
                    // A bold TODO is a placeholder, not documentation: take it out of the text.
                    let strong = strong.to_string();
                    self.inline.text.truncate(self.strong_start);
                    self.inline.todos.push(strong);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.links.push((String::from(&**dest_url), self.inline.text.len()))
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, start)) = self.links.pop() {
                    let text = self.inline.text.get(start..).unwrap_or_default().trim().to_string();
                    self.inline.links.push(Link { text, target });
                }
            }
            Event::Text(text) => self.text(text),
            Event::Code(text) => {
                self.inline.text.push('`');
                self.inline.text.push_str(text);
                self.inline.text.push('`');
            }
            // `<br>` and friends separate words; comments and other inline HTML say nothing.
            Event::SoftBreak | Event::HardBreak | Event::InlineHtml(_) | Event::Html(_) => self.inline.text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => self.inline.text.push(' '),
            _ => {}
        }
    }

    /// Feeds a text event's text (what `event(&Event::Text(text))` does, without building the
    /// event: the fast path of `simple_inline` feeds several per cell).
    pub fn text(&mut self, text: &str) {
        self.inline.text.push_str(text);
    }

    /// The inline, with white space collapsed.
    pub fn finish(mut self) -> Inline {
        if !is_collapsed(&self.inline.text) {
            self.inline.text = collapse_whitespace(&self.inline.text);
        }
        self.inline
    }
}

/// The words of `text` joined by single spaces (`split_whitespace` then `join(" ")`).
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `text` is already what [`collapse_whitespace`] would make of it, as most text is:
/// then it is kept, not copied.
fn is_collapsed(text: &str) -> bool {
    // Eight bytes at a time (this runs on every paragraph and cell, and most are short, where
    // vector loops spend their time in scalar tails). ASCII white space as
    // `char::is_whitespace` has it is ` ` and 0x09..=0x0d; bytes of other characters are never
    // below 0x80, so the ASCII tests hold for any UTF-8 text.
    const LOW: u64 = u64::from_ne_bytes([0x7f; 8]);
    const HIGH: u64 = !LOW;
    const fn every_byte(b: u8) -> u64 {
        u64::from_ne_bytes([b; 8])
    }
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let (mut faults, mut high, mut space_before) = (0u64, 0u64, 0u64);
    let mut word = |w: u64| {
        high |= w;
        // 0x80 in each byte of 0x09..=0x0d: at least 9 and not at least 14, and ASCII. Seven
        // bits plus 0x77 or 0x72 never carry into the next byte.
        let low = w & LOW;
        let other_space = (low + every_byte(0x80 - 9)) & !(low + every_byte(0x80 - 14)) & !w & HIGH;
        // 0x80 in each byte that is ` ` (that is zero after the xor), exactly.
        let x = w ^ every_byte(b' ');
        let space = !(((x & LOW) + LOW) | x | LOW);
        // A space right after a space; the first byte's predecessor ends the word before.
        let double_space = space & ((space << 8) | space_before);
        faults |= other_space | double_space;
        space_before = space >> 56;
    };
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        word(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        // Zero padding is neither white space nor part of a character.
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        word(u64::from_le_bytes(last));
    }
    // Past ASCII, any white space (no-break, em space…) is one `collapse_whitespace` replaces.
    faults == 0 && (high & HIGH == 0 || !text.chars().any(|c| !c.is_ascii() && c.is_whitespace()))
}

/// The page's link reference definitions (`[identitySet]: identityset.md`), by lower-cased
/// label, so reference-style links in table cells resolve although cells are parsed alone.
pub type RefDefs = std::collections::HashMap<String, String>;

/// Parses a stand-alone piece of inline markdown (a table cell's text).
pub fn parse(text: &str, pos: Pos, refdefs: &RefDefs) -> Inline {
    // Most cells are plain words or a lone type link; those need no markdown parser.
    crate::simple_inline::parse(text, pos).unwrap_or_else(|| parse_markdown(text, pos, refdefs))
}

/// [`parse`] by pulldown-cmark, for any text.
pub(crate) fn parse_markdown(text: &str, pos: Pos, refdefs: &RefDefs) -> Inline {
    let mut builder = InlineBuilder::new(pos, text.len());
    let callback = |link: BrokenLink<'_>| {
        let dest = refdefs.get(&link.reference.to_lowercase())?;
        Some((CowStr::from(dest.clone()), CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(text, Options::ENABLE_STRIKETHROUGH, Some(callback));
    for event in parser {
        builder.event(&event);
    }
    builder.finish()
}

pub fn is_todo(text: &str) -> bool {
    text.trim_start().starts_with("TODO")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_collapses_as_split_whitespace_join_does() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a b c",
            "a\u{a0}b",
            "\u{2003}x",
            "a\u{b}b",
            "é b",
            "é  b",
            "é\tb",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), expected);
            assert_eq!(is_collapsed(text), text == expected, "{text:?}");
        }
    }

    #[test]
    fn white_space_is_found_at_every_offset_of_longer_texts() {
        // The test reads eight bytes at a time: every offset of three words, each kind of
        // white space alone and doubled, and double spaces straddling two words.
        let spaces = [" ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", " \u{2003}", "é"];
        for len in [7, 8, 9, 15, 16, 17, 23, 24] {
            for at in 0..=len {
                for space in spaces {
                    let mut text = "x".repeat(len);
                    text.insert_str(at, space);
                    let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert_eq!(is_collapsed(&text), text == expected, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn every_short_text_is_collapsed_exactly_when_collapsing_keeps_it() {
        let pieces = ["a", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{8}", "\u{e}", "é", "\u{a0}"];
        for text in &crate::test_strings::every_string(&pieces, 4) {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(is_collapsed(text), *text == expected, "{text:?}");
            assert_eq!(collapse_whitespace(text), expected, "{text:?}");
        }
    }
}

//! A fast path for inline text that needs no markdown parser: plain words, and plain words
//! around simple links `[text](target)` (a Type cell's link) and code spans. Creating a pulldown-cmark parser
//! per table cell cost more than the rest of a page's parse; most cells are like this.
//!
//! It feeds [`InlineBuilder`] the very events pulldown-cmark would, and declines (`None`)
//! anything else, which then goes to the parser.

use crate::blocks::Inline;
use crate::inline::InlineBuilder;
use graphdoc_diagnostics::Pos;
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

/// `text` (trimmed, one line) read as inline markdown, if it is simple enough to read here.
pub fn parse(text: &str, pos: Pos) -> Option<Inline> {
    // A start that could open a block (list item, heading, quote, rule, fence, indented code).
    let block_start = |b: u8| b.is_ascii_digit() || b"-+>#=".contains(&b);
    if text.bytes().next().is_some_and(block_start) || text.starts_with(char::is_whitespace) {
        return None;
    }
    // Three backticks would open a fence.
    if text.starts_with("```") {
        return None;
    }
    let mut builder = InlineBuilder::new(pos, text.len());
    let mut rest = text;
    // One pass finds the first byte that is not plain text: a link or code span opening is
    // read here, anything else is left to the parser.
    while let Some(open) = rest.bytes().position(|b| NOT_PLAIN[usize::from(b)]) {
        let before = &rest[..open];
        let is_link = match rest.as_bytes()[open] {
            b'[' => true,
            b'`' => false,
            _ => return None,
        };
        // `![…](…)` is an image.
        if is_link && before.ends_with('!') {
            return None;
        }
        builder.text(before);
        rest = if is_link {
            let (label, target, after) = simple_link(&rest[open + 1..])?;
            let link_type = LinkType::Inline;
            let link = Tag::Link { link_type, dest_url: target.into(), title: "".into(), id: "".into() };
            builder.event(&Event::Start(link));
            builder.text(label);
            builder.event(&Event::End(TagEnd::Link));
            after
        } else {
            code_span(&rest[open..], &mut builder)?
        };
    }
    builder.text(rest);
    Some(builder.finish())
}

/// A code span at the start of `s` (which starts with a backtick) fed to `builder`; returns the
/// text after it. A backtick run that no run of the same length closes is literal text. Content
/// with `<` (an HTML tag or autolink would take precedence), `\\` or a control character is
/// left to the parser.
fn code_span<'s>(s: &'s str, builder: &mut InlineBuilder) -> Option<&'s str> {
    let run = s.len() - s.trim_start_matches('`').len();
    let after = &s[run..];
    let mut at = 0;
    while let Some(found) = after[at..].find('`') {
        let start = at + found;
        let len = after[start..].len() - after[start..].trim_start_matches('`').len();
        if len == run {
            let content = &after[..start];
            if content.bytes().any(|b| b == b'<' || b == b'\\' || (b.is_ascii_control() && b != b'\t')) {
                return None;
            }
            // One space is stripped from each side when both have one and not all is space.
            let stripped = content.len() >= 2
                && content.starts_with(' ')
                && content.ends_with(' ')
                && !content.bytes().all(|b| b == b' ');
            let content = if stripped { &content[1..content.len() - 1] } else { content };
            builder.event(&Event::Code(content.into()));
            return Some(&after[start + len..]);
        }
        at = start + len;
    }
    builder.text(&s[..run]);
    Some(after)
}

/// `label](target)rest` (after the `[`) as (label, target, rest), for a plain label and a
/// target of URL characters only (no escapes, entities, spaces, brackets or parentheses).
fn simple_link(s: &str) -> Option<(&str, &str, &str)> {
    let (label, after) = s.split_once(']')?;
    let (target, rest) = after.strip_prefix('(')?.split_once(')')?;
    let url_byte = |b: u8| b.is_ascii_alphanumeric() || b"-./#:?=%+,;@$!".contains(&b);
    (is_plain(label) && !target.is_empty() && target.bytes().all(url_byte)).then_some((label, target, rest))
}

/// Text with no character that can open inline markup (code, emphasis, strikethrough, links,
/// HTML, entities, escapes) and no line break or other control character.
fn is_plain(text: &str) -> bool {
    // One table lookup per byte: this runs over most of the corpus's cell text.
    !text.bytes().any(|b| NOT_PLAIN[usize::from(b)])
}

/// The bytes [`is_plain`] refuses: markup openers and control characters other than tab.
const NOT_PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        // `b < 256`, so the cast is exact.
        let byte = b as u8;
        table[b] = (byte.is_ascii_control() && byte != b'\t')
            || matches!(byte, b'\\' | b'`' | b'*' | b'_' | b'~' | b'[' | b']' | b'<' | b'&');
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use crate::inline::{RefDefs, parse_markdown};
    use graphdoc_diagnostics::Pos;

    #[test]
    fn reads_what_markdown_reads() {
        let cases = [
            "",
            "String",
            "The user's display name.  Read-only. Supports $filter (eq, ne).",
            "a\tb  c",
            "C# and F#! x > y = z; 3-4 +5",
            "non\u{a0}breaking \u{2003}space",
            "[identitySet](identityset.md)",
            "[entity](entity.md) collection",
            "Inherited from [ directoryObject ](../resources/directoryobject.md#props). More [x](y.md)!",
            "[](empty-label.md)",
            "see [a](https://example.com/a?b=c%20d,e;f@g$h) now",
            "`code`",
            "The `id` of a [user](user.md); `` a`b `` and ` x ` and `  ` and `a",
            "``unclosed` and `[not](a-link.md)`",
        ];
        for text in cases {
            let fast = super::parse(text, Pos::default()).expect(text);
            let full = parse_markdown(text, Pos::default(), &RefDefs::new());
            assert_eq!((&fast.text, &fast.links, &fast.todos), (&full.text, &full.links, &full.todos), "{text:?}");
        }
    }

    #[test]
    fn plain_bytes_are_the_ones_without_markup_or_control_meaning() {
        for b in 0..=u8::MAX {
            let refused = b"\\`*_~[]<&".contains(&b) || (b.is_ascii_control() && b != b'\t');
            assert_eq!(super::NOT_PLAIN[usize::from(b)], refused, "byte {b:#04x}");
        }
    }

    #[test]
    fn leaves_everything_else_to_the_parser() {
        let cases = [
            "1. first",
            "- item",
            "+ item",
            "# heading",
            "> quote",
            "=== x",
            " indented",
            "see <b>this</b>",
            "a &amp; b",
            r"a\|b",
            "x **TODO** y",
            "a\rb",
            "a\u{0}b",
            "![image](x.png)",
            "[ref]",
            "[ref] (x.md)",
            "[a](x.md \"title\")",
            "[a](<x y.md>)",
            "[a](x(1).md)",
            "[a](x_y.md)",
            "[a [b](c.md)](d.md)",
            "[a]()",
            "```fence",
            "`<a href=\"`\">`",
            r"`a\`",
            "a ] b",
        ];
        for text in cases {
            assert!(super::parse(text, Pos::default()).is_none(), "{text:?}");
        }
    }
}

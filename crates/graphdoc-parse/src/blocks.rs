//! First pass: the markdown event stream flattened into a list of blocks (headings,
//! paragraphs, tables, code fences, HTML comments), each with its position. Later passes
//! read sections of this list and never see pulldown-cmark.

use crate::page::Link;
use graphdoc_diagnostics::{LineIndex, Pos};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Debug, Clone)]
pub enum Block {
    Heading { level: u8, text: Inline, pos: Pos },
    Paragraph(Inline),
    Table(Table),
    Code(Code),
    Comment(Comment),
}

/// Inline content reduced to plain text, with its links and the bold TODO markers found in it.
#[derive(Debug, Clone, Default)]
pub struct Inline {
    /// The text with markup removed; inline code keeps its backticks so prose patterns such as
    /// "returns a `201 Created` response" stay visible.
    pub text: String,
    pub links: Vec<Link>,
    /// Text of `TODO…` placeholders removed from `text`.
    pub todos: Vec<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<Inline>,
    pub rows: Vec<Vec<Inline>>,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Code {
    pub info: String,
    pub text: String,
    pub pos: Pos,
    /// The line of the first content line.
    pub first_line: u32,
    pub closed: bool,
}

#[derive(Debug, Clone)]
pub struct Comment {
    /// The text between `<!--` and `-->`.
    pub inner: String,
    pub pos: Pos,
    pub closed: bool,
}

/// Flattens `body` (the page after its front matter, starting at byte `offset` of the file)
/// into blocks. Nesting (lists, block quotes) is dropped: the docs' structure is the heading
/// sequence, not the nesting.
pub fn blocks(body: &str, offset: usize, lines: &LineIndex) -> Vec<Block> {
    let mut out = Vec::new();
    let mut inline: Option<Inline> = None;
    let mut strong_depth = 0usize;
    let mut strong_text = String::new();
    let mut link_stack: Vec<(String, usize)> = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Option<Vec<Inline>> = None;
    let mut code: Option<(Code, Range<usize>)> = None;
    let mut html: Option<(String, Range<usize>)> = None;
    let pos_of = |range: &Range<usize>| lines.pos(range.start + offset);

    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { .. } | Tag::Paragraph | Tag::TableCell => {
                    inline = Some(Inline { pos: pos_of(&range), ..Inline::default() });
                }
                Tag::Table(_) => {
                    table = Some(Table { header: Vec::new(), rows: Vec::new(), pos: pos_of(&range) });
                }
                Tag::TableHead | Tag::TableRow => row = Some(Vec::new()),
                Tag::CodeBlock(kind) => {
                    let (info, fenced) = match kind {
                        CodeBlockKind::Fenced(info) => (info.trim().to_string(), true),
                        CodeBlockKind::Indented => (String::new(), false),
                    };
                    let pos = pos_of(&range);
                    let closed = !fenced || fence_is_closed(&body[range.clone()]);
                    let first_line = if fenced { pos.line + 1 } else { pos.line };
                    code = Some((Code { info, text: String::new(), pos, first_line, closed }, range));
                }
                Tag::HtmlBlock => html = Some((String::new(), range)),
                Tag::Strong => {
                    strong_depth += 1;
                    if strong_depth == 1 {
                        strong_text.clear();
                    }
                }
                Tag::Link { dest_url, .. } => {
                    let start = inline.as_ref().map_or(0, |i| i.text.len());
                    link_stack.push((dest_url.to_string(), start));
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(level) => {
                    if let Some(text) = inline.take() {
                        let pos = text.pos;
                        out.push(Block::Heading { level: level as u8, text: finish(text), pos });
                    }
                }
                TagEnd::Paragraph => {
                    if let Some(text) = inline.take() {
                        out.push(Block::Paragraph(finish(text)));
                    }
                }
                TagEnd::TableCell => {
                    if let (Some(text), Some(row)) = (inline.take(), row.as_mut()) {
                        row.push(finish(text));
                    }
                }
                TagEnd::TableHead => {
                    if let (Some(cells), Some(table)) = (row.take(), table.as_mut()) {
                        table.header = cells;
                    }
                }
                TagEnd::TableRow => {
                    if let (Some(cells), Some(table)) = (row.take(), table.as_mut()) {
                        table.rows.push(cells);
                    }
                }
                TagEnd::Table => {
                    if let Some(table) = table.take() {
                        out.push(Block::Table(table));
                    }
                }
                TagEnd::CodeBlock => {
                    if let Some((code, _)) = code.take() {
                        out.push(Block::Code(code));
                    }
                }
                TagEnd::HtmlBlock => {
                    if let Some((text, range)) = html.take() {
                        push_comments(&text, pos_of(&range), &mut out);
                    }
                }
                TagEnd::Strong => {
                    strong_depth = strong_depth.saturating_sub(1);
                    if strong_depth == 0
                        && let Some(inline) = inline.as_mut()
                        && is_todo(&strong_text)
                    {
                        // The bold TODO text was appended to `text` as it streamed; take it back out.
                        let len = inline.text.len();
                        if let Some(start) = inline.text[..len].rfind(strong_text.as_str()) {
                            inline.text.truncate(start);
                        }
                        inline.todos.push(strong_text.trim().to_string());
                    }
                }
                TagEnd::Link => {
                    if let (Some((target, start)), Some(inline)) = (link_stack.pop(), inline.as_mut()) {
                        let text = inline.text.get(start..).unwrap_or_default().trim().to_string();
                        inline.links.push(Link { text, target });
                    }
                }
                _ => {}
            },
            Event::Text(text) => {
                if let Some((code, _)) = code.as_mut() {
                    code.text.push_str(&text);
                } else if let Some(inline) = inline.as_mut() {
                    inline.text.push_str(&text);
                    if strong_depth > 0 {
                        strong_text.push_str(&text);
                    }
                }
            }
            Event::Code(text) => {
                if let Some(inline) = inline.as_mut() {
                    inline.text.push('`');
                    inline.text.push_str(&text);
                    inline.text.push('`');
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(inline) = inline.as_mut() {
                    inline.text.push(' ');
                }
            }
            Event::Html(text) => {
                if let Some((buf, _)) = html.as_mut() {
                    buf.push_str(&text);
                }
            }
            Event::InlineHtml(text) => {
                // `<br>` and friends inside cells separate words; other inline HTML is dropped.
                if let Some(inline) = inline.as_mut()
                    && !text.starts_with("<!--")
                {
                    inline.text.push(' ');
                }
            }
            _ => {}
        }
    }
    // An unterminated table or code block at the end of input is closed by pulldown-cmark's
    // own End events, so nothing is left pending here.
    out
}

/// Trims the text and collapses the spaces left where markup or a TODO was removed.
fn finish(mut inline: Inline) -> Inline {
    let collapsed = inline.text.split_whitespace().collect::<Vec<_>>().join(" ");
    inline.text = collapsed;
    inline
}

pub fn is_todo(text: &str) -> bool {
    text.trim_start().starts_with("TODO")
}

/// A fenced block is closed when its last line is a fence of the same character at least as
/// long as the opener (CommonMark), not merely where the input ends.
fn fence_is_closed(source: &str) -> bool {
    let opener = source.trim_start();
    let ch = if opener.starts_with('~') { '~' } else { '`' };
    let open_len = opener.chars().take_while(|&c| c == ch).count();
    let mut lines = source.trim_end_matches('\n').lines();
    lines.next();
    lines.last().is_some_and(|last| {
        let t = last.trim();
        t.chars().take_while(|&c| c == ch).count() >= open_len && t.chars().all(|c| c == ch)
    })
}

/// Splits an HTML block into its comments. Non-comment HTML (e.g. `<br/>`) is not needed.
fn push_comments(text: &str, pos: Pos, out: &mut Vec<Block>) {
    let mut rest = text;
    let mut line = pos.line;
    while let Some(start) = rest.find("<!--") {
        line += count_lines(&rest[..start]);
        let after = &rest[start + 4..];
        match after.find("-->") {
            Some(end) => {
                out.push(Block::Comment(Comment {
                    inner: after[..end].to_string(),
                    pos: Pos { line, column: 1 },
                    closed: true,
                }));
                line += count_lines(&after[..end]);
                rest = &after[end + 3..];
            }
            None => {
                out.push(Block::Comment(Comment {
                    inner: after.to_string(),
                    pos: Pos { line, column: 1 },
                    closed: false,
                }));
                return;
            }
        }
    }
}

fn count_lines(s: &str) -> u32 {
    u32::try_from(s.matches('\n').count()).unwrap_or(u32::MAX)
}

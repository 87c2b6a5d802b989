//! First pass: the markdown event stream flattened into a list of blocks (headings,
//! paragraphs, tables, code fences, HTML comments), each with its position. Later passes
//! read sections of this list and never see pulldown-cmark.

use crate::inline::{InlineBuilder, RefDefs};
use crate::needle::Needle;
use crate::page::Link;
use crate::table_rows;
use graphdoc_diagnostics::{Code as DiagCode, Diagnostic, LineIndex, Loc, Pos};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

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
    /// Rows padded or cut to the header's width.
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
pub fn blocks(body: &str, offset: usize, lines: &LineIndex, diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    // The corpus has a block per 80 bytes or so: sized for that, the vector seldom grows.
    let mut out = Vec::with_capacity(body.len() / 64 + 4);
    blocks_into(body, offset, lines, diags, 0, &mut out);
    out
}

/// How many times a broken fence or comment may be re-read as markdown inside one page. Each
/// re-read is of a strictly shorter text; the bound keeps a hostile page from nesting deeply.
const MAX_RECOVERY_DEPTH: usize = 16;

fn blocks_into(
    body: &str,
    offset: usize,
    lines: &LineIndex,
    diags: &mut Vec<Diagnostic>,
    depth: usize,
    out: &mut Vec<Block>,
) {
    let mut inline: Option<InlineBuilder> = None;
    let mut in_table = false;
    let mut code: Option<(Code, usize)> = None;
    let mut html: Option<(String, Pos)> = None;
    let mut skip_paragraph = false;
    let pos_of = |start: usize| lines.pos(start + offset);

    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let parser = Parser::new_ext(body, options);
    let refdefs: RefDefs = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| (label.to_lowercase(), String::from(&*def.dest)))
        .collect();
    let ctx = table_rows::Ctx { lines, refdefs: &refdefs };
    for (event, range) in parser.into_offset_iter() {
        if in_table {
            // Table rows are split from the source by `table_rows`; skip pulldown's cells.
            in_table = !matches!(event, Event::End(TagEnd::Table));
            continue;
        }
        match &event {
            Event::Start(Tag::Table(_)) => {
                in_table = true;
                out.push(Block::Table(table_rows::split(&body[range.clone()], range.start + offset, &ctx, diags)));
            }
            Event::Start(Tag::Heading { .. }) => {
                inline = Some(InlineBuilder::new(pos_of(range.start), range.len()));
            }
            Event::Start(Tag::Paragraph) if inline.is_none() && !skip_paragraph => {
                let source = &body[range.clone()];
                if source.starts_with('|') && table_split_by_comment(out) {
                    // Rows after a comment that cut a table in two: more rows of that table.
                    extend_split_table(out, source, range.start + offset, &ctx, diags);
                    skip_paragraph = true;
                } else if let Some((header, delimiter)) = table_with_short_delimiter(source) {
                    // GFM drops a table whose delimiter row is narrower than its header; the
                    // author meant a table, so it is read as one.
                    diags.push(Diagnostic::new(
                        DiagCode::TableRowWidth,
                        Loc::at(lines.file(), pos_of(range.start)),
                        format!("the delimiter row has {delimiter} cells where the header has {header}; read as a table all the same"),
                    ));
                    out.push(Block::Table(table_rows::split(source, range.start + offset, &ctx, diags)));
                    skip_paragraph = true;
                } else {
                    inline = Some(InlineBuilder::new(pos_of(range.start), range.len()));
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(b) = inline.take() {
                    let text = b.finish();
                    out.push(Block::Heading { level: *level as u8, pos: text.pos, text });
                }
            }
            Event::End(TagEnd::Paragraph) if skip_paragraph => skip_paragraph = false,
            Event::End(TagEnd::Paragraph) => {
                if let Some(b) = inline.take() {
                    out.push(Block::Paragraph(b.finish()));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let (info, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => (info.trim().to_string(), true),
                    CodeBlockKind::Indented => (String::new(), false),
                };
                let pos = pos_of(range.start);
                let closed = !fenced || fence_is_closed(&body[range.clone()]);
                // A fence opened on the last line has no content line; stay inside the file.
                let first_line = if fenced { (pos.line + 1).min(lines.line_count()) } else { pos.line };
                // The block's text is its source less the fences: one allocation.
                let text = String::with_capacity(range.len());
                code = Some((Code { info, text, pos, first_line, closed }, range.end));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((mut code, end)) = code.take() {
                    let resume =
                        if depth < MAX_RECOVERY_DEPTH { recover_fence(&mut code, lines.file(), diags) } else { None };
                    out.push(Block::Code(code));
                    // The fence was never closed where the author meant: from the break (a
                    // heading, another fence) on, the text is markdown again.
                    if let Some(source_cut) = resume.and_then(|line| lines.line_start(line)?.checked_sub(offset))
                        && source_cut < end
                    {
                        blocks_into(&body[source_cut..end], offset + source_cut, lines, diags, depth + 1, out);
                    }
                }
            }
            Event::Start(Tag::HtmlBlock) => html = Some((String::new(), pos_of(range.start))),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((text, pos)) = html.take() {
                    let unclosed_at = push_comments(&text, pos, out);
                    // An unclosed `<!--` hides the rest of the page. If what it hides has
                    // structure (headings, fences), end the comment at its first blank line.
                    if let Some(inner_start) = unclosed_at
                        && depth < MAX_RECOVERY_DEPTH
                        && let Some(blank) = hides_structure(&text[inner_start..])
                    {
                        let source_cut = range.start + inner_start + blank;
                        if let Some(Block::Comment(c)) = out.last_mut() {
                            c.inner.truncate(blank);
                        }
                        if source_cut < range.end {
                            blocks_into(
                                &body[source_cut..range.end],
                                offset + source_cut,
                                lines,
                                diags,
                                depth + 1,
                                out,
                            );
                        }
                    }
                }
            }
            Event::Html(text) if html.is_some() => {
                if let Some((buf, _)) = html.as_mut() {
                    buf.push_str(text);
                }
            }
            Event::Text(text) if code.is_some() => {
                if let Some((code, _)) = code.as_mut() {
                    code.text.push_str(text);
                }
            }
            _ if skip_paragraph => {}
            _ => {
                if let Some(b) = inline.as_mut() {
                    b.event(&event);
                }
            }
        }
    }
}

/// Repairs an HTTP or JSON fence that was left open. A fence line directly followed by a JSON
/// body (`` ```http `` between a request's headers and its body) is a stray line: it is dropped
/// and the block goes on. Any other fence line, or a markdown heading, means the author's block
/// ended there: the text is cut and the line in the file where markdown resumes is returned.
fn recover_fence(code: &mut Code, file: &std::sync::Arc<str>, diags: &mut Vec<Diagnostic>) -> Option<u32> {
    let lang = code.info.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    if !matches!(lang.as_str(), "" | "http" | "json" | "msgraph-interactive") || code.first_line == code.pos.line {
        return None;
    }
    // Nearly every block has no line to repair: then nothing is copied.
    if !may_need_repair(&code.text) {
        return None;
    }
    let text = std::mem::take(&mut code.text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut kept = String::with_capacity(text.len());
    let mut resume = None;
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let line_no = code.first_line + u32::try_from(n).unwrap_or(u32::MAX);
        let heading = t.starts_with('#')
            && t.trim_start_matches('#').starts_with(' ')
            && t.len() - t.trim_start_matches('#').len() <= 6;
        if t.starts_with("```") {
            let next = lines[n + 1..].iter().map(|l| l.trim()).find(|l| !l.is_empty());
            if next.is_some_and(|l| l.starts_with('{') || l.starts_with('[')) {
                diags.push(Diagnostic::new(
                    DiagCode::UnterminatedFence,
                    Loc::new(file.clone(), line_no, 1),
                    "a fence line inside an open code block, before its JSON body; read as part of the block",
                ));
                // An empty line in its place keeps the block's lines where the file has them.
                kept.push('\n');
                continue;
            }
        }
        if t.starts_with("```") || heading {
            resume = Some(line_no);
            code.closed = false;
            break;
        }
        kept.push_str(line);
    }
    code.text = kept;
    resume
}

/// Whether some line of a code block's `text` starts, after white space, with `` ` `` or `#`:
/// every line [`recover_fence`] acts on (a fence, a heading) does. Found from the few `` ` ``
/// and `#` bytes rather than line by line, as this runs on every HTTP and JSON block.
fn may_need_repair(text: &str) -> bool {
    memchr::memchr2_iter(b'`', b'#', text.as_bytes()).any(|at| {
        let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
        text[line_start..at].trim_start().is_empty()
    })
}

/// The byte index of the first blank line in an unclosed comment's text, if the text after it
/// holds markdown structure (a heading or a fence) that the comment would otherwise hide.
fn hides_structure(text: &str) -> Option<usize> {
    let blank = text.find("\n\n").or_else(|| text.find("\n\r\n"))? + 1;
    let rest = &text[blank..];
    rest.lines().any(|l| l.starts_with('#') || l.trim_start().starts_with("```")).then_some(blank)
}

/// A paragraph that is a pipe table whose delimiter row has a different number of cells than its
/// header: (header cells, delimiter cells).
fn table_with_short_delimiter(source: &str) -> Option<(usize, usize)> {
    // Nearly every paragraph has no pipe at all; one scan says so (this runs on all of them).
    memchr::memchr(b'|', source.as_bytes())?;
    let mut lines = source.lines();
    let header = lines.next()?.trim();
    let delimiter = lines.next()?.trim();
    let is_delimiter = delimiter.contains('-')
        && delimiter.contains('|')
        && delimiter.chars().all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'));
    if !header.contains('|') || !is_delimiter {
        return None;
    }
    let count = |line: &str| line.trim_matches('|').split('|').count();
    let (h, d) = (count(header), count(delimiter));
    (h != d).then_some((h, d))
}

/// The blocks end in a table followed by one or more comments.
fn table_split_by_comment(out: &[Block]) -> bool {
    let comments = out.iter().rev().take_while(|b| matches!(b, Block::Comment(_))).count();
    comments > 0 && matches!(out.iter().rev().nth(comments), Some(Block::Table(_)))
}

fn extend_split_table(
    out: &mut [Block],
    source: &str,
    offset: usize,
    ctx: &table_rows::Ctx<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let comments = out.iter().rev().take_while(|b| matches!(b, Block::Comment(_))).count();
    let index = out.len() - comments - 1;
    if let Some(Block::Table(table)) = out.get_mut(index) {
        let mut more = table_rows::more_rows(source, offset, table.header.len(), ctx, diags);
        table.rows.append(&mut more);
    }
}

/// A fenced block is closed when its last line is a fence of the same character at least as
/// long as the opener (CommonMark), not merely where the input ends.
fn fence_is_closed(source: &str) -> bool {
    let opener = source.trim_start();
    let ch = if opener.starts_with('~') { '~' } else { '`' };
    let open_len = opener.chars().take_while(|&c| c == ch).count();
    let mut lines = source.trim_end_matches('\n').lines();
    lines.next();
    // From the end: a long block's lines need not be walked to find its last.
    lines.next_back().is_some_and(|last| {
        let t = last.trim();
        t.chars().take_while(|&c| c == ch).count() >= open_len && t.chars().all(|c| c == ch)
    })
}

/// Splits an HTML block into its comments. Non-comment HTML (e.g. `<br/>`) is not needed.
/// Returns where, in `text`, the inner text of an unclosed comment starts.
fn push_comments(text: &str, pos: Pos, out: &mut Vec<Block>) -> Option<usize> {
    // Every HTML block goes through here; the searchers are built once.
    static OPEN: Needle = Needle::new("<!--");
    static CLOSE: Needle = Needle::new("-->");
    let mut rest = text;
    let mut line = pos.line;
    while let Some(start) = OPEN.find(rest) {
        line += count_lines(&rest[..start]);
        let after = &rest[start + 4..];
        match CLOSE.find(after) {
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
                return Some(text.len() - after.len());
            }
        }
    }
    None
}

fn count_lines(s: &str) -> u32 {
    u32::try_from(s.matches('\n').count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_may_need_repair_exactly_when_a_line_starts_with_a_backtick_or_hash() {
        let pieces = ["a", " ", "\n", "#", "`", "\u{a0}", "\r\n", "é"];
        for text in &crate::test_strings::every_string(&pieces, 5) {
            let by_lines = text.split_inclusive('\n').any(|line| line.trim_start().starts_with(['`', '#']));
            assert_eq!(may_need_repair(text), by_lines, "{text:?}");
        }
    }
}

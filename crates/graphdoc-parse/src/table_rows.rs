//! Table rows split from the source by hand rather than by pulldown-cmark's GFM rules, because
//! the docs need more than GFM gives: a `|` inside a code span is text, a line without pipes
//! continues the previous row's last cell, and the cells a row really has are counted (GFM pads
//! or drops them silently).

use crate::blocks::{Inline, Table};
use crate::inline::{self, RefDefs};
use graphdoc_diagnostics::{Code, Diagnostic, LineIndex, Loc, Pos};

/// Splits the table whose source is `source`, starting at byte `offset` of the file.
pub fn split(source: &str, offset: usize, ctx: &Ctx<'_>, diags: &mut Vec<Diagnostic>) -> Table {
    let lines = ctx.lines;
    let mut table = Table { header: Vec::new(), rows: Vec::new(), pos: lines.pos(offset) };
    let mut source_lines = source_lines(source, offset);
    if let Some((start, content)) = source_lines.next() {
        table.header = parse_cells(content, start, ctx);
    }
    source_lines.next(); // The delimiter row.
    let header_piped = source.trim_start().starts_with('|');
    table.rows = rows(source_lines, table.header.len(), header_piped, ctx, diags);
    table
}

/// Rows with no header of their own (after a comment cut the table in two), for a table of
/// `width` columns.
pub fn more_rows(
    source: &str,
    offset: usize,
    width: usize,
    ctx: &Ctx<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<Inline>> {
    rows(source_lines(source, offset), width, true, ctx, diags)
}

/// The non-blank lines of `source` as (byte offset of the first non-blank character, text).
fn source_lines(source: &str, offset: usize) -> impl Iterator<Item = (usize, &str)> {
    // Line ends found by memchr over the whole table rather than a char search per line.
    let ends = memchr::memchr_iter(b'\n', source.as_bytes()).map(|newline| newline + 1);
    let mut line_start = 0;
    ends.chain(std::iter::once(source.len())).filter_map(move |end| {
        let start = line_start;
        line_start = end;
        let content = source.get(start..end)?.trim_end_matches(['\n', '\r']);
        // Empty when the line is all white space (or it is the empty text after a last newline).
        let trimmed = content.trim_start();
        (!trimmed.is_empty()).then(|| (offset + start + content.len() - trimmed.len(), trimmed))
    })
}

fn rows<'s>(
    source_lines: impl Iterator<Item = (usize, &'s str)>,
    width: usize,
    header_piped: bool,
    ctx: &Ctx<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<Inline>> {
    let lines = ctx.lines;
    let mut rows: Vec<Vec<Inline>> = Vec::new();
    for (start, content) in source_lines {
        // A line that does not open with `|` under a header that does, and has fewer cells than
        // the header, continues the last cell of the row above (a multi-line cell).
        if header_piped && !content.starts_with('|') && split_cells(content, start).len() < width.max(2) {
            if let Some(cell) = rows.last_mut().and_then(|r| r.iter_mut().rev().find(|c| !c.text.is_empty())) {
                // The continuation may end with the row's closing pipe.
                let more =
                    inline::parse(content.trim().trim_end_matches('|').trim_end(), lines.pos(start), ctx.refdefs);
                cell.text = format!("{} {}", cell.text, more.text);
                cell.links.extend(more.links);
                cell.todos.extend(more.todos);
            }
            continue;
        }
        let row = parse_cells(content, start, ctx);
        if row.len() != width && !(row.len() < width && is_group_row(&row)) {
            diags.push(Diagnostic::new(
                Code::TableRowWidth,
                Loc::new(lines.file().clone(), lines.pos(start).line, 1),
                format!(
                    "row has {} cells where the header has {width}; {}",
                    row.len(),
                    if row.len() > width {
                        "the extra cells are joined to the last column"
                    } else {
                        "the missing cells are read as empty"
                    }
                ),
            ));
        }
        rows.push(fit(row, width));
    }
    rows
}

/// The cells of the row `content` (starting at byte `start` of the file), parsed. A row is one
/// line, so its cells' positions are found from the row's with no search of their own.
fn parse_cells(content: &str, start: usize, ctx: &Ctx<'_>) -> Vec<Inline> {
    let row = ctx.lines.pos(start);
    let column = |at: usize| u32::try_from(at - start).map_or(u32::MAX, |d| row.column.saturating_add(d));
    split_cells(content, start)
        .into_iter()
        .map(|(text, at)| inline::parse(text, Pos { line: row.line, column: column(at) }, ctx.refdefs))
        .collect()
}

/// What splitting needs from the page: its line index and link reference definitions.
pub struct Ctx<'a> {
    pub lines: &'a LineIndex,
    pub refdefs: &'a RefDefs,
}

/// A row with only its first cell filled (`| **Calendar** | | |`): a heading inside the table.
pub fn is_group_row(row: &[Inline]) -> bool {
    row.first().is_some_and(|c| !c.text.is_empty()) && row.iter().skip(1).all(|c| c.text.is_empty())
}

/// Pads a short row with empty cells and joins the cells past the header's width into the last.
fn fit(mut row: Vec<Inline>, width: usize) -> Vec<Inline> {
    if width == 0 {
        return row;
    }
    while row.len() < width {
        let pos = row.last().map(|c| c.pos).unwrap_or_default();
        row.push(Inline { pos, ..Inline::default() });
    }
    if row.len() > width {
        let extra: Vec<Inline> = row.drain(width..).collect();
        if let Some(last) = row.last_mut() {
            for cell in extra {
                last.text = format!("{} | {}", last.text, cell.text).trim().to_string();
                last.links.extend(cell.links);
                last.todos.extend(cell.todos);
            }
        }
    }
    row
}

/// The cells of one row as (text, byte offset of the text in the file). Pipes inside code spans
/// and escaped pipes (`\|`) do not split.
fn split_cells(line: &str, offset: usize) -> Vec<(&str, usize)> {
    let mut cells = cell_spans(line);
    // A leading pipe opens the row and a trailing one closes it: neither makes a cell.
    if line.starts_with('|') {
        cells.remove(0);
    }
    let line_end = line.trim_end();
    if line_end.ends_with('|') && line_end != "|" && cells.last().is_some_and(|&(s, e)| line[s..e].trim().is_empty()) {
        cells.pop();
    }
    cells
        .into_iter()
        .map(|(s, e)| {
            // `trim` is `trim_start` then `trim_end`: the start is trimmed once, for both uses.
            let from_text = line[s..e].trim_start();
            (from_text.trim_end(), offset + e - from_text.len())
        })
        .collect()
}

/// The byte ranges the row's pipes (unescaped, outside code spans) cut it into, the ones before
/// the first pipe and after the last included.
fn cell_spans(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    // Rows of up to six cells between outer pipes, nearly all of them, never grow the vector.
    let mut cells = Vec::with_capacity(8);
    let mut start = 0;
    let mut i = 0;
    let mut code_ticks = 0usize;
    // Only backslashes, backticks and pipes matter; memchr skips the text between them.
    while let Some(found) = bytes.get(i..).and_then(|rest| memchr::memchr3(b'\\', b'`', b'|', rest)) {
        i += found;
        match bytes[i] {
            b'\\' => i += 1,
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                if code_ticks == 0 {
                    // Only open a span that closes on this line; a lone backtick is text.
                    let closes = bytes[i + run..].split(|&b| b != b'`').any(|ticks| ticks.len() >= run);
                    if closes {
                        code_ticks = run;
                    }
                } else if run == code_ticks {
                    code_ticks = 0;
                }
                i += run - 1;
            }
            b'|' if code_ticks == 0 => {
                cells.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    cells.push((start, bytes.len()));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<&str> {
        split_cells(line, 0).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn cells_with_and_without_outer_pipes() {
        assert_eq!(texts("|a|b|c|"), ["a", "b", "c"]);
        assert_eq!(texts("a | b | c"), ["a", "b", "c"]);
        assert_eq!(texts("| a | b"), ["a", "b"]);
        assert_eq!(texts("| Member"), ["Member"]);
        assert_eq!(texts("|a||c|"), ["a", "", "c"]);
    }

    #[test]
    fn pipes_in_code_spans_and_escapes_do_not_split() {
        assert_eq!(texts("|x|`a|b`|desc|"), ["x", "`a|b`", "desc"]);
        assert_eq!(texts(r"|x|a\|b|desc|"), ["x", r"a\|b", "desc"]);
        assert_eq!(texts("|x|don`t|d|"), ["x", "don`t", "d"]);
    }

    #[test]
    fn cell_positions_are_those_the_line_index_gives() {
        let text = "intro\n\n| Name | Type |\n|:--|:--|\n|  id | `String` |\n| ✓ x |y|\n";
        let lines = LineIndex::new("f.md", text);
        let refdefs = RefDefs::new();
        let ctx = Ctx { lines: &lines, refdefs: &refdefs };
        let start = text.find('|').expect("a table");
        let table = split(&text[start..], start, &ctx, &mut Vec::new());
        let mut cells = 0;
        for (content_start, content) in source_lines(&text[start..], start) {
            let parsed = parse_cells(content, content_start, &ctx);
            for ((_, at), cell) in split_cells(content, content_start).into_iter().zip(&parsed) {
                assert_eq!(cell.pos, lines.pos(at));
                cells += 1;
            }
        }
        assert_eq!(cells, 8, "header, delimiter and two rows of two cells");
        assert_eq!(table.rows[1][1].pos, lines.pos(text.rfind('y').expect("y")));
    }

    #[test]
    fn source_lines_are_the_non_blank_lines_trimmed_at_the_start() {
        let pieces = ["a", " ", "\n", "\r", "|", "é", "\u{a0}"];
        for text in &crate::test_strings::every_string(&pieces, 5) {
            let mut expected = Vec::new();
            let mut line_start = 7;
            for line in text.split_inclusive('\n') {
                let content = line.trim_end_matches(['\n', '\r']);
                if !content.trim().is_empty() {
                    expected.push((line_start + content.len() - content.trim_start().len(), content.trim_start()));
                }
                line_start += line.len();
            }
            assert_eq!(source_lines(text, 7).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    /// The byte-by-byte loop `cell_spans` had before it skipped with memchr: the oracle.
    fn cell_spans_bytewise(line: &str) -> Vec<(usize, usize)> {
        let bytes = line.as_bytes();
        let mut cells = Vec::new();
        let mut start = 0;
        let mut i = 0;
        let mut code_ticks = 0usize;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b'`' => {
                    let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                    if code_ticks == 0 {
                        let closes = bytes[i + run..].split(|&b| b != b'`').any(|ticks| ticks.len() >= run);
                        if closes {
                            code_ticks = run;
                        }
                    } else if run == code_ticks {
                        code_ticks = 0;
                    }
                    i += run - 1;
                }
                b'|' if code_ticks == 0 => {
                    cells.push((start, i));
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        cells.push((start, bytes.len()));
        cells
    }

    #[test]
    fn skipping_with_memchr_splits_every_short_row_as_the_byte_loop_did() {
        let rows = crate::test_strings::every_string(&["|", "`", "\\", "a", " "], 6);
        assert_eq!(rows.len(), (0..=6).map(|n| 5usize.pow(n)).sum::<usize>());
        for row in &rows {
            assert_eq!(cell_spans(row), cell_spans_bytewise(row), "{row:?}");
        }
    }

    #[test]
    fn offsets_point_at_cell_text() {
        let cells = split_cells("| ab | cd |", 100);
        assert_eq!(cells, [("ab", 102), ("cd", 107)]);
    }
}

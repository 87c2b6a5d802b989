//! rustc-like rendering of one finding:
//!
//! ```text
//! error[GD0502 payload-invalid]: "yes" is not of types "boolean", "null"
//!   --> bad.json:4:22
//!    |
//!  4 |     "isSyncAllowed": "yes"
//!    |                      ^^^^^ at /userSyncInbound/isSyncAllowed
//!    |
//!    = rule: beta/resources/crosstenantusersyncinbound.md:21
//! ```

use super::Finding;
use crate::style::Style;
use graphdoc::Severity;
use std::io::Write;

pub fn write_finding(out: &mut dyn Write, f: &Finding, style: &Style) -> std::io::Result<()> {
    let word = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let head = style.severity(f.severity, &format!("{word}[{} {}]", f.code, f.name));
    writeln!(out, "{head}{}", style.bold(&format!(": {}", f.message)))?;
    let number = f.line.to_string();
    let pad = " ".repeat(number.len());
    writeln!(out, "{pad}{} {}:{}:{}", style.gutter("-->"), f.file, f.line, f.column)?;
    if let Some(line) = &f.source_line {
        let (indent, carets) = caret_position(line, f.column, f.width);
        let label = f.pointer.as_ref().map(|p| format!(" at {}", if p.is_empty() { "the root" } else { p }));
        writeln!(out, "{pad} {}", style.gutter("|"))?;
        writeln!(out, "{} {line}", style.gutter(&format!("{number} |")))?;
        let marks = style.severity(f.severity, &format!("{}{}", "^".repeat(carets), label.unwrap_or_default()));
        writeln!(out, "{pad} {} {indent}{marks}", style.gutter("|"))?;
    }
    if let Some(rule) = &f.rule_source {
        writeln!(out, "{pad} {}", style.gutter("|"))?;
        writeln!(out, "{pad} {} rule: {rule}", style.gutter("="))?;
    } else if let (Some(pointer), None) = (&f.pointer, &f.source_line) {
        writeln!(out, "{pad} {} pointer: {pointer}", style.gutter("="))?;
    }
    writeln!(out)
}

/// The padding before the caret (the line's own whitespace kept, so tabs line up) and the
/// number of carets: `width` characters from byte column `column`, cut at the line's end.
fn caret_position(line: &str, column: u32, width: usize) -> (String, usize) {
    let byte = (column as usize).saturating_sub(1).min(line.len());
    let byte = (0..=byte).rev().find(|&b| line.is_char_boundary(b)).unwrap_or(0);
    let indent: String = line[..byte].chars().map(|c| if c.is_whitespace() { c } else { ' ' }).collect();
    let rest = line[byte..].chars().count();
    (indent, width.min(rest).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_sit_under_the_column_and_stop_at_the_line_end() {
        assert_eq!(caret_position("\tab cd", 5, 2), ("\t   ".to_owned(), 2));
        assert_eq!(caret_position("ab", 2, 10), (" ".to_owned(), 1));
        assert_eq!(caret_position("", 1, 3), (String::new(), 1));
        assert_eq!(caret_position("é x", 4, 1), ("  ".to_owned(), 1), "columns count bytes, padding counts chars");
    }
}

//! Shared helpers for the graphdoc fuzz targets: page templates that embed the fuzz input where
//! one parser component reads it, and the invariants every parse and every generation must keep
//! beyond "no panic".
//!
//! Invariants checked on every parse:
//! - every diagnostic names the page's own file, and its line:column lies inside the text
//!   (line 1..=lines, column 1..=line length + 1);
//! - every `pos` in the parsed page lies inside the text the same way;
//! - the page serializes to JSON (the snapshot and `--dump` paths rely on it);
//! - parsing is deterministic (same text, same page and diagnostics).
//!
//! `GRAPHDOC_FUZZ_LAX` relaxes checks for known bugs whose fix is pending, so fuzzing can go
//! on past them: `columns` skips the column upper bound, `eof` accepts line:column
//! `lines + 1:1` (the line after the last one).

use graphdoc_diagnostics::Diagnostic;
use serde_json::Value;

mod templates;
pub use templates::*;

/// Line lengths (in bytes, without the `\n`) of `text`, as `LineIndex` counts lines.
fn line_lengths(text: &str) -> Vec<usize> {
    text.split('\n').map(str::len).collect()
}

/// Whether `GRAPHDOC_FUZZ_LAX` (a comma-separated list) names `what`.
fn lax(what: &str) -> bool {
    std::env::var("GRAPHDOC_FUZZ_LAX").is_ok_and(|v| v.split(',').any(|p| p == what))
}

fn check_line_column(text: &str, lines: &[usize], line: u32, column: u32, what: &dyn Fn() -> String) {
    assert!(line >= 1, "{} has line 0", what());
    if lax("eof") && line as usize == lines.len() + 1 && column == 1 {
        return;
    }
    assert!(
        (line as usize) <= lines.len(),
        "{} is at line {line} but the text has {} lines (text {} bytes)",
        what(),
        lines.len(),
        text.len()
    );
    assert!(column >= 1, "{} has column 0", what());
    if !lax("columns") {
        let len = lines[line as usize - 1];
        assert!((column as usize) <= len + 1, "{} is at column {column} but line {line} has {len} bytes", what());
    }
}

/// Checks the invariants of one parse result for `text`.
pub fn check_parse(file: &str, text: &str, page: &graphdoc_parse::Page, diags: &[Diagnostic]) {
    let lines = line_lengths(text);
    for d in diags {
        assert_eq!(&*d.loc.file, file, "diagnostic names another file: {d}");
        check_line_column(text, &lines, d.loc.line, d.loc.column, &|| format!("diagnostic `{d}`"));
        assert!(!d.message.is_empty(), "diagnostic without message: {d:?}");
    }
    assert_eq!(&*page.file, file);
    let json = serde_json::to_value(page).expect("a parsed page serializes to JSON");
    let mut stack = vec![(String::new(), &json)];
    while let Some((path, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    if k == "pos" {
                        let s = v.as_str().unwrap_or_else(|| panic!("{path}/pos is not a string: {v}"));
                        let (l, c) = s.split_once(':').expect("pos is line:column");
                        let l: u32 = l.parse().expect("pos line is a number");
                        let c: u32 = c.parse().expect("pos column is a number");
                        check_line_column(text, &lines, l, c, &|| format!("page node {path}"));
                    } else {
                        stack.push((format!("{path}/{k}"), v));
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    stack.push((format!("{path}/{i}"), v));
                }
            }
            _ => {}
        }
    }
}

/// Parses `text` as `file`, checks the invariants (including determinism) and returns the result.
pub fn parse_checked(file: &str, text: &str) -> (graphdoc_parse::Page, Vec<Diagnostic>) {
    let (page, diags) = graphdoc_parse::parse_page(file, text);
    check_parse(file, text, &page, &diags);
    let (page2, diags2) = graphdoc_parse::parse_page(file, text);
    assert_eq!(diags, diags2, "parsing the same text twice gave different diagnostics");
    assert_eq!(
        serde_json::to_string(&page).ok(),
        serde_json::to_string(&page2).ok(),
        "parsing the same text twice gave different pages"
    );
    (page, diags)
}

/// Fuzz bytes as text, the way a lossy reader would see them.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Checks one generation result: every Rust file parses with `syn`, and codegen did not report
/// that its own output failed to parse.
pub fn check_generated(generated: &graphdoc_codegen::Generated) {
    use std::cell::RefCell;
    use std::collections::HashSet;
    thread_local! {
        // Files already known to parse (support.rs and friends are the same every time).
        static SEEN: RefCell<HashSet<u64>> = RefCell::new(HashSet::new());
    }
    for d in &generated.diagnostics {
        assert!(!d.message.contains("does not parse"), "codegen produced unparseable code: {d}");
    }
    for f in &generated.files {
        if !f.path.ends_with(".rs") {
            continue;
        }
        let hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            f.contents.hash(&mut h);
            h.finish()
        };
        if SEEN.with(|s| s.borrow().contains(&hash)) {
            continue;
        }
        if let Err(e) = syn::parse_file(&f.contents) {
            panic!("generated {} does not parse: {e}\n---\n{}", f.path, f.contents);
        }
        SEEN.with(|s| {
            let mut s = s.borrow_mut();
            if s.len() > 64 {
                s.clear();
            }
            s.insert(hash);
        });
    }
}

//! Minimised fuzz findings (`fuzz/`, issue 7). Every file in `tests/regressions/` is an input
//! that once broke an invariant of `parse_page`; the file name says which fuzz target found it
//! (`<target>-<short-name>.bin`: parse_page, annotation_json, type_cell or http_block). Each
//! runs through `parse_page` inside the page its target builds (`fuzz/src/templates.rs`), and
//! must parse without panicking, with every diagnostic and every page position inside the text.

use graphdoc_parse::parse_page;
use serde_json::Value;
use std::path::Path;

/// `(line length in bytes)` per line, as `LineIndex` counts lines (split on `\n`).
fn line_lengths(text: &str) -> Vec<usize> {
    text.split('\n').map(str::len).collect()
}

fn check_position(text: &str, line: u32, column: u32, what: &str) -> Result<(), String> {
    let lines = line_lengths(text);
    if line == 0 || line as usize > lines.len() {
        return Err(format!("{what} is at line {line}, but the text has {} lines", lines.len()));
    }
    let len = lines[line as usize - 1];
    if column == 0 || column as usize > len + 1 {
        return Err(format!("{what} is at column {column}, but line {line} has {len} bytes"));
    }
    Ok(())
}

/// Every broken invariant of parsing `text` as `file`.
pub fn invariant_failures(file: &str, text: &str) -> Vec<String> {
    let (page, diags) = parse_page(file, text);
    let mut failures = Vec::new();
    for d in &diags {
        if &*d.loc.file != file {
            failures.push(format!("diagnostic names another file: {d}"));
        }
        if let Err(e) = check_position(text, d.loc.line, d.loc.column, &format!("diagnostic `{d}`")) {
            failures.push(e);
        }
    }
    let json = serde_json::to_value(&page).expect("a parsed page serializes");
    let mut stack = vec![(String::new(), &json)];
    while let Some((path, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    if let ("pos", Some((l, c))) = (k.as_str(), v.as_str().and_then(|s| s.split_once(':'))) {
                        let (l, c) = (l.parse().unwrap_or(0), c.parse().unwrap_or(0));
                        if let Err(e) = check_position(text, l, c, &format!("page node {path}")) {
                            failures.push(e);
                        }
                    } else {
                        stack.push((format!("{path}/{k}"), v));
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter().enumerate().map(|(i, v)| (format!("{path}/{i}"), v))),
            _ => {}
        }
    }
    failures
}

/// The pages each fuzz target builds around its input: the fuzz project's own templates, so a
/// saved input is re-run in exactly the page that broke.
mod templates {
    #![allow(dead_code)]
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/src/templates.rs"));
}

#[test]
fn every_saved_fuzz_finding_parses_within_the_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/regressions exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no regression inputs in {}", dir.display());
    let mut failures = Vec::new();
    for path in &entries {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8 file name");
        let target = name.split_once('-').map_or(name, |(t, _)| t);
        let bytes = std::fs::read(path).expect("regression input is readable");
        let input = String::from_utf8_lossy(&bytes);
        let pages = templates::pages_for_target(target, &input)
            .unwrap_or_else(|| panic!("{name}: files here are named `<page fuzz target>-<name>.bin`"));
        for (file, text) in pages {
            for failure in invariant_failures(file, &text) {
                failures.push(format!("{name} (as {file}): {failure}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} broken invariants:\n{}", failures.len(), failures.join("\n"));
}

//! The `---` front matter block. The docs use it as flat `key: value` pairs, so it is read line
//! by line: one malformed line (an unquoted colon in a title) costs that line only.

use crate::page::{FrontMatterEntry, PageKind};
use graphdoc_diagnostics::{Code, Diagnostic, LineIndex, Loc, Pos};

/// The front matter entries and the byte offset where the markdown body starts.
pub fn split(text: &str, lines: &LineIndex, diags: &mut Vec<Diagnostic>) -> (Vec<FrontMatterEntry>, usize) {
    let mut entries = Vec::new();
    // The opening line may carry trailing spaces (`--- `), as a few pages' do.
    // Lines are taken from the page's line index, which has already found every line start.
    let line_end = |line: u32| lines.line_start(line + 1).unwrap_or(text.len());
    let first_line_end = line_end(1);
    let Some(after_open) = (text[..first_line_end].trim_end() == "---").then(|| &text[first_line_end..]) else {
        diags.push(Diagnostic::new(
            Code::FrontMatterMissing,
            lines.loc(0),
            "expected the page to start with a `---` front matter line",
        ));
        return (entries, 0);
    };
    let (mut line_no, mut offset) = (1, text.len() - after_open.len());
    while offset < text.len() {
        line_no += 1;
        let start = offset;
        // The next line starts past this one; `max` only guards the loop's progress.
        offset = line_end(line_no).max(start + 1);
        let here = Pos { line: line_no, column: 1 };
        let content = text.get(start..offset).unwrap_or_default().trim_end();
        // Trimmed once: every page has a front matter, and these lines were trimmed up to
        // seven times each.
        let trimmed = content.trim_start();
        if trimmed == "---" {
            return (entries, offset);
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match content.split_once(':') {
            Some((key, value)) if !key.trim().is_empty() && !key.contains(' ') => {
                let (key, v) = (key.trim(), value.trim());
                let quoted = v.starts_with('"') || v.starts_with('\'');
                if !quoted && v.as_bytes().windows(2).any(|pair| pair == b": ") {
                    // YAML reads `title: driveItem: createUploadSession` as a nested mapping and
                    // fails; the line is still clear to a person, so it is kept as text.
                    diags.push(Diagnostic::new(
                        Code::FrontMatterInvalid,
                        Loc::at(lines.file(), here),
                        format!("`{}` is not valid YAML: an unquoted value may not contain `: `; expected the value in quotes; read as text", content.trim()),
                    ));
                }
                entries.push(FrontMatterEntry { key: key.to_string(), value: unquote(v).to_string(), pos: here });
            }
            _ => diags.push(Diagnostic::new(
                Code::FrontMatterInvalid,
                Loc::at(lines.file(), here),
                format!("expected `key: value` in the front matter, found `{}`", content.trim()),
            )),
        }
    }
    diags.push(Diagnostic::new(
        Code::FrontMatterMissing,
        lines.loc(0),
        "the front matter opened on line 1 is never closed with `---`; the page is read as having none",
    ));
    (Vec::new(), 0)
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

/// The page kind named by `doc_type`; tolerant of the quoting and typos the corpus has.
pub fn page_kind(entries: &[FrontMatterEntry], file_loc: Loc, diags: &mut Vec<Diagnostic>) -> PageKind {
    let Some(entry) = entries.iter().find(|e| e.key == "doc_type") else {
        diags.push(Diagnostic::new(
            Code::UnknownPageKind,
            file_loc,
            "the front matter has no `doc_type`; expected apiPageType, resourcePageType, enumPageType or conceptualPageType",
        ));
        return PageKind::Unknown;
    };
    let normalized = entry.value.trim_end_matches('_').to_ascii_lowercase();
    match normalized.as_str() {
        "apipagetype" => PageKind::Api,
        "resourcepagetype" => PageKind::Resource,
        "enumpagetype" | "enumtypes" => PageKind::Enum,
        "conceptualpagetype" => PageKind::Conceptual,
        _ => {
            diags.push(Diagnostic::new(
                Code::UnknownPageKind,
                Loc::at(&file_loc.file, entry.pos),
                format!(
                    "unknown doc_type `{}`; expected apiPageType, resourcePageType, enumPageType or conceptualPageType",
                    entry.value
                ),
            ));
            PageKind::Unknown
        }
    }
}

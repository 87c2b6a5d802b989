//! `--check-incremental`: prose edits of real pages through a warm [`graphdoc::Regen`], checked
//! against uncached runs. On a copy of each version folder, the first (or, every other time,
//! the last) row of the first Properties, Relationships, Request body or parameters table of
//! every `STEP`-th page that has one gets a sentence appended to its last cell (every third
//! edit, a resource page's description gets it instead), one page after another; every `CHECK_EVERY` edits and after the last, the cached outputs must be an
//! uncached run's bytes. Such edits reach prose only and are patched, unless the sentence
//! changes what the cell says (then the version runs whole); both must agree with the uncached
//! run, and at least `MIN_PATCHED` of the edits must be patched, or the check says the patch
//! path has stopped serving the edit it is for.

use anyhow::{Result, bail};
use graphdoc::{CodegenSettings, Regen, RegenOutput, RunOptions};
use std::path::{Path, PathBuf};

/// Edit every `STEP`-th page that has a table to edit.
const STEP: usize = 10;
const CHECK_EVERY: usize = 50;
/// The share of edits that must be patched.
const MIN_PATCHED: f64 = 0.9;

/// What the check did for one version.
pub(crate) struct Outcome {
    pub edits: usize,
    /// Of which resource pages' descriptions.
    pub descriptions: usize,
    pub patched: usize,
    pub comparisons: usize,
}

pub(crate) fn run(docs: &Path, version: &str, scratch: &Path) -> Result<Outcome> {
    let copy = scratch.join("incremental-docs");
    let _ = std::fs::remove_dir_all(&copy);
    crate::bench::copy_dir(&docs.join(version), &copy.join(version))?;
    let options = RunOptions { jobs: 0, check_examples: false };
    let settings = CodegenSettings::default();
    let mut regen = Regen::new(options, settings.clone());
    regen.run(&copy, version)?;
    let pages: Vec<PathBuf> = graphdoc::read_version(&copy, version)?.into_iter().map(|f| f.path).collect();
    let mut outcome = Outcome { edits: 0, descriptions: 0, patched: 0, comparisons: 0 };
    let mut editable = 0;
    for page in &pages {
        let Ok(text) = std::fs::read_to_string(page) else { continue };
        let sentence = format!("Edited by the check ({}).", outcome.edits);
        // Rows, first and last in turn; every third edit a resource page's description when
        // it has one.
        let description = (outcome.edits % 3 == 2).then(|| edit_description(&text, &sentence)).flatten();
        let is_description = description.is_some();
        let Some(edited) = description.or_else(|| edit_row(&text, &sentence, outcome.edits % 2 == 1)) else {
            continue;
        };
        editable += 1;
        if editable % STEP != 1 {
            continue;
        }
        std::fs::write(page, edited)?;
        let patched = regen.patched_runs();
        let cached = regen.run(&copy, version)?;
        outcome.edits += 1;
        outcome.descriptions += usize::from(is_description);
        outcome.patched += regen.patched_runs() - patched;
        if outcome.edits.is_multiple_of(CHECK_EVERY) {
            compare(&cached, &copy, version, &settings, page)?;
            outcome.comparisons += 1;
        }
    }
    let last = regen.run(&copy, version)?;
    compare(&last, &copy, version, &settings, Path::new("the last edit"))?;
    outcome.comparisons += 1;
    let _ = std::fs::remove_dir_all(&copy);
    if (outcome.patched as f64) < MIN_PATCHED * outcome.edits as f64 {
        bail!(
            "[{version}] only {} of {} prose edits were patched (expected at least {:.0} %)",
            outcome.patched,
            outcome.edits,
            MIN_PATCHED * 100.0
        );
    }
    Ok(outcome)
}

/// The cached outputs against an uncached regen of the same docs.
fn compare(cached: &RegenOutput, docs: &Path, version: &str, settings: &CodegenSettings, after: &Path) -> Result<()> {
    let options = RunOptions { jobs: 0, check_examples: false };
    let fresh = graphdoc::regen_version(docs, version, options, settings)?;
    let same = cached.schema_json == fresh.schema_json
        && cached.operations_json == fresh.operations_json
        && cached.rust == fresh.rust
        && cached.rust_diagnostics == fresh.rust_diagnostics
        && cached.output.diagnostics == fresh.output.diagnostics;
    if !same {
        bail!("[{version}] after editing {}, the cached regen differs from an uncached one", after.display());
    }
    Ok(())
}

/// `text` with `sentence` appended to the last cell of the first row (or with `last_row`, the
/// last) of the first table in a section whose rows are properties or parameters; `None` when
/// there is none.
pub(crate) fn edit_row(text: &str, sentence: &str, last_row: bool) -> Option<String> {
    const SECTIONS: [&str; 6] =
        ["properties", "relationships", "request body", "query parameters", "path parameters", "function parameters"];
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // The rows of the first such table: (index of its first row, past its last).
    let (mut in_section, mut past_delimiter, mut rows) = (false, false, None::<(usize, usize)>);
    for (i, line) in lines.iter().enumerate() {
        let row = line.trim_end();
        if line.starts_with('#') {
            if rows.is_some() {
                break;
            }
            let heading = line.trim_start_matches('#').trim().to_ascii_lowercase();
            in_section = SECTIONS.contains(&heading.as_str());
            past_delimiter = false;
            continue;
        }
        let is_row = row.starts_with('|') && row.ends_with('|') && row.len() > 1;
        match rows.as_mut() {
            Some((_, end)) if is_row && *end == i => *end = i + 1,
            Some(_) => break,
            None if in_section && past_delimiter && is_row => rows = Some((i, i + 1)),
            None => past_delimiter |= in_section && is_delimiter(row),
        }
    }
    let (first, end) = rows?;
    let at = if last_row { end - 1 } else { first };
    let row = lines[at].trim_end();
    let mut out = String::with_capacity(text.len() + sentence.len() + 2);
    lines[..at].iter().for_each(|l| out.push_str(l));
    out.push_str(row[..row.len() - 1].trim_end());
    out.push_str(&format!(" {sentence} |\n"));
    lines[at + 1..].iter().for_each(|l| out.push_str(l));
    Some(out)
}

/// `text` with `sentence` appended to the description of the type a resource page documents:
/// the first paragraph after its `Namespace:` line (and any includes). `None` for other pages.
fn edit_description(text: &str, sentence: &str) -> Option<String> {
    if !text.contains("doc_type: resourcePageType") {
        return None;
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let namespace = lines.iter().position(|l| l.starts_with("Namespace:"))?;
    // Past blank lines and includes (`[!INCLUDE [beta-disclaimer](…)]`).
    let prose = |l: &&str| !l.trim().is_empty() && !l.starts_with("[!");
    let at = namespace + 1 + lines[namespace + 1..].iter().position(prose)?;
    let line = lines[at].trim_end();
    // Plain prose only: not a heading, table, list, quote, comment or fence.
    if line.starts_with(['#', '|', '<', '`', '-', '*', '>', '[']) || !line.ends_with('.') {
        return None;
    }
    let mut out = String::with_capacity(text.len() + sentence.len() + 2);
    lines[..at].iter().for_each(|l| out.push_str(l));
    out.push_str(&format!("{line} {sentence}\n"));
    lines[at + 1..].iter().for_each(|l| out.push_str(l));
    Some(out)
}

/// `|:---|---:|`: a table's delimiter row.
fn is_delimiter(row: &str) -> bool {
    row.starts_with('|') && row.contains('-') && row.chars().all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::{edit_description, edit_row};

    #[test]
    fn a_row_of_the_first_property_or_parameter_table_is_edited() {
        let page = "# x\n\n## Properties\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n| b | Int32 | B. |\n\n| c | d |\n|--|--|\n| e | f |\n";
        let first = edit_row(page, "Edited.", false).expect("a Properties table");
        assert_eq!(first, page.replace("| The id. |", "| The id. Edited. |"));
        let last = edit_row(page, "Edited.", true).expect("a Properties table");
        assert_eq!(last, page.replace("| B. |", "| B. Edited. |"));
        let body = "## Request body\n\n| Property | Type |\n|---|---|\n| a | String |";
        assert_eq!(
            edit_row(body, "E.", false).as_deref(),
            Some("## Request body\n\n| Property | Type |\n|---|---|\n| a | String E. |\n")
        );
        assert_eq!(edit_row("## Permissions\n| a | b |\n|---|---|\n| c | d |\n", "E.", false), None);
    }

    #[test]
    fn a_resource_pages_description_is_edited() {
        let page = "---\ndoc_type: resourcePageType\n---\n# x resource type\n\nNamespace: microsoft.graph\n\n[!INCLUDE [x](y.md)]\n\nA thing.\nMore.\n";
        let edited = edit_description(page, "Edited.").expect("a description");
        assert_eq!(edited, page.replace("A thing.\n", "A thing. Edited.\n"));
        assert_eq!(edit_description(&page.replace("A thing.", "| a |"), "E."), None);
        assert_eq!(edit_description(&page.replace("resourcePageType", "apiPageType"), "E."), None);
    }
}

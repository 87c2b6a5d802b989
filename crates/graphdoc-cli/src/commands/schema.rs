//! `graphdoc schema <DOCS> -o <DIR>`: the export. Writes the three contract files and
//! `types/<name>.schema.json` per type (see `graphdoc::export_files`), each atomically, then
//! removes type files a previous export wrote for types that no longer exist.

use super::{Context, run_docs, write_files};
use anyhow::Context as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(context: &Context, docs: &Path, out: &Path, deny_warnings: bool) -> anyhow::Result<ExitCode> {
    if out.is_file() {
        anyhow::bail!("{}: is a file; expected a folder to write the schema files into", out.display());
    }
    let run = run_docs(context, docs)?;
    let files: Vec<(PathBuf, String)> =
        graphdoc::export_files(&run.output).into_iter().map(|(rel, contents)| (out.join(rel), contents)).collect();
    write_files(&files)?;
    let removed = remove_stale_type_files(out, &files)?;
    let types = files.len() - 3;
    let mut status = format!("wrote {} files to {} ({types} type schemas)", files.len(), out.display());
    if removed > 0 {
        status.push_str(&format!("; removed {removed} stale type schemas"));
    }
    context.status(&status);
    let what = format!("schema: {} pages", run.output.pages);
    context.finish(&run.report, deny_warnings, Some(&run.root), &what)
}

/// `types/*.schema.json` files not written by this run. The `types/` folder belongs to the
/// export, so an old file there is a type the docs no longer define.
fn remove_stale_type_files(out: &Path, written: &[(PathBuf, String)]) -> anyhow::Result<usize> {
    let dir = out.join(graphdoc::TYPES_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(0) };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let is_type_file = path.to_string_lossy().ends_with(".schema.json") && path.is_file();
        if is_type_file && !written.iter().any(|(p, _)| *p == path) {
            std::fs::remove_file(&path).with_context(|| format!("removing stale {}", path.display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

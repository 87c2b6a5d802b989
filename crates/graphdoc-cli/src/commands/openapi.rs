//! `graphdoc openapi <DOCS> -o <FILE>`: OpenAPI 3.1 for one docs version folder (see
//! `graphdoc::openapi`), written atomically; the docs' diagnostics are reported as by `check`.

use super::{Context, run_docs, write_files};
use std::path::Path;
use std::process::ExitCode;

pub fn run(context: &Context, docs: &Path, out: &Path, deny_warnings: bool) -> anyhow::Result<ExitCode> {
    if out.is_dir() {
        anyhow::bail!("{}: is a folder; expected the path of the OpenAPI file to write", out.display());
    }
    let run = run_docs(context, docs)?;
    let document = graphdoc::openapi(&run.output.schema, &run.output.operations);
    write_files(&[(out.to_path_buf(), graphdoc::to_pretty_json(&document))])?;
    let paths = document["paths"].as_object().map_or(0, |p| p.len());
    let schemas = document["components"]["schemas"].as_object().map_or(0, |s| s.len());
    context.status(&format!("wrote {} ({paths} paths, {schemas} schemas)", out.display()));
    let what = format!("openapi: {} pages", run.output.pages);
    context.finish(&run.report, deny_warnings, Some(&run.root), &what)
}

//! `graphdoc check <DOCS>`: the docs' diagnostics, nothing written. Exit 1 on an error (or, with
//! `--deny-warnings`, a warning), so docs CI can gate on it.

use super::{Context, run_docs};
use std::path::Path;
use std::process::ExitCode;

pub fn run(context: &Context, docs: &Path, deny_warnings: bool) -> anyhow::Result<ExitCode> {
    let run = run_docs(context, docs)?;
    let what = format!("check: {} pages", run.output.pages);
    context.finish(&run.report, deny_warnings, Some(&run.root), &what)
}

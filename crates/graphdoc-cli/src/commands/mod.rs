//! The subcommands, one module each, and what they share: the global options, running the
//! docs pipeline with a progress bar, and printing a report with its exit code.

pub mod check;
pub mod generate;
pub mod lint;
pub mod openapi;
pub mod schema;

use crate::progress::Progress;
use crate::report::{Finding, Report, SourceLines};
use crate::style::Style;
use crate::{Args, EXIT_FINDINGS, Format};
use anyhow::Context as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The global options every subcommand sees.
pub struct Context {
    pub format: Format,
    pub quiet: bool,
    pub color: bool,
    /// Threads parsing pages; 0 for one per core.
    pub jobs: usize,
}

impl Context {
    pub fn new(args: &Args) -> Self {
        Context {
            format: args.format,
            quiet: args.quiet,
            color: Style::wanted(args.color),
            jobs: args.jobs.map_or(0, std::num::NonZeroUsize::get),
        }
    }

    /// A status line on stderr (`wrote 5 files to out/`), unless `--quiet`.
    pub fn status(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }

    /// Prints `report` on stdout, then the summary on stderr; the exit code follows from it.
    pub fn finish(
        &self,
        report: &Report,
        deny_warnings: bool,
        docs_root: Option<&Path>,
        what: &str,
    ) -> anyhow::Result<ExitCode> {
        let mut stdout = std::io::stdout().lock();
        report.print(&mut stdout, self.format, self.quiet, self.color, docs_root)?;
        stdout.flush()?;
        self.status(&format!("{what}: {}", report.summary()));
        Ok(if report.fails(deny_warnings) { ExitCode::from(EXIT_FINDINGS) } else { ExitCode::SUCCESS })
    }
}

/// The docs pipeline over a version folder, with a progress bar; the diagnostics as findings.
pub struct DocsRun {
    pub output: graphdoc::VersionOutput,
    /// The folder the diagnostics' file names are relative to.
    pub root: PathBuf,
    pub report: Report,
}

pub fn run_docs(context: &Context, docs: &Path) -> anyhow::Result<DocsRun> {
    if !docs.is_dir() {
        anyhow::bail!("{}: no such folder; expected a docs version folder such as docs-input/beta", docs.display());
    }
    let mut progress = Progress::new("reading docs", context.quiet);
    let options = graphdoc::RunOptions { jobs: context.jobs, ..graphdoc::RunOptions::default() };
    let output = graphdoc::schema_for_folder_with(docs, options, &mut |done, total| progress.update(done, total));
    progress.finish();
    let output = output.with_context(|| format!("reading docs from {}", docs.display()))?;
    let (root, _) = graphdoc::split_version_folder(docs)?;
    let mut lines = SourceLines::new(&root);
    let findings: Vec<Finding> = output.diagnostics.iter().map(|d| Finding::from_diagnostic(d, &mut lines)).collect();
    let mut report = Report { findings, ..Report::default() };
    report.facts.insert("pages".into(), output.pages.into());
    Ok(DocsRun { output, root, report })
}

/// Writes each (path, contents) atomically, naming the path on failure; then removes what an
/// earlier, killed run left half-written in those folders.
pub fn write_files(files: &[(PathBuf, String)]) -> anyhow::Result<()> {
    for (path, contents) in files {
        graphdoc::write_atomic(path, contents).with_context(|| format!("writing {}", path.display()))?;
    }
    let folders: std::collections::BTreeSet<&Path> = files.iter().filter_map(|(path, _)| path.parent()).collect();
    for folder in folders {
        graphdoc::sweep_stale_temporaries(folder);
    }
    Ok(())
}

/// Reads and parses a JSON file, naming it (and the line and column of a syntax error).
pub fn read_json(path: &Path, what: &str) -> anyhow::Result<serde_json::Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {what} {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{what} {} is not JSON", path.display()))
}

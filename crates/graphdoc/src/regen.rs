//! One version's whole regen: docs → `graph.schema.json`, `operations.json` and the Rust crate.

use crate::pipeline::{VersionRun, thread_count};
use crate::{Error, RunOptions, VersionOutput, run_version_with};
use graphdoc_codegen::{FormatCache, GeneratedFile, Settings};
use graphdoc_diagnostics::Diagnostic;
use std::path::Path;

/// What one version's regen makes.
#[derive(Debug, Clone)]
pub struct RegenOutput {
    /// The bundle, the operations index and the pipeline's diagnostics.
    pub output: VersionOutput,
    /// `graph.schema.json` as written.
    pub schema_json: String,
    /// `operations.json` as written.
    pub operations_json: String,
    /// The generated crate's source files.
    pub rust: Vec<GeneratedFile>,
    /// Code generation's own findings (GD0401).
    pub rust_diagnostics: Vec<Diagnostic>,
}

/// `<docs_root>/<version>/` through every stage, uncached (see [`crate::Regen`] for repeated
/// runs). The outputs are the same bytes as the stages' run one after another.
pub fn regen_version(
    docs_root: &Path,
    version: &str,
    options: RunOptions,
    settings: &Settings,
) -> Result<RegenOutput, Error> {
    let run = run_version_with(docs_root, version, options, &mut |_, _| {})?;
    Ok(finish(run, options, settings, None))
}

/// [`regen_version`] over each of `versions` in turn, handing each version's outputs to `each`
/// as they are done.
///
/// Unlike [`crate::run_versions`], the next version's pages are not read ahead: here they would
/// be held through this version's code generation, at the run's peak memory (20-30 MB more on
/// the corpus, close to the 300 MB the whole regen is held to).
pub fn regen_versions(
    docs_root: &Path,
    versions: &[String],
    options: RunOptions,
    settings: &Settings,
    each: &mut dyn FnMut(RegenOutput) -> Result<(), Error>,
) -> Result<(), Error> {
    let each_run = &mut |run| each(finish(run, options, settings, None));
    crate::pipeline::run_versions_reading_ahead(docs_root, versions, options, false, each_run)
}

/// The outputs of a version's run; code generation formats only what `cache` lacks, if given.
pub(crate) fn finish(
    run: VersionRun,
    options: RunOptions,
    settings: &Settings,
    cache: Option<&FormatCache>,
) -> RegenOutput {
    // The pages and the model go first, so that peak memory stays that of one stage.
    let output = run.into_output();
    let generate = |output: &VersionOutput| match cache {
        Some(cache) => graphdoc_codegen::generate_cached(&output.schema, Some(&output.operations), settings, cache),
        None => graphdoc_codegen::generate(&output.schema, Some(&output.operations), settings),
    };
    let json = |output: &VersionOutput| {
        (graphdoc_schema::to_pretty_json(&output.schema), graphdoc_schema::to_pretty_json(&output.operations))
    };
    // The JSON is written on a thread of its own beside code generation, which has serial
    // stretches for it to fill.
    let (generated, (schema_json, operations_json)) = if thread_count(options.jobs) > 1 {
        std::thread::scope(|scope| {
            let json = scope.spawn(|| json(&output));
            let generated = generate(&output);
            (generated, json.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    } else {
        (generate(&output), json(&output))
    };
    RegenOutput { schema_json, operations_json, rust: generated.files, rust_diagnostics: generated.diagnostics, output }
}

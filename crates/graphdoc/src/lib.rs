//! graphdoc: Microsoft Graph reference docs in, JSON Schema and Rust out.
//!
//! This crate is the front door the CLI, `cargo xtask` and `build.rs` scripts share. It owns
//! all file I/O; the stage crates it drives (parse, resolve, schema, codegen) take and return
//! values only.

mod build_script;
pub mod cache;
mod docs;
mod error;
mod export;
mod incremental;
mod json_span;
pub mod lint;
mod openapi;
mod pipeline;
mod regen;
mod run;
mod stats;
mod suggest;
mod write;

pub use docs::{DocsFile, read_version};
pub use error::Error;
pub use graphdoc_diagnostics::{Code, Diagnostic, Severity};
pub use incremental::Regen;
pub use pipeline::{Progress, RunOptions, VersionRun, run_version, run_version_cached, run_version_with, run_versions};
pub use regen::{RegenOutput, regen_version, regen_versions};
pub use stats::VersionStats;
pub use write::{sweep_stale_temporaries, write_atomic};

pub use build_script::{BuildError, BuildOutput, Builder};
pub use export::{TYPES_DIR, diagnostics_file, export_files, type_schemas};
pub use json_span::locate as locate_json_pointer;
pub use openapi::openapi;
pub use run::{schema_for_folder, schema_for_folder_with, split_version_folder};
pub use suggest::{distance as edit_distance, nearest as nearest_names};

use std::path::Path;

/// Everything the pipeline derives from one version folder.
#[derive(Debug, Clone)]
pub struct VersionOutput {
    pub version: String,
    /// `graph.schema.json`.
    pub schema: serde_json::Value,
    /// `operations.json`.
    pub operations: serde_json::Value,
    /// Every diagnostic, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
}

impl VersionOutput {
    /// `diagnostics.json`: one object per diagnostic (code, severity, file, line, column, message).
    pub fn diagnostics_json(&self) -> serde_json::Value {
        serde_json::to_value(&self.diagnostics).unwrap_or_default()
    }
}

/// Runs parse → resolve → schema over `<docs_root>/<version>/`.
pub fn schema_for_version(docs_root: &Path, version: &str) -> Result<VersionOutput, Error> {
    Ok(run_version(docs_root, version, &mut |_, _| {})?.into_output())
}

/// Rust types and validators for a schema bundle and its operations index.
pub fn rust_for_schema(
    schema: &serde_json::Value,
    operations: Option<&serde_json::Value>,
    settings: &graphdoc_codegen::Settings,
) -> graphdoc_codegen::Generated {
    graphdoc_codegen::generate(schema, operations, settings)
}

pub use graphdoc_codegen::{CrateOptions, Generated, GeneratedFile, Settings as CodegenSettings, crate_files_with};
pub use graphdoc_schema::{GENERATED_COMMENT, to_pretty_json};
pub use serde_json;

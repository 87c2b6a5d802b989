//! [`Builder`]: graphdoc as a build step. From a `build.rs`, it turns a docs version folder into
//! Rust in `OUT_DIR` and tells cargo to rerun when any input changes:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     graphdoc::Builder::new().docs("../../docs-input/beta").generate()?;
//!     Ok(())
//! }
//! ```
//!
//! ```text
//! // src/lib.rs: declares `pub mod graph` with the generated types and validators.
//! include!(concat!(env!("OUT_DIR"), "/graph.rs"));
//! ```
//!
//! The generated modules (`mod.rs`, `types.rs`, `validate.rs`, `support.rs`) go to
//! `OUT_DIR/graph/`; `OUT_DIR/graph.rs` is a one-line `#[path = "…/graph/mod.rs"] pub mod graph;`.
//! It is a module file rather than text to paste because the generated root has inner
//! attributes (`#![allow(…)]`), which `include!` cannot take.

use crate::{CodegenSettings, DocsFile, VersionOutput};
use std::path::{Path, PathBuf};

/// Why a build step failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    #[error("graphdoc::Builder: no docs folder given; call `.docs(\"path/to/docs/<version>\")`")]
    NoDocs,
    #[error("graphdoc::Builder: no output folder; call `.out_dir(…)` or run from a build script (OUT_DIR)")]
    NoOutDir,
    #[error("graphdoc::Builder: `{0}` is not a Rust identifier to name the module")]
    BadModuleName(String),
    #[error(transparent)]
    Io(#[from] crate::Error),
}

/// Configures and runs a build step; see the module documentation.
#[derive(Debug, Clone)]
pub struct Builder {
    docs: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    module: String,
    settings: CodegenSettings,
    emit_cargo_directives: bool,
}

/// What [`Builder::generate`] did.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    /// The file to `include!`.
    pub include_file: PathBuf,
    /// The pipeline's output: schema, operations and the docs' diagnostics.
    pub version: VersionOutput,
    /// Every file and folder read, as printed in `cargo:rerun-if-changed` lines.
    pub inputs: Vec<PathBuf>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            docs: None,
            out_dir: None,
            module: "graph".to_owned(),
            settings: CodegenSettings::default(),
            emit_cargo_directives: true,
        }
    }

    /// The docs version folder, holding `api/` and `resources/` (e.g. `docs-input/beta`).
    /// A relative path is relative to the build script's crate, as cargo runs build scripts there.
    pub fn docs(mut self, folder: impl Into<PathBuf>) -> Self {
        self.docs = Some(folder.into());
        self
    }

    /// Where to write; defaults to the `OUT_DIR` cargo gives build scripts.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The name of the module the include file declares; `graph` by default.
    pub fn module(mut self, name: impl Into<String>) -> Self {
        self.module = name.into();
        self
    }

    pub fn settings(mut self, settings: CodegenSettings) -> Self {
        self.settings = settings;
        self
    }

    /// Whether to print `cargo:` lines (rerun-if-changed, warnings); on by default. Off is for
    /// calling the builder outside a build script.
    pub fn cargo_directives(mut self, on: bool) -> Self {
        self.emit_cargo_directives = on;
        self
    }

    /// Runs the pipeline and writes the Rust. Files are written atomically and only when their
    /// bytes change, so cargo does not rebuild the crate for an unchanged schema.
    pub fn generate(self) -> Result<BuildOutput, BuildError> {
        let docs = self.docs.clone().ok_or(BuildError::NoDocs)?;
        let out_dir = self
            .out_dir
            .clone()
            .or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from))
            .ok_or(BuildError::NoOutDir)?;
        if !is_identifier(&self.module) {
            return Err(BuildError::BadModuleName(self.module));
        }
        let (root, version) = crate::split_version_folder(&docs)?;
        let files = crate::read_version(&root, &version)?;
        let inputs = inputs(&docs, &files);
        if self.emit_cargo_directives {
            for input in &inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
        }
        // The pipeline reads the pages again; the listing above is for cargo, and reading a
        // version folder twice costs little next to parsing it.
        let output = crate::run_version(&root, &version, &mut |_, _| {})?.into_output();
        let generated = crate::rust_for_schema(&output.schema, Some(&output.operations), &self.settings);
        if self.emit_cargo_directives {
            // Errors in the docs (an unreadable page) surface as build warnings; warnings would
            // drown a build's output, so they are counted only.
            for d in output.diagnostics.iter().filter(|d| d.severity == crate::Severity::Error) {
                println!("cargo:warning={d}");
            }
        }

        let module_dir = out_dir.join(&self.module);
        for file in &generated.files {
            let name = if file.path == "lib.rs" { "mod.rs" } else { file.path.as_str() };
            write_if_changed(&module_dir.join(name), &file.contents)?;
        }
        let include_file = out_dir.join(format!("{}.rs", self.module));
        let mod_rs = module_dir.join("mod.rs");
        // `{:?}` writes the path as an escaped Rust string literal (backslashes on Windows).
        let include = format!(
            "// Generated by graphdoc::Builder from {}; do not edit.\n#[path = {:?}]\npub mod {};\n",
            docs.display(),
            mod_rs.display().to_string(),
            self.module
        );
        write_if_changed(&include_file, &include)?;
        Ok(BuildOutput { include_file, version: output, inputs })
    }
}

/// The version folder, its `api/` and `resources/` (so added pages trigger a rerun) and every
/// page read.
fn inputs(docs: &Path, files: &[DocsFile]) -> Vec<PathBuf> {
    let mut inputs = vec![docs.to_path_buf()];
    inputs.extend(["api", "resources"].iter().map(|f| docs.join(f)).filter(|p| p.is_dir()));
    inputs.extend(files.iter().map(|f| f.path.clone()));
    inputs
}

fn write_if_changed(path: &Path, contents: &str) -> Result<(), crate::Error> {
    if std::fs::read_to_string(path).is_ok_and(|current| current == contents) {
        return Ok(());
    }
    crate::write_atomic(path, contents)
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_modules_and_an_include_file_and_lists_every_input() {
        let out = tempfile::tempdir().expect("temp dir");
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input/beta");
        let built = Builder::new().docs(&docs).out_dir(out.path()).cargo_directives(false).generate().expect("builds");
        for name in ["mod.rs", "types.rs", "validate.rs", "support.rs"] {
            assert!(out.path().join("graph").join(name).is_file(), "{name}");
        }
        let include = std::fs::read_to_string(&built.include_file).expect("include file");
        assert!(include.contains("pub mod graph;"), "{include}");
        assert!(built.inputs.contains(&docs.join("api")));
        assert!(built.inputs.contains(&docs.join("resources/crosstenantusersyncinbound.md")));
        assert_eq!(built.inputs.len(), 3 + built.version.pages);
    }

    #[test]
    fn missing_settings_are_errors_not_panics() {
        let err = Builder::new().out_dir("x").generate().expect_err("no docs");
        assert!(matches!(err, BuildError::NoDocs), "{err}");
        let err = Builder::new().docs("x").out_dir("y").module("not a name").generate().expect_err("bad module");
        assert!(err.to_string().contains("not a name"), "{err}");
    }
}

//! Turns graphdoc's JSON Schema bundle (`graph.schema.json`) and operations index
//! (`operations.json`) into the source of a Rust crate: serde types for every `$defs` entry and
//! validators that report every violation with a JSON pointer and the doc line behind the rule.
//!
//! [`generate`] returns file contents and never writes files (the caller, e.g. `cargo xtask
//! regen`, decides where they go). It reads JSON Schema only, never parser types; it does not
//! fail or panic on any input: what it cannot express becomes `serde_json::Value` (types) or
//! goes unchecked (validators), with a GD0401 diagnostic naming the construct. The same input
//! gives the same bytes: `$defs` and operations are visited in sorted order and every file is
//! formatted with prettyplease.
//!
//! The generated crate depends on `serde` (with `derive`) and `serde_json` only.

mod emit;
mod names;
mod schema_view;
pub mod support;
mod types;
mod validators;

use graphdoc_diagnostics::Diagnostic;
use quote::quote;

/// The source of the generated crate's `support.rs`, identical to this crate's [`support`]
/// module apart from the generated-file header.
pub const SUPPORT_RS: &str = include_str!("support.rs");

/// Options for [`generate`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Settings {
    /// The first line of the generated crate's documentation; `None` takes the bundle's `title`.
    pub title: Option<String>,
    /// The bundle's file name. Diagnostics about the bundle name this file, and operations.json
    /// writes it in front of its `$ref`s (`graph.schema.json#/$defs/…`).
    pub schema_file: String,
    /// The operations index's file name, for diagnostics about it.
    pub operations_file: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: None,
            schema_file: "graph.schema.json".to_owned(),
            operations_file: "operations.json".to_owned(),
        }
    }
}

impl Settings {
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    pub fn with_schema_file(mut self, schema_file: impl Into<String>) -> Self {
        self.schema_file = schema_file.into();
        self
    }

    pub fn with_operations_file(mut self, operations_file: impl Into<String>) -> Self {
        self.operations_file = operations_file.into();
        self
    }
}

/// What [`generate`] produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// `lib.rs`, `support.rs`, `types.rs`, `validate.rs`, in that order.
    pub files: Vec<GeneratedFile>,
    /// GD0401 findings, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// One source file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the generated crate's `src/`, e.g. `lib.rs`.
    pub path: String,
    pub contents: String,
}

/// Generates the crate for `bundle` (and, when given, request-body validators for each operation
/// in `operations` that has a request body).
pub fn generate(bundle: &serde_json::Value, operations: Option<&serde_json::Value>, settings: &Settings) -> Generated {
    let mut diagnostics = Vec::new();
    let model =
        schema_view::read(bundle, operations, &settings.schema_file, &settings.operations_file, &mut diagnostics);
    let type_names = names::type_names(model.defs.iter().map(|d| d.name.as_str()));

    let title =
        settings.title.clone().or_else(|| model.title.clone()).unwrap_or_else(|| "Microsoft Graph types".to_owned());
    let types = types::emit(&model, &type_names, &settings.schema_file, &mut diagnostics);
    let validate = validators::emit(&model, &type_names, &settings.schema_file, &mut diagnostics);

    let mut files = Vec::new();
    let mut add = |path: &str, contents: String| files.push(GeneratedFile { path: path.to_owned(), contents });
    add("lib.rs", lib_rs(&title, &mut diagnostics));
    add("support.rs", format!("//!{}\n{SUPPORT_RS}", emit::HEADER));
    add("types.rs", emit::format_file("types.rs", types, &mut diagnostics));
    add("validate.rs", emit::format_file("validate.rs", validate, &mut diagnostics));

    graphdoc_diagnostics::sort(&mut diagnostics);
    diagnostics.dedup();
    Generated { files, diagnostics }
}

/// The generated `lib.rs`. The `allow`s get their reasons as comments after formatting, since
/// comments do not survive as tokens.
fn lib_rs(title: &str, diagnostics: &mut Vec<Diagnostic>) -> String {
    let header = emit::file_docs(&[
        title,
        "Types for the schema's `$defs` are in [`types`]; validators, which report every violation with a JSON pointer and the doc line that set the rule, are in [`validate`] and re-exported here.",
    ]);
    let tokens = quote! {
        #header
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
        #![allow(clippy::enum_variant_names)]

        /// Runtime helpers the validators call (public, so helpers a schema does not need are not
        /// dead code).
        pub mod support;
        pub mod types;
        pub mod validate;

        pub use support::{Rule, Violation};
        pub use validate::*;
    };
    let text = emit::format_file("lib.rs", tokens, diagnostics);
    let reasons = [
        "// Descriptions are copied from the docs, whose Markdown rustdoc does not always accept.\n",
        "// Enum variants are the docs' member names, which often share a prefix or suffix.\n",
    ];
    let mut pieces = text.split("#![allow(");
    let mut out = pieces.next().unwrap_or_default().to_owned();
    for (i, piece) in pieces.enumerate() {
        out.push_str(reasons.get(i).copied().unwrap_or_default());
        out.push_str("#![allow(");
        out.push_str(piece);
    }
    out
}

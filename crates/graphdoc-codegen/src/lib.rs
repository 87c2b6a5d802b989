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
//! The generated crate depends on `serde` and `serde_json` only. [`crate_files`] wraps the
//! output in a standalone crate (a `Cargo.toml` plus `src/`).

mod cache;
mod emit;
mod enums;
mod fingerprint;
mod kinds;
mod layout;
mod memo;
mod names;
mod parallel;
mod patch;
mod requests;
mod schema_view;
pub mod support;
mod text;
mod types;
mod validators;

pub use cache::FormatCache;
pub use fingerprint::GENERATOR_SOURCES;
use graphdoc_diagnostics::Diagnostic;
pub use layout::CargoFeature;
use quote::quote;
pub use validators::ValidatorTables;

/// The source of the generated crate's `support.rs`, identical to this crate's [`support`]
/// module apart from the generated-file header.
pub const SUPPORT_RS: &str = include_str!("support.rs");

/// The source of the generated crate's `serde_support.rs` (the helpers its types' serde impls
/// call), apart from the generated-file header. It is compiled only in generated crates.
pub const SERDE_SUPPORT_RS: &str = include_str!("../runtime/serde_support.rs");

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
    /// Gate each namespace module (and the fields, variants and request bodies that use its
    /// types) behind a cargo feature; [`Generated::features`] lists them. Off by default,
    /// since a crate mounted elsewhere (like `graph-beta`) does not declare the features.
    pub namespace_features: bool,
    /// Threads that emit and format code; 0 (the default) uses every core. The output is the
    /// same bytes for any number.
    pub jobs: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: None,
            schema_file: "graph.schema.json".to_owned(),
            operations_file: "operations.json".to_owned(),
            namespace_features: false,
            jobs: 0,
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

    pub fn with_namespace_features(mut self, namespace_features: bool) -> Self {
        self.namespace_features = namespace_features;
        self
    }

    pub fn with_jobs(mut self, jobs: usize) -> Self {
        self.jobs = jobs;
        self
    }
}

/// What [`generate`] produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// `lib.rs`, `support.rs`, `serde_support.rs`, `types.rs`, the namespace modules
    /// (`types/<module path>.rs`), `requests.rs` (when an operation has a body), `validate.rs`.
    pub files: Vec<GeneratedFile>,
    /// GD0401 findings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The cargo features the code is gated on, one per namespace module; empty unless
    /// [`Settings::namespace_features`] is on.
    pub features: Vec<CargoFeature>,
}

/// One source file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the generated crate's `src/`, e.g. `lib.rs` or `types/call_records.rs`.
    pub path: String,
    pub contents: String,
}

/// The validator tables alone (what the generated `validate.rs` holds), for interpreting with
/// [`support::Program`] without compiling a crate. Diagnostics are those [`generate`] gives.
pub fn validator_tables(
    bundle: &serde_json::Value,
    operations: Option<&serde_json::Value>,
    settings: &Settings,
) -> (ValidatorTables, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let model = schema_view::read(bundle, operations, settings, None, &mut diagnostics);
    let tables = validators::tables(&model, &settings.schema_file, &mut diagnostics);
    graphdoc_diagnostics::sort(&mut diagnostics);
    (tables, diagnostics)
}

/// Generates the crate for `bundle` (and, when given, request-body types and validators for
/// each operation in `operations` that has a request body).
pub fn generate(bundle: &serde_json::Value, operations: Option<&serde_json::Value>, settings: &Settings) -> Generated {
    generate_inner(bundle, operations, settings, None)
}

/// [`generate`], formatting only the items `cache` does not hold from earlier runs (and
/// leaving this run's there). The output is the same bytes as without the cache.
pub fn generate_cached(
    bundle: &serde_json::Value,
    operations: Option<&serde_json::Value>,
    settings: &Settings,
    cache: &FormatCache,
) -> Generated {
    cache.begin_run();
    generate_inner(bundle, operations, settings, Some(cache))
}

fn generate_inner(
    bundle: &serde_json::Value,
    operations: Option<&serde_json::Value>,
    settings: &Settings,
    cache: Option<&FormatCache>,
) -> Generated {
    let mut diagnostics = Vec::new();
    let model = schema_view::read(bundle, operations, settings, cache, &mut diagnostics);
    let layout = layout::Layout::new(model.defs.iter().map(|d| d.name.as_str()));

    let title =
        settings.title.clone().or_else(|| model.title.clone()).unwrap_or_else(|| "Microsoft Graph types".to_owned());
    // validate.rs is written on one thread (its nodes are numbered in the order they are met),
    // so it is written beside the types and request bodies, which share the other threads.
    // Kept whole between cached runs: prose, the usual edit, never reaches it.
    let validators = |diagnostics: &mut Vec<Diagnostic>| {
        let key = cache.map(|_| memo::validators_key(&model, &settings.schema_file, settings.jobs));
        let made = memo::memoized(cache, key, || {
            let mut found = Vec::new();
            (validators::emit(&model, &settings.schema_file, cache, &mut found), found)
        });
        diagnostics.extend(made.1.iter().cloned());
        made.0.clone()
    };
    let (type_files, requests, validate, keys, names) = std::thread::scope(|scope| {
        let beside = (settings.jobs != 1).then(|| {
            scope.spawn(move || {
                let mut found = Vec::new();
                (validators(&mut found), found)
            })
        });
        // Whole items are kept between cached runs under keys of what they are written from.
        let keys = cache.map(|_| memo::ItemKeys::new(&model, settings));
        let type_context = types::TypeContext::new(&model, &layout, settings, cache, keys.as_ref());
        let type_files = types::emit(&model, &type_context, settings, &mut diagnostics);
        let requests = requests::emit(&model, &type_context, &mut diagnostics);
        let validate = match beside {
            Some(thread) => {
                // A panic there is a generator bug; re-raise it rather than lose the file.
                let (validate, found) = thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                diagnostics.extend(found);
                validate
            }
            None => validators(&mut diagnostics),
        };
        let names = type_context.into_names();
        (type_files, requests, validate, keys, names)
    });

    let mut files = Vec::new();
    files.push(GeneratedFile {
        path: "lib.rs".to_owned(),
        contents: lib_rs(&title, requests.is_some(), &mut diagnostics),
    });
    files.push(GeneratedFile { path: "support.rs".to_owned(), contents: format!("//!{}\n{SUPPORT_RS}", emit::HEADER) });
    files.push(GeneratedFile {
        path: "serde_support.rs".to_owned(),
        contents: format!("//!{}\n{SERDE_SUPPORT_RS}", emit::HEADER),
    });
    let types_offset = files.len();
    files.extend(type_files.files);
    let requests = requests.map(|(file, lengths)| {
        files.push(file);
        (files.len() - 1, lengths)
    });
    let requests_file = requests.as_ref().map(|(file, _)| *file);
    files.push(GeneratedFile { path: "validate.rs".to_owned(), contents: validate });

    let features =
        if settings.namespace_features { layout::cargo_features(&layout, &type_files.hard_edges) } else { Vec::new() };
    graphdoc_diagnostics::sort(&mut diagnostics);
    diagnostics.dedup();
    if let (Some(cache), Some(keys)) = (cache, keys) {
        // File indexes among all the files, not the `types` tree's alone.
        let mut pieces = type_files.pieces;
        pieces.lengths = pieces.lengths.into_iter().map(|(file, lengths)| (file + types_offset, lengths)).collect();
        for (file, _) in pieces.slots.iter_mut().flatten() {
            *file += types_offset;
        }
        pieces.lengths.extend(requests);
        let def_names = model.defs.iter().map(|d| d.name.clone()).collect();
        cache.put_last_run(patch::LastRun {
            settings: settings.clone(),
            model,
            def_names,
            layout,
            keys,
            names,
            file_count: files.len(),
            pieces,
            requests: requests_file,
            diagnostics: diagnostics.clone(),
        });
    }
    Generated { files, diagnostics, features }
}

/// After an edit that changed only the prose (descriptions, titles) of the `$defs` entries
/// `defs` and of the operations at `changed_operations` (indexes into `operations`'s list) in
/// the bundle and index last given to [`generate_cached`] with `cache`, rewrites in `files`,
/// that run's files, only the items the prose reaches, and returns the diagnostics (the same
/// as that run's). The result is the bytes [`generate`] gives. `None`, with `files` unchanged,
/// when the edit was not prose only or `files` are not that run's: call [`generate_cached`].
pub fn patch_prose(
    files: &mut [GeneratedFile],
    bundle: &serde_json::Value,
    operations: Option<&serde_json::Value>,
    settings: &Settings,
    cache: &FormatCache,
    defs: &[&str],
    changed_operations: &[usize],
) -> Option<Vec<Diagnostic>> {
    patch::patch_prose(files, bundle, operations, settings, cache, defs, changed_operations)
}

/// The `[features]` table for a crate generated with [`Settings::namespace_features`]: a
/// feature per namespace module, `all` enabling every one, and `default = ["all"]`.
pub fn features_table(generated: &Generated) -> String {
    let quoted =
        |names: &mut dyn Iterator<Item = &str>| names.map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    let mut out = String::from("[features]\ndefault = [\"all\"]\n");
    out.push_str(&format!("all = [{}]\n", quoted(&mut generated.features.iter().map(|f| f.name.as_str()))));
    for feature in &generated.features {
        out.push_str(&format!("# {}\n", feature.namespaces.join(", ")));
        out.push_str(&format!("{} = [{}]\n", feature.name, quoted(&mut feature.depends_on.iter().map(String::as_str))));
    }
    out
}

/// A complete standalone crate around `generated`: `Cargo.toml` (with the serde and serde_json
/// dependencies the code needs, and [`features_table`] when it has features) and every file
/// under `src/`. Paths are relative to the crate's folder; nothing is written.
pub fn crate_files(generated: &Generated, crate_name: &str) -> Vec<GeneratedFile> {
    crate_files_with(generated, &CrateOptions::new(crate_name))
}

/// How [`crate_files_with`] writes the crate's manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CrateOptions {
    /// The package name; characters Cargo does not allow become `-`.
    pub name: String,
    /// The package description, if any.
    pub description: Option<String>,
    /// Add an empty `[workspace]` table, so the crate builds wherever it is written rather than
    /// joining an enclosing workspace.
    pub own_workspace: bool,
}

impl CrateOptions {
    pub fn new(name: impl Into<String>) -> Self {
        CrateOptions { name: name.into(), description: None, own_workspace: false }
    }

    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    pub fn with_own_workspace(mut self, own_workspace: bool) -> Self {
        self.own_workspace = own_workspace;
        self
    }
}

/// [`crate_files`] with the manifest as `options` say.
pub fn crate_files_with(generated: &Generated, options: &CrateOptions) -> Vec<GeneratedFile> {
    let name: String =
        options.name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    let mut manifest = format!("# {}\n[package]\nname = \"{name}\"\n", emit::HEADER.trim());
    if let Some(description) = &options.description {
        // A TOML basic string: backslashes and quotes escaped, control characters dropped.
        let escaped: String = description
            .chars()
            .filter(|c| !c.is_control())
            .flat_map(|c| match c {
                '\\' | '"' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        manifest.push_str(&format!("description = \"{escaped}\"\n"));
    }
    manifest.push_str("version = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n");
    if options.own_workspace {
        manifest.push_str(
            "# A workspace of its own, so the crate builds wherever it is written. Remove this table to\n\
             # make the crate a member of an enclosing workspace.\n[workspace]\n\n",
        );
    }
    manifest.push_str("[dependencies]\nprefetch-index = \"0.2.1\"\nserde = \"1.0.200\"\nserde_json = \"1.0.120\"\n");
    if !generated.features.is_empty() {
        manifest.push('\n');
        manifest.push_str(&features_table(generated));
    }
    let mut files = vec![GeneratedFile { path: "Cargo.toml".to_owned(), contents: manifest }];
    files.extend(
        generated.files.iter().map(|f| GeneratedFile { path: format!("src/{}", f.path), contents: f.contents.clone() }),
    );
    files
}

/// The source of a module that lists, for every `$defs` type and every request-body type of
/// the crate [`generate`] makes from the same input, a function reading a JSON value into that
/// type and writing it back: `TYPES: &[(qualified name, RoundTrip)]` and
/// `REQUEST_BODIES: &[(method, path, RoundTrip)]`. It names the types as `super::types::…` and
/// `super::requests::…`, so mount it in a test or example whose root has
/// `use <generated crate>::{types, requests};` (with every namespace feature on).
pub fn round_trip_table(
    bundle: &serde_json::Value,
    operations: Option<&serde_json::Value>,
    settings: &Settings,
) -> String {
    let mut diagnostics = Vec::new();
    let model = schema_view::read(bundle, operations, settings, None, &mut diagnostics);
    let layout = layout::Layout::new(model.defs.iter().map(|d| d.name.as_str()));
    let from = vec!["round_trip".to_owned()];
    let types = model.defs.iter().map(|def| {
        let path = layout.type_path(&from, &def.name, layout.local_name(&def.name));
        let name = &def.name;
        quote! { (#name, round_trip::<#path>), }
    });
    let bodies = model.operations.iter().zip(requests::body_names(&model)).map(|(operation, name)| {
        let (method, path, name) = (&operation.method, &operation.path, names::ident(&name));
        quote! { (#method, #path, round_trip::<super::requests::#name>), }
    });
    let tokens = quote! {
        //! Round-trip functions for every generated type, for tests.
        use serde_json::Value;

        /// Reads a JSON value into a generated type and writes it back.
        pub type RoundTrip = fn(&Value) -> Result<Value, String>;

        fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: &Value) -> Result<Value, String> {
            let typed: T = serde_json::from_value(value.clone()).map_err(|e| format!("deserializing: {e}"))?;
            serde_json::to_value(&typed).map_err(|e| format!("serializing: {e}"))
        }

        /// Every `$defs` type, by qualified name.
        pub static TYPES: &[(&str, RoundTrip)] = &[#(#types)*];

        /// Every request-body type, by method and path.
        pub static REQUEST_BODIES: &[(&str, &str, RoundTrip)] = &[#(#bodies)*];
    };
    emit::format_file("round_trip.rs", tokens, &mut diagnostics)
}

/// The generated `lib.rs`. The `allow`s get their reasons as comments after formatting, since
/// comments do not survive as tokens.
fn lib_rs(title: &str, has_requests: bool, diagnostics: &mut Vec<Diagnostic>) -> String {
    let header = emit::file_docs(&[
        title,
        "Types for the schema's `$defs` are in [`types`] (a module per namespace), request-body types in `requests`; validators, which report every violation with a JSON pointer and the doc line that set the rule, are in [`validate`] and re-exported here.",
    ]);
    let requests = if has_requests {
        quote!(
            pub mod requests;
        )
    } else {
        quote!()
    };
    let tokens = quote! {
        #header
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
        #![allow(clippy::enum_variant_names)]

        /// Runtime helpers the validators call (public, so helpers a schema does not need are not
        /// dead code).
        pub mod support;
        #[doc(hidden)]
        pub mod serde_support;
        pub mod types;
        #requests
        pub mod validate;

        pub use serde_support::Link;
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

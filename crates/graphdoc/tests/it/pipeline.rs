//! docs → schema → Rust, on docs-input and on small fixture trees.

use graphdoc::{Code, CodegenSettings, Severity, rust_for_schema, schema_for_version};
use std::path::{Path, PathBuf};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The generated Rust for docs-input/beta, one snapshot per file.
#[test]
fn generated_rust_for_docs_input() {
    let out = schema_for_version(&manifest_dir().join("../../docs-input"), "beta").expect("docs-input reads");
    let generated = rust_for_schema(&out.schema, Some(&out.operations), &CodegenSettings::default());
    assert!(generated.diagnostics.is_empty(), "{:#?}", generated.diagnostics);
    // support.rs and serde_support.rs are the runtime copied verbatim from graphdoc-codegen; its
    // own tests cover them.
    for file in generated.files.iter().filter(|f| !f.path.ends_with("support.rs")) {
        insta::assert_snapshot!(format!("docs_input_beta_{}", file.path.replace('/', "__")), file.contents);
    }
}

/// The founding page's TODO placeholders are warnings at their lines, and nothing else is.
#[test]
fn docs_input_diagnostics_are_the_todo_placeholders() {
    let out = schema_for_version(&manifest_dir().join("../../docs-input"), "beta").expect("docs-input reads");
    let rendered: Vec<String> = out.diagnostics.iter().map(ToString::to_string).collect();
    insta::assert_debug_snapshot!(rendered);
    assert!(out.diagnostics.iter().all(|d| d.code == Code::TodoPlaceholder && d.severity == Severity::Warning));
    let lines: Vec<u32> = out.diagnostics.iter().map(|d| d.loc.line).collect();
    assert_eq!(lines, [22, 23, 24, 47, 51, 52, 53]);
}

/// A link to a page that does not exist: a warning, a permissive placeholder schema, and Rust
/// that still generates, with the property typed as any JSON value.
#[test]
fn a_dangling_type_link_degrades_to_a_permissive_schema() {
    let root = manifest_dir().join("tests/fixtures/dangling-link");
    let out = schema_for_version(&root, "beta").expect("fixture reads");
    let warning = out.diagnostics.iter().find(|d| d.code == Code::UnresolvedTypeLink).expect("GD0201");
    assert_eq!(warning.loc.to_string(), "beta/resources/holder.md:17:2");
    assert_eq!(warning.severity, Severity::Warning);

    let placeholder = &out.schema["$defs"]["microsoft.graph.vanishedThing"];
    assert_eq!(placeholder["x-graph-unresolved"], true);
    let holder_thing = &out.schema["$defs"]["microsoft.graph.holder"]["properties"]["thing"];
    assert_eq!(holder_thing["anyOf"][0]["$ref"], "#/$defs/microsoft.graph.vanishedThing");

    // Permissive: anything validates against the placeholder.
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&serde_json::json!({"$defs": out.schema["$defs"].clone(), "$ref": "#/$defs/microsoft.graph.holder"}))
        .expect("bundle compiles");
    for thing in [serde_json::json!(1), serde_json::json!("x"), serde_json::json!({"a": [1]})] {
        assert!(validator.is_valid(&serde_json::json!({"thing": thing})));
    }

    let generated = rust_for_schema(&out.schema, Some(&out.operations), &CodegenSettings::default());
    let types = generated.files.iter().find(|f| f.path == "types/graph.rs").expect("types/graph.rs");
    assert!(types.contents.contains("pub type VanishedThing = serde_json::Value;"), "{}", types.contents);
}

#[test]
fn a_folder_without_api_or_resources_is_an_error_naming_it() {
    let err = schema_for_version(Path::new(env!("CARGO_MANIFEST_DIR")), "src").expect_err("not a docs folder");
    assert!(err.to_string().contains("is not a docs version folder"), "{err}");
}

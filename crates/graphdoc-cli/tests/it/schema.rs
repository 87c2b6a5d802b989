//! `graphdoc schema`: the export equals what `cargo xtask regen` commits, per-type files load
//! on their own with the bundle beside them, and bad input leaves nothing behind.

use crate::support::{beta_docs, beta_export, files_below, graphdoc, stderr_of, workspace};
use serde_json::{Value, json};

#[test]
fn the_export_matches_the_committed_schemas_and_adds_type_files() {
    let (_tmp, out) = beta_export();
    for name in ["graph.schema.json", "operations.json", "diagnostics.json"] {
        let ours = std::fs::read_to_string(out.join(name)).expect("written");
        let committed = std::fs::read_to_string(workspace().join("schemas/beta").join(name)).expect("committed");
        assert_eq!(ours, committed.replace("\r\n", "\n"), "{name} differs from schemas/beta/{name}");
    }
    assert_eq!(
        files_below(&out),
        [
            "diagnostics.json",
            "graph.schema.json",
            "operations.json",
            "types/microsoft.graph.crossTenantIdentitySyncPolicyPartner.schema.json",
            "types/microsoft.graph.crossTenantUserSyncInbound.schema.json",
        ]
    );
}

/// A type file, loaded from its own location, validates through `../graph.schema.json`.
#[test]
fn a_type_file_validates_with_the_bundle_at_its_relative_location() {
    let (_tmp, out) = beta_export();
    let read = |rel: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(out.join(rel)).expect("file")).expect("JSON")
    };
    let type_file = read("types/microsoft.graph.crossTenantUserSyncInbound.schema.json");
    assert_eq!(type_file["$id"], "microsoft.graph.crossTenantUserSyncInbound.schema.json");
    let base = "file:///export/beta/";
    let registry = jsonschema::Registry::new()
        .add(format!("{base}graph.schema.json"), read("graph.schema.json"))
        .expect("bundle registers")
        .prepare()
        .expect("registry prepares");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .with_registry(&registry)
        .with_base_uri(format!("{base}types/microsoft.graph.crossTenantUserSyncInbound.schema.json"))
        .build(&type_file)
        .expect("the type file compiles");
    assert!(validator.is_valid(&json!({"isSyncAllowed": true})));
    assert!(!validator.is_valid(&json!({"isSyncAllowed": "yes"})));
}

#[test]
fn a_second_export_removes_type_files_of_vanished_types_only() {
    let (_tmp, out) = beta_export();
    let stale = out.join("types/microsoft.graph.gone.schema.json");
    std::fs::write(&stale, "{}").expect("seed a stale type file");
    std::fs::write(out.join("types/notes.txt"), "mine").expect("seed a foreign file");
    let output = graphdoc().arg("schema").arg(beta_docs()).arg("-o").arg(&out).output().expect("runs");
    assert!(output.status.success());
    assert!(!stale.exists());
    assert!(out.join("types/notes.txt").exists(), "only *.schema.json files are the export's");
    assert!(stderr_of(&output).contains("removed 1 stale type schemas"), "{}", stderr_of(&output));
}

#[test]
fn not_a_docs_folder_exits_two_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let docs = tmp.path().join("notdocs");
    std::fs::create_dir_all(docs.join("misc")).expect("mkdir");
    let out = tmp.path().join("out");
    let output = graphdoc().arg("schema").arg(&docs).arg("-o").arg(&out).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("is not a docs version folder: expected `api/` or `resources/` inside it"));
    assert!(!out.exists(), "no output folder for a run that could not start");
}

#[test]
fn an_output_path_that_is_a_file_exits_two() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("file");
    std::fs::write(&out, "keep").expect("seed");
    let output = graphdoc().arg("schema").arg(beta_docs()).arg("-o").arg(&out).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("is a file"), "{}", stderr_of(&output));
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), "keep");
}

#[test]
fn missing_arguments_are_usage_errors() {
    let output = graphdoc().arg("schema").arg(beta_docs()).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("--out <DIR>"), "{}", stderr_of(&output));
}

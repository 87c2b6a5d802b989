//! The whole variant fixture tree (graphdoc-parse's tests/fixtures/variants) through the
//! pipeline: the bundle, the operations index and the diagnostics, snapshotted, plus checks of
//! the behaviours that matter most.

use graphdoc::{Code, VersionOutput, VersionStats, run_version, schema_for_version};
use serde_json::json;
use std::path::PathBuf;

fn variants_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../graphdoc-parse/tests/fixtures/variants")
}

fn output() -> VersionOutput {
    schema_for_version(&variants_root(), "beta").expect("variant fixtures read")
}

#[test]
fn variants_bundle() {
    insta::assert_json_snapshot!(output().schema);
}

#[test]
fn variants_operations() {
    insta::assert_json_snapshot!(output().operations);
}

#[test]
fn variants_diagnostics() {
    let rendered: Vec<String> = output().diagnostics.iter().map(ToString::to_string).collect();
    insta::assert_debug_snapshot!(rendered);
}

/// Enums from every place the docs put them: an enum page, an enumTypes page, enums.md (with a
/// duplicate whose members are merged), a resource page's values section, a flags enum.
#[test]
fn enums_become_enum_defs_with_their_members() {
    let defs = &output().schema["$defs"];
    let members = |name: &str| defs[name]["enum"].clone();
    assert_eq!(members("microsoft.graph.gearState"), json!(["parked", "low", "high", "unknownFutureValue"]));
    assert_eq!(members("microsoft.graph.pieceShape"), json!(["round", "square", "unknownFutureValue"]));
    assert_eq!(members("microsoft.graph.lampColor"), json!(["red", "amber", "green", "blue"]));
    assert_eq!(members("microsoft.graph.lampBrand"), json!(["acme", "other"]));
    assert_eq!(members("microsoft.graph.lampPower"), json!(["off", "on"]));
    assert_eq!(members("microsoft.graph.moodKind"), json!(["calm", "busy"]));
    assert_eq!(members("microsoft.graph.toneKind"), json!(["warm", "cool"]));
    assert_eq!(members("microsoft.graph.termStore.labelScope"), json!(["local", "global"]));
    assert_eq!(defs["microsoft.graph.gearState"]["x-graph-kind"], "enumType");
    assert_eq!(defs["microsoft.graph.accessRights"]["x-graph-flags"], true);
    assert!(defs["microsoft.graph.gearState"].get("x-graph-flags").is_none());
    // The in-page anchor `[toneKind](#tonekind-values)` and the bare `gearState enum` resolve.
    assert_eq!(
        defs["microsoft.graph.anchorCells"]["properties"]["tone"]["anyOf"][0]["$ref"],
        "#/$defs/microsoft.graph.toneKind"
    );
    assert_eq!(
        defs["microsoft.graph.primitiveCells"]["properties"]["j"]["anyOf"][0]["$ref"],
        "#/$defs/microsoft.graph.gearState"
    );
    // A String property whose description points at an enum page takes that enum's members.
    assert_eq!(
        defs["microsoft.graph.enumPointer"]["properties"]["gear"]["enum"],
        json!(["parked", "low", "high", "unknownFutureValue", null])
    );
}

/// A flags enum's schema is a `pattern` over its members, which jsonschema and the generated
/// validator both read as a comma-separated list (the pattern is written by graphdoc-schema and
/// recognised by graphdoc-codegen, which reads JSON Schema only: this keeps the two in step).
#[test]
fn flags_enums_take_comma_separated_members_in_the_schema_and_the_generated_code() {
    let output = output();
    let flags = &output.schema["$defs"]["microsoft.graph.accessRights"];
    assert_eq!(flags["x-graph-members"], json!(["none", "read", "write", "share", "remove"]));
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&json!({"$defs": output.schema["$defs"], "$ref": "#/$defs/microsoft.graph.accessRights"}))
        .expect("compiles");
    assert!(validator.is_valid(&json!("read,write")) && validator.is_valid(&json!("read, share")));
    assert!(!validator.is_valid(&json!("read,nope")) && !validator.is_valid(&json!("")));
    let generated = graphdoc::rust_for_schema(&output.schema, Some(&output.operations), &Default::default());
    let about_pattern: Vec<String> =
        generated.diagnostics.iter().filter(|d| d.message.contains("pattern")).map(ToString::to_string).collect();
    assert!(about_pattern.is_empty(), "codegen did not recognise the flags pattern: {about_pattern:?}");
    let tables = generated.files.iter().find(|f| f.path == "validate.rs").expect("validate.rs");
    assert!(tables.contents.contains(r#"["flags","none","read","write","share","remove"]"#));
}

/// Base types from the `baseType` annotation and from "inherits from" prose.
#[test]
fn base_types_become_all_of() {
    let defs = &output().schema["$defs"];
    for derived in ["microsoft.graph.fancyWidget", "microsoft.graph.plainWidget"] {
        assert_eq!(defs[derived]["allOf"][0]["$ref"], "#/$defs/microsoft.graph.widget", "{derived}");
        assert_eq!(defs[derived]["x-graph-base"], "microsoft.graph.widget", "{derived}");
        assert_eq!(defs[derived]["x-graph-kind"], "entityType", "{derived}");
    }
    let family = defs["microsoft.graph.widget"]["properties"]["@odata.type"]["enum"].clone();
    assert!(family.as_array().expect("enum").contains(&json!("#microsoft.graph.plainWidget")));
    let shape = &defs["microsoft.graph.shapeBase"];
    assert_eq!((&shape["x-graph-abstract"], &shape["x-graph-open"]), (&json!(true), &json!(true)));
}

#[test]
fn dangling_names_get_placeholders_in_the_right_namespace() {
    let out = output();
    let defs = &out.schema["$defs"];
    for name in [
        "microsoft.graph.vanishedPart",
        "microsoft.graph.sprocket",
        // `Namespace: microsoft.graph.ediscovery.ediscovery` and `microsoft.graph.` normalised.
        "microsoft.graph.ediscovery.noteStatus",
        "microsoft.graph.replyStyle",
    ] {
        assert_eq!(defs[name]["x-graph-unresolved"], true, "{name}");
    }
    assert_eq!(
        defs["microsoft.graph.linkCells"]["properties"]["missing"]["anyOf"][0]["$ref"],
        "#/$defs/microsoft.graph.vanishedPart"
    );
    let warning = out
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnresolvedTypeLink && d.loc.file.as_ref() == "beta/resources/type-cell-links.md")
        .expect("GD0201 for the dangling link");
    assert_eq!(warning.loc.line, 24);
}

#[test]
fn namespaces_and_keys() {
    let defs = &output().schema["$defs"];
    assert_eq!(
        defs["microsoft.graph.callRecords.probe"]["properties"]["sample"]["anyOf"][0]["$ref"],
        "#/$defs/microsoft.graph.callRecords.probeSample"
    );
    // `microsoft.graph.termstore` takes the canonical case; the name comes from the title.
    assert!(defs["microsoft.graph.termStore.label"].is_object());
    // "Key." in a description names the key when there is no keyProperty annotation.
    assert_eq!(defs["microsoft.graph.markerSemantics"]["x-graph-key"], json!(["serial"]));
    assert_eq!(defs["microsoft.graph.markerSemantics"]["properties"]["serial"]["type"], "string");
}

/// One HTTP block with five lines: one operation per distinct path template (the query-string
/// line repeats a path), host and version dropped, a missing leading `/` added.
#[test]
fn a_multi_path_block_gives_one_operation_per_path() {
    let out = output();
    let ops = out.operations["operations"].as_array().expect("operations");
    let paths: Vec<&str> = ops
        .iter()
        .filter(|o| o["source"].as_str().is_some_and(|s| s.starts_with("beta/api/http-multi-path.md")))
        .map(|o| o["path"].as_str().expect("path"))
        .collect();
    assert_eq!(
        paths,
        [
            "/fixtures/groups/{group-id}/widgets",
            "/fixtures/me/widgets",
            "/fixtures/sites/{site-id}/widgets",
            "/fixtures/users/{id|userPrincipalName}/widgets",
        ]
    );
    let scenario: Vec<&str> = ops
        .iter()
        .filter(|o| o["source"].as_str().is_some_and(|s| s.starts_with("beta/api/http-scenario-headings.md")))
        .map(|o| o["path"].as_str().expect("path"))
        .collect();
    assert_eq!(scenario, ["/fixtures/gadgets/{serial}", "/fixtures/me/gadget"]);
    let required_column = ops.iter().find(|o| o["path"] == "/fixtures/gadgets" && o["method"] == "POST").expect("op");
    assert_eq!(required_column["requestBody"]["schema"]["required"], json!(["serial"]));
}

/// Three example bodies parse only after repair (trailing comma, comment, smart quotes) and one
/// cannot be read at all.
#[test]
fn repaired_example_bodies_are_counted() {
    let run = run_version(&variants_root(), "beta", &mut |_, _| {}).expect("variant fixtures read");
    let stats = VersionStats::compute(&run);
    assert_eq!(stats.example_bodies_repaired, 3);
    assert_eq!(stats.example_bodies - stats.example_bodies_parsed - stats.example_bodies_repaired, 1);
    let invalid: Vec<String> = run
        .output
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ExampleBodyInvalid)
        .map(|d| d.loc.to_string())
        .collect();
    assert_eq!(invalid, ["beta/api/json-unrepairable.md:42:16"]);
}

//! `graphdoc openapi`: valid against the official OpenAPI 3.1 schema (vendored in
//! tests/data), every reference resolves inside the document, and failures leave no file.

use crate::support::{beta_docs, data, files_below, graphdoc, stderr_of};
use serde_json::Value;

fn collect_refs<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r);
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

#[test]
fn the_document_is_valid_openapi_3_1_and_its_refs_resolve() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("openapi.json");
    let output = graphdoc().arg("openapi").arg(beta_docs()).arg("-o").arg(&out).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("(1 paths, 2 schemas)"), "{}", stderr_of(&output));
    let document: Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");

    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(data("openapi-3.1-schema.json")).expect("vendored"))
            .expect("meta-schema is JSON");
    let validator = jsonschema::options().build(&meta).expect("the OpenAPI 3.1 schema compiles");
    let errors: Vec<String> = validator.iter_errors(&document).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let post = &document["paths"]["/policies/crossTenantIdentitySyncPolicy/partners"]["post"];
    let body = &post["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(body["required"][0], "tenantId");
    assert_eq!(
        body["properties"]["userSyncInbound"]["anyOf"][0]["$ref"],
        "#/components/schemas/microsoft.graph.crossTenantUserSyncInbound"
    );
    assert!(post["responses"]["201"]["content"].is_object());

    let mut refs = Vec::new();
    collect_refs(&document, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{r} points outside components"));
        assert!(document["components"]["schemas"].get(name).is_some(), "{r} does not resolve");
    }
}

#[test]
fn an_output_that_is_a_folder_or_bad_docs_leave_no_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let output = graphdoc().arg("openapi").arg(beta_docs()).arg("-o").arg(tmp.path()).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("is a folder"));

    let out = tmp.path().join("openapi.json");
    let output = graphdoc().arg("openapi").arg(tmp.path().join("missing")).arg("-o").arg(&out).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(files_below(tmp.path()).is_empty(), "{:?}", files_below(tmp.path()));
}

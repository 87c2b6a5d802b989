//! docs-input/beta through parse → resolve → schema.

use serde_json::Value;
use std::path::Path;

fn beta() -> (Value, Value) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input");
    let mut pages = Vec::new();
    for folder in ["api", "resources"] {
        let dir = root.join("beta").join(folder);
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .expect("docs-input/beta folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let text = std::fs::read_to_string(dir.join(&name)).expect("page");
            pages.push(graphdoc_parse::parse_page(&format!("beta/{folder}/{name}"), &text).0);
        }
    }
    let (model, _) = graphdoc_resolve::resolve("beta", &pages);
    (graphdoc_schema::bundle(&model), graphdoc_schema::operations(&model))
}

#[test]
fn bundle_snapshot() {
    insta::assert_json_snapshot!(beta().0);
}

#[test]
fn operations_snapshot() {
    insta::assert_json_snapshot!(beta().1);
}

#[test]
fn bundle_and_operation_schemas_are_valid_2020_12_schemas() {
    let (bundle, operations) = beta();
    assert!(jsonschema::meta::is_valid(&bundle), "bundle is not a valid schema");
    for op in operations["operations"].as_array().expect("operations array") {
        if let Some(schema) = op["requestBody"].get("schema") {
            assert!(jsonschema::meta::is_valid(schema), "request body of {} {}", op["method"], op["path"]);
        }
    }
}

//! Shared fixtures: the founding page's examples, and jsonschema validators built from the
//! committed schemas/beta files (so the test checks what is exported, not a copy).

use serde_json::Value;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const FOUNDING_PAGE: &str = "beta/api/crosstenantidentitysyncpolicypartner-post.md";

/// The JSON body of the founding page's request (`role` request) or response example.
pub fn founding_example(role: graphdoc_parse::ExampleRole) -> Value {
    let text = std::fs::read_to_string(workspace().join("docs-input").join(FOUNDING_PAGE)).expect("founding page");
    let (page, _) = graphdoc_parse::parse_page(FOUNDING_PAGE, &text);
    let api = page.api.expect("an api page");
    let example = api.examples.into_iter().find(|e| e.role == role).expect("the example");
    example.body.as_ref().and_then(|b| b.value()).cloned().expect("a JSON body")
}

fn read_json(rel: &str) -> Value {
    let text = std::fs::read_to_string(workspace().join("schemas/beta").join(rel)).expect("schema file");
    serde_json::from_str(&text).expect("valid JSON")
}

/// Where the bundle is registered; operations.json's relative refs resolve against its sibling.
const BASE: &str = "file:///graphdoc/schemas/beta/";

/// A jsonschema validator (2020-12, formats checked) for `schema`, with the exported bundle
/// registered as `graph.schema.json` beside it.
pub fn jsonschema_validator(schema: &Value) -> jsonschema::Validator {
    let registry = jsonschema::Registry::new()
        .add(format!("{BASE}graph.schema.json"), read_json("graph.schema.json"))
        .expect("bundle registers")
        .prepare()
        .expect("registry prepares");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_registry(&registry)
        .with_base_uri(format!("{BASE}operations.json"))
        .build(schema)
        .expect("schema compiles")
}

/// The exported request-body schema of `method path`.
pub fn request_body_schema(method: &str, path: &str) -> Value {
    let ops = read_json("operations.json");
    let op = ops["operations"]
        .as_array()
        .expect("operations")
        .iter()
        .find(|op| op["method"] == method && op["path"] == path)
        .expect("operation exported");
    op["requestBody"]["schema"].clone()
}

/// A reference to one bundle type, as a schema.
pub fn type_schema(qualified: &str) -> Value {
    serde_json::json!({ "$ref": format!("graph.schema.json#/$defs/{qualified}") })
}

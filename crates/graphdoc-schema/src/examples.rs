//! The docs' example bodies checked against the schemas just emitted: a request against its
//! operation's request-body schema, a response against its declared type. Each mismatch is a
//! GD0301 warning naming the example, the JSON pointer and the rule.
//!
//! Example values such as `"String"` or `"String (timestamp)"` are placeholders, not data: where
//! a string is expected they pass, whatever the string's format or enum.

use graphdoc_diagnostics::{Code, Diagnostic};
use graphdoc_resolve::{ExampleBody, ExampleTarget, Model};
use serde_json::{Value, json};
use std::collections::HashMap;

/// What checking the examples found.
#[derive(Debug, Clone, Default)]
pub struct ExampleCheck {
    /// Bodies checked against a schema.
    pub validated: usize,
    /// Bodies with at least one mismatch.
    pub failing: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// The bundle is registered here; operations.json's relative refs resolve against it.
const BASE: &str = "file:///graphdoc/schemas/";

pub fn check_examples(model: &Model, bundle: &Value, operations: &Value) -> ExampleCheck {
    let mut check = ExampleCheck::default();
    let registry = match jsonschema::Registry::new()
        .add(format!("{BASE}graph.schema.json"), bundle.clone())
        .and_then(|r| r.prepare())
    {
        Ok(r) => r,
        // The bundle is ours and always a valid resource; should that ever break, the examples
        // are simply not checked rather than the run failing.
        Err(_) => return check,
    };
    let request_schemas: HashMap<(&str, &str), &Value> = operations["operations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|op| Some(((op["method"].as_str()?, op["path"].as_str()?), op["requestBody"].get("schema")?)))
        .collect();
    let mut validators: HashMap<String, Option<jsonschema::Validator>> = HashMap::new();
    for example in &model.examples {
        let (key, schema) = match &example.target {
            ExampleTarget::Request { method, path } => {
                let Some(schema) = request_schemas.get(&(method.as_str(), path.as_str())) else { continue };
                (format!("request {method} {path}"), (*schema).clone())
            }
            ExampleTarget::Response { type_name, collection } => {
                let reference = json!({"$ref": format!("graph.schema.json#/$defs/{type_name}")});
                let schema = if *collection {
                    json!({"type": "object", "properties": {"value": {"type": "array", "items": reference}}})
                } else {
                    reference
                };
                (format!("response {type_name} {collection}"), schema)
            }
        };
        let validator = validators.entry(key).or_insert_with(|| {
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .with_registry(&registry)
                .with_base_uri(format!("{BASE}operations.json"))
                .build(&schema)
                .ok()
        });
        let (Some(validator), Some(body)) = (validator, example.body.value()) else { continue };
        check.validated += 1;
        let before = check.diagnostics.len();
        for error in validator.iter_errors(body) {
            let keyword = error.kind().keyword().to_string();
            if matches!(keyword.as_str(), "format" | "enum") && is_placeholder(error.instance()) {
                continue;
            }
            check.diagnostics.push(mismatch(example, error.instance_path().as_str(), &keyword, &error.to_string()));
        }
        if check.diagnostics.len() > before {
            check.failing += 1;
        }
    }
    check
}

fn mismatch(example: &ExampleBody, pointer: &str, keyword: &str, message: &str) -> Diagnostic {
    let what = match &example.target {
        ExampleTarget::Request { method, path } => format!("request body for {method} {path}"),
        ExampleTarget::Response { type_name, collection: true } => format!("response body (a page of {type_name})"),
        ExampleTarget::Response { type_name, .. } => format!("response body ({type_name})"),
    };
    let name = example.name.as_deref().map(|n| format!("example `{n}`, ")).unwrap_or_default();
    let pointer = if pointer.is_empty() { "the body" } else { pointer };
    let message: String = message.chars().take(300).collect();
    Diagnostic::new(
        Code::ExampleMismatch,
        example.source.clone(),
        format!("{name}{what}: at `{pointer}` the `{keyword}` rule fails: {message}"),
    )
}

/// `"String"`, `"String (identifier)"`, `"DateTimeOffset"`, `"Guid"`, `"datetime-value"`: a type
/// or property name standing in for a value.
fn is_placeholder(value: &Value) -> bool {
    let Some(s) = value.as_str() else { return false };
    let head = s.split(" (").next().unwrap_or(s).trim();
    graphdoc_parse::primitive(head).is_some()
        || head.eq_ignore_ascii_case("timestamp")
        || head.eq_ignore_ascii_case("url")
        || (head.ends_with("-value") && !head.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_type_names() {
        for p in
            ["String", "String (identifier)", "DateTimeOffset", "Guid", "string (timestamp)", "Int32", "region-value"]
        {
            assert!(is_placeholder(&json!(p)), "{p}");
        }
        for v in [json!("2021-01-01"), json!("contoso"), json!(3), json!(null)] {
            assert!(!is_placeholder(&v), "{v}");
        }
    }
}

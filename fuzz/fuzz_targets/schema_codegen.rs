//! Schema → Rust. Input that is JSON is the bundle itself (or, for `{"bundle":…,"operations":…}`,
//! both); other input becomes the names, descriptions and enum members of a small bundle.
//! Every generated Rust file must parse with `syn`.
#![no_main]

use graphdoc_codegen::{Settings, generate};
use graphdoc_fuzz::check_generated;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

/// A bundle that puts `s` (and pieces of it) everywhere text lands in generated code.
fn bundle_from_text(s: &str) -> (Value, Value) {
    let parts: Vec<&str> = s.split('\u{1}').collect();
    let name = parts.first().copied().unwrap_or("");
    let other = parts.get(1).copied().unwrap_or(name);
    let qualified = format!("microsoft.graph.{name}");
    let enum_name = format!("microsoft.graph.{other}Enum");
    let members: Vec<Value> = parts.iter().map(|p| Value::String((*p).to_owned())).collect();
    let bundle = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": s,
        "x-graph-version": "beta",
        "$defs": {
            qualified.clone(): {
                "title": name,
                "description": s,
                "type": "object",
                "properties": {
                    "@odata.type": {"type": "string", "enum": [format!("#{qualified}"), qualified.clone()]},
                    name: {"type": ["string", "null"], "description": s, "format": other, "x-graph-source": s},
                    other: {"$ref": format!("#/$defs/{enum_name}"), "description": other},
                    "plain": {"type": "array", "items": {"$ref": format!("#/$defs/{qualified}")}, "pattern": s},
                    "n": {"type": "integer", "format": "int32", "default": s, "examples": [s]}
                },
                "required": [name, other],
                "x-graph-kind": "entityType",
                "x-graph-source": s
            },
            enum_name.clone(): {
                "title": other,
                "description": s,
                "type": "string",
                "enum": members,
                "x-graph-kind": "enumType"
            },
            "microsoft.graph.derived": {
                "allOf": [{"$ref": format!("#/$defs/{qualified}")}],
                "type": "object",
                "description": other,
                "properties": {"x": {"type": "string", "const": s, "maxLength": 3}}
            }
        }
    });
    let operations = json!({
        "version": "beta",
        "schema": "graph.schema.json",
        "operations": [{
            "method": "POST",
            "path": format!("/things/{{{name}}}/{other}"),
            "title": s,
            "source": s,
            "requestBody": {
                "schema": {
                    "type": "object",
                    "properties": {
                        name: {"$ref": format!("graph.schema.json#/$defs/{qualified}")},
                        other: {"type": ["string", "null"], "description": s}
                    },
                    "required": [name]
                },
                "source": s
            },
            "responses": []
        }]
    });
    (bundle, operations)
}

fuzz_target!(|data: &[u8]| {
    let (bundle, operations) = match serde_json::from_slice::<Value>(data) {
        Ok(Value::Object(map)) if map.contains_key("bundle") => {
            (map.get("bundle").cloned().unwrap_or(Value::Null), map.get("operations").cloned().unwrap_or(Value::Null))
        }
        Ok(value) => (value, Value::Null),
        Err(_) => bundle_from_text(&String::from_utf8_lossy(data)),
    };
    let generated = generate(&bundle, Some(&operations), &Settings::default());
    check_generated(&generated);
    let without_ops = generate(&bundle, None, &Settings::default().with_namespace_features(true));
    check_generated(&without_ops);
});

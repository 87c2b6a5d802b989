//! Garbage in, diagnostics out: no input `Value` makes the generator panic, and what it writes
//! still parses.

use graphdoc_codegen::{Settings, generate};
use serde_json::{Value, json};

fn check(bundle: &Value, operations: Option<&Value>) {
    let generated = generate(bundle, operations, &Settings::default());
    for f in &generated.files {
        syn::parse_file(&f.contents).unwrap_or_else(|e| panic!("{} does not parse for {bundle}: {e}", f.path));
    }
}

#[test]
fn garbage_values_do_not_panic() {
    let garbage = [
        json!(null),
        json!([]),
        json!("text"),
        json!(3),
        json!({}),
        json!({"$defs": null}),
        json!({"$defs": []}),
        json!({"$defs": "x"}),
        json!({"$defs": {"a": null, "b": 3, "c": [], "d": true, "e": false, "f": "s"}}),
        json!({"$defs": {"a": {"type": 3, "enum": 4, "properties": [], "required": {}, "items": 5, "allOf": {}, "anyOf": [], "$ref": 7, "format": 1, "minimum": "x"}}}),
        json!({"$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}, 3]}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}}),
        json!({"$defs": {"a": {"$ref": "#/$defs/a"}, "b": {"type": "array", "items": {"$ref": "#/$defs/b"}}}}),
        json!({"$defs": {"a": {"anyOf": [{"$ref": "#/$defs/b"}]}, "b": {"allOf": [{"$ref": "#/$defs/a"}], "type": "object"}}}),
        json!({"$defs": {"": {"type": "object"}, ".": {"enum": []}, "..": {"enum": [[], {}]}, "x.": {"type": ["null"]}}}),
        json!({"$defs": {"a": {"type": "object", "properties": {"": {"$ref": "#/$defs/%zz"}, "b": {"$ref": "http://x/#/$defs/a"}}}}}),
        json!({"$defs": {"a": {"type": "integer", "minimum": 1e308, "maximum": -1e308, "enum": [1e308, -0.0, 18446744073709551615u64, -9223372036854775808i64]}}}),
    ];
    let operations = [
        json!(null),
        json!({"operations": 3}),
        json!({"operations": [null, 3, {"method": 1}, {"method": "GET", "path": "/x", "requestBody": 4}, {"method": "GET", "path": "/x", "requestBody": {"schema": 5}}, {"method": "GET", "path": "/x", "requestBody": {"schema": {}}}]}),
        json!({"operations": [{"method": "", "path": "", "requestBody": {"schema": {"$ref": "graph.schema.json#/$defs/a"}}}, {"method": "self", "path": "{}/{", "requestBody": {"schema": true}}]}),
    ];
    for bundle in &garbage {
        check(bundle, None);
        for ops in &operations {
            check(bundle, Some(ops));
        }
    }
}

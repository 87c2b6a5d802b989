//! The files of a schema export (`graphdoc schema`): the three contract files and one schema
//! file per type, as (path relative to the output folder, contents).
//!
//! A per-type file `types/<qualified name>.schema.json` is a small schema with its own `$id`
//! that refers into the bundle beside it:
//!
//! ```json
//! { "$schema": "https://json-schema.org/draft/2020-12/schema",
//!   "$id": "microsoft.graph.user.schema.json",
//!   "title": "user", "x-graph-source": "…",
//!   "$ref": "../graph.schema.json#/$defs/microsoft.graph.user" }
//! ```
//!
//! Why a reference and not a self-contained copy: navigation properties link most entities,
//! so each type's transitive `$defs` closure repeats much of the bundle. On the 2021 v1.0 docs
//! (1,330 types, a 2.7 MB bundle) the closures add up to 22 MB of compact JSON, eight times the
//! bundle, with up to 323 types in one file; references keep one copy of every rule. The `$id`
//! is relative, so it resolves against wherever the file is loaded from, and
//! `../graph.schema.json` is then the bundle written beside `types/`.

use crate::VersionOutput;
use serde_json::{Map, Value, json};

/// The folder inside the export holding one file per type.
pub const TYPES_DIR: &str = "types";

/// Every file of the export, in a fixed order: `graph.schema.json`, `operations.json`,
/// `diagnostics.json`, then `types/*.schema.json` by type name.
pub fn export_files(out: &VersionOutput) -> Vec<(String, String)> {
    let mut files = vec![
        ("graph.schema.json".to_owned(), crate::to_pretty_json(&out.schema)),
        ("operations.json".to_owned(), crate::to_pretty_json(&out.operations)),
        ("diagnostics.json".to_owned(), diagnostics_file(out)),
    ];
    files.extend(
        type_schemas(&out.schema)
            .into_iter()
            .map(|(name, schema)| (format!("{TYPES_DIR}/{name}.schema.json"), crate::to_pretty_json(&schema))),
    );
    files
}

/// `diagnostics.json` as `cargo xtask regen` writes it: the generated marker, the version and
/// every diagnostic.
pub fn diagnostics_file(out: &VersionOutput) -> String {
    crate::to_pretty_json(&json!({
        "$comment": crate::GENERATED_COMMENT,
        "version": out.version,
        "diagnostics": out.diagnostics_json(),
    }))
}

/// One schema per `$defs` entry of `bundle`, by qualified name, in the bundle's order.
pub fn type_schemas(bundle: &Value) -> Vec<(String, Value)> {
    let Some(defs) = bundle.get("$defs").and_then(Value::as_object) else { return Vec::new() };
    defs.iter()
        .map(|(name, def)| {
            let mut schema = Map::new();
            schema.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
            schema.insert("$id".into(), json!(format!("{name}.schema.json")));
            for key in ["title", "description", "x-graph-kind", "x-graph-source"] {
                if let Some(value) = def.get(key) {
                    schema.insert(key.into(), value.clone());
                }
            }
            schema.insert("$ref".into(), json!(format!("../graph.schema.json#/$defs/{}", pointer_escape(name))));
            (name.clone(), Value::Object(schema))
        })
        .collect()
}

/// Escapes a JSON pointer token (`~` → `~0`, `/` → `~1`).
fn pointer_escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_file_refers_to_its_bundle_entry() {
        let bundle =
            json!({"$defs": {"microsoft.graph.a": {"title": "a", "type": "object", "x-graph-source": "a.md:1"}}});
        let types = type_schemas(&bundle);
        assert_eq!(types.len(), 1);
        assert_eq!(types[0].1["$id"], "microsoft.graph.a.schema.json");
        assert_eq!(types[0].1["$ref"], "../graph.schema.json#/$defs/microsoft.graph.a");
        assert_eq!(types[0].1["x-graph-source"], "a.md:1");
        assert!(types[0].1.get("type").is_none(), "the type's rules stay in the bundle");
    }
}

//! `graph.schema.json`: one `$defs` entry per type of the model.

use crate::GENERATED_COMMENT;
use crate::property::{object, property_schema};
use graphdoc_resolve::{Model, TypeDef, TypeKind};
use serde_json::{Map, Value, json};

pub fn bundle(model: &Model) -> Value {
    let derived = crate::odata_type::Derived::new(model);
    let defs: Map<String, Value> =
        model.types.iter().map(|(name, def)| (name.clone(), type_def(def, &derived))).collect();
    // Built from parts, not with `json!`, which would copy `defs` (the whole bundle) once more.
    Value::Object(object([
        ("$schema", json!("https://json-schema.org/draft/2020-12/schema")),
        ("$comment", json!(GENERATED_COMMENT)),
        ("title", Value::String(format!("Microsoft Graph {} types", model.version))),
        ("x-graph-version", json!(model.version)),
        ("$defs", Value::Object(defs)),
    ]))
}

fn type_def(def: &TypeDef, derived: &crate::odata_type::Derived) -> Value {
    let mut schema = object([("title", json!(def.short_name()))]);
    if let Some(d) = &def.description {
        schema.insert("description".into(), json!(d));
    }
    match &def.kind {
        TypeKind::Enum { members, flags } => {
            schema.insert("type".into(), json!("string"));
            schema.insert("enum".into(), json!(members));
            schema.insert("x-graph-kind".into(), json!("enumType"));
            if *flags {
                schema.insert("x-graph-flags".into(), json!(true));
            }
        }
        TypeKind::Unresolved => {
            schema.insert("x-graph-unresolved".into(), json!(true));
        }
        TypeKind::Entity | TypeKind::Complex => {
            let own = own_properties(def, derived);
            match &def.base {
                Some(base) => {
                    let base_ref = object([("$ref", Value::String(format!("#/$defs/{base}")))]);
                    let own = object([("type", json!("object")), ("properties", Value::Object(own))]);
                    schema.insert("allOf".into(), Value::Array(vec![Value::Object(base_ref), Value::Object(own)]));
                    schema.insert("x-graph-base".into(), json!(base));
                }
                None => {
                    schema.insert("type".into(), json!("object"));
                    schema.insert("properties".into(), Value::Object(own));
                }
            }
            let kind = if def.kind == TypeKind::Entity { "entityType" } else { "complexType" };
            schema.insert("x-graph-kind".into(), json!(kind));
            if !def.key.is_empty() {
                schema.insert("x-graph-key".into(), json!(def.key));
            }
            if def.is_abstract {
                schema.insert("x-graph-abstract".into(), json!(true));
            }
            if def.is_open {
                schema.insert("x-graph-open".into(), json!(true));
            }
        }
    }
    schema.insert("x-graph-source".into(), Value::String(def.source.file_line()));
    Value::Object(schema)
}

/// `@odata.type` first, then the documented properties in the docs' order.
fn own_properties(def: &TypeDef, derived: &crate::odata_type::Derived) -> Map<String, Value> {
    let mut props = object([("@odata.type", derived.odata_type_schema(Some(&def.name)))]);
    for p in &def.properties {
        props.insert(p.name.clone(), property_schema(p, "#/$defs/"));
    }
    props
}

//! `operations.json`: every operation with its request-body schema and responses.

use crate::GENERATED_COMMENT;
use crate::odata_type::Derived;
use crate::property::{object, object_with_room, property_schema, type_schema};
use graphdoc_resolve::{Model, Operation, TypeExpr};
use serde_json::{Value, json};

/// References from operations.json into the bundle beside it.
const BUNDLE_REF: &str = "graph.schema.json#/$defs/";

pub fn operations(model: &Model) -> Value {
    let derived = Derived::new(model);
    let ops: Vec<Value> = model.operations.iter().map(|op| operation(op, &derived)).collect();
    // Objects holding other schemas are built from parts: `json!` would copy each part again.
    Value::Object(object([
        ("$comment", json!(GENERATED_COMMENT)),
        ("version", json!(model.version)),
        ("schema", json!("graph.schema.json")),
        ("operations", Value::Array(ops)),
    ]))
}

/// One entry of `operations.json`'s `operations`, as [`operations`] writes it (see
/// [`crate::type_entry`] on `derived`).
pub fn operation_entry(op: &Operation, derived: &Derived) -> Value {
    operation(op, derived)
}

fn operation(op: &Operation, derived: &Derived) -> Value {
    let request_body = op.request_body.as_ref().map_or(Value::Null, |body| {
        let odata_type = derived.odata_type_schema(body.body_type.as_deref());
        let mut props = object_with_room([("@odata.type", odata_type)], body.properties.len());
        for p in &body.properties {
            props.insert(p.name.clone(), property_schema(p, BUNDLE_REF));
        }
        let required: Vec<&str> = body.properties.iter().filter(|p| p.required).map(|p| p.name.as_str()).collect();
        let mut schema = object_with_room([("type", json!("object")), ("properties", Value::Object(props))], 2);
        if !required.is_empty() {
            schema.insert("required".into(), json!(required));
        }
        if let Some(t) = &body.body_type {
            schema.insert("x-graph-body-type".into(), json!(t));
        }
        Value::Object(object([("schema", Value::Object(schema)), ("source", Value::String(body.source.file_line()))]))
    });
    let responses: Vec<Value> = op
        .responses
        .iter()
        .map(|r| {
            let schema = r.body.as_ref().map_or(Value::Null, response_schema);
            Value::Object(object([
                ("status", json!(r.status)),
                ("schema", schema),
                ("source", Value::String(r.source.file_line())),
            ]))
        })
        .collect();
    let parameters: Vec<Value> = op
        .parameters
        .iter()
        .map(|p| {
            Value::Object(object([
                ("name", json!(p.property.name)),
                ("in", json!(p.location)),
                ("required", json!(p.property.required)),
                ("schema", property_schema(&p.property, BUNDLE_REF)),
            ]))
        })
        .collect();
    Value::Object(object([
        ("method", json!(op.method)),
        ("path", json!(op.path)),
        ("title", json!(op.title)),
        ("source", Value::String(op.source.file_line())),
        ("parameters", Value::Array(parameters)),
        ("requestBody", request_body),
        ("responses", Value::Array(responses)),
    ]))
}

/// A collection comes back in the OData envelope `{"value": [...]}`.
fn response_schema(ty: &TypeExpr) -> Value {
    match ty {
        TypeExpr::Collection(_) => {
            let properties = object([("value", Value::Object(type_schema(ty, BUNDLE_REF)))]);
            Value::Object(object([("type", json!("object")), ("properties", Value::Object(properties))]))
        }
        _ => Value::Object(type_schema(ty, BUNDLE_REF)),
    }
}

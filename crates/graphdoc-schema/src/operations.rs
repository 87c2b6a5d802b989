//! `operations.json`: every operation with its request-body schema and responses.

use crate::GENERATED_COMMENT;
use crate::odata_type::Derived;
use crate::property::{object, property_schema, type_schema};
use graphdoc_resolve::{Model, Operation, TypeExpr};
use serde_json::{Value, json};

/// References from operations.json into the bundle beside it.
const BUNDLE_REF: &str = "graph.schema.json#/$defs/";

pub fn operations(model: &Model) -> Value {
    let derived = Derived::new(model);
    let ops: Vec<Value> = model.operations.iter().map(|op| operation(op, &derived)).collect();
    json!({
        "$comment": GENERATED_COMMENT,
        "version": model.version,
        "schema": "graph.schema.json",
        "operations": ops,
    })
}

fn operation(op: &Operation, derived: &Derived) -> Value {
    let request_body = op.request_body.as_ref().map_or(Value::Null, |body| {
        let mut props = object([("@odata.type", derived.odata_type_schema(body.body_type.as_deref()))]);
        for p in &body.properties {
            props.insert(p.name.clone(), property_schema(p, BUNDLE_REF));
        }
        let required: Vec<&str> = body.properties.iter().filter(|p| p.required).map(|p| p.name.as_str()).collect();
        let mut schema = object([("type", json!("object")), ("properties", Value::Object(props))]);
        if !required.is_empty() {
            schema.insert("required".into(), json!(required));
        }
        if let Some(t) = &body.body_type {
            schema.insert("x-graph-body-type".into(), json!(t));
        }
        json!({"schema": schema, "source": body.source.file_line()})
    });
    let responses: Vec<Value> = op
        .responses
        .iter()
        .map(|r| {
            let schema = r.body.as_ref().map_or(Value::Null, response_schema);
            json!({"status": r.status, "schema": schema, "source": r.source.file_line()})
        })
        .collect();
    let parameters: Vec<Value> = op
        .parameters
        .iter()
        .map(|p| {
            json!({
                "name": p.property.name,
                "in": p.location,
                "required": p.property.required,
                "schema": property_schema(&p.property, BUNDLE_REF),
            })
        })
        .collect();
    json!({
        "method": op.method,
        "path": op.path,
        "title": op.title,
        "source": op.source.file_line(),
        "parameters": parameters,
        "requestBody": request_body,
        "responses": responses,
    })
}

/// A collection comes back in the OData envelope `{"value": [...]}`.
fn response_schema(ty: &TypeExpr) -> Value {
    match ty {
        TypeExpr::Collection(_) => json!({
            "type": "object",
            "properties": {"value": type_schema(ty, BUNDLE_REF)},
        }),
        _ => Value::Object(type_schema(ty, BUNDLE_REF)),
    }
}

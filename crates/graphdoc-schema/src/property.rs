//! Property and type-expression schemas: the primitive mapping, references, collections and
//! nullability.

use graphdoc_resolve::{Primitive, Property, TypeExpr};
use serde_json::{Map, Value, json};

/// The schema of a type expression. `ref_prefix` is `#/$defs/` inside the bundle and
/// `graph.schema.json#/$defs/` from operations.json.
pub fn type_schema(ty: &TypeExpr, ref_prefix: &str) -> Map<String, Value> {
    type_schema_with_room(ty, ref_prefix, 0)
}

/// [`type_schema`] in a map with room for `room` more keywords.
fn type_schema_with_room(ty: &TypeExpr, ref_prefix: &str, room: usize) -> Map<String, Value> {
    match ty {
        TypeExpr::Primitive(p) => primitive(*p, room),
        TypeExpr::Named(name) => object_with_room([("$ref", Value::String(format!("{ref_prefix}{name}")))], room),
        TypeExpr::Collection(items) => {
            object_with_room([("type", json!("array")), ("items", Value::Object(type_schema(items, ref_prefix)))], room)
        }
        TypeExpr::Any => Map::with_capacity(room),
    }
}

/// A property's schema: its type, null when nullable, and its documentation keywords.
pub fn property_schema(p: &Property, ref_prefix: &str) -> Value {
    // The keywords added after the type's are counted first, so that the map is built at its
    // final size: grown one insert at a time, most maps were reallocated and rehashed twice.
    let room = usize::from(p.default.is_some())
        + usize::from(!p.description.is_empty())
        + usize::from(p.read_only)
        + usize::from(p.navigation)
        + 1; // x-graph-source
    let enum_room = usize::from(!p.allowed_values.is_empty());
    // A nullable reference is wrapped in an `anyOf` (see `allow_null`), which takes the rest.
    let wrapped = p.nullable && matches!(p.ty, TypeExpr::Named(_));
    let mut schema = type_schema_with_room(&p.ty, ref_prefix, if wrapped { 0 } else { room + enum_room });
    if !p.allowed_values.is_empty() {
        restrict_values(&mut schema, &p.allowed_values, p.nullable);
    }
    if p.nullable {
        schema = allow_null(schema, room);
    }
    if let Some(default) = &p.default {
        schema.insert("default".into(), default.clone());
    }
    if !p.description.is_empty() {
        schema.insert("description".into(), json!(p.description));
    }
    if p.read_only {
        schema.insert("readOnly".into(), json!(true));
    }
    if p.navigation {
        schema.insert("x-graph-navigation".into(), json!(true));
    }
    schema.insert("x-graph-source".into(), Value::String(p.source.file_line()));
    Value::Object(schema)
}

/// Adds `enum` to a string schema, or to the items of an array of strings. A nullable
/// property's enum lists `null` too, or the enum would reject the null its type allows.
fn restrict_values(schema: &mut Map<String, Value>, values: &[String], nullable: bool) {
    let target = match schema.get_mut("items").and_then(Value::as_object_mut) {
        Some(items) => items,
        None => schema,
    };
    let mut members: Vec<Value> = values.iter().map(|v| json!(v)).collect();
    if nullable && !target.contains_key("items") && target.get("type") == Some(&json!("string")) {
        members.push(Value::Null);
    }
    target.insert("enum".into(), Value::Array(members));
}

/// `{"type": "string"}` → `{"type": ["string", "null"]}`; `{"$ref": …}` → `anyOf` with null,
/// in a map with room for `room` more keywords. An empty schema already accepts null.
fn allow_null(mut schema: Map<String, Value>, room: usize) -> Map<String, Value> {
    if schema.is_empty() {
        return schema;
    }
    if let Some(Value::String(t)) = schema.get("type").cloned() {
        schema.insert("type".into(), json!([t, "null"]));
        return schema;
    }
    // Built from parts: `json!` would copy `schema` once more.
    let null = object([("type", json!("null"))]);
    object_with_room([("anyOf", Value::Array(vec![Value::Object(schema), Value::Object(null)]))], room)
}

fn primitive(p: Primitive, room: usize) -> Map<String, Value> {
    let int = |format: &str, min: i64, max: i64| {
        object_with_room(
            [("type", json!("integer")), ("format", json!(format)), ("minimum", json!(min)), ("maximum", json!(max))],
            room,
        )
    };
    let with_format = |ty: &str, format: &str| object_with_room([("type", json!(ty)), ("format", json!(format))], room);
    match p {
        Primitive::String => object_with_room([("type", json!("string"))], room),
        Primitive::Boolean => object_with_room([("type", json!("boolean"))], room),
        Primitive::Byte => int("uint8", 0, 255),
        Primitive::Int16 => int("int16", i16::MIN.into(), i16::MAX.into()),
        Primitive::Int32 => int("int32", i32::MIN.into(), i32::MAX.into()),
        Primitive::Int64 => int("int64", i64::MIN, i64::MAX),
        Primitive::Single => with_format("number", "float"),
        Primitive::Double => with_format("number", "double"),
        Primitive::Decimal => with_format("number", "decimal"),
        Primitive::DateTimeOffset => with_format("string", "date-time"),
        Primitive::Date => with_format("string", "date"),
        Primitive::TimeOfDay => with_format("string", "time"),
        Primitive::Duration => with_format("string", "duration"),
        Primitive::Guid => with_format("string", "uuid"),
        Primitive::Binary | Primitive::Stream => {
            object_with_room([("type", json!("string")), ("contentEncoding", json!("base64"))], room)
        }
    }
}

pub fn object<const N: usize>(entries: [(&str, Value); N]) -> Map<String, Value> {
    object_with_room(entries, 0)
}

/// [`object`] with room for `room` more keys, so that inserting them later neither reallocates
/// nor rehashes the map.
pub fn object_with_room<const N: usize>(entries: [(&str, Value); N], room: usize) -> Map<String, Value> {
    let mut map = Map::with_capacity(N + room);
    for (key, value) in entries {
        map.insert(key.to_string(), value);
    }
    map
}

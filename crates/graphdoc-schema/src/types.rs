//! `graph.schema.json`: one `$defs` entry per type of the model.

use crate::GENERATED_COMMENT;
use crate::property::{object, object_with_room, property_schema};
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

/// The `pattern` of a flags enum: one member, then any more each after a comma and at most one
/// space, the whole string. graphdoc-codegen recognises exactly this pattern (it reads JSON
/// Schema, not this crate); crates/graphdoc/tests/it/variants.rs keeps the two in step. `None` when a member could not be told apart in such a list (empty,
/// or holding a comma or surrounding space).
fn flags_pattern(members: &[String]) -> Option<String> {
    let usable = |m: &String| !m.is_empty() && !m.contains(',') && m.trim() == m;
    if members.is_empty() || !members.iter().all(usable) {
        return None;
    }
    let escaped: Vec<String> = members.iter().map(|m| regex_escape(m)).collect();
    let one = format!("(?:{})", escaped.join("|"));
    Some(format!("^{one}(?:, ?{one})*$"))
}

/// `text` with every ECMA-262 syntax character escaped (escaping others is an error in some
/// regex dialects).
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\^$.*+?()[]{}|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One type's `$defs` entry, as [`bundle`] writes it; `derived` is [`Derived::new`] of the
/// model the type is from. For patching a bundle after an edit that reached a type's prose
/// only (the type's structure, and so `derived`, unchanged).
///
/// [`Derived::new`]: crate::Derived::new
pub fn type_entry(def: &TypeDef, derived: &crate::odata_type::Derived) -> Value {
    type_def(def, derived)
}

fn type_def(def: &TypeDef, derived: &crate::odata_type::Derived) -> Value {
    // Sized for the keywords below: `description`, at most seven for the kind, and the source.
    let mut schema = object_with_room([("title", json!(def.short_name()))], 9);
    if let Some(d) = &def.description {
        schema.insert("description".into(), json!(d));
    }
    match &def.kind {
        TypeKind::Enum { members, flags } => {
            schema.insert("type".into(), json!("string"));
            match flags_pattern(members).filter(|_| *flags) {
                // A flags value is a comma-separated list of members (`"read, write"`), which an
                // `enum` would reject: a `pattern` says it, and the members stay listed.
                Some(pattern) => {
                    schema.insert("pattern".into(), json!(pattern));
                    schema.insert("x-graph-flags".into(), json!(true));
                    schema.insert("x-graph-members".into(), json!(members));
                }
                None => {
                    schema.insert("enum".into(), json!(members));
                }
            }
            schema.insert("x-graph-kind".into(), json!("enumType"));
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
    // Sized once: a type's properties would otherwise regrow (and rehash) the map as they come.
    let mut props = Map::with_capacity(def.properties.len() + 1);
    props.insert("@odata.type".into(), derived.odata_type_schema(Some(&def.name)));
    for p in &def.properties {
        props.insert(p.name.clone(), property_schema(p, "#/$defs/"));
    }
    props
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_patterns_list_members_after_commas_and_escape_regex_syntax() {
        let members = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            flags_pattern(&members(&["read", "admin.all"])).as_deref(),
            Some(r"^(?:read|admin\.all)(?:, ?(?:read|admin\.all))*$")
        );
        // Members a comma-separated list could not tell apart keep the plain `enum`.
        assert_eq!(flags_pattern(&members(&["a", ""])), None);
        assert_eq!(flags_pattern(&members(&["a,b"])), None);
        assert_eq!(flags_pattern(&members(&[" a"])), None);
        assert_eq!(flags_pattern(&[]), None);
    }
}

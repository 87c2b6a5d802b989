//! Properties from table rows: type, nullability, read-only, required, and the value rules the
//! description states (possible values, default).

use crate::model::{Primitive, Property, TypeDef, TypeExpr, TypeKind};
use crate::type_refs::TypeRefs;
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use graphdoc_parse::PropertyRow;
use serde_json::Value;
use std::collections::BTreeMap;

pub fn property(
    row: &PropertyRow,
    navigation: bool,
    loc: &Loc,
    namespace: &str,
    refs: &mut TypeRefs<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Property {
    let ty = refs.resolve(&row.type_ref, loc, namespace, diags);
    let sem = &row.semantics;
    // OData: properties are nullable unless declared otherwise; keys and collections never are.
    let nullable = sem.nullable.unwrap_or(true) && !sem.key && !row.type_ref.collection;
    let values_enum = sem.values_link.as_ref().and_then(|l| refs.lookup_link(l, &loc.file));
    let default = sem.default.as_deref().and_then(|d| typed_default(d, &ty));
    Property {
        name: row.name.clone(),
        allowed_values: if is_string(&ty) { sem.possible_values.clone() } else { Vec::new() },
        ty,
        description: row.description.clone(),
        read_only: sem.read_only,
        nullable,
        navigation,
        required: sem.required == Some(true),
        default,
        values_enum,
        source: loc.clone(),
    }
}

/// Applies the value rules that need every type: a String property whose description points
/// at an enum takes the enum's members (with a warning: the Type column should name the enum),
/// and an enum-typed property whose description lists other values gets a note.
pub fn constrain_values<'a>(
    properties: &mut [Property],
    listed: impl Fn(&Property) -> &'a [String],
    types: &BTreeMap<String, TypeDef>,
    diags: &mut Vec<Diagnostic>,
) {
    let enum_members = |name: &str| match types.get(name).map(|t| &t.kind) {
        Some(TypeKind::Enum { members, .. }) => Some(members),
        _ => None,
    };
    for p in properties {
        if is_string(&p.ty)
            && let Some(name) = p.values_enum.take()
            && let Some(members) = enum_members(&name)
        {
            diags.push(Diagnostic::new(
                Code::StringTypedEnum,
                p.source.clone(),
                format!("`{}` is typed String but its description points at enum `{name}`; expected the Type column to name the enum; its members are used", p.name),
            ));
            p.allowed_values = members.clone();
        }
        // Most descriptions list no values: the type is looked up only when one does.
        let values = listed(p);
        if !values.is_empty()
            && let TypeExpr::Named(name) = inner(&p.ty)
            && let Some(members) = enum_members(name)
            && values.iter().any(|v| !members.contains(v))
        {
            diags.push(Diagnostic::new(
                Code::ValuesDisagree,
                p.source.clone(),
                format!(
                    "the description of `{}` lists values ({}) that enum `{name}` does not have; the enum's members are used",
                    p.name,
                    values.iter().filter(|v| !members.contains(v)).cloned().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
}

fn inner(ty: &TypeExpr) -> &TypeExpr {
    match ty {
        TypeExpr::Collection(items) => inner(items),
        other => other,
    }
}

fn is_string(ty: &TypeExpr) -> bool {
    matches!(inner(ty), TypeExpr::Primitive(Primitive::String))
}

/// "false" → `false` for a Boolean, "1" → `1` for an integer; a string default for a string.
fn typed_default(text: &str, ty: &TypeExpr) -> Option<Value> {
    match inner(ty) {
        TypeExpr::Primitive(Primitive::Boolean) => text.parse::<bool>().ok().map(Value::Bool),
        TypeExpr::Primitive(Primitive::Int16 | Primitive::Int32 | Primitive::Int64 | Primitive::Byte) => {
            text.parse::<i64>().ok().map(Value::from)
        }
        TypeExpr::Primitive(Primitive::String) | TypeExpr::Named(_) if text != "null" => {
            Some(Value::String(text.to_string()))
        }
        _ => None,
    }
}

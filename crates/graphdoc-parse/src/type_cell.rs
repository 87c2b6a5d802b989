//! Type cells (`String`, `[x](x.md) collection`, `Collection(Edm.Int32)`) normalised in form:
//! a primitive, a link, a bare name, or unknown. Resolving names is the resolver's job.

use crate::blocks::Inline;
use crate::page::{Primitive, TypeRef, TypeTarget};
use std::borrow::Cow;

pub fn parse(cell: &Inline) -> TypeRef {
    let raw = cell.text.trim();
    if let Some(link) = cell.links.first() {
        let lower = raw.to_ascii_lowercase();
        if cell.links.len() > 1 && lower.contains(" or ") {
            // `[a](a.md) or [b](b.md)`: a union the schema cannot name as one type.
            return TypeRef { collection: false, target: TypeTarget::Unknown(raw.to_string()) };
        }
        let collection = lower.contains("collection") || link.target.to_ascii_lowercase().contains("collection");
        return TypeRef { collection, target: TypeTarget::Link(link.clone()) };
    }
    // Borrowed throughout (a copy only to drop backticks): this runs on every property row.
    let unticked = if raw.contains('`') { Cow::Owned(raw.replace('`', "")) } else { Cow::Borrowed(raw) };
    let text = strip_annotations(&unticked);
    let (inner, collection) = if let Some(rest) = strip_prefix_ci(text, "collection of ") {
        (rest.trim(), true)
    } else if let Some(rest) = strip_prefix_ci(text, "collection(") {
        (rest.strip_suffix(')').unwrap_or(rest).trim(), true)
    } else if let Some(rest) = strip_suffix_ci(text, " collection") {
        (rest.trim(), true)
    } else {
        (text, false)
    };
    let inner = strip_suffix_ci(inner, " enum").unwrap_or(inner).trim();
    let inner = bracketed_name(inner).unwrap_or(inner);
    let target = if let Some(p) = primitive(inner) {
        TypeTarget::Primitive(p)
    } else if ["json", "json object", "untyped json object", "object", "edm.untyped"]
        .iter()
        .any(|json| inner.eq_ignore_ascii_case(json))
    {
        TypeTarget::Json
    } else if is_type_name(inner) {
        TypeTarget::Name(inner.to_string())
    } else {
        TypeTarget::Unknown(raw.to_string())
    };
    TypeRef { collection, target }
}

/// Drops notes around the type: `(Optional) String`, `String (optional)`, `string (url)`,
/// `string, maximum size 20`. A `Collection(…)` wrapper is kept.
fn strip_annotations(text: &str) -> &str {
    let mut t = text.trim();
    if t.starts_with('(')
        && let Some(end) = t.find(')')
        && t[1..end].chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
    {
        t = t[end + 1..].trim();
    }
    if strip_prefix_ci(t, "collection(").is_none() {
        t = crate::needle::before_paren(t);
    }
    if let Some(i) = t.find(',') {
        t = &t[..i];
    }
    t.trim()
}

/// `[identitySet]`, `[identitySet][]`, `[x][label]`: a reference link whose definition is
/// missing, which still names the type.
fn bracketed_name(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('[')?;
    let end = rest.find(']')?;
    let after = &rest[end + 1..];
    (after.is_empty() || (after.starts_with('[') && after.ends_with(']'))).then(|| rest[..end].trim_matches('*'))
}

/// The primitive a type name denotes, in any case, with or without the `Edm.` prefix.
pub fn primitive(name: &str) -> Option<Primitive> {
    let name = name.trim();
    let name = strip_prefix_ci(name, "edm.").unwrap_or(name);
    Some(match name.to_ascii_lowercase().as_str() {
        "string" => Primitive::String,
        "boolean" | "bool" => Primitive::Boolean,
        "byte" => Primitive::Byte,
        "int16" => Primitive::Int16,
        "int32" | "int" | "integer" => Primitive::Int32,
        "int64" => Primitive::Int64,
        "single" | "float" => Primitive::Single,
        "double" | "number" => Primitive::Double,
        "decimal" => Primitive::Decimal,
        "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
        "date" => Primitive::Date,
        "timeofday" => Primitive::TimeOfDay,
        "duration" => Primitive::Duration,
        "guid" => Primitive::Guid,
        "binary" => Primitive::Binary,
        "stream" => Primitive::Stream,
        _ => return None,
    })
}

/// An identifier or dotted qualified name, as OData spells type names.
fn is_type_name(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|seg| {
            let mut chars = seg.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Link;

    fn cell(text: &str, links: &[(&str, &str)]) -> Inline {
        Inline {
            text: text.to_string(),
            links: links.iter().map(|(t, d)| Link { text: t.to_string(), target: d.to_string() }).collect(),
            ..Inline::default()
        }
    }

    #[test]
    fn primitives_in_any_spelling() {
        for (text, p) in [
            ("String", Primitive::String),
            ("string", Primitive::String),
            ("Edm.Boolean", Primitive::Boolean),
            ("GUID", Primitive::Guid),
            ("`DateTimeOffset`", Primitive::DateTimeOffset),
        ] {
            assert_eq!(
                parse(&cell(text, &[])),
                TypeRef { collection: false, target: TypeTarget::Primitive(p) },
                "{text}"
            );
        }
    }

    #[test]
    fn collections_in_both_notations() {
        let expected = TypeRef { collection: true, target: TypeTarget::Primitive(Primitive::Int32) };
        assert_eq!(parse(&cell("Int32 collection", &[])), expected);
        assert_eq!(parse(&cell("Collection(Edm.Int32)", &[])), expected);
    }

    #[test]
    fn links_and_names() {
        let r = parse(&cell("x collection", &[("x", "../resources/x.md")]));
        assert!(r.collection);
        assert_eq!(r.target, TypeTarget::Link(Link { text: "x".into(), target: "../resources/x.md".into() }));
        assert_eq!(
            parse(&cell("microsoft.graph.riskLevel", &[])).target,
            TypeTarget::Name("microsoft.graph.riskLevel".into())
        );
        assert_eq!(parse(&cell("JSON object", &[])).target, TypeTarget::Json);
        assert_eq!(parse(&cell("string/number", &[])).target, TypeTarget::Unknown("string/number".into()));
        let union = parse(&cell("a or b", &[("a", "a.md"), ("b", "b.md")]));
        assert_eq!(union.target, TypeTarget::Unknown("a or b".into()));
    }

    #[test]
    fn notes_around_the_type_are_dropped() {
        for text in ["(Optional) String", "String (optional)", "string (url)", "string, maximum size 20"] {
            assert_eq!(parse(&cell(text, &[])).target, TypeTarget::Primitive(Primitive::String), "{text}");
        }
        assert_eq!(parse(&cell("alertStatus enum", &[])).target, TypeTarget::Name("alertStatus".into()));
        assert_eq!(parse(&cell("[identitySet][]", &[])).target, TypeTarget::Name("identitySet".into()));
        let r = parse(&cell("Collection([driveRecipient][])", &[]));
        assert_eq!((r.collection, r.target), (true, TypeTarget::Name("driveRecipient".into())));
    }
}

//! Emits `requests.rs`: a type per operation request body, named after its method and path
//! (`POST /policies/crossTenantIdentitySyncPolicy/partners` →
//! `PostPoliciesCrossTenantIdentitySyncPolicyPartnersBody`). An object body is a struct whose
//! required properties are plain fields and whose read-only properties are left out (the service
//! sets them); a body that is a bundle type is an alias of it.

use crate::GeneratedFile;
use crate::emit::{doc_lines, doc_tokens, file_docs, format_cached, format_file, gate_items, join_formatted, tokens};
use crate::enums;
use crate::memo::memoized;
use crate::names::{NameTable, RESERVED_TYPE_NAMES, ident_text, operation_name, upper_camel};
use crate::parallel;
use crate::schema_view::{DefKind, Model, Operation, Property, Shape};
use crate::text::{self, lit};
use crate::types::{Field, TypeContext, shape_refs, structure};
use graphdoc_diagnostics::Diagnostic;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

const MODULE_DOC: &[&str] = &[
    "Request-body types, one per operation that documents a body. A required property is a plain field (an `Option` only if it may be `null`); read-only properties are left out, and land in `additional` if sent.",
];

/// `requests.rs`, or `None` when no operation has a request body; with it, the length of each
/// of its pieces (the header, then each body's items, joined by line breaks).
pub(crate) fn emit(
    model: &Model,
    types: &TypeContext<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(GeneratedFile, Vec<usize>)> {
    if model.operations.is_empty() {
        return None;
    }
    let bodies = Bodies::new(model, types);
    if let (Some(cache), Some(keys)) = (types.format_cache, types.keys) {
        // Kept even through runs that write no body, so the next edit of a body finds it.
        cache.keep_item(keys.sharing);
    }
    let mut diagnostics_by_body = Vec::new();
    let mut pieces = vec![format_file("requests.rs", file_docs(MODULE_DOC), diagnostics)];
    // Each body is emitted and formatted on its own (in parallel), or taken from an earlier run
    // when what it is written from did not change, then joined in order.
    for emitted in
        parallel::map_ordered(&bodies.named, types.jobs, |i, _| bodies.emit(i, types.keys.map(|keys| keys.bodies[i])))
    {
        pieces.push(emitted.0.clone());
        diagnostics_by_body.extend(emitted.1.iter().cloned());
    }
    diagnostics.extend(diagnostics_by_body);
    let lengths = pieces.iter().map(String::len).collect();
    Some((GeneratedFile { path: "requests.rs".to_owned(), contents: join_formatted(&pieces) }, lengths))
}

/// Body `index`'s items and what writing them found, made under `key` as [`emit`] makes them
/// (or taken from the cache).
pub(crate) fn body_items(model: &Model, types: &TypeContext<'_>, index: usize, key: u128) -> (String, Vec<Diagnostic>) {
    let out = Bodies::new(model, types).emit(index, Some(key));
    (out.0.clone(), out.1.clone())
}

/// A body's items as an earlier run left them in `cache` under `key`.
pub(crate) fn cached_body_items(cache: &crate::FormatCache, key: u128) -> Option<(String, Vec<Diagnostic>)> {
    let out = cache.item(key)?.downcast::<(String, Vec<Diagnostic>)>().ok()?;
    Some((out.0.clone(), out.1.clone()))
}

/// Every operation's body with its type's name, and what writing one needs.
struct Bodies<'m, 't> {
    named: Vec<(&'m Operation, String)>,
    types: &'t TypeContext<'t>,
    from: Vec<String>,
    root_feature: Option<&'t str>,
    /// Which bodies share a type (found from every body's fields, so from the model's
    /// structure alone), found when a body is first written.
    shared: OnceLock<std::sync::Arc<Vec<Sharing>>>,
}

impl<'m, 't> Bodies<'m, 't> {
    fn new(model: &'m Model, types: &'t TypeContext<'t>) -> Self {
        let named = model.operations.iter().zip(body_names(model)).collect();
        let root_feature = types.layout.modules.first().and_then(|m| m.feature.as_deref());
        Bodies { named, types, from: vec!["requests".to_owned()], root_feature, shared: OnceLock::new() }
    }

    /// Body `i`'s items, kept in the cache under `key` when given.
    fn emit(&self, i: usize, key: Option<u128>) -> std::sync::Arc<(String, Vec<Diagnostic>)> {
        let (types, from, root_feature) = (self.types, &self.from, self.root_feature);
        memoized(types.format_cache, key, || {
            let shared = self.shared.get_or_init(|| {
                memoized(types.format_cache, types.keys.map(|keys| keys.sharing), || {
                    shared_bodies(&self.named, types, from, root_feature)
                })
            });
            let (operation, name) = &self.named[i];
            let mut found = Vec::new();
            let mut format = |item| format_cached(types.format_cache, "requests.rs", item, &mut found);
            let text = match shared[i] {
                Sharing::Alone => body_item(operation, name, &Label::Operation, types, from, root_feature, &mut format),
                Sharing::First(others) => {
                    body_item(operation, name, &Label::Shared(others), types, from, root_feature, &mut format)
                }
                Sharing::SameAs(first) => {
                    same_body(operation, name, &self.named[first].1, types, from, root_feature, &mut format)
                }
            };
            (text, found)
        })
    }
}

/// Whether a body type has the same fields as another operation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sharing {
    Alone,
    /// The first of several operations whose bodies have the same fields (and `n` others).
    First(usize),
    /// The same fields as the body of operation `i`, which is emitted as a struct.
    SameAs(usize),
}

/// Finds the bodies that would be the same struct but for names and docs: more than half of
/// them at Graph scale (create and update of one entity often take the same properties). Each
/// such body becomes an alias of the first, which keeps the crate smaller and quicker to build.
fn shared_bodies(
    named: &[(&Operation, String)],
    types: &TypeContext<'_>,
    from: &[String],
    root_feature: Option<&str>,
) -> Vec<Sharing> {
    let keys =
        parallel::map_ordered(named, types.jobs, |_, (operation, _)| body_key(operation, types, from, root_feature));
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut sharing = vec![Sharing::Alone; named.len()];
    for (i, key) in keys.iter().enumerate() {
        let Some(key) = key else { continue };
        match first.get(key.as_str()) {
            Some(&f) => {
                sharing[i] = Sharing::SameAs(f);
                if let Sharing::First(n) = &mut sharing[f] {
                    *n += 1;
                } else {
                    sharing[f] = Sharing::First(1);
                }
            }
            None => {
                first.insert(key, i);
            }
        }
    }
    sharing
}

/// What makes two body types the same but for their names and docs: the fields (or enum
/// members) and, in a crate with features, the features the type is gated on. `None` for a
/// body that is an alias of a bundle type.
fn body_key(
    operation: &Operation,
    types: &TypeContext<'_>,
    from: &[String],
    root_feature: Option<&str>,
) -> Option<String> {
    use std::fmt::Write;
    let mut key = String::new();
    match &operation.body_kind {
        DefKind::Alias(_) => return None,
        DefKind::Enum { members, .. } => {
            key.push_str("enum");
            for member in members {
                let _ = write!(key, "\u{0}{member}");
            }
        }
        DefKind::Object { .. } => {
            let fields = object_fields(operation, types, from, root_feature).unwrap_or_default();
            key.push_str("struct");
            for f in &fields {
                let _ =
                    write!(key, "\u{0}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{:?}", f.json_name, f.ident, f.ty, f.required, f.cfg);
            }
        }
    }
    if types.namespace_features {
        let fields = object_fields(operation, types, from, root_feature);
        let _ = write!(key, "\u{2}{:?}", body_features(operation, fields.as_deref(), types, root_feature));
    }
    Some(key)
}

/// What a body type's docs and error messages call it.
enum Label {
    /// Its operation.
    Operation,
    /// Its operation, and that `n` other operations' body types are aliases of it.
    Shared(usize),
}

/// A body type that is another operation's (`pub type A = B;`, gated like `B`).
fn same_body(
    operation: &Operation,
    name: &str,
    first: &str,
    types: &TypeContext<'_>,
    from: &[String],
    root_feature: Option<&str>,
    format: &mut dyn FnMut(TokenStream) -> String,
) -> String {
    let (what, title) = describe(operation);
    let docs = doc_lines([format!("The request body of `{what}`{title}: the same fields as [`{first}`].").as_str()]);
    let (name, first) = (ident_text(name), ident_text(first));
    let fields = object_fields(operation, types, from, root_feature);
    let gate = gate(&body_features(operation, fields.as_deref(), types, root_feature), types);
    text::alias(&name, &docs, &first, gate.as_deref()).unwrap_or_else(|| {
        let (docs, name, first) = (doc_tokens(&docs), tokens(&name), tokens(&first));
        format(gated(quote! { #docs pub type #name = #first; }, gate.as_deref()))
    })
}

fn describe(operation: &Operation) -> (String, String) {
    let what = format!("{} {}", operation.method, operation.path).replace('`', "'");
    let title = operation.title.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
    (what, title)
}

/// One operation's body type (gated on the features its fields need), formatted.
fn body_item(
    operation: &Operation,
    name: &str,
    label: &Label,
    types: &TypeContext<'_>,
    from: &[String],
    root_feature: Option<&str>,
    format: &mut dyn FnMut(TokenStream) -> String,
) -> String {
    let layout = types.layout;
    let (what, title) = describe(operation);
    let (docs, type_label) = match label {
        Label::Operation => (doc_lines([format!("The request body of `{what}`{title}.").as_str()]), what),
        Label::Shared(others) => {
            let more = if *others == 1 { "1 more operation" } else { &format!("{others} more operations") };
            let doc = format!(
                "The request body of `{what}`{title}, and of {more} with the same fields (their body types are aliases of this one)."
            );
            (doc_lines([doc.as_str()]), format!("the request body {name}"))
        }
    };
    let fields = object_fields(operation, types, from, root_feature);
    let gate = gate(&body_features(operation, fields.as_deref(), types, root_feature), types);
    let gate = gate.as_deref();
    let name = ident_text(name);
    match (&operation.body_kind, &fields) {
        (_, Some(fields)) => {
            let runtime = types.runtime(from);
            text::structure(&name, &docs, &type_label, fields, &runtime, gate).unwrap_or_else(|| {
                format(gated(structure(&tokens(&name), &doc_tokens(&docs), &type_label, fields, &runtime), gate))
            })
        }
        (DefKind::Enum { members, .. }, None) => {
            let variants = enums::variants(members);
            match gate {
                None => text::enumeration(&name, &docs, &variants),
                Some(_) => None,
            }
            .unwrap_or_else(|| {
                let item = enums::enumeration(&variants, &tokens(&name), &doc_tokens(&docs));
                format(gated(item, gate))
            })
        }
        (DefKind::Alias(shape), None) => {
            let ty = match shape {
                Shape::Ref(target) if types.kinds.get(target).is_none() => {
                    layout.type_path_text(from, target, layout.local_name(target))
                }
                _ => types.rust_type(shape, from, false),
            };
            text::alias(&name, &docs, &ty, gate).unwrap_or_else(|| {
                let (docs, name, ty) = (doc_tokens(&docs), tokens(&name), tokens(&ty));
                format(gated(quote! { #docs pub type #name = #ty; }, gate))
            })
        }
        (DefKind::Object { .. }, None) => String::new(),
    }
}

/// The fields of an object body: its properties but the read-only ones (a property the body
/// requires stays, whatever the type's page says).
fn object_fields(
    operation: &Operation,
    types: &TypeContext<'_>,
    from: &[String],
    root_feature: Option<&str>,
) -> Option<Vec<Field>> {
    let DefKind::Object { properties, required, .. } = &operation.body_kind else { return None };
    let read_only = read_only_in_body_type(types, operation.body_type.as_deref());
    let required: BTreeSet<String> = required.iter().cloned().collect();
    let kept: Vec<&Property> = properties
        .iter()
        .filter(|p| required.contains(&p.json_name) || !(p.read_only || read_only.contains(p.json_name.as_str())))
        .collect();
    Some(types.fields(&kept, &required, from, own_feature(operation, types, root_feature)))
}

fn own_feature<'a>(operation: &Operation, types: &TypeContext<'a>, root_feature: Option<&'a str>) -> Option<&'a str> {
    operation.body_type.as_deref().and_then(|t| types.layout.feature_of(t)).or(root_feature)
}

/// The features a body type needs: its own namespace's and those of the types it must hold.
fn body_features<'a>(
    operation: &Operation,
    fields: Option<&[Field]>,
    types: &TypeContext<'a>,
    root_feature: Option<&'a str>,
) -> BTreeSet<&'a str> {
    let layout = types.layout;
    let mut features: BTreeSet<&str> = own_feature(operation, types, root_feature).into_iter().collect();
    if let Some(fields) = fields {
        features.extend(
            fields
                .iter()
                .filter_map(|f| f.needs.as_deref())
                .filter_map(|f| layout.modules.iter().find_map(|m| m.feature.as_deref().filter(|mine| *mine == f))),
        );
    }
    if let DefKind::Alias(shape) = &operation.body_kind {
        features.extend(shape_refs(shape).into_iter().filter_map(|t| layout.feature_of(t)));
    }
    features
}

/// The `#[cfg]` on `features` that a body type needs, when the crate has features.
fn gate(features: &BTreeSet<&str>, types: &TypeContext<'_>) -> Option<String> {
    if !types.namespace_features || features.is_empty() {
        return None;
    }
    let cfg: Vec<String> = features.iter().map(|f| format!("feature = {}", lit(f))).collect();
    Some(match cfg.as_slice() {
        [one] => format!("#[cfg({one})]"),
        several => format!("#[cfg(all({}))]", several.join(", ")),
    })
}

/// `item` behind `gate` (every item of it), when given.
fn gated(item: TokenStream, gate: Option<&str>) -> TokenStream {
    match gate {
        Some(gate) => gate_items(item, &tokens(gate)),
        None => item,
    }
}

/// The name of each operation's body type, in operation order.
pub(crate) fn body_names(model: &Model) -> Vec<String> {
    let mut names = NameTable::camel();
    RESERVED_TYPE_NAMES.iter().for_each(|n| names.reserve(n));
    model
        .operations
        .iter()
        .map(|operation| {
            names.claim(&format!(
                "{}Body",
                upper_camel(&operation_name(&operation.method, &operation.path), "Operation")
            ))
        })
        .collect()
}

/// The property names the body's bundle type marks read-only.
fn read_only_in_body_type<'a>(types: &TypeContext<'a>, body_type: Option<&str>) -> BTreeSet<&'a str> {
    let Some(def) = body_type.and_then(|t| types.defs.get(t)) else { return BTreeSet::new() };
    let (properties, _) = types.inherited(def);
    properties.into_iter().filter(|p| p.read_only).map(|p| p.json_name.as_str()).collect()
}

//! Emits `requests.rs`: a type per operation request body, named after its method and path
//! (`POST /policies/crossTenantIdentitySyncPolicy/partners` →
//! `PostPoliciesCrossTenantIdentitySyncPolicyPartnersBody`). An object body is a struct whose
//! required properties are plain fields and whose read-only properties are left out (the service
//! sets them); a body that is a bundle type is an alias of it.

use crate::GeneratedFile;
use crate::emit::{doc_attrs, file_docs, format_cached, format_file, gate_items, join_formatted};
use crate::enums;
use crate::names::{NameTable, RESERVED_TYPE_NAMES, ident, operation_name, upper_camel};
use crate::parallel;
use crate::schema_view::{DefKind, Model, Operation, Property, Shape};
use crate::types::{Field, TypeContext, shape_refs, structure};
use graphdoc_diagnostics::Diagnostic;
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;
use std::collections::{BTreeSet, HashMap};

const MODULE_DOC: &[&str] = &[
    "Request-body types, one per operation that documents a body. A required property is a plain field (an `Option` only if it may be `null`); read-only properties are left out, and land in `additional` if sent.",
];

/// `requests.rs`, or `None` when no operation has a request body.
pub(crate) fn emit(model: &Model, types: &TypeContext<'_>, diagnostics: &mut Vec<Diagnostic>) -> Option<GeneratedFile> {
    if model.operations.is_empty() {
        return None;
    }
    let layout = types.layout;
    let from = vec!["requests".to_owned()];
    let root_feature = layout.modules.first().and_then(|m| m.feature.as_deref());
    let named: Vec<(&Operation, String)> = model.operations.iter().zip(body_names(model)).collect();
    let shared = shared_bodies(&named, types, &from, root_feature);
    let mut diagnostics_by_body = Vec::new();
    let mut pieces = vec![format_file("requests.rs", file_docs(MODULE_DOC), diagnostics)];
    // Each body is emitted and formatted on its own (in parallel), then joined in order.
    for (text, found) in parallel::map_ordered(&named, types.jobs, |i, (operation, name)| {
        let mut found = Vec::new();
        let item = match shared[i] {
            Sharing::Alone => body_item(operation, name, &Label::Operation, types, &from, root_feature),
            Sharing::First(others) => body_item(operation, name, &Label::Shared(others), types, &from, root_feature),
            Sharing::SameAs(first) => same_body(operation, name, &named[first].1, types, &from, root_feature),
        };
        (format_cached(types.format_cache, "requests.rs", item, &mut found), found)
    }) {
        pieces.push(text);
        diagnostics_by_body.extend(found);
    }
    diagnostics.extend(diagnostics_by_body);
    Some(GeneratedFile { path: "requests.rs".to_owned(), contents: join_formatted(&pieces) })
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
    let keys = parallel::map_ordered(named, types.jobs, |_, (operation, _)| match operation.body_kind {
        DefKind::Alias(_) => None,
        _ => Some(without_docs(body_item(operation, "Body", &Label::None, types, from, root_feature)).to_string()),
    });
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

/// `tokens` without `#[doc = …]` attributes.
fn without_docs(tokens: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                let is_doc = matches!(trees.peek(), Some(TokenTree::Group(g))
                    if g.delimiter() == Delimiter::Bracket
                        && g.stream().into_iter().next().is_some_and(|t| t.to_string() == "doc"));
                if is_doc {
                    trees.next();
                } else {
                    out.push(TokenTree::Punct(p));
                }
            }
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), without_docs(g.stream()));
                inner.set_span(g.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// What a body type's docs and error messages call it.
enum Label {
    /// Its operation.
    Operation,
    /// Its operation, and that `n` other operations' body types are aliases of it.
    Shared(usize),
    /// Nothing (for comparing shapes).
    None,
}

/// A body type that is another operation's (`pub type A = B;`, gated like `B`).
fn same_body(
    operation: &Operation,
    name: &str,
    first: &str,
    types: &TypeContext<'_>,
    from: &[String],
    root_feature: Option<&str>,
) -> TokenStream {
    let (what, title) = describe(operation);
    let docs = doc_attrs([format!("The request body of `{what}`{title}: the same fields as [`{first}`].").as_str()]);
    let (name, first) = (ident(name), ident(first));
    let item = quote! { #docs pub type #name = #first; };
    let fields = object_fields(operation, types, from, root_feature);
    let features = body_features(operation, fields.as_deref(), types, root_feature);
    gated(item, &features, types)
}

fn describe(operation: &Operation) -> (String, String) {
    let what = format!("{} {}", operation.method, operation.path).replace('`', "'");
    let title = operation.title.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
    (what, title)
}

/// One operation's body type (gated on the features its fields need).
fn body_item(
    operation: &Operation,
    name: &str,
    label: &Label,
    types: &TypeContext<'_>,
    from: &[String],
    root_feature: Option<&str>,
) -> TokenStream {
    let layout = types.layout;
    let (what, title) = describe(operation);
    let (docs, type_label) = match label {
        Label::Operation => (doc_attrs([format!("The request body of `{what}`{title}.").as_str()]), what),
        Label::Shared(others) => {
            let more = if *others == 1 { "1 more operation" } else { &format!("{others} more operations") };
            let doc = format!(
                "The request body of `{what}`{title}, and of {more} with the same fields (their body types are aliases of this one)."
            );
            (doc_attrs([doc.as_str()]), format!("the request body {name}"))
        }
        Label::None => (quote!(), String::new()),
    };
    let fields = object_fields(operation, types, from, root_feature);
    let features = body_features(operation, fields.as_deref(), types, root_feature);
    let name = ident(name);
    let item = match (&operation.body_kind, &fields) {
        (_, Some(fields)) => structure(&name, &docs, &type_label, fields, &types.runtime(from)),
        (DefKind::Enum { members, .. }, None) => enums::enumeration(members, &name, &docs),
        (DefKind::Alias(shape), None) => {
            let ty = match shape {
                Shape::Ref(target) if types.kinds.get(target).is_none() => {
                    layout.type_path(from, target, layout.local_name(target))
                }
                _ => types.rust_type(shape, from, false),
            };
            quote! { #docs pub type #name = #ty; }
        }
        (DefKind::Object { .. }, None) => quote!(),
    };
    gated(item, &features, types)
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

/// `item` behind a `#[cfg]` on `features`, when the crate has features.
fn gated(item: TokenStream, features: &BTreeSet<&str>, types: &TypeContext<'_>) -> TokenStream {
    let cfg: Vec<TokenStream> = features.iter().map(|f| quote!(feature = #f)).collect();
    let gate = match cfg.as_slice() {
        [one] => quote!(#[cfg(#one)]),
        several => quote!(#[cfg(all(#(#several),*))]),
    };
    if types.namespace_features && !cfg.is_empty() { gate_items(item, &gate) } else { item }
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

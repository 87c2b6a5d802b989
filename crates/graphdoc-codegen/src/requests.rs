//! Emits `requests.rs`: a type per operation request body, named after its method and path
//! (`POST /policies/crossTenantIdentitySyncPolicy/partners` →
//! `PostPoliciesCrossTenantIdentitySyncPolicyPartnersBody`). An object body is a struct whose
//! required properties are plain fields and whose read-only properties are left out (the service
//! sets them); a body that is a bundle type is an alias of it.

use crate::GeneratedFile;
use crate::emit::{doc_attrs, file_docs, format_file, gate_items};
use crate::enums;
use crate::names::{NameTable, RESERVED_TYPE_NAMES, ident, operation_name, upper_camel};
use crate::schema_view::{DefKind, Model, Property, Shape};
use crate::types::{TypeContext, shape_refs, structure};
use graphdoc_diagnostics::Diagnostic;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

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
    let mut items = Vec::new();
    for (operation, name) in model.operations.iter().zip(body_names(model)) {
        let name = ident(&name);
        let what = format!("{} {}", operation.method, operation.path).replace('`', "'");
        let title = operation.title.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
        let docs = doc_attrs([format!("The request body of `{what}`{title}.").as_str()]);
        let own_feature = operation.body_type.as_deref().and_then(|t| layout.feature_of(t)).or(root_feature);
        let mut features: BTreeSet<&str> = own_feature.into_iter().collect();
        let item = match &operation.body_kind {
            DefKind::Object { properties, required, .. } => {
                let read_only = read_only_in_body_type(types, operation.body_type.as_deref());
                let required: BTreeSet<String> = required.iter().cloned().collect();
                // A property the body requires stays, whatever the type's page says.
                let kept: Vec<&Property> = properties
                    .iter()
                    .filter(|p| {
                        required.contains(&p.json_name) || !(p.read_only || read_only.contains(p.json_name.as_str()))
                    })
                    .collect();
                let fields = types.fields(&kept, &required, &from, own_feature);
                features.extend(fields.iter().filter_map(|f| f.needs.as_deref()).filter_map(|f| {
                    layout.modules.iter().find_map(|m| m.feature.as_deref().filter(|mine| *mine == f))
                }));
                structure(&name, &docs, &what, &fields, &types.runtime(&from))
            }
            DefKind::Enum { members, .. } => enums::enumeration(members, &name, &docs),
            DefKind::Alias(shape) => {
                features.extend(shape_refs(shape).into_iter().filter_map(|t| layout.feature_of(t)));
                let ty = match shape {
                    Shape::Ref(target) if types.kinds.get(target).is_none() => {
                        layout.type_path(&from, target, layout.local_name(target))
                    }
                    _ => types.rust_type(shape, &from, false),
                };
                quote! { #docs pub type #name = #ty; }
            }
        };
        let cfg: Vec<TokenStream> = features.iter().map(|f| quote!(feature = #f)).collect();
        let gate = match cfg.as_slice() {
            [one] => quote!(#[cfg(#one)]),
            several => quote!(#[cfg(all(#(#several),*))]),
        };
        items.push(if types.namespace_features && !cfg.is_empty() { gate_items(item, &gate) } else { item });
    }
    let header = file_docs(MODULE_DOC);
    let tokens = quote! { #header #(#items)* };
    Some(GeneratedFile { path: "requests.rs".to_owned(), contents: format_file("requests.rs", tokens, diagnostics) })
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

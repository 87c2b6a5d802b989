//! Polymorphism: for a base type that some field is typed as, and that other types derive from,
//! a `…Kind` enum with a boxed variant per member of its family. It deserializes into the type
//! `@odata.type` names (with or without the leading `#`), falls back to the base type for any
//! other value, and serializes a derived type with its `@odata.type`.
//!
//! Only bases that fields use get an enum: `microsoft.graph.entity` has ~1,500 descendants in
//! the full Graph, and an enum no field holds would be compile time for nothing.

use crate::emit::tokens;
use crate::layout::{Layout, companion_names};
use crate::names::ident_text;
use crate::schema_view::{Def, DefKind, Model, Shape};
use crate::text::{self, KindVariant};
use crate::types::{TypeContext, shape_refs};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The `…Kind` enum of one base type.
#[derive(Debug)]
pub(crate) struct Kind {
    /// Its identifier, in the base type's module.
    pub name: String,
    /// The base type first, then every type deriving from it, directly or not, sorted.
    pub members: Vec<String>,
}

#[derive(Debug, Default)]
pub(crate) struct Kinds {
    by_base: BTreeMap<String, Kind>,
}

impl Kinds {
    pub(crate) fn find(model: &Model, layout: &Layout, defs: &BTreeMap<&str, &Def>) -> Kinds {
        let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for def in &model.defs {
            if let DefKind::Object { bases, .. } = &def.kind {
                for base in bases {
                    children.entry(base.as_str()).or_default().push(def.name.as_str());
                }
            }
        }
        let mut shapes: Vec<&Shape> = Vec::new();
        for def in &model.defs {
            match &def.kind {
                DefKind::Object { properties, .. } => shapes.extend(properties.iter().map(|p| &p.shape)),
                DefKind::Alias(shape) => shapes.push(shape),
                DefKind::Enum { .. } => {}
            }
        }
        for operation in &model.operations {
            if let DefKind::Object { properties, .. } = &operation.body_kind {
                shapes.extend(properties.iter().map(|p| &p.shape));
            }
        }
        let used: BTreeSet<&str> =
            shapes.into_iter().flat_map(shape_refs).filter(|t| children.contains_key(t)).collect();
        let mut wanted: BTreeMap<usize, Vec<(String, &str)>> = BTreeMap::new();
        for base in used.iter().filter(|b| matches!(defs.get(*b).map(|d| &d.kind), Some(DefKind::Object { .. }))) {
            wanted.entry(layout.module_index(base)).or_default().push(((*base).to_owned(), "Kind"));
        }
        let mut by_base = BTreeMap::new();
        for (module, wanted) in wanted {
            for (base, name) in companion_names(layout, module, &[], &wanted) {
                // Depth-first over `children`; `seen` stops at a base-type cycle.
                let mut seen = BTreeSet::from([base.as_str()]);
                let mut stack: Vec<&str> = children.get(base.as_str()).cloned().unwrap_or_default();
                while let Some(next) = stack.pop() {
                    if seen.insert(next) {
                        stack.extend(children.get(next).into_iter().flatten().copied());
                    }
                }
                seen.remove(base.as_str());
                let mut members = vec![base.clone()];
                members.extend(seen.into_iter().map(str::to_owned));
                by_base.insert(base, Kind { name, members });
            }
        }
        Kinds { by_base }
    }

    pub(crate) fn get(&self, base: &str) -> Option<&Kind> {
        self.by_base.get(base)
    }

    /// The names of the enums in module `module`.
    pub(crate) fn names_in(&self, layout: &Layout, module: usize) -> Vec<String> {
        self.by_base
            .iter()
            .filter(|(base, _)| layout.module_index(base) == module)
            .map(|(_, k)| k.name.clone())
            .collect()
    }
}

/// The enum for `kind`, written in the base type's module `from`: as text where
/// [`text::kind`] can, else formatted by `format` from its tokens.
pub(crate) fn emit(
    types: &TypeContext<'_>,
    kind: &Kind,
    base: &str,
    from: &[String],
    format: impl FnOnce(TokenStream) -> String,
) -> String {
    let layout = types.layout;
    let base_feature = layout.feature_of(base);
    let variants: Vec<KindVariant<'_>> = kind
        .members
        .iter()
        .map(|member| KindVariant {
            cfg: match layout.feature_of(member) {
                Some(feature) if types.namespace_features && Some(feature) != base_feature => {
                    Some(format!("#[cfg(feature = {})]", text::lit(feature)))
                }
                _ => None,
            },
            ident: ident_text(layout.global_name(member)),
            path: layout.type_path_text(from, member, layout.local_name(member)),
            member: member.as_str(),
        })
        .collect();
    let name = ident_text(&kind.name);
    let doc = format!(
        " A `{}` or a type derived from it, chosen by the payload's `@odata.type`; any other value reads as the base type.",
        crate::emit::doc_text(&base.replace('`', "'"))
    );
    let runtime = types.runtime(from);
    text::kind(&name, &doc, &runtime, &variants)
        .unwrap_or_else(|| format(kind_tokens(&name, &doc, &runtime, &variants)))
}

/// The enum as tokens: the reference [`text::kind`] is held to, and its fallback.
pub(crate) fn kind_tokens(name: &str, doc: &str, runtime: &str, variants: &[KindVariant<'_>]) -> TokenStream {
    let (name, runtime) = (tokens(name), tokens(runtime));
    let variants: Vec<(TokenStream, TokenStream, TokenStream, &str)> = variants
        .iter()
        .map(|v| (v.cfg.as_deref().map(tokens).unwrap_or_default(), tokens(&v.ident), tokens(&v.path), v.member))
        .collect();
    let Some((_, base_variant, _, _)) = variants.first() else { return TokenStream::new() };
    let declarations = variants.iter().map(|(cfg, variant, path, member)| {
        let doc = text::kind_variant_doc(member);
        quote! { #[doc = #doc] #cfg #variant(#runtime Link<#path>), }
    });
    let reads = variants.iter().skip(1).map(|(cfg, variant, _, member)| {
        quote! { #cfg Some(#member) => #runtime variant(value).map(Self::#variant), }
    });
    let writes = variants.iter().enumerate().map(|(i, (cfg, variant, _, member))| {
        if i == 0 {
            return quote! { Self::#variant(value) => serde::Serialize::serialize(value, serializer), };
        }
        let odata_type = format!("#{member}");
        quote! {
            #cfg Self::#variant(value) => #runtime derived(value, value.odata_type.is_some(), #odata_type, serializer),
        }
    });
    let froms = variants.iter().map(|(cfg, variant, path, _)| {
        quote! {
            #cfg
            impl From<#path> for #name {
                fn from(value: #path) -> Self {
                    Self::#variant(#runtime Link::new(value))
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#declarations)*
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                match #runtime odata_type(&value) {
                    #(#reads)*
                    _ => #runtime variant(value).map(Self::#base_variant),
                }
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                }
            }
        }

        #(#froms)*
    }
}

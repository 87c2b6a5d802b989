//! Emits the generated `types.rs`: a struct per object type, an enum per string enum and a type
//! alias for everything else (unresolved and permissive types are `serde_json::Value`).

use crate::emit::{doc_attrs, file_docs};
use crate::names::{NameTable, ident, snake, upper_camel};
use crate::schema_view::{Def, DefKind, IntWidth, Model, Property, Shape, unsupported};
use graphdoc_diagnostics::Diagnostic;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// What the generated module says about itself; the design choices a reader needs.
const MODULE_DOC: &[&str] = &[
    "Rust types for the schema's `$defs`, one per qualified type name.",
    "Every field is an `Option`, whether or not the schema requires it or allows `null`: a payload may leave any property out (a PATCH body, a `$select` response), and `null` and absent read the same. The validators in `super::validate` are what enforce `required`, formats and ranges.",
    "A type with a base type (`allOf: [$ref base, own properties]`) has the base's properties copied in, base first, recursively; there is no nesting or trait for inheritance. `@odata.type` is the `odata_type` field and every other unnamed member (instance annotations such as `@odata.etag`, properties of derived types) lands in `additional`, so payloads round-trip.",
    "A field that refers to another struct is boxed, which keeps recursive types finite and structs small. Enums keep values they do not know in `Other`, so a new member in the service does not break deserialization.",
];

/// The generated `types.rs`.
pub(crate) fn emit(
    model: &Model,
    type_names: &BTreeMap<String, String>,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> TokenStream {
    let defs: BTreeMap<&str, &Def> = model.defs.iter().map(|d| (d.name.as_str(), d)).collect();
    let cyclic = cyclic_aliases(&defs);
    let context = Context { defs: &defs, type_names };
    let items = model.defs.iter().map(|def| {
        let name = ident(type_names.get(&def.name).map_or("Unnamed", String::as_str));
        let docs = doc_attrs(
            def.description
                .as_deref()
                .into_iter()
                .chain([format!("Schema type `{}`.", def.name.replace('`', "'")).as_str()]),
        );
        match &def.kind {
            DefKind::Object { .. } => context.structure(def, &name, &docs),
            DefKind::Enum { members } => enumeration(members, &name, &docs),
            DefKind::Alias(shape) => {
                let ty = if cyclic.contains(def.name.as_str()) {
                    let pointer = format!("/$defs/{}", crate::schema_view::escape_token(&def.name));
                    diagnostics.push(unsupported(
                        file,
                        &pointer,
                        "a type alias that refers to itself has no Rust type; kept as serde_json::Value",
                    ));
                    quote!(serde_json::Value)
                } else {
                    context.rust_type(shape, false)
                };
                quote! { #docs pub type #name = #ty; }
            }
        }
    });
    let items: Vec<TokenStream> = items.collect();
    let header = file_docs(MODULE_DOC);
    quote! { #header #(#items)* }
}

struct Context<'a> {
    defs: &'a BTreeMap<&'a str, &'a Def>,
    type_names: &'a BTreeMap<String, String>,
}

impl<'a> Context<'a> {
    fn structure(&self, def: &'a Def, name: &proc_macro2::Ident, docs: &TokenStream) -> TokenStream {
        let mut properties: Vec<&Property> = Vec::new();
        self.collect_properties(def, &mut BTreeSet::new(), &mut properties);
        let mut fields = NameTable::snake();
        fields.reserve("odata_type");
        fields.reserve("additional");
        let fields = properties.iter().filter(|p| p.json_name != "@odata.type").map(|property| {
            let field = ident(&fields.claim(&snake(&property.json_name, "field")));
            let ty = self.rust_type(&property.shape, true);
            let json_name = &property.json_name;
            let docs = doc_attrs(property.description.as_deref());
            quote! {
                #docs
                #[serde(rename = #json_name, default, skip_serializing_if = "Option::is_none")]
                pub #field: Option<#ty>,
            }
        });
        let fields: Vec<TokenStream> = fields.collect();
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
            pub struct #name {
                /// The `@odata.type` annotation: the payload's concrete type, e.g. `#microsoft.graph.user`.
                #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
                pub odata_type: Option<String>,
                #(#fields)*
                /// Instance annotations and properties this type does not name, kept as sent.
                #[serde(flatten)]
                pub additional: serde_json::Map<String, serde_json::Value>,
            }
        }
    }

    /// Base types' properties (recursively, base first) then the type's own. A property that a
    /// derived type names again keeps its place and takes the derived type's schema.
    fn collect_properties(&self, def: &'a Def, visiting: &mut BTreeSet<&'a str>, out: &mut Vec<&'a Property>) {
        let DefKind::Object { bases, properties } = &def.kind else { return };
        if !visiting.insert(def.name.as_str()) {
            return; // a base-type cycle: each type contributes once
        }
        for base in bases {
            if let Some(base_def) = self.defs.get(base.as_str()) {
                self.collect_properties(base_def, visiting, out);
            }
        }
        for property in properties {
            match out.iter_mut().find(|p| p.json_name == property.json_name) {
                Some(slot) => *slot = property,
                None => out.push(property),
            }
        }
    }

    /// The Rust type for a shape. At field level `null` is covered by the field's `Option`, and
    /// a reference to a struct is boxed.
    fn rust_type(&self, shape: &Shape, field: bool) -> TokenStream {
        match shape {
            Shape::Any => quote!(serde_json::Value),
            Shape::Object => quote!(serde_json::Map<String, serde_json::Value>),
            Shape::String => quote!(String),
            Shape::Bool => quote!(bool),
            Shape::Int(IntWidth::I16) => quote!(i16),
            Shape::Int(IntWidth::I32) => quote!(i32),
            Shape::Int(IntWidth::I64) => quote!(i64),
            Shape::Int(IntWidth::U8) => quote!(u8),
            Shape::Number => quote!(f64),
            Shape::Ref(target) => {
                let name = ident(self.type_names.get(target).map_or("Unnamed", String::as_str));
                if field && self.is_struct(target) { quote!(Box<#name>) } else { quote!(#name) }
            }
            Shape::Array(items) => {
                let items = self.rust_type(items, false);
                quote!(Vec<#items>)
            }
            Shape::Nullable(inner) if field => self.rust_type(inner, true),
            Shape::Nullable(inner) => {
                let inner = self.rust_type(inner, false);
                quote!(Option<#inner>)
            }
        }
    }

    /// Whether `name` is a struct, following aliases of plain references.
    fn is_struct(&self, name: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut current = name;
        while seen.insert(current) {
            match self.defs.get(current).map(|d| &d.kind) {
                Some(DefKind::Object { .. }) => return true,
                Some(DefKind::Alias(Shape::Ref(next))) => current = next,
                Some(DefKind::Alias(Shape::Nullable(inner))) => match inner.as_ref() {
                    Shape::Ref(next) => current = next,
                    _ => return false,
                },
                _ => return false,
            }
        }
        false
    }
}

/// Aliases whose Rust type would mention themselves (`type A = Vec<A>;` does not compile).
fn cyclic_aliases<'a>(defs: &BTreeMap<&'a str, &'a Def>) -> BTreeSet<&'a str> {
    fn refs<'s>(shape: &'s Shape, out: &mut Vec<&'s str>) {
        match shape {
            Shape::Ref(name) => out.push(name),
            Shape::Array(inner) | Shape::Nullable(inner) => refs(inner, out),
            _ => {}
        }
    }
    let alias_refs = |name: &str| -> Vec<&str> {
        let mut out = Vec::new();
        if let Some(DefKind::Alias(shape)) = defs.get(name).map(|d| &d.kind) {
            refs(shape, &mut out);
        }
        out
    };
    let mut cyclic = BTreeSet::new();
    for (&start, def) in defs {
        if !matches!(def.kind, DefKind::Alias(_)) {
            continue;
        }
        // Depth-first over alias-to-alias references, looking for a way back to `start`.
        let mut stack = alias_refs(start);
        let mut seen = BTreeSet::new();
        while let Some(next) = stack.pop() {
            if next == start {
                cyclic.insert(start);
                break;
            }
            if seen.insert(next) {
                stack.extend(alias_refs(next));
            }
        }
    }
    cyclic
}

/// A string enum with a catch-all, serialized by hand so that unknown values survive.
fn enumeration(members: &[String], name: &proc_macro2::Ident, docs: &TokenStream) -> TokenStream {
    let mut variants = NameTable::camel();
    variants.reserve("Other");
    variants.reserve("Self");
    let variants: Vec<(proc_macro2::Ident, &str)> =
        members.iter().map(|member| (ident(&variants.claim(&upper_camel(member, "Empty"))), member.as_str())).collect();
    let declarations = variants.iter().map(|(variant, json)| {
        let doc = format!(" `{}`", json.replace('`', "'"));
        quote! { #[doc = #doc] #variant, }
    });
    let to_str = variants.iter().map(|(variant, json)| quote! { Self::#variant => #json, });
    let from_str = if variants.is_empty() {
        quote! { Self::Other(value.to_owned()) }
    } else {
        let arms = variants.iter().map(|(variant, json)| quote! { #json => Self::#variant, });
        quote! { match value { #(#arms)* other => Self::Other(other.to_owned()), } }
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#declarations)*
            /// A value this schema does not list, kept as sent.
            Other(String),
        }

        impl #name {
            /// The JSON string for this value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Other(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                #from_str
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}

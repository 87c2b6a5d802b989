//! Emits the generated type modules: `types.rs` (which declares a module per namespace) and one
//! file per namespace holding a struct per object type, an enum (or flags set) per string enum,
//! a `…Kind` enum per base type used polymorphically, and a type alias for everything else.
//!
//! Structs implement `Serialize`/`Deserialize` by hand through `serde_support` (one helper call
//! per field) rather than `#[derive]`, which keeps compile time proportional to the field count.

use crate::cache::FormatCache;
use crate::emit::{doc_lines, doc_tokens, file_docs, format_cached, format_file, join_formatted, tokens};
use crate::enums;
use crate::kinds::{self, Kinds};
use crate::layout::{Layout, companion_names, relative_path_text};
use crate::memo::{ItemKeys, memoized};
use crate::names::{NameTable, ident, ident_text, snake};
use crate::parallel;
use crate::schema_view::{Def, DefKind, IntWidth, Model, Property, Shape, escape_token, unsupported};
use crate::text;
use crate::{GeneratedFile, Settings};
use graphdoc_diagnostics::Diagnostic;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// What `types.rs` says about itself; the design choices a reader needs.
const MODULE_DOC: &[&str] = &[
    "Rust types for the schema's `$defs`, one module per namespace: the root namespace's types are here, others in a module below (`microsoft.graph.callRecords` → `call_records`).",
    "A field is an `Option` unless the schema requires it: a payload may leave any property out (a PATCH body, a `$select` response). A member sent as `null` reads as `None` and is kept in `additional` as `null`, so it is written back. The validators in `super::validate` are what enforce `required`, formats and ranges; date, time, duration, uuid and base64 values are `String`s they check.",
    "A type with a base type has the base's properties copied in, base first; there is no nesting or trait for inheritance. A field whose type has derived types holds a `…Kind` enum that reads the derived type `@odata.type` names. `@odata.type` is the `odata_type` field and every other unnamed member (instance annotations such as `@odata.etag`, properties of derived types) lands in `additional`, so payloads round-trip.",
    "Enums keep values they do not know in `Other`, so a new member in the service does not break deserialization.",
];

/// The files of the `types` tree, and the module-to-module dependencies a feature must carry
/// (type aliases; every other cross-namespace reference is gated field by field).
pub(crate) struct TypeFiles {
    pub files: Vec<GeneratedFile>,
    pub hard_edges: BTreeMap<usize, BTreeSet<usize>>,
    /// Where each type's text is, for patching it: see [`crate::patch::Pieces`].
    pub pieces: crate::patch::Pieces,
}

pub(crate) fn emit(
    model: &Model,
    types: &TypeContext<'_>,
    settings: &Settings,
    diagnostics: &mut Vec<Diagnostic>,
) -> TypeFiles {
    let layout = types.layout;
    let cyclic = cyclic_aliases(&types.defs);
    let mut files = Vec::new();
    let mut hard_edges: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();

    // Each type is emitted and formatted on its own (in parallel), or taken from an earlier run
    // when what it is written from did not change; a module's file is its header then its
    // types' text, in `$defs` order.
    let emitted = parallel::map_ordered(&model.defs, settings.jobs, |i, def| {
        let key = types.keys.map(|keys| keys.types[i]);
        memoized(types.format_cache, key, || emit_def(types, def, &cyclic, settings, layout.module_index(&def.name)))
    });
    let mut items: Vec<Vec<String>> = vec![Vec::new(); layout.modules.len()];
    // Each type's module and its piece there (piece 0 of a module's file is its header).
    let mut slots = Vec::with_capacity(model.defs.len());
    for (def, out) in model.defs.iter().zip(emitted) {
        let index = layout.module_index(&def.name);
        for &to in &out.edges {
            hard_edges.entry(index).or_default().insert(to);
        }
        diagnostics.extend(out.diagnostics.iter().cloned());
        slots.push((index, items[index].len() + 1));
        items[index].push(out.text.clone());
    }
    let mut pieces = crate::patch::Pieces::default();
    let mut file_of = vec![None; layout.modules.len()];

    let gate = |feature: &Option<String>| match feature {
        Some(feature) if settings.namespace_features => quote!(#[cfg(feature = #feature)]),
        _ => quote!(),
    };
    // `types.rs`: the root module, private and re-exported, then the top-level modules.
    let mut top = Vec::new();
    if let Some(root) = layout.modules.first().filter(|m| !m.types.is_empty()) {
        let module = ident(&root.path[0]);
        let cfg = gate(&root.feature);
        top.push(quote! { #cfg mod #module; #cfg pub use #module::*; });
    }
    let children = |parent: &[String]| -> Vec<TokenStream> {
        layout
            .modules
            .iter()
            .filter(|m| !m.is_root && m.path.len() == parent.len() + 1 && m.path.starts_with(parent))
            .map(|m| {
                let cfg = gate(&m.feature);
                let module = ident(m.path.last().map_or("ns", String::as_str));
                let doc = format!(" Types of the `{}` namespace.", crate::emit::doc_text(&m.namespaces.join("`, `")));
                let doc = if m.namespaces.is_empty() { quote!() } else { quote!(#[doc = #doc]) };
                quote! { #doc #cfg pub mod #module; }
            })
            .collect()
    };
    top.extend(children(&[]));
    let header = file_docs(MODULE_DOC);
    files.push(GeneratedFile {
        path: "types.rs".to_owned(),
        contents: format_file("types.rs", quote! { #header #(#top)* }, diagnostics),
    });
    for (index, module) in layout.modules.iter().enumerate() {
        if module.is_root && module.types.is_empty() {
            continue;
        }
        let nested = if module.is_root { Vec::new() } else { children(&module.path) };
        let summary = match module.namespaces.as_slice() {
            [] => "Modules of nested namespaces.".to_owned(),
            namespaces => format!("Types of the `{}` namespace.", namespaces.join("`, `")),
        };
        let header = file_docs(&[summary.as_str()]);
        let path = module_file(layout, index);
        let mut texts = vec![format_file(&path, quote! { #header #(#nested)* }, diagnostics)];
        texts.append(&mut items[index]);
        file_of[index] = Some(files.len());
        pieces.lengths.insert(files.len(), texts.iter().map(String::len).collect());
        files.push(GeneratedFile { contents: join_formatted(&texts), path });
    }
    pieces.slots = slots.into_iter().map(|(module, piece)| Some((file_of[module]?, piece))).collect();
    TypeFiles { files, hard_edges, pieces }
}

/// Type `def`'s items and what writing them found, made under `key` as [`emit`] makes them
/// (or taken from the cache).
pub(crate) fn def_items(
    types: &TypeContext<'_>,
    def: &Def,
    settings: &Settings,
    key: u128,
) -> (String, Vec<Diagnostic>) {
    let cyclic = cyclic_aliases(&types.defs);
    let index = types.layout.module_index(&def.name);
    let out = memoized(types.format_cache, Some(key), || emit_def(types, def, &cyclic, settings, index));
    (out.text.clone(), out.diagnostics.clone())
}

/// A type's items as an earlier run left them in `cache` under `key`.
pub(crate) fn cached_def_items(cache: &FormatCache, key: u128) -> Option<(String, Vec<Diagnostic>)> {
    let out = cache.item(key)?.downcast::<EmittedDef>().ok()?;
    Some((out.text.clone(), out.diagnostics.clone()))
}

/// `types/<module path>.rs`.
fn module_file(layout: &Layout, index: usize) -> String {
    format!("types/{}.rs", layout.modules[index].path.join("/"))
}

/// One type's formatted items and what it tells the crate.
struct EmittedDef {
    text: String,
    /// Modules whose features this type's module needs.
    edges: Vec<usize>,
    diagnostics: Vec<Diagnostic>,
}

/// The items of one `$defs` entry (in module `index`), formatted.
fn emit_def(
    types: &TypeContext<'_>,
    def: &Def,
    cyclic: &BTreeSet<&str>,
    settings: &Settings,
    index: usize,
) -> EmittedDef {
    let layout = types.layout;
    let mut edges = Vec::new();
    let mut diagnostics = Vec::new();
    let from = layout.home_path(index);
    let path = module_file(layout, index);
    let name = ident_text(layout.local_name(&def.name));
    let docs = doc_lines(
        def.description
            .as_deref()
            .into_iter()
            .chain([format!("Schema type `{}`.", def.name.replace('`', "'")).as_str()]),
    );
    // Each item is written as text where it can be, and otherwise formatted from its tokens.
    let mut format = |tokens: TokenStream| format_cached(types.format_cache, &path, tokens, &mut diagnostics);
    let text = match &def.kind {
        DefKind::Object { .. } => {
            let (properties, required) = types.inherited(def);
            let fields = types.fields(&properties, &required, &from, layout.feature_of(&def.name));
            for field in &fields {
                if let Some(to) = field
                    .needs
                    .as_deref()
                    .and_then(|f| layout.modules.iter().position(|m| m.feature.as_deref() == Some(f)))
                {
                    edges.push(to);
                }
            }
            let runtime = types.runtime(&from);
            let mut text = text::structure(&name, &docs, &def.name, &fields, &runtime, None)
                .unwrap_or_else(|| format(structure(&tokens(&name), &doc_tokens(&docs), &def.name, &fields, &runtime)));
            if let Some(kind) = types.kinds.get(&def.name) {
                text.push('\n');
                text.push_str(&kinds::emit(types, kind, &def.name, &from, &mut format));
            }
            text
        }
        DefKind::Enum { members, flags: false } => {
            let variants = enums::variants(members);
            text::enumeration(&name, &docs, &variants)
                .unwrap_or_else(|| format(enums::enumeration(&variants, &tokens(&name), &doc_tokens(&docs))))
        }
        DefKind::Enum { members, flags: true } => {
            let variants = enums::variants(members);
            let member = ident_text(types.flag_members.get(&def.name).map_or("Member", String::as_str));
            let runtime = types.runtime(&from);
            text::flags(&name, &member, &docs, &variants, &runtime).unwrap_or_else(|| {
                let (name, member, docs) = (tokens(&name), tokens(&member), doc_tokens(&docs));
                format(enums::flags(&variants, &name, &member, &docs, &tokens(&runtime)))
            })
        }
        DefKind::Alias(shape) => {
            let ty = if cyclic.contains(def.name.as_str()) {
                let pointer = format!("/$defs/{}", escape_token(&def.name));
                let message = "a type alias that refers to itself has no Rust type; kept as serde_json::Value";
                diagnostics.push(unsupported(&settings.schema_file, &pointer, message));
                "serde_json::Value".to_owned()
            } else {
                edges.extend(shape_refs(shape).into_iter().map(|target| layout.module_index(target)));
                match shape {
                    // `pub type A = B;`, not a link: an alias is another name for the type.
                    Shape::Ref(target) if types.kinds.get(target).is_none() => {
                        layout.type_path_text(&from, target, layout.local_name(target))
                    }
                    _ => types.rust_type(shape, &from, false),
                }
            };
            text::alias(&name, &docs, &ty, None).unwrap_or_else(|| {
                let (name, docs, ty) = (tokens(&name), doc_tokens(&docs), tokens(&ty));
                format_cached(types.format_cache, &path, quote! { #docs pub type #name = #ty; }, &mut diagnostics)
            })
        }
    };
    EmittedDef { text, edges, diagnostics }
}

/// A context's `…Kind` enums and flags enums' member-enum names.
pub(crate) type TypeNames = (Kinds, BTreeMap<String, String>);

/// Everything the struct, enum and kind emitters share.
pub(crate) struct TypeContext<'a> {
    pub layout: &'a Layout,
    pub defs: BTreeMap<&'a str, &'a Def>,
    /// Base types used polymorphically (as a field's type), with their `…Kind` enums.
    pub kinds: Kinds,
    /// Flags enums → the name of their member enum.
    pub flag_members: BTreeMap<String, String>,
    pub namespace_features: bool,
    /// Threads for the per-item emitters ([`crate::Settings::jobs`]).
    pub jobs: usize,
    /// Earlier runs' items, when the caller keeps them.
    pub format_cache: Option<&'a FormatCache>,
    /// The keys those items are kept under (with a cache only).
    pub keys: Option<&'a ItemKeys>,
}

/// One field of a generated struct, as source text.
pub(crate) struct Field {
    pub json_name: String,
    pub ident: String,
    /// The declared type (already `Option<…>` where the value may be absent or null).
    pub ty: String,
    /// Read and written with `required` (present, possibly `null`) rather than `optional`.
    pub required: bool,
    /// The feature of the `#[cfg]` that leaves it out when its type's namespace is not compiled
    /// (never on a required field: see `needs`).
    pub cfg: Option<String>,
    /// For a required field whose type is in another namespace: that namespace's feature,
    /// which the whole struct then needs.
    pub needs: Option<String>,
    /// Its `#[doc]` values.
    pub docs: Vec<String>,
}

impl<'a> TypeContext<'a> {
    pub(crate) fn new(
        model: &'a Model,
        layout: &'a Layout,
        settings: &Settings,
        format_cache: Option<&'a FormatCache>,
        keys: Option<&'a ItemKeys>,
    ) -> Self {
        let mut context = Self::with_names(model, layout, settings, format_cache, keys, TypeNames::default());
        context.kinds = Kinds::find(model, layout, &context.defs);
        // Flags enums by module, in model order: only their modules need a table of names.
        let mut wanted: BTreeMap<usize, Vec<(String, &str)>> = BTreeMap::new();
        for def in model.defs.iter().filter(|d| matches!(d.kind, DefKind::Enum { flags: true, .. })) {
            wanted.entry(layout.module_index(&def.name)).or_default().push((def.name.clone(), "Member"));
        }
        for (index, wanted) in wanted {
            // `…Kind` enums claimed their names first; member enums must not take them.
            let taken = context.kinds.names_in(layout, index);
            context.flag_members.extend(companion_names(layout, index, &taken, &wanted));
        }
        context
    }

    /// A context whose `…Kind` enums and flags member names, which follow from the model's
    /// structure alone, are already known (from [`TypeContext::into_names`] of a context for a
    /// model of the same structure).
    pub(crate) fn with_names(
        model: &'a Model,
        layout: &'a Layout,
        settings: &Settings,
        format_cache: Option<&'a FormatCache>,
        keys: Option<&'a ItemKeys>,
        (kinds, flag_members): TypeNames,
    ) -> Self {
        let defs: BTreeMap<&str, &Def> = model.defs.iter().map(|d| (d.name.as_str(), &**d)).collect();
        TypeContext {
            layout,
            defs,
            kinds,
            flag_members,
            namespace_features: settings.namespace_features,
            jobs: settings.jobs,
            format_cache,
            keys,
        }
    }

    /// The names the context found, for [`TypeContext::with_names`].
    pub(crate) fn into_names(self) -> TypeNames {
        (self.kinds, self.flag_members)
    }

    /// The path prefix of the runtime helpers (`super::super::serde_support::`) from `from`.
    pub(crate) fn runtime(&self, from: &[String]) -> String {
        relative_path_text(from, &["serde_support".to_owned()])
    }

    /// Base types' properties (recursively, base first) then the type's own, and every
    /// property name the chain requires. A property a derived type names again keeps its
    /// place and takes the derived type's schema.
    pub(crate) fn inherited(&self, def: &'a Def) -> (Vec<&'a Property>, BTreeSet<String>) {
        let mut properties = Vec::new();
        let mut required = BTreeSet::new();
        self.collect(def, &mut BTreeSet::new(), &mut properties, &mut required);
        (properties, required)
    }

    fn collect(
        &self,
        def: &'a Def,
        visiting: &mut BTreeSet<&'a str>,
        out: &mut Vec<&'a Property>,
        required: &mut BTreeSet<String>,
    ) {
        let DefKind::Object { bases, properties, required: own_required } = &def.kind else { return };
        if !visiting.insert(def.name.as_str()) {
            return; // a base-type cycle: each type contributes once
        }
        for base in bases {
            if let Some(base_def) = self.defs.get(base.as_str()) {
                self.collect(base_def, visiting, out, required);
            }
        }
        required.extend(own_required.iter().cloned());
        for property in properties {
            match out.iter_mut().find(|p| p.json_name == property.json_name) {
                Some(slot) => *slot = property,
                None => out.push(property),
            }
        }
    }

    /// The fields for `properties` in a struct written in module `from` whose own feature is
    /// `own_feature`. `@odata.type` is left out: every struct has it as `odata_type`.
    pub(crate) fn fields(
        &self,
        properties: &[&Property],
        required: &BTreeSet<String>,
        from: &[String],
        own_feature: Option<&str>,
    ) -> Vec<Field> {
        let mut names = NameTable::snake();
        names.reserve("odata_type");
        names.reserve("additional");
        properties
            .iter()
            .filter(|p| p.json_name != "@odata.type")
            .map(|property| {
                let ident = ident_text(&names.claim(&snake(&property.json_name, "field")));
                let required = required.contains(&property.json_name);
                let inner = self.rust_type(&property.shape, from, true);
                let nullable = matches!(property.shape, Shape::Nullable(_) | Shape::Any);
                let ty = if required && !nullable { inner } else { format!("Option<{inner}>") };
                let feature = shape_refs(&property.shape)
                    .into_iter()
                    .filter_map(|target| self.layout.feature_of(target))
                    .find(|feature| Some(*feature) != own_feature);
                let (cfg, needs) = match feature {
                    Some(feature) if self.namespace_features && !required => (Some(feature.to_owned()), None),
                    Some(feature) if self.namespace_features => (None, Some(feature.to_owned())),
                    _ => (None, None),
                };
                let format_note = property
                    .string_format
                    .as_deref()
                    .map(|f| format!("Format `{}`: a string the validators check, kept as sent.", f.replace('`', "'")));
                let docs = doc_lines(property.description.as_deref().into_iter().chain(format_note.as_deref()));
                Field { json_name: property.json_name.clone(), ident, ty, required, cfg, needs, docs }
            })
            .collect()
    }

    /// The Rust type for a shape, named from module `from`. At field level `null` is covered by
    /// the field's `Option`. A reference to a struct is a `Link` (a box that keeps rustc's drop
    /// check from walking the whole type graph; see `serde_support::Link`), or the struct's
    /// `…Kind` enum, whose variants are links.
    pub(crate) fn rust_type(&self, shape: &Shape, from: &[String], field: bool) -> String {
        match shape {
            Shape::Any => "serde_json::Value".to_owned(),
            Shape::Object => "serde_json::Map<String, serde_json::Value>".to_owned(),
            Shape::String => "String".to_owned(),
            Shape::Bool => "bool".to_owned(),
            Shape::Int(IntWidth::I16) => "i16".to_owned(),
            Shape::Int(IntWidth::I32) => "i32".to_owned(),
            Shape::Int(IntWidth::I64) => "i64".to_owned(),
            Shape::Int(IntWidth::U8) => "u8".to_owned(),
            // `serde_json::Number`, not `f64`: `1` stays `1` (an `f64` writes `1.0`) and a
            // Decimal keeps every digit.
            Shape::Number => "serde_json::Number".to_owned(),
            Shape::Ref(target) => match self.kinds.get(target) {
                Some(kind) => self.layout.type_path_text(from, target, &kind.name),
                None => {
                    let path = self.layout.type_path_text(from, target, self.layout.local_name(target));
                    if self.is_struct(target) { format!("{}Link<{path}>", self.runtime(from)) } else { path }
                }
            },
            Shape::Array(items) => format!("Vec<{}>", self.rust_type(items, from, false)),
            Shape::Nullable(inner) if field => self.rust_type(inner, from, true),
            Shape::Nullable(inner) => format!("Option<{}>", self.rust_type(inner, from, false)),
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

/// The qualified names a shape refers to.
pub(crate) fn shape_refs(shape: &Shape) -> Vec<&str> {
    match shape {
        Shape::Ref(name) => vec![name.as_str()],
        Shape::Array(inner) | Shape::Nullable(inner) => shape_refs(inner),
        _ => Vec::new(),
    }
}

/// A struct with hand-written serde impls: the named fields, `odata_type` and `additional` (the
/// token form of [`text::structure`], formatted when that gives up).
pub(crate) fn structure(
    name: &TokenStream,
    docs: &TokenStream,
    what: &str,
    fields: &[Field],
    runtime: &str,
) -> TokenStream {
    let runtime = tokens(runtime);
    let fields: Vec<FieldTokens> = fields.iter().map(FieldTokens::new).collect();
    let declarations = fields.iter().map(|f| {
        let FieldTokens { ident, ty, cfg, docs, .. } = f;
        quote! { #docs #cfg pub #ident: #ty, }
    });
    // No `?` per field (see `serde_support::Object`): optional fields are read in the struct
    // literal, required ones first, into a tuple matched as all `Some`.
    let required: Vec<&FieldTokens> = fields.iter().filter(|f| f.required).collect();
    let bindings: Vec<Ident> =
        (0..required.len()).map(|i| Ident::new(&format!("required_{i}"), proc_macro2::Span::call_site())).collect();
    let reads = fields.iter().map(|f| {
        let FieldTokens { json_name, ident, cfg, .. } = f;
        match required.iter().position(|r| std::ptr::eq(*r, f)) {
            Some(i) => {
                let binding = &bindings[i];
                quote! { #cfg #ident: #binding, }
            }
            None => quote! { #cfg #ident: object.optional(#json_name), },
        }
    });
    let build = quote! {
        let value = Self {
            odata_type: object.optional("@odata.type"),
            #(#reads)*
            additional: object.rest(),
        };
        object.finish(value)
    };
    let read_body = if required.is_empty() {
        build
    } else {
        let names = required.iter().map(|f| &f.json_name);
        quote! {
            match (#(object.required(#names),)*) {
                (#(Some(#bindings),)*) => { #build }
                _ => Err(object.into_error()),
            }
        }
    };
    let writes = fields.iter().map(|f| {
        let FieldTokens { json_name, ident, cfg, .. } = f;
        let write = if f.required { quote!(required) } else { quote!(optional) };
        quote! { #cfg writer.#write(#json_name, &self.#ident); }
    });
    // `Default` needs every field to have one; a required enum or `…Kind` field has none.
    let derive_default = if fields.iter().any(|f| f.required) { quote!() } else { quote!(Default,) };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derive_default)]
        pub struct #name {
            /// The `@odata.type` annotation: the payload's concrete type, e.g. `#microsoft.graph.user`.
            pub odata_type: Option<String>,
            #(#declarations)*
            /// Instance annotations, properties this type does not name, and members sent as `null`, kept as sent.
            pub additional: serde_json::Map<String, serde_json::Value>,
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut object = #runtime object(deserializer, #what)?;
                #read_body
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut writer = #runtime writer(serializer)?;
                writer.optional("@odata.type", &self.odata_type);
                #(#writes)*
                writer.end(&self.additional)
            }
        }
    }
}

/// A [`Field`] as tokens.
struct FieldTokens<'a> {
    json_name: &'a str,
    ident: TokenStream,
    ty: TokenStream,
    required: bool,
    cfg: TokenStream,
    docs: TokenStream,
}

impl<'a> FieldTokens<'a> {
    fn new(field: &'a Field) -> Self {
        let cfg = match &field.cfg {
            Some(feature) => quote!(#[cfg(feature = #feature)]),
            None => quote!(),
        };
        FieldTokens {
            json_name: &field.json_name,
            ident: tokens(&field.ident),
            ty: tokens(&field.ty),
            required: field.required,
            cfg,
            docs: doc_tokens(&field.docs),
        }
    }
}

/// Aliases whose Rust type would mention themselves (`type A = Vec<A>;` does not compile).
fn cyclic_aliases<'a>(defs: &BTreeMap<&'a str, &'a Def>) -> BTreeSet<&'a str> {
    let alias_refs = |name: &str| -> Vec<&str> {
        match defs.get(name).map(|d| &d.kind) {
            Some(DefKind::Alias(shape)) => shape_refs(shape),
            _ => Vec::new(),
        }
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

//! Emits the generated `validate.rs`: a flat list of `static` [`crate::support::Node`]s (`T<i>`
//! per schema type, `B<i>` per request body, `N<k>` for the nodes inside them) that
//! `support::check` interprets, and the lookups that hand out a validator by type name or by
//! method and path.
//!
//! Data rather than code keeps the generated crate quick to compile at Graph scale: a type's
//! checks cost a few lines of statics instead of a function. Every node is a top-level item
//! (no nesting, so no indentation to speak of), and a node that shares its parent's doc line
//! writes `source: ""`. Checks that accept every value are left out (a node with no checks
//! accepts everything), as are `$ref`s to such types.
//! [`Emitter::is_trivial`] and [`Emitter::node`] must agree on what is left out.

use crate::emit::file_docs;
use crate::schema_view::{Check, Def, LimitKind, Model, Node, escape_token, unsupported};
use crate::support::{Format, JsonType, Num};
use graphdoc_diagnostics::Diagnostic;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const MODULE_DOC: &[&str] = &[
    "Validators: each returns every violation it finds, not only the first, and gives the same verdict as a JSON Schema 2020-12 validator with format checking on. Properties a schema does not name are allowed.",
    "The checks are data (a `static` per schema node) that `super::support::check` interprets; look a validator up with [`type_validator`] or [`request_body_validator`].",
];

/// How many `enum` members a violation lists before it says how many there are in all.
const SHOWN_ENUM_MEMBERS: usize = 12;

/// The generated `validate.rs`.
pub(crate) fn emit(model: &Model, schema_file: &str, diagnostics: &mut Vec<Diagnostic>) -> TokenStream {
    let def_index: BTreeMap<&str, usize> = model.defs.iter().enumerate().map(|(i, d)| (d.name.as_str(), i)).collect();
    let mut emitter = Emitter {
        def_index: &def_index,
        trivial: BTreeSet::new(),
        broken_edges: broken_edges(model),
        current: "",
        uses: BTreeSet::new(),
        statics: Vec::new(),
        inner_nodes: 0,
        interned: std::collections::HashMap::new(),
    };
    for (from, to) in &emitter.broken_edges {
        let pointer = format!("/$defs/{}", escape_token(from));
        diagnostics.push(unsupported(
            schema_file,
            &pointer,
            &format!("`$ref` to {to:?} closes a loop that never descends into the data; that reference is not checked"),
        ));
    }
    emitter.find_trivial(&model.defs);

    for (i, def) in model.defs.iter().enumerate() {
        emitter.current = &def.name;
        let name = def_static(i);
        if emitter.trivial.contains(&def.name) {
            emitter.empty(name, &def.node);
        } else {
            emitter.node_named(name, &def.node, true, "");
        }
    }
    emitter.current = "";
    for (i, operation) in model.operations.iter().enumerate() {
        let name = Ident::new(&format!("B{i}"), Span::call_site());
        emitter.node_named(name, &operation.body, false, "");
    }

    let type_entries = model.defs.iter().enumerate().map(|(i, def)| {
        let (name, index) = (&def.name, Literal::usize_unsuffixed(i));
        quote! { (#name, def::<#index>), }
    });
    let mut by_method: Vec<(&str, &str, usize)> =
        model.operations.iter().enumerate().map(|(i, op)| (op.method.as_str(), op.path.as_str(), i)).collect();
    by_method.sort();
    let body_entries = by_method.iter().map(|(method, path, i)| {
        let index = Literal::usize_unsuffixed(*i);
        quote! { (#method, #path, body::<#index>), }
    });

    let mut items = Vec::new();
    if !model.defs.is_empty() {
        emitter.uses.extend(["support", "Node"]);
        let defs = (0..model.defs.len()).map(def_static);
        items.push(quote! {
            /// Each schema type's checks, in the order of [`TYPE_VALIDATORS`].
            static DEFS: &[&Node] = &[#(&#defs),*];

            fn def<const I: usize>(value: &Value) -> Result<(), Vec<Violation>> {
                support::validate(DEFS[I], value)
            }
        });
    }
    if !model.operations.is_empty() {
        emitter.uses.extend(["support", "Node"]);
        let bodies = (0..model.operations.len()).map(|i| Ident::new(&format!("B{i}"), Span::call_site()));
        items.push(quote! {
            /// Each request body's checks, in the order of operations.json (path, then method).
            static BODIES: &[&Node] = &[#(&#bodies),*];

            fn body<const I: usize>(value: &Value) -> Result<(), Vec<Violation>> {
                support::validate(BODIES[I], value)
            }
        });
    }
    let statics = std::mem::take(&mut emitter.statics);
    items.extend(statics);

    let mut imports: Vec<TokenStream> = Vec::new();
    if emitter.uses.contains("support") {
        imports.push(quote!(self));
    }
    emitter.uses.insert("Violation");
    for name in ["Check", "Format", "JsonType", "Literal", "Node", "Num", "Rule", "Violation"] {
        if emitter.uses.contains(name) {
            let name = Ident::new(name, Span::call_site());
            imports.push(quote!(#name));
        }
    }
    let header = file_docs(MODULE_DOC);
    quote! {
        #header
        // `super::`, not `crate::`: the generated modules may sit below a hand-written crate root.
        use super::support::{#(#imports),*};
        use serde_json::Value;

        /// A generated validator: `Ok` or every violation found.
        pub type Validator = fn(&Value) -> Result<(), Vec<Violation>>;

        /// Every schema type's validator, sorted by qualified name.
        pub static TYPE_VALIDATORS: &[(&str, Validator)] = &[#(#type_entries)*];

        /// Every request-body validator, by method and path template exactly as operations.json
        /// writes them, sorted.
        pub static REQUEST_BODY_VALIDATORS: &[(&str, &str, Validator)] = &[#(#body_entries)*];

        /// The validator for a schema type, by qualified name (`microsoft.graph.user`).
        pub fn type_validator(qualified_name: &str) -> Option<Validator> {
            let found = TYPE_VALIDATORS.binary_search_by(|(name, _)| (*name).cmp(qualified_name));
            found.ok().map(|i| TYPE_VALIDATORS[i].1)
        }

        /// The request-body validator for an operation, by method and path template exactly as
        /// operations.json writes them (`"POST"`, `"/users/{id}/events"`).
        pub fn request_body_validator(method: &str, path: &str) -> Option<Validator> {
            let found = REQUEST_BODY_VALIDATORS.binary_search_by(|(m, p, _)| (*m, *p).cmp(&(method, path)));
            found.ok().map(|i| REQUEST_BODY_VALIDATORS[i].2)
        }

        #(#items)*
    }
}

struct Emitter<'a> {
    def_index: &'a BTreeMap<&'a str, usize>,
    /// Types whose schema accepts every value: an empty node, and references skip them.
    trivial: BTreeSet<String>,
    /// `$ref`s (from type, to type) that would recurse without descending into the data.
    broken_edges: BTreeSet<(String, String)>,
    /// The type whose checks are being emitted, for `broken_edges`.
    current: &'a str,
    /// Names from `support` the emitted tables use, to import exactly those.
    uses: BTreeSet<&'static str>,
    /// The `static` items emitted so far, and how many `N<k>` there are.
    statics: Vec<TokenStream>,
    inner_nodes: usize,
    /// Each inner node emitted so far, by its `Node { … }` tokens.
    interned: std::collections::HashMap<String, Ident>,
}

/// The static holding the checks of the `i`th schema type.
fn def_static(i: usize) -> Ident {
    Ident::new(&format!("T{i}"), Span::call_site())
}

impl<'a> Emitter<'a> {
    /// Least fixed point: a type is trivial once everything it checks is known to be trivial.
    fn find_trivial(&mut self, defs: &'a [Def]) {
        loop {
            let mut changed = false;
            for def in defs {
                self.current = &def.name;
                if !self.trivial.contains(&def.name) && self.is_trivial(&def.node, true) {
                    self.trivial.insert(def.name.clone());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        self.current = "";
    }

    /// Whether `node` accepts every value (so [`Emitter::checks`] emits nothing for it).
    fn is_trivial(&self, node: &Node, same_depth: bool) -> bool {
        node.checks.iter().all(|check| match check {
            Check::Type(_)
            | Check::Format(_)
            | Check::Limit(..)
            | Check::Enum(_)
            | Check::Required(_)
            | Check::False => false,
            Check::Properties(properties) => properties.iter().all(|(_, n)| self.is_trivial(n, false)),
            Check::Items(items) => self.is_trivial(items, false),
            Check::Ref(target) => self.skips_ref(target, same_depth),
            Check::AllOf(parts) => parts.iter().all(|n| self.is_trivial(n, same_depth)),
            Check::AnyOf(branches) => branches.iter().any(|n| self.is_trivial(n, same_depth)),
        })
    }

    fn skips_ref(&self, target: &str, same_depth: bool) -> bool {
        self.trivial.contains(target)
            || !self.def_index.contains_key(target)
            || (same_depth && self.broken_edges.contains(&(self.current.to_owned(), target.to_owned())))
    }

    fn empty(&mut self, name: Ident, node: &Node) {
        self.uses.insert("Node");
        let source = node.source.as_str();
        self.statics.push(quote!(static #name: Node = Node { source: #source, checks: &[] };));
    }

    /// Emits `node` as the static `name`; `parent_source` is the doc line of the node that
    /// refers to it (a node with the same one writes `""`).
    fn node_named(&mut self, name: Ident, node: &Node, same_depth: bool, parent_source: &str) {
        let value = self.node_value(node, same_depth, parent_source);
        self.statics.push(quote!(static #name: Node = #value;));
    }

    /// The `Node { … }` expression for `node` (its inner nodes emitted first).
    fn node_value(&mut self, node: &Node, same_depth: bool, parent_source: &str) -> TokenStream {
        let checks = self.checks(node, same_depth);
        self.uses.insert("Node");
        if !checks.is_empty() {
            self.uses.insert("Check");
        }
        let source = if node.source == parent_source { "" } else { node.source.as_str() };
        quote!(Node { source: #source, checks: &[#(#checks),*] })
    }

    /// Emits a node inside another as the next `N<k>` and returns `&N<k>`; a node equal to
    /// one emitted before (same checks, same source, same inner nodes) reuses that one, which
    /// leaves out about a third of the inner nodes at Graph scale.
    fn node(&mut self, node: &Node, same_depth: bool, parent_source: &str) -> TokenStream {
        let value = self.node_value(node, same_depth, parent_source);
        let key = value.to_string();
        if let Some(name) = self.interned.get(&key) {
            return quote!(&#name);
        }
        let name = Ident::new(&format!("N{}", self.inner_nodes), Span::call_site());
        self.inner_nodes += 1;
        self.statics.push(quote!(static #name: Node = #value;));
        self.interned.insert(key, name.clone());
        quote!(&#name)
    }

    /// The node's checks that can reject something, in the order the schema view lists them.
    fn checks(&mut self, node: &Node, same_depth: bool) -> Vec<TokenStream> {
        let source = node.source.as_str();
        let mut out = Vec::new();
        for check in &node.checks {
            match check {
                Check::Type(types) => {
                    self.uses.insert("JsonType");
                    let types = types.iter().map(|t| json_type_tokens(*t));
                    out.push(quote!(Check::Type(&[#(JsonType::#types),*])));
                }
                Check::Format(format) => {
                    self.uses.insert("Format");
                    let format = format_tokens(*format);
                    out.push(quote!(Check::Format(Format::#format)));
                }
                Check::Limit(kind, limit) => {
                    self.uses.extend(["Rule", "Num"]);
                    let rule = match kind {
                        LimitKind::Minimum => quote!(Minimum),
                        LimitKind::Maximum => quote!(Maximum),
                        LimitKind::ExclusiveMinimum => quote!(ExclusiveMinimum),
                        LimitKind::ExclusiveMaximum => quote!(ExclusiveMaximum),
                    };
                    let limit = num_tokens(*limit);
                    out.push(quote!(Check::Limit(Rule::#rule, #limit)));
                }
                Check::Enum(members) => out.push(self.enumeration(members)),
                Check::Required(names) => {
                    let names = names.iter().map(|(name, source)| quote!((#name, #source)));
                    out.push(quote!(Check::Required(&[#(#names),*])));
                }
                Check::Properties(properties) => {
                    let kept: Vec<&(String, Node)> =
                        properties.iter().filter(|(_, child)| !self.is_trivial(child, false)).collect();
                    let children: Vec<TokenStream> = kept
                        .into_iter()
                        .map(|(name, child)| {
                            let child = self.node(child, false, source);
                            quote!((#name, #child))
                        })
                        .collect();
                    if !children.is_empty() {
                        out.push(quote!(Check::Properties(&[#(#children),*])));
                    }
                }
                Check::Items(items) => {
                    if !self.is_trivial(items, false) {
                        let child = self.node(items, false, source);
                        out.push(quote!(Check::Items(#child)));
                    }
                }
                Check::Ref(target) => {
                    if let Some(index) =
                        self.def_index.get(target.as_str()).filter(|_| !self.skips_ref(target, same_depth))
                    {
                        let target = def_static(*index);
                        out.push(quote!(Check::Ref(&#target)));
                    }
                }
                Check::AllOf(parts) => {
                    let kept: Vec<&Node> = parts.iter().filter(|part| !self.is_trivial(part, same_depth)).collect();
                    let parts: Vec<TokenStream> =
                        kept.into_iter().map(|part| self.node(part, same_depth, source)).collect();
                    if !parts.is_empty() {
                        out.push(quote!(Check::AllOf(&[#(#parts),*])));
                    }
                }
                Check::AnyOf(branches) => out.extend(self.any_of(branches, same_depth, source)),
                Check::False => out.push(quote!(Check::False)),
            }
        }
        out
    }

    fn enumeration(&mut self, members: &[Value]) -> TokenStream {
        self.uses.insert("Literal");
        let literals = members.iter().filter_map(|member| match member {
            Value::Null => Some(quote!(Literal::Null)),
            Value::Bool(b) => Some(quote!(Literal::Bool(#b))),
            Value::String(s) => Some(quote!(Literal::Str(#s))),
            Value::Number(n) => Num::of(n).map(|n| {
                self.uses.insert("Num");
                let n = num_tokens(n);
                quote!(Literal::Num(#n))
            }),
            Value::Array(_) | Value::Object(_) => None,
        });
        let literals: Vec<TokenStream> = literals.collect();
        let mut shown: Vec<String> = members.iter().take(SHOWN_ENUM_MEMBERS).map(Value::to_string).collect();
        if members.len() > SHOWN_ENUM_MEMBERS {
            shown.push(format!("… ({} in all)", members.len()));
        }
        let expected = format!("one of {}", shown.join(", "));
        quote!(Check::Enum(&[#(#literals),*], #expected))
    }

    /// The check for an `anyOf`; none when a branch accepts everything.
    fn any_of(&mut self, branches: &[Node], same_depth: bool, source: &str) -> Option<TokenStream> {
        if branches.iter().any(|b| self.is_trivial(b, same_depth)) {
            return None;
        }
        let is_null_only =
            |node: &Node| matches!(node.checks.as_slice(), [Check::Type(t)] if t.as_slice() == [JsonType::Null]);
        let nullable = match branches {
            [x, null] if is_null_only(null) && !is_null_only(x) => Some(x),
            [null, x] if is_null_only(null) && !is_null_only(x) => Some(x),
            _ => None,
        };
        if let Some(x) = nullable {
            let inner = self.node(x, same_depth, source);
            return Some(quote!(Check::Nullable(#inner)));
        }
        let branches: Vec<TokenStream> = branches.iter().map(|b| self.node(b, same_depth, source)).collect();
        Some(quote!(Check::AnyOf(&[#(#branches),*])))
    }
}

/// `$ref` edges that recurse without descending into the data (through `$ref`, `allOf` and
/// `anyOf` only). Each such edge that lies on a cycle is broken so the validator terminates.
fn broken_edges(model: &Model) -> BTreeSet<(String, String)> {
    fn same_depth_refs<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
        for check in &node.checks {
            match check {
                Check::Ref(target) => out.push(target),
                Check::AllOf(nodes) | Check::AnyOf(nodes) => nodes.iter().for_each(|n| same_depth_refs(n, out)),
                _ => {}
            }
        }
    }
    let graph: BTreeMap<&str, Vec<&str>> = model
        .defs
        .iter()
        .map(|def| {
            let mut refs = Vec::new();
            same_depth_refs(&def.node, &mut refs);
            (def.name.as_str(), refs)
        })
        .collect();
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from];
        let mut seen = BTreeSet::new();
        while let Some(next) = stack.pop() {
            if next == to {
                return true;
            }
            if seen.insert(next) {
                stack.extend(graph.get(next).into_iter().flatten().copied());
            }
        }
        false
    };
    let mut broken = BTreeSet::new();
    for (&from, targets) in &graph {
        for &to in targets {
            if reaches(to, from) {
                broken.insert((from.to_owned(), to.to_owned()));
            }
        }
    }
    broken
}

fn json_type_tokens(t: JsonType) -> TokenStream {
    match t {
        JsonType::Null => quote!(Null),
        JsonType::Boolean => quote!(Boolean),
        JsonType::Object => quote!(Object),
        JsonType::Array => quote!(Array),
        JsonType::Number => quote!(Number),
        JsonType::Integer => quote!(Integer),
        JsonType::String => quote!(String),
    }
}

fn format_tokens(format: Format) -> TokenStream {
    match format {
        Format::DateTime => quote!(DateTime),
        Format::Date => quote!(Date),
        Format::Time => quote!(Time),
        Format::Duration => quote!(Duration),
        Format::Uuid => quote!(Uuid),
    }
}

/// `Num::U(3)`, `Num::I(-3)`, `Num::F(2.5)`: the sign is a separate token so literals are
/// always non-negative, as Rust's grammar has them.
fn num_tokens(number: Num) -> TokenStream {
    match number {
        Num::U(u) => {
            let lit = Literal::u64_unsuffixed(u);
            quote!(Num::U(#lit))
        }
        Num::I(i) => {
            let lit = Literal::u64_unsuffixed(i.unsigned_abs());
            if i < 0 { quote!(Num::I(-#lit)) } else { quote!(Num::I(#lit)) }
        }
        Num::F(f) if f.is_finite() => {
            let lit = Literal::f64_unsuffixed(f.abs());
            if f.is_sign_negative() { quote!(Num::F(-#lit)) } else { quote!(Num::F(#lit)) }
        }
        Num::F(f) if f > 0.0 => quote!(Num::F(f64::MAX)),
        Num::F(_) => quote!(Num::F(f64::MIN)),
    }
}

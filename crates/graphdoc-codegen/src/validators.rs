//! Emits the generated `validate.rs`: the tables [`crate::support::Program`] decodes (one line
//! per schema node: a node per schema type, then one per request body, then the nodes inside
//! them), and the lookups that hand out a validator by type name or by method and path.
//!
//! Data rather than code keeps the generated crate quick to compile at Graph scale: rustc reads
//! one string literal where `static` tables cost it seconds of type checking, and a line per node
//! keeps reviews of regenerated tables readable. A node that shares its parent's doc line writes
//! `""`. Checks that accept every value are left out (a node with no checks accepts everything),
//! as are `$ref`s to such types. [`Emitter::is_trivial`] and [`Emitter::checks`] must agree on
//! what is left out.

use crate::cache::FormatCache;
use crate::emit::{doc_tokens, file_docs, format_cached, is_hidden, join_formatted, tokens};
use crate::schema_view::{Check, Def, LimitKind, Model, Node, escape_token, unsupported};
use crate::support::{JsonType, Num};
use crate::text;
use graphdoc_diagnostics::Diagnostic;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

const MODULE_DOC: &[&str] = &[
    "Validators: each returns every violation it finds, not only the first, and gives the same verdict as a JSON Schema 2020-12 validator with format checking on. Properties a schema does not name are allowed.",
    "The checks are data (one line per schema node in [`TABLES`]) that `super::support::Program` decodes on first use and interprets; look a validator up with [`type_validator`] or [`request_body_validator`].",
];

/// The validator tables of a bundle: the text `support::Program::decode` reads, and the node
/// of each type and request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidatorTables {
    pub text: String,
    /// Qualified type name → node, in `$defs` order.
    pub types: Vec<(String, u32)>,
    /// (method, path template) → node, in operations order.
    pub request_bodies: Vec<(String, String, u32)>,
}

/// The tables alone, for callers that interpret them without compiling a crate (benchmarks,
/// tools): `support::Program` is the same interpreter the generated crates carry.
pub(crate) fn tables(model: &Model, schema_file: &str, diagnostics: &mut Vec<Diagnostic>) -> ValidatorTables {
    let text = tables_text(model, schema_file, diagnostics);
    let node = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    ValidatorTables {
        text,
        types: model.defs.iter().enumerate().map(|(i, def)| (def.name.clone(), node(i))).collect(),
        request_bodies: model
            .operations
            .iter()
            .enumerate()
            .map(|(i, op)| (op.method.clone(), op.path.clone(), node(model.defs.len() + i)))
            .collect(),
    }
}

/// The generated `validate.rs`. The lists and `TABLES` (nearly all of its lines) are written as
/// text where [`crate::text`] can; the rest is formatted from tokens.
pub(crate) fn emit(
    model: &Model,
    schema_file: &str,
    cache: Option<&FormatCache>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let tables = raw_string(&tables_text(model, schema_file, diagnostics));
    let type_entries: Vec<([&str; 1], usize)> =
        model.defs.iter().enumerate().map(|(i, def)| ([def.name.as_str()], i)).collect();
    let mut body_entries: Vec<([&str; 2], usize)> = model
        .operations
        .iter()
        .enumerate()
        .map(|(i, op)| ([op.method.as_str(), op.path.as_str()], model.defs.len() + i))
        .collect();
    body_entries.sort();

    let mut format = |tokens: TokenStream| format_cached(cache, "validate.rs", tokens, diagnostics);
    let header = file_docs(MODULE_DOC);
    let mut pieces = vec![format(quote! {
        #header
        // `super::`, not `crate::`: the generated modules may sit below a hand-written crate root.
        use super::support::{Program, Violation};
        use serde_json::Value;
        use std::sync::OnceLock;

        /// A generated validator: a schema type's or a request body's checks.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Validator(u32);

        impl Validator {
            /// `Ok`, or every violation found, in the order found.
            pub fn validate(self, value: &Value) -> Result<(), Vec<Violation>> {
                program().validate(self.0, value)
            }

            /// The verdict of [`Validator::validate`] without the report: quicker, and allocates nothing.
            pub fn is_valid(self, value: &Value) -> bool {
                program().is_valid(self.0, value)
            }
        }
    })];
    let type_docs = doc_strings(TYPE_LIST_DOCS);
    pieces.push(
        text::validator_list(TYPE_LIST, &type_docs, &type_entries)
            .unwrap_or_else(|| format(list_tokens(TYPE_LIST, &type_docs, &type_entries))),
    );
    let body_docs = doc_strings(BODY_LIST_DOCS);
    pieces.push(
        text::validator_list(BODY_LIST, &body_docs, &body_entries)
            .unwrap_or_else(|| format(list_tokens(BODY_LIST, &body_docs, &body_entries))),
    );
    pieces.push(format(quote! {
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

        /// [`TABLES`], decoded once.
        fn program() -> &'static Program {
            static PROGRAM: OnceLock<Program> = OnceLock::new();
            PROGRAM.get_or_init(|| Program::decode(TABLES).expect("graphdoc wrote tables that decode"))
        }
    }));
    let tables_docs = doc_strings(TABLES_DOCS);
    pieces.push(
        text::string_const("TABLES", &tables_docs, &tables)
            .unwrap_or_else(|| format(tables_tokens(&tables_docs, &tables))),
    );
    join_formatted(&pieces)
}

/// The declaration of the type lookup list, and its docs.
const TYPE_LIST: &str = "pub static TYPE_VALIDATORS: &[(&str, Validator)]";
const TYPE_LIST_DOCS: &[&str] = &[" Every schema type's validator, sorted by qualified name."];
/// The declaration of the request-body lookup list, and its docs.
const BODY_LIST: &str = "pub static REQUEST_BODY_VALIDATORS: &[(&str, &str, Validator)]";
const BODY_LIST_DOCS: &[&str] =
    &[" Every request-body validator, by method and path template exactly as operations.json", " writes them, sorted."];
const TABLES_DOCS: &[&str] = &[
    " One schema node per line (`support::Program::decode` reads them): the schema types",
    " in the order of [`TYPE_VALIDATORS`], the request bodies in the order of operations.json,",
    " then the nodes inside them.",
];

fn doc_strings(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|line| (*line).to_owned()).collect()
}

/// A lookup list as tokens: the reference [`text::validator_list`] is held to, and its fallback.
pub(crate) fn list_tokens<const N: usize>(decl: &str, docs: &[String], entries: &[([&str; N], usize)]) -> TokenStream {
    let entries = entries.iter().map(|(keys, node)| {
        let node = Literal::usize_unsuffixed(*node);
        quote! { (#(#keys,)* Validator(#node)), }
    });
    let (docs, decl) = (doc_tokens(docs), tokens(decl));
    quote! { #docs #decl = &[#(#entries)*]; }
}

/// `TABLES` as tokens (see [`list_tokens`]).
pub(crate) fn tables_tokens(docs: &[String], literal: &str) -> TokenStream {
    let (docs, literal) = (doc_tokens(docs), tokens(literal));
    quote! { #docs const TABLES: &str = #literal; }
}

/// One line per node: the types, the request bodies, then the nodes inside them.
fn tables_text(model: &Model, schema_file: &str, diagnostics: &mut Vec<Diagnostic>) -> String {
    let def_index: BTreeMap<&str, usize> = model.defs.iter().enumerate().map(|(i, d)| (d.name.as_str(), i)).collect();
    let mut emitter = Emitter {
        def_index: &def_index,
        trivial: BTreeSet::new(),
        broken_edges: broken_edges(model),
        current: "",
        first_inner: model.defs.len() + model.operations.len(),
        inner: Vec::new(),
        interned: HashMap::new(),
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

    let mut roots = Vec::with_capacity(emitter.first_inner);
    for def in &model.defs {
        emitter.current = &def.name;
        if emitter.trivial.contains(&def.name) {
            roots.push(Line::open(&def.node.source).finish());
        } else {
            roots.push(emitter.node_line(&def.node, true, ""));
        }
    }
    emitter.current = "";
    for operation in &model.operations {
        roots.push(emitter.node_line(&operation.body, false, ""));
    }
    let mut text = String::from("\n");
    for node_line in roots.iter().chain(&emitter.inner) {
        text.push_str(node_line);
        text.push('\n');
    }
    text
}

struct Emitter<'a> {
    def_index: &'a BTreeMap<&'a str, usize>,
    /// Types whose schema accepts every value: an empty node, and references skip them.
    trivial: BTreeSet<String>,
    /// `$ref`s (from type, to type) that would recurse without descending into the data.
    broken_edges: BTreeSet<(String, String)>,
    /// The type whose checks are being emitted, for `broken_edges`.
    current: &'a str,
    /// The number of the first inner node: types and request bodies come before.
    first_inner: usize,
    /// The inner nodes' lines so far.
    inner: Vec<String>,
    /// Each inner node's number, by its line.
    interned: HashMap<String, usize>,
}

impl<'a> Emitter<'a> {
    /// Least fixed point: a type is trivial once everything it checks is known to be trivial.
    fn find_trivial(&mut self, defs: &'a [Arc<Def>]) {
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
            | Check::Flags(_)
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

    /// The line for `node` (its inner nodes emitted first); `parent_source` is the doc line of
    /// the node that refers to it (a node with the same one writes `""`).
    fn node_line(&mut self, node: &Node, same_depth: bool, parent_source: &str) -> String {
        let source = if node.source == parent_source { "" } else { node.source.as_str() };
        let mut out = Line::open(source);
        self.checks(node, same_depth, &mut out);
        out.finish()
    }

    /// Emits a node inside another as the next inner node and returns its number; a node equal
    /// to one emitted before (same checks, same source, same inner nodes) reuses that one, which
    /// leaves out about a third of the inner nodes at Graph scale.
    fn node(&mut self, node: &Node, same_depth: bool, parent_source: &str) -> usize {
        let line = self.node_line(node, same_depth, parent_source);
        if let Some(&number) = self.interned.get(&line) {
            return number;
        }
        let number = self.first_inner + self.inner.len();
        self.inner.push(line.clone());
        self.interned.insert(line, number);
        number
    }

    /// Writes the node's checks that can reject something, in the order the schema view lists
    /// them, each as an array after the line's source.
    fn checks(&mut self, node: &Node, same_depth: bool, out: &mut Line) {
        let source = node.source.as_str();
        for check in &node.checks {
            match check {
                Check::Type(types) => out.check("type", types.iter().map(|t| Part::Str(t.name()))),
                Check::Format(format) => out.check("format", [Part::Str(format.name())]),
                Check::Limit(kind, limit) => {
                    let keyword = match kind {
                        LimitKind::Minimum => "minimum",
                        LimitKind::Maximum => "maximum",
                        LimitKind::ExclusiveMinimum => "exclusiveMinimum",
                        LimitKind::ExclusiveMaximum => "exclusiveMaximum",
                    };
                    out.check(keyword, [Part::Json(&num_value(*limit))]);
                }
                // Objects and arrays, which the generator never writes, are left out.
                Check::Enum(members) => {
                    out.check("enum", members.iter().filter(|m| !m.is_array() && !m.is_object()).map(Part::Json));
                }
                Check::Flags(members) => out.check("flags", members.iter().map(|m| Part::Str(m))),
                Check::Required(names) => {
                    out.check("required", names.iter().flat_map(|(name, source)| [Part::Str(name), Part::Str(source)]))
                }
                Check::Properties(properties) => {
                    let mut kept = Vec::new();
                    for (name, child) in properties {
                        if !self.is_trivial(child, false) {
                            kept.push((name, self.node(child, false, source)));
                        }
                    }
                    if !kept.is_empty() {
                        out.check("properties", kept.iter().flat_map(|(name, n)| [Part::Str(name), Part::Index(*n)]));
                    }
                }
                Check::Items(items) => {
                    if !self.is_trivial(items, false) {
                        let n = self.node(items, false, source);
                        out.check("items", [Part::Index(n)]);
                    }
                }
                Check::Ref(target) => {
                    if let Some(&index) =
                        self.def_index.get(target.as_str()).filter(|_| !self.skips_ref(target, same_depth))
                    {
                        out.check("ref", [Part::Index(index)]);
                    }
                }
                Check::AllOf(parts) => {
                    let mut kept = Vec::new();
                    for part in parts {
                        if !self.is_trivial(part, same_depth) {
                            kept.push(self.node(part, same_depth, source));
                        }
                    }
                    if !kept.is_empty() {
                        out.check("allOf", kept.into_iter().map(Part::Index));
                    }
                }
                Check::AnyOf(branches) => self.any_of(branches, same_depth, source, out),
                Check::False => out.check("false", []),
            }
        }
    }

    /// The check for an `anyOf`; none when a branch accepts everything.
    fn any_of(&mut self, branches: &[Node], same_depth: bool, source: &str, out: &mut Line) {
        if branches.iter().any(|b| self.is_trivial(b, same_depth)) {
            return;
        }
        let is_null_only =
            |node: &Node| matches!(node.checks.as_slice(), [Check::Type(t)] if t.as_slice() == [JsonType::Null]);
        let nullable = match branches {
            [x, null] if is_null_only(null) && !is_null_only(x) => Some(x),
            [null, x] if is_null_only(null) && !is_null_only(x) => Some(x),
            _ => None,
        };
        if let Some(x) = nullable {
            let n = self.node(x, same_depth, source);
            out.check("nullable", [Part::Index(n)]);
            return;
        }
        let nodes: Vec<usize> = branches.iter().map(|branch| self.node(branch, same_depth, source)).collect();
        out.check("anyOf", nodes.into_iter().map(Part::Index));
    }
}

/// One element of a check's array.
enum Part<'v> {
    Str(&'v str),
    Index(usize),
    Json(&'v Value),
}

/// One node's line being written: compact JSON (`[source, [keyword, …], …]`) as serde_json
/// writes it, straight into text rather than through `Value`s.
struct Line(Vec<u8>);

impl Line {
    fn open(source: &str) -> Self {
        let mut out = Line(Vec::with_capacity(64));
        out.0.push(b'[');
        out.text(source);
        out
    }

    /// `,[keyword, parts…]`.
    fn check<'v>(&mut self, keyword: &str, parts: impl IntoIterator<Item = Part<'v>>) {
        self.0.extend_from_slice(b",[");
        self.text(keyword);
        for part in parts {
            self.0.push(b',');
            // Writing to a Vec cannot fail, and these values always serialize.
            let _ = match part {
                Part::Str(text) => serde_json::to_writer(&mut self.0, text),
                Part::Index(n) => serde_json::to_writer(&mut self.0, &n),
                Part::Json(value) => serde_json::to_writer(&mut self.0, value),
            };
        }
        self.0.push(b']');
    }

    /// A JSON string, escaped as serde_json escapes it.
    fn text(&mut self, text: &str) {
        let _ = serde_json::to_writer(&mut self.0, text);
    }

    /// The text, with every character that could hide or reorder source text written as a `\u`
    /// escape (JSON reads it back unchanged).
    fn finish(mut self) -> String {
        self.0.push(b']');
        let compact = String::from_utf8(self.0).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        escape_hidden(compact)
    }
}

fn escape_hidden(compact: String) -> String {
    if !compact.chars().any(is_hidden) {
        return compact;
    }
    let mut out = String::with_capacity(compact.len());
    for c in compact.chars() {
        if is_hidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A raw string literal holding `text`, with one `#` more than any `"#…` run inside needs.
fn raw_string(text: &str) -> String {
    let mut longest = 0;
    for (at, _) in text.match_indices('"') {
        let run = text[at + 1..].bytes().take_while(|&b| b == b'#').count();
        longest = longest.max(run);
    }
    let hashes = "#".repeat(longest + 1);
    format!("r{hashes}\"{text}\"{hashes}")
}

/// A limit as a JSON number; infinite limits (which JSON cannot write) become the largest
/// finite one, which no JSON number exceeds either.
fn num_value(number: Num) -> Value {
    match number {
        Num::U(u) => json!(u),
        Num::I(i) => json!(i),
        Num::F(f) if f.is_finite() => json!(f),
        Num::F(f) if f > 0.0 => json!(f64::MAX),
        Num::F(_) => json!(f64::MIN),
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

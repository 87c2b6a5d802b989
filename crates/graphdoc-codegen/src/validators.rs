//! Emits the generated `validate.rs`: a `validate_*` function per schema type and per operation
//! with a request body, the `check_*` functions they share, and the two lookup functions.
//!
//! Each `check_*` function takes `(value, pointer, out)` and pushes every violation it finds;
//! `$ref` becomes a call, so recursion follows the data's depth. Code for a schema node is
//! emitted only when the node can reject something, which keeps the output small and free of
//! unused variables; [`Emitter::is_trivial`] and [`Emitter::node`] must agree on that.

use crate::emit::{doc_attrs, file_docs};
use crate::names::{NameTable, ident, snake};
use crate::schema_view::{Check, Def, LimitKind, Model, Node, Operation, unsupported};
use crate::support::{Format, JsonType, Num};
use graphdoc_diagnostics::Diagnostic;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const MODULE_DOC: &[&str] = &[
    "Validators: each returns every violation it finds, not only the first, and gives the same verdict as a JSON Schema 2020-12 validator with format checking on. Properties a schema does not name are allowed.",
];

/// The generated `validate.rs`.
pub(crate) fn emit(
    model: &Model,
    type_names: &BTreeMap<String, String>,
    schema_file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> TokenStream {
    let mut functions = NameTable::snake();
    functions.reserve("type_validator");
    functions.reserve("request_body_validator");
    let type_snake = |def: &Def| snake(type_names.get(&def.name).map_or("unnamed", String::as_str), "unnamed");
    let validate_fns: Vec<Ident> =
        model.defs.iter().map(|def| ident(&functions.claim(&format!("validate_{}", type_snake(def))))).collect();
    let operation_fns: Vec<Ident> =
        model.operations.iter().map(|op| ident(&functions.claim(&operation_fn_name(&op.method, &op.path)))).collect();
    let check_fns: BTreeMap<&str, Ident> = model
        .defs
        .iter()
        .map(|def| (def.name.as_str(), ident(&functions.claim(&format!("check_{}", type_snake(def))))))
        .collect();

    let mut emitter = Emitter {
        check_fns: &check_fns,
        trivial: BTreeSet::new(),
        broken_edges: broken_edges(model),
        current: "",
        uses: BTreeSet::new(),
    };
    for (from, to) in &emitter.broken_edges {
        let pointer = format!("/$defs/{}", crate::schema_view::escape_token(from));
        diagnostics.push(unsupported(
            schema_file,
            &pointer,
            &format!("`$ref` to {to:?} closes a loop that never descends into the data; that reference is not checked"),
        ));
    }
    emitter.find_trivial(&model.defs);

    let mut items = Vec::new();
    for (def, validate_fn) in model.defs.iter().zip(&validate_fns) {
        emitter.current = &def.name;
        items.push(emitter.type_validator(def, validate_fn, &check_fns[def.name.as_str()]));
    }
    emitter.current = "";
    for (operation, validate_fn) in model.operations.iter().zip(&operation_fns) {
        items.push(emitter.operation_validator(operation, validate_fn));
    }
    let type_lookup = lookup(
        quote!(type_validator),
        quote!(qualified_name),
        " The validator for a schema type, by qualified name (`microsoft.graph.user`).",
        model.defs.iter().zip(&validate_fns).map(|(def, f)| (f, def.name.as_str())),
    );
    let body_lookup = request_body_lookup(&model.operations, &operation_fns);

    let mut imports: Vec<TokenStream> = Vec::new();
    if emitter.uses.contains("support") {
        imports.push(quote!(self));
    }
    emitter.uses.insert("Violation");
    for name in ["Format", "JsonType", "Num", "Rule", "Violation"] {
        if emitter.uses.contains(name) {
            let name = Ident::new(name, proc_macro2::Span::call_site());
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

        #type_lookup
        #body_lookup
        #(#items)*
    }
}

/// `validate_<method>_<path>`: `POST /users/{id}/events` → `validate_post_users_by_id_events`.
pub(crate) fn operation_fn_name(method: &str, path: &str) -> String {
    let mut words = vec!["validate".to_owned(), snake(method, "")];
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        words.push(snake(&rest[..open], ""));
        let after = &rest[open + 1..];
        let close = after.find('}').unwrap_or(after.len());
        // `{crossTenantIdentitySyncPolicyPartner-tenantId}` → `by_tenant_id`, `{id | userPrincipalName}` → `by_id`.
        let placeholder = after[..close].split('|').next().unwrap_or_default();
        let placeholder = placeholder.rsplit('-').next().unwrap_or_default();
        words.push(format!("by_{}", snake(placeholder, "key")));
        rest = after.get(close + 1..).unwrap_or("");
    }
    words.push(snake(rest, ""));
    words.retain(|w| !w.is_empty());
    words.join("_").replace("__", "_")
}

struct Emitter<'a> {
    check_fns: &'a BTreeMap<&'a str, Ident>,
    /// Types whose schema accepts every value: no `check_*` function, and references skip them.
    trivial: BTreeSet<String>,
    /// `$ref`s (from type, to type) that would recurse without descending into the data.
    broken_edges: BTreeSet<(String, String)>,
    /// The type whose checks are being emitted, for `broken_edges`.
    current: &'a str,
    /// Names from `crate::support` the emitted code uses, to import exactly those.
    uses: BTreeSet<&'static str>,
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

    /// Whether `node` accepts every value (so [`Emitter::node`] emits nothing for it).
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
            || !self.check_fns.contains_key(target)
            || (same_depth && self.broken_edges.contains(&(self.current.to_owned(), target.to_owned())))
    }

    fn type_validator(&mut self, def: &Def, validate_fn: &Ident, check_fn: &Ident) -> TokenStream {
        let docs = doc_attrs([format!(
            "Checks a `{}` value against its schema and returns every violation found.",
            def.name.replace('`', "'")
        )
        .as_str()]);
        let body = self.node(&def.node, true);
        if body.is_empty() || self.trivial.contains(&def.name) {
            return quote! {
                #docs
                pub fn #validate_fn(_value: &Value) -> Result<(), Vec<Violation>> { Ok(()) }
            };
        }
        self.uses.insert("support");
        quote! {
            #docs
            pub fn #validate_fn(value: &Value) -> Result<(), Vec<Violation>> {
                let mut out = Vec::new();
                #check_fn(value, "", &mut out);
                support::finish(out)
            }

            fn #check_fn(value: &Value, pointer: &str, out: &mut Vec<Violation>) {
                #body
            }
        }
    }

    fn operation_validator(&mut self, operation: &Operation, validate_fn: &Ident) -> TokenStream {
        let what = format!(
            "Checks the request body of `{} {}`",
            operation.method.replace('`', "'"),
            operation.path.replace('`', "'")
        );
        let title = operation.title.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
        let summary = format!("{what}{title}; returns every violation found.");
        let docs = doc_attrs([summary.as_str()]);
        let body = self.node(&operation.body, false);
        if body.is_empty() {
            return quote! {
                #docs
                pub fn #validate_fn(_value: &Value) -> Result<(), Vec<Violation>> { Ok(()) }
            };
        }
        self.uses.insert("support");
        quote! {
            #docs
            pub fn #validate_fn(value: &Value) -> Result<(), Vec<Violation>> {
                let pointer = "";
                let mut violations = Vec::new();
                let out = &mut violations;
                #body
                support::finish(violations)
            }
        }
    }

    /// Code that checks `value` (at `pointer`) against `node`, pushing onto `out`. Empty when
    /// the node accepts everything.
    fn node(&mut self, node: &Node, same_depth: bool) -> TokenStream {
        let statements = self.statements(node, same_depth);
        statements.into_iter().map(|s| s.tokens).collect()
    }

    /// [`Emitter::node`] as statements, so callers can tell a lone `if` (which must not be
    /// wrapped in another `if`: clippy's `collapsible_if`).
    ///
    /// Checks name their doc line through a local `source`, declared first when any check
    /// uses it: that keeps each call on one line and the generated file a fraction of the size.
    fn statements(&mut self, node: &Node, same_depth: bool) -> Vec<Statement> {
        let mut out = Vec::new();
        // Whether a check refers to `source`; decided after emitting them.
        let mut uses_source = false;
        for check in &node.checks {
            match check {
                Check::Type(types) => {
                    uses_source = true;
                    self.uses.extend(["support", "JsonType"]);
                    let types = types.iter().map(|t| json_type_tokens(*t));
                    out.push(Statement::plain(quote! {
                        support::check_type(value, &[#(JsonType::#types),*], pointer, source, out);
                    }));
                }
                Check::Format(format) => {
                    uses_source = true;
                    self.uses.extend(["support", "Format"]);
                    let format = format_tokens(*format);
                    out.push(Statement::plain(quote! {
                        support::check_format(value, Format::#format, pointer, source, out);
                    }));
                }
                Check::Limit(kind, limit) => {
                    uses_source = true;
                    self.uses.extend(["support", "Rule", "Num"]);
                    let rule = match kind {
                        LimitKind::Minimum => quote!(Minimum),
                        LimitKind::Maximum => quote!(Maximum),
                        LimitKind::ExclusiveMinimum => quote!(ExclusiveMinimum),
                        LimitKind::ExclusiveMaximum => quote!(ExclusiveMaximum),
                    };
                    let limit = num_tokens(*limit);
                    out.push(Statement::plain(quote! {
                        support::check_limit(value, Rule::#rule, #limit, pointer, source, out);
                    }));
                }
                Check::Enum(members) => {
                    uses_source = true;
                    out.push(self.enumeration(members));
                }
                Check::Required(names) => {
                    self.uses.insert("support");
                    for (name, property_source) in names {
                        out.push(Statement::plain(quote! {
                            support::check_required(value, #name, pointer, #property_source, out);
                        }));
                    }
                }
                Check::Properties(properties) => {
                    for (name, child) in properties {
                        let child = self.node(child, false);
                        if !child.is_empty() {
                            self.uses.insert("support");
                            out.push(Statement::conditional(quote! {
                                if let Some(value) = support::member(value, #name) {
                                    let pointer = &support::join(pointer, #name);
                                    #child
                                }
                            }));
                        }
                    }
                }
                Check::Items(items) => {
                    let child = self.node(items, false);
                    if !child.is_empty() {
                        self.uses.insert("support");
                        out.push(Statement::conditional(quote! {
                            if let Some(items) = value.as_array() {
                                for (index, value) in items.iter().enumerate() {
                                    let pointer = &support::index(pointer, index);
                                    #child
                                }
                            }
                        }));
                    }
                }
                Check::Ref(target) => {
                    let check_fn = self.check_fns.get(target.as_str());
                    if let Some(check_fn) = check_fn.filter(|_| !self.skips_ref(target, same_depth)) {
                        out.push(Statement::plain(quote! { #check_fn(value, pointer, out); }));
                    }
                }
                Check::AllOf(parts) => {
                    for part in parts {
                        out.extend(self.statements(part, same_depth));
                    }
                }
                Check::AnyOf(branches) => {
                    if let Some((statement, needs_source)) = self.any_of(branches, same_depth) {
                        uses_source |= needs_source;
                        out.push(statement);
                    }
                }
                Check::False => {
                    uses_source = true;
                    self.uses.extend(["support", "Rule"]);
                    out.push(Statement::plain(quote! {
                        out.push(Violation::new(pointer, Rule::FalseSchema, "no value at all", support::describe(value), source));
                    }));
                }
            }
        }
        if uses_source {
            let source = node.source.as_str();
            out.insert(0, Statement::plain(quote! { let source = #source; }));
        }
        out
    }

    fn enumeration(&mut self, members: &[Value]) -> Statement {
        self.uses.insert("support");
        let mut conditions = Vec::new();
        let strings: Vec<&str> = members.iter().filter_map(Value::as_str).collect();
        if !strings.is_empty() {
            conditions.push(quote! { matches!(value.as_str(), Some(#(#strings)|*)) });
        }
        if members.iter().any(Value::is_null) {
            conditions.push(quote! { value.is_null() });
        }
        for flag in [true, false] {
            if members.contains(&Value::Bool(flag)) {
                conditions.push(quote! { value.as_bool() == Some(#flag) });
            }
        }
        for number in members.iter().filter_map(|m| m.as_number()).filter_map(Num::of) {
            self.uses.insert("Num");
            let number = num_tokens(number);
            conditions.push(quote! { support::number_equals(value, #number) });
        }
        if conditions.is_empty() {
            conditions.push(quote!(false));
        }
        const SHOWN: usize = 12;
        let mut shown: Vec<String> = members.iter().take(SHOWN).map(Value::to_string).collect();
        if members.len() > SHOWN {
            shown.push(format!("… ({} in all)", members.len()));
        }
        let expected = format!("one of {}", shown.join(", "));
        Statement::plain(quote! {
            support::check_enum(value, #(#conditions)||*, #expected, pointer, source, out);
        })
    }

    /// The statement for an `anyOf`, and whether it refers to the node's `source`.
    fn any_of(&mut self, branches: &[Node], same_depth: bool) -> Option<(Statement, bool)> {
        if branches.iter().any(|b| self.is_trivial(b, same_depth)) {
            return None;
        }
        let is_null_only =
            |node: &Node| matches!(node.checks.as_slice(), [Check::Type(t)] if t.as_slice() == [JsonType::Null]);
        // `anyOf: [X, {type: null}]` (a nullable reference): for a non-null value only X can
        // match, so X's own violations are the precise report. Not when X is a lone `if`, which
        // would make a collapsible `if`; the general form below is equivalent.
        let nullable = match branches {
            [x, null] | [null, x] if is_null_only(null) && !is_null_only(x) => Some(x),
            _ => None,
        };
        if let Some(other) = nullable {
            let statements = self.statements(other, same_depth);
            if !matches!(statements.as_slice(), [only] if only.is_if) {
                let code = statements.into_iter().map(|s| s.tokens);
                return Some((Statement::conditional(quote! { if !value.is_null() { #(#code)* } }), false));
            }
        }
        self.uses.extend(["support", "Rule"]);
        let branch_checks: Vec<TokenStream> = branches
            .iter()
            .map(|branch| {
                let code = self.node(branch, same_depth);
                quote! {
                    {
                        let mut branch = Vec::new();
                        {
                            let out = &mut branch;
                            #code
                        }
                        branch.is_empty()
                    }
                }
            })
            .collect();
        Some((
            Statement::plain(quote! {
                {
                    let matched = #(#branch_checks)||*;
                    if !matched {
                        out.push(Violation::new(pointer, Rule::AnyOf, "a value matching one of the anyOf alternatives", support::describe(value), source));
                    }
                }
            }),
            true,
        ))
    }
}

/// One emitted statement, and whether it is an `if`.
struct Statement {
    tokens: TokenStream,
    is_if: bool,
}

impl Statement {
    fn plain(tokens: TokenStream) -> Self {
        Statement { tokens, is_if: false }
    }

    fn conditional(tokens: TokenStream) -> Self {
        Statement { tokens, is_if: true }
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

fn lookup<'i>(
    name: TokenStream,
    argument: TokenStream,
    doc: &str,
    arms: impl Iterator<Item = (&'i Ident, &'i str)>,
) -> TokenStream {
    let arms: Vec<TokenStream> = arms.map(|(f, key)| quote! { #key => Some(#f), }).collect();
    if arms.is_empty() {
        let unused = Ident::new(&format!("_{argument}"), proc_macro2::Span::call_site());
        return quote! {
            #[doc = #doc]
            pub fn #name(#unused: &str) -> Option<Validator> { None }
        };
    }
    quote! {
        #[doc = #doc]
        pub fn #name(#argument: &str) -> Option<Validator> {
            match #argument {
                #(#arms)*
                _ => None,
            }
        }
    }
}

fn request_body_lookup(operations: &[Operation], fns: &[Ident]) -> TokenStream {
    let doc = " The request-body validator for an operation, by method and path template exactly as operations.json writes them (`\"POST\"`, `\"/users/{id}/events\"`).";
    if operations.is_empty() {
        return quote! {
            #[doc = #doc]
            pub fn request_body_validator(_method: &str, _path: &str) -> Option<Validator> { None }
        };
    }
    let arms = operations.iter().zip(fns).map(|(op, f)| {
        let (method, path) = (&op.method, &op.path);
        quote! { (#method, #path) => Some(#f), }
    });
    quote! {
        #[doc = #doc]
        pub fn request_body_validator(method: &str, path: &str) -> Option<Validator> {
            match (method, path) {
                #(#arms)*
                _ => None,
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::operation_fn_name;

    #[test]
    fn operation_names_read_like_the_path() {
        assert_eq!(
            operation_fn_name("POST", "/policies/crossTenantIdentitySyncPolicy/partners"),
            "validate_post_policies_cross_tenant_identity_sync_policy_partners"
        );
        assert_eq!(operation_fn_name("GET", "/users/{id}/events"), "validate_get_users_by_id_events");
        assert_eq!(
            operation_fn_name("PATCH", "/groups/{group-id}/members/$ref"),
            "validate_patch_groups_by_id_members_ref"
        );
        assert_eq!(operation_fn_name("GET", "/users/{id | userPrincipalName}"), "validate_get_users_by_id");
        assert_eq!(operation_fn_name("", "{"), "validate_by_key");
        assert_eq!(operation_fn_name("GET", "/"), "validate_get");
    }
}

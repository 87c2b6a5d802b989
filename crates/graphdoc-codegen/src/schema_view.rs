//! Reads the bundle and the operations index into a small model: per `$defs` entry, the Rust type
//! it becomes ([`DefKind`]) and the checks its validator runs ([`Node`]). Everything the model
//! cannot express becomes "accept anything" plus a GD0401 diagnostic that names the construct by
//! its JSON pointer; nothing here fails or panics on malformed input.

use crate::cache::FormatCache;
use crate::memo;
use crate::support::{Format, JsonType, Num};
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Everything the emitters need, sorted so that output does not depend on input key order.
#[derive(Debug, Default)]
pub(crate) struct Model {
    /// `$defs` entries sorted by qualified name; shared with the cache of a cached run, which keeps
    /// each type's reading.
    pub defs: Vec<Arc<Def>>,
    /// Each type's hashes, kept with its reading in a cached run (empty otherwise).
    pub def_hashes: Vec<memo::DefHashes>,
    /// What reading each type found, in a cached run (empty otherwise).
    pub def_diagnostics: Vec<Vec<Diagnostic>>,
    /// Operations with a request body, sorted by path then method, one per method and path.
    pub operations: Vec<Operation>,
    pub title: Option<String>,
}

#[derive(Debug)]
pub(crate) struct Def {
    /// The qualified name, e.g. `microsoft.graph.user`.
    pub name: String,
    pub description: Option<String>,
    pub kind: DefKind,
    pub node: Node,
}

/// The Rust shape of a `$defs` entry.
#[derive(Debug)]
pub(crate) enum DefKind {
    /// A struct: base types' properties (from each `allOf` `$ref`, in order) then its own;
    /// `required` names the own properties a value must have.
    Object { bases: Vec<String>, properties: Vec<Property>, required: Vec<String> },
    /// A string enum with these members, in schema order, without duplicates. `flags`: the
    /// value is a comma-separated list of members (`x-graph-flags: true`).
    Enum { members: Vec<String>, flags: bool },
    /// `pub type X = <shape>;` (unresolved and permissive types are `Shape::Any`).
    Alias(Shape),
}

#[derive(Debug)]
pub(crate) struct Property {
    pub json_name: String,
    pub description: Option<String>,
    pub shape: Shape,
    /// `readOnly: true`: the service sets it, so request-body types leave it out.
    pub read_only: bool,
    /// The `format` (`date-time`, `uuid`, …) or `contentEncoding` (`base64`) of a string,
    /// named in the field's docs since the Rust type is `String`.
    pub string_format: Option<String>,
}

/// The Rust type of a schema, before names are assigned.
#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) enum Shape {
    /// `serde_json::Value`.
    Any,
    /// `serde_json::Map<String, serde_json::Value>`.
    Object,
    String,
    Bool,
    Int(IntWidth),
    Number,
    /// The type generated for this qualified name.
    Ref(String),
    Array(Box<Shape>),
    /// The schema also allows `null`. Fields are `Option` anyway; array items become `Option<T>`.
    Nullable(Box<Shape>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum IntWidth {
    I16,
    I32,
    I64,
    U8,
}

/// What a validator checks at one place in the schema.
#[derive(Debug, Clone, Default)]
pub(crate) struct Node {
    /// The doc `file:line` reported for violations found here (`""` if unknown).
    pub source: String,
    pub checks: Vec<Check>,
}

/// One JSON Schema keyword's check; keywords are independent, as in JSON Schema.
#[derive(Debug, Clone)]
pub(crate) enum Check {
    Type(Vec<JsonType>),
    Format(Format),
    Limit(LimitKind, Num),
    /// Members are strings, numbers, booleans or null.
    Enum(Vec<Value>),
    /// A flags enum's `pattern`: a string must be a comma-separated list of these members.
    Flags(Vec<String>),
    /// Property names, each with the source of its property's schema.
    Required(Vec<(String, String)>),
    Properties(Vec<(String, Node)>),
    Items(Box<Node>),
    /// A `$defs` entry, by qualified name (always one the bundle defines).
    Ref(String),
    AllOf(Vec<Node>),
    AnyOf(Vec<Node>),
    /// The schema `false`.
    False,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum LimitKind {
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
}

#[derive(Debug)]
pub(crate) struct Operation {
    pub method: String,
    pub path: String,
    pub title: Option<String>,
    pub body: Node,
    /// The Rust shape of the request body (a struct for an object schema).
    pub body_kind: DefKind,
    /// `x-graph-body-type`: the bundle type the body creates or updates, when known.
    pub body_type: Option<String>,
}

/// Keywords that only annotate; validators (and so the generated code) ignore them.
const ANNOTATIONS: &[&str] = &[
    "$anchor",
    "$comment",
    "$defs",
    "$schema",
    "contentEncoding",
    "contentMediaType",
    "default",
    "deprecated",
    "description",
    "examples",
    "readOnly",
    "title",
    "writeOnly",
];

/// Formats the jsonschema crate checks but the generated validators do not.
const UNCHECKED_FORMATS: &[&str] = &[
    "email",
    "hostname",
    "idn-email",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "iri",
    "iri-reference",
    "json-pointer",
    "regex",
    "relative-json-pointer",
    "uri",
    "uri-reference",
    "uri-template",
];

/// Builds the model, on `settings.jobs` threads. The settings' `schema_file` and
/// `operations_file` label diagnostics; `schema_file` is also the prefix operations.json writes
/// in `$ref` (`graph.schema.json#/$defs/…`).
pub(crate) fn read(
    bundle: &Value,
    operations: Option<&Value>,
    settings: &crate::Settings,
    cache: Option<&FormatCache>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Model {
    let (schema_file, operations_file) = (settings.schema_file.as_str(), settings.operations_file.as_str());
    let empty = Map::new();
    let defs_map = match bundle.get("$defs") {
        Some(Value::Object(map)) => map,
        Some(_) => {
            diagnostics.push(unsupported(schema_file, "/$defs", "`$defs` is not an object; no types are generated"));
            &empty
        }
        None => {
            let what = if bundle.is_object() { "the bundle has no `$defs`" } else { "the bundle is not a JSON object" };
            diagnostics.push(unsupported(schema_file, "", &format!("{what}; no types are generated")));
            &empty
        }
    };
    let sorted: BTreeMap<&String, &Value> = defs_map.iter().collect();
    let def_names: BTreeSet<String> = sorted.keys().map(|k| (*k).clone()).collect();

    // Each type is read on its own (on every core; a big bundle's types are a tenth of code
    // generation), its findings kept beside it and joined in type order, as one pass gives them.
    let sorted: Vec<(&String, &Value)> = sorted.into_iter().collect();
    // A cached run keeps each type's reading under a key of its schema and what else it reads.
    let names_key = cache.map(|_| memo::names_key(schema_file, &def_names));
    let walked = crate::parallel::map_ordered(&sorted, settings.jobs, |_, (name, schema)| {
        let key = names_key.map(|names| memo::def_view_key(names, name, schema));
        memo::memoized(cache, key, || {
            let (def, found) = read_def(name, schema, schema_file, &def_names);
            let hashes = cache.map(|_| memo::DefHashes::of(&def));
            (Arc::new(def), found, hashes)
        })
    });
    let mut defs = Vec::with_capacity(walked.len());
    let mut def_hashes = Vec::new();
    let mut def_diagnostics = Vec::new();
    for read in walked {
        defs.push(Arc::clone(&read.0));
        diagnostics.extend(read.1.iter().cloned());
        if cache.is_some() {
            def_diagnostics.push(read.1.clone());
        }
        def_hashes.extend(read.2);
    }

    let mut walker = Walker { file: operations_file, ref_prefix: schema_file, def_names: &def_names, diagnostics };
    let operations = operations.map(|ops| walker.operations(ops)).unwrap_or_default();

    let title = bundle.get("title").and_then(Value::as_str).map(str::to_owned);
    Model { defs, def_hashes, def_diagnostics, operations, title }
}

/// A GD0401 diagnostic for the construct at `pointer` in `file`.
pub(crate) fn unsupported(file: &str, pointer: &str, message: &str) -> Diagnostic {
    let at = if pointer.is_empty() { "(root)" } else { pointer };
    Diagnostic::new(Code::UnsupportedSchema, Loc::new(file, 1, 1), format!("{at}: {message}"))
}

/// RFC 6901 escaping of one reference token.
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

struct Walker<'a> {
    file: &'a str,
    /// What precedes `#/$defs/` in a `$ref` this file may use: `""` in the bundle itself.
    ref_prefix: &'a str,
    def_names: &'a BTreeSet<String>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Walker<'_> {
    fn report(&mut self, pointer: &str, message: &str) {
        self.diagnostics.push(unsupported(self.file, pointer, message));
    }

    fn def(&mut self, name: &str, schema: &Value) -> Def {
        let pointer = format!("/$defs/{}", escape_token(name));
        let node = self.node(schema, &pointer, "");
        let description = schema.get("description").and_then(Value::as_str).map(str::to_owned);
        let kind = self.def_kind(schema, &pointer);
        Def { name: name.to_owned(), description, kind, node }
    }

    fn def_kind(&mut self, schema: &Value, pointer: &str) -> DefKind {
        let Some(object) = schema.as_object() else { return DefKind::Alias(Shape::Any) };
        if object.get("x-graph-unresolved") == Some(&Value::Bool(true)) {
            return DefKind::Alias(Shape::Any);
        }
        let types = type_names(object);
        let only_string = types.as_ref().is_none_or(|t| t.iter().all(|t| *t == "string" || *t == "null"));
        if let Some(members) = flags_members(object).filter(|_| only_string) {
            return DefKind::Enum { members, flags: true };
        }
        match object.get("enum") {
            Some(Value::Array(members)) if only_string && members.iter().all(Value::is_string) => {
                let mut seen = BTreeSet::new();
                let members =
                    members.iter().filter_map(Value::as_str).filter(|m| seen.insert(*m)).map(str::to_owned).collect();
                let flags = object.get("x-graph-flags") == Some(&Value::Bool(true));
                return DefKind::Enum { members, flags };
            }
            _ => {}
        }
        if let Some(Value::Array(parts)) = object.get("allOf") {
            let is_ref = |p: &Value| p.get("$ref").is_some_and(Value::is_string);
            if parts.iter().any(is_ref) && parts.iter().all(|p| is_ref(p) || is_object_schema(p)) {
                let mut bases = Vec::new();
                let mut properties = Vec::new();
                let mut required = required_names(schema);
                for (i, part) in parts.iter().enumerate() {
                    let part_pointer = format!("{pointer}/allOf/{i}");
                    match part.get("$ref").and_then(Value::as_str) {
                        Some(reference) => bases.extend(self.resolve_ref(reference, &part_pointer, false)),
                        None => {
                            properties.extend(self.properties(part, &part_pointer));
                            required.extend(required_names(part));
                        }
                    }
                }
                return DefKind::Object { bases, properties, required };
            }
        }
        if is_object_schema(schema) {
            let properties = self.properties(schema, pointer);
            return DefKind::Object { bases: Vec::new(), properties, required: required_names(schema) };
        }
        DefKind::Alias(self.shape(schema, pointer))
    }

    fn properties(&mut self, schema: &Value, pointer: &str) -> Vec<Property> {
        let Some(Value::Object(properties)) = schema.get("properties") else { return Vec::new() };
        properties
            .iter()
            .map(|(name, property)| Property {
                json_name: name.clone(),
                description: property.get("description").and_then(Value::as_str).map(str::to_owned),
                shape: self.shape(property, &format!("{pointer}/properties/{}", escape_token(name))),
                read_only: property.get("readOnly") == Some(&Value::Bool(true)),
                string_format: string_format(property),
            })
            .collect()
    }

    /// The Rust shape of a property or alias schema. Reports only what the type loses; keywords
    /// the validator does not check were already reported by [`Walker::node`].
    fn shape(&mut self, schema: &Value, pointer: &str) -> Shape {
        let Some(object) = schema.as_object() else { return Shape::Any };
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            return self.resolve_ref(reference, pointer, false).map_or(Shape::Any, Shape::Ref);
        }
        if let Some(Value::Array(branches)) = object.get("anyOf") {
            let (nulls, others): (Vec<&Value>, Vec<&Value>) = branches.iter().partition(|b| is_null_schema(b));
            if !nulls.is_empty() && others.len() == 1 {
                let index = branches.iter().position(|b| !is_null_schema(b)).unwrap_or(0);
                let inner = self.shape(others[0], &format!("{pointer}/anyOf/{index}"));
                return nullable(inner);
            }
            self.report(
                pointer,
                &format!("`anyOf` with {} alternatives has no Rust type; kept as serde_json::Value", branches.len()),
            );
            return Shape::Any;
        }
        if let Some(Value::Array(parts)) = object.get("allOf") {
            if let [only] = parts.as_slice() {
                return self.shape(only, &format!("{pointer}/allOf/0"));
            }
            self.report(
                pointer,
                "`allOf` outside a type's base-type pattern has no Rust type; kept as serde_json::Value",
            );
            return Shape::Any;
        }
        for keyword in ["oneOf", "not", "if"] {
            if object.contains_key(keyword) {
                self.report(pointer, &format!("`{keyword}` has no Rust type; kept as serde_json::Value"));
                return Shape::Any;
            }
        }
        let Some(types) = type_names(object) else {
            return if object.contains_key("properties") { self.inline_object(object, pointer) } else { Shape::Any };
        };
        let has_null = types.contains(&"null");
        let non_null: Vec<&str> = types.iter().copied().filter(|t| *t != "null").collect();
        let shape = match non_null.as_slice() {
            ["string"] => Shape::String,
            ["boolean"] => Shape::Bool,
            ["number"] => Shape::Number,
            ["integer"] => Shape::Int(match object.get("format").and_then(Value::as_str) {
                Some("int16") => IntWidth::I16,
                Some("int32") => IntWidth::I32,
                Some("uint8") => IntWidth::U8,
                _ => IntWidth::I64,
            }),
            ["array"] => Shape::Array(Box::new(match object.get("items") {
                Some(items) => self.shape(items, &format!("{pointer}/items")),
                None => Shape::Any,
            })),
            ["object"] => self.inline_object(object, pointer),
            [] => {
                if has_null {
                    self.report(pointer, "`type: null` alone has no Rust type; kept as serde_json::Value");
                }
                return Shape::Any;
            }
            several => {
                self.report(
                    pointer,
                    &format!("`type` {several:?} (several types) has no Rust type; kept as serde_json::Value"),
                );
                return Shape::Any;
            }
        };
        if has_null { nullable(shape) } else { shape }
    }

    fn inline_object(&mut self, object: &Map<String, Value>, pointer: &str) -> Shape {
        if object.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty()) {
            self.report(pointer, "an inline object type with `properties` gets no struct; kept as serde_json::Map (the validator still checks it)");
        }
        Shape::Object
    }

    /// The qualified name a `$ref` points at, if it is `<prefix>#/$defs/<name>` for a defined name.
    fn resolve_ref(&mut self, reference: &str, pointer: &str, report: bool) -> Option<String> {
        let name = reference
            .strip_prefix(self.ref_prefix)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .map(decode_token)
            .filter(|name| self.def_names.contains(name));
        if name.is_none() && report {
            let expected = format!("{}#/$defs/<name>", self.ref_prefix);
            self.report(pointer, &format!("`$ref` {reference:?} is not `{expected}` for a type the bundle defines; not checked, kept as serde_json::Value"));
        }
        name
    }

    /// The validator checks for `schema` at `pointer`; violations default to `inherited_source`.
    fn node(&mut self, schema: &Value, pointer: &str, inherited_source: &str) -> Node {
        let object = match schema {
            Value::Object(object) => object,
            Value::Bool(true) => return Node { source: inherited_source.to_owned(), checks: Vec::new() },
            Value::Bool(false) => return Node { source: inherited_source.to_owned(), checks: vec![Check::False] },
            other => {
                self.report(
                    pointer,
                    &format!("a schema must be an object or a boolean, not {}; not checked", json_kind(other)),
                );
                return Node { source: inherited_source.to_owned(), checks: Vec::new() };
            }
        };
        // One pass over the keywords (most nodes have a handful): looking each one up would hash
        // every name, and this runs for every node of the bundle.
        let mut k = Keywords::default();
        let mut unsupported = Vec::new();
        for (key, value) in object {
            match key.as_str() {
                // Handled below in a fixed order, so violations come out in a fixed order.
                "type" => k.ty = Some(value),
                "enum" => k.members = Some(value),
                "format" => k.format = Some(value),
                "minimum" => k.minimum = Some(value),
                "maximum" => k.maximum = Some(value),
                "exclusiveMinimum" => k.exclusive_minimum = Some(value),
                "exclusiveMaximum" => k.exclusive_maximum = Some(value),
                "required" => k.required = Some(value),
                "properties" => k.properties = Some(value),
                "items" => k.items = Some(value),
                "$ref" => k.reference = Some(value),
                "allOf" => k.all_of = Some(value),
                "anyOf" => k.any_of = Some(value),
                "x-graph-source" => k.source = value.as_str(),
                "pattern" if flags_members(object).is_some() => {}
                "additionalProperties" if *value == Value::Bool(true) => {}
                name if name.starts_with("x-") || ANNOTATIONS.contains(&name) => {}
                _ => unsupported.push(key),
            }
        }
        unsupported.sort();
        for key in unsupported {
            let at = format!("{pointer}/{}", escape_token(key));
            self.report(&at, &format!("keyword `{key}` is not supported; the generated validator does not check it"));
        }
        let source = k.source.unwrap_or(inherited_source).to_owned();
        let mut checks = Vec::new();
        if let Some(value) = k.ty {
            let types = type_names(object).unwrap_or_default();
            let parsed: Option<Vec<JsonType>> = types.iter().map(|t| json_type(t)).collect();
            match parsed {
                Some(mut parsed) if !parsed.is_empty() => {
                    parsed.dedup();
                    checks.push(Check::Type(parsed));
                }
                _ => self.report(
                    &format!("{pointer}/type"),
                    &format!("`type` {value} is not a type name or a non-empty list of them; not checked"),
                ),
            }
        }
        if let Some(value) = k.members {
            match value.as_array() {
                Some(members) if members.iter().all(|m| !m.is_array() && !m.is_object()) => {
                    checks.push(Check::Enum(members.clone()));
                }
                _ => self.report(
                    &format!("{pointer}/enum"),
                    "`enum` must be a list of strings, numbers, booleans or null here; not checked",
                ),
            }
        }
        if let Some(members) = flags_members(object) {
            checks.push(Check::Flags(members));
        }
        if let Some(value) = k.format {
            match value.as_str() {
                Some("date-time") => checks.push(Check::Format(Format::DateTime)),
                Some("date") => checks.push(Check::Format(Format::Date)),
                Some("time") => checks.push(Check::Format(Format::Time)),
                Some("duration") => checks.push(Check::Format(Format::Duration)),
                Some("uuid") => checks.push(Check::Format(Format::Uuid)),
                Some(f) if UNCHECKED_FORMATS.contains(&f) => {
                    self.report(
                        &format!("{pointer}/format"),
                        &format!("format `{f}` is not checked by the generated validator"),
                    );
                }
                // Unknown formats (int32, double, …) are annotations, as jsonschema treats them.
                Some(_) => {}
                None => self.report(&format!("{pointer}/format"), "`format` is not a string; not checked"),
            }
        }
        for (keyword, kind, value) in [
            ("minimum", LimitKind::Minimum, k.minimum),
            ("maximum", LimitKind::Maximum, k.maximum),
            ("exclusiveMinimum", LimitKind::ExclusiveMinimum, k.exclusive_minimum),
            ("exclusiveMaximum", LimitKind::ExclusiveMaximum, k.exclusive_maximum),
        ] {
            match value {
                None => {}
                Some(Value::Number(n)) => match Num::of(n) {
                    Some(limit) => checks.push(Check::Limit(kind, limit)),
                    None => self.report(&format!("{pointer}/{keyword}"), "limit is not representable; not checked"),
                },
                Some(_) => {
                    self.report(&format!("{pointer}/{keyword}"), &format!("`{keyword}` is not a number; not checked"))
                }
            }
        }
        if let Some(value) = k.required {
            match value.as_array().and_then(|names| names.iter().map(Value::as_str).collect::<Option<Vec<_>>>()) {
                Some(names) => {
                    let mut seen = BTreeSet::new();
                    let required = names
                        .into_iter()
                        .filter(|name| seen.insert(*name))
                        .map(|name| {
                            let property_source = k
                                .properties
                                .and_then(|p| p.get(name))
                                .and_then(|p| p.get("x-graph-source"))
                                .and_then(Value::as_str)
                                .unwrap_or(&source);
                            (name.to_owned(), property_source.to_owned())
                        })
                        .collect::<Vec<_>>();
                    if !required.is_empty() {
                        checks.push(Check::Required(required));
                    }
                }
                None => self.report(&format!("{pointer}/required"), "`required` is not a list of strings; not checked"),
            }
        }
        if let Some(value) = k.properties {
            match value.as_object() {
                Some(properties) => {
                    let nodes = properties
                        .iter()
                        .map(|(name, schema)| {
                            let at = format!("{pointer}/properties/{}", escape_token(name));
                            (name.clone(), self.node(schema, &at, &source))
                        })
                        .collect::<Vec<_>>();
                    if !nodes.is_empty() {
                        checks.push(Check::Properties(nodes));
                    }
                }
                None => self.report(&format!("{pointer}/properties"), "`properties` is not an object; not checked"),
            }
        }
        if let Some(items) = k.items {
            checks.push(Check::Items(Box::new(self.node(items, &format!("{pointer}/items"), &source))));
        }
        if let Some(value) = k.reference {
            let at = format!("{pointer}/$ref");
            match value.as_str() {
                Some(reference) => {
                    if let Some(name) = self.resolve_ref(reference, &at, true) {
                        checks.push(Check::Ref(name));
                    }
                }
                None => self.report(&at, "`$ref` is not a string; not checked"),
            }
        }
        for (keyword, value) in [("allOf", k.all_of), ("anyOf", k.any_of)] {
            let Some(value) = value else { continue };
            match value.as_array() {
                Some(parts) if !parts.is_empty() => {
                    let nodes = parts
                        .iter()
                        .enumerate()
                        .map(|(i, part)| self.node(part, &format!("{pointer}/{keyword}/{i}"), &source))
                        .collect();
                    checks.push(if keyword == "allOf" { Check::AllOf(nodes) } else { Check::AnyOf(nodes) });
                }
                _ => self.report(
                    &format!("{pointer}/{keyword}"),
                    &format!("`{keyword}` is not a non-empty list of schemas; not checked"),
                ),
            }
        }
        Node { source, checks }
    }

    fn operations(&mut self, operations: &Value) -> Vec<Operation> {
        let Some(list) = operations.get("operations").and_then(Value::as_array) else {
            self.report(
                "/operations",
                "operations.json has no `operations` list; no request-body validators are generated",
            );
            return Vec::new();
        };
        let mut found: BTreeMap<(String, String), Operation> = BTreeMap::new();
        for (i, operation) in list.iter().enumerate() {
            let pointer = format!("/operations/{i}");
            let Some(body) = self.body_of(&pointer, operation) else { continue };
            let key = (body.path.to_owned(), body.method.to_owned());
            if found.contains_key(&key) {
                let (method, path) = (body.method, body.path);
                self.report(&pointer, &format!("a second {method} {path} is skipped; the first is kept"));
                continue;
            }
            found.insert(key, self.operation(&pointer, operation, &body));
        }
        found.into_values().collect()
    }

    /// The request body of the operation at `pointer`: `None` (reported, unless there is no
    /// body) when there is none to generate.
    fn body_of<'v>(&mut self, pointer: &str, operation: &'v Value) -> Option<BodyOf<'v>> {
        let (Some(method), Some(path)) =
            (operation.get("method").and_then(Value::as_str), operation.get("path").and_then(Value::as_str))
        else {
            self.report(pointer, "an operation without a string `method` and `path` is skipped");
            return None;
        };
        let body = match operation.get("requestBody") {
            None | Some(Value::Null) => return None,
            Some(body) => body,
        };
        let Some(schema) = body.get("schema") else {
            self.report(&format!("{pointer}/requestBody"), "a request body without `schema` is skipped");
            return None;
        };
        Some(BodyOf { method, path, body, schema })
    }

    fn operation(&mut self, pointer: &str, operation: &Value, found: &BodyOf<'_>) -> Operation {
        let BodyOf { method, path, body, schema } = *found;
        let source = body.get("source").or_else(|| operation.get("source")).and_then(Value::as_str).unwrap_or("");
        let schema_pointer = format!("{pointer}/requestBody/schema");
        let body = self.node(schema, &schema_pointer, source);
        let body_kind = self.def_kind(schema, &schema_pointer);
        let body_type = schema
            .get("x-graph-body-type")
            .and_then(Value::as_str)
            .filter(|name| self.def_names.contains(*name))
            .map(str::to_owned);
        let title = operation.get("title").and_then(Value::as_str).map(str::to_owned);
        let (method, path) = (method.to_owned(), path.to_owned());
        Operation { method, path, title, body, body_kind, body_type }
    }
}

/// An operation's method, path, request body and its schema.
#[derive(Clone, Copy)]
struct BodyOf<'v> {
    method: &'v str,
    path: &'v str,
    body: &'v Value,
    schema: &'v Value,
}

/// The reading of `$defs` entry `name` alone, with what reading it found, as [`read`] makes it.
pub(crate) fn read_def(
    name: &str,
    schema: &Value,
    schema_file: &str,
    def_names: &BTreeSet<String>,
) -> (Def, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut walker = Walker { file: schema_file, ref_prefix: "", def_names, diagnostics: &mut found };
    let def = walker.def(name, schema);
    (def, found)
}

/// The reading of entry `index` of operations.json's `operations`, as [`read`] makes it, with
/// what reading it found; `None` when the model has no operation from that entry (it has no
/// request body, or an earlier entry has the same method and path).
pub(crate) fn read_operation(
    operations: &Value,
    index: usize,
    settings: &crate::Settings,
    def_names: &BTreeSet<String>,
) -> Option<(Operation, Vec<Diagnostic>)> {
    let list = operations.get("operations").and_then(Value::as_array)?;
    let mut found = Vec::new();
    let mut walker = Walker {
        file: &settings.operations_file,
        ref_prefix: &settings.schema_file,
        def_names,
        diagnostics: &mut found,
    };
    let pointer = format!("/operations/{index}");
    let body = walker.body_of(&pointer, list.get(index)?)?;
    let earlier = list[..index].iter().any(|other| {
        other.get("method").and_then(Value::as_str) == Some(body.method)
            && other.get("path").and_then(Value::as_str) == Some(body.path)
            && other.get("requestBody").is_some_and(|b| b.get("schema").is_some())
    });
    if earlier {
        return None;
    }
    let operation = walker.operation(&pointer, &list[index], &body);
    Some((operation, found))
}

/// The names in `type` (a string or a list of strings); `None` when there is no usable `type`.
/// The keywords [`Walker::node`] reads, found in one pass over a schema object.
#[derive(Default)]
struct Keywords<'a> {
    ty: Option<&'a Value>,
    members: Option<&'a Value>,
    format: Option<&'a Value>,
    minimum: Option<&'a Value>,
    maximum: Option<&'a Value>,
    exclusive_minimum: Option<&'a Value>,
    exclusive_maximum: Option<&'a Value>,
    required: Option<&'a Value>,
    properties: Option<&'a Value>,
    items: Option<&'a Value>,
    reference: Option<&'a Value>,
    all_of: Option<&'a Value>,
    any_of: Option<&'a Value>,
    source: Option<&'a str>,
}

fn type_names(object: &Map<String, Value>) -> Option<Vec<&str>> {
    match object.get("type")? {
        Value::String(t) => Some(vec![t.as_str()]),
        Value::Array(list) => list.iter().map(Value::as_str).collect(),
        _ => None,
    }
}

fn json_type(name: &str) -> Option<JsonType> {
    Some(match name {
        "null" => JsonType::Null,
        "boolean" => JsonType::Boolean,
        "object" => JsonType::Object,
        "array" => JsonType::Array,
        "number" => JsonType::Number,
        "integer" => JsonType::Integer,
        "string" => JsonType::String,
        _ => return None,
    })
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The string names in `required`, in order, without duplicates.
fn required_names(schema: &Value) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let names = schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
    names.filter(|name| seen.insert(*name)).map(str::to_owned).collect()
}

/// `format` of a string schema, or `base64` for `contentEncoding: base64`; looks through a
/// nullable `anyOf` and array `items`.
fn string_format(schema: &Value) -> Option<String> {
    let object = schema.as_object()?;
    if let Some(Value::Array(branches)) = object.get("anyOf") {
        return branches.iter().filter(|b| !is_null_schema(b)).find_map(string_format);
    }
    if let Some(items) = object.get("items") {
        return string_format(items);
    }
    let format = object.get("format").or_else(|| object.get("contentEncoding")).and_then(Value::as_str)?;
    let is_string = type_names(object).is_some_and(|t| t.contains(&"string"));
    is_string.then(|| format.to_owned())
}

/// `type: object` (possibly with `null`), or `properties` with no `type`.
/// The members of a flags enum as graphdoc writes one: `x-graph-flags`, the members in
/// `x-graph-members`, and exactly the `pattern` [`flags_pattern`] makes of them (any other
/// pattern is not understood, and reported as unsupported).
fn flags_members(object: &Map<String, Value>) -> Option<Vec<String>> {
    if object.get("x-graph-flags") != Some(&Value::Bool(true)) {
        return None;
    }
    let members: Vec<String> = object
        .get("x-graph-members")?
        .as_array()?
        .iter()
        .map(|m| m.as_str().map(str::to_owned))
        .collect::<Option<_>>()?;
    let pattern = object.get("pattern")?.as_str()?;
    (flags_pattern(&members).as_deref() == Some(pattern)).then_some(members)
}

/// `^(?:a|b)(?:, ?(?:a|b))*$` with the members' regex syntax characters escaped; `None` when a
/// member could not be told apart in a comma-separated list. The same pattern graphdoc-schema
/// writes (a test in crates/graphdoc keeps them in step).
pub(crate) fn flags_pattern(members: &[String]) -> Option<String> {
    let usable = |m: &String| !m.is_empty() && !m.contains(',') && m.trim() == m;
    if members.is_empty() || !members.iter().all(usable) {
        return None;
    }
    let escaped: Vec<String> = members
        .iter()
        .map(|m| {
            let mut out = String::new();
            for c in m.chars() {
                if "\\^$.*+?()[]{}|".contains(c) {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        })
        .collect();
    let one = format!("(?:{})", escaped.join("|"));
    Some(format!("^{one}(?:, ?{one})*$"))
}

fn is_object_schema(schema: &Value) -> bool {
    let Some(object) = schema.as_object() else { return false };
    match type_names(object) {
        Some(types) => types.contains(&"object") && types.iter().all(|t| *t == "object" || *t == "null"),
        None => !object.contains_key("type") && object.contains_key("properties"),
    }
}

/// `{"type": "null"}`, annotations aside.
fn is_null_schema(schema: &Value) -> bool {
    schema.as_object().is_some_and(|o| {
        o.get("type") == Some(&Value::String("null".to_owned()))
            && o.keys().all(|k| k == "type" || k.starts_with("x-") || ANNOTATIONS.contains(&k.as_str()))
    })
}

fn nullable(shape: Shape) -> Shape {
    match shape {
        Shape::Nullable(_) | Shape::Any => shape,
        other => Shape::Nullable(Box::new(other)),
    }
}

/// Decodes a JSON pointer token from a URI fragment: percent-escapes, then `~1` and `~0`.
fn decode_token(token: &str) -> String {
    let bytes = token.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                decoded.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn model(bundle: Value) -> (Model, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let model = read(&bundle, None, &crate::Settings::default(), None, &mut diagnostics);
        (model, diagnostics)
    }

    #[test]
    fn classifies_objects_enums_and_aliases() {
        let (model, diagnostics) = model(json!({"$defs": {
            "ns.base": {"type": "object", "properties": {"id": {"type": "string"}}},
            "ns.derived": {"allOf": [{"$ref": "#/$defs/ns.base"}, {"type": "object", "properties": {"n": {"type": ["integer", "null"], "format": "int32"}}}]},
            "ns.level": {"type": "string", "enum": ["low", "high"]},
            "ns.unknown": {"x-graph-unresolved": true},
        }}));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let kinds: Vec<_> = model.defs.iter().map(|d| (d.name.as_str(), &d.kind)).collect();
        assert!(
            matches!(kinds[1].1, DefKind::Object { bases, properties, .. } if bases == &["ns.base"] && properties[0].shape == Shape::Nullable(Box::new(Shape::Int(IntWidth::I32))))
        );
        assert!(matches!(kinds[2].1, DefKind::Enum { members, flags: false } if members == &["low", "high"]));
        assert!(matches!(kinds[3].1, DefKind::Alias(Shape::Any)));
    }

    #[test]
    fn reports_unsupported_keywords_with_their_pointer() {
        let (_, diagnostics) = model(json!({"$defs": {"a/b": {"type": "string", "pattern": "x", "oneOf": []}}}));
        let messages: Vec<_> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages[0],
            "/$defs/a~1b/oneOf: keyword `oneOf` is not supported; the generated validator does not check it"
        );
        assert_eq!(
            messages[1],
            "/$defs/a~1b/pattern: keyword `pattern` is not supported; the generated validator does not check it"
        );
    }

    #[test]
    fn decodes_ref_tokens() {
        assert_eq!(decode_token("a~1b%7Ec~0"), "a/b~c~");
    }
}

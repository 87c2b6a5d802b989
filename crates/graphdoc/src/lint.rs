//! Linting JSON payloads against an exported schema folder (`graph.schema.json` and
//! `operations.json` side by side): pick the schema for a type or for an operation's request
//! body, validate with the jsonschema crate (draft 2020-12, formats checked), and report each
//! fault with the payload's JSON pointer, its line and column in the payload text, and the doc
//! `file:line` (`x-graph-source`) of the schema rule that failed.
//!
//! An operation is named as a request line (`POST https://graph.microsoft.com/beta/users/42/events`):
//! the URL's host, version segment, query and fragment are dropped, OData key segments
//! (`users('42')`) become path segments, and the path is matched against the templates in
//! operations.json, where a `{placeholder}` matches any one segment (or the part of one it
//! stands for). The most literal match wins.

use crate::json_span;
use crate::suggest;
use graphdoc_diagnostics::LineIndex;
use jsonschema::error::{ValidationError, ValidationErrorKind};
use serde_json::{Value, json};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Why a lint could not run (as opposed to faults found in a payload).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LintError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is not a graphdoc schema folder: {why}; expected the folder `graphdoc schema` writes")]
    NotASchemaFolder { path: PathBuf, why: String },
    #[error("no type `{name}` in the schema{}", did_you_mean(.suggestions))]
    UnknownType { name: String, suggestions: Vec<String> },
    #[error("no operation matches `{request}`{}", did_you_mean(.suggestions))]
    UnknownOperation { request: String, suggestions: Vec<String> },
    #[error(
        "`{request}` is not a request line: expected `METHOD URL`, e.g. `POST https://graph.microsoft.com/beta/users`"
    )]
    BadRequestLine { request: String },
    #[error("`{request}` matches `{method} {path}`, which documents no request body to lint against")]
    NoRequestBody { request: String, method: String, path: String },
    #[error("the schema for {target} does not compile: {message}")]
    SchemaInvalid { target: String, message: String },
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => {
            format!("; did you mean one of: {}?", many.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))
        }
    }
}

/// An exported schema folder, loaded.
#[derive(Debug, Clone)]
pub struct SchemaFolder {
    pub dir: PathBuf,
    pub bundle: Value,
    pub operations: Value,
}

/// What a payload is checked against: a type or an operation's request body.
#[derive(Debug, Clone)]
pub struct LintTarget {
    /// `microsoft.graph.user`, or `POST /users/{id}/events`.
    pub label: String,
    /// The schema, with references relative to operations.json (`graph.schema.json#/$defs/…`).
    pub schema: Value,
    /// The doc line of the target as a whole, for faults no rule inside it claims.
    pub source: Option<String>,
}

/// One way a payload breaks its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// JSON pointer into the payload (`/userSyncInbound/isSyncAllowed`, `""` for the root).
    pub pointer: String,
    /// The JSON Schema keyword that failed (`type`, `required`, `enum`, `format`, …).
    pub keyword: String,
    pub message: String,
    /// The doc `file:line` of the failing rule (its nearest `x-graph-source`).
    pub rule_source: Option<String>,
    /// Where in the payload text the faulty value is, when it could be located.
    pub span: Option<Range<usize>>,
    /// 1-based line and column of `span`'s start (1:1 when unlocated).
    pub line: u32,
    pub column: u32,
}

/// The verdict on one payload text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayloadVerdict {
    /// The text is not JSON; line and column of the syntax error (1-based).
    NotJson { message: String, line: u32, column: u32 },
    /// Every fault found; empty when the payload is valid.
    Checked(Vec<Fault>),
}

/// Where the bundle is registered while validating. Only a name: nothing is fetched.
const BASE: &str = "file:///graphdoc-lint/";
const ROOT_NAME: &str = "lint-target.json";

impl SchemaFolder {
    /// Loads `dir/graph.schema.json` and `dir/operations.json`. A path to `graph.schema.json`
    /// itself is taken to mean its folder.
    pub fn open(path: &Path) -> Result<SchemaFolder, LintError> {
        let dir =
            if path.is_file() { path.parent().unwrap_or(Path::new(".")).to_path_buf() } else { path.to_path_buf() };
        if !dir.is_dir() {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder");
            return Err(LintError::Read { path: dir, source });
        }
        let not_ours = |why: String| LintError::NotASchemaFolder { path: dir.clone(), why };
        let read = |name: &str| -> Result<Value, LintError> {
            let file = dir.join(name);
            if !file.exists() {
                return Err(not_ours(format!("it has no {name}")));
            }
            let text =
                std::fs::read_to_string(&file).map_err(|source| LintError::Read { path: file.clone(), source })?;
            serde_json::from_str(&text).map_err(|e| not_ours(format!("{name} is not JSON ({e})")))
        };
        let bundle = read("graph.schema.json")?;
        if !bundle.get("$defs").is_some_and(Value::is_object) {
            return Err(not_ours("graph.schema.json has no `$defs` object".into()));
        }
        let operations = read("operations.json")?;
        if !operations.get("operations").is_some_and(Value::is_array) {
            return Err(not_ours("operations.json has no `operations` list".into()));
        }
        Ok(SchemaFolder { dir, bundle, operations })
    }

    /// The bundle's version (`beta`), if it names one.
    pub fn version(&self) -> Option<&str> {
        self.bundle.get("x-graph-version").and_then(Value::as_str)
    }

    fn defs(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.bundle.get("$defs").and_then(Value::as_object).into_iter().flatten()
    }

    fn operation_list(&self) -> &[Value] {
        self.operations.get("operations").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
    }

    /// The target for a type by qualified name (`microsoft.graph.user`).
    pub fn type_target(&self, name: &str) -> Result<LintTarget, LintError> {
        let Some((name, def)) = self.defs().find(|(n, _)| *n == name) else {
            // A bare name (`user`) most likely means a type of that short name.
            let short: Vec<&str> =
                self.defs().map(|(n, _)| n.as_str()).filter(|n| n.rsplit('.').next() == Some(name)).collect();
            let suggestions =
                if short.is_empty() { suggest::nearest(name, self.defs().map(|(n, _)| n.as_str()), 3) } else { short };
            return Err(LintError::UnknownType {
                name: name.to_owned(),
                suggestions: suggestions.into_iter().map(str::to_owned).collect(),
            });
        };
        Ok(LintTarget {
            label: name.clone(),
            schema: json!({ "$ref": format!("graph.schema.json#/$defs/{name}") }),
            source: def.get("x-graph-source").and_then(Value::as_str).map(str::to_owned),
        })
    }

    /// The target for a request line `METHOD URL`.
    pub fn operation_target(&self, request: &str) -> Result<LintTarget, LintError> {
        let bad = || LintError::BadRequestLine { request: request.to_owned() };
        let mut words = request.split_whitespace();
        let (Some(method), Some(url), None) = (words.next(), words.next(), words.next()) else { return Err(bad()) };
        if !method.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(bad());
        }
        let method = method.to_ascii_uppercase();
        let segments = url_segments(url, self.version());
        let operations = self.operation_list();
        let path_of = |op: &Value| op.get("path").and_then(Value::as_str).unwrap_or_default().to_owned();
        let method_of = |op: &Value| op.get("method").and_then(Value::as_str).unwrap_or_default().to_owned();

        let best = operations
            .iter()
            .filter(|op| method_of(op) == method)
            .filter_map(|op| match_template(&template_segments(&path_of(op)), &segments).map(|score| (score, op)))
            .max_by_key(|(score, _)| *score);
        let Some((_, op)) = best else {
            let wanted = format!("{method} /{}", segments.join("/"));
            let labels: Vec<String> =
                operations.iter().map(|op| format!("{} {}", method_of(op), path_of(op))).collect();
            // A path that matches under another method is the likeliest intent.
            let mut suggestions: Vec<String> = operations
                .iter()
                .filter(|op| match_template(&template_segments(&path_of(op)), &segments).is_some())
                .map(|op| format!("{} {}", method_of(op), path_of(op)))
                .collect();
            if suggestions.is_empty() {
                // Compare with each template's placeholders filled in from the request, so ids
                // do not count as differences: `/users/42/evnts` is near `/users/{id}/events`.
                let filled: Vec<String> = operations
                    .iter()
                    .map(|op| {
                        format!("{} /{}", method_of(op), fill_placeholders(&template_segments(&path_of(op)), &segments))
                    })
                    .collect();
                let nearest = suggest::nearest(&wanted, filled.iter().map(String::as_str), 3);
                suggestions = nearest
                    .into_iter()
                    .filter_map(|n| filled.iter().position(|f| f == n).map(|i| labels[i].clone()))
                    .collect();
            }
            let mut seen = std::collections::HashSet::new();
            suggestions.retain(|s| seen.insert(s.clone()));
            suggestions.truncate(5);
            return Err(LintError::UnknownOperation { request: request.to_owned(), suggestions });
        };
        let (method, path) = (method_of(op), path_of(op));
        let body = op.get("requestBody").filter(|b| b.is_object());
        let Some(schema) = body.and_then(|b| b.get("schema")).filter(|s| !s.is_null()) else {
            return Err(LintError::NoRequestBody { request: request.to_owned(), method, path });
        };
        let source =
            body.and_then(|b| b.get("source")).or_else(|| op.get("source")).and_then(Value::as_str).map(str::to_owned);
        Ok(LintTarget { label: format!("{method} {path}"), schema: schema.clone(), source })
    }

    /// A validator for `target`, with the bundle registered beside it.
    pub fn validator(&self, target: &LintTarget) -> Result<PayloadValidator, LintError> {
        let invalid = |message: String| LintError::SchemaInvalid { target: target.label.clone(), message };
        let registry = jsonschema::Registry::new()
            .add(format!("{BASE}graph.schema.json"), self.bundle.clone())
            .map_err(|e| invalid(e.to_string()))?
            .prepare()
            .map_err(|e| invalid(e.to_string()))?;
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_registry(&registry)
            .with_base_uri(format!("{BASE}{ROOT_NAME}"))
            .build(&target.schema)
            .map_err(|e| invalid(e.to_string()))?;
        Ok(PayloadValidator { validator, target: target.clone(), bundle: self.bundle.clone() })
    }
}

/// A compiled target.
pub struct PayloadValidator {
    validator: jsonschema::Validator,
    target: LintTarget,
    bundle: Value,
}

impl PayloadValidator {
    /// Checks a payload text: not JSON, or every fault with its location.
    pub fn check_text(&self, text: &str) -> PayloadVerdict {
        let value: Value = match serde_json::from_str(text) {
            Ok(value) => value,
            Err(e) => {
                let message = if text.trim().is_empty() {
                    "the file is empty; expected a JSON value".to_owned()
                } else {
                    // serde_json appends " at line L column C"; the location is reported apart.
                    let full = e.to_string();
                    full.split(" at line ").next().unwrap_or(&full).to_owned()
                };
                let line = u32::try_from(e.line()).unwrap_or(u32::MAX).max(1);
                let column = u32::try_from(e.column()).unwrap_or(u32::MAX).max(1);
                return PayloadVerdict::NotJson { message, line, column };
            }
        };
        let index = LineIndex::new("payload", text);
        let mut faults = Vec::new();
        for error in self.validator.iter_errors(&value) {
            self.collect_faults(&error, text, &index, &mut faults);
        }
        faults.sort_by(|a, b| {
            (a.span.as_ref().map(|s| s.start), &a.pointer).cmp(&(b.span.as_ref().map(|s| s.start), &b.pointer))
        });
        faults.dedup();
        PayloadVerdict::Checked(faults)
    }

    /// The faults behind one validation error. A failed `anyOf`/`oneOf` whose branches all but
    /// one fail only on the value's type (the `null` branch of a nullable reference, say) is
    /// replaced by that branch's own errors, which name the real fault deeper in the payload.
    fn collect_faults(&self, error: &ValidationError<'_>, text: &str, index: &LineIndex, out: &mut Vec<Fault>) {
        if let ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } = error.kind() {
            let wrong_type_only = |branch: &&Vec<ValidationError<'static>>| {
                matches!(branch.as_slice(), [only] if matches!(only.kind(), ValidationErrorKind::Type { .. })
                    && only.instance_path() == error.instance_path())
            };
            let plausible: Vec<_> = context.iter().filter(|b| !wrong_type_only(b)).collect();
            if let [branch] = plausible.as_slice() {
                for inner in branch.iter() {
                    self.collect_faults(inner, text, index, out);
                }
                return;
            }
        }
        let pointer = error.instance_path().as_str().to_owned();
        let location = error.absolute_keyword_location().map(|u| u.as_str().to_owned());
        let mut rule_source = location.as_deref().and_then(|l| self.rule_source(l));
        if let ValidationErrorKind::Required { property } = error.kind() {
            // The rule is the property's "Required." row, not the object as a whole.
            let required = location.as_deref().and_then(|l| self.required_source(l, property.as_str()?));
            rule_source = required.or(rule_source);
        }
        let span = json_span::locate(text, &pointer);
        let pos = index.pos(span.as_ref().map_or(0, |s| s.start));
        out.push(Fault {
            pointer,
            keyword: error.kind().keyword().to_owned(),
            message: error.to_string(),
            rule_source: rule_source.or_else(|| self.target.source.clone()),
            span,
            line: pos.line,
            column: pos.column,
        });
    }

    /// The schema document and JSON pointer an absolute keyword location names.
    fn resolve_location<'s>(&'s self, location: &str) -> Option<(&'s Value, Vec<String>)> {
        let rest = location.strip_prefix(BASE)?;
        let (document, fragment) = rest.split_once('#').unwrap_or((rest, ""));
        let root = match document {
            "graph.schema.json" => &self.bundle,
            ROOT_NAME => &self.target.schema,
            _ => return None,
        };
        let fragment = percent_decode(fragment);
        let tokens = fragment
            .strip_prefix('/')
            .map(|p| p.split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect())
            .unwrap_or_default();
        Some((root, tokens))
    }

    /// The deepest `x-graph-source` on the way from the document root to `location`.
    fn rule_source(&self, location: &str) -> Option<String> {
        let (mut node, tokens) = self.resolve_location(location)?;
        let mut found = source_of(node);
        for token in &tokens {
            node = match node {
                Value::Object(map) => map.get(token)?,
                Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
            found = source_of(node).or(found);
        }
        found
    }

    /// The `x-graph-source` of property `name` in the object schema whose `required` failed.
    fn required_source(&self, location: &str, name: &str) -> Option<String> {
        let (mut node, tokens) = self.resolve_location(location)?;
        // The location ends in `/required`; its parent holds `properties`.
        for token in tokens.iter().take(tokens.len().saturating_sub(1)) {
            node = match node {
                Value::Object(map) => map.get(token)?,
                Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        source_of(node.get("properties")?.get(name)?)
    }
}

fn source_of(node: &Value) -> Option<String> {
    node.get("x-graph-source").and_then(Value::as_str).map(str::to_owned)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The path segments of a request URL: scheme and host, a leading version segment (the
/// schema's own, `v1.0` or `beta`), query and fragment dropped; OData keys split off.
fn url_segments(url: &str, version: Option<&str>) -> Vec<String> {
    let url = url.split(['?', '#']).next().unwrap_or_default();
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => url,
    };
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.first().is_some_and(|first| Some(*first) == version || ["v1.0", "beta"].contains(first)) {
        segments.remove(0);
    }
    segments.into_iter().flat_map(split_key_segment).collect()
}

fn template_segments(path: &str) -> Vec<String> {
    path.split('/').filter(|s| !s.is_empty()).flat_map(split_key_segment).collect()
}

/// A template's segments joined, each `{…}` segment replaced by the request's segment at the
/// same position (when there is one).
fn fill_placeholders(template: &[String], concrete: &[String]) -> String {
    let filled: Vec<&str> = template
        .iter()
        .enumerate()
        .map(|(i, t)| match concrete.get(i) {
            Some(c) if t.contains('{') => c.as_str(),
            _ => t.as_str(),
        })
        .collect();
    filled.join("/")
}

/// `users('42')` and `users(42)` → `users`, `42`; a function call with named parameters
/// (`delta(token='x')`) stays one segment.
fn split_key_segment(segment: &str) -> Vec<String> {
    let key = segment.split_once('(').and_then(|(name, rest)| Some((name, rest.strip_suffix(')')?)));
    match key {
        Some((name, key)) if !name.is_empty() && !key.is_empty() && !key.contains('=') => {
            vec![name.to_owned(), key.trim_matches('\'').to_owned()]
        }
        _ => vec![segment.to_owned()],
    }
}

/// How well a template matches concrete segments: `None` when it does not; otherwise the
/// number of fully literal segments, so `/me/events` beats `/{user}/events` for `/me/events`.
fn match_template(template: &[String], concrete: &[String]) -> Option<usize> {
    if template.len() != concrete.len() {
        return None;
    }
    let mut literal = 0;
    for (t, c) in template.iter().zip(concrete) {
        if !t.contains('{') {
            if !t.eq_ignore_ascii_case(c) {
                return None;
            }
            literal += 1;
        } else if !glob_segment(t, c) {
            return None;
        }
    }
    Some(literal)
}

/// Matches one template segment with `{…}` placeholders (each one or more characters) against
/// a concrete segment; literal parts compare case-insensitively, as Graph URLs do.
fn glob_segment(template: &str, concrete: &str) -> bool {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        parts.push(&rest[..open]);
        rest = rest[open..].find('}').map_or("", |close| &rest[open + close + 1..]);
    }
    parts.push(rest);
    let concrete = concrete.to_ascii_lowercase();
    let parts: Vec<String> = parts.iter().map(|p| p.to_ascii_lowercase()).collect();
    let Some((first, others)) = parts.split_first() else { return true };
    let Some(mut rest) = concrete.strip_prefix(first.as_str()) else { return false };
    for (i, part) in others.iter().enumerate() {
        let last = i + 1 == others.len();
        if last {
            return rest.len() > part.len() && rest.ends_with(part.as_str());
        }
        // Each placeholder takes at least one character, then the next literal part.
        let Some(found) = rest.get(1..).and_then(|r| r.find(part.as_str())) else { return false };
        rest = &rest[found + 1 + part.len()..];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn urls_lose_host_version_query_and_split_odata_keys() {
        let url = "https://graph.microsoft.com/beta/users('a@b.c')/events?$top=1";
        assert_eq!(url_segments(url, Some("beta")), segs(&["users", "a@b.c", "events"]));
        assert_eq!(url_segments("/v1.0/me/drive/", None), segs(&["me", "drive"]));
        assert_eq!(url_segments("/reports/getX(period='D7')", None), segs(&["reports", "getX(period='D7')"]));
    }

    #[test]
    fn templates_match_by_segment_and_prefer_literals() {
        let t = |p: &str| template_segments(p);
        let c = |p: &str| url_segments(p, None);
        assert_eq!(match_template(&t("/users/{id}/events"), &c("/users/42/events")), Some(2));
        assert_eq!(match_template(&t("/users/{id | userPrincipalName}"), &c("/users('x')")), Some(1));
        assert_eq!(match_template(&t("/me/events"), &c("/me/events")), Some(2));
        assert_eq!(match_template(&t("/users/{id}"), &c("/users/42/events")), None);
        assert_eq!(match_template(&t("/reports/getX(period='{p}')"), &c("/reports/getX(period='D7')")), Some(1));
        assert_eq!(match_template(&t("/reports/getX(period='{p}')"), &c("/reports/getY(period='D7')")), None);
    }

    #[test]
    fn glob_placeholders_take_at_least_one_character() {
        assert!(glob_segment("{id}", "x"));
        assert!(!glob_segment("{id}", ""));
        assert!(glob_segment("a{x}b{y}c", "a1b2c"));
        assert!(!glob_segment("a{x}b{y}c", "abc"));
    }
}

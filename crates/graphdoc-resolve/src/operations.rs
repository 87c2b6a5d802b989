//! Operations from API pages: one per documented method and path, with the request body the
//! page's table lists and the response its prose (or, failing that, its examples) names.

use crate::model::{Operation, Parameter, Property, RequestBody, Response, TypeDef, TypeExpr};
use crate::type_refs::TypeRefs;
use foldhash::{HashMap, HashMapExt};
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use graphdoc_parse::{ExampleRole, Page, ParameterLocation};
use std::collections::BTreeMap;

pub fn collect(
    pages: &[&Page],
    types: &BTreeMap<String, TypeDef>,
    refs: &mut TypeRefs<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    let mut operations: Vec<Operation> = Vec::new();
    // (method, path) → index of the operation that documented it first; a linear search here
    // was quadratic in the number of operations.
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    // Each namespace declaration, normalised once: thousands of pages share a handful.
    let mut namespaces: HashMap<Option<&str>, String> = HashMap::new();
    for page in pages {
        let Some(api) = &page.api else { continue };
        let declared = page.namespace.as_ref().map(|n| n.text.as_str());
        let namespace = namespaces.entry(declared).or_insert_with(|| crate::index::page_namespace(page)).as_str();
        let loc = |pos: graphdoc_diagnostics::Pos| Loc::at(&page.file, pos);
        let title = page.title.as_ref().map(|t| t.text.clone()).unwrap_or_default();

        let request_body = api.request_body.as_ref().map(|body| {
            let properties: Vec<Property> = body
                .properties
                .iter()
                .map(|row| crate::properties::property(row, false, &loc(row.pos), namespace, refs, diags))
                .collect();
            let body_type = body.type_link.as_ref().map(|l| refs.link(l, &loc(body.pos), namespace, diags));
            let mut properties = properties;
            let listed = |p: &Property| {
                body.properties
                    .iter()
                    .find(|r| r.name == p.name)
                    .map(|r| r.semantics.possible_values.as_slice())
                    .unwrap_or_default()
            };
            crate::properties::constrain_values(&mut properties, listed, types, diags);
            if let Some(body_type) = &body_type {
                narrow_nullability(&mut properties, body_type, types);
            }
            RequestBody { properties, body_type, source: loc(body.pos) }
        });

        let mut responses = Vec::new();
        if let Some(prose) = &api.response
            && let Some(status) = prose.status
        {
            let named =
                prose.type_link.as_ref().map(|l| TypeExpr::Named(refs.link(l, &loc(prose.pos), namespace, diags)));
            let body = named
                .or_else(|| prose.primitive.map(TypeExpr::Primitive))
                .filter(|_| status != 204)
                .map(|ty| if prose.collection { TypeExpr::Collection(Box::new(ty)) } else { ty });
            responses.push(Response { status, body, source: loc(prose.pos) });
        } else if let Some((ex, status)) =
            api.examples.iter().filter(|e| e.role == ExampleRole::Response).find_map(|e| Some((e, e.status?)))
        {
            responses.push(Response { status, body: None, source: loc(ex.start_line.pos) });
        }

        let parameters: Vec<Parameter> = api
            .parameters
            .iter()
            .map(|p| {
                let mut property = crate::properties::property(&p.row, false, &loc(p.row.pos), namespace, refs, diags);
                // A parameter is a value in the URL: never null, and a path segment always there.
                property.nullable = false;
                property.required |= p.location == ParameterLocation::Path;
                let location = match p.location {
                    ParameterLocation::Query => "query",
                    ParameterLocation::Path => "path",
                    ParameterLocation::Function => "function",
                };
                Parameter { location, property }
            })
            .collect();
        // The lines not documented before; the last takes the page's bodies, responses and
        // parameters, the others copies (most pages have one line: no copy at all).
        let mut fresh: Vec<(&graphdoc_parse::HttpRequestLine, Loc)> = Vec::new();
        for line in &api.http_requests {
            let source = loc(line.pos);
            if let Some(&first) = seen.get(&(line.method.as_str(), line.path.as_str())) {
                let first_source = match operations.get(first) {
                    Some(op) => &op.source,
                    None => &fresh[first - operations.len()].1,
                };
                // Built by hand: thousands of these, and `format!` was most of their cost.
                let mut message = String::with_capacity(line.method.len() + line.path.len() + 100);
                for part in [&line.method, " ", &line.path, " is already documented at ", &first_source.file_line()] {
                    message.push_str(part);
                }
                message.push(':');
                message.push_str(&first_source.column.to_string());
                message.push_str("; this one is ignored");
                diags.push(Diagnostic::new(Code::DuplicateOperation, source, message));
                continue;
            }
            seen.insert((&line.method, &line.path), operations.len() + fresh.len());
            fresh.push((line, source));
        }
        let operation = |line: &graphdoc_parse::HttpRequestLine, source: Loc| Operation {
            method: line.method.clone(),
            path: line.path.clone(),
            title: String::new(),
            source,
            request_body: None,
            responses: Vec::new(),
            parameters: Vec::new(),
        };
        let Some(((last_line, last_source), rest)) = fresh.split_last() else { continue };
        for (line, source) in rest {
            operations.push(Operation {
                title: title.clone(),
                request_body: request_body.clone(),
                responses: responses.clone(),
                parameters: parameters.clone(),
                ..operation(line, source.clone())
            });
        }
        operations.push(Operation {
            title,
            request_body,
            responses,
            parameters,
            ..operation(last_line, last_source.clone())
        });
    }
    // Sorted by (path, method), which `seen` keeps distinct: the keys are sorted, not the
    // operations (a few hundred bytes each, which a sort would move many times over).
    let order: Vec<usize> = {
        let mut keys: Vec<(&str, &str, usize)> =
            operations.iter().enumerate().map(|(i, op)| (op.path.as_str(), op.method.as_str(), i)).collect();
        keys.sort_unstable();
        keys.into_iter().map(|(_, _, i)| i).collect()
    };
    let mut slots: Vec<Option<Operation>> = operations.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// A body property that is the body type's own non-nullable property (a key, say) is not
/// nullable in the body either: the request-body table rarely repeats "Not nullable".
fn narrow_nullability(properties: &mut [Property], body_type: &str, types: &BTreeMap<String, TypeDef>) {
    let mut current = types.get(body_type);
    let mut depth = 0;
    while let Some(def) = current {
        for p in properties.iter_mut() {
            if let Some(tp) = def.properties.iter().find(|tp| tp.name == p.name) {
                p.nullable &= tp.nullable;
            }
        }
        depth += 1;
        if depth > types.len() {
            break;
        }
        current = def.base.as_ref().and_then(|b| types.get(b));
    }
}

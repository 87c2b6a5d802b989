//! Interprets the sections of an API page: permissions, HTTP request, headers, request body,
//! response prose and examples.

use crate::blocks::{Block, Inline};
use crate::page::{
    Annotation, ApiPage, ExampleRole, HeaderRow, Link, Parameter, ParameterLocation, PermissionRow, RequestBody,
    ResponseProse,
};
use crate::sections;
use crate::{annotation, http, tables, todo};
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use std::sync::Arc;

pub fn parse(blocks: &[Block], file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> ApiPage {
    let mut page = ApiPage::default();
    let mut pending: Option<Annotation> = None;
    let mut saw_http_section = false;
    let mut response_heading = None;
    sections::walk(blocks, |ctx, block| {
        let section = ctx.section.as_str();
        match block {
            Block::Heading { level, pos, .. } => {
                pending = None;
                if *level >= 2 && section == "response" && ctx.sub.is_empty() {
                    response_heading = Some(*pos);
                }
            }
            Block::Comment(c) => {
                if let Some(a) = annotation::parse(c, file, diags) {
                    pending = Some(a);
                }
            }
            Block::Paragraph(p) => {
                todo::report(p, file, diags);
                if section == "request body" && page.request_body.is_none() {
                    if let Some(link) = body_type_link(p) {
                        page.request_body =
                            Some(RequestBody { pos: p.pos, type_link: Some(link), properties: Vec::new() });
                    }
                } else if section == "response" && page.response.is_none() {
                    page.response = response_prose(p);
                }
            }
            Block::Table(table) => match section {
                "permissions" | "prerequisites" => {
                    for row in &table.rows {
                        for cell in row {
                            todo::report(cell, file, diags);
                        }
                        if let (Some(kind), Some(first)) = (row.first(), row.first()) {
                            let permissions = row.get(1).map(|c| c.text.clone()).unwrap_or_default();
                            page.permissions.push(PermissionRow {
                                permission_type: kind.text.clone(),
                                permissions,
                                pos: first.pos,
                            });
                        }
                    }
                }
                "request headers" | "optional request headers" => {
                    for row in &table.rows {
                        if let Some(name) = row.first() {
                            let description = row.get(1).map(|c| c.text.clone()).unwrap_or_default();
                            page.request_headers.push(HeaderRow {
                                name: name.text.clone(),
                                description,
                                pos: name.pos,
                            });
                        }
                    }
                }
                "query parameters"
                | "optional query parameters"
                | "odata query parameters"
                | "path parameters"
                | "function parameters"
                | "parameters"
                    if tables::is_parameter_table(table) =>
                {
                    let location = match section {
                        "path parameters" => ParameterLocation::Path,
                        "function parameters" | "parameters" => ParameterLocation::Function,
                        _ => ParameterLocation::Query,
                    };
                    let rows = tables::property_rows(table, file, diags);
                    page.parameters.extend(rows.into_iter().map(|row| Parameter { location, row }));
                }
                "request body" => {
                    let rows = tables::property_rows(table, file, diags);
                    let body = page.request_body.get_or_insert_with(|| RequestBody {
                        pos: table.pos,
                        type_link: None,
                        properties: Vec::new(),
                    });
                    body.properties.extend(rows);
                }
                _ => {}
            },
            Block::Code(code) if !is_http_or_json(&code.info) => {
                // SDK snippets (C#, JavaScript…) inside tab groups are not HTTP examples.
                pending = None;
            }
            Block::Code(code) => {
                let annotation = pending.take();
                if !code.closed {
                    diags.push(Diagnostic::new(
                        Code::UnterminatedFence,
                        Loc::at(file, code.pos),
                        "code fence is not closed before the next heading, fence or end of page; expected a closing ``` line",
                    ));
                }
                if section.starts_with("http request") {
                    saw_http_section = true;
                    page.http_requests.extend(http::request_lines(code, file, diags));
                } else if (section.starts_with("example")
                    || ctx.sub.starts_with("request")
                    || ctx.sub.starts_with("response"))
                    && let Some(role) = example_role(annotation.as_ref(), &code.text)
                    && let Some(example) = http::example(code, role, annotation, file, diags)
                {
                    page.examples.push(example);
                }
            }
        }
    });
    if !saw_http_section {
        diags.push(Diagnostic::new(
            Code::MissingSection,
            Loc::new(file.clone(), 1, 1),
            "the page has no `## HTTP request` section with a code block; expected `METHOD /path` lines there",
        ));
    }
    if let (Some(pos), None) = (response_heading, &page.response) {
        diags.push(Diagnostic::new(
            Code::ResponseUnparsed,
            Loc::at(file, pos),
            "the Response section does not name a status code; expected prose like \"returns a `200 OK` response code\"",
        ));
    }
    page
}

fn is_http_or_json(info: &str) -> bool {
    let lang = info.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    matches!(lang.as_str(), "" | "http" | "json" | "msgraph-interactive")
}

/// Whether a code block in the examples is a request or a response: the annotation says so
/// when there is one; otherwise its first line does (`METHOD …` or `HTTP/1.1 …`). Sample
/// snippets that are neither, and `ignored` blocks, are not examples.
fn example_role(annotation: Option<&Annotation>, text: &str) -> Option<ExampleRole> {
    match annotation.and_then(|a| a.get_str("blockType")) {
        Some("request") => return Some(ExampleRole::Request),
        Some("response") => return Some(ExampleRole::Response),
        Some("ignored") => return None,
        _ => {}
    }
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let word = first.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("").to_ascii_uppercase();
    if http::METHODS.contains(&word.as_str()) {
        Some(ExampleRole::Request)
    } else if http::status_code(first).is_some() {
        Some(ExampleRole::Response)
    } else {
        None
    }
}

/// "supply a JSON representation of the [x](…) object" names the body type.
fn body_type_link(p: &Inline) -> Option<Link> {
    let lower = p.text.to_ascii_lowercase();
    (lower.contains("representation of")).then(|| p.links.first().cloned()).flatten()
}

/// "returns a `201 Created` response code and a [x](…) object in the response body"; the code
/// is often not in backticks ("returns a 201 Created response code").
fn response_prose(p: &Inline) -> Option<ResponseProse> {
    let status =
        p.text.split('`').skip(1).step_by(2).find_map(|code| status_token(code.split_whitespace().next()?)).or_else(
            || {
                let lower = p.text.to_ascii_lowercase();
                let after = lower.find("return").map_or(&lower[..], |i| &lower[i..]);
                after.split(|c: char| !c.is_ascii_alphanumeric()).find_map(status_token)
            },
        )?;
    let lower = p.text.to_ascii_lowercase();
    let type_link = p.links.iter().find(|l| !l.target.starts_with('/') && !l.target.starts_with("http")).cloned();
    let collection = lower.contains("collection");
    // "returns a `200 OK` response code and an Int32 in the response body": the Edm name as
    // written (capitalised), so ordinary words such as "string" in prose do not count.
    let primitive = type_link.is_none().then(|| {
        p.text
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
            .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()) && *w != "OK")
            .find_map(crate::type_cell::primitive)
    });
    Some(ResponseProse { pos: p.pos, status: Some(status), type_link, primitive: primitive.flatten(), collection })
}

/// `201` → 201; only HTTP status codes (100–599).
fn status_token(word: &str) -> Option<u16> {
    let code = (word.len() == 3).then(|| word.parse::<u16>().ok()).flatten()?;
    (100..600).contains(&code).then_some(code)
}

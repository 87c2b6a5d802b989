//! HTTP blocks: the request section's `METHOD /path` lines, and example requests and
//! responses (start line, headers, JSON body).

use crate::blocks::Code as CodeBlock;
use crate::lazy_json::LazyJson;
use crate::page::{Annotation, Example, ExampleRole, HttpRequestLine, JsonBody, Text};
use graphdoc_diagnostics::{Code, Diagnostic, Loc, Pos};
use std::sync::Arc;

pub const METHODS: [&str; 7] = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// The `METHOD /path` lines of an HTTP request section block. Header lines or a JSON body (a
/// full example placed in the section) end the list silently.
pub fn request_lines(block: &CodeBlock, file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> Vec<HttpRequestLine> {
    let mut out = Vec::new();
    for (i, line) in block.text.lines().enumerate() {
        let line_no = block.first_line + u32::try_from(i).unwrap_or(u32::MAX);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('{') || (is_header_line(trimmed) && !out.is_empty()) {
            break;
        }
        match split_request_line(trimmed) {
            Some((method, target)) => {
                out.push(HttpRequestLine { method, path: path_template(target), pos: Pos { line: line_no, column: 1 } })
            }
            None => diags.push(Diagnostic::new(
                Code::HttpLineUnparsed,
                Loc::new(file.clone(), line_no, 1),
                format!("expected `METHOD /path` in the HTTP request block, found `{trimmed}`"),
            )),
        }
    }
    out
}

/// `Content-Type: application/json`.
fn is_header_line(line: &str) -> bool {
    line.split_once(':')
        .is_some_and(|(name, _)| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

/// `POST https://host/beta/x` → ("POST", "https://host/beta/x"); also `DELETE/x` with the
/// space missing.
fn split_request_line(line: &str) -> Option<(String, &str)> {
    let word_end = line.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(line.len());
    let method = line[..word_end].to_ascii_uppercase();
    METHODS.contains(&method.as_str()).then(|| (method, line[word_end..].trim()))
}

/// The path as documented, without scheme, host, API version or query string: `/policies/x`.
/// Spaces inside placeholders (`{id | userPrincipalName}`) are dropped, so the template is one
/// token.
pub fn path_template(target: &str) -> String {
    let mut path = target.trim();
    if let Some(rest) = path.strip_prefix("https://").or_else(|| path.strip_prefix("http://")) {
        path = rest.find('/').map_or("", |i| &rest[i..]);
    }
    for version in ["/beta/", "/v1.0/"] {
        if path.starts_with(version) {
            path = &path[version.len() - 1..];
            break;
        }
    }
    let mut out = String::with_capacity(path.len() + 1);
    // `path` is trimmed, so the loop below keeps its first character unless that is a `?`.
    if !path.starts_with('/') {
        out.push('/');
    }
    // Runs of kept text are copied whole rather than character by character.
    let (mut depth, mut kept_from, mut end) = (0usize, 0, path.len());
    for (at, c) in path.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && depth > 0 => {
                out.push_str(&path[kept_from..at]);
                kept_from = at + c.len_utf8();
            }
            // The first space outside a placeholder ends the path (` HTTP/1.1`, prose).
            // Query strings in the docs are examples of options, not part of the template.
            c if c.is_whitespace() || (c == '?' && depth == 0) => {
                end = at;
                break;
            }
            _ => {}
        }
    }
    out.push_str(&path[kept_from..end]);
    out
}

/// An example request or response block, split into start line, headers and JSON body.
pub fn example(
    block: &CodeBlock,
    role: ExampleRole,
    annotation: Option<Annotation>,
    file: &Arc<str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Example> {
    let mut lines = block.text.lines().enumerate().skip_while(|(_, l)| l.trim().is_empty()).peekable();
    let &(first_idx, first) = lines.peek()?;
    if first.trim_start().starts_with(['{', '[']) {
        // A body with no start line (an annotated response that shows only its JSON).
        let text = lines_from(&block.text, first_idx);
        let pos = Pos { line: block.first_line + u32::try_from(first_idx).unwrap_or(0), column: 1 };
        let body = example_body(text, pos, file, diags);
        let start_line = Text { text: String::new(), pos: body.pos };
        return Some(Example {
            role,
            pos: block.pos,
            annotation,
            start_line,
            method: None,
            url: None,
            status: None,
            headers: Vec::new(),
            body: Some(body),
        });
    }
    lines.next();
    let line_no = |i: usize| block.first_line + u32::try_from(i).unwrap_or(u32::MAX);
    let start_line = Text { text: first.trim().to_string(), pos: Pos { line: line_no(first_idx), column: 1 } };
    let (mut method, mut url, mut status) = (None, None, None);
    match role {
        ExampleRole::Request => match split_request_line(first.trim()) {
            Some((m, target)) => {
                method = Some(m);
                url = Some(target.to_string());
            }
            None => diags.push(Diagnostic::new(
                Code::HttpLineUnparsed,
                Loc::at(file, start_line.pos),
                format!("expected an example request line `METHOD https://…`, found `{}`", first.trim()),
            )),
        },
        ExampleRole::Response => {
            status = status_code(first);
            if status.is_none() {
                diags.push(Diagnostic::new(
                    Code::HttpLineUnparsed,
                    Loc::at(file, start_line.pos),
                    format!("expected an example status line `HTTP/1.1 NNN Reason`, found `{}`", first.trim()),
                ));
            }
        }
    }
    let mut headers = Vec::new();
    let mut body_start = None;
    for (i, line) in lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('{') || t.starts_with('[') {
            body_start = Some(i);
            break;
        }
        match t.split_once(':') {
            Some((name, value)) if !name.contains(' ') && body_start.is_none() => {
                headers.push((name.to_string(), value.trim().to_string()));
            }
            _ => {
                body_start = Some(i);
                break;
            }
        }
    }
    let body = body_start.map(|i| {
        let text = lines_from(&block.text, i);
        example_body(text, Pos { line: line_no(i), column: 1 }, file, diags)
    });
    Some(Example { role, pos: block.pos, annotation, start_line, method, url, status, headers, body })
}

/// The lines of `text` from line `first` (0-based) on, joined by `\n`, as `lines().skip(first)`
/// joined would be. Without a `\r` that is a slice of `text`, found without walking each line.
fn lines_from(text: &str, first: usize) -> String {
    if text.contains('\r') {
        return text.lines().skip(first).collect::<Vec<_>>().join("\n");
    }
    let start =
        if first == 0 { Some(0) } else { memchr::memchr_iter(b'\n', text.as_bytes()).nth(first - 1).map(|at| at + 1) };
    let rest = start.map_or("", |start| &text[start..]);
    rest.strip_suffix('\n').unwrap_or(rest).to_string()
}

/// The status code of `HTTP/1.1 201 Created` (also `HTTP 201`, `HTTP code: 200 OK`).
pub fn status_code(line: &str) -> Option<u16> {
    let t = line.trim();
    if !t.to_ascii_uppercase().starts_with("HTTP") {
        return None;
    }
    t.split(|c: char| c.is_whitespace() || c == ':')
        .skip(1)
        .find_map(|w| (w.len() == 3).then(|| w.parse::<u16>().ok()).flatten())
}

/// A JSON body on its own (a resource's JSON representation).
pub fn json_block(block: &CodeBlock, file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> JsonBody {
    json_body(&block.text, Pos { line: block.first_line, column: 1 }, "JSON representation", file, diags)
}

/// Parses `text`, which starts at `pos`. Recoverable defects (trailing commas, comments, smart
/// quotes…) are repaired, each reported as a warning at its own line; a body that cannot be
/// repaired is reported at its syntax error.
fn json_body(text: &str, pos: Pos, what: &str, file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> JsonBody {
    let (value, repaired) = crate::json_body::parse_reporting(text, pos, what, Code::ExampleBodyInvalid, file, diags);
    JsonBody { pos, json: Arc::new(LazyJson::built(value)), repaired }
}

/// An example's body: strict JSON is checked now and built when first asked for (most runs
/// never look at it); anything else is read leniently now, as [`json_body`] reads it.
fn example_body(text: String, pos: Pos, file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> JsonBody {
    match LazyJson::strict(text) {
        Ok(json) => JsonBody { pos, json: Arc::new(json), repaired: false },
        Err(text) => json_body(&text, pos, "example body", file, diags),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_from_is_lines_skipped_and_joined() {
        for text in &crate::test_strings::every_string(&["a", "\n", "\r", "\r\n", " "], 5) {
            for first in 0..7 {
                let expected = text.lines().skip(first).collect::<Vec<_>>().join("\n");
                assert_eq!(lines_from(text, first), expected, "{text:?} from line {first}");
            }
        }
    }

    #[test]
    fn path_templates_are_what_a_char_by_char_copy_gives() {
        // The loop `path_template` had before it copied runs: the oracle.
        fn char_by_char(path: &str) -> String {
            let mut out = String::new();
            let mut depth = 0usize;
            for c in path.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth = depth.saturating_sub(1),
                    c if c.is_whitespace() && depth > 0 => continue,
                    c if c.is_whitespace() => break,
                    '?' if depth == 0 => break,
                    _ => {}
                }
                out.push(c);
            }
            if !out.starts_with('/') {
                out.insert(0, '/');
            }
            out
        }
        let pieces = ["/", "{", "}", " ", "?", "a", "\u{a0}", "é"];
        for text in &crate::test_strings::every_string(&pieces, 5) {
            assert_eq!(path_template(text), char_by_char(text.trim()), "{text:?}");
        }
    }

    #[test]
    fn path_templates_drop_host_and_version() {
        assert_eq!(path_template("https://graph.microsoft.com/beta/policies/x"), "/policies/x");
        assert_eq!(path_template("https://graph.microsoft.com/v1.0/me?$select=id"), "/me");
        assert_eq!(path_template("/users/{id}"), "/users/{id}");
        assert_eq!(path_template("users/{id}"), "/users/{id}");
        assert_eq!(path_template("/users/{id | userPrincipalName}/events"), "/users/{id|userPrincipalName}/events");
        assert_eq!(path_template("/me/events?$filter=start eq 1"), "/me/events");
        assert_eq!(path_template("/me HTTP/1.1"), "/me");
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_code("HTTP/1.1 201 Created"), Some(201));
        assert_eq!(status_code("HTTP/1.1 204"), Some(204));
        assert_eq!(status_code("HTTP 201"), Some(201));
        assert_eq!(status_code("HTTP code: 200 OK"), Some(200));
        assert_eq!(status_code("POST /x"), None);
    }
}

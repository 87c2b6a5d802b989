//! Walks the block list keeping track of the section each block is in. A section is named by
//! the nearest heading that is a known section name (`HTTP request`, `Properties`…) at any
//! level, because pages nest them under scenario headings (`## Get a drive` → `### HTTP
//! request`). Tab headings (`# [HTTP](#tab/http)`) are markers inside a section, not sections.

use crate::blocks::{Block, Inline};

/// Where a block sits.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The section, lower-cased: a known section name, another `##` heading, or `""` before
    /// the first.
    pub section: String,
    /// The heading below the section (an example's `Request` / `Response`), lower-cased.
    pub sub: String,
}

const SECTIONS: [&str; 19] = [
    "permissions",
    "prerequisites",
    "http request",
    "http requests",
    "request headers",
    "optional request headers",
    "request body",
    "response",
    "properties",
    "relationships",
    "json representation",
    "members",
    "methods",
    "query parameters",
    "optional query parameters",
    "odata query parameters",
    "function parameters",
    "path parameters",
    "parameters",
];

/// Calls `visit` with each block and its context; headings update the context first.
pub fn walk<'b>(blocks: &'b [Block], mut visit: impl FnMut(&Context, &'b Block)) {
    let mut ctx = Context::default();
    for block in blocks {
        if let Block::Heading { level, text, .. } = block {
            if is_tab_heading(text) {
                continue;
            }
            let title = text.text.trim().to_ascii_lowercase();
            let in_examples = ctx.section.starts_with("example");
            if *level == 1 {
                ctx = Context::default();
            } else if is_values_heading(&title) {
                // `### riskLevel values` inside `## Properties` starts an enum, not more properties.
                ctx = Context { section: "enum values".to_string(), sub: title };
            } else if in_examples && (title.starts_with("request") || title.starts_with("response")) {
                ctx.sub = title;
            } else if is_section_name(&title) || *level == 2 {
                let base = crate::needle::before_paren(&title).trim().to_string();
                ctx = Context { section: base, sub: String::new() };
            } else {
                ctx.sub = title;
            }
        }
        visit(&ctx, block);
    }
}

/// `HTTP Request`, `Examples`, `Example 2: create a group`, `Request body (to upload)`…
fn is_section_name(title: &str) -> bool {
    let base = crate::needle::before_paren(title).trim();
    SECTIONS.contains(&base) || base.starts_with("example")
}

/// `riskLevel values`: one identifier, then "values".
fn is_values_heading(title: &str) -> bool {
    title.strip_suffix(" values").is_some_and(|name| {
        !name.is_empty()
            && !name.contains(' ')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    })
}

pub fn is_tab_heading(text: &Inline) -> bool {
    text.links.iter().any(|l| l.target.starts_with("#tab/"))
}

/// Paragraphs that are page furniture rather than a description: the namespace line, includes
/// (`[!INCLUDE …]`) and notices (`**Important:** …`, `**Note:** …`).
pub fn is_furniture(text: &str) -> bool {
    let t = text.trim_start();
    t.is_empty()
        || t.starts_with("Namespace:")
        || t.starts_with("[!")
        || t.starts_with("Important:")
        || t.starts_with("Note:")
}

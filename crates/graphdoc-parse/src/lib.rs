//! Parses one Microsoft Graph reference page into a typed [`Page`].
//!
//! Parsing never fails and does no I/O: it takes a file name and its text and returns the page
//! it could read plus diagnostics for what it could not.

mod annotation;
mod api_page;
mod blocks;
mod enums;
mod front_matter;
mod http;
mod inline;
mod json_body;
mod json_repair;
mod lazy_json;
mod needle;
mod page;
mod page_kind;
mod resource_page;
mod sections;
mod semantics;
mod simple_inline;
mod table_rows;
mod tables;
#[cfg(test)]
mod test_strings;
mod todo;
mod type_cell;

pub use http::path_template;
pub use lazy_json::LazyJson;
pub use page::*;
pub use type_cell::primitive;

use graphdoc_diagnostics::{Diagnostic, LineIndex, Loc};
use std::sync::Arc;

/// Parses `text`, the contents of `file` (a path relative to the docs root, used in locations).
pub fn parse_page(file: &str, text: &str) -> (Page, Vec<Diagnostic>) {
    let file: Arc<str> = Arc::from(file);
    let lines = LineIndex::new(file.clone(), text);
    let mut diags = Vec::new();
    let (front_matter, body_start) = front_matter::split(text, &lines, &mut diags);
    let kind = front_matter::page_kind(&front_matter, Loc::new(file.clone(), 1, 1), &mut diags);
    let blocks = blocks::blocks(&text[body_start..], body_start, &lines, &mut diags);
    let kind = page_kind::reconcile(kind, &file, &blocks, &mut diags);
    report_unclosed_comments(&blocks, &file, &mut diags);

    let title = blocks.iter().find_map(|b| match b {
        blocks::Block::Heading { level: 1, text, pos } if !sections::is_tab_heading(text) => {
            Some(Text { text: text.text.clone(), pos: *pos })
        }
        _ => None,
    });
    if title.is_none() && matches!(kind, PageKind::Api | PageKind::Resource) {
        diags.push(Diagnostic::new(
            graphdoc_diagnostics::Code::TitleMissing,
            Loc::new(file.clone(), 1, 1),
            "the page has no `# ` title heading; expected one naming the operation or type",
        ));
    }
    let namespace = blocks.iter().find_map(|b| match b {
        blocks::Block::Paragraph(p) => {
            p.text.strip_prefix("Namespace:").map(|ns| Text { text: ns.trim().to_string(), pos: p.pos })
        }
        _ => None,
    });

    let enums = enums::collect(&blocks, kind, &file, &mut diags);
    let mut page = Page { file: file.clone(), kind, front_matter, title, namespace, api: None, resource: None, enums };
    match kind {
        PageKind::Api => page.api = Some(api_page::parse(&blocks, &file, &mut diags)),
        PageKind::Resource => page.resource = Some(resource_page::parse(&blocks, &file, &mut diags)),
        PageKind::Conceptual => diags.push(Diagnostic::new(
            graphdoc_diagnostics::Code::ConceptualPage,
            Loc::new(file.clone(), 1, 1),
            "conceptual page: it defines no types or operations and is skipped",
        )),
        PageKind::Enum | PageKind::Unknown => {}
    }
    // Locations computed from offsets inside bodies and annotations are kept on the text.
    for d in &mut diags {
        lines.clamp(&mut d.loc);
    }
    (page, diags)
}

fn report_unclosed_comments(blocks: &[blocks::Block], file: &Arc<str>, diags: &mut Vec<Diagnostic>) {
    for block in blocks {
        if let blocks::Block::Comment(c) = block
            && !c.closed
        {
            diags.push(Diagnostic::new(
                graphdoc_diagnostics::Code::UnterminatedComment,
                Loc::at(file, c.pos),
                "`<!--` is never closed with `-->`; where headings or fences follow, the comment is taken to end at its first blank line, otherwise it hides the rest of the page",
            ));
        }
    }
}

//! Settles what a page documents when its doc_type, its folder and its content disagree
//! (`apiPageType` pages in resources/, a missing doc_type): the content decides, and a
//! diagnostic says so.

use crate::blocks::Block;
use crate::needle::Needle;
use crate::page::PageKind;
use crate::sections::is_tab_heading;
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use std::sync::Arc;

/// What the page's own sections say it is, if they say anything.
fn kind_from_content(blocks: &[Block]) -> Option<PageKind> {
    let mut http_request = false;
    let mut properties = false;
    let mut members = false;
    let mut resource_annotation = false;
    for block in blocks {
        match block {
            Block::Heading { level, text, .. } if !is_tab_heading(text) => {
                let t = text.text.trim().to_ascii_lowercase();
                http_request |= t.starts_with("http request");
                properties |= *level == 2 && t == "properties";
                members |= *level == 2 && t == "members";
                members |= *level == 1 && t.ends_with(" enum type");
            }
            Block::Comment(c) => {
                static BLOCK_TYPE: Needle = Needle::new("\"blockType\"");
                static RESOURCE: Needle = Needle::new("\"resource\"");
                resource_annotation |= BLOCK_TYPE.is_in(&c.inner) && RESOURCE.is_in(&c.inner)
            }
            _ => {}
        }
    }
    if http_request {
        Some(PageKind::Api)
    } else if resource_annotation || properties {
        Some(PageKind::Resource)
    } else if members {
        Some(PageKind::Enum)
    } else {
        None
    }
}

pub fn reconcile(declared: PageKind, file: &Arc<str>, blocks: &[Block], diags: &mut Vec<Diagnostic>) -> PageKind {
    let folder = if file.contains("/api/") {
        Some(PageKind::Api)
    } else if file.contains("/resources/") {
        Some(PageKind::Resource)
    } else {
        None
    };
    let content = kind_from_content(blocks);
    let loc = Loc::new(file.clone(), 1, 1);
    match declared {
        PageKind::Unknown => {
            let kind = content.unwrap_or(PageKind::Conceptual);
            diags.push(Diagnostic::new(
                Code::PageKindMismatch,
                loc,
                format!("without a usable doc_type, the page is read as {} from its sections", kind_name(kind)),
            ));
            kind
        }
        PageKind::Api | PageKind::Resource if folder.is_some_and(|f| f != declared) => {
            // Only a page whose content matches its folder is re-read; otherwise doc_type stands.
            let kind = if content == folder { content.unwrap_or(declared) } else { declared };
            diags.push(Diagnostic::new(
                Code::PageKindMismatch,
                loc,
                format!(
                    "doc_type says {} but the page is in the {} folder; read as {} from its sections",
                    kind_name(declared),
                    if folder == Some(PageKind::Api) { "api" } else { "resources" },
                    kind_name(kind)
                ),
            ));
            kind
        }
        _ => declared,
    }
}

fn kind_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Api => "an API page",
        PageKind::Resource => "a resource page",
        PageKind::Enum => "an enum page",
        PageKind::Conceptual => "a conceptual page",
        PageKind::Unknown => "an unknown page",
    }
}

//! Interprets the sections of a resource (type) page: description, Properties and
//! Relationships tables, "Inherits from" prose and the JSON representation.

use crate::blocks::Block;
use crate::needle::Needle;
use crate::page::{Annotation, JsonRepresentation, ResourcePage, Text};
use crate::sections;
use crate::{annotation, http, tables, todo};
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use std::sync::Arc;

pub fn parse(blocks: &[Block], file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> ResourcePage {
    let mut page = ResourcePage::default();
    let mut pending: Option<Annotation> = None;
    let mut saw_properties = false;
    sections::walk(blocks, |ctx, block| {
        let section = ctx.section.as_str();
        match block {
            Block::Heading { .. } => {
                if section == "properties" {
                    saw_properties = true;
                }
            }
            Block::Comment(c) => {
                if let Some(a) = annotation::parse(c, file, diags) {
                    if a.get_str("blockType") == Some("resource") && page.json_representation.is_none() {
                        page.json_representation = Some(JsonRepresentation { annotation: Some(a), body: None });
                    } else {
                        pending = Some(a);
                    }
                }
            }
            Block::Paragraph(p) => {
                todo::report(p, file, diags);
                if section.is_empty() {
                    let lower = p.text.to_ascii_lowercase();
                    if let Some(link) = inherited_link(p, &lower)
                        && page.inherits_from.is_none()
                    {
                        page.inherits_from = Some(link);
                    }
                    if page.description.is_none() && !sections::is_furniture(&p.text) {
                        page.description = Some(Text { text: p.text.clone(), pos: p.pos });
                    }
                }
            }
            Block::Table(table) => match section {
                "properties" => page.properties.extend(tables::property_rows(table, file, diags)),
                // A Properties table straight under the title, with no `## Properties` heading.
                "" if tables::is_property_table(table) && page.properties.is_empty() => {
                    saw_properties = true;
                    page.properties.extend(tables::property_rows(table, file, diags));
                }
                "relationships" => page.relationships.extend(tables::property_rows(table, file, diags)),
                _ => {}
            },
            Block::Code(code) => {
                pending = None;
                if section == "json representation" {
                    let body = http::json_block(code, file, diags);
                    match page.json_representation.as_mut() {
                        Some(rep) if rep.body.is_none() => rep.body = Some(body),
                        Some(_) => {}
                        None => {
                            page.json_representation = Some(JsonRepresentation { annotation: None, body: Some(body) })
                        }
                    }
                }
            }
        }
    });
    let _ = pending;
    if !saw_properties {
        diags.push(Diagnostic::new(
            Code::MissingSection,
            Loc::new(file.clone(), 1, 1),
            "the resource page has no `## Properties` section; expected a `Property | Type | Description` table",
        ));
    }
    page
}

/// The link after "inherits from" / "derived from" in a paragraph ("This type inherits from
/// [identity](identity.md) and has…").
fn inherited_link(p: &crate::blocks::Inline, lower: &str) -> Option<crate::page::Link> {
    static PHRASES: [Needle; 3] =
        [Needle::new("inherits from"), Needle::new("derives from"), Needle::new("derived from")];
    let at = PHRASES.iter().filter_map(|m| m.find(lower)).min()?;
    // Links are recorded in order; the first whose text appears after the phrase is the base.
    p.links.iter().find(|l| lower[at..].contains(&l.text.to_ascii_lowercase())).cloned()
}

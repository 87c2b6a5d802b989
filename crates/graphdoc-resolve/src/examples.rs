//! Example bodies matched to what they illustrate: a request to the page's operation whose
//! path template fits the example's URL, a response to the type its annotation declares (or,
//! failing that, the type the page's Response prose names).

use crate::index::TypeIndex;
use crate::model::{ExampleBody, ExampleTarget};
use graphdoc_diagnostics::Loc;
use graphdoc_parse::{ExampleRole, Page};

pub fn collect(pages: &[&Page], index: &TypeIndex) -> Vec<ExampleBody> {
    let mut out = Vec::new();
    for page in pages {
        let Some(api) = &page.api else { continue };
        for ex in &api.examples {
            let Some(json) = ex.body.as_ref().map(|b| &b.json).filter(|json| json.is_some()) else { continue };
            let source = Loc::at(&page.file, ex.body.as_ref().map_or(ex.pos, |b| b.pos));
            let name = ex.annotation.as_ref().and_then(|a| a.get_str("name")).map(str::to_string);
            let target = match ex.role {
                ExampleRole::Request => {
                    let (Some(method), Some(url)) = (&ex.method, &ex.url) else { continue };
                    let path = graphdoc_parse::path_template(url);
                    let line = api
                        .http_requests
                        .iter()
                        .filter(|l| l.method == *method)
                        .find(|l| template_matches(&l.path, &path))
                        .or_else(|| api.http_requests.iter().find(|l| l.method == *method));
                    let Some(line) = line else { continue };
                    ExampleTarget::Request { method: line.method.clone(), path: line.path.clone() }
                }
                ExampleRole::Response => {
                    let annotation = ex.annotation.as_ref();
                    let declared = annotation.and_then(|a| a.get_str("@odata.type").or_else(|| a.get_str("@type")));
                    let is_collection = annotation
                        .and_then(|a| a.json.get("isCollection"))
                        .is_some_and(|v| v.as_bool() == Some(true) || v.as_str() == Some("true"));
                    // A type the docs never define cannot be checked against; such an example is
                    // skipped rather than given a placeholder type of its own.
                    let type_name = match declared {
                        Some(name) if !name.trim().is_empty() => index.by_name(name.trim()).map(str::to_string),
                        _ => api
                            .response
                            .as_ref()
                            .and_then(|r| r.type_link.as_ref())
                            .and_then(|l| index.lookup_link(l, &page.file)),
                    };
                    let Some(type_name) = type_name else { continue };
                    ExampleTarget::Response { type_name, collection: is_collection }
                }
            };
            // The page's value is shared, not copied: copying every body was a visible share of
            // resolving, of the run's memory and of dropping the run.
            out.push(ExampleBody { name, source, target, body: std::sync::Arc::clone(json) });
        }
    }
    out
}

/// Whether a documented template (`/users/{id}/events`) fits a concrete example path
/// (`/users/8b081ef6/events`): segment by segment, a `{…}` segment matches any one segment.
pub fn template_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    t.len() == p.len()
        && t.iter().zip(&p).all(|(t, p)| {
            t.eq_ignore_ascii_case(p)
                || (t.starts_with('{') && t.ends_with('}'))
                || (t.contains('{') && prefix_before_brace(t).is_some_and(|pre| p.starts_with(pre)))
        })
}

/// `items('{id}')` → `items(`.
fn prefix_before_brace(segment: &str) -> Option<&str> {
    segment.find('{').map(|i| &segment[..i]).filter(|pre| !pre.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_concrete_paths() {
        assert!(template_matches("/users/{id}/events", "/users/8b08/events"));
        assert!(template_matches("/me/drive/items('{item-id}')", "/me/drive/items('0123')"));
        assert!(!template_matches("/users/{id}/events", "/users/8b08/calendar"));
        assert!(!template_matches("/users", "/users/8b08"));
    }
}

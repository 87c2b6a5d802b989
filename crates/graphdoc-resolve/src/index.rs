//! Which page defines which type: by file path (for links) and by name (for bare type names).
//! Built first, so that resolving a link never depends on page order.

use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use graphdoc_parse::{Page, PageKind};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Default)]
pub struct TypeIndex {
    /// Lower-cased page path (`beta/resources/user.md`) → qualified type name.
    by_path: HashMap<String, String>,
    /// Lower-cased qualified name → qualified name as the docs spell it.
    by_qualified: HashMap<String, String>,
    /// Lower-cased short name → qualified names with that short name, sorted.
    by_short: BTreeMap<String, Vec<String>>,
}

impl TypeIndex {
    pub fn build(pages: &[Page], diags: &mut Vec<Diagnostic>) -> Self {
        let mut index = TypeIndex::default();
        for page in pages {
            if page.kind == PageKind::Resource
                && let Some(name) = defined_type(page, diags)
            {
                index.by_path.insert(page.file.to_ascii_lowercase(), name.clone());
                index.by_qualified.insert(name.to_ascii_lowercase(), name.clone());
                let short = name.rsplit('.').next().unwrap_or(&name).to_ascii_lowercase();
                let names = index.by_short.entry(short).or_default();
                if !names.contains(&name) {
                    names.push(name);
                    names.sort();
                }
            }
        }
        index
    }

    pub fn by_path(&self, path: &str) -> Option<&str> {
        self.by_path.get(&path.to_ascii_lowercase()).map(String::as_str)
    }

    /// A qualified or short type name; a short name must be unambiguous.
    pub fn by_name(&self, name: &str) -> Option<&str> {
        let lower = name.trim_start_matches('#').to_ascii_lowercase();
        if let Some(q) = self.by_qualified.get(&lower) {
            return Some(q);
        }
        match self.by_short.get(&lower).map(Vec::as_slice) {
            Some([only]) => Some(only),
            _ => None,
        }
    }
}

/// The qualified name a resource page defines: its resource annotation's `@odata.type`, else
/// its namespace plus the first word of its title.
pub fn defined_type(page: &Page, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let annotated = page
        .resource
        .as_ref()
        .and_then(|r| r.json_representation.as_ref())
        .and_then(|j| j.annotation.as_ref())
        .and_then(|a| a.get_str("@odata.type").or_else(|| a.get_str("@type")));
    if let Some(name) = annotated {
        return Some(name.trim_start_matches('#').to_string());
    }
    let title = page.title.as_ref()?;
    let short = title.text.split_whitespace().next()?;
    let namespace = page.namespace.as_ref().map_or("microsoft.graph", |n| n.text.as_str());
    let name = format!("{namespace}.{short}");
    diags.push(Diagnostic::new(
        Code::ResourceAnnotationMissing,
        Loc::new(page.file.clone(), title.pos.line, title.pos.column),
        format!("no `blockType: resource` annotation names this page's @odata.type; using `{name}` from the title"),
    ));
    Some(name)
}

/// Resolves a link target written on page `from` (`../resources/x.md#y`) to a docs-root-relative
/// path (`beta/resources/x.md`). Targets outside the docs root or not pages give `None`.
pub fn link_path(from: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or("").trim();
    if target.is_empty() || target.contains("://") || target.starts_with('/') || !target.ends_with(".md") {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_paths_are_relative_to_the_linking_page() {
        assert_eq!(link_path("beta/api/a.md", "../resources/x.md").as_deref(), Some("beta/resources/x.md"));
        assert_eq!(link_path("beta/resources/a.md", "x.md#values").as_deref(), Some("beta/resources/x.md"));
        assert_eq!(link_path("beta/resources/a.md", "./x.md").as_deref(), Some("beta/resources/x.md"));
        assert_eq!(link_path("beta/a.md", "../../../etc/passwd.md"), None);
        assert_eq!(link_path("beta/a.md", "/graph/overview"), None);
        assert_eq!(link_path("beta/a.md", "#x-values"), None);
    }
}

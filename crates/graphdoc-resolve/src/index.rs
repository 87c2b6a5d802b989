//! Which page defines which type: by file path (for links) and by name (for bare type names).
//! Built first, so that resolving a link never depends on page order.

use foldhash::HashMap;
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use graphdoc_parse::{Link, Page, PageKind};

#[derive(Debug, Default)]
pub struct TypeIndex {
    /// Lower-cased page path (`beta/resources/user.md`) → the types the page defines.
    by_path: HashMap<String, PageTypes>,
    /// Lower-cased qualified name → qualified name as the docs spell it.
    by_qualified: HashMap<String, String>,
    /// Lower-cased short name → the qualified names with that short name (a short name is
    /// usable when it has one).
    by_short: HashMap<String, Vec<String>>,
}

/// The types one page defines: its resource type, if any, and its enums.
#[derive(Debug, Default)]
struct PageTypes {
    main: Option<String>,
    all: Vec<String>,
}

impl TypeIndex {
    pub fn build(pages: &[&Page], diags: &mut Vec<Diagnostic>) -> Self {
        let mut index = TypeIndex::default();
        let TypeIndex { by_path, by_qualified, by_short } = &mut index;
        for page in pages {
            let main = if page.kind == PageKind::Resource { defined_type(page, diags) } else { None };
            if main.is_none() && page.enums.is_empty() {
                continue;
            }
            // One entry per page, its namespace worked out once for all its enums.
            let types = by_path.entry(page.file.to_ascii_lowercase()).or_default();
            if main.is_some() {
                types.main.clone_from(&main);
            }
            let namespace = if page.enums.is_empty() { String::new() } else { page_namespace(page) };
            let enums = page.enums.iter().map(|e| format!("{namespace}.{}", e.name));
            for name in main.into_iter().chain(enums) {
                if !types.all.contains(&name) {
                    types.all.push(name.clone());
                }
                by_qualified.insert(name.to_ascii_lowercase(), name.clone());
                let short = name.rsplit('.').next().unwrap_or(&name).to_ascii_lowercase();
                let names = by_short.entry(short).or_default();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        index
    }

    /// The type a link to `path` means. With an anchor (`enums.md#risklevel-values`), the type
    /// the anchor names; otherwise the page's resource type, or its only type.
    pub fn by_path(&self, path: &str, anchor: Option<&str>) -> Option<&str> {
        let page = self.by_path.get(&path.to_ascii_lowercase())?;
        if let Some(anchor) = anchor {
            let wanted = anchor.to_ascii_lowercase();
            let wanted = wanted.strip_suffix("-values").unwrap_or(&wanted);
            if let Some(hit) = page.all.iter().find(|n| n.rsplit('.').next().unwrap_or(n).eq_ignore_ascii_case(wanted))
            {
                return Some(hit);
            }
        }
        match (&page.main, page.all.as_slice()) {
            (Some(main), _) => Some(main),
            (None, [only]) => Some(only),
            _ => None,
        }
    }

    /// The type a link names (by its target page, else by its text), if a page defines it.
    pub fn lookup_link(&self, link: &Link, from: &str) -> Option<String> {
        if let Some(q) = link_path(from, &link.target).and_then(|(p, a)| self.by_path(&p, a.as_deref())) {
            return Some(q.to_string());
        }
        let text = link.text.trim_matches(|c| c == '*' || c == '`').trim();
        self.by_name(text).map(str::to_string)
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

/// The sub-namespaces of microsoft.graph the docs use, in their canonical spelling; a page
/// that writes one in another case (`microsoft.graph.termstore`) means the same namespace.
const KNOWN_NAMESPACES: [&str; 6] =
    ["callRecords", "ediscovery", "externalConnectors", "managedTenants", "termStore", "windowsUpdates"];

/// The namespace a page declares (`Namespace: microsoft.graph.callRecords`), normalised: a
/// doubled last segment (`….ediscovery.ediscovery`) or a trailing dot is dropped, known
/// namespaces take their canonical case, and anything outside microsoft.graph reads as it.
pub fn page_namespace(page: &Page) -> String {
    // Only the first word: some pages run the namespace line into the description
    // ("Namespace: microsoft.graph. Copies a notebook …").
    let declared = page.namespace.as_ref().and_then(|n| n.text.split_whitespace().next()).unwrap_or("");
    let declared = declared.trim_end_matches('.');
    let Some(rest) = declared.strip_prefix("microsoft.graph") else { return "microsoft.graph".to_string() };
    let mut segments: Vec<&str> = rest.split('.').filter(|s| !s.is_empty()).collect();
    if segments.len() >= 2 && segments[segments.len() - 1].eq_ignore_ascii_case(segments[segments.len() - 2]) {
        segments.pop();
    }
    let mut out = String::from("microsoft.graph");
    for seg in segments {
        out.push('.');
        out.push_str(KNOWN_NAMESPACES.iter().find(|k| k.eq_ignore_ascii_case(seg)).copied().unwrap_or(seg));
    }
    out
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
    let name = format!("{}.{short}", page_namespace(page));
    diags.push(Diagnostic::new(
        Code::ResourceAnnotationMissing,
        Loc::new(page.file.clone(), title.pos.line, title.pos.column),
        format!("no `blockType: resource` annotation names this page's @odata.type; using `{name}` from the title"),
    ));
    Some(name)
}

/// Resolves a link target written on page `from` (`../resources/x.md#y`) to a docs-root-relative
/// path (`beta/resources/x.md`) and its anchor. An in-page anchor (`#x-values`) resolves to
/// `from` itself. Targets outside the docs root, or not pages, give `None`.
pub fn link_path(from: &str, target: &str) -> Option<(String, Option<String>)> {
    // Called for every type link of every page: no allocation before the path is known good.
    let (path, anchor) = split_target(target);
    if path.is_empty() {
        return anchor.map(|a| (from.to_string(), Some(a.to_string())));
    }
    let is_url = path.match_indices(':').any(|(at, _)| path[at + 1..].starts_with("//"));
    // `.md` is ASCII, so where it ends a path the cut is on a character boundary.
    let is_page = path.get(path.len().saturating_sub(3)..).is_some_and(|end| end.eq_ignore_ascii_case(".md"));
    if is_url || path.starts_with('/') || !is_page {
        return None;
    }
    let anchor = anchor.map(str::to_string);
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| (parts.join("/"), anchor))
}

/// A link target's page path (no query, trimmed; empty for an in-page anchor) and its anchor.
fn split_target(target: &str) -> (&str, Option<&str>) {
    let target = target.trim();
    let (path, anchor) = match target.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (target, None),
    };
    (path.split_once('?').map_or(path, |(p, _)| p).trim(), anchor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(from: &str, target: &str) -> Option<String> {
        link_path(from, target).map(|(p, _)| p)
    }

    fn namespace_of(declared: &str) -> String {
        let text = format!("---\ndoc_type: resourcePageType\n---\n# x resource type\n\nNamespace: {declared}\n");
        page_namespace(&graphdoc_parse::parse_page("beta/resources/x.md", &text).0)
    }

    #[test]
    fn namespaces_are_normalised() {
        assert_eq!(namespace_of("microsoft.graph"), "microsoft.graph");
        assert_eq!(namespace_of("microsoft.graph.callRecords"), "microsoft.graph.callRecords");
        assert_eq!(namespace_of("microsoft.graph.termstore"), "microsoft.graph.termStore");
        assert_eq!(namespace_of("microsoft.graph.ediscovery.ediscovery"), "microsoft.graph.ediscovery");
        assert_eq!(namespace_of("microsoft.graph."), "microsoft.graph");
        assert_eq!(namespace_of("contoso.widgets"), "microsoft.graph");
        assert_eq!(namespace_of("microsoft.graph. Copies a notebook. It is made."), "microsoft.graph");
    }

    #[test]
    fn link_paths_are_relative_to_the_linking_page() {
        assert_eq!(path("beta/api/a.md", "../resources/x.md").as_deref(), Some("beta/resources/x.md"));
        assert_eq!(path("beta/resources/a.md", "x.md#values").as_deref(), Some("beta/resources/x.md"));
        assert_eq!(path("beta/resources/a.md", "./x.md").as_deref(), Some("beta/resources/x.md"));
        assert_eq!(path("beta/a.md", "../../../etc/passwd.md"), None);
        assert_eq!(path("beta/a.md", "/graph/overview"), None);
        assert_eq!(link_path("beta/r/a.md", "#x-values"), Some(("beta/r/a.md".into(), Some("x-values".into()))));
        assert_eq!(
            link_path("beta/r/a.md", "enums.md#risk-values"),
            Some(("beta/r/enums.md".into(), Some("risk-values".into())))
        );
    }
}

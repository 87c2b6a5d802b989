//! Type cells and links to qualified types. A name nothing defines becomes an `Unresolved`
//! placeholder type (and a warning), so every reference in the model points somewhere.

use crate::index::{TypeIndex, link_path};
use crate::model::{TypeDef, TypeExpr, TypeKind};
use foldhash::HashMap;
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use graphdoc_parse::{Link, TypeRef, TypeTarget};
use std::collections::BTreeMap;

pub struct TypeRefs<'i> {
    pub index: &'i TypeIndex,
    /// Placeholder types for names nothing defines, with the first place that used them.
    pub unresolved: BTreeMap<String, TypeDef>,
    /// The type each link target names from a folder, keyed `folder\0target`: a few thousand
    /// targets (`../resources/user.md`) are linked tens of thousands of times, and resolving
    /// one joins its path and lower-cases it (a fifth of resolve's instructions before this
    /// memo).
    by_target: HashMap<String, Option<&'i str>>,
    /// The key being looked up, reused so that a hit allocates nothing.
    key: String,
    /// The page of the last link looked up, and the length of its folder's name.
    from: String,
    folder_len: usize,
}

impl<'i> TypeRefs<'i> {
    pub fn new(index: &'i TypeIndex) -> Self {
        TypeRefs {
            index,
            unresolved: BTreeMap::new(),
            by_target: HashMap::default(),
            key: String::new(),
            from: String::new(),
            folder_len: 0,
        }
    }

    /// The type a link target on page `from` names by its path, as [`TypeIndex::by_path`] of
    /// [`link_path`] gives it, remembered per folder and target.
    fn by_link_path(&mut self, from: &str, target: &str) -> Option<&'i str> {
        let index = self.index;
        let resolve = || link_path(from, target).and_then(|(path, anchor)| index.by_path(&path, anchor.as_deref()));
        // An in-page anchor names `from` itself; any other target depends on `from`'s folder
        // only. (`split_target` gives an empty path exactly when this holds.)
        let start = target.trim_start();
        if start.is_empty() || start.starts_with(['#', '?']) {
            return resolve();
        }
        // The folder of the page the last link came from: links come page by page.
        if self.from != from {
            self.from.clear();
            self.from.push_str(from);
            self.folder_len = from.rfind('/').unwrap_or(0);
        }
        let folder = &from[..self.folder_len];
        self.key.clear();
        self.key.extend([folder, "\0", target]);
        if let Some(known) = self.by_target.get(self.key.as_str()) {
            return *known;
        }
        let found = resolve();
        self.by_target.insert(self.key.clone(), found);
        found
    }

    /// The type a cell denotes. `namespace` is the page's, for names without one.
    pub fn resolve(&mut self, cell: &TypeRef, loc: &Loc, namespace: &str, diags: &mut Vec<Diagnostic>) -> TypeExpr {
        let inner = match &cell.target {
            TypeTarget::Primitive(p) => TypeExpr::Primitive(*p),
            TypeTarget::Link(link) => TypeExpr::Named(self.link(link, loc, namespace, diags)),
            TypeTarget::Name(name) => match self.index.by_name(name) {
                Some(q) => TypeExpr::Named(q.to_string()),
                None => TypeExpr::Named(self.placeholder(name, namespace, loc, diags, || {
                    format!("type `{name}` is defined by no page in this version; the property accepts any value")
                })),
            },
            TypeTarget::Json => TypeExpr::Any,
            TypeTarget::Unknown(text) => {
                diags.push(Diagnostic::new(
                    Code::TypeCellUnknown,
                    loc.clone(),
                    format!("type cell `{text}` is not a primitive, a type link or a type name; the property accepts any value"),
                ));
                TypeExpr::Any
            }
        };
        if cell.collection { TypeExpr::Collection(Box::new(inner)) } else { inner }
    }

    /// The type a link names, if a page defines it; no placeholder, no diagnostic.
    pub fn lookup_link(&self, link: &Link, from: &str) -> Option<String> {
        self.index.lookup_link(link, from)
    }

    /// The qualified name a link to a type page stands for.
    pub fn link(&mut self, link: &Link, loc: &Loc, namespace: &str, diags: &mut Vec<Diagnostic>) -> String {
        if let Some(q) = self.by_link_path(&loc.file, &link.target) {
            return q.to_string();
        }
        let text = link.text.trim_matches(|c| c == '*' || c == '`').trim();
        let text = text.strip_suffix(" collection").unwrap_or(text);
        if let Some(q) = self.index.by_name(text) {
            return q.to_string();
        }
        self.placeholder(text, namespace, loc, diags, || {
            format!(
                "link [{}]({}) leads to no page defining a type; the property accepts any value",
                link.text, link.target
            )
        })
    }

    /// A type named in an annotation (`"baseType": "microsoft.graph.entity"`).
    pub fn named(&mut self, name: &str, loc: &Loc, namespace: &str, diags: &mut Vec<Diagnostic>) -> String {
        let name = name.trim_start_matches('#');
        match self.index.by_name(name) {
            Some(q) => q.to_string(),
            None => self.placeholder(name, namespace, loc, diags, || {
                format!("type `{name}` is defined by no page in this version; it accepts any value")
            }),
        }
    }

    fn placeholder(
        &mut self,
        name: &str,
        namespace: &str,
        loc: &Loc,
        diags: &mut Vec<Diagnostic>,
        message: impl FnOnce() -> String,
    ) -> String {
        // Link text that is prose ("get the status of the copy operation") names no type: its
        // dots are sentence ends, not namespace separators, so only a name that is already
        // qualified keeps them.
        let keep_dots = name.starts_with("microsoft.graph.") && !name.contains(char::is_whitespace);
        let short: String =
            name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || (keep_dots && *c == '.')).collect();
        let short = if short.is_empty() { "unnamed".to_string() } else { short };
        let qualified = if keep_dots { short } else { format!("{namespace}.{short}") };
        diags.push(Diagnostic::new(Code::UnresolvedTypeLink, loc.clone(), message()));
        self.unresolved.entry(qualified.clone()).or_insert_with(|| TypeDef {
            name: qualified.clone(),
            kind: TypeKind::Unresolved,
            base: None,
            description: Some(format!("`{name}` is referenced by the docs but defined by no page.")),
            key: Vec::new(),
            properties: Vec::new(),
            is_abstract: false,
            is_open: false,
            source: loc.clone(),
            also_defined_in: Vec::new(),
        });
        qualified
    }
}

//! Where each schema type goes in the generated crate: one module per namespace, the Rust name
//! of each type inside its module (and a crate-wide unique name for places that mix namespaces),
//! the cargo feature of each module, and how code in one module names a type in another.
//!
//! The root namespace (the one holding the most types, `microsoft.graph` in the Graph bundles)
//! lives in a private module whose items `types` re-exports, so its types read `types::User`;
//! any other namespace becomes a public module path below `types`, relative to the root when
//! nested in it (`microsoft.graph.callRecords` → `types::call_records`, a foreign `contoso.hr` →
//! `types::contoso::hr`).

use crate::names::{self, NameTable, ident, ident_text, snake};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// Module names the generated crate uses itself (or that name extern crates), never given to a
/// namespace module, so a `use` or a path in generated code cannot be shadowed.
const RESERVED_MODULES: &[&str] =
    &["types", "validate", "requests", "support", "serde_support", "serde", "serde_json", "std", "core", "alloc"];

/// Feature names the generated `Cargo.toml` uses itself.
const RESERVED_FEATURES: &[&str] = &["default", "all", "requests"];

#[derive(Debug)]
pub(crate) struct Layout {
    /// Every module below `types`, sorted by path; index 0 is the root namespace's module.
    pub modules: Vec<Module>,
    /// Qualified type name → index into `modules`.
    module_of: BTreeMap<String, usize>,
    /// Qualified type name → the type's identifier inside its module.
    local: BTreeMap<String, String>,
    /// Qualified type name → a name unique in the whole crate (`SecurityAlert`), for enum
    /// variants and other places that list types of several namespaces side by side.
    global: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Module {
    /// Identifiers from `types` down (`["call_records"]`); for the root module its one private
    /// segment (`["graph"]`).
    pub path: Vec<String>,
    /// The namespaces whose types it holds, sorted; empty for a module that only holds modules.
    pub namespaces: Vec<String>,
    /// The cargo feature that gates it; `None` for a module that only holds modules.
    pub feature: Option<String>,
    /// The types it holds, sorted by qualified name.
    pub types: Vec<String>,
    pub is_root: bool,
}

/// A cargo feature of the generated crate and the features it enables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CargoFeature {
    pub name: String,
    /// The schema namespaces it compiles (`microsoft.graph.callRecords`).
    pub namespaces: Vec<String>,
    pub depends_on: Vec<String>,
}

/// A path from one place in the generated crate to another, as `super::`s and segments.
pub(crate) fn relative_path(from: &[String], to: &[String]) -> TokenStream {
    let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let supers = (common..from.len()).map(|_| quote!(super::));
    let rest = to[common..].iter().map(|segment| {
        let segment = ident(segment);
        quote!(#segment::)
    });
    quote!(#(#supers)* #(#rest)*)
}

/// The namespace of a qualified name: everything before the last dot (`""` for none).
/// [`relative_path`] as source text (`super::super::serde_support::`).
pub(crate) fn relative_path_text(from: &[String], to: &[String]) -> String {
    let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let mut text = "super::".repeat(from.len() - common);
    for segment in &to[common..] {
        text.push_str(&ident_text(segment));
        text.push_str("::");
    }
    text
}

pub(crate) fn namespace_of(qualified: &str) -> &str {
    qualified.rsplit_once('.').map_or("", |(namespace, _)| namespace)
}

impl Layout {
    pub(crate) fn new<'a>(qualified: impl IntoIterator<Item = &'a str>) -> Layout {
        let qualified: BTreeSet<&str> = qualified.into_iter().collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for name in &qualified {
            *counts.entry(namespace_of(name)).or_default() += 1;
        }
        // The root: most types, then the shortest name, then the first in order.
        let root = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.len().cmp(&a.0.len())).then(b.0.cmp(a.0)))
            .map_or("", |(namespace, _)| namespace)
            .to_owned();

        // Module paths, as original segments, for every namespace except the root (and `""`,
        // which joins the root).
        let mut relative: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
        for namespace in counts.keys().filter(|n| !n.is_empty() && **n != root) {
            let segments = match namespace.strip_prefix(&format!("{root}.")) {
                Some(rest) if !root.is_empty() => rest,
                _ => namespace,
            };
            let segments: Vec<String> = segments.split('.').map(str::to_owned).collect();
            relative.entry(segments).or_default().push((*namespace).to_owned());
        }
        // Containers: every prefix of a module path is a module too.
        let all_paths: BTreeSet<Vec<String>> =
            relative.keys().flat_map(|p| (1..=p.len()).map(|n| p[..n].to_vec())).collect();

        // Identifiers per parent, claimed in sorted order of the original segments. The root
        // module claims first, at the top level.
        let mut tables: BTreeMap<Vec<String>, NameTable> = BTreeMap::new();
        let new_table = || {
            let mut table = NameTable::snake();
            RESERVED_MODULES.iter().for_each(|m| table.reserve(m));
            table
        };
        let root_segment = root.rsplit('.').next().unwrap_or_default();
        let root_ident = claim_module(tables.entry(Vec::new()).or_insert_with(new_table), root_segment);
        let mut idents: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
        for path in &all_paths {
            let parent = &path[..path.len() - 1];
            let parent_idents = idents.get(parent).cloned().unwrap_or_default();
            let last = path.last().map_or("", String::as_str);
            let claimed = claim_module(tables.entry(parent.to_vec()).or_insert_with(new_table), last);
            let mut full = parent_idents;
            full.push(claimed);
            idents.insert(path.clone(), full);
        }

        let mut features = NameTable::snake();
        RESERVED_FEATURES.iter().for_each(|f| features.reserve(f));
        let mut modules = vec![Module {
            path: vec![root_ident.clone()],
            namespaces: [root.clone(), String::new()].into_iter().filter(|n| counts.contains_key(n.as_str())).collect(),
            feature: Some(features.claim(&root_ident.replace('_', "-"))),
            types: Vec::new(),
            is_root: true,
        }];
        modules[0].namespaces.sort();
        for path in &all_paths {
            let namespaces = relative.get(path).cloned().unwrap_or_default();
            let module_path = idents.get(path).cloned().unwrap_or_default();
            let feature = (!namespaces.is_empty()).then(|| features.claim(&module_path.join("-").replace('_', "-")));
            modules.push(Module { path: module_path, namespaces, feature, types: Vec::new(), is_root: false });
        }

        let mut module_of = BTreeMap::new();
        for name in &qualified {
            let namespace = namespace_of(name);
            let index = modules.iter().position(|m| m.namespaces.iter().any(|n| n == namespace)).unwrap_or(0);
            modules[index].types.push((*name).to_owned());
            module_of.insert((*name).to_owned(), index);
        }
        let mut local = BTreeMap::new();
        for module in &modules {
            local.extend(names::type_names(module.types.iter().map(String::as_str)));
        }
        let global = names::type_names(qualified.iter().copied());
        Layout { modules, module_of, local, global }
    }

    pub(crate) fn module_index(&self, qualified: &str) -> usize {
        self.module_of.get(qualified).copied().unwrap_or(0)
    }

    pub(crate) fn module(&self, qualified: &str) -> &Module {
        &self.modules[self.module_index(qualified)]
    }

    /// The identifier of a type inside its module.
    pub(crate) fn local_name(&self, qualified: &str) -> &str {
        self.local.get(qualified).map_or("Unnamed", String::as_str)
    }

    /// A name for the type that no other type in the crate has.
    pub(crate) fn global_name(&self, qualified: &str) -> &str {
        self.global.get(qualified).map_or("Unnamed", String::as_str)
    }

    /// The path (from the generated crate's root) under which users reach a type's module:
    /// `types` for the root namespace (re-exported there), `types::<segments>` otherwise.
    pub(crate) fn public_path(&self, module: usize) -> Vec<String> {
        let mut path = vec!["types".to_owned()];
        if let Some(m) = self.modules.get(module).filter(|m| !m.is_root) {
            path.extend(m.path.iter().cloned());
        }
        path
    }

    /// The path (from the generated crate's root) of the module the code is written in.
    pub(crate) fn home_path(&self, module: usize) -> Vec<String> {
        let mut path = vec!["types".to_owned()];
        if let Some(m) = self.modules.get(module) {
            path.extend(m.path.iter().cloned());
        }
        path
    }

    /// The tokens that name `qualified` from code in the module at `from` (a path from the
    /// crate root, e.g. [`Layout::home_path`]). `name` overrides the type's own identifier
    /// (for a companion type such as its polymorphic `…Kind`).
    pub(crate) fn type_path(&self, from: &[String], qualified: &str, name: &str) -> TokenStream {
        let index = self.module_index(qualified);
        let name = ident(name);
        if self.home_path(index) == from {
            return quote!(#name);
        }
        let prefix = relative_path(from, &self.public_path(index));
        quote!(#prefix #name)
    }

    /// [`Layout::type_path`] as source text.
    pub(crate) fn type_path_text(&self, from: &[String], qualified: &str, name: &str) -> String {
        let index = self.module_index(qualified);
        let name = ident_text(name);
        if self.home_path(index) == from {
            return name;
        }
        relative_path_text(from, &self.public_path(index)) + &name
    }

    /// The cargo feature of the module holding `qualified`.
    pub(crate) fn feature_of(&self, qualified: &str) -> Option<&str> {
        self.module(qualified).feature.as_deref()
    }
}

/// A module identifier for a namespace segment, unique in `table`: snake case, with a `_` suffix
/// instead of a raw identifier for a keyword (`r#type::X` reads badly in user code), and
/// `_2`, `_3`, … after the snake name when taken.
fn claim_module(table: &mut NameTable, segment: &str) -> String {
    let base = snake(segment, "ns");
    let usable = |name: &str| ident(name) == name;
    let first = if usable(&base) { base.clone() } else { format!("{base}_") };
    if !table.is_taken(&first) {
        return table.claim(&first);
    }
    let mut n = 2u64;
    loop {
        let candidate = format!("{base}_{n}");
        if usable(&candidate) && !table.is_taken(&candidate) {
            return table.claim(&candidate);
        }
        n += 1;
    }
}

/// The `[features]` entries for `modules`: one per module with types, each depending on the
/// features listed in `hard_edges` (module index → module indices it cannot compile without).
/// Cargo accepts dependency cycles between features (it enables the union), so a cycle needs no
/// merging.
pub(crate) fn cargo_features(layout: &Layout, hard_edges: &BTreeMap<usize, BTreeSet<usize>>) -> Vec<CargoFeature> {
    layout
        .modules
        .iter()
        .enumerate()
        .filter_map(|(index, module)| {
            let name = module.feature.clone()?;
            let depends_on = hard_edges
                .get(&index)
                .into_iter()
                .flatten()
                .filter(|&&to| to != index)
                .filter_map(|&to| layout.modules.get(to).and_then(|m| m.feature.clone()))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            Some(CargoFeature { name, namespaces: module.namespaces.clone(), depends_on })
        })
        .collect()
}

/// `{Name}{suffix}` for each wanted type, unique against every type name in the module, the
/// reserved names and each other.
/// `taken` lists companion names claimed before.
pub(crate) fn companion_names(
    layout: &Layout,
    module: usize,
    taken: &[String],
    wanted: &[(String, &str)],
) -> BTreeMap<String, String> {
    let mut table = NameTable::camel();
    names::RESERVED_TYPE_NAMES.iter().copied().chain(taken.iter().map(String::as_str)).for_each(|n| table.reserve(n));
    if let Some(m) = layout.modules.get(module) {
        m.types.iter().for_each(|t| table.reserve(layout.local_name(t)));
    }
    wanted
        .iter()
        .map(|(qualified, suffix)| {
            let base = layout.local_name(qualified);
            (qualified.clone(), table.claim(&format!("{base}{suffix}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_become_modules_below_the_root() {
        let layout = Layout::new([
            "microsoft.graph.user",
            "microsoft.graph.entity",
            "microsoft.graph.callRecords.callRecord",
            "microsoft.graph.security.alert",
            "microsoft.graph.alert",
            "microsoft.graph.a.b.deep",
            "contoso.hr.person",
            "Vec",
        ]);
        let paths: Vec<(Vec<String>, Option<&str>)> =
            layout.modules.iter().map(|m| (m.path.clone(), m.feature.as_deref())).collect();
        let p = |segments: &[&str]| segments.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(paths[0], (p(&["graph"]), Some("graph")));
        assert!(paths.contains(&(p(&["call_records"]), Some("call-records"))));
        assert!(paths.contains(&(p(&["a"]), None)), "a container module has no feature: {paths:?}");
        assert!(paths.contains(&(p(&["a", "b"]), Some("a-b"))));
        assert!(paths.contains(&(p(&["contoso", "hr"]), Some("contoso-hr"))));
        assert_eq!(layout.module("Vec").path, p(&["graph"]), "no namespace joins the root");
        assert_eq!(layout.local_name("Vec"), "VecType");
        assert_eq!(layout.local_name("microsoft.graph.security.alert"), "Alert");
        assert_eq!(layout.global_name("microsoft.graph.security.alert"), "SecurityAlert");
        let from = layout.home_path(layout.module_index("microsoft.graph.security.alert"));
        let path = layout.type_path(&from, "microsoft.graph.user", "User").to_string();
        assert_eq!(path, "super :: User");
        let from = layout.home_path(0);
        let path = layout.type_path(&from, "microsoft.graph.a.b.deep", "Deep").to_string();
        assert_eq!(path, "super :: a :: b :: Deep");
    }

    #[test]
    fn hostile_namespace_segments_become_distinct_plain_identifiers() {
        let layout = Layout::new(["r.x", "r.y", "r.type.a", "r.Type.b", "r.support.c", "r.1x.d", "r.self.e"]);
        let mut paths: Vec<String> = layout.modules.iter().skip(1).map(|m| m.path.join("::")).collect();
        paths.sort();
        assert_eq!(paths, ["_1x", "self_", "support_2", "type_", "type_2"]);
    }
}

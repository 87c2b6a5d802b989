//! Numbers about one version's run, for the corpus report: what was read, what came out, and
//! the conformance targets (issue 3) they are held to.

use crate::VersionRun;
use graphdoc_parse::{ExampleRole, Page, PageKind, TypeTarget};
use graphdoc_resolve::TypeKind;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write};

#[derive(Debug, Clone, Default)]
pub struct VersionStats {
    pub version: String,
    pub pages: usize,
    pub pages_by_kind: BTreeMap<&'static str, usize>,
    pub types_by_kind: BTreeMap<&'static str, usize>,
    pub properties: usize,
    pub operations: usize,
    /// Resource pages with at least one Properties row, and those whose type has every row.
    pub resource_pages_with_properties: usize,
    pub resource_pages_complete: usize,
    pub api_pages: usize,
    pub api_pages_with_path: usize,
    pub api_pages_with_status: usize,
    pub type_cells: usize,
    pub type_cells_unknown: usize,
    /// Example request/response bodies: seen, parsed as written, parsed after repair.
    pub example_bodies: usize,
    pub example_bodies_parsed: usize,
    pub example_bodies_repaired: usize,
    /// Example bodies checked against their schema, and those with a mismatch.
    pub examples_validated: usize,
    pub examples_failing: usize,
    pub diagnostics_by_code: BTreeMap<String, usize>,
    /// Pages that yielded no type and no operation, with the reason.
    pub empty_pages: Vec<(String, String)>,
    /// Of those, the pages no diagnostic explains (a target: none).
    pub empty_pages_unexplained: Vec<String>,
}

/// A conformance target and whether it is met.
#[derive(Debug, Clone)]
pub struct Target {
    pub name: &'static str,
    pub value: f64,
    pub minimum: f64,
}

impl Target {
    pub fn met(&self) -> bool {
        self.value >= self.minimum
    }
}

impl VersionStats {
    pub fn compute(run: &VersionRun) -> Self {
        let mut s = VersionStats { version: run.output.version.clone(), pages: run.pages.len(), ..Self::default() };
        for page in &run.pages {
            *s.pages_by_kind.entry(kind_name(page.kind)).or_default() += 1;
            count_page(&mut s, page, run);
        }
        for def in run.model.types.values() {
            let kind = match def.kind {
                TypeKind::Entity => "entity",
                TypeKind::Complex => "complex",
                TypeKind::Enum { .. } => "enum",
                TypeKind::Unresolved => "unresolved",
            };
            *s.types_by_kind.entry(kind).or_default() += 1;
            s.properties += def.properties.len();
        }
        s.operations = run.model.operations.len();
        s.examples_validated = run.examples.validated;
        s.examples_failing = run.examples.failing;
        for d in &run.output.diagnostics {
            *s.diagnostics_by_code.entry(format!("{} {}", d.code.id(), d.code.name())).or_default() += 1;
        }
        let explained: BTreeSet<&str> = run.output.diagnostics.iter().map(|d| &*d.loc.file).collect();
        s.empty_pages_unexplained = s
            .empty_pages
            .iter()
            .filter(|(file, _)| !explained.contains(file.as_str()))
            .map(|(f, _)| f.clone())
            .collect();
        s
    }

    /// How many diagnostics carry `code` (e.g. `GD0202`).
    fn code_count(&self, code: &str) -> usize {
        self.diagnostics_by_code.iter().filter(|(k, _)| k.starts_with(code)).map(|(_, n)| n).sum()
    }

    /// The targets, as percentages.
    pub fn targets(&self) -> Vec<Target> {
        vec![
            Target {
                name: "resource pages with a Properties table that yield every row",
                value: percent(self.resource_pages_complete, self.resource_pages_with_properties),
                minimum: 99.5,
            },
            Target {
                name: "api pages with a method and path",
                value: percent(self.api_pages_with_path, self.api_pages),
                minimum: 99.5,
            },
            Target {
                name: "api pages with a response status",
                value: percent(self.api_pages_with_status, self.api_pages),
                minimum: 99.0,
            },
            Target {
                name: "type cells normalised, or named by a GD0202 diagnostic",
                value: percent(
                    self.type_cells - self.type_cells_unknown + self.type_cells_unknown.min(self.code_count("GD0202")),
                    self.type_cells,
                ),
                minimum: 100.0,
            },
            Target {
                name: "pages that produced nothing and say why in a diagnostic",
                value: percent(self.empty_pages.len() - self.empty_pages_unexplained.len(), self.empty_pages.len()),
                minimum: 100.0,
            },
            Target {
                name: "example JSON bodies that parse (after repair)",
                value: percent(self.example_bodies_parsed + self.example_bodies_repaired, self.example_bodies),
                minimum: 97.0,
            },
        ]
    }
}

fn count_page(s: &mut VersionStats, page: &Page, run: &VersionRun) {
    let mut produced = false;
    if let Some(api) = &page.api {
        s.api_pages += 1;
        if !api.http_requests.is_empty() {
            s.api_pages_with_path += 1;
            produced = true;
        }
        let prose_status = api.response.as_ref().and_then(|r| r.status).is_some();
        let example_status = api.examples.iter().any(|e| e.role == ExampleRole::Response && e.status.is_some());
        if prose_status || example_status {
            s.api_pages_with_status += 1;
        }
        if let Some(body) = &api.request_body {
            count_cells(s, body.properties.iter().map(|r| &r.type_ref.target));
        }
        for ex in &api.examples {
            if let Some(body) = &ex.body {
                s.example_bodies += 1;
                match (body.json.is_some(), body.repaired) {
                    (true, false) => s.example_bodies_parsed += 1,
                    (true, true) => s.example_bodies_repaired += 1,
                    (false, _) => {}
                }
            }
        }
    }
    if let Some(res) = &page.resource {
        count_cells(s, res.properties.iter().chain(&res.relationships).map(|r| &r.type_ref.target));
        let defined: BTreeSet<&str> = run
            .model
            .types
            .values()
            .filter(|t| t.source.file == page.file || t.also_defined_in.contains(&page.file))
            .flat_map(|t| t.properties.iter().map(|p| p.name.as_str()))
            .collect();
        produced |= !defined.is_empty() || run.model.types.values().any(|t| t.source.file == page.file);
        if !res.properties.is_empty() {
            s.resource_pages_with_properties += 1;
            if res.properties.iter().all(|r| defined.contains(r.name.as_str())) {
                s.resource_pages_complete += 1;
            }
        }
    }
    if page.kind == PageKind::Enum {
        // An enum documented twice is one type; each page that documents it counts.
        produced |=
            run.model.types.values().any(|t| t.source.file == page.file || t.also_defined_in.contains(&page.file));
    }
    if !produced {
        let reason = match page.kind {
            PageKind::Conceptual => "conceptual page".to_string(),
            PageKind::Unknown => "no recognised doc_type".to_string(),
            PageKind::Api => "no `METHOD /path` line found".to_string(),
            PageKind::Resource => "no type defined".to_string(),
            PageKind::Enum => "no enum members found".to_string(),
        };
        s.empty_pages.push((page.file.to_string(), reason));
    }
}

fn count_cells<'a>(s: &mut VersionStats, cells: impl Iterator<Item = &'a TypeTarget>) {
    for target in cells {
        s.type_cells += 1;
        if matches!(target, TypeTarget::Unknown(_)) {
            s.type_cells_unknown += 1;
        }
    }
}

fn kind_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Api => "api",
        PageKind::Resource => "resource",
        PageKind::Enum => "enum",
        PageKind::Conceptual => "conceptual",
        PageKind::Unknown => "unknown",
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 100.0 } else { part as f64 * 100.0 / whole as f64 }
}

impl fmt::Display for VersionStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        let join = |m: &BTreeMap<&str, usize>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
        let _ = writeln!(out, "== {}: {} pages ({})", self.version, self.pages, join(&self.pages_by_kind));
        let _ = writeln!(
            out,
            "types: {} ({}); properties: {}",
            self.types_by_kind.values().sum::<usize>(),
            join(&self.types_by_kind),
            self.properties
        );
        let _ = writeln!(out, "operations: {}", self.operations);
        let _ = writeln!(
            out,
            "type cells: {} ({} not understood, each diagnosed)",
            self.type_cells, self.type_cells_unknown
        );
        let _ = writeln!(
            out,
            "example bodies: {} seen, {} parsed, {} parsed after repair, {} failing",
            self.example_bodies,
            self.example_bodies_parsed,
            self.example_bodies_repaired,
            self.example_bodies - self.example_bodies_parsed - self.example_bodies_repaired
        );
        let _ = writeln!(
            out,
            "example bodies checked against their schema: {} validated, {} with a mismatch",
            self.examples_validated, self.examples_failing
        );
        let _ = writeln!(out, "diagnostics by code:");
        for (code, n) in &self.diagnostics_by_code {
            let _ = writeln!(out, "  {code}: {n}");
        }
        let _ = writeln!(out, "pages that produced nothing: {}", self.empty_pages.len());
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, why) in &self.empty_pages {
            *reasons.entry(why.as_str()).or_default() += 1;
        }
        for (why, n) in reasons {
            let _ = writeln!(out, "  {why}: {n}");
        }
        for file in &self.empty_pages_unexplained {
            let _ = writeln!(out, "  no diagnostic explains {file}");
        }
        let _ = writeln!(out, "targets:");
        for t in self.targets() {
            let mark = if t.met() { "ok  " } else { "FAIL" };
            let _ = writeln!(out, "  {mark} {:6.2}% (>= {}%) {}", t.value, t.minimum, t.name);
        }
        f.write_str(&out)
    }
}

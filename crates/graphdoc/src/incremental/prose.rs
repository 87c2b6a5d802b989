//! Edits that reach prose only. Most edits of the docs change a property's description or a
//! type's: text that the later stages copy into the outputs and never read. Such an edit is
//! patched into the previous run's model instead of resolving every page again.
//!
//! Which text that is, is fixed here and nowhere else: the description cell of every property,
//! relationship, request-body and parameter row ([`Property::description`]) and a resource
//! page's description ([`TypeDef::description`] of the type it defines). Resolve reads neither
//! (what a description *says*, such as "Not nullable", is parsed into the row's semantics,
//! which are structure here). [`prose_free_form`] is a page with that text blanked: when an
//! edit leaves it unchanged, everything the run computed from the page but the text is
//! unchanged too.

use graphdoc_diagnostics::{Loc, Pos};
use graphdoc_parse::{Page, PropertyRow};
use graphdoc_resolve::{Model, Property, TypeKind};
use std::collections::{BTreeSet, HashMap};

/// `page` without the prose this module patches, serialized whole (every field, example
/// bodies by their value): equal forms mean pages that differ at most in that prose.
pub(crate) fn prose_free_form(page: &Page) -> String {
    let mut page = page.clone();
    for row in prose_rows_mut(&mut page) {
        row.description.clear();
    }
    if let Some(description) = page.resource.as_mut().and_then(|r| r.description.as_mut()) {
        description.text.clear();
    }
    // Serializing a page cannot fail: its maps have string keys.
    serde_json::to_string(&page).unwrap_or_default()
}

fn prose_rows_mut(page: &mut Page) -> impl Iterator<Item = &mut PropertyRow> {
    let resource = page.resource.as_mut().into_iter().flat_map(|r| r.properties.iter_mut().chain(&mut r.relationships));
    let api = page.api.as_mut().into_iter().flat_map(|api| {
        let body = api.request_body.as_mut().into_iter().flat_map(|b| b.properties.iter_mut());
        body.chain(api.parameters.iter_mut().map(|p| &mut p.row))
    });
    resource.chain(api)
}

fn prose_rows(page: &Page) -> impl Iterator<Item = &PropertyRow> {
    let resource = page.resource.iter().flat_map(|r| r.properties.iter().chain(&r.relationships));
    let api = page.api.iter().flat_map(|api| {
        let body = api.request_body.iter().flat_map(|b| b.properties.iter());
        body.chain(api.parameters.iter().map(|p| &p.row))
    });
    resource.chain(api)
}

/// What [`patch_model`] changed.
#[derive(Debug, Default)]
pub(crate) struct Touched {
    /// Types whose description or a property's description changed.
    pub types: BTreeSet<String>,
    /// Indexes into `Model::operations` of operations a body or parameter description of
    /// which changed, ascending.
    pub operations: Vec<usize>,
}

/// Writes `page`'s prose into `model`, a model resolved from an earlier version of `page`
/// whose [`prose_free_form`] was the same. Everything in the model that came from one of the
/// page's rows carries the row's position; a type's description comes from the page whose
/// title is its source.
pub(crate) fn patch_model(model: &mut Model, page: &Page) -> Touched {
    let rows: HashMap<Pos, &str> = prose_rows(page).map(|row| (row.pos, row.description.as_str())).collect();
    let from_page = |loc: &Loc| *loc.file == *page.file;
    let patch = |p: &mut Property| {
        let at = Pos { line: p.source.line, column: p.source.column };
        match rows.get(&at) {
            Some(text) if from_page(&p.source) && p.description != *text => {
                p.description = (*text).to_owned();
                true
            }
            _ => false,
        }
    };
    // Where resolve puts the source of the type a resource page defines.
    let title = page.title.as_ref().map_or(Pos { line: 1, column: 1 }, |t| t.pos);
    let description = page.resource.as_ref().map(|r| r.description.as_ref().map(|d| d.text.as_str()));
    let mut touched = Touched::default();
    for (name, def) in &mut model.types {
        let mut changed = false;
        if let Some(description) = description
            && matches!(def.kind, TypeKind::Entity | TypeKind::Complex)
            && from_page(&def.source)
            && (def.source.line, def.source.column) == (title.line, title.column)
            && def.description.as_deref() != description
        {
            def.description = description.map(str::to_owned);
            changed = true;
        }
        for p in &mut def.properties {
            changed |= patch(p);
        }
        if changed {
            touched.types.insert(name.clone());
        }
    }
    for (i, op) in model.operations.iter_mut().enumerate() {
        let mut changed = false;
        for p in op.request_body.iter_mut().flat_map(|b| b.properties.iter_mut()) {
            changed |= patch(p);
        }
        for p in &mut op.parameters {
            changed |= patch(&mut p.property);
        }
        if changed {
            touched.operations.push(i);
        }
    }
    touched
}

//! Resolves the parsed pages of one API version into a [`Model`]: types by qualified name,
//! links resolved to the type their target page defines (by its resource annotation, not its
//! file name), inheritance, and operations.
//!
//! Like parsing, resolving never fails: a link to nowhere becomes a placeholder type and a
//! warning.

mod examples;
mod index;
mod model;
mod operations;
mod properties;
mod type_refs;
mod types;

pub use examples::template_matches;
pub use index::link_path;
pub use model::*;

use graphdoc_diagnostics::Diagnostic;
use graphdoc_parse::Page;

/// Resolves `pages`, all from the version folder `version`.
pub fn resolve(version: &str, pages: &[Page]) -> (Model, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let index = index::TypeIndex::build(pages, &mut diags);
    let mut refs = type_refs::TypeRefs::new(&index);
    let mut types = types::collect(pages, &mut refs, &mut diags);
    let operations = operations::collect(pages, &types, &mut refs, &mut diags);
    let examples = examples::collect(pages, &refs);
    for (name, def) in refs.unresolved {
        types.entry(name).or_insert(def);
    }
    graphdoc_diagnostics::sort(&mut diags);
    (Model { version: version.to_string(), types, operations, examples }, diags)
}

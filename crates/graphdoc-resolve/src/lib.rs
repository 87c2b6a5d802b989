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
use std::borrow::Borrow;

/// Resolves `pages` (`Page`s, or `Arc<Page>`s shared with a cache), all from the version folder
/// `version`.
pub fn resolve<P: Borrow<Page>>(version: &str, pages: &[P]) -> (Model, Vec<Diagnostic>) {
    resolve_with(version, pages, false)
}

/// [`resolve`]; with `parallel`, examples are matched on a second thread meanwhile (they need
/// only the index). The result is the same either way.
pub fn resolve_with<P: Borrow<Page>>(version: &str, pages: &[P], parallel: bool) -> (Model, Vec<Diagnostic>) {
    let pages: Vec<&Page> = pages.iter().map(Borrow::borrow).collect();
    let pages = pages.as_slice();
    let mut diags = Vec::new();
    let index = index::TypeIndex::build(pages, &mut diags);
    let (mut types, operations, unresolved, examples) = std::thread::scope(|scope| {
        let examples = parallel.then(|| scope.spawn(|| examples::collect(pages, &index)));
        let mut refs = type_refs::TypeRefs::new(&index);
        let types = types::collect(pages, &mut refs, &mut diags);
        let operations = operations::collect(pages, &types, &mut refs, &mut diags);
        let examples = match examples {
            Some(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => examples::collect(pages, &index),
        };
        (types, operations, refs.unresolved, examples)
    });
    for (name, def) in unresolved {
        types.entry(name).or_insert(def);
    }
    graphdoc_diagnostics::sort(&mut diags);
    (Model { version: version.to_string(), types, operations, examples }, diags)
}

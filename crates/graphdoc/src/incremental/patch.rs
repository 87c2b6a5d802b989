//! A regen after edits that reached prose only ([`super::prose`]): the previous run's model,
//! schema entries and JSON text are patched where the edited pages' prose went, and nothing
//! is resolved again. Anything else (a page added, removed or unreadable, an edit that changed
//! structure or diagnostics, example checking on) is left to a whole run.

use super::prose::{Touched, patch_model, prose_free_form};
use super::splice::{replace_def, replace_operation};
use crate::RegenOutput;
use crate::cache::ContentHash;
use crate::pipeline::Parsed;
use graphdoc_codegen::{FormatCache, Settings};
use graphdoc_resolve::Model;
use graphdoc_schema::{Derived, operation_entry, to_pretty_json, type_entry};
use std::path::PathBuf;
use std::sync::Arc;

/// More edited pages than this go through a whole run: a patch is for the few pages an
/// author saves at a time.
const MAX_PAGES: usize = 16;

/// What a version's last whole run (and the patches since) were made from.
#[derive(Debug)]
pub(super) struct Base {
    pub paths: Vec<PathBuf>,
    pub keys: Vec<Option<ContentHash>>,
    pub parsed: Vec<Parsed>,
    pub model: Model,
    /// Each type's derived types: structure, which a patch never changes.
    pub derived: Derived,
}

/// Patches `last`, the outputs of `base`, to those of the pages now at `paths` (with `keys`,
/// parsed as `parsed`); `false`, with `last` and `base` to be rebuilt by a whole run, when the
/// edits are not prose only.
pub(super) fn apply(
    base: &mut Base,
    last: &mut Arc<RegenOutput>,
    (paths, keys, parsed): (&[PathBuf], &[Option<ContentHash>], &[Parsed]),
    settings: &Settings,
    items: &FormatCache,
) -> bool {
    if base.paths != paths || base.keys.len() != keys.len() || parsed.len() != keys.len() {
        return false;
    }
    let changed: Vec<usize> = (0..keys.len()).filter(|&i| base.keys[i] != keys[i]).collect();
    if changed.is_empty() || changed.len() > MAX_PAGES {
        return false;
    }
    let prose_only = changed.iter().all(|&i| match (&base.parsed[i], &parsed[i]) {
        (Ok((old, old_diags)), Ok((new, new_diags))) => {
            old_diags == new_diags && prose_free_form(old) == prose_free_form(new)
        }
        _ => false,
    });
    if !prose_only {
        return false;
    }
    let mut touched = Touched::default();
    for &i in &changed {
        if let Ok((page, _)) = &parsed[i] {
            let more = patch_model(&mut base.model, page);
            touched.types.extend(more.types);
            touched.operations.extend(more.operations);
        }
    }
    touched.operations.sort_unstable();
    touched.operations.dedup();
    base.keys = keys.to_vec();
    for &i in &changed {
        base.parsed[i] = parsed[i].clone();
    }
    // Past this point `base` holds the new pages: a failure must leave a whole run to rebuild.
    let out = Arc::make_mut(last);
    if !patch_outputs(out, &base.model, &base.derived, &touched) {
        return false;
    }
    // Code generation rewrites only the items the prose reaches when it can, else all it must.
    let defs: Vec<&str> = touched.types.iter().map(String::as_str).collect();
    let (schema, operations) = (&out.output.schema, Some(&out.output.operations));
    match graphdoc_codegen::patch_prose(&mut out.rust, schema, operations, settings, items, &defs, &touched.operations)
    {
        Some(diagnostics) => out.rust_diagnostics = diagnostics,
        None => {
            let generated = graphdoc_codegen::generate_cached(schema, operations, settings, items);
            out.rust = generated.files;
            out.rust_diagnostics = generated.diagnostics;
        }
    }
    true
}

/// Writes the touched types' and operations' entries into the schema values and their text.
fn patch_outputs(out: &mut RegenOutput, model: &Model, derived: &Derived, touched: &Touched) -> bool {
    let (mut schema_text_ok, mut operations_text_ok) = (true, true);
    for name in &touched.types {
        let (Some(def), Some(slot)) = (model.types.get(name), out.output.schema["$defs"].get_mut(name)) else {
            return false;
        };
        *slot = type_entry(def, derived);
        schema_text_ok = schema_text_ok && replace_def(&mut out.schema_json, name, slot);
    }
    for &index in &touched.operations {
        let (Some(op), Some(slot)) = (model.operations.get(index), out.output.operations["operations"].get_mut(index))
        else {
            return false;
        };
        *slot = operation_entry(op, derived);
        operations_text_ok = operations_text_ok && replace_operation(&mut out.operations_json, index, slot);
    }
    // Text not laid out as expected is written whole: slower, never wrong.
    if !schema_text_ok {
        out.schema_json = to_pretty_json(&out.output.schema);
    }
    if !operations_text_ok {
        out.operations_json = to_pretty_json(&out.output.operations);
    }
    true
}

//! Code generation after an edit that reached prose only. A cached run ([`crate::generate_cached`])
//! leaves its reading of the schema, its layout, its item keys and where each type's and body's
//! text sits in the files ([`LastRun`]); [`patch_prose`] then reads only the `$defs` entries and
//! operations the caller says changed, checks that they changed in prose only (the same
//! structure, validator nodes and findings), writes the items whose keys that changed (a
//! type's, those of the types that copy its properties, an operation's body) and splices them
//! into the previous files. Files nothing reached, `validate.rs` among them, are not touched.

use crate::cache::FormatCache;
use crate::layout::Layout;
use crate::memo::{DefHashes, ItemKeys, body_key, node_key, operation_hashes, type_keys};
use crate::schema_view::{Model, read_def, read_operation};
use crate::types::TypeContext;
use crate::{GeneratedFile, Settings};
use graphdoc_diagnostics::Diagnostic;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Where the items sit in the files of the `types` tree.
#[derive(Debug, Default, Clone)]
pub(crate) struct Pieces {
    /// Per file (its index among the files), the length of each of its pieces: the header,
    /// then its types' items, joined by line breaks.
    pub lengths: HashMap<usize, Vec<usize>>,
    /// Per type, in model order: its file and its piece's index there.
    pub slots: Vec<Option<(usize, usize)>>,
}

/// What a cached run keeps for [`patch_prose`].
pub(crate) struct LastRun {
    pub settings: Settings,
    pub model: Model,
    pub def_names: BTreeSet<String>,
    pub layout: Layout,
    pub keys: ItemKeys,
    /// The `…Kind` enums and member-enum names, which follow from the structure alone.
    pub names: crate::types::TypeNames,
    /// How many files the run wrote.
    pub file_count: usize,
    /// With file indexes among all of the run's files, `requests.rs`'s pieces (its header,
    /// then each body's items) among them.
    pub pieces: Pieces,
    /// `requests.rs`'s index among the files.
    pub requests: Option<usize>,
    /// The run's findings, which a prose edit does not change.
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Debug for LastRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LastRun").field("file_count", &self.file_count).finish_non_exhaustive()
    }
}

/// One replacement in a file: (file, piece index, new text).
type Splice = (usize, usize, String);

/// See [`crate::patch_prose`].
pub(crate) fn patch_prose(
    files: &mut [GeneratedFile],
    bundle: &Value,
    operations: Option<&Value>,
    settings: &Settings,
    cache: &FormatCache,
    defs: &[&str],
    changed_operations: &[usize],
) -> Option<Vec<Diagnostic>> {
    // Taken out: if the patch fails, the whole run the caller makes next leaves a new one.
    let mut last = cache.take_last_run()?;
    if last.settings != *settings || last.file_count != files.len() {
        return None;
    }
    let (defs_read, operations_read) = read_changed(&last, bundle, operations, settings, defs, changed_operations)?;
    for (i, def, hashes) in defs_read {
        last.model.defs[i] = Arc::new(def);
        last.model.def_hashes[i] = hashes;
    }
    let mut bodies = Vec::new();
    for (j, operation) in operations_read {
        let key = body_key(last.keys.structure, j, operation_hashes(&operation).1);
        last.model.operations[j] = operation;
        if key != last.keys.bodies[j] {
            bodies.push((j, key));
        }
    }
    let type_keys = type_keys(&last.model, &last.model.def_hashes, last.keys.structure);
    let types: Vec<Rekeyed> =
        type_keys.iter().enumerate().filter(|&(i, key)| *key != last.keys.types[i]).map(|(i, key)| (i, *key)).collect();

    let keys = ItemKeys { types: type_keys.clone(), ..last.keys.clone() };
    let names = std::mem::take(&mut last.names);
    let context = TypeContext::with_names(&last.model, &last.layout, settings, Some(cache), Some(&keys), names);
    let splices = splices(&last, &context, files, settings, cache, (&types, &bodies));
    last.names = context.into_names();
    let splices = splices?;
    // Every splice is checked: only now is anything changed.
    for (file, piece, text) in splices {
        // Found when the splice was checked.
        let lengths = last.pieces.lengths.get_mut(&file)?;
        let start: usize = lengths[..piece].iter().map(|len| len + 1).sum();
        files[file].contents.replace_range(start..start + lengths[piece], &text);
        lengths[piece] = text.len();
    }
    for &(i, key) in &types {
        cache.forget_item(std::mem::replace(&mut last.keys.types[i], key));
    }
    for &(j, key) in &bodies {
        cache.forget_item(std::mem::replace(&mut last.keys.bodies[j], key));
    }
    let diagnostics = last.diagnostics.clone();
    cache.put_last_run(last);
    Some(diagnostics)
}

/// A type's new reading and hashes, with its index in the model.
type DefRead = (usize, crate::schema_view::Def, DefHashes);

/// An item whose key changed: its index among the model's types or bodies, and its new key.
type Rekeyed = (usize, u128);

/// The new items of the types and bodies whose keys changed, each checked against the piece
/// of `files` the last run wrote for it.
fn splices(
    last: &LastRun,
    context: &TypeContext<'_>,
    files: &[GeneratedFile],
    settings: &Settings,
    cache: &FormatCache,
    (types, bodies): (&[Rekeyed], &[Rekeyed]),
) -> Option<Vec<Splice>> {
    let mut splices: Vec<Splice> = Vec::new();
    for &(i, key) in types {
        let old = crate::types::cached_def_items(cache, last.keys.types[i])?;
        let new = crate::types::def_items(context, &last.model.defs[i], settings, key);
        let (file, piece) = (*last.pieces.slots.get(i)?)?;
        splices.push(check(files, file, piece, last.pieces.lengths.get(&file)?, old, new)?);
    }
    for &(j, key) in bodies {
        let old = crate::requests::cached_body_items(cache, last.keys.bodies[j])?;
        let new = crate::requests::body_items(&last.model, context, j, key);
        let file = last.requests?;
        splices.push(check(files, file, j + 1, last.pieces.lengths.get(&file)?, old, new)?);
    }
    Some(splices)
}
/// An operation's new reading, with its index in the model.
type OperationRead = (usize, crate::schema_view::Operation);

/// The changed types' and operations' new readings, each with its place in the model; `None`
/// when one changed in more than prose.
fn read_changed(
    last: &LastRun,
    bundle: &Value,
    operations: Option<&Value>,
    settings: &Settings,
    defs: &[&str],
    changed_operations: &[usize],
) -> Option<(Vec<DefRead>, Vec<OperationRead>)> {
    let mut defs_read = Vec::new();
    for &name in defs {
        let i = last.model.defs.binary_search_by(|d| d.name.as_str().cmp(name)).ok()?;
        let schema = bundle.get("$defs")?.get(name)?;
        let (def, found) = read_def(name, schema, &settings.schema_file, &last.def_names);
        let hashes = DefHashes::of(&def);
        if !hashes.same_but_prose(last.model.def_hashes.get(i)?) || found != *last.model.def_diagnostics.get(i)? {
            return None;
        }
        defs_read.push((i, def, hashes));
    }
    let mut operations_read = Vec::new();
    for &index in changed_operations {
        // An operation the model does not hold (no body, or a repeat) reaches no item.
        let Some((operation, found)) = read_operation(operations?, index, settings, &last.def_names) else { continue };
        let wanted = (operation.path.as_str(), operation.method.as_str());
        let j = last.model.operations.binary_search_by(|o| (o.path.as_str(), o.method.as_str()).cmp(&wanted)).ok()?;
        let old = &last.model.operations[j];
        let same = operation_hashes(old).0 == operation_hashes(&operation).0
            && node_key(&old.body) == node_key(&operation.body);
        if !found.is_empty() || !same {
            return None;
        }
        operations_read.push((j, operation));
    }
    Some((defs_read, operations_read))
}

/// The splice of `new` for piece `piece` of file `file`, checked: the piece must hold `old`
/// (what the cache kept for it), and writing it again must find what writing it found before.
fn check(
    files: &[GeneratedFile],
    file: usize,
    piece: usize,
    lengths: &[usize],
    old: (String, Vec<Diagnostic>),
    new: (String, Vec<Diagnostic>),
) -> Option<Splice> {
    let start: usize = lengths.get(..piece)?.iter().map(|len| len + 1).sum();
    let held = files.get(file)?.contents.get(start..start + lengths.get(piece)?)?;
    (held == old.0 && old.1 == new.1).then_some((file, piece, new.0))
}

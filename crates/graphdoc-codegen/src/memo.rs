//! Whole items (a type's reading and its items, a request body's type, `validate.rs`) kept from
//! an earlier run under a key of the parts of the model they are made from, so that a regen
//! after a small edit reads and writes only what the edit reached. [`crate::FormatCache`] holds
//! them between runs.
//!
//! A key splits the model in two. Its *structure* (every type's name and shape, every
//! operation's method, path and body shape, the settings) decides names, paths, `…Kind` enums
//! and features across the whole crate, so all of it goes into every key: an edit there writes
//! every item again. Its *prose* (descriptions, operation titles) only reaches the items of the
//! type it belongs to, of the types that inherit its properties, and of its operation's body, so
//! an item's key holds only that prose. An emitter that starts reading other prose must add it
//! here; `tests/it/memo.rs` compares memoized output with a fresh run after each kind of edit.

use crate::Settings;
use crate::cache::FormatCache;
use crate::parallel;
use crate::schema_view::{Check, Def, DefKind, Model, Node, Operation};
use crate::support::Num;
use serde_json::Value;
use std::any::Any;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

/// Each type's and each request body's key, in model order.
#[derive(Clone)]
pub(crate) struct ItemKeys {
    pub types: Vec<u128>,
    pub bodies: Vec<u128>,
    /// Which request bodies share a type: a function of the structure alone.
    pub sharing: u128,
    /// The key of the whole model's structure, part of every other key.
    pub structure: u128,
}

/// A type's three hashes: its structure, its prose and its validator node. A cached run
/// keeps them with the type's reading, so an unchanged type is not hashed again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DefHashes {
    structure: u128,
    prose: u128,
    node: u128,
}

impl DefHashes {
    pub(crate) fn of(def: &Def) -> Self {
        let (mut structure, mut prose) = (Key::new("def structure"), Key::new("def prose"));
        def.name.hash(&mut structure);
        kind_structure(&def.kind, &mut structure);
        def.description.hash(&mut prose);
        kind_prose(&def.kind, &mut prose);
        DefHashes { structure: structure.finish128(), prose: prose.finish128(), node: node_key(&def.node) }
    }

    /// Whether two readings differ at most in prose: the same structure and validator node.
    pub(crate) fn same_but_prose(&self, other: &DefHashes) -> bool {
        (self.structure, self.node) == (other.structure, other.node)
    }
}

/// Each type's hashes, as the reading kept them (or anew, for a model read without a cache).
fn def_hashes(model: &Model, jobs: usize) -> Vec<DefHashes> {
    if model.def_hashes.len() == model.defs.len() {
        return model.def_hashes.clone();
    }
    parallel::map_ordered(&model.defs, jobs, |_, def| DefHashes::of(def))
}

/// An operation's (structure, prose) hashes.
pub(crate) fn operation_hashes(operation: &Operation) -> (u128, u128) {
    let (mut structure, mut prose) = (Key::new("operation structure"), Key::new("operation prose"));
    (&operation.method, &operation.path, &operation.body_type).hash(&mut structure);
    kind_structure(&operation.body_kind, &mut structure);
    operation.title.hash(&mut prose);
    kind_prose(&operation.body_kind, &mut prose);
    (structure.finish128(), prose.finish128())
}

impl ItemKeys {
    pub(crate) fn new(model: &Model, settings: &Settings) -> Self {
        let defs = def_hashes(model, settings.jobs);
        let operations = parallel::map_ordered(&model.operations, settings.jobs, |_, op| operation_hashes(op));
        let mut structure = Key::new("structure");
        (&settings.schema_file, &settings.operations_file, settings.namespace_features).hash(&mut structure);
        defs.iter().for_each(|d| d.structure.hash(&mut structure));
        operations.iter().for_each(|(s, _)| s.hash(&mut structure));
        let structure = structure.finish128();
        let types = type_keys(model, &defs, structure);
        let bodies = operations.iter().enumerate().map(|(i, (_, prose))| body_key(structure, i, *prose)).collect();
        let mut sharing = Key::new("sharing");
        structure.hash(&mut sharing);
        ItemKeys { types, bodies, sharing: sharing.finish128(), structure }
    }
}

/// Each type's key: the structure, the type's own prose, then that of every base whose
/// properties it copies.
pub(crate) fn type_keys(model: &Model, defs: &[DefHashes], structure: u128) -> Vec<u128> {
    let by_name: HashMap<&str, usize> = model.defs.iter().enumerate().map(|(i, d)| (d.name.as_str(), i)).collect();
    (0..model.defs.len())
        .map(|i| {
            let mut key = Key::new("type");
            structure.hash(&mut key);
            let mut seen = BTreeSet::new();
            let mut pending = vec![i];
            while let Some(current) = pending.pop() {
                if !seen.insert(current) {
                    continue;
                }
                (current, defs[current].prose).hash(&mut key);
                if let DefKind::Object { bases, .. } = &model.defs[current].kind {
                    pending.extend(bases.iter().rev().filter_map(|b| by_name.get(b.as_str()).copied()));
                }
            }
            key.finish128()
        })
        .collect()
}

/// The key of request body `index`, whose operation's prose hash is `prose`.
pub(crate) fn body_key(structure: u128, index: usize, prose: u128) -> u128 {
    let mut key = Key::new("body");
    (structure, index, prose).hash(&mut key);
    key.finish128()
}

/// The key of `validate.rs`, which is written from each type's and body's checks and doc lines
/// (the nodes), the names that look them up, and the bundle's file name: prose never reaches it.
pub(crate) fn validators_key(model: &Model, schema_file: &str, jobs: usize) -> u128 {
    let defs = def_hashes(model, jobs);
    let bodies = parallel::map_ordered(&model.operations, jobs, |_, op| node_key(&op.body));
    let mut key = Key::new("validate.rs");
    schema_file.hash(&mut key);
    model.defs.iter().zip(defs).for_each(|(def, hashes)| (&def.name, hashes.node).hash(&mut key));
    model.operations.iter().zip(bodies).for_each(|(op, node)| (&op.method, &op.path, node).hash(&mut key));
    key.finish128()
}

pub(crate) fn node_key(node: &Node) -> u128 {
    let mut key = Key::new("node");
    node_hash(node, &mut key);
    key.finish128()
}

fn node_hash(node: &Node, key: &mut Key) {
    (&node.source, node.checks.len()).hash(key);
    for check in &node.checks {
        match check {
            Check::Type(types) => (0u8, types).hash(key),
            Check::Format(format) => (1u8, format).hash(key),
            Check::Limit(kind, number) => {
                2u8.hash(key);
                kind.hash(key);
                match *number {
                    Num::U(n) => (0u8, n).hash(key),
                    Num::I(n) => (1u8, n).hash(key),
                    Num::F(n) => (2u8, n.to_bits()).hash(key),
                }
            }
            Check::Enum(members) => {
                (3u8, members.len()).hash(key);
                // Members are scalars; their JSON text tells them apart (`1` from `1.0` too).
                members.iter().for_each(|m| m.to_string().hash(key));
            }
            Check::Flags(members) => (4u8, members).hash(key),
            Check::Required(names) => (5u8, names).hash(key),
            Check::Properties(properties) => {
                (6u8, properties.len()).hash(key);
                for (name, node) in properties {
                    name.hash(key);
                    node_hash(node, key);
                }
            }
            Check::Items(node) => {
                7u8.hash(key);
                node_hash(node, key);
            }
            Check::Ref(name) => (8u8, name).hash(key),
            Check::AllOf(nodes) | Check::AnyOf(nodes) => {
                (if matches!(check, Check::AllOf(_)) { 9u8 } else { 10u8 }, nodes.len()).hash(key);
                nodes.iter().for_each(|node| node_hash(node, key));
            }
            Check::False => 11u8.hash(key),
        }
    }
}

/// What every type's reading depends on besides its schema: the names the bundle defines (its
/// `$ref`s are checked against them) and the file its diagnostics name.
pub(crate) fn names_key(schema_file: &str, names: &BTreeSet<String>) -> u128 {
    let mut key = Key::new("names");
    (schema_file, names).hash(&mut key);
    key.finish128()
}

/// The key of one type's reading: the bundle's names, the type's name and its schema.
pub(crate) fn def_view_key(names: u128, name: &str, schema: &Value) -> u128 {
    let mut key = Key::new("def view");
    (names, name).hash(&mut key);
    json_hash(schema, &mut key);
    key.finish128()
}

fn json_hash(value: &Value, key: &mut Key) {
    match value {
        Value::Null => 0u8.hash(key),
        Value::Bool(b) => (1u8, b).hash(key),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => (2u8, u).hash(key),
            (None, Some(i)) => (3u8, i).hash(key),
            (None, None) => (4u8, n.as_f64().map(f64::to_bits)).hash(key),
        },
        Value::String(s) => (5u8, s).hash(key),
        Value::Array(items) => {
            (6u8, items.len()).hash(key);
            items.iter().for_each(|item| json_hash(item, key));
        }
        Value::Object(members) => {
            // In document order: the order of properties is the order of fields.
            (7u8, members.len()).hash(key);
            for (name, member) in members {
                name.hash(key);
                json_hash(member, key);
            }
        }
    }
}

/// A shape without its prose.
fn kind_structure(kind: &DefKind, key: &mut Key) {
    match kind {
        DefKind::Object { bases, properties, required } => {
            (0u8, bases, required, properties.len()).hash(key);
            for p in properties {
                (&p.json_name, &p.shape, p.read_only, &p.string_format).hash(key);
            }
        }
        DefKind::Enum { members, flags } => (1u8, members, flags).hash(key),
        DefKind::Alias(shape) => (2u8, shape).hash(key),
    }
}

fn kind_prose(kind: &DefKind, key: &mut Key) {
    if let DefKind::Object { properties, .. } = kind {
        for p in properties {
            p.description.hash(key);
        }
    }
}

/// A 128-bit XXH3 key: a collision would serve another item's text, so 64 bits are too few.
/// The keys never leave the process, so the hash need not be stable across versions. What is
/// hashed is gathered into a buffer and hashed once: the walks write a few bytes at a time, and
/// XXH3's streaming state cost more per write than the copy does.
struct Key(Vec<u8>);

impl Key {
    fn new(domain: &str) -> Self {
        let mut key = Key(Vec::with_capacity(256));
        domain.hash(&mut key);
        key
    }

    fn finish128(&self) -> u128 {
        xxh3_128(&self.0)
    }
}

impl Hasher for Key {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        xxh3_64(&self.0)
    }
}

/// `make()`, or what it gave for `key` in this run or the previous one.
pub(crate) fn memoized<T: Any + Send + Sync>(
    cache: Option<&FormatCache>,
    key: Option<u128>,
    make: impl FnOnce() -> T,
) -> Arc<T> {
    let (Some(cache), Some(key)) = (cache, key) else { return Arc::new(make()) };
    // Keys carry their item kind, so a value of another type under one is a collision: made anew.
    if let Some(found) = cache.item(key).and_then(|item| item.downcast::<T>().ok()) {
        return found;
    }
    let made = Arc::new(make());
    cache.put_item(key, made.clone());
    made
}

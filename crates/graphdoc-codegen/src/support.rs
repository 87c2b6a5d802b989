//! Runtime support for the generated validators: the [`Violation`] they report, the JSON Schema
//! [`Rule`] it broke, the type, number and format checks, and [`Program`], which decodes and
//! interprets the tables the generated `validate.rs` holds.
//!
//! Validators are data, not code: a crate with thousands of types compiles one string instead of
//! thousands of functions, and every check lives (and is tested) here once.
//!
//! The checks are written to give the same verdicts as the `jsonschema` crate (draft 2020-12 with
//! format validation on): `3.0` is an integer, numbers compare exactly (never through a lossy
//! `f64` cast), and the date, time, duration and uuid grammars match its format checkers.
//! This file depends on `serde_json`, `prefetch-index` (a safe cache-line prefetch) and `std`
//! only. graphdoc-codegen compiles and tests it as its `support` module and copies it verbatim
//! into every generated crate.

use serde_json::{Number, Value};
use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// Asks for the cache line that holds `items[at]`, if there is such an item. A payload's names
/// and strings are each their own allocation; asked for together, their waits overlap instead of
/// queuing one behind another. This is a prefetch, not a load: it reads nothing, so it cannot
/// fault, and it does not hold up the instructions behind it while it waits.
#[inline(always)]
fn touch<T>(items: &[T], at: usize) {
    if at < items.len() {
        prefetch_index::prefetch_index(items, at);
    }
}

/// [`touch`]es what a check of `value` reads first: an array's first item, an object's first
/// members (see [`touch_members`]). Not a string's bytes: most strings have only a type check,
/// which reads the `Value` itself; the caller asks for those a check may read (see
/// [`Quick::reads_text`]).
#[inline(always)]
fn touch_value(value: &Value) {
    match value {
        Value::Array(items) => touch(items, 0),
        Value::Object(object) => touch_members(object),
        _ => {}
    }
}

/// [`touch`]es the first members of `object` where its map holds them (their names' and values'
/// headers, one after another), without reading them: reading the first one's name pointer, as
/// this did, waited on that line. Alternating `xtask bench --validate-only` runs (six pairs):
/// `validate_vs_jsonschema` 0.352 → 0.340.
#[inline(always)]
fn touch_members(object: &serde_json::Map<String, Value>) {
    for (name, _) in object.iter().take(4) {
        touch(std::slice::from_ref(name), 0);
    }
}

/// One way a JSON value breaks its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// RFC 6901 JSON pointer to the offending value; `""` is the document root.
    pub pointer: String,
    /// The schema keyword that failed.
    pub rule: Rule,
    /// What the schema asked for, in words (`string or null`, `date-time`, `at most 255`).
    pub expected: String,
    /// What the value was, in words (`number 3`, `string "x"`, `nothing`).
    pub found: String,
    /// The doc `file:line` whose table row set the rule, `""` when unknown.
    pub source: &'static str,
}

/// The JSON Schema keyword a [`Violation`] broke. `Display` gives the keyword's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    Required,
    Type,
    Format,
    Enum,
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
    AnyOf,
    /// A flags enum's `pattern`.
    Pattern,
    /// The schema is `false`: no value is allowed.
    FalseSchema,
}

/// A JSON type as `type` names it. `Integer` also accepts numbers such as `3.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonType {
    Null,
    Boolean,
    Object,
    Array,
    Number,
    Integer,
    String,
}

/// A format the validators check; every other `format` is an annotation only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    DateTime,
    Date,
    Time,
    Duration,
    Uuid,
}

/// A schema number as the generated code writes it, kept in its JSON representation so that
/// comparisons stay exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    U(u64),
    I(i64),
    F(f64),
}

/// Every schema node's checks in a generated crate, decoded once from the text the generated
/// `validate.rs` holds (one node per line, see [`Program::decode`]). Nodes refer to each other by
/// index, so `$ref` cycles are just cycles.
///
/// Text rather than `static` items keeps a crate with thousands of types quick to compile: rustc
/// reads one string literal instead of type-checking hundreds of thousands of lines of tables.
#[derive(Debug)]
pub struct Program {
    nodes: Vec<Node>,
    /// Each node's checks as the quick verdict runs them, made on first use.
    quick: Vec<QuickCell>,
}

/// A [`Quick`] and its once-flag on one cache line: a visit to a node reads the flag and the
/// header together. The alignment is spelled out because allocators do not promise it (glibc's
/// malloc aligns to 16 bytes, so 64-byte elements would mostly straddle two lines).
#[derive(Debug, Default)]
#[repr(align(64))]
struct QuickCell(OnceLock<Quick>);

const _: () = assert!(std::mem::size_of::<QuickCell>() == 64);

/// A node's checks laid out for the quick verdict, which is memory-bound: what it needs sits in
/// this one value instead of behind `nodes[n].checks[i]`. `$ref`s and `allOf` parts are inlined
/// (they only add checks on the same value; sources matter to reports alone), a node that is
/// only `nullable` around another becomes that node with `null_passes`, and every `properties`
/// among them is merged into one table, so an object's members are looked up once however deep
/// its type's inheritance, where the report walks base by base.
#[derive(Debug)]
struct Quick {
    /// `null` passes outright: the node was `nullable` around the rest.
    null_passes: bool,
    /// The `bits` of every [`Types`] among the checks, intersected (all bits when none): the
    /// type check nearly every node has, run without dispatching on an op.
    types: u8,
    ops: Box<[Op]>,
    /// Every property name with what its value must pass.
    properties: Properties,
    /// How `properties` finds a name (kept here, in the header's padding: the table's own struct
    /// has none to spare within the cache line).
    homing: Homing,
    /// Bit `len % 32` is set when a property whose name is `len` bytes long has a check that
    /// reads a string's bytes (a format, an enum, flags): the first loop over an object asks for
    /// those members' strings and no others (see [`Quick::reads_text`]). Also in the padding.
    text_lengths: u32,
}

/// A check the quick verdict runs, holding (or sharing) its data so that running it touches
/// nothing else.
#[derive(Debug)]
enum Op {
    /// The `bits` of [`Types`].
    Types(u8),
    Format(Format),
    /// A limit rule and a [`Num`], one variant per kind of number: that keeps an op at 16 bytes.
    LimitU(Rule, u64),
    LimitI(Rule, i64),
    LimitF(Rule, f64),
    /// `minimum` and `maximum` both within `i32` (every `Int32` property's pair), as one op.
    Range32(i32, i32),
    /// Two ops a [`Child::Leaf`] holds as one.
    Both(Box<[Op; 2]>),
    Enum(Arc<Members>),
    Flags(Arc<Members>),
    Required(Arc<Vec<(Box<str>, Box<str>)>>),
    Items(Box<Child>),
    /// `items` whose child is not a leaf (arrays of objects): its node, held in place.
    ItemsNode {
        null_passes: bool,
        node: u32,
    },
    /// `$ref`s and `allOf`s nested past [`Quick::MAX_DEPTH`].
    AllOf(Arc<Vec<u32>>),
    AnyOf(Arc<Vec<u32>>),
    Nullable(u32),
    False,
}

/// What a property's value must pass. Most properties are a scalar with a check or two
/// (`["type","string","null"]`, a format, an enum, limits); those are held here, which saves looking up
/// another node for most members of every object.
#[derive(Debug)]
enum Child {
    /// At most one `type` (its bits, all of them when there is none), one `format` and two
    /// other checks, held as one op (24 bytes in all, so that an [`Entry`] has room for four
    /// words of its name).
    Leaf {
        null_passes: bool,
        types: u8,
        format: Option<Format>,
        op: Option<Op>,
    },
    /// Another node, named by the node its `$ref`/`nullable` chain ends at, so that every
    /// property of one type shares that type's quick form (and finds it in cache) instead of
    /// each building a copy.
    Node {
        null_passes: bool,
        node: u32,
    },
    /// A property a base type and a derived one both name, with checks that do not fit one
    /// leaf and are not one type: the value must pass both. Two, the usual case, are held in
    /// place.
    Pair(u32, u32),
    Nodes(Box<[u32]>),
}

impl Quick {
    /// How deep `$ref`s, `allOf`s and `nullable`s are inlined. The generator cuts every loop of
    /// them, so this only bounds hand-edited tables.
    const MAX_DEPTH: usize = 64;

    /// Objects with up to this many members per schema property are walked member by member;
    /// larger ones property by property.
    const PAYLOAD_WALK_RATIO: usize = 4;

    fn of(nodes: &[Node], id: u32) -> Quick {
        let (null_passes, root) = unwrap_nullable(nodes, id);
        let (mut ops, mut types) = (Vec::new(), Types::ANY);
        let mut properties: std::collections::BTreeMap<&str, Vec<u32>> = std::collections::BTreeMap::new();
        let mut seen = HashSet::new();
        let mut pending = vec![(root, 0)];
        while let Some((at, depth)) = pending.pop() {
            for (i, check) in nodes[at as usize].checks.iter().enumerate() {
                match check {
                    Check::Ref(target) if depth < Self::MAX_DEPTH => pending.push((*target, depth + 1)),
                    Check::AllOf(parts) if depth < Self::MAX_DEPTH => {
                        pending.extend(parts.iter().map(|part| (*part, depth + 1)));
                    }
                    Check::Properties(own) => {
                        for (name, child) in own {
                            properties.entry(name).or_default().push(*child);
                        }
                    }
                    // A part reached twice (diamond `allOf`s) adds nothing the second time.
                    _ if !seen.insert((at, i)) => {}
                    // Both must pass: the intersection of the two sets (see `Types::bits`).
                    Check::Type(t) => types &= t.bits,
                    other => ops.extend(Op::of(nodes, other)),
                }
            }
        }
        let properties = properties
            .into_iter()
            .map(|(name, mut children)| {
                children.sort_unstable();
                children.dedup();
                (name, Child::of(nodes, children))
            })
            .collect();
        let (properties, homing) = Properties::new(properties);
        let text_lengths = properties
            .iter()
            .filter(|(_, child)| child.reads_text())
            .fold(0, |lengths, (name, _)| lengths | 1 << (name.len() % 32));
        Quick { null_passes, types, ops: ops.into(), properties, homing, text_lengths }
    }

    /// Whether a member named `name` may have its string's bytes read: some property of that
    /// name's length (modulo 32) has a check that reads them. A string is its own allocation,
    /// so asking for it in the first loop overlaps its wait with the names'. Asking for every
    /// string gained about as much on cold payloads but cost on payloads just parsed; asking
    /// only for these, alternating `xtask bench --validate-only` runs (six pairs, twice):
    /// `validate_vs_jsonschema` 0.322 → 0.308 and 0.323 → 0.312, just parsed unchanged.
    #[inline(always)]
    fn reads_text(&self, name: &str) -> bool {
        self.text_lengths & (1 << (name.len() % 32)) != 0
    }

    /// What property `name`'s value must pass, if the node has that property.
    fn property(&self, name: &str) -> Option<&Child> {
        self.properties.get(self.homing, name)
    }
}

/// A quick form's property table: open addressing straight over the entries (a power of two of
/// them, at most three quarters full; see [`Homing`] for where a name's search starts), plus one
/// buffer of the names. A lookup reads the entry its search starts at, often the one it wants,
/// so a member costs about one cache line of the table, not a slot's line and then an entry's;
/// names of up to 32 bytes, nearly all of them, compare by four words alone (see [`Key`]).
#[derive(Debug)]
struct Properties {
    /// Empty, or a power of two in length; [`Entry::EMPTY`] marks a free entry.
    entries: Box<[Entry]>,
    names: Box<str>,
}

/// Where a lookup in a [`Properties`] table starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Homing {
    /// At a hash of the name's length alone, which the payload's member holds beside the pointer
    /// to the name's bytes: the entry is asked for together with the bytes (see [`touch`]),
    /// where a hash of the bytes has to wait for them to arrive and only then asks for the
    /// entry, two waits in a row. Names of one length lie in one run, so this is for tables
    /// whose runs are short (see [`Properties::place`]), which is nearly all of them.
    /// Alternating `xtask bench --validate-only` runs: `validate_vs_jsonschema` 0.360 → 0.335,
    /// just parsed 0.250 → 0.235 (means of four pairs).
    Length,
    /// At a hash of the name's bytes and length: for tables where too many names share a length.
    Name,
}

/// 64 bytes: the key's fields are spelled out so that `start` fills what would be its padding.
/// Aligned to a cache line, so that a lookup reads one line, not two.
#[derive(Debug)]
#[repr(align(64))]
struct Entry {
    head: u64,
    mid: u64,
    more: u64,
    tail: u64,
    /// The name's length, or [`Entry::EMPTY`].
    len: u32,
    /// Where the name starts in [`Properties::names`].
    start: u32,
    child: Child,
}

// A lookup must stay one cache line.
const _: () = assert!(std::mem::size_of::<Entry>() == 64);

impl Entry {
    /// The `len` of a free entry; [`Key::of`] gives no name this length.
    const EMPTY: u32 = u32::MAX;

    fn empty() -> Entry {
        let child = Child::Leaf { null_passes: false, types: Types::ANY, format: None, op: None };
        Entry { head: 0, mid: 0, more: 0, tail: 0, len: Self::EMPTY, start: 0, child }
    }
}

/// A name as four words (bytes 0-7, 8-15, 16-23 and the last eight, overlapping in shorter
/// names) and its length, which together hold every name up to 32 bytes: 95 % of the names
/// the corpus bodies look up. Longer names are compared from the table's name buffer, a line
/// that waits on the entry: the fourth word (the entry's last free eight bytes) took the names
/// of 25 to 32 bytes, 5 % of lookups, off that buffer, and alternating `xtask bench
/// --validate-only` runs (six pairs) went 0.308 → 0.298, just parsed 0.260 → 0.253.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    head: u64,
    mid: u64,
    more: u64,
    tail: u64,
    len: u32,
}

impl Key {
    const INLINE: usize = 32;

    /// The `len` of a name `len` bytes long: names of [`Entry::EMPTY`] bytes or more share one
    /// (the bytes still tell them apart).
    fn len_of(len: usize) -> u32 {
        u32::try_from(len).unwrap_or(u32::MAX).min(Entry::EMPTY - 1)
    }

    fn of(name: &str) -> Key {
        let bytes = name.as_bytes();
        let len = bytes.len();
        let u32_at =
            |at: usize| u64::from(u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]));
        let (head, tail) = if len >= 8 {
            (word_at(bytes), word_at(&bytes[len - 8..]))
        } else if len >= 4 {
            (u32_at(0) | (u32_at(len - 4) << 32), 0)
        } else if len > 0 {
            (u64::from(bytes[0]) | (u64::from(bytes[len / 2]) << 8) | (u64::from(bytes[len - 1]) << 16), 0)
        } else {
            (0, 0)
        };
        let mid = if len >= 16 { word_at(&bytes[8..]) } else { 0 };
        let more = if len >= 24 { word_at(&bytes[16..]) } else { 0 };
        Key { head, mid, more, tail, len: Self::len_of(len) }
    }

    /// Where the key's search starts in a table of `mask + 1` entries.
    #[inline(always)]
    fn home(self, homing: Homing, mask: usize) -> usize {
        match homing {
            Homing::Length => Self::length_home(self.len, mask),
            Homing::Name => self.name_hash() as usize & mask,
        }
    }

    /// Where names `len` long start their search under [`Homing::Length`]: a multiplicative
    /// hash, its high half (as Fibonacci hashing takes it).
    #[inline(always)]
    fn length_home(len: u32, mask: usize) -> usize {
        (u64::from(len).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & mask
    }

    /// One wide multiply of the two words, its halves folded together (as foldhash does).
    fn name_hash(self) -> u64 {
        const K1: u64 = 0x517c_c1b7_2722_0a95;
        const K2: u64 = 0x9e37_79b9_7f4a_7c15;
        let product = u128::from(self.head ^ K1) * u128::from(self.tail ^ u64::from(self.len) ^ K2);
        product as u64 ^ (product >> 64) as u64
    }
}

impl Properties {
    /// `properties`, each name once, and how the table finds them.
    fn new(properties: Vec<(&str, Child)>) -> (Properties, Homing) {
        let mut names = String::new();
        // Three eighths to three quarters full, as the slot array this replaced was: emptier
        // tables (a quarter to a half) read fewer entries per lookup but take a third more memory,
        // and were slower in `xtask bench --validate-only`, where tables compete for cache.
        let capacity = if properties.is_empty() { 0 } else { (properties.len() * 4 / 3 + 1).next_power_of_two() };
        let keys: Vec<Key> = properties.iter().map(|(name, _)| Key::of(name)).collect();
        let (homing, places) = match Self::place(&keys, Homing::Length, capacity, Some(keys.len() * 8)) {
            Some(places) => (Homing::Length, places),
            // With no budget every key is placed, so this is always `Some`.
            None => (Homing::Name, Self::place(&keys, Homing::Name, capacity, None).unwrap_or_default()),
        };
        let mut entries: Vec<Entry> = (0..capacity).map(|_| Entry::empty()).collect();
        for (((name, child), key), at) in properties.into_iter().zip(keys).zip(places) {
            let start = u32::try_from(names.len()).unwrap_or(u32::MAX);
            names.push_str(name);
            entries[at] =
                Entry { head: key.head, mid: key.mid, more: key.more, tail: key.tail, len: key.len, start, child };
        }
        (Properties { entries: entries.into(), names: names.into() }, homing)
    }

    /// Where each key goes in a table of `capacity` entries: linear probing from its home, in
    /// order. `None` once the keys sit, all told, more than `budget` entries past their homes.
    ///
    /// [`Properties::new`] homes a table by length if its names sit on average at most eight
    /// entries past their homes. In the corpus, tables so homed read 1.85 entries per name
    /// found; a bound of two instead of eight moved some large tables to the name hash and
    /// measured a little slower (the entries past the home are the next lines, which arrive
    /// with it). Placing stops at the bound, so a table of thousands of names of one length is
    /// not placed quadratically just to learn that it must not be.
    fn place(keys: &[Key], homing: Homing, capacity: usize, budget: Option<usize>) -> Option<Vec<usize>> {
        let mask = capacity.wrapping_sub(1);
        let (mut taken, mut displaced) = (vec![false; capacity], 0);
        let mut places = Vec::with_capacity(keys.len());
        for key in keys {
            let mut at = key.home(homing, mask);
            while taken[at] {
                at = (at + 1) & mask;
                displaced += 1;
                if budget.is_some_and(|budget| displaced > budget) {
                    return None;
                }
            }
            taken[at] = true;
            places.push(at);
        }
        Some(places)
    }

    /// [`touch`]es the entry where a search for a name `len` bytes long starts, when that is
    /// known from the length alone.
    #[inline(always)]
    fn touch_home(&self, homing: Homing, len: usize) {
        if homing == Homing::Length {
            touch(&self.entries, Key::length_home(Key::len_of(len), self.entries.len().wrapping_sub(1)));
        }
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number of properties within a factor of 1.5 (the table is three eighths to three
    /// quarters full): enough to choose how to walk an object, and no field in the header.
    fn size_hint(&self) -> usize {
        self.entries.len() / 2
    }

    fn name(&self, entry: &Entry) -> &str {
        let start = entry.start as usize;
        self.names.get(start..start + entry.len as usize).unwrap_or("")
    }

    fn get(&self, homing: Homing, name: &str) -> Option<&Child> {
        let mask = self.entries.len().checked_sub(1)?;
        let key = Key::of(name);
        let mut at = key.home(homing, mask);
        loop {
            let entry = &self.entries[at];
            let same_key = entry.head == key.head
                && entry.tail == key.tail
                && entry.mid == key.mid
                && entry.more == key.more
                && entry.len == key.len;
            if same_key && (name.len() <= Key::INLINE || self.name(entry) == name) {
                return Some(&entry.child);
            }
            if entry.len == Entry::EMPTY {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &Child)> {
        self.entries.iter().filter(|e| e.len != Entry::EMPTY).map(|entry| (self.name(entry), &entry.child))
    }
}

/// Follows a node that is only a `$ref` or only `nullable` to the node it names: whether `null`
/// passes on the way, and where the other checks are.
fn unwrap_nullable(nodes: &[Node], mut id: u32) -> (bool, u32) {
    let mut null_passes = false;
    for _ in 0..Quick::MAX_DEPTH {
        match nodes[id as usize].checks.as_slice() {
            [Check::Ref(target)] => id = *target,
            [Check::Nullable(target)] => (null_passes, id) = (true, *target),
            _ => break,
        }
    }
    (null_passes, id)
}

impl Op {
    /// The quick form of a check; `properties` have none (they are merged into a table).
    fn of(nodes: &[Node], check: &Check) -> Option<Op> {
        Some(match check {
            Check::Type(types) => Op::Types(types.bits),
            Check::Format(format) => Op::Format(*format),
            Check::Limit(rule, Num::U(n)) => Op::LimitU(*rule, *n),
            Check::Limit(rule, Num::I(n)) => Op::LimitI(*rule, *n),
            Check::Limit(rule, Num::F(n)) => Op::LimitF(*rule, *n),
            Check::Enum(members, _) => Op::Enum(Arc::clone(members)),
            Check::Flags(members, _) => Op::Flags(Arc::clone(members)),
            Check::Required(names) => Op::Required(Arc::clone(names)),
            Check::Items(items) => Op::items(nodes, *items, 1),
            // Only past `Quick::MAX_DEPTH`; inlined otherwise.
            Check::Ref(target) => Op::AllOf(Arc::new(vec![*target])),
            Check::AllOf(parts) => Op::AllOf(Arc::new(parts.clone())),
            Check::AnyOf(branches) => Op::AnyOf(Arc::new(branches.clone())),
            Check::Nullable(inner) => Op::Nullable(*inner),
            Check::False => Op::False,
            Check::Properties(_) => return None,
        })
    }

    /// An `items` check: its child held as a leaf when it is one (arrays of strings, of enum
    /// members), else named by its node. `depth` bounds how many arrays of arrays are inlined,
    /// which keeps an array of itself from building forever.
    fn items(nodes: &[Node], items: u32, depth: u8) -> Op {
        match Child::leaf_within(nodes, items, depth) {
            Some(leaf) => Op::Items(Box::new(leaf)),
            None => {
                let (null_passes, node) = unwrap_nullable(nodes, items);
                Op::ItemsNode { null_passes, node }
            }
        }
    }

    /// Two ops as one: an `i32` range when they are one, else both.
    fn pair(pair: [Op; 2]) -> Op {
        let bound = |op: &Op| match *op {
            Op::LimitI(rule, n) => i32::try_from(n).ok().map(|n| (rule, n)),
            Op::LimitU(rule, n) => i32::try_from(n).ok().map(|n| (rule, n)),
            _ => None,
        };
        match (bound(&pair[0]), bound(&pair[1])) {
            (Some((Rule::Minimum, min)), Some((Rule::Maximum, max)))
            | (Some((Rule::Maximum, max)), Some((Rule::Minimum, min))) => Op::Range32(min, max),
            _ => Op::Both(Box::new(pair)),
        }
    }

    /// One op that passes exactly what both pass, when there is one: two `enum`s or two `i32`
    /// ranges intersected, two `items` leaves merged, or the same op twice (a derived type
    /// naming a property again with its base's check: an `Int32`'s range, a list of strings).
    fn both(a: Op, b: Op) -> Option<Op> {
        Some(match (a, b) {
            (Op::Enum(one), Op::Enum(other)) => Op::Enum(Arc::new(one.intersection(&other)?)),
            // An empty range (`min > max`) passes no number, as the two together do.
            (Op::Range32(min, max), Op::Range32(other_min, other_max)) => {
                Op::Range32(min.max(other_min), max.min(other_max))
            }
            (Op::Items(one), Op::Items(other)) => Op::Items(Box::new(Child::both(*one, *other)?)),
            (one, other) if one.same_as(&other) => one,
            _ => return None,
        })
    }

    /// Whether the two ops are the same check; `false` when that is not cheap to tell (enums
    /// and `required` lists that are not one shared value).
    fn same_as(&self, other: &Op) -> bool {
        match (self, other) {
            (Op::Types(a), Op::Types(b)) => a == b,
            (Op::Format(a), Op::Format(b)) => a == b,
            (Op::LimitU(rule, a), Op::LimitU(other_rule, b)) => rule == other_rule && a == b,
            (Op::LimitI(rule, a), Op::LimitI(other_rule, b)) => rule == other_rule && a == b,
            (Op::LimitF(rule, a), Op::LimitF(other_rule, b)) => rule == other_rule && a.to_bits() == b.to_bits(),
            (Op::Range32(min, max), Op::Range32(other_min, other_max)) => min == other_min && max == other_max,
            (Op::Both(a), Op::Both(b)) => a[0].same_as(&b[0]) && a[1].same_as(&b[1]),
            (Op::Enum(a), Op::Enum(b)) | (Op::Flags(a), Op::Flags(b)) => Arc::ptr_eq(a, b),
            (
                Op::ItemsNode { null_passes, node },
                Op::ItemsNode { null_passes: other_null_passes, node: other_node },
            ) => null_passes == other_null_passes && node == other_node,
            _ => false,
        }
    }

    /// Whether the op reads a string's bytes.
    fn reads_text(&self) -> bool {
        match self {
            Op::Format(_) | Op::Enum(_) | Op::Flags(_) => true,
            Op::Both(ops) => ops.iter().any(Op::reads_text),
            _ => false,
        }
    }

    /// Whether the check's op reads nothing but the value and its own data.
    fn is_leaf(check: &Check) -> bool {
        !matches!(
            check,
            Check::Items(_)
                | Check::Properties(_)
                | Check::Ref(_)
                | Check::AllOf(_)
                | Check::AnyOf(_)
                | Check::Nullable(_)
        )
    }
}

impl Child {
    /// Whether a check of the value reads a string's bytes, not just its type.
    fn reads_text(&self) -> bool {
        match self {
            Child::Leaf { format, op, .. } => format.is_some() || op.as_ref().is_some_and(Op::reads_text),
            _ => false,
        }
    }

    /// A property's nodes (sorted, distinct) in their quick form.
    fn of(nodes: &[Node], children: Vec<u32>) -> Child {
        // Nodes that name one type (a base's `$ref` and a derived type's, perhaps one of them
        // `nullable`) are one check: visiting that type twice would look every member up twice.
        // `null` passes outright only if it does for each, so a node that does not let it
        // through is the one kept.
        let mut named: Vec<(u32, bool, u32)> = children
            .into_iter()
            .map(|child| {
                let (null_passes, root) = unwrap_nullable(nodes, child);
                (root, null_passes, child)
            })
            .collect();
        named.sort_unstable();
        named.dedup_by_key(|(root, _, _)| *root);
        let children: Vec<u32> = named.into_iter().map(|(_, _, child)| child).collect();
        match children.as_slice() {
            [one] => Child::leaf(nodes, *one).unwrap_or_else(|| {
                let (null_passes, node) = unwrap_nullable(nodes, *one);
                Child::Node { null_passes, node }
            }),
            _ => match Child::merged_leaves(nodes, &children) {
                Some(leaf) => leaf,
                None if children.len() == 2 => Child::Pair(children[0], children[1]),
                None => Child::Nodes(children.into()),
            },
        }
    }

    /// The nodes as one leaf that passes exactly what every one of them passes, when each is a
    /// leaf and together they fit one: the usual case, a property a derived type names again
    /// with the same check (`id`) or a narrower one (its own `@odata.type` names). That saves
    /// visiting two or more nodes for one member.
    fn merged_leaves(nodes: &[Node], children: &[u32]) -> Option<Child> {
        let mut merged = Child::leaf(nodes, *children.first()?)?;
        for child in &children[1..] {
            merged = Child::both(merged, Child::leaf(nodes, *child)?)?;
        }
        Some(merged)
    }

    /// Two leaves as one: types intersected (see [`Types::bits`]), one format, and `enum`s
    /// intersected; `None` when they do not fit (two formats, other ops, `null` passing one
    /// outright but not the other).
    fn both(a: Child, b: Child) -> Option<Child> {
        let (
            Child::Leaf { null_passes, types, format, op },
            Child::Leaf { null_passes: other_null_passes, types: other_types, format: other_format, op: other_op },
        ) = (a, b)
        else {
            return None;
        };
        if null_passes != other_null_passes {
            return None;
        }
        let format = match (format, other_format) {
            (Some(one), Some(other)) if one != other => return None,
            (one, other) => one.or(other),
        };
        let op = match (op, other_op) {
            (op, None) | (None, op) => op,
            (Some(one), Some(other)) => Some(Op::both(one, other)?),
        };
        Some(Child::Leaf { null_passes, types: types & other_types, format, op })
    }

    /// The node's checks held inline, when they fit a [`Child::Leaf`] and none but an `items`
    /// leads to another node: an array property is checked from its entry, without a visit to
    /// the array's own node.
    fn leaf(nodes: &[Node], id: u32) -> Option<Child> {
        Self::leaf_within(nodes, id, 1)
    }

    /// [`Child::leaf`], inlining `items` up to `depth` arrays deep.
    fn leaf_within(nodes: &[Node], id: u32, depth: u8) -> Option<Child> {
        let (null_passes, root) = unwrap_nullable(nodes, id);
        let (mut types, mut format, mut ops) = (None, None, Vec::new());
        for check in &nodes[root as usize].checks {
            match check {
                Check::Type(t) if types.is_none() => types = Some(t.bits),
                Check::Format(f) if format.is_none() => format = Some(*f),
                _ if ops.len() == 2 => return None,
                Check::Items(items) if depth > 0 => ops.push(Op::items(nodes, *items, depth - 1)),
                // Checked before building: an op that leads to a node could loop back here.
                _ if !Op::is_leaf(check) => return None,
                _ => ops.extend(Op::of(nodes, check)),
            }
        }
        let op = match <[Op; 2]>::try_from(ops) {
            Ok(pair) => Some(Op::pair(pair)),
            Err(mut one) => one.pop(),
        };
        Some(Child::Leaf { null_passes, types: types.unwrap_or(Types::ANY), format, op })
    }
}

/// The checks for one place in a schema.
#[derive(Debug)]
struct Node {
    /// The doc `file:line` reported for violations found here; empty means the same as the node
    /// that refers to this one (or unknown, at the top).
    source: Box<str>,
    checks: Vec<Check>,
}

/// One JSON Schema keyword's check. Keywords are independent, as in JSON Schema; the generator
/// leaves out any check that accepts every value.
#[derive(Debug)]
enum Check {
    Type(Types),
    Format(Format),
    /// `rule` is one of the four limit rules.
    Limit(Rule, Num),
    /// The members, and how a violation lists them.
    Enum(Arc<Members>, Box<str>),
    /// A flags enum's `pattern`: a string must be a comma-separated list of the members (a
    /// space after a comma allowed); the members, and how a violation words the rule.
    Flags(Arc<Members>, Box<str>),
    /// Property names, each with the doc line of its property.
    Required(Arc<Vec<(Box<str>, Box<str>)>>),
    /// In schema order, the order violations are reported in.
    Properties(Vec<(Box<str>, u32)>),
    Items(u32),
    /// A `$defs` entry.
    Ref(u32),
    AllOf(Vec<u32>),
    AnyOf(Vec<u32>),
    /// `anyOf: [X, {"type": "null"}]`: for a non-null value only X can match, so X's own
    /// violations are the precise report.
    Nullable(u32),
    /// The schema `false`.
    False,
}

/// The types a `type` check allows, as a set (and in schema order, for messages).
#[derive(Debug)]
struct Types {
    listed: Vec<JsonType>,
    /// Bit `t as u8` for each listed type, `Number` also setting `Integer`'s (every integer is
    /// a number).
    bits: u8,
}

impl Types {
    /// Bits that let every value through: every type's, as when there is no `type` check.
    const ANY: u8 = u8::MAX;

    fn new(listed: Vec<JsonType>) -> Self {
        let mut bits = 0;
        for t in &listed {
            bits |= 1 << *t as u8;
            if *t == JsonType::Number {
                bits |= 1 << JsonType::Integer as u8;
            }
        }
        Types { listed, bits }
    }

    fn allows(&self, value: &Value) -> bool {
        Self::bits_allow(self.bits, value)
    }

    fn bits_allow(bits: u8, value: &Value) -> bool {
        Self::bits_allow_kind(bits, JsonType::of(value), value)
    }

    /// [`Types::bits_allow`] for a value whose [`JsonType::of`] the caller has: reading a
    /// `Value`'s variant is several instructions (with `preserve_order` it hides in a niche),
    /// so the quick verdict reads it once per value.
    fn bits_allow_kind(bits: u8, kind: JsonType, value: &Value) -> bool {
        // One bit test settles every value but a number that only `integer` may allow.
        bits & (1 << kind as u8) != 0
            || (kind == JsonType::Number && bits & (1 << JsonType::Integer as u8) != 0 && is_integer(value))
    }
}

/// An `enum`'s members: a few strings (up to eight) packed in one buffer that a scan reads,
/// held in the set itself when they fit, which nearly all do; many in a hash set (an
/// `@odata.type` family can name thousands of types, all starting `#microsoft.graph.`, which
/// makes scans slow); the other members in a list. Line-aligned and three lines long, so that a
/// check of a short enum reads one to three lines past the op that holds it, all asked for at
/// once, not a line and then a buffer that only it names.
#[derive(Debug)]
#[repr(align(64))]
struct Members {
    strings: Strings,
    others: Box<[Literal]>,
}

const _: () = assert!(std::mem::size_of::<Members>() == 192);

#[derive(Debug)]
enum Strings {
    /// Each member as its length (one byte) then its bytes, in place: `bytes[..len]`.
    Inline {
        len: u8,
        bytes: [u8; Members::INLINE],
    },
    /// The same, in a buffer of its own when it does not fit.
    Packed(Box<[u8]>),
    Hashed(HashSet<Box<str>, NameHash>),
}

impl Members {
    /// Sets up to this many strings are scanned rather than hashed.
    const MAX_PACKED: usize = 8;
    /// Packed members of up to this many bytes (lengths included) are held in place: 96 % of
    /// the checks against scanned sets over the corpus bodies, where 46 bytes (one line) held
    /// 41 % and the rest waited on a buffer of their own. Alternating `xtask bench
    /// --validate-only` runs (six pairs): `validate_vs_jsonschema` 0.330 → 0.315, just parsed
    /// 0.240 → 0.222.
    const INLINE: usize = 174;

    fn new(literals: Vec<Literal>) -> Self {
        let (mut strings, mut others) = (Vec::new(), Vec::new());
        for literal in literals {
            match literal {
                Literal::Str(s) => strings.push(s),
                other => others.push(other),
            }
        }
        let packable = strings.len() <= Self::MAX_PACKED && strings.iter().all(|s| s.len() <= usize::from(u8::MAX));
        let strings = if packable {
            let mut packed = Vec::new();
            for s in strings {
                packed.push(s.len() as u8);
                packed.extend_from_slice(s.as_bytes());
            }
            if packed.len() <= Self::INLINE {
                let mut bytes = [0; Self::INLINE];
                bytes[..packed.len()].copy_from_slice(&packed);
                Strings::Inline { len: packed.len() as u8, bytes }
            } else {
                Strings::Packed(packed.into())
            }
        } else {
            let mut set = HashSet::with_capacity_and_hasher(strings.len(), NameHash);
            set.extend(strings);
            Strings::Hashed(set)
        };
        Members { strings, others: others.into() }
    }

    /// The members of both sets, when both hold strings only.
    fn intersection(&self, other: &Members) -> Option<Members> {
        if !self.others.is_empty() || !other.others.is_empty() {
            return None;
        }
        // The smaller set is listed and the larger asked: an `@odata.type` family can hold
        // thousands of names where a derived type's own set holds two.
        let (small, large) = if self.string_count() <= other.string_count() { (self, other) } else { (other, self) };
        let kept =
            small.strings().into_iter().filter(|s| large.contains_str(s)).map(|s| Literal::Str(s.into())).collect();
        Some(Members::new(kept))
    }

    fn string_count(&self) -> usize {
        match &self.strings {
            Strings::Hashed(set) => set.len(),
            _ => self.strings().len(),
        }
    }

    /// The string members (those a packed buffer holds are UTF-8: they came from `&str`s).
    fn strings(&self) -> Vec<&str> {
        let unpack = |packed| Self::unpack(packed).filter_map(|member| std::str::from_utf8(member).ok()).collect();
        match &self.strings {
            Strings::Inline { len, bytes } => unpack(&bytes[..usize::from(*len)]),
            Strings::Packed(packed) => unpack(packed),
            Strings::Hashed(set) => set.iter().map(|s| &**s).collect(),
        }
    }

    #[inline]
    fn contains(&self, value: &Value) -> bool {
        match value {
            Value::String(s) => self.contains_str(s),
            _ => self.others.iter().any(|m| m.matches(value)),
        }
    }

    fn contains_str(&self, text: &str) -> bool {
        match &self.strings {
            Strings::Inline { len, bytes } => {
                let packed = &bytes[..usize::from(*len)];
                // The set's later lines, asked for together rather than one after another.
                touch(packed, packed.len() / 2);
                touch(packed, packed.len().wrapping_sub(1));
                Self::scan(packed, text)
            }
            Strings::Packed(packed) => Self::scan(packed, text),
            Strings::Hashed(set) => set.contains(text),
        }
    }

    /// Whether `packed` (lengths and bytes) holds `text`.
    fn scan(packed: &[u8], text: &str) -> bool {
        Self::unpack(packed).any(|member| member == text.as_bytes())
    }

    /// The members `packed` holds, each as its length (one byte) then its bytes.
    fn unpack(mut packed: &[u8]) -> impl Iterator<Item = &[u8]> {
        std::iter::from_fn(move || {
            let (len, tail) = packed.split_first()?;
            let (member, next) = tail.split_at(usize::from(*len).min(tail.len()));
            packed = next;
            Some(member)
        })
    }
}

/// A quick hash for the schema's names. The tables only hold names the schema gives, so a
/// payload cannot lengthen a lookup by choosing colliding names; it can only look one up.
#[derive(Debug, Clone, Copy, Default)]
struct NameHash;

impl std::hash::BuildHasher for NameHash {
    type Hasher = NameHasher;

    fn build_hasher(&self) -> NameHasher {
        NameHasher(0)
    }
}

/// Eight bytes at a time, each word mixed in by a rotate, an xor and a multiply. Most names are
/// short, so the last partial word is read as (up to) two overlapping loads, not byte by byte.
struct NameHasher(u64);

impl NameHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

/// The first eight bytes of `bytes`, which has at least eight.
fn word_at(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

impl std::hash::Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let len = bytes.len();
        if len >= 8 {
            let mut words = bytes.chunks_exact(8);
            for word in &mut words {
                self.mix(word_at(word));
            }
            if !words.remainder().is_empty() {
                // The last eight bytes, overlapping the last whole word; the length (mixed in
                // below) tells apart names this would otherwise confuse.
                self.mix(word_at(&bytes[len - 8..]));
            }
        } else if len >= 4 {
            let (head, tail) = (&bytes[..4], &bytes[len - 4..]);
            let low = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
            let high = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
            self.mix(u64::from(low) | (u64::from(high) << 32));
        } else if len > 0 {
            let word = u64::from(bytes[0]) | (u64::from(bytes[len / 2]) << 8) | (u64::from(bytes[len - 1]) << 16);
            self.mix(word);
        }
        self.mix(len as u64);
    }

    /// `str`'s `Hash` ends every name with `0xff`; the length mixed in above already keeps
    /// names apart, so this costs nothing.
    fn write_u8(&mut self, _: u8) {}

    fn finish(&self) -> u64 {
        // hashbrown takes the bucket from the low bits, which a multiply leaves poorly mixed.
        self.0 ^ (self.0 >> 32)
    }
}

/// An `enum` member.
#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Null,
    Bool(bool),
    Num(Num),
    Str(Box<str>),
}

impl Literal {
    /// JSON Schema equality (`1` equals `1.0`).
    fn matches(&self, value: &Value) -> bool {
        match self {
            Literal::Null => value.is_null(),
            Literal::Bool(b) => value.as_bool() == Some(*b),
            Literal::Num(n) => number_equals(value, *n),
            Literal::Str(s) => value.as_str() == Some(&**s),
        }
    }
}

/// Why the validator text did not decode: a generator bug or a hand-edited file, never a payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramError {
    /// 1-based line of the text.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ProgramError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "validator tables, line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ProgramError {}

impl Program {
    /// Reads the text the generator writes: line `i` (leading and trailing blank lines aside) is
    /// node `i`, a JSON array `[source, check…]`, each check an array naming its keyword first:
    /// `["type", "string", "null"]`, `["format", "date-time"]`, `["minimum", 0]` (also `maximum`,
    /// `exclusiveMinimum`, `exclusiveMaximum`), `["enum", member…]`, `["flags", member…]`,
    /// `["required", name, source, …]`, `["properties", name, node, …]`, `["items", node]`,
    /// `["ref", node]`, `["allOf", node…]`, `["anyOf", node…]`, `["nullable", node]`, `["false"]`.
    pub fn decode(text: &str) -> Result<Program, ProgramError> {
        let mut nodes = Vec::new();
        let first_line = text.len() - text.trim_start_matches('\n').len() + 1;
        for (i, line) in text.trim_matches('\n').split('\n').enumerate() {
            let fail = |message: String| ProgramError { line: first_line + i, message };
            let value: Value = serde_json::from_str(line).map_err(|e| fail(e.to_string()))?;
            nodes.push(decode_node(&value).map_err(fail)?);
        }
        let count = nodes.len();
        for (i, node) in nodes.iter().enumerate() {
            if let Some(bad) = node.checks.iter().flat_map(Check::children).find(|&c| c as usize >= count) {
                return Err(ProgramError {
                    line: first_line + i,
                    message: format!("node {bad} does not exist ({count} nodes)"),
                });
            }
        }
        let quick = (0..count).map(|_| QuickCell::default()).collect();
        Ok(Program { nodes, quick })
    }

    /// How many nodes there are; validators are node numbers below this.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Whether `value` passes node `node`: the verdict of [`Program::validate`], found without
    /// building pointers or messages, stopping at the first fault.
    pub fn is_valid(&self, node: u32, value: &Value) -> bool {
        let quick = self.quick[node as usize].0.get_or_init(|| Quick::of(&self.nodes, node));
        let kind = JsonType::of(value);
        if quick.null_passes && kind == JsonType::Null {
            return true;
        }
        if !Types::bits_allow_kind(quick.types, kind, value) || !quick.ops.iter().all(|op| self.passes(op, value)) {
            return false;
        }
        let properties = &quick.properties;
        match value {
            Value::Object(object) if !properties.is_empty() => {
                // Each payload member is looked up in the schema's table (a cheap hash), unless
                // the payload is much larger than the schema: then each property is looked up in
                // the payload's map (SipHash with `preserve_order`, slower per lookup).
                if object.len() <= Quick::PAYLOAD_WALK_RATIO * properties.size_hint() {
                    // Ask for every member's name, value and table entry, and the strings a check
                    // may read, before checking any (see `touch`, `Homing::Length` and
                    // `Quick::reads_text`): 5-10 % off cold payloads in alternating
                    // `xtask bench --validate-only` runs.
                    for (name, member) in object {
                        properties.touch_home(quick.homing, name.len());
                        touch(name.as_bytes(), 0);
                        match member {
                            Value::String(text) if quick.reads_text(name) => touch(text.as_bytes(), 0),
                            _ => touch_value(member),
                        }
                    }
                    object
                        .iter()
                        .all(|(name, member)| quick.property(name).is_none_or(|child| self.child_passes(child, member)))
                } else {
                    properties.iter().all(|(name, child)| object.get(name).is_none_or(|m| self.child_passes(child, m)))
                }
            }
            _ => true,
        }
    }

    #[inline(always)]
    fn child_passes(&self, child: &Child, value: &Value) -> bool {
        match child {
            Child::Leaf { null_passes, types, format, op } => {
                let kind = JsonType::of(value);
                if *null_passes && kind == JsonType::Null {
                    return true;
                }
                if !Types::bits_allow_kind(*types, kind, value) {
                    return false;
                }
                let format_holds = match (format, value) {
                    (Some(format), Value::String(text)) => format.accepts(text),
                    _ => true,
                };
                // An `enum` is most leaves' other check: run it here rather than through `passes`.
                format_holds
                    && op.as_ref().is_none_or(|op| match op {
                        Op::Enum(members) => members.contains(value),
                        other => self.passes(other, value),
                    })
            }
            Child::Node { null_passes, node } => (*null_passes && value.is_null()) || self.is_valid(*node, value),
            Child::Pair(first, second) => self.is_valid(*first, value) && self.is_valid(*second, value),
            Child::Nodes(nodes) => nodes.iter().all(|node| self.is_valid(*node, value)),
        }
    }

    /// Runs node `node` on a whole document: `Ok` or every violation, in the order found.
    pub fn validate(&'static self, node: u32, value: &Value) -> Result<(), Vec<Violation>> {
        if self.is_valid(node, value) {
            return Ok(());
        }
        let mut out = Vec::new();
        self.check(node, value, &mut String::new(), "", &mut out);
        finish(out)
    }

    fn passes(&self, op: &Op, value: &Value) -> bool {
        match op {
            Op::Types(bits) => Types::bits_allow(*bits, value),
            Op::Format(format) => value.as_str().is_none_or(|text| format.accepts(text)),
            Op::LimitU(rule, limit) => limit_broken(value, *rule, Num::U(*limit)).is_none(),
            Op::LimitI(rule, limit) => limit_broken(value, *rule, Num::I(*limit)).is_none(),
            Op::LimitF(rule, limit) => limit_broken(value, *rule, Num::F(*limit)).is_none(),
            Op::Range32(min, max) => match value {
                // Every `i32` is exactly a float, so a float compares exactly with either end.
                Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                    (Some(i), _) => (i64::from(*min)..=i64::from(*max)).contains(&i),
                    (None, _) if n.is_u64() => false,
                    (None, Some(f)) => f >= f64::from(*min) && f <= f64::from(*max),
                    (None, None) => true,
                },
                _ => true,
            },
            Op::Both(ops) => ops.iter().all(|op| self.passes(op, value)),
            Op::Enum(members) => members.contains(value),
            Op::Flags(members) => value.as_str().is_none_or(|text| is_flags(text, members)),
            Op::Required(names) => {
                value.as_object().is_none_or(|object| names.iter().all(|(name, _)| object.contains_key(&**name)))
            }
            Op::Items(items) => value.as_array().is_none_or(|array| array.iter().all(|v| self.child_passes(items, v))),
            Op::ItemsNode { null_passes, node } => value
                .as_array()
                .is_none_or(|array| array.iter().all(|v| (*null_passes && v.is_null()) || self.is_valid(*node, v))),
            Op::AllOf(parts) => parts.iter().all(|part| self.is_valid(*part, value)),
            Op::AnyOf(branches) => branches.iter().any(|branch| self.is_valid(*branch, value)),
            Op::Nullable(inner) => value.is_null() || self.is_valid(*inner, value),
            Op::False => false,
        }
    }

    /// Checks `value` at `pointer` against node `id`, pushing every violation onto `out`;
    /// `inherited_source` is the doc line of the node that led here. `pointer` is one buffer
    /// that grows and shrinks as the walk descends.
    fn check(
        &'static self,
        id: u32,
        value: &Value,
        pointer: &mut String,
        inherited_source: &'static str,
        out: &mut Vec<Violation>,
    ) {
        let node = &self.nodes[id as usize];
        let source = if node.source.is_empty() { inherited_source } else { &node.source };
        for rule in &node.checks {
            match rule {
                Check::Type(types) => {
                    if !types.allows(value) {
                        check_type(value, &types.listed, pointer, source, out);
                    }
                }
                Check::Format(format) => check_format(value, *format, pointer, source, out),
                Check::Limit(rule, limit) => check_limit(value, *rule, *limit, pointer, source, out),
                Check::Flags(members, expected) => {
                    if value.as_str().is_some_and(|text| !is_flags(text, members)) {
                        out.push(Violation::new(pointer, Rule::Pattern, &**expected, describe(value), source));
                    }
                }
                Check::Enum(members, expected) => {
                    check_enum(value, members.contains(value), expected, pointer, source, out);
                }
                Check::Required(names) => {
                    for (name, property_source) in names.iter() {
                        check_required(value, name, pointer, property_source, out);
                    }
                }
                Check::Properties(properties) => {
                    let Some(object) = value.as_object() else { continue };
                    for (name, child) in properties {
                        if let Some(member) = object.get(&**name) {
                            let len = pointer.len();
                            push_token(pointer, name);
                            self.check(*child, member, pointer, source, out);
                            pointer.truncate(len);
                        }
                    }
                }
                Check::Items(items) => {
                    let Some(array) = value.as_array() else { continue };
                    for (i, item) in array.iter().enumerate() {
                        let len = pointer.len();
                        pointer.push('/');
                        pointer.push_str(&i.to_string());
                        self.check(*items, item, pointer, source, out);
                        pointer.truncate(len);
                    }
                }
                Check::Ref(target) => self.check(*target, value, pointer, source, out),
                Check::AllOf(parts) => parts.iter().for_each(|part| self.check(*part, value, pointer, source, out)),
                Check::AnyOf(branches) => {
                    if !branches.iter().any(|branch| self.is_valid(*branch, value)) {
                        let expected = "a value matching one of the anyOf alternatives";
                        out.push(Violation::new(pointer, Rule::AnyOf, expected, describe(value), source));
                    }
                }
                Check::Nullable(inner) => {
                    if !value.is_null() {
                        self.check(*inner, value, pointer, source, out);
                    }
                }
                Check::False => {
                    out.push(Violation::new(pointer, Rule::FalseSchema, "no value at all", describe(value), source))
                }
            }
        }
    }
}

impl Check {
    fn children(&self) -> Vec<u32> {
        match self {
            Check::Properties(properties) => properties.iter().map(|(_, child)| *child).collect(),
            Check::Items(child) | Check::Ref(child) | Check::Nullable(child) => vec![*child],
            Check::AllOf(children) | Check::AnyOf(children) => children.clone(),
            _ => Vec::new(),
        }
    }
}

fn decode_node(line: &Value) -> Result<Node, String> {
    let Some([source, checks @ ..]) = line.as_array().map(Vec::as_slice) else {
        return Err("expected a JSON array `[source, check…]`".to_owned());
    };
    let source = source.as_str().ok_or("the source must be a string")?.into();
    let checks = checks.iter().map(decode_check).collect::<Result<_, _>>()?;
    Ok(Node { source, checks })
}

fn decode_check(check: &Value) -> Result<Check, String> {
    let Some([Value::String(keyword), args @ ..]) = check.as_array().map(Vec::as_slice) else {
        return Err(format!("expected a check `[keyword, …]`, found {check}"));
    };
    let text = |value: &Value| {
        value.as_str().map(Box::from).ok_or_else(|| format!("`{keyword}`: expected a string, found {value}"))
    };
    let node = |value: &Value| {
        value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| format!("`{keyword}`: expected a node number, found {value}"))
    };
    let one = || match args {
        [arg] => Ok(arg),
        _ => Err(format!("`{keyword}` takes one argument, found {}", args.len())),
    };
    let pairs = || {
        if args.len() % 2 == 0 { Ok(args.chunks_exact(2)) } else { Err(format!("`{keyword}` takes pairs")) }
    };
    let limit = |rule: Rule| match one()? {
        Value::Number(n) => {
            Num::of(n).map(|n| Check::Limit(rule, n)).ok_or_else(|| format!("`{keyword}`: bad number {n}"))
        }
        other => Err(format!("`{keyword}`: expected a number, found {other}")),
    };
    Ok(match keyword.as_str() {
        "type" => Check::Type(Types::new(
            args.iter()
                .map(|arg| JsonType::named(arg.as_str().unwrap_or("")).ok_or_else(|| format!("unknown type {arg}")))
                .collect::<Result<_, _>>()?,
        )),
        "format" => {
            let name = one()?;
            Check::Format(Format::named(name.as_str().unwrap_or("")).ok_or_else(|| format!("unknown format {name}"))?)
        }
        "minimum" => limit(Rule::Minimum)?,
        "maximum" => limit(Rule::Maximum)?,
        "exclusiveMinimum" => limit(Rule::ExclusiveMinimum)?,
        "exclusiveMaximum" => limit(Rule::ExclusiveMaximum)?,
        "enum" => {
            let members = args
                .iter()
                .map(|member| match member {
                    Value::Null => Ok(Literal::Null),
                    Value::Bool(b) => Ok(Literal::Bool(*b)),
                    Value::Number(n) => Num::of(n).map(Literal::Num).ok_or_else(|| format!("bad number {n}")),
                    Value::String(s) => Ok(Literal::Str(s.as_str().into())),
                    other => Err(format!("`enum` members are scalars, found {other}")),
                })
                .collect::<Result<_, _>>()?;
            let expected = format!("one of {}", first_few(args.iter().map(Value::to_string), args.len()));
            Check::Enum(Arc::new(Members::new(members)), expected.into())
        }
        "flags" => {
            let names: Vec<Box<str>> = args.iter().map(text).collect::<Result<_, _>>()?;
            let listed = first_few(names.iter().map(|n| n.to_string()), names.len());
            let expected = format!("a comma-separated list of {listed}");
            Check::Flags(Arc::new(Members::new(names.into_iter().map(Literal::Str).collect())), expected.into())
        }
        "required" => {
            let names: Vec<_> = pairs()?.map(|p| Ok((text(&p[0])?, text(&p[1])?))).collect::<Result<_, String>>()?;
            Check::Required(Arc::new(names))
        }
        "properties" => {
            Check::Properties(pairs()?.map(|p| Ok((text(&p[0])?, node(&p[1])?))).collect::<Result<_, String>>()?)
        }
        "items" => Check::Items(node(one()?)?),
        "ref" => Check::Ref(node(one()?)?),
        "allOf" => Check::AllOf(args.iter().map(node).collect::<Result<_, _>>()?),
        "anyOf" => Check::AnyOf(args.iter().map(node).collect::<Result<_, _>>()?),
        "nullable" => Check::Nullable(node(one()?)?),
        "false" if args.is_empty() => Check::False,
        other => return Err(format!("unknown check `{other}` with {} arguments", args.len())),
    })
}

/// A flags value: members separated by commas, each comma followed by at most one space, the
/// same strings the generated `pattern` matches.
fn is_flags(text: &str, members: &Members) -> bool {
    text.split(',').enumerate().all(|(i, part)| {
        let part = if i > 0 { part.strip_prefix(' ').unwrap_or(part) } else { part };
        members.contains_str(part)
    })
}

/// How a violation lists an `enum`'s or a flags enum's `count` members: the first few, then
/// how many there are (`"a", "b", … (40 in all)`).
fn first_few(members: impl Iterator<Item = String>, count: usize) -> String {
    const SHOWN: usize = 12;
    let mut shown: Vec<String> = members.take(SHOWN).collect();
    if count > SHOWN {
        shown.push(format!("… ({count} in all)"));
    }
    shown.join(", ")
}

/// Appends `/token` to `pointer`, escaped as RFC 6901 asks.
fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

impl Violation {
    pub fn new(pointer: &str, rule: Rule, expected: impl Into<String>, found: String, source: &'static str) -> Self {
        Violation { pointer: pointer.to_owned(), rule, expected: expected.into(), found, source }
    }
}

impl fmt::Display for Violation {
    /// `/tenantId: type: expected string, found number 3 (rule from beta/api/x.md:48)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() { "(root)" } else { &self.pointer };
        write!(f, "{pointer}: {}: expected {}, found {}", self.rule, self.expected, self.found)?;
        if !self.source.is_empty() {
            write!(f, " (rule from {})", self.source)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violation {}

impl Rule {
    /// The JSON Schema keyword, e.g. `exclusiveMinimum`.
    pub fn keyword(self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::Type => "type",
            Rule::Format => "format",
            Rule::Enum => "enum",
            Rule::Minimum => "minimum",
            Rule::Maximum => "maximum",
            Rule::ExclusiveMinimum => "exclusiveMinimum",
            Rule::ExclusiveMaximum => "exclusiveMaximum",
            Rule::AnyOf => "anyOf",
            Rule::Pattern => "pattern",
            Rule::FalseSchema => "false",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

impl JsonType {
    const ALL: [JsonType; 7] = [
        JsonType::Null,
        JsonType::Boolean,
        JsonType::Object,
        JsonType::Array,
        JsonType::Number,
        JsonType::Integer,
        JsonType::String,
    ];

    /// The type `type` calls `name`.
    pub fn named(name: &str) -> Option<JsonType> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::String => "string",
        }
    }

    /// The type `type` names `value` by, a number always as `number`.
    #[inline]
    fn of(value: &Value) -> JsonType {
        match value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Object(_) => JsonType::Object,
            Value::Array(_) => JsonType::Array,
            Value::String(_) => JsonType::String,
            Value::Number(_) => JsonType::Number,
        }
    }

    /// Whether `value` is of this type, with JSON Schema's reading of `integer`.
    pub fn matches(self, value: &Value) -> bool {
        match self {
            JsonType::Null => value.is_null(),
            JsonType::Boolean => value.is_boolean(),
            JsonType::Object => value.is_object(),
            JsonType::Array => value.is_array(),
            JsonType::Number => value.is_number(),
            JsonType::Integer => is_integer(value),
            JsonType::String => value.is_string(),
        }
    }
}

impl Format {
    const ALL: [Format; 5] = [Format::DateTime, Format::Date, Format::Time, Format::Duration, Format::Uuid];

    /// The format `format` calls `name`.
    pub fn named(name: &str) -> Option<Format> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The `format` keyword value, e.g. `date-time`.
    pub fn name(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Time => "time",
            Format::Duration => "duration",
            Format::Uuid => "uuid",
        }
    }

    pub fn accepts(self, text: &str) -> bool {
        match self {
            Format::DateTime => is_date_time(text),
            Format::Date => is_date(text),
            Format::Time => is_time(text),
            Format::Duration => is_duration(text),
            Format::Uuid => is_uuid(text),
        }
    }
}

impl Num {
    /// The number as its JSON representation holds it.
    pub fn of(number: &Number) -> Option<Num> {
        if let Some(u) = number.as_u64() {
            Some(Num::U(u))
        } else if let Some(i) = number.as_i64() {
            Some(Num::I(i))
        } else {
            number.as_f64().map(Num::F)
        }
    }

    /// Exact comparison; `None` only for NaN, which JSON cannot hold.
    pub fn compare(self, other: Num) -> Option<Ordering> {
        match (self.as_int(), other.as_int(), self, other) {
            (Some(a), Some(b), _, _) => Some(a.cmp(&b)),
            (Some(a), None, _, Num::F(b)) => compare_int_float(a, b),
            (None, Some(b), Num::F(a), _) => compare_int_float(b, a).map(Ordering::reverse),
            (_, _, Num::F(a), Num::F(b)) => a.partial_cmp(&b),
            _ => None,
        }
    }

    fn as_int(self) -> Option<i128> {
        match self {
            Num::U(u) => Some(i128::from(u)),
            Num::I(i) => Some(i128::from(i)),
            Num::F(_) => None,
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Num::U(u) => write!(f, "{u}"),
            Num::I(i) => write!(f, "{i}"),
            Num::F(x) => write!(f, "{x}"),
        }
    }
}

/// Compares an integer from a JSON number (so within ±2^64) with a float, exactly.
fn compare_int_float(int: i128, float: f64) -> Option<Ordering> {
    const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;
    if float.is_nan() {
        return None;
    }
    if float >= TWO_POW_64 {
        return Some(Ordering::Less);
    }
    if float < -TWO_POW_64 {
        return Some(Ordering::Greater);
    }
    // Inside ±2^64 the floor of a float is an integer that i128 holds exactly.
    let floor = float.floor();
    let floor_int = floor as i128;
    Some(match int.cmp(&floor_int) {
        Ordering::Equal if float > floor => Ordering::Less,
        other => other,
    })
}

/// `Ok` when nothing was found, else every violation, in the order found.
pub fn finish(violations: Vec<Violation>) -> Result<(), Vec<Violation>> {
    if violations.is_empty() { Ok(()) } else { Err(violations) }
}

/// The pointer to member `token` of the value at `pointer`, escaped as RFC 6901 asks.
pub fn join(pointer: &str, token: &str) -> String {
    let mut joined = String::with_capacity(pointer.len() + token.len() + 1);
    joined.push_str(pointer);
    push_token(&mut joined, token);
    joined
}

/// A short description of a value for messages: `null`, `boolean true`, `number 3`,
/// `string "abc"` (long strings cut to 40 characters), `array`, `object`.
pub fn describe(value: &Value) -> String {
    const MAX_CHARS: usize = 40;
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) if s.chars().count() > MAX_CHARS => {
            let cut: String = s.chars().take(MAX_CHARS).collect();
            format!("string {cut:?}…")
        }
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "array".to_owned(),
        Value::Object(_) => "object".to_owned(),
    }
}

/// JSON Schema's `integer`: any number with no fractional part, `3.0` included.
pub fn is_integer(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.is_u64() || n.is_i64() || n.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => false,
    }
}

/// Whether `value` is a number equal to `number` (`1` equals `1.0`, as in `enum` and `const`).
pub fn number_equals(value: &Value, number: Num) -> bool {
    match value {
        Value::Number(n) => Num::of(n).and_then(|v| v.compare(number)) == Some(Ordering::Equal),
        _ => false,
    }
}

/// `type`: the value must be one of `allowed`.
pub fn check_type(value: &Value, allowed: &[JsonType], pointer: &str, source: &'static str, out: &mut Vec<Violation>) {
    if !allowed.iter().any(|t| t.matches(value)) {
        let expected: Vec<&str> = allowed.iter().map(|t| t.name()).collect();
        out.push(Violation::new(pointer, Rule::Type, expected.join(" or "), describe(value), source));
    }
}

/// `format`: a string must match the format; other values pass.
pub fn check_format(value: &Value, format: Format, pointer: &str, source: &'static str, out: &mut Vec<Violation>) {
    if value.as_str().is_some_and(|text| !format.accepts(text)) {
        out.push(Violation::new(pointer, Rule::Format, format.name(), describe(value), source));
    }
}

/// `minimum`, `maximum`, `exclusiveMinimum` and `exclusiveMaximum`: a number must lie within the
/// limit; other values pass. `rule` must be one of those four.
pub fn check_limit(
    value: &Value,
    rule: Rule,
    limit: Num,
    pointer: &str,
    source: &'static str,
    out: &mut Vec<Violation>,
) {
    if let Some(expected) = limit_broken(value, rule, limit) {
        out.push(Violation::new(pointer, rule, format!("{expected} {limit}"), describe(value), source));
    }
}

/// When `value` is a number outside `limit`, how a violation words the limit (`at least`, …);
/// `None` when it is within, or not a number. `rule` must be one of the four limit rules.
fn limit_broken(value: &Value, rule: Rule, limit: Num) -> Option<&'static str> {
    let Value::Number(number) = value else { return None };
    let ordering = Num::of(number).and_then(|n| n.compare(limit))?;
    let (broken, expected) = match rule {
        Rule::Minimum => (ordering == Ordering::Less, "at least"),
        Rule::Maximum => (ordering == Ordering::Greater, "at most"),
        Rule::ExclusiveMinimum => (ordering != Ordering::Greater, "more than"),
        Rule::ExclusiveMaximum => (ordering != Ordering::Less, "less than"),
        _ => (false, ""),
    };
    broken.then_some(expected)
}

/// `enum`: `matched` says whether the value is one of the members; `expected` lists them.
pub fn check_enum(
    value: &Value,
    matched: bool,
    expected: &'static str,
    pointer: &str,
    source: &'static str,
    out: &mut Vec<Violation>,
) {
    if !matched {
        out.push(Violation::new(pointer, Rule::Enum, expected, describe(value), source));
    }
}

/// `required`: an object must have member `name`; other values pass. The violation points at
/// the missing member.
pub fn check_required(value: &Value, name: &str, pointer: &str, source: &'static str, out: &mut Vec<Violation>) {
    if value.as_object().is_some_and(|object| !object.contains_key(name)) {
        out.push(Violation::new(
            &join(pointer, name),
            Rule::Required,
            format!("property {name:?}"),
            "nothing".to_owned(),
            source,
        ));
    }
}

/// Member `name` of `value`, when `value` is an object that has it.
pub fn member<'v>(value: &'v Value, name: &str) -> Option<&'v Value> {
    value.as_object().and_then(|object| object.get(name))
}

/// RFC 3339 `full-date`, `YYYY-MM-DD`, with the day checked against the month and leap years.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(century), Some(year), Some(month), Some(day)) =
        (two_digits(bytes, 0), two_digits(bytes, 2), two_digits(bytes, 5), two_digits(bytes, 8))
    else {
        return false;
    };
    let year = century * 100 + year;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

/// RFC 3339 `full-time`: `HH:MM:SS[.fraction]` then `Z` or `±HH:MM`. A leap second (`:60`) is
/// allowed only when the time is 23:59 in UTC.
pub fn is_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let len = bytes.len();
    if len < 9 || bytes[2] != b':' || bytes[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (two_digits(bytes, 0), two_digits(bytes, 3), two_digits(bytes, 6))
    else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 8;
    if bytes[i] == b'.' {
        i += 1;
        let start = i;
        while i < len && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    if i == len {
        return false;
    }
    let sign: i64 = match bytes[i] {
        b'Z' | b'z' => return i == len - 1 && (second != 60 || (hour == 23 && minute == 59)),
        b'+' => -1,
        b'-' => 1,
        _ => return false,
    };
    // `±HH:MM`, exactly six bytes with the sign.
    if len - i != 6 || bytes[i + 3] != b':' {
        return false;
    }
    let (Some(offset_hour), Some(offset_minute)) = (two_digits(bytes, i + 1), two_digits(bytes, i + 4)) else {
        return false;
    };
    if offset_hour > 23 || offset_minute > 59 {
        return false;
    }
    if second != 60 {
        return true;
    }
    // A leap second must fall on 23:59 UTC; local time minus the offset gives UTC.
    let utc_minutes = (hour * 60 + minute) + sign * (offset_hour * 60 + offset_minute);
    utc_minutes.rem_euclid(24 * 60) == 23 * 60 + 59
}

/// RFC 3339 `date-time`: a date, `T` (or `t`), a time.
pub fn is_date_time(text: &str) -> bool {
    // A valid date is ten bytes without a `T`, so the separator is the first one exactly when it
    // is the eleventh byte; any other place fails the date either way.
    if let Some(b'T' | b't') = text.as_bytes().get(10) {
        return is_date(&text[..10]) && is_time(&text[11..]);
    }
    match text.bytes().position(|b| b == b'T' || b == b't') {
        Some(t) => is_date(&text[..t]) && is_time(&text[t + 1..]),
        None => false,
    }
}

/// ISO 8601 duration as RFC 3339 Appendix A restricts it: `P`, then date units in the order
/// Y, M, D (or weeks `W` alone), then optionally `T` and time units in the order H, M, S.
/// Each unit has integer digits; skipping a unit between two others (`P1Y2D`, `PT1H2S`) is
/// not allowed.
pub fn is_duration(text: &str) -> bool {
    let bytes = text.as_bytes();
    let len = bytes.len();
    if len < 2 || bytes[0] != b'P' {
        return false;
    }
    const DATE_UNITS: &[u8] = b"YMWD";
    const TIME_UNITS: &[u8] = b"HMS";
    let mut i = 1;
    let mut has_component = false;
    let mut in_time = false;
    let mut has_time_component = false;
    let mut has_weeks = false;
    let mut last_date_unit = 0;
    let mut last_time_unit = 0;
    // Bits 0..4 are the date units Y M W D; bits 4..7 the time units H M S.
    let mut seen = 0u8;
    while i < len {
        if bytes[i] == b'T' {
            if in_time || has_weeks {
                return false;
            }
            in_time = true;
            i += 1;
            continue;
        }
        let start = i;
        while i < len && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i == len {
            return false;
        }
        let unit = bytes[i];
        if in_time {
            let Some(index) = TIME_UNITS.iter().position(|&u| u == unit) else { return false };
            if index < last_time_unit || seen & (1 << (index + 4)) != 0 {
                return false;
            }
            seen |= 1 << (index + 4);
            last_time_unit = index;
            has_time_component = true;
        } else {
            let Some(index) = DATE_UNITS.iter().position(|&u| u == unit) else { return false };
            if unit == b'W' {
                if has_component {
                    return false;
                }
                has_weeks = true;
            } else if has_weeks {
                return false;
            }
            if index < last_date_unit || seen & (1 << index) != 0 {
                return false;
            }
            seen |= 1 << index;
            last_date_unit = index;
        }
        has_component = true;
        i += 1;
    }
    if !has_component || (in_time && !has_time_component) {
        return false;
    }
    let has = |bit: u8| seen & (1 << bit) != 0;
    // Y then D needs the M between them; H then S needs the M between them.
    let skips_month = has(0) && has(3) && !has(1);
    let skips_minute = has(4) && has(6) && !has(5);
    !skips_month && !skips_minute
}

/// RFC 4122 hyphenated form: 8-4-4-4-12 hex digits, either case.
pub fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// The value of the two ASCII digits at `at` (which the caller has checked are there); `None`
/// if either is not a digit.
fn two_digits(bytes: &[u8], at: usize) -> Option<i64> {
    let (tens, ones) = (bytes[at].wrapping_sub(b'0'), bytes[at + 1].wrapping_sub(b'0'));
    (tens < 10 && ones < 10).then(|| i64::from(tens * 10 + ones))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        assert_eq!(join("", "a/b~c"), "/a~1b~0c");
    }

    #[test]
    fn display_names_pointer_rule_and_source() {
        let mut out = Vec::new();
        check_type(&json!(3), &[JsonType::String], "/tenantId", "beta/api/x.md:48", &mut out);
        assert_eq!(out[0].to_string(), "/tenantId: type: expected string, found number 3 (rule from beta/api/x.md:48)");
        check_type(&json!({}), &[JsonType::String, JsonType::Null], "", "", &mut out);
        assert_eq!(out[1].to_string(), "(root): type: expected string or null, found object");
    }

    #[test]
    fn numbers_compare_exactly() {
        assert_eq!(Num::U(u64::MAX).compare(Num::F(18_446_744_073_709_551_615.0)), Some(Ordering::Less));
        assert_eq!(Num::I(-1).compare(Num::F(-0.5)), Some(Ordering::Less));
        assert_eq!(Num::I(3).compare(Num::F(3.0)), Some(Ordering::Equal));
        assert_eq!(Num::F(2.5).compare(Num::U(2)), Some(Ordering::Greater));
        assert!(is_integer(&json!(3.0)) && !is_integer(&json!(3.5)));
    }

    /// A program for the tests, leaked as the generated crates keep theirs in a `static`.
    fn program(text: &str) -> &'static Program {
        Box::leak(Box::new(Program::decode(text).expect("decodes")))
    }

    #[test]
    fn tables_check_nested_references_and_report_every_fault() {
        let root = program(
            r#"
["x.md:1",["type","object"],["required","id","x.md:2"],["properties","id",1,"parent",2,"tags",3,"a/b",1]]
["x.md:2",["type","string"]]
["x.md:3",["nullable",4]]
["x.md:4",["items",5]]
["",["ref",0]]
["",["enum","a",1]]
"#,
        );
        assert_eq!(root.len(), 6);
        let good = json!({"id": "r", "parent": null, "tags": ["a", 1.0], "other": 3});
        assert!(root.is_valid(0, &good));
        assert_eq!(root.validate(0, &good), Ok(()));
        let bad = json!({"parent": {"id": 3, "parent": []}, "tags": ["b"], "a/b": 4});
        assert!(!root.is_valid(0, &bad));
        let faults = root.validate(0, &bad).expect_err("faulty");
        let faults: Vec<String> = faults.iter().map(ToString::to_string).collect();
        assert_eq!(
            faults,
            [
                "/id: required: expected property \"id\", found nothing (rule from x.md:2)",
                "/parent/id: type: expected string, found number 3 (rule from x.md:2)",
                "/parent/parent: type: expected object, found array (rule from x.md:1)",
                "/tags/0: enum: expected one of \"a\", 1, found string \"b\" (rule from x.md:4)",
                "/a~1b: type: expected string, found number 4 (rule from x.md:2)",
            ]
        );
    }

    #[test]
    fn the_quick_verdict_walks_the_smaller_side_and_agrees() {
        // Three named properties: small payloads walk their members, large ones the properties.
        let p = program(
            r#"["",["properties","a",1,"b",1,"c",2]]
["",["type","integer"],["minimum",0],["exclusiveMaximum",10]]
["",["anyOf",3,4],["format","uuid"]]
["",["type","string"]]
["",["false"]]"#,
        );
        let padded = |member: (&str, Value)| {
            let mut object: serde_json::Map<String, Value> =
                (0..3 * Quick::PAYLOAD_WALK_RATIO).map(|i| (format!("x{i}"), json!(i))).collect();
            object.insert(member.0.to_owned(), member.1);
            Value::Object(object)
        };
        let cases = [
            json!({"a": 1}),
            json!({"a": -1}),
            json!({"b": 10}),
            padded(("a", json!(9.0))),
            padded(("c", json!("123e4567-e89b-12d3-a456-426614174000"))),
            padded(("c", json!("nope"))),
            padded(("b", json!(10))),
            json!({"c": 3}),
            json!([1, 2]),
        ];
        let verdicts: Vec<bool> = cases.iter().map(|case| p.is_valid(0, case)).collect();
        assert_eq!(verdicts, [true, false, false, true, true, false, false, false, true]);
        for case in &cases {
            assert_eq!(p.is_valid(0, case), p.validate(0, case).is_ok(), "{case}");
        }
    }

    /// The quick layout inlines `nullable`, `$ref` and `allOf` chains, holds small checks in the
    /// property table, and merges a property both a base and a derived type name; every
    /// verdict must still be the report's.
    #[test]
    fn the_quick_layout_keeps_every_verdict() {
        let p = program(
            r#"["",["nullable",1]]
["",["ref",2]]
["",["allOf",3,4]]
["",["type","object"],["properties","n",5,"tags",6,"size",8,"self",0]]
["",["type","object"],["required","size",""],["properties","n",7,"size",9]]
["",["nullable",10]]
["",["type","array"],["items",11]]
["",["type","string","null"],["enum","a","b",null]]
["",["type","integer"],["minimum",0],["maximum",9]]
["",["exclusiveMinimum",2]]
["",["type","string"],["format","date"]]
["",["nullable",10]]
["",["type","array"],["items",12]]"#,
        );
        let cases = [
            json!(null),
            json!({"size": 3}),
            json!({"size": 2}),
            json!({"size": 10}),
            // `n` must be a date (base) and one of the enum's members (derived).
            json!({"n": "2024-01-31", "size": 3}),
            json!({"n": null, "size": 3}),
            json!({"n": "a", "size": 3}),
            json!({"tags": ["2024-01-31", null], "size": 5}),
            json!({"tags": ["2024-13-31"], "size": 5}),
            json!({"self": null, "size": 5}),
            json!({"self": {"size": 5, "self": {"size": 1}}, "size": 5}),
            json!({"n": 3}),
            json!("x"),
        ];
        let verdicts: Vec<bool> = cases.iter().map(|case| p.is_valid(0, case)).collect();
        assert_eq!(verdicts, [true, true, false, false, false, true, false, true, false, true, false, false, false]);
        for case in &cases {
            assert_eq!(p.is_valid(0, case), p.validate(0, case).is_ok(), "{case}");
        }
        // Arrays of arrays of themselves, and references deeper than the inlining bound.
        let nested = program(r#"["",["type","array"],["items",0]]"#);
        assert!(nested.is_valid(0, &json!([[[]], []])) && !nested.is_valid(0, &json!([[1]])));
        let chain: Vec<String> = (0..100).map(|i| format!(r#"["",["ref",{}]]"#, i + 1)).collect();
        let chain = program(&format!("{}\n[\"\",[\"type\",\"string\"]]", chain.join("\n")));
        assert!(chain.is_valid(0, &json!("x")) && !chain.is_valid(0, &json!(1)));
        assert_eq!(chain.validate(0, &json!(1)).map_err(|v| v.len()), Err(1));
        // An array of nullable objects: its op holds the objects' node and that `null` passes.
        let objects = program(
            r#"["",["type","array"],["items",1]]
["",["nullable",2]]
["",["type","object"],["properties","a",3]]
["",["type","integer"]]"#,
        );
        let cases = [json!([{"a": 1}, null, {}]), json!([{"a": 1}, {"a": "x"}]), json!([1]), json!([])];
        let verdicts: Vec<bool> = cases.iter().map(|case| objects.is_valid(0, case)).collect();
        assert_eq!(verdicts, [true, false, false, true]);
        for case in &cases {
            assert_eq!(objects.is_valid(0, case), objects.validate(0, case).is_ok(), "{case}");
        }
        // Array properties are checked from their entry: of enum members, of arrays, of objects.
        let arrays = program(
            r#"["",["type","object"],["properties","tags",1,"rows",3,"kids",6]]
["",["type","array","null"],["items",2]]
["",["type","string"],["enum","a","b"]]
["",["type","array"],["items",4]]
["",["type","array"],["items",5]]
["",["type","integer"],["minimum",0]]
["",["type","array"],["items",0]]"#,
        );
        let quick = Quick::of(&arrays.nodes, 0);
        for name in ["tags", "rows", "kids"] {
            let form = quick.property(name).map(|child| format!("{child:?}")).unwrap_or_default();
            assert!(form.starts_with("Leaf"), "{name}: {form}");
        }
        let cases = [
            (json!({"tags": ["a", "b"], "rows": [[0, 1], []], "kids": [{"tags": null}]}), true),
            (json!({"tags": ["c"]}), false),
            (json!({"tags": "a"}), false),
            (json!({"rows": [[0, -1]]}), false),
            (json!({"rows": [0]}), false),
            (json!({"kids": [{"rows": [["x"]]}]}), false),
            (json!({"kids": [null]}), false),
        ];
        for (case, valid) in &cases {
            assert_eq!(arrays.is_valid(0, case), *valid, "{case}");
            assert_eq!(arrays.validate(0, case).is_ok(), *valid, "{case}");
        }
    }

    /// A member two types name is one leaf when the two checks fit one (types and enums
    /// intersected, one format), and still both nodes when they do not; the verdicts are the
    /// report's either way.
    #[test]
    fn a_property_named_twice_is_one_leaf_when_it_can_be() {
        let p = program(
            r#"["",["allOf",1,2]]
["",["type","object"],["properties","id",3,"kind",5,"n",7,"when",9,"at",11]]
["",["type","object"],["properties","id",4,"kind",6,"n",8,"when",10,"at",12]]
["",["type","string"]]
["",["type","string"]]
["",["type","string"],["enum","a","b","c"]]
["",["type","string"],["enum","a","x"]]
["",["type","number"]]
["",["type","integer","string"]]
["",["type","string"],["format","date"]]
["",["type","string"],["format","date-time"]]
["",["nullable",13]]
["",["type","string"]]
["",["type","string"],["format","uuid"]]"#,
        );
        let quick = Quick::of(&p.nodes, 0);
        let form = |name: &str| quick.property(name).map(|child| format!("{child:?}"));
        for (name, merged) in [("id", true), ("kind", true), ("n", true), ("when", false), ("at", false)] {
            let form = form(name).unwrap_or_default();
            assert_eq!(form.starts_with("Leaf"), merged, "{name}: {form}");
        }
        let cases = [
            (json!({"id": "x"}), true),
            (json!({"id": 1}), false),
            (json!({"kind": "a"}), true),
            (json!({"kind": "b"}), false),
            (json!({"kind": "x"}), false),
            (json!({"n": 3}), true),
            (json!({"n": 3.5}), false),
            (json!({"n": "3"}), false),
            (json!({"when": "2024-01-31"}), false),
            (json!({"at": null}), false),
            (json!({"at": "x"}), false),
            (json!({"at": "123e4567-e89b-12d3-a456-426614174000"}), true),
        ];
        for (case, valid) in &cases {
            assert_eq!(p.is_valid(0, case), *valid, "{case}");
            assert_eq!(p.validate(0, case).is_ok(), *valid, "{case}");
        }
    }

    /// The lengths whose members' strings the first loop asks for are those of properties
    /// with a format, an enum or flags (alone or beside another check), inherited ones too,
    /// and no others: a plain string, a number's limits, a nested object or an array of enum
    /// strings (whose strings are read from the array, not the member) leave their bits clear.
    #[test]
    fn text_lengths_mark_the_properties_whose_strings_are_read() {
        let p = program(
            r#"["",["allOf",1]]
["",["type","object"],["properties","at",2,"kind",3,"flagged",4,"enumAndLimit",5,"title",6,"amount",7,"managerX",8,"tagsListAB",9,"sixteen_letters_",3]]
["",["type","string"],["format","date"]]
["",["type","string"],["enum","a","b"]]
["",["type","string"],["flags","x","y"]]
["",["type","string"],["enum","a","b"],["minimum",1]]
["",["type","string"]]
["",["type","integer"],["minimum",0],["maximum",10]]
["",["type","object"],["properties","title",6]]
["",["type","array"],["items",3]]"#,
        );
        let quick = Quick::of(&p.nodes, 0);
        assert!(format!("{:?}", quick.property("enumAndLimit")).contains("Both"));
        let lengths: Vec<u32> = (0..32).filter(|len| quick.text_lengths & (1 << len) != 0).collect();
        assert_eq!(lengths, [2, 4, 7, 12, 16]);
        assert!(quick.reads_text("kind") && !quick.reads_text("title"));
        assert!(quick.reads_text(&"x".repeat(34)) && !quick.reads_text(&"x".repeat(35)), "lengths modulo 32");
    }

    /// A derived type naming a property again with its base's check (an `Int32`'s range, a list
    /// of strings, the same type through another `$ref`) is checked once, not twice.
    #[test]
    fn a_property_named_alike_twice_is_checked_once() {
        let p = program(
            r#"["",["allOf",1,2]]
["",["type","object"],["properties","count",3,"range",5,"tags",7,"owner",11,"maybe",12,"size",15]]
["",["type","object"],["properties","count",4,"range",6,"tags",8,"owner",10,"maybe",13,"size",16]]
["",["type","integer"],["minimum",-2147483648],["maximum",2147483647]]
["",["type","integer"],["minimum",-2147483648],["maximum",2147483647]]
["",["type","integer"],["minimum",0],["maximum",10]]
["",["type","integer"],["minimum",5],["maximum",20]]
["",["type","array"],["items",9]]
["",["type","array"],["items",9]]
["",["type","string"]]
["",["ref",14]]
["",["nullable",14]]
["",["nullable",14]]
["",["nullable",14]]
["",["type","object"],["properties","name",9]]
["",["type","integer"],["minimum",0],["maximum",9007199254740993]]
["",["type","integer"],["minimum",0],["maximum",9007199254740993]]"#,
        );
        let quick = Quick::of(&p.nodes, 0);
        let form = |name: &str| quick.property(name).map(|child| format!("{child:?}")).unwrap_or_default();
        for name in ["count", "range", "tags", "size"] {
            assert!(form(name).starts_with("Leaf"), "{name}: {}", form(name));
        }
        assert!(form("range").contains("Range32(5, 10)"), "{}", form("range"));
        assert_eq!(form("owner"), "Node { null_passes: false, node: 14 }");
        assert_eq!(form("maybe"), "Node { null_passes: true, node: 14 }");
        let cases = [
            (json!({"count": 3, "tags": ["a"], "size": 9007199254740993_u64}), true),
            (json!({"count": 2147483648_u64}), false),
            (json!({"size": 9007199254740994_u64}), false),
            (json!({"tags": [1]}), false),
            (json!({"range": 4}), false),
            (json!({"range": 5}), true),
            (json!({"range": 10.0}), true),
            (json!({"range": 11}), false),
            (json!({"owner": {"name": "x"}}), true),
            (json!({"owner": {"name": 1}}), false),
            // One of the two lets `null` through and the other does not: both must pass.
            (json!({"owner": null}), false),
            (json!({"maybe": null}), true),
            (json!({"maybe": {"name": 1}}), false),
        ];
        for (case, valid) in &cases {
            assert_eq!(p.is_valid(0, case), *valid, "{case}");
            assert_eq!(p.validate(0, case).is_ok(), *valid, "{case}");
        }
    }

    /// Names of every length up to 40 that differ in one byte only (first, middle or last), so
    /// that the inline words and the long-name comparison are each what tells two apart.
    #[test]
    fn property_table_finds_exactly_its_names() {
        let mut names = Vec::new();
        for len in 0..40usize {
            // Byte 17 of a name 26 to 32 bytes long is in the third word (bytes 16-23) alone.
            for at in [0, len / 2, 17, len.saturating_sub(1)] {
                let mut name = vec![b'a'; len];
                if let Some(b) = name.get_mut(at) {
                    *b = b'b';
                }
                names.push(String::from_utf8(name).expect("ascii"));
            }
        }
        names.sort();
        names.dedup();
        let (present, absent): (Vec<_>, Vec<_>) = names.iter().enumerate().partition(|(i, _)| i % 2 == 0);
        let (table, homing) = Properties::new(
            present
                .iter()
                .map(|(i, name)| (name.as_str(), Child::Node { null_passes: false, node: *i as u32 }))
                .collect(),
        );
        // Two or three names of each length: short runs.
        assert_eq!(homing, Homing::Length);
        for (i, name) in &present {
            assert!(
                matches!(table.get(homing, name), Some(Child::Node { node, .. }) if *node as usize == *i),
                "{name:?}"
            );
        }
        for (_, name) in &absent {
            assert!(table.get(homing, name).is_none(), "{name:?}");
        }
        let mut listed: Vec<&str> = table.iter().map(|(name, _)| name).collect();
        listed.sort_unstable();
        assert_eq!(listed, present.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>());
    }

    /// A table of `names`, each leading to the node numbered by its place in the list.
    fn numbered_table(names: &[String]) -> (Properties, Homing) {
        Properties::new(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_str(), Child::Node { null_passes: false, node: i as u32 }))
                .collect(),
        )
    }

    /// The more names share a length, the longer their run under [`Homing::Length`]; past a mean
    /// of eight entries' displacement the table is homed by the names' bytes. Either way it finds
    /// exactly its names, including absent names of a crowded length.
    #[test]
    fn crowded_lengths_switch_the_table_to_name_homing() {
        let mut homings = Vec::new();
        for crowd in [1usize, 4, 12, 40, 200] {
            let mut names: Vec<String> = (0..crowd).map(|i| format!("same{i:04}")).collect();
            names.extend((1..=12).map(|len| "x".repeat(len)));
            let (table, homing) = numbered_table(&names);
            for (i, name) in names.iter().enumerate() {
                let found = table.get(homing, name);
                assert!(matches!(found, Some(Child::Node { node, .. }) if *node as usize == i), "{crowd}: {name}");
            }
            for absent in ["same9999", "samf0000", "y", "xxxxxxxxxxxxx", ""] {
                assert!(table.get(homing, absent).is_none(), "{crowd}: {absent}");
            }
            homings.push(homing);
        }
        assert_eq!(homings.first(), Some(&Homing::Length));
        assert_eq!(homings.last(), Some(&Homing::Name));
    }

    /// A large table (more names than 16 bits count) finds every name and no other.
    #[test]
    fn wide_property_tables_find_their_names() {
        let names: Vec<String> = (0..0x1_0000 + 5).map(|i| format!("p{i:06}")).collect();
        let mut sorted = names.clone();
        sorted.sort();
        let (table, homing) = numbered_table(&sorted);
        // Every name is seven bytes long: one run, so the names' bytes place them.
        assert_eq!(homing, Homing::Name);
        for (i, name) in sorted.iter().enumerate().step_by(997) {
            assert!(matches!(table.get(homing, name), Some(Child::Node { node, .. }) if *node as usize == i), "{name}");
        }
        assert!(table.get(homing, "p9").is_none() && table.get(homing, "q000001").is_none());
    }

    /// Small sets are scanned and large ones (or ones with a member too long for the packed
    /// length byte) hashed; both must answer the same.
    #[test]
    fn enum_members_packed_or_hashed_agree() {
        let long = "x".repeat(256);
        let words = ["", "a", "ab", "ba", "abc", &long[..255], &long[..], "#microsoft.graph.user", "z"];
        for count in 0..=words.len() {
            let members = Members::new(words[..count].iter().map(|w| Literal::Str((*w).into())).collect());
            let packed = matches!(members.strings, Strings::Packed(_) | Strings::Inline { .. });
            assert_eq!(packed, count <= Members::MAX_PACKED && !words[..count].contains(&&long[..]), "{count}");
            for (i, word) in words.iter().enumerate() {
                assert_eq!(members.contains(&json!(word)), i < count, "{count} members, {word:?}");
            }
            assert!(!members.contains(&json!("abcd")) && !members.contains(&json!(null)));
        }
        // Intersections across every pair of layouts (in place, packed, hashed): a prefix of the
        // words with a suffix of them holds exactly the words both hold.
        let set = |words: &[&str]| Members::new(words.iter().map(|w| Literal::Str((*w).into())).collect());
        for prefix in 0..=words.len() {
            for suffix in 0..=words.len() {
                let (first, second) = (set(&words[..prefix]), set(&words[words.len() - suffix..]));
                let both = first.intersection(&second).expect("strings only");
                for (i, word) in words.iter().enumerate() {
                    let expected = i < prefix && i >= words.len() - suffix;
                    assert_eq!(both.contains_str(word), expected, "{prefix} and {suffix}: {word:?}");
                }
            }
        }
        let with_null = Members::new(vec![Literal::Str("a".into()), Literal::Null]);
        assert!(with_null.intersection(&set(&["a"])).is_none());
    }

    /// An `Int32` property's two limits run as one op, exactly at both ends and for every kind
    /// of number; other pairs run both.
    #[test]
    fn paired_limits_agree_with_the_report() {
        let p = program(
            r#"["",["properties","i",1,"j",2]]
["",["type","number"],["minimum",-2147483648],["maximum",2147483647]]
["",["maximum",5],["exclusiveMinimum",-1.5]]"#,
        );
        let cases = [
            (json!({"i": 2147483647}), true),
            (json!({"i": 2147483647.0}), true),
            (json!({"i": 2147483647.5}), false),
            (json!({"i": 2147483648u64}), false),
            (json!({"i": -2147483648}), true),
            (json!({"i": -2147483648.5}), false),
            (json!({"i": 18446744073709551615u64}), false),
            (json!({"i": -1e300}), false),
            (json!({"i": "x"}), false),
            (json!({"j": -1.5}), false),
            (json!({"j": -1}), true),
            (json!({"j": 5.0}), true),
            (json!({"j": 6}), false),
        ];
        for (case, expected) in &cases {
            assert_eq!(p.is_valid(0, case), *expected, "{case}");
            assert_eq!(p.validate(0, case).is_ok(), *expected, "{case}");
        }
    }

    #[test]
    fn type_sets_agree_with_each_type() {
        let values =
            [json!(null), json!(true), json!({}), json!([]), json!(3), json!(3.0), json!(3.5), json!(-1), json!("x")];
        // Every subset of the seven types.
        for mask in 0u8..128 {
            let listed: Vec<JsonType> = JsonType::ALL.into_iter().filter(|t| mask & (1 << *t as u8) != 0).collect();
            let set = Types::new(listed.clone());
            for value in &values {
                assert_eq!(set.allows(value), listed.iter().any(|t| t.matches(value)), "{listed:?} on {value}");
            }
        }
    }

    #[test]
    fn bad_tables_say_which_line() {
        let error = |text: &str| Program::decode(text).expect_err("rejected").to_string();
        assert_eq!(
            error("\n[\"\"]\n[\"\",[\"items\",7]]\n"),
            "validator tables, line 3: node 7 does not exist (2 nodes)"
        );
        assert!(error("[\"\",[\"type\",\"text\"]]").contains("line 1: unknown type \"text\""));
        assert!(error("[\"\",[\"required\",\"a\"]]").contains("`required` takes pairs"));
        assert!(error("{}").contains("expected a JSON array"));
        assert!(error("[\"\",[\"frobnicate\"]]").contains("unknown check `frobnicate`"));
    }

    #[test]
    fn formats() {
        assert!(is_date_time("2024-02-29T23:59:60Z") && !is_date_time("2023-02-29T00:00:00Z"));
        assert!(is_time("12:00:00.5+01:00") && !is_time("12:00:00"));
        assert!(is_duration("P1Y2M3DT4H5M6S") && !is_duration("PT") && !is_duration("P1W2D"));
        assert!(is_uuid("123e4567-E89B-12d3-a456-426614174000") && !is_uuid("123e4567"));
    }
}

//! What a cached run keeps for the next one ([`FormatCache`]).

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Items from earlier runs, so that regenerating after a small change (a watcher, `cargo xtask
/// bench`'s incremental run) reads, writes and formats only what changed: whole items (a type's
/// reading and items, a request body's type, `validate.rs`) by the model parts they are made
/// from ([`crate::memo`]), and formatted token items by a hash of their tokens. The emitting
/// threads share it. An entry not used by a run is dropped at the end of the next one, so the
/// cache holds about one run's output.
#[derive(Debug, Default)]
pub struct FormatCache {
    entries: Mutex<Entries>,
    /// What the latest run leaves for patching its output ([`crate::patch_prose`]).
    last_run: Mutex<Option<crate::patch::LastRun>>,
}

#[derive(Debug, Default)]
struct Entries {
    formatted: Aged<Arc<str>>,
    items: Aged<Item>,
}

type Item = Arc<dyn Any + Send + Sync>;

/// Entries under 128-bit keys, with the previous run's kept until the end of this one.
#[derive(Debug)]
struct Aged<V> {
    /// Entries used by the current run.
    current: HashMap<u128, V>,
    /// The previous run's, moved to `current` when used again.
    previous: HashMap<u128, V>,
    hits: usize,
    misses: usize,
}

impl<V> Default for Aged<V> {
    fn default() -> Self {
        Aged { current: HashMap::new(), previous: HashMap::new(), hits: 0, misses: 0 }
    }
}

impl<V: Clone> Aged<V> {
    fn begin_run(&mut self) {
        self.previous = std::mem::take(&mut self.current);
        (self.hits, self.misses) = (0, 0);
    }

    fn get(&mut self, key: u128) -> Option<V> {
        let found = self.current.get(&key).cloned().or_else(|| self.keep(key));
        match found {
            Some(_) => self.hits += 1,
            None => self.misses += 1,
        }
        found
    }

    /// Moves the previous run's entry under `key`, if any, into this run's.
    fn keep(&mut self, key: u128) -> Option<V> {
        let value = self.previous.remove(&key)?;
        self.current.insert(key, value.clone());
        Some(value)
    }
}

impl FormatCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// (hits, misses) of formatted token items since the run began.
    pub fn stats(&self) -> (usize, usize) {
        let entries = self.lock();
        (entries.formatted.hits, entries.formatted.misses)
    }

    /// (hits, misses) of whole items (a type's reading or items, a request body's type,
    /// `validate.rs`) since the run began.
    pub fn item_stats(&self) -> (usize, usize) {
        let entries = self.lock();
        (entries.items.hits, entries.items.misses)
    }

    /// Starts a run: what the last run did not use is dropped.
    pub(crate) fn begin_run(&self) {
        let mut entries = self.lock();
        entries.formatted.begin_run();
        entries.items.begin_run();
    }

    pub(crate) fn formatted(&self, key: u128) -> Option<Arc<str>> {
        self.lock().formatted.get(key)
    }

    pub(crate) fn put_formatted(&self, key: u128, text: &str) {
        self.lock().formatted.current.insert(key, Arc::from(text));
    }

    pub(crate) fn item(&self, key: u128) -> Option<Item> {
        self.lock().items.get(key)
    }

    /// Keeps the item under `key`, if any, for the next run without using it now.
    pub(crate) fn keep_item(&self, key: u128) {
        self.lock().items.keep(key);
    }

    pub(crate) fn put_item(&self, key: u128, item: Item) {
        self.lock().items.current.insert(key, item);
    }

    /// Drops the item under `key`: one a patch replaced, which no run will ask for again.
    pub(crate) fn forget_item(&self, key: u128) {
        let mut entries = self.lock();
        entries.items.current.remove(&key);
        entries.items.previous.remove(&key);
    }

    pub(crate) fn take_last_run(&self) -> Option<crate::patch::LastRun> {
        self.last_run.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
    }

    pub(crate) fn put_last_run(&self, last: crate::patch::LastRun) {
        *self.last_run.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(last);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic while holding the lock leaves plain maps behind: still usable.
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

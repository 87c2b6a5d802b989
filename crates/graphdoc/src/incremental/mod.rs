//! Repeated regens in one process (a watcher, an editor, `cargo xtask bench`). Each version's
//! outputs are kept with the key of everything they were made from, so a version none of whose
//! pages changed is not run again. A changed one re-parses only its changed pages
//! ([`PageCache`], which shares the unchanged ones with the run). When those pages changed in
//! prose only, the previous model and outputs are patched where that prose went ([`patch`]);
//! otherwise the version runs whole. Either way code generation reads and writes only the Rust
//! items the change reached ([`FormatCache`], keyed as `graphdoc_codegen`'s `memo` says).
//!
//! The key is content, never timestamps: graphdoc's version, the generator's source, the
//! settings, and every page's [`page_key`](crate::cache::page_key) (its path and text) in order.
//! Outputs are the same bytes as an uncached run's.

mod patch;
mod prose;
mod read;
mod splice;

use crate::cache::{ContentHash, Hasher, PageCache, generator_key};
use crate::docs::list_version;
use crate::pipeline::{map_files, parse_all, parse_file, run_parsed};
use crate::regen::finish;
use crate::{DocsFile, Error, RegenOutput, RunOptions};
use graphdoc_codegen::{FormatCache, Settings};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Regens that remember: see the module documentation.
#[derive(Debug)]
pub struct Regen {
    options: RunOptions,
    settings: Settings,
    pages: PageCache,
    versions: BTreeMap<String, Memo>,
    patched: usize,
}

#[derive(Debug, Default)]
struct Memo {
    /// The latest run's key and outputs.
    last: Option<(ContentHash, Arc<RegenOutput>)>,
    /// What they were made from, for patching them after a prose edit.
    base: Option<patch::Base>,
    items: FormatCache,
}

impl Regen {
    pub fn new(options: RunOptions, settings: Settings) -> Self {
        Regen { options, settings, pages: PageCache::new(), versions: BTreeMap::new(), patched: 0 }
    }

    /// `<docs_root>/<version>/` through the whole pipeline, or its previous outputs when no page
    /// changed, or those outputs patched when the changed pages changed in prose only. Call
    /// [`Regen::sweep`] after a round over every version. A patch edits the previous outputs in
    /// place: a caller still holding them when it runs makes it copy them first.
    pub fn run(&mut self, docs_root: &Path, version: &str) -> Result<Arc<RegenOutput>, Error> {
        // Reading and hashing the pages is all a regen with nothing changed does: both are
        // spread over the threads.
        let paths = list_version(docs_root, version)?;
        let pages = &self.pages;
        let reads =
            map_files(&paths, self.options.jobs, &mut |_, _| {}, |path| read::read_keyed(docs_root, path, pages));
        let keys: Vec<Option<ContentHash>> = reads.iter().map(|read| read.key).collect();
        // The pages the cache lacks, in order: the only ones whose text was kept.
        let missing: Vec<DocsFile> = reads.into_iter().filter_map(|read| read.file).collect();
        let key = self.version_key(version, &keys, &missing);
        let memo = self.versions.entry(version.to_owned()).or_default();
        if let Some((last, output)) = &memo.last
            && *last == key
        {
            self.pages.touch(&keys);
            return Ok(Arc::clone(output));
        }
        let jobs = self.options.jobs;
        let page_count = keys.len();
        let parsed = self
            .pages
            .parse_keyed(keys.clone(), &missing, |missing| parse_all(missing, jobs, &mut |_, _| {}, parse_file));
        // The previous outputs are patched in place, or dropped for a whole run.
        if let Some(base) = memo.base.as_mut()
            && let Some((_, mut last)) = memo.last.take()
            && patch::apply(base, &mut last, (&paths, &keys, &parsed), &self.settings, &memo.items)
        {
            memo.last = Some((key, Arc::clone(&last)));
            self.patched += 1;
            return Ok(last);
        }
        // Example checks read the whole schema: a run that makes them is never patched.
        let keep_base = !self.options.check_examples;
        let base_parsed = if keep_base { parsed.clone() } else { Vec::new() };
        let mut run = run_parsed(version, page_count, parsed, self.options);
        let model = std::mem::take(&mut run.model);
        let regen = Arc::new(finish(run, self.options, &self.settings, Some(&memo.items)));
        memo.base = keep_base.then(|| {
            let derived = graphdoc_schema::Derived::new(&model);
            patch::Base { paths, keys, parsed: base_parsed, model, derived }
        });
        memo.last = Some((key, Arc::clone(&regen)));
        Ok(regen)
    }

    /// Runs answered by patching the previous outputs after edits that reached prose only.
    pub fn patched_runs(&self) -> usize {
        self.patched
    }

    /// Drops the parsed pages no run has used since the previous sweep.
    pub fn sweep(&mut self) {
        self.pages.sweep();
    }

    /// Pages taken from the page cache and pages parsed, in the latest run that parsed.
    pub fn page_hits_and_misses(&self) -> (usize, usize) {
        (self.pages.hits, self.pages.misses)
    }

    /// The key of everything a version's outputs are made from: `keys` are its pages' keys in
    /// order, and `missing` the pages the cache lacked (which hold every unreadable page).
    fn version_key(&self, version: &str, keys: &[Option<ContentHash>], missing: &[DocsFile]) -> ContentHash {
        let mut h = Hasher::new();
        h.part(&generator_key().0.to_le_bytes()).part(version.as_bytes());
        h.part(format!("{:?}", self.settings).as_bytes());
        h.part(&[u8::from(self.options.check_examples)]);
        let mut unreadable = missing.iter().filter(|file| file.text.is_err());
        for key in keys {
            match (key, key.is_none().then(|| unreadable.next()).flatten()) {
                (Some(key), _) => h.part(&key.0.to_le_bytes()),
                // An unreadable file's diagnostic is part of the output.
                (None, Some(file)) => h.part(file.rel_path.as_bytes()).part(format!("{:?}", file.text).as_bytes()),
                (None, None) => h.part(b"?"),
            };
        }
        h.finish()
    }
}

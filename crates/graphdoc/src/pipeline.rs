//! The pipeline over one version folder, keeping the intermediate pages and model for callers
//! that report on them (the corpus run) besides the schema outputs.

use crate::docs::{list_version_on, read_file};
use crate::{DocsFile, Error, VersionOutput};
use graphdoc_diagnostics::Diagnostic;
use graphdoc_parse::Page;
use graphdoc_resolve::Model;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One version's pipeline run: the parsed pages, the resolved model and the outputs.
#[derive(Debug, Clone)]
pub struct VersionRun {
    /// Shared with the page cache of a cached run, which would otherwise copy every page.
    pub pages: Vec<Arc<Page>>,
    pub model: Model,
    pub output: VersionOutput,
    /// What checking the examples against the schemas found (its diagnostics are in `output`).
    pub examples: graphdoc_schema::ExampleCheck,
}

impl VersionRun {
    /// The outputs alone, for callers done with the pages and the model. Freeing those is a
    /// few per cent of a run, all on one thread when they simply go out of scope; here half of
    /// the pages are freed on a second thread (when there is a second core).
    pub fn into_output(self) -> VersionOutput {
        let VersionRun { mut pages, model, output, examples } = self;
        if thread_count(0) > 1 && pages.len() > 1 {
            let second_half = pages.split_off(pages.len() / 2);
            std::thread::scope(|scope| {
                scope.spawn(move || drop(second_half));
                drop((pages, model, examples));
            });
        } else {
            drop((pages, model, examples));
        }
        output
    }
}

/// Called as pages are parsed with (pages done, pages in all).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// How a run goes. The outputs do not depend on these settings, byte for byte.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Threads parsing pages; 0 means one per available core.
    pub jobs: usize,
    /// Check every example body against its schema (GD0301). Off, examples are still parsed.
    pub check_examples: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { jobs: 0, check_examples: true }
    }
}

/// Runs parse → resolve → schema over `<docs_root>/<version>/` with the default options.
pub fn run_version(docs_root: &Path, version: &str, progress: Progress<'_>) -> Result<VersionRun, Error> {
    run_version_with(docs_root, version, RunOptions::default(), progress)
}

/// Runs parse → resolve → schema over `<docs_root>/<version>/`.
pub fn run_version_with(
    docs_root: &Path,
    version: &str,
    options: RunOptions,
    progress: Progress<'_>,
) -> Result<VersionRun, Error> {
    run_version_inner(docs_root, version, options, None, progress)
}

/// Runs parse → resolve → schema over each of `versions` (folders of `docs_root`) in turn,
/// handing each run to `each` as it is done, so that one version's pages and model are held at
/// a time; an error stops the runs. The runs are those of [`run_version_with`], byte for byte.
///
/// With more than one thread, the next version's pages are listed and read while this one
/// resolves: resolving keeps one core busy for most of its time, and reading a version's pages
/// is otherwise a share of its parsing threads' work.
pub fn run_versions(
    docs_root: &Path,
    versions: &[String],
    options: RunOptions,
    each: &mut dyn FnMut(VersionRun) -> Result<(), Error>,
) -> Result<(), Error> {
    run_versions_reading_ahead(docs_root, versions, options, thread_count(options.jobs) > 1, each)
}

/// [`run_versions`], reading the next version's pages ahead only when `read_ahead` is set.
pub(crate) fn run_versions_reading_ahead(
    docs_root: &Path,
    versions: &[String],
    options: RunOptions,
    read_ahead: bool,
    each: &mut dyn FnMut(VersionRun) -> Result<(), Error>,
) -> Result<(), Error> {
    let join = |thread: std::thread::ScopedJoinHandle<'_, _>| {
        thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    };
    // Scoped, so that a run stopped by an error still waits for the reading it started.
    std::thread::scope(|scope| {
        let mut next_files = None;
        for (i, version) in versions.iter().enumerate() {
            let no_progress: Progress<'_> = &mut |_, _| {};
            let (page_count, parsed) = match next_files.take().map(join) {
                Some(files) => {
                    let files: Vec<DocsFile> = files?;
                    (files.len(), parse_all(&files, options.jobs, no_progress, parse_file))
                }
                None => list_and_parse(docs_root, version, options, no_progress)?,
            };
            if let Some(next) = versions.get(i + 1).filter(|_| read_ahead) {
                next_files = Some(scope.spawn(move || crate::docs::read_version(docs_root, next)));
            }
            each(run_parsed(version, page_count, parsed, options))?;
        }
        Ok(())
    })
}

/// [`run_version_with`], taking unchanged pages' parses from `cache` (and leaving this run's
/// there). The outputs are the same bytes as without the cache.
pub fn run_version_cached(
    docs_root: &Path,
    version: &str,
    options: RunOptions,
    cache: &mut crate::cache::PageCache,
    progress: Progress<'_>,
) -> Result<VersionRun, Error> {
    run_version_inner(docs_root, version, options, Some(cache), progress)
}

fn run_version_inner(
    docs_root: &Path,
    version: &str,
    options: RunOptions,
    cache: Option<&mut crate::cache::PageCache>,
    progress: Progress<'_>,
) -> Result<VersionRun, Error> {
    let (page_count, parsed) = match cache {
        Some(cache) => {
            let paths = list_version_on(docs_root, version, thread_count(options.jobs) > 1)?;
            let files: Vec<DocsFile> = paths.iter().map(|path| read_file(docs_root, path)).collect();
            (files.len(), cache.parse_with(&files, |missing| parse_all(missing, options.jobs, progress, parse_file)))
        }
        None => list_and_parse(docs_root, version, options, progress)?,
    };
    Ok(run_parsed(version, page_count, parsed, options))
}

/// A version's pages listed and parsed: (how many pages, each one's parse). Each page is read
/// by the thread that parses it, and its text dropped once parsed: reading is spread over the
/// threads and the corpus text is never all in memory.
fn list_and_parse(
    docs_root: &Path,
    version: &str,
    options: RunOptions,
    progress: Progress<'_>,
) -> Result<(usize, Vec<Parsed>), Error> {
    let paths = list_version_on(docs_root, version, thread_count(options.jobs) > 1)?;
    let parse = |path: &std::path::PathBuf| parse_file(&read_file(docs_root, path));
    Ok((paths.len(), parse_all(&paths, options.jobs, progress, parse)))
}

/// The stages after parsing, over a version's `page_count` pages parsed.
pub(crate) fn run_parsed(version: &str, page_count: usize, parsed: Vec<Parsed>, options: RunOptions) -> VersionRun {
    let mut diagnostics = Vec::new();
    let mut pages = Vec::with_capacity(page_count);
    for result in parsed {
        match result {
            Ok((page, diags)) => {
                diagnostics.extend(diags);
                pages.push(page);
            }
            Err(diag) => diagnostics.push(diag),
        }
    }
    // With more than one thread, the independent parts of resolving and of the schema stage
    // run side by side; the outputs are the same bytes.
    let parallel = thread_count(options.jobs) > 1;
    let (model, diags) = graphdoc_resolve::resolve_with(version, &pages, parallel);
    diagnostics.extend(diags);
    let (schema, operations) = if parallel {
        std::thread::scope(|scope| {
            let operations = scope.spawn(|| graphdoc_schema::operations(&model));
            let schema = graphdoc_schema::bundle(&model);
            (schema, operations.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    } else {
        (graphdoc_schema::bundle(&model), graphdoc_schema::operations(&model))
    };
    let mut examples = graphdoc_schema::ExampleCheck::default();
    if options.check_examples {
        examples = graphdoc_schema::check_examples(&model, &schema, &operations);
        diagnostics.append(&mut examples.diagnostics);
    }
    graphdoc_diagnostics::sort(&mut diagnostics);
    let output = VersionOutput { version: version.to_string(), schema, operations, diagnostics, pages: page_count };
    VersionRun { pages, model, output, examples }
}

/// The threads a run uses for `jobs` (0: one per available core).
pub(crate) fn thread_count(jobs: usize) -> usize {
    if jobs == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { jobs }
}

pub(crate) type Parsed = Result<(Arc<Page>, Vec<Diagnostic>), Diagnostic>;

/// Most pages a thread claims at a time: enough that claiming and waking cost nothing next to
/// parsing, few enough that the threads still finish together when a batch holds a big page.
const MAX_BATCH: usize = 16;

/// One page parsed, or the diagnostic saying why it could not be read.
pub(crate) fn parse_file(file: &DocsFile) -> Parsed {
    match &file.text {
        Ok(text) => {
            let (page, diagnostics) = graphdoc_parse::parse_page(&file.rel_path, text);
            Ok((Arc::new(page), diagnostics))
        }
        Err(diag) => Err(diag.clone()),
    }
}

/// Parses every file (`parse` turns one into its result), on `jobs` threads. Results come
/// back in file order whatever the thread count, so everything downstream is the same bytes
/// with 1 thread or 16.
pub(crate) fn parse_all<F: Sync>(
    files: &[F],
    jobs: usize,
    progress: Progress<'_>,
    parse: impl Fn(&F) -> Parsed + Sync,
) -> Vec<Parsed> {
    map_files(files, jobs, progress, parse)
}

/// `each` over every file on `jobs` threads, the results in file order; `progress` hears of
/// the files done.
pub(crate) fn map_files<F: Sync, R: Send>(
    files: &[F],
    jobs: usize,
    progress: Progress<'_>,
    each: impl Fn(&F) -> R + Sync,
) -> Vec<R> {
    let jobs = thread_count(jobs).min(files.len().max(1));
    if jobs <= 1 {
        return files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let r = each(f);
                progress(i + 1, files.len());
                r
            })
            .collect();
    }
    // A small folder still gets spread over every thread.
    let batch_len = (files.len() / (jobs * 8)).clamp(1, MAX_BATCH);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    // Claims batches until none is left: (index of the batch's first file, its results).
    let work = |report: &mut dyn FnMut(usize)| {
        let mut batches = Vec::new();
        loop {
            let start = next.fetch_add(batch_len, Ordering::Relaxed);
            let Some(batch) = files.get(start..(start + batch_len).min(files.len())) else { break };
            if batch.is_empty() {
                break;
            }
            batches.push((start, batch.iter().map(&each).collect::<Vec<_>>()));
            report(done.fetch_add(batch.len(), Ordering::Relaxed) + batch.len());
        }
        batches
    };
    // This thread parses too (no thread sits waiting on the others), and reports progress
    // between its own batches, since `progress` cannot leave it.
    let mut batches = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..jobs).map(|_| scope.spawn(|| work(&mut |_| {}))).collect();
        let mut batches = work(&mut |n| progress(n, files.len()));
        for helper in helpers {
            batches.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        batches
    });
    progress(files.len(), files.len());
    batches.sort_unstable_by_key(|(start, _)| *start);
    batches.into_iter().flat_map(|(_, parsed)| parsed).collect()
}

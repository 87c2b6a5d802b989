//! `cargo xtask bench [--docs DIR] [--quick] [--cache DIR] [--reps N] [--no-validate | --validate-only | --schema-only] [--no-crate-check]`:
//! figures of issue 6, each a ratio measured side by side in one run because the machines are
//! noisy. Repetitions interleave the floor and the subjects (floor, schema, regen, floor, …)
//! and every figure is a median.
//!
//! - floor: read every page of both versions (`graphdoc::read_version`) and run pulldown-cmark's
//!   event stream over each, on as many threads as the pipeline parses with; nothing else.
//! - `schema_vs_floor`: docs → schema bundles, both versions, examples not checked.
//! - `regen_vs_floor`: docs → schemas (pretty JSON) + formatted Rust for each bundle, in memory.
//! - `incremental_vs_full`: one property description edited on a copy of the docs (under
//!   `--cache`), regen again through a warm [`Regen`] (unchanged versions reused, unchanged
//!   pages not parsed, a prose edit patched into the previous model and outputs, unchanged
//!   types not read or written again); the edit must reach the schema and the Rust, and the
//!   output is checked byte for byte against an uncached run.
//! - `peak_rss_mb`: VmHWM of a child process that runs the whole-corpus schema run only;
//!   `regen_peak_rss_mb` the same for the whole regen (schemas and Rust).
//! - `beta_crate_check_seconds`: `cargo check -D warnings` of the whole-corpus beta crate.
//! - `validate_vs_jsonschema`, `validate_vs_parse`: every corpus example body through the
//!   generated validator tables and through jsonschema ([`validate`]).
//!
//! `bench --child STAGE DOCS` runs one stage in a process of its own and prints its peak RSS
//! in MB: `schema` and `regen` (the peak-RSS figures; also what to profile), and for profiling
//! the cached regen, `unchanged` (40 regens of unchanged docs) and `edited` (20 regens, each
//! after editing a property description of a copy of the docs), each printing its median.

use anyhow::{Context, Result, bail};
use graphdoc::{CodegenSettings, Regen, RegenOutput, RunOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;

mod validate;
use std::time::Instant;

struct Args {
    docs: PathBuf,
    cache: PathBuf,
    quick: bool,
    validate: bool,
    /// Only the validator figures (`--validate-only`).
    validate_only: bool,
    /// `cargo check` the generated beta crate (off with `--no-crate-check`).
    check_crate: bool,
    /// Repetitions (`--reps N`); by default 3 with `--quick`, else 7.
    reps: Option<usize>,
    /// Only the floor, schema and peak RSS figures (`--schema-only`): a quick loop while
    /// working on the docs → schema stages.
    schema_only: bool,
}

const USAGE: &str = "usage: cargo xtask bench [--docs DIR] [--quick] [--reps N] [--cache DIR] [--no-validate | --validate-only | --schema-only]";

fn parse_args(args: &[String]) -> Result<Args> {
    let root = crate::generate::workspace_root();
    let mut parsed = Args {
        docs: root.join("../shared/corpus/graph-docs-2021"),
        cache: target_dir().join("graphdoc-bench-cache"),
        quick: false,
        validate: true,
        validate_only: false,
        check_crate: true,
        schema_only: false,
        reps: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--docs" => parsed.docs = PathBuf::from(it.next().context("--docs needs a folder")?),
            "--cache" => parsed.cache = PathBuf::from(it.next().context("--cache needs a folder")?),
            "--quick" => parsed.quick = true,
            "--no-validate" => parsed.validate = false,
            "--validate-only" => parsed.validate_only = true,
            "--no-crate-check" => parsed.check_crate = false,
            "--schema-only" => parsed.schema_only = true,
            "--reps" => parsed.reps = Some(it.next().context("--reps needs a number")?.parse().context("--reps N")?),
            other => bail!("unknown argument `{other}`; {USAGE}"),
        }
    }
    Ok(parsed)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::generate::workspace_root().join("target"))
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    if args.first().map(String::as_str) == Some("--child") {
        let stage = args.get(1).context("--child needs schema|regen and the docs folder")?;
        return child(stage, Path::new(args.get(2).context("--child needs the docs folder")?));
    }
    let args = parse_args(args)?;
    let versions = version_folders(&args.docs)?;
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let reps = args.reps.unwrap_or(if args.quick { 3 } else { 7 }).max(1);
    println!("bench: docs {} ({}), {jobs} threads, {reps} repetitions", args.docs.display(), versions.join(", "));
    println!("load before: {}", loadavg());
    if args.validate_only {
        validate::run(&args.docs, &versions, args.quick)?;
        return Ok(ExitCode::SUCCESS);
    }

    let mut floor = Vec::new();
    let mut schema = Vec::new();
    let mut regen = Vec::new();
    let mut beta_lines = 0;
    let mut pages = 0;
    for rep in 0..reps {
        let (t, n) = timed(|| floor_run(&args.docs, &versions, jobs))?;
        floor.push(t);
        pages = n;
        schema.push(timed(|| schema_run(&args.docs, &versions))?.0);
        floor.push(timed(|| floor_run(&args.docs, &versions, jobs))?.0);
        if args.schema_only {
            eprintln!("rep {}/{reps}: floor {:.3} s, schema {:.3} s", rep + 1, floor[floor.len() - 1], schema[rep]);
            continue;
        }
        let (t, outputs) = timed(|| regen_run(&args.docs, &versions, None))?;
        regen.push(t);
        beta_lines = rust_lines(&outputs);
        eprintln!(
            "rep {}/{reps}: floor {:.3} s, schema {:.3} s, regen {:.3} s",
            rep + 1,
            floor[floor.len() - 1],
            schema[rep],
            t
        );
    }
    let floor_m = median(&mut floor);
    let schema_m = median(&mut schema);
    println!("time floor {floor_m:.3} s ({pages} pages)");
    println!("time schema {schema_m:.3} s");
    println!("ratio schema_vs_floor {:.2} (target <= 2.0)", schema_m / floor_m);
    if args.schema_only {
        let rss = peak_rss_child(&args.docs, "schema")?;
        println!("ratio peak_rss_mb {rss:.0} (target <= 300; whole-corpus schema run, child process)");
        return Ok(ExitCode::SUCCESS);
    }
    let regen_m = median(&mut regen);
    println!("time regen {regen_m:.3} s");
    println!("ratio regen_vs_floor {:.2} (target <= 5.0)", regen_m / floor_m);

    incremental(&args, &versions, reps, regen_m)?;

    let rss = peak_rss_child(&args.docs, "schema")?;
    println!("ratio peak_rss_mb {rss:.0} (target <= 300; whole-corpus schema run, child process)");
    let rss = peak_rss_child(&args.docs, "regen")?;
    println!("ratio regen_peak_rss_mb {rss:.0} (target <= 300; whole-corpus regen: schemas and Rust, child process)");
    println!("beta_crate_lines {beta_lines} (whole-corpus beta, generated; from the regen run)");
    if args.check_crate {
        crate_check(&args)?;
    }

    if args.validate {
        validate::run(&args.docs, &versions, args.quick)?;
    }
    println!("load after: {}", loadavg());
    Ok(ExitCode::SUCCESS)
}

/// The whole-corpus beta crate (namespace features on, as `corpus --check-crates` makes it):
/// generated under the cache folder and checked with `cargo check -D warnings`, dependencies
/// first so the time is the crate's own. Wall time on a shared machine: the load is printed.
fn crate_check(args: &Args) -> Result<()> {
    let version = "beta";
    let options = RunOptions { jobs: 0, check_examples: false };
    let run = graphdoc::run_version_with(&args.docs, version, options, &mut |_, _| {})?;
    let dir = args.cache.join("crate-check").join(version);
    // A cold check, as CI's: a target folder kept from an earlier bench would let rustc's
    // incremental cache answer for an unchanged crate (10 s instead of 40).
    match std::fs::remove_dir_all(dir.join("target")) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(e).context("clearing the crate check's target folder");
        }
        _ => {}
    }
    println!("load before the crate check: {}", loadavg());
    let outcome = crate::corpus::compile::run(&run, &dir, crate::corpus::Compile::Check)?;
    println!(
        "ratio beta_crate_check_seconds {:.1} (target <= 45; {} lines; load after: {})",
        outcome.check_seconds,
        outcome.lines,
        loadavg()
    );
    Ok(())
}

/// Change one page of a copy of the docs, regen with warm caches, compare with an uncached run.
fn incremental(args: &Args, versions: &[String], reps: usize, full: f64) -> Result<()> {
    let copy = args.cache.join("docs-copy");
    let _ = std::fs::remove_dir_all(&copy);
    for version in versions {
        copy_dir(&args.docs.join(version), &copy.join(version))?;
    }
    let page = pick_page(&copy, versions)?;
    let original = std::fs::read_to_string(&page)?;
    let mut regen = Regen::new(RunOptions { jobs: 0, check_examples: false }, CodegenSettings::default());
    // Warm: the page cache holds the unchanged corpus, each version's outputs are kept.
    let (warm, _) = timed(|| regen_run(&copy, versions, Some(&mut regen)))?;
    let (noop, _) = timed(|| regen_run(&copy, versions, Some(&mut regen)))?;
    let mut times = Vec::new();
    let marker = |rep: usize| format!("Edited by the bench ({rep}).");
    for rep in 0..reps {
        let edited =
            edit(&original, &marker(rep)).with_context(|| format!("{} has no property table", page.display()))?;
        std::fs::write(&page, edited)?;
        let (t, _) = timed(|| regen_run(&copy, versions, Some(&mut regen)))?;
        eprintln!("incremental {}/{reps}: {t:.3} s", rep + 1);
        times.push(t);
    }
    let inc = median(&mut times);
    // Never trusted: the cached run's output must be the uncached run's, byte for byte.
    let cached = outputs(&copy, versions, Some(&mut regen))?;
    let fresh = outputs(&copy, versions, None)?;
    let identical = cached == fresh;
    // An edit that reached nothing would measure a regen that writes nothing new.
    let last = marker(reps.saturating_sub(1));
    let reached = |suffix: &str| cached.iter().any(|(name, text)| name.ends_with(suffix) && text.contains(&last));
    if !(reached(".schema.json") && reached(".rs")) {
        bail!("the edit of {} did not reach both the schema and the Rust", page.display());
    }
    println!("time regen_cold_cache {warm:.3} s (fills the caches)");
    println!("time regen_unchanged {noop:.3} s (every cache hit)");
    println!(
        "time regen_one_page_changed {inc:.3} s (page {}; {} of {reps} runs patched)",
        page.strip_prefix(&copy).unwrap_or(&page).display(),
        regen.patched_runs()
    );
    println!("ratio incremental_vs_full {:.2} (target <= 0.10; full = uncached regen {full:.3} s)", inc / full);
    println!("incremental output identical to an uncached run: {identical}");
    let _ = std::fs::remove_dir_all(&copy);
    if !identical {
        bail!("the cached run's output differs from an uncached run");
    }
    Ok(())
}

/// A page to edit: beta's `resources/user.md` (a large, much-used type) when it can be edited,
/// else the first page with a property or parameter table.
fn pick_page(copy: &Path, versions: &[String]) -> Result<PathBuf> {
    let version = versions.first().context("no version")?;
    let editable = |path: &Path| std::fs::read_to_string(path).is_ok_and(|text| edit(&text, "x").is_some());
    let preferred = copy.join(version).join("resources/user.md");
    if editable(&preferred) {
        return Ok(preferred);
    }
    let files = graphdoc::read_version(copy, version)?;
    files
        .into_iter()
        .map(|f| f.path)
        .find(|path| editable(path))
        .context("no page has a property or parameter table to edit")
}

/// The page with `marker` added to the description of the first property of its first
/// property (or parameter) table: the most common edit of the docs, and one that reaches the
/// schema and the Rust docs (the bench checks that it did). `None` when the page has no such
/// table.
fn edit(original: &str, marker: &str) -> Option<String> {
    crate::corpus::incremental::edit_row(original, marker, false)
}

/// Every version's regen outputs, kept in memory as a caller keeps them; through `regen` when
/// given (the incremental runs), else a plain uncached run. This is what the regen figures time:
/// copying the outputs for comparison or counting their lines is not part of a regen.
fn regen_run(docs: &Path, versions: &[String], regen: Option<&mut Regen>) -> Result<Vec<Arc<RegenOutput>>> {
    let mut out = Vec::new();
    let Some(regen) = regen else {
        // Uncached, as `cargo xtask regen` runs (see `generate::plan`).
        let options = RunOptions { jobs: 0, check_examples: false };
        graphdoc::regen_versions(docs, versions, options, &CodegenSettings::default(), &mut |done| {
            out.push(Arc::new(done));
            Ok(())
        })?;
        return Ok(out);
    };
    for version in versions {
        out.push(regen.run(docs, version)?);
    }
    regen.sweep();
    Ok(out)
}

/// Every version's schema and operations (pretty JSON) and formatted Rust, by name.
fn outputs(docs: &Path, versions: &[String], regen: Option<&mut Regen>) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (version, done) in versions.iter().zip(regen_run(docs, versions, regen)?) {
        out.push((format!("{version}/graph.schema.json"), done.schema_json.clone()));
        out.push((format!("{version}/operations.json"), done.operations_json.clone()));
        out.extend(done.rust.iter().map(|f| (format!("{version}/src/{}", f.path), f.contents.clone())));
    }
    Ok(out)
}

/// The lines of the first version's generated Rust.
fn rust_lines(outputs: &[Arc<RegenOutput>]) -> usize {
    outputs.first().map_or(0, |first| first.rust.iter().map(|f| f.contents.lines().count()).sum())
}

/// Every version's schema bundle and operations index, kept in memory as a caller keeps them
/// (as `regen_run` keeps its outputs); the parsed pages and the model, which only the run
/// needs, are dropped inside the timing, as the library's schema calls drop them
/// ([`graphdoc::VersionRun::into_output`]).
fn schema_run(docs: &Path, versions: &[String]) -> Result<Vec<graphdoc::VersionOutput>> {
    let mut out = Vec::new();
    let options = RunOptions { jobs: 0, check_examples: false };
    graphdoc::run_versions(docs, versions, options, &mut |run| {
        out.push(run.into_output());
        Ok(())
    })?;
    Ok(out)
}

/// The floor: read the pages, run pulldown-cmark's event stream (with the options the parser
/// uses) over each on `jobs` threads. Returns the page count.
fn floor_run(docs: &Path, versions: &[String], jobs: usize) -> Result<usize> {
    use pulldown_cmark::{Options, Parser};
    let mut pages = 0;
    for version in versions {
        let files = graphdoc::read_version(docs, version)?;
        let next = std::sync::atomic::AtomicUsize::new(0);
        let events = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..jobs.max(1) {
                scope.spawn(|| {
                    let mut count = 0;
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        if let Ok(text) = &file.text {
                            let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
                            count += Parser::new_ext(text, options).count();
                        }
                    }
                    events.fetch_add(count, std::sync::atomic::Ordering::Relaxed);
                });
            }
        });
        std::hint::black_box(events.into_inner());
        pages += files.len();
    }
    Ok(pages)
}

fn timed<T>(f: impl FnOnce() -> Result<T>) -> Result<(f64, T)> {
    let start = Instant::now();
    let value = f()?;
    Ok((start.elapsed().as_secs_f64(), value))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg").map(|s| s.trim().to_string()).unwrap_or_else(|_| "unknown".into())
}

/// VmHWM of this process in MB, from /proc/self/status (Linux).
fn vm_hwm_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs in a child process: one whole-corpus run (`schema` or `regen`), then prints its peak
/// RSS. Also the entry point for profiling: `valgrind --tool=callgrind xtask bench --child
/// regen DOCS`.
fn child(stage: &str, docs: &Path) -> Result<ExitCode> {
    let versions = version_folders(docs)?;
    match stage {
        "schema" => drop(schema_run(docs, &versions)?),
        "regen" => drop(regen_run(docs, &versions, None)?),
        // For profiling the cached regen (`perf record … bench --child unchanged DOCS`):
        // 40 regens of unchanged docs, or 20 after editing one page of a copy of them.
        "unchanged" => {
            let mut regen = Regen::new(RunOptions { jobs: 0, check_examples: false }, CodegenSettings::default());
            drop(regen_run(docs, &versions, Some(&mut regen))?);
            let mut times = Vec::new();
            for _ in 0..40 {
                times.push(timed(|| regen_run(docs, &versions, Some(&mut regen)))?.0);
            }
            eprintln!("regen_unchanged median {:.4} s", median(&mut times));
        }
        "edited" => {
            let copy = target_dir().join("graphdoc-bench-cache").join("child-docs-copy");
            let _ = std::fs::remove_dir_all(&copy);
            for version in &versions {
                copy_dir(&docs.join(version), &copy.join(version))?;
            }
            let page = pick_page(&copy, &versions)?;
            let original = std::fs::read_to_string(&page)?;
            let mut regen = Regen::new(RunOptions { jobs: 0, check_examples: false }, CodegenSettings::default());
            drop(regen_run(&copy, &versions, Some(&mut regen))?);
            let mut times = Vec::new();
            for rep in 0..20 {
                std::fs::write(&page, edit(&original, &format!("Edited by the bench ({rep}).")).context("edit")?)?;
                times.push(timed(|| regen_run(&copy, &versions, Some(&mut regen)))?.0);
            }
            let _ = std::fs::remove_dir_all(&copy);
            eprintln!("regen_one_page_changed median {:.4} s ({} patched)", median(&mut times), regen.patched_runs());
        }
        other => bail!("unknown stage `{other}` (schema, regen, unchanged or edited)"),
    }
    println!("{:.1}", vm_hwm_mb().context("no /proc/self/status")?);
    Ok(ExitCode::SUCCESS)
}

/// Peak RSS in MB of a child process running `stage` (`schema` or `regen`) over the corpus.
fn peak_rss_child(docs: &Path, stage: &str) -> Result<f64> {
    let exe = std::env::current_exe()?;
    let out = Command::new(exe).args(["bench", "--child", stage]).arg(docs).output()?;
    if !out.status.success() {
        bail!("rss child failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().parse()?)
}

/// Sub-folders holding `api/` or `resources/`, sorted.
fn version_folders(docs: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(docs).with_context(|| format!("reading docs folder {}", docs.display()))? {
        let path = entry?.path();
        if path.join("api").is_dir() || path.join("resources").is_dir() {
            out.push(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        }
    }
    out.sort();
    if out.is_empty() {
        bail!("{} holds no version folder (a folder with api/ or resources/ inside)", docs.display());
    }
    Ok(out)
}

pub(crate) fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

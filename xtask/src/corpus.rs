//! `cargo xtask corpus [--docs DIR] --out OUT [--write-rust] [--check-crates | --compile]`: the pipeline over
//! every version folder of a docs tree (by default the real corpus beside the checkout), its outputs
//! written to OUT, and a report held to the conformance targets. Exits 1 when a target is missed.
//!
//! With `--write-rust`, each version's generated Rust is written too, without building it:
//! `OUT/<version>/rust/` with default settings (as `bench` and `regen` generate) and
//! `OUT/<version>/rust-features/` with namespace features on (as the checked crate has), so two
//! builds of the generator can be compared on the whole corpus with `diff -r`.
//!
//! With `--check-incremental` (CI), prose edits of pages go through a warm `graphdoc::Regen`
//! on a copy of the docs and its outputs are compared with uncached runs (see [`incremental`]).
//!
//! With `--check-crates` (CI), each version's full crate is generated into `OUT/<version>/crate`
//! and checked with `cargo check` and `-D warnings`. `--compile` does that, then a driver built into that crate compares
//! the generated validators with jsonschema over every example body and mutations of it, and
//! round-trips every valid body through its generated type (see [`compile`]).

use anyhow::{Context, Result, bail};
use graphdoc::VersionStats;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub(crate) mod compile;
pub(crate) use compile::example_cases;
pub(crate) mod incremental;

const USAGE: &str = "usage: cargo xtask corpus [--docs DIR] --out OUT [--write-rust] [--check-incremental] [--check-crates | --compile]";

struct Args {
    docs: PathBuf,
    out: PathBuf,
    compile: Compile,
    /// `--write-rust`: write the generated Rust (see the module docs).
    write_rust: bool,
    /// `--check-incremental`: prose edits through a warm `Regen` (see [`incremental`]).
    check_incremental: bool,
}

/// What `corpus` does with the generated crates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compile {
    Not,
    /// `--check-crates`: generate each version's crate and `cargo check -D warnings` it (CI).
    Check,
    /// `--compile`: that, then the differential test and the round trip (minutes).
    CheckAndTest,
}

fn parse_args(args: &[String]) -> Result<Args> {
    let mut docs = crate::generate::workspace_root().join("../shared/corpus/graph-docs-2021");
    let mut out = None;
    let mut compile = Compile::Not;
    let mut write_rust = false;
    let mut check_incremental = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--docs" => docs = PathBuf::from(it.next().context("--docs needs a folder")?),
            "--out" => out = Some(PathBuf::from(it.next().context("--out needs a folder")?)),
            "--compile" => compile = Compile::CheckAndTest,
            "--check-crates" => compile = Compile::Check,
            "--write-rust" => write_rust = true,
            "--check-incremental" => check_incremental = true,
            other => bail!("unknown argument `{other}`; {USAGE}"),
        }
    }
    let out = out.context("--out OUT is required (where the schemas and diagnostics go)")?;
    Ok(Args { docs, out, compile, write_rust, check_incremental })
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    let args = parse_args(args)?;
    let started = Instant::now();
    let mut all_met = true;
    for version in version_folders(&args.docs)? {
        let version_started = Instant::now();
        let tty = std::io::stderr().is_terminal();
        let mut progress = |done: usize, total: usize| {
            if tty && (done.is_multiple_of(200) || done == total) {
                eprint!("\r[{version}] {done}/{total} pages");
                if done == total {
                    eprintln!();
                }
            }
        };
        let run = graphdoc::run_version(&args.docs, &version, &mut progress)?;
        let dir = args.out.join(&version);
        graphdoc::write_atomic(&dir.join("graph.schema.json"), &graphdoc::to_pretty_json(&run.output.schema))?;
        graphdoc::write_atomic(&dir.join("operations.json"), &graphdoc::to_pretty_json(&run.output.operations))?;
        graphdoc::write_atomic(&dir.join("diagnostics.json"), &graphdoc::diagnostics_file(&run.output))?;
        let stats = VersionStats::compute(&run);
        print!("{stats}");
        println!("elapsed: {:.2} s", version_started.elapsed().as_secs_f64());
        println!("wrote {}", dir.display());
        all_met &= stats.targets().iter().all(|t| t.met());
        if args.write_rust {
            write_rust(&run, &dir)?;
        }
        if args.check_incremental {
            let started = Instant::now();
            let outcome = incremental::run(&args.docs, &version, &dir)?;
            println!(
                "incremental: {} prose edits ({} of types' descriptions), {} patched, the rest run whole; identical to uncached runs at {} checks ({:.1} s)",
                outcome.edits,
                outcome.descriptions,
                outcome.patched,
                outcome.comparisons,
                started.elapsed().as_secs_f64()
            );
        }
        if args.compile != Compile::Not {
            all_met &= compile::run(&run, &dir, args.compile)?.met;
        }
    }
    println!("total elapsed: {:.2} s", started.elapsed().as_secs_f64());
    if all_met {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("corpus: a conformance target was missed (see FAIL above)");
        Ok(ExitCode::FAILURE)
    }
}

/// The generated Rust of one version run, with and without namespace features, under `dir`.
fn write_rust(run: &graphdoc::VersionRun, dir: &Path) -> Result<()> {
    for (folder, features) in [("rust", false), ("rust-features", true)] {
        let settings = graphdoc::CodegenSettings::default().with_namespace_features(features);
        let generated = graphdoc::rust_for_schema(&run.output.schema, Some(&run.output.operations), &settings);
        let out = dir.join(folder);
        // The folder is ours: start clean so no file of an earlier run lingers.
        if out.exists() {
            std::fs::remove_dir_all(&out).with_context(|| format!("clearing {}", out.display()))?;
        }
        for file in graphdoc_codegen::crate_files(&generated, "graph-corpus") {
            graphdoc::write_atomic(&out.join(&file.path), &file.contents)?;
        }
        let diagnostics: Vec<String> = generated.diagnostics.iter().map(|d| format!("{d:?}")).collect();
        graphdoc::write_atomic(&out.join("diagnostics.txt"), &diagnostics.join("\n"))?;
    }
    Ok(())
}

/// Sub-folders holding `api/` or `resources/`, sorted.
fn version_folders(docs: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(docs).with_context(|| format!("reading docs folder {}", docs.display()))? {
        let entry = entry?;
        let path = entry.path();
        if path.join("api").is_dir() || path.join("resources").is_dir() {
            out.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    out.sort();
    if out.is_empty() {
        bail!("{} holds no version folder (a folder with api/ or resources/ inside)", docs.display());
    }
    Ok(out)
}

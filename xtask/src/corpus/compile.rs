//! `cargo xtask corpus --compile`, per version: generate the full crate into
//! `OUT/<version>/crate`, `cargo check` it with `-D warnings` (its own target folder under OUT,
//! `--offline` with the workspace's `Cargo.lock`), then build and run the differential driver
//! (`xtask/driver/differential.rs`) over the version's example bodies.

use anyhow::{Context, Result, bail};
use graphdoc::serde_json::{self, Value, json};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The driver's source; see its module docs.
const DRIVER: &str = include_str!("../../driver/differential.rs");

/// The generated crate's package name (the driver says `graph_corpus::…`).
const CRATE_NAME: &str = "graph-corpus";

/// What [`run`] found.
pub struct Outcome {
    /// The differential test and the round trip met their targets (or were not run).
    pub met: bool,
    /// Lines of the generated `.rs` files.
    pub lines: usize,
    /// Wall seconds of `cargo check -D warnings` of the generated crate alone.
    pub check_seconds: f64,
}

/// Generates, checks and tests the crate for one version run; `met` is false when the
/// differential test or the round trip falls short of its target. A compile error is an `Err`.
pub fn run(run: &graphdoc::VersionRun, dir: &Path, what: super::Compile) -> Result<Outcome> {
    let version = &run.output.version;
    let crate_dir = dir.join("crate");
    let settings = graphdoc::CodegenSettings::default().with_namespace_features(true);

    let started = Instant::now();
    let generated = graphdoc::rust_for_schema(&run.output.schema, Some(&run.output.operations), &settings);
    let table = graphdoc_codegen::round_trip_table(&run.output.schema, Some(&run.output.operations), &settings);
    let generation = started.elapsed().as_secs_f64();

    // The folder is ours: start clean so no file of an earlier run lingers.
    if crate_dir.join("src").exists() {
        std::fs::remove_dir_all(crate_dir.join("src")).context("clearing the old crate")?;
    }
    let (mut lines, mut bytes) = (0usize, 0usize);
    for file in graphdoc_codegen::crate_files(&generated, CRATE_NAME) {
        let mut contents = file.contents;
        if file.path == "Cargo.toml" {
            // Its own workspace (OUT may sit inside another), and jsonschema for the driver, at
            // the version the workspace's Cargo.lock pins.
            contents.push_str(
                "\n[dev-dependencies]\njsonschema = { version = \"0.61.2\", default-features = false }\n\n[workspace]\n",
            );
        } else {
            lines += contents.lines().count();
            bytes += contents.len();
        }
        graphdoc::write_atomic(&crate_dir.join(&file.path), &contents)?;
    }
    let has_requests = generated.files.iter().any(|f| f.path == "requests.rs");
    let driver = if has_requests { DRIVER.to_owned() } else { DRIVER.replace("{requests, types}", "types") };
    graphdoc::write_atomic(&crate_dir.join("examples/differential/main.rs"), &driver)?;
    graphdoc::write_atomic(&crate_dir.join("examples/differential/round_trip.rs"), &table)?;
    let lock = crate::generate::workspace_root().join("Cargo.lock");
    std::fs::copy(&lock, crate_dir.join("Cargo.lock")).with_context(|| format!("copying {}", lock.display()))?;
    let cases = dir.join("examples.json");
    graphdoc::write_atomic(&cases, &graphdoc::to_pretty_json(&example_cases(run)))?;
    println!(
        "[{version}] generated crate: {lines} lines, {bytes} bytes, {} files, in {generation:.2} s ({})",
        generated.files.len(),
        crate_dir.display()
    );

    let target = dir.join("target");
    let cargo = |args: &[&str]| {
        let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        command
            .args(args)
            .current_dir(&crate_dir)
            .env("CARGO_TARGET_DIR", &target)
            .env("RUSTFLAGS", "-Dwarnings")
            .env_remove("RUSTC_WRAPPER")
            .env_remove("CARGO_ENCODED_RUSTFLAGS");
        command
    };
    // The dependencies first, so the time below is the generated crate's own.
    let status = cargo(&["check", "--offline", "--quiet", "-p", "serde_json", "-p", "serde", "-p", "prefetch-index"])
        .status()?;
    if !status.success() {
        bail!("[{version}] cargo check of the dependencies failed");
    }
    let started = Instant::now();
    let status = cargo(&["check", "--offline", "--lib"]).status().context("running cargo check")?;
    let check = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("[{version}] the generated crate does not compile with -D warnings ({})", crate_dir.display());
    }
    println!("[{version}] cargo check (-D warnings): {check:.1} s");
    if what != super::Compile::CheckAndTest {
        return Ok(Outcome { met: true, lines, check_seconds: check });
    }

    let started = Instant::now();
    let output = cargo(&["run", "--offline", "--quiet", "--example", "differential", "--"])
        .arg(&cases)
        .arg(dir)
        .output()
        .context("running the differential driver")?;
    let elapsed = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
        bail!("[{version}] the differential driver failed ({})", output.status);
    }
    let mut summary = Value::Null;
    for line in stdout.lines() {
        match line.strip_prefix("SUMMARY ") {
            Some(json) => summary = serde_json::from_str(json).unwrap_or_default(),
            None => println!("[{version}] {line}"),
        }
    }
    println!("[{version}] differential driver: built and ran in {elapsed:.1} s");
    let count = |key: &str| summary[key].as_u64().unwrap_or(0);
    let agreement = percent(count("agreed"), count("compared"));
    let round_trip = percent(count("roundTripsEqual") + intended(&summary), count("roundTrips"));
    println!("[{version}] targets:");
    // A quick verdict that is not the report's verdict is a disagreement too.
    let met_agreement = agreement >= 100.0 && count("quickDisagreed") == 0;
    let met_round_trip = round_trip >= 100.0;
    println!("  {}  {agreement:.3}% (>= 100%) validator verdicts that agree with jsonschema", mark(met_agreement));
    println!(
        "  {}  {round_trip:.3}% (>= 100%) valid example bodies that round-trip (or differ only as intended)",
        mark(met_round_trip)
    );
    Ok(Outcome { met: met_agreement && met_round_trip, lines, check_seconds: check })
}

/// Round trips whose only difference is an intended one (listed in ARCHITECTURE.md).
fn intended(summary: &Value) -> u64 {
    summary["roundTripDifferences"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(what, _)| INTENDED.iter().any(|i| what.starts_with(i)))
        .filter_map(|(_, n)| n.as_u64())
        .sum()
}

/// Round-trip differences the design accepts (see ARCHITECTURE.md, "Codegen design").
const INTENDED: &[&str] = &["intended: "];

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 { 100.0 } else { part as f64 * 100.0 / whole as f64 }
}

fn mark(met: bool) -> &'static str {
    if met { "ok  " } else { "FAIL" }
}

/// The model's example bodies as driver cases: `{source, target, body}`, with a page of a
/// collection (`{"value": [...]}`) split into one case per item.
pub(crate) fn example_cases(run: &graphdoc::VersionRun) -> Value {
    let mut cases = Vec::new();
    for example in &run.model.examples {
        let Some(body) = example.body.value() else { continue };
        let source = format!("{}:{}", example.source.file, example.source.line);
        let target = serde_json::to_value(&example.target).unwrap_or_default();
        if let Some(request) = target.get("request") {
            cases.push(json!({"source": source, "target": request, "body": body}));
        } else if let Some(response) = target.get("response") {
            let type_name = response.get("type_name").or_else(|| response.get("typeName")).cloned().unwrap_or_default();
            match (response["collection"].as_bool(), body.get("value")) {
                (Some(true), Some(Value::Array(items))) => {
                    for (i, item) in items.iter().enumerate() {
                        let source = format!("{source} /value/{i}");
                        cases.push(json!({"source": source, "target": {"type": type_name}, "body": item}));
                    }
                }
                _ => cases.push(json!({"source": source, "target": {"type": type_name}, "body": body})),
            }
        }
    }
    Value::Array(cases)
}

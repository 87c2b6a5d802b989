//! Writes a standalone crate generated from a bundle (and optionally an operations index) with
//! [`graphdoc_codegen::crate_files`], and prints the generation time and output size: the tool
//! behind the scale numbers in ARCHITECTURE.md.
//!
//! `cargo run -p graphdoc-codegen --release --example write_crate -- OUT_DIR BUNDLE [OPERATIONS] [--features]`
//! `cargo run -p graphdoc-codegen --release --example write_crate -- OUT_DIR --synthetic TYPES OPERATIONS [--features]`

use graphdoc_codegen::{Settings, crate_files, generate};
use serde_json::Value;
use std::path::Path;
use std::time::Instant;

#[path = "../tests/it/synthetic.rs"]
mod synthetic;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let features = args.iter().any(|a| a == "--features");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--features").collect();
    let (Some(out), Some(input)) = (args.first(), args.get(1)) else {
        eprintln!("usage: write_crate OUT_DIR (BUNDLE [OPERATIONS] | --synthetic TYPES OPERATIONS) [--features]");
        std::process::exit(2);
    };
    let read = |path: &str| -> Value {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"))
    };
    let (bundle, operations) = if input.as_str() == "--synthetic" {
        let count = |i: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(4000);
        synthetic::bundle(count(2), count(3))
    } else {
        (read(input), args.get(2).map_or(Value::Null, |p| read(p)))
    };
    let started = Instant::now();
    let generated = generate(
        &bundle,
        operations.is_object().then_some(&operations),
        &Settings::default().with_namespace_features(features),
    );
    let seconds = started.elapsed().as_secs_f64();
    let files = crate_files(&generated, "graph-generated");
    let dir = Path::new(out.as_str());
    let (mut lines, mut bytes) = (0, 0);
    for file in &files {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dir");
        std::fs::write(&path, &file.contents).expect("write file");
        lines += file.contents.lines().count();
        bytes += file.contents.len();
        eprintln!("{:>10} bytes {:>8} lines  {}", file.contents.len(), file.contents.lines().count(), file.path);
    }
    let defs = bundle["$defs"].as_object().map_or(0, |d| d.len());
    eprintln!(
        "{defs} types: generated in {seconds:.2} s, {} files, {lines} lines, {bytes} bytes, {} diagnostics, {} features",
        files.len(),
        generated.diagnostics.len(),
        generated.features.len()
    );
}

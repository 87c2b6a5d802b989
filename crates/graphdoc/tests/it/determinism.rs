//! The same docs give the same bytes whatever the number of parsing threads.

use graphdoc::{CodegenSettings, RunOptions, regen_version, run_version_with, rust_for_schema, to_pretty_json};
use std::path::{Path, PathBuf};

fn outputs(root: &Path, version: &str, jobs: usize) -> (String, String, String) {
    // Example checks run after parsing on one thread; leaving them out keeps the test quick.
    let options = RunOptions { jobs, check_examples: false };
    let run = run_version_with(root, version, options, &mut |_, _| {}).expect("docs read");
    (
        to_pretty_json(&run.output.schema),
        to_pretty_json(&run.output.operations),
        to_pretty_json(&run.output.diagnostics_json()),
    )
}

#[test]
fn one_thread_and_several_give_identical_outputs() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../graphdoc-parse/tests/fixtures/variants");
    let one = outputs(&root, "beta", 1);
    for jobs in [2, 3, 8] {
        assert!(one == outputs(&root, "beta", jobs), "outputs differ with {jobs} threads");
    }
}

/// On the real corpus when it is beside the checkout (it is in CI): thousands of pages make
/// any ordering slip visible.
#[test]
fn the_corpus_gives_identical_outputs_with_one_and_four_threads() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/graph-docs-2021");
    if !root.join("v1.0").is_dir() {
        eprintln!("skipped: the corpus is not at {} (CI has it there)", root.display());
        return;
    }
    assert!(outputs(&root, "v1.0", 1) == outputs(&root, "v1.0", 4), "v1.0 outputs differ between 1 and 4 threads");
}

/// A version's files as the stages give them one after another on one thread: schema,
/// operations, diagnostics, Rust.
fn stage_by_stage(root: &Path, version: &str) -> Vec<(String, String)> {
    let options = RunOptions { jobs: 1, check_examples: true };
    let run = run_version_with(root, version, options, &mut |_, _| {}).expect("docs read");
    let settings = CodegenSettings::default().with_jobs(1);
    let rust = rust_for_schema(&run.output.schema, Some(&run.output.operations), &settings);
    let mut files = vec![
        ("graph.schema.json".to_owned(), to_pretty_json(&run.output.schema)),
        ("operations.json".to_owned(), to_pretty_json(&run.output.operations)),
        ("diagnostics.json".to_owned(), to_pretty_json(&run.output.diagnostics_json())),
    ];
    files.extend(rust.files.into_iter().map(|f| (f.path, f.contents)));
    files
}

#[test]
fn a_regen_with_its_stages_side_by_side_gives_the_stage_by_stage_bytes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../graphdoc-parse/tests/fixtures/variants");
    let expected = stage_by_stage(&root, "beta");
    for jobs in [1, 2, 4] {
        let options = RunOptions { jobs, check_examples: true };
        let settings = CodegenSettings::default().with_jobs(jobs);
        let regen = regen_version(&root, "beta", options, &settings).expect("docs read");
        assert_eq!(regen.output.version, "beta");
        let mut files = vec![
            ("graph.schema.json".to_owned(), regen.schema_json),
            ("operations.json".to_owned(), regen.operations_json),
            ("diagnostics.json".to_owned(), to_pretty_json(&regen.output.diagnostics_json())),
        ];
        files.extend(regen.rust.into_iter().map(|f| (f.path, f.contents)));
        assert!(files == expected, "the regen with {jobs} threads differs from the stage-by-stage run");
    }
}

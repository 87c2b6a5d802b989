//! The same docs give the same bytes whatever the number of parsing threads.

use graphdoc::{RunOptions, run_version_with, to_pretty_json};
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

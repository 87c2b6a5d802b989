//! The same docs give the same bytes whatever the number of parsing threads.

use graphdoc::{
    CodegenSettings, Error, RunOptions, VersionRun, regen_version, regen_versions, run_version_with, run_versions,
    rust_for_schema, to_pretty_json,
};
use std::path::{Path, PathBuf};

fn outputs(root: &Path, version: &str, jobs: usize) -> (String, String, String) {
    // Example checks run after parsing on one thread; leaving them out keeps the test quick.
    let options = RunOptions { jobs, check_examples: false };
    let run = run_version_with(root, version, options, &mut |_, _| {}).expect("docs read");
    files_of(&run)
}

fn files_of(run: &VersionRun) -> (String, String, String) {
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

/// Two versions of the fixtures (the second with a page of its own) in a temporary docs root.
fn two_versions() -> tempfile::TempDir {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../graphdoc-parse/tests/fixtures/variants/beta");
    let root = tempfile::tempdir().expect("temp dir");
    crate::incremental::copy_dir(&fixtures, &root.path().join("beta"));
    crate::incremental::copy_dir(&fixtures, &root.path().join("v1.0"));
    let page = "---\ndoc_type: resourcePageType\n---\n# onlyInV1 resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n";
    std::fs::write(root.path().join("v1.0/resources/only-in-v1.md"), page).expect("page");
    root
}

#[test]
fn versions_run_in_turn_give_each_version_its_own_run_bytes() {
    let root = two_versions();
    let versions = ["beta".to_owned(), "v1.0".to_owned()];
    let alone: Vec<_> = versions.iter().map(|v| outputs(root.path(), v, 1)).collect();
    assert_ne!(alone[0], alone[1], "the versions differ, so a mix-up would show");
    // With two threads the second version is read while the first resolves.
    for jobs in [1, 2] {
        let mut seen = Vec::new();
        let options = RunOptions { jobs, check_examples: false };
        run_versions(root.path(), &versions, options, &mut |run| {
            seen.push((run.output.version.clone(), files_of(&run)));
            Ok(())
        })
        .expect("docs read");
        let expected: Vec<_> = versions.iter().cloned().zip(alone.iter().cloned()).collect();
        assert!(seen == expected, "run_versions with {jobs} threads differs from each version run alone");
    }
    let mut regenerated = Vec::new();
    let options = RunOptions { jobs: 2, check_examples: false };
    regen_versions(root.path(), &versions, options, &CodegenSettings::default(), &mut |done| {
        regenerated.push((done.output.version.clone(), done.schema_json));
        Ok(())
    })
    .expect("docs read");
    let schemas: Vec<_> = versions.iter().cloned().zip(alone.iter().map(|a| a.0.clone())).collect();
    assert!(regenerated == schemas, "regen_versions gives each version's own schema");
}

#[test]
fn an_error_stops_the_versions_at_the_one_that_failed() {
    let root = two_versions();
    std::fs::create_dir(root.path().join("notes")).expect("folder");
    let versions = ["beta".to_owned(), "notes".to_owned(), "v1.0".to_owned()];
    for jobs in [1, 2] {
        let mut done = Vec::new();
        let options = RunOptions { jobs, check_examples: false };
        let err = run_versions(root.path(), &versions, options, &mut |run| {
            done.push(run.output.version.clone());
            Ok(())
        })
        .expect_err("`notes` holds no pages");
        assert!(matches!(err, Error::NotAVersionFolder { .. }), "{err}");
        assert_eq!(done, ["beta"], "the version before the bad one ran, the one after did not");
    }
    // The caller's own error stops the runs too.
    let mut calls = 0;
    let both = [versions[0].clone(), versions[2].clone()];
    let stop = run_versions(root.path(), &both, RunOptions { jobs: 2, check_examples: false }, &mut |run| {
        calls += 1;
        Err(Error::NotAVersionFolder { path: PathBuf::from(run.output.version) })
    });
    assert!(stop.is_err() && calls == 1);
}

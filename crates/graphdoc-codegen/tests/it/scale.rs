//! The generator at Graph scale, on the synthetic bundle (`synthetic.rs`), kept small enough for
//! a debug test run: no diagnostics, deterministic, and output that grows linearly. The full-size
//! numbers (4,000 types, 6,000 operations, `cargo check` time) come from the `write_crate`
//! example; ARCHITECTURE.md records them.

use crate::synthetic;
use graphdoc_codegen::{Settings, generate};

#[test]
fn a_graph_shaped_bundle_generates_compact_deterministic_output() {
    let (bundle, operations) = synthetic::bundle(300, 450);
    let settings = Settings::default().with_namespace_features(true);
    let generated = generate(&bundle, Some(&operations), &settings);
    assert!(generated.diagnostics.is_empty(), "{:#?}", generated.diagnostics);
    assert_eq!(generated, generate(&bundle, Some(&operations), &settings), "same input, same bytes");
    for jobs in [1, 3] {
        let other = generate(&bundle, Some(&operations), &settings.clone().with_jobs(jobs));
        assert_eq!(generated, other, "the same bytes on {jobs} thread(s) as on every core");
    }
    assert!(generated.features.len() > 10, "a feature per namespace: {:?}", generated.features);

    let lines = |path: &str| generated.files.iter().find(|f| f.path == path).map_or(0, |f| f.contents.lines().count());
    // Validators are data: a line per schema node, never a function per type.
    let validate = generated.files.iter().find(|f| f.path == "validate.rs").map(|f| f.contents.as_str()).unwrap_or("");
    assert!(!validate.contains("fn validate_"), "no function per type");
    assert!(lines("validate.rs") < 300 * 20, "validate.rs has {} lines for 300 types", lines("validate.rs"));
    for file in &generated.files {
        syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{} does not parse: {e}", file.path));
    }
}

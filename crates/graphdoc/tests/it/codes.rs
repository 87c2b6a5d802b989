//! Every diagnostic code is triggered by some test. The content codes are triggered here, by
//! the variant fixtures and docs-input; the rest are named with the test that triggers them.

use graphdoc::{Code, schema_for_version};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Codes no docs page can trigger, and the test that does.
const TRIGGERED_ELSEWHERE: [(Code, &str); 5] = [
    (Code::UnreadableFile, "graphdoc tests/it/limits.rs: a page with invalid UTF-8"),
    (Code::OutputNotWritten, "graphdoc src/write.rs: a_failed_write_names_the_path_and_keeps_the_old_file"),
    (Code::UnsupportedSchema, "graphdoc-codegen tests/it: unsupported keywords yield GD0401"),
    (Code::PayloadNotJson, "graphdoc-cli tests/it/lint.rs: a payload that is not JSON"),
    (Code::PayloadInvalid, "graphdoc-cli tests/it/lint.rs: payload faults"),
];

#[test]
fn every_content_code_is_triggered_by_a_fixture() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut seen = BTreeSet::new();
    for (root, version) in [
        (manifest.join("../graphdoc-parse/tests/fixtures/variants"), "beta"),
        (manifest.join("../../docs-input"), "beta"),
    ] {
        let out = schema_for_version(&root, version).expect("fixtures read");
        seen.extend(out.diagnostics.iter().map(|d| d.code));
    }
    let elsewhere: BTreeSet<Code> = TRIGGERED_ELSEWHERE.iter().map(|(c, _)| *c).collect();
    let missing: Vec<String> = Code::ALL
        .iter()
        .filter(|c| !seen.contains(c) && !elsewhere.contains(c))
        .map(|c| format!("{} {}", c.id(), c.name()))
        .collect();
    assert!(missing.is_empty(), "no fixture triggers: {missing:?}");
    for (code, _) in TRIGGERED_ELSEWHERE {
        assert!(!seen.contains(&code), "{} is triggered by the fixtures now; drop it from the list", code.id());
    }
}

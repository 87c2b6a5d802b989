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

#[test]
fn the_format_cache_reformats_only_what_changed_and_never_changes_the_output() {
    let (mut bundle, operations) = synthetic::bundle(120, 80);
    let settings = Settings::default();
    let cache = graphdoc_codegen::FormatCache::new();
    let first = graphdoc_codegen::generate_cached(&bundle, Some(&operations), &settings, &cache);
    assert_eq!(first, generate(&bundle, Some(&operations), &settings), "a cold cache changes nothing");
    // Only items that prettyplease formats go through the cache: here no more than validate.rs's
    // two fixed runs of items, every type being written as text.
    let (hits, cold_misses) = cache.stats();
    assert!(hits == 0 && cold_misses >= 2, "cold: {hits} hits, {cold_misses} misses");

    // One type's description changes: that type's items are formatted again, nothing else.
    let defs = bundle["$defs"].as_object_mut().expect("$defs");
    let (name, def) = defs.iter_mut().find(|(_, d)| d.get("properties").is_some()).expect("an object type");
    let name = name.clone();
    def["description"] = serde_json::Value::String(format!("Edited description of {name}."));
    let second = graphdoc_codegen::generate_cached(&bundle, Some(&operations), &settings, &cache);
    assert_eq!(second, generate(&bundle, Some(&operations), &settings), "a warm cache changes nothing");
    let (hits, misses) = cache.stats();
    assert!(misses <= 3, "warm, one type edited: {hits} hits, {misses} misses");
    assert!(hits + 3 >= cold_misses, "warm: {hits} hits of {cold_misses} items");
}

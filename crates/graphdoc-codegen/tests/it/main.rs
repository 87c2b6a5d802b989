//! Integration tests for graphdoc-codegen, one binary (see matklad's "delete cargo integration
//! tests"). Every test reads the hand-written fixture pair in `tests/fixtures/`.

mod compile; // the generated crate builds without warnings and agrees with jsonschema
mod formats; // support.rs format and number checks agree with jsonschema
mod injection; // hostile doc text never becomes code
mod memo; // whole items kept between cached runs
mod output; // snapshots, determinism, hostile names, diagnostics
mod patch; // rewriting only what a prose edit reaches
mod robustness;
mod scale; // generation time and size on a Graph-sized synthetic bundle
pub mod synthetic;

use graphdoc_codegen::{Generated, Settings, generate};
use serde_json::Value;
use std::path::Path;

/// The fixture bundle and operations index.
pub fn fixtures() -> (Value, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |name: &str| -> Value {
        let text = std::fs::read_to_string(dir.join(name)).expect("fixture is readable");
        serde_json::from_str(&text).expect("fixture is JSON")
    };
    (read("graph.schema.json"), read("operations.json"))
}

pub fn generate_fixtures() -> Generated {
    let (bundle, operations) = fixtures();
    generate(&bundle, Some(&operations), &Settings::default())
}

pub fn file<'g>(generated: &'g Generated, path: &str) -> &'g str {
    generated
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| panic!("{path} is generated"))
}

//! The generated validators against the jsonschema crate and against serde_json parsing, on
//! every example body of the docs this crate was generated from (`docs-input/beta`), with
//! identical verdicts required. Prints `ratio validate_vs_jsonschema …` and
//! `ratio validate_vs_parse …`. (`cargo xtask bench` measures the same over every corpus example
//! body, interpreting the corpus tables directly.)
//!
//! The committed crate comes from docs-input (a few pages), so the payloads are few and each
//! round repeats them. Once the whole-corpus crate compiles (`cargo xtask corpus --compile`),
//! the same bench runs on it by pointing `DOCS`/`VERSION` at the corpus and linking that crate
//! instead of `graph_beta`: nothing else here is specific to docs-input.

use graph_beta::validate::{Validator, request_body_validator, type_validator};
use graphdoc::RunOptions;
use graphdoc_resolve::ExampleTarget;
use serde_json::{Value, json};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

const VERSION: &str = "beta";
const BASE: &str = "file:///graphdoc/schemas/beta/";

/// One payload: its text, its value, the generated check and the jsonschema validator.
struct Case {
    text: String,
    value: Value,
    generated: Generated,
    reference: usize,
}

enum Generated {
    One(Validator),
    /// An OData collection page: `{"value": [items]}`, each item checked.
    Collection(Validator),
}

impl Generated {
    fn is_valid(&self, value: &Value) -> bool {
        match self {
            Generated::One(v) => v.is_valid(value),
            Generated::Collection(v) => match value {
                Value::Object(map) => match map.get("value") {
                    None => true,
                    Some(Value::Array(items)) => items.iter().all(|item| v.is_valid(item)),
                    Some(_) => false,
                },
                _ => false,
            },
        }
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input");
    let options = RunOptions { jobs: 0, check_examples: false };
    let run = graphdoc::run_version_with(&docs, VERSION, options, &mut |_, _| {}).expect("docs-input runs");
    let registry = jsonschema::Registry::new()
        .add(format!("{BASE}graph.schema.json"), run.output.schema.clone())
        .expect("bundle registers")
        .prepare()
        .expect("registry prepares");
    let compile = |schema: &Value| {
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_registry(&registry)
            .with_base_uri(format!("{BASE}operations.json"))
            .build(schema)
            .expect("schema compiles")
    };
    let mut references = Vec::new();
    let mut cases = Vec::new();
    let mut skipped = 0;
    for example in &run.model.examples {
        let Some(value) = example.body.value() else { continue };
        let (generated, schema) = match &example.target {
            ExampleTarget::Request { method, path } => {
                let schema = run.output.operations["operations"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|op| op["method"] == method.as_str() && op["path"] == path.as_str())
                    .and_then(|op| op["requestBody"].get("schema").cloned());
                match (request_body_validator(method, path), schema) {
                    (Some(v), Some(s)) => (Generated::One(v), s),
                    _ => {
                        skipped += 1;
                        continue;
                    }
                }
            }
            ExampleTarget::Response { type_name, collection } => {
                let Some(v) = type_validator(type_name) else {
                    skipped += 1;
                    continue;
                };
                let reference = json!({"$ref": format!("graph.schema.json#/$defs/{type_name}")});
                if *collection {
                    let schema =
                        json!({"type": "object", "properties": {"value": {"type": "array", "items": reference}}});
                    (Generated::Collection(v), schema)
                } else {
                    (Generated::One(v), reference)
                }
            }
        };
        // Compiled once, outside the timing.
        references.push(compile(&schema));
        let text = serde_json::to_string(value).expect("serialises");
        cases.push(Case { text, value: value.clone(), generated, reference: references.len() - 1 });
    }
    assert!(!cases.is_empty(), "no example bodies with a validator");
    let disagreements: Vec<&str> = cases
        .iter()
        .filter(|c| c.generated.is_valid(&c.value) != references[c.reference].is_valid(&c.value))
        .map(|c| c.text.as_str())
        .collect();
    let valid = cases.iter().filter(|c| c.generated.is_valid(&c.value)).count();
    println!(
        "validate: {} example bodies from docs-input/{VERSION} ({valid} valid, {skipped} without a validator); verdicts identical: {}",
        cases.len(),
        disagreements.is_empty()
    );
    assert!(disagreements.is_empty(), "generated validators and jsonschema disagree on {disagreements:#?}");

    // Each timing repeats the payload list enough times to last a few milliseconds.
    let bytes: usize = cases.iter().map(|c| c.text.len()).sum();
    let repeat = (2_000_000 / bytes.max(1)).max(1);
    let rounds = if quick { 5 } else { 15 };
    let (mut parse, mut reference, mut generated) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        parse.push(time(repeat, || {
            for c in &cases {
                black_box(serde_json::from_str::<Value>(black_box(&c.text)).is_ok());
            }
        }));
        reference.push(time(repeat, || {
            for c in &cases {
                black_box(references[c.reference].is_valid(black_box(&c.value)));
            }
        }));
        generated.push(time(repeat, || {
            for c in &cases {
                black_box(c.generated.is_valid(black_box(&c.value)));
            }
        }));
    }
    let per = |v: &mut Vec<f64>| median(v) / (repeat * cases.len()) as f64 * 1e9;
    let (p, r, g) = (per(&mut parse), per(&mut reference), per(&mut generated));
    println!("time validate_generated {g:.0} ns/payload");
    println!("time validate_jsonschema {r:.0} ns/payload");
    println!("time parse_serde_json {p:.0} ns/payload");
    println!("ratio validate_vs_jsonschema {:.2} (target <= 0.33; docs-input payloads)", g / r);
    println!("ratio validate_vs_parse {:.2} (target <= 0.5; docs-input payloads)", g / p);
}

fn time(repeat: usize, f: impl Fn()) -> f64 {
    let start = Instant::now();
    for _ in 0..repeat {
        f();
    }
    start.elapsed().as_secs_f64()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

//! `validate_vs_jsonschema` and `validate_vs_parse` over every example body of the corpus (both
//! versions; a collection page counts once per item), with identical verdicts required.
//!
//! The generated validators are tables interpreted by `support::Program`; the tables here are the
//! ones `validate.rs` of each version's generated crate would hold (`validator_tables`), and the
//! interpreter is the same file the generated crates carry, so no 500,000-line crate needs to be
//! built for the figures. Every validator (ours decoded, jsonschema's compiled) is made before
//! the timing starts.

use anyhow::{Context, Result, bail};
use graphdoc::{CodegenSettings, RunOptions};
use graphdoc_codegen::support::Program;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

const BASE: &str = "file:///graphdoc/schemas/";

struct Case {
    text: String,
    value: Value,
    program: &'static Program,
    node: u32,
    reference: usize,
}

pub(super) fn run(docs: &Path, versions: &[String], quick: bool) -> Result<()> {
    let mut cases = Vec::new();
    let mut references: Vec<jsonschema::Validator> = Vec::new();
    let mut skipped = 0usize;
    for version in versions {
        let options = RunOptions { jobs: 0, check_examples: false };
        let run = graphdoc::run_version_with(docs, version, options, &mut |_, _| {})?;
        let (schema, operations) = (&run.output.schema, &run.output.operations);
        let (tables, _) = graphdoc_codegen::validator_tables(schema, Some(operations), &CodegenSettings::default());
        let program = Program::decode(&tables.text).with_context(|| format!("[{version}] the tables decode"))?;
        // Lives as long as the process, as the `static` in a generated crate does.
        let program: &'static Program = Box::leak(Box::new(program));
        let types: HashMap<&str, u32> = tables.types.iter().map(|(n, i)| (n.as_str(), *i)).collect();
        let bodies: HashMap<(&str, &str), u32> =
            tables.request_bodies.iter().map(|(m, p, i)| ((m.as_str(), p.as_str()), *i)).collect();
        let registry =
            jsonschema::Registry::new().add(format!("{BASE}{version}/graph.schema.json"), schema.clone())?.prepare()?;
        let mut request_schemas: HashMap<(&str, &str), &Value> = HashMap::new();
        for op in operations["operations"].as_array().into_iter().flatten() {
            if let (Some(m), Some(p), Some(s)) =
                (op["method"].as_str(), op["path"].as_str(), op.get("requestBody").and_then(|b| b.get("schema")))
            {
                request_schemas.entry((m, p)).or_insert(s);
            }
        }
        let mut compiled: HashMap<String, Option<usize>> = HashMap::new();
        let examples = crate::corpus::example_cases(&run);
        for case in examples.as_array().into_iter().flatten() {
            let target = &case["target"];
            let (key, node, schema) =
                match (target["type"].as_str(), target["method"].as_str(), target["path"].as_str()) {
                    (Some(name), _, _) => {
                        let pointer = name.replace('~', "~0").replace('/', "~1");
                        (
                            name.to_owned(),
                            types.get(name),
                            Some(json!({"$ref": format!("graph.schema.json#/$defs/{pointer}")})),
                        )
                    }
                    (None, Some(m), Some(p)) => {
                        (format!("{m} {p}"), bodies.get(&(m, p)), request_schemas.get(&(m, p)).map(|s| (*s).clone()))
                    }
                    _ => (String::new(), None, None),
                };
            let (Some(&node), Some(schema)) = (node, schema) else {
                skipped += 1;
                continue;
            };
            let reference = *compiled.entry(key).or_insert_with(|| {
                let built = jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .should_validate_formats(true)
                    .with_registry(&registry)
                    .with_base_uri(format!("{BASE}{version}/operations.json"))
                    .build(&schema)
                    .ok()?;
                references.push(built);
                Some(references.len() - 1)
            });
            let Some(reference) = reference else {
                skipped += 1;
                continue;
            };
            let value = case["body"].clone();
            cases.push(Case { text: value.to_string(), value, program, node, reference });
        }
    }
    if cases.is_empty() {
        bail!("no example bodies with a validator");
    }
    let disagreements: Vec<&str> = cases
        .iter()
        .filter(|c| c.program.is_valid(c.node, &c.value) != references[c.reference].is_valid(&c.value))
        .map(|c| c.text.as_str())
        .collect();
    let valid = cases.iter().filter(|c| c.program.is_valid(c.node, &c.value)).count();
    let bytes: usize = cases.iter().map(|c| c.text.len()).sum();
    println!(
        "validate: {} corpus example bodies, {:.1} MB ({valid} valid; {skipped} without a validator); verdicts identical: {}",
        cases.len(),
        bytes as f64 / 1e6,
        disagreements.is_empty()
    );
    if !disagreements.is_empty() {
        bail!(
            "generated validators and jsonschema disagree on {} bodies, e.g. {:?}",
            disagreements.len(),
            &disagreements[..disagreements.len().min(3)]
        );
    }

    // Interleaved rounds, medians: the three subjects see the same machine state.
    let rounds = if quick { 5 } else { 15 };
    let (mut parse, mut reference, mut generated) = (Vec::new(), Vec::new(), Vec::new());
    let mut walk = Vec::new();
    for _ in 0..rounds {
        parse.push(time(|| {
            for c in &cases {
                black_box(serde_json::from_str::<Value>(black_box(&c.text)).is_ok());
            }
        }));
        reference.push(time(|| {
            for c in &cases {
                black_box(references[c.reference].is_valid(black_box(&c.value)));
            }
        }));
        generated.push(time(|| {
            for c in &cases {
                black_box(c.program.is_valid(c.node, black_box(&c.value)));
            }
        }));
        walk.push(time(|| {
            for c in &cases {
                black_box(touch_payload(black_box(&c.value)));
            }
        }));
    }
    let walk = super::median(&mut walk) / cases.len() as f64 * 1e9;
    let timings = Timings { count: cases.len(), parse, reference, generated };
    let reference_ns =
        timings.print("", ["target <= 0.33; every corpus example body", "target <= 0.5; every corpus example body"]);
    println!(
        "time validate_payload_walk {walk:.0} ns/payload (each member name and string touched once, nothing checked)"
    );
    println!(
        "ratio payload_walk_vs_jsonschema {:.2} (the floor under validate_vs_jsonschema: reading the payloads alone)",
        walk / reference_ns
    );
    just_parsed(&cases, &references, rounds);
    Ok(())
}

/// The same three subjects on payloads just parsed, as a linter sees them (parse, then
/// validate). Above, the 8,500 payloads' values (tens of MB) are read from memory on every
/// pass, and both validators wait on those reads: that is the worst case. Here payloads go in
/// batches small enough to stay in cache: parse a batch, then validate it with each validator,
/// the first of the two alternating from batch to batch (the second finds the batch warmer).
fn just_parsed(cases: &[Case], references: &[jsonschema::Validator], rounds: usize) {
    const BATCH: usize = 16;
    let (mut parse, mut reference, mut generated) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (mut p, mut r, mut g) = (0.0, 0.0, 0.0);
        for (i, batch) in cases.chunks(BATCH).enumerate() {
            let start = Instant::now();
            let values: Vec<Value> =
                batch.iter().map(|c| serde_json::from_str(black_box(&c.text)).unwrap_or(Value::Null)).collect();
            p += start.elapsed().as_secs_f64();
            let ours = || {
                time(|| {
                    for (c, value) in batch.iter().zip(&values) {
                        black_box(c.program.is_valid(c.node, black_box(value)));
                    }
                })
            };
            let theirs = || {
                time(|| {
                    for (c, value) in batch.iter().zip(&values) {
                        black_box(references[c.reference].is_valid(black_box(value)));
                    }
                })
            };
            if i % 2 == 0 {
                g += ours();
                r += theirs();
            } else {
                r += theirs();
                g += ours();
            }
        }
        parse.push(p);
        reference.push(r);
        generated.push(g);
    }
    let timings = Timings { count: cases.len(), parse, reference, generated };
    let _ = timings.print("just_parsed_", ["payloads validated right after parsing"; 2]);
}

/// Seconds per round of each subject over `count` payloads.
struct Timings {
    count: usize,
    parse: Vec<f64>,
    reference: Vec<f64>,
    generated: Vec<f64>,
}

impl Timings {
    /// The `time` and `ratio` lines, names starting `prefix`, each ratio followed by its note;
    /// returns jsonschema's time per payload in ns.
    fn print(mut self, prefix: &str, notes: [&str; 2]) -> f64 {
        let per = |v: &mut Vec<f64>| super::median(v) / self.count as f64 * 1e9;
        let (p, r, g) = (per(&mut self.parse), per(&mut self.reference), per(&mut self.generated));
        println!("time {prefix}validate_generated {g:.0} ns/payload");
        println!("time {prefix}validate_jsonschema {r:.0} ns/payload");
        println!("time {prefix}parse_serde_json {p:.0} ns/payload");
        println!("ratio {prefix}validate_vs_jsonschema {:.2} ({})", g / r, notes[0]);
        println!("ratio {prefix}validate_vs_parse {:.2} ({})", g / p, notes[1]);
        r
    }
}

fn time(f: impl Fn()) -> f64 {
    let start = Instant::now();
    f();
    start.elapsed().as_secs_f64()
}

/// What a validator that looks at every member reads at the least: each member's name and each
/// string's first byte, every array item, every nested object (a name is needed to find its
/// rule; a string is read by any format or enum check). Walked over the same cold payloads as
/// the validators, it is the part of their time that no table layout can remove.
fn touch_payload(value: &Value) -> usize {
    let first_byte = |text: &str| usize::from(text.as_bytes().first().copied().unwrap_or(0));
    match value {
        Value::String(text) => first_byte(text),
        Value::Array(items) => items.iter().map(touch_payload).sum(),
        Value::Object(members) => members.iter().map(|(name, member)| first_byte(name) + touch_payload(member)).sum(),
        _ => 1,
    }
}

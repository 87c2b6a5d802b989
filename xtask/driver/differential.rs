//! The corpus differential and round-trip driver, written into each generated corpus crate by
//! `cargo xtask corpus --compile` (as `examples/differential/main.rs`, beside the generated
//! `round_trip.rs`). It is not compiled as part of xtask.
//!
//! `cargo run --example differential -- CASES SCHEMA_DIR`: CASES is the JSON array xtask writes
//! (`{source, target: {type} | {method, path}, body}`), SCHEMA_DIR holds `graph.schema.json` and
//! `operations.json`. For every case and systematic mutations of it, the generated validator's
//! verdict is compared with jsonschema's on the exported schema; every case the generated
//! validator accepts is read into its generated type and written back. The last line is a JSON
//! summary that xtask reads.

use graph_corpus::{request_body_validator, type_validator};
#[allow(unused_imports)]
use graph_corpus::{requests, types};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};

mod round_trip;

const BASE: &str = "file:///graphdoc/schemas/";
/// A name no schema lists: as an enum member, an `@odata.type`, a format value.
const UNKNOWN: &str = "graphdocUnknownValue";

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Target {
    Type(String),
    Request(String, String),
}

struct Case {
    source: String,
    target: Target,
    body: Value,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(cases), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: differential CASES SCHEMA_DIR");
        std::process::exit(2);
    };
    let read = |path: &str| -> Value {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"))
    };
    let bundle = read(&format!("{dir}/graph.schema.json"));
    let operations = read(&format!("{dir}/operations.json"));
    let cases: Vec<Case> = read(cases).as_array().into_iter().flatten().filter_map(case).collect();

    let registry = jsonschema::Registry::new()
        .add(format!("{BASE}graph.schema.json"), bundle)
        .expect("the bundle registers")
        .prepare()
        .expect("the registry prepares");
    let mut request_schemas: HashMap<(String, String), Value> = HashMap::new();
    for op in operations["operations"].as_array().into_iter().flatten() {
        if let (Some(m), Some(p), Some(schema)) =
            (op["method"].as_str(), op["path"].as_str(), op.get("requestBody").and_then(|b| b.get("schema")))
        {
            request_schemas.entry((m.to_owned(), p.to_owned())).or_insert_with(|| schema.clone());
        }
    }
    let mut reference: HashMap<Target, Option<jsonschema::Validator>> = HashMap::new();
    let round_trips: HashMap<Target, round_trip::RoundTrip> = round_trip::TYPES
        .iter()
        .map(|(name, f)| (Target::Type((*name).to_owned()), *f))
        .chain(
            round_trip::REQUEST_BODIES.iter().map(|(m, p, f)| (Target::Request((*m).to_owned(), (*p).to_owned()), *f)),
        )
        .collect();

    let (mut compared, mut agreed, mut originals, mut originals_agreed, mut skipped) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut by_mutation: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut disagreements: Vec<String> = Vec::new();
    let (mut trips, mut trips_equal, mut trips_failed) = (0usize, 0usize, 0usize);
    // Cases where the quick verdict (`is_valid`) is not the report's (`validate`); must be 0.
    let mut quick_disagreed = 0usize;
    let mut trip_differences: BTreeMap<String, Vec<String>> = BTreeMap::new();

    for case in &cases {
        let generated = match &case.target {
            Target::Type(name) => type_validator(name),
            Target::Request(m, p) => request_body_validator(m, p),
        };
        let Some(generated) = generated else {
            skipped += 1;
            continue;
        };
        let validator = reference.entry(case.target.clone()).or_insert_with(|| {
            let schema = match &case.target {
                Target::Type(name) => {
                    json!({"$ref": format!("graph.schema.json#/$defs/{}", name.replace('~', "~0").replace('/', "~1"))})
                }
                Target::Request(m, p) => request_schemas.get(&(m.clone(), p.clone())).cloned()?,
            };
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .with_registry(&registry)
                .with_base_uri(format!("{BASE}operations.json"))
                .build(&schema)
                .ok()
        });
        let Some(validator) = validator.as_ref() else {
            skipped += 1;
            continue;
        };
        let mut variants = vec![("original".to_owned(), String::new(), case.body.clone())];
        mutations(&case.body, "", 0, &mut variants);
        for (kind, at, body) in &variants {
            let ours = generated.validate(body);
            let theirs = validator.is_valid(body);
            if generated.is_valid(body) != ours.is_ok() && disagreements.len() < 40 {
                disagreements.push(format!("{} [{kind} at `{at}`]: is_valid disagrees with validate", case.source));
                quick_disagreed += 1;
            }
            compared += 1;
            let entry = by_mutation.entry(kind.clone()).or_default();
            entry.0 += 1;
            if kind == "original" {
                originals += 1;
            }
            if ours.is_ok() == theirs {
                agreed += 1;
                entry.1 += 1;
                if kind == "original" {
                    originals_agreed += 1;
                }
            } else if disagreements.len() < 40 {
                let detail = match &ours {
                    Ok(()) => format!("generated accepts; jsonschema: {}", first_error(validator, body)),
                    Err(v) => format!(
                        "jsonschema accepts; generated: {}",
                        v.first().map(|v| v.to_string()).unwrap_or_default()
                    ),
                };
                disagreements.push(format!("{} [{kind} at `{at}`]: {detail}", case.source));
            }
        }
        if generated.validate(&case.body).is_ok() {
            trips += 1;
            match round_trips.get(&case.target).map(|f| f(&case.body)) {
                Some(Ok(back)) if back == case.body => trips_equal += 1,
                Some(Ok(back)) => {
                    let (pointer, what) = difference(&case.body, &back, String::new());
                    trip_differences.entry(what).or_default().push(format!("{} at `{pointer}`", case.source));
                }
                Some(Err(_)) if breaks_derived_type(&case.body) => {
                    trip_differences.entry(DERIVED.to_owned()).or_default().push(case.source.clone());
                }
                Some(Err(e)) => {
                    trips_failed += 1;
                    trip_differences
                        .entry(format!("error: {}", e.chars().take(120).collect::<String>()))
                        .or_default()
                        .push(case.source.clone());
                }
                None => trip_differences.entry("no generated type".to_owned()).or_default().push(case.source.clone()),
            }
        }
    }

    println!(
        "differential: {agreed}/{compared} verdicts agree ({:.3}%); originals {originals_agreed}/{originals}; {skipped} cases without a validator",
        percent(agreed, compared)
    );
    for (kind, (n, ok)) in &by_mutation {
        println!("  {kind:<24} {ok}/{n}");
    }
    println!("quick verdict (is_valid) differs from the report (validate) in {quick_disagreed} of {compared} cases");
    for d in &disagreements {
        println!("  DISAGREE {d}");
    }
    println!(
        "round-trip: {trips_equal}/{trips} valid bodies read and wrote back equal ({:.3}%), {trips_failed} failed to read",
        percent(trips_equal, trips)
    );
    for (what, sources) in &trip_differences {
        println!(
            "  {} × {what} (e.g. {})",
            sources.len(),
            sources.iter().take(3).cloned().collect::<Vec<_>>().join("; ")
        );
    }
    let summary = json!({
        "compared": compared, "agreed": agreed, "quickDisagreed": quick_disagreed, "originals": originals, "originalsAgreed": originals_agreed,
        "skipped": skipped, "roundTrips": trips, "roundTripsEqual": trips_equal, "roundTripsFailed": trips_failed,
        "roundTripDifferences": trip_differences.iter().map(|(k, v)| (k.clone(), Value::from(v.len()))).collect::<Map<String, Value>>(),
    });
    println!("SUMMARY {summary}");
}

/// The round-trip difference for a body that the schema accepts but whose typed reading fails
/// because an object inside names a derived type with `@odata.type` and breaks that type's
/// schema: like jsonschema, the validator checks a base-typed property against the base's
/// schema, while the `…Kind` enum reads the derived type.
const DERIVED: &str = "intended: an object breaks the derived type its @odata.type names";

/// Whether some object in `value` fails the validator of the type its `@odata.type` names.
fn breaks_derived_type(value: &Value) -> bool {
    match value {
        Value::Object(members) => {
            let named = members.get("@odata.type").and_then(Value::as_str).map(|t| t.trim_start_matches('#'));
            named.and_then(type_validator).is_some_and(|validate| validate.validate(value).is_err())
                || members.values().any(breaks_derived_type)
        }
        Value::Array(items) => items.iter().any(breaks_derived_type),
        _ => false,
    }
}

fn case(value: &Value) -> Option<Case> {
    let target = &value["target"];
    let target = match (target.get("type"), target.get("method"), target.get("path")) {
        (Some(Value::String(t)), _, _) => Target::Type(t.clone()),
        (_, Some(Value::String(m)), Some(Value::String(p))) => Target::Request(m.clone(), p.clone()),
        _ => return None,
    };
    Some(Case { source: value["source"].as_str().unwrap_or_default().to_owned(), target, body: value["body"].clone() })
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 100.0 } else { part as f64 * 100.0 / whole as f64 }
}

fn first_error(validator: &jsonschema::Validator, body: &Value) -> String {
    validator.iter_errors(body).next().map(|e| format!("{} at `{}`", e, e.instance_path())).unwrap_or_default()
}

/// The systematic mutations of `value` (an object's members, recursively to depth 2): each
/// member dropped, set to `null`, given a value of the wrong primitive type, an unknown string
/// (an unknown enum member where the member is an enum), an object put in an array, a wrong
/// `@odata.type`; and the whole value put in an array.
fn mutations(value: &Value, at: &str, depth: usize, out: &mut Vec<(String, String, Value)>) {
    let Value::Object(members) = value else { return };
    let mut put = |kind: &str, key: &str, new: Option<Value>| {
        let mut copy = members.clone();
        match new {
            Some(v) => {
                copy.insert(key.to_owned(), v);
            }
            None => {
                copy.remove(key);
            }
        }
        out.push((kind.to_owned(), format!("{at}/{key}"), Value::Object(copy)));
    };
    put("wrong @odata.type", "@odata.type", Some(Value::String(format!("#microsoft.graph.{UNKNOWN}"))));
    for (key, member) in members {
        if key == "@odata.type" {
            continue;
        }
        put("drop property", key, None);
        if !member.is_null() {
            put("null", key, Some(Value::Null));
        }
        let wrong = match member {
            Value::String(_) => json!(42),
            Value::Number(_) => json!("42"),
            Value::Bool(_) => json!("true"),
            Value::Array(_) | Value::Object(_) => json!(true),
            Value::Null => json!(false),
        };
        put("wrong type", key, Some(wrong));
        if member.is_string() {
            put("unknown string", key, Some(Value::String(UNKNOWN.to_owned())));
        }
        if member.is_object() {
            put("array for object", key, Some(Value::Array(vec![member.clone()])));
        }
        if let Some(Value::Object(first)) = member.as_array().and_then(|a| a.first()) {
            put("object for array", key, Some(Value::Object(first.clone())));
        }
    }
    if depth < 2 {
        for (key, member) in members {
            let mut nested = Vec::new();
            match member {
                Value::Object(_) => mutations(member, &format!("{at}/{key}"), depth + 1, &mut nested),
                Value::Array(items) => {
                    if let Some(first) = items.first() {
                        mutations(first, &format!("{at}/{key}/0"), depth + 1, &mut nested);
                    }
                }
                _ => {}
            }
            for (kind, pointer, new) in nested {
                let mut copy = members.clone();
                let replaced = match member {
                    Value::Array(items) => {
                        let mut items = items.clone();
                        items[0] = new;
                        Value::Array(items)
                    }
                    _ => new,
                };
                copy.insert(key.clone(), replaced);
                out.push((kind, pointer, Value::Object(copy)));
            }
        }
    }
    if depth == 0 {
        out.push(("array for object".to_owned(), String::new(), Value::Array(vec![value.clone()])));
    }
}

/// The first place two values differ, and a short description of how.
fn difference(sent: &Value, back: &Value, at: String) -> (String, String) {
    match (sent, back) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                match b.get(key) {
                    Some(other) if other == value => {}
                    Some(other) => return difference(value, other, format!("{at}/{key}")),
                    None => return (format!("{at}/{key}"), "member dropped".to_owned()),
                }
            }
            match b.keys().find(|k| !a.contains_key(*k)) {
                Some(key) => (format!("{at}/{key}"), "member added".to_owned()),
                None => (at, "objects differ".to_owned()),
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => match a.iter().zip(b).position(|(x, y)| x != y) {
            Some(i) => difference(&a[i], &b[i], format!("{at}/{i}")),
            None => (at, "arrays differ".to_owned()),
        },
        (Value::Number(a), Value::Number(b)) => (at, format!("number {a} written back as {b}")),
        _ => (at, format!("{} written back as {}", kind(sent), kind(back))),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

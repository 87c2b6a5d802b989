//! Builds the crate generated from the fixtures and runs it: it must compile without warnings
//! (and pass clippy), round-trip payloads through its types, and give the same verdict as the
//! jsonschema crate (draft 2020-12, formats checked) on thousands of instances.
//!
//! The crate lives in a throwaway cargo project under `target/tmp` with its own target
//! directory (a nested cargo must not wait on the lock of the one running the tests). Files are
//! rewritten only when they change, so after the first run (which compiles serde once) this
//! costs a few seconds.

use crate::{fixtures, generate_fixtures};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Properties whose keywords the generated validators do not check (`pattern`, `oneOf`; the
/// generator reports them as GD0401), so verdicts on them may differ by design.
const UNCHECKED_PROPERTIES: &[&str] = &["patterned", "either"];

fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::create_dir_all(path.parent().expect("path has a parent")).expect("create dir");
        std::fs::write(path, contents).expect("write file");
    }
}

fn project_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("graphdoc-codegen-fixture");
    let manifest = r#"[package]
name = "graphdoc-fixture"
version = "0.0.0"
edition = "2024"
publish = false

# Not part of the graphdoc workspace.
[workspace]

[dependencies]
serde = { version = "1.0.229", features = ["derive"] }
serde_json = "1.0.154"
"#;
    write_if_changed(&dir.join("Cargo.toml"), manifest);
    // The workspace's lock file pins the same serde versions, so nothing is resolved anew.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.lock");
    let lock_copy = dir.join("Cargo.lock");
    match std::fs::read_to_string(lock) {
        Ok(lock) if !lock_copy.exists() => write_if_changed(&lock_copy, &lock),
        _ => {}
    }
    for file in generate_fixtures().files {
        write_if_changed(&dir.join("src").join(&file.path), &file.contents);
    }
    let program = include_str!("../fixtures/verdicts.rs");
    write_if_changed(&dir.join("src/bin/verdicts.rs"), program);
    dir
}

fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

/// Cases: every type and every request body against a pool of instances, alone and as the
/// value of every property name the fixtures use.
fn cases(bundle: &Value, operations: &Value) -> Vec<Value> {
    let pool = vec![
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(3),
        json!(3.0),
        json!(3.5),
        json!(255),
        json!(256),
        json!(-32768),
        json!(-32769),
        json!(2147483647),
        json!(2147483648u64),
        json!(9223372036854775807i64),
        json!(9223372036854775808u64),
        json!(-9223372036854775808i64),
        json!(0.5),
        json!(10),
        json!(9.99),
        json!(1e300),
        json!(2.5),
        json!(1),
        json!(""),
        json!("a"),
        json!("low"),
        json!("LOW"),
        json!("brandNew"),
        json!("Self"),
        json!("2024-02-29T23:59:60Z"),
        json!("2023-02-29T12:00:00Z"),
        json!("2024-01-01t00:00:00+01:00"),
        json!("2024-01-01"),
        json!("2024-13-01"),
        json!("12:30:00Z"),
        json!("12:30:00"),
        json!("P1D"),
        json!("PT"),
        json!("P1Y2D"),
        json!("123e4567-e89b-12d3-a456-426614174000"),
        json!("123e4567e89b12d3a456426614174000"),
        json!([]),
        json!(["a"]),
        json!([1]),
        json!([null]),
        json!(["low", null, "bad"]),
        json!([{}]),
        json!([{"isSyncAllowed": "yes"}]),
        json!({}),
        json!({"isSyncAllowed": true}),
        json!({"isSyncAllowed": "yes"}),
        json!({"name": 1, "children": [{"name": 2}], "parent": {"parent": {"name": false}}}),
        json!({"@odata.type": 5, "id": 7}),
    ];
    let mut names: Vec<String> = Vec::new();
    collect_property_names(bundle, &mut names);
    collect_property_names(operations, &mut names);
    names.sort();
    names.dedup();
    names.retain(|n| !UNCHECKED_PROPERTIES.contains(&n.as_str()));
    let mut instances = pool.clone();
    for name in &names {
        for value in &pool {
            instances.push(json!({ name.as_str(): value }));
        }
    }
    let mut cases = Vec::new();
    for name in bundle["$defs"].as_object().expect("fixture has $defs").keys() {
        cases.extend(instances.iter().map(|i| json!({"type": name, "instance": i})));
    }
    for operation in operations["operations"].as_array().expect("fixture has operations") {
        if operation["requestBody"].is_object() {
            let (method, path) = (&operation["method"], &operation["path"]);
            cases.extend(instances.iter().map(|i| json!({"method": method, "path": path, "instance": i})));
        }
    }
    cases
}

fn collect_property_names(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                out.extend(properties.keys().cloned());
            }
            map.values().for_each(|v| collect_property_names(v, out));
        }
        Value::Array(list) => list.iter().for_each(|v| collect_property_names(v, out)),
        _ => {}
    }
}

/// The jsonschema verdict for a case: the case's schema is the type's `$ref`, or the request
/// body schema with its `graph.schema.json#` references pointed at the bundled `$defs`.
fn jsonschema_accepts(
    case: &Value,
    bundle: &Value,
    operations: &Value,
    cache: &mut Vec<(Value, jsonschema::Validator)>,
) -> bool {
    let schema = match case.get("type") {
        Some(name) => json!({ "$ref": format!("#/$defs/{}", name.as_str().unwrap_or_default()) }),
        None => {
            let operation = operations["operations"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|o| o["method"] == case["method"] && o["path"] == case["path"])
                .expect("case names an operation");
            let text = operation["requestBody"]["schema"].to_string().replace("graph.schema.json#/$defs/", "#/$defs/");
            serde_json::from_str(&text).expect("schema text is JSON")
        }
    };
    let index = match cache.iter().position(|(s, _)| *s == schema) {
        Some(index) => index,
        None => {
            let mut full = schema.clone();
            full["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
            full["$defs"] = bundle["$defs"].clone();
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(&full)
                .expect("fixture schema compiles");
            cache.push((schema, validator));
            cache.len() - 1
        }
    };
    cache[index].1.is_valid(&case["instance"])
}

#[test]
fn generated_crate_compiles_round_trips_and_agrees_with_jsonschema() {
    let dir = project_dir();
    let build = cargo(&dir, &["build", "--quiet", "--bins"]);
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "the generated crate does not build:\n{stderr}");
    assert!(!stderr.contains("warning"), "the generated crate builds with warnings:\n{stderr}");

    let clippy = cargo(&dir, &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]);
    let clippy_stderr = String::from_utf8_lossy(&clippy.stderr);
    assert!(clippy.status.success(), "clippy rejects the generated crate:\n{clippy_stderr}");

    let (bundle, operations) = fixtures();
    let cases = cases(&bundle, &operations);
    let cases_file = dir.join("cases.json");
    std::fs::write(&cases_file, Value::Array(cases.clone()).to_string()).expect("write cases");
    let run = cargo(&dir, &["run", "--quiet", "--bin", "verdicts", "--", cases_file.to_str().expect("utf-8 path")]);
    assert!(run.status.success(), "the verdicts program failed:\n{}", String::from_utf8_lossy(&run.stderr));
    let verdicts: Vec<Value> = serde_json::from_slice(&run.stdout).expect("verdicts are JSON");
    assert_eq!(verdicts.len(), cases.len());

    let mut cache = Vec::new();
    let mut disagreements = Vec::new();
    for (case, verdict) in cases.iter().zip(&verdicts) {
        let expected = jsonschema_accepts(case, &bundle, &operations, &mut cache);
        if expected != verdict.is_null() {
            disagreements.push(format!("{case}: jsonschema says valid={expected}, generated says {verdict}"));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} verdicts differ:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
    let rejected = verdicts.iter().filter(|v| !v.is_null()).count();
    assert!(rejected > cases.len() / 10 && rejected < cases.len(), "a mix of verdicts: {rejected} of {}", cases.len());

    // What a report looks like: every fault, with pointer, rule and doc line.
    let find = |instance: Value, method: &str| -> Value {
        let index = cases
            .iter()
            .position(|c| {
                c["instance"] == instance
                    && c["method"] == method
                    && c["path"] == "/policies/crossTenantIdentitySyncPolicy/partners"
            })
            .expect("case exists");
        verdicts[index].clone()
    };
    assert_eq!(
        find(json!({"userSyncInbound": {"isSyncAllowed": "yes"}}), "POST"),
        json!([
            "/tenantId: required: expected property \"tenantId\", found nothing (rule from beta/api/crosstenantidentitysyncpolicypartner-post.md:48)",
            "/userSyncInbound/isSyncAllowed: type: expected boolean or null, found string \"yes\" (rule from beta/resources/crosstenantusersyncinbound.md:15)"
        ])
    );
}

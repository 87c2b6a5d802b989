//! Builds the crate generated from the fixtures and runs it: it must compile without warnings
//! (and pass clippy), round-trip payloads through its types, and give the same verdict as the
//! jsonschema crate (draft 2020-12, formats checked) on thousands of instances.
//!
//! The crate lives in a throwaway cargo project under `target/tmp` with its own target
//! directory (a nested cargo must not wait on the lock of the one running the tests). Files are
//! rewritten only when they change, so after the first run (which compiles serde once) this
//! costs a few seconds.

use crate::fixtures;
use graphdoc_codegen::{Settings, crate_files, generate};
use serde_json::{Map, Value, json};
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
    let (bundle, operations) = fixtures();
    let settings = Settings::default().with_namespace_features(true);
    let generated = generate(&bundle, Some(&operations), &settings);
    for file in crate_files(&generated, "graphdoc-fixture") {
        // Its own workspace: the test's target folder may sit inside the graphdoc workspace.
        let contents =
            if file.path == "Cargo.toml" { format!("{}\n[workspace]\n", file.contents) } else { file.contents };
        write_if_changed(&dir.join(&file.path), &contents);
    }
    // The workspace's lock file pins the same serde versions, so nothing is resolved anew.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.lock");
    let lock_copy = dir.join("Cargo.lock");
    match std::fs::read_to_string(lock) {
        Ok(lock) if !lock_copy.exists() => write_if_changed(&lock_copy, &lock),
        _ => {}
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

/// Values every property is set to in turn: each JSON type, numbers at the integer formats'
/// limits, strings in and out of each format, enum members known and unknown, `@odata.type`s of
/// the right and the wrong family, arrays and objects where scalars belong and back.
fn pool() -> Vec<Value> {
    vec![
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
        json!(-32769),
        json!(2147483648u64),
        json!(9223372036854775808u64),
        json!(0.5),
        json!(10),
        json!(""),
        json!("a"),
        json!("low"),
        json!("LOW"),
        json!("brandNew"),
        // Flags values: members joined by a comma and at most one space.
        json!("read"),
        json!("read,write"),
        json!("read, admin.all"),
        json!("read,  write"),
        json!("read,"),
        json!("read,nope"),
        json!("admin_all"),
        json!("Self"),
        json!("#microsoft.graph.security.alert"),
        json!("microsoft.graph.alert"),
        json!("#microsoft.graph.entity"),
        json!("#microsoft.graph.callRecords.callRecord"),
        json!("#microsoft.graph.crossTenantIdentitySyncPolicyPartner"),
        json!("2024-02-29T23:59:60Z"),
        json!("2023-02-29T12:00:00Z"),
        json!("2024-01-01"),
        json!("12:30:00Z"),
        json!("P1D"),
        json!("PT"),
        json!("123e4567-e89b-12d3-a456-426614174000"),
        json!("123e4567e89b12d3a456426614174000"),
        json!([]),
        json!(["a"]),
        json!([null]),
        json!([[1, null], ["x"]]),
        json!(["low", null, "bad"]),
        json!([{}]),
        json!([{"isSyncAllowed": "yes"}]),
        json!({}),
        json!({"isSyncAllowed": "yes"}),
        json!({"@odata.type": "#microsoft.graph.security.alert", "title": 3}),
        json!({"@odata.type": "#microsoft.graph.hostile"}),
        json!({"name": 1, "children": [{"name": 2}], "parent": {"parent": {"name": false}}}),
        json!({"@odata.type": 5, "id": 7}),
    ]
}

/// A valid example per type and request body, which [`mutations`] then breaks systematically.
fn examples() -> Vec<(Value, Value)> {
    let partner = "/policies/crossTenantIdentitySyncPolicy/partners";
    vec![
        (
            json!({"type": "microsoft.graph.crossTenantIdentitySyncPolicyPartner"}),
            json!({
                "@odata.type": "#microsoft.graph.crossTenantIdentitySyncPolicyPartner", "id": "p", "tenantId": "t",
                "displayName": "d", "externalId": "123e4567-e89b-12d3-a456-426614174000", "createdDateTime": "2024-01-01T00:00:00Z",
                "syncCount": 3, "userSyncInbound": {"isSyncAllowed": true}, "risk": "low", "inboundHistory": [{"isSyncAllowed": null}], "tags": ["a"]
            }),
        ),
        (
            json!({"type": "microsoft.graph.alertHolder"}),
            json!({
                "primary": {"@odata.type": "#microsoft.graph.security.alert", "title": "t", "severity": "x"},
                "alerts": [{"severity": "high"}], "grid": [[1, null]], "record": {"version": 1, "organizer": {"isSyncAllowed": false}}, "weird": "self"
            }),
        ),
        (json!({"type": "microsoft.graph.hostile"}), json!({"type": "t", "a/b~c": 1, "self": "s", "mixed": "m"})),
        (
            json!({"type": "microsoft.graph.byteHolder"}),
            json!({"small": 1, "octet": 2, "limited": 1, "day": "2024-01-01", "choice": 2.5, "nullableLevels": ["low", null]}),
        ),
        (
            json!({"type": "microsoft.graph.treeNode"}),
            json!({"name": "n", "children": [{"name": "c"}], "parent": null}),
        ),
        (
            json!({"method": "POST", "path": partner}),
            json!({"@odata.type": "microsoft.graph.crossTenantIdentitySyncPolicyPartner", "tenantId": "t", "userSyncInbound": {"isSyncAllowed": true}}),
        ),
        (
            json!({"method": "POST", "path": "/alertHolders/{alertHolder-id}/alerts"}),
            json!({"alert": {"title": "t"}, "level": "low", "note": null}),
        ),
    ]
}

/// The example broken each way the issue lists, at the top level and one object down: each
/// property dropped (a required one, for some), set to `null`, to a wrong primitive, to an
/// unknown enum member, to an array where an object belongs (and an object where an array
/// does), and `@odata.type` set to types of other families.
fn mutations(example: &Value) -> Vec<Value> {
    let mut out = vec![example.clone()];
    let Some(object) = example.as_object() else { return out };
    for (name, value) in object {
        let with = |replacement: Option<Value>| {
            let mut changed: Map<String, Value> = object.clone();
            match replacement {
                Some(v) => changed.insert(name.clone(), v),
                None => changed.remove(name),
            };
            Value::Object(changed)
        };
        out.push(with(None));
        for wrong in [
            json!(null),
            json!(7),
            json!("brandNewMember"),
            json!(true),
            json!([value.clone()]),
            json!({"value": value.clone()}),
        ] {
            out.push(with(Some(wrong)));
        }
        if value.is_object() {
            out.extend(mutations(value).into_iter().map(|nested| with(Some(nested))));
        }
    }
    for odata_type in [
        "#microsoft.graph.entity",
        "#microsoft.graph.security.alert",
        "microsoft.graph.nope",
        "#microsoft.graph.crossTenantUserSyncInbound",
    ] {
        let mut changed = object.clone();
        changed.insert("@odata.type".to_owned(), json!(odata_type));
        out.push(Value::Object(changed));
    }
    out
}

/// Cases: every type and every request body against the pool (alone, and as the value of each
/// property its schema names), plus the mutations of each example.
fn cases(bundle: &Value, operations: &Value) -> Vec<Value> {
    let pool = pool();
    let instances_for = |schema: &Value| -> Vec<Value> {
        let mut names: Vec<String> = Vec::new();
        collect_property_names(schema, &mut names);
        // The referenced types' properties too (one step), so nested checks are reached.
        let mut refs = Vec::new();
        collect_refs(schema, &mut refs);
        for target in refs {
            collect_property_names(&bundle["$defs"][target.as_str()], &mut names);
        }
        names.sort();
        names.dedup();
        names.retain(|n| !UNCHECKED_PROPERTIES.contains(&n.as_str()));
        let mut instances = pool.clone();
        for name in &names {
            instances.extend(pool.iter().map(|value| json!({ name.as_str(): value })));
        }
        instances
    };
    let mut cases = Vec::new();
    for (name, schema) in bundle["$defs"].as_object().expect("fixture has $defs") {
        cases.extend(instances_for(schema).into_iter().map(|i| json!({"type": name, "instance": i})));
    }
    for operation in operations["operations"].as_array().expect("fixture has operations") {
        if operation["requestBody"].is_object() {
            let (method, path) = (&operation["method"], &operation["path"]);
            let instances = instances_for(&operation["requestBody"]["schema"]);
            cases.extend(instances.into_iter().map(|i| json!({"method": method, "path": path, "instance": i})));
        }
    }
    for (target, example) in examples() {
        for instance in mutations(&example) {
            let mut case = target.clone();
            case["instance"] = instance;
            cases.push(case);
        }
    }
    cases
}

/// A `$defs` key as a URI fragment token: JSON-pointer escaped, then percent-encoded beyond the
/// unreserved characters (`ünï` is `%C3%BCn%C3%AF`).
fn uri_fragment(name: &str) -> String {
    let escaped = name.replace('~', "~0").replace('/', "~1");
    escaped
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
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

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(target) = map.get("$ref").and_then(Value::as_str).and_then(|r| r.split("#/$defs/").nth(1)) {
                out.push(target.to_owned());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(list) => list.iter().for_each(|v| collect_refs(v, out)),
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
        Some(name) => json!({ "$ref": format!("#/$defs/{}", uri_fragment(name.as_str().unwrap_or_default())) }),
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

    // Every namespace feature alone must compile too: fields, variants and request bodies
    // that need another namespace are gated on its feature.
    for features in [
        &["--all-targets"][..],
        &["--lib", "--no-default-features"],
        &["--lib", "--no-default-features", "--features", "call-records"],
        &["--lib", "--no-default-features", "--features", "security"],
    ] {
        let mut args = vec!["clippy", "--quiet"];
        args.extend(features);
        args.extend(["--", "-D", "warnings"]);
        let clippy = cargo(&dir, &args);
        let clippy_stderr = String::from_utf8_lossy(&clippy.stderr);
        assert!(clippy.status.success(), "clippy {features:?} rejects the generated crate:\n{clippy_stderr}");
    }

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

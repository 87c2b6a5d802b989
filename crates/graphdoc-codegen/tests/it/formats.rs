//! The runtime in `support.rs` against the jsonschema crate: format checkers on valid strings
//! and every one-character edit of them, and number checks (`integer`, `minimum`, `maximum`,
//! the exclusive limits, numeric `enum` equality) on edge-case numbers.

use graphdoc_codegen::support::{self, Format, JsonType, Num, Rule};
use serde_json::{Value, json};

fn jsonschema_accepts(schema: &Value, instance: &Value) -> bool {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .expect("schema compiles")
        .is_valid(instance)
}

/// `text`, and every string one deletion, insertion or substitution away from it.
fn edits(text: &str) -> Vec<String> {
    const ALPHABET: &[char] = &[
        '0', '1', '2', '5', '9', '-', ':', '.', '+', 'T', 't', 'Z', 'z', 'P', 'Y', 'M', 'W', 'D', 'H', 'S', 'a', 'F',
        'g', ' ', 'é',
    ];
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![text.to_owned(), String::new()];
    for i in 0..=chars.len() {
        for &c in ALPHABET {
            let mut inserted = chars.clone();
            inserted.insert(i, c);
            out.push(inserted.into_iter().collect());
            if i < chars.len() {
                let mut replaced = chars.clone();
                replaced[i] = c;
                out.push(replaced.into_iter().collect());
            }
        }
        if i < chars.len() {
            let mut deleted = chars.clone();
            deleted.remove(i);
            out.push(deleted.into_iter().collect());
        }
    }
    out
}

#[test]
fn format_checks_agree_with_jsonschema() {
    let seeds: &[(Format, &[&str])] = &[
        (
            Format::DateTime,
            &[
                "2024-02-29T23:59:60Z",
                "1999-12-31t10:20:30.123+05:30",
                "2023-06-01T00:00:00-23:59",
                "2024-01-01T12:00:00z",
            ],
        ),
        (Format::Date, &["2024-02-29", "2023-02-28", "1900-02-28", "2000-02-29", "2021-04-30", "2021-12-31"]),
        (
            Format::Time,
            &["23:59:60Z", "00:00:00.5+00:00", "12:34:56-01:30", "23:59:60+00:00", "00:59:60+01:00", "22:59:60-01:00"],
        ),
        (Format::Duration, &["P1Y2M3DT4H5M6S", "P4W", "PT36H", "P1D", "PT1M", "P1YT1S", "P1Y2M", "PT1H2M"]),
        (Format::Uuid, &["123e4567-e89b-12d3-a456-426614174000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"]),
    ];
    let mut checked = 0;
    let mut disagreements = Vec::new();
    for (format, texts) in seeds {
        let schema = json!({ "format": format.name() });
        for text in texts.iter().flat_map(|t| edits(t)) {
            let expected = jsonschema_accepts(&schema, &json!(text));
            if format.accepts(&text) != expected {
                disagreements.push(format!("{} {text:?}: jsonschema says {expected}", format.name()));
            }
            checked += 1;
        }
    }
    assert!(disagreements.is_empty(), "{} of {checked} differ:\n{}", disagreements.len(), disagreements.join("\n"));
}

#[test]
fn number_checks_agree_with_jsonschema() {
    let numbers = [
        json!(0),
        json!(-0.0),
        json!(1),
        json!(-1),
        json!(1.0),
        json!(1.5),
        json!(-1.5),
        json!(255),
        json!(255.0),
        json!(255.5),
        json!(256),
        json!(i64::MIN),
        json!(i64::MAX),
        json!(u64::MAX),
        json!(9223372036854775808u64),
        json!(9.223372036854776e18),
        json!(1.8446744073709552e19),
        json!(-9.223372036854776e18),
        json!(1e300),
        json!(-1e300),
        json!(5e-324),
        json!(0.1),
        json!(0.30000000000000004),
    ];
    let mut disagreements = Vec::new();
    for instance in &numbers {
        let integer_schema = json!({"type": "integer"});
        let mut out = Vec::new();
        support::check_type(instance, &[JsonType::Integer], "", "", &mut out);
        if out.is_empty() != jsonschema_accepts(&integer_schema, instance) {
            disagreements.push(format!("integer {instance}"));
        }
        for limit in &numbers {
            let Some(limit_num) = limit.as_number().and_then(Num::of) else { continue };
            for (keyword, rule) in [
                ("minimum", Rule::Minimum),
                ("maximum", Rule::Maximum),
                ("exclusiveMinimum", Rule::ExclusiveMinimum),
                ("exclusiveMaximum", Rule::ExclusiveMaximum),
            ] {
                let mut out = Vec::new();
                support::check_limit(instance, rule, limit_num, "", "", &mut out);
                if out.is_empty() != jsonschema_accepts(&json!({ keyword: limit }), instance) {
                    disagreements.push(format!("{instance} {keyword} {limit}"));
                }
            }
            let equal = support::number_equals(instance, limit_num);
            if equal != jsonschema_accepts(&json!({ "enum": [limit] }), instance) {
                disagreements.push(format!("{instance} enum [{limit}]"));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn violations_describe_values_briefly() {
    assert_eq!(support::describe(&json!("x".repeat(50))), format!("string {:?}…", "x".repeat(40)));
    assert_eq!(support::describe(&json!([1])), "array");
    assert_eq!(support::describe(&json!(2.5)), "number 2.5");
    assert_eq!(support::join("/a", "~/"), "/a/~0~1");
}

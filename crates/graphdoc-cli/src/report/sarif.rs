//! SARIF 2.1.0: one run, the tool's rules (the codes that occur), one result per finding.
//!
//! Doc findings name their page relative to the docs root, declared as the `DOCSROOT` base so a
//! code-scanning tool can map it to the repository; payload findings name the file as given.
//! A payload fault's doc rule is a `relatedLocations` entry.

use super::Finding;
use graphdoc::Severity;
use serde_json::{Value, json};
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn log(findings: &[Finding], docs_root: Option<&Path>) -> Value {
    let mut rules: Vec<(&str, &str)> = findings.iter().map(|f| (f.code, f.name)).collect();
    rules.sort();
    rules.dedup();
    let rule_index = |code: &str| rules.iter().position(|(c, _)| *c == code).unwrap_or(0);
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut artifact = json!({ "uri": uri(&f.file) });
            if f.in_docs && docs_root.is_some() {
                artifact["uriBaseId"] = json!("DOCSROOT");
            }
            let mut result = json!({
                "ruleId": f.code,
                "ruleIndex": rule_index(f.code),
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": { "startLine": f.line, "startColumn": f.column },
                    }
                }],
            });
            if let Some(rule) = &f.rule_source {
                let (file, line) = rule.rsplit_once(':').unwrap_or((rule, "1"));
                let line: u32 = line.parse().unwrap_or(1);
                result["relatedLocations"] = json!([{
                    "id": 1,
                    "message": { "text": "the doc line that set the rule" },
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(file) },
                        "region": { "startLine": line },
                    }
                }]);
            }
            if let Some(pointer) = &f.pointer {
                result["properties"] = json!({ "jsonPointer": pointer });
            }
            result
        })
        .collect();
    let rules: Vec<Value> = rules
        .iter()
        .map(|(code, name)| json!({ "id": code, "name": name, "shortDescription": { "text": name } }))
        .collect();
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "graphdoc",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }
        },
        "results": results,
    });
    if let Some(root) = docs_root.and_then(|r| std::fs::canonicalize(r).ok()) {
        let mut base = root.to_string_lossy().replace('\\', "/");
        if !base.ends_with('/') {
            base.push('/');
        }
        let prefix = if base.starts_with('/') { "file://" } else { "file:///" };
        run["originalUriBaseIds"] = json!({ "DOCSROOT": { "uri": format!("{prefix}{}", uri(&base)) } });
    }
    json!({ "$schema": SCHEMA, "version": "2.1.0", "runs": [run] })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative or absolute path as a URI reference: forward slashes, spaces and other
/// characters outside the URI alphabet percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_forward_slashed_and_encoded() {
        assert_eq!(uri("beta/api/x.md"), "beta/api/x.md");
        assert_eq!(uri("my dir\\a#b.json"), "my%20dir/a%23b.json");
    }
}

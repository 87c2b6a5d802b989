//! `graphdoc lint`: faults with pointer, payload line:column and doc rule; non-JSON and empty
//! payloads; operation matching from real URLs; suggestions; bad folders and flags.

use crate::support::{beta_export, data, graphdoc, stderr_of, stdout_of};
use serde_json::Value;

const OPERATION: &str = "POST https://graph.microsoft.com/beta/policies/crossTenantIdentitySyncPolicy/partners";

#[test]
fn a_valid_payload_exits_zero() {
    let (_tmp, schemas) = beta_export();
    let output = graphdoc()
        .arg("lint")
        .arg(data("partner-valid.json"))
        .arg("--schema")
        .arg(&schemas)
        .args(["--operation", OPERATION])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", stdout_of(&output));
    assert_eq!(stdout_of(&output), "");
    assert!(stderr_of(&output).contains("linting against POST /policies/crossTenantIdentitySyncPolicy/partners"));
}

#[test]
fn faults_name_pointer_payload_position_and_doc_rule() {
    let (_tmp, schemas) = beta_export();
    let payload = data("partner-faulty.json");
    let output = graphdoc()
        .arg("lint")
        .arg(&payload)
        .arg("--schema")
        .arg(&schemas)
        .args(["--operation", OPERATION])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = stdout_of(&output).replace(&payload.display().to_string(), "partner-faulty.json");
    insta::assert_snapshot!(stdout);
}

#[test]
fn json_and_sarif_carry_the_pointer_and_the_rule() {
    let (_tmp, schemas) = beta_export();
    let run = |format: &str| -> Value {
        let output = graphdoc()
            .arg("lint")
            .arg(data("partner-faulty.json"))
            .arg("--schema")
            .arg(&schemas)
            .args(["--operation", OPERATION, "--format", format])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1));
        serde_json::from_slice(&output.stdout).expect("stdout is JSON")
    };
    let report = run("json");
    let faults = report["findings"].as_array().expect("findings");
    let sync = faults.iter().find(|f| f["pointer"] == "/userSyncInbound/isSyncAllowed").expect("the nested fault");
    assert_eq!((sync["line"].as_u64(), sync["column"].as_u64()), (Some(4), Some(22)));
    assert_eq!(sync["rule"], "beta/resources/crosstenantusersyncinbound.md:21");
    assert_eq!(report["summary"]["errors"], 3);

    let log = run("sarif");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    let sync =
        results.iter().find(|r| r["properties"]["jsonPointer"] == "/userSyncInbound/isSyncAllowed").expect("nested");
    assert_eq!(sync["ruleId"], "GD0502");
    assert_eq!(
        sync["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "beta/resources/crosstenantusersyncinbound.md"
    );
    assert_eq!(sync["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 21);
}

#[test]
fn a_type_target_checks_against_the_bundle() {
    let (_tmp, schemas) = beta_export();
    let output = graphdoc()
        .arg("lint")
        .arg(data("partner-faulty.json"))
        .arg("--schema")
        .arg(schemas.join("graph.schema.json"))
        .args(["--type", "microsoft.graph.crossTenantIdentitySyncPolicyPartner", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let pointers: Vec<&str> =
        report["findings"].as_array().expect("findings").iter().filter_map(|f| f["pointer"].as_str()).collect();
    // The type, unlike the request body, does not require tenantId.
    assert_eq!(pointers, ["/displayName", "/userSyncInbound/isSyncAllowed"]);
}

#[test]
fn a_payload_that_is_not_json_is_a_finding_at_its_syntax_error() {
    let (_tmp, schemas) = beta_export();
    let output = graphdoc()
        .arg("lint")
        .arg(data("not-json.json"))
        .arg(data("empty.json"))
        .arg("--schema")
        .arg(&schemas)
        .args(["--operation", OPERATION, "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0]["code"], "GD0501");
    assert_eq!((findings[0]["line"].as_u64(), findings[0]["column"].as_u64()), (Some(3), Some(22)));
    assert_eq!(findings[0]["message"], "not JSON: expected `,` or `}`");
    assert_eq!(findings[1]["message"], "not JSON: the file is empty; expected a JSON value");
    assert_eq!((findings[1]["line"].as_u64(), findings[1]["column"].as_u64()), (Some(1), Some(1)));
}

#[test]
fn a_missing_payload_is_reported_the_others_are_checked_and_the_exit_is_two() {
    let (tmp, schemas) = beta_export();
    let output = graphdoc()
        .arg("lint")
        .arg(tmp.path().join("missing.json"))
        .arg(data("partner-faulty.json"))
        .arg("--schema")
        .arg(&schemas)
        .args(["--operation", OPERATION])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("error: reading payload"), "{}", stderr_of(&output));
    assert!(stdout_of(&output).contains("at /userSyncInbound/isSyncAllowed"), "the readable payload is still checked");
}

#[test]
fn request_urls_match_templates_with_ids_and_odata_keys() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("graph.schema.json"), r#"{"$defs": {}}"#).expect("bundle");
    std::fs::write(
        tmp.path().join("operations.json"),
        r#"{"operations": [{"method": "PATCH", "path": "/users/{id}/settings",
            "requestBody": {"schema": {"type": "object", "required": ["x"]}, "source": "u.md:3"}, "responses": []}]}"#,
    )
    .expect("operations");
    for url in ["/users/42/settings", "https://graph.microsoft.com/v1.0/users('a@b.c')/Settings?$select=x"] {
        let output = graphdoc()
            .arg("lint")
            .arg(data("partner-valid.json"))
            .arg("--schema")
            .arg(tmp.path())
            .args(["--operation", &format!("patch {url}")])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "{url}: {}", stderr_of(&output));
        assert!(stdout_of(&output).contains("\"x\" is a required property"), "{url}");
        assert!(stdout_of(&output).contains("= rule: u.md:3"), "the body's source stands in for the rule");
    }
}

#[test]
fn unknown_operations_and_types_get_suggestions_and_exit_two() {
    let (_tmp, schemas) = beta_export();
    let lint = |target: &[&str]| {
        graphdoc()
            .arg("lint")
            .arg(data("partner-valid.json"))
            .arg("--schema")
            .arg(&schemas)
            .args(target)
            .output()
            .expect("runs")
    };
    let output = lint(&["--operation", "POST /policies/crossTenantIdentitySyncPolicy/partner"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_of(&output),
        "error: no operation matches `POST /policies/crossTenantIdentitySyncPolicy/partner`; did you mean `POST /policies/crossTenantIdentitySyncPolicy/partners`?\n"
    );
    let output = lint(&["--operation", "GET /policies/crossTenantIdentitySyncPolicy/partners"]);
    assert!(stderr_of(&output).contains("did you mean `POST /policies/crossTenantIdentitySyncPolicy/partners`?"));
    let output = lint(&["--type", "crossTenantUserSyncInbound"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("did you mean `microsoft.graph.crossTenantUserSyncInbound`?"),
        "{}",
        stderr_of(&output)
    );
    let output = lint(&["--operation", "/no/method"]);
    assert!(stderr_of(&output).contains("is not a request line"), "{}", stderr_of(&output));
}

#[test]
fn conflicting_or_missing_target_flags_are_usage_errors() {
    let (_tmp, schemas) = beta_export();
    let base = || {
        let mut cmd = graphdoc();
        cmd.arg("lint").arg(data("partner-valid.json")).arg("--schema").arg(&schemas);
        cmd
    };
    let both = base().args(["--type", "microsoft.graph.x", "--operation", OPERATION]).output().expect("runs");
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr_of(&both).contains("cannot be used with"), "{}", stderr_of(&both));
    let neither = base().output().expect("runs");
    assert_eq!(neither.status.code(), Some(2));
    assert!(stderr_of(&neither).contains("--type <NAME>"), "{}", stderr_of(&neither));
}

#[test]
fn a_folder_not_written_by_graphdoc_exits_two_naming_what_is_missing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = || {
        graphdoc()
            .arg("lint")
            .arg(data("partner-valid.json"))
            .arg("--schema")
            .arg(tmp.path())
            .args(["--type", "microsoft.graph.x"])
            .output()
            .expect("runs")
    };
    let output = run();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("is not a graphdoc schema folder: it has no graph.schema.json"),
        "{}",
        stderr_of(&output)
    );
    std::fs::write(tmp.path().join("graph.schema.json"), "{\n  \"type\": \"object\"\n}").expect("write");
    let output = run();
    assert!(stderr_of(&output).contains("graph.schema.json has no `$defs` object"), "{}", stderr_of(&output));
    std::fs::write(tmp.path().join("graph.schema.json"), "{ nope").expect("write");
    let output = run();
    assert!(
        stderr_of(&output).contains("graph.schema.json is not JSON (key must be a string at line 1 column 3)"),
        "{}",
        stderr_of(&output)
    );
}

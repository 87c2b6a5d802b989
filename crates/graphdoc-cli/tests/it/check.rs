//! `graphdoc check`: the docs' diagnostics in each format, and exit codes.

use crate::support::{beta_docs, graphdoc, stderr_of, stdout_of};
use serde_json::Value;

#[test]
fn human_output_shows_the_line_and_a_caret_and_warnings_exit_zero() {
    let output = graphdoc().arg("check").arg(beta_docs()).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "warnings alone do not fail: {}", stderr_of(&output));
    let stdout = stdout_of(&output);
    let expected = "\
warning[GD0120 todo-placeholder]: placeholder `TODO: Add Description` left in the page; expected the documentation it stands for
  --> beta/api/crosstenantidentitysyncpolicypartner-post.md:51:18
   |
51 | |tenantId|String|**TODO: Add Description** Required.|
   |                  ^
";
    assert!(stdout.contains(expected), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "no colour when stdout is not a terminal");
    assert!(stderr_of(&output).contains("check: 3 pages: 7 warnings"), "{}", stderr_of(&output));
}

#[test]
fn deny_warnings_exits_one_and_quiet_prints_errors_only() {
    let output = graphdoc().arg("check").arg(beta_docs()).arg("--deny-warnings").arg("--quiet").output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout_of(&output), "", "--quiet hides warnings");
    assert_eq!(stderr_of(&output), "", "--quiet hides the summary");
}

#[test]
fn color_always_paints_the_severity() {
    let output = graphdoc().args(["check", "--color", "always"]).arg(beta_docs()).output().expect("runs");
    assert!(stdout_of(&output).contains("\u{1b}[1;33mwarning[GD0120 todo-placeholder]"), "{}", stdout_of(&output));
}

#[test]
fn json_lists_findings_and_a_summary() {
    let output = graphdoc().args(["check", "--format", "json"]).arg(beta_docs()).output().expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(report["summary"]["warnings"], 7);
    assert_eq!(report["summary"]["pages"], 3);
    let first = &report["findings"][0];
    assert_eq!(first["code"], "GD0120");
    assert_eq!(first["file"], "beta/api/crosstenantidentitysyncpolicypartner-post.md");
    assert_eq!(first["line"], 22);
}

#[test]
fn sarif_is_2_1_0_with_rules_results_and_a_docs_base() {
    let output = graphdoc().args(["check", "--format", "sarif"]).arg(beta_docs()).output().expect("runs");
    let log: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "graphdoc");
    assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "GD0120");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 7);
    assert_eq!(results[0]["level"], "warning");
    let location = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "beta/api/crosstenantidentitysyncpolicypartner-post.md");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "DOCSROOT");
    assert_eq!(location["region"]["startLine"], 22);
    let base = run["originalUriBaseIds"]["DOCSROOT"]["uri"].as_str().expect("base uri");
    assert!(base.starts_with("file:///") && base.ends_with("/docs-input/"), "{base}");
}

#[test]
fn an_unreadable_page_is_an_error_finding_and_exits_one() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let api = tmp.path().join("beta/api");
    std::fs::create_dir_all(&api).expect("mkdir");
    std::fs::write(api.join("bad.md"), b"\xff\xfe not UTF-8").expect("write");
    let output = graphdoc().arg("check").arg(tmp.path().join("beta")).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout_of(&output).contains("error[GD0001 unreadable-file]"), "{}", stdout_of(&output));
}

#[test]
fn a_folder_that_is_not_a_docs_version_exits_two_naming_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let output = graphdoc().arg("check").arg(tmp.path()).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(stderr.starts_with("error: reading docs from"), "{stderr}");
    assert!(stderr.contains("is not a docs version folder"), "{stderr}");

    let missing = graphdoc().arg("check").arg(tmp.path().join("nope")).output().expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr_of(&missing).contains("no such folder"), "{}", stderr_of(&missing));
}

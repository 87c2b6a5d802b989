//! Limits at the file-reading edge (issue 7): bytes that are not UTF-8 cost their page only.
//! The page gets GD0001 unreadable-file; the run goes on with the other pages.

use graphdoc::{Code, Severity, run_version, schema_for_version};
use std::fs;

const GOOD: &str = "---\ntitle: \"good resource type\"\ndoc_type: resourcePageType\n---\n\n# good resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n\n## JSON representation\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.good\"\n}\n-->\n```json\n{\"id\": \"String\"}\n```\n";

#[test]
fn a_page_with_invalid_utf8_gets_gd0001_and_the_run_goes_on() {
    let root = tempfile::tempdir().expect("temp dir");
    let version = root.path().join("beta");
    fs::create_dir_all(version.join("api")).expect("api folder");
    fs::create_dir_all(version.join("resources")).expect("resources folder");
    // A valid page with a lone continuation byte, a truncated sequence, an overlong NUL and a
    // surrogate spliced into its table.
    let mut bad = GOOD.replace("good", "bad").into_bytes();
    let at = bad.windows(6).position(|w| w == b"The id").expect("description cell");
    bad.splice(at..at, [0x80, 0xE2, 0x82, 0xC0, 0x80, 0xED, 0xA0, 0x80].iter().copied());
    fs::write(version.join("resources/bad.md"), &bad).expect("bad page");
    fs::write(version.join("resources/good.md"), GOOD).expect("good page");
    fs::write(version.join("api/empty.md"), [0xFF, 0xFE, 0x00]).expect("binary page");

    let out = schema_for_version(root.path(), "beta").expect("the run goes on");
    let unreadable: Vec<String> =
        out.diagnostics.iter().filter(|d| d.code == Code::UnreadableFile).map(|d| d.loc.to_string()).collect();
    assert_eq!(unreadable, ["beta/api/empty.md:1:1", "beta/resources/bad.md:1:1"]);
    for d in out.diagnostics.iter().filter(|d| d.code == Code::UnreadableFile) {
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.contains("UTF-8"), "the message says why: {d}");
    }
    assert_eq!(out.pages, 3, "every file counts as a page, read or not");
    let defs = out.schema["$defs"].as_object().expect("$defs");
    assert!(defs.contains_key("microsoft.graph.good"), "the good page still defines its type: {:?}", defs.keys());
    assert!(!defs.contains_key("microsoft.graph.bad"), "the unreadable page contributes nothing");

    let run = run_version(root.path(), "beta", &mut |_, _| {}).expect("the run goes on");
    assert_eq!(run.pages.len(), 1, "only the readable page is parsed");
}

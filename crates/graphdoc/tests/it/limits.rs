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

/// A symbolic link inside the docs folder pointing out of it is not followed: the page it
/// points at is never read. (Links in pages are only resolved against pages already read, so
/// `../../../etc/passwd.md` reads nothing either.)
#[cfg(unix)]
#[test]
fn symlinks_out_of_the_docs_root_are_not_followed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&outside).expect("mkdir");
    let secret = "---\ndoc_type: resourcePageType\n---\n# secret resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|key|String|Should never be read.|\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.secret\" } -->\n```json\n{}\n```\n";
    std::fs::write(outside.join("secret.md"), secret).expect("write");
    let resources = tmp.path().join("docs/beta/resources");
    std::fs::create_dir_all(&resources).expect("mkdir");
    let page = "---\ndoc_type: resourcePageType\n---\n# holder resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|other|[secret](../../../../outside/secret.md)|A link out of the docs.|\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.holder\" } -->\n```json\n{}\n```\n";
    std::fs::write(resources.join("holder.md"), page).expect("write");
    std::os::unix::fs::symlink(outside.join("secret.md"), resources.join("secret.md")).expect("symlink");
    std::os::unix::fs::symlink(&outside, resources.join("more")).expect("symlink to a folder");

    let out = graphdoc::schema_for_version(&tmp.path().join("docs"), "beta").expect("docs read");
    let defs = out.schema["$defs"].as_object().expect("defs");
    assert!(defs.contains_key("microsoft.graph.holder"));
    let secret_def = &defs["microsoft.graph.secret"];
    assert_eq!(secret_def["x-graph-unresolved"], true, "the secret page was read: {secret_def}");
    assert_eq!(out.pages, 1, "only the real page is a page");
}

//! Every page in docs-input parsed and snapshotted, with its diagnostics.

use graphdoc_parse::parse_page;
use std::path::Path;

#[test]
fn docs_input_pages() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input").canonicalize().expect("docs-input exists");
    insta::glob!(&root, "**/*.md", |path| {
        let text = std::fs::read_to_string(path).expect("docs-input page is readable");
        let rel = path.strip_prefix(&root).expect("under root").to_string_lossy().replace('\\', "/");
        let (page, diags) = parse_page(&rel, &text);
        let rendered: Vec<String> = diags.iter().map(ToString::to_string).collect();
        insta::assert_json_snapshot!(serde_json::json!({ "page": page, "diagnostics": rendered }));
    });
}

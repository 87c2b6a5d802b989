//! One small fixture per format variant of the Graph docs (tests/fixtures/variants), each parsed
//! and snapshotted with its diagnostics. The fixtures are written for these tests: each
//! reproduces only the structure of one case and says which in its `<!-- fixture: … -->` line.

use graphdoc_parse::parse_page;
use std::path::Path;

#[test]
fn variant_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/variants")
        .canonicalize()
        .expect("variant fixtures exist");
    insta::glob!(&root, "beta/**/*.md", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        let rel = path.strip_prefix(&root).expect("under root").to_string_lossy().replace('\\', "/");
        let (page, diags) = parse_page(&rel, &text);
        let rendered: Vec<String> = diags.iter().map(ToString::to_string).collect();
        insta::assert_json_snapshot!(serde_json::json!({ "page": page, "diagnostics": rendered }));
    });
}

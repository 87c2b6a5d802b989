//! One small fixture per format variant of the Graph docs (tests/fixtures/variants), each parsed
//! and snapshotted with its diagnostics. The fixtures are written for these tests: each
//! reproduces only the structure of one case and says which in its `<!-- fixture: … -->` line.

// KNOWN GAP: these fixtures' snapshots are accepted as today's behaviour, which is wrong:
// - resources/enum-inline-values.md, resources/namespace-lowercase-termstore.md: a `### x values`
//   heading inside `## Properties` does not end the Properties section, so the enum's member
//   rows are also read as properties (`calm`/`busy`; `local`/`global` from a one-column
//   `| Member |` table, typed String by default). They should be enum members only.
// - resources/table-delimiter-width-mismatch.md: a delimiter row with fewer cells than the
//   header is not a GFM table, so the rows become a paragraph: no properties and no diagnostic.
//   Expected: the two rows read (the docs' intent is clear), with a warning.
// - resources/table-multi-line-cells.md: a continuation line ending in the row's closing `|`
//   ("Its last line closes the row with a pipe.|") is read as a one-cell row, then skipped as a
//   bold group row; its text is lost from `level`'s description, silently.
// - resources/inheritance-prose.md: the paragraph holding "inherits from [widget]" is taken as
//   the inheritance sentence only; `resource.description` is null.
// - resources/enum-page.md, resources/enum-flags.md: the description paragraph between the
//   `# x enum type` title and `## Members` is lost (`enums[0].description` is null).

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

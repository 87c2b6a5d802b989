//! The whole pipeline on three fixed pages (two resources and an API page) where the input
//! replaces one table row: parse → resolve → schema → example check → codegen. The schema must
//! be a JSON object with `$defs`, and the generated Rust must parse.
#![no_main]

use graphdoc_fuzz::{check_generated, one_line, parse_checked, text};
use libfuzzer_sys::fuzz_target;

const PARTNER: &str = include_str!("../../docs-input/beta/resources/crosstenantidentitysyncpolicypartner.md");
const INBOUND: &str = include_str!("../../docs-input/beta/resources/crosstenantusersyncinbound.md");
const POST: &str = include_str!("../../docs-input/beta/api/crosstenantidentitysyncpolicypartner-post.md");

/// `page` with its `n`-th table row (counting rows after a `|:---` delimiter) replaced by `row`.
fn replace_row(page: &str, n: usize, row: &str) -> String {
    let mut seen = 0;
    let mut in_table = false;
    let mut out = Vec::new();
    let mut replaced = false;
    for line in page.lines() {
        if line.starts_with("|:") {
            in_table = true;
            out.push(line.to_owned());
            continue;
        }
        if in_table && line.starts_with('|') {
            if seen == n && !replaced {
                out.push(row.to_owned());
                replaced = true;
                seen += 1;
                continue;
            }
            seen += 1;
        } else {
            in_table = false;
        }
        out.push(line.to_owned());
    }
    out.join("\n") + "\n"
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let row = one_line(&text(rest));
    let row = if row.starts_with('|') { row } else { format!("|{row}|") };
    let mut pages = [
        ("beta/resources/crosstenantidentitysyncpolicypartner.md", PARTNER.to_owned()),
        ("beta/resources/crosstenantusersyncinbound.md", INBOUND.to_owned()),
        ("beta/api/crosstenantidentitysyncpolicypartner-post.md", POST.to_owned()),
    ];
    let which = usize::from(selector % 3);
    pages[which].1 = replace_row(&pages[which].1, usize::from(selector / 3 % 8), &row);
    let parsed: Vec<_> = pages.iter().map(|(file, text)| parse_checked(file, text).0).collect();
    let (model, _diags) = graphdoc_resolve::resolve("beta", &parsed);
    let schema = graphdoc_schema::bundle(&model);
    let operations = graphdoc_schema::operations(&model);
    assert!(schema.get("$defs").is_some_and(|d| d.is_object()), "the bundle has no $defs object");
    let check = graphdoc_schema::check_examples(&model, &schema, &operations);
    for d in &check.diagnostics {
        assert!(d.loc.line >= 1, "example diagnostic at line 0: {d}");
    }
    let generated = graphdoc_codegen::generate(&schema, Some(&operations), &graphdoc_codegen::Settings::default());
    check_generated(&generated);
});

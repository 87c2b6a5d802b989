//! The input as the lines of the `## HTTP request` block and of the example request and
//! response blocks (`http_page` in `src/templates.rs`); also `path_template` directly.
#![no_main]

use graphdoc_fuzz::{pages_for_target, parse_checked, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = text(data);
    for (file, page) in pages_for_target("http_block", &input).expect("a page target") {
        parse_checked(file, &page);
    }
    for line in input.lines() {
        let template = graphdoc_parse::path_template(line);
        // The template is cut from the line: never longer than it (plus a leading `/`).
        assert!(template.len() <= line.len() + 1, "path_template({line:?}) = {template:?} grew");
    }
});

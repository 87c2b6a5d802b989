//! The lenient JSON reader (private to graphdoc-parse) through `parse_page`: the input is an
//! annotation inside `<!-- … -->`, an example request and response body, and a resource page's
//! JSON representation (see `annotation_page` and `resource_json_page` in `src/templates.rs`).
#![no_main]

use graphdoc_fuzz::{pages_for_target, parse_checked, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = text(data);
    for (file, page) in pages_for_target("annotation_json", &input).expect("a page target") {
        parse_checked(file, &page);
    }
});

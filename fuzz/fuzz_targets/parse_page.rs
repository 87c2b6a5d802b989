//! Arbitrary bytes (lossy UTF-8) as a whole page, parsed as an API page and as a resource page.
#![no_main]

use graphdoc_fuzz::{pages_for_target, parse_checked, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = text(data);
    for (file, page) in pages_for_target("parse_page", &input).expect("a page target") {
        parse_checked(file, &page);
    }
});

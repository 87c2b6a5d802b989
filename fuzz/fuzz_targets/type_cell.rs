//! The input as the Type cell of a Properties / Relationships / request body table row
//! (`type_cell_pages` in `src/templates.rs`).
#![no_main]

use graphdoc_fuzz::{pages_for_target, parse_checked, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = text(data);
    for (file, page) in pages_for_target("type_cell", &input).expect("a page target") {
        let (parsed, _) = parse_checked(file, &page);
        // The row before the fuzzed one is untouched by it, unless the cell's text breaks out
        // of the table (a `|` splits the cell, but the row itself stays a row).
        if let Some(resource) = &parsed.resource
            && !input.contains(['\n', '\r', '`', '<', '\\'])
        {
            assert!(
                resource.properties.iter().any(|p| p.name == "id"),
                "the row before the fuzzed Type cell was lost: {:?}",
                resource.properties
            );
        }
    }
});

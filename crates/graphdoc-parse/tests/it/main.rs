//! Integration tests for graphdoc-parse: snapshots of parsed pages and their diagnostics.

mod docs_input;
mod limits;
mod regressions;
mod variants;

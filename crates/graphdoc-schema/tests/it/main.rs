//! Integration tests for graphdoc-schema: the docs-input bundle as a snapshot, and the bundle
//! checked against the JSON Schema 2020-12 meta-schema.

mod docs_input;

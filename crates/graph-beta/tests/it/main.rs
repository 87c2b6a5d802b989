//! Tests of the generated crate against the docs it was generated from and against the
//! jsonschema crate validating the exported schemas.

mod founding_page;
mod support;

//! End-to-end tests of the pipeline through the library front door.

mod codes;
mod determinism;
mod incremental;
mod limits;
mod pipeline;
mod variants;

//! An example of graphdoc as a build step: `build.rs` turns `docs-input/beta` into Rust in
//! OUT_DIR, and this line mounts it as the module `graph` (types in `graph::types`,
//! validators in `graph::validate`).

include!(concat!(env!("OUT_DIR"), "/graph.rs"));

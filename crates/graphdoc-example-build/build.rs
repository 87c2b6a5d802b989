//! Generates Rust types and validators from the beta docs into OUT_DIR. The builder prints
//! `cargo:rerun-if-changed` for the docs folder and every page, so editing a page rebuilds
//! this crate and nothing else does.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    graphdoc::Builder::new().docs("../../docs-input/beta").generate()?;
    Ok(())
}

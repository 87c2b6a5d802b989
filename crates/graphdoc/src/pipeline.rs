//! The pipeline over one version folder, keeping the intermediate pages and model for callers
//! that report on them (the corpus run) besides the schema outputs.

use crate::{Error, VersionOutput, read_version};
use graphdoc_parse::Page;
use graphdoc_resolve::Model;
use std::path::Path;

/// One version's pipeline run: the parsed pages, the resolved model and the outputs.
#[derive(Debug, Clone)]
pub struct VersionRun {
    pub pages: Vec<Page>,
    pub model: Model,
    pub output: VersionOutput,
    /// What checking the examples against the schemas found (its diagnostics are in `output`).
    pub examples: graphdoc_schema::ExampleCheck,
}

/// Called as pages are parsed with (pages done, pages in all).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Runs parse → resolve → schema over `<docs_root>/<version>/`.
pub fn run_version(docs_root: &Path, version: &str, progress: Progress<'_>) -> Result<VersionRun, Error> {
    let files = read_version(docs_root, version)?;
    let mut diagnostics = Vec::new();
    let mut pages = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        match &file.text {
            Ok(text) => {
                let (page, diags) = graphdoc_parse::parse_page(&file.rel_path, text);
                diagnostics.extend(diags);
                pages.push(page);
            }
            Err(diag) => diagnostics.push(diag.clone()),
        }
        progress(i + 1, files.len());
    }
    let (model, diags) = graphdoc_resolve::resolve(version, &pages);
    diagnostics.extend(diags);
    let schema = graphdoc_schema::bundle(&model);
    let operations = graphdoc_schema::operations(&model);
    let mut examples = graphdoc_schema::check_examples(&model, &schema, &operations);
    diagnostics.append(&mut examples.diagnostics);
    graphdoc_diagnostics::sort(&mut diagnostics);
    let output = VersionOutput { version: version.to_string(), schema, operations, diagnostics, pages: files.len() };
    Ok(VersionRun { pages, model, output, examples })
}

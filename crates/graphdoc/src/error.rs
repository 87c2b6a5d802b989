//! Errors that stop a run: I/O at the edges. Problems in the docs' content are diagnostics.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot read docs folder {path}: {source}")]
    ReadDocs { path: PathBuf, source: std::io::Error },
    #[error("{path} is not a docs version folder: expected `api/` or `resources/` inside it")]
    NotAVersionFolder { path: PathBuf },
    /// GD0002: reported with its code, like content diagnostics, so CI logs can be searched.
    #[error("GD0002 output-not-written: cannot write {path}: {source}; the previous file, if any, is unchanged")]
    Write { path: PathBuf, source: std::io::Error },
}

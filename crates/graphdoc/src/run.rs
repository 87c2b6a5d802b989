//! The pipeline over a version folder named by one path (`docs-input/beta`), as the CLI and
//! build scripts take it, rather than as (docs root, version name).

use crate::{Error, RunOptions, VersionOutput, run_version_with};
use std::path::{Component, Path, PathBuf};

/// Splits a version folder path into the docs root and the version name:
/// `docs-input/beta` → (`docs-input`, `beta`). A path ending in `.` or `..` is made absolute
/// first, so the version always has a name.
pub fn split_version_folder(folder: &Path) -> Result<(PathBuf, String), Error> {
    let named = |p: &Path| {
        let version = p.file_name()?.to_str()?.to_owned();
        let root = p.parent().map(Path::to_path_buf).unwrap_or_default();
        let root = if root.as_os_str().is_empty() { PathBuf::from(".") } else { root };
        Some((root, version))
    };
    let ends_in_name = matches!(folder.components().next_back(), Some(Component::Normal(_)));
    if let Some(split) = named(folder).filter(|_| ends_in_name) {
        return Ok(split);
    }
    let absolute =
        std::fs::canonicalize(folder).map_err(|source| Error::ReadDocs { path: folder.to_path_buf(), source })?;
    named(&absolute).ok_or_else(|| Error::NotAVersionFolder { path: folder.to_path_buf() })
}

/// Runs parse → resolve → schema over the version folder `folder` (holding `api/` and
/// `resources/`); `progress` is called with (pages parsed, pages in all). File names in
/// diagnostics and sources are relative to the folder's parent (`beta/api/x.md`).
pub fn schema_for_folder(folder: &Path, progress: &mut dyn FnMut(usize, usize)) -> Result<VersionOutput, Error> {
    schema_for_folder_with(folder, RunOptions::default(), progress)
}

/// [`schema_for_folder`] with explicit options (threads, example checks).
pub fn schema_for_folder_with(
    folder: &Path,
    options: RunOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<VersionOutput, Error> {
    let (root, version) = split_version_folder(folder)?;
    Ok(run_version_with(&root, &version, options, progress)?.into_output())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_folder_splits_into_root_and_version() {
        let (root, version) = split_version_folder(Path::new("docs-input/beta")).expect("split");
        assert_eq!((root, version.as_str()), (PathBuf::from("docs-input"), "beta"));
        let (root, version) = split_version_folder(Path::new("beta")).expect("split");
        assert_eq!((root, version.as_str()), (PathBuf::from("."), "beta"));
        let (_, version) = split_version_folder(Path::new(".")).expect("split");
        assert_eq!(version, "graphdoc", "`.` is the crate folder while tests run");
    }
}

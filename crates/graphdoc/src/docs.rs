//! Reading a version folder: every `.md` file under `api/` and `resources/`, in sorted order,
//! named by its path relative to the docs root (`beta/api/x.md`).

use crate::Error;
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use std::path::{Path, PathBuf};

/// One docs file: its root-relative name and its text, or the diagnostic saying why it could
/// not be read.
#[derive(Debug, Clone)]
pub struct DocsFile {
    pub rel_path: String,
    pub path: PathBuf,
    pub text: Result<String, Diagnostic>,
}

const PAGE_FOLDERS: [&str; 2] = ["api", "resources"];

pub fn read_version(docs_root: &Path, version: &str) -> Result<Vec<DocsFile>, Error> {
    Ok(list_version(docs_root, version)?.into_iter().map(|path| read_file(docs_root, &path)).collect())
}

/// The paths of a version folder's pages, in the order [`read_version`] reads them. The
/// pipeline reads each on the thread that parses it, so reading is not a serial step.
pub(crate) fn list_version(docs_root: &Path, version: &str) -> Result<Vec<PathBuf>, Error> {
    list_version_on(docs_root, version, false)
}

/// [`list_version`], each page folder listed on a thread of its own when `parallel` (the
/// pipeline's first step, which nothing else overlaps: listing beta takes about 5 ms).
pub(crate) fn list_version_on(docs_root: &Path, version: &str, parallel: bool) -> Result<Vec<PathBuf>, Error> {
    let version_dir = docs_root.join(version);
    if !PAGE_FOLDERS.iter().any(|f| version_dir.join(f).is_dir()) {
        return Err(Error::NotAVersionFolder { path: version_dir });
    }
    let list = |folder: &str| {
        let dir = version_dir.join(folder);
        let mut paths = Vec::new();
        if dir.is_dir() {
            collect_markdown(&dir, &mut paths)?;
        }
        Ok(paths)
    };
    let [first, second] = PAGE_FOLDERS;
    let (paths, rest) = if parallel {
        std::thread::scope(|scope| {
            let rest = scope.spawn(|| list(second));
            let paths = list(first);
            (paths, rest.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    } else {
        (list(first), list(second))
    };
    // Each folder's pages are in sorted path order (see `collect_markdown`), and the folders
    // are in order: no sort.
    let mut paths = paths?;
    paths.extend(rest?);
    Ok(paths)
}

/// One page of [`list_version`], read.
pub(crate) fn read_file(docs_root: &Path, path: &Path) -> DocsFile {
    let rel_path = rel_path(docs_root, path);
    let text = std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| String::from_utf8(bytes).map_err(|e| format!("not UTF-8 ({e})")))
        .map_err(|why| unreadable(&rel_path, &why));
    DocsFile { rel_path, path: path.to_path_buf(), text }
}

/// A page's name relative to the docs root, `/`-separated (`beta/api/x.md`).
pub(crate) fn rel_path(docs_root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(docs_root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// GD0001 for a page that could not be read, and why.
pub(crate) fn unreadable(rel_path: &str, why: &str) -> Diagnostic {
    Diagnostic::new(Code::UnreadableFile, Loc::new(rel_path, 1, 1), format!("cannot read the page: {why}"))
}

/// `.md` files below `dir`, in path order: each folder's entries sorted by name, a
/// sub-folder's pages where its name sorts. That is the order sorting the whole paths gives
/// (paths compare component by component), without comparing long paths (a visible share of
/// the run). Symbolic links are not followed, so a link cannot pull in files from outside the
/// docs root.
fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::ReadDocs { path: dir.to_path_buf(), source })?;
    let mut kept = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::ReadDocs { path: dir.to_path_buf(), source })?;
        let file_type = entry.file_type().map_err(|source| Error::ReadDocs { path: entry.path(), source })?;
        let path = entry.path();
        if file_type.is_dir() || (file_type.is_file() && path.extension().is_some_and(|e| e == "md")) {
            kept.push((entry.file_name(), file_type.is_dir(), path));
        }
    }
    // Names are unique within a folder, so an unstable sort gives the one order.
    kept.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, is_dir, path) in kept {
        if is_dir {
            collect_markdown(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_listed_in_sorted_path_order() {
        let root = tempfile::tempdir().expect("temp dir");
        // Names where comparing whole path strings and comparing components disagree
        // (`a-b.md` against `a/x.md`), nested folders, and files that are not pages.
        let files = [
            "api/a.md",
            "api/a-b.md",
            "api/a/x.md",
            "api/a/b/c.md",
            "api/a0.md",
            "api/B.md",
            "api/notes.txt",
            "resources/z.md",
            "resources/a/a.md",
            "resources/é.md",
        ];
        for file in files {
            let path = root.path().join("beta").join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, "# x\n").expect("write");
        }
        let listed = list_version(root.path(), "beta").expect("listed");
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted);
        assert_eq!(listed.len(), files.len() - 1, "every .md file and nothing else");
        // The folders listed side by side give the same list; one folder alone is a version too.
        assert_eq!(list_version_on(root.path(), "beta", true).expect("listed"), listed);
        std::fs::remove_dir_all(root.path().join("beta/api")).expect("rm");
        let resources: Vec<_> = listed.iter().filter(|p| p.to_string_lossy().contains("resources")).cloned().collect();
        assert_eq!(list_version_on(root.path(), "beta", true).expect("listed"), resources);
        assert_eq!(list_version_on(root.path(), "beta", false).expect("listed"), resources);
    }
}

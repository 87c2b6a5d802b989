//! Writing outputs so that a reader never sees half a file: write a temporary file beside the
//! target, then rename it over the target (atomic on one file system).

use crate::Error;
use std::io::Write;
use std::path::Path;

pub fn write_atomic(path: &Path, contents: &str) -> Result<(), Error> {
    let err = |source| Error::Write { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.graphdoc-tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_contents_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out/x.json");
        write_atomic(&path, "one").expect("first write");
        write_atomic(&path, "two").expect("second write");
        assert_eq!(std::fs::read_to_string(&path).expect("readable"), "two");
        let names: Vec<_> =
            std::fs::read_dir(dir.path().join("out")).expect("dir").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, ["x.json"]);
    }

    #[test]
    fn a_failed_write_names_the_path_and_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).expect("a directory where the file should go");
        std::fs::write(target.join("keep"), "old").expect("seed");
        let err = write_atomic(&target, "new").expect_err("cannot replace a directory");
        assert!(err.to_string().contains("taken"), "{err}");
        assert_eq!(std::fs::read_to_string(target.join("keep")).expect("kept"), "old");
    }
}

//! Writing outputs so that a reader never sees half a file: write a temporary file beside the
//! target, then rename it over the target (atomic on one file system).

use crate::Error;
use std::io::Write;
use std::path::Path;

/// The marker in the name of [`write_atomic`]'s temporary files, followed by the writer's PID.
const TEMPORARY: &str = ".graphdoc-tmp-";

pub fn write_atomic(path: &Path, contents: &str) -> Result<(), Error> {
    let err = |source| Error::Write { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}{TEMPORARY}{}", std::process::id()));
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

/// Removes the temporary files a killed writer left in `dir` (a process that is gone cannot
/// finish its rename). Files of live processes, and everything on systems without `/proc` to
/// tell, are left alone. Returns how many were removed; errors only mean fewer were.
pub fn sweep_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some((_, pid)) = name.strip_prefix('.').and_then(|rest| rest.rsplit_once(TEMPORARY)) else { continue };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if pid != std::process::id() && is_gone(pid) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether process `pid` is known to have ended (Linux's `/proc`; elsewhere never known).
fn is_gone(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
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
    fn temporaries_of_ended_processes_are_swept_and_others_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str| std::fs::write(dir.path().join(name), "x").expect("seed");
        // PID 4294967 is above Linux's largest pid_max, so no process has it.
        write(".x.json.graphdoc-tmp-4294967");
        write(&format!(".x.json.graphdoc-tmp-{}", std::process::id()));
        write(".hidden");
        write("x.json.graphdoc-tmp-4294967");
        let expected = if Path::new("/proc/self").exists() { 1 } else { 0 };
        assert_eq!(sweep_stale_temporaries(dir.path()), expected);
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut kept = vec![".hidden".to_owned(), format!(".x.json.graphdoc-tmp-{}", std::process::id())];
        kept.push("x.json.graphdoc-tmp-4294967".to_owned());
        if expected == 0 {
            kept.push(".x.json.graphdoc-tmp-4294967".to_owned());
        }
        kept.sort();
        assert_eq!(names, kept);
        assert_eq!(sweep_stale_temporaries(&dir.path().join("missing")), 0);
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

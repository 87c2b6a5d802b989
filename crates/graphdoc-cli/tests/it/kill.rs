//! A run killed partway leaves every output either as it was or as the full run writes it,
//! never half-written: outputs go to a temporary file and are renamed into place.

use crate::support::workspace;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn export(docs: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .args(["schema", "--quiet"])
        .arg(docs)
        .arg("-o")
        .arg(out)
        .status()
        .expect("graphdoc runs");
    assert!(status.code().is_some_and(|c| c <= 1), "the export failed: {status}");
}

/// Every file below `dir` whose name marks it a writer's temporary file.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if entry.file_name().to_string_lossy().contains(".graphdoc-tmp-") {
                out.push(path);
            }
        }
    }
    out
}

/// Every `.json` file below `dir`, relative, with its bytes.
fn json_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let rel = path.strip_prefix(dir).expect("below").to_path_buf();
                out.push((rel, std::fs::read(&path).expect("readable")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_killed_export_leaves_old_or_new_files_never_partial_ones() {
    let corpus = workspace().join("../shared/corpus/graph-docs-2021/v1.0");
    if !corpus.is_dir() {
        eprintln!("skipped: needs the corpus at {} (CI has it) for a run long enough to kill", corpus.display());
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    // Two versions of the docs whose exports differ: one description changed.
    let old_docs = corpus.clone();
    let new_docs = tmp.path().join("new/v1.0");
    copy_dir(&corpus, &new_docs);
    let page = new_docs.join("resources/calendar.md");
    let text = std::fs::read_to_string(&page).expect("calendar.md");
    let delimiter = "|:---------------|:--------|:----------|";
    let added = format!("{delimiter}\n|killTestMarker|String|A property the kill test adds.|");
    std::fs::write(&page, text.replacen(delimiter, &added, 1)).expect("edit");

    let old_out = tmp.path().join("old-export");
    let new_out = tmp.path().join("new-export");
    export(&old_docs, &old_out);
    export(&new_docs, &new_out);
    let old = json_files(&old_out);
    let new = json_files(&new_out);
    assert_ne!(old, new, "the edit must change the export");

    for delay_ms in [300, 1200, 2400] {
        let target = tmp.path().join(format!("killed-{delay_ms}"));
        copy_dir(&old_out, &target);
        let mut child = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
            .args(["schema", "--quiet"])
            .arg(&new_docs)
            .arg("-o")
            .arg(&target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("graphdoc starts");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for (rel, bytes) in json_files(&target) {
            let was = old.iter().find(|(p, _)| *p == rel).map(|(_, b)| b);
            let will_be = new.iter().find(|(p, _)| *p == rel).map(|(_, b)| b);
            assert!(
                was == Some(&bytes) || will_be == Some(&bytes),
                "killed after {delay_ms} ms: {} is neither the old nor the new file",
                rel.display()
            );
        }
        // The next full run finishes the job and removes what a killed run left half-written:
        // whatever this kill left, and a file as a writer killed mid-write leaves it (PID
        // 4294967 is above Linux's largest pid_max, so that process is surely gone).
        // (Where there is no /proc, graphdoc cannot tell a writer is gone and keeps its files.)
        if Path::new("/proc/self").exists() {
            let planted = target.join(".graph.schema.json.graphdoc-tmp-4294967");
            std::fs::write(&planted, "{\"half\": ").expect("plant");
        }
        export(&new_docs, &target);
        let left = temporaries(&target);
        assert!(left.is_empty(), "killed after {delay_ms} ms, then run again: {left:?} left behind");
    }
}

//! Shared helpers: the binary, the workspace's paths, and a fresh schema export.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn graphdoc() -> Command {
    let mut cmd = Command::cargo_bin("graphdoc").expect("the graphdoc binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn beta_docs() -> PathBuf {
    workspace().join("docs-input/beta")
}

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// `graphdoc schema docs-input/beta -o <tmp>/beta`, returning the temp dir and the export.
pub fn beta_export() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("beta");
    graphdoc().arg("schema").arg(beta_docs()).arg("-o").arg(&out).arg("--quiet").assert().success();
    (tmp, out)
}

pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file below `dir`, relative, sorted (to show nothing stray was left behind).
pub fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

//! What generated code depends on besides its input and [`crate::Settings`]: this crate's own
//! source. A cache of generated output (graphdoc's `DiskCache`) keys its entries by these texts
//! too, so a changed generator misses even when its version number did not move; a generator
//! built from the same source with other versions of its dependencies (syn, prettyplease) is
//! not told apart, so bump the version when a dependency upgrade changes the output.

/// Every source file of this crate, by path from the crate root. A test checks that the list
/// names every file under `src/` and `runtime/`.
pub const GENERATOR_SOURCES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../Cargo.toml")),
    ("runtime/serde_support.rs", include_str!("../runtime/serde_support.rs")),
    ("src/cache.rs", include_str!("cache.rs")),
    ("src/emit.rs", include_str!("emit.rs")),
    ("src/enums.rs", include_str!("enums.rs")),
    ("src/fingerprint.rs", include_str!("fingerprint.rs")),
    ("src/kinds.rs", include_str!("kinds.rs")),
    ("src/layout.rs", include_str!("layout.rs")),
    ("src/lib.rs", include_str!("lib.rs")),
    ("src/memo.rs", include_str!("memo.rs")),
    ("src/names.rs", include_str!("names.rs")),
    ("src/parallel.rs", include_str!("parallel.rs")),
    ("src/patch.rs", include_str!("patch.rs")),
    ("src/requests.rs", include_str!("requests.rs")),
    ("src/schema_view.rs", include_str!("schema_view.rs")),
    ("src/support.rs", include_str!("support.rs")),
    ("src/text/enums.rs", include_str!("text/enums.rs")),
    ("src/text/kinds.rs", include_str!("text/kinds.rs")),
    ("src/text/mod.rs", include_str!("text/mod.rs")),
    ("src/text/structs.rs", include_str!("text/structs.rs")),
    ("src/text/tests.rs", include_str!("text/tests.rs")),
    ("src/text/validators.rs", include_str!("text/validators.rs")),
    ("src/types.rs", include_str!("types.rs")),
    ("src/validators.rs", include_str!("validators.rs")),
];

#[cfg(test)]
mod tests {
    use super::GENERATOR_SOURCES;
    use std::path::Path;

    /// Every file under `root/folder`, as `folder/…` paths.
    fn files_under(root: &Path, folder: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(root.join(folder)).expect("a source folder") {
            let entry = entry.expect("an entry");
            let path = format!("{folder}/{}", entry.file_name().to_string_lossy());
            if entry.file_type().expect("a file type").is_dir() {
                files_under(root, &path, out);
            } else {
                out.push(path);
            }
        }
    }

    #[test]
    fn the_sources_list_names_every_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk = vec!["Cargo.toml".to_owned()];
        for folder in ["src", "runtime"] {
            files_under(root, folder, &mut on_disk);
        }
        on_disk.sort();
        let listed: Vec<&str> = GENERATOR_SOURCES.iter().map(|(path, _)| *path).collect();
        assert_eq!(listed, on_disk, "fingerprint.rs must list every source file (sorted)");
        for (path, text) in GENERATOR_SOURCES {
            let actual = std::fs::read_to_string(root.join(path)).expect("readable");
            assert_eq!(&actual, text, "{path}");
        }
    }
}

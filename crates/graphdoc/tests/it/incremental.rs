//! `Regen` gives an uncached run's bytes, runs again only the versions whose pages changed, and
//! parses again only the pages that changed.

use graphdoc::{CodegenSettings, Regen, RegenOutput, RunOptions, run_version_with, rust_for_schema, to_pretty_json};
use std::path::{Path, PathBuf};

const OPTIONS: RunOptions = RunOptions { jobs: 2, check_examples: false };

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The uncached run's schema, operations and Rust files.
fn uncached(root: &Path) -> (String, String, Vec<(String, String)>) {
    let run = run_version_with(root, "beta", OPTIONS, &mut |_, _| {}).expect("docs read");
    let rust = rust_for_schema(&run.output.schema, Some(&run.output.operations), &CodegenSettings::default());
    (
        to_pretty_json(&run.output.schema),
        to_pretty_json(&run.output.operations),
        rust.files.into_iter().map(|f| (f.path, f.contents)).collect(),
    )
}

fn cached(output: &RegenOutput) -> (String, String, Vec<(String, String)>) {
    let rust = output.rust.iter().map(|f| (f.path.clone(), f.contents.clone())).collect();
    (output.schema_json.clone(), output.operations_json.clone(), rust)
}

#[test]
fn regen_redoes_only_what_changed_and_gives_uncached_bytes() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../graphdoc-parse/tests/fixtures/variants");
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture, tmp.path());
    let mut regen = Regen::new(OPTIONS, CodegenSettings::default());

    let first = regen.run(tmp.path(), "beta").expect("first run");
    assert_eq!(cached(&first), uncached(tmp.path()));
    let (_, parsed) = regen.page_hits_and_misses();
    assert!(parsed > 2, "the first run parses every page ({parsed})");

    // Nothing changed: the same outputs, not run again.
    let again = regen.run(tmp.path(), "beta").expect("second run");
    assert!(std::sync::Arc::ptr_eq(&first, &again));

    // One page edited: run again, parsing that page only, with an uncached run's bytes.
    let page = std::fs::read_dir(tmp.path().join("beta/resources"))
        .expect("resources")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .min()
        .expect("a resource page");
    let original = std::fs::read_to_string(&page).expect("page");
    let edited = original.replacen("\n\n", "\n\nEdited for the test.\n\n", 1);
    assert_ne!(edited, original);
    std::fs::write(&page, &edited).expect("edit");
    let changed = regen.run(tmp.path(), "beta").expect("run after the edit");
    assert!(!std::sync::Arc::ptr_eq(&first, &changed));
    assert_eq!(regen.page_hits_and_misses().1, 1, "only the edited page is parsed again");
    assert_eq!(cached(&changed), uncached(tmp.path()));
    assert_ne!(cached(&changed), cached(&first), "the edit reaches the outputs");

    // Edited back: the first outputs' bytes again (the key is the content, not the file's time).
    std::fs::write(&page, &original).expect("restore");
    let restored = regen.run(tmp.path(), "beta").expect("run after the restore");
    assert_eq!(cached(&restored), cached(&first));
}

/// Edits that reach only prose are patched into the previous outputs; any other edit runs the
/// whole pipeline. Either way the outputs are an uncached run's bytes.
#[test]
fn prose_edits_are_patched_and_others_run_whole() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../graphdoc-parse/tests/fixtures/variants");
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture, tmp.path());
    let mut regen = Regen::new(OPTIONS, CodegenSettings::default());
    let mut previous = cached(&regen.run(tmp.path(), "beta").expect("first run"));
    // (page, text, replacement, whether a patch serves it, whether the outputs change), applied
    // one after another.
    let edits = [
        // A property row of the first of two pages defining a type, with text JSON escapes.
        ("resources/duplicate-type-a.md", "as the first page says.", "as \"page A\" says \\ é.", true, true),
        // The description of the type that page defines, and of its second page (which is not
        // used: the first page's is).
        ("resources/duplicate-type-a.md", "described in two places.", "described twice.", true, true),
        ("resources/duplicate-type-b.md", "covers device settings.", "covers settings.", true, false),
        // A property only the second page has.
        ("resources/duplicate-type-b.md", "How loud it is.", "How loud it is, in dB.", true, true),
        // Request-body and parameter rows.
        ("api/semantics-required-column.md", "The weight in grams.", "The weight, in grams.", true, true),
        ("api/parameters-tables.md", "The period to count over", "The span to count over", true, true),
        ("api/parameters-tables.md", "Whether to count spare parts too.", "Whether to count spares.", true, true),
        // What a description says can be structure: read-only, a default, a line more.
        ("resources/duplicate-type-b.md", "How loud it is, in dB.", "How loud it is. Read-only.", false, true),
        ("api/semantics-required-column.md", "The weight, in grams.", "The weight. The default is 5.", false, true),
        ("resources/duplicate-type-a.md", "described twice.", "described\ntwice.", false, true),
    ];
    for (page, from, to, patch, reaches) in edits {
        let path = tmp.path().join("beta").join(page);
        let text = std::fs::read_to_string(&path).expect("page");
        assert!(text.contains(from), "{page} holds {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("edit");
        let patched_before = regen.patched_runs();
        let now = cached(&regen.run(tmp.path(), "beta").expect("run after the edit"));
        assert_eq!(regen.patched_runs() > patched_before, patch, "{page}: {to:?} patched");
        // Compared as booleans: the outputs are too long to print.
        assert!(now == uncached(tmp.path()), "{page}: {to:?} gives an uncached run's bytes");
        assert_eq!(now != previous, reaches, "{page}: {to:?} reaches the outputs");
        previous = now;
    }
}

//! `--help` snapshots: a changed flag or example shows up in review.

use crate::support::{graphdoc, stdout_of};

#[test]
fn help_texts() {
    for args in [
        &["--help"][..],
        &["schema", "--help"],
        &["gen", "--help"],
        &["lint", "--help"],
        &["check", "--help"],
        &["openapi", "--help"],
    ] {
        let output = graphdoc().args(args).output().expect("runs");
        assert!(output.status.success(), "{args:?}");
        insta::assert_snapshot!(format!("help_{}", args.join("_").replace("--", "")), stdout_of(&output));
    }
}

#[test]
fn no_subcommand_is_a_usage_error() {
    graphdoc().assert().code(2).stderr(predicates::str::contains("Usage: graphdoc"));
}

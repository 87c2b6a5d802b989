//! End-to-end tests of the `graphdoc` binary: each subcommand on docs-input/beta and on bad
//! input, checking output, exit code (0 clean, 1 findings, 2 could not run) and the files left.

mod check;
mod generate;
mod help;
mod kill;
mod lint;
mod openapi;
mod schema;
mod support;

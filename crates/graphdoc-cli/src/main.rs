//! The `graphdoc` binary: parse the arguments, run, and turn an error into exit code 2.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = graphdoc_cli::Args::parse();
    graphdoc_cli::run(args).unwrap_or_else(|error| {
        // `{:#}` prints the whole context chain: what failed, then why.
        eprintln!("error: {error:#}");
        ExitCode::from(graphdoc_cli::EXIT_TROUBLE)
    })
}

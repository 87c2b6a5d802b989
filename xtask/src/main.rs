//! Project automation, run as `cargo xtask <task>`:
//!
//! - `regen`: docs-input → schemas/ → generated crates; writes only files whose bytes change.
//! - `check`: writes nothing; fails naming every file `regen` would change.
//! - `corpus`: the pipeline over the real corpus, held to the conformance targets.
//! - `bench`: performance ratios against the markdown parser's floor (issue 6).

mod bench;
mod corpus;
mod generate;

use std::process::ExitCode;

// The pipeline allocates and frees millions of small strings and JSON nodes per run; mimalloc
// does that markedly faster than the system allocator (measured in `cargo xtask bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  regen   regenerate schemas/ and the generated crates from docs-input/
  check   fail (exit 1) naming each committed file that differs from what regen would write
  corpus [--docs DIR] --out OUT [--write-rust] [--compile]
          run the pipeline over a docs tree (default ../shared/corpus/graph-docs-2021), write
          OUT/<version>/{graph.schema.json,operations.json,diagnostics.json}, print a report and
          fail (exit 1) when a conformance target is missed; --write-rust also writes each
          version's generated Rust (OUT/<version>/rust, rust-features) unbuilt; --compile also generates each
          version's crate into OUT/<version>/crate, checks it with -D warnings, and runs the
          differential (validators vs jsonschema) and round-trip test over the examples
  bench [--docs DIR] [--quick] [--cache DIR] [--no-validate]
          time the pipeline against the floor (read + pulldown-cmark) on the corpus and print
          `ratio <name> <value>` lines (run it in release: cargo run --release -p xtask -- bench)";

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let result = match task.as_deref() {
        Some("regen") => generate::regen(),
        Some("check") => generate::check(),
        Some("bench") => bench::run(&std::env::args().skip(2).collect::<Vec<_>>()),
        Some("corpus") => corpus::run(&std::env::args().skip(2).collect::<Vec<_>>()),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => {
            eprintln!("error: unknown task `{other}`\n\n{USAGE}");
            Ok(ExitCode::from(2))
        }
        None => {
            eprintln!("{USAGE}");
            Ok(ExitCode::from(2))
        }
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        ExitCode::from(2)
    })
}

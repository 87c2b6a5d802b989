//! The `graphdoc` command line: arguments ([`Args`]) and [`run`]. `main.rs` only parses,
//! calls [`run`] and prints an error; everything else lives here so tests can drive it.
//!
//! Exit codes, for every subcommand:
//! - 0: ran, and found nothing to report at the failing level;
//! - 1: ran, and found something: an error-severity doc diagnostic (or a warning, with
//!   `--deny-warnings`), or a payload that is not JSON or breaks its schema;
//! - 2: could not run: bad arguments, a missing or unreadable input, an output not written.
//!
//! Findings go to stdout in the chosen `--format`; progress, status lines and errors go to
//! stderr, so `graphdoc lint … --format sarif > out.sarif` holds SARIF only.

mod commands;
mod progress;
mod report;
mod style;

use clap::{Parser, Subcommand, ValueEnum};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

pub use report::{Finding, Format};

/// The exit code for "could not run" (usage, I/O).
pub const EXIT_TROUBLE: u8 = 2;
/// The exit code for "ran and found something".
pub const EXIT_FINDINGS: u8 = 1;

const EXAMPLES: &str = "\
Examples:
  graphdoc schema docs-input/beta -o schemas/beta
  graphdoc gen schemas/beta -o graph-beta --crate graph-beta
  graphdoc lint body.json --schema schemas/beta \\
      --operation 'POST https://graph.microsoft.com/beta/policies/crossTenantIdentitySyncPolicy/partners'
  graphdoc lint partner.json --schema schemas/beta --type microsoft.graph.crossTenantIdentitySyncPolicyPartner
  graphdoc check docs-input/beta --format sarif > docs.sarif
  graphdoc openapi docs-input/beta -o openapi.json

Exit status: 0 clean, 1 findings, 2 usage or I/O error.";

/// Microsoft Graph docs to JSON Schema, Rust and OpenAPI; JSON payloads checked against them.
#[derive(Debug, Parser)]
#[command(name = "graphdoc", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
    /// How findings are printed on stdout.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Print errors only: no warnings, progress or status lines.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// When to colour human output (auto: when stdout is a terminal and NO_COLOR is unset).
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Threads parsing pages and generating code (default: one per core). The output is the same whatever N.
    #[arg(long, short, global = true, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export JSON Schema from one docs version folder (holding api/ and resources/).
    ///
    /// Writes graph.schema.json, operations.json, diagnostics.json and types/<name>.schema.json
    /// (one per type, each with its own $id, referring into ../graph.schema.json).
    Schema {
        /// The docs version folder, e.g. docs-input/beta.
        docs: PathBuf,
        /// The folder to write into.
        #[arg(short, long, value_name = "DIR")]
        out: PathBuf,
        /// Exit 1 on warnings too, not only on errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Generate Rust types and validators from a schema bundle.
    Gen {
        /// graph.schema.json, or the folder `graphdoc schema` wrote (operations.json beside it
        /// adds request-body validators).
        schema: PathBuf,
        /// The folder for the .rs files (with --crate: the crate's folder).
        #[arg(short, long, value_name = "PATH")]
        out: PathBuf,
        /// Write a complete crate of this name: Cargo.toml and src/, building on its own.
        #[arg(long = "crate", value_name = "NAME")]
        crate_name: Option<String>,
        /// Overwrite files that graphdoc did not generate.
        #[arg(long)]
        force: bool,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Check JSON payloads against an exported schema, by type or by operation.
    Lint {
        /// Payload files (JSON).
        #[arg(required = true, value_name = "PAYLOAD.json")]
        payloads: Vec<PathBuf>,
        /// The folder `graphdoc schema` wrote (graph.schema.json and operations.json).
        #[arg(long, value_name = "DIR")]
        schema: PathBuf,
        /// Check against a type, by qualified name (microsoft.graph.user).
        #[arg(long = "type", value_name = "NAME", conflicts_with = "operation", required_unless_present = "operation")]
        type_name: Option<String>,
        /// Check as the request body of an operation: "METHOD URL", with a full URL or a path
        /// with real ids; matched to the operation's path template.
        #[arg(long, value_name = "METHOD URL")]
        operation: Option<String>,
    },
    /// Report the docs' diagnostics without writing anything (for docs CI).
    Check {
        /// The docs version folder, e.g. docs-input/beta.
        docs: PathBuf,
        /// Exit 1 on warnings too, not only on errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Write an OpenAPI 3.1 document for one docs version folder.
    Openapi {
        /// The docs version folder, e.g. docs-input/beta.
        docs: PathBuf,
        /// The file to write.
        #[arg(short, long, value_name = "FILE")]
        out: PathBuf,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Runs a parsed command line. `Err` means the command could not run (exit 2).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let context = commands::Context::new(&args);
    let result = match args.command {
        Command::Schema { docs, out, deny_warnings } => commands::schema::run(&context, &docs, &out, deny_warnings),
        Command::Gen { schema, out, crate_name, force, deny_warnings } => {
            commands::generate::run(&context, &schema, &out, crate_name.as_deref(), force, deny_warnings)
        }
        Command::Lint { payloads, schema, type_name, operation } => {
            let target = match (type_name, operation) {
                (Some(name), _) => commands::lint::Target::Type(name),
                (None, Some(request)) => commands::lint::Target::Operation(request),
                // clap enforces one of the two; this is for callers building `Args` by hand.
                (None, None) => anyhow::bail!("lint needs --type or --operation"),
            };
            commands::lint::run(&context, &payloads, &schema, &target)
        }
        Command::Check { docs, deny_warnings } => commands::check::run(&context, &docs, deny_warnings),
        Command::Openapi { docs, out, deny_warnings } => commands::openapi::run(&context, &docs, &out, deny_warnings),
    };
    match result {
        // A closed stdout (`graphdoc check … | head`) is the reader's choice, not a failure.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) => {
            Ok(ExitCode::SUCCESS)
        }
        other => other,
    }
}

//! `graphdoc lint <PAYLOAD.json>... --schema <DIR> (--type NAME | --operation "METHOD URL")`:
//! each payload checked against a type or an operation's request body (see `graphdoc::lint`).
//!
//! A payload that is not JSON, or that breaks the schema, is a finding (exit 1) located in the
//! payload itself. A payload that cannot be read is reported on stderr, the other payloads are
//! still checked, and the run exits 2 at the end, as ripgrep does for unreadable files.

use super::Context;
use crate::EXIT_TROUBLE;
use crate::report::{Finding, Report};
use anyhow::Context as _;
use graphdoc::Code;
use graphdoc::Severity;
use graphdoc::lint::{PayloadVerdict, SchemaFolder};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Codes for payload findings. They continue graphdoc's numbering (GD05xx: lint) and are
/// meant to move into `graphdoc_diagnostics::Code` with the others.
pub const NOT_JSON: (&str, &str) = (Code::PayloadNotJson.id(), Code::PayloadNotJson.name());
pub const INVALID: (&str, &str) = (Code::PayloadInvalid.id(), Code::PayloadInvalid.name());

pub enum Target {
    Type(String),
    Operation(String),
}

pub fn run(context: &Context, payloads: &[PathBuf], schema: &Path, target: &Target) -> anyhow::Result<ExitCode> {
    let folder = SchemaFolder::open(schema).with_context(|| format!("loading schemas from {}", schema.display()))?;
    let target = match target {
        Target::Type(name) => folder.type_target(name),
        Target::Operation(request) => folder.operation_target(request),
    }?;
    let validator = folder.validator(&target)?;
    context.status(&format!("linting against {}", target.label));

    let mut report = Report::default();
    let mut unreadable = 0;
    for path in payloads {
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("error: reading payload {}: {e}", path.display());
                unreadable += 1;
                continue;
            }
        };
        report.findings.extend(findings_for(&path.display().to_string(), &text, &validator));
    }
    report.facts.insert("payloads".into(), payloads.len().into());
    report.facts.insert("target".into(), target.label.clone().into());
    let code = context.finish(
        &report,
        false,
        None,
        &format!("lint: {} payload{}", payloads.len(), if payloads.len() == 1 { "" } else { "s" }),
    )?;
    Ok(if unreadable > 0 { ExitCode::from(EXIT_TROUBLE) } else { code })
}

fn findings_for(file: &str, text: &str, validator: &graphdoc::lint::PayloadValidator) -> Vec<Finding> {
    let line_text = |line: u32| text.lines().nth((line as usize).saturating_sub(1)).map(str::to_owned);
    match validator.check_text(text) {
        PayloadVerdict::NotJson { message, line, column } => vec![Finding {
            severity: Severity::Error,
            code: NOT_JSON.0,
            name: NOT_JSON.1,
            message: format!("not JSON: {message}"),
            file: file.to_owned(),
            in_docs: false,
            line,
            column,
            width: 1,
            source_line: line_text(line),
            pointer: None,
            rule_source: None,
        }],
        PayloadVerdict::Checked(faults) => faults
            .into_iter()
            .map(|fault| {
                // A missing property is the object's fault: point at its `{` only.
                let spanned = fault.span.as_ref().filter(|_| fault.keyword != "required");
                let width = spanned.and_then(|s| text.get(s.clone())).map_or(1, |v| v.chars().count());
                Finding {
                    severity: Severity::Error,
                    code: INVALID.0,
                    name: INVALID.1,
                    message: fault.message,
                    file: file.to_owned(),
                    in_docs: false,
                    line: fault.line,
                    column: fault.column,
                    width,
                    source_line: line_text(fault.line),
                    pointer: Some(fault.pointer),
                    rule_source: fault.rule_source,
                }
            })
            .collect(),
    }
}

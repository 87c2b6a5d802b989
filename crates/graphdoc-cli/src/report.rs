//! Findings, the one shape every subcommand reports in, and how they are printed: human
//! (rustc-like, with the source line and a caret), JSON, or SARIF 2.1.0.

mod human;
mod sarif;

use clap::ValueEnum;
use graphdoc::{Diagnostic, Severity};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-like text with the source line and a caret under the fault.
    Human,
    /// `{"findings": [...], "summary": {...}}`.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

/// One thing to report, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// `GD0120`.
    pub code: &'static str,
    /// `todo-placeholder`.
    pub name: &'static str,
    pub message: String,
    /// As the user should see it: a docs-root-relative page or the payload path as given.
    pub file: String,
    /// Whether `file` is relative to the docs root (SARIF names that base) or to the cwd.
    pub in_docs: bool,
    pub line: u32,
    pub column: u32,
    /// How many characters to underline from `column` (at least one).
    pub width: usize,
    /// The text of line `line`, when it could be read.
    pub source_line: Option<String>,
    /// The payload's JSON pointer, for payload faults.
    pub pointer: Option<String>,
    /// The doc `file:line` that set the failed rule, for payload faults.
    pub rule_source: Option<String>,
}

impl Finding {
    /// A doc diagnostic, with its source line read from under `docs_root`.
    pub fn from_diagnostic(d: &Diagnostic, lines: &mut SourceLines) -> Finding {
        let file = d.loc.file.to_string();
        let source_line = lines.line(&file, d.loc.line);
        Finding {
            severity: d.severity,
            code: d.code.id(),
            name: d.code.name(),
            message: d.message.clone(),
            file,
            in_docs: true,
            line: d.loc.line,
            column: d.loc.column,
            width: 1,
            source_line,
            pointer: None,
            rule_source: None,
        }
    }
}

/// Reads lines of docs pages for snippets, each file once.
pub struct SourceLines {
    root: PathBuf,
    cache: HashMap<String, Option<Vec<String>>>,
}

impl SourceLines {
    pub fn new(root: &Path) -> Self {
        SourceLines { root: root.to_path_buf(), cache: HashMap::new() }
    }

    pub fn line(&mut self, file: &str, line: u32) -> Option<String> {
        let lines = self.cache.entry(file.to_owned()).or_insert_with(|| {
            let text = std::fs::read_to_string(self.root.join(file)).ok()?;
            Some(text.lines().map(str::to_owned).collect())
        });
        lines.as_ref()?.get((line as usize).checked_sub(1)?).cloned()
    }
}

/// What a run found, with the numbers for the summary and the exit code.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Extra facts for the JSON summary (files checked, pages read, …).
    pub facts: serde_json::Map<String, Value>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// Whether the findings should fail the run (exit 1).
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.count(Severity::Error) > 0 || (deny_warnings && self.count(Severity::Warning) > 0)
    }

    /// Prints the findings on `out` in `format`. `--quiet` keeps errors only in human output;
    /// JSON and SARIF always hold everything, since tools filter for themselves.
    pub fn print(
        &self,
        out: &mut dyn Write,
        format: Format,
        quiet: bool,
        color: bool,
        docs_root: Option<&Path>,
    ) -> std::io::Result<()> {
        match format {
            Format::Human => {
                let style = crate::style::Style::new(color);
                for finding in self.findings.iter().filter(|f| !quiet || f.severity == Severity::Error) {
                    human::write_finding(out, finding, &style)?;
                }
                Ok(())
            }
            Format::Json => {
                let findings: Vec<Value> = self.findings.iter().map(finding_json).collect();
                let mut summary = json!({
                    "errors": self.count(Severity::Error),
                    "warnings": self.count(Severity::Warning),
                    "infos": self.count(Severity::Info),
                });
                if let Value::Object(map) = &mut summary {
                    map.extend(self.facts.clone());
                }
                writeln!(out, "{}", pretty(&json!({ "findings": findings, "summary": summary })))
            }
            Format::Sarif => writeln!(out, "{}", pretty(&sarif::log(&self.findings, docs_root))),
        }
    }

    /// `3 errors, 12 warnings` (or `no findings`), for the status line.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        for (severity, word) in [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Info, "note")] {
            let n = self.count(severity);
            if n > 0 {
                parts.push(format!("{n} {word}{}", if n == 1 { "" } else { "s" }));
            }
        }
        if parts.is_empty() { "no findings".to_owned() } else { parts.join(", ") }
    }
}

fn finding_json(f: &Finding) -> Value {
    let mut value = json!({
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "message": f.message,
    });
    if let Value::Object(map) = &mut value {
        if let Some(pointer) = &f.pointer {
            map.insert("pointer".into(), json!(pointer));
        }
        if let Some(rule) = &f.rule_source {
            map.insert("rule".into(), json!(rule));
        }
    }
    value
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

//! Diagnostics shared by every graphdoc stage: a stable code, a severity, a source location and
//! a message that makes sense on its own.
//!
//! Content problems (a broken table, a dangling link) are diagnostics, never `Err`: a stage
//! returns its best-effort output together with the diagnostics it found.

mod code;
mod location;

pub use code::Code;
pub use location::{LineIndex, Loc, Pos};

use serde::Serialize;
use std::fmt;

/// How bad a diagnostic is. Only `Error` means an output was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding about the input, located in a source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    #[serde(flatten)]
    pub loc: Loc,
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic { code, severity: code.default_severity(), loc, message: message.into() }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: severity[GD0104 unterminated-fence]: message`, the shape compilers use,
    /// so editors and CI annotators can jump to the spot.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}[{} {}]: {}", self.loc, self.severity, self.code.id(), self.code.name(), self.message)
    }
}

/// Sorts diagnostics by file, line, column and code so every report is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.loc.file, a.loc.line, a.loc.column, a.code.id(), &a.message).cmp(&(
            &b.loc.file,
            b.loc.line,
            b.loc.column,
            b.code.id(),
            &b.message,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_location_code_and_message() {
        let d = Diagnostic::new(
            Code::UnterminatedFence,
            Loc::new("beta/api/x.md", 12, 1),
            "code fence opened here is never closed; expected a closing ``` line",
        );
        assert_eq!(
            d.to_string(),
            "beta/api/x.md:12:1: warning[GD0104 unterminated-fence]: code fence opened here is never closed; expected a closing ``` line"
        );
    }

    #[test]
    fn serializes_flat_for_diagnostics_json() {
        let d = Diagnostic::new(Code::TodoPlaceholder, Loc::new("a.md", 3, 5), "m");
        let json = serde_json::to_value(&d).expect("serializable");
        assert_eq!(
            json,
            serde_json::json!({"code": "GD0120", "severity": "warning", "file": "a.md", "line": 3, "column": 5, "message": "m"})
        );
    }

    #[test]
    fn sort_orders_by_file_then_line() {
        let mut ds = vec![
            Diagnostic::new(Code::TodoPlaceholder, Loc::new("b.md", 1, 1), "x"),
            Diagnostic::new(Code::TodoPlaceholder, Loc::new("a.md", 9, 1), "x"),
            Diagnostic::new(Code::TodoPlaceholder, Loc::new("a.md", 2, 1), "x"),
        ];
        sort(&mut ds);
        let order: Vec<_> = ds.iter().map(|d| d.loc.to_string()).collect();
        assert_eq!(order, ["a.md:2:1", "a.md:9:1", "b.md:1:1"]);
    }
}

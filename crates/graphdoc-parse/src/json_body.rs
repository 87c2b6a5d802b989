//! JSON read from the docs (example bodies, annotations) leniently, with a diagnostic for each
//! repair and for what cannot be read.

use crate::json_repair;

/// Repairs reported one by one per body; beyond this they are counted.
const MAX_REPAIRS_REPORTED: usize = 20;

/// Parses `text` (which starts at `pos` in `file`) leniently and reports what happened: one
/// GD0127 warning per repair, or `invalid` (GD0122 for bodies, GD0105 for annotations) at the
/// syntax error when the text cannot be read. Returns the value and whether it needed repairs.
pub fn parse_reporting(
    text: &str,
    pos: graphdoc_diagnostics::Pos,
    what: &str,
    invalid: graphdoc_diagnostics::Code,
    file: &std::sync::Arc<str>,
    diags: &mut Vec<graphdoc_diagnostics::Diagnostic>,
) -> (Option<serde_json::Value>, bool) {
    use graphdoc_diagnostics::{Code, Diagnostic, Loc};
    let at = |line: u32, column: u32| {
        let column = if line == 1 { pos.column + column - 1 } else { column };
        Loc::new(file.clone(), pos.line + line - 1, column)
    };
    match json_repair::parse_lenient(text) {
        json_repair::Outcome::Valid(value) => (Some(value), false),
        json_repair::Outcome::Repaired(json_repair::Repaired { value, repairs }) => {
            // One body with thousands of defects would bury every other finding (and memory):
            // the first few are reported one by one, the rest counted in one more warning.
            let total = repairs.len();
            for r in repairs.iter().take(MAX_REPAIRS_REPORTED) {
                diags.push(Diagnostic::new(
                    Code::JsonRepaired,
                    at(r.line, r.column),
                    format!(
                        "{what} is not strict JSON ({}): {}; read as if repaired",
                        r.kind.name(),
                        r.kind.describe()
                    ),
                ));
            }
            if let Some(first_unreported) = repairs.get(MAX_REPAIRS_REPORTED) {
                diags.push(Diagnostic::new(
                    Code::JsonRepaired,
                    at(first_unreported.line, first_unreported.column),
                    format!(
                        "{what} needed {} more repairs from here on, not listed one by one",
                        total - MAX_REPAIRS_REPORTED
                    ),
                ));
            }
            (Some(value), true)
        }
        json_repair::Outcome::Invalid { message, line, column } => {
            diags.push(Diagnostic::new(
                invalid,
                at(line, column),
                format!("{what} is not valid JSON and could not be repaired: {message}"),
            ));
            (None, false)
        }
    }
}

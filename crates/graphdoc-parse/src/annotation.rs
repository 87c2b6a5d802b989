//! `<!-- { "blockType": … } -->` annotations: JSON objects inside HTML comments that say what
//! the next code block is.

use crate::blocks::Comment;
use crate::page::Annotation;
use graphdoc_diagnostics::{Code, Diagnostic, Pos};
use std::sync::Arc;

/// The annotation in `comment`, if it holds one. Comments that are not JSON-shaped (uuid stamps,
/// markdownlint switches) are not annotations and say nothing.
pub fn parse(comment: &Comment, file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> Option<Annotation> {
    let inner = comment.inner.trim();
    if !inner.starts_with('{') {
        return None;
    }
    // Where `inner` starts: after `<!--` on the comment's line, or on a later line.
    let leading = &comment.inner[..comment.inner.len() - comment.inner.trim_start().len()];
    let newlines = u32::try_from(leading.matches('\n').count()).unwrap_or(0);
    let pos = if newlines == 0 {
        Pos { line: comment.pos.line, column: comment.pos.column + 4 + u32::try_from(leading.len()).unwrap_or(0) }
    } else {
        let indent = leading.rsplit('\n').next().map_or(0, str::len);
        Pos { line: comment.pos.line + newlines, column: 1 + u32::try_from(indent).unwrap_or(0) }
    };
    match crate::json_body::parse_reporting(inner, pos, "annotation", Code::AnnotationInvalid, file, diags) {
        (Some(serde_json::Value::Object(json)), _) => Some(Annotation { pos: comment.pos, json }),
        _ => None,
    }
}

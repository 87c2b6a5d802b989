//! `<!-- { "blockType": … } -->` annotations: JSON objects inside HTML comments that say what
//! the next code block is.

use crate::blocks::Comment;
use crate::page::Annotation;
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use std::sync::Arc;

/// The annotation in `comment`, if it holds one. Comments that are not JSON-shaped (uuid stamps,
/// markdownlint switches) are not annotations and say nothing.
pub fn parse(comment: &Comment, file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> Option<Annotation> {
    let inner = comment.inner.trim();
    if !inner.starts_with('{') {
        return None;
    }
    let json_text = &inner[..inner.rfind('}').map_or(inner.len(), |i| i + 1)];
    match serde_json::from_str::<serde_json::Value>(json_text) {
        Ok(serde_json::Value::Object(json)) => Some(Annotation { pos: comment.pos, json }),
        Ok(_) => None,
        Err(e) => {
            diags.push(Diagnostic::new(
                Code::AnnotationInvalid,
                Loc::new(file.clone(), comment.pos.line + line_offset(e.line()), 1),
                format!(
                    "annotation is not valid JSON ({e}); expected a JSON object such as {{\"blockType\": \"request\"}}"
                ),
            ));
            None
        }
    }
}

fn line_offset(json_line: usize) -> u32 {
    u32::try_from(json_line.saturating_sub(1)).unwrap_or(0)
}

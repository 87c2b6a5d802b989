//! TODO placeholders left in published pages ("**TODO: Add Description**").

use crate::blocks::Inline;
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use std::sync::Arc;

/// One warning per placeholder in `inline`; the placeholder text is already out of `inline.text`.
pub fn report(inline: &Inline, file: &Arc<str>, diags: &mut Vec<Diagnostic>) {
    for todo in &inline.todos {
        diags.push(Diagnostic::new(
            Code::TodoPlaceholder,
            Loc::at(file, inline.pos),
            format!("placeholder `{todo}` left in the page; expected the documentation it stands for"),
        ));
    }
}

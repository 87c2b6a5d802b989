//! Walks the block list keeping track of the section each block is in: the current `##`
//! heading and the current deeper sub-heading. Tab headings (`# [HTTP](#tab/http)`) are markers
//! inside a section, not sections.

use crate::blocks::Block;

/// Where a block sits.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The `##` heading, lower-cased, `""` before the first one.
    pub section: String,
    /// The heading below `##` (level 3 to 6), lower-cased.
    pub sub: String,
}

/// Calls `visit` with each non-heading block and its context; headings update the context.
pub fn walk<'b>(blocks: &'b [Block], mut visit: impl FnMut(&Context, &'b Block)) {
    let mut ctx = Context::default();
    for block in blocks {
        match block {
            Block::Heading { level, text, .. } => {
                if is_tab_heading(text) {
                    continue;
                }
                let title = text.text.trim().to_ascii_lowercase();
                match level {
                    1 => ctx = Context::default(),
                    2 => ctx = Context { section: title, sub: String::new() },
                    _ => ctx.sub = title,
                }
                visit(&ctx, block);
            }
            _ => visit(&ctx, block),
        }
    }
}

pub fn is_tab_heading(text: &crate::blocks::Inline) -> bool {
    text.links.iter().any(|l| l.target.starts_with("#tab/"))
}

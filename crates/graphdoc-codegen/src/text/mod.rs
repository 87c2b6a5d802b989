//! The repetitive items (structs with their serde impls, string enums, flags sets, type
//! aliases, `validate.rs`'s lists and tables) written directly as formatted text, byte for byte
//! what prettyplease prints for their tokens: building, re-parsing and pretty-printing ~500,000
//! lines of such items was most of code generation's time. Only the layouts that prettyplease
//! gives lines that fit the margin, and the common ways it breaks the rest, are reproduced; a
//! writer returns `None` for any other (a line prettyplease would break otherwise), and the
//! caller formats the item's tokens instead. `tests.rs` holds the writers to
//! prettyplease's output, which stays the reference.

mod enums;
mod kinds;
mod structs;
#[cfg(test)]
mod tests;
mod validators;

pub(crate) use enums::{Variant, enumeration, flags, variant_doc};
pub(crate) use kinds::{KindVariant, kind, variant_doc as kind_variant_doc};
pub(crate) use structs::structure;
pub(crate) use validators::{string_const, validator_list};

/// prettyplease's margin: a line longer than this (in bytes, as prettyplease counts) is one it
/// would have broken, if it could.
const MARGIN: usize = 89;

/// Formatted lines, and whether every code line fits the margin.
pub(crate) struct Lines {
    text: String,
    fits: bool,
}

impl Lines {
    pub(crate) fn new() -> Self {
        Lines { text: String::with_capacity(4096), fits: true }
    }

    /// A code line at `indent` spaces, made of `parts`.
    pub(crate) fn code(&mut self, indent: usize, parts: &[&str]) {
        let start = self.text.len();
        self.indent(indent);
        for part in parts {
            self.text.push_str(part);
        }
        self.fits &= self.text.len() - start <= MARGIN;
        self.text.push('\n');
    }

    /// A match arm `pattern => body,` at `indent`; one that does not fit is printed as
    /// prettyplease breaks it, the body in a block on a line of its own. (The arm's comma is
    /// not counted against the margin: prettyplease adds it after deciding.)
    pub(crate) fn match_arm(&mut self, indent: usize, pattern: &[&str], body: &[&str]) {
        if indent + width(pattern) + " => ".len() + width(body) <= MARGIN {
            let mut line = pattern.to_vec();
            line.push(" => ");
            line.extend(body);
            line.push(",");
            self.unbreakable(indent, &line);
        } else {
            let mut line = pattern.to_vec();
            line.push(" => {");
            self.code(indent, &line);
            self.code(indent + 4, body);
            self.code(indent, &["}"]);
        }
    }

    /// A code line that prettyplease prints whole whatever its length (it has no place to break).
    pub(crate) fn unbreakable(&mut self, indent: usize, parts: &[&str]) {
        self.indent(indent);
        for part in parts {
            self.text.push_str(part);
        }
        self.text.push('\n');
    }

    /// `///` doc lines for `#[doc = value]` attributes. prettyplease prints a value as a line
    /// comment only if it has no line break and does not start with `/` (and trims trailing
    /// spaces); any other value is left to it.
    pub(crate) fn docs(&mut self, indent: usize, values: &[String]) {
        for value in values {
            if value.contains(['\n', '\r']) || value.starts_with('/') || value.ends_with(char::is_whitespace) {
                self.fits = false;
            }
            self.indent(indent);
            self.text.push_str("///");
            self.text.push_str(value);
            self.text.push('\n');
        }
    }

    /// Marks the text as not what prettyplease prints when `broken` (a line it would break).
    pub(crate) fn fits_unless(&mut self, broken: bool) {
        self.fits &= !broken;
    }

    /// The blank line between two items.
    pub(crate) fn blank(&mut self) {
        self.text.push('\n');
    }

    /// The text, or `None` if a line does not fit.
    pub(crate) fn finish(self) -> Option<String> {
        self.fits.then_some(self.text)
    }

    fn indent(&mut self, indent: usize) {
        self.text.extend(std::iter::repeat_n(' ', indent));
    }
}

/// `pub type name = ty;` with its docs, each line after `gate` (a `#[cfg]`) when given; `None`
/// if a line does not fit.
pub(crate) fn alias(name: &str, docs: &[String], ty: &str, gate: Option<&str>) -> Option<String> {
    let mut out = Lines::new();
    if let Some(gate) = gate {
        out.code(0, &[gate]);
    }
    out.docs(0, docs);
    let line = ["pub type ", name, " = ", ty, ";"];
    // A type without generic arguments has no place to break.
    if ty.contains('<') {
        out.code(0, &line)
    } else {
        out.unbreakable(0, &line)
    }
    out.finish()
}

/// `trait_part for name {` at indent 0, broken before `for` (which stays at the item's indent)
/// when it does not fit.
pub(crate) fn impl_header(out: &mut Lines, trait_part: &[&str], name: &str) {
    if width(trait_part) + width(&[" for ", name, " {"]) <= MARGIN {
        let mut line = trait_part.to_vec();
        line.extend([" for ", name, " {"]);
        out.code(0, &line);
    } else {
        out.code(0, trait_part);
        // A name too long for the margin even here is printed whole: it has no place to break.
        out.unbreakable(0, &["for ", name, " {"]);
    }
}

/// The length of a line made of `parts`.
pub(crate) fn width(parts: &[&str]) -> usize {
    parts.iter().map(|part| part.len()).sum()
}

/// A string literal as a token prints it (quoted, escaped).
pub(crate) fn lit(value: &str) -> String {
    // Printable ASCII but quotes and backslashes needs no escape: most JSON names. Building a
    // proc-macro2 literal for each was a visible share of writing the types.
    if value.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\') {
        let mut out = String::with_capacity(value.len() + 2);
        out.push('"');
        out.push_str(value);
        out.push('"');
        return out;
    }
    proc_macro2::Literal::string(value).to_string()
}

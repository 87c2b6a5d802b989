//! The text of `validate.rs`'s data items (see `crate::validators`, their token form): the
//! lookup lists, one entry per schema type or request body (~11,000 lines at Graph scale), and
//! the `TABLES` string. Formatting them as tokens cost more than the rest of the file together.

use super::{Lines, MARGIN, lit};

/// `decl = &[(key…, Validator(node)), …];` with its docs, one entry per line, broken into one
/// element per line where the entry does not fit. `None` when prettyplease could keep the
/// whole list on one line (short lists, which only tests and tiny schemas have).
pub(crate) fn validator_list<const N: usize>(
    decl: &str,
    docs: &[String],
    entries: &[([&str; N], usize)],
) -> Option<String> {
    let mut out = Lines::new();
    let mut one_line = decl.len() + " = &[];".len();
    out.docs(0, docs);
    out.code(0, &[decl, " = &["]);
    let mut parts: Vec<String> = Vec::with_capacity(N + 1);
    for (i, (keys, node)) in entries.iter().enumerate() {
        parts.clear();
        parts.extend(keys.iter().map(|key| lit(key)));
        parts.push(format!("Validator({node})"));
        let inner: usize = parts.iter().map(|p| p.len() + ", ".len()).sum::<usize>() - ", ".len();
        one_line += inner + "(), ".len();
        // prettyplease keeps an entry whole when the line fits the margin, comma included but
        // for the last entry's (which it adds only to a broken list, after measuring).
        let comma = usize::from(i + 1 < entries.len());
        if 4 + inner + "()".len() + comma <= MARGIN {
            let joined = parts.join(", ");
            out.unbreakable(4, &["(", &joined, "),"]);
        } else {
            out.code(4, &["("]);
            for part in &parts {
                out.unbreakable(8, &[part, ","]);
            }
            out.code(4, &["),"]);
        }
    }
    out.code(0, &["];"]);
    // Well clear of the margin, so no list prettyplease would keep on one line is written here.
    if one_line <= 2 * MARGIN {
        return None;
    }
    out.finish()
}

/// `const name: &str = literal;` with its docs: prettyplease prints a literal as it is, and
/// has no place to break this line. `None` only for docs it would not print as `///` lines.
pub(crate) fn string_const(name: &str, docs: &[String], literal: &str) -> Option<String> {
    let mut out = Lines::new();
    out.docs(0, docs);
    out.unbreakable(0, &["const ", name, ": &str = ", literal, ";"]);
    out.finish()
}

//! Tables read by column role (name, type, description, required) rather than by position,
//! so header spellings such as `Property name | Type | Description` or `Parameter | Type |
//! Required? | Description` all work.

use crate::blocks::{Inline, Table};
use crate::page::PropertyRow;
use crate::{semantics, todo, type_cell};
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use std::sync::Arc;

const NAME_HEADERS: [&str; 7] =
    ["property", "property name", "name", "parameter", "relationship", "relationship name", "member"];

/// Column positions of a property-like table.
struct Columns {
    name: usize,
    type_: Option<usize>,
    description: Option<usize>,
    required: Option<usize>,
}

fn columns(table: &Table) -> Option<Columns> {
    let header: Vec<String> = table.header.iter().map(|c| c.text.trim().to_ascii_lowercase()).collect();
    let find = |pred: &dyn Fn(&str) -> bool| header.iter().position(|h| pred(h));
    Some(Columns {
        name: find(&|h| NAME_HEADERS.contains(&h))?,
        type_: find(&|h| h == "type"),
        description: find(&|h| h == "description"),
        required: find(&|h| h.trim_end_matches('?') == "required"),
    })
}

/// A table of named parameters (`Name | Value | Description` tables of OData options, whose
/// names start with `$`, are the generic query options, not parameters of this operation).
pub fn is_parameter_table(table: &Table) -> bool {
    columns(table).is_some()
        && !table.rows.iter().any(|r| r.first().is_some_and(|c| c.text.trim_matches('`').starts_with('$')))
}

/// A table with a name column and a Type column.
pub fn is_property_table(table: &Table) -> bool {
    columns(table).is_some_and(|c| c.type_.is_some())
}

/// The rows of a `Property | Type | Description` table, each with its semantics.
pub fn property_rows(table: &Table, file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> Vec<PropertyRow> {
    let Some(cols) = columns(table) else {
        let header: Vec<&str> = table.header.iter().map(|c| c.text.as_str()).collect();
        diags.push(Diagnostic::new(
            Code::TableHeaderUnknown,
            Loc::at(file, table.pos),
            format!("expected a `Property | Type | Description` table header, found `{}`", header.join(" | ")),
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in &table.rows {
        let Some(first) = row.first() else { continue };
        if crate::table_rows::is_group_row(row) && row.len() > 1 {
            // `| **Calendar** | | |`: a heading inside the table, not a property.
            continue;
        }
        for cell in row {
            todo::report(cell, file, diags);
        }
        let empty = Inline::default();
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or(&empty);
        let name = clean_name(&cell(Some(cols.name)).text);
        if name.is_empty() {
            continue;
        }
        let description_cell = cell(cols.description);
        let description = description_cell.text.clone();
        let mut sem = semantics::from_description(&description, &description_cell.links);
        if let Some(required) = cols.required.and_then(|i| row.get(i)) {
            let v = required.text.trim().to_ascii_lowercase();
            if matches!(v.as_str(), "yes" | "true" | "required" | "✓") {
                sem.required = Some(true);
            } else if matches!(v.as_str(), "no" | "false" | "optional") {
                sem.required = Some(false);
            }
        }
        let type_ref = match cols.type_ {
            Some(_) => type_cell::parse(cell(cols.type_)),
            None => type_cell::parse(&Inline { text: "String".into(), ..Inline::default() }),
        };
        out.push(PropertyRow { name, type_ref, description, semantics: sem, pos: first.pos });
    }
    out
}

/// A name cell without markup: `**id**`, `` `id` `` and `id (deprecated)` are all `id`.
fn clean_name(text: &str) -> String {
    let t = text.trim().trim_matches(|c| c == '`' || c == '*').trim();
    let t = crate::needle::before_paren(t);
    t.trim().to_string()
}

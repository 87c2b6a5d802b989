//! Enum definitions, wherever the docs put them: `## Members` on an enum page (`# X enum type`),
//! and `X values` sections (any heading level) on enums.md, enums-<namespace>.md, resource and
//! API pages. Member tables come in several shapes (`Member`, `Member | Value | Description`,
//! `Value | Description`, `Member | Int value | Description`…); columns are found by name.

use crate::blocks::{Block, Inline, Table};
use crate::page::{EnumDef, EnumMember, PageKind, Text};
use crate::todo;
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use std::sync::Arc;

pub fn collect(blocks: &[Block], kind: PageKind, file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> Vec<EnumDef> {
    let mut out: Vec<EnumDef> = Vec::new();
    // The enum the following tables belong to, if any.
    let mut current: Option<usize> = None;
    let mut page_enum: Option<Text> = None;
    let mut page_enum_description: Option<String> = None;
    for block in blocks {
        match block {
            Block::Heading { level, text, pos } => {
                current = None;
                if *level == 1 && kind == PageKind::Enum {
                    page_enum = enum_page_title(&text.text).map(|name| Text { text: name, pos: *pos });
                } else if let Some(name) = values_heading(&text.text) {
                    out.push(EnumDef { name, pos: *pos, description: None, members: Vec::new() });
                    current = Some(out.len() - 1);
                } else if *level == 2
                    && text.text.trim().eq_ignore_ascii_case("members")
                    && let Some(title) = page_enum.take()
                {
                    let description = page_enum_description.take();
                    out.push(EnumDef { name: title.text, pos: title.pos, description, members: Vec::new() });
                    current = Some(out.len() - 1);
                }
            }
            // The enum page's own description, between its title and `## Members`.
            Block::Paragraph(p)
                if page_enum.is_some()
                    && current.is_none()
                    && page_enum_description.is_none()
                    && !crate::sections::is_furniture(&p.text) =>
            {
                page_enum_description = Some(p.text.clone());
            }
            Block::Paragraph(p) => {
                if let Some(def) = current.and_then(|i| out.get_mut(i))
                    && def.members.is_empty()
                    && def.description.is_none()
                {
                    def.description = Some(p.text.clone());
                }
            }
            Block::Table(table) => {
                if let Some(def) = current.and_then(|i| out.get_mut(i)) {
                    def.members.extend(members(table, file, diags));
                }
            }
            _ => {}
        }
    }
    for def in &out {
        if def.members.is_empty() {
            diags.push(Diagnostic::new(
                Code::EnumWithoutMembers,
                Loc::at(file, def.pos),
                format!(
                    "enum `{}` lists no members; expected a `Member | Value | Description` table after its heading",
                    def.name
                ),
            ));
        }
    }
    out
}

/// `riskLevel values` → `riskLevel`; headings with more words ("Enum values") are not enums.
fn values_heading(text: &str) -> Option<String> {
    let text = text.trim();
    let name = text.strip_suffix(" values").or_else(|| text.strip_suffix(" Values"))?.trim();
    is_identifier(name).then(|| name.to_string())
}

/// `riskLevel enum type` → `riskLevel`.
fn enum_page_title(text: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    let name = words.next()?;
    (is_identifier(name) && words.next().is_some_and(|w| w.eq_ignore_ascii_case("enum"))).then(|| name.to_string())
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

fn members(table: &Table, file: &Arc<str>, diags: &mut Vec<Diagnostic>) -> Vec<EnumMember> {
    let header: Vec<String> = table.header.iter().map(|c| c.text.trim().to_ascii_lowercase()).collect();
    let member_col =
        header.iter().position(|h| h == "member" || h == "name").or_else(|| header.iter().position(|h| h == "value"));
    let Some(member_col) = member_col else {
        diags.push(Diagnostic::new(
            Code::TableHeaderUnknown,
            Loc::at(file, table.pos),
            format!("expected an enum member table with a `Member` column, found `{}`", header.join(" | ")),
        ));
        return Vec::new();
    };
    let value_col = header.iter().enumerate().position(|(i, h)| i != member_col && (h == "value" || h == "int value"));
    let description_col = header.iter().position(|h| h == "description");
    let empty = Inline::default();
    let mut out = Vec::new();
    for row in &table.rows {
        for cell in row {
            todo::report(cell, file, diags);
        }
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or(&empty);
        let name = cell(Some(member_col)).text.trim().trim_matches(|c| c == '`' || c == '*').trim().to_string();
        if name.is_empty() {
            continue;
        }
        let value = cell(value_col).text.trim().parse::<i64>().ok();
        let description = cell(description_col).text.clone();
        out.push(EnumMember { name, value, description, pos: cell(Some(member_col)).pos });
    }
    out
}

//! The text of a struct with hand-written serde impls (see `types::structure`, its token form).

use super::{Lines, MARGIN, impl_header, lit, width};
use crate::types::Field;

/// The struct, its `Deserialize` and its `Serialize` impl, each preceded by `gate` (a `#[cfg]`)
/// when given. `None` where prettyplease would break a line in a way not written here.
pub(crate) fn structure(
    name: &str,
    docs: &[String],
    what: &str,
    fields: &[Field],
    runtime: &str,
    gate: Option<&str>,
) -> Option<String> {
    let required: Vec<(&Field, String)> =
        fields.iter().filter(|f| f.required).enumerate().map(|(i, f)| (f, format!("required_{i}"))).collect();
    let mut out = Lines::new();
    let gate_line = |out: &mut Lines| {
        if let Some(gate) = gate {
            out.code(0, &[gate]);
        }
    };
    let cfg = |field: &Field| field.cfg.as_deref().map(|feature| format!("#[cfg(feature = {})]", lit(feature)));
    let cfgs: Vec<Option<String>> = fields.iter().map(cfg).collect();
    let json_names: Vec<String> = fields.iter().map(|f| lit(&f.json_name)).collect();

    gate_line(&mut out);
    out.docs(0, docs);
    // `Default` needs every field to have one; a required enum or `…Kind` field has none.
    if required.is_empty() {
        out.code(0, &["#[derive(Debug, Clone, PartialEq, Default)]"]);
    } else {
        out.code(0, &["#[derive(Debug, Clone, PartialEq)]"]);
    }
    // prettyplease has no place to break this line.
    out.unbreakable(0, &["pub struct ", name, " {"]);
    out.unbreakable(
        4,
        &["/// The `@odata.type` annotation: the payload's concrete type, e.g. `#microsoft.graph.user`."],
    );
    out.code(4, &["pub odata_type: Option<String>,"]);
    for (field, cfg) in fields.iter().zip(&cfgs) {
        out.docs(4, &field.docs);
        if let Some(cfg) = cfg {
            out.code(4, &[cfg]);
        }
        field_line(&mut out, field);
    }
    out.unbreakable(
        4,
        &["/// Instance annotations, properties this type does not name, and members sent as `null`, kept as sent."],
    );
    out.code(4, &["pub additional: serde_json::Map<String, serde_json::Value>,"]);
    out.code(0, &["}"]);

    out.blank();
    gate_line(&mut out);
    impl_header(&mut out, &["impl<'de> serde::Deserialize<'de>"], name);
    out.code(4, &["fn deserialize<D: serde::Deserializer<'de>>("]);
    out.code(8, &["deserializer: D,"]);
    out.code(4, &[") -> Result<Self, D::Error> {"]);
    let what = lit(what);
    let flat = ["let mut object = ", runtime, "object(deserializer, ", &what, ")?;"];
    if 8 + flat.iter().map(|p| p.len()).sum::<usize>() <= super::MARGIN {
        out.code(8, &flat);
    } else {
        out.code(8, &["let mut object = ", runtime, "object("]);
        out.code(12, &["deserializer,"]);
        out.unbreakable(12, &[&what, ","]);
        out.code(8, &[")?;"]);
    }
    // Required fields are read first, into a tuple matched as all `Some`; the struct literal
    // then sits two levels deeper.
    let indent = if required.is_empty() { 8 } else { 16 };
    if !required.is_empty() {
        let reads: Vec<String> =
            required.iter().map(|(f, _)| format!("object.required({})", lit(&f.json_name))).collect();
        let binds: Vec<String> = required.iter().map(|(_, b)| format!("Some({b})")).collect();
        tuple(&mut out, 8, "match ", &reads, " {");
        tuple(&mut out, 12, "", &binds, " => {");
    }
    out.code(indent, &["let value = Self {"]);
    out.code(indent + 4, &["odata_type: object.optional(\"@odata.type\"),"]);
    for ((field, cfg), json) in fields.iter().zip(&cfgs).zip(&json_names) {
        if let Some(cfg) = cfg {
            out.code(indent + 4, &[cfg]);
        }
        match required.iter().find(|(f, _)| std::ptr::eq(*f, field)) {
            Some((_, binding)) => out.code(indent + 4, &[&field.ident, ": ", binding, ","]),
            None => read_field(&mut out, indent + 4, &field.ident, json),
        }
    }
    out.code(indent + 4, &["additional: object.rest(),"]);
    out.code(indent, &["};"]);
    out.code(indent, &["object.finish(value)"]);
    if !required.is_empty() {
        out.code(12, &["}"]);
        out.code(12, &["_ => Err(object.into_error()),"]);
        out.code(8, &["}"]);
    }
    out.code(4, &["}"]);
    out.code(0, &["}"]);

    out.blank();
    gate_line(&mut out);
    impl_header(&mut out, &["impl serde::Serialize"], name);
    out.code(4, &["fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {"]);
    out.code(8, &["let mut writer = ", runtime, "writer(serializer)?;"]);
    out.code(8, &["writer.optional(\"@odata.type\", &self.odata_type);"]);
    for ((field, cfg), json) in fields.iter().zip(&cfgs).zip(&json_names) {
        let method = if field.required { "required" } else { "optional" };
        write_field(&mut out, cfg.as_deref(), method, &field.ident, json);
    }
    out.code(8, &["writer.end(&self.additional)"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);
    out.finish()
}

/// `pub ident: ty,` at indent 4; an `Option<…>` that does not fit breaks inside its `<…>`
/// (a type without generic arguments has no place to break).
fn field_line(out: &mut Lines, field: &Field) {
    let line = ["pub ", &field.ident, ": ", &field.ty, ","];
    if !field.ty.contains('<') {
        out.unbreakable(4, &line);
    } else if 4 + width(&line) <= MARGIN {
        out.code(4, &line);
    } else if let Some(inner) = field.ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        out.code(4, &["pub ", &field.ident, ": Option<"]);
        generic_argument(out, 8, inner);
        out.code(4, &[">,"]);
    } else {
        out.code(4, &line);
    }
}

/// One generic argument of a broken `<…>` list at `indent`, with the list's comma: whole if it
/// fits (the comma is added by the broken list after measuring), else itself broken inside its
/// own single argument list, as prettyplease does; any other shape is left to prettyplease.
fn generic_argument(out: &mut Lines, indent: usize, ty: &str) {
    if indent + ty.len() <= MARGIN {
        out.unbreakable(indent, &[ty, ","]);
        return;
    }
    let single = ty.split_once('<').and_then(|(head, rest)| Some((head, rest.strip_suffix('>')?)));
    match single {
        // One argument: no comma at its own depth (a nested list's commas sit inside `<…>`).
        Some((head, inner)) if !top_level_comma(inner) => {
            out.code(indent, &[head, "<"]);
            generic_argument(out, indent + 4, inner);
            out.code(indent, &[">,"]);
        }
        _ => out.fits_unless(true),
    }
}

/// Whether `args` has a comma outside any `<…>` or `(…)`.
fn top_level_comma(args: &str) -> bool {
    let mut depth = 0i32;
    for c in args.chars() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// `ident: object.optional(json),` at `indent`: broken before `.optional` when it does not
/// fit, and then inside its parentheses if need be.
fn read_field(out: &mut Lines, indent: usize, ident: &str, json: &str) {
    let call = [".optional(", json, "),"];
    if indent + width(&[ident, ": object"]) + width(&call) <= MARGIN {
        out.code(indent, &[ident, ": object.optional(", json, "),"]);
    } else {
        out.code(indent, &[ident, ": object"]);
        if indent + 4 + width(&call) <= MARGIN {
            out.code(indent + 4, &call);
        } else {
            out.code(indent + 4, &[".optional("]);
            out.unbreakable(indent + 8, &[json, ","]);
            out.code(indent + 4, &["),"]);
        }
    }
}

/// `head(a, b…)tail` at `indent` (a one-element tuple keeps its comma), or one element per line
/// when it does not fit.
fn tuple(out: &mut Lines, indent: usize, head: &str, elements: &[String], tail: &str) {
    let mut joined = elements.join(", ");
    if elements.len() == 1 {
        joined.push(',');
    }
    if indent + width(&[head, "(", &joined, ")", tail]) <= MARGIN {
        out.code(indent, &[head, "(", &joined, ")", tail]);
    } else {
        out.code(indent, &[head, "("]);
        for element in elements {
            out.code(indent + 4, &[element, ","]);
        }
        out.code(indent, &[")", tail]);
    }
}

/// `writer.method(json, &self.ident);` at indent 8, after `cfg` on the same line when given:
/// broken like [`read_field`] when it does not fit (left to prettyplease with a `cfg`).
fn write_field(out: &mut Lines, cfg: Option<&str>, method: &str, ident: &str, json: &str) {
    let args = [json, ", &self.", ident];
    let cfg = cfg.map(|c| format!("{c} ")).unwrap_or_default();
    if 8 + width(&[&cfg, "writer.", method, "(", ");"]) + width(&args) <= MARGIN || !cfg.is_empty() {
        out.code(8, &[&cfg, "writer.", method, "(", json, ", &self.", ident, ");"]);
        return;
    }
    out.code(8, &["writer"]);
    if 12 + width(&[".", method, "(", ");"]) + width(&args) <= MARGIN {
        out.code(12, &[".", method, "(", json, ", &self.", ident, ");"]);
    } else {
        out.code(12, &[".", method, "("]);
        out.unbreakable(16, &[json, ","]);
        out.code(16, &["&self.", ident, ","]);
        out.code(12, &[");"]);
    }
}

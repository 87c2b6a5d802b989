//! The text of a struct with hand-written serde impls (see `types::structure`, its token form).

use super::{Lines, MARGIN, impl_header, lit, width};
use crate::types::Field;

/// The struct, its `Deserialize` and its `Serialize` impl, each preceded by `gate` (a `#[cfg]`)
/// when given. `None` for a struct with required fields (their `match` is left to
/// prettyplease) or with a line that does not fit.
pub(crate) fn structure(
    name: &str,
    docs: &[String],
    what: &str,
    fields: &[Field],
    runtime: &str,
    gate: Option<&str>,
) -> Option<String> {
    if fields.iter().any(|f| f.required) {
        return None;
    }
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
    out.code(0, &["#[derive(Debug, Clone, PartialEq, Default)]"]);
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
    out.code(8, &["let value = Self {"]);
    out.code(12, &["odata_type: object.optional(\"@odata.type\"),"]);
    for ((field, cfg), json) in fields.iter().zip(&cfgs).zip(&json_names) {
        if let Some(cfg) = cfg {
            out.code(12, &[cfg]);
        }
        read_field(&mut out, &field.ident, json);
    }
    out.code(12, &["additional: object.rest(),"]);
    out.code(8, &["};"]);
    out.code(8, &["object.finish(value)"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);

    out.blank();
    gate_line(&mut out);
    impl_header(&mut out, &["impl serde::Serialize"], name);
    out.code(4, &["fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {"]);
    out.code(8, &["let mut writer = ", runtime, "writer(serializer)?;"]);
    out.code(8, &["writer.optional(\"@odata.type\", &self.odata_type);"]);
    for ((field, cfg), json) in fields.iter().zip(&cfgs).zip(&json_names) {
        write_field(&mut out, cfg.as_deref(), &field.ident, json);
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
        // The comma is added by the broken list, after measuring; a longer type breaks again.
        out.fits_unless(8 + inner.len() > MARGIN);
        out.unbreakable(8, &[inner, ","]);
        out.code(4, &[">,"]);
    } else {
        out.code(4, &line);
    }
}

/// `ident: object.optional(json),` at indent 12: broken before `.optional` when it does not
/// fit, and then inside its parentheses if need be.
fn read_field(out: &mut Lines, ident: &str, json: &str) {
    let call = [".optional(", json, "),"];
    if 12 + width(&[ident, ": object"]) + width(&call) <= MARGIN {
        out.code(12, &[ident, ": object.optional(", json, "),"]);
    } else {
        out.code(12, &[ident, ": object"]);
        if 16 + width(&call) <= MARGIN {
            out.code(16, &call);
        } else {
            out.code(16, &[".optional("]);
            out.unbreakable(20, &[json, ","]);
            out.code(16, &["),"]);
        }
    }
}

/// `writer.optional(json, &self.ident);` at indent 8, after `cfg` on the same line when given:
/// broken like [`read_field`] when it does not fit (left to prettyplease with a `cfg`).
fn write_field(out: &mut Lines, cfg: Option<&str>, ident: &str, json: &str) {
    let args = [json, ", &self.", ident];
    let cfg = cfg.map(|c| format!("{c} ")).unwrap_or_default();
    if 8 + width(&[&cfg, "writer.optional(", ");"]) + width(&args) <= MARGIN || !cfg.is_empty() {
        out.code(8, &[&cfg, "writer.optional(", json, ", &self.", ident, ");"]);
        return;
    }
    out.code(8, &["writer"]);
    if 12 + width(&[".optional(", ");"]) + width(&args) <= MARGIN {
        out.code(12, &[".optional(", json, ", &self.", ident, ");"]);
    } else {
        out.code(12, &[".optional("]);
        out.unbreakable(16, &[json, ","]);
        out.code(16, &["&self.", ident, ","]);
        out.code(12, &[");"]);
    }
}

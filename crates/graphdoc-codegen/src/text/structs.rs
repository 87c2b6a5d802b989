//! The text of a struct with hand-written serde impls (see `types::structure`, its token form).

use super::{Lines, lit};
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
    out.code(0, &["pub struct ", name, " {"]);
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
        // A type without generic arguments has no place to break.
        let line = ["pub ", &field.ident, ": ", &field.ty, ","];
        if field.ty.contains('<') { out.code(4, &line) } else { out.unbreakable(4, &line) }
    }
    out.unbreakable(
        4,
        &["/// Instance annotations, properties this type does not name, and members sent as `null`, kept as sent."],
    );
    out.code(4, &["pub additional: serde_json::Map<String, serde_json::Value>,"]);
    out.code(0, &["}"]);

    out.blank();
    gate_line(&mut out);
    out.code(0, &["impl<'de> serde::Deserialize<'de> for ", name, " {"]);
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
        out.code(12, &[&field.ident, ": object.optional(", json, "),"]);
    }
    out.code(12, &["additional: object.rest(),"]);
    out.code(8, &["};"]);
    out.code(8, &["object.finish(value)"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);

    out.blank();
    gate_line(&mut out);
    out.code(0, &["impl serde::Serialize for ", name, " {"]);
    out.code(4, &["fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {"]);
    out.code(8, &["let mut writer = ", runtime, "writer(serializer)?;"]);
    out.code(8, &["writer.optional(\"@odata.type\", &self.odata_type);"]);
    for ((field, cfg), json) in fields.iter().zip(&cfgs).zip(&json_names) {
        let cfg = cfg.as_deref().map(|c| format!("{c} ")).unwrap_or_default();
        out.code(8, &[&cfg, "writer.optional(", json, ", &self.", &field.ident, ");"]);
    }
    out.code(8, &["writer.end(&self.additional)"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);
    out.finish()
}

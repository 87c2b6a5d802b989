//! The `@odata.type` a payload may carry where a type is expected: the type itself or any type
//! derived from it, written with or without the leading `#`.

use graphdoc_resolve::{Model, TypeKind};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// For each object type, itself and every type that derives from it, directly or not.
#[derive(Debug)]
pub struct Derived {
    family: BTreeMap<String, BTreeSet<String>>,
}

impl Derived {
    pub fn new(model: &Model) -> Self {
        let mut family: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (name, def) in &model.types {
            if !matches!(def.kind, TypeKind::Entity | TypeKind::Complex) {
                continue;
            }
            family.entry(name.clone()).or_default().insert(name.clone());
            // Walk up the base chain; the step bound keeps a cycle in the docs from hanging.
            let mut base = def.base.clone();
            for _ in 0..model.types.len() {
                let Some(b) = base else { break };
                if b == *name {
                    break;
                }
                family.entry(b.clone()).or_default().insert(name.clone());
                base = model.types.get(&b).and_then(|d| d.base.clone());
            }
        }
        Derived { family }
    }

    /// `{"type": "string", "enum": ["#microsoft.graph.x", "microsoft.graph.x", …]}` for a known
    /// object type; a plain string schema when the type is unknown.
    pub fn odata_type_schema(&self, type_name: Option<&str>) -> Value {
        let Some(members) = type_name.and_then(|t| self.family.get(t)) else {
            return json!({"type": "string"});
        };
        let values = members.iter().flat_map(|m| [Value::String(format!("#{m}")), Value::String(m.clone())]).collect();
        Value::Object(crate::property::object([("type", json!("string")), ("enum", Value::Array(values))]))
    }
}

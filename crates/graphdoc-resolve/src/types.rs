//! Type definitions from resource pages: properties, relationships, key, base type, kind.

use crate::index::{defined_type, page_namespace};
use crate::model::{TypeDef, TypeKind};
use crate::properties::{constrain_values, property};
use crate::type_refs::TypeRefs;
use foldhash::{HashMap, HashMapExt};
use graphdoc_diagnostics::{Code, Diagnostic, Loc};
use graphdoc_parse::{EnumDef, EnumMember, Page};
use std::collections::BTreeMap;

pub fn collect<'p>(
    pages: &[&'p Page],
    refs: &mut TypeRefs<'_>,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, TypeDef> {
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    // The values each property's description lists, for checking against enum types later, by
    // type and then property name; borrowed from the pages (a row's later twin replaces it).
    let mut listed: HashMap<String, HashMap<&'p str, &'p [String]>> = HashMap::new();
    for page in pages {
        for def in &page.enums {
            let name = format!("{}.{}", page_namespace(page), def.name);
            add_enum(&mut types, name, def, page, diags);
        }
        let Some(resource) = &page.resource else { continue };
        // Diagnostics about the name were given while indexing.
        let Some(name) = defined_type(page, &mut Vec::new()) else { continue };
        let namespace = name.rsplit_once('.').map_or("microsoft.graph", |(ns, _)| ns).to_string();
        let annotation = resource.json_representation.as_ref().and_then(|j| j.annotation.as_ref());
        let loc = |pos: graphdoc_diagnostics::Pos| Loc::at(&page.file, pos);

        let mut properties = Vec::new();
        let type_listed = listed.entry(name.clone()).or_default();
        for (rows, navigation) in [(&resource.properties, false), (&resource.relationships, true)] {
            for row in rows {
                properties.push(property(row, navigation, &loc(row.pos), &namespace, refs, diags));
                type_listed.insert(row.name.as_str(), row.semantics.possible_values.as_slice());
            }
        }
        let mut key: Vec<String> =
            annotation.and_then(|a| a.get_str("keyProperty")).map(|k| vec![k.to_string()]).unwrap_or_default();
        if key.is_empty() {
            key = resource.properties.iter().filter(|r| r.semantics.key).map(|r| r.name.clone()).collect();
        }
        for p in &mut properties {
            if key.contains(&p.name) {
                p.nullable = false;
            }
        }
        cross_check_json(resource, &page.file, diags);
        let title_loc = page.title.as_ref().map_or_else(|| Loc::new(page.file.clone(), 1, 1), |t| loc(t.pos));
        let base = annotation
            .and_then(|a| a.get_str("baseType"))
            .map(|b| refs.named(b, &title_loc, &namespace, diags))
            .or_else(|| resource.inherits_from.as_ref().map(|l| refs.link(l, &title_loc, &namespace, diags)))
            .or_else(|| {
                // No annotation or prose names a base, but rows say where they come from.
                let link = resource.properties.iter().find_map(|r| r.semantics.inherited_from.as_ref())?;
                let base = refs.lookup_link(link, &page.file)?;
                (base != name).then_some(base)
            });
        let flag = |key: &str| {
            annotation
                .and_then(|a| a.json.get(key))
                .is_some_and(|v| v.as_bool() == Some(true) || v.as_str() == Some("true"))
        };
        let def = TypeDef {
            name: name.clone(),
            kind: if key.is_empty() { TypeKind::Complex } else { TypeKind::Entity },
            base,
            description: resource.description.as_ref().map(|d| d.text.clone()),
            key,
            properties,
            is_abstract: flag("abstract"),
            is_open: flag("openType"),
            source: title_loc,
            also_defined_in: Vec::new(),
        };
        match types.get_mut(&name) {
            Some(existing) => merge(existing, def, diags),
            None => {
                types.insert(name, def);
            }
        }
    }
    inherit_entity_kind(&mut types);
    // Every type's properties are taken out, checked against the whole map, and put back, in
    // the map's order both times (no lookup by name).
    let mut taken: Vec<Vec<crate::model::Property>> =
        types.values_mut().map(|t| std::mem::take(&mut t.properties)).collect();
    for (name, props) in types.keys().zip(&mut taken) {
        let rows = listed.get(name);
        let lookup =
            |p: &crate::model::Property| rows.and_then(|rows| rows.get(p.name.as_str())).copied().unwrap_or_default();
        constrain_values(props, lookup, &types, diags);
    }
    for (t, props) in types.values_mut().zip(taken) {
        t.properties = props;
    }
    types
}

/// A type documented on two pages: the second page's new properties are added.
fn merge(existing: &mut TypeDef, other: TypeDef, diags: &mut Vec<Diagnostic>) {
    diags.push(Diagnostic::new(
        Code::DuplicateType,
        other.source.clone(),
        format!("`{}` is also defined at {}; the properties of both are merged", other.name, existing.source),
    ));
    existing.also_defined_in.push(other.source.file.clone());
    for p in other.properties {
        match existing.properties.iter().find(|e| e.name == p.name) {
            Some(kept) if kept.ty != p.ty => diags.push(Diagnostic::new(
                Code::DuplicateType,
                p.source.clone(),
                format!(
                    "`{}.{}` has another type here than at {}; the first definition's type is kept",
                    existing.name, p.name, kept.source
                ),
            )),
            Some(_) => {}
            None => existing.properties.push(p),
        }
    }
}

/// A type deriving from an entity type is an entity type too.
fn inherit_entity_kind(types: &mut BTreeMap<String, TypeDef>) {
    let names: Vec<String> = types.keys().cloned().collect();
    for name in names {
        let mut current = types.get(&name).and_then(|t| t.base.clone());
        let mut steps = 0;
        while let Some(base) = current {
            steps += 1;
            let Some(base_def) = types.get(&base) else { break };
            if base_def.kind == TypeKind::Entity {
                if let Some(t) = types.get_mut(&name) {
                    t.kind = TypeKind::Entity;
                }
                break;
            }
            // A cycle in the docs must not hang the run.
            if steps > types.len() {
                break;
            }
            current = base_def.base.clone();
        }
    }
}

/// An enum from one page; a second definition of the same name merges into the first, with a
/// warning when the member lists disagree.
fn add_enum(
    types: &mut BTreeMap<String, TypeDef>,
    name: String,
    def: &EnumDef,
    page: &Page,
    diags: &mut Vec<Diagnostic>,
) {
    let members: Vec<String> = def.members.iter().map(|m| m.name.clone()).collect();
    let source = Loc::at(&page.file, def.pos);
    if let Some(existing) = types.get_mut(&name) {
        if let TypeKind::Enum { members: known, .. } = &mut existing.kind {
            if *known != members {
                diags.push(Diagnostic::new(
                    Code::DuplicateType,
                    source.clone(),
                    format!(
                        "enum `{name}` is also defined at {} with other members; the member lists are merged",
                        existing.source
                    ),
                ));
                for m in members {
                    if !known.contains(&m) {
                        known.push(m);
                    }
                }
            }
            existing.also_defined_in.push(page.file.clone());
        } else {
            diags.push(Diagnostic::new(
                Code::DuplicateType,
                source,
                format!(
                    "`{name}` is defined as an enum here and as an object type at {}; the object type is kept",
                    existing.source
                ),
            ));
        }
        return;
    }
    let flags = is_flags(&def.members);
    types.insert(
        name.clone(),
        TypeDef {
            name,
            kind: TypeKind::Enum { members, flags },
            base: None,
            description: def.description.clone(),
            key: Vec::new(),
            properties: Vec::new(),
            is_abstract: false,
            is_open: false,
            source,
            also_defined_in: Vec::new(),
        },
    );
}

/// The docs never say "flags"; a flags enum shows in its values: every value is 0 or a power
/// of two, and they go past 2 (1, 2, 4, 8… rather than 0, 1, 2, 3).
fn is_flags(members: &[EnumMember]) -> bool {
    let values: Option<Vec<i64>> = members.iter().map(|m| m.value).collect();
    let Some(values) = values else { return false };
    let nonzero: Vec<i64> = values.into_iter().filter(|v| *v != 0).collect();
    nonzero.len() >= 3 && nonzero.iter().all(|v| *v > 0 && (v & (v - 1)) == 0) && nonzero.iter().any(|v| *v >= 4)
}

/// The JSON representation's keys against the Properties and Relationships tables: a key no
/// table documents is a warning, a documented property the JSON leaves out a note (the JSON is
/// often shortened), a key that differs only in case a warning.
fn cross_check_json(resource: &graphdoc_parse::ResourcePage, file: &std::sync::Arc<str>, diags: &mut Vec<Diagnostic>) {
    let Some(json) = resource.json_representation.as_ref().and_then(|j| j.body.as_ref()) else { return };
    let Some(object) = json.value().and_then(|v| v.as_object()) else { return };
    if resource.properties.is_empty() && resource.relationships.is_empty() {
        return;
    }
    let loc = Loc::at(file, json.pos);
    let documented: Vec<&str> =
        resource.properties.iter().chain(&resource.relationships).map(|r| r.name.as_str()).collect();
    for key in object.keys().filter(|k| !k.contains('@')) {
        if documented.contains(&key.as_str()) {
            continue;
        }
        let message = match documented.iter().find(|d| d.eq_ignore_ascii_case(key)) {
            Some(d) => format!("JSON representation key `{key}` differs only in case from the documented `{d}`"),
            None => format!("JSON representation key `{key}` is in no Properties or Relationships row"),
        };
        diags.push(Diagnostic::new(Code::JsonRepresentationMismatch, loc.clone(), message));
    }
    for row in &resource.properties {
        if !object.keys().any(|k| k.eq_ignore_ascii_case(&row.name)) {
            diags.push(
                Diagnostic::new(
                    Code::JsonRepresentationMismatch,
                    Loc::at(file, row.pos),
                    format!("property `{}` is documented but missing from the JSON representation", row.name),
                )
                .with_severity(graphdoc_diagnostics::Severity::Info),
            );
        }
    }
}

//! A synthetic bundle shaped like the full Graph beta, for scale tests and measurements: types
//! spread over a root namespace and 15 others that refer to each other both ways, entity types
//! deriving from `entity` (some in chains), complex types, enums and flags enums, properties of
//! every primitive and format, nullable references, collections, `@odata.type` family enums as
//! graphdoc-schema writes them, and operations with request bodies. Deterministic.

use serde_json::{Map, Value, json};

const NAMESPACES: &[&str] = &[
    "microsoft.graph.callRecords",
    "microsoft.graph.security",
    "microsoft.graph.ediscovery",
    "microsoft.graph.externalConnectors",
    "microsoft.graph.identityGovernance",
    "microsoft.graph.industryData",
    "microsoft.graph.managedTenants",
    "microsoft.graph.partners.billing",
    "microsoft.graph.search",
    "microsoft.graph.termStore",
    "microsoft.graph.windowsUpdates",
    "microsoft.graph.networkaccess",
    "microsoft.graph.cloudLicensing",
    "microsoft.graph.teamsAdministration",
    "microsoft.graph.deviceManagement",
];

/// A linear congruential generator: the same numbers on every run and platform.
struct Numbers(u64);

impl Numbers {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

/// `(graph.schema.json, operations.json)` with `types` `$defs` and `operations` operations.
pub fn bundle(types: usize, operations: usize) -> (Value, Value) {
    let mut numbers = Numbers(7);
    // Names first: 10% enums, 30% complex types, the rest entity types; 80% in the root.
    let mut names = Vec::new();
    for i in 0..types {
        let namespace =
            if numbers.below(10) < 8 { "microsoft.graph" } else { NAMESPACES[numbers.below(NAMESPACES.len())] };
        let kind = match i % 10 {
            0 => "enum",
            1..=3 => "complex",
            _ => "entity",
        };
        names.push((format!("{namespace}.type{i}{kind}"), kind));
    }
    names[0] = ("microsoft.graph.entity".to_owned(), "entity");
    let entities: Vec<usize> = (0..types).filter(|&i| names[i].1 == "entity").collect();
    let complexes: Vec<usize> = (0..types).filter(|&i| names[i].1 == "complex").collect();
    let enums: Vec<usize> = (0..types).filter(|&i| names[i].1 == "enum").collect();
    // Bases: an entity derives from `entity` or from an earlier entity (chains), a complex type
    // from an earlier complex type now and then.
    let mut base: Vec<Option<usize>> = vec![None; types];
    for &i in entities.iter().skip(1) {
        let earlier: Vec<usize> = entities.iter().copied().filter(|&e| e < i).collect();
        base[i] = Some(if numbers.below(4) == 0 { earlier[numbers.below(earlier.len())] } else { 0 });
    }
    for &i in &complexes {
        let earlier: Vec<usize> = complexes.iter().copied().filter(|&c| c < i).collect();
        if !earlier.is_empty() && numbers.below(8) == 0 {
            base[i] = Some(earlier[numbers.below(earlier.len())]);
        }
    }
    let family = |t: usize| -> Vec<Value> {
        let mut members = Vec::new();
        for (i, (name, _)) in names.iter().enumerate() {
            let mut b = Some(i);
            while let Some(current) = b {
                if current == t {
                    members.push(name.clone());
                    break;
                }
                b = base[current];
            }
        }
        members.sort();
        members.into_iter().flat_map(|m| [json!(format!("#{m}")), json!(m)]).collect()
    };
    let reference = |target: usize| json!({ "$ref": format!("#/$defs/{}", names[target].0) });

    let mut defs = Map::new();
    for (i, (name, kind)) in names.iter().enumerate() {
        let title = name.rsplit('.').next().unwrap_or_default();
        let source = format!("beta/resources/{title}.md:1");
        if *kind == "enum" {
            let members: Vec<String> = (0..3 + numbers.below(12)).map(|m| format!("member{m}Value")).collect();
            let mut def = json!({"title": title, "type": "string", "enum": members, "x-graph-kind": "enumType", "x-graph-source": source});
            if numbers.below(5) == 0 {
                def["x-graph-flags"] = json!(true);
            }
            defs.insert(name.clone(), def);
            continue;
        }
        let mut properties = Map::new();
        properties.insert("@odata.type".to_owned(), json!({"type": "string", "enum": family(i)}));
        for p in 0..6 + numbers.below(10) {
            let line = format!("beta/resources/{title}.md:{}", 10 + p);
            let property = match numbers.below(12) {
                0 => json!({"type": ["string", "null"]}),
                1 => json!({"type": "string"}),
                2 => json!({"type": ["boolean", "null"]}),
                3 => {
                    json!({"type": ["integer", "null"], "format": "int32", "minimum": -2147483648i64, "maximum": 2147483647})
                }
                4 => {
                    let format = ["date-time", "date", "duration", "uuid", "time"][numbers.below(5)];
                    json!({"type": ["string", "null"], "format": format})
                }
                5 => json!({"type": ["number", "null"], "format": "double"}),
                6 => json!({"anyOf": [reference(complexes[numbers.below(complexes.len())]), {"type": "null"}]}),
                7 => json!({"type": "array", "items": reference(complexes[numbers.below(complexes.len())])}),
                8 => json!({"anyOf": [reference(enums[numbers.below(enums.len())]), {"type": "null"}]}),
                9 => {
                    json!({"type": "array", "items": reference(entities[numbers.below(entities.len())]), "x-graph-navigation": true})
                }
                10 => json!({"type": "array", "items": {"type": "string"}}),
                _ => json!({"type": ["string", "null"], "contentEncoding": "base64", "readOnly": true}),
            };
            let mut property = property;
            property["description"] = json!(format!("Property {p} of {title}."));
            property["x-graph-source"] = json!(line);
            properties.insert(format!("property{p}Of{i}"), property);
        }
        let kind_name = if *kind == "entity" { "entityType" } else { "complexType" };
        let def = match base[i] {
            Some(b) => json!({
                "title": title,
                "allOf": [reference(b), {"type": "object", "properties": properties}],
                "x-graph-base": names[b].0,
                "x-graph-kind": kind_name,
                "x-graph-source": source,
            }),
            None => {
                json!({"title": title, "type": "object", "properties": properties, "x-graph-kind": kind_name, "x-graph-source": source})
            }
        };
        defs.insert(name.clone(), def);
    }
    let bundle =
        json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Synthetic Graph", "$defs": defs});

    let mut list = Vec::new();
    for o in 0..operations {
        let target = entities[numbers.below(entities.len())];
        let target_name = &names[target].0;
        let (method, body) = match o % 3 {
            0 => ("GET", Value::Null),
            1 => (
                "POST",
                json!({"schema": {"$ref": format!("graph.schema.json#/$defs/{target_name}")}, "source": format!("beta/api/op{o}.md:30")}),
            ),
            _ => {
                let mut properties = Map::new();
                properties.insert("@odata.type".to_owned(), json!({"type": "string", "enum": family(target)}));
                for p in 0..2 + numbers.below(5) {
                    let property = match numbers.below(4) {
                        0 => json!({"type": "string"}),
                        1 => {
                            json!({"anyOf": [{"$ref": format!("graph.schema.json#/$defs/{}", names[complexes[numbers.below(complexes.len())]].0)}, {"type": "null"}]})
                        }
                        2 => json!({"type": ["boolean", "null"]}),
                        _ => json!({"type": "array", "items": {"type": "string", "format": "uuid"}}),
                    };
                    let mut property = property;
                    property["x-graph-source"] = json!(format!("beta/api/op{o}.md:{}", 40 + p));
                    properties.insert(format!("param{p}"), property);
                }
                let required: Vec<&String> = properties.keys().skip(1).take(1).collect();
                let schema = json!({"type": "object", "properties": properties, "required": required, "x-graph-body-type": target_name});
                ("PATCH", json!({"schema": schema, "source": format!("beta/api/op{o}.md:30")}))
            }
        };
        list.push(json!({
            "method": method,
            "path": format!("/area{}/items{o}/{{item-id}}", o % 50),
            "title": format!("Operation {o}"),
            "source": format!("beta/api/op{o}.md:20"),
            "requestBody": body,
            "responses": [],
        }));
    }
    let operations = json!({"version": "beta", "schema": "graph.schema.json", "operations": list});
    (bundle, operations)
}

//! Whole items kept between cached runs (`memo.rs`): after every kind of edit, a run with a warm
//! cache gives the bytes of a fresh run, and an edit of prose writes again only the items that
//! prose reaches.

use crate::synthetic;
use graphdoc_codegen::{FormatCache, Generated, Settings, generate, generate_cached};
use serde_json::{Value, json};

/// Runs `generate_cached` on the edited input and checks it against a fresh run; returns the
/// (hits, misses) of whole items.
fn check(bundle: &Value, operations: &Value, settings: &Settings, cache: &FormatCache, edit: &str) -> (usize, usize) {
    let cached: Generated = generate_cached(bundle, Some(operations), settings, cache);
    let fresh = generate(bundle, Some(operations), settings);
    assert!(cached == fresh, "after {edit}: the cached run differs from a fresh one");
    cache.item_stats()
}

fn def<'b>(bundle: &'b mut Value, name: &str) -> &'b mut Value {
    bundle["$defs"].get_mut(name).unwrap_or_else(|| panic!("{name} is in the bundle"))
}

/// The `properties` object of a type, under `allOf` for a derived one.
fn properties(def: &mut Value) -> &mut serde_json::Map<String, Value> {
    let holder = match def.get("allOf").is_some() {
        true => &mut def["allOf"][1],
        false => def,
    };
    holder["properties"].as_object_mut().expect("an object type has properties")
}

#[test]
fn a_warm_cache_gives_a_fresh_runs_bytes_after_every_kind_of_edit() {
    for features in [false, true] {
        let (mut bundle, mut operations) = synthetic::bundle(150, 90);
        let settings = Settings::default().with_namespace_features(features);
        let types = bundle["$defs"].as_object().map_or(0, |d| d.len());
        let bodies = operations["operations"]
            .as_array()
            .map_or(0, |ops| ops.iter().filter(|o| !o["requestBody"].is_null()).count());
        let cache = FormatCache::new();
        let (_, cold) = check(&bundle, &operations, &settings, &cache, "nothing (cold)");
        assert!(cold >= types + bodies, "cold: {cold} items written for {types} types and {bodies} bodies");
        let (hits, misses) = check(&bundle, &operations, &settings, &cache, "nothing (warm)");
        assert_eq!(misses, 0, "nothing changed, yet {misses} items were written again ({hits} kept)");

        // A leaf type's description: that type alone is read and written again.
        let leaf = bundle["$defs"]
            .as_object()
            .and_then(|defs| defs.iter().find(|(name, d)| name.ends_with("complex") && d.get("allOf").is_none()))
            .map(|(name, _)| name.clone())
            .expect("a complex type without a base");
        def(&mut bundle, &leaf)["description"] = json!("An edited description, with `code` and <b>html</b>.");
        let (_, misses) = check(&bundle, &operations, &settings, &cache, "a type's description");
        assert_eq!(misses, 2, "one type's description changed: its reading and its items, not {misses}");

        // A base type's property description reaches every type that derives from it.
        let first = properties(def(&mut bundle, "microsoft.graph.entity")).keys().nth(1).cloned().expect("a property");
        properties(def(&mut bundle, "microsoft.graph.entity"))[&first]["description"] = json!("Edited in the base.");
        let (_, misses) = check(&bundle, &operations, &settings, &cache, "a base type's property description");
        assert!(misses > 1, "the types deriving from entity were not written again ({misses} items)");

        // An operation's title reaches its body type only.
        let patch = operations["operations"]
            .as_array_mut()
            .and_then(|ops| ops.iter_mut().find(|o| o["method"] == "PATCH"))
            .expect("a PATCH operation");
        patch["title"] = json!("An edited title");
        let (_, misses) = check(&bundle, &operations, &settings, &cache, "an operation's title");
        assert_eq!(misses, 1, "one operation's title changed, {misses} items written");

        // Structure: a property's type, an enum's members, a new type, a base taken away.
        properties(def(&mut bundle, &leaf)).insert("addedProperty".to_owned(), json!({"type": "integer"}));
        let (_, misses) = check(&bundle, &operations, &settings, &cache, "a property added");
        assert!(misses >= types, "a structural edit must write every item again ({misses} written)");
        let an_enum = bundle["$defs"]
            .as_object()
            .and_then(|defs| defs.keys().find(|name| name.ends_with("enum")).cloned())
            .expect("an enum");
        def(&mut bundle, &an_enum)["enum"].as_array_mut().expect("members").push(json!("addedMember"));
        check(&bundle, &operations, &settings, &cache, "an enum member added");
        bundle["$defs"].as_object_mut().expect("$defs").insert(
            "microsoft.graph.addedType".to_owned(),
            json!({"type": "object", "properties": {"a": {"type": "string"}}}),
        );
        check(&bundle, &operations, &settings, &cache, "a type added");
        let derived = bundle["$defs"]
            .as_object()
            .and_then(|defs| defs.iter().find(|(_, d)| d.get("allOf").is_some()).map(|(name, _)| name.clone()))
            .expect("a derived type");
        let own = def(&mut bundle, &derived)["allOf"][1].clone();
        *def(&mut bundle, &derived) = own;
        check(&bundle, &operations, &settings, &cache, "a base taken away");
        check(&bundle, &operations, &Settings::default().with_schema_file("other.schema.json"), &cache, "settings");
    }
}

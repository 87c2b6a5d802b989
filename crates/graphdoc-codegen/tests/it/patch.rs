//! `patch_prose`: after a prose edit, the previous run's files with only the items the edit
//! reaches rewritten are a fresh run's bytes; after any other edit it declines and leaves the
//! files as they were.

use crate::synthetic;
use graphdoc_codegen::{FormatCache, GeneratedFile, Settings, generate, generate_cached, patch_prose};
use serde_json::{Value, json};

struct Run {
    bundle: Value,
    operations: Value,
    settings: Settings,
    cache: FormatCache,
    files: Vec<GeneratedFile>,
}

impl Run {
    /// Patches the files for an edit of the types `defs` and operations `ops`; `true` when the
    /// patch was made, and then the files are checked against a fresh run.
    fn patch(&mut self, defs: &[&str], ops: &[usize], edit: &str) -> bool {
        let before = self.files.clone();
        let patched =
            patch_prose(&mut self.files, &self.bundle, Some(&self.operations), &self.settings, &self.cache, defs, ops);
        let fresh = generate(&self.bundle, Some(&self.operations), &self.settings);
        match patched {
            Some(diagnostics) => {
                assert!(self.files == fresh.files, "after {edit}: the patched files differ from a fresh run's");
                assert_eq!(diagnostics, fresh.diagnostics, "after {edit}");
                assert!(self.files != before, "{edit} reaches the files");
                true
            }
            None => {
                assert!(self.files == before, "a declined patch ({edit}) leaves the files as they were");
                false
            }
        }
    }

    fn regenerate(&mut self) {
        self.files = generate_cached(&self.bundle, Some(&self.operations), &self.settings, &self.cache).files;
    }

    /// The `properties` of type `name` (under `allOf` for a derived one).
    fn properties(&mut self, name: &str) -> &mut serde_json::Map<String, Value> {
        let def = &mut self.bundle["$defs"][name];
        let holder = if def.get("allOf").is_some() { &mut def["allOf"][1] } else { def };
        holder["properties"].as_object_mut().expect("an object type has properties")
    }
}

#[test]
fn prose_edits_are_patched_to_a_fresh_runs_bytes_and_others_declined() {
    for features in [false, true] {
        let (bundle, operations) = synthetic::bundle(150, 90);
        let settings = Settings::default().with_namespace_features(features);
        let cache = FormatCache::new();
        let files = generate_cached(&bundle, Some(&operations), &settings, &cache).files;
        let mut run = Run { bundle, operations, settings, cache, files };
        let names: Vec<String> = run.bundle["$defs"].as_object().expect("$defs").keys().cloned().collect();
        let leaf = names
            .iter()
            .find(|name| name.ends_with("complex") && run.bundle["$defs"][name.as_str()].get("allOf").is_none())
            .expect("a complex type without a base")
            .clone();

        run.bundle["$defs"][&leaf]["description"] = json!("Edited, with `code`, <b>html</b> and \"quotes\".");
        assert!(run.patch(&[&leaf], &[], "a type's description"));
        let first = run.properties(&leaf).keys().nth(1).cloned().expect("a property");
        run.properties(&leaf)[&first]["description"] = json!("An edited property.");
        assert!(run.patch(&[&leaf], &[], "a property's description"));
        // The base's prose reaches every type deriving from it.
        let base = "microsoft.graph.entity";
        let first = run.properties(base).keys().nth(1).cloned().expect("a property");
        run.properties(base)[&first]["description"] = json!("Edited in the base.");
        assert!(run.patch(&[base], &[], "a base type's property description"));

        let list = run.operations["operations"].as_array().expect("operations");
        let with_body = list.iter().position(|o| !o["requestBody"].is_null()).expect("an operation with a body");
        run.operations["operations"][with_body]["title"] = json!("An edited title");
        assert!(run.patch(&[], &[with_body], "an operation's title"));
        let body = &mut run.operations["operations"][with_body]["requestBody"]["schema"]["properties"];
        if let Some((_, property)) = body.as_object_mut().and_then(|p| p.iter_mut().find(|(k, _)| *k != "@odata.type"))
        {
            property["description"] = json!("An edited body property.");
            assert!(run.patch(&[], &[with_body], "a body property's description"));
        }

        // Structure is declined, and a whole run after it patches again.
        run.properties(&leaf).insert("addedProperty".to_owned(), json!({"type": "integer"}));
        assert!(!run.patch(&[&leaf], &[], "a property added"));
        run.regenerate();
        run.bundle["$defs"][&leaf]["description"] = json!("Edited after the structural edit.");
        assert!(run.patch(&[&leaf], &[], "a description after a whole run"));
        run.properties(&leaf).insert("addedProperty".to_owned(), json!({"type": "integer", "readOnly": true}));
        assert!(!run.patch(&[&leaf], &[], "a property made read-only"));
        run.regenerate();
        // Files that are not the last run's are declined too.
        run.bundle["$defs"][&leaf]["description"] = json!("Edited once more.");
        run.files.pop();
        assert!(!run.patch(&[&leaf], &[], "the files of another run"));
    }
}

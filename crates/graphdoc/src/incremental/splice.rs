//! Replacing single entries of the pretty JSON [`graphdoc_schema::to_pretty_json`] wrote,
//! instead of writing the whole file again after a patch. The layout is serde_json's pretty
//! printer with two-space indents: a string never holds a raw line break, so a line that starts
//! with exactly four spaces and then `"` or `{` is a `$defs` key or an operation, and the next
//! line that starts with four spaces and `}` closes it. When the text is not laid out so,
//! nothing is replaced and the caller writes the file whole.

use memchr::memmem;
use serde_json::Value;

/// Replaces the `$defs` entry `name` of a bundle's pretty JSON with `entry`.
pub(crate) fn replace_def(text: &mut String, name: &str, entry: &Value) -> bool {
    let Ok(key) = serde_json::to_string(name) else { return false };
    let opening = format!("\n    {key}: {{");
    let Some(at) = memmem::find(text.as_bytes(), opening.as_bytes()) else { return false };
    replace_object_at(text, at + opening.len() - 1, entry)
}

/// Replaces operation `index` of the `operations` array in operations.json's pretty JSON.
pub(crate) fn replace_operation(text: &mut String, index: usize, entry: &Value) -> bool {
    let Some(array) = memmem::find(text.as_bytes(), b"\n  \"operations\": [") else { return false };
    let Some(at) = memmem::find_iter(&text.as_bytes()[array..], b"\n    {").nth(index) else { return false };
    replace_object_at(text, array + at + "\n    ".len(), entry)
}

/// Replaces the object whose `{` is at `start` (a member of an object or array at depth 2).
fn replace_object_at(text: &mut String, start: usize, entry: &Value) -> bool {
    let end = if text[start..].starts_with("{}") {
        start + 2
    } else {
        let Some(close) = memmem::find(&text.as_bytes()[start..], b"\n    }") else { return false };
        start + close + "\n    }".len()
    };
    let Ok(pretty) = serde_json::to_string_pretty(entry) else { return false };
    text.replace_range(start..end, &pretty.replace('\n', "\n    "));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_schema::to_pretty_json;
    use serde_json::json;

    #[test]
    fn replaced_entries_read_as_the_whole_file_written_again() {
        let entry =
            |d: &str| json!({"title": "a", "description": d, "properties": {"x": {"type": ["string", "null"]}}});
        let mut bundle = json!({
            "$schema": "s",
            "$defs": {"a.b": entry("one\nline \"two\""), "a.c": entry("three"), "a.\"q\"": entry("four")},
        });
        let mut text = to_pretty_json(&bundle);
        // Text that looks like layout inside a string, an entry made empty and then full again.
        let replacements =
            [("a.c", entry("3 {\n    }")), ("a.\"q\"", entry("")), ("a.b", json!({})), ("a.b", entry("5"))];
        for (name, new) in replacements {
            assert!(replace_def(&mut text, name, &new), "{name}");
            bundle["$defs"][name] = new;
            assert_eq!(text, to_pretty_json(&bundle));
        }
        assert!(!replace_def(&mut text, "a.absent", &json!({})));

        let op = |t: &str| json!({"method": "GET", "title": t, "requestBody": null, "responses": [{"status": 200}]});
        let mut ops = json!({"version": "beta", "operations": [op("a"), op("b"), op("c")]});
        let mut text = to_pretty_json(&ops);
        for (index, title) in [(1, "B"), (0, "A\n    {"), (2, "")] {
            assert!(replace_operation(&mut text, index, &op(title)));
            ops["operations"][index] = op(title);
            assert_eq!(text, to_pretty_json(&ops));
        }
        assert!(!replace_operation(&mut text, 3, &op("x")));
    }
}

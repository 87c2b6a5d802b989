//! What description cells say beyond prose: required, optional, read-only, nullability, key.

use crate::needle::Needle;
use crate::page::{Link, Semantics};

/// Markers that introduce a complete list of values; "include" lists are examples, not rules.
/// Each has the word "value" (`from_description` looks for that first).
static VALUE_LISTS: [Needle; 6] = [
    Needle::new("possible values are"),
    Needle::new("possible values:"),
    Needle::new("valid values are"),
    Needle::new("supported values are"),
    Needle::new("allowed values are"),
    Needle::new("the value can be one of"),
];

static REQUIRED: Needle = Needle::new("required");
static NOT_REQUIRED: Needle = Needle::new("not required");
static OPTIONAL: Needle = Needle::new("optional");
static READ: Needle = Needle::new("read");
static READ_ONLY: [Needle; 3] = [Needle::new("read-only"), Needle::new("read only"), Needle::new("readonly")];
static NULLABLE: Needle = Needle::new("nullable");
static NOT_NULLABLE: [Needle; 2] = [Needle::new("not nullable"), Needle::new("non-nullable")];
static KEY: Needle = Needle::new("key");
static VALUE: Needle = Needle::new("value");
static INHERITED_FROM: Needle = Needle::new("inherited from");
static DEFAULT: Needle = Needle::new("default");
static DEFAULT_MARKERS: [Needle; 3] =
    [Needle::new("default value is"), Needle::new("default is"), Needle::new("defaults to")];

pub fn from_description(description: &str, links: &[Link]) -> Semantics {
    let lower = description.to_ascii_lowercase();
    // Each group of markers shares a word: one search for it skips the rest in most cells.
    let mentions_required = REQUIRED.is_in(&lower);
    let not_required = mentions_required && NOT_REQUIRED.is_in(&lower);
    let required = if mentions_required && !not_required && REQUIRED.is_word_in(&lower) {
        Some(true)
    } else if not_required || OPTIONAL.is_word_in(&lower) {
        Some(false)
    } else {
        None
    };
    let read_only = READ.is_in(&lower) && READ_ONLY.iter().any(|m| m.is_in(&lower));
    let nullable = if !NULLABLE.is_in(&lower) {
        None
    } else if NOT_NULLABLE.iter().any(|m| m.is_in(&lower)) {
        Some(false)
    } else if NULLABLE.is_word_in(&lower) {
        Some(true)
    } else {
        None
    };
    let key = KEY.is_in(&lower) && lower.split(['.', ';']).any(|sentence| sentence.trim() == "key");
    let list_start =
        if VALUE.is_in(&lower) { VALUE_LISTS.iter().filter_map(|m| m.find_end(&lower)).min() } else { None };
    let (possible_values, marked_default) = list_start.map_or((Vec::new(), None), |i| value_list(&description[i..]));
    let values_link = list_start
        .and_then(|_| links.iter().find(|l| l.target.contains(".md") || l.target.starts_with('#')))
        .filter(|_| possible_values.is_empty())
        .cloned();
    let default = marked_default.or_else(|| default_value(description, &lower));
    let inherited_from = INHERITED_FROM
        .find(&lower)
        .and_then(|at| links.iter().find(|l| lower[at..].contains(&l.text.to_ascii_lowercase())))
        .cloned();
    Semantics { required, read_only, nullable, key, possible_values, default, values_link, inherited_from }
}

/// The backticked values of a list, up to the end of its sentence, and the one marked
/// `(default)`.
fn value_list(text: &str) -> (Vec<String>, Option<String>) {
    let mut values = Vec::new();
    let mut default = None;
    let mut parts = text.split('`');
    let mut between = parts.next().unwrap_or("");
    loop {
        // Text between values ends the list when it ends a sentence.
        if !values.is_empty() && (between.contains(". ") || between.trim_end().ends_with('.')) {
            break;
        }
        if between.contains("(default)")
            && let Some(last) = values.last()
        {
            default = Some(String::clone(last));
        }
        let Some(value) = parts.next() else { break };
        if !value.is_empty() && !value.contains(' ') {
            values.push(value.to_string());
        }
        match parts.next() {
            Some(next) => between = next,
            None => break,
        }
    }
    (values, default)
}

/// "The default is `false`", "default value is 1", "defaults to `none`".
fn default_value(description: &str, lower: &str) -> Option<String> {
    if !DEFAULT.is_in(lower) {
        return None;
    }
    let start = DEFAULT_MARKERS.iter().filter_map(|m| m.find_end(lower)).min()?;
    let rest = description[start..].trim_start();
    let token = if let Some(quoted) = rest.strip_prefix('`') {
        quoted.split('`').next()?
    } else {
        rest.split(|c: char| c.is_whitespace() || c == ',' || c == ';').next()?.trim_end_matches('.')
    };
    (!token.is_empty()).then(|| token.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sem(text: &str) -> Semantics {
        from_description(text, &[])
    }

    #[test]
    fn reads_the_markers() {
        let s = sem("The tenant ID. Key. Not nullable. Required.");
        assert_eq!((s.required, s.read_only, s.nullable, s.key), (Some(true), false, Some(false), true));
        let s = sem("Shown to users. Optional. Read-only.");
        assert_eq!((s.required, s.read_only, s.nullable, s.key), (Some(false), true, None, false));
        assert_eq!(sem("See requiredResourceAccess.").required, None);
        assert_eq!(sem("Nullable.").nullable, Some(true));
    }

    #[test]
    fn possible_values_and_defaults() {
        let s = sem("The state. Possible values are: `done`, `inprogress`, or `error`. Read-only.");
        assert_eq!(s.possible_values, ["done", "inprogress", "error"]);
        assert!(s.read_only);
        assert_eq!(sem("Possible values include `a`, `b`.").possible_values, Vec::<String>::new());
        let s = sem("The role. The possible values are: `owner`, `member` (default), `unknownFutureValue`.");
        assert_eq!(s.possible_values, ["owner", "member", "unknownFutureValue"]);
        assert_eq!(s.default.as_deref(), Some("member"));
        assert_eq!(sem("Whether it is on. The default is `false`.").default.as_deref(), Some("false"));
        assert_eq!(sem("Optional, default value is 1.").default.as_deref(), Some("1"));
        let link = Link { text: "riskLevel".into(), target: "enums.md#risklevel-values".into() };
        let s = from_description("Possible values are listed in riskLevel.", std::slice::from_ref(&link));
        assert_eq!(s.values_link, Some(link));
        let base = Link { text: "entity".into(), target: "entity.md".into() };
        let s = from_description("The id. Inherited from entity.", std::slice::from_ref(&base));
        assert_eq!(s.inherited_from, Some(base));
    }
}

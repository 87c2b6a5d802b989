//! What description cells say beyond prose: required, optional, read-only, nullability, key.

use crate::page::Semantics;

pub fn from_description(description: &str) -> Semantics {
    let lower = description.to_ascii_lowercase();
    let required = if has_word(&lower, "required") && !lower.contains("not required") {
        Some(true)
    } else if has_word(&lower, "optional") || lower.contains("not required") {
        Some(false)
    } else {
        None
    };
    let read_only = lower.contains("read-only") || lower.contains("read only") || lower.contains("readonly");
    let nullable = if lower.contains("not nullable") || lower.contains("non-nullable") {
        Some(false)
    } else if has_word(&lower, "nullable") {
        Some(true)
    } else {
        None
    };
    let key = lower.split(['.', ';']).any(|sentence| sentence.trim() == "key");
    Semantics { required, read_only, nullable, key }
}

/// `word` as a whole word, so "requiredResourceAccess" does not read as "required".
fn has_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_markers() {
        let s = from_description("The tenant ID. Key. Not nullable. Required.");
        assert_eq!(s, Semantics { required: Some(true), read_only: false, nullable: Some(false), key: true });
        let s = from_description("Shown to users. Optional. Read-only.");
        assert_eq!(s, Semantics { required: Some(false), read_only: true, nullable: None, key: false });
        assert_eq!(from_description("See requiredResourceAccess.").required, None);
        assert_eq!(from_description("Nullable.").nullable, Some(true));
    }
}

//! Rust identifiers from untrusted JSON names: word splitting, `snake_case` and `UpperCamelCase`,
//! keywords, leading digits, and deterministic disambiguation of names that collide.
//!
//! Every identifier the generator emits comes from here and is checked with `syn` before use, so
//! no input can make `Ident::new` panic. The JSON name itself is always kept elsewhere (in a
//! `#[serde(rename)]` or a string literal); these identifiers only have to be valid and stable.

use proc_macro2::{Ident, Span};
use std::collections::{BTreeMap, BTreeSet};

/// Keywords that `r#` makes usable as identifiers (strict and reserved, edition 2024).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a `_` suffix instead.
const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "super", "Self"];

/// Type names the generated modules use unqualified (prelude items) or that are keywords; a
/// schema type with one of these names gets a `Type` suffix so it never shadows them.
pub(crate) const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Deserialize",
    "Drop",
    "Eq",
    "Err",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Send",
    "Serialize",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Splits a name into ASCII words: any character that is not an ASCII letter or digit separates
/// words, and so does a case change (`fooBar` → foo|Bar, `HTTPServer` → HTTP|Server). Digits
/// stay with the word before them (`int32Value` → int32|Value).
pub(crate) fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `snake_case` of `name`, made a valid identifier: `fallback` when nothing is left, `_` before a
/// leading digit. Keywords are left for [`ident`] to make raw.
pub(crate) fn snake(name: &str, fallback: &str) -> String {
    let joined = words(name).iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join("_");
    let joined = if joined.is_empty() { fallback.to_owned() } else { joined };
    if joined.starts_with(|c: char| c.is_ascii_digit()) { format!("_{joined}") } else { joined }
}

/// `UpperCamelCase` of `name`: each word capitalised, the rest lowercased (`HTTPServer` →
/// `HttpServer`); `fallback` when nothing is left, `N` before a leading digit.
pub(crate) fn upper_camel(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        out = fallback.to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) { format!("N{out}") } else { out }
}

/// A set of names already used in one namespace (a module's items, a struct's fields, an enum's
/// variants). Claims are first come, first served, so callers claim in a deterministic order.
#[derive(Debug, Default)]
pub(crate) struct NameTable {
    taken: BTreeSet<String>,
    /// Between the name and the number of a disambiguated name: `_` for snake case, `` for camel.
    separator: &'static str,
}

impl NameTable {
    pub(crate) fn snake() -> Self {
        NameTable { taken: BTreeSet::new(), separator: "_" }
    }

    pub(crate) fn camel() -> Self {
        NameTable { taken: BTreeSet::new(), separator: "" }
    }

    /// Marks `name` as used without claiming it for anything (e.g. `other` in an enum).
    pub(crate) fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    pub(crate) fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `candidate` if free, else `candidate` plus the first free number from 2 on.
    pub(crate) fn claim(&mut self, candidate: &str) -> String {
        let mut name = candidate.to_owned();
        let mut n = 2u64;
        while self.taken.contains(&name) {
            name = format!("{candidate}{}{n}", self.separator);
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// The identifier for a sanitized name: raw (`r#type`) for keywords that allow it, a `_` suffix
/// for `self`/`Self`/`super`/`crate`. Falls back to `invalid_name` if the text is still not an
/// identifier, which the sanitizers above should never produce.
pub(crate) fn ident(name: &str) -> Ident {
    // Parsing is for the rare name that is not a plain ASCII identifier; it costs far more.
    if is_plain(name) {
        return Ident::new(name, Span::call_site());
    }
    let text = if RAW_KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else if NON_RAW_KEYWORDS.contains(&name) || name == "_" {
        format!("{name}_")
    } else {
        name.to_owned()
    };
    syn::parse_str::<Ident>(&text).unwrap_or_else(|_| Ident::new("invalid_name", Span::call_site()))
}

/// The text of [`ident`]`(name)`, without parsing it when it is a plain ASCII identifier (almost
/// every name): the keywords `ident` handles are all in its lists.
pub(crate) fn ident_text(name: &str) -> String {
    if is_plain(name) { name.to_owned() } else { ident(name).to_string() }
}

/// An ASCII identifier that is no keyword: [`ident`] keeps it as it is.
fn is_plain(name: &str) -> bool {
    name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && name != "_"
        && !RAW_KEYWORDS.contains(&name)
        && !NON_RAW_KEYWORDS.contains(&name)
}

/// A snake-case name for an operation, read like its path: `POST /users/{id}/events` →
/// `post_users_by_id_events`.
pub(crate) fn operation_name(method: &str, path: &str) -> String {
    let mut words = vec![snake(method, "")];
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        words.push(snake(&rest[..open], ""));
        let after = &rest[open + 1..];
        let close = after.find('}').unwrap_or(after.len());
        // `{crossTenantIdentitySyncPolicyPartner-tenantId}` → `by_tenant_id`, `{id | userPrincipalName}` → `by_id`.
        let placeholder = after[..close].split('|').next().unwrap_or_default();
        let placeholder = placeholder.rsplit('-').next().unwrap_or_default();
        words.push(format!("by_{}", snake(placeholder, "key")));
        rest = after.get(close + 1..).unwrap_or("");
    }
    words.push(snake(rest, ""));
    words.retain(|w| !w.is_empty());
    words.join("_").replace("__", "_")
}

/// The Rust type name for each qualified name: `UpperCamelCase` of the last segment
/// (`microsoft.graph.crossTenantUserSyncInbound` → `CrossTenantUserSyncInbound`).
///
/// When several qualified names share that name, the one in the shortest namespace (then the
/// first in sorted order) keeps it and the others take namespace segments in front, nearest
/// first (`microsoft.graph.security.alert` → `SecurityAlert`). A name in
/// [`RESERVED_TYPE_NAMES`] is also prefixed, or gets a `Type` suffix when it has no namespace.
/// Numbers are the last resort. The result depends only on the set of names.
pub(crate) fn type_names<'a>(qualified: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for name in qualified {
        let last = name.rsplit('.').next().unwrap_or(name);
        groups.entry(upper_camel(last, "Unnamed")).or_default().push(name);
    }
    let mut table = NameTable::camel();
    for reserved in RESERVED_TYPE_NAMES {
        table.reserve(reserved);
    }
    let mut assigned = BTreeMap::new();
    // Unique, unreserved names first, so a prefixed name never takes one of them.
    for (base, members) in &groups {
        match members.as_slice() {
            [only] if !table.is_taken(base) => {
                assigned.insert((*only).to_owned(), table.claim(base));
            }
            _ => {}
        }
    }
    for (base, members) in &groups {
        let mut members: Vec<&str> = members.iter().copied().filter(|m| !assigned.contains_key(*m)).collect();
        members.sort_by_key(|m| (m.split('.').count(), *m));
        for (position, member) in members.into_iter().enumerate() {
            let namespace: Vec<&str> = member.split('.').collect();
            let namespace = &namespace[..namespace.len().saturating_sub(1)];
            let mut candidates = Vec::new();
            if position == 0 {
                candidates.push(base.clone());
            }
            for take in 1..=namespace.len() {
                let prefix = upper_camel(&namespace[namespace.len() - take..].join("."), "");
                candidates.push(format!("{prefix}{base}"));
            }
            let chosen = match candidates.into_iter().find(|c| !table.is_taken(c)) {
                Some(free) => table.claim(&free),
                None => table.claim(&format!("{base}Type")),
            };
            assigned.insert(member.to_owned(), chosen);
        }
    }
    assigned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_at_case_changes_and_punctuation() {
        assert_eq!(words("crossTenantUserSyncInbound"), ["cross", "Tenant", "User", "Sync", "Inbound"]);
        assert_eq!(words("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(words("int32Value"), ["int32", "Value"]);
        assert_eq!(words("@odata.type"), ["odata", "type"]);
        assert_eq!(words("a-b"), ["a", "b"]);
        assert_eq!(words("ünï"), ["n"]);
    }

    #[test]
    fn converts_case_and_guards_leading_digits() {
        assert_eq!(snake("fooBar", "field"), "foo_bar");
        assert_eq!(snake("FooBar", "field"), "foo_bar");
        assert_eq!(snake("1abc", "field"), "_1abc");
        assert_eq!(snake("@", "field"), "field");
        assert_eq!(upper_camel("crossTenantUserSyncInbound", "T"), "CrossTenantUserSyncInbound");
        assert_eq!(upper_camel("1abc", "T"), "N1abc");
        assert_eq!(upper_camel("", "Empty"), "Empty");
    }

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("Self").to_string(), "Self_");
        assert_eq!(ident("ok_name").to_string(), "ok_name");
        assert_eq!(ident("not valid").to_string(), "invalid_name");
    }

    #[test]
    fn type_names_disambiguate_namespaces_and_reserved_names() {
        let names = type_names([
            "microsoft.graph.alert",
            "microsoft.graph.security.alert",
            "microsoft.graph.option",
            "Vec",
            "microsoft.graph.crossTenantUserSyncInbound",
        ]);
        assert_eq!(names["microsoft.graph.alert"], "Alert");
        assert_eq!(names["microsoft.graph.security.alert"], "SecurityAlert");
        assert_eq!(names["microsoft.graph.option"], "GraphOption");
        assert_eq!(names["Vec"], "VecType");
        assert_eq!(names["microsoft.graph.crossTenantUserSyncInbound"], "CrossTenantUserSyncInbound");
    }

    #[test]
    fn operation_names_read_like_the_path() {
        assert_eq!(
            operation_name("POST", "/policies/crossTenantIdentitySyncPolicy/partners"),
            "post_policies_cross_tenant_identity_sync_policy_partners"
        );
        assert_eq!(operation_name("GET", "/users/{id}/events"), "get_users_by_id_events");
        assert_eq!(operation_name("PATCH", "/groups/{group-id}/members/$ref"), "patch_groups_by_id_members_ref");
        assert_eq!(operation_name("GET", "/users/{id | userPrincipalName}"), "get_users_by_id");
        assert_eq!(operation_name("", "{"), "by_key");
        assert_eq!(operation_name("GET", "/"), "get");
    }

    #[test]
    fn collisions_get_numbers() {
        let mut table = NameTable::snake();
        assert_eq!(table.claim("foo_bar"), "foo_bar");
        assert_eq!(table.claim("foo_bar"), "foo_bar_2");
        let mut table = NameTable::camel();
        assert_eq!(table.claim("FooBar"), "FooBar");
        assert_eq!(table.claim("FooBar"), "FooBar2");
    }
}

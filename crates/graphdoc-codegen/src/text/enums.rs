//! The text of string enums and flags sets (see `crate::enums`, their token form).

use super::{Lines, lit};

/// One variant of a string enum: its identifier and the JSON string it stands for.
pub(crate) struct Variant<'a> {
    pub ident: String,
    pub json: &'a str,
}

/// The enum with its catch-all and impls; `None` if a line does not fit.
pub(crate) fn enumeration(name: &str, docs: &[String], variants: &[Variant<'_>]) -> Option<String> {
    let mut out = Lines::new();
    write_enumeration(&mut out, name, docs, variants);
    out.finish()
}

fn write_enumeration(out: &mut Lines, name: &str, docs: &[String], variants: &[Variant<'_>]) {
    let jsons: Vec<String> = variants.iter().map(|v| lit(v.json)).collect();
    out.docs(0, docs);
    out.code(0, &["#[derive(Debug, Clone, PartialEq, Eq, Hash)]"]);
    out.code(0, &["pub enum ", name, " {"]);
    for variant in variants {
        out.docs(4, &[variant_doc(variant.json)]);
        out.code(4, &[&variant.ident, ","]);
    }
    out.docs(4, &[" A value this schema does not list, kept as sent.".to_owned()]);
    out.code(4, &["Other(String),"]);
    out.code(0, &["}"]);
    out.blank();
    out.code(0, &["impl ", name, " {"]);
    out.docs(4, &[" The JSON string for this value.".to_owned()]);
    out.code(4, &["pub fn as_str(&self) -> &str {"]);
    out.code(8, &["match self {"]);
    for (variant, json) in variants.iter().zip(&jsons) {
        out.match_arm(12, &["Self::", &variant.ident], &[json]);
    }
    out.code(12, &["Self::Other(value) => value,"]);
    out.code(8, &["}"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);
    out.blank();
    out.code(0, &["impl From<&str> for ", name, " {"]);
    out.code(4, &["fn from(value: &str) -> Self {"]);
    if variants.is_empty() {
        out.code(8, &["Self::Other(value.to_owned())"]);
    } else {
        out.code(8, &["match value {"]);
        for (variant, json) in variants.iter().zip(&jsons) {
            out.match_arm(12, &[json], &["Self::", &variant.ident]);
        }
        out.code(12, &["other => Self::Other(other.to_owned()),"]);
        out.code(8, &["}"]);
    }
    out.code(4, &["}"]);
    out.code(0, &["}"]);
    out.blank();
    out.code(0, &["impl std::fmt::Display for ", name, " {"]);
    out.code(4, &["fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {"]);
    out.code(8, &["f.write_str(self.as_str())"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);
    out.blank();
    out.code(0, &["impl serde::Serialize for ", name, " {"]);
    write_serialize_body(out, "serializer.serialize_str(self.as_str())");
    out.blank();
    write_deserialize_from_str(out, name);
}

/// The doc value of a variant: its JSON string in backticks.
pub(crate) fn variant_doc(json: &str) -> String {
    format!(" `{}`", crate::emit::doc_text(&json.replace('`', "'")))
}

/// The flags set `name` over the member enum `member` (written after it, as one item run);
/// `None` if a line does not fit.
pub(crate) fn flags(
    name: &str,
    member: &str,
    docs: &[String],
    variants: &[Variant<'_>],
    runtime: &str,
) -> Option<String> {
    let mut out = Lines::new();
    out.docs(0, docs);
    out.docs(
        0,
        &[
            String::new(),
            " A set of members, sent as a comma-separated string (`\"a,b\"`); members this schema does".to_owned(),
            " not list are kept as sent.".to_owned(),
        ],
    );
    out.code(0, &["#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]"]);
    out.code(0, &["pub struct ", name, "(pub Vec<", member, ">);"]);
    out.blank();
    out.code(0, &["impl ", name, " {"]);
    out.code(4, &["pub fn contains(&self, member: &", member, ") -> bool {"]);
    out.code(8, &["self.0.contains(member)"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);
    out.blank();
    out.code(0, &["impl From<&str> for ", name, " {"]);
    out.code(4, &["fn from(value: &str) -> Self {"]);
    // prettyplease keeps a chain that fits on one line; only the broken layout is written here.
    let chain = [runtime, "flag_members(value).map(", member, "::from).collect()"];
    let chain_len: usize = chain.iter().map(|p| p.len()).sum();
    if 8 + "Self()".len() + chain_len <= super::MARGIN || 12 + chain_len <= super::MARGIN {
        return None;
    }
    out.code(8, &["Self("]);
    out.code(12, &[runtime, "flag_members(value)"]);
    out.code(16, &[".map(", member, "::from)"]);
    out.code(16, &[".collect(),"]);
    out.code(8, &[")"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);
    out.blank();
    out.code(0, &["impl std::fmt::Display for ", name, " {"]);
    out.code(4, &["fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {"]);
    out.code(8, &["for (i, member) in self.0.iter().enumerate() {"]);
    out.code(12, &["if i > 0 {"]);
    out.code(16, &["f.write_str(\",\")?;"]);
    out.code(12, &["}"]);
    out.code(12, &["f.write_str(member.as_str())?;"]);
    out.code(8, &["}"]);
    out.code(8, &["Ok(())"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);
    out.blank();
    out.code(0, &["impl serde::Serialize for ", name, " {"]);
    write_serialize_body(&mut out, "serializer.collect_str(self)");
    out.blank();
    write_deserialize_from_str(&mut out, name);
    out.blank();
    let member_doc = format!(" One member of [`{name}`].");
    write_enumeration(&mut out, member, &[member_doc], variants);
    out.finish()
}

/// `fn serialize` with a one-line body, and the impl's closing brace.
fn write_serialize_body(out: &mut Lines, body: &str) {
    out.code(4, &["fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {"]);
    out.code(8, &[body]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);
}

/// `Deserialize` through a `String` and `From<&str>`.
fn write_deserialize_from_str(out: &mut Lines, name: &str) {
    out.code(0, &["impl<'de> serde::Deserialize<'de> for ", name, " {"]);
    out.code(4, &["fn deserialize<D: serde::Deserializer<'de>>("]);
    out.code(8, &["deserializer: D,"]);
    out.code(4, &[") -> Result<Self, D::Error> {"]);
    out.code(8, &["let value = <String as serde::Deserialize>::deserialize(deserializer)?;"]);
    out.code(8, &["Ok(Self::from(value.as_str()))"]);
    out.code(4, &["}"]);
    out.code(0, &["}"]);
}

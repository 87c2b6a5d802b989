//! The text writers against prettyplease, the reference: for every item a writer accepts, its
//! text must be what prettyplease prints for the item's tokens. Names, types and literals are
//! swept across the margin so a writer that keeps a line prettyplease would break (or the other
//! way round) fails here, and the common shapes must be accepted so the fast path is tested.

use super::Variant;
use crate::emit::{doc_tokens, format_file, gate_items, tokens};
use crate::types::{Field, structure};
use quote::quote;

/// prettyplease's text for `items`.
fn pretty(items: proc_macro2::TokenStream) -> String {
    let mut diagnostics = Vec::new();
    let text = format_file("test.rs", items, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    text
}

fn field(json: &str, ident: &str, ty: &str, cfg: Option<&str>, docs: &[&str]) -> Field {
    Field {
        json_name: json.to_owned(),
        ident: ident.to_owned(),
        ty: ty.to_owned(),
        required: false,
        cfg: cfg.map(str::to_owned),
        needs: None,
        docs: docs.iter().map(|d| (*d).to_owned()).collect(),
    }
}

/// Checks the text writer for one struct; returns whether it accepted it.
fn check_struct(name: &str, docs: &[String], what: &str, fields: &[Field], runtime: &str, gate: Option<&str>) -> bool {
    let Some(text) = super::structure(name, docs, what, fields, runtime, gate) else { return false };
    let mut items = structure(&tokens(name), &doc_tokens(docs), what, fields, runtime);
    if let Some(gate) = gate {
        items = gate_items(items, &tokens(gate));
    }
    assert_eq!(text, pretty(items), "struct {name}");
    true
}

fn long_doc() -> String {
    format!(" {} `code` [`link`] \\u{{202e}} \"quoted\" ünïcödé", "words ".repeat(40).trim_end())
}

#[test]
fn structs_match_prettyplease() {
    let docs = vec![long_doc(), String::new(), " Schema type `microsoft.graph.user`.".to_owned()];
    let fields = vec![
        field("id", "id", "Option<String>", None, &[" The identifier."]),
        field("type", "r#type", "Option<CallType>", None, &[]),
        field("@odata.etag", "odata_etag", "Option<serde_json::Value>", None, &[" One.", "", " Two."]),
        field("q\"and\\s", "q_and_s", "Option<i64>", Some("graph"), &[" Odd JSON name."]),
        field("ünïcödé", "unicode", "Option<Vec<super::x::Y>>", Some("x-y"), &[]),
        field("organizer", "organizer", "Option<super::IdentitySetKind>", Some("graph"), &[]),
        field("map", "map", "Option<serde_json::Map<String, serde_json::Value>>", None, &[]),
    ];
    for runtime in ["super::serde_support::", "super::super::serde_support::", "super::super::super::serde_support::"] {
        for gate in [None, Some("#[cfg(feature = \"graph\")]"), Some("#[cfg(all(feature = \"a\", feature = \"b-c\"))]")]
        {
            assert!(check_struct("User", &docs, "microsoft.graph.user", &fields, runtime, gate));
            assert!(check_struct("Empty", &[], "x", &[], runtime, gate), "no fields");
        }
    }
    // Every length of names, types and literals around the margin.
    let mut accepted = 0;
    for n in 1..110 {
        let long = "a".repeat(n);
        let ty = format!("Option<Vec<super::super::serde_support::Link<{}>>>", "B".repeat(n));
        let fields = [
            field(&long, &long, "Option<String>", None, &[]),
            field("x", &format!("x{long}"), &ty, Some("graph"), &[]),
            field(&format!("j{long}"), "j", "Option<Y>", Some(&long), &[]),
            field("plain", &format!("p{long}"), "String", None, &[]),
            field("y", "y", &ty, None, &[]),
        ];
        let name = format!("N{long}");
        let what = format!("microsoft.graph.{long}");
        for (i, field) in fields.iter().enumerate() {
            accepted += usize::from(check_struct(
                &name,
                &[],
                &what,
                std::slice::from_ref(field),
                "super::serde_support::",
                None,
            ));
            accepted +=
                usize::from(check_struct("S", &[], &what, &fields[..=i], "super::super::serde_support::", None));
        }
    }
    assert!(accepted > 150, "the fast path takes the common lengths ({accepted})");

    // Names too long for an impl header even when broken before `for` (request bodies named
    // after paths with ids in them reach 120 characters).
    let mut long_names = 0;
    for n in 75..125 {
        let name = format!("N{}", "a".repeat(n));
        let one = [field("id", "id", "Option<String>", None, &[])];
        long_names += usize::from(check_struct(&name, &[], "x", &one, "super::serde_support::", None));
    }
    assert_eq!(long_names, 50, "every long name is written as text");

    // Field types broken one, two and three levels deep, and a two-argument list (left to
    // prettyplease).
    let mut nested = 0;
    for n in 20..100 {
        let target = format!("super::call_records::B{}", "b".repeat(n));
        for ty in [
            format!("Option<Vec<super::super::serde_support::Link<{target}>>>"),
            format!("Option<super::super::serde_support::Link<{target}>>"),
            format!("Option<Vec<Option<{target}>>>"),
            format!("Option<std::collections::BTreeMap<String, {target}>>"),
        ] {
            let one = [field("f", "f", &ty, None, &[])];
            if check_struct("S", &[], "x", &one, "super::serde_support::", None) {
                let text = super::structure("S", &[], "x", &one, "super::serde_support::", None).unwrap_or_default();
                nested += usize::from(text.contains("Link<\n") || text.contains("Vec<\n"));
            }
        }
    }
    assert!(nested > 60, "nested breaks are written as text ({nested})");
}

#[test]
fn required_fields_match_prettyplease() {
    let mut accepted = 0;
    for n in 0..100 {
        let long = "a".repeat(n);
        let mut fields = [
            field(&format!("r{long}"), &format!("r{long}"), "String", None, &[]),
            field("opt", "opt", "Option<i64>", None, &[]),
            field("k", "k", &format!("super::B{long}Kind"), Some("graph"), &[]),
            field(&long, "l", "Vec<String>", None, &[]),
        ];
        for (i, f) in fields.iter_mut().enumerate() {
            f.required = i != 1;
        }
        for count in 1..=fields.len() {
            for runtime in ["super::", "super::super::super::serde_support::"] {
                accepted += usize::from(check_struct("S", &[], "s", &fields[..count], runtime, None));
                let name = format!("N{long}");
                let gate = Some("#[cfg(feature = \"graph\")]");
                accepted += usize::from(check_struct(&name, &[], "s", &fields[..count], runtime, gate));
            }
        }
    }
    assert!(accepted > 500, "the fast path takes the common lengths ({accepted})");
    // Enough required fields that the `Some(…)` pattern breaks too.
    let names: Vec<String> = (0..7).map(|i| format!("f{i}")).collect();
    let many: Vec<Field> = names.iter().map(|n| Field { required: true, ..field(n, n, "String", None, &[]) }).collect();
    for count in 1..=many.len() {
        assert!(check_struct("S", &[], "s", &many[..count], "super::", None), "{count} required fields");
    }
}

fn variants<'a>(idents: &[&str], jsons: &[&'a str]) -> Vec<Variant<'a>> {
    idents.iter().zip(jsons).map(|(ident, json)| Variant { ident: (*ident).to_owned(), json }).collect()
}

#[test]
fn enums_and_flags_match_prettyplease() {
    let docs = vec![long_doc()];
    let odd = variants(
        &["Unknown", "Type", "Empty", "Quoted", "Unicode", "Backtick"],
        &["unknown", "type", "", "a\"b\\c", "ünï", "tick`"],
    );
    let mut accepted = 0;
    for n in 0..110 {
        let long = "a".repeat(n);
        let ident = format!("V{long}");
        let name = format!("E{long}");
        let member = format!("{name}Member");
        for variants in [odd.clone(), variants(&[&ident], &[&long]), Vec::new()] {
            if let Some(text) = super::enumeration(&name, &docs, &variants) {
                let items = crate::enums::enumeration(&variants, &tokens(&name), &doc_tokens(&docs));
                assert_eq!(text, pretty(items), "enum {name}");
                accepted += 1;
            }
            for runtime in ["super::serde_support::", "super::super::super::serde_support::"] {
                if let Some(text) = super::flags(&name, &member, &docs, &variants, runtime) {
                    let items = crate::enums::flags(
                        &variants,
                        &tokens(&name),
                        &tokens(&member),
                        &doc_tokens(&docs),
                        &tokens(runtime),
                    );
                    assert_eq!(text, pretty(items), "flags {name}");
                    accepted += 1;
                }
            }
        }
    }
    assert!(accepted > 250, "the fast path takes the common lengths ({accepted})");

    // Long members in a short-named enum: match arms that prettyplease breaks into blocks.
    let mut broken = 0;
    for (n, odd) in (20..90).flat_map(|n| [(n, ""), (n, "c")]) {
        // Member and identifier lengths of both parities, so that every arm width is met.
        let json = format!("m{}{odd}", "b".repeat(n));
        let ident = format!("M{}", "b".repeat(n));
        let members = variants(&["Short", ident.as_str()], &["short", json.as_str()]);
        if let Some(text) = super::enumeration("Mode", &docs, &members) {
            let items = crate::enums::enumeration(&members, &tokens("Mode"), &doc_tokens(&docs));
            assert_eq!(text, pretty(items), "enum with member {json}");
            broken += usize::from(text.contains(" => {"));
        }
    }
    assert!(broken > 40, "arms broken into blocks are written as text ({broken})");
}

impl Clone for Variant<'_> {
    fn clone(&self) -> Self {
        Variant { ident: self.ident.clone(), json: self.json }
    }
}

#[test]
fn aliases_match_prettyplease() {
    let mut accepted = 0;
    for n in 1..110 {
        let long = "a".repeat(n);
        let name = format!("A{long}");
        for ty in [format!("super::x::{long}"), format!("Option<Vec<B{long}>>"), "serde_json::Value".to_owned()] {
            for gate in [None, Some("#[cfg(feature = \"graph\")]")] {
                let docs = vec![" An alias.".to_owned()];
                let Some(text) = super::alias(&name, &docs, &ty, gate) else { continue };
                let (docs_tokens, name_tokens, ty_tokens) = (doc_tokens(&docs), tokens(&name), tokens(&ty));
                let mut items = quote! { #docs_tokens pub type #name_tokens = #ty_tokens; };
                if let Some(gate) = gate {
                    items = gate_items(items, &tokens(gate));
                }
                assert_eq!(text, pretty(items), "alias {name} = {ty}");
                accepted += 1;
            }
        }
    }
    assert!(accepted > 300, "the fast path takes the common lengths ({accepted})");
}

#[test]
fn validator_lists_match_prettyplease() {
    use crate::validators::list_tokens;
    let docs = vec![" Every validator.".to_owned(), String::new(), " Sorted.".to_owned()];
    let odd = ["q\"and\\s", "ünïcödé", "tab\there", "{id}/x", ""];
    let mut accepted = 0;
    for n in 0..110 {
        let long = "a".repeat(n);
        let name = format!("microsoft.graph.{long}");
        let path = format!("/users/{{id}}/{long}");
        let mut singles: Vec<([&str; 1], usize)> = odd.iter().enumerate().map(|(i, o)| ([*o], i)).collect();
        singles.extend([([name.as_str()], 7), ([long.as_str()], 12345), ([path.as_str()], 99)]);
        let decl = "pub static TYPE_VALIDATORS: &[(&str, Validator)]";
        if let Some(text) = super::validator_list(decl, &docs, &singles) {
            assert_eq!(text, pretty(list_tokens(decl, &docs, &singles)), "list with {name}");
            accepted += 1;
        }
        let pairs = [(["PATCH", odd[0]], 5), (["GET", path.as_str()], 3), (["POST", long.as_str()], 40000)];
        let decl = "pub static REQUEST_BODY_VALIDATORS: &[(&str, &str, Validator)]";
        if let Some(text) = super::validator_list(decl, &[], &pairs) {
            assert_eq!(text, pretty(list_tokens(decl, &[], &pairs)), "list with {path}");
            accepted += 1;
        }
    }
    assert!(accepted > 200, "the fast path takes the common lengths ({accepted})");
    // A list prettyplease keeps on one line is left to it.
    assert!(super::validator_list("pub static A: &[(&str, Validator)]", &[], &[(["a"], 0)]).is_none());
    assert!(super::validator_list("pub static A: &[(&str, Validator)]", &[], &[] as &[([&str; 1], usize)]).is_none());
}

#[test]
fn string_consts_match_prettyplease() {
    use crate::validators::tables_tokens;
    let docs = vec![" One node per line.".to_owned(), " More.".to_owned()];
    for literal in ["r#\"\"#", "r#\"\n[\"a\"]\n\"#", &format!("r##\"\n{}\n\"##", "[\"x\",\"#y\"]\n".repeat(50))] {
        let text = super::string_const("TABLES", &docs, literal).expect("plain docs");
        assert_eq!(text, pretty(tables_tokens(&docs, literal)), "{literal}");
    }
}

fn kind_variant<'a>(cfg: Option<&str>, ident: &str, path: &str, member: &'a str) -> super::KindVariant<'a> {
    super::KindVariant {
        cfg: cfg.map(|feature| format!("#[cfg(feature = {})]", super::lit(feature))),
        ident: ident.to_owned(),
        path: path.to_owned(),
        member,
    }
}

/// Checks the text writer for one `…Kind` enum; returns whether it accepted it.
fn check_kind(name: &str, runtime: &str, variants: &[super::KindVariant<'_>]) -> bool {
    let doc = format!(" A `{name}` or a type derived from it, chosen by the payload's `@odata.type`.");
    let Some(text) = super::kind(name, &doc, runtime, variants) else { return false };
    assert_eq!(text, pretty(crate::kinds::kind_tokens(name, &doc, runtime, variants)), "kind {name}");
    true
}

#[test]
fn kinds_match_prettyplease() {
    let runtimes = ["super::serde_support::", "super::super::serde_support::", "super::super::super::serde_support::"];
    let members = ["microsoft.graph.identity", "microsoft.graph.q\"and\\s`tick`", "microsoft.graph.ünïcödé"];
    let mut accepted = 0;
    for n in 0..100 {
        let long = "a".repeat(n);
        let member = format!("microsoft.graph.{long}");
        let name = format!("K{long}Kind");
        let path = format!("super::super::x_y::B{long}");
        for runtime in runtimes {
            let variants = [
                kind_variant(None, "Identity", "Identity", members[0]),
                kind_variant(Some("graph"), "r#type", "super::r#type::Odd", members[1]),
                kind_variant(Some("x-y"), &format!("B{long}"), &path, &member),
                kind_variant(None, "Unicode", "Unicode", members[2]),
            ];
            accepted += usize::from(check_kind(&name, runtime, &variants));
            accepted += usize::from(check_kind("IdentityKind", runtime, &variants[..3]));
            // The long member as the base.
            accepted += usize::from(check_kind("K", runtime, &[variants[2].clone(), variants[0].clone()]));
            let short = [
                kind_variant(None, &format!("V{long}"), &format!("V{long}"), &member),
                kind_variant(None, "D", "D", "d"),
            ];
            accepted += usize::from(check_kind(&name, runtime, &short));
            // Only the enum's name long: its impl headers break before `for`.
            let plain = [kind_variant(None, "A", "A", "a"), kind_variant(Some("b"), "B", "super::B", "b")];
            accepted += usize::from(check_kind(&name, runtime, &plain));
        }
    }
    assert!(accepted > 350, "the fast path takes the common lengths ({accepted})");
}

impl Clone for super::KindVariant<'_> {
    fn clone(&self) -> Self {
        super::KindVariant {
            cfg: self.cfg.clone(),
            ident: self.ident.clone(),
            path: self.path.clone(),
            member: self.member,
        }
    }
}

/// The plain-ASCII shortcut of `lit` writes what a proc-macro2 literal prints.
#[test]
fn string_literals_match_proc_macro2() {
    let mut values: Vec<String> = (0u8..=127).map(|b| format!("a{}b", char::from(b))).collect();
    values.extend(
        ["", "plain", "@odata.type", "ünï", "tab\there", "a\u{202e}b", "q\"uote", "back\\slash", "it's"]
            .map(String::from),
    );
    for value in &values {
        assert_eq!(super::lit(value), proc_macro2::Literal::string(value).to_string(), "{value:?}");
    }
}

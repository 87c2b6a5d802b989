//! Text from the docs never becomes code. Names, descriptions, enum members, type names and
//! sources full of comment closers, quotes, backslashes, attribute openers, braces, `panic!()`,
//! raw-string openers, newlines, NUL, bidi controls (Trojan Source) and zero-width characters
//! reach the output only inside escaped string literals or doc text, and the output parses.

use graphdoc_codegen::{Settings, generate};
use proc_macro2::{TokenStream, TokenTree};
use serde_json::{Value, json};

const HOSTILE: [&str; 10] = [
    "*/ fn evil() {} /*",
    "\"; panic!(\"pwned\"); let _ = \"",
    "\\\" r#\"raw\"#",
    "#[cfg(any())] }",
    "line one\nline two\r\n// comment",
    "nul\u{0}byte",
    "bidi\u{202e}deliver\u{2066}",
    "zero\u{200b}width\u{feff}",
    "}]} ) ; panic!()",
    "a'b`c",
];

fn hostile_bundle() -> (Value, Value) {
    let mut properties = serde_json::Map::new();
    for (i, text) in HOSTILE.iter().enumerate() {
        properties.insert(
            (*text).to_string(),
            json!({"type": ["string", "null"], "description": text, "x-graph-source": format!("{text}:{i}")}),
        );
    }
    let members: Vec<&str> = HOSTILE.to_vec();
    let mut defs = serde_json::Map::new();
    defs.insert(
        "microsoft.graph.evil\"}; panic!(); //".into(),
        json!({"type": "object", "description": HOSTILE[0], "properties": properties, "x-graph-source": HOSTILE[1]}),
    );
    defs.insert(
        "microsoft.graph.moods".into(),
        json!({"type": "string", "enum": members, "description": HOSTILE[6], "x-graph-kind": "enumType"}),
    );
    let bundle = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "title": HOSTILE[4], "$defs": defs});
    let operations = json!({"operations": [{
        "method": "POST", "path": "/evil/{id}\"; panic!(); \"", "title": HOSTILE[7], "source": HOSTILE[2],
        "requestBody": {"schema": {"type": "object", "properties": {"x": {"$ref": "graph.schema.json#/$defs/microsoft.graph.moods"}}, "required": ["x"]}, "source": HOSTILE[3]},
        "responses": []
    }]});
    (bundle, operations)
}

/// Identifiers and punctuation outside literals, flattened in order.
fn code_tokens(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(g) => code_tokens(g.stream(), out),
            TokenTree::Ident(i) => out.push(i.to_string()),
            TokenTree::Punct(p) => out.push(p.as_char().to_string()),
            TokenTree::Literal(_) => out.push("<literal>".into()),
        }
    }
}

#[test]
fn hostile_text_stays_text() {
    let (bundle, operations) = hostile_bundle();
    let generated = generate(&bundle, Some(&operations), &Settings::default());
    assert!(!generated.files.is_empty());
    for file in &generated.files {
        let parsed: syn::File = syn::parse_file(&file.contents)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}\n{}", file.path, file.contents));
        // No character that can reorder or hide source text appears raw; NUL neither.
        for c in file.contents.chars() {
            let dangerous =
                matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{feff}' | '\0');
            if dangerous {
                let at = file.contents.find(c).unwrap_or(0);
                let line = file.contents[..at].lines().count();
                let context: String =
                    file.contents.lines().nth(line.saturating_sub(1)).unwrap_or("").chars().take(120).collect();
                panic!("{} holds a raw U+{:04X} on line {line}: {context:?}", file.path, c as u32);
            }
        }
        // The docs' `panic!()` and `fn evil()` must not become a macro call or a function. (A
        // name may become a sanitized identifier such as a field `panic`; that is data.)
        let mut tokens = Vec::new();
        code_tokens(quote::ToTokens::into_token_stream(parsed), &mut tokens);
        for pair in tokens.windows(2) {
            assert!(pair != ["panic", "!"], "{}: a `panic!` call appeared", file.path);
            assert!(pair != ["fn", "evil"], "{}: a function `evil` appeared", file.path);
        }
    }
}

#[test]
fn every_hostile_json_name_survives_as_a_literal() {
    let (bundle, operations) = hostile_bundle();
    let generated = generate(&bundle, Some(&operations), &Settings::default());
    let mut literals = Vec::new();
    for file in &generated.files {
        let parsed: syn::File = syn::parse_file(&file.contents).expect("parses");
        collect_literals(quote::ToTokens::into_token_stream(parsed), &mut literals);
    }
    for name in HOSTILE {
        assert!(literals.iter().any(|l| l == name), "the JSON name {name:?} is not kept as a string literal");
    }
}

fn collect_literals(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(g) => collect_literals(g.stream(), out),
            TokenTree::Literal(lit) => {
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                    out.push(s.value());
                }
            }
            _ => {}
        }
    }
}

/// The crate generated from the hostile bundle compiles (warnings allowed: the point is that
/// no text broke out of its literal).
#[test]
fn the_hostile_crate_compiles() {
    let (bundle, operations) = hostile_bundle();
    let generated = generate(&bundle, Some(&operations), &Settings::default());
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("graphdoc-codegen-hostile");
    for file in graphdoc_codegen::crate_files(&generated, "graphdoc-hostile") {
        let contents =
            if file.path == "Cargo.toml" { format!("{}\n[workspace]\n", file.contents) } else { file.contents };
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            std::fs::write(&path, contents).expect("write");
        }
    }
    // The workspace's lock pins the same serde, so nothing is resolved anew (and no network).
    let lock = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.lock");
    std::fs::copy(lock, dir.join("Cargo.lock")).expect("lock");
    let output = std::process::Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the hostile crate does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

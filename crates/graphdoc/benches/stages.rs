//! Criterion benches for the hot stages: page parsing (real corpus pages, read at bench time
//! from ../shared/corpus; skipped with a message when absent), table and type-cell
//! normalisation (through `parse_page` on small synthetic pages written here), resolve +
//! schema emission, and codegen (generation + prettyplease formatting).
//!
//! `cargo bench -p graphdoc --bench stages` (add `-- --quick` on a busy machine).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// Real pages: a big resource (many property rows), a typical API page, a huge Intune page.
const CORPUS_PAGES: [&str; 4] = [
    "beta/resources/user.md",
    "beta/api/user-get.md",
    "beta/resources/intune-deviceconfig-windows10endpointprotectionconfiguration.md",
    "v1.0/resources/group.md",
];

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/graph-docs-2021")
}

fn corpus_pages() -> Vec<(String, String)> {
    let root = corpus_root();
    let pages: Vec<(String, String)> = CORPUS_PAGES
        .iter()
        .filter_map(|rel| std::fs::read_to_string(root.join(rel)).ok().map(|t| (rel.to_string(), t)))
        .collect();
    if pages.is_empty() {
        eprintln!("stages: corpus not found at {}; skipping the corpus-page benches", root.display());
    }
    pages
}

/// A resource page whose Properties table has `rows` rows cycling through the Type cell
/// shapes the normaliser handles (primitives, collections, links, enums, odd spacing) and the
/// semantic phrases ("Required.", "Read-only.", "Not nullable.").
fn synthetic_resource(rows: usize) -> String {
    const TYPES: [&str; 8] = [
        "String",
        "Boolean",
        "Int32",
        "DateTimeOffset",
        "String collection",
        "[itemBody](itembody.md)",
        "[emailAddress](emailaddress.md) collection",
        "Edm.Guid",
    ];
    const NOTES: [&str; 4] = ["Read-only.", "Required. Not nullable.", "Supports `$filter`.", ""];
    let mut page = String::from(
        "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n# widget resource type\n\n\
         Namespace: microsoft.graph\n\nA synthetic widget.\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n",
    );
    for i in 0..rows {
        page.push_str(&format!(
            "|prop{i}| {} |The value number {i}. {}|\n",
            TYPES[i % TYPES.len()],
            NOTES[i % NOTES.len()]
        ));
    }
    page.push_str(
        "\n## Relationships\n|Relationship|Type|Description|\n|:---|:---|:---|\n|owner|[user](user.md)|The owner.|\n\n\
         ## JSON representation\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.widget\"\n}\n-->\n\
         ``` json\n{\n  \"prop0\": \"String\"\n}\n```\n",
    );
    page
}

fn parse_pages(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_page");
    for (name, text) in corpus_pages() {
        group.throughput(criterion::Throughput::Bytes(text.len() as u64));
        group.bench_function(&name, |b| b.iter(|| black_box(graphdoc_parse::parse_page(&name, black_box(&text)))));
    }
    group.finish();
}

fn tables_and_types(c: &mut Criterion) {
    let mut group = c.benchmark_group("tables_and_type_cells");
    for rows in [10, 200] {
        let text = synthetic_resource(rows);
        let name = "beta/resources/widget.md";
        group.bench_function(format!("{rows}_rows"), |b| {
            b.iter(|| black_box(graphdoc_parse::parse_page(name, black_box(&text))))
        });
    }
    group.finish();
}

/// Resolve + schema over a small version of synthetic pages (the part of the pipeline after
/// parsing, without its I/O).
fn schema_emission(c: &mut Criterion) {
    let pages: Vec<graphdoc_parse::Page> = (0..50)
        .map(|i| {
            let text = synthetic_resource(30).replace("widget", &format!("widget{i}"));
            graphdoc_parse::parse_page(&format!("beta/resources/widget{i}.md"), &text).0
        })
        .collect();
    c.bench_function("resolve_and_schema/50_types", |b| {
        b.iter(|| {
            let (model, _) = graphdoc_resolve::resolve("beta", black_box(&pages));
            black_box((graphdoc_schema::bundle(&model), graphdoc_schema::operations(&model)))
        })
    });
}

fn codegen(c: &mut Criterion) {
    let pages: Vec<graphdoc_parse::Page> = (0..50)
        .map(|i| {
            let text = synthetic_resource(30).replace("widget", &format!("widget{i}"));
            graphdoc_parse::parse_page(&format!("beta/resources/widget{i}.md"), &text).0
        })
        .collect();
    let (model, _) = graphdoc_resolve::resolve("beta", &pages);
    let bundle = graphdoc_schema::bundle(&model);
    let operations = graphdoc_schema::operations(&model);
    let settings = graphdoc::CodegenSettings::default();
    c.bench_function("codegen/50_types", |b| {
        b.iter(|| black_box(graphdoc::rust_for_schema(black_box(&bundle), Some(&operations), &settings)))
    });
}

criterion_group! {
    name = stages;
    config = Criterion::default().sample_size(20);
    targets = parse_pages, tables_and_types, schema_emission, codegen
}
criterion_main!(stages);

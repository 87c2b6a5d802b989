//! Limits (issue 7): pages far larger or stranger than real docs. Each must parse without a
//! panic or stack overflow (tests run on 2 MiB thread stacks, smaller than the CLI's main
//! thread), and say what it could not read. Speed is measured in benchmarks, never in timed
//! tests: nothing here asserts a duration.

use graphdoc_diagnostics::{Code, Diagnostic};
use graphdoc_parse::{Page, PageKind, TypeTarget, parse_page};

const RESOURCE: &str = "beta/resources/limit.md";
const API: &str = "beta/api/limit.md";

const RESOURCE_HEAD: &str = "---\ntitle: \"limit resource type\"\ndescription: \"Limits.\"\ndoc_type: resourcePageType\n---\n\n# limit resource type\n\nNamespace: microsoft.graph\n\n";

const API_HEAD: &str = "---\ntitle: \"Create limit\"\ndescription: \"Limits.\"\ndoc_type: apiPageType\n---\n\n# Create limit\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nPOST /limits\n```\n\n## Response\n\nIf successful, this method returns a `201 Created` response code.\n\n";

const TABLE_HEAD: &str = "## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n";

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code.id()).collect()
}

fn has(diags: &[Diagnostic], code: Code) -> bool {
    diags.iter().any(|d| d.code == code)
}

/// Every diagnostic points into the text (line 1..=lines).
fn assert_located(text: &str, diags: &[Diagnostic]) {
    let lines = text.split('\n').count();
    for d in diags {
        assert!(d.loc.line >= 1 && d.loc.line as usize <= lines, "{d} is outside the {lines}-line text");
        assert!(d.loc.column >= 1, "{d} has column 0");
    }
}

fn parse(file: &str, text: &str) -> (Page, Vec<Diagnostic>) {
    let (page, diags) = parse_page(file, text);
    assert_located(text, &diags);
    (page, diags)
}

fn properties(page: &Page) -> &[graphdoc_parse::PropertyRow] {
    &page.resource.as_ref().expect("a resource page").properties
}

#[test]
fn a_20_mb_page_parses() {
    // A real-looking page grown to 20 MB: a Properties table, then a Remarks section of about
    // 50,000 parts, each a paragraph, a table and a JSON block.
    let mut text = String::from(RESOURCE_HEAD);
    text.push_str(TABLE_HEAD);
    text.push_str("|id|String|The id. Key.|\n\n## Remarks\n\n");
    let section = "Some prose about the resource that goes on for a while, with a [link](../resources/user.md), \
`code`, **bold** and _emphasis_, repeated to make the page large. "
        .repeat(2);
    let mut n = 0;
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(&format!(
            "### Part {n}\n\n{section}\n\n|Name|Value|\n|:---|:---|\n|a{n}|b{n}|\n\n```json\n{{\"n\": {n}, \"s\": \"x\"}}\n```\n\n"
        ));
        n += 1;
    }
    assert!(text.len() >= 20 * 1024 * 1024);
    let (page, _diags) = parse(RESOURCE, &text);
    assert_eq!(page.kind, PageKind::Resource);
    assert_eq!(properties(&page).len(), 1, "only the Properties table defines properties");
}

#[test]
fn a_100_000_row_table_keeps_every_row() {
    let mut text = String::from(RESOURCE_HEAD);
    text.push_str(TABLE_HEAD);
    for i in 0..100_000 {
        text.push_str(&format!("|p{i}|Int32|Property number {i}. Not nullable.|\n"));
    }
    // A last row with a missing cell: reported, and still read.
    text.push_str("|short|String|\n");
    let (page, diags) = parse(RESOURCE, &text);
    let props = properties(&page);
    assert_eq!(props.len(), 100_001);
    assert_eq!(props[99_999].name, "p99999");
    assert_eq!(props[99_999].pos.line as usize, RESOURCE_HEAD.lines().count() + 3 + 100_000);
    assert!(has(&diags, Code::TableRowWidth), "the short row is reported: {:?}", codes(&diags));
}

fn deep_json(depth: usize) -> String {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
}

fn deep_objects(depth: usize) -> String {
    format!("{}1{}", "{\"a\": ".repeat(depth), "}".repeat(depth))
}

#[test]
fn json_nested_100_000_deep_in_an_example_body_is_a_diagnostic() {
    for (name, body) in [
        ("arrays", deep_json(100_000)),
        ("objects", deep_objects(100_000)),
        ("unclosed", "[".repeat(100_000)),
        ("unclosed objects with repairs", "{a: [".repeat(100_000)),
    ] {
        let text = format!(
            "{API_HEAD}## Examples\n\n### Request\n<!-- {{\n  \"blockType\": \"request\",\n  \"name\": \"deep\"\n}}\n-->\n```http\nPOST https://graph.microsoft.com/beta/limits\nContent-Type: application/json\n\n{body}\n```\n"
        );
        let (page, diags) = parse(API, &text);
        assert!(has(&diags, Code::ExampleBodyInvalid), "{name}: expected GD0122, got {:?}", codes(&diags));
        let api = page.api.expect("an API page");
        assert!(
            api.examples.iter().all(|e| e.body.as_ref().is_none_or(|b| b.value().is_none())),
            "{name}: a body too deep to read is not used"
        );
    }
}

#[test]
fn json_nested_100_000_deep_in_an_annotation_is_a_diagnostic() {
    for (name, json) in [
        ("arrays", format!("{{\"blockType\": \"request\", \"deep\": {}}}", deep_json(100_000))),
        ("objects", format!("{{\"blockType\": \"request\", \"deep\": {}}}", deep_objects(100_000))),
        ("unclosed", format!("{{\"blockType\": {}", "[".repeat(100_000))),
    ] {
        let text = format!(
            "{API_HEAD}## Examples\n\n### Request\n<!-- {json} -->\n```http\nPOST https://graph.microsoft.com/beta/limits\n```\n"
        );
        let (_page, diags) = parse(API, &text);
        assert!(has(&diags, Code::AnnotationInvalid), "{name}: expected GD0105, got {:?}", codes(&diags));
    }
}

#[test]
fn json_nested_100_000_deep_in_a_json_representation_is_a_diagnostic() {
    let text = format!(
        "{RESOURCE_HEAD}{TABLE_HEAD}|id|String|The id.|\n\n## JSON representation\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.limit\"\n}}\n-->\n```json\n{}\n```\n",
        deep_objects(100_000)
    );
    let (page, diags) = parse(RESOURCE, &text);
    assert!(has(&diags, Code::ExampleBodyInvalid), "expected GD0122, got {:?}", codes(&diags));
    assert_eq!(properties(&page).len(), 1);
}

#[test]
fn markdown_nested_100_000_deep_parses() {
    // Block quotes, lists and emphasis nested far beyond any page.
    for (name, body) in [
        ("block quotes", format!("{} deep\n", ">".repeat(100_000))),
        ("lists", format!("{}item\n", "- ".repeat(100_000))),
        ("ordered lists in block quotes", format!("{}item\n", "1. > ".repeat(100_000))),
        (
            "an indented list 3,000 deep",
            (0..3000).map(|i| format!("{}- item\n", " ".repeat(2 * i))).collect::<String>(),
        ),
        ("brackets", format!("{}x{}\n", "[".repeat(100_000), "]".repeat(100_000))),
        ("emphasis", format!("{}x{}\n", "*_".repeat(50_000), "_*".repeat(50_000))),
        ("html", format!("{}\n", "<div>".repeat(100_000))),
    ] {
        let text = format!("{RESOURCE_HEAD}{TABLE_HEAD}|id|String|The id.|\n\n## Notes\n\n{body}");
        let (page, _diags) = parse(RESOURCE, &text);
        assert_eq!(properties(&page).len(), 1, "{name}");
    }
}

#[test]
fn a_1_mb_line_parses() {
    let long = "word ".repeat(1024 * 1024 / 5);
    // As a paragraph, a description cell, a type cell, an HTTP request line and a title.
    let text = format!("{RESOURCE_HEAD}{long}\n\n{TABLE_HEAD}|id|String|{long}|\n|other|{long}|Other.|\n\n");
    let (page, _diags) = parse(RESOURCE, &text);
    let props = properties(&page);
    assert_eq!(props.len(), 2);
    assert!(props[0].description.len() >= 1_000_000, "the long description is kept whole");
    assert!(
        matches!(&props[1].type_ref.target, TypeTarget::Unknown(_) | TypeTarget::Name(_)),
        "a 1 MB type cell is not a known type: {:?}",
        props[1].type_ref.target
    );

    let text = format!(
        "---\ntitle: \"x\"\ndoc_type: apiPageType\n---\n\n# {long}\n\n## HTTP request\n\n```http\nPOST /{}\nGET {long}\n```\n",
        "a".repeat(1024 * 1024)
    );
    let (page, diags) = parse(API, &text);
    let api = page.api.expect("an API page");
    assert_eq!(api.http_requests.len(), 2, "diagnostics: {:?}", codes(&diags));
    assert_eq!(api.http_requests[0].path.len(), 1 + 1024 * 1024);
    assert!(page.title.is_some_and(|t| t.text.len() >= 1_000_000));

    // One line holding the whole page: no newline at all.
    let one_line = format!("# limit |a|b| ``` <!-- {long}");
    let (_page, diags) = parse(RESOURCE, &one_line);
    assert!(!diags.is_empty(), "a one-line page without front matter is reported");
}

#[test]
fn a_nul_byte_parses() {
    let text = format!(
        "{RESOURCE_HEAD}{TABLE_HEAD}|na\0me|String|A \0 description.|\n|after|Int32|After.|\n\n## JSON representation\n<!-- {{\"blockType\": \"resource\", \"x\": \"\0\"}} -->\n```json\n{{\"a\": \"\0\"}}\n```\n\0"
    );
    let (page, diags) = parse(RESOURCE, &text);
    let props = properties(&page);
    assert_eq!(props.len(), 2, "both rows are read; diagnostics: {:?}", codes(&diags));
    assert_eq!(props[1].name, "after");
    // A NUL in front matter or the title.
    let text = format!("---\ntitle: \"\0\"\ndoc_type: resource\0PageType\n---\n\n# \0\n{TABLE_HEAD}|a|String|b|\n");
    let (_page, diags) = parse(RESOURCE, &text);
    assert!(!diags.is_empty(), "the garbled doc_type is reported");
}

#[test]
fn many_unclosed_fences_and_comments_are_reported() {
    // 20,000 fence openers of every kind, none closed by a matching fence.
    let mut text = String::from(RESOURCE_HEAD);
    text.push_str(TABLE_HEAD);
    text.push_str("|id|String|The id.|\n\n");
    for i in 0..20_000 {
        let fence = match i % 4 {
            0 => "```http",
            1 => "````json",
            2 => "~~~",
            _ => "  ```",
        };
        text.push_str(&format!("{fence}\n{{\"n\": {i}\n\n"));
    }
    let (page, diags) = parse(RESOURCE, &text);
    assert_eq!(properties(&page).len(), 1);
    assert!(has(&diags, Code::UnterminatedFence), "expected GD0104, got {:?}", codes(&diags));

    // 20,000 comment openers: the first hides the rest of the page.
    let mut text = String::from(RESOURCE_HEAD);
    text.push_str(TABLE_HEAD);
    text.push_str("|id|String|The id.|\n\n");
    for i in 0..20_000 {
        text.push_str(&format!("<!-- {{ \"blockType\": \"resource\", \"n\": {i}\n\n"));
    }
    let (page, diags) = parse(RESOURCE, &text);
    assert_eq!(properties(&page).len(), 1);
    assert!(has(&diags, Code::UnterminatedComment), "expected GD0106, got {:?}", codes(&diags));

    // Openers of both kinds interleaved, each on one line with text after it.
    let mut text = String::from(RESOURCE_HEAD);
    for i in 0..20_000 {
        text.push_str(if i % 2 == 0 { "```\n" } else { "<!--\n" });
        text.push_str("|a|b|\n");
    }
    let (_page, diags) = parse(RESOURCE, &text);
    assert!(
        has(&diags, Code::UnterminatedFence) || has(&diags, Code::UnterminatedComment),
        "expected GD0104 or GD0106, got {:?}",
        codes(&diags)
    );
}

/// A body with hundreds of repairs reports the first 20 one by one and counts the rest in one
/// more warning, so one bad example cannot bury the page's other findings.
#[test]
fn repairs_in_one_body_are_capped() {
    let body = format!("[{}]", (0..300).map(|i| format!("{{\"a\": {i},}}")).collect::<Vec<_>>().join(","));
    let page = format!(
        "---\ndoc_type: apiPageType\n---\n# t\n\n## HTTP request\n```http\nGET /x\n```\n\n## Examples\n\n### Response\n```http\nHTTP/1.1 200 OK\n\n{body}\n```\n"
    );
    let (parsed, diags) = graphdoc_parse::parse_page("beta/api/x.md", &page);
    let repairs: Vec<_> = diags.iter().filter(|d| d.code == graphdoc_diagnostics::Code::JsonRepaired).collect();
    assert_eq!(repairs.len(), 21, "{repairs:#?}");
    assert!(repairs[20].message.contains("280 more repairs"), "{}", repairs[20].message);
    let example = &parsed.api.expect("api page").examples[0];
    assert!(example.body.as_ref().and_then(|b| b.value()).is_some(), "the body is still read");
}

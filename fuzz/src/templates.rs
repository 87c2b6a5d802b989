// The pages the fuzz targets build around their input. Plain std code, no crate imports: the
// regression test of graphdoc-parse (`crates/graphdoc-parse/tests/it/regressions.rs`) includes
// this file with `include!`, so a saved finding is re-run inside exactly the page its target
// built. (No inner doc comments here: `include!` does not allow them.)

/// The file names fuzzed pages are parsed as.
pub const API_FILE: &str = "beta/api/fuzz-page.md";
pub const RESOURCE_FILE: &str = "beta/resources/fuzz-page.md";

/// The pages `target` builds around `input`, with the file name each is parsed as, or `None`
/// for a target that does not build pages this way (`schema_codegen`, `pipeline`).
pub fn pages_for_target(target: &str, input: &str) -> Option<Vec<(&'static str, String)>> {
    Some(match target {
        "parse_page" => vec![(API_FILE, input.to_owned()), (RESOURCE_FILE, input.to_owned())],
        "annotation_json" => vec![(API_FILE, annotation_page(input)), (RESOURCE_FILE, resource_json_page(input))],
        "type_cell" => type_cell_pages(input).into(),
        "http_block" => vec![(API_FILE, http_page(input))],
        _ => return None,
    })
}

/// `input` made safe to sit inside one markdown table cell / one line: no newline (it would end
/// the row). Pipes are kept: a stray `|` is exactly the kind of defect the table reader must
/// survive.
pub fn one_line(input: &str) -> String {
    input.replace(['\n', '\r'], " ")
}

const FRONT_API: &str = "---\ntitle: \"Create fuzzThing\"\ndescription: \"Fuzz.\"\nms.localizationpriority: medium\ndoc_type: apiPageType\n---\n\n# Create fuzzThing\nNamespace: microsoft.graph\n\n";

const FRONT_RESOURCE: &str = "---\ntitle: \"fuzzThing resource type\"\ndescription: \"Fuzz.\"\nms.localizationpriority: medium\ndoc_type: resourcePageType\n---\n\n# fuzzThing resource type\n\nNamespace: microsoft.graph\n\n";

/// An API page whose annotations and example bodies are `input` (the lenient JSON reader's
/// inputs), once as a resource annotation, once as a request annotation, once as a request body
/// and once as a response body.
pub fn annotation_page(input: &str) -> String {
    format!(
        "{FRONT_API}## HTTP request\n\n<!-- {input} -->\n```http\nPOST /fuzz/things\n```\n\n\
## Request body\n\n|Property|Type|Description|\n|:---|:---|:---|\n|name|String|A name.|\n\n\
## Response\n\nIf successful, this method returns a `201 Created` response code.\n\n## Examples\n\n### Request\n\
<!-- {{\n  \"blockType\": \"request\",\n  \"name\": \"fuzz\", \"extra\": {input}\n}}\n-->\n\
```http\nPOST https://graph.microsoft.com/beta/fuzz/things\nContent-Type: application/json\n\n{input}\n```\n\n\
### Response\n<!--{input}-->\n```http\nHTTP/1.1 201 Created\nContent-Type: application/json\n\n{input}\n```\n"
    )
}

/// A resource page whose JSON representation (and its annotation) is `input`.
pub fn resource_json_page(input: &str) -> String {
    format!(
        "{FRONT_RESOURCE}## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|name|String|A name.|\n\n\
## JSON representation\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.fuzzThing\"\n}}\n-->\n\
```json\n{input}\n```\n\n<!-- {input}\n-->\n"
    )
}

/// A resource page whose Properties table has `cell` as the Type cell of one row, and an API
/// page whose request body table does the same.
pub fn type_cell_pages(cell: &str) -> [(&'static str, String); 2] {
    let cell = one_line(cell);
    [
        (
            RESOURCE_FILE,
            format!(
                "{FRONT_RESOURCE}## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n\
|id|String|The id. Key. Read-only.|\n|fuzzed|{cell}|The fuzzed type. Possible values are: `a`, `b`.|\n|after|Int32|After.|\n\n\
## Relationships\n|Relationship|Type|Description|\n|:---|:---|:---|\n|rel|{cell}|A relationship.|\n\n\
## JSON representation\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.fuzzThing\"\n}}\n-->\n\
```json\n{{\n  \"id\": \"String\",\n  \"fuzzed\": \"{cell}\"\n}}\n```\n"
            ),
        ),
        (
            API_FILE,
            format!(
                "{FRONT_API}## HTTP request\n```http\nPOST /fuzz/things\n```\n\n## Request body\n\n\
|Property|Type|Description|\n|:---|:---|:---|\n|fuzzed|{cell}|Fuzzed. Required.|\n\n\
## Response\n\nIf successful, this method returns a `200 OK` response code and a {cell} object in the response body.\n"
            ),
        ),
    ]
}

/// An API page with `input` as the lines of the `## HTTP request` block, and as the example
/// request and response blocks.
pub fn http_page(input: &str) -> String {
    format!(
        "{FRONT_API}## HTTP request\n\n<!-- {{\n  \"blockType\": \"ignored\"\n}}\n-->\n```http\n{input}\n```\n\n\
## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n## Examples\n\n### Request\n\
<!-- {{\n  \"blockType\": \"request\",\n  \"name\": \"fuzz\"\n}}\n-->\n```http\n{input}\n```\n\n\
### Response\n<!-- {{\n  \"blockType\": \"response\",\n  \"@odata.type\": \"microsoft.graph.fuzzThing\"\n}}\n-->\n\
```http\n{input}\n```\n"
    )
}

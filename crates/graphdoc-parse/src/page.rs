//! The typed result of parsing one page. Every node that came from the text carries its
//! position; the page carries the file name once.

use graphdoc_diagnostics::Pos;
use serde::Serialize;
use std::sync::Arc;

/// One parsed docs page. Parsing never fails: what could not be read is absent here and
/// explained by a diagnostic.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub file: Arc<str>,
    pub kind: PageKind,
    pub front_matter: Vec<FrontMatterEntry>,
    pub title: Option<Text>,
    pub namespace: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<ApiPage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourcePage>,
    /// Enums defined on the page: an enum page's Members, or `X values` sections.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumDef>,
}

/// An enum defined on a page.
#[derive(Debug, Clone, Serialize)]
pub struct EnumDef {
    pub name: String,
    pub pos: Pos,
    pub description: Option<String>,
    pub members: Vec<EnumMember>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumMember {
    pub name: String,
    /// The integer value, where the table gives one.
    pub value: Option<i64>,
    pub description: String,
    pub pos: Pos,
}

/// What a page documents, from its `doc_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PageKind {
    Api,
    Resource,
    Enum,
    Conceptual,
    Unknown,
}

#[derive(Debug, Clone, Serialize)]
pub struct FrontMatterEntry {
    pub key: String,
    pub value: String,
    pub pos: Pos,
}

/// A piece of text and where it starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    pub text: String,
    pub pos: Pos,
}

/// A markdown link: its text and its target as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: String,
    pub target: String,
}

/// An API (operation) page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ApiPage {
    pub permissions: Vec<PermissionRow>,
    pub http_requests: Vec<HttpRequestLine>,
    pub request_headers: Vec<HeaderRow>,
    pub request_body: Option<RequestBody>,
    pub response: Option<ResponseProse>,
    pub examples: Vec<Example>,
    /// Query, path and function parameters from their sections' tables.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
}

/// A row of a query, path or function parameters table.
#[derive(Debug, Clone, Serialize)]
pub struct Parameter {
    pub location: ParameterLocation,
    pub row: PropertyRow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ParameterLocation {
    Query,
    Path,
    /// A function's parameter, written in the path: `getCounts(period='D7')`.
    Function,
}

#[derive(Debug, Clone, Serialize)]
pub struct PermissionRow {
    pub permission_type: String,
    pub permissions: String,
    pub pos: Pos,
}

/// One `METHOD /path` line of the HTTP request section.
#[derive(Debug, Clone, Serialize)]
pub struct HttpRequestLine {
    pub method: String,
    pub path: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeaderRow {
    pub name: String,
    pub description: String,
    pub pos: Pos,
}

/// The Request body section: the type it names and the properties its table lists.
#[derive(Debug, Clone, Serialize)]
pub struct RequestBody {
    pub pos: Pos,
    /// The type of the body when the prose says "a JSON representation of the [x](…) object".
    pub type_link: Option<Link>,
    pub properties: Vec<PropertyRow>,
}

/// The Response section's prose: "returns a `201 Created` response code and a [x](…) object".
#[derive(Debug, Clone, Serialize)]
pub struct ResponseProse {
    pub pos: Pos,
    pub status: Option<u16>,
    pub type_link: Option<Link>,
    /// A primitive body named in the prose ("returns … an Int32"), when no type is linked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primitive: Option<Primitive>,
    pub collection: bool,
}

/// A row of a property, relationship, request-body or parameter table.
#[derive(Debug, Clone, Serialize)]
pub struct PropertyRow {
    pub name: String,
    pub type_ref: TypeRef,
    pub description: String,
    pub semantics: Semantics,
    pub pos: Pos,
}

/// What a description cell says about its property, beyond prose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Semantics {
    /// `Some(true)` for "Required.", `Some(false)` for "Optional.".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    /// `Some(false)` for "Not nullable.", `Some(true)` for "Nullable.".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub key: bool,
    /// "Possible values are: `a`, `b`": the values listed, when the list is meant to be complete.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    /// "The default is `false`", or a member marked `(default)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// A link in the description to the enum that lists the values ("Possible values are in
    /// [riskLevel](enums.md#risklevel-values)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values_link: Option<Link>,
    /// "Inherited from [entity](entity.md)": the base type that declares the property.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inherited_from: Option<Link>,
}

/// A Type cell, normalised in form only; names are resolved to qualified types later.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeRef {
    pub collection: bool,
    pub target: TypeTarget,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeTarget {
    Primitive(Primitive),
    /// A link to a page that should define the type.
    Link(Link),
    /// A type named without a link (`microsoft.graph.x`, `riskLevel`).
    Name(String),
    /// Any JSON value (`Json`, `JSON object`).
    Json,
    /// A cell graphdoc could not read; a diagnostic says so.
    Unknown(String),
}

/// The Edm primitive types the docs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
}

/// A request or response example.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub role: ExampleRole,
    pub pos: Pos,
    pub annotation: Option<Annotation>,
    /// `POST https://…` for requests, `HTTP/1.1 201 Created` for responses.
    pub start_line: Text,
    pub method: Option<String>,
    pub url: Option<String>,
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    pub body: Option<JsonBody>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ExampleRole {
    Request,
    Response,
}

/// A `<!-- { … } -->` annotation.
#[derive(Debug, Clone, Serialize)]
pub struct Annotation {
    pub pos: Pos,
    pub json: serde_json::Map<String, serde_json::Value>,
}

impl Annotation {
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.json.get(key).and_then(|v| v.as_str())
    }
}

/// A JSON body of an example or a JSON representation. Its value is `None` when it does not
/// parse (a diagnostic says why); an example body's is built only when asked for. Shared, not
/// copied, with the resolved model's examples.
#[derive(Debug, Clone, Serialize)]
pub struct JsonBody {
    pub pos: Pos,
    #[serde(rename = "value")]
    pub json: Arc<crate::LazyJson>,
    /// The body parsed only after repairs (trailing commas, comments…), each reported.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repaired: bool,
}

impl JsonBody {
    pub fn value(&self) -> Option<&serde_json::Value> {
        self.json.value()
    }
}

/// A resource (type) page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ResourcePage {
    pub description: Option<Text>,
    pub properties: Vec<PropertyRow>,
    pub relationships: Vec<PropertyRow>,
    /// Links in "Inherits from [x](…)" prose.
    pub inherits_from: Option<Link>,
    pub json_representation: Option<JsonRepresentation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JsonRepresentation {
    pub annotation: Option<Annotation>,
    pub body: Option<JsonBody>,
}

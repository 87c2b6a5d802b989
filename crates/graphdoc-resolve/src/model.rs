//! The API model: what the docs of one version define, by qualified name, with no trace of
//! markdown left. The schema stage reads only this.

use graphdoc_diagnostics::Loc;
pub use graphdoc_parse::Primitive;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Model {
    /// The version folder's name: `beta` or `v1.0`.
    pub version: String,
    /// Types by qualified name (`microsoft.graph.user`), in name order.
    pub types: BTreeMap<String, TypeDef>,
    /// Operations in path, then method order.
    pub operations: Vec<Operation>,
    /// Example request and response bodies, in page order, for checking against the schema.
    pub examples: Vec<ExampleBody>,
}

/// A JSON body from an API page's examples, with what it should conform to.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleBody {
    /// The annotation's `name`, if any.
    pub name: Option<String>,
    pub source: Loc,
    pub target: ExampleTarget,
    /// The page's body, shared rather than copied; built into a value when first asked for.
    pub body: std::sync::Arc<graphdoc_parse::LazyJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ExampleTarget {
    /// A request body for this operation.
    Request { method: String, path: String },
    /// A response body of this type; `collection` when it is an OData `{"value": [...]}` page.
    Response { type_name: String, collection: bool },
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    pub name: String,
    pub kind: TypeKind,
    pub base: Option<String>,
    pub description: Option<String>,
    pub key: Vec<String>,
    pub properties: Vec<Property>,
    pub is_abstract: bool,
    pub is_open: bool,
    pub source: Loc,
    /// Other pages that document the same type (merged into this definition).
    pub also_defined_in: Vec<std::sync::Arc<str>>,
}

impl TypeDef {
    /// The name after the namespace: `user` for `microsoft.graph.user`.
    pub fn short_name(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum {
        members: Vec<String>,
        flags: bool,
    },
    /// Linked to but never defined; accepts any value.
    Unresolved,
}

#[derive(Debug, Clone, Serialize)]
pub struct Property {
    pub name: String,
    pub ty: TypeExpr,
    pub description: String,
    pub read_only: bool,
    pub nullable: bool,
    pub navigation: bool,
    /// Only meaningful in request bodies and parameter lists.
    pub required: bool,
    /// For a string property, the only values the docs allow ("Possible values are: …").
    pub allowed_values: Vec<String>,
    /// The default value the description states, typed like the property.
    pub default: Option<serde_json::Value>,
    /// The enum the description points at for its values, to be applied once all types exist.
    #[serde(skip)]
    pub values_enum: Option<String>,
    pub source: Loc,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeExpr {
    Primitive(Primitive),
    /// A qualified name present in `Model::types`.
    Named(String),
    Collection(Box<TypeExpr>),
    /// Anything goes: a cell graphdoc could not read.
    Any,
}

#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    pub method: String,
    pub path: String,
    pub title: String,
    pub source: Loc,
    pub request_body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// Query, path and function parameters the page documents.
    pub parameters: Vec<Parameter>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Parameter {
    /// `query`, `path` or `function`.
    pub location: &'static str,
    pub property: Property,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestBody {
    pub properties: Vec<Property>,
    /// The type the body represents, when the docs name one.
    pub body_type: Option<String>,
    pub source: Loc,
}

#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub status: u16,
    pub body: Option<TypeExpr>,
    pub source: Loc,
}

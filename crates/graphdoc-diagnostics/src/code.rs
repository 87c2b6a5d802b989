//! The stable diagnostic codes. A code, once published, keeps its number and meaning; new
//! problems get new codes. Numbering by stage: GD00xx files, GD01xx parse, GD02xx resolve,
//! GD03xx schema, GD04xx codegen, GD05xx payload lint.

use crate::Severity;
use serde::{Serialize, Serializer};

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = ($id:literal, $name:literal, $sev:ident, $explain:literal); )*) => {
        /// A stable diagnostic code such as `GD0104 unterminated-fence`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in numeric order (for documentation and tests).
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The number, e.g. `GD0104`.
            pub const fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            /// The short name, e.g. `unterminated-fence`.
            pub const fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity a diagnostic with this code gets unless its stage says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// One sentence on what the code means and what the docs should say instead.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explain,)* }
            }
        }
    };
}

codes! {
    UnreadableFile = ("GD0001", "unreadable-file", Error,
        "A docs file could not be read (missing, a directory, or not UTF-8); it contributes nothing.");
    OutputNotWritten = ("GD0002", "output-not-written", Error,
        "An output file was not written; the previous version, if any, is left as it was.");
    FrontMatterMissing = ("GD0101", "front-matter-missing", Warning,
        "The page does not start with a `---` YAML front matter block.");
    FrontMatterInvalid = ("GD0102", "front-matter-invalid", Warning,
        "A front matter line is not valid YAML; a line that is not `key: value` is skipped, a value YAML would misread is kept as text.");
    UnknownPageKind = ("GD0103", "unknown-page-kind", Warning,
        "The page's doc_type is missing or not one of apiPageType, resourcePageType, enumPageType, conceptualPageType.");
    UnterminatedFence = ("GD0104", "unterminated-fence", Warning,
        "A code fence is never closed, so it runs to the end of the page; a closing ``` line is expected.");
    AnnotationInvalid = ("GD0105", "annotation-invalid", Warning,
        "A `<!-- { ... } -->` annotation is not valid JSON even after repair; it is ignored.");
    UnterminatedComment = ("GD0106", "unterminated-comment", Warning,
        "An HTML comment `<!--` is never closed with `-->`, so it hides the rest of the page.");
    ConceptualPage = ("GD0107", "conceptual-page", Info,
        "The page is conceptual (no types or operations); it is skipped.");
    PageKindMismatch = ("GD0108", "page-kind-mismatch", Warning,
        "The page's doc_type is missing or disagrees with its folder; what it documents is taken from its sections.");
    TableRowWidth = ("GD0110", "table-row-width", Warning,
        "A table row has a different number of cells than the header; missing cells are read as empty.");
    TableHeaderUnknown = ("GD0111", "table-header-unknown", Warning,
        "A table's header does not name the columns graphdoc needs (e.g. Property | Type | Description).");
    TodoPlaceholder = ("GD0120", "todo-placeholder", Warning,
        "The page still holds a TODO placeholder where documentation is expected.");
    MissingSection = ("GD0121", "missing-section", Warning,
        "A section the page kind needs (e.g. HTTP request, Properties) is absent.");
    ExampleBodyInvalid = ("GD0122", "example-body-invalid", Warning,
        "An example's JSON body does not parse; it is not used.");
    HttpLineUnparsed = ("GD0123", "http-line-unparsed", Warning,
        "A line in an HTTP block is not `METHOD /path`, a header, or a status line.");
    ResponseUnparsed = ("GD0124", "response-unparsed", Warning,
        "The Response section does not say which status code (`NNN Reason`) the method returns.");
    TitleMissing = ("GD0125", "title-missing", Warning,
        "The page has no `# ` title heading.");
    EnumWithoutMembers = ("GD0126", "enum-without-members", Warning,
        "An enum heading (`X values`, `## Members`) is followed by no member table; the enum is empty.");
    JsonRepaired = ("GD0127", "json-repaired", Warning,
        "A JSON body or annotation is not strict JSON (trailing comma, comment, smart quotes…); it is read as if repaired.");
    UnresolvedTypeLink = ("GD0201", "unresolved-type-link", Warning,
        "A type refers to a page or name that defines no type; the property accepts any value.");
    TypeCellUnknown = ("GD0202", "type-cell-unknown", Warning,
        "A Type cell is neither a primitive, a type link nor a known type name; the property accepts any value.");
    DuplicateType = ("GD0203", "duplicate-type", Warning,
        "Two pages define the same qualified type; their properties are merged.");
    ResourceAnnotationMissing = ("GD0204", "resource-annotation-missing", Warning,
        "A resource page has no `blockType: resource` annotation naming its @odata.type; the type name is taken from the title.");
    DuplicateOperation = ("GD0205", "duplicate-operation", Info,
        "Two places document the same method and path (often one page per derived type of the body); the first, in file order, is kept.");
    StringTypedEnum = ("GD0206", "string-typed-enum", Warning,
        "A property is typed String but its description points at an enum for its values; the Type column should name the enum.");
    ValuesDisagree = ("GD0207", "values-disagree", Info,
        "A description lists possible values that the property's enum type does not have; the enum's members are used.");
    JsonRepresentationMismatch = ("GD0208", "json-representation-mismatch", Warning,
        "The JSON representation and the Properties/Relationships tables disagree: a key no row documents (warning), or a row the JSON leaves out (info).");
    ExampleMismatch = ("GD0301", "example-mismatch", Warning,
        "An example body does not match the schema of its operation or declared type; the message names the JSON pointer and the rule.");
    UnsupportedSchema = ("GD0401", "unsupported-schema", Warning,
        "A JSON Schema construct the code generator does not support; the value is kept as serde_json::Value.");
    PayloadNotJson = ("GD0501", "payload-not-json", Error,
        "A payload given to `graphdoc lint` is not JSON (or is empty); the message gives the line and column of the syntax error.");
    PayloadInvalid = ("GD0502", "payload-invalid", Error,
        "A payload breaks a rule of its schema; the message names the JSON pointer, the rule and the doc line that set it.");
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let ids: HashSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        let names: HashSet<_> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        assert_eq!(names.len(), Code::ALL.len());
        for c in Code::ALL {
            assert!(c.id().starts_with("GD") && c.id().len() == 6, "{}", c.id());
            assert!(c.name().chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'));
            assert!(c.explanation().ends_with('.'));
        }
    }
}

//! Links resolve to the type their target page defines, and dangling links degrade to a
//! permissive placeholder with a warning.

use graphdoc_diagnostics::{Code, Severity};
use graphdoc_resolve::{TypeExpr, TypeKind, resolve};

fn resource(name: &str, props: &str) -> String {
    format!(
        "---\ntitle: \"t\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n{props}\n\n## JSON representation\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}}\n-->\n```json\n{{}}\n```\n"
    )
}

fn pages(list: &[(&str, String)]) -> Vec<graphdoc_parse::Page> {
    list.iter().map(|(file, text)| graphdoc_parse::parse_page(file, text).0).collect()
}

#[test]
fn a_link_names_the_type_its_page_annotates_not_its_file_name() {
    let pages = pages(&[
        ("beta/resources/holder.md", resource("holder", "|thing|[widget](unrelated-file-name.md)|A thing.|")),
        ("beta/resources/unrelated-file-name.md", resource("widget", "|size|Int32|Size.|")),
    ]);
    let (model, diags) = resolve("beta", &pages);
    // The fixture's JSON representations are empty, which is worth a note, nothing more.
    assert!(diags.iter().all(|d| d.severity == Severity::Info), "{diags:#?}");
    let holder = &model.types["microsoft.graph.holder"];
    assert_eq!(holder.properties[0].ty, TypeExpr::Named("microsoft.graph.widget".into()));
}

#[test]
fn a_dangling_link_warns_and_yields_a_placeholder_type() {
    let pages =
        pages(&[("beta/resources/holder.md", resource("holder", "|gone|[missingThing](missingthing.md)|Gone.|"))]);
    let (model, diags) = resolve("beta", &pages);
    let warning = diags.iter().find(|d| d.code == Code::UnresolvedTypeLink).expect("GD0201 reported");
    assert_eq!(warning.loc.to_string(), "beta/resources/holder.md:13:2");
    assert!(warning.message.contains("missingthing.md"), "{}", warning.message);
    let placeholder = &model.types["microsoft.graph.missingThing"];
    assert_eq!(placeholder.kind, TypeKind::Unresolved);
    assert_eq!(
        model.types["microsoft.graph.holder"].properties[0].ty,
        TypeExpr::Named("microsoft.graph.missingThing".into())
    );
}

#[test]
fn a_key_makes_an_entity_and_is_not_nullable() {
    let pages = pages(&[("beta/resources/e.md", resource("e", "|code|String|The code. Key.|\n|note|String|A note.|"))]);
    let (model, _) = resolve("beta", &pages);
    let e = &model.types["microsoft.graph.e"];
    assert_eq!(e.kind, TypeKind::Entity);
    assert_eq!(e.key, ["code"]);
    assert!(!e.properties[0].nullable);
    assert!(e.properties[1].nullable);
}

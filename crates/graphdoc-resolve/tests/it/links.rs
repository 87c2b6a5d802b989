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

/// A resource page in `namespace` with the given property rows and anything after its JSON.
fn resource_in(namespace: &str, name: &str, props: &str, tail: &str) -> String {
    resource(name, props)
        .replace("Namespace: microsoft.graph\n", &format!("Namespace: {namespace}\n"))
        .replace("\"microsoft.graph.", &format!("\"{namespace}."))
        + tail
}

#[test]
fn the_same_link_text_means_what_it_means_from_its_own_page() {
    let kind_values = "\n### kind values\n\n| Member | Description |\n|:---|:---|\n| a | A. |\n";
    let pages = pages(&[
        // Relative targets resolve against each page's folder.
        ("beta/resources/holder.md", resource("holder", "|thing|[widget](widget.md)|A thing.|")),
        ("beta/resources/widget.md", resource("widget", "|size|Int32|Size.|")),
        ("beta/resources/more/holder2.md", resource("holder2", "|thing|[widget](widget.md)|A thing.|")),
        ("beta/resources/more/widget.md", resource("gadget", "|size|Int32|Size.|")),
        // In-page anchors resolve against the page itself, even beside a page with the same link.
        ("beta/resources/one.md", resource_in("microsoft.graph", "one", "|k|[kind](#kind-values)|K.|", kind_values)),
        (
            "beta/resources/two.md",
            resource_in("microsoft.graph.callRecords", "two", "|k|[kind](#kind-values)|K.|", kind_values),
        ),
    ]);
    let (model, _) = resolve("beta", &pages);
    let first_type = |name: &str| model.types[name].properties[0].ty.clone();
    assert_eq!(first_type("microsoft.graph.holder"), TypeExpr::Named("microsoft.graph.widget".into()));
    assert_eq!(first_type("microsoft.graph.holder2"), TypeExpr::Named("microsoft.graph.gadget".into()));
    assert_eq!(first_type("microsoft.graph.one"), TypeExpr::Named("microsoft.graph.kind".into()));
    assert_eq!(
        first_type("microsoft.graph.callRecords.two"),
        TypeExpr::Named("microsoft.graph.callRecords.kind".into())
    );
}

//! Example bodies in the model are the page's parsed bodies, shared rather than copied.

use graphdoc_resolve::{ExampleTarget, resolve};
use std::sync::Arc;

#[test]
fn example_bodies_are_shared_with_the_page_not_copied() {
    let file = "beta/api/crosstenantidentitysyncpolicypartner-post.md";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input").join(file);
    let text = std::fs::read_to_string(path).expect("the founding page");
    let pages = vec![graphdoc_parse::parse_page(file, &text).0];
    let (model, _) = resolve("beta", &pages);
    let request = model
        .examples
        .iter()
        .find(|e| matches!(e.target, ExampleTarget::Request { .. }))
        .expect("the request example is matched to the page's operation");
    let api = pages[0].api.as_ref().expect("an api page");
    let page_bodies: Vec<&Arc<graphdoc_parse::LazyJson>> =
        api.examples.iter().filter_map(|e| Some(&e.body.as_ref()?.json)).collect();
    assert!(page_bodies.iter().any(|b| Arc::ptr_eq(b, &request.body)), "the model holds the page's own body");
}

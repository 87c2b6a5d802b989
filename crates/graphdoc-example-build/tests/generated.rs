//! The generated module compiles, deserializes the founding page's example, and its request
//! validator reports a fault with its pointer and the doc line behind the rule.

use graphdoc_example_build::graph;
use serde_json::json;

#[test]
fn a_valid_request_body_passes_and_deserializes() {
    let body = json!({
        "tenantId": "9c5d131d-b1c3-4fc4-9e3f-c6557947d551",
        "displayName": "Fabrikam",
        "userSyncInbound": { "isSyncAllowed": true }
    });
    let validate = graph::request_body_validator("POST", "/policies/crossTenantIdentitySyncPolicy/partners")
        .expect("the founding operation has a request-body validator");
    assert_eq!(validate.validate(&body), Ok(()));
    let partner: graph::types::CrossTenantIdentitySyncPolicyPartner =
        serde_json::from_value(body.clone()).expect("the body deserializes into the generated type");
    assert_eq!(serde_json::to_value(&partner).expect("serializes"), body, "round trip");
}

#[test]
fn a_fault_names_its_pointer_and_doc_line() {
    let body = json!({ "tenantId": "t", "userSyncInbound": { "isSyncAllowed": "yes" } });
    let validate = graph::request_body_validator("POST", "/policies/crossTenantIdentitySyncPolicy/partners")
        .expect("the founding operation has a request-body validator");
    let violations = validate.validate(&body).expect_err("a string where a boolean belongs");
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].pointer, "/userSyncInbound/isSyncAllowed");
    assert_eq!(violations[0].source, "beta/resources/crosstenantusersyncinbound.md:21");
}

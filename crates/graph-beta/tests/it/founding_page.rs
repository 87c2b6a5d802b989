//! The founding page (POST /policies/crossTenantIdentitySyncPolicy/partners): its request
//! example passes, each kind of fault is reported with its pointer and rule, and the jsonschema
//! crate on the exported schema gives the same verdict every time.

use crate::support::{founding_example, jsonschema_validator, request_body_schema, type_schema};
use graph_beta::types::CrossTenantIdentitySyncPolicyPartner;
use graph_beta::validate::{request_body_validator, type_validator};
use graphdoc_parse::ExampleRole;
use serde_json::{Value, json};

const METHOD: &str = "POST";
const PATH: &str = "/policies/crossTenantIdentitySyncPolicy/partners";
const PARTNER: &str = "microsoft.graph.crossTenantIdentitySyncPolicyPartner";

/// The request example with one change applied.
fn mutated(change: impl FnOnce(&mut serde_json::Map<String, Value>)) -> Value {
    let mut body = founding_example(ExampleRole::Request);
    change(body.as_object_mut().expect("an object body"));
    body
}

/// Validates `body` with the generated request-body validator and with jsonschema, asserts
/// they agree, and returns the generated validator's faults as (pointer, rule).
fn verdicts(body: &Value) -> Vec<(String, String)> {
    let validate = request_body_validator(METHOD, PATH).expect("a generated validator for the founding operation");
    let generated = validate.validate(body);
    assert_eq!(validate.is_valid(body), generated.is_ok(), "is_valid disagrees on {body}");
    let reference = jsonschema_validator(&request_body_schema(METHOD, PATH)).is_valid(body);
    assert_eq!(generated.is_ok(), reference, "generated validator and jsonschema disagree on {body}: {generated:?}");
    generated.err().unwrap_or_default().iter().map(|v| (v.pointer.clone(), v.rule.to_string())).collect()
}

#[test]
fn the_request_example_is_valid() {
    assert_eq!(verdicts(&founding_example(ExampleRole::Request)), Vec::<(String, String)>::new());
}

#[test]
fn a_body_without_tenant_id_is_rejected() {
    let body = mutated(|b| {
        b.remove("tenantId");
    });
    assert_eq!(verdicts(&body), [("/tenantId".to_string(), "required".to_string())]);
}

#[test]
fn tenant_id_as_a_number_is_rejected() {
    let body = mutated(|b| {
        b.insert("tenantId".into(), json!(3));
    });
    assert_eq!(verdicts(&body), [("/tenantId".to_string(), "type".to_string())]);
}

#[test]
fn user_sync_inbound_as_a_string_is_rejected() {
    let body = mutated(|b| {
        b.insert("userSyncInbound".into(), json!("yes"));
    });
    assert_eq!(verdicts(&body), [("/userSyncInbound".to_string(), "type".to_string())]);
}

#[test]
fn an_object_where_a_string_belongs_is_rejected() {
    let body = mutated(|b| {
        b.insert("displayName".into(), json!({"text": "Contoso"}));
    });
    assert_eq!(verdicts(&body), [("/displayName".to_string(), "type".to_string())]);
}

#[test]
fn every_fault_is_reported_not_just_the_first() {
    let body = mutated(|b| {
        b.remove("tenantId");
        b.insert("displayName".into(), json!(7));
        b.insert("userSyncInbound".into(), json!({"isSyncAllowed": "sometimes"}));
    });
    let mut faults = verdicts(&body);
    faults.sort();
    assert_eq!(
        faults,
        [
            ("/displayName".to_string(), "type".to_string()),
            ("/tenantId".to_string(), "required".to_string()),
            ("/userSyncInbound/isSyncAllowed".to_string(), "type".to_string()),
        ]
    );
}

#[test]
fn a_violation_names_the_doc_line_that_set_the_rule() {
    let validate = request_body_validator(METHOD, PATH).expect("validator");
    let faults = validate
        .validate(&mutated(|b| {
            b.remove("tenantId");
        }))
        .expect_err("tenantId is required");
    assert_eq!(faults[0].source, "beta/api/crosstenantidentitysyncpolicypartner-post.md:51");
}

#[test]
fn the_response_example_is_a_valid_partner_and_round_trips() {
    let body = founding_example(ExampleRole::Response);
    let validate = type_validator(PARTNER).expect("a validator per type");
    assert!(validate.validate(&body).is_ok());
    assert!(jsonschema_validator(&type_schema(PARTNER)).is_valid(&body));

    let partner: CrossTenantIdentitySyncPolicyPartner = serde_json::from_value(body.clone()).expect("deserializes");
    assert_eq!(partner.tenant_id.as_deref(), Some("String"));
    assert_eq!(serde_json::to_value(&partner).expect("serializes"), body);
}

#[test]
fn type_validators_agree_with_jsonschema_on_faulty_partners() {
    let validate = type_validator(PARTNER).expect("validator");
    for body in [
        json!("not an object"),
        json!({"tenantId": null}),
        json!({"displayName": null, "tenantId": "t"}),
        json!({"userSyncInbound": null}),
        json!({"userSyncInbound": {"isSyncAllowed": 1}}),
        json!({"tenantId": ["t"]}),
    ] {
        let reference = jsonschema_validator(&type_schema(PARTNER)).is_valid(&body);
        assert_eq!(validate.validate(&body).is_ok(), reference, "disagreement on {body}");
    }
}

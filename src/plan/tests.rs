//! Figur 1 as tests: each starting point, and the desired TAK state.

use serde_json::json;

use super::tak::{self, Known, Stamp, TakOrder};
use super::*;
use crate::model::Onboarding;

/// A new system: nothing registered, no routings, engagement index not connected.
fn new_system() -> serde_json::Value {
    json!({
        "care_provider": { "hsa_id": "SE2321990018-E000000000001", "name": "Region Norrsund" },
        "agreements": {
            "personal_data_processing": { "done": true, "date": "2026-09-01" },
            "customer_agreement": { "done": true, "date": "2026-09-15" }
        },
        "contacts": {
            "care_provider": { "name": "Maja Nordin", "email": "maja@norrsund.example" },
            "nkrr": { "name": "Erik Lund", "email": "erik@nkrr.example" }
        },
        "qa": env_json("tp-qa")
    })
}

fn env_json(host: &str) -> serde_json::Value {
    json!({
        "feasibility_study": { "submitted": { "done": false }, "approved": { "done": false } },
        "siths_certificate": { "installed": true },
        "order": { "submitted": { "done": false }, "approved": { "done": false } },
        "producer": {
            "organisation": "Region Norrsund", "system_name": "Norrsunds integration",
            "hsa_id": "SE2321990018-T000000000010", "registered": false
        },
        "source_systems": [
            { "hsa_id": "SE2321990018-S000000000022", "name": "Labb" },
            { "hsa_id": "SE2321990018-S000000000021", "name": "Journal" }
        ],
        "contracts": [
            { "name": "GetDiagnosis v2", "url": format!("https://{host}.norrsund.example/vp/diag") },
            { "name": "GetCareContacts v3", "url": format!("https://{host}.norrsund.example/vp/cc") }
        ],
        "engagement_index": { "connected": false }
    })
}

fn onboarding(v: serde_json::Value) -> Onboarding {
    serde_json::from_value(v).expect("a valid onboarding")
}

fn qa_plan(v: serde_json::Value) -> EnvPlan {
    plan(&onboarding(v), Env::Qa, Catalogue::get()).expect("QA is present")
}

fn pairs(rs: &[Routing]) -> Vec<(String, String)> {
    rs.iter()
        .map(|r| (r.contract.name.clone(), r.logical_address.hsa_id.clone()))
        .collect()
}

fn perm_pairs(ps: &[Permission]) -> Vec<(String, String)> {
    ps.iter()
        .map(|p| (p.contract.name.clone(), p.logical_address.hsa_id.clone()))
        .collect()
}

fn checked(p: &EnvPlan) -> TakOrder {
    let cat = Catalogue::get();
    let order = TakOrder::from_plan(p, cat, &Stamp::default());
    let problems = tak::check(&order, &Known::for_plan(p, cat));
    assert!(problems.is_empty(), "{problems:#?}");
    order
}

#[test]
fn a_new_system_orders_everything() {
    let p = qa_plan(new_system());
    assert_eq!(
        p.system_registration.as_ref().map(|s| s.hsa_id.as_str()),
        Some("SE2321990018-T000000000010")
    );
    // Catalogue order of contracts (GetCareContacts v3 before GetDiagnosis v2), source systems
    // sorted by HSA-id.
    let expected = vec![
        (
            "GetCareContacts v3".to_owned(),
            "SE2321990018-S000000000021".to_owned(),
        ),
        (
            "GetCareContacts v3".to_owned(),
            "SE2321990018-S000000000022".to_owned(),
        ),
        (
            "GetDiagnosis v2".to_owned(),
            "SE2321990018-S000000000021".to_owned(),
        ),
        (
            "GetDiagnosis v2".to_owned(),
            "SE2321990018-S000000000022".to_owned(),
        ),
    ];
    assert_eq!(pairs(&p.new_routings), expected);
    assert_eq!(perm_pairs(&p.producer_permissions), expected);
    assert!(p.consumer_permissions.is_empty());
    assert_eq!(p.new_logical_addresses.len(), 2);
    let ei = p.engagement_index.as_ref().expect("EI ordered");
    assert_eq!(ei.consumer.hsa_id, "SE2321990018-T000000000010");
    assert_eq!(ei.logical_address.hsa_id, "5565594230");
    assert_eq!(
        ei.interaction_producer.hsa_id,
        "T-SERVICES-SE165565594230-1023"
    );
    assert_eq!(p.nkrr_consumer.hsa_id, "SE2321000131-S000000015598");

    let order = checked(&p);
    let inc = order.inkludera.as_ref().unwrap();
    assert_eq!(order.plattform, "NTJP-QA");
    assert_eq!(inc.tjanstekomponenter.len(), 1);
    assert_eq!(inc.logiskadresser.len(), 2);
    assert_eq!(inc.vagval.len(), 4);
    // 4 for NKRR + 1 for the engagement index.
    assert_eq!(inc.anropsbehorigheter.len(), 5);
    // GetCareContacts v3, GetDiagnosis v2, Update v1.
    assert_eq!(inc.tjanstekontrakt.len(), 3);
}

#[test]
fn a_registered_system_with_some_routings_orders_the_rest() {
    let mut v = new_system();
    let qa = &mut v["qa"];
    qa["producer"]["registered"] = json!(true);
    qa["engagement_index"]["connected"] = json!(true);
    // GetDiagnosis v2 exists for both source systems, NKRR may already call one of them.
    qa["contracts"][0]["existing_routings"] =
        json!(["se2321990018-s000000000021", "SE2321990018-S000000000022"]);
    qa["contracts"][0]["existing_nkrr_permissions"] = json!(["SE2321990018-S000000000022"]);
    let p = qa_plan(v);
    assert!(p.system_registration.is_none());
    assert!(p.engagement_index.is_none());
    assert_eq!(
        pairs(&p.new_routings),
        vec![
            (
                "GetCareContacts v3".to_owned(),
                "SE2321990018-S000000000021".to_owned()
            ),
            (
                "GetCareContacts v3".to_owned(),
                "SE2321990018-S000000000022".to_owned()
            ),
        ]
    );
    assert_eq!(
        perm_pairs(&p.consumer_permissions),
        vec![(
            "GetDiagnosis v2".to_owned(),
            "SE2321990018-S000000000021".to_owned()
        )]
    );
    // Both source systems have a routing already, so their logical addresses exist.
    assert!(p.new_logical_addresses.is_empty());
    let order = checked(&p);
    let inc = order.inkludera.as_ref().unwrap();
    assert!(inc.tjanstekomponenter.is_empty() && inc.logiskadresser.is_empty());
    assert_eq!(inc.vagval.len(), 2);
    assert_eq!(inc.anropsbehorigheter.len(), 3);
}

#[test]
fn everything_in_place_gives_an_empty_order() {
    let mut v = new_system();
    let qa = &mut v["qa"];
    qa["producer"]["registered"] = json!(true);
    qa["engagement_index"]["connected"] = json!(true);
    let all = json!(["SE2321990018-S000000000021", "SE2321990018-S000000000022"]);
    for i in 0..2 {
        qa["contracts"][i]["existing_routings"] = all.clone();
        qa["contracts"][i]["existing_nkrr_permissions"] = all.clone();
    }
    let p = qa_plan(v);
    assert!(p.is_empty(), "{p:#?}");
    let order = checked(&p);
    assert!(order.is_empty());
}

#[test]
fn prod_takes_prod_values() {
    let mut v = new_system();
    v["prod"] = env_json("tp");
    let o = onboarding(v);
    let p = plan(&o, Env::Prod, Catalogue::get()).unwrap();
    assert_eq!(p.platform, "NTJP-PROD");
    assert_eq!(p.nkrr_consumer.hsa_id, "SE2321000131-S000000015597");
    assert_eq!(
        p.engagement_index.unwrap().interaction_producer.hsa_id,
        "HSASERVICES-106J"
    );
    assert_eq!(p.new_routings[0].url, "https://tp.norrsund.example/vp/cc");
    assert_eq!(plans(&o, Catalogue::get()).len(), 2);
}

#[test]
fn desired_state_ignores_what_exists() {
    let mut v = new_system();
    v["qa"]["engagement_index"]["connected"] = json!(true);
    v["qa"]["contracts"][0]["existing_routings"] = json!(["SE2321990018-S000000000021"]);
    let s = desired_state(&onboarding(v), Env::Qa, Catalogue::get()).unwrap();
    assert_eq!(s.vagval.len(), 4);
    assert_eq!(s.anropsbehorigheter.len(), 5);
    assert_eq!(s.logiskadresser.len(), 2);
    assert_eq!(s.tjanstekomponenter.len(), 1);
    assert!(desired_state(&onboarding(new_system()), Env::Prod, Catalogue::get()).is_none());
}

#[test]
fn an_order_between_two_states() {
    let cat = Catalogue::get();
    let before = desired_state(&onboarding(new_system()), Env::Qa, cat).unwrap();
    let mut v = new_system();
    // GetDiagnosis v2 dropped, GetCareContacts v3 moves to another URL.
    let contracts = v["qa"]["contracts"].as_array_mut().unwrap();
    contracts.remove(0);
    contracts[0]["url"] = json!("https://tp-qa2.norrsund.example/vp/cc");
    let after = desired_state(&onboarding(v), Env::Qa, cat).unwrap();
    let order = TakOrder::from_states(&before, &after, Env::Qa, cat, &Stamp::default());
    let inc = order.inkludera.as_ref().unwrap();
    let exc = order.exkludera.as_ref().unwrap();
    assert_eq!(inc.vagval.len(), 2, "the moved routings");
    assert!(inc.anropsbehorigheter.is_empty());
    assert_eq!(exc.vagval.len(), 2, "the dropped contract's routings");
    assert_eq!(exc.anropsbehorigheter.len(), 2);
    let mut known = Known::from_catalogue(cat, Env::Qa);
    known.add_state(&before);
    let problems = tak::check(&order, &known);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn status_follows_the_checklist_in_order() {
    use super::status::{Phase, status};
    let mut v = new_system();
    v["agreements"]["customer_agreement"] = json!({ "done": false });
    let s = status(&onboarding(v.clone()));
    assert_eq!((s.qa, s.prod), (Phase::Avtal, Phase::EjPaborjad));
    assert!(s.next_step.contains("Kundavtal 1"), "{}", s.next_step);

    v["agreements"]["customer_agreement"] = json!({ "done": true, "date": "2026-09-15" });
    v["supplier"] = json!({ "name": "Journalia AB" });
    let s = status(&onboarding(v.clone()));
    assert_eq!(s.qa, Phase::Avtal, "a supplier needs the agentavtal");

    v["agreements"]["agent_agreement"] = json!({ "done": true, "date": "2026-09-15" });
    assert_eq!(status(&onboarding(v.clone())).qa, Phase::Forstudie);

    let done = json!({ "done": true, "date": "2026-10-01" });
    for k in ["feasibility_study", "order"] {
        v["qa"][k]["submitted"] = done.clone();
        v["qa"][k]["approved"] = done.clone();
    }
    let s = status(&onboarding(v.clone()));
    assert_eq!(s.qa, Phase::Test);
    assert!(s.next_step.contains("test section"), "{}", s.next_step);

    v["test"] = json!({
        "addressing": "direct",
        "patients": [],
        "whitelisting_done": true,
        "communication_test": done,
        "content_verification": { "status": "done", "date": "2026-10-02" }
    });
    let s = status(&onboarding(v.clone()));
    assert_eq!((s.qa, s.prod), (Phase::Klar, Phase::EjPaborjad));
    assert!(s.next_step.starts_with("start PROD"), "{}", s.next_step);

    v["prod"] = env_json("tp");
    let s = status(&onboarding(v));
    assert_eq!(s.prod, Phase::Forstudie);
    assert!(s.next_step.contains("updated förstudie"), "{}", s.next_step);
}

#[test]
fn nkrr_calls_the_source_systems_or_the_aggregating_service() {
    use super::nkrr::{AddressingChoice, nkrr_config};
    let cat = Catalogue::get();
    let mut v = new_system();
    let c = nkrr_config(&onboarding(v.clone()), Env::Qa, cat).unwrap();
    assert_eq!(c.addressing, AddressingChoice::DirectUntilTestPlanned);
    assert_eq!(c.get_form_data_address, "SE2321990018-E000000000001");
    assert_eq!(c.get_form_data.name, "GetFormData v1");
    assert_eq!(c.call_addresses[0].logical_addresses.len(), 2);
    assert_eq!(
        c.whitelist_hsa_id.as_deref(),
        Some("SE2321000131-S000000013481")
    );

    v["test"] = json!({
        "addressing": "aggregating",
        "patients": [{ "personnummer": "191212121212", "name": "Tolvan Tolvansson", "form_dates": ["2026-05-04"] }],
        "whitelisting_done": false,
        "communication_test": { "done": false },
        "content_verification": { "status": "not_started" }
    });
    v["prod"] = env_json("tp");
    let o = onboarding(v);
    let qa = nkrr_config(&o, Env::Qa, cat).unwrap();
    assert_eq!(qa.addressing, AddressingChoice::Aggregating);
    assert!(
        qa.call_addresses.iter().all(
            |c| c.logical_addresses.len() == 1 && c.logical_addresses[0].hsa_id == "5565594230"
        )
    );
    assert_eq!(qa.test_patients.len(), 1);
    let prod = nkrr_config(&o, Env::Prod, cat).unwrap();
    assert_eq!(prod.addressing, AddressingChoice::AggregatingInProd);
    assert!(prod.test_patients.is_empty() && prod.whitelist_hsa_id.is_none());
}

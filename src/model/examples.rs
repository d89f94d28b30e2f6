//! Example values for the schema's `examples`, which editors offer as completions. Fictitious
//! organisations on `.example` domains; contract names, URL paths and test identities come from
//! the catalogue, so that the examples never drift from it.

use serde_json::{Value, json};

use crate::catalog::Catalogue;
use crate::model::Env;

/// The example vårdgivare's HSA-id and the ids of its systems.
pub const CARE_PROVIDER: &str = "SE2321990018-E000000000001";
pub const PRODUCER: &str = "SE2321990018-T000000000010";
pub const SOURCE_SYSTEM: &str = "SE2321990018-S000000000021";

fn contract() -> &'static crate::catalog::Contract {
    let c = Catalogue::get();
    c.journal_contracts()
        .filter(|k| k.name == "GetCareContacts")
        .last()
        .or_else(|| c.journal_contracts().next())
        .expect("the catalogue has journal contracts")
}

/// A journal contract's name as written in an onboarding.
pub fn contract_name() -> Value {
    json!(contract().display_name())
}

/// A producer URL in the usual platform form, for `env`.
pub fn url(env: Env) -> Value {
    let c = contract();
    let host = match env {
        Env::Qa => "tp-qa.exempelland.example",
        Env::Prod => "tp.exempelland.example",
    };
    json!(format!(
        "https://{host}/vp/{}/{}/{}/{}",
        c.domain.replace(':', "/"),
        c.name,
        c.major_version,
        Catalogue::get().rivta_profile.to_lowercase()
    ))
}

pub fn step_done() -> Value {
    json!({ "done": true, "date": "2026-03-05" })
}

pub fn contact() -> Value {
    json!({ "name": "Anna Exempelsson", "email": "anna.exempelsson@exempelland.example", "phone": "010-123 45 67" })
}

pub fn source_system() -> Value {
    json!({ "hsa_id": SOURCE_SYSTEM, "name": "Exempeljournal, Region Exempelland" })
}

pub fn produced_contract(env: Env) -> Value {
    json!({ "name": contract_name(), "url": url(env) })
}

pub fn producer() -> Value {
    json!({
        "organisation": "Region Exempelland",
        "system_name": "Regional tjänsteplattform",
        "hsa_id": PRODUCER,
        "registered": false
    })
}

pub fn environment(env: Env) -> Value {
    json!({
        "feasibility_study": {
            "document_name": "Förstudie NKRR Region Exempelland v1.0",
            "submitted": step_done(),
            "case_number": "KS-2026-01234",
            "approved": { "done": false }
        },
        "siths_certificate": { "name": "SITHS e-id Function CA", "installed": true },
        "order": { "submitted": { "done": false }, "approved": { "done": false } },
        "producer": producer(),
        "source_systems": [source_system()],
        "contracts": [produced_contract(env)],
        "engagement_index": { "connected": false }
    })
}

pub fn test_patient() -> Value {
    let t = &Catalogue::get().test_identities[0];
    json!({ "personnummer": t.personnummer, "name": t.name, "form_dates": ["2026-05-04"] })
}

pub fn personnummer() -> Value {
    json!(Catalogue::get().test_identities[0].personnummer)
}

pub fn test() -> Value {
    json!({
        "addressing": "direct",
        "patients": [test_patient()],
        "whitelisting_done": true,
        "communication_test": { "done": false },
        "content_verification": { "status": "not_started" }
    })
}

//! The phase and next action follow the checklist in order, for one onboarding walked from its
//! agreements to PROD. `status`, the exports' overview and `diff` all read them from
//! `progress`, so this is what every one of them says.

use nkrr_onboard::model::{Env, Onboarding};
use nkrr_onboard::progress::{self, Phase};
use serde::Deserialize;
use serde_json::{Value, json};

fn example() -> Value {
    let text = std::fs::read_to_string("onboardings/SE2321990018-E000000000001.yaml").unwrap();
    let (doc, issues) = nkrr_onboard::yaml::parse(&text);
    assert!(issues.is_empty(), "{issues:?}");
    doc.unwrap().value
}

fn progress_of(v: &Value) -> progress::Progress {
    progress::of(&Onboarding::deserialize(v).unwrap())
}

fn next(p: &progress::Progress, env: Env) -> String {
    p.env(env).next_action.clone().unwrap_or_default()
}

#[test]
fn phases_follow_the_checklist_in_order() {
    let mut v = example();
    v["agreements"]["customer_agreement"] = json!({ "done": false });
    let p = progress_of(&v);
    assert_eq!(p.env(Env::Qa).phase, Phase::Avtal);
    assert!(
        next(&p, Env::Qa).contains("Kundavtal 1"),
        "{}",
        next(&p, Env::Qa)
    );
    assert!(!p.env(Env::Prod).present);

    v["agreements"]["customer_agreement"] = json!({ "done": true, "date": "2026-09-15" });
    v["supplier"] = json!({ "name": "Journalia AB" });
    let p = progress_of(&v);
    assert_eq!(
        p.env(Env::Qa).phase,
        Phase::Avtal,
        "a supplier needs the agentavtal"
    );
    assert!(
        next(&p, Env::Qa).contains("agentavtal"),
        "{}",
        next(&p, Env::Qa)
    );

    v["agreements"]["agent_agreement"] = json!({ "done": true, "date": "2026-09-15" });
    assert_eq!(progress_of(&v).env(Env::Qa).phase, Phase::Forstudie);

    let done = json!({ "done": true, "date": "2026-10-20" });
    for k in ["feasibility_study", "order"] {
        v["qa"][k]["submitted"] = done.clone();
        v["qa"][k]["approved"] = done.clone();
    }
    let p = progress_of(&v);
    assert_eq!(p.env(Env::Qa).phase, Phase::Test);
    assert!(
        next(&p, Env::Qa).contains("integrationstestet"),
        "{}",
        next(&p, Env::Qa)
    );

    v["test"] = json!({
        "addressing": "direct",
        "patients": [],
        "whitelisting_done": true,
        "communication_test": done,
        "content_verification": { "status": "done", "date": "2026-10-21" }
    });
    let p = progress_of(&v);
    assert_eq!(p.env(Env::Qa).phase, Phase::Klar);
    assert_eq!(p.env(Env::Qa).next_action, None);

    v["prod"] = v["qa"].clone();
    v["prod"]["feasibility_study"]["submitted"] = json!({ "done": false });
    v["prod"]["feasibility_study"]["approved"] = json!({ "done": false });
    let p = progress_of(&v);
    assert!(p.env(Env::Prod).present);
    assert_eq!(p.env(Env::Prod).phase, Phase::Forstudie);
}

#[test]
fn what_remains_to_order_comes_from_the_plan() {
    let mut v = example();
    let items = progress::remaining_order(&Onboarding::deserialize(&v).unwrap(), Env::Qa);
    let menus: Vec<&str> = items.iter().map(|i| i.menu).collect();
    assert_eq!(
        menus,
        [
            progress::MENU_SYSTEM,
            progress::MENU_PRODUCER,
            progress::MENU_CONSUMER
        ],
        "{items:?}"
    );
    // Everything in place: nothing to order.
    v["qa"]["producer"]["registered"] = json!(true);
    v["qa"]["engagement_index"]["connected"] = json!(true);
    let source = v["qa"]["source_systems"][0]["hsa_id"].clone();
    for c in v["qa"]["contracts"].as_array_mut().unwrap() {
        c["existing_routings"] = json!([source]);
        c["existing_nkrr_permissions"] = json!([source]);
    }
    let items = progress::remaining_order(&Onboarding::deserialize(&v).unwrap(), Env::Qa);
    assert!(items.is_empty(), "{items:?}");
}

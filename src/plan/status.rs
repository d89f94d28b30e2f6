//! Where a vårdgivare stands: the phase of each environment (avtal, förstudie, beställning,
//! test, klar) and the next step, from the checklist's steps in order.

use serde::Serialize;

use crate::model::{Env, Environment, Onboarding, VerificationStatus};

/// The phase an environment is in: the first checklist stage not finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Not started: the environment has no section yet (PROD before QA is done).
    EjPaborjad,
    /// Avtal (kap. 2): an agreement is missing.
    Avtal,
    /// Förstudie (3.1 / 5.1): not yet submitted or approved.
    Forstudie,
    /// Beställning (3.3 / 5.3): not yet submitted or approved.
    Bestallning,
    /// Test (kap. 4, QA only): communication test or content verification not done.
    Test,
    /// Klar: everything in the checklist for this environment is done.
    Klar,
}

impl Phase {
    /// The Swedish name used in the overview.
    pub fn label(self) -> &'static str {
        match self {
            Phase::EjPaborjad => "ej påbörjad",
            Phase::Avtal => "avtal",
            Phase::Forstudie => "förstudie",
            Phase::Bestallning => "beställning",
            Phase::Test => "test",
            Phase::Klar => "klar",
        }
    }
}

/// The phases of a vårdgivare and what to do next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub qa: Phase,
    pub prod: Phase,
    /// The next step, in English with the checklist's terms and section.
    pub next_step: String,
}

/// The phase of an environment and its next step.
fn env_phase(o: &Onboarding, env: Env, e: &Environment) -> (Phase, Option<String>) {
    let a = &o.agreements;
    let l = env.label();
    let ch = match env {
        Env::Qa => 3,
        Env::Prod => 5,
    };
    if !a.personal_data_processing.done {
        return (
            Phase::Avtal,
            Some("sign the Personuppgiftsbiträdesavtal (Modellavtal 1) with Inera (2.1)".into()),
        );
    }
    if !a.customer_agreement.done {
        return (
            Phase::Avtal,
            Some("sign Kundavtal 1 with Inera (2.2)".into()),
        );
    }
    if o.supplier.is_some() && !a.agent_agreement.as_ref().is_some_and(|s| s.done) {
        return (
            Phase::Avtal,
            Some("sign the supplier's agentavtal with Inera (2.3)".into()),
        );
    }
    let fs = &e.feasibility_study;
    if !fs.submitted.done {
        let what = if env == Env::Prod {
            "the updated förstudie, with the test results,"
        } else {
            "the förstudie"
        };
        return (
            Phase::Forstudie,
            Some(format!("send {what} to Inera kundservice ({ch}.1)")),
        );
    }
    if !fs.approved.done {
        return (
            Phase::Forstudie,
            Some(format!(
                "await Inera's approval of the {l} förstudie ({ch}.1)"
            )),
        );
    }
    if !e.order.submitted.done {
        return (
            Phase::Bestallning,
            Some(format!(
                "submit the {l} order in the beställningsstöd ({ch}.3), files in {}/{}/",
                o.care_provider.hsa_id,
                env.key()
            )),
        );
    }
    if !e.order.approved.done {
        return (
            Phase::Bestallning,
            Some(format!("await Inera's approval of the {l} order ({ch}.3)")),
        );
    }
    if env == Env::Prod {
        return (Phase::Klar, None);
    }
    let Some(t) = &o.test else {
        return (
            Phase::Test,
            Some("plan the integration test with NKRR: add the test section (4.2)".into()),
        );
    };
    if !t.communication_test.done {
        return (
            Phase::Test,
            Some("run the communication test with NKRR in QA (4.2.1)".into()),
        );
    }
    if t.content_verification.status != VerificationStatus::Done {
        return (
            Phase::Test,
            Some(
                "verify the content against the registry's information specification (4.2.2)"
                    .into(),
            ),
        );
    }
    (Phase::Klar, None)
}

/// The status of a vårdgivare.
pub fn status(o: &Onboarding) -> Status {
    let (qa, qa_next) = env_phase(o, Env::Qa, &o.qa);
    let (prod, prod_next) = match &o.prod {
        Some(p) => env_phase(o, Env::Prod, p),
        None => (Phase::EjPaborjad, None),
    };
    let next_step = match (qa_next, prod_next, &o.prod) {
        (Some(n), _, _) => n,
        (None, Some(n), _) => n,
        (None, None, None) => "start PROD (kap. 5): add the prod section and send the updated förstudie to Inera kundservice (5.1)".into(),
        (None, None, Some(_)) => "none: the onboarding is complete".into(),
    };
    Status {
        qa,
        prod,
        next_step,
    }
}

//! Where an onboarding stands: per environment, the checklist's steps done and open, the
//! current phase and the next concrete action, in the checklist's Swedish.
//!
//! This is library code shared by `nkrr-onboard status` and the exports, so that both say the
//! same thing. It reads a typed [`Onboarding`] (normally one without error-level findings) and
//! never fails: a missing `test` or `prod` section is simply open steps.
//!
//! The phases follow the checklist: **avtal** (kap. 2), **förstudie** (3.1 / 5.1),
//! **beställning** (SITHS-certifikat and the order, 3.2–3.7 / 5.2–5.7), **test** (kap. 4, QA
//! only) and **klar**. The phase is the one of the first open step; steps done out of order do
//! not skip it (the `validate` rules report those). The next action for an open order is the
//! remainder of checklist Figur 1: which menus of the beställningsstöd still need an order.
//!
//! ```
//! use nkrr_onboard::model::Env;
//! use nkrr_onboard::progress::{self, Phase};
//! # use nkrr_onboard::{check, source};
//! # let ctx = check::Context::new(check::Options::default());
//! # let file = source::read_folder_file("onboardings/SE2321990042-E000000000004.yaml".as_ref(), 1 << 20);
//! # let report = check::check(&ctx, vec![file]);
//! # let (_, onboarding) = report.valid_onboardings().next().unwrap();
//! let p = progress::of(onboarding);
//! let qa = p.env(Env::Qa);
//! assert_eq!(qa.phase, Phase::Klar);
//! assert_eq!(qa.next_action, None);
//! let prod = p.env(Env::Prod);
//! assert_eq!(prod.phase, Phase::Bestallning);
//! assert_eq!(prod.next_action.as_deref(), Some("invänta Ineras godkännande av beställningen"));
//! ```

pub mod render;

use serde::Serialize;

use crate::catalog::Catalogue;
use crate::model::{Env, Environment, Onboarding, Step, VerificationStatus};
use crate::plan;

/// A phase of the checklist, in the order they are passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Phase {
    /// Avtal (kap. 2): the agreements with Inera.
    #[serde(rename = "avtal")]
    Avtal,
    /// Förstudie (3.1 / 5.1), sent to and approved by Inera kundservice.
    #[serde(rename = "förstudie")]
    Forstudie,
    /// Beställning (3.2–3.7 / 5.2–5.7): SITHS-certifikat and the order in the beställningsstöd.
    #[serde(rename = "beställning")]
    Bestallning,
    /// Test (kap. 4, QA only): whitelisting, communication test, content verification.
    #[serde(rename = "test")]
    Test,
    /// Klar: every step of the environment is done.
    #[serde(rename = "klar")]
    Klar,
}

impl Phase {
    /// The phase as users say it: `avtal`, `förstudie`, `beställning`, `test`, `klar`.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Avtal => "avtal",
            Phase::Forstudie => "förstudie",
            Phase::Bestallning => "beställning",
            Phase::Test => "test",
            Phase::Klar => "klar",
        }
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// One checklist step of an environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepStatus {
    /// Where the step is in the file, as a JSON pointer (`/qa/order/submitted`); stable, so
    /// that tools can key on it.
    pub pointer: String,
    /// The checklist's label, e.g. `Beställning inskickad`.
    pub label: &'static str,
    /// The checklist's section, e.g. `3.3`.
    pub section: &'static str,
    /// The phase the step belongs to.
    pub phase: Phase,
    pub done: bool,
    /// The date recorded for a done step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// What to do while the step is open, in Swedish.
    #[serde(skip)]
    action: String,
}

/// What remains to order in one menu of the beställningsstöd (checklist Figur 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderItem {
    /// The menu: `Administrera systeminformation`, `Administrera tjänsteproducent` or
    /// `Administrera tjänstekonsument`.
    pub menu: &'static str,
    /// What to order there, in Swedish, e.g. `engagemangsindex`.
    pub what: String,
}

impl OrderItem {
    /// The action in Swedish: `beställ engagemangsindex i Administrera tjänstekonsument`.
    pub fn action(&self) -> String {
        let verb = if self.menu == MENU_SYSTEM {
            "registrera"
        } else {
            "beställ"
        };
        format!("{verb} {} i {}", self.what, self.menu)
    }
}

/// Menu names of the beställningsstöd.
pub const MENU_SYSTEM: &str = "Administrera systeminformation";
pub const MENU_PRODUCER: &str = "Administrera tjänsteproducent";
pub const MENU_CONSUMER: &str = "Administrera tjänstekonsument";

/// Where one environment stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnvProgress {
    pub env: Env,
    /// Whether the file has the environment's section (`prod` may be absent).
    pub present: bool,
    /// The steps in checklist order, including the agreements (shared by both environments).
    pub steps: Vec<StepStatus>,
    /// The phase of the first open step, or `klar`.
    pub phase: Phase,
    /// The next concrete action, in Swedish; `None` when the environment is klar.
    pub next_action: Option<String>,
    /// What the order in the beställningsstöd must contain, by menu (empty when nothing remains
    /// to order or the order is already submitted).
    pub to_order: Vec<OrderItem>,
}

impl EnvProgress {
    pub fn done_count(&self) -> usize {
        self.steps.iter().filter(|s| s.done).count()
    }

    /// The open steps, in checklist order.
    pub fn open(&self) -> impl Iterator<Item = &StepStatus> {
        self.steps.iter().filter(|s| !s.done)
    }
}

/// Where one vårdgivare stands, QA then PROD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub hsa_id: String,
    pub name: String,
    /// Always two entries, QA then PROD.
    pub environments: Vec<EnvProgress>,
}

impl Progress {
    /// The progress of `env`.
    pub fn env(&self, env: Env) -> &EnvProgress {
        self.environments
            .iter()
            .find(|e| e.env == env)
            .expect("both environments are always present")
    }
}

/// Where `o` stands, in both environments.
pub fn of(o: &Onboarding) -> Progress {
    Progress {
        hsa_id: o.care_provider.hsa_id.to_string(),
        name: o.care_provider.name.clone(),
        environments: Env::ALL.iter().map(|&env| env_progress(o, env)).collect(),
    }
}

/// Where `o` stands in `env`.
pub fn env_progress(o: &Onboarding, env: Env) -> EnvProgress {
    let mut steps = agreement_steps(o);
    let section = o.env(env);
    let to_order = remaining_order(o, env);
    match env {
        Env::Qa => {
            env_steps(&mut steps, env, section, &to_order);
            test_steps(&mut steps, o);
        }
        Env::Prod => {
            let qa_tested = o.test.as_ref().is_some_and(|t| t.communication_test.done);
            steps.push(StepStatus {
                pointer: "/test/communication_test".into(),
                label: "Test avklarat i QA",
                section: "4.2",
                phase: Phase::Forstudie,
                done: qa_tested,
                date: o
                    .test
                    .as_ref()
                    .and_then(|t| t.communication_test.date.as_ref().map(|d| d.to_string())),
                action: "kommunikationstest i QA återstår".into(),
            });
            env_steps(&mut steps, env, section, &to_order);
        }
    }
    let first_open = steps.iter().find(|s| !s.done);
    let phase = first_open.map_or(Phase::Klar, |s| s.phase);
    let next_action = first_open.map(|s| s.action.clone());
    EnvProgress {
        env,
        present: section.is_some(),
        steps,
        phase,
        next_action,
        to_order: if phase <= Phase::Bestallning && !section.is_some_and(|e| e.order.submitted.done)
        {
            to_order
        } else {
            Vec::new()
        },
    }
}

fn step(
    pointer: String,
    s: &Step,
    label: &'static str,
    section: &'static str,
    phase: Phase,
    action: impl Into<String>,
) -> StepStatus {
    StepStatus {
        pointer,
        label,
        section,
        phase,
        done: s.done,
        date: s.date.as_ref().map(|d| d.to_string()),
        action: action.into(),
    }
}

fn agreement_steps(o: &Onboarding) -> Vec<StepStatus> {
    let a = &o.agreements;
    let mut steps = vec![
        step(
            "/agreements/personal_data_processing".into(),
            &a.personal_data_processing,
            "Personuppgiftsbiträdesavtal (Modellavtal 1)",
            "2.1",
            Phase::Avtal,
            "teckna personuppgiftsbiträdesavtal (Modellavtal 1) med Inera",
        ),
        step(
            "/agreements/customer_agreement".into(),
            &a.customer_agreement,
            "Kundavtal 1",
            "2.2",
            Phase::Avtal,
            "teckna Kundavtal 1 med Inera",
        ),
    ];
    if o.supplier.is_some() || a.agent_agreement.is_some() {
        let open = Step::default();
        steps.push(step(
            "/agreements/agent_agreement".into(),
            a.agent_agreement.as_ref().unwrap_or(&open),
            "Agentavtal",
            "2.3",
            Phase::Avtal,
            "teckna agentavtal mellan leverantören och Inera",
        ));
    }
    steps
}

/// Förstudie, SITHS-certifikat and order of one environment; all open when the section is absent.
fn env_steps(
    steps: &mut Vec<StepStatus>,
    env: Env,
    e: Option<&Environment>,
    to_order: &[OrderItem],
) {
    let p = format!("/{}", env.key());
    let open = Step::default();
    let (qa, sec) = match env {
        Env::Qa => (true, ["3.1", "3.2", "3.3"]),
        Env::Prod => (false, ["5.1", "5.2", "5.3"]),
    };
    let fs = e.map(|e| &e.feasibility_study);
    let case = fs
        .and_then(|f| f.case_number.as_deref())
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    steps.push(step(
        format!("{p}/feasibility_study/submitted"),
        fs.map_or(&open, |f| &f.submitted),
        "Förstudie inskickad",
        sec[0],
        Phase::Forstudie,
        if qa {
            "skicka förstudien till Ineras kundservice"
        } else if e.is_none() {
            "uppdatera förstudien med testresultaten, skicka den till Ineras kundservice och lägg till avsnittet `prod`"
        } else {
            "uppdatera förstudien med testresultaten och skicka den till Ineras kundservice"
        },
    ));
    steps.push(step(
        format!("{p}/feasibility_study/approved"),
        fs.map_or(&open, |f| &f.approved),
        "Förstudie godkänd",
        sec[0],
        Phase::Forstudie,
        format!("invänta Ineras godkännande av förstudien{case}"),
    ));
    let installed = e.is_some_and(|e| e.siths_certificate.installed);
    steps.push(StepStatus {
        pointer: format!("{p}/siths_certificate/installed"),
        label: "SITHS-certifikat finns på plats",
        section: sec[1],
        phase: Phase::Bestallning,
        done: installed,
        date: None,
        action: format!(
            "installera ett godkänt SITHS-certifikat för {} på tjänsteproducenten",
            env.label()
        ),
    });
    let order = e.map(|e| &e.order);
    let submit_action = if to_order.is_empty() {
        "skicka in beställningen i beställningsstödet".to_owned()
    } else {
        to_order
            .iter()
            .map(OrderItem::action)
            .collect::<Vec<_>>()
            .join("; ")
    };
    steps.push(step(
        format!("{p}/order/submitted"),
        order.map_or(&open, |o| &o.submitted),
        "Beställning inskickad",
        sec[2],
        Phase::Bestallning,
        submit_action,
    ));
    let number = order
        .and_then(|o| o.order_number.as_deref())
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    steps.push(step(
        format!("{p}/order/approved"),
        order.map_or(&open, |o| &o.approved),
        "Beställning godkänd",
        sec[2],
        Phase::Bestallning,
        format!("invänta Ineras godkännande av beställningen{number}"),
    ));
}

fn test_steps(steps: &mut Vec<StepStatus>, o: &Onboarding) {
    let gui = Catalogue::get()
        .env(Env::Qa)
        .nkrr_gui_hsa_id
        .clone()
        .unwrap_or_default();
    let Some(t) = &o.test else {
        steps.push(StepStatus {
            pointer: "/test".into(),
            label: "Test planerat",
            section: "4.2",
            phase: Phase::Test,
            done: false,
            date: None,
            action: "planera integrationstestet med NKRR och lägg till avsnittet `test`".into(),
        });
        return;
    };
    steps.push(StepStatus {
        pointer: "/test/whitelisting_done".into(),
        label: "Vitlistning av ursprunglig konsument",
        section: "4.2",
        phase: Phase::Test,
        done: t.whitelisting_done,
        date: None,
        action: format!("vitlista NKRR:s gränssnitts-HSA-id {gui} hos vårdgivaren"),
    });
    steps.push(step(
        "/test/communication_test".into(),
        &t.communication_test,
        "Test avklarat",
        "4.2",
        Phase::Test,
        "kommunikationstest återstår",
    ));
    let cv = &t.content_verification;
    steps.push(StepStatus {
        pointer: "/test/content_verification".into(),
        label: "Verifiering av innehåll",
        section: "4.2",
        phase: Phase::Test,
        done: cv.status == VerificationStatus::Done,
        date: cv.date.as_ref().map(|d| d.to_string()),
        action: match cv.status {
            VerificationStatus::InProgress => "verifiering av innehåll pågår".into(),
            _ => "verifiera innehållet mot registrets informationsspecifikation".into(),
        },
    });
}

/// What the order of one environment must contain, by menu (checklist Figur 1), summarised
/// from [`plan::plan`], which computes it: the producer's system information unless registered,
/// the contracts whose routings are not yet in TAK, NKRR's adresseringsbehörighet where only
/// that is missing, and the engagement index unless connected.
pub fn remaining_order(o: &Onboarding, env: Env) -> Vec<OrderItem> {
    let Some(p) = plan::plan(o, env, Catalogue::get()) else {
        return Vec::new();
    };
    let mut items = Vec::new();
    if let Some(system) = &p.system_registration {
        items.push(OrderItem {
            menu: MENU_SYSTEM,
            what: format!("tjänsteproducenten {}", system.hsa_id),
        });
    }
    let mut new_routings = Vec::new();
    for r in &p.new_routings {
        push_unique(&mut new_routings, r.contract.name.as_str());
    }
    if !new_routings.is_empty() {
        items.push(OrderItem {
            menu: MENU_PRODUCER,
            what: format!("{} med logiska adressater", new_routings.join(", ")),
        });
    }
    let mut permissions_only = Vec::new();
    for perm in &p.consumer_permissions {
        push_unique(&mut permissions_only, perm.contract.name.as_str());
    }
    if !permissions_only.is_empty() {
        items.push(OrderItem {
            menu: MENU_CONSUMER,
            what: format!(
                "adresseringsbehörighet för NKRR ({}) på {}",
                p.nkrr_consumer.hsa_id,
                permissions_only.join(", ")
            ),
        });
    }
    if p.engagement_index.is_some() {
        items.push(OrderItem {
            menu: MENU_CONSUMER,
            what: "engagemangsindex".into(),
        });
    }
    items
}

fn push_unique<'a>(v: &mut Vec<&'a str>, s: &'a str) {
    if !v.contains(&s) {
        v.push(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{self, Context, Options};
    use crate::source;

    /// The typed onboarding of an example file, which must have no error-level finding.
    fn example(name: &str) -> Onboarding {
        let ctx = Context::new(Options::default());
        let path = format!("{}/onboardings/{name}", env!("CARGO_MANIFEST_DIR"));
        let file = source::read_folder_file(path.as_ref(), 1 << 20);
        let report = check::check(&ctx, vec![file]);
        let (_, o) = report
            .valid_onboardings()
            .next()
            .expect("the example is valid");
        o.clone()
    }

    fn summary(p: &EnvProgress) -> (Phase, Option<&str>) {
        (p.phase, p.next_action.as_deref())
    }

    #[test]
    fn new_system_must_order_everything() {
        let o = example("SE2321990018-E000000000001.yaml");
        let p = of(&o);
        let qa = p.env(Env::Qa);
        assert_eq!(qa.phase, Phase::Forstudie);
        assert_eq!(
            qa.next_action.as_deref(),
            Some("invänta Ineras godkännande av förstudien (KS-2026-04711)")
        );
        let menus: Vec<&str> = qa.to_order.iter().map(|i| i.menu).collect();
        assert_eq!(menus, [MENU_SYSTEM, MENU_PRODUCER, MENU_CONSUMER]);
        assert_eq!(
            qa.to_order[2].action(),
            "beställ engagemangsindex i Administrera tjänstekonsument"
        );
        // No PROD section: every PROD step after the agreements is open.
        let prod = p.env(Env::Prod);
        assert!(!prod.present);
        assert_eq!(prod.phase, Phase::Forstudie);
        assert_eq!(
            prod.next_action.as_deref(),
            Some("kommunikationstest i QA återstår")
        );
        assert!(prod.steps.iter().skip(2).all(|s| !s.done));
    }

    #[test]
    fn waiting_for_the_communication_test() {
        let o = example("SE2321990026-E000000000002.yaml");
        let qa = env_progress(&o, Env::Qa);
        assert_eq!(
            summary(&qa),
            (Phase::Test, Some("kommunikationstest återstår"))
        );
        // Past the order phase, nothing is listed to order.
        assert!(qa.to_order.is_empty());
    }

    #[test]
    fn supplier_adds_the_agent_agreement() {
        let o = example("SE2321990034-E000000000003.yaml");
        let qa = env_progress(&o, Env::Qa);
        assert!(qa.steps.iter().any(|s| s.label == "Agentavtal" && s.done));
        assert_eq!(qa.phase, Phase::Bestallning);
        assert_eq!(
            qa.next_action.as_deref(),
            Some("invänta Ineras godkännande av beställningen")
        );
        // The order is in: nothing is listed as remaining to order.
        assert!(qa.to_order.is_empty());
    }

    #[test]
    fn qa_done_and_prod_ordered() {
        let o = example("SE2321990042-E000000000004.yaml");
        let p = of(&o);
        assert_eq!(summary(p.env(Env::Qa)), (Phase::Klar, None));
        let qa = p.env(Env::Qa);
        assert_eq!(qa.done_count(), qa.steps.len());
        let prod = p.env(Env::Prod);
        assert_eq!(prod.phase, Phase::Bestallning);
        let open: Vec<&str> = prod.open().map(|s| s.label).collect();
        assert_eq!(open, ["Beställning godkänd"]);
    }

    #[test]
    fn agreements_come_first_and_the_order_names_what_is_missing() {
        let mut o = example("SE2321990018-E000000000001.yaml");
        o.agreements.customer_agreement = Step::default();
        assert_eq!(
            summary(&env_progress(&o, Env::Qa)),
            (Phase::Avtal, Some("teckna Kundavtal 1 med Inera"))
        );
        let mut o = example("SE2321990018-E000000000001.yaml");
        o.qa.feasibility_study.approved.done = true;
        o.qa.siths_certificate.installed = true;
        o.qa.producer.registered = true;
        o.qa.engagement_index.connected = true;
        o.qa.contracts.truncate(1);
        let ss = o.qa.source_systems[0].hsa_id.clone();
        o.qa.contracts[0].existing_routings = vec![ss];
        let qa = env_progress(&o, Env::Qa);
        let consumer = &Catalogue::get().env(Env::Qa).nkrr_consumer.hsa_id;
        assert_eq!(
            qa.next_action,
            Some(format!(
                "beställ adresseringsbehörighet för NKRR ({consumer}) på GetCareContacts v3 i Administrera tjänstekonsument"
            ))
        );
    }

    #[test]
    fn phases_serialise_in_swedish() {
        let json = serde_json::to_string(&[Phase::Forstudie, Phase::Bestallning]).unwrap();
        assert_eq!(json, r#"["förstudie","beställning"]"#);
    }
}

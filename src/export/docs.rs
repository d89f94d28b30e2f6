//! The documents the exports render: one per menu, NKRR's configuration, the checklist and
//! the overview. Each is the JSON export as is and the context of its templates, so the three
//! formats of a menu cannot disagree.

use serde::Serialize;

use crate::catalog::{Catalogue, ContractRole};
use crate::model::{Env, Environment, Onboarding, Step};
use crate::plan::nkrr::{self, NkrrConfig};
use crate::plan::status::{self, Phase};
use crate::plan::{
    ContractRef, EngagementIndexOrder, EnvPlan, Named, Permission, Routing, SystemRegistration,
};

/// What every per-environment document starts with.
#[derive(Debug, Serialize)]
pub struct Head {
    pub care_provider: Named,
    /// `QA` or `PROD`.
    pub environment: &'static str,
    /// The checklist chapter of this environment: 3 (QA) or 5 (PROD).
    pub chapter: u8,
    /// TAK platform: `NTJP-QA`, `NTJP-PROD`.
    pub platform: String,
}

fn chapter(env: Env) -> u8 {
    match env {
        Env::Qa => 3,
        Env::Prod => 5,
    }
}

fn head(p: &EnvPlan) -> Head {
    Head {
        care_provider: p.care_provider.clone(),
        environment: p.env.label(),
        chapter: chapter(p.env),
        platform: p.platform.clone(),
    }
}

/// Administrera systeminformation (3.4 / 5.4).
#[derive(Debug, Serialize)]
pub struct SystemInformation {
    #[serde(flatten)]
    pub head: Head,
    pub system: SystemRegistration,
}

pub fn system_information(p: &EnvPlan) -> Option<SystemInformation> {
    Some(SystemInformation {
        head: head(p),
        system: p.system_registration.clone()?,
    })
}

/// A contract to produce, with its URL.
#[derive(Debug, Serialize)]
pub struct ProducedContract {
    #[serde(flatten)]
    pub contract: ContractRef,
    pub url: String,
}

/// A new routing and, when ordered with it, NKRR's permission on it.
#[derive(Debug, Serialize)]
pub struct ProducerRow {
    #[serde(flatten)]
    pub routing: Routing,
    pub nkrr_consumer: Option<Named>,
}

/// Administrera tjänsteproducent (3.5 / 5.5): only what does not exist yet.
#[derive(Debug, Serialize)]
pub struct Producer {
    #[serde(flatten)]
    pub head: Head,
    /// Tjänsteproducent (3.5.1): the producer's HSA-id, organisation and system.
    pub producer: Named,
    pub producer_organisation: String,
    pub rivta_profile: String,
    /// Tjänstekontrakt (3.5.2) with URL (3.5.4): the contracts of the new routings.
    pub contracts: Vec<ProducedContract>,
    /// Logisk adressat (3.5.3): the source systems of the new routings.
    pub logical_addresses: Vec<Named>,
    /// Every new routing (contract × logisk adressat), with NKRR's consumer when its
    /// permission is ordered too.
    pub routings: Vec<ProducerRow>,
    /// Adresseringsbehörighet (3.5.5): NKRR's consumer.
    pub nkrr_consumer: Named,
    /// The contract × logisk adressat pairs NKRR gets permission for.
    pub nkrr_permissions: Vec<Permission>,
}

pub fn producer(p: &EnvPlan) -> Option<Producer> {
    if !p.has_producer_order() {
        return None;
    }
    let in_order = |c: &ContractRef| {
        p.new_routings.iter().any(|r| r.contract == *c)
            || p.producer_permissions.iter().any(|x| x.contract == *c)
    };
    let contracts = p
        .contracts
        .iter()
        .filter(|c| in_order(&c.contract))
        .map(|c| ProducedContract {
            contract: c.contract.clone(),
            url: c.url.clone(),
        })
        .collect();
    let mut logical_addresses: Vec<Named> = Vec::new();
    for a in p
        .new_routings
        .iter()
        .map(|r| &r.logical_address)
        .chain(p.producer_permissions.iter().map(|x| &x.logical_address))
    {
        if !logical_addresses.contains(a) {
            logical_addresses.push(a.clone());
        }
    }
    logical_addresses.sort_by_key(|a| a.hsa_id.to_ascii_uppercase());
    Some(Producer {
        head: head(p),
        producer: Named {
            hsa_id: p.producer.hsa_id.clone(),
            name: p.producer.system_name.clone(),
        },
        producer_organisation: p.producer.organisation.clone(),
        rivta_profile: p.rivta_profile.clone(),
        contracts,
        logical_addresses,
        routings: p
            .new_routings
            .iter()
            .map(|r| ProducerRow {
                routing: r.clone(),
                nkrr_consumer: p
                    .producer_permissions
                    .iter()
                    .find(|x| x.contract == r.contract && x.logical_address == r.logical_address)
                    .map(|x| x.consumer.clone()),
            })
            .collect(),
        nkrr_consumer: p.nkrr_consumer.clone(),
        nkrr_permissions: p.producer_permissions.clone(),
    })
}

/// Administrera tjänstekonsument: NKRR's permissions for existing routings (3.6 / 5.6) and the
/// engagement-index connection (3.7 / 5.7).
#[derive(Debug, Serialize)]
pub struct Consumer {
    #[serde(flatten)]
    pub head: Head,
    pub nkrr_consumer: Named,
    pub nkrr_permissions: Vec<Permission>,
    pub engagement_index: Option<EngagementIndexOrder>,
}

pub fn consumer(p: &EnvPlan) -> Option<Consumer> {
    p.has_consumer_order().then(|| Consumer {
        head: head(p),
        nkrr_consumer: p.nkrr_consumer.clone(),
        nkrr_permissions: p.consumer_permissions.clone(),
        engagement_index: p.engagement_index.clone(),
    })
}

/// NKRR's configuration (3.5.3, 4.2).
#[derive(Debug, Serialize)]
pub struct Nkrr {
    pub environment: &'static str,
    pub chapter: u8,
    #[serde(flatten)]
    pub config: NkrrConfig,
}

pub fn nkrr(o: &Onboarding, env: Env, catalogue: &Catalogue) -> Nkrr {
    Nkrr {
        environment: env.label(),
        chapter: chapter(env),
        config: nkrr::nkrr_config(o, env, catalogue).expect("called for a present environment"),
    }
}

/// A checklist step as the checklist shows it.
#[derive(Debug, Serialize)]
pub struct StepRow {
    pub done: bool,
    pub date: Option<String>,
    pub comment: Option<String>,
}

impl StepRow {
    fn of(s: &Step) -> StepRow {
        StepRow {
            done: s.done,
            date: s.date.as_ref().map(|d| d.0.clone()),
            comment: s.comment.clone(),
        }
    }
}

/// One row of the contracts table (3.5.2 and 3.5.4): every JoL contract of the catalogue.
#[derive(Debug, Serialize)]
pub struct ContractRow {
    /// As the checklist writes it: `GetCareContacts v3`.
    pub name: String,
    pub domain: String,
    pub produced: bool,
    pub url: Option<String>,
}

/// One environment's chapter of the checklist (kap. 3 or 5).
#[derive(Debug, Serialize)]
pub struct ChecklistEnv {
    pub environment: &'static str,
    pub chapter: u8,
    /// Whether the onboarding has this environment; if not, the chapter is blank.
    pub present: bool,
    pub feasibility_document: Option<String>,
    pub feasibility_submitted: bool,
    pub feasibility_case_number: Option<String>,
    pub feasibility_approved: bool,
    pub certificate: Option<String>,
    pub certificate_installed: bool,
    pub order_submitted: StepRow,
    pub order_approved: StepRow,
    pub order_number: Option<String>,
    pub producer: Option<crate::plan::ProducerInfo>,
    pub contracts: Vec<ContractRow>,
    pub source_systems: Vec<Named>,
    pub nkrr_consumer: Named,
    /// 3.6: NKRR's permissions for routings that exist.
    pub consumer_permissions: Vec<Permission>,
    pub engagement_index_connected: bool,
    pub engagement_index_contract: ContractRef,
    pub engagement_index_address: Named,
    pub engagement_index_producer: Named,
    /// Figur 1: what remains to order, one line per menu.
    pub remainder: Vec<String>,
}

/// The whole checklist of one vårdgivare.
#[derive(Debug, Serialize)]
pub struct Checklist {
    pub care_provider: Named,
    pub supplier: Option<String>,
    pub personal_data_processing: StepRow,
    pub customer_agreement: StepRow,
    pub agent_agreement: Option<StepRow>,
    pub qa: ChecklistEnv,
    pub prod: ChecklistEnv,
    /// Kap. 4, from QA's NKRR configuration.
    pub test: Option<Nkrr>,
    pub test_done: Option<StepRow>,
    pub content_verification: Option<String>,
    pub content_verification_date: Option<String>,
    pub content_verification_comment: Option<String>,
}

fn checklist_env(
    o: &Onboarding,
    env: Env,
    e: Option<&Environment>,
    catalogue: &Catalogue,
) -> ChecklistEnv {
    let values = catalogue.env(env);
    let plan = crate::plan::plan(o, env, catalogue);
    let ei = catalogue.contract_with_role(ContractRole::EngagementIndex);
    let named = |p: &crate::catalog::Party| Named {
        hsa_id: p.hsa_id.clone(),
        name: p.name.clone(),
    };
    let contracts = catalogue
        .journal_contracts()
        .map(|c| {
            let produced = e.and_then(|e| {
                e.contracts
                    .iter()
                    .find(|p| p.name.as_str() == c.display_name())
            });
            ContractRow {
                name: c.display_name(),
                domain: c.domain.clone(),
                produced: produced.is_some(),
                url: produced.map(|p| p.url.0.clone()),
            }
        })
        .collect();
    let blank = Step::default();
    let mut remainder = Vec::new();
    if let Some(p) = &plan {
        if p.system_registration.is_some() {
            remainder.push(format!(
                "Administrera systeminformation: registrera {} ({}.4)",
                p.producer.system_name,
                chapter(env)
            ));
        }
        if p.has_producer_order() {
            remainder.push(format!(
                "Administrera tjänsteproducent: {} vägval och {} adresseringsbehörigheter för NKRR ({}.5)",
                p.new_routings.len(),
                p.producer_permissions.len(),
                chapter(env)
            ));
        }
        if !p.consumer_permissions.is_empty() {
            remainder.push(format!(
                "Administrera tjänstekonsument: {} adresseringsbehörigheter för NKRR ({}.6)",
                p.consumer_permissions.len(),
                chapter(env)
            ));
        }
        if p.engagement_index.is_some() {
            remainder.push(format!(
                "Administrera tjänstekonsument: anslutning till engagemangsindex ({}.7)",
                chapter(env)
            ));
        }
        if p.is_empty() {
            remainder.push("Inget: allt finns redan på plats.".into());
        }
    }
    ChecklistEnv {
        environment: env.label(),
        chapter: chapter(env),
        present: e.is_some(),
        feasibility_document: e.and_then(|e| e.feasibility_study.document_name.clone()),
        feasibility_submitted: e.is_some_and(|e| e.feasibility_study.submitted.done),
        feasibility_case_number: e.and_then(|e| e.feasibility_study.case_number.clone()),
        feasibility_approved: e.is_some_and(|e| e.feasibility_study.approved.done),
        certificate: e.and_then(|e| e.siths_certificate.name.clone()),
        certificate_installed: e.is_some_and(|e| e.siths_certificate.installed),
        order_submitted: StepRow::of(e.map_or(&blank, |e| &e.order.submitted)),
        order_approved: StepRow::of(e.map_or(&blank, |e| &e.order.approved)),
        order_number: e.and_then(|e| e.order.order_number.clone()),
        producer: plan.as_ref().map(|p| p.producer.clone()),
        contracts,
        source_systems: e
            .map(|e| {
                e.source_systems
                    .iter()
                    .map(|s| Named {
                        hsa_id: s.hsa_id.0.clone(),
                        name: s.name.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        nkrr_consumer: named(&values.nkrr_consumer),
        consumer_permissions: plan
            .as_ref()
            .map(|p| p.consumer_permissions.clone())
            .unwrap_or_default(),
        engagement_index_connected: e.is_some_and(|e| e.engagement_index.connected),
        engagement_index_contract: ContractRef::of(ei),
        engagement_index_address: named(&values.engagement_index_address),
        engagement_index_producer: named(&values.engagement_index_producer),
        remainder,
    }
}

pub fn checklist(o: &Onboarding, catalogue: &Catalogue) -> Checklist {
    let a = &o.agreements;
    Checklist {
        care_provider: Named {
            hsa_id: o.care_provider.hsa_id.0.clone(),
            name: o.care_provider.name.clone(),
        },
        supplier: o.supplier.as_ref().map(|s| s.name.clone()),
        personal_data_processing: StepRow::of(&a.personal_data_processing),
        customer_agreement: StepRow::of(&a.customer_agreement),
        agent_agreement: a.agent_agreement.as_ref().map(StepRow::of),
        qa: checklist_env(o, Env::Qa, Some(&o.qa), catalogue),
        prod: checklist_env(o, Env::Prod, o.prod.as_ref(), catalogue),
        test: o.test.as_ref().map(|_| nkrr(o, Env::Qa, catalogue)),
        test_done: o.test.as_ref().map(|t| StepRow::of(&t.communication_test)),
        content_verification: o.test.as_ref().map(|t| {
            match t.content_verification.status {
                crate::model::VerificationStatus::NotStarted => "ej påbörjad",
                crate::model::VerificationStatus::InProgress => "pågår",
                crate::model::VerificationStatus::Done => "klar",
            }
            .to_owned()
        }),
        content_verification_date: o
            .test
            .as_ref()
            .and_then(|t| t.content_verification.date.as_ref().map(|d| d.0.clone())),
        content_verification_comment: o
            .test
            .as_ref()
            .and_then(|t| t.content_verification.comment.clone()),
    }
}

/// One row of the overview.
#[derive(Debug, Serialize)]
pub struct OverviewRow {
    pub hsa_id: String,
    pub name: String,
    pub supplier: Option<String>,
    pub qa: &'static str,
    pub prod: &'static str,
    pub next_step: String,
}

pub fn overview_row(o: &Onboarding) -> OverviewRow {
    let s = status::status(o);
    let label = |p: Phase| p.label();
    OverviewRow {
        hsa_id: o.care_provider.hsa_id.0.clone(),
        name: o.care_provider.name.clone(),
        supplier: o.supplier.as_ref().map(|s| s.name.clone()),
        qa: label(s.qa),
        prod: label(s.prod),
        next_step: s.next_step,
    }
}

/// The overview of every vårdgivare.
#[derive(Debug, Serialize)]
pub struct Overview {
    pub rows: Vec<OverviewRow>,
}

//! What remains to order: checklist Figur 1 as a function, independent of any rendering.
//!
//! An onboarding describes, per environment, what the vårdgivare wants (contracts × source
//! systems, a producer, the engagement index) and what already exists (`producer.registered`,
//! `existing_routings`, `existing_nkrr_permissions`, `engagement_index.connected`). This module
//! computes the remainder that Figur 1 asks for, menu by menu of the beställningsstöd, and the
//! TAK state the onboarding implies. The exporter renders it; the pull-request review reuses it.
//!
//! # API
//!
//! - [`plan`]`(onboarding, env, catalogue) -> Option<EnvPlan>` (`None` when the environment is
//!   absent) and [`plans`] for every present environment. An [`EnvPlan`] holds:
//!   - [`EnvPlan::system_registration`]: `Some` when the producer must be registered under
//!     *Administrera systeminformation* (3.4 / 5.4);
//!   - [`EnvPlan::contracts`]: every contract of the environment with each source system's
//!     state ([`SourceState`]: routing exists? NKRR permission exists?);
//!   - [`EnvPlan::new_routings`]: the vägval to order under *Administrera tjänsteproducent*
//!     (3.5), one per contract × source system whose routing does not exist, sorted;
//!   - [`EnvPlan::producer_permissions`]: NKRR's adresseringsbehörighet for those new routings
//!     (3.5.5), skipping `existing_nkrr_permissions`;
//!   - [`EnvPlan::consumer_permissions`]: NKRR's adresseringsbehörighet for routings that already
//!     exist, under *Administrera tjänstekonsument* (3.6 / 5.6), skipping
//!     `existing_nkrr_permissions`;
//!   - [`EnvPlan::engagement_index`]: `Some` unless already connected (3.7 / 5.7);
//!   - [`EnvPlan::new_logical_addresses`]: source systems that new routings use and that are not
//!     known to exist in TAK (no existing routing names them).
//!   - [`EnvPlan::is_empty`]: nothing to order at all.
//! - [`desired_state`]`(onboarding, env, catalogue) -> Option<tak::TakState>`: the full set of
//!   vägval and anropsbehörigheter the onboarding implies in TAK, regardless of what exists.
//!   Two states give an order with [`tak::TakOrder::from_states`].
//! - [`tak`]: the TAK JSON order ([`tak::TakOrder`], field names exactly TAK's), its builder
//!   from a plan ([`tak::TakOrder::from_plan`]) and TAK's import rules ([`tak::check`]).
//! - [`nkrr`]: what NKRR's administrators configure ([`nkrr::NkrrConfig`]).
//! - [`status`]: the phase of each environment and the next step ([`status::Status`]).
//!
//! Lists are sorted: contracts in catalogue (checklist) order, source systems by HSA-id compared
//! case-insensitively, as TAK compares them. HSA-ids are kept as written.

pub mod nkrr;
pub mod status;
pub mod tak;

use serde::Serialize;

use crate::catalog::{Catalogue, Contract, ContractRole, Party};
use crate::model::{Env, Onboarding};

/// A contract as the menus and TAK name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractRef {
    /// As the checklist writes it: `GetCareContacts v3`.
    pub name: String,
    /// The interaction without version: `GetCareContacts`.
    pub interaction: String,
    /// Major version.
    pub major_version: u32,
    /// Tjänstedomän: `clinicalprocess:logistics:logistics`.
    pub domain: String,
    /// TAK namespace (namnrymd).
    pub namespace: String,
}

impl ContractRef {
    pub fn of(c: &Contract) -> ContractRef {
        ContractRef {
            name: c.display_name(),
            interaction: c.name.clone(),
            major_version: c.major_version,
            domain: c.domain.clone(),
            namespace: c.namespace.clone(),
        }
    }
}

/// An HSA-id with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    pub hsa_id: String,
    pub name: String,
}

impl Named {
    fn of(p: &Party) -> Named {
        Named {
            hsa_id: p.hsa_id.clone(),
            name: p.name.clone(),
        }
    }
}

/// Administrera systeminformation (3.4 / 5.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SystemRegistration {
    /// Systemägande organisation.
    pub organisation: String,
    /// Namn på system.
    pub system_name: String,
    /// HSA-id för SITHS-certifikat.
    pub hsa_id: String,
}

/// The producer of an environment (the system "closest" to NTjP).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProducerInfo {
    pub organisation: String,
    pub system_name: String,
    pub hsa_id: String,
    /// Already registered under Administrera systeminformation.
    pub registered: bool,
}

/// One source system of one contract, and what of it exists in TAK.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceState {
    pub source_system: Named,
    /// The vägval exists (`existing_routings`).
    pub routing_exists: bool,
    /// NKRR's anropsbehörighet exists (`existing_nkrr_permissions`).
    pub nkrr_permission_exists: bool,
}

/// A contract to produce in an environment, with its URL and per-source-system state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractPlan {
    pub contract: ContractRef,
    /// URL för tjänsteproducent (anropsadress).
    pub url: String,
    pub sources: Vec<SourceState>,
}

/// A vägval to order: contract × logical address (source system) to the producer's URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Routing {
    pub contract: ContractRef,
    pub logical_address: Named,
    pub url: String,
}

/// An anropsbehörighet to order: a consumer may call a contract at a logical address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Permission {
    pub contract: ContractRef,
    pub logical_address: Named,
    pub consumer: Named,
}

/// The engagement-index connection (3.7 / 5.7): the producer consumes `Update v1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngagementIndexOrder {
    /// Tjänstekonsument: the producer's HSA-id (3.7.1), with its system name.
    pub consumer: Named,
    /// `Update v1` (itintegration:engagementindex).
    pub contract: ContractRef,
    /// Logisk adressat: `5565594230` Inera.
    pub logical_address: Named,
    /// Producent för interaktionen.
    pub interaction_producer: Named,
}

impl EngagementIndexOrder {
    /// The anropsbehörighet this connection amounts to in TAK.
    pub fn permission(&self) -> Permission {
        Permission {
            contract: self.contract.clone(),
            logical_address: self.logical_address.clone(),
            consumer: self.consumer.clone(),
        }
    }
}

/// What remains to order for one vårdgivare in one environment (checklist Figur 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnvPlan {
    pub env: Env,
    /// TAK platform: `NTJP-QA`, `NTJP-PROD`.
    pub platform: String,
    pub care_provider: Named,
    /// The system supplier acting as agent, if any.
    pub supplier: Option<String>,
    pub producer: ProducerInfo,
    /// NKRR's consumer in this environment (3.5.5).
    pub nkrr_consumer: Named,
    /// RIV-TA profile of every vägval (`RIVTABP21`).
    pub rivta_profile: String,
    /// Beställningsnummer, when known.
    pub order_number: Option<String>,
    /// Every contract to produce, in catalogue order.
    pub contracts: Vec<ContractPlan>,
    /// Administrera systeminformation: `Some` when the producer is not registered.
    pub system_registration: Option<SystemRegistration>,
    /// Administrera tjänsteproducent: vägval that do not exist yet.
    pub new_routings: Vec<Routing>,
    /// NKRR's adresseringsbehörighet for the new routings (3.5.5).
    pub producer_permissions: Vec<Permission>,
    /// Administrera tjänstekonsument (a): NKRR's adresseringsbehörighet for routings that exist.
    pub consumer_permissions: Vec<Permission>,
    /// Administrera tjänstekonsument (b): the engagement-index connection, unless connected.
    pub engagement_index: Option<EngagementIndexOrder>,
    /// Logical addresses that new routings use and that are not known to exist in TAK.
    pub new_logical_addresses: Vec<Named>,
}

impl EnvPlan {
    /// Whether nothing at all remains to order in this environment.
    pub fn is_empty(&self) -> bool {
        self.system_registration.is_none()
            && self.new_routings.is_empty()
            && self.producer_permissions.is_empty()
            && self.consumer_permissions.is_empty()
            && self.engagement_index.is_none()
    }

    /// Whether the Administrera tjänsteproducent menu has anything to order.
    pub fn has_producer_order(&self) -> bool {
        !self.new_routings.is_empty() || !self.producer_permissions.is_empty()
    }

    /// Whether the Administrera tjänstekonsument menu has anything to order.
    pub fn has_consumer_order(&self) -> bool {
        !self.consumer_permissions.is_empty() || self.engagement_index.is_some()
    }
}

/// The uppercase form TAK compares HSA-ids and namespaces by.
pub fn tak_key(s: &str) -> String {
    s.to_ascii_uppercase()
}

/// What remains to order for `env`; `None` when the onboarding has no such environment.
pub fn plan(onboarding: &Onboarding, env: Env, catalogue: &Catalogue) -> Option<EnvPlan> {
    let e = onboarding.env(env)?;
    let values = catalogue.env(env);
    let producer = &e.producer;
    let nkrr_consumer = Named::of(&values.nkrr_consumer);

    let mut sources: Vec<Named> = e
        .source_systems
        .iter()
        .map(|s| Named {
            hsa_id: s.hsa_id.0.clone(),
            name: s.name.clone(),
        })
        .collect();
    sources.sort_by_key(|s| tak_key(&s.hsa_id));

    let mut contracts: Vec<(usize, ContractPlan)> = Vec::new();
    for c in &e.contracts {
        // Names are checked against the catalogue by the schema (`unknown-contract`).
        let Some(pos) = catalogue
            .contracts
            .iter()
            .position(|k| k.role == ContractRole::Journal && k.display_name() == c.name.as_str())
        else {
            continue;
        };
        let listed = |ids: &[crate::model::HsaId], id: &str| ids.iter().any(|x| x.same_as(id));
        let states = sources
            .iter()
            .map(|s| SourceState {
                source_system: s.clone(),
                routing_exists: listed(&c.existing_routings, &s.hsa_id),
                nkrr_permission_exists: listed(&c.existing_nkrr_permissions, &s.hsa_id),
            })
            .collect();
        contracts.push((
            pos,
            ContractPlan {
                contract: ContractRef::of(&catalogue.contracts[pos]),
                url: c.url.0.clone(),
                sources: states,
            },
        ));
    }
    contracts.sort_by_key(|(pos, _)| *pos);
    let contracts: Vec<ContractPlan> = contracts.into_iter().map(|(_, c)| c).collect();

    let mut new_routings = Vec::new();
    let mut producer_permissions = Vec::new();
    let mut consumer_permissions = Vec::new();
    for c in &contracts {
        for s in &c.sources {
            let permission = Permission {
                contract: c.contract.clone(),
                logical_address: s.source_system.clone(),
                consumer: nkrr_consumer.clone(),
            };
            if s.routing_exists {
                if !s.nkrr_permission_exists {
                    consumer_permissions.push(permission);
                }
            } else {
                new_routings.push(Routing {
                    contract: c.contract.clone(),
                    logical_address: s.source_system.clone(),
                    url: c.url.clone(),
                });
                if !s.nkrr_permission_exists {
                    producer_permissions.push(permission);
                }
            }
        }
    }

    // A source system with an existing routing for any contract is a logical address in TAK.
    let known_address = |id: &str| {
        contracts.iter().any(|c| {
            c.sources
                .iter()
                .any(|s| s.routing_exists && s.source_system.hsa_id.eq_ignore_ascii_case(id))
        })
    };
    let new_logical_addresses = sources
        .iter()
        .filter(|s| {
            new_routings
                .iter()
                .any(|r| r.logical_address.hsa_id == s.hsa_id)
        })
        .filter(|s| !known_address(&s.hsa_id))
        .cloned()
        .collect();

    let engagement_index = (!e.engagement_index.connected).then(|| EngagementIndexOrder {
        consumer: Named {
            hsa_id: producer.hsa_id.0.clone(),
            name: producer.system_name.clone(),
        },
        contract: ContractRef::of(catalogue.contract_with_role(ContractRole::EngagementIndex)),
        logical_address: Named::of(&values.engagement_index_address),
        interaction_producer: Named::of(&values.engagement_index_producer),
    });

    Some(EnvPlan {
        env,
        platform: values.platform.clone(),
        care_provider: Named {
            hsa_id: onboarding.care_provider.hsa_id.0.clone(),
            name: onboarding.care_provider.name.clone(),
        },
        supplier: onboarding.supplier.as_ref().map(|s| s.name.clone()),
        producer: ProducerInfo {
            organisation: producer.organisation.clone(),
            system_name: producer.system_name.clone(),
            hsa_id: producer.hsa_id.0.clone(),
            registered: producer.registered,
        },
        nkrr_consumer,
        rivta_profile: catalogue.rivta_profile.clone(),
        order_number: e.order.order_number.clone(),
        contracts,
        system_registration: (!producer.registered).then(|| SystemRegistration {
            organisation: producer.organisation.clone(),
            system_name: producer.system_name.clone(),
            hsa_id: producer.hsa_id.0.clone(),
        }),
        new_routings,
        producer_permissions,
        consumer_permissions,
        engagement_index,
        new_logical_addresses,
    })
}

/// The plans of every environment present, QA first.
pub fn plans(onboarding: &Onboarding, catalogue: &Catalogue) -> Vec<EnvPlan> {
    Env::ALL
        .into_iter()
        .filter_map(|env| plan(onboarding, env, catalogue))
        .collect()
}

/// The TAK state an onboarding implies in `env`, regardless of what exists: the producer as
/// tjänstekomponent, the source systems as logical addresses, a vägval and NKRR's
/// anropsbehörighet per contract × source system, and the engagement-index anropsbehörighet.
pub fn desired_state(
    onboarding: &Onboarding,
    env: Env,
    catalogue: &Catalogue,
) -> Option<tak::TakState> {
    let p = plan(onboarding, env, catalogue)?;
    let mut state = tak::TakState::default();
    state
        .tjanstekomponenter
        .push(tak::producer_component(&p.producer));
    for c in &p.contracts {
        state
            .tjanstekontrakt
            .push(tak::Tjanstekontrakt::of(&c.contract));
        for s in &c.sources {
            state.vagval.push(tak::Vagval::of(
                &Routing {
                    contract: c.contract.clone(),
                    logical_address: s.source_system.clone(),
                    url: c.url.clone(),
                },
                &p.producer.hsa_id,
                &p.rivta_profile,
            ));
            state
                .anropsbehorigheter
                .push(tak::Anropsbehorighet::of(&Permission {
                    contract: c.contract.clone(),
                    logical_address: s.source_system.clone(),
                    consumer: p.nkrr_consumer.clone(),
                }));
        }
    }
    for c in &p.contracts {
        for s in &c.sources {
            state
                .logiskadresser
                .push(tak::LogiskAdress::of(&s.source_system));
        }
    }
    let ei = EngagementIndexOrder {
        consumer: Named {
            hsa_id: p.producer.hsa_id.clone(),
            name: p.producer.system_name.clone(),
        },
        contract: ContractRef::of(catalogue.contract_with_role(ContractRole::EngagementIndex)),
        logical_address: Named::of(&catalogue.env(env).engagement_index_address),
        interaction_producer: Named::of(&catalogue.env(env).engagement_index_producer),
    };
    state
        .tjanstekontrakt
        .push(tak::Tjanstekontrakt::of(&ei.contract));
    state
        .anropsbehorigheter
        .push(tak::Anropsbehorighet::of(&ei.permission()));
    state.normalize();
    Some(state)
}

#[cfg(test)]
mod tests;

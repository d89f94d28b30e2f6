//! The fixed reference data of NKRR onboarding: service contracts and the per-environment
//! identifiers that the checklist prescribes.
//!
//! Everything here comes from one data file, `data/catalogue.json`, compiled into the binary.
//! Code never spells an NKRR or NTjP identifier as a literal; it asks the catalogue. That keeps
//! the verified values (DOMAIN.md) in one reviewable place and lets the schema's contract enum,
//! the rules and the exporter agree by construction.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::Env;

/// The catalogue, parsed once from the embedded data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// RIV-TA profile of every contract here (`RIVTABP21`).
    pub rivta_profile: String,
    /// Every service contract the onboarding touches.
    pub contracts: Vec<Contract>,
    /// Fixed values per environment.
    pub environments: Environments,
    /// Test identities that may appear as test patients (Tolvan Tolvansson and friends).
    pub test_identities: Vec<TestIdentity>,
}

/// A service contract (tjänstekontrakt).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Interaction name without version, e.g. `GetCareContacts`.
    pub name: String,
    /// Major version, e.g. `3`.
    pub major_version: u32,
    /// Service domain, e.g. `clinicalprocess:logistics:logistics`.
    pub domain: String,
    /// TAK namespace (namnrymd) that orders carry.
    pub namespace: String,
    /// What the contract is for in NKRR's onboarding.
    pub role: ContractRole,
}

/// The part a contract plays in an NKRR onboarding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractRole {
    /// A journal-and-medication (JoL) contract that the vårdgivare produces for NKRR.
    Journal,
    /// `Update v1`, consumed by the producer to update the engagement index.
    EngagementIndex,
    /// `GetFormData`, produced by NKRR for the registries.
    Nkrr,
}

impl Contract {
    /// The name as the checklist writes it: `GetCareContacts v3`.
    pub fn display_name(&self) -> String {
        format!("{} v{}", self.name, self.major_version)
    }
}

/// An HSA-id with the name TAK and the portal show for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub hsa_id: String,
    pub name: String,
}

/// The fixed values of both environments.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environments {
    pub qa: EnvironmentValues,
    pub prod: EnvironmentValues,
}

/// Fixed values of one environment (DOMAIN.md, "Fixed values per environment").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentValues {
    /// TAK platform name in orders: `NTJP-QA` or `NTJP-PROD`.
    pub platform: String,
    /// NKRR's consumer HSA-id and name (checklist 3.5.5 / 5.5.5).
    pub nkrr_consumer: Party,
    /// Logical address of the engagement-index update (checklist 3.7.2).
    pub engagement_index_address: Party,
    /// Producer of the engagement-index interaction.
    pub engagement_index_producer: Party,
    /// Logical address of the aggregating service.
    pub aggregating_address: Party,
    /// NKRR's GUI HSA-id that the vårdgivare whitelists for tests (QA only).
    pub nkrr_gui_hsa_id: Option<String>,
}

/// A personnummer known to belong to a test identity, not a real person.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestIdentity {
    pub personnummer: String,
    pub name: String,
}

static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();

impl Catalogue {
    /// The embedded catalogue. Its JSON is checked by a unit test, so parsing cannot fail at run
    /// time in a released binary.
    pub fn get() -> &'static Catalogue {
        CATALOGUE.get_or_init(|| {
            serde_json::from_str(include_str!("../data/catalogue.json"))
                .expect("data/catalogue.json is valid (checked by catalog::tests)")
        })
    }

    /// Values of one environment.
    pub fn env(&self, env: Env) -> &EnvironmentValues {
        match env {
            Env::Qa => &self.environments.qa,
            Env::Prod => &self.environments.prod,
        }
    }

    /// The JoL contracts that a vårdgivare can be asked to produce.
    pub fn journal_contracts(&self) -> impl Iterator<Item = &Contract> {
        self.contracts
            .iter()
            .filter(|c| c.role == ContractRole::Journal)
    }

    /// A JoL contract by its checklist name (`GetCareContacts v3`).
    pub fn journal_contract(&self, display_name: &str) -> Option<&Contract> {
        self.journal_contracts()
            .find(|c| c.display_name() == display_name)
    }

    /// The one contract of a role that has only one (`Update v1`, `GetFormData v1`).
    pub fn contract_with_role(&self, role: ContractRole) -> &Contract {
        self.contracts
            .iter()
            .find(|c| c.role == role)
            .expect("the catalogue has one contract of each role (checked by catalog::tests)")
    }

    /// Ids that the platform uses and that are legitimate without Inera's `SE<org-nr>-` form.
    pub fn is_platform_id(&self, id: &str) -> bool {
        [&self.environments.qa, &self.environments.prod]
            .iter()
            .any(|e| {
                [
                    &e.nkrr_consumer.hsa_id,
                    &e.engagement_index_address.hsa_id,
                    &e.engagement_index_producer.hsa_id,
                    &e.aggregating_address.hsa_id,
                ]
                .iter()
                .any(|p| p.eq_ignore_ascii_case(id))
                    || e.nkrr_gui_hsa_id
                        .as_deref()
                        .is_some_and(|g| g.eq_ignore_ascii_case(id))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_parses_and_has_each_role() {
        let c = Catalogue::get();
        assert_eq!(c.journal_contracts().count(), 9);
        assert_eq!(
            c.contract_with_role(ContractRole::EngagementIndex)
                .display_name(),
            "Update v1"
        );
        assert_eq!(
            c.contract_with_role(ContractRole::Nkrr).display_name(),
            "GetFormData v1"
        );
    }

    #[test]
    fn namespaces_follow_the_rivta_pattern() {
        for c in &Catalogue::get().contracts {
            assert_eq!(
                c.namespace,
                format!(
                    "urn:riv:{}:{}Responder:{}",
                    c.domain, c.name, c.major_version
                ),
                "{}",
                c.display_name()
            );
        }
    }

    #[test]
    fn fixed_values_match_the_checklist() {
        let c = Catalogue::get();
        assert_eq!(c.env(Env::Qa).platform, "NTJP-QA");
        assert_eq!(c.env(Env::Prod).platform, "NTJP-PROD");
        assert_eq!(
            c.env(Env::Qa).nkrr_consumer.hsa_id,
            "SE2321000131-S000000015598"
        );
        assert_eq!(
            c.env(Env::Prod).nkrr_consumer.hsa_id,
            "SE2321000131-S000000015597"
        );
        assert_eq!(
            c.env(Env::Qa).engagement_index_producer.hsa_id,
            "T-SERVICES-SE165565594230-1023"
        );
        assert_eq!(
            c.env(Env::Prod).engagement_index_producer.hsa_id,
            "HSASERVICES-106J"
        );
        assert!(c.is_platform_id("5565594230"));
        assert!(c.is_platform_id("hsaservices-106j"));
    }
}

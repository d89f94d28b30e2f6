//! What NKRR's administrators configure for a vårdgivare in one environment (checklist 3.5.3
//! and 4.2): GetFormData's logical address, the logical addresses NKRR calls per contract, and
//! in QA the test patients, the GUI HSA-id to whitelist and the contact persons.

use serde::Serialize;

use super::{ContractRef, Named};
use crate::catalog::{Catalogue, ContractRole};
use crate::model::{Addressing, Env, Onboarding};

/// How NKRR addresses the JoL contracts, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressingChoice {
    /// Directly to each source system, as `test.addressing` says.
    Direct,
    /// Via the aggregating service, as `test.addressing` says.
    Aggregating,
    /// Directly: QA has no test section yet, and the checklist starts testing direct (4.2.1).
    DirectUntilTestPlanned,
    /// Via the aggregating service: production always goes through it (5.5.3).
    AggregatingInProd,
}

impl AddressingChoice {
    pub fn is_direct(self) -> bool {
        matches!(
            self,
            AddressingChoice::Direct | AddressingChoice::DirectUntilTestPlanned
        )
    }
}

/// The logical addresses NKRR calls for one contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallAddresses {
    pub contract: ContractRef,
    pub logical_addresses: Vec<Named>,
}

/// A test patient: Pnr, Namn, Formulärdatum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestPatient {
    pub personnummer: String,
    pub name: String,
    pub form_dates: Vec<String>,
}

/// A contact person: Namn, E-post, Telefon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactPerson {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// NKRR's configuration of one vårdgivare in one environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NkrrConfig {
    pub env: Env,
    pub care_provider: Named,
    /// `GetFormData v1`, care-giver addressed.
    pub get_form_data: ContractRef,
    /// GetFormData's logical address: the vårdgivare's HSA-id.
    pub get_form_data_address: String,
    pub addressing: AddressingChoice,
    /// Per contract (catalogue order), the logical addresses NKRR calls.
    pub call_addresses: Vec<CallAddresses>,
    /// Test patients (QA only).
    pub test_patients: Vec<TestPatient>,
    /// NKRR's GUI HSA-id that the vårdgivare whitelists (QA only).
    pub whitelist_hsa_id: Option<String>,
    /// Whether the whitelisting is done (QA with a test section).
    pub whitelisting_done: Option<bool>,
    /// Kontaktperson vårdgivare.
    pub contact_care_provider: ContactPerson,
    /// Kontaktperson NKRR.
    pub contact_nkrr: ContactPerson,
}

/// NKRR's configuration for `env`; `None` when the onboarding has no such environment.
pub fn nkrr_config(onboarding: &Onboarding, env: Env, catalogue: &Catalogue) -> Option<NkrrConfig> {
    let plan = super::plan(onboarding, env, catalogue)?;
    let values = catalogue.env(env);
    let addressing = match (env, onboarding.test.as_ref().map(|t| t.addressing)) {
        (Env::Prod, _) => AddressingChoice::AggregatingInProd,
        (Env::Qa, Some(Addressing::Direct)) => AddressingChoice::Direct,
        (Env::Qa, Some(Addressing::Aggregating)) => AddressingChoice::Aggregating,
        (Env::Qa, None) => AddressingChoice::DirectUntilTestPlanned,
    };
    let aggregating = Named {
        hsa_id: values.aggregating_address.hsa_id.clone(),
        name: values.aggregating_address.name.clone(),
    };
    let call_addresses = plan
        .contracts
        .iter()
        .map(|c| CallAddresses {
            contract: c.contract.clone(),
            logical_addresses: if addressing.is_direct() {
                c.sources.iter().map(|s| s.source_system.clone()).collect()
            } else {
                vec![aggregating.clone()]
            },
        })
        .collect();
    let test = onboarding.test.as_ref().filter(|_| env == Env::Qa);
    let contact = |c: &crate::model::Contact| ContactPerson {
        name: c.name.clone(),
        email: c.email.0.clone(),
        phone: c.phone.as_ref().map(|p| p.0.clone()),
    };
    Some(NkrrConfig {
        env,
        care_provider: plan.care_provider.clone(),
        get_form_data: ContractRef::of(catalogue.contract_with_role(ContractRole::Nkrr)),
        get_form_data_address: plan.care_provider.hsa_id.clone(),
        addressing,
        call_addresses,
        test_patients: test
            .map(|t| {
                t.patients
                    .iter()
                    .map(|p| TestPatient {
                        personnummer: p.personnummer.0.clone(),
                        name: p.name.clone(),
                        form_dates: p.form_dates.iter().map(|d| d.0.clone()).collect(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        whitelist_hsa_id: values.nkrr_gui_hsa_id.clone(),
        whitelisting_done: test.map(|t| t.whitelisting_done),
        contact_care_provider: contact(&onboarding.contacts.care_provider),
        contact_nkrr: contact(&onboarding.contacts.nkrr),
    })
}

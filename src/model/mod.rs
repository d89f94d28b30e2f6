//! The onboarding file format: one YAML file per vårdgivare, mirroring the checklist.
//!
//! These serde + schemars types are the single definition of the format. The JSON Schema in
//! `schema/` is generated from them, and their doc comments become the schema's descriptions,
//! which editors show while typing: the Swedish checklist term and section first, then what the
//! field means. Every struct denies unknown fields so that a misspelt key is a finding rather than
//! silently ignored data.
//!
//! The top-level keys follow the checklist's chapters: `agreements` (kap. 2), `qa` (kap. 3),
//! `test` (kap. 4) and `prod` (kap. 5). The "existing state" fields (`producer.registered`,
//! `existing_routings`, `existing_nkrr_permissions`, `engagement_index.connected`) describe the
//! starting point of checklist Figur 1, from which the exporter computes what remains to order.

mod types;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use types::{
    ContractName, Date, Email, HSA_ID_PATTERN, HsaId, Personnummer, Phone, ProducerUrl,
    URL_EXTRA_CHARS, URL_PATTERN,
};

/// One vårdgivare's onboarding to NKRR: the checklist "Anslutning av vårdgivare till NKRR" as
/// data. The file is named after the care provider's HSA-id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Anslutning av vårdgivare till NKRR")]
pub struct Onboarding {
    /// Vårdgivare. The care provider whose journal data NKRR fetches.
    pub care_provider: CareProvider,
    /// Leverantör (systemleverantör som agent). A system supplier that groups several
    /// vårdgivare and acts as their agent towards Inera (checklist 2.3). Omit when the
    /// vårdgivare orders on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<Supplier>,
    /// Avtal (kap. 2). The agreements that must exist before NKRR can be used.
    pub agreements: Agreements,
    /// Kontaktpersoner (kap. 4.2). Contact persons for the integration tests.
    pub contacts: Contacts,
    /// Anslutning QA (kap. 3). The connection in Inera's QA environment.
    pub qa: Environment,
    /// Test (kap. 4). The integration test between NKRR and the vårdgivare in QA. Omit until
    /// testing is planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<Test>,
    /// Anslutning PROD (kap. 5). The connection in production. Omit until QA is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prod: Option<Environment>,
}

/// Vårdgivare: the care provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Vårdgivare")]
pub struct CareProvider {
    /// HSA-id för vårdgivare. The care provider's HSA-id; GetFormData's logical address and the
    /// name of this file.
    pub hsa_id: HsaId,
    /// Vårdgivarens namn.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Region Exempelland"]))]
    pub name: String,
}

/// Leverantör: the system supplier acting as agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Leverantör")]
pub struct Supplier {
    /// Leverantörens namn.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Journalsystem Exempel AB"]))]
    pub name: String,
}

/// Avtal (kap. 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Avtal")]
pub struct Agreements {
    /// Personuppgiftsbiträdesavtal (Modellavtal 1) mellan vårdgivare och Inera (2.1). Once per
    /// vårdgivare.
    pub personal_data_processing: Step,
    /// Kundavtal 1 mellan vårdgivare och Inera (2.2), for releasing information to NKRR. Once
    /// per vårdgivare.
    pub customer_agreement: Step,
    /// Agentavtal mellan leverantör och Inera (2.3). Required when a supplier is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_agreement: Option<Step>,
}

/// A checklist step: Klart ☐/☒, Datum, Kommentar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Steg")]
pub struct Step {
    /// Klart. Whether the step is done.
    pub done: bool,
    /// Datum. When the step was done; required once `done` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Kommentar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 1000))]
    pub comment: Option<String>,
}

/// Kontaktpersoner (kap. 4.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kontaktpersoner")]
pub struct Contacts {
    /// Kontaktperson vårdgivare: the vårdgivare's contact for integration tests with NKRR.
    pub care_provider: Contact,
    /// Kontaktperson NKRR: NKRR's contact for integration tests with the vårdgivare.
    pub nkrr: Contact,
}

/// Kontaktperson: Namn, E-post, Telefon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kontaktperson")]
pub struct Contact {
    /// Namn.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Anna Exempelsson"]))]
    pub name: String,
    /// E-post.
    pub email: Email,
    /// Telefon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
}

/// The environments of the platform, QA (kap. 3–4) and PROD (kap. 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Env {
    Qa,
    Prod,
}

impl Env {
    /// Both environments, in the order they are done.
    pub const ALL: [Env; 2] = [Env::Qa, Env::Prod];

    /// The key in the onboarding file and the folder name in `exports/`.
    pub fn key(self) -> &'static str {
        match self {
            Env::Qa => "qa",
            Env::Prod => "prod",
        }
    }

    /// The name people use: `QA`, `PROD`.
    pub fn label(self) -> &'static str {
        match self {
            Env::Qa => "QA",
            Env::Prod => "PROD",
        }
    }
}

/// Anslutning i en miljö (kap. 3 för QA, kap. 5 för PROD).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Anslutning")]
pub struct Environment {
    /// Vårdgivares förstudie till Inera (3.1; for PROD the updated förstudie, 5.1).
    pub feasibility_study: FeasibilityStudy,
    /// SITHS-certifikat (3.2 / 5.2): the approved certificate installed on the producing system.
    pub siths_certificate: SithsCertificate,
    /// Beställning av anslutning i beställningsstödet (3.3 / 5.3).
    pub order: Order,
    /// Uppgifter om tjänsteproducent (3.4 / 5.4): the system "closest" to NTjP on the
    /// vårdgivare's side, a regional platform or a source system.
    pub producer: Producer,
    /// Logisk adressat (3.5.3 / 5.5.3): the source systems (källsystem) that hold the data. The
    /// JoL contracts are source-system addressed, so each is a logical addressee.
    pub source_systems: Vec<SourceSystem>,
    /// Tjänstekontrakt (3.5.2 / 5.5.2) with URL (3.5.4 / 5.5.4): the contracts to produce.
    pub contracts: Vec<ProducedContract>,
    /// Anslutning till engagemangsindex (3.7 / 5.7).
    pub engagement_index: EngagementIndex,
}

/// Vårdgivares förstudie till Inera.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Förstudie")]
pub struct FeasibilityStudy {
    /// Dokumentnamn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Förstudie NKRR Region Exempelland v1.0"]))]
    pub document_name: Option<String>,
    /// Inskickad: sent to Inera kundservice.
    pub submitted: Step,
    /// Ärendenummer Kundservice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 64), extend("examples" = ["KS-2026-01234"]))]
    pub case_number: Option<String>,
    /// Godkänd: approved by Inera.
    pub approved: Step,
}

/// SITHS-certifikat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "SITHS-certifikat")]
pub struct SithsCertificate {
    /// Certifikat: the name of the installed certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 255), extend("examples" = ["SITHS e-id Function CA"]))]
    pub name: Option<String>,
    /// Finns på plats.
    pub installed: bool,
}

/// Beställning i beställningsstödet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Beställning")]
pub struct Order {
    /// Beställning inskickad, with Inskickad datum.
    pub submitted: Step,
    /// Beställning godkänd, with Godkänd datum.
    pub approved: Step,
    /// Beställningsnummer: the order's number in the beställningsstöd, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 64), extend("examples" = ["BS-2026-0042"]))]
    pub order_number: Option<String>,
}

/// Tjänsteproducent (menu Administrera systeminformation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tjänsteproducent")]
pub struct Producer {
    /// Systemägande organisation.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Region Exempelland"]))]
    pub organisation: String,
    /// Namn på system.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Regional tjänsteplattform"]))]
    pub system_name: String,
    /// HSA-id för SITHS-certifikat: the HSA-id in the system's SITHS certificate. The same id
    /// consumes Update v1 for the engagement index (3.7.1).
    pub hsa_id: HsaId,
    /// Already registered under Administrera systeminformation in this environment. When true,
    /// nothing is ordered in that menu (Figur 1).
    pub registered: bool,
}

/// Logisk adressat: a source system (källsystem) holding journal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Logisk adressat")]
pub struct SourceSystem {
    /// Logisk adressat HSA-id: the source system's HSA-id.
    pub hsa_id: HsaId,
    /// Logisk adressat namn.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Journalsystem Exempel, Region Exempelland"]))]
    pub name: String,
}

/// A contract to produce, with its URL and what of it already exists in TAK.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tjänstekontrakt")]
pub struct ProducedContract {
    /// Tjänstekontrakt: name and major version as in the checklist, e.g. `GetCareContacts v3`.
    pub name: ContractName,
    /// URL för tjänsteproducent (anropsadress): where the platform calls the producer.
    pub url: ProducerUrl,
    /// Source systems (HSA-ids from `source_systems`) for which the routing (vägval) of this
    /// contract already exists in this environment, e.g. because the vårdgivare is connected to
    /// Journalen or NPÖ. Only NKRR's adresseringsbehörighet is ordered for those (3.6 / 5.6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub existing_routings: Vec<HsaId>,
    /// Source systems for which NKRR's adresseringsbehörighet on this contract already exists
    /// in this environment. Nothing is ordered for those.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub existing_nkrr_permissions: Vec<HsaId>,
}

/// Engagemangsindex (3.7 / 5.7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Engagemangsindex")]
pub struct EngagementIndex {
    /// Already connected to update the engagement index (consumes Update v1 at 5565594230) in
    /// this environment. When false, the connection is ordered under Administrera
    /// tjänstekonsument.
    pub connected: bool,
}

/// Test (kap. 4): integration test between NKRR and the vårdgivare in QA.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Test")]
pub struct Test {
    /// Logisk adress (4.2): whether NKRR addresses the source systems directly or goes via the
    /// aggregating service (5565594230), which needs the engagement index.
    pub addressing: Addressing,
    /// Testpatient: patients that exist at the vårdgivare, with the dates to register forms for.
    pub patients: Vec<TestPatient>,
    /// Vitlistning av ursprunglig konsument: NKRR's GUI HSA-id has been whitelisted at the
    /// vårdgivare.
    pub whitelisting_done: bool,
    /// Test avklarat: the transfer from the vårdgivare to NKRR has succeeded (kommunikationstest).
    pub communication_test: Step,
    /// Verifiering av innehåll: verification of the content against the registry's information
    /// specification.
    pub content_verification: ContentVerification,
}

/// Logisk adress för test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "Adressering")]
pub enum Addressing {
    /// Direktadressering: NKRR calls each source system's HSA-id.
    Direct,
    /// Via aggregerande tjänst: NKRR calls 5565594230; requires the engagement index.
    Aggregating,
}

/// Testpatient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Testpatient")]
pub struct TestPatient {
    /// Pnr: the test patient's personnummer or samordningsnummer, 12 digits. Must be a test
    /// identity, never a real person.
    pub personnummer: Personnummer,
    /// Namn.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Tolvan Tolvansson"]))]
    pub name: String,
    /// Formulärdatum: dates to register the form for (careEncounterStartDate in GetFormData),
    /// each with an expected result.
    #[schemars(length(min = 1))]
    pub form_dates: Vec<Date>,
}

/// Verifiering av innehåll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Verifiering av innehåll")]
pub struct ContentVerification {
    /// Status.
    pub status: VerificationStatus,
    /// Datum: when the verification was completed; required once `status` is `done`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Kommentar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 1000))]
    pub comment: Option<String>,
}

/// Status of the content verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "Status")]
pub enum VerificationStatus {
    /// Ej påbörjad.
    NotStarted,
    /// Pågår.
    InProgress,
    /// Klar.
    Done,
}

impl Onboarding {
    /// The environment section for `env`, if present.
    pub fn env(&self, env: Env) -> Option<&Environment> {
        match env {
            Env::Qa => Some(&self.qa),
            Env::Prod => self.prod.as_ref(),
        }
    }

    /// The environments present, QA first.
    pub fn envs(&self) -> impl Iterator<Item = (Env, &Environment)> {
        Env::ALL
            .into_iter()
            .filter_map(|e| self.env(e).map(|s| (e, s)))
    }
}

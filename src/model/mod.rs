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

mod examples;
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
    #[schemars(title = "Vårdgivare", extend("examples" = [{"hsa_id": examples::CARE_PROVIDER, "name": "Region Exempelland"}]))]
    pub care_provider: CareProvider,
    /// Leverantör (systemleverantör som agent). A system supplier that groups several
    /// vårdgivare and acts as their agent towards Inera (checklist 2.3). Omit when the
    /// vårdgivare orders on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Leverantör", extend("examples" = [{"name": "Journalsystem Exempel AB"}]))]
    pub supplier: Option<Supplier>,
    /// Avtal (kap. 2). The agreements that must exist before NKRR can be used.
    #[schemars(title = "Avtal", extend("examples" = [{"personal_data_processing": examples::step_done(), "customer_agreement": {"done": false}}]))]
    pub agreements: Agreements,
    /// Kontaktpersoner (kap. 4.2). Contact persons for the integration tests.
    #[schemars(title = "Kontaktpersoner", extend("examples" = [{"care_provider": examples::contact(), "nkrr": {"name": "Erik Lund", "email": "erik.lund@nkrr.example"}}]))]
    pub contacts: Contacts,
    /// Anslutning QA (kap. 3). The connection in Inera's QA environment.
    #[schemars(title = "Anslutning QA", extend("examples" = [examples::environment(Env::Qa)]))]
    pub qa: Environment,
    /// Test (kap. 4). The integration test between NKRR and the vårdgivare in QA. Omit until
    /// testing is planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Test", extend("examples" = [examples::test()]))]
    pub test: Option<Test>,
    /// Anslutning PROD (kap. 5). The connection in production. Omit until QA is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Anslutning PROD", extend("examples" = [examples::environment(Env::Prod)]))]
    pub prod: Option<Environment>,
}

/// Vårdgivare: the care provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Vårdgivare")]
pub struct CareProvider {
    /// HSA-id för vårdgivare. The care provider's HSA-id; GetFormData's logical address and the
    /// name of this file.
    #[schemars(title = "HSA-id för vårdgivare", extend("examples" = [examples::CARE_PROVIDER]))]
    pub hsa_id: HsaId,
    /// Vårdgivarens namn.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Region Exempelland"]))]
    #[schemars(title = "Vårdgivarens namn")]
    pub name: String,
}

/// Leverantör: the system supplier acting as agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Leverantör")]
pub struct Supplier {
    /// Leverantörens namn.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Journalsystem Exempel AB"]))]
    #[schemars(title = "Leverantörens namn")]
    pub name: String,
}

/// Avtal (kap. 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Avtal")]
pub struct Agreements {
    /// Personuppgiftsbiträdesavtal (Modellavtal 1) mellan vårdgivare och Inera (2.1). Once per
    /// vårdgivare.
    #[schemars(title = "Personuppgiftsbiträdesavtal (Modellavtal 1)", extend("examples" = [examples::step_done()]))]
    pub personal_data_processing: Step,
    /// Kundavtal 1 mellan vårdgivare och Inera (2.2), for releasing information to NKRR. Once
    /// per vårdgivare.
    #[schemars(title = "Kundavtal 1", extend("examples" = [examples::step_done()]))]
    pub customer_agreement: Step,
    /// Agentavtal mellan leverantör och Inera (2.3). Required when a supplier is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Agentavtal", extend("examples" = [{"done": true, "date": "2025-11-12", "comment": "Leverantörens agentavtal gäller alla dess kunder."}]))]
    pub agent_agreement: Option<Step>,
}

/// A checklist step: Klart ☐/☒, Datum, Kommentar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Steg")]
pub struct Step {
    /// Klart. Whether the step is done.
    #[schemars(title = "Klart", extend("examples" = [true, false]))]
    pub done: bool,
    /// Datum. When the step was done; required once `done` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Datum", extend("examples" = ["2026-03-05"]))]
    pub date: Option<Date>,
    /// Kommentar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 1000))]
    #[schemars(title = "Kommentar", extend("examples" = ["Avtalet fanns sedan tidigare."]))]
    pub comment: Option<String>,
}

/// Kontaktpersoner (kap. 4.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kontaktpersoner")]
pub struct Contacts {
    /// Kontaktperson vårdgivare: the vårdgivare's contact for integration tests with NKRR.
    #[schemars(title = "Kontaktperson vårdgivare", extend("examples" = [examples::contact()]))]
    pub care_provider: Contact,
    /// Kontaktperson NKRR: NKRR's contact for integration tests with the vårdgivare.
    #[schemars(title = "Kontaktperson NKRR", extend("examples" = [{"name": "Erik Lund", "email": "erik.lund@nkrr.example", "phone": "010-765 43 21"}]))]
    pub nkrr: Contact,
}

/// Kontaktperson: Namn, E-post, Telefon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kontaktperson")]
pub struct Contact {
    /// Namn.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Anna Exempelsson"]))]
    #[schemars(title = "Namn")]
    pub name: String,
    /// E-post.
    #[schemars(title = "E-post", extend("examples" = ["anna.exempelsson@exempelland.example"]))]
    pub email: Email,
    /// Telefon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Telefon", extend("examples" = ["010-123 45 67", "+46 10 123 45 67"]))]
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
    #[schemars(title = "Vårdgivares förstudie till Inera", extend("examples" = [{"document_name": "Förstudie NKRR Region Exempelland v1.0", "submitted": examples::step_done(), "case_number": "KS-2026-01234", "approved": {"done": false}}]))]
    pub feasibility_study: FeasibilityStudy,
    /// SITHS-certifikat (3.2 / 5.2): the approved certificate installed on the producing system.
    #[schemars(title = "SITHS-certifikat", extend("examples" = [{"name": "SITHS e-id Function CA", "installed": true}]))]
    pub siths_certificate: SithsCertificate,
    /// Beställning av anslutning i beställningsstödet (3.3 / 5.3).
    #[schemars(title = "Beställning av anslutning i beställningsstödet", extend("examples" = [{"submitted": examples::step_done(), "approved": {"done": false}, "order_number": "BS-2026-0042"}]))]
    pub order: Order,
    /// Uppgifter om tjänsteproducent (3.4 / 5.4): the system "closest" to NTjP on the
    /// vårdgivare's side, a regional platform or a source system.
    #[schemars(title = "Tjänsteproducent", extend("examples" = [examples::producer()]))]
    pub producer: Producer,
    /// Logisk adressat (3.5.3 / 5.5.3): the source systems (källsystem) that hold the data. The
    /// JoL contracts are source-system addressed, so each is a logical addressee.
    #[schemars(title = "Logiska adressater", extend("examples" = [[examples::source_system()]]))]
    pub source_systems: Vec<SourceSystem>,
    /// Tjänstekontrakt (3.5.2 / 5.5.2) with URL (3.5.4 / 5.5.4): the contracts to produce.
    #[schemars(title = "Tjänstekontrakt", extend("examples" = [[examples::produced_contract(Env::Qa)]]))]
    pub contracts: Vec<ProducedContract>,
    /// Anslutning till engagemangsindex (3.7 / 5.7).
    #[schemars(title = "Anslutning till engagemangsindex", extend("examples" = [{"connected": false}, {"connected": true}]))]
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
    #[schemars(title = "Dokumentnamn")]
    pub document_name: Option<String>,
    /// Inskickad: sent to Inera kundservice.
    #[schemars(title = "Inskickad", extend("examples" = [examples::step_done()]))]
    pub submitted: Step,
    /// Ärendenummer Kundservice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 64), extend("examples" = ["KS-2026-01234"]))]
    #[schemars(title = "Ärendenummer Kundservice")]
    pub case_number: Option<String>,
    /// Godkänd: approved by Inera.
    #[schemars(title = "Godkänd", extend("examples" = [{"done": true, "date": "2026-03-19"}]))]
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
    #[schemars(title = "Certifikat")]
    pub name: Option<String>,
    /// Finns på plats.
    #[schemars(title = "Finns på plats", extend("examples" = [true, false]))]
    pub installed: bool,
}

/// Beställning i beställningsstödet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Beställning")]
pub struct Order {
    /// Beställning inskickad, with Inskickad datum.
    #[schemars(title = "Beställning inskickad", extend("examples" = [examples::step_done()]))]
    pub submitted: Step,
    /// Beställning godkänd, with Godkänd datum.
    #[schemars(title = "Beställning godkänd", extend("examples" = [{"done": true, "date": "2026-03-19"}]))]
    pub approved: Step,
    /// Beställningsnummer: the order's number in the beställningsstöd, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 64), extend("examples" = ["BS-2026-0042"]))]
    #[schemars(title = "Beställningsnummer")]
    pub order_number: Option<String>,
}

/// Tjänsteproducent (menu Administrera systeminformation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tjänsteproducent")]
pub struct Producer {
    /// Systemägande organisation.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Region Exempelland"]))]
    #[schemars(title = "Systemägande organisation")]
    pub organisation: String,
    /// Namn på system.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Regional tjänsteplattform"]))]
    #[schemars(title = "Namn på system")]
    pub system_name: String,
    /// HSA-id för SITHS-certifikat: the HSA-id in the system's SITHS certificate. The same id
    /// consumes Update v1 for the engagement index (3.7.1).
    #[schemars(title = "HSA-id för SITHS-certifikat", extend("examples" = [examples::PRODUCER]))]
    pub hsa_id: HsaId,
    /// Already registered under Administrera systeminformation in this environment. When true,
    /// nothing is ordered in that menu (Figur 1).
    #[schemars(title = "Registrerad i Administrera systeminformation", extend("examples" = [false, true]))]
    pub registered: bool,
}

/// Logisk adressat: a source system (källsystem) holding journal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Logisk adressat")]
pub struct SourceSystem {
    /// Logisk adressat HSA-id: the source system's HSA-id.
    #[schemars(title = "Logisk adressat HSA-id", extend("examples" = [examples::SOURCE_SYSTEM]))]
    pub hsa_id: HsaId,
    /// Logisk adressat namn.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Journalsystem Exempel, Region Exempelland"]))]
    #[schemars(title = "Logisk adressat namn")]
    pub name: String,
}

/// A contract to produce, with its URL and what of it already exists in TAK.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tjänstekontrakt")]
pub struct ProducedContract {
    /// Tjänstekontrakt: name and major version as in the checklist, e.g. `GetCareContacts v3`.
    #[schemars(title = "Tjänstekontrakt", extend("examples" = [examples::contract_name()]))]
    pub name: ContractName,
    /// URL för tjänsteproducent (anropsadress): where the platform calls the producer.
    #[schemars(title = "URL för tjänsteproducent", extend("examples" = [examples::url(Env::Qa)]))]
    pub url: ProducerUrl,
    /// Source systems (HSA-ids from `source_systems`) for which the routing (vägval) of this
    /// contract already exists in this environment, e.g. because the vårdgivare is connected to
    /// Journalen or NPÖ. Only NKRR's adresseringsbehörighet is ordered for those (3.6 / 5.6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Befintliga vägval", extend("examples" = [[examples::SOURCE_SYSTEM]]))]
    pub existing_routings: Vec<HsaId>,
    /// Source systems for which NKRR's adresseringsbehörighet on this contract already exists
    /// in this environment. Nothing is ordered for those.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Befintlig adresseringsbehörighet för NKRR", extend("examples" = [[examples::SOURCE_SYSTEM]]))]
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
    #[schemars(title = "Ansluten till engagemangsindex", extend("examples" = [false, true]))]
    pub connected: bool,
}

/// Test (kap. 4): integration test between NKRR and the vårdgivare in QA.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Test")]
pub struct Test {
    /// Logisk adress (4.2): whether NKRR addresses the source systems directly or goes via the
    /// aggregating service (5565594230), which needs the engagement index.
    #[schemars(title = "Logisk adress", extend("examples" = ["direct", "aggregating"]))]
    pub addressing: Addressing,
    /// Testpatient: patients that exist at the vårdgivare, with the dates to register forms for.
    #[schemars(title = "Testpatienter", extend("examples" = [[examples::test_patient()]]))]
    pub patients: Vec<TestPatient>,
    /// Vitlistning av ursprunglig konsument: NKRR's GUI HSA-id has been whitelisted at the
    /// vårdgivare.
    #[schemars(title = "Vitlistning av ursprunglig konsument", extend("examples" = [true, false]))]
    pub whitelisting_done: bool,
    /// Test avklarat: the transfer from the vårdgivare to NKRR has succeeded (kommunikationstest).
    #[schemars(title = "Test avklarat", extend("examples" = [{"done": true, "date": "2026-04-14"}]))]
    pub communication_test: Step,
    /// Verifiering av innehåll: verification of the content against the registry's information
    /// specification.
    #[schemars(title = "Verifiering av innehåll", extend("examples" = [{"status": "in_progress"}, {"status": "done", "date": "2026-05-29"}]))]
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
    #[schemars(title = "Pnr", extend("examples" = [examples::personnummer()]))]
    pub personnummer: Personnummer,
    /// Namn.
    #[schemars(length(min = 1, max = 255), extend("examples" = ["Tolvan Tolvansson"]))]
    #[schemars(title = "Namn")]
    pub name: String,
    /// Formulärdatum: dates to register the form for (careEncounterStartDate in GetFormData),
    /// each with an expected result.
    #[schemars(length(min = 1))]
    #[schemars(title = "Formulärdatum", extend("examples" = [["2026-05-04", "2026-06-01"]]))]
    pub form_dates: Vec<Date>,
}

/// Verifiering av innehåll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Verifiering av innehåll")]
pub struct ContentVerification {
    /// Status.
    #[schemars(title = "Status", extend("examples" = ["not_started", "in_progress", "done"]))]
    pub status: VerificationStatus,
    /// Datum: when the verification was completed; required once `status` is `done`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Datum", extend("examples" = ["2026-05-29"]))]
    pub date: Option<Date>,
    /// Kommentar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 1000))]
    #[schemars(title = "Kommentar", extend("examples" = ["Verifierat mot informationsspecifikationen."]))]
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

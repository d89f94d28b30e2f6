//! What changed in one vårdgivare's onboarding, field by field, in plain words: a contract
//! added, a source system removed, a URL changed, a step marked done.
//!
//! The comparison walks the typed model, not the YAML text, so reformatting, reordering a list
//! or editing a comment is no change, and lists are matched by their identity (a contract by its
//! name, a source system by its HSA-id compared case-insensitively as TAK does, a test patient by
//! personnummer). Each [`Change`] is data (serialised with a `kind`) and can describe itself.

use serde::Serialize;

use crate::model::{
    Contact, Env, Environment, Onboarding, ProducedContract, Step, Test, VerificationStatus,
};
use crate::personnummer;

/// One change, typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A checklist step was marked done (Klart ☒).
    StepDone {
        #[serde(skip_serializing_if = "Option::is_none")]
        env: Option<Env>,
        /// The step's key in the file, dotted: `qa.order.approved`.
        field: String,
        /// The checklist's wording.
        label: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        date: Option<String>,
    },
    /// A step that was done is no longer marked done.
    StepReopened {
        #[serde(skip_serializing_if = "Option::is_none")]
        env: Option<Env>,
        field: String,
        label: String,
    },
    /// An environment section (`prod`) appeared.
    EnvironmentAdded { env: Env },
    /// An environment section was removed.
    EnvironmentRemoved { env: Env },
    /// A contract is to be produced.
    ContractAdded {
        env: Env,
        contract: String,
        url: String,
    },
    /// A contract is no longer to be produced.
    ContractRemoved { env: Env, contract: String },
    /// The producer URL (anropsadress) of a contract changed.
    UrlChanged {
        env: Env,
        contract: String,
        from: String,
        to: String,
    },
    /// A source system (logisk adressat) was added.
    SourceSystemAdded {
        env: Env,
        hsa_id: String,
        name: String,
    },
    /// A source system was removed.
    SourceSystemRemoved {
        env: Env,
        hsa_id: String,
        name: String,
    },
    /// The starting point changed: a vägval or NKRR's adresseringsbehörighet is now recorded as
    /// existing in TAK (`exists: true`), or no longer.
    ExistingChanged {
        env: Env,
        contract: String,
        source_system: String,
        what: Existing,
        exists: bool,
    },
    /// Any other value: its old and new form (absent is `null`).
    ValueChanged {
        #[serde(skip_serializing_if = "Option::is_none")]
        env: Option<Env>,
        field: String,
        label: String,
        from: Option<String>,
        to: Option<String>,
    },
}

/// What of TAK a starting-point field records as existing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Existing {
    /// `existing_routings`: the vägval.
    Routing,
    /// `existing_nkrr_permissions`: NKRR's adresseringsbehörighet.
    NkrrPermission,
}

impl Change {
    /// The environment a change concerns, if it concerns one.
    pub fn env(&self) -> Option<Env> {
        match self {
            Change::StepDone { env, .. }
            | Change::StepReopened { env, .. }
            | Change::ValueChanged { env, .. } => *env,
            Change::EnvironmentAdded { env }
            | Change::EnvironmentRemoved { env }
            | Change::ContractAdded { env, .. }
            | Change::ContractRemoved { env, .. }
            | Change::UrlChanged { env, .. }
            | Change::SourceSystemAdded { env, .. }
            | Change::SourceSystemRemoved { env, .. }
            | Change::ExistingChanged { env, .. } => Some(*env),
        }
    }

    /// The change in plain words, without the environment (the caller groups by it). Values from
    /// the file are returned raw; the renderer escapes them for its format.
    pub fn describe(&self) -> Vec<Words> {
        use Words::{Code, Text};
        let t = |s: &str| Text(s.to_owned());
        match self {
            Change::StepDone { label, date, .. } => {
                let mut w = vec![t(label), t(" marked done")];
                if let Some(d) = date {
                    w.extend([t(" ("), t(d), t(")")]);
                }
                w
            }
            Change::StepReopened { label, .. } => vec![t(label), t(" no longer marked done")],
            Change::EnvironmentAdded { env } => vec![t(&format!(
                "{} section added: the {} connection is planned",
                env.label(),
                env.label()
            ))],
            Change::EnvironmentRemoved { env } => {
                vec![t(&format!("{} section removed", env.label()))]
            }
            Change::ContractAdded { contract, url, .. } => vec![
                t("contract "),
                t(contract),
                t(" added, URL "),
                Code(url.clone()),
            ],
            Change::ContractRemoved { contract, .. } => {
                vec![t("contract "), t(contract), t(" removed")]
            }
            Change::UrlChanged {
                contract, from, to, ..
            } => vec![
                t("URL of "),
                t(contract),
                t(" changed from "),
                Code(from.clone()),
                t(" to "),
                Code(to.clone()),
            ],
            Change::SourceSystemAdded { hsa_id, name, .. } => vec![
                t("source system "),
                Code(hsa_id.clone()),
                t(" "),
                t(name),
                t(" added"),
            ],
            Change::SourceSystemRemoved { hsa_id, name, .. } => vec![
                t("source system "),
                Code(hsa_id.clone()),
                t(" "),
                t(name),
                t(" removed"),
            ],
            Change::ExistingChanged {
                contract,
                source_system,
                what,
                exists,
                ..
            } => {
                let thing = match what {
                    Existing::Routing => "the vägval of ",
                    Existing::NkrrPermission => "NKRR's adresseringsbehörighet for ",
                };
                vec![
                    t(thing),
                    t(contract),
                    t(" to "),
                    Code(source_system.clone()),
                    t(if *exists {
                        " is now recorded as existing in TAK"
                    } else {
                        " is no longer recorded as existing in TAK"
                    }),
                ]
            }
            Change::ValueChanged {
                label, from, to, ..
            } => match (from, to) {
                (None, Some(to)) => vec![t(label), t(" set to "), Code(to.clone())],
                (Some(from), None) => {
                    vec![t(label), t(" removed (was "), Code(from.clone()), t(")")]
                }
                (Some(from), Some(to)) => vec![
                    t(label),
                    t(" changed from "),
                    Code(from.clone()),
                    t(" to "),
                    Code(to.clone()),
                ],
                (None, None) => vec![t(label), t(" changed")],
            },
        }
    }

    /// The description as plain text, values in backticks.
    pub fn plain(&self) -> String {
        self.describe()
            .into_iter()
            .map(|w| match w {
                Words::Text(s) => s,
                Words::Code(s) => format!("`{s}`"),
            })
            .collect()
    }
}

/// A piece of a description: words, or a value shown verbatim (an id, a URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    Text(String),
    Code(String),
}

/// Every change from `base` to `head`, in the file's order: the vårdgivare, agreements,
/// contacts, QA, test, PROD.
pub fn compare(base: &Onboarding, head: &Onboarding) -> Vec<Change> {
    let mut c = Changes::default();
    c.value(
        None,
        "care_provider.name",
        "Vårdgivarens namn",
        Some(&base.care_provider.name),
        Some(&head.care_provider.name),
    );
    c.value(
        None,
        "supplier.name",
        "Leverantör",
        base.supplier.as_ref().map(|s| s.name.as_str()),
        head.supplier.as_ref().map(|s| s.name.as_str()),
    );
    let (ba, ha) = (&base.agreements, &head.agreements);
    c.step(
        None,
        "agreements.personal_data_processing",
        "Personuppgiftsbiträdesavtal (Modellavtal 1)",
        &ba.personal_data_processing,
        &ha.personal_data_processing,
    );
    c.step(
        None,
        "agreements.customer_agreement",
        "Kundavtal 1",
        &ba.customer_agreement,
        &ha.customer_agreement,
    );
    let none = Step::default();
    c.step(
        None,
        "agreements.agent_agreement",
        "Agentavtal",
        ba.agent_agreement.as_ref().unwrap_or(&none),
        ha.agent_agreement.as_ref().unwrap_or(&none),
    );
    c.contact(
        "contacts.care_provider",
        "Kontaktperson vårdgivare",
        &base.contacts.care_provider,
        &head.contacts.care_provider,
    );
    c.contact(
        "contacts.nkrr",
        "Kontaktperson NKRR",
        &base.contacts.nkrr,
        &head.contacts.nkrr,
    );
    c.environment(Env::Qa, Some(&base.qa), Some(&head.qa));
    c.test(base.test.as_ref(), head.test.as_ref());
    c.environment(Env::Prod, base.prod.as_ref(), head.prod.as_ref());
    c.out
}

#[derive(Default)]
struct Changes {
    out: Vec<Change>,
}

impl Changes {
    fn value(
        &mut self,
        env: Option<Env>,
        field: &str,
        label: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) {
        if from != to {
            self.out.push(Change::ValueChanged {
                env,
                field: field.to_owned(),
                label: label.to_owned(),
                from: from.map(str::to_owned),
                to: to.map(str::to_owned),
            });
        }
    }

    fn flag(&mut self, env: Option<Env>, field: &str, label: &str, from: bool, to: bool) {
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        self.value(env, field, label, Some(yes_no(from)), Some(yes_no(to)));
    }

    fn step(&mut self, env: Option<Env>, field: &str, label: &str, from: &Step, to: &Step) {
        let date = |s: &Step| s.date.as_ref().map(|d| d.as_str().to_owned());
        match (from.done, to.done) {
            (false, true) => self.out.push(Change::StepDone {
                env,
                field: field.to_owned(),
                label: label.to_owned(),
                date: date(to),
            }),
            (true, false) => self.out.push(Change::StepReopened {
                env,
                field: field.to_owned(),
                label: label.to_owned(),
            }),
            _ => self.value(
                env,
                &format!("{field}.date"),
                &format!("{label}: datum"),
                date(from).as_deref(),
                date(to).as_deref(),
            ),
        }
        self.value(
            env,
            &format!("{field}.comment"),
            &format!("{label}: kommentar"),
            from.comment.as_deref(),
            to.comment.as_deref(),
        );
    }

    fn contact(&mut self, field: &str, label: &str, from: &Contact, to: &Contact) {
        self.value(
            None,
            &format!("{field}.name"),
            &format!("{label}: namn"),
            Some(&from.name),
            Some(&to.name),
        );
        self.value(
            None,
            &format!("{field}.email"),
            &format!("{label}: e-post"),
            Some(from.email.as_str()),
            Some(to.email.as_str()),
        );
        self.value(
            None,
            &format!("{field}.phone"),
            &format!("{label}: telefon"),
            from.phone.as_ref().map(|p| p.as_str()),
            to.phone.as_ref().map(|p| p.as_str()),
        );
    }

    fn environment(&mut self, env: Env, from: Option<&Environment>, to: Option<&Environment>) {
        let (from, to) = match (from, to) {
            (Some(f), Some(t)) => (f, t),
            (None, Some(_)) => return self.out.push(Change::EnvironmentAdded { env }),
            (Some(_), None) => return self.out.push(Change::EnvironmentRemoved { env }),
            (None, None) => return,
        };
        let e = Some(env);
        let k = env.key();
        let (ff, tf) = (&from.feasibility_study, &to.feasibility_study);
        self.value(
            e,
            &format!("{k}.feasibility_study.document_name"),
            "Förstudie: dokumentnamn",
            ff.document_name.as_deref(),
            tf.document_name.as_deref(),
        );
        self.step(
            e,
            &format!("{k}.feasibility_study.submitted"),
            "Förstudie inskickad",
            &ff.submitted,
            &tf.submitted,
        );
        self.value(
            e,
            &format!("{k}.feasibility_study.case_number"),
            "Ärendenummer Kundservice",
            ff.case_number.as_deref(),
            tf.case_number.as_deref(),
        );
        self.step(
            e,
            &format!("{k}.feasibility_study.approved"),
            "Förstudie godkänd",
            &ff.approved,
            &tf.approved,
        );
        self.value(
            e,
            &format!("{k}.siths_certificate.name"),
            "SITHS-certifikat",
            from.siths_certificate.name.as_deref(),
            to.siths_certificate.name.as_deref(),
        );
        self.flag(
            e,
            &format!("{k}.siths_certificate.installed"),
            "SITHS-certifikat finns på plats",
            from.siths_certificate.installed,
            to.siths_certificate.installed,
        );
        self.step(
            e,
            &format!("{k}.order.submitted"),
            "Beställning inskickad",
            &from.order.submitted,
            &to.order.submitted,
        );
        self.step(
            e,
            &format!("{k}.order.approved"),
            "Beställning godkänd",
            &from.order.approved,
            &to.order.approved,
        );
        self.value(
            e,
            &format!("{k}.order.order_number"),
            "Beställningsnummer",
            from.order.order_number.as_deref(),
            to.order.order_number.as_deref(),
        );
        let (fp, tp) = (&from.producer, &to.producer);
        self.value(
            e,
            &format!("{k}.producer.organisation"),
            "Tjänsteproducent: systemägande organisation",
            Some(&fp.organisation),
            Some(&tp.organisation),
        );
        self.value(
            e,
            &format!("{k}.producer.system_name"),
            "Tjänsteproducent: namn på system",
            Some(&fp.system_name),
            Some(&tp.system_name),
        );
        self.value(
            e,
            &format!("{k}.producer.hsa_id"),
            "Tjänsteproducent: HSA-id för SITHS-certifikat",
            Some(fp.hsa_id.as_str()),
            Some(tp.hsa_id.as_str()),
        );
        self.flag(
            e,
            &format!("{k}.producer.registered"),
            "Tjänsteproducent already registered (Administrera systeminformation)",
            fp.registered,
            tp.registered,
        );
        self.source_systems(env, from, to);
        self.contracts(env, from, to);
        self.flag(
            e,
            &format!("{k}.engagement_index.connected"),
            "Already connected to the engagemangsindex",
            from.engagement_index.connected,
            to.engagement_index.connected,
        );
    }

    fn source_systems(&mut self, env: Env, from: &Environment, to: &Environment) {
        for s in &to.source_systems {
            match from
                .source_systems
                .iter()
                .find(|b| b.hsa_id.same_as(s.hsa_id.as_str()))
            {
                None => self.out.push(Change::SourceSystemAdded {
                    env,
                    hsa_id: s.hsa_id.to_string(),
                    name: s.name.clone(),
                }),
                Some(b) => self.value(
                    Some(env),
                    &format!("{}.source_systems.{}.name", env.key(), s.hsa_id),
                    &format!("Logisk adressat namn of {}", s.hsa_id),
                    Some(&b.name),
                    Some(&s.name),
                ),
            }
        }
        for b in &from.source_systems {
            if !to
                .source_systems
                .iter()
                .any(|s| s.hsa_id.same_as(b.hsa_id.as_str()))
            {
                self.out.push(Change::SourceSystemRemoved {
                    env,
                    hsa_id: b.hsa_id.to_string(),
                    name: b.name.clone(),
                });
            }
        }
    }

    fn contracts(&mut self, env: Env, from: &Environment, to: &Environment) {
        for c in &to.contracts {
            match from.contracts.iter().find(|b| b.name == c.name) {
                None => self.out.push(Change::ContractAdded {
                    env,
                    contract: c.name.to_string(),
                    url: c.url.to_string(),
                }),
                Some(b) => {
                    if b.url != c.url {
                        self.out.push(Change::UrlChanged {
                            env,
                            contract: c.name.to_string(),
                            from: b.url.to_string(),
                            to: c.url.to_string(),
                        });
                    }
                    self.existing(env, b, c, to);
                }
            }
        }
        for b in &from.contracts {
            if !to.contracts.iter().any(|c| c.name == b.name) {
                self.out.push(Change::ContractRemoved {
                    env,
                    contract: b.name.to_string(),
                });
            }
        }
    }

    /// Starting-point changes of a contract present on both sides, for source systems present
    /// in the head (a removed source system is reported as such).
    fn existing(
        &mut self,
        env: Env,
        from: &ProducedContract,
        to: &ProducedContract,
        head: &Environment,
    ) {
        let has = |ids: &[crate::model::HsaId], id: &str| ids.iter().any(|x| x.same_as(id));
        for s in &head.source_systems {
            let id = s.hsa_id.as_str();
            for (what, f, t) in [
                (
                    Existing::Routing,
                    &from.existing_routings,
                    &to.existing_routings,
                ),
                (
                    Existing::NkrrPermission,
                    &from.existing_nkrr_permissions,
                    &to.existing_nkrr_permissions,
                ),
            ] {
                let (was, is) = (has(f, id), has(t, id));
                if was != is {
                    self.out.push(Change::ExistingChanged {
                        env,
                        contract: to.name.to_string(),
                        source_system: id.to_owned(),
                        what,
                        exists: is,
                    });
                }
            }
        }
    }

    fn test(&mut self, from: Option<&Test>, to: Option<&Test>) {
        let e = Some(Env::Qa);
        let (from, to) = match (from, to) {
            (Some(f), Some(t)) => (f, t),
            (None, Some(_)) => {
                return self.value(e, "test", "Test (kap. 4)", None, Some("planned"));
            }
            (Some(_), None) => {
                return self.value(e, "test", "Test (kap. 4)", Some("planned"), None);
            }
            (None, None) => return,
        };
        let addressing = |t: &Test| match t.addressing {
            crate::model::Addressing::Direct => "direct",
            crate::model::Addressing::Aggregating => "aggregating",
        };
        self.value(
            e,
            "test.addressing",
            "Test: logisk adress",
            Some(addressing(from)),
            Some(addressing(to)),
        );
        for p in &to.patients {
            let masked = personnummer::mask(p.personnummer.as_str());
            let label = format!("Testpatient {} ({masked})", p.name);
            let dates = |t: &crate::model::TestPatient| {
                t.form_dates
                    .iter()
                    .map(|d| d.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            match from
                .patients
                .iter()
                .find(|b| b.personnummer == p.personnummer)
            {
                None => self.value(e, "test.patients", &label, None, Some(&dates(p))),
                Some(b) => self.value(
                    e,
                    "test.patients.form_dates",
                    &format!("{label}: formulärdatum"),
                    Some(&dates(b)),
                    Some(&dates(p)),
                ),
            }
        }
        for b in &from.patients {
            if !to.patients.iter().any(|p| p.personnummer == b.personnummer) {
                let masked = personnummer::mask(b.personnummer.as_str());
                self.value(
                    e,
                    "test.patients",
                    &format!("Testpatient {} ({masked})", b.name),
                    Some("listed"),
                    None,
                );
            }
        }
        self.flag(
            e,
            "test.whitelisting_done",
            "Vitlistning av NKRR:s gränssnitt gjord",
            from.whitelisting_done,
            to.whitelisting_done,
        );
        self.step(
            e,
            "test.communication_test",
            "Kommunikationstest avklarat",
            &from.communication_test,
            &to.communication_test,
        );
        let (fv, tv) = (&from.content_verification, &to.content_verification);
        let status = |s: VerificationStatus| match s {
            VerificationStatus::NotStarted => "not_started",
            VerificationStatus::InProgress => "in_progress",
            VerificationStatus::Done => "done",
        };
        if tv.status == VerificationStatus::Done && fv.status != VerificationStatus::Done {
            self.out.push(Change::StepDone {
                env: e,
                field: "test.content_verification".into(),
                label: "Verifiering av innehåll".into(),
                date: tv.date.as_ref().map(|d| d.as_str().to_owned()),
            });
        } else {
            self.value(
                e,
                "test.content_verification.status",
                "Verifiering av innehåll: status",
                Some(status(fv.status)),
                Some(status(tv.status)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Onboarding {
        let text = include_str!("../../onboardings/SE2321990042-E000000000004.yaml");
        let (doc, _) = crate::yaml::parse(text);
        serde::Deserialize::deserialize(&doc.expect("parses").value).expect("an onboarding")
    }

    #[test]
    fn no_change_is_no_change() {
        assert_eq!(compare(&example(), &example()), vec![]);
    }

    #[test]
    fn contracts_and_source_systems_by_identity() {
        let base = example();
        let mut head = example();
        head.qa.contracts.reverse();
        head.qa.contracts.remove(0);
        head.qa.source_systems[0].hsa_id = "se2321990042-s000000000401".into();
        head.qa.contracts[0].url = "https://ip-qa.sjoland.example/v2".into();
        let changes = compare(&base, &head);
        assert_eq!(
            changes.iter().map(Change::plain).collect::<Vec<_>>(),
            vec![
                "URL of GetCareContacts v3 changed from `https://ip-qa.sjoland.example/vp/clinicalprocess/logistics/logistics/GetCareContacts/3/rivtabp21` to `https://ip-qa.sjoland.example/v2`",
                "contract GetObservations v2 removed",
            ]
        );
    }

    #[test]
    fn steps_done_and_reopened() {
        let base = example();
        let mut head = example();
        head.prod.as_mut().unwrap().order.approved = Step {
            done: true,
            date: Some("2026-07-01".into()),
            comment: None,
        };
        head.qa.order.approved.done = false;
        head.qa.order.approved.date = None;
        let plain: Vec<String> = compare(&base, &head).iter().map(Change::plain).collect();
        assert_eq!(
            plain,
            vec![
                "Beställning godkänd no longer marked done",
                "Beställning godkänd marked done (2026-07-01)"
            ]
        );
    }
}

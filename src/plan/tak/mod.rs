//! The TAK JSON order ("beställning") and TAK's import rules.
//!
//! [`TakOrder`] serialises with exactly the field names TAK reads (`plattform`, `formatVersion`,
//! `inkludera.logiskadresser` …). [`TakOrder::from_plan`] builds the order an [`EnvPlan`]
//! amounts to; [`TakOrder::from_states`] builds the order that turns one [`TakState`] into
//! another (for reviews of a change). [`check`] applies TAK's rules (see
//! `reference/tak/SOURCES.md`) to any order, against what is [`Known`] to exist in TAK, and
//! returns every [`Problem`].
//!
//! Timestamps are optional here: an order is exported without them unless a time is given, so
//! that exports are reproducible; the format, when present, is TAK's `yyyy-MM-dd'T'HH:mm:ssZ`
//! (`2026-03-05T09:00:00+0000`).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

mod check;

pub use check::{Problem, Rule, check, is_tak_timestamp};

use super::{ContractRef, EnvPlan, Named, Permission, ProducerInfo, Routing, tak_key};
use crate::catalog::Catalogue;
use crate::model::Env;

/// TAK's limit on every string.
pub const MAX_LEN: usize = 255;
/// The format version of orders written here.
pub const FORMAT_VERSION: f64 = 1.0;

/// A TAK order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TakOrder {
    #[serde(default)]
    pub plattform: String,
    #[serde(rename = "formatVersion", default)]
    pub format_version: f64,
    #[serde(default)]
    pub version: u32,
    #[serde(
        rename = "bestallningsTidpunkt",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub bestallnings_tidpunkt: Option<String>,
    #[serde(
        rename = "genomforandeTidpunkt",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub genomforande_tidpunkt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utforare: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kommentar: Option<String>,
    /// Absent in a malformed order; [`check`] reports it.
    #[serde(default)]
    pub inkludera: Option<Inkludera>,
    #[serde(default)]
    pub exkludera: Option<Exkludera>,
}

/// What an order adds or updates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inkludera {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub tjanstekontrakt: Vec<Tjanstekontrakt>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub logiskadresser: Vec<LogiskAdress>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub tjanstekomponenter: Vec<Tjanstekomponent>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub anropsbehorigheter: Vec<Anropsbehorighet>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub vagval: Vec<Vagval>,
}

/// What an order removes: only vägval and anropsbehörigheter can be removed. The other lists
/// are read only so that [`check`] can report them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Exkludera {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub anropsbehorigheter: Vec<Anropsbehorighet>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub vagval: Vec<Vagval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "null_as_empty")]
    pub tjanstekontrakt: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "null_as_empty")]
    pub logiskadresser: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "null_as_empty")]
    pub tjanstekomponenter: Vec<serde_json::Value>,
}

fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A tjänstekontrakt.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Tjanstekontrakt {
    #[serde(default)]
    pub namnrymd: String,
    #[serde(default)]
    pub beskrivning: String,
    #[serde(rename = "majorVersion", default)]
    pub major_version: Option<u32>,
}

/// A logisk adress.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LogiskAdress {
    #[serde(rename = "hsaId", default)]
    pub hsa_id: String,
    #[serde(default)]
    pub beskrivning: String,
}

/// A tjänstekomponent (a producer or a consumer system).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Tjanstekomponent {
    #[serde(rename = "hsaId", default)]
    pub hsa_id: String,
    #[serde(default)]
    pub beskrivning: String,
}

/// An anropsbehörighet: `tjanstekonsument` may call `tjanstekontrakt` at `logiskAdress`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Anropsbehorighet {
    #[serde(rename = "logiskAdress", default)]
    pub logisk_adress: String,
    #[serde(default)]
    pub tjanstekontrakt: String,
    #[serde(default)]
    pub tjanstekonsument: String,
}

/// A vägval: calls of `tjanstekontrakt` at `logiskAdress` go to `adress` of `tjanstekomponent`.
/// In `exkludera`, `adress` may be left out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Vagval {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adress: Option<String>,
    #[serde(rename = "logiskAdress", default)]
    pub logisk_adress: String,
    #[serde(default)]
    pub tjanstekontrakt: String,
    #[serde(default)]
    pub rivtaprofil: String,
    #[serde(default)]
    pub tjanstekomponent: String,
}

/// TAK cuts strings at 255 characters; descriptions built here are cut the same way, so that
/// what is exported is what TAK stores.
fn cut(s: &str) -> String {
    s.trim().chars().take(MAX_LEN).collect()
}

impl Tjanstekontrakt {
    pub fn of(c: &ContractRef) -> Tjanstekontrakt {
        Tjanstekontrakt {
            namnrymd: c.namespace.clone(),
            beskrivning: cut(&format!("{} ({})", c.name, c.domain)),
            major_version: Some(c.major_version),
        }
    }
}

impl LogiskAdress {
    pub fn of(n: &Named) -> LogiskAdress {
        LogiskAdress {
            hsa_id: n.hsa_id.clone(),
            beskrivning: cut(&n.name),
        }
    }
}

/// The producer as TAK names a component: `organisation -- system`.
pub fn producer_component(p: &ProducerInfo) -> Tjanstekomponent {
    Tjanstekomponent {
        hsa_id: p.hsa_id.clone(),
        beskrivning: cut(&format!("{} -- {}", p.organisation, p.system_name)),
    }
}

impl Anropsbehorighet {
    pub fn of(p: &Permission) -> Anropsbehorighet {
        Anropsbehorighet {
            logisk_adress: p.logical_address.hsa_id.clone(),
            tjanstekontrakt: p.contract.namespace.clone(),
            tjanstekonsument: p.consumer.hsa_id.clone(),
        }
    }

    /// TAK's identity of an anropsbehörighet: logical address + consumer + contract, upper-cased.
    pub fn key(&self) -> (String, String, String) {
        (
            tak_key(self.logisk_adress.trim()),
            tak_key(self.tjanstekonsument.trim()),
            tak_key(self.tjanstekontrakt.trim()),
        )
    }
}

impl Vagval {
    pub fn of(r: &Routing, producer: &str, rivta_profile: &str) -> Vagval {
        Vagval {
            adress: Some(r.url.clone()),
            logisk_adress: r.logical_address.hsa_id.clone(),
            tjanstekontrakt: r.contract.namespace.clone(),
            rivtaprofil: rivta_profile.to_owned(),
            tjanstekomponent: producer.to_owned(),
        }
    }

    /// TAK's identity of a vägval: logical address + contract, upper-cased.
    pub fn key(&self) -> (String, String) {
        (
            tak_key(self.logisk_adress.trim()),
            tak_key(self.tjanstekontrakt.trim()),
        )
    }
}

/// A set of TAK objects: what exists, or what an onboarding implies.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TakState {
    pub tjanstekontrakt: Vec<Tjanstekontrakt>,
    pub logiskadresser: Vec<LogiskAdress>,
    pub tjanstekomponenter: Vec<Tjanstekomponent>,
    pub anropsbehorigheter: Vec<Anropsbehorighet>,
    pub vagval: Vec<Vagval>,
}

impl TakState {
    /// Sorts every list by TAK's key and drops later entries with a key seen before.
    pub fn normalize(&mut self) {
        fn dedup<T, K: Ord + Clone + std::hash::Hash>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
            let mut seen = HashSet::new();
            v.retain(|x| seen.insert(key(x)));
            v.sort_by_key(|x| key(x));
        }
        dedup(&mut self.tjanstekontrakt, |c| tak_key(&c.namnrymd));
        dedup(&mut self.logiskadresser, |l| tak_key(&l.hsa_id));
        dedup(&mut self.tjanstekomponenter, |c| tak_key(&c.hsa_id));
        dedup(&mut self.anropsbehorigheter, Anropsbehorighet::key);
        dedup(&mut self.vagval, Vagval::key);
    }
}

/// Who places an order, and when: the fields that are not derived from the onboarding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp {
    /// Both timestamps, `yyyy-MM-dd'T'HH:mm:ssZ`; `None` leaves them out.
    pub time: Option<String>,
}

impl TakOrder {
    /// An empty order for `env`'s platform.
    pub fn empty(env: Env, catalogue: &Catalogue, stamp: &Stamp) -> TakOrder {
        TakOrder {
            plattform: catalogue.env(env).platform.clone(),
            format_version: FORMAT_VERSION,
            version: 1,
            bestallnings_tidpunkt: stamp.time.clone(),
            genomforande_tidpunkt: stamp.time.clone(),
            utforare: None,
            kommentar: None,
            inkludera: Some(Inkludera::default()),
            exkludera: Some(Exkludera::default()),
        }
    }

    /// The order that a plan amounts to: the producer as tjänstekomponent when it is not
    /// registered, the logical addresses not known in TAK, every contract the order refers to,
    /// one vägval per new routing, NKRR's anropsbehörigheter (3.5.5 and 3.6) and the
    /// engagement-index anropsbehörighet when it is ordered. Sorted by TAK's keys.
    pub fn from_plan(plan: &EnvPlan, catalogue: &Catalogue, stamp: &Stamp) -> TakOrder {
        let mut order = TakOrder::empty(plan.env, catalogue, stamp);
        order.utforare = Some(cut(plan
            .supplier
            .as_deref()
            .unwrap_or(&plan.care_provider.name)));
        let mut kommentar = format!(
            "NKRR: anslutning av {} ({}) i {}",
            plan.care_provider.name,
            plan.care_provider.hsa_id,
            plan.env.label()
        );
        if let Some(n) = &plan.order_number {
            kommentar.push_str(&format!(", beställning {n}"));
        }
        order.kommentar = Some(cut(&kommentar));

        let mut s = TakState::default();
        if plan.system_registration.is_some() {
            s.tjanstekomponenter
                .push(producer_component(&plan.producer));
        }
        s.logiskadresser
            .extend(plan.new_logical_addresses.iter().map(LogiskAdress::of));
        for r in &plan.new_routings {
            s.vagval
                .push(Vagval::of(r, &plan.producer.hsa_id, &plan.rivta_profile));
            s.tjanstekontrakt.push(Tjanstekontrakt::of(&r.contract));
        }
        let mut permissions: Vec<Permission> = plan
            .producer_permissions
            .iter()
            .chain(&plan.consumer_permissions)
            .cloned()
            .collect();
        if let Some(ei) = &plan.engagement_index {
            permissions.push(ei.permission());
        }
        for p in &permissions {
            s.anropsbehorigheter.push(Anropsbehorighet::of(p));
            s.tjanstekontrakt.push(Tjanstekontrakt::of(&p.contract));
        }
        s.normalize();
        order.inkludera = Some(Inkludera {
            tjanstekontrakt: s.tjanstekontrakt,
            logiskadresser: s.logiskadresser,
            tjanstekomponenter: s.tjanstekomponenter,
            anropsbehorigheter: s.anropsbehorigheter,
            vagval: s.vagval,
        });
        order
    }

    /// The order that turns `before` into `after`: new or changed vägval and new
    /// anropsbehörigheter are included; those whose key is gone are excluded. A vägval whose
    /// address changed is only included (TAK then deactivates the old one), never also
    /// excluded, since TAK rejects the same key in both lists. Components, logical addresses
    /// and contracts of `after` that `before` lacks are included; TAK cannot remove them.
    pub fn from_states(
        before: &TakState,
        after: &TakState,
        env: Env,
        catalogue: &Catalogue,
        stamp: &Stamp,
    ) -> TakOrder {
        let mut order = TakOrder::empty(env, catalogue, stamp);
        let mut inc = TakState {
            tjanstekontrakt: missing(&after.tjanstekontrakt, &before.tjanstekontrakt, |c| {
                tak_key(&c.namnrymd)
            }),
            logiskadresser: missing(&after.logiskadresser, &before.logiskadresser, |l| {
                tak_key(&l.hsa_id)
            }),
            tjanstekomponenter: missing(
                &after.tjanstekomponenter,
                &before.tjanstekomponenter,
                |c| tak_key(&c.hsa_id),
            ),
            anropsbehorigheter: missing(
                &after.anropsbehorigheter,
                &before.anropsbehorigheter,
                Anropsbehorighet::key,
            ),
            vagval: after
                .vagval
                .iter()
                .filter(|v| {
                    !before.vagval.iter().any(|b| {
                        b.key() == v.key()
                            && b.adress == v.adress
                            && tak_key(&b.tjanstekomponent) == tak_key(&v.tjanstekomponent)
                            && tak_key(&b.rivtaprofil) == tak_key(&v.rivtaprofil)
                    })
                })
                .cloned()
                .collect(),
        };
        inc.normalize();
        let mut exc = TakState {
            anropsbehorigheter: missing(
                &before.anropsbehorigheter,
                &after.anropsbehorigheter,
                Anropsbehorighet::key,
            ),
            vagval: missing(&before.vagval, &after.vagval, Vagval::key),
            ..TakState::default()
        };
        exc.normalize();
        order.inkludera = Some(Inkludera {
            tjanstekontrakt: inc.tjanstekontrakt,
            logiskadresser: inc.logiskadresser,
            tjanstekomponenter: inc.tjanstekomponenter,
            anropsbehorigheter: inc.anropsbehorigheter,
            vagval: inc.vagval,
        });
        order.exkludera = Some(Exkludera {
            anropsbehorigheter: exc.anropsbehorigheter,
            vagval: exc.vagval,
            ..Exkludera::default()
        });
        order
    }

    /// Whether the order changes nothing.
    pub fn is_empty(&self) -> bool {
        let i = self.inkludera.clone().unwrap_or_default();
        let e = self.exkludera.clone().unwrap_or_default();
        i == Inkludera::default()
            && e.anropsbehorigheter.is_empty()
            && e.vagval.is_empty()
            && e.tjanstekontrakt.is_empty()
            && e.logiskadresser.is_empty()
            && e.tjanstekomponenter.is_empty()
    }

    /// The order as TAK reads it: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("an order serialises");
        s.push('\n');
        s
    }
}

/// The items of `xs` whose key is not among `ys`' keys.
fn missing<T: Clone, K: Eq + std::hash::Hash>(xs: &[T], ys: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let have: HashSet<K> = ys.iter().map(&key).collect();
    xs.iter()
        .filter(|x| !have.contains(&key(x)))
        .cloned()
        .collect()
}

/// What is known to exist in TAK already, so that an order may refer to it without defining it.
/// Every id is kept upper-cased.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The platform the order is for; `None` accepts any platform of the catalogue.
    pub platform: Option<String>,
    /// Every platform name of the catalogue.
    pub platforms: HashSet<String>,
    pub contracts: HashSet<String>,
    pub logical_addresses: HashSet<String>,
    pub components: HashSet<String>,
    pub rivta_profiles: HashSet<String>,
    pub vagval: HashSet<(String, String)>,
    pub anropsbehorigheter: HashSet<(String, String, String)>,
}

impl Known {
    /// What the catalogue says exists in TAK on `env`'s platform: every catalogue contract,
    /// the RIV-TA profile, NKRR's consumer, the engagement index's logical address and producer.
    pub fn from_catalogue(catalogue: &Catalogue, env: Env) -> Known {
        let v = catalogue.env(env);
        let mut k = Known {
            platform: Some(v.platform.clone()),
            ..Known::default()
        };
        for e in [&catalogue.environments.qa, &catalogue.environments.prod] {
            k.platforms.insert(e.platform.clone());
        }
        k.contracts
            .extend(catalogue.contracts.iter().map(|c| tak_key(&c.namespace)));
        k.rivta_profiles.insert(tak_key(&catalogue.rivta_profile));
        k.components.insert(tak_key(&v.nkrr_consumer.hsa_id));
        k.components
            .insert(tak_key(&v.engagement_index_producer.hsa_id));
        k.logical_addresses
            .insert(tak_key(&v.engagement_index_address.hsa_id));
        k.logical_addresses
            .insert(tak_key(&v.aggregating_address.hsa_id));
        k
    }

    /// The catalogue's knowledge plus what the plan's onboarding says exists: the producer when
    /// registered, existing routings (their logical addresses and vägval) and existing NKRR
    /// permissions, and the engagement-index permission when connected.
    pub fn for_plan(plan: &EnvPlan, catalogue: &Catalogue) -> Known {
        let mut k = Known::from_catalogue(catalogue, plan.env);
        if plan.producer.registered {
            k.components.insert(tak_key(&plan.producer.hsa_id));
        }
        for c in &plan.contracts {
            for s in &c.sources {
                let la = tak_key(&s.source_system.hsa_id);
                let ns = tak_key(&c.contract.namespace);
                if s.routing_exists {
                    k.logical_addresses.insert(la.clone());
                    k.vagval.insert((la.clone(), ns.clone()));
                }
                if s.nkrr_permission_exists {
                    k.anropsbehorigheter
                        .insert((la, tak_key(&plan.nkrr_consumer.hsa_id), ns));
                }
            }
        }
        if plan.engagement_index.is_none() {
            let v = catalogue.env(plan.env);
            k.anropsbehorigheter.insert((
                tak_key(&v.engagement_index_address.hsa_id),
                tak_key(&plan.producer.hsa_id),
                tak_key(
                    &catalogue
                        .contract_with_role(crate::catalog::ContractRole::EngagementIndex)
                        .namespace,
                ),
            ));
        }
        k
    }

    /// Everything a state holds, as known.
    pub fn add_state(&mut self, s: &TakState) {
        self.contracts
            .extend(s.tjanstekontrakt.iter().map(|c| tak_key(&c.namnrymd)));
        self.logical_addresses
            .extend(s.logiskadresser.iter().map(|l| tak_key(&l.hsa_id)));
        self.components
            .extend(s.tjanstekomponenter.iter().map(|c| tak_key(&c.hsa_id)));
        self.vagval.extend(s.vagval.iter().map(Vagval::key));
        self.anropsbehorigheter
            .extend(s.anropsbehorigheter.iter().map(Anropsbehorighet::key));
    }
}

//! What a change means for the orders, per environment, built on [`crate::plan`] (the same
//! Figur 1 remainder and TAK state the exporter uses):
//!
//! - the **order delta**: what the head's remainder has that the base's had not (now to be
//!   ordered, menu by menu of the beställningsstöd), and what it no longer has;
//! - the **TAK delta**: the TAK order that turns the TAK state the base implies into the one the
//!   head implies ([`TakOrder::from_states`]): `inkludera` for new vägval and
//!   anropsbehörigheter, `exkludera` for those that are gone (a source system or contract
//!   removed, a vårdgivare removed);
//! - the **phase transitions** of each environment ([`crate::plan::status`]), and the moment the
//!   QA communication test passes, after which PROD may be ordered (kap. 5).
//!
//! What the onboarding records as existing before it (`existing_routings`, an engagement index
//! already `connected`) serves other consumers too (Journalen, NPÖ), so it is never excluded, and
//! what the head records as existing is not included: it is in TAK already.

use serde::Serialize;

use crate::catalog::{Catalogue, ContractRole};
use crate::model::{Env, Onboarding};
use crate::plan::status::{Phase, status};
use crate::plan::tak::{Stamp, TakOrder};
use crate::plan::{
    EngagementIndexOrder, EnvPlan, Permission, Routing, SystemRegistration, desired_state, plan,
    tak_key,
};

/// What there is to order in one environment, by menu of the beställningsstöd.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Menus {
    /// Administrera systeminformation (3.4 / 5.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_registration: Option<SystemRegistration>,
    /// Administrera tjänsteproducent (3.5): vägval …
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routings: Vec<Routing>,
    /// … and NKRR's adresseringsbehörighet for them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub producer_permissions: Vec<Permission>,
    /// Administrera tjänstekonsument (3.6): NKRR's adresseringsbehörighet for existing vägval …
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consumer_permissions: Vec<Permission>,
    /// … and the engagement-index connection (3.7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engagement_index: Option<EngagementIndexOrder>,
}

impl Menus {
    pub fn is_empty(&self) -> bool {
        *self == Menus::default()
    }

    fn of(p: &EnvPlan) -> Menus {
        Menus {
            system_registration: p.system_registration.clone(),
            routings: p.new_routings.clone(),
            producer_permissions: p.producer_permissions.clone(),
            consumer_permissions: p.consumer_permissions.clone(),
            engagement_index: p.engagement_index.clone(),
        }
    }

    /// What `self` has that `other` has not.
    fn minus(&self, other: &Menus) -> Menus {
        let routing_key = |r: &Routing| {
            (
                tak_key(&r.contract.namespace),
                tak_key(&r.logical_address.hsa_id),
                r.url.clone(),
            )
        };
        let permission_key = |p: &Permission| {
            (
                tak_key(&p.contract.namespace),
                tak_key(&p.logical_address.hsa_id),
                tak_key(&p.consumer.hsa_id),
            )
        };
        Menus {
            system_registration: self
                .system_registration
                .clone()
                .filter(|s| other.system_registration.as_ref() != Some(s)),
            routings: self
                .routings
                .iter()
                .filter(|r| {
                    !other
                        .routings
                        .iter()
                        .any(|o| routing_key(o) == routing_key(r))
                })
                .cloned()
                .collect(),
            producer_permissions: self
                .producer_permissions
                .iter()
                .filter(|p| {
                    !other
                        .producer_permissions
                        .iter()
                        .any(|o| permission_key(o) == permission_key(p))
                })
                .cloned()
                .collect(),
            consumer_permissions: self
                .consumer_permissions
                .iter()
                .filter(|p| {
                    !other
                        .consumer_permissions
                        .iter()
                        .any(|o| permission_key(o) == permission_key(p))
                })
                .cloned()
                .collect(),
            engagement_index: self
                .engagement_index
                .clone()
                .filter(|e| other.engagement_index.as_ref() != Some(e)),
        }
    }
}

/// The order delta and TAK delta of one environment.
#[derive(Debug, Clone, Serialize)]
pub struct EnvDelta {
    pub env: Env,
    /// Now to be ordered in the beställningsstöd: in the head's remainder, not the base's.
    pub to_order: Menus,
    /// No longer to be ordered: in the base's remainder, not the head's.
    pub no_longer_to_order: Menus,
    /// The TAK order of the change, in TAK's JSON order format.
    pub tak: TakOrder,
}

impl EnvDelta {
    fn is_empty(&self) -> bool {
        self.to_order.is_empty() && self.no_longer_to_order.is_empty() && self.tak.is_empty()
    }
}

/// The order and TAK deltas of every environment either side has; an absent side (an added or
/// removed vårdgivare) is an onboarding that orders nothing.
pub fn deltas(
    catalogue: &Catalogue,
    base: Option<&Onboarding>,
    head: Option<&Onboarding>,
) -> Vec<EnvDelta> {
    Env::ALL
        .into_iter()
        .filter_map(|env| {
            let bp = base.and_then(|o| plan(o, env, catalogue));
            let hp = head.and_then(|o| plan(o, env, catalogue));
            if bp.is_none() && hp.is_none() {
                return None;
            }
            let bm = bp.as_ref().map(Menus::of).unwrap_or_default();
            let hm = hp.as_ref().map(Menus::of).unwrap_or_default();
            let before = base
                .and_then(|o| desired_state(o, env, catalogue))
                .unwrap_or_default();
            let after = head
                .and_then(|o| desired_state(o, env, catalogue))
                .unwrap_or_default();
            let mut tak = TakOrder::from_states(&before, &after, env, catalogue, &Stamp::default());
            keep_what_others_use(&mut tak, bp.as_ref(), hp.as_ref(), catalogue);
            let d = EnvDelta {
                env,
                to_order: hm.minus(&bm),
                no_longer_to_order: bm.minus(&hm),
                tak,
            };
            (!d.is_empty()).then_some(d)
        })
        .collect()
}

/// Drops from the order what was in TAK before the onboarding (never excluded) and what the
/// head records as existing (not included again).
fn keep_what_others_use(
    tak: &mut TakOrder,
    base: Option<&EnvPlan>,
    head: Option<&EnvPlan>,
    catalogue: &Catalogue,
) {
    let existing_routings = |p: Option<&EnvPlan>| -> Vec<(String, String)> {
        p.map(|p| {
            p.contracts
                .iter()
                .flat_map(|c| {
                    c.sources.iter().filter(|s| s.routing_exists).map(|s| {
                        (
                            tak_key(&s.source_system.hsa_id),
                            tak_key(&c.contract.namespace),
                        )
                    })
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let existing_permissions = |p: Option<&EnvPlan>| -> Vec<(String, String, String)> {
        p.map(|p| {
            p.contracts
                .iter()
                .flat_map(|c| {
                    c.sources
                        .iter()
                        .filter(|s| s.nkrr_permission_exists)
                        .map(|s| {
                            (
                                tak_key(&s.source_system.hsa_id),
                                tak_key(&p.nkrr_consumer.hsa_id),
                                tak_key(&c.contract.namespace),
                            )
                        })
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let update = tak_key(
        &catalogue
            .contract_with_role(ContractRole::EngagementIndex)
            .namespace,
    );
    // The engagement-index permission of a producer that was connected before the onboarding.
    let connected_before = |a: &crate::plan::tak::Anropsbehorighet| {
        base.is_some_and(|p| {
            p.engagement_index.is_none()
                && tak_key(&a.tjanstekontrakt) == update
                && tak_key(&a.tjanstekonsument) == tak_key(&p.producer.hsa_id)
        })
    };
    let connected_now = |a: &crate::plan::tak::Anropsbehorighet| {
        head.is_some_and(|p| {
            p.engagement_index.is_none()
                && tak_key(&a.tjanstekontrakt) == update
                && tak_key(&a.tjanstekonsument) == tak_key(&p.producer.hsa_id)
        })
    };
    if let Some(exc) = &mut tak.exkludera {
        let before = existing_routings(base);
        exc.vagval.retain(|v| !before.contains(&v.key()));
        exc.anropsbehorigheter.retain(|a| !connected_before(a));
    }
    if let Some(inc) = &mut tak.inkludera {
        let now = existing_routings(head);
        let now_permitted = existing_permissions(head);
        inc.vagval.retain(|v| !now.contains(&v.key()));
        inc.anropsbehorigheter
            .retain(|a| !now_permitted.contains(&a.key()) && !connected_now(a));
        if inc.vagval.is_empty() && inc.anropsbehorigheter.is_empty() {
            // Definitions alone change nothing a reviewer needs to order.
            *inc = Default::default();
        }
    }
}

/// A change of phase in one environment, or the QA milestone that opens PROD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub env: Env,
    /// The phase before (`null` for an added vårdgivare).
    pub from: Option<Phase>,
    pub to: Phase,
    /// What the transition means, with the next step.
    pub meaning: String,
}

/// The phase transitions from `base` (absent for a new vårdgivare) to `head`.
pub fn transitions(base: Option<&Onboarding>, head: &Onboarding) -> Vec<Transition> {
    let after = status(head);
    let before = base.map(status);
    // The QA communication test passing is the point after which PROD may be ordered (kap. 5),
    // although QA stays in the test phase until the content is verified.
    let passed = |o: &Onboarding| o.test.as_ref().is_some_and(|t| t.communication_test.done);
    let opens_prod = passed(head) && !base.is_some_and(passed) && head.prod.is_none();
    let mut out = Vec::new();
    for (env, from, to) in [
        (Env::Qa, before.as_ref().map(|s| s.qa), after.qa),
        (Env::Prod, before.as_ref().map(|s| s.prod), after.prod),
    ] {
        let milestone = env == Env::Qa && opens_prod;
        if from == Some(to) && !milestone {
            continue;
        }
        // The next step is the first one not done, QA's before PROD's.
        let next_is_here = match env {
            Env::Qa => after.qa != Phase::Klar,
            Env::Prod => after.qa == Phase::Klar,
        };
        let meaning = if milestone {
            "the QA communication test passed: PROD may be ordered once the förstudie is updated with the test results (kap. 5)".to_owned()
        } else if to == Phase::Klar {
            format!("{} is done", env.label())
        } else if next_is_here {
            format!("next: {}", after.next_step)
        } else {
            format!("{} is now in the {} phase", env.label(), to.label())
        };
        out.push(Transition {
            env,
            from,
            to,
            meaning,
        });
    }
    out
}

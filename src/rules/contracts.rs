//! Contracts and source systems of an environment.
//!
//! Contract names are resolved by the schema's enum (`unknown-contract`, with a "did you mean").
//! Here: contracts need at least one source system to route to; no contract or source system is
//! listed twice; the existing routings and permissions name listed source systems.

use std::collections::HashMap;

use super::FileCtx;
use crate::diag::Code;
use crate::model::Onboarding;

pub fn check(o: &Onboarding, ctx: &mut FileCtx<'_>) {
    for (env, e) in o.envs() {
        let p = super::env_pointer(env);
        if !e.contracts.is_empty() && e.source_systems.is_empty() {
            ctx.report_key(
                Code::NoSourceSystem,
                &format!("{p}/source_systems"),
                format!(
                    "{} contract(s) to produce in {} but no source system",
                    e.contracts.len(),
                    env.label()
                ),
            )
            .set_help("list each källsystem that holds the data, with its HSA-id and name (3.5.3)");
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, s) in e.source_systems.iter().enumerate() {
            if let Some(&first) = seen.get(&s.hsa_id.as_str().to_ascii_uppercase()) {
                let related = ctx.related(
                    &format!("{p}/source_systems/{first}/hsa_id"),
                    "first listed here",
                );
                ctx.report(
                    Code::DuplicateEntry,
                    &format!("{p}/source_systems/{i}/hsa_id"),
                    format!("source system `{}` is listed twice", s.hsa_id),
                )
                .add_related(related);
            } else {
                seen.insert(s.hsa_id.as_str().to_ascii_uppercase(), i);
            }
        }
        let mut names: HashMap<&str, usize> = HashMap::new();
        for (i, c) in e.contracts.iter().enumerate() {
            if let Some(&first) = names.get(c.name.as_str()) {
                let related =
                    ctx.related(&format!("{p}/contracts/{first}/name"), "first listed here");
                ctx.report(
                    Code::DuplicateEntry,
                    &format!("{p}/contracts/{i}/name"),
                    format!("contract {} is listed twice", c.name),
                )
                .add_related(related);
            } else {
                names.insert(c.name.as_str(), i);
            }
            for (field, ids) in [
                ("existing_routings", &c.existing_routings),
                ("existing_nkrr_permissions", &c.existing_nkrr_permissions),
            ] {
                for (j, id) in ids.iter().enumerate() {
                    if !e
                        .source_systems
                        .iter()
                        .any(|s| s.hsa_id.same_as(id.as_str()))
                    {
                        let d = ctx.report(
                            Code::UnknownSourceSystem,
                            &format!("{p}/contracts/{i}/{field}/{j}"),
                            format!("`{id}` is not one of the source systems of {}", env.label()),
                        );
                        let listed: Vec<&str> =
                            e.source_systems.iter().map(|s| s.hsa_id.as_str()).collect();
                        if listed.is_empty() {
                            d.set_help("add the source system under `source_systems`");
                        } else {
                            d.set_help(format!("listed source systems: {}", listed.join(", ")));
                        }
                    }
                }
            }
        }
    }
}

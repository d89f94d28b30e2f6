//! HSA-ids in Inera's standard form.
//!
//! TAK's own rule (`[0-9A-Za-z_-]{1,255}`) is enforced by the schema (`invalid-hsa-id`). This
//! rule warns about ids TAK accepts but that are not in Inera's standard form, `SE` + an
//! organisationsnummer with a valid check digit + `-` + letters and digits, at most 31
//! characters; the platform's own ids from the catalogue are exempt.

use super::FileCtx;
use crate::diag::Code;
use crate::model::{HsaId, Onboarding};

pub fn check(o: &Onboarding, ctx: &mut FileCtx<'_>) {
    for (pointer, id) in all_hsa_ids(o) {
        if let Some(why) = nonstandard(id.as_str()) {
            if ctx.ctx.catalogue.is_platform_id(id.as_str()) || !tak_accepts(id.as_str()) {
                continue;
            }
            ctx.report(Code::HsaIdNonstandard, &pointer, format!("HSA-id `{id}` is not in Inera's standard form: {why}"))
                .set_help("Inera's form is `SE` + organisationsnummer + `-` + letters and digits, e.g. `SE2321000131-S000000015598`");
        }
    }
}

/// Every HSA-id in the file with its JSON pointer.
pub fn all_hsa_ids(o: &Onboarding) -> Vec<(String, &HsaId)> {
    let mut out = vec![("/care_provider/hsa_id".to_owned(), &o.care_provider.hsa_id)];
    for (env, e) in o.envs() {
        let p = super::env_pointer(env);
        out.push((format!("{p}/producer/hsa_id"), &e.producer.hsa_id));
        for (i, s) in e.source_systems.iter().enumerate() {
            out.push((format!("{p}/source_systems/{i}/hsa_id"), &s.hsa_id));
        }
        for (i, c) in e.contracts.iter().enumerate() {
            for (j, id) in c.existing_routings.iter().enumerate() {
                out.push((format!("{p}/contracts/{i}/existing_routings/{j}"), id));
            }
            for (j, id) in c.existing_nkrr_permissions.iter().enumerate() {
                out.push((
                    format!("{p}/contracts/{i}/existing_nkrr_permissions/{j}"),
                    id,
                ));
            }
        }
    }
    out
}

/// TAK's rule; ids breaking it are reported by the schema.
fn tak_accepts(id: &str) -> bool {
    (1..=255).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Why `id` is not in Inera's standard form, or `None` when it is.
pub fn nonstandard(id: &str) -> Option<String> {
    if id.len() > 31 {
        return Some(format!("it has {} characters, more than 31", id.len()));
    }
    // TAK upper-cases ids, so `se…` is the same id as `SE…`.
    let upper = id.to_ascii_uppercase();
    let Some(rest) = upper.strip_prefix("SE") else {
        return Some("it does not start with `SE`".into());
    };
    // `SE16` + org-nr also occurs (the platform's own ids).
    let Some((org, local)) = rest.split_once('-') else {
        return Some("it has no `-` after the organisationsnummer".into());
    };
    let org = if org.len() == 12 && org.starts_with("16") {
        &org[2..]
    } else {
        org
    };
    if org.len() != 10 || !org.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("`{org}` is not a 10-digit organisationsnummer"));
    }
    if org.as_bytes()[2] < b'2' {
        return Some(format!(
            "`{org}` is not an organisationsnummer (its third digit is below 2)"
        ));
    }
    if !crate::personnummer::luhn_ok(org) {
        return Some(format!(
            "the check digit of organisationsnummer `{org}` is wrong"
        ));
    }
    if local.is_empty() || !local.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Some("the part after `-` must be letters and digits".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::nonstandard;

    #[test]
    fn standard_form() {
        assert_eq!(nonstandard("SE2321000131-S000000015598"), None);
        assert_eq!(nonstandard("SE162321000131-E1"), None);
        assert!(
            nonstandard("SE2321000132-S1")
                .unwrap()
                .contains("check digit")
        );
        assert!(nonstandard("HSASERVICES-106J").unwrap().contains("`SE`"));
        assert!(nonstandard("SE2321000131S1").unwrap().contains("no `-`"));
        assert!(
            nonstandard("SE2321000131-S0000000155980000000")
                .unwrap()
                .contains("31")
        );
        assert!(
            nonstandard("SE2301000131-X")
                .unwrap()
                .contains("third digit")
        );
    }
}

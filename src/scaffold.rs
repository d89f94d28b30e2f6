//! The skeleton of a new onboarding, written by `nkrr-onboard new`.
//!
//! The template (`templates/new-onboarding.yaml`, compiled in) has every section of the format
//! with the checklist's Swedish terms in comments, and a placeholder `"<fill in: …>"` wherever
//! only the vårdgivare can supply the value. Placeholders fail validation as
//! `unfilled-placeholder` (see [`crate::rules::placeholders`]) until they are replaced; every
//! other value in the skeleton is valid, so a filled-in file passes `validate`. The `test` and
//! `prod` sections are present as comments, because the format asks for them only once testing is
//! planned and QA is done.

use crate::catalog::Catalogue;
use crate::model::{Env, HSA_ID_PATTERN};
use crate::rules::hsa_id;

const TEMPLATE: &str = include_str!("../templates/new-onboarding.yaml");

/// What goes into a new file.
#[derive(Debug, Clone)]
pub struct NewOnboarding<'a> {
    pub hsa_id: &'a str,
    pub name: &'a str,
    pub supplier: Option<&'a str>,
    /// The schema's path relative to the file's folder, for the modeline.
    pub schema_path: &'a str,
}

/// Why a care provider's HSA-id cannot be used, or `Ok` with a warning when it is accepted by TAK
/// but not in Inera's standard form.
pub fn check_hsa_id(id: &str) -> Result<Option<String>, String> {
    if id.is_empty() {
        return Err("an HSA-id cannot be empty".into());
    }
    if id.len() > 255 {
        return Err(format!(
            "an HSA-id has at most 255 characters, this has {}",
            id.len()
        ));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "`{c}` is not allowed: an HSA-id has only letters A-Z, digits, `-` and `_` (TAK's rule, {HSA_ID_PATTERN})"
        ));
    }
    if Catalogue::get().is_platform_id(id) {
        return Ok(None);
    }
    Ok(hsa_id::nonstandard(id).map(|why| {
        format!("HSA-id `{id}` is not in Inera's standard form: {why} (`SE` + organisationsnummer + `-` + letters and digits)")
    }))
}

/// The text of the new file.
pub fn render(new: &NewOnboarding<'_>) -> String {
    let catalogue = Catalogue::get();
    let names: Vec<String> = catalogue
        .journal_contracts()
        .map(|c| c.display_name())
        .collect();
    let qa = catalogue.env(Env::Qa);
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.add_template("new", TEMPLATE)
        .expect("the template is valid (tested)");
    let ctx = minijinja::context! {
        schema_path => new.schema_path,
        hsa_id => yaml_scalar(new.hsa_id),
        name => yaml_scalar(new.name),
        name_comment => new.name.replace(['\n', '\r'], " "),
        supplier => new.supplier.map(yaml_scalar),
        contract_names => names.join(", "),
        example_contract => names.iter().rev().find(|n| n.starts_with("GetCareContacts")).unwrap_or(&names[0]),
        aggregating_address => &qa.aggregating_address.hsa_id,
        nkrr_gui_hsa_id => qa.nkrr_gui_hsa_id.as_deref().unwrap_or_default(),
    };
    let mut text = env
        .get_template("new")
        .and_then(|t| t.render(ctx))
        .expect("the template renders (tested)");
    text.push('\n');
    text
}

/// `s` as a YAML scalar that reads back as the string `s`: plain when that is safe, otherwise
/// double-quoted (JSON's escaping is valid YAML).
fn yaml_scalar(s: &str) -> String {
    let plain_safe = s.chars().next().is_some_and(|c| c.is_alphabetic())
        && !matches!(s.to_ascii_lowercase().as_str(), "true" | "false" | "null")
        && s.chars()
            .all(|c| c.is_alphanumeric() || " -_.,()".contains(c))
        && !s.ends_with(' ');
    if plain_safe {
        s.to_owned()
    } else {
        serde_json::to_string(s).expect("a string serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{self, Context, Options};
    use crate::diag::Code;
    use crate::source::{Content, RawFile};

    fn check_text(name: &str, text: &str) -> check::Report {
        let ctx = Context::new(Options::default());
        let file = RawFile {
            name: format!("onboardings/{name}.yaml"),
            content: Content::Bytes(text.as_bytes().to_vec()),
        };
        check::check(&ctx, vec![file])
    }

    const ID: &str = "SE2321990059-E000000000005";

    fn skeleton(supplier: Option<&str>) -> String {
        render(&NewOnboarding {
            hsa_id: ID,
            name: "Region Östkust: \"test\" #1",
            supplier,
            schema_path: "../schema/onboarding.schema.json",
        })
    }

    #[test]
    fn a_new_file_fails_only_on_its_placeholders() {
        for supplier in [None, Some("Journalia AB")] {
            let text = skeleton(supplier);
            let report = check_text(ID, &text);
            let placeholders = text.matches(": \"<fill in:").count();
            assert!(placeholders >= 10, "{text}");
            let codes: Vec<Code> = report.diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(
                codes,
                vec![Code::UnfilledPlaceholder; placeholders],
                "{:#?}",
                report.diagnostics
            );
            let o = report.files[0].onboarding.as_ref().expect("typed");
            assert_eq!(o.care_provider.name, "Region Östkust: \"test\" #1");
            assert_eq!(o.supplier.is_some(), supplier.is_some());
            assert_eq!(o.agreements.agent_agreement.is_some(), supplier.is_some());
        }
    }

    #[test]
    fn a_filled_in_file_is_valid() {
        let text = skeleton(Some("Journalia AB"));
        let filled: String = text
            .lines()
            .map(|line| {
                let Some((key, rest)) = line.split_once(": \"<fill in:") else {
                    return format!("{line}\n");
                };
                let key_name = key.trim().trim_start_matches("- ");
                let value = match (key_name, rest) {
                    ("email", _) => "anna.exempelsson@exempel.example",
                    ("phone", _) => "010-123 45 67",
                    ("hsa_id", r) if r.contains("SITHS") => "SE2321990059-T000000000010",
                    ("hsa_id", _) => "SE2321990059-S000000000011",
                    ("name", r) if r.contains("Tjänstekontrakt") => "GetCareContacts v3",
                    ("url", _) => "https://tp-qa.ostkust.example/vp/clinicalprocess/logistics/logistics/GetCareContacts/3/rivtabp21",
                    _ => "Exempeltext",
                };
                format!("{key}: {value}\n")
            })
            .collect();
        let report = check_text(ID, &filled);
        assert!(
            report.diagnostics.is_empty(),
            "{:#?}\n{filled}",
            report.diagnostics
        );
    }

    #[test]
    fn ids_are_checked_against_tak_and_inera_forms() {
        assert_eq!(check_hsa_id(ID), Ok(None));
        assert!(
            check_hsa_id("SE2321990059 E1")
                .unwrap_err()
                .contains("` ` is not allowed")
        );
        assert!(check_hsa_id("").is_err());
        let warning = check_hsa_id("SE2321990058-E1").unwrap().unwrap();
        assert!(warning.contains("standard form"), "{warning}");
    }

    #[test]
    fn scalars_round_trip() {
        for s in [
            "Region Norr",
            "true",
            "123",
            "a: b",
            "x #y",
            "Ångström AB",
            "- x",
            "'q'",
        ] {
            let text = format!("k: {}\n", yaml_scalar(s));
            let (doc, issues) = crate::yaml::parse(&text);
            assert!(issues.is_empty(), "{s}");
            assert_eq!(doc.unwrap().value["k"], s, "{s}");
        }
    }
}

//! Producer URLs: https, and PROD addresses that look copied from QA.
//!
//! TAK's character rule is the schema's (`invalid-url`). Here: every URL is https; a PROD URL
//! whose host name has a test-environment label, or that equals the QA URL of the same contract,
//! is probably a copy-paste.

use super::FileCtx;
use crate::diag::Code;
use crate::model::{Env, Onboarding};

/// Host-name labels that mark a test environment.
const TEST_LABELS: &[&str] = &[
    "qa", "test", "tst", "stage", "staging", "dev", "acc", "uat", "demo",
];

pub fn check(o: &Onboarding, ctx: &mut FileCtx<'_>) {
    for (env, e) in o.envs() {
        for (i, c) in e.contracts.iter().enumerate() {
            let pointer = format!("/{}/contracts/{i}/url", env.key());
            let url = c.url.as_str();
            if !url.to_ascii_lowercase().starts_with("https://") {
                let d = ctx.report(
                    Code::UrlNotHttps,
                    &pointer,
                    format!("the URL of {} is not https: `{url}`", c.name),
                );
                if url.to_ascii_lowercase().starts_with("http://") {
                    d.set_help("NTjP calls producers over TLS: use `https://`");
                }
                continue;
            }
            if env != Env::Prod {
                continue;
            }
            if let Some(label) = test_label(url) {
                ctx.report(
                    Code::ProdUrlLooksLikeTest,
                    &pointer,
                    format!("the PROD URL of {} has `{label}` in its host name", c.name),
                )
                .set_help("check that this is the production address, not the QA one");
            }
            let same_in_qa =
                o.qa.contracts
                    .iter()
                    .position(|q| q.name == c.name && q.url.as_str().eq_ignore_ascii_case(url));
            if let Some(q) = same_in_qa {
                let related = ctx.related(&format!("/qa/contracts/{q}/url"), "the QA URL");
                ctx.report(
                    Code::ProdUrlSameAsQa,
                    &pointer,
                    format!("the PROD URL of {} is the same as in QA", c.name),
                )
                .add_related(related);
            }
        }
    }
}

/// A test-environment label in the URL's host name.
fn test_label(url: &str) -> Option<&'static str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', ':', '?'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    host.split(['.', '-', '_']).find_map(|label| {
        TEST_LABELS
            .iter()
            .copied()
            .find(|t| *t == label || label.strip_suffix(|c: char| c.is_ascii_digit()) == Some(t))
    })
}

#[cfg(test)]
mod tests {
    use super::test_label;

    #[test]
    fn test_labels_in_host_names_only() {
        assert_eq!(test_label("https://qa.tp.exempel.se/vp/x"), Some("qa"));
        assert_eq!(test_label("https://tp-test2.exempel.se/vp"), Some("test"));
        assert_eq!(test_label("https://tp.exempel.se/vp/test/qa"), None);
        assert_eq!(test_label("https://quality.exempel.se"), None);
    }
}

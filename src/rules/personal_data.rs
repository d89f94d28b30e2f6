//! The personal-data guard: no real personnummer anywhere in an onboarding's text.
//!
//! The raw text is scanned, comments included, for numbers with the shape and check digit of a
//! personnummer or samordningsnummer. One in a test patient's `personnummer` field is judged by
//! the test-patient rule (it must be a known test identity); one anywhere else is an error. The
//! number is masked in the finding, so the report does not spread it further.

use crate::check::Context;
use crate::diag::{Code, Diagnostic};
use crate::personnummer;
use crate::span::span_of;
use crate::yaml::Document;

/// Findings for personnummer-like numbers outside test patients' fields.
pub fn scan(ctx: &Context, path: &str, text: &str, doc: Option<&Document>) -> Vec<Diagnostic> {
    let allowed: Vec<(usize, usize)> = doc
        .and_then(|d| {
            d.value
                .pointer("/test/patients")
                .and_then(|v| v.as_array())
                .map(|ps| (d, ps.len()))
        })
        .map(|(d, n)| {
            (0..n)
                .filter_map(|i| d.positions.get(&format!("/test/patients/{i}/personnummer")))
                .map(|p| (p.value.start, p.value.end.max(p.value.start + 1)))
                .collect()
        })
        .unwrap_or_default();
    personnummer::find_all(text)
        .into_iter()
        .filter(|f| !allowed.iter().any(|&(s, e)| f.start >= s && f.start < e))
        .map(|f| {
            let known = ctx.is_test_identity(&f.digits);
            let masked = personnummer::mask(&text[f.start..f.end]);
            let mut d = Diagnostic::new(
                Code::PersonalData,
                path,
                Some(span_of(text, f.start, f.end)),
                format!("`{masked}` looks like a personnummer"),
            );
            d = if known {
                d.with_help("it is a test identity, but only a test patient's `personnummer` field may hold one")
            } else {
                d.with_help("remove personal data from the file; it stays in git history once committed")
            };
            d
        })
        .collect()
}

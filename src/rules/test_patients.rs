//! Test patients: valid numbers, and test identities only.
//!
//! A test patient's personnummer must be a valid personnummer or samordningsnummer (date and
//! check digit), and a known test identity: the catalogue's, or one given with
//! `--test-identities`. Real patients must never enter git. Numbers are masked in findings.

use super::FileCtx;
use crate::diag::Code;
use crate::model::Onboarding;
use crate::personnummer;

pub fn check(o: &Onboarding, ctx: &mut FileCtx<'_>) {
    let Some(test) = &o.test else { return };
    for (i, patient) in test.patients.iter().enumerate() {
        let pointer = format!("/test/patients/{i}/personnummer");
        let digits = patient.personnummer.as_str();
        if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue; // the schema reports the shape
        }
        let masked = personnummer::mask(digits);
        if let Some(problem) = personnummer::problem(digits) {
            ctx.report(
                Code::InvalidPersonnummer,
                &pointer,
                format!("`{masked}` is not a valid personnummer: {problem}"),
            );
        } else if !ctx.ctx.is_test_identity(digits) {
            ctx.report(Code::NotATestIdentity, &pointer, format!("`{masked}` is not a known test identity"))
                .set_help("use a test identity (e.g. Tolvan Tolvansson, 191212121212), or add it to a file given with `--test-identities`");
        }
    }
}

//! The typed model on whatever validates: a valid onboarding serialised (as JSON, which is
//! YAML) and read again is the same onboarding, and is still valid. Beside it,
//! the `export` target is the other consumer of valid onboardings that fuzzing reaches.

#![no_main]

mod common;

use common::check_one;

use libfuzzer_sys::fuzz_target;

use nkrr_onboard::model::Onboarding;

fuzz_target!(|data: &[u8]| {
    let report = check_one(data.to_vec());
    let Some((_, onboarding)) = report.valid_onboardings().next() else {
        return;
    };
    let value = serde_json::to_value(onboarding).expect("a model serialises");
    let again: Onboarding = serde_json::from_value(value.clone()).expect("and reads back");
    assert_eq!(&again, onboarding);
    let text = serde_json::to_string_pretty(&value).expect("as text");
    let report = check_one(text.into_bytes());
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(
        errors.is_empty(),
        "valid before, invalid after a round trip: {errors:?}"
    );
    let (_, reread) = report.valid_onboardings().next().expect("valid");
    assert_eq!(reread, onboarding);
});

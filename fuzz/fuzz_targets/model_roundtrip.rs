//! The typed model on whatever validates: a valid onboarding serialised (as JSON, which is
//! YAML) and read again is the same onboarding, and is still valid. Until an exporter exists
//! this is the consumer of valid onboardings that fuzzing reaches.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use nkrr_onboard::check::{self, Context, Options};
use nkrr_onboard::model::Onboarding;
use nkrr_onboard::source::{Content, RawFile};

/// The file is named after its care provider's HSA-id when it has a usable one, as in a
/// repository, so that a valid onboarding is not held back by its file name.
fn name_for(data: &[u8]) -> String {
    let id = std::str::from_utf8(data)
        .ok()
        .and_then(|t| nkrr_onboard::yaml::parse(t).0)
        .and_then(|d| {
            d.value
                .pointer("/care_provider/hsa_id")?
                .as_str()
                .map(str::to_owned)
        })
        .filter(|id| nkrr_onboard::export::is_safe_component(id));
    format!(
        "onboardings/{}.yaml",
        id.as_deref().unwrap_or("SE2321990018-E000000000001")
    )
}

fn ctx() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| {
        Context::new(Options {
            max_file_size: 64 * 1024,
            ..Options::default()
        })
    })
}

fn check_one(bytes: Vec<u8>) -> check::Report {
    check::check(
        ctx(),
        vec![RawFile {
            name: name_for(&bytes),
            content: Content::Bytes(bytes),
        }],
    )
}

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

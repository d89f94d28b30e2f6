//! What the fuzz targets over valid onboardings share: naming a file after its care provider,
//! and one checking context for the whole run. Included by each target with `mod common;`; a
//! target uses only some of it.

#![allow(dead_code)]

use std::sync::OnceLock;

use nkrr_onboard::check::{self, Context, Options};
use nkrr_onboard::source::{Content, RawFile};

/// The file is named after its care provider's HSA-id when it has a usable one, as in a
/// repository, so that a valid onboarding is not held back by its file name.
pub fn name_for(data: &[u8]) -> String {
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

/// The checking context, built once per run.
pub fn ctx() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| {
        Context::new(Options {
            max_file_size: 64 * 1024,
            ..Options::default()
        })
    })
}

/// Checks one file of fuzzed bytes, named by [`name_for`].
pub fn check_one(bytes: Vec<u8>) -> check::Report {
    check::check(
        ctx(),
        vec![RawFile {
            name: name_for(&bytes),
            content: Content::Bytes(bytes),
        }],
    )
}

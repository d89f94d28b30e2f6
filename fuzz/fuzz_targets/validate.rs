//! Load → validate on arbitrary bytes, beside a valid onboarding, then render the findings in
//! every format. Beyond "no panic, no hang", it checks what the rest of the tool relies on:
//! every finding names one of the files, every span lies inside its file on character
//! boundaries with a matching line and column, the valid sibling stays valid, and no rendered
//! report repeats a personnummer that the guard found.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use nkrr_onboard::check::{self, Context, Options};
use nkrr_onboard::diag::render::{self, Format, Style, Summary};
use nkrr_onboard::personnummer;
use nkrr_onboard::source::{Content, RawFile};
use nkrr_onboard::span::line_col;

const FUZZED: &str = "onboardings/SE2321990018-E000000000001.yaml";
const SIBLING: &str = "onboardings/SE2321990026-E000000000002.yaml";
const SIBLING_TEXT: &str = include_str!("../../onboardings/SE2321990026-E000000000002.yaml");

fn ctx() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| {
        Context::new(Options {
            max_file_size: 64 * 1024,
            ..Options::default()
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let ctx = ctx();
    let files = vec![
        RawFile {
            name: FUZZED.into(),
            content: Content::Bytes(data.to_vec()),
        },
        RawFile {
            name: SIBLING.into(),
            content: Content::Bytes(SIBLING_TEXT.as_bytes().to_vec()),
        },
    ];
    let report = check::check(ctx, files);
    let sources = report.sources();

    for d in &report.diagnostics {
        assert!(
            d.path == FUZZED || d.path == SIBLING,
            "finding for {}",
            d.path
        );
        let Some(span) = d.span else { continue };
        let Some(text) = report
            .files
            .iter()
            .find(|f| f.name == d.path)
            .and_then(|f| f.text.as_deref())
        else {
            continue;
        };
        assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{d:?}"
        );
        assert!(span.line >= 1 && span.col >= 1, "{d:?}");
        if !text.contains('\r') {
            assert_eq!(line_col(text, span.start), (span.line, span.col), "{d:?}");
        }
    }
    // A change to one file never makes a valid sibling invalid, except through the rules across
    // files (the same care provider twice).
    let sibling_errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.path == SIBLING && d.is_error())
        .filter(|d| d.code.name() != "duplicate-care-provider")
        .collect();
    assert!(sibling_errors.is_empty(), "{sibling_errors:?}");

    let summary = Summary::of(report.files.len(), &report.diagnostics);
    let mut outputs = Vec::new();
    for format in [Format::Human, Format::Concise, Format::Json, Format::Github] {
        let mut out = Vec::new();
        render::render(
            &mut out,
            format,
            &report.diagnostics,
            &sources,
            summary,
            Style { color: false },
        )
        .expect("writing to memory");
        outputs.push(String::from_utf8(out).expect("reports are UTF-8"));
    }

    // The guard's numbers never reach a report in full (test identities may).
    if let Some(text) = report.files[0].text.as_deref() {
        let found = personnummer::find_all(text);
        for f in &found {
            if ctx.is_test_identity(&f.digits) {
                continue;
            }
            let written = &text[f.start..f.end];
            let everywhere = text.matches(written).count();
            let by_guard = found
                .iter()
                .filter(|g| &text[g.start..g.end] == written)
                .count();
            if everywhere != by_guard {
                continue; // also inside a longer number, which is not personal data
            }
            for out in &outputs {
                assert!(!out.contains(written), "{written} printed in full");
            }
        }
    }
});

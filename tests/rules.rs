//! One fixture per finding code: `tests/fixtures/rules/<code>.yaml` ends with comment lines
//! `# expect: CODE LINE:COL`, and the file's findings must be exactly those. Each fixture is
//! checked under the name `<care-provider-hsa-id>.yaml` (so that `file-name-mismatch` does not
//! fire), except `file-name-mismatch.yaml` itself.
//!
//! A second test makes sure every code has a fixture here or a dedicated test below.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use nkrr_onboard::check::{Context, Options, check};
use nkrr_onboard::diag::Code;
use nkrr_onboard::source::{Content, RawFile};

const FIXTURES: &str = "tests/fixtures/rules";

/// Codes whose cases need more than one file, or a file system entry rather than bytes: each
/// with the test file that asserts it (this file's own tests below, or the hostile-input tests).
const TESTED_ELSEWHERE: &[(Code, &str)] = &[
    (Code::DuplicateCareProvider, "tests/rules.rs"),
    (Code::FileTooLarge, "tests/rules.rs"),
    (Code::UnreadableFile, "tests/rules.rs"),
    (Code::Symlink, "tests/hostile.rs"),
    (Code::TooManyNodes, "tests/hostile.rs"),
];

fn expectations(bytes: &[u8]) -> BTreeSet<(String, u32, u32)> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|e| {
            let (code, pos) = e.split_once(' ').expect("`# expect: CODE LINE:COL`");
            let (line, col) = pos.split_once(':').expect("LINE:COL");
            (code.to_owned(), line.parse().unwrap(), col.parse().unwrap())
        })
        .collect()
}

/// The name a fixture is checked under: the file named after its care provider.
fn name_for(fixture: &str, bytes: &[u8]) -> String {
    if fixture == "file-name-mismatch" {
        return format!("{fixture}.yaml");
    }
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .find_map(|l| l.trim().strip_prefix("hsa_id: "))
        .map_or_else(
            || format!("{fixture}.yaml"),
            |id| format!("{}.yaml", id.trim()),
        )
}

fn raw(name: &str, bytes: Vec<u8>) -> RawFile {
    RawFile {
        name: name.to_owned(),
        content: Content::Bytes(bytes),
    }
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn each_fixture_has_exactly_its_expected_findings() {
    let ctx = Context::new(Options::default());
    let mut failures = Vec::new();
    for (fixture, bytes) in fixtures() {
        let expected = expectations(&bytes);
        assert!(
            !expected.is_empty(),
            "{fixture}.yaml has no `# expect:` line"
        );
        assert!(
            expected.iter().any(|(c, _, _)| *c == fixture),
            "{fixture}.yaml does not expect its own code"
        );
        let report = check(&ctx, vec![raw(&name_for(&fixture, &bytes), bytes)]);
        let actual: BTreeSet<(String, u32, u32)> = report
            .diagnostics
            .iter()
            .map(|d| {
                let s = d.span.expect("every finding here has a position");
                (d.code.name().to_owned(), s.line, s.col)
            })
            .collect();
        if actual != expected {
            failures.push(format!(
                "{fixture}: expected {expected:?}\n  found {actual:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_is_tested() {
    let fixture_names: BTreeSet<String> = fixtures().into_iter().map(|(n, _)| n).collect();
    for (code, file) in TESTED_ELSEWHERE {
        let text = fs::read_to_string(file).unwrap();
        let variant = format!("Code::{code:?}");
        assert!(
            text.contains(code.name()) || text.contains(&variant),
            "{file} does not assert `{}`",
            code.name()
        );
    }
    let untested: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| {
            !TESTED_ELSEWHERE.iter().any(|(t, _)| t == *c) && !fixture_names.contains(c.name())
        })
        .map(|c| c.name())
        .collect();
    assert!(
        untested.is_empty(),
        "codes without a fixture in {FIXTURES}: {untested:?}"
    );
}

fn example(id: &str) -> Vec<u8> {
    fs::read(Path::new("onboardings").join(format!("{id}.yaml"))).unwrap()
}

#[test]
fn duplicate_care_provider_points_at_both_files() {
    let ctx = Context::new(Options::default());
    let id = "SE2321990018-E000000000001";
    let text = String::from_utf8(example(id)).unwrap();
    let lower = text.replace(
        &format!("hsa_id: {id}"),
        &format!("hsa_id: {}", id.to_lowercase()),
    );
    let report = check(
        &ctx,
        vec![
            raw(&format!("{id}.yaml"), text.into_bytes()),
            raw(&format!("{}.yaml", id.to_lowercase()), lower.into_bytes()),
        ],
    );
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::DuplicateCareProvider)
        .collect();
    assert_eq!(found.len(), 1, "{:?}", report.diagnostics);
    let d = found[0];
    assert_eq!(d.path, format!("{}.yaml", id.to_lowercase()));
    assert_eq!(d.span.map(|s| (s.line, s.col)), Some((6, 11)));
    assert_eq!(d.related.len(), 1);
    assert_eq!(d.related[0].path, format!("{id}.yaml"));
    assert_eq!((d.related[0].span.line, d.related[0].span.col), (6, 11));
}

#[test]
fn file_too_large_is_not_parsed_and_others_still_are() {
    let ctx = Context::new(Options {
        max_file_size: 100,
        ..Options::default()
    });
    let report = check(
        &ctx,
        vec![
            raw("big.yaml", vec![b'#'; 101]),
            raw("small.yaml", b"a: 1\n".to_vec()),
        ],
    );
    let codes: Vec<(&str, Code)> = report
        .diagnostics
        .iter()
        .map(|d| (d.path.as_str(), d.code))
        .collect();
    assert!(
        codes.contains(&("big.yaml", Code::FileTooLarge)),
        "{codes:?}"
    );
    assert!(
        codes
            .iter()
            .any(|&(p, c)| p == "small.yaml" && c == Code::MissingKey),
        "{codes:?}"
    );
}

#[test]
fn unreadable_file_is_a_finding() {
    let ctx = Context::new(Options::default());
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("x.yaml");
    fs::create_dir(&folder).unwrap();
    let file = nkrr_onboard::source::read_folder_file(&folder, 1000);
    let report = check(&ctx, vec![file]);
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(report.diagnostics[0].code, Code::UnreadableFile);
    assert!(
        report.diagnostics[0].message.contains("directory"),
        "{}",
        report.diagnostics[0].message
    );
}

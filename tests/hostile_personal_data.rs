//! The personal-data guard on hostile placements: comments, other fields, values that other
//! findings quote, broken files; and the masking in every output format.
//!
//! `19900101-9802` stands for a real person's number: a valid date and check digit, not a known
//! test identity (its birth number 980 lies in the range Skatteverket reserves for test persons,
//! so it belongs to nobody).

use std::fs;
use std::process::Command;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/onboardings");
const VASTERFJALL: &str = "SE2321990026-E000000000002.yaml";
const PATH: &str = "onboardings/SE2321990026-E000000000002.yaml";
const FORMATS: [&str; 4] = ["human", "concise", "json", "github"];

/// The examples in a temporary repository, with Västerfjäll's file replaced by `text`.
fn repo_with(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("onboardings")).unwrap();
    for e in fs::read_dir(EXAMPLES).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), dir.path().join("onboardings").join(e.file_name())).unwrap();
    }
    fs::write(dir.path().join("onboardings").join(VASTERFJALL), text).unwrap();
    dir
}

fn vasterfjall() -> String {
    fs::read_to_string(format!("{EXAMPLES}/{VASTERFJALL}")).unwrap()
}

/// Exit code and stdout of `validate` in `format`, with `extra` arguments.
fn validate(dir: &tempfile::TempDir, format: &str, extra: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
        .current_dir(dir.path())
        .args(["validate", "--color", "never", "--format", format])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// A finding as `(code, path, line, col, message)`.
type Finding = (String, String, u64, u64, String);

/// Every finding of a run, with its exit code.
fn findings(dir: &tempfile::TempDir, extra: &[&str]) -> (i32, Vec<Finding>) {
    let (code, out) = validate(dir, "json", extra);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap_or(0),
                f["col"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (code, list)
}

/// No output format prints any of `numbers` in full.
fn assert_never_printed(dir: &tempfile::TempDir, numbers: &[&str]) {
    for format in FORMATS {
        let (code, out) = validate(dir, format, &[]);
        assert_eq!(code, 1, "{format}: {out}");
        for n in numbers {
            assert!(!out.contains(n), "{format} prints {n}:\n{out}");
        }
    }
}

#[test]
fn a_number_in_a_comment_is_found_and_masked_everywhere() {
    let text = vasterfjall().replace(
        "  name: Region Västerfjäll\n",
        "  name: Region Västerfjäll # kontakt: 19900101-9802, alt 900101-9802\n",
    );
    let dir = repo_with(&text);
    let (code, found) = findings(&dir, &[]);
    assert_eq!(code, 1);
    let at: Vec<_> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2, f.3, f.4.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            (
                "personal-data",
                PATH,
                8,
                39,
                "`19900101-****` looks like a personnummer"
            ),
            (
                "personal-data",
                PATH,
                8,
                58,
                "`900101-****` looks like a personnummer"
            ),
        ]
    );
    assert_never_printed(&dir, &["19900101-9802", "900101-9802", "9802"]);
    // The human format still shows the line, masked, with the caret in place.
    let (_, human) = validate(&dir, "human", &[]);
    assert!(
        human.contains("name: Region Västerfjäll # kontakt: 19900101-****, alt 900101-****"),
        "{human}"
    );
}

#[test]
fn a_number_in_another_field_is_an_error() {
    let text = vasterfjall().replace("case_number: KS-2026-03980", "case_number: KS-199001019802");
    let dir = repo_with(&text);
    let (code, found) = findings(&dir, &[]);
    assert_eq!(code, 1);
    let at: Vec<_> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2, f.3))
        .collect();
    assert_eq!(at, [("personal-data", PATH, 34, 21)]);
    assert_never_printed(&dir, &["199001019802"]);
}

#[test]
fn a_number_quoted_by_another_finding_is_masked_there_too() {
    // An HSA-id with a space quotes its value in the message; the number in it must not leak.
    let text = vasterfjall().replace(
        "hsa_id: SE2321990026-T000000000100",
        "hsa_id: \"x 19900101-9802\"",
    );
    let dir = repo_with(&text);
    let (_, found) = findings(&dir, &[]);
    let codes: Vec<_> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(codes, ["invalid-hsa-id", "personal-data"], "{found:#?}");
    assert!(found[0].4.contains("x 19900101-****"), "{found:#?}");
    assert_never_printed(&dir, &["19900101-9802"]);
}

#[test]
fn a_test_patient_who_is_not_a_test_identity() {
    let text = vasterfjall().replace(
        "- personnummer: \"191212121212\"",
        "- personnummer: \"199001019802\"",
    );
    assert_ne!(text, vasterfjall());
    let dir = repo_with(&text);
    let (code, found) = findings(&dir, &[]);
    assert_eq!(code, 1);
    let at: Vec<_> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2, f.3))
        .collect();
    assert_eq!(at, [("not-a-test-identity", PATH, 76, 21)]);
    assert_never_printed(&dir, &["199001019802"]);

    // Added to a test-identities file, it is accepted.
    let ids = dir.path().join("test-identities.txt");
    fs::write(
        &ids,
        "# from Skatteverket's list\n19900101-9802 Test Testsson\n",
    )
    .unwrap();
    let (code, found) = findings(&dir, &["--test-identities", ids.to_str().unwrap()]);
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn a_test_identity_outside_a_test_patients_field_is_still_reported() {
    let text = vasterfjall().replace("case_number: KS-2026-03980", "case_number: 19121212-1212");
    let dir = repo_with(&text);
    let (code, found) = findings(&dir, &[]);
    assert_eq!(code, 1);
    let at: Vec<_> = found
        .iter()
        .map(|f| (f.0.as_str(), f.2, f.4.as_str()))
        .collect();
    assert_eq!(
        at,
        [(
            "personal-data",
            34,
            "`19121212-****` looks like a personnummer"
        )]
    );
}

#[test]
fn a_broken_file_is_still_scanned_without_noise_from_test_patients() {
    // The YAML breaks before the end, so no field is known: the real number in a comment is
    // reported; the test patient's test identity is not.
    let text = vasterfjall().replace(
        "  name: Region Västerfjäll\n",
        "  name: [Region Västerfjäll\n# 19900101-9802\n",
    );
    let dir = repo_with(&text);
    let (code, found) = findings(&dir, &[]);
    assert_eq!(code, 1);
    let codes: Vec<_> = found.iter().map(|f| (f.0.as_str(), f.2)).collect();
    assert_eq!(codes[0], ("personal-data", 9), "{found:#?}");
    assert!(
        codes.iter().all(|c| c.0 != "personal-data" || c.1 == 9),
        "{found:#?}"
    );
    assert!(codes.iter().any(|c| c.0 == "yaml-syntax"), "{found:#?}");
}

#[test]
fn numbers_inside_longer_ids_are_not_personal_data() {
    // An organisation number inside an HSA-id, and a 13-digit run holding a valid number.
    let text = vasterfjall().replace("case_number: KS-2026-03980", "case_number: X-1199001019802");
    let dir = repo_with(&text);
    let (code, found) = findings(&dir, &[]);
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn a_number_spelt_with_escapes_is_found_in_the_value() {
    // `\x31` is `1`: the raw text holds no number, the value does.
    let text = vasterfjall().replace(
        "case_number: KS-2026-03980",
        "case_number: \"KS-\\x3199001019802\"",
    );
    let dir = repo_with(&text);
    let (code, found) = findings(&dir, &[]);
    assert_eq!(code, 1);
    let at: Vec<_> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2, f.3, f.4.as_str()))
        .collect();
    assert_eq!(
        at,
        [(
            "personal-data",
            PATH,
            34,
            18,
            "`19900101****` looks like a personnummer, once the value is read"
        )]
    );
}

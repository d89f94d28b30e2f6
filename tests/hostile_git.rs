//! Hostile entries in `onboardings/` at a git revision (`validate --rev`), among the valid
//! examples: a symbolic link (outside or inside the repository), a submodule, a huge blob, a
//! folder named like an onboarding. Each is a finding for that entry; the examples stay clean;
//! the exit code is 1.

mod gitrepo;

use std::process::Command;

use gitrepo::{Entry, FILE, SYMLINK, TestRepo};
use serde_json::Value;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/onboardings");

/// The four examples as blobs, plus `extra`, committed on HEAD.
fn repo_with(extra: Vec<(String, Entry)>) -> TestRepo {
    let r = TestRepo::new();
    let mut entries: Vec<(String, Entry)> = std::fs::read_dir(EXAMPLES)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                format!("onboardings/{}", e.file_name().into_string().unwrap()),
                Entry::Blob(FILE, std::fs::read(e.path()).unwrap()),
            )
        })
        .collect();
    assert_eq!(entries.len(), 4);
    entries.extend(extra);
    r.commit("hostile", entries);
    r
}

/// A finding as `(code, path, line, message)`.
type Finding = (String, String, Option<u64>, String);

/// `validate --rev HEAD`: exit code, files checked, and each finding.
fn validate(r: &TestRepo) -> (i32, u64, Vec<Finding>) {
    let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
        .current_dir(r.path())
        .args(["validate", "--rev", "HEAD", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let findings = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap().to_owned(),
                f["line"].as_u64(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (
        out.status.code().unwrap(),
        json["summary"]["files"].as_u64().unwrap(),
        findings,
    )
}

#[test]
fn symlinks_outside_and_inside_the_repository() {
    let r = repo_with(vec![
        (
            "onboardings/outside.yaml".into(),
            Entry::Blob(SYMLINK, b"/etc/passwd".to_vec()),
        ),
        (
            "onboardings/inside.yaml".into(),
            Entry::Blob(SYMLINK, b"SE2321990026-E000000000002.yaml".to_vec()),
        ),
    ]);
    let (code, files, found) = validate(&r);
    assert_eq!((code, files), (1, 6), "{found:#?}");
    let at: Vec<_> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2))
        .collect();
    assert_eq!(
        at,
        [
            ("symlink", "HEAD:onboardings/inside.yaml", None),
            ("symlink", "HEAD:onboardings/outside.yaml", None),
        ]
    );
    assert!(found[1].3.contains("`/etc/passwd`"), "{found:#?}");
}

#[test]
fn a_submodule() {
    let other = TestRepo::new().commit_files("another project", &[("x.yaml", "a: 1\n")]);
    let r = repo_with(vec![("onboardings/vendor".into(), Entry::Submodule(other))]);
    let (code, files, found) = validate(&r);
    assert_eq!((code, files), (1, 5), "{found:#?}");
    let at: Vec<_> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2))
        .collect();
    assert_eq!(at, [("unreadable-file", "HEAD:onboardings/vendor", None)]);
}

#[test]
fn a_huge_blob() {
    let huge = format!("a: {}\n", "x".repeat(20 * 1024 * 1024));
    let r = repo_with(vec![(
        "onboardings/huge.yaml".into(),
        Entry::Blob(FILE, huge.into_bytes()),
    )]);
    let (code, files, found) = validate(&r);
    assert_eq!((code, files), (1, 5), "{found:#?}");
    let at: Vec<_> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2))
        .collect();
    assert_eq!(at, [("file-too-large", "HEAD:onboardings/huge.yaml", None)]);
}

#[test]
fn a_broken_file_at_a_revision_has_real_lines() {
    let r = repo_with(vec![(
        "onboardings/tabs.yaml".into(),
        Entry::Blob(
            FILE,
            b"care_provider:\r\n  hsa_id: x\r\n\tname: y\r\n".to_vec(),
        ),
    )]);
    let (code, files, found) = validate(&r);
    assert_eq!((code, files), (1, 5), "{found:#?}");
    let at: Vec<_> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2))
        .collect();
    assert_eq!(at, [("yaml-syntax", "HEAD:onboardings/tabs.yaml", Some(3))]);
}

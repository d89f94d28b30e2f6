//! Breaking any example onboarding in one of the common ways gives exit 1 and a GitHub
//! annotation on the exact line that was broken, while the untouched examples beside it stay
//! clean.

use std::fs;
use std::process::Command;

/// A way to break a file: which line to change (first line containing `marker`), how, the code
/// expected, and the line it must be reported on relative to the marker line.
struct Break {
    what: &'static str,
    marker: &'static str,
    edit: fn(&str) -> String,
    code: &'static str,
    line_offset: usize,
}

const BREAKS: &[Break] = &[
    Break {
        what: "a duplicated key",
        marker: "  name: ",
        edit: |l| format!("{l}\n{l}"),
        code: "duplicate-key",
        line_offset: 1,
    },
    Break {
        what: "a misspelt key",
        marker: "  customer_agreement:",
        edit: |l| l.replace("customer_agreement", "customer_agremeent"),
        code: "unknown-key",
        line_offset: 0,
    },
    Break {
        what: "an invalid HSA-id",
        marker: "    hsa_id: ",
        edit: |l| format!("{l} X"),
        code: "invalid-hsa-id",
        line_offset: 0,
    },
    Break {
        what: "a URL with `=`",
        marker: "      url: ",
        edit: |l| format!("{l}?version=3"),
        code: "invalid-url",
        line_offset: 0,
    },
    Break {
        what: "a syntax error",
        marker: "  name: ",
        edit: |l| format!("{l}: more"),
        code: "yaml-syntax",
        line_offset: 0,
    },
];

#[test]
fn every_break_of_every_example_is_annotated_on_its_line() {
    let examples: Vec<_> = fs::read_dir("onboardings")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    assert!(
        examples.len() >= 4,
        "the repository has at least four examples"
    );
    for example in &examples {
        for b in BREAKS {
            let dir = tempfile::tempdir().unwrap();
            for other in &examples {
                fs::copy(other, dir.path().join(other.file_name().unwrap())).unwrap();
            }
            let text = fs::read_to_string(example).unwrap();
            let index = text
                .lines()
                .position(|l| l.starts_with(b.marker))
                .unwrap_or_else(|| {
                    panic!("{}: no line starts with {:?}", example.display(), b.marker)
                });
            let broken: Vec<String> = text
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    if i == index {
                        (b.edit)(l)
                    } else {
                        l.to_owned()
                    }
                })
                .collect();
            let target = dir.path().join(example.file_name().unwrap());
            fs::write(&target, broken.join("\n") + "\n").unwrap();

            let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
                .args(["validate", "--format", "github"])
                .arg(dir.path())
                .output()
                .unwrap();
            let stdout = String::from_utf8(out.stdout).unwrap();
            let context = format!("{} with {}:\n{stdout}", example.display(), b.what);
            assert_eq!(out.status.code(), Some(1), "{context}");
            let expected = format!(
                "::error file={},line={},",
                target.display(),
                index + 1 + b.line_offset
            );
            assert!(
                stdout
                    .lines()
                    .any(|l| l.starts_with(&expected) && l.contains(&format!("title={}::", b.code))),
                "{context}\nexpected an annotation starting {expected:?} with title={}",
                b.code
            );
            // Only the broken file has findings.
            for l in stdout.lines() {
                assert!(
                    l.contains(&*target.to_string_lossy()),
                    "{context}\nunexpected: {l}"
                );
            }
        }
    }
}

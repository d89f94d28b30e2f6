//! Hostile and broken input, each placed among the valid example onboardings: the finding names
//! the file (and line where there is one), every other file is still checked and stays clean,
//! and the exit code is 1. Large and binary inputs are generated here, in temporary folders.
//!
//! Time and memory of the nasty ones are measured with `/usr/bin/time -v`, not asserted here
//! (see SECURITY.md).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/onboardings");
/// The example whose copy some cases modify (it has non-ASCII text, so bytes ≠ characters).
const VASTERFJALL: &str = "SE2321990026-E000000000002.yaml";

/// A repository root in a temporary folder with a copy of every example in `onboardings/`.
struct Repo {
    dir: tempfile::TempDir,
    examples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    code: String,
    severity: String,
    path: String,
    line: Option<u64>,
    col: Option<u64>,
    message: String,
}

#[derive(Debug)]
struct Run {
    code: i32,
    findings: Vec<Finding>,
    files: u64,
    stderr: String,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("onboardings")).unwrap();
        let mut examples = Vec::new();
        for e in fs::read_dir(EXAMPLES).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            fs::copy(e.path(), dir.path().join("onboardings").join(&name)).unwrap();
            examples.push(name);
        }
        examples.sort();
        assert_eq!(
            examples.len(),
            4,
            "the examples changed; adjust the counts here"
        );
        Repo { dir, examples }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `onboardings/<name>`.
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        fs::write(self.path("onboardings").join(name), bytes).unwrap();
        format!("onboardings/{name}")
    }

    fn validate(&self, extra: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
            .current_dir(self.dir.path())
            .args(["validate", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let code = out.status.code().expect("exited, not killed");
        let json: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {stderr}"));
        let findings = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| Finding {
                code: f["code"].as_str().unwrap().to_owned(),
                severity: f["severity"].as_str().unwrap().to_owned(),
                path: f["path"].as_str().unwrap().to_owned(),
                line: f["line"].as_u64(),
                col: f["col"].as_u64(),
                message: f["message"].as_str().unwrap().to_owned(),
            })
            .collect();
        Run {
            code,
            findings,
            files: json["summary"]["files"].as_u64().unwrap(),
            stderr,
        }
    }
}

fn example(name: &str) -> String {
    fs::read_to_string(Path::new(EXAMPLES).join(name)).unwrap()
}

/// Runs `validate` on the whole folder and checks what every case shares: exit code 1, every
/// file checked (`files`), every finding about `path` (the valid siblings have none), and a
/// finding with `code` at `line` (and `col`, when given). Returns the run for further checks.
fn assert_finding(
    repo: &Repo,
    files: u64,
    path: &str,
    code: &str,
    line: Option<u64>,
    col: Option<u64>,
) -> Run {
    let run = repo.validate(&[]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(run.files, files, "every file is checked: {run:#?}");
    let others: Vec<_> = run.findings.iter().filter(|f| f.path != path).collect();
    assert!(
        others.is_empty(),
        "the valid siblings have findings: {others:#?}"
    );
    assert!(
        run.findings
            .iter()
            .any(|f| f.code == code && f.line == line && (col.is_none() || f.col == col)),
        "no `{code}` at {line:?}:{col:?} in {path}: {:#?}",
        run.findings
    );
    run
}

#[test]
fn the_examples_are_clean_so_every_finding_below_is_the_hostile_files() {
    let repo = Repo::new();
    let run = repo.validate(&[]);
    assert_eq!((run.code, run.files), (0, 4), "{run:#?}");
    assert!(run.findings.is_empty(), "{run:#?}");
    assert_eq!(repo.examples.len(), 4);
}

#[test]
fn yaml_syntax_error() {
    let repo = Repo::new();
    let p = repo.write(
        "broken.yaml",
        "care_provider:\n  hsa_id: [SE1, SE2\n  name: x\n",
    );
    let run = assert_finding(&repo, 5, &p, "yaml-syntax", Some(3), None);
    assert_eq!(run.findings.len(), 1, "nothing else is reported: {run:#?}");
}

#[test]
fn duplicate_key_with_the_same_value() {
    let repo = Repo::new();
    let text = example(VASTERFJALL).replacen(
        "  name: Region Västerfjäll\n",
        "  name: Region Västerfjäll\n  name: Region Västerfjäll\n",
        1,
    );
    let p = repo.write(VASTERFJALL, text);
    let run = assert_finding(&repo, 4, &p, "duplicate-key", Some(9), Some(3));
    assert_eq!(run.findings.len(), 1, "{run:#?}");
}

#[test]
fn alias_bomb_is_not_expanded() {
    let repo = Repo::new();
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        let refs = vec![format!("*{prev}"); 9].join(",");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    let p = repo.write("bomb.yaml", &bomb);
    let run = assert_finding(&repo, 5, &p, "yaml-alias", Some(1), Some(4));
    // One finding per anchor and per alias: 9 anchors, 8 × 9 aliases; never 9⁹ of anything.
    let aliases = run
        .findings
        .iter()
        .filter(|f| f.code == "yaml-alias")
        .count();
    assert_eq!(aliases, 9 + 8 * 9);
}

#[test]
fn nesting_100_000_deep_in_flow_style() {
    let repo = Repo::new();
    let deep = "[".repeat(100_000) + &"]".repeat(100_000) + "\n";
    let p = repo.write("flow.yaml", deep);
    // The parser stops at 255 levels of brackets (ours would at 64).
    let run = assert_finding(&repo, 5, &p, "nesting-too-deep", Some(1), Some(256));
    assert_eq!(run.findings.len(), 1, "{run:#?}");
    let deep = "{a: ".repeat(100_000) + "x" + &"}".repeat(100_000) + "\n";
    let p = repo.write("flow.yaml", deep);
    assert_finding(&repo, 5, &p, "nesting-too-deep", Some(1), Some(255 * 4 + 1));
}

#[test]
fn nesting_100_000_deep_in_block_style() {
    let repo = Repo::new();
    // `- - - x`: block sequences nest on one line, 100,000 of them in 200 kB.
    let deep = "- ".repeat(100_000) + "x\n";
    let p = repo.write("block.yaml", deep);
    assert_finding(&repo, 5, &p, "nesting-too-deep", Some(1), Some(64 * 2 + 1));
    // Block mappings need one more indentation per level, so 1,000 levels fill 500 kB.
    let deep: String = (0..1_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let p = repo.write("block.yaml", deep);
    assert_finding(&repo, 5, &p, "nesting-too-deep", Some(65), Some(65));
}

#[test]
fn file_over_the_size_limit() {
    let repo = Repo::new();
    let mut big = example(VASTERFJALL);
    big.push_str(&"# padding\n".repeat(1024 * 1024 / 10 + 1));
    assert!(big.len() > 1024 * 1024);
    let p = repo.write("big.yaml", big);
    let run = assert_finding(&repo, 5, &p, "file-too-large", None, None);
    assert_eq!(run.findings.len(), 1, "the file is not read: {run:#?}");
}

#[test]
fn a_file_just_under_the_size_limit_with_a_quarter_million_values() {
    let repo = Repo::new();
    let list = "- x\n".repeat(1024 * 1024 / 4);
    let p = repo.write("list.yaml", list);
    let run = assert_finding(&repo, 5, &p, "too-many-nodes", Some(20_000), Some(3));
    assert_eq!(run.findings.len(), 1, "reading stopped there: {run:#?}");
    // The same with aliases: findings up to the limit (shown up to the cap), then the stop.
    let aliases = format!("a: &a x\nb: [{}*a]\n", "*a, ".repeat(1024 * 1024 / 4 - 8));
    let p = repo.write("list.yaml", aliases);
    let run = assert_finding(&repo, 5, &p, "too-many-nodes", Some(2), None);
    let aliases = run
        .findings
        .iter()
        .filter(|f| f.code == "yaml-alias")
        .count();
    assert_eq!(
        aliases, 101,
        "100 shown and one that counts the rest: {run:#?}"
    );
    assert!(
        run.findings
            .iter()
            .any(|f| f.message.starts_with("19896 more `yaml-alias` findings")),
        "{run:#?}"
    );
}

#[test]
fn the_size_limit_is_configurable() {
    let repo = Repo::new();
    let run = repo.validate(&["--max-file-size", "3000", "onboardings"]);
    assert_eq!(run.code, 1);
    let too_large: Vec<_> = run
        .findings
        .iter()
        .filter(|f| f.code == "file-too-large")
        .map(|f| f.path.as_str())
        .collect();
    // The two short examples are read, the two long ones reported.
    let sizes: Vec<u64> = repo
        .examples
        .iter()
        .map(|e| {
            fs::metadata(repo.path("onboardings").join(e))
                .unwrap()
                .len()
        })
        .collect();
    assert_eq!(too_large.len(), sizes.iter().filter(|&&s| s > 3000).count());
    assert!((1..4).contains(&too_large.len()), "{sizes:?}");
    assert!(
        run.findings.iter().all(|f| f.code == "file-too-large"),
        "{run:#?}"
    );
}

#[test]
fn non_utf8_bytes() {
    let repo = Repo::new();
    let text = example(VASTERFJALL).replace("Region Västerfjäll\n", "Region V\u{0}sterfj\u{0}ll\n");
    // Latin-1 `ä` (0xE4) where UTF-8 has two bytes.
    let bytes: Vec<u8> = text
        .bytes()
        .map(|b| if b == 0 { 0xE4 } else { b })
        .collect();
    let p = repo.write(VASTERFJALL, bytes);
    let run = assert_finding(&repo, 4, &p, "invalid-encoding", Some(8), Some(17));
    assert_eq!(run.findings.len(), 1, "{run:#?}");
}

#[test]
fn utf16() {
    let repo = Repo::new();
    for (bom, name) in [([0xFF, 0xFE], "le.yaml"), ([0xFE, 0xFF], "be.yaml")] {
        let mut bytes = bom.to_vec();
        for u in example(VASTERFJALL).encode_utf16() {
            let pair = if bom[0] == 0xFF {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            };
            bytes.extend(pair);
        }
        repo.write(name, bytes);
    }
    let run = repo.validate(&[]);
    assert_eq!((run.code, run.files), (1, 6), "{run:#?}");
    let utf16: Vec<_> = run
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str(), f.line))
        .collect();
    assert_eq!(
        utf16,
        [
            ("invalid-encoding", "onboardings/be.yaml", Some(1)),
            ("invalid-encoding", "onboardings/le.yaml", Some(1)),
        ]
    );
}

#[test]
fn utf8_byte_order_mark_is_a_warning_and_the_file_is_read() {
    let repo = Repo::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    let text = example(VASTERFJALL).replace(
        "hsa_id: SE2321990026-T000000000100",
        "hsa_id: SE2321990026 T000000000100",
    );
    bytes.extend(text.as_bytes());
    let p = repo.write(VASTERFJALL, bytes);
    let run = assert_finding(&repo, 4, &p, "byte-order-mark", Some(1), Some(1));
    // The rest of the file is checked, with positions as an editor shows them (no BOM column).
    assert!(
        run.findings
            .iter()
            .any(|f| f.code == "invalid-hsa-id" && f.line == Some(52) && f.col == Some(13)),
        "{run:#?}"
    );

    // A BOM alone is only a warning: a file that is otherwise valid passes.
    let repo = Repo::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(example(VASTERFJALL).as_bytes());
    let p = repo.write(VASTERFJALL, bytes);
    let run = repo.validate(&[]);
    assert_eq!(run.code, 0, "{run:#?}");
    let bom: Vec<_> = run
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str(), f.severity.as_str()))
        .collect();
    assert_eq!(bom, [("byte-order-mark", p.as_str(), "warning")]);
}

#[test]
fn crlf_line_endings_keep_lines_and_columns() {
    // The same mistakes, once with LF and once with CRLF: the same findings at the same places,
    // in the concise format too (what editors and CI annotations read).
    let text = example(VASTERFJALL)
        .replace(
            "hsa_id: SE2321990026-T000000000100",
            "hsa_id: SE2321990026 T000000000100",
        )
        .replace(
            "  name: Region Västerfjäll\n",
            "  name: Region Västerfjäll  # 19900101-9802\n",
        )
        .replace("date: 2026-09-24", "date: 2026-09-31");
    let run_with = |text: &str| {
        let repo = Repo::new();
        let p = repo.write(VASTERFJALL, text);
        let run = repo.validate(&[]);
        let shown = |format: &str| {
            let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
                .current_dir(repo.path(""))
                .args(["validate", "--color", "never", "--format", format])
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap()
        };
        (p, run, shown("concise"), shown("human"))
    };
    let (p, lf, lf_concise, lf_human) = run_with(&text);
    let (_, crlf, crlf_concise, crlf_human) = run_with(&text.replace('\n', "\r\n"));
    assert_eq!(crlf.code, 1);
    assert_eq!(lf.findings, crlf.findings);
    assert_eq!(lf_concise, crlf_concise);
    // The snippets show the same lines, with no stray carriage returns.
    assert_eq!(lf_human, crlf_human);
    let at: Vec<_> = crlf
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str(), f.line, f.col))
        .collect();
    assert_eq!(
        at,
        [
            ("personal-data", p.as_str(), Some(8), Some(31)),
            ("invalid-date", p.as_str(), Some(47), Some(13)),
            ("invalid-hsa-id", p.as_str(), Some(52), Some(13)),
        ]
    );
}

#[test]
fn tabs_used_for_indentation() {
    let repo = Repo::new();
    let text = example(VASTERFJALL).replace(
        "  name: Region Västerfjäll\n",
        "\tname: Region Västerfjäll\n",
    );
    let p = repo.write(VASTERFJALL, text);
    let run = assert_finding(&repo, 4, &p, "yaml-syntax", Some(8), Some(1));
    assert!(run.findings[0].message.contains("tab"), "{run:#?}");
    assert_eq!(run.findings.len(), 1, "{run:#?}");
}

#[test]
fn several_documents_in_one_file() {
    let repo = Repo::new();
    let text = example(VASTERFJALL) + "---\ncare_provider:\n  hsa_id: SE2321990026-E000000000009\n";
    let p = repo.write(VASTERFJALL, text);
    let run = assert_finding(&repo, 4, &p, "multiple-documents", Some(86), Some(1));
    assert_eq!(
        run.findings.len(),
        1,
        "the second document is not read: {run:#?}"
    );
}

#[test]
fn tags() {
    let repo = Repo::new();
    let text = example(VASTERFJALL)
        .replace(
            "  name: Region Västerfjäll\n",
            "  name: !!binary UmVnaW9u\n",
        )
        .replace(
            "case_number: KS-2026-03980",
            "case_number: !custom KS-2026-03980",
        );
    let p = repo.write(VASTERFJALL, text);
    let run = assert_finding(&repo, 4, &p, "yaml-tag", Some(8), Some(9));
    assert_finding(&repo, 4, &p, "yaml-tag", Some(34), Some(18));
    assert_eq!(run.findings.len(), 2, "{run:#?}");
}

#[test]
fn merge_keys() {
    let repo = Repo::new();
    let text = example(VASTERFJALL).replace(
        "  name: Region Västerfjäll\n",
        "  <<: {name: Region Västerfjäll}\n",
    );
    let p = repo.write(VASTERFJALL, text);
    assert_finding(&repo, 4, &p, "yaml-merge-key", Some(8), Some(3));
}

#[test]
fn non_string_keys() {
    let repo = Repo::new();
    let text = example(VASTERFJALL).replace(
        "agreements:\n",
        "1: one\nnull: nothing\n[a, b]: list\nagreements:\n",
    );
    let p = repo.write(VASTERFJALL, text);
    let run = assert_finding(&repo, 4, &p, "non-string-key", Some(10), Some(1));
    let lines: Vec<_> = run
        .findings
        .iter()
        .filter(|f| f.code == "non-string-key")
        .map(|f| f.line)
        .collect();
    assert_eq!(lines, [Some(10), Some(11), Some(12)]);
    assert_eq!(run.findings.len(), 3, "{run:#?}");
}

#[test]
fn empty_file_and_file_of_only_comments() {
    let repo = Repo::new();
    let empty = repo.write("empty.yaml", "");
    let comments = repo.write(
        "comments.yaml",
        "# nothing here yet\n\n   # still nothing\n",
    );
    let run = repo.validate(&[]);
    assert_eq!((run.code, run.files), (1, 6), "{run:#?}");
    let at: Vec<_> = run
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str(), f.line))
        .collect();
    assert_eq!(
        at,
        [
            ("empty-document", comments.as_str(), Some(1)),
            ("empty-document", empty.as_str(), Some(1)),
        ]
    );
}

#[test]
fn numbers_where_text_is_expected() {
    let repo = Repo::new();
    let text = example(VASTERFJALL)
        .replace("phone: +46 63 100 20 30", "phone: 0755")
        .replace(
            "document_name: Förstudie NKRR Region Västerfjäll",
            "document_name: 1.10",
        );
    let p = repo.write(VASTERFJALL, text);
    let run = assert_finding(&repo, 4, &p, "wrong-type", Some(23), Some(12));
    assert_finding(&repo, 4, &p, "wrong-type", Some(30), Some(20));
    assert_eq!(run.findings.len(), 2, "{run:#?}");
}

#[test]
fn directory_named_like_an_onboarding() {
    let repo = Repo::new();
    fs::create_dir(repo.path("onboardings/x.yaml")).unwrap();
    // It is reported, and its contents are searched like any folder's.
    fs::write(repo.path("onboardings/x.yaml/inner.yaml"), "a: [\n").unwrap();
    let run = repo.validate(&[]);
    assert_eq!((run.code, run.files), (1, 6), "{run:#?}");
    let at: Vec<_> = run
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str(), f.line))
        .collect();
    assert_eq!(
        at,
        [
            ("unreadable-file", "onboardings/x.yaml", None),
            ("yaml-syntax", "onboardings/x.yaml/inner.yaml", Some(2)),
        ]
    );
    assert!(run.findings[0].message.contains("directory"), "{run:#?}");
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    let p = repo.write("locked.yaml", example(VASTERFJALL));
    let path = repo.path(&p);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Running as root, where permissions do not stop reading: a named pipe, which cannot be
        // read without waiting for a writer, stands in for it.
        fs::remove_file(&path).unwrap();
        let status = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(status.success());
    }
    let run = assert_finding(&repo, 5, &p, "unreadable-file", None, None);
    assert_eq!(run.findings.len(), 1);
}

#[cfg(unix)]
#[test]
fn named_pipe_is_not_opened() {
    // Opening a FIFO blocks until someone writes to it: the run must not hang on one.
    let repo = Repo::new();
    let status = Command::new("mkfifo")
        .arg(repo.path("onboardings/pipe.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    let run = assert_finding(
        &repo,
        5,
        "onboardings/pipe.yaml",
        "unreadable-file",
        None,
        None,
    );
    assert!(
        run.findings[0].message.contains("not a regular file"),
        "{run:#?}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_pointing_outside_the_repository_is_not_followed() {
    let repo = Repo::new();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    fs::write(&secret, "password: hunter2\n").unwrap();
    std::os::unix::fs::symlink(&secret, repo.path("onboardings/link.yaml")).unwrap();
    let run = assert_finding(&repo, 5, "onboardings/link.yaml", "symlink", None, None);
    assert_eq!(run.findings.len(), 1, "{run:#?}");
    assert!(!run.findings[0].message.contains("hunter2"));
    // The target is not read, so nothing of it can appear in a report.
    assert!(!run.stderr.contains("hunter2"));
}

#[cfg(unix)]
#[test]
fn symlink_pointing_inside_the_repository_is_not_followed_either() {
    let repo = Repo::new();
    std::os::unix::fs::symlink(VASTERFJALL, repo.path("onboardings/alias.yaml")).unwrap();
    let run = assert_finding(&repo, 5, "onboardings/alias.yaml", "symlink", None, None);
    assert_eq!(
        run.findings.len(),
        1,
        "no duplicate care provider: {run:#?}"
    );
    assert!(run.findings[0].message.contains(VASTERFJALL), "{run:#?}");
}

#[test]
fn a_missing_path_is_the_only_exit_2() {
    let repo = Repo::new();
    let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
        .current_dir(repo.path(""))
        .args(["validate", "onboardings", "nowhere.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere.yaml"));
}

/// Inputs that fuzzing found to break an invariant, kept as they were found: each is checked
/// beside the examples, and every finding must point inside its file.
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/fuzz");
    let mut cases = 0;
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let bytes = fs::read(e.path()).unwrap();
        let repo = Repo::new();
        let name = e.file_name().into_string().unwrap();
        let p = repo.write(&name, &bytes);
        let run = repo.validate(&[]);
        assert_eq!((run.code, run.files), (1, 5), "{name}: {run:#?}");
        let text = String::from_utf8_lossy(&bytes);
        let lines = text.split('\n').collect::<Vec<_>>();
        for f in &run.findings {
            assert_eq!(
                f.path, p,
                "{name}: only the hostile file has findings: {run:#?}"
            );
            if let (Some(line), Some(col)) = (f.line, f.col) {
                let l = lines
                    .get(line as usize - 1)
                    .unwrap_or_else(|| panic!("{name}: {f:?} past the last line"));
                assert!(
                    col as usize <= l.chars().count() + 1,
                    "{name}: {f:?} past the end of its line"
                );
            }
        }
        cases += 1;
    }
    assert!(cases >= 1);
}

//! Onboardings read from a git revision without a checkout: names `REV:path`, real lines,
//! symbolic links and submodules reported and not followed, huge blobs not loaded, and the
//! errors (exit 2) for a missing revision, a non-repository and a tree without `onboardings/`.

mod gitrepo;

use std::process::Command;

use gitrepo::{Entry, FILE, NORRSUND, SYMLINK, TestRepo, example, path_of};
use nkrr_onboard::check::{self, Context, Options};
use nkrr_onboard::diag::Code;
use nkrr_onboard::git::Repo;
use nkrr_onboard::source::Content;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
}

#[test]
fn files_at_a_revision_are_named_rev_colon_path() {
    let r = TestRepo::new();
    let text = example(NORRSUND);
    let first = r.commit_files(
        "base",
        &[
            (&path_of(NORRSUND), &text),
            ("onboardings/notes.txt", "not yaml"),
            ("README.md", "x"),
        ],
    );
    r.commit_files("later", &[("README.md", "everything else went")]);
    r.tag("base", first);
    let repo = Repo::discover(r.path()).unwrap();
    let files = repo
        .revision("base")
        .unwrap()
        .collect(&["onboardings".into()], 1 << 20)
        .unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, format!("base:{}", path_of(NORRSUND)));
    assert!(matches!(&files[0].content, Content::Bytes(b) if b == text.as_bytes()));
}

#[test]
fn findings_at_a_revision_have_real_lines() {
    let r = TestRepo::new();
    let broken = example(NORRSUND).replace("  name: Region Norrsund", "  nmae: Region Norrsund");
    r.commit_files("broken", &[(&path_of(NORRSUND), &broken)]);
    let out = bin()
        .args(["validate", "--rev", "HEAD", "--format", "concise"])
        .current_dir(r.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = broken
        .lines()
        .position(|l| l.contains("nmae"))
        .map(|i| i + 1)
        .unwrap();
    assert!(
        stdout.contains(&format!(
            "HEAD:{}:{line}:3: error[unknown-key]: unknown key `nmae` in `care_provider`",
            path_of(NORRSUND)
        )),
        "{stdout}"
    );
}

#[test]
fn symlinks_and_submodules_are_findings_not_followed() {
    let r = TestRepo::new();
    let sub = r.commit_files("another project", &[("x", "y")]);
    r.commit(
        "links",
        vec![
            (
                path_of(NORRSUND),
                Entry::Blob(FILE, example(NORRSUND).into_bytes()),
            ),
            (
                "onboardings/link.yaml".into(),
                Entry::Blob(SYMLINK, b"../../../etc/passwd".to_vec()),
            ),
            ("onboardings/vendor".into(), Entry::Submodule(sub)),
        ],
    );
    let repo = Repo::discover(r.path()).unwrap();
    let files = repo
        .revision("HEAD")
        .unwrap()
        .collect(&["onboardings".into()], 1 << 20)
        .unwrap();
    let report = check::check(&Context::new(Options::default()), files);
    let found: Vec<(Code, &str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Code::Symlink,
                "HEAD:onboardings/link.yaml",
                "the file is a symbolic link to `../../../etc/passwd`, which is not followed"
            ),
            (
                Code::UnreadableFile,
                "HEAD:onboardings/vendor",
                "cannot read the file: it is a git submodule, another repository, which is not read"
            ),
        ]
    );
    // The valid sibling is still checked and valid.
    assert_eq!(report.valid_onboardings().count(), 1);
}

#[test]
fn a_blob_over_the_limit_is_not_loaded() {
    let r = TestRepo::new();
    let huge = format!("# {}\n", "x".repeat(3 * 1024 * 1024));
    r.commit_files(
        "huge",
        &[
            (&path_of(NORRSUND), &example(NORRSUND)),
            ("onboardings/huge.yaml", &huge),
        ],
    );
    let repo = Repo::discover(r.path()).unwrap();
    let files = repo
        .revision("HEAD")
        .unwrap()
        .collect(&["onboardings".into()], 1 << 20)
        .unwrap();
    let huge_file = files
        .iter()
        .find(|f| f.name.ends_with("huge.yaml"))
        .unwrap();
    assert!(matches!(huge_file.content, Content::TooLarge(n) if n == huge.len() as u64));
    let out = bin()
        .args(["validate", "--rev", "HEAD", "--format", "concise"])
        .current_dir(r.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "HEAD:onboardings/huge.yaml:1:1: error[file-too-large]: the file is {} bytes, over the limit of 1048576 bytes; it is not read\n",
            huge.len()
        )
    );
}

#[test]
fn could_not_run_is_exit_2_with_a_clear_error() {
    let r = TestRepo::new();
    r.commit_files("no onboardings", &[("README.md", "x")]);
    let run = |args: &[&str], dir: &std::path::Path| {
        let out = bin().args(args).current_dir(dir).output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, err) = run(&["validate", "--rev", "no-such-branch"], r.path());
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("error: unknown revision `no-such-branch`"),
        "{err}"
    );
    let (code, err) = run(&["validate", "--rev", "HEAD"], r.path());
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("error: revision `HEAD` has no `onboardings`"),
        "{err}"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let (code, err) = run(&["validate", "--rev", "HEAD"], elsewhere.path());
    assert_eq!(code, Some(2));
    assert!(err.contains("is not inside a git repository"), "{err}");
}

#[test]
fn export_at_a_revision_equals_export_of_the_checked_out_files() {
    let r = TestRepo::new();
    let text = example(NORRSUND);
    r.commit_files("one", &[(&path_of(NORRSUND), &text)]);
    // Nothing is checked out: the working tree is empty.
    assert!(!r.path().join("onboardings").exists());
    let export = |args: &[&str]| {
        let out = bin()
            .arg("export")
            .args(args)
            .current_dir(r.path())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    export(&["--rev", "HEAD", "--out", "from-rev"]);
    std::fs::create_dir(r.path().join("onboardings")).unwrap();
    std::fs::write(r.path().join(path_of(NORRSUND)), &text).unwrap();
    export(&["--out", "from-folder"]);
    let listing = |dir: &str| {
        let mut files = Vec::new();
        let mut stack = vec![r.path().join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(r.path().join(dir)).unwrap().to_owned();
                    files.push((rel, std::fs::read(&p).unwrap()));
                }
            }
        }
        files.sort();
        files
    };
    let from_rev = listing("from-rev");
    assert!(from_rev.len() > 5, "{}", from_rev.len());
    assert_eq!(from_rev, listing("from-folder"));
}

//! Output safety from the command line: `export --out` with hostile names among the examples
//! writes only inside `--out`, and every CSV cell and Markdown line it writes stays text; a
//! hostile or broken file stops the export before anything is written.
//! (The escaping rules themselves are tested in `tests/export.rs`.)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const HOSTILE_NAMES: &str = "tests/fixtures/export/onboardings/SE2321990042-E000000000094.yaml";

/// A repository root with the examples, and `extra` files in `onboardings/`.
fn repo(extra: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let ob = dir.path().join("onboardings");
    fs::create_dir(&ob).unwrap();
    for e in fs::read_dir(Path::new(ROOT).join("onboardings")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), ob.join(e.file_name())).unwrap();
    }
    for (name, bytes) in extra {
        fs::write(ob.join(name), bytes).unwrap();
    }
    dir
}

fn export(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
        .current_dir(dir)
        .args(["export", "--out", "out"])
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap(), text)
}

/// Every file under `dir`, relative.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The cells of a CSV text (RFC 4180).
fn csv_cells(text: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',' | '\n') => cells.push(std::mem::take(&mut cell)),
            (false, c) => cell.push(c),
        }
    }
    assert!(!quoted, "unterminated quote in\n{text}");
    cells
}

#[test]
fn hostile_names_are_exported_as_text_and_only_inside_out() {
    let hostile = fs::read(Path::new(ROOT).join(HOSTILE_NAMES)).unwrap();
    let dir = repo(&[("SE2321990042-E000000000094.yaml", &hostile)]);
    let (code, text) = export(dir.path());
    assert_eq!(code, 0, "{text}");
    // Nothing but the onboardings and `out/` in the repository afterwards.
    let mut top: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    top.sort();
    assert_eq!(top, ["onboardings", "out"]);
    assert_eq!(files(&dir.path().join("onboardings")).len(), 5);

    let written = files(&dir.path().join("out"));
    let hostile_dir = Path::new("SE2321990042-E000000000094");
    assert!(
        written.iter().any(|p| p.starts_with(hostile_dir)),
        "{written:?}"
    );
    let (mut csv_seen, mut md_seen) = (0, 0);
    for rel in &written {
        let text = fs::read_to_string(dir.path().join("out").join(rel)).unwrap();
        match rel.extension().and_then(|e| e.to_str()) {
            Some("csv") => {
                csv_seen += 1;
                for cell in csv_cells(&text) {
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{}: formula cell {cell:?}",
                        rel.display()
                    );
                }
            }
            Some("md") => {
                md_seen += 1;
                assert!(
                    !text.replace("<br>", "").contains('<'),
                    "{}: HTML in\n{text}",
                    rel.display()
                );
            }
            _ => {}
        }
    }
    assert!(csv_seen > 0 && md_seen > 0, "{written:?}");
    let info = fs::read_to_string(
        dir.path()
            .join("out")
            .join(hostile_dir)
            .join("qa/administrera-systeminformation.csv"),
    )
    .unwrap();
    assert!(info.contains("\"'=HYPERLINK("), "{info}");
}

#[test]
fn a_care_provider_id_that_climbs_out_is_never_a_folder() {
    let text =
        fs::read_to_string(Path::new(ROOT).join("onboardings/SE2321990018-E000000000001.yaml"))
            .unwrap()
            .replace(
                "hsa_id: SE2321990018-E000000000001",
                "hsa_id: ../../escaped",
            );
    let dir = repo(&[("escaped.yaml", text.as_bytes())]);
    let (code, out) = export(dir.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("nothing exported"), "{out}");
    assert!(out.contains("onboardings/escaped.yaml"), "{out}");
    assert!(!dir.path().join("out").exists());
    assert!(!dir.path().parent().unwrap().join("escaped").exists());
}

#[test]
fn a_broken_file_stops_the_export_before_anything_is_written() {
    let dir = repo(&[("bomb.yaml", b"a: &a [x, x]\nb: [*a, *a]\n")]);
    let (code, out) = export(dir.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[yaml-alias]"), "{out}");
    assert!(
        out.contains("nothing exported: fix the errors in onboardings/bomb.yaml first"),
        "{out}"
    );
    assert!(!dir.path().join("out").exists());
}

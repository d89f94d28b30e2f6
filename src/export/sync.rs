//! Bringing an output folder in line with the generated files: compare (`--check`), write,
//! and remove what the tool wrote before and no longer generates.
//!
//! The tool owns exactly the files listed in the manifest ([`MANIFEST`]) it writes beside them,
//! and only when their path has a shape it generates (`README.md`, `<id>/checklist.md`,
//! `<id>/<env>/<name>`). A file the tool did not write is never removed, whatever its name.
//! Every write is atomic; no directory on the way is a symbolic link, so nothing lands outside
//! the output folder.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{DOCUMENTS, ExportFile, TAK_ORDER, is_safe_component};
use crate::fsutil::write_atomic;

/// The list of files the tool owns in the output folder.
pub const MANIFEST: &str = ".nkrr-onboard-manifest";

/// What a run changes in the output folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A file that does not exist yet.
    New(String),
    /// A file whose bytes differ.
    Changed(String),
    /// A file the tool wrote before and no longer generates.
    Removed(String),
}

impl Change {
    pub fn path(&self) -> &str {
        match self {
            Change::New(p) | Change::Changed(p) | Change::Removed(p) => p,
        }
    }
}

/// Adds the manifest, which lists every generated file, to `files`.
pub fn with_manifest(mut files: Vec<ExportFile>) -> Vec<ExportFile> {
    let mut text = String::from(
        "# Files written by `nkrr-onboard export`; it removes only files listed here.\n",
    );
    for f in &files {
        text.push_str(&f.path);
        text.push('\n');
    }
    text.push_str(MANIFEST);
    text.push('\n');
    files.push(ExportFile {
        path: MANIFEST.into(),
        bytes: text.into_bytes(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Whether `path` has the shape of a file the tool generates.
fn is_owned_shape(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let generated_name = |n: &str| {
        n == TAK_ORDER
            || n.rsplit_once('.').is_some_and(|(stem, ext)| {
                DOCUMENTS.contains(&stem) && ["md", "json", "csv"].contains(&ext)
            })
    };
    match parts.as_slice() {
        [n] => *n == "README.md" || *n == MANIFEST,
        [id, n] => is_safe_component(id) && *n == "checklist.md",
        [id, env, n] => is_safe_component(id) && ["qa", "prod"].contains(env) && generated_name(n),
        _ => false,
    }
}

/// The files a previous run wrote, from the manifest in `out` (none when there is none).
fn owned(out: &Path) -> BTreeSet<String> {
    let Ok(text) = fs::read_to_string(out.join(MANIFEST)) else {
        return BTreeSet::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| is_owned_shape(l))
        .map(str::to_owned)
        .collect()
}

fn target(out: &Path, rel: &str) -> PathBuf {
    rel.split('/').fold(out.to_path_buf(), |p, c| p.join(c))
}

/// What writing `files` to `out` would change, sorted by path.
pub fn compare(out: &Path, files: &[ExportFile]) -> Vec<Change> {
    let mut changes = Vec::new();
    let generated: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for f in files {
        let path = target(out, &f.path);
        match fs::symlink_metadata(&path) {
            Err(_) => changes.push(Change::New(f.path.clone())),
            Ok(m) if !m.is_file() => changes.push(Change::Changed(f.path.clone())),
            Ok(_) => {
                if fs::read(&path).ok().as_deref() != Some(&f.bytes[..]) {
                    changes.push(Change::Changed(f.path.clone()));
                }
            }
        }
    }
    for rel in owned(out) {
        if !generated.contains(rel.as_str()) && fs::symlink_metadata(target(out, &rel)).is_ok() {
            changes.push(Change::Removed(rel));
        }
    }
    changes.sort_by(|a, b| a.path().cmp(b.path()));
    changes
}

/// Creates the folders of `rel` under `out`, refusing to pass through a symbolic link.
fn prepare_dirs(out: &Path, rel: &str) -> io::Result<()> {
    let parts: Vec<&str> = rel.split('/').collect();
    let mut dir = out.to_path_buf();
    for part in &parts[..parts.len() - 1] {
        dir.push(part);
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(io::Error::other(format!(
                    "{} is a symbolic link; refusing to write through it",
                    dir.display()
                )));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(io::Error::other(format!(
                    "{} is not a directory",
                    dir.display()
                )));
            }
            Err(_) => fs::create_dir(&dir)?,
        }
    }
    Ok(())
}

/// Writes what differs, removes what the tool owned and no longer generates, and returns the
/// changes made. Folders left empty by a removal are removed too.
pub fn apply(out: &Path, files: &[ExportFile]) -> io::Result<Vec<Change>> {
    fs::create_dir_all(out)?;
    let changes = compare(out, files);
    let by_path: std::collections::HashMap<&str, &ExportFile> =
        files.iter().map(|f| (f.path.as_str(), f)).collect();
    for change in &changes {
        let path = target(out, change.path());
        match change {
            Change::New(rel) | Change::Changed(rel) => {
                prepare_dirs(out, rel)?;
                let f = by_path[rel.as_str()];
                write_atomic(&path, &f.bytes)
                    .map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
            }
            Change::Removed(rel) => {
                prepare_dirs(out, rel)?;
                fs::remove_file(&path)
                    .map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
                // Folders of removed files go when empty; `remove_dir` leaves others alone.
                let mut dir = path.parent();
                while let Some(d) = dir.filter(|d| *d != out) {
                    if fs::remove_dir(d).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
            }
        }
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::is_owned_shape;

    #[test]
    fn owned_shapes() {
        assert!(is_owned_shape("README.md"));
        assert!(is_owned_shape("SE2321990018-E000000000001/checklist.md"));
        assert!(is_owned_shape(
            "SE2321990018-E000000000001/qa/tak-order.json"
        ));
        assert!(is_owned_shape(
            "SE2321990018-E000000000001/prod/administrera-tjansteproducent.json"
        ));
        assert!(is_owned_shape("X/qa/nkrr-konfiguration.csv"));
        assert!(!is_owned_shape("X/qa/notes.md"));
        assert!(!is_owned_shape("X/test/tak-order.json"));
        assert!(!is_owned_shape("../qa/tak-order.json"));
        assert!(!is_owned_shape("/etc/checklist.md"));
        assert!(!is_owned_shape("X/checklist.md/../../a"));
        assert!(!is_owned_shape("src/main.rs"));
        assert!(!is_owned_shape("X/qa/checklist.json"));
    }
}

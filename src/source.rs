//! Where onboarding files come from, and turning their bytes into text.
//!
//! Everything the pipeline reads arrives as a [`RawFile`]: a display name and bytes, or the
//! reason they could not be read. Folders are one source; a later source reads a git revision
//! without a checkout. Decoding (size limit, UTF-8, byte-order marks) is shared, so every source
//! reports the same findings for the same bytes.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Code, Diagnostic};
use crate::span::{Span, line_col};

/// The folder of onboardings, relative to the repository root.
pub const ONBOARDINGS_DIR: &str = "onboardings";

/// The default size limit of one file: an onboarding is a few kilobytes.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

/// A file as read from its source, before decoding.
#[derive(Debug, Clone)]
pub struct RawFile {
    /// The name findings use: a path as the user gave it, or `REV:path`.
    pub name: String,
    pub content: Content,
}

/// What reading a file gave.
#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    /// Larger than the limit; not read.
    TooLarge(u64),
    /// Could not be read, with the reason.
    Unreadable(String),
    /// A symbolic link, not followed; `target` is what it points to, as written in the link.
    Symlink {
        target: String,
    },
}

/// Decodes a file's bytes to text: `None` (with a finding) when it is not usable text.
/// A UTF-8 byte-order mark is dropped, with a warning.
pub fn decode(file: &RawFile, max_size: u64, diags: &mut Vec<Diagnostic>) -> Option<Arc<str>> {
    let bytes = match &file.content {
        Content::Bytes(b) if b.len() as u64 > max_size => {
            diags.push(too_large(&file.name, b.len() as u64, max_size));
            return None;
        }
        Content::Bytes(b) => b,
        Content::TooLarge(size) => {
            diags.push(too_large(&file.name, *size, max_size));
            return None;
        }
        Content::Unreadable(why) => {
            diags.push(Diagnostic::new(
                Code::UnreadableFile,
                &file.name,
                None,
                format!("cannot read the file: {why}"),
            ));
            return None;
        }
        Content::Symlink { target } => {
            diags.push(
                Diagnostic::new(
                    Code::Symlink,
                    &file.name,
                    None,
                    format!("the file is a symbolic link to `{target}`, which is not followed"),
                )
                .with_help("put the onboarding itself in the folder, under its own name"),
            );
            return None;
        }
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        diags.push(
            Diagnostic::new(
                Code::InvalidEncoding,
                &file.name,
                Some(Span::START),
                "the file is UTF-16, not UTF-8",
            )
            .with_help("save the file as UTF-8"),
        );
        return None;
    }
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (&bytes[..], false),
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            if bom {
                diags.push(
                    Diagnostic::new(
                        Code::ByteOrderMark,
                        &file.name,
                        Some(Span::START),
                        "the file starts with a UTF-8 byte-order mark",
                    )
                    .with_help("save the file as UTF-8 without BOM"),
                );
            }
            Some(Arc::from(text))
        }
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // Valid up to here, so this slice is UTF-8.
            let before = std::str::from_utf8(good).unwrap_or_default();
            let (line, col) = line_col(before, before.len());
            diags.push(
                Diagnostic::new(
                    Code::InvalidEncoding,
                    &file.name,
                    Some(Span {
                        line,
                        col,
                        start: 0,
                        end: 0,
                    }),
                    format!("byte 0x{:02X} is not UTF-8", bytes[e.valid_up_to()]),
                )
                .with_help("save the file as UTF-8"),
            );
            None
        }
    }
}

fn too_large(name: &str, size: u64, max: u64) -> Diagnostic {
    Diagnostic::new(
        Code::FileTooLarge,
        name,
        None,
        format!("the file is {size} bytes, over the limit of {max} bytes; it is not read"),
    )
    .with_help("an onboarding is a few kilobytes; raise the limit with `--max-file-size` if this is intended")
}

/// Reads one file from disk, without reading more than `max_size` bytes. Only a regular file is
/// opened: opening a named pipe would wait for a writer, and a device may never end.
pub fn read_path(path: &Path, name: String, max_size: u64) -> RawFile {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return RawFile {
                name,
                content: Content::Unreadable("it is a directory".into()),
            };
        }
        Ok(m) if !m.is_file() => {
            return RawFile {
                name,
                content: Content::Unreadable(
                    "it is not a regular file (a named pipe, socket or device)".into(),
                ),
            };
        }
        _ => {}
    }
    let content = match fs::File::open(path) {
        Err(e) => Content::Unreadable(e.to_string()),
        Ok(f) => match f.metadata() {
            Err(e) => Content::Unreadable(e.to_string()),
            Ok(m) if m.is_dir() => Content::Unreadable("it is a directory".into()),
            Ok(m) if m.len() > max_size => Content::TooLarge(m.len()),
            Ok(m) => {
                // Sized from the metadata (plus one byte to see the end), so the read neither
                // probes nor grows the buffer; a file that grew meanwhile is still read whole.
                let mut bytes = Vec::with_capacity(usize::try_from(m.len()).map_or(0, |n| n + 1));
                match f.take(max_size.saturating_add(1)).read_to_end(&mut bytes) {
                    Ok(_) if bytes.len() as u64 > max_size => Content::TooLarge(bytes.len() as u64),
                    Ok(_) => Content::Bytes(bytes),
                    Err(e) => Content::Unreadable(e.to_string()),
                }
            }
        },
    };
    RawFile { name, content }
}

/// Whether a path names a YAML file by its extension.
pub fn is_yaml_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The files to check for the paths given on the command line: files as given, folders searched
/// (recursively, in name order) for `*.yaml` and `*.yml`. Symbolic links inside folders are not
/// followed but listed, to be reported; so is a folder with a YAML name (and it is searched, too).
/// An `Err` is a path that does not exist: the user's command is wrong.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        let meta = fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            walk(p, &mut out).map_err(|e| format!("{}: {e}", p.display()))?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let ft = e.file_type()?;
        if ft.is_symlink() {
            if is_yaml_name(&path) {
                out.push(path); // reported by `read_folder_file`, never followed
            }
        } else if ft.is_dir() {
            if is_yaml_name(&path) {
                out.push(path.clone()); // reported as a directory by `read_path`
            }
            walk(&path, out)?;
        } else if is_yaml_name(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads a file found by [`collect`]. A symbolic link is reported, never followed, wherever it
/// points: inside the repository it would be a second name for an onboarding, outside it a way
/// to read files that are not onboardings; and a git revision stores the link, not its target,
/// so a folder and a revision give the same finding.
pub fn read_folder_file(path: &Path, max_size: u64) -> RawFile {
    let name = display_name(path);
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            let target = fs::read_link(path)
                .map(|t| t.to_string_lossy().into_owned())
                .unwrap_or_else(|e| format!("? ({e})"));
            RawFile {
                name,
                content: Content::Symlink { target },
            }
        }
        _ => read_path(path, name, max_size),
    }
}

/// A path as findings show it: relative, with `/` separators.
pub fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> (Option<Arc<str>>, Vec<Code>) {
        let mut d = Vec::new();
        let f = RawFile {
            name: "x.yaml".into(),
            content: Content::Bytes(bytes.to_vec()),
        };
        let t = decode(&f, 100, &mut d);
        (t, d.iter().map(|d| d.code).collect())
    }

    #[test]
    fn decoding() {
        assert_eq!(decoded(b"a: 1\n").1, vec![]);
        let (t, c) = decoded(b"\xEF\xBB\xBFa: 1\n");
        assert_eq!(
            (t.as_deref(), c),
            (Some("a: 1\n"), vec![Code::ByteOrderMark])
        );
        assert_eq!(decoded(b"\xFF\xFEa\x00").1, vec![Code::InvalidEncoding]);
        assert_eq!(decoded(b"a: \xE5\n").1, vec![Code::InvalidEncoding]);
        assert_eq!(decoded(&[b'a'; 101]).1, vec![Code::FileTooLarge]);
    }
}

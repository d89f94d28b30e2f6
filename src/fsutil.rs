//! Writing files safely: a temporary file in the same folder, then a rename, so that a reader
//! never sees half a file and an interrupted run leaves the old file intact.
//!
//! The data is not forced to disk (`fsync`) before the rename: everything written this way (the
//! schema, the exports) is generated and can be generated again, and an export writes tens of
//! thousands of files, where one `fsync` each cost more than all the rest of the work.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

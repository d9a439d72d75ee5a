//! Writing fixed pages: atomically, only where nothing changed on disk since the read,
//! never through a link that leads out of the handbook.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::fix::Change;
use crate::rules::IO_ERROR;

/// Writes every change under `root`; returns a finding for each page not written.
pub fn write_changes<'a>(
    root: &Path,
    changes: impl IntoIterator<Item = (&'a String, &'a Change)>,
) -> Vec<Diagnostic> {
    let mut failures = Vec::new();
    for (path, change) in changes {
        if let Err(reason) = write_page(root, path, change) {
            failures.push(not_written(path, &reason));
        }
    }
    failures
}

fn write_page(root: &Path, path: &str, change: &Change) -> Result<(), String> {
    let page = root.join(path);
    // Write through a symbolic link to its target, but only inside the handbook.
    let target = fs::canonicalize(&page).map_err(|e| format!("cannot be resolved: {e}"))?;
    let root = fs::canonicalize(root).map_err(|e| format!("root cannot be resolved: {e}"))?;
    if !target.starts_with(&root) {
        return Err("is a link to a file outside the handbook".to_string());
    }
    let metadata = fs::metadata(&target).map_err(|e| format!("cannot be read: {e}"))?;
    if metadata.permissions().readonly() {
        return Err("is read-only".to_string());
    }
    let on_disk = fs::read(&target).map_err(|e| format!("cannot be read: {e}"))?;
    if on_disk != change.original.as_bytes() {
        return Err("changed on disk while it was being fixed".to_string());
    }
    let folder = target.parent().ok_or_else(|| "has no folder".to_string())?;
    // A temporary file in the same folder, renamed over the page: a reader sees the old
    // page or the new one, never half of one.
    let mut temporary = tempfile::NamedTempFile::new_in(folder)
        .map_err(|e| format!("cannot be written (temporary file: {e})"))?;
    temporary
        .write_all(change.fixed.as_bytes())
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|e| format!("cannot be written: {e}"))?;
    fs::set_permissions(temporary.path(), metadata.permissions())
        .map_err(|e| format!("cannot keep its permissions: {e}"))?;
    temporary
        .persist(&target)
        .map_err(|e| format!("cannot be replaced: {}", e.error))?;
    Ok(())
}

fn not_written(path: &str, reason: &str) -> Diagnostic {
    Diagnostic::on_whole_page(
        IO_ERROR,
        Severity::Error,
        path,
        format!("`{path}` was not fixed: it {reason}"),
    )
    .with_help("nothing was written to it; fix it by hand or run roles-lint again")
}

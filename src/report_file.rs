//! `--output-file`: the report written to a file instead of standard output, for a CI
//! step that uploads it (SARIF to code scanning, JSON as an artifact).
//!
//! The file is opened before the run, so that a path that cannot be written fails at
//! once (exit 2) rather than after a long lint. A regular file (or a new one) is
//! replaced whole: the report goes to a temporary file beside it, renamed over it at
//! the end, so a reader never sees half a report and a run that fails leaves the
//! previous report untouched rather than truncated. Anything else that exists (a
//! named pipe, `/dev/stdout`) is written in place: renaming over it would replace the
//! device or pipe itself.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::write;

/// A report being written to `--output-file`.
#[derive(Debug)]
pub struct ReportFile {
    /// The path as given, for messages.
    path: PathBuf,
    way: Way,
}

#[derive(Debug)]
enum Way {
    /// A temporary file, renamed over `target` by `finish`.
    Replace {
        temporary: tempfile::NamedTempFile,
        target: PathBuf,
    },
    /// An existing file that is not a regular one, written as it is.
    InPlace(fs::File),
}

impl ReportFile {
    /// Prepares to write the report to `path`; fails when it cannot be written there.
    pub fn create(path: &Path) -> Result<ReportFile, Error> {
        let fail = |reason: String| Error::ReportUnwritable {
            path: path.to_path_buf(),
            reason,
        };
        // Through a symbolic link to the file it names: the link stays a link.
        let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let existing = fs::metadata(&target).ok();
        if existing.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(fail("it is a folder".to_string()));
        }
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            let file = fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&target)
                .map_err(|e| fail(e.to_string()))?;
            return Ok(ReportFile {
                path: path.to_path_buf(),
                way: Way::InPlace(file),
            });
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| fail("it names no file".to_string()))?;
        let folder = match target.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // A report is for others to read: the usual permissions of a new file (the
        // umask applies), not the owner-only ones of a temporary file.
        #[cfg(unix)]
        let permissions = {
            use std::os::unix::fs::PermissionsExt;
            Some(fs::Permissions::from_mode(0o666))
        };
        #[cfg(not(unix))]
        let permissions = None;
        let temporary = write::temporary_file(&folder, &name, permissions).map_err(|e| {
            if folder.is_dir() {
                fail(e.to_string())
            } else {
                fail(format!("its folder {} does not exist", folder.display()))
            }
        })?;
        // A report written over an existing one keeps that file's permissions.
        if let Some(metadata) = existing {
            let _ = fs::set_permissions(temporary.path(), metadata.permissions());
        }
        Ok(ReportFile {
            path: path.to_path_buf(),
            way: Way::Replace { temporary, target },
        })
    }

    /// Appends `text` to the report.
    pub fn write(&mut self, text: &str) -> Result<(), Error> {
        let written = match &mut self.way {
            Way::Replace { temporary, .. } => temporary.write_all(text.as_bytes()),
            Way::InPlace(file) => file.write_all(text.as_bytes()),
        };
        written.map_err(|e| self.unwritable(e.to_string()))
    }

    /// Completes the report: after this the file holds all of it.
    pub fn finish(self) -> Result<(), Error> {
        let path = self.path;
        let fail = |reason: String| Error::ReportUnwritable {
            path: path.clone(),
            reason,
        };
        match self.way {
            Way::InPlace(mut file) => file.flush().map_err(|e| fail(e.to_string())),
            Way::Replace { temporary, target } => {
                let temporary_path = temporary.path().to_path_buf();
                let result = temporary
                    .as_file()
                    .sync_all()
                    .map_err(|e| fail(e.to_string()))
                    .and_then(|()| {
                        temporary
                            .persist(&target)
                            .map(drop)
                            .map_err(|e| fail(e.error.to_string()))
                    });
                write::forget_temporary_file(&temporary_path);
                result
            }
        }
    }

    fn unwritable(&self, reason: String) -> Error {
        Error::ReportUnwritable {
            path: self.path.clone(),
            reason,
        }
    }
}

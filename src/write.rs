//! Writing fixed pages: atomically, only where nothing changed on disk since the read,
//! never through a link that leads out of the handbook, never twice to one file.
//!
//! The page is compared with what was read twice: before the temporary file is written,
//! and again (size, modification time and content) right before the temporary file takes
//! its place. A write by another program between the first read and that last check is
//! seen and the page is left alone. On Linux the temporary file and the page are then
//! swapped in one step and the page as it was is read once more: a program that opened
//! the page to write it in the few system calls between the last check and the swap wrote
//! into that file, so the swap is undone and its write stays. Elsewhere the temporary file
//! is renamed over the page, and a write that lands in those few calls is lost, as with
//! every editor that saves by renaming. Temporary files are named `.roles-lint-<page>.<random>.tmp`,
//! removed when the run is interrupted (SIGINT, SIGTERM), and a stale one of an earlier,
//! killed run (older than two minutes) is removed by the next `--fix` that writes in its
//! folder.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::fix::Change;
use crate::rules::IO_ERROR;

/// The prefix and suffix of roles-lint's temporary files.
const TEMPORARY_PREFIX: &str = ".roles-lint-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// Temporary files being written, for `remove_temporary_files` on an interruption, and
/// whether the run was interrupted.
static IN_FLIGHT: Mutex<InFlight> = Mutex::new(InFlight {
    paths: Vec::new(),
    interrupted: false,
});

struct InFlight {
    paths: Vec<PathBuf>,
    /// Set by `remove_temporary_files`: pages are written on several threads, and none
    /// may start a temporary file once they were removed.
    interrupted: bool,
}

/// Removes every temporary file this process is writing, and lets no other start:
/// called by the binary's interruption handler before it exits.
pub fn remove_temporary_files() {
    let mut in_flight = IN_FLIGHT.lock().unwrap_or_else(|p| p.into_inner());
    in_flight.interrupted = true;
    for path in in_flight.paths.iter() {
        let _ = fs::remove_file(path);
    }
}

/// Writes every change under `root`; returns a finding for each page not written, in
/// the order of `changes`.
///
/// Pages are written in parallel: each write waits for the disk (`sync_all`), and a fix
/// of a large handbook writes hundreds of pages. A page reached by two paths (a symbolic
/// link to it) is one file, written once.
pub fn write_changes<'a>(
    root: &Path,
    changes: impl IntoIterator<Item = (&'a String, &'a Change)>,
) -> Vec<Diagnostic> {
    let changes: Vec<(&String, &Change)> = changes.into_iter().collect();
    let canonical_root = match fs::canonicalize(root) {
        Ok(root) => root,
        Err(e) => {
            let reason = format!("root cannot be resolved: {e}");
            return changes
                .iter()
                .map(|(path, _)| not_written(path, &reason))
                .collect();
        }
    };
    let targets: Vec<Result<PathBuf, String>> = changes
        .par_iter()
        .map(|(path, _)| target_of(root, &canonical_root, path))
        .collect();
    let mut failures: Vec<(usize, Diagnostic)> = Vec::new();
    // The page that writes each file, and the pages that reach the same file with the
    // same text (they share its outcome).
    let mut writer_of: HashMap<&Path, usize> = HashMap::new();
    let mut same_file: Vec<(usize, usize)> = Vec::new();
    for (at, target) in targets.iter().enumerate() {
        let (path, change) = changes[at];
        let target = match target {
            Ok(target) => target,
            Err(reason) => {
                failures.push((at, not_written(path, reason)));
                continue;
            }
        };
        match writer_of.get(target.as_path()) {
            Some(&writer) if changes[writer].1.fixed == change.fixed => {
                same_file.push((at, writer));
            }
            Some(&writer) => {
                let reason = format!(
                    "is the same file as `{}`, fixed differently there",
                    changes[writer].0
                );
                failures.push((at, not_written(path, &reason)));
            }
            None => {
                writer_of.insert(target, at);
            }
        }
    }
    // Stale temporary files are cleared once per folder, before the writes start.
    let folders: BTreeSet<&Path> = writer_of.keys().filter_map(|t| t.parent()).collect();
    let write_all = || {
        folders
            .par_iter()
            .for_each(|folder| remove_stale_temporary_files(folder));
        writer_of
            .par_iter()
            .map(|(target, &at)| (at, write_page(target, changes[at].1)))
            .collect::<Vec<(usize, Result<(), String>)>>()
    };
    // Each write spends most of its time waiting for the disk (`sync_all`), not on a
    // core: more writes in flight than cores let the file system batch them.
    let written = match rayon::ThreadPoolBuilder::new().num_threads(WRITERS).build() {
        Ok(pool) if changes.len() > 1 => pool.install(write_all),
        _ => write_all(),
    };
    let mut reasons: HashMap<usize, String> = HashMap::new();
    for (at, outcome) in written {
        if let Err(reason) = outcome {
            failures.push((at, not_written(changes[at].0, &reason)));
            reasons.insert(at, reason);
        }
    }
    for (at, writer) in same_file {
        if let Some(reason) = reasons.get(&writer) {
            failures.push((at, not_written(changes[at].0, reason)));
        }
    }
    failures.sort_by_key(|(at, _)| *at);
    failures.into_iter().map(|(_, failure)| failure).collect()
}

/// How many pages are written at once.
const WRITERS: usize = 16;

/// The file a page is written to: through a symbolic link to its target, but only
/// inside the handbook (`canonical_root`).
fn target_of(root: &Path, canonical_root: &Path, path: &str) -> Result<PathBuf, String> {
    let target =
        fs::canonicalize(root.join(path)).map_err(|e| format!("cannot be resolved: {e}"))?;
    if !target.starts_with(canonical_root) {
        return Err("is a link to a file outside the handbook".to_string());
    }
    Ok(target)
}

/// Writes one page to its file `target`, unless the file changed since it was read.
fn write_page(target: &Path, change: &Change) -> Result<(), String> {
    let metadata = fs::metadata(target).map_err(|e| format!("cannot be read: {e}"))?;
    if metadata.permissions().readonly() {
        return Err("is read-only".to_string());
    }
    // The page as it was read: the last look below compares the file with it.
    let on_disk = change.original.as_bytes();
    let stamp = (metadata.len(), metadata.modified().ok());
    let folder = target.parent().ok_or_else(|| "has no folder".to_string())?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A temporary file in the same folder, renamed over the page: a reader sees the old
    // page or the new one, never half of one.
    let mut temporary = temporary_file(folder, &name, None)
        .map_err(|e| format!("cannot be written (temporary file: {e})"))?;
    let temporary_path = temporary.path().to_path_buf();
    let result = (|| {
        temporary
            .write_all(change.fixed.as_bytes())
            .and_then(|()| temporary.as_file().sync_all())
            .map_err(|e| format!("cannot be written: {e}"))?;
        fs::set_permissions(temporary.path(), metadata.permissions())
            .map_err(|e| format!("cannot keep its permissions: {e}"))?;
        // The last look before the rename: another program may have written meanwhile.
        let unchanged = stamp_of(target)? == stamp
            && fs::read(target).map_err(|e| format!("cannot be read: {e}"))? == on_disk;
        if !unchanged {
            return Err(CHANGED_ON_DISK.to_string());
        }
        replace(temporary, target, on_disk)
    })();
    forget_temporary_file(&temporary_path);
    result
}

const CHANGED_ON_DISK: &str = "changed on disk while it was being fixed";

/// Puts the written `temporary` file in place of the page `target`, which held
/// `on_disk` at the last look.
///
/// On Linux the two are swapped in one step (`RENAME_EXCHANGE`) and the page as it was,
/// now at the temporary path, is looked at once more: a program that opened the page to
/// write it between the last look and the swap wrote into that file, so when it no longer
/// holds `on_disk` the swap is undone and that write stays in place. Elsewhere, or where
/// the file system cannot swap, the temporary file is renamed over the page.
fn replace(
    temporary: tempfile::NamedTempFile,
    target: &Path,
    on_disk: &[u8],
) -> Result<(), String> {
    match exchange(temporary.path(), target) {
        Some(Ok(())) => {}
        Some(Err(_)) | None => {
            return temporary
                .persist(target)
                .map(drop)
                .map_err(|e| format!("cannot be replaced: {}", e.error));
        }
    }
    match fs::read(temporary.path()) {
        // Dropping the temporary file removes the page as it was.
        Ok(was) if was == on_disk => return Ok(()),
        _ => {}
    }
    let reason = match exchange(temporary.path(), target) {
        Some(Ok(())) => return Err(CHANGED_ON_DISK.to_string()),
        Some(Err(e)) => e.to_string(),
        None => "the files cannot be swapped back".to_string(),
    };
    // Their version must not go with the temporary file, nor look like a stale one to a
    // later run: it is kept beside the page, under a name of its own.
    let mut kept = target.as_os_str().to_owned();
    kept.push(".conflict");
    let kept = match temporary.persist_noclobber(&kept) {
        Ok(_) => PathBuf::from(kept),
        Err(e) => match e.file.keep() {
            Ok((_, path)) => path,
            Err(e) => e.file.path().to_path_buf(),
        },
    };
    Err(format!(
        "{CHANGED_ON_DISK}; the other program's version is kept in {} ({reason})",
        kept.display()
    ))
}

/// Swaps the files at two paths in one step; `None` where that cannot be asked.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Option<std::io::Result<()>> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;

    let a = CString::new(a.as_os_str().as_bytes()).ok()?;
    let b = CString::new(b.as_os_str().as_bytes()).ok()?;
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    Some(if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    })
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> Option<std::io::Result<()>> {
    None
}

/// A temporary file in `folder` to be renamed over the file `name`, named as
/// roles-lint's temporary files are, so that a stale one is recognised; created with
/// `permissions` (the umask applies) or else owner-only. It is listed for
/// `remove_temporary_files` until `forget_temporary_file`, and is created with that list
/// held, so that an interruption cannot come between its creation and its listing.
pub fn temporary_file(
    folder: &Path,
    name: &str,
    permissions: Option<fs::Permissions>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut in_flight = IN_FLIGHT.lock().unwrap_or_else(|p| p.into_inner());
    if in_flight.interrupted {
        return Err(std::io::Error::new(
            std::io::ErrorKind::Interrupted,
            "the run was interrupted",
        ));
    }
    let prefix = format!("{TEMPORARY_PREFIX}{name}.");
    let mut builder = tempfile::Builder::new();
    if let Some(permissions) = permissions {
        builder.permissions(permissions);
    }
    let temporary = builder
        .prefix(&prefix)
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(folder)?;
    in_flight.paths.push(temporary.path().to_path_buf());
    Ok(temporary)
}

/// Takes a temporary file off the list of `remove_temporary_files`: it was renamed or
/// removed.
pub fn forget_temporary_file(path: &Path) {
    IN_FLIGHT
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .paths
        .retain(|p| p != path);
}

/// Size and modification time of a file.
fn stamp_of(path: &Path) -> Result<(u64, Option<SystemTime>), String> {
    let metadata = fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    Ok((metadata.len(), metadata.modified().ok()))
}

/// A temporary file older than this is no other run's work in progress.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(120);

/// Removes roles-lint's own temporary files left in `folder` by a run that was killed
/// (older than `STALE_AFTER`: a younger one may be another run's, writing right now).
fn remove_stale_temporary_files(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let in_flight = IN_FLIGHT
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .paths
        .clone();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if name.starts_with(TEMPORARY_PREFIX)
            && name.ends_with(TEMPORARY_SUFFIX)
            && is_stale
            && !in_flight.contains(&entry.path())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A page holding `page` and a temporary file beside it holding `fixed`.
    fn page_and_fix(
        page: &str,
        fixed: &str,
    ) -> (tempfile::TempDir, PathBuf, tempfile::NamedTempFile) {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("Lead.md");
        fs::write(&target, page).unwrap();
        let mut temporary = temporary_file(dir.path(), "Lead.md", None).unwrap();
        temporary.write_all(fixed.as_bytes()).unwrap();
        forget_temporary_file(temporary.path());
        (dir, target, temporary)
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_fixed_page_takes_the_place_of_an_unchanged_one() {
        let (dir, target, temporary) = page_and_fix("# Lead\n", "# Lead fixed\n");
        replace(temporary, &target, b"# Lead\n").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "# Lead fixed\n");
        assert_eq!(names_in(dir.path()), ["Lead.md"]);
    }

    /// Whether files in `dir` can be swapped in one step (Linux, on most file systems).
    fn can_exchange(dir: &Path) -> bool {
        let (a, b) = (dir.join("a"), dir.join("b"));
        fs::write(&a, "a").unwrap();
        fs::write(&b, "b").unwrap();
        let swapped = matches!(exchange(&a, &b), Some(Ok(())));
        fs::remove_file(a).unwrap();
        fs::remove_file(b).unwrap();
        swapped
    }

    #[test]
    fn a_write_after_the_last_look_stays_in_place() {
        // The last look saw "# Lead\n"; another program has written since.
        let (dir, target, temporary) =
            page_and_fix("# Lead, saved by an editor\n", "# Lead fixed\n");
        if !can_exchange(dir.path()) {
            // Where files cannot be swapped, the fix is renamed over the page: the write in
            // that window is lost, as the module documents.
            replace(temporary, &target, b"# Lead\n").unwrap();
            assert_eq!(fs::read_to_string(&target).unwrap(), "# Lead fixed\n");
            return;
        }
        let error = replace(temporary, &target, b"# Lead\n").unwrap_err();
        assert_eq!(error, CHANGED_ON_DISK);
        assert_eq!(
            fs::read_to_string(&target).unwrap(),
            "# Lead, saved by an editor\n"
        );
        assert_eq!(names_in(dir.path()), ["Lead.md"]);
    }
}

//! `--fix` and other programs: a write that races the fix is never lost, an interrupted
//! fix leaves no temporary file, and a page reached by two paths is fixed once.

mod common;

use std::fs;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use common::{handbook, roles_lint};

/// A small handbook whose `Lead.md` has one fixable broken link.
fn fixable() -> tempfile::TempDir {
    handbook(&[
        ("README.md", "# Team\n\n- [Tech Lead](Lead.md)\n"),
        ("Lead.md", "# Tech Lead\n\nBack to the [team](readme.md).\n"),
    ])
}

fn temporary_files(folder: &Path) -> Vec<String> {
    fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".roles-lint-"))
        .collect()
}

#[test]
fn a_write_racing_the_fix_is_never_lost() {
    let mut races = 0;
    for run in 0..20 {
        let dir = fixable();
        let root = dir.path().to_path_buf();
        let page = root.join("Lead.md");
        let watcher = {
            let (root, page) = (root.clone(), page.clone());
            thread::spawn(move || {
                let started = Instant::now();
                // As soon as the temporary file appears, another program saves the page.
                while started.elapsed() < Duration::from_secs(10) {
                    if !temporary_files(&root).is_empty() {
                        let mut text = fs::read_to_string(&page).unwrap();
                        text.push_str("Saved by an editor.\n");
                        fs::write(&page, text).unwrap();
                        return true;
                    }
                    thread::yield_now();
                }
                false
            })
        };
        let output = roles_lint().arg("--fix").arg(&root).output().unwrap();
        let raced = watcher.join().unwrap();
        races += usize::from(raced);
        let text = fs::read_to_string(&page).unwrap();
        if raced {
            assert!(
                text.contains("Saved by an editor."),
                "run {run}: the other write was lost:\n{text}\n{}",
                String::from_utf8_lossy(&output.stdout)
            );
        }
        assert_eq!(temporary_files(&root), Vec::<String>::new(), "run {run}");
    }
    // The watcher must have caught the fix in the act, or the test proves nothing.
    assert!(races >= 5, "only {races} of 20 runs raced");
}

#[test]
fn an_interrupted_fix_leaves_no_temporary_file() {
    let dir = fixable();
    // Pages enough that the run takes a moment.
    for i in 0..300 {
        fs::write(
            dir.path().join(format!("P{i}.md")),
            format!("# Page {i}\n\n[Lead](lead.md) and [team](README.md)\n"),
        )
        .unwrap();
    }
    for delay in [5, 20, 50, 100] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_roles-lint"))
            .arg("--fix")
            .arg(dir.path())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        thread::sleep(Duration::from_millis(delay));
        let _ = std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let _ = child.wait();
        assert_eq!(
            temporary_files(dir.path()),
            Vec::<String>::new(),
            "after {delay} ms"
        );
    }
}

#[test]
fn a_stale_temporary_file_of_a_killed_run_is_removed_by_the_next_fix() {
    let dir = fixable();
    let stale = dir.path().join(".roles-lint-Lead.md.abc123.tmp");
    fs::write(&stale, "half of a page").unwrap();
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    roles_lint().arg("--fix").arg(dir.path()).output().unwrap();
    assert!(!stale.exists());
}

#[cfg(unix)]
#[test]
fn a_page_reached_by_two_paths_is_fixed_once_without_a_false_alarm() {
    let dir = fixable();
    std::os::unix::fs::symlink(dir.path().join("Lead.md"), dir.path().join("Lead-Link.md"))
        .unwrap();
    let output = roles_lint().arg("--fix").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("changed on disk"), "{stdout}");
    let text = fs::read_to_string(dir.path().join("Lead.md")).unwrap();
    assert_eq!(text, "# Tech Lead\n\nBack to the [team](README.md).\n");
}

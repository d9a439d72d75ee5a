//! Page paths as the reader of a report can open them.
//!
//! Findings carry paths from the handbook root (the JSON contract). A terminal, an
//! editor's quickfix list and `git apply` resolve paths from the folder they run in, so
//! the human, concise and diff outputs put the way from the current folder to the root
//! before each page's path: `handbook/`, `../`, or nothing when run at the root.

use std::path::{Component, Path};

/// The way from `from` to `root`, `/`-separated and ending in `/` (empty when they are
/// the same folder): `handbook/`, `../../other/`. Both must be absolute and free of
/// `.` and `..` (canonical). When no relative way exists (another drive on Windows),
/// it is the root's absolute path.
pub fn prefix_from(from: &Path, root: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = root.components().collect();
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    // Nothing shared: on Windows the drives differ, and `../` cannot climb from one
    // drive to another.
    if shared == 0 {
        return absolute_prefix(root);
    }
    let mut segments: Vec<String> = vec!["..".to_string(); from.len() - shared];
    segments.extend(
        to[shared..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    segments.iter().map(|s| format!("{s}/")).collect()
}

/// The prefix from the current folder to `root` (see `prefix_from`); the root's
/// absolute path when the current folder cannot be known (it was deleted).
pub fn cwd_prefix(root: &Path) -> String {
    match std::env::current_dir().and_then(std::fs::canonicalize) {
        Ok(cwd) => prefix_from(&cwd, root),
        Err(_) => absolute_prefix(root),
    }
}

/// `root` as an absolute path ending in `/`.
fn absolute_prefix(root: &Path) -> String {
    let text = root.to_string_lossy();
    if text.ends_with('/') || text.ends_with('\\') {
        text.into_owned()
    } else {
        format!("{text}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_root_below_the_current_folder_is_reached_downwards() {
        assert_eq!(
            prefix_from(Path::new("/repo"), Path::new("/repo/docs/handbook")),
            "docs/handbook/"
        );
        assert_eq!(prefix_from(Path::new("/repo"), Path::new("/repo")), "");
    }

    #[test]
    fn a_root_elsewhere_is_reached_through_parent_folders() {
        assert_eq!(
            prefix_from(
                Path::new("/repo/handbook/team"),
                Path::new("/repo/handbook")
            ),
            "../"
        );
        assert_eq!(
            prefix_from(Path::new("/repo/src"), Path::new("/repo/docs/handbook")),
            "../docs/handbook/"
        );
        assert_eq!(
            prefix_from(Path::new("/home/me"), Path::new("/srv/handbook")),
            "../../srv/handbook/"
        );
    }

    #[test]
    fn the_filesystem_root_is_shared_by_every_absolute_path() {
        assert_eq!(prefix_from(Path::new("/"), Path::new("/srv/h")), "srv/h/");
        assert_eq!(prefix_from(Path::new("/srv/h"), Path::new("/")), "../../");
    }

    #[test]
    fn without_a_shared_base_the_path_is_absolute() {
        // Relative paths have no base in common with an absolute root.
        assert_eq!(
            prefix_from(Path::new("elsewhere"), Path::new("/srv/handbook")),
            "/srv/handbook/"
        );
    }
}

//! The editor's workspace: one resident handbook per root, and requests and
//! notifications routed to the handbook of their file.
//!
//! A file belongs to the handbook of its nearest `roles-lint.toml` going up, without
//! leaving its workspace folder; else to its workspace folder. A file outside every
//! workspace folder belongs to its nearest `roles-lint.toml`, else to its git work tree,
//! else to no handbook (requests about it answer nothing). This is where the command
//! line puts a page given alone, with the workspace folder in the place of the folder
//! given. Each workspace folder is read at once, and so are the handbooks nested in it;
//! others are read when one of their files is first opened or asked about.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_types::{PublishDiagnosticsParams, Uri};

use super::convert::{self, Encoding};
use super::notify::Client;
use super::state::State;
use crate::config::CONFIG_FILE;
use crate::discover;

pub struct Workspace {
    pub encoding: Encoding,
    /// The workspace folders, canonical.
    folders: Vec<PathBuf>,
    /// The handbooks by canonical root.
    handbooks: BTreeMap<PathBuf, State>,
    /// Diagnostics to clear, of handbooks no longer held.
    retired: Vec<PublishDiagnosticsParams>,
    /// True when a handbook was read since the last publication: its diagnostics are due.
    fresh: bool,
}

impl Workspace {
    pub fn new(encoding: Encoding) -> Self {
        Workspace {
            encoding,
            folders: Vec::new(),
            handbooks: BTreeMap::new(),
            retired: Vec::new(),
            fresh: false,
        }
    }

    /// Adds a workspace folder and reads its handbook (and those nested in it).
    pub fn add_folder(&mut self, client: &Client, folder: &Path) {
        let folder = canonical(folder);
        if !self.folders.contains(&folder) {
            self.folders.push(folder.clone());
        }
        self.load(client, folder);
    }

    /// Drops a workspace folder and the handbooks only it held; their diagnostics are
    /// cleared at the next publication.
    pub fn remove_folder(&mut self, folder: &Path) {
        let folder = canonical(folder);
        self.folders.retain(|f| *f != folder);
        let gone: Vec<PathBuf> = self
            .handbooks
            .keys()
            .filter(|root| root.starts_with(&folder))
            .filter(|root| !self.folders.iter().any(|f| root.starts_with(f)))
            .cloned()
            .collect();
        for root in gone {
            if let Some(mut state) = self.handbooks.remove(&root) {
                self.retired.extend(state.retire());
            }
        }
        self.mark_inner();
    }

    /// The handbook of a file, read first if it is not held yet.
    pub fn state_for(&mut self, client: &Client, uri: &Uri) -> Option<&mut State> {
        let root = self.root_of(&convert::path_of(uri)?)?;
        if !self.handbooks.contains_key(&root) {
            self.load(client, root.clone());
        }
        self.handbooks.get_mut(&root)
    }

    /// The roots of the handbooks that hold `uri`'s file (a handbook nested in another
    /// is inside both): those a file created or deleted there may concern.
    pub fn roots_around(&self, uri: &Uri) -> Vec<PathBuf> {
        let Some(path) = convert::path_of(uri).map(|p| canonical(&p)) else {
            return Vec::new();
        };
        let around = self.handbooks.keys().filter(|root| path.starts_with(root));
        around.cloned().collect()
    }

    /// The handbook at a root, when it is held.
    pub fn get_mut(&mut self, root: &Path) -> Option<&mut State> {
        self.handbooks.get_mut(root)
    }

    /// Reads the handbook at `root` if a configuration file appeared there; drops the
    /// handbook whose configuration file went (unless it is a workspace folder).
    pub fn config_changed(&mut self, client: &Client, uri: &Uri) {
        let Some(folder) = convert::path_of(uri).and_then(|p| Some(canonical(p.parent()?))) else {
            return;
        };
        let exists = folder.join(CONFIG_FILE).is_file();
        let held = self.handbooks.contains_key(&folder);
        if exists && !held && self.folders.iter().any(|f| folder.starts_with(f)) {
            self.load(client, folder);
        } else if !exists && held && !self.folders.contains(&folder) {
            if let Some(mut state) = self.handbooks.remove(&folder) {
                self.retired.extend(state.retire());
            }
            self.mark_inner();
        }
    }

    pub fn has_pending(&self) -> bool {
        self.handbooks.values().any(State::has_pending)
    }

    /// Lints what was edited, in every handbook.
    pub fn flush(&mut self) {
        for state in self.handbooks.values_mut() {
            state.flush();
        }
    }

    /// Reads every handbook again (after an internal error).
    pub fn reload(&mut self) {
        for state in self.handbooks.values_mut() {
            let _ = state.reload();
        }
    }

    /// True when a handbook was read, or dropped, since the last publication.
    pub fn has_news(&self) -> bool {
        self.fresh || !self.retired.is_empty()
    }

    /// What changed in the diagnostics of every handbook since the last call.
    pub fn publications(&mut self) -> Vec<PublishDiagnosticsParams> {
        self.fresh = false;
        let mut out = std::mem::take(&mut self.retired);
        for state in self.handbooks.values_mut() {
            out.extend(state.publications());
        }
        out
    }

    /// The root of the handbook a file belongs to (see the module's comment).
    fn root_of(&self, path: &Path) -> Option<PathBuf> {
        let path = canonical(path);
        let folder = self
            .folders
            .iter()
            .filter(|f| path.starts_with(f))
            .max_by_key(|f| f.as_os_str().len());
        let start = path.parent()?;
        for above in start.ancestors() {
            if above.join(CONFIG_FILE).is_file() || Some(above) == folder.map(PathBuf::as_path) {
                return Some(above.to_path_buf());
            }
        }
        crate::repo::work_tree_of(start)
    }

    /// Reads the handbook at `root`, then the handbooks nested in it.
    fn load(&mut self, client: &Client, root: PathBuf) {
        self.fresh = true;
        let mut queue = vec![root];
        while let Some(root) = queue.pop() {
            let mut state = State::new(root.clone(), self.encoding);
            if let Err(error) = state.reload() {
                client.log(&format!(
                    "roles-lint cannot lint {}: {error}",
                    root.display()
                ));
            }
            queue.extend(state.nested().iter().map(|folder| root.join(folder)));
            if let Some(mut old) = self.handbooks.insert(root, state) {
                // Read again: what the old one published is published anew, or cleared.
                self.retired.extend(old.retire());
            }
        }
        self.mark_inner();
    }

    /// Tells each handbook which of its folders other handbooks serve.
    fn mark_inner(&mut self) {
        let roots: Vec<PathBuf> = self.handbooks.keys().cloned().collect();
        for (root, state) in &mut self.handbooks {
            let inner = roots
                .iter()
                .filter(|other| *other != root)
                .filter_map(|other| discover::relative_path(root, other))
                .filter(|relative| !relative.is_empty())
                .collect();
            state.set_inner(inner);
        }
    }
}

/// A path with its folder resolved (symbolic links, `..`); the file itself may not exist
/// yet.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(path) = std::fs::canonicalize(path) {
        return path;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

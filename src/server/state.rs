//! The resident handbook: loaded once, then kept current from the editor's buffers.
//!
//! An edit replaces one page's text: `Resident::edit` parses only that page, updates the
//! indexes from it and lints again the pages whose findings it may change, open or not
//! (a heading renamed under a `#fragment` elsewhere breaks a page that is not open).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{PublishDiagnosticsParams, Uri};

use super::convert::{self, Encoding};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::load;
use crate::resident::Resident;
use crate::source::Source;
use crate::{discover, Clock, Options};

/// A buffer the editor has open: its version and unsaved text.
pub struct Doc {
    pub version: i32,
    pub text: String,
}

pub struct State {
    /// The handbook root, canonical (as `discover` makes it).
    pub root: PathBuf,
    pub encoding: Encoding,
    resident: Option<Resident>,
    /// Open pages by root-relative path.
    pub docs: HashMap<String, Doc>,
    /// Texts waiting for the debounced re-lint, by root-relative path.
    pending: BTreeMap<String, String>,
    /// The settled findings of the last lint, by root-relative path.
    findings: BTreeMap<String, Vec<Diagnostic>>,
    /// What each URI was last sent, so that only changes are published.
    published: HashMap<String, (Uri, Vec<lsp_types::Diagnostic>)>,
    /// The configuration file's mistake, shown in that file until it is mended.
    config_error: Option<(PathBuf, lsp_types::Diagnostic)>,
    /// Root-relative folders that other handbooks of the workspace serve (a workspace
    /// folder inside this one): their pages' diagnostics are theirs to publish.
    inner: Vec<String>,
}

impl State {
    pub fn new(root: PathBuf, encoding: Encoding) -> State {
        State {
            root: std::fs::canonicalize(&root).unwrap_or(root),
            encoding,
            resident: None,
            docs: HashMap::new(),
            pending: BTreeMap::new(),
            findings: BTreeMap::new(),
            published: HashMap::new(),
            config_error: None,
            inner: Vec::new(),
        }
    }

    /// Root-relative folders below the root that are handbooks of their own, as the
    /// last load found them (those with a `roles-lint.toml`, outermost only).
    pub fn nested(&self) -> &[String] {
        self.loaded().map_or(&[], |l| l.nested.as_slice())
    }

    /// Sets the root-relative folders whose pages other handbooks publish.
    pub fn set_inner(&mut self, inner: Vec<String>) {
        self.inner = inner;
    }

    /// Empty diagnostics for every file this handbook published: for a handbook the
    /// workspace no longer holds.
    pub fn retire(&mut self) -> Vec<PublishDiagnosticsParams> {
        self.findings.clear();
        self.config_error = None;
        self.publications()
    }

    /// Reads the whole handbook again (open buffers win over the disk), for the first
    /// index, a configuration change, or pages created or deleted. A configuration
    /// mistake keeps the last good handbook and is shown in the configuration file.
    pub fn reload(&mut self) -> Result<(), Error> {
        let options = Options {
            paths: vec![self.root.clone()],
            overrides: self
                .docs
                .iter()
                .filter(|(path, _)| self.is_page(path))
                .map(|(path, doc)| (path.clone(), doc.text.clone()))
                .collect(),
            ..Options::default()
        };
        self.pending.clear();
        match load::load(&options, &mut Clock::new()) {
            Ok(loaded) => {
                self.resident = Some(Resident::new(loaded));
                self.config_error = None;
            }
            Err(Error::Config(error)) => {
                let source = Source::new(error.source_code.inner().clone());
                let start = error.span.offset();
                let end = start + error.span.len();
                let diagnostic = lsp_types::Diagnostic {
                    range: convert::range(&source, &(start..end), self.encoding),
                    severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                    source: Some("roles-lint".to_string()),
                    message: error.message.clone(),
                    ..lsp_types::Diagnostic::default()
                };
                self.config_error = Some((error.path.clone(), diagnostic));
            }
            Err(Error::ConfigUnreadable { path, reason }) => {
                let diagnostic = lsp_types::Diagnostic {
                    severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                    source: Some("roles-lint".to_string()),
                    message: format!("cannot read the configuration: {reason}"),
                    ..lsp_types::Diagnostic::default()
                };
                self.config_error = Some((path, diagnostic));
            }
            Err(error) => return Err(error),
        }
        self.relint();
        Ok(())
    }

    /// The root-relative path of a file URI inside the handbook.
    pub fn relative(&self, uri: &Uri) -> Option<String> {
        let path = convert::path_of(uri)?;
        if let Some(relative) = discover::relative_path(&self.root, &path) {
            return Some(relative);
        }
        // The client may name the root through a symbolic link: compare canonical paths
        // (of the folder, since a new page may not exist on disk yet).
        let folder = std::fs::canonicalize(path.parent()?).ok()?;
        discover::relative_path(&self.root, &folder.join(path.file_name()?))
    }

    pub fn uri(&self, relative: &str) -> Option<Uri> {
        convert::uri_of(&self.root.join(relative))
    }

    /// True when a root-relative path is a page of the handbook (or would be one).
    pub fn is_page(&self, relative: &str) -> bool {
        discover::is_markdown(Path::new(relative))
            && !relative.is_empty()
            && self
                .loaded()
                .is_none_or(|l| !l.handbook.config().is_excluded(relative, false))
    }

    /// A page's new text, linted once the edits pause (`flush`).
    pub fn edit(&mut self, relative: String, text: String) {
        if self.is_page(&relative) {
            self.pending.insert(relative, text);
        }
    }

    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Parses the pages edited since the last lint and lints the handbook again.
    pub fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let texts: Vec<(String, String)> = std::mem::take(&mut self.pending).into_iter().collect();
        let Some(resident) = self.resident.take() else {
            return;
        };
        // Only pages whose text changed: the editor reopening a page as it is on disk
        // costs nothing.
        let changed: Vec<(String, String)> = texts
            .into_iter()
            .filter(|(path, text)| {
                resident
                    .loaded()
                    .handbook
                    .page(path)
                    .is_none_or(|page| page.source.text() != text)
            })
            .collect();
        if changed.is_empty() {
            self.resident = Some(resident);
            return;
        }
        self.resident = Some(resident.edit(changed));
        self.relint();
    }

    fn relint(&mut self) {
        let Some(resident) = &self.resident else {
            return;
        };
        let mut findings: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for finding in resident.findings().iter().cloned() {
            findings
                .entry(finding.path.clone())
                .or_default()
                .push(finding);
        }
        self.findings = findings;
    }

    /// The handbook as last linted.
    pub fn handbook(&self) -> Option<&crate::handbook::Handbook> {
        Some(&self.loaded()?.handbook)
    }

    /// How pages are reduced to facts (the configured nav headings).
    pub fn extract(&self) -> Option<&crate::facts::ExtractOptions> {
        Some(&self.loaded()?.extract)
    }

    /// The source of a page as last linted.
    pub fn source(&self, relative: &str) -> Option<&Source> {
        Some(&self.loaded()?.handbook.page(relative)?.source)
    }

    /// The handbook as last linted, with its settings.
    fn loaded(&self) -> Option<&load::Loaded> {
        self.resident.as_ref().map(Resident::loaded)
    }

    pub fn findings(&self, relative: &str) -> &[Diagnostic] {
        self.findings.get(relative).map_or(&[], Vec::as_slice)
    }

    /// The diagnostics of every file whose diagnostics changed since the last call: every
    /// page of the handbook, open or closed, and the configuration file. A file that
    /// became clean gets an empty list.
    pub fn publications(&mut self) -> Vec<PublishDiagnosticsParams> {
        let mut current: HashMap<String, (Uri, Vec<lsp_types::Diagnostic>)> = HashMap::new();
        for (path, findings) in &self.findings {
            let inner = self.inner.iter().any(|folder| {
                path.strip_prefix(folder.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
            });
            let Some(uri) = self.uri(path).filter(|_| !inner) else {
                continue;
            };
            let source = self.source(path);
            let diagnostics = findings
                .iter()
                .map(|f| convert::diagnostic(f, source, self.encoding))
                .collect();
            current.insert(uri.as_str().to_string(), (uri, diagnostics));
        }
        if let Some((path, diagnostic)) = &self.config_error {
            if let Some(uri) = convert::uri_of(path) {
                let entry = current
                    .entry(uri.as_str().to_string())
                    .or_insert_with(|| (uri, Vec::new()));
                entry.1.push(diagnostic.clone());
            }
        }
        let mut out = Vec::new();
        for (key, (uri, diagnostics)) in &current {
            if self.published.get(key).map(|(_, d)| d) != Some(diagnostics) {
                out.push(self.publication(uri.clone(), diagnostics.clone()));
            }
        }
        for (key, (uri, _)) in &self.published {
            if !current.contains_key(key) {
                out.push(self.publication(uri.clone(), Vec::new()));
            }
        }
        self.published = current;
        out
    }

    fn publication(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
    ) -> PublishDiagnosticsParams {
        let version = self
            .relative(&uri)
            .and_then(|path| self.docs.get(&path))
            .map(|doc| doc.version);
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        }
    }
}

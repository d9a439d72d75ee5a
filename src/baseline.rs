//! Baselines (README, "Baseline"): adopt roles-lint on a handbook that already has
//! findings. `--write-baseline FILE` records today's findings; `--baseline FILE` then
//! reports only the findings that are not in it.
//!
//! A finding is recorded by rule, page and message, with a count, and never by line:
//! editing a page above a known finding moves it without making it new. Messages name
//! what is wrong (the link target, the label), not where, so they stay put as lines move.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// Known findings: how many times each (rule, path, message) was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

/// Ordered by path, then rule, then message, as the file lists them.
type Key = (String, String, String);

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    /// Relative to the handbook root, `/`-separated, as in every report.
    path: String,
    message: String,
    /// How many findings of this rule, page and message are known; at least 1.
    count: usize,
}

impl Baseline {
    /// The baseline of these findings.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut counts = BTreeMap::new();
        for d in diagnostics {
            *counts.entry(key_of(d)).or_insert(0) += 1;
        }
        Baseline { counts }
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let fail = |reason: String| Error::Baseline {
            path: path.to_path_buf(),
            reason,
        };
        let text = fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
        let file: File = serde_json::from_str(&text).map_err(|e| fail(e.to_string()))?;
        if file.version != VERSION {
            return Err(fail(format!(
                "its version is {}, this roles-lint reads version {VERSION}",
                file.version
            )));
        }
        let mut counts = BTreeMap::new();
        for (index, entry) in file.findings.into_iter().enumerate() {
            // A stale id would silently match nothing: say so instead.
            if crate::rules::known(&entry.rule).is_none() {
                return Err(fail(format!(
                    "finding {} names the unknown rule `{}`; write the baseline again",
                    index + 1,
                    entry.rule
                )));
            }
            *counts
                .entry((entry.path, entry.rule, entry.message))
                .or_insert(0) += entry.count;
        }
        Ok(Baseline { counts })
    }

    /// The file's text: pretty JSON, sorted, so that it diffs well under version control.
    pub fn to_json(&self) -> String {
        let file = File {
            version: VERSION,
            findings: self
                .counts
                .iter()
                .map(|((path, rule, message), &count)| Entry {
                    rule: rule.clone(),
                    path: path.clone(),
                    message: message.clone(),
                    count,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).expect("plain structs serialise");
        text.push('\n');
        text
    }

    /// Writes the baseline file.
    pub fn write(&self, path: &Path) -> Result<(), Error> {
        fs::write(path, self.to_json()).map_err(|error| Error::WriteFailed {
            path: path.to_path_buf(),
            reason: error.to_string(),
        })
    }

    /// How many findings the baseline knows.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The findings that are new: for each rule, page and message, the baseline absorbs
    /// as many findings as it counts, in report order; the rest are kept.
    pub fn new_findings(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut left = self.counts.clone();
        diagnostics
            .into_iter()
            .filter(|d| match left.get_mut(&key_of(d)) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }
}

fn key_of(d: &Diagnostic) -> Key {
    (d.path.clone(), d.rule.to_string(), d.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::source::Source;

    fn finding(path: &str, message: &str, offset: usize) -> Diagnostic {
        let source = Source::new("a\nb\nc\nd\n".to_string());
        Diagnostic::new(
            "broken-link",
            Severity::Error,
            path,
            &source,
            offset..offset + 1,
            message,
            "",
        )
    }

    #[test]
    fn counts_absorb_findings_wherever_they_moved() {
        let before = [finding("A.md", "x", 0), finding("A.md", "x", 2)];
        let baseline = Baseline::of(&before);
        assert_eq!(baseline.len(), 2);
        // Both moved down a line, and a third like them appeared.
        let after = vec![
            finding("A.md", "x", 2),
            finding("A.md", "x", 4),
            finding("A.md", "x", 6),
            finding("B.md", "x", 0),
        ];
        let new = baseline.new_findings(after);
        let places: Vec<(&str, usize)> = new
            .iter()
            .map(|d| (d.path.as_str(), d.span.start.line))
            .collect();
        assert_eq!(places, [("A.md", 4), ("B.md", 1)]);
    }

    #[test]
    fn the_file_round_trips_and_rejects_other_versions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        let baseline = Baseline::of(&[finding("A.md", "x", 0), finding("A.md", "x", 2)]);
        baseline.write(&path).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"count\": 2"), "{text}");
        assert!(!text.contains("line"), "no line numbers: {text}");
        assert_eq!(Baseline::load(&path).unwrap(), baseline);
        fs::write(&path, text.replace("\"version\": 1", "\"version\": 9")).unwrap();
        assert!(matches!(
            Baseline::load(&path),
            Err(Error::Baseline { reason, .. }) if reason.contains("version is 9")
        ));
    }
}

//! The rule catalogue: every rule and pseudo-rule as `--list-rules` prints it and as
//! SARIF describes it, with where its documentation lives in roles-lint's repository.

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::rule::RuleMeta;
use crate::rules;

/// The repository that hosts roles-lint: Cargo.toml's `repository`, so that the package
/// metadata, SARIF's `informationUri` and every rule's `helpUri` name one place.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The branch whose documentation `help_uri` links to. A version tag would match the
/// binary better, but nothing guarantees that tags are pushed; the default branch exists.
const DOCS_BRANCH: &str = "main";

/// Where the documentation of `meta` lives, relative to the repository root: a rule's
/// is `rules/<id>.md`; a pseudo-rule has no such file and is described in a README
/// section (its `--explain` text is built in).
pub fn doc_path(meta: &RuleMeta) -> String {
    match meta.id {
        rules::IO_ERROR => "README.md#pages-that-cannot-be-linted".to_string(),
        rules::INVALID_SUPPRESSION => "README.md#suppressions".to_string(),
        id => format!("rules/{id}.md"),
    }
}

/// The web page of `meta`'s documentation in the repository.
pub fn help_uri(meta: &RuleMeta) -> String {
    format!("{REPOSITORY}/blob/{DOCS_BRANCH}/{}", doc_path(meta))
}

/// `--list-rules`: one aligned line per rule: id, default severity, fix availability,
/// summary.
pub fn render_text() -> String {
    let mut out = String::new();
    for meta in rules::known_metas() {
        out.push_str(&format!(
            "{:<24} {:<8} fix: {:<10} {}\n",
            meta.id,
            meta.severity.as_str(),
            meta.fix.as_str(),
            meta.summary
        ));
    }
    out
}

/// One rule in `--list-rules --format json`.
#[derive(Serialize)]
struct Entry {
    id: &'static str,
    /// `rule`, or `pseudo-rule` for the findings of roles-lint itself (`io-error`,
    /// `invalid-suppression`).
    kind: &'static str,
    /// The severity before configuration (`[rules]`) changes it.
    default_severity: Severity,
    /// `always`, `sometimes` or `never`: whether its findings carry a fix.
    fix: &'static str,
    summary: &'static str,
    /// The documentation's path in the repository (`rules/<id>.md`).
    doc: String,
    /// The documentation on the web.
    help_uri: String,
}

/// `--list-rules --format json`: a JSON array of every rule, ordered as `--list-rules`
/// orders them (rules by id, then pseudo-rules).
pub fn render_json() -> String {
    let entries: Vec<Entry> = rules::known_metas()
        .map(|meta| Entry {
            id: meta.id,
            kind: if rules::meta(meta.id).is_some() {
                "rule"
            } else {
                "pseudo-rule"
            },
            default_severity: meta.severity,
            fix: meta.fix.as_str(),
            summary: meta.summary,
            doc: doc_path(meta),
            help_uri: help_uri(meta),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&entries).expect("plain structs serialise");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_documented_in_their_own_file_and_pseudo_rules_in_the_readme() {
        let link = rules::known("broken-link").unwrap();
        assert_eq!(doc_path(link), "rules/broken-link.md");
        assert_eq!(
            help_uri(link),
            format!("{REPOSITORY}/blob/main/rules/broken-link.md")
        );
        assert!(doc_path(rules::known(rules::IO_ERROR).unwrap()).starts_with("README.md#"));
    }
}

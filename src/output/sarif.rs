//! `--format sarif`: one SARIF 2.1.0 log, for code scanning (GitHub's upload-sarif) and
//! SARIF viewers.
//!
//! The run lists every rule and pseudo-rule as a `reportingDescriptor` (help from
//! `rules/<id>.md`, `helpUri` its page in roles-lint's repository). Regions use the
//! report's 1-based lines and character columns, end exclusive, which SARIF calls
//! `unicodeCodePoints`. Artifact URIs are relative to `%SRCROOT%`: the git work tree that
//! holds the handbook (as code scanning expects), else the handbook root.
//!
//! No absolute path of the machine appears in the log: `%SRCROOT%` is described, not
//! given a `file://` URI (SARIF allows an `originalUriBaseIds` entry without `uri`; code
//! scanning reads relative URIs from the repository root), so a log is the same wherever
//! it was made and leaks no home folder or runner layout. Each result carries a partial
//! fingerprint (see `fingerprint`) that does not change when lines move.

use std::collections::{BTreeMap, HashMap};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use super::catalogue;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rule::RuleMeta;
use crate::rules;
use crate::source::Span;
use crate::Report;

/// The schema that `$schema` names: the OASIS standard's, errata 01.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

const SRCROOT: &str = "%SRCROOT%";

/// Characters kept as they are in a URI path; everything else is percent-encoded.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    original_uri_base_ids: BTreeMap<&'static str, BaseId>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help_uri: String,
    help: Help,
    default_configuration: Configuration,
}

/// An `originalUriBaseIds` entry that says what the base is without giving its
/// absolute `uri`.
#[derive(Serialize)]
struct BaseId {
    description: Text,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

/// Renders the report; `%SRCROOT%` is the git work tree holding the handbook, if any.
pub fn render(report: &Report) -> String {
    render_with_prefix(report, &super::github::repository_prefix(&report.root))
}

/// Renders the report with `prefix` (empty, or ending in `/`) before each page path to
/// make it relative to `%SRCROOT%`.
pub fn render_with_prefix(report: &Report, prefix: &str) -> String {
    let metas: Vec<&'static RuleMeta> = rules::known_metas().collect();
    let index: HashMap<&str, usize> = metas
        .iter()
        .enumerate()
        .map(|(i, meta)| (meta.id, i))
        .collect();
    let fingerprints = super::fingerprint::fingerprints(report);
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "roles-lint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: catalogue::REPOSITORY,
                    rules: metas.iter().map(|meta| descriptor(meta)).collect(),
                },
            },
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                BaseId {
                    description: Text {
                        text: "The root of the git work tree that holds the handbook (else \
                               the handbook's own folder); every artifact URI is relative to it."
                            .to_string(),
                    },
                },
            )]),
            column_kind: "unicodeCodePoints",
            results: report
                .diagnostics
                .iter()
                .zip(fingerprints)
                .map(|(d, fingerprint)| {
                    result(report, d, index.get(d.rule).copied(), prefix, fingerprint)
                })
                .collect(),
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).expect("plain structs serialise");
    text.push('\n');
    text
}

fn descriptor(meta: &'static RuleMeta) -> Descriptor {
    Descriptor {
        id: meta.id,
        name: meta
            .id
            .split('-')
            .map(|part| {
                let mut chars = part.chars();
                chars.next().map_or(String::new(), |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect(),
        short_description: Text {
            text: meta.summary.to_string(),
        },
        full_description: Text {
            text: first_paragraph(meta.doc),
        },
        help_uri: catalogue::help_uri(meta),
        help: Help {
            text: meta.doc,
            markdown: meta.doc,
        },
        default_configuration: Configuration {
            level: level(meta.severity),
        },
    }
}

/// The first paragraph after the doc's title, joined into one line.
fn first_paragraph(doc: &str) -> String {
    let paragraph: Vec<&str> = doc
        .lines()
        .skip_while(|line| line.starts_with('#') || line.trim().is_empty())
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    paragraph.join(" ")
}

fn result<'a>(
    report: &Report,
    d: &'a Diagnostic,
    rule_index: Option<usize>,
    prefix: &str,
    fingerprint: String,
) -> SarifResult<'a> {
    let artifact = ArtifactLocation {
        uri: utf8_percent_encode(&format!("{prefix}{}", d.path), PATH).to_string(),
        uri_base_id: Some(SRCROOT),
    };
    let source = report.sources.get(&d.path);
    let related_locations = source
        .map(|source| {
            d.related
                .iter()
                .enumerate()
                .map(|(i, related)| Location {
                    id: Some(i + 1),
                    physical_location: PhysicalLocation {
                        artifact_location: artifact.clone(),
                        region: region(source.span(related.range.clone())),
                    },
                    message: Some(Text {
                        text: related.label.clone(),
                    }),
                })
                .collect()
        })
        .unwrap_or_default();
    let fixes = d
        .fix
        .iter()
        .map(|fix| SarifFix {
            description: Text {
                text: fix.description.clone(),
            },
            artifact_changes: [ArtifactChange {
                artifact_location: artifact.clone(),
                replacements: fix
                    .edits
                    .iter()
                    .map(|edit| Replacement {
                        deleted_region: region(edit.span),
                        inserted_content: Text {
                            text: edit.replacement.clone(),
                        },
                    })
                    .collect(),
            }],
        })
        .collect();
    SarifResult {
        rule_id: d.rule,
        rule_index,
        level: level(d.severity),
        message: Text {
            // The fix is in `fixes`: the message carries the help only.
            text: super::github::message_with_help(d),
        },
        locations: [Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact,
                region: region(d.span),
            },
            message: None,
        }],
        related_locations,
        fixes,
        partial_fingerprints: BTreeMap::from([(super::fingerprint::KEY, fingerprint)]),
    }
}

fn region(span: Span) -> Region {
    Region {
        start_line: span.start.line,
        start_column: span.start.column,
        end_line: span.end.line,
        end_column: span.end.column,
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_paragraph_skips_the_title() {
        assert_eq!(
            first_paragraph("# rule\n\nOne line\nand two.\n\nMore.\n"),
            "One line and two."
        );
    }
}

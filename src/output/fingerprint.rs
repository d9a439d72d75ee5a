//! Partial fingerprints for SARIF: an identity of each finding that survives lines
//! being added or removed above it, so that code scanning keeps one alert for one
//! problem across commits (and a dismissed alert stays dismissed).
//!
//! The identity is what the finding is about, never where: the rule, the page, the text
//! of the finding's span and of the line it starts on (without leading and trailing
//! whitespace), and which occurrence it is among the page's findings with that same
//! content. Line numbers and messages are left out: messages may quote line numbers.
//!
//! The hash is FNV-1a over those bytes: specified, so stable across Rust versions and
//! platforms (std's `DefaultHasher` is not), and plenty for telling apart findings that
//! a repository, a path and a rule already narrow down. It is no defence against a
//! crafted collision, which would only merge two alerts.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::Report;

/// The `partialFingerprints` key: roles-lint's own, versioned as SARIF's "versioned
/// hierarchical strings" are. GitHub computes `primaryLocationLineHash` itself and warns
/// when a log carries a different value under that name, so it is not used.
pub const KEY: &str = "rolesLint/v1";

/// Separates the hashed fields; 0xFF never occurs in UTF-8, so fields cannot run into
/// each other ambiguously.
const SEPARATOR: u8 = 0xFF;

/// The fingerprint of every finding of `report`, in the report's order:
/// `<16 hex digits>:<occurrence>`, the occurrence counting from 1 in the report's order
/// (by line), among the findings of the same page with the same content.
pub fn fingerprints(report: &Report) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let hash = content_hash(report, d);
            let occurrence = seen.entry(hash).or_insert(0);
            *occurrence += 1;
            format!("{hash:016x}:{occurrence}")
        })
        .collect()
}

/// The hash of what `d` is about: rule, page, span text, start line's text.
fn content_hash(report: &Report, d: &Diagnostic) -> u64 {
    let (span, line) = report
        .sources
        .get(&d.path)
        .map(|source| {
            let text = source.text();
            let span = text.get(d.range.clone()).unwrap_or_default();
            let line = text
                .get(source.line_range(d.span.start.line))
                .unwrap_or_default();
            (span, line.trim())
        })
        // A page without text (it could not be read) is its own content.
        .unwrap_or_default();
    let mut hash = Fnv1a::new();
    for field in [d.rule, d.path.as_str(), span, line] {
        hash.write(field.as_bytes());
        hash.write(&[SEPARATOR]);
    }
    hash.0
}

/// 64-bit FNV-1a (the offset basis and prime are the published constants).
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fnv(text: &str) -> u64 {
        let mut hash = Fnv1a::new();
        hash.write(text.as_bytes());
        hash.0
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv("foobar"), 0x8594_4171_f739_67e8);
    }
}

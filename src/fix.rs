//! The fix engine: apply the findings' fixes, lint again, repeat until nothing changes.
//!
//! Nothing here writes a file: fixed texts are handed back (and linted through
//! `Options::overrides`), so `--diff`, standard input and `--fix` share one engine.

use std::collections::{BTreeMap, HashSet};

use crate::diagnostic::{Edit, Fix};
use crate::resident::Resident;
use crate::{load, nested_options, report, Clock, Error, Options, Report};

/// More passes than any fix needs: each pass applies every non-overlapping fix, and
/// only fixes that overlapped wait for the next one.
pub const MAX_PASSES: usize = 10;

/// What fixing a handbook did.
#[derive(Debug)]
pub struct FixOutcome {
    /// The findings left in the fixed texts.
    pub report: Report,
    /// Every page whose text changed: its text as read, and as fixed.
    pub changes: BTreeMap<String, Change>,
    /// How many fixes were applied.
    pub applied: usize,
}

impl FixOutcome {
    /// Takes in what fixing the handbook nested in the root-relative `folder` did.
    fn absorb(&mut self, folder: &str, inner: FixOutcome) {
        self.report.absorb(folder, inner.report);
        self.changes.extend(
            inner
                .changes
                .into_iter()
                .map(|(path, change)| (format!("{folder}/{path}"), change)),
        );
        self.applied += inner.applied;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub original: String,
    pub fixed: String,
    /// How many fixes made `fixed` from `original`, over every pass.
    pub applied: usize,
}

/// Applies the fixes of the reported pages until none is left, in memory. `only`
/// limits the fixes to these rule ids.
///
/// The handbook is read and parsed once. Each later pass parses only the pages the
/// previous one changed, updates the indexes from them and runs the per-page rules again
/// only on the pages whose findings they may change (`Resident::edit`, as the language
/// server does after an edit). The last pass, which finds nothing left to fix, is the
/// report of the fixed texts.
pub fn fix_handbook(
    options: &Options,
    only: Option<&HashSet<String>>,
) -> Result<FixOutcome, Error> {
    let mut clock = Clock::new();
    let mut resident = Resident::new(load::load(options, &mut clock)?);
    clock.lap("rules");
    let mut originals: BTreeMap<String, String> = BTreeMap::new();
    let mut applied = 0;
    // Per page, so that a caller can count only what it managed to write.
    let mut applied_to: BTreeMap<String, usize> = BTreeMap::new();
    for _ in 0..MAX_PASSES {
        let loaded = resident.loaded();
        let diagnostics = resident.findings();
        let mut by_page: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
        for diagnostic in diagnostics {
            let Some(fix) = &diagnostic.fix else { continue };
            if only.is_some_and(|only| !only.contains(diagnostic.rule)) {
                continue;
            }
            // Damage a given page does elsewhere is reported, not fixed: `--fix` on some
            // pages changes those pages only.
            if !loaded.is_reported(&diagnostic.path) {
                continue;
            }
            by_page.entry(&diagnostic.path).or_default().push(fix);
        }
        let mut fixed_texts = Vec::new();
        for (path, fixes) in by_page {
            let Some(page) = loaded.handbook.page(path) else {
                continue;
            };
            let current = page.source.text();
            let (fixed, count) = apply(current, &fixes);
            if count == 0 || fixed == current {
                continue;
            }
            originals
                .entry(path.to_string())
                .or_insert_with(|| current.to_string());
            fixed_texts.push((path.to_string(), fixed));
            applied += count;
            *applied_to.entry(path.to_string()).or_default() += count;
        }
        if fixed_texts.is_empty() {
            let (loaded, diagnostics) = resident.into_parts();
            let changes = originals
                .into_iter()
                .filter_map(|(path, original)| {
                    let fixed = loaded.handbook.page(&path)?.source.text().to_string();
                    let applied = applied_to.get(&path).copied().unwrap_or(0);
                    let change = Change {
                        original,
                        fixed,
                        applied,
                    };
                    (change.fixed != change.original).then_some((path, change))
                })
                .collect();
            let nested = loaded.nested.clone();
            let mut outcome = FixOutcome {
                report: report(loaded, diagnostics, clock),
                changes,
                applied,
            };
            for folder in nested {
                let nested_options = nested_options(options, &outcome.report.root, &folder);
                outcome.absorb(&folder, fix_handbook(&nested_options, only)?);
            }
            return Ok(outcome);
        }
        resident = resident.edit(fixed_texts);
        clock.lap("fixed pages re-linted");
    }
    Err(Error::FixesDidNotSettle {
        passes: MAX_PASSES,
        paths: originals.into_keys().collect(),
    })
}

/// The text with every fix applied that does not overlap one applied before it (in the
/// given order), and how many fixes were applied. A fix's edits apply together or not at
/// all. Edits that touch without overlapping (one ends where the next starts) both apply.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    // Chosen edits by (start, end): they never overlap, so in start order their ends are
    // in order too, and one look at a neighbour tells whether a new edit overlaps.
    let mut chosen: BTreeMap<(usize, usize), &Edit> = BTreeMap::new();
    let mut applied = 0;
    for fix in fixes {
        let in_bounds = fix
            .edits
            .iter()
            .all(|e| e.range.start <= e.range.end && text.get(e.range.clone()).is_some());
        if in_bounds && !fix.edits.iter().any(|edit| overlaps(&chosen, edit)) {
            for edit in &fix.edits {
                chosen.insert((edit.range.start, edit.range.end), edit);
            }
            applied += 1;
        }
    }
    // One pass from the start: the text between edits, then each replacement.
    let mut result = String::with_capacity(text.len());
    let mut at = 0;
    for edit in chosen.values() {
        if edit.range.start < at {
            continue;
        }
        result.push_str(&text[at..edit.range.start]);
        result.push_str(&edit.replacement);
        at = edit.range.end;
    }
    result.push_str(&text[at..]);
    (result, applied)
}

/// True when `edit` overlaps a chosen edit, or inserts where one starts (or starts where
/// one inserts): which comes first would be a guess.
fn overlaps(chosen: &BTreeMap<(usize, usize), &Edit>, edit: &Edit) -> bool {
    let (start, end) = (edit.range.start, edit.range.end);
    let before_end = chosen
        .range(..(end, 0))
        .next_back()
        .is_some_and(|(&(s, e), _)| s < end && start < e);
    let at_start = chosen
        .range((start, 0)..=(start, usize::MAX))
        .any(|(&(s, e), _)| s == e || start == end);
    before_end || at_start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    #[test]
    fn overlapping_fixes_are_skipped_and_the_rest_applied() {
        let source = Source::new("abc def ghi".to_string());
        let first = Fix::replace("a", &source, 0..3, "ABC");
        let overlapping = Fix::replace("b", &source, 2..5, "X");
        let last = Fix::replace("c", &source, 8..11, "");
        let (text, applied) = apply(source.text(), &[&first, &overlapping, &last]);
        assert_eq!(text, "ABC def ");
        assert_eq!(applied, 2);
    }

    #[test]
    fn bytes_outside_the_edits_never_change() {
        let text = "line one\r\nline two é\r\n\u{feff}three\n";
        let source = Source::new(text.to_string());
        // Every pair of disjoint ranges on char boundaries, replaced by a marker.
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (i, &a) in bounds.iter().enumerate() {
            for &b in &bounds[i..] {
                let fix = Fix::replace("x", &source, a..b, "<>");
                let (fixed, applied) = apply(text, &[&fix]);
                assert_eq!(applied, 1);
                assert_eq!(&fixed[..a], &text[..a]);
                assert_eq!(&fixed[a + 2..], &text[b..]);
            }
        }
    }

    #[test]
    fn out_of_bounds_fixes_are_ignored() {
        let source = Source::new("ab".to_string());
        let mut fix = Fix::replace("a", &source, 0..1, "x");
        fix.edits[0].range = 1..9;
        assert_eq!(apply("ab", &[&fix]), ("ab".to_string(), 0));
    }
}

//! `--diff`: the fixes as a unified diff, one file after another.

use std::collections::BTreeMap;

use std::time::{Duration, Instant};

use similar::TextDiff;

use crate::fix::Change;

/// How long the diff of one page may search for the smallest diff. Past it, the diff is
/// still exact (applying it gives the fixed page) but may be longer: a page with 200,000
/// fixes took 212 s to diff without a bound.
const DIFF_DEADLINE: Duration = Duration::from_secs(1);

pub fn render(changes: &BTreeMap<String, Change>) -> String {
    let mut out = String::new();
    for (path, change) in changes {
        let diff = TextDiff::configure()
            .deadline(Instant::now() + DIFF_DEADLINE)
            .diff_lines(&change.original, &change.fixed);
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{path}"), &format!("b/{path}"))
                .to_string(),
        );
    }
    out
}

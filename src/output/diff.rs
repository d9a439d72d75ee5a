//! `--diff`: the fixes as a unified diff, one file after another.

use std::collections::BTreeMap;

use std::time::{Duration, Instant};

use similar::TextDiff;

use crate::fix::Change;

/// How long the diff of one page may search for the smallest diff. Past it, the diff is
/// still exact (applying it gives the fixed page) but may be longer: a page with 200,000
/// fixes took 212 s to diff without a bound.
const DIFF_DEADLINE: Duration = Duration::from_secs(1);

/// The diff of every change. `prefix` (empty, or ending in `/`; see `output::paths`) goes
/// before each page's path in the `a/` and `b/` headers. The headers are those of a plain
/// unified diff, without git's `diff --git` line: `git apply`, like `patch -p1`, then
/// reads their paths from the folder it runs in (a `diff --git` patch is read from the
/// top of the repository instead).
pub fn render(changes: &BTreeMap<String, Change>, prefix: &str) -> String {
    let mut out = String::new();
    for (path, change) in changes {
        let diff = TextDiff::configure()
            .deadline(Instant::now() + DIFF_DEADLINE)
            .diff_lines(&change.original, &change.fixed);
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{prefix}{path}"), &format!("b/{prefix}{path}"))
                .to_string(),
        );
    }
    out
}

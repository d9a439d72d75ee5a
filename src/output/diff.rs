//! `--diff`: the fixes as a unified diff, one file after another.

use std::collections::BTreeMap;

use similar::TextDiff;

use crate::fix::Change;

pub fn render(changes: &BTreeMap<String, Change>) -> String {
    let mut out = String::new();
    for (path, change) in changes {
        let diff = TextDiff::from_lines(&change.original, &change.fixed);
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

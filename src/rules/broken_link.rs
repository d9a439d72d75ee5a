//! `broken-link`: see `rules/broken-link.md`.

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::facts::{Link, LinkKind};
use crate::handbook::{Handbook, Page};
use crate::index::suggestions::{Candidate, MissingTarget};
use crate::page::{name_of, relative_link};
use crate::resolve::{Target, Written};
use crate::rule::{FixAvailability, Rule, RuleMeta};

pub struct BrokenLink;

static META: RuleMeta = RuleMeta {
    id: "broken-link",
    summary: "A relative link, image or reference definition points at a file that does not exist.",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/broken-link.md"),
};

impl Rule for BrokenLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page, handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        let Some(position) = handbook.page_index(&page.path) else {
            return;
        };
        let indexes = handbook.indexes();
        for (index, resolved) in indexes.links.links_of(position) {
            let Some(path) = resolved.missing_path() else {
                continue;
            };
            let link = &page.facts.links[index];
            let missing = indexes.suggestions.get(path);
            out.push(finding(page, link, path, resolved.written, missing));
        }
    }
}

fn finding(
    page: &Page,
    link: &Link,
    path: &str,
    written: Written,
    missing: Option<&MissingTarget>,
) -> Diagnostic {
    let text = page.source.text();
    let written_path = link
        .destination(text)
        .split(['#', '?'])
        .next()
        .unwrap_or_default();
    let what = match link.kind {
        LinkKind::Image => "image",
        LinkKind::Definition => "reference definition target",
        _ => "link target",
    };
    let range = link
        .written_parts(text)
        .map_or(link.range(), |(path_range, _)| path_range);
    let mut diagnostic = META.finding(
        page,
        range,
        format!("{what} `{written_path}` does not exist"),
        "no such file",
    );
    let name = name_of(path);
    let others = missing.map_or(0, |m| m.links().saturating_sub(1));
    let also = match others {
        0 => String::new(),
        1 => format!(" (`{name}` is also linked from 1 other place)"),
        n => format!(" (`{name}` is also linked from {n} other places)"),
    };
    let closest = missing.map_or_else(Vec::new, |m| m.closest_for(&page.path));
    if !closest.is_empty() {
        let written_folder = written_path.rsplit_once('/').map(|(f, _)| f);
        let show = |candidate: &Candidate| {
            let candidate_name = name_of(&candidate.path);
            match (candidate.in_folder, written_folder) {
                (true, Some(folder)) => format!("`{folder}/{candidate_name}`"),
                (true, None) => format!("`{candidate_name}`"),
                (false, _) => format!("`{}`", relative_link(&page.path, &candidate.path)),
            }
        };
        diagnostic = diagnostic.with_help(format!("{}{also}", question(&closest, show)));
        // A rename within the folder is fixed; a page of the same name elsewhere may be one
        // of several of that name, so a moved page is only suggested.
        if let [only] = closest.as_slice() {
            if only.in_folder && is_certain(name, only.distance) {
                diagnostic = diagnostic.with_fix(fix_name(page, link, name, name_of(&only.path)));
            }
        }
    } else if Target::leaves_root(path) && written == Written::Relative {
        diagnostic = diagnostic.with_help(format!(
            "the path leaves the handbook root; check the number of `../`{also}"
        ));
    } else if others > 0 {
        diagnostic = diagnostic.with_help(format!(
            "if the file was renamed or deleted, update every link to it{also}"
        ));
    }
    diagnostic
}

/// "did you mean `a`?" or "did you mean `a`, `b` or `c`?".
fn question(candidates: &[&Candidate], show: impl Fn(&Candidate) -> String) -> String {
    let names: Vec<String> = candidates.iter().take(5).map(|c| show(c)).collect();
    match names.as_slice() {
        [one] => format!("did you mean {one}?"),
        [init @ .., last] => format!("did you mean {} or {last}?", init.join(", ")),
        [] => String::new(),
    }
}

/// So close that replacing the name is safe: a change of case only, or at most two edits
/// on a name long enough that two edits are a slip.
fn is_certain(name: &str, distance: usize) -> bool {
    distance == 0 || (distance <= 2 && name.chars().count() >= 6)
}

/// Replaces the file name as written, when it is written plainly (no percent-encoding)
/// and the replacement needs no encoding either.
fn fix_name(page: &Page, link: &Link, name: &str, candidate: &str) -> Option<Fix> {
    if candidate.contains([' ', '(', ')', '<', '>', '%']) {
        return None;
    }
    let (path_range, _) = link.written_parts(page.source.text())?;
    let written = &page.source.text()[path_range.clone()];
    let name_start = written.rfind('/').map_or(0, |slash| slash + 1);
    if &written[name_start..] != name {
        return None;
    }
    Some(Fix::replace(
        format!("Replace `{name}` with `{candidate}`"),
        &page.source,
        path_range.start + name_start..path_range.end,
        candidate.to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_written_from_the_linking_page() {
        assert_eq!(relative_link("README.md", "team/Lead.md"), "team/Lead.md");
        assert_eq!(relative_link("team/A.md", "team/Lead.md"), "Lead.md");
        assert_eq!(relative_link("team/A.md", "ops/Lead.md"), "../ops/Lead.md");
        assert_eq!(relative_link("a/b/C.md", "Lead.md"), "../../Lead.md");
    }

    #[test]
    fn certainty_needs_a_long_name_for_two_edits() {
        assert!(is_certain("lead.md", 0));
        assert!(is_certain("Software-Engineer.md", 2));
        assert!(!is_certain("a.md", 1));
    }
}

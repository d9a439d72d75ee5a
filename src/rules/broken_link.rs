//! `broken-link`: see `rules/broken-link.md`.

use crate::diagnostic::{Diagnostic, Fix};
use crate::facts::{Link, LinkKind};
use crate::handbook::{Entry, Handbook, Page};
use crate::resolve::{resolve, Target};
use crate::rule::{FixAvailability, Rule, RuleMeta, Severity};
use crate::suggest::{closest, Closest};

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
        for link in page
            .facts
            .links
            .iter()
            .filter(|l| l.has_checked_destination())
        {
            let Target::Local { path, .. } =
                resolve(&page.path, link.destination(page.source.text()))
            else {
                continue;
            };
            if handbook.entry(&path) != Entry::Missing {
                continue;
            }
            out.push(finding(page, handbook, link, &path));
        }
    }
}

fn finding(page: &Page, handbook: &Handbook, link: &Link, path: &str) -> Diagnostic {
    let written_path = link
        .destination(page.source.text())
        .split(['#', '?'])
        .next()
        .unwrap_or_default();
    let what = match link.kind {
        LinkKind::Image => "image",
        LinkKind::Definition => "reference definition target",
        _ => "link target",
    };
    let range = link
        .written_parts(page.source.text())
        .map_or(link.range.clone(), |(path_range, _)| path_range);
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let suggestion = same_folder_suggestion(handbook, folder, name);
    let mut diagnostic = META.finding(
        page,
        range,
        format!("{what} `{written_path}` does not exist"),
        "no such file",
    );
    let written_folder = written_path.rsplit_once('/').map(|(f, _)| f);
    if let Some(found) = suggestion.filter(|s| s.is_plausible(name)) {
        let help = found.question(|name| match written_folder {
            Some(folder) => format!("`{folder}/{name}`"),
            None => format!("`{name}`"),
        });
        diagnostic = diagnostic
            .with_help(help)
            .with_fix(fix_name(page, link, name, &found));
    } else if let Some(found) =
        closest(path, handbook.page_paths()).filter(|s| s.is_plausible(path))
    {
        let help = found.question(|path| format!("`/{path}`"));
        diagnostic = diagnostic.with_help(format!("{help} (path from the handbook root)"));
    } else if Target::leaves_root(path) {
        diagnostic =
            diagnostic.with_help("the path leaves the handbook root; check the number of `../`");
    }
    diagnostic
}

/// The closest name in the target's folder, when that folder exists.
fn same_folder_suggestion(handbook: &Handbook, folder: &str, name: &str) -> Option<Closest> {
    if !folder.is_empty() && handbook.entry(folder) != Entry::Folder {
        return None;
    }
    let names = handbook.folder_names(folder)?;
    let names: Vec<String> = names
        .iter()
        .filter_map(|n| n.to_str().map(str::to_string))
        .collect();
    closest(name, names.iter().map(String::as_str))
}

/// Replaces the file name as written, when it is written plainly (no percent-encoding)
/// and the replacement needs no encoding either.
fn fix_name(page: &Page, link: &Link, name: &str, found: &Closest) -> Option<Fix> {
    if !found.is_certain(name) || found.candidate.contains([' ', '(', ')', '<', '>', '%']) {
        return None;
    }
    let (path_range, _) = link.written_parts(page.source.text())?;
    let written = &page.source.text()[path_range.clone()];
    let name_start = written.rfind('/').map_or(0, |slash| slash + 1);
    if &written[name_start..] != name {
        return None;
    }
    Some(Fix::replace(
        format!("Replace `{name}` with `{}`", found.candidate),
        &page.source,
        path_range.start + name_start..path_range.end,
        found.candidate.clone(),
    ))
}

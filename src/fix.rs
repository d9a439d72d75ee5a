//! Applying fixes to a page's text: non-overlapping edits, applied from the end backwards.

use crate::diagnostic::Fix;

/// The text with every fix applied that does not overlap one applied before it (in the
/// given order), and how many fixes were applied. A fix's edits apply together or not at
/// all. Edits that touch without overlapping (one ends where the next starts) both apply.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut chosen: Vec<&crate::diagnostic::Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let in_bounds = fix
            .edits
            .iter()
            .all(|e| e.range.start <= e.range.end && text.get(e.range.clone()).is_some());
        let overlaps = fix.edits.iter().any(|edit| {
            chosen.iter().any(|other| {
                edit.range.start < other.range.end && other.range.start < edit.range.end
                    || (edit.range.is_empty() || other.range.is_empty())
                        && edit.range.start == other.range.start
            })
        });
        if in_bounds && !overlaps {
            chosen.extend(fix.edits.iter());
            applied += 1;
        }
    }
    chosen.sort_by_key(|edit| std::cmp::Reverse(edit.range.start));
    let mut result = text.to_string();
    for edit in chosen {
        result.replace_range(edit.range.clone(), &edit.replacement);
    }
    (result, applied)
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
    fn out_of_bounds_fixes_are_ignored() {
        let source = Source::new("ab".to_string());
        let mut fix = Fix::replace("a", &source, 0..1, "x");
        fix.edits[0].range = 1..9;
        assert_eq!(apply("ab", &[&fix]), ("ab".to_string(), 0));
    }
}

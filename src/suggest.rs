//! "Did you mean": the closest candidate to a misspelt name.

/// The candidate closest to a wanted name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closest {
    /// The first of the closest candidates.
    pub candidate: String,
    /// Every candidate at the smallest distance, `candidate` first.
    pub tied: Vec<String>,
    /// Edit distance (transpositions count as one edit), ignoring case.
    pub distance: usize,
    /// True when no other candidate is as close.
    pub unique: bool,
}

impl Closest {
    /// "did you mean `a`?" or, for a tie, "did you mean `a`, `b` or `c`?"; each name is
    /// wrapped by `show`.
    pub fn question(&self, show: impl Fn(&str) -> String) -> String {
        let names: Vec<String> = self.tied.iter().take(5).map(|c| show(c)).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => format!("did you mean {one}?"),
            [init @ .., last] => format!("did you mean {} or {last}?", init.join(", ")),
        }
    }

    /// Close enough to be worth naming in a help line.
    pub fn is_plausible(&self, wanted: &str) -> bool {
        self.distance <= plausible_edits(wanted)
    }

    /// So close, and alone at that distance, that replacing the name is safe: a change
    /// of case only, or at most two edits on a name long enough that two edits are a slip.
    pub fn is_certain(&self, wanted: &str) -> bool {
        self.unique && (self.distance == 0 || (self.distance <= 2 && wanted.chars().count() >= 6))
    }
}

/// The edit distance between `a` and `b` ignoring case, transpositions counting as one
/// edit (`strsim::osa_distance` of the lower-cased texts), when it is at most `bound`;
/// `None` when it is more. Only the cells within `bound` of the diagonal are computed,
/// so a name is compared with thousands of others at the cost of a few short scans.
pub fn distance_within(a: &str, b: &str, bound: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        // File names and slugs: compared byte by byte, nothing lower-cased ahead.
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if bound <= 1 {
            return within_one_edit(a, b).filter(|&distance| distance <= bound);
        }
        return banded_distance(a.len(), b.len(), bound, |i, j| {
            a[i].eq_ignore_ascii_case(&b[j])
        });
    }
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    banded_distance(a.len(), b.len(), bound, |i, j| a[i] == b[j])
}

/// The distance between two ASCII texts ignoring case when it is at most one edit, in
/// one pass: what is left between their common start and common end must be one
/// changed, added or removed byte, or two neighbours swapped. Most look-ups of a page
/// moved to another folder ask for one edit at most.
fn within_one_edit(a: &[u8], b: &[u8]) -> Option<usize> {
    let same = |(x, y): &(&u8, &u8)| x.eq_ignore_ascii_case(y);
    let start = a.iter().zip(b).take_while(same).count();
    if start == a.len() && start == b.len() {
        return Some(0);
    }
    let end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(a.len().min(b.len()) - start)
        .take_while(same)
        .count();
    let one = match (a.len() - start - end, b.len() - start - end) {
        (1, 1) | (1, 0) | (0, 1) => true,
        (2, 2) => {
            a[start].eq_ignore_ascii_case(&b[start + 1])
                && a[start + 1].eq_ignore_ascii_case(&b[start])
        }
        _ => false,
    };
    one.then_some(1)
}

/// The optimal-string-alignment distance between sequences of `rows` and `columns`
/// items, `same(i, j)` telling whether item `i` of the first equals item `j` of the
/// second, when it is at most `bound`.
fn banded_distance(
    rows: usize,
    columns: usize,
    bound: usize,
    same: impl Fn(usize, usize) -> bool,
) -> Option<usize> {
    if rows.abs_diff(columns) > bound {
        return None;
    }
    // Three rows of the table in one allocation, a cell above `bound` standing for "too
    // far". A row's cells right of its band are never written (bands move right), so
    // they stay "too far".
    let too_far = bound + 1;
    let width = columns + 1;
    let mut cells = vec![too_far; 3 * width];
    let (mut before_last, mut last, mut row) = (0, width, 2 * width);
    for (j, cell) in cells[last..last + width].iter_mut().enumerate() {
        *cell = j.min(too_far);
    }
    for i in 1..=rows {
        let low = i.saturating_sub(bound).max(1);
        let high = (i + bound).min(columns);
        cells[row + low - 1] = if low == 1 { i.min(too_far) } else { too_far };
        let mut smallest = cells[row + low - 1];
        for j in low..=high {
            let substitution = cells[last + j - 1] + usize::from(!same(i - 1, j - 1));
            let mut cell = substitution
                .min(cells[last + j] + 1)
                .min(cells[row + j - 1] + 1);
            if i > 1 && j > 1 && same(i - 1, j - 2) && same(i - 2, j - 1) {
                cell = cell.min(cells[before_last + j - 2] + 1);
            }
            cells[row + j] = cell.min(too_far);
            smallest = smallest.min(cells[row + j]);
        }
        if smallest > bound {
            return None;
        }
        (before_last, last, row) = (last, row, before_last);
    }
    let distance = cells[last + columns];
    (distance <= bound).then_some(distance)
}

/// `closest`, kept only when plausible (`Closest::is_plausible`): candidates farther than
/// that are never measured in full.
pub fn closest_plausible<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<Closest> {
    let bound = plausible_edits(wanted);
    closest_by(wanted, candidates, |candidate| {
        distance_within(wanted, candidate, bound)
    })
}

/// Edits within which a candidate is close enough to name (`Closest::is_plausible`).
fn plausible_edits(wanted: &str) -> usize {
    (wanted.chars().count() / 3).max(2)
}

/// The candidate with the smallest distance to `wanted`; ties keep the first.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Closest> {
    let wanted_lower = wanted.to_lowercase();
    closest_by(wanted, candidates, |candidate| {
        Some(strsim::osa_distance(
            &wanted_lower,
            &candidate.to_lowercase(),
        ))
    })
}

/// The candidates other than `wanted` at the smallest `distance` (`None`: too far to
/// count), the first of them named.
fn closest_by<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    distance: impl Fn(&str) -> Option<usize>,
) -> Option<Closest> {
    let mut best: Option<Closest> = None;
    for candidate in candidates {
        if candidate == wanted {
            continue;
        }
        let Some(distance) = distance(candidate) else {
            continue;
        };
        match &mut best {
            Some(current) if distance == current.distance => {
                current.unique = false;
                current.tied.push(candidate.to_string());
            }
            Some(current) if distance > current.distance => {}
            _ => {
                best = Some(Closest {
                    candidate: candidate.to_string(),
                    tied: vec![candidate.to_string()],
                    distance,
                    unique: true,
                })
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_prefers_case_only_and_reports_ties() {
        let found = closest(
            "software-engineer.md",
            ["Software-Engineer.md", "README.md"],
        )
        .unwrap();
        assert_eq!(found.candidate, "Software-Engineer.md");
        assert_eq!(found.distance, 0);
        assert!(found.is_certain("software-engineer.md"));

        let tie = closest("Lead.md", ["Leaf.md", "Load.md"]).unwrap();
        assert!(!tie.unique);
        assert!(!tie.is_certain("Lead.md"));
        assert_eq!(
            tie.question(|c| format!("`{c}`")),
            "did you mean `Leaf.md` or `Load.md`?"
        );
    }

    /// Short words over a few letters, some outside ASCII and some capitals, meet every kind
    /// of edit, transpositions included.
    fn words() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex("[abCéÉ]{0,9}").expect("a valid pattern")
    }

    /// `a` after `edits`, each `(kind, at, c)`: a substitution, an insertion, a deletion
    /// or a transposition of neighbours (kinds 0 to 3) at `at`, skipped where it cannot
    /// be made.
    fn edited(a: &str, edits: Vec<(u8, usize, char)>) -> String {
        let mut b: Vec<char> = a.chars().collect();
        for (kind, at, c) in edits {
            let at = at.min(b.len());
            match kind {
                0 if at < b.len() => b[at] = c,
                1 => b.insert(at, c),
                2 if at < b.len() => {
                    b.remove(at);
                }
                3 if at + 1 < b.len() => b.swap(at, at + 1),
                _ => {}
            }
        }
        b.into_iter().collect()
    }

    proptest::proptest! {
        #[test]
        fn the_bounded_distance_is_the_distance_when_within_the_bound(
            a in words(),
            b in words(),
            bound in 0usize..5,
        ) {
            let full = strsim::osa_distance(&a.to_lowercase(), &b.to_lowercase());
            let expected = (full <= bound).then_some(full);
            proptest::prop_assert_eq!(distance_within(&a, &b, bound), expected);
        }

        #[test]
        fn the_bounded_distance_holds_for_words_a_few_edits_apart(
            a in words(),
            edits in proptest::collection::vec((0u8..4, 0usize..10, proptest::char::range('a', 'c')), 0..4),
            bound in 0usize..5,
        ) {
            // Substitutions, insertions, deletions and transpositions of neighbours.
            let b = edited(&a, edits);
            let full = strsim::osa_distance(&a.to_lowercase(), &b.to_lowercase());
            let expected = (full <= bound).then_some(full);
            proptest::prop_assert_eq!(distance_within(&a, &b, bound), expected);
        }

        #[test]
        fn one_edit_in_ascii_is_measured_as_the_full_distance_does(
            a in "[abC]{0,7}",
            edits in proptest::collection::vec((0u8..4, 0usize..8, proptest::sample::select(vec!['a', 'b', 'C'])), 0..3),
        ) {
            // Texts zero to a few edits apart: most within one edit, some just beyond.
            let b = edited(&a, edits);
            let full = strsim::osa_distance(&a.to_lowercase(), &b.to_lowercase());
            for bound in 0..=1 {
                let expected = (full <= bound).then_some(full);
                proptest::prop_assert_eq!(distance_within(&a, &b, bound), expected);
            }
        }

        #[test]
        fn the_plausible_closest_is_the_closest_when_plausible(
            wanted in words(),
            candidates in proptest::collection::vec(words(), 0..6),
        ) {
            let all = closest(&wanted, candidates.iter().map(String::as_str));
            let expected = all.filter(|found| found.is_plausible(&wanted));
            let bounded = closest_plausible(&wanted, candidates.iter().map(String::as_str));
            proptest::prop_assert_eq!(bounded, expected);
        }
    }

    #[test]
    fn two_changed_neighbours_are_one_edit_only_when_swapped() {
        assert_eq!(distance_within("lead.md", "laed.md", 1), Some(1));
        assert_eq!(distance_within("lead.md", "LAED.md", 1), Some(1));
        assert_eq!(distance_within("lead.md", "lxed.md", 1), None);
        assert_eq!(distance_within("lead.md", "laxd.md", 1), None);
        assert_eq!(distance_within("lead.md", "lead.md", 0), Some(0));
        assert_eq!(distance_within("lead.md", "leads.md", 0), None);
    }

    #[test]
    fn far_names_are_not_plausible() {
        let found = closest("Glossary.md", ["Software-Engineer.md"]).unwrap();
        assert!(!found.is_plausible("Glossary.md"));
    }
}

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
        self.distance <= (wanted.chars().count() / 3).max(2)
    }

    /// So close, and alone at that distance, that replacing the name is safe: a change
    /// of case only, or at most two edits on a name long enough that two edits are a slip.
    pub fn is_certain(&self, wanted: &str) -> bool {
        self.unique && (self.distance == 0 || (self.distance <= 2 && wanted.chars().count() >= 6))
    }
}

/// The candidate with the smallest distance to `wanted`; ties keep the first.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Closest> {
    let wanted_lower = wanted.to_lowercase();
    let mut best: Option<Closest> = None;
    for candidate in candidates {
        if candidate == wanted {
            continue;
        }
        let distance = strsim::osa_distance(&wanted_lower, &candidate.to_lowercase());
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

    #[test]
    fn far_names_are_not_plausible() {
        let found = closest("Glossary.md", ["Software-Engineer.md"]).unwrap();
        assert!(!found.is_plausible("Glossary.md"));
    }
}

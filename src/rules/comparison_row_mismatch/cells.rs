//! Cells of a comparison row compared with their role names masked: what makes two cells
//! the same sentence about two roles.

use std::ops::Range;

use crate::index::titles::Mention;

/// The role slots of two parallel cells, paired in order: the cells read the same once
/// their role names are masked (and say more than the names), or one names a role where
/// the other has other capitalised words ("Ability to Act as Anyone Else when Required").
/// `masked` holds the cells as `masked` returns them.
pub fn parallel_slots(
    text: &str,
    cells: [&Range<usize>; 2],
    mentions: [&[Mention]; 2],
    masked: [&str; 2],
) -> Option<Vec<[Mention; 2]>> {
    let has_words = |m: &str| {
        m.split('\0')
            .any(|part| part.chars().any(char::is_alphabetic))
    };
    if masked[0] == masked[1] {
        if !has_words(masked[0]) {
            return None;
        }
        return Some(
            mentions[0]
                .iter()
                .cloned()
                .zip(mentions[1].iter().cloned())
                .map(|(x, y)| [x, y])
                .collect(),
        );
    }
    for (named, other) in [(0, 1), (1, 0)] {
        if mentions[named].len() != 1 || !mentions[other].is_empty() || !has_words(masked[named]) {
            continue;
        }
        let Some(slot) = unknown_role(text, cells[other], masked[named]) else {
            continue;
        };
        let mut pair = [mentions[named][0].clone(), slot];
        if named == 1 {
            pair.swap(0, 1);
        }
        return Some(vec![pair]);
    }
    None
}

/// The words of `cell` that stand where `masked` (one `\0` slot) has its role name, when
/// they look like a role's name: one to four capitalised words.
fn unknown_role(text: &str, cell: &Range<usize>, masked: &str) -> Option<Mention> {
    let (prefix, suffix) = masked.split_once('\0')?;
    let other = normalised(&text[cell.clone()]);
    let middle = other.strip_prefix(prefix)?.strip_suffix(suffix)?.trim();
    let words: Vec<&str> = middle.split(' ').collect();
    let role_like = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if !role_like {
        return None;
    }
    let range = text[cell.clone()].find(middle).map_or(cell.clone(), |at| {
        cell.start + at..cell.start + at + middle.len()
    });
    Some(Mention {
        range,
        role: middle.to_string(),
        exact: true,
    })
}

/// The cell's text with each role name, and the emphasis markers around it, replaced by
/// `\0`; normalised.
pub fn masked(text: &str, cell: &Range<usize>, mentions: &[Mention]) -> String {
    let is_marker = |c: char| matches!(c, '*' | '_');
    let mut masked = String::new();
    let mut at = cell.start;
    for mention in mentions {
        masked.push_str(text[at..mention.range.start].trim_end_matches(is_marker));
        masked.push('\0');
        let after = &text[mention.range.end..cell.end];
        at = cell.end - after.trim_start_matches(is_marker).len();
    }
    masked.push_str(&text[at..cell.end]);
    normalised(&masked)
}

/// The text as compared: invisible characters dropped, whitespace collapsed, and
/// emphasis markers around the whole text ignored.
pub fn normalised(cell: &str) -> String {
    let visible: String = cell.chars().filter(|c| !is_invisible(*c)).collect();
    let collapsed = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| matches!(c, '*' | '_') || c.is_whitespace())
        .to_string()
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cells` joined by " | " as the text, each word run after `@` a role mention.
    fn slots(x: &str, y: &str) -> Option<Vec<[String; 2]>> {
        let text = format!("{x} | {y}");
        let cells = [0..x.len(), x.len() + 3..text.len()];
        let roles = [
            "Software Director",
            "Engineering Director",
            "Quality Director",
        ];
        let mention_of = |cell: &Range<usize>| -> Vec<Mention> {
            roles
                .iter()
                .filter_map(|role| {
                    let at = text[cell.clone()].find(role)? + cell.start;
                    Some(Mention {
                        range: at..at + role.len(),
                        role: role.to_string(),
                        exact: true,
                    })
                })
                .collect()
        };
        let mentions = [mention_of(&cells[0]), mention_of(&cells[1])];
        let masked = [
            masked(&text, &cells[0], &mentions[0]),
            masked(&text, &cells[1], &mentions[1]),
        ];
        let (cells, mentions) = ([&cells[0], &cells[1]], [&mentions[0][..], &mentions[1][..]]);
        parallel_slots(&text, cells, mentions, [&masked[0], &masked[1]])
            .map(|slots| slots.into_iter().map(|[a, b]| [a.role, b.role]).collect())
    }

    #[test]
    fn parallel_cells_pair_their_role_names() {
        assert_eq!(
            slots(
                "Act as Software Director now",
                "Act as  **Engineering Director** now"
            ),
            Some(vec![[
                "Software Director".to_string(),
                "Engineering Director".to_string()
            ]]),
            "spacing and emphasis around a role name do not matter"
        );
        assert_eq!(
            slots(
                "Act as Software Director now",
                "Act as Engineering Director now"
            ),
            Some(vec![[
                "Software Director".to_string(),
                "Engineering Director".to_string()
            ]])
        );
        assert_eq!(
            slots("Act as Software Director now", "Act as Anyone Else now"),
            Some(vec![[
                "Software Director".to_string(),
                "Anyone Else".to_string()
            ]])
        );
        assert_eq!(
            slots("Act as someone else now", "Act as Software Director now"),
            None,
            "lowercase words are no role"
        );
    }

    #[test]
    fn cells_that_are_only_role_names_are_not_parallel() {
        assert_eq!(slots("Software Director", "Engineering Director"), None);
        assert_eq!(slots("People Stuff", "Software Director"), None);
        assert_eq!(slots("Roadmaps", "Hiring"), None);
    }

    #[test]
    fn normalising_ignores_spacing_invisibles_and_outer_emphasis() {
        assert_eq!(
            normalised("  **System  Roadmap\u{200b} (shared)** "),
            "System Roadmap (shared)"
        );
        assert_eq!(normalised("_x_"), "x");
    }
}

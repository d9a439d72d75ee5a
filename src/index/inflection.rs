//! English inflections, enough to tell "Directors", "Director's" and "Engineered" from
//! typos of "Director" and "Engineer". Words are lower-cased, with `'` as apostrophe.

/// The words `word` may be an inflection of: itself without a possessive (`'s`, `'`),
/// then that without a plural (`-s`, `-es`, `-ies`) or a verb ending (`-ed`, `-ing`,
/// with a final `e` restored or a doubled consonant undone). Some are not words at all
/// ("directo" from "directed"); callers look them up, so that costs nothing.
pub fn bases(word: &str) -> Vec<String> {
    let mut bases = Vec::new();
    let stem = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word);
    if stem.len() < word.len() {
        bases.push(stem.to_string());
    }
    let mut push = |base: String| {
        if base.chars().count() >= 2 && base != word {
            bases.push(base);
        }
    };
    if let Some(base) = stem.strip_suffix("ies") {
        push(format!("{base}y"));
    }
    if let Some(base) = stem.strip_suffix("es") {
        push(base.to_string());
    }
    if let Some(base) = stem.strip_suffix('s').filter(|b| !b.ends_with('s')) {
        push(base.to_string());
    }
    if let Some(base) = stem.strip_suffix("ied") {
        push(format!("{base}y"));
    }
    if let Some(base) = stem.strip_suffix("ed") {
        push(base.to_string());
        push(format!("{base}e"));
        if let Some(undoubled) = undoubled(base) {
            push(undoubled);
        }
    }
    if let Some(base) = stem.strip_suffix("ing") {
        push(base.to_string());
        push(format!("{base}e"));
        if let Some(undoubled) = undoubled(base) {
            push(undoubled);
        }
    }
    bases
}

/// `plann` → `plan`: the consonant doubled before `-ed` or `-ing`.
fn undoubled(base: &str) -> Option<String> {
    let mut chars = base.chars().rev();
    let (last, before) = (chars.next()?, chars.next()?);
    (last == before && !"aeiou".contains(last)).then(|| base[..base.len() - last.len_utf8()].into())
}

/// The plurals of a noun by the regular rules: `director` → `directors`, `boss` →
/// `bosses`, `strategy` → `strategies`. A word in `-ch` has both `-ches` and `-chs`
/// (`approaches`, `techs`): spelling alone cannot tell which.
pub fn plurals(word: &str) -> Vec<String> {
    let consonant_y = word.strip_suffix('y').filter(|base| {
        base.chars()
            .last()
            .is_some_and(|c| c.is_alphabetic() && !"aeiou".contains(c))
    });
    if let Some(base) = consonant_y {
        vec![format!("{base}ies")]
    } else if word.ends_with("ch") {
        vec![format!("{word}es"), format!("{word}s")]
    } else if ["s", "x", "z", "sh"].iter().any(|end| word.ends_with(end)) {
        vec![format!("{word}es")]
    } else {
        vec![format!("{word}s")]
    }
}

/// Endings that coin a new word from a role word: "techy", "designerly", "frontender",
/// "leadership". Such words are not typos, though they are as close to the role word as
/// a typo that adds letters at its end.
const DERIVATIONS: &[&str] = &[
    "y", "ly", "ic", "al", "er", "ers", "ish", "ism", "isms", "ist", "ists", "ity", "ize", "ise",
    "ized", "ised", "ness", "ful", "less", "ship", "ships", "wise", "like", "hood", "dom",
];

/// The words `word` may be coined from with one of `DERIVATIONS` (some are not words).
pub fn derivation_bases(word: &str) -> impl Iterator<Item = &str> {
    DERIVATIONS
        .iter()
        .filter_map(move |ending| word.strip_suffix(ending))
}

/// True when one of the two words is an inflection of the other.
pub fn related(a: &str, b: &str) -> bool {
    a == b || bases(a).iter().any(|x| x == b) || bases(b).iter().any(|x| x == a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_undo_plurals_possessives_and_verb_endings() {
        let has = |word: &str, base: &str| bases(word).iter().any(|b| b == base);
        assert!(has("directors", "director"));
        assert!(has("director's", "director"));
        assert!(has("engineers'", "engineers"));
        assert!(has("engineered", "engineer"));
        assert!(has("engineering", "engineer"));
        assert!(has("managed", "manage"));
        assert!(has("managing", "manage"));
        assert!(has("planned", "plan"));
        assert!(has("strategies", "strategy"));
        assert!(has("bosses", "boss"));
        assert!(!has("boss", "bos"));
        assert!(!has("directror", "director"));
    }

    #[test]
    fn plurals_follow_the_regular_rules() {
        assert_eq!(plurals("director"), ["directors"]);
        assert_eq!(plurals("boss"), ["bosses"]);
        assert_eq!(plurals("strategy"), ["strategies"]);
        assert_eq!(plurals("day"), ["days"]);
        assert_eq!(plurals("approach"), ["approaches", "approachs"]);
        assert_eq!(plurals("tech"), ["teches", "techs"]);
    }

    #[test]
    fn derivations_give_their_base() {
        let bases: Vec<&str> = derivation_bases("designerly").collect();
        assert!(bases.contains(&"designer"));
        assert!(derivation_bases("frontender").any(|b| b == "frontend"));
        assert!(derivation_bases("techy").any(|b| b == "tech"));
        assert!(!derivation_bases("engineerr").any(|b| b == "engineer"));
    }

    #[test]
    fn related_words_are_inflections_of_each_other() {
        assert!(related("director", "directors"));
        assert!(related("directors", "director"));
        assert!(!related("director", "directror"));
    }
}

//! Invisible characters: zero-width characters, the word joiner, a byte order mark after
//! the start, the soft hyphen, and bidirectional controls. They are found in the raw page
//! text on demand, code included, so nothing is stored per page.

use std::ops::Range;
use std::sync::LazyLock;

/// One invisible character in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invisible {
    /// Byte range of the character in the page text.
    pub range: Range<usize>,
    pub char: char,
}

/// The Unicode name of a character that may be invisible, or `None` for any other.
pub fn name_of(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{E0001}' => "LANGUAGE TAG",
        '\u{E0020}'..='\u{E007F}' => "TAG CHARACTER",
        _ => return None,
    })
}

/// `text` with every invisible character written as its code point (`<U+202E>`): page text
/// echoed in a message must not hide text or reorder the terminal line.
pub fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if is_invisible(c) {
                    format!("<U+{:04X}>", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// True for the characters that change the display order of text (Bidi_Control).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Every default-ignorable character and every bidirectional control, by Unicode's own
/// properties (Default_Ignorable_Code_Point, Bidi_Control) as the regex crate's Unicode
/// tables hold them: the class is parsed once into its ranges of code points, sorted.
/// Every page is scanned for them, so a lookup is a binary search over a few dozen
/// ranges, not a regex search.
static INVISIBLE_SET: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let hir = regex_syntax::Parser::new()
        .parse(r"[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]")
        .expect("the invisible character class is valid");
    match hir.kind() {
        regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|range| (range.start(), range.end()))
            .collect(),
        other => unreachable!("a character class parses to a class, not {other:?}"),
    }
});

/// True when `c` is in `INVISIBLE_SET`.
fn in_invisible_set(c: char) -> bool {
    let ranges = &*INVISIBLE_SET;
    let after = ranges.partition_point(|&(start, _)| start <= c);
    after > 0 && c <= ranges[after - 1].1
}

/// True for a variation selector: it picks a glyph of the character before it (an emoji's
/// colour form, an ideograph's variant), a job, not a trick.
fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}' | '\u{180F}')
}

/// True for an invisible character, wherever it stands: one `name_of` knows, or any other
/// default-ignorable character or bidirectional control but a variation selector.
pub fn is_invisible(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    name_of(c).is_some() || (!is_variation_selector(c) && in_invisible_set(c))
}

/// A name for any invisible character: its own, or what Unicode says of its kind.
pub fn display_name_of(c: char) -> &'static str {
    name_of(c).unwrap_or("DEFAULT IGNORABLE CHARACTER")
}

/// The invisible characters of `text` that do harm, in order. Left out: a byte order
/// mark at offset 0, a zero-width joiner inside an emoji sequence (👩‍💻), and a
/// zero-width joiner or non-joiner between characters of a script that needs them to
/// shape its letters (Persian, Hindi, ...).
pub fn invisible_chars(text: &str) -> Vec<Invisible> {
    let mut found = Vec::new();
    // Every one of these characters is outside ASCII: runs of ASCII are skipped eight
    // bytes at a time, and only the characters outside it are decoded.
    for (offset, c) in non_ascii_chars(text) {
        if !is_invisible(c) || (c == '\u{FEFF}' && offset == 0) {
            continue;
        }
        let before = text[..offset].chars().next_back();
        let after = text[offset + c.len_utf8()..].chars().next();
        let joins = match c {
            '\u{200D}' => is_emoji_joint(&text[..offset], after) || is_script_joint(before, after),
            '\u{200C}' => is_script_joint(before, after),
            // The tags of a subdivision flag (🏴 then tags, as for England's flag).
            '\u{E0020}'..='\u{E007F}' => is_flag_tag(&text[..offset]),
            _ => false,
        };
        if !joins {
            found.push(Invisible {
                range: offset..offset + c.len_utf8(),
                char: c,
            });
        }
    }
    found
}

/// The characters of `text` outside ASCII, with their byte offsets.
fn non_ascii_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        // Eight ASCII bytes at a time: no byte of the word has its high bit set.
        while let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if word & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            at += 8;
        }
        while at < bytes.len() && bytes[at].is_ascii() {
            at += 1;
        }
        // `at` is a char boundary: it follows ASCII bytes or a whole character.
        let c = text.get(at..)?.chars().next()?;
        let offset = at;
        at += c.len_utf8();
        Some((offset, c))
    })
}

/// A zero-width joiner between two pictographs, the first one possibly carrying a
/// variation selector, a skin tone or tags (👩🏽‍💻, ❤️‍🔥, 🏳️‍🌈).
fn is_emoji_joint(before_text: &str, after: Option<char>) -> bool {
    let before = before_text.chars().rev().find(
        |&c| !matches!(c, '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}'),
    );
    before.is_some_and(is_pictographic) && after.is_some_and(is_pictographic)
}

/// A tag character in a sequence that starts with the black flag 🏴 (U+1F3F4).
fn is_flag_tag(before_text: &str) -> bool {
    before_text
        .chars()
        .rev()
        .find(|c| !matches!(c, '\u{E0020}'..='\u{E007F}'))
        == Some('\u{1F3F4}')
}

/// Both neighbours belong to scripts whose shaping uses zero-width (non-)joiners.
fn is_script_joint(before: Option<char>, after: Option<char>) -> bool {
    let joining = |c: char| {
        matches!(c,
            '\u{0600}'..='\u{08FF}'       // Arabic, Syriac, Thaana, N'Ko and extensions
            | '\u{0900}'..='\u{0DFF}'     // Devanagari to Sinhala
            | '\u{0F00}'..='\u{0FFF}'     // Tibetan
            | '\u{1000}'..='\u{109F}'     // Myanmar
            | '\u{1780}'..='\u{18AF}'     // Khmer, Mongolian
            | '\u{A840}'..='\u{A87F}'     // Phags-pa
            | '\u{FB50}'..='\u{FDFF}'     // Arabic presentation forms
            | '\u{FE70}'..='\u{FEFE}')
    };
    before.is_some_and(joining) && after.is_some_and(joining)
}

/// Extended_Pictographic, over the ranges emoji sequences use in practice.
fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{2199}' | '\u{21A9}'..='\u{21AA}' | '\u{231A}'..='\u{231B}'
        | '\u{2328}' | '\u{23CF}' | '\u{23E9}'..='\u{23F3}' | '\u{23F8}'..='\u{23FA}'
        | '\u{24C2}' | '\u{25AA}'..='\u{25AB}' | '\u{25B6}' | '\u{25C0}'
        | '\u{25FB}'..='\u{25FE}' | '\u{2600}'..='\u{27BF}' | '\u{2934}'..='\u{2935}'
        | '\u{2B05}'..='\u{2B07}' | '\u{2B1B}'..='\u{2B1C}' | '\u{2B50}' | '\u{2B55}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{1F000}'..='\u{1F1E5}' | '\u{1F200}'..='\u{1F3FA}' | '\u{1F400}'..='\u{1FAFF}'
        | '\u{1FC00}'..='\u{1FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        invisible_chars(text).into_iter().map(|i| i.char).collect()
    }

    #[test]
    fn every_kind_is_found_with_its_range() {
        let text = "a\u{200B}b \u{202E}c\u{00AD}d\u{2060}e\u{FEFF}f\u{200C}g\u{200D}h";
        let found = invisible_chars(text);
        assert_eq!(
            found.iter().map(|i| i.char).collect::<Vec<_>>(),
            ['\u{200B}', '\u{202E}', '\u{00AD}', '\u{2060}', '\u{FEFF}', '\u{200C}', '\u{200D}']
        );
        assert_eq!(found[0].range, 1..4);
        assert_eq!(found[2].range, 10..12);
    }

    #[test]
    fn a_leading_bom_is_not_reported_but_a_later_one_is() {
        assert_eq!(chars("\u{FEFF}# Title\n"), [] as [char; 0]);
        assert_eq!(chars("\u{FEFF}# Title\n\u{FEFF}x"), ['\u{FEFF}']);
    }

    #[test]
    fn emoji_sequences_keep_their_joiners() {
        for emoji in [
            "👨\u{200D}👩\u{200D}👧",
            "👩🏽\u{200D}💻",
            "❤\u{FE0F}\u{200D}🔥",
            "🏳\u{FE0F}\u{200D}🌈",
            "🏃\u{200D}♀\u{FE0F}",
        ] {
            assert_eq!(
                chars(&format!("Team {emoji} photo")),
                [] as [char; 0],
                "{emoji}"
            );
        }
        assert_eq!(chars("a\u{200D}👩"), ['\u{200D}']);
        assert_eq!(chars("👩\u{200D}b"), ['\u{200D}']);
        assert_eq!(chars("\u{200D}👩"), ['\u{200D}']);
    }

    #[test]
    fn joiners_inside_scripts_that_need_them_are_kept() {
        assert_eq!(chars("می\u{200C}خواهم"), [] as [char; 0]);
        assert_eq!(chars("क्\u{200D}ष"), [] as [char; 0]);
        assert_eq!(chars("Soft\u{200C}ware"), ['\u{200C}']);
    }

    #[test]
    fn characters_are_found_wherever_they_fall_among_ascii_runs() {
        // Every length of ASCII run before and between them, across the eight-byte steps.
        for before in 0..20 {
            for between in 0..12 {
                let text = format!(
                    "{}\u{200B}{}é\u{202E}x",
                    "a".repeat(before),
                    "b".repeat(between)
                );
                let found = invisible_chars(&text);
                let second = before + 3 + between + 2;
                assert_eq!(
                    found.iter().map(|i| i.range.clone()).collect::<Vec<_>>(),
                    [before..before + 3, second..second + 3],
                    "{text:?}"
                );
            }
        }
        assert_eq!(
            chars("plain ASCII text that is longer than eight bytes"),
            [] as [char; 0]
        );
        assert_eq!(chars("\u{E0001}"), ['\u{E0001}']);
    }

    proptest::proptest! {
        /// The range table answers as the regex class it is parsed from, for characters
        /// near and inside the ranges (every plane, every length of UTF-8).
        #[test]
        fn the_set_holds_what_the_regex_class_matches(c in proptest::char::any()) {
            static CLASS: LazyLock<regex::Regex> = LazyLock::new(|| {
                regex::Regex::new(r"^[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]$").unwrap()
            });
            for c in [c, char::from_u32(0x2000 + c as u32 % 0x100).unwrap(), char::from_u32(0xE0000 + c as u32 % 0x1000).unwrap()] {
                proptest::prop_assert_eq!(in_invisible_set(c), CLASS.is_match(c.encode_utf8(&mut [0; 4])), "{:?}", c);
            }
        }
    }
}

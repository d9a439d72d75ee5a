//! Which pages are English: `role-typo` judges words against English word lists only.
//!
//! The language of a page is detected from a sample of its prose with whatlang, and only
//! for pages that hold a candidate typo (most pages hold none). A page whose detection is
//! not reliable (too little text) takes the language most of the other detected pages
//! have. The configuration's `language` replaces detection.

use rayon::prelude::*;
use whatlang::Lang;

use crate::page::Page;

/// How much prose is enough to tell a language.
const SAMPLE_BYTES: usize = 2_000;

/// The handbook's setting: `language` in `roles-lint.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Detect each page's language (the default).
    Detect,
    /// Every page is English.
    English,
    /// Every page is in a language without a word list: nothing is checked.
    Other,
}

impl Setting {
    /// `None` and `"auto"` detect; `"en"`, `"eng"` and `"english"` (any case, with a
    /// region such as `"en-GB"`) are English; anything else is another language.
    pub fn of(configured: Option<&str>) -> Self {
        let Some(value) = configured.map(|v| v.trim().to_lowercase()) else {
            return Setting::Detect;
        };
        let base = value.split(['-', '_']).next().unwrap_or_default();
        match base {
            "" | "auto" => Setting::Detect,
            "en" | "eng" | "english" => Setting::English,
            _ => Setting::Other,
        }
    }
}

/// For each page, true when its words are judged as English.
pub fn english_pages(pages: &[&Page], setting: Setting) -> Vec<bool> {
    match setting {
        Setting::English => vec![true; pages.len()],
        Setting::Other => vec![false; pages.len()],
        Setting::Detect => {
            let detected: Vec<Option<bool>> =
                pages.par_iter().map(|page| is_english(page)).collect();
            let english = detected.iter().filter(|d| **d == Some(true)).count();
            let other = detected.iter().filter(|d| **d == Some(false)).count();
            // An undecided page goes with the handbook; a tie or nothing known is English.
            let usual = english >= other;
            detected.into_iter().map(|d| d.unwrap_or(usual)).collect()
        }
    }
}

/// Whether the page's prose is English, when whatlang can tell reliably.
fn is_english(page: &Page) -> Option<bool> {
    let text = page.source.text();
    let mut sample = String::with_capacity(SAMPLE_BYTES);
    for run in &page.facts.text_runs {
        let Some(run) = text.get(run.range()) else {
            continue;
        };
        sample.push_str(run);
        sample.push(' ');
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
    }
    let info = whatlang::detect(&sample)?;
    info.is_reliable().then(|| info.lang() == Lang::Eng)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{extract, ExtractOptions};
    use crate::source::Source;

    fn page(markdown: &str) -> Page {
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        Page {
            path: "P.md".to_string(),
            source,
            facts: facts.into(),
        }
    }

    #[test]
    fn settings_are_read_leniently() {
        assert_eq!(Setting::of(None), Setting::Detect);
        assert_eq!(Setting::of(Some("auto")), Setting::Detect);
        assert_eq!(Setting::of(Some("en-GB")), Setting::English);
        assert_eq!(Setting::of(Some("English")), Setting::English);
        assert_eq!(Setting::of(Some("pt-BR")), Setting::Other);
    }

    #[test]
    fn pages_in_other_languages_are_told_apart() {
        let english = page(
            "# Níveis\n\nEngineers at every level write code, review the work of their peers \
             and grow the people around them through mentoring and clear feedback.\n",
        );
        let portuguese = page(
            "# Níveis\n\nAs pessoas engenheiras em cada nível escrevem código, revisam o trabalho \
             dos colegas e ajudam as pessoas ao redor a crescer com mentoria e retorno claro.\n",
        );
        let short = page("# Níveis\n\nOi.\n");
        assert_eq!(
            english_pages(&[&english, &portuguese], Setting::Detect),
            [true, false]
        );
        assert_eq!(
            english_pages(&[&portuguese, &portuguese, &short], Setting::Detect),
            [false, false, false],
            "an undecided page goes with the handbook"
        );
        assert_eq!(english_pages(&[&short], Setting::Detect), [true]);
    }
}

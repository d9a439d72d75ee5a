//! Pseudo-rules: findings the engine itself reports, not a `Rule` over facts. They have
//! ids, severities and docs like rules, so that configuration, suppressions, `--explain`
//! and SARIF treat them alike, but no `rules/<id>.md` (that folder holds the rules whose
//! examples run as tests).

use crate::diagnostic::Severity;
use crate::rule::{FixAvailability, RuleMeta};

/// A page that could not be read; always an error by default, never a fix.
pub const IO_ERROR: &str = "io-error";

/// A suppression comment that names an unknown rule or directive.
pub const INVALID_SUPPRESSION: &str = "invalid-suppression";

pub static IO_ERROR_META: RuleMeta = RuleMeta {
    id: IO_ERROR,
    summary: "A page cannot be read or is not UTF-8 text.",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    doc: "# io-error\n\n\
          A page that cannot be linted: it cannot be read (permissions, a dangling or looping\n\
          symbolic link), is not UTF-8, is a binary file, is not a regular file, or is larger\n\
          than 128 MiB. The finding is on line 1 of the page and the run goes on with the\n\
          other pages.\n\n\
          Save the page as UTF-8 text, fix its permissions, or exclude it in\n\
          `roles-lint.toml` (`exclude = [\"path/\"]`).\n",
};

pub static INVALID_SUPPRESSION_META: RuleMeta = RuleMeta {
    id: INVALID_SUPPRESSION,
    summary: "A suppression comment names an unknown rule or directive.",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    doc: "# invalid-suppression\n\n\
          A `<!-- roles-lint-... -->` comment that roles-lint cannot follow: it names a rule id\n\
          that does not exist (`<!-- roles-lint-disable-next-line broken-lnk -->`), or a\n\
          directive other than `roles-lint-disable-next-line`, `roles-lint-disable`,\n\
          `roles-lint-enable` and `roles-lint-disable-file`.\n\n\
          Such a comment suppresses nothing (an unknown id is left out of its list; a\n\
          comment whose ids are all unknown does not fall back to every rule), so the\n\
          finding it was meant to hide would still be reported: this finding says why.\n\n\
          Correct the id (`roles-lint --list-rules` lists them) or the directive.\n",
};

/// The pseudo-rules, ordered by id.
pub fn all() -> [&'static RuleMeta; 2] {
    [&INVALID_SUPPRESSION_META, &IO_ERROR_META]
}

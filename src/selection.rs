//! Which rules run and at which severity: the defaults, then `[rules]` of the
//! configuration, then `--select` and `--ignore` from the command line.

use std::collections::BTreeMap;

use crate::config::{Config, RuleLine, RuleSetting};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::rule::Rule;
use crate::rules;

/// The severity of every rule and pseudo-rule that is on; a rule that is absent is off.
#[derive(Debug, Clone)]
pub struct RulePlan {
    on: BTreeMap<&'static str, Severity>,
}

impl RulePlan {
    /// Every rule at its default severity.
    pub fn defaults() -> Self {
        RulePlan {
            on: rules::known_metas()
                .map(|meta| (meta.id, meta.severity))
                .collect(),
        }
    }

    /// The plan of a run.
    ///
    /// - `[rules] <id> = "off"` turns a rule off; `"error"` and `"warning"` set its severity.
    /// - A non-empty `select` runs only the rules it names, even those the configuration
    ///   turned off (the command line wins), at their configured or default severity.
    ///   `io-error` is kept unless it is turned off or ignored: a page that cannot be
    ///   read is never silently passed.
    /// - `ignore` turns rules off.
    ///
    /// An unknown id in `select` or `ignore` is an error.
    pub fn new(config: &Config, select: &[String], ignore: &[String]) -> Result<Self, Error> {
        for id in select.iter().chain(ignore) {
            if rules::known(id).is_none() {
                return Err(Error::unknown_rule(id, rules::known_metas().map(|m| m.id)));
            }
        }
        // The one place rule ids are checked: the configuration takes them as written.
        if let Some(id) = config.rules.keys().find(|id| rules::known(id).is_none()) {
            return Err(config.unknown_rule(id));
        }
        let mut on = BTreeMap::new();
        for meta in rules::known_metas() {
            let configured = config.rules.get(meta.id).copied();
            let selected = select.iter().any(|id| id == meta.id);
            let wanted = if select.is_empty() || meta.id == rules::IO_ERROR && !selected {
                configured != Some(RuleSetting::Off)
            } else {
                selected
            };
            if !wanted || ignore.iter().any(|id| id == meta.id) {
                continue;
            }
            let severity = match configured {
                Some(RuleSetting::Warning) => Severity::Warning,
                Some(RuleSetting::Error) => Severity::Error,
                Some(RuleSetting::Off) | None => meta.severity,
            };
            on.insert(meta.id, severity);
        }
        Ok(RulePlan { on })
    }

    /// The severity of the rule with this id, or `None` when it is off.
    pub fn severity(&self, id: &str) -> Option<Severity> {
        self.on.get(id).copied()
    }

    pub fn is_on(&self, id: &str) -> bool {
        self.on.contains_key(id)
    }

    /// The registered rules that are on, in registry order.
    pub fn rules(&self) -> impl Iterator<Item = &'static dyn Rule> + '_ {
        rules::all()
            .iter()
            .copied()
            .filter(|rule| self.is_on(rule.meta().id))
    }
}

/// Every rule and pseudo-rule as `roles-lint --init` lists them.
pub fn starter_lines() -> Vec<RuleLine> {
    rules::known_metas()
        .map(|meta| (meta.id, meta.severity, meta.summary))
        .collect()
}

impl Default for RulePlan {
    fn default() -> Self {
        RulePlan::defaults()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config(text: &str) -> Config {
        Config::parse(text, Path::new("roles-lint.toml"), Path::new("/h")).unwrap()
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn configuration_sets_severities_and_turns_rules_off() {
        let config = config("[rules]\norphan-page = \"off\"\nbroken-link = \"warning\"\n");
        let plan = RulePlan::new(&config, &[], &[]).unwrap();
        assert!(!plan.is_on("orphan-page"));
        assert_eq!(plan.severity("broken-link"), Some(Severity::Warning));
        assert_eq!(plan.severity("broken-anchor"), Some(Severity::Error));
        assert!(plan.is_on(rules::IO_ERROR));
    }

    #[test]
    fn select_runs_only_its_rules_and_wins_over_off() {
        let config = config("[rules]\norphan-page = \"off\"\n");
        let plan = RulePlan::new(&config, &ids(&["orphan-page", "broken-link"]), &[]).unwrap();
        assert!(plan.is_on("orphan-page") && plan.is_on("broken-link"));
        assert!(!plan.is_on("broken-anchor"));
        assert!(!plan.is_on(rules::INVALID_SUPPRESSION));
        assert!(
            plan.is_on(rules::IO_ERROR),
            "unreadable pages are never passed"
        );
        let plan = RulePlan::new(&config, &ids(&["broken-link"]), &ids(&["io-error"])).unwrap();
        assert!(!plan.is_on(rules::IO_ERROR));
    }

    #[test]
    fn ignore_turns_rules_off_and_unknown_ids_are_errors() {
        let plan = RulePlan::new(&Config::default(), &[], &ids(&["broken-link"])).unwrap();
        assert!(!plan.is_on("broken-link"));
        assert!(matches!(
            RulePlan::new(&Config::default(), &ids(&["broken-lnk"]), &[]),
            Err(Error::UnknownRule { id, help }) if id == "broken-lnk" && help.contains("`broken-link`")
        ));
        assert!(RulePlan::new(&Config::default(), &[], &ids(&["nope"])).is_err());
    }

    #[test]
    fn unknown_rule_ids_in_the_configuration_are_located_errors() {
        let config = config("[rules]\nbroken-link = \"off\"\nbroken-lnk = \"off\"\n");
        match RulePlan::new(&config, &[], &[]) {
            Err(Error::Config(error)) => {
                assert_eq!((error.line, error.column), (3, 1));
                assert!(
                    error.message.contains("unknown rule `broken-lnk`"),
                    "{}",
                    error.message
                );
            }
            other => panic!("expected a configuration error, got {other:?}"),
        }
    }

    #[test]
    fn the_starter_parses_to_the_defaults() {
        let starter = crate::config::starter(&starter_lines());
        let config = config(&starter);
        assert!(config.exclude.is_empty() && config.rules.is_empty());
        assert!(config.root_dir.is_none() && config.repository.is_none());
        assert_eq!(
            config.nav_headings.unwrap(),
            crate::facts::DEFAULT_NAV_HEADINGS
        );
        for meta in rules::known_metas() {
            assert!(
                starter.contains(&format!("# {} = ", meta.id)),
                "{}",
                meta.id
            );
        }
    }
}

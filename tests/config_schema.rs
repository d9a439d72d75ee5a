//! `roles-lint.schema.json`, the JSON Schema of `roles-lint.toml` for editors: the
//! committed file is what the configuration types generate, and it agrees with the
//! parser on the example configurations (accepted) and on mistakes (refused).
//!
//! After a deliberate change to the configuration, write the file again with
//! `ROLES_LINT_UPDATE_SCHEMA=1 cargo test --test config_schema` and review its diff.

mod common;

use std::path::Path;

use roles_lint::config::Config;
use roles_lint::config_schema::{json_schema, json_schema_text};
use serde_json::Value;

const SCHEMA_FILE: &str = "roles-lint.schema.json";

#[test]
fn the_committed_schema_is_what_the_types_generate() {
    let path = common::repo().join(SCHEMA_FILE);
    let generated = json_schema_text();
    if std::env::var_os("ROLES_LINT_UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).unwrap();
        eprintln!("wrote {}", path.display());
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{SCHEMA_FILE} is not what the configuration types generate: run \
         `ROLES_LINT_UPDATE_SCHEMA=1 cargo test --test config_schema` and review the diff"
    );
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&json_schema()).expect("the schema compiles")
}

/// The errors of the TOML `text` against the schema (empty when valid).
fn schema_errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let value: Value = toml::from_str(text).expect("the example is TOML");
    validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn parses(text: &str) -> bool {
    Config::parse(text, Path::new("roles-lint.toml"), Path::new("/handbook")).is_ok()
}

/// Every example configuration: the fixtures', the README's, and `--init`'s starter.
fn examples() -> Vec<(String, String)> {
    let mut examples = Vec::new();
    let fixtures = common::repo().join("fixtures");
    let mut stack = vec![fixtures];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "roles-lint.toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                examples.push((path.display().to_string(), text));
            }
        }
    }
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    for (index, block) in readme.split("```toml\n").skip(1).enumerate() {
        let block = block.split("```").next().unwrap();
        examples.push((
            format!("README.md, TOML block {}", index + 1),
            block.to_string(),
        ));
    }
    let starter = roles_lint::config::starter(&roles_lint::selection::starter_lines());
    examples.push(("the --init starter".to_string(), starter));
    examples
}

#[test]
fn every_example_configuration_is_valid_and_parses() {
    let validator = validator();
    let examples = examples();
    // Two fixtures, the README's two blocks, the starter.
    assert!(examples.len() >= 5, "{examples:#?}");
    for (name, text) in &examples {
        assert!(parses(text), "{name} does not parse:\n{text}");
        let errors = schema_errors(&validator, text);
        assert!(errors.is_empty(), "{name} is invalid: {errors:#?}\n{text}");
    }
}

#[test]
fn the_schema_refuses_what_the_parser_refuses() {
    let validator = validator();
    for text in [
        "exlude = [\"drafts/\"]\n",
        "exclude = \"drafts/\"\n",
        "[nav]\nheading = [\"Pages\"]\n",
        "[roles]\nextras = [\"Principal Engineer\"]\n",
        "[rules]\nbroken-link = \"warn\"\n",
        "[rules]\nbroken-lnk = \"off\"\n",
        "language = 1\n",
    ] {
        assert!(
            !schema_errors(&validator, text).is_empty(),
            "the schema accepts {text:?}"
        );
        // The parser refuses it too, now or (an unknown rule id) when the run starts.
        let unknown_rule = text.contains("broken-lnk");
        assert!(!parses(text) || unknown_rule, "the parser accepts {text:?}");
    }
}

#[test]
fn every_documented_key_and_rule_is_in_the_schema() {
    let schema = json_schema();
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let table = readme
        .split("| key | default | effect |")
        .nth(1)
        .expect("the README's table of keys");
    let mut keys = 0;
    for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        let key = row.split('`').nth(1).unwrap();
        let property = match key.split_once("] ") {
            Some((table, key)) if key != "<id>" => {
                let table = resolved(&schema, &schema["properties"][&table[1..]]);
                &table["properties"][key]
            }
            Some((table, _)) => &schema["properties"][&table[1..]],
            None => &schema["properties"][key],
        };
        assert!(property.is_object(), "`{key}` is not in the schema");
        assert!(
            property.get("description").is_some() || property.get("$ref").is_some(),
            "`{key}` has no description"
        );
        keys += 1;
    }
    assert!(keys >= 8, "only {keys} keys in the README's table");
    for meta in roles_lint::rules::known_metas() {
        let rule = &schema["properties"]["rules"]["properties"][meta.id];
        assert!(rule.is_object(), "{} is not in [rules]", meta.id);
    }
}

/// `value`, or the definition its `$ref` (`#/definitions/Name`) names.
fn resolved<'a>(schema: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap();
            &schema["definitions"][name]
        }
        None => value,
    }
}

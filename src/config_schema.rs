//! The JSON Schema of `roles-lint.toml`, committed as `roles-lint.schema.json` for
//! editors: taplo (and so the Even Better TOML extension of VS Code, and Helix and Zed
//! through taplo's language server) completes and checks a file that starts with
//! `#:schema ./roles-lint.schema.json`.
//!
//! The schema is derived (schemars) from `config::File`, the very struct serde parses
//! the file into, with the same serde attributes (kebab-case keys, unknown keys
//! refused), so the parser and the schema cannot drift apart silently: a key added to
//! `File` changes the generated schema, and `tests/config_schema.rs` fails until the
//! committed file is written again. Deriving from `File` rather than from mirror
//! structs keeps one definition; `toml::Spanned` (which schemars does not know) is
//! described as the value it wraps.
//!
//! What the derive cannot know is added here: the rule ids of `[rules]`, which come from
//! the registry, so that editors complete them and, as the parser does, refuse others.

use schemars::generate::SchemaSettings;
use serde_json::{json, Value};

use crate::rules;

/// The schema, as the JSON value to write.
pub fn json_schema() -> Value {
    // Draft 7: `definitions` rather than `$defs`, the draft editors' TOML tooling
    // (taplo) supports best.
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<crate::config::File>()
        .to_value();
    let rules = &mut schema["properties"]["rules"];
    // What the derive made of `BTreeMap<String, RuleSetting>`: a reference to the
    // setting's definition, for every rule id.
    let setting = rules["additionalProperties"].take();
    let mut properties = serde_json::Map::new();
    for meta in rules::known_metas() {
        properties.insert(
            meta.id.to_string(),
            json!({
                "description": format!(
                    "{} Default: \"{}\".",
                    meta.summary,
                    meta.severity.as_str()
                ),
                // Draft 7 ignores keywords beside `$ref`: the description would be
                // lost on a bare reference.
                "allOf": [setting.clone()],
            }),
        );
    }
    rules["properties"] = Value::Object(properties);
    rules["additionalProperties"] = Value::Bool(false);
    schema
}

/// The schema as `roles-lint.schema.json` holds it: pretty-printed, ending in a newline.
pub fn json_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).expect("a JSON value prints");
    text.push('\n');
    text
}

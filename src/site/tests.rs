//! Unit tests of site detection: each generator's convention, positive and negative, the
//! folders searched, odd files, and the example sites in `fixtures/sites/`.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use tempfile::TempDir;

use super::yaml::{self, Yaml};
use super::*;

/// A temporary folder holding `files` (`path`, text); a path ending in `/` is a folder.
fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder can be created");
    for (path, text) in files {
        let path = dir.path().join(path);
        if path.to_string_lossy().ends_with('/') {
            fs::create_dir_all(&path).unwrap();
        } else {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
        }
    }
    dir
}

/// `detect` with the handbook at `handbook` and the repository at the temporary folder.
fn detect_in(dir: &TempDir, handbook: &str) -> Option<Site> {
    detect(&dir.path().join(handbook), dir.path())
}

fn generator(site: Option<Site>) -> Option<&'static str> {
    site.map(|site| site.generator)
}

fn listed(dir: &TempDir, site: &Site) -> Vec<String> {
    site.listed
        .iter()
        .map(|path| {
            let relative = path
                .strip_prefix(dir.path())
                .expect("listed under the site");
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

// Hugo

#[test]
fn hugo_toml_publishes_a_handbook_inside_content() {
    let dir = tree(&[
        ("hugo.toml", "title = 'Handbook'\n"),
        ("content/roles/", ""),
    ]);
    let site = detect_in(&dir, "content/roles").unwrap();
    assert_eq!(site.generator, "Hugo");
    assert_eq!(site.config_file, dir.path().join("hugo.toml"));
    assert!(site.builds_navigation);
    assert!(site.listed.is_empty());
}

#[test]
fn hugo_publishes_a_handbook_that_is_or_contains_content() {
    let dir = tree(&[
        ("site/hugo.yaml", "title: Handbook\n"),
        ("site/content/", ""),
    ]);
    assert_eq!(generator(detect_in(&dir, "site/content")), Some("Hugo"));
    assert_eq!(generator(detect_in(&dir, "site")), Some("Hugo"));
}

#[test]
fn hugo_does_not_publish_a_handbook_outside_content() {
    let dir = tree(&[("hugo.json", "{}"), ("content/", ""), ("handbook/", "")]);
    assert_eq!(detect_in(&dir, "handbook"), None);
}

#[test]
fn hugo_reads_content_dir_from_its_configuration() {
    let toml = tree(&[
        ("hugo.toml", "contentDir = 'pages'\n"),
        ("pages/roles/", ""),
    ]);
    assert_eq!(generator(detect_in(&toml, "pages/roles")), Some("Hugo"));
    let yaml = tree(&[("hugo.yml", "contentdir: pages\n"), ("pages/", "")]);
    assert_eq!(generator(detect_in(&yaml, "pages")), Some("Hugo"));
    let json = tree(&[("hugo.json", r#"{"contentDir": "pages"}"#), ("pages/", "")]);
    assert_eq!(generator(detect_in(&json, "pages")), Some("Hugo"));
    // The default folder does not count once another is configured.
    let moved = tree(&[("hugo.toml", "contentDir = 'pages'\n"), ("content/", "")]);
    assert_eq!(detect_in(&moved, "content"), None);
}

#[test]
fn hugo_config_toml_needs_a_content_folder() {
    let with = tree(&[("config.toml", "baseURL = '/'\n"), ("content/roles/", "")]);
    assert_eq!(generator(detect_in(&with, "content/roles")), Some("Hugo"));
    let without = tree(&[("config.toml", "[tool]\nname = 'x'\n")]);
    assert_eq!(detect_in(&without, ""), None);
}

// MkDocs

const MKDOCS_NAV: &str = "\
site_name: Handbook
nav:
  - index.md
  - Roles:
      - Platform Engineer: roles/platform-engineer.md
      - Leads:
          - roles/support-lead.md
          - 'Support Lead again': roles/support-lead.md#levels
  - Status: https://status.example.com/
  - Home page: /
  - './about.md'
";

#[test]
fn mkdocs_nav_lists_pages_of_nested_sections_and_skips_urls() {
    let dir = tree(&[("mkdocs.yml", MKDOCS_NAV), ("docs/roles/", "")]);
    let site = detect_in(&dir, "docs").unwrap();
    assert_eq!(site.generator, "MkDocs");
    assert!(!site.builds_navigation);
    assert_eq!(
        listed(&dir, &site),
        [
            "docs/index.md",
            "docs/roles/platform-engineer.md",
            "docs/roles/support-lead.md",
            "docs/about.md",
        ]
    );
}

#[test]
fn mkdocs_tolerates_python_and_env_tags() {
    let config = "\
site_name: Handbook
site_url: !ENV [SITE_URL, 'https://handbook.example.com/']
copyright: !ENV COPYRIGHT
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
nav:
  - Home: !!str index.md
  - Roles: roles.md
";
    let dir = tree(&[("mkdocs.yml", config), ("docs/", "")]);
    let site = detect_in(&dir, "docs").unwrap();
    assert!(!site.builds_navigation);
    assert_eq!(listed(&dir, &site), ["docs/index.md", "docs/roles.md"]);
}

#[test]
fn mkdocs_docs_dir_from_the_environment_is_unknown() {
    let config = "docs_dir: !ENV DOCS_DIR\nnav:\n  - index.md\n";
    let dir = tree(&[("mkdocs.yml", config), ("handbook/", "")]);
    let site = detect_in(&dir, "handbook").unwrap();
    assert!(site.builds_navigation);
    assert!(site.listed.is_empty());
}

#[test]
fn mkdocs_without_nav_builds_the_navigation() {
    let configs = [
        "site_name: Handbook\n",
        "site_name: Handbook\nnav:\n",
        "site_name: Handbook\nnav: !ENV NAV\n",
    ];
    for config in configs {
        let dir = tree(&[("mkdocs.yaml", config), ("docs/", "")]);
        let site = detect_in(&dir, "docs").unwrap();
        assert!(site.builds_navigation, "{config:?}");
        assert!(site.listed.is_empty());
    }
}

#[test]
fn mkdocs_that_cannot_be_parsed_builds_the_navigation() {
    let dir = tree(&[
        ("mkdocs.yml", "site_name: [unclosed\nnav:\n  - a.md\n"),
        ("elsewhere/", ""),
    ]);
    // The docs folder is unknown too, so any handbook below the file is taken as published.
    let site = detect_in(&dir, "elsewhere").unwrap();
    assert_eq!(site.generator, "MkDocs");
    assert!(site.builds_navigation);
    assert!(site.listed.is_empty());
}

#[test]
fn mkdocs_nav_with_a_placeholder_builds_the_rest() {
    let config = "nav:\n  - index.md\n  - ...\n";
    let dir = tree(&[("mkdocs.yml", config), ("docs/", "")]);
    let site = detect_in(&dir, "docs").unwrap();
    assert!(site.builds_navigation);
    assert_eq!(listed(&dir, &site), ["docs/index.md"]);
}

#[test]
fn mkdocs_docs_dir_decides_what_is_published() {
    let config = "docs_dir: handbook\nnav:\n  - index.md\n";
    let dir = tree(&[("mkdocs.yml", config), ("handbook/", ""), ("docs/", "")]);
    let site = detect_in(&dir, "handbook").unwrap();
    assert_eq!(listed(&dir, &site), ["handbook/index.md"]);
    assert_eq!(detect_in(&dir, "docs"), None);
    // The project folder contains the docs folder.
    assert_eq!(generator(detect_in(&dir, "")), Some("MkDocs"));
}

// Docusaurus

#[test]
fn docusaurus_builds_the_navigation_with_any_sidebar() {
    let config = "module.exports = { title: 'Handbook' };\n";
    let sidebars = [
        None,
        Some("module.exports = { docs: [{ type: 'autogenerated', dirName: '.' }] };\n"),
        Some("module.exports = { docs: ['intro', 'platform-engineer'] };\n"),
    ];
    for sidebar in sidebars {
        let mut files = vec![("docusaurus.config.ts", config), ("docs/", "")];
        files.extend(sidebar.map(|text| ("sidebars.js", text)));
        let dir = tree(&files);
        let site = detect_in(&dir, "docs").unwrap();
        assert_eq!(site.generator, "Docusaurus");
        assert!(site.builds_navigation);
        assert!(site.listed.is_empty());
    }
}

// Jekyll

#[test]
fn jekyll_collection_builds_the_navigation() {
    let config = "title: Handbook\ncollections:\n  roles:\n    output: true\n";
    let dir = tree(&[("_config.yml", config), ("_roles/", ""), ("other/", "")]);
    let site = detect_in(&dir, "_roles").unwrap();
    assert_eq!(site.generator, "Jekyll");
    assert!(site.builds_navigation);
    assert_eq!(generator(detect_in(&dir, "")), Some("Jekyll"));
    assert_eq!(detect_in(&dir, "other"), None);
}

#[test]
fn jekyll_collections_may_be_a_list_under_collections_dir() {
    let config = "collections: [teams, roles]\ncollections_dir: my_collections\n";
    let dir = tree(&[("_config.yaml", config), ("my_collections/_roles/", "")]);
    assert_eq!(
        generator(detect_in(&dir, "my_collections/_roles")),
        Some("Jekyll")
    );
    assert_eq!(detect_in(&dir, "_roles"), None);
}

#[test]
fn jekyll_without_collections_is_passed_over_for_a_folder_above() {
    let dir = tree(&[
        ("mkdocs.yml", "site_name: Handbook\n"),
        ("docs/roles/_config.yml", "title: Roles\ntheme: minima\n"),
    ]);
    let site = detect_in(&dir, "docs/roles").unwrap();
    assert_eq!(site.generator, "MkDocs");
    assert_eq!(site.config_file, dir.path().join("mkdocs.yml"));
}

// The folders searched

#[test]
fn the_nearest_folder_wins() {
    let dir = tree(&[
        ("mkdocs.yml", "site_name: Outer\n"),
        (
            "docs/handbook/docusaurus.config.js",
            "module.exports = {};\n",
        ),
    ]);
    assert_eq!(
        generator(detect_in(&dir, "docs/handbook")),
        Some("Docusaurus")
    );
}

#[test]
fn the_search_stops_at_the_repository_root() {
    let dir = tree(&[("mkdocs.yml", "docs_dir: repo/docs\n"), ("repo/docs/", "")]);
    let handbook = dir.path().join("repo/docs");
    assert_eq!(detect(&handbook, &dir.path().join("repo")), None);
    assert_eq!(generator(detect(&handbook, dir.path())), Some("MkDocs"));
}

#[test]
fn only_the_handbook_root_when_the_repository_is_elsewhere() {
    let dir = tree(&[
        ("mkdocs.yml", "site_name: Outer\n"),
        ("docs/docusaurus.config.mjs", "export default {};\n"),
        ("other/", ""),
    ]);
    let repository = dir.path().join("other");
    assert_eq!(detect(&dir.path().join("docs/roles"), &repository), None);
    assert_eq!(
        generator(detect(&dir.path().join("docs"), &repository)),
        Some("Docusaurus")
    );
}

#[test]
fn paths_are_normalised_before_comparing() {
    let dir = tree(&[
        ("mkdocs.yml", "nav:\n  - ../docs/./a.md\n"),
        ("docs/x/", ""),
    ]);
    let site = detect(&dir.path().join("docs/x/../."), dir.path()).unwrap();
    assert_eq!(listed(&dir, &site), ["docs/a.md"]);
}

// Odd files

#[test]
fn a_folder_named_like_a_configuration_is_not_one() {
    let dir = tree(&[("mkdocs.yml/", ""), ("hugo.toml/", ""), ("content/", "")]);
    assert_eq!(detect_in(&dir, "content"), None);
}

#[test]
fn a_configuration_too_large_to_read_is_not_parsed() {
    let mut config = String::from("nav:\n  - index.md\n");
    config.push_str(&"# padding\n".repeat(120 * 1024));
    assert!(config.len() as u64 > MAX_CONFIG_BYTES);
    let dir = tree(&[("mkdocs.yml", &config), ("docs/", "")]);
    let site = detect_in(&dir, "docs").unwrap();
    assert!(site.builds_navigation);
    assert!(site.listed.is_empty());
}

#[test]
fn a_configuration_that_is_not_utf8_is_not_parsed() {
    let dir = tree(&[("docs/", "")]);
    fs::write(dir.path().join("_config.yml"), b"collections:\n  \xff: 1\n").unwrap();
    assert_eq!(detect_in(&dir, "docs"), None);
}

// The YAML reader

#[test]
fn yaml_drops_core_tags_and_keeps_custom_tags_and_aliases_unknown() {
    let text = "a: &x !custom [1, 2]\nb: *x\nc: !!python/name:m.f\nd: '~'\ne: ~\ng: !!str 3\n";
    let doc = yaml::parse(text).unwrap();
    assert!(matches!(doc.get("a"), Some(Yaml::Seq(items)) if items.len() == 2));
    assert_eq!(doc.get("b"), Some(&Yaml::Unknown));
    assert_eq!(doc.get("c"), Some(&Yaml::Unknown));
    assert_eq!(doc.get("g").and_then(Yaml::as_str), Some("3"));
    assert_eq!(doc.get("d").and_then(Yaml::as_str), Some("~"));
    assert!(doc.get("e").is_some_and(Yaml::is_null));
    assert_eq!(doc.get("f"), None);
}

#[test]
fn yaml_reads_the_first_document_only() {
    let doc = yaml::parse("---\na: 1\n---\na: 2\n...\n").unwrap();
    assert_eq!(doc.get("a").and_then(Yaml::as_str), Some("1"));
    assert_eq!(yaml::parse(""), None);
    assert_eq!(yaml::parse("# only a comment\n"), None);
}

#[test]
fn yaml_too_deep_or_with_alias_bombs_is_cheap_and_safe() {
    assert_eq!(yaml::parse(&"[".repeat(100_000)), None);
    assert_eq!(yaml::parse(&"- ".repeat(10_000)), None);
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..40 {
        let aliases = vec![format!("*a{}", level - 1); 9].join(", ");
        bomb.push_str(&format!("a{level}: &a{level} [{aliases}]\n"));
    }
    assert!(yaml::parse(&bomb).is_some());
}

proptest! {
    #[test]
    fn yaml_never_panics(text in "[-:\\[\\]{}!&*?|>'\" \n#a-c0-9.%@`,]{0,200}") {
        let _ = yaml::parse(&text);
    }
}

// The example sites

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/sites")
        .join(name)
}

#[test]
fn example_sites_are_detected() {
    let cases = [
        ("hugo", "content/roles", "Hugo", "hugo.toml"),
        ("mkdocs-auto", "docs", "MkDocs", "mkdocs.yml"),
        ("docusaurus", "docs", "Docusaurus", "docusaurus.config.js"),
        ("jekyll", "_roles", "Jekyll", "_config.yml"),
    ];
    for (name, handbook, expected, config) in cases {
        let site = example(name);
        let found = detect(&site.join(handbook), &site).unwrap();
        assert_eq!(found.generator, expected, "{name}");
        assert_eq!(found.config_file, site.join(config), "{name}");
        assert!(found.builds_navigation, "{name}");
        assert!(found.listed.is_empty(), "{name}");
    }
}

#[test]
fn example_mkdocs_nav_leaves_one_page_out() {
    let site = example("mkdocs-nav");
    let found = detect(&site.join("docs"), &site).unwrap();
    assert!(!found.builds_navigation);
    let docs = site.join("docs");
    let listed = [
        "index.md",
        "roles/platform-engineer.md",
        "roles/support-lead.md",
    ];
    let listed: Vec<PathBuf> = listed.iter().map(|page| docs.join(page)).collect();
    assert_eq!(found.listed, listed);
    for page in &listed {
        assert!(page.is_file(), "{} is listed but missing", page.display());
    }
    let orphan = docs.join("roles/data-analyst.md");
    assert!(orphan.is_file() && !found.listed.contains(&orphan));
}

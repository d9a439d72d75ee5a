//! `roles-lint server` under pytest-lsp, an LSP client for testing language servers
//! (PyPI): tests/lsp/test_server.py edits a page without saving, waits for the broken
//! anchor on a closed page, applies a quick fix and fix-all, and sees a configuration
//! error appear and go; it asks for the references of a page, completes a path and an
//! anchor, renames a page file (the edit reaches a closed page) and renames a role.
//!
//! The test installs pytest-lsp into a temporary virtual environment. Without python3,
//! venv, pip or the network it says why on stderr and passes, unless
//! `ROLES_LINT_REQUIRE_PYTEST_LSP` is set (as `.ci/run` does), when it fails instead.

mod common;

use std::process::Command;

use common::packaging::{self, text};

const REQUIRE: &str = "ROLES_LINT_REQUIRE_PYTEST_LSP";

#[test]
fn pytest_lsp_drives_the_server_through_edits_fixes_navigation_and_renames() {
    let dir = tempfile::tempdir().expect("a temporary folder can be made");
    let bin = match packaging::venv(&dir.path().join("venv"), &["pytest-lsp"]) {
        Ok(bin) => bin,
        Err(reason) => {
            return packaging::skip(REQUIRE, "pytest-lsp", &format!("cannot install: {reason}"))
        }
    };
    let output = Command::new(packaging::exe(&bin, "python"))
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .args(["-o", "asyncio_default_fixture_loop_scope=function"])
        .arg(common::repo().join("tests/lsp/test_server.py"))
        .env("ROLES_LINT_BIN", env!("CARGO_BIN_EXE_roles-lint"))
        .env("ROLES_LINT_FIXTURE", common::fixture("handbook"))
        .current_dir(dir.path())
        .output()
        .expect("pytest runs once installed");
    assert!(
        output.status.success(),
        "pytest-lsp failed:\n{}",
        text(&output)
    );
    assert!(text(&output).contains("6 passed"), "{}", text(&output));
}

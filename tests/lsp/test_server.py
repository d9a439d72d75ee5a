"""`roles-lint server` driven by pytest-lsp, an LSP client used to test language servers.

Run by tests/pytest_lsp.rs, which installs pytest-lsp into a virtual environment and
sets ROLES_LINT_BIN (the binary) and ROLES_LINT_FIXTURE (the example handbook).
"""

import asyncio
import os
import pathlib
import shutil
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(tempfile.mkdtemp()) / "handbook"
shutil.copytree(os.environ["ROLES_LINT_FIXTURE"], ROOT)


def uri(name):
    return (ROOT / name).as_uri()


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[os.environ["ROLES_LINT_BIN"], "server"])
)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            # pygls's client cannot answer client/registerCapability: no dynamic
            # registration, so the test sends the watched-file events itself.
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=ROOT.as_uri(), name="handbook")],
        )
    )
    yield
    await lsp_client.shutdown_session()


async def until(client, what, done):
    """Waits for published diagnostics until `done()` holds."""
    for _ in range(200):
        if done():
            return
        try:
            await asyncio.wait_for(
                client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 1
            )
        except asyncio.TimeoutError:
            pass
    raise AssertionError(f"timed out waiting for {what}: {client.diagnostics}")


def of_rule(client, name, rule):
    return [d for d in client.diagnostics.get(uri(name), []) if d.code == rule]


async def rename(client, name, position, new_name):
    """The workspace edit of renaming what stands at `position` of page `name`."""
    return await client.text_document_rename_async(
        types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=uri(name)),
            position=position,
            new_name=new_name,
        )
    )


def apply(text, edits):
    """Applies text edits (UTF-16 columns; the texts here are in the BMP)."""
    lines = text.split("\n")

    def offset(pos):
        return sum(len(line) + 1 for line in lines[: pos.line]) + pos.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


@pytest.mark.asyncio
async def test_edits_fixes_and_configuration(client: LanguageClient):
    name = "Software-Director.md"
    original = (ROOT / name).read_text()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri(name), language_id="markdown", version=1, text=original
            )
        )
    )
    # Rename a heading another page links to, without saving: the closed page breaks.
    renamed = original.replace("## SD2 - Software Director 2", "## SD2 - Software Director Second")
    zwsp = renamed.replace("### Expectations", "### Expec\u200btations", 2)

    def change(version, text):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri(name), version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    change(2, zwsp)
    await until(client, "broken-anchor on a closed page",
                lambda: of_rule(client, "Engineering-Director.md", "broken-anchor"))
    await until(client, "two invisible characters",
                lambda: len(of_rule(client, name, "invisible-char")) == 2)

    # A quick fix removes one invisible character.
    first = of_rule(client, name, "invisible-char")[0]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(name)),
            range=first.range,
            context=types.CodeActionContext(diagnostics=[first], only=[types.CodeActionKind.QuickFix]),
        )
    )
    fix = next(a for a in actions if a.is_preferred)
    once = apply(zwsp, fix.edit.changes[uri(name)])
    assert once.count("\u200b") == 1
    change(3, once)
    await until(client, "one invisible character",
                lambda: len(of_rule(client, name, "invisible-char")) == 1)

    # Fix all applies the rules' fixes only: the renamed heading stays.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(name)),
            range=first.range,
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.roles-lint"]),
        )
    )
    assert [a.kind for a in actions] == ["source.fixAll.roles-lint"]
    assert apply(once, actions[0].edit.changes[uri(name)]) == renamed

    # Back to the saved text: the closed page is told it is clean.
    change(4, original)
    await until(client, "the closed page clean again",
                lambda: uri("Engineering-Director.md") in client.diagnostics
                and not client.diagnostics[uri("Engineering-Director.md")])

    # A configuration mistake appears in roles-lint.toml, then goes.
    config = ROOT / "roles-lint.toml"
    config.write_text('[rules]\nno-such-rule = "off"\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    await until(client, "the configuration error", lambda: client.diagnostics.get(config.as_uri()))
    assert "no-such-rule" in client.diagnostics[config.as_uri()][0].message
    config.write_text("")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await until(client, "the configuration error to go",
                lambda: config.as_uri() in client.diagnostics
                and len(client.diagnostics[config.as_uri()]) == 0)


def open_page(client, name, text, version=1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri(name), language_id="markdown", version=version, text=text
            )
        )
    )


def destinations_of(text, prefix):
    """(line, column) of every destination that starts with `prefix` in `text`."""
    found = []
    for number, line in enumerate(text.split("\n")):
        start = line.find("](" + prefix)
        while start != -1:
            found.append((number, start + 2))
            start = line.find("](" + prefix, start + 1)
    return found


@pytest.mark.asyncio
async def test_references_of_a_page(client: LanguageClient):
    locations = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri("Software-Director.md")),
            position=types.Position(line=0, character=4),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    # Every link and nav entry to the page, as the pages' texts show them.
    expected = sorted(
        (uri(page.name), line, column)
        for page in ROOT.glob("*.md")
        for line, column in destinations_of(page.read_text(), "Software-Director.md")
    )
    got = sorted((l.uri, l.range.start.line, l.range.start.character) for l in locations)
    assert len(expected) == 21
    assert got == expected


@pytest.mark.asyncio
async def test_completion_of_a_path_and_an_anchor(client: LanguageClient):
    name = "Directing-Directors.md"
    text = (ROOT / name).read_text() + "\nSee [the director](Soft"
    open_page(client, name, text)
    last = text.count("\n")

    async def labels(character):
        items = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri(name)),
                position=types.Position(line=last, character=character),
            )
        )
        items = items.items if hasattr(items, "items") else items
        return {item.label: item for item in items}

    paths = await labels(len("See [the director](Soft"))
    assert "Software-Director.md" in paths and "README.md" in paths
    edit = paths["Software-Director.md"].text_edit
    assert (edit.range.start.character, edit.range.end.character) == (19, 23)

    text += "ware-Director.md#"
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(name), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    anchors = await labels(len("See [the director](Software-Director.md#"))
    assert list(anchors) == [
        "software-director",
        "sd1---software-director-1",
        "expectations",
        "sd2---software-director-2",
        "expectations-1",
        "sd3---software-director-3",
        "expectations-2",
        "working-with-other-roles",
        "other-pages",
    ]


@pytest.mark.asyncio
async def test_renaming_a_page_file_updates_links_in_closed_pages(client: LanguageClient):
    edit = await client.workspace_will_rename_files_async(
        types.RenameFilesParams(
            files=[types.FileRename(old_uri=uri("Software-Director.md"), new_uri=uri("Software-Lead.md"))]
        )
    )
    # Engineering-Director.md is not open: the edit rewrites it on disk, fragment kept.
    page = (ROOT / "Engineering-Director.md").read_text()
    renamed = apply(page, edit.changes[uri("Engineering-Director.md")])
    assert "(Software-Director.md" not in renamed
    assert "[Software Director](Software-Lead.md#sd2---software-director-2)" in renamed
    assert renamed.replace("Software-Lead.md", "Software-Director.md") == page


@pytest.mark.asyncio
async def test_renaming_a_role(client: LanguageClient):
    name = "Software-Director.md"
    position = types.Position(line=0, character=5)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(
            text_document=types.TextDocumentIdentifier(uri=uri(name)), position=position
        )
    )
    assert (prepared.start.character, prepared.end.character) == (2, 19)
    edit = await rename(client, name, position, "Systems Director")
    page = apply((ROOT / name).read_text(), edit.changes[uri(name)])
    assert page.startswith("# Systems Director\n")
    assert "* [**Systems Director**](Software-Director.md)\n" in page
    assert "* [**Systems Director vs Engineering Director**](Comparison-" in page
    comparison = "Comparison-Software-Director-Engineering-Director.md"
    compared = apply((ROOT / comparison).read_text(), edit.changes[uri(comparison)])
    assert compared.startswith("# Systems Director vs Engineering Director\n")
    assert "| [Systems Director](Software-Director.md) (System) |" in compared


@pytest.mark.asyncio
async def test_renaming_a_heading_updates_fragments_in_closed_pages(client: LanguageClient):
    name = "Software-Director.md"
    # Line 15 of the page: "## SD2 - Software Director 2".
    position = types.Position(line=14, character=8)
    edit = await rename(client, name, position, "SD2 - Senior Software Director")
    page = apply((ROOT / name).read_text(), edit.changes[uri(name)])
    assert "\n## SD2 - Senior Software Director\n" in page
    # Neither linking page is open: both are edited, their fragments following the slug.
    for linking in ["Engineering-Director.md", "README.md"]:
        text = (ROOT / linking).read_text()
        renamed = apply(text, edit.changes[uri(linking)])
        assert "#sd2---software-director-2" not in renamed
        assert "Software-Director.md#sd2---senior-software-director)" in renamed

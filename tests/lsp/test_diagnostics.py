"""Diagnostics as the author types: exactly what ``analyse`` and ``validate`` say, at their places."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lsprotocol import types as T
import pytest_lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp import cli
from tests.lsp.conftest import ROOT, SERVER, Editor, init_params, uri

pytestmark = pytest.mark.asyncio


def _all(editor: Editor, model_files: list[Path]) -> cli.Counter:
    """The client's current diagnostics of the model's files."""
    got = {uri(f): editor.client.diagnostics.get(uri(f), []) for f in model_files}
    return cli.from_lsp(got, editor.texts)


def _save_copy(work: Path, rel: str, text: str) -> Path:
    """The edited text saved in a copy of the model, for the command line to read."""
    src = work / "modellen" / rel.split("/")[0]
    dst = work / "cli" / src.name
    if src.is_dir():
        shutil.copytree(src, dst)
    else:
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dst)
    (work / "cli" / rel).write_text(text, encoding="utf-8")
    return dst


def _moved(rows: cli.Counter, a: Path, b: Path) -> cli.Counter:
    return cli.Counter({(r[0].replace(str(a), str(b)),) + r[1:]: n for r, n in rows.items()})


@pytest.mark.parametrize("name", ["rijkswaterstaat.yaml", "politie.yaml", "strafrechtketen.yaml"])
async def test_open_gives_the_findings_of_analyse_at_its_places(editor: Editor, work: Path, name: str) -> None:
    path = work / "modellen" / name
    await editor.diagnostics(editor.open(path))
    expected = cli.analyse(path)
    assert expected  # these examples have findings on purpose
    assert _all(editor, [path]) == expected
    # each links to its rule's section of docs/rules.md
    rules_md = ROOT / "docs" / "rules.md"
    headings = set(rules_md.read_text(encoding="utf-8").splitlines())
    for d in editor.client.diagnostics[uri(path)]:
        assert d.source == "ketengraaf" and d.code_description.href == f"{rules_md.as_uri()}#{d.code.lower()}"
        assert f"### {d.code}" in headings


async def test_a_change_gives_the_findings_of_analyse_on_the_new_text(editor: Editor, work: Path) -> None:
    path = work / "modellen" / "rijkswaterstaat.yaml"
    u = editor.open(path)
    before = await editor.diagnostics(u)
    # rws's capacity from 2000 to 9000 fte: M04 (overload) goes away
    at = editor.position(u, "capaciteit: 2000", offset=len("capaciteit: "))
    editor.edit(u, at.line, at.character, at.character + 1, "9")
    after = await editor.diagnostics(u)
    assert "M04" in {d.code for d in before} and "M04" not in {d.code for d in after}
    copy = _save_copy(work, "rijkswaterstaat.yaml", editor.texts[u])
    assert _all(editor, [path]) == _moved(cli.analyse(copy), copy, path)


async def test_a_directory_model_updates_every_file_a_change_affects(editor: Editor, work: Path) -> None:
    model = work / "modellen" / "uitvoering-sociaal-domein"
    files = sorted(model.glob("*.yaml"))
    u = editor.open(model / "organisaties.yaml")
    await editor.diagnostics(u)
    expected = cli.analyse(model)
    assert len({r[0] for r in expected}) > 1  # the findings stand in several files: all published
    assert _all(editor, files) == expected
    # renaming uwv's definition (unsaved) breaks the references to it in every other file
    at = editor.position(u, "{id: uwv,", offset=len("{id: uwv"))
    editor.edit(u, at.line, at.character, at.character, "2")
    await editor.diagnostics(u)
    copy = _save_copy(work, "uitvoering-sociaal-domein/organisaties.yaml", editor.texts[u])
    expected = _moved(cli.validate(copy), copy, model)
    assert {Path(r[0]).name for r in expected} == {"gegevens.yaml", "ketens.yaml", "organisaties.yaml", "sturing.yaml"}
    assert _all(editor, files) == expected
    # and undoing it brings the findings back, in every file
    editor.edit(u, at.line, at.character, at.character + 1, "")
    await editor.diagnostics(u)
    assert _all(editor, files) == cli.analyse(model)


async def test_a_syntax_error_mid_edit_gives_one_diagnostic_and_the_server_goes_on(editor: Editor, work: Path) -> None:
    path = work / "modellen" / "rijkswaterstaat.yaml"
    u = editor.open(path)
    good = await editor.diagnostics(u)
    at = editor.position(u, "  - id: rws")
    editor.edit(u, at.line, 0, 0, "  - {id: half, naam: [\n")  # an unclosed flow mapping, as typed
    bad = await editor.diagnostics(u)
    assert len(bad) == 1 and bad[0].severity == T.DiagnosticSeverity.Error and bad[0].code is None
    copy = _save_copy(work, "rijkswaterstaat.yaml", editor.texts[u])
    assert cli.from_lsp({u: bad}, editor.texts) == _moved(cli.validate(copy), copy, path)
    lines = editor.texts[u].split("\n")
    del lines[at.line]
    editor.replace_all(u, "\n".join(lines))
    assert [(d.code, d.message) for d in await editor.diagnostics(u)] == [(d.code, d.message) for d in good]


async def test_the_server_survives_a_file_deleted_under_it(editor: Editor, client: LanguageClient, work: Path) -> None:
    model = work / "modellen" / "uitvoering-sociaal-domein"
    u = editor.open(model / "sturing.yaml")
    await editor.diagnostics(u)
    (model / "organisaties.yaml").unlink()
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(uri(model / "organisaties.yaml"), T.FileChangeType.Deleted)]))
    after = await editor.diagnostics(u)
    assert after and all("unknown organisatie" in d.message for d in after)
    assert cli.from_lsp({u: after}, editor.texts) == cli.Counter(
        {r: n for r, n in cli.validate(model).items() if r[0] == str(model / "sturing.yaml")})
    # the open document itself deleted: its buffer still counts, and the server still answers
    (model / "sturing.yaml").unlink()
    editor.edit(u, 0, 0, 0, "# ")
    assert await editor.diagnostics(u)
    hover = await client.text_document_hover_async(T.HoverParams(
        T.TextDocumentIdentifier(u), editor.position(u, "dg-werk")))
    assert hover is None or hover.contents  # answered, whatever it says without organisaties.yaml


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def english(lsp_client: LanguageClient, work: Path):
    await lsp_client.initialize_session(init_params(work, {"lang": "en", "rule": ["S", "M04"], "peildatum": "2027-06-01"}))
    yield
    await lsp_client.shutdown_session()


async def test_the_language_peildatum_and_rules_come_from_the_settings(english: LanguageClient, work: Path) -> None:
    editor = Editor(english, work)
    path = work / "modellen" / "rijkswaterstaat.yaml"
    await editor.diagnostics(editor.open(path))
    expected = cli.analyse(path, "--lang", "en", "--rule", "S", "--rule", "M04", "--peildatum", "2027-06-01")
    assert expected and {r[3] for r in expected} <= {"M04", "S01", "S02", "S03", "S04", "S05"}
    assert _all(editor, [path]) == expected
    assert expected != cli.analyse(path, "--rule", "S", "--rule", "M04", "--peildatum", "2027-06-01")  # Dutch differs


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def configured(lsp_client: LanguageClient, work: Path):
    """A client that answers workspace/configuration (as VS Code and Neovim do)."""
    lsp_client.set_configuration({"lang": "en", "rule": ["D"]}, section="ketengraaf")
    lsp_client.registered = []  # type: ignore[attr-defined]

    @lsp_client.feature(T.CLIENT_REGISTER_CAPABILITY)
    def _register(params: T.RegistrationParams) -> None:
        lsp_client.registered.extend(params.registrations)  # type: ignore[attr-defined]

    params = init_params(work, {"lang": "nl"})
    params.capabilities = T.ClientCapabilities(workspace=T.WorkspaceClientCapabilities(
        configuration=True, did_change_watched_files=T.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)))
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def test_the_workspace_configuration_overrides_the_initialization_options(configured: LanguageClient,
                                                                                 work: Path) -> None:
    editor = Editor(configured, work)
    path = work / "modellen" / "rijkswaterstaat.yaml"
    u = editor.open(path)
    first = await editor.diagnostics(u)  # the first run waits for the configuration
    assert cli.from_lsp({u: first}, editor.texts) == cli.analyse(path, "--lang", "en", "--rule", "D")
    # it asked to hear of model files changing on disk
    [reg] = configured.registered  # type: ignore[attr-defined]
    assert reg.method == T.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert reg.register_options == {"watchers": [{"globPattern": "**/*.{yaml,yml}"}]}  # as sent, unstructured
    # a changed configuration is pulled again, and the diagnostics follow
    configured.set_configuration({"lang": "nl", "rule": ["D"]}, section="ketengraaf")
    editor.marks[u] = configured.diagnostics.get(u)
    configured.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings=None))
    again = await editor.diagnostics(u)
    assert cli.from_lsp({u: again}, editor.texts) == cli.analyse(path, "--rule", "D")
    # a key taken out of the configuration falls back to the initialization options (here: all rules)
    configured.set_configuration({"lang": "nl"}, section="ketengraaf")
    editor.marks[u] = configured.diagnostics.get(u)
    configured.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings=None))
    third = await editor.diagnostics(u)
    assert cli.from_lsp({u: third}, editor.texts) == cli.analyse(path) != cli.analyse(path, "--rule", "D")


async def test_closing_an_unsaved_document_goes_back_to_the_file_on_disk(editor: Editor, client: LanguageClient,
                                                                         work: Path) -> None:
    path = work / "modellen" / "rijkswaterstaat.yaml"
    u = editor.open(path)
    await editor.diagnostics(u)
    editor.replace_all(u, editor.texts[u] + "\n  - {half")
    [bad] = await editor.diagnostics(u)
    doc = T.TextDocumentIdentifier(u)
    client.text_document_did_save(T.DidSaveTextDocumentParams(doc))
    editor._mark(u)
    assert [d.message for d in await editor.diagnostics(u)] == [bad.message]  # saved or not: the buffer counts
    editor._mark(u)
    client.text_document_did_close(T.DidCloseTextDocumentParams(doc))
    del editor.texts[u]
    assert cli.from_lsp({u: await editor.diagnostics(u)}, {}) == cli.analyse(path)  # the file as it is on disk

"""``ketengraaf lsp`` as a separate process, driven over stdio by pytest-lsp's client.

Each test gets a copy of ``modellen/`` as its workspace (edits and deletions stay there) and a
helper that opens, changes and waits for the diagnostics of a file.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path
from typing import Any, Optional

import pytest
import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = Path(__file__).resolve().parents[2]
SERVER = [sys.executable, "-m", "ketengraaf", "lsp"]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "modellen", tmp_path / "modellen")
    return tmp_path


def uri(p: Path) -> str:
    return p.as_uri()


class Editor:
    """What an editor does: open and change documents, and wait for their diagnostics."""

    def __init__(self, client: LanguageClient, work: Path):
        self.client, self.work = client, work
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.marks: dict[str, object] = {}

    def open(self, path: Path, text: Optional[str] = None) -> str:
        u = uri(path)
        self.versions[u] = 1
        self.texts[u] = path.read_text(encoding="utf-8") if text is None else text
        self._mark(u)
        self.client.text_document_did_open(T.DidOpenTextDocumentParams(
            T.TextDocumentItem(uri=u, language_id="yaml", version=1, text=self.texts[u])))
        return u

    def replace_all(self, u: str, text: str) -> None:
        self.versions[u] += 1
        self.texts[u] = text
        self._mark(u)
        self.client.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=u, version=self.versions[u]),
            [T.TextDocumentContentChangeWholeDocument(text=text)]))

    def edit(self, u: str, line: int, start: int, end: int, new: str) -> None:
        """An incremental change of one range (code points: the tests' texts are ASCII there)."""
        self.versions[u] += 1
        lines = self.texts[u].split("\n")
        lines[line] = lines[line][:start] + new + lines[line][end:]
        self.texts[u] = "\n".join(lines)
        self._mark(u)
        self.client.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=u, version=self.versions[u]),
            [T.TextDocumentContentChangePartial(range=T.Range(T.Position(line, start), T.Position(line, end)), text=new)]))

    def _mark(self, u: str) -> None:
        # Each publishDiagnostics replaces the client's list for its document by a new one.
        self.marks[u] = self.client.diagnostics.get(u)

    async def diagnostics(self, u: str, timeout: float = 60) -> list[T.Diagnostic]:
        """The diagnostics published for ``u`` after the last open or change of ``u``."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while self.client.diagnostics.get(u) is self.marks.get(u):
            if loop.time() > end:
                raise TimeoutError(f"no diagnostics for {u} within {timeout} s")
            await asyncio.sleep(0.005)
        self.marks[u] = got = self.client.diagnostics[u]
        return list(got)

    def position(self, u: str, needle: str, nth: int = 0, offset: int = 0) -> T.Position:
        """Where the ``nth`` occurrence of ``needle`` stands in ``u``'s text (plus ``offset``)."""
        text, at = self.texts[u], -1
        for _ in range(nth + 1):
            at = text.index(needle, at + 1)
        line = text.count("\n", 0, at)
        return T.Position(line, at - (text.rfind("\n", 0, at) + 1) + offset)


def init_params(work: Path, options: Optional[dict[str, Any]] = None) -> T.InitializeParams:
    return T.InitializeParams(
        capabilities=T.ClientCapabilities(workspace=T.WorkspaceClientCapabilities(configuration=False)),
        workspace_folders=[T.WorkspaceFolder(uri=uri(work), name="work")],
        initialization_options=options or {})


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, work: Path):
    await lsp_client.initialize_session(init_params(work))
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def editor(client: LanguageClient, work: Path) -> Editor:
    return Editor(client, work)

"""The pygls wiring of ``ketengraaf lsp``: documents in, diagnostics and answers out.

Checking a model runs on one worker thread; the event loop keeps answering (hover, completion, …)
meanwhile. Each change of a model bumps its generation; a run is started after the ``debounce``
and asks between its stages and rules whether its generation is still the newest
(:func:`ketengraaf.lsp.check.run`), so a newer change cancels an older run. Diagnostics are
published per file, only where they changed (and always for the document that changed).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from datetime import date
from pathlib import Path
from typing import Any, Optional

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from ketengraaf import __version__
from ketengraaf.lsp import features as F
from ketengraaf.lsp.check import Cancelled, Diag, Outcome, run
from ketengraaf.lsp.index import FileSites, ModelIndex, Placer, file_sites
from ketengraaf.lsp.settings import Settings
from ketengraaf.lsp.source import Buffers, model_root
from ketengraaf.model import yamlio
from ketengraaf.texts.lsp import lsp_text

log = logging.getLogger("ketengraaf.lsp")

SEVERITY = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
            "info": T.DiagnosticSeverity.Information}
SOURCE = "ketengraaf"


@lru_cache(maxsize=None)
def rule_doc_url(code: str) -> Optional[str]:
    """The rule's section in ``docs/rules.md`` (generated from the rules), where ketengraaf runs
    from its repository; None otherwise (a diagnostic then has no link)."""
    import ketengraaf

    doc = Path(ketengraaf.__file__).resolve().parents[2] / "docs" / "rules.md"
    return f"{doc.as_uri()}#{code.lower()}" if doc.is_file() else None


def _path(uri: str) -> Path:
    return Path(to_fs_path(uri) or uri)


def _uri(path: Path) -> str:
    return from_fs_path(str(path)) or path.as_uri()


class KetengraafServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("ketengraaf", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Incremental)
        self.settings = Settings()
        self.initial = Settings()  # from initializationOptions; the workspace configuration goes over it
        self.buffers = Buffers()
        self.folders: list[Path] = []
        self.roots: dict[Path, Path] = {}  # open document -> its model
        self.outcomes: dict[Path, Outcome] = {}
        self.published: dict[Path, list[Diag]] = {}
        self.generation: dict[Path, int] = {}
        self.changed: dict[Path, set[Path]] = {}  # model -> documents changed since its last run
        self.timers: dict[Path, asyncio.TimerHandle] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ketengraaf-check")
        self._sites: dict[Path, tuple[Any, FileSites, Placer]] = {}
        self._indexes: dict[Path, tuple[tuple, ModelIndex]] = {}
        self.configured = asyncio.Event()  # set once the workspace configuration is known

    def apply(self, raw: Any, base: Optional[Settings] = None) -> bool:
        """Take the settings ``raw`` gives (flat, or under ``ketengraaf``) over ``base`` (default:
        the current ones); report those that are not valid. True when the settings changed."""
        if isinstance(raw, dict) and isinstance(raw.get("ketengraaf"), dict):
            raw = raw["ketengraaf"]
        new, bad = Settings.parse(raw, base or self.settings)
        if bad:
            self.window_show_message(T.ShowMessageParams(T.MessageType.Warning, lsp_text(
                "bad_settings", new.lang, problems="; ".join(bad))))
        changed = new != self.settings
        self.settings = new
        return changed

    # ---------------------------------------------------------------- models
    def root_of(self, path: Path) -> Optional[Path]:
        setting = None
        if self.settings.model:
            s = Path(self.settings.model)
            setting = s if s.is_absolute() else (self.folders[0] / s if self.folders else s.resolve())
        return model_root(path, self.folders, self.buffers.texts, setting)

    def schedule(self, root: Path, changed: Optional[Path] = None, delay: Optional[float] = None) -> None:
        self.generation[root] = g = self.generation.get(root, 0) + 1
        if changed is not None:
            self.changed.setdefault(root, set()).add(changed)
        t = self.timers.pop(root, None)
        if t is not None:
            t.cancel()
        loop = asyncio.get_running_loop()
        wait = self.settings.debounce / 1000 if delay is None else delay
        self.timers[root] = loop.call_later(wait, lambda: asyncio.ensure_future(self.check(root, g)))

    async def check(self, root: Path, g: int) -> None:
        self.timers.pop(root, None)
        await self.configured.wait()  # the first run with the client's settings, not the defaults
        if self.generation.get(root) != g:
            return
        settings, texts = self.settings, dict(self.buffers.texts)
        changed = self.changed.pop(root, set())
        loop = asyncio.get_running_loop()

        def work() -> Outcome:
            return run(root, self.buffers.view(texts), settings, lambda: self.generation.get(root) == g)

        try:
            out = await loop.run_in_executor(self.worker, work)
        except Cancelled:
            self.changed.setdefault(root, set()).update(changed)
            return
        except Exception as e:  # never let one model bring the server down
            log.exception("checking %s failed", root)
            self.window_log_message(T.LogMessageParams(T.MessageType.Error, f"ketengraaf: {root}: {e!r}"))
            return
        if self.generation.get(root) != g:
            self.changed.setdefault(root, set()).update(changed)
            return
        self.publish(root, out, changed)

    def publish(self, root: Path, out: Outcome, changed: set[Path]) -> None:
        before = self.outcomes.get(root)
        self.outcomes[root] = out
        # keep the readings of files that are in a model or open; drop those of files gone
        self.buffers.forget(set(self.buffers.texts).union(*(set(o.files) for o in self.outcomes.values())))
        files = set(out.files) | set(out.diags) | (set(before.files) | set(before.diags) if before else set())
        # The changed documents last: a client that waits for them has the rest of the run too.
        for f in sorted(files, key=lambda p: (p in changed, p.as_posix())):
            new = out.diags.get(f, [])
            if f not in changed and self.published.get(f, []) == new:
                continue
            self.published[f] = new
            lines = self.lines_of(f) if new else []
            self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(
                uri=_uri(f), diagnostics=[self.diagnostic(lines, d) for d in new]))

    # ---------------------------------------------------------------- positions
    def lines_of(self, path: Path) -> list[str]:
        raw = self.buffers.texts.get(path)
        if raw is None:
            r = self.buffers.reading(path)
            raw = r.raw if r else b""
        return raw.decode("utf-8", "replace").splitlines()

    def to_client(self, lines: list[str], line: int, col: int) -> T.Position:
        return self.workspace.position_codec.position_to_client_units(lines, T.Position(line, col))

    def crange(self, lines: list[str], line: int, start: int, end: int) -> T.Range:
        return T.Range(self.to_client(lines, line, start), self.to_client(lines, line, end))

    def diagnostic(self, lines: list[str], d: Diag) -> T.Diagnostic:
        line = max(d.line - 1, 0)
        text = lines[line] if line < len(lines) else ""
        start = min(max(d.column - 1, 0), len(text)) if d.line else 0
        end = _value_end(text, start) if d.line else 0
        href = rule_doc_url(d.code) if d.code else None
        return T.Diagnostic(
            range=self.crange(lines, line, start, end), message=d.message, severity=SEVERITY[d.severity],
            code=d.code, source=SOURCE, code_description=T.CodeDescription(href) if href else None,
            data={k: v for k, v in (("subject", d.subject), ("ref", d.ref)) if v is not None} or None)

    # ---------------------------------------------------------------- the index
    def index(self, root: Path) -> ModelIndex:
        out = self.outcomes.get(root)
        files = list(out.files) if out and out.files else []
        if not files:
            try:
                files = self.buffers.discover(root, _limits())
            except Exception:
                files = []
        per: dict[Path, FileSites] = {}
        for f in files:
            got = self.sites(f)
            if got is not None:
                per[f] = got[0]
        key = tuple((f, id(fs)) for f, fs in per.items())
        kept = self._indexes.get(root)
        if kept is not None and kept[0] == key:  # no file changed since: the same index
            return kept[1]
        idx = ModelIndex(per)
        self._indexes[root] = (key, idx)
        return idx

    def sites(self, f: Path) -> Optional[tuple[FileSites, Placer]]:
        r = self.buffers.reading(f)
        if r is None:
            kept = self._sites.get(f)
            return (kept[1], kept[2]) if kept else None
        kept = self._sites.get(f)
        if kept is not None and kept[0] is r:
            return kept[1], kept[2]
        data = r.data if r.data is not None else getattr(r.doc, "data", None)
        if data is None:
            try:
                doc = yamlio.read_precise(r.raw)
                data, r = doc.data, r._replace(doc=doc)
            except Exception:
                return (kept[1], kept[2]) if kept else None
        # A LazyDoc of its own: the kept one is the worker's (it fills its caches as it goes).
        fs, pl = file_sites(f, data), Placer(r.raw, r.doc if isinstance(r.doc, yamlio.PreciseDoc) else None, data)
        self._sites[f] = (r if r.data is not None or r.doc is not None else None, fs, pl)
        return fs, pl

    def location(self, site: Any) -> Optional[T.Location]:
        got = self.sites(site.file)
        if got is None:
            return None
        placed = got[1].place(site)
        if placed is None:
            return None
        line, s, e = placed
        return T.Location(_uri(site.file), self.crange(got[1].lines, line, s, e))


def _value_end(text: str, start: int) -> int:
    """The end of what starts at ``start``: a quoted text, a word, or a key with its value."""
    import re

    if start >= len(text):
        return start
    if text[start] in "{[":  # a flow item: the whole of it, when it closes on this line
        close = text.find("}" if text[start] == "{" else "]", start)
        return close + 1 if close > 0 else len(text)
    if text[start] in "'\"":
        close = text.find(text[start], start + 1)
        return close + 1 if close > 0 else len(text)
    m = re.compile(r"[^\s,\[\]{}#:]+(?::[^\s,\[\]{}#]+)*").match(text, start)
    end = m.end() if m else start + 1
    k = re.compile(r"\s*:\s*").match(text, end)
    if k and k.end() < len(text) and text[k.end()] not in "[{#":
        return _value_end(text, k.end())
    return end


def _limits() -> Any:
    from ketengraaf.model import inputs

    return inputs.Limits.from_env()


server = KetengraafServer()


# -------------------------------------------------------------------------------- lifecycle and settings
@server.feature(T.INITIALIZE)
def _initialize(ls: KetengraafServer, params: T.InitializeParams) -> None:
    ls.folders = [_path(f.uri) for f in params.workspace_folders or ()]
    if not ls.folders and params.root_uri:
        ls.folders = [_path(params.root_uri)]
    ls.apply(params.initialization_options)
    ls.initial = ls.settings


async def _pull_configuration(ls: KetengraafServer) -> None:
    caps = ls.client_capabilities.workspace
    if not (caps and caps.configuration):
        return
    try:
        got = await asyncio.wait_for(ls.workspace_configuration_async(
            T.ConfigurationParams(items=[T.ConfigurationItem(section="ketengraaf")])), 5)  # a client that never answers
    except Exception:
        return
    if got and ls.apply(got[0], ls.initial):
        for root in set(ls.roots.values()):
            ls.schedule(root, delay=0)


@server.feature(T.INITIALIZED)
async def _initialized(ls: KetengraafServer, params: T.InitializedParams) -> None:
    try:
        await _pull_configuration(ls)
    finally:
        ls.configured.set()
    watch = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watch and watch.dynamic_registration:  # hear of model files changed, added or deleted on disk
        try:
            await asyncio.wait_for(ls.client_register_capability_async(T.RegistrationParams([T.Registration(
                "ketengraaf-watch", T.WORKSPACE_DID_CHANGE_WATCHED_FILES, T.DidChangeWatchedFilesRegistrationOptions(
                    [T.FileSystemWatcher(glob_pattern="**/*.{yaml,yml}")]))])), 5)
        except Exception:
            log.warning("the client did not take the file watcher")


@server.feature(T.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def _did_change_configuration(ls: KetengraafServer, params: T.DidChangeConfigurationParams) -> None:
    if isinstance(params.settings, dict) and params.settings:
        if ls.apply(params.settings, ls.initial):
            for root in set(ls.roots.values()):
                ls.schedule(root, delay=0)
    else:
        await _pull_configuration(ls)


# -------------------------------------------------------------------------------- documents
def _touch(ls: KetengraafServer, uri: str, text: Optional[str], delay: Optional[float] = None) -> None:
    path = _path(uri)
    ls.buffers.set(path, text)
    root = ls.root_of(path)
    old = ls.roots.get(path)
    if text is None:
        ls.roots.pop(path, None)
    elif root is not None:
        ls.roots[path] = root
    for r in {root, old} - {None}:
        ls.schedule(r, path, delay)  # type: ignore[arg-type]


@server.feature(T.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: KetengraafServer, params: T.DidOpenTextDocumentParams) -> None:
    _touch(ls, params.text_document.uri, params.text_document.text, delay=0)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: KetengraafServer, params: T.DidChangeTextDocumentParams) -> None:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    _touch(ls, params.text_document.uri, doc.source)


@server.feature(T.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: KetengraafServer, params: T.DidSaveTextDocumentParams) -> None:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    _touch(ls, params.text_document.uri, doc.source, delay=0)


@server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: KetengraafServer, params: T.DidCloseTextDocumentParams) -> None:
    path = _path(params.text_document.uri)
    _touch(ls, params.text_document.uri, None, delay=0)
    if ls.root_of(path) is None and path in ls.published:  # no longer checked: clear it
        ls.published.pop(path, None)
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _did_change_watched(ls: KetengraafServer, params: T.DidChangeWatchedFilesParams) -> None:
    roots = set()
    for ch in params.changes:
        p = _path(ch.uri)
        roots.update(r for d, r in ls.roots.items() if r == p or r in p.parents or d == p)
    for r in roots:
        ls.schedule(r, delay=0)


# -------------------------------------------------------------------------------- questions
def _here(ls: KetengraafServer, uri: str, pos: T.Position) -> tuple[Path, Optional[Path], list[str], int, int]:
    path = _path(uri)
    doc = ls.workspace.get_text_document(uri)
    lines = doc.source.splitlines()
    sp = ls.workspace.position_codec.position_from_client_units(lines, pos)
    return path, ls.roots.get(path) or ls.root_of(path), lines, sp.line, sp.character


@server.feature(T.TEXT_DOCUMENT_HOVER)
def _hover(ls: KetengraafServer, params: T.HoverParams) -> Optional[T.Hover]:
    path, root, lines, line, col = _here(ls, params.text_document.uri, params.position)
    if root is None or line >= len(lines):
        return None
    lang = ls.settings.lang
    tok = F.token_at(lines[line], col)
    text = None
    if tok:
        text = F.hover_rule(tok[2], lang) if tok[2][:1].isupper() else None
        if text is None:
            text = F.hover_id(tok[2], ls.index(root), lang)
    if text is None:
        for d in ls.published.get(path, ()):
            if d.code and d.line - 1 == line:
                text = F.hover_finding(d, lang)
                break
    if text is None:
        return None
    rng = ls.crange(lines, line, tok[0], tok[1]) if tok else None
    return T.Hover(T.MarkupContent(T.MarkupKind.Markdown, text), rng)


def _word(ls: KetengraafServer, uri: str, pos: T.Position) -> Optional[tuple[list[str], int, tuple[int, int, str], ModelIndex]]:
    """The word under the cursor in a model file, with the model's index: ``(lines, line, (start,
    end, word), index)``; None outside a model or a word."""
    path, root, lines, line, col = _here(ls, uri, pos)
    tok = F.token_at(lines[line], col) if root and line < len(lines) else None
    if tok is None or root is None:
        return None
    return lines, line, tok, ls.index(root)


@server.feature(T.TEXT_DOCUMENT_DEFINITION)
def _definition(ls: KetengraafServer, params: T.DefinitionParams) -> Optional[list[T.Location]]:
    w = _word(ls, params.text_document.uri, params.position)
    if w is None:
        return None
    locs = [ls.location(s) for s in w[3].defs.get(w[2][2], ())]
    return [x for x in locs if x] or None


@server.feature(T.TEXT_DOCUMENT_REFERENCES)
def _references(ls: KetengraafServer, params: T.ReferenceParams) -> Optional[list[T.Location]]:
    w = _word(ls, params.text_document.uri, params.position)
    if w is None:
        return None
    tok, idx = w[2], w[3]
    if tok[2] not in idx.defs and tok[2] not in idx.refs:
        return None
    sites = (idx.defs.get(tok[2], []) if params.context.include_declaration else []) + idx.refs.get(tok[2], [])
    return [x for x in map(ls.location, sites) if x]


_KIND = {"id": T.CompletionItemKind.Reference, "enum": T.CompletionItemKind.EnumMember,
         "rule": T.CompletionItemKind.Constant, "key": T.CompletionItemKind.Field, "section": T.CompletionItemKind.Module}


@server.feature(T.TEXT_DOCUMENT_COMPLETION, T.CompletionOptions(trigger_characters=[" ", ":", "[", ","]))
def _completion(ls: KetengraafServer, params: T.CompletionParams) -> T.CompletionList:
    path, root, lines, line, col = _here(ls, params.text_document.uri, params.position)
    if root is None:
        return T.CompletionList(is_incomplete=False, items=[])
    found = F.completions(lines, line, col, ls.index(root), ls.settings.lang)
    return T.CompletionList(is_incomplete=False, items=[
        T.CompletionItem(label=label, kind=_KIND[kind], detail=detail or None) for label, kind, detail in found])


@server.feature(T.TEXT_DOCUMENT_CODE_ACTION, T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix]))
def _code_action(ls: KetengraafServer, params: T.CodeActionParams) -> list[T.CodeAction]:
    path = _path(params.text_document.uri)
    root = ls.roots.get(path) or ls.root_of(path)
    if root is None:
        return []
    lang = ls.settings.lang
    lines = ls.workspace.get_text_document(params.text_document.uri).source.splitlines()
    actions: list[T.CodeAction] = []
    for diag in params.context.diagnostics:
        if diag.source != SOURCE:
            continue
        data = diag.data if isinstance(diag.data, dict) else {}
        if diag.code and data.get("subject"):
            edit = _insert(ls, root, path, "uitzonderingen", lambda ind: F.exception_text(
                str(diag.code), data["subject"], ind, lang, date.today()))
            if edit is not None:
                    actions.append(T.CodeAction(lsp_text("action_exception", lang, code=str(diag.code), onderwerp=data["subject"]),
                                            kind=T.CodeActionKind.QuickFix, diagnostics=[diag], edit=edit))
        if data.get("ref") and "unknown organisatie" in diag.message:
            start = ls.workspace.position_codec.position_from_client_units(lines, diag.range.start)
            soort = F.soort_expected(lines, start.line, start.character) or "overig"
            edit = _insert(ls, root, path, "organisaties", lambda ind: F.organisation_text(data["ref"], ind, soort))
            if edit is not None:
                actions.append(T.CodeAction(lsp_text("action_create", lang, id=data["ref"]), kind=T.CodeActionKind.QuickFix,
                                            diagnostics=[diag], edit=edit, is_preferred=True))
        d = Diag(diag.range.start.line + 1, ls.workspace.position_codec.position_from_client_units(
            lines, diag.range.start).character + 1, diag.message)
        q = F.quote_edit(lines, d)
        if q is not None:
            line, s, e, new = q
            actions.append(T.CodeAction(lsp_text("action_quote", lang), kind=T.CodeActionKind.QuickFix,
                                        diagnostics=[diag], is_preferred=True, edit=T.WorkspaceEdit(changes={
                                            params.text_document.uri: [T.TextEdit(ls.crange(lines, line, s, e), new)]})))
    return actions


def _insert(ls: KetengraafServer, root: Path, here: Path, section: str, make: Any) -> Optional[T.WorkspaceEdit]:
    """An edit that adds an item to ``section``: in this file if it has that section, else in the
    model's first file that has it, else as a new section at the end of this file. An empty flow
    section (``uitzonderingen: []``) becomes a block one; a file whose section is a flow list with
    items is left alone (None when that leaves nowhere to add it)."""
    out = ls.outcomes.get(root)
    for f in [here] + [f for f in (out.files if out else []) if f != here]:
        lines = ls.lines_of(f)
        at = F.section_end(lines, section)
        if at is not None:
            last, indent = at
            pos = ls.to_client(lines, last, len(lines[last]))
            return T.WorkspaceEdit(changes={_uri(f): [T.TextEdit(T.Range(pos, pos), "\n" + make(indent).rstrip("\n"))]})
        flow = F.section_line(lines, section)
        if flow is not None and flow[1] == "[]":
            k = flow[0]
            return T.WorkspaceEdit(changes={_uri(f): [T.TextEdit(
                ls.crange(lines, k, 0, len(lines[k])), f"{section}:\n" + make("  ").rstrip("\n"))]})
    lines = ls.lines_of(here)
    if F.section_line(lines, section) is not None:
        return None
    raw = ls.buffers.texts.get(here, b"")
    if raw and not raw.endswith(b"\n"):
        end, lead = ls.to_client(lines, len(lines) - 1, len(lines[-1])), "\n"
    else:
        end, lead = T.Position(len(lines), 0), ("\n" if lines and lines[-1].strip() else "")
    return T.WorkspaceEdit(changes={_uri(here): [T.TextEdit(T.Range(end, end), f"{lead}{section}:\n{make('  ')}")]})


@server.feature(T.TEXT_DOCUMENT_PREPARE_RENAME)
def _prepare_rename(ls: KetengraafServer, params: T.PrepareRenameParams) -> Optional[T.Range]:
    w = _word(ls, params.text_document.uri, params.position)
    if w is None or w[2][2] not in w[3].defs:
        return None
    lines, line, tok, _ = w
    return ls.crange(lines, line, tok[0], tok[1])


@server.feature(T.TEXT_DOCUMENT_RENAME)
def _rename(ls: KetengraafServer, params: T.RenameParams) -> T.WorkspaceEdit:
    from pygls.exceptions import JsonRpcInvalidParams

    lang = ls.settings.lang
    w = _word(ls, params.text_document.uri, params.position)
    if w is None or w[2][2] not in w[3].defs:
        raise JsonRpcInvalidParams(lsp_text("rename_none", lang))
    tok, idx = w[2], w[3]
    new = params.new_name
    if not F.ID_RE.match(new):
        raise JsonRpcInvalidParams(lsp_text("rename_invalid", lang, id=new))
    if new in idx.defs and new != tok[2]:
        raise JsonRpcInvalidParams(lsp_text("rename_taken", lang, id=new))
    changes: dict[str, list[T.TextEdit]] = {}
    for site in idx.sites(tok[2]):
        loc = ls.location(site)
        if loc is not None:
            changes.setdefault(loc.uri, []).append(T.TextEdit(loc.range, new))
    return T.WorkspaceEdit(changes=changes)


def main() -> None:
    server.start_io()

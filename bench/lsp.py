#!/usr/bin/env python3
"""The editor server's speed (issue 17): diagnostics after a one-character change, through a real
client talking to ``ketengraaf lsp`` over stdio.

Usage:
    .venv/bin/python bench/lsp.py                       # 1,000 and 10,000 organisations
    .venv/bin/python bench/lsp.py --sizes 1000 --repeat 5

For each size it writes a directory model with ``ketengraaf generate --organisaties N --seed 1
--split -o DIR``, starts ``ketengraaf lsp`` as a process, and with pygls' client (the same protocol
code an editor extension would use) opens the first organisations file, waits for its diagnostics,
then makes one-character changes and measures the time from sending ``didChange`` to receiving
``publishDiagnostics`` for that file (the server's default debounce included):

* *naam*: one character of an organisation's naam (a valid model: every rule runs again);
* *reference*: one character of an ``onderdeel_van`` (an unknown id: validate's errors instead);
* *burst*: five changes 10 ms apart, timed from the last (the newer changes cancel the older runs);
* *hover during a run*: a hover request sent right after a change, while the server checks it.

It prints a Markdown table (median and worst of ``--repeat`` changes); the targets are 300 ms at
1,000 organisations and 2 s at 10,000.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as T
from pygls.lsp.client import LanguageClient

TARGET = {1000: 0.3, 10000: 2.0}


class Client:
    def __init__(self) -> None:
        self.lc = LanguageClient("ketengraaf-bench", "1")
        self.arrived: dict[str, tuple[float, int]] = {}
        self.events: dict[str, asyncio.Event] = {}

        @self.lc.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diags(params: T.PublishDiagnosticsParams) -> None:
            self.arrived[params.uri] = (time.perf_counter(), len(params.diagnostics))
            self.events.setdefault(params.uri, asyncio.Event()).set()

    async def start(self, root: Path) -> None:
        await self.lc.start_io(sys.executable, "-m", "ketengraaf", "lsp")
        await self.lc.initialize_async(T.InitializeParams(
            capabilities=T.ClientCapabilities(), workspace_folders=[T.WorkspaceFolder(root.as_uri(), "bench")]))
        self.lc.initialized(T.InitializedParams())

    async def wait(self, uri: str, timeout: float = 120) -> tuple[float, int]:
        ev = self.events.setdefault(uri, asyncio.Event())
        await asyncio.wait_for(ev.wait(), timeout)
        ev.clear()
        return self.arrived[uri]

    async def stop(self) -> None:
        await self.lc.shutdown_async(None)
        self.lc.exit(None)
        await self.lc.stop()


async def measure(size: int, repeat: int, work: Path) -> dict[str, list[float]]:
    model = work / f"g{size}"
    subprocess.run([sys.executable, "-m", "ketengraaf", "generate", "--organisaties", str(size), "--seed", "1",
                    "--split", "-o", str(model)], check=True, capture_output=True)
    path = model / "organisaties-000.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    naam_line = next(i for i, ln in enumerate(lines) if "naam: Ministerie" in ln)
    naam_col = lines[naam_line].index("naam: Ministerie") + len("naam: M")
    ref_line = next(i for i, ln in enumerate(lines) if "onderdeel_van: " in ln)
    ref_col = lines[ref_line].index("onderdeel_van: ") + len("onderdeel_van: o")
    c = Client()
    await c.start(work)
    uri = path.as_uri()
    version = 1
    out: dict[str, list[float]] = {"open": [], "naam": [], "reference": [], "burst": [], "hover": []}

    def change(line: int, col: int, old: str, new: str) -> float:
        nonlocal version
        version += 1
        c.lc.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [T.TextDocumentContentChangePartial(range=T.Range(T.Position(line, col), T.Position(line, col + len(old))),
                                                text=new)]))
        return time.perf_counter()

    t0 = time.perf_counter()
    c.lc.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "yaml", 1, text)))
    t, n_open = await c.wait(uri)
    out["open"].append(t - t0)
    for k in range(repeat):
        for kind, (line, col, ch) in (("naam", (naam_line, naam_col, "iX")), ("reference", (ref_line, ref_col, "rX"))):
            old, new = ch[0], ch[1]
            t0 = change(line, col, old, new)
            t, n = await c.wait(uri)
            out[kind].append(t - t0)
            change(line, col, new, old)  # and back (its diagnostics are not timed)
            await c.wait(uri)
        # while a run is busy, the server still answers: a hover right after a change
        change(naam_line, naam_col, "i", "X")
        t0 = time.perf_counter()
        await c.lc.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(ref_line, ref_col)))
        out["hover"].append(time.perf_counter() - t0)
        await c.wait(uri)
        change(naam_line, naam_col, "X", "i")
        await c.wait(uri)
        # a burst: only the last change's diagnostics matter
        for j in range(5):
            t0 = change(naam_line, naam_col, "i" if j % 2 == 0 else "X", "X" if j % 2 == 0 else "i")
            if j < 4:
                await asyncio.sleep(0.01)
        t, n = await c.wait(uri)
        out["burst"].append(t - t0)
        change(naam_line, naam_col, "X", "i")
        await c.wait(uri)
    await c.stop()
    print(f"{size}: {n_open} diagnostics in the opened file", file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-lsp-bench-") as tmp:
        for size in sizes:
            res = asyncio.run(measure(size, args.repeat, Path(tmp)))
            rows.append((size, res))
    print("| organisations | first diagnostics on open | naam change: median / worst | reference change: median / worst "
          "| after a burst of 5: median / worst | hover during a run: median / worst | target |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for size, r in rows:
        def ms(xs: list[float]) -> str:
            return f"{statistics.median(xs) * 1000:.0f} / {max(xs) * 1000:.0f} ms"
        target = TARGET.get(size)
        worst = max(r["naam"] + r["reference"] + r["burst"])
        verdict = "" if target is None else (f"< {target * 1000:.0f} ms: " + ("met" if worst < target else "**not met**"))
        print(f"| {size:,} | {r['open'][0] * 1000:.0f} ms | {ms(r['naam'])} | {ms(r['reference'])} | {ms(r['burst'])} | {ms(r['hover'])} | {verdict} |")


if __name__ == "__main__":
    main()

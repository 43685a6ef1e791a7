"""What the command line says about a model, in the terms the diagnostics are compared in:
``(file, line, column, rule or None, severity, message)`` with 1-based code-point columns."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Optional

from lsprotocol import types as T

KG = [sys.executable, "-m", "ketengraaf"]
LEVEL = {"error": "error", "warning": "warning", "note": "info"}
SEVERITY = {T.DiagnosticSeverity.Error: "error", T.DiagnosticSeverity.Warning: "warning",
            T.DiagnosticSeverity.Information: "info"}

Row = tuple[str, int, int, Optional[str], str, str]


def analyse(model: Path, *args: str) -> Counter[Row]:
    """``analyse --format sarif`` (places) checked against ``--format json`` (the findings)."""
    runs = {}
    for fmt in ("json", "sarif"):
        p = subprocess.run(KG + ["analyse", str(model), "--format", fmt, "--fail-on", "never", *args],
                           capture_output=True, text=True, cwd=model.parent)
        assert p.returncode == 0, p.stderr
        runs[fmt] = json.loads(p.stdout)
    rows: Counter[Row] = Counter()
    for r in runs["sarif"]["runs"][0]["results"]:
        if r.get("suppressions"):
            continue
        loc = r["locations"][0]["physicalLocation"]
        rows[(str((model.parent / loc["artifactLocation"]["uri"]).resolve()), loc["region"]["startLine"],
              loc["region"]["startColumn"], r["ruleId"], LEVEL[r["level"]], r["message"]["text"])] += 1
    open_ = Counter((f["rule"], f["severity"], f["message"]) for f in runs["json"]["findings"] if not f["suppressed"])
    assert Counter((c, s, m) for (_, _, _, c, s, m), n in rows.items() for _ in range(n)) == open_
    return rows


def validate(model: Path) -> Counter[Row]:
    """``validate``'s ``FILE:LINE:COLUMN: message`` lines (exit 2)."""
    p = subprocess.run(KG + ["validate", str(model)], capture_output=True, text=True, cwd=model.parent)
    assert p.returncode == 2, p.stdout + p.stderr
    rows: Counter[Row] = Counter()
    for line in p.stderr.splitlines():
        if line.startswith("ketengraaf: "):
            continue
        f, ln, col, msg = line.split(":", 3)
        rows[(str((model.parent / f).resolve()), int(ln), int(col), None, "error", msg[1:])] += 1
    return rows


def from_lsp(diags: dict[str, list[T.Diagnostic]], texts: dict[str, str]) -> Counter[Row]:
    """The client's diagnostics in the same terms (positions from UTF-16 to code points)."""
    rows: Counter[Row] = Counter()
    for uri, ds in diags.items():
        path = Path(uri.removeprefix("file://"))
        text = texts.get(uri) or path.read_text(encoding="utf-8")
        lines = text.split("\n")
        for d in ds:
            ln = d.range.start.line
            col = _code_points(lines[ln] if ln < len(lines) else "", d.range.start.character)
            rows[(str(path), ln + 1, col + 1, d.code, SEVERITY[d.severity], d.message)] += 1
    return rows


def _code_points(line: str, units: int) -> int:
    n = 0
    for i, ch in enumerate(line):
        if n >= units:
            return i
        n += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def first_lines(rows: Any) -> list[Row]:
    return sorted(rows)

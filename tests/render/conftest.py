"""Shared helpers for the diagram and report tests: the real Graphviz and the real browser.

Outside CI a missing ``dot`` or ``chromium`` skips those tests with the install command; in CI
(``CI=true``) it fails them, so a broken runner can never pass by skipping.
"""

from __future__ import annotations

import functools
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODELLEN = ROOT / "modellen"
VOORBEELD = ROOT.parent / "shared" / "spec" / "voorbeeld.yaml"
HOSTILE = Path(__file__).resolve().parent / "hostile.yaml"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def require(tool: str, install: str) -> str:
    """The path of ``tool``; fail (CI) or skip (elsewhere) with the install hint when missing."""
    path = shutil.which(tool)
    if path is None and tool == "chromium":
        for alt in ("/usr/bin/chromium", "chromium-browser", "google-chrome"):
            path = shutil.which(alt) or (alt if os.path.isabs(alt) and os.access(alt, os.X_OK) else None)
            if path:
                break
    if path is None:
        msg = f"'{tool}' is not installed; install it with: {install}"
        if in_ci():
            pytest.fail(msg + " (CI must have it: these tests may not be skipped there)")
        pytest.skip(msg)
    return path


def need_dot() -> str:
    return require("dot", "sudo apt-get install graphviz")


def need_chromium() -> str:
    return require("chromium", "sudo apt-get install chromium")


def example_models() -> list[Path]:
    """Every example model: the files and directories in modellen/, and the shared voorbeeld."""
    out = sorted(p for p in MODELLEN.iterdir() if p.suffix in (".yaml", ".yml") or
                 (p.is_dir() and any(p.rglob("*.y*ml"))))
    if VOORBEELD.exists():
        out.append(VOORBEELD)
    return out


def model_id(p: Path) -> str:
    return p.stem if p.is_file() else p.name


@functools.lru_cache(maxsize=None)
def diagram_for(path: str, lang: str = "nl", audit: bool = False):
    """(model, Diagram) for a model path, cached per test process."""
    from ketengraaf.pipeline import Analysis
    from ketengraaf.render import dot as D

    a = Analysis.open(path)
    report = a.findings(lang=lang, audit=audit, keep_facts=True)
    return a.model, D.make_diagram(a, report, lang=lang)


def svg_text(svg: bytes | str) -> str:
    """All text of an SVG, in document order, whitespace-normalised (parsing proves it is XML)."""
    root = ET.fromstring(svg if isinstance(svg, bytes) else svg.encode("utf-8"))
    parts = [t.strip() for el in root.iter() if el.tag.endswith("}text") or el.tag == "text"
             for t in [("".join(el.itertext()))] if t.strip()]
    return " ".join(" ".join(parts).split())


def norm(s: str) -> str:
    """A name as it appears in the drawn text: cleaned like the DOT writer does, whitespace-normalised."""
    from ketengraaf.render.dot import clean

    return " ".join(clean(s).split())


def open_codes(report, subjects: set[str], prefix: Optional[tuple[str, ...]] = None) -> set[str]:
    return {f.rule for f in report.findings
            if not f.suppressed and f.subject in subjects and (prefix is None or f.rule.startswith(prefix))}

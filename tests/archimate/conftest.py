"""Helpers for the ArchiMate tests: the shared files, the real schemas (offline, as
shared/archimate/README.md shows), Archi's relationship matrix, and small exchange files."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "archimate"
ARCHISURANCE = SHARED / "archisurance.xml"
VOORBEELD = ROOT.parent / "shared" / "spec" / "voorbeeld.yaml"
NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


class _LocalXml(etree.Resolver):
    """The two xml.xsd URLs the schemas import, from the local copy (no network)."""

    LOCAL = {"http://www.w3.org/2001/xml.xsd", "http://www.w3.org/2001/03/xml.xsd"}

    def resolve(self, url, pubid, context):
        if url in self.LOCAL:
            return self.resolve_filename(str(SHARED / "xml.xsd"), context)
        return None


@functools.lru_cache(maxsize=None)
def schema() -> etree.XMLSchema:
    """archi-validator.xsd: the schema set Archi's own validator loads (Diagram + Dublin Core)."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXml())
    return etree.XMLSchema(etree.parse(str(SHARED / "archi-validator.xsd"), parser))


def schema_errors(data: bytes) -> list[str]:
    """The schema's errors for an exchange file (empty: valid)."""
    s = schema()
    doc = etree.fromstring(data, etree.XMLParser(no_network=True, huge_tree=True)).getroottree()
    if s.validate(doc):
        return []
    return [f"{e.line}: {e.message}" for e in s.error_log]


@functools.lru_cache(maxsize=None)
def matrix() -> dict[tuple[str, str], str]:
    """Archi's relationship matrix: (source concept, target concept) -> allowed letters."""
    t = etree.parse(str(SHARED / "relationships.xml"))
    out = {}
    for s in t.getroot():
        if not isinstance(s.tag, str):
            continue
        for tg in s:
            if isinstance(tg.tag, str):
                out[(s.get("concept"), tg.get("concept"))] = tg.get("relations")
    return out


LETTER = {"Access": "a", "Composition": "c", "Flow": "f", "Aggregation": "g", "Assignment": "i", "Influence": "n",
          "Association": "o", "Realization": "r", "Specialization": "s", "Triggering": "t", "Serving": "v"}


@pytest.fixture(scope="session", autouse=True)
def _shared_files() -> None:
    if not ARCHISURANCE.exists():  # pragma: no cover - the shared folder is part of the checkout
        pytest.fail(f"{SHARED} is missing; the ArchiMate tests read its schemas and files")


# ------------------------------------------------------------------------------------------------
# small exchange files


def el(ident: str, typ: str, name: Optional[str], props: Optional[dict[str, str]] = None) -> str:
    """An ``<element>``; ``props`` by property definition name (see :func:`oef`)."""
    n = f'<name xml:lang="nl">{escape(name)}</name>' if name is not None else ""
    return f'<element identifier="{ident}" xsi:type="{typ}">{n}{_props(props)}</element>'


def rel(ident: str, typ: str, src: str, tgt: str, name: Optional[str] = None, *, directed: bool = False,
        props: Optional[dict[str, str]] = None, access: Optional[str] = None) -> str:
    d = ' isDirected="true"' if directed else ""
    a = f' accessType="{access}"' if access else ""
    n = f'<name xml:lang="nl">{escape(name)}</name>' if name else ""
    return f'<relationship identifier="{ident}" source="{src}" target="{tgt}" xsi:type="{typ}"{d}{a}>{n}{_props(props)}</relationship>'


def _pid(name: str) -> str:
    """A property definition's identifier that gives its name back (:func:`oef` defines them)."""
    return "p-" + name.encode("utf-8").hex()


def _props(props: Optional[dict[str, str]]) -> str:
    if not props:
        return ""
    return "<properties>" + "".join(
        f'<property propertyDefinitionRef="{_pid(k)}"><value xml:lang="nl">{escape(v)}</value></property>'
        for k, v in props.items()) + "</properties>"


def oef(elements: list[str], relationships: list[str] = (), *, name: str = "Testmodel",
        model_props: Optional[dict[str, str]] = None, extra: str = "") -> bytes:
    """An exchange file, one element or relationship per line (so each has its own line number:
    the model's name is line 2, the first element line 4, ...), with a property definition for
    every property name used."""
    body = "\n".join([*elements, *relationships])
    names = sorted(_names(body) | set(model_props or {}))
    defs = "".join(f'<propertyDefinition identifier="{_pid(k)}" type="string"><name>{escape(k)}</name>'
                   f"</propertyDefinition>" for k in names)
    lines = [f'<model xmlns="{NS}" xmlns:xsi="{XSI}" identifier="id-model">',
             f'<name xml:lang="nl">{escape(name)}</name>{_props(model_props)}',
             "<elements>", *elements, "</elements>"]
    if relationships:
        lines += ["<relationships>", *relationships, "</relationships>"]
    if defs:
        lines.append(f"<propertyDefinitions>{defs}</propertyDefinitions>")
    if extra:
        lines.append(extra)
    lines.append("</model>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n").encode("utf-8")


def _names(body: str) -> set[str]:
    import re

    return {bytes.fromhex(h).decode("utf-8") for h in re.findall(r'propertyDefinitionRef="p-([0-9a-f]*)"', body)}


def write(tmp: Path, data: bytes, name: str = "model.xml") -> Path:
    p = tmp / name
    p.write_bytes(data)
    return p


def line_of(data: bytes, needle: str) -> int:
    """The 1-based line of the first occurrence of ``needle``."""
    text = data.decode("utf-8")
    i = text.index(needle)
    return text.count("\n", 0, i) + 1



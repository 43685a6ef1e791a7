"""Reading a ROO export as a stream: one :class:`Record` per ``p:organisatie``, never the whole tree.

The export (``oo-export-2.6.x.xsd``) is ``p:overheidsorganisaties/p:organisaties/p:organisatie``,
organisations nested through their own ``p:organisaties``. :func:`read_export` walks it with lxml's
``iterparse``, asking only for the elements it uses (the filter runs in C), takes from each
organisation what the importer needs and clears it as soon as it ends, so memory holds the open
ancestors of the current organisation and not the 38 MB of addresses, functions and contact data
around them.

Safe by construction: no DTD is loaded, no entity resolved, nothing fetched from the network, and a
document that declares a DOCTYPE is refused (a ROO export has none). Every problem is one line
``FILE:LINE:COLUMN: message`` (exit 2): not a file, binary, not XML, truncated, not a ROO export, a
schema version other than 2.6.x, an organisation without ``systeemId`` or ``naam``, a date that is
no date. All such problems of an export are reported at once.

>>> import io
>>> x = (b'<p:overheidsorganisaties xmlns:p="https://organisaties.overheid.nl/static/schema/oo/export/2.6.9">'
...      b'<p:organisaties><p:organisatie p:systeemId="1"><p:naam>Financi\\xc3\\xabn</p:naam>'
...      b'<p:types><p:type>Ministerie</p:type></p:types></p:organisatie></p:organisaties>'
...      b'</p:overheidsorganisaties>')
>>> e = parse_stream(io.BytesIO(x), "x.xml", len(x))
>>> e.version, [(r.systeem_id, r.naam, r.types) for r in e.records]
('2.6.9', [(1, 'Financiën', ['Ministerie'])])
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Callable, Optional

from lxml import etree

from ketengraaf import xmlsafe
from ketengraaf.errors import ExportInvalid, ModelInvalid, Problem
from ketengraaf.model import inputs

#: The export's namespace in every 2.6.x version (the 2.6.11 schema still says 2.6.9).
NAMESPACE = re.compile(r"https?://organisaties\.overheid\.nl/static/schema/oo/export/(2\.6(?:\.\d+)?)/?")
#: Any ROO export namespace, to tell "another version" from "not a ROO export".
ANY_NAMESPACE = re.compile(r"https?://(?:organisaties|almanak)\.overheid\.nl/.*?export/(\d+(?:\.\d+)*)/?")
SHOWN_NAMESPACE = "https://organisaties.overheid.nl/static/schema/oo/export/2.6.x"

_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?")
_DIGITS = re.compile(r"\+?\d+")


@dataclass(frozen=True, slots=True)
class Ref:
    """``p:relatieMetMinisterie``: the ministry by systeemId and/or TOOI identifier, and its name."""

    systeem_id: Optional[int]
    tooi: Optional[str]
    naam: str


@dataclass(slots=True)
class Record:
    """What the importer uses of one ``p:organisatie``, in document order (``index``)."""

    index: int
    line: int
    systeem_id: int
    tooi: Optional[str]
    naam: str = ""
    afkortingen: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    ministerie: Optional[Ref] = None
    start: Optional[date] = None
    eind: Optional[date] = None
    #: index of the enclosing organisatie in the register's nesting (None at the top)
    parent: Optional[int] = None
    children: list[int] = field(default_factory=list)


@dataclass
class Export:
    path: str
    namespace: str
    version: str
    timestamp: Optional[str]
    records: list[Record]
    #: ``p:regeling`` elements (gemeenschappelijke regelingen as arrangements): not imported
    regelingen: int = 0


_problem = xmlsafe.problem
KIND = xmlsafe.Kind("a ROO export", "the export", "</p:overheidsorganisaties>")


def read_export(path: str | os.PathLike[str], *, progress: Optional[Callable[[int, int], None]] = None) -> Export:
    """Read the export at ``path``; raise :class:`ModelInvalid` with every problem found.

    ``progress(done, total)`` is called with bytes read as the parse goes (every few hundred
    organisations)."""
    shown = str(path)
    try:
        f, size = inputs.open_checked(path, inputs.Limits.from_env(), shown, what="a ROO export", text="XML text",
                                      one="one export")
    except ModelInvalid as e:
        raise ExportInvalid(e.problems) from None
    with f:
        try:
            if size == 0:
                raise ModelInvalid([inputs.problem(shown, "is empty; a ROO export is XML text")])
            return parse_stream(f, shown, size, progress)
        except OSError as e:
            raise ExportInvalid([inputs.problem(shown, f"cannot be read: {e.strerror or e}")]) from None
        except ModelInvalid as e:
            raise ExportInvalid(e.problems) from None


def parse_stream(f: IO[bytes], shown: str, size: int,
                 progress: Optional[Callable[[int, int], None]] = None) -> Export:
    """:func:`read_export` on an open binary file (positioned at its start)."""
    ns, version, timestamp = _root(f, shown)
    f.seek(0)
    return _organisations(f, shown, size, ns, version, timestamp, progress)


def _root(f: IO[bytes], shown: str) -> tuple[str, str, Optional[str]]:
    """The root element: namespace, schema version and timestamp, or a sentence why this is not a
    ROO export. Reads only the first buffer of the file."""
    root = xmlsafe.root(f, shown, KIND)
    q = xmlsafe.qname(root)
    ns = q.namespace or ""
    m = NAMESPACE.fullmatch(ns)
    if q.localname == "overheidsorganisaties" and m:
        ts = next((v for k, v in root.attrib.items() if xmlsafe.qname(k).localname == "timestamp"), None)
        return ns, m.group(1), ts
    other = ANY_NAMESPACE.fullmatch(ns)
    if q.localname == "overheidsorganisaties" and other:
        raise ModelInvalid([_problem(shown, root.sourceline,
                                     f"is a ROO export in schema version {other.group(1)} (namespace {ns}); "
                                     f"ketengraaf reads version 2.6.x ({SHOWN_NAMESPACE})")])
    raise ModelInvalid([_problem(shown, root.sourceline,
                                 f"is not a ROO export: its root element is <{xmlsafe.shown_name(root)}>, not "
                                 f"<p:overheidsorganisaties> in namespace {SHOWN_NAMESPACE}")])


def _organisations(f: IO[bytes], shown: str, size: int, ns: str, version: str, timestamp: Optional[str],
                   progress: Optional[Callable[[int, int], None]]) -> Export:
    T = {name: f"{{{ns}}}{name}" for name in ("organisatie", "naam", "afkorting", "type", "types",
                                               "relatieMetMinisterie", "startDatum", "eindDatum", "regeling")}
    T_ORG, T_NAAM, T_AFK, T_TYPE, T_TYPES = T["organisatie"], T["naam"], T["afkorting"], T["type"], T["types"]
    T_REL, T_START, T_EIND, T_REG = T["relatieMetMinisterie"], T["startDatum"], T["eindDatum"], T["regeling"]
    A_SID, A_TOOI = f"{{{ns}}}systeemId", f"{{{ns}}}resourceIdentifierTOOI"
    wanted = [T_ORG, T_NAAM, T_AFK, T_TYPE, T_REL, T_START, T_EIND, T_REG]
    records: list[Record] = []
    problems: list[Problem] = []
    stack: list[tuple[etree._Element, Record]] = []
    regelingen = 0
    ended = 0

    def attr(el: etree._Element, qualified: str, local: str) -> Optional[str]:
        v = el.get(qualified)
        if v is None:
            v = el.get(local)
        v = v.strip() if v is not None else None
        return v or None

    def text(el: etree._Element) -> str:
        return " ".join((el.text or "").split())

    def a_date(el: etree._Element, rec: Record) -> Optional[date]:
        raw = text(el)
        m = _DATE.fullmatch(raw)
        if m:
            try:
                return date.fromisoformat(m.group(1))
            except ValueError:
                pass
        problems.append(_problem(shown, el.sourceline, f"{xmlsafe.qname(el).localname} '{raw}' of organisatie "
                                                        f"{rec.systeem_id} is not a date (YYYY-MM-DD)"))
        return None

    context = xmlsafe.iterparse(f, events=("start", "end"), tag=wanted)
    try:
        for event, el in context:
            tag = el.tag
            if tag == T_ORG:
                if event == "start":
                    raw = attr(el, A_SID, "systeemId")
                    sid = -1
                    if raw is None or not _DIGITS.fullmatch(raw):
                        problems.append(_problem(shown, el.sourceline,
                                                 "p:organisatie without a p:systeemId (a non-negative number)"
                                                 if raw is None else f"p:systeemId '{raw}' is not a non-negative number"))
                    else:
                        sid = int(raw)
                    rec = Record(len(records), el.sourceline or 0, sid, attr(el, A_TOOI, "resourceIdentifierTOOI"),
                                 parent=stack[-1][1].index if stack else None)
                    if stack:
                        stack[-1][1].children.append(rec.index)
                    records.append(rec)
                    stack.append((el, rec))
                    continue
                _, rec = stack.pop()
                if not rec.naam:
                    problems.append(_problem(shown, rec.line, f"organisatie {rec.systeem_id} has no p:naam"))
                el.clear()
                parent = el.getparent()
                if parent is not None:
                    parent.remove(el)
                ended += 1
                if progress is not None and ended % 256 == 0:
                    progress(min(f.tell(), size), size)
                continue
            if event == "start":
                continue
            if not stack:
                if tag == T_REG:  # the gemeenschappelijkeRegelingen part of the export
                    regelingen += 1
                    el.clear()
                    parent = el.getparent()
                    if parent is not None:
                        parent.remove(el)
                continue
            owner, rec = stack[-1]
            parent = el.getparent()
            if tag == T_TYPE:
                if parent is not None and parent.tag == T_TYPES and parent.getparent() is owner:
                    t = text(el)
                    if t and t not in rec.types:
                        rec.types.append(t)
            elif parent is not owner:
                continue  # the naam of a functie, an address, a deelnemende organisatie, ...
            elif tag == T_NAAM:
                rec.naam = text(el)
            elif tag == T_AFK:
                a = text(el)
                if a and a not in rec.afkortingen:
                    rec.afkortingen.append(a)
            elif tag == T_REL:
                rs = attr(el, A_SID, "systeemId")
                rec.ministerie = Ref(int(rs) if rs and _DIGITS.fullmatch(rs) else None,
                                     attr(el, A_TOOI, "resourceIdentifierTOOI"), text(el))
            elif tag == T_START:
                rec.start = a_date(el, rec)
            elif tag == T_EIND:
                rec.eind = a_date(el, rec)
    except etree.XMLSyntaxError as e:
        problems.append(xmlsafe.syntax(shown, e, KIND, started=True, source=f))
    if progress is not None:
        progress(size, size)
    if problems:
        raise ModelInvalid(problems)
    if not records:
        raise ModelInvalid([inputs.problem(shown, "holds no p:organisatie; there is nothing to import (is this the "
                                                  "full export of organisaties.overheid.nl?)")])
    return Export(shown, ns, version, timestamp, records, regelingen)

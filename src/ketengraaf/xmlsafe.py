"""Reading XML that someone else wrote, safely: the pieces every XML reader of ketengraaf shares.

Both XML inputs — the export of the Register van Overheidsorganisaties (``ketengraaf import roo``)
and ArchiMate exchange files (``ketengraaf import archimate``, and any ``.xml`` model) — are read
with lxml under the same rules: no DTD is loaded, no entity resolved, nothing fetched from the
network, libxml2's limits on text size and depth stay on, and a document that declares a DOCTYPE is
refused before anything else is read. Every problem is a :class:`~ketengraaf.errors.Problem` with
the file and line, so a reader can report all of them at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO, Optional

from lxml import etree

from ketengraaf.errors import ModelInvalid, Problem
from ketengraaf.model import inputs


def parser_options() -> dict:
    """lxml parser options: XXE-safe (no DTD, no entities, no network); ``huge_tree`` off keeps
    libxml2's limits on text size and depth; comments and processing instructions dropped."""
    return dict(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                huge_tree=False, remove_comments=True, remove_pis=True)


@dataclass(frozen=True)
class Kind:
    """How the messages name a kind of XML input: ``what`` ("a ROO export"), ``the`` ("the export")
    and the closing tag a complete file ends with."""

    what: str
    the: str
    closing: str


def problem(shown: str, line: Optional[int], message: str, column: int = 1) -> Problem:
    """A problem at ``line`` (column 1 unless given), or with the whole file when there is no line."""
    return Problem(shown, line or 0, column if line else 0, message)


def syntax(shown: str, e: etree.XMLSyntaxError, kind: Kind, *, started: bool) -> Problem:
    """An XML syntax error as one line: "is not XML" before the first element, "is not well-formed
    here; is the file complete?" after it."""
    line, col = (e.position if e.position else (e.lineno or 0, 1))
    msg = (e.msg or str(e)).strip()
    msg = re.sub(r",? line \d+, column \d+$", "", msg)
    if not started:
        return problem(shown, line, f"is not XML ({msg}); {kind.what} is XML text", col or 1)
    return problem(shown, line, f"{kind.the} is not well-formed XML here ({msg}); is the file complete? "
                                f"{kind.what[0].upper()}{kind.what[1:]} ends with {kind.closing}", col or 1)


def root(f: IO[bytes], shown: str, kind: Kind) -> etree._Element:
    """The root element of the document in ``f`` (read from its first buffer only), after refusing a
    document that is not XML or that declares a DOCTYPE. The caller checks its name and seeks
    back to the start before reading the rest."""
    it = etree.iterparse(f, events=("start",), **parser_options())
    try:
        _, el = next(it)
    except StopIteration:  # pragma: no cover - lxml raises for an empty document
        raise ModelInvalid([inputs.problem(shown, f"is empty; {kind.what} is XML text")]) from None
    except etree.XMLSyntaxError as e:
        raise ModelInvalid([syntax(shown, e, kind, started=False)]) from None
    if el.getroottree().docinfo.doctype:
        raise ModelInvalid([problem(shown, el.sourceline,
                                    f"declares a DOCTYPE; {kind.what} has none, and ketengraaf reads no DTD")])
    return el


def shown_name(el: etree._Element) -> str:
    """``<{namespace}local>`` or ``<local>``: an element's name for a message."""
    qn = etree.QName(el)
    return f"{{{qn.namespace}}}{qn.localname}" if qn.namespace else qn.localname

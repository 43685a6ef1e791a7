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
from typing import IO, Any, NamedTuple, Optional

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


def iterparse(source: Any, **options: Any) -> Any:
    """lxml's ``iterparse`` with :func:`parser_options`, after clearing this thread's libxml2 error
    log, so that :func:`syntax` reads the errors of this document only."""
    etree.clear_error_log()
    return etree.iterparse(source, **options, **parser_options())


def _line(source: Optional[IO[bytes]], n: int) -> Optional[str]:
    """Line ``n`` (1-based) of ``source`` (read again from its start), or None."""
    if source is None or n < 1:
        return None
    try:
        source.seek(0)
        for i, raw in enumerate(source, 1):
            if i == n:
                return raw.decode("utf-8", "replace")
    except (OSError, ValueError):
        pass
    return None


def syntax(shown: str, e: etree.XMLSyntaxError, kind: Kind, *, started: bool,
           source: Optional[IO[bytes]] = None) -> Problem:
    """An XML syntax error as one line: "is not XML" before the first element, "is not well-formed
    here; is the file complete?" after it; an entity that no DTD declares (``&nbsp;``, which libxml2
    reports only as a later, misleading error) by its name, with the character to write instead."""
    entity = undeclared_entity(e)
    if entity is not None:
        return entity_problem(shown, *entity)
    line, col = (e.position if e.position else (e.lineno or 0, 1))
    msg = (e.msg or str(e)).strip()
    msg = re.sub(r",? line \d+, column \d+$", "", msg)
    m = re.fullmatch(r"Namespace prefix (\S+) (?:for (\S+) )?on (\S+) is not defined", msg)
    if m:
        # libxml2 points after the tag; the message points at its '<' (columns count characters)
        name = f"{m.group(1)}:{m.group(3)}" if m.group(2) is None else m.group(3)
        text = _line(source, line) or ""
        start = text.rfind(f"<{m.group(1)}:", 0, col or 0) if m.group(2) is None else -1
        return prefix_problem(shown, line, m.group(1), name, kind, start + 1 if start >= 0 else col or 1)
    if not started:
        return problem(shown, line, f"is not XML ({msg}); {kind.what} is XML text", col or 1)
    return problem(shown, line, f"{kind.the} is not well-formed XML here ({msg}); is the file complete? "
                                f"{kind.what[0].upper()}{kind.what[1:]} ends with {kind.closing}", col or 1)


def undeclared_entity(e: etree.XMLSyntaxError) -> Optional[tuple[str, int, int]]:
    """(name, line, column of its ``&``) of the first entity reference the document uses that
    nothing declares, from the error log of the parse that raised ``e``; None if there is none."""
    for x in e.error_log:
        if x.type_name == "ERR_UNDECLARED_ENTITY":
            m = re.search(r"Entity '([^']+)'", x.message)
            if m:
                return m.group(1), x.line, max(1, x.column - len(m.group(1)) - 2)
    return None


def entity_problem(shown: str, name: str, line: int, column: int) -> Problem:
    """``&name;`` used without a declaration: what it is, and what to write instead.

    >>> print(entity_problem("m.xml", "nbsp", 3, 28).message)
    uses the entity &nbsp;, which only a DTD can declare, and ketengraaf reads no DTD; write the character itself (U+00A0, in UTF-8) or &#160;
    >>> print(entity_problem("m.xml", "foo", 3, 28).message)
    uses the entity &foo;, which only a DTD can declare, and ketengraaf reads no DTD; write the text itself, or one of XML's own: &amp; &lt; &gt; &quot; &apos;
    """
    from html.entities import name2codepoint

    cp = name2codepoint.get(name)
    if cp is not None:
        instead = f"write the character itself (U+{cp:04X}, in UTF-8) or &#{cp};"
    else:
        instead = "write the text itself, or one of XML's own: &amp; &lt; &gt; &quot; &apos;"
    return problem(shown, line, f"uses the entity &{name};, which only a DTD can declare, and ketengraaf reads "
                                f"no DTD; {instead}", column)


def root(f: IO[bytes], shown: str, kind: Kind) -> etree._Element:
    """The root element of the document in ``f`` (read from its first buffer only), after refusing a
    document that is not XML or that declares a DOCTYPE. The caller checks its name and seeks
    back to the start before reading the rest."""
    it = iterparse(f, events=("start",))
    try:
        _, el = next(it)
    except StopIteration:  # pragma: no cover - lxml raises for an empty document
        raise ModelInvalid([inputs.problem(shown, f"is empty; {kind.what} is XML text")]) from None
    except etree.XMLSyntaxError as e:
        raise ModelInvalid([syntax(shown, e, kind, started=False)]) from None
    prefix = undeclared_prefix(el.tag)
    if prefix is not None:
        raise ModelInvalid([prefix_problem(shown, el.sourceline, prefix, el.tag, kind)])
    if el.getroottree().docinfo.doctype:
        raise ModelInvalid([problem(shown, el.sourceline,
                                    f"declares a DOCTYPE; {kind.what} has none, and ketengraaf reads no DTD")])
    return el


class Name(NamedTuple):
    """An element's or attribute's namespace (None without one) and local name."""

    namespace: Optional[str]
    localname: str


def qname(el_or_tag: Any) -> Name:
    """The namespace and local name of an element (or of a tag or attribute name), read from lxml's
    ``{namespace}local`` text. Unlike ``etree.QName`` it does not raise for a name whose prefix no
    ``xmlns`` declares (lxml keeps such a name as ``p:local``; the parse reports the prefix when it
    ends): the name is then its local part with the prefix, in no namespace, and matches nothing.

    >>> qname("{http://www.opengroup.org/xsd/archimate/3.0/}model")
    Name(namespace='http://www.opengroup.org/xsd/archimate/3.0/', localname='model')
    >>> qname("p:naam")
    Name(namespace=None, localname='p:naam')
    """
    tag = el_or_tag if isinstance(el_or_tag, str) else el_or_tag.tag
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return Name(ns, local)
    return Name(None, tag)


def undeclared_prefix(tag: str) -> Optional[str]:
    """The prefix of a name that no ``xmlns`` declared (lxml keeps it as ``p:local``), else None."""
    return tag.split(":", 1)[0] if not tag.startswith("{") and ":" in tag else None


def prefix_problem(shown: str, line: Optional[int], prefix: str, name: str, kind: Kind, column: int = 1) -> Problem:
    return problem(shown, line, f"uses the namespace prefix '{prefix}' (in <{name}>) without declaring it; "
                                f"{kind.what} declares its namespaces on the root element, as "
                                f"xmlns:{prefix}=\"…\"", column)


def shown_name(el: etree._Element) -> str:
    """``<{namespace}local>`` or ``<local>``: an element's name for a message."""
    qn = qname(el)
    return f"{{{qn.namespace}}}{qn.localname}" if qn.namespace else qn.localname

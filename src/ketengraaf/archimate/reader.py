"""Reading an ArchiMate exchange file (OEF 3.1) as a stream, checked for what ketengraaf relies on.

:func:`read_document` walks the file with lxml's ``iterparse`` (XXE-safe, :mod:`ketengraaf.xmlsafe`),
keeps of every element and relationship what the mapping needs (:class:`Concept`: identifier, type,
name, properties, ends, line) and clears it as soon as it ends, so memory holds the concepts, not
the tree with its views, styles and bendpoints.

The schemas are not needed at run time (DECISIONS.md, 15). What the schemas say and ketengraaf
relies on is checked here, every problem with its file, line and column, all of them at once:

* the root is ``<model>`` in the OEF 3.x namespace (ArchiMate 2.x files and Archi's own
  ``.archimate`` files are told apart), its parts in the schema's order;
* identifiers: present, XML names (``xs:ID``), each used once in the whole file;
* types: ``xsi:type`` present and one of ArchiMate 3.1's element, relationship, node or connection
  types (with the nearest valid one), ``accessType`` and ``isDirected`` valid and where they belong;
* required parts: a name on every element, view and property definition, a source and target on
  every relationship, a value on every property, x, y, w and h on every node;
* references: relationship ends, property definitions, the elements and relationships views show,
  the nodes connections join (in the same view), view references and folder items.

>>> import io
>>> x = (b'<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
...      b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m"><name>M</name>'
...      b'<elements><element identifier="a" xsi:type="BusinessActor"><name>A</name></element></elements>'
...      b'</model>')
>>> d = parse(x, "m.xml")
>>> [(c.identifier, c.type, c.name) for c in d.elements], d.name
([('a', 'BusinessActor', 'A')], 'M')
"""

from __future__ import annotations

import difflib
import io
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from lxml import etree

from ketengraaf import xmlsafe
from ketengraaf.archimate import oef
from ketengraaf.archimate.oef import XML_LANG, XSI_TYPE, q
from ketengraaf.errors import ModelInvalid, Problem
from ketengraaf.model import inputs

KIND = xmlsafe.Kind("an ArchiMate exchange file", "the file", "</model>")
ARCHI_NATIVE = "http://www.archimatetool.com/archimate"

#: An XML name without a colon (xs:ID, xs:NCName), as far as identifiers in practice go.
_NCNAME = re.compile(r"[^\W\d][\w.\-]*", re.UNICODE)


@dataclass(slots=True)
class Prop:
    """One ``<property>``: its definition's identifier and (after the parse) name, its value."""

    ref: str
    value: str
    line: int
    key: str = ""


@dataclass(slots=True)
class Concept:
    """An element or a relationship, with what the mapping reads of it."""

    identifier: str
    type: str
    line: int
    name: Optional[str]
    props: list[Prop]
    relationship: bool = False
    source: str = ""
    target: str = ""
    #: Access relationships: Access (unspecified, the schema's default), Read, Write, ReadWrite
    access: Optional[str] = None
    directed: bool = False
    #: line of the chosen ``<name>`` (0 when there is none)
    name_line: int = 0

    def prop(self, key: str) -> Optional[Prop]:
        """The first property named ``key``."""
        for p in self.props:
            if p.key == key:
                return p
        return None

    def label(self) -> str:
        """``BusinessActor 'Finance' (id-331)``: the concept as a message names it."""
        name = f" '{self.name}'" if self.name else ""
        return f"{self.type}{name} ({self.identifier})"


@dataclass
class Document:
    """An exchange file's model part: what ketengraaf maps, in document order."""

    path: str
    raw: bytes
    identifier: str
    name: Optional[str]
    documentation: Optional[str]
    props: list[Prop]
    line: int
    elements: list[Concept] = field(default_factory=list)
    relationships: list[Concept] = field(default_factory=list)
    #: identifier -> element or relationship
    concepts: dict[str, Concept] = field(default_factory=dict)
    #: property definition identifier -> (name, type)
    property_defs: dict[str, tuple[str, str]] = field(default_factory=dict)
    views: int = 0
    lines: "Lines" = field(default=None, repr=False)  # type: ignore[assignment]


# ------------------------------------------------------------------------------------------------
# positions


class Lines:
    """Line and column of a tag in the raw bytes, computed only when asked (for a problem or a
    location): lxml reports the line where a start tag ends, and no column."""

    def __init__(self, raw: bytes):
        self.raw = raw
        self._starts: Optional[list[int]] = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer(b"\n", self.raw)]
        return self._starts

    def _text(self, line: int) -> bytes:
        starts = self._line_starts()
        if not 1 <= line <= len(starts):
            return b""
        end = starts[line] - 1 if line < len(starts) else len(self.raw)
        return self.raw[starts[line - 1]:end]

    def at(self, line: int, tag: Optional[str] = None) -> tuple[int, int]:
        """``(line, column)`` of the start tag ``tag`` that ends on ``line`` (the first one on that
        line, or the last one before it when the tag spans lines); column 1 when it is not found."""
        if line <= 0:
            return 1, 1
        if not tag:
            text = self._text(line)
            return line, len(text[: len(text) - len(text.lstrip())].decode("utf-8", "replace")) + 1
        rx = re.compile(rb"<(?:[\w.\-]+:)?" + re.escape(tag.encode()) + rb"(?=[\s/>]|$)")
        for ln in range(line, max(0, line - 200), -1):
            text = self._text(ln)
            hits = list(rx.finditer(text))
            if hits:
                m = hits[0] if ln == line else hits[-1]
                return ln, len(text[: m.start()].decode("utf-8", "replace")) + 1
        return line, 1


# ------------------------------------------------------------------------------------------------
# reading


def read_document(path: str | os.PathLike[str], display: Optional[str] = None, *,
                  progress: Optional[Callable[[int, int], None]] = None) -> Document:
    """Read and check the exchange file at ``path``; raise :class:`ModelInvalid` with every problem.

    The file gets the checks every input gets first (:func:`ketengraaf.model.inputs.open_checked`:
    a regular file, not too large, not binary). ``progress(done, total)`` is called with bytes read."""
    shown = display or str(path)
    f, size = inputs.open_checked(path, inputs.Limits.from_env(), shown, what=KIND.what, text="XML text",
                                  one="one exchange file")
    with f:
        if size == 0:
            raise ModelInvalid([inputs.problem(shown, f"is empty; {KIND.what} is XML text")])
        try:
            raw = f.read()
        except OSError as e:
            raise ModelInvalid([inputs.problem(shown, f"cannot be read: {e.strerror or e}")]) from None
    return parse(raw, shown, progress=progress)


def parse(raw: bytes, shown: str, *, progress: Optional[Callable[[int, int], None]] = None) -> Document:
    """:func:`read_document` on the bytes of a file."""
    root = xmlsafe.root(io.BytesIO(raw), shown, KIND)
    qn = xmlsafe.qname(root)
    if qn.localname != "model" or qn.namespace != oef.NS:
        raise ModelInvalid([_not_oef(shown, root, qn)])
    return _Parser(raw, shown, progress).run()


def _not_oef(shown: str, root: etree._Element, qn: xmlsafe.Name) -> Problem:
    line = root.sourceline
    if qn.namespace in oef.NS_2:
        return xmlsafe.problem(shown, line, f"is an ArchiMate 2.x exchange file (namespace {qn.namespace}); "
                                            f"ketengraaf reads the ArchiMate 3.x exchange format ({oef.NS}): "
                                            f"open it in Archi and export it again")
    if qn.namespace == ARCHI_NATIVE:
        return xmlsafe.problem(shown, line, "is Archi's own model file, not an exchange file; in Archi, use "
                                            "File > Export > Model to Open Exchange File... and give ketengraaf "
                                            "that file")
    return xmlsafe.problem(shown, line, f"is not an ArchiMate exchange file: its root element is "
                                        f"<{xmlsafe.shown_name(root)}>, not <model> in namespace {oef.NS}")


def _nearest(word: str, choices: tuple[str, ...]) -> str:
    m = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not m:
        low = word.lower()
        m = [c for c in choices if c.lower() == low]
    return f"; did you mean '{m[0]}'?" if m else ""


def _pick(texts: list[tuple[Optional[str], str, int]]) -> tuple[Optional[str], int]:
    """The text of one of several language variants (``<name xml:lang=...>``): Dutch, else the one
    without a language, else the first."""
    if not texts:
        return None, 0
    for want in ("nl", None):
        for lang, text, line in texts:
            if (lang or None) == want or (want and lang and lang.lower().startswith(want)):
                return text, line
    return texts[0][1], texts[0][2]


class _Parser:
    def __init__(self, raw: bytes, shown: str, progress: Optional[Callable[[int, int], None]]):
        self.raw = raw
        self.shown = shown
        self.progress = progress
        self.lines = Lines(raw)
        self.problems: list[Problem] = []
        #: every identifier in the file (xs:ID): identifier -> line
        self.ids: dict[str, int] = {}
        self.elements: list[Concept] = []
        self.relationships: list[Concept] = []
        self.property_defs: dict[str, tuple[str, str]] = {}
        self.views: set[str] = set()
        #: references checked after the parse: (kind, identifier, line, tag, what refers)
        self.refs: list[tuple[str, str, int, str, str]] = []
        self.n_views = 0

    # ---- problems

    def problem(self, line: int, tag: Optional[str], message: str) -> None:
        ln, col = self.lines.at(line, tag)
        self.problems.append(Problem(self.shown, ln, col, message))

    def identifier(self, el: etree._Element, what: str, *, required: bool = True) -> str:
        ident = el.get("identifier")
        tag = xmlsafe.qname(el).localname
        if ident is None:
            if required:
                self.problem(el.sourceline or 0, tag, f"<{tag}> without an identifier; every {what} has one")
            return ""
        if not _NCNAME.fullmatch(ident):
            self.problem(el.sourceline or 0, tag,
                         f"identifier '{ident}' is not an XML name (xs:ID): it starts with a letter or '_' and "
                         f"holds only letters, digits, '-', '_' and '.'")
        elif ident in self.ids:
            self.problem(el.sourceline or 0, tag, f"identifier '{ident}' is already used at line {self.ids[ident]}; "
                                                  f"each identifier appears once in a file")
        else:
            self.ids[ident] = el.sourceline or 0
        return ident

    # ---- the walk

    def run(self) -> Document:
        tags = [q(t) for t in ("model", "element", "relationship", "propertyDefinition", "view", "item")]
        T_MODEL, T_ELEMENT, T_REL, T_PDEF, T_VIEW, T_ITEM = tags
        context = xmlsafe.iterparse(io.BytesIO(self.raw), events=("start", "end"), tag=tags)
        doc: Optional[Document] = None
        root: Optional[etree._Element] = None
        size = len(self.raw)
        seen = 0
        try:
            for event, el in context:
                tag = el.tag
                if tag == T_MODEL:
                    if event == "start":
                        root = el
                        continue
                    doc = self.model(el)
                    continue
                if event == "start":
                    continue
                parent = el.getparent()
                if tag == T_ELEMENT and parent is not None and parent.tag == q("elements"):
                    self.concept(el, relationship=False)
                elif tag == T_REL and parent is not None and parent.tag == q("relationships"):
                    self.concept(el, relationship=True)
                elif tag == T_PDEF:
                    self.property_definition(el)
                elif tag == T_VIEW:
                    self.view(el)
                elif tag == T_ITEM:
                    self.item(el)
                    if parent is not None and parent.tag == q("item"):
                        continue  # its parent item still checks its other children
                else:
                    continue
                el.clear()
                if parent is not None and parent is not root:
                    parent.remove(el)
                seen += 1
                if self.progress is not None and seen % 2048 == 0:
                    self.progress(min(int(size * 0.9), size), size)
        except etree.XMLSyntaxError as e:
            self.problems.append(xmlsafe.syntax(self.shown, e, KIND, started=True, source=io.BytesIO(self.raw)))
        if doc is None:
            if not self.problems:  # pragma: no cover - lxml reports an unclosed root as a syntax error
                self.problems.append(xmlsafe.problem(self.shown, 1, "has no complete <model>"))
            raise ModelInvalid(self.problems)
        self.resolve(doc)
        if self.problems:
            raise ModelInvalid(self.problems)
        if self.progress is not None:
            self.progress(size, size)
        return doc

    def texts(self, el: etree._Element, local: str) -> list[tuple[Optional[str], str, int]]:
        t = q(local)
        return [(c.get(XML_LANG), c.text or "", c.sourceline or 0) for c in el if c.tag == t]

    def props(self, el: etree._Element) -> list[Prop]:
        out: list[Prop] = []
        t_props, t_prop = q("properties"), q("property")
        for c in el:
            if c.tag != t_props:
                continue
            for p in c:
                if p.tag != t_prop:
                    continue
                ref = p.get("propertyDefinitionRef")
                line = p.sourceline or 0
                if ref is None:
                    self.problem(line, "property", "<property> without a propertyDefinitionRef")
                    continue
                values = self.texts(p, "value")
                if not values:
                    self.problem(line, "property", f"<property> of '{ref}' has no <value>")
                    continue
                value, _ = _pick(values)
                out.append(Prop(ref, value or "", line))
                self.refs.append(("property", ref, line, "property", "the property"))
        return out

    def model(self, el: etree._Element) -> Document:
        line = el.sourceline or 1
        ident = self.identifier(el, "model")
        names = self.texts(el, "name")
        name, _ = _pick(names)
        if not names:
            self.problem(line, "model", "<model> has no <name>; an exchange file names its model")
        docs = self.texts(el, "documentation")
        documentation, _ = _pick(docs)
        # The parts of <model> in the schema's order (their contents are cleared by now).
        last = -1
        seen: set[str] = set()
        for c in el:
            if not isinstance(c.tag, str):
                continue
            cq = xmlsafe.qname(c)
            local = cq.localname
            if cq.namespace != oef.NS or local not in oef.MODEL_PARTS:
                self.problem(c.sourceline or 0, local, f"unexpected <{xmlsafe.shown_name(c)}> in <model>; its parts "
                                                       f"are {', '.join(oef.MODEL_PARTS)}, in this order")
                continue
            i = oef.MODEL_PARTS.index(local)
            if i < last or (local in seen and local not in ("name", "documentation", "organizations")):
                self.problem(c.sourceline or 0, local, f"<{local}> is out of place in <model>; its parts are "
                                                       f"{', '.join(oef.MODEL_PARTS)}, in this order, each once "
                                                       f"(name, documentation and organizations may repeat)")
            last = max(last, i)
            seen.add(local)
        return Document(self.shown, self.raw, ident, name, documentation, self.props(el), line,
                        self.elements, self.relationships, {}, self.property_defs, lines=self.lines)

    def concept(self, el: etree._Element, *, relationship: bool) -> None:
        what = "relationship" if relationship else "element"
        line = el.sourceline or 0
        ident = self.identifier(el, what)
        typ = el.get(XSI_TYPE)
        valid = oef.RELATIONSHIP_TYPES if relationship else oef.ELEMENT_TYPES
        if typ is None:
            self.problem(line, what, f"{what} '{ident}' has no xsi:type; it says which ArchiMate {what} it is")
            typ = ""
        elif typ not in valid:
            self.problem(line, what, f"{what} '{ident}' has xsi:type '{typ}', which is not an ArchiMate 3.1 {what} "
                                     f"type{_nearest(typ, valid)}")
        names = self.texts(el, "name")
        name, name_line = _pick(names)
        if not relationship and not names:
            self.problem(line, what, f"element '{ident}' ({typ}) has no <name>; every ArchiMate element has one")
        c = Concept(ident, typ, line, name, self.props(el), relationship, name_line=name_line)
        if relationship:
            for end in ("source", "target"):
                v = el.get(end)
                if v is None:
                    self.problem(line, what, f"relationship '{ident}' has no {end}")
                else:
                    setattr(c, end, v)
                    self.refs.append(("concept", v, line, what, f"the {end} of relationship '{ident}'"))
            access = el.get("accessType")
            if access is not None:
                if typ != "Access":
                    self.problem(line, what, f"relationship '{ident}' is {typ or 'untyped'}, and only an Access "
                                             f"relationship has an accessType")
                elif access not in oef.ACCESS_TYPES:
                    self.problem(line, what, f"accessType '{access}' of relationship '{ident}' is not one of "
                                             f"{', '.join(oef.ACCESS_TYPES)}{_nearest(access, oef.ACCESS_TYPES)}")
            if typ == "Access":
                c.access = access if access in oef.ACCESS_TYPES else "Access"
            directed = el.get("isDirected")
            if directed is not None:
                if typ != "Association":
                    self.problem(line, what, f"relationship '{ident}' is {typ or 'untyped'}, and only an Association "
                                             f"has isDirected")
                elif directed.strip() not in ("true", "false", "1", "0"):
                    self.problem(line, what, f"isDirected '{directed}' of relationship '{ident}' is not true or false")
                else:
                    c.directed = directed.strip() in ("true", "1")
            self.relationships.append(c)
        else:
            self.elements.append(c)

    def property_definition(self, el: etree._Element) -> None:
        line = el.sourceline or 0
        ident = self.identifier(el, "property definition")
        typ = el.get("type")
        name, _ = _pick(self.texts(el, "name"))
        if name is None:
            self.problem(line, "propertyDefinition", f"property definition '{ident}' has no <name>")
        if typ is None:
            self.problem(line, "propertyDefinition", f"property definition '{ident}' has no type (one of "
                                                     f"{', '.join(oef.DATA_TYPES)})")
        elif typ not in oef.DATA_TYPES:
            self.problem(line, "propertyDefinition", f"type '{typ}' of property definition '{ident}' is not one of "
                                                     f"{', '.join(oef.DATA_TYPES)}{_nearest(typ, oef.DATA_TYPES)}")
        if ident:
            self.property_defs[ident] = (name or "", typ or "string")

    def view(self, el: etree._Element) -> None:
        self.n_views += 1
        line = el.sourceline or 0
        ident = self.identifier(el, "view")
        if ident:
            self.views.add(ident)
        if not self.texts(el, "name"):
            self.problem(line, "view", f"view '{ident}' has no <name>")
        self.props(el)
        local: set[str] = set()
        connections: list[tuple[str, str, int]] = []
        for n in el.iter(q("node"), q("connection")):
            nline = n.sourceline or 0
            kind = xmlsafe.qname(n).localname
            nid = self.identifier(n, f"{kind} of a view")
            if nid:
                local.add(nid)
            typ = n.get(XSI_TYPE)
            valid = oef.NODE_TYPES if kind == "node" else oef.CONNECTION_TYPES
            if typ is None:
                self.problem(nline, kind, f"{kind} '{nid}' in view '{ident}' has no xsi:type")
            elif typ not in valid:
                self.problem(nline, kind, f"{kind} '{nid}' in view '{ident}' has xsi:type '{typ}', not one of "
                                          f"{', '.join(valid)}{_nearest(typ, valid)}")
            if kind == "node":
                for a, positive in (("x", False), ("y", False), ("w", True), ("h", True)):
                    v = n.get(a)
                    if v is None or not v.strip().isdigit() or (positive and int(v) == 0):
                        what = "missing" if v is None else f"'{v}', not a {'positive' if positive else 'non-negative'} whole number"
                        self.problem(nline, kind, f"node '{nid}' in view '{ident}': {a} is {what}")
                if typ == "Element":
                    ref = n.get("elementRef")
                    if ref is None:
                        self.problem(nline, kind, f"node '{nid}' in view '{ident}' shows no element (elementRef)")
                    else:
                        self.refs.append(("element", ref, nline, kind, f"node '{nid}' in view '{ident}'"))
                for vr in n:
                    if vr.tag == q("viewRef") and vr.get("ref"):
                        self.refs.append(("view", vr.get("ref"), vr.sourceline or nline, "viewRef",
                                          f"node '{nid}' in view '{ident}'"))
            else:
                if typ == "Relationship":
                    ref = n.get("relationshipRef")
                    if ref is None:
                        self.problem(nline, kind, f"connection '{nid}' in view '{ident}' shows no relationship "
                                                  f"(relationshipRef)")
                    else:
                        self.refs.append(("relationship", ref, nline, kind, f"connection '{nid}' in view '{ident}'"))
                for end in ("source", "target"):
                    v = n.get(end)
                    if v is None:
                        if typ == "Relationship":
                            self.problem(nline, kind, f"connection '{nid}' in view '{ident}' has no {end}")
                    else:
                        connections.append((v, f"the {end} of connection '{nid}' in view '{ident}'", nline))
        for v, what, nline in connections:
            if v not in local:
                self.problem(nline, "connection", f"{what} is '{v}', which is no node or connection of this view")

    def item(self, el: etree._Element) -> None:
        if el.get("identifier") is not None:
            self.identifier(el, "folder")
        ref = el.get("identifierRef")
        if ref is not None:
            self.refs.append(("any", ref, el.sourceline or 0, "item", "a folder item (organizations)"))

    # ---- after the walk

    def resolve(self, doc: Document) -> None:
        concepts = {c.identifier: c for c in self.elements}
        concepts.update((c.identifier, c) for c in self.relationships)
        doc.concepts = concepts
        doc.views = self.n_views
        elements = {c.identifier for c in self.elements}
        for kind, ref, line, tag, what in self.refs:
            if kind == "property":
                ok = ref in self.property_defs
                want = "a property definition (propertyDefinitions)"
            elif kind == "concept":
                ok = ref in concepts
                want = "an element or relationship in this file"
            elif kind == "element":
                ok = ref in elements
                want = "an element in this file"
            elif kind == "relationship":
                ok = ref in concepts and ref not in elements
                want = "a relationship in this file"
            elif kind == "view":
                ok = ref in self.views
                want = "a view in this file"
            else:
                ok = ref in self.ids
                want = "an identifier in this file"
            if not ok:
                actual = concepts.get(ref)
                if actual is not None:
                    is_ = f"'{ref}' is {'a relationship' if actual.relationship else 'an element'} ({actual.type}), not {want}"
                    self.problem(line, tag, f"{what} refers to {is_}")
                else:
                    self.problem(line, tag, f"{what} refers to '{ref}', which is not {want}")
        for c in (*self.elements, *self.relationships):
            for p in c.props:
                p.key = self.property_defs.get(p.ref, ("", ""))[0]
        for p in doc.props:
            p.key = self.property_defs.get(p.ref, ("", ""))[0]

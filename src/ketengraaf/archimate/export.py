"""A ketengraaf model as an ArchiMate exchange file (OEF 3.1) that Archi opens.

Every item of the model becomes an element or a relationship (:mod:`.concepts`), and what
ArchiMate has no place for goes into typed ``ketengraaf:*`` properties, so that importing the file
gives back the same model (the round trip; docs/archimate.md has the table). Elements and
relationships are written in a fixed order, and the same model gives the same bytes. With findings
(:func:`export` ``report=``), every finding is a group of ``ketengraaf:bevinding:*`` properties on
the elements and relationships it is about, and colours their boxes and lines in the views, with a
legend.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any, Optional

from lxml import etree

from ketengraaf.archimate import oef
from ketengraaf.archimate.concepts import (BOOL_KEYS, NUMBER_KEYS, P, ModelConcepts, concepts, element_id,
                                           relationship_id)
from ketengraaf.archimate.oef import XML_LANG, XSI_TYPE
from ketengraaf.archimate.views import MARGIN, Node, View, chain_view, layout, triangle_view
from ketengraaf.errors import UsageError
from ketengraaf.graph.view import Context
from ketengraaf.model.loader import Model
from ketengraaf.render import dot as D
from ketengraaf.rules.base import Finding, Kind
from ketengraaf.rules.engine import Report

LANG = "nl"
DATE_KEYS = frozenset({"geldig_van", "geldig_tot", "peildatum", "periode.van", "periode.tot"})

T = {
    "nl": {"driehoek": "Driehoek", "keten": "Keten", "views_driehoek": "Driehoeken", "views_keten": "Ketens",
           "legend": "Bevindingen van ketengraaf (peildatum {peil})", "more": "en {n} meer",
           "key": "Kleur van een element of lijn: de zwaarste open bevinding. De regel, ernst en melding staan in de "
                  "eigenschappen ketengraaf:bevinding:* van het element of de relatie; ketengraaf explain CODE "
                  "legt een regel uit.",
           "none": "Geen bevindingen op deze view.",
           "sev": {"error": "fout", "warning": "waarschuwing", "info": "melding"}, "suppressed": "geaccepteerd"},
    "en": {"driehoek": "Steering triangle", "keten": "Chain", "views_driehoek": "Steering triangles",
           "views_keten": "Chains", "legend": "Findings of ketengraaf (reference date {peil})", "more": "and {n} more",
           "key": "Colour of an element or line: its worst open finding. The rule, severity and message are in the "
                  "properties ketengraaf:bevinding:* of the element or relationship; ketengraaf explain CODE "
                  "explains a rule.",
           "none": "No findings on this view.",
           "sev": {"error": "error", "warning": "warning", "info": "info"}, "suppressed": "accepted"},
}


# ------------------------------------------------------------------------------------------------
# findings


def _targets(out: ModelConcepts, f: Finding) -> list[str]:
    """The identifiers a finding's typed subject is about: each organisation of a combinatie; a
    relatie or overdracht by its key (the subject's text); anything else by its id."""
    subj = f.subject_value
    if subj is None:
        raise ValueError("the export needs findings with their typed subjects (analyse with keep_facts=True)")
    if subj.kind is Kind.uitzondering:
        return []
    keys = subj.parts if subj.kind is Kind.combinatie else (f.subject,)
    return [out.by_key[k] for k in keys if k in out.by_key]


def findings_by_concept(out: ModelConcepts, report: Report) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for f in report.findings:
        for ident in _targets(out, f):
            found.setdefault(ident, []).append(f)
    return found


def _finding_props(fs: list[Any], lang: str) -> list[tuple[str, str]]:
    t = T[lang]
    props: list[tuple[str, str]] = []
    for f in fs:
        props += [(P + "bevinding:regel", f.rule), (P + "bevinding:ernst", t["sev"][f.severity]),
                  (P + "bevinding:melding", f.message)]
        if f.suppressed:
            props.append((P + "bevinding:uitzondering", f.reason or t["suppressed"]))
    return props


def _worst(fs: list[Any]) -> Optional[tuple[str, str]]:
    """(line colour, fill colour) for the worst open finding; grey when all are accepted."""
    open_ = [f for f in fs if not f.suppressed]
    if open_:
        sev = max((f.severity for f in open_), key=lambda s: D.SEVERITY_RANK[s])
        line, fill, _ = D.SEV_STYLE[sev]
        return line, fill
    if fs:
        return D.SUPPRESSED_STYLE[0], D.SUPPRESSED_STYLE[1]
    return None


# ------------------------------------------------------------------------------------------------
# writing


def export(m: Model, G: Any, *, peildatum: date, report: Optional[Report] = None, lang: str = "nl",
           step: Any = None) -> bytes:
    """The exchange file of model ``m`` (its graph ``G`` gives the views' selections at
    ``peildatum``); with ``report``, its findings on the elements and in the views."""
    step = step or (lambda s: None)
    if not (m.organisaties or m.ketens or m.afspraken or m.gegevens or m.middelen or m.opdrachten
            or m.uitzonderingen):
        raise UsageError("the model has no elements to export (Archi needs at least one)")
    out = concepts(m)
    found = findings_by_concept(out, report) if report is not None else {}
    for c in (*out.elements, *out.relationships):
        if c.identifier in found:
            c.props = c.props + _finding_props(found[c.identifier], lang)

    step("views indelen met Graphviz" if lang == "nl" else "laying out the views with Graphviz")
    ctx = Context(G, peildatum)
    t = T[lang]
    views: list[View] = []
    rel_ids = {c.identifier for c in out.relationships}

    def element(kid: str) -> str:
        return out.by_key.get(kid, element_id(kid))

    def relationship(src: str, token: str, tgt: str) -> Optional[str]:
        rid = relationship_id(src, token, tgt)
        return rid if rid in rel_ids else None

    for x in D.executors(ctx):
        views.append(triangle_view(ctx, x, f"{t['driehoek']} {ctx.naam(x)}", element, relationship))
    for c in sorted(ctx.chains, key=lambda c: c.id):
        views.append(chain_view(ctx, c, f"{t['keten']} {c.naam}", element, relationship))
    layout(views)
    if report is not None:
        for v in views:
            _legend(v, found, lang, report.peildatum)

    step("schrijven" if lang == "nl" else "writing")
    return _write(m, out, views, found, lang)


def _legend(v: View, found: dict[str, list[Any]], lang: str, peil: str) -> None:
    """A note above the view: what the colours mean and the findings it shows; four small swatches
    in the severity colours beside it."""
    t = T[lang]
    shown = [n.element for n in v.all_nodes() if n.element] + [c.relationship for c in v.conns]
    fs: dict[tuple[str, str], Any] = {}
    for ident in shown:
        for f in found.get(ident, ()):
            fs[(f.rule, f.subject)] = f
    lines = [t["legend"].format(peil=peil), t["key"], ""]
    items = [fs[k] for k in sorted(fs)]
    for f in items[:12]:
        sev = t["suppressed"] if f.suppressed else t["sev"][f.severity]
        lines.append(f"{f.rule} {sev}: {f.subject}")
    if len(items) > 12:
        lines.append(t["more"].format(n=len(items) - 12))
    if not items:
        lines.append(t["none"])
    text = "\n".join(lines)
    height = 16 + 14 * sum(max(1, -(-len(line) // 70)) for line in lines)
    width = 460
    shift = height + 16
    for n in v.all_nodes():
        n.y += shift
    for c in v.conns:
        c.bends = [(x, y + shift) for x, y in c.bends]
    note = Node("legenda", None, "", x=MARGIN, y=MARGIN, w=width, h=height, text=text)
    swatches = []
    sx = MARGIN + width + 12
    for i, (k, (line, fill, _)) in enumerate([*((s, D.SEV_STYLE[s]) for s in ("error", "warning", "info")),
                                              ("suppressed", D.SUPPRESSED_STYLE)]):
        label = t["suppressed"] if k == "suppressed" else t["sev"][k]
        swatches.append(Node(f"legenda-{k}", None, "", x=sx, y=MARGIN + i * 30, w=120, h=24, text=label,
                             style=(line, fill)))
    v.nodes = [note, *swatches, *v.nodes]
    v.height += shift
    v.width = max(v.width, sx + 120 + MARGIN)


def _rgb(hexcolour: str) -> dict[str, str]:
    h = hexcolour.lstrip("#")
    return {"r": str(int(h[0:2], 16)), "g": str(int(h[2:4], 16)), "b": str(int(h[4:6], 16))}


_SLUG = re.compile(r"[^A-Za-z0-9]+")


def _prop_defs(out: ModelConcepts, used: set[str]) -> dict[str, tuple[str, str]]:
    """Property name -> (identifier, type), for every property used, sorted by name."""
    defs: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()
    for name in sorted(used):
        key = name[len(P):] if name.startswith(P) else name
        if key.startswith("kenmerk:"):
            types = out.kenmerk_types.get(key[len("kenmerk:"):], {"string"})
            typ = types.pop() if len(types) == 1 else "string"
        elif key in DATE_KEYS:
            typ = "date"
        elif key in NUMBER_KEYS:
            typ = "number"
        elif key in BOOL_KEYS:
            typ = "boolean"
        else:
            typ = "string"
        slug = _SLUG.sub("-", name).strip("-")
        ident = f"propid-{slug}"
        if ident in taken or slug.lower() != _SLUG.sub("-", name.lower()).strip("-") or not slug:
            ident = f"propid-{slug[:40]}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"
        taken.add(ident)
        defs[name] = (ident, typ)
    return defs


def _write(m: Model, out: ModelConcepts, views: list[View], found: dict[str, list[Any]], lang: str) -> bytes:
    root = etree.Element(oef.q("model"), nsmap={None: oef.NS, "xsi": oef.XSI})
    root.set(f"{{{oef.XSI}}}schemaLocation", oef.SCHEMA_LOCATION)
    root.set("identifier", f"id-MODEL-{m.id}")
    _text(root, "name", m.naam)
    if m.beschrijving is not None:
        _text(root, "documentation", m.beschrijving)
    model_props = [(P + "id", m.id)]
    if m.peildatum is not None:
        model_props.append((P + "peildatum", m.peildatum.isoformat()))
    used = {k for c in (*out.elements, *out.relationships) for k, _ in c.props} | {k for k, _ in model_props}
    defs = _prop_defs(out, used)
    _properties(root, model_props, defs)

    els = etree.SubElement(root, oef.q("elements"))
    for c in out.elements:
        e = etree.SubElement(els, oef.q("element"), identifier=c.identifier)
        e.set(XSI_TYPE, c.type)
        _text(e, "name", c.name or "")
        _properties(e, c.props, defs)
    if out.relationships:
        rels = etree.SubElement(root, oef.q("relationships"))
        for c in out.relationships:
            e = etree.SubElement(rels, oef.q("relationship"), identifier=c.identifier, source=c.source,
                                 target=c.target)
            e.set(XSI_TYPE, c.type)
            if c.access:
                e.set("accessType", c.access)
            if c.directed:
                e.set("isDirected", "true")
            if c.name:
                _text(e, "name", c.name)
            _properties(e, c.props, defs)
    _organizations(root, out, views, lang)
    pds = etree.SubElement(root, oef.q("propertyDefinitions"))
    for name, (ident, typ) in defs.items():
        pd = etree.SubElement(pds, oef.q("propertyDefinition"), identifier=ident, type=typ)
        etree.SubElement(pd, oef.q("name")).text = name
    if views:
        diagrams = etree.SubElement(etree.SubElement(root, oef.q("views")), oef.q("diagrams"))
        for v in views:
            _view(diagrams, v, found)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _text(parent: etree._Element, local: str, text: str) -> etree._Element:
    e = etree.SubElement(parent, oef.q(local))
    e.set(XML_LANG, LANG)
    e.text = _xml_safe(text)
    return e


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(s: str) -> str:
    """Text XML 1.0 can hold (the loader already refuses control characters in model files; this
    guards what a YAML escape can still produce)."""
    return _NOT_XML.sub("\N{REPLACEMENT CHARACTER}", s)


def _properties(parent: etree._Element, props: list[tuple[str, str]], defs: dict[str, tuple[str, str]]) -> None:
    if not props:
        return
    ps = etree.SubElement(parent, oef.q("properties"))
    for k, v in props:
        p = etree.SubElement(ps, oef.q("property"), propertyDefinitionRef=defs[k][0])
        _text(p, "value", v)


def _organizations(root: etree._Element, out: ModelConcepts, views: list[View], lang: str) -> None:
    """Archi's folders: each element under its top-level folder and a subfolder per kind, the
    relationships under Relations, the views under Views (a subfolder per kind of view)."""
    tree: dict[tuple[str, ...], list[str]] = {}
    for c in (*out.elements, *out.relationships):
        tree.setdefault(c.folder, []).append(c.identifier)
    t = T[lang]
    for v in views:
        tree.setdefault(("Views", t["views_" + v.kind]), []).append(_view_id(v))
    orgs = etree.SubElement(root, oef.q("organizations"))

    def label(parent: etree._Element, text: str) -> etree._Element:
        item = etree.SubElement(parent, oef.q("item"))
        _text(item, "label", text)
        return item

    tops = [f for f in oef.FOLDERS if any(path[:1] == (f,) for path in tree)]
    for top in tops:
        top_item = label(orgs, top)
        subs: dict[tuple[str, ...], etree._Element] = {(top,): top_item}
        for path in sorted((p for p in tree if p[:1] == (top,)), key=lambda p: (len(p), p)):
            for i in range(2, len(path) + 1):
                if path[:i] not in subs:
                    subs[path[:i]] = label(subs[path[: i - 1]], path[i - 1])
            for ident in tree[path]:
                etree.SubElement(subs[path], oef.q("item"), identifierRef=ident)


def _view_id(v: View) -> str:
    return f"id-VIEW-{v.kind.upper()}-{v.subject}"


def _view(diagrams: etree._Element, v: View, found: dict[str, list[Any]]) -> None:
    vid = _view_id(v)
    view = etree.SubElement(diagrams, oef.q("view"), identifier=vid)
    view.set(XSI_TYPE, "Diagram")
    _text(view, "name", v.name)
    node_ids: dict[str, str] = {}

    def node(parent: etree._Element, n: Node) -> None:
        nid = f"{vid}-NODE-{n.key}"
        node_ids[n.key] = nid
        e = etree.SubElement(parent, oef.q("node"), identifier=nid)
        e.set(XSI_TYPE, "Element" if n.element else "Label")
        if n.element:
            e.set("elementRef", n.element)
        e.set("x", str(max(0, n.x)))
        e.set("y", str(max(0, n.y)))
        e.set("w", str(max(1, n.w)))
        e.set("h", str(max(1, n.h)))
        if not n.element:
            _text(e, "label", n.text)
        colours = _worst(found.get(n.element, [])) if n.element else n.style
        if colours is None and not n.element:
            colours = ("#9AA5B1", "#FFFFFF")
        if colours is not None:
            style = etree.SubElement(e, oef.q("style"))
            etree.SubElement(style, oef.q("fillColor"), **_rgb(colours[1]), a="100")
            etree.SubElement(style, oef.q("lineColor"), **_rgb(colours[0]))
        for c in n.children:
            node(e, c)

    for n in v.nodes:
        node(view, n)
    for c in v.conns:
        if c.source not in node_ids or c.target not in node_ids:
            continue
        e = etree.SubElement(view, oef.q("connection"), identifier=f"{vid}-CONN-{c.relationship[3:]}")
        e.set(XSI_TYPE, "Relationship")
        e.set("relationshipRef", c.relationship)
        e.set("source", node_ids[c.source])
        e.set("target", node_ids[c.target])
        colours = _worst(found.get(c.relationship, []))
        if colours is not None:
            style = etree.SubElement(e, oef.q("style"), lineWidth="3")
            etree.SubElement(style, oef.q("lineColor"), **_rgb(colours[0]))
        for x, y in c.bends:
            etree.SubElement(e, oef.q("bendpoint"), x=str(max(0, x)), y=str(max(0, y)))

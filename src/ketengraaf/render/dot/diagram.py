"""What every view reads: :class:`Diagram` — the context the rules ran on, the findings as marks,
the language, what changed (``ketengraaf diff``) — and the pieces drawn the same way in several
views (an organisation, a sturingsrelatie, an agreement in a list, a rule's figures)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence

from ketengraaf.graph.view import Agreement, Context
from ketengraaf.render.dot.marks import Mark, Marks, dedupe, pills, sev_attrs, tooltip
from ketengraaf.render.dot.style import EDGE_STYLE, INK, MUTED, ORG_STYLE
from ketengraaf.render.dot.widgets import block, stack
from ketengraaf.render.dot.writer import H, Dot, clean, esc
from ketengraaf.rules import registry
from ketengraaf.rules.engine import Report
from ketengraaf.rules.figures import number_text
from ketengraaf.rules.opdrachtgevers import demand
from ketengraaf.texts import soort_label
from ketengraaf.texts.diagram import DIAGRAM

#: Greyed text: an agreement not valid on the peildatum.
FADED = "#8A8A8A"
#: The SVG class of a changed element (``ketengraaf diff`` highlights them; a page may style them).
CHANGED_CLASS = "changed"
#: Marks a changed row of a list (an opdracht, an afspraak) inside a label.
CHANGED_MARK = "\u0394 "


@dataclass
class Diagram:
    """Everything a view needs: the context the rules ran on, the findings, the language.

    Views read it and never change it; they draw into a :class:`~ketengraaf.render.dot.writer.Dot`
    of their own and return its text.
    """

    ctx: Context
    report: Report
    lang: str = "nl"
    marks: Marks = field(init=False)
    #: What changed, drawn with a double outline or a double line (``ketengraaf diff``): model ids
    #: and sturingsrelatie keys ``ROL:VAN->NAAR`` (ids hold no colon, so the two never meet).
    highlight: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.marks = Marks(self.report.findings)

    @property
    def t(self) -> dict[str, str]:
        return DIAGRAM[self.lang]

    def params(self, code: str) -> Mapping[str, Any]:
        """Rule ``code``'s parameters as it ran (declared, or overridden by the analysis): the
        agreement kinds it accepts, its threshold. A picture looks up what the rule looked up."""
        return registry.RULES[code].effective(self.report.overrides)

    def naam(self, id_: str) -> str:
        return self.ctx.naam(id_)

    def changed(self, key: str) -> bool:
        """Is ``key`` (an id, or a relation key) among what changed?"""
        return key in self.highlight

    def changed_attrs(self, key: str, attrs: dict[str, Any], *, edge: bool = False) -> dict[str, Any]:
        """``attrs`` of a node or edge, drawn as changed when ``key`` is: a node with a double
        outline, an edge as a double line (in its own colour), and the SVG class
        :data:`CHANGED_CLASS` on both. A shape cue, not a colour: the colours tell the findings."""
        if key not in self.highlight:
            return attrs
        a = dict(attrs)
        a["class"] = CHANGED_CLASS
        if edge:
            colour = a.get("color", INK)
            a["color"] = f"{colour}:invis:{colour}"
        else:
            a["peripheries"] = 2
        return a

    def notes(self, notes: Sequence[str]) -> list[str]:
        """The legend's notes, with the one for changed elements when there are any."""
        return [*notes, "changed"] if self.highlight else list(notes)

    def org_id(self, x: str) -> str:
        return f"o:{x}"

    def org_node(self, d: Dot, x: str, *, only: Optional[tuple[str, ...]] = None, node_id: Optional[str] = None,
                 lines: Sequence[str] = (), rows: Sequence[str] = (), extra_marks: Sequence[Mark] = (),
                 **extra: Any) -> None:
        """An organisation: its name, soort, ``lines`` and ``rows`` below, the badges of its findings
        (``only``: the findings whose code starts with one of these; None: all)."""
        a = self.ctx.orgs.get(x, {})
        groep = a.get("groep", "overig")
        style = ORG_STYLE["overleg" if a.get("soort") == "overleg" else groep]
        own = [m for m in self.marks.of(x) if only is None or m.code.startswith(only)]
        marks = dedupe(own + list(extra_marks))
        soort = soort_label(a.get("soort"), self.lang)
        if a.get("onafhankelijk"):
            soort += ", " + self.t["onafhankelijk"]
        attrs = self.changed_attrs(x, sev_attrs(marks, style))
        attrs.update(extra)
        d.node(node_id or self.org_id(x), label=block(self.naam(x), [soort, *lines], marks, rows=rows),
               tooltip=tooltip(self.naam(x), marks, self.lang), **attrs)

    def title(self, view: str, subject: Optional[str] = None, note: str = "") -> H:
        t = self.t
        head = t[view] + (f": {clean(subject)}" if subject else "")
        sub = f"{clean(self.report.naam)} · {t['peildatum']} {self.report.peildatum}"
        rows = [f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="17"><B>{esc(head, 90)}</B></FONT></TD></TR>',
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{MUTED}">{esc(sub, 120)}</FONT></TD></TR>']
        if note:
            rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{MUTED}"><I>{esc(note, 110)}</I></FONT></TD></TR>')
        return H(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>')

    def top_bestuur(self, x: str) -> Optional[str]:
        """The nearest ancestor-or-self of group bestuur (the ministry a DG belongs to)."""
        seen: set[str] = set()
        y: Optional[str] = x
        while y is not None and y not in seen:
            seen.add(y)
            if self.ctx.orgs.get(y, {}).get("groep") == "bestuur":
                return y
            y = self.ctx.parent.get(y)
        return None

    def valid(self, ag: Agreement) -> bool:
        return self.ctx.valid(ag.geldig_van, ag.geldig_tot)


def demand_lines(dg: Diagram, x: str) -> list[str]:
    """["capaciteit C fte", "vraag D fte op DAG"] for an executor with a capaciteit (else none): the
    peak demand and its day exactly as M04 computes and prints them
    (:func:`ketengraaf.rules.opdrachtgevers.demand`); the day is left out when it is the peildatum."""
    got = demand(dg.ctx, x)
    if got is None:
        return []
    cap, som, day = got
    t, lang = dg.t, dg.lang
    vraag = t["vraag"] if day == dg.ctx.peil else t["vraag_op"]
    return [t["capaciteit"].format(cap=number_text(cap, lang)), vraag.format(som=number_text(som, lang), dag=day)]


def rel_edge(d: Dot, dg: Diagram, rol: str, van: str, naar: str, coordinerend: bool, sturingsmodel: Optional[str],
             *, u: Optional[str] = None, v: Optional[str] = None, extra_marks: Sequence[Mark] = (),
             show_label: bool = True, coord_label: bool = True, **extra: Any) -> None:
    """A sturingsrelatie: its line style, its rol (and sturingsmodel), its findings."""
    t = dg.t
    marks = dedupe(list(dg.marks.of_rel(rol, van, naar)) + list(extra_marks))
    key = "coordinerend" if coordinerend else rol
    parts = []
    if show_label:
        parts.append(esc(t[key]))
        if sturingsmodel:
            parts.append(f'<FONT COLOR="{MUTED}"><I>{esc(soort_label(sturingsmodel, dg.lang))}</I></FONT>')
    elif coordinerend and coord_label:
        parts.append(esc(t["coord_short"]))
    if marks:
        parts.append(pills(marks, 8))
    label = stack(parts) if parts else ""
    a = dg.changed_attrs(f"{rol}:{van}->{naar}", sev_attrs(marks, EDGE_STYLE[key], edge=True), edge=True)
    a.update(extra)
    d.edge(u or dg.org_id(van), v or dg.org_id(naar), label=H(label) if label else None,
           tooltip=tooltip(f"{t[key]}: {dg.naam(van)} → {dg.naam(naar)}", marks, dg.lang), **a)


def agreement_row(dg: Diagram, ag: Agreement) -> str:
    """One agreement in a list: name, soort, period, parties; greyed when not valid on the peildatum."""
    t = dg.t
    valid = dg.valid(ag)
    colour = INK if valid else FADED
    meta = [soort_label(ag.soort, dg.lang)]
    if ag.geldig_van or ag.geldig_tot:
        meta.append(f"{ag.geldig_van or '…'} – {ag.geldig_tot or '…'}")
    if ag.soort == "werkagenda" and ag.meerjarig:
        meta.append(t["meerjarig"])
    who = ", ".join(dg.naam(p) for p in sorted(ag.partijen, key=lambda p: (dg.naam(p), p)))
    extra = "" if valid else f'<BR/><FONT POINT-SIZE="8" COLOR="{colour}"><I>{esc(t["niet_geldig"])}</I></FONT>'
    mark = f"<B>{esc(CHANGED_MARK)}</B>" if dg.changed(ag.id) else ""
    return (f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{colour}">{mark}{esc(dg.naam(ag.id), 46)}</FONT>'
            f'<BR/><FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(" · ".join(meta), 60)}</FONT>'
            f'<BR/><FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(t["partijen"] + ": " + who, 60)}</FONT>{extra}</TD></TR>')

"""``ketengraaf diff --format html``: one self-contained page for a policy note.

The summary, the new, resolved and changed findings per theme, the model changes, and for every
steering triangle and keten the change touches (:mod:`.touched`) its diagram before and after the
change side by side, drawn by the ``driehoek`` and ``keten`` views on each side's own analysis,
with what changed drawn as changed (a double border or line, a Δ before a row; SVG class
``changed``). A triangle or keten that exists on one side only gets a sentence on the other.

Like the report (:mod:`ketengraaf.render.report`): inline SVG and CSS, no scripts, fonts or
other files; prints on A4; deterministic.
"""

from __future__ import annotations

import re
from typing import Any, Optional, Sequence

from ketengraaf import __version__
from ketengraaf.diff import Diff, Side
from ketengraaf.diff.findings import ChangedFinding
from ketengraaf.diff.model import SECTIONS
from ketengraaf.diff.render import SIGN, by_theme, change_parts, changed_parts, item_label, notes, show_old_message, \
    summary_lines, theme_title
from ketengraaf.diff.touched import chains, highlight, triangles, weights
from ketengraaf.render import MAX_DIAGRAMS
from ketengraaf.render import dot as D
from ketengraaf.render.graphviz_run import render_all
from ketengraaf.render.dot.marks import most
from ketengraaf.render.report import CSS, h, html_page, inline_svg
from ketengraaf.rules.base import THEMES, Finding
from ketengraaf.texts.diff import DIFF

PAGE_CSS = CSS + """
body { max-width: 96rem; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(30rem, 1fr)); gap: .8rem; align-items: start; }
@media print { .pair { display: block; } }
.pair figure { margin: .4rem 0 1rem; }
.absent { border: 1px dashed var(--line); border-radius: 4px; padding: 1.2rem; color: var(--muted); font-style: italic; }
table.changes { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: 10pt; }
table.changes td, table.changes th { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
                                     vertical-align: top; }
td.sign { font-weight: bold; width: 1.4em; text-align: center; }
td.sign.added { color: #007A5A; } td.sign.removed { color: var(--err); } td.sign.changed { color: #8A5A00; }
ul.findings li .was { display: block; color: var(--muted); font-size: 9.5pt; }
.notes { border-left: 4px solid var(--info); padding: .3rem .8rem; background: #eef5fb; }
"""


def _badge(f: Finding) -> str:
    sev = "suppressed" if f.suppressed else f.severity
    return f'<span class="badge {sev}">{h(f.rule)}</span>'


class _Page:
    """The page as a list of HTML pieces, and the figures numbered in order."""

    def __init__(self, d: Diff):
        self.d = d
        self.t = DIFF[d.lang]
        self.parts: list[str] = []
        self.n_fig = 0

    def add(self, s: str) -> None:
        self.parts.append(s)

    def findings(self, title: str, fs: Sequence[Finding]) -> None:
        if not fs:
            return
        self.add(f"<h2>{h(title)} ({len(fs)})</h2>")
        for letter, rows in by_theme(fs):
            self.add(f"<h3>{h(theme_title(letter, self.d.lang))}</h3><ul class=\"findings\">")
            for f in rows:
                cls = ' class="suppressed"' if f.suppressed else ""
                self.add(f"<li{cls}>{_badge(f)} <code>{h(f.subject)}</code> {h(f.message)}</li>")
            self.add("</ul>")

    def changed(self, cs: Sequence[ChangedFinding]) -> None:
        if not cs:
            return
        t = self.t
        self.add(f"<h2>{h(t['changed_findings'])} ({len(cs)})</h2><ul class=\"findings\">")
        for c in cs:
            what = "; ".join(changed_parts(c, self.d.lang))
            was = f'<span class="was">{h(t["was"])}: {h(c.old.message)}</span>' if show_old_message(c) else ""
            self.add(f"<li>{_badge(c.new)} <code>{h(c.subject)}</code> <strong>{h(what)}</strong><br>"
                     f"{h(c.new.message)}{was}</li>")
        self.add("</ul>")

    def model_changes(self) -> None:
        t, lang = self.t, self.d.lang
        self.add(f"<h2>{h(t['model_changes'])} ({len(self.d.model)})</h2>")
        if not self.d.model:
            self.add(f"<p>{h(t['no_model_changes'])}</p>")
            return
        for section in SECTIONS:
            rows = [c for c in self.d.model if c.section == section]
            if not rows:
                continue
            self.add(f"<h3>{h(t['sec_' + section])}</h3><table class=\"changes\"><tbody>")
            for c in rows:
                self.add(f'<tr><td class="sign {c.change}" title="{h(t[c.change])}">{h(SIGN[c.change])}</td>'
                         f"<td><code>{h(item_label(c))}</code></td><td>{h('; '.join(change_parts(c, lang)))}</td></tr>")
            self.add("</tbody></table>")

    def figure(self, svg: Optional[str], caption: str, absent: str) -> str:
        if svg is None:
            return f'<figure><div class="absent">{h(absent)}</div><figcaption>{h(caption)}</figcaption></figure>'
        self.n_fig += 1
        cap = f"{self.t['figure']} {self.n_fig}. {caption}"
        return (f'<figure><div class="svgbox">{inline_svg(svg, f"f{self.n_fig}")}</div>'
                f"<figcaption>{h(cap)}</figcaption></figure>")

    def pair(self, title: str, before: Optional[str], after: Optional[str], absent: tuple[str, str]) -> None:
        t = self.t
        self.add(f"<h3>{h(title)}</h3><div class=\"pair\">")
        self.add(self.figure(before, f"{t['Old']}: {title}", absent[0]))
        self.add(self.figure(after, f"{t['New']}: {title}", absent[1]))
        self.add("</div>")


def _diagrams(d: Diff) -> tuple[Any, Any]:
    hl = highlight(d)
    return (D.make_diagram(d.old.analysis, d.old.report, lang=d.lang, highlight=hl),
            D.make_diagram(d.new.analysis, d.new.report, lang=d.lang, highlight=hl))


def _name(sides: Sequence[Side], id_: str) -> str:
    """The id's name on the NEW side, else on the OLD side."""
    for s in reversed(sides):
        n = s.analysis.context.naam(id_)
        if n != id_:
            return n
    return id_


def _code(escaped: str) -> str:
    """Text between backticks as code, in text already escaped for HTML."""
    return re.sub(r"`(.+?)`", r"<code>\1</code>", escaped)


def build(d: Diff, *, max_diagrams: Optional[int] = MAX_DIAGRAMS) -> str:
    """The page (rendering every diagram with Graphviz ``dot``): of the triangles and of the ketens the
    change touches, the ``max_diagrams`` that show the most changed findings (0: all)."""
    t, lang = DIFF[d.lang], d.lang
    p = _Page(d)
    title = t["title"].format(old=d.old.label, new=d.new.label)
    p.add(f"<h1>{h(title)}</h1>")
    p.add(f'<p class="meta">{h(t["meta"].format(peil=d.peildatum.isoformat(), version=__version__))}</p>')
    names = f"{d.old.naam} \u2192 {d.new.naam}" if d.old.naam != d.new.naam else d.new.naam
    p.add(f'<p class="desc">{h(names)}</p>')
    for n in notes(d):
        p.add(f'<p class="notes">{h(n)}</p>')

    # Summary: the counts per theme, and what the change introduces.
    p.add(f"<h2>{h(t['summary'])}</h2>")
    c = d.findings.counts()
    lead = t["lead"].format(resolved=c["resolved"], new=c["new"], changed=c["changed"],
                            b_resolved=t["bevinding" if c["resolved"] == 1 else "bevindingen"],
                            b_changed=t["bevinding" if c["changed"] == 1 else "bevindingen"],
                            veranderen=t["verandert" if c["changed"] == 1 else "veranderen"])
    p.add(f"<p>{h(lead)}</p>")
    heads = [t["theme"], t["count_new"], t["count_resolved"], t["count_changed"]]
    rows = []
    total = [0, 0, 0]
    for letter in THEMES:
        n = [sum(1 for f in d.findings.new if f.rule[0] == letter),
             sum(1 for f in d.findings.resolved if f.rule[0] == letter),
             sum(1 for f in d.findings.changed if f.rule[0] == letter)]
        if any(n):
            rows.append((theme_title(letter, lang), n))
            total = [a + b for a, b in zip(total, n)]
    if rows:
        p.add('<table class="summary"><thead><tr>' + "".join(f"<th>{h(x)}</th>" for x in heads) + "</tr></thead><tbody>")
        for name, n in rows:
            p.add(f"<tr><td>{h(name)}</td>" + "".join(f"<td>{x}</td>" for x in n) + "</tr>")
        p.add(f'<tr class="total"><td>{h(t["total"])}</td>' + "".join(f"<td>{x}</td>" for x in total)
              + "</tr></tbody></table>")
    for line in summary_lines(d):
        p.add(f"<p>{h(line)}</p>")

    p.findings(t["new_findings"], d.findings.new)
    p.findings(t["resolved_findings"], d.findings.resolved)
    p.changed(d.findings.changed)
    if not (d.findings.new or d.findings.resolved or d.findings.changed):
        p.add(f"<p>{h(t['no_finding_changes'])}</p>")
    p.model_changes()

    # Before and after: every triangle and keten the change touches.
    before, after = _diagrams(d)
    tri_w, ket_w = weights(d)
    tri, more_tri = most(triangles(d), tri_w.__getitem__, max_diagrams)
    ket, more_ket = most(chains(d), ket_w.__getitem__, max_diagrams)
    sides = (d.old, d.new)

    def left_out(key: str, n: int) -> None:
        if n:
            text = t[key].format(n=n, max=max_diagrams, andere=t["andere_een" if n == 1 else "andere_veel"])
            p.add("<p>" + _code(h(text)) + "</p>")

    # Every diagram of the page at once, a dot per core: (side, view, subject) -> SVG.
    has = {("driehoek", 0): set(D.executors(before.ctx)), ("driehoek", 1): set(D.executors(after.ctx)),
           ("keten", 0): {k.id for k in before.ctx.chains}, ("keten", 1): {k.id for k in after.ctx.chains}}
    wanted = [(side, view, x) for view, xs in (("driehoek", tri), ("keten", ket)) for x in xs for side in (0, 1)
              if x in has[(view, side)]]
    drawn = render_all([D.to_dot((before, after)[side], view, x) for side, view, x in wanted])
    svg = {key: out.decode("utf-8") for key, out in zip(wanted, drawn)}
    if tri:
        p.add(f'<h2 class="section-break">{h(t["triangles"])}</h2><p>{h(t["triangles_text"])}</p>')
        left_out("triangles_left_out", more_tri)
        for x in tri:
            naam = _name(sides, x)
            p.pair(naam, svg.get((0, "driehoek", x)), svg.get((1, "driehoek", x)),
                   (t["no_triangle"].format(naam=_name(sides[:1], x)), t["no_triangle"].format(naam=naam)))
    if ket:
        p.add(f'<h2 class="section-break">{h(t["chains"])}</h2><p>{h(t["chains_text"])}</p>')
        left_out("chains_left_out", more_ket)
        for k in ket:
            p.pair(_name(sides, k), svg.get((0, "keten", k)), svg.get((1, "keten", k)), (t["no_chain"], t["no_chain"]))
    if not tri and not ket:
        p.add(f"<p>{h(t['nothing_touched'])}</p>")

    p.add(f"<h2>{h(t['about'])}</h2>")
    about = t["about_text"].format(version=__version__, peil=d.peildatum.isoformat(), n=len(d.rules),
                                   codes=", ".join(d.rules))
    about_html = _code(h(about))
    p.add(f"<p>{about_html}</p>")
    return html_page(lang, title, p.parts, PAGE_CSS)

"""``ketengraaf report MODEL -o DIR``: a report for a policy note (beleidsnotitie).

``DIR/index.html`` is self-contained (inline SVG and CSS, no scripts, fonts or other files) and
prints on A4; ``DIR/rapport.md`` is the same text in Markdown, for pasting into a note, with the
diagrams as SVG files beside it. Written for a director: names instead of ids, the rule's rationale
as "why this matters" and its fix as the recommended action.

The directory is built next to its destination and renamed into place, so a failure leaves the
previous report (or nothing), never half a report. An existing directory is only replaced when it
is empty or holds an earlier ketengraaf report.

Deterministic: the same model, peildatum and options give the same files (no timestamps).
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from ketengraaf import __version__
from ketengraaf.errors import UsageError
from ketengraaf.fileio import replace_dir
from ketengraaf.render import MAX_DIAGRAMS, MAX_FINDINGS, dot as D
from ketengraaf.render.dot.marks import most
from ketengraaf.render.graphviz_run import render_all
from ketengraaf.rules import registry
from ketengraaf.rules.base import THEMES, Finding, Kind
from ketengraaf.rules.engine import Report
from ketengraaf.texts.report import REPORT

MARKER = ".ketengraaf-rapport"
SEVERITIES = ("error", "warning", "info")

T = REPORT

SEV_HTML = {"error": D.SEV_STYLE["error"], "warning": D.SEV_STYLE["warning"], "info": D.SEV_STYLE["info"]}

CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
:root { --ink: #1f2933; --muted: #5f6b73; --line: #d5dbe1; --err: %(err)s; --warn: %(warn)s; --info: %(info)s; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; color: var(--ink); line-height: 1.45;
       font-size: 11pt; margin: 0 auto; max-width: 60rem; padding: 2rem 2.5rem 4rem; background: #fff; }
h1 { font-size: 22pt; margin: 0 0 .2rem; line-height: 1.2; }
h2 { font-size: 16pt; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line);
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12.5pt; margin: 1.4rem 0 .4rem; break-after: avoid; page-break-after: avoid; }
p { margin: .4rem 0 .7rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.desc { font-style: italic; color: var(--muted); }
.audit { border-left: 4px solid var(--warn); padding: .3rem .8rem; background: #fff8e6; }
table.summary { border-collapse: collapse; margin: .6rem 0 1rem; width: 100%%; }
table.summary th, table.summary td { border-bottom: 1px solid var(--line); padding: .35rem .6rem; text-align: right; }
table.summary th:first-child, table.summary td:first-child { text-align: left; }
table.summary tr.total td { font-weight: bold; border-top: 2px solid var(--ink); }
table.summary tr { break-inside: avoid; page-break-inside: avoid; }
.badge { display: inline-block; min-width: 2.9em; text-align: center; border-radius: 3px; padding: 0 .35em;
         font-weight: bold; font-size: 9pt; line-height: 1.5; vertical-align: baseline; }
.badge.error { background: var(--err); color: #fff; }
.badge.warning { background: var(--warn); color: #000; }
.badge.info { background: var(--info); color: #fff; }
.badge.suppressed { background: #9a9a9a; color: #fff; }
.rule { border: 1px solid var(--line); border-left-width: 5px; border-radius: 4px; padding: .2rem 1rem .5rem;
        margin: .8rem 0 1rem; break-inside: avoid-page; }
.rule.error { border-left-color: var(--err); }
.rule.warning { border-left-color: var(--warn); }
.rule.info { border-left-color: var(--info); }
.rule h3 { margin-top: .6rem; }
.rule dl { margin: .3rem 0; }
.rule dt { font-weight: bold; font-size: 10pt; color: var(--muted); margin-top: .4rem; }
.rule dd { margin: .1rem 0 .3rem 0; }
ul.findings { margin: .4rem 0 .2rem; padding-left: 1.2rem; }
ul.findings li { margin: .25rem 0; }
ul.findings li.suppressed { color: var(--muted); }
figure { margin: 1rem 0 1.6rem; break-inside: avoid; page-break-inside: avoid; }
figure .svgbox { overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; padding: .4rem; background: #fff; }
figure svg { display: block; height: auto; max-width: 100%%; margin: 0 auto; }
figcaption { color: var(--muted); font-size: 9.5pt; margin-top: .35rem; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9.5pt; background: #f3f5f7; padding: 0 .2em; border-radius: 2px; }
.section-break { break-before: page; page-break-before: always; }
footer { margin-top: 3rem; color: var(--muted); font-size: 9pt; border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  figure .svgbox { overflow: visible; border: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
}
""" % {"err": D.SEV_STYLE["error"][0], "warn": D.SEV_STYLE["warning"][0], "info": D.SEV_STYLE["info"][0]}


@dataclass
class Figure:
    name: str  # file name, e.g. keten-strafrechtketen.svg
    title: str
    svg: str  # the SVG as Graphviz wrote it
    caption: str = ""


# ------------------------------------------------------------------------------------------ helpers
def h(s: Any) -> str:
    return html.escape(D.clean(s), quote=True)


def _md_inline(s: str) -> str:
    """Markdown-safe inline text: no accidental emphasis, code, links, tables or HTML."""
    s = D.clean(s).replace("\n", " ")
    s = s.replace("\\", "\\\\")
    s = re.sub(r"([`*_\[\]|<>#])", r"\\\1", s)
    return s


def _inline_rich(s: str, fmt: str) -> str:
    """Our own texts use **bold** and `code`; render them for HTML or keep them for Markdown."""
    if fmt == "md":
        return s
    out = h(s)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"`(.+?)`", r"<code>\1</code>", out)
    return out


_ID_RE = re.compile(r'\b(id|href|xlink:href)="#?([^"]*)"')


def inline_svg(svg: str, prefix: str) -> str:
    """Graphviz SVG made fit for inlining: no XML prolog, doctype or comments; every id prefixed so
    several diagrams can share one page; sized by CSS (max-width) with its natural width as a cap."""
    s = re.sub(r"<\?xml[^>]*\?>", "", svg)
    s = re.sub(r"<!DOCTYPE[^>]*>", "", s)
    s = re.sub(r"<!--.*?-->", "", s, flags=re.S)

    def fix(m: re.Match[str]) -> str:
        attr, val = m.group(1), m.group(2)
        if attr == "id":
            return f'id="{prefix}-{val}"'
        if m.group(0).startswith(f'{attr}="#'):
            return f'{attr}="#{prefix}-{val}"'
        return m.group(0)

    s = _ID_RE.sub(fix, s)
    m = re.search(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"', s)
    if m:
        w = float(m.group(1))
        s = s.replace(m.group(0), f'<svg role="img" style="width:{w:.0f}pt" width="{m.group(1)}pt" '
                                  f'height="{m.group(2)}pt"', 1)
    return s.strip()


def _plural(n: int, one: str, many: str, t: dict[str, str]) -> str:
    return t[one] if n == 1 else t[many]


def _theme_title(letter: str, lang: str) -> str:
    _, nl, en = THEMES[letter]
    return nl if lang == "nl" else en


def triangle_subjects(ctx: Any, findings: Sequence[Finding], *, open_only: bool = True) -> list[str]:
    """Executors whose triangle shows a finding (an open one, with ``open_only``): on the executor
    itself (themes R, M, S), on a steering relation to it, on one of its current opdrachten, or on
    an escalation ladder that binds it (S05). ``ctx``: the context the findings were made on."""
    return sorted(triangle_findings(ctx, findings, open_only=open_only))


def triangle_findings(ctx: Any, findings: Sequence[Finding], *, open_only: bool = True) -> "Counter[str]":
    """How many findings each triangle of :func:`triangle_subjects` shows."""
    execs = set(D.executors(ctx))
    out: Counter[str] = Counter()
    opd_to = {a.id: a.opdrachtnemer for a in ctx.active_assignments}
    agreements = {ag.id: ag for ag in ctx.agreements}
    for f in findings:
        if (open_only and f.suppressed) or f.rule[0] not in "RMS":
            continue
        subj = f.subject_value
        assert subj is not None, "the report needs findings with their typed subjects"
        hit: set[str] = set()
        if subj.kind is Kind.relatie:
            if subj.parts[2] in execs:
                hit.add(subj.parts[2])
        elif subj.kind is Kind.afspraak:  # S05, a ladder whose top lacks authority: the triangles it binds
            ag = agreements.get(subj.parts[0])
            hit.update(p for p in (ag.partijen if ag else ()) if p in execs and ctx.eigenaars.get(p)
                       and ctx.opdrachtgevers(p))
        else:
            for part in subj.ids:
                if part in execs:
                    hit.add(part)
                elif part in opd_to and opd_to[part] in execs:
                    hit.add(opd_to[part])
        out.update(hit)
    return out


# ------------------------------------------------------------------------------------------ build
@dataclass
class Built:
    html: str
    markdown: str
    figures: list[Figure]


def build(dg: D.Diagram, report: Report, *, model_id: str, beschrijving: Optional[str] = None,
          max_diagrams: Optional[int] = MAX_DIAGRAMS, max_findings: Optional[int] = MAX_FINDINGS) -> Built:
    """The report's texts and figures (rendering the diagrams with ``dot``); of the chains and of the
    triangles with findings, the ``max_diagrams`` with the most open findings are drawn, and of each
    rule's findings the first ``max_findings`` are listed, open ones first (0: all)."""
    lang = report.lang
    t = T[lang]
    findings = report.findings
    figs: list[Figure] = []
    dots: list[str] = []

    def fig(name: str, title: str, view: str, subject: Optional[str] = None, caption: str = "") -> Figure:
        f = Figure(name, title, "", caption)  # drawn below, all figures at once
        figs.append(f)
        dots.append(D.to_dot(dg, view, subject))
        return f

    # Figures first, in the order they appear.
    og_fig = None
    if any(len(dg.ctx.opdrachtgevers(x)) >= 2 for x in dg.ctx.opdrachtgever_rels):
        og_fig = fig("opdrachtgevers.svg", t["og_title"], "opdrachtgevers")
    by_id = findings_by_id(findings)
    drawn_chains, more_chains = most(dg.ctx.chains, lambda c: _open_on_chain(c, by_id), max_diagrams)
    chain_figs = [(c, fig(f"keten-{D.subject_slug(c.id)}.svg", c.naam, "keten", c.id)) for c in drawn_chains]
    tri_count = triangle_findings(dg.ctx, findings)
    drawn_tri, more_tri = most(sorted(tri_count), tri_count.__getitem__, max_diagrams)
    tri_figs = [(x, fig(f"driehoek-{D.subject_slug(x)}.svg", dg.naam(x), "driehoek", x)) for x in drawn_tri]
    data_fig = None
    if dg.ctx.datasets or dg.ctx.flows:
        data_fig = fig("gegevens.svg", t["data"], "gegevens")
    for f, svg in zip(figs, render_all(dots)):
        f.svg = svg.decode("utf-8")

    doc = _Doc(lang)
    naam = report.naam
    doc.title(t["title"].format(naam=naam))
    doc.meta(t["meta"].format(model=model_id, peil=report.peildatum, version=__version__))
    if beschrijving:
        doc.para(beschrijving, cls="desc")
    if report.audit:
        doc.para(t["audit"], cls="audit")

    # 1. Summary
    doc.h2(t["summary"])
    s = report.summary()
    n_open = s["error"] + s["warning"] + s["info"]
    if n_open:
        lead = t["lead"].format(peil=report.peildatum, n=n_open, punten=_plural(n_open, "punt", "punten", t),
                                e=s["error"], fouten=_plural(s["error"], "fout", "fouten", t),
                                w=s["warning"], waarschuwingen=_plural(s["warning"], "waarschuwing", "waarschuwingen", t),
                                i=s["info"], meldingen=_plural(s["info"], "melding", "meldingen", t))
    else:
        lead = t["lead_none"].format(peil=report.peildatum)
    if s["suppressed"]:
        lead += t["lead_supp"].format(s=s["suppressed"], bevindingen=_plural(s["suppressed"], "bevinding", "bevindingen", t),
                                      zijn=_plural(s["suppressed"], "is", "zijn", t))
    doc.para(lead)
    rows = []
    tot = {k: 0 for k in ("error", "warning", "info", "suppressed")}
    for letter in THEMES:
        fs = [f for f in findings if f.rule[0] == letter]
        if not fs:
            continue
        c = {k: 0 for k in tot}
        for f in fs:
            c["suppressed" if f.suppressed else f.severity] += 1
        for k in tot:
            tot[k] += c[k]
        rows.append((f"{letter} — {_theme_title(letter, lang)}", c))
    doc.summary_table(t, rows, tot)
    errors = [f for f in findings if f.severity == "error" and not f.suppressed]
    if errors:
        doc.h3(t["key_points"])
        doc.bullets([(f.rule, "error", f.message, None) for f in errors[:10]])
        if len(errors) > 10:
            rest = len(errors) - 10
            doc.para(t["more"].format(n=rest, fouten=_plural(rest, "fout", "fouten", t)))
    doc.h3(t["reading"])
    doc.para(t["reading_text"], rich=True)

    # 2. Findings per theme, grouped by rule
    doc.h2(t["findings"], page_break=True)
    for letter in THEMES:
        fs = [f for f in findings if f.rule[0] == letter]
        if not fs:
            continue
        doc.h3(f"{letter} — {_theme_title(letter, lang)}", level=3)
        for code in sorted({f.rule for f in fs}):
            rule = registry.RULES[code]
            rows_ = sorted((f for f in fs if f.rule == code), key=lambda f: f.suppressed)  # open ones first
            items = []
            for f in rows_[:max_findings or None]:
                extra = None
                if f.suppressed:
                    extra = f"{t['accepted']}; {t['reason']}: {f.reason}" if f.reason else t["accepted"]
                items.append((code, "suppressed" if f.suppressed else f.severity, f.message, extra))
            rest = len(rows_) - len(items)
            more = t["findings_left_out"].format(n=rest, code=code, bevindingen=_plural(rest, "bevinding", "bevindingen", t)) \
                if rest else None
            doc.rule_block(code, rule.title(lang), rule.severity, rule.rationale[lang], rule.fix[lang], items, t,
                           more=more)

    # 3. Multiple commissioners
    doc.h2(t["og_title"], page_break=True)
    if og_fig is not None:
        doc.para(t["og_text"])
        doc.figure(og_fig, "opdrachtgevers", t)
    else:
        doc.para(t["og_none"])

    # 4. Chains
    if chain_figs:
        doc.h2(t["chains"], page_break=True)
        doc.para(t["chains_text"])
        if more_chains:
            doc.para(t["chains_left_out"].format(n=more_chains, max=max_diagrams,
                                                  andere=_plural(more_chains, "andere_een", "andere_veel", t)), rich=True)
        for c, f in chain_figs:
            doc.h3(c.naam)
            related = _chain_findings(c, by_id)
            if related:
                doc.para_codes(t["chain_findings"], related)
            doc.figure(f, f"keten-{c.id}", t)

    # 5. Triangles with findings
    doc.h2(t["triangles"], page_break=True)
    if tri_figs:
        doc.para(t["triangles_text"])
        if more_tri:
            doc.para(t["triangles_left_out"].format(n=more_tri, max=max_diagrams,
                                                     andere=_plural(more_tri, "andere_een", "andere_veel", t)), rich=True)
        for x, f in tri_figs:
            doc.h3(dg.naam(x))
            doc.figure(f, f"driehoek-{x}", t)
            _spanning(doc, dg, report, x, t)
    else:
        doc.para(t["triangles_none"])

    # 6. Data
    if data_fig is not None:
        doc.h2(t["data"], page_break=True)
        doc.para(t["data_text"])
        doc.figure(data_fig, "gegevens", t)

    # 7. About
    doc.h2(t["about"])
    doc.para(t["about_text"].format(version=__version__, n=len(report.rules), codes=", ".join(report.rules),
                                    peil=report.peildatum), rich=True)
    return Built(doc.html(t["title"].format(naam=naam)), doc.markdown(), figs)


def _spanning(doc: _Doc, dg: D.Diagram, report: Report, x: str, t: dict[str, str]) -> None:
    """The triangle's answer to "what do you do when the relation comes under strain?": its
    escalation ladders step by step, and the S04/S05 findings on it (as the rules phrased them)."""
    ctx = dg.ctx
    ladders = D.ladders_of(dg.ctx, x)
    triangle = bool(ctx.eigenaars.get(x) and ctx.opdrachtgevers(x))
    if not ladders and not triangle:
        return
    doc.h3(t["spanning"], level=4)
    for ag in ladders:
        stappen = " → ".join(dg.naam(s) for s in ag.escalatie)
        key = "ladder" if ctx.valid(ag.geldig_van, ag.geldig_tot) else "ladder_invalid"
        doc.para(t[key].format(afspraak=dg.naam(ag.id), stappen=stappen))
    ids = {x} | {ag.id for ag in ladders}
    found = [f for f in report.findings if f.rule in ("S04", "S05") and f.subject in ids]
    if found:
        doc.bullets([(f.rule, "suppressed" if f.suppressed else f.severity, f.message,
                      (f"{t['accepted']}; {t['reason']}: {f.reason}" if f.reason else t["accepted"]) if f.suppressed
                      else None) for f in found])
    elif not {"S04", "S05"} <= set(report.rules):
        doc.para(t["ladder_not_checked"])
    elif triangle and any(ctx.valid(ag.geldig_van, ag.geldig_tot) for ag in ladders):
        doc.para(t["ladder_ok"].format(naam=dg.naam(x)))
    elif not ladders:
        doc.para(t["no_ladder"].format(naam=dg.naam(x)))


def findings_by_id(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Each model id and the findings whose typed subject names it."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        assert f.subject_value is not None, "the report needs findings with their typed subjects"
        for i in set(f.subject_value.ids):
            out.setdefault(i, []).append(f)
    return out


def _open_on_chain(c: Any, by_id: dict[str, list[Finding]]) -> int:
    """How many open findings are on the chain, its links or its handovers."""
    return len({id(f) for i in (c.id, *(s.id for s in c.schakels)) for f in by_id.get(i, ()) if not f.suppressed})


def _chain_findings(c: Any, by_id: dict[str, list[Finding]]) -> list[tuple[str, str]]:
    """(code, severity-or-suppressed) of findings on the chain, its links or its handovers."""
    seen_f: set[int] = set()
    out = []
    for i in (c.id, *(s.id for s in c.schakels)):
        for f in by_id.get(i, ()):
            if id(f) not in seen_f:
                seen_f.add(id(f))
                out.append((f.rule, "suppressed" if f.suppressed else f.severity))
    seen: dict[str, str] = {}
    for code, sev in out:
        if code not in seen or seen[code] == "suppressed":
            seen[code] = sev
    return sorted(seen.items())


class _Doc:
    """Writes the same content as HTML and as Markdown."""

    def __init__(self, lang: str):
        self.lang = lang
        self.h: list[str] = []
        self.m: list[str] = []
        self._n_fig = 0

    def title(self, s: str) -> None:
        self.h.append(f"<h1>{h(s)}</h1>")
        self.m += [f"# {_md_inline(s)}", ""]

    def meta(self, s: str) -> None:
        self.h.append(f'<p class="meta">{h(s)}</p>')
        self.m += [f"*{_md_inline(s)}*", ""]

    def h2(self, s: str, page_break: bool = False) -> None:
        cls = ' class="section-break"' if page_break else ""
        self.h.append(f"<h2{cls}>{h(s)}</h2>")
        self.m += [f"## {_md_inline(s)}", ""]

    def h3(self, s: str, level: int = 3) -> None:
        self.h.append(f"<h{level}>{h(s)}</h{level}>")
        self.m += [f"{'#' * level} {_md_inline(s)}", ""]

    def para(self, s: str, cls: str = "", rich: bool = False) -> None:
        c = f' class="{cls}"' if cls else ""
        self.h.append(f"<p{c}>{_inline_rich(s, 'html') if rich else h(s)}</p>")
        self.m += [s if rich else _md_inline(s), ""]

    def para_codes(self, label: str, codes: Sequence[tuple[str, str]]) -> None:
        badges = " ".join(f'<span class="badge {sev}">{h(code)}</span>' for code, sev in codes)
        self.h.append(f"<p>{h(label)}: {badges}</p>")
        self.m += [f"{_md_inline(label)}: " + ", ".join(f"**{code}**" for code, _ in codes), ""]

    def bullets(self, items: Sequence[tuple[str, str, str, Optional[str]]], show_code: bool = True) -> None:
        """Findings as a list; with ``show_code`` each starts with its code badge (else only the
        accepted ones get a grey badge)."""
        self.h.append('<ul class="findings">')
        for code, sev, text, extra in items:
            cls = ' class="suppressed"' if sev == "suppressed" else ""
            ex = f" <em>({h(extra)})</em>" if extra else ""
            badge = f'<span class="badge {sev}">{h(code)}</span> ' if show_code or sev == "suppressed" else ""
            self.h.append(f"<li{cls}>{badge}{h(text)}{ex}</li>")
            lead = f"**{code}** " if show_code else ""
            self.m.append(f"- {lead}{_md_inline(text)}" + (f" *({_md_inline(extra)})*" if extra else ""))
        self.h.append("</ul>")
        self.m.append("")

    def summary_table(self, t: dict[str, str], rows: Sequence[tuple[str, dict[str, int]]], tot: dict[str, int]) -> None:
        if not rows:
            return
        cols = ("error", "warning", "info", "suppressed")
        heads = [t["theme"], t["sev_error"], t["sev_warning"], t["sev_info"], t["suppressed"]]
        self.h.append('<table class="summary"><thead><tr>' + "".join(f"<th>{h(x)}</th>" for x in heads) +
                      "</tr></thead><tbody>")
        self.m += ["| " + " | ".join(_md_inline(x) for x in heads) + " |", "|---|---:|---:|---:|---:|"]
        for name, c in rows:
            self.h.append(f"<tr><td>{h(name)}</td>" + "".join(f"<td>{c[k]}</td>" for k in cols) + "</tr>")
            self.m.append(f"| {_md_inline(name)} | " + " | ".join(str(c[k]) for k in cols) + " |")
        self.h.append(f'<tr class="total"><td>{h(t["total"])}</td>' + "".join(f"<td>{tot[k]}</td>" for k in cols)
                      + "</tr></tbody></table>")
        self.m += [f"| **{_md_inline(t['total'])}** | " + " | ".join(f"**{tot[k]}**" for k in cols) + " |", ""]

    def rule_block(self, code: str, name: str, severity: str, why: str, action: str,
                   items: Sequence[tuple[str, str, str, Optional[str]]], t: dict[str, str],
                   more: Optional[str] = None) -> None:
        sev_word = t["sev_" + severity]
        self.h.append(f'<div class="rule {severity}"><h4 style="margin:.6rem 0 .3rem;font-size:12pt">'
                      f'<span class="badge {severity}">{h(code)}</span> {h(name)} '
                      f'<span style="font-weight:normal;color:#5f6b73">({h(sev_word.lower())})</span></h4>')
        self.m += [f"#### {code} {_md_inline(name)} ({_md_inline(sev_word.lower())})", ""]
        self.bullets(items, show_code=False)
        if more:
            self.para(more, rich=True)
        self.h.append(f"<dl><dt>{h(t['why'])}</dt><dd>{h(why)}</dd><dt>{h(t['action'])}</dt><dd>{h(action)}</dd></dl></div>")
        self.m += [f"*{_md_inline(t['why'])}:* {_md_inline(why)}", "", f"*{_md_inline(t['action'])}:* {_md_inline(action)}", ""]

    def figure(self, f: Figure, prefix: str, t: dict[str, str]) -> None:
        self._n_fig += 1
        pid = "d" + re.sub(r"[^A-Za-z0-9_-]", "_", prefix)
        cap = f"{t['figure']} {self._n_fig}. {f.title}"
        self.h.append(f'<figure><div class="svgbox">{inline_svg(f.svg, pid)}</div>'
                      f"<figcaption>{h(cap)}</figcaption></figure>")
        self.m += [f"![{_md_inline(cap)}]({f.name})", "", f"*{_md_inline(cap)}*", ""]

    def html(self, title: str) -> str:
        return html_page(self.lang, title, self.h)

    def markdown(self) -> str:
        text = "\n".join(self.m).rstrip() + "\n"
        return re.sub(r"\n{3,}", "\n\n", text)


def html_page(lang: str, title: str, body: Sequence[str], css: str = CSS) -> str:
    """A whole self-contained page around ``body`` (HTML pieces, one per line): the report's,
    and the diff's (``ketengraaf diff --format html``, with more ``css``)."""
    return ("<!DOCTYPE html>\n"
            f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="ketengraaf {h(__version__)}">\n'
            f"<title>{h(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
            + "\n".join(body) +
            f'\n<footer>ketengraaf {h(__version__)}</footer>\n</body>\n</html>\n')


# ------------------------------------------------------------------------------------------ writing
def write_report(built: Built, out_dir: str | os.PathLike[str]) -> Path:
    """Write the report into ``out_dir`` through a temporary sibling directory and a rename."""
    dest = Path(out_dir)
    if dest.exists() and not dest.is_dir():
        raise UsageError(f"{dest} exists and is not a directory; choose a directory for the report")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MARKER).exists():
        raise UsageError(f"{dest} is not empty and holds no earlier ketengraaf report; choose a new or "
                         f"empty directory (the report replaces the whole directory)")

    def fill(tmp: Path) -> None:
        (tmp / "index.html").write_text(built.html, encoding="utf-8")
        (tmp / "rapport.md").write_text(built.markdown, encoding="utf-8")
        for f in built.figures:
            (tmp / f.name).write_text(f.svg, encoding="utf-8")
        (tmp / MARKER).write_text("ketengraaf report; this directory is replaced by the next run\n", encoding="utf-8")

    replace_dir(dest, fill)
    return dest

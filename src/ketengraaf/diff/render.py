"""A :class:`~ketengraaf.diff.Diff` as text (rich), JSON and Markdown for a pull-request comment.

Deterministic: the same two models, peildatum and options give the same bytes. The JSON document is
described by ``diff.schema.json`` beside this module (docs/diff.md explains it).
"""

from __future__ import annotations

import io
from typing import Any, Iterable, Optional, Sequence

import orjson

from ketengraaf import __version__
from ketengraaf.diff import Diff
from ketengraaf.diff.findings import ChangedFinding
from ketengraaf.diff.model import SECTIONS, SET_FIELDS, ModelChange, counts
from ketengraaf.render.findings import SEV_COUNT, SEV_WORD, md_cell
from ketengraaf.rules.base import SEVERITIES, THEMES, Finding
from ketengraaf.rules.figures import number_text
from ketengraaf.texts.diff import DIFF

SIGN = {"added": "+", "removed": "-", "changed": "~"}
#: Free texts that a change line names without quoting them (JSON has both values).
LONG_FIELDS = frozenset({"beschrijving"})


# ------------------------------------------------------------------------------------------ words


def value_text(v: Any, lang: str) -> str:
    """A field's value in a sentence: absent as a dash, booleans as ja/nee, lists joined."""
    t = DIFF[lang]
    if v is None:
        return t["absent"]
    if isinstance(v, bool):
        return t["yes"] if v else t["no"]
    if isinstance(v, (int, float)):
        return number_text(v, lang)
    if isinstance(v, list):
        return ", ".join(value_text(x, lang) for x in v) if v else t["absent"]
    return str(v)


def _set_delta(old: Optional[list[Any]], new: Optional[list[Any]]) -> str:
    a, b = set(old or ()), set(new or ())
    return ", ".join([f"+{x}" for x in sorted(b - a)] + [f"-{x}" for x in sorted(a - b)])


def change_parts(c: ModelChange, lang: str) -> list[str]:
    """What one model change says, part by part: each field as ``field value`` (an addition or a
    removal) or ``field: old → new`` (renamed, moved, rol, set members as +/-)."""
    t = DIFF[lang]
    parts: list[str] = []
    for f in c.fields:
        if c.change == "added":
            parts.append(f"{f.field} {value_text(f.new, lang)}")
        elif c.change == "removed":
            parts.append(f"{f.field} {value_text(f.old, lang)}")
        elif f.field == "naam" and c.section != "model":
            parts.append(f"{t['renamed']}: '{value_text(f.old, lang)}' \u2192 '{value_text(f.new, lang)}'")
        elif f.field == "onderdeel_van" and c.section == "organisaties":
            parts.append(f"{t['moved']}: {value_text(f.old, lang)} \u2192 {value_text(f.new, lang)}")
        elif f.field == "rol" and c.old_id:
            parts.append(f"{t['rol']}: {value_text(f.old, lang)} \u2192 {value_text(f.new, lang)} "
                         f"({t['was']} {c.old_id})")
        elif f.field in LONG_FIELDS:
            parts.append(f"{f.field}: {t['changed']}")
        elif f.field in SET_FIELDS:
            parts.append(f"{f.field}: {_set_delta(f.old, f.new)}")
        else:
            parts.append(f"{f.field}: {value_text(f.old, lang)} \u2192 {value_text(f.new, lang)}")
    if c.valid is not None:
        old, new = c.valid
        if c.change == "changed" and old != new:
            parts.append(t["validity"].format(old=value_text(old, lang), new=value_text(new, lang)))
        elif c.change != "changed":
            parts.append(t["valid"] if (new if c.change == "added" else old) else t["invalid"])
    return parts


def item_label(c: ModelChange) -> str:
    """``id (naam)``: how a change names its item."""
    return f"{c.id} ({c.naam})" if c.naam and c.naam != c.id else c.id


def _count_word(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def summary_lines(d: Diff) -> list[str]:
    """The two summary lines (findings, model) and what the change introduces for CI."""
    t = DIFF[d.lang]
    out = [t["findings_line"].format(**d.findings.counts()), t["model_line"].format(**counts(d.model))]
    intro = list(d.findings.introduced())
    if intro:
        words = SEV_COUNT[d.lang]
        by = {s: sum(1 for f in intro if f.severity == s) for s in SEVERITIES}
        parts = ", ".join(f"{n} {words[s][0] if n == 1 else words[s][1]}" for s, n in by.items() if n)
        out.append(t["introduced"].format(n=len(intro), bevindingen=_count_word(len(intro), t["bevinding"],
                                                                               t["bevindingen"]), parts=parts))
    else:
        out.append(t["introduced_none"])
    return out


def notes(d: Diff) -> list[str]:
    return [DIFF[d.lang][k].format(**fields) for k, fields in d.notes]


def by_theme(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by theme, in the catalogue's order of themes."""
    fs = list(findings)
    return [(letter, rows) for letter in THEMES if (rows := [f for f in fs if f.rule[0] == letter])]


def theme_title(letter: str, lang: str) -> str:
    _, nl, en = THEMES[letter]
    return f"{letter} \u2014 {nl if lang == 'nl' else en}"


def severity_word(f: Finding, lang: str) -> str:
    word = SEV_WORD[lang][f.severity]
    if f.suppressed:
        word += f" ({DIFF[lang]['accepted']})"
    return word


def changed_parts(c: ChangedFinding, lang: str) -> list[str]:
    """What differs in a changed finding: related ids as +/-, accepted or open; the message is
    shown whole beside it."""
    t = DIFF[lang]
    out = []
    if "related" in c.aspects:
        out.append(f"{t['related']}: {_set_delta(list(c.old.related), list(c.new.related))}")
    if "suppressed" in c.aspects:
        def state(f: Finding) -> str:
            return t["accepted"] if f.suppressed else t["open"]
        out.append(f"{state(c.old)} \u2192 {state(c.new)}")
    if "message" in c.aspects:
        out.append(t["message_changed"])
    return out


def show_old_message(c: ChangedFinding) -> bool:
    """Show the old message beside the new one when only the text changed (other figures, other
    names); when the related ids or the suppression changed, that says what the new text says."""
    return c.aspects == ("message",)


# ------------------------------------------------------------------------------------------ JSON


def _finding_json(f: Finding) -> dict[str, Any]:
    return f.as_json()


def _changed_json(c: ChangedFinding) -> dict[str, Any]:
    def side(f: Finding) -> dict[str, Any]:
        d: dict[str, Any] = {"related": list(f.related), "message": f.message, "suppressed": f.suppressed}
        if f.suppressed:
            d["reason"] = f.reason
        return d

    return {"rule": c.rule, "severity": c.severity, "subject": c.subject, "aspects": list(c.aspects),
            "old": side(c.old), "new": side(c.new)}


def to_json_bytes(d: Diff) -> bytes:
    """The diff as JSON (``diff.schema.json``), indented by two spaces, with a final newline."""
    intro = list(d.findings.introduced())
    doc = {
        "tool": "ketengraaf",
        "version": __version__,
        "kind": "diff",
        "old": {"source": d.old.label, "model": d.old.model_id, "naam": d.old.naam},
        "new": {"source": d.new.label, "model": d.new.model_id, "naam": d.new.naam},
        "peildatum": d.peildatum.isoformat(),
        "lang": d.lang,
        "rules": list(d.rules),
        "audit": d.audit,
        "overrides": dict(sorted(d.overrides.items())),
        "notes": notes(d),
        "summary": {
            "model": counts(d.model),
            "findings": d.findings.counts(),
            "introduced": {s: sum(1 for f in intro if f.severity == s) for s in SEVERITIES},
        },
        "model_changes": [c.as_json() for c in d.model],
        "findings": {
            "new": [_finding_json(f) for f in d.findings.new],
            "resolved": [_finding_json(f) for f in d.findings.resolved],
            "changed": [_changed_json(c) for c in d.findings.changed],
            "unchanged": [{"rule": f.rule, "severity": f.severity, "subject": f.subject, "suppressed": f.suppressed}
                          for f in d.findings.unchanged],
        },
    }
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


# ------------------------------------------------------------------------------------------ text


def _side_name(label: str, naam: str) -> str:
    return f"{label} ({naam})" if naam and naam != label else label


def to_text(d: Diff, *, color: bool = False, width: Optional[int] = None) -> str:
    """Header, notes, summary; the model changes per section; the new, resolved and changed
    findings per theme (as ``analyse`` shows findings); the summary again at the end."""
    import shutil

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if width is None:
        width = max(80, min(160, shutil.get_terminal_size((100, 24)).columns))
    lang = d.lang
    t = DIFF[lang]
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, color_system="standard" if color else None, width=width,
                      highlight=False, soft_wrap=False)
    console.print(Text(t["head"].format(old=_side_name(d.old.label, d.old.naam), new=_side_name(d.new.label, d.new.naam),
                                        peil=d.peildatum.isoformat()), style="bold"))
    for n in notes(d):
        console.print(Text(n, style="italic"))
    console.print()
    for line in summary_lines(d):
        console.print(Text(line))

    # Model changes
    console.print()
    console.print(Text(t["model_changes"], style="bold underline"))
    if not d.model:
        console.print(t["no_model_changes"])
    sign_style = {"added": "green", "removed": "red", "changed": "yellow"}
    for section in SECTIONS:
        rows = [c for c in d.model if c.section == section]
        if not rows:
            continue
        tab = Table(title=t["sec_" + section], title_justify="left", box=None, pad_edge=False, expand=True,
                    show_header=False)
        tab.add_column("", no_wrap=True)
        tab.add_column(t["item"], overflow="fold", max_width=56)
        tab.add_column(t["what"], overflow="fold", ratio=1)
        for c in rows:
            tab.add_row(Text(SIGN[c.change], style=sign_style[c.change]), Text(item_label(c)),
                        Text("; ".join(change_parts(c, lang))))
        console.print()
        console.print(tab)

    style = {"error": "red", "warning": "yellow", "info": "cyan"}

    def findings_tables(title: str, fs: Sequence[Finding]) -> None:
        if not fs:
            return
        console.print()
        console.print(Text(f"{title} ({len(fs)})", style="bold underline"))
        for letter, rows in by_theme(fs):
            tab = Table(title=theme_title(letter, lang), title_justify="left", box=None, pad_edge=False, expand=True)
            tab.add_column("code", no_wrap=True)
            tab.add_column("ernst" if lang == "nl" else "severity", no_wrap=True)
            tab.add_column("onderwerp" if lang == "nl" else "subject", overflow="fold", max_width=40)
            tab.add_column("bevinding" if lang == "nl" else "finding", overflow="fold", ratio=1)
            for f in rows:
                tab.add_row(f.rule, Text(severity_word(f, lang), style="dim" if f.suppressed else style[f.severity]),
                            Text(f.subject), Text(f.message, style="dim" if f.suppressed else ""))
            console.print()
            console.print(tab)

    findings_tables(t["new_findings"], d.findings.new)
    findings_tables(t["resolved_findings"], d.findings.resolved)
    if d.findings.changed:
        console.print()
        console.print(Text(f"{t['changed_findings']} ({len(d.findings.changed)})", style="bold underline"))
        tab = Table(box=None, pad_edge=False, expand=True)
        tab.add_column("code", no_wrap=True)
        tab.add_column("ernst" if lang == "nl" else "severity", no_wrap=True)
        tab.add_column("onderwerp" if lang == "nl" else "subject", overflow="fold", max_width=40)
        tab.add_column(t["what"], overflow="fold", ratio=1)
        for c in d.findings.changed:
            what = Text("; ".join(changed_parts(c, lang)) + "\n", style="bold")
            what.append(f"{t['now']}: {c.new.message}", style="")
            if show_old_message(c):
                what.append(f"\n{t['was']}: {c.old.message}", style="dim")
            tab.add_row(c.rule, Text(severity_word(c.new, lang), style=style[c.severity]), Text(c.subject), what)
        console.print()
        console.print(tab)
    if not (d.findings.new or d.findings.resolved or d.findings.changed):
        console.print()
        console.print(t["no_finding_changes"])
    console.print()
    console.print(Text(summary_lines(d)[0], style="bold"))
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


# ------------------------------------------------------------------------------------------ Markdown


def to_markdown(d: Diff) -> str:
    """A pull-request comment: a summary line, then the new and the resolved findings per theme,
    the changed ones, and the model changes folded away in a ``<details>`` block."""
    lang = d.lang
    t = DIFF[lang]
    c = d.findings.counts()
    intro = list(d.findings.introduced())
    words = SEV_COUNT[lang]
    by = {s: sum(1 for f in intro if f.severity == s) for s in SEVERITIES}
    sev = ", ".join(f"{n} {words[s][0] if n == 1 else words[s][1]}" for s, n in by.items() if n)
    mc = counts(d.model)
    line = (f"**ketengraaf diff** \u00b7 **{c['new']}** {t['count_new'].lower()}" + (f" ({sev})" if sev else "")
            + f", **{c['resolved']}** {t['count_resolved'].lower()}, {c['changed']} {t['count_changed'].lower()}, "
            + f"{c['unchanged']} {t['count_unchanged'].lower()} \u00b7 "
            + f"{sum(mc.values())} {t['model_changes'].lower()}")
    out = [line, "",
           f"`{_code(d.old.label)}` \u2192 `{_code(d.new.label)}` \u00b7 "
           f"{'peildatum' if lang == 'nl' else 'reference date'} {d.peildatum.isoformat()}", ""]
    for n in notes(d):
        out += [f"> {md_cell(n)}", ""]

    def findings_md(title: str, fs: Sequence[Finding]) -> None:
        if not fs:
            return
        out.extend([f"### {title} ({len(fs)})", ""])
        for letter, rows in by_theme(fs):
            out.extend([f"#### {md_cell(theme_title(letter, lang))}", "",
                        "| code | " + ("ernst | onderwerp | bevinding" if lang == "nl" else "severity | subject | finding")
                        + " |", "|---|---|---|---|"])
            out.extend(f"| {f.rule} | {md_cell(severity_word(f, lang))} | `{_code(f.subject)}` | {md_cell(f.message)} |"
                       for f in rows)
            out.append("")

    findings_md(t["new_findings"], d.findings.new)
    findings_md(t["resolved_findings"], d.findings.resolved)
    if d.findings.changed:
        out += [f"### {t['changed_findings']} ({len(d.findings.changed)})", "",
                "| code | " + ("ernst | onderwerp" if lang == "nl" else "severity | subject") + f" | {t['what']} | {t['now']} |",
                "|---|---|---|---|---|"]
        for ch in d.findings.changed:
            out.append(f"| {ch.rule} | {md_cell(severity_word(ch.new, lang))} | `{_code(ch.subject)}` | "
                       f"{md_cell('; '.join(changed_parts(ch, lang)))} | {md_cell(ch.new.message)}"
                       + (f" *({t['was']}: {md_cell(ch.old.message)})*" if show_old_message(ch) else "") + " |")
        out.append("")
    if not (d.findings.new or d.findings.resolved or d.findings.changed):
        out += [t["no_finding_changes"], ""]
    if d.model:
        out += [f"<details><summary>{md_cell(t['model_changes'])} ({len(d.model)})</summary>", ""]
        for section in SECTIONS:
            rows = [m for m in d.model if m.section == section]
            if not rows:
                continue
            out += [f"**{md_cell(t['sec_' + section])}**", "", f"| | {t['item']} | {t['what']} |", "|---|---|---|"]
            out += [f"| {SIGN[m.change]} | `{_code(item_label(m))}` | {md_cell('; '.join(change_parts(m, lang)))} |"
                    for m in rows]
            out.append("")
        out += ["</details>", ""]
    else:
        out += [t["no_model_changes"], ""]
    return "\n".join(out).rstrip() + "\n"


def _code(s: str) -> str:
    """Text inside a Markdown code span in a table: no backticks, pipes or line breaks."""
    return s.replace("`", "'").replace("|", "\\|").replace("\n", " ")

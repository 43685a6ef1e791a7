"""Findings as text (rich), JSON, SARIF 2.1.0, Markdown and JUnit XML.

Every format is deterministic: the same report gives the same bytes.
"""

from __future__ import annotations

import io

import orjson
from typing import Any, Callable, Optional
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from ketengraaf import __version__
from ketengraaf.rules import registry
from ketengraaf.rules.base import THEMES, Finding
from ketengraaf.rules.engine import Report

SEV_WORD = {
    "nl": {"error": "fout", "warning": "waarschuwing", "info": "melding"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
SEV_COUNT = {
    "nl": {"error": ("fout", "fouten"), "warning": ("waarschuwing", "waarschuwingen"),
           "info": ("melding", "meldingen"), "suppressed": ("onderdrukt", "onderdrukt")},
    "en": {"error": ("error", "errors"), "warning": ("warning", "warnings"),
           "info": ("info", "info"), "suppressed": ("suppressed", "suppressed")},
}
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}

#: (file, line) of a finding's subject, when known.
Locator = Callable[[Finding], Optional[tuple[str, int, int]]]


def summary_line(report: Report) -> str:
    """``5 bevindingen: 1 fout, 3 waarschuwingen, 1 melding, 0 onderdrukt``."""
    s = report.summary()
    words = SEV_COUNT[report.lang]

    def count(k: str) -> str:
        return f"{s[k]} {words[k][0] if s[k] == 1 else words[k][1]}"

    n = len(report.findings)
    head = (f"{n} bevinding{'' if n == 1 else 'en'}" if report.lang == "nl" else f"{n} finding{'' if n == 1 else 's'}")
    return f"{head}: " + ", ".join(count(k) for k in ("error", "warning", "info", "suppressed"))


_JSON = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
#: Where the findings go in the document written with an empty list. A string value cannot hold
#: a raw newline, so this text (newline, two spaces, the key) occurs only as the key itself.
_EMPTY_FINDINGS = b'\n  "findings": [],'


def to_json(report: Report) -> str:
    return to_json_bytes(report).decode("utf-8")


def to_json_bytes(report: Report) -> bytes:
    """The JSON report as UTF-8: exactly ``json.dumps(doc, ensure_ascii=False, indent=2)`` + newline.

    With the report's per-rule blocks (:class:`ketengraaf.rules.engine.RuleFindings`) the
    ``findings`` array is the blocks' JSON joined, each made in one orjson call from plain rows
    (the child process's blocks arrive already encoded): no ``Finding`` or dict per finding here.
    The rest of the document is written by orjson with an empty list, which is then replaced.
    Bytes, not text: 200 MB of findings need not be decoded only to be encoded again on writing.
    """
    blocks = report.blocks
    doc = {
        "tool": "ketengraaf",
        "version": __version__,
        "model": report.model,
        "peildatum": report.peildatum,
        "backend": report.backend,
        "findings": [] if blocks is not None else [f.as_json() for f in report.findings],
        "summary": report.summary(),
    }
    # orjson writes exactly json.dumps(doc, ensure_ascii=False, indent=2), 5-10x faster.
    out = orjson.dumps(doc, option=_JSON)
    parts = [b.json() for b in blocks or () if b.count]
    if not parts:
        return out
    head, sep, tail = out.partition(_EMPTY_FINDINGS)
    assert sep, "the findings key is where orjson writes it"
    pieces = [head, b'\n  "findings": [\n']
    for p in parts:
        pieces += (p, b",\n")
    pieces[-1] = b"\n  ],"
    pieces.append(tail)
    return b"".join(pieces)  # one join: the findings are copied once


def to_text(report: Report, *, color: bool = False, width: Optional[int] = None) -> str:
    """A grouped table per theme, then a summary line (width: the terminal's, 80–160, else 100)."""
    import shutil

    if width is None:
        width = max(80, min(160, shutil.get_terminal_size((100, 24)).columns))
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    lang = report.lang
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, color_system="standard" if color else None,
                      width=width, highlight=False, soft_wrap=False)
    title = "Model" if lang == "en" else "Model"
    peil = "reference date" if lang == "en" else "peildatum"
    console.print(Text(f"{title} {report.model} ({report.naam}), {peil} {report.peildatum}", style="bold"))
    style = {"error": "red", "warning": "yellow", "info": "cyan"}
    for letter, (theme, nl, en) in THEMES.items():
        rows = [f for f in report.findings if f.rule[0] == letter]
        if not rows:
            continue
        t = Table(title=f"{letter} — {nl if lang == 'nl' else en}", title_justify="left", show_lines=False,
                  expand=True, box=None if not color else None, pad_edge=False)
        t.add_column("code", no_wrap=True)
        t.add_column("ernst" if lang == "nl" else "severity", no_wrap=True)
        t.add_column("onderwerp" if lang == "nl" else "subject", overflow="fold", max_width=40)
        t.add_column("bevinding" if lang == "nl" else "finding", overflow="fold", ratio=1)
        for f in rows:
            sev = SEV_WORD[lang][f.severity]
            if f.suppressed:
                sev += " (onderdrukt)" if lang == "nl" else " (suppressed)"
            msg = f.message + (f" [{('reden' if lang == 'nl' else 'reason')}: {f.reason}]" if f.suppressed and f.reason else "")
            t.add_row(f.rule, Text(sev, style="dim" if f.suppressed else style[f.severity]),
                      Text(f.subject), Text(msg, style="dim" if f.suppressed else ""))
        console.print()
        console.print(t)
    console.print()
    console.print(Text(summary_line(report), style="bold"))
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def to_markdown(report: Report) -> str:
    lang = report.lang
    out = [f"# {'Findings' if lang == 'en' else 'Bevindingen'}: {md_cell(report.naam)}", "",
           f"- model: `{report.model}`", f"- {'reference date' if lang == 'en' else 'peildatum'}: {report.peildatum}",
           f"- {summary_line(report)}", ""]
    for letter, (theme, nl, en) in THEMES.items():
        rows = [f for f in report.findings if f.rule[0] == letter]
        if not rows:
            continue
        out += [f"## {letter} — {nl if lang == 'nl' else en}", "",
                "| code | " + ("ernst | onderwerp | bevinding" if lang == "nl" else "severity | subject | finding") + " |",
                "|---|---|---|---|"]
        for f in rows:
            sev = SEV_WORD[lang][f.severity] + (" (onderdrukt)" if lang == "nl" and f.suppressed else " (suppressed)" if f.suppressed else "")
            msg = f.message + (f" *({'reden' if lang == 'nl' else 'reason'}: {f.reason})*" if f.suppressed and f.reason else "")
            out.append(f"| {f.rule} | {sev} | `{md_cell(f.subject)}` | {md_cell(msg)} |")
        out.append("")
    return "\n".join(out)


def md_cell(s: str) -> str:
    """Text for a Markdown table cell: no pipes, line breaks, HTML or escapes that change it."""
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def to_sarif(report: Report, locate: Locator, *, audit: bool = False) -> str:
    lang = report.lang
    rules = []
    for code, r in registry.RULES.items():
        rules.append({
            "id": code,
            "name": r.name["en"].replace(" ", ""),
            "shortDescription": {"text": r.title(lang)},
            "fullDescription": {"text": r.rationale[lang]},
            "help": {"text": r.fix[lang], "markdown": f"**{r.title(lang)}**\n\n{r.rationale[lang]}\n\n{r.fix[lang]}"},
            "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
            "properties": {"theme": r.theme, "source": r.source},
        })
    index = {c: i for i, c in enumerate(registry.RULES)}
    results = []
    for f in report.findings:
        if f.suppressed and not audit:
            continue
        res: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "partialFingerprints": {"ketengraaf/v1": f"{f.rule}:{f.subject}"},
            "properties": {"subject": f.subject, "related": list(f.related)},
        }
        loc = locate(f)
        if loc is not None:
            file, line, col = loc
            res["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": file.replace("\\", "/")},
                "region": {"startLine": line, "startColumn": col},
            }}]
        if f.reason is not None:
            res["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": f.reason}] if f.suppressed else []
        results.append(res)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ketengraaf", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://example.invalid/ketengraaf", "rules": rules}},
            "automationDetails": {"id": f"ketengraaf/{report.model}/{report.peildatum}"},
            "results": results,
            "properties": {"model": report.model, "peildatum": report.peildatum, "backend": report.backend},
        }],
    }
    # orjson writes exactly json.dumps(doc, ensure_ascii=False, indent=2), 5-10x faster.
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")


def to_junit(report: Report, locate: Locator) -> str:
    """One testsuite per theme; each finding a failed testcase, suppressed ones skipped."""
    suites = []
    total = failures = skipped = 0
    for letter, (theme, nl, en) in THEMES.items():
        rows = [f for f in report.findings if f.rule[0] == letter]
        codes = [c for c in registry.RULES if c[0] == letter and c in report.rules]
        if not codes:
            continue
        cases = []
        n_fail = n_skip = 0
        for f in rows:
            name = f"{f.rule} {f.subject}"
            loc = locate(f)
            file_attr = f" file={quoteattr(loc[0])} line=\"{loc[1]}\"" if loc else ""
            if f.suppressed:
                n_skip += 1
                cases.append(f"    <testcase classname={quoteattr('ketengraaf.' + theme)} name={quoteattr(name)}{file_attr}>\n"
                             f"      <skipped message={quoteattr(f.reason or '')}/>\n    </testcase>")
            else:
                n_fail += 1
                cases.append(f"    <testcase classname={quoteattr('ketengraaf.' + theme)} name={quoteattr(name)}{file_attr}>\n"
                             f"      <failure type={quoteattr(f.severity)} message={quoteattr(f.message)}>"
                             f"{xml_escape(f.rule + ' ' + f.severity + ': ' + f.message)}</failure>\n    </testcase>")
        clean = [c for c in codes if not any(f.rule == c for f in rows)]
        for c in clean:
            cases.append(f"    <testcase classname={quoteattr('ketengraaf.' + theme)} name={quoteattr(c)}/>")
        n = len(cases)
        total += n
        failures += n_fail
        skipped += n_skip
        suites.append(f"  <testsuite name={quoteattr(theme)} tests=\"{n}\" failures=\"{n_fail}\" errors=\"0\" skipped=\"{n_skip}\">\n"
                      + "\n".join(cases) + "\n  </testsuite>")
    head = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name={quoteattr('ketengraaf ' + report.model)} "
            f"tests=\"{total}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n")
    return head + "\n".join(suites) + "\n</testsuites>\n"

"""The ``diagram`` and ``report`` commands (registered by :func:`ketengraaf.cli._register_optional`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Optional

import click

from ketengraaf.cliutil import MODEL_PATH, date_option, mapping_option

from ketengraaf.errors import UsageError
from ketengraaf.fileio import Inputs
from ketengraaf.render import MAX_DIAGRAMS, MAX_FINDINGS

LANGS = ("nl", "en")


def _analyse(model: str, lang: str, audit: bool, peildatum: Optional[date]) -> tuple[Any, Any]:
    """Load MODEL (ModelInvalid propagates: the CLI prints every error and exits 2), run the rules."""
    from ketengraaf.pipeline import Analysis
    from ketengraaf.render import dot as D

    a = Analysis.open(model, peildatum=peildatum)
    report = a.findings(lang=lang, audit=audit, keep_facts=True)
    return a.model, D.make_diagram(a, report, lang=lang)


def _is_dir_target(path: str) -> bool:
    p = Path(path)
    return path.endswith(("/", "\\")) or p.is_dir() or p.suffix == ""


# ------------------------------------------------------------------------------------------ diagram
@click.command(epilog="""\b
Examples:
  ketengraaf diagram modellen/belastingdienst.yaml --view opdrachtgevers -o opdrachtgevers.svg
  ketengraaf diagram modellen/belastingdienst.yaml --view driehoek --subject dienst-toeslagen -o toeslagen.png
  ketengraaf diagram modellen/strafrechtketen.yaml --view keten --subject strafrechtketen -o keten.pdf
  ketengraaf diagram modellen/belastingdienst.yaml --view driehoek -o driehoeken/   # one file per executor
  ketengraaf diagram modellen/belastingdienst.yaml --view driehoek -o alle-driehoeken.svg   # all in one
  ketengraaf diagram model/ --view overzicht --subject min-fin -o financien.svg --lang en
  ketengraaf diagram model.yaml --view gegevens -o gegevens.dot   # DOT text, no Graphviz needed

\b
Views: driehoek (one executor's steering triangle), opdrachtgevers (executors with several
commissioners), keten (one chain), gegevens (datasets and data flows), overzicht (the whole model;
--subject narrows it to one organisation and its parts). See docs/diagrams.md.
""")
@click.argument("model", type=MODEL_PATH)
@click.option("--view", required=True, type=click.Choice(("driehoek", "opdrachtgevers", "keten", "gegevens", "overzicht")),
              help="What to draw.")
@click.option("--subject", help="Executor (driehoek), chain (keten) or organisation (overzicht) id; "
                                "without it driehoek and keten draw all of them.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=str),
              help="File; the suffix picks the format: .svg, .png, .pdf or .dot. A directory (or a path "
                   "without suffix) gets one file per subject.")
@click.option("--format", "fmt", type=click.Choice(("svg", "png", "pdf", "dot")),
              help="Format of the files written into a directory (default svg).")
@click.option("--lang", type=click.Choice(LANGS), default="nl", show_default=True, help="Language of the labels.")
@click.option("--audit", is_flag=True, help="Colour suppressed findings as open.")
@click.option("--peildatum", callback=date_option, help="Reference date YYYY-MM-DD (default: the model's, else today).")
@mapping_option
def diagram(model: str, view: str, subject: Optional[str], output: str, fmt: Optional[str], lang: str,
            audit: bool, peildatum: Optional[date]) -> None:
    """Draw a view of MODEL with Graphviz, findings coloured by severity."""
    from ketengraaf.render import dot as D
    from ketengraaf.render import graphviz_run as R

    to_dir = _is_dir_target(output)
    if not to_dir:
        sfmt = R.fmt_of(output)
        if sfmt is None:
            raise UsageError(f"{output}: unknown suffix '{Path(output).suffix}'; use .svg, .png, .pdf or .dot "
                             f"(or a directory)")
        if fmt is not None and fmt != sfmt:
            raise UsageError(f"--format {fmt} does not match the suffix of {output}")
        fmt = sfmt
    fmt = fmt or "svg"
    inputs = Inputs.of_model(model)
    inputs.check(output)
    if fmt != "dot":
        R.require_dot()  # fail before the work, with the install hint (exit 3)

    _, dg = _analyse(model, lang, audit, peildatum)
    D.check_subject(dg, view, subject)
    if not to_dir:
        R.write(D.to_dot(dg, view, subject), output, fmt)
        click.echo(f"wrote {output}", err=True)
        return
    out = Path(output)
    if view in D.MULTI_VIEWS and subject is None:
        subs = D.subjects(dg, view)
        if not subs:
            raise UsageError(f"the model has nothing to draw in the view '{view}'")
        targets = [(s, out / f"{view}-{D.subject_slug(s)}.{fmt}") for s in subs]
    else:
        name = f"{view}-{D.subject_slug(subject)}" if subject else view
        targets = [(subject, out / f"{name}.{fmt}")]
    for _, path in targets:
        inputs.check(path)
    for s, path in targets:
        R.write(D.to_dot(dg, view, s), path, fmt)
    click.echo(f"wrote {len(targets)} file{'s' if len(targets) != 1 else ''} to {output}" if len(targets) > 1
               else f"wrote {targets[0][1]}", err=True)


# ------------------------------------------------------------------------------------------ report
@click.command(epilog="""\b
Examples:
  ketengraaf report modellen/belastingdienst.yaml -o rapport/
  ketengraaf report modellen/strafrechtketen.yaml -o strafrecht-rapport --lang en
  ketengraaf report model/ -o rapport --peildatum 2027-01-01 --audit
  ketengraaf report rijk/ -o rapport --max-diagrams 0      # every chain and triangle

\b
Writes DIR/index.html (self-contained: open it in a browser, print it on A4) and DIR/rapport.md
with the diagrams as SVG files beside it, for pasting into a policy note. Of a large model it
draws the chains and the triangles with the most open findings (--max-diagrams) and says how
many it left out. An existing DIR is replaced only when it is empty or holds an earlier report.
""")
@click.argument("model", type=MODEL_PATH)
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=str, file_okay=False),
              help="Directory to write the report into.")
@click.option("--lang", type=click.Choice(LANGS), default="nl", show_default=True, help="Language of the report.")
@click.option("--audit", is_flag=True, help="Show suppressed findings as open.")
@click.option("--peildatum", callback=date_option, help="Reference date YYYY-MM-DD (default: the model's, else today).")
@click.option("--max-diagrams", type=click.IntRange(min=0), default=MAX_DIAGRAMS, show_default=True,
              help="Draw at most this many chains and this many triangles, those with the most open findings "
                   "(0: all); the report says how many it left out.")
@click.option("--max-findings", type=click.IntRange(min=0), default=MAX_FINDINGS, show_default=True,
              help="List at most this many findings per rule, open ones first (0: all); the report says how many "
                   "more there are.")
@mapping_option
def report(model: str, out_dir: str, lang: str, audit: bool, peildatum: Optional[date], max_diagrams: int,
           max_findings: int) -> None:
    """Write a report for a policy note: summary, findings per theme, and the diagrams."""
    from ketengraaf.render import graphviz_run as R
    from ketengraaf.render import report as RP

    Inputs.of_model(model).check(out_dir, replaces_dir=True)
    R.require_dot()
    m, dg = _analyse(model, lang, audit, peildatum)
    built = RP.build(dg, dg.report, model_id=m.id, beschrijving=m.beschrijving, max_diagrams=max_diagrams,
                     max_findings=max_findings)
    dest = RP.write_report(built, out_dir)
    click.echo(f"wrote {dest / 'index.html'} and {dest / 'rapport.md'} ({len(built.figures)} diagrams)", err=True)

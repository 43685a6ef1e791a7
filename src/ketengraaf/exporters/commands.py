"""``ketengraaf export FORMAT ...``: the click group of the exporters, one subcommand per format."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import click

from ketengraaf.cliutil import MODEL_PATH, date_option, mapping_option, progress
from ketengraaf.errors import UsageError
from ketengraaf.fileio import Inputs, atomic_write


@click.group("export", epilog="""\b
Examples:
  ketengraaf export archimate modellen/belastingdienst.yaml -o belastingdienst.xml --with-findings
  ketengraaf export archimate --help
""")
def export_group() -> None:
    """Write a model in another tool's format."""


@export_group.command("archimate", epilog="""\b
Examples:
  ketengraaf export archimate modellen/belastingdienst.yaml -o belastingdienst.xml
  ketengraaf export archimate model/ -o model.xml --with-findings
  ketengraaf export archimate model.xml -o model-met-bevindingen.xml --met-bevindingen --lang en
  ketengraaf import archimate model.xml -o terug.yaml    # and back: the same model

\b
Writes an ArchiMate exchange file (Open Exchange Format 3.1) that Archi opens with File > Import >
Open Exchange XML Model: the organisaties, relations, ketens, afspraken, gegevens, middelen,
opdrachten and uitzonderingen as ArchiMate elements and relationships in Archi's folders, what
ArchiMate cannot hold in typed ketengraaf:* properties, and a view per steering triangle and per
keten, laid out by Graphviz. The same model gives the same file; import gives the same model back.

\b
--with-findings (also --met-bevindingen) runs the rules and puts every finding on the elements and
relationships it is about (properties ketengraaf:bevinding:regel, :ernst, :melding) and colours
them in the views, with a legend. Needs Graphviz 'dot' (exit 3 without it).
See docs/archimate.md.
""")
@click.argument("model", type=MODEL_PATH)
@click.option("-o", "--output", required=True, type=click.Path(path_type=str), help="The .xml file to write.")
@click.option("--with-findings", "--met-bevindingen", "with_findings", is_flag=True,
              help="Put the findings on the elements (properties) and in the views (colours, legend).")
@click.option("--lang", type=click.Choice(("nl", "en")), default="nl", show_default=True,
              help="Language of the view names, the legend and the findings.")
@click.option("--peildatum", callback=date_option,
              help="Reference date YYYY-MM-DD for the findings and the lopende opdrachten in the views "
                   "(default: the model's, else today).")
@mapping_option
def archimate(model: str, output: str, with_findings: bool, lang: str, peildatum: Optional[date]) -> None:
    """Export MODEL as an ArchiMate exchange file for Archi."""
    from ketengraaf.archimate.export import export
    from ketengraaf.pipeline import Analysis
    from ketengraaf.render import graphviz_run as R

    if Path(output).suffix.lower() != ".xml":
        raise UsageError(f"{output}: an ArchiMate exchange file ends in .xml")
    Inputs.of_model(model).check(output)
    R.require_dot()  # before the work, with the install hint (exit 3)
    with progress() as step:
        step("lezen en valideren" if lang == "nl" else "reading and validating")
        a = Analysis.open(model, peildatum=peildatum)
        a.confirm()
        report = None
        if with_findings:
            step("bevindingen bepalen" if lang == "nl" else "running the rules")
            report = a.findings(lang=lang, keep_facts=True)
        data = export(a.model, a.graph, peildatum=a.peildatum, report=report, lang=lang, step=step)
    atomic_write(output, data)
    n_el, n_rel, n_view = data.count(b"<element "), data.count(b"<relationship "), data.count(b"<view ")
    extra = ""
    if report is not None:
        s = report.summary()
        n = len(report.findings)
        extra = (f"; {n} finding{'s' if n != 1 else ''} ({s['error']} error{'s' if s['error'] != 1 else ''}, "
                 f"{s['warning']} warning{'s' if s['warning'] != 1 else ''}, {s['info']} info)")
    click.echo(f"wrote {output}: {n_el} elements, {n_rel} relationships, {n_view} views{extra}", err=True)

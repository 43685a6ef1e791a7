"""``ketengraaf import SOURCE ...``: the click group of the importers, one subcommand per source.

A new importer adds its command to :data:`import_group` at the bottom of this module (its logic
lives in a package of its own beside :mod:`ketengraaf.importers.roo`).
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Optional

import click

from ketengraaf.cliutil import date_option, mapping_option, progress


@click.group("import", epilog="""\b
Examples:
  ketengraaf import roo exportOO.xml -o model/
  ketengraaf import archimate model.xml -o model.yaml
  ketengraaf import roo --help
""")
def import_group() -> None:
    """Start or update a model from a source outside ketengraaf.

    Each importer writes only its own subdirectory of the model directory (roo/ for the register)
    and never touches your files beside it.
    """


@import_group.command("roo", epilog="""\b
Examples:
  ketengraaf import roo exportOO.xml -o model/
  ketengraaf import roo exportOO.xml -o model/ --under min-fin --under "Sociale Zaken en Werkgelegenheid"
  ketengraaf import roo exportOO.xml -o model/ --peildatum 2027-01-01
  ketengraaf import roo exportOO.xml -o model/ --all          # ended and future organisaties too
  ketengraaf validate model/ && ketengraaf analyse model/

\b
EXPORT is the XML export of organisaties.overheid.nl (schema 2.6.x). The import writes
DIR/roo/: a YAML file per ministry, gemeenten.yaml, ..., sturing.yaml and manifest.json, and
replaces that directory as a whole on the next import. Your own files in DIR (sturing,
opdrachten, afspraken, ketens) are read, never written. Ids stay the same from one export to the
next (manifest.json keeps them), also when a name changes.

\b
Exit codes: 0 imported and the model in DIR is valid; 1 imported, but references in your files
point to organisaties the import no longer writes (or the model has other errors), listed as
FILE:LINE:COLUMN; 2 the export or the command line is invalid: nothing written.
See docs/import-roo.md for the mapping and its sources.
""")
@click.argument("export", type=click.Path(path_type=str, readable=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=str),
              help="The model directory; the import writes DIR/roo/.")
@click.option("--under", "--onder", "under", multiple=True, metavar="NAME-OR-ID",
              help="Import only this organisatie's subtree and what answers to it (relatieMetMinisterie); "
                   "an id, systeemId, TOOI identifier, afkorting or name; repeatable.")
@click.option("--peildatum", callback=date_option,
              help="Leave out organisaties that ended before this date or start after it (YYYY-MM-DD; default today).")
@click.option("--all", "--alles", "all_", is_flag=True, help="Keep ended and future organisaties too.")
def roo(export: str, out_dir: str, under: tuple[str, ...], peildatum: Optional[date], all_: bool) -> None:
    """Import the Register van Overheidsorganisaties (ROO) export into DIR/roo/."""
    from ketengraaf.importers.roo.importer import Options
    from ketengraaf.importers.roo.run import closing, run_import, summary

    opts = Options(peildatum or date.today(), all_, tuple(under))
    with progress() as p:
        result = run_import(export, out_dir, opts, step=p.step, bar=p.bar)
    for line in summary(result):
        click.echo(line, err=True)
    for problem in [*result.explained, *result.other]:
        click.echo(str(problem), err=True)
    last = closing(result)
    if last:
        click.echo(last, err=True)
    sys.exit(result.exit_code)


@import_group.command("archimate", epilog="""\b
Examples:
  ketengraaf import archimate model.xml -o model.yaml
  ketengraaf import archimate model.xml -o model/            # writes model/archimate/
  ketengraaf import archimate model.xml -o model.yaml --mapping mijn-mapping.yaml
  ketengraaf import archimate export.xml -o model.yaml --strict   # fail on anything not imported
  ketengraaf analyse model.xml      # or analyse the exchange file itself, without importing it

\b
FILE.xml is an ArchiMate exchange file (Open Exchange Format 3.x; in Archi: File > Export >
Model to Open Exchange File...). Actors become organisaties, directed associations named eigenaar
or opdrachtgever sturingsrelaties, processes marked as keten or schakel ketens, contracts
afspraken, business and data objects gegevens, application components middelen;
ketengraaf:* properties carry the rest. Everything else is listed with the reason it was not
imported. The output is one .yaml file (replaced only when an earlier import wrote it), or
DIR/archimate/ (replaced as a whole; your files beside it are read, never written).

\b
Exit codes: 0 imported and valid; 1 imported, but the model in DIR does not validate with your
files beside it; 2 the exchange file is invalid (each problem as FILE:LINE:COLUMN), or with
--strict something was not imported: nothing written.
See docs/archimate.md for the mapping, the mapping file and what Archi users see.
""")
@click.argument("file", type=click.Path(path_type=str, readable=False))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=str),
              help="A .yaml file, or the model directory (the import writes DIR/archimate/).")
@mapping_option
@click.option("--strict", is_flag=True, help="Fail (exit 2, nothing written) when anything in the file is not imported.")
def archimate(file: str, out: str, strict: bool) -> None:
    """Import an ArchiMate exchange file (OEF) as a ketengraaf model."""
    from ketengraaf.importers.archimate.run import run_import, summary

    with progress() as p:
        result = run_import(file, out, strict=strict, step=p.step)
    for line in summary(result, file, result.doc):
        click.echo(line, err=True)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if result.problems:
        n = len(result.problems)
        click.echo(f"ketengraaf: imported, but the model in {result.out} does not validate: {n} error{'s' if n != 1 else ''}"
                   f"; fix them in your own files (ketengraaf validate {result.out})", err=True)
    sys.exit(result.exit_code)

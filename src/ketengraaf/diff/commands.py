"""The ``diff`` command (registered by :func:`ketengraaf.cli._register_optional`)."""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import date
from typing import Iterator, Optional

import click

from ketengraaf.cliutil import MODEL_PATH, date_option, mapping_option, progress
from ketengraaf.errors import ModelInvalid, UsageError
from ketengraaf.fileio import Inputs, atomic_write
from ketengraaf.render import MAX_DIAGRAMS

FORMATS = ("text", "json", "markdown", "html")


@contextlib.contextmanager
def _sides(paths: tuple[str, ...], rev: Optional[str]) -> Iterator[tuple[str, str, tuple[str, str], list]]:
    """(OLD path, NEW path, their labels, notes): two paths as given, or MODEL at REV (a temporary
    copy, removed afterwards; its errors name ``REV:path``) and MODEL in the working tree."""
    if rev is None:
        if len(paths) != 2:
            raise UsageError("give two models, OLD and NEW (or --git REV and one MODEL)")
        yield paths[0], paths[1], (paths[0], paths[1]), []
        return
    if len(paths) != 1:
        raise UsageError("with --git REV give one MODEL: it is compared as it is at REV and in the working tree")
    from ketengraaf.diff.gitrev import at_revision

    with at_revision(paths[0], rev) as r:
        try:
            yield r.path, paths[0], (r.label, paths[0]), [("note_git", {"model": paths[0], "rev": rev})]
        except ModelInvalid as e:
            raise r.relabel(e) from None


@click.command(epilog="""\b
Examples:
  ketengraaf diff modellen/toeslagen-2020.yaml modellen/toeslagen-2021.yaml
  ketengraaf diff --git main modellen/belastingdienst.yaml --format markdown -o comment.md
  ketengraaf diff --git HEAD~1 model/ --fail-on-new warning          # in CI: fail on what the change adds
  ketengraaf diff oud/ nieuw/ --format html -o wijziging.html --lang en
  ketengraaf diff oud.yaml nieuw.yaml --format json --peildatum 2027-01-01 --rule R --rule M

\b
Both models are analysed on one peildatum (--peildatum, else NEW's, else OLD's, else today) with
the same rules and options. Model changes are matched by id, findings by rule and subject.
Exit codes: 0, or 1 when the change introduces an open finding at or above --fail-on-new; 2 an
invalid model or command line; 3 git (for --git) or Graphviz (for --format html) is missing.
See docs/diff.md.
""")
@click.argument("models", nargs=-1, type=MODEL_PATH, metavar="OLD NEW | --git REV MODEL")
@click.option("--git", "rev", metavar="REV", help="Compare MODEL as it is in git revision REV with the working tree.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text, JSON (docs/diff.md), Markdown for a pull-request comment, or an HTML page with "
                   "before/after diagrams.")
@click.option("-o", "--output", type=click.Path(path_type=str), help="Write to this file (atomically) instead of stdout.")
@click.option("--rule", "rules", multiple=True, help="Only this rule code, or theme letter (R, M, K, D, S, U); repeatable.")
@click.option("--peildatum", callback=date_option, help="Reference date YYYY-MM-DD for both models "
                                                        "(default: NEW's, else OLD's, else today).")
@click.option("--drempel", type=click.FloatRange(0, 1), default=None, help="K07's threshold for chain performance.")
@click.option("--fail-on-new", type=click.Choice(("error", "warning", "info", "never")), default="error",
              show_default=True, help="Exit 1 when the change introduces an open finding at or above this severity.")
@click.option("--audit", is_flag=True, help="Treat suppressed findings as open, on both sides.")
@click.option("--lang", type=click.Choice(("nl", "en")), default="nl", show_default=True, help="Language of the output.")
@click.option("--schema", is_flag=True, help="Print the JSON Schema of --format json and exit.")
@click.option("--max-diagrams", type=click.IntRange(min=0), default=MAX_DIAGRAMS, show_default=True,
              help="With --format html: draw at most this many triangles and this many chains, those with the "
                   "most changed findings (0: all); the page says how many it left out.")
@mapping_option
def diff(models: tuple[str, ...], rev: Optional[str], fmt: str, output: Optional[str], rules: tuple[str, ...],
         peildatum: Optional[date], drempel: Optional[float], fail_on_new: str, audit: bool, lang: str,
         schema: bool, max_diagrams: int) -> None:
    """Compare two models: what changed in them, and which findings the change resolves or creates."""
    from ketengraaf.diff import compare, open_pair
    from ketengraaf.diff import render as R
    from ketengraaf.rules import registry
    from ketengraaf.texts.diff import DIFF

    if schema:
        from importlib.resources import files

        _emit(files("ketengraaf.diff").joinpath("diff.schema.json").read_bytes(), output)
        return

    registry.select(rules)  # validate selectors before reading anything
    t = DIFF[lang]
    inputs = Inputs.of_models(list(models))
    if output:
        inputs.check(output)
    if fmt == "html":
        from ketengraaf.render.graphviz_run import require_dot

        require_dot()  # before the work, with the install hint (exit 3)
    with _sides(models, rev) as (old, new, labels, notes), progress() as step:
        step(t["step_read"])
        a, b, more = open_pair(old, new, peildatum=peildatum)
        d = compare(a, b, [*notes, *more], labels=labels, selectors=rules, lang=lang, audit=audit,
                    overrides={} if drempel is None else {"drempel": drempel}, keep_facts=fmt == "html",
                    progress=lambda ev: step(t["step_" + ev]))
        if fmt == "html":
            from ketengraaf.diff.html import build

            step(t["step_draw"])
            text: str | bytes = build(d, max_diagrams=max_diagrams)
        elif fmt == "json":
            text = R.to_json_bytes(d)
        elif fmt == "markdown":
            text = R.to_markdown(d)
        else:
            color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
            text = R.to_text(d, color=color)
    _emit(text, output)
    sys.exit(d.exit_code(fail_on_new))


def _emit(text: str | bytes, output: Optional[str]) -> None:
    if output:
        atomic_write(output, text)
    else:
        click.echo(text, nl=False)

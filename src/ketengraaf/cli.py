"""The ``ketengraaf`` command line (CLI.md). Thin: parse options, call the pipeline, render.

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 invalid model or command line,
3 a backend or tool is unavailable. Errors are one sentence on stderr, never a traceback
(``--debug`` shows it).
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
from datetime import date
from pathlib import Path
from typing import Any, Optional

import click

from ketengraaf.cliutil import MODEL_PATH, date_option, mapping_option, progress

from ketengraaf import __version__
from ketengraaf.errors import KetengraafError, ModelInvalid, UsageError
from ketengraaf.fileio import Inputs, atomic_write, distinct_outputs

EPILOG_MAIN = """\b
Examples:
  ketengraaf validate modellen/belastingdienst.yaml
  ketengraaf analyse modellen/belastingdienst.yaml
  ketengraaf analyse ../shared/spec/voorbeeld.yaml --format sarif -o findings.sarif
  ketengraaf explain M01
  ketengraaf generate --organisaties 500 --seed 1 -o groot.yaml
"""


def _max_file_size(ctx: click.Context, param: Any, value: Optional[str]) -> None:
    """``--max-file-size``: checked here, passed on through the environment (forked workers and
    every reader see it)."""
    if value is None:
        return
    from ketengraaf.model.inputs import Limits

    try:
        n = Limits.parse_size(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None
    os.environ["KETENGRAAF_MAX_FILE_SIZE"] = str(n)


class _Group(click.Group):
    def resolve_command(self, ctx: click.Context, args: list[str]):  # did-you-mean for commands
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            import difflib

            if args:
                m = difflib.get_close_matches(args[0], self.list_commands(ctx), n=1)
                if m:
                    raise click.UsageError(f"no such command '{args[0]}'; did you mean '{m[0]}'?") from None
            raise


@click.group(cls=_Group, epilog=EPILOG_MAIN, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="ketengraaf")
@click.option("--debug", is_flag=True, hidden=False, help="Show Python tracebacks on errors.")
@click.option("--max-file-size", metavar="SIZE", callback=_max_file_size, expose_value=False, is_eager=True,
              help="Refuse model files larger than SIZE (default 512M; also KETENGRAAF_MAX_FILE_SIZE).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """ketengraaf: model and lint governance in Dutch public administration.

    Loads a model (a YAML file or a directory of them) into a graph, checks the steering
    triangle, multiple commissioning, chains and data governance against a catalogue of rules,
    and draws the diagrams and the report for a policy note.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


# ------------------------------------------------------------------------------------------ validate
@cli.command(epilog="""\b
Examples:
  ketengraaf validate modellen/politie.yaml
  ketengraaf validate modellen/uitvoering-sociaal-domein/
""")
@click.argument("model", type=MODEL_PATH)
@mapping_option
def validate(model: str) -> None:
    """Load and check MODEL; print counts per section, or every error as FILE:LINE:COLUMN: message."""
    from ketengraaf.pipeline import load_model

    with progress() as step:
        step(f"{model} lezen en valideren")
        m = load_model(model)
    c = m.counts()
    parts = ", ".join(f"{v} {k}" for k, v in c.items())
    files = len(m.files)
    click.echo(f"{m.id}: valid ({files} file{'s' if files != 1 else ''}): {parts}")


# ------------------------------------------------------------------------------------------ analyse
FORMATS = ("text", "json", "sarif", "markdown", "junit")


def _k07_drempel() -> float:
    """K07's declared threshold: the --drempel default is the rule's, not a copy of it."""
    from ketengraaf.rules.ketens import K07

    return float(K07.params["drempel"])


@cli.command(epilog="""\b
Examples:
  ketengraaf analyse modellen/belastingdienst.yaml
  ketengraaf analyse model/ --format json -o findings.json --fail-on warning
  ketengraaf analyse model.yaml --rule M --rule K03 --peildatum 2027-01-01
  ketengraaf analyse model.yaml --format sarif -o ketengraaf.sarif
  ketengraaf analyse model.yaml --write-baseline baseline.json
  ketengraaf analyse model.yaml --baseline baseline.json
""")
@click.argument("model", type=MODEL_PATH)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=str), help="Write to this file (atomically) instead of stdout.")
@click.option("--rule", "rules", multiple=True, help="Only this rule code, or theme letter (R, M, K, D, S, U); repeatable.")
@click.option("--peildatum", callback=date_option, help="Reference date YYYY-MM-DD (default: the model's, else today).")
@click.option("--drempel", type=click.FloatRange(0, 1), default=None,
              help=f"K07's threshold for chain performance (default {_k07_drempel()}).")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info", "never")), default="error", show_default=True,
              help="Exit 1 when an unsuppressed finding is at or above this severity.")
@click.option("--backend", type=click.Choice(("networkx", "neo4j")), default="networkx", show_default=True)
@click.option("--replace", is_flag=True,
              help="With --backend neo4j: replace a different model of the same id in the database (as load --replace).")
@click.option("--audit", is_flag=True, help="Show suppressed findings as open.")
@click.option("--baseline", type=click.Path(path_type=str, exists=True, dir_okay=False), help="Report only findings not in this baseline.")
@click.option("--write-baseline", type=click.Path(path_type=str), help="Write the current findings as a baseline file.")
@click.option("--lang", type=click.Choice(("nl", "en")), default="nl", show_default=True, help="Language of the findings.")
@mapping_option
def analyse(model: str, fmt: str, output: Optional[str], rules: tuple[str, ...], peildatum: Optional[date],
            drempel: float, fail_on: str, backend: str, replace: bool, audit: bool, baseline: Optional[str],
            write_baseline: Optional[str], lang: str) -> None:
    """Run the rules on MODEL and report the findings."""
    from ketengraaf.pipeline import Analysis, Neo4jRules, NetworkXRules
    from ketengraaf.render import findings as render
    from ketengraaf.render.locate import make_locator
    from ketengraaf.rules import registry

    registry.select(rules)  # validate selectors before loading
    if replace and backend != "neo4j":
        raise UsageError("--replace goes with --backend neo4j (the NetworkX backend keeps nothing to replace)")
    inputs = Inputs.of_model(model, baseline)
    distinct_outputs(**{"-o": output, "--write-baseline": write_baseline})
    for out in (output, write_baseline):
        if out:
            inputs.check(out)
    with progress() as step:
        step("lezen en valideren" if lang == "nl" else "reading and validating")
        # The cross-checks run beside the graph build; the analysis waits for them before any rule.
        a = Analysis.open(model, peildatum=peildatum)
        if backend == "networkx":
            step("graaf bouwen" if lang == "nl" else "building the graph")
        report = a.findings(selectors=rules, lang=lang, audit=audit,
                            overrides={} if drempel is None else {"drempel": drempel},
                            keep_facts=fmt in ("sarif", "junit"),
                            backend=Neo4jRules(replace=replace) if backend == "neo4j" else NetworkXRules(),
                            progress=lambda ev: step(_progress_text(ev, lang)))
        m = a.model
    if baseline:
        known = _read_baseline(baseline)
        report.findings = [f for f in report.findings if (f.rule, f.subject) not in known]
    if write_baseline:
        atomic_write(write_baseline, json.dumps(
            {"tool": "ketengraaf", "model": report.model,
             "findings": [{"rule": f.rule, "subject": f.subject} for f in report.findings]},
            ensure_ascii=False, indent=2) + "\n")
    locate = make_locator(m)
    text: str | bytes
    if fmt == "json":
        text = render.to_json_bytes(report)  # 200 MB of findings need not be decoded to be written
    elif fmt == "sarif":
        text = render.to_sarif(report, locate, audit=audit)
    elif fmt == "markdown":
        text = render.to_markdown(report)
    elif fmt == "junit":
        text = render.to_junit(report, locate)
    else:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = render.to_text(report, color=color)
    _emit(text, output)
    sys.exit(report.exit_code(fail_on))


def _progress_text(event: str, lang: str) -> str:
    """A pipeline progress event (a rule code, or a stage) as the progress line shows it."""
    if event == "load":
        return "laden in Neo4j" if lang == "nl" else "loading into Neo4j"
    return f"regel {event}" if lang == "nl" else f"rule {event}"


def _read_baseline(path: str) -> set[tuple[str, str]]:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        return {(f["rule"], f["subject"]) for f in doc["findings"]}
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"{path}: not a ketengraaf baseline (write one with --write-baseline)") from None


def _emit(text: str | bytes, output: Optional[str]) -> None:
    if output:
        atomic_write(output, text)
    else:
        click.echo(text, nl=False)


# ------------------------------------------------------------------------------------------ catalogue
@cli.command("rules", epilog="""\b
Examples:
  ketengraaf rules
  ketengraaf rules --theme K --lang en
  ketengraaf rules --severity error --format json
""")
@click.option("--theme", "themes", multiple=True, help="Theme letter or name (R, M, K, D, S, U); repeatable.")
@click.option("--severity", type=click.Choice(("error", "warning", "info")))
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(("nl", "en")), default="nl", show_default=True)
def rules_cmd(themes: tuple[str, ...], severity: Optional[str], fmt: str, lang: str) -> None:
    """List the rule catalogue."""
    from ketengraaf.rules import registry

    chosen = registry.select(themes, severity=severity)
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "severity": r.severity, "theme": r.theme, "name": r.name}
                               for r in chosen], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(box=None, pad_edge=False)
    for c in ("code", "ernst" if lang == "nl" else "severity", "thema" if lang == "nl" else "theme", "naam" if lang == "nl" else "name"):
        t.add_column(c)
    for r in chosen:
        t.add_row(r.code, r.severity, r.theme, r.title(lang))
    Console(width=110, highlight=False).print(t)


@cli.command(epilog="""\b
Examples:
  ketengraaf explain M01
  ketengraaf explain k03 --lang en
""")
@click.argument("code")
@click.option("--lang", type=click.Choice(("nl", "en")), default="nl", show_default=True)
def explain(code: str, lang: str) -> None:
    """Print one rule in full: meaning, rationale, source, how to resolve it, and two complete
    models to run: one that triggers the rule (with the findings it gives) and the same model fixed."""
    from ketengraaf.rules import examples, registry

    r = registry.get(code)
    L = {"nl": ("Ernst", "Thema", "Waarom", "Bron", "Oplossen", "Fout", "Goed"),
         "en": ("Severity", "Theme", "Why", "Source", "How to resolve", "Bad", "Good")}[lang]
    found = examples.findings(r, "bad", lang)
    out = [f"{r.code} — {r.title(lang)}", "",
           f"{L[0]}: {r.severity}", f"{L[1]}: {r.theme}", "",
           f"{L[2]}:", _indent(r.rationale[lang]), "", f"{L[3]}: {r.source}", "",
           f"{L[4]}:", _indent(r.fix[lang]), "", f"{L[5]}:", _indent(r.bad), "",
           _indent(f"→ {r.code}: {', '.join(f.subject for f in found)}"), "", f"{L[6]}:", _indent(r.good)]
    click.echo("\n".join(out))


def _indent(s: str) -> str:
    return "\n".join("  " + line for line in s.strip().splitlines())


# ------------------------------------------------------------------------------------------ schema
@cli.command(epilog="""\b
Examples:
  ketengraaf schema -o ketengraaf.schema.json
  # then, first line of a model file, for yaml-language-server (VS Code YAML extension):
  # yaml-language-server: $schema=./ketengraaf.schema.json
""")
@click.option("-o", "--output", type=click.Path(path_type=str), help="Write to this file instead of stdout.")
def schema(output: Optional[str]) -> None:
    """Print the JSON Schema of the model format (for editors: yaml-language-server)."""
    from ketengraaf.model.jsonschema import model_schema

    _emit(json.dumps(model_schema(), ensure_ascii=False, indent=2) + "\n", output)


# ------------------------------------------------------------------------------------------ generate
@cli.command(epilog="""\b
Examples:
  ketengraaf generate --organisaties 200 --seed 7 -o voorbeeld-200.yaml
  ketengraaf generate --organisaties 20000 --seed 1 --split -o groot/
  ketengraaf generate --organisaties 100000 --agreement-density 0.1 --extra-stromen 28 -o veel.yaml
""")
@click.option("--organisaties", "n", type=click.IntRange(10, 10_000_000), default=200, show_default=True, help="Approximate number of organisations.")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=str), required=True, help="A .yaml file, or a directory with --split.")
@click.option("--split", is_flag=True, help="Spread the model over a directory of files.")
@click.option("--agreement-density", "density", type=click.FloatRange(0, 1), default=1.0, show_default=True,
              help="Share of the afspraken kept; lower makes most relations lack one (a finding-heavy model).")
@click.option("--extra-stromen", "extra", type=click.FloatRange(0, 1000), default=0.0, show_default=True,
              help="Extra gegevensstromen (deliveries) per dataset, on average.")
def generate(n: int, seed: int, output: str, split: bool, density: float, extra: float) -> None:
    """Write a valid, realistic synthetic model (deterministic per seed) for tests and benchmarks."""
    from ketengraaf.generate import write_model

    files = write_model(n, seed=seed, output=output, split=split, agreement_density=density, extra_stromen=extra)
    click.echo(f"wrote {len(files)} file{'s' if len(files) != 1 else ''} to {output}", err=True)


# ------------------------------------------------------------------------------------------ more commands
def _register_optional() -> None:
    """Commands that live in their own modules (diagrams and report; Neo4j; importers)."""
    import importlib

    for module, names in (("ketengraaf.render.commands", ("diagram", "report")),
                          ("ketengraaf.backends.commands", ("load", "unload")),
                          ("ketengraaf.query.command", ("query",)),
                          ("ketengraaf.importers.commands", ("import_group",)),
                          ("ketengraaf.exporters.commands", ("export_group",)),
                          ("ketengraaf.lsp.command", ("lsp",)),
                          ("ketengraaf.diff.commands", ("diff",))):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise
            continue
        for n in names:
            if hasattr(mod, n):
                cli.add_command(getattr(mod, n))


_register_optional()


# ------------------------------------------------------------------------------------------ entry point
def main(argv: Optional[list[str]] = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    # A command is a batch: nearly every object it makes lives until it ends, and the cyclic
    # garbage collector only spends time re-scanning them (about a third of the run time at
    # 100,000 organisations, docs/performance.md). Reference counting still frees everything else.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    old_term = _on_sigterm()
    try:
        # Not cli.main(): on Ctrl-C it prints an empty line and raises Abort, and the user is owed
        # exactly one line (below).
        with cli.make_context("ketengraaf", list(args)) as ctx:
            cli.invoke(ctx)
    except KeyboardInterrupt as e:
        # Outputs are written atomically (a temporary file or directory, renamed at the end), and
        # the temporary ones are removed on the way out, so nothing half-written is left.
        from ketengraaf.forking import cancel_all

        cancel_all()
        terminated = isinstance(e, Terminated)
        click.echo("ketengraaf: " + ("terminated" if terminated else "interrupted") +
                   "; no output was left half-written", err=True)
        sys.exit(143 if terminated else 130)
    except ModelInvalid as e:
        for p in e.problems:
            click.echo(str(p), err=True)
        click.echo(f"ketengraaf: {e}", err=True)
        sys.exit(2)
    except KetengraafError as e:
        if debug:
            raise
        click.echo(f"ketengraaf: {e}", err=True)
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("ketengraaf: aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(2 if e.exit_code in (1, 2) else e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # noqa: BLE001 - the one place that turns bugs into a sentence
        if debug:
            raise
        click.echo(f"ketengraaf: internal error ({type(e).__name__}: {e}); run with --debug for details", err=True)
        sys.exit(70)
    finally:
        from ketengraaf.forking import cancel_all

        cancel_all()  # a child whose work no one asked for (the embedded graph's fingerprint) ends with the command
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
        if gc_was_enabled:
            gc.enable()
    sys.exit(0)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the same clean-up runs (exit 143 instead of 130)."""


def _on_sigterm() -> Any:
    """Turn SIGTERM into :class:`Terminated` (only possible in the main thread)."""
    def handler(signum: int, frame: Any) -> None:
        raise Terminated()

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave the default
        return None


def _ignore_signals() -> None:
    """The command is done and its output complete: a Ctrl-C or SIGTERM from now on has nothing left
    to stop, and would only turn the last flush into a traceback."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(sig, signal.SIG_IGN)
        except (ValueError, OSError):  # not the main thread
            pass


def entry() -> None:
    """The console script and ``python -m ketengraaf``: :func:`main`, then leave at once.

    Tearing down the interpreter frees every object one by one: about a second after analysing a
    100,000-organisation model, for memory the operating system reclaims anyway. Every output is
    complete before main returns (files are written atomically and closed; the Neo4j driver is
    closed by its context manager), so the process flushes stdout and stderr and exits with
    ``os._exit``. Embedding code calls :func:`main`, which exits normally.
    """
    done: Optional[SystemExit] = None
    try:
        try:
            main()
        except SystemExit as e:
            done = e
            _ignore_signals()
    except KeyboardInterrupt as e:
        # A signal that arrives while the command works becomes exit 130 inside main; one that escapes
        # main arrived after the work was done (while its exit was on its way, or here): the output is
        # complete, so the command's own exit code stands.
        _ignore_signals()
        if done is None and isinstance(e.__context__, SystemExit):
            done = e.__context__
    code = 0
    if done is not None and done.code is not None:
        if isinstance(done.code, int):
            code = done.code
        else:
            print(done.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed or broken pipe: nothing left to say
            pass
    os._exit(code)


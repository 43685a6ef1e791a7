#!/usr/bin/env python3
"""The benchmark of issue 6: every stage of ketengraaf on generated models, beside PyYAML's C loader.

Usage:
    .venv/bin/python bench/run.py                        # 1,000 / 10,000 / 100,000 organisations
    .venv/bin/python bench/run.py --sizes 1000,10000 --write docs/performance.md
    .venv/bin/python bench/run.py --sizes 200 --no-neo4j  # a quick check

For each size it generates a model with `ketengraaf generate --organisaties N --seed S` and, for the
sizes of --heavy-sizes (default 100,000), also a finding-heavy one (issue 12: most relations lack an
agreement, `--agreement-density 0.1 --extra-stromen 28`, ~3.7 findings per organisation), and measures
on each:

* in a fresh process, the time and peak memory of each stage: parse (`yamlio.read_fast`), read +
  validate (`pipeline.load_model`), the graph's node and edge lists, rule context, every rule (its check and its findings
  finished: rendered, suppressed, sorted), finalise (U01 and the order of the rules) and JSON output;
  peak memory per stage is VmHWM, reset before each stage through /proc/self/clear_refs (bench/memory.py);
* `ketengraaf analyse FILE --format json -o OUT` and `ketengraaf validate FILE` end to end, as
  processes, with their peak RSS from `/usr/bin/time -f %M`;
* `yaml.load(f, Loader=yaml.CSafeLoader)` on the same file, in a fresh process (the naive floor);
* with a Neo4j server (`scripts/neo4j-server start`; skipped with --no-neo4j or when none answers):
  the batched load beside the naive per-row load and the analysis in Neo4j per rule query
  (bench/backend_neo4j.py).

Once, it draws the overzicht view of a generated model of at most 300 organisations (the largest view
that is drawn unfolded) with `ketengraaf diagram` to SVG, and times it.

It prints the tables (progress goes to stderr) and, with --write, writes them with the machine and
the command to rerun into a Markdown file. Every failing subprocess stops the run with its stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from memory import Peak  # noqa: E402

KG = [sys.executable, "-m", "ketengraaf"]
DEFAULT_SIZES = "1000,10000,100000"
TIME = "/usr/bin/time"

# Row names of the stage tables (tests/test_bench.py checks that the document has all of them).
PARSE = "parse (yamlio.read_fast)"
LOAD = "read + validate (pipeline.load_model)"
VALIDATE = "validate alone (difference)"
GRAPH = "graph lists (iter_graph)"
CONTEXT = "rule context"
FINALISE = "finalise"
JSON_OUT = "JSON output"
ANALYSE = "`ketengraaf analyse` end to end"
VALIDATE_CLI = "`ketengraaf validate` end to end"
PYYAML = "PyYAML CSafeLoader parse"
NEO_LOAD = "Neo4j load (batched)"
NEO_ANALYSIS = "Neo4j analysis"
STAGES = [PARSE, LOAD, VALIDATE, GRAPH, CONTEXT]  # then one row per rule, then:
AFTER_RULES = [FINALISE, JSON_OUT, ANALYSE, VALIDATE_CLI, PYYAML, NEO_LOAD, NEO_ANALYSIS]
RATIO_ANALYSE = "analyse ÷ PyYAML parse"
RATIO_VALIDATE = "validate ÷ PyYAML parse"

T_ANALYSE, T_VALIDATE, T_GROWTH, T_MEMORY, T_NEO4J, T_DIAGRAM = 0.25, 0.2, 12.0, 2.5, 20.0, 3.0
T_HEAVY = 0.25  # issue 12: analyse of the finding-heavy model ÷ PyYAML parse of the same file

#: The finding-heavy model (issue 12): `generate` options beside --organisaties and --seed.
HEAVY_DENSITY, HEAVY_STROMEN = 0.1, 28.0
NEO4J_HEADING = "### Neo4j: load and analysis"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------
# subprocesses


def _tail(text: Optional[str], n: int = 3000) -> str:
    return (text or "")[-n:].rstrip()


def run_cmd(args: list[str], what: str, **kw: Any) -> subprocess.CompletedProcess:
    """Run ``args``; any non-zero exit raises RuntimeError with the tail of its stderr."""
    p = subprocess.run(args, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {p.returncode}): {' '.join(args)}\n{_tail(p.stderr)}")
    return p


def timed_cmd(args: list[str], what: str, tmp: str) -> tuple[float, Optional[float]]:
    """Wall-clock seconds and peak RSS (MB, from /usr/bin/time -f %M; None without it) of a command."""
    mem_file = os.path.join(tmp, "time-M.txt")
    use_time = os.access(TIME, os.X_OK)
    full = [TIME, "-f", "%M", "-o", mem_file, *args] if use_time else args
    t = time.perf_counter()
    run_cmd(full, what)
    el = time.perf_counter() - t
    if not use_time:
        return el, None
    kb = int(Path(mem_file).read_text().strip().splitlines()[-1])
    return el, kb * 1024 / 1e6


def in_fresh_process(fn: str, *args: str) -> dict:
    """Run worker ``fn`` of this file in a new Python process; its result is the last stdout line (JSON)."""
    p = run_cmd([sys.executable, str(Path(__file__).resolve()), "_worker", fn, *args], f"worker {fn}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def generate(n: int, seed: int, path: str, extra: tuple[str, ...] = ()) -> str:
    run_cmd([*KG, "generate", "--organisaties", str(n), "--seed", str(seed), *extra, "-o", path], f"generate {n}")
    return path


def heavy_options(args: argparse.Namespace) -> tuple[str, ...]:
    return ("--agreement-density", f"{args.heavy_density:g}", "--extra-stromen", f"{args.heavy_stromen:g}")


# ------------------------------------------------------------------------------------------------
# workers (each in a fresh process)


def stages(path: str) -> dict:
    """Time and peak memory of each in-process stage of `ketengraaf analyse` on ``path``."""
    import gc

    from ketengraaf.model import yamlio
    from ketengraaf.pipeline import Analysis, load_model
    from ketengraaf.render.findings import to_json_bytes
    from ketengraaf.rules import registry
    from ketengraaf.rules.engine import ExceptionSpec, Report, RuleFindings, exception_index, finalise_blocks

    # As in the CLI (cli.main): no cyclic garbage collection while the pipeline runs. Between
    # stages a collection is forced (outside the timing) so that each stage's peak is its own.
    gc.disable()
    peak = Peak()
    times: dict[str, float] = {}
    mem: dict[str, float] = {}

    class stage:
        def __init__(self, name: str) -> None:
            self.name = name

        def __enter__(self) -> None:
            gc.collect()
            peak.reset()
            self.t = time.perf_counter()

        def __exit__(self, *exc: Any) -> None:
            times[self.name] = time.perf_counter() - self.t
            mem[self.name] = peak.mb()

    with stage(PARSE):
        data = yamlio.read_fast(Path(path).read_bytes())
    fast = data is not None
    del data
    with stage(LOAD):
        model = load_model(path)
    times[VALIDATE] = times[LOAD] - times[PARSE]
    # As Analysis.context does it for analyse: the graph's lists (the one definition both backends
    # load), then the context read from them; the NetworkX graph itself is built only for diagrams,
    # the report and the Neo4j load.
    from ketengraaf.graph.build import iter_graph
    from ketengraaf.graph.view import Context

    a = Analysis(model)
    with stage(GRAPH):
        nodes, edges = iter_graph(model)
    with stage(CONTEXT):
        ctx = Context.of_lists(nodes, edges, model_id=model.id, peildatum=a.peildatum)
    # Counted as the graph merges them (a repeated node or (source, target, type) is one).
    n_nodes, n_edges = len({n for n, _ in nodes}), len({(u, v, k) for u, v, k, _ in edges})
    del nodes, edges
    # As the pipeline's NetworkX strategy does it on one process: each rule's check and its findings finished
    # (rendered, suppressed, sorted) in one stage; then U01 and the order of the rules.
    blocks = {}
    rules = registry.select()
    exc = [ExceptionSpec(e.regel, e.onderwerp, e.reden, e.geldig_tot) for e in ctx.exceptions]
    index = exception_index(exc, peildatum=ctx.peildatum, rules=rules)
    for r in rules:
        with stage(f"rule {r.code}"):
            if r.code != "U01":
                blocks[r.code] = RuleFindings.from_hits(r, r.run(ctx), index.get(r.code))
    with stage(FINALISE):
        ordered = finalise_blocks(blocks, exc, peildatum=ctx.peildatum, rules=rules)
        rep = Report(model.id, model.naam, ctx.peil, "networkx", [r.code for r in rules], blocks=ordered)
    with stage(JSON_OUT):
        text = to_json_bytes(rep)
    facts = {"fast path used": fast, "organisations": len(model.organisaties), "graph nodes": n_nodes,
             "graph edges": n_edges, "findings (NetworkX)": sum(b.count for b in ordered),
             "JSON (MB)": len(text) / 1e6}
    return {"time": times, "mem": mem, "facts": facts, "exact_peak": peak.exact}


def pyyaml_parse(path: str) -> dict:
    import yaml

    peak = Peak()
    t = time.perf_counter()
    with open(path, "rb") as fh:
        yaml.load(fh, Loader=yaml.CSafeLoader)
    return {"time": time.perf_counter() - t, "mem": peak.mb()}


# ------------------------------------------------------------------------------------------------
# measurements


def measure_size(n: int, args: argparse.Namespace, tmp: str, neo4j: bool, heavy: bool = False) -> dict:
    """Every measurement of one generated model: the normal one, or with ``heavy`` the finding-heavy one."""
    path = os.path.join(tmp, f"gen-{n}{'-heavy' if heavy else ''}.yaml")
    what = f"n={n}{' finding-heavy' if heavy else ''}"
    log(f"{what}: generate")
    t = time.perf_counter()
    generate(n, args.seed, path, heavy_options(args) if heavy else ())
    r: dict[str, Any] = {"generate (s)": time.perf_counter() - t, "YAML (MB)": os.path.getsize(path) / 1e6}
    log(f"{what}: stages in a fresh process")
    st = in_fresh_process("stages", path)
    r["time"], r["mem"], r["exact_peak"] = st["time"], st["mem"], st["exact_peak"]
    r["facts"] = {"YAML (MB)": r["YAML (MB)"], **st["facts"], "generate (s)": r["generate (s)"]}
    # The three end-to-end measurements take turns, --repeat times, and report the median time
    # (and the highest peak memory): on a shared machine single runs vary by 20 % and more.
    runs: dict[str, list[tuple[float, Optional[float]]]] = {ANALYSE: [], VALIDATE_CLI: [], PYYAML: []}
    for i in range(args.repeat):
        log(f"{what}: end to end, round {i + 1} of {args.repeat}: analyse, validate, PyYAML")
        runs[ANALYSE].append(timed_cmd(
            [*KG, "analyse", path, "--format", "json", "-o", os.path.join(tmp, f"out-{n}.json"), "--fail-on", "never"],
            f"ketengraaf analyse ({n})", tmp))
        runs[VALIDATE_CLI].append(timed_cmd([*KG, "validate", path], f"ketengraaf validate ({n})", tmp))
        py_run = in_fresh_process("pyyaml_parse", path)
        runs[PYYAML].append((py_run["time"], py_run["mem"]))
    for key, got in runs.items():
        r["time"][key] = statistics.median(t for t, _ in got)
        mems = [m for _, m in got if m is not None]
        r["mem"][key] = max(mems) if mems else None
    r["spread"] = {key: (min(t for t, _ in got), max(t for t, _ in got)) for key, got in runs.items()}
    # Each round's analyse ÷ its own PyYAML run: less exposed to load that comes and goes.
    per_round = [a / p for (a, _), (p, _) in zip(runs[ANALYSE], runs[PYYAML])]
    r["spread"][RATIO_ANALYSE] = (min(per_round), max(per_round))
    py = {"time": r["time"][PYYAML]}
    r["time"][RATIO_ANALYSE] = r["time"][ANALYSE] / py["time"]
    r["time"][RATIO_VALIDATE] = r["time"][VALIDATE_CLI] / py["time"]
    log(f"{what}: analyse {r['time'][ANALYSE]:.2f} s ({r['time'][RATIO_ANALYSE]:.2f}× PyYAML), validate "
        f"{r['time'][VALIDATE_CLI]:.2f} s ({r['time'][RATIO_VALIDATE]:.2f}×), PyYAML {py['time']:.2f} s")
    if neo4j and not heavy:
        import backend_neo4j

        log(f"{what}: Neo4j")
        nr = backend_neo4j.measure(path, n, naive_max=args.neo4j_naive_max, naive_timeout=args.neo4j_naive_timeout,
                                   cap=args.neo4j_timeout, log=log)
        r["neo4j"] = nr
        r["time"][NEO_LOAD], r["mem"][NEO_LOAD] = nr["load_s"], nr["load_mb"]
        r["time"][NEO_ANALYSIS], r["mem"][NEO_ANALYSIS] = nr["analysis_s"], nr["analysis_mb"]
        r["facts"]["findings (Neo4j)"] = nr["findings"]
    os.remove(path)
    return r


def diagram_bench(tmp: str, seed: int, target: int = 300) -> dict:
    """`ketengraaf diagram --view overzicht` of a generated model of at most ``target`` organisations."""
    from ketengraaf.pipeline import load_model

    try:
        from ketengraaf.render.dot import MAX_ORGS as limit  # above it, overzicht folds the picture
    except ImportError:  # pragma: no cover
        limit = target
    limit = min(limit, target)
    path = os.path.join(tmp, "diagram.yaml")
    asked = target
    for _ in range(20):  # `generate` makes whole ministries: step down until the model fits
        generate(asked, seed, path)
        orgs = len(load_model(path).organisaties)
        if orgs <= limit:
            break
        asked -= max(1, orgs - limit)
    else:
        raise RuntimeError(f"could not generate a model of at most {limit} organisations")
    svg, dot = os.path.join(tmp, "overzicht.svg"), os.path.join(tmp, "overzicht.dot")
    cmd = [*KG, "diagram", path, "--view", "overzicht", "-o"]
    to_dot, _ = timed_cmd([*cmd, dot], "ketengraaf diagram (dot)", tmp)
    text = Path(dot).read_text(encoding="utf-8")
    out = {"asked": asked, "organisations": orgs, "e2e": None, "mb": None, "to_dot": to_dot, "graphviz": None,
           "path": path, "nodes": None, "frames": text.count("subgraph \"cluster_")}
    if shutil.which("dot"):  # Graphviz: the SVG end to end, and `dot` alone on the same DOT text
        out["e2e"], out["mb"] = timed_cmd([*cmd, svg], "ketengraaf diagram (svg)", tmp)
        t = time.perf_counter()
        run_cmd(["dot", "-Tsvg", "-o", os.path.join(tmp, "again.svg"), dot], "dot -Tsvg")
        out["graphviz"] = time.perf_counter() - t
        svg_text = Path(svg).read_text(encoding="utf-8")
        out["nodes"], out["frames"] = svg_text.count('class="node"'), svg_text.count('class="cluster"')
    return out


# ------------------------------------------------------------------------------------------------
# machine


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    osname = f"{platform.system()} {platform.release()}"
    try:
        rel = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
        osname += f" ({rel.get('PRETTY_NAME', '').strip(chr(34))})"
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}, {osname}")


def graphviz_version() -> str:
    if not shutil.which("dot"):
        return "not installed"
    p = subprocess.run(["dot", "-V"], capture_output=True, text=True)
    m = re.search(r"version (\S+)", p.stderr + p.stdout)
    return m.group(1) if m else "unknown"


# ------------------------------------------------------------------------------------------------
# tables


def fmt_s(v: Optional[float]) -> str:
    if v is None:
        return "—"
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.3f}" if v < 1 else f"{v:.2f}"


def fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return fmt_s(v)
    return str(v)


def _table(head: list[str], rows: list[list[str]], align: str = "") -> str:
    """A Markdown table; ``align`` has one letter per column, l or r (default: first left, rest right)."""
    align = align or "l" + "r" * (len(head) - 1)
    lines = ["| " + " | ".join(head) + " |", "|" + "".join("---|" if a == "l" else "---:|" for a in align)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def stage_rows(codes: list[str]) -> list[str]:
    return [*STAGES, *[f"rule {c}" for c in codes], *AFTER_RULES]


def main_tables(sizes: list[int], res: dict[int, dict], codes: list[str], model: str = "") -> str:
    """The model, time and memory tables; ``model`` names a model other than the normal one in the headings."""
    head = ["", *[f"{n:,} orgs" for n in sizes]]
    facts = list(dict.fromkeys(k for n in sizes for k in res[n]["facts"]))
    pre = f"{model}: " if model else ""

    def heading(text: str) -> str:
        return f"### {pre}{text[0].lower() if pre else text[0]}{text[1:]}\n"

    out = [heading("The models"), _table(head, [[k, *[fmt(res[n]["facts"].get(k)) for n in sizes]] for k in facts])]
    rows = stage_rows(codes)

    def cell(n: int, k: str, what: str) -> str:
        v = res[n][what].get(k)
        if v is None and k in (NEO_LOAD, NEO_ANALYSIS):
            nr = res[n].get("neo4j")
            if nr is None:
                return "not run"
            if nr.get("stopped") and what == "time" and (k == NEO_ANALYSIS or nr["load_s"] is None):
                return neo4j_unfinished(nr)
        return fmt_s(v) if v is not None else "—"

    trows = []
    for k in rows:
        trows.append([k, *[cell(n, k, "time") for n in sizes]])
        if k == PYYAML:
            trows += [[r, *[f"{res[n]['time'][r]:.2f}×" for n in sizes]] for r in (RATIO_ANALYSE, RATIO_VALIDATE)]
    out += ["\n" + heading("Time per stage (seconds)"), _table(["stage", *head[1:]], trows)]
    if all("spread" in res[n] for n in sizes):
        spread = [k for k in (ANALYSE, VALIDATE_CLI, PYYAML, RATIO_ANALYSE) if all(k in res[n]["spread"] for n in sizes)]
        out += ["\nThe end-to-end rows and PyYAML are medians of the rounds; fastest–slowest round (and the "
                "ratio of each round's analyse to the same round's PyYAML parse):\n",
                _table(["end to end", *head[1:]],
                       [[k + (" (per round)" if k == RATIO_ANALYSE else ""),
                         *[f"{res[n]['spread'][k][0]:.2f}–{res[n]['spread'][k][1]:.2f}" for n in sizes]]
                        for k in spread])]
    out += ["\n" + heading("Peak memory per stage (MB)"),
            _table(["stage", *head[1:]], [[k, *[cell(n, k, "mem") for n in sizes]] for k in rows if k != VALIDATE])]
    return "\n".join(out)


def neo4j_unfinished(r: dict) -> str:
    """The cell for a Neo4j load or analysis that did not finish."""
    if str(r["stopped"]).startswith("failed"):
        return "failed (see below)"
    return f"> {r['cap']:.0f} (cap; stopped {r['stopped']})"


def neo4j_tables(sizes: list[int], res: dict[int, Any], codes: Optional[list[str]] = None) -> str:
    """The Neo4j tables; ``res[n]`` is :func:`backend_neo4j.measure`'s dict (or a size's result holding it)."""
    nr = {n: res[n] if "load_s" in res[n] else res[n].get("neo4j") for n in sizes}
    sizes = [n for n in sizes if nr[n]]
    if not sizes:
        return ""
    head = ["", *[f"{n:,} orgs" for n in sizes]]

    def rate(v: Optional[float]) -> str:
        return "—" if v is None else f"{v:,.0f}"

    def naive_rows(r: dict) -> str:
        if r.get("naive_error"):
            return "failed (see below)"
        if r["naive_rows"] is None:
            return "—"
        return f"{r['naive_rows']:,}" + (" (all)" if r["naive_complete"] else " (first rows, then stopped)")

    load = [["nodes + relationships", *[fmt(nr[n]["rows"]) for n in sizes]],
            ["batched load (s)", *[fmt_s(nr[n]["load_s"]) for n in sizes]],
            ["batched load (rows/s)", *[rate(nr[n]["batched_rate"]) for n in sizes]],
            ["naive load: rows written", *[naive_rows(nr[n]) for n in sizes]],
            ["naive load (rows/s)", *[rate(nr[n]["naive_rate"]) for n in sizes]],
            ["batched ÷ naive throughput", *[f"{nr[n]['ratio']:.1f}×" if nr[n]["ratio"] else "—" for n in sizes]],
            ["Neo4j analysis (s)", *[fmt_s(nr[n]["analysis_s"]) if nr[n]["analysis_s"] is not None
                                     else neo4j_unfinished(nr[n]) for n in sizes]],
            ["findings", *[fmt(nr[n]["findings"]) for n in sizes]],
            ["server RSS after (MB)", *[fmt_s(nr[n].get("server_mb")) for n in sizes]]]
    out = ["### Neo4j: load and analysis\n", _table(head, load)]
    for n in sizes:
        r = nr[n]
        stopped = str(r["stopped"] or "")
        if stopped.startswith("failed: "):
            out.append(f"\nAt {n:,} organisations the Neo4j load + analysis failed: {stopped[8:]}")
        elif stopped:
            out.append(f"\nAt {n:,} organisations the Neo4j {'load' if r['load_s'] is None else 'analysis'} was "
                       f"stopped at the cap of {r['cap']:.0f} s ({stopped}).")
        if r.get("naive_error"):
            out.append(f"\nAt {n:,} organisations the naive load failed: {r['naive_error']}")
    codes = codes or sorted({c for n in sizes for c in nr[n]["rules"]})
    rows = []
    for c in codes:
        if c == "U01":
            continue  # U01 has no query: the engine adds it from the exceptions
        cells = []
        for n in sizes:
            r = nr[n]
            if c in r["rules"]:
                v = r["rules"][c]
                cells.append(f"> {r['cap']:.0f} (stopped)" if v is None else fmt_s(v) + ("¹" if c == r["last_rule"] else ""))
            else:
                cells.append("not run" if r["stopped"] else "—")
        rows.append([f"rule {c}", *cells])
    out += ["\n### Neo4j: time per rule query (seconds)\n", _table(["query", *head[1:]], rows),
            "\n¹ The last rule's time also holds the exceptions query and `finalise`."]
    slow = []
    for n in sizes:
        ts = sorted(((v, c) for c, v in nr[n]["rules"].items() if v is not None), reverse=True)[:3]
        total = sum(v for v, _ in ts)
        whole = nr[n]["analysis_s"] or sum(v for v in nr[n]["rules"].values() if v is not None)
        if ts and whole:
            slow.append(f"{n:,}: " + ", ".join(f"{c} {fmt_s(v)} s" for v, c in ts)
                        + f" ({100 * total / whole:.0f}% of the analysis)")
    if slow:
        out.append("\nSlowest rule queries per size — " + "; ".join(slow) + ".")
    return "\n".join(out)


def diagram_table(d: dict) -> str:
    rows = [["organisations in the model", f"{d['organisations']:,} (`generate --organisaties {d['asked']}`)"],
            ["nodes / frames in the SVG", f"{fmt(d['nodes'])} / {fmt(d['frames'])}"],
            ["`ketengraaf diagram --view overzicht -o overzicht.svg` (end to end)",
             f"{fmt_s(d['e2e'])} s, peak {fmt_s(d['mb'])} MB" if d["e2e"] else "not measured: Graphviz not installed"],
            ["the same to `.dot` (everything but Graphviz)", f"{fmt_s(d['to_dot'])} s"],
            ["`dot -Tsvg overzicht.dot` (Graphviz alone)", f"{fmt_s(d['graphviz'])} s" if d["graphviz"] else "—"]]
    return "### Diagram of a 300-node view\n\n" + _table(["measurement", "value"], rows, "ll")


def targets(sizes: list[int], res: dict[int, dict], diag: dict, heavy: Optional[dict[int, dict]] = None,
            kept_neo4j: Optional[tuple[str, str]] = None, err: Optional[dict] = None) -> tuple[str, list[tuple]]:
    """The targets table. ``heavy``: the finding-heavy model's results by size (issue 12);
    ``kept_neo4j``: the Neo4j row's (measured, status) from an earlier run, when this one had none."""
    big = 100_000 if 100_000 in sizes else max(sizes)
    at = f"at {big:,}" + ("" if big == 100_000 else " (100,000 not run)")

    def status(ok: Optional[bool], at_big: bool = True) -> str:
        if ok is None:
            return "not measured"
        word = "**met**" if ok else "**not met**"
        return word if at_big or big == 100_000 else f"{word} at {big:,} (indicative)"

    rows = []
    ra = res[big]["time"][RATIO_ANALYSE]
    rows.append(("`analyse` end to end ÷ PyYAML parse, 100,000 orgs", f"≤ {T_ANALYSE}×", f"{ra:.2f}× {at}", ra <= T_ANALYSE))
    rv = res[big]["time"][RATIO_VALIDATE]
    rows.append(("`validate` end to end ÷ PyYAML parse, 100,000 orgs", f"≤ {T_VALIDATE}×", f"{rv:.2f}× {at}",
                 rv <= T_VALIDATE))
    if 10_000 in sizes and 100_000 in sizes:
        g = res[100_000]["time"][ANALYSE] / res[10_000]["time"][ANALYSE]
        rows.append(("growth of `analyse` time, 10,000 → 100,000 orgs", f"≤ {T_GROWTH:g}×", f"{g:.1f}×", g <= T_GROWTH))
    else:
        rows.append(("growth of `analyse` time, 10,000 → 100,000 orgs", f"≤ {T_GROWTH:g}×", "needs both sizes", None))
    peak = max([res[big]["mem"][k] for k in (ANALYSE, VALIDATE_CLI) if res[big]["mem"].get(k)], default=None)
    rows.append(("peak memory of `analyse`/`validate`, 100,000 orgs", f"< {T_MEMORY} GB",
                 f"{peak / 1000:.2f} GB {at}" if peak else "—", None if peak is None else peak / 1000 < T_MEMORY))
    ratios = {n: res[n]["neo4j"]["ratio"] for n in sizes if res[n].get("neo4j") and res[n]["neo4j"]["ratio"]}
    if ratios:
        worst = min(ratios.values())
        rows.append(("Neo4j batched ÷ naive load throughput", f"≥ {T_NEO4J:g}×",
                     ", ".join(f"{v:.1f}× at {n:,}" for n, v in ratios.items()), worst >= T_NEO4J))
    elif kept_neo4j:
        rows.append(("Neo4j batched ÷ naive load throughput", f"≥ {T_NEO4J:g}×", kept_neo4j[0], kept_neo4j[1]))
    else:
        rows.append(("Neo4j batched ÷ naive load throughput", f"≥ {T_NEO4J:g}×", "not run", None))
    if heavy:
        hb = 100_000 if 100_000 in heavy else max(heavy)
        hat = f"at {hb:,}" + ("" if hb == 100_000 else " (100,000 not run)")
        h = heavy[hb]
        rh = h["time"][RATIO_ANALYSE]
        lo, hi = h["spread"][RATIO_ANALYSE]
        def hstatus(ok: Optional[bool]) -> str:
            if ok is None:
                return "not measured"
            word = "**met**" if ok else "**not met**"
            return word if hb == 100_000 else f"{word} at {hb:,} (indicative)"

        rows.append(("`analyse` end to end ÷ PyYAML parse, finding-heavy model, 100,000 orgs (issue 12)",
                     f"≤ {T_HEAVY}×", f"{rh:.2f}× {hat} ({fmt(h['facts']['findings (NetworkX)'])} findings; "
                     f"rounds {lo:.2f}–{hi:.2f}×)", hstatus(rh <= T_HEAVY)))
        hp = h["mem"].get(ANALYSE)
        rows.append(("peak memory of `analyse`, finding-heavy model, 100,000 orgs (issue 12)", f"< {T_MEMORY} GB",
                     f"{hp / 1000:.2f} GB {hat}" if hp else "—", hstatus(None if hp is None else hp / 1000 < T_MEMORY)))
    else:
        rows.append(("`analyse` end to end ÷ PyYAML parse, finding-heavy model, 100,000 orgs (issue 12)",
                     f"≤ {T_HEAVY}×", "not run (--heavy-sizes)", None))
    if err:
        eat = f"at {err['size']:,}" + ("" if err["size"] == 100_000 else " (100,000 not run)")
        ok_t, ok_m = err["ratio"] <= 2.0, err["errors_mb"] < 1536
        ind = "" if err["size"] == 100_000 else " (indicative)"
        rows.append((f"`validate` with {err['errors']} scattered errors ÷ `validate` of the valid model, 100,000 orgs "
                     f"(issue 12)", "≤ 2×", f"{err['ratio']:.2f}× {eat} ({err['errors_s']:.2f} s vs {err['valid_s']:.2f} s)",
                     ("**met**" if ok_t else "**not met**") + ind))
        rows.append((f"peak memory of `validate` with {err['errors']} errors, 100,000 orgs (issue 12)", "< 1.5 GB",
                     f"{err['errors_mb'] / 1000:.2f} GB {eat}", ("**met**" if ok_m else "**not met**") + ind))
    else:
        rows.append(("`validate` with 20 scattered errors ÷ `validate` of the valid model, 100,000 orgs (issue 12)",
                     "≤ 2×", "not run (--errors-size none)", None))
    if diag["e2e"] is None:
        rows.append(("diagram of a 300-node view", f"< {T_DIAGRAM:g} s", "Graphviz not installed", None))
    else:
        rows.append(("diagram of a 300-node view", f"< {T_DIAGRAM:g} s",
                     f"{diag['e2e']:.2f} s ({diag['nodes']} nodes)", diag["e2e"] < T_DIAGRAM))
    text = _table(["target (issue 6 unless stated)", "limit", "measured", "status"],
                  [[a, b, c, d if isinstance(d, str) else status(d, "100,000" not in a)] for a, b, c, d in rows],
                  "llll")
    return text, rows


NOTES = """\
## How to read this

- Every stage row of *Time per stage* and *Peak memory per stage* runs in one fresh Python process per
  size, in the order of the table, on the same generated file: *parse* is `yamlio.read_fast` on the
  file's bytes (rapidyaml + orjson, docs/model-format.md "How files are read"); *read + validate* is
  `pipeline.load_model`, which parses again and then validates (pydantic and the cross-checks), so
  *validate alone* is the difference of the two; *graph lists* is `graph.build.iter_graph` (the node and edge lists that NetworkX and
  Neo4j load too); *rule context* is `Context.of_lists` on them, as `analyse` does it (the NetworkX
  graph is built only for diagrams, the report and the Neo4j load). A
  *rule* row is its check and its findings finished (message rendered, related ids normalised,
  uitzonderingen applied, sorted), as `analyse` does per rule in the process that ran it. Rules
  that fill a lazily computed part of the context pay for it, so the first rule to use it looks
  slower. *finalise* is U01 and putting the rules in order; *JSON output* is `to_json_bytes`.
  These stages run on one process; `analyse` runs the rules on two (above 5,000 organisations),
  so its end-to-end time is less than the sum of the stages plus start-up.
- *Peak memory per stage* is {peak_how} It is the whole process's resident memory, so it includes what
  earlier stages still hold (the model, the graph's lists): the row shows how high a stage drives it.
- *`ketengraaf analyse` end to end* is `ketengraaf analyse FILE --format json -o OUT` and
  *`ketengraaf validate` end to end* is `ketengraaf validate FILE`, each as a separate process,
  including Python's start-up and imports (about 1 s, which dominates the smallest model); their
  memory is the peak RSS that `/usr/bin/time -f %M` reports.
- *PyYAML CSafeLoader parse* is only `yaml.load(f, Loader=yaml.CSafeLoader)` on the same file in a
  fresh process: the naive floor of a PyYAML-based tool. The ratios and the targets compare the end
  to end commands with it: the median `analyse` over the median PyYAML parse; the spread table
  also gives each round's `analyse` over the PyYAML parse of the same round.
- The finding-heavy model (issue 12) is measured the same way, on its own file; its PyYAML parse
  is of that file, which is larger (its extra gegevensstromen) than the normal model's. No Neo4j
  runs on it. When a run measures no Neo4j (`--no-neo4j`, or no server) and `--write` names an
  existing document, that document's Neo4j section and target are kept, marked with their date.
- *Neo4j load (batched)* and *Neo4j analysis* are the pipeline's `Neo4jRules` (what `analyse --backend neo4j` runs)
  on the same model under a model id of its own, which is removed afterwards; the load replaces
  nothing (a new model id), the analysis runs every rule's Cypher in one read transaction. Their
  memory is the Python client's; the server's is the *server RSS after* row (the JVM keeps its heap).
  The time per rule query is measured between the progress calls that `Neo4jRules` makes before each
  rule. An analysis longer than `--neo4j-timeout` seconds is stopped (its transaction terminated)
  and shown as "> cap".
- *naive load* is `load_naive` of `bench/naive_neo4j.py` (one statement per node and per relationship) on the same
  model, in the same run, right after the batched load was removed again. A model of more than
  `--neo4j-naive-max` rows is not loaded whole (at 500–1,000 rows/s, 800,000 rows take about 20 minutes): the naive load
  is stopped after that many rows and its transaction rolls back. Both throughputs are rows over wall
  time from the call on (plan and set-up included). The naive load writes all nodes first, so a
  stopped run measures mostly nodes; on a whole model (1,000 organisations) its rate for nodes and
  for relationships was about the same, so the stopped runs are comparable. The
  sizes marked "(all)" compare exactly like with like. Before the first size one small model is
  loaded and analysed three times, unreported, so that the server's JIT is warm (one round was not enough).
- The diagram is the overzicht view of a generated model of at most 300 organisations: the largest
  that the view draws without folding (above that it shows only organisations with findings).
- The end-to-end commands and the PyYAML parse run in turns, `--repeat` rounds (default 3), and
  the tables show the median (the spread is listed below the time table); the in-process stages
  run once. The stages run with the cyclic garbage collector off, as the CLI does.
- Timings are wall-clock seconds. Other work on the machine slows them down (the
  load average at the start is in the first paragraph; the command warns above 0.5). The Neo4j
  rows are the noisiest: the same 1,000-organisation analysis took between 3 and 13 s in runs a
  few minutes apart, and which rule queries were slow changed from run to run. That points at the
  server (query planning after the statistics changed, JIT, garbage collection, on the same 2
  cores) rather than at the queries; at 10,000 organisations two runs took 19 and 25 s.
"""


def heavy_tables(sizes: list[int], res: dict[int, dict], codes: list[str], args: argparse.Namespace) -> str:
    """The finding-heavy model's tables, after a paragraph on what it is and where its time goes."""
    opts = " ".join(heavy_options(args))
    intro = [f"The finding-heavy model of issue 12: `ketengraaf generate --organisaties N --seed {args.seed} {opts}`, "
             "the same organisations, relations, ketens and gegevens as the normal model, with only "
             f"{args.heavy_density:.0%} of its afspraken and about {args.heavy_stromen:g} more gegevensstromen per dataset "
             "(deliveries to gemeenten and executors), so that most relations, flows and handovers lack an "
             "agreement (R06, S03, S04, K04, D05, D06 fire on them)."]
    for n in sizes:
        t = res[n]["time"]
        per_rule = {k[5:]: v for k, v in t.items() if k.startswith("rule ") and k != CONTEXT}
        rules = sum(per_rule.values())
        slow = sorted(((v, c) for c, v in per_rule.items()), reverse=True)[:3]
        parts = [(LOAD, t[LOAD]), (GRAPH, t[GRAPH]), (CONTEXT, t[CONTEXT]), ("the rules", rules),
                 (FINALISE, t[FINALISE]), (JSON_OUT, t[JSON_OUT])]
        total = sum(v for _, v in parts)
        intro.append(
            f"\nWhere the time goes at {n:,} organisations ({fmt(res[n]['facts']['findings (NetworkX)'])} findings): "
            f"the in-process stages add up to {fmt_s(total)} s on one process — "
            + ", ".join(f"{k} {fmt_s(v)} s ({100 * v / total:.0f}%)" for k, v in parts)
            + f"; the slowest rules are " + ", ".join(f"{c} {fmt_s(v)} s" for v, c in slow)
            + f". End to end, on two processes and with Python's start-up and the file written, `analyse` took "
            f"{fmt_s(t[ANALYSE])} s against {fmt_s(t[PYYAML])} s for PyYAML's parse ({t[RATIO_ANALYSE]:.2f}×): "
            f"issue 12's target (≤ {T_HEAVY}×) is **{'met' if t[RATIO_ANALYSE] <= T_HEAVY else 'not met'}**"
            f"{'' if n == 100_000 else ' at this size (it is set for 100,000)'}; per round "
            f"{res[n]['spread'][RATIO_ANALYSE][0]:.2f}–{res[n]['spread'][RATIO_ANALYSE][1]:.2f}×.")
    return ("## Finding-heavy model (issue 12)\n\n" + "\n".join(intro) + "\n\n" + main_tables(
        sizes, res, codes, model="Finding-heavy model") + "\n\n### Finding-heavy model: design and next step\n\n"
        + HEAVY_DESIGN)


#: What issue 12 changed, what holds the finding-heavy model back and the next design step. The
#: figures here are from the measurements named in the text, not from this run.
HEAVY_DESIGN = """\
What changed for it (issue 12). Before, every finding was a chain of Python objects: a `Hit` per
check result, a `Finding` per hit, one global sort, a dict per finding for the JSON, and with two
processes the child pickled its hits to the parent (1.1 s to dump and 0.5 s to load 330,000 of them).
Now each rule's hits become a block of plain row tuples in the process that ran the rule
(rendered, suppressed, sorted there), a block's JSON is made in one orjson call already indented
as in the report, the child sends its blocks as that JSON (one buffer, streamed by pickle), and the
writer joins the blocks' bytes and writes bytes: no `Finding` or dict per finding on the JSON path.
The fixed split of the rules over the two processes (K and D in the child) is replaced by units
per theme that whichever process is free claims, with D05 a unit of its own: on this model it
finds 70 % of the findings, and in one unit with the rest of D it kept the parent waiting for the
child 1.4 s of 4.3 s (now 0.3 s). Measured side by side (interleaved, 4 rounds each, medians, on a
machine with a load average of 3-4) against the code before issue 12 (commit 8c93dac): `analyse`
of the 100,000-organisation finding-heavy model 30.8 s → 24.0 s and 2.59 → 2.15 GB peak; the
normal model 15.1 s → 13.9 s, 1.11 → 1.09 GB; the JSON byte for byte the same.

Then the model's representations. `analyse` read the model four times over: pydantic objects,
the graph's node and edge lists, the NetworkX graph, and the rule context. The rules never read
the NetworkX graph, so the context is now read straight from the lists (`Context.of_lists`, which
merges repeated nodes and edges exactly as the graph does; `tests/test_graph_properties.py` holds
both ways to the same findings); the graph is built only for diagrams, the report and the Neo4j
load. That removed the graph build (about 2.5 s here) from `analyse`. The fast reader's safety
checks now run as two combined RE2 passes instead of one per pattern.

The ratio still moves with the load of the machine more than with small changes of the code (on
2026-12-05 the same code gave per-round ratios of 0.22–0.52× on the normal model): two busy
processes lose more to other load than PyYAML's one. Writing the 216 MB of JSON takes 0.1–2.8 s on
this VM's disk depending on its write-back state. What remains is serial Python over about a
million items: read and validate (rapidyaml, orjson, pydantic, the cross-checks on the second
core), the lists and the context. The next design step is to validate straight from the JSON
bytes (`model_validate_json`) and to build the lists from the validated data in one pass, so the
model exists as Python objects once."""


def kept_neo4j(path: Path) -> Optional[dict]:
    """The Neo4j section and target row of an earlier document at ``path``, to keep when this run
    measures no Neo4j: a full Neo4j run at 100,000 organisations takes about ten minutes more."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return None
    start = old.find(NEO4J_HEADING)
    if start < 0:
        return None
    ends = [m.start() for m in re.finditer(r"\n##+ ", old) if m.start() > start
            and not old.startswith("\n### Neo4j", m.start())]
    section = old[start:ends[0] if ends else len(old)].strip()
    body = section[len(NEO4J_HEADING):].strip()
    kept = re.match(r"Not measured in this run.*? from the run of (\S+), kept unchanged\.\n\n", body, re.S)
    if kept:  # kept once already: keep its date, not the date of the run that kept it
        date, body = kept.group(1), body[kept.end():]
    else:
        when = re.search(r"on (\d{4}-\d{2}-\d{2})", old)
        date = when.group(1) if when else "an earlier run"
    out = {"date": date, "section": f"{NEO4J_HEADING}\n\nNot measured in this run (`--no-neo4j`): the Neo4j "
                                    f"figures below are from the run of {date}, kept unchanged.\n\n{body}"}
    row = re.search(r"^\| Neo4j batched ÷ naive load throughput \| [^|]* \| ([^|]*) \| ([^|]*) \|$", old, re.M)
    if row and "not run" not in row.group(1):
        measured = re.sub(r" \(run of \d{4}-\d{2}-\d{2}\)$", "", row.group(1).strip())
        out["row"] = (f"{measured} (run of {date})", row.group(2).strip())
    return out


def kept_row(kept: Optional[dict]) -> Optional[tuple[str, str]]:
    return kept.get("row") if kept else None


def rerun_command(args: argparse.Namespace, neo4j: bool) -> str:
    cmd = [".venv/bin/python bench/run.py", f"--sizes {args.sizes}"]
    if args.heavy_sizes != "100000":
        cmd.append(f"--heavy-sizes '{args.heavy_sizes}'")
    if args.errors_size != "100000":
        cmd.append(f"--errors-size {args.errors_size}")
    if args.heavy_density != HEAVY_DENSITY or args.heavy_stromen != HEAVY_STROMEN:
        cmd.append(f"--heavy-density {args.heavy_density:g} --heavy-stromen {args.heavy_stromen:g}")
    if args.seed != 1:
        cmd.append(f"--seed {args.seed}")
    if args.repeat != 3:
        cmd.append(f"--repeat {args.repeat}")
    if not neo4j:
        cmd.append("--no-neo4j")
    else:
        if args.neo4j_naive_max != 100_000:
            cmd.append(f"--neo4j-naive-max {args.neo4j_naive_max}")
        if args.neo4j_timeout != 900:
            cmd.append(f"--neo4j-timeout {args.neo4j_timeout:g}")
    cmd.append(f"--write {args.write or 'docs/performance.md'}")
    pre = ("# optional, without a server the Neo4j rows are left out; full JIT and a 4 GB heap: a\n"
           "# 100,000-organisation model is one transaction of ~800,000 rows\n"
           "KETENGRAAF_NEO4J_C1_ONLY=0 KETENGRAAF_NEO4J_HEAP_MAX=4g scripts/neo4j-server restart\n") if neo4j else ""
    return pre + " ".join(cmd)


def main(argv: Optional[list[str]] = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_worker"]:
        return _worker(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=DEFAULT_SIZES, help=f"organisations per model (default {DEFAULT_SIZES})")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write", metavar="FILE", help="write the tables as Markdown to FILE (e.g. docs/performance.md)")
    ap.add_argument("--no-neo4j", action="store_true", help="leave out the Neo4j measurements")
    ap.add_argument("--repeat", type=int, default=3, metavar="N",
                    help="rounds of the end-to-end measurements (analyse, validate, PyYAML); the median counts (default 3)")
    ap.add_argument("--neo4j-naive-max", type=int, default=100_000, metavar="N",
                    help="rows after which the naive per-row load is stopped (default 100,000: the 1,000 and 10,000 models whole)")
    ap.add_argument("--neo4j-naive-timeout", type=float, default=400, metavar="S",
                    help="seconds after which the naive load is stopped (default 400)")
    ap.add_argument("--neo4j-timeout", type=float, default=900, metavar="S",
                    help="cap in seconds for the Neo4j load and for the Neo4j analysis, per size (default 900)")
    ap.add_argument("--errors-size", default="100000", metavar="N",
                    help="size of the model on which the error path is measured (bench/errors.py: validate with 20 "
                         "scattered errors beside validate of the valid model); 'none' skips it")
    ap.add_argument("--heavy-sizes", default="100000", metavar="SIZES",
                    help="sizes at which the finding-heavy model (issue 12) is measured too; '' or 'none' skips it "
                         "(default 100000)")
    ap.add_argument("--heavy-density", type=float, default=HEAVY_DENSITY, metavar="D",
                    help=f"its `generate --agreement-density` (default {HEAVY_DENSITY:g})")
    ap.add_argument("--heavy-stromen", type=float, default=HEAVY_STROMEN, metavar="N",
                    help=f"its `generate --extra-stromen` (default {HEAVY_STROMEN:g})")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    heavy_sizes = [] if args.heavy_sizes.strip().lower() in ("", "none") else [
        int(s) for s in args.heavy_sizes.split(",")]

    from ketengraaf.rules import registry

    codes = registry.codes()
    neo4j, neo_line = False, "not measured (--no-neo4j)"
    if not args.no_neo4j:
        import backend_neo4j

        version, where = backend_neo4j.server_version()
        if version:
            neo4j = True
            conf = backend_neo4j.memory_config()
            neo_line = f"{version} at {where}" + (f" ({conf})" if conf else "")
        else:
            neo_line = f"not measured: no server answered at {where}"
        log(f"neo4j: {neo_line}")
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if load_avg is not None and load_avg > 0.5:
        log(f"warning: the machine is busy (load average {load_avg:.2f}); the timings will be noisy")
    started = time.perf_counter()
    res: dict[int, dict] = {}
    heavy: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="ketengraaf-bench-") as tmp:
        log("diagram of a 300-node view")
        diag = diagram_bench(tmp, args.seed)
        log(f"diagram: {fmt_s(diag['e2e'])} s, {fmt(diag['nodes'])} nodes")
        if neo4j:
            import backend_neo4j

            backend_neo4j.warm_up(diag["path"], log=log)
        for n in sizes:
            res[n] = measure_size(n, args, tmp, neo4j)
        for n in heavy_sizes:
            heavy[n] = measure_size(n, args, tmp, neo4j, heavy=True)
    err = None
    if args.errors_size.strip().lower() not in ("", "none"):
        import errors as error_bench

        err = error_bench.measure(size=int(args.errors_size), errors=20, repeat=args.repeat, seed=args.seed, log=log)
    exact = all(r["exact_peak"] for r in (*res.values(), *heavy.values()))
    kept = None if neo4j or not args.write else kept_neo4j(Path(args.write))
    tgt, _ = targets(sizes, res, diag, heavy, kept_row(kept), err)
    neo = neo4j_tables(sizes, res, codes) if neo4j else (kept or {}).get("section", "")
    body = "\n\n".join(x for x in (main_tables(sizes, res, codes), neo, diagram_table(diag)) if x)
    heavy_doc = heavy_tables(heavy_sizes, heavy, codes, args) if heavy else ""
    if err:
        import errors as error_bench

        heavy_doc = (heavy_doc + "\n\n" if heavy_doc else "") + "## Error path (issue 12)\n\n" + error_bench.table(err)
    print(body + ("\n\n" + heavy_doc if heavy_doc else "") + "\n\n### Targets\n\n" + tgt)
    log(f"done in {time.perf_counter() - started:.0f} s")
    if args.write:
        peak_how = ("VmHWM from `/proc/self/status`, reset before each stage by writing `5` to "
                    "`/proc/self/clear_refs`, so each row is that stage's own peak." if exact else
                    "`ru_maxrss`, because `/proc/self/clear_refs` could not be written on this machine: "
                    "the peak since the process started, so a row never shows less than the rows above it.")
        doc = (f"# Performance\n\n"
               f"Measured with `bench/run.py` on {machine()}, on {time.strftime('%Y-%m-%d')}; Graphviz "
               f"{graphviz_version()}; Neo4j {neo_line}; "
               + (f"load average {load_avg:.2f} at the start; " if load_avg is not None else "") + f"the whole "
               f"run took {time.perf_counter() - started:.0f} s. Seconds and MB (10⁶ bytes) unless stated.\n\n"
               f"Rerun with:\n\n```sh\n{rerun_command(args, neo4j)}\n```\n\n"
               f"(`--sizes 200 --no-neo4j` is a quick check; `--help` lists the options.)\n\n"
               f"## Targets\n\n{tgt}\n\n"
               + ("" if 100_000 in sizes else "The targets at 100,000 organisations are shown at the largest size "
                  "measured; rerun with the default sizes to check them.\n\n")
               + f"## Measurements\n\n{body}\n\n" + (f"{heavy_doc}\n\n" if heavy_doc else "")
               + NOTES.format(peak_how=peak_how))
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        Path(args.write).write_text(doc, encoding="utf-8")
        log(f"wrote {args.write}")


def _worker(argv: list[str]) -> None:
    fn, *rest = argv
    if fn == "neo4j":
        import backend_neo4j

        mode, path, mid, limit, cap = rest
        backend_neo4j.worker(mode, path, mid, float(limit), float(cap))
        return
    print(json.dumps({"stages": stages, "pyyaml_parse": pyyaml_parse}[fn](*rest)))


if __name__ == "__main__":
    main()

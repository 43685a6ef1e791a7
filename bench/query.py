"""The benchmark of issue 18: `ketengraaf query` on the embedded engine beside one `analyse`, and
the same named queries on Neo4j.

    .venv/bin/python bench/query.py                          # 100,000 organisations, seed 1
    .venv/bin/python bench/query.py --organisaties 2000 --repeat 3 --no-neo4j

It generates a model with `ketengraaf generate`, then measures (wall clock, median of --repeat runs,
the commands interleaved so that both see the same machine):

* `ketengraaf analyse MODEL --format json -o FILE` (one analyse);
* `ketengraaf query overzicht --model MODEL` (the first query: the embedded graph built from the
  model, then the query) and the ratio of the two (target: at most 1.5);
* every named query in one call, as `ketengraaf query NAME… --model MODEL` runs them
  (`query.command.EmbeddedRun`, in a fresh process per round, so that each round forks and builds
  as the command does): reading the model, building the graph for all of them, then each query
  with parameters drawn from the model (target: each under 1 s; the first run of a query is the
  one that may pay for something made once);
* the same queries on Neo4j after `ketengraaf load` (unless --no-neo4j; a server at NEO4J_URI or
  bolt://127.0.0.1:7687).

It prints a Markdown section for docs/queries.md (and, with --json FILE, the figures as JSON).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "ketengraaf"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def wall(args: list[str], ok: tuple[int, ...] = (0,)) -> float:
    t = time.perf_counter()
    p = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    el = time.perf_counter() - t
    if p.returncode not in ok:
        raise RuntimeError(f"{' '.join(args)} failed (exit {p.returncode}): {p.stderr[-2000:]}")
    return el


def parameters(model: Any) -> dict[str, dict[str, Any]]:
    """Parameters for every named query, drawn from the model so that each has work to do."""
    og_count: dict[str, int] = {}
    steers: dict[str, int] = {}
    for r in model.sturingsrelaties:
        steers[r.van] = steers.get(r.van, 0) + 1
        if r.rol._value_ == "opdrachtgever":
            og_count[r.naar] = og_count.get(r.naar, 0) + 1
    executor = max(sorted(og_count), key=lambda k: og_count[k]) if og_count else model.organisaties[0].id
    steerer = max(sorted(steers), key=lambda k: steers[k]) if steers else model.organisaties[0].id
    in_chain = next((s.uitvoerder for k in model.ketens for s in k.schakels if s.uitvoerder), executor)
    van, naar = executor, steerer
    by_sender: dict[str, list[str]] = {}
    for s in model.gegevensstromen:
        by_sender.setdefault(s.van, []).append(s.naar)
    for a in sorted(by_sender):
        far = [c for b in by_sender[a] for c in by_sender.get(b, []) if c != a]
        if far:
            van, naar = a, far[0]
            break
    return {"driehoek": {"id": executor}, "opdrachtgevers-van": {"id": executor},
            "gestuurd-door": {"id": steerer}, "ketens-van": {"id": in_chain},
            "gegevenspaden": {"van": van, "naar": naar, "max": 4}, "afspraken-verlopen": {"dagen": 90},
            "overzicht": {}, "modellen": {}, "zonder-eigenaar": {}}


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    """(the first run's seconds, the median's, the number of rows): the first run may pay for
    something made once (the model node's fingerprint, the rules' context), and the target is on it."""
    times, n = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        n = len(fn())
        times.append(time.perf_counter() - t)
    return times[0], statistics.median(times), n


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--organisaties", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", help="Use this model instead of generating one.")
    ap.add_argument("--no-neo4j", action="store_true", help="Leave Neo4j out.")
    ap.add_argument("--json", help="Also write the figures as JSON to this file.")
    ap.add_argument("--one-call", metavar="MODEL", help=argparse.SUPPRESS)  # one embedded round (internal)
    args = ap.parse_args(argv)
    if args.one_call:
        return one_call(args.one_call)

    from ketengraaf.pipeline import Analysis

    with tempfile.TemporaryDirectory(prefix="kg-bench-query-") as tmp:
        path = args.model
        if not path:
            path = os.path.join(tmp, "model.yaml")
            log(f"generate {args.organisaties}")
            wall([*KG, "generate", "--organisaties", str(args.organisaties), "--seed", str(args.seed), "-o", path])
        out: dict[str, Any] = {"model": path, "organisaties": None, "analyse (s)": [], "first query (s)": []}
        for i in range(args.repeat):
            log(f"round {i + 1}: analyse, then query overzicht")
            out["analyse (s)"].append(wall([*KG, "analyse", path, "--format", "json", "-o",
                                            os.path.join(tmp, "f.json")], ok=(0, 1)))
            out["first query (s)"].append(wall([*KG, "query", "overzicht", "--model", path]))
        analyse = statistics.median(out["analyse (s)"])
        first = statistics.median(out["first query (s)"])
        rounds = []
        for i in range(args.repeat):
            log(f"round {i + 1}: every named query in one call, in a fresh process")
            p = subprocess.run([sys.executable, __file__, "--one-call", path], capture_output=True, text=True,
                               cwd=ROOT)
            if p.returncode:
                raise RuntimeError(f"the embedded round failed: {p.stderr[-2000:]}")
            rounds.append(json.loads(p.stdout))
        per_query: dict[str, dict[str, Any]] = {}
        for name in rounds[0]["queries"]:
            times = [r["queries"][name]["s"] for r in rounds]
            per_query[name] = {"params": rounds[0]["queries"][name]["params"],
                               "embedded (s)": statistics.median(times), "embedded max (s)": max(times),
                               "rows": rounds[0]["queries"][name]["rows"]}
        t_open = statistics.median(r["open (s)"] for r in rounds)
        t_build = statistics.median(r["build (s)"] for r in rounds)
        out["organisaties"] = rounds[0]["organisaties"]
        neo: dict[str, Any] = {}
        if not args.no_neo4j:
            a = Analysis.open(path)
            model = a.model
            a.confirm()
            params = parameters(model)
            base = {"model": model.id, "peildatum": a.peildatum.isoformat()}
            from ketengraaf.backends.neo4j import Neo4jBackend, Settings
            from ketengraaf.errors import Unavailable

            try:
                backend = Neo4jBackend(Settings.resolve(uri=os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687"))
                backend.check()
            except Unavailable as e:
                log(f"no Neo4j: {e}")
                backend = None
            if backend is not None:
                try:
                    neo_part(backend, model, a, base, params, per_query, neo, args.repeat)
                except Exception as e:  # the embedded figures stand; say why Neo4j's are missing
                    log(f"neo4j: {e}")
                    neo["error"] = str(e).splitlines()[0]
        out.update({"analyse median (s)": analyse, "first query median (s)": first, "ratio": first / analyse,
                    "open (s)": t_open, "build (s)": t_build, "queries": per_query, "neo4j": neo})
    print(markdown(out))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def one_call(path: str) -> int:
    """One round in this (fresh) process: every named query in one call as the command runs them;
    the figures as JSON on stdout."""
    gc.disable()  # as ketengraaf's commands run (cli.main)
    from ketengraaf.pipeline import Analysis
    from ketengraaf.query.command import EmbeddedRun, Query
    from ketengraaf.query.named import named_queries

    t = time.perf_counter()
    a = Analysis.open(path)
    t_open = time.perf_counter() - t
    params = parameters(a.model)
    assert set(params) == set(named_queries()), "bench/query.py lacks parameters for a named query"
    base = {"model": a.model.id, "peildatum": a.peildatum.isoformat()}
    queries = [Query(name, embedded=True) for name in sorted(named_queries())]
    t = time.perf_counter()
    out: dict[str, Any] = {"organisaties": len(a.model.organisaties), "open (s)": t_open, "queries": {}}
    with EmbeddedRun(a, queries) as run:
        out["build (s)"] = time.perf_counter() - t
        for q in queries:
            t = time.perf_counter()
            n = len(run.rows(q, {**base, **params[q.display]}))
            out["queries"][q.display] = {"params": params[q.display], "s": time.perf_counter() - t, "rows": n}
    print(json.dumps(out))
    return 0


def neo_part(backend: Any, model: Any, a: Any, base: dict[str, Any], params: dict[str, Any],
             per_query: dict[str, dict[str, Any]], neo: dict[str, Any], repeat: int) -> None:
    """Load the model into Neo4j under an id of its own, time every named query there, unload it."""
    from ketengraaf.pipeline import Neo4jRules
    from ketengraaf.query.command import Query, rule_rows
    from ketengraaf.query.named import named_queries

    with backend:
        model.id = f"kg-bench-query-{os.getpid()}"
        base["model"] = model.id
        log("neo4j: load")
        t = time.perf_counter()
        backend.load(model)
        neo["load (s)"] = time.perf_counter() - t
        try:
            for name in sorted(named_queries()):
                q = Query(name, embedded=False)
                values = {**base, **params[name]}
                log(f"neo4j: {name}")
                if q.rules is not None:
                    f, s, n = timed(lambda: rule_rows(a, q.rules, Neo4jRules(backend.settings)), repeat)
                else:
                    f, s, n = timed(lambda: backend.read_query(q.cypher, values, name=name), repeat)
                per_query[name]["neo4j first (s)"] = f
                per_query[name]["neo4j (s)"] = s
                per_query[name]["neo4j rows"] = n
        finally:
            backend.unload(model.id)


def markdown(r: dict[str, Any]) -> str:
    lines = [f"Model: {r['organisaties']:,} organisations (`bench/query.py`, median of "
             f"{len(r['analyse (s)'])} runs, {time.strftime('%Y-%m-%d')}).", "",
             "| measure | seconds |", "|---|---:|",
             f"| one `analyse` | {r['analyse median (s)']:.2f} |",
             f"| first query (`query overzicht --model`) | {r['first query median (s)']:.2f} |",
             f"| ratio (target ≤ 1.5) | {r['ratio']:.2f} |",
             f"| every named query in one call: read and validate the model | {r['open (s)']:.2f} |",
             f"| every named query in one call: build the graph (and the rules' rows beside it) | {r['build (s)']:.2f} |"]
    if r["neo4j"].get("error"):
        lines.append(f"| Neo4j | not measured: {r['neo4j']['error']} |")
    elif r["neo4j"]:
        lines.append(f"| Neo4j: `ketengraaf load` of the model | {r['neo4j']['load (s)']:.2f} |")
    lines += ["", "| named query | rows | embedded, median (s) | embedded, slowest (s) | Neo4j, first run (s) "
                  "| Neo4j, median (s) |", "|---|---:|---:|---:|---:|---:|"]
    for name, q in r["queries"].items():
        neo = (f"{q['neo4j first (s)']:.3f} | {q['neo4j (s)']:.3f}" if "neo4j (s)" in q else "– | –")
        lines.append(f"| {name} | {q['rows']} | {q['embedded (s)']:.3f} | {q['embedded max (s)']:.3f} | {neo} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

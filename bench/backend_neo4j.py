#!/usr/bin/env python3
"""Benchmark the Neo4j backend beside NetworkX on generated models.

Usage (a server must answer; `scripts/neo4j-server start`):
    .venv/bin/python bench/backend_neo4j.py --sizes 1000,10000 --write docs/performance-neo4j.md

Per size: load throughput ((nodes + relationships) / s) of the batched `UNWIND` load against a naive
one-statement-per-row load in the same run, and the full analysis inside Neo4j (every rule's Cypher
in one read transaction) against the NetworkX analysis of the same model.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import machine  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write")
    args = ap.parse_args()

    import yaml

    from ketengraaf.backends.neo4j import Neo4jBackend
    from ketengraaf.backends.neo4j_rules import run_neo4j
    from ketengraaf.generate import generate_model
    from ketengraaf.graph.build import build_graph
    from ketengraaf.model.loader import load_model
    from ketengraaf.rules.engine import run_networkx

    rows = []
    with tempfile.TemporaryDirectory() as tmp, Neo4jBackend() as nb:
        for n in [int(s) for s in args.sizes.split(",")]:
            f = os.path.join(tmp, f"g{n}.yaml")
            Path(f).write_text(yaml.safe_dump(generate_model(n, args.seed), allow_unicode=True, sort_keys=False,
                                              width=10_000), encoding="utf-8")
            model = load_model(f)
            model.id = f"bench-{n}-{os.getpid()}"
            try:
                r = nb.load(model, replace=True)
                size = r.nodes + r.relationships
                nb.unload(model.id)
                t = time.perf_counter()
                nb.load(model, replace=True)
                batched = time.perf_counter() - t
                nb.unload(model.id)
                t = time.perf_counter()
                nb.load_naive(model)
                naive = time.perf_counter() - t
                nb.unload(model.id)
                t = time.perf_counter()
                run_networkx(build_graph(model), peildatum=model.peildatum)
                nx_time = time.perf_counter() - t
                t = time.perf_counter()
                rep = run_neo4j(model, peildatum=model.peildatum, settings=nb.settings)
                neo_time = time.perf_counter() - t
            finally:
                try:
                    nb.unload(model.id)
                except Exception:  # noqa: BLE001 - best effort clean-up
                    pass
            rows.append((n, size, size / batched, size / naive, nx_time, neo_time, len(rep.findings)))
            print(f"n={n}: batched {size / batched:,.0f}/s, naive {size / naive:,.0f}/s, "
                  f"networkx {nx_time:.2f} s, neo4j {neo_time:.2f} s", file=sys.stderr)
    lines = ["| organisations | nodes + relationships | batched load (/s) | naive load (/s) | speed-up | "
             "NetworkX analysis (s) | Neo4j load + analysis (s) | findings |", "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, size, b, nv, a, c, k in rows:
        lines.append(f"| {n:,} | {size:,} | {b:,.0f} | {nv:,.0f} | {b / nv:.1f}× | {a:.2f} | {c:.2f} | {k:,} |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        Path(args.write).write_text(
            f"# Performance of the Neo4j backend\n\nMeasured with `bench/backend_neo4j.py --sizes {args.sizes}` on {machine()}, "
            f"{time.strftime('%Y-%m-%d')}, against the server of `scripts/neo4j-server` (heap 512m–1g, page cache "
            f"256m). Rerun with:\n\n```sh\nscripts/neo4j-server start\n.venv/bin/python bench/backend_neo4j.py --sizes "
            f"{args.sizes} --write {args.write}\n```\n\n{table}\n\n"
            "*Neo4j load + analysis* is `analyse --backend neo4j` without the CLI: the model is loaded (replacing "
            "its previous version) and every rule's Cypher runs in one read transaction. The NetworkX column is the "
            "in-process analysis of the already validated model (graph build + rules).\n", encoding="utf-8")


if __name__ == "__main__":
    main()

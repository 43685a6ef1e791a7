#!/usr/bin/env python3
"""Benchmark of ``ketengraaf diff`` (issue 16): diffing two 100,000-organisation models takes at most
2.5x one ``ketengraaf analyse`` of one of them.

It generates a model (``ketengraaf generate``'s generator, seed 1) and a copy with the edits of a
large reorganisation: 0.3% of the organisations renamed, 300 sturingsrelaties and 300 afspraken
removed, 300 afspraken added, 100 organisations moved to another ministry. Then it runs the real
command line under ``/usr/bin/time -f "%e %M"`` (wall seconds, peak resident memory of the whole
command), alternating, ``--runs`` times each:

* ``ketengraaf analyse OLD --format json -o ...`` (the reference), and
* ``ketengraaf diff OLD NEW --format json -o ...`` (also ``--format text`` and ``markdown`` once).

The ratio is of the medians. With ``--write`` the table replaces the part of docs/diff.md between
its benchmark markers.

    .venv/bin/python bench/diff.py                         # 100,000 organisations, 3 runs each
    .venv/bin/python bench/diff.py --write docs/diff.md
    .venv/bin/python bench/diff.py --organisaties 2000 --runs 1   # a quick look
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from roo import replace_section, timed  # noqa: E402 - the same measuring as bench/roo.py

START, END = "<!-- bench/diff.py: begin -->", "<!-- bench/diff.py: end -->"
TARGET = 2.5


def write_pair(d: Path, n: int, seed: int) -> tuple[Path, Path, dict[str, int]]:
    """OLD (a generated model) and NEW (OLD with a reorganisation's edits); what was edited."""
    from ketengraaf.generate import generate_model
    from ketengraaf.generate.writing import dump_yaml

    model = generate_model(n, seed)
    old = d / "oud.yaml"
    old.write_text(dump_yaml(model), encoding="utf-8")
    rng = random.Random(seed)
    orgs = model["organisaties"]
    k = max(1, n // 333)
    for o in rng.sample(orgs, k):
        o["naam"] += " (nieuw)"
    ministries = [o["id"] for o in orgs if o["soort"] == "ministerie"]
    movable = [o for o in orgs if o["soort"] not in ("ministerie", "overleg") and o.get("onderdeel_van")]
    moved = 0
    for o in rng.sample(movable, min(len(movable), max(1, n // 1000))):
        to = [m for m in ministries if m != o["onderdeel_van"]]
        if to:
            o["onderdeel_van"] = rng.choice(to)
            moved += 1
    m = min(300, max(1, n // 300))
    rels, afs = model["sturingsrelaties"], model["afspraken"]
    for i in sorted(rng.sample(range(len(rels)), m), reverse=True):
        rels.pop(i)
    for i in sorted(rng.sample(range(len(afs)), m), reverse=True):
        afs.pop(i)
    ids = [o["id"] for o in orgs]
    for j in range(m):
        afs.append({"id": f"afs-reorganisatie-{j}", "soort": "samenwerkingsafspraak",
                    "partijen": rng.sample(ids, 2), "geldig_van": "2026-01-01"})
    new = d / "nieuw.yaml"
    new.write_text(dump_yaml(model), encoding="utf-8")
    return old, new, {"renamed": k, "moved": moved, "relations removed": m, "afspraken removed": m, "afspraken added": m}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--organisaties", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3, help="runs of each command (the medians are compared)")
    ap.add_argument("--write", metavar="FILE", help="replace the benchmark section of FILE (docs/diff.md)")
    a = ap.parse_args()
    kg = str(Path(sys.executable).with_name("ketengraaf"))
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        old, new, edits = write_pair(d, a.organisaties, a.seed)
        mb = old.stat().st_size / 1e6
        analyse, diff = [], []
        for _ in range(a.runs):
            for cmd, into in (([kg, "analyse", str(old), "--format", "json", "-o", str(d / "a.json"), "--fail-on", "never"],
                               analyse),
                              ([kg, "diff", str(old), str(new), "--format", "json", "-o", str(d / "d.json"),
                                "--fail-on-new", "never"], diff)):
                wall, rss, p = timed(cmd)
                if p.returncode != 0:
                    sys.exit(f"{cmd[1]} failed ({p.returncode}): {p.stderr[-2000:]}")
                into.append((wall, rss))
        others = {}
        for fmt in ("text", "markdown"):
            wall, rss, p = timed([kg, "diff", str(old), str(new), "--format", fmt, "-o", str(d / f"d.{fmt}"),
                                  "--fail-on-new", "never"])
            if p.returncode != 0:
                sys.exit(f"diff --format {fmt} failed: {p.stderr[-2000:]}")
            others[fmt] = (wall, rss)
        import json

        summary = json.loads((d / "d.json").read_bytes())["summary"]
    med_a = statistics.median(w for w, _ in analyse)
    med_d = statistics.median(w for w, _ in diff)
    ratio = med_d / med_a
    status = "met" if ratio <= TARGET else "**not met**"
    fc, mc = summary["findings"], summary["model"]
    lines = [
        START,
        f"Measured with `bench/diff.py` on {date.today().isoformat()}: {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs (shared with other work, so single runs vary), Python {platform.python_version()}.",
        "",
        f"Two generated models of {a.organisaties:,} organisations ({mb:.0f} MB of YAML each, seed {a.seed}); NEW has "
        + ", ".join(f"{v:,} {k}" for k, v in edits.items()) + ". "
        f"The diff finds {mc['added'] + mc['removed'] + mc['changed']:,} model changes and {fc['new']:,} new, "
        f"{fc['resolved']:,} resolved, {fc['changed']:,} changed and {fc['unchanged']:,} unchanged findings.",
        "",
        "| command | wall seconds (median of %d) | runs | peak memory (MB) |" % a.runs,
        "|---|---:|---|---:|",
        f"| `analyse OLD --format json` | {med_a:.2f} | {', '.join(f'{w:.2f}' for w, _ in analyse)} | "
        f"{max(r for _, r in analyse):,.0f} |",
        f"| `diff OLD NEW --format json` | {med_d:.2f} | {', '.join(f'{w:.2f}' for w, _ in diff)} | "
        f"{max(r for _, r in diff):,.0f} |",
        *(f"| `diff OLD NEW --format {fmt}` | {w:.2f} | one run | {r:,.0f} |" for fmt, (w, r) in others.items()),
        "",
        f"| target (issue 16) | limit | measured | status |",
        "|---|---|---|---|",
        f"| diff ÷ one analyse, {a.organisaties:,} organisations | ≤ {TARGET}× | {ratio:.2f}× | {status} |",
        END,
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if a.write:
        replace_section(Path(a.write), START, END, text.rstrip("\n"))


if __name__ == "__main__":
    main()

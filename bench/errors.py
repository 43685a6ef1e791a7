#!/usr/bin/env python3
"""The error path at national scale (issue 12): ``validate`` of a generated model with scattered
errors beside ``validate`` of the same model without them, time and peak memory.

Usage:
    .venv/bin/python bench/errors.py                      # 100,000 organisations, 20 errors, 3 rounds
    .venv/bin/python bench/errors.py --size 10000 --errors 20 --repeat 3

It generates the model with ``ketengraaf generate``, writes a copy with ``--errors`` errors spread
evenly over the file — duplicate ids, unknown references, a bad enum value, a malformed date, in
turn — and runs ``ketengraaf validate`` on both, interleaved, ``--repeat`` times, each in a fresh
process under ``/usr/bin/time`` (peak RSS). It checks that every injected error is reported (exit 2
and one ``FILE:LINE:COLUMN:`` line per error) and prints the medians and the target: at most 2x
the valid model's time and under 1.5 GB. ``bench/run.py`` calls :func:`measure` for
docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

KG = [sys.executable, "-m", "ketengraaf"]
TIME = "/usr/bin/time"
KINDS = ("duplicate id", "unknown reference", "bad enum", "bad date")


def inject(text: str, n: int) -> tuple[str, list[str]]:
    """``text`` with ``n`` errors at evenly spread item lines, and what each one is."""
    lines = text.split("\n")
    org_lines = [i for i, s in enumerate(lines) if s.startswith("  - {id: org-") and "soort: " in s]
    rel_lines = [i for i, s in enumerate(lines) if s.startswith("  - {van: ")]
    afs_lines = [i for i, s in enumerate(lines) if s.startswith("  - {id: afs-") and "geldig_van: " in s]
    targets: list[tuple[int, str]] = []
    for k in range(n):
        kind = KINDS[k % len(KINDS)]
        pool = {"duplicate id": org_lines, "unknown reference": rel_lines, "bad enum": org_lines,
                "bad date": afs_lines}[kind]
        targets.append((pool[int((k + 0.5) / n * (len(pool) - 1))], kind))
    # from the end, so that inserting a line does not move the later targets
    for i, kind in sorted(targets, reverse=True):
        if kind == "duplicate id":  # the same organisation once more, right after itself
            lines.insert(i + 1, lines[i])
        elif kind == "unknown reference":
            lines[i] = re.sub(r"naar: [^,}]+", "naar: org-bestaat-niet", lines[i], count=1)
        elif kind == "bad enum":
            lines[i] = re.sub(r"soort: [a-z-]+", "soort: agentchap", lines[i], count=1)
        else:
            lines[i] = re.sub(r"geldig_van: [0-9-]+", "geldig_van: 2026-13-01", lines[i], count=1)
    kinds = [k for _, k in targets]
    return "\n".join(lines), kinds


def run(args: list[str], tmp: str) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall time (s), peak RSS (MB) and the result of one command in a fresh process."""
    out = os.path.join(tmp, "time.txt")
    t = time.perf_counter()
    p = subprocess.run([TIME, "-f", "%M", "-o", out, *args], capture_output=True, text=True)
    dt = time.perf_counter() - t
    rss = int(Path(out).read_text().strip().splitlines()[-1]) / 1024
    return dt, rss, p


def measure(size: int = 100_000, errors: int = 20, repeat: int = 3, seed: int = 1,
            log: Any = lambda s: print(s, file=sys.stderr)) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "model.yaml")
        log(f"errors: generating {size:,} organisations")
        subprocess.run([*KG, "generate", "--organisaties", str(size), "--seed", str(seed), "-o", good],
                       check=True, capture_output=True)
        text = Path(good).read_text(encoding="utf-8")
        bad = os.path.join(tmp, "model-fouten.yaml")
        bad_text, kinds = inject(text, errors)
        Path(bad).write_text(bad_text, encoding="utf-8")
        res: dict[str, list[tuple[float, float]]] = {"valid": [], "errors": []}
        for r in range(repeat):
            for name, path in (("valid", good), ("errors", bad)):
                log(f"errors: round {r + 1}/{repeat}: validate {name}")
                dt, rss, p = run([*KG, "validate", path], tmp)
                if name == "valid" and p.returncode != 0:
                    raise SystemExit(f"validate of the valid model failed: {p.stderr[-2000:]}")
                if name == "errors":
                    located = [x for x in p.stderr.splitlines() if x.startswith(f"{path}:") and re.match(r".+:\d+:\d+: ", x)]
                    if p.returncode != 2 or len(located) != errors or "Traceback" in p.stderr:
                        raise SystemExit(f"expected exit 2 and {errors} located errors, got exit {p.returncode} and "
                                         f"{len(located)}:\n{p.stderr[-3000:]}")
                res[name].append((dt, rss))
    med = {k: (statistics.median(x[0] for x in v), max(x[1] for x in v)) for k, v in res.items()}
    return {"size": size, "errors": errors, "kinds": sorted(set(kinds)), "repeat": repeat,
            "valid_s": med["valid"][0], "valid_mb": med["valid"][1],
            "errors_s": med["errors"][0], "errors_mb": med["errors"][1],
            "ratio": med["errors"][0] / med["valid"][0],
            "rounds": {k: [round(x[0], 2) for x in v] for k, v in res.items()}}


def table(r: dict) -> str:
    ok_t = r["ratio"] <= 2.0
    ok_m = r["errors_mb"] < 1536
    return "\n".join([
        f"`validate` of a generated model of {r['size']:,} organisations, and of the same file with {r['errors']} "
        f"errors spread over it ({', '.join(r['kinds'])}); medians of {r['repeat']} interleaved rounds, each in a "
        f"fresh process; peak RSS from `/usr/bin/time`.", "",
        "| | valid model | with errors | target | |",
        "|---|---:|---:|---|---|",
        f"| time | {r['valid_s']:.2f} s | {r['errors_s']:.2f} s ({r['ratio']:.2f}×) | ≤ 2× the valid model | "
        f"{'met' if ok_t else '**not met**'} |",
        f"| peak memory | {r['valid_mb']:.0f} MB | {r['errors_mb']:.0f} MB | < 1.5 GB | {'met' if ok_m else '**not met**'} |",
        "", f"Rounds (s): valid {r['rounds']['valid']}, with errors {r['rounds']['errors']}.", ""])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--errors", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    print(table(measure(a.size, a.errors, a.repeat, a.seed)))


if __name__ == "__main__":
    main()

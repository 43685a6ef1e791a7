"""bench/lsp.py runs against the real server on a small model and prints its table (no timing is
asserted: this keeps the benchmark working while the server changes)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "lsp.py"


def test_the_benchmark_drives_the_server_and_prints_every_column() -> None:
    p = subprocess.run([sys.executable, str(BENCH), "--sizes", "60", "--repeat", "1"], capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    head, rule, row = p.stdout.strip().splitlines()
    assert head.count("|") == row.count("|") == 8
    assert re.fullmatch(r"\| 60 \| \d+ ms( \| \d+ / \d+ ms){4} \|  \|", row), row

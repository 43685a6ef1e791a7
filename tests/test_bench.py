"""bench/run.py, the benchmark of issue 6, on one tiny model: it runs, and its document has every row.

No timing is asserted: this only keeps the one benchmark command working while the code it measures
changes. The Neo4j part is left out (--no-neo4j); tests/neo4j covers the backend itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ketengraaf.rules import registry

BENCH = Path(__file__).resolve().parents[1] / "bench"


#: An earlier document's Neo4j part, as a full run writes it (shortened): a run without Neo4j keeps it.
EARLIER = """# Performance

Measured with `bench/run.py` on a machine, on 2026-11-27; Neo4j 5.26 at bolt://localhost:7687.

## Targets

| target (issue 6) | limit | measured | status |
|---|---|---|---|
| Neo4j batched ÷ naive load throughput | ≥ 20× | 18.7× at 1,000 | **not met** |

## Measurements

### Neo4j: load and analysis

|  | 1,000 orgs |
|---|---:|
| batched load (s) | 0.404 |

### Neo4j: time per rule query (seconds)

| query | 1,000 orgs |
|---|---:|
| rule D01 | 0.004 |

### Diagram of a 300-node view

old
"""


def test_bench_writes_every_stage_rule_and_target(tmp_path: Path) -> None:
    out = tmp_path / "perf.md"
    out.write_text(EARLIER, encoding="utf-8")
    p = subprocess.run([sys.executable, str(BENCH / "run.py"), "--sizes", "200", "--heavy-sizes", "150", "--repeat", "2",
                        "--errors-size", "400", "--no-neo4j", "--write", str(out)], capture_output=True, text=True,
                       timeout=240)
    assert p.returncode == 0, p.stderr[-3000:]
    doc = out.read_text(encoding="utf-8")
    sys.path.insert(0, str(BENCH))
    try:
        import run
    finally:
        sys.path.remove(str(BENCH))
    rows = run.stage_rows(registry.codes())
    assert len(rows) >= len(registry.codes()) + 10
    for row in rows:
        assert f"| {row} | " in doc, row
    for code in registry.codes():
        assert f"| rule {code} | " in doc, code
    for ratio in (run.RATIO_ANALYSE, run.RATIO_VALIDATE):
        assert f"| {ratio} | " in doc
    assert "## Targets" in doc and "| target (issue 6 unless stated) | limit | measured | status |" in doc
    for target in ("`analyse` end to end ÷ PyYAML parse", "`validate` end to end ÷ PyYAML parse", "growth of",
                   "peak memory", "Neo4j batched ÷ naive", "diagram of a 300-node view",
                   "`analyse` end to end ÷ PyYAML parse, finding-heavy model", "peak memory of `analyse`, finding-heavy",
                   "`validate` with 20 scattered errors ÷ `validate` of the valid model",
                   "peak memory of `validate` with 20 errors"):
        assert target in doc, target
    assert ".venv/bin/python bench/run.py --sizes 200 --heavy-sizes '150' --errors-size 400 --repeat 2 --no-neo4j --write" in doc
    assert "## Error path (issue 12)" in doc and "with 20 errors spread over it" in doc
    assert "### Diagram of a 300-node view" in doc and "## How to read this" in doc
    assert "| 200 orgs |" in p.stdout  # the tables go to stdout too

    # The finding-heavy model: its own section with every stage, rule and ratio, after the normal one.
    heavy = doc[doc.index("## Finding-heavy model (issue 12)"):doc.index("## How to read this")]
    assert "--agreement-density 0.1 --extra-stromen 28" in heavy and "Where the time goes at 150 organisations" in heavy
    for row in rows:
        assert f"| {row} | " in heavy, row
    assert f"| {run.RATIO_ANALYSE} (per round) | " in heavy
    assert "| 150 orgs |" in heavy and "| 200 orgs |" not in heavy

    # No Neo4j in this run: the earlier document's Neo4j section and target are kept, with their date.
    assert "from the run of 2026-11-27, kept unchanged" in doc
    assert "| rule D01 | 0.004 |" in doc and "| batched load (s) | 0.404 |" in doc
    assert "| 18.7× at 1,000 (run of 2026-11-27) | **not met** |" in doc


def test_bench_can_leave_the_finding_heavy_model_out(tmp_path: Path) -> None:
    out = tmp_path / "perf.md"
    p = subprocess.run([sys.executable, str(BENCH / "run.py"), "--sizes", "150", "--heavy-sizes", "none",
                        "--errors-size", "none", "--repeat", "1",
                        "--no-neo4j", "--write", str(out)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-3000:]
    doc = out.read_text(encoding="utf-8")
    assert "## Finding-heavy model" not in doc and "finding-heavy model, 100,000 orgs (issue 12) | ≤ 0.25× | not run" in doc
    assert "### Neo4j" not in doc  # nothing earlier to keep

def test_roo_bench_runs_on_a_small_export(tmp_path: Path) -> None:
    """bench/roo.py (issue 14) on a small export: it runs, imports, and writes its section of a document."""
    doc = tmp_path / "import-roo.md"
    doc.write_text("before\n<!-- bench/roo.py: begin -->\nold\n<!-- bench/roo.py: end -->\nafter\n", encoding="utf-8")
    p = subprocess.run([sys.executable, str(BENCH / "roo.py"), "--organisaties", "200", "--write", str(doc)],
                       capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stderr[-3000:]
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("before\n<!-- bench/roo.py: begin -->\n") and text.endswith("<!-- bench/roo.py: end -->\nafter\n")
    assert "old" not in text and "| import into an empty directory |" in text
    assert "| import again over it (the monthly update) |" in text and ": met |" in text


def test_archimate_bench_runs_on_a_small_file(tmp_path: Path) -> None:
    """bench/archimate.py (issue 15) on a small exchange file: it runs, imports, analyses, and writes its section."""
    doc = tmp_path / "archimate.md"
    doc.write_text("before\n<!-- bench/archimate.py: begin -->\nold\n<!-- bench/archimate.py: end -->\nafter\n",
                   encoding="utf-8")
    p = subprocess.run([sys.executable, str(BENCH / "archimate.py"), "--elements", "400", "--write", str(doc)],
                       capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stderr[-3000:]
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("before\n<!-- bench/archimate.py: begin -->\n") and text.endswith(
        "<!-- bench/archimate.py: end -->\nafter\n")
    assert "old" not in text and "| `import archimate` into a YAML file |" in text and ": met |" in text
    assert "of 400 elements and 800 relationships" in text and ", 2 ketens, 18 schakels, " in text


def test_query_bench_runs_on_a_tiny_model():
    """bench/query.py (issue 18) on a tiny model without Neo4j: it runs and has a row per named query."""
    from ketengraaf.query.named import named_queries

    p = subprocess.run([sys.executable, str(BENCH / "query.py"), "--organisaties", "60", "--repeat", "1", "--no-neo4j"],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    assert "| ratio (target ≤ 1.5) |" in p.stdout
    for name in named_queries():
        assert f"\n| {name} | " in p.stdout, name

"""The README shows the scenario's real diff, and docs/diff.md tells the scenario as it is."""

from __future__ import annotations

import json

from tests.diff.conftest import NEW, OLD, ROOT, kg


def test_readme_shows_the_scenarios_real_diff() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- diff: begin -->\n", 1)[1].split("<!-- diff: end -->", 1)[0]
    shown = "".join(line[2:] if line.startswith("> ") else line.removeprefix(">") for line in block.splitlines(True))
    p = kg("diff", "modellen/toeslagen-2020.yaml", "modellen/toeslagen-2021.yaml", "--format", "markdown")
    assert p.returncode == 1, p.stderr  # the split introduces an error (D06)
    assert shown == p.stdout


def test_docs_tell_the_scenarios_figures() -> None:
    doc = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    s = json.loads(kg("diff", str(OLD), str(NEW), "--format", "json").stdout)["summary"]
    m, f = s["model"], s["findings"]
    assert (f"finds {sum(m.values())} model changes ({m['added']}\nadded, {m['removed']} removed, {m['changed']} changed)"
            in doc)
    assert f"| resolved ({f['resolved']}) |" in doc and f"| new ({f['new']}) |" in doc and f"| changed ({f['changed']}) |" in doc
    assert "<!-- bench/diff.py: begin -->" in doc and "<!-- bench/diff.py: end -->" in doc


def test_the_benchmark_runs() -> None:
    """bench/diff.py on a small model: it runs and prints every row (no timing is asserted)."""
    import subprocess
    import sys

    p = subprocess.run([sys.executable, str(ROOT / "bench" / "diff.py"), "--organisaties", "300", "--runs", "1"],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    for row in ("| `analyse OLD --format json` |", "| `diff OLD NEW --format json` |", "| `diff OLD NEW --format text` |",
                "| `diff OLD NEW --format markdown` |", "| diff ÷ one analyse, 300 organisations | ≤ 2.5× |"):
        assert row in p.stdout

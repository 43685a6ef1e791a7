"""Ctrl-C and SIGTERM during long commands (issue 12): exit 130 (143) with one line on stderr, and no
partial output — the output is either absent or complete, and no temporary file or directory is left.

A real signal at several moments of each command on a generated model of 20,000 organisations (the
reading, the cross-checks and the graph build, the rules on two processes, the writing).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ketengraaf
from ketengraaf.generate import write_model

pytestmark = pytest.mark.slow

PACKAGE = str(Path(ketengraaf.__file__).parent)  # a traceback through our code names files here

#: Seconds after the start at which the signal is sent (the command takes 2-4 s here).
MOMENTS = (0.6, 1.2, 1.8, 2.6)
BUDGET = 150  # seconds for the whole module, generously


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("signals")
    m = d / "groot.yaml"
    write_model(20_000, seed=3, output=m)
    return m


def start(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ketengraaf", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def interrupt(p: subprocess.Popen, after: float, sig: int = signal.SIGINT) -> tuple[int, str]:
    time.sleep(after)
    if p.poll() is None:
        p.send_signal(sig)
    out, err = p.communicate(timeout=60)
    return p.returncode, err


def leftovers(d: Path, keep: set[str]) -> list[str]:
    return sorted(x.name for x in d.iterdir() if x.name not in keep)


def test_analyse_json(big: Path, tmp_path: Path) -> None:
    t0 = time.perf_counter()
    ref = tmp_path / "ref.json"
    r = subprocess.run([sys.executable, "-m", "ketengraaf", "analyse", str(big), "--format", "json", "-o", str(ref),
                        "--fail-on", "never"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    interrupted = 0
    for i, after in enumerate(MOMENTS):
        d = tmp_path / f"run{i}"
        d.mkdir()
        p = start("analyse", str(big), "--format", "json", "-o", "uit.json", "--fail-on", "never", cwd=d)
        code, err = interrupt(p, after)
        if code == 130:
            interrupted += 1
            assert err == "ketengraaf: interrupted; no output was left half-written\n"
            assert leftovers(d, set()) == []
        else:  # it finished first: then its output is whole
            assert code == 0, err
            assert json.loads((d / "uit.json").read_text()) == json.loads(ref.read_text())
            assert leftovers(d, {"uit.json"}) == []
    assert interrupted >= 2, "the signal should arrive while analyse runs"
    assert time.perf_counter() - t0 < BUDGET


def test_report_and_diagrams(big: Path, tmp_path: Path) -> None:
    # a small model keeps Graphviz short; the signal lands while the report is built and written
    small = tmp_path / "klein.yaml"
    write_model(600, seed=2, output=small)
    for i, after in enumerate((0.5, 1.0, 1.6)):
        d = tmp_path / f"rep{i}"
        d.mkdir()
        p = start("report", str(small), "-o", "rapport", cwd=d)
        code, err = interrupt(p, after)
        if code == 130:
            assert err == "ketengraaf: interrupted; no output was left half-written\n"
            assert leftovers(d, set()) == []
        else:
            assert code == 0, err
            assert (d / "rapport" / "index.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
            assert leftovers(d, {"rapport"}) == []
    d = tmp_path / "dia"
    d.mkdir()
    p = start("diagram", str(big), "--view", "overzicht", "-o", "overzicht.svg", cwd=d)
    code, err = interrupt(p, 1.0)
    assert code == 130 and err == "ketengraaf: interrupted; no output was left half-written\n"
    assert leftovers(d, set()) == []


def test_sigterm(big: Path, tmp_path: Path) -> None:
    p = start("analyse", str(big), "--format", "sarif", "-o", "uit.sarif", cwd=tmp_path)
    code, err = interrupt(p, 1.0, signal.SIGTERM)
    assert code == 143 and err == "ketengraaf: terminated; no output was left half-written\n"
    assert leftovers(tmp_path, set()) == []


def test_validate_and_generate(big: Path, tmp_path: Path) -> None:
    p = start("validate", str(big), cwd=tmp_path)
    code, err = interrupt(p, 0.8)
    assert (code, err) == (130, "ketengraaf: interrupted; no output was left half-written\n")
    p = start("generate", "--organisaties", "200000", "--split", "-o", "gen", cwd=tmp_path)
    code, err = interrupt(p, 1.5)
    assert code == 130 and err == "ketengraaf: interrupted; no output was left half-written\n"
    gen = tmp_path / "gen"
    if gen.exists():  # no temporary files; whatever is there is a complete file
        assert [x.name for x in gen.iterdir() if x.name.startswith(".")] == []


def test_no_child_process_survives(big: Path, tmp_path: Path) -> None:
    """The rules run on two processes for a model this size: Ctrl-C stops the child too."""
    p = start("analyse", str(big), "--format", "json", "-o", "uit.json", cwd=tmp_path)
    deadline = time.time() + 30
    children: list[int] = []
    while time.time() < deadline and p.poll() is None and not children:
        try:
            children = [int(x) for x in Path(f"/proc/{p.pid}/task/{p.pid}/children").read_text().split()]
        except OSError:
            break
        time.sleep(0.02)
    if not children:
        pytest.fail("analyse of 20,000 organisations should fork a worker")
    p.send_signal(signal.SIGINT)
    p.communicate(timeout=60)
    assert p.returncode == 130
    time.sleep(0.2)
    for c in children:
        assert not Path(f"/proc/{c}").exists() or "Z" in Path(f"/proc/{c}/stat").read_text().split()[2], c


def test_signal_while_starting_up(big: Path, tmp_path: Path) -> None:
    """A Ctrl-C while Python imports the command line (the first few tenths of a second, longer on
    a busy machine) gives the same single line, never a traceback from ketengraaf's code. Only a
    signal that arrives while the interpreter itself starts (before any of ketengraaf runs: Python
    then reports it from its own start-up, "Fatal Python error: init_import_site" or a bare
    KeyboardInterrupt, and no program can intervene) ends it otherwise."""
    seen: set[int] = set()
    for i in range(12):
        p = start("validate", str(big), cwd=tmp_path)
        code, err = interrupt(p, 0.03 * i)
        if code == 130:
            assert err == "ketengraaf: interrupted; no output was left half-written\n"
        else:
            assert PACKAGE not in err and not err.startswith("ketengraaf:"), err  # Python's own start-up
            assert code in (-signal.SIGINT, 1), (code, err)  # killed by SIGINT, or Python's fatal start-up error
        seen.add(code)
    assert 130 in seen

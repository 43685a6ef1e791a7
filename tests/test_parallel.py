"""The rule checks give the same hits on one process and on two (ketengraaf.pipeline.parallel)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from ketengraaf.generate import write_model
from ketengraaf.graph.build import build_graph
from ketengraaf.graph.view import Context
from ketengraaf.pipeline import load_model
from ketengraaf.render.findings import to_json
from ketengraaf import forking
from ketengraaf.pipeline import parallel
from ketengraaf.rules import registry
from ketengraaf.pipeline import Analysis, NetworkXRules

pytestmark = pytest.mark.skipif(not forking.can_fork(), reason="no fork on this platform")


def _context(tmp_path, n, seed):
    f = tmp_path / "m.yaml"
    write_model(n, seed=seed, output=f)
    model = load_model(f)
    return model, build_graph(model)


@pytest.mark.parametrize("seed,n", [(1, 300), (2, 800), (3, 1500)])
def test_two_processes_give_the_same_hits(tmp_path, seed, n):
    model, G = _context(tmp_path, n, seed)
    rules = registry.select()
    one = parallel.check_all(Context(G, model.peildatum), rules, parallel=False)
    two = parallel.check_all(Context(G, model.peildatum), rules, parallel=True)
    assert parallel.last_mode == "two"
    assert sum(len(h) for h in one.values()) > 0
    assert list(two) == list(one) == [r.code for r in rules]
    assert two == one


def test_two_processes_give_the_same_report(tmp_path):
    model, G = _context(tmp_path, 600, 7)
    a = to_json(Analysis(model).findings(backend=NetworkXRules(parallel=False)))
    b = to_json(Analysis(model).findings(backend=NetworkXRules(parallel=True)))
    assert a == b


def test_progress_names_every_rule_once(tmp_path):
    model, G = _context(tmp_path, 200, 4)
    seen: list[str] = []
    parallel.check_all(Context(G, model.peildatum), registry.select(), progress=seen.append, parallel=True)
    assert sorted(seen) == sorted(r.code for r in registry.select())


@pytest.mark.parametrize("dying", ["D05", "D07", "S05"])
def test_a_failing_child_is_replaced_by_the_parent(tmp_path, dying):
    """If the child dies, the parent runs every rule it has no result for: same hits, no error.

    The child starts on the first unit (D05 alone) and may claim any later one, so the rule that
    dies is its first unit, or one of the parent's first unit (the rest of D) or of the last unit,
    which the child reaches only when the parent is slower (then it may not die at all)."""
    model, G = _context(tmp_path, 300, 5)
    rules = registry.select()
    want = parallel.check_all(Context(G, model.peildatum), rules, parallel=False)
    parent = os.getpid()
    rule = registry.get(dying)
    original = rule.check

    def dies_in_child(ctx, p):
        if os.getpid() != parent:
            os._exit(3)
        return original(ctx, p)

    object.__setattr__(rule, "check", dies_in_child)  # Rule is frozen
    try:
        seen: list[str] = []
        got = parallel.check_all(Context(G, model.peildatum), rules, progress=seen.append, parallel=True)
    finally:
        object.__setattr__(rule, "check", original)
    assert parallel.last_mode == ("fallback" if dying == parallel.units(rules)[0][0].code else parallel.last_mode)
    assert parallel.last_mode in ("fallback", "two")
    assert got == want
    assert sorted(seen) == sorted(r.code for r in rules)


def test_units_are_claimed_by_whichever_process_is_free(tmp_path, monkeypatch):
    """The split is dynamic: when one process is held up, the other runs the remaining units."""
    import time

    model, G = _context(tmp_path, 300, 6)
    rules = registry.select()
    want = parallel.check_all(Context(G, model.peildatum), rules, parallel=False)
    parent = os.getpid()
    ran_here: list[str] = []
    originals = {r.code: r.check for r in rules}

    def watched(rule):
        def check(ctx, p):
            if os.getpid() == parent:
                ran_here.append(rule.code)
            elif rule.code == parallel.units(rules)[0][0].code:
                time.sleep(1.0)  # the child is held up on its first unit
            return originals[rule.code](ctx, p)
        return check

    for r in rules:
        object.__setattr__(r, "check", watched(r))
    try:
        got = parallel.check_all(Context(G, model.peildatum), rules, parallel=True)
    finally:
        for r in rules:
            object.__setattr__(r, "check", originals[r.code])
    assert parallel.last_mode == "two"
    assert got == want
    assert ran_here == [r.code for u in parallel.units(rules)[1:] for r in u]  # all but the child's first


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert not forking.can_fork()
        b = forking.Background(lambda: 42)
        assert b.mode == "here" and b.result() == 42
    finally:
        stop.set()
        t.join()
    assert forking.can_fork()


@pytest.mark.parametrize("value,expected", [("1", 1), ("2", 2), ("8", 2), ("x", 1), ("0", 1)])
def test_workers_setting(monkeypatch, value, expected):
    monkeypatch.setenv("KETENGRAAF_WORKERS", value)
    assert forking.workers() == min(expected, os.cpu_count() or 1)


def test_cli_output_is_the_same_on_one_and_two_processes(tmp_path):
    """End to end above the size threshold: the bytes of the JSON report do not depend on it."""
    f = tmp_path / "groot.yaml"
    subprocess.run([sys.executable, "-m", "ketengraaf", "generate", "--organisaties",
                    str(parallel.MIN_ORGANISATIONS + 500), "--seed", "3", "-o", str(f)], check=True,
                   capture_output=True)
    outs = []
    for w in ("1", "2"):
        out = tmp_path / f"out-{w}.json"
        env = {**os.environ, "KETENGRAAF_WORKERS": w}
        p = subprocess.run([sys.executable, "-m", "ketengraaf", "analyse", str(f), "--format", "json", "-o", str(out),
                            "--fail-on", "never"], env=env, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


# A model that is well-typed but fails the cross-checks: a cycle in onderdeel_van (which would
# make a naive walk loop forever), a dangling reference and a duplicate id.
CROSS_CHECK_ERRORS = """\
ketengraaf: 1
model: {id: fout, naam: Fout}
organisaties:
  - {id: a, naam: A, soort: directie, onderdeel_van: b}
  - {id: b, naam: B, soort: directie, onderdeel_van: a}
  - {id: c, naam: C, soort: agentschap, onderdeel_van: nergens}
  - {id: c, naam: C2, soort: agentschap}
sturingsrelaties:
  - {van: a, naar: c, rol: eigenaar}
"""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_early_load_reports_exactly_the_errors_of_load(tmp_path, monkeypatch, workers):
    from ketengraaf.errors import ModelInvalid
    from ketengraaf.pipeline import Analysis

    monkeypatch.setenv("KETENGRAAF_WORKERS", workers)
    f = tmp_path / "fout.yaml"
    f.write_text(CROSS_CHECK_ERRORS, encoding="utf-8")
    with pytest.raises(ModelInvalid) as want:
        load_model(f)
    a = Analysis.open(f)
    build_graph(a.model)  # must not hang or fail on a model with unchecked references
    with pytest.raises(ModelInvalid) as got:
        a.confirm()
    assert got.value.problems == want.value.problems
    assert len(want.value.problems) == 3


def test_analyse_on_a_model_failing_the_cross_checks_is_exit_2(tmp_path):
    f = tmp_path / "fout.yaml"
    f.write_text(CROSS_CHECK_ERRORS, encoding="utf-8")
    v = subprocess.run([sys.executable, "-m", "ketengraaf", "validate", str(f)], capture_output=True, text=True)
    a = subprocess.run([sys.executable, "-m", "ketengraaf", "analyse", str(f), "--format", "json"],
                       capture_output=True, text=True, timeout=60)
    assert v.returncode == a.returncode == 2
    assert a.stdout == "" and a.stderr == v.stderr
    assert "onderdeel_van forms a cycle" in a.stderr and "Traceback" not in a.stderr


def test_an_idle_child_runs_at_the_lowest_priority_and_the_parent_does_not():
    """`Background(idle=True)`: the child takes only CPU time the parent leaves; when there is no
    child (or it is cancelled) the parent computes the value at its own priority."""
    mine = os.nice(0)
    b = forking.Background(lambda: os.nice(0), idle=True)
    assert b.mode == "child" and b.result() == 19
    c = forking.Background(lambda: os.nice(0), idle=True)
    c.cancel()
    assert c.result() == mine and c.mode == "fallback"
    assert os.nice(0) == mine


def test_a_forked_child_leaves_the_pipes_of_its_parent_alone():
    """A child that asks another Background of its parent for its value computes it itself: it
    must not take the value out of the parent's pipe (the parent would then lose it) or stop the
    parent's other child."""
    inner = forking.Background(lambda: 41 + 1)
    outer = forking.Background(lambda: (inner.result(), inner.cancel(), inner.mode)[::2])
    assert inner.mode == outer.mode == "child"
    assert outer.result() == (42, "fallback")  # computed in the outer child, by itself
    assert inner.result() == 42 and inner.mode == "child"  # the parent still got it from its child

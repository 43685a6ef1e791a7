"""Faults against the real Neo4j: a load killed mid-transaction, concurrent loads of one model, a
server that stops during ``analyse --backend neo4j`` (issue 12, "Neo4j faults").

Real processes, real signals, real servers; no mocks. The load and analyse processes are the CLI
(``python -m ketengraaf``). Moments are found on the server, not guessed with sleeps: ketengraaf tags
its transactions with metadata (``{"ketengraaf": "load", "model": ID}``), and the tests poll
``SHOW TRANSACTIONS`` for them.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import orjson
import pytest

from ketengraaf.backends.neo4j import GRAPH_KINDS, MODEL_LABEL, Neo4jBackend, Plan, Settings, edge_statement, plan_model
from ketengraaf.backends.neo4j.backend import _delete_tx
from ketengraaf.backends.neo4j.statements import _q, lock_existing_model_statement, model_lock_statement
from ketengraaf.generate import write_model
from ketengraaf.graph.schema import EDGE_KINDS
from ketengraaf.pipeline import load_model
from tests.neo4j.conftest import INJECTION, VOORBEELD, kg, kg_start, load_as, snapshot, tagged_transactions, yaml_as

POLL = 0.02  # seconds between two looks at the server


# ------------------------------------------------------------------------------------------------
# helpers


def _key(*parts: Any) -> bytes:
    """One node or relationship as canonical JSON (sorted keys; 1 and 1.0 stay different)."""
    return orjson.dumps(parts, option=orjson.OPT_SORT_KEYS)


Content = tuple[Counter, Counter]


def plan_content(plan: Plan) -> Content:
    """What loading ``plan`` must leave in Neo4j: every node (label, properties) and relationship
    (from, type, to, model of the target, properties), with their multiplicities."""
    nodes: Counter = Counter()
    for label, rows in plan.nodes.items():
        nodes.update(_key(label, {**r, "model": plan.model}) for r in rows)
    meta = {k: v for k, v in plan.meta.items() if v is not None}
    nodes[_key(MODEL_LABEL, {**meta, "model": plan.model})] += 1
    rels: Counter = Counter()
    for (typ, _sl, _tl), rows in plan.edges.items():
        rels.update(_key(r["s"], typ, r["t"], plan.model, {k: v for k, v in r.items() if k not in ("s", "t")})
                    for r in rows)
    return nodes, rels


def db_content(backend: Neo4jBackend, model_id: str) -> Content:
    """The same for what Neo4j holds of ``model_id``, plus any relationship from another model's node."""
    def work(tx: Any) -> Content:
        nodes: Counter = Counter()
        rels: Counter = Counter()
        for label in [k.label for k in GRAPH_KINDS] + [MODEL_LABEL]:
            for labels, props in tx.run(f"MATCH (n:{_q(label)}) WHERE n.model = $m "
                                        "RETURN collect([labels(n), properties(n)]) AS c", m=model_id).single()["c"]:
                nodes[_key("+".join(sorted(labels)), props)] += 1
            if label == MODEL_LABEL:
                continue
            rels.update(_key(*r) for r in tx.run(
                f"MATCH (a:{_q(label)})-[r]->(b) WHERE a.model = $m "
                "RETURN collect([a.id, type(r), b.id, b.model, properties(r)]) AS c", m=model_id).single()["c"])
            rels.update(_key("from another model", *r) for r in tx.run(
                f"MATCH (a:{_q(label)})<-[r]-(b) WHERE a.model = $m AND b.model <> $m "
                "RETURN collect([b.model, b.id, type(r), a.id]) AS c", m=model_id).single()["c"])
        return nodes, rels

    with backend._session(read=True) as s:
        return s.execute_read(work)


def assert_holds(backend: Neo4jBackend, plan: Plan) -> None:
    """Neo4j holds exactly ``plan``'s model: counts per label and type, fingerprint, every node and relationship."""
    labels, types = backend.counts(plan.model)
    assert labels == {k: len(v) for k, v in plan.nodes.items() if v}
    want_types: Counter = Counter()
    for (typ, _sl, _tl), rows in plan.edges.items():
        want_types[typ] += len(rows)
    assert types == dict(sorted(want_types.items()))
    got_nodes, got_rels = db_content(backend, plan.model)
    want_nodes, want_rels = plan_content(plan)
    assert got_nodes == want_nodes, _difference(got_nodes, want_nodes)
    assert got_rels == want_rels, _difference(got_rels, want_rels)


def _difference(got: Counter, want: Counter) -> str:
    extra, missing = got - want, want - got
    return (f"{sum(extra.values())} extra, for example {list(extra)[:3]}; "
            f"{sum(missing.values())} missing, for example {list(missing)[:3]}")


@pytest.fixture
def cli() -> Iterator[Callable[..., subprocess.Popen]]:
    """``cli(*args, uri=…)`` starts the CLI like :func:`kg_start`; any still running at the end is killed."""
    started: list[subprocess.Popen] = []

    def start(*args: str, uri: str | None = None) -> subprocess.Popen:
        started.append(kg_start(*args, uri=uri))
        return started[-1]

    yield start
    for p in started:
        if p.poll() is None:
            p.kill()
        p.communicate()


def wait_for(what: str, probe: Callable[[], Any], timeout: float, *, alive: Sequence[subprocess.Popen] = ()) -> Any:
    """Poll ``probe`` until it returns something true, for ``timeout`` seconds at most; fail if
    one of the processes ``alive`` ends first (they were to be caught while running)."""
    deadline = time.monotonic() + timeout
    while True:
        got = probe()
        if got:
            return got
        for p in alive:
            if p.poll() is not None:
                out, err = p.communicate()
                pytest.fail(f"the process ended (exit {p.returncode}) before {what}: {out[-500:]} {err[-2000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {timeout} s")
        time.sleep(POLL)


def blocked(backend: Neo4jBackend, model_id: str) -> list[dict[str, Any]]:
    """The loads of ``model_id`` that wait for a lock."""
    return [t for t in tagged_transactions(backend, ketengraaf="load", model=model_id)
            if t["status"].startswith("Blocked by")]


def stored_sha(backend: Neo4jBackend, model_id: str) -> Any:
    rows = backend.read_query(f"MATCH (m:{_q(MODEL_LABEL)} {{model: $m}}) RETURN m.sha256 AS sha", {"m": model_id})
    return [r["sha"] for r in rows]


def load_line(model_id: str, plan: Plan, where: str, tail: str = "") -> re.Pattern[str]:
    """The line ``ketengraaf load`` prints (any duration)."""
    return re.compile(re.escape(f"{model_id}: loaded {plan.n_nodes} nodes and {plan.n_edges} relationships into "
                                f"Neo4j at {where} in ") + r"\d+\.\d s" + re.escape(tail) + "\n")


def generated(tmp_path_factory: pytest.TempPathFactory, n: int, seeds: tuple[int, ...]) -> list[Path]:
    d = tmp_path_factory.mktemp(f"generated-{n}")
    out = []
    for seed in seeds:
        p = d / f"s{seed}.yaml"
        write_model(n, seed=seed, output=p)
        out.append(p)
    return out


def versions(paths: list[Path], model_id: str, tmp_path: Path) -> tuple[list[Path], list[Any], list[Plan]]:
    """Copies of the models at ``paths``, all under ``model_id``; the models; their plans (distinct
    fingerprints and node counts, so that a message or a stored fingerprint names one version)."""
    files, models, plans = [], [], []
    for i, p in enumerate(paths):
        d = tmp_path / f"v{i}"
        d.mkdir()
        files.append(yaml_as(p, model_id, d))
        models.append(load_model(files[-1]))
        plans.append(plan_model(models[-1]))
    assert len({pl.meta["sha256"] for pl in plans}) == len({pl.n_nodes for pl in plans}) == len(plans)
    return files, models, plans


# ------------------------------------------------------------------------------------------------
# SIGKILL of a load in the middle of its transaction


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two 20,000-organisation models (about 52,000 nodes and 114,000 relationships each)."""
    return generated(tmp_path_factory, 20_000, (1, 2))


@pytest.mark.slow
def test_sigkill_mid_load_leaves_the_previous_version(backend, new_id, tmp_path, national, cli):
    """``load --replace`` of version B over version A, killed with SIGKILL in the middle of its
    transaction: A stays exactly as it was, a neighbouring model too, no transaction is left, and
    the same load run again gives exactly B."""
    budget, t0 = 240, time.monotonic()
    mid, bystander = new_id("sigkill"), new_id("bystander")
    (_, file_b), (model_a, _), (plan_a, plan_b) = versions(national, mid, tmp_path)
    assert backend.load(model_a).status == "new"
    backend.load(load_as(VOORBEELD, bystander))
    other = snapshot(backend, bystander)
    assert stored_sha(backend, mid) == [plan_a.meta["sha256"]]

    proc = cli("load", "--replace", str(file_b))
    # Caught while it creates relationships: by then the transaction has merged all of B's nodes,
    # deleted the nodes B no longer has and all of A's relationships.
    creating = {edge_statement(k) for k in EDGE_KINDS.values()}
    tx = wait_for("the load creating relationships", lambda: [
        t for t in tagged_transactions(backend, ketengraaf="load", model=mid) if t["currentQuery"] in creating],
        120, alive=[proc])
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert tx[0]["activeLockCount"] > plan_b.n_nodes  # it had written every node of B
    # The server rolls back once it notices the connection is gone.
    wait_for("rollback", lambda: not tagged_transactions(backend, model=mid), 60)

    assert stored_sha(backend, mid) == [plan_a.meta["sha256"]]
    assert_holds(backend, plan_a)
    assert snapshot(backend, bystander) == other

    r = kg("load", "--replace", str(file_b))
    assert r.returncode == 0 and r.stderr == ""
    replaced_a = f"; replaced the previous version ({plan_a.n_nodes} nodes)"
    assert load_line(mid, plan_b, backend.where, replaced_a).fullmatch(r.stdout)
    assert stored_sha(backend, mid) == [plan_b.meta["sha256"]]
    assert_holds(backend, plan_b)
    assert snapshot(backend, bystander) == other
    assert time.monotonic() - t0 < budget


# ------------------------------------------------------------------------------------------------
# concurrent loads of one model


@pytest.fixture(scope="module")
def regional(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three 2,000-organisation models (about 5,200 nodes and 11,500 relationships each)."""
    return generated(tmp_path_factory, 2_000, (1, 2, 3))


@pytest.mark.slow
@pytest.mark.parametrize("before,replace", [("absent", True), ("loaded", True), ("absent", False)],
                         ids=["new-replace", "loaded-replace", "new-no-replace"])
def test_concurrent_loads_end_with_one_whole_version(backend, new_id, tmp_path, regional, cli, before, replace):
    """Two ``load``s of one model id with different content, started together: they serialise on the
    model's lock. With ``--replace`` both succeed and the later one replaces the earlier; without it,
    the later one is refused with the usual sentence. Never a mixture, never an internal error."""
    budget, t0 = 90, time.monotonic()
    mid = new_id("concurrent")
    files, models, plans = versions(regional, mid, tmp_path)
    if before == "loaded":
        backend.load(models[2])
    # A gate: this transaction holds the model's lock until both loads are waiting for it, so they
    # are certain to run at the same time. (Loads that do not lock would just run past it.)
    with backend._session() as s:
        gate = s.begin_transaction()
        gate.run(model_lock_statement(), model=mid).consume()
        procs = [cli("load", *(["--replace"] if replace else []), str(f)) for f in files[:2]]
        waiting = wait_for("both loads waiting", lambda: len(found := blocked(backend, mid)) == 2 and found, 60,
                           alive=procs)
        assert [t["currentQuery"] for t in waiting] == [model_lock_statement()] * 2
        gate.rollback()
    results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    assert "Traceback" not in "".join(err for _, err, _ in results)

    where = backend.where
    previous = {"absent": "", "loaded": f"; replaced the previous version ({plans[2].n_nodes} nodes)"}[before]
    ok = [i for i, (_, _, rc) in enumerate(results) if rc == 0]
    if replace:
        assert ok == [0, 1], results
        # the first to get the lock loads over what was there, the second over the first's version
        firsts = [i for i in (0, 1) if load_line(mid, plans[i], where, previous).fullmatch(results[i][0])]
        assert len(firsts) == 1, results
        first, last = firsts[0], 1 - firsts[0]
        assert load_line(mid, plans[last], where,
                         f"; replaced the previous version ({plans[first].n_nodes} nodes)").fullmatch(results[last][0])
        assert results[0][1] == results[1][1] == ""
    else:
        assert len(ok) == 1, results
        last, loser = ok[0], 1 - ok[0]
        assert load_line(mid, plans[last], where).fullmatch(results[last][0])
        assert results[loser][:3] == ("", f"ketengraaf: model '{mid}' is already in Neo4j at {where} with different "
                                          f"content ({plans[last].n_nodes} nodes); add --replace to replace it, "
                                          f"or remove it first with ketengraaf unload {mid}\n", 2)
    assert stored_sha(backend, mid) == [plans[last].meta["sha256"]]
    assert_holds(backend, plans[last])
    assert time.monotonic() - t0 < budget


def test_load_that_waited_for_an_unload_loads_a_new_model(backend, new_id, tmp_path, cli):
    """A load waiting for the lock of a model that an unload is removing: once the unload commits,
    the model is absent, so the load creates it (no --replace needed, no refusal)."""
    mid = new_id("after-unload")
    backend.load(load_as(VOORBEELD, mid))
    f = yaml_as(INJECTION, mid, tmp_path)
    with backend._session() as s:
        gate = s.begin_transaction()  # what unload does, held open
        gate.run(lock_existing_model_statement(), model=mid).consume()
        _delete_tx(gate, mid, 1000)
        proc = cli("load", str(f))
        waiting = wait_for("the load waiting", lambda: blocked(backend, mid), 60, alive=[proc])
        assert [t["currentQuery"] for t in waiting] == [model_lock_statement()]
        gate.commit()
    out, err = proc.communicate(timeout=60)
    plan = plan_model(load_model(f))
    assert (proc.returncode, err) == (0, "")
    assert load_line(mid, plan, backend.where).fullmatch(out)
    assert_holds(backend, plan)


# ------------------------------------------------------------------------------------------------
# the server stops during analyse --backend neo4j


@pytest.mark.slow
def test_server_stopping_during_analyse_exits_3_with_a_sentence(private_server, tmp_path, cli):
    """The server (a private one) is killed while the rules run: exit 3, one sentence, no output file.

    The driver retries a transaction whose connection was lost, with pauses of 1, 2, 4, 8, 16 and
    32 s (each ±20 %), until 30 s have passed since the first failure (a cluster may elect a new
    leader meanwhile): the command gives up between 30 s and about 70 s after the kill.
    """
    budget, t0 = 180, time.monotonic()
    model = tmp_path / "model.yaml"
    write_model(2_000, seed=7, output=model)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = cli("analyse", str(model), "--backend", "neo4j", "--format", "json", "-o", str(out_dir / "f.json"),
               uri=private_server.uri)
    with Neo4jBackend(Settings.resolve(uri=private_server.uri, env={})) as watcher:
        wait_for("the rules running", lambda: tagged_transactions(watcher, ketengraaf="analyse"), 150, alive=[proc])
        private_server.kill()
        killed = time.monotonic()
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 3, err
    assert out == ""
    assert err.splitlines() == [f"ketengraaf: Neo4j at {private_server.uri} stopped answering while trying to run "
                                f"the rules and did not come back within 30 s; check the server (for example "
                                f"with scripts/neo4j-server status) and try again"]
    assert list(out_dir.iterdir()) == []
    assert 30 <= time.monotonic() - killed < 90
    assert time.monotonic() - t0 < budget

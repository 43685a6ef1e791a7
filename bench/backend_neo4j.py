#!/usr/bin/env python3
"""The Neo4j part of the benchmark: load throughput (batched against naive) and the analysis in Neo4j.

`bench/run.py` calls :func:`measure` for every model size (one command does all); run this file on
its own to measure only Neo4j, without writing a document:

    scripts/neo4j-server start
    .venv/bin/python bench/backend_neo4j.py --sizes 1000,10000

Per size, each in a fresh process (:func:`worker`) under a model id of its own (``bench-...``) that
is removed again afterwards (other models in the database are never touched):

1. **batched load + analysis**: the pipeline's `Neo4jRules` strategy, exactly what
   `ketengraaf analyse --backend neo4j` runs. Its progress callback ("loading", then "rule X" before
   every rule) timestamps the load and every rule's Cypher query, and reads the client's peak memory.
   The batched throughput is (nodes + relationships) / wall time of the whole load.
2. **naive load**: `bench/naive_neo4j.py`'s `load_naive` (one statement per node and per relationship, one
   transaction) on the same model: the whole model when it has at most ``naive_max`` rows, else it
   is stopped after ``naive_max`` rows (or ``naive_timeout`` seconds) by raising from its progress
   callback, so that its transaction rolls back. Its throughput is rows written / wall time from the
   call on (plan and set-up included, as for the batched load). It writes the nodes first, so a
   stopped run measures mostly nodes (on a whole 1,000-organisation model the naive rate for nodes
   and for relationships was about the same).

Every event is a JSON line on the worker's stdout; the worker stops itself between two rules once
the analysis has taken ``cap`` seconds. A worker that does not answer within the cap (the load, or
one query that never ends) is killed; then the server's transactions whose parameter ``$model`` is
this run's model id are terminated and the model is unloaded (:func:`cleanup`).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from memory import Peak  # noqa: E402

Log = Callable[[str], None]
#: Seconds past a cap before the parent kills a worker that has not stopped itself (a single query
#: that never ends: the worker only checks the cap between rules and between naive progress calls).
KILL_SLACK = 60.0


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------
# server


def server_version(settings: Any = None) -> tuple[Optional[str], str]:
    """``(version, where)`` of the server the project's settings point at; version None if none answers."""
    from ketengraaf.backends.neo4j import Neo4jBackend, Settings

    settings = settings or Settings.resolve()
    try:
        with Neo4jBackend(settings) as nb:
            return nb.check(), nb.where
    except Exception as e:  # noqa: BLE001 - any failure means: not measured
        return None, f"{settings.where} ({str(e).splitlines()[0] if str(e) else type(e).__name__})"


def _neo4j_run_dir() -> Path:
    return Path(os.environ.get("KETENGRAAF_NEO4J_RUN", "/tmp/ketengraaf-neo4j"))


def memory_config() -> str:
    """Heap and page cache of the scripts/neo4j-server instance, if that is the one running."""
    conf = _neo4j_run_dir() / "conf" / "neo4j.conf"
    try:
        kv = dict(line.split("=", 1) for line in conf.read_text().splitlines() if "=" in line and not line.startswith("#"))
    except OSError:
        return ""
    heap = f"{kv.get('server.memory.heap.initial_size', '?')}–{kv.get('server.memory.heap.max_size', '?')}"
    return f"heap {heap}, page cache {kv.get('server.memory.pagecache.size', '?')}"


def server_rss_mb() -> Optional[float]:
    """Resident memory of the scripts/neo4j-server JVM now (read only; None if not found)."""
    try:
        pid = int((_neo4j_run_dir() / "run" / "neo4j.pid").read_text().strip())
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / 1e6
    except (OSError, ValueError):
        return None
    return None


def _driver(settings: Any) -> Any:
    import neo4j

    auth = neo4j.basic_auth(settings.user, settings.password) if settings.password else None
    return neo4j.GraphDatabase.driver(settings.uri, auth=auth, user_agent="ketengraaf-bench",
                                      notifications_min_severity="OFF")


def cleanup(model_id: str, settings: Any = None, log: Log = _stderr) -> None:
    """Stop this run's queries (those with ``$model = model_id``) and remove ``model_id``; nothing else."""
    from ketengraaf.backends.neo4j import Neo4jBackend, Settings

    assert model_id.startswith("bench-"), model_id
    settings = settings or Settings.resolve()
    try:
        with _driver(settings) as drv, drv.session(database=settings.database) as s:
            for _ in range(30):
                ids = [r["id"] for r in s.run("SHOW TRANSACTIONS YIELD transactionId AS id, parameters "
                                              "WHERE parameters.model = $mid RETURN id", mid=model_id)]
                if not ids:
                    break
                log(f"  neo4j: terminating {len(ids)} transaction(s) of {model_id}")
                s.run("TERMINATE TRANSACTIONS $ids", ids=ids).consume()
                time.sleep(1)
    except Exception as e:  # noqa: BLE001 - best effort; the unload below still runs
        log(f"  neo4j: could not list/terminate transactions ({e})")
    with Neo4jBackend(settings) as nb:
        if any(m["model"] == model_id for m in nb.models()) or nb.counts(model_id)[0]:
            nb.unload(model_id)


# ------------------------------------------------------------------------------------------------
# worker (a fresh process per size)


class _Stop(Exception):
    """Raised from a progress callback to stop (and roll back) a load or an analysis."""


def worker(mode: str, path: str, model_id: str, limit: float, cap: float) -> None:
    """Measure one model; every event is one JSON line on stdout (see the module docstring).

    ``mode`` "analysis": `Neo4jRules` (batched load + every rule's query), stopped at the first rule
    boundary after ``cap`` seconds of analysis. ``mode`` "naive": `load_naive`, stopped after ``limit``
    rows or ``cap`` seconds. The model is unloaded at the end (when anything of it was committed).
    """
    from ketengraaf.backends.neo4j import Neo4jBackend, Settings
    from ketengraaf.errors import KetengraafError
    from ketengraaf.pipeline import Analysis, Neo4jRules, load_model
    from naive_neo4j import load_naive

    peak = Peak()
    t0 = time.perf_counter()

    def emit(ev: str, **kw: Any) -> None:
        kw.update(ev=ev, t=time.perf_counter() - t0, mb=peak.mb())  # mb: peak since the last event
        peak.reset()
        print(json.dumps(kw), flush=True)

    model = load_model(path)
    model.id = model_id
    settings = Settings.resolve()
    emit("ready", exact_peak=peak.exact)
    with Neo4jBackend(settings) as nb:
        try:
            if mode == "naive":
                emit("naive_start")
                marks: list[tuple[float, int]] = []
                total = [0]
                start = time.perf_counter()

                def naive_progress(done: int, tot: int) -> None:
                    total[0] = tot
                    marks.append((time.perf_counter(), done))
                    if done >= limit or time.perf_counter() - start > cap:
                        raise _Stop()

                try:
                    load_naive(nb, model, progress=naive_progress)
                    done, end, complete = total[0], time.perf_counter(), True
                except _Stop:
                    (end, done), complete = marks[-1], False
                except KetengraafError as e:  # e.g. too little transaction memory: a result, not a crash
                    emit("error", msg=str(e).splitlines()[0])
                    return
                step = max(1, len(marks) // 50)
                emit("naive_end", done=done, total=total[0], complete=complete, seconds=end - start,
                     marks=[(round(t - start, 3), d) for t, d in marks[::step]])
            else:
                state: dict[str, Optional[float]] = {"start": None}

                def progress(event: str) -> None:
                    if event != "load":  # a rule's code
                        if state["start"] is None:
                            state["start"] = time.perf_counter()
                        elif time.perf_counter() - state["start"] > cap:
                            raise _Stop()
                        emit("rule", code=event)
                    else:
                        emit("load_start")

                try:
                    rep = Analysis(model).findings(lang="en", progress=progress,
                                                   backend=Neo4jRules(settings, replace=True))
                    emit("done", findings=len(rep.findings))
                except _Stop:
                    emit("stopped")
                except KetengraafError as e:  # e.g. too little transaction memory: a result, not a crash
                    emit("error", msg=str(e).splitlines()[0])
        finally:
            if nb.counts(model_id)[0]:
                got = nb.unload(model_id)
                emit("unloaded", nodes=got.nodes, relationships=got.relationships)


# ------------------------------------------------------------------------------------------------
# parent


def _reader(stream: Any, q: "queue.Queue[Optional[str]]") -> None:
    for line in stream:
        q.put(line)
    q.put(None)


def _run_worker(mode: str, path: str, n: int, limit: float, cap: float, log: Log) -> tuple[list[dict], Optional[str]]:
    """Run :func:`worker` in a fresh process under a new model id; its events and the phase it was killed in."""
    mid = f"bench-{n}-{mode}-{os.getpid()}-{int(time.time())}"
    cmd = [sys.executable, str(HERE / "run.py"), "_worker", "neo4j", mode, path, mid, str(limit), str(cap)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    q: "queue.Queue[Optional[str]]" = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, q), daemon=True).start()
    err: list[str] = []
    threading.Thread(target=lambda: err.extend(proc.stderr), daemon=True).start()  # type: ignore[arg-type]
    events: list[dict[str, Any]] = []
    # seconds a phase may take before the parent kills the worker (the worker stops itself earlier
    # at a rule boundary or a naive progress call; this is for a single query that never ends)
    limits = {"start": 600.0, "naive": cap + KILL_SLACK, "load": cap, "rules": cap + KILL_SLACK, "end": 900.0}
    phase, since, killed, rc = "start", time.monotonic(), None, None
    try:
        while True:
            try:
                line = q.get(timeout=max(0.1, limits[phase] - (time.monotonic() - since)))
            except queue.Empty:
                if time.monotonic() - since >= limits[phase]:
                    killed = phase
                    log(f"  neo4j n={n}: {phase} exceeded {limits[phase]:.0f} s; stopping it")
                    proc.kill()
                    break
                continue
            if line is None:
                break
            ev = json.loads(line)
            events.append(ev)
            kind = ev["ev"]
            if kind == "rule":
                log(f"  neo4j n={n}: rule {ev['code']}")
            elif kind != "ready":
                log(f"  neo4j n={n}: {kind.replace('_', ' ')}")
            new = {"naive_start": "naive", "load_start": "load", "rule": "rules", "done": "end",
                   "stopped": "end", "naive_end": "end"}.get(kind)
            if new and new != phase:
                phase, since = new, time.monotonic()
        rc = proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        try:
            cleanup(mid, log=log)
        except Exception as e:  # noqa: BLE001
            log(f"  neo4j: clean-up of {mid} failed: {e}")
    if killed is None and rc != 0:
        raise RuntimeError(f"the Neo4j {mode} worker for n={n} failed (exit {rc}):\n{''.join(err)[-3000:]}")
    return events, killed


def measure(path: str, n: int, *, naive_max: int = 100_000, naive_timeout: float = 400.0, cap: float = 900.0,
            log: Log = _stderr) -> dict[str, Any]:
    """Measure the model at ``path`` in Neo4j: first `Neo4jRules`, then the naive load (unless naive_max is 0).

    Keys: ``load_s``, ``load_mb``, ``rows``, ``batched_rate``, ``naive_rows``, ``naive_complete``,
    ``naive_rate``, ``ratio``, ``analysis_s`` (None when stopped), ``analysis_mb``, ``findings``,
    ``rules`` ({code: seconds, None when killed in it}), ``rule_mb``, ``stopped`` (None, or where the
    cap was hit), ``last_rule`` (whose time also holds the exceptions query and finalise), ``cap``.
    """
    events, killed = _run_worker("analysis", path, n, 0, cap, log)
    out = summarise(events, killed, cap)
    out["server_mb"] = server_rss_mb()
    if naive_max > 0:
        events, killed = _run_worker("naive", path, n, naive_max, naive_timeout, log)
        ne = next((e for e in events if e["ev"] == "naive_end"), None)
        err = next((e for e in events if e["ev"] == "error"), None)
        if err:
            out["naive_error"] = err["msg"]
        if ne and ne["seconds"] > 0:
            out.update(naive_rows=ne["done"], naive_complete=ne["complete"], naive_rate=ne["done"] / ne["seconds"],
                       rows=out["rows"] or ne["total"])
        if out["batched_rate"] and out["naive_rate"]:
            out["ratio"] = out["batched_rate"] / out["naive_rate"]
    return out


def summarise(events: list[dict[str, Any]], killed: Optional[str], cap: float) -> dict[str, Any]:
    """The analysis worker's events as measurements (see :func:`measure`)."""
    by = {e["ev"]: e for e in events}
    rules = [e for e in events if e["ev"] == "rule"]
    out: dict[str, Any] = {"rules": {}, "rule_mb": {}, "stopped": None, "last_rule": None,
                           "load_s": None, "load_mb": None, "analysis_s": None, "analysis_mb": None,
                           "findings": None, "rows": None, "batched_rate": None, "naive_rows": None,
                           "naive_complete": None, "naive_rate": None, "ratio": None, "cap": cap}
    ls = by.get("load_start")
    if ls and rules:
        out["load_s"] = rules[0]["t"] - ls["t"]
        out["load_mb"] = rules[0]["mb"]
    end = by.get("done") or by.get("stopped")
    following = rules[1:] + ([end] if end else [])
    for r, nxt in zip(rules, following):
        out["rules"][r["code"]] = nxt["t"] - r["t"]
        out["rule_mb"][r["code"]] = nxt["mb"]
    if "done" in by and rules:
        out["analysis_s"] = by["done"]["t"] - rules[0]["t"]
        out["findings"] = by["done"]["findings"]
        out["last_rule"] = rules[-1]["code"]
    elif "stopped" in by and rules:  # the worker stopped before the next rule: the cap was reached
        out["stopped"] = f"after rule {rules[-1]['code']}"
    elif killed == "rules" and rules:  # killed while a rule's query ran
        out["rules"][rules[-1]["code"]] = None
        out["stopped"] = f"in rule {rules[-1]['code']}"
    elif killed:
        out["stopped"] = killed
    if "error" in by:
        out["stopped"] = f"failed: {by['error']['msg']}"
    out["analysis_mb"] = max(out["rule_mb"].values(), default=None)
    un = by.get("unloaded")
    if un:
        out["rows"] = un["nodes"] + un["relationships"]
    if out["rows"] and out["load_s"]:
        out["batched_rate"] = out["rows"] / out["load_s"]
    return out


def warm_up(path: str, log: Log = _stderr, rounds: int = 3) -> None:
    """Small loads + analyses, not reported, so that the server's JIT is warm before the first size.

    One round was not enough: on a fresh server three successive batched loads of the same
    1,000-organisation model ran at about 1,000, 6,500 and 11,400 rows/s.
    """
    for i in range(rounds):
        log(f"neo4j: warm-up {i + 1} of {rounds}")
        measure(path, 0, naive_max=3_000, naive_timeout=60, cap=300, log=lambda _m: None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--neo4j-naive-max", type=int, default=100_000)
    ap.add_argument("--neo4j-timeout", type=float, default=900.0)
    args = ap.parse_args()
    import tempfile

    from run import generate, neo4j_tables

    version, where = server_version()
    if version is None:
        raise SystemExit(f"no Neo4j server answers at {where}; start one with scripts/neo4j-server start")
    sizes = [int(s) for s in args.sizes.split(",")]
    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        warm = generate(300, args.seed, os.path.join(tmp, "warm.yaml"))
        warm_up(warm)
        for n in sizes:
            res[n] = measure(generate(n, args.seed, os.path.join(tmp, f"gen-{n}.yaml")), n,
                             naive_max=args.neo4j_naive_max, cap=args.neo4j_timeout)
    print(neo4j_tables(sizes, res))


if __name__ == "__main__":
    main()

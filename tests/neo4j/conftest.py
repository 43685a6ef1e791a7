"""Shared fixtures for the Neo4j tests: the real server started by ``scripts/neo4j-server``.

The server is ``bolt://127.0.0.1:7687`` (auth off) unless ``NEO4J_URI`` says otherwise. Outside CI
a missing server skips these tests with the command that starts one; in CI (``CI=true``) it fails
them, so a broken runner can never pass by skipping.

Tests run in parallel (pytest-xdist) against one shared database, possibly next to other users of
it: every test loads its models under its own ids (worker id + random part) and removes them
afterwards. Nothing here ever deletes what it did not create.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from ketengraaf.backends.neo4j import GRAPH_KINDS, MODEL_LABEL, Neo4jBackend, Settings
from ketengraaf.errors import Unavailable, UsageError

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
VOORBEELD = ROOT.parent / "shared" / "spec" / "voorbeeld.yaml"
INJECTION = HERE / "injection.yaml"
DEFAULT_TEST_URI = "bolt://127.0.0.1:7687"
START_HINT = "start one with scripts/neo4j-server start"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def server_uri() -> str:
    return os.environ.get("NEO4J_URI") or DEFAULT_TEST_URI


@pytest.fixture(scope="session")
def neo4j_settings() -> Settings:
    settings = Settings.resolve(uri=server_uri())
    try:
        with Neo4jBackend(settings) as b:
            b.check()
    except (Unavailable, UsageError) as e:
        if in_ci():
            pytest.fail(f"the Neo4j tests need a server in CI and none answers: {e}", pytrace=False)
        pytest.skip(f"no Neo4j at {settings.where}: {START_HINT} (or set NEO4J_URI)")
    return settings


@pytest.fixture(scope="session")
def backend(neo4j_settings: Settings) -> Iterator[Neo4jBackend]:
    with Neo4jBackend(neo4j_settings) as b:
        b.ensure_constraints()
        yield b


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture
def new_id(backend: Neo4jBackend) -> Iterator[Callable[[str], str]]:
    """``new_id("voorbeeld")`` → a model id no other test (or worker) uses; unloaded after the test."""
    made: list[str] = []

    def make(stem: str = "m") -> str:
        mid = f"kgtest-{_worker()}-{uuid.uuid4().hex[:10]}-{stem}"
        made.append(mid)
        return mid

    yield make
    for mid in made:
        try:
            backend.unload(mid)
        except UsageError:
            pass  # not loaded, or removed by the test itself


@dataclasses.dataclass
class PrivateServer:
    """A Neo4j server of one test's own (own port and run directory), which the test may stop."""

    uri: str
    run_dir: Path
    env: dict[str, str]

    def java_pid(self) -> int:
        pid = int((self.run_dir / "run" / "neo4j.pid").read_text(encoding="ascii").strip())
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        assert f"--home-dir={self.run_dir}".encode() in args, f"pid {pid} is not this test's server"
        return pid

    def kill(self) -> None:
        """SIGKILL the server's Java process (checked to be this server's, never the shared one)."""
        os.kill(self.java_pid(), signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def private_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateServer]:
    """A second server started with ``scripts/neo4j-server`` on a free port, deleted afterwards.

    For tests that stop a server: the shared one is never stopped. In CI a server that does not
    start fails the test (like :func:`neo4j_settings`); elsewhere it skips it.
    """
    run_dir = tmp_path_factory.mktemp("neo4j-private")
    port = _free_port()
    env = {**os.environ, "NEO4J_PORT": str(port), "KETENGRAAF_NEO4J_RUN": str(run_dir),
           "KETENGRAAF_NEO4J_HEAP_MAX": "1g", "KETENGRAAF_NEO4J_PAGECACHE": "64m"}
    script = str(ROOT / "scripts" / "neo4j-server")
    r = subprocess.run([script, "start"], env=env, capture_output=True, text=True, timeout=300)
    try:
        if r.returncode != 0:
            msg = f"could not start a private Neo4j on port {port}: {(r.stdout + r.stderr)[-3000:]}"
            if in_ci():
                pytest.fail(msg, pytrace=False)
            pytest.skip(msg)
        yield PrivateServer(f"bolt://127.0.0.1:{port}", run_dir, env)
    finally:
        subprocess.run([script, "reset"], env=env, capture_output=True, text=True, timeout=300)


def load_as(path: Path, model_id: str) -> Any:
    """The model at ``path``, with its id replaced (for the Python API)."""
    from ketengraaf.pipeline import load_model

    return dataclasses.replace(load_model(path), id=model_id)


def yaml_as(path: Path, model_id: str, tmp_path: Path) -> Path:
    """A copy of a one-file model with ``model.id`` replaced (for the CLI)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("  id: ") and i > 0 and any(lines[j].startswith("model:") for j in range(max(0, i - 3), i)):
            lines[i] = f"  id: {model_id}\n"
            break
    else:
        raise AssertionError(f"{path}: no model id line")
    out = tmp_path / f"{model_id}.yaml"
    out.write_text("".join(lines), encoding="utf-8")
    return out


def _kg_command(args: tuple[str, ...], env: dict[str, str] | None, uri: str | None) -> tuple[list[str], dict[str, str]]:
    e = dict(os.environ)
    e["NEO4J_URI"] = uri or server_uri()
    e.setdefault("NO_COLOR", "1")
    if env:
        e.update(env)
    return [sys.executable, "-m", "ketengraaf", *args], e


def kg(*args: str, env: dict[str, str] | None = None, uri: str | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI (``python -m ketengraaf``) in a subprocess."""
    cmd, e = _kg_command(args, env, uri)
    return subprocess.run(cmd, capture_output=True, text=True, env=e, cwd=ROOT, timeout=300)


def kg_start(*args: str, env: dict[str, str] | None = None, uri: str | None = None) -> subprocess.Popen:
    """Start the real CLI without waiting for it (to signal it, or to run several at once)."""
    cmd, e = _kg_command(args, env, uri)
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=e, cwd=ROOT)


def tagged_transactions(backend: Neo4jBackend, **tag: str) -> list[dict[str, Any]]:
    """The server's open transactions whose metadata hold ``tag`` (ketengraaf tags its loads, unloads
    and rule runs, for example ``{"ketengraaf": "load", "model": ID}``)."""
    with backend._session() as s:
        rows = s.run("SHOW TRANSACTIONS YIELD transactionId, metaData, currentQuery, status, activeLockCount "
                     "RETURN *").data()
    return [r for r in rows if all((r["metaData"] or {}).get(k) == v for k, v in tag.items())]


def snapshot(backend: Neo4jBackend, model_id: str) -> tuple[list, list]:
    """Everything of one model: sorted (labels, properties) of its nodes and (from, type, to, properties) of its relationships."""
    def work(tx: Any) -> tuple[list, list]:
        nodes, rels = [], []
        for label in [k.label for k in GRAPH_KINDS] + [MODEL_LABEL]:
            for r in tx.run(f"MATCH (n:`{label}`) WHERE n.model = $m RETURN labels(n) AS l, properties(n) AS p",
                            m=model_id):
                nodes.append((sorted(r["l"]), sorted(r["p"].items(), key=lambda kv: kv[0])))
            for r in tx.run(f"MATCH (a:`{label}`)-[r]-(b) WHERE a.model = $m "
                            "RETURN a.id AS a, startNode(r) = a AS out, type(r) AS t, properties(r) AS p, "
                            "b.id AS b, b.model AS bm", m=model_id):
                rels.append((r["a"], r["out"], r["t"], sorted(r["p"].items()), r["b"], r["bm"]))
        return sorted(nodes, key=repr), sorted(rels, key=repr)

    with backend._session(read=True) as s:
        return s.execute_read(work)

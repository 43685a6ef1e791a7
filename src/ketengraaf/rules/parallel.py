"""Run the rules' checks, on two processes when the model is large and the platform allows it.

The checks are pure functions of one read-only :class:`~ketengraaf.graph.view.Context`, so they
split cleanly: after the context is built the process forks; the child runs one group of rules and
sends its hits back through a pipe (pickled), the parent runs the other group meanwhile. Fork
shares the context copy-on-write, so nothing is rebuilt or copied up front.

The groups are the themes: ``K`` and ``D`` in the child, the rest in the parent. That keeps the
rules that share a derived notion (``besturen`` for K05; ``verantwoord`` and the hierarchy numbering
for R) in one process, and the two halves took about the same time on generated models of
100,000 organisations (docs/performance.md).

The result never depends on the split: hits are collected per rule and the engine sorts the
findings; ``tests/test_parallel.py`` compares both ways on generated models. When anything goes
wrong with the child (it cannot be started, dies or sends something unreadable) the parent runs the
child's rules itself, so the only visible difference is time.

Two processes are used only when

* ``os.fork`` exists and the platform is not macOS (where forking a process that may have
  loaded system frameworks is unsafe),
* the process runs no other thread (forking a multi-threaded process can deadlock the child;
  the CLI's progress display therefore refreshes without a thread),
* the model has at least :data:`MIN_ORGANISATIONS` organisations (below that, forking costs more
  than it saves), and
* ``KETENGRAAF_WORKERS`` is not ``1`` (set it to ``1`` to force one process).
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from typing import Any, Callable, Iterable, Optional

from ketengraaf.rules.base import Hit, Rule

#: Below this many organisations the rules run in one process.
MIN_ORGANISATIONS = 5_000
#: Themes whose rules the child process runs.
CHILD_THEMES = frozenset("KD")

Hits = dict[str, list[Hit]]

#: How the last :func:`check_all` ran: "one" process, "two", or "fallback" (the child failed and
#: the parent did its work). For benchmarks and tests.
last_mode = ""


def workers() -> int:
    """How many processes the checks may use: 1 or 2 (``KETENGRAAF_WORKERS`` caps it)."""
    want = os.environ.get("KETENGRAAF_WORKERS", "").strip()
    n = 2
    if want:
        try:
            n = max(1, int(want))
        except ValueError:
            n = 1
    if (os.cpu_count() or 1) < 2:
        n = 1
    return min(n, 2)


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def check_all(ctx: Any, rules: Iterable[Rule], *, progress: Optional[Callable[[str], None]] = None,
              parallel: Optional[bool] = None) -> Hits:
    """``{code: hits}`` for every rule in ``rules``, in the order given.

    ``parallel``: None decides by the conditions in the module docstring; True/False force it
    (True still needs :func:`can_fork`).
    """
    global last_mode
    rules = list(rules)
    if parallel is None:
        parallel = workers() > 1 and len(ctx.orgs) >= MIN_ORGANISATIONS
    child_rules = [r for r in rules if r.code[0] in CHILD_THEMES]
    own_rules = [r for r in rules if r.code[0] not in CHILD_THEMES]
    if not (parallel and child_rules and own_rules and can_fork()):
        last_mode = "one"
        return {r.code: _run(r, ctx, progress) for r in rules}

    child = _Child.start(ctx, child_rules)
    try:
        hits = {r.code: _run(r, ctx, progress) for r in own_rules}
        got = child.result() if child else None
    finally:
        if child:
            child.reap()
    last_mode = "two"
    if got is None:  # the child failed: do its work here
        last_mode = "fallback"
        got = {r.code: _run(r, ctx, progress) for r in child_rules}
    elif progress:
        for r in child_rules:
            progress(r.code)
    hits.update(got)
    return {r.code: hits[r.code] for r in rules}


def _run(rule: Rule, ctx: Any, progress: Optional[Callable[[str], None]]) -> list[Hit]:
    if progress:
        progress(rule.code)
    return list(rule.check(ctx))


class _Child:
    """A forked process that runs some rules and pickles ``{code: hits}`` into a pipe."""

    def __init__(self, pid: int, fd: int):
        self.pid = pid
        self.fd = fd
        self.reaped = False

    @classmethod
    def start(cls, ctx: Any, rules: list[Rule]) -> Optional["_Child"]:
        try:
            r, w = os.pipe()
        except OSError:
            return None
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
            return None
        if pid == 0:  # pragma: no cover - runs in the child (covered by tests through its result)
            code = 1
            try:
                os.close(r)
                data = pickle.dumps({rule.code: list(rule.check(ctx)) for rule in rules},
                                    protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(w, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent redoes the work and reports
                pass
            finally:
                os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
        os.close(w)
        return cls(pid, r)

    def result(self) -> Optional[Hits]:
        """The child's hits, or None when it failed."""
        chunks = []
        fd, self.fd = self.fd, -1
        with os.fdopen(fd, "rb") as f:
            while True:
                b = f.read(1 << 20)
                if not b:
                    break
                chunks.append(b)
        status = self._wait()
        if status != 0 or not chunks:
            return None
        try:
            got = pickle.loads(b"".join(chunks))
        except Exception:  # noqa: BLE001 - treat as a failed child
            return None
        return got if isinstance(got, dict) else None

    def _wait(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        self.reaped = True
        return os.waitstatus_to_exitcode(status)

    def reap(self) -> None:
        """Make sure the child is gone (after an error or interrupt in the parent)."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        if self.reaped:
            return
        try:
            os.kill(self.pid, 9)
        except OSError:
            pass
        try:
            self._wait()
        except ChildProcessError:
            self.reaped = True

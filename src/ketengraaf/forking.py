"""Use the second core: run a pure function in a forked child while the parent goes on.

A national model takes seconds per stage in one Python process, and a laptop has more than one
core. :class:`Background` forks, runs ``fn()`` in the child (which shares the parent's memory
copy-on-write, so nothing is serialised up front) and pickles its return value back through a pipe.
The parent calls :meth:`Background.result` when it needs the value.

It falls back to running ``fn()`` in the parent, at :meth:`~Background.result` time, whenever a
child is not possible or not wanted, or fails in any way (cannot fork, dies, is killed, sends
something unreadable). The result is therefore always the same; only the time differs.

A child is started only when

* ``os.fork`` exists and the platform is not macOS (forking a process that may have loaded system
  frameworks is unsafe there),
* the process runs no other thread (forking a multi-threaded process can deadlock the child; the
  CLI's progress display therefore refreshes without a thread), and
* ``KETENGRAAF_WORKERS`` is not ``1`` and the machine has at least two cores.

``fn`` must not write to files or the terminal (its effects stay in the child) and must return
something picklable.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import weakref
from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")


def workers() -> int:
    """How many processes may work at once: 1 or 2 (``KETENGRAAF_WORKERS`` caps it)."""
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
    """Is forking safe and possible here, now?"""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


#: Children that are still running, so that an interrupted command can stop them on its way out.
_LIVE: "weakref.WeakSet[Background[Any]]" = weakref.WeakSet()


def cancel_all() -> None:
    """Stop every child still running (after Ctrl-C or SIGTERM in the parent)."""
    for b in list(_LIVE):
        b.cancel()


def _block_interrupts() -> Any:
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _restore(mask: Any) -> None:
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


class Background(Generic[T]):
    """``fn()`` computed in a forked child when possible (``wanted`` and :func:`can_fork`).

    ``mode`` tells afterwards how it ran: ``"child"``, ``"fallback"`` (a child was started but
    failed, so the parent computed it) or ``"here"`` (no child was started).

    >>> b = Background(lambda: sum(range(10)), wanted=False)
    >>> b.result(), b.mode
    (45, 'here')
    """

    def __init__(self, fn: Callable[[], T], *, wanted: bool = True, idle: bool = False):
        """``idle``: the child runs at the lowest CPU priority (``nice`` 19), for work that may turn
        out not to be needed: it then takes only time the parent leaves unused."""
        self._fn = fn
        self._idle = idle
        self._owner = os.getpid()  # only this process may read the child's pipe or stop it
        self._pid = 0
        self._fd = -1
        self._done = False
        self._value: Any = None
        self.mode = "here"
        if wanted and workers() > 1 and can_fork():
            self._start()

    def _start(self) -> None:
        try:
            r, w = os.pipe()
        except OSError:
            return
        sys.stdout.flush()
        sys.stderr.flush()
        # Ctrl-C or SIGTERM that arrives during the fork would be raised inside an at-fork hook
        # (logging registers one), where Python reports it as "ignored" and the command carries
        # on: hold both signals until the fork is done; a pending one is raised right after.
        mask = _block_interrupts()
        try:
            pid = os.fork()
        except OSError:
            _restore(mask)
            os.close(r)
            os.close(w)
            return
        _restore(mask)
        if pid == 0:  # pragma: no cover - runs in the child (tests check its result)
            code = 1
            try:
                os.close(r)
                if self._idle:
                    os.nice(19)
                value = self._fn()
                with os.fdopen(w, "wb") as out:  # streamed: no second copy of a large result
                    pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent redoes the work and reports
                pass
            finally:
                os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
        os.close(w)
        self._pid, self._fd = pid, r
        self.mode = "child"
        _LIVE.add(self)

    def result(self) -> T:
        """The value of ``fn()`` (waits for the child; computes it here if there is none)."""
        if not self._done:
            # In a process forked from the owner (a child of another Background) the pipe and the
            # child belong to the owner: compute the value here instead of taking it from them.
            value = self._collect() if self._pid and os.getpid() == self._owner else None
            if value is None:
                if self.mode == "child":
                    self.mode = "fallback"
                value = (self._fn(),)
            self._value = value[0]
            self._done = True
        return self._value

    def _collect(self) -> tuple[Any] | None:
        # Unpickled as it arrives: reading it all first and then unpickling held the result
        # three times over (chunks, their join, the objects), 450 MB for 150 MB of findings.
        fd, self._fd = self._fd, -1
        value: tuple[Any] | None = None
        with os.fdopen(fd, "rb") as f:
            try:
                value = (pickle.load(f),)
            except Exception:  # noqa: BLE001 - nothing or something unreadable: a failed child
                value = None
        status = self._wait()  # after EOF (the child closed its end), or after a broken stream
        if status != 0:
            return None
        return value

    def _wait(self) -> int:
        pid, self._pid = self._pid, 0
        _LIVE.discard(self)
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)

    def cancel(self) -> None:
        """Stop the child if it still runs (after an error or interrupt in the parent)."""
        if os.getpid() != self._owner:
            return
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._pid:
            try:
                os.kill(self._pid, 9)
            except OSError:
                pass
            try:
                self._wait()
            except ChildProcessError:
                self._pid = 0

    def __enter__(self) -> "Background[T]":
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()

"""Peak memory of the running process per stage (Linux): VmHWM, reset through /proc/self/clear_refs.

Writing "5" to ``/proc/self/clear_refs`` resets the process's high-water mark of resident memory
(``VmHWM`` in ``/proc/self/status``) to its current RSS, so the VmHWM read after a stage is that
stage's peak. Where that file cannot be written (not Linux, or a kernel without it) the fallback is
``ru_maxrss``: the peak since the process started, which only ever grows.
"""

from __future__ import annotations

import resource
import sys


def _hwm_kb() -> int | None:
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class Peak:
    """``reset()`` before a stage, ``mb()`` after it (MB = 10^6 bytes)."""

    def __init__(self) -> None:
        self.exact = self.reset() and _hwm_kb() is not None

    def reset(self) -> bool:
        try:
            with open("/proc/self/clear_refs", "w") as fh:
                fh.write("5")
            return True
        except OSError:
            return False

    def mb(self) -> float:
        kb = _hwm_kb() if self.exact else None
        if kb is None:
            kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
            if sys.platform == "darwin":
                kb //= 1024  # bytes on macOS
        return kb * 1024 / 1e6

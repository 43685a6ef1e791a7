"""The console script and ``python -m ketengraaf``.

Importing the command line (click, pydantic, networkx, ...) takes a moment; a Ctrl-C or SIGTERM in
that moment would end in a Python traceback. Until :func:`ketengraaf.cli.entry` takes over, a signal
ends the process with the same single line and exit code it gives later (nothing has been written
yet, so there is nothing to clean up).
"""

from __future__ import annotations

import os
import signal
import sys


def _early(signum: int, frame: object) -> None:
    what = "terminated" if signum == signal.SIGTERM else "interrupted"
    try:
        sys.stderr.write(f"ketengraaf: {what}; no output was left half-written\n")
        sys.stderr.flush()
    finally:
        os._exit(143 if signum == signal.SIGTERM else 130)


def main() -> None:
    interrupt = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if interrupt:  # an ignored SIGINT (a background job) stays ignored
        signal.signal(signal.SIGINT, _early)
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _early)  # replaced when the command starts (cli.main)
    from ketengraaf.cli import entry

    if interrupt:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    entry()


if __name__ == "__main__":
    main()

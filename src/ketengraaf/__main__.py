"""The console script and ``python -m ketengraaf``.

Importing the command line (click, pydantic, networkx, ...) takes a moment; a Ctrl-C or SIGTERM in
that moment would end in a Python traceback. So the first thing this module does, with the
built-in ``_signal`` (the ``signal`` module itself takes a while to import on a busy machine), is
to hold those signals: until :func:`ketengraaf.cli.entry` takes over, a signal ends the process
with the same single line and exit code it gives later (nothing has been written yet, so there is
nothing to clean up). Only a signal that arrives while the interpreter itself starts, before this
module runs, ends it the interpreter's way.
"""

import _signal
import os


def _early(signum: int, frame: object) -> None:
    terminated = signum == _signal.SIGTERM
    try:
        os.write(2, b"ketengraaf: " + (b"terminated" if terminated else b"interrupted")
                 + b"; no output was left half-written\n")
    finally:
        os._exit(143 if terminated else 130)


_INTERRUPT = _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler
if _INTERRUPT:  # an ignored SIGINT (a background job) stays ignored
    _signal.signal(_signal.SIGINT, _early)
if _signal.getsignal(_signal.SIGTERM) == _signal.SIG_DFL:
    _signal.signal(_signal.SIGTERM, _early)  # replaced when the command starts (cli.main)


def main() -> None:
    from ketengraaf.cli import entry

    if _INTERRUPT:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)
    entry()


if __name__ == "__main__":
    main()

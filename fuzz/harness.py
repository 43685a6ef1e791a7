"""What both fuzz targets share: a scratch directory in memory, and libFuzzer driven with half
structural, half byte-level mutations."""

from __future__ import annotations

import os
import random
import sys
import tempfile
from typing import Callable, Optional

import atheris


def scratch(prefix: str) -> str:
    """A private directory for the inputs, in /dev/shm where there is one (no disk writes)."""
    return tempfile.mkdtemp(prefix=prefix, dir="/dev/shm" if os.path.isdir("/dev/shm") else None)


def fuzz(check: Callable[[bytes], None], structural: Callable[[bytes, random.Random], Optional[bytes]]) -> None:
    """Run libFuzzer on ``check``: half of the mutations are ``structural`` ones (None: not
    possible on this input), half libFuzzer's own."""

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if rng.random() < 0.5:
            try:
                out = structural(data, rng)
            except Exception:  # the mutator's own trouble (deep or odd data) is not a finding
                out = None
            if out is not None and len(out) <= max_size:
                return out
        return atheris.Mutate(data, max_size)

    atheris.Setup(sys.argv, check, custom_mutator=custom_mutator)
    atheris.Fuzz()

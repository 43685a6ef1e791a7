#!/usr/bin/env python3
"""Coverage-guided fuzzing of the model reader (issue 12), with atheris (libFuzzer for Python).

Every input goes through :func:`oracle.check` (fuzz/oracle.py): what ``ketengraaf validate`` does
and, for a valid model, what ``analyse`` does; the only allowed outcomes are a model or a located
``ModelInvalid``. Anything else — another exception (a traceback for the user), a hang (libFuzzer's
``-timeout``), memory beyond ``-rss_limit_mb`` — is a finding: libFuzzer stops and writes the input
to ``crash-*``/``timeout-*``/``oom-*``.

Inputs are arbitrary bytes and mutated valid models: half of the mutations are libFuzzer's own
(bytes), half are structural (a YAML-aware mutator that changes a key, a scalar, an id, a date, a
list or a nesting level of a parsed model and writes it out again).

Usage (see also fuzz/run):
    .venv/bin/python fuzz/fuzz_loader.py fuzz/corpus/loader -max_total_time=60 -timeout=10 -rss_limit_mb=2048
    .venv/bin/python fuzz/fuzz_loader.py CRASH-FILE          # reproduce one input
"""

from __future__ import annotations

import os
import random
from typing import Any

import atheris

with atheris.instrument_imports(include=["ketengraaf", "oracle"]):
    import oracle

import harness  # noqa: E402

import yaml  # noqa: E402 - not instrumented: only the mutator uses it

_DIR = harness.scratch("kg-fuzz-")
_PATH = os.path.join(_DIR, "model.yaml")


def check(data: bytes) -> None:
    with open(_PATH, "wb") as f:
        f.write(data)
    oracle.check(_PATH, data)


# ---------------------------------------------------------------------------- structural mutations
_WORDS = ["id", "naam", "soort", "van", "naar", "rol", "partijen", "escalatie", "schakels", "volgt_op", "gegevens",
          "kenmerken", "ministerie", "agentschap", "overleg", "eigenaar", "opdrachtgever", "2026-02-30", "2026-01-01",
          "on", "no", "~", "012", "1e3", "-1", "1.5", "", "x" * 40, "ä€𝄞", "null", "true", "*a", "&a", "!!str", "{", "[",
          "- ", ": ", "#", "'", '"', "\t"]


def _walk(root: Any, out: list[tuple[Any, Any]], limit: int = 5000) -> None:
    """Every (container, key) below ``root``, iteratively; a container is visited once (YAML
    aliases can make a structure refer to itself)."""
    seen: set[int] = set()
    stack = [root]
    while stack and len(out) < limit:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            for k in list(node):
                out.append((node, k))
                stack.append(node[k])
        elif isinstance(node, list):
            for i in range(len(node)):
                out.append((node, i))
                stack.append(node[i])


def mutate_structure(data: bytes, rng: random.Random) -> bytes | None:
    try:
        doc = yaml.safe_load(data.decode("utf-8"))
    except Exception:
        return None
    if not isinstance(doc, (dict, list)):
        return None
    places: list[tuple[Any, Any]] = []
    _walk(doc, places)
    if not places:
        return None
    for _ in range(rng.randint(1, 3)):
        parent, key = rng.choice(places)
        if key not in (parent if isinstance(parent, dict) else range(len(parent))):
            continue
        op = rng.randrange(8)
        value = parent[key]
        if op == 0:
            parent[key] = rng.choice(_WORDS)
        elif op == 1 and isinstance(parent, dict):
            parent[rng.choice(_WORDS)] = value
        elif op == 2:
            del parent[key]
        elif op == 3:
            parent[key] = [value, rng.choice(_WORDS)]
        elif op == 4:
            parent[key] = {rng.choice(_WORDS): value}
        elif op == 5 and isinstance(value, str):
            parent[key] = value + rng.choice(_WORDS)
        elif op == 6 and isinstance(parent, list):
            parent.append(value)  # a duplicate item
        else:
            parent[key] = rng.choice([None, True, 3, -2.5, [], {}])
    try:
        style = rng.random() < 0.5
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=None if style else False,
                              width=rng.choice([40, 200, 10_000])).encode("utf-8")
    except Exception:
        return None


def main() -> None:
    harness.fuzz(check, mutate_structure)


if __name__ == "__main__":
    main()

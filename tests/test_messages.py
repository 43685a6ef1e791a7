"""Finding messages are part of the output contract: snapshots in tests/snapshots/messages/.

Regenerate deliberately (after reviewing the change) with:
    .venv/bin/python tests/test_messages.py --update
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SNAP = ROOT / "tests" / "snapshots" / "messages"


def cases() -> list[tuple[str, Path]]:
    out = [("voorbeeld", ROOT.parent / "shared" / "spec" / "voorbeeld.yaml")]
    out += [(p.name.removesuffix(".yaml"), p) for p in sorted((ROOT / "modellen").glob("*.yaml"))]
    out.append(("uitvoering-sociaal-domein", ROOT / "modellen" / "uitvoering-sociaal-domein"))
    out.append(("financien-szw", ROOT / "modellen" / "financien-szw"))
    return out + [(f"gen-{s}", Path(f"gen:{s}")) for s in (1, 2)]


def messages(path: Path) -> dict[str, list[str]]:
    from ketengraaf.generate import write_model
    from ketengraaf.pipeline import Analysis

    if str(path).startswith("gen:"):
        seed = int(str(path).split(":")[1])
        tmp = Path(tempfile.mkdtemp()) / f"gen-{seed}.yaml"
        write_model(150, seed=seed, output=tmp)
        path = tmp
    out = {}
    for lang in ("nl", "en"):
        r = Analysis.open(path).findings(lang=lang)
        out[lang] = [f"{f.rule} {f.subject}: {f.message}" for f in r.findings]
    return out


@pytest.mark.parametrize("name,path", cases(), ids=[c[0] for c in cases()])
def test_messages_unchanged(name, path):
    assert messages(path) == json.loads((SNAP / f"{name}.json").read_text(encoding="utf-8"))


if __name__ == "__main__" and "--update" in sys.argv:
    for name, path in cases():
        (SNAP / f"{name}.json").write_text(json.dumps(messages(path), ensure_ascii=False, indent=1), encoding="utf-8")
        print("updated", name)

"""Code quoted in the docs stays true to the code.

A fenced block whose first line is a comment naming a file of the repository (``# src/….py``,
``// queries/….cypher``, ``# tests/….yaml``) is a quote: the rest of the block must stand in that
file, line for line. A line ``# ...`` or ``// ...`` in the block marks an omission; the parts it
separates must stand in the file in that order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
AUTHORING = ROOT / "docs" / "rules-authoring.md"
FENCE = re.compile(r"^```[a-z]*\n(.*?)^```$", re.M | re.S)
MARK = re.compile(r"^(?:#|//) ((?:src|queries|tests|bench|scripts)/\S+\.(?:py|cypher|yaml))$")
OMISSION = {"# ...", "// ..."}


def quotes(doc: Path) -> list[tuple[str, list[list[str]]]]:
    """(file named, the quoted parts as lists of lines) for every quote in ``doc``."""
    out = []
    for m in FENCE.finditer(doc.read_text(encoding="utf-8")):
        lines = m.group(1).splitlines()
        mark = MARK.match(lines[0]) if lines else None
        if mark is None:
            continue
        parts: list[list[str]] = [[]]
        for line in lines[1:]:
            if line in OMISSION:
                parts.append([])
            else:
                parts[-1].append(line)
        out.append((mark.group(1), [p for p in parts if p]))
    return out


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_quoted_code_stands_in_the_file_it_names(doc):
    for rel, parts in quotes(doc):
        path = ROOT / rel
        assert path.is_file(), f"{doc.name} quotes {rel}, which does not exist"
        text = "\n" + path.read_text(encoding="utf-8") + "\n"
        at = 0
        for part in parts:
            found = text.find("\n" + "\n".join(part) + "\n", at)
            assert found >= 0, f"{doc.name}: this quote no longer stands in {rel} (after what came before it):\n" + \
                "\n".join(part)
            at = found + 1


def test_the_authoring_guide_quotes_every_piece_of_its_rule():
    named = {rel for rel, _ in quotes(AUTHORING)}
    assert named >= {"src/ketengraaf/rules/gegevens.py", "queries/rules/D05.cypher",
                     "src/ketengraaf/backends/neo4j_rules.py", "tests/rules/cases/D05.yaml",
                     "src/ketengraaf/rules/examples/D05.bad.yaml", "src/ketengraaf/rules/examples/D05.good.yaml"}


def test_the_authoring_guide_shows_what_its_rule_says_and_gives():
    """Beyond the code: the guide's copy of D05's row of RULES.md, the message it quotes in words and
    the subjects `explain` shows for the bad example."""
    from ketengraaf.rules import examples, registry

    guide = AUTHORING.read_text(encoding="utf-8")
    spec = (ROOT.parent / "shared" / "spec" / "RULES.md").read_text(encoding="utf-8").splitlines()
    rows = [line for line in guide.splitlines() if line.startswith("| D05 |")]
    assert rows and all(row in spec for row in rows)
    found = examples.findings(registry.get("D05"))
    assert f"  → D05: {', '.join(f.subject for f in found)}\n" in guide
    said = re.search(r'The message says "(.*?)"', guide, re.S)
    assert said and " ".join(said.group(1).split()) in found[0].message

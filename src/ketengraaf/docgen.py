"""Generate ``docs/rules.md`` and ``docs/graph-schema.md`` from the registry and the schema.

Run ``python -m ketengraaf.docgen`` after changing a rule or the schema; a test fails when the
committed files differ from what this produces.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ketengraaf.graph.schema import EDGE_KINDS, NODE_KINDS
from ketengraaf.rules import examples, registry
from ketengraaf.rules.base import THEMES

#: Where the examples live in the repository (the package ``ketengraaf.rules.examples``).
EXAMPLES_DIR = "src/ketengraaf/rules/examples"


def rules_md() -> str:
    out = ["# Rule catalogue", "",
           "Generated from the rule registry by `python -m ketengraaf.docgen`; do not edit by hand.",
           "The normative definition of each trigger is `shared/spec/RULES.md`; `ketengraaf explain CODE`",
           "prints the same text in the terminal (`--lang en` for English).", "",
           f"Each rule's examples are complete models in `{EXAMPLES_DIR}/`: the bad one triggers the rule",
           "(the line under it gives the subjects it reports, as `ketengraaf analyse` does), the good one is",
           "the same model with the fix and gives no finding of that rule. Run them:",
           f"`ketengraaf analyse {EXAMPLES_DIR}/R01.bad.yaml`.", "",
           "| code | severity | theme | name |", "|---|---|---|---|"]
    for r in registry.RULES.values():
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.severity} | {r.theme} | {r.name['nl']} / {r.name['en']} |")
    for letter, (theme, nl, en) in THEMES.items():
        rules = [r for r in registry.RULES.values() if r.code[0] == letter]
        if not rules:
            continue
        out += ["", f"## {letter}: {nl} / {en}"]
        for r in rules:
            out += ["", f"### {r.code}", "", f"**{r.name['nl']}** / *{r.name['en']}* — {r.severity}", "",
                    f"**Waarom.** {r.rationale['nl']}", "", f"*Why.* {r.rationale['en']}", "",
                    f"**Bron / source:** {r.source}", "",
                    f"**Oplossen.** {r.fix['nl']}", "", f"*How to resolve.* {r.fix['en']}", "",
                    f"**Fout** / *bad* ({_file_link(r.code, 'bad')}):", "", "```yaml", r.bad.strip(), "```", "",
                    f"→ {r.code}: {', '.join(f'`{f.subject}`' for f in examples.findings(r))}", "",
                    f"**Goed** / *good* ({_file_link(r.code, 'good')}):", "", "```yaml", r.good.strip(), "```"]
    return "\n".join(out) + "\n"


def _file_link(code: str, which: str) -> str:
    return f"[`{code}.{which}.yaml`](../{EXAMPLES_DIR}/{code}.{which}.yaml)"


def graph_schema_md() -> str:
    out = ["# Graph schema", "",
           "Generated from `src/ketengraaf/graph/schema.py` by `python -m ketengraaf.docgen`; do not edit by hand.",
           "Both backends hold exactly this graph: NetworkX as a `MultiDiGraph` (node key = `id`, edge key =",
           "relationship type, node attribute `label` = the node label), Neo4j as nodes with that label and a",
           "`model` property naming the model they belong to.", "",
           "Conventions: every node has a unique `id` in the model's shared id namespace (`Uitzondering`: `REGEL:ONDERWERP`);",
           "edges point from the thing that has the relation to the thing it names; dates are ISO text `YYYY-MM-DD`;",
           "absent values are absent (never null); author-ordered lists keep their order in the edge property `volgorde`;",
           "`kenmerken` is a map in NetworkX and canonical JSON text in Neo4j. Graph-level attributes (NetworkX `G.graph`):",
           "`model`, `naam`, `beschrijving`, `peildatum`.", "",
           "## Nodes", "", "| label | properties | meaning |", "|---|---|---|"]
    for n in NODE_KINDS.values():
        out.append(f"| `{n.label}` | {', '.join('`' + p + '`' for p in n.properties)} | {n.doc} |")
    out += ["", "## Relationships", "", "| type | from | to | properties | meaning |", "|---|---|---|---|---|"]
    for e in EDGE_KINDS.values():
        props = ", ".join("`" + p + "`" for p in e.properties) or "—"
        out.append(f"| `{e.type}` | {' / '.join(e.source)} | {' / '.join(e.target)} | {props} | {e.doc} |")
    return "\n".join(out) + "\n"


DOCS = {"docs/rules.md": rules_md, "docs/graph-schema.md": graph_schema_md}


def main() -> None:
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        print("usage: python -m ketengraaf.docgen [REPOSITORY-ROOT]   (default: the current directory)\n"
              f"writes {', '.join(DOCS)} from the rule registry and the graph schema", file=sys.stderr)
        sys.exit(0 if sys.argv[1] in ("-h", "--help") else 2)
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    for rel, fn in DOCS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(fn(), encoding="utf-8")
        print(f"wrote {rel}")


if __name__ == "__main__":
    main()

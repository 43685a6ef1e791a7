"""The files of ``DIR/roo/``: YAML written through the shared writer, and the manifest's content.

Deterministic: the same export, peildatum, options and previous manifest give the same bytes (no
clock, no order of the export: organisations are sorted, the manifest's maps too).
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from ketengraaf.importers.roo.importer import Options, Plan
from ketengraaf.importers.roo.reader import Export
from ketengraaf.model.yamlwrite import section

TOOL = "ketengraaf import roo"
#: The first line of every YAML file the import writes.
MARKER = ("# Geïmporteerd uit het Register van Overheidsorganisaties door ketengraaf import roo; "
          "de volgende import vervangt dit bestand.\n")
RELATIONS_FILE = "sturing.yaml"


def _source(export: Export, opts: Options) -> str:
    when = f" van {export.timestamp}" if export.timestamp else ""
    sel = f", alleen --under {', '.join(opts.under)}" if opts.under else ""
    dates = ", ook beëindigde en toekomstige organisaties (--all)" if opts.all else ""
    return (f"# Bron: {os.path.basename(export.path)} (ROO-export {export.version}{when}), peildatum "
            f"{opts.peildatum.isoformat()}{sel}{dates}.\n")


_ORG_NOTE = ("# Alles hier komt uit het register (kenmerken.bron: ROO). Alleen de secretaris-generaal van een\n"
             "# ministerie zonder SG-onderdeel in het register is afgeleid (bron: ROO (afgeleid)). Leg sturing,\n"
             "# opdrachten en afspraken vast in eigen bestanden naast roo/; zie docs/import-roo.md.\n")
_REL_NOTE = ("# Alleen de sturing die het register rechtvaardigt: een agentschap is een dienstonderdeel van zijn\n"
             "# ministerie en de secretaris-generaal is zijn continuïteitsverantwoordelijke, de eigenaar\n"
             "# (Regeling agentschappen 2024, art. 1). Een eigenaar die u in een eigen bestand vastlegt, vervangt\n"
             "# de relatie hier. Voor zbo's, rwt's en andere organisaties noemt het register alleen het\n"
             "# verantwoordelijke ministerie (kenmerken.roo_ministerie): wie eigenaar en opdrachtgever is, legt u\n"
             "# zelf vast (docs/import-roo.md).\n")


def yaml_files(plan: Plan, export: Export, opts: Options) -> dict[str, bytes]:
    """File name -> content: one file per ministry (the ministry, its SG, everything below it and
    what answers to it), ``gemeenten.yaml``, ``provincies.yaml``, ``waterschappen.yaml``,
    ``overig.yaml`` and ``sturing.yaml`` (the relations), each only when it has something."""
    source = _source(export, opts)
    groups: dict[str, list[dict[str, Any]]] = {}
    for o in plan.orgs:
        groups.setdefault(o.file, []).append(o.item())
    out: dict[str, bytes] = {}
    for name, items in groups.items():
        text = [MARKER, source, _ORG_NOTE, "ketengraaf: 1\n", "\n"]
        section("organisaties", items, text)
        out[name] = "".join(text).encode("utf-8")
    text = [MARKER, source, _REL_NOTE, "ketengraaf: 1\n", "\n"]
    section("sturingsrelaties", plan.relations, text)
    out[RELATIONS_FILE] = "".join(text).encode("utf-8")
    return dict(sorted(out.items()))


def manifest(plan: Plan, export: Export, opts: Options) -> dict[str, Any]:
    """What the next import needs (the ids, what was written) and what a reader wants to know."""
    h = hashlib.sha256()
    with open(export.path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    written = {o.id: {"key": o.key, "naam": o.naam} for o in sorted(plan.orgs, key=lambda o: o.id)}
    return {
        "tool": TOOL,
        "format": 1,
        "export": {"file": os.path.basename(export.path), "sha256": h.hexdigest(), "namespace": export.namespace,
                   "timestamp": export.timestamp},
        "peildatum": opts.peildatum.isoformat(),
        "all": opts.all,
        "under": list(opts.under),
        "ids": dict(sorted(plan.ids.items(), key=lambda kv: _key_order(kv[0]))),
        "written": written,
    }


def _key_order(key: str) -> tuple[int, int, str]:
    sg, _, num = key.partition(":") if key.startswith("sg:") else ("", "", key)
    return (1 if sg else 0, int(num) if num.isdigit() else -1, key)

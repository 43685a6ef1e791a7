"""Property tests of the ids: random renames and reorderings of an export keep every systeemId's id,
and the order of the export never changes what is written."""

from __future__ import annotations

import json
import random
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketengraaf.importers.roo.importer import Options
from ketengraaf.importers.roo.run import run_import
from tests.importers.roo_xml import O, write

NAMES = ["Financiën", "Directie Beleid", "Afdeling Beleid", "Directoraat-generaal Werk", "SG Cluster", "Uitvoering",
         "Team Data & Analyse", "Belastingdienst", "Stichting Werk", "Utrecht", "'s-Hertogenbosch", "Raad"]
AFK = ["", "", "BD", "DGW", "MT", "Fin", "UWV", "C&F"]
TYPES = [["Ministerie"], ["Organisatieonderdeel"], ["Organisatieonderdeel"], ["Agentschap"], ["Zelfstandig bestuursorgaan"],
         ["Gemeente"], ["Adviescollege"], []]


@st.composite
def exports(draw):
    n = draw(st.integers(3, 25))
    rows = []
    for i in range(n):
        parent = draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None
        rows.append({"sid": 100 + i * draw(st.integers(1, 3)) + i, "parent": parent, "naam": draw(st.sampled_from(NAMES)),
                     "afk": draw(st.sampled_from(AFK)), "types": draw(st.sampled_from(TYPES)),
                     "eind": draw(st.sampled_from([None, None, None, "2001-01-01", "2099-01-01"]))})
    seed = draw(st.integers(0, 2**16))
    renames = draw(st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(NAMES), st.sampled_from(AFK)), max_size=6))
    return rows, seed, renames


def build(rows: list[dict], order_seed: int | None = None) -> list[O]:
    nodes = [O(r["sid"], r["naam"], r["types"], [r["afk"]] if r["afk"] else [], eind=r["eind"]) for r in rows]
    roots = []
    for r, node in zip(rows, nodes):
        (nodes[r["parent"]].kids if r["parent"] is not None else roots).append(node)
    if order_seed is not None:
        rng = random.Random(order_seed)
        for node in nodes:
            rng.shuffle(node.kids)
        rng.shuffle(roots)
    return roots


def run(xml: Path, out: Path, all_: bool = False) -> dict:
    run_import(str(xml), str(out), Options(date(2026, 11, 27), all_))
    return json.loads((out / "roo" / "manifest.json").read_text(encoding="utf-8"))


def files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "roo").iterdir()) if p.name != "manifest.json"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports())
def test_renames_and_reorderings_keep_every_id(case):
    rows, seed, renames = case
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        first = run(write(d / "a.xml", *build(rows)), d / "m")
        changed = [dict(r) for r in rows]
        for i, naam, afk in renames:
            changed[i]["naam"], changed[i]["afk"] = naam, afk
        second = run(write(d / "b.xml", *build(changed, seed)), d / "m")
        assert {k: second["ids"][k] for k in first["ids"]} == first["ids"]
        assert len(set(second["ids"].values())) == len(second["ids"])  # never one id for two
        # the same holds with --all, and for the organisations written
        assert all(second["ids"][w["key"]] == i for i, w in second["written"].items())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports())
def test_the_order_of_the_export_does_not_matter(case):
    rows, seed, _ = case
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        (d / "a").mkdir()
        (d / "b").mkdir()
        run(write(d / "a" / "export.xml", *build(rows)), d / "one", all_=True)  # the files name the export
        run(write(d / "b" / "export.xml", *build(rows, seed)), d / "two", all_=True)
        assert files(d / "one") == files(d / "two")

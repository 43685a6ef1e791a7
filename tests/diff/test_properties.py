"""``ketengraaf diff`` on generated models and random edits (hypothesis).

For a generated model A and a copy B with random edits (relations, afspraken and organisations added,
removed or changed):

* the finding changes are exactly the difference of the two analyses, each made on its own: new =
  NEW's findings whose (rule, subject) OLD lacks, resolved = the converse, changed = same key with
  other related ids, message or suppression, unchanged = the rest;
* the model changes are exactly the edits made: one change per edited item, of the right kind, with
  the fields the edit touched;
* the diff of B against A mirrors that of A against B, and a model against itself is empty.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketengraaf.diff import compare, open_pair
from ketengraaf.generate import generate_model
from ketengraaf.pipeline import Analysis

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ROLES = ("eigenaar", "opdrachtgever")


def write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path


def key(r: dict) -> str:
    return f"{r['rol']}:{r['van']}->{r['naar']}"


def _strings(x: Any, out: set[str]) -> None:
    if isinstance(x, dict):
        for v in x.values():
            _strings(v, out)
    elif isinstance(x, list):
        for v in x:
            _strings(v, out)
    elif isinstance(x, str):
        out.add(x)


def referenced(data: dict) -> set[str]:
    """Every string the model holds outside the organisations' own ids (so: every referenced id)."""
    out: set[str] = set()
    for section, v in data.items():
        if section in ("model", "ketengraaf"):
            continue
        if section == "organisaties":
            for o in v:
                _strings({k: x for k, x in o.items() if k != "id"}, out)
        else:
            _strings(v, out)
    return out


class Editor:
    """Applies random edits to a copy of a model's data and records the model change each must give:
    ``(section, id, change, fields)`` (fields: the names a change touches; None for an addition or
    removal), plus ``old_ids`` for a relation whose rol changed. Every edit touches items no other edit
    touched, so the expected changes do not interact."""

    def __init__(self, data: dict, draw: Any):
        self.d = copy.deepcopy(data)
        self.draw = draw
        self.expected: set[tuple[str, str, str, Any]] = set()
        self.old_ids: dict[str, str] = {}
        self.touched: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()  # organisation pairs whose relations an edit touched
        self.peil = date.fromisoformat(data["model"]["peildatum"])
        self.n = 0

    def fresh(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-nieuw-{self.n}"

    def pick(self, items: list) -> Any:
        return self.draw(st.sampled_from(items)) if items else None

    def org_ids(self) -> list[str]:
        return [o["id"] for o in self.d["organisaties"]]

    # --- sturingsrelaties
    def add_relation(self) -> None:
        orgs = [o for o in self.org_ids() if o not in self.touched]
        taken = {(r["van"], r["naar"]) for r in self.d["sturingsrelaties"]} | self.pairs
        van, naar = self.draw(st.sampled_from(orgs)), self.draw(st.sampled_from(orgs))
        if van == naar or (van, naar) in taken:
            return
        r = {"van": van, "naar": naar, "rol": self.draw(st.sampled_from(ROLES))}
        if r["rol"] == "opdrachtgever" and self.draw(st.booleans()):
            r["coordinerend"] = True
        self.d["sturingsrelaties"].append(r)
        self.pairs.add((van, naar))
        self.expected.add(("sturingsrelaties", key(r), "added", None))

    def _free_relation(self, only_one: bool = False) -> Any:
        rels = self.d["sturingsrelaties"]
        count: dict[tuple[str, str], int] = {}
        for r in rels:
            count[(r["van"], r["naar"])] = count.get((r["van"], r["naar"]), 0) + 1
        ok = [i for i, r in enumerate(rels) if (r["van"], r["naar"]) not in self.pairs
              and key(r) not in self.touched and (not only_one or count[(r["van"], r["naar"])] == 1)]
        return self.pick(ok)

    def remove_relation(self) -> None:
        i = self._free_relation()
        if i is None:
            return
        r = self.d["sturingsrelaties"].pop(i)
        self.pairs.add((r["van"], r["naar"]))
        self.expected.add(("sturingsrelaties", key(r), "removed", None))

    def change_rol(self) -> None:
        """One relation between VAN and NAAR gets another rol: one change of ``rol``, not a removal
        and an addition."""
        i = self._free_relation(only_one=True)
        if i is None:
            return
        r = self.d["sturingsrelaties"][i]
        rol = self.draw(st.sampled_from([x for x in ROLES if x != r["rol"]]))
        new = {"van": r["van"], "naar": r["naar"], "rol": rol}
        self.d["sturingsrelaties"][i] = new
        self.pairs.add((r["van"], r["naar"]))
        fields = {"rol"} | {f for f in ("coordinerend", "sturingsmodel", "kenmerken") if r.get(f)}
        self.expected.add(("sturingsrelaties", key(new), "changed", frozenset(fields)))
        self.old_ids[key(new)] = key(r)

    def toggle_coordinerend(self) -> None:
        rels = self.d["sturingsrelaties"]
        ok = [i for i, r in enumerate(rels) if r["rol"] == "opdrachtgever" and (r["van"], r["naar"]) not in self.pairs]
        i = self.pick(ok)
        if i is None:
            return
        r = rels[i]
        r["coordinerend"] = not r.get("coordinerend", False)
        self.pairs.add((r["van"], r["naar"]))
        self.expected.add(("sturingsrelaties", key(r), "changed", frozenset({"coordinerend"})))

    # --- afspraken
    def add_afspraak(self) -> None:
        orgs = self.org_ids()
        partijen = self.draw(st.lists(st.sampled_from(orgs), min_size=2, max_size=4, unique=True))
        a: dict[str, Any] = {"id": self.fresh("afs"), "soort": self.draw(st.sampled_from(
            ["resultaatafspraak", "samenwerkingsafspraak", "convenant", "opdrachtgeversagenda"])),
            "partijen": partijen}
        if self.draw(st.booleans()):
            a["geldig_van"] = (self.peil - timedelta(days=self.draw(st.integers(-30, 400)))).isoformat()
        self.d["afspraken"].append(a)
        self.touched.add(a["id"])  # no later edit removes or changes it
        self.expected.add(("afspraken", a["id"], "added", None))

    def _free_afspraak(self) -> Any:
        return self.pick([i for i, a in enumerate(self.d["afspraken"]) if a["id"] not in self.touched])

    def remove_afspraak(self) -> None:
        i = self._free_afspraak()
        if i is not None:
            a = self.d["afspraken"].pop(i)
            self.touched.add(a["id"])
            self.expected.add(("afspraken", a["id"], "removed", None))

    def expire_afspraak(self) -> None:
        """An afspraak that ended the day before the peildatum: invalid in NEW."""
        i = self._free_afspraak()
        if i is None:
            return
        a = self.d["afspraken"][i]
        end = (self.peil - timedelta(days=1)).isoformat()
        if a.get("geldig_tot") == end:
            return
        fields = {"geldig_tot"}
        a["geldig_tot"] = end
        if a.get("geldig_van", "") > end:
            a["geldig_van"] = end
            fields.add("geldig_van")
        self.touched.add(a["id"])
        self.expected.add(("afspraken", a["id"], "changed", frozenset(fields)))

    # --- organisaties
    def add_organisation(self) -> None:
        ministries = [o["id"] for o in self.d["organisaties"] if o["soort"] == "ministerie"]
        o = {"id": self.fresh("org"), "naam": "Nieuwe directie", "soort": "directie",
             "onderdeel_van": self.draw(st.sampled_from(ministries))}
        self.d["organisaties"].append(o)
        self.touched.add(o["id"])
        self.expected.add(("organisaties", o["id"], "added", None))

    def remove_organisation(self) -> None:
        refs = referenced(self.d) | self.touched | {a for p in self.pairs for a in p}
        ok = [i for i, o in enumerate(self.d["organisaties"]) if o["id"] not in refs]
        i = self.pick(ok)
        if i is not None:
            o = self.d["organisaties"].pop(i)
            self.touched.add(o["id"])
            self.expected.add(("organisaties", o["id"], "removed", None))

    def _free_org(self, soort_not: str = "") -> Any:
        return self.pick([i for i, o in enumerate(self.d["organisaties"])
                          if o["id"] not in self.touched and o["soort"] != soort_not])

    def rename_organisation(self) -> None:
        i = self._free_org()
        if i is not None:
            o = self.d["organisaties"][i]
            o["naam"] += " (hernoemd)"
            self.touched.add(o["id"])
            self.expected.add(("organisaties", o["id"], "changed", frozenset({"naam"})))

    def move_organisation(self) -> None:
        """To another ministry (a ministry is under nothing, so this makes no cycle)."""
        i = self._free_org(soort_not="ministerie")
        if i is None:
            return
        o = self.d["organisaties"][i]
        to = [m["id"] for m in self.d["organisaties"] if m["soort"] == "ministerie" and m["id"] != o.get("onderdeel_van")]
        if not to:
            return
        o["onderdeel_van"] = self.draw(st.sampled_from(to))
        self.touched.add(o["id"])
        self.expected.add(("organisaties", o["id"], "changed", frozenset({"onderdeel_van"})))


EDITS = [name for name in vars(Editor) if not name.startswith("_") and name not in
         ("fresh", "pick", "org_ids")]


def finding_key(f: Any) -> tuple:
    return (f.rule, f.severity, f.subject, tuple(f.related), f.message, f.suppressed, f.reason)


def analysed(path: Path) -> dict[tuple[str, str], tuple]:
    """The findings of one analysis on its own, by (rule, subject)."""
    out = {}
    for f in Analysis.open(path).findings().findings:
        assert (f.rule, f.subject) not in out, "one finding per (rule, subject)"
        out[(f.rule, f.subject)] = finding_key(f)
    return out


def actual_changes(d: Any) -> set[tuple[str, str, str, Any]]:
    out = {(c.section, c.id, c.change, frozenset(f.field for f in c.fields) if c.change == "changed" else None)
           for c in d.model}
    assert len(out) == len(d.model)
    return out


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(20, 70), data=st.data())
def test_diff_is_exactly_the_edits_and_the_difference_of_the_analyses(tmp_path_factory, seed, n, data):
    base = generate_model(n, seed)
    ed = Editor(base, data.draw)
    for name in data.draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=8), label="edits"):
        getattr(ed, name)()
    tmp = tmp_path_factory.mktemp("d")
    a, b = write(tmp / "a.yaml", base), write(tmp / "b.yaml", ed.d)

    d = compare(*open_pair(a, b))

    # The model changes are the edits, no more, no less.
    assert actual_changes(d) == ed.expected
    assert {c.id: c.old_id for c in d.model if c.old_id} == ed.old_ids
    peil = d.peildatum
    for c in d.model:
        if c.section == "afspraken" and c.change == "changed":
            assert c.valid is not None and c.valid[1] is False and peil == ed.peil

    # The findings: exactly the difference of two analyses made each on its own.
    fa, fb = analysed(a), analysed(b)
    new = sorted(fb[k] for k in fb.keys() - fa.keys())
    resolved = sorted(fa[k] for k in fa.keys() - fb.keys())
    both = sorted(fa.keys() & fb.keys())
    changed = [(fa[k], fb[k]) for k in both if fa[k] != fb[k]]
    unchanged = [fb[k] for k in both if fa[k] == fb[k]]
    f = d.findings
    assert sorted(finding_key(x) for x in f.new) == new
    assert sorted(finding_key(x) for x in f.resolved) == resolved
    assert sorted((finding_key(c.old), finding_key(c.new)) for c in f.changed) == changed
    assert sorted(finding_key(x) for x in f.unchanged) == sorted(unchanged)
    # each list in (rule, subject) code-point order
    for lst in (f.new, f.resolved, f.unchanged, [c.new for c in f.changed]):
        assert [(x.rule, x.subject) for x in lst] == sorted((x.rule, x.subject) for x in lst)

    # The other way round mirrors it.
    r = compare(*open_pair(b, a))
    assert {(x.rule, x.subject) for x in r.findings.new} == {(x.rule, x.subject) for x in f.resolved}
    assert {(x.rule, x.subject) for x in r.findings.resolved} == {(x.rule, x.subject) for x in f.new}
    flip = {"added": "removed", "removed": "added", "changed": "changed"}
    assert {(c.section, c.old_id or c.id, flip[c.change]) for c in d.model} == \
           {(c.section, c.id, c.change) for c in r.model}


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_a_model_against_itself_is_empty(tmp_path_factory, seed):
    a = write(tmp_path_factory.mktemp("s") / "a.yaml", generate_model(40, seed))
    d = compare(*open_pair(a, a))
    assert d.model == [] and not d.findings.new and not d.findings.resolved and not d.findings.changed
    assert len(d.findings.unchanged) == len(Analysis.open(a).findings().findings)

"""The synthetic model generator (``ketengraaf generate``): deterministic, valid, correctly quoted,
the same as one file or as a directory, realistic in shape, and exercising every rule without
flooding any of them."""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import yaml
from click.testing import CliRunner

from ketengraaf import generate as gen
from ketengraaf.errors import UsageError
from ketengraaf.generate import dump_yaml, generate_model, scalar, write_model
from ketengraaf.graph.build import build_graph
from ketengraaf.model import yamlio
from ketengraaf.model.loader import load_model
from ketengraaf.model.types import AfspraakSoort, OrganisatieSoort

#: The rule codes of RULES.md, which uitzonderingen may name.
CATALOGUE = [f"R0{i}" for i in range(1, 9)] + [f"M0{i}" for i in range(1, 6)] + [f"K0{i}" for i in range(1, 8)] \
    + [f"D0{i}" for i in range(1, 8)] + [f"S0{i}" for i in range(1, 6)] + ["U01"]


def _load(path: Path):
    return load_model(path, rule_codes=CATALOGUE)


def _dates_to_text(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _dates_to_text(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_dates_to_text(v) for v in x]
    if isinstance(x, dt.date):
        return x.isoformat()
    return x


def _graph_signature(G) -> tuple[list, list]:
    nodes = sorted((n, sorted(a.items(), key=repr)) for n, a in G.nodes(data=True))
    edges = sorted((u, v, k, sorted(a.items(), key=repr)) for u, v, k, a in G.edges(keys=True, data=True))
    return nodes, edges


# ---------------------------------------------------------------------------------------- quoting

TRICKY = [
    "on", "On", "OFF", "no", "No", "yes", "y", "N", "true", "False", "null", "Null", "~", "", " ", "12", "012",
    "0x1F", "0o17", "1e3", "1.5", ".5", "+1", "-1", ".inf", ".NaN", "1_000", "12:30", "190:20:30", "2024-01-01",
    "2024-1-1", "2024-01-01 10:00", "<<", "=", "- x", "-x", "? x", "a: b", "a:b", "a #b", "#x", "[x]", "{x}",
    "x, y", "*x", "&x", "!x", "%x", "@x", "`x`", "|", ">", "'t Hooft", "D'Ancona", 'Stichting "De Brug"',
    "back\\slash", "Financiën", "Coöperatie é ë", "tab\there", "line\nbreak", "cr\rx", "\x07bell", "nel\x85x",
    "ls\u2028x", " leading", "trailing ", "a  b", "Gemeente Bergen (NH) 3", "IT-leverancier BV/2", "x.y_z-1",
]


@pytest.mark.parametrize("text", TRICKY)
def test_scalar_reads_back_as_the_same_text(text: str) -> None:
    doc = f"a: {scalar(text)}\nb: [{scalar(text)}]\nc: {{k: {scalar(text)}}}\n"
    assert yaml.safe_load(doc) == {"a": text, "b": [text], "c": {"k": text}}
    precise = yamlio.read_precise(doc.encode())
    assert precise.data == {"a": text, "b": [text], "c": {"k": text}}
    assert not precise.date_paths and not precise.scalar_text
    fast = yamlio.read_fast(doc.encode())
    assert fast is None or fast == precise.data


def test_plain_scalars_only_for_safe_tokens() -> None:
    assert scalar("org-12") == "org-12"
    assert scalar("Gemeente Zuidstad 4") == "Gemeente Zuidstad 4"
    for text in ("on", "12", "2024-01-01", "x, y", "Financiën", "'t Hooft"):
        assert scalar(text).startswith('"')


# ---------------------------------------------------------------------------------------- determinism


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    assert write_model(300, seed=7, output=a) == [a]
    write_model(300, seed=7, output=b)
    write_model(300, seed=8, output=c)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    assert generate_model(300, 7) == generate_model(300, 7)


def test_split_is_deterministic(tmp_path: Path) -> None:
    one = write_model(200, seed=4, output=tmp_path / "one", split=True)
    two = write_model(200, seed=4, output=tmp_path / "two", split=True)
    assert [p.name for p in one] == [p.name for p in two]
    assert all(p.read_bytes() == q.read_bytes() for p, q in zip(one, two))


# ---------------------------------------------------------------------------------------- validity


@pytest.mark.parametrize("n,seed", [(10, 1), (50, 1), (50, 2), (200, 3), (200, 11), (1000, 5)])
def test_valid_as_file_and_as_directory_with_the_same_graph(tmp_path: Path, n: int, seed: int) -> None:
    f = tmp_path / "model.yaml"
    d = tmp_path / "dir"
    write_model(n, seed=seed, output=f)
    files = write_model(n, seed=seed, output=d, split=True)
    assert all(p.parent == d and p.exists() for p in files)
    m1, m2 = _load(f), _load(d)
    assert m1.id == m2.id == f"synthetisch-n{n}-s{seed}"
    assert m1.peildatum == m2.peildatum == dt.date(2026, 11, 27)
    assert m1.counts() == m2.counts()
    g1, g2 = build_graph(m1), build_graph(m2)
    assert g1.graph == g2.graph
    assert _graph_signature(g1) == _graph_signature(g2)
    # roughly n organisations
    assert 0.9 * n <= len(m1.organisaties) <= max(1.15 * n, 40)


@pytest.mark.parametrize("n,seed", [(200, 1), (1000, 2)])
def test_yaml_reads_as_the_generated_data(tmp_path: Path, n: int, seed: int) -> None:
    data = generate_model(n, seed)
    text = dump_yaml(data)
    assert _dates_to_text(yaml.safe_load(text)) == data
    # the loader's fast path accepts the file and reads the same texts (names with quotes etc.)
    raw = text.encode()
    assert yamlio.read_fast(raw) is not None
    p = tmp_path / "m.yaml"
    p.write_bytes(raw)
    m = _load(p)
    assert [(o.id, o.naam) for o in m.organisaties] == [(o["id"], o["naam"]) for o in data["organisaties"]]
    assert [u.reden for u in m.uitzonderingen] == [u["reden"] for u in data["uitzonderingen"]]


def test_split_layout_and_stale_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gen.writing, "CHUNK", 60)  # split_files reads it where it lives
    d = tmp_path / "out" / "model"
    files = write_model(300, seed=2, output=d, split=True)
    names = [p.name for p in files]
    chunks = [x for x in names if x.startswith("organisaties-")]
    assert names[0] == "model.yaml" and chunks[0] == "organisaties-000.yaml" and len(chunks) >= 5
    assert {"sturing.yaml", "opdrachten.yaml", "middelen.yaml", "afspraken.yaml", "ketens.yaml", "gegevens.yaml",
            "uitzonderingen.yaml"} <= set(names)
    for p in files:
        text = p.read_text(encoding="utf-8")
        assert text.startswith(gen.MARKER + "ketengraaf: 1\n")
        assert ("\nmodel:" in text) == (p.name == "model.yaml")
    assert sorted(x.name for x in d.iterdir()) == sorted(names)  # no temporary files left
    # a smaller model in the same directory replaces the files and removes leftover chunks
    (d / "notities.txt").write_text("van de gebruiker")
    smaller = write_model(100, seed=2, output=d, split=True)
    assert sorted(x.name for x in d.iterdir()) == sorted([p.name for p in smaller] + ["notities.txt"])
    assert len(_load(d).organisaties) == len(generate_model(100, 2)["organisaties"])


def test_generate_replaces_only_its_own_files(tmp_path: Path) -> None:
    """A model someone wrote is never overwritten: only files that carry the generator's first line."""
    mine = tmp_path / "m.yaml"
    write_model(30, seed=1, output=mine)
    write_model(40, seed=2, output=mine)  # its own earlier output: replaced
    assert mine.read_text(encoding="utf-8") == dump_yaml(generate_model(40, 2))
    theirs = tmp_path / "theirs.yaml"
    theirs.write_text("ketengraaf: 1\norganisaties: []\n", encoding="utf-8")
    with pytest.raises(UsageError, match="it exists and was not written by ketengraaf generate"):
        write_model(30, seed=1, output=theirs)
    assert theirs.read_text(encoding="utf-8") == "ketengraaf: 1\norganisaties: []\n"
    d = tmp_path / "d"
    d.mkdir()
    (d / "model.yaml").write_text("ketengraaf: 1\nmodel: {id: eigen, naam: Eigen model}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="model.yaml: it exists and was not written"):
        write_model(30, seed=1, output=d, split=True)
    assert sorted(p.name for p in d.iterdir()) == ["model.yaml"]
    # a generated file that someone edited and took the first line from is theirs now
    e = tmp_path / "e"
    write_model(300, seed=2, output=e, split=True)
    chunk = sorted(e.glob("organisaties-*.yaml"))[-1]
    chunk.write_text("ketengraaf: 1\n# eigen aantekeningen\n", encoding="utf-8")
    with pytest.raises(UsageError):
        write_model(30, seed=2, output=e, split=True)


def test_output_kind_mismatch(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("x")
    with pytest.raises(UsageError):
        write_model(20, seed=1, output=tmp_path / "f.yaml", split=True)
    with pytest.raises(UsageError):
        write_model(20, seed=1, output=tmp_path, split=False)


def test_cli_generate(tmp_path: Path) -> None:
    from ketengraaf.cli import cli

    out = tmp_path / "m.yaml"
    r = CliRunner().invoke(cli, ["generate", "--organisaties", "60", "--seed", "3", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == dump_yaml(generate_model(60, 3))
    r = CliRunner().invoke(cli, ["generate", "--organisaties", "60", "--seed", "3", "--split", "-o", str(tmp_path / "d")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "d" / "model.yaml").exists()


# ---------------------------------------------------------------------------------------- shape


def test_realistic_shape() -> None:
    m = generate_model(1000, 1)
    orgs = {o["id"]: o for o in m["organisaties"]}
    soorten = collections.Counter(o["soort"] for o in m["organisaties"])
    assert set(soorten) == {s.value for s in OrganisatieSoort}
    # every ministry has a secretaris-generaal and DGs; directies sit under DGs
    for o in m["organisaties"]:
        if o["soort"] in ("functie", "directoraat-generaal"):
            assert orgs[o["onderdeel_van"]]["soort"] == "ministerie"
        if o["soort"] == "directie":
            assert orgs[o["onderdeel_van"]]["soort"] == "directoraat-generaal"
        if "deelnemers" in o:
            assert o["soort"] == "overleg" and len(o["deelnemers"]) == len(set(o["deelnemers"]))
    # eigenaars are mostly the SG; opdrachtgevers mostly DGs; several with a coördinerend one
    eig = [orgs[r["van"]]["soort"] for r in m["sturingsrelaties"] if r["rol"] == "eigenaar"]
    assert collections.Counter(eig).most_common(1)[0][0] == "functie"
    og = collections.Counter(r["naar"] for r in m["sturingsrelaties"] if r["rol"] == "opdrachtgever")
    assert sum(1 for c in og.values() if c >= 2) >= 10
    assert any(r.get("coordinerend") for r in m["sturingsrelaties"])
    assert {r.get("sturingsmodel") for r in m["sturingsrelaties"]} == {None, "principaal-agent", "stewardship"}
    # afspraken: every soort; valid, expired, future and open ones
    afs = m["afspraken"]
    assert {a["soort"] for a in afs} == {s.value for s in AfspraakSoort}
    peil = "2026-11-27"
    assert any(a.get("geldig_tot", "9") < peil for a in afs)
    assert any(a.get("geldig_van", "0") > peil for a in afs)
    assert any("geldig_van" not in a and "geldig_tot" not in a for a in afs)
    assert all(len(set(a["partijen"])) == len(a["partijen"]) >= 2 for a in afs)
    assert any(a.get("meerjarig") for a in afs) and all(a["soort"] == "werkagenda" for a in afs if "meerjarig" in a)
    assert any("keten" in a for a in afs) and any("gegevens" in a for a in afs)
    # opdrachten: finished and open-ended ones, capaciteit, raakt, new policy
    opd = m["opdrachten"]
    assert any(a.get("periode", {}).get("tot", "9") < peil for a in opd)
    assert any("periode" in a and "tot" not in a["periode"] for a in opd)
    assert any("capaciteit" in a for a in opd) and any("raakt" in a for a in opd)
    assert any(a.get("nieuw_beleid") for a in opd)
    # ketens of 3-8 schakels, handovers within the keten
    for k in m["ketens"]:
        ids = {s["id"] for s in k["schakels"]}
        assert 3 <= len(ids) <= 8
        assert all(p in ids for s in k["schakels"] for p in s.get("volgt_op", ()))
        assert k.get("bestuur") is None or orgs[k["bestuur"]]["soort"] == "overleg"
    # gegevens: all soorten, copies, personal data; flows with and without grondslag
    geg = m["gegevens"]
    assert {g.get("soort", "dataset") for g in geg} == {"basisregistratie", "registratie", "dataset"}
    assert any("afgeleid_van" in g for g in geg) and any(g.get("persoonsgegevens") for g in geg)
    assert any("bronhouders" in g for g in geg)
    assert any("grondslag" not in s for s in m["gegevensstromen"]) and any(s.get("verwerker") for s in m["gegevensstromen"])
    assert all(u["regel"] != "U01" for u in m["uitzonderingen"])
    assert any(m_.get("beheerder") for m_ in m["middelen"])


def test_names_need_quoting_and_ids_are_prefixed() -> None:
    m = generate_model(1000, 2)
    names = [o["naam"] for o in m["organisaties"]]
    assert any("," in x for x in names) and any("'" in x for x in names) and any('"' in x for x in names)
    assert any("&" in x for x in names) and any(not x.isascii() for x in names)
    prefixes = {"organisaties": "org-", "opdrachten": "opd-", "afspraken": "afs-", "ketens": "ket-",
                "gegevens": "geg-", "gegevensstromen": "str-", "middelen": "mid-"}
    for section, prefix in prefixes.items():
        assert all(x["id"].startswith(prefix) for x in m[section])
    assert all(s["id"].startswith("sch-") for k in m["ketens"] for s in k["schakels"])


@pytest.mark.slow
def test_scales_linearly() -> None:
    import time

    t = time.perf_counter()
    text = dump_yaml(generate_model(20_000, 1))
    assert time.perf_counter() - t < 10
    assert 4_000_000 < len(text.encode()) < 12_000_000


# ---------------------------------------------------------------------------------------- the rules


def _eligible(m) -> dict[str, int]:
    """For each rule, how many subjects of its kind it could fire on (a generous upper bound)."""
    uitvoerders = sum(1 for o in m.organisaties if o.soort.groep == "uitvoerder")
    og = collections.defaultdict(set)
    eig = set()
    for r in m.sturingsrelaties:
        (og[r.naar].add(r.van) if r.rol.value == "opdrachtgever" else eig.add(r.naar))
    multi = sum(1 for v in og.values() if len(v) >= 2)
    og_rels = [r for r in m.sturingsrelaties if r.rol.value == "opdrachtgever"]
    stewardship = sum(1 for r in og_rels if r.sturingsmodel is not None and r.sturingsmodel.value == "stewardship")
    peil = m.peildatum
    active = sum(1 for a in m.opdrachten if not (a.periode and a.periode.tot and a.periode.tot < peil))
    schakels = [s for k in m.ketens for s in k.schakels]
    handovers = sum(len(set(s.volgt_op or ())) for s in schakels)
    pg = {g.id for g in m.gegevens if g.persoonsgegevens}
    stromen = m.gegevensstromen
    return {
        "R01": uitvoerders, "R02": uitvoerders, "S03": uitvoerders, "S04": uitvoerders,
        "S05": sum(1 for a in m.afspraken if a.escalatie),
        "R03": len(eig), "R04": len(eig), "R05": len(m.organisaties),
        "R06": len(og_rels), "S02": stewardship, "S01": len(m.sturingsrelaties),
        "R07": active, "R08": active, "M03": active,
        "M01": multi, "M02": multi, "M05": multi,
        "M04": sum(1 for o in m.organisaties if o.capaciteit is not None),
        "K01": len(m.ketens), "K05": len(m.ketens), "K06": len(m.ketens), "K07": len(m.ketens),
        "K02": len(schakels), "K03": len(schakels), "D07": len(schakels), "K04": handovers,
        "D01": len(m.gegevens), "D02": len(m.gegevens), "D03": len(pg),
        "D04": sum(1 for s in stromen if s.gegevens in pg), "D05": len(stromen),
        "D06": sum(1 for s in stromen if s.verwerker and s.gegevens in pg),
        "U01": len(m.uitzonderingen),
    }


def _subjects(rule: str, subjects: list[str]) -> int:
    """How many subjects of the rule's kind the findings cover (M03 and R05 name several ids)."""
    if rule in ("M03", "R05"):
        return len({x for s in subjects for x in s.split("+")})
    return len(set(subjects))


def test_every_rule_fires_and_none_fires_everywhere(tmp_path: Path) -> None:
    from ketengraaf.pipeline import Analysis
    from ketengraaf.rules import registry

    fired: collections.Counter[str] = collections.Counter()
    subjects: dict[str, list[str]] = collections.defaultdict(list)
    eligible: collections.Counter[str] = collections.Counter()
    for seed in (1, 2, 3):
        p = tmp_path / f"m{seed}.yaml"
        write_model(300, seed=seed, output=p)
        m = _load(p)
        report = Analysis(m).findings()
        for f in report.findings:
            fired[f.rule] += 1
            subjects[f.rule].append(f"{seed}:{f.subject}" if f.rule not in ("M03", "R05") else
                                    "+".join(f"{seed}:{x}" for x in f.subject.split("+")))
        eligible.update(_eligible(m))
    missing = [c for c in registry.codes() if not fired[c]]
    assert not missing, f"rules that never fired: {missing}"
    for code in registry.codes():
        if code not in eligible:
            continue
        hit = _subjects(code, subjects[code])
        assert hit < eligible[code], f"{code} fires on all {eligible[code]} subjects it could fire on"
        assert hit <= 0.5 * eligible[code], f"{code} fires on {hit} of {eligible[code]} subjects"


def test_ladders_are_realistic_and_leave_the_rest_of_the_model_alone(monkeypatch) -> None:
    """The escalation ladders (S04/S05) come from a pass with its own random stream and id
    prefixes: without them the model is exactly what it was before ladders existed."""
    from ketengraaf import generate as gen

    m = gen.generate_model(1200, seed=5)
    ladders = [a for a in m["afspraken"] if "escalatie" in a]
    assert len(ladders) >= 20
    soort = {o["id"]: o["soort"] for o in m["organisaties"]}
    deelnemers = {o["id"]: o.get("deelnemers", []) for o in m["organisaties"]}
    tops = collections.Counter()
    for a in ladders:
        steps = a["escalatie"]
        assert steps and len(set(steps)) == len(steps) and all(s in soort for s in steps)
        assert all(soort[s] == "overleg" for s in steps[:-2])  # forums first, then eigenaar, then the top
        tops[soort[steps[-1]]] += 1
        if steps[-1].startswith("org-bo-"):
            assert len(deelnemers[steps[-1]]) >= 2
    assert tops["functie"] and tops["overleg"]  # SGs and bestuurlijke overleggen at the top

    monkeypatch.setattr(gen._Generator, "ladders", lambda self: None)
    plain = gen.generate_model(1200, seed=5)
    stripped = {**m,
                "organisaties": [o for o in m["organisaties"] if not o["id"].startswith("org-bo-")],
                "afspraken": [{k: v for k, v in a.items() if k != "escalatie"} for a in m["afspraken"]
                              if not a["id"].startswith("afs-esc-")]}
    assert stripped == plain


# ---------------------------------------------------------------------------------------- finding-heavy models

#: Rules whose findings mean "this relation, flow, handover or triangle lacks a valid agreement".
NEEDS_AGREEMENT = ("R06", "S03", "S04", "K04", "D05", "D06")


def _without_agreements(m: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in m.items() if k not in ("afspraken", "model")}


def _is_subsequence(small: list[Any], big: list[Any]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(1, 10_000), density=st.sampled_from([0.0, 0.1, 0.5, 0.9]))
def test_agreement_density_only_drops_agreements(seed: int, density: float) -> None:
    """Thinning draws from its own stream: a sparse model is the full model minus some afspraken
    (the kept ones unchanged, ids included), so the knob changes nothing else."""
    full = generate_model(120, seed)
    sparse = generate_model(120, seed, agreement_density=density)
    assert _without_agreements(sparse) == _without_agreements(full)
    assert _is_subsequence(sparse["afspraken"], full["afspraken"])
    assert len(sparse["afspraken"]) < len(full["afspraken"]) or density > 0.5
    assert sparse["model"]["id"] == f"{full['model']['id']}-d{density:g}"
    assert generate_model(120, seed, agreement_density=density) == sparse  # deterministic


def test_density_one_and_no_extra_flows_is_the_default_model() -> None:
    assert generate_model(200, 4, agreement_density=1.0, extra_stromen=0) == generate_model(200, 4)


def _findings(path: Path) -> list[Any]:
    from ketengraaf.pipeline import Analysis

    return Analysis(_load(path)).findings().findings


def test_lower_density_and_extra_flows_give_more_findings(tmp_path: Path) -> None:
    """The finding-heavy benchmark model: valid, and the findings that mean "no agreement" only
    grow as agreements are dropped (the kept sets are nested: one draw per agreement)."""
    counts, lacking = [], []
    for density in (1.0, 0.5, 0.1, 0.0):
        p = tmp_path / f"d{density}.yaml"
        write_model(400, seed=3, output=p, agreement_density=density)
        found = _findings(p)
        counts.append(len(found))
        lacking.append({(f.rule, f.subject) for f in found if f.rule in NEEDS_AGREEMENT})
    assert counts == sorted(counts) and counts[-1] > 2 * counts[0], counts
    assert all(a <= b for a, b in zip(lacking, lacking[1:]))

    heavy = tmp_path / "heavy.yaml"
    write_model(400, seed=3, output=heavy, agreement_density=0.1, extra_stromen=20)
    found = _findings(heavy)
    d05 = sum(1 for f in found if f.rule == "D05")
    assert len(found) > 2 * counts[2] and d05 > len(found) / 2
    data = _dates_to_text(yaml.safe_load(heavy.read_text(encoding="utf-8")))
    extra = [s for s in data["gegevensstromen"] if s["id"].startswith("str-lev-")]
    assert len(extra) > 10 * len(data["gegevens"])
    assert _without_agreements(generate_model(400, 3, agreement_density=0.1)) == {
        **_without_agreements(data), "gegevensstromen": [s for s in data["gegevensstromen"] if s not in extra]}


def test_generate_cli_takes_the_density_and_extra_flows(tmp_path: Path) -> None:
    from ketengraaf.cli import cli

    out = tmp_path / "m.yaml"
    r = CliRunner().invoke(cli, ["generate", "--organisaties", "150", "--seed", "2", "--agreement-density", "0.25",
                                 "--extra-stromen", "3", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert _dates_to_text(yaml.safe_load(out.read_text(encoding="utf-8"))) == generate_model(
        150, 2, agreement_density=0.25, extra_stromen=3)
    bad = CliRunner().invoke(cli, ["generate", "--agreement-density", "1.5", "-o", str(out)])
    assert bad.exit_code == 2
    with pytest.raises(UsageError):
        generate_model(50, 1, agreement_density=-0.1)

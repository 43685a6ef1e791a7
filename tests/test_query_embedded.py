"""``ketengraaf query`` on the embedded engine (LadybugDB): no server. Parity with Neo4j is in
tests/neo4j/test_query_parity.py; here the rows themselves, the refusals, the formats and the
dialect's reading of a query's text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from ketengraaf.graph.build import iter_graph
from ketengraaf.graph.schema import EDGE_KINDS, NODE_KINDS, property_type
from ketengraaf.pipeline import load_model
from ketengraaf.query import dialect
from ketengraaf.query.embedded import RENAMED, EmbeddedGraph, ddl
from ketengraaf.query.named import named_queries

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT.parent / "shared" / "spec" / "voorbeeld.yaml"
MODELLEN = sorted(p for p in (ROOT / "modellen").iterdir() if p.suffix == ".yaml" or p.is_dir())
PYTHON_TYPE = {"text": str, "boolean": bool, "number": float, "integer": int}


def rows(kg, *args):
    code, out, err = kg("query", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


# ---- schema and loading


def test_ddl_has_every_kind_of_the_schema():
    text = "\n".join(ddl())
    for label in NODE_KINDS:
        assert f"CREATE NODE TABLE `{label}`(" in text
    for t in EDGE_KINDS:
        assert f"CREATE REL TABLE `{RENAMED.get(t, t)}`(" in text
    # LadybugDB's catalogue ignores case: exactly the types that clash with a label are renamed
    assert sorted(RENAMED) == ["GEGEVENS", "KETEN", "SCHAKEL"]


@pytest.mark.parametrize("path", MODELLEN, ids=[p.name for p in MODELLEN])
def test_every_value_has_its_property_type(path):
    nodes, edges = iter_graph(load_model(path))
    seen = set()
    for _, attrs in nodes:
        for k, v in attrs.items():
            if k not in ("label", "kenmerken"):  # kenmerken are JSON text in both databases
                assert type(v) is PYTHON_TYPE[property_type(k)], (k, v)
                seen.add(property_type(k))
    for *_, attrs in edges:
        for k, v in attrs.items():
            if k != "kenmerken":
                assert type(v) is PYTHON_TYPE[property_type(k)], (k, v)
    assert {"text", "boolean"} <= seen


TRICKY = ['met "aanhalingstekens", en komma', "twee\nregels", " spaties ", '""', "back\\slash é ü €", "'enkel'"]


@pytest.mark.parametrize("naam", TRICKY)
def test_text_arrives_exactly(naam, tmp_path):
    f = tmp_path / "m.yaml"
    f.write_text("ketengraaf: 1\nmodel: {id: t, naam: T, peildatum: 2026-01-01}\norganisaties:\n"
                 f"  - {{id: a, naam: {json.dumps(naam)}, soort: ministerie, kenmerken: {{x: {json.dumps(naam)}}}}}\n"
                 "  - {id: b, naam: B, soort: agentschap, capaciteit: 2.5}\n", encoding="utf-8")
    g = EmbeddedGraph(load_model(f))
    got = g.read_query("MATCH (o:Organisatie) RETURN o.id AS id, o.naam AS naam, o.capaciteit AS c, "
                       "o.kenmerken AS k ORDER BY id")
    assert got == [{"id": "a", "naam": naam, "c": None, "k": json.dumps({"x": naam}, ensure_ascii=False)},
                   {"id": "b", "naam": "B", "c": 2.5, "k": None}]



def test_the_fingerprint_is_made_only_when_read_and_equals_the_load():
    """The KetengraafModel node's sha256 is what `ketengraaf load` stores; a query that does not
    read it (overzicht reads the model node's naam) does not pay for it."""
    from ketengraaf.backends.neo4j.statements import plan_model

    model = load_model(VOORBEELD)
    g = EmbeddedGraph(model)
    g.read_query((ROOT / "queries/explore/overzicht.embedded.cypher").read_text(encoding="utf-8"),
                 {"model": model.id}, native=True)
    assert g._fingerprint is not None
    got = g.read_query("MATCH (m:KetengraafModel) RETURN m.sha256 AS sha, m.knopen AS knopen")
    assert g._fingerprint is None
    plan = plan_model(model)
    assert got == [{"sha": plan.meta["sha256"], "knopen": plan.meta["knopen"]}]



def test_a_relationship_names_the_ids_of_its_nodes():
    g = EmbeddedGraph(load_model(VOORBEELD))
    assert g.read_query("MATCH (:Organisatie {id: 'dgpenv'})-[r:ONDERDEEL_VAN]->() RETURN r") == \
        [{"r": {"_type": "ONDERDEEL_VAN", "_van": "dgpenv", "_naar": "min-jenv"}}]
    (row,) = g.read_query("MATCH p = (:Schakel {id: 'berechting'})-[:EIGENAAR]->() RETURN p")
    assert [x.get("_van", x.get("id")) for x in row["p"]] == ["berechting", "berechting", "rechtspraak"]
    assert row["p"][1] == {"_type": "EIGENAAR", "_van": "berechting", "_naar": "rechtspraak"}


# ---- the named queries on the examples


def test_driehoek_ketens_and_paths_on_voorbeeld(kg):
    m = str(VOORBEELD)
    by = {r["partij"]: r for r in rows(kg, "driehoek", "--model", m, "--param", "id=belastingdienst")}
    assert list(by) == ["sg-fin", "dg-fz", "dienst-toeslagen"]
    assert by["dg-fz"]["afspraken"] == ["ra-fz-bd", "wa-bd"] and by["dg-fz"]["met_andere_rol"] == ["wa-bd"]
    assert by["dg-fz"]["coordinerend"] is True and by["sg-fin"]["rol"] == "eigenaar"
    assert rows(kg, "ketens-van", "--model", m, "--param", "id=politie") == [
        {"keten": "strafrechtketen", "naam": "Strafrechtketen", "rollen": ["partij ketenafspraak", "uitvoerder"],
         "schakels": ["aangifte", "opsporing"], "afspraken": ["ka-politie-om"]},
        {"keten": "verkeersboetes", "naam": "Verkeersboeteketen", "rollen": ["partij ketenafspraak", "uitvoerder"],
         "schakels": ["constatering"], "afspraken": ["ka-politie-rdw"]},
    ]
    paths = rows(kg, "gegevenspaden", "--model", m, "--param", "van=rvig", "--param", "naar=it-leverancier",
                 "--param", "max=4")
    assert [(p["stappen"], p["organisaties"], p["zonder_grondslag"]) for p in paths] == [
        (2, ["rvig", "dienst-toeslagen", "it-leverancier"], []),
        (3, ["rvig", "belastingdienst", "dienst-toeslagen", "it-leverancier"], ["st-brp-bd"])]
    assert paths[1]["gegevens"] == ["brp", "inkomen-ib", "brp-kopie-toeslagen"]
    overzicht = rows(kg, "overzicht", "--model", m)
    assert overzicht[0] == {"soort": "model", "naam": "Voorbeeldmodel driehoeken, ketens en gegevens", "aantal": 93}
    assert sum(r["aantal"] for r in overzicht if r["soort"] == "relatie") == 207


def test_opdrachtgevers_van_direct_and_via_the_parent(kg):
    got = rows(kg, "opdrachtgevers-van", "--model", ROOT / "modellen" / "politie.yaml", "--param", "id=eenheid-amsterdam")
    assert [(r["opdrachtgever"], r["via"], r["afstand"], r["rol"], r["opdrachten"], r["budget"]) for r in got] == [
        ("burgemeester-amsterdam", "eenheid-amsterdam", 0, "opdrachtgever", 0, 0.0),
        ("parket-amsterdam", "eenheid-amsterdam", 0, "opdrachtgever", 0, 0.0),
        ("dgpenv", "politie", 1, "coördinerend opdrachtgever", 3, 820.0),
        ("nctv", "politie", 1, "alleen opdrachten", 1, 150.0),
        ("om", "politie", 1, "opdrachtgever", 1, 80.0),
    ]
    # on a later peildatum the opdrachten have ended: the budget goes, the sturingsrelaties stay
    later = rows(kg, "opdrachtgevers-van", "--model", ROOT / "modellen" / "politie.yaml", "--param", "id=politie",
                 "--peildatum", "2040-01-01")
    assert [(r["opdrachtgever"], r["opdrachten"], r["budget"]) for r in later] == [
        ("dgpenv", 0, 0.0), ("nctv", 1, 150.0), ("om", 0, 0.0)]  # nctv's opdracht has no end


def test_gestuurd_door_follows_the_steering_transitively(kg):
    got = rows(kg, "gestuurd-door", "--model", ROOT / "modellen" / "politie.yaml", "--param", "id=dgpenv")
    assert got == [
        {"organisatie": "politie", "naam": "Politie (korps)", "stappen": 1, "via": "dgpenv", "rol": "opdrachtgever"},
        {"organisatie": "politieacademie", "naam": "Politieacademie", "stappen": 2, "via": "politie",
         "rol": "opdrachtgever"},
    ]
    assert rows(kg, "gestuurd-door", "--model", ROOT / "modellen" / "politie.yaml", "--param", "id=politieacademie") == []


def test_afspraken_verlopen_within_n_days(kg):
    m = ROOT / "modellen" / "politie.yaml"
    got = rows(kg, "afspraken-verlopen", "--model", m, "--param", "dagen=34")
    assert [(r["afspraak"], r["geldig_tot"], r["dagen"]) for r in got][:2] == [
        ("ra-beleidsplan-amsterdam", "2026-12-31", 34), ("ra-beleidsplan-le", "2026-12-31", 34)]
    assert got[-1]["partijen"] == ["burgemeester-amsterdam", "burgemeester-rotterdam", "dgpenv", "min-jenv", "om",
                                   "politie"]
    assert rows(kg, "afspraken-verlopen", "--model", m, "--param", "dagen=33") == []


def test_zonder_eigenaar_is_what_k03_and_d01_find(kg):
    from ketengraaf.pipeline import Analysis

    for path in MODELLEN:
        got = rows(kg, "zonder-eigenaar", "--model", path)
        report = Analysis(load_model(path)).findings(selectors=["K03", "D01"])
        assert [(r["regel"], r["onderwerp"]) for r in got] == [
            (f.rule, f.subject) for f in report.findings if not f.suppressed]
    assert [(r["regel"], r["onderwerp"], r["gerelateerd"]) for r in
            rows(kg, "zonder-eigenaar", "--model", ROOT / "modellen" / "strafrechtketen.yaml")] == [
        ("K03", "halt-afdoening", ["halt", "jeugdstrafrechtketen"])]


def test_every_named_query_runs_on_every_example(kg):
    params = ["--param", "id=x", "--param", "van=x", "--param", "naar=y", "--param", "max=3", "--param", "dagen=30"]
    for path in MODELLEN:
        code, out, err = kg("query", *sorted(named_queries()), "--model", path, *params, "--format", "json")
        assert code == 0, (path, err)
        assert list(json.loads(out)) == sorted(named_queries())


# ---- formats, several names, backends


def test_csv_and_several_names(kg):
    m = ROOT / "modellen" / "politie.yaml"
    code, out, _ = kg("query", "gestuurd-door", "--model", m, "--param", "id=dgpenv", "--format", "csv")
    assert code == 0 and out == ("organisatie,naam,stappen,via,rol\r\n"
                                 "politie,Politie (korps),1,dgpenv,opdrachtgever\r\n"
                                 "politieacademie,Politieacademie,2,politie,opdrachtgever\r\n")
    code, out, _ = kg("query", "gestuurd-door", "modellen", "--model", m, "--param", "id=dgpenv", "--format", "csv")
    assert code == 0 and out.startswith("# gestuurd-door\norganisatie,") and "\n\n# modellen\nmodel,naam," in out
    code, out, _ = kg("query", "gestuurd-door", "modellen", "--model", m, "--param", "id=dgpenv")
    assert code == 0 and out.startswith("# gestuurd-door\n") and "politieacademie" in out


def test_table_is_exact_and_has_no_padding_at_line_ends(kg):
    code, out, _ = kg("query", "gestuurd-door", "--model", ROOT / "modellen" / "politie.yaml", "--param", "id=dgpenv")
    assert code == 0 and out == ("organisatie      naam             stappen  via      rol\n"
                                 "politie          Politie (korps)  1        dgpenv   opdrachtgever\n"
                                 "politieacademie  Politieacademie  2        politie  opdrachtgever\n")


def test_embedded_is_an_alias_and_needs_a_model(kg):
    m = ROOT / "modellen" / "politie.yaml"
    a = rows(kg, "gestuurd-door", "--model", m, "--param", "id=dgpenv", "--backend", "embedded")
    assert a == rows(kg, "gestuurd-door", "--model", m, "--param", "id=dgpenv", "--backend", "networkx")
    code, _, err = kg("query", "overzicht", "--backend", "networkx")
    assert code == 2 and "give --model MODEL" in err
    code, _, err = kg("query", "overzicht", "--model", m, "--param", "model=iets-anders")
    assert code == 2 and "contradicts --model" in err
    code, _, err = kg("query", "driehoek", "--model", m)
    assert code == 2 and err.strip() == "ketengraaf: driehoek needs parameter $id; pass --param id=…"


WRITES = ["CREATE (n:Organisatie {id: 'x'}) RETURN n", "MATCH (n:Organisatie) SET n.naam = 'x'",
          "MATCH (n) DETACH DELETE n", "MERGE (n:Organisatie {id: 'x'})", "MATCH (n) REMOVE n.naam",
          "COPY Organisatie FROM '/etc/passwd'", "DROP TABLE Organisatie"]


@pytest.mark.parametrize("text", WRITES)
def test_a_query_that_writes_is_refused(kg, tmp_path, text):
    f = tmp_path / "schrijf.cypher"
    f.write_text(text, encoding="utf-8")
    code, out, err = kg("query", f, "--model", ROOT / "modellen" / "politie.yaml")
    assert code == 2 and out == ""
    assert err.startswith(f"ketengraaf: query is read-only: {f} tries to write"), err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("text,construct", [
    ("MATCH (o:Organisatie) RETURN COLLECT { MATCH (o)-->(x) RETURN x.id } AS xs", "COLLECT { } subqueries"),
    ("CALL () { MATCH (o) RETURN o } RETURN o.id", "CALL { } subqueries"),
    ("CALL db.labels()", "procedure calls (CALL)"),
    ("MATCH (a) ((x)-[:ONDERDEEL_VAN]->(y)){1,3} (b) RETURN b.id", "quantified path patterns"),
    ("MATCH (o:Organisatie) RETURN [x IN [1, 2] | x * 2] AS xs", "list comprehensions"),
    ("MATCH (o:Organisatie) RETURN [(o)-->(x) | x.id] AS xs", "pattern comprehensions"),
    ("MATCH (o:Organisatie) RETURN collect(o.id)[0] AS eerste", "list indexing"),
    ("MATCH (o:Organisatie) RETURN toString(o.capaciteit) AS c", "the function toString()"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "LOAD CSV"),
])
def test_a_construct_the_embedded_engine_lacks_is_named(kg, tmp_path, text, construct):
    f = tmp_path / "eigen.cypher"
    f.write_text(text, encoding="utf-8")
    code, out, err = kg("query", f, "--model", ROOT / "modellen" / "politie.yaml")
    assert code == 2 and out == ""
    assert construct in err and "--backend neo4j" in err and len(err.strip().splitlines()) == 1, err


def test_other_refusals_of_the_engine_are_one_sentence(kg, tmp_path):
    f = tmp_path / "fout.cypher"
    f.write_text("MATC (n) RETURN n", encoding="utf-8")
    code, _, err = kg("query", f, "--model", ROOT / "modellen" / "politie.yaml")
    assert code == 2 and err.startswith(f"ketengraaf: {f}: Cypher syntax error (LadybugDB: ")
    f.write_text("MATCH (k:Keten)<-[r:KETEN]-(a:Afspraak) RETURN k.id, type(r) AS t, r.bestaat_niet", encoding="utf-8")
    code, _, err = kg("query", f, "--model", ROOT / "modellen" / "politie.yaml")
    assert code == 2 and "KETEN_REL" not in err and len(err.strip().splitlines()) == 1, err


def test_own_query_in_the_common_subset(kg, tmp_path):
    f = tmp_path / "eigen.cypher"
    f.write_text("// keten-afspraken\nMATCH (k:Keten {model: $model})<-[r:KETEN]-(a:Afspraak)\n"
                 "RETURN k.id AS keten, type(r) AS soort, count(a) AS n ORDER BY keten", encoding="utf-8")
    got = rows(kg, f, "--model", VOORBEELD)
    assert got == [{"keten": "strafrechtketen", "soort": "KETEN", "n": 1},
                   {"keten": "verkeersboetes", "soort": "KETEN", "n": 2}]
    f.write_text("MATCH (m:KetengraafModel) RETURN m", encoding="utf-8")
    (node,) = [r["m"] for r in rows(kg, f, "--model", VOORBEELD)]
    assert node["_labels"] == ["KetengraafModel"] and len(node["sha256"]) == 64 and node["knopen"] == 93


# ---- the dialect, read token by token


_plain = st.text(alphabet=st.sampled_from(list("abcxyz ()-[]>:,.{}$=0123456789")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(_plain)
def test_translate_changes_nothing_without_renamed_types_or_type(text):
    assert dialect.translate(text, RENAMED) == text


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["CREATE", "SET", "DELETE", "MERGE", "KETEN", "type(r)"]), _plain)
def test_words_in_strings_and_comments_are_not_read(word, text):
    quoted = f"MATCH (n) RETURN '{word}' AS a, \"{word}\" AS b // {word}\n/* {word} */ RETURN 1"
    assert dialect.writing_clause(quoted) is None
    assert dialect.translate(quoted, RENAMED) == quoted
    assert dialect.writing_clause(f"{text}\n; {word} ") == (word if word in ("CREATE", "SET", "DELETE", "MERGE") else
                                                        dialect.writing_clause(text))


def test_the_fingerprint_child_ends_with_the_command(tmp_path):
    """`query` forks a child that makes the model node's fingerprint at the lowest priority; when no
    query reads it the command stops that child on its way out, whatever its progress, instead of
    leaving it to run on in the background."""
    import subprocess
    import sys

    script = tmp_path / "run.py"
    script.write_text('''
import sys
from ketengraaf import forking
made = []
original = forking.Background.__init__
def recording(self, *a, **k):
    original(self, *a, **k)
    made.append(self)
forking.Background.__init__ = recording
from ketengraaf.cli import main
try:
    main(["query", "overzicht", "--model", sys.argv[1]])
except SystemExit as e:
    assert e.code == 0, e.code
idle = [b for b in made if b._idle]
assert len(idle) == 1, made
if forking.workers() > 1:
    assert idle[0].mode == "child"
assert [b._pid for b in made] == [0] * len(made), "a child is still running"
print("ok")
''', encoding="utf-8")
    r = subprocess.run([sys.executable, str(script), str(VOORBEELD)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.endswith("ok\n")

"""``ketengraaf query``: read-only, named exploration queries with the rows they should give."""

from __future__ import annotations

import json
import uuid

import pytest

from ketengraaf.query.named import named_queries, parse_params, parse_value, resolve_query
from ketengraaf.errors import UsageError
from ketengraaf.graph.build import build_graph
from tests.neo4j.conftest import ROOT, VOORBEELD, kg, load_as


@pytest.fixture
def voorbeeld(backend, new_id) -> str:
    mid = new_id("q")
    backend.load(load_as(VOORBEELD, mid))
    return mid


def q(name: str, **params) -> list[dict]:
    args = ["query", name, "--format", "json"]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    r = kg(*args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_named_queries_exist_with_headers():
    qs = named_queries()
    assert {"driehoek", "ketens-van", "gegevenspaden", "overzicht", "modellen"} <= set(qs)
    for name, path in qs.items():
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"// {name}: "), name
        assert "// Parameters:" in text and "// Example:" in text, name
        assert "CALL {" not in text.replace("CALL () {", "").replace("CALL (o) {", "").replace("CALL (knopen) {", ""), \
            "use CALL (x) { … } instead of the deprecated importing WITH"
        assert "apoc." not in text.lower()


def test_driehoek_of_belastingdienst(voorbeeld):
    rows = q("driehoek", model=voorbeeld, id="belastingdienst")
    assert [(r["rol"], r["partij"]) for r in rows] == [
        ("eigenaar", "sg-fin"), ("opdrachtgever", "dg-fz"), ("opdrachtgever", "dienst-toeslagen")]
    by = {r["partij"]: r for r in rows}
    assert by["dg-fz"]["coordinerend"] is True and by["dienst-toeslagen"]["coordinerend"] is False
    assert by["sg-fin"]["afspraken"] == ["sa-toeslagen", "wa-bd"]
    assert by["dg-fz"]["afspraken"] == ["ra-fz-bd", "wa-bd"]
    assert by["dienst-toeslagen"]["afspraken"] == ["sa-bd-toeslagen", "sa-toeslagen"]
    assert by["dg-fz"]["met_andere_rol"] == ["wa-bd"]  # the werkagenda also binds the eigenaar sg-fin
    assert by["sg-fin"]["naam"] == "Secretaris-generaal Financiën"


def test_driehoek_of_rws_has_stewardship_and_opdrachten(voorbeeld):
    rows = q("driehoek", model=voorbeeld, id="rws")
    assert {r["partij"]: (r["rol"], r["sturingsmodel"], r["opdrachten"]) for r in rows} == {
        "sg-ienw": ("eigenaar", "stewardship", ["opd-rws-reorganisatie"]),
        "dgmo": ("opdrachtgever", "stewardship", ["opd-hwn-onderhoud"]),
        "dgwb": ("opdrachtgever", "stewardship", []),
    }


def test_ketens_van_politie_and_cjib(voorbeeld):
    assert q("ketens-van", model=voorbeeld, id="politie") == [
        {"keten": "strafrechtketen", "naam": "Strafrechtketen", "rollen": ["partij ketenafspraak", "uitvoerder"],
         "schakels": ["aangifte", "opsporing"], "afspraken": ["ka-politie-om"]},
        {"keten": "verkeersboetes", "naam": "Verkeersboeteketen", "rollen": ["partij ketenafspraak", "uitvoerder"],
         "schakels": ["constatering"], "afspraken": ["ka-politie-rdw"]},
    ]
    cjib = {r["keten"]: r for r in q("ketens-van", model=voorbeeld, id="cjib")}
    assert cjib["verkeersboetes"]["rollen"] == ["partij ketenafspraak", "regisseur", "uitvoerder"]
    assert cjib["strafrechtketen"]["schakels"] == ["inning"]
    assert q("ketens-van", model=voorbeeld, id="min-fin") == []


def test_gegevenspaden_rvig_to_it_leverancier(voorbeeld):
    rows = q("gegevenspaden", model=voorbeeld, van="rvig", naar="it-leverancier", max=4)
    assert rows == [
        {"stappen": 2, "organisaties": ["rvig", "dienst-toeslagen", "it-leverancier"],
         "stromen": ["st-brp-toeslagen", "st-toeslagen-it"], "gegevens": ["brp", "brp-kopie-toeslagen"],
         "zonder_grondslag": []},
        {"stappen": 3, "organisaties": ["rvig", "belastingdienst", "dienst-toeslagen", "it-leverancier"],
         "stromen": ["st-brp-bd", "st-inkomen-toeslagen", "st-toeslagen-it"],
         "gegevens": ["brp", "inkomen-ib", "brp-kopie-toeslagen"], "zonder_grondslag": ["st-brp-bd"]},
    ]
    assert [r["stappen"] for r in q("gegevenspaden", model=voorbeeld, van="rvig", naar="it-leverancier", max=2)] == [2]
    assert q("gegevenspaden", model=voorbeeld, van="it-leverancier", naar="rvig", max=8) == []


def test_overzicht_counts_equal_networkx(voorbeeld):
    rows = q("overzicht", model=voorbeeld)
    G = build_graph(load_as(VOORBEELD, voorbeeld))
    assert rows[0] == {"soort": "model", "naam": "Voorbeeldmodel driehoeken, ketens en gegevens", "aantal": 93}
    nodes = {r["naam"]: r["aantal"] for r in rows if r["soort"] == "knoop"}
    rels = {r["naam"]: r["aantal"] for r in rows if r["soort"] == "relatie"}
    want_nodes: dict[str, int] = {}
    for _, a in G.nodes(data=True):
        want_nodes[a["label"]] = want_nodes.get(a["label"], 0) + 1
    want_rels: dict[str, int] = {}
    for *_, k in G.edges(keys=True):
        want_rels[k] = want_rels.get(k, 0) + 1
    assert nodes == want_nodes and rels == want_rels


def test_modellen_lists_the_loaded_model(voorbeeld):
    rows = {r["model"]: r for r in q("modellen")}
    assert rows[voorbeeld]["knopen"] == 93 and rows[voorbeeld]["relaties"] == 207
    assert rows[voorbeeld]["peildatum"] == "2026-11-27"


def test_table_output(voorbeeld):
    r = kg("query", "driehoek", "--param", f"model={voorbeeld}", "--param", "id=belastingdienst")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split()[:3] == ["rol", "partij", "naam"]
    assert any(line.split()[:2] == ["eigenaar", "sg-fin"] for line in lines)
    r = kg("query", "driehoek", "--param", f"model={voorbeeld}", "--param", "id=bestaat-niet")
    assert r.returncode == 0 and r.stdout == "" and r.stderr.strip() == "(no rows)"


def test_query_file_and_params(voorbeeld, tmp_path):
    f = tmp_path / "eigen.cypher"
    f.write_text("// eigen: test\nMATCH (o:Organisatie {model: $model}) WHERE o.capaciteit >= $min "
                 "RETURN o.id AS id, o.capaciteit AS capaciteit, $vlag AS vlag, $tekst AS tekst ORDER BY id",
                 encoding="utf-8")
    r = kg("query", str(f), "--param", f"model={voorbeeld}", "--param", "min=100", "--param", "vlag=true",
           "--param", 'tekst="12"', "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"id": "dienst-toeslagen", "capaciteit": 500.0, "vlag": True, "tekst": "12"}]


def test_query_refuses_writes(backend, tmp_path):
    label = f"KgTestWrite{uuid.uuid4().hex[:12]}"
    f = tmp_path / "schrijf.cypher"
    for text in (f"CREATE (n:{label}) RETURN n", f"MERGE (n:{label} {{id: 1}}) RETURN n",
                 f"MATCH (n:{label}) DETACH DELETE n", f"CREATE INDEX kgtest_{label} FOR (n:{label}) ON (n.x)"):
        f.write_text(text, encoding="utf-8")
        r = kg("query", str(f))
        assert r.returncode == 2, (text, r.stderr)
        assert r.stderr.startswith(f"ketengraaf: query is read-only: {f} tries to write"), r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert backend.read_query(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"] == 0
    with pytest.raises(UsageError, match="query is read-only"):
        backend.read_query("CREATE (n) RETURN n")


def test_query_errors_are_one_sentence(tmp_path, neo4j_settings):
    r = kg("query", "driehoek", "--param", "model=x")
    assert r.returncode == 2 and r.stderr.strip() == "ketengraaf: driehoek needs parameter $id; pass --param id=…"
    r = kg("query", "driehoekk")
    assert r.returncode == 2 and "no named query 'driehoekk'; did you mean 'driehoek'?" in r.stderr
    bad = tmp_path / "fout.cypher"
    bad.write_text("MATC (n) RETURN n", encoding="utf-8")
    r = kg("query", str(bad))
    assert r.returncode == 2 and r.stderr.startswith(f"ketengraaf: {bad}: Cypher syntax error: ")
    r = kg("query", "driehoek", "--param", "geen-gelijkteken")
    assert r.returncode == 2 and "expected NAME=VALUE" in r.stderr
    r = kg("query")
    assert r.returncode == 2 and "named queries: " in r.stderr
    r = kg("query", "--list")
    assert r.returncode == 0 and "driehoek" in r.stdout and "gegevenspaden" in r.stdout


def test_param_parsing_and_lookup(tmp_path, monkeypatch):
    assert parse_value("42") == 42 and parse_value("-3") == -3 and parse_value("2.5") == 2.5
    assert parse_value("1e3") == 1000.0 and parse_value("true") is True and parse_value("false") is False
    assert parse_value("rws") == "rws" and parse_value("") == "" and parse_value('"42"') == "42"
    assert parse_value("nan") == "nan" and parse_value("2027-01-01") == "2027-01-01"
    assert parse_params(("model=a=b", "$id=x")) == {"model": "a=b", "id": "x"}
    assert resolve_query("driehoek")[1] == ROOT / "queries" / "explore" / "driehoek.cypher"
    own = tmp_path / "queries" / "explore"
    own.mkdir(parents=True)
    (own / "alleen-hier.cypher").write_text("RETURN 1 AS een", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # an installed package finds ./queries of the current directory
    assert resolve_query("alleen-hier")[1].resolve() == (own / "alleen-hier.cypher").resolve()
    with pytest.raises(UsageError, match="no such query file"):
        resolve_query("bestaat/niet.cypher")

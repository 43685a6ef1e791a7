"""Every row of the mapping tables of docs/import-roo.md, through a real import."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketengraaf.importers.roo import mapping
from tests.importers.conftest import orgs
from tests.importers.roo_xml import O, ministry, rel, write

ROOT = Path(__file__).resolve().parents[2]
ROWS = [r for r in mapping.TYPES if r.soort != "(by name)"]


@pytest.mark.parametrize("row", ROWS, ids=[r.roo_type for r in ROWS])
def test_every_type_row(tmp_path, kg, row):
    fin = ministry(1, "Financiën", "Fin")
    o = O(100, f"Een {row.roo_type}", [row.roo_type], rel=rel(fin)) if row.soort != "ministerie" else \
        ministry(100, "Een Ministerie", "EM")
    code, _, err = kg("import", "roo", write(tmp_path / "x.xml", fin, o), "-o", tmp_path / "m", "--peildatum", "2026-11-27")
    assert code == 0, err
    got = [x for x in orgs(tmp_path / "m").values() if x.kenmerken.get("roo_systeemid") == 100]
    assert len(got) == 1
    x = got[0]
    assert (x.soort.value, x.onafhankelijk) == (row.soort, row.onafhankelijk)
    assert x.kenmerken["roo_type"] == row.roo_type and x.kenmerken["bron"] == "ROO"


@pytest.mark.parametrize("naam,soort", [
    ("Directoraat-generaal Toeslagen", "directoraat-generaal"), ("Directoraat Generaal Migratie", "directoraat-generaal"),
    ("DG Fiscale Zaken", "directoraat-generaal"), ("directoraat-generaal voor Fiscale Zaken", "directoraat-generaal"),
    ("Directie Toeslagen", "directie"), ("Programmadirectie Herstel", "directie"), ("Hoofddirectie Financiën", "directie"),
    ("Secretaris-generaal", "functie"), ("Plaatsvervangend secretaris-generaal", "functie"),
    ("Bureau Directoraat-Generaal", "overig"), ("Afdeling Beleid", "overig"), ("Team Personeel", "overig"),
    ("Cluster Formeel recht", "overig"), ("DGTSL", "overig"), ("Directeurenoverleg", "overig"),
])
def test_organisatieonderdelen_by_name(tmp_path, kg, naam, soort):
    fin = ministry(1, "Financiën", "Fin", O(2, naam))
    code, _, err = kg("import", "roo", write(tmp_path / "x.xml", fin), "-o", tmp_path / "m", "--peildatum", "2026-11-27")
    assert code == 0, err
    x = next(x for x in orgs(tmp_path / "m").values() if x.kenmerken.get("roo_systeemid") == 2)
    assert x.soort.value == soort and x.onderdeel_van == "min-fin"


def test_onderdeel_rows_match_the_function():
    for pattern, soort, examples in mapping.ONDERDELEN:
        for example in examples.split(", "):
            assert mapping.onderdeel_soort(example) == soort, example


def test_several_types_take_the_first_row_and_keep_them_all(tmp_path, kg):
    fin = ministry(1, "Financiën", "Fin")
    both = O(5, "Stichting Dubbel", ["Rechtspersoon met een wettelijke taak", "Zelfstandig bestuursorgaan"], rel=rel(fin))
    nvwa = O(6, "Voedselinspectie", ["Inspectie", "Agentschap"], rel=rel(fin))
    raad = O(7, "Raad van State", ["Adviescollege", "Hoog College van Staat"])
    kg("import", "roo", write(tmp_path / "x.xml", fin, both, nvwa, raad), "-o", tmp_path / "m", "--peildatum", "2026-11-27")
    got = {x.kenmerken["roo_systeemid"]: x for x in orgs(tmp_path / "m").values() if "roo_systeemid" in (x.kenmerken or {})}
    assert got[5].soort.value == "zbo" and got[5].kenmerken["roo_type"] == "Rechtspersoon met een wettelijke taak, Zelfstandig bestuursorgaan"
    assert got[6].soort.value == "agentschap" and got[6].onderdeel_van == "min-fin"
    assert got[7].soort.value == "overig" and got[7].onafhankelijk is True


def test_unknown_and_missing_types_become_overig_and_are_reported(tmp_path, kg):
    code, _, err = kg("import", "roo", write(tmp_path / "x.xml", O(1, "Nieuwsoortig", ["Ruimtevaartorgaan"]), O(2, "Zonder", [])),
                      "-o", tmp_path / "m", "--peildatum", "2026-11-27")
    assert code == 0, err
    assert {x.soort.value for x in orgs(tmp_path / "m").values()} == {"overig"}
    assert "  ROO type '(geen type)' has no row in the mapping table: 1 organisatie imported as soort overig" in err
    assert "  ROO type 'Ruimtevaartorgaan' has no row in the mapping table: 1 organisatie imported as soort overig" in err


def test_docs_show_every_row():
    doc = (ROOT / "docs" / "import-roo.md").read_text(encoding="utf-8")
    for r in mapping.TYPES:
        soort = "by name, below" if r.soort == "(by name)" else f"`{r.soort}`"
        assert f"| {r.roo_type} | {soort} | {'yes' if r.onafhankelijk else ''} |" in doc, r.roo_type
    for pattern, soort, examples in mapping.ONDERDELEN:
        assert f"| `{soort}` | {examples} |" in doc, soort


@pytest.mark.parametrize("naam,afk,soort,want", [
    ("Financiën", ["Fin"], "ministerie", "min-fin"),
    ("Ministerie van Buitenlandse Zaken", [], "ministerie", "min-buitenlandse-zaken"),
    ("Ministerie van Buitenlandse Zaken", ["BZ"], "ministerie", "min-bz"),
    ("Belastingdienst", ["BD"], "agentschap", "belastingdienst"),
    ("Uitvoeringsinstituut Werknemersverzekeringen", ["UWV"], "zbo", "uwv"),
    ("Managementteam DGBel", ["MT"], "overig", "managementteam-dgbel"),
    ("Control & Financiën", ["C&F"], "overig", "control-en-financien"),
    ("Directoraat-generaal voor Fiscale Zaken", ["DG Fiscale Zaken"], "directoraat-generaal", "dg-fiscale-zaken"),
    ("Utrecht", [], "gemeente", "gemeente-utrecht"), ("Gemeente Utrecht", [], "gemeente", "gemeente-utrecht"),
    ("Utrecht", [], "provincie", "provincie-utrecht"), ("Wetterskip Fryslân", [], "waterschap", "wetterskip-fryslan"),
    ("'s-Hertogenbosch", [], "gemeente", "gemeente-s-hertogenbosch"), ("!!!", [], "overig", ""),
])
def test_base_ids(naam, afk, soort, want):
    assert mapping.base_id(naam, afk, soort) == want

"""The round trip: export -> import gives back the same model, so the same analysis JSON — for every
example in modellen/, the shared voorbeeld, and generated models (a hypothesis property). The
analysis of the exchange file itself is the same too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketengraaf.archimate.export import export
from ketengraaf.generate import dump_yaml, generate_model
from ketengraaf.model.loader import Model
from ketengraaf.pipeline import load_model
from ketengraaf.model.types import SECTIONS
from ketengraaf.render.findings import to_json
from ketengraaf.pipeline import Analysis, NetworkXRules
from tests.archimate.conftest import schema_errors
from tests.render.conftest import example_models, need_dot

EXAMPLES = example_models()


def canonical(m: Model) -> dict[str, Any]:
    """A model as comparable data: the model block, and each section's items (lists inside an item in
    their order; the order of the items themselves is the file's, which the export sorts)."""
    out: dict[str, Any] = {"model": [m.id, m.naam, m.beschrijving, m.peildatum]}
    for s in SECTIONS:
        out[s] = sorted(json.dumps(x.model_dump(mode="json"), sort_keys=True, ensure_ascii=False) for x in getattr(m, s))
    return out


def analysis(m: Model) -> str:
    return to_json(Analysis(m).findings(backend=NetworkXRules(parallel=False)))


def round_trip(m: Model, tmp: Path, *, findings: bool) -> tuple[bytes, Model, Model]:
    """Export ``m``; read the exchange file as a model; import it as YAML (the same writing as the
    command) and read that. Returns the file and both models."""
    from ketengraaf.importers.archimate.run import MARKER
    from ketengraaf.model.yamlwrite import model_text

    a = Analysis(m)
    report = a.findings(backend=NetworkXRules(parallel=False), keep_facts=True) if findings else None
    data = export(m, a.graph, peildatum=a.peildatum, report=report)
    xml = tmp / "m.xml"
    xml.write_bytes(data)
    from_xml = load_model(xml)
    doc = from_xml.files[0].precise
    assert doc.report.skipped == [], [s.reason for s in doc.report.skipped][:3]
    yaml_path = tmp / "m.yaml"
    yaml_path.write_text(model_text(doc.data, MARKER), encoding="utf-8")
    return data, from_xml, load_model(yaml_path)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_comes_back_the_same(path, tmp_path, kg):
    need_dot()
    m = load_model(path)
    xml, yaml_path = tmp_path / "m.xml", tmp_path / "terug.yaml"
    assert kg("export", "archimate", path, "-o", xml, "--with-findings")[0] == 0
    code, _, err = kg("import", "archimate", xml, "-o", yaml_path, "--strict")
    assert code == 0, err
    back = load_model(yaml_path)
    assert canonical(back) == canonical(m)
    assert analysis(back) == analysis(m)
    assert analysis(load_model(xml)) == analysis(m)  # the exchange file analysed directly


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(n=st.integers(10, 70), seed=st.integers(0, 10_000), findings=st.booleans())
def test_generated_models_come_back_the_same(tmp_path_factory, n, seed, findings):
    need_dot()
    tmp = tmp_path_factory.mktemp("rt")
    src = tmp / "g.yaml"
    src.write_text(dump_yaml(generate_model(n, seed)), encoding="utf-8")
    m = load_model(src)
    data, from_xml, from_yaml = round_trip(m, tmp, findings=findings)
    assert schema_errors(data) == []
    assert canonical(from_xml) == canonical(m) == canonical(from_yaml)
    assert analysis(from_yaml) == analysis(m)


def test_a_model_with_every_kind_of_value_comes_back(tmp_path):
    """Values the generator does not make: kenmerken of every type, texts that look like numbers or
    dates, line breaks, an empty beschrijving, a naam equal to nothing, optional booleans set false."""
    need_dot()
    p = tmp_path / "waarden.yaml"
    p.write_text('''ketengraaf: 1
model: {id: waarden, naam: "Waarden: alle soorten", beschrijving: "", peildatum: 2026-11-27}
organisaties:
  - {id: a, naam: "Twee\\nregels  en   spaties ", soort: zbo, capaciteit: 12.5, onafhankelijk: true,
     kenmerken: {tekst: "12", getal: 12, kommagetal: 0.5, waar: true, onwaar: false, leeg: null, nul: "", quote: 'a "b"',
                 datum: "2026-01-01", "spatie in sleutel": x}}
  - {id: b, naam: B, soort: ministerie}
  - {id: ov, naam: Overleg, soort: overleg, deelnemers: [b, a]}
sturingsrelaties:
  - {van: b, naar: a, rol: opdrachtgever, coordinerend: false, sturingsmodel: principaal-agent, kenmerken: {bron: wet}}
  - {van: b, naar: a, rol: eigenaar}
opdrachten:
  - {id: o1, opdrachtgever: b, opdrachtnemer: a, periode: {tot: 2027-01-01}, uitvoeringstoets: false}
afspraken:
  - {id: w1, soort: werkagenda, partijen: [a, b], meerjarig: false, escalatie: [ov, b]}
gegevens:
  - {id: g, naam: G, persoonsgegevens: true, verwerkingsverantwoordelijke: b}
gegevensstromen:
  - {id: s1, gegevens: g, van: a, naar: a, grondslag: " ", verwerker: true}
uitzonderingen:
  - {regel: R02, onderwerp: a, reden: "Omdat: het kan", geldig_tot: 2030-01-01}
''', encoding="utf-8")
    m = load_model(p)
    _, from_xml, from_yaml = round_trip(m, tmp_path, findings=True)
    assert canonical(from_xml) == canonical(m) == canonical(from_yaml)

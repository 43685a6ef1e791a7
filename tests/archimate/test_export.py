"""``ketengraaf export archimate``: files Archi opens — valid against the schemas Archi validates with,
every relationship allowed by Archi's matrix, Archi's folders, typed property definitions, stable
identifiers and bytes, readable views — and the findings on the elements and in the views."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from ketengraaf.archimate import oef
from ketengraaf.archimate.export import export
from ketengraaf.pipeline import load_model
from ketengraaf.pipeline import Analysis, NetworkXRules
from tests.archimate.conftest import LETTER, VOORBEELD, matrix, schema_errors
from tests.render.conftest import example_models, need_dot

Q = oef.q
XSI_TYPE = oef.XSI_TYPE
EXAMPLES = example_models()


def exported(path: Path, *, findings: bool = False, lang: str = "nl") -> bytes:
    need_dot()
    a = Analysis(load_model(path))
    report = a.findings(lang=lang, backend=NetworkXRules(parallel=False), keep_facts=True) if findings else None
    return export(a.model, a.graph, peildatum=a.peildatum, report=report, lang=lang)


@pytest.fixture(scope="module")
def voorbeeld() -> tuple[bytes, etree._Element]:
    data = exported(VOORBEELD, findings=True)
    return data, etree.fromstring(data)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
@pytest.mark.parametrize("findings", [False, True], ids=["plain", "with-findings"])
def test_every_export_is_valid_and_only_uses_relationships_archi_allows(path, findings):
    data = exported(path, findings=findings)
    assert schema_errors(data) == []
    root = etree.fromstring(data)
    types = {e.get("identifier"): e.get(XSI_TYPE) for e in root.iter(Q("element"))}
    allowed = matrix()
    for r in root.iter(Q("relationship")):
        src = types.get(r.get("source"), "Relationship")
        tgt = types.get(r.get("target"), "Relationship")
        assert LETTER[r.get(XSI_TYPE)] in allowed.get((src, tgt), ""), (r.get("identifier"), src, tgt)


def test_the_same_model_gives_the_same_bytes_whatever_the_order_of_its_files(tmp_path, voorbeeld):
    data, _ = voorbeeld
    assert exported(VOORBEELD, findings=True) == data
    import yaml

    doc = yaml.safe_load(VOORBEELD.read_text(encoding="utf-8"))
    rng = random.Random(7)
    for key in ("organisaties", "sturingsrelaties", "afspraken", "gegevens", "middelen", "opdrachten", "uitzonderingen"):
        rng.shuffle(doc[key])
    shuffled = tmp_path / "voorbeeld.yaml"
    shuffled.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert exported(shuffled, findings=True) == data



def test_each_view_is_laid_out_by_a_dot_of_its_own(monkeypatch, tmp_path):
    """Graphviz 2.43, given many graphs in one run, lays out a later one differently from run to run
    (seen on the views of a generated model of 1,000 organisations: 4 different files in 8 runs);
    each graph alone comes out the same every time. So every view gets its own `dot`."""
    from ketengraaf.archimate import views
    from ketengraaf.generate import write_model
    from ketengraaf.render import graphviz_run

    texts: list[str] = []
    original = graphviz_run.run_dot

    def recording(text, flags, *a, **k):
        texts.append(text)
        return original(text, flags, *a, **k)

    monkeypatch.setattr(graphviz_run, "run_dot", recording)
    f = tmp_path / "m.yaml"
    write_model(150, seed=1, output=f)
    first = exported(f)
    n_views = len(etree.fromstring(first).findall(f".//{Q('view')}"))
    assert n_views > 20 and len(texts) == n_views
    assert all(t.count("digraph ") == 1 for t in texts)
    assert exported(f) == first


def test_a_large_export_gives_the_same_bytes_under_other_hash_seeds(tmp_path):
    """The whole command, twice with other hash seeds, on the model whose views Graphviz laid out
    differently when they went through one `dot` together."""
    import os
    import subprocess
    import sys

    from ketengraaf.generate import write_model

    need_dot()
    f = tmp_path / "m.yaml"
    write_model(1000, seed=1, output=f)
    outs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"uit-{seed}.xml"
        r = subprocess.run([sys.executable, "-m", "ketengraaf", "export", "archimate", str(f), "-o", str(out)],
                           capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert r.returncode == 0, r.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]

def test_identifiers_come_from_ketengraaf_ids(voorbeeld):
    _, root = voorbeeld
    ids = {e.get("identifier") for e in root.iter(Q("element"))}
    assert {"id-belastingdienst", "id-strafrechtketen", "id-aangifte", "id-wa-rws", "id-brp", "id-hwn",
            "id-opd-kot-2027"} <= ids
    rels = {r.get("identifier"): (r.get(XSI_TYPE), r.findtext(Q("name"))) for r in root.iter(Q("relationship"))}
    assert rels["id-sg-fin-EIGENAAR-belastingdienst"] == ("Association", "eigenaar")
    assert rels["id-dg-fz-OPDRACHTGEVER-belastingdienst"] == ("Association", "coördinerend opdrachtgever")
    assert rels["id-min-jenv-ONDERDEEL-sg-jenv"] == ("Composition", None)
    assert rels["id-aangifte-OVERDRACHT-opsporing"] == ("Triggering", None)
    assert root.get("identifier") == "id-MODEL-voorbeeld"


def test_typed_property_definitions(voorbeeld):
    _, root = voorbeeld
    defs = {pd.findtext(Q("name")): pd.get("type") for pd in root.iter(Q("propertyDefinition"))}
    assert {k: defs[k] for k in ("ketengraaf:capaciteit", "ketengraaf:geldig_van", "ketengraaf:onafhankelijk",
                                 "ketengraaf:prestatie", "ketengraaf:peildatum", "ketengraaf:soort",
                                 "ketengraaf:bevinding:melding")} == {
        "ketengraaf:capaciteit": "number", "ketengraaf:geldig_van": "date", "ketengraaf:onafhankelijk": "boolean",
        "ketengraaf:prestatie": "number", "ketengraaf:peildatum": "date", "ketengraaf:soort": "string",
        "ketengraaf:bevinding:melding": "string"}
    assert list(defs) == sorted(defs)


def test_archis_folders(voorbeeld):
    _, root = voorbeeld
    orgs = root.find(Q("organizations"))
    tops = [i.findtext(Q("label")) for i in orgs.findall(Q("item"))]
    assert tops == [f for f in oef.FOLDERS if f in tops]  # Archi's labels, in Archi's order
    assert tops == ["Strategy", "Business", "Application", "Motivation", "Implementation & Migration", "Relations",
                    "Views"]
    placed = Counter(i.get("identifierRef") for i in orgs.iter(Q("item")) if i.get("identifierRef"))
    everything = [e.get("identifier") for e in root.iter(Q("element"), Q("relationship"), Q("view"))]
    assert set(placed) == set(everything) and set(placed.values()) == {1}  # each exactly once
    for top in orgs.findall(Q("item")):
        label = top.findtext(Q("label"))
        for i in top.iter(Q("item")):
            ref = i.get("identifierRef")
            el = root.find(f".//{Q('element')}[@identifier='{ref}']") if ref else None
            if el is not None:
                assert oef.FOLDER_OF[el.get(XSI_TYPE)] == label


def test_a_view_per_triangle_and_per_keten_laid_out_readably(voorbeeld):
    _, root = voorbeeld
    views = {v.findtext(Q("name")): v for v in root.iter(Q("view"))}
    assert {"Driehoek Dienst Toeslagen", "Driehoek Rijkswaterstaat", "Keten Strafrechtketen", "Keten Toeslagenketen",
            "Keten Verkeersboeteketen"} <= set(views)
    assert sum(n.startswith("Driehoek ") for n in views) == 10 and sum(n.startswith("Keten ") for n in views) == 3
    for name, v in views.items():
        boxes = {}
        for n in v.iter(Q("node")):
            boxes[n.get("identifier")] = tuple(int(n.get(a)) for a in "xywh")
        # siblings do not overlap: a box lies beside another or inside its lane
        for parent in [v, *v.iter(Q("node"))]:
            kids = [boxes[c.get("identifier")] for c in parent.findall(Q("node"))]
            for i, a in enumerate(kids):
                for b in kids[i + 1:]:
                    apart = a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
                    assert apart, (name, a, b)
            if parent is not v:  # a lane holds its schakels
                px, py, pw, ph = boxes[parent.get("identifier")]
                for x, y, w, h in kids:
                    assert px <= x and py <= y and x + w <= px + pw and y + h <= py + ph
    ends = {r.get("identifier"): (r.get("source"), r.get("target")) for r in root.iter(Q("relationship"))}
    for v in views.values():  # a line joins the boxes of its relationship's own source and target
        element_of = {n.get("identifier"): n.get("elementRef") for n in v.iter(Q("node"))}
        for c in v.iter(Q("connection")):
            assert (element_of[c.get("source")], element_of[c.get("target")]) == ends[c.get("relationshipRef")]
    keten = views["Keten Strafrechtketen"]
    lanes = {n.get("elementRef"): [c.get("elementRef") for c in n.findall(Q("node"))] for n in keten.findall(Q("node"))}
    assert lanes["id-politie"] == ["id-aangifte", "id-opsporing"]
    triangle = views["Driehoek Rijkswaterstaat"]
    y = {n.get("elementRef"): int(n.get("y")) for n in triangle.iter(Q("node")) if n.get("elementRef")}
    assert y["id-dgmo"] == y["id-sg-ienw"] < y["id-wa-rws"] < y["id-rws"]  # owners and commissioners on top
    assert any(c.find(Q("bendpoint")) is not None for c in triangle.iter(Q("connection")))


def test_findings_as_properties_colours_and_a_legend(voorbeeld):
    _, root = voorbeeld
    m = load_model(VOORBEELD)
    report = Analysis(m).findings(backend=NetworkXRules(parallel=False), keep_facts=True)
    expected = json.loads((VOORBEELD.with_name("voorbeeld.expected.json")).read_text(encoding="utf-8"))
    assert len(report.findings) == len(expected)
    defs = {pd.get("identifier"): pd.findtext(Q("name")) for pd in root.iter(Q("propertyDefinition"))}

    def props(e: etree._Element) -> list[tuple[str, str]]:
        return [(defs[p.get("propertyDefinitionRef")], p.findtext(Q("value"))) for p in e.iter(Q("property"))]

    by_id = {e.get("identifier"): e for e in root.iter(Q("element"), Q("relationship"))}
    toeslagen = [v for k, v in props(by_id["id-dienst-toeslagen"]) if k == "ketengraaf:bevinding:regel"]
    assert toeslagen == sorted(f.rule for f in report.findings if f.subject == "dienst-toeslagen"
                               or "dienst-toeslagen" in f.subject.split("+"))
    m01 = props(by_id["id-dienst-toeslagen"])
    i = m01.index(("ketengraaf:bevinding:regel", "M01"))
    assert m01[i + 1] == ("ketengraaf:bevinding:ernst", "fout")
    assert m01[i + 2][0] == "ketengraaf:bevinding:melding" and m01[i + 2][1].startswith("Dienst Toeslagen heeft ")
    s02 = props(by_id["id-dgwb-OPDRACHTGEVER-rws"])
    assert ("ketengraaf:bevinding:regel", "S02") in s02  # a finding about a relation sits on the relationship
    k01 = props(by_id["id-strafrechtketen"])  # an accepted finding says why
    assert ("ketengraaf:bevinding:regel", "K01") in k01 and any(k == "ketengraaf:bevinding:uitzondering" for k, _ in k01)

    view = next(v for v in root.iter(Q("view")) if v.findtext(Q("name")) == "Driehoek Dienst Toeslagen")
    node = next(n for n in view.iter(Q("node")) if n.get("elementRef") == "id-dienst-toeslagen")
    fill = node.find(Q("style")).find(Q("fillColor"))
    assert (fill.get("r"), fill.get("g"), fill.get("b")) == ("249", "217", "198")  # the error tint of the diagrams
    legend = [n.findtext(Q("label")) for n in view.iter(Q("node")) if n.get(XSI_TYPE) == "Label"]
    assert legend[0].startswith("Bevindingen van ketengraaf (peildatum 2026-11-27)\n") and "M01 fout: dienst-toeslagen" in legend[0]
    assert legend[1:] == ["fout", "waarschuwing", "melding", "geaccepteerd"]


def test_findings_in_english(tmp_path):
    data = exported(VOORBEELD, findings=True, lang="en")
    assert schema_errors(data) == []
    root = etree.fromstring(data)
    names = {v.findtext(Q("name")) for v in root.iter(Q("view"))}
    assert "Steering triangle Dienst Toeslagen" in names and "Chain Strafrechtketen" in names
    assert b"<value xml:lang=\"nl\">error</value>" in data


def test_the_command_line(tmp_path, kg):
    need_dot()
    out = tmp_path / "vb.xml"
    code, stdout, err = kg("export", "archimate", VOORBEELD, "-o", out, "--met-bevindingen")
    assert (code, stdout) == (0, "")
    assert err == f"wrote {out}: 88 elements, 197 relationships, 13 views; 58 findings (14 errors, 36 warnings, 6 info)\n"
    assert out.read_bytes() == exported(VOORBEELD, findings=True)
    code, _, err = kg("export", "archimate", VOORBEELD, "-o", tmp_path / "vb.archimate")
    assert code == 2 and err == f"ketengraaf: {tmp_path / 'vb.archimate'}: an ArchiMate exchange file ends in .xml\n"
    code, _, err = kg("export", "archimate", out, "-o", out)
    assert code == 2 and f"refusing to write {out}: it is the file {out} that this command reads" in err
    code, out_, _ = kg("export", "archimate", "--help")
    assert code == 0 and "Examples:" in out_ and "--with-findings" in out_ and "--met-bevindingen" in out_


def test_without_graphviz_the_export_says_how_to_install_it(tmp_path, kg, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = kg("export", "archimate", VOORBEELD, "-o", tmp_path / "x.xml")
    assert code == 3 and "Graphviz 'dot' is not installed" in err and not (tmp_path / "x.xml").exists()


def test_an_empty_model_has_nothing_to_export(tmp_path, kg):
    need_dot()
    p = tmp_path / "leeg.yaml"
    p.write_text("ketengraaf: 1\n", encoding="utf-8")
    code, _, err = kg("export", "archimate", p, "-o", tmp_path / "leeg.xml")
    assert code == 2 and err == "ketengraaf: the model has no elements to export (Archi needs at least one)\n"

"""``ketengraaf diff`` as a user runs it: formats, exit codes, --git, and outputs that never touch inputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from tests.diff.conftest import KLEIN, KLEIN_NA, NEW, OLD, ROOT, kg, write

KLEIN_MARKDOWN = """\
**ketengraaf diff** · **1** nieuw (1 waarschuwing), **0** opgelost, 2 gewijzigd, 0 ongewijzigd · 2 modelwijzigingen

`old.yaml` → `new.yaml` · peildatum 2026-01-01

### Nieuwe bevindingen (1)

#### R — Rollen en rolvastheid

| code | ernst | onderwerp | bevinding |
|---|---|---|---|
| R06 | waarschuwing | `opdrachtgever:dg-a->dienst` | DG B is opdrachtgever van Dienst, maar er is geen geldige resultaatafspraak, samenwerkingsafspraak, werkagenda of wettelijke regeling waarin beide partij zijn. Leg vast wat Dienst levert, met welke middelen en tot wanneer. |

### Gewijzigde bevindingen (2)

| code | ernst | onderwerp | wat | nu |
|---|---|---|---|---|
| S03 | waarschuwing | `dienst` | tekst gewijzigd | De driehoek rond Dienst (eigenaar SG A, opdrachtgever DG B) heeft geen geldige meerjarige werkagenda die Dienst samen met een eigenaar en een opdrachtgever heeft afgesproken. Stel een bestuurlijke werkagenda op voor meerdere jaren, met een financieel perspectief. *(was: De driehoek rond Dienst (eigenaar SG A, opdrachtgever DG A) heeft geen geldige meerjarige werkagenda die Dienst samen met een eigenaar en een opdrachtgever heeft afgesproken. Stel een bestuurlijke werkagenda op voor meerdere jaren, met een financieel perspectief.)* |
| S04 | waarschuwing | `dienst` | tekst gewijzigd | De driehoek rond Dienst (eigenaar SG A, opdrachtgever DG B) heeft geen geldige afspraak met een escalatieroute die Dienst, een eigenaar en alle opdrachtgevers samen bindt. Zo ligt niet vast waar een meningsverschil heen gaat als de relatie onder spanning komt te staan. Leg in een afspraak met al deze partijen een escalatieroute vast, bijvoorbeeld driehoeksoverleg, dan de SG als eigenaar, dan een bestuurlijk overleg van de betrokken ministeries. *(was: De driehoek rond Dienst (eigenaar SG A, opdrachtgever DG A) heeft geen geldige afspraak met een escalatieroute die Dienst, een eigenaar en alle opdrachtgevers samen bindt. Zo ligt niet vast waar een meningsverschil heen gaat als de relatie onder spanning komt te staan. Leg in een afspraak met al deze partijen een escalatieroute vast, bijvoorbeeld driehoeksoverleg, dan de SG als eigenaar, dan een bestuurlijk overleg van de betrokken ministeries.)* |

<details><summary>Modelwijzigingen (2)</summary>

**Organisaties**

| | onderdeel | wat |
|---|---|---|
| ~ | `dg-a (DG B)` | hernoemd: 'DG A' → 'DG B' |

**Afspraken**

| | onderdeel | wat |
|---|---|---|
| - | `ra (Resultaatafspraak)` | naam Resultaatafspraak; soort resultaatafspraak; partijen dg-a, dienst; geldig_van 2025-01-01; geldig op de peildatum |

</details>
"""


@pytest.fixture()
def klein(tmp_path: Path) -> Path:
    write(tmp_path / "old.yaml", KLEIN)
    write(tmp_path / "new.yaml", KLEIN_NA)
    return tmp_path


def test_markdown_exact(klein: Path) -> None:
    p = kg("diff", "old.yaml", "new.yaml", "--format", "markdown", cwd=klein)
    assert p.returncode == 0, p.stderr  # a new warning, and --fail-on-new is error by default
    assert p.stdout == KLEIN_MARKDOWN


def test_text_exact(klein: Path) -> None:
    p = kg("diff", "old.yaml", "new.yaml", "--rule", "R", "--lang", "en", cwd=klein)
    assert p.returncode == 0, p.stderr
    assert p.stdout == """\
Comparing old.yaml (Klein) → new.yaml (Klein), reference date 2026-01-01

Findings: 1 new, 0 resolved, 0 changed, 0 unchanged
Model changes: 0 added, 1 removed, 1 changed
The change introduces 1 open finding: 1 warning.

Model changes

Organisations (organisaties)
~  dg-a (DG B)  renamed: 'DG A' → 'DG B'

Agreements (afspraken)
-  ra (Resultaatafspraak)  naam Resultaatafspraak; soort resultaatafspraak; partijen dg-a, dienst;
                           geldig_van 2025-01-01; valid on the reference date

New findings (1)

R — Roles in the triangle
code  severity  subject                     finding
R06   warning   opdrachtgever:dg-a->dienst  DG B commissions Dienst, but there is no valid result
                                            agreement, cooperation agreement, work agenda or
                                            statutory regulation to which both are party. Record
                                            what Dienst delivers, with which resources and until
                                            when.

Findings: 1 new, 0 resolved, 0 changed, 0 unchanged
"""


def test_the_scenario_as_json(tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    p = kg("diff", str(OLD), str(NEW), "--format", "json", "-o", str(out), "--fail-on-new", "never")
    assert p.returncode == 0, p.stderr
    assert p.stdout == ""
    doc = json.loads(out.read_bytes())
    schema = json.loads(kg("diff", "--schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema)
    assert (doc["old"]["model"], doc["new"]["model"], doc["peildatum"]) == ("toeslagen-2020", "toeslagen-2021", "2021-01-01")
    assert doc["summary"] == {"model": {"added": 11, "removed": 3, "changed": 12},
                              "findings": {"new": 8, "resolved": 2, "changed": 6, "unchanged": 0},
                              "introduced": {"error": 1, "warning": 6, "info": 1}}
    fs = doc["findings"]
    assert [(f["rule"], f["subject"]) for f in fs["new"]] == [
        ("D05", "st-inkomen-toeslagen"), ("D05", "st-toeslagen-iv"), ("D06", "st-toeslagen-iv"), ("M02", "toeslagen"),
        ("M05", "toeslagen"), ("R06", "opdrachtgever:dir-zorgverzekeringen->toeslagen"), ("S03", "toeslagen"),
        ("S04", "toeslagen")]
    assert [(f["rule"], f["subject"]) for f in fs["resolved"]] == [
        ("M05", "belastingdienst"), ("R06", "opdrachtgever:dir-zorgverzekeringen->belastingdienst")]
    assert [(c["rule"], c["subject"], c["aspects"]) for c in fs["changed"]] == [
        ("M02", "belastingdienst", ["related", "message"]), ("M03", "opd-hut-2021+opd-kot-2021", ["related", "message"]),
        ("M03", "opd-hut-2021+opd-zt-2021", ["related", "message"]), ("M03", "opd-kot-2021+opd-zt-2021", ["related", "message"]),
        ("S03", "belastingdienst", ["message"]), ("S04", "belastingdienst", ["related", "message"])]
    toeslagen = next(c for c in doc["model_changes"] if c["id"] == "toeslagen")
    assert toeslagen == {"section": "organisaties", "id": "toeslagen", "change": "changed", "naam": "Dienst Toeslagen",
                         "fields": [{"field": "naam", "old": "Belastingdienst/Toeslagen", "new": "Dienst Toeslagen"},
                                    {"field": "soort", "old": "directie", "new": "uitvoeringsorganisatie"},
                                    {"field": "onderdeel_van", "old": "belastingdienst", "new": "min-fin"}]}
    zt = next(c for c in doc["model_changes"] if c["id"] == "ua-zorgtoeslag-2021")
    assert (zt["change"], zt["valid"]) == ("added", {"old": None, "new": False})
    assert [c["id"] for c in doc["model_changes"] if c["section"] == "sturingsrelaties"] == [
        "eigenaar:sg-fin->toeslagen", "opdrachtgever:dg-fz->toeslagen", "opdrachtgever:dg-volkshuisvesting->belastingdienst",
        "opdrachtgever:dg-volkshuisvesting->toeslagen", "opdrachtgever:dir-kinderopvang->belastingdienst",
        "opdrachtgever:dir-kinderopvang->toeslagen", "opdrachtgever:dir-zorgverzekeringen->belastingdienst",
        "opdrachtgever:dir-zorgverzekeringen->toeslagen", "opdrachtgever:toeslagen->belastingdienst"]
    # deterministic: the same bytes again
    again = kg("diff", str(OLD), str(NEW), "--format", "json", "--fail-on-new", "never")
    assert again.stdout.encode("utf-8") == out.read_bytes()


@pytest.mark.parametrize("fail_on, forward, backward", [("error", 1, 0), ("warning", 1, 1), ("info", 1, 1),
                                                        ("never", 0, 0)])
def test_fail_on_new(fail_on: str, forward: int, backward: int) -> None:
    """Forward the change introduces 1 error, 6 warnings and 1 info; backward only what the change
    resolved comes back: a warning (R06) and an info (M05), no error."""
    p = kg("diff", str(OLD), str(NEW), "--fail-on-new", fail_on, "--format", "json")
    assert p.returncode == forward, p.stderr
    q = kg("diff", str(NEW), str(OLD), "--fail-on-new", fail_on, "--format", "json")
    assert q.returncode == backward, q.stderr
    assert json.loads(q.stdout)["summary"]["introduced"] == {"error": 0, "warning": 1, "info": 1}


def test_fail_on_new_counts_an_uitzondering_removed(tmp_path: Path) -> None:
    """A finding suppressed in OLD and open in NEW is not new, but the change introduces it."""
    no_afspraak = KLEIN.split("afspraken:")[0] + "afspraken: []\n"
    accepted = no_afspraak + ("uitzonderingen:\n  - {regel: R06, onderwerp: 'opdrachtgever:dg-a->dienst', "
                              "reden: Afspraak volgt in het jaarplan}\n")
    write(tmp_path / "old.yaml", accepted)
    write(tmp_path / "new.yaml", no_afspraak)
    p = kg("diff", "old.yaml", "new.yaml", "--fail-on-new", "warning", "--format", "json", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    doc = json.loads(p.stdout)
    assert doc["findings"]["new"] == []
    assert [(c["rule"], c["aspects"], c["old"]["suppressed"], c["new"]["suppressed"]) for c in doc["findings"]["changed"]] \
        == [("R06", ["suppressed"], True, False)]
    assert doc["summary"]["introduced"] == {"error": 0, "warning": 1, "info": 0}
    # the other way round the uitzondering is added: nothing is introduced
    assert kg("diff", "new.yaml", "old.yaml", "--fail-on-new", "info", cwd=tmp_path).returncode == 0


def test_one_peildatum_for_both(tmp_path: Path) -> None:
    write(tmp_path / "old.yaml", KLEIN.replace("peildatum: 2026-01-01", "peildatum: 2024-06-01"))
    write(tmp_path / "new.yaml", KLEIN)
    p = kg("diff", "old.yaml", "new.yaml", "--format", "json", cwd=tmp_path)
    doc = json.loads(p.stdout)
    assert doc["peildatum"] == "2026-01-01"
    assert doc["notes"] == ["Het oude model noemt peildatum 2024-06-01 en het nieuwe 2026-01-01; beide zijn "
                            "geanalyseerd op 2026-01-01."]
    assert [(c["section"], c["fields"]) for c in doc["model_changes"]] == \
        [("model", [{"field": "peildatum", "old": "2024-06-01", "new": "2026-01-01"}])]
    # the resultaatafspraak starts 2025-01-01: on 2024-06-01 alone OLD would have R06, on the shared date not
    assert doc["findings"]["new"] == doc["findings"]["resolved"] == []
    q = json.loads(kg("diff", "old.yaml", "new.yaml", "--format", "json", "--peildatum", "2024-12-31", cwd=tmp_path).stdout)
    assert (q["peildatum"], q["notes"]) == ("2024-12-31", [])
    assert q["findings"]["new"] == [] and {f["rule"] for f in q["findings"]["unchanged"]} >= {"R06"}


def test_usage_errors(klein: Path) -> None:
    for args in (["old.yaml"], ["old.yaml", "new.yaml", "new.yaml"], ["--git", "HEAD", "old.yaml", "new.yaml"],
                 ["old.yaml", "new.yaml", "--rule", "X99"], ["old.yaml", "missing.yaml"]):
        p = kg("diff", *args, cwd=klein)
        assert p.returncode == 2, (args, p.stdout, p.stderr)
        assert "Traceback" not in p.stderr and p.stdout == ""


def test_an_invalid_model_says_where(klein: Path) -> None:
    write(klein / "new.yaml", KLEIN_NA.replace("naar: dienst, rol: eigenaar", "naar: dinst, rol: eigenaar"))
    p = kg("diff", "old.yaml", "new.yaml", cwd=klein)
    assert p.returncode == 2
    assert p.stderr.startswith("new.yaml:9:23: unknown organisatie 'dinst'")
    assert "dinst" in p.stderr and "Traceback" not in p.stderr


# ------------------------------------------------------------------------------------------ outputs


def test_outputs_never_over_inputs(tmp_path: Path) -> None:
    old = write(tmp_path / "old.yaml", KLEIN)
    new_dir = tmp_path / "nieuw"
    write(new_dir / "model.yaml", KLEIN_NA)
    before = {p: p.read_bytes() for p in (old, new_dir / "model.yaml")}
    for out in (old, new_dir / "model.yaml", new_dir / "verschil.md"):
        p = kg("diff", str(old), str(new_dir), "--format", "markdown", "-o", str(out))
        assert p.returncode == 2, (out, p.stderr)
        assert "refusing to write" in p.stderr
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(x.name for x in new_dir.iterdir()) == ["model.yaml"]
    ok = kg("diff", str(old), str(new_dir), "--format", "markdown", "-o", str(tmp_path / "verschil.md"))
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "verschil.md").read_text(encoding="utf-8").startswith("**ketengraaf diff**")


# ------------------------------------------------------------------------------------------ --git


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
                   check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "repo"
    write(r / "model" / "a.yaml", KLEIN)
    write(r / "README.md", "not a model\n")
    git(r, "init", "-q")
    git(r, "add", ".")
    git(r, "commit", "-q", "-m", "eerste")
    write(r / "model" / "a.yaml", KLEIN_NA)
    return r


def test_git_file_and_directory(repo: Path) -> None:
    p = kg("diff", "--git", "HEAD", "model/a.yaml", "--format", "json", cwd=repo)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert (doc["old"]["source"], doc["new"]["source"]) == ("HEAD:model/a.yaml", "model/a.yaml")
    assert [(c["section"], c["id"], c["change"]) for c in doc["model_changes"]] == \
        [("organisaties", "dg-a", "changed"), ("afspraken", "ra", "removed")]
    assert [(f["rule"], f["subject"]) for f in doc["findings"]["new"]] == [("R06", "opdrachtgever:dg-a->dienst")]
    assert doc["notes"] == ["Vóór is model/a.yaml zoals het in git-revisie HEAD staat; na is de werkmap."]
    # a directory model keeps its id (named after the directory) at the revision
    d = json.loads(kg("diff", "--git", "HEAD", "model", "--format", "json", cwd=repo).stdout)
    assert (d["old"]["source"], d["old"]["model"], d["new"]["model"]) == ("HEAD:model", "klein", "klein")
    assert d["model_changes"] == doc["model_changes"]
    # the working tree as committed: nothing changed; no temporary copy is left behind
    git(repo, "commit", "-q", "-am", "tweede")
    e = json.loads(kg("diff", "--git", "HEAD", "model", "--format", "json", cwd=repo).stdout)
    assert e["model_changes"] == [] and e["summary"]["findings"]["new"] == 0
    h = json.loads(kg("diff", "--git", "HEAD~1", "model", "--format", "json", cwd=repo).stdout)
    assert h["model_changes"] == doc["model_changes"]


def test_git_errors(repo: Path, tmp_path: Path) -> None:
    p = kg("diff", "--git", "nope", "model", cwd=repo)
    assert (p.returncode, p.stderr.strip()) == (2, "ketengraaf: unknown git revision 'nope' (Needed a single revision)")
    write(repo / "model" / "b.yaml", "organisaties: []\n")
    p = kg("diff", "--git", "HEAD", "model/b.yaml", cwd=repo)
    assert (p.returncode, p.stderr.strip()) == (2, "ketengraaf: model/b.yaml does not exist at git revision 'HEAD'")
    outside = write(tmp_path / "buiten" / "m.yaml", KLEIN)
    p = kg("diff", "--git", "HEAD", str(outside), cwd=repo)
    assert p.returncode == 2 and "is not inside a git repository" in p.stderr


def test_git_invalid_model_at_revision(repo: Path) -> None:
    """Errors in the model at REV name the file as REV:path, never the temporary copy."""
    write(repo / "model" / "a.yaml", KLEIN.replace("rol: eigenaar}", "rol: eigenaar, extra: 1}"))
    git(repo, "commit", "-q", "-am", "kapot")
    write(repo / "model" / "a.yaml", KLEIN)
    p = kg("diff", "--git", "HEAD", "model/a.yaml", cwd=repo)
    assert p.returncode == 2
    assert p.stderr.startswith("HEAD:model/a.yaml:9:"), p.stderr
    assert "ketengraaf-diff-" not in p.stderr and "Traceback" not in p.stderr


def test_no_git_is_exit_3(repo: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    assert shutil.which("git", path=str(bare)) is None
    p = kg("diff", "--git", "HEAD", "model/a.yaml", cwd=repo, env={"PATH": str(bare)})
    assert p.returncode == 3
    assert p.stderr.strip() == ("ketengraaf: git is not installed, and `ketengraaf diff --git` needs it to read the "
                                "model at a revision (install it with: sudo apt-get install git)")
    # without --git, git is not needed
    q = kg("diff", "model/a.yaml", "model/a.yaml", cwd=repo, env={"PATH": str(bare)})
    assert q.returncode == 0, q.stderr


def test_schema_is_documented() -> None:
    schema = json.loads(kg("diff", "--schema").stdout)
    doc = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    for name in schema["properties"]:
        assert f"`{name}`" in doc, name
    assert os.path.exists(ROOT / "src" / "ketengraaf" / "diff" / "diff.schema.json")


def test_an_archimate_export_against_its_model(tmp_path: Path) -> None:
    """Any model format: a model exported to an ArchiMate exchange file and read back is the same model."""
    xml = tmp_path / "toeslagen.xml"
    assert kg("export", "archimate", str(OLD), "-o", str(xml)).returncode == 0
    doc = json.loads(kg("diff", str(xml), str(OLD), "--format", "json").stdout)
    assert doc["model_changes"] == [] and doc["summary"]["findings"] == {"new": 0, "resolved": 0, "changed": 0,
                                                                          "unchanged": 8}

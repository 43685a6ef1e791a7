"""``ketengraaf report``: the files, their content, determinism, safe replacement of the directory,
and the page rendered in real headless Chromium (screenshot not blank, SVG elements in the DOM)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.render.conftest import MODELLEN, VOORBEELD, example_models, need_chromium, need_dot
from tests.render.pngtools import read_png

MODEL = MODELLEN / "belastingdienst.yaml"


def report(model: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ketengraaf", "report", str(model), "-o", str(out), *extra],
                          capture_output=True, text=True, timeout=300)


def files(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_dot()
    out = tmp_path_factory.mktemp("rep") / "rapport"
    r = report(MODEL, out)
    assert r.returncode == 0, r.stderr
    return out


def test_files_and_content(built: Path) -> None:
    names = {p.name for p in built.iterdir()}
    assert {"index.html", "rapport.md", "opdrachtgevers.svg"} <= names
    assert any(n.startswith("driehoek-") for n in names)
    page = (built / "index.html").read_text(encoding="utf-8")
    for heading in ("Samenvatting", "Bevindingen per thema", "Meervoudig opdrachtgeverschap",
                    "Sturingsdriehoeken met bevindingen", "Waarom dit ertoe doet", "Aanbevolen actie"):
        assert heading in page, heading
    assert "Belastingen innen" in page and "2026-11-27" in page
    for code in ("M03", "M04", "R06", "S03"):
        assert code in page
    # self-contained: inline CSS and SVG, nothing fetched
    assert "<style>" in page and "@page" in page and "A4" in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"(src|href)=\"(?!#)", page)
    assert "url(" not in page and "@import" not in page
    assert page.count("<svg") >= 3
    md = (built / "rapport.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert "opdrachtgevers.svg" in images
    for name in images:
        ET.fromstring((built / name).read_bytes())
    assert "## Samenvatting" in md and "| M — Meervoudig opdrachtgeverschap |" in md


def test_deterministic_and_replaces_previous(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    assert report(MODEL, out).returncode == 0
    first = files(out)
    (out / "index.html").write_text("stale", encoding="utf-8")
    assert report(MODEL, out).returncode == 0  # an earlier report is replaced
    assert files(out) == first
    assert files(built) == first
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "rapport"]
    assert leftovers == []


def test_refuses_foreign_directory(tmp_path: Path) -> None:
    need_dot()
    out = tmp_path / "mijn-map"
    out.mkdir()
    (out / "notitie.docx").write_bytes(b"belangrijk")
    r = report(MODEL, out)
    assert r.returncode == 2 and "not empty" in r.stderr
    assert files(out) == {"notitie.docx": b"belangrijk"}
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert report(MODEL, tmp_path / "file").returncode == 2


def test_english(tmp_path: Path) -> None:
    need_dot()
    path = VOORBEELD if VOORBEELD.exists() else example_models()[0]
    out = tmp_path / "report"
    r = report(path, out, "--lang", "en")
    assert r.returncode == 0, r.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Summary" in page and "Recommended action" in page
    assert "Samenvatting" not in page


@pytest.mark.parametrize("path", example_models(), ids=lambda p: p.stem if p.is_file() else p.name)
def test_every_example_model(path: Path, tmp_path: Path) -> None:
    need_dot()
    out = tmp_path / "r"
    r = report(path, out)
    assert r.returncode == 0, r.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    for block in re.findall(r"<svg\b.*?</svg>", page, flags=re.S):
        ET.fromstring(block)


def chromium(url: str, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    exe = need_chromium()
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         f"--user-data-dir={profile}", *args, url],
        capture_output=True, timeout=120, env=dict(os.environ, HOME=str(tmp)))


def test_page_renders_in_chromium(built: Path, tmp_path: Path) -> None:
    url = (built / "index.html").resolve().as_uri()
    shot = tmp_path / "shot.png"
    r = chromium(url, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars")
    assert shot.exists(), r.stderr.decode("utf-8", "replace")[-2000:]
    img = read_png(shot.read_bytes())
    assert (img.width, img.height) == (1280, 2000)
    # not blank: many colours (text anti-aliasing, badges, diagram fills) and a fair share of ink
    assert len(img.colours(step=3)) > 50
    assert img.non_background(step=4) > 0.02
    dom = chromium(url, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr.decode("utf-8", "replace")[-2000:]
    html = dom.stdout.decode("utf-8", "replace")
    n_svg = len(re.findall(r"<svg\b", html))
    n_figs = len(list(built.glob("*.svg")))
    assert n_svg == n_figs >= 3
    assert "Samenvatting" in html and 'class="node"' in html


def test_every_triangle_says_what_happens_under_strain(tmp_path: Path) -> None:
    """Each triangle in the report gets "Als de relatie onder spanning staat": its ladders step by
    step to the top, and the S04/S05 findings on it; a triangle shown only for S05 is included."""
    need_dot()
    out = tmp_path / "rapport"
    r = report(VOORBEELD, out)
    assert r.returncode == 0, r.stderr
    md = (out / "rapport.md").read_text(encoding="utf-8")
    sections = {s.split("\n", 1)[0]: s for s in md.split("\n### ")[1:]}
    toeslagen = sections["Dienst Toeslagen"]
    assert "#### Als de relatie onder spanning staat\n\nSamenwerkingsafspraak Dienst Toeslagen: " \
           "Secretaris-generaal Financiën (top).\n\n- **S05** De escalatieroute van Samenwerkingsafspraak " \
           "Dienst Toeslagen eindigt bij Secretaris-generaal Financiën" in toeslagen
    assert "**S04**" not in toeslagen
    cjib = sections["Centraal Justitieel Incassobureau"]
    assert "wa-cjib: Opdrachtgeversberaad CJIB → Secretaris-generaal JenV (top)." in cjib
    assert "- **S04** De driehoek rond Centraal Justitieel Incassobureau" in cjib
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("<h4>Als de relatie onder spanning staat</h4>") == md.count("#### Als de relatie onder spanning staat")
    en = tmp_path / "report-en"
    assert report(VOORBEELD, en, "--lang", "en").returncode == 0
    assert "#### When the relation comes under strain" in (en / "rapport.md").read_text(encoding="utf-8")


def test_a_complete_ladder_is_confirmed(tmp_path: Path) -> None:
    """Rijkswaterstaat's ladder binds the whole triangle and its top settles: the report says so."""
    need_dot()
    out = tmp_path / "rapport"
    assert report(VOORBEELD, out).returncode == 0
    md = (out / "rapport.md").read_text(encoding="utf-8")
    rws = md.split("\n### Rijkswaterstaat\n", 1)[1].split("\n### ", 1)[0]
    assert ("wa-rws: Opdrachtgeversberaad Rijkswaterstaat → Secretaris-generaal IenW (top).\n\nDeze escalatieroute "
            "bindt Rijkswaterstaat, een eigenaar en alle opdrachtgevers, en haar top kan voor alle betrokken besturen "
            "beslissen.") in rws


def test_a_large_model_draws_the_diagrams_with_the_most_findings(tmp_path: Path) -> None:
    """`--max-diagrams N`: at most N chain and N triangle diagrams, those with the most open findings;
    the report says how many it left out and how to draw them; 0 draws them all."""
    from ketengraaf.generate import write_model
    from ketengraaf.pipeline import Analysis, NetworkXRules, load_model
    from ketengraaf.render import MAX_DIAGRAMS
    from ketengraaf.render import report as RP

    need_dot()
    m = tmp_path / "m.yaml"
    write_model(400, seed=2, output=m)
    a = Analysis(load_model(m))
    findings = a.findings(backend=NetworkXRules(parallel=False), keep_facts=True).findings
    counts = RP.triangle_findings(a.context, findings)
    n_chains, n_tri = len(a.context.chains), len(counts)
    assert n_chains > 4 and n_tri > 4 and len(set(counts.values())) > 1

    out = tmp_path / "r"
    r = report(m, out, "--max-diagrams", "4")
    assert r.returncode == 0, r.stderr
    drawn = sorted(p.name for p in out.iterdir() if p.suffix == ".svg")
    tri = [n[len("driehoek-"):-len(".svg")] for n in drawn if n.startswith("driehoek-")]
    assert len(tri) == 4 and len([n for n in drawn if n.startswith("keten-")]) == 4
    # the drawn triangles show at least as many findings as any left out (ids are their own slugs here)
    assert min(counts[x] for x in tri) >= max(counts[x] for x in counts if x not in tri)
    md = (out / "rapport.md").read_text(encoding="utf-8")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert (f"Dit rapport tekent de 4 sturingsdriehoeken met de meeste open bevindingen; {n_tri - 4} andere niet"
            in md)
    assert f"Dit rapport tekent de 4 ketens met de meeste open bevindingen; {n_chains - 4} andere niet" in md
    assert "<code>ketengraaf report MODEL -o MAP --max-diagrams 0</code>" in page

    everything = tmp_path / "alles"
    r = report(m, everything, "--max-diagrams", "0")
    assert r.returncode == 0, r.stderr
    svgs = [p.name for p in everything.iterdir() if p.suffix == ".svg"]
    assert len([n for n in svgs if n.startswith("driehoek-")]) == n_tri
    assert len([n for n in svgs if n.startswith("keten-")]) == n_chains
    assert "tekent de" not in (everything / "rapport.md").read_text(encoding="utf-8")
    helptext = subprocess.run([sys.executable, "-m", "ketengraaf", "report", "--help"], capture_output=True,
                              text=True).stdout
    assert MAX_DIAGRAMS >= 4 and f"[default: {MAX_DIAGRAMS};" in " ".join(helptext.split())


def test_one_left_out_is_said_in_the_singular() -> None:
    from ketengraaf.texts.report import REPORT

    assert REPORT["en"]["triangles_left_out"].format(max=3, n=1, andere=REPORT["en"]["andere_een"]).startswith(
        "This report draws the 3 steering triangles with the most open findings; 1 other is not")


def test_a_large_model_lists_the_first_findings_of_each_rule(tmp_path: Path) -> None:
    """`--max-findings N`: each rule lists at most N findings, open ones first, and says how many more
    it has and how to list them all; the counts match analyse's."""
    import json
    from collections import Counter

    from ketengraaf.generate import write_model
    from ketengraaf.render import MAX_FINDINGS

    need_dot()
    m = tmp_path / "m.yaml"
    write_model(400, seed=2, output=m)
    a = subprocess.run([sys.executable, "-m", "ketengraaf", "analyse", str(m), "--format", "json"],
                       capture_output=True, text=True)
    per_rule = Counter(f["rule"] for f in json.loads(a.stdout)["findings"])
    assert max(per_rule.values()) > 3
    out = tmp_path / "r"
    r = report(m, out, "--max-findings", "3", "--max-diagrams", "1")
    assert r.returncode == 0, r.stderr
    md = (out / "rapport.md").read_text(encoding="utf-8")
    for code, n in per_rule.items():
        block = md.split(f"#### {code} ", 1)[1].split("\n#### ", 1)[0].split("\n## ", 1)[0]
        listed = [line for line in block.splitlines() if line.startswith("- ")]
        assert len(listed) == min(n, 3), code
        more = f"… en nog {n - 3} {'bevinding' if n - 3 == 1 else 'bevindingen'} van {code}; alle: " \
               f"`ketengraaf analyse MODEL --rule {code}`."
        assert (more in block) == (n > 3), code
    assert MAX_FINDINGS >= 3


def test_the_docs_give_the_defaults_the_code_has() -> None:
    from ketengraaf.render import MAX_DIAGRAMS, MAX_FINDINGS

    root = Path(__file__).resolve().parents[2]
    diagrams = (root / "docs" / "diagrams.md").read_text(encoding="utf-8")
    diff = (root / "docs" / "diff.md").read_text(encoding="utf-8")
    diagrams = " ".join(diagrams.split())
    assert f"(default {MAX_DIAGRAMS}, `MAX_DIAGRAMS` in `ketengraaf.render`)" in diagrams
    assert f"(default {MAX_FINDINGS}, `MAX_FINDINGS` in `ketengraaf.render`)" in diagrams
    assert f"(default {MAX_DIAGRAMS}; 0: all)" in diff

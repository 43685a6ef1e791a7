"""``ketengraaf diff --format html`` in real headless Chromium: both diagrams of every touched triangle
and keten are laid out, and what changed is drawn as changed (a double outline or line)."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.diff.conftest import KLEIN, KLEIN_NA, NEW, OLD, kg, write
from tests.render.conftest import need_dot
from tests.render.pngtools import read_png
from tests.render.test_report import chromium

PROBE = Path(__file__).with_name("probe.js")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_dot()
    out = tmp_path_factory.mktemp("html") / "wijziging.html"
    p = kg("diff", str(OLD), str(NEW), "--format", "html", "-o", str(out), "--fail-on-new", "never")
    assert p.returncode == 0, p.stderr
    return out


def probe(page: Path, tmp: Path) -> list[dict]:
    """Every .pair of figures as Chromium lays it out (the probe script runs in a copy of the page)."""
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text  # the page itself has no scripts
    copy = tmp / "probe.html"
    copy.write_text(text.replace("</body>", f"<script>{PROBE.read_text(encoding='utf-8')}</script></body>"),
                    encoding="utf-8")
    r = chromium(copy.resolve().as_uri(), tmp, "--dump-dom")
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")[-2000:]
    m = re.search(r'<pre id="probe">(.*?)</pre>', r.stdout.decode("utf-8"), re.S)
    assert m, "the probe did not run"
    return json.loads(html.unescape(m.group(1)))


def changed(fig: dict) -> set[str]:
    return {i["title"] for i in fig["items"] if i["changed"]}


def test_before_and_after_in_chromium(page: Path, tmp_path: Path) -> None:
    pairs = probe(page, tmp_path)
    assert [p["title"] for p in pairs] == ["Belastingdienst", "Dienst Toeslagen",
                                           "Toeslag aanvragen, voorschot en definitieve berekening"]
    for p in pairs:
        assert len(p["figs"]) == 2
        for f in p["figs"]:
            if "absent" not in f:
                assert f["w"] > 300 and f["h"] > 200  # laid out, not collapsed
                for i in f["items"]:
                    if i["changed"]:
                        assert i["w"] > 0 and i["h"] > 0, i  # visible where the page shows it
    bd, dt, keten = pairs
    # Belastingdienst: before, the three beleidsopdrachtgevers that move to Dienst Toeslagen; after,
    # Dienst Toeslagen itself (renamed, moved) as its new opdrachtgever, and that new relation.
    assert changed(bd["figs"][0]) == {"o:dg-volkshuisvesting->o:belastingdienst", "o:dir-kinderopvang->o:belastingdienst",
                                      "o:dir-zorgverzekeringen->o:belastingdienst"}
    assert changed(bd["figs"][1]) == {"o:toeslagen", "o:toeslagen->o:belastingdienst"}
    # Dienst Toeslagen has no triangle before the change: a sentence says so; after, all of it is new.
    assert dt["figs"][0] == {"absent": "Belastingdienst/Toeslagen heeft in dit model geen sturingsdriehoek."}
    assert changed(dt["figs"][1]) == {"o:toeslagen", "o:sg-fin->o:toeslagen", "o:dg-fz->o:toeslagen",
                                      "o:dg-volkshuisvesting->o:toeslagen", "o:dir-kinderopvang->o:toeslagen",
                                      "o:dir-zorgverzekeringen->o:toeslagen"}
    # the keten: the three schakels Dienst Toeslagen takes over, on both sides; not sk-inkomen
    assert changed(keten["figs"][0]) == changed(keten["figs"][1]) == {"s:sk-aanvraag", "s:sk-voorschot", "s:sk-definitief"}
    assert "s:sk-inkomen" in {i["title"] for i in keten["figs"][1]["items"]}
    # Drawn as changed: a changed node has a second outline, a changed edge a second line; unchanged
    # elements have one.
    for p in pairs:
        for f in p["figs"]:
            for i in f.get("items", ()):
                if i["kind"] == "node" and i["title"].startswith(("o:", "s:")):
                    assert i["strokes"] == (2 if i["changed"] else 1), i
                if i["kind"] == "edge" and re.fullmatch(r"o:\S+->o:\S+", i["title"]):
                    assert i["paths"] == (2 if i["changed"] else 1), i


def test_screenshot_is_not_blank(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    r = chromium(page.resolve().as_uri(), tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars")
    assert shot.exists(), r.stderr.decode("utf-8", "replace")[-2000:]
    img = read_png(shot.read_bytes())
    assert len(img.colours(step=3)) > 50 and img.non_background(step=4) > 0.02


def test_page_is_self_contained_and_deterministic(page: Path, tmp_path: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)\b|https?://(?!www\.w3\.org)", text)
    for block in re.findall(r"<svg\b.*?</svg>", text, flags=re.S):
        ET.fromstring(block)
    assert len(re.findall(r"<svg\b", text)) == 5  # 2 + 1 triangles, 2 chains
    again = tmp_path / "again.html"
    assert kg("diff", str(OLD), str(NEW), "--format", "html", "-o", str(again)).returncode == 1
    assert again.read_bytes() == page.read_bytes()


def test_nothing_touched_and_english(tmp_path: Path) -> None:
    need_dot()
    write(tmp_path / "old.yaml", KLEIN)
    write(tmp_path / "new.yaml", KLEIN_NA)
    p = kg("diff", "old.yaml", "old.yaml", "--format", "html", "--lang", "en", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "The change touches no steering triangle and no chain." in p.stdout and "<svg" not in p.stdout
    q = kg("diff", "old.yaml", "new.yaml", "--format", "html", "--lang", "en", cwd=tmp_path)
    assert q.returncode == 0, q.stderr
    assert q.stdout.count("<svg") == 2 and 'class="edge changed"' not in q.stdout
    assert q.stdout.count('class="node changed"') == 2  # DG B, renamed, on both sides of the triangle


def test_a_large_change_draws_the_triangles_and_chains_with_the_most_changed_findings(tmp_path: Path) -> None:
    """`--max-diagrams N`: at most N triangle pairs and N chain pairs, those showing the most of the
    findings the change makes, resolves or changes; the page says how many it left out."""
    from ketengraaf.diff import compare, open_pair
    from ketengraaf.diff.touched import chains, triangles, weights
    from ketengraaf.generate import write_model

    need_dot()
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    write_model(300, seed=1, output=a)
    write_model(300, seed=2, output=b)
    old, new, notes = open_pair(str(a), str(b))
    d = compare(old, new, notes, labels=("a", "b"), keep_facts=True)
    tri_w, ket_w = weights(d)
    tri, ket = triangles(d), chains(d)
    assert len(tri) > 3 and len(ket) > 3 and len({tri_w[x] for x in tri}) > 1

    out = tmp_path / "d.html"
    p = kg("diff", str(a), str(b), "--format", "html", "--max-diagrams", "3", "-o", str(out), "--fail-on-new", "never")
    assert p.returncode == 0, p.stderr
    text = out.read_text(encoding="utf-8")
    titles = re.findall(r"<h3>(.*?)</h3><div class=\"pair\">", text)
    assert len(titles) == 6
    from ketengraaf.diff.html import _name

    names = {x: html.escape(_name((d.old, d.new), x), quote=False) for x in tri}
    drawn = [x for x in tri if names[x] in titles[:3]]
    assert len(drawn) == 3
    assert min(tri_w[x] for x in drawn) >= max(tri_w[x] for x in tri if x not in drawn)
    assert (f"Deze vergelijking tekent de 3 sturingsdriehoeken met de meeste veranderde bevindingen; "
            f"{len(tri) - 3} andere niet.") in text
    assert f"Deze vergelijking tekent de 3 ketens met de meeste veranderde bevindingen; {len(ket) - 3} andere niet." in text

"""A model full of hostile names (quotes, backticks, <, >, &, backslashes and Graphviz escapes,
newlines, control characters, emoji, ``"]; digraph x {``) renders in every view and in the report
without breaking the DOT, the SVG or the HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.render.conftest import HOSTILE, diagram_for, need_dot, norm, svg_text

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def test_escaping_units() -> None:
    from ketengraaf.render.dot import clean, esc, q

    assert esc('a"b<c>&d') == "a&quot;b&lt;c&gt;&amp;d"
    assert esc("x\\Ny") == "x\\\\Ny"  # Graphviz would replace \N by the node name
    assert esc("one\ntwo") == "one<BR/>two"
    assert esc("a\r\nb\rc") == "a<BR/>b<BR/>c"
    assert "\x01" not in esc("a\x01b") and "\ufffd" in clean("a\x01b")
    assert q('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    assert esc("🦆") == "🦆"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_view_renders(lang: str) -> None:
    from ketengraaf.render import dot as D
    from ketengraaf.render.graphviz_run import render

    need_dot()
    m, dg = diagram_for(str(HOSTILE), lang)
    names = [o.naam for o in m.organisaties]
    seen: set[str] = set()
    for view in D.VIEWS:
        subjects = [None, *D.subjects(dg, view)] if view in D.MULTI_VIEWS else [None]
        for subject in subjects:
            dot_text = D.to_dot(dg, view, subject)
            svg = render(dot_text, "svg")
            text = svg_text(svg)  # parses as XML
            seen.update(n for n in names if norm(n) in text)
            # The injection in a name ("]; digraph x { a -> b }) made no graph, node or edge of its
            # own: there is one graph, and every node is one of ours (ids with a kind prefix).
            root = ET.fromstring(svg)
            groups = [g for g in root.iter("{http://www.w3.org/2000/svg}g")]
            assert sum(g.get("class") == "graph" for g in groups) == 1
            for g in groups:
                if g.get("class") == "node":
                    title = g.find("{http://www.w3.org/2000/svg}title").text
                    assert re.match(r"^(o|s|g|t|k|list|rest|folded|column):", title), title
    # every hostile organisation name is drawn, exactly as written, somewhere
    assert seen == set(names)


def test_hostile_strings_survive_literally() -> None:
    from ketengraaf.render import dot as D
    from ketengraaf.render.graphviz_run import render

    need_dot()
    _, dg = diagram_for(str(HOSTILE))
    text = svg_text(render(D.to_dot(dg, "driehoek", "uitv"), "svg"))
    assert 'Uitvoerder "\'`<>&\\ ${x} %s {0}' in text
    assert "DG \\N \\G \\L \\n \\\\ backslash\\" in text  # Graphviz escapes stay literal
    assert "<script>alert(1)</script>" in text  # as text, not markup
    ketens = svg_text(render(D.to_dot(dg, "keten", "keten-x"), "svg"))
    assert "🔗" in ketens and "Schakel <1> & \"eerste\"" in ketens


class _Checker(HTMLParser):
    """Balanced tags, no scripts, no external resources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self.errors.append("script element")
        for k, v in attrs:
            if k in ("src", "href", "xlink:href") and v and not v.startswith("#"):
                self.errors.append(f"external reference {k}={v}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def check_html(text: str) -> _Checker:
    c = _Checker()
    c.feed(text)
    c.close()
    assert not c.errors, c.errors[:5]
    assert not c.stack, c.stack
    return c


def test_report_of_hostile_model(tmp_path: Path) -> None:
    from ketengraaf.cli import main

    need_dot()
    out = tmp_path / "rapport"
    with pytest.raises(SystemExit) as e:
        main(["report", str(HOSTILE), "-o", str(out)])
    assert e.value.code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    c = check_html(page)
    assert c.tags.count("svg") >= 3
    # every inline SVG is well-formed XML on its own
    for block in re.findall(r"<svg\b.*?</svg>", page, flags=re.S):
        ET.fromstring(block)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    md = (out / "rapport.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "\\<script\\>" in md
    for name in re.findall(r"\]\(([^)]+\.svg)\)", md):
        ET.fromstring((out / name).read_bytes())

"""Writing DOT text: escaping every text a model author wrote, quoting ids, and a tiny writer that
keeps the order things are added in (so the same model gives byte-identical DOT).

>>> esc('a "b" <c> & d\\\\N\\nx')
'a &quot;b&quot; &lt;c&gt; &amp; d\\\\\\\\N<BR/>x'
>>> q('o:x"y')
'"o:x\\\\"y"'
"""

from __future__ import annotations

import re
import textwrap
from typing import Any, Iterable

from ketengraaf.render.dot.style import FONT, INK

_CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_NL = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def clean(s: Any) -> str:
    """Text without characters XML cannot hold (control characters, lone surrogates, U+FFFE/F);
    tabs become spaces, line breaks become ``\\n``."""
    s = _NL.sub("\n", str(s)).replace("\t", " ")
    return _CTRL.sub("\N{REPLACEMENT CHARACTER}", s)


def _esc_line(s: str) -> str:
    # Backslashes first: Graphviz applies its escString rules (\N, \G, \L, \n ...) to HTML labels
    # too, after decoding entities, so a literal backslash must be doubled.
    return (s.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def esc(s: Any, width: int = 0) -> str:
    """Text for inside an HTML-like label: escaped, newlines as ``<BR/>``, optionally wrapped."""
    lines = clean(s).split("\n")
    if width:
        lines = [w for line in lines for w in _wrap(line, width)]
    return "<BR/>".join(_esc_line(line) for line in lines)


def _wrap(line: str, width: int) -> list[str]:
    """Wrap at spaces; a word a little longer than the width stays whole, a very long one is cut."""
    out = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""]
    hard = width + width // 2
    return [piece[i:i + hard] for piece in out for i in range(0, max(len(piece), 1), hard)]


def q(s: str) -> str:
    """A quoted DOT id or attribute value (escString-safe)."""
    s = clean(s)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class H(str):
    """An HTML-like label value, written as ``<...>``."""


def _attrs(a: dict[str, Any]) -> str:
    parts = []
    for k, v in a.items():
        if v is None:
            continue
        if isinstance(v, H):
            parts.append(f"{k}=<{v}>")
        elif isinstance(v, bool):
            parts.append(f"{k}={'true' if v else 'false'}")
        elif isinstance(v, (int, float)):
            parts.append(f"{k}={v}")
        else:
            parts.append(f"{k}={q(v)}")
    return ", ".join(parts)


class Dot:
    """A tiny writer for DOT text, in the order things are added."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 1
        self._n = 0

    def _w(self, s: str) -> None:
        self.lines.append("  " * self.depth + s)

    def node(self, id_: str, **a: Any) -> None:
        self._w(f"{q(id_)} [{_attrs(a)}];")

    def edge(self, u: str, v: str, **a: Any) -> None:
        self._w(f"{q(u)} -> {q(v)} [{_attrs(a)}];")

    def open(self, name: str, **a: Any) -> None:
        """A cluster. Cluster attributes are inherited by nested clusters, so the ones the content
        frame sets (label at the bottom, no border) are set explicitly on every cluster."""
        self._w(f"subgraph {q(name)} {{")
        self.depth += 1
        a.setdefault("labelloc", "t")
        a.setdefault("labeljust", "l")
        a.setdefault("peripheries", 1)
        for k, v in a.items():
            self._w(f"{_attrs({k: v})};")

    def close(self) -> None:
        self.depth -= 1
        self._w("}")

    def same_rank(self, ids: Iterable[str], rank: str = "same") -> None:
        ids = list(ids)
        if ids:
            self._w(f"{{ rank={rank}; {'; '.join(q(i) for i in ids)}; }}")

    def cluster_name(self, hint: str) -> str:
        self._n += 1
        return f"cluster_{self._n}_{hint}"


def header(rankdir: str = "TB", *, ranksep: float = 0.55, nodesep: float = 0.35, extra: str = "") -> list[str]:
    # newrank: one global ranking, so handovers run left to right across the uitvoerder frames.
    # (Graphviz 2.43 crashes on newrank together with pack, so nothing here uses pack.)
    return [
        "digraph ketengraaf {",
        f'  graph [fontname="{FONT}", fontsize=11, rankdir={rankdir}, ranksep={ranksep}, nodesep={nodesep}, '
        f'pad=0.3, bgcolor="white", labelloc=t, labeljust=l, newrank=true, compound=true, '
        f'outputorder=edgesfirst{extra}];',
        f'  node [fontname="{FONT}", fontsize=11, color="{INK}", fontcolor="{INK}", margin="0.14,0.07"];',
        f'  edge [fontname="{FONT}", fontsize=9, color="{INK}", fontcolor="{INK}", arrowsize=0.7];',
    ]


def finish(d: Dot, title: H, legend_html: str, rankdir: str, *, ranksep: float, nodesep: float,
            extra: str = "") -> str:
    """The whole DOT text: the title as the graph's label on top, the picture inside an unframed
    cluster whose label, at the bottom, is the legend."""
    out = header(rankdir, ranksep=ranksep, nodesep=nodesep, extra=extra)
    out.append(f"  label=<{title}>;")
    out.append('  subgraph "cluster_content" {')
    out.append(f'    label=<{legend_html}>; labelloc=b; labeljust=l; peripheries=0; margin=12;')
    out.extend("  " + line for line in d.lines)
    if not d.lines:  # Graphviz leaves out an empty frame, and its legend with it
        out.append('    "empty:" [shape=point, style=invis, width=0, height=0, label=""];')
    out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"

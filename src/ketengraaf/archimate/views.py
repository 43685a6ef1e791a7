"""The views of an exported model, laid out by Graphviz so that they are readable when Archi opens them.

Two kinds, built from the same selections as the Graphviz diagrams (:mod:`ketengraaf.render.dot`):

* **driehoek**, one per executor (:func:`ketengraaf.render.dot.executors`): its eigenaars and
  opdrachtgevers above it, and between them its lopende opdrachten (work packages) and the afspraken
  that bind it to one of them (contracts) — :func:`ketengraaf.render.dot.triangle`;
* **keten**, one per chain: the keten, its regisseur and bestuur, and one lane per uitvoerder — the
  uitvoerder's node holds its schakels (nesting is ArchiMate's way to show the assignment), the
  handovers run left to right between them.

Every view is a small graph of fixed-size boxes (the size Archi will draw, estimated from the name)
given to ``dot -Tjson0`` (all views in one run); the positions, the frames of the lanes and the
routes of the lines (as bendpoints) come back and become the view's coordinates. The same model gives
the same views, byte for byte.
"""

from __future__ import annotations

import json
import math
import textwrap
from dataclasses import dataclass, field
from typing import Callable, Optional

from ketengraaf.graph.view import Context
from ketengraaf.render import dot as D
from ketengraaf.render import graphviz_run

#: Archi's default element size is 120 x 55; names of Dutch government bodies are longer.
NODE_W = 150
NODE_H = 55
LINE_H = 14
CHARS_PER_LINE = 22
#: Space around a view's content, and above it for the legend.
MARGIN = 24


@dataclass
class Node:
    """A box in a view: an element (``element`` its identifier), or a note (``element`` None)."""

    key: str
    element: Optional[str]
    name: str
    children: list["Node"] = field(default_factory=list)
    x: int = 0
    y: int = 0
    w: int = NODE_W
    h: int = NODE_H
    text: str = ""  # a note's text
    #: (line colour, fill colour) of a note (the legend's swatches)
    style: Optional[tuple[str, str]] = None

    def size(self) -> None:
        lines = max(1, len(textwrap.wrap(self.name, CHARS_PER_LINE, break_long_words=True)))
        self.h = max(NODE_H, 20 + LINE_H * lines)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Conn:
    """A line in a view: a relationship between two of its nodes, laid out from ``source`` to
    ``target`` (``flip``: the other way round, so that the source lies below the target)."""

    relationship: str
    source: str
    target: str
    flip: bool = False
    bends: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class View:
    kind: str
    subject: str
    name: str
    nodes: list[Node]
    conns: list[Conn]
    rankdir: str = "TB"
    width: int = 0
    height: int = 0
    #: invisible edges that only place boxes (the keten before its first schakel)
    extra_edges: list[tuple[str, str]] = field(default_factory=list)

    def all_nodes(self) -> list[Node]:
        return [n for top in self.nodes for n in top.walk()]


def triangle_view(ctx: Context, x: str, name: str, element: Callable[[str], str],
                  relationship: Callable[[str, str, str], Optional[str]]) -> View:
    """Executor ``x`` with its eigenaars and opdrachtgevers above it, and its lopende opdrachten and
    agreements with them between. ``element(id)`` and ``relationship(src, token, tgt)`` give the
    identifiers the export uses (None: no such relationship)."""
    tri = D.triangle(ctx, x)
    nodes: dict[str, Node] = {}

    def node(kid: str) -> Node:
        if kid not in nodes:
            nodes[kid] = Node(kid, element(kid), ctx.naam(kid))
        return nodes[kid]

    conns: list[Conn] = []
    for o in tri.top:
        node(o)
    node(x)
    for r in ctx.relations:
        if r.naar == x and r.van != x:
            rid = relationship(r.van, r.rol.upper(), x)
            if rid:
                conns.append(Conn(rid, r.van, x))
    for a in tri.opdrachten:
        node(a.id)
        if a.opdrachtgever and a.opdrachtgever != x:
            conns.append(Conn(relationship(a.opdrachtgever, "OPDRACHTGEVER", a.id) or "", a.opdrachtgever, a.id))
        conns.append(Conn(relationship(x, "OPDRACHTNEMER", a.id) or "", x, a.id, flip=True))
    for ag in tri.afspraken:
        node(ag.id)
        for p in sorted(ag.partijen):
            if p in nodes and p != ag.id:
                # the agreement sits between the parties above and the executor below
                conns.append(Conn(relationship(ag.id, "PARTIJ", p) or "", ag.id, p, flip=p != x))
    return View("driehoek", x, name, list(nodes.values()), [c for c in conns if c.relationship], "TB")


def chain_view(ctx: Context, chain: D.Chain, name: str, element: Callable[[str], str],
               relationship: Callable[[str, str, str], Optional[str]]) -> View:
    """The keten with its regisseur and bestuur, and a lane per uitvoerder holding its schakels."""
    nodes: list[Node] = []
    by_key: dict[str, Node] = {}

    def add(n: Node, into: Optional[Node] = None) -> Node:
        (into.children if into else nodes).append(n)
        by_key[n.key] = n
        return n

    conns: list[Conn] = []
    add(Node(chain.id, element(chain.id), chain.naam))
    for who, token in ((chain.regisseur, "REGISSEUR"), (chain.bestuur, "BESTUUR")):
        if who and who not in by_key:
            add(Node(who, element(who), ctx.naam(who)))
        if who:
            rid = relationship(who, token, chain.id)
            if rid:
                conns.append(Conn(rid, who, chain.id))
    lanes: dict[str, Node] = {}
    for s in chain.schakels:
        lane = None
        if s.uitvoerder:
            lane = lanes.get(s.uitvoerder)
            if lane is None:
                lane = by_key.get(s.uitvoerder)
                if lane is not None:  # the regisseur is also an uitvoerder: its lane is that node
                    lanes[s.uitvoerder] = lane
                else:
                    lane = lanes[s.uitvoerder] = add(Node(s.uitvoerder, element(s.uitvoerder), ctx.naam(s.uitvoerder)))
        add(Node(s.id, element(s.id), s.naam), lane)
    for s in chain.schakels:
        for p in s.volgt_op:
            if p in by_key:
                rid = relationship(p, "OVERDRACHT", s.id)
                if rid:
                    conns.append(Conn(rid, p, s.id))
        if s.eigenaar and s.eigenaar != s.uitvoerder:
            if s.eigenaar not in by_key:
                add(Node(s.eigenaar, element(s.eigenaar), ctx.naam(s.eigenaar)))
            rid = relationship(s.eigenaar, "EIGENAAR", s.id)
            if rid:
                conns.append(Conn(rid, s.eigenaar, s.id))
    first = next((n for n in by_key.values() if n.key in {s.id for s in chain.schakels}), None)
    return View("keten", chain.id, name, nodes, conns, "LR",
                extra_edges=[(chain.id, first.key)] if first is not None else [])


# ------------------------------------------------------------------------------------------------
# layout


def _dot(view: View, index: int) -> str:
    # A triangle has many lines between three rows: room between the rows and the boxes; a chain
    # reads left to right through its lanes.
    sep = "nodesep=0.5, ranksep=1.1" if view.rankdir == "TB" else "nodesep=0.35, ranksep=0.6"
    out = [f'digraph "v{index}" {{',
           f'  graph [rankdir={view.rankdir}, newrank=true, compound=true, {sep}, fontname="{D.FONT}", fontsize=10];',
           '  node [shape=box, fixedsize=true, label=""];']
    n_cluster = 0
    #: a lane (a node with nodes inside) -> its cluster's name and the node inside that lines attach to
    lanes: dict[str, tuple[str, str]] = {}

    def place(n: Node, depth: int) -> None:
        nonlocal n_cluster
        ind = "  " * depth
        if n.children:
            n_cluster += 1
            first = n.children[0]
            while first.children:
                first = first.children[0]
            lanes[n.key] = (f"cluster_{n_cluster}", first.key)
            out.append(f'{ind}subgraph "cluster_{n_cluster}" {{ label={D.q(n.name)}; labeljust=l; labelloc=t; '
                       f'margin=14; id={D.q(n.key)};')
            for c in n.children:
                place(c, depth + 1)
            out.append(f"{ind}}}")
            return
        out.append(f"{ind}{D.q(n.key)} [width={n.w / 72:.4f}, height={n.h / 72:.4f}];")

    for n in view.nodes:
        place(n, 1)
    def edge(u: str, v: str, attrs: str) -> str:
        # A line to a lane is laid out to a node inside it and cut off at the lane's border.
        extra = ""
        if u in lanes:
            extra += f", ltail={D.q(lanes[u][0])}"
            u = lanes[u][1]
        if v in lanes:
            extra += f", lhead={D.q(lanes[v][0])}"
            v = lanes[v][1]
        return f"  {D.q(u)} -> {D.q(v)} [{attrs}{extra}];"

    for i, c in enumerate(view.conns):
        u, v = (c.target, c.source) if c.flip else (c.source, c.target)
        out.append(edge(u, v, f"id={D.q(str(i))}"))
    for u, v in view.extra_edges:
        out.append(edge(u, v, "style=invis"))
    out.append("}")
    return "\n".join(out) + "\n"


def layout(views: list[View]) -> None:
    """Lay out every view with Graphviz ``dot`` and set the coordinates of its nodes (absolute, as
    the exchange format has them), the frames of its lanes and the bendpoints of its lines.

    One ``dot`` process per view, as many at a time as there are cores: Graphviz 2.43 given many
    graphs in one run lays out a later graph differently from run to run (a chain with a cycle and
    lanes after some other chains; each graph alone is laid out the same every time), and the same
    model must give the same file."""
    if not views:
        return
    for v in views:
        for n in v.all_nodes():
            n.size()
    texts = [_dot(v, i) for i, v in enumerate(views)]
    for v, raw in zip(views, graphviz_run.run_all(texts, ["-Tjson0"])):
        _apply(v, json.loads(raw))


def _apply(view: View, g: dict) -> None:
    _, _, gw, gh = (float(x) for x in g["bb"].split(","))
    by_key = {n.key: n for n in view.all_nodes()}

    def xy(x: float, y: float) -> tuple[int, int]:
        return int(round(x)) + MARGIN, int(round(gh - y)) + MARGIN

    objects = g.get("objects", [])
    gvid_key: dict[int, str] = {}
    for o in objects:
        if "bb" in o and o.get("id") in by_key:  # a lane: the frame of its cluster
            x0, y0, x1, y1 = (float(v) for v in o["bb"].split(","))
            n = by_key[o["id"]]
            n.x, n.y = xy(x0, y1)
            n.w, n.h = max(1, int(round(x1 - x0))), max(1, int(round(y1 - y0)))
        elif "pos" in o and o.get("name") in by_key:
            n = by_key[o["name"]]
            cx, cy = (float(v) for v in o["pos"].split(","))
            n.x, n.y = xy(cx - n.w / 2, cy + n.h / 2)
            gvid_key[o["_gvid"]] = n.key
    for e in g.get("edges", []):
        if "id" not in e or not e["id"].isdigit():
            continue
        c = view.conns[int(e["id"])]
        pts = [p for p in e.get("pos", "").split() if not p.startswith(("s,", "e,"))]
        coords = [tuple(float(v) for v in p.split(",")) for p in pts]
        # A B-spline through 3k+1 control points: the points at 3, 6, ... lie on the curve; the
        # first and last touch the boxes. Archi draws straight segments through the bendpoints.
        on_curve = [coords[i] for i in range(3, len(coords) - 1, 3)]
        bends = [xy(x, y) for x, y in on_curve]
        c.bends = bends[::-1] if c.flip else bends
    view.width, view.height = int(math.ceil(gw)) + 2 * MARGIN, int(math.ceil(gh)) + 2 * MARGIN

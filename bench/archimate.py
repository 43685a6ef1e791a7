#!/usr/bin/env python3
"""Benchmark of ``ketengraaf import archimate`` (issue 15): 10,000 elements and 20,000 relationships in < 3 s.

It writes a synthetic ArchiMate exchange file (OEF 3.1) in the shape of an architecture repository
that is mostly about other things: an organisation tree of business actors with their steering,
ketens of processes with their schakels, contracts, business and data objects, application
components and work packages — and around them requirements, principles, goals, services, nodes,
capabilities and roles, with serving, realization and influence relationships between them that
ketengraaf does not import, properties on many elements, and views with nodes, connections and
styles (what real files carry most of their bytes in).

Then it runs the real command line under ``/usr/bin/time -f "%e %M"`` (wall seconds, peak resident
memory of the whole command): the import into a YAML file, and ``ketengraaf analyse`` directly on
the exchange file. With ``--write`` the table replaces the part of docs/archimate.md between its
benchmark markers.

    .venv/bin/python bench/archimate.py                   # 10,000 elements, 20,000 relationships
    .venv/bin/python bench/archimate.py --write docs/archimate.md
    .venv/bin/python bench/archimate.py --elements 500 --keep /tmp/model.xml   # a small file to look at
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from roo import replace_section, timed  # noqa: E402 - the same measuring as bench/roo.py

START, END = "<!-- bench/archimate.py: begin -->", "<!-- bench/archimate.py: end -->"
TARGET_S = 3.0
NS = "http://www.opengroup.org/xsd/archimate/3.0/"

WOORDEN = ["Beleid", "Uitvoering", "Strategie", "Toezicht", "Informatievoorziening", "Personeel", "Communicatie",
           "Arbeidsmarkt", "Zorg", "Onderwijs", "Veiligheid", "Water", "Wegen", "Energie", "Klimaat", "Wonen",
           "Bedrijfsvoering", "Juridische Zaken", "Inkoop", "Digitale Overheid", "Migratie", "Integriteit"]
SOORTEN = ["agentschap", "zbo", "uitvoeringsorganisatie", "rwt", "directie", "directoraat-generaal"]
AFSPRAKEN = ["Samenwerkingsafspraak", "Resultaatafspraak", "Convenant", "Ketenafspraak", "Werkagenda",
             "Gegevensleveringsovereenkomst", "Verwerkersovereenkomst"]
OTHER = ["Requirement", "Principle", "Goal", "ApplicationService", "Node", "Capability", "BusinessService",
         "BusinessRole", "ApplicationInterface", "TechnologyService", "Outcome", "Driver", "BusinessEvent",
         "Artifact", "SystemSoftware", "ApplicationFunction"]


class Writer:
    def __init__(self, out, rng: random.Random):
        self.out = out
        self.rng = rng
        self.elements: list[tuple[str, str, str]] = []  # identifier, type, name
        self.rels: list[str] = []
        self.n_rel = 0

    def element(self, typ: str, name: str, props: dict[str, str] | None = None) -> str:
        ident = f"id-{len(self.elements):05d}-{self.rng.getrandbits(32):08x}"
        self.elements.append((ident, typ, name))
        p = ""
        if props:
            p = "      <properties>\n" + "".join(
                f'        <property propertyDefinitionRef="{k}"><value xml:lang="nl">{escape(v)}</value></property>\n'
                for k, v in props.items()) + "      </properties>\n"
        doc = (f'      <documentation xml:lang="nl">{escape(name)}: {" ".join(self.rng.sample(WOORDEN, 6)).lower()}.'
               f"</documentation>\n")
        self.out.write(f'    <element identifier="{ident}" xsi:type="{typ}">\n      <name xml:lang="nl">{escape(name)}'
                       f"</name>\n{doc}{p}    </element>\n")
        return ident

    def rel(self, typ: str, src: str, tgt: str, name: str = "", *, directed: bool = False, extra: str = "") -> str:
        ident = f"id-r{self.n_rel:06d}"
        self.n_rel += 1
        d = ' isDirected="true"' if directed else ""
        n = f'\n      <name xml:lang="nl">{escape(name)}</name>\n    ' if name else ""
        self.rels.append(f'    <relationship identifier="{ident}" source="{src}" target="{tgt}" xsi:type="{typ}"{d}'
                         f'{extra}>{n}</relationship>\n')
        return ident


def write_file(path: Path, n_elements: int, n_relationships: int, seed: int = 1) -> tuple[int, int]:
    rng = random.Random(seed)
    f = n_elements / 10_000
    with open(path, "w", encoding="utf-8") as out:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<model xmlns="{NS}" '
                  f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="id-model">\n'
                  f'  <name xml:lang="nl">Architectuurrepository (synthetisch)</name>\n  <elements>\n')
        W = Writer(out, rng)
        # organisations: a tree (ministries at the top), soorten from a property or the name
        actors: list[str] = []
        parents: list[tuple[str, str]] = []
        for i in range(int(2500 * f) or 3):
            if i < max(1, int(15 * f)):
                a = W.element("BusinessActor", f"Ministerie van {rng.choice(WOORDEN)} {i}")
            else:
                soort = rng.choice(SOORTEN)
                props = {"propid-soort": soort} if rng.random() < 0.5 else {"propid-type": soort.capitalize()}
                a = W.element("BusinessActor", f"{rng.choice(WOORDEN)} {rng.choice(WOORDEN)} {i}", props)
                parents.append((actors[rng.randrange(len(actors))], a))
            actors.append(a)
        # ketens and schakels
        ketens: list[tuple[str, list[str]]] = []
        for k in range(int(60 * f) or 1):
            kid = W.element("BusinessProcess", f"Keten {rng.choice(WOORDEN)} {k}")
            ketens.append((kid, [W.element("BusinessProcess", f"Schakel {k}.{j} {rng.choice(WOORDEN)}")
                                 for j in range(9)]))
        contracts = [W.element("Contract", f"{rng.choice(AFSPRAKEN)} {rng.choice(WOORDEN)} {i}")
                     for i in range(int(400 * f) or 1)]
        objects = [W.element(rng.choice(["BusinessObject", "DataObject"]), f"Registratie {rng.choice(WOORDEN)} {i}")
                   for i in range(int(800 * f) or 1)]
        components = [W.element("ApplicationComponent", f"Systeem {rng.choice(WOORDEN)} {i}")
                      for i in range(int(300 * f) or 1)]
        packages = [W.element("WorkPackage", f"Programma {rng.choice(WOORDEN)} {i}",
                              {"propid-capaciteit": str(rng.randint(5, 400))})
                    for i in range(int(200 * f) or 1)]
        others = [W.element(t := rng.choice(OTHER), f"{t} {rng.choice(WOORDEN)} {i}")
                  for i in range(n_elements - len(W.elements))]
        out.write("  </elements>\n  <relationships>\n")

        for p, c in parents:
            W.rel("Composition", p, c)
        for _ in range(int(1500 * f)):
            a, b = rng.sample(actors, 2)
            W.rel("Association", a, b, rng.choice(["eigenaar", "opdrachtgever"]), directed=rng.random() < 0.9)
        for kid, schakels in ketens:
            for j, s in enumerate(schakels):
                W.rel("Composition", kid, s)
                W.rel("Assignment", rng.choice(actors), s)
                if j:
                    W.rel("Triggering", schakels[j - 1], s)
        for c in contracts:
            for a in rng.sample(actors, 3):
                W.rel("Association", c, a, "partij")
        for _ in range(int(800 * f)):
            a, b = rng.sample(actors, 2)
            flow = W.rel("Flow", a, b)
            W.rel("Association", rng.choice(objects), flow)
        for o in objects[: int(600 * f)]:
            W.rel("Association", rng.choice(actors), o, rng.choice(["eigenaar", "beheerder"]), directed=True)
        for wp in packages:
            W.rel("Assignment", rng.choice(actors), wp)
            W.rel("Association", rng.choice(actors), wp, "opdrachtgever", directed=True)
            W.rel("Association", wp, rng.choice(components), "raakt")
        every = [e[0] for e in W.elements]
        while W.n_rel < n_relationships:
            typ = rng.choice(["Serving", "Realization", "Influence", "Association", "Aggregation"])
            W.rel(typ, rng.choice(others), rng.choice(every))
        out.writelines(W.rels)
        out.write("  </relationships>\n  <propertyDefinitions>\n")
        for ident, name, typ in (("propid-soort", "ketengraaf:soort", "string"), ("propid-type", "Type", "string"),
                                 ("propid-capaciteit", "ketengraaf:capaciteit", "number")):
            out.write(f'    <propertyDefinition identifier="{ident}" type="{typ}"><name>{name}</name>'
                      f"</propertyDefinition>\n")
        out.write("  </propertyDefinitions>\n  <views>\n    <diagrams>\n")
        for v in range(int(200 * f) or 1):
            out.write(f'      <view identifier="id-view-{v}" xsi:type="Diagram">\n        <name xml:lang="nl">View {v}'
                      f"</name>\n")
            shown = rng.sample(W.elements, min(40, len(W.elements)))
            for i, (ident, _, _) in enumerate(shown):
                out.write(f'        <node identifier="id-v{v}-n{i}" elementRef="{ident}" xsi:type="Element" '
                          f'x="{(i % 8) * 160 + 12}" y="{(i // 8) * 90 + 12}" w="120" h="55">\n'
                          f'          <style><fillColor r="255" g="255" b="181" a="100"/><lineColor r="92" g="92" '
                          f'b="92"/><font name="Segoe UI" size="9"><color r="0" g="0" b="0"/></font></style>\n'
                          f"        </node>\n")
            out.write("      </view>\n")
        out.write("    </diagrams>\n  </views>\n</model>\n")
    return len(W.elements), W.n_rel


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--elements", type=int, default=10_000)
    ap.add_argument("--relationships", type=int, default=None, help="default: twice the elements")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write", metavar="FILE", help="replace the benchmark section of FILE (docs/archimate.md)")
    ap.add_argument("--keep", metavar="XML", help="also keep the generated file here")
    a = ap.parse_args()
    n_rel = a.relationships or 2 * a.elements
    kg = str(Path(sys.executable).with_name("ketengraaf"))
    with tempfile.TemporaryDirectory() as d:
        xml = Path(d) / "model.xml"
        n_el, n_r = write_file(xml, a.elements, n_rel, a.seed)
        size = xml.stat().st_size
        if a.keep:
            Path(a.keep).write_bytes(xml.read_bytes())
        rows = []
        wall, mb, p = timed([kg, "import", "archimate", str(xml), "-o", str(Path(d) / "model.yaml")])
        if p.returncode != 0:
            sys.exit(f"import failed ({p.returncode}):\n{p.stderr[-3000:]}")
        wrote = next((line for line in p.stderr.splitlines() if line.startswith("  wrote ")), "")
        rows.append(("`import archimate` into a YAML file", wall, mb))
        wall, mb, p = timed([kg, "analyse", str(xml), "--format", "sarif", "-o", str(Path(d) / "out.sarif"),
                             "--fail-on", "never"])
        if p.returncode != 0:
            sys.exit(f"analyse failed ({p.returncode}):\n{p.stderr[-3000:]}")
        rows.append(("`analyse` of the exchange file itself (SARIF)", wall, mb))
    lines = [START, "",
             f"Measured by `bench/archimate.py` on a synthetic exchange file of {n_el:,} elements and {n_r:,} "
             f"relationships with {int(200 * a.elements / 10_000) or 1} views, {size / 1e6:.1f} MB; the import writes "
             f"{wrote.strip()[6:].rsplit(' to ', 1)[0] if wrote else 'wrote nothing'} (the rest is reported). "
             f"{os.cpu_count()} cores, Python {platform.python_version()}, `/usr/bin/time -f \"%e %M\"` (wall time, "
             f"peak resident memory of the whole command).", "",
             "| run | wall time | peak memory | target (issue 15) |", "|---|---|---|---|"]
    for label, wall, mb in rows:
        target = f"< {TARGET_S:.0f} s: {'met' if wall < TARGET_S else 'NOT met'}" if label.startswith("`import") else "—"
        lines.append(f"| {label} | {wall:.1f} s | {mb:.0f} MB | {target} |")
    lines += ["", f"Reproduce: `.venv/bin/python bench/archimate.py"
                  f"{' --elements ' + str(a.elements) if a.elements != 10_000 else ''}"
                  f"{' --write ' + a.write if a.write else ''}`.", "", END]
    text = "\n".join(lines)
    print(text)
    if a.write:
        replace_section(Path(a.write), START, END, text)


if __name__ == "__main__":
    main()

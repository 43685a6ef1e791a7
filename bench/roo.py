#!/usr/bin/env python3
"""Benchmark of ``ketengraaf import roo`` (issue 14): a full-size export, imported in < 10 s and < 500 MB.

It writes a synthetic export in the shape of the real one (``shared/roo/oo-export-2.6.11.xsd``):
ministries with an SG Cluster holding DGs, directies and afdelingen, agentschappen (some also listed
as a unit of their ministry: duplicates), zbo's, inspecties and adviescolleges with their
relatieMetMinisterie, gemeenten with their raad and dozens of functies and medewerkers, provincies,
waterschappen, gemeenschappelijke regelingen, and per organisation what the real export carries
around the few elements the import reads: addresses, contact data, descriptions, legal grounds,
identification codes, and the regelingen part at the end. About 15 % of the organisations ended
(and stay in the export with an eindDatum), a few start later. The real export is about 38 MB for
7,000+ organisations; the default size here matches it.

Then it imports it with the real command line under ``/usr/bin/time -f "%e %M"`` (wall seconds,
peak resident memory), twice: into an empty directory, and again over that import (the monthly
update: the manifest read, ids kept, the directory replaced, the model validated). With ``--write``
the table replaces the part of docs/import-roo.md between its benchmark markers.

    .venv/bin/python bench/roo.py                      # 7,200 organisations, ~38 MB
    .venv/bin/python bench/roo.py --write docs/import-roo.md
    .venv/bin/python bench/roo.py --organisaties 300 --keep /tmp/export.xml   # a small export to look at
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
NS = "https://organisaties.overheid.nl/static/schema/oo/export/2.6.9"
START, END = "<!-- bench/roo.py: begin -->", "<!-- bench/roo.py: end -->"
TARGET_S, TARGET_MB = 10.0, 500.0

MINISTERIES = [("Financiën", "Fin"), ("Sociale Zaken en Werkgelegenheid", "SZW"), ("Justitie en Veiligheid", "JenV"),
               ("Binnenlandse Zaken en Koninkrijksrelaties", "BZK"), ("Infrastructuur en Waterstaat", "IenW"),
               ("Onderwijs, Cultuur en Wetenschap", "OCW"), ("Volksgezondheid, Welzijn en Sport", "VWS"),
               ("Economische Zaken", "EZ"), ("Klimaat en Groene Groei", "KGG"), ("Defensie", "Def"),
               ("Buitenlandse Zaken", "BZ"), ("Algemene Zaken", "AZ"), ("Landbouw, Visserij, Voedselzekerheid en Natuur",
                                                                       "LVVN"), ("Asiel en Migratie", "AenM"),
               ("Volkshuisvesting en Ruimtelijke Ordening", "VRO")]
WOORDEN = ["Beleid", "Uitvoering", "Strategie", "Financiën", "Wetgeving", "Toezicht", "Informatievoorziening",
           "Personeel", "Communicatie", "Internationale Zaken", "Arbeidsmarkt", "Zorg", "Onderwijs", "Veiligheid",
           "Water", "Wegen", "Energie", "Klimaat", "Wonen", "Data & Analyse", "Control & Risk", "Bedrijfsvoering",
           "Juridische Zaken", "Inkoop", "Digitale Overheid", "Migratie", "Integriteit", "Sanctiebeleid"]
PLAATSEN = ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda",
            "Nijmegen", "Apeldoorn", "Haarlem", "Arnhem", "Enschede", "Amersfoort", "Zaanstad", "'s-Hertogenbosch",
            "Zwolle", "Leeuwarden", "Maastricht", "Dordrecht", "Zoetermeer", "Deventer", "Delft", "Alkmaar"]
PROVINCIES = ["Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht", "Noord-Holland",
              "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg"]
PARTIJEN = ["VVD", "PVV", "GroenLinks-PvdA", "CDA", "D66", "SP", "ChristenUnie", "SGP", "Partij voor de Dieren",
            "BBB", "Lokaal Belang", "Stadspartij"]
LOREM = ("De organisatie voert wettelijke taken uit op het terrein van {w} en werkt daarbij samen met andere "
         "overheden, uitvoeringsorganisaties en maatschappelijke partners. Zij is verantwoordelijk voor de "
         "voorbereiding en uitvoering van beleid, de advisering van de bewindspersoon en het toezicht op de naleving "
         "van de regels. ")


class Writer:
    def __init__(self, out, rng: random.Random):
        self.out = out
        self.rng = rng
        self.sid = 10_000
        self.count = 0
        self.tooi = 0

    def w(self, s: str) -> None:
        self.out.write(s)

    def el(self, name: str, text: str, ind: str) -> None:
        self.w(f"{ind}<p:{name}>{escape(text)}</p:{name}>\n")

    def next_sid(self) -> int:
        self.sid += self.rng.randint(1, 97)
        return self.sid

    # ------------------------------------------------------------------------------------ one organisation
    def org(self, naam: str, types: list[str], ind: str, *, afk: str = "", ministerie: tuple[int, str, str] | None = None,
            ended: bool | None = None, heavy: int = 1, children=None, sid: int | None = None,
            tooi_kind: str = "oorg") -> int:
        r = self.rng
        sid = sid or self.next_sid()
        self.count += 1
        self.tooi += 1
        tooi = f' p:resourceIdentifierTOOI="https://identifier.overheid.nl/tooi/id/{tooi_kind}/{tooi_kind}{self.tooi}"' \
            if r.random() < 0.6 or tooi_kind != "oorg" else ""
        self.w(f'{ind}<p:organisatie p:systeemId="{sid}"{tooi}>\n')
        i2 = ind + "  "
        self.el("naam", naam, i2)
        if afk:
            self.el("afkorting", afk, i2)
        self.w(f"{i2}<p:types>" + "".join(f"<p:type>{escape(t)}</p:type>" for t in types) + "</p:types>\n")
        if ministerie:
            m_sid, m_tooi, m_naam = ministerie
            self.w(f'{i2}<p:relatieMetMinisterie p:systeemId="{m_sid}" p:resourceIdentifierTOOI="{m_tooi}">'
                   f"{escape(m_naam)}</p:relatieMetMinisterie>\n")
        if r.random() < 0.3:
            self.w(f"{i2}<p:classificaties><p:classificatie p:type=\"Organisatietype\"><p:startDatum>2010-01-01"
                   f"</p:startDatum><p:eindDatum>2015-12-31</p:eindDatum><p:wettelijkeGrondslagen>"
                   f"<p:wettelijkeGrondslag><p:opschrift>Instellingsbesluit {escape(naam)}</p:opschrift>"
                   f"</p:wettelijkeGrondslag></p:wettelijkeGrondslagen></p:classificatie></p:classificaties>\n")
        self.addresses(i2)
        self.contact(i2, naam)
        self.w(f"{i2}<p:beschrijving>{escape((LOREM.format(w=r.choice(WOORDEN).lower())) * r.randint(2, 3 * heavy + 1))}"
               f"</p:beschrijving>\n")
        self.w(f"{i2}<p:startDatum>{r.choice(['1900-01-01', '1900-01-01', f'{r.randint(1950, 2020)}-01-01'])}"
               f"</p:startDatum>\n")
        if ended is None:
            ended = r.random() < 0.15
        if ended:
            self.w(f"{i2}<p:eindDatum>{r.randint(2005, 2025)}-{r.randint(1, 12):02d}-01</p:eindDatum>\n")
        elif r.random() < 0.01:
            self.w(f"{i2}<p:eindDatum>2099-12-31</p:eindDatum>\n")
        self.w(f"{i2}<p:datumMutatie>2026-0{r.randint(1, 5)}-1{r.randint(0, 9)}</p:datumMutatie>\n")
        self.functies(i2, heavy)
        if children:
            self.w(f"{i2}<p:organisaties>\n")
            children(i2 + "  ")
            self.w(f"{i2}</p:organisaties>\n")
        self.w(f"{i2}<p:identificatiecodes>"
               f"<p:resourceIdentifier p:naam=\"OIN\">0000000{sid:013d}</p:resourceIdentifier>"
               f"<p:resourceIdentifier p:naam=\"KvK-nummer\">{r.randint(10**7, 10**8 - 1)}</p:resourceIdentifier>"
               f"</p:identificatiecodes>\n")
        self.w(f"{ind}</p:organisatie>\n")
        return sid

    def addresses(self, ind: str) -> None:
        r = self.rng
        plaats = r.choice(PLAATSEN)
        self.w(f"{ind}<p:adressen>\n")
        for kind in ("Bezoekadres", "Postadres"):
            self.w(f"{ind}  <p:adres><p:adresType>{kind}</p:adresType><p:openbareRuimte>{escape(r.choice(WOORDEN))}"
                   f"straat</p:openbareRuimte><p:huisnummer>{r.randint(1, 300)}</p:huisnummer>"
                   f"<p:postcode>{r.randint(1000, 9999)} {chr(65 + r.randint(0, 25))}{chr(65 + r.randint(0, 25))}"
                   f"</p:postcode><p:woonplaats>{escape(plaats)}</p:woonplaats><p:provincie>{escape(r.choice(PROVINCIES))}"
                   f"</p:provincie><p:land>Nederland</p:land><p:centroide p:lon=\"5.{r.randint(0, 999999)}\" "
                   f"p:lat=\"52.{r.randint(0, 999999)}\" p:rd_x=\"{r.randint(10000, 280000)}\" "
                   f"p:rd_y=\"{r.randint(300000, 620000)}\"/></p:adres>\n")
        self.w(f"{ind}</p:adressen>\n")

    def contact(self, ind: str, naam: str) -> None:
        r = self.rng
        host = re.sub(r"[^a-z]", "", naam.lower())[:20] or "org"
        self.w(f"{ind}<p:contact>\n{ind}  <p:telefoonnummers>"
               + "".join(f"<p:telefoonnummer><p:nummer>0{r.randint(10, 99)}-{r.randint(1000000, 9999999)}</p:nummer>"
                         f"<p:label>{lab}</p:label></p:telefoonnummer>" for lab in ("Algemeen", "Pers"))
               + f"</p:telefoonnummers>\n{ind}  <p:emailadressen>"
               + "".join(f"<p:emailadres><p:email>{lab.lower()}@{host}.nl</p:email><p:label>{lab}</p:label>"
                         f"</p:emailadres>" for lab in ("Info", "Woo"))
               + f"</p:emailadressen>\n{ind}  <p:internetadressen>"
               + "".join(f"<p:internetadres><p:url>https://www.{host}.nl/{path}</p:url><p:label>{lab}</p:label>"
                         f"</p:internetadres>" for lab, path in (("Website", ""), ("Contact", "contact"),
                                                                  ("Woo", "woo-verzoek")))
               + f"</p:internetadressen>\n{ind}  <p:contactformulieren><p:contactformulier><p:label>Contactformulier"
                 f"</p:label><p:url>https://www.{host}.nl/formulier</p:url></p:contactformulier></p:contactformulieren>\n"
               + f"{ind}</p:contact>\n")

    def functies(self, ind: str, heavy: int) -> None:
        r = self.rng
        n = r.randint(1, 3) * heavy
        self.w(f"{ind}<p:functies>\n")
        for k in range(n):
            self.w(f"{ind}  <p:functie p:systeemId=\"{self.next_sid()}\"><p:naam>{r.choice(['Directeur', 'Voorzitter', 'Lid', 'Secretaris', 'Wethouder', 'Raadslid'])}"
                   f"</p:naam><p:medewerkers>")
            for m in range(r.randint(1, 2)):
                self.w(f"<p:medewerker p:systeemId=\"{self.next_sid()}\"><p:naam>drs. {chr(65 + r.randint(0, 25))}. "
                       f"{r.choice(['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer'])}</p:naam>"
                       f"<p:partijLidmaatschap>{r.choice(PARTIJEN)}</p:partijLidmaatschap>"
                       f"<p:startDatum>20{r.randint(10, 25)}-01-01</p:startDatum>"
                       + ("<p:eindDatum>2020-01-01</p:eindDatum>" if r.random() < 0.2 else "")
                       + "</p:medewerker>")
            self.w("</p:medewerkers></p:functie>\n")
        self.w(f"{ind}</p:functies>\n")


def write_export(path: Path, n: int, seed: int = 1) -> int:
    """Write a synthetic export of about ``n`` organisations; return how many it holds."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        W = Writer(out, rng)
        W.w(f'<?xml version="1.0" encoding="UTF-8"?>\n<p:overheidsorganisaties xmlns:p="{NS}" '
            f'p:timestamp="2026-05-16T22:00:00+02:00">\n  <p:organisaties>\n')
        scale = max(1, n // 7200)
        per_min = max(4, n // 40)  # units per ministry
        ministries: list[tuple[int, str, str]] = []
        agentschappen: list[tuple[str, str, tuple[int, str, str]]] = []
        for k, (naam, afk) in enumerate(MINISTERIES):
            m_sid = W.next_sid()
            m_tooi = f"https://identifier.overheid.nl/tooi/id/ministerie/mnre{1000 + k}"
            ref = (m_sid, m_tooi, naam)
            ministries.append(ref)
            ag_name = f"Rijksdienst voor {rng.choice(WOORDEN)} {afk}"
            agentschappen.append((ag_name, f"R{afk}", ref))

            def units(ind: str, afk=afk, ag_name=ag_name, budget=[per_min]) -> None:
                def dg_tree(ind2: str, dg: str) -> None:
                    for d in range(rng.randint(3, 6)):
                        dn = f"Directie {rng.choice(WOORDEN)}"
                        W.org(dn, ["Organisatieonderdeel"], ind2, ended=rng.random() < 0.1,
                              children=lambda i3: [W.org(f"Afdeling {rng.choice(WOORDEN)}", ["Organisatieonderdeel"], i3,
                                                         afk=rng.choice(["", "AB", "CD", "EF"]))
                                                   for _ in range(rng.randint(2, 5))])

                def cluster(ind2: str) -> None:
                    while budget[0] > 0:
                        dg = f"Directoraat-generaal {rng.choice(WOORDEN)}"
                        before = W.count
                        W.org(dg, ["Organisatieonderdeel"], ind2, afk=f"DG{rng.randint(1, 99)}",
                              children=lambda i3, dg=dg: dg_tree(i3, dg))
                        budget[0] -= W.count - before
                W.org("SG Cluster", ["Organisatieonderdeel"], ind, ended=False, children=cluster)
                W.org(ag_name, ["Organisatieonderdeel"], ind, ended=False)  # the agentschap listed as a unit too
                W.org("Bureau Secretaris-generaal", ["Organisatieonderdeel"], ind, ended=False)

            W.org(naam, ["Ministerie"], "    ", afk=afk, ended=False, children=units, heavy=2, sid=m_sid,
                  tooi_kind="ministerie")
            for z in range(rng.randint(4, 12) * scale):
                W.org(f"{rng.choice(['Autoriteit', 'Stichting', 'College', 'Raad', 'Fonds'])} {rng.choice(WOORDEN)} {z}",
                      rng.choice([["Zelfstandig bestuursorgaan"], ["Zelfstandig bestuursorgaan",
                                                                    "Rechtspersoon met een wettelijke taak"]]),
                      "    ", afk=f"Z{afk}{z}", ministerie=ref, tooi_kind="zbo")
            for a in range(rng.randint(3, 10) * scale):
                W.org(f"Adviescommissie {rng.choice(WOORDEN)} {a}", ["Adviescollege"], "    ", ministerie=ref)
            W.org(f"Inspectie {rng.choice(WOORDEN)} {afk}", ["Inspectie"], "    ", ministerie=ref, ended=False)
        for ag_name, ag_afk, ref in agentschappen:
            W.org(ag_name, ["Agentschap"], "    ", afk=ag_afk, ministerie=ref, ended=False, heavy=2)
        remaining = n - W.count
        gemeenten = max(1, remaining * 45 // 100 // 4)  # a gemeente brings a few units of its own
        for g in range(gemeenten):
            W.org(f"Gemeente {rng.choice(PLAATSEN)} {g}", ["Gemeente"], "    ", heavy=10, ended=rng.random() < 0.05,
                  tooi_kind="gemeente",
                  children=lambda i3: [W.org(f"Afdeling {rng.choice(WOORDEN)}", ["Organisatieonderdeel"], i3)
                                       for _ in range(3)])
        for p, naam in enumerate(PROVINCIES):
            W.org(f"Provincie {naam}", ["Provincie"], "    ", heavy=4, ended=False, tooi_kind="provincie")
            W.org(f"Rekenkamer {naam}", ["Provinciale Rekenkamer"], "    ")
        for k in range(21):
            W.org(f"Waterschap {rng.choice(PLAATSEN)} {k}", ["Waterschap"], "    ", heavy=3, tooi_kind="waterschap")
        k = 0
        while W.count < n:
            kind = rng.choice(["Gemeenschappelijke regeling", "Organisatie met overheidsbemoeienis",
                               "Regionaal samenwerkingsorgaan", "Koepelorganisatie", "Hoog College van Staat",
                               "Rechtspraak", "Openbaar lichaam voor beroep en bedrijf"])
            W.org(f"{kind} {rng.choice(PLAATSEN)} {k}", [kind], "    ")
            k += 1
        W.w("  </p:organisaties>\n  <p:gemeenschappelijkeRegelingen>\n")
        for k in range(n // 15):
            W.w(f'    <p:regeling p:systeemId="{W.next_sid()}"><p:titel>Regeling {k}</p:titel><p:citeertitel>GR {k}'
                f"</p:citeertitel><p:types><p:type>Gemeenschappelijke regeling</p:type></p:types><p:beschrijving>"
                f"{escape(LOREM.format(w='samenwerking'))}</p:beschrijving></p:regeling>\n")
        W.w("  </p:gemeenschappelijkeRegelingen>\n</p:overheidsorganisaties>\n")
        return W.count


def timed(args: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds and peak resident memory (MB) of one command, by /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        p = subprocess.run(["/usr/bin/time", "-o", t.name, "-f", "%e %M", *args], capture_output=True, text=True,
                           env={**os.environ, "CI": "1"})
        wall, kb = t.read().split()[-2:]
    return float(wall), int(kb) * 1024 / 1e6, p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--organisaties", type=int, default=7200, help="organisations in the export (default 7200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write", metavar="FILE", help="replace the benchmark section of FILE (docs/import-roo.md)")
    ap.add_argument("--keep", metavar="XML", help="also keep the generated export here")
    a = ap.parse_args()
    kg = str(Path(sys.executable).with_name("ketengraaf"))
    with tempfile.TemporaryDirectory() as d:
        xml = Path(d) / "export.xml"
        n = write_export(xml, a.organisaties, a.seed)
        size = xml.stat().st_size
        if a.keep:
            shutil.copyfile(xml, a.keep)
        out = Path(d) / "model"
        cmd = [kg, "import", "roo", str(xml), "-o", str(out), "--peildatum", "2026-11-27"]
        rows = []
        said = ""
        for label in ("import into an empty directory", "import again over it (the monthly update)"):
            wall, mb, p = timed(cmd)
            if p.returncode != 0:
                sys.exit(f"import failed ({p.returncode}):\n{p.stderr[-3000:]}")
            rows.append((label, wall, mb))
            said = said or p.stderr
        wall, mb, p = timed([kg, "analyse", str(out), "--peildatum", "2026-11-27", "--format", "json", "--fail-on", "never"])
        rows.append(("`analyse` of the imported model (for comparison)", wall, mb))
        written = re.search(r"wrote (\d+) organisaties", said)
    lines = [START, "",
             f"Measured by `bench/roo.py` on a synthetic export of {n:,} organisations, {size / 1e6:.1f} MB "
             f"({size / n / 1000:.1f} kB per organisation, in the export's shape), of which "
             f"{int(written.group(1)) if written else 0:,} are written at the peildatum; "
             f"{os.cpu_count()} cores, Python {platform.python_version()}, "
             f"`/usr/bin/time -f \"%e %M\"` (wall time, peak resident memory of the whole command).", "",
             "| run | wall time | peak memory | target (issue 14) |", "|---|---|---|---|"]
    for label, wall, mb in rows:
        target = f"< {TARGET_S:.0f} s, < {TARGET_MB:.0f} MB: {'met' if wall < TARGET_S and mb < TARGET_MB else 'NOT met'}" \
            if label.startswith("import") else "—"
        lines.append(f"| {label} | {wall:.1f} s | {mb:.0f} MB | {target} |")
    lines += ["", f"Reproduce: `.venv/bin/python bench/roo.py{' --organisaties ' + str(a.organisaties) if a.organisaties != 7200 else ''}"
                  f"{' --write ' + a.write if a.write else ''}`.", "", END]
    text = "\n".join(lines)
    print(text)
    if a.write:
        replace_section(Path(a.write), START, END, text)


def replace_section(path: Path, start: str, end: str, text: str) -> None:
    """Put ``text`` (which begins with ``start`` and ends with ``end``) in place of that section of
    the document at ``path`` (also used by bench/archimate.py)."""
    doc = path.read_text(encoding="utf-8")
    if start not in doc or end not in doc:
        sys.exit(f"{path} has no {start} ... {end} section")
    head, rest = doc.split(start, 1)
    path.write_text(head + text + rest.split(end, 1)[1], encoding="utf-8")


if __name__ == "__main__":
    main()

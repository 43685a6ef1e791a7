"""The organisations of a synthetic model and how they are steered.

A model grows ministry by ministry (:meth:`OrganisationPasses.cluster`): the ministerie with its
SG, DGs and directies, some gemeenten, provincies and waterschappen, executors with their eigenaar
and opdrachtgevers, private parties. Each steered organisation is then wired
(:meth:`OrganisationPasses.wire`): its sturingsrelaties, werkagenda and resultaatafspraken,
forums, middelen and opdrachten. After every cluster, :meth:`OrganisationPasses.ladders` gives the
triangles their escalation ladders.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any, Optional

from ketengraaf.generate.base import PEIL, Cluster, GeneratorBase, Org, Quota, agreement_validity
from ketengraaf.generate.vocabulary import (MIDDELEN, ONAFHANKELIJK, OPDRACHTEN, OVERIG, PERSONEN, PLAATSEN,
                                            PRIVAAT, PROVINCIES, TOPICS, WATERSCHAPPEN, WETTEN)


class OrganisationPasses(GeneratorBase):
    """Clusters, executors, their wiring and the escalation ladders."""

    def cluster(self) -> None:
        """One ministry and what grows around it, wired; its datasets come from
        :meth:`.data.DataPasses.datasets` (the same object: the passes are mixins of one generator)."""
        rng = self.rng
        ci = len(self.clusters) + 1
        t = TOPICS[rng.randrange(len(TOPICS))]
        cl = Cluster(t)
        self.clusters.append(cl)
        cl.min = self.org("min", f"Ministerie van {t['naam']} {ci}", "ministerie")
        cl.sg = self.org("sg", f"Secretaris-generaal {t['afk']} {ci}", "functie", onderdeel_van=cl.min)
        for stem in rng.sample(t["dg"], min(len(t["dg"]), rng.randint(2, 4))):
            dg = self.org("dg", f"DG {stem} {ci}", "directoraat-generaal", onderdeel_van=cl.min)
            cl.dgs.append(dg)
            for _ in range(rng.randint(1, 3)):
                di = self.org("dir", f"Directie {rng.choice(t['dir'])} {self.counters['org-dg']}.{len(cl.dirs) + 1}",
                              "directie", onderdeel_van=dg)
                cl.dirs.append(di)
                cl.dir_of[di] = dg

        # decentral governments
        for _ in range(rng.choice((2, 3, 4, 4, 5, 6, 8))):
            g = self.org("gem", f"Gemeente {rng.choice(PLAATSEN)} {self.counters.get('org-gem', 0) + 1}", "gemeente")
            cl.gem.append(g)
            self.gemeenten.append(g)
        if rng.random() < 0.3:
            self.provincies.append(self.org(
                "prov", f"Provincie {rng.choice(PROVINCIES)} {self.counters.get('org-prov', 0) + 1}", "provincie"))
        if rng.random() < 0.4:
            self.org("ws", f"{rng.choice(WATERSCHAPPEN)} {self.counters.get('org-ws', 0) + 1}", "waterschap")
        if self.q_indep():
            soort, naam = rng.choice(ONAFHANKELIJK)
            self.independent.append(self.org("onafh", f"{naam} {len(self.independent) + 1}", soort, onafhankelijk=True))
        if rng.random() < 0.15:  # a knowledge centre nobody steers
            self.org("ovr", rng.choice(OVERIG).format(p=f"{rng.choice(t['thema'])} {ci}"), "overig")

        # executors: who owns and who commissions them (phase 1)
        for _ in range(rng.choice((2, 3, 3, 4, 4, 5))):
            self.executor(cl, self.foreign_dgs)
        if self.q_regional() and len(self.gemeenten) >= 3:
            self.regional_executor(cl)
        # circular steering between two executors of this ministry (phase 2)
        steered = [x for x in cl.exe if x.O and not x.onafh]
        if self.q_cycle() and len(steered) >= 2:
            a, b = rng.sample(steered, 2)
            if b.id not in a.O:
                a.O.append(b.id)
            if a.id not in b.O:
                b.O.append(a.id)
        # private parties, mostly commissioned by an executor
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            naam = f"{rng.choice(PRIVAAT).format(p=rng.choice(PERSONEN))} {self.counters.get('org-priv', 0) + 1}"
            p = Org(self.org("priv", naam, "private"), naam, "private", cl)
            if cl.exe and rng.random() < 0.8:
                p.O = [rng.choice(cl.exe).id]
            else:
                self.unanchored.append(p.id)
            cl.priv.append(p)
        # wiring (phase 3)
        for x in cl.exe:
            self.wire(x, cl)
        for p in cl.priv:
            self.wire(p, cl)
        self.datasets(cl)
        self.foreign_dgs.append(cl.dgs[0])

    def executor(self, cl: Cluster, foreign_dgs: list[str]) -> None:
        rng = self.rng
        t = cl.topic
        soort = rng.choices(("agentschap", "zbo", "uitvoeringsorganisatie", "rwt"), (40, 25, 25, 10))[0]
        names = t["exe"].get(soort) or t["exe"]["agentschap"]
        naam = f"{rng.choice(names)} {self.counters.get('org-exe', 0) + 1}"
        parent: Optional[str] = None
        sub_of: Optional[Org] = None
        if cl.exe and self.q_sub():
            sub_of = rng.choice(cl.exe)
            parent = sub_of.id
            soort = "uitvoeringsorganisatie"
        elif soort == "agentschap" and rng.random() < 0.9 or soort == "uitvoeringsorganisatie" and rng.random() < 0.5:
            parent = cl.min
        onafh = soort == "zbo" and sub_of is None and self.q_onafh()
        extra: dict[str, Any] = {"onderdeel_van": parent}
        if onafh:
            extra["onafhankelijk"] = True
        cap = rng.randint(40, 3000) if rng.random() < 0.7 else None
        extra["capaciteit"] = cap
        if rng.random() < 0.2:
            afk = "".join(w[0] for w in naam.split() if w[:1].isupper()) or "X"
            extra["kenmerken"] = {"afkorting": f"{afk}-{self.counters.get('org-exe', 0) + 1}",
                                  "opgericht": rng.randint(1950, 2024)}
        x = Org(self.org("exe", naam, soort, **extra), naam, soort, cl)
        x.cap, x.onafh, x.sub = cap, onafh, sub_of is not None
        cl.exe.append(x)
        self.all_exe.append(x)

        # opdrachtgevers
        if onafh:
            pass
        elif self.q_no_og():
            self.exc_hit.append(("R02", x.id))
        else:
            k = rng.choices((1, 2, 3, 4), (50, 30, 15, 5))[0]
            x.O = rng.sample(cl.dgs, min(k, len(cl.dgs)))
            if rng.random() < 0.2 and cl.dirs:  # a directie as (extra) opdrachtgever
                d = rng.choice(cl.dirs)
                if d not in x.O:
                    x.O.append(d)
            if len(x.O) >= 2 and foreign_dgs and self.q_foreign():
                f = rng.choice(foreign_dgs)
                if f not in x.O:
                    x.O[-1] = f
        if x.O and not x.sub:
            self.exc_miss.append(("R02", x.id))

        # eigenaar
        if x.sub:
            return  # accountable through its parent executor
        if x.onafh:
            if rng.random() < 0.5:
                x.E = [cl.sg]
            return  # accountable by law
        if self.q_no_owner():
            self.unanchored.append(x.id)
            return
        local_o = [o for o in x.O if o in cl.dir_of or o in cl.dgs]
        if local_o and self.q_mixed():
            # an eigenaar in the same line as an opdrachtgever: one is the other's ancestor (R04)
            o = rng.choice(local_o)
            if o in cl.dir_of:
                x.E = [cl.dir_of[o]] if rng.random() < 0.6 else [cl.min]
            else:
                below = [d for d in cl.dirs if cl.dir_of[d] == o]
                x.E = [rng.choice(below)] if below and rng.random() < 0.6 else [cl.min]
        elif x.O and self.q_both():
            if rng.random() < 0.5:
                x.E = [cl.sg]
                x.O.append(cl.sg)
            else:
                x.E = [x.O[0]]
        else:
            x.E = [cl.sg]

    def regional_executor(self, cl: Cluster) -> None:
        """An rwt of several gemeenten (and a provincie): commissioners from several governments."""
        rng = self.rng
        gems = rng.sample(self.gemeenten[-12:], min(len(self.gemeenten[-12:]), rng.randint(3, 4)))
        naam = f"Omgevingsdienst {rng.choice(PLAATSEN)} {self.counters.get('org-exe', 0) + 1}"
        x = Org(self.org("exe", naam, "rwt", capaciteit=rng.randint(60, 400)), naam, "rwt", cl)
        x.cap, x.regional = self.orgs[-1]["capaciteit"], True
        x.E = [gems[0]]
        x.O = gems[1:]
        if self.provincies and rng.random() < 0.5:
            x.O.append(self.provincies[-1])
        cl.exe.append(x)
        self.regional.append(x)

    def wire(self, x: Org, cl: Cluster) -> None:
        """Relations, agreements, forums, middelen and opdrachten of one steered organisation."""
        rng = self.rng
        E, O = x.E, x.O
        uitvoerder = x.soort != "private"
        # coördinerend opdrachtgever
        coord: list[str] = []
        if len(O) >= 2:
            if self.q_coord():
                coord = [] if rng.random() < 0.5 else O[:2]
            else:
                coord = [O[0]]
        elif len(O) == 1 and rng.random() < 0.1:
            coord = [O[0]]
        stewardship: list[str] = []
        for e in E:
            self.rel(e, x.id, "eigenaar", sturingsmodel=self.sturingsmodel())
        for o in O:
            sm = self.sturingsmodel()
            if sm == "stewardship":
                stewardship.append(o)
            explicit = True if o in coord else (False if rng.random() < 0.05 else None)
            r = self.rel(o, x.id, "opdrachtgever", coordinerend=explicit, sturingsmodel=sm)
            if sm == "principaal-agent":
                self.exc_hit.append(("S01", f"opdrachtgever:{o}->{x.id}"))
            else:
                self.exc_miss.append(("S01", f"opdrachtgever:{r['van']}->{r['naar']}"))

        # multi-year werkagenda of the triangle
        covered: list[str] = []
        if uitvoerder and E and O:
            partijen = [E[0], O[0], x.id]  # O[0] is the coördinerend opdrachtgever where there is one
            if self.q_agenda_bad():
                how = rng.choice(("none", "annual", "expired"))
                if how == "annual":
                    self.afspraak("werkagenda", partijen, naam=f"Werkagenda {x.naam} 2026", meerjarig=False)
                    covered = partijen
                elif how == "expired":
                    self.afspraak("werkagenda", partijen, "expired", meerjarig=True)
            else:
                naam = f"Meerjarige werkagenda {x.naam}" if rng.random() < 0.2 else None
                x.agenda = self.afspraak("werkagenda", partijen, naam=naam, meerjarig=True)
                covered = partijen

        # one agreement per commissioning relation
        for o in O:
            must_ra = o in stewardship
            if o in covered and not must_ra and rng.random() < 0.5:
                continue
            if o not in covered and self.q_r06():
                how = rng.choice(("none", "none", "expired", "future"))
                if how != "none":
                    self.afspraak("resultaatafspraak", [o, x.id], how)
                continue
            r = rng.random()
            if must_ra and self.q_s02():  # a cooperation agreement, where stewardship needs result agreements
                soort = "samenwerkingsafspraak"
            else:
                soort = ("resultaatafspraak" if must_ra or r < 0.82 or not uitvoerder and r < 0.5
                         else "samenwerkingsafspraak" if r < 0.95 else "wettelijke-regeling")
            naam = rng.choice(WETTEN) if soort == "wettelijke-regeling" else (
                f"Resultaatafspraak {self.naam[o]} – {x.naam}" if rng.random() < 0.1 else None)
            self.afspraak(soort, [o, x.id], naam=naam)

        # forums: opdrachtgeversberaad / opdrachtgeversagenda / driehoeksoverleg
        full_forum = has_agenda = False
        if len(O) >= 2:
            if self.q_forum():
                if rng.random() < 0.5:  # a beraad that leaves one commissioner out
                    self.overleg(f"Opdrachtgeversberaad {x.naam}", O[:-1] + [x.id], cl.min)
                elif rng.random() < 0.5:
                    self.afspraak("opdrachtgeversagenda", [x.id] + O[:-1], "valid")
            else:
                r = rng.random()
                if r < 0.75:
                    self.overleg(f"Opdrachtgeversberaad {x.naam}", O + [x.id] + E[:1], cl.min)
                    full_forum = True
                if r >= 0.55:
                    has_agenda = True
                    self.afspraak("opdrachtgeversagenda", [x.id] + O, "valid",
                                  naam=f"Opdrachtgeversagenda {x.naam} 2026-2028" if rng.random() < 0.25 else None)
        if O and not full_forum:
            p_tri = 0.88 if stewardship else 0.3
            if rng.random() < p_tri:
                tri = [o for o in O if o in stewardship] or O[:1]
                self.overleg(f"Driehoeksoverleg {x.naam}", E[:1] + tri + [x.id], cl.min if uitvoerder else None)

        # middelen
        if uitvoerder:
            for _ in range(rng.choice((1, 1, 2))):
                soort, naam = rng.choice(MIDDELEN)
                m: dict[str, Any] = {"id": self._id("mid"), "naam": f"{naam} {x.naam}", "soort": soort}
                if rng.random() < 0.9:
                    m["beheerder"] = x.id
                self.middelen.append(m)
                x.middelen.append(m["id"])

        # opdrachten
        if not O:
            return
        count = rng.choice((0, 1, 1, 2, 2, 3, 3)) if uitvoerder else rng.choice((0, 1))
        # two commissioners who, unaware of each other, change the same system at the same time (M03)
        clash = len(O) >= 2 and not has_agenda and bool(x.middelen) and self.q_m03()
        if clash:
            count = max(count, 2)
        made: list[dict[str, Any]] = []
        active: list[dict[str, Any]] = []
        raakbaar = x.middelen or (cl.exe[0].middelen if cl.exe and not uitvoerder else [])
        for _ in range(count):
            og = rng.choice(O)
            if self.q_r08():
                alt = [e for e in E if e not in O] + [d for d in cl.dgs if d not in O]
                if alt:
                    og = rng.choice(alt)
            year = rng.randint(2024, 2029)
            a: dict[str, Any] = {"id": self._id("opd"),
                                 "naam": rng.choice(OPDRACHTEN).format(t=rng.choice(cl.topic["thema"])) + f" {year}",
                                 "opdrachtgever": og, "opdrachtnemer": x.id}
            if rng.random() < 0.15:
                del a["naam"]
            kind = rng.choices(("finished", "open", "running", "future", "none"), (15, 15, 35, 20, 15))[0]
            finished = kind == "finished"
            if kind == "finished":
                van = self.date_between(date(2022, 1, 1), date(2025, 6, 30))
                a["periode"] = {"van": van, "tot": self.date_between(date.fromisoformat(van), date(2026, 11, 26))}
            elif kind == "open":
                a["periode"] = {"van": self.date_between(date(2023, 1, 1), date(2026, 11, 27))}
            elif kind == "running":
                a["periode"] = {"van": self.date_between(date(2024, 1, 1), date(2026, 11, 27)),
                                "tot": self.date_between(date(2026, 11, 27), date(2029, 12, 31))}
            elif kind == "future":
                van = self.date_between(date(2026, 11, 28), date(2028, 6, 30))
                a["periode"] = {"van": van, "tot": self.date_between(date.fromisoformat(van), date(2030, 12, 31))}
            a["capaciteit"] = None
            if raakbaar and rng.random() < 0.75:
                a["raakt"] = rng.sample(raakbaar, min(len(raakbaar), rng.choice((1, 1, 2))))
            if rng.random() < 0.35:
                a["nieuw_beleid"] = True
                if self.q_toets():
                    if rng.random() < 0.5:
                        a["uitvoeringstoets"] = False
                    if not finished:
                        self.exc_hit.append(("R07", a["id"]))
                else:
                    a["uitvoeringstoets"] = True
                    self.exc_miss.append(("R07", a["id"]))
            else:
                r = rng.random()
                if r < 0.4:
                    a["uitvoeringstoets"] = True
                elif r < 0.5:
                    a["uitvoeringstoets"] = False
            made.append(a)
            if not finished:
                active.append(a)
        if clash:
            for a, o in zip(made, (O[0], O[-1])):
                a["opdrachtgever"] = o
                a["periode"] = {"van": self.date_between(date(2026, 1, 1), date(2026, 11, 27)),
                                "tot": self.date_between(date(2027, 6, 1), date(2028, 12, 31))}
                a["raakt"] = [x.middelen[0]]
            active = [a for a in made if "periode" not in a or a["periode"].get("tot", PEIL) >= PEIL]
        # capacity: the summed claims stay within x's capacity, except for a planned overload
        if x.cap is not None and active:
            share = 0.85 * x.cap / len(made)
            for a in made:
                a["capaciteit"] = max(1, int(share * rng.uniform(0.3, 1.0)))
            if self.q_overload():
                active[0]["capaciteit"] = int(x.cap * rng.uniform(1.05, 1.4)) + 1
        else:
            for a in made:
                if rng.random() < 0.5:
                    a["capaciteit"] = rng.randint(2, 250)
        for a in made:
            if a["capaciteit"] is None:
                del a["capaciteit"]
            elif rng.random() < 0.1:
                a["capaciteit"] = a["capaciteit"] + 0.5
        self.opdrachten.extend(made)

    def ladders(self) -> None:
        """Escalation ladders of the triangles (S04, S05), after every cluster is wired.

        A ladder runs, as in practice, from the triangle's own forum (driehoeksoverleg or
        opdrachtgeversberaad, where there is one) to the eigenaar (usually the SG), and, when the
        partijen answer to several besturen, on to a bestuurlijk overleg of those besturen (their
        SGs; for gemeenten and provincies the governments themselves, as in the algemeen bestuur of
        a gemeenschappelijke regeling). It sits in the triangle's multi-year werkagenda when that
        binds every opdrachtgever, else in a samenwerkingsafspraak of the whole triangle.

        Flawed on purpose: some triangles have no ladder, or one that misses a commissioner or the
        eigenaar, or has expired (S04); some multi-bestuur ladders end at the SG or leave a
        ministry out of the bestuurlijk overleg (S05). This pass draws from a random stream of its
        own and creates ids with prefixes of its own, so the rest of a generated model is the same
        as without it (the findings of other rules may change where a new samenwerkingsafspraak
        also counts, as for R06).
        """
        rng = random.Random(f"{self.seed}/escalatie")
        q = lambda p: Quota(rng, p)  # noqa: E731
        q_none, q_partial, q_expired, q_top = q(.12), q(.07), q(.03), q(.3)
        bestuur_of: dict[str, str] = {}  # organisation -> the bestuur it sits under (by construction)
        speaker: dict[str, str] = {}  # bestuur -> who speaks for it in a bestuurlijk overleg
        for cl in self.clusters:
            for o in (cl.min, cl.sg, *cl.dgs, *cl.dirs):
                bestuur_of[o] = cl.min
            speaker[cl.min] = cl.sg
        for g in (*self.gemeenten, *self.provincies):
            bestuur_of[g] = speaker[g] = g
        forums: dict[str, list[str]] = {}  # organisation -> the forums it takes part in
        members: dict[str, set[str]] = {}
        for o in self.orgs:
            if o["soort"] == "overleg":
                members[o["id"]] = set(o.get("deelnemers", ()))
                for d in o.get("deelnemers", ()):
                    forums.setdefault(d, []).append(o["id"])
        for x in self.all_exe:
            if not (x.E and x.O):
                continue
            if q_none():
                continue
            E, O = x.E, x.O
            # the besturen of the partijen, in a fixed order (the executor's own is its eigenaar's:
            # a ministry's executors sit under it or are owned by its SG, a regional one by a gemeente)
            besturen = list(dict.fromkeys(bestuur_of[p] for p in (E[0], *O) if p in bestuur_of))
            ladder = [f for f in forums.get(x.id, ()) if E[0] in members[f]][:1] + [E[0]]
            if len(besturen) >= 2:
                top = [speaker[b] for b in besturen]
                if q_top():
                    top = [] if rng.random() < 0.5 else top[:-1]  # ends at the SG, or leaves one out
                if len(top) >= 2:
                    bo = self.org("bo", f"Bestuurlijk overleg {x.naam}", "overleg", deelnemers=top)
                    ladder.append(bo)
            ladder = list(dict.fromkeys(ladder))
            kind = "expired" if q_expired() else "valid"
            partijen = [E[0], *O, x.id]
            if q_partial():
                partijen = [O[0], x.id] if len(O) == 1 else [E[0], *O[:-1], x.id]
            agenda = x.agenda
            if kind == "valid" and agenda is not None and set(partijen) <= set(agenda["partijen"]) and rng.random() < 0.6:
                agenda["escalatie"] = ladder
                continue
            a: dict[str, Any] = {"id": self._id("afs-esc"), "soort": "samenwerkingsafspraak"}
            if rng.random() < 0.5:
                a["naam"] = f"Samenwerkingsafspraak driehoek {x.naam}"
            a["partijen"] = list(dict.fromkeys(partijen))
            a.update(agreement_validity(rng, kind))
            a["escalatie"] = ladder
            if self._kept():
                self.afspraken.append(a)

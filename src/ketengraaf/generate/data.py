"""The gegevens of a synthetic model: datasets with copies and derivations, and the
gegevensstromen between organisations with their delivery and processing agreements.
"""

from __future__ import annotations

import random
from typing import Any

from ketengraaf.generate.base import Cluster, GeneratorBase
from ketengraaf.generate.vocabulary import BASISREGISTRATIES, GENERIC_DATA, GRONDSLAGEN, WETTEN


class DataPasses(GeneratorBase):
    """The datasets of a cluster and, on request, extra deliveries of every dataset."""

    def datasets(self, cl: Cluster) -> None:
        rng = self.rng
        owners = [x for x in cl.exe if not x.regional] or cl.exe
        pool_naar = [x.id for x in self.all_exe[-40:]] + self.gemeenten[-10:]
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
            beheerder = rng.choice(owners).id if owners else cl.sg
            if rng.random() < 0.15:
                soort, naam = "basisregistratie", rng.choice(BASISREGISTRATIES)
            elif rng.random() < 0.45:
                soort, naam = "registratie", rng.choice(cl.topic["data"])
            else:
                soort, naam = "dataset", rng.choice(GENERIC_DATA + cl.topic["data"])
            g: dict[str, Any] = {"id": self._id("geg"), "naam": f"{naam} {len(self.gegevens) + 1}"}
            if soort != "dataset" or rng.random() < 0.6:
                g["soort"] = soort
            if self.q_d01():
                self.exc_hit.append(("D01", g["id"]))
            else:
                g["eigenaar"] = cl.min if soort != "dataset" or rng.random() < 0.4 else beheerder
                self.exc_miss.append(("D01", g["id"]))
            if self.q_d02():
                self.exc_hit.append(("D02", g["id"]))
            else:
                g["beheerder"] = beheerder
            if soort == "basisregistratie" and self.gemeenten:
                g["bronhouders"] = rng.sample(self.gemeenten, min(len(self.gemeenten), rng.randint(2, 5)))
            pg = rng.random() < 0.5
            if pg:
                if not self.q_d03():
                    g["verwerkingsverantwoordelijke"] = rng.choice((cl.min, beheerder))
                g["persoonsgegevens"] = True
            elif rng.random() < 0.2:
                g["persoonsgegevens"] = False
            # copies and derivations
            if self.gegevens and rng.random() < 0.3:
                srcs = [self.gegevens[rng.randrange(len(self.gegevens))]]
                if rng.random() < 0.2:
                    srcs.append(self.gegevens[rng.randrange(len(self.gegevens))])
                g["afgeleid_van"] = list(dict.fromkeys(s["id"] for s in srcs))
                if rng.random() < 0.5:
                    g["naam"] = f"Kopie {srcs[0]['naam']} bij {self.naam.get(beheerder, beheerder)}"
                if self.q_afgeleid_cycle():  # the source is (also) derived from its copy
                    srcs[0].setdefault("afgeleid_van", []).append(g["id"])
            self.gegevens.append(g)
            cl.data.append(g["id"])

            # flows
            van = g.get("beheerder") or g.get("eigenaar") or beheerder
            for _ in range(rng.choice((0, 1, 1, 2, 3))):
                verwerker = bool(pg and cl.priv and rng.random() < 0.35)
                naar = rng.choice(cl.priv).id if verwerker else rng.choice(pool_naar)
                if naar == van:
                    continue
                s: dict[str, Any] = {"id": self._id("str"), "gegevens": g["id"], "van": van, "naar": naar}
                no_basis = self.q_d04() if pg else rng.random() < 0.1
                if no_basis:
                    if rng.random() < 0.3:
                        s["grondslag"] = rng.choice(("", "  "))
                else:
                    s["grondslag"] = rng.choice(GRONDSLAGEN)
                if verwerker:
                    s["verwerker"] = True
                self.stromen.append(s)
                # delivery agreement (D05)
                if self.q_d05():
                    how = rng.choice(("none", "expired", "other"))
                    if how == "expired":
                        self.afspraak("gegevensleveringsovereenkomst", [van, naar], "expired", gegevens=[g["id"]])
                    elif how == "other" and len(self.gegevens) >= 2:
                        other = self.gegevens[-2]["id"]
                        self.afspraak("gegevensleveringsovereenkomst", [van, naar], gegevens=[other])
                elif not (verwerker and (g.get("verwerkingsverantwoordelijke") or van) == van and rng.random() < 0.7):
                    soort_a = "gegevensleveringsovereenkomst" if verwerker else rng.choices(
                        ("gegevensleveringsovereenkomst", "convenant", "wettelijke-regeling"), (75, 12, 13))[0]
                    self.afspraak(soort_a, [van, naar],
                                  naam=rng.choice(WETTEN) if soort_a == "wettelijke-regeling" else None,
                                  gegevens=[g["id"]] if rng.random() < 0.5 else None)
                # processing agreement (D06)
                if verwerker:
                    ctrl = g.get("verwerkingsverantwoordelijke") or van
                    if self.q_d06():
                        if rng.random() < 0.5:
                            self.afspraak("verwerkersovereenkomst", [ctrl, naar], "expired")
                    else:
                        self.afspraak("verwerkersovereenkomst", [ctrl, naar],
                                      gegevens=[g["id"]] if rng.random() < 0.85 else None)

    def deliveries(self) -> None:
        """Extra gegevensstromen: registers delivering to many gemeenten and executors.

        In practice the numerous relations of a national model are data deliveries (a
        basisregistratie reaches every gemeente). Each dataset gets on average ``extra_stromen``
        more receivers, each flow with its grondslag (missing now and then) and, in the full model,
        its own gegevensleveringsovereenkomst, thinned like every agreement by the density. Runs
        last, on a random stream and with id prefixes (``str-lev``, ``afs-lev``) of its own, so
        the rest of the model is the same as without it.
        """
        rng = random.Random(f"{self.seed}/gegevensstromen")
        pool = self.gemeenten + [x.id for x in self.all_exe]
        spread = 2 * self.extra_stromen
        for g in self.gegevens:
            van = g.get("beheerder") or g.get("eigenaar")
            if van is None:
                continue
            pg = g.get("persoonsgegevens") is True
            k = min(len(pool), round(rng.uniform(0, spread)))
            for naar in rng.sample(pool, k):
                if naar == van:
                    continue
                sid = self._id("str-lev")
                st: dict[str, Any] = {"id": sid, "gegevens": g["id"], "van": van, "naar": naar}
                if rng.random() < (0.95 if pg else 0.5):
                    st["grondslag"] = GRONDSLAGEN[rng.randrange(len(GRONDSLAGEN))]
                self.stromen.append(st)
                if self._kept():
                    self.afspraken.append({"id": self._id("afs-lev"), "soort": "gegevensleveringsovereenkomst",
                                           "partijen": [van, naar], "gegevens": [g["id"]]})

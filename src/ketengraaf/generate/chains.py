"""The ketens of a synthetic model: 3–8 schakels over the executors of one or of several
governments, with their regie, ketenbestuur, doorzettingsmacht and handover agreements.
"""

from __future__ import annotations

from typing import Any, Optional

from ketengraaf.generate.base import GeneratorBase
from ketengraaf.generate.vocabulary import FASEN, KETENS


class ChainPasses(GeneratorBase):
    """The ketens, drawn once every cluster is wired."""

    def chains(self) -> None:
        rng = self.rng
        nk = max(2, round(len(self.clusters) * 0.8))
        for ki in range(nk):
            cl = self.clusters[rng.randrange(len(self.clusters))]
            no_override = self.q_k05()  # across governments, and nobody can decide (K05)
            cross = no_override or len(self.clusters) == 1 or rng.random() < 0.35
            # the links run through one ministry's executors and private parties, and a chain
            # across governments hands over halfway to gemeenten or another ministry's executors
            pool = [x.id for x in cl.exe if not x.regional] + [p.id for p in cl.priv]
            pool_b = pool
            anchored = [x.id for x in cl.exe if not x.regional and x.E]
            gem_b: list[str] = []
            if cross:
                other = self.clusters[rng.randrange(len(self.clusters))]
                pool_b = [x.id for x in other.exe if not x.regional and x.E] if other is not cl else []
                gem_b = rng.sample(self.gemeenten, min(len(self.gemeenten), rng.randint(1, 2)))
                pool_b += gem_b
                if self.independent and rng.random() < 0.5:
                    pool_b.append(rng.choice(self.independent))
                if self.regional and rng.random() < 0.3:
                    pool_b.append(rng.choice(self.regional).id)
            kid = self._id("ket")
            naam = f"{rng.choice(KETENS)} {ki + 1}"
            k: dict[str, Any] = {"id": kid, "naam": naam}
            size = rng.randint(3, 8)
            schakels: list[dict[str, Any]] = []
            uitvoerders: list[str] = []
            prev_u: Optional[str] = None
            weak = self.q_k07()
            weak_at = rng.randrange(size)
            for j in range(size):
                s: dict[str, Any] = {"id": f"sch-{kid[4:]}-{j + 1}", "naam": rng.choice(FASEN)}
                pinned = cross and j in (0, size - 1)  # the links that make the chain span two governments
                if not pinned and self.q_k02():
                    self.exc_hit.append(("K02", s["id"]))
                    prev_u = None
                else:
                    here = pool if j < size // 2 else pool_b
                    if pinned:
                        here = (anchored if j == 0 else gem_b) or here
                    u = prev_u if prev_u in here and rng.random() < 0.3 else rng.choice(here)
                    unowned = not pinned and bool(self.unanchored) and self.q_k03()
                    if unowned:  # executed by someone nobody answers for, and no owner of the link (K03)
                        u = self.unanchored[rng.randrange(len(self.unanchored))]
                    s["uitvoerder"] = u
                    prev_u = u
                    uitvoerders.append(u)
                    self.exc_miss.append(("K02", s["id"]))
                    if not unowned and ((u.startswith("org-priv") and rng.random() < 0.6) or rng.random() < 0.08):
                        s["eigenaar"] = rng.choice(cl.exe).id if cl.exe else cl.sg
                if j >= 1:
                    r = rng.random()
                    if j >= 2 and r < 0.1:  # a branch
                        s["volgt_op"] = [schakels[j - 2]["id"]]
                    elif j >= 2 and r < 0.15:  # a merge
                        s["volgt_op"] = [schakels[j - 1]["id"], schakels[j - 2]["id"]]
                    else:
                        s["volgt_op"] = [schakels[j - 1]["id"]]
                if rng.random() < 0.45 and self.gegevens:
                    s["gebruikt"] = list(dict.fromkeys(
                        self.gegevens[rng.randrange(len(self.gegevens))]["id"] for _ in range(rng.choice((1, 1, 2)))))
                if rng.random() < 0.2 and cl.data:
                    s["levert"] = [rng.choice(cl.data)]
                if weak and j == weak_at:
                    s["prestatie"] = round(rng.uniform(0.45, 0.75), 2)
                elif rng.random() < 0.6:
                    s["prestatie"] = round(rng.uniform(0.98, 1.0), 3)
                if rng.random() < 0.05:
                    s["kenmerken"] = {"doorlooptijd_dagen": rng.randint(5, 120), "sla": "95% binnen termijn"}
                schakels.append(s)
            if self.q_k06():  # a cycle: the first link follows a later one (or a link itself)
                if rng.random() < 0.8:
                    schakels[0]["volgt_op"] = [schakels[-1]["id"]]
                else:
                    s = schakels[rng.randrange(size)]
                    s["volgt_op"] = s.get("volgt_op", []) + [s["id"]]
            distinct = list(dict.fromkeys(uitvoerders))

            # direction: regisseur and/or ketenbestuur
            if len(distinct) >= 2 and self.q_k01():
                pass
            else:
                r = rng.random()
                if r < 0.75 and distinct:
                    k["regisseur"] = rng.choice(distinct) if rng.random() < 0.8 else rng.choice(cl.dgs)
                if r >= 0.45 or "regisseur" not in k:
                    deeln = distinct + ([k["regisseur"]] if "regisseur" in k else [])
                    k["bestuur"] = self.overleg(f"Ketenberaad {naam}", deeln or [cl.sg],
                                                cl.min if rng.random() < 0.7 else None)
            if cross:
                if not no_override:
                    k["doorzettingsmacht"] = True
                elif rng.random() < 0.3:
                    k["doorzettingsmacht"] = False
            elif rng.random() < 0.2:
                k["doorzettingsmacht"] = rng.random() < 0.5
            if rng.random() < 0.2:
                k["kenmerken"] = {"domein": rng.choice(("sociaal", "veiligheid", "fysiek", "financieel")),
                                  "ketennummer": ki + 1}
            k["schakels"] = schakels
            self.ketens.append(k)

            # handover agreement (K04)
            if len(distinct) >= 2:
                if self.q_k04():
                    how = rng.choice(("none", "expired", "partial", "other"))
                    if how == "expired":
                        self.afspraak("ketenafspraak", distinct, "expired", keten=kid)
                    elif how == "partial" and len(distinct) >= 3:
                        self.afspraak("ketenafspraak", distinct[:-1], keten=kid)
                    elif how == "other" and len(self.ketens) >= 2:
                        self.afspraak("ketenafspraak", distinct, keten=self.ketens[-2]["id"])
                else:
                    soort = rng.choices(("ketenafspraak", "convenant", "samenwerkingsafspraak"), (75, 15, 10))[0]
                    self.afspraak(soort, distinct, naam=f"Ketenafspraak {naam}" if rng.random() < 0.4 else None,
                                  keten=kid if rng.random() < 0.5 else None)

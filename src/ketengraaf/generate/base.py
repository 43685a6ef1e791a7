"""What every generation pass shares: the generator's state and its primitives.

:class:`GeneratorBase` holds the model as it grows (one list per section), the pools the passes
pick from (clusters, executors, gemeenten, ...), the main random stream and the :class:`Quota` of
every deliberate flaw, created in a fixed order from that stream. Its primitives make ids,
organisations, relations and afspraken; the passes (:mod:`.organisations`, :mod:`.data`,
:mod:`.chains`) are mixins on it, put together in :mod:`.core`.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any, Optional

#: The peildatum of every generated model (its dates are drawn around it).
PEILDATUM = date(2026, 11, 27)
PEIL = PEILDATUM.isoformat()


class Quota:
    """Fires at long-run rate ``p`` with jitter; the first time within ``0.6 / p`` calls.

    Spreads a deliberate flaw over the subjects it may affect, so every flaw shows up even in a
    small model and never on all subjects (as long as ``p`` is well below 1).
    """

    __slots__ = ("rng", "p", "acc")

    def __init__(self, rng: random.Random, p: float):
        self.rng = rng
        self.p = p
        self.acc = rng.uniform(0.7, 1.0)

    def __call__(self) -> bool:
        self.acc += self.p * (0.5 + self.rng.random())
        if self.acc >= 1.0:
            self.acc -= 1.0
            return True
        return False


def _date_between(rng: random.Random, lo: date, hi: date) -> str:
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal())).isoformat()


def agreement_validity(rng: random.Random, kind: str) -> dict[str, str]:
    """``geldig_van``/``geldig_tot`` for a valid (open or closed), expired or future agreement."""
    r = rng.random()
    if kind == "valid":
        if r < 0.3:
            return {}
        if r < 0.5:
            return {"geldig_van": _date_between(rng, date(2019, 1, 1), date(2026, 6, 30))}
        if r < 0.6:
            return {"geldig_tot": _date_between(rng, date(2027, 1, 1), date(2030, 12, 31))}
        return {"geldig_van": _date_between(rng, date(2022, 1, 1), date(2026, 11, 1)),
                "geldig_tot": _date_between(rng, date(2026, 12, 31), date(2030, 12, 31))}
    if kind == "expired":
        van = _date_between(rng, date(2020, 1, 1), date(2024, 12, 31))
        return {"geldig_van": van, "geldig_tot": _date_between(rng, date.fromisoformat(van), date(2026, 11, 26))}
    van = _date_between(rng, date(2026, 11, 28), date(2027, 12, 31))  # future
    return {"geldig_van": van} if r < 0.4 else {
        "geldig_van": van, "geldig_tot": _date_between(rng, date.fromisoformat(van), date(2031, 12, 31))}


class Org:
    """What the generator remembers of an executor or private party while wiring it up."""

    __slots__ = ("id", "naam", "soort", "cl", "E", "O", "cap", "middelen", "onafh", "sub", "regional", "agenda")

    def __init__(self, id: str, naam: str, soort: str, cl: Optional["Cluster"]):
        self.id, self.naam, self.soort, self.cl = id, naam, soort, cl
        self.E: list[str] = []
        self.O: list[str] = []
        self.cap: Optional[int] = None
        self.middelen: list[str] = []
        self.onafh = False
        self.sub = False
        self.regional = False
        self.agenda: Optional[dict[str, Any]] = None  # its valid multi-year werkagenda, if any


class Cluster:
    """What the generator remembers of one ministry and what grew around it."""

    __slots__ = ("min", "sg", "dgs", "dirs", "dir_of", "exe", "priv", "gem", "topic", "data")

    def __init__(self, topic: dict[str, Any]):
        self.topic = topic
        self.min = self.sg = ""
        self.dgs: list[str] = []
        self.dirs: list[str] = []
        self.dir_of: dict[str, str] = {}  # directie -> its DG
        self.exe: list[Org] = []
        self.priv: list[Org] = []
        self.gem: list[str] = []
        self.data: list[str] = []


class GeneratorBase:
    """The state of one run and the primitives every pass uses."""

    def __init__(self, n: int, seed: int, agreement_density: float = 1.0, extra_stromen: float = 0.0):
        self.n = n
        self.extra_stromen = extra_stromen
        self.seed = seed
        self.rng = rng = random.Random(seed)
        self.density = agreement_density
        # Thinning draws from a stream of its own, and only below 1, so that the main stream (and
        # with it every other part of the model) is the same at every density.
        self.keep = random.Random(f"{seed}/afspraken-dichtheid") if agreement_density < 1.0 else None
        self.orgs: list[dict[str, Any]] = []
        self.rels: list[dict[str, Any]] = []
        self.opdrachten: list[dict[str, Any]] = []
        self.afspraken: list[dict[str, Any]] = []
        self.ketens: list[dict[str, Any]] = []
        self.gegevens: list[dict[str, Any]] = []
        self.stromen: list[dict[str, Any]] = []
        self.middelen: list[dict[str, Any]] = []
        self.uitz: list[dict[str, Any]] = []
        self.counters: dict[str, int] = {}
        self.naam: dict[str, str] = {}
        self.clusters: list[Cluster] = []
        self.all_exe: list[Org] = []
        self.regional: list[Org] = []
        self.gemeenten: list[str] = []
        self.provincies: list[str] = []
        self.independent: list[str] = []
        self.foreign_dgs: list[str] = []  # one DG of every earlier ministry
        self.unanchored: list[str] = []  # organisations that are not verantwoord
        # candidates for uitzonderingen: (regel, onderwerp) that surely fire / surely do not
        self.exc_hit: list[tuple[str, str]] = []
        self.exc_miss: list[tuple[str, str]] = []
        q = lambda p: Quota(rng, p)  # noqa: E731 - one rng, fixed order of creation
        self.q_sub, self.q_onafh, self.q_no_owner, self.q_mixed, self.q_both = q(.07), q(.18), q(.07), q(.06), q(.05)
        self.q_no_og, self.q_foreign, self.q_cycle, self.q_coord = q(.07), q(.2), q(.12), q(.2)
        self.q_forum, self.q_agenda_bad, self.q_r06, self.q_r08, self.q_toets = q(.18), q(.2), q(.09), q(.07), q(.3)
        self.q_overload, self.q_regional, self.q_indep = q(.15), q(.15), q(.3)
        self.q_k01, self.q_k02, self.q_k04, self.q_k06, self.q_k07 = q(.15), q(.05), q(.2), q(.1), q(.2)
        self.q_d01, self.q_d02, self.q_d03, self.q_d04, self.q_d05, self.q_d06 = (
            q(.08), q(.1), q(.12), q(.15), q(.12), q(.3))
        self.q_afgeleid_cycle = q(.04)
        self.q_s02, self.q_k05, self.q_k03, self.q_m03 = q(.17), q(.15), q(.05), q(.15)

    # ---- primitives

    def _id(self, prefix: str) -> str:
        c = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = c
        return f"{prefix}-{c}"

    def org(self, prefix: str, naam: str, soort: str, **extra: Any) -> str:
        oid = self._id("org-" + prefix)
        d: dict[str, Any] = {"id": oid, "naam": naam, "soort": soort}
        for k, v in extra.items():
            if v is not None:
                d[k] = v
        self.orgs.append(d)
        self.naam[oid] = naam
        return oid

    def rel(self, van: str, naar: str, rol: str, *, coordinerend: Optional[bool] = None,
            sturingsmodel: Optional[str] = None) -> dict[str, Any]:
        r: dict[str, Any] = {"van": van, "naar": naar, "rol": rol}
        if coordinerend is not None:
            r["coordinerend"] = coordinerend
        if sturingsmodel is not None:
            r["sturingsmodel"] = sturingsmodel
        self.rels.append(r)
        return r

    def date_between(self, lo: date, hi: date) -> str:
        return _date_between(self.rng, lo, hi)

    def validity(self, kind: str) -> dict[str, str]:
        return agreement_validity(self.rng, kind)

    def afspraak(self, soort: str, partijen: list[str], kind: str = "valid", *, naam: Optional[str] = None,
                 **extra: Any) -> Optional[dict[str, Any]]:
        p = list(dict.fromkeys(partijen))
        if len(p) < 2:
            return None
        a: dict[str, Any] = {"id": self._id("afs"), "soort": soort}
        if naam is not None:
            a["naam"] = naam
        a["partijen"] = p
        a.update(self.validity(kind))
        for k, v in extra.items():
            if v is not None:
                a[k] = v
        # A dropped agreement is still made and returned (never written): its id and draws stay
        # spent, so the rest of the model is the same at every density.
        if self._kept():
            self.afspraken.append(a)
        return a

    def _kept(self) -> bool:
        """Is the next agreement written? Always at density 1; else with that probability."""
        return self.keep is None or self.keep.random() < self.density

    def overleg(self, naam: str, deelnemers: list[str], parent: Optional[str]) -> str:
        return self.org("ovl", naam, "overleg", onderdeel_van=parent, deelnemers=list(dict.fromkeys(deelnemers)))

    def sturingsmodel(self) -> Optional[str]:
        r = self.rng.random()
        return "principaal-agent" if r < 0.12 else "stewardship" if r < 0.27 else None

    # ---- the model

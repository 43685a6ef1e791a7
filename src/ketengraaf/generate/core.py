"""A synthetic model from start to end: :func:`generate_model` and the order of the passes.

:class:`_Generator` puts the passes together (:mod:`.organisations`, :mod:`.data`,
:mod:`.chains` on the shared state of :mod:`.base`); :meth:`_Generator.run` calls them in a fixed
order, ends with the uitzonderingen, and returns the model as plain data. The order is part of
the output: every pass draws from the one main random stream (except those that say they have a
stream of their own), so moving a call changes every model.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ketengraaf.errors import UsageError
from ketengraaf.generate.base import PEIL
from ketengraaf.generate.chains import ChainPasses
from ketengraaf.generate.data import DataPasses
from ketengraaf.generate.organisations import OrganisationPasses
from ketengraaf.generate.vocabulary import REDENEN


class _Generator(OrganisationPasses, DataPasses, ChainPasses):
    """One run of the generator: every pass, on one state."""

    def run(self) -> dict[str, Any]:
        """Every pass in its order; the model as plain data."""
        target = max(1, self.n)
        while len(self.orgs) < target * 0.97:
            self.cluster()
        self.ladders()
        self.chains()
        self.exceptions()
        if self.extra_stromen > 0:
            self.deliveries()
        d = self.density
        return {
            "ketengraaf": 1,
            "model": {"id": f"synthetisch-n{self.n}-s{self.seed}" + (f"-d{d:g}" if d < 1.0 else ""),
                      "naam": f"Synthetisch model ({self.n} organisaties, seed {self.seed}"
                              + (f", afsprakendichtheid {d:g}" if d < 1.0 else "") + ")",
                      "beschrijving": "Gegenereerd door ketengraaf generate; organisaties, namen en relaties zijn fictief.",
                      "peildatum": PEIL},
            "organisaties": self.orgs, "sturingsrelaties": self.rels, "opdrachten": self.opdrachten,
            "afspraken": self.afspraken, "ketens": self.ketens, "gegevens": self.gegevens,
            "gegevensstromen": self.stromen, "middelen": self.middelen, "uitzonderingen": self.uitz,
        }

    def exceptions(self) -> None:
        """Accepted findings: most still valid and matching, some expired, some matching nothing."""
        rng = self.rng
        count = max(8, len(self.clusters))
        hits = rng.sample(self.exc_hit, min(len(self.exc_hit), count))
        misses = rng.sample(self.exc_miss, min(len(self.exc_miss), max(1, count // 8)))
        misses.append(("R01", f"org-opgeheven-{rng.randint(1, 999)}"))  # an organisation that no longer exists
        for i, (regel, onderwerp) in enumerate(hits):
            u: dict[str, Any] = {"regel": regel, "onderwerp": onderwerp, "reden": rng.choice(REDENEN)}
            if i % 10 == 3:
                u["geldig_tot"] = self.date_between(date(2024, 1, 1), date(2026, 11, 26))
            elif rng.random() < 0.6:
                u["geldig_tot"] = self.date_between(date(2026, 11, 27), date(2028, 12, 31))
            self.uitz.append(u)
        for regel, onderwerp in misses:
            u = {"regel": regel, "onderwerp": onderwerp, "reden": rng.choice(REDENEN)}
            if rng.random() < 0.5:
                u["geldig_tot"] = self.date_between(date(2027, 1, 1), date(2028, 12, 31))
            self.uitz.append(u)


def generate_model(n: int, seed: int, *, agreement_density: float = 1.0, extra_stromen: float = 0.0) -> dict[str, Any]:
    """A valid synthetic model of roughly ``n`` organisations, as plain data (dates as text).

    ``agreement_density`` (0 to 1) is the share of the generator's afspraken that are written:
    every agreement it would make is kept with that probability, drawn from a random stream of
    its own. At 1 (the default) the model is exactly what it always was; below 1 it is the same
    model minus the dropped afspraken (the kept ones are unchanged, ids included; every other
    section is the same; the model id gets a ``-d0.1``-style suffix), so the rules
    that want an agreement (R06, S03, S04, M02, K04, D05, D06, ...) fire on many more subjects:
    a finding-heavy model for benchmarks.

    ``extra_stromen`` (default 0: none) adds on average that many gegevensstromen per dataset,
    deliveries to gemeenten and executors (see ``_Generator.deliveries``); with a low density
    most of them lack an agreement too (D05).

    >>> full, sparse = generate_model(60, 3), generate_model(60, 3, agreement_density=0.2)
    >>> len(sparse["afspraken"]) < len(full["afspraken"]), sparse["organisaties"] == full["organisaties"]
    (True, True)
    """
    if n < 1:
        raise UsageError("the number of organisations must be at least 1")
    if not 0.0 <= agreement_density <= 1.0:
        raise UsageError(f"the agreement density must be between 0 and 1, not {agreement_density:g}")
    if extra_stromen < 0:
        raise UsageError(f"the extra gegevensstromen per dataset cannot be negative ({extra_stromen:g})")
    return _Generator(n, seed, agreement_density, extra_stromen).run()

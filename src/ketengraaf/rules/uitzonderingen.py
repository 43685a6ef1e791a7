"""U01: exceptions that expired or match nothing. The engine computes it (it needs the other
rules' findings); this module holds its declaration."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

from ketengraaf.rules.base import Fact, Hit, Kind, Rule
from ketengraaf.rules.examples import example


def _no_check(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:  # the engine produces U01 itself
    return ()


_WAAROM = {"nl": ("past op geen enkele bevinding", "is verlopen op {datum}"),
           "en": ("matches no finding", "expired on {datum}")}


def _present(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    geen, verlopen = _WAAROM[lang]
    return {"waarom": geen if f["verlopen"] is None else verlopen.format(datum=f["verlopen"])}


U01 = Rule(
    code="U01",
    severity="info",
    name={"nl": "Uitzondering verlopen of zonder bevinding", "en": "Exception expired or matching nothing"},
    message={
        "nl": "Uitzondering {regel} voor '{onderwerp}' {waarom}; verwijder of vernieuw haar.",
        "en": "Exception {regel} for '{onderwerp}' {waarom}; remove or renew it.",
    },
    rationale={
        "nl": "Een geaccepteerde bevinding is een bewuste, tijdelijke keuze. Verlopen uitzonderingen en "
              "uitzonderingen die nergens meer op slaan vervuilen het model en verbergen dat een besluit "
              "opnieuw genomen moet worden.",
        "en": "An accepted finding is a deliberate, temporary choice. Expired exceptions and exceptions that "
              "no longer match anything clutter the model and hide that a decision is due again.",
    },
    fix={
        "nl": "Verwijder de uitzondering, of verleng geldig_tot na een nieuw besluit en pas het onderwerp aan "
              "zodat het de bevinding precies zo schrijft als de bevinding zelf.",
        "en": "Remove the exception, or extend geldig_tot after a new decision and write the onderwerp exactly "
              "as the finding writes its subject.",
    },
    source="ketengraaf (beheer van uitzonderingen)",
    bad=example("U01", "bad"),
    good=example("U01", "good"),
    check=_no_check,
    subject=Kind.uitzondering,
    facts=(Fact("regel", str, "the uitzondering's rule code"),
           Fact("onderwerp", str, "the uitzondering's onderwerp"),
           Fact("verlopen", Optional[str], "its geldig_tot when it expired before the peildatum; None when it "
                                           "is valid but matches no finding")),
    present=_present,
    derived=("waarom",),
)

RULES: list[Rule] = [U01]

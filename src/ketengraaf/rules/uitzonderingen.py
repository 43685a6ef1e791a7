"""U01: exceptions that expired or match nothing. The engine computes it (it needs the other
rules' findings); this module holds its declaration."""

from __future__ import annotations

from typing import Any, Iterable

from ketengraaf.rules.base import Hit, Rule


def _no_check(ctx: Any) -> Iterable[Hit]:  # the engine produces U01 itself
    return ()


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
    bad="uitzonderingen:\n  - {regel: D01, onderwerp: brp, reden: Wordt vastgesteld., geldig_tot: 2024-12-31}",
    good="uitzonderingen:\n  - {regel: D01, onderwerp: brp, reden: Wordt vastgesteld in 2027., geldig_tot: 2027-12-31}",
    check=_no_check,
    subject_kind="exception",
)

RULES: list[Rule] = [U01]

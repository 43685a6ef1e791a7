"""The words of ``ketengraaf diff`` (text, Markdown and the HTML page), in both languages.

The same keys in both (``tests/test_texts.py``); rule texts come from the rules, severity words
from :mod:`ketengraaf.render.findings`, the diagrams' words from :mod:`ketengraaf.texts.diagram`.
"""

from __future__ import annotations

DIFF: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Wat verandert: {old} \u2192 {new}",
        "head": "Vergelijking {old} \u2192 {new}, peildatum {peil}",
        "meta": ("Peildatum {peil} \u00b7 beide modellen geanalyseerd op deze datum, met dezelfde regels en opties "
                 "\u00b7 ketengraaf {version}"),
        "old": "vóór", "new": "na", "Old": "Vóór", "New": "Na",
        "findings_line": "Bevindingen: {new} nieuw, {resolved} opgelost, {changed} gewijzigd, {unchanged} ongewijzigd",
        "model_line": "Modelwijzigingen: {added} toegevoegd, {removed} verwijderd, {changed} gewijzigd",
        "introduced": "De wijziging introduceert {n} open {bevindingen}: {parts}.",
        "introduced_none": "De wijziging introduceert geen open bevindingen.",
        "bevinding": "bevinding", "bevindingen": "bevindingen",
        "model_changes": "Modelwijzigingen", "no_model_changes": "Geen modelwijzigingen.",
        "new_findings": "Nieuwe bevindingen", "resolved_findings": "Opgeloste bevindingen",
        "changed_findings": "Gewijzigde bevindingen", "unchanged_findings": "Ongewijzigde bevindingen",
        "no_finding_changes": "De bevindingen veranderen niet.",
        "unchanged_count": "{n} bevindingen zijn ongewijzigd.",
        "added": "toegevoegd", "removed": "verwijderd", "changed": "gewijzigd",
        "renamed": "hernoemd", "moved": "verplaatst", "rol": "rol",
        "was": "was", "now": "nu", "what": "wat", "item": "onderdeel",
        "related": "betrokkenen", "message_changed": "tekst gewijzigd",
        "open": "open", "accepted": "geaccepteerd",
        "valid": "geldig op de peildatum", "invalid": "niet geldig op de peildatum",
        "validity": "geldig op de peildatum: {old} \u2192 {new}",
        "yes": "ja", "no": "nee", "absent": "\u2014",
        "sec_model": "Model", "sec_organisaties": "Organisaties", "sec_sturingsrelaties": "Sturingsrelaties",
        "sec_opdrachten": "Opdrachten", "sec_afspraken": "Afspraken", "sec_ketens": "Ketens",
        "sec_schakels": "Schakels", "sec_gegevens": "Gegevens", "sec_gegevensstromen": "Gegevensstromen",
        "sec_middelen": "Middelen", "sec_uitzonderingen": "Uitzonderingen",
        "note_peildatum": ("Het oude model noemt peildatum {old} en het nieuwe {new}; beide zijn geanalyseerd op "
                           "{peil}."),
        "note_git": "Vóór is {model} zoals het in git-revisie {rev} staat; na is de werkmap.",
        "summary": "Samenvatting",
        "lead": ("Met deze wijziging verdwijnen {resolved} {b_resolved} en komen er {new} bij; {changed} "
                 "{b_changed} {veranderen} van inhoud."),
        "verandert": "verandert", "veranderen": "veranderen",
        "theme": "Thema", "count_new": "Nieuw", "count_resolved": "Opgelost", "count_changed": "Gewijzigd", "count_unchanged": "Ongewijzigd",
        "total": "Totaal",
        "triangles": "Sturingsdriehoeken die de wijziging raakt",
        "triangles_text": ("Per uitvoerder de driehoek vóór en na de wijziging. Wat veranderde heeft een dubbele rand "
                           "of een dubbele lijn; een \u0394 staat voor een gewijzigde opdracht of afspraak."),
        "chains": "Ketens die de wijziging raakt",
        "chains_text": ("Per keten de schakels en overdrachten vóór en na de wijziging; gewijzigde schakels hebben "
                        "een dubbele rand."),
        "no_triangle": "{naam} heeft in dit model geen sturingsdriehoek.",
        "no_chain": "Deze keten bestaat niet in dit model.",
        "nothing_touched": "De wijziging raakt geen sturingsdriehoek en geen keten.",
        "triangles_left_out": ("Deze vergelijking tekent de {max} sturingsdriehoeken met de meeste veranderde "
                               "bevindingen; {n} {andere} niet. Alle: `ketengraaf diff OUD NIEUW --format html "
                               "--max-diagrams 0`."),
        "chains_left_out": ("Deze vergelijking tekent de {max} ketens met de meeste veranderde bevindingen; {n} "
                            "{andere} niet. Alle: `ketengraaf diff OUD NIEUW --format html --max-diagrams 0`."),
        "andere_een": "andere", "andere_veel": "andere",
        "figure": "Figuur",
        "about": "Over deze vergelijking",
        "about_text": ("ketengraaf {version} analyseerde beide modellen op peildatum {peil} met {n} regels ({codes}) "
                       "en vergeleek de bevindingen per regel en onderwerp, en de modellen per onderdeel en veld. "
                       "`ketengraaf explain CODE` geeft de uitleg en de bron van een regel."),
        "step_read": "beide modellen lezen en valideren", "step_old": "het oude model analyseren",
        "step_new": "het nieuwe model analyseren", "step_compare": "vergelijken", "step_draw": "diagrammen tekenen",
    },
    "en": {
        "title": "What changes: {old} \u2192 {new}",
        "head": "Comparing {old} \u2192 {new}, reference date {peil}",
        "meta": ("Reference date {peil} \u00b7 both models analysed on this date, with the same rules and options "
                 "\u00b7 ketengraaf {version}"),
        "old": "before", "new": "after", "Old": "Before", "New": "After",
        "findings_line": "Findings: {new} new, {resolved} resolved, {changed} changed, {unchanged} unchanged",
        "model_line": "Model changes: {added} added, {removed} removed, {changed} changed",
        "introduced": "The change introduces {n} open {bevindingen}: {parts}.",
        "introduced_none": "The change introduces no open findings.",
        "bevinding": "finding", "bevindingen": "findings",
        "model_changes": "Model changes", "no_model_changes": "No model changes.",
        "new_findings": "New findings", "resolved_findings": "Resolved findings",
        "changed_findings": "Changed findings", "unchanged_findings": "Unchanged findings",
        "no_finding_changes": "The findings do not change.",
        "unchanged_count": "{n} findings are unchanged.",
        "added": "added", "removed": "removed", "changed": "changed",
        "renamed": "renamed", "moved": "moved", "rol": "role",
        "was": "was", "now": "now", "what": "what", "item": "item",
        "related": "related", "message_changed": "text changed",
        "open": "open", "accepted": "accepted",
        "valid": "valid on the reference date", "invalid": "not valid on the reference date",
        "validity": "valid on the reference date: {old} \u2192 {new}",
        "yes": "yes", "no": "no", "absent": "\u2014",
        "sec_model": "Model", "sec_organisaties": "Organisations (organisaties)",
        "sec_sturingsrelaties": "Steering relations (sturingsrelaties)", "sec_opdrachten": "Assignments (opdrachten)",
        "sec_afspraken": "Agreements (afspraken)", "sec_ketens": "Chains (ketens)", "sec_schakels": "Chain links (schakels)",
        "sec_gegevens": "Datasets (gegevens)", "sec_gegevensstromen": "Data flows (gegevensstromen)",
        "sec_middelen": "Systems and services (middelen)", "sec_uitzonderingen": "Exceptions (uitzonderingen)",
        "note_peildatum": ("The old model names reference date {old} and the new one {new}; both were analysed on "
                           "{peil}."),
        "note_git": "Before is {model} as it stands in git revision {rev}; after is the working tree.",
        "summary": "Summary",
        "lead": ("With this change {resolved} {b_resolved} disappear and {new} appear; {changed} {b_changed} "
                 "{veranderen} in content."),
        "verandert": "changes", "veranderen": "change",
        "theme": "Theme", "count_new": "New", "count_resolved": "Resolved", "count_changed": "Changed", "count_unchanged": "Unchanged",
        "total": "Total",
        "triangles": "Steering triangles the change touches",
        "triangles_text": ("Each executor's triangle before and after the change. What changed has a double border "
                           "or a double line; a \u0394 marks a changed assignment or agreement."),
        "chains": "Chains the change touches",
        "chains_text": "Each chain's links and handovers before and after the change; changed links have a double border.",
        "no_triangle": "{naam} has no steering triangle in this model.",
        "no_chain": "This chain does not exist in this model.",
        "nothing_touched": "The change touches no steering triangle and no chain.",
        "triangles_left_out": ("This comparison draws the {max} steering triangles with the most changed findings; "
                               "{n} {andere} not. All: `ketengraaf diff OLD NEW --format html --max-diagrams 0`."),
        "chains_left_out": ("This comparison draws the {max} chains with the most changed findings; {n} {andere} "
                            "not. All: `ketengraaf diff OLD NEW --format html --max-diagrams 0`."),
        "andere_een": "other is", "andere_veel": "others are",
        "figure": "Figure",
        "about": "About this comparison",
        "about_text": ("ketengraaf {version} analysed both models on reference date {peil} with {n} rules ({codes}) "
                       "and compared the findings per rule and subject, and the models per item and field. "
                       "`ketengraaf explain CODE` gives a rule's explanation and source."),
        "step_read": "reading and validating both models", "step_old": "analysing the old model",
        "step_new": "analysing the new model", "step_compare": "comparing", "step_draw": "drawing the diagrams",
    },
}

"""The words of the report (``ketengraaf report``: HTML and Markdown), in both languages.

The same keys in both (``tests/test_texts.py``); rule texts come from the rules, soort labels from
:mod:`ketengraaf.texts`, the figures' words from :mod:`ketengraaf.texts.diagram`.
"""

from __future__ import annotations

REPORT: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Sturingsanalyse: {naam}",
        "meta": "Model {model} · peildatum {peil} · opgesteld met ketengraaf {version}",
        "audit": "Auditweergave: geaccepteerde bevindingen staan hier als open.",
        "summary": "Samenvatting",
        "lead": ("Op de peildatum {peil} vindt ketengraaf {n} {punten} in de besturing: {e} {fouten}, "
                 "{w} {waarschuwingen} en {i} {meldingen}."),
        "lead_none": "Op de peildatum {peil} vindt ketengraaf geen open punten in de besturing.",
        "lead_supp": " Daarnaast {zijn} {s} {bevindingen} bewust geaccepteerd met een uitzondering.",
        "punt": "punt", "punten": "punten",
        "fout": "fout", "fouten": "fouten", "waarschuwing": "waarschuwing", "waarschuwingen": "waarschuwingen",
        "melding": "melding", "meldingen": "meldingen", "is": "is", "zijn": "zijn",
        "bevinding": "bevinding", "bevindingen": "bevindingen",
        "theme": "Thema", "sev_error": "Fout", "sev_warning": "Waarschuwing", "sev_info": "Melding",
        "suppressed": "Geaccepteerd", "total": "Totaal",
        "key_points": "Belangrijkste punten",
        "more": "… en nog {n} {fouten} in de paragrafen hieronder.",
        "findings_left_out": "… en nog {n} {bevindingen} van {code}; alle: `ketengraaf analyse MODEL --rule {code}`.",
        "reading": "Leeswijzer",
        "reading_text": ("Een **fout** betekent dat de besturing op dit punt niet sluitend is: er is een besluit "
                         "nodig. Een **waarschuwing** is een risico om in de driehoek te bespreken. Een "
                         "**melding** is ter informatie. Elke bevinding heeft een regelcode (zoals M01); "
                         "`ketengraaf explain CODE` geeft de volledige uitleg en de bron."),
        "findings": "Bevindingen per thema",
        "why": "Waarom dit ertoe doet",
        "action": "Aanbevolen actie",
        "accepted": "geaccepteerd",
        "reason": "reden",
        "og_title": "Meervoudig opdrachtgeverschap",
        "og_text": ("Uitvoerders met twee of meer opdrachtgevers, per ministerie. Een dikke stippellijn is de "
                    "coördinerend opdrachtgever; gekleurde pijlen en codes tonen conflicterende opdrachten "
                    "(M03), overbelasting (M04) en ontbrekende afspraken."),
        "og_none": "Geen uitvoerder in dit model heeft twee of meer opdrachtgevers.",
        "chains": "Ketens",
        "chains_text": ("Elke keten van links naar rechts in de volgorde van overdracht, gegroepeerd per "
                        "uitvoerende organisatie. Schakels zonder uitvoerder of eigenaar en overdrachten zonder "
                        "afspraak zijn gemarkeerd."),
        "chain_findings": "Bevindingen bij deze keten",
        "chains_left_out": ("Dit rapport tekent de {max} ketens met de meeste open bevindingen; {n} {andere} niet. "
                            "Teken er een met `ketengraaf diagram MODEL --view keten --subject ID -o keten.svg`, of "
                            "alle met `ketengraaf report MODEL -o MAP --max-diagrams 0`."),
        "triangles_left_out": ("Dit rapport tekent de {max} sturingsdriehoeken met de meeste open bevindingen; "
                               "{n} {andere} niet (hun bevindingen staan hierboven). Teken er een met "
                               "`ketengraaf diagram MODEL --view driehoek --subject ID -o driehoek.svg`, of alle met "
                               "`ketengraaf report MODEL -o MAP --max-diagrams 0`."),
        "andere_een": "andere", "andere_veel": "andere",
        "triangles": "Sturingsdriehoeken met bevindingen",
        "triangles_text": ("Per uitvoerder met een bevinding: eigenaar, opdrachtgevers (de coördinerende vet), "
                           "het sturingsmodel, de lopende opdrachten en de afspraken en overleggen die de "
                           "driehoek verbinden."),
        "triangles_none": "Geen sturingsdriehoek heeft een open bevinding.",
        "spanning": "Als de relatie onder spanning staat",
        "ladder": "{afspraak}: {stappen} (top).",
        "ladder_invalid": "{afspraak} (geldt niet op de peildatum): {stappen} (top).",
        "no_ladder": "Er is geen afspraak met een escalatieroute die {naam} bindt.",
        "ladder_ok": ("Deze escalatieroute bindt {naam}, een eigenaar en alle opdrachtgevers, en haar top kan voor "
                      "alle betrokken besturen beslissen."),
        "ladder_not_checked": "De regels S04 en S05 zijn in deze analyse niet uitgevoerd.",
        "data": "Gegevens en gegevensstromen",
        "data_text": ("Gegevensverzamelingen bij hun beheerder en de stromen tussen organisaties, met grondslag "
                      "en afspraak; gaten in de datagovernance zijn gemarkeerd."),
        "about": "Over deze analyse",
        "about_text": ("ketengraaf {version} toetste het model aan {n} regels ({codes}). De regels en hun bronnen "
                       "(Regeling agentschappen 2024, Werk aan Uitvoering, NORA, AVG) staan in de "
                       "regelcatalogus: `ketengraaf rules`. Peildatum: {peil}. Afspraken tellen mee als ze op "
                       "de peildatum gelden; afgeronde opdrachten tellen niet mee."),
        "no_findings_theme": "Geen bevindingen.",
        "figure": "Figuur",
        "subject": "onderwerp",
    },
    "en": {
        "title": "Governance analysis: {naam}",
        "meta": "Model {model} · reference date {peil} · produced with ketengraaf {version}",
        "audit": "Audit view: accepted findings are shown here as open.",
        "summary": "Summary",
        "lead": ("On the reference date {peil}, ketengraaf finds {n} {punten} in the governance: {e} {fouten}, "
                 "{w} {waarschuwingen} and {i} {meldingen}."),
        "lead_none": "On the reference date {peil}, ketengraaf finds no open issues in the governance.",
        "lead_supp": " In addition, {s} {bevindingen} {zijn} deliberately accepted through an exception.",
        "punt": "issue", "punten": "issues",
        "fout": "error", "fouten": "errors", "waarschuwing": "warning", "waarschuwingen": "warnings",
        "melding": "notice", "meldingen": "notices", "is": "is", "zijn": "are",
        "bevinding": "finding", "bevindingen": "findings",
        "theme": "Theme", "sev_error": "Error", "sev_warning": "Warning", "sev_info": "Info",
        "suppressed": "Accepted", "total": "Total",
        "key_points": "Key issues",
        "more": "… and {n} more {fouten} in the sections below.",
        "findings_left_out": "… and {n} more {bevindingen} of {code}; all of them: `ketengraaf analyse MODEL --rule {code}`.",
        "reading": "How to read this",
        "reading_text": ("An **error** means the governance does not close at this point: a decision is needed. "
                         "A **warning** is a risk to discuss in the steering triangle. A **notice** is for "
                         "information. Every finding has a rule code (such as M01); `ketengraaf explain CODE` "
                         "gives the full explanation and its source."),
        "findings": "Findings per theme",
        "why": "Why this matters",
        "action": "Recommended action",
        "accepted": "accepted",
        "reason": "reason",
        "og_title": "Multiple commissioners",
        "og_text": ("Executors with two or more commissioners, per ministry. A thick dashed line is the lead "
                    "commissioner; coloured arrows and codes show conflicting assignments (M03), overload (M04) "
                    "and missing agreements."),
        "og_none": "No executor in this model has two or more commissioners.",
        "chains": "Chains",
        "chains_text": ("Each chain from left to right in handover order, grouped by executing organisation. "
                        "Links without executor or owner and handovers without agreement are marked."),
        "chain_findings": "Findings for this chain",
        "chains_left_out": ("This report draws the {max} chains with the most open findings; {n} {andere} not. "
                            "Draw one with `ketengraaf diagram MODEL --view keten --subject ID -o keten.svg`, or all "
                            "with `ketengraaf report MODEL -o DIR --max-diagrams 0`."),
        "triangles_left_out": ("This report draws the {max} steering triangles with the most open findings; "
                               "{n} {andere} not (their findings are listed above). Draw one with "
                               "`ketengraaf diagram MODEL --view driehoek --subject ID -o driehoek.svg`, or all with "
                               "`ketengraaf report MODEL -o DIR --max-diagrams 0`."),
        "andere_een": "other is", "andere_veel": "others are",
        "triangles": "Steering triangles with findings",
        "triangles_text": ("For each executor with a finding: owner, commissioners (the lead one bold), the "
                           "steering model, current assignments and the agreements and forums that connect the "
                           "triangle."),
        "triangles_none": "No steering triangle has an open finding.",
        "spanning": "When the relation comes under strain",
        "ladder": "{afspraak}: {stappen} (top).",
        "ladder_invalid": "{afspraak} (not valid on the reference date): {stappen} (top).",
        "no_ladder": "No agreement with an escalation path binds {naam}.",
        "ladder_ok": ("This escalation path binds {naam}, an owner and every commissioner, and its top can decide "
                      "for every government involved."),
        "ladder_not_checked": "Rules S04 and S05 were not run in this analysis.",
        "data": "Data and data flows",
        "data_text": ("Datasets beside their steward and the flows between organisations, with legal basis and "
                      "agreement; gaps in data governance are marked."),
        "about": "About this analysis",
        "about_text": ("ketengraaf {version} checked the model against {n} rules ({codes}). The rules and their "
                       "sources (Regeling agentschappen 2024, Werk aan Uitvoering, NORA, GDPR) are in the rule "
                       "catalogue: `ketengraaf rules`. Reference date: {peil}. Agreements count when valid on "
                       "the reference date; finished assignments do not count."),
        "no_findings_theme": "No findings.",
        "figure": "Figure",
        "subject": "subject",
    },
}

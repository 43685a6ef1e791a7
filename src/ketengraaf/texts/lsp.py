"""The words of the editor server (``ketengraaf lsp``): hovers, code actions, messages.

The same keys in both languages (``tests/test_texts.py``). Rule titles, meanings and fixes come from
the rules; soort labels from :mod:`ketengraaf.texts`.
"""

from __future__ import annotations

LSP: dict[str, dict[str, str]] = {
    "nl": {
        "soort": "soort",
        "onderdeel_van": "onderdeel van",
        "sturing": "Sturing",
        "rel_out": "{rol} van {naar}",
        "rel_in": "{van} is {rol}",
        "defined_in": "gedefinieerd in {file}",
        "rule_hover": "**{code}** — {title}\n\nErnst: {severity} · thema: {theme}\n\n{meaning}",
        "finding_hover": "**{code}** — {title}\n\n{message}\n\n**Oplossen:** {fix}\n\n`ketengraaf explain {code}`",
        "action_exception": "Uitzondering toevoegen voor {code} op {onderwerp}",
        "exception_reason": "TODO: waarom deze bevinding bewust is geaccepteerd",
        "exception_comment": "toegevoegd {today}",
        "action_quote": "Zet de waarde tussen aanhalingstekens",
        "action_create": "Organisatie '{id}' aanmaken",
        "bad_settings": "ketengraaf: instellingen genegeerd: {problems}",
        "rename_invalid": "'{id}' is geen geldig id (kleine letters, cijfers, '.', '_' en '-')",
        "rename_taken": "'{id}' bestaat al in dit model",
        "rename_none": "Hier staat geen id om te hernoemen",
    },
    "en": {
        "soort": "soort",
        "onderdeel_van": "part of",
        "sturing": "Steering",
        "rel_out": "{rol} of {naar}",
        "rel_in": "{van} is {rol}",
        "defined_in": "defined in {file}",
        "rule_hover": "**{code}** — {title}\n\nSeverity: {severity} · theme: {theme}\n\n{meaning}",
        "finding_hover": "**{code}** — {title}\n\n{message}\n\n**How to resolve:** {fix}\n\n`ketengraaf explain {code}`",
        "action_exception": "Add an uitzondering for {code} on {onderwerp}",
        "exception_reason": "TODO: why this finding is accepted on purpose",
        "exception_comment": "added {today}",
        "action_quote": "Put the value in quotes",
        "action_create": "Create organisation '{id}'",
        "bad_settings": "ketengraaf: settings ignored: {problems}",
        "rename_invalid": "'{id}' is not a valid id (lower-case letters, digits, '.', '_' and '-')",
        "rename_taken": "'{id}' already exists in this model",
        "rename_none": "There is no id here to rename",
    },
}


def lsp_text(key: str, lang: str, **values: str) -> str:
    return LSP[lang][key].format(**values)

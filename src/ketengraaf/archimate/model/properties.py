"""The ``ketengraaf:*`` properties of an exchange file: which element kinds and relationships each
belongs to, how its value reads (yes/no, a number, text as written), and the keys of each kind in
the order of MODEL.md with where each comes from. docs/archimate.md lists them (a test checks it).
"""

from __future__ import annotations

from ketengraaf.archimate.mapping import TYPES

PREFIX = "ketengraaf:"
FINDING = "ketengraaf:bevinding"
KENMERK = "ketengraaf:kenmerk:"

#: ketengraaf property -> the kinds of element it belongs to.
ELEMENT_KEYS: dict[str, tuple[str, ...]] = {
    "id": ("organisatie", "keten", "schakel", "afspraak", "gegevens", "middel", "opdracht"),
    "type": TYPES,
    "soort": ("organisatie", "afspraak", "gegevens", "middel"),
    "onafhankelijk": ("organisatie",),
    "capaciteit": ("organisatie", "opdracht"),
    "geldig_van": ("afspraak",),
    "geldig_tot": ("afspraak", "uitzondering"),
    "meerjarig": ("afspraak",),
    "escalatie": ("afspraak",),
    "doorzettingsmacht": ("keten",),
    "prestatie": ("schakel",),
    "persoonsgegevens": ("gegevens",),
    "periode.van": ("opdracht",),
    "periode.tot": ("opdracht",),
    "nieuw_beleid": ("opdracht",),
    "uitvoeringstoets": ("opdracht",),
    "regel": ("uitzondering",),
    "onderwerp": ("uitzondering",),
    "reden": ("uitzondering",),
}
#: ketengraaf property -> what relationship it belongs to.
RELATION_KEYS: dict[str, tuple[str, ...]] = {
    "rol": ("any",),
    "coordinerend": ("sturingsrelatie",),
    "sturingsmodel": ("sturingsrelatie",),
    "id": ("gegevensstroom",),
    "gegevens": ("gegevensstroom",),
    "grondslag": ("gegevensstroom",),
    "verwerker": ("gegevensstroom",),
}
MODEL_KEYS = ("id", "peildatum")
#: The values of ketengraaf:rol.
ROLE_NAMES = ("eigenaar", "opdrachtgever", "regisseur", "bestuur", "beheerder", "verwerkingsverantwoordelijke",
              "bronhouder", "afgeleid_van")
BOOL_KEYS = frozenset({"onafhankelijk", "meerjarig", "doorzettingsmacht", "persoonsgegevens", "nieuw_beleid",
                       "uitvoeringstoets", "coordinerend", "verwerker"})
NUMBER_KEYS = frozenset({"capaciteit", "prestatie"})
#: Keys whose value is text as written (not stripped).
TEXT_KEYS = frozenset({"grondslag", "reden", "onderwerp"})

#: For each kind, its keys in the order of MODEL.md and where each comes from: a ketengraaf
#: property (p), one relationship (1), several relationships (n), or as named (naam? is optional).
FIELDS: dict[str, tuple[str, ...]] = {
    "organisatie": ("id", "naam", "soort", "1 onderdeel_van", "p onafhankelijk", "p capaciteit", "n deelnemers"),
    "opdracht": ("id", "naam?", "1 opdrachtgever", "1 opdrachtnemer", "p capaciteit", "periode", "n raakt",
                 "p nieuw_beleid", "p uitvoeringstoets"),
    "afspraak": ("id", "naam?", "soort", "n partijen", "p geldig_van", "p geldig_tot", "1 keten", "n gegevens",
                 "p meerjarig", "escalatie"),
    "keten": ("id", "naam", "1 regisseur", "1 bestuur", "p doorzettingsmacht", "schakels"),
    "schakel": ("id", "naam", "1 uitvoerder", "1 eigenaar", "n volgt_op", "n gebruikt", "n levert", "p prestatie"),
    "gegevens": ("id", "naam", "soort", "1 eigenaar", "1 beheerder", "n bronhouders", "1 verwerkingsverantwoordelijke",
                 "p persoonsgegevens", "n afgeleid_van"),
    "middel": ("id", "naam", "soort", "1 beheerder"),
}
SECTION = {"organisatie": "organisaties", "afspraak": "afspraken", "keten": "ketens", "gegevens": "gegevens",
           "middel": "middelen", "opdracht": "opdrachten", "uitzondering": "uitzonderingen",
           "sturingsrelatie": "sturingsrelaties", "gegevensstroom": "gegevensstromen"}
KINDS_EN = {"organisatie": "organisaties", "keten": "ketens", "schakel": "schakels", "afspraak": "afspraken",
             "gegevens": "gegevens", "middel": "middelen", "opdracht": "opdrachten", "uitzondering": "uitzonderingen"}

"""Pydantic types for the ketengraaf model format, version 1 (``shared/spec/MODEL.md``).

The classes mirror the format one to one: every section, every key, every enum. They are the
single source for validation *and* for the JSON Schema that editors use (``ketengraaf schema``).

Scalars are strict on purpose: a value that YAML reads as a boolean, a number or a date where an
id or a text belongs is an error (the loader turns pydantic's type error into "quote it"), and a
string where a number or a boolean belongs is not silently converted.

>>> o = Organisatie.model_validate({"id": "rws", "naam": "Rijkswaterstaat", "soort": "agentschap"})
>>> o.soort.groep
'uitvoerder'
>>> o.onafhankelijk
False
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal, Optional, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    StringConstraints,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
FORMAT_VERSION = 1

#: An id: shared namespace over the whole model.
Id = Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN)]
#: A required, non-empty text.
Text = Annotated[StrictStr, StringConstraints(min_length=1)]
#: A free, possibly empty text.
FreeText = StrictStr
#: A number >= 0 (FTE). Integers and floats, never strings or booleans.
NonNegative = Annotated[float, Field(strict=True, ge=0)]
#: A share between 0 and 1.
Share = Annotated[float, Field(strict=True, ge=0, le=1)]
#: A value of a ``kenmerken`` map.
Scalar = Union[StrictBool, StrictInt, StrictFloat, StrictStr, None]

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DateFormatError(ValueError):
    pass


def _parse_date(value: object) -> object:
    """Dates are ``YYYY-MM-DD`` strings (the YAML loaders deliver them as text)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if not _DATE_RE.match(value):
            raise DateFormatError(f"'{value}' is not a date in the form YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise DateFormatError(f"'{value}' is not an existing date (YYYY-MM-DD)") from None
    raise DateFormatError(f"expected a date YYYY-MM-DD, got {type(value).__name__} {value!r}")


Datum = Annotated[date, BeforeValidator(_parse_date), Field(json_schema_extra={"type": "string", "format": "date"})]


class OrganisatieSoort(StrEnum):
    """``soort`` of an organisatie, in four groups that the rules use."""

    ministerie = "ministerie"
    gemeente = "gemeente"
    provincie = "provincie"
    waterschap = "waterschap"
    directoraat_generaal = "directoraat-generaal"
    directie = "directie"
    functie = "functie"
    agentschap = "agentschap"
    zbo = "zbo"
    rwt = "rwt"
    uitvoeringsorganisatie = "uitvoeringsorganisatie"
    overleg = "overleg"
    private = "private"
    overig = "overig"

    @property
    def groep(self) -> str:
        return GROEPEN[self.value]


GROEPEN: dict[str, str] = {
    "ministerie": "bestuur",
    "gemeente": "bestuur",
    "provincie": "bestuur",
    "waterschap": "bestuur",
    "directoraat-generaal": "eenheid",
    "directie": "eenheid",
    "functie": "eenheid",
    "agentschap": "uitvoerder",
    "zbo": "uitvoerder",
    "rwt": "uitvoerder",
    "uitvoeringsorganisatie": "uitvoerder",
    "overleg": "overig",
    "private": "overig",
    "overig": "overig",
}


class Rol(StrEnum):
    eigenaar = "eigenaar"
    opdrachtgever = "opdrachtgever"


class Sturingsmodel(StrEnum):
    principaal_agent = "principaal-agent"
    stewardship = "stewardship"


class AfspraakSoort(StrEnum):
    resultaatafspraak = "resultaatafspraak"
    samenwerkingsafspraak = "samenwerkingsafspraak"
    convenant = "convenant"
    ketenafspraak = "ketenafspraak"
    gegevensleveringsovereenkomst = "gegevensleveringsovereenkomst"
    verwerkersovereenkomst = "verwerkersovereenkomst"
    opdrachtgeversagenda = "opdrachtgeversagenda"
    werkagenda = "werkagenda"
    wettelijke_regeling = "wettelijke-regeling"


class GegevensSoort(StrEnum):
    basisregistratie = "basisregistratie"
    registratie = "registratie"
    dataset = "dataset"


class MiddelSoort(StrEnum):
    systeem = "systeem"
    dienst = "dienst"
    overig = "overig"


def _ladder_schema(schema: dict) -> None:
    """JSON Schema of ``escalatie``: a non-empty list of distinct ids, never null."""
    arrays = [s for s in schema.pop("anyOf", []) if s.get("type") == "array"]
    schema.pop("default", None)
    schema.update(arrays[0] if arrays else {"type": "array"})
    schema.update(minItems=1, uniqueItems=True)


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_default=False)


class ModelInfo(_Base):
    """The ``model:`` block."""

    id: Id
    naam: Text
    beschrijving: Optional[FreeText] = None
    peildatum: Optional[Datum] = None


class Organisatie(_Base):
    """An actor: organisation, unit, position or forum."""

    id: Id
    naam: Text
    soort: OrganisatieSoort
    onderdeel_van: Optional[Id] = None
    onafhankelijk: StrictBool = False
    capaciteit: Optional[NonNegative] = None
    deelnemers: Optional[list[Id]] = None
    kenmerken: Optional[dict[StrictStr, Scalar]] = None


class Sturingsrelatie(_Base):
    """``van`` holds role ``rol`` towards ``naar`` (the opdrachtnemer)."""

    van: Id
    naar: Id
    rol: Rol
    coordinerend: StrictBool = False
    sturingsmodel: Optional[Sturingsmodel] = None
    kenmerken: Optional[dict[StrictStr, Scalar]] = None

    @property
    def key(self) -> str:
        """The relation's name ``ROL:VAN->NAAR``."""
        return f"{self.rol.value}:{self.van}->{self.naar}"


class Periode(_Base):
    van: Optional[Datum] = None
    tot: Optional[Datum] = None


class Opdracht(_Base):
    id: Id
    naam: Optional[Text] = None
    opdrachtgever: Id
    opdrachtnemer: Id
    capaciteit: Optional[NonNegative] = None
    periode: Optional[Periode] = None
    raakt: Optional[list[Id]] = None
    nieuw_beleid: StrictBool = False
    uitvoeringstoets: Optional[StrictBool] = None
    kenmerken: Optional[dict[StrictStr, Scalar]] = None


class Afspraak(_Base):
    id: Id
    naam: Optional[Text] = None
    soort: AfspraakSoort
    partijen: list[Id]
    geldig_van: Optional[Datum] = None
    geldig_tot: Optional[Datum] = None
    keten: Optional[Id] = None
    gegevens: Optional[list[Id]] = None
    meerjarig: Optional[StrictBool] = None
    #: The escalation ladder, in order; the last id is the top. Absent = no ladder. An empty or
    #: null ladder and a repeated id are errors, reported by the loader's cross-checks with their
    #: positions (so the schema below says so too, for editors).
    escalatie: Optional[list[Id]] = Field(default=None, json_schema_extra=_ladder_schema)
    kenmerken: Optional[dict[StrictStr, Scalar]] = None


class Schakel(_Base):
    id: Id
    naam: Text
    uitvoerder: Optional[Id] = None
    eigenaar: Optional[Id] = None
    volgt_op: Optional[list[Id]] = None
    gebruikt: Optional[list[Id]] = None
    levert: Optional[list[Id]] = None
    prestatie: Optional[Share] = None
    kenmerken: Optional[dict[StrictStr, Scalar]] = None


class Keten(_Base):
    id: Id
    naam: Text
    regisseur: Optional[Id] = None
    bestuur: Optional[Id] = None
    doorzettingsmacht: StrictBool = False
    schakels: list[Schakel] = Field(default_factory=list)
    kenmerken: Optional[dict[StrictStr, Scalar]] = None


class Gegevens(_Base):
    id: Id
    naam: Text
    soort: GegevensSoort = GegevensSoort.dataset
    eigenaar: Optional[Id] = None
    beheerder: Optional[Id] = None
    bronhouders: Optional[list[Id]] = None
    verwerkingsverantwoordelijke: Optional[Id] = None
    persoonsgegevens: StrictBool = False
    afgeleid_van: Optional[list[Id]] = None
    kenmerken: Optional[dict[StrictStr, Scalar]] = None


class Gegevensstroom(_Base):
    id: Id
    gegevens: Id
    van: Id
    naar: Id
    grondslag: Optional[FreeText] = None
    verwerker: StrictBool = False
    kenmerken: Optional[dict[StrictStr, Scalar]] = None

    @property
    def heeft_grondslag(self) -> bool:
        """Empty or blank counts as absent (MODEL.md)."""
        return bool(self.grondslag and self.grondslag.strip())


class Middel(_Base):
    id: Id
    naam: Text
    soort: MiddelSoort = MiddelSoort.overig
    beheerder: Optional[Id] = None
    kenmerken: Optional[dict[StrictStr, Scalar]] = None


class Uitzondering(_Base):
    regel: Annotated[StrictStr, StringConstraints(pattern=r"^[A-Z][0-9]{2}$")]
    onderwerp: Text
    reden: Text
    geldig_tot: Optional[Datum] = None


class ModelFile(_Base):
    """One YAML file of a model: every section optional, lists concatenated across files."""

    ketengraaf: Literal[1] = Field(description="Format version of this file; always 1.")
    model: Optional[ModelInfo] = None
    organisaties: list[Organisatie] = Field(default_factory=list)
    sturingsrelaties: list[Sturingsrelatie] = Field(default_factory=list)
    opdrachten: list[Opdracht] = Field(default_factory=list)
    afspraken: list[Afspraak] = Field(default_factory=list)
    ketens: list[Keten] = Field(default_factory=list)
    gegevens: list[Gegevens] = Field(default_factory=list)
    gegevensstromen: list[Gegevensstroom] = Field(default_factory=list)
    middelen: list[Middel] = Field(default_factory=list)
    uitzonderingen: list[Uitzondering] = Field(default_factory=list)


#: The list sections, in the order of MODEL.md.
SECTIONS: tuple[str, ...] = (
    "organisaties",
    "sturingsrelaties",
    "opdrachten",
    "afspraken",
    "ketens",
    "gegevens",
    "gegevensstromen",
    "middelen",
    "uitzonderingen",
)

#: Keys whose values are dates (and so may be unquoted YAML dates).
DATE_KEYS = frozenset({"peildatum", "geldig_van", "geldig_tot"})

"""Values of ``ketengraaf:*`` properties: one text each in the exchange file, typed in the model.

The export writes every value so that the import reads back exactly the value the model had; the
import also reads what a person types in Archi's property table (``ja``, ``0,8``). A value that
does not read as its type stays text, so that the loader reports it with its line (``'capaciteit'
must be a number, not 'veel'``).

>>> [number(x) for x in ("300", "0.95", "0,8", " 12 ", "veel")]
[300, 0.95, 0.8, 12, 'veel']
>>> [boolean(x) for x in ("true", "Ja", "0", "misschien")]
[True, True, False, 'misschien']
>>> [kenmerk(format_kenmerk(v)) for v in ("abc", "12", 12, 1.5, True, None, "", "true", ' x ', 'a "b"')]
['abc', '12', 12, 1.5, True, None, '', 'true', ' x ', 'a "b"']
>>> format_kenmerk("12"), format_kenmerk("Financiën")
('"12"', 'Financiën')
"""

from __future__ import annotations

import re
from typing import Any, Union

import yaml

from ketengraaf.model.yamlwrite import scalar

_INT = re.compile(r"[-+]?\d+")
_FLOAT = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
_TRUE = {"true", "ja", "yes", "1", "waar", "j", "y"}
_FALSE = {"false", "nee", "no", "0", "onwaar", "n"}


def number(text: str) -> Union[int, float, str]:
    """``300`` -> 300, ``0.95`` and ``0,95`` -> 0.95; anything else stays text."""
    t = text.strip()
    if _INT.fullmatch(t):
        return int(t)
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    if _FLOAT.fullmatch(t):
        return float(t)
    return text


def boolean(text: str) -> Union[bool, str]:
    """``true``/``false`` (also ``ja``/``nee``, ``yes``/``no``, ``1``/``0``); anything else stays text."""
    t = text.strip().casefold()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    return text


def ids(text: str) -> list[str]:
    """A list of ids (or names) separated by commas: ``og-beraad-rws, sg-ienw``."""
    return [x.strip() for x in text.split(",") if x.strip()]


def format_number(x: float) -> str:
    """A number as the export writes it: whole numbers without a decimal point."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def format_bool(b: bool) -> str:
    return "true" if b else "false"


# ------------------------------------------------------------------------------------------------
# kenmerken: any scalar, so the text says its type


def kenmerk(text: str) -> Any:
    """A kenmerk's value: ``true``/``false``, ``null``, a number, a double-quoted text, else the text."""
    t = text
    if t in ("true", "false"):
        return t == "true"
    if t == "null":
        return None
    if _INT.fullmatch(t):
        return int(t)
    if _FLOAT.fullmatch(t):
        return float(t)
    if len(t) >= 2 and t.startswith('"') and t.endswith('"'):
        try:
            v = yaml.safe_load(t)
        except yaml.YAMLError:
            return t
        if isinstance(v, str):
            return v
    return t


def format_kenmerk(v: Any) -> str:
    """The text :func:`kenmerk` reads back as ``v``."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return format_bool(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    s = str(v)
    if kenmerk(s) == s and type(kenmerk(s)) is str:
        return s
    return scalar(s) if scalar(s).startswith('"') else f'"{s}"'

"""Writing model YAML that every YAML 1.1 and 1.2 reader reads alike.

The one writer of ketengraaf's own YAML: ``ketengraaf generate`` (synthetic models) and the
importers (``ketengraaf import roo``) write through it. One flow mapping per list item and line, as
in voorbeeld.yaml, with a scalar quoting that no YAML 1.1 or 1.2 reader can misread
(:func:`scalar`): plain only for safe tokens, double-quoted otherwise.

>>> flow({"id": "min-fin", "naam": "Financiën", "soort": "ministerie", "kenmerken": {"roo_systeemid": 68820}})
'{id: min-fin, naam: "Financiën", soort: ministerie, kenmerken: {roo_systeemid: 68820}}'
>>> flow({"on": "off", "geldig_van": "2026-01-01", "roo_einddatum": "2026-01-01"})
'{"on": "off", geldig_van: 2026-01-01, roo_einddatum: "2026-01-01"}'
"""

from __future__ import annotations

import re
from typing import Any, Optional

_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9 ._/()-]*[A-Za-z0-9._)])?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# YAML 1.1 reads these words as booleans or null (compared in lower case: stricter than needed).
_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
# Outside YAML's printable set, plus tab and the line breaks YAML 1.1 knows: escaped.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _escape_char(m: re.Match[str]) -> str:
    c = m.group()
    special = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if c in special:
        return special[c]
    o = ord(c)
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def scalar(s: str) -> str:
    """``s`` as a YAML scalar that every reader takes as exactly this text.

    Plain only when it is a safe token: starts with an ASCII letter, holds only letters, digits,
    spaces and ``._/()-``, does not end in a space, and is not a YAML 1.1 boolean or null word
    (a leading letter already rules out numbers, dates and ``.inf``). Anything else is
    double-quoted, escaping backslash, double quote and unprintable characters.

    >>> [scalar(x) for x in ("org-1", "No", "12", "Financiën", "'t Hooft", "a\\\\b", "")]
    ['org-1', '"No"', '"12"', '"Financiën"', '"\\'t Hooft"', '"a\\\\\\\\b"', '""']
    """
    if _PLAIN.fullmatch(s) and s.lower() not in _WORDS:
        return s
    if "\\" in s or '"' in s:
        s = s.replace("\\", "\\\\").replace('"', '\\"')
    if _UNPRINTABLE.search(s):
        s = _UNPRINTABLE.sub(_escape_char, s)
    return f'"{s}"'


def _number(x: float) -> str:
    """A float as YAML 1.1 and 1.2 both read it: with a dot, no bare exponent."""
    r = repr(x)
    if "e" in r or "E" in r or "n" in r:  # YAML 1.1 wants a dot and a signed exponent; no inf/nan here
        r = format(x, ".9f").rstrip("0")
        if r.endswith("."):
            r += "0"
    elif "." not in r:
        r += ".0"
    return r


def value(v: Any, date_ok: bool = False) -> str:
    """Any model value (text, bool, number, list, mapping, None) as YAML; ``date_ok``: a
    ``YYYY-MM-DD`` text is written as a plain date (it stands under a date key)."""
    t = type(v)
    if t is str:
        if date_ok and _DATE.fullmatch(v):
            return v
        return scalar(v)
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return str(v)
    if t is float:
        return _number(v)
    if t is list:
        return "[" + ", ".join([value(x) for x in v]) + "]"
    if t is dict:
        return flow(v, all_dates=date_ok)
    if v is None:
        return "null"
    raise TypeError(f"cannot write {t.__name__} {v!r}")  # pragma: no cover


DATE_KEYS = frozenset({"peildatum", "geldig_van", "geldig_tot"})


def key(k: str) -> str:
    """A mapping key: plain when it is a word YAML reads as text (``onderdeel_van``), else quoted."""
    out = _KEYS.get(k)
    if out is None:
        out = k if _KEY.fullmatch(k) and k.lower() not in _WORDS else scalar(k)
        if len(_KEYS) < 4096:
            _KEYS[k] = out
    return out


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEYS: dict[str, str] = {}


def flow(d: dict[str, Any], all_dates: bool = False) -> str:
    """A flow mapping ``{k: v, ...}``; values under date keys (and in ``periode``) are dates."""
    parts = []
    for k, v in d.items():
        parts.append(f"{key(k)}: {value(v, all_dates or k in DATE_KEYS or k == 'periode')}")
    return "{" + ", ".join(parts) + "}"


def section(name: str, items: list[dict[str, Any]], out: list[str]) -> None:
    """Append the section ``name`` to ``out``: one flow mapping per item and line (``ketens`` as a
    block mapping per chain with its ``schakels`` one per line), or ``name: []`` when empty."""
    if not items:
        out.append(f"{name}: []\n")
        return
    out.append(f"{name}:\n")
    if name == "ketens":
        for k in items:
            first = True
            for key, v in k.items():
                lead = "  - " if first else "    "
                first = False
                if key == "schakels":
                    if not v:
                        out.append(f"{lead}schakels: []\n")
                        continue
                    out.append(f"{lead}schakels:\n")
                    out.extend(f"      - {flow(s)}\n" for s in v)
                else:
                    out.append(f"{lead}{key}: {value(v, key in DATE_KEYS)}\n")
        return
    out.extend(f"  - {flow(it)}\n" for it in items)


#: The list sections of a model file, in the order of MODEL.md.
SECTIONS = ("organisaties", "sturingsrelaties", "opdrachten", "afspraken", "ketens", "gegevens", "gegevensstromen",
            "middelen", "uitzonderingen")


def header(info: Optional[dict[str, Any]], head: str = "") -> list[str]:
    """The start of a model file: ``head`` (comment lines), ``ketengraaf: 1`` and, when given, the
    ``model:`` block."""
    out = [head, "ketengraaf: 1\n"] if head else ["ketengraaf: 1\n"]
    if info is not None:
        out.append("model:\n")
        out.extend(f"  {key(k)}: {value(v, k in DATE_KEYS)}\n" for k, v in info.items())
    return out


def model_text(model: dict[str, Any], head: str = "", sections: tuple[str, ...] = SECTIONS) -> str:
    """A model (``{"model": {...}, "organisaties": [...], ...}``) as the text of one YAML file:
    :func:`header`, then ``sections`` (every section, empty ones as ``name: []``)."""
    out = header(model.get("model"), head)
    for s in sections:
        out.append("\n")
        section(s, model.get(s, []), out)
    return "".join(out)

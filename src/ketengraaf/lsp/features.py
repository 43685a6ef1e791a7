"""What the editor asks about a place in a file: hover, completion, code actions, rename edits.

Functions of the text, the :class:`~ketengraaf.lsp.index.ModelIndex` and the diagnostics; positions
are 0-based lines and code-point columns here (the server converts to the client's units).
"""

from __future__ import annotations

import enum
import re
import typing
from datetime import date
from typing import Any, Optional

from ketengraaf.lsp.check import Diag
from ketengraaf.lsp.index import ModelIndex
from ketengraaf.model.references import DECLARES, reference
from ketengraaf.texts import soort_label
from ketengraaf.texts.lsp import lsp_text

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:")
_FLOW_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*:\s*")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def token_at(line: str, col: int) -> Optional[tuple[int, int, str]]:
    """The word (an id, a rule code) under column ``col``: ``(start, end, text)``."""
    for m in _TOKEN.finditer(line):
        if m.start() <= col <= m.end():
            return m.start(), m.end(), m.group()
        if m.start() > col:
            break
    return None


# ------------------------------------------------------------------------------------------ context
def context_at(lines: list[str], line: int, col: int) -> tuple[Optional[str], Optional[str], Optional[str], bool]:
    """Where the cursor stands: ``(section, within, key, at_value)`` — the top-level section, whether
    inside a keten's ``schakels``, the key whose value is being written (None when a key is being
    written), for a text in YAML block or flow style."""
    text = lines[line][:col] if line < len(lines) else ""
    section = None
    for k in range(line, -1, -1):
        ln = lines[k] if k < len(lines) else ""
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:", ln)
        if m and (k < line or col >= len(ln)):
            section = m.group(1)
            break
    within = "schakels" if "schakels" in text or _parent_key(lines, line, _indent(text)) == "schakels" else None
    # the key being given a value: the last `key:` before the cursor, on this line
    keys = list(_FLOW_KEY.finditer(text))
    if keys:
        last = keys[-1]
        rest = text[last.end():]
        if "," not in rest or rest.lstrip().startswith("["):
            if not (rest.lstrip().startswith("[") and "]" in rest):
                return section, within, last.group(1), True
    if ":" not in text and line > 0 and re.match(r"^\s*-\s*[A-Za-z0-9._-]*$", text):
        # a list item in block style: the key above it (`partijen:` then `  - a`)
        for k in range(line - 1, -1, -1):
            m = re.match(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:\s*$", lines[k])
            if m:
                return section, within, m.group(1), True
            if not re.match(r"^\s*-\s", lines[k]):
                break
    return section, within, None, False


def _indent(text: str) -> int:
    stripped = text.lstrip(" ")
    ind = len(text) - len(stripped)
    return ind + 2 if stripped.startswith("- ") else ind  # a key after "- " stands in the item


def _parent_key(lines: list[str], line: int, indent: int) -> Optional[str]:
    """The key of the list or mapping that holds what stands at ``indent`` on ``line``: up past the
    item (``- …``) to the key its list belongs to."""
    for k in range(line - 1, -1, -1):
        ln = lines[k]
        body = ln.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        ind = len(ln) - len(body)
        if ind >= indent:
            continue
        if body.startswith("- ") or body == "-":
            indent = ind + (1 if ind else 0)  # the list's key stands left of its dash (or level with it)
            continue
        m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*:", body)
        return m.group(1) if m else None
    return None


# ------------------------------------------------------------------------------------------ completion
def _enum_of(annotation: Any) -> Optional[type[enum.Enum]]:
    stack = [annotation]
    while stack:
        a = stack.pop()
        if isinstance(a, type) and issubclass(a, enum.Enum):
            return a
        stack.extend(typing.get_args(a))
    return None


def _item_class(section: Optional[str], within: Optional[str]) -> Any:
    from ketengraaf.model.loader import ITEM_CLASS
    from ketengraaf.model.types import Schakel

    if within == "schakels":
        return Schakel
    return ITEM_CLASS.get(section or "")


def completions(lines: list[str], line: int, col: int, index: ModelIndex, lang: str) -> list[tuple[str, str, str]]:
    """What may stand here: ``(label, kind, detail)`` with kind ``id``, ``enum``, ``rule``, ``key``,
    ``section``."""
    from ketengraaf.model.types import SECTIONS
    from ketengraaf.rules import registry

    section, within, key, at_value = context_at(lines, line, col)
    text = lines[line][:col] if line < len(lines) else ""
    if at_value and key:
        if section == "uitzonderingen" and key == "regel":
            return [(r.code, "rule", r.title(lang)) for r in registry.select()]
        if section == "uitzonderingen" and key == "onderwerp":
            return [(i, "id", index.kind_of(i) or "") for i in sorted(index.defs)]
        r = reference(section or "", key, within)
        if r is not None:
            out = []
            for i in index.ids_of(r.kind):
                item = index.item(i)
                data = item[1] if item else {}
                if r.soort and data.get("soort") != r.soort:
                    continue
                out.append((i, "id", str(data.get("naam", ""))))
            return out
        cls = _item_class(section, within)
        if cls is not None and key in cls.model_fields:
            e = _enum_of(cls.model_fields[key].annotation)
            if e is not None:
                return [(v.value, "enum", soort_label(v.value, lang)) for v in e]
        return []
    if not text.strip() and not text:
        return [(s, "section", "") for s in ("ketengraaf", "model") + tuple(SECTIONS)]
    if re.match(r"^[A-Za-z_]*$", text):  # a top-level key being written
        return [(s, "section", "") for s in ("ketengraaf", "model") + tuple(SECTIONS)]
    cls = _item_class(section, within)
    if cls is None:
        return []
    return [(f, "key", "") for f in cls.model_fields]


# ------------------------------------------------------------------------------------------ hover
def hover_id(id_: str, index: ModelIndex, lang: str) -> Optional[str]:
    item = index.item(id_)
    if item is None:
        return None
    section, data = item
    head = f"**{data.get('naam', id_)}** (`{id_}`) — {DECLARES.get(section, section)}"
    parts = [head]
    if data.get("soort"):
        parts.append(f"{lsp_text('soort', lang)}: {soort_label(str(data['soort']), lang)}")
    if data.get("onderdeel_van"):
        parts.append(f"{lsp_text('onderdeel_van', lang)}: {_name(index, str(data['onderdeel_van']))}")
    if section == "organisaties":
        rels = []
        for van, rol, naar in index.relations():
            if van == id_:
                rels.append("- " + lsp_text("rel_out", lang, rol=soort_label(rol, lang), naar=_name(index, naar)))
            elif naar == id_:
                rels.append("- " + lsp_text("rel_in", lang, van=_name(index, van), rol=soort_label(rol, lang)))
        if rels:
            parts.append(f"{lsp_text('sturing', lang)}:\n" + "\n".join(rels))
    return "\n\n".join(parts)


def _name(index: ModelIndex, id_: str) -> str:
    item = index.item(id_)
    return f"{item[1].get('naam', id_)} (`{id_}`)" if item else f"`{id_}`"


def hover_rule(code: str, lang: str) -> Optional[str]:
    from ketengraaf.rules import registry
    from ketengraaf.rules.base import THEMES

    r = registry.RULES.get(code.upper()) if re.match(r"^[A-Za-z][0-9]{2}$", code) else None
    if r is None:
        return None
    return lsp_text("rule_hover", lang, code=r.code, title=r.title(lang), severity=r.severity,
                    theme=THEMES[r.code[0]][1 if lang == "nl" else 2], meaning=r.rationale[lang].strip())


def hover_finding(d: Diag, lang: str) -> str:
    from ketengraaf.rules import registry

    r = registry.get(d.code or "")
    return lsp_text("finding_hover", lang, code=r.code, title=r.title(lang), message=d.message, fix=r.fix[lang].strip())


# ------------------------------------------------------------------------------------------ code actions
def section_line(lines: list[str], name: str) -> Optional[tuple[int, str]]:
    """The line of top-level section ``name`` and what follows its colon (comment left out)."""
    for k, ln in enumerate(lines):
        m = re.match(rf"^{re.escape(name)}\s*:(.*)$", ln)
        if m:
            return k, re.sub(r"\s+#.*$", "", m.group(1)).strip()
    return None


def section_end(lines: list[str], name: str) -> Optional[tuple[int, str]]:
    """After which line a new item of top-level section ``name`` goes, and the indentation of its
    items (``"  "`` for ``  - id: …``); None when the file has no such (block-style) section."""
    start = next((k for k, ln in enumerate(lines) if re.match(rf"^{re.escape(name)}\s*:\s*(#.*)?$", ln)), None)
    if start is None:
        return None
    last, indent = start, None
    for k in range(start + 1, len(lines)):
        ln = lines[k]
        if re.match(r"^[A-Za-z_]", ln):  # the next section
            break
        if ln.strip() and not ln.lstrip().startswith("#"):
            last = k
            m = re.match(r"^(\s*)-\s", ln)
            if m and indent is None:
                indent = m.group(1)
    return last, "  " if indent is None else indent


def exception_text(code: str, onderwerp: str, indent: str, lang: str, today: date) -> str:
    """An uitzondering for a finding, as block YAML: ``geldig_tot`` one year ahead (DECISIONS.md:
    an exception that expires tomorrow helps nobody), today's date in a comment."""
    try:
        until = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        until = today.replace(year=today.year + 1, day=28)
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    i2 = indent + "  "
    return (f"{indent}- regel: {code}  # {lsp_text('exception_comment', lang, today=today.isoformat())}\n"
            f"{i2}onderwerp: {q(onderwerp)}\n{i2}reden: {q(lsp_text('exception_reason', lang))}\n"
            f"{i2}geldig_tot: {until.isoformat()}\n")


def soort_expected(lines: list[str], line: int, col: int) -> Optional[str]:
    """The soort the reference at ``line``/``col`` asks of the organisation it names (a keten's
    ``bestuur``: ``overleg``), if any."""
    section, within, key, at_value = context_at(lines, line, col)
    r = reference(section or "", key, within) if key and at_value else None
    return r.soort if r else None


def organisation_text(id_: str, indent: str, soort: str = "overig") -> str:
    i2 = indent + "  "
    return f"{indent}- id: {id_}\n{i2}naam: {id_}\n{i2}soort: {soort}\n"


_QUOTE_HINT = re.compile(r"put the whole text in quotes: ([A-Za-z_][A-Za-z0-9_]*): (\".*\")$")


def quote_edit(lines: list[str], d: Diag) -> Optional[tuple[int, int, int, str]]:
    """For the flow-mapping comma error: replace ``naam: A, B`` (up to the end of ``B``) by the
    quoted text the message proposes. ``(line, start, end, new text)``."""
    m = _QUOTE_HINT.search(d.message)
    if not m or d.line < 1 or d.line > len(lines):
        return None
    key, quoted = m.group(1), m.group(2)
    text = lines[d.line - 1]
    c = d.column - 1
    km = None
    for km_ in re.finditer(rf"(?<![A-Za-z0-9_]){re.escape(key)}\s*:\s*", text[:c]):
        km = km_
    if km is None:
        return None
    end = c
    while end < len(text) and text[end] not in ",}":
        end += 1
    while end > c and text[end - 1] == " ":
        end -= 1
    return d.line - 1, km.end(), end, quoted

"""The fast path: rapidyaml to JSON to Python, trusted only where YAML 1.1 and 1.2 agree."""

from __future__ import annotations

import os
import re
import sys
from typing import Any

import orjson

try:  # pragma: no cover - exercised implicitly
    import ryml  # type: ignore[import-untyped]
except Exception:  # pragma: no cover - the fast path is optional
    ryml = None

# The checks below scan the whole text, so they run on RE2 (``google-re2``: a DFA, linear and
# about 10x faster than ``re`` here: ~0.4 s instead of ~4 s for a 36 MB model) when it is
# installed, else on ``re`` with the same patterns. The patterns avoid what RE2 lacks
# (look-around, back-references) so that both engines decide identically.

try:  # pragma: no cover - exercised implicitly
    import re2 as _rx  # type: ignore[import-untyped]
except Exception:  # pragma: no cover - the fallback is tested explicitly
    _rx = re

#: The engine the fast-path checks use ("re2" or "re").
ENGINE = _rx.__name__


class _Checks:
    """The fast path's text checks, compiled with one regex engine (``re2`` or ``re``)."""

    def __init__(self, rx: Any) -> None:
        c = rx.compile
        # Text that rapidyaml's JSON does not represent the way a YAML 1.1 reader would.
        # Anchors, aliases and tags (an indicator at the start of a token, followed by a name),
        # and the reserved indicators @ and `; also % (directives) at the start of a token.
        # An indicator alone at the start of a scalar (`id: *`) is an empty anchor, alias or tag.
        # After a closing quote (`"x"!`) an indicator is junk that PyYAML rejects.
        self.indicator = c(rb"(?m)(?:^|[ \t\r\n\[\]{},:\-\"'])(?:[&*!][^ \t\n\r\f\v,\]}]|[@`%])"
                           rb"|(?:^[ \t]*|[:\-,\[\]{}\"'][ \t]*)[&*!](?:[ \t\r\n,\]}]|$)")
        # A comment: a `#` at the start of a line or after a space or tab, with no quote and no
        # other `#` before it on the line (a line that has quotes before its `#` keeps it: that
        # `#` may be inside a quoted text). Group 1 is what stays.
        self.comment = c(rb"(?m)^((?:[^'\"\n#]*[ \t])?)#[^\n]*")
        # Line breaks for YAML 1.1 (the precise reader) but text for YAML 1.2 (rapidyaml): a CR
        # without LF, NEL, U+2028, U+2029 (found by the fuzzer). The loader refuses them before
        # reading (model/inputs.py); read_fast, usable on its own, refuses them too.
        # (Written as characters, not \x escapes: RE2 reads a pattern as UTF-8.)
        # A CR that ends the text is tested apart: `$` means "end, or before a final LF" in
        # ``re`` but "end" in RE2, and `\z`/`\Z` are spelled differently in the two.
        self.odd_break = c(rb"\r[^\n]|" + "\u0085|\u2028|\u2029".encode())
        self.doc_marker = c(rb"(?m)^(?:---|\.\.\.)(?:[ \t\r\n]|$)|^%")  # document markers, directives
        self.flow_empty = c(rb"[,\[{][ \t]*[:?,]")  # empty keys and entries in flow collections
        # A plain value starting with ':' or '?' (`soort: ?x`): inside a flow collection PyYAML
        # reads that '?' as a key indicator and rejects the line, rapidyaml reads a text.
        self.colon_value = c(rb":[ \t]+[:?]")
        # Block scalars (`|`, `>`) are read alike only with a plain header in a value position
        # (`naam: >`, `- |-`, `beschrijving: |2  # comment`); any other `|` or `>` where a scalar
        # starts (a document that is one block scalar, `|1b`, ...) takes the precise path.
        self.block_start = c(rb"(?m)(?:^[ \t]*|[:\-?,\[{][ \t]+|[\[{,])[|>]")
        self.block_ok = c(rb"(?m)[:\-][ \t]+[|>](?:[1-9][-+]?|[-+][1-9]?)?[ \t]*(?:[ \t]#[^\n]*)?$")
        # A flow closer where a block value starts (`- ]`, `a: }`): PyYAML rejects it, rapidyaml
        # may read it as text; and at the start of a line (where it may also close a flow
        # collection written over several lines: such files take the precise path).
        # Also a line that starts with `?` or `:` (an explicit key, an empty key, or text that
        # rapidyaml reads inside a flow collection and PyYAML rejects).
        self.stray_closer = c(rb"(?m)[-:][ \t]+[\]}]|^[ \t]*[\]}]|^[ \t]*[?:]")
        self.flow_comment = c(rb"[{\[][^}\]\n]*[ \t]#")  # a comment inside a flow collection
        # Top-level keys (duplicates must reach the precise path, which reports them).
        self.top_key = c(rb"(?m)^([^ \t\r\n\f\v#\-][^:\n]*):")
        # In the emitted JSON: strings a YAML 1.1 resolver would have read as bool, null, int,
        # float, merge or value.
        self.y11_string = c(b'"(?:' + _Y11.encode() + b')"')
        # Numbers with an exponent: YAML 1.1 reads many of them as text (it wants "1.0e+3").
        self.exp_number = c(rb"[0-9][eE][-+]?[0-9]")
        # Date-like strings, and those standing under a key where a date belongs. These two are
        # *counted* (every date of the model matches), and ``re`` returns many matches far faster
        # than the RE2 binding does (0.2 s against 0.9 s for 110,000 dates), so they use ``re``.
        self.date_string = re.compile(rb'"[0-9]{4}-[0-9]')
        self.date_in_date_key = re.compile(
            rb'"(?:peildatum|geldig_van|geldig_tot|van|tot)": "[0-9]{4}-[0-9]{2}-[0-9]{2}"')
        # The token checks and the JSON checks as one alternation each: one pass over a 60 MB text
        # instead of four (RE2 runs an alternation as one automaton).
        self.tokens = c(_any_of(self.indicator, self.flow_empty, self.colon_value, self.stray_closer))
        self.y11_or_exp = c(_any_of(self.y11_string, self.exp_number))

    def raw_refuses(self, raw: bytes) -> bool:
        if raw.endswith(b"\r") or self.odd_break.search(raw):
            return True
        if raw.startswith((b"---", b"...", b"%")) or b"\n---" in raw or b"\n..." in raw or b"\n%" in raw:
            if self.doc_marker.search(raw):
                return True
        if self._token_checks(raw):
            # Comments may hold anything (`# zie *.yaml`, `# R&D`): both readers skip them, so
            # look again with the comments taken out before sending a big file the slow way.
            if b"#" not in raw or self._token_checks(self.comment.sub(rb"\1", raw)):
                return True
        if b"#" in raw and self.flow_comment.search(raw):
            return True
        top = self.top_key.findall(raw)
        return len(top) != len(set(top))

    def _token_checks(self, raw: bytes) -> bool:
        return bool(self.tokens.search(raw)
                    or ((b"|" in raw or b">" in raw) and self._bad_block(raw))
                    # Tabs: YAML 1.1 and rapidyaml disagree on them around indicators and flow
                    # closers (PyYAML rejects `a: -\tb`, rapidyaml reads "-\tb"; rapidyaml keeps the
                    # tab of `[x\t]`). Model files rarely hold a tab; those take the precise path.
                    or b"\t" in raw)

    def _bad_block(self, raw: bytes) -> bool:
        starts = self.block_start.findall(raw)
        return bool(starts) and len(starts) != len(self.block_ok.findall(raw))

    def json_refuses(self, text: bytes) -> bool:
        if self.y11_or_exp.search(text) or b'"": ' in text or b'": null' in text:
            return True
        # Every string starting like a date must be a plain date under a date key.
        dates = len(self.date_string.findall(text))
        return bool(dates) and dates != len(self.date_in_date_key.findall(text))


def _any_of(*patterns: Any) -> bytes:
    """One pattern matching where any of ``patterns`` matches; a leading ``(?m)`` becomes a scoped
    ``(?m:...)`` group (both engines reject global flags in the middle of a pattern).

    >>> _any_of(re.compile(rb"(?m)^a"), re.compile(rb"b"))
    b'(?m:^a)|(?:b)'
    """
    out = []
    for p in patterns:
        src = p.pattern
        out.append(b"(?m:" + src[4:] + b")" if src.startswith(b"(?m)") else b"(?:" + src + b")")
    return b"|".join(out)


# JSON strings that a YAML 1.1 resolver would have read as bool, null, int, float, merge or value.
_Y11 = (
    r"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|~|null|Null|NULL|<<|="
    r"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
    r"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)

_CHECKS = _Checks(_rx)


class _quiet_stderr:
    """rapidyaml prints parse errors on the C stderr; the precise path reports them properly."""

    def __enter__(self) -> None:
        try:
            sys.stderr.flush()
            self._saved = os.dup(2)
            self._null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(self._null, 2)
        except OSError:  # pragma: no cover - no fd 2
            self._saved = None

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            os.dup2(self._saved, 2)
            os.close(self._saved)
            os.close(self._null)


def read_fast(raw: bytes) -> Any | None:
    """Parse ``raw`` with rapidyaml, or return ``None`` when only the precise path may decide.

    >>> read_fast(b"ketengraaf: 1\\norganisaties:\\n  - {id: rws, naam: Rijkswaterstaat}\\n")
    {'ketengraaf': 1, 'organisaties': [{'id': 'rws', 'naam': 'Rijkswaterstaat'}]}
    >>> read_fast(b"id: on\\n") is None   # YAML 1.1 reads `on` as a boolean: let PyYAML decide
    True
    """
    if ryml is None or not raw.strip():
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if _CHECKS.raw_refuses(raw):
        return None
    try:
        with _quiet_stderr():
            tree = ryml.parse_in_arena(raw)
            # JSON straight into bytes (no str round trip): the checks and orjson read bytes.
            text = bytearray(ryml.compute_json_length(tree, tree.root_id()))
            ryml.emit_json_in_place(tree, text)
            del tree
    except Exception:
        return None
    if not text or _CHECKS.json_refuses(text):
        return None
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    # A key repeated inside one mapping survives in the text but not in the data. Dumped again in
    # the same layout, the data must show exactly as many `": ` separators: a removed duplicate
    # lowers the count, and every other string shows identically in both texts.
    again = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    if text.count(b'": ') != again.count(b'": '):
        return None
    return data

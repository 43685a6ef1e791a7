"""Reading YAML: a fast path for the common valid file, a precise path with positions.

Why two paths
-------------
PyYAML, even with its C loader, parses about 0.5–1 MB/s of model YAML; a national model is tens of
megabytes. rapidyaml (``ryml``) parses the same text well over 20× faster and can emit it as JSON,
which ``orjson`` turns into Python objects at C speed. But rapidyaml implements YAML 1.2 and keeps
no source positions in the JSON, while the model format follows what YAML 1.1 readers (PyYAML,
most editors) do: ``on``/``no`` are booleans, ``012`` is a number, ``~`` is null.

So :func:`read_fast` is only trusted when a file cannot be read differently by the two: it refuses
(returns ``None``) as soon as the text holds anything where YAML 1.1 and 1.2 may disagree or that it
does not model — anchors, aliases, tags, document markers, and any scalar that a YAML 1.1 resolver
would turn into a boolean, number, null or date outside the date keys. :func:`read_precise` is
the reference: PyYAML's composer (C, safe), our own constructor that records the position of every
key and value, expands aliases only up to a bound, and keeps dates as text while remembering where
they were unquoted dates. The loader uses the precise path for refused files and, to report
positions, for any file that fails validation. ``tests/test_yamlio.py`` checks with hypothesis that
whenever the fast path answers, it answers exactly what the precise path does.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import orjson
import yaml

try:  # pragma: no cover - exercised implicitly
    import ryml  # type: ignore[import-untyped]
except Exception:  # pragma: no cover - the fast path is optional
    ryml = None

try:
    _Loader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

#: At most this many nodes may result from expanding aliases, relative to the document's own size.
ALIAS_FACTOR = 10
ALIAS_MIN_BUDGET = 100_000

Path = tuple  # a path of keys and indices from the document root


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlProblem(Exception):
    """A problem reading YAML, with a position when one is known."""

    message: str
    pos: Pos | None = None

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return self.message


@dataclass
class PreciseDoc:
    """The data of one file plus where every part of it stands."""

    data: Any
    value_pos: dict[Path, Pos] = field(default_factory=dict)
    key_pos: dict[Path, Pos] = field(default_factory=dict)
    #: paths of values that were unquoted YAML dates (kept as ``YYYY-MM-DD`` text)
    date_paths: set[Path] = field(default_factory=set)
    #: raw source text of scalars that YAML resolved to something other than text
    scalar_text: dict[Path, str] = field(default_factory=dict)
    source: str = ""
    #: errors that do not stop the reading (duplicate keys)
    errors: list[tuple[Pos, str]] = field(default_factory=list)

    def pos(self, path: Path, *, key: bool = False) -> Pos:
        """Best position for ``path``: the key (when asked) or the value, else its nearest parent."""
        p = tuple(path)
        while True:
            if key and p in self.key_pos:
                return self.key_pos[p]
            if p in self.value_pos:
                return self.value_pos[p]
            if p in self.key_pos:
                return self.key_pos[p]
            if not p:
                return Pos(1, 1)
            p = p[:-1]


# --------------------------------------------------------------------------------------------
# fast path
#
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
        return bool(self.indicator.search(raw) or self.flow_empty.search(raw) or self.colon_value.search(raw)
                    or self.stray_closer.search(raw)
                    or ((b"|" in raw or b">" in raw) and self._bad_block(raw))
                    # Tabs: YAML 1.1 and rapidyaml disagree on them around indicators and flow
                    # closers (PyYAML rejects `a: -\tb`, rapidyaml reads "-\tb"; rapidyaml keeps the
                    # tab of `[x\t]`). Model files rarely hold a tab; those take the precise path.
                    or b"\t" in raw)

    def _bad_block(self, raw: bytes) -> bool:
        starts = self.block_start.findall(raw)
        return bool(starts) and len(starts) != len(self.block_ok.findall(raw))

    def json_refuses(self, text: bytes) -> bool:
        if self.y11_string.search(text) or self.exp_number.search(text) or b'"": ' in text or b'": null' in text:
            return True
        # Every string starting like a date must be a plain date under a date key.
        dates = len(self.date_string.findall(text))
        return bool(dates) and dates != len(self.date_in_date_key.findall(text))


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


# --------------------------------------------------------------------------------------------
# precise path

_TAG = "tag:yaml.org,2002:"


def read_precise(raw: bytes, *, max_depth: int | None = None) -> PreciseDoc:
    """Parse ``raw`` with PyYAML's safe composer and build data plus positions.

    Raises :class:`YamlProblem` for syntax errors, several documents, unsupported tags,
    aliases that expand beyond the bound and nesting deeper than ``max_depth`` (default: the
    limit of :class:`ketengraaf.model.inputs.Limits`), the last two before anything is built.

    >>> d = read_precise(b"a:\\n  - {id: x, on: on}\\n")
    >>> d.data, d.key_pos[("a", 0, "id")], d.value_pos[("a", 0, "id")]
    ({'a': [{'id': 'x', True: True}]}, Pos(line=2, column=6), Pos(line=2, column=10))
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise YamlProblem("the file is not valid UTF-8 text", Pos(line, col)) from None
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = e.problem or e.context or "invalid YAML"
        pos = Pos(mark.line + 1, mark.column + 1) if mark else None
        if what == "exceeded maximum nesting depth":  # libyaml's own bound (1000 levels)
            raise YamlProblem("the YAML nests deeper than 1000 levels (a model needs about six); this is not a "
                              "model file", pos) from None
        raise YamlProblem(f"YAML syntax error: {what}", pos) from None
    except yaml.YAMLError as e:  # pragma: no cover - reader errors without marks
        raise YamlProblem(f"YAML error: {e}") from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return PreciseDoc(data=None)
    if len(nodes) > 1:
        m = nodes[1].start_mark
        raise YamlProblem(
            "a model file holds one YAML document; split the others into files of their own",
            Pos(m.line + 1, m.column + 1),
        )
    root = nodes[0]
    doc = PreciseDoc(data=None, source=text)
    limit = max(ALIAS_MIN_BUDGET, ALIAS_FACTOR * (text.count("\n") + 1) * 4)
    if max_depth is None:
        from ketengraaf.model.inputs import Limits

        max_depth = Limits.from_env().max_depth
    _check_expansion(root, limit, max_depth)
    budget = [limit]
    doc.data = _construct(root, (), doc, budget)
    return doc


def _check_expansion(root: yaml.Node, limit: int, max_depth: int = 64) -> None:
    """Refuse documents whose aliases expand beyond ``limit`` nodes, or that nest deeper than
    ``max_depth`` levels (also through aliases), before expanding anything: the expanded size and
    height of every distinct node are computed once (linear in the document), with an explicit
    stack, so no depth of input can exhaust Python's recursion limit here or in the construction."""
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]

    def too_deep(node: yaml.Node) -> YamlProblem:
        return YamlProblem(f"the YAML nests deeper than {max_depth} levels (a model needs about six: section, "
                           f"item, list, kenmerken); this is not a model file, or the limit is set too low "
                           f"(KETENGRAAF_MAX_DEPTH)", _pos(node))

    while stack:
        node, done = stack.pop()
        k = id(node)
        if done:
            on_stack.discard(k)
            total = 1
            h = 0
            if isinstance(node, yaml.SequenceNode):
                total += sum(size[id(c)] for c in node.value)
                h = max((height[id(c)] for c in node.value), default=0)
            elif isinstance(node, yaml.MappingNode):
                total += sum(size[id(a)] + size[id(b)] for a, b in node.value)
                h = max((max(height[id(a)], height[id(b)]) for a, b in node.value), default=0)
            size[k] = total
            height[k] = h + 1
            if total > limit:
                raise YamlProblem("aliases expand beyond a sane bound (a 'billion laughs' file?); write the data out",
                                  _pos(node))
            continue
        if k in size:
            if len(on_stack) + height[k] > max_depth:
                raise too_deep(node)
            continue
        if k in on_stack:
            raise YamlProblem("a recursive alias (an anchor used inside itself) cannot be read", _pos(node))
        if len(on_stack) >= max_depth:
            raise too_deep(node)
        on_stack.add(k)
        stack.append((node, True))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((c, False) for c in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for a, b in reversed(node.value):
                stack.append((b, False))
                stack.append((a, False))


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def _construct(node: yaml.Node, path: Path, doc: PreciseDoc, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlProblem(
            "aliases expand beyond a sane bound (a 'billion laughs' file?); write the data out",
            _pos(node),
        )
    doc.value_pos.setdefault(path, _pos(node))
    tag = node.tag or ""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, doc)
    if isinstance(node, yaml.SequenceNode):
        if tag not in (_TAG + "seq",):
            raise YamlProblem(f"unsupported YAML tag {tag!r}; remove it", _pos(node))
        return [_construct(child, path + (i,), doc, budget) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if tag not in (_TAG + "map",):
            raise YamlProblem(f"unsupported YAML tag {tag!r}; remove it", _pos(node))
        result: dict[Any, Any] = {}
        merged: dict[Any, Any] = {}
        prev: tuple[Any, yaml.Node] | None = None
        for key_node, value_node in node.value:
            if node.flow_style and prev is not None and _is_comma_continuation(key_node, value_node, prev[1], doc.source):
                # `{naam: Ministerie van VWS, Welzijn en Sport}`: YAML splits the text at the comma
                # and reads `Welzijn en Sport` as a key without value, which MODEL.md makes an
                # error. Say why, and how to write what the author most likely meant.
                pk = prev[0]
                whole = f"{result[pk]}, {key_node.value}".replace('"', '\\"')
                doc.errors.append((_pos(key_node), f"'{key_node.value}' reads as a key of its own: inside {{ }} a "
                                   f"comma ends an unquoted text; if it belongs to '{pk}', put the whole text in "
                                   f"quotes: {pk}: \"{whole}\""))
                continue
            prev = None
            if key_node.tag == _TAG + "merge":
                for src in value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]:
                    if not isinstance(src, yaml.MappingNode):
                        raise YamlProblem("a merge key (<<) needs a mapping or a list of mappings", _pos(src))
                    sub = _construct(src, path, doc, budget)
                    for k, v in sub.items():
                        merged.setdefault(k, v)
                continue
            key = _construct(key_node, path + ("<key>",), doc, budget)
            if isinstance(key, (list, dict)):
                raise YamlProblem("a mapping key must be a plain value", _pos(key_node))
            if key in result:
                first = doc.key_pos.get(path + (key,))
                doc.errors.append((_pos(key_node), f"duplicate key '{key}'" + (f" (first at line {first.line})" if first else "")
                                   + "; YAML would keep only the last one, so merge them into one"))
            doc.key_pos[path + (key,)] = _pos(key_node)
            result[key] = _construct(value_node, path + (key,), doc, budget)
            if isinstance(value_node, yaml.ScalarNode) and not value_node.style and isinstance(result[key], str):
                prev = (key, value_node)
        for k, v in merged.items():
            result.setdefault(k, v)
        doc.value_pos.pop(path + ("<key>",), None)
        return result
    raise YamlProblem("unsupported YAML node", _pos(node))  # pragma: no cover


def _is_comma_continuation(key_node: yaml.Node, value_node: yaml.Node, prev_value: yaml.Node, source: str) -> bool:
    """A plain key with no ':' after it, directly after a plain text value, in a flow mapping."""
    if not (isinstance(key_node, yaml.ScalarNode) and not key_node.style and key_node.tag == _TAG + "str"):
        return False
    if not (isinstance(value_node, yaml.ScalarNode) and value_node.tag == _TAG + "null" and value_node.value == ""):
        return False
    end = key_node.end_mark.index
    rest = source[end:end + 200].lstrip(" \t")
    return not rest.startswith(":")


_CONSTRUCTOR = yaml.SafeLoader("")  # only used for its scalar constructors


def _scalar(node: yaml.ScalarNode, path: Path, doc: PreciseDoc) -> Any:
    tag = node.tag
    if tag == _TAG + "str":
        return node.value
    if tag == _TAG + "timestamp":
        # Keep dates as text; remember that YAML saw an unquoted date here.
        doc.date_paths.add(path)
        doc.scalar_text[path] = node.value
        return node.value
    if tag in (_TAG + "bool", _TAG + "int", _TAG + "float", _TAG + "null"):
        doc.scalar_text[path] = node.value
        if tag == _TAG + "bool":
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag == _TAG + "int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == _TAG + "float":
            return _CONSTRUCTOR.construct_yaml_float(node)
        return None
    if tag == _TAG + "merge":  # a lone '<<' used as a value
        return node.value
    raise YamlProblem(f"unsupported YAML tag {tag!r}; remove it", _pos(node))


# --------------------------------------------------------------------------------------------
# positions in a file read on the fast path


class LazyDoc:
    """Positions (and raw scalar texts) for a file read on the fast path, found on demand.

    The fast path keeps no positions, and re-reading a national model on the precise path to
    place a handful of errors costs half a minute and gigabytes (a node object per scalar). But an
    error is always *in an item* of a section, and the items of a block sequence are easy to find
    in the text: they start at the sequence's indentation with ``- ``. So this class finds the start
    of each top-level section and, for a section that needs it, of each item (one regular-expression
    pass over that section), and reads only the items asked about on the precise path — as
    ``<section>:`` followed by the item's own lines, so that columns stay the same and lines shift by
    a known offset. Positions are therefore exactly those of the precise reading.

    When the layout is not one it can index (a section written as a flow sequence, a key found more
    or fewer times than the data has it, an item count that does not match), it falls back to the
    precise reading of the whole file: slower, never wrong.

    ``lengths``: for each top-level key, the length of its list in the fast data (None: not a list).

    >>> raw = b"ketengraaf: 1\\norganisaties:\\n  - {id: a, naam: A}\\n  - id: b\\n    capaciteit: 1.50\\n"
    >>> d = LazyDoc(raw, {"ketengraaf": None, "organisaties": 2})
    >>> d.pos(("organisaties", 1)), d.pos(("organisaties", 1, "capaciteit")), d.scalar_text[("organisaties", 1, "capaciteit")]
    (Pos(line=4, column=5), Pos(line=5, column=17), '1.50')
    >>> read_precise(raw).pos(("organisaties", 1, "capaciteit"))
    Pos(line=5, column=17)
    """

    def __init__(self, raw: bytes, lengths: dict[Any, int | None]):
        self.raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
        self.lengths = lengths
        #: fast-read files hold no unquoted dates outside the date keys and no duplicate keys
        self.date_paths: set[Path] = set()
        self.errors: list[tuple[Pos, str]] = []
        self.scalar_text = _LazyScalars(self)
        self._full: PreciseDoc | None = None
        self._sections: dict[Any, tuple[int, int, int]] | None = None  # key -> (start, end, line)
        self._items: dict[Any, tuple[list[int], list[int], int] | None] = {}  # key -> (starts, lines, indent)
        self._docs: dict[tuple, tuple[PreciseDoc, int]] = {}  # snippet -> (doc, line offset)

    # -- the fallback
    def full(self) -> PreciseDoc:
        if self._full is None:
            try:
                self._full = read_precise(self.raw)
            except YamlProblem:  # pragma: no cover - the fast path only reads what this reads alike
                self._full = PreciseDoc(data=None)
        return self._full

    # -- the index
    def _section_spans(self) -> dict[Any, tuple[int, int, int]] | None:
        if self._sections is None:
            found: list[tuple[int, Any]] = []
            for key in self.lengths:
                if not isinstance(key, str) or not key or not key.replace("_", "a").isalnum():
                    return None
                hits = self._key_lines(key.encode())
                if len(hits) != 1:
                    return None
                found.append((hits[0], key))
            found.sort()
            spans: dict[Any, tuple[int, int, int]] = {}
            for i, (start, key) in enumerate(found):
                end = found[i + 1][0] if i + 1 < len(found) else len(self.raw)
                spans[key] = (start, end, self.raw.count(b"\n", 0, start) + 1)
            self._sections = spans
        return self._sections

    def _key_lines(self, key: bytes) -> list[int]:
        """Offsets of the lines that start with ``key:`` at column 1 (a C-speed substring search
        per occurrence of ``\nkey``, not a regular expression over the whole text)."""
        raw, out = self.raw, []
        at = 0 if raw.startswith(key) else raw.find(b"\n" + key)
        while at >= 0:
            start = at if at == 0 and raw.startswith(key) else at + 1
            rest = raw[start + len(key):start + len(key) + 64].lstrip(b" \t")
            if rest.startswith(b":") and (len(rest) == 1 or rest[1:2] in (b" ", b"\t", b"\r", b"\n")):
                out.append(start)
            at = raw.find(b"\n" + key, start + 1)
        return out

    def _item_index(self, key: Any) -> tuple[list[int], list[int], int] | None:
        if key not in self._items:
            self._items[key] = None
            spans = self._section_spans()
            n = self.lengths.get(key)
            if spans is None or key not in spans or n is None:
                return None
            start, end, line = spans[key]
            nl = self.raw.find(b"\n", start, end)
            head = self.raw[start:nl if nl >= 0 else end]
            after = head.split(b":", 1)[1].split(b" #", 1)[0].strip()
            if after or nl < 0:
                return None  # `organisaties: [...]` or `organisaties: []`: not a block sequence
            m = re.compile(rb"(?m)^( *)-(?=[ \r\n]|$)").search(self.raw, nl + 1, end)
            if m is None:
                return None
            indent = len(m.group(1))
            item = re.compile(rb"(?m)^" + b" " * indent + rb"-(?=[ \r\n]|$)")
            starts = [x.start() for x in item.finditer(self.raw, nl + 1, end)]
            if len(starts) != n:
                return None
            lines: list[int] = []
            cur, at = line, start
            for s in starts:
                cur += self.raw.count(b"\n", at, s)
                at = s
                lines.append(cur)
            self._items[key] = (starts, lines, indent)
        return self._items[key]

    def _snippet(self, path: tuple) -> tuple[PreciseDoc, int, tuple] | None:
        """The precise reading of the item (or non-list section) that holds ``path``, the line
        offset to add to its positions, and ``path`` as that reading spells it."""
        key = path[0]
        spans = self._section_spans()
        if spans is None or key not in spans:
            return None
        start, end, line = spans[key]
        if self.lengths.get(key) is not None and len(path) >= 2 and isinstance(path[1], int):
            idx = self._item_index(key)
            if idx is None or not 0 <= path[1] < len(idx[0]):
                return None
            starts, lines, _ = idx
            li = path[1]
            cache = (key, li)
            if cache not in self._docs:
                nl = self.raw.find(b"\n", start, end)
                item_end = starts[li + 1] if li + 1 < len(starts) else end
                text = self.raw[start:nl + 1] + self.raw[starts[li]:item_end]
                self._docs[cache] = (read_precise(text), lines[li] - 2)
            doc, offset = self._docs[cache]
            return doc, offset, (key, 0) + tuple(path[2:])
        cache = (key,)
        if cache not in self._docs:
            self._docs[cache] = (read_precise(self.raw[start:end]), line - 1)
        doc, offset = self._docs[cache]
        return doc, offset, tuple(path)

    # -- the PreciseDoc interface the loader uses
    def pos(self, path: Path, *, key: bool = False) -> Pos:
        if self._full is not None:
            return self._full.pos(path, key=key)
        p = tuple(path)
        if not p:
            return Pos(1, 1)
        try:
            if len(p) == 2 and isinstance(p[1], int) and self.lengths.get(p[0]) is not None:
                quick = self._item_start(p[0], p[1])
                if quick is not None:
                    return quick
            snip = self._snippet(p)
        except YamlProblem:
            snip = None
        if snip is None:
            return self.full().pos(path, key=key)
        doc, offset, q = snip
        sp = doc.pos(q, key=key)
        return Pos(sp.line + offset, sp.column)

    def _item_start(self, key: Any, li: int) -> Pos | None:
        """Where item ``li`` of a list section starts (what the precise reading gives for the
        path ``(key, li)``), straight from the index: the first character after ``- ``."""
        idx = self._item_index(key)
        if idx is None or not 0 <= li < len(idx[0]):
            return None
        starts, lines, indent = idx
        s = starts[li] + indent + 1
        rest = self.raw[s:self.raw.find(b"\n", s) if self.raw.find(b"\n", s) >= 0 else len(self.raw)]
        content = rest.lstrip(b" ")
        if not content or content.startswith(b"#"):
            return None  # the item's value starts on a later line: let the precise reading say where
        return Pos(lines[li], s + (len(rest) - len(content)) - starts[li] + 1)

    def text_of(self, path: Path) -> str | None:
        """The raw text of a scalar that YAML resolved to something other than text (as
        :attr:`PreciseDoc.scalar_text`), or None."""
        if self._full is not None:
            return self._full.scalar_text.get(tuple(path))
        p = tuple(path)
        try:
            snip = self._snippet(p) if p else None
        except YamlProblem:
            snip = None
        if snip is None:
            return self.full().scalar_text.get(p) if p else None
        doc, _, q = snip
        return doc.scalar_text.get(q)


class _LazyScalars:
    """``PreciseDoc.scalar_text`` for a :class:`LazyDoc`: looked up per item, on demand."""

    def __init__(self, doc: LazyDoc):
        self._doc = doc

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self._doc.text_of(path) is not None

    def __getitem__(self, path: Path) -> str:
        v = self._doc.text_of(path)
        if v is None:
            raise KeyError(path)
        return v

    def get(self, path: Path, default: Any = None) -> Any:
        v = self._doc.text_of(path)
        return default if v is None else v

"""The fast path may only answer when it answers exactly what the precise (reference) path does."""

from __future__ import annotations

import re
import string
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketengraaf.model import yamlio
import ketengraaf.model.yamlio.fast  # noqa: F401  (the checks are patched per engine)

# Scalars that stress the YAML 1.1 / 1.2 differences, plus free text.
tricky = st.sampled_from([
    "on", "off", "yes", "no", "y", "n", "Y", "true", "False", "~", "null", "NULL", "012", "0x1f", "0o17",
    "1_000", "1e3", "1.0e+3", ".inf", ".NaN", "+12", "-3", "12", "1.5", "1:30", "2026-01-01", "2026-1-1",
    "2026-01-01 10:00:00", "<<", "=", "a: b", "#x", "x #y", "-", "- a", "'", '"', "\\", "é", "😀", "a,b",
    "&a", "*a", "!x", "%x", "@x", "`x", "[a]", "{a}", "", " ", "a\tb",
])
text = st.text(alphabet=string.ascii_letters + string.digits + " -_.,:#&*!'\"é😀\\", max_size=12)
scalar = st.one_of(tricky, text)


try:
    import re2
except ImportError:  # pragma: no cover - google-re2 is a dependency
    re2 = None

ENGINES = {"re": yamlio.fast._Checks(re)}
if re2 is not None:
    ENGINES["re2"] = yamlio.fast._Checks(re2)


@contextmanager
def engine(name: str):
    saved = yamlio.fast._CHECKS
    yamlio.fast._CHECKS = ENGINES[name]
    try:
        yield
    finally:
        yamlio.fast._CHECKS = saved


def read_fast_everywhere(raw: bytes):
    """read_fast with every regex engine; they must decide identically."""
    answers = {}
    for name in ENGINES:
        with engine(name):
            answers[name] = yamlio.read_fast(raw)
    first = next(iter(answers.values()))
    assert all(a == first for a in answers.values()), (raw, answers)
    return first


def quote(s: str, style: int) -> str:
    if style == 0:
        return s  # plain: may be invalid YAML or read as another type; both paths must agree or refuse
    if style == 1:
        return "'" + s.replace("'", "''") + "'"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


# Comments that hold indicators: the fast path looks past them (they must not change the answer).
comment = st.sampled_from(["", "", " # zie *.yaml", " #&x", " # R&D", "  # {a: *b}", " # !tag, [", "\t# x: y"])


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["id", "naam", "geldig_van", "van", "kenmerk", "capaciteit"]), scalar,
                          st.integers(0, 2), comment), min_size=1, max_size=6),
       st.booleans(), comment)
def test_fast_path_agrees_with_precise_path(items, flow, head):
    if flow:
        body = "x:\n  - {" + ", ".join(f"{k}: {quote(v, s)}" for k, v, s, _ in items) + "}" + head + "\n"
    else:
        body = "x:" + head + "\n  - " + "\n    ".join(f"{k}: {quote(v, s)}{c}" for k, v, s, c in items) + "\n"
    raw = ("ketengraaf: 1\n" + body).encode("utf-8")
    fast = read_fast_everywhere(raw)
    if fast is None:
        return  # refused: the precise path decides
    try:
        precise = yamlio.read_precise(raw)
    except yamlio.YamlProblem:
        raise AssertionError(f"fast path accepted what the reference rejects: {raw!r} -> {fast!r}")
    assert not precise.errors, (raw, precise.errors)
    assert fast == precise.data, raw


def test_fast_path_reads_a_plain_model():
    raw = b"ketengraaf: 1\norganisaties:\n  - {id: a, naam: 'A, B', soort: ministerie}\n"
    assert yamlio.read_fast(raw) == {"ketengraaf": 1, "organisaties": [{"id": "a", "naam": "A, B", "soort": "ministerie"}]}


def test_precise_positions_are_one_based():
    d = yamlio.read_precise(b"a:\n  b: c\n")
    assert d.key_pos[("a", "b")] == yamlio.Pos(2, 3) and d.value_pos[("a", "b")] == yamlio.Pos(2, 6)


def test_re2_is_the_engine_in_use():
    """google-re2 is a dependency: without it the fast path is ~10x slower on big files."""
    assert yamlio.ENGINE == "re2"


@pytest.mark.parametrize("raw", [
    b"a: &x 1\n", b"a: *x\n", b"a: !!str 1\n", b"a: b@c\n", b"a: `x\n", b"a: %x\n", b"%YAML 1.1\n---\na: 1\n",
    b"a: {b: 1 # c\n}\n", b"a: [1, , 2]\n", b"a: : b\n", b"a: 1\na: 2\n", b"a: 2026-01-01\n",
    b"geldig_van: 2026-01-01\n", b"a: 1e3\n", b"a: on\n", b"a: x&y\n", b"a: x & y\n",
])
def test_both_engines_refuse_alike(raw):
    read_fast_everywhere(raw)


# Random token soup: YAML's significant pieces in any order. Most of it is invalid YAML or refused;
# whatever the fast path does accept must read exactly as the reference reads it.
TOKENS = ["- ", ": ", ":", "a", "b", "x y", "[", "]", "{", "}", ", ", ",", "\n", "\n  ", "\n    ", "  ", " ",
          "#", " # c", "&", "*", "!", "?", "'", '"', "\t", "-", "1", "on", "~", "null", "2026-01-01", "|", ">",
          "%", "@", "`", "\\", "...", "---", "é", "1e3", "0x1", "<<", "=", "\r", "\r\n", "\x85", "\u2028", "\u2029"]


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14))
def test_fast_path_agrees_on_token_soup(tokens):
    raw = ("".join(tokens) + "\n").encode("utf-8")
    fast = read_fast_everywhere(raw)
    if fast is None:
        return
    try:
        precise = yamlio.read_precise(raw)
    except yamlio.YamlProblem:
        raise AssertionError(f"fast path accepted what the reference rejects: {raw!r} -> {fast!r}")
    if precise.errors:
        raise AssertionError(f"fast path accepted a file with problems: {raw!r} -> {precise.errors}")
    assert fast == precise.data, raw


def test_indicators_in_comments_keep_the_fast_path():
    raw = (b"# model: zie *.yaml, R&D !\nketengraaf: 1  # &x\norganisaties:\n"
           b"  - {id: a, naam: A, soort: ministerie}  # *a\n")
    assert yamlio.read_fast(raw) == {"ketengraaf": 1, "organisaties": [{"id": "a", "naam": "A", "soort": "ministerie"}]}


@pytest.mark.parametrize("raw", [b"a: -\tb\n", b"a: [x\t]\n", b"a:\n  ]\n", b"a: |1b\n  x\n", b"[\n:\n", b'a: "x"!\n',
                                 b"a: {b: ?c}\n",  # found by fuzz/fuzz_loader.py, as the line breaks below
                                 b"a: x\ry\n", b"a: x\xc2\x85y\n", b"a: x\xe2\x80\xa8y\n", b"a: [x\xe2\x80\xa9, y]\n"])
def test_rarer_differences_take_the_precise_path(raw):
    """Found by the token-soup test: rapidyaml accepts these, PyYAML rejects or reads them otherwise."""
    assert yamlio.read_fast(raw) is None

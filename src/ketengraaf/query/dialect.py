"""What a query's text says, read token by token (comments, strings and quoted names skipped).

The embedded engine (LadybugDB) speaks a dialect of Cypher. This module keeps the differences in one
place: :func:`writing_clause` (a query that writes is refused on both engines), :func:`unsupported`
(a construct of Neo4j's Cypher that the embedded engine lacks, named in a sentence) and
:func:`translate` (the two spellings the embedded engine needs: relationship types whose table name
would clash with a label, and ``type(r)``).

>>> writing_clause("MATCH (n) // CREATE\\nRETURN 'SET' AS x, n.set")
>>> writing_clause("MATCH (n:Organisatie) DETACH DELETE n")
'DETACH'
>>> unsupported("MATCH (o) RETURN COLLECT { MATCH (o)-->(x) RETURN x.id } AS xs")
'COLLECT { } subqueries'
>>> unsupported("MATCH (o) RETURN [x IN o.lijst WHERE x > 1] AS xs")
'list comprehensions ([x IN list WHERE … | …])'
>>> unsupported("MATCH (k:Keten)-[:KETEN]-(a) RETURN k.id, a.id")
>>> translate("MATCH (k:Keten)<-[r:KETEN]-(a:Afspraak) RETURN type(r)", {"KETEN": "KETEN_REL"})
'MATCH (k:Keten)<-[r:KETEN_REL]-(a:Afspraak) RETURN kg_type(r)'
"""

from __future__ import annotations

import re
from typing import Iterator, Mapping, NamedTuple, Optional

_TOKEN = re.compile(r"""
  (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
| (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
| (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
| (?P<word>[A-Za-z_][A-Za-z0-9_]*)
| (?P<number>\d+(?:\.\d+)?)
| (?P<space>\s+)
| (?P<other>.)
""", re.S | re.X)


class Token(NamedTuple):
    kind: str
    text: str


def tokens(cypher: str) -> list[Token]:
    return [Token(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(cypher)]


def _code(toks: list[Token]) -> list[Token]:
    """The tokens that carry meaning (no comments, no white space)."""
    return [t for t in toks if t.kind not in ("comment", "space")]


#: Clauses that change data or the database, in Neo4j's Cypher or LadybugDB's.
WRITING = frozenset({"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "FOREACH", "COPY",
                     "INSTALL", "ATTACH", "EXPORT", "IMPORT", "CHECKPOINT"})


def _words(code: list[Token]) -> Iterator[tuple[int, str]]:
    """``(index, UPPER WORD)`` of the words that can be keywords (not a property, label, map key or parameter)."""
    for i, t in enumerate(code):
        if t.kind != "word":
            continue
        prev = code[i - 1].text if i else ""
        nxt = code[i + 1].text if i + 1 < len(code) else ""
        if prev in (".", ":", "$", "|") or nxt == ":":
            continue
        yield i, t.text.upper()


def writing_clause(cypher: str) -> Optional[str]:
    """The first clause of ``cypher`` that writes (``CREATE``, ``SET``, …), or None."""
    for _, w in _words(_code(tokens(cypher))):
        if w in WRITING:
            return w
    return None


#: Words before a ``[`` that opens a list literal (after anything else, ``[`` indexes or slices).
_BEFORE_LIST = frozenset({"RETURN", "WITH", "WHERE", "AND", "OR", "XOR", "NOT", "IN", "AS", "UNWIND", "THEN", "ELSE",
                          "WHEN", "CASE", "BY", "DISTINCT", "SKIP", "LIMIT", "IS", "CONTAINS", "STARTS", "ENDS"})


def unsupported(cypher: str) -> Optional[str]:
    """The first construct of ``cypher`` that the embedded engine lacks, as words for a sentence; None if none.

    Only constructs that would fail or, worse, answer differently are named here (list positions
    count from 1 in LadybugDB, from 0 in Neo4j); anything else the engine refuses is reported with
    its own message (:mod:`ketengraaf.query.embedded`).
    """
    code = _code(tokens(cypher))
    words = dict(_words(code))
    for i, t in enumerate(code):
        w = words.get(i)
        nxt = code[i + 1].text if i + 1 < len(code) else ""
        if w == "COLLECT" and nxt == "{":
            return "COLLECT { } subqueries"
        if w == "CALL":
            return "CALL { } subqueries" if nxt in ("{", "(") else "procedure calls (CALL)"
        if w == "LOAD":
            return "LOAD CSV (reading files)"
        if w in ("SHORTESTPATH", "ALLSHORTESTPATHS") or (w in ("SHORTEST", "ANY") and nxt.isdigit()):
            return "shortest-path functions (shortestPath)"
        if t.text == ")" and nxt == "{" and i + 2 < len(code) and (code[i + 2].kind == "number" or code[i + 2].text == ","):
            return "quantified path patterns ((…){1,8})"
        if t.text == ")" and nxt in ("+", "*") and i + 2 < len(code) and code[i + 2].text in ("(", "-", "<"):
            return "quantified path patterns ((…)+)"
        if t.text == "[":
            prev = code[i - 1] if i else Token("other", "")
            if prev.text in ("-", "<"):
                continue  # a relationship pattern
            if nxt == "(":
                return "pattern comprehensions ([(a)-->(b) | …])"
            if i + 2 < len(code) and code[i + 1].kind == "word" and code[i + 2].text.upper() == "IN":
                return "list comprehensions ([x IN list WHERE … | …])"
            opens_list = (prev.kind in ("other",) and prev.text in ("(", ",", "[", "{", "=", "<", ">", "+", ":", "")) \
                or (prev.kind == "word" and prev.text.upper() in _BEFORE_LIST)
            if not opens_list:
                return "list indexing and slicing (x[0], x[1..3]), whose positions count from 1 in LadybugDB"
        if w in ("ELEMENTID", "STARTNODE", "ENDNODE", "LABELS", "TOSTRING", "TOINTEGER", "TOFLOAT", "DURATION") \
                and nxt == "(":
            return f"the function {t.text}()"
    return None


def translate(cypher: str, renamed: Mapping[str, str]) -> str:
    """``cypher`` in the embedded engine's spelling: a relationship type of ``renamed`` (in a
    relationship pattern) becomes its table's name, and ``type(r)`` the macro ``kg_type(r)`` that
    gives the public type back. Everything else is kept exactly (comments and strings included)."""
    toks = tokens(cypher)
    out: list[str] = []
    prev: list[str] = []  # the last meaningful token texts
    depth_rel = 0
    for k, t in enumerate(toks):
        text = t.text
        if t.kind in ("comment", "space"):
            out.append(text)
            continue
        last = prev[-1] if prev else ""
        if text == "[" and last in ("-", "<"):
            depth_rel = 1
        elif text == "]" and depth_rel:
            depth_rel = 0
        elif depth_rel and last in (":", "|") and t.kind in ("word", "quoted"):
            name = text.strip("`") if t.kind == "quoted" else text
            if name in renamed:
                text = f"`{renamed[name]}`" if t.kind == "quoted" else renamed[name]
        elif t.kind == "word" and text.lower() == "type" and last not in (".", ":", "$"):
            j = k + 1
            while j < len(toks) and toks[j].kind in ("space", "comment"):
                j += 1
            if j < len(toks) and toks[j].text == "(":
                text = "kg_type"
        out.append(text)
        prev.append(t.text)
    return "".join(out)


def mentions(cypher: str, words: frozenset[str]) -> bool:
    """Whether ``cypher`` has one of ``words`` (lower case) as a name outside comments and strings.

    >>> mentions("MATCH (m:KetengraafModel) RETURN m // sha256", frozenset({"ketengraafmodel"}))
    True
    >>> mentions("RETURN 'sha256' AS x // m.sha256", frozenset({"sha256"}))
    False
    """
    return any(t.kind in ("word", "quoted") and t.text.strip("`").lower() in words for t in _code(tokens(cypher)))


def parameters(cypher: str) -> set[str]:
    """The names of the ``$parameters`` that ``cypher`` uses.

    >>> sorted(parameters("MATCH (o {id: $id}) WHERE o.x = $`max` RETURN '$niet' AS s, $model"))
    ['id', 'max', 'model']
    """
    code = _code(tokens(cypher))
    out = set()
    for i, t in enumerate(code[:-1]):
        if t.text == "$" and code[i + 1].kind in ("word", "quoted", "number"):
            out.add(code[i + 1].text.strip("`"))
    return out

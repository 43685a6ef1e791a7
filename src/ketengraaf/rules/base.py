"""What a rule is, and what a finding is: the contract between the rules, the backends and the
renderers.

A rule is a declarative object — code, severity, texts in nl and en, source, examples, the kind of
its subject, the *facts* it produces (names and types), the constants of its meaning (``params``) —
plus a check. A check receives the :class:`~ketengraaf.graph.view.Context` and the params and
yields :class:`Hit` s: the subject's parts, the related ids and the facts. Its Cypher twin
(``queries/rules/<CODE>.cypher``) returns the same three columns for the same model. The engine
turns hits into :class:`Finding` s (messages rendered from the facts, uitzonderingen applied,
sorted); renderers read a finding's typed subject and facts instead of working them out again.

A rule's declaration is checked when it is defined: the subject kind is one of :class:`Kind`, the
message templates of both languages use the same fields, every field is a declared fact or a
field its ``present`` derives, and its ``bad`` and ``good`` examples look like complete model
files (:func:`example_problem`; ``tests/rules/test_examples.py`` runs them).
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union, get_args, get_origin, get_type_hints

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
LANGS = ("nl", "en")

#: Theme letter -> (theme name, Dutch title, English title)
THEMES: dict[str, tuple[str, str, str]] = {
    "R": ("rollen", "Rollen en rolvastheid", "Roles in the triangle"),
    "M": ("opdrachtgevers", "Meervoudig opdrachtgeverschap", "Multiple commissioners"),
    "K": ("ketens", "Ketens", "Chains"),
    "D": ("gegevens", "Datagovernance", "Data governance"),
    "S": ("stewardship", "Stewardship en de bestuurlijke agenda", "Stewardship and the governance agenda"),
    "U": ("uitzonderingen", "Uitzonderingen", "Exceptions"),
}


# ------------------------------------------------------------------------------------------ subjects


class Kind(StrEnum):
    """What a finding is about: the fixed set of subject kinds. A subject is a kind and its parts;
    it becomes the string RULES.md prescribes only at output (:func:`subject_text`)."""

    organisatie = "organisatie"  # (id,)
    relatie = "relatie"  # (rol, van, naar) -> "ROL:VAN->NAAR"
    opdracht = "opdracht"  # (id,)
    afspraak = "afspraak"  # (id,)
    keten = "keten"  # (id,)
    schakel = "schakel"  # (id,)
    overdracht = "overdracht"  # (P, S) -> "P->S": P hands over to S
    gegevens = "gegevens"  # (id,)
    stroom = "stroom"  # (id,)
    combinatie = "combinatie"  # (id, id, ...) -> the ids sorted and joined with "+"
    uitzondering = "uitzondering"  # (regel, onderwerp) -> "REGEL:ONDERWERP"


#: Parts per subject kind (None: one or more).
ARITY: dict[Kind, Optional[int]] = {k: 1 for k in Kind} | {
    Kind.relatie: 3, Kind.overdracht: 2, Kind.combinatie: None, Kind.uitzondering: 2}

#: The subject as a check yields it: the id itself for a one-part kind, else a tuple of the parts.
SubjectParts = Union[str, tuple[str, ...]]


def subject_parts(kind: Kind, value: SubjectParts) -> tuple[str, ...]:
    """The parts of a subject, checked against its kind.

    >>> subject_parts(Kind.relatie, ("eigenaar", "sg", "rws"))
    ('eigenaar', 'sg', 'rws')
    >>> subject_parts(Kind.organisatie, "rws")
    ('rws',)
    """
    parts = (value,) if isinstance(value, str) else tuple(value)
    n = ARITY[kind]
    if (n is None and not parts) or (n is not None and len(parts) != n) or not all(isinstance(p, str) for p in parts):
        raise ValueError(f"a {kind.value} subject has {n or 'one or more'} text parts, not {value!r}")
    return parts


def subject_text(kind: Kind, value: SubjectParts) -> str:
    """The subject as RULES.md writes it (the string in JSON, SARIF, baselines, uitzonderingen).

    >>> subject_text(Kind.relatie, ("opdrachtgever", "dg-fz", "belastingdienst"))
    'opdrachtgever:dg-fz->belastingdienst'
    >>> subject_text(Kind.overdracht, ("vervolging", "berechting")), subject_text(Kind.combinatie, ("b", "a"))
    ('vervolging->berechting', 'a+b')
    """
    if isinstance(value, str):
        return value
    if kind is Kind.relatie:
        return f"{value[0]}:{value[1]}->{value[2]}"
    if kind is Kind.overdracht:
        return f"{value[0]}->{value[1]}"
    if kind is Kind.combinatie:
        return "+".join(sorted(value))
    if kind is Kind.uitzondering:
        return f"{value[0]}:{value[1]}"
    return value[0]


@dataclass(frozen=True, slots=True)
class Subject:
    """A finding's subject as a value: its kind and its parts.

    >>> s = Subject(Kind.relatie, ("eigenaar", "sg-fin", "belastingdienst"))
    >>> s.text, s.ids
    ('eigenaar:sg-fin->belastingdienst', ('sg-fin', 'belastingdienst'))
    """

    kind: Kind
    parts: tuple[str, ...]

    @property
    def text(self) -> str:
        return subject_text(self.kind, self.parts)

    @property
    def ids(self) -> tuple[str, ...]:
        """The model ids the subject names (a relation: van and naar; a handover: both links;
        an uitzondering: none)."""
        if self.kind is Kind.relatie:
            return self.parts[1:]
        if self.kind is Kind.uitzondering:
            return ()
        return self.parts

    def __str__(self) -> str:
        return self.text


# ------------------------------------------------------------------------------------------ facts


@dataclass(frozen=True)
class Fact:
    """One fact a rule's check produces: its name, its type and what it means.

    Types are plain: ``str``, ``int``, ``float``, ``bool``, ``Optional[...]``, ``list[...]`` and
    TypedDicts for small records. Both backends must produce exactly the declared facts
    (``tests/test_contract.py``), and message templates may only use declared names.
    """

    name: str
    type: Any
    doc: str


def conforms(value: Any, tp: Any) -> bool:
    """Does ``value`` have type ``tp`` (as declared on a :class:`Fact`)?

    >>> conforms(["a"], list[str]), conforms([1], list[str]), conforms(None, Optional[float]), conforms(2, float)
    (True, False, True, True)
    """
    if tp is Any:
        return True
    if tp is type(None):
        return value is None
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp in (str, bool):
        return isinstance(value, tp)
    origin = get_origin(tp)
    if origin is Union:
        return any(conforms(value, a) for a in get_args(tp))
    if origin is list:
        (item,) = get_args(tp)
        return isinstance(value, list) and all(conforms(v, item) for v in value)
    if isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__annotations__"):  # a TypedDict
        hints = get_type_hints(tp)
        return (isinstance(value, dict) and set(value) == set(hints)
                and all(conforms(value[k], t) for k, t in hints.items()))
    raise TypeError(f"unsupported fact type {tp!r}")  # pragma: no cover - caught when rules are defined


def valid_type(tp: Any) -> bool:
    """Is ``tp`` a type :func:`conforms` can check (the kinds of types a fact may have)?"""
    if tp in (Any, type(None), str, int, float, bool):
        return True
    origin = get_origin(tp)
    if origin in (Union, list):
        return all(valid_type(a) for a in get_args(tp))
    if isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__annotations__"):
        return all(valid_type(t) for t in get_type_hints(tp).values())
    return False


def example_problem(text: str) -> Optional[str]:
    """What keeps ``text`` (a rule's ``bad`` or ``good`` example) from being a complete model file,
    found by cheap checks when the rule is defined; None when they find nothing. It must start
    with ``ketengraaf: 1`` and be a YAML mapping whose ``model`` names an ``id`` and a fixed
    ``peildatum`` (so that it gives the same findings on every day). The loader's full check runs
    in ``tests/rules/test_examples.py``, not at import time.

    >>> example_problem("ketengraaf: 1\\nmodel: {id: v, naam: V, peildatum: 2026-11-27}\\n") is None
    True
    >>> example_problem("gegevens:\\n  - {id: brp, naam: BRP}\\n")
    'does not start with `ketengraaf: 1`'
    >>> example_problem("ketengraaf: 1\\nmodel: {id: v}\\n")
    'has no model.peildatum'
    """
    if not text.startswith("ketengraaf: 1\n"):
        return "does not start with `ketengraaf: 1`"
    shape = _yaml_shape(text)
    if shape is None:
        return "is not valid YAML"
    for key in ("id", "peildatum"):
        if key not in shape.get("model", ()):
            return f"has no model.{key}"
    return None


def _yaml_shape(text: str) -> Optional[dict[str, frozenset[str]]]:
    """The keys of a YAML mapping, each with the keys of its value (empty when that is not a
    mapping); None when ``text`` is not valid YAML or not a mapping. rapidyaml parses all the
    examples in about a millisecond (PyYAML takes ten), so the check costs nothing at import."""
    try:
        import ryml  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - rapidyaml is optional for the reader too (model/yamlio.py)
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            return None
        if not isinstance(data, dict):
            return None
        return {str(k): frozenset(map(str, v)) if isinstance(v, dict) else frozenset() for k, v in data.items()}
    try:
        tree = ryml.parse_in_arena(text.encode("utf-8"))
    except Exception:  # ryml.ExceptionParse, and it prints where on the C stderr
        return None
    root = tree.root_id()
    if not tree.is_map(root):
        return None

    def children(node: int) -> Iterator[int]:
        child = tree.first_child(node) if tree.is_map(node) else ryml.NONE
        while child != ryml.NONE:
            yield child
            child = tree.next_sibling(child)

    def key(node: int) -> str:
        return bytes(tree.key(node)).decode("utf-8")

    return {key(c): frozenset(key(k) for k in children(c)) for c in children(root)}


def template_fields(template: str) -> set[str]:
    """The placeholders of a ``str.format`` template.

    >>> sorted(template_fields("{naam} heeft {n} {woord}"))
    ['n', 'naam', 'woord']
    """
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


# ------------------------------------------------------------------------------------------ hits and rules


@dataclass(slots=True)
class Hit:
    """One raw result of a check: the subject's parts, the related ids (normalised to distinct and
    sorted by the engine) and the *facts* the rule declares.

    Not frozen: a frozen dataclass sets each field through ``object.__setattr__``, which made
    creating a hit 3.5x slower (0.7 µs against 0.2 µs), and a finding-heavy model makes hundreds
    of thousands of them. Nothing changes a hit after it is made.
    """

    subject: SubjectParts
    related: Iterable[str] = ()
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """A rule of RULES.md: what it is (code, severity, texts in nl and en, source, examples), what it
    finds (``subject`` kind and declared ``facts``), what it takes (``params``: the constants of
    its meaning, such as the agreement kinds it accepts or a threshold — declared here once, read
    by the check, passed to its Cypher twin as query parameters, and read by every renderer), and
    how it finds (``check``).

    ``message`` holds a ``str.format`` template per language; both use the same fields, each a
    declared fact or a name ``present`` adds (``derived``). ``present(facts, lang, params)`` returns
    the derived fields for one language (joins, plural words, translated phrases, and the rule's
    constants in words, such as the agreement kinds it accepts).

    The declaration is checked when the rule is defined (:meth:`__post_init__`).
    """

    code: str
    severity: str
    name: dict[str, str]
    message: dict[str, str]
    rationale: dict[str, str]
    fix: dict[str, str]
    source: str
    bad: str
    good: str
    #: ``check(ctx, params)`` yields the rule's hits on a :class:`~ketengraaf.graph.view.Context`.
    check: Callable[[Any, Mapping[str, Any]], Iterable[Hit]]
    subject: Kind
    facts: tuple[Fact, ...]
    present: Optional[Callable[[dict[str, Any], str, Mapping[str, Any]], dict[str, Any]]] = None
    derived: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    #: Rules whose backends differ only in arithmetic: the backends produce raw rows and this
    #: one function turns them into hits, for both (``decide(rows, params)``).
    decide: Optional[Callable[[Iterable[Any], Mapping[str, Any]], Iterable[Hit]]] = None

    def __post_init__(self) -> None:
        where = f"rule {self.code}"
        if self.severity not in SEVERITIES:
            raise ValueError(f"{where}: severity {self.severity!r} is not one of {SEVERITIES}")
        if not isinstance(self.subject, Kind):
            raise ValueError(f"{where}: subject must be a Kind, not {self.subject!r}")
        for d in (self.name, self.message, self.rationale, self.fix):
            if set(d) != set(LANGS):
                raise ValueError(f"{where}: texts must be given in exactly {LANGS}")
        names = [f.name for f in self.facts]
        if len(set(names)) != len(names):
            raise ValueError(f"{where}: a fact is declared twice")
        clash = set(names) & set(self.derived)
        if clash:
            raise ValueError(f"{where}: {sorted(clash)} are both facts and derived fields")
        for f in self.facts:
            if not valid_type(f.type):
                raise ValueError(f"{where}: fact {f.name!r} has an unsupported type {f.type!r}")
        fields = {lang: template_fields(self.message[lang]) for lang in LANGS}
        if fields["nl"] != fields["en"]:
            raise ValueError(f"{where}: the nl and en messages use different fields: "
                             f"{sorted(fields['nl'] ^ fields['en'])}")
        unknown = fields["nl"] - set(names) - set(self.derived)
        if unknown:
            raise ValueError(f"{where}: the message uses undeclared fields {sorted(unknown)}")
        if self.derived and self.present is None:
            raise ValueError(f"{where}: derived fields {list(self.derived)} need a present function")
        for which in ("bad", "good"):
            problem = example_problem(getattr(self, which))
            if problem:
                raise ValueError(f"{where}: the {which} example {problem}; it must be a complete model "
                                 "file (see rules/examples/)")
        if self.bad == self.good:
            raise ValueError(f"{where}: the bad and good examples are the same")

    @property
    def theme_letter(self) -> str:
        return self.code[0]

    @property
    def theme(self) -> str:
        return THEMES[self.code[0]][0]

    def title(self, lang: str = "nl") -> str:
        return self.name[lang]

    def fields(self, facts: dict[str, Any], lang: str, params: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
        """The message fields of one hit in one language: its facts plus what ``present`` derives."""
        if self.present is None:
            return facts
        return {**facts, **self.present(facts, lang, self.params if params is None else params)}

    def render(self, hit: Hit, lang: str = "nl", params: Optional[Mapping[str, Any]] = None) -> str:
        return self.message[lang].format(**self.fields(hit.facts, lang, params))

    def subject_of(self, hit: Hit) -> Subject:
        return Subject(self.subject, subject_parts(self.subject, hit.subject))

    def run(self, ctx: Any, overrides: Optional[Mapping[str, Any]] = None) -> Iterable[Hit]:
        """The check on ``ctx`` with this rule's params (``overrides`` replace declared ones, such
        as K07's threshold from ``--drempel``)."""
        return self.check(ctx, self.effective(overrides))

    def effective(self, overrides: Optional[Mapping[str, Any]] = None) -> Mapping[str, Any]:
        if not overrides:
            return self.params
        return {k: overrides.get(k, v) for k, v in self.params.items()}


@dataclass(frozen=True)
class Finding:
    """A finding as the outputs see it. ``subject`` is the spec's string; ``subject_value`` the
    typed subject and ``facts`` the rule's facts, for renderers that read rather than re-derive
    (they are present when the analysis kept them; JSON alone does not need them)."""

    rule: str
    severity: str
    subject: str
    related: tuple[str, ...]
    message: str
    suppressed: bool = False
    reason: Optional[str] = None
    subject_value: Optional[Subject] = field(default=None, compare=False)
    facts: Optional[dict[str, Any]] = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "subject": self.subject,
            "related": list(self.related),
            "message": self.message,
            "suppressed": self.suppressed,
        }
        if self.suppressed:
            d["reason"] = self.reason
        return d


def names(ctx: Any, ids: Iterable[str]) -> str:
    """Display names of ``ids`` joined for a message: 'A, B en C' is left to the templates;
    this joins with ', ' in the given order."""
    return ", ".join(ctx.naam(i) for i in ids)

"""The cross-checks: what holds between items and files (ids, references, duplicates, cycles,
ladders, uitzonderingen), every problem placed at the item that has it."""

from __future__ import annotations

from itertools import chain
from operator import attrgetter
from typing import Any, Callable, Iterable, Optional

from ketengraaf.model.loader.messages import _a, _Collector, _suggest
from ketengraaf.model.loader.model import KIND_NAME, Model
from ketengraaf.model.references import Reference, of_section
from ketengraaf.model.types import SECTIONS, AfspraakSoort, OrganisatieSoort

def _check_semantics(model: Model, col: _Collector, declared_invalid: set[str], rule_codes: Optional[Iterable[str]]) -> None:
    O = model.origins

    def at(section: str, idx: int, *sub: Any) -> tuple[int, tuple]:
        fi, li = O[section][idx]
        return fi, (section, li) + sub

    # --- ids: one namespace
    kind_of: dict[str, str] = {}
    first_at: dict[str, tuple] = {}
    schakel_keten: dict[str, str] = {}

    def declare(id_: str, kind: str, where: tuple) -> None:
        """``where``: (section, index, *sub); turned into a position only for a duplicate."""
        if id_ in kind_of:
            fi0, p0 = at(*first_at[id_])
            fi, p = at(*where)
            col.add(fi, p + ("id",), f"duplicate id '{id_}': already used for {_a(kind_of[id_])} at {col.where(fi0, p0 + ('id',))}")
            return
        kind_of[id_] = kind
        first_at[id_] = where

    for s in ("organisaties", "opdrachten", "afspraken", "ketens", "gegevens", "gegevensstromen", "middelen"):
        kind = KIND_NAME[s]
        for i, obj in enumerate(getattr(model, s)):
            if obj.id in kind_of:  # type: ignore[attr-defined]
                declare(obj.id, kind, (s, i))  # type: ignore[attr-defined]
            else:
                kind_of[obj.id] = kind  # type: ignore[attr-defined]
                first_at[obj.id] = (s, i)  # type: ignore[attr-defined]
            if s == "ketens":
                for j, sch in enumerate(obj.schakels):  # type: ignore[attr-defined]
                    declare(sch.id, "schakel", (s, i, "schakels", j))
                    schakel_keten.setdefault(sch.id, obj.id)  # type: ignore[attr-defined]

    orgs = {o.id: o for o in model.organisaties}
    by_kind: dict[str, list[str]] = {}
    for k, v in kind_of.items():
        by_kind.setdefault(v, []).append(k)
    suggestions_left = [200]

    def bad_ref(value: str, kind: str, where: tuple[int, tuple], what: Optional[str] = None) -> None:
        """Report that ``value`` is not an id of ``kind`` (only called when it is not)."""
        actual = kind_of.get(value)
        fi, p = where
        if actual is not None:
            col.add(fi, p, f"'{value}' is {_a(actual)}, not {_a(kind)}")
            return
        if value in declared_invalid:
            return  # its own definition is already reported
        hint = ""
        if suggestions_left[0] > 0:
            suggestions_left[0] -= 1
            hint = _suggest(value, by_kind.get(kind, []))
        col.add(fi, p, f"unknown {what or kind} '{value}'{hint}", ref=value)

    # The checks below run over every reference of a national model (over a million), so the
    # common case is a few C-level passes per key (:func:`_all_name`); only a section that has a
    # bad reference is walked item by item, to report each one at its place.
    def check_refs(item: Any, table: _Table, section: str, idx: int, sub: tuple = ()) -> None:
        """Every reference of ``item`` that ``table`` lists (:func:`_columns` of the model's one table)."""
        for field, kind, many, soort in table:
            v = getattr(item, field)
            if v is None:
                continue
            if many:
                for j, x in enumerate(v):
                    if kind_of.get(x) != kind:
                        bad_ref(x, kind, at(section, idx, *sub, field, j))
            elif kind_of.get(v) != kind:
                bad_ref(v, kind, at(section, idx, *sub, field))
            elif soort is not None and orgs[v].soort.value != soort:
                col.add(*at(section, idx, *sub, field), f"the {field} of {_a(KIND_NAME[section])} is an organisatie "
                                                        f"of soort {soort}, and '{v}' is {_a(orgs[v].soort.value)}")

    for s in SECTIONS:
        items = getattr(model, s)
        table = _columns(of_section(s))
        inner = _columns(of_section(s, "schakels"))
        if _all_name(items, table, kind_of, orgs) and (
                not inner or _all_name([x for k in items for x in k.schakels], inner, kind_of, orgs)):
            continue
        for i, item in enumerate(items):
            check_refs(item, table, s, i)
            for j, sch in enumerate(item.schakels if inner else ()):
                check_refs(sch, inner, s, i, ("schakels", j))

    # --- what holds beside the references
    for i, o in enumerate(model.organisaties):
        if o.deelnemers is not None and o.soort is not OrganisatieSoort.overleg:
            col.add(*at("organisaties", i, "deelnemers"), f"'deelnemers' only belongs to an organisatie of soort overleg, and '{o.id}' is {_a(o.soort.value)}", key=True)
    _check_hierarchy_cycles(model, col, at, orgs)

    seen_rel: dict[tuple, int] = {}
    for i, r in enumerate(model.sturingsrelaties):
        if r.rol.value != "opdrachtgever" and "coordinerend" in r.model_fields_set:
            col.add(*at("sturingsrelaties", i, "coordinerend"), "'coordinerend' only belongs to a relation with rol: opdrachtgever", key=True)
        k = (r.rol, r.van, r.naar)
        if k in seen_rel:
            col.add(*at("sturingsrelaties", i), f"relation {r.key} is defined twice; the first is at {col.where(*at('sturingsrelaties', seen_rel[k]))}")
        else:
            seen_rel[k] = i

    for i, a in enumerate(model.opdrachten):
        p_ = a.periode
        if p_ and p_.van and p_.tot and p_.van > p_.tot:
            col.add(*at("opdrachten", i, "periode", "van"), f"periode van {p_.van} is after its tot {p_.tot}")

    for i, a in enumerate(model.afspraken):
        if len(set(a.partijen)) < 2:
            col.add(*at("afspraken", i, "partijen"), "an afspraak binds at least two distinct partijen")
        if a.geldig_van and a.geldig_tot and a.geldig_van > a.geldig_tot:
            col.add(*at("afspraken", i, "geldig_van"), f"geldig_van {a.geldig_van} is after geldig_tot {a.geldig_tot}")
        if a.soort is not AfspraakSoort.werkagenda and "meerjarig" in a.model_fields_set:
            col.add(*at("afspraken", i, "meerjarig"), f"'meerjarig' only belongs to an afspraak of soort werkagenda, and '{a.id}' is {_a(a.soort.value)}", key=True)
        if a.escalatie is not None and len(a.escalatie) > 1:
            _check_ladder(a.escalatie, col, lambda j, i=i: at("afspraken", i, "escalatie", j))
        if not a.escalatie and "escalatie" in a.model_fields_set:
            col.add(*at("afspraken", i, "escalatie"),
                    f"an escalatie names at least one organisatie (the last is the top of the ladder); "
                    f"list the steps, or remove the key if '{a.id}' has no escalation ladder")

    for i, k in enumerate(model.ketens):
        for j, s in enumerate(k.schakels):
            for n, p in enumerate(s.volgt_op or ()):
                if kind_of.get(p) == "schakel" and schakel_keten.get(p) != k.id:
                    col.add(*at("ketens", i, "schakels", j, "volgt_op", n), f"'{p}' is a schakel of keten '{schakel_keten.get(p)}'; volgt_op only names schakels of the same keten '{k.id}'")

    # --- uitzonderingen
    if rule_codes is None:
        from ketengraaf.rules import registry

        rule_codes = registry.codes()
    codes = sorted(set(rule_codes))
    seen_exc: dict[tuple[str, str], int] = {}
    for i, u in enumerate(model.uitzonderingen):
        if u.regel == "U01":
            col.add(*at("uitzonderingen", i, "regel"), "U01 findings cannot be excepted")
        elif u.regel not in codes:
            col.add(*at("uitzonderingen", i, "regel"), f"unknown rule '{u.regel}'{_suggest(u.regel, codes)}")
        if not u.reden.strip():
            col.add(*at("uitzonderingen", i, "reden"), "'reden' must say why the finding is accepted")
        k2 = (u.regel, u.onderwerp)
        if k2 in seen_exc:
            col.add(*at("uitzonderingen", i), f"uitzondering {u.regel}:{u.onderwerp} is defined twice; the first is at {col.where(*at('uitzonderingen', seen_exc[k2]))}")
        else:
            seen_exc[k2] = i


_Table = tuple[tuple[str, str, bool, Optional[str]], ...]


def _all_name(items: list[Any], table: _Table, kind_of: dict[str, str], orgs: dict[str, Any]) -> bool:
    """Does every reference of ``items`` that ``table`` lists name an id of its kind (and soort)?
    A few passes in C per key (``map``, ``set``): the common case of a valid national model."""
    for field, kind, many, soort in table:
        values = [v for v in map(attrgetter(field), items) if v is not None]
        if many:
            values = list(chain.from_iterable(values))
        if not set(map(kind_of.get, values)) <= {kind}:
            return False
        if soort is not None and any(orgs[v].soort.value != soort for v in values):
            return False
    return True


def _columns(table: tuple[Reference, ...]) -> tuple[tuple[str, str, bool, Optional[str]], ...]:
    """A table of references as plain tuples: the checks read them for every item of a national model."""
    return tuple((r.field, r.kind, r.many, r.soort) for r in table)


def _check_ladder(ladder: list[str], col: _Collector, at: Callable[[int], tuple[int, tuple]]) -> None:
    """Each organisation is one step of an escalation ladder: report every repeat."""
    first: dict[str, int] = {}
    for j, x in enumerate(ladder):
        if x in first:
            col.add(*at(j), f"'{x}' is already step {first[x] + 1} of this escalatie; each organisatie is one step "
                           f"of the ladder, so remove one of them")
        else:
            first[x] = j


def _check_hierarchy_cycles(model: Model, col: _Collector, at: Callable[..., tuple[int, tuple]], orgs: dict) -> None:
    """Each organisation has at most one parent, so cycles are found in one linear pass."""
    index = {o.id: i for i, o in enumerate(model.organisaties)}
    state: dict[str, int] = {}  # 1 = on current walk, 2 = done
    for start in model.organisaties:
        walk: list[str] = []
        x: Optional[str] = start.id
        while x is not None and x in orgs and state.get(x, 0) == 0:
            state[x] = 1
            walk.append(x)
            x = orgs[x].onderdeel_van
        if x is not None and state.get(x) == 1:
            cycle = walk[walk.index(x):]
            first = min(cycle)
            rot = cycle[cycle.index(first):] + cycle[: cycle.index(first)]
            col.add(*at("organisaties", index[first], "onderdeel_van"), "onderdeel_van forms a cycle: " + " -> ".join(rot + [first]))
        for w in walk:
            state[w] = 2

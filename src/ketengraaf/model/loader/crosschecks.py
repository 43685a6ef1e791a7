"""The cross-checks: what holds between items and files (ids, references, duplicates, cycles,
ladders, uitzonderingen), every problem placed at the item that has it."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

from ketengraaf.model.loader.messages import _a, _Collector, _suggest
from ketengraaf.model.loader.model import KIND_NAME, Model
from ketengraaf.model.types import AfspraakSoort, OrganisatieSoort

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
    # common case is one dict lookup; positions are only computed for a reference that fails.
    def ref(value: Optional[str], kind: str, section: str, idx: int, *sub: Any) -> bool:
        """Is ``value`` an id of ``kind``? Reports (at ``section[idx].sub``) when it is not."""
        if value is None:
            return False
        if kind_of.get(value) == kind:
            return True
        bad_ref(value, kind, at(section, idx, *sub))
        return False

    def refs(values: Optional[list[str]], kind: str, section: str, idx: int, *sub: Any) -> None:
        for j, v in enumerate(values or ()):
            if kind_of.get(v) != kind:
                bad_ref(v, kind, at(section, idx, *sub, j))

    # --- organisaties
    for i, o in enumerate(model.organisaties):
        ref(o.onderdeel_van, "organisatie", "organisaties", i, "onderdeel_van")
        if o.deelnemers is not None:
            if o.soort is not OrganisatieSoort.overleg:
                col.add(*at("organisaties", i, "deelnemers"), f"'deelnemers' only belongs to an organisatie of soort overleg, and '{o.id}' is {_a(o.soort.value)}", key=True)
            refs(o.deelnemers, "organisatie", "organisaties", i, "deelnemers")
    _check_hierarchy_cycles(model, col, at, orgs)

    # --- sturingsrelaties
    seen_rel: dict[tuple, int] = {}
    for i, r in enumerate(model.sturingsrelaties):
        ref(r.van, "organisatie", "sturingsrelaties", i, "van")
        ref(r.naar, "organisatie", "sturingsrelaties", i, "naar")
        if r.rol.value != "opdrachtgever" and "coordinerend" in r.model_fields_set:
            col.add(*at("sturingsrelaties", i, "coordinerend"), "'coordinerend' only belongs to a relation with rol: opdrachtgever", key=True)
        k = (r.rol, r.van, r.naar)
        if k in seen_rel:
            col.add(*at("sturingsrelaties", i), f"relation {r.key} is defined twice; the first is at {col.where(*at('sturingsrelaties', seen_rel[k]))}")
        else:
            seen_rel[k] = i

    # --- opdrachten
    for i, a in enumerate(model.opdrachten):
        ref(a.opdrachtgever, "organisatie", "opdrachten", i, "opdrachtgever")
        ref(a.opdrachtnemer, "organisatie", "opdrachten", i, "opdrachtnemer")
        if a.raakt:
            refs(a.raakt, "middel", "opdrachten", i, "raakt")
        p_ = a.periode
        if p_ and p_.van and p_.tot and p_.van > p_.tot:
            col.add(*at("opdrachten", i, "periode", "van"), f"periode van {p_.van} is after its tot {p_.tot}")

    # --- afspraken
    for i, a in enumerate(model.afspraken):
        refs(a.partijen, "organisatie", "afspraken", i, "partijen")
        if len(set(a.partijen)) < 2:
            col.add(*at("afspraken", i, "partijen"), "an afspraak binds at least two distinct partijen")
        if a.geldig_van and a.geldig_tot and a.geldig_van > a.geldig_tot:
            col.add(*at("afspraken", i, "geldig_van"), f"geldig_van {a.geldig_van} is after geldig_tot {a.geldig_tot}")
        ref(a.keten, "keten", "afspraken", i, "keten")
        if a.gegevens:
            refs(a.gegevens, "gegevens", "afspraken", i, "gegevens")
        if a.soort is not AfspraakSoort.werkagenda and "meerjarig" in a.model_fields_set:
            col.add(*at("afspraken", i, "meerjarig"), f"'meerjarig' only belongs to an afspraak of soort werkagenda, and '{a.id}' is {_a(a.soort.value)}", key=True)
        if a.escalatie is not None:
            refs(a.escalatie, "organisatie", "afspraken", i, "escalatie")
            if len(a.escalatie) > 1:
                _check_ladder(a.escalatie, col, lambda j, i=i: at("afspraken", i, "escalatie", j))
        if not a.escalatie and "escalatie" in a.model_fields_set:
            col.add(*at("afspraken", i, "escalatie"),
                    f"an escalatie names at least one organisatie (the last is the top of the ladder); "
                    f"list the steps, or remove the key if '{a.id}' has no escalation ladder")

    # --- ketens and schakels
    for i, k in enumerate(model.ketens):
        ref(k.regisseur, "organisatie", "ketens", i, "regisseur")
        if ref(k.bestuur, "organisatie", "ketens", i, "bestuur") and orgs[k.bestuur].soort is not OrganisatieSoort.overleg:  # type: ignore[index]
            col.add(*at("ketens", i, "bestuur"), f"the bestuur of a keten is an organisatie of soort overleg, and '{k.bestuur}' is {_a(orgs[k.bestuur].soort.value)}")  # type: ignore[index]
        for j, s in enumerate(k.schakels):
            ref(s.uitvoerder, "organisatie", "ketens", i, "schakels", j, "uitvoerder")
            ref(s.eigenaar, "organisatie", "ketens", i, "schakels", j, "eigenaar")
            if s.gebruikt:
                refs(s.gebruikt, "gegevens", "ketens", i, "schakels", j, "gebruikt")
            if s.levert:
                refs(s.levert, "gegevens", "ketens", i, "schakels", j, "levert")
            for n, p in enumerate(s.volgt_op or ()):
                if ref(p, "schakel", "ketens", i, "schakels", j, "volgt_op", n) and schakel_keten.get(p) != k.id:
                    col.add(*at("ketens", i, "schakels", j, "volgt_op", n), f"'{p}' is a schakel of keten '{schakel_keten.get(p)}'; volgt_op only names schakels of the same keten '{k.id}'")

    # --- gegevens, stromen, middelen
    for i, g in enumerate(model.gegevens):
        ref(g.eigenaar, "organisatie", "gegevens", i, "eigenaar")
        ref(g.beheerder, "organisatie", "gegevens", i, "beheerder")
        ref(g.verwerkingsverantwoordelijke, "organisatie", "gegevens", i, "verwerkingsverantwoordelijke")
        if g.bronhouders:
            refs(g.bronhouders, "organisatie", "gegevens", i, "bronhouders")
        if g.afgeleid_van:
            refs(g.afgeleid_van, "gegevens", "gegevens", i, "afgeleid_van")
    for i, st in enumerate(model.gegevensstromen):
        ref(st.gegevens, "gegevens", "gegevensstromen", i, "gegevens")
        ref(st.van, "organisatie", "gegevensstromen", i, "van")
        ref(st.naar, "organisatie", "gegevensstromen", i, "naar")
    for i, m in enumerate(model.middelen):
        ref(m.beheerder, "organisatie", "middelen", i, "beheerder")

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

"""Model changes: two models matched by id, section by section, field by field.

Every item is matched by what names it in the model format: its ``id`` (organisaties, opdrachten,
afspraken, ketens, schakels, gegevens, gegevensstromen, middelen; ids share one namespace, so a
schakel is matched across ketens and a move to another keten is a change of its ``keten``), a
sturingsrelatie by its key ``ROL:VAN->NAAR``, an uitzondering by ``REGEL:ONDERWERP``. A
sturingsrelatie that only changed its ``rol`` (one relation between VAN and NAAR removed, one
added) is one change of the field ``rol``, not a removal and an addition.

Values are compared as the model means them: lists of ids that name a set (partijen, deelnemers,
raakt, ...) without regard to order, the ``escalatie`` ladder in its order, ``periode`` and
``kenmerken`` per key (``periode.van``, ``kenmerken.bron``), dates and enum values as the text the
file holds. An item whose fields all compare equal is unchanged, even when its text differs
(order of keys or of a set, quoting, a default written out).

Linear in the models: one dictionary per section and side, and an unchanged item costs one
comparison of its attribute dictionaries (the common case: most of a national model does not
change in a commit).

>>> from ketengraaf.model.types import Organisatie
>>> a = Organisatie(id="toeslagen", naam="Belastingdienst/Toeslagen", soort="directie", onderdeel_van="belastingdienst")
>>> b = Organisatie(id="toeslagen", naam="Dienst Toeslagen", soort="uitvoeringsorganisatie", onderdeel_van="min-fin")
>>> c = item_change("organisaties", "toeslagen", a, b)
>>> [(f.field, f.old, f.new) for f in c.fields]
[('naam', 'Belastingdienst/Toeslagen', 'Dienst Toeslagen'), ('soort', 'directie', 'uitvoeringsorganisatie'), ('onderdeel_van', 'belastingdienst', 'min-fin')]
>>> c.renamed, c.moved
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Iterable, Iterator, Optional

from pydantic import BaseModel

from ketengraaf.model.loader import Model

#: The sections of a model diff, in the order they are reported: MODEL.md's sections, with the
#: schakels of every keten after the ketens, and the ``model:`` block first.
SECTIONS: tuple[str, ...] = ("model", "organisaties", "sturingsrelaties", "opdrachten", "afspraken", "ketens",
                             "schakels", "gegevens", "gegevensstromen", "middelen", "uitzonderingen")
CHANGES: tuple[str, ...] = ("added", "removed", "changed")

#: Lists of ids that name a set: compared and shown sorted. (``escalatie`` is a ladder: its order counts.)
SET_FIELDS = frozenset({"partijen", "deelnemers", "raakt", "gegevens", "bronhouders", "afgeleid_van", "volgt_op",
                        "gebruikt", "levert"})


@dataclass(frozen=True)
class FieldChange:
    """One field of one item: its value in OLD and in NEW, as JSON values (None: absent)."""

    field: str
    old: Any
    new: Any

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class ModelChange:
    """An item added, removed or changed. ``fields``: for a change, the fields that differ; for an
    addition or removal, every field the item sets (other than its defaults), on its one side.

    ``naam``: the item's name (NEW's, else OLD's) where it has one. ``old_id``: a sturingsrelatie
    whose ``rol`` changed, its key in OLD (``id`` is its key in NEW). ``valid``: an afspraak's
    validity on the peildatum in OLD and in NEW (None on the side that does not have it)."""

    section: str
    id: str
    change: str
    naam: Optional[str] = None
    fields: tuple[FieldChange, ...] = ()
    old_id: Optional[str] = None
    valid: Optional[tuple[Optional[bool], Optional[bool]]] = None

    def field(self, name: str) -> Optional[FieldChange]:
        return next((f for f in self.fields if f.field == name), None)

    @property
    def renamed(self) -> bool:
        """An organisation (or any named item) that kept its id and changed its ``naam``."""
        return self.change == "changed" and self.field("naam") is not None

    @property
    def moved(self) -> bool:
        """An organisation placed elsewhere: its ``onderdeel_van`` changed."""
        return self.change == "changed" and self.section == "organisaties" and self.field("onderdeel_van") is not None

    @property
    def ids(self) -> tuple[str, ...]:
        """The model ids this change is about: the item, or a relation's VAN and NAAR (both keys'),
        an uitzondering none."""
        if self.section == "sturingsrelaties":
            out: list[str] = []
            for key in (self.id, self.old_id):
                if key:
                    van, naar = key.split(":", 1)[1].split("->", 1)
                    out += [van, naar]
            return tuple(dict.fromkeys(out))
        if self.section in ("uitzonderingen", "model"):
            return ()
        return (self.id,)

    def as_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"section": self.section, "id": self.id, "change": self.change}
        if self.old_id is not None:
            d["old_id"] = self.old_id
        if self.naam is not None:
            d["naam"] = self.naam
        if self.valid is not None:
            d["valid"] = {"old": self.valid[0], "new": self.valid[1]}
        d["fields"] = [f.as_json() for f in self.fields]
        return d


# ------------------------------------------------------------------------------------------ values


def _json(value: Any) -> Any:
    """A model value as the text the file holds: enum values and dates as strings."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def values(item: BaseModel, skip: Iterable[str] = ("id",)) -> dict[str, Any]:
    """The fields an item sets, as comparable JSON values: ``periode`` and ``kenmerken`` per key,
    set-like lists sorted, absent values left out."""
    out: dict[str, Any] = {}
    skipped = set(skip)
    for name, v in item.__dict__.items():
        if v is None or name in skipped:
            continue
        if name == "kenmerken":
            for k in sorted(v):
                out[f"kenmerken.{k}"] = v[k]
        elif isinstance(v, BaseModel):  # periode
            for k, sub in v.__dict__.items():
                if sub is not None:
                    out[f"{name}.{k}"] = _json(sub)
        elif isinstance(v, list):
            out[name] = sorted(v) if name in SET_FIELDS else list(v)
        else:
            out[name] = _json(v)
    return out


def _defaults(item: BaseModel) -> dict[str, Any]:
    """The values a field has when the file leaves it out (shown for neither side of an addition)."""
    return {n: _json(f.default) for n, f in type(item).model_fields.items()
            if f.default_factory is None and not f.is_required() and f.default is not None}


def _one_side(item: BaseModel, skip: Iterable[str], old: bool) -> tuple[FieldChange, ...]:
    defaults = _defaults(item)
    return tuple(FieldChange(k, v, None) if old else FieldChange(k, None, v)
                 for k, v in values(item, skip).items() if defaults.get(k, _MISSING) != v)


_MISSING = object()


def _fields(a: BaseModel, b: BaseModel, skip: Iterable[str]) -> tuple[FieldChange, ...]:
    """The fields whose values differ, in the order of the item's declaration."""
    va, vb = values(a, skip), values(b, skip)
    # Absent and default are the same thing to the model: compare with the defaults filled in.
    defaults = _defaults(a)
    keys = list(dict.fromkeys([*va, *vb]))
    out = []
    for k in keys:
        x, y = va.get(k, defaults.get(k)), vb.get(k, defaults.get(k))
        if x != y:
            out.append(FieldChange(k, x, y))
    return tuple(out)


def _naam(*items: Optional[BaseModel]) -> Optional[str]:
    for it in items:
        n = getattr(it, "naam", None) if it is not None else None
        if n:
            return n
    return None


def item_change(section: str, key: str, old: Optional[BaseModel], new: Optional[BaseModel], *,
                skip: Iterable[str] = ("id",), extra: Optional[tuple[dict[str, Any], dict[str, Any]]] = None,
                ) -> Optional[ModelChange]:
    """The change of one item (None when nothing differs). ``extra``: derived fields that belong
    to the item (a schakel's ``keten``), in OLD and in NEW."""
    naam = _naam(new, old)
    if old is None and new is not None:
        fs = _one_side(new, skip, old=False) + tuple(FieldChange(k, None, v) for k, v in (extra or ({}, {}))[1].items())
        return ModelChange(section, key, "added", naam, fs)
    if new is None and old is not None:
        fs = _one_side(old, skip, old=True) + tuple(FieldChange(k, v, None) for k, v in (extra or ({}, {}))[0].items())
        return ModelChange(section, key, "removed", naam, fs)
    assert old is not None and new is not None
    fs = _fields(old, new, skip)
    if extra is not None:
        fs += tuple(FieldChange(k, extra[0].get(k), extra[1].get(k)) for k in dict.fromkeys([*extra[0], *extra[1]])
                    if extra[0].get(k) != extra[1].get(k))
    if not fs:
        return None
    return ModelChange(section, key, "changed", naam, fs)


# ------------------------------------------------------------------------------------------ sections


def _by_id(items: Iterable[BaseModel]) -> dict[str, BaseModel]:
    return {it.id: it for it in items}  # type: ignore[attr-defined]


def _matched(section: str, old: dict[str, Any], new: dict[str, Any], skip: Iterable[str] = ("id",)) -> Iterator[ModelChange]:
    """Changes of one section from its items keyed on both sides (linear: an unchanged item costs
    one dictionary comparison)."""
    skip = tuple(skip)
    for key, a in old.items():
        b = new.get(key)
        if b is None:
            c = item_change(section, key, a, None, skip=skip)
        elif a is b or a.__dict__ == b.__dict__:
            continue
        else:
            c = item_change(section, key, a, b, skip=skip)
        if c is not None:
            yield c
    for key, b in new.items():
        if key not in old:
            c = item_change(section, key, None, b, skip=skip)
            if c is not None:
                yield c


def _relations(old: Model, new: Model) -> Iterator[ModelChange]:
    """Sturingsrelaties by key; a removed and an added relation between the same VAN and NAAR,
    the only ones of that pair, are one change of ``rol``."""
    skip = ("van", "naar", "rol")
    a = {r.key: r for r in old.sturingsrelaties}
    b = {r.key: r for r in new.sturingsrelaties}
    gone = {k: r for k, r in a.items() if k not in b}
    came = {k: r for k, r in b.items() if k not in a}
    pairs_gone: dict[tuple[str, str], list[str]] = {}
    pairs_came: dict[tuple[str, str], list[str]] = {}
    for k, r in gone.items():
        pairs_gone.setdefault((r.van, r.naar), []).append(k)
    for k, r in came.items():
        pairs_came.setdefault((r.van, r.naar), []).append(k)
    rol_changes: dict[str, str] = {}  # new key -> old key
    for pair, ks in pairs_gone.items():
        other = pairs_came.get(pair)
        if len(ks) == 1 and other is not None and len(other) == 1:
            rol_changes[other[0]] = ks[0]
    renamed_old = set(rol_changes.values())
    for key, r in a.items():
        if key in b:
            if r.__dict__ != b[key].__dict__:
                c = item_change("sturingsrelaties", key, r, b[key], skip=skip)
                if c is not None:
                    yield c
        elif key not in renamed_old:
            c = item_change("sturingsrelaties", key, r, None, skip=skip)
            assert c is not None
            yield c
    for key, r in came.items():
        if key in rol_changes:
            was = a[rol_changes[key]]
            fs = (FieldChange("rol", was.rol.value, r.rol.value),) + _fields(was, r, skip)
            yield ModelChange("sturingsrelaties", key, "changed", None, fs, old_id=rol_changes[key])
        else:
            c = item_change("sturingsrelaties", key, None, r, skip=skip)
            assert c is not None
            yield c


def _schakels(old: Model, new: Model) -> Iterator[ModelChange]:
    """Schakels by id over all ketens (ids are model-wide), with the keten each belongs to."""
    a = {s.id: (k.id, s) for k in old.ketens for s in k.schakels}
    b = {s.id: (k.id, s) for k in new.ketens for s in k.schakels}
    for sid, (ka, s) in a.items():
        got = b.get(sid)
        if got is None:
            c = item_change("schakels", sid, s, None, extra=({"keten": ka}, {}))
        else:
            kb, t = got
            if ka == kb and (s is t or s.__dict__ == t.__dict__):
                continue
            c = item_change("schakels", sid, s, t, extra=({"keten": ka}, {"keten": kb}))
        if c is not None:
            yield c
    for sid, (kb, t) in b.items():
        if sid not in a:
            c = item_change("schakels", sid, None, t, extra=({}, {"keten": kb}))
            assert c is not None
            yield c


def _valid(item: Any, peil: date) -> bool:
    """MODEL.md: ``geldig_van ≤ peildatum ≤ geldig_tot``, open bounds always hold."""
    return ((item.geldig_van is None or item.geldig_van <= peil) and
            (item.geldig_tot is None or peil <= item.geldig_tot))


def _model_block(old: Model, new: Model) -> Optional[ModelChange]:
    keys = ("id", "naam", "beschrijving", "peildatum")
    va = {k: _json(getattr(old, k)) for k in keys}
    vb = {k: _json(getattr(new, k)) for k in keys}
    fs = tuple(FieldChange(k, va[k], vb[k]) for k in keys if va[k] != vb[k])
    return ModelChange("model", new.id, "changed", new.naam, fs, old_id=old.id if old.id != new.id else None) \
        if fs else None


def diff_models(old: Model, new: Model, peildatum: date) -> list[ModelChange]:
    """Every change from ``old`` to ``new``, sorted by section (:data:`SECTIONS`), then id, then
    kind of change. Afspraken carry their validity on ``peildatum`` on each side."""
    out: list[ModelChange] = []
    m = _model_block(old, new)
    if m is not None:
        out.append(m)
    out += _matched("organisaties", _by_id(old.organisaties), _by_id(new.organisaties))
    out += _relations(old, new)
    out += _matched("opdrachten", _by_id(old.opdrachten), _by_id(new.opdrachten))
    old_ag, new_ag = _by_id(old.afspraken), _by_id(new.afspraken)
    for c in _matched("afspraken", old_ag, new_ag):
        a, b = old_ag.get(c.id), new_ag.get(c.id)
        out.append(ModelChange(c.section, c.id, c.change, c.naam, c.fields, c.old_id,
                               (_valid(a, peildatum) if a is not None else None,
                                _valid(b, peildatum) if b is not None else None)))
    out += _matched("ketens", _by_id(old.ketens), _by_id(new.ketens), skip=("id", "schakels"))
    out += _schakels(old, new)
    out += _matched("gegevens", _by_id(old.gegevens), _by_id(new.gegevens))
    out += _matched("gegevensstromen", _by_id(old.gegevensstromen), _by_id(new.gegevensstromen))
    out += _matched("middelen", _by_id(old.middelen), _by_id(new.middelen))
    out += _matched("uitzonderingen", {f"{u.regel}:{u.onderwerp}": u for u in old.uitzonderingen},
                    {f"{u.regel}:{u.onderwerp}": u for u in new.uitzonderingen}, skip=("regel", "onderwerp"))
    order = {s: i for i, s in enumerate(SECTIONS)}
    kinds = {k: i for i, k in enumerate(CHANGES)}
    out.sort(key=lambda c: (order[c.section], c.id, kinds[c.change]))
    return out


def counts(changes: Iterable[ModelChange]) -> dict[str, int]:
    """How many items were added, removed and changed."""
    out = {k: 0 for k in CHANGES}
    for c in changes:
        out[c.change] += 1
    return out

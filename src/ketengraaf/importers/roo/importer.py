"""From the records of an export to the organisations and relations to write: :func:`plan`.

The steps, each documented in docs/import-roo.md:

1. **soort** of every record (:mod:`.mapping`);
2. **duplicates**: the same systeemId or TOOI identifier twice, or the same name (case and spacing
   normalised) and type directly under the same ministry (a plain Organisatieonderdeel counts as the
   same type: the register's way of listing a body as a unit of its ministry); each group is
   reported and one listing kept (:func:`_keep_key`), its children placed under the one kept;
3. **dates**: an organisation whose eindDatum lies before the peildatum, or whose startDatum lies
   after it, is left out with everything below it (``--all`` keeps them);
4. **the secretaris-generaal**: every ministry gets its SG as a ``functie`` directly under it
   (MODEL.md); a "SG Cluster" unit directly under the ministry *is* that functie, and the units in
   it are placed directly under the ministry, the register's parent kept in ``kenmerken``;
5. **ids**, readable and stable: an id once given to a systeemId (the manifest of the previous
   import) is kept, also when the name changes; new ones come from :func:`mapping.base_id`, collisions
   resolved in a fixed order (:func:`_assign_ids`);
6. **selection** (``--under``): subtrees plus everything whose relatieMetMinisterie points into them;
7. **relations**: ``onderdeel_van`` from the nesting; an agentschap is placed in its ministry and
   gets ``eigenaar: sg-<ministry>`` (Regeling agentschappen 2024, art. 1); nothing else.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Optional

from ketengraaf.errors import UsageError
from ketengraaf.importers.roo import mapping
from ketengraaf.importers.roo.reader import Export, Record

#: The register's placeholder for an unknown startDatum.
NO_START = date(1900, 1, 1)
#: Where an eigenaar relation of an agentschap comes from (written in its kenmerken).
EIGENAAR_GROND = "Regeling agentschappen 2024, art. 1: de secretaris-generaal is continuïteitsverantwoordelijke"


@dataclass(frozen=True)
class Options:
    peildatum: date
    all: bool = False
    under: tuple[str, ...] = ()


@dataclass
class Org:
    """One organisatie to write."""

    key: str  # in the manifest: the systeemId, or "sg:<systeemId of the ministry>"
    id: str
    naam: str
    soort: str
    onafhankelijk: bool
    parent: Optional[str]
    kenmerken: dict[str, Any]
    file: str = ""

    def item(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "naam": self.naam, "soort": self.soort}
        if self.parent:
            d["onderdeel_van"] = self.parent
        if self.onafhankelijk:
            d["onafhankelijk"] = True
        d["kenmerken"] = self.kenmerken
        return d


@dataclass
class Duplicate:
    kept: Record
    dropped: list[Record]
    why: str


@dataclass
class Plan:
    orgs: list[Org]
    relations: list[dict[str, Any]]
    #: every key ever given an id (previous ones included): the manifest's id map
    ids: dict[str, str]
    duplicates: list[Duplicate]
    #: why a record is not written, by key: ("ended" | "below-ended" | "future" | "below-future",
    #: the record whose date it is), ("duplicate", the listing kept), ("selection", None),
    #: ("sg-cluster", its ministry: the cluster is written as the ministry's SG functie)
    left_out: dict[str, tuple[str, Optional[Record]]]
    unknown_types: dict[str, int]
    #: agentschappen without an eigenaar relation, and why
    no_eigenaar: list[tuple[str, str]]
    #: agentschappen whose eigenaar the architect's own files give
    hand_eigenaar: list[str]
    #: every record by systeemId (the first listing of a systeemId)
    records: dict[str, Record] = field(default_factory=dict)


def sg_key(ministry: Record) -> str:
    return f"sg:{ministry.systeem_id}"


def plan(export: Export, opts: Options, *, previous_ids: Optional[dict[str, str]] = None,
         previous_written: Iterable[str] = (), hand_eigenaars: frozenset[str] = frozenset()) -> Plan:
    """Decide what to write. ``previous_ids``: the id map of the previous import; ``previous_written``:
    the keys it wrote (a duplicate keeps the listing written before); ``hand_eigenaars``: ids to which
    the architect's own files give an eigenaar (no eigenaar is generated for them)."""
    return _Planner(export, opts, previous_ids or {}, set(previous_written), hand_eigenaars).run()


class _Planner:
    def __init__(self, export: Export, opts: Options, previous_ids: dict[str, str], previous_written: set[str],
                 hand_eigenaars: frozenset[str]):
        self.recs = export.records
        self.opts = opts
        self.previous_ids = previous_ids
        self.previous_written = previous_written
        self.hand_eigenaars = hand_eigenaars
        self.by_sid: dict[int, list[Record]] = defaultdict(list)
        self.by_tooi: dict[str, list[Record]] = defaultdict(list)
        for r in self.recs:
            self.by_sid[r.systeem_id].append(r)
            if r.tooi:
                self.by_tooi[r.tooi].append(r)
        self.row = [mapping.choose_type(r.types) for r in self.recs]
        self.soort = [row.soort if row.soort != "(by name)" else mapping.onderdeel_soort(r.naam)
                      for r, row in zip(self.recs, self.row)]
        self.alias: dict[int, int] = {}  # dropped duplicate -> kept

    # ---------------------------------------------------------------------------------- helpers
    def is_ministry(self, i: int) -> bool:
        return self.soort[i] == "ministerie"

    def parent(self, i: int) -> Optional[int]:
        """The register parent, a dropped duplicate replaced by the listing kept."""
        p = self.recs[i].parent
        seen = {i}
        while p is not None and p in self.alias:
            q = self.alias[p]
            p = self.recs[p].parent if q in seen or self._below(q, p) else q
            seen.add(q)
        return p

    def _below(self, i: int, anc: int) -> bool:
        p = self.recs[i].parent
        while p is not None:
            if p == anc:
                return True
            p = self.recs[p].parent
        return False

    def ministry_of_ref(self, r: Record) -> Optional[int]:
        """The record of the ministry that ``r``'s relatieMetMinisterie names (systeemId first)."""
        ref = r.ministerie
        if ref is None:
            return None
        for cands in (self.by_sid.get(ref.systeem_id, []) if ref.systeem_id is not None else [],
                      self.by_tooi.get(ref.tooi, []) if ref.tooi else []):
            for c in cands:
                j = self.alias.get(c.index, c.index)
                if self.is_ministry(j):
                    return j
        return None

    def depth(self, i: int) -> int:
        d, p = 0, self.recs[i].parent
        while p is not None:
            d, p = d + 1, self.recs[p].parent
        return d

    # ---------------------------------------------------------------------------------- steps
    def run(self) -> Plan:
        dups = self.duplicates()
        left = self.dates()
        sg = self.sg_functies(left)
        ids = _assign_ids(self, sg)
        chosen = self.select(ids, left, sg)
        return self.build(ids, left, sg, chosen, dups)

    def duplicates(self) -> list[Duplicate]:
        n = len(self.recs)
        up = list(range(n))

        def find(x: int) -> int:
            while up[x] != x:
                up[x] = up[up[x]]
                x = up[x]
            return x

        why: dict[tuple[int, int], str] = {}

        def union(a: int, b: int, reason: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                up[max(ra, rb)] = min(ra, rb)
                why.setdefault((min(a, b), max(a, b)), reason)

        for group in self.by_sid.values():
            for r in group[1:]:
                union(group[0].index, r.index, "the same systeemId")
        for tooi, group in self.by_tooi.items():
            for r in group[1:]:
                union(group[0].index, r.index, "the same TOOI identifier")
        under: dict[tuple[str, str], list[int]] = defaultdict(list)
        for r in self.recs:
            m = self._directly_under(r)
            if m is not None:
                under[(" ".join(r.naam.casefold().split()), m)].append(r.index)
        for group in under.values():
            for a_i, a in enumerate(group):
                for b in group[a_i + 1:]:
                    ta, tb = self.recs[a].types, self.recs[b].types
                    if sorted(ta) == sorted(tb) or ta == [mapping.ONDERDEEL] or tb == [mapping.ONDERDEEL]:
                        union(a, b, "the same name and type under the same ministry")
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(n):
            groups[find(i)].append(i)
        out: list[Duplicate] = []
        for members in groups.values():
            if len(members) < 2:
                continue
            recs = sorted((self.recs[i] for i in members), key=self._keep_key)
            kept = recs[0]
            reasons = sorted({w for (a, b), w in why.items() if a in members})
            for d in recs[1:]:
                self.alias[d.index] = kept.index
            out.append(Duplicate(kept, recs[1:], "; ".join(reasons)))
        return sorted(out, key=lambda d: d.kept.index)

    def _directly_under(self, r: Record) -> Optional[str]:
        """The ministry ``r`` hangs from directly: its register parent when that is a ministry, else
        (at the top) the one its relatieMetMinisterie names. None: not compared by name."""
        if r.parent is not None:
            return str(self.recs[r.parent].systeem_id) if self.is_ministry(r.parent) else None
        ref = r.ministerie
        if ref is None or self.is_ministry(r.index):
            return None
        return str(ref.systeem_id) if ref.systeem_id is not None else (ref.tooi or None)

    def _keep_key(self, r: Record) -> tuple:
        """Which listing of a duplicate is kept: the one the previous import wrote, then one without an
        eindDatum, then one with a type of its own (not a plain Organisatieonderdeel), then one with a
        TOOI identifier, then the oldest registration (lowest systeemId); then the higher place in the
        register and the content, so that the order of the export never decides (two listings alike
        in every respect are taken in document order, and either gives the same files)."""
        ref = r.ministerie
        content = (r.naam, tuple(r.afkortingen), tuple(r.types), r.tooi or "",
                   (ref.systeem_id or -1, ref.tooi or "", ref.naam) if ref else (), str(r.start), str(r.eind))
        return (str(r.systeem_id) not in self.previous_written, r.eind is not None,
                r.types in ([], [mapping.ONDERDEEL]), r.tooi is None, r.systeem_id, self._path(r.index), content,
                r.index)

    def _path(self, i: int) -> tuple[int, ...]:
        """The systeemIds of ``i``'s ancestors in the register, from the top."""
        out: list[int] = []
        p = self.recs[i].parent
        while p is not None:
            out.append(self.recs[p].systeem_id)
            p = self.recs[p].parent
        return tuple(reversed(out))

    def dates(self) -> dict[int, tuple[str, Optional[Record]]]:
        """Records left out for their dates: ``(reason, the record whose date it is)``."""
        left: dict[int, tuple[str, Optional[Record]]] = {}
        if self.opts.all:
            return left
        peil = self.opts.peildatum
        for r in self.recs:  # document order: a parent comes before its children
            i = r.index
            if r.eind is not None and r.eind < peil:
                left[i] = ("ended", r)
            elif r.start is not None and r.start > peil:
                left[i] = ("future", r)
        # everything below a record left out goes with it (also below a listing kept for a duplicate)
        for r in self.recs:
            if r.index in left:
                continue
            p = self.parent(r.index)
            seen = 0
            while p is not None and seen < len(self.recs):
                if p in left and left[p][0] in ("ended", "future"):
                    left[r.index] = ("below-" + left[p][0], left[p][1])
                    break
                p, seen = self.parent(p), seen + 1
        return left

    def sg_functies(self, left: dict[int, Any]) -> dict[int, Optional[int]]:
        """For each ministry: the record of its SG Cluster (directly under it), or None."""
        out: dict[int, Optional[int]] = {}
        for r in self.recs:
            i = r.index
            if not self.is_ministry(i) or i in self.alias:
                continue
            clusters = [c for c in self._children(i) if c not in left and mapping.is_sg_cluster(self.recs[c].naam)]
            out[i] = min(clusters, key=lambda c: self.recs[c].systeem_id) if clusters else None
        return out

    def _children(self, i: int) -> list[int]:
        kids = [c for c in self.recs[i].children if c not in self.alias]
        for d, k in self.alias.items():  # children of a dropped listing now hang here
            if k == i:
                kids += [c for c in self.recs[d].children if c not in self.alias and self.parent(c) == i]
        return kids

    def select(self, ids: dict[str, str], left: dict[int, Any], sg: dict[int, Optional[int]]) -> Optional[set[int]]:
        if not self.opts.under:
            return None
        from ketengraaf.importers.roo.select import match_under

        roots = [match_under(self, term, ids, left) for term in self.opts.under]
        chosen: set[int] = set()
        kids: dict[int, list[int]] = defaultdict(list)
        for r in self.recs:
            p = self.parent(r.index)
            if p is not None and r.index not in self.alias:
                kids[p].append(r.index)
        answers: dict[int, list[int]] = defaultdict(list)
        for r in self.recs:
            m = self.ministry_of_ref(r)
            if m is not None and r.index not in self.alias:
                answers[m].append(r.index)
        todo = list(roots)
        while todo:
            i = todo.pop()
            if i in chosen:
                continue
            chosen.add(i)
            todo += kids[i]
            todo += answers[i]
        return chosen

    # ---------------------------------------------------------------------------------- output
    def build(self, ids: dict[str, str], left: dict[int, tuple[str, Optional[Record]]], sg: dict[int, Optional[int]],
              chosen: Optional[set[int]], dups: list[Duplicate]) -> Plan:
        recs = self.recs
        left_out: dict[str, tuple[str, Optional[Record]]] = {}
        kept: list[int] = []
        for r in recs:
            i = r.index
            key = str(r.systeem_id)
            if i in self.alias:
                left_out.setdefault(key, ("duplicate", recs[self.alias[i]]))
            elif i in left:
                left_out[key] = left[i]
            elif chosen is not None and i not in chosen:
                left_out[key] = ("selection", None)
            else:
                kept.append(i)
        kept_set = set(kept)
        cluster_of = {c: m for m, c in sg.items() if c is not None and c in kept_set and m in kept_set}
        orgs: dict[str, Org] = {}
        unknown: dict[str, int] = defaultdict(int)

        for m, c in sorted(sg.items()):
            if m not in kept_set:
                left_out.setdefault(sg_key(recs[m]), left_out.get(str(recs[m].systeem_id), ("selection", None)))
                continue
            orgs[sg_key(recs[m])] = self._sg_org(m, c if c in kept_set else None, ids)
        for i in kept:
            r = recs[i]
            if i in cluster_of:
                left_out[str(r.systeem_id)] = ("sg-cluster", recs[cluster_of[i]])
                continue
            for t in mapping.unknown_types(r.types) or ([] if r.types else ["(geen type)"]):
                unknown[t] += 1
            orgs[str(r.systeem_id)] = self._org(i, ids, kept_set, cluster_of)
        no_eigenaar: list[tuple[str, str]] = []
        hand: list[str] = []
        relations: list[dict[str, Any]] = []
        for i in kept:
            if self.soort[i] != "agentschap" or i in cluster_of:
                continue
            a = orgs[str(recs[i].systeem_id)]
            m = self._ministry_for(i, kept_set)
            if a.id in self.hand_eigenaars:
                hand.append(a.id)
            elif m is None:
                ref = recs[i].ministerie
                no_eigenaar.append((a.id, f"its ministry {ref.naam!r} is not imported" if ref else
                                    "the register names no ministry for it"))
            else:
                relations.append({"van": ids[sg_key(recs[m])], "naar": a.id, "rol": "eigenaar",
                                  "kenmerken": {"bron": "ROO", "grond": EIGENAAR_GROND}})
        relations.sort(key=lambda d: (d["naar"], d["van"]))
        ordered = _order(list(orgs.values()), recs, self)
        return Plan(ordered, relations, ids, dups, left_out, dict(sorted(unknown.items())), no_eigenaar, sorted(hand),
                    records={str(r.systeem_id): r for r in reversed(recs)})

    def _ministry_for(self, i: int, kept: set[int]) -> Optional[int]:
        """The ministry an agentschap belongs to: the one its relatieMetMinisterie names, else the
        nearest ministry above it in the register."""
        m = self.ministry_of_ref(self.recs[i])
        if m is not None:
            return m if m in kept else None
        p = self.parent(i)
        while p is not None:
            if self.is_ministry(p):
                return p if p in kept else None
            p = self.parent(p)
        return None

    def _common(self, r: Record) -> dict[str, Any]:
        k: dict[str, Any] = {"bron": "ROO", "roo_systeemid": r.systeem_id}
        if r.tooi:
            k["roo_tooi"] = r.tooi
        if r.afkortingen:
            k["roo_afkorting"] = ", ".join(r.afkortingen)
        if r.types:
            k["roo_type"] = ", ".join(r.types)
        return k

    def _org(self, i: int, ids: dict[str, str], kept: set[int], cluster_of: dict[int, int]) -> Org:
        r = self.recs[i]
        row = self.row[i]
        k = self._common(r)
        m = self.ministry_of_ref(r)
        if r.ministerie is not None:
            k["roo_ministerie"] = r.ministerie.naam or (r.ministerie.tooi or str(r.ministerie.systeem_id))
            if m is not None and m in kept:
                k["roo_ministerie_id"] = ids[str(self.recs[m].systeem_id)]
        # The model's own words for the bounds of a period: both YAML readers keep these dates as text
        # in kenmerken, so the files stay on the fast reading path (docs/model-format.md).
        if r.start is not None and r.start > self.opts.peildatum:
            k["geldig_van"] = r.start.isoformat()
        if r.eind is not None:
            k["geldig_tot"] = r.eind.isoformat()
        parent: Optional[str] = None
        p = self.parent(i)
        if p is not None and p in cluster_of:
            parent = ids[str(self.recs[cluster_of[p]].systeem_id)]
            k["roo_onder"] = f"{self.recs[p].naam} (systeemId {self.recs[p].systeem_id})"
        elif p is not None and p in kept:
            parent = ids[str(self.recs[p].systeem_id)]
            if r.parent != p and self.recs[r.parent].systeem_id != self.recs[p].systeem_id:  # type: ignore[index]
                k["roo_onder"] = f"{self.recs[r.parent].naam} (systeemId {self.recs[r.parent].systeem_id})"  # type: ignore[index]
        elif p is not None:
            k["roo_onder"] = f"{self.recs[p].naam} (systeemId {self.recs[p].systeem_id})"
        elif self.soort[i] == "agentschap" and m is not None and m in kept:
            parent = ids[str(self.recs[m].systeem_id)]  # Regeling agentschappen: een dienstonderdeel van een ministerie
        dropped = sorted((d for d, kk in self.alias.items() if kk == i), key=lambda d: self.recs[d].systeem_id)
        if dropped:
            k["roo_duplicaat"] = "; ".join(f"{self.recs[d].naam} (systeemId {self.recs[d].systeem_id})" for d in dropped)
        return Org(str(r.systeem_id), ids[str(r.systeem_id)], r.naam, self.soort[i], row.onafhankelijk, parent, k)

    def _sg_org(self, m: int, cluster: Optional[int], ids: dict[str, str]) -> Org:
        M = self.recs[m]
        naam = "Secretaris-generaal " + _without_ministerie(M.naam)
        if cluster is not None:
            k = self._common(self.recs[cluster])
            k["roo_naam"] = self.recs[cluster].naam
            k["toelichting"] = ("de secretaris-generaal als functie direct onder het ministerie (MODEL.md); in het "
                                "register het onderdeel hierboven, waaronder de DG's en directies staan")
        else:
            k = {"bron": "ROO (afgeleid)",
                 "toelichting": "afgeleid: het register noemt de functie niet; ieder ministerie heeft een "
                                "secretaris-generaal (Regeling agentschappen 2024, art. 1)"}
        k["roo_ministerie_id"] = ids[str(M.systeem_id)]
        return Org(sg_key(M), ids[sg_key(M)], naam, "functie", False, ids[str(M.systeem_id)], k)


def _without_ministerie(naam: str) -> str:
    for prefix in ("Ministerie van de ", "Ministerie van ", "ministerie van "):
        if naam.startswith(prefix):
            return naam[len(prefix):]
    return naam


# ---------------------------------------------------------------------------------------- ids


def _assign_ids(p: _Planner, sg: dict[int, Optional[int]]) -> dict[str, str]:
    """An id for every systeemId in the export and every ministry's SG, keeping the previous ones.

    New ids are handed out in a fixed order that does not depend on the order of the export:
    listings kept for a duplicate before the ones dropped, organisations without an eindDatum first,
    then by depth in the register, then by systeemId (the SG of a ministry right after it). The first to ask for a base id gets it; a later one gets
    ``<base id of its register parent>-<base id>`` when that is free, else ``<base id>-<systeemId>``.
    """
    ids = dict(p.previous_ids)
    taken = set(ids.values())
    if len(taken) != len(ids):
        raise UsageError("the manifest of the previous import gives one id to two organisations; restore it from "
                         "version control, or remove the import's directory to import afresh")
    base: dict[str, str] = {}
    order: list[tuple[tuple, str, Optional[int]]] = []
    seen: set[str] = set()
    for r in p.recs:
        key = str(r.systeem_id)
        if key in seen:
            continue
        seen.add(key)
        i = p.alias.get(r.index, r.index)
        soort = p.soort[i]
        base[key] = mapping.base_id(p.recs[i].naam, p.recs[i].afkortingen, soort) or f"roo-{r.systeem_id}"
        rank = (p.recs[i].systeem_id != r.systeem_id, p.recs[i].eind is not None, p.depth(i), r.systeem_id)
        order.append((rank + (0,), key, i))
        if i in sg:
            skey = sg_key(p.recs[i])
            ministry = base[key][4:] if base[key].startswith("min-") else base[key]
            base[skey] = "sg-" + ministry
            order.append((rank + (1,), skey, None))
    order.sort()
    for _, key, i in order:
        if key in ids:
            continue
        b = base[key]
        cands = [b]
        if i is not None:
            par = p.parent(i)
            if par is not None:
                cands.append(f"{base[str(p.recs[par].systeem_id)]}-{b}")
        cands.append(f"{b}-{key.removeprefix('sg:')}")
        new = next((c for c in cands if c not in taken), None)
        n = 2
        while new is None:
            c = f"{cands[-1]}-{n}"
            new = c if c not in taken else None
            n += 1
        ids[key] = new
        taken.add(new)
    return ids


# ---------------------------------------------------------------------------------------- files


def _order(orgs: list[Org], recs: list[Record], p: _Planner) -> list[Org]:
    """The organisations grouped into files and in reading order: a ministry's file holds the
    ministry, its SG, everything below it and everything that answers to it (relatieMetMinisterie),
    each tree depth first with siblings by id; gemeenten, provincies and waterschappen have a file
    each, the rest is overig.yaml."""
    by_id = {o.id: o for o in orgs}
    kids: dict[Optional[str], list[Org]] = defaultdict(list)
    for o in orgs:
        kids[o.parent if o.parent in by_id else None].append(o)
    for lst in kids.values():
        lst.sort(key=lambda o: (o.soort != "functie", o.id))

    def file_of(root: Org) -> str:
        if root.soort == "ministerie":
            return f"{root.id}.yaml" if root.id.startswith("min-") else f"ministerie-{root.id}.yaml"
        mid = root.kenmerken.get("roo_ministerie_id")
        if isinstance(mid, str) and mid in by_id:
            return file_of(by_id[mid])
        return {"gemeente": "gemeenten.yaml", "provincie": "provincies.yaml",
                "waterschap": "waterschappen.yaml"}.get(root.soort, "overig.yaml")

    out: list[Org] = []
    roots = sorted(kids[None], key=lambda o: (file_of(o), o.soort != "ministerie", o.id))
    for root in roots:
        f = file_of(root)
        stack = [root]
        while stack:
            o = stack.pop()
            o.file = f
            out.append(o)
            stack.extend(reversed(kids.get(o.id, [])))
    return out

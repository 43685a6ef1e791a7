"""``--under NAME-OR-ID``: which organisation of the export a term names.

A term is tried, in this order, as an id (the one the import gives or gave), a systeemId, a TOOI
identifier (whole, or its last part such as ``mnre1090``), an afkorting and a name (case and spacing
ignored). The first kind that matches decides; two organisations matching it is an error that lists
them, no match an error with the closest names.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from ketengraaf.errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    from ketengraaf.importers.roo.importer import _Planner


def _norm(s: str) -> str:
    return " ".join(s.casefold().split())


def match_under(p: "_Planner", term: str, ids: dict[str, str], left: dict[int, Any]) -> int:
    """The index of the record that ``term`` names (a listing dropped as a duplicate never is)."""
    recs = [r for r in p.recs if r.index not in p.alias]
    t = _norm(term)
    kinds = (
        ("id", lambda r: ids.get(str(r.systeem_id)) == term.strip()),
        ("systeemId", lambda r: t.isdigit() and r.systeem_id == int(t)),
        ("TOOI identifier", lambda r: bool(r.tooi) and (_norm(r.tooi) == t or _norm(r.tooi).rsplit("/", 1)[-1] == t)),
        ("afkorting", lambda r: any(_norm(a) == t for a in r.afkortingen)),
        ("name", lambda r: _norm(r.naam) == t),
    )
    for kind, test in kinds:
        hits = sorted({r.index for r in recs if test(r)})
        if not hits:
            continue
        if len(hits) > 1:
            listed = "; ".join(f"{ids[str(p.recs[i].systeem_id)]} ({p.recs[i].naam}, systeemId {p.recs[i].systeem_id})"
                               for i in hits[:8])
            raise UsageError(f"--under {term!r} is the {kind} of {len(hits)} organisaties: {listed}; give the id "
                             f"or systeemId of the one you mean")
        i = hits[0]
        if i in left:
            why, rec = left[i]
            r = p.recs[i]
            when = {"ended": f"ended on {rec.eind}", "future": f"starts on {rec.start}",
                    "below-ended": f"lies below {rec.naam!r}, which ended on {rec.eind}",
                    "below-future": f"lies below {rec.naam!r}, which starts on {rec.start}"}[why]  # type: ignore[union-attr]
            raise UsageError(f"--under {term!r}: {r.naam} {when}, so it is not imported on the peildatum "
                             f"{p.opts.peildatum}; add --all to import ended and future organisations too")
        return i
    names = sorted({r.naam for r in recs} | {ids[str(r.systeem_id)] for r in recs})
    close = difflib.get_close_matches(term, names, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise UsageError(f"--under {term!r} names no organisatie in the export (tried ids, systeemIds, TOOI "
                     f"identifiers, afkortingen and names){hint}")

"""``ketengraaf import roo EXPORT -o DIR``, end to end: :func:`run_import`, then :func:`summary`.

1. check that ``DIR/roo/`` may be replaced (:mod:`ketengraaf.importers.owned`);
2. read the export (streaming);
3. read the architect's files beside ``DIR/roo/`` for the eigenaars they give (a hand-written eigenaar
   of an agentschap replaces the generated one), and check that no input (the export, those files)
   lies inside ``DIR/roo/``;
4. plan, write ``DIR/roo/`` in one step;
5. validate the whole model in ``DIR`` and explain every reference to an organisation that the
   import does not (or no longer) write: ended, below an ended one, not yet started, listed twice,
   outside ``--under``, or gone from the register.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from ketengraaf.errors import ModelInvalid, Problem, UsageError
from ketengraaf.fileio import Inputs
from ketengraaf.importers import owned
from ketengraaf.importers.roo import files as F
from ketengraaf.importers.roo.importer import Options, Plan, plan
from ketengraaf.importers.roo.reader import Export, read_export

SUBDIR = "roo"
SOORT_ORDER = ("ministerie", "gemeente", "provincie", "waterschap", "directoraat-generaal", "directie", "functie",
               "agentschap", "zbo", "rwt", "uitvoeringsorganisatie", "overleg", "private", "overig")


@dataclass
class Result:
    export: Export
    plan: Plan
    opts: Options
    sub: Path
    files: list[str]
    previous: Optional[dict[str, Any]]
    #: problems of the whole model after the import: references the import explains, and the rest
    explained: list[Problem] = field(default_factory=list)
    other: list[Problem] = field(default_factory=list)
    counts: Optional[dict[str, int]] = None
    unreadable: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.explained or self.other else 0


def run_import(export_path: str, out_dir: str, opts: Options, *,
               step: Callable[[str], None] = lambda s: None,
               bar: Optional[Callable[[str, int, int], None]] = None) -> Result:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out_dir} is a file; -o names the model directory the import writes {SUBDIR}/ into")
    sub = out / SUBDIR
    previous = owned.check(sub, F.TOOL)

    step("ROO-export lezen")
    size = os.path.getsize(export_path) if os.path.isfile(export_path) else 0
    progress = (lambda done, total: bar("ROO-export lezen", done, total)) if bar and size >= 4 << 20 else None
    export = read_export(export_path, progress=progress)
    hand_files, hand_eigenaars, unreadable = _architect_files(out, sub)
    Inputs([Path(export_path), *hand_files]).check(sub, replaces_dir=True)
    step("organisaties, ids en relaties bepalen")
    pl = plan(export, opts, previous_ids=(previous or {}).get("ids"),
              previous_written=[w["key"] for w in (previous or {}).get("written", {}).values()],
              hand_eigenaars=frozenset(hand_eigenaars))
    step(f"{sub} schrijven")
    contents = F.yaml_files(pl, export, opts)
    owned.write(sub, contents, F.manifest(pl, export, opts))
    result = Result(export, pl, opts, sub, list(contents), previous, unreadable=unreadable)
    step(f"het model in {out} valideren")
    _validate(result, out)
    return result


def _architect_files(out: Path, sub: Path) -> tuple[list[Path], set[str], list[str]]:
    """The model files beside ``sub``, the organisations they give an eigenaar, and the files that
    could not be read (the validation after the import reports those)."""
    from ketengraaf.model import inputs, yamlio

    if not out.is_dir():
        return [], set(), []
    try:
        paths = inputs.discover(out)
    except ModelInvalid:
        return [], set(), []
    mine = [p for p in paths if p.parts[: len(sub.parts)] != sub.parts]
    eigenaars: set[str] = set()
    unreadable: list[str] = []
    for p in mine:
        try:
            raw = inputs.read(p)
            data = yamlio.read_fast(raw)
            if data is None:
                data = yamlio.read_precise(raw).data
        except (ModelInvalid, yamlio.YamlProblem):
            unreadable.append(str(p))
            continue
        rels = data.get("sturingsrelaties") if isinstance(data, dict) else None
        for r in rels if isinstance(rels, list) else ():
            if isinstance(r, dict) and r.get("rol") == "eigenaar" and isinstance(r.get("naar"), str):
                eigenaars.add(r["naar"])
    return mine, eigenaars, unreadable


def _validate(result: Result, out: Path) -> None:
    from ketengraaf.pipeline import load_model

    try:
        m = load_model(out)
    except ModelInvalid as e:
        why = _why_not_imported(result)
        for p in e.problems:
            if p.ref is not None and p.ref in why:
                label, text = why[p.ref]
                result.explained.append(Problem(p.file, p.line, p.column,
                                                f"'{p.ref}' ({label}) is not in the import: {text}; remove or "
                                                f"replace this reference", p.ref))
            else:
                result.other.append(p)
        return
    result.counts = m.counts()


def _why_not_imported(result: Result) -> dict[str, tuple[str, str]]:
    """For every id the import knows but did not write: what it is, and why, in one phrase."""
    pl, opts = result.plan, result.opts
    written = {o.id for o in pl.orgs}
    before = {w["key"]: w["naam"] for w in (result.previous or {}).get("written", {}).values()}
    peil = opts.peildatum.isoformat()
    out: dict[str, tuple[str, str]] = {}
    for key, id_ in pl.ids.items():
        if id_ in written:
            continue
        if key.startswith("sg:"):
            m = pl.records.get(key[3:])
            label = f"the secretaris-generaal of {m.naam}" if m else "a secretaris-generaal"
        else:
            rec = pl.records.get(key)
            naam = rec.naam if rec else before.get(key, "")
            label = f"{naam}, systeemId {key}" if naam else f"systeemId {key}"
        how, at = pl.left_out.get(key, ("gone", None))
        text = {
            "ended": lambda: f"it ended on {at.eind} (eindDatum in the register), before the peildatum {peil}",
            "below-ended": lambda: f"it lies below {at.naam!r}, which ended on {at.eind}",
            "future": lambda: f"it starts on {at.start} (startDatum in the register), after the peildatum {peil}",
            "below-future": lambda: f"it lies below {at.naam!r}, which starts on {at.start}",
            "duplicate": lambda: f"the register lists it twice and the import keeps the other listing, "
                                 f"'{pl.ids.get(str(at.systeem_id), '?')}'",
            "selection": lambda: f"it lies outside --under {', '.join(opts.under)}",
            "sg-cluster": lambda: f"it is the SG Cluster of {at.naam}, imported as the functie "
                                  f"'{pl.ids.get('sg:' + str(at.systeem_id), '?')}'",
            "gone": lambda: "it is no longer in the register",
        }[how]()
        if how in ("ended", "below-ended", "future", "below-future"):
            text += " (--all imports it all the same)"
        out[id_] = (label, text)
    return out


# ------------------------------------------------------------------------------------------------
# the summary


def summary(r: Result) -> list[str]:
    """The lines printed on stderr after an import (the problems come after them)."""
    pl, e, opts = r.plan, r.export, r.opts
    when = f", {e.timestamp}" if e.timestamp else ""
    n_rec = len({x.systeem_id for x in e.records})
    lines = [f"ketengraaf import roo: {os.path.basename(e.path)} (ROO export {e.version}{when}): {n_rec} organisaties; "
             f"peildatum {opts.peildatum}"]
    soorten = Counter(o.soort for o in pl.orgs)
    lines.append(f"  wrote {len(pl.orgs)} organisaties and {len(pl.relations)} sturingsrelatie"
                 f"{'s' if len(pl.relations) != 1 else ''} to {r.sub}/ ({len(r.files)} files and {owned.MANIFEST})")
    lines.append("  soort: " + ", ".join(f"{s} {soorten[s]}" for s in SOORT_ORDER if soorten[s]))
    placed = sum(1 for o in pl.orgs if o.parent)
    lines.append(f"  relations: {placed} onderdeel_van; {len(pl.relations)} eigenaar (the secretaris-generaal of an "
                 f"agentschap's ministry, Regeling agentschappen 2024); no sturing for zbo's, rwt's and the rest: "
                 f"the register names only their ministry")
    reasons = Counter(how for key, (how, _) in pl.left_out.items() if not key.startswith("sg:"))
    texts = (("ended", f"ended before {opts.peildatum}"), ("below-ended", "below an ended organisatie"),
             ("future", f"starting after {opts.peildatum}"), ("below-future", "below one starting later"),
             ("duplicate", "listed twice in the register"), ("selection", "outside --under"))
    parts = [f"{reasons[k]} {t}" for k, t in texts if reasons[k]]
    if e.regelingen:
        parts.append(f"{e.regelingen} gemeenschappelijke regelingen of the export's regelingen part (arrangements, "
                     f"not organisaties)")
    lines.append("  left out: " + ("; ".join(parts) if parts else "nothing")
                 + ("; --all keeps ended and future organisaties" if reasons["ended"] or reasons["future"] else ""))
    if r.previous is not None:
        before = {w["key"]: (i, w["naam"]) for i, w in r.previous.get("written", {}).items()}
        now = {o.key: o for o in pl.orgs}
        added = sum(1 for k in now if k not in before)
        renamed = sum(1 for k, o in now.items() if k in before and before[k][1] != o.naam)
        removed = sum(1 for k in before if k not in now)
        lines.append(f"  since the previous import: {added} added, {renamed} renamed, {removed} no longer imported")
    for d in pl.duplicates:
        kept = pl.ids[str(d.kept.systeem_id)]
        others = "; ".join(f"{x.naam!r} (systeemId {x.systeem_id}, line {x.line})" for x in d.dropped)
        lines.append(f"  duplicate in the register ({d.why}): {d.kept.naam!r} (systeemId {d.kept.systeem_id}, "
                     f"line {d.kept.line}) and {others}; imported once as '{kept}'")
    for t, n in pl.unknown_types.items():
        lines.append(f"  ROO type {t!r} has no row in the mapping table: {n} organisatie{'s' if n != 1 else ''} "
                     f"imported as soort overig")
    for id_, why in pl.no_eigenaar:
        lines.append(f"  agentschap '{id_}' gets no eigenaar: {why}")
    if pl.hand_eigenaar:
        lines.append(f"  eigenaar from your own files (none generated): {', '.join(pl.hand_eigenaar)}")
    for f in r.unreadable:
        lines.append(f"  {f} could not be read; its eigenaars were not taken into account")
    if r.counts is not None:
        lines.append(f"  the model in {r.sub.parent} is valid: " + ", ".join(f"{v} {k}" for k, v in r.counts.items() if v))
    return lines


def closing(r: Result) -> Optional[str]:
    """The last line when the model in DIR does not validate after the import."""
    if not (r.explained or r.other):
        return None
    parts = []
    if r.explained:
        n = len(r.explained)
        parts.append(f"{n} reference{'s' if n != 1 else ''} in your files point{'s' if n == 1 else ''} to "
                     f"organisaties the import does not write")
    if r.other:
        n = len(r.other)
        parts.append(f"{n} other error{'s' if n != 1 else ''} in the model")
    return (f"ketengraaf: imported, but the model in {r.sub.parent} does not validate: {' and '.join(parts)}; "
            f"fix them in your own files (ketengraaf validate {r.sub.parent})")

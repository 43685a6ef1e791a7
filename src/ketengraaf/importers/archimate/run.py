"""``ketengraaf import archimate FILE.xml -o MODEL.yaml|DIR``, end to end: :func:`run_import`, then
:func:`summary`.

1. check that the output may be written: a ``.yaml`` file only when it is absent or carries the
   import's marker on its first line; a directory's ``archimate/`` only when it is absent or holds
   exactly what the previous import wrote (its manifest);
2. read the exchange file as a model (the loader, as ``ketengraaf analyse FILE.xml`` does): an
   invalid file ends here, exit 2, nothing written; with ``--strict``, so does anything not imported;
3. check that no input (the file, the mapping file, the architect's files beside ``archimate/``) is
   an output, write the YAML in one step;
4. validate what was written (in a directory: the whole model, the architect's files included).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from ketengraaf.archimate.mapping import ENV
from ketengraaf.errors import ExportInvalid, ModelInvalid, Problem, UsageError
from ketengraaf.fileio import Inputs, atomic_write, refuse_unmarked
from ketengraaf.importers import owned
from ketengraaf.model import inputs as model_inputs
from ketengraaf.model.yamlwrite import SECTIONS, model_text

TOOL = "ketengraaf import archimate"
SUBDIR = "archimate"
#: The first line of every YAML file the import writes.
MARKER = ("# Geïmporteerd uit een ArchiMate-uitwisselingsbestand door ketengraaf import archimate; de volgende "
          "import vervangt dit bestand.\n")
#: The files of ``DIR/archimate/``: name -> sections (``model.yaml`` holds the model block).
FILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("organisaties.yaml", ("organisaties",)), ("sturing.yaml", ("sturingsrelaties",)),
    ("opdrachten.yaml", ("opdrachten",)), ("afspraken.yaml", ("afspraken",)), ("ketens.yaml", ("ketens",)),
    ("gegevens.yaml", ("gegevens", "gegevensstromen")), ("middelen.yaml", ("middelen",)),
    ("uitzonderingen.yaml", ("uitzonderingen",)),
)
SHOWN = ("organisaties", "sturingsrelaties", "opdrachten", "afspraken", "ketens", "schakels", "gegevens",
         "gegevensstromen", "middelen", "uitzonderingen")


@dataclass
class Result:
    path: str
    out: Path
    to_dir: bool
    data: dict[str, Any]
    report: Any
    written: list[Path]
    name: Optional[str]
    #: where the exchange file's parts stand (for the lines of what was not imported)
    doc: Any = None
    #: a directory's model already has a model: block in the architect's files (ours is left out)
    model_block_kept: bool = False
    counts: Optional[dict[str, int]] = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


def run_import(xml: str, out_path: str, *, strict: bool = False,
               step: Callable[[str], None] = lambda s: None) -> Result:
    from ketengraaf.pipeline import load_model

    out = Path(out_path)
    to_dir = not out_path.lower().endswith((".yaml", ".yml"))
    if to_dir and out.suffix and not out.is_dir():
        raise UsageError(f"{out_path}: -o names a .yaml file or a model directory")
    if to_dir:
        if out.exists() and not out.is_dir():
            raise UsageError(f"{out_path} is a file; -o names a .yaml file or the model directory the import "
                             f"writes {SUBDIR}/ into")
        sub = out / SUBDIR
        owned.check(sub, TOOL)
    else:
        if out.is_dir():
            raise UsageError(f"{out_path} is a directory; give it without .yaml to import into {out_path}/{SUBDIR}/")
        refuse_unmarked(out, MARKER, TOOL)
    if Path(xml).suffix.lower() != ".xml":
        raise UsageError(f"{xml}: an ArchiMate exchange file ends in .xml (Archi: File > Export > Model to Open "
                         f"Exchange File...)")

    step("ArchiMate-bestand lezen en valideren")
    try:
        m = load_model(xml)
    except ModelInvalid as e:
        raise ExportInvalid(e.problems, what="the exchange file") from None
    doc = m.files[0].precise
    report, data = doc.report, doc.data
    if strict and report.skipped:
        raise ExportInvalid([_problem(xml, doc, s, strict=True) for s in report.skipped], what="the exchange file")

    mapping = os.environ.get(ENV, "").strip()
    hand: list[Path] = []
    model_block_kept = False
    if to_dir:
        hand = _architect_files(out, out / SUBDIR)
        model_block_kept = any(_has_model_block(p) for p in hand)
    Inputs([Path(xml), *([Path(mapping)] if mapping else []), *hand]).check(
        out / SUBDIR if to_dir else out, replaces_dir=to_dir)

    step("YAML schrijven")
    head = MARKER + f"# Bron: {os.path.basename(xml)} ({_quote(doc.document.name)}).\n"
    if to_dir:
        files: dict[str, bytes] = {}
        if not model_block_kept:
            files["model.yaml"] = model_text({"model": data["model"]}, head, ()).encode("utf-8")
        for name, sections in FILES:
            if any(data.get(s) for s in sections):
                files[name] = model_text({s: data[s] for s in sections}, head, sections).encode("utf-8")
        owned.write(out / SUBDIR, files, {"tool": TOOL, "format": 1, "source": os.path.basename(xml),
                                          "mapping": mapping or None})
        written = [out / SUBDIR / n for n in files]
    else:
        atomic_write(out, model_text(data, head, SECTIONS))
        written = [out]

    result = Result(xml, out, to_dir, data, report, written, doc.document.name, doc, model_block_kept)
    step(f"het model in {out} valideren")
    try:
        result.counts = load_model(out).counts()
    except ModelInvalid as e:
        result.problems = e.problems
    return result


def _quote(name: Optional[str]) -> str:
    return f"model '{name}'" if name else "model zonder naam"


def _problem(xml: str, doc: Any, s: Any, *, strict: bool = False) -> Problem:
    line, col = doc.document.lines.at(s.line, s.tag)
    prefix = "not imported (--strict): " if strict else ""
    return Problem(xml, line, col, f"{prefix}{s.label}: {s.reason}")


def _architect_files(out: Path, sub: Path) -> list[Path]:
    """The model files beside ``DIR/archimate/`` (the architect's own)."""
    if not out.is_dir():
        return []
    try:
        paths = model_inputs.discover(out)
    except ModelInvalid:
        return []
    return [p for p in paths if p.parts[: len(sub.parts)] != sub.parts]


def _has_model_block(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return any(line.startswith("model:") for line in f)
    except OSError:
        return False


# ------------------------------------------------------------------------------------------------
# the summary


def summary(r: Result, xml_shown: str, doc: Any = None) -> list[str]:
    """The lines printed on stderr after an import: what the file holds, what was written, what was
    not imported (counts per type, then one line per object with its reason)."""
    rep = r.report
    n_el, n_rel = sum(rep.elements.values()), sum(rep.relationships.values())
    lines = [f"ketengraaf import archimate: {os.path.basename(r.path)} ({_quote(r.name)}): {n_el} elements, "
             f"{n_rel} relationships, {rep.views} views"]
    d = r.data
    counts = {s: len(d.get(s, [])) for s in SHOWN if s != "schakels"}
    counts["schakels"] = sum(len(k.get("schakels", [])) for k in d.get("ketens", []))
    wrote = ", ".join(f"{counts[s]} {s}" for s in SHOWN if counts[s])
    where = f"{r.out / SUBDIR}/ ({len(r.written)} files and {owned.MANIFEST})" if r.to_dir else str(r.out)
    lines.append(f"  wrote {wrote or 'nothing'} to {where}")
    by_target: dict[str, list[str]] = {}
    for (typ, target), n in sorted(rep.imported.items()):
        by_target.setdefault(target, []).append(f"{typ} {n}")
    if by_target:
        lines.append("  read as: " + "; ".join(f"{', '.join(v)} -> {k}" for k, v in by_target.items()))
    rels_in = Counter(rep.relationships) - rep.skipped_relationships
    if rels_in:
        lines.append("  relationships read: " + ", ".join(f"{t} {n}" for t, n in sorted(rels_in.items())))
    se, sr = rep.skipped_elements, rep.skipped_relationships
    if se or sr or rep.views:
        parts = []
        if se:
            parts.append(f"{sum(se.values())} elements (" + ", ".join(f"{t} {n}" for t, n in se.most_common()) + ")")
        if sr:
            parts.append(f"{sum(sr.values())} relationships (" + ", ".join(f"{t} {n}" for t, n in sr.most_common())
                         + ")")
        if rep.views:
            parts.append(f"{rep.views} views (drawings: ketengraaf reads the model, not its views)")
        lines.append("  not imported: " + "; ".join(parts))
    for (key, value), n in sorted(rep.unrecognised.items()):
        lines.append(f"  property {key!r} = {value!r} on {n} element{'s' if n != 1 else ''} names no soort ketengraaf "
                     f"knows; a mapping file can map it (docs/archimate.md)")
    if rep.findings:
        lines.append(f"  {rep.findings} ketengraaf:bevinding properties of an earlier export left out (findings are "
                     f"computed, not imported)")
    for label in rep.unnamed:
        lines.append(f"  {label} has no name: it is named after its id")
    if r.model_block_kept:
        lines.append(f"  your files in {r.out} give the model: block; {SUBDIR}/ has none")
    if doc is not None:
        for s in rep.skipped:
            lines.append(str(_problem(xml_shown, doc, s)))
    if r.counts is not None:
        lines.append(f"  the model in {r.out} is valid: " + ", ".join(f"{v} {k}" for k, v in r.counts.items() if v))
    return lines

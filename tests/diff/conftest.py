"""Shared helpers of the ``ketengraaf diff`` tests: the CLI as a user runs it, and small models."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[2]
OLD = ROOT / "modellen" / "toeslagen-2020.yaml"
NEW = ROOT / "modellen" / "toeslagen-2021.yaml"

#: A small model: a dienst with an eigenaar, an opdrachtgever and a resultaatafspraak between them.
KLEIN = """\
ketengraaf: 1
model: {id: klein, naam: Klein, peildatum: 2026-01-01}
organisaties:
  - {id: min-a, naam: Ministerie A, soort: ministerie}
  - {id: sg-a, naam: SG A, soort: functie, onderdeel_van: min-a}
  - {id: dg-a, naam: DG A, soort: directoraat-generaal, onderdeel_van: min-a}
  - {id: dienst, naam: Dienst, soort: uitvoeringsorganisatie, onderdeel_van: min-a}
sturingsrelaties:
  - {van: sg-a, naar: dienst, rol: eigenaar}
  - {van: dg-a, naar: dienst, rol: opdrachtgever}
afspraken:
  - {id: ra, naam: Resultaatafspraak, soort: resultaatafspraak, partijen: [dg-a, dienst], geldig_van: 2025-01-01}
"""
#: The same model with the afspraak gone and the DG renamed.
KLEIN_NA = KLEIN.split("afspraken:")[0].replace("naam: DG A,", "naam: DG B,") + "afspraken: []\n"


def kg(*args: str, cwd: Optional[Path] = None, env: Optional[dict] = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ketengraaf", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, "COLUMNS": "100", **(env or {})})


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path

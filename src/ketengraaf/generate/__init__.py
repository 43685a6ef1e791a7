"""Synthetic models: valid, realistic and deterministic per seed, for tests and benchmarks.

:func:`generate_model` builds a model of roughly ``n`` organisations as plain Python data (the
same mapping a YAML reader returns, with dates as ``YYYY-MM-DD`` text); :func:`write_model`
writes it as one YAML file or, with ``split``, as a directory of files.

Shape. The model is grown ministry by ministry ("clusters"): a ministerie with its
secretaris-generaal (``functie``), DGs and directies; some gemeenten, provincies and
waterschappen; executors (agentschap, zbo, rwt, uitvoeringsorganisatie) with an eigenaar (usually
the SG) and one to several opdrachtgevers (DGs, sometimes of another ministry, with a
coördinerend opdrachtgever); private parties commissioned by executors; forums (``overleg``);
opdrachten, middelen, afspraken of every soort (some with an escalation ladder), gegevens with
copies and derivations and the gegevensstromen between organisations. Ketens of 3–8 schakels are drawn over the executors of
one or of several governments. A fixed share of every construct is deliberately flawed, so that
every rule of RULES.md fires on some subjects and not on most (at most about 30 % of the
subjects it applies to). The flaws are spread with :class:`~.base.Quota`, which fires at an exact long-run
rate with some jitter, so even small models show each of them.

Two knobs make a finding-heavy model for benchmarks (issue 12) and leave the default model as it
always was: ``agreement_density`` keeps only that share of the afspraken, ``extra_stromen`` adds
deliveries of every dataset to gemeenten and executors (see :func:`generate_model`).

Valid by construction: one id namespace with prefixes (``org-``, ``opd-``, ``afs-``, ``ket-``,
``sch-``, ``geg-``, ``str-``, ``mid-``), references to the right kinds, no ``onderdeel_van`` cycle,
no duplicate relation or uitzondering, ``volgt_op`` within the keten, at least two distinct
partijen, ordered periods. Deterministic: one ``random.Random(seed)``, no sets iterated, no clock.
Linear in ``n``: every choice picks from a pool in constant time.

The YAML is written directly, one flow mapping per list item and line (as in voorbeeld.yaml),
with a scalar quoting that no YAML 1.1 or 1.2 reader can misread (see :func:`scalar`, below).

The modules, in the order the data takes:

* :mod:`.core` — :func:`generate_model` and the order of the passes;
* :mod:`.base` — the state every pass shares, its primitives and the flaw quotas;
* :mod:`.organisations` — ministries, executors, private parties, their wiring and escalation ladders;
* :mod:`.data` — gegevens and gegevensstromen; :mod:`.chains` — ketens and their schakels;
* :mod:`.vocabulary` — the names the passes draw from;
* :mod:`.writing` — the YAML text, the files of a split model, and :func:`write_model`.

>>> m = generate_model(60, seed=3)
>>> m["ketengraaf"], m["model"]["peildatum"]
(1, '2026-11-27')
>>> generate_model(60, seed=3) == m
True
>>> scalar("Gemeente Zuidstad 4"), scalar("on"), scalar("2024-01-01"), scalar('Stichting "De Brug", Ede')
('Gemeente Zuidstad 4', '"on"', '"2024-01-01"', '"Stichting \\\\"De Brug\\\\", Ede"')
"""

from __future__ import annotations

# The names callers use, where they have always been (``ketengraaf.generate.MARKER``, ...; the tests
# also reach ``_Generator`` to switch a pass off).
from ketengraaf.generate.base import PEILDATUM
from ketengraaf.generate.core import _Generator, generate_model  # noqa: F401
from ketengraaf.generate.writing import CHUNK, MARKER, SECTIONS, dump_yaml, split_files, write_model  # noqa: F401
from ketengraaf.model.yamlwrite import scalar

__all__ = ["generate_model", "write_model", "dump_yaml", "split_files", "scalar", "PEILDATUM"]

"""Small ROO exports for the tests, in the export's shape (namespace 2.6.9 unless told otherwise)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape

NS = "https://organisaties.overheid.nl/static/schema/oo/export/2.6.9"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "roo"
VOORBEELD = SHARED / "voorbeeld-export.xml"
SYNTHETISCH = SHARED / "kleine-export-synthetisch.xml"


@dataclass
class O:
    """One p:organisatie: systeemId, naam, types; the rest optional."""

    sid: int
    naam: str
    types: list[str] = field(default_factory=lambda: ["Organisatieonderdeel"])
    afk: list[str] = field(default_factory=list)
    tooi: Optional[str] = None
    rel: Optional[tuple[Optional[int], Optional[str], str]] = None  # relatieMetMinisterie (systeemId, TOOI, naam)
    start: Optional[str] = None
    eind: Optional[str] = None
    kids: list["O"] = field(default_factory=list)
    extra: str = ""  # more XML inside the organisatie (addresses, functies, ...), before its children

    def xml(self, ind: str = "    ") -> str:
        tooi = f' p:resourceIdentifierTOOI="{self.tooi}"' if self.tooi else ""
        out = [f'{ind}<p:organisatie p:systeemId="{self.sid}"{tooi}>', f"{ind}  <p:naam>{escape(self.naam)}</p:naam>"]
        out += [f"{ind}  <p:afkorting>{escape(a)}</p:afkorting>" for a in self.afk]
        out.append(f"{ind}  <p:types>" + "".join(f"<p:type>{escape(t)}</p:type>" for t in self.types) + "</p:types>")
        if self.rel:
            s, t, n = self.rel
            attrs = (f' p:systeemId="{s}"' if s is not None else "") + (f' p:resourceIdentifierTOOI="{t}"' if t else "")
            out.append(f"{ind}  <p:relatieMetMinisterie{attrs}>{escape(n)}</p:relatieMetMinisterie>")
        if self.extra:
            out.append(ind + "  " + self.extra)
        if self.start:
            out.append(f"{ind}  <p:startDatum>{self.start}</p:startDatum>")
        if self.eind:
            out.append(f"{ind}  <p:eindDatum>{self.eind}</p:eindDatum>")
        if self.kids:
            out.append(f"{ind}  <p:organisaties>")
            out += [k.xml(ind + "    ") for k in self.kids]
            out.append(f"{ind}  </p:organisaties>")
        out.append(f"{ind}</p:organisatie>")
        return "\n".join(out)


def export(*orgs: O, ns: str = NS, tail: str = "") -> str:
    body = "\n".join(o.xml() for o in orgs)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<p:overheidsorganisaties xmlns:p="{ns}" '
            f'p:timestamp="2026-05-16T22:00:00+02:00">\n  <p:organisaties>\n{body}\n  </p:organisaties>\n{tail}'
            f"</p:overheidsorganisaties>\n")


def write(path: Path, *orgs: O, **kw) -> Path:
    path.write_text(export(*orgs, **kw), encoding="utf-8")
    return path


def ministry(sid: int, naam: str, afk: str, *kids: O, tooi_n: Optional[int] = None) -> O:
    return O(sid, naam, ["Ministerie"], [afk], f"https://identifier.overheid.nl/tooi/id/ministerie/mnre{tooi_n or sid}",
             kids=list(kids))


def rel(m: O) -> tuple[Optional[int], Optional[str], str]:
    return (m.sid, m.tooi, m.naam)

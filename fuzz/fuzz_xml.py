#!/usr/bin/env python3
"""Coverage-guided fuzzing of the two XML readers, with atheris (libFuzzer for Python).

Every input is read as an ArchiMate exchange file (what ``ketengraaf validate model.xml`` and
``analyse`` do: :func:`oracle.check`) and imported as an export of the Register van
Overheidsorganisaties (what ``ketengraaf import roo`` does: :func:`oracle.check_roo`). The only
allowed outcomes are a model (or an import) and a located ``ModelInvalid``; another exception, a
hang (``-timeout``) or memory beyond ``-rss_limit_mb`` is a finding.

Half of the mutations are libFuzzer's own (bytes), half are XML-aware: parse the input with lxml
(recovering), then change an element's text or an attribute, drop, copy or move an element, rename
a tag, or put in what hand-edited and HTML-minded files hold (``&nbsp;``, a character reference, a
CDATA section, a comment, a DOCTYPE with an entity), and write it out again.

The seeds in fuzz/corpus/xml are ketengraaf's own output: ``ketengraaf export archimate`` of a
small model (with findings), and a small ROO export in the register's shape (tests/importers/roo_xml.py).

Usage (see also fuzz/run):
    .venv/bin/python fuzz/fuzz_xml.py fuzz/corpus/xml -max_total_time=30 -timeout=10 -rss_limit_mb=2048
    .venv/bin/python fuzz/fuzz_xml.py CRASH-FILE          # reproduce one input
"""

from __future__ import annotations

import os
import random
import shutil

import atheris

with atheris.instrument_imports(include=["ketengraaf", "oracle"]):
    import oracle

import harness  # noqa: E402

from lxml import etree  # noqa: E402 - not instrumented: only the mutator uses it directly

_DIR = harness.scratch("kg-fuzz-xml-")
_PATH = os.path.join(_DIR, "model.xml")
_OUT = os.path.join(_DIR, "import")


def check(data: bytes) -> None:
    with open(_PATH, "wb") as f:
        f.write(data)
    oracle.check(_PATH, data)
    shutil.rmtree(_OUT, ignore_errors=True)
    oracle.check_roo(_PATH, data, _OUT)


# ---------------------------------------------------------------------------- structural mutations
_TEXTS = ["", " ", "x" * 300, "ä€𝄞", "&nbsp;", "&amp;", "&#160;", "&#0;", "&#xD800;", "<![CDATA[a<b]]>", "<!-- c -->",
          "2026-02-30", "2026-01-01", "-1", "1e309", "id-x", "ketengraaf:rol", "opdrachtgever", "eigenaar", "\t\n"]
_NAMES = ["identifier", "xsi:type", "elementRef", "relationshipRef", "source", "target", "propertyDefinitionRef",
          "p:systeemId", "p:resourceIdentifierTOOI", "xml:lang", "lang"]


def mutate_structure(data: bytes, rng: random.Random) -> bytes | None:
    """One XML-aware change of ``data``, or None when it does not parse even with recovery."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    el = rng.choice(elements)
    what = rng.randrange(8)
    if what == 0:
        el.text = rng.choice(_TEXTS).replace("&", "\x00")  # entities go in below, as text
    elif what == 1 and el.attrib:
        key = rng.choice(list(el.attrib))
        el.attrib[key] = rng.choice(_TEXTS + [v for v in el.attrib.values()])
    elif what == 2 and el is not root and el.getparent() is not None:
        el.getparent().remove(el)
    elif what == 3 and el is not root and el.getparent() is not None:
        el.getparent().insert(rng.randrange(len(el.getparent()) + 1), etree.fromstring(etree.tostring(el)))
    elif what == 4 and el is not root:
        other = rng.choice(elements)
        if other is not el and el not in other.iterancestors() and el.getparent() is not None:
            el.getparent().remove(el)
            other.append(el)
    elif what == 5:
        el.tag = rng.choice([e.tag for e in elements])
    elif what == 6:
        try:
            el.set(rng.choice(_NAMES).replace("xsi:", "{http://www.w3.org/2001/XMLSchema-instance}")
                   .replace("xml:", "{http://www.w3.org/XML/1998/namespace}").replace("p:", ""), rng.choice(_TEXTS))
        except ValueError:
            return None
    out = etree.tostring(root, xml_declaration=rng.random() < 0.7, encoding="UTF-8")
    if what == 7 or b"\x00" in out:
        # the raw forms lxml would escape: an undeclared or a numeric entity, CDATA, a comment, a DOCTYPE
        raw = rng.choice(["&nbsp;", "&euro;", "&#160;", "&#0;", "<![CDATA[x]]>", "<!-- -->", "&amp;"]).encode()
        out = out.replace(b"\x00", raw) if b"\x00" in out else out
        if what == 7:
            cut = out.find(b">", rng.randrange(max(1, len(out)))) + 1
            if rng.random() < 0.1:
                out = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "ee">]>\n' + out.split(b"?>", 1)[-1]
            elif cut:
                out = out[:cut] + raw + out[cut:]
    return out


def main() -> None:
    harness.fuzz(check, mutate_structure)


if __name__ == "__main__":
    main()

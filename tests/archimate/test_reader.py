"""Reading exchange files: what a valid file gives, and every refusal of an invalid one (exit 2, the file,
line and column, the nearest valid choice), without the schemas — checked against the schemas that
the refused files are indeed invalid and the accepted ones valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketengraaf.archimate.reader import read_document
from ketengraaf.errors import ModelInvalid
from tests.archimate.conftest import ARCHISURANCE, el, line_of, oef, rel, schema_errors, write


def problems(path: Path) -> list[str]:
    with pytest.raises(ModelInvalid) as e:
        read_document(path)
    return [str(p) for p in e.value.problems]


def test_archisurance_reads_as_the_readme_describes_it():
    d = read_document(ARCHISURANCE)
    assert (d.name, len(d.elements), len(d.relationships), d.views) == ("Archisurance", 122, 179, 18)
    assert len({c.type for c in d.elements}) == 25 and sum(c.type == "BusinessActor" for c in d.elements) == 17
    assert len(d.property_defs) == 6 and all(t == "string" for _, t in d.property_defs.values())
    customer = d.concepts["id-521"]
    assert (customer.type, customer.name, [(p.key, p.value) for p in customer.props]) == (
        "BusinessRole", "Customer", [("Property", "Hello")])
    write_ = next(r for r in d.relationships if r.type == "Access" and r.access == "Write")
    assert write_.source and write_.target in d.concepts


def test_the_name_in_dutch_wins_then_the_one_without_language(tmp_path):
    data = oef([el("a", "BusinessActor", "x").replace('<name xml:lang="nl">x</name>',
                                                       '<name xml:lang="en">Tax office</name><name xml:lang="nl">'
                                                       'Belastingdienst</name>'),
                el("b", "BusinessActor", "x").replace('<name xml:lang="nl">x</name>',
                                                       '<name xml:lang="en">Police</name><name>Politie</name>')])
    d = read_document(write(tmp_path, data))
    assert [c.name for c in d.elements] == ["Belastingdienst", "Politie"]


def mutated(tmp_path: Path, old: str, new: str) -> tuple[Path, bytes]:
    data = ARCHISURANCE.read_bytes()
    assert data.count(old.encode()) >= 1, old
    data = data.replace(old.encode(), new.encode(), 1)
    return write(tmp_path, data, "archisurance.xml"), data


def test_archisurance_with_a_bad_type_is_refused_with_its_line_and_the_nearest_type(tmp_path, kg):
    p, data = mutated(tmp_path, 'identifier="id-345" xsi:type="BusinessActor"', 'identifier="id-345" xsi:type="BusinesActor"')
    assert schema_errors(data)  # the schemas agree: invalid
    line = line_of(data, 'identifier="id-345"')
    assert problems(p) == [f"{p}:{line}:5: element 'id-345' has xsi:type 'BusinesActor', which is not an ArchiMate 3.1 "
                           f"element type; did you mean 'BusinessActor'?"]
    code, out, err = kg("analyse", p)
    assert code == 2 and out == ""
    assert err.splitlines() == [f"{p}:{line}:5: element 'id-345' has xsi:type 'BusinesActor', which is not an "
                                f"ArchiMate 3.1 element type; did you mean 'BusinessActor'?", "ketengraaf: the model has 1 error"]


def test_archisurance_with_a_dangling_source_is_refused_with_its_line(tmp_path, kg):
    p, data = mutated(tmp_path, 'identifier="id-693" source="id-564"', 'identifier="id-693" source="id-9999"')
    assert schema_errors(data)
    line = line_of(data, 'identifier="id-693"')
    assert problems(p) == [f"{p}:{line}:5: the source of relationship 'id-693' refers to 'id-9999', which is not an "
                           f"element or relationship in this file"]
    code, _, err = kg("import", "archimate", p, "-o", tmp_path / "m.yaml")
    assert code == 2 and not (tmp_path / "m.yaml").exists()
    assert err.splitlines()[-1] == "ketengraaf: the exchange file has 1 error; nothing was written"


@pytest.mark.parametrize("old,new,message", [
    ('<element identifier="a" xsi:type="BusinessActor">', '<element identifier="1a" xsi:type="BusinessActor">',
     "identifier '1a' is not an XML name (xs:ID): it starts with a letter or '_' and holds only letters, digits, "
     "'-', '_' and '.'"),
    ('<element identifier="b" ', '<element identifier="a" ',
     "identifier 'a' is already used at line 5; each identifier appears once in a file"),
    ('<element identifier="a" xsi:type="BusinessActor"><name xml:lang="nl">A</name>',
     '<element identifier="a" xsi:type="BusinessActor">',
     "element 'a' (BusinessActor) has no <name>; every ArchiMate element has one"),
    ('<element identifier="a" xsi:type="BusinessActor">', '<element identifier="a">',
     "element 'a' has no xsi:type; it says which ArchiMate element it is"),
    ('xsi:type="Association" isDirected="true"', 'xsi:type="Asociation" isDirected="true"',
     "relationship 'r' has xsi:type 'Asociation', which is not an ArchiMate 3.1 relationship type; did you mean "
     "'Association'?"),
    ('source="a" target="b"', 'target="b"', "relationship 'r' has no source"),
    ('source="a" target="b" xsi:type="Association" isDirected="true"',
     'source="a" target="b" xsi:type="Flow" isDirected="true"',
     "relationship 'r' is Flow, and only an Association has isDirected"),
    ('isDirected="true"', 'isDirected="ja"', "isDirected 'ja' of relationship 'r' is not true or false"),
])
def test_structural_problems(tmp_path, old, new, message):
    good = oef([el("a", "BusinessActor", "A"), el("b", "BusinessActor", "B")],
               [rel("r", "Association", "a", "b", "eigenaar", directed=True)])
    assert schema_errors(good) == []
    data = good.replace(old.encode(), new.encode(), 1)
    assert data != good
    assert schema_errors(data), "the schemas must find this file invalid too"
    p = write(tmp_path, data)
    got = problems(p)
    assert got[0].split(": ", 1)[1] == message
    if message.startswith("identifier '1a'"):  # and the relationship's source 'a' no longer exists
        assert got[1].endswith("the source of relationship 'r' refers to 'a', which is not an element or relationship "
                               "in this file")


def test_access_type_and_property_definitions(tmp_path):
    data = oef([el("s", "BusinessProcess", "S"), el("g", "BusinessObject", "G")],
               [rel("r", "Access", "s", "g", access="Rread")])
    assert schema_errors(data)
    (got,) = problems(write(tmp_path, data))
    assert got.endswith("accessType 'Rread' of relationship 'r' is not one of Access, Read, Write, ReadWrite; did you "
                        "mean 'Read'?")
    data = oef([el("a", "BusinessActor", "A")]).replace(
        b'<name xml:lang="nl">A</name>', b'<name xml:lang="nl">A</name><properties><property '
                                         b'propertyDefinitionRef="nergens"><value>x</value></property></properties>')
    assert schema_errors(data)
    (got,) = problems(write(tmp_path, data))
    column = data.decode().splitlines()[4].index("<property ") + 1
    assert got == f"{tmp_path / 'model.xml'}:5:{column}: the property refers to 'nergens', which is not a property " \
                  f"definition (propertyDefinitions)"


def test_views_refer_to_what_the_file_has(tmp_path):
    view = ('<views><diagrams><view identifier="v" xsi:type="Diagram"><name>V</name>\n'
            '<node identifier="n1" elementRef="a" xsi:type="Element" x="0" y="0" w="120" h="55"/>\n'
            '<node identifier="n2" elementRef="zz" xsi:type="Element" x="0" y="80" w="120" h="55"/>\n'
            '<connection identifier="c1" relationshipRef="r" xsi:type="Relationship" source="n1" target="n9"/>\n'
            '</view></diagrams></views>')
    data = oef([el("a", "BusinessActor", "A"), el("b", "BusinessActor", "B")],
               [rel("r", "Association", "a", "b")], extra=view)
    assert schema_errors(data)
    got = problems(write(tmp_path, data))
    assert [g.split(": ", 1)[1] for g in got] == [
        "node 'n2' in view 'v' refers to 'zz', which is not an element in this file",
        "the target of connection 'c1' in view 'v' is 'n9', which is no node or connection of this view"]


def test_every_problem_at_once(tmp_path):
    data = oef([el("a", "BusinesActor", "A"), el("a", "BusinessActor", "B")],
               [rel("r", "Association", "a", "x")])
    got = problems(write(tmp_path, data))
    assert [g.split(": ", 1)[1] for g in got] == [
        "element 'a' has xsi:type 'BusinesActor', which is not an ArchiMate 3.1 element type; did you mean "
        "'BusinessActor'?",
        "identifier 'a' is already used at line 5; each identifier appears once in a file",
        "the target of relationship 'r' refers to 'x', which is not an element or relationship in this file"]


def test_parts_of_the_model_in_the_schemas_order(tmp_path):
    data = oef([el("a", "BusinessActor", "A")]).replace(b"<elements>", b"<foo/><elements>")
    assert schema_errors(data)
    (got,) = problems(write(tmp_path, data))
    assert "unexpected <{http://www.opengroup.org/xsd/archimate/3.0/}foo> in <model>" in got


@pytest.mark.parametrize("content,message", [
    (b"", "is empty; an ArchiMate exchange file is XML text"),
    (b"organisaties: []\n", "1:1: is not XML (Start tag expected, '<' not found); an ArchiMate exchange file is XML text"),
    (b'<?xml version="1.0"?>\n<p:overheidsorganisaties xmlns:p="https://organisaties.overheid.nl/static/schema/oo/'
     b'export/2.6.9"/>\n', "2:1: is not an ArchiMate exchange file: its root element is <{https://organisaties.overheid"
                           ".nl/static/schema/oo/export/2.6.9}overheidsorganisaties>, not <model> in namespace "
                           "http://www.opengroup.org/xsd/archimate/3.0/"),
    (b'<model xmlns="http://www.opengroup.org/xsd/archimate" identifier="m"/>',
     "1:1: is an ArchiMate 2.x exchange file (namespace http://www.opengroup.org/xsd/archimate); ketengraaf reads the "
     "ArchiMate 3.x exchange format (http://www.opengroup.org/xsd/archimate/3.0/): open it in Archi and export it "
     "again"),
    (b'<archimate:model xmlns:archimate="http://www.archimatetool.com/archimate" name="x"/>',
     "1:1: is Archi's own model file, not an exchange file; in Archi, use File > Export > Model to Open Exchange "
     "File... and give ketengraaf that file"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<model>&x;</model>\n',
     "3:1: declares a DOCTYPE; an ArchiMate exchange file has none, and ketengraaf reads no DTD"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "is not a text file: it holds a NUL byte (line 3, column 1); an ArchiMate exchange "
                                   "file is XML text"),
])
def test_files_that_are_no_exchange_file(tmp_path, content, message):
    p = write(tmp_path, content)
    (got,) = problems(p)
    assert got == (f"{p}:{message}" if message[0].isdigit() else f"{p}: {message}")


def test_a_truncated_file(tmp_path):
    data = ARCHISURANCE.read_bytes()[:20000]
    p = write(tmp_path, data, "archisurance.xml")
    (got,) = problems(p)
    assert got.startswith(f"{p}:") and "the file is not well-formed XML here (" in got
    assert got.endswith("is the file complete? An ArchiMate exchange file ends with </model>")


def test_no_entity_is_expanded_and_nothing_is_fetched(tmp_path):
    # An entity declared in an internal subset is refused with the DOCTYPE; an external reference
    # without a DOCTYPE is not an entity lxml resolves: it is named, where it stands.
    data = b'<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>&ext;</name></model>'
    p = write(tmp_path, data)
    (got,) = problems(p)
    assert got == (f"{p}:1:{data.index(b'&ext;') + 1}: uses the entity &ext;, which only a DTD can declare, and "
                   "ketengraaf reads no DTD; write the text itself, or one of XML's own: &amp; &lt; &gt; &quot; &apos;")


def test_an_html_entity_is_named_with_the_character_to_write(tmp_path):
    """Exports written by hand or by HTML-minded tools use &nbsp; or &euro;; libxml2 itself reports
    only a later, misleading error ("Start tag expected" at 1:1). The message names the entity at
    its place, and is not confused by an earlier document's errors in the same process."""
    (problems(write(tmp_path, ARCHISURANCE.read_bytes()[:20000], "afgekapt.xml")))  # leaves errors in libxml2's log
    data = ARCHISURANCE.read_text(encoding="utf-8").replace(
        '<name xml:lang="en">Archisurance</name>', '<name xml:lang="en">Archi&nbsp;surance</name>', 1)
    p = write(tmp_path, data.encode("utf-8"), "nbsp.xml")
    (got,) = problems(p)
    line = data[: data.index("&nbsp;")].count("\n") + 1
    col = data.index("&nbsp;") - data.rindex("\n", 0, data.index("&nbsp;"))
    assert got == (f"{p}:{line}:{col}: uses the entity &nbsp;, which only a DTD can declare, and ketengraaf "
                   "reads no DTD; write the character itself (U+00A0, in UTF-8) or &#160;")


def test_an_undeclared_namespace_prefix_is_named(tmp_path):
    """Found by fuzz/fuzz_xml.py: lxml keeps such a name as 'x:element', and reading it ended in a traceback."""
    p = write(tmp_path, b'<?xml version="1.0"?>\n<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
                        b'identifier="m">\n  <name>M</name>\n  <x:element identifier="e"/>\n</model>\n')
    got = problems(p)
    assert f"{p}:4:3: uses the namespace prefix 'x' (in <x:element>) without declaring it; an ArchiMate exchange " \
           "file declares its namespaces on the root element, as xmlns:x=\"…\"" in got
    root = write(tmp_path, b'<a:model/>', "root.xml")
    assert problems(root) == [f"{root}:1:1: uses the namespace prefix 'a' (in <a:model>) without declaring it; an "
                              "ArchiMate exchange file declares its namespaces on the root element, as xmlns:a=\"…\""]

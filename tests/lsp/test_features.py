"""Hover, definition, references, completion, code actions and rename on the ``modellen/`` examples,
through ``ketengraaf lsp`` as a process."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lsprotocol import types as T
from pytest_lsp import LanguageClient

from ketengraaf.model.types import Rol
from ketengraaf.pipeline import load_model
from ketengraaf.rules import registry
from tests.lsp import cli
from tests.lsp.conftest import Editor, uri

pytestmark = pytest.mark.asyncio


def _doc(u: str) -> T.TextDocumentIdentifier:
    return T.TextDocumentIdentifier(u)


def apply(editor: Editor, edit: T.WorkspaceEdit) -> dict[str, str]:
    """The texts after ``edit``; open documents are changed in the server too, others on disk."""
    out = {}
    for u, edits in (edit.changes or {}).items():
        path = Path(u.removeprefix("file://"))
        text = editor.texts.get(u) or path.read_text(encoding="utf-8")
        lines = text.split("\n")
        offsets = [0]
        for ln in lines:
            offsets.append(offsets[-1] + len(ln) + 1)

        def at(p: T.Position) -> int:
            line = lines[p.line] if p.line < len(lines) else ""
            return offsets[min(p.line, len(lines))] + cli._code_points(line, p.character)

        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            text = text[:at(e.range.start)] + e.new_text + text[at(e.range.end):]
        out[u] = text
        if u in editor.texts:
            editor.replace_all(u, text)
        else:
            path.write_text(text, encoding="utf-8")
    return out


# ------------------------------------------------------------------------------------------ hover
async def test_hover_on_an_organisation_gives_its_name_soort_parent_and_steering(editor: Editor, client: LanguageClient,
                                                                                work: Path) -> None:
    u = editor.open(work / "modellen" / "rijkswaterstaat.yaml")
    await editor.diagnostics(u)
    h = await client.text_document_hover_async(T.HoverParams(_doc(u), editor.position(u, "naar: rws", offset=7)))
    assert h.contents.value == (
        "**Rijkswaterstaat** (`rws`) — organisatie\n\nsoort: agentschap\n\n"
        "onderdeel van: Ministerie van Infrastructuur en Waterstaat (`min-ienw`)\n\nSturing:\n"
        "- Secretaris-generaal IenW (`sg-ienw`) is eigenaar\n"
        "- DG Mobiliteit (`dgmo`) is opdrachtgever\n"
        "- DG Water en Bodem (`dgwb`) is opdrachtgever\n"
        "- opdrachtgever van Aannemerscombinatie prestatiecontract wegen Midden-Nederland (voorbeeld) (`aannemer-mn`)")
    assert h.range == T.Range(editor.position(u, "naar: rws", offset=6), editor.position(u, "naar: rws", offset=9))
    # nothing to say on a word that is no id, rule or finding
    assert await client.text_document_hover_async(T.HoverParams(_doc(u), editor.position(u, "sturingsrelaties:"))) is None


async def test_hover_on_a_rule_code_and_on_a_finding(editor: Editor, client: LanguageClient, work: Path) -> None:
    u = editor.open(work / "modellen" / "politie.yaml")
    await editor.diagnostics(u)
    r = registry.get("M01")
    h = await client.text_document_hover_async(T.HoverParams(_doc(u), editor.position(u, "regel: M01", offset=8)))
    assert h.contents.value == (f"**M01** — {r.title('nl')}\n\nErnst: {r.severity} · thema: Meervoudig opdrachtgeverschap"
                                f"\n\n{r.rationale['nl'].strip()}")
    u2 = editor.open(work / "modellen" / "rijkswaterstaat.yaml")
    diags = await editor.diagnostics(u2)
    d05 = next(d for d in diags if d.code == "D05")
    # on the '{' that opens the flow item the finding is placed at
    h = await client.text_document_hover_async(T.HoverParams(_doc(u2), d05.range.start))
    rule = registry.get("D05")
    assert h.contents.value == (f"**D05** — {rule.title('nl')}\n\n{d05.message}\n\n**Oplossen:** {rule.fix['nl'].strip()}"
                                "\n\n`ketengraaf explain D05`")


# ------------------------------------------------------------------------------------------ definition, references
async def test_definition_and_references_across_the_files_of_a_directory_model(editor: Editor, client: LanguageClient,
                                                                              work: Path) -> None:
    model = work / "modellen" / "uitvoering-sociaal-domein"
    u = editor.open(model / "sturing.yaml")
    await editor.diagnostics(u)
    at = editor.position(u, "naar: uwv", offset=7)
    defs = await client.text_document_definition_async(T.DefinitionParams(_doc(u), at))
    orgs = (model / "organisaties.yaml").read_text(encoding="utf-8").split("\n")
    line = next(i for i, ln in enumerate(orgs) if "{id: uwv," in ln)
    col = orgs[line].index("uwv,")
    assert defs == [T.Location(uri(model / "organisaties.yaml"), T.Range(T.Position(line, col), T.Position(line, col + 3)))]

    refs = await client.text_document_references_async(T.ReferenceParams(text_document=_doc(u), position=at, context=T.ReferenceContext(include_declaration=False)))
    with_decl = await client.text_document_references_async(T.ReferenceParams(text_document=_doc(u), position=at, context=T.ReferenceContext(include_declaration=True)))
    assert len(with_decl) == len(refs) + 1 and defs[0] in with_decl
    # every reference is where validate reports one when uwv's definition goes away
    (model / "organisaties.yaml").write_text("\n".join(orgs).replace("{id: uwv,", "{id: uwv-weg,"), encoding="utf-8")
    broken = cli.validate(model)
    assert sorted((r.uri, r.range.start.line + 1, r.range.start.character + 1) for r in refs) == sorted(
        (Path(f).as_uri(), ln, c) for f, ln, c, _, _, _ in broken)
    assert len({r.uri for r in refs}) == 4 and all(r.range.end.character - r.range.start.character == 3 for r in refs)


# ------------------------------------------------------------------------------------------ completion
async def _labels(client: LanguageClient, u: str, pos: T.Position) -> list[str]:
    got = await client.text_document_completion_async(T.CompletionParams(_doc(u), pos))
    return [i.label for i in got.items]


async def test_completion_offers_ids_of_the_right_kind_enums_keys_and_rule_codes(editor: Editor, client: LanguageClient,
                                                                                 work: Path) -> None:
    path = work / "modellen" / "strafrechtketen.yaml"
    m = load_model(path)
    u = editor.open(path)
    await editor.diagnostics(u)
    organisations = sorted(o.id for o in m.organisaties)
    fora = sorted(o.id for o in m.organisaties if o.soort.value == "overleg")
    assert set(fora) < set(organisations)
    assert await _labels(client, u, editor.position(u, "bestuur: bkb", offset=9)) == fora
    # a new sturingsrelatie, typed in flow style
    text = editor.texts[u].replace("sturingsrelaties:\n", "sturingsrelaties:\n  - {van: , rol: }\n", 1)
    editor.replace_all(u, text)
    await editor.diagnostics(u)
    assert await _labels(client, u, editor.position(u, "{van: , rol: }", offset=6)) == organisations
    assert await _labels(client, u, editor.position(u, "{van: , rol: }", offset=13)) == [r.value for r in Rol]
    # a key of a schakel, in block style: a new line in the first schakel
    item = editor.position(u, "schakels:\n").line + 1  # `      - id: aangifte`
    line = editor.texts[u].split("\n")[item]
    indent = len(line) - len(line.lstrip(" -"))
    editor.edit(u, item + 1, 0, 0, " " * indent + "\n")
    await editor.diagnostics(u)
    schakel = T.Position(item + 1, indent)
    from ketengraaf.model.types import Schakel
    assert await _labels(client, u, T.Position(schakel.line, indent)) == list(Schakel.model_fields)


async def test_completion_offers_rule_codes_in_uitzonderingen(editor: Editor, client: LanguageClient, work: Path) -> None:
    u = editor.open(work / "modellen" / "politie.yaml")
    await editor.diagnostics(u)
    assert await _labels(client, u, editor.position(u, "regel: M01", offset=7)) == registry.codes()


# ------------------------------------------------------------------------------------------ code actions
async def _actions(client: LanguageClient, u: str, diags: list[T.Diagnostic]) -> list[T.CodeAction]:
    return await client.text_document_code_action_async(T.CodeActionParams(
        text_document=_doc(u), range=diags[0].range, context=T.CodeActionContext(diagnostics=diags)))


async def test_add_an_uitzondering_for_a_finding(editor: Editor, client: LanguageClient, work: Path) -> None:
    path = work / "modellen" / "rijkswaterstaat.yaml"
    u = editor.open(path)
    diags = await editor.diagnostics(u)
    d05 = next(d for d in diags if d.code == "D05")
    [action] = await _actions(client, u, [d05])
    assert action.title == "Uitzondering toevoegen voor D05 op st-nwb-ndw"
    today = date.today()
    [edit] = action.edit.changes[u]
    assert edit.new_text == (
        f"\nuitzonderingen:\n  - regel: D05  # toegevoegd {today.isoformat()}\n    onderwerp: \"st-nwb-ndw\"\n"
        f"    reden: \"TODO: waarom deze bevinding bewust is geaccepteerd\"\n"
        f"    geldig_tot: {today.replace(year=today.year + 1).isoformat()}\n")
    apply(editor, action.edit)
    after = await editor.diagnostics(u)
    assert [d for d in after if d.code == "D05" and d.data["subject"] == "st-nwb-ndw"] == []
    assert len(after) == len(diags) - 1
    path.write_text(editor.texts[u], encoding="utf-8")
    assert cli.from_lsp({u: after}, editor.texts) == cli.analyse(path)


async def test_quote_the_value_a_comma_split(editor: Editor, client: LanguageClient, work: Path) -> None:
    path = work / "modellen" / "rijkswaterstaat.yaml"
    u = editor.open(path)
    good = await editor.diagnostics(u)
    line = "  - {id: gemeente-utrecht, naam: Gemeente Utrecht, soort: gemeente}"
    editor.replace_all(u, editor.texts[u].replace(line, line.replace("Gemeente Utrecht", "Gemeente Utrecht, stad"), 1))
    [bad] = await editor.diagnostics(u)
    assert "reads as a key of its own" in bad.message
    [action] = await _actions(client, u, [bad])
    assert action.title == "Zet de waarde tussen aanhalingstekens"
    texts = apply(editor, action.edit)
    assert line.replace("Gemeente Utrecht", '"Gemeente Utrecht, stad"') in texts[u].split("\n")
    assert [(d.code, d.message) for d in await editor.diagnostics(u)] == [(d.code, d.message) for d in good]


async def test_create_an_organisation_for_an_unknown_reference(editor: Editor, client: LanguageClient, work: Path) -> None:
    model = work / "modellen" / "uitvoering-sociaal-domein"
    u = editor.open(model / "sturing.yaml")
    await editor.diagnostics(u)
    editor.replace_all(u, editor.texts[u].replace("{van: sg-szw, naar: uwv, rol: eigenaar}",
                                                  "{van: sg-nieuw, naar: uwv, rol: eigenaar}", 1))
    [bad] = await editor.diagnostics(u)
    assert bad.message.startswith("unknown organisatie 'sg-nieuw'")
    [action] = await _actions(client, u, [bad])
    assert action.title == "Organisatie 'sg-nieuw' aanmaken"
    [(target, [edit])] = action.edit.changes.items()
    assert target == uri(model / "organisaties.yaml")  # where the model's organisaties are
    assert edit.new_text == "\n  - id: sg-nieuw\n    naam: sg-nieuw\n    soort: overig"
    apply(editor, action.edit)
    editor.edit(u, 0, 0, 0, "")  # the server learns of the file changed on disk with the next change
    await editor.diagnostics(u)
    assert not any(d.message.startswith("unknown") for ds in editor.client.diagnostics.values() for d in ds)


# ------------------------------------------------------------------------------------------ rename
async def test_rename_updates_every_reference_in_every_file(editor: Editor, client: LanguageClient, work: Path) -> None:
    model = work / "modellen" / "uitvoering-sociaal-domein"
    before = cli.analyse(model)
    u = editor.open(model / "sturing.yaml")
    await editor.diagnostics(u)
    at = editor.position(u, "naar: uwv", offset=7)
    prep = await client.text_document_prepare_rename_async(T.PrepareRenameParams(_doc(u), at))
    assert prep == T.Range(editor.position(u, "naar: uwv", offset=6), editor.position(u, "naar: uwv", offset=9))
    for bad, says in (("Uwv", "geen geldig id"), ("svb", "bestaat al")):
        with pytest.raises(Exception, match=says):
            await client.text_document_rename_async(T.RenameParams(text_document=_doc(u), position=at, new_name=bad))
    edit = await client.text_document_rename_async(T.RenameParams(text_document=_doc(u), position=at, new_name="uwv-nieuw"))
    assert sorted(Path(x).name for x in edit.changes) == ["gegevens.yaml", "ketens.yaml", "organisaties.yaml", "sturing.yaml"]
    apply(editor, edit)
    path = model / "sturing.yaml"
    path.write_text(editor.texts[u], encoding="utf-8")
    after = cli.analyse(model)
    assert len(after) == len(before) and sorted(r[:4] for r in after) == sorted(r[:4] for r in before)


async def test_an_empty_flow_section_takes_the_uitzondering_and_a_full_one_is_left_alone(
        editor: Editor, client: LanguageClient, work: Path) -> None:
    path = work / "modellen" / "rijkswaterstaat.yaml"
    u = editor.open(path, path.read_text(encoding="utf-8") + "uitzonderingen: []  # nog geen\n")
    diags = await editor.diagnostics(u)
    d05 = next(d for d in diags if d.code == "D05")
    [action] = await _actions(client, u, [d05])
    texts = apply(editor, action.edit)
    assert "\nuitzonderingen:\n  - regel: D05  # toegevoegd " in texts[u] and "uitzonderingen: []" not in texts[u]
    after = await editor.diagnostics(u)
    assert len(after) == len(diags) - 1  # valid YAML, one finding accepted
    # a flow list with items: no edit that would write the section a second time
    full = path.read_text(encoding="utf-8") + "uitzonderingen: [{regel: D05, onderwerp: x, reden: y}]\n"
    editor.replace_all(u, full)
    diags = await editor.diagnostics(u)
    d05 = next(d for d in diags if d.code == "D05")
    assert list(await _actions(client, u, [d05]) or []) == []

"""The precise path: PyYAML's safe composer, our constructor with positions and bounded aliases."""

from __future__ import annotations

from typing import Any

import yaml

from ketengraaf.model.yamlio.doc import ALIAS_FACTOR, ALIAS_MIN_BUDGET, Path, Pos, PreciseDoc, YamlProblem

try:
    _Loader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


_TAG = "tag:yaml.org,2002:"


def read_precise(raw: bytes, *, max_depth: int | None = None) -> PreciseDoc:
    """Parse ``raw`` with PyYAML's safe composer and build data plus positions.

    Raises :class:`YamlProblem` for syntax errors, several documents, unsupported tags,
    aliases that expand beyond the bound and nesting deeper than ``max_depth`` (default: the
    limit of :class:`ketengraaf.model.inputs.Limits`), the last two before anything is built.

    >>> d = read_precise(b"a:\\n  - {id: x, on: on}\\n")
    >>> d.data, d.key_pos[("a", 0, "id")], d.value_pos[("a", 0, "id")]
    ({'a': [{'id': 'x', True: True}]}, Pos(line=2, column=6), Pos(line=2, column=10))
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise YamlProblem("the file is not valid UTF-8 text", Pos(line, col)) from None
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = e.problem or e.context or "invalid YAML"
        pos = Pos(mark.line + 1, mark.column + 1) if mark else None
        if what == "exceeded maximum nesting depth":  # libyaml's own bound (1000 levels)
            raise YamlProblem("the YAML nests deeper than 1000 levels (a model needs about six); this is not a "
                              "model file", pos) from None
        raise YamlProblem(f"YAML syntax error: {what}", pos) from None
    except yaml.YAMLError as e:  # pragma: no cover - reader errors without marks
        raise YamlProblem(f"YAML error: {e}") from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return PreciseDoc(data=None)
    if len(nodes) > 1:
        m = nodes[1].start_mark
        raise YamlProblem(
            "a model file holds one YAML document; split the others into files of their own",
            Pos(m.line + 1, m.column + 1),
        )
    root = nodes[0]
    doc = PreciseDoc(data=None, source=text)
    limit = max(ALIAS_MIN_BUDGET, ALIAS_FACTOR * (text.count("\n") + 1) * 4)
    if max_depth is None:
        from ketengraaf.model.inputs import Limits

        max_depth = Limits.from_env().max_depth
    _check_expansion(root, limit, max_depth)
    budget = [limit]
    doc.data = _construct(root, (), doc, budget)
    return doc


def _check_expansion(root: yaml.Node, limit: int, max_depth: int = 64) -> None:
    """Refuse documents whose aliases expand beyond ``limit`` nodes, or that nest deeper than
    ``max_depth`` levels (also through aliases), before expanding anything: the expanded size and
    height of every distinct node are computed once (linear in the document), with an explicit
    stack, so no depth of input can exhaust Python's recursion limit here or in the construction."""
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]

    def too_deep(node: yaml.Node) -> YamlProblem:
        return YamlProblem(f"the YAML nests deeper than {max_depth} levels (a model needs about six: section, "
                           f"item, list, kenmerken); this is not a model file, or the limit is set too low "
                           f"(KETENGRAAF_MAX_DEPTH)", _pos(node))

    while stack:
        node, done = stack.pop()
        k = id(node)
        if done:
            on_stack.discard(k)
            total = 1
            h = 0
            if isinstance(node, yaml.SequenceNode):
                total += sum(size[id(c)] for c in node.value)
                h = max((height[id(c)] for c in node.value), default=0)
            elif isinstance(node, yaml.MappingNode):
                total += sum(size[id(a)] + size[id(b)] for a, b in node.value)
                h = max((max(height[id(a)], height[id(b)]) for a, b in node.value), default=0)
            size[k] = total
            height[k] = h + 1
            if total > limit:
                raise YamlProblem("aliases expand beyond a sane bound (a 'billion laughs' file?); write the data out",
                                  _pos(node))
            continue
        if k in size:
            if len(on_stack) + height[k] > max_depth:
                raise too_deep(node)
            continue
        if k in on_stack:
            raise YamlProblem("a recursive alias (an anchor used inside itself) cannot be read", _pos(node))
        if len(on_stack) >= max_depth:
            raise too_deep(node)
        on_stack.add(k)
        stack.append((node, True))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((c, False) for c in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for a, b in reversed(node.value):
                stack.append((b, False))
                stack.append((a, False))


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def _construct(node: yaml.Node, path: Path, doc: PreciseDoc, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlProblem(
            "aliases expand beyond a sane bound (a 'billion laughs' file?); write the data out",
            _pos(node),
        )
    doc.value_pos.setdefault(path, _pos(node))
    tag = node.tag or ""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, doc)
    if isinstance(node, yaml.SequenceNode):
        if tag not in (_TAG + "seq",):
            raise YamlProblem(f"unsupported YAML tag {tag!r}; remove it", _pos(node))
        return [_construct(child, path + (i,), doc, budget) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if tag not in (_TAG + "map",):
            raise YamlProblem(f"unsupported YAML tag {tag!r}; remove it", _pos(node))
        result: dict[Any, Any] = {}
        merged: dict[Any, Any] = {}
        prev: tuple[Any, yaml.Node] | None = None
        for key_node, value_node in node.value:
            if node.flow_style and prev is not None and _is_comma_continuation(key_node, value_node, prev[1], doc.source):
                # `{naam: Ministerie van VWS, Welzijn en Sport}`: YAML splits the text at the comma
                # and reads `Welzijn en Sport` as a key without value, which MODEL.md makes an
                # error. Say why, and how to write what the author most likely meant.
                pk = prev[0]
                whole = f"{result[pk]}, {key_node.value}".replace('"', '\\"')
                doc.errors.append((_pos(key_node), f"'{key_node.value}' reads as a key of its own: inside {{ }} a "
                                   f"comma ends an unquoted text; if it belongs to '{pk}', put the whole text in "
                                   f"quotes: {pk}: \"{whole}\""))
                continue
            prev = None
            if key_node.tag == _TAG + "merge":
                for src in value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]:
                    if not isinstance(src, yaml.MappingNode):
                        raise YamlProblem("a merge key (<<) needs a mapping or a list of mappings", _pos(src))
                    sub = _construct(src, path, doc, budget)
                    for k, v in sub.items():
                        merged.setdefault(k, v)
                continue
            key = _construct(key_node, path + ("<key>",), doc, budget)
            if isinstance(key, (list, dict)):
                raise YamlProblem("a mapping key must be a plain value", _pos(key_node))
            if key in result:
                first = doc.key_pos.get(path + (key,))
                doc.errors.append((_pos(key_node), f"duplicate key '{key}'" + (f" (first at line {first.line})" if first else "")
                                   + "; YAML would keep only the last one, so merge them into one"))
            doc.key_pos[path + (key,)] = _pos(key_node)
            result[key] = _construct(value_node, path + (key,), doc, budget)
            if isinstance(value_node, yaml.ScalarNode) and not value_node.style and isinstance(result[key], str):
                prev = (key, value_node)
        for k, v in merged.items():
            result.setdefault(k, v)
        doc.value_pos.pop(path + ("<key>",), None)
        return result
    raise YamlProblem("unsupported YAML node", _pos(node))  # pragma: no cover


def _is_comma_continuation(key_node: yaml.Node, value_node: yaml.Node, prev_value: yaml.Node, source: str) -> bool:
    """A plain key with no ':' after it, directly after a plain text value, in a flow mapping."""
    if not (isinstance(key_node, yaml.ScalarNode) and not key_node.style and key_node.tag == _TAG + "str"):
        return False
    if not (isinstance(value_node, yaml.ScalarNode) and value_node.tag == _TAG + "null" and value_node.value == ""):
        return False
    end = key_node.end_mark.index
    rest = source[end:end + 200].lstrip(" \t")
    return not rest.startswith(":")


_CONSTRUCTOR = yaml.SafeLoader("")  # only used for its scalar constructors


def _scalar(node: yaml.ScalarNode, path: Path, doc: PreciseDoc) -> Any:
    tag = node.tag
    if tag == _TAG + "str":
        return node.value
    if tag == _TAG + "timestamp":
        # Keep dates as text; remember that YAML saw an unquoted date here.
        doc.date_paths.add(path)
        doc.scalar_text[path] = node.value
        return node.value
    if tag in (_TAG + "bool", _TAG + "int", _TAG + "float", _TAG + "null"):
        doc.scalar_text[path] = node.value
        if tag == _TAG + "bool":
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag == _TAG + "int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == _TAG + "float":
            return _CONSTRUCTOR.construct_yaml_float(node)
        return None
    if tag == _TAG + "merge":  # a lone '<<' used as a value
        return node.value
    raise YamlProblem(f"unsupported YAML tag {tag!r}; remove it", _pos(node))

"""YAML read as node trees, so every value keeps the line it came from.

PyYAML's loaders turn `2026-02-30` into an exception that stops the whole file; composing
nodes instead lets the store interpret each scalar itself and report every problem it finds.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefs.store.problems import Problems

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# libyaml's parser keeps the same marks and is several times faster; PyYAML's own is the fallback.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return int(node.start_mark.line) + 1


def read_yaml(path: Path, problems: Problems) -> Node | None:
    """The file's root node, or None (with a problem recorded) when it is not valid YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.add(
            path, None, f"is not UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8"
        )
        return None
    try:
        node: Node | None = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else int(mark.line) + 1
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        opened = exc.context_mark
        if exc.context and opened is not None and int(opened.line) + 1 != line:
            what = f"{exc.context} (opened on line {int(opened.line) + 1}) {exc.problem}"
        problems.add(path, line, f"invalid YAML: {what}; fix the syntax on this line")
        return None
    except yaml.YAMLError as exc:
        problems.add(path, None, f"invalid YAML: {exc}")
        return None
    if node is None:
        problems.add(path, 1, "is empty; write its top-level key (see the other store files)")
    return node


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL


def scalar_value(node: Node) -> object:
    """A scalar as PyYAML would construct it (ints, bools, strings); never used for dates."""
    return _CONSTRUCTOR.construct_object(node)


def mapping_pairs(node: MappingNode, path: Path, problems: Problems) -> list[tuple[str, Node, int]]:
    """(key, value node, key line) for each entry; duplicate or non-text keys become problems."""
    pairs: list[tuple[str, Node, int]] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = line_of(key_node)
        if not isinstance(key_node, ScalarNode) or key_node.tag != STR:
            problems.add(path, line, "a key must be a plain name; rename it")
            continue
        key = str(key_node.value)
        if key in seen:
            problems.add(
                path, line, f"key '{key}' appears twice (first on line {seen[key]}); keep one"
            )
            continue
        seen[key] = line
        pairs.append((key, value_node, line))
    return pairs


def kind_name(node: Node) -> str:
    """How a node reads in an error message: 'a list', 'a mapping', 'a number', ..."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    names = {
        STR: "text",
        INT: "a whole number",
        BOOL: "true/false",
        NULL: "nothing (null)",
        TIMESTAMP: "a date",
    }
    return names.get(node.tag, "a number" if "float" in node.tag else f"a {node.tag} value")

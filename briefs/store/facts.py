"""The curated fact files under facts/: each one a mapping with one top-level list.

story.yaml holds the title, the sides and the topic vocabulary; summary.yaml the fixed
summary sections; the rest one list each (people, quotes, events, reactions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefs.model import SUMMARY_SECTIONS
from briefs.store.fields import Invalid, french, text
from briefs.store.problems import Problems
from briefs.store.schema import TRANSLATED, Record, read_record, unknown_field_message
from briefs.store.yamlnodes import NULL, kind_name, line_of, mapping_pairs, read_yaml

LISTS = {
    "people.yaml": ("people", "person"),
    "quotes.yaml": ("quotes", "quote"),
    "events.yaml": ("events", "event"),
    "reactions.yaml": ("reactions", "reaction"),
}
FILES = ("story.yaml", *LISTS, "summary.yaml")
TOPIC = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(slots=True)
class Facts:
    """Every record read from facts/, valid or not, in file order."""

    story: str | None = None
    # The title as a record (kind "story": story and its fr), so its French is checked
    # like any other record's.
    title: Record | None = None
    sides: list[Record] = field(default_factory=list)
    # The declared topic vocabulary (story.yaml `topics:`), each word with its line.
    topics: dict[str, int] = field(default_factory=dict)
    lists: dict[str, list[Record]] = field(default_factory=dict)
    summary: dict[str, list[Record]] = field(default_factory=dict)
    # Lists ("people", "quotes", "sides", ...) whose file could not be read: references to
    # them are not checked, so one YAML typo is reported once, not at every reference.
    unreadable: set[str] = field(default_factory=set)


def _top(
    path: Path, problems: Problems, keys: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, Node] | None:
    node = read_yaml(path, problems)
    if node is None:
        return None
    if not isinstance(node, MappingNode):
        problems.add(path, line_of(node), f"should be a mapping with {keys[0]}:")
        return None
    found: dict[str, Node] = {}
    for name, value, line in mapping_pairs(node, path, problems):
        if name in keys or name in optional:
            found[name] = value
        else:
            known = [*keys, *optional]
            problems.add(path, line, unknown_field_message(name, known, path.name))
    for name in keys:
        if name not in found:
            problems.add(path, 1, f"has no '{name}:'; add it at the top level")
    return found


def _records(node: Node, kind: str, path: Path, problems: Problems) -> list[Record]:
    if isinstance(node, ScalarNode) and node.tag == NULL:
        return []
    if not isinstance(node, SequenceNode):
        problems.add(
            path, line_of(node), f"should be a list of {kind} entries, got {kind_name(node)}"
        )
        return []
    return [read_record(kind, item, path, problems) for item in node.value]


def _read_story(path: Path, facts: Facts, problems: Problems) -> None:
    top = _top(path, problems, ("story", "sides"), optional=("topics", "fr"))
    if top is None:
        facts.unreadable.add("sides")
        return
    if "story" in top:
        try:
            facts.story = text(top["story"])
        except Invalid as exc:
            problems.add(path, line_of(top["story"]), f"story {exc}")
        else:
            facts.title = _title(path, facts.story, top, problems)
    if "sides" in top:
        facts.sides = _records(top["sides"], "side", path, problems)
    if "topics" in top:
        _read_topics(top["topics"], path, facts, problems)


def _title(path: Path, story: str, top: dict[str, Node], problems: Problems) -> Record:
    title = Record("story", path, line_of(top["story"]), {"story": story})
    title.lines["story"] = title.line
    if "fr" in top:
        title.lines["fr"] = line_of(top["fr"])
        try:
            title.values["fr"] = french(TRANSLATED["story"])(top["fr"])
        except Invalid as exc:
            problems.add(path, line_of(top["fr"]), f"the story's fr {exc}")
    return title


def _read_topics(node: Node, path: Path, facts: Facts, problems: Problems) -> None:
    """The vocabulary facts draw their topics from: a list of lower-case words."""
    if not isinstance(node, SequenceNode):
        problems.add(
            path, line_of(node), f"topics should be a list of words, got {kind_name(node)}"
        )
        return
    for item in node.value:
        word = item.value if isinstance(item, ScalarNode) else None
        if not isinstance(word, str) or not TOPIC.fullmatch(word):
            problems.add(
                path,
                line_of(item),
                "a topic is a lower-case word or words-with-hyphens, like trade",
            )
        elif word in facts.topics:
            problems.add(path, line_of(item), f"topic '{word}' is declared twice; drop one")
        else:
            facts.topics[word] = line_of(item)


def _read_summary(path: Path, facts: Facts, problems: Problems) -> None:
    top = _top(path, problems, ("summary",))
    if top is None or "summary" not in top:
        return
    node = top["summary"]
    if not isinstance(node, MappingNode):
        problems.add(
            path, line_of(node), f"summary should be a mapping of sections, got {kind_name(node)}"
        )
        return
    pairs = mapping_pairs(node, path, problems)
    for name, value, line in pairs:
        if name not in SUMMARY_SECTIONS:
            problems.add(
                path,
                line,
                f"summary section '{name}' is not one of {', '.join(SUMMARY_SECTIONS)}; "
                "move its points into one of those",
            )
            continue
        facts.summary[name] = _records(value, "summary point", path, problems)
    for name in SUMMARY_SECTIONS:
        if name not in facts.summary:
            problems.add(path, line_of(node), f"summary has no '{name}' section; add {name}: []")


def read_facts(root: Path, problems: Problems) -> Facts:
    """Read every fact file; unknown or missing files are problems too."""
    folder = root / "facts"
    facts = Facts()
    if not folder.is_dir():
        problems.add(folder, None, "the store has no facts/ folder; create it with the fact files")
        return facts
    for path in sorted(folder.iterdir()):
        if path.name not in FILES and not path.name.startswith("."):
            problems.add(path, None, f"is not a store file; the store reads {', '.join(FILES)}")
    for name in FILES:
        path = folder / name
        if not path.is_file():
            problems.add(path, None, f"is missing; create {name}")
            facts.unreadable.add(LISTS[name][0] if name in LISTS else name.removesuffix(".yaml"))
        elif name == "story.yaml":
            _read_story(path, facts, problems)
        elif name == "summary.yaml":
            _read_summary(path, facts, problems)
        else:
            key, kind = LISTS[name]
            top = _top(path, problems, (key,))
            if top is not None and key in top:
                facts.lists[key] = _records(top[key], kind, path, problems)
            else:
                facts.unreadable.add(key)
    return facts

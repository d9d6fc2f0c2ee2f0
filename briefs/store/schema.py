"""The fields each kind of record may have, and reading one record against them.

Unknown, missing and malformed fields are all reported, each on its own line, so one run
of `briefs check` shows a curator everything to fix.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node

from briefs.model import Precision, Stance
from briefs.store import fields as f
from briefs.store.problems import Problems
from briefs.store.yamlnodes import kind_name, line_of, mapping_pairs


@dataclass(frozen=True, slots=True)
class Field:
    """How to read one field, whether it must be there, and what to write when it is not."""

    convert: f.Converter
    hint: str
    required: bool = True


@dataclass(slots=True)
class Record:
    """One record as read: its values (only the valid ones), and the line of each field."""

    kind: str
    path: Path
    line: int
    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    ok: bool = True

    @property
    def id(self) -> str | None:
        value = self.values.get("id")
        return value if isinstance(value, str) else None

    def line_for(self, name: str) -> int:
        return self.lines.get(name, self.line)


_ID = Field(f.ident, "a unique id, lowercase-with-hyphens")
_ADDED = Field(f.timestamp, "when it entered the store, like 2026-01-11T12:00:00Z")
_SOURCES = Field(f.sources, "the article ids it comes from, like [ap-beijing]")
# A fact a later article changed: {at: <when it entered>, article: <id>, was: <old status>}.
_UPDATED = Field(f.updated, "{at: 2026-01-17T09:00:00Z, article: <article id>}", required=False)

# The fields each kind's `fr:` translates, in field order (`from` hashes their English
# joined by newlines in this order). A quote's `translation` translates its `text`, which
# itself stays verbatim; it is the one French key a maintainer may leave out.
TRANSLATED: dict[str, tuple[str, ...]] = {
    "story": ("story",),
    "side": ("label",),
    "person": ("role", "affiliation"),
    "quote": ("translation", "context"),
    "event": ("text", "place"),
    "reaction": ("text",),
    "summary point": ("text",),
}
OPTIONAL_FRENCH = frozenset({"translation"})


def _french(kind: str) -> Field:
    first = TRANSLATED[kind][0 if kind != "quote" else 1]
    return Field(f.french(TRANSLATED[kind]), f'{{{first}: "...", from: ...}}', required=False)


SPECS: dict[str, dict[str, Field]] = {
    "article": {
        "id": Field(f.ident, "the article id, the same as the file name"),
        # The file's name in the source collection it was copied from (seeds/ABOUT.md lists
        # them), so the text can be traced back to the copy it must stay identical to.
        "source_file": Field(f.file_name, "the original file name", required=False),
        "headline": Field(f.text, "the headline as printed"),
        "alternate_headline": Field(f.text, "another headline", required=False),
        "outlet": Field(f.text, "the outlet's name"),
        "dateline": Field(f.text, "the dateline, like BEIJING", required=False),
        "published": Field(f.partial_date, "the publication date, YYYY-MM-DD"),
        "published_approximate": Field(f.boolean, "true when the date is inferred"),
        "published_note": Field(f.text, "how the date was found", required=False),
        "url": Field(f.url, "the article's address, https://..."),
        # Required, but checked in articles.py, which can say what the value should be.
        "sha256": Field(f.sha256, "the sha256 of the text file", required=False),
        "non_body_lines": Field(f.lines, "line numbers that are not body text", required=False),
    },
    "side": {
        "id": _ID,
        "label": Field(f.text, "the side's name as readers see it"),
        "fr": _french("side"),
    },
    "person": {
        "id": _ID,
        "name": Field(f.text, "the display name"),
        "kind": Field(f.choice(f.Kind), "person, organisation or group"),
        "role": Field(f.plain, "their role in the story"),
        "affiliation": Field(f.plain, 'who they belong to, or ""'),
        "side": Field(f.ident, "a side id from story.yaml"),
        "aliases": Field(f.texts, "other names readers may search for, or []"),
        "sources": _SOURCES,
        "added": _ADDED,
        "updated": _UPDATED,
        "fr": _french("person"),
    },
    "quote": {
        "id": _ID,
        "speaker": Field(f.ident, "a person id from people.yaml"),
        "text": Field(f.text, "the words exactly as printed"),
        "article": Field(f.ident, "the article id it is printed in"),
        "start": Field(f.integer, "the offset where the text starts in the article"),
        "end": Field(f.integer, "the offset just after the text ends"),
        "said": Field(f.said, "null, or {date: YYYY-MM-DD, precision: day}"),
        "context": Field(f.plain, 'how it was said, or ""', required=False),
        "topics": Field(f.texts, "topic words, or []", required=False),
        "added": _ADDED,
        "fr": _french("quote"),
    },
    "event": {
        "id": _ID,
        "date": Field(f.partial_date, "YYYY-MM-DD, YYYY-MM or YYYY"),
        "precision": Field(f.precision, "day, month or year"),
        "text": Field(f.text, "what happens, one sentence"),
        "place": Field(f.plain, 'where, or ""', required=False),
        "topics": Field(f.texts, "topic words, or []", required=False),
        "status": Field(f.status, "planned, happened, cancelled or postponed, as the sources say"),
        "sources": _SOURCES,
        "added": _ADDED,
        "updated": _UPDATED,
        "fr": _french("event"),
    },
    "reaction": {
        "id": _ID,
        "actor": Field(f.ident, "a person id from people.yaml"),
        "stance": Field(f.choice(Stance), "welcoming, critical, cautious, ..."),
        "text": Field(f.text, "the reaction in one line"),
        "quotes": Field(f.ids, "quote ids from quotes.yaml, or []"),
        "sources": _SOURCES,
        "added": _ADDED,
        "updated": _UPDATED,
        "fr": _french("reaction"),
    },
    "summary point": {
        "id": _ID,
        "text": Field(f.text, "the point, one sentence"),
        "sources": _SOURCES,
        "added": _ADDED,
        "updated": _UPDATED,
        "fr": _french("summary point"),
    },
}


def unknown_field_message(name: str, known: list[str], owner: str) -> str:
    """'unknown field ...; did you mean ...?' so a typo is fixed in one step."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"unknown field '{name}' in {owner}; did you mean '{close[0]}'?"
    return f"unknown field '{name}' in {owner}; known fields: {', '.join(known)}"


def _owner(kind: str, node: MappingNode) -> str:
    for key_node, value_node in node.value:
        if key_node.value == "id" and isinstance(value_node.value, str):
            return f"{kind} '{value_node.value}'"
    return kind


def read_record(kind: str, node: Node, path: Path, problems: Problems) -> Record:
    """Read a mapping against its kind's fields, recording every problem it has."""
    record = Record(kind, path, line_of(node))
    if not isinstance(node, MappingNode):
        problems.add(path, record.line, f"each {kind} should be a mapping, got {kind_name(node)}")
        record.ok = False
        return record
    spec = SPECS[kind]
    owner = _owner(kind, node)
    for name, value_node, line in mapping_pairs(node, path, problems):
        record.lines[name] = line
        if name not in spec:
            problems.add(path, line, unknown_field_message(name, list(spec), owner))
            record.ok = False
            continue
        try:
            record.values[name] = spec[name].convert(value_node)
        except f.Invalid as exc:
            problems.add(path, line_of(value_node), f"{owner}: {name} {exc}")
            record.ok = False
    for name, rule in spec.items():
        if rule.required and name not in record.lines:
            problems.add(path, record.line, f"{owner} has no '{name}'; add {name}: ({rule.hint})")
            record.ok = False
    _join_date(record, owner, problems)
    return record


def _join_date(record: Record, owner: str, problems: Problems) -> None:
    written, level = record.values.get("date"), record.values.get("precision")
    if isinstance(written, f.PartialDate) and isinstance(level, Precision):
        try:
            record.values["date"] = f.dated(written, level)
        except f.Invalid as exc:
            problems.add(record.path, record.line_for("date"), f"{owner}: {exc}")
            record.ok = False

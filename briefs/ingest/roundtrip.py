"""Store files edited with ruamel.yaml's round trip: comments, order and style survive.

The facts are curated by hand and reviewed in diffs, so a write must change only what it
adds: entries keep the seeds' layout (two-space indent, `- id:` under the key, a blank
line between entries, flow lists like `sources: [ap-beijing]`, stamps like
2026-01-16T09:00:00Z).
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.timestamp import TimeStamp

_Z = timezone(timedelta(0), "Z")  # printed as a trailing Z, as the seeds write UTC


def _null(representer: Any, _: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml() -> YAML:
    yaml = YAML()
    yaml.representer.add_representer(type(None), _null)  # `said: null`, as the seeds write it
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never fold a long text onto a second line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(path: Path) -> Any:
    """A store file as round-trip data (CommentedMap at the top)."""
    return _yaml().load(path.read_text(encoding="utf-8"))


def dump(data: Any) -> bytes:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue().encode("utf-8")


def stamp(at: datetime) -> TimeStamp:
    """A UTC instant that dumps as 2026-01-16T09:00:00Z."""
    at = at.astimezone(UTC)
    value = TimeStamp(at.year, at.month, at.day, at.hour, at.minute, at.second, tzinfo=_Z)
    value._yaml.update({"t": True, "tz": "Z", "delta": 0})
    return value


def flow(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def written(value: object) -> object:
    """A date as events.yaml writes it: 2026-01-16, 2026-01 or 2026 (an int, unquoted)."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, str) and len(value) == 10:
        return date.fromisoformat(value)
    return value


def entry(record: dict[str, Any]) -> CommentedMap:
    """A fact as a round-trip mapping: lists in flow style, `said` and `updated` inline."""
    out = CommentedMap()
    for key, value in record.items():
        if isinstance(value, list):
            value = flow(value)
        elif isinstance(value, datetime):
            value = stamp(value)
        elif isinstance(value, dict):
            inner = entry(value)
            inner.fa.set_flow_style()
            value = inner
        elif key == "date":
            value = written(value)
        elif value == "":
            value = DoubleQuotedScalarString("")  # `place: ""`, as the seeds write it
        out[key] = value
    return out


def insert(seq: CommentedSeq, index: int, record: dict[str, Any]) -> None:
    """Insert an entry with a blank line before it, like the entries around it."""
    seq.fa.set_block_style()  # `quotes: []` becomes a block list once it has entries
    seq.insert(index, entry(record))
    if len(seq) > 1:
        seq.yaml_set_comment_before_after_key(index, before="\n")

"""Turning accepted plan items into new contents of the fact files, in memory.

people.yaml, quotes.yaml and events.yaml are edited round trip (roundtrip.py), so only
the new entries and the changed fields show in the diff. Events go where their date
falls, because the timeline reads meaning into the order (see briefs/store/order.py).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from briefs.ingest import roundtrip
from briefs.ingest.plan import Item

_FILES = {"people": "people.yaml", "quotes": "quotes.yaml", "events": "events.yaml"}


def _range(value: object, precision: object) -> tuple[date, date]:
    """The first and last day an event's written date can fall on."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    parts = [int(p) for p in text.split("-")]
    first = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if precision == "year" or len(parts) == 1:
        return first, first.replace(month=12, day=31)
    if precision == "month" or len(parts) == 2:
        after = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first, after - timedelta(days=1)
    return first, first


def event_position(events: CommentedSeq, record: dict[str, Any]) -> int:
    """Below every event that comes before it, above every event that comes after it;
    among the places that allow, below the events that start no later than it does."""
    first, last = _range(record["date"], record["precision"])
    ranges = [_range(e.get("date"), e.get("precision")) for e in events]
    fits = [
        p
        for p in range(len(ranges) + 1)
        if all(not (last < r[0]) for r in ranges[:p])
        and all(not (r[1] < first) for r in ranges[p:])
    ]
    before = [p for p in fits if all(r[0] <= first for r in ranges[:p])]
    return max(before) if before else (fits[0] if fits else len(ranges))


def _by_id(seq: CommentedSeq, fact_id: str) -> CommentedMap:
    found: CommentedMap = next(e for e in seq if e.get("id") == fact_id)
    return found


def apply(root: Path, items: list[Item], article: str, at: datetime) -> dict[Path, bytes]:
    """New bytes for each fact file the items change."""
    paths = {key: root / "facts" / name for key, name in _FILES.items()}
    docs = {key: roundtrip.load(path) for key, path in paths.items()}
    changed: set[str] = set()
    people_ids = {p.get("id") for p in docs["people"]["people"]}
    for item in items:
        if item.kind == "quote" and item.action == "new":
            if item.person and item.person["id"] not in people_ids:
                people = docs["people"]["people"]
                roundtrip.insert(people, len(people), item.person)
                people_ids.add(item.person["id"])
                changed.add("people")
            quotes = docs["quotes"]["quotes"]
            roundtrip.insert(quotes, len(quotes), item.record)
            changed.add("quotes")
        elif item.kind == "event" and item.action == "new":
            events = docs["events"]["events"]
            roundtrip.insert(events, event_position(events, item.record), item.record)
            changed.add("events")
        elif item.kind == "event" and item.target and item.action in ("add-source", "status"):
            event = _by_id(docs["events"]["events"], item.target)
            if article not in event["sources"]:
                event["sources"].append(article)
            if item.action == "status" and item.status:
                was = str(event["status"])
                event["status"] = str(item.status)
                update = {"at": at, "article": article, "was": was}
                event["updated"] = roundtrip.entry(update)
                event["updated"].fa.set_flow_style()
            changed.add("events")
    return {paths[key]: roundtrip.dump(docs[key]) for key in sorted(changed)}

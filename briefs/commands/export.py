"""`briefs export`: the whole store as JSON, for tools and reviewers outside Python.

People are named as readers know them ("Mark Carney", "Global Times"); ids travel beside
the names so a consumer can still join records.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from briefs.commands.check import add_root_option, report_problems
from briefs.model import DatedValue, Store
from briefs.store import StoreError, load_store

JsonObject = dict[str, Any]


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "export",
        help="print the whole store as JSON",
        description="Print the validated store as JSON (exit 1 with its problems if it is broken).",
    )
    add_root_option(parser)
    parser.set_defaults(handler=run)


def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _dated(value: DatedValue | None) -> JsonObject | None:
    if value is None:
        return None
    return {"date": value.date.isoformat(), "precision": value.precision.value}


def store_json(store: Store) -> JsonObject:
    """The store as plain JSON values, in the curated order."""
    names = {p.id: p.name for p in store.people}
    side_of = {p.id: p.side for p in store.people}
    labels = {s.id: s.label for s in store.sides}
    return {
        "articles": [
            {
                "id": a.id,
                "title": a.headline,
                "outlet": a.outlet,
                "published": a.published.isoformat(),
                "url": a.url,
                "published_approximate": a.published_approximate,
                "dateline": a.dateline,
                "alternate_title": a.alternate_headline,
                "sha256": a.sha256,
                "source_file": a.source_file,
            }
            for a in store.articles
        ],
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind,
                "role": p.role,
                "affiliation": p.affiliation,
                "side": labels[p.side],
                "side_id": p.side,
                "aliases": list(p.aliases),
                "sources": list(p.sources),
                "added": _stamp(p.added),
            }
            for p in store.people
        ],
        "quotes": [
            {
                "id": q.id,
                "speaker": names[q.speaker],
                "speaker_id": q.speaker,
                "text": q.text,
                "article": q.article,
                "start": q.start,
                "end": q.end,
                "said": _dated(q.said),
                "context": q.context,
                "topics": list(q.topics),
                "added": _stamp(q.added),
            }
            for q in store.quotes
        ],
        "events": [
            {
                "id": e.id,
                "date": e.date.isoformat(),
                "precision": e.precision.value,
                "text": e.text,
                "sources": list(e.sources),
                "place": e.place,
                "topics": list(e.topics),
                "added": _stamp(e.added),
            }
            for e in store.events
        ],
        "reactions": [
            {
                "id": r.id,
                "actor": names[r.actor],
                "actor_id": r.actor,
                "side": labels[side_of[r.actor]],
                "side_id": side_of[r.actor],
                "stance": r.stance.value,
                "text": r.text,
                "sources": list(r.sources),
                "quotes": list(r.quotes),
                "added": _stamp(r.added),
            }
            for r in store.reactions
        ],
        "summary": {
            name: [
                {"id": p.id, "text": p.text, "sources": list(p.sources), "added": _stamp(p.added)}
                for p in points
            ]
            for name, points in store.summary.sections()
        },
    }


def run(args: argparse.Namespace) -> int:
    try:
        store = load_store(args.root)
    except StoreError as error:
        return report_problems(error)
    print(json.dumps(store_json(store), ensure_ascii=False, indent=2))
    return 0

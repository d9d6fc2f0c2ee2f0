"""What changed in the store after a moment: the facts a daily briefing or an alert lists.

A fact added after the moment is new; one whose `updated` stamp is after it changed. Which
word a change gets ("confirmed", "cancelled", "postponed", or plain "updated") is a key the
templates turn into text: an event whose status moved is told as the timeline tells it now
(`timeline.telling`, the one rule), so a briefing never calls confirmed what the timeline
still shows as planned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from briefs.model import Event, Fact, Store, changed_at
from briefs.render import timeline

KINDS = ("points", "events", "quotes", "reactions", "people")
_TOLD = {"happened": "confirmed", "cancelled": "cancelled", "postponed": "postponed"}


@dataclass(frozen=True, slots=True)
class Changes:
    """Changed facts by kind (store order, at most `most` each), `more` the rest's count,
    and `how[kind][fact id]`: "new", "confirmed", "cancelled", "postponed" or "updated"."""

    fresh: dict[str, list[Fact]] = field(default_factory=dict)
    more: dict[str, int] = field(default_factory=dict)
    how: dict[str, dict[str, str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.fresh.values())


def facts_of(store: Store) -> dict[str, tuple[Fact, ...]]:
    """The store's facts by the kind names briefings use."""
    return {
        "points": store.summary.points(),
        "events": store.events,
        "quotes": store.quotes,
        "reactions": store.reactions,
        "people": store.people,
    }


def how_changed(fact: Fact, since: datetime, told: dict[str, str]) -> str:
    """The change key for a fact changed after `since` (see Changes.how)."""
    if fact.added > since:
        return "new"
    if isinstance(fact, Event) and fact.updated and fact.updated.was not in (None, fact.status):
        return _TOLD.get(told.get(fact.id, ""), "updated")
    return "updated"


def changes(store: Store, since: datetime, today: date, most: int) -> Changes:
    """The facts that entered or changed after `since`, at most `most` of each kind."""
    told = timeline.telling(store.events, today, store.reports_end)
    result = Changes()
    for kind, facts in facts_of(store).items():
        changed = [f for f in facts if changed_at(f) > since]
        result.fresh[kind] = changed[:most]
        result.more[kind] = max(0, len(changed) - most)
        result.how[kind] = {f.id: how_changed(f, since, told) for f in changed[:most]}
    return result

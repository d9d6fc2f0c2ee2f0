"""Which events have happened and which are still coming, as seen from a given day.

The rule, for an event dated to the day, month or year:
- Its window is that day, month or year. A month or year event is narrowed by the events
  listed around it (events.yaml is curated in date order): it is no earlier than the latest
  day-dated event listed before it and no later than the earliest day-dated event listed
  after it, where those dates fall inside its own window.
- It has *happened* when its window ends before today, is *coming* when its window starts
  after today, and is *around now* otherwise: today's events, and coarse events whose
  window includes today (the articles do not say which side of today they fall on).
So on Tue 13 Jan 2026 the lawmakers' Taiwan decision (Jan 2026, listed between events of
11 and 12 Jan) has happened, and Qatar (Jan 2026, listed after 17 Jan) is coming.

One more bucket keeps the timeline honest once the reporting ends: an event whose window
starts after the newest article was published and ends before today is *planned*, not
happened. The sources announced it; none says how (or whether) it went.

An event's `status` comes first: an article that reports it done puts it in *happened*
whatever its date, and one that reports it cancelled or postponed puts it in that bucket.
A `planned` event is never *happened*: once its window has passed it stays *planned*,
because no cited report says how it went.

This is the one place that decides how a dated event is told; every rendering (timeline,
answers, inline results, summary, daily briefing, alerts) asks `telling`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from briefs.model import Event, Precision, Status

BUCKETS = ("happened", "planned", "now", "coming", "postponed", "cancelled")


@dataclass(frozen=True, slots=True)
class Window:
    """The first and last day an event can fall on."""

    first: date
    last: date


def period(event: Event) -> Window:
    """The day, month or year an event's date and precision cover."""
    d = event.date
    if event.precision == Precision.YEAR:
        return Window(date(d.year, 1, 1), date(d.year, 12, 31))
    if event.precision == Precision.MONTH:
        days = calendar.monthrange(d.year, d.month)[1]
        return Window(date(d.year, d.month, 1), date(d.year, d.month, days))
    return Window(d, d)


def windows(events: tuple[Event, ...]) -> list[Window]:
    """Each event's window, coarse ones narrowed by their day-dated neighbours in curated order."""
    result: list[Window] = []
    for index, event in enumerate(events):
        own = period(event)
        if event.precision == Precision.DAY:
            result.append(own)
            continue
        earlier = [e.date for e in events[:index] if e.precision == Precision.DAY]
        later = [e.date for e in events[index + 1 :] if e.precision == Precision.DAY]
        first = max((d for d in earlier if own.first <= d <= own.last), default=own.first)
        last = min((d for d in later if own.first <= d <= own.last), default=own.last)
        result.append(Window(first, last) if first <= last else own)
    return result


def bucket(
    window: Window, today: date, reported: date | None = None, status: Status | None = None
) -> str:
    """The bucket an event falls in seen from `today` (BUCKETS), with the newest cited
    article published on `reported`; `status` None is the date-only reading (for callers
    that have no event, such as a bare window)."""
    if status in (Status.HAPPENED, Status.CANCELLED, Status.POSTPONED):
        return str(status)
    if window.last < today:
        if status == Status.PLANNED:
            return "planned"
        return "planned" if reported is not None and window.first > reported else "happened"
    if window.first > today:
        return "coming"
    return "now"


def telling(store_events: tuple[Event, ...], today: date, reported: date | None) -> dict[str, str]:
    """Each event's bucket by id: how every rendering tells it on `today`."""
    return {
        event.id: bucket(window, today, reported, event.status)
        for event, window in zip(store_events, windows(store_events), strict=True)
    }


def split(
    events: tuple[Event, ...], today: date, reported: date | None = None
) -> dict[str, list[Event]]:
    """Events in each bucket, in date order (curated order among equal dates)."""
    placed: dict[str, list[tuple[date, int, Event]]] = {name: [] for name in BUCKETS}
    for index, (event, window) in enumerate(zip(events, windows(events), strict=True)):
        placed[bucket(window, today, reported, event.status)].append((window.first, index, event))
    return {
        name: [e for _, _, e in sorted(items, key=lambda t: t[:2])]
        for name, items in placed.items()
    }

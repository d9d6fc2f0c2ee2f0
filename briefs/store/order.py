"""events.yaml in date order, because the timeline reads meaning into the order.

briefs/render/timeline.py narrows a month- or year-dated event to the days between the
day-dated events listed just before and after it ("Qatar, Jan 2026, listed after 17 Jan"),
so an entry among the wrong neighbours shows as past when it is ahead, or the reverse.
An order is accepted when the events could have happened in it: no event is listed above
one whose whole day, month or year comes before its own. Where a coarse event sits among
the day-dated events inside its own month or year is the curator's call; check cannot
know it, so it only catches an entry outside that range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from briefs.model import DatedValue, Precision
from briefs.store.problems import Problems
from briefs.store.schema import Record


def written(value: DatedValue) -> str:
    """A date as curators write it: 2026-01-14, 2026-01 or 2026."""
    if value.precision == Precision.YEAR:
        return f"{value.date.year}"
    if value.precision == Precision.MONTH:
        return f"{value.date:%Y-%m}"
    return value.date.isoformat()


@dataclass(frozen=True, slots=True)
class _Listed:
    """An event as listed: its record, position, and the first and last day it can fall on."""

    record: Record
    position: int
    when: DatedValue
    first: date
    last: date

    def before(self, other: _Listed) -> bool:
        """True when this event is over before `other` can begin."""
        return self.last < other.first

    def name(self) -> str:
        return f"'{self.record.id}' ({written(self.when)})"


def _listed(records: list[Record]) -> list[_Listed]:
    found = []
    for position, record in enumerate(records):
        when = record.values.get("date")
        if not isinstance(when, DatedValue) or record.id is None:
            continue  # an unreadable date is reported where it is written
        first, last = when.date, when.date
        if when.precision == Precision.MONTH:
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        elif when.precision == Precision.YEAR:
            last = first.replace(month=12, day=31)
        found.append(_Listed(record, position, when, first, last))
    return found


def _clashes(a: _Listed, events: list[_Listed]) -> list[_Listed]:
    """The events that are listed on the wrong side of `a`."""
    return [
        b
        for b in events
        if (b.position > a.position and b.before(a)) or (b.position < a.position and a.before(b))
    ]


def _misplaced(events: list[_Listed]) -> list[_Listed]:
    """Entries to move, picked greedily: the one clashing with most others first.

    Moving the Qatar event to the top clashes with every earlier event, so Qatar is named,
    not the five events it now sits above. On a tie the lower entry is named.
    """
    named: list[_Listed] = []
    rest = list(events)
    while True:
        counts = [(len(_clashes(e, rest)), e.position, e) for e in rest]
        worst = max(counts, default=None, key=lambda c: c[:2])
        if worst is None or worst[0] == 0:
            return named
        named.append(worst[2])
        rest.remove(worst[2])


def _where(event: _Listed, rest: list[_Listed]) -> str:
    """Where the entry belongs among the others: below the last one that must come before it
    and above the first one that must come after it."""
    after = [e for e in rest if e.before(event)]
    ahead = [e for e in rest if event.before(e)]
    if after and ahead:
        return f"move it below {after[-1].name()} and above {ahead[0].name()}"
    if after:
        return f"move it below {after[-1].name()}"
    if ahead:
        return f"move it above {ahead[0].name()}"
    return "move it to where its date falls"


def check_event_order(records: list[Record], problems: Problems) -> None:
    """Name each entry listed out of date order and say where it belongs."""
    events = _listed(records)
    named = _misplaced(events)
    rest = [e for e in events if e not in named]
    for event in named:
        clashes = _clashes(event, events)
        earlier = [e for e in clashes if e.position > event.position]
        side, which = ("above", "earlier") if earlier else ("below", "later")
        nearest = earlier[0] if earlier else clashes[-1]
        if len(earlier or clashes) == 1:
            listed = f"{side} {nearest.name()}, which is {which}"
        else:
            listed = f"{side} {len(earlier or clashes)} {which} events, {nearest.name()} nearest"
        record = event.record
        problems.add(
            record.path,
            record.line_for("id"),
            f"event {event.name()} is listed {listed}; events.yaml is kept in date order "
            "because the timeline places month- and year-dated events by the day-dated events "
            f"listed around them: {_where(event, rest)}",
        )
        record.ok = False


def fixed_order(records: list[Record]) -> tuple[list[Record], list[Record]]:
    """The records with each misplaced event moved where check_event_order says it belongs
    (just below the last event that must come before it; the top when none must), and the
    records moved."""
    events = _listed(records)
    named = _misplaced(events)
    if not named:
        return list(records), []
    placed = [e for e in events if e not in named]
    for event in named:
        before = [i for i, e in enumerate(placed) if e.before(event)]
        placed.insert(before[-1] + 1 if before else 0, event)
    # Records without a readable date keep their slots; the dated ones fill the rest in order.
    dated = {id(e.record) for e in events}
    kept = iter(e.record for e in placed)
    order = [next(kept) if id(r) in dated else r for r in records]
    return order, [e.record for e in named]

"""When a daily briefing is due: pure time math, with the clock passed in.

A subscription is a wall-clock time in a zone. Daylight saving makes some wall-clock times
not exist (spring forward) and some happen twice (fall back); both days still get exactly
one briefing:
- a time in the spring-forward gap (2:30 when clocks jump 2:00 -> 3:00) is read with the
  offset before the jump (fold=0), which lands at 3:30 local: the same instant 2:30 would
  have been, and the same day;
- an ambiguous time on the fall-back day (1:30 twice) is the first of the two (fold=0).
Either way there is one instant per local day, so counting days counts briefings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.subscriptions.zones import tzinfo_for

Clock = Callable[[], datetime]
_DAY = timedelta(days=1)


def system_clock() -> datetime:
    """The real time, aware and in UTC: the default clock everywhere."""
    return datetime.now(UTC)


def occurrence(day: date, hour: int, minute: int, tz: str) -> datetime:
    """The UTC instant of `hour:minute` on local `day` in `tz` (fold=0; see module doc)."""
    local = datetime.combine(day, time(hour, minute), tzinfo=tzinfo_for(tz))
    return local.astimezone(UTC)


def local_day(moment: datetime, tz: str) -> date:
    """The calendar day in `tz` at `moment`."""
    return moment.astimezone(tzinfo_for(tz)).date()


def day_start(day: date, tz: str) -> datetime:
    """The UTC instant local `day` begins in `tz` (fold=0, so a midnight gap or repeat too)."""
    return occurrence(day, 0, 0, tz)


def last_day_in(
    tz: str, day: date | None, day_tz: str | None, sent: datetime | None
) -> date | None:
    """The last delivered local `day` (a day in `day_tz`, sent at `sent`) as a day in `tz`.

    In its own zone the stored day stands: a briefing sent late, past midnight, still counts
    for the day it was due. After a zone change the day is where the send's instant falls in
    the new zone, so "already delivered today" neither repeats a day nor skips one.
    """
    if day is None or sent is None or day_tz in (None, tz):
        return day
    return local_day(sent, tz)


def next_due(
    hour: int, minute: int, tz: str, *, after: datetime, last_local_day: date | None
) -> datetime:
    """The first occurrence strictly after `after` on a local day after `last_local_day`."""
    day = local_day(after, tz)
    if last_local_day is not None and day <= last_local_day:
        day = last_local_day + _DAY
    while (due := occurrence(day, hour, minute, tz)) <= after:
        day += _DAY
    return due


@dataclass(frozen=True, slots=True)
class Plan:
    """What a delivery run does with a due subscription.

    `deliver` is the local day to send now; otherwise `missed` is the day given up (the bot
    was down for longer than the grace window), or both are None (already delivered).
    `next_due` is when the subscription is due after this run.
    """

    deliver: date | None
    missed: date | None
    next_due: datetime


def plan(
    hour: int,
    minute: int,
    tz: str,
    *,
    now: datetime,
    grace: timedelta,
    last_local_day: date | None,
) -> Plan:
    """Decide for the latest occurrence at or before `now`: send it if within `grace`."""
    day = local_day(now, tz)
    latest = occurrence(day, hour, minute, tz)
    if latest > now:
        day -= _DAY
        latest = occurrence(day, hour, minute, tz)
    if last_local_day is not None and day <= last_local_day:
        return Plan(None, None, next_due(hour, minute, tz, after=now, last_local_day=day))
    following = next_due(hour, minute, tz, after=now, last_local_day=day)
    if now - latest <= grace:
        return Plan(day, None, following)
    return Plan(None, day, following)

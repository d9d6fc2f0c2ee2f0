"""bot.subscriptions.schedule: next due times, grace window and daylight saving, explicit clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.subscriptions.schedule import last_day_in, local_day, next_due, occurrence, plan

GRACE = timedelta(hours=3)
TORONTO = "America/Toronto"


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_next_due_is_today_when_the_time_is_still_ahead() -> None:
    """Subscribing at 7:59 for 8:00 local is due in a minute, today."""
    after = occurrence(date(2026, 1, 12), 7, 59, TORONTO)
    assert next_due(8, 0, TORONTO, after=after, last_local_day=None) == after + timedelta(minutes=1)


def test_next_due_skips_a_day_already_delivered() -> None:
    """Changing the time after today's briefing went out schedules tomorrow, not today."""
    after = occurrence(date(2026, 1, 12), 8, 30, TORONTO)
    due = next_due(9, 0, TORONTO, after=after, last_local_day=date(2026, 1, 12))
    assert due == occurrence(date(2026, 1, 13), 9, 0, TORONTO)


def test_fixed_offset_zone() -> None:
    """A "UTC+05:30" zone is a fixed offset: 6:00 there is 00:30 UTC."""
    assert occurrence(date(2026, 1, 12), 6, 0, "UTC+05:30") == utc(2026, 1, 12, 0, 30)
    assert local_day(utc(2026, 1, 12, 20, 0), "UTC+05:30") == date(2026, 1, 13)


@pytest.mark.parametrize(
    ("late", "deliver"),
    [(timedelta(0), True), (timedelta(hours=2), True), (GRACE, True), (timedelta(hours=4), False)],
)
def test_grace_window(late: timedelta, deliver: bool) -> None:
    """Due 2 h ago (bot was down) is still sent; due 4 h ago is given up for the next day."""
    due = occurrence(date(2026, 1, 12), 8, 0, TORONTO)
    decided = plan(8, 0, TORONTO, now=due + late, grace=GRACE, last_local_day=date(2026, 1, 11))
    day = date(2026, 1, 12)
    assert decided.deliver == (day if deliver else None)
    assert decided.missed == (None if deliver else day)
    assert decided.next_due == occurrence(date(2026, 1, 13), 8, 0, TORONTO)


def test_plan_after_days_down_only_considers_the_latest_day() -> None:
    """After three days down, within grace of today's time: today's briefing goes out."""
    now = occurrence(date(2026, 1, 15), 8, 0, TORONTO) + timedelta(minutes=30)
    decided = plan(8, 0, TORONTO, now=now, grace=GRACE, last_local_day=date(2026, 1, 11))
    assert decided.deliver == date(2026, 1, 15)


def test_plan_never_repeats_a_delivered_day() -> None:
    """A subscription due again on a day already delivered is only rescheduled."""
    now = occurrence(date(2026, 1, 12), 9, 0, TORONTO)
    decided = plan(9, 0, TORONTO, now=now, grace=GRACE, last_local_day=date(2026, 1, 12))
    assert (decided.deliver, decided.missed) == (None, None)
    assert decided.next_due == occurrence(date(2026, 1, 13), 9, 0, TORONTO)


def test_spring_forward_gap_time_lands_at_3_30() -> None:
    """2:30 does not exist on 2026-03-08 in Toronto; it is delivered at 3:30 EDT that day."""
    due = occurrence(date(2026, 3, 8), 2, 30, TORONTO)
    assert due == utc(2026, 3, 8, 7, 30)
    assert due.astimezone(due.tzinfo).hour == 7
    assert local_day(due, TORONTO) == date(2026, 3, 8)


def test_fall_back_ambiguous_time_is_the_first() -> None:
    """1:30 happens twice on 2026-11-01 in Toronto; the first (EDT, 05:30 UTC) is the one."""
    assert occurrence(date(2026, 11, 1), 1, 30, TORONTO) == utc(2026, 11, 1, 5, 30)


@pytest.mark.parametrize(
    ("day", "hour", "minute"),
    [(date(2026, 3, 8), 2, 30), (date(2026, 11, 1), 1, 30), (date(2026, 11, 1), 1, 0)],
)
def test_walking_the_clock_across_a_dst_day_delivers_once(
    day: date, hour: int, minute: int
) -> None:
    """Minute by minute across a DST-change day, the schedule hands out exactly one delivery."""
    start = occurrence(day, 0, 0, TORONTO) - timedelta(hours=1)
    last: date | None = day - timedelta(days=1)
    due = next_due(hour, minute, TORONTO, after=start, last_local_day=last)
    deliveries = []
    now = start
    while now < occurrence(day + timedelta(days=1), 0, 0, TORONTO):  # to the day's end
        if due <= now:
            decided = plan(hour, minute, TORONTO, now=now, grace=GRACE, last_local_day=last)
            if decided.deliver is not None:
                deliveries.append((decided.deliver, now))
                last = decided.deliver
            due = decided.next_due
        now += timedelta(minutes=1)
    assert [d for d, _ in deliveries] == [day]


def test_last_day_in_another_zone_is_where_the_send_fell() -> None:
    """A day delivered in one zone reads, in another, as the day the send happened there."""
    sent = occurrence(date(2026, 3, 10), 8, 0, "Asia/Shanghai")  # 00:00 UTC
    assert last_day_in("Asia/Shanghai", date(2026, 3, 10), "Asia/Shanghai", sent) == date(
        2026, 3, 10
    )
    assert last_day_in(TORONTO, date(2026, 3, 10), "Asia/Shanghai", sent) == date(2026, 3, 9)
    late = occurrence(date(2026, 3, 11), 0, 30, TORONTO)  # Tuesday's 23:00 sent after midnight
    assert last_day_in(TORONTO, date(2026, 3, 10), TORONTO, late) == date(2026, 3, 10)

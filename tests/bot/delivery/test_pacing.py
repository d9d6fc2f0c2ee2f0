"""bot.delivery.pacing on a fake clock and sleep: caps, bursts, and forgetting refilled chats."""

from __future__ import annotations

import pytest

from bot.delivery.pacing import ChatPace, RateLimit
from tests.support.virtual_time import VirtualTime


def test_refilled_chats_behind_a_busy_one_are_forgotten() -> None:
    """One chat paced far ahead does not keep a thousand refilled ones in memory."""
    now = [0.0]
    pace = ChatPace(rate=1.0, burst=3, clock=lambda: now[0])
    for _ in range(200):
        pace.reserve(0)  # chat 0 is paced 200 s ahead, and oldest in the table
    for chat in range(1, 1001):
        pace.reserve(chat)
    now[0] = 10.0  # chats 1-1000 have refilled; chat 0 has not
    for chat in range(1001, 2001):
        pace.reserve(chat)
    assert len(pace) <= 1001 + 2
    assert pace.reserve(0) > 0  # the busy chat is still paced


async def test_overall_cap_spaces_acquisitions_on_virtual_time() -> None:
    """At 20 a second with no burst, 30 acquisitions span 29 intervals of 1/20 s."""
    virtual = VirtualTime()
    limit = RateLimit(20, burst=1, clock=virtual.clock, sleep=virtual.sleep)
    for _ in range(30):
        await limit.acquire()
    assert virtual.now == pytest.approx(29 / 20)
    assert len(virtual.waits) == 29


async def test_chat_pace_lets_a_burst_through_then_waits() -> None:
    """A chat's burst of 3 goes at once; the fourth message waits one interval."""
    virtual = VirtualTime()
    pace = ChatPace(rate=1.0, burst=3, clock=virtual.clock, sleep=virtual.sleep)
    for _ in range(4):
        await pace.acquire(7)
    assert virtual.waits == [pytest.approx(1.0)]

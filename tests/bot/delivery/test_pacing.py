"""bot.delivery.pacing on a fake clock: the per-chat pace forgets refilled chats in any order."""

from __future__ import annotations

from bot.delivery.pacing import ChatPace


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

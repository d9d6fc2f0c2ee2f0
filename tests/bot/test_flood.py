"""Per-user flood control: N commands a minute, then exactly one polite notice."""

from __future__ import annotations

import dataclasses

from bot.config import Settings
from bot.flood import FloodLimiter, Verdict
from tests.support.harness import running


async def test_over_the_limit_one_notice_then_silence(settings: Settings) -> None:
    """After `limit` commands the next gets one notice; later ones get nothing at all."""
    async with running(dataclasses.replace(settings, flood_limit=3)) as harness:
        for _ in range(3):
            await harness.reply("/summary")
        notice = await harness.reply("/summary")
        assert notice.params["text"] == harness.message("flood", limit=3)
        assert await harness.say("/timeline") == []
        assert await harness.say("what did Chong say?") == []
        other = await harness.reply("/summary", user_id=77)
        assert other.params["text"] == harness.page("summary")


async def test_buttons_share_the_allowance_and_get_the_notice_as_a_toast(
    settings: Settings,
) -> None:
    """Presses count like commands; over the limit each press is answered with the notice only."""
    async with running(dataclasses.replace(settings, flood_limit=2)) as harness:
        reply = await harness.reply("/quotes")
        calls = await harness.send(harness.updates.callback("sec:quotes:2", reply.result))
        assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]
        for _ in range(2):
            calls = await harness.send(harness.updates.callback("sec:quotes:1", reply.result))
            assert [c.method for c in calls] == ["answerCallbackQuery"]
            assert calls[0].params["text"] == harness.message("flood", fmt="text", limit=2)
        assert await harness.say("/summary") == []


def test_window_slides_and_rearms_the_notice() -> None:
    """Once the oldest command leaves the window the user is let in, and may be warned again."""
    now = [0.0]
    limiter = FloodLimiter(2, window=60.0, clock=lambda: now[0])
    assert [limiter.check(1) for _ in range(4)] == [
        Verdict.ALLOW,
        Verdict.ALLOW,
        Verdict.NOTIFY,
        Verdict.DROP,
    ]
    now[0] = 60.5
    assert limiter.check(1) is Verdict.ALLOW
    assert limiter.check(1) is Verdict.ALLOW
    assert limiter.check(1) is Verdict.NOTIFY


def test_idle_users_are_forgotten() -> None:
    """Users with nothing inside the window are dropped, keeping memory bounded."""
    now = [0.0]
    limiter = FloodLimiter(5, window=60.0, clock=lambda: now[0])
    for user in range(100):
        limiter.check(user)
    now[0] = 61.0
    limiter.check(1000)
    assert limiter.forget_idle() == 100
    assert len(limiter) == 1

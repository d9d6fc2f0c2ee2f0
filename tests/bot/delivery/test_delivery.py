"""The delivery engine against real SQLite files and the Bot API stand-in on 127.0.0.1."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot

from bot.delivery.engine import Briefing
from bot.delivery.pacing import RateLimit
from bot.delivery.transport import AiohttpRequest
from bot.subscriptions.storage import Storage
from tests.bot.subscriptions_helpers import (
    FAST,
    TOKEN,
    delivery,
    subscribe_due,
    virtual_delivery,
)
from tests.support.botapi_standin import BotApiStandin, Fault
from tests.support.loopback import standin_bot
from tests.support.virtual_time import VirtualTime

NOW = datetime(2026, 1, 12, 13, 0, tzinfo=UTC)


def log_rows(tmp_path: Path) -> dict[int, tuple[str, int, str | None]]:
    with sqlite3.connect(tmp_path / "subs.sqlite3") as raw:
        rows = raw.execute("SELECT chat_id, status, attempts, reason FROM deliveries").fetchall()
    return {chat: (status, attempts, reason) for chat, status, attempts, reason in rows}


def sent_to(standin: BotApiStandin, chat_id: int) -> list[str]:
    return [
        c.params["text"]
        for c in standin.calls_to("sendMessage")
        if c.params["chat_id"] == chat_id and c.status == 200
    ]


async def test_due_subscribers_get_the_rendered_briefing(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin, tmp_path: Path
) -> None:
    """Every due subscriber gets the daily briefing once; future ones get nothing yet."""
    for chat in (1, 2, 3):
        await subscribe_due(storage, chat, NOW - timedelta(minutes=chat))
    await subscribe_due(storage, 4, NOW + timedelta(minutes=5))
    run = await delivery(storage, bot, briefing).run_once(NOW)
    expected = briefing.renderer.daily(None, now=NOW)
    assert (run.due, run.sent, run.failed) == (3, 3, 0)
    for chat in (1, 2, 3):
        assert sent_to(standin, chat) == expected
    assert sent_to(standin, 4) == []
    assert {chat: row[0] for chat, row in log_rows(tmp_path).items()} == dict.fromkeys(
        (1, 2, 3), "sent"
    )
    after = await storage.get(1)
    assert after is not None
    assert after.last_version == briefing.version
    assert after.next_due_utc > NOW


async def test_a_sent_day_is_never_resent(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin
) -> None:
    """Running again in the same minute, or later that day, sends nothing more."""
    await subscribe_due(storage, 1, NOW)
    engine = delivery(storage, bot, briefing)
    await engine.run_once(NOW)
    again = await engine.run_once(NOW)
    later = await engine.run_once(NOW + timedelta(hours=5))
    assert (again.due, later.due) == (0, 0)
    assert len(sent_to(standin, 1)) == len(briefing.renderer.daily(None, now=NOW))


async def test_crash_after_claim_is_not_resent_after_restart(
    bot: Bot, briefing: Briefing, standin: BotApiStandin, tmp_path: Path
) -> None:
    """A claim committed before a crash (send outcome unknown) is never sent again on restart."""
    first = await Storage.open(tmp_path / "subs.sqlite3")
    await subscribe_due(first, 1, NOW)
    await subscribe_due(first, 2, NOW)
    day = date(2026, 1, 12)
    assert await first.claim([(1, day, NOW.replace(hour=0))], now=NOW) == {1}  # crash here
    await first.close()
    restarted = await Storage.open(tmp_path / "subs.sqlite3")
    engine = delivery(restarted, bot, briefing)
    assert await restarted.recover() == 1  # what Delivery.start does first
    run = await engine.run_once(NOW + timedelta(minutes=1))
    await restarted.close()
    assert sent_to(standin, 1) == []
    assert sent_to(standin, 2) != []
    assert (run.sent, run.deferred) == (1, 1)
    rows = log_rows(tmp_path)
    assert rows[1][0] == "failed"
    assert "interrupted" in (rows[1][2] or "")


async def test_grace_window_on_start_up(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin, tmp_path: Path
) -> None:
    """Due 2 h ago (bot was down) is still sent; due 4 h ago is logged missed, due tomorrow."""
    await subscribe_due(storage, 1, NOW - timedelta(hours=2))
    await subscribe_due(storage, 2, NOW - timedelta(hours=4))
    run = await delivery(storage, bot, briefing).run_once(NOW)
    assert (run.sent, run.deferred) == (1, 1)
    assert sent_to(standin, 1)
    assert not sent_to(standin, 2)
    assert log_rows(tmp_path)[2][0] == "missed"
    late = await storage.get(2)
    assert late is not None
    assert late.next_due_utc == NOW - timedelta(hours=4) + timedelta(days=1)


async def test_each_distinct_text_is_rendered_once_per_run(
    storage: Storage, bot: Bot, briefing: Briefing
) -> None:
    """Fifty subscribers who saw the same version cost one render, not fifty."""
    calls: list[datetime | None] = []
    real = briefing.renderer

    class Counting:
        def daily(self, since: datetime | None, **options: Any) -> list[str]:
            calls.append(since)
            return real.daily(since, **options)

    for chat in range(50):
        await subscribe_due(storage, chat + 1, NOW)
    counted = replace(briefing, renderer=Counting())
    run = await delivery(storage, bot, counted).run_once(NOW)
    assert run.sent == 50
    assert calls == [None]


async def test_retry_after_resends_the_same_text_after_the_wait(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin, tmp_path: Path
) -> None:
    """A 429 with retry_after=1 pauses, then the same message goes out, and it counts as sent."""
    standin.add_fault(Fault("sendMessage", status=429, retry_after=1, chat_id=1))
    await subscribe_due(storage, 1, NOW)
    engine, virtual = virtual_delivery(storage, bot, briefing)
    run = await engine.run_once(NOW)
    calls = [c for c in standin.calls_to("sendMessage") if c.params["chat_id"] == 1]
    assert [c.status for c in calls[:2]] == [429, 200]
    assert calls[0].params["text"] == calls[1].params["text"]
    assert 1 in virtual.waits  # the retry_after, waited before the resend
    assert run.sent == 1
    assert log_rows(tmp_path)[1][0] == "sent"


async def test_blocked_and_missing_chats_are_deactivated(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin
) -> None:
    """403 (blocked) and 400 "chat not found" deactivate the subscription with the reason."""
    standin.add_fault(Fault("sendMessage", status=403, chat_id=1))
    standin.add_fault(Fault("sendMessage", status=400, chat_id=2))
    standin.add_fault(Fault("sendMessage", status=400, chat_id=3, description="Bad Request: x"))
    for chat in (1, 2, 3):
        await subscribe_due(storage, chat, NOW)
    run = await delivery(storage, bot, briefing).run_once(NOW)
    assert (run.deactivated, run.failed) == (2, 1)
    blocked, missing, refused = [await storage.get(chat) for chat in (1, 2, 3)]
    assert blocked is not None
    assert not blocked.active
    assert "blocked" in (blocked.deactivated_reason or "")
    assert missing is not None
    assert not missing.active
    assert "chat not found" in (missing.deactivated_reason or "").lower()
    assert refused is not None
    assert refused.active
    assert (await storage.stats()).active == 1


async def test_server_errors_are_retried_then_sent(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin, tmp_path: Path
) -> None:
    """Two 500s, then success: sent on the third attempt, with the attempts logged."""
    standin.add_fault(Fault("sendMessage", status=500, times=2, chat_id=1))
    await subscribe_due(storage, 1, NOW)
    run = await delivery(storage, bot, briefing).run_once(NOW)
    assert run.sent == 1
    assert log_rows(tmp_path)[1][:2] == ("sent", 3)


async def test_persistent_server_errors_end_as_failed_with_the_reason(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin, tmp_path: Path
) -> None:
    """A chat that keeps getting 500s ends the run failed, with the reason and attempt count."""
    standin.add_fault(Fault("sendMessage", status=500, times=10, chat_id=1))
    await subscribe_due(storage, 1, NOW)
    run = await delivery(storage, bot, briefing).run_once(NOW)
    status, attempts, reason = log_rows(tmp_path)[1]
    assert (run.failed, status, attempts) == (1, "failed", FAST.attempts)
    assert reason is not None
    assert "Internal Server Error" in reason
    assert TOKEN not in reason
    again = await storage.get(1)
    assert again is not None
    assert again.active
    assert again.next_due_utc > NOW


@pytest.mark.parametrize("keepalive", [False, True], ids=["httpx", "aiohttp"])
async def test_a_send_that_times_out_after_writing_is_not_resent(
    storage: Storage, standin: BotApiStandin, briefing: Briefing, tmp_path: Path, keepalive: bool
) -> None:
    """A send whose answer comes too late went out once and is logged failed, not resent."""
    late = threading.Event()
    standin.add_fault(Fault("sendMessage", status=200, hold=late, chat_id=1, times=10))
    await subscribe_due(storage, 1, NOW)
    limits = replace(FAST, timeout=0.3)
    request = AiohttpRequest(read_timeout=0.3) if keepalive else None
    async with standin_bot(standin, request=request) as slow:
        run = await delivery(storage, slow, briefing, limits).run_once(NOW)
    # A resend would have been written before the run returned: it would have arrived.
    assert standin.received("sendMessage") == 1
    late.set()
    await asyncio.to_thread(standin.wait_for, "sendMessage", lambda c: c.params["chat_id"] == 1)
    assert run.failed == 1
    assert log_rows(tmp_path)[1] == (
        "failed",
        1,
        "TimedOut: no answer within 0.3s; not resent, it may have arrived",
    )


@pytest.mark.parametrize("keepalive", [False, True], ids=["httpx", "aiohttp"])
async def test_connection_refused_is_retried(
    storage: Storage, briefing: Briefing, tmp_path: Path, keepalive: bool
) -> None:
    """Nothing listening: the request never went out, so every attempt is used, then failed."""
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    await subscribe_due(storage, 1, NOW)
    request = {"request": AiohttpRequest()} if keepalive else {}
    gone = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", **request)  # type: ignore[arg-type]
    await delivery(storage, gone, briefing).run_once(NOW)  # not initialized: no getMe first
    await gone.shutdown()
    status, attempts, reason = log_rows(tmp_path)[1]
    assert (status, attempts) == ("failed", FAST.attempts)
    assert "may have arrived" not in (reason or "")


async def test_overall_rate_cap_is_respected(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin
) -> None:
    """At a cap of 20 msg/s, 30 messages take 29 intervals of 1/20 s (on virtual time)."""
    for chat in range(30):
        await subscribe_due(storage, chat + 1, NOW)
    one_part = replace(briefing, renderer=_OnePart())
    engine = delivery(storage, bot, one_part, replace(FAST, rate=20))
    virtual = VirtualTime()
    engine.sender.overall = RateLimit(20, clock=virtual.clock, sleep=virtual.sleep)
    run = await engine.run_once(NOW)
    assert run.sent == 30
    assert virtual.now == pytest.approx(29 / 20)


async def test_announce_reaches_active_subscribers_without_blocking_replies(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin
) -> None:
    """An announcement reaches every active chat; meanwhile a reply is not queued behind it."""
    for chat in range(20):
        await subscribe_due(storage, chat + 1, NOW)
    await storage.unsubscribe(20, now=NOW)
    engine = delivery(storage, bot, briefing, replace(FAST, rate=20))
    held = asyncio.Event()  # the broadcast waits for its next slot until the reply is out

    async def hold(_seconds: float) -> None:
        await held.wait()

    engine.sender.overall = RateLimit(20, sleep=hold)
    broadcast = asyncio.create_task(engine.announce("<b>News</b>"))
    await asyncio.to_thread(standin.wait_calls, "sendMessage", 1)
    async with standin_bot(standin) as replies:
        await asyncio.wait_for(replies.send_message(999, "a reply"), 5)
    assert not broadcast.done()
    held.set()
    run = await broadcast
    assert run.sent == 19
    assert sent_to(standin, 20) == []
    assert sent_to(standin, 1) == ["<b>News</b>"]


class _OnePart:
    def daily(self, since: datetime | None, **_: object) -> list[str]:
        return ["one part"]

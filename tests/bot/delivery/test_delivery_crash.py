"""Durability and exactly-once under SIGKILL, and daylight saving through the whole engine."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from telegram import Bot

from bot.delivery.engine import Briefing, Delivery
from bot.delivery.pacing import RateLimit
from bot.subscriptions.schedule import next_due, occurrence
from bot.subscriptions.storage import Storage
from tests.bot.subscriptions_helpers import FAST, delivery, subscribe_due
from tests.support.botapi_standin import BotApiStandin, Fault
from tests.support.virtual_time import VirtualTime

ROOT = Path(__file__).resolve().parents[3]
NOW = datetime(2026, 1, 12, 13, 0, tzinfo=UTC)

_SUBSCRIBER = """
import asyncio, sys
from datetime import UTC, datetime
from bot.subscriptions.storage import Storage

async def main() -> None:
    storage = await Storage.open(sys.argv[1])
    now = datetime.now(UTC)
    for chat in range(1, 100_000):
        await storage.subscribe(chat, 8, 0, "UTC", now=now, next_due=lambda _day: now)
        print(chat, flush=True)  # the user is told only after the commit

asyncio.run(main())
"""

_DELIVERER = """
import asyncio, sys
from dataclasses import replace
from datetime import datetime
from telegram import Bot
from bot.subscriptions.storage import Storage
from tests.bot.subscriptions_helpers import FAST, TOKEN, delivery, make_briefing

async def main() -> None:
    storage = await Storage.open(sys.argv[1])
    async with Bot(TOKEN, base_url=sys.argv[2] + "/bot") as bot:
        limits = replace(FAST, rate=100, batch=500)
        await delivery(storage, bot, make_briefing(), limits).run_once(
            datetime.fromisoformat(sys.argv[3]))

asyncio.run(main())
"""


def _spawn(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_subscriptions_reported_survive_sigkill_mid_burst(tmp_path: Path) -> None:
    """Every chat the killed process reported as subscribed is in the database afterwards."""
    path = tmp_path / "subs.sqlite3"
    child = _spawn(_SUBSCRIBER, str(path))
    assert child.stdout is not None
    reported = [int(child.stdout.readline()) for _ in range(300)]
    _kill(child)
    with sqlite3.connect(path) as raw:
        stored = {row[0] for row in raw.execute("SELECT chat_id FROM subscriptions")}
    assert set(reported) <= stored


async def test_sigkill_mid_delivery_then_restart_sends_each_chat_at_most_once(
    tmp_path: Path, standin: BotApiStandin, bot: Bot, briefing: Briefing
) -> None:
    """Killed mid-run and restarted: no chat gets a second copy, every chat is accounted for,
    and only the few in flight at the kill go without."""
    path = tmp_path / "subs.sqlite3"
    first = await Storage.open(path)
    for chat in range(1, 201):
        await subscribe_due(first, chat, NOW)
    await first.close()
    child = _spawn(_DELIVERER, str(path), standin.base_url, NOW.isoformat())
    await asyncio.to_thread(standin.wait_calls, "sendMessage", 60, 20)
    _kill(child)
    answered = {c.params["chat_id"] for c in standin.calls_to("sendMessage") if c.status == 200}
    with sqlite3.connect(path) as raw:
        logged = dict(raw.execute("SELECT chat_id, status FROM deliveries").fetchall())
        (unfinished,) = raw.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL")
    # Each outcome is committed with the worker's next claim: a sent chat is unknown only
    # while its send is in flight or just answered, at most one chat a worker.
    assert len([chat for chat in answered if logged.get(chat) != "sent"]) <= FAST.pool
    assert unfinished == (1,)  # the killed run left its row
    restarted = await Storage.open(path)
    engine = delivery(restarted, bot, briefing)
    await restarted.recover(now=NOW)
    killed = (await restarted.stats()).last_run
    assert killed is not None
    assert killed.interrupted
    assert killed.sent + killed.failed >= len(answered) - FAST.pool
    await engine.run_once(NOW + timedelta(minutes=1))
    await restarted.close()
    parts = len(briefing.renderer.daily(None, now=NOW))
    per_chat = Counter(c.params["chat_id"] for c in standin.calls_to("sendMessage"))
    assert max(per_chat.values()) == parts
    with sqlite3.connect(path) as raw:
        log = dict(raw.execute("SELECT chat_id, status FROM deliveries").fetchall())
    assert set(log) == set(range(1, 201))
    assert {chat for chat, status in log.items() if status == "sent"} <= set(per_chat)
    assert set(log.values()) <= {"sent", "failed"}
    # Each claim is committed just before its send, so the kill strands at most one chat a
    # worker (its send may have gone out, so it is not resent); the restart serves the rest.
    never_sent = set(range(1, 201)) - set(per_chat)
    assert len(never_sent) <= FAST.pool
    assert {log[chat] for chat in never_sent} <= {"failed"}


def _kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    if child.stdout is not None:
        child.stdout.close()


@pytest.mark.parametrize(
    ("day", "hour", "minute"),
    [(date(2026, 3, 8), 2, 30), (date(2026, 11, 1), 1, 30)],
    ids=["spring-forward-2:30", "fall-back-1:30"],
)
async def test_dst_day_walked_minute_by_minute_sends_once(
    storage: Storage,
    bot: Bot,
    briefing: Briefing,
    standin: BotApiStandin,
    day: date,
    hour: int,
    minute: int,
) -> None:
    """Running the engine every minute across a Toronto DST-change day sends exactly once."""
    zone = "America/Toronto"
    start = occurrence(day, 0, 0, zone)
    end = occurrence(day + timedelta(days=1), 0, 0, zone)
    await storage.subscribe(
        1,
        hour,
        minute,
        zone,
        now=start,
        next_due=lambda last: next_due(hour, minute, zone, after=start, last_local_day=last),
    )
    engine = delivery(storage, bot, briefing)
    now = start
    while now < end:
        await engine.run_once(now)
        now += timedelta(minutes=1)
    sends = standin.calls_to("sendMessage")
    assert len(sends) == len(briefing.renderer.daily(None, now=start))
    subscription = await storage.get(1)
    assert subscription is not None
    assert subscription.last_local_day == day


async def test_throttled_everyone_waits(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin
) -> None:
    """After a 429, sends through the overall limit wait out retry_after (virtual time)."""
    standin.add_fault(Fault("sendMessage", status=429, retry_after=1, chat_id=1))
    for chat in range(1, 6):
        await subscribe_due(storage, chat, NOW)
    waited, paced = VirtualTime(), VirtualTime()  # the 429's own wait; the overall limit's
    engine = Delivery(storage, bot, lambda: briefing, limits=FAST, sleep=waited.sleep)
    engine.sender.overall = RateLimit(FAST.rate, 50, paced.clock, paced.sleep)
    run = await engine.run_once(NOW)
    assert run.sent == 5
    assert standin.calls_to("sendMessage")[0].status == 429
    assert waited.waits == [1]
    # The pause holds the overall limit itself: the next sends through it wait it out.
    assert [wait for wait in paced.waits if wait >= 0.95]

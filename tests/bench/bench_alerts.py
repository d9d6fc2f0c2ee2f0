"""Benchmark: an alert ("New in the story") to many subscribers, against the same cap as the
daily broadcast in bench_delivery, through the real engine and the stand-in in its own
process. BENCH_QUICK=1 runs a small size in seconds."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from telegram import Bot

from bot.briefings.keyboards import alert_keyboard, welcome_keyboard
from bot.config import Settings
from bot.delivery.alerts import AlertSource
from bot.delivery.engine import Briefing, Delivery
from bot.runtime import broadcast_limits, broadcast_request
from bot.subscriptions.alert_storage import micros
from bot.subscriptions.storage import Storage
from briefs.render import Renderer
from tests.bench.bench_delivery import NOW, RATE, TOKEN, _standin
from tests.bot.delivery.test_alerts import confirmed_store
from tests.support.store import fixture_store

QUICK = os.environ.get("BENCH_QUICK") == "1"


def _fill(path: Path, count: int, seen: int) -> None:
    """`count` chats with alerts on, each last told about version `seen`."""
    with sqlite3.connect(path) as raw:
        stamp = NOW.isoformat()
        raw.executemany(
            "INSERT INTO alerts (chat_id, active, created_at, updated_at, seen_version,"
            " handled_version) VALUES (?, 1, ?, ?, ?, ?)",
            ((chat, stamp, stamp, seen, seen) for chat in range(1, count + 1)),
        )


async def _alert(count: int, base_url: str, directory: Path) -> tuple[float, float]:
    """Alert `count` chats of a store that confirms the Xi meeting; (msgs/s, CPU ms a msg)."""
    before, after = fixture_store(), confirmed_store(directory)
    path = directory / f"alert-{count}.sqlite3"
    storage = await Storage.open(path)
    _fill(path, count, micros(before.version))
    renderer = Renderer(after)
    daily = Briefing(renderer, after.version, welcome_keyboard(renderer))
    source = AlertSource(renderer, after.version, alert_keyboard(renderer))
    # The bot's own limits and request class, as the daily's bench uses.
    limits = broadcast_limits(Settings(broadcast_rate=RATE))
    request = broadcast_request(limits)
    async with Bot(TOKEN, base_url=f"{base_url}/bot", request=request) as bot:
        delivery = Delivery(
            storage, bot, lambda: daily, limits=limits, clock=lambda: NOW, alerts=lambda: source
        )
        started, cpu = time.perf_counter(), time.process_time()
        run = await delivery.alert_once(NOW)
        elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    await storage.close()
    assert run is not None
    assert run.sent == count, run
    return run.sent / elapsed, used / run.sent * 1000


def main() -> list[tuple[str, str]]:
    count = 2000 if QUICK else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        process, base_url = _standin()
        try:
            rate, cpu = asyncio.run(_alert(count, base_url, Path(tmp)))
        finally:
            process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()
    return [
        (f"alert {count:,} subscribers, cap {RATE:,.0f} msg/s: achieved",
         f"{rate:,.0f} msg/s ({rate / RATE:.0%} of cap)"),
        (f"alert {count:,}: CPU per message", f"{cpu:.2f} ms"),
    ]  # fmt: skip

"""Delivery at scale: broadcast rate through the stand-in, the due query on 1,000,000 rows,
and 1,000 concurrent /subscribe updates. BENCH_QUICK=1 runs small sizes in seconds.

The stand-in runs as a separate process (`python -m tests.support.botapi_standin --port 0`)
so its CPU is not billed to the bot. Subscribers are bulk-inserted with sqlite3 (setup, not
measured); everything measured goes through bot.subscriptions.storage, bot.delivery.engine and PTB.
"""

from __future__ import annotations

import asyncio
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Bot, Update

from bot.delivery.engine import Briefing, Delivery, Limits
from bot.delivery.transport import AiohttpRequest
from bot.subscriptions.schema import DUE
from bot.subscriptions.storage import Storage
from tests.support.botapi_standin import BotApiStandin  # noqa: F401 - the stand-in we spawn

ROOT = Path(__file__).resolve().parents[2]
QUICK = os.environ.get("BENCH_QUICK") == "1"
TOKEN = "123456:TEST-TOKEN"
NOW = datetime(2026, 1, 12, 13, 0, tzinfo=UTC)
RATE = 1000.0


def _fill(path: Path, count: int, spread_minutes: int = 0) -> None:
    """`count` active UTC subscriptions, all due at NOW (or spread over the day before it)."""
    with sqlite3.connect(path) as raw:
        stamp = NOW.isoformat()
        due = int(NOW.timestamp())
        raw.executemany(
            "INSERT INTO subscriptions (chat_id, hour, minute, tz, active, created_at,"
            " updated_at, next_due_utc) VALUES (?, 13, 0, 'UTC', 1, ?, ?, ?)",
            (
                (chat, stamp, stamp, due - 60 * (chat % spread_minutes if spread_minutes else 0))
                for chat in range(1, count + 1)
            ),
        )


def _standin() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.botapi_standin", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def _briefing() -> Briefing:
    from bot.briefings.keyboards import welcome_keyboard
    from briefs.render import Renderer
    from briefs.store import load_store

    store = load_store()
    renderer = Renderer(store)
    return Briefing(renderer, store.version, welcome_keyboard(renderer))


async def _broadcast(count: int, base_url: str, directory: Path) -> tuple[float, float, int]:
    """Deliver to `count` due subscribers; (msgs/s, CPU ms per message, messages)."""
    path = directory / f"bcast-{count}.sqlite3"
    storage = await Storage.open(path)
    _fill(path, count)
    limits = Limits(rate=RATE, workers=8, timeout=30.0, batch=500)
    request = AiohttpRequest(limits.pool, read_timeout=30.0)
    briefing = _briefing()
    parts = len(briefing.renderer.daily(None, now=NOW))
    async with Bot(TOKEN, base_url=f"{base_url}/bot", request=request) as bot:
        delivery = Delivery(storage, bot, lambda: briefing, limits=limits)
        started, cpu = time.perf_counter(), time.process_time()
        run = await delivery.run_once(NOW)
        elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    await storage.close()
    messages = run.sent * parts
    assert run.sent == count, run
    return messages / elapsed, used / messages * 1000, messages


def _due_query(directory: Path, count: int) -> list[tuple[str, str]]:
    path = directory / "million.sqlite3"

    async def create() -> None:
        await (await Storage.open(path)).close()

    asyncio.run(create())
    _fill(path, count, spread_minutes=1440)
    with sqlite3.connect(path) as raw:
        plan = raw.execute("EXPLAIN QUERY PLAN " + DUE, (0, 0, 0, 500)).fetchall()
    uses_index = any("subscriptions_due" in str(row[-1]) for row in plan)
    now = NOW - timedelta(hours=12)  # half the rows are due

    async def first_batch() -> tuple[float, float]:
        storage = await Storage.open(path)
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            async for batch in storage.due(now, 500):
                assert len(batch) == 500
                break
            timings.append(time.perf_counter() - started)
        await storage.close()
        with sqlite3.connect(path) as raw:
            started = time.perf_counter()
            raw.execute(
                "SELECT count(*) FROM subscriptions WHERE active = 1 AND next_due_utc"
                " BETWEEN ? AND ?",
                (int((NOW - timedelta(minutes=1)).timestamp()), int(NOW.timestamp())),
            ).fetchone()
            minute = time.perf_counter() - started
        return statistics.median(timings), minute

    batch, minute = asyncio.run(first_batch())
    return [
        (f"due query, {count:,} rows: plan uses subscriptions_due", "yes" if uses_index else "NO"),
        (f"due query, {count:,} rows: first batch of 500 (median)", f"{batch * 1000:.2f} ms"),
        (f"due query, {count:,} rows: count due in one minute", f"{minute * 1000:.2f} ms"),
    ]


async def _subscribes(directory: Path, count: int) -> list[tuple[str, str]]:
    from bot.app import build_application
    from bot.config import Settings
    from bot.console.offline import OfflineRequest
    from tests.support.updates import Updates

    settings = Settings(db_path=directory / "subs.sqlite3", flood_limit=10**6)
    app = build_application(settings, request=OfflineRequest(), updater=False)
    timings: list[float] = []
    async with app:
        assert app.post_init is not None
        assert app.post_shutdown is not None
        await app.post_init(app)
        updates = [
            Update.de_json(Updates(user_id=1000 + i).message("/subscribe 8am Toronto"), app.bot)
            for i in range(count)
        ]

        async def one(update: Update) -> None:
            started = time.perf_counter()
            await app.process_update(update)
            timings.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(one(u) for u in updates))
        total = time.perf_counter() - started
        await app.post_shutdown(app)
    with sqlite3.connect(settings.db_path) as raw:
        (saved,) = raw.execute("SELECT count(*) FROM subscriptions WHERE active = 1").fetchone()
    assert saved == count, f"{saved} of {count} subscriptions saved"
    return [
        (f"{count:,} concurrent /subscribe: all saved, total", f"{total:.2f} s"),
        (f"{count:,} concurrent /subscribe: rate", f"{count / total:,.0f} subscribes/s"),
        (f"{count:,} concurrent /subscribe: slowest reply (waits behind the rest)",
         f"{max(timings):.2f} s"),
    ]  # fmt: skip


def main() -> list[tuple[str, str]]:
    small, large = (500, 2000) if QUICK else (10_000, 100_000)
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        process, base_url = _standin()
        try:
            peaks = []
            for count in (small, large):
                rate, cpu, _messages = asyncio.run(_broadcast(count, base_url, directory))
                peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
                rows.append(
                    (f"broadcast {count:,} subscribers, cap {RATE:,.0f} msg/s: achieved",
                     f"{rate:,.0f} msg/s ({rate / RATE:.0%} of cap)")
                )  # fmt: skip
                rows.append((f"broadcast {count:,}: CPU per message", f"{cpu:.2f} ms"))
            rows.append(
                (f"peak RSS after {small:,} / {large:,} subscribers",
                 f"{peaks[0]:.0f} MB / {peaks[1]:.0f} MB")
            )  # fmt: skip
        finally:
            process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()
        rows += _due_query(directory, 20_000 if QUICK else 1_000_000)
        rows += asyncio.run(_subscribes(directory, 100 if QUICK else 1000))
    return rows


if __name__ == "__main__":
    for label, figure in main():
        print(f"{label}: {figure}")

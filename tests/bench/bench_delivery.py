"""Delivery at scale: broadcast rate through the stand-in, the due query on 1,000,000 rows,
and 1,000 concurrent /subscribe updates. BENCH_QUICK=1 runs small sizes in seconds.

The stand-in runs as a separate process (`python -m tests.support.botapi_standin --port 0`)
so its CPU is not billed to the bot. Subscribers are bulk-inserted with sqlite3 (setup, not
measured); everything measured goes through bot.subscriptions.storage, bot.delivery.engine and PTB.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Bot, Update
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.delivery.engine import Briefing, Delivery, Limits
from bot.runtime import broadcast_limits, broadcast_request
from bot.subscriptions.schema import DUE
from bot.subscriptions.storage import Storage
from tests.support.botapi_standin import BotApiStandin  # noqa: F401 - the stand-in we spawn
from tests.support.store import fixture_store

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

    store = fixture_store()
    renderer = Renderer(store)
    return Briefing(renderer, store.version, welcome_keyboard(renderer))


async def _broadcast(
    count: int, base_url: str, directory: Path, kind: str
) -> tuple[float, float, int]:
    """Deliver to `count` due subscribers with the bot's own limits (workers, pool, timeouts)
    at a cap of RATE, through the `kind` request class; (msgs/s, CPU ms per message, messages)."""
    path = directory / f"bcast-{count}.sqlite3"
    storage = await Storage.open(path)
    _fill(path, count)
    limits = broadcast_limits(Settings(broadcast_rate=RATE))
    request = broadcast_request(limits) if kind == "aiohttp" else _httpx(limits)
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


def _httpx(limits: Limits) -> HTTPXRequest:
    """PTB's default request class, with the same pool and timeouts as ours."""
    return HTTPXRequest(
        connection_pool_size=limits.pool + 2,
        read_timeout=limits.timeout,
        write_timeout=limits.timeout,
        connect_timeout=limits.timeout,
        pool_timeout=limits.timeout,
    )


def _child(count: int, base_url: str, kind: str) -> None:
    """One broadcast in this fresh process; prints its figures and its peak RSS as JSON.

    The peak is VmHWM, this process image's own high-water mark: Linux carries ru_maxrss
    over exec, so a child started from the bench reports the bench's peak there."""
    with tempfile.TemporaryDirectory() as tmp:
        rate, cpu, messages = asyncio.run(_broadcast(count, base_url, Path(tmp), kind))
    status = Path("/proc/self/status").read_text()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
    print(json.dumps({"rate": rate, "cpu": cpu, "messages": messages, "peak": peak}))


def _in_fresh_process(count: int, base_url: str, kind: str) -> dict[str, float]:
    command = [sys.executable, "-m", "tests.bench.bench_delivery", str(count), base_url, kind]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _broadcasts(small: int, large: int, base_url: str) -> list[tuple[str, str]]:
    """Ours and PTB's default side by side at `small`; ours alone at `large` (PTB's default
    would take twice as long there). Each broadcast runs in a fresh process, so its peak
    RSS is its own."""
    ours = _in_fresh_process(small, base_url, "aiohttp")
    ptb = _in_fresh_process(small, base_url, "httpx")
    big = _in_fresh_process(large, base_url, "aiohttp")
    cap = f"cap {RATE:,.0f} msg/s"
    return [
        (f"broadcast {small:,} subscribers, {cap}: aiohttp request (ours)",
         f"{ours['rate']:,.0f} msg/s ({ours['rate'] / RATE:.0%} of cap)"),
        (f"broadcast {small:,} subscribers, {cap}: PTB's default HTTPXRequest",
         f"{ptb['rate']:,.0f} msg/s ({ptb['rate'] / RATE:.0%} of cap)"),
        (f"broadcast {small:,}: ours / PTB's default rate", f"{ours['rate'] / ptb['rate']:.2f}x"),
        (f"broadcast {small:,}: CPU per message, ours", f"{ours['cpu']:.2f} ms"),
        (f"broadcast {small:,}: CPU per message, PTB's default", f"{ptb['cpu']:.2f} ms"),
        (f"broadcast {large:,} subscribers, {cap}: aiohttp request (ours)",
         f"{big['rate']:,.0f} msg/s ({big['rate'] / RATE:.0%} of cap)"),
        (f"broadcast {large:,}: CPU per message, ours", f"{big['cpu']:.2f} ms"),
        (f"broadcast {small:,}: peak RSS of a fresh process", f"{ours['peak']:.0f} MB"),
        (f"broadcast {large:,}: peak RSS of a fresh process", f"{big['peak']:.0f} MB"),
    ]  # fmt: skip


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
    small, large = (500, 2000) if QUICK else (5_000, 50_000)
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        process, base_url = _standin()
        try:
            rows += _broadcasts(small, large, base_url)
        finally:
            process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()
        rows += _due_query(directory, 20_000 if QUICK else 1_000_000)
        rows += asyncio.run(_subscribes(directory, 100 if QUICK else 1000))
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 4:  # a broadcast in a fresh process: count, stand-in URL, request kind
        _child(int(sys.argv[1]), sys.argv[2], sys.argv[3])
    else:
        for label, figure in main():
            print(f"{label}: {figure}")

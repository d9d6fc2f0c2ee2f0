"""Delivery when things go wrong mid-run: stops, failing writes, /forget, upgraded groups."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot
from telegram.request import RequestData

from bot.console.offline import OfflineCall, OfflineRequest
from bot.delivery.engine import Briefing, Delivery
from bot.subscriptions.storage import Storage
from tests.bot.subscriptions_helpers import FAST, TOKEN, delivery, subscribe_due
from tests.support.botapi_standin import BotApiStandin, Fault
from tests.support.waiting import until

NOW = datetime(2026, 1, 12, 13, 0, tzinfo=UTC)


def rows(tmp_path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(tmp_path / "subs.sqlite3") as raw:
        return raw.execute(sql).fetchall()


def per_chat(standin: BotApiStandin) -> dict[int, int]:
    counts: dict[int, int] = {}
    for call in standin.calls_to("sendMessage"):
        counts[call.params["chat_id"]] = counts.get(call.params["chat_id"], 0) + 1
    return counts


async def test_a_stop_mid_run_gives_back_the_claims_no_worker_started(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin, tmp_path: Path
) -> None:
    """Stopped while two sends hang: only those two were claimed, so only they stay
    unresolved; the next run sends everyone else, and nobody gets two copies."""
    hung = threading.Event()
    for chat in (1, 2):
        standin.add_fault(Fault("sendMessage", status=200, hold=hung, chat_id=chat))
    for chat in range(1, 11):
        await subscribe_due(storage, chat, NOW)
    one_part = replace(briefing, renderer=_OnePart())
    limits = replace(FAST, workers=2)
    engine = Delivery(storage, bot, lambda: one_part, limits=limits, clock=lambda: NOW)
    await engine.start()
    claimed = "SELECT count(*) FROM deliveries WHERE status = 'pending'"
    await asyncio.to_thread(standin.wait_received, "sendMessage", 2)  # both workers hang
    # Each claim is committed before its send: the two hanging ones; the queued chats wait
    # for a free worker, so none of them is claimed yet.
    assert rows(tmp_path, claimed) == [(2,)]
    await engine.stop()
    hung.set()
    assert rows(tmp_path, "SELECT chat_id FROM deliveries ORDER BY chat_id") == [(1,), (2,)]
    assert await storage.recover() == 2
    run = await delivery(storage, bot, one_part).run_once(NOW)
    assert (run.sent, run.deferred) == (8, 2)
    standin.wait_for("sendMessage", lambda c: c.params["chat_id"] == 2)
    assert per_chat(standin) == dict.fromkeys(range(1, 11), 1)


async def test_a_restart_blames_the_last_stop_not_a_crash(
    storage: Storage, bot: Bot, briefing: Briefing, caplog: pytest.LogCaptureFixture
) -> None:
    """Claims left pending (by a crash or a clean stop) are reported as the last stop's."""
    await storage.claim([(1, NOW.date(), NOW)], now=NOW)
    engine = Delivery(storage, bot, lambda: briefing, limits=FAST, clock=lambda: NOW)
    await engine.start()
    await engine.stop()
    assert "1 deliveries were interrupted by the last stop; not resent" in caplog.text
    assert "crash" not in caplog.text


async def test_finished_sends_are_written_while_another_send_is_slow(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin, tmp_path: Path
) -> None:
    """A sent briefing reaches the log promptly (with the next commit), not when the run ends."""
    slow = threading.Event()
    standin.add_fault(Fault("sendMessage", status=200, hold=slow, chat_id=2))
    for chat in (1, 2):
        await subscribe_due(storage, chat, NOW)
    one_part = replace(briefing, renderer=_OnePart())
    engine = delivery(storage, bot, one_part, replace(FAST, workers=2))
    running = asyncio.create_task(engine.run_once(NOW))
    sent = "SELECT chat_id FROM deliveries WHERE status = 'sent'"
    await until(lambda: rows(tmp_path, sent) == [(1,)])
    assert not running.done()
    slow.set()
    run = await running
    assert run.sent == 2
    assert run.finished_at is not None  # the run's log line shows when it ended


async def test_a_failing_log_write_neither_kills_workers_nor_loses_outcomes(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin, tmp_path: Path
) -> None:
    """While the log cannot be written the run keeps sending, and the outcomes are written
    once it can: every chat sent once, logged sent."""
    for chat in range(1, 7):
        await subscribe_due(storage, chat, NOW)
    slow = threading.Event()  # chat 6's send stays in flight while the log cannot be written
    standin.add_fault(Fault("sendMessage", status=200, hold=slow, chat_id=6))
    with sqlite3.connect(tmp_path / "subs.sqlite3") as raw:
        raw.executescript(
            "CREATE TABLE block (x); INSERT INTO block VALUES (1);"
            "CREATE TRIGGER locked BEFORE UPDATE ON subscriptions WHEN EXISTS"
            " (SELECT 1 FROM block) BEGIN SELECT RAISE(ABORT, 'database is locked'); END;"
        )
    one_part = replace(briefing, renderer=_OnePart())
    limits = replace(FAST, workers=2, batch=1)
    failures: list[logging.LogRecord] = []
    handler = _Collect(failures)
    logging.getLogger("bot.delivery.engine").addHandler(handler)
    try:
        task = asyncio.create_task(delivery(storage, bot, one_part, limits).run_once(NOW))
        await until(lambda: len(failures) >= 2)
        await asyncio.to_thread(rows, tmp_path, "DELETE FROM block")  # the loop must go on
        slow.set()
        run = await asyncio.wait_for(task, 10)
    finally:
        logging.getLogger("bot.delivery.engine").removeHandler(handler)
    assert run.sent == 6
    assert per_chat(standin) == dict.fromkeys(range(1, 7), 1)
    assert rows(tmp_path, "SELECT DISTINCT status FROM deliveries") == [("sent",)]


async def test_a_failing_run_ends_and_the_loop_tries_again_next_minute(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin
) -> None:
    """A run that fails (here: rendering) ends instead of hanging; the next minute delivers."""
    await subscribe_due(storage, 1, NOW)
    renderer = _FailsOnce()
    waits: list[float] = []
    stopped = asyncio.Event()

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) >= 2:
            await stopped.wait()

    engine = Delivery(
        storage,
        bot,
        lambda: replace(briefing, renderer=renderer),
        limits=FAST,
        clock=lambda: NOW,
        sleep=sleep,
    )
    await engine.start()
    await until(lambda: len(waits) >= 2)
    await engine.stop()
    assert waits[0] == pytest.approx(60.05)
    assert renderer.calls == 2
    assert per_chat(standin) == {1: 1}


async def test_forget_during_a_send_leaves_no_log_row(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin, tmp_path: Path
) -> None:
    """/forget while the chat's briefing is on its way: afterwards nothing about it is stored."""
    on_its_way = threading.Event()
    standin.add_fault(Fault("sendMessage", status=200, hold=on_its_way, chat_id=1))
    await subscribe_due(storage, 1, NOW)
    one_part = replace(briefing, renderer=_OnePart())
    task = asyncio.create_task(delivery(storage, bot, one_part).run_once(NOW))
    await until(lambda: rows(tmp_path, "SELECT status FROM deliveries") == [("pending",)])
    assert await storage.forget(1)
    on_its_way.set()
    await task
    assert rows(tmp_path, "SELECT * FROM deliveries") == []
    assert await storage.get(1) is None


async def test_an_upgraded_group_moves_to_its_supergroup_and_is_sent_there(
    storage: Storage, briefing: Briefing, tmp_path: Path
) -> None:
    """ChatMigrated: the subscription and its log move to the new id, which gets the briefing
    in the same run; a supergroup with its own subscription retires the old one instead."""
    request = _Upgraded({-1: -1001, -2: -1002})
    await subscribe_due(storage, -1, NOW)
    await subscribe_due(storage, -2, NOW)
    await subscribe_due(storage, -1002, NOW.replace(hour=14))
    upgraded = Bot(TOKEN, request=request, get_updates_request=request)
    run = await delivery(storage, upgraded, replace(briefing, renderer=_OnePart())).run_once(NOW)
    sent = [c.params["chat_id"] for c in request.calls_to("sendMessage")]
    assert sorted(sent) == [-1001, -2, -1]
    assert sent.index(-1) < sent.index(-1001)
    assert (run.sent, run.deactivated) == (1, 1)
    assert await storage.get(-1) is None
    moved = await storage.get(-1001)
    assert moved is not None
    assert moved.active
    assert moved.last_local_day == NOW.date()
    log = rows(tmp_path, "SELECT chat_id, status, attempts FROM deliveries ORDER BY chat_id")
    assert log == [(-1001, "sent", 2), (-2, "failed", 1)]
    retired = await storage.get(-2)
    assert retired is not None
    assert not retired.active
    assert "-1002 has its own subscription" in (retired.deactivated_reason or "")


async def test_a_minute_with_nothing_due_writes_nothing(
    storage: Storage, bot: Bot, briefing: Briefing, tmp_path: Path
) -> None:
    """An idle minute's run commits nothing (no runs row written and deleted again)."""
    await subscribe_due(storage, 1, NOW.replace(hour=20))
    with sqlite3.connect(tmp_path / "subs.sqlite3") as raw:
        before = raw.execute("PRAGMA data_version").fetchone()
        run = await delivery(storage, bot, briefing).run_once(NOW)
        assert raw.execute("PRAGMA data_version").fetchone() == before
    assert run.due == 0
    assert rows(tmp_path, "SELECT count(*) FROM runs") == [(0,)]


async def test_log_reasons_do_not_repeat_telegrams_prefix(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin
) -> None:
    """A blocked chat's reason reads as Telegram said it, without a doubled "Forbidden: "."""
    standin.add_fault(Fault("sendMessage", status=403, chat_id=1))
    await subscribe_due(storage, 1, NOW)
    await delivery(storage, bot, briefing).run_once(NOW)
    blocked = await storage.get(1)
    assert blocked is not None
    assert blocked.deactivated_reason == "Forbidden: bot was blocked by the user"


class _OnePart:
    def daily(self, since: datetime | None, **_: object) -> list[str]:
        return ["one part"]


class _FailsOnce:
    def __init__(self) -> None:
        self.calls = 0

    def daily(self, since: datetime | None, **_: object) -> list[str]:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("a template error")
        return ["one part"]


class _Collect(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record)


class _Upgraded(OfflineRequest):
    """Telegram's answer for a group that became a supergroup: 400 with migrate_to_chat_id."""

    def __init__(self, moved: dict[int, int]) -> None:
        super().__init__()
        self.moved = moved

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kw: Any
    ) -> tuple[int, bytes]:
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        new = self.moved.get(params.get("chat_id", 0))
        if not url.lower().endswith("/sendmessage") or new is None:
            return await super().do_request(url, method, request_data, *args, **kw)
        self.calls.append(OfflineCall("sendMessage", params, None))
        body = {
            "ok": False,
            "error_code": 400,
            "description": "Bad Request: group chat was upgraded to a supergroup chat",
            "parameters": {"migrate_to_chat_id": new},
        }
        return 400, json.dumps(body).encode()
